"""The built-in lexicon of drugs, targets, effects and diseases, and the fast name matcher.

Examples
--------
>>> from pharmgraph.lexicon import default_lexicon
>>> lexicon = default_lexicon()
>>> [m.entity.label for m in lexicon.matcher().find("Lamotrigine blocks Na+ channels.")]
['lamotrigine', 'voltage-gated sodium channel']
"""

from pharmgraph.lexicon.annotations import gene_processes, genes_in_process
from pharmgraph.lexicon.check import Finding, check_lexicon
from pharmgraph.lexicon.core import (
    ENV_VAR,
    Lexicon,
    Term,
    builtin_dir,
    builtin_paths,
    default_lexicon,
    lexicon_with,
    load_lexicon,
)
from pharmgraph.lexicon.importers import (
    read_hetionet,
    read_lexicon_file,
    read_obo,
    read_tsv,
    write_tsv,
)
from pharmgraph.lexicon.matcher import Match, Matcher, match_policy
from pharmgraph.lexicon.normalize import key_variants, name_key, tokenize

__all__ = [
    "ENV_VAR",
    "Finding",
    "Lexicon",
    "Match",
    "Matcher",
    "Term",
    "builtin_dir",
    "builtin_paths",
    "check_lexicon",
    "default_lexicon",
    "gene_processes",
    "genes_in_process",
    "key_variants",
    "lexicon_with",
    "load_lexicon",
    "match_policy",
    "name_key",
    "read_hetionet",
    "read_lexicon_file",
    "read_obo",
    "read_tsv",
    "tokenize",
    "write_tsv",
]
