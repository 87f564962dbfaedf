"""Renderers: canonical records (``as_records()`` dicts) → text, JSON, Markdown, HTML, PDF, ...

A renderer is registered for a (record kind, format) pair with :func:`renderer`; the record kind is
the ``schema`` field's name part (``reportdiff.diff/1`` → ``diff``). Modules of this package
register their renderers when imported; :func:`registry` imports them all. Renderers read records
only, never pipeline objects, so every output derives from the same canonical form as the golden
files.
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


Renderer = Callable[[dict[str, Any], RenderContext], "str | bytes"]
_RENDERERS: dict[tuple[str, str], Renderer] = {}


def renderer(kind: str, fmt: str) -> Callable[[Renderer], Renderer]:
    """Register the decorated function as the renderer of ``kind`` records to ``fmt``."""

    def register(function: Renderer) -> Renderer:
        _RENDERERS[(kind, fmt)] = function
        return function

    return register


def registry() -> dict[tuple[str, str], Renderer]:
    """All renderers, after importing every module of this package."""
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{module}")
    return dict(_RENDERERS)


def formats_for(kind: str) -> list[str]:
    """The formats ``kind`` records can be rendered to, sorted."""
    return sorted(fmt for (k, fmt) in registry() if k == kind)


def record_kind(records: dict[str, Any]) -> str:
    """``reportdiff.diff/1`` → ``diff``."""
    schema = str(records.get("schema", ""))
    return schema.split("/", 1)[0].removeprefix("reportdiff.")


def render(records: dict[str, Any], fmt: str, context: RenderContext | None = None) -> str | bytes:
    """Render ``records`` to ``fmt`` with the registered renderer."""
    kind = record_kind(records)
    function = registry().get((kind, fmt))
    if function is None:
        raise RenderError(
            f"no {fmt!r} output for {kind} results; choose one of: {', '.join(formats_for(kind))}"
        )
    return function(records, context or RenderContext())


def to_json(records: dict[str, Any]) -> str:
    """The JSON form of any records: UTF-8 text, stable key order, trailing newline."""
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


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
