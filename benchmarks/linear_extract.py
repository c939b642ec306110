"""Time to read and extract a prose file of 1, 2, 4, 8 and 16 MB (and 20 MB): the slope shows.

The prose is generated: sentences about drugs of the built-in lexicon acting on targets, with
citation markers, negations, hedges and paragraphs, so every step of the pipeline runs (mention
selection, relations, merging). Each size is timed in a fresh process on a fresh file, through
:func:`pharmgraph.extract.extract_path` (what ``pharmgraph extract`` runs); the s/MB column is
seconds per megabyte, which stays flat when every step is linear. The lexicon and the learned
model are loaded before the timing; CPU seconds (this process and its children: the mention
stage may run in a forked child, see :mod:`pharmgraph.extract.mention_stage`), peak memory
(max RSS of the process, and of the child where there is one) and the load average are
printed too, since the machine may be shared.

``--baseline SRC`` times another source tree (a copy of ``src/`` from before a change) the same
way, each size right after the current tree, so both rows see the same machine load.

Run: ``nice .venv/bin/python benchmarks/linear_extract.py [--sizes 1 2 4 8 16 20] [--format md]
[--baseline /tmp/old_src]``; ``--readers`` times every reader alone (text, Markdown, HTML,
PubTator, MEDLINE, BioC, PubMed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DRUGS = ["lamotrigine", "carbamazepine", "phenytoin", "levetiracetam", "ethosuximide", "diazepam",
         "valproate", "topiramate", "lacosamide", "gabapentin", "retigabine", "zonisamide"]
TARGETS = ["voltage-gated sodium channels", "SV2A", "T-type calcium channels", "GABA-A receptors",
           "Kv7 potassium channels", "the alpha2delta subunit", "carbonic anhydrase"]
VERBS = ["blocks", "inhibits", "binds", "activates", "modulates", "does not bind", "may inhibit"]
EFFECTS = ["dizziness", "rash", "somnolence", "weight gain", "ataxia"]


def prose(megabytes: float, seed: int = 0) -> str:
    """Return about ``megabytes`` MB of generated pharmacology prose."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts: list[str] = ["# Generated review\n\n"]
    size = len(parts[0])
    n = 0
    while size < target:
        n += 1
        sentences = []
        for _ in range(rng.randint(3, 7)):
            kind = rng.random()
            drug = rng.choice(DRUGS)
            if kind < 0.6:
                s = f"{drug.capitalize()} {rng.choice(VERBS)} {rng.choice(TARGETS)} in study {n}.[{rng.randint(1, 99)}]"
            elif kind < 0.8:
                s = f"Patients treated with {drug} reported {rng.choice(EFFECTS)} and {rng.choice(EFFECTS)}."
            else:
                s = f"The mechanism of compound {n} remains unclear in cohort {rng.randint(1, 500)}."
            sentences.append(s)
        paragraph = " ".join(sentences) + "\n\n"
        if n % 40 == 0:
            paragraph = f"## Section {n // 40}\n\n" + paragraph
        parts.append(paragraph)
        size += len(paragraph)
    return "".join(parts)


