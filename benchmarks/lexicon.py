"""Speed of the lexicon: loading, building the matcher, and matching DrugProt abstracts.

Reads the DrugProt *training* abstracts from ../shared/corpora (text only; no labels) and
prints load and build times and matching throughput (MB/s, sentences/s, abstracts/s) for the
default matcher, then for a lexicon grown past 100,000 names with synthetic names.

Usage::

    python benchmarks/lexicon.py [--limit N]
"""

from __future__ import annotations

import argparse
import random
import re
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="Use only the first N abstracts.")
    args = parser.parse_args()
    texts = read_abstracts(args.limit)

    start = time.perf_counter()
    from pharmgraph.lexicon import Term, load_lexicon

    imported = time.perf_counter() - start
    start = time.perf_counter()
    lexicon = load_lexicon()
    loaded = time.perf_counter() - start
    names = sum(1 + len(e.synonyms) for e in lexicon)
    start = time.perf_counter()
    matcher = lexicon.matcher()
    built = time.perf_counter() - start
    print(
        f"default lexicon: {len(lexicon)} entities, {names} names; import {imported:.2f} s, "
        f"load {loaded:.2f} s; matcher build {built:.2f} s ({len(matcher)} keys)"
    )
    measure(matcher, texts, "default matcher")

    extra = synthetic_names(max(0, 110_000 - names))
    for i, name in enumerate(extra):
        lexicon.add(Term(f"pharmgraph:synthetic_{i}", name, "Drug"))
    names = sum(1 + len(e.synonyms) for e in lexicon)
    start = time.perf_counter()
    matcher = lexicon.matcher()
    built = time.perf_counter() - start
    print(
        f"grown lexicon: {len(lexicon)} entities, {names} names; matcher build {built:.2f} s ({len(matcher)} keys)"
    )
    measure(matcher, texts, "grown matcher")


if __name__ == "__main__":
    main()
