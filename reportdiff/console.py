"""What the commands share about the terminal: one-line errors, output files, progress, verbosity.

Kept apart from ``cli.py`` so that file stays a list of thin commands. Everything here writes to
stdout/stderr or the file system on behalf of a command; nothing here knows about reports.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NoReturn

import click

from reportdiff.errors import EXIT_ERROR, EXIT_OK
from reportdiff.printable import one_line

#: Work that takes longer than this many seconds shows progress on stderr.
PROGRESS_AFTER = 2.0


class ReportdiffClickError(click.ClickException):
    """A library or usage error shown as one line on stderr, with exit code 2."""

    exit_code = EXIT_ERROR

    def show(self, file: Any = None) -> None:
        say_error(self.format_message())


def say_error(message: str) -> None:
    """``reportdiff: error: …`` on stderr, always one line (newlines and controls escaped)."""
    click.echo(f"reportdiff: error: {one_line(message)}", err=True)


def fail(message: str) -> NoReturn:
    """Stop the command with exit code 2 and ``message`` on one line of stderr."""
    raise ReportdiffClickError(message)


class OneLineGroup(click.Group):
    """A click group whose own errors (usage, bad option values) are one line, like ours.

    click prints usage errors as three lines (usage, a hint, the error); a script reading stderr,
    and a person, get one: ``reportdiff: error: diff: missing argument 'NEW_FILE' (see
    'reportdiff diff --help')``. Writing to a closed pipe ends quietly; a full disk is one line.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx is not None else "reportdiff"
            message = exc.format_message().rstrip(".")
            message = message[:1].lower() + message[1:]
            say_error(f"{where.removeprefix('reportdiff ')}: {message} (see '{where} --help')")
            _exit(EXIT_ERROR)
        except click.ClickException as exc:
            exc.show()
            _exit(exc.exit_code)
        except click.Abort:
            say_error("interrupted")
            _exit(130)
        except BrokenPipeError:
            _silence_stdout()
            _exit(EXIT_ERROR)
        except OSError as exc:
            if exc.errno not in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG):
                raise
            _silence_stdout()
            say_error(f"<stdout>: cannot write ({exc.strerror}); free some space or use -o FILE")
            _exit(EXIT_ERROR)
        _exit(code if isinstance(code, int) else EXIT_OK)


