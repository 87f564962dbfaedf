"""Renderers: canonical records (``as_records()`` dicts) → text, JSON, Markdown, HTML, PDF, ...

A renderer is registered for a (record kind, format) pair with :func:`renderer`, with the file
name endings its output goes under (``-o memo.pdf`` picks ``pdf``) and whether it is binary; the
record kind is the ``schema`` field's name part (``reportdiff.diff/1`` → ``diff``). Modules of this
package register their renderers when imported; :func:`registry` imports them all. Renderers read
records only, never pipeline objects, so every output derives from the same canonical form as the
golden files. :func:`render` hands every renderer records whose strings are made printable
(``reportdiff.printable``): report text never reaches a terminal or a page with raw controls.

A renderer may instead be registered as a stream (:func:`stream_renderer`): it yields its output in
pieces and reads a list of the records (``findings`` of a check) as an iterator, one record at a
time, so that output as long as the corpus is never one string in memory. :func:`render_stream`
gives the pieces (each record made printable as it is read); :func:`render` joins them.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportdiff.errors import RenderError
from reportdiff.printable import escape_json_text, printable_records
from reportdiff.records import NO_QUALIFIER


@dataclass(frozen=True, slots=True)
class RenderContext:
    """What a renderer may need besides the records."""

    color: bool = False
    """Emit ANSI colour (terminal text only)."""
    lang: str = "zh"
    """Language of labels: zh or en."""
    template_dir: str | None = None
    """User templates that override or extend the packaged ones."""
    title: str | None = None
    """A title for memos, instead of the default label."""
    detail: str = "standard"
    """How much a memo carries after its brief: ``brief``, ``standard`` or ``full``."""


#: ``--detail`` levels of a memo, shortest first.
DETAIL_LEVELS = ("brief", "standard", "full")

#: A renderer takes the records of its kind (a TypedDict of ``reportdiff.records``).
Renderer = Callable[[Any, RenderContext], "str | bytes"]
#: A streaming renderer yields its text in pieces; lists of records may come as iterators.
Streamer = Callable[[Any, RenderContext], Iterator[str]]


@dataclass(frozen=True, slots=True)
class OutputFormat:
    """A registered renderer and what the CLI needs to know about its output."""

    function: Renderer
    suffixes: tuple[str, ...]
    """File name endings this output belongs under; the first is the one it is picked by."""
    binary: bool = False
    """Bytes that must not be written to a terminal (PDF)."""
    picked_by_suffix: bool = True
    """False for a variant that shares its ending with another format (side-by-side .html): it
    is written under those endings only when asked for by name."""
    stream: Streamer | None = None
    """The same output in pieces, for a renderer registered with :func:`stream_renderer`."""


_RENDERERS: dict[tuple[str, str], OutputFormat] = {}
#: File name endings of the formats every kind names alike, for renderers that give none.
DEFAULT_SUFFIXES = {
    "text": (".txt", ".text"),
    "json": (".json",),
    "csv": (".csv",),
    "md": (".md", ".markdown"),
    "html": (".html", ".htm"),
    "pdf": (".pdf",),
    "sarif": (".sarif",),
}
#: Formats whose output is bytes for a file, never for a terminal.
BINARY_FORMATS = frozenset({"pdf"})


def renderer(
    kind: str,
    fmt: str,
    *,
    suffixes: tuple[str, ...] | None = None,
    binary: bool | None = None,
    picked_by_suffix: bool = True,
) -> Callable[[Renderer], Renderer]:
    """Register the decorated function as the renderer of ``kind`` records to ``fmt``.

    ``suffixes`` and ``binary`` default to what the format's name implies (:data:`DEFAULT_SUFFIXES`,
    :data:`BINARY_FORMATS`).
    """
    endings = DEFAULT_SUFFIXES.get(fmt, ()) if suffixes is None else suffixes
    is_binary = fmt in BINARY_FORMATS if binary is None else binary

    def register(function: Renderer) -> Renderer:
        _RENDERERS[(kind, fmt)] = OutputFormat(function, endings, is_binary, picked_by_suffix)
        return function

    return register


def stream_renderer(
    kind: str,
    fmt: str,
    *,
    suffixes: tuple[str, ...] | None = None,
    picked_by_suffix: bool = True,
) -> Callable[[Streamer], Streamer]:
    """Register the decorated generator as the streaming renderer of ``kind`` records to
    ``fmt`` (text only); its whole-string form, the pieces joined, is registered with it."""

    def register(function: Streamer) -> Streamer:
        def whole(records: Any, context: RenderContext) -> str:
            return "".join(function(records, context))

        whole.__doc__ = function.__doc__
        endings = DEFAULT_SUFFIXES.get(fmt, ()) if suffixes is None else suffixes
        _RENDERERS[(kind, fmt)] = OutputFormat(whole, endings, False, picked_by_suffix, function)
        return function

    return register


def registry() -> dict[tuple[str, str], OutputFormat]:
    """All renderers, after importing every module of this package."""
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{module}")
    return dict(_RENDERERS)


def formats_for(kind: str) -> list[str]:
    """The formats ``kind`` records can be rendered to, sorted."""
    return sorted(fmt for (k, fmt) in registry() if k == kind)


def output_format(kind: str, fmt: str) -> OutputFormat | None:
    """The registered output ``fmt`` of ``kind`` records, or None."""
    return registry().get((kind, fmt))


def name_ending(name: str, endings: frozenset[str] | tuple[str, ...]) -> str | None:
    """The longest of ``endings`` that ``name`` ends in, case-insensitively (or None).

    >>> name_ending("Findings.SARIF.json", (".json", ".sarif.json"))
    '.sarif.json'
    """
    lowered = name.lower()
    matches = [e for e in endings if lowered.endswith(e) and len(lowered) > len(e)]
    return max(matches, key=len) if matches else None


def format_for_name(kind: str, name: str) -> str | None:
    """The format a file's name picks for ``kind`` records (``memo.pdf`` → ``pdf``), or None."""
    choices = {
        suffix: fmt
        for (k, fmt), output in sorted(registry().items())
        if k == kind and output.picked_by_suffix
        for suffix in output.suffixes
    }
    ending = name_ending(name, tuple(choices))
    return choices[ending] if ending else None