def time_extract(path: Path) -> dict:
    """Read and extract one file in this process; return wall and CPU seconds (children
    included), the number of statements and the peak memory in MB."""
    from pharmgraph.extract import extract_path
    from pharmgraph.extract.learned import load_model
    from pharmgraph.lexicon import default_lexicon

    default_lexicon().matcher()  # load once, outside the timing
    load_model()
    start = time.perf_counter()
    before = os.times()
    count = len(extract_path(path))
    after = os.times()
    cpu = sum(after[:4]) - sum(before[:4])  # user and system, this process and its children
    return {
        "seconds": time.perf_counter() - start,
        "cpu": cpu,
        "statements": count,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "child_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def time_in_process(path: Path, src: str | None) -> dict:
    """:func:`time_extract` in a fresh Python process (``src``: the source tree to import)."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = src
    out = subprocess.run(
        [sys.executable, __file__, "--one", str(path)], env=env, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"timing {path.name} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (the machine may be shared: read the timings by them)."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def reader_file(kind: str, megabytes: float) -> tuple[str, str]:
    """Return ``(suffix, content)`` of about ``megabytes`` MB in one reader's format."""
    text = prose(megabytes)
    paragraphs = [p for p in text.split("\n\n") if p.strip() and not p.startswith("#")]
    if kind == "html":
        return ".html", "<html><body>" + "".join(f"<h2>S</h2><p>{p}</p>" for p in paragraphs) + "</body></html>"
    if kind == "pubtator":
        return ".pubtator", "".join(f"{i}|t|Title {i}\n{i}|a|{p}\n{i}\t0\t5\tTitle\tChemical\n\n"
                                    for i, p in enumerate(paragraphs))
    if kind == "medline":
        return ".nbib", "".join(f"PMID- {i}\nTI  - Title {i}\nAB  - {p}\n\n" for i, p in enumerate(paragraphs))
    if kind == "bioc":
        docs = "".join(f"<document><id>{i}</id><passage><offset>0</offset><text>{p}</text></passage></document>"
                       for i, p in enumerate(paragraphs))
        return ".xml", f"<?xml version='1.0'?><collection><source>x</source>{docs}</collection>"
    if kind == "pubmed":
        arts = "".join(f"<PubmedArticle><MedlineCitation><PMID>{i}</PMID><Article><ArticleTitle>T</ArticleTitle>"
                       f"<Abstract><AbstractText>{p}</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle>"
                       for i, p in enumerate(paragraphs))
        return ".xml", f"<?xml version='1.0'?><PubmedArticleSet>{arts}</PubmedArticleSet>"
    return ".md" if kind == "markdown" else ".txt", text


def time_readers(sizes: list[float]) -> None:
    """Time reading alone (no extraction) for every document format."""
    from pharmgraph.documents import read_documents

    print(f"{'reader':<9} " + " ".join(f"{mb:>7g}MB" for mb in sizes) + "   (seconds)")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("text", "markdown", "html", "pubtator", "medline", "bioc", "pubmed"):
            cells = []
            for mb in sizes:
                suffix, content = reader_file(kind, mb)
                path = Path(tmp) / f"r{suffix}"
                path.write_text(content, encoding="utf-8")
                start = time.perf_counter()
                read_documents(path)
                cells.append(time.perf_counter() - start)
            print(f"{kind:<9} " + " ".join(f"{c:>9.2f}" for c in cells), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="*", default=[1, 2, 4, 8, 16, 20])
    parser.add_argument("--format", choices=["txt", "md"], default="md")
    parser.add_argument("--readers", action="store_true", help="time each reader alone instead of extraction")
    parser.add_argument("--baseline", metavar="SRC", help="also time this source tree, size by size")
    parser.add_argument("--one", metavar="FILE", help=argparse.SUPPRESS)  # internal: time one file here
    args = parser.parse_args()
    if args.one:
        print(json.dumps(time_extract(Path(args.one))))
        return
    if args.readers:
        time_readers(args.sizes)
        return
    trees: list[tuple[str, str | None]] = [("current", None)]
    if args.baseline:
        trees.append(("baseline", args.baseline))
    print(f"load average at start: {load_average()}")
    print(f"{'tree':<9} {'MB':>6} {'seconds':>9} {'s/MB':>7} {'statements':>11} {'cpu s':>8} {'peak MB':>8} {'child MB':>9} {'load':>5}")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            path = Path(tmp) / f"prose_{mb:g}.{args.format}"
            path.write_text(prose(mb), encoding="utf-8")
            for name, src in trees:
                r = time_in_process(path, src)
                print(
                    f"{name:<9} {mb:>6g} {r['seconds']:>9.1f} {r['seconds'] / mb:>7.2f} {r['statements']:>11} "
                    f"{r['cpu']:>8.1f} {r['rss_mb']:>8.0f} {r['child_rss_mb']:>9.0f} {os.getloadavg()[0]:>5.2f}",
                    flush=True,
                )
            path.unlink()
    print(f"load average at end: {load_average()}")


if __name__ == "__main__":
    main()
