"""The pairs of a corpus run: ``PAIRS.csv`` read and checked, each pair's job and content key."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import re
from dataclasses import dataclass, fields
from pathlib import Path

from reportdiff import __version__
from reportdiff.errors import InputError
from reportdiff.options import Options

__all__ = ["RESERVED_NAMES", "Pair", "PairJob", "job_key", "read_pairs", "tool_fingerprint"]

#: Files a run writes at the top of its output folder: no pair may be named like them.
RESERVED_NAMES = frozenset({"panel.csv", "errors.csv", "index.html", "index.json"})
_COLUMNS = ("label", "old", "new")
_BAD_LABEL = re.compile(r"[/\\\x00-\x1f]")


@dataclass(frozen=True, slots=True)
class Pair:
    """One row of ``PAIRS.csv``: a label and two report paths."""

    label: str
    old: str
    """The old report's path as written in the CSV (relative to it, or absolute)."""
    new: str
    old_path: Path
    """The path resolved against the CSV's folder."""
    new_path: Path
    row: int
    """The CSV line of the row (for messages)."""


@dataclass(frozen=True, slots=True)
class PairJob:
    """What a worker needs to compare one pair: nothing is read from disk there."""

    label: str
    old_name: str
    old_data: bytes
    new_name: str
    new_data: bytes
    options: Options
    memo: str | None
    key: str


def read_pairs(csv_path: str | Path) -> tuple[Pair, ...]:
    """The pairs of ``csv_path`` (header ``label,old,new``; paths relative to the CSV)."""
    path = Path(csv_path)
    name = str(csv_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file", "check the path of the pairs CSV") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})", "check the file") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(name, "is not UTF-8 text", "save the pairs CSV as UTF-8") from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or [h.strip().lower() for h in header[:3]] != list(_COLUMNS):
        raise InputError(
            name,
            "the first row must be the header label,old,new",
            "add that header row (columns: label, old report, new report)",
        )
    base = path.resolve().parent
    pairs: list[Pair] = []
    seen: dict[str, int] = {}
    for row_number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 3 or not all(cell.strip() for cell in row[:3]):
            raise InputError(
                f"{name}:{row_number}",
                "a row needs a label, an old and a new path",
                "fill the three columns or delete the row",
            )
        label, old, new = (cell.strip() for cell in row[:3])
        if _BAD_LABEL.search(label) or label.startswith(".") or label in RESERVED_NAMES:
            raise InputError(
                f"{name}:{row_number}",
                f"label {label!r} cannot name a folder",
                "use a label without slashes or a leading dot (it names the pair's folder)",
            )
        if label in seen:
            raise InputError(
                f"{name}:{row_number}",
                f"label {label!r} is used twice (also on line {seen[label]})",
                "give every pair its own label",
            )
        seen[label] = row_number
        pairs.append(Pair(label, old, new, base / old, base / new, row_number))
    if not pairs:
        raise InputError(name, "lists no pairs", "add rows label,old,new under the header")
    return tuple(pairs)


@functools.cache
def tool_fingerprint() -> str:
    """The tool's version and a digest of its code, data and templates: a development install
    whose code changed under the same version number does not reuse stale results."""
    package = Path(__file__).resolve().parent.parent
    templates = package / "templates"
    if not templates.is_dir():
        templates = package.parent / "templates"
    digest = hashlib.sha256(__version__.encode())
    for root in (package, templates):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def _options_fingerprint(options: Options) -> str:
    return repr([(f.name, getattr(options, f.name)) for f in fields(options)])


def job_key(
    old_data: bytes, new_data: bytes, pair: Pair, options: Options, memo: str | None
) -> str:
    """Content key of a pair's results: both inputs' bytes and names, the options, the memo
    format and the tool (:func:`tool_fingerprint`). A rerun skips a pair whose key is unchanged."""
    digest = hashlib.sha256()
    for part in (
        tool_fingerprint(),
        _options_fingerprint(options),
        memo or "",
        pair.old,
        pair.new,
        hashlib.sha256(old_data).hexdigest(),
        hashlib.sha256(new_data).hexdigest(),
    ):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()
