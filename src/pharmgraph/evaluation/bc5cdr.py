"""BC5CDR (BioCreative V CDR): chemical-induced disease relations end to end, and NER.

End to end means from raw text: our own mention finder and lexicon
(:class:`pharmgraph.extract.mentions.MentionFinder`) name the chemicals and diseases and give
their MeSH ids, never the file's gold annotations. Relations are document-level pairs of MeSH
ids, scored as the shared task did (exact ``(pmid, chemical, disease)`` triples).

Two heads of the relation model decide (:mod:`pharmgraph.extract.learned`):

- ``chemical-disease``: a sentence-level head over chemical–disease mention pairs (the same
  features and rules' readings ``extract`` uses), trained on the gold mentions of a training
  file, a pair counting as related when its two MeSH ids form a gold CID pair;
- ``chemical-disease-document``: a document-level head over concept pairs, reading the best
  and summed sentence-level probabilities (and those of the first two and the last sentence),
  how the best ranks among the chemical's and the disease's other pairs, how often and where
  (title, first sentence) each concept is named,
  their frequency ranks, whether a disease is only named inside a longer disease name (the
  annotators relate the specific one), and what the training documents say about the pair
  and its two concepts (:class:`pharmgraph.evaluation.cdr_prior.CidPrior`, stored in the
  head; each training document sees the counts of the others). It is trained on the mentions of the training
  documents (the gold ones, or with ``entities="ours"`` our own, as at test time), with
  sentence probabilities from heads trained on the other half of the documents (so they are
  as unsure as on unseen text). When it prefers no pair of a document, the best pair is kept
  if its probability reaches the head's ``threshold``.

The shipped heads follow :func:`train_cid_tuned`, which ``pharmgraph train
CDR_TrainingSet.PubTator.txt --tune-on CDR_DevelopmentSet.PubTator.txt`` runs: our own
mentions, NONE bias and fallback threshold tuned on the development split, then retrained on
training and development together. Lexicon entities without a MeSH id of their own take one
from ``data/lexicon/mesh_xrefs.tsv`` (``scripts/build_mesh_xrefs.py``, built from the
training and development annotations, and for entities those say nothing about, from the
MeSH descriptor whose heading or entry term is one of the entity's names). More habits of the
annotation, learned from those splits, shape our mentions (:func:`recognise`): an entity with
several MeSH ids is linked to the one the annotators use most (``mesh_usage.tsv``), and takes
the role (chemical or disease) they give that id; descriptors numbered after the corpus was
made are dropped; a name known only without MeSH is read as its tail that has one ("reflex
bradycardia"); a chemical that opens a receptor, process or "-induced" disease name is a
mention of its own ("serotonin receptor", "heparin-induced thrombocytopenia"); a disease
adjective is read as its noun ("ischemic", "nephrotoxic"); and names the annotators leave
unmarked ("DNA", "body weight", ``bc5cdr_unannotated.tsv``) are left out. The three files come
from ``scripts/build_mesh_xrefs.py``. The document head also reads the words around each
concept's mentions (:func:`mention_cues`: "-induced", "patients with", "treated with").

Examples
--------
>>> records = parse_bc5cdr("1|t|Cocaine-induced seizures.\\n1|a|Cocaine caused seizures.\\n"
...                        "1\\t0\\t7\\tCocaine\\tChemical\\tD003042\\n1\\tCID\\tD003042\\tD012640\\n")
>>> records[0].relations
{('D003042', 'D012640')}
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pharmgraph.documents.model import Document
from pharmgraph.documents.pubtator import parse_pubtator, record_document
from pharmgraph.documents.reading import decode_bytes, read_bytes
from pharmgraph.errors import InputError
from pharmgraph.evaluation.cdr_prior import CidPrior
from pharmgraph.evaluation.pairs import Span, sentence_candidates
from pharmgraph.extract.learned import RelationHead, RelationModel
from pharmgraph.vocabulary import type_group

SENTENCE_HEAD = "chemical-disease"
DOCUMENT_HEAD = "chemical-disease-document"
CID_CLASSES = ("NONE", "CID")
CID_PREDICATES = {"CID": "causes"}
DOCUMENT_C = 0.3
"""Inverse regularisation of the document head."""


@dataclass
class CdrRecord:
    """One title-and-abstract record with its mentions and CID pairs.

    Attributes
    ----------
    pmid, title, abstract : str
        Offsets count in ``title + one character + abstract``.
    spans : list of Span
        Mentions (role ``C`` or ``D``).
    ids : dict of str to tuple of str
        Span id -> MeSH ids (without prefix; several for a composite mention).
    relations : set of (str, str)
        ``(chemical MeSH, disease MeSH)`` pairs.
    """

    pmid: str
    title: str
    abstract: str
    spans: list[Span] = field(default_factory=list)
    ids: dict[str, tuple[str, ...]] = field(default_factory=dict)
    relations: set[tuple[str, str]] = field(default_factory=set)


def mesh_ids(identifier: str | None) -> tuple[str, ...]:
    """MeSH ids of a file identifier (``MESH:D003042``, ``D003042|D012640``; ``-1`` is none).

    Examples
    --------
    >>> mesh_ids("MESH:D003042|D012640"), mesh_ids("-1")
    (('D003042', 'D012640'), ())
    """
    if not identifier:
        return ()
    out = []
    for part in identifier.replace(",", "|").split("|"):
        part = part.strip()
        if part.lower().startswith("mesh:"):
            part = part[5:]
        if part and part != "-1" and part[0] in "CD" and part[1:].isdigit():
            out.append(part)
    return tuple(dict.fromkeys(out))


def _role(kind: str) -> str | None:
    low = kind.lower()
    if "chem" in low or "drug" in low:
        return "C"
    if "disease" in low or "disorder" in low:
        return "D"
    return None


def record_from_document(doc: Document, relations: Iterable[tuple[str, ...]] | None = None) -> CdrRecord:
    """A record from a PubTator or BioC :class:`Document` (annotations and CID relations)."""
    title = doc.title or ""
    abstract = doc.text[len(title) + 1 :] if title else doc.text
    record = CdrRecord(doc.name, title, abstract)
    for k, a in enumerate(doc.annotations):
        role = _role(a.type)
        if role is None:
            continue
        sid = f"a{k}"
        record.spans.append(Span(sid, role, a.start, a.end, a.text))
        record.ids[sid] = mesh_ids(a.identifier)
    rels = relations if relations is not None else doc.metadata.get("relations", ())
    for rel in rels:
        if len(rel) >= 3 and rel[0] == "CID":
            record.relations.add((rel[1].removeprefix("MESH:"), rel[2].removeprefix("MESH:")))
    return record


def parse_bc5cdr(text: str, name: str = "bc5cdr") -> list[CdrRecord]:
    """Read BC5CDR PubTator text into records."""
    return [record_from_document(d) for d in parse_pubtator(text, name)]


def read_bc5cdr(path: str | Path) -> list[CdrRecord]:
    """Read a BC5CDR PubTator file into records.

    Raises
    ------
    InputError
        If the file cannot be read or is not PubTator.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} is not a file; give a PubTator file such as CDR_TestSet.PubTator.txt.")
    records = parse_bc5cdr(decode_bytes(read_bytes(path), path.name), path.name)
    if not records:
        raise InputError(f"{path} holds no PubTator records.")
    return records


