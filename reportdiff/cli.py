"""Command-line interface: thin click commands over the library.

Each command validates its arguments, calls one library function, hands the records to a renderer
and picks the exit code. Exit policy (constants in ``reportdiff.errors``, documented in the README):

* ``EXIT_OK`` (0): the job ran; no differences/findings, or they were not asked to fail the run.
* ``EXIT_FINDINGS`` (1): differences (``diff --exit-code``) or findings at the failing severity.
* ``EXIT_ERROR`` (2): bad usage or bad input; one line on stderr naming the file and the fix.

What commands share about the terminal (one-line errors, ``-o`` formats by name, progress, -q/-v)
lives in ``reportdiff/console.py``.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from reportdiff import __version__
from reportdiff.console import (
    OneLineGroup,
    ReportdiffClickError,
    choose_format,
    emit,
    fail,
    refuse_overwriting_inputs,
    refuse_stdin_twice,
    say,
    step,
)
from reportdiff.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, ReportdiffError
from reportdiff.options import DEFAULT_MAX_BYTES, Language, Mode, Options

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "ReportdiffClickError", "cli"]

F = TypeVar("F", bound=Callable[..., Any])


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


def verbosity_options(function: F) -> F:
    """-q/--quiet and -v/--verbose, accepted by the group and by every command."""
    function = click.option(
        "-v", "--verbose", is_flag=True, help="Also say how long each step took."
    )(function)
    function = click.option(
        "-q", "--quiet", is_flag=True, help="Print only the result and errors (no progress)."
    )(function)
    return function


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
    return verbosity_options(function)


mode_option = click.option(
    "--mode",
    type=click.Choice(["auto", "editions", "summary"]),
    default="auto",
    show_default=True,
    help="editions (year against year), summary (summary against its full report) or auto.",
)
output_option = click.option(
    "-o",
    "--output",
    "out_path",
    metavar="FILE",
    help="Write to FILE instead of stdout; its name picks the format (.json, .txt, ...).",
)
color_option = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output.",
)
detail_option = click.option(
    "--detail",
    type=click.Choice(["brief", "standard", "full"]),
    default="standard",
    show_default=True,
    help="Memos: the one-page brief only, with the appendices a reviewer needs, or everything.",
)


def run_library(call: Callable[[], Any]) -> Any:
    """Run a library call, turning its errors into one-line messages with exit code 2."""
    try:
        return call()
    except ReportdiffError as exc:
        raise ReportdiffClickError(str(exc)) from None


def examples(*lines: str) -> str:
    """An ``Examples:`` epilog for ``--help`` that click prints as written."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def _write(records: dict[str, Any], fmt: str, context: Any, out_path: str | None) -> None:
    """Render ``records`` and write them as the renderer yields them (a streaming renderer's
    pieces, another's whole output), with progress when typesetting takes a while."""
    from reportdiff.render import render_stream

    label = f"writing {out_path}" if out_path not in (None, "-") else f"rendering {fmt}"
    with step(label):
        pieces = run_library(functools.partial(render_stream, records, fmt, context))
        emit(_library_pieces(pieces), out_path)


def _library_pieces(pieces: Iterator[str | bytes]) -> Iterator[str | bytes]:
    """``pieces``, a library error raised while making them turned into a one-line message."""
    try:
        yield from pieces
    except ReportdiffError as exc:
        raise ReportdiffClickError(str(exc)) from None


@click.group(
    name="reportdiff",
    cls=OneLineGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=examples(
        "reportdiff diff 2025.docx 2026.txt",
        "reportdiff memo 2025.docx 2026.txt -o memo.pdf --side-by-side view.html",
        "reportdiff check drafts/*.docx --format github",
    ),
)
@click.version_option(__version__, prog_name="reportdiff")
@verbosity_options
def cli(quiet: bool, verbose: bool) -> None:
    """What changed between two editions of a Chinese government report.

    Exit codes: 0 ok, 1 differences or findings (when asked for), 2 error. Shell completion:
    eval "$(_REPORTDIFF_COMPLETE=bash_source reportdiff)" (or zsh_source, fish_source).
    """


