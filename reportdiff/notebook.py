"""The notebook API behind ``reportdiff.compare`` and ``reportdiff.track``.

Inputs may be paths, report text or the bytes of a file (``.docx`` or PDF bytes are sniffed);
results are the typed pipeline objects plus ``records()`` and a ``_repr_html_`` that Jupyter
shows (a comparison as its memo's summary, a track as its headline charts).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Union

from reportdiff.model import Outline
from reportdiff.options import Options
from reportdiff.pipeline import Comparison

__all__ = ["Compared", "Source", "compare", "outline_of", "track"]

Source = Union[str, bytes, "os.PathLike[str]"]
"""A report: a path, its text, or its bytes."""

#: A string longer than this, or with a line break, is report text, never a path.
_PATH_MAX = 1024
_KNOWN_SUFFIXES = frozenset({".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".text"})


def _is_path(text: str) -> bool:
    if "\n" in text or len(text) > _PATH_MAX:
        return False
    path = Path(text)
    return path.exists() or path.suffix.lower() in _KNOWN_SUFFIXES


def outline_of(source: Source, name: str, *, options: Options) -> Outline:
    """Load and outline one report given as a path, text or bytes (``name`` names text/bytes)."""
    from reportdiff.load import load, load_bytes
    from reportdiff.outline import build_outline

    if isinstance(source, bytes):
        document = load_bytes(source, source=name, options=options)
    elif isinstance(source, str) and not _is_path(source):
        document = load_bytes(source.encode("utf-8"), source=name, options=options)
    else:
        document = load(os.fspath(source), options=options)
    return build_outline(document, options=options)


@dataclass(frozen=True, slots=True)
class Compared(Comparison):
    """A :class:`~reportdiff.pipeline.Comparison` with the notebook conveniences."""

    def records(self) -> dict[str, Any]:
        """The canonical diff record (schema ``reportdiff.diff/1``)."""
        return self.as_records()

    def render(self, fmt: str = "html", **context: Any) -> str | bytes:
        """The comparison rendered as ``reportdiff diff --format`` would (text, md, html, pdf)."""
        from reportdiff.render import RenderContext, render

        return render(self.as_records(), fmt, RenderContext(**context))

    def _repr_html_(self) -> str:
        from reportdiff.render import RenderContext
        from reportdiff.render.notebook import render_diff_summary_html

        return render_diff_summary_html(self.as_records(), RenderContext())


def compare(old: Source, new: Source, *, options: Options | None = None) -> Compared:
    """Compare two editions with default options (or ``options``)."""
    from reportdiff.pipeline import compare as compare_outlines

    chosen = options or Options()
    result = compare_outlines(
        outline_of(old, "<old>", options=chosen),
        outline_of(new, "<new>", options=chosen),
        options=chosen,
    )
    return Compared(**{f.name: getattr(result, f.name) for f in fields(result)})


def track(
    *editions: Source, labels: list[str] | None = None, options: Options | None = None
) -> Any:
    """Track two or more editions (oldest first); returns a :class:`reportdiff.tracking.Track`."""
    from reportdiff.tracking import edition_labels, track_outlines

    chosen = options or Options()
    names: list[str] = []
    for k, source in enumerate(editions, start=1):
        if isinstance(source, bytes) or (isinstance(source, str) and not _is_path(source)):
            names.append(f"edition-{k}")
        else:
            names.append(str(os.fspath(source)))
    outlines = [outline_of(s, n, options=chosen) for s, n in zip(editions, names, strict=True)]
    return track_outlines(outlines, edition_labels(names, labels), options=chosen)
