"""Renderers: canonical records (``as_records()`` dicts) → text, JSON, Markdown, HTML, PDF, ...

A renderer is registered for a (record kind, format) pair with :func:`renderer`, with the file
name endings its output goes under (``-o memo.pdf`` picks ``pdf``) and whether it is binary; the
record kind is the ``schema`` field's name part (``reportdiff.diff/1`` → ``diff``). Modules of this
package register their renderers when imported; :func:`registry` imports them all. Renderers read
records only, never pipeline objects, so every output derives from the same canonical form as the
golden files. :func:`render` hands every renderer records whose strings are made printable
(``reportdiff.printable``): report text never reaches a terminal or a page with raw controls.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportdiff.errors import RenderError
from reportdiff.printable import escape_json_text, printable_records


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


def render(records: dict[str, Any], fmt: str, context: RenderContext | None = None) -> str | bytes:
    """Render ``records`` to ``fmt`` with the registered renderer."""
    kind = record_kind(records)
    output = registry().get((kind, fmt))
    if output is None:
        raise RenderError(
            f"no {fmt!r} output for {kind} results; choose one of: {', '.join(formats_for(kind))}"
        )
    context = context or RenderContext()
    if context.detail not in DETAIL_LEVELS:
        raise RenderError(
            f"unknown detail {context.detail!r}; choose one of: {', '.join(DETAIL_LEVELS)}"
        )
    if output.function is render_json:
        return output.function(records, context)  # data as it is, unsafe code points escaped
    return output.function(printable_records(records), context)


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
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@renderer("outline", "json")
@renderer("diff", "json")
@renderer("numbers", "json")
@renderer("check", "json")
def render_json(records: dict[str, Any], context: RenderContext) -> str:
    """JSON is the records themselves."""
    return to_json(records)