@cli.command(
    epilog=examples(
        "reportdiff outline report.docx",
        "reportdiff outline report.txt -o outline.json",
        "curl -s https://example.org/report.html | reportdiff outline - --from-format html",
    )
)
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), help="Output format [text].")
@output_option
@color_option
@input_options
def outline(
    file: str,
    fmt: str | None,
    out_path: str | None,
    color: str,
    encoding: str | None,
    input_format: str | None,
    max_bytes: int,
    quiet: bool,
    verbose: bool,
) -> None:
    """Print the section tree of FILE (use - for standard input)."""
    from reportdiff.load import load
    from reportdiff.outline import build_outline
    from reportdiff.render import RenderContext

    refuse_stdin_twice([file])
    refuse_overwriting_inputs([file], [out_path] if out_path else [])
    chosen = choose_format("outline", "outline", fmt, out_path, "text")
    options = Options(encoding=encoding, input_format=input_format, max_bytes=max_bytes)
    with step(f"reading {file}"):
        result = run_library(lambda: build_outline(load(file, options=options), options=options))
    context = RenderContext(color=use_color(color) and not out_path)
    _write(result.as_records(), chosen, context, out_path)


@cli.command(
    epilog=examples(
        "reportdiff diff 2025.docx 2026.txt",
        "reportdiff diff 2025.docx 2026.txt -o changes.json      # format from the name",
        "reportdiff diff old.txt new.txt --format side-by-side -o view.html",
        "reportdiff diff old.txt new.txt --exit-code -q || echo 'the editions differ'",
    )
)
@click.argument("old_file")
@click.argument("new_file")
@mode_option
@click.option(
    "--format",
    "fmt",
    metavar="FORMAT",
    help="text, json, md, html, pdf or side-by-side [text, or from -o's name].",
)
@output_option
@detail_option
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
    fmt: str | None,
    out_path: str | None,
    detail: str,
    exit_code: bool,
    color: str,
    encoding: str | None,
    input_format: str | None,
    max_bytes: int,
    quiet: bool,
    verbose: bool,
) -> None:
    """Show what changed from OLD_FILE to NEW_FILE: sections, sentences, commitments, numbers."""
    from reportdiff.pipeline import compare_files
    from reportdiff.render import RenderContext

    refuse_stdin_twice([old_file, new_file])
    refuse_overwriting_inputs([old_file, new_file], [out_path] if out_path else [])
    chosen = choose_format("diff", "diff", fmt, out_path, "text")
    options = Options(encoding=encoding, input_format=input_format, max_bytes=max_bytes, mode=mode)
    with step(f"comparing {old_file} → {new_file}"):
        comparison = run_library(lambda: compare_files(old_file, new_file, options=options))
    context = RenderContext(
        color=use_color(color) and not out_path,
        lang=options.lang,
        template_dir=options.template_dir,
        detail=detail,
    )
    _write(comparison.as_records(), chosen, context, out_path)
    if exit_code and comparison.differs:
        sys.exit(EXIT_FINDINGS)


