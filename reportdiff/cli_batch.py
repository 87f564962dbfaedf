"""The commands over many reports: ``track`` (N editions of one report as series over time) and
``corpus`` (many pairs, locally or on a Dask cluster); registered on the group by ``cli.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from reportdiff.cli_options import (
    examples,
    input_options,
    lang_option,
    mode_option,
    output_option,
    run_library,
    template_dir_option,
)
from reportdiff.console import (
    ReportdiffClickError,
    emit,
    refuse_overwriting_inputs,
)
from reportdiff.errors import EXIT_FINDINGS
from reportdiff.options import Language, Mode, Options

TRACK_SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".json": "json", ".csv": "csv"}


@click.command(
    epilog=examples(
        "reportdiff track 2023.txt 2024.txt 2025.docx",
        "reportdiff track national/20*.txt -o series.csv",
        "reportdiff track a.txt b.txt c.txt --label 2023 --label 2024 --label 2025 -o track.html",
    )
)
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    metavar="FORMAT",
    help="text, json, csv, html or pdf [text, or from the -o file's extension].",
)
@output_option
@click.option(
    "--label",
    "labels",
    multiple=True,
    metavar="TEXT",
    help="Name of each edition in tables, one per FILE in order [file names].",
)
@click.option(
    "--all", "numbers_all", is_flag=True, help="Also track outcomes outside the headline list."
)
@click.option("--title", metavar="TEXT", help="Title of the HTML/PDF page.")
@lang_option("HTML/PDF pages")
@template_dir_option
@input_options
def track(
    files: tuple[str, ...],
    fmt: str | None,
    out_path: str | None,
    labels: tuple[str, ...],
    numbers_all: bool,
    title: str | None,
    lang: Language,
    template_dir: str | None,
    encoding: str | None,
    input_format: str | None,
    max_bytes: int,
    quiet: bool,
    verbose: bool,
) -> None:
    """Follow FILES (editions, oldest first) over time: indicator series with the source line of
    each point, commitments and new formulations with their first and last edition, headings."""
    from reportdiff.render import RenderContext, formats_for, render
    from reportdiff.tracking import track_files

    if len(files) < 2:
        raise ReportdiffClickError("track needs at least two editions; give two or more files")
    if files.count("-") > 1:
        raise ReportdiffClickError("standard input ('-') can be one edition only")
    refuse_overwriting_inputs(list(files), [out_path] if out_path else [])
    if labels and len(labels) != len(files):
        raise ReportdiffClickError(
            f"{len(labels)} --label for {len(files)} files; give one --label per file, in order"
        )
    chosen = fmt or (TRACK_SUFFIXES.get(Path(out_path).suffix.lower()) if out_path else None)
    chosen = chosen or "text"
    if chosen not in formats_for("track"):
        raise ReportdiffClickError(
            f"no {chosen!r} output for track; choose one of: {', '.join(formats_for('track'))}"
        )
    options = Options(
        encoding=encoding,
        input_format=input_format,
        max_bytes=max_bytes,
        numbers_all=numbers_all,
        lang=lang,
        title=title,
        template_dir=template_dir,
    )
    result = run_library(lambda: track_files(files, options=options, labels=labels or None))
    context = RenderContext(lang=lang, template_dir=template_dir, title=title)
    emit(run_library(lambda: render(result.as_records(), chosen, context)), out_path)


class _ProgressLine:
    """``corpus`` progress on stderr: pairs done / total, rate, ETA, on one rewritten line."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.width = 0

    def __call__(self, progress: Any) -> None:
        if not self.enabled:
            return
        parts = [f"corpus: {progress.done}/{progress.total} pairs"]
        if progress.skipped:
            parts.append(f"{progress.skipped} unchanged")
        if progress.failed:
            parts.append(f"{progress.failed} failed")
        if progress.compared and progress.elapsed > 0:
            rate = progress.compared / progress.elapsed
            left = progress.total - progress.done
            eta = int(left / rate) if rate else 0
            parts.append(f"{rate * 60:.1f} pairs/min")
            parts.append(f"ETA {eta // 3600}:{eta % 3600 // 60:02d}:{eta % 60:02d}")
        line = " · ".join(parts)
        click.echo("\r" + line.ljust(self.width), nl=False, err=True)
        self.width = len(line)

    def close(self) -> None:
        if self.enabled and self.width:
            click.echo("", err=True)


@click.command(
    epilog=examples(
        "reportdiff corpus pairs.csv -o out/",
        "reportdiff corpus pairs.csv -o out/ --jobs 2 --memo html",
        "reportdiff corpus pairs.csv -o out/ --scheduler tcp://10.0.0.5:8786",
    )
)
@click.argument("pairs_csv", metavar="PAIRS.csv")
@click.option(
    "-o",
    "--output",
    "out_dir",
    metavar="DIR",
    required=True,
    help="Folder for the results (created; reruns skip pairs that are unchanged).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes on this machine [the number of cores].",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:8786",
    help="Run the pairs on this Dask scheduler's workers instead of local processes.",
)
@click.option(
    "--memo", type=click.Choice(["html", "pdf"]), help="Also write each pair's change memo."
)
@mode_option
@input_options
def corpus(
    pairs_csv: str,
    out_dir: str,
    jobs: int | None,
    scheduler: str | None,
    memo: str | None,
    mode: Mode,
    encoding: str | None,
    input_format: str | None,
    max_bytes: int,
    quiet: bool,
    verbose: bool,
) -> None:
    """Compare every pair of PAIRS.csv (columns label,old,new; paths relative to the CSV):
    DIR/<label>/diff.json, DIR/panel.csv, DIR/errors.csv and DIR/index.html.

    A bad or missing file fails its pair only; the exit code is then 1.
    """
    from reportdiff.corpus import run_corpus

    if jobs is not None and scheduler:
        raise ReportdiffClickError(
            "--jobs sets local processes; with --scheduler the cluster's workers run the pairs"
        )
    options = Options(encoding=encoding, input_format=input_format, max_bytes=max_bytes, mode=mode)
    show = not quiet and bool(getattr(sys.stderr, "isatty", lambda: False)())
    progress = _ProgressLine(show)
    try:
        run = run_library(
            lambda: run_corpus(
                pairs_csv,
                out_dir,
                options=options,
                jobs=jobs,
                scheduler=scheduler,
                memo=memo,
                progress=progress,
            )
        )
    except KeyboardInterrupt:
        progress.close()
        click.echo("reportdiff: interrupted; run the same command again to resume", err=True)
        sys.exit(130)
    progress.close()
    if not quiet:
        click.echo(
            f"reportdiff: {run.total - run.failed}/{run.total} pairs done"
            f" ({run.skipped} unchanged, {run.failed} failed) → {run.out_dir / 'index.html'}",
            err=True,
        )
    if run.failed:
        sys.exit(EXIT_FINDINGS)