# -- our own mentions ----------------------------------------------------------------------
MESH_XREFS_FILE = "mesh_xrefs.tsv"


@lru_cache(maxsize=1)
def extra_mesh_xrefs() -> dict[str, tuple[str, ...]]:
    """Entity id -> MeSH CURIEs from ``data/lexicon/mesh_xrefs.tsv``.

    The file (built by ``scripts/build_mesh_xrefs.py`` from BC5CDR training and development
    annotations) gives MeSH ids to lexicon entities that have none of their own.
    """
    from pharmgraph.lexicon.core import builtin_dir

    path = builtin_dir() / MESH_XREFS_FILE
    out: dict[str, tuple[str, ...]] = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ident, mesh, *_ = line.split("\t")
        out[ident] = (*out.get(ident, ()), mesh)
    return out


def entity_mesh(entity, lexicon=None, extra: bool = True) -> tuple[str, ...]:
    """MeSH ids of a lexicon entity: its id when it is a MeSH CURIE, and its MeSH
    cross-references (the entity's own, the lexicon's for its id, and when those give none
    and ``extra`` is true, those of ``data/lexicon/mesh_xrefs.tsv``)."""
    known = tuple(lexicon.xrefs(entity.id)) if lexicon is not None else ()
    found = _mesh_of((entity.id, *(entity.xrefs or ()), *known))
    return found or (_mesh_of(extra_mesh_xrefs().get(entity.id, ())) if extra else ())


def _mesh_of(curies: Iterable[str]) -> tuple[str, ...]:
    found = []
    for curie in curies:
        prefix, _, local = str(curie).partition(":")
        if prefix.lower() == "mesh" and local[:1] in "CD" and local[1:].isdigit():
            found.append(local)
    return tuple(dict.fromkeys(found))


def _mention_role(entity) -> str | None:
    group = type_group(entity.type)
    if group == "Entity":  # the types with no parent group of their own
        group = entity.type
    if group in ("Drug", "EndogenousSubstance", "DrugClass"):
        return "C"
    if group in ("Disease", "AdverseEvent"):
        return "D"
    return None


MESH_USAGE_FILE = "mesh_usage.tsv"


@lru_cache(maxsize=1)
def mesh_usage() -> dict[str, int]:
    """MeSH id -> how many BC5CDR training and development mentions are linked to it
    (``data/lexicon/mesh_usage.tsv``, written by ``scripts/build_mesh_xrefs.py``)."""
    from pharmgraph.lexicon.core import builtin_dir

    path = builtin_dir() / MESH_USAGE_FILE
    out: dict[str, int] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                mesh, count, *_ = line.split("\t")
                out[mesh] = int(count)
    return out


@lru_cache(maxsize=1)
def mesh_roles() -> dict[str, str]:
    """MeSH id -> the role (``C`` or ``D``) most of its BC5CDR training and development
    mentions have (the third and fourth columns of ``mesh_usage.tsv``: chemical and disease
    mentions; an id whose two counts tie is left out)."""
    from pharmgraph.lexicon.core import builtin_dir

    path = builtin_dir() / MESH_USAGE_FILE
    out: dict[str, str] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) >= 4 and not line.startswith("#") and cells[2] != cells[3]:
                out[cells[0]] = "C" if int(cells[2]) > int(cells[3]) else "D"
    return out


