"""Text rendering of outline records: the section tree, indented, with kinds and line numbers."""

from __future__ import annotations

from typing import Any

from reportdiff.records import OutlineRecord, OutlineSection
from reportdiff.render import RenderContext, jinja_env, renderer

_LABELS = {
    "title_block": "title block",
    "salutation": "salutation",
    "part": "part",
    "heading": "heading",
    "title": "title",
    "bullet": "bullet",
    "lead": "lead",
    "toc": "contents",
    "glossary": "glossary",
    "table": "table",
    "preamble": "preamble",
}
_COLOURS = {
    "bold": "\x1b[1m",
    "dim": "\x1b[2m",
    "reset": "\x1b[0m",
    "title_block": "\x1b[1m",
    "salutation": "\x1b[2m",
    "part": "\x1b[1;35m",
    "heading": "\x1b[1;34m",
    "title": "\x1b[1;36m",
    "bullet": "\x1b[1;34m",
    "lead": "\x1b[36m",
    "toc": "\x1b[2m",
    "glossary": "\x1b[33m",
    "table": "\x1b[33m",
    "preamble": "\x1b[2m",
}


def _rows(sections: list[OutlineSection], out: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for section in sections:
        title = section["title"] or ""
        out.append(
            {
                "id": section["id"],
                "level": section["level"],
                "kind": section["kind"],
                "label": _LABELS.get(section["kind"], section["kind"]),
                "heading": _heading(section, title),
                "byline": section.get("byline"),
                "line": section["line"],
                "sentences": len(section["sentences"]),
            }
        )
        _rows(section["children"], out)
    return out


@renderer("outline", "text")
def render_outline_text(records: OutlineRecord, context: RenderContext) -> str:
    """The outline as an indented tree through ``templates/outline.txt.j2``."""
    rows = _rows(records["sections"], [])
    colours = dict.fromkeys(_COLOURS, "")
    if context.color:
        colours.update(_COLOURS)
    template = jinja_env(context.template_dir, autoescape=False).get_template("outline.txt.j2")
    return str(
        template.render(
            title=records.get("title"),
            source=records.get("source"),
            format=records.get("format"),
            encoding=records.get("encoding"),
            warnings=records.get("warnings", []),
            footnotes=records.get("footnotes", []),
            rows=rows,
            sentence_total=sum(row["sentences"] for row in rows),
            c=colours,
        )
    )


def _heading(section: OutlineSection, title: str) -> str:
    """Numbering label and title as printed (a table's number and caption apart), or a dash."""
    gap = " " if section["kind"] == "table" else ""
    return f"{section.get('number') or ''}{gap}{title}".strip() or "—"
