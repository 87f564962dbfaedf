"""Command-line interface: thin click commands over the library.

Each command validates its arguments, calls one library function, hands the records to a renderer
and picks the exit code. Exit policy (constants in ``reportdiff.errors``, documented in the README):

* ``EXIT_OK`` (0): the job ran; no differences/findings, or they were not asked to fail the run.
* ``EXIT_FINDINGS`` (1): differences (``diff --exit-code``) or findings at the failing severity.
* ``EXIT_ERROR`` (2): bad usage or bad input; one line on stderr naming the file and the fix.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from reportdiff import __version__
from reportdiff.errors import EXIT_ERROR, EXIT_FINDINGS, ReportdiffError
from reportdiff.options import DEFAULT_MAX_BYTES, Language, Mode, Options

F = TypeVar("F", bound=Callable[..., Any])


class ReportdiffClickError(click.ClickException):
    """A library error shown as one line on stderr, with exit code 2 (click's default is 1)."""

    exit_code = EXIT_ERROR

    def show(self, file: Any = None) -> None:
        click.echo(f"reportdiff: error: {self.format_message()}", err=True)


def use_color(choice: str, stream: Any = None) -> bool:
    """Resolve --color: flag > NO_COLOR > FORCE_COLOR > TERM=dumb > is the stream a terminal."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    stream = stream if stream is not None else sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def input_options(function: F) -> F:
    """Options every command that reads reports shares."""
    function = click.option(
        "--encoding",
        metavar="CODEC",
        help="Read text inputs in this encoding instead of detecting it.",
    )(function)
    function = click.option(
        "--from-format",
        "input_format",
        type=click.Choice(["txt", "docx", "pdf", "html"]),
        help="Read inputs as this format whatever their name (needed for '-' that is not text).",
    )(function)
    function = click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        help="Refuse inputs larger than this.",
    )(function)
    return function


mode_option = click.option(
    "--mode",
    type=click.Choice(["auto", "editions", "summary"]),
    default="auto",
    show_default=True,
    help="editions (year against year), summary (summary against its full report) or auto.",
)
output_option = click.option(
    "-o", "--output", "out_path", metavar="FILE", help="Write to FILE instead of stdout."
)
color_option = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output.",
)


def refuse_two_stdin(old_file: str, new_file: str | None) -> None:
    """Standard input can be read once: at most one of two files may be ``-``."""
    if old_file == "-" and new_file == "-":
        raise ReportdiffClickError(
            "both files are standard input ('-'); give at least one of them as a file path"
        )


def emit(output: str | bytes, out_path: str | None) -> None:
    """Write rendered output to stdout or to ``out_path``."""
    if out_path and out_path != "-":
        data = output.encode("utf-8") if isinstance(output, str) else output
        try:
            Path(out_path).write_bytes(data)
        except OSError as exc:
            raise ReportdiffClickError(
                f"{out_path}: cannot write ({exc.strerror}); check the path"
            ) from None
        return
    if isinstance(output, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(output)
        sys.stdout.buffer.flush()
    else:
        # The renderer already decided on colour (use_color); never let click strip it again.
        click.echo(output, nl=False, color=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportdiff")
def cli() -> None:
    """What changed between two editions of a Chinese government report.

    Exit codes: 0 ok, 1 differences or findings (when asked for), 2 error.
    """


def run_library(call: Callable[[], Any]) -> Any:
    """Run a library call, turning its errors into one-line messages with exit code 2."""
    try:
        return call()
    except ReportdiffError as exc:
        raise ReportdiffClickError(str(exc)) from None


@cli.command()
@click.argument("file")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@output_option
@color_option
@input_options
def outline(
    file: str,
    fmt: str,
    out_path: str | None,
    color: str,
    encoding: str | None,
    input_format: str | None,
    max_bytes: int,
) -> None:
    """Print the section tree of FILE (use - for standard input)."""
    from reportdiff.load import load
    from reportdiff.outline import build_outline
    from reportdiff.render import RenderContext, render

    options = Options(encoding=encoding, input_format=input_format, max_bytes=max_bytes)
    result = run_library(lambda: build_outline(load(file, options=options), options=options))
    context = RenderContext(color=use_color(color) and not out_path)
    emit(run_library(lambda: render(result.as_records(), fmt, context)), out_path)


@cli.command()
@click.argument("old_file")
@click.argument("new_file")
@mode_option
@click.option(
    "--format",
    "fmt",
    default="text",
    show_default=True,
    metavar="FORMAT",
    help="Output format: text, json, md, html or pdf.",
)
@output_option
@click.option(
    "--exit-code",
    "exit_code",
    is_flag=True,
    help="Exit with 1 when the editions differ (as git diff --exit-code).",
)
@color_option
@input_options
def diff(
    old_file: str,
    new_file: str,
    mode: Mode,
    fmt: str,
    out_path: str | None,
    exit_code: bool,
    color: str,
    encoding: str | None,
    input_format: str | None,
    max_bytes: int,
) -> None:
    """Show what changed from OLD_FILE to NEW_FILE: sections, sentences, commitments, numbers."""
    from reportdiff.pipeline import compare_files
    from reportdiff.render import RenderContext, formats_for, render

    refuse_two_stdin(old_file, new_file)
    if fmt not in formats_for("diff"):
        raise ReportdiffClickError(
            f"no {fmt!r} output for diff results; choose one of: {', '.join(formats_for('diff'))}"
        )
    options = Options(encoding=encoding, input_format=input_format, max_bytes=max_bytes, mode=mode)
    comparison = run_library(lambda: compare_files(old_file, new_file, options=options))
    context = RenderContext(
        color=use_color(color) and not out_path,
        lang=options.lang,
        template_dir=options.template_dir,
    )
    emit(run_library(lambda: render(comparison.as_records(), fmt, context)), out_path)
    if exit_code and comparison.differs:
        sys.exit(EXIT_FINDINGS)


MEMO_SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".md": "md"}


@cli.command()
@click.argument("old_file")
@click.argument("new_file")
@click.option(
    "-o",
    "--output",
    "out_paths",
    metavar="FILE",
    required=True,
    multiple=True,
    help="Write the memo to FILE (.html, .pdf or .md; '-' for stdout with --format). "
    "Repeat to write several formats from one comparison.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "pdf", "md"]),
    help="Memo format, for a single -o; by default taken from the file's extension.",
)
@mode_option
@click.option("--title", metavar="TEXT", help="Title printed at the top of the memo.")
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of the memo's labels.",
)
@click.option(
    "--template-dir",
    metavar="DIR",
    help="Folder of templates that override or extend the packaged ones.",
)
@input_options
def memo(
    old_file: str,
    new_file: str,
    out_paths: tuple[str, ...],
    fmt: str | None,
    mode: Mode,
    title: str | None,
    lang: Language,
    template_dir: str | None,
    encoding: str | None,
    input_format: str | None,
    max_bytes: int,
) -> None:
    """Write a change memo (HTML, PDF or Markdown) from OLD_FILE to NEW_FILE for reviewers."""
    from reportdiff.pipeline import compare_files
    from reportdiff.render import RenderContext, render

    refuse_two_stdin(old_file, new_file)
    if fmt is not None and len(out_paths) > 1:
        raise ReportdiffClickError(
            "--format names the format of a single -o; with several -o "
            "files each file's extension names its format"
        )
    targets = []
    for out_path in out_paths:
        chosen = fmt or MEMO_SUFFIXES.get(Path(out_path).suffix.lower())
        if chosen is None:
            raise ReportdiffClickError(
                f"{out_path}: cannot tell the memo format from the name; "
                "end it in .html, .pdf or .md, or give --format"
            )
        targets.append((out_path, chosen))
    options = Options(
        encoding=encoding,
        input_format=input_format,
        max_bytes=max_bytes,
        mode=mode,
        lang=lang,
        title=title,
        template_dir=template_dir,
    )
    records = run_library(lambda: compare_files(old_file, new_file, options=options).as_records())
    context = RenderContext(lang=lang, template_dir=template_dir, title=title)
    for out_path, chosen in targets:
        emit(run_library(functools.partial(render, records, chosen, context)), out_path)
        if out_path != "-":
            click.echo(f"reportdiff: wrote {out_path}", err=True)


@cli.command()
@click.argument("file")
@click.argument("new_file", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@mode_option
@click.option(
    "--all",
    "numbers_all",
    is_flag=True,
    help="With two files: also pair outcomes and list every unpaired number.",
)
@output_option
@color_option
@input_options
def numbers(
    file: str,
    new_file: str | None,
    fmt: str,
    mode: Mode,
    numbers_all: bool,
    out_path: str | None,
    color: str,
    encoding: str | None,
    input_format: str | None,
    max_bytes: int,
) -> None:
    """List the numbers of FILE (targets and outcomes), or with NEW_FILE how they shifted."""
    from reportdiff.pipeline import number_report
    from reportdiff.render import RenderContext, render

    options = Options(
        encoding=encoding,
        input_format=input_format,
        max_bytes=max_bytes,
        numbers_all=numbers_all,
        mode=mode,
    )
    refuse_two_stdin(file, new_file)
    records = run_library(lambda: number_report(file, new_file, options=options).as_records())
    context = RenderContext(color=use_color(color) and not out_path)
    emit(run_library(lambda: render(records, fmt, context)), out_path)


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif"]),
    help="Output format (default text, or `format` from the config file).",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1, min_open=True),
    help="Similarity at or above which two passages count as duplicates [0.9].",
)
@click.option(
    "--min-chars",
    type=click.IntRange(min=1),
    help="Paragraphs shorter than this are not checked [40].",
)
@click.option(
    "--ignore",
    "ignore",
    multiple=True,
    metavar="RULE",
    help="Do not report this rule code (repeatable), e.g. --ignore RD103.",
)
@click.option(
    "--across/--no-across", default=None, help="Also report the same passage in two of the FILES."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "note"]),
    help="Exit 1 when a finding is at least this severe [warning].",
)
@output_option
@color_option
@input_options
def check(
    files: tuple[str, ...],
    fmt: str | None,
    threshold: float | None,
    min_chars: int | None,
    ignore: tuple[str, ...],
    across: bool | None,
    fail_on: str | None,
    out_path: str | None,
    color: str,
    encoding: str | None,
    input_format: str | None,
    max_bytes: int,
) -> None:
    """Find duplicated sections, paragraphs and headings in FILES (a CI gate).

    Defaults come from reportdiff.toml or [tool.reportdiff] in pyproject.toml, found upward from
    the current directory. Exit 0 clean, 1 findings at --fail-on or worse, 2 error.
    """
    from reportdiff.check import RULES, Severity, check_files, exit_code
    from reportdiff.config import check_defaults
    from reportdiff.render import RenderContext, render

    config = run_library(lambda: check_defaults(Path.cwd()))
    ignored = set(config.get("ignore", ())) | set(ignore)
    unknown = sorted(ignored - set(RULES))
    if unknown:
        raise ReportdiffClickError(
            f"unknown rule {unknown[0]!r}; rules are {', '.join(sorted(RULES))}"
        )
    options = Options(
        encoding=encoding,
        input_format=input_format,
        max_bytes=max_bytes,
        check_threshold=threshold if threshold is not None else config.get("threshold", 0.9),
        check_min_chars=min_chars if min_chars is not None else config.get("min_chars", 40),
        ignore_rules=frozenset(ignored),
        across=across if across is not None else config.get("across", False),
    )
    report = run_library(lambda: check_files(files, options=options))
    context = RenderContext(color=use_color(color) and not out_path)
    chosen = fmt or config.get("format", "text")
    emit(run_library(lambda: render(report.as_records(), chosen, context)), out_path)
    sys.exit(exit_code(report, Severity(fail_on or config.get("fail_on", "warning"))))


# --- track and corpus (N editions, many pairs) ------------------------------------------------

TRACK_SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".json": "json", ".csv": "csv"}


@cli.command()
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
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of the labels of HTML/PDF pages.",
)
@click.option(
    "--template-dir", metavar="DIR", help="Folder of templates that override the packaged ones."
)
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
) -> None:
    """Follow FILES (editions, oldest first) over time: indicator series with the source line of
    each point, commitments and new formulations with their first and last edition, headings."""
    from reportdiff.render import RenderContext, formats_for, render
    from reportdiff.tracking import track_files

    if len(files) < 2:
        raise ReportdiffClickError("track needs at least two editions; give two or more files")
    if files.count("-") > 1:
        raise ReportdiffClickError("standard input ('-') can be one edition only")
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


@cli.command()
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
@click.option("-q", "--quiet", is_flag=True, help="No progress line on stderr.")
@input_options
def corpus(
    pairs_csv: str,
    out_dir: str,
    jobs: int | None,
    scheduler: str | None,
    memo: str | None,
    mode: Mode,
    quiet: bool,
    encoding: str | None,
    input_format: str | None,
    max_bytes: int,
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