@cli.command(
    epilog=examples(
        "reportdiff memo 2025.docx 2026.txt -o memo.pdf",
        "reportdiff memo 2025.docx 2026.txt -o memo.html -o memo.pdf --side-by-side view.html",
        "reportdiff memo old.txt new.txt -o memo.md --detail brief --lang en",
    )
)
@click.argument("old_file")
@click.argument("new_file")
@click.option(
    "-o",
    "--output",
    "out_paths",
    metavar="FILE",
    multiple=True,
    help="Write the memo to FILE (.html, .pdf or .md; '-' for stdout with --format). "
    "Repeat to write several formats from one comparison.",
)
@click.option(
    "--side-by-side",
    "side_by_side",
    metavar="FILE",
    multiple=True,
    help="Also write the side-by-side HTML view (old and new in two columns) to FILE.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "pdf", "md"]),
    help="Memo format, for a single -o; by default taken from the file's name.",
)
@detail_option
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
    help="Folder of templates that override or extend the packaged ones (trusted: templates "
    "run as code).",
)
@input_options
def memo(
    old_file: str,
    new_file: str,
    out_paths: tuple[str, ...],
    side_by_side: tuple[str, ...],
    fmt: str | None,
    detail: str,
    mode: Mode,
    title: str | None,
    lang: Language,
    template_dir: str | None,
    encoding: str | None,
    input_format: str | None,
    max_bytes: int,
    quiet: bool,
    verbose: bool,
) -> None:
    """Write a change memo (HTML, PDF or Markdown) from OLD_FILE to NEW_FILE for reviewers.

    The memo opens with a one-page brief; --detail picks what follows it.
    """
    from reportdiff.pipeline import compare_files
    from reportdiff.render import RenderContext

    if not out_paths and not side_by_side:
        fail(
            "memo: give -o FILE (.html, .pdf or .md) or --side-by-side FILE; see 'reportdiff "
            "memo --help'"
        )
    refuse_stdin_twice([old_file, new_file])
    refuse_overwriting_inputs([old_file, new_file], [*out_paths, *side_by_side])
    if fmt is not None and len(out_paths) > 1:
        fail(
            "--format names the format of a single -o; with several -o "
            "files each file's extension names its format"
        )
    targets = []
    for out_path in out_paths:
        if fmt is None and out_path == "-":
            fail("-o -: give --format html, pdf or md to write a memo to stdout")
        chosen = choose_format("diff", "memo", fmt, out_path, "")
        if chosen not in ("html", "pdf", "md"):
            fail(
                f"{out_path}: cannot tell the memo format from the name; "
                "end it in .html, .pdf or .md, or give --format"
            )
        targets.append((out_path, chosen))
    for out_path in side_by_side:
        targets.append((out_path, choose_format("diff", "memo", "side-by-side", out_path, "")))
    # Text formats first: when a PDF cannot be typeset here, the HTML pages are still written.
    targets.sort(key=lambda target: target[1] == "pdf")
    options = Options(
        encoding=encoding,
        input_format=input_format,
        max_bytes=max_bytes,
        mode=mode,
        lang=lang,
        title=title,
        template_dir=template_dir,
    )
    with step(f"comparing {old_file} → {new_file}"):
        records = run_library(
            lambda: compare_files(old_file, new_file, options=options).as_records()
        )
    context = RenderContext(lang=lang, template_dir=template_dir, title=title, detail=detail)
    for out_path, chosen in targets:
        _write(records, chosen, context, out_path)
        if out_path != "-":
            say(f"wrote {out_path}")


@cli.command(
    epilog=examples(
        "reportdiff numbers 2026.txt",
        "reportdiff numbers 2025.docx 2026.txt",
        "reportdiff numbers 2025.docx 2026.txt -o shifts.csv",
    )
)
@click.argument("file")
@click.argument("new_file", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    help="Output format [text, or from -o's name].",
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
    fmt: str | None,
    mode: Mode,
    numbers_all: bool,
    out_path: str | None,
    color: str,
    encoding: str | None,
    input_format: str | None,
    max_bytes: int,
    quiet: bool,
    verbose: bool,
) -> None:
    """List the numbers of FILE (targets and outcomes), or with NEW_FILE how they shifted."""
    from reportdiff.pipeline import number_report
    from reportdiff.render import RenderContext

    refuse_stdin_twice([file, new_file])
    refuse_overwriting_inputs([file, new_file], [out_path] if out_path else [])
    chosen = choose_format("numbers", "numbers", fmt, out_path, "text")
    options = Options(
        encoding=encoding,
        input_format=input_format,
        max_bytes=max_bytes,
        numbers_all=numbers_all,
        mode=mode,
    )
    with step(f"reading numbers of {file}" + (f" → {new_file}" if new_file else "")):
        records = run_library(lambda: number_report(file, new_file, options=options).as_records())
    context = RenderContext(color=use_color(color) and not out_path)
    _write(records, chosen, context, out_path)