def known_suffixes() -> frozenset[str]:
    """Every file name ending some output of some command is written under."""
    return frozenset(s for output in registry().values() for s in output.suffixes)


def record_kind(records: dict[str, Any]) -> str:
    """``reportdiff.diff/1`` → ``diff``."""
    schema = str(records.get("schema", ""))
    return schema.split("/", 1)[0].removeprefix("reportdiff.")


def _output(records: dict[str, Any], fmt: str, context: RenderContext | None) -> OutputFormat:
    kind = record_kind(records)
    output = registry().get((kind, fmt))
    if output is None:
        raise RenderError(
            f"no {fmt!r} output for {kind} results; choose one of: {', '.join(formats_for(kind))}"
        )
    if context is not None and context.detail not in DETAIL_LEVELS:
        raise RenderError(
            f"unknown detail {context.detail!r}; choose one of: {', '.join(DETAIL_LEVELS)}"
        )
    return output


def _as_data(output: OutputFormat) -> bool:
    """JSON gets the data as it is (it escapes unsafe code points itself)."""
    return output.function is render_json or output.stream is stream_json


def render(records: dict[str, Any], fmt: str, context: RenderContext | None = None) -> str | bytes:
    """Render ``records`` to ``fmt`` with the registered renderer (a streaming one's pieces
    joined, so records holding an iterator — a streamed check — are made printable as well)."""
    output = _output(records, fmt, context)
    context = context or RenderContext()
    if output.stream is not None and any(isinstance(v, Iterator) for v in records.values()):
        pieces = list(render_stream(records, fmt, context))
        if all(isinstance(piece, bytes) for piece in pieces):
            return b"".join(p for p in pieces if isinstance(p, bytes))
        return "".join(p if isinstance(p, str) else p.decode("utf-8") for p in pieces)
    if _as_data(output):
        return output.function(records, context)  # data as it is, unsafe code points escaped
    return output.function(printable_records(records), context)


