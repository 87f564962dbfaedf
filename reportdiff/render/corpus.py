"""The index of a corpus run (``reportdiff.corpus/1`` records): one sortable HTML table.

One row per pair in the CSV's order: status (or the error), sentence and commitment counts, number
shifts, new formulations, the headline targets old → new, and links to the pair's memo and
diff.json. Sorting is a few lines of inline script on the page (no external resource); without
script the table still reads in the CSV's order. Renderers read records only.
"""

from __future__ import annotations

from typing import Any

from reportdiff.render import RenderContext, jinja_env, renderer, to_json

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "批量比较",
        "pair": "比较对",
        "status": "状态",
        "ok": "完成",
        "failed": "失败",
        "sentences": "句子 +新增/-删除/~改写/>移动",
        "commitments": "工作任务 +/-/~",
        "shifts": "数字变化",
        "formulations": "新提法",
        "growth": "生产总值增长目标",
        "outcome": "目标对实绩",
        "headline": "其他主要指标",
        "links": "文件",
        "memo": "变化说明",
        "summary": "{ok} 对完成，{failed} 对失败，共 {pairs} 对",
        "sort": "点击表头排序",
    },
    "en": {
        "title": "Corpus run",
        "pair": "Pair",
        "status": "Status",
        "ok": "done",
        "failed": "failed",
        "sentences": "Sentences +added/-removed/~changed/>moved",
        "commitments": "Commitments +/-/~",
        "shifts": "Number shifts",
        "formulations": "New formulations",
        "growth": "GDP growth target",
        "outcome": "target vs outcome",
        "headline": "Other headline indicators",
        "links": "Files",
        "memo": "memo",
        "summary": "{ok} of {pairs} pairs done, {failed} failed",
        "sort": "click a column heading to sort",
    },
}


def _growth(summary: dict[str, Any]) -> dict[str, Any] | None:
    for row in summary.get("headline", ()):
        if row["indicator"] == "gdp_growth" and row["kind"] != "outcome_vs_target":
            return dict(row)
    return None


@renderer("corpus", "html")
def render_html(records: dict[str, Any], context: RenderContext) -> str:
    """The run's index page: inline CSS, a small inline sorting script, no external resource."""
    labels = LABELS.get(context.lang, LABELS["zh"])
    rows = []
    for pair in records["pairs"]:
        summary = pair["summary"] or {}
        growth = _growth(summary)
        others = [h for h in summary.get("headline", ()) if growth is None or h != growth]
        rows.append({**pair, "s": summary, "growth": growth, "others": others})
    page = jinja_env(context.template_dir, autoescape=True).get_template("corpus/index.html.j2")
    return str(
        page.render(
            r=records,
            rows=rows,
            L=labels,
            lang=context.lang,
            title=context.title or labels["title"],
        )
    )


@renderer("corpus", "json")
def render_json(records: dict[str, Any], context: RenderContext) -> str:
    """JSON is the records themselves."""
    return to_json(records)