def _one_mesh(ids: tuple[str, ...]) -> tuple[str, ...]:
    """The one MeSH id a mention of an entity with several is linked to.

    An entity may carry the ids of several MeSH versions or neighbouring concepts (levodopa
    D007980 and C035420; dyskinesia D004409 and D000071057): the one the BC5CDR training
    annotations use most wins, then a descriptor of the classic numbering (``D`` and six
    digits) over a supplementary concept (``C``). Descriptors numbered after 2015
    (``D0000`` and six digits) that the annotations never use are dropped.
    """
    usage = mesh_usage()
    if usage:
        # BC5CDR links to the MeSH of its day: descriptors numbered later (D0000xxxxx) are
        # never its ids; a name that has only such an id is left without one.
        ids = tuple(i for i in ids if len(i) <= 7 or i in usage)
    if len(ids) < 2:
        return ids

    def rank(item: tuple[int, str]) -> tuple[int, int, int]:
        k, i = item
        kind = 0 if i[0] == "D" and len(i) == 7 else 1 if i[0] == "C" else 2
        return (-usage.get(i, 0), kind, k)

    return (min(enumerate(ids), key=rank)[1],)


_WORD_START = re.compile(r"(?<=[\s\-)])[A-Za-z0-9]")


def _named_tail(start: int, text: str, role: str, lexicon) -> tuple[int, str, tuple[str, ...]] | None:
    """The longest tail of a mention without a MeSH id that names a concept with one.

    A name the lexicon knows only without MeSH ("reflex bradycardia", "(-)-baclofen",
    "heparin-induced thrombocytopenia") is then read as its head ("bradycardia").
    """
    for hit in _WORD_START.finditer(text):
        tail = text[hit.start() :]
        if len(tail) < 4:
            break
        ids = tuple(
            dict.fromkeys(
                i for e in lexicon.lookup(tail) if _mention_role(e) == role for i in _one_mesh(entity_mesh(e, lexicon))
            )
        )
        if ids:
            return start + hit.start(), tail, ids
    return None


UNANNOTATED_FILE = "bc5cdr_unannotated.tsv"


def name_key_of(text: str) -> str:
    """A mention's text as the unannotated-name table keys it (lower case, single spaces)."""
    return " ".join(text.lower().split())


@lru_cache(maxsize=1)
def unannotated_names() -> frozenset[tuple[str, str]]:
    """``(role, name)`` pairs that BC5CDR's annotators leave unmarked (``data/lexicon/
    bc5cdr_unannotated.tsv``, written by ``scripts/build_mesh_xrefs.py`` from the training and
    development splits): names our finder links to MeSH that were seen three times or more
    there, fewer than a quarter of them inside an annotated mention of the same role
    ("body weight", "DNA", drug classes such as "neuroleptics")."""
    from pharmgraph.lexicon.core import builtin_dir

    path = builtin_dir() / UNANNOTATED_FILE
    out = set()
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                role, name, *_ = line.split("\t")
                out.add((role, name))
    return frozenset(out)


def recognise(record: CdrRecord, lexicon, unannotated: Iterable[tuple[str, str]] | None = None) -> CdrRecord:
    """A copy of ``record`` whose mentions come from our mention finder and lexicon.

    Mentions without a MeSH id are kept (they still shape the sentence's features) with no ids.
    Anaphora ("the drug") are left out, and so are the names BC5CDR does not annotate
    (``unannotated``: ``(role, name)`` pairs, by default :func:`unannotated_names`).
    """
    skip = unannotated_names() if unannotated is None else frozenset(unannotated)
    from pharmgraph.extract.mentions import MentionFinder

    doc = record_document(record.pmid, record.title, record.abstract, [], {"format": "bc5cdr"})
    matcher = lexicon.matcher()
    matches = matcher.find_all([s.clean for s in doc.sentences])
    finder = MentionFinder(lexicon, None)
    out = CdrRecord(record.pmid, record.title, record.abstract, relations=set(record.relations))
    roles = mesh_roles()
    found: list[tuple[int, int, str, str, tuple[str, ...]]] = []
    for idx, sentence in enumerate(doc.sentences):
        covered: list[tuple[int, int]] = []
        for m in finder.find(sentence.clean, (), matches=matches[idx]):
            if m.kind == "anaphor" or not m.entities:
                continue
            covered.append((m.start, m.end))
            role = _mention_role(m.entities[0])
            start, end, text = m.start, m.end, m.text
            if role != "C":
                inner = _inner_chemical(text, role, lexicon, skip)
                if inner is not None:
                    size, inner_ids, rest = inner
                    found.append((sentence.start + start, sentence.start + start + size, text[:size], "C", inner_ids))
                    if role is None or rest is None:
                        continue
                    start, text = start + rest, text[rest:]
            if role is None:
                continue
            ids = tuple(dict.fromkeys(i for e in m.entities for i in _one_mesh(entity_mesh(e, lexicon))))
            if text != m.text:  # the disease after "heparin-induced": its own name, else the whole one's
                ids = _role_mesh(text, role, lexicon) or ids
            if not ids:
                start, text, ids = _named_tail(start, text, role, lexicon) or (start, text, ids)
            role = _annotated_role(role, ids, roles)
            if (role, name_key_of(text)) in skip:
                continue
            found.append((sentence.start + start, sentence.start + end, text, role, ids))
        for start, end, text, ids in _adjectival_diseases(sentence.clean, covered, lexicon):
            found.append((sentence.start + start, sentence.start + end, text, "D", ids))
    for k, (start, end, text, role, ids) in enumerate(sorted(found)):
        out.spans.append(Span(f"n{k}", role, start, end, text))
        out.ids[f"n{k}"] = ids
    return out


