"""The lexicon measured: speed and memory of matching, and how well it names what corpora name.

Sections (all read ../shared/corpora; nothing here tunes anything):

``speed``
    Load and build times, matching throughput (MB/s, sentences/s, abstracts/s) on DrugProt
    *training* abstracts (text only) for the built-in lexicon, for a lexicon grown past the
    built-in size with synthetic names, and, with ``--baseline DIR``, for an older lexicon's
    files in DIR (``curated.tsv`` and ``generated.tsv[.gz]``) in the same run. Memory: the
    growth of the process's resident size while the lexicon loads and its matcher builds.
``bc5cdr``
    BC5CDR *test* split (measure only): mention-level normalisation to MeSH. A predicted
    mention counts when its span equals a gold mention's, its type agrees (chemical: drugs,
    drug classes, endogenous substances; disease: diseases and adverse events) and the gold
    MeSH id is one of the entity's MeSH ids (its id or cross-references; the concept is the
    same under an older or newer MeSH id). Abbreviations a document defines ("zidovudine
    (ZDV)") are added per document, as extraction does.
``drugprot``
    DrugProt *development* split (measure only): recall of the gold CHEMICAL and GENE
    mentions by the matcher (a gold mention is found when a match of the right family
    overlaps it; exact-span recall is given too).

Usage::

    nice python benchmarks/lexicon.py [--limit N] [--baseline DIR] [--only speed,bc5cdr,drugprot]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import string
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def rss_mb() -> float:
    """Return the resident size of this process in MB."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def read_abstracts(limit: int | None) -> list[str]:
    """Return DrugProt training abstracts (title and text) as strings."""
    path = CORPORA / "drugprot" / "training" / "drugprot_training_abstracs.tsv"
    if not path.is_file():
        sys.exit(f"{path} is absent")
    texts = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            _pmid, title, abstract = line.rstrip("\n").split("\t", 2)
            texts.append(f"{title} {abstract}")
            if limit and len(texts) >= limit:
                break
    return texts


def measure(matcher, texts: list[str], label: str) -> None:
    sentences = [s for t in texts for s in _SENTENCE_RE.split(t)]
    size = sum(len(t.encode("utf-8")) for t in texts)
    matcher.find(texts[0])  # warm up
    start = time.perf_counter()
    n = sum(len(matcher.find(t)) for t in texts)
    doc_s = time.perf_counter() - start
    start = time.perf_counter()
    for s in sentences:
        matcher.find(s)
    sent_s = time.perf_counter() - start
    print(
        f"{label}: {len(texts)} abstracts ({size / 1e6:.1f} MB), {n} matches; "
        f"{size / 1e6 / doc_s:.2f} MB/s, {len(texts) / doc_s:.0f} abstracts/s; "
        f"{len(sentences)} sentences one by one: {len(sentences) / sent_s:.0f} sentences/s"
    )


def compare(matchers: dict, texts: list[str], rounds: int = 4) -> None:
    """Time matchers in alternating rounds on the same texts (fair on a busy machine)."""
    sentences = [s for t in texts for s in _SENTENCE_RE.split(t)]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    spent = {name: [0.0, 0.0] for name in matchers}
    names = list(matchers)
    for r in range(rounds):
        for name in names if r % 2 == 0 else names[::-1]:
            matcher = matchers[name]
            start = time.perf_counter()
            for t in texts:
                matcher.find(t)
            middle = time.perf_counter()
            for s in sentences:
                matcher.find(s)
            spent[name][0] += middle - start
            spent[name][1] += time.perf_counter() - middle
    print(f"interleaved, {rounds} rounds:")
    for name, (docs, sents) in spent.items():
        print(
            f"  {name}: {rounds * size / docs:.2f} MB/s, {rounds * len(texts) / docs:.0f} "
            f"abstracts/s, {rounds * len(sentences) / sents:.0f} sentences/s"
        )


def synthetic_names(n: int, seed: int = 7) -> list[str]:
    """Return ``n`` made-up multiword names (drug-like stems and target-like phrases)."""
    rng = random.Random(seed)
    suffixes = ["amine", "azole", "pril", "sartan", "olol", "mab", "tinib", "zepam", "pine", "done"]
    words = ["receptor", "channel", "kinase", "transporter", "subunit", "factor", "protein"]
    out = set()
    while len(out) < n:
        stem = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 8)))
        if rng.random() < 0.5:
            out.add(stem + rng.choice(suffixes))
        else:
            out.add(f"{stem} {rng.choice(words)} {rng.randint(1, 12)}")
    return sorted(out)