def _exit(code: int) -> NoReturn:
    """Exit after flushing stdout, so a failing final flush is reported, not a traceback."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as exc:
        _silence_stdout()
        say_error(f"<stdout>: cannot write ({exc.strerror}); free some space or use -o FILE")
        code = EXIT_ERROR
    sys.exit(code)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass


# --------------------------------------------------------------------------------------------
# Verbosity and progress
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Verbosity:
    """-q: only errors and the result; -v: also how long each step took."""

    quiet: bool = False
    verbose: bool = False


def verbosity() -> Verbosity:
    """The -q/-v given to the group or the command (either place works)."""
    context = click.get_current_context(silent=True)
    quiet = verbose = False
    while context is not None:
        quiet = quiet or bool(context.params.get("quiet"))
        verbose = verbose or bool(context.params.get("verbose"))
        context = context.parent
    if quiet and verbose:
        fail("-q/--quiet and -v/--verbose contradict each other; give one of them")
    return Verbosity(quiet, verbose)


def say(message: str) -> None:
    """An informational line on stderr (``reportdiff: wrote memo.pdf``), unless -q."""
    if not verbosity().quiet:
        click.echo(f"reportdiff: {one_line(message)}", err=True)


@contextmanager
def step(label: str) -> Iterator[None]:
    """Show ``label`` with a running clock on stderr when the work takes over 2 s.

    On a terminal one line is redrawn (spinner and seconds) and cleared at the end; in a log,
    one line when the step passes the threshold and one when it ends. -q shows nothing, -v
    always says how long the step took.
    """
    level = verbosity()
    if level.quiet:
        yield
        return
    stream: IO[str] = sys.stderr
    tty = bool(getattr(stream, "isatty", lambda: False)())
    done = threading.Event()
    shown = threading.Event()
    start = time.perf_counter()

    def ticker() -> None:
        if done.wait(PROGRESS_AFTER):
            return
        shown.set()
        if not tty:
            stream.write(f"reportdiff: {label} …\n")
            stream.flush()
            return
        for frame in itertools.cycle("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"):
            stream.write(f"\r{frame} reportdiff: {label} … {time.perf_counter() - start:.0f} s")
            stream.flush()
            if done.wait(0.25):
                return

    thread = threading.Thread(target=ticker, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        elapsed = time.perf_counter() - start
        if tty and shown.is_set():
            stream.write("\r\x1b[K")
        if shown.is_set() or level.verbose:
            stream.write(f"reportdiff: {label}: {elapsed:.1f} s\n")
        stream.flush()


# --------------------------------------------------------------------------------------------
# Inputs and outputs
# --------------------------------------------------------------------------------------------


def refuse_stdin_twice(paths: Sequence[str | None]) -> None:
    """Standard input can be read once: at most one input may be ``-``; and it must be open."""
    given = [p for p in paths if p == "-"]
    if len(given) > 1:
        fail("standard input ('-') is given more than once; give the other inputs as file paths")
    if given and (sys.stdin is None or sys.stdin.closed):
        fail("<stdin>: standard input is closed; pipe a report into it, or name a file")


def refuse_overwriting_inputs(inputs: Sequence[str | None], outputs: Sequence[str]) -> None:
    """An output file must not be one of the inputs (``diff a.txt b.txt -o a.txt``), nor given
    twice: either would silently destroy a report or a result."""
    files = [Path(p) for p in inputs if p not in (None, "-")]
    seen: list[Path] = []
    for out in outputs:
        if out == "-":
            continue
        target = Path(out)
        for source in files:
            if _same_file(source, target):
                fail(
                    f"{out}: is also an input; writing it would overwrite the report; choose "
                    "another output name"
                )
        for earlier in seen:
            if _same_file(earlier, target) or earlier.resolve() == target.resolve():
                fail(f"{out}: is given twice as an output; give each output once")
        seen.append(target)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def stdout_is_terminal() -> bool:
    if sys.stdout is None:
        return False
    return bool(getattr(sys.stdout, "isatty", lambda: False)())


def choose_format(
    kind: str,
    command: str,
    fmt: str | None,
    out_path: str | None,
    default: str,
) -> str:
    """The output format: ``--format``, else the name of ``-o FILE``, else ``default``.

    A name ending that belongs to a format this command cannot write (``diff -o out.sarif``), or
    that contradicts ``--format`` (``--format json -o out.pdf``), stops with exit 2; so does a
    binary format bound for a terminal.
    """
    from reportdiff.render import format_for_name, formats_for, known_suffixes, name_ending
    from reportdiff.render import output_format as registered

    formats = formats_for(kind)
    if fmt is not None and fmt not in formats:
        fail(f"{command}: no {fmt!r} output; choose one of: {', '.join(formats)}")
    chosen = fmt or default
    if out_path not in (None, "-"):
        assert out_path is not None
        name = Path(out_path).name
        by_name = format_for_name(kind, name)
        ending = name_ending(name, known_suffixes())
        if fmt is not None:
            own = registered(kind, fmt)
            assert own is not None
            if ending is not None and name_ending(name, own.suffixes) is None:
                fail(
                    f"{out_path}: the name ends in {ending} but --format is {fmt}; make them "
                    f"agree (a {fmt} file ends in {' or '.join(own.suffixes) or 'anything'})"
                )
        elif by_name is not None:
            chosen = by_name
        elif ending is not None:
            outputs = [o for o in (registered(kind, f) for f in formats) if o is not None]
            endings = sorted({s for o in outputs if o.picked_by_suffix for s in o.suffixes})
            fail(
                f"{out_path}: {command} cannot write {ending} files; end the name in "
                f"{', '.join(endings)}, or give --format"
            )
    output = registered(kind, chosen)
    if output is not None and output.binary and out_path in (None, "-") and stdout_is_terminal():
        fail(
            f"{command}: {chosen} output is binary and stdout is a terminal; give -o FILE "
            f"(e.g. -o memo{output.suffixes[0]}) or redirect stdout to a file"
        )
    return chosen


def _bytes(piece: str | bytes) -> bytes:
    return piece.encode("utf-8") if isinstance(piece, str) else piece


def _write_file(out_path: str, pieces: Iterable[str | bytes]) -> None:
    """Write ``pieces`` to ``out_path`` whole or not at all: a regular file (or a new one) is
    written beside itself and renamed into place once the last piece is in, keeping the mode an
    existing file had, so a run that fails half-way (a streamed check, a full disk) leaves the old
    file, or none, never half a file. A device, a pipe, or a file with other hard links is written
    in place (renaming would cut the links)."""
    target = Path(out_path)
    if target.is_symlink():
        target = target.resolve()  # write the file the link names, keep the link
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and (not stat.S_ISREG(info.st_mode) or info.st_nlink > 1):
        with open(target, "wb") as out:
            for piece in pieces:
                out.write(_bytes(piece))
        return
    handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            for piece in pieces:
                out.write(_bytes(piece))
        os.chmod(partial, stat.S_IMODE(info.st_mode) if info else 0o666 & ~_umask())
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise


def _umask() -> int:
    """The process's umask (read by setting and restoring it), for the mode a new file gets."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def emit(output: str | bytes | Iterable[str | bytes], out_path: str | None) -> None:
    """Write rendered output — one piece, or pieces as a streaming renderer yields them — to
    stdout or to ``out_path`` (one-line errors, never a traceback)."""
    pieces = (output,) if isinstance(output, str | bytes) else output
    if out_path and out_path != "-":
        try:
            _write_file(out_path, pieces)
        except OSError as exc:
            fail(f"{out_path}: cannot write ({exc.strerror or exc}); check the path and free space")
        return
    if sys.stdout is None:
        fail("<stdout>: standard output is closed; give -o FILE")
    stream = sys.stdout.buffer
    try:
        sys.stdout.flush()
        for piece in pieces:
            stream.write(_bytes(piece))
        stream.flush()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        _silence_stdout()
        fail(f"<stdout>: cannot write ({exc.strerror or exc}); free some space or use -o FILE")
