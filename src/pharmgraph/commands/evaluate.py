"""Evaluation commands: the extraction pipeline scored on shared-task corpora.

- ``evaluate drugprot``: chemical–gene relations between DrugProt's gold mentions.
- ``evaluate drugprot-score``: score a predictions file against a gold one.
- ``evaluate bc5cdr``: chemical-induced disease end to end from raw text (``--ner``: the
  mention-level MeSH normalisation of our mention finder).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from pharmgraph.commands._common import emit, lexicon_option, progress
from pharmgraph.errors import InputError

PER_TYPE_COLUMNS = ["type", "tp", "fp", "fn", "precision", "recall", "f1"]


@click.group(
    epilog="""
\b
Examples:
  pharmgraph evaluate drugprot corpora/drugprot/development
  pharmgraph evaluate drugprot-score gold_relations.tsv predicted.tsv
  pharmgraph evaluate bc5cdr corpora/bc5cdr/CDR_TestSet.PubTator.txt --predictions cid.txt
  pharmgraph evaluate bc5cdr corpora/bc5cdr/CDR_TestSet.PubTator.txt --ner
  pharmgraph evaluate statements benchmarks/devset/dev/gold.json benchmarks/devset/dev
Models come from `pharmgraph train`; the shipped one is used by default.
"""
)
def evaluate() -> None:
    """Measure pharmgraph's extractors on shared-task corpora."""


def _print_scores(result: dict, fmt: str, extra: dict) -> None:
    if fmt == "json":
        click.echo(json.dumps({**extra, **result}, indent=2))
        return
    rows = list(result["per_type"])
    rows.append(
        {
            "type": "micro",
            **{k: result[k] for k in ("tp", "fp", "fn")},
            **{k: result[k] for k in ("precision", "recall", "f1")},
        }
    )
    emit(rows, "table", PER_TYPE_COLUMNS)
    click.echo(
        f"drugprot micro P={result['precision']:.3f} R={result['recall']:.3f} F1={result['f1']:.3f}"
    )