def render_stream(
    records: dict[str, Any], fmt: str, context: RenderContext | None = None
) -> Iterator[str | bytes]:
    """Render ``records`` to ``fmt`` in pieces: a streaming renderer's as it yields them, each
    record of an iterator in ``records`` made printable as it is read; any other renderer's
    output as one piece. The pieces joined are :func:`render`'s output. Errors of format and
    options are raised here, before the first piece."""
    output = _output(records, fmt, context)
    context = context or RenderContext()
    if output.stream is None:
        return iter((render(records, fmt, context),))
    if _as_data(output):
        return output.stream(records, context)
    printable = {
        printable_records(key): (
            map(printable_records, value)
            if isinstance(value, Iterator)
            else printable_records(value)
        )
        for key, value in records.items()
    }
    return output.stream(printable, context)


def to_json(records: dict[str, Any]) -> str:
    """The JSON form of any records: UTF-8 text, stable key order, trailing newline.

    Controls json.dumps leaves raw (DEL, C1, bidi overrides) are written as ``\\uXXXX``.
    """
    return escape_json_text(json.dumps(records, ensure_ascii=False, indent=2)) + "\n"


def template_root() -> Path:
    """The packaged templates: inside the installed wheel, or the checkout's top-level folder."""
    packaged = Path(__file__).resolve().parent.parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "templates"


def jinja_env(template_dir: str | None = None, *, autoescape: bool = True) -> Any:
    """A Jinja environment: user templates first, then the packaged ones, also as ``default:NAME``.

    Autoescape is on for HTML: report text is untrusted input.
    """
    import jinja2

    defaults = jinja2.FileSystemLoader(str(template_root()))
    loaders: list[jinja2.BaseLoader] = []
    if template_dir:
        if not Path(template_dir).is_dir():
            raise RenderError(f"{template_dir}: template folder not found; check --template-dir")
        loaders.append(jinja2.FileSystemLoader(template_dir))
    loaders.append(defaults)
    loaders.append(jinja2.PrefixLoader({"default": defaults}, delimiter=":"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["change_words"] = change_words
    return env


def change_words(change: str | None, labels: dict[str, str]) -> str:
    """A number shift's change text as the page's language says it ("" for none): the record
    keeps 「以上 → (none)」, a Chinese memo shows 「以上 → （无）」."""
    if not change:
        return ""
    return change.replace(NO_QUALIFIER, labels.get("no_qualifier", NO_QUALIFIER))


#: Stands in a JSON document for the list that :func:`json_stream` writes item by item.
STREAMED_LIST = "\x00reportdiff-stream\x00"


def json_stream(document: Any, items: Iterable[Any], *, escape: bool = True) -> Iterator[str]:
    """``json.dumps(document, ensure_ascii=False, indent=2) + "\\n"`` in pieces, the one value
    of ``document`` that is :data:`STREAMED_LIST` written as the list of ``items``, one item at a
    time (byte for byte what dumping the list in its place gives). ``escape``: unsafe code
    points as ``\\uXXXX`` (:func:`escape_json_text`)."""
    clean = escape_json_text if escape else (lambda text: text)
    text = json.dumps(document, ensure_ascii=False, indent=2)
    marker = json.dumps(STREAMED_LIST)
    at = text.index(marker)
    line = text[text.rfind("\n", 0, at) + 1 : at]
    outer = " " * (len(line) - len(line.lstrip(" ")))
    inner = outer + "  "
    yield clean(text[:at])
    first = True
    for item in items:
        body = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + inner)
        yield clean(("[\n" if first else ",\n") + inner + body)
        first = False
    yield "[]" if first else "\n" + outer + "]"
    yield clean(text[at + len(marker) :]) + "\n"


@renderer("outline", "json")
@renderer("diff", "json")
@renderer("numbers", "json")
def render_json(records: dict[str, Any], context: RenderContext) -> str:
    """JSON is the records themselves."""
    return to_json(records)


@stream_renderer("check", "json")
def stream_json(records: dict[str, Any], context: RenderContext) -> Iterator[str]:
    """JSON is the records themselves; the findings written one at a time."""
    return json_stream({**records, "findings": STREAMED_LIST}, records["findings"])
