"""Command-line interface: thin click commands over the library.

Each command validates its arguments, calls one library function, hands the records to a renderer
and picks the exit code. Exit policy (constants in ``reportdiff.errors``, documented in the README):

* ``EXIT_OK`` (0): the job ran; no differences/findings, or they were not asked to fail the run.
* ``EXIT_FINDINGS`` (1): differences (``diff --exit-code``) or findings at the failing severity.
* ``EXIT_ERROR`` (2): bad usage or bad input; one line on stderr naming the file and the fix.

What commands share about the terminal (one-line errors, ``-o`` formats by name, progress, -q/-v)
lives in ``reportdiff/console.py``, their shared options in ``reportdiff/cli_options.py``, and the
commands over many reports (``track``, ``corpus``) in ``reportdiff/cli_batch.py``.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from reportdiff import __version__
from reportdiff.cli_batch import corpus, track
from reportdiff.cli_options import (
    color_option,
    detail_option,
    examples,
    input_options,
    lang_option,
    mode_option,
    output_option,
    run_library,
    template_dir_option,
    use_color,
    verbosity_options,
    write_records,
)
from reportdiff.console import (
    OneLineGroup,
    ReportdiffClickError,
    choose_format,
    fail,
    refuse_overwriting_inputs,
    refuse_stdin_twice,
    say,
    step,
)
from reportdiff.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from reportdiff.options import Language, Mode, Options

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "ReportdiffClickError", "cli"]


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
    write_records(result.as_records(), chosen, context, out_path)


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
    write_records(comparison.as_records(), chosen, context, out_path)
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
@lang_option("the memo")
@template_dir_option
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
        write_records(records, chosen, context, out_path)
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
    write_records(records, chosen, context, out_path)


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
        write_records(run.as_records(), chosen, context, out_path)  # the findings stream from disk
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


cli.add_command(track)
cli.add_command(corpus)
