"""Build the generated lexicon files in ``src/pharmgraph/data/lexicon`` from public resources.

Nothing is downloaded at run time: this script writes, once,

- ``generated.tsv.gz``: entities, names and cross-references (see :mod:`pharmgraph.lexicon`);
- ``gene_go.tsv.gz``: GO biological processes of human genes (NCBI Gene -> GO, direct
  annotations, see :mod:`pharmgraph.lexicon.annotations`);
- ``sources.json``: each source with its version, and the counts the build measured;
- ``stopwords.txt`` is left as it is (hand-written).

Sources (names and identifiers only):

- Bioconductor ``org.Hs.eg.db`` and ``GO.db`` as shipped by Debian (``r-bioc-org.hs.eg.db``,
  ``r-bioc-go.db``): NCBI Gene symbols (HGNC-approved), full names, aliases, UniProt and
  Ensembl cross-references, GO annotations of human genes; GO terms and synonyms. When the
  SQLite files are not in ``--bioconductor``, they are fetched with ``apt-get download`` and
  unpacked with ``dpkg-deb -x`` (no R needed);
- Hetionet v1.0 nodes: Compounds (DrugBank), Genes, Diseases (DOID), Side Effects (UMLS),
  Biological Processes (GO), Symptoms (MeSH);
- DrugMechDB: drug MeSH ids for DrugBank ids, proteins (UniProt, mapped to NCBI Gene through
  the Bioconductor UniProt table), protein families, diseases (MeSH), phenotypes (HP),
  processes (GO), chemicals (MeSH, ChEBI);
- BC5CDR *training and development* annotations (never the test split): MeSH ids of
  chemicals and diseases with their mention texts;
- DrugProt *training* abstracts and entity spans: only to measure how often each gene alias
  matches outside an annotated entity (aliases that mostly do are left out).

Primary namespaces (the id an entity is stored under; the others are cross-references):
drugs DrugBank (Hetionet and DrugMechDB key compounds by it; MeSH, ChEBI, PubChem kept as
xrefs; chemicals without a DrugBank id keep their MeSH id); genes and proteins NCBI Gene
(symbol = HGNC symbol, UniProt and Ensembl as xrefs); processes GO; diseases MeSH (the text
side, BC5CDR and DrugMechDB use it; Hetionet's DOID ids are joined by name and kept as xrefs);
adverse events the UMLS ids of Hetionet's side effects, joined to the MeSH disease of the
same name.

Curated entries (``curated.tsv``) come first and claim their names: a generated entity never
takes a name that a curated entity has (so "COX-1" stays with PTGS1 whatever a source says).

Usage::

    nice python scripts/build_lexicon.py [--corpora ../shared/corpora] [--bioconductor DIR]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pharmgraph.identifiers import check_curie  # noqa: E402
from pharmgraph.lexicon.core import Lexicon, Term, name_forms  # noqa: E402
from pharmgraph.lexicon.importers import read_tsv, write_tsv  # noqa: E402
from pharmgraph.lexicon.matcher import match_policy, stopwords  # noqa: E402
from pharmgraph.lexicon.normalize import cased_tokens, name_key  # noqa: E402
from pharmgraph.vocabulary import type_group  # noqa: E402

DATA = ROOT / "src" / "pharmgraph" / "data" / "lexicon"
BIOC_CACHE = Path.home() / ".cache" / "pharmgraph" / "bioconductor"
BIOC_PACKAGES = {"org.Hs.eg.sqlite": "r-bioc-org.hs.eg.db", "GO.sqlite": "r-bioc-go.db"}

# Gene symbol prefixes -> target subtype (a rough guide; Protein otherwise).
_GENE_TYPES = [
    (
        "IonChannel",
        r"SCN\d|SCNN1|CACN|KCN|HCN\d|CLCN|TRP[ACMVP]|PKD2|ORAI|RYR|ITPR|P2RX|ASIC|PIEZO|CNG[AB]|TPCN|HVCN|ANO\d|BEST\d|CFTR|GJ[ABCD]\d|PANX",
    ),
    (
        "Receptor",
        r"GABR|GRI[AKND]|GRM\d|GLR[AB]|CHRN|CHRM|HTR\d|DRD\d|ADR[AB]\d|OPR[MDKL]|CNR\d|HRH\d|NR[0-6][A-Z]\d|ESR\d|PGR$|RXR|RAR[ABG]|PPAR|TLR\d|P2RY|ADORA|AGTR|EDNR|NPY\dR|TACR|AVPR|OXTR|CCKAR|CCKBR|GHSR|MC\dR|CRHR|SSTR|VIPR|GLP1R|GCGR|INSR|IGF1R|EGFR|ERBB|KDR|FLT\d|PDGFR|FGFR|TNFRSF|IL\d+R|CXCR|CCR\d|S1PR|LPAR|PTGER|PTGFR|TBXA2R|CYSLTR|F2R|BDKRB|TSHR|LHCGR|FSHR|PTH1R|CALCR|GPR\d|TAAR|SIGMAR|AHR$|VDR$|THR[AB]|ESRR|NTRK|MET$|KIT$|RET$|ROS1",
    ),
    ("Transporter", r"SLC\d|ABC[A-G]\d|ATP1[AB]|ATP2[ABC]|ATP4|ATP12|AQP\d|SV2[ABC]"),
    (
        "Enzyme",
        r"CYP\d|UGT\d|SULT|MAO[AB]|COMT|ACHE|BCHE|PDE\d|HDAC|SIRT|PTGS|ALOX|NOS\d|CA\d+$|ADH\d|ALDH|GST[AMPTO]|HMGCR|DHFR|TYMS|TOP[12]|PARP|MMP\d|CASP\d|ABAT|GAD[12]|DDC$|TPH[12]|DBH$|PNMT|MAPK|JAK\d|CDK\d|PIK3C|AKT\d|PRKC|PRKA[ABC]|ROCK\d|ABL\d|BTK$|ALK$|SYK$|ACE\d?$|REN$|XDH$|ADA$|AOC\d|SRD5A|CES\d|FAAH|MGLL|ACAC|FASN|HSD\d|DPP4|PLA2G|PLC[BGDEZ]|NAT[12]$|TPMT|RRM[12]|IMPDH|ODC1|KMO$|IDO1|TDO2|HPGDS|PTPN|PPP\d|GSK3|MTOR|BRAF|RAF1|SRC$|LCK$|FYN$|EPHX|NQO\d|HMOX|SOD\d|CAT$|GPX\d|TXNRD|PTK2|AURK|PLK\d|WEE1|CHEK|ATM$|ATR$|DNMT|EZH2|KDM|KAT\d|DHODH|GART|ATIC|CHKA|ACLY|HPRT|TK1|POL[ABDEGHR]",
    ),
]
_GENE_RES = [(kind, re.compile(f"(?:{pattern})")) for kind, pattern in _GENE_TYPES]

_PROTEIN_WORDS = [
    ("IonChannel", re.compile(r"\bchannel\b", re.I)),
    ("Receptor", re.compile(r"\breceptor\b", re.I)),
    (
        "Transporter",
        re.compile(r"\b(transporter|symporter|antiporter|exchanger|pump|carrier)\b", re.I),
    ),
    ("Enzyme", re.compile(r"\w(ase)\b", re.I)),
]

_DRUGBANK_RE = re.compile(r"^DB\d{5}$")


def gene_type(symbol: str) -> str:
    """Return the target subtype a gene symbol most likely names."""
    for kind, pattern in _GENE_RES:
        if pattern.match(symbol):
            return kind
    return "Protein"


def protein_type(name: str) -> str:
    """Return the target subtype a protein name most likely names."""
    for kind, pattern in _PROTEIN_WORDS:
        if pattern.search(name):
            return kind
    return "Protein"


def tidy(name: str) -> str:
    """Lower-case the words of a name that are only capitalised (``Lung Neoplasms``).

    Title Case headings (MeSH, DrugMechDB) would otherwise be matched by exact case only;
    symbols and acronyms (``ACE``, ``B``, ``mRNA``) keep their case.
    """
    words = " ".join(name.split()).split(" ")
    out = []
    for word in words:
        if len(word) > 1 and word[0].isupper() and word[1:].islower() and word[1:].isalpha():
            word = word[0].lower() + word[1:]
        elif len(word) > 1 and word[0].isupper() and "-" in word:
            head, _, tail = word.partition("-")
            if head[1:].islower() and head[1:].isalpha():
                word = head[0].lower() + head[1:] + "-" + tail
        out.append(word)
    return " ".join(out)


_UNIPROT_RE = re.compile(r"^[OPQ][0-9][A-Z0-9]{3}[0-9]$|^[A-NR-Z][0-9][A-Z][A-Z0-9]{2}[0-9]$")


_PRIMARY = {"Disease": "mesh:", "Drug": "drugbank:", "Target": "NCBIGene:"}


def uninvert(name: str) -> str | None:
    """Return a MeSH-style inverted name in reading order (``Diabetes Mellitus, Type 2``)."""
    head, sep, tail = name.partition(", ")
    if not sep or ", " in tail or not head or not tail:
        return None
    return f"{tail[0].lower() + tail[1:] if tail[1:2].islower() else tail} {head}"


def disease_variants(name: str) -> list[str]:
    """Return other spellings under which a disease name may appear in another source."""
    out = []
    if name.endswith(" cancer"):
        out += [name[:-7] + " neoplasms", name[:-7] + " neoplasm"]
    return out


# US and British spellings of the same word parts, (US pattern, British form) and back.
_SPELLINGS = [
    (r"(?<!o)estrogen", "oestrogen"),
    (r"(?<![a-z])hem(?=o|at|orrh)", "haem"),
    (r"(?<=[a-z])(?<!a)emia\b", "aemia"),
    (r"(isch|glyc|leuk|sept|bacter|lip)emic\b", r"\1aemic"),
    (r"(?<![a-z])edema", "oedema"),
    (r"(?<![a-z])esophag", "oesophag"),
    (r"diarrhea", "diarrhoea"),
    (r"tumor", "tumour"),
    (r"(?<![a-z])pediatric", "paediatric"),
    (r"(?<![a-z])fet(?=al\b|us\b)", "foet"),
    (r"(?<![a-z])celiac", "coeliac"),
    (r"anesthe", "anaesthe"),
    (r"gynecolog", "gynaecolog"),
    (r"behavior", "behaviour"),
    (r"(?<=[a-z])ization\b", "isation"),
    (r"(?<![a-z])sulf(?=on|at|ide|ur)", "sulph"),
]
_SPELLING_RE = [(re.compile(us), uk) for us, uk in _SPELLINGS]


def spelling_variants(name: str) -> list[str]:
    """Return the name in the other spelling (US <-> British), when a rule changes it.

    Examples
    --------
    >>> spelling_variants("gastrointestinal hemorrhage"), spelling_variants("oestrogen receptor")
    (['gastrointestinal haemorrhage'], ['estrogen receptor'])
    >>> spelling_variants("membrane depolarization"), spelling_variants("systemic lupus")
    (['membrane depolarisation'], [])
    """
    if not name.islower() and not name[:1].isupper():
        return []  # written in mixed case from its first letter (cAMP, mGluR5): a symbol
    # Other symbols (CYP2C9, HbA1c) pass, but no rule matches them: the rules read lower-case
    # word parts only.
    lower = name.lower()
    uk = lower
    for us_re, british in _SPELLING_RE:
        uk = us_re.sub(british, uk)
    out = []
    if uk != lower:
        out.append(uk)
    back = lower
    for us_form, british in _US_FORMS:
        back = back.replace(british, us_form)
    if back != lower:
        out.append(back)
    return out


# The British forms written back in US spelling (plain replacements, applied in this order,
# so "haemorrh" is replaced before the shorter "haemo").
_US_FORMS = [
    ("estrogen", "oestrogen"),
    ("hemorrh", "haemorrh"),
    ("hemat", "haemat"),
    ("hemo", "haemo"),
    ("emia", "aemia"),
    ("emic", "aemic"),
    ("edema", "oedema"),
    ("esophag", "oesophag"),
    ("diarrhea", "diarrhoea"),
    ("tumor", "tumour"),
    ("pediatric", "paediatric"),
    ("fetal", "foetal"),
    ("fetus", "foetus"),
    ("celiac", "coeliac"),
    ("anesthe", "anaesthe"),
    ("gynecolog", "gynaecolog"),
    ("behavior", "behaviour"),
    ("ization", "isation"),
    ("sulf", "sulph"),
]


def add_spellings(builder: Builder) -> int:
    """Give every entity its names in the other spelling (haemorrhage and hemorrhage)."""
    added = 0
    for ident in list(builder.entities):
        rec = builder.entities[ident]
        names = [rec["label"], *rec["synonyms"]]
        variants = [v for n in names for v in spelling_variants(n)]
        if variants:
            added += builder.add_names(ident, variants)
    return added


def _cased_apart(a: str, b: str) -> bool:
    """Return True when two names are both matched by exact case and written differently."""
    return (
        match_policy(a) == "exact"
        and match_policy(b) == "exact"
        and "".join(cased_tokens(a)) != "".join(cased_tokens(b))
    )


def _group(kind: str) -> str:
    """Return the family of types within which entities merge by name."""
    if kind in ("DrugClass", "EndogenousSubstance"):
        return "Drug"
    group = type_group(kind)
    return "Disease" if group in ("Disease", "AdverseEvent") else group


class Builder:
    """Merge entities from many sources into one table."""

    def __init__(self) -> None:
        self.entities: dict[str, dict] = {}  # id -> record
        self.curated: set[str] = set()
        self.by_curie: dict[str, str] = {}
        self.by_name: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
        self.claimed: dict[str, str] = {}  # name key -> curated entity id
        self.claimed_names: dict[str, list[str]] = collections.defaultdict(list)
        self.withheld: collections.Counter = collections.Counter()

    def _index(self, ident: str) -> None:
        rec = self.entities[ident]
        for curie in (ident, *rec["xrefs"]):
            self.by_curie.setdefault(curie.lower(), ident)
        group = _group(rec["type"])
        for name in (rec["label"], *rec["synonyms"]):
            self.by_name[(group, name_key(name))].add(ident)

    def _free(self, names, owner: str | None) -> list[str]:
        """Return the names not claimed by a curated entity other than ``owner``."""
        out = []
        for name in names:
            key = name_key(name)
            claim = self.claimed.get(key)
            if claim is not None and all(_cased_apart(name, n) for n in self.claimed_names[key]):
                claim = None  # written apart and matched by case (CAMP, the gene; cAMP)
            if claim is not None and claim != owner:
                self.withheld[claim] += 1
                continue
            out.append(name)
        return out

    def add(self, term: Term, curated: bool = False, by_name: bool = True) -> str | None:
        """Add a term; return the id of the entity it became part of (None when dropped)."""
        ident = check_curie(term.id)
        if ident is None:
            return None
        xrefs = [x for x in (check_curie(x) for x in term.xrefs) if x and x != ident]
        target = self.by_curie.get(ident.lower())
        if target is None:
            for x in xrefs:
                found = self.by_curie.get(x.lower())
                if found is not None and _group(self.entities[found]["type"]) == _group(term.type):
                    target = found
                    break
        names = [term.label, *term.synonyms]
        if not curated:
            names = self._free(names, target)
        if target is None and by_name and not curated:
            same = set()
            for name in names:
                same |= self.by_name.get((_group(term.type), name_key(name)), set())
            if len(same) == 1:
                target = next(iter(same))
        if target is None:
            if not names:
                return None  # every name belongs to a curated entity
            self.entities[ident] = {
                "label": names[0],
                "type": term.type,
                "synonyms": list(dict.fromkeys(s for s in names[1:] if s != names[0])),
                "broader": list(term.broader),
                "xrefs": list(dict.fromkeys(xrefs)),
                "extra_names": [],
                "extra_xrefs": [],
            }
            if curated:
                self.curated.add(ident)
                for name in names:
                    self.claimed.setdefault(name_key(name), ident)
                    self.claimed_names[name_key(name)].append(name)
            self._index(ident)
            return ident
        rec = self.entities[target]
        known = {name_key(n) for n in (rec["label"], *rec["synonyms"])}
        for name in names:
            if name_key(name) not in known:
                known.add(name_key(name))
                rec["synonyms"].append(name)
                rec["extra_names"].append(name)
        for x in (ident, *xrefs):
            if x != target and x not in rec["xrefs"]:
                owner = self.by_curie.get(x.lower())
                if owner is not None and owner != target:
                    continue  # that id already names another entity
                rec["xrefs"].append(x)
                rec["extra_xrefs"].append(x)
        for b in term.broader:
            if b not in rec["broader"] and b != target:
                rec["broader"].append(b)
        self._index(target)
        return target

    def add_names(self, ident: str, names) -> int:
        """Add names to entity ``ident`` (those a curated entity claims stay with it).

        Returns how many of them are new synonyms of the entity.
        """
        rec = self.entities[ident]
        before = len(rec["synonyms"])
        self.add(Term(ident, rec["label"], rec["type"], tuple(names)), by_name=False)
        return len(self.entities[ident]["synonyms"]) - before

    def merge(self, keep: str, drop: str) -> None:
        """Merge entity ``drop`` into ``keep`` (its id becomes a cross-reference)."""
        if drop in self.curated and keep not in self.curated:
            keep, drop = drop, keep
        if keep == drop or drop in self.curated:
            return
        gone = self.entities.pop(drop)
        for curie, owner in list(self.by_curie.items()):
            if owner == drop:
                self.by_curie[curie] = keep
        for ids in self.by_name.values():
            if drop in ids:
                ids.discard(drop)
                ids.add(keep)
        self.add(
            Term(
                keep,
                self.entities[keep]["label"],
                self.entities[keep]["type"],
                (gone["label"], *gone["synonyms"]),
                tuple(gone["broader"]),
                xrefs=(drop, *gone["xrefs"]),
            ),
            by_name=False,
        )

    def promote(self) -> int:
        """Store each entity under its primary namespace's id when it has one among its xrefs.

        Diseases under MeSH, drugs under DrugBank, gene products under NCBI Gene; the id the
        entity had becomes a cross-reference. Curated entities keep the id they are written
        with. Returns how many entities were re-keyed.
        """
        moved = 0
        for ident in list(self.entities):
            if ident in self.curated:
                continue
            rec = self.entities[ident]
            prefix = _PRIMARY.get(_group(rec["type"]))
            if prefix is None or ident.startswith(prefix):
                continue
            new = next((x for x in rec["xrefs"] if x.startswith(prefix)), None)
            if new is None or new in self.entities:
                continue
            rec["xrefs"] = [x for x in rec["xrefs"] if x != new] + [ident]
            self.entities[new] = self.entities.pop(ident)
            for curie in (new, ident):
                self.by_curie[curie.lower()] = new
            for other in self.entities.values():
                if ident in other["broader"]:
                    other["broader"] = [new if b == ident else b for b in other["broader"]]
            moved += 1
        return moved

    def clean(self) -> dict[str, int]:
        """Drop generated synonyms that would match another entity, or a common word.

        A synonym whose key is another entity's label is dropped (a source's abbreviation or a
        GO synonym that is another term's name), except where both are matched with their
        exact case and are written differently (``CCl4`` and ``CCL4``), or where the other
        entity is a phenotype or side effect of the same family (then the two are one
        condition: it is merged in). Curated names are never dropped.
        """
        labels: dict[str, set[str]] = collections.defaultdict(set)
        for ident, rec in self.entities.items():
            for form in name_forms(rec["label"]):  # lookups ignore a plural ending
                labels[form].add(ident)
        common = stopwords()
        dropped = collections.Counter()
        merges = []
        for ident, rec in self.entities.items():
            mine = set(rec["extra_names"]) if ident in self.curated else set(rec["synonyms"])
            if not mine:
                continue
            keep = []
            for name in rec["synonyms"]:
                if name not in mine:
                    keep.append(name)
                    continue
                if name.lower() in common and match_policy(name) is not None:
                    dropped["common word"] += 1
                    continue
                others = []
                near = set().union(*(labels.get(f, set()) for f in name_forms(name)))
                for other in sorted(near - {ident}):  # sorted: the same build whatever the hash seed
                    label = self.entities[other]["label"]
                    if _cased_apart(name, label):
                        continue
                    others.append(other)
                joinable = [
                    o
                    for o in others
                    if o.split(":")[0] in ("HP", "UMLS")
                    and o not in self.curated
                    and _group(self.entities[o]["type"]) == _group(rec["type"])
                ]
                if (
                    others
                    and len(joinable) == len(others)
                    and ident.split(":")[0] not in ("HP", "UMLS")
                ):
                    merges.extend((ident, o) for o in joinable)
                elif others:
                    dropped["another entity's label"] += 1
                    continue
                keep.append(name)
            rec["synonyms"] = keep
            rec["extra_names"] = [n for n in rec["extra_names"] if n in keep]
        for keep_id, drop_id in merges:
            if keep_id in self.entities and drop_id in self.entities:
                self.merge(keep_id, drop_id)
                dropped["merged"] += 1
        return dict(dropped)

    def terms(self) -> list[Term]:
        """Return the generated rows: new entities in full, curated ones with what was added."""
        out = []
        for ident, rec in self.entities.items():
            broader = tuple(b for b in rec["broader"] if b in self.entities)
            if ident in self.curated:
                if not rec["extra_names"] and not rec["extra_xrefs"]:
                    continue
                out.append(
                    Term(
                        ident,
                        rec["label"],
                        rec["type"],
                        tuple(rec["extra_names"]),
                        xrefs=tuple(rec["extra_xrefs"]),
                    )
                )
            else:
                out.append(
                    Term(
                        ident,
                        rec["label"],
                        rec["type"],
                        tuple(rec["synonyms"]),
                        broader,
                        xrefs=tuple(rec["xrefs"]),
                    )
                )
        return out


# -- Bioconductor ---------------------------------------------------------------------------


def bioconductor_files(folder: Path) -> dict[str, Path]:
    """Return the Bioconductor SQLite files, fetching the Debian packages when absent."""
    found = {name: next(iter(folder.rglob(name)), None) for name in BIOC_PACKAGES}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        folder.mkdir(parents=True, exist_ok=True)
        for name in missing:
            package = BIOC_PACKAGES[name]
            print(f"fetching {package} with apt-get download", file=sys.stderr)
            subprocess.run(["apt-get", "download", package], cwd=folder, check=True)
            (deb,) = sorted(folder.glob(f"{package}_*.deb"))
            subprocess.run(["dpkg-deb", "-x", str(deb), str(folder / "x")], check=True)
        found = {name: next(iter(folder.rglob(name)), None) for name in BIOC_PACKAGES}
    if any(path is None for path in found.values()):
        sys.exit(f"Bioconductor SQLite files not found under {folder}")
    return found  # type: ignore[return-value]


def _version(folder: Path, package: str) -> str:
    debs = sorted(folder.glob(f"{package}_*.deb"))
    if debs:
        return debs[-1].name.split("_")[1]
    desc = next(iter(folder.rglob("DESCRIPTION")), None)
    return "unknown" if desc is None else desc.read_text().split("Version:")[1].split()[0]


def read_genes(path: Path) -> dict[str, dict]:
    """Return NCBI Gene id -> symbol, name, type, aliases, UniProt and Ensembl ids."""
    con = sqlite3.connect(path)
    genes: dict[str, dict] = {}
    rows = con.execute(
        "select g._id, g.gene_id, i.symbol, i.gene_name, t.gene_type from genes g "
        "join gene_info i using(_id) join genetype t using(_id)"
    )
    by_key = {}
    for key, gene, symbol, name, kind in rows:
        if kind not in ("protein-coding",):
            continue
        genes[gene] = {"symbol": symbol, "name": name, "aliases": [], "uniprot": [], "ensembl": []}
        by_key[key] = gene
    for table, column, field in (
        ("alias", "alias_symbol", "aliases"),
        ("uniprot", "uniprot_id", "uniprot"),
        ("ensembl", "ensembl_id", "ensembl"),
    ):
        for key, value in con.execute(f"select _id, {column} from {table}"):
            gene = by_key.get(key)
            if gene is not None and value not in genes[gene][field]:
                genes[gene][field].append(value)
    return genes


def read_drugprot_training(corpora: Path) -> tuple[list[str], dict[int, list[tuple[int, int]]]]:
    """Return DrugProt training texts and, per text, the spans of annotated entities."""
    folder = corpora / "drugprot" / "training"
    texts, index = [], {}
    with open(folder / "drugprot_training_abstracs.tsv", encoding="utf-8") as handle:
        for line in handle:
            pmid, title, abstract = line.rstrip("\n").split("\t", 2)
            index[pmid] = len(texts)
            texts.append(f"{title}\t{abstract}")
    spans: dict[int, list[tuple[int, int]]] = collections.defaultdict(list)
    with open(folder / "drugprot_training_entities.tsv", encoding="utf-8") as handle:
        for line in handle:
            pmid, _t, _kind, start, end, _text = line.rstrip("\n").split("\t", 5)
            if pmid in index:
                spans[index[pmid]].append((int(start), int(end)))
    return texts, spans


def measure_aliases(
    aliases: list[str], texts: list[str], spans: dict[int, list[tuple[int, int]]]
) -> dict[str, tuple[int, int]]:
    """Return alias -> (matches in the texts, matches outside any annotated entity).

    Matching uses pharmgraph's own matcher (same case rules as in production).
    """
    lex = Lexicon(Term(f"pharmgraph:alias_{i}", a, "Protein") for i, a in enumerate(aliases))
    out: dict[str, list[int]] = {a: [0, 0] for a in aliases}
    matcher = lex.matcher()
    for i, matches in enumerate(matcher.find_all(texts)):
        gold = spans.get(i, ())
        for m in matches:
            row = out[m.name]
            row[0] += 1
            if not any(s < m.end and m.start < e for s, e in gold):
                row[1] += 1
    return {a: (n, bad) for a, (n, bad) in out.items()}


def add_bioconductor_genes(builder: Builder, genes: dict[str, dict], corpora: Path) -> dict:
    """Add human protein-coding genes with the aliases that are safe to match; return counts."""
    symbols = collections.Counter(name_key(g["symbol"]) for g in genes.values())
    alias_owners: collections.Counter = collections.Counter()
    for g in genes.values():
        for key in {name_key(a) for a in g["aliases"]} - {name_key(g["symbol"])}:
            alias_owners[key] += 1
    candidates, dropped = set(), collections.Counter()
    for g in genes.values():
        for a in g["aliases"]:
            if a == g["symbol"]:
                continue
            low = a.lower()
            if symbols[name_key(a)] or alias_owners[name_key(a)] > 1:
                dropped["another gene's symbol or alias"] += 1
            elif low in stopwords() or match_policy(a) is None:
                dropped["common word or too short"] += 1
            elif name_key(a) in builder.claimed:
                dropped["a curated entity's name"] += 1
            else:
                candidates.add(a)
    texts, spans = read_drugprot_training(corpora)
    measured = measure_aliases(sorted(candidates), texts, spans)
    safe = set()
    for alias, (n, bad) in measured.items():
        if n == 0:
            # never seen: keep specific-looking symbols only (a digit, or four letters or more)
            if any(c.isdigit() for c in alias) or sum(c.isalpha() for c in alias) >= 4:
                safe.add(alias)
            else:
                dropped["unseen and short"] += 1
        elif bad * 2 <= n:
            safe.add(alias)
        else:
            dropped["false matches in DrugProt training"] += 1
    for gene, g in genes.items():
        names = [g["symbol"], g["name"], *(a for a in g["aliases"] if a in safe)]
        xrefs = [f"uniprot:{u}" for u in g["uniprot"] if _UNIPROT_RE.match(u)]
        xrefs += [f"ensembl:{e}" for e in g["ensembl"]]
        kind = gene_type(g["symbol"])
        if kind == "Protein":
            kind = protein_type(g["name"])
        builder.add(
            Term(f"NCBIGene:{gene}", names[0], kind, tuple(names[1:]), xrefs=tuple(xrefs)),
            by_name=False,
        )
    return {
        "genes": len(genes),
        "aliases_kept": len(safe),
        "aliases_dropped": dict(dropped),
        "aliases_measured_on_drugprot_training": len(measured),
    }


def add_go_terms(builder: Builder, path: Path, wanted: set[str]) -> int:
    """Add GO biological processes in ``wanted`` with their synonyms; return how many."""
    con = sqlite3.connect(path)
    synonyms = collections.defaultdict(list)
    secondary = collections.defaultdict(list)
    rows = con.execute("select _id, synonym, secondary, like_go_id from go_synonym")
    for key, synonym, alt, like_id in rows:
        if like_id and alt:
            secondary[key].append(alt)
        elif not like_id and len(synonym) < 120 and " " in synonym.strip():
            # one-word synonyms are GO's broad or related ones ("synthesis", "formation")
            synonyms[key].append(synonym)
    n = 0
    for key, go, term in con.execute("select _id, go_id, term from go_term where ontology='BP'"):
        if go in wanted or any(alt in wanted for alt in secondary[key]):
            builder.add(
                Term(
                    go, term, "BiologicalProcess", tuple(synonyms[key]), xrefs=tuple(secondary[key])
                ),
                by_name=False,
            )
            n += 1
    return n


def read_gene_go(path: Path, genes: set[str]) -> dict[str, list[str]]:
    """Return NCBI Gene id -> GO biological processes directly annotated to it."""
    con = sqlite3.connect(path)
    out: dict[str, list[str]] = collections.defaultdict(list)
    for gene, go, evidence in con.execute(
        "select g.gene_id, b.go_id, b.evidence from go_bp b join genes g using(_id)"
    ):
        if gene in genes and evidence != "ND" and go not in out[gene]:
            out[gene].append(go)
    return out


def write_gene_go(gene_go: dict[str, list[str]], path: Path) -> int:
    """Write ``gene<TAB>GO ids`` lines (ids without the ``GO:`` prefix), gzip'd; return rows."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(
            "# NCBI Gene id<TAB>GO biological processes (GO:nnnnnnn without prefix), from org.Hs.eg.db\n"
        )
        for gene in sorted(gene_go, key=int):
            out.write(gene + "\t" + " ".join(g[3:] for g in sorted(gene_go[gene])) + "\n")
    return sum(len(v) for v in gene_go.values())