def _role_mesh(name: str, role: str, lexicon) -> tuple[str, ...]:
    """The MeSH ids (one per entity) of the lexicon's entities of ``role`` named ``name``."""
    return tuple(
        dict.fromkeys(i for e in lexicon.lookup(name) if _mention_role(e) == role for i in _one_mesh(entity_mesh(e, lexicon)))
    )


def _annotated_role(role: str, ids: tuple[str, ...], roles: dict[str, str]) -> str:
    """The role BC5CDR's annotators give a mention's MeSH id, where our lexicon's type says
    otherwise ("hypersensitivity" typed as a substance is a disease there)."""
    given = {roles[i] for i in ids if i in roles}
    return given.pop() if len(given) == 1 else role


_INDUCED = re.compile(r"[\s\-](?:induced|associated|related|evoked|mediated|elicited|provoked)[\s\-]+", re.IGNORECASE)
_BOUNDARY = re.compile(r"[\s\-]")


def _inner_chemical(
    text: str, role: str | None, lexicon, skip: frozenset[tuple[str, str]]
) -> tuple[int, tuple[str, ...], int | None] | None:
    """A chemical that opens a longer name of something else, as BC5CDR's annotators mark it.

    "serotonin receptor", "dopamine release" (a target or a process: ``role`` None) and
    "heparin-induced thrombocytopenia" (a disease, the chemical followed by "-induced" or a
    like word) name the chemical first. Returns the chemical's length, its MeSH ids and,
    for a disease, where the disease's own words start (None when nothing is left of it).
    """
    bounds = [b.start() for b in _BOUNDARY.finditer(text)]
    for size in reversed(bounds):
        if size < 2:
            continue
        rest = None
        if role == "D":
            joint = _INDUCED.match(text, size)
            if joint is None:
                continue
            rest = joint.end() if joint.end() < len(text) else None
        name = text[:size]
        if ("C", name_key_of(name)) in skip:
            continue
        ids = _role_mesh(name, "C", lexicon)
        if ids:
            return size, ids, rest
    return None


_ADJECTIVE = re.compile(r"\b[A-Za-z][a-z]{3,}(?:ic|ive|ese)\b")
_ADJECTIVE_NOUNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("toxic", ("toxicity",)),
    ("etic", ("esia", "esis")),
    ("tic", ("sis", "sy")),
    ("ic", ("ia", "ism", "y", "ias")),
    ("ive", ("ion",)),
    ("ese", ("esity",)),
)