@evaluate.command(
    "drugprot",
    epilog="""
\b
Examples:
  pharmgraph evaluate drugprot ../shared/corpora/drugprot/development
  pharmgraph evaluate drugprot DIR --predictions pred.tsv --format json
  pharmgraph evaluate drugprot DIR --scope gold   # as score_drugprot.py without --pmids
DIR holds *_abstracs.tsv (or *_abstracts.tsv), *_entities.tsv and, to be scored,
*_relations.tsv. Scores are micro-averaged over the 13 relation types on exact
(PMID, type, Arg1, Arg2) tuples; duplicate gold lines count once.
""",
)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "-p",
    "--predictions",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the predicted relations here, in the corpus format.",
)
@click.option(
    "--scope",
    type=click.Choice(["folder", "gold"]),
    default="folder",
    show_default=True,
    help="PMIDs scored: every abstract of the folder (as the shared task did), or only those "
    "with a gold relation.",
)
@click.option(
    "--model",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A model from 'pharmgraph train' instead of the shipped one.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def drugprot(
    folder: Path, predictions: Path | None, scope: str, model: Path | None, fmt: str
) -> None:
    """Predict relations between the gold chemical and gene mentions of a DrugProt folder
    and, when it has gold relations, print micro precision, recall and F1 with a per-type
    table."""
    from pharmgraph.evaluation import predict_relations, read_drugprot, score, write_relations
    from pharmgraph.evaluation.extractor import load_model

    corpus = read_drugprot(folder)
    relation_model = load_model(model)  # refuses a file without a chemical-gene head
    started = time.perf_counter()
    predicted = predict_relations(
        corpus, relation_model, progress=lambda a: progress(a, "drugprot", total=len(corpus))
    )
    seconds = time.perf_counter() - started
    if predictions is not None:
        write_relations(predicted, predictions)
    extra = {
        "abstracts": len(corpus),
        "predicted": len(set(predicted)),
        "seconds": round(seconds, 3),
        "predictions": str(predictions) if predictions else None,
    }
    if corpus.relations is None:
        if fmt == "json":
            click.echo(json.dumps(extra, indent=2))
        else:
            where = f"; wrote {predictions}" if predictions else "; use --predictions to keep them"
            click.echo(
                f"Predicted {extra['predicted']} relations in {len(corpus)} abstracts "
                f"(no relations file to score against){where}."
            )
        return
    pmids = corpus.abstracts.keys() if scope == "folder" else None
    _print_scores(score(corpus.relations, predicted, pmids), fmt, extra)


@evaluate.command(
    "drugprot-score",
    epilog="""
\b
Examples:
  pharmgraph evaluate drugprot-score gold_relations.tsv pred_relations.tsv
  pharmgraph evaluate drugprot-score gold.tsv pred.tsv --pmids pmids.txt --format json
Without --pmids, only the PMIDs of the gold file are scored.
""",
)
@click.argument("gold", type=click.Path(path_type=Path))
@click.argument("predicted", type=click.Path(path_type=Path))
@click.option(
    "--pmids",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A file of PMIDs, one a line: score exactly these.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def drugprot_score(gold: Path, predicted: Path, pmids: Path | None, fmt: str) -> None:
    """Score a file of predicted DrugProt relations against a file of gold ones."""
    from pharmgraph.evaluation import read_relations, score

    for path in (gold, predicted, pmids):
        if path is not None and not path.is_file():
            raise InputError(f"{path} is not a file.")
    keep = None
    if pmids is not None:
        keep = {
            line.strip() for line in pmids.read_text(encoding="utf-8").splitlines() if line.strip()
        }
    _print_scores(score(read_relations(gold), read_relations(predicted), keep), fmt, {})


@evaluate.command(
    "bc5cdr",
    epilog="""
\b
Examples:
  pharmgraph evaluate bc5cdr ../shared/corpora/bc5cdr/CDR_TestSet.PubTator.txt
  pharmgraph evaluate bc5cdr TEST.PubTator.txt --predictions cid.txt --format json
  pharmgraph evaluate bc5cdr TEST.PubTator.txt --ner
  pharmgraph evaluate bc5cdr TEST.PubTator.txt --entities gold   # relations alone
FILE is PubTator with gold mentions and CID lines. Our own mention finder and lexicon name
the chemicals and diseases and give their MeSH ids; the file's gold mentions are used only
with --entities gold. Pairs are document-level (PMID, chemical MeSH, disease MeSH), scored
as the shared task did; --predictions writes 'PMID<TAB>CID<TAB>chemical<TAB>disease' lines
that ../shared/tools/score_bc5cdr.py reads.
""",
)
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-p",
    "--predictions",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the predicted CID pairs here (PubTator relation lines).",
)
@click.option(
    "--ner",
    is_flag=True,
    help="Score our chemical and disease mentions and their MeSH ids against the gold ones "
    "instead of the relations.",
)
@click.option(
    "--entities",
    type=click.Choice(["ours", "gold"]),
    default="ours",
    show_default=True,
    help="Whose mentions the relation heads read: our mention finder's, or the file's gold ones.",
)
@click.option(
    "--model",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A model from 'pharmgraph train' instead of the shipped one.",
)
@lexicon_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def bc5cdr(
    file: Path,
    predictions: Path | None,
    ner: bool,
    entities: str,
    model: Path | None,
    lexicons: tuple[Path, ...],
    fmt: str,
) -> None:
    """Extract chemical-induced disease pairs from a BC5CDR PubTator file and print
    precision, recall and F1 (or, with --ner, those of the mentions' MeSH ids)."""
    from pharmgraph.evaluation.bc5cdr import (
        predict_cid,
        read_bc5cdr,
        recognise,
        score_cid,
        score_ner,
        write_cid,
    )
    from pharmgraph.extract.learned import MODEL_PATH, load_model
    from pharmgraph.lexicon import lexicon_with

    records = read_bc5cdr(file)
    lexicon = lexicon_with(lexicons)
    started = time.perf_counter()
    if ner:
        ours = [recognise(r, lexicon) for r in progress(records, "bc5cdr")]
        result = score_ner(records, ours)
        extra = {"documents": len(records), "seconds": round(time.perf_counter() - started, 3)}
        if fmt == "json":
            click.echo(json.dumps({**extra, **result}, indent=2))
            return
        rows = [
            {"type": kind, "level": level, **scores}
            for kind, levels in result.items()
            for level, scores in levels.items()
        ]
        emit(rows, "table", ["type", "level", "tp", "fp", "fn", "precision", "recall", "f1"])
        for kind, levels in result.items():
            m = levels["mention"]
            click.echo(f"bc5cdr NER {kind} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}")
        return
    relation_model = load_model(model if model is not None else MODEL_PATH)
    if relation_model is None:
        raise InputError("No relation model is available; train one with 'pharmgraph train'.")
    from pharmgraph.evaluation.bc5cdr import DOCUMENT_HEAD, SENTENCE_HEAD

    for name in (SENTENCE_HEAD, DOCUMENT_HEAD):
        if name not in relation_model.heads:
            raise InputError(f"{model or MODEL_PATH} has no {name} head; train one on a CID corpus with 'pharmgraph train'.")
    predicted = {}
    for record in progress(records, "bc5cdr"):
        mine = record if entities == "gold" else recognise(record, lexicon)
        predicted[record.pmid] = predict_cid(mine, relation_model)
    seconds = time.perf_counter() - started
    if predictions is not None:
        write_cid(predicted, predictions)
    result = score_cid(records, predicted)
    extra = {
        "documents": len(records),
        "entities": entities,
        "seconds": round(seconds, 3),
        "predictions": str(predictions) if predictions else None,
    }
    if fmt == "json":
        click.echo(json.dumps({**extra, **result}, indent=2))
        return
    click.echo(f"gold={result['gold']} predicted={result['predicted']} correct={result['tp']}")
    click.echo(f"bc5cdr CID P={result['precision']:.3f} R={result['recall']:.3f} F1={result['f1']:.3f}")


STATEMENT_COLUMNS = [
    "document",
    "gold",
    "found",
    "precision",
    "recall",
    "f1",
    "core_recall",
    "forbidden",
    "certainty_errors",
    "wrong_ids",
    "ungrounded",
]


def _gold_line(g: dict) -> str:
    neg = " (negated)" if g["neg"] else ""
    return f"{g['doc']}: {g['s']} {g['r']} {g['o']}{neg}"


@evaluate.command(
    "statements",
    epilog="""
\b
Examples:
  pharmgraph evaluate statements benchmarks/devset/dev/gold.json benchmarks/devset/dev
  pharmgraph evaluate statements gold.json paper1.txt paper2.md --format json
  pharmgraph evaluate statements gold.json docs/ --predictions extracted.jsonl
  pharmgraph evaluate statements gold.json other_system.jsonl
GOLD is a reference in the format of the seeds' gold.json. DOCS are documents (or folders of
them), extracted exactly as `pharmgraph extract` does; .jsonl files are scored as statements
already extracted. Figures agree with ../shared/tools/score_statements.py.
""",
)
@click.argument("gold", type=click.Path(path_type=Path))
@click.argument("docs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-p",
    "--predictions",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the extracted statements here as JSON Lines (what the shared scorer reads).",
)
@click.option("--doc", "only_doc", help="Score only the gold statements of this document.")
@click.option("-v", "--verbose", is_flag=True, help="Also list missed and unmatched statements.")
@lexicon_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def statements(
    gold: Path,
    docs: tuple[Path, ...],
    predictions: Path | None,
    only_doc: str | None,
    verbose: bool,
    lexicons: tuple[Path, ...],
    fmt: str,
) -> None:
    """Extract statements from documents and score them against a hand-made reference:
    precision, recall, F1, core recall, forbidden statements made, certainty errors, wrong and
    local identifiers, and one row per document."""
    from pharmgraph.evaluation.statements import collect_statements, read_gold, score_statements
    from pharmgraph.lexicon import lexicon_with

    reference = read_gold(gold)
    if only_doc is not None and only_doc not in reference.documents:
        raise InputError(f"{gold} has no statements for document {only_doc!r}.")
    found = collect_statements(
        docs,
        lexicon_with(lexicons),
        exclude=[gold],
        progress=lambda files: progress(files, "extract"),
    )
    if predictions is not None:
        try:
            predictions.write_text("".join(s.to_json() + "\n" for s in found), encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{predictions} cannot be written ({exc.strerror}).") from None
    result = score_statements(reference, found, only_doc)
    if fmt == "json":
        payload = {
            "gold": str(gold),
            "predictions": str(predictions) if predictions else None,
            **result.summary(),
            "per_document": result.per_document,
            "forbidden_hits": result.forbidden_hits,
            "certainty_errors": result.certainty_errors,
            "wrong_id_statements": result.wrong_ids,
            "ungrounded_statements": result.ungrounded,
            "missed": result.missed,
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    emit(result.per_document, "table", STATEMENT_COLUMNS)
    s = result.summary()
    click.echo(
        f"statements={s['statements']} relevant={s['relevant']} correct={s['correct']}\n"
        f"P={result.precision:.2f} R={result.recall:.2f} ({s['found']}/{s['gold']}) "
        f"F1={result.f1:.2f} core-recall={result.core_recall:.2f} forbidden={s['forbidden']} "
        f"certainty-errors={s['certainty_errors']} wrong-ids={s['wrong_ids']} "
        f"ungrounded={s['ungrounded']}"
    )
    for label, rows in (
        ("FORBIDDEN", result.forbidden_hits),
        ("CERTAINTY", result.certainty_errors),
        ("WRONG-ID", result.wrong_ids),
        ("UNGROUNDED", result.ungrounded),
    ):
        for g in rows:
            click.echo(f"{label} {_gold_line(g)}")
    if verbose:
        for g in result.missed:
            click.echo(f"MISSED {_gold_line(g)}")
        for st in result.unmatched:
            click.echo(
                f"UNMATCHED {st['subject'].get('label')} {st['predicate']} "
                f"{st['object'].get('label')}{' (negated)' if st.get('negated') else ''}"
            )


COMMANDS = [evaluate]
