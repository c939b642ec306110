"""The ``train`` command: retrain the learned relation model on a user's annotated corpus."""

from __future__ import annotations

from pathlib import Path

import click

from pharmgraph.errors import InputError


@click.command(
    epilog="""
\b
Examples:
  pharmgraph train ../shared/corpora/drugprot/training -o my_model.json.gz
  pharmgraph train CDR_TrainingSet.PubTator.txt -o my_model.json.gz
  pharmgraph train drugprot/training my_cid.bioc.xml -o my_model.json.gz --base none
  pharmgraph train CDR_TrainingSet.PubTator.txt --tune-on CDR_DevelopmentSet.PubTator.txt \
      -o my_model.json.gz      # the recipe of the shipped chemical-disease heads
  PHARMGRAPH_MODEL=my_model.json.gz pharmgraph extract paper.txt
\b
CORPUS is a DrugProt folder (*_abstracs.tsv, *_entities.tsv, *_relations.tsv: trains the
chemical-gene head, 13 relation types; its NONE bias, network weight and extract threshold are
chosen by 5-fold cross-validation on the corpus, for the task's micro-F1, and the head is then
trained on all of it), or a PubTator or BioC XML file with Chemical and
Disease mentions and CID relations (trains the chemical-disease heads; several such files
train together, as do several DrugProt folders). With --tune-on, the chemical-disease heads
read pharmgraph's own mentions (as extract finds them), the document head's thresholds are
tuned on the --tune-on documents, and both heads are then retrained on all of them: the
shipped model's recipe. Without it they learn on the corpus's gold mentions. Heads you do not
retrain are copied from --base (the shipped model by default; 'none' for none). The model
is gzip'd JSON; extract uses it when PHARMGRAPH_MODEL names it, evaluate with --model.
"""
)
@click.argument("corpora", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the model (gzip'd JSON).",
)
@click.option(
    "--base",
    default=None,
    help="Model whose other heads are kept: a file, or 'none' (default: the shipped model).",
)
@click.option(
    "-C",
    "--regularisation",
    "c",
    type=click.FloatRange(min=1e-6),
    default=None,
    help="Inverse regularisation strength (default 0.01 for chemical-gene, 0.05 for CID).",
)
@click.option(
    "--tune-on",
    "tune_on",
    multiple=True,
    type=click.Path(path_type=Path),
    help="PubTator or BioC file(s) with CID relations to tune the chemical-disease heads on "
    "(repeatable); they are then trained on it as well.",
)
def train(
    corpora: tuple[Path, ...],
    output: Path,
    base: str | None,
    c: float | None,
    tune_on: tuple[Path, ...],
) -> None:
    """Train the relation model that `extract` and `evaluate` apply, on annotated corpora."""
    from pharmgraph.evaluation.bc5cdr import train_cid_heads, train_cid_tuned
    from pharmgraph.evaluation.corpora import read_training_corpus
    from pharmgraph.evaluation.drugprot import DrugProtCorpus
    from pharmgraph.evaluation.extractor import train_drugprot_head
    from pharmgraph.extract.learned import MODEL_PATH, RelationModel

    heads = {}
    if base is None or base.lower() != "none":
        source = Path(base) if base else MODEL_PATH
        if base or source.is_file():
            heads.update(RelationModel.load(source).heads)
    trained = []
    drugprot: list[DrugProtCorpus] = []
    records = []
    for path in corpora:
        corpus = read_training_corpus(path)
        if isinstance(corpus, DrugProtCorpus):
            drugprot.append(corpus)
        else:
            records.extend(corpus)
    if drugprot:
        merged = DrugProtCorpus(
            {pmid: a for corpus in drugprot for pmid, a in corpus.abstracts.items()},
            {r for corpus in drugprot for r in corpus.relations or ()},
            drugprot[0].folder if len(drugprot) == 1 else None,
        )
        head = train_drugprot_head(merged, **({"c": c} if c else {}))
        heads[head.name] = head
        trained.append(f"{head.name} ({len(merged)} abstracts, {len(head.features)} features)")
    development = []
    for path in tune_on:
        corpus = read_training_corpus(path)
        if isinstance(corpus, DrugProtCorpus):
            raise InputError(f"{path}: --tune-on takes PubTator or BioC files with CID relations, not a DrugProt folder.")
        development.extend(corpus)
    if development and not records:
        raise InputError("--tune-on needs a PubTator or BioC training corpus to tune the heads trained on it.")
    if records:
        if development:
            from pharmgraph.lexicon import default_lexicon

            cid_heads, figures = train_cid_tuned(records, development, default_lexicon(), **({"c": c} if c else {}))
            click.echo(f"Tuned on {len(development)} documents: CID F1 {figures['f1']:.3f} there.")
        else:
            cid_heads = train_cid_heads(records, **({"c": c} if c else {}))
        for head in cid_heads:
            heads[head.name] = head
            trained.append(f"{head.name} ({len(records) + len(development)} documents, {len(head.features)} features)")
    if not heads:
        raise InputError("Nothing to write: no head was trained.")
    size = RelationModel(heads).save(output)
    click.echo(f"Trained {'; '.join(trained)}.")
    click.echo(f"Wrote {output} ({size / 1e6:.1f} MB; heads: {', '.join(heads)}).")


COMMANDS = [train]