def _adjectival_diseases(
    clean: str, covered: Sequence[tuple[int, int]], lexicon
) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Disease adjectives outside every other mention, read as their noun: "ischemic" as
    ischemia, "nephrotoxic" as nephrotoxicity, "cataleptic" as catalepsy, "obese" as obesity
    (BC5CDR's annotators mark them as the disease)."""
    out = []
    for hit in _ADJECTIVE.finditer(clean):
        start, end = hit.span()
        if any(a < end and start < b for a, b in covered):
            continue
        word = hit.group()
        for suffix, nouns in _ADJECTIVE_NOUNS:
            if not word.lower().endswith(suffix):
                continue
            ids: tuple[str, ...] = ()
            for noun in nouns:
                ids = _role_mesh(word[: len(word) - len(suffix)].lower() + noun, "D", lexicon)
                if ids:
                    break
            if ids:
                out.append((start, end, word, ids))
            break
    return out


# -- NER scores ----------------------------------------------------------------------------
def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score_ner(gold: Sequence[CdrRecord], predicted: Sequence[CdrRecord]) -> dict:
    """Mention-level and document-level normalisation scores, per type.

    A predicted mention is right at mention level when its span and type equal a gold
    mention's and one of its MeSH ids is one of the gold ids; a gold mention without an id
    (``-1``) is not counted. At document level (as the BC5CDR DNER task scored), the sets of
    ``(pmid, type, MeSH id)`` are compared.

    Returns
    -------
    dict
        ``{"Chemical": {"mention": {...}, "document": {...}}, "Disease": {...}}``, each inner
        dict holding ``tp``, ``fp``, ``fn``, ``precision``, ``recall``, ``f1``.
    """
    names = {"C": "Chemical", "D": "Disease"}
    by_pmid = {r.pmid: r for r in predicted}
    result = {}
    for role, name in names.items():
        tp = fp = fn = 0
        gold_docs: set[tuple[str, str]] = set()
        pred_docs: set[tuple[str, str]] = set()
        for g in gold:
            p = by_pmid.get(g.pmid)
            gold_m = {(s.start, s.end): set(g.ids.get(s.id, ())) for s in g.spans if s.role == role}
            gold_m = {k: v for k, v in gold_m.items() if v}
            for ids in gold_m.values():
                gold_docs.update((g.pmid, i) for i in ids)
            matched: set[tuple[int, int]] = set()
            for s in p.spans if p else ():
                ids = set(p.ids.get(s.id, ()))
                if s.role != role or not ids:
                    continue
                pred_docs.update((g.pmid, i) for i in ids)
                key = (s.start, s.end)
                if key in gold_m and key not in matched and ids & gold_m[key]:
                    tp += 1
                    matched.add(key)
                else:
                    fp += 1
            fn += len(gold_m) - len(matched)
        dtp = len(gold_docs & pred_docs)
        result[name] = {
            "mention": _prf(tp, fp, fn),
            "document": _prf(dtp, len(pred_docs) - dtp, len(gold_docs) - dtp),
        }
    return result


# -- relations -----------------------------------------------------------------------------
def sentence_pairs(record: CdrRecord, head: RelationHead) -> dict[tuple[str, str], dict]:
    """Concept pairs that share a sentence: best and summed probability, how many sentences
    and mention pairs, whether the title pairs them, the rules' readings."""
    out: dict[tuple[str, str], dict] = {}
    for c in sentence_candidates(record.pmid, record.title, record.abstract, record.spans, ("C", "D")):
        p = head.positive_probability(c.features)
        rules = {f[5:] for f in c.features if f.startswith("rule=") and "|" not in f}
        for a in record.ids.get(c.subject, ()):
            for b in record.ids.get(c.object, ()):
                slot = out.setdefault(
                    (a, b), {"p": 0.0, "n": 0, "rules": set(), "sum": 0.0, "sentences": {}, "title": False}
                )
                slot["p"] = max(slot["p"], p)
                slot["n"] += 1
                slot["rules"].update(rules)
                best = slot["sentences"].get(c.sentence, 0.0)
                slot["sentences"][c.sentence] = max(best, p)
                slot["title"] = slot["title"] or c.sentence == 0
    for slot in out.values():
        slot["sum"] = sum(slot["sentences"].values())
        slot["strong"] = sum(1 for v in slot["sentences"].values() if v >= 0.5)
    return out


def _bin(p: float) -> str:
    return str(min(int(p * 10), 9))


def concepts(record: CdrRecord) -> tuple[set[str], set[str]]:
    """The chemical and the disease MeSH ids a record's mentions name."""
    out: dict[str, set[str]] = {"C": set(), "D": set()}
    for s in record.spans:
        out.setdefault(s.role, set()).update(record.ids.get(s.id, ()))
    return out["C"], out["D"]


def _broader_concepts(record: CdrRecord) -> set[str]:
    """Concepts whose every name is a word-bounded part of a longer name of another concept of
    the same role ("hypertension" beside "pulmonary hypertension"): annotators relate the
    more specific one."""
    names: dict[str, dict[str, set[str]]] = {"C": {}, "D": {}}
    for s in record.spans:
        for i in record.ids.get(s.id, ()):
            names.setdefault(s.role, {}).setdefault(i, set()).add(" ".join(s.text.lower().split()))
    out = set()
    for table in names.values():
        for i, own in table.items():
            others = [n for j, ns in table.items() if j != i for n in ns]
            if others and all(any(f" {n} " in f" {o} " and n != o for o in others) for n in own):
                out.add(i)
    return out


def head_prior(head: RelationHead) -> CidPrior | None:
    """The training counts a document head carries (``about["prior"]``), if any."""
    return CidPrior.from_dict(head.about.get("prior"))


def document_pairs(
    record: CdrRecord, head: RelationHead, prior: CidPrior | None = None
) -> dict[tuple[str, str], list[str]]:
    """Every chemical × disease concept pair of a record with its document-level features.

    With ``prior`` (counts over training documents, :class:`CidPrior`), each pair also gets
    how often training documents related it and how often its two concepts took part in a
    CID pair where they were named.
    """
    title_end = len(record.title)
    counts: dict[str, Counter[str]] = {"C": Counter(), "D": Counter()}
    first: dict[str, int] = {}
    in_title: set[str] = set()
    for s in record.spans:
        for i in record.ids.get(s.id, ()):
            counts[s.role][i] += 1
            first[i] = min(first.get(i, s.start), s.start)
            if s.end <= title_end:
                in_title.add(i)
    ranks = {role: {i: r for r, (i, _) in enumerate(c.most_common())} for role, c in counts.items()}
    broader = _broader_concepts(record)
    cues = mention_cues(record) if CUE_FEATURES else {}
    n_title = {role: sum(1 for i in c if i in in_title) for role, c in counts.items()}
    shared = sentence_pairs(record, head)
    n_sentences = len(
        record_document(record.pmid, record.title, record.abstract, [], {"format": "bc5cdr"}).sentences
    )
    n_chem, n_dis = len(counts["C"]), len(counts["D"])
    # how the pair's best sentence probability ranks among the chemical's and the disease's pairs
    best_c: dict[str, list[float]] = {}
    best_d: dict[str, list[float]] = {}
    for (a, b), slot in shared.items():
        best_c.setdefault(a, []).append(slot["p"])
        best_d.setdefault(b, []).append(slot["p"])
    out: dict[tuple[str, str], list[str]] = {}
    for a in counts["C"]:
        for b in counts["D"]:
            if a == b:
                continue
            slot = shared.get((a, b))
            ct, dt = a in in_title, b in in_title
            cr, dr = min(ranks["C"][a], 2), min(ranks["D"][b], 2)
            pb = _bin(slot["p"]) if slot else "none"
            feats = [
                f"maxp={pb}", f"ncooc={min(slot['n'], 3) if slot else 0}", f"ct={ct}", f"dt={dt}",
                f"ct{ct}dt{dt}", f"cr={cr}", f"dr={dr}", f"cr{cr}dr{dr}",
                f"cn={min(counts['C'][a], 5)}", f"dn={min(counts['D'][b], 5)}",
                f"maxp{pb}|ct{ct}", f"maxp{pb}|cr{cr}", f"nchem={min(n_chem, 4)}",
                f"ndis={min(n_dis, 5)}", f"dfirst={first[b] <= title_end}", "bias",
            ]
            if slot:
                feats += [f"cotitle={slot['title']}", f"strong={min(slot['strong'], 2)}"]
                rc = min(sum(1 for p in best_c[a] if p > slot["p"]), 2)
                rd = min(sum(1 for p in best_d[b] if p > slot["p"]), 2)
                feats += [f"prc={rc}", f"prd={rd}", f"prc{rc}prd{rd}", f"prd{rd}|dt{dt}"]
                feats.append(f"psum={min(int(slot['sum'] * 2), 6)}")
                where = slot["sentences"]
                last_p = where.get(n_sentences - 1)
                if last_p is not None:
                    feats.append(f"colast={_bin(last_p)}")
                early = max((v for k, v in where.items() if k <= 1), default=None)
                if early is not None:
                    feats.append(f"coearly={_bin(early)}")
            for rule in slot["rules"] if slot else ():
                feats.append(f"rule={rule}")
            if ct and dt:
                feats.append(f"titlepair={min(n_title['C'], 2)}{min(n_title['D'], 2)}")
            if b in broader:
                feats += ["dbroad", f"dbroad|maxp{pb}"]
            if a in broader:
                feats.append("cbroad")
            if CUE_FEATURES:
                feats += [f"dcue={c}" for c in cues.get(b, ())] + [f"ccue={c}" for c in cues.get(a, ())]
                feats += [f"dcue={c}|maxp{pb}" for c in cues.get(b, ())]
            if prior is not None:
                feats += prior.features(a, b)
            out[(a, b)] = feats
    return out


CUE_FEATURES = True
"""Give the document head the words around each concept's mentions (:func:`mention_cues`)."""

_CUES_BEFORE = (
    ("induced", re.compile(r"(?:induced|caused|provoked|evoked|related|associated)\W*$")),
    ("develop", re.compile(r"(?:develop(?:ed|s|ing)?|experienced|suffered|onset of|incidence of|risk of|occurrence of)\W*$")),
    ("patients", re.compile(r"(?:patients|subjects|children|women|men) with\W*$")),
    ("treat", re.compile(r"(?:treatment of|therapy of|treat(?:ed|ing)?|for the|management of|prevent(?:ion of|ed|s)?|against)\W*$")),
    ("with", re.compile(r"(?:treated with|receiving|given|administration of|exposure to|use of|dose of|doses of)\W*$")),
)
_CUES_AFTER = (
    ("induced", re.compile(r"^\W*(?:-?induced|-?associated|-?related|toxicity|induced)")),
    ("after", re.compile(r"^\W*(?:after|following|during|due to|induced by|caused by|associated with|secondary to)\b")),
    ("patients", re.compile(r"^\W*(?:patients|rats|mice|model)\b")),
    ("dose", re.compile(r"^\W*(?:\(?\d|at a dose|at doses|treatment|therapy|administration|infusion|injection)")),
)


def mention_cues(record: CdrRecord) -> dict[str, set[str]]:
    """MeSH id -> the cues read around its mentions: what the three words before say
    ("induced", "develop", "patients" with, "treat", "with" as given), and what follows
    ("-induced", "after", "patients", a "dose")."""
    text = record.title + " " + record.abstract
    out: dict[str, set[str]] = {}
    for s in record.spans:
        ids = record.ids.get(s.id, ())
        if not ids:
            continue
        before = text[max(0, s.start - 32) : s.start].lower()
        after = text[s.end : s.end + 24].lower()
        found = {f"b{name}" for name, rx in _CUES_BEFORE if rx.search(before)}
        found |= {f"a{name}" for name, rx in _CUES_AFTER if rx.search(after)}
        for i in ids:
            out.setdefault(i, set()).update(found)
    return out


def _margin(head: RelationHead, feats: Sequence[str]) -> float:
    s = head.scores(feats)
    return float(s[1] - s[0])


def predict_cid(record: CdrRecord, model: RelationModel) -> set[tuple[str, str]]:
    """The CID pairs of one record (whose mentions are ours) by the two CID heads.

    A pair is predicted when the document head prefers ``CID`` to ``NONE``. When it prefers
    no pair of a record, the record's best pair is still predicted if its probability reaches
    the document head's ``threshold`` (a threshold of 0.5 or more turns this off): nearly every
    abstract annotated for CID names at least one pair.
    """
    sent, doc = model.heads[SENTENCE_HEAD], model.heads[DOCUMENT_HEAD]
    prior = head_prior(doc)
    margins = {pair: _margin(doc, feats) for pair, feats in document_pairs(record, sent, prior).items()}
    found = {pair for pair, m in margins.items() if m > 0}
    if not found and margins and doc.threshold < 0.5:
        pair, m = max(margins.items(), key=lambda item: (item[1], item[0]))
        if 1.0 / (1.0 + math.exp(-m)) >= doc.threshold:
            found.add(pair)
    return found


def tune_document_head(
    gold: Sequence[CdrRecord], recognised: Sequence[CdrRecord], model: RelationModel
) -> tuple[float, float, float]:
    """The document head's NONE bias and fallback threshold that maximise CID F1 on ``gold``.

    Parameters
    ----------
    gold : sequence of CdrRecord
        Development records with their CID pairs.
    recognised : sequence of CdrRecord
        The same records with our mentions (:func:`recognise`), in the same order.
    model : RelationModel
        Holding both CID heads, trained on other documents.

    Returns
    -------
    (float, float, float)
        NONE bias, threshold, and the F1 they give.
    """
    sent, doc = model.heads[SENTENCE_HEAD], model.heads[DOCUMENT_HEAD]
    truth = {(r.pmid, a, b) for r in gold for a, b in r.relations}
    prior = head_prior(doc)
    per_doc = []
    for r in recognised:
        items = document_pairs(r, sent, prior).items()
        per_doc.append([((r.pmid, *pair), _margin(doc, f) + doc.none_bias) for pair, f in items])
    best = (doc.none_bias, doc.threshold, -1.0)
    for bias in [x / 4 for x in range(-12, 9)]:
        for fall in (None, 1.0, 2.0, 3.0):
            predicted = set()
            for items in per_doc:
                got = [k for k, m in items if m - bias > 0]
                if not got and items and fall is not None:
                    k, m = max(items, key=lambda item: item[1])
                    if m - bias > -fall:
                        got = [k]
                predicted.update(got)
            tp = len(predicted & truth)
            f1 = 2 * tp / (len(predicted) + len(truth)) if tp else 0.0
            if f1 > best[2] + 1e-9:
                threshold = 1.0 / (1.0 + math.exp(fall)) if fall is not None else 0.5
                best = (bias, threshold, f1)
    return best


def predict_records(
    records: Sequence[CdrRecord],
    model: RelationModel,
    lexicon,
    progress: Callable[[Iterable], Iterable] | None = None,
) -> tuple[list[CdrRecord], dict[str, set[tuple[str, str]]]]:
    """Recognise mentions in every record and predict its CID pairs.

    Returns
    -------
    (list of CdrRecord, dict)
        The records with our mentions, and PMID -> predicted pairs.
    """
    for name in (SENTENCE_HEAD, DOCUMENT_HEAD):
        if name not in model.heads:
            raise InputError(f"the relation model has no {name} head; train one with 'pharmgraph train'.")
    iterable = progress(records) if progress else records
    ours, predicted = [], {}
    for record in iterable:
        mine = recognise(record, lexicon)
        ours.append(mine)
        predicted[record.pmid] = predict_cid(mine, model)
    return ours, predicted


def score_cid(gold: Sequence[CdrRecord], predicted: dict[str, set[tuple[str, str]]]) -> dict:
    """Precision, recall and F1 of predicted CID pairs (only the gold file's PMIDs count)."""
    g = {(r.pmid, a, b) for r in gold for a, b in r.relations}
    pmids = {r.pmid for r in gold}
    p = {(pmid, a, b) for pmid, pairs in predicted.items() if pmid in pmids for a, b in pairs}
    tp = len(g & p)
    return {**_prf(tp, len(p) - tp, len(g) - tp), "gold": len(g), "predicted": len(p)}


def write_cid(predicted: dict[str, set[tuple[str, str]]], path: str | Path) -> int:
    """Write predicted pairs as PubTator relation lines ``PMID<TAB>CID<TAB>chem<TAB>disease``."""
    lines = sorted(f"{pmid}\tCID\t{a}\t{b}" for pmid, pairs in predicted.items() for a, b in pairs)
    try:
        Path(path).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path} cannot be written ({exc.strerror}).") from None
    return len(lines)


