"""Build ``src/pharmgraph/data/lexicon/generated.tsv`` from public resources in ../shared/corpora.

Sources (names and identifiers only):

- Hetionet v1.0 nodes: Compounds (DrugBank), Genes (NCBI Gene symbols), Diseases (DOID),
  Side Effects (UMLS), Biological Processes (GO), Symptoms (MeSH);
- DrugMechDB: drug MeSH ids for DrugBank ids, proteins (UniProt), protein families, diseases
  (MeSH), phenotypes (HP), processes (GO), chemicals (MeSH, ChEBI);
- BC5CDR *training* annotations: MeSH ids of chemicals and diseases with their mention texts.

Entities are merged by identifier first (a CURIE known as an id or cross-reference), then by
exact name within the same family of types (drugs with drugs, diseases with diseases and
adverse events). Entries of ``curated.tsv`` come first: a generated entity that is the same
as a curated one only adds names and cross-references to it.

Gene symbols that are ordinary words in DrugProt *training* abstracts (matched often where
no entity is annotated, rarely where one is) are written to ``stopwords.txt`` as well.

Usage::

    python scripts/build_lexicon.py [--corpora ../shared/corpora]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pharmgraph.identifiers import check_curie  # noqa: E402
from pharmgraph.lexicon.core import Term  # noqa: E402
from pharmgraph.lexicon.importers import read_tsv, write_tsv  # noqa: E402
from pharmgraph.lexicon.normalize import name_key  # noqa: E402
from pharmgraph.vocabulary import type_group  # noqa: E402

DATA = ROOT / "src" / "pharmgraph" / "data" / "lexicon"

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
    """Lower-case a name's first letter when it is only capitalised (``Lamotrigine``)."""
    name = " ".join(name.split())
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        first, _, rest = name.partition(" ")
        if first[1:].islower():
            return first.lower() + (" " + rest if rest else "")
    return name


class Builder:
    """Merge entities from many sources into one table."""

    def __init__(self) -> None:
        self.entities: dict[str, dict] = {}  # id -> record
        self.curated: set[str] = set()
        self.by_curie: dict[str, str] = {}
        self.by_name: dict[tuple[str, str], set[str]] = collections.defaultdict(set)

    def _index(self, ident: str) -> None:
        rec = self.entities[ident]
        for curie in (ident, *rec["xrefs"]):
            self.by_curie.setdefault(curie.lower(), ident)
        group = _group(rec["type"])
        for name in (rec["label"], *rec["synonyms"]):
            self.by_name[(group, name_key(name))].add(ident)

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
        if target is None and by_name:
            same = set()
            for name in (term.label, *term.synonyms):
                same |= self.by_name.get((_group(term.type), name_key(name)), set())
            if len(same) == 1:
                target = next(iter(same))
        if target is None:
            self.entities[ident] = {
                "label": term.label,
                "type": term.type,
                "synonyms": list(dict.fromkeys(s for s in term.synonyms if s != term.label)),
                "broader": list(term.broader),
                "xrefs": list(dict.fromkeys(xrefs)),
                "extra_names": [],
                "extra_xrefs": [],
            }
            if curated:
                self.curated.add(ident)
            self._index(ident)
            return ident
        rec = self.entities[target]
        known = {name_key(n) for n in (rec["label"], *rec["synonyms"])}
        for name in (term.label, *term.synonyms):
            if name_key(name) not in known:
                known.add(name_key(name))
                rec["synonyms"].append(name)
                rec["extra_names"].append(name)
        for x in (ident, *xrefs):
            if x != target and x not in rec["xrefs"]:
                rec["xrefs"].append(x)
                rec["extra_xrefs"].append(x)
        for b in term.broader:
            if b not in rec["broader"] and b != target:
                rec["broader"].append(b)
        self._index(target)
        return target

    def merge(self, keep: str, drop: str) -> None:
        """Merge entity ``drop`` into ``keep`` (its id becomes a cross-reference)."""
        if drop in self.curated and keep not in self.curated:
            keep, drop = drop, keep
        if keep == drop or drop in self.curated:
            return
        gone = self.entities.pop(drop)
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
        for curie, owner in list(self.by_curie.items()):
            if owner == drop:
                self.by_curie[curie] = keep
        for ids in self.by_name.values():
            if drop in ids:
                ids.discard(drop)
                ids.add(keep)

    def terms(self) -> list[Term]:
        """Return the generated rows: new entities in full, curated ones with what was added."""
        out = []
        for ident, rec in self.entities.items():
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
                        tuple(rec["broader"]),
                        xrefs=tuple(rec["xrefs"]),
                    )
                )
        return out


def _group(kind: str) -> str:
    group = type_group(kind)
    return "Disease" if group in ("Disease", "AdverseEvent") else group


