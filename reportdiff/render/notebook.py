"""What a notebook shows for a comparison: the head of its memo (editions, key figures, number
shifts, new formulations), rendered from the diff record by ``templates/notebook/``."""

from __future__ import annotations

from typing import Any, cast

from reportdiff.records import DiffRecord
from reportdiff.render import RenderContext, jinja_env
from reportdiff.render.memo import memo_context

#: Rows of each list a notebook shows (the memo and the records have them all).
NOTEBOOK_LIMIT = 20


def render_diff_summary_html(records: dict[str, Any], context: RenderContext) -> str:
    """An HTML fragment (no page, no script) summarising a diff record."""
    values = memo_context(cast(DiffRecord, records), context)
    values["limit"] = NOTEBOOK_LIMIT
    page = jinja_env(context.template_dir, autoescape=True).get_template(
        "notebook/diff-summary.html.j2"
    )
    return str(page.render(**values))