# -- training ------------------------------------------------------------------------------
def sentence_examples(records: Sequence[CdrRecord]) -> list[tuple[str, tuple[str, ...], int]]:
    """``(pmid, features, class)`` for the chemical–disease pairs of records with relations."""
    out = []
    for r in records:
        for c in sentence_candidates(r.pmid, r.title, r.abstract, r.spans, ("C", "D")):
            related = any((a, b) in r.relations for a in r.ids.get(c.subject, ()) for b in r.ids.get(c.object, ()))
            out.append((r.pmid, c.features, int(related)))
    return out


SENTENCE_FOLDS = 2
"""The document head learns from sentence probabilities of heads that did not see the document:
each trained on all folds but the document's."""


def _fold(doc_id: str) -> int:
    return int(hashlib.md5(doc_id.encode("utf-8")).hexdigest(), 16) % SENTENCE_FOLDS


def train_cid_heads(
    records: Sequence[CdrRecord],
    lexicon=None,
    c: float = 0.05,
    progress: Callable[[str], None] | None = None,
    entities: str = "gold",
    recognised: Sequence[CdrRecord] | None = None,
    use_prior: bool = True,
) -> list[RelationHead]:
    """Train the sentence-level and document-level CID heads on records with relations.

    Parameters
    ----------
    records : sequence of CdrRecord
        Training records with gold mentions and CID pairs.
    lexicon : Lexicon, optional
        For our own mentions of the training documents, with ``entities="ours"``.
    c : float
        Regularisation of the sentence head.
    progress : callable, optional
        Called with a short message after each step.
    entities : str
        Whose mentions the document head learns on: the records' gold ones (the default:
        the head then does not depend on the lexicon of the day) or ``"ours"``.
    recognised : sequence of CdrRecord, optional
        With ``entities="ours"``, the records as :func:`recognise` gives them (in the same
        order), when they are already at hand.
    use_prior : bool
        Give the document head the training documents' counts (:class:`CidPrior`; each
        training document sees those of the others) and store them in the head.

    Raises
    ------
    InputError
        If the records hold no CID pair between two mentions of one sentence.
    """
    from pharmgraph.evaluation.training import fit_head, is_held_out, tune_none_bias

    note = progress or (lambda _m: None)
    examples = sentence_examples(records)
    if not any(k for _, _, k in examples) or all(k for _, _, k in examples):
        raise InputError(
            "the training records need both related and unrelated chemical–disease pairs named in one sentence; add documents."
        )
    folds = [[(f, k) for d, f, k in examples if _fold(d) != n] for n in range(SENTENCE_FOLDS)]
    sentence = fit_head(SENTENCE_HEAD, ("C", "D"), CID_CLASSES, CID_PREDICATES, [(f, k) for _, f, k in examples], c=c)
    sentence.threshold = 0.7
    note(f"sentence head: {len(examples)} pairs")
    halves = [fit_head(SENTENCE_HEAD, ("C", "D"), CID_CLASSES, CID_PREDICATES, fold, c=c) if any(k for _, k in fold) and any(not k for _, k in fold) else sentence for fold in folds]
    doc_examples: list[tuple[str, list[str], int]] = []
    if entities == "ours" and recognised is None:
        if lexicon is None:
            raise InputError("training the document head on our own mentions needs a lexicon.")
        recognised = [recognise(r, lexicon) for r in records]
    known = [(*concepts(r), r.relations) for r in records]
    prior = CidPrior.from_documents(known) if use_prior else None
    for k, r in enumerate(records):
        other = halves[_fold(r.pmid)]  # the head that never saw r
        mine = recognised[k] if entities == "ours" and recognised is not None else r
        unseen = prior.without(*known[k]) if prior is not None else None  # r's own pairs left out
        for pair, feats in document_pairs(mine, other, unseen).items():
            doc_examples.append((r.pmid, feats, int(pair in r.relations)))
    note(f"document head: {len(doc_examples)} concept pairs")
    if not any(k for _, _, k in doc_examples) or all(k for _, _, k in doc_examples):
        raise InputError("the training records give no related (or no unrelated) concept pair with MeSH ids on both sides; nothing to learn.")
    train = [(f, k) for d, f, k in doc_examples if not is_held_out(d)]
    held = [(f, k) for d, f, k in doc_examples if is_held_out(d)]
    bias, f1 = 0.0, None
    if held and any(k for _, k in held) and len({k for _, k in train}) > 1:
        from pharmgraph.evaluation.training import batch_scores

        trial = fit_head(DOCUMENT_HEAD, ("docC", "docD"), CID_CLASSES, CID_PREDICATES, train, c=DOCUMENT_C, min_count=1)
        held_gold = [k for _, k in held]
        missed = sum(len(r.relations) for r in records if is_held_out(r.pmid)) - sum(held_gold)

        def cid_f1(pred) -> float:
            tp = sum(1 for p, g in zip(pred, held_gold, strict=True) if p and g)
            fp = sum(1 for p, g in zip(pred, held_gold, strict=True) if p and not g)
            fn = sum(held_gold) - tp + max(missed, 0)
            return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

        bias, f1 = tune_none_bias(batch_scores(trial, [f for f, _ in held]), held_gold, cid_f1)
    document = fit_head(DOCUMENT_HEAD, ("docC", "docD"), CID_CLASSES, CID_PREDICATES,
                        [(f, k) for _, f, k in doc_examples], c=DOCUMENT_C, min_count=1,
                        about={"documents": len(records), "held_out_pair_f1": f1,
                               **({"prior": prior.to_dict()} if prior is not None else {})})
    document.none_bias = bias
    sentence.about.update({"documents": len(records)})
    return [sentence, document]