@cli.command(
    epilog=examples(
        "reportdiff check drafts/*.docx",
        "reportdiff check drafts/*.txt --across --fail-on error",
        "reportdiff check drafts/*.txt -o findings.sarif     # SARIF for code scanning",
        "reportdiff check --explain RD101",
    )
)
@click.argument("files", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif"]),
    help="Output format (default text, or from -o's name, or `format` from the config file).",
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
@click.option(
    "--explain",
    metavar="RULE",
    help="Say what a rule (e.g. RD101) finds, why, and how to fix or silence it; then exit.",
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
    explain: str | None,
    out_path: str | None,
    color: str,
    encoding: str | None,
    input_format: str | None,
    max_bytes: int,
    quiet: bool,
    verbose: bool,
) -> None:
    """Find duplicated sections, paragraphs and headings in FILES (a CI gate).

    Defaults come from reportdiff.toml or [tool.reportdiff] in pyproject.toml, found upward from
    the current directory. A file with no text in it is skipped with a note. Exit 0 clean, 1
    findings at --fail-on or worse, 2 error.
    """
    from reportdiff.check import RULES, Severity, exit_code, stream_check
    from reportdiff.config import check_defaults
    from reportdiff.render import RenderContext

    if explain is not None:
        _explain(explain)
        return
    if not files:
        fail("check: missing argument 'FILES...' (see 'reportdiff check --help')")
    refuse_stdin_twice(list(files))
    refuse_overwriting_inputs(list(files), [out_path] if out_path else [])
    config = run_library(lambda: check_defaults(Path.cwd()))
    ignored = set(config.get("ignore", ())) | set(ignore)
    unknown = sorted(ignored - set(RULES))
    if unknown:
        fail(f"unknown rule {unknown[0]!r}; rules are {', '.join(sorted(RULES))}")
    chosen = choose_format("check", "check", fmt, out_path, config.get("format", "text"))
    options = Options(
        encoding=encoding,
        input_format=input_format,
        max_bytes=max_bytes,
        check_threshold=threshold if threshold is not None else config.get("threshold", 0.9),
        check_min_chars=min_chars if min_chars is not None else config.get("min_chars", 40),
        ignore_rules=frozenset(ignored),
        across=across if across is not None else config.get("across", False),
    )
    count = f"{len(files)} file{'s' if len(files) != 1 else ''}"
    with contextlib.ExitStack() as stack:
        with step(f"checking {count}"):
            run = run_library(lambda: stack.enter_context(stream_check(files, options=options)))
        for path, why in run.skipped:
            say(f"skipped {path}: {why}")
        context = RenderContext(color=use_color(color) and not out_path)
        _write(run.as_records(), chosen, context, out_path)  # the findings stream from disk
        code = exit_code(run, Severity(fail_on or config.get("fail_on", "warning")))
    sys.exit(code)


def _explain(code: str) -> None:
    from reportdiff.check import RULES

    rule = RULES.get(code.upper())
    if rule is None:
        fail(f"unknown rule {code!r}; rules are {', '.join(sorted(RULES))}")
    click.echo(f"{rule.code} {rule.name} ({rule.severity.value})\n\n{rule.description}\n")
    click.echo(rule.explanation)


@cli.command(epilog=examples("reportdiff rules", "reportdiff rules RD102"))
@click.argument("code", required=False)
@verbosity_options
def rules(code: str | None, quiet: bool, verbose: bool) -> None:
    """List the rules of `reportdiff check`, or explain one of them (same as check --explain)."""
    from reportdiff.check import RULES

    if code is not None:
        _explain(code)
        return
    for rule in RULES.values():
        click.echo(f"{rule.code}  {rule.name:<34} {rule.severity.value:<8} {rule.description}")


# --- track and corpus (N editions, many pairs) ------------------------------------------------

TRACK_SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".json": "json", ".csv": "csv"}


@cli.command(
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


@cli.command(
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