def read_hetionet_nodes(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            node, name, kind = line.rstrip("\r\n").split("\t")
            rows.append((node.split("::", 1)[1], name, kind))
    return rows


def add_hetionet(builder: Builder, corpora: Path) -> None:
    rows = read_hetionet_nodes(corpora / "hetionet" / "hetionet-v1.0-nodes.tsv")
    kinds = {
        "Compound": ("drugbank", "Drug"),
        "Disease": ("", "Disease"),
        "Symptom": ("mesh", "Disease"),
        "Side Effect": ("UMLS", "AdverseEvent"),
        "Gene": ("NCBIGene", None),
        "Biological Process": ("", "BiologicalProcess"),
    }
    for kind in ("Compound", "Gene", "Disease", "Symptom", "Biological Process", "Side Effect"):
        prefix, entity_type = kinds[kind]
        for ident, name, node_kind in rows:
            if node_kind != kind:
                continue
            curie = f"{prefix}:{ident}" if prefix else ident
            if kind == "Gene":
                builder.add(Term(curie, name, gene_type(name)), by_name=False)
            else:
                builder.add(
                    Term(curie, tidy(name), entity_type),
                    by_name=kind not in ("Compound", "Biological Process"),
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


def add_drugmechdb(builder: Builder, corpora: Path) -> None:
    with gzip.open(corpora / "drugmechdb" / "indication_paths.reassembled.json.gz") as handle:
        records = json.load(handle)
    for record in records:
        graph = record["graph"]
        drugbank = str(graph.get("drugbank") or "").removeprefix("DB:")
        drug_mesh = str(graph.get("drug_mesh") or "")
        meshes = tuple(
            f"mesh:{m.strip()[5:]}"
            for m in drug_mesh.split(",")
            if m.strip().upper().startswith("MESH:")
        )
        if _DRUGBANK_RE.match(drugbank) and meshes:
            builder.add(Term(f"drugbank:{drugbank}", tidy(graph["drug"]), "Drug", xrefs=meshes))
        for node in record["nodes"]:
            label, ident, name = node["label"], node["id"], node["name"]
            if label not in _DMDB_TYPES or label == "Drug":
                continue
            prefix, _, local = ident.partition(":")
            prefix = {"MESH": "mesh", "UniProt": "uniprot", "InterPro": "interpro"}.get(
                prefix, prefix
            )
            if prefix not in ("mesh", "uniprot", "interpro", "GO", "HP", "CHEBI"):
                continue
            kind = _DMDB_TYPES[label] or protein_type(name)
            if label == "BiologicalProcess" and prefix != "GO":
                continue
            builder.add(Term(f"{prefix}:{local}", tidy(name) if label != "Protein" else name, kind))


def read_bc5cdr_training(corpora: Path) -> dict[tuple[str, str], collections.Counter]:
    """Return (type, MeSH id) -> Counter of mention texts, from the training split only."""
    out: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    with open(corpora / "bc5cdr" / "CDR_TrainingSet.PubTator.txt", encoding="utf-8") as handle:
        for line in handle:
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
        names = list(dict.fromkeys(names))
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
    differ, they are merged.
    """
    links: dict[str, set[str]] = collections.defaultdict(set)
    seen: collections.Counter = collections.Counter()
    types = {}
    with open(corpora / "bc5cdr" / "CDR_TrainingSet.PubTator.txt", encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 6 and cells[1] != "CID":
                links[name_key(cells[3])].add(cells[5])
                seen[name_key(cells[3])] += 1
                types[name_key(cells[3])] = "Drug" if cells[4] == "Chemical" else "Disease"
    for key, ids in links.items():
        if len(ids) != 1 or seen[key] < 2:
            continue
        (mesh,) = ids
        if mesh == "-1" or "|" in mesh:
            continue
        group = _group(types[key])
        owner = builder.by_curie.get(f"mesh:{mesh}".lower())
        for ident in sorted(builder.by_name.get((group, key), ())):
            if ident not in builder.entities or ident == owner:
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--out", type=Path, default=DATA / "generated.tsv")
    args = parser.parse_args(argv)
    builder = Builder()
    for term in read_tsv(DATA / "curated.tsv"):
        builder.add(term, curated=True, by_name=False)
    add_hetionet(builder, args.corpora)
    add_drugmechdb(builder, args.corpora)
    add_bc5cdr(builder, args.corpora)
    reconcile_bc5cdr(builder, args.corpora)
    reconcile_bc5cdr(builder, args.corpora)  # merges can expose more
    terms = builder.terms()
    n = write_tsv(terms, args.out)
    counts = collections.Counter(t.type for t in terms if t.id not in builder.curated)
    print(f"wrote {n} rows to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    for kind, count in sorted(counts.items()):
        print(f"  {kind}: {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