def train_cid_tuned(
    training: Sequence[CdrRecord],
    development: Sequence[CdrRecord],
    lexicon,
    c: float = 0.05,
    progress: Callable[[str], None] | None = None,
) -> tuple[list[RelationHead], dict]:
    """The shipped model's recipe: both CID heads on our own mentions, tuned on development.

    The heads are trained on ``training`` with the document head reading our mentions
    (:func:`recognise`); the document head's NONE bias and fallback threshold are tuned on
    ``development`` (:func:`tune_document_head`); then both heads are trained again on
    training and development together and given the tuned values.

    Returns
    -------
    (list of RelationHead, dict)
        The sentence and document heads, and the development figures.
    """
    note = progress or (lambda _m: None)
    ours_training = [recognise(r, lexicon) for r in training]
    ours_development = [recognise(r, lexicon) for r in development]
    note("recognised the training and development documents")
    first = train_cid_heads(training, c=c, entities="ours", recognised=ours_training)
    bias, threshold, f1 = tune_document_head(development, ours_development, RelationModel({h.name: h for h in first}))
    note(f"development CID F1 {f1:.3f} (NONE bias {bias}, fallback threshold {threshold:.3f})")
    heads = train_cid_heads(
        [*training, *development], c=c, entities="ours", recognised=[*ours_training, *ours_development]
    )
    heads[1].none_bias, heads[1].threshold = bias, threshold
    facts = {"entities": "ours", "development_f1": round(f1, 4), "tuned_on": "development documents",
             "training_documents": len(training), "development_documents": len(development)}
    heads[1].about.update(facts)
    return heads, {"f1": f1, "none_bias": bias, "threshold": threshold}


__all__ = [
    "CID_CLASSES",
    "DOCUMENT_HEAD",
    "SENTENCE_HEAD",
    "CdrRecord",
    "Span",
    "concepts",
    "document_pairs",
    "entity_mesh",
    "extra_mesh_xrefs",
    "head_prior",
    "mention_cues",
    "mesh_ids",
    "mesh_roles",
    "mesh_usage",
    "name_key_of",
    "parse_bc5cdr",
    "predict_cid",
    "predict_records",
    "read_bc5cdr",
    "recognise",
    "record_from_document",
    "score_cid",
    "score_ner",
    "sentence_examples",
    "train_cid_heads",
    "train_cid_tuned",
    "tune_document_head",
    "unannotated_names",
    "write_cid",
]
