"""The options and helpers the commands share: colour, verbosity, input options, one-line
library errors, ``--help`` examples, and writing rendered records (kept apart from ``cli.py`` so
that file stays a list of thin commands).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click

from reportdiff.console import (
    ReportdiffClickError,
    emit,
    step,
)
from reportdiff.errors import ReportdiffError
from reportdiff.options import DEFAULT_MAX_BYTES

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
template_dir_option = click.option(
    "--template-dir",
    metavar="DIR",
    help="Folder of templates that override or extend the packaged ones (trusted: templates "
    "run as code).",
)


def lang_option(what: str) -> Callable[[F], F]:
    """``--lang zh|en`` for the labels of ``what`` (a memo, HTML/PDF pages)."""
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default="zh",
        show_default=True,
        help=f"Language of the labels of {what}.",
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


def write_records(records: dict[str, Any], fmt: str, context: Any, out_path: str | None) -> None:
    """Render ``records`` and write them as the renderer yields them (a streaming renderer's
    pieces, another's whole output), with progress when typesetting takes a while."""
    from reportdiff.render import render_stream

    label = f"writing {out_path}" if out_path not in (None, "-") else f"rendering {fmt}"
    with step(label):
        pieces = run_library(functools.partial(render_stream, records, fmt, context))
        emit(library_pieces(pieces), out_path)


def library_pieces(pieces: Iterator[str | bytes]) -> Iterator[str | bytes]:
    """``pieces``, a library error raised while making them turned into a one-line message."""
    try:
        yield from pieces
    except ReportdiffError as exc:
        raise ReportdiffClickError(str(exc)) from None