def speed(args) -> None:
    texts = read_abstracts(args.limit)
    start = time.perf_counter()
    from pharmgraph.lexicon import Term, load_lexicon

    imported = time.perf_counter() - start
    if args.baseline:
        folder = Path(args.baseline)
        files = [folder / "curated.tsv", *sorted(folder.glob("generated.tsv*"))]
        before = rss_mb()
        start = time.perf_counter()
        old = load_lexicon(files, builtin=False)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        old_matcher = old.matcher()
        built = time.perf_counter() - start
        from pharmgraph.lexicon.core import freeze_loaded

        freeze_loaded()  # as the built-in lexicon is once loaded: out of the collector's scans
        names = sum(1 + len(e.synonyms) for e in old)
        print(
            f"baseline lexicon ({folder}): {len(old)} entities, {names} names; load {loaded:.2f} s "
            f"(through the user-file reader); matcher build {built:.2f} s ({len(old_matcher)} keys); "
            f"memory +{rss_mb() - before:.0f} MB"
        )
        measure(old_matcher, texts, "baseline matcher")
        compare({"baseline": old_matcher, "default": load_lexicon().matcher()}, texts)
        del old, old_matcher

    before = rss_mb()
    start = time.perf_counter()
    lexicon = load_lexicon()
    loaded = time.perf_counter() - start
    names = sum(1 + len(e.synonyms) for e in lexicon)
    start = time.perf_counter()
    matcher = lexicon.matcher()
    built = time.perf_counter() - start
    print(
        f"default lexicon: {len(lexicon)} entities, {names} names; import {imported:.2f} s, "
        f"load {loaded:.2f} s; matcher build {built:.2f} s ({len(matcher)} keys); "
        f"memory +{rss_mb() - before:.0f} MB (lexicon and matcher)"
    )
    measure(matcher, texts, "default matcher")

    extra = synthetic_names(max(0, int(names * 1.5) - names))
    for i, name in enumerate(extra):
        lexicon.add(Term(f"pharmgraph:synthetic_{i}", name, "Drug"))
    names = sum(1 + len(e.synonyms) for e in lexicon)
    start = time.perf_counter()
    matcher = lexicon.matcher()
    built = time.perf_counter() - start
    print(
        f"grown lexicon: {len(lexicon)} entities, {names} names; matcher build {built:.2f} s "
        f"({len(matcher)} keys)"
    )
    measure(matcher, texts, "grown matcher")


# -- BC5CDR -----------------------------------------------------------------------------------

_CHEMICAL = {"Drug", "DrugClass", "EndogenousSubstance"}
_DISEASE = {"Disease", "AdverseEvent"}


def read_pubtator(path: Path):
    """Yield (pmid, text, [(start, end, type, {mesh ids})]) from a PubTator file."""
    doc: dict = {}
    with open(path, encoding="utf-8") as handle:
        for line in [*handle, "\n"]:
            line = line.rstrip("\n")
            if not line:
                if doc:
                    yield doc["pmid"], doc["title"] + " " + doc["abstract"], doc["mentions"]
                doc = {}
                continue
            if "|t|" in line[:20]:
                pmid, _, title = line.split("|", 2)
                doc = {"pmid": pmid, "title": title, "abstract": "", "mentions": []}
            elif "|a|" in line[:20]:
                doc["abstract"] = line.split("|", 2)[2]
            else:
                cells = line.split("\t")
                if len(cells) >= 6 and cells[1] != "CID":
                    ids = {i for i in cells[5].split("|") if i and i != "-1"}
                    doc["mentions"].append((int(cells[1]), int(cells[2]), cells[4], ids))


def mesh_ids(lexicon, entity) -> set[str]:
    """Return the MeSH ids (without prefix) of an entity: its id and cross-references."""
    return {
        c.split(":", 1)[1]
        for c in (entity.id, *lexicon.xrefs(entity.id))
        if c.lower().startswith("mesh:")
    }


def document_matches(matcher, text: str):
    """Return the matches of a document, with the abbreviations it defines added."""
    from pharmgraph.extract.abbreviations import find_definitions

    matches = matcher.find(text)
    ends = {m.end: m for m in matches}
    aliases = {}
    for d in find_definitions(text):
        before = text[: d.long_end].rstrip()
        m = ends.get(len(before))
        if m is not None and d.short not in aliases:
            aliases[d.short] = m.entity
    if aliases:
        matches = matcher.with_aliases(aliases).find(text)
    return matches


