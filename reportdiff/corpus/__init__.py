"""``reportdiff corpus PAIRS.csv -o DIR``: many pairs compared in one run, resumable.

For each pair (``label,old,new``) the run writes ``DIR/<label>/diff.json`` (and a memo), then
across all pairs ``DIR/panel.csv`` (one row per pair and indicator), ``DIR/errors.csv`` and
``DIR/index.html``/``index.json`` (schema ``reportdiff.corpus/1``). Pairs run in a local process
pool, or on a Dask cluster with ``scheduler``; results are written by this process only, in the
CSV's order, so the panel is byte-identical whichever way the pairs ran. A bad or missing file
fails its pair only. A pair whose inputs, options and tool version are unchanged since the last
run (``pair.json`` records the content key) is skipped, so an interrupted run resumes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportdiff import __version__
from reportdiff.corpus.pairs import Pair, PairJob, job_key, read_pairs
from reportdiff.corpus.work import PANEL_COLUMNS, PairOutcome
from reportdiff.errors import InputError, ReportdiffError
from reportdiff.options import Options

__all__ = ["SCHEMA", "CorpusRun", "Progress", "default_jobs", "read_pairs", "run_corpus"]

SCHEMA = "reportdiff.corpus/1"
PAIR_SCHEMA = "reportdiff.corpus-pair/1"
MEMO_FORMATS = ("html", "pdf")


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a run stands, after each pair."""

    done: int
    total: int
    skipped: int
    failed: int
    elapsed: float
    """Seconds since the first pair was handed to a worker."""
    compared: int
    """Pairs actually compared in this run (not skipped): the basis of a rate."""


@dataclass(frozen=True, slots=True)
class CorpusRun:
    """The outcome of a run: counts and the index record."""

    out_dir: Path
    total: int
    failed: int
    skipped: int
    compared: int
    seconds: float
    records: dict[str, Any]


def default_jobs() -> int:
    """Worker processes by default: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _write(path: Path, data: bytes) -> None:
    """Write atomically: a run stopped half-way never leaves a truncated file behind."""
    temporary = path.with_name(f".{path.name}.partial")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _stored(folder: Path, key: str) -> dict[str, Any] | None:
    """The pair's stored result when it is complete and its key is ``key``, else None."""
    try:
        record: dict[str, Any] = json.loads((folder / "pair.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("key") != key or record.get("status") != "ok":
        return None
    if not all((folder / name).is_file() for name in record.get("files", ())):
        return None
    return record


def _pair_record(pair: Pair, outcome: PairOutcome) -> dict[str, Any]:
    return {
        "schema": PAIR_SCHEMA,
        "label": pair.label,
        "old": pair.old,
        "new": pair.new,
        "key": outcome.key,
        "status": outcome.status,
        "error": outcome.error,
        "files": sorted(outcome.files),
        "panel": [list(row) for row in outcome.panel],
        "summary": outcome.summary,
    }


def _save(out_dir: Path, pair: Pair, outcome: PairOutcome) -> dict[str, Any]:
    folder = out_dir / pair.label
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.iterdir():
        if stale.is_file() and stale.name not in outcome.files and stale.name != "pair.json":
            stale.unlink()
    for name, data in sorted(outcome.files.items()):
        _write(folder / name, data)
    record = _pair_record(pair, outcome)
    _write(folder / "pair.json", (json.dumps(record, ensure_ascii=False, indent=1) + "\n").encode())
    return record


def _csv(header: tuple[str, ...], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def run_corpus(
    pairs_csv: str | Path,
    out_dir: str | Path,
    *,
    options: Options,
    jobs: int | None = None,
    scheduler: str | None = None,
    memo: str | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> CorpusRun:
    """Compare every pair of ``pairs_csv`` into ``out_dir`` (see the module docstring)."""
    if memo is not None and memo not in MEMO_FORMATS:
        raise InputError(str(memo), "unknown memo format", "use --memo html or --memo pdf")
    pairs = read_pairs(pairs_csv)
    root = Path(out_dir)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            str(out_dir), f"cannot create the output folder ({exc.strerror})", "check -o"
        ) from None
    by_label = {pair.label: pair for pair in pairs}
    results: dict[str, dict[str, Any]] = {}
    counts = {"skipped": 0, "failed": 0, "compared": 0}
    started = time.perf_counter()

    def report() -> None:
        if progress is not None:
            progress(
                Progress(
                    len(results),
                    len(pairs),
                    counts["skipped"],
                    counts["failed"],
                    time.perf_counter() - started,
                    counts["compared"],
                )
            )

    def finish(pair: Pair, outcome: PairOutcome) -> None:
        results[pair.label] = _save(root, pair, outcome)
        counts["failed"] += outcome.status != "ok"
        report()

    def pending() -> Iterator[PairJob]:
        from reportdiff.load import read_bytes

        for pair in pairs:
            try:
                old_data = read_bytes(str(pair.old_path), options)
                new_data = read_bytes(str(pair.new_path), options)
            except ReportdiffError as exc:
                message = (
                    str(exc)
                    .replace(str(pair.old_path), pair.old)
                    .replace(str(pair.new_path), pair.new)
                )
                finish(pair, PairOutcome(pair.label, "", "failed", message))
                continue
            key = job_key(old_data, new_data, pair, options, memo)
            stored = _stored(root / pair.label, key)
            if stored is not None:
                results[pair.label] = stored
                counts["skipped"] += 1
                report()
                continue
            yield PairJob(pair.label, pair.old, old_data, pair.new, new_data, options, memo, key)

    if scheduler:
        from reportdiff.corpus.cluster import dask_outcomes

        outcomes = dask_outcomes(pending(), scheduler)
    else:
        from reportdiff.corpus.local import local_outcomes

        outcomes = local_outcomes(pending(), jobs or default_jobs())
    for outcome in outcomes:
        counts["compared"] += 1
        finish(by_label[outcome.label], outcome)

    ordered = [results[pair.label] for pair in pairs]
    panel = [row for record in ordered for row in record["panel"]]
    _write(root / "panel.csv", _csv(PANEL_COLUMNS, panel))
    errors = [[r["label"], r["old"], r["new"], r["error"]] for r in ordered if r["status"] != "ok"]
    _write(root / "errors.csv", _csv(("label", "old", "new", "error"), errors))
    records = _index_records(str(pairs_csv), ordered, memo)
    from reportdiff.render import RenderContext, render, to_json

    _write(root / "index.json", to_json(records).encode("utf-8"))
    html = render(records, "html", RenderContext(lang=options.lang, title=options.title))
    _write(root / "index.html", html.encode("utf-8") if isinstance(html, str) else html)
    return CorpusRun(
        out_dir=root,
        total=len(pairs),
        failed=len(errors),
        skipped=counts["skipped"],
        compared=counts["compared"],
        seconds=time.perf_counter() - started,
        records=records,
    )


def _index_records(source: str, ordered: list[dict[str, Any]], memo: str | None) -> dict[str, Any]:
    """The run's index (schema ``reportdiff.corpus/1``): one entry per pair, in the CSV's order."""
    failed = sum(1 for r in ordered if r["status"] != "ok")
    return {
        "schema": SCHEMA,
        "pairs_csv": Path(source).name,
        "version": __version__,
        "memo": memo,
        "stats": {"pairs": len(ordered), "ok": len(ordered) - failed, "failed": failed},
        "pairs": [
            {
                "label": r["label"],
                "old": r["old"],
                "new": r["new"],
                "status": r["status"],
                "error": r["error"],
                "files": r["files"],
                "summary": r["summary"],
            }
            for r in ordered
        ],
    }