def uniprot_to_gene(genes: dict[str, dict]) -> dict[str, str]:
    """Return UniProt accession -> NCBI Gene id where the accession names one gene."""
    owners = collections.defaultdict(set)
    for gene, g in genes.items():
        for u in g["uniprot"]:
            owners[u].add(gene)
    return {u: next(iter(g)) for u, g in owners.items() if len(g) == 1}


# -- Hetionet, DrugMechDB, BC5CDR -----------------------------------------------------------


def read_hetionet_nodes(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            node, name, kind = line.rstrip("\r\n").split("\t")
            rows.append((node.split("::", 1)[1], name, kind))
    return rows


_HETIONET = {
    "Compound": ("drugbank", "Drug"),
    "Disease": ("", "Disease"),
    "Symptom": ("mesh", "Disease"),
    "Side Effect": ("UMLS", "AdverseEvent"),
    "Gene": ("NCBIGene", None),
    "Biological Process": ("", "BiologicalProcess"),
}


#: Hetionet diseases whose name differs from their MeSH heading (checked by hand; the MeSH
#: heading in the comment). Applied as cross-references, so the DOID entity joins the MeSH one.
DOID_MESH = {
    "DOID:1793": "D010190",  # Pancreatic Neoplasms
    "DOID:10534": "D013274",  # Stomach Neoplasms
    "DOID:219": "D003110",  # Colonic Neoplasms
    "DOID:1781": "D013964",  # Thyroid Neoplasms
    "DOID:263": "D007680",  # Kidney Neoplasms
    "DOID:5041": "D004938",  # Esophageal Neoplasms
    "DOID:9352": "D003924",  # Diabetes Mellitus, Type 2
    "DOID:9744": "D003922",  # Diabetes Mellitus, Type 1
    "DOID:10608": "D002446",  # Celiac Disease
    "DOID:13378": "D009080",  # Mucocutaneous Lymph Node Syndrome
    "DOID:13241": "D001528",  # Behcet Syndrome
    "DOID:11949": "D007562",  # Creutzfeldt-Jakob Syndrome
    "DOID:1319": "D001932",  # Brain Neoplasms
    "DOID:4159": "D012878",  # Skin Neoplasms
    "DOID:4362": "D002583",  # Uterine Cervical Neoplasms
    "DOID:0050156": "D054990",  # Idiopathic Pulmonary Fibrosis
    "DOID:0050741": "D000437",  # Alcoholism
    "DOID:14221": "D024821",  # Metabolic Syndrome
    "DOID:14227": "D053713",  # Azoospermia
    "DOID:12185": "D010014",  # Otosclerosis
    "DOID:216": "D003731",  # Dental Caries
    "DOID:9206": "D001471",  # Barrett Esophagus
    "DOID:5408": "D010001",  # Osteitis Deformans
    "DOID:14268": "D015209",  # Cholangitis, Sclerosing
    "DOID:2986": "D005922",  # Glomerulonephritis, IGA
    "DOID:10941": "D002532",  # Intracranial Aneurysm
    "DOID:7693": "D017544",  # Aortic Aneurysm, Abdominal
    "DOID:784": "D007676",  # Kidney Failure, Chronic
    "DOID:11714": "D016640",  # Diabetes, Gestational
    "DOID:12995": "D019955",  # Conduct Disorder
    "DOID:11555": "D005642",  # Fuchs' Endothelial Dystrophy
    "DOID:13223": "D007889",  # Leiomyoma
    "DOID:2596": "D007822",  # Laryngeal Neoplasms
    "DOID:3121": "D005706",  # Gallbladder Neoplasms
    "DOID:1993": "D012004",  # Rectal Neoplasms
    "DOID:1790": "D008654",  # Mesothelioma
    "DOID:9835": "D012030",  # Refractive Errors
    "DOID:184": "D001859",  # Bone Neoplasms
    "DOID:2531": "D019337",  # Hematologic Neoplasms
    "DOID:8850": "D012468",  # Salivary Gland Neoplasms
}


def add_hetionet(builder: Builder, rows, kinds: tuple[str, ...]) -> None:
    for kind in kinds:
        prefix, entity_type = _HETIONET[kind]
        for ident, name, node_kind in rows:
            if node_kind != kind:
                continue
            curie = f"{prefix}:{ident}" if prefix else ident
            if kind == "Gene":
                xrefs = ()
                if curie.lower() not in builder.by_curie:
                    same = [
                        i
                        for i in builder.by_name.get(("Target", name_key(name)), ())
                        if builder.entities[i]["label"] == name
                    ]
                    xrefs = tuple(same) if len(same) == 1 else ()
                builder.add(Term(curie, name, gene_type(name), xrefs=xrefs), by_name=False)
            elif kind == "Disease":
                target = None
                for variant in disease_variants(tidy(name)):
                    same = builder.by_name.get(("Disease", name_key(variant)), set())
                    if len(same) == 1:
                        target = next(iter(same))
                xrefs = (target,) if target else ()
                if curie in DOID_MESH:
                    xrefs = (f"mesh:{DOID_MESH[curie]}", *xrefs)
                builder.add(Term(curie, tidy(name), entity_type, xrefs=xrefs))
            else:
                builder.add(
                    Term(curie, tidy(name), entity_type),
                    by_name=kind != "Biological Process",
                )


_DMDB_TYPES = {
    "Drug": "Drug",
    "ChemicalSubstance": "Drug",
    "Disease": "Disease",
    "PhenotypicFeature": "Disease",
    "BiologicalProcess": "BiologicalProcess",
    "GeneFamily": "ProteinFamily",
    "Protein": None,
}


def read_drugmechdb(corpora: Path) -> list[dict]:
    with gzip.open(corpora / "drugmechdb" / "indication_paths.reassembled.json.gz") as handle:
        return json.load(handle)


def add_drugmechdb(builder: Builder, records: list[dict], uniprot_gene: dict[str, str]) -> dict:
    protein_names: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for record in records:
        graph = record["graph"]
        drugbank = str(graph.get("drugbank") or "").removeprefix("DB:")
        drug_mesh = str(graph.get("drug_mesh") or "")
        meshes = tuple(
            f"mesh:{m.strip()[5:]}"
            for m in drug_mesh.split(",")
            if m.strip().upper().startswith("MESH:")
        )
        if _DRUGBANK_RE.match(drugbank):
            builder.add(Term(f"drugbank:{drugbank}", tidy(graph["drug"]), "Drug", xrefs=meshes))
        for node in record["nodes"]:
            label, ident, name = node["label"], node["id"].strip().strip("\ufeff"), node["name"]
            if label not in _DMDB_TYPES or label == "Drug":
                continue
            prefix, _, local = ident.partition(":")
            prefix = {"MESH": "mesh", "UniProt": "uniprot", "InterPro": "interpro"}.get(
                prefix, prefix
            )
            if prefix not in ("mesh", "uniprot", "interpro", "GO", "HP", "CHEBI"):
                continue
            if label == "BiologicalProcess" and prefix != "GO":
                continue
            if label == "Protein" and prefix == "uniprot":
                protein_names[local][name] += 1
                continue
            kind = _DMDB_TYPES[label] or protein_type(name)
            plain = uninvert(name) if prefix == "mesh" else None
            extra = (tidy(plain),) if plain else ()
            builder.add(Term(f"{prefix}:{local}", tidy(name), kind, extra))
    mapped = 0
    for accession, names in protein_names.items():
        # the name most records give (one record calls ADRB1's accession "Beta-2 ...")
        name = names.most_common(1)[0][0]
        gene = uniprot_gene.get(accession)
        if gene is not None and f"ncbigene:{gene}" in builder.by_curie:
            owner = builder.by_curie[f"ncbigene:{gene}"]
            others = builder.by_name.get(("Target", name_key(name)), set()) - {owner}
            synonyms = () if others else (name,)
            rec = builder.entities[owner]
            builder.add(
                Term(owner, rec["label"], rec["type"], synonyms, xrefs=(f"uniprot:{accession}",)),
                by_name=False,
            )
            mapped += 1
        else:
            builder.add(Term(f"uniprot:{accession}", name, protein_type(name)))
    return {"proteins": len(protein_names), "proteins_mapped_to_ncbigene": mapped}


BC5CDR_FILES = ("CDR_TrainingSet.PubTator.txt", "CDR_DevelopmentSet.PubTator.txt")


def bc5cdr_lines(corpora: Path) -> Iterator[str]:
    """Yield the lines of BC5CDR's training and development splits (never the test split)."""
    for name in BC5CDR_FILES:
        with open(corpora / "bc5cdr" / name, encoding="utf-8") as handle:
            yield from handle


def read_bc5cdr_training(corpora: Path) -> dict[tuple[str, str], collections.Counter]:
    """Return (type, MeSH id) -> Counter of mention texts, from the training and development splits."""
    out: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for line in bc5cdr_lines(corpora):
        cells = line.rstrip("\n").split("\t")
        if len(cells) < 6 or cells[1] == "CID":
            continue
        mesh = cells[5]
        if mesh == "-1" or "|" in mesh or len(cells) > 6:
            continue
        out[(cells[4], mesh)][" ".join(cells[3].split())] += 1
    return out


def add_bc5cdr(builder: Builder, corpora: Path) -> None:
    for (kind, mesh), mentions in read_bc5cdr_training(corpora).items():
        names = []
        for text, count in mentions.most_common():
            short = sum(c.isalnum() for c in text) <= 6 and text.upper() == text
            if short and count < 2:
                continue  # a one-off abbreviation
            names.append(tidy(text) if not short else text)
        names = list(
            dict.fromkeys(builder._free(names, builder.by_curie.get(f"mesh:{mesh}".lower())))
        )
        entity_type = "Drug" if kind == "Chemical" else "Disease"
        owner = builder.by_curie.get(f"mesh:{mesh}".lower())
        # A mention that already names another entity is an annotation of context, not a
        # synonym (one training abstract tags "tetanus" in "tetanic stimulation" as Tetany).
        names = [
            n
            for n in names
            if not (builder.by_name.get((_group(entity_type), name_key(n)), set()) - {owner})
            or (
                n == names[0]
                and owner is None
                and len(builder.by_name.get((_group(entity_type), name_key(n)), ())) == 1
            )
        ]
        if not names:
            continue
        builder.add(Term(f"mesh:{mesh}", names[0], entity_type, tuple(names[1:])))


def reconcile_bc5cdr(builder: Builder, corpora: Path) -> None:
    """Make a name that BC5CDR training links to one MeSH id (twice or more) carry that id.

    MeSH ids change between versions (lamotrigine C047781 -> D000077213) and sources split
    concepts differently; where our entity with that name and the entity with that MeSH id
    differ, they are merged. Names a curated entity claims are left alone (BC5CDR links
    "statins" to simvastatin; our "statins" is the drug class).
    """
    links: dict[str, set[str]] = collections.defaultdict(set)
    seen: collections.Counter = collections.Counter()
    types = {}
    for line in bc5cdr_lines(corpora):
        cells = line.rstrip("\n").split("\t")
        if len(cells) >= 6 and cells[1] != "CID":
            links[name_key(cells[3])].add(cells[5])
            seen[name_key(cells[3])] += 1
            types[name_key(cells[3])] = "Drug" if cells[4] == "Chemical" else "Disease"
    for key, ids in links.items():
        if len(ids) != 1 or seen[key] < 2:
            continue
        claimant = builder.claimed.get(key)
        if claimant is not None and builder.entities[claimant]["type"] == "DrugClass":
            continue  # a class is never one of its members
        (mesh,) = ids
        if mesh == "-1" or "|" in mesh:
            continue
        group = _group(types[key])
        owner = builder.by_curie.get(f"mesh:{mesh}".lower())
        if owner in builder.curated and name_key(builder.entities[owner]["label"]) != key:
            continue
        for ident in sorted(builder.by_name.get((group, key), ())):
            if ident not in builder.entities or ident == owner:
                continue
            if builder.entities[ident]["type"] in ("DrugClass",):
                continue
            if owner is None:
                builder.add(
                    Term(
                        ident,
                        builder.entities[ident]["label"],
                        builder.entities[ident]["type"],
                        xrefs=(f"mesh:{mesh}",),
                    ),
                    by_name=False,
                )
                owner = builder.by_curie.get(f"mesh:{mesh}".lower())
            elif _group(builder.entities[owner]["type"]) == group:
                builder.merge(ident, owner)
                owner = builder.by_curie.get(f"mesh:{mesh}".lower())


def bc5cdr_names_stay_with_their_id(builder: Builder, corpora: Path) -> int:
    """Drop a name BC5CDR training links to one MeSH id from other generated entities.

    Returns how many names were dropped (the entity with that MeSH id keeps the name).
    """
    links: dict[str, set[str]] = collections.defaultdict(set)
    seen: collections.Counter = collections.Counter()
    for line in bc5cdr_lines(corpora):
        cells = line.rstrip("\n").split("\t")
        if len(cells) >= 6 and cells[1] != "CID":
            links[name_key(cells[3])].add(cells[5])
            seen[name_key(cells[3])] += 1
    dropped = 0
    for key, ids in links.items():
        if len(ids) != 1 or seen[key] < 2:
            continue
        (mesh,) = ids
        owner = builder.by_curie.get(f"mesh:{mesh}".lower())
        if owner is None:
            continue
        for group in ("Drug", "Disease"):
            for ident in list(builder.by_name.get((group, key), ())):
                rec = builder.entities.get(ident)
                if rec is None or ident == owner or ident in builder.curated:
                    continue
                if name_key(rec["label"]) == key:
                    continue
                rec["synonyms"] = [n for n in rec["synonyms"] if name_key(n) != key]
                builder.by_name[(group, key)].discard(ident)
                dropped += 1
    return dropped


def add_brands(builder: Builder, path: Path) -> dict:
    """Add brand names and usual abbreviations (``brands.tsv``) to the drugs they name.

    Each row's generic name must name exactly one drug of the table; the brands become its
    synonyms (a name a curated entity claims stays with it). Rows whose generic name names no
    drug or several, and brands that are common words, are counted and reported.
    """
    common = stopwords()
    report = {"brands_added": 0, "generic_not_found": [], "common_word": []}
    drugs: dict[str, set[str]] = collections.defaultdict(set)  # name key -> drug ids, as now
    for ident, rec in builder.entities.items():
        if rec["type"] == "Drug":
            for name in (rec["label"], *rec["synonyms"]):
                drugs[name_key(name)].add(ident)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        generic, _, brands = line.partition("\t")
        ids = sorted(drugs.get(name_key(generic), ()))
        if len(ids) != 1:
            report["generic_not_found"].append(generic)
            continue
        names = []
        for brand in brands.split("|"):
            if brand.lower() in common:
                report["common_word"].append(brand)
            elif brand:
                names.append(brand)
        report["brands_added"] += builder.add_names(ids[0], names)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--bioconductor", type=Path, default=BIOC_CACHE)
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args(argv)
    bioc = bioconductor_files(args.bioconductor)
    builder = Builder()
    for term in read_tsv(DATA / "curated.tsv"):
        builder.add(term, curated=True, by_name=False)
    report: dict = {}
    genes = read_genes(bioc["org.Hs.eg.sqlite"])
    report["bioconductor_genes"] = add_bioconductor_genes(builder, genes, args.corpora)
    hetionet = read_hetionet_nodes(args.corpora / "hetionet" / "hetionet-v1.0-nodes.tsv")
    records = read_drugmechdb(args.corpora)
    gene_go = read_gene_go(bioc["org.Hs.eg.sqlite"], set(genes))
    wanted = {go for gos in gene_go.values() for go in gos}
    wanted |= {i for i, _n, k in hetionet if k == "Biological Process"}
    wanted |= {n["id"] for r in records for n in r["nodes"] if n["id"].startswith("GO:")}
    report["go_processes"] = add_go_terms(builder, bioc["GO.sqlite"], wanted)
    add_hetionet(builder, hetionet, ("Compound", "Gene", "Biological Process"))
    report["drugmechdb"] = add_drugmechdb(builder, records, uniprot_to_gene(genes))
    add_bc5cdr(builder, args.corpora)
    reconcile_bc5cdr(builder, args.corpora)
    reconcile_bc5cdr(builder, args.corpora)  # merges can expose more
    # Diseases last, by name, so that MeSH stays the primary id and DOID/UMLS become xrefs.
    add_hetionet(builder, hetionet, ("Disease", "Symptom", "Side Effect"))
    report["promoted_to_primary_namespace"] = builder.promote()
    report["brands"] = add_brands(builder, DATA / "brands.tsv")
    report["spelling_variants_added"] = add_spellings(builder)
    report["clean"] = builder.clean()
    report["clean"]["bc5cdr_names_moved"] = bc5cdr_names_stay_with_their_id(builder, args.corpora)
    doid = [i for i, _n, k in hetionet if k == "Disease"]
    joined = sum(1 for i in doid if builder.by_curie.get(i.lower(), "").startswith("mesh:"))
    report["hetionet_diseases"] = {"total": len(doid), "joined_to_mesh": joined}
    effects = [f"UMLS:{i}" for i, _n, k in hetionet if k == "Side Effect"]
    report["hetionet_side_effects"] = {
        "total": len(effects),
        "joined_to_disease": sum(
            1 for i in effects if not builder.by_curie.get(i.lower(), "UMLS").startswith("UMLS")
        ),
    }
    report["names_withheld_for_curated_entities"] = sum(builder.withheld.values())
    terms = builder.terms()
    out = args.out / "generated.tsv.gz"
    n = write_tsv(terms, out)
    gene_rows = write_gene_go(gene_go, args.out / "gene_go.tsv.gz")
    counts = collections.Counter(t.type for t in terms if t.id not in builder.curated)
    report["generated_rows"] = n
    report["generated_types"] = dict(sorted(counts.items()))
    report["gene_go_annotations"] = gene_rows
    sources = {
        "bioconductor org.Hs.eg.db": {
            "debian_package": f"r-bioc-org.hs.eg.db {_version(args.bioconductor, 'r-bioc-org.hs.eg.db')}",
            **_metadata(
                bioc["org.Hs.eg.sqlite"],
                ("EGSOURCEDATE", "UPSOURCEDATE", "ENSOURCEDATE", "GOSOURCEDATE"),
            ),
        },
        "bioconductor GO.db": {
            "debian_package": f"r-bioc-go.db {_version(args.bioconductor, 'r-bioc-go.db')}",
            **_metadata(bioc["GO.sqlite"], ("GOSOURCEDATE",)),
        },
        "hetionet": "v1.0 nodes (hetionet-v1.0-nodes.tsv)",
        "drugmechdb": "indication_paths.reassembled.json.gz (DrugMechDB 2.0.x snapshot)",
        "bc5cdr": "CDR.Corpus.v010516, training and development splits (not test)",
        "drugprot": "drugprot-gs-training-development (2021-06-29), training split only, to measure aliases",
    }
    (args.out / "sources.json").write_text(
        json.dumps({"sources": sources, "build": report}, indent=2) + "\n", encoding="utf-8"
    )
    print(f"wrote {n} rows to {out} ({out.stat().st_size / 1e6:.2f} MB)")
    print(json.dumps(report, indent=2))
    return 0


def _metadata(path: Path, names: tuple[str, ...]) -> dict[str, str]:
    con = sqlite3.connect(path)
    rows = dict(con.execute("select name, value from metadata"))
    return {name: rows[name] for name in names if name in rows}


if __name__ == "__main__":
    raise SystemExit(main())