def bc5cdr(args) -> None:
    from pharmgraph.lexicon import default_lexicon

    lexicon = default_lexicon()
    matcher = lexicon.matcher()
    path = CORPORA / "bc5cdr" / "CDR_TestSet.PubTator.txt"
    counts = {k: [0, 0, 0] for k in ("Chemical", "Disease")}  # tp, predicted, gold
    span_counts = {k: [0, 0, 0] for k in ("Chemical", "Disease")}
    docs = 0
    for _pmid, text, gold in read_pubtator(path):
        docs += 1
        if args.limit and docs > args.limit:
            break
        gold_by_span = {(s, e, t): ids for s, e, t, ids in gold}
        for _s, _e, t, _ids in gold:
            counts[t][2] += 1
            span_counts[t][2] += 1
        for m in document_matches(matcher, text):
            kind = (
                "Chemical"
                if m.entity.type in _CHEMICAL
                else "Disease"
                if m.entity.type in _DISEASE
                else None
            )
            if kind is None:
                continue
            ids = mesh_ids(lexicon, m.entity)
            span_counts[kind][1] += 1
            if (m.start, m.end, kind) in gold_by_span:
                span_counts[kind][0] += 1
            if not ids:
                continue  # nothing to normalise to
            counts[kind][1] += 1
            gold_ids = gold_by_span.get((m.start, m.end, kind))
            if gold_ids and gold_ids & ids:
                counts[kind][0] += 1
    print(f"BC5CDR test ({docs} documents), mention-level normalisation to MeSH (exact span):")
    for kind in ("Chemical", "Disease"):
        tp, pred, gold_n = counts[kind]
        p = tp / pred if pred else 0.0
        r = tp / gold_n if gold_n else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        stp, spred, _ = span_counts[kind]
        sp = stp / spred if spred else 0.0
        sr = stp / gold_n if gold_n else 0.0
        sf = 2 * sp * sr / (sp + sr) if sp + sr else 0.0
        print(
            f"  {kind:8s} normalisation P {p:.3f} R {r:.3f} F1 {f:.3f} "
            f"(tp {tp}, predicted {pred}, gold {gold_n}); "
            f"span only P {sp:.3f} R {sr:.3f} F1 {sf:.3f}"
        )


# -- DrugProt ---------------------------------------------------------------------------------


def drugprot(args) -> None:
    from pharmgraph.lexicon import default_lexicon
    from pharmgraph.vocabulary import type_group

    folder = CORPORA / "drugprot" / "development"
    texts = {}
    with open(folder / "drugprot_development_abstracs.tsv", encoding="utf-8") as handle:
        for line in handle:
            pmid, title, abstract = line.rstrip("\n").split("\t", 2)
            texts[pmid] = f"{title}\t{abstract}"
            if args.limit and len(texts) >= args.limit:
                break
    gold = defaultdict(list)
    with open(folder / "drugprot_development_entities.tsv", encoding="utf-8") as handle:
        for line in handle:
            pmid, _t, kind, start, end, _text = line.rstrip("\n").split("\t", 5)
            if pmid in texts:
                gold[pmid].append(
                    (int(start), int(end), "CHEMICAL" if kind == "CHEMICAL" else "GENE")
                )
    matcher = default_lexicon().matcher()
    found = {"CHEMICAL": [0, 0, 0], "GENE": [0, 0, 0]}  # overlap, exact, total
    pmids = list(texts)
    for pmid, matches in zip(pmids, matcher.find_all([texts[p] for p in pmids]), strict=True):
        spans = defaultdict(list)
        for m in matches:
            fam = "GENE" if type_group(m.entity.type) == "Target" else "CHEMICAL"
            if m.entity.type in _CHEMICAL or fam == "GENE":
                spans[fam].append((m.start, m.end))
        for s, e, kind in gold[pmid]:
            found[kind][2] += 1
            ours = spans[kind]
            if any(a < e and s < b for a, b in ours):
                found[kind][0] += 1
            if (s, e) in ours:
                found[kind][1] += 1
    print(f"DrugProt development ({len(texts)} abstracts), recall of gold mentions by the matcher:")
    for kind, (overlap, exact, total) in found.items():
        print(
            f"  {kind:8s} overlapping {overlap / total:.3f}, exact span {exact / total:.3f} "
            f"({total} gold mentions)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="Use only the first N documents.")
    parser.add_argument("--baseline", default=None, help="Folder with an older lexicon's files.")
    parser.add_argument("--only", default="speed,bc5cdr,drugprot", help="Sections to run.")
    args = parser.parse_args()
    sections = {"speed": speed, "bc5cdr": bc5cdr, "drugprot": drugprot}
    for name in args.only.split(","):
        sections[name.strip()](args)


if __name__ == "__main__":
    main()
