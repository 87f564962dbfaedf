"""Output of ``reportdiff.track/1`` records: text tables, CSV, HTML and PDF with line charts.

Text is one compact table per indicator (edition, figure as written, the move from the previous
point, source line); CSV one row per series and edition (gaps included, for a pivot table); HTML
and PDF the same through ``templates/track/`` with an inline SVG line chart per headline
indicator (targets solid, outcomes dashed, a range drawn as a bar). Renderers read records only.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from reportdiff.render import RenderContext, jinja_env, renderer

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "多版本跟踪",
        "editions": "版本",
        "label": "版本",
        "file": "文件",
        "report_title": "标题",
        "figures": "数字",
        "headline": "主要指标",
        "series": "指标序列",
        "target": "目标",
        "outcome": "实绩",
        "version": "版本号",
        "annual": "年度",
        "five-year": "五年",
        "figure": "数值",
        "change": "变化",
        "line": "行",
        "gap": "未提及",
        "commitments": "跨版本延续的工作任务",
        "formulations": "新提法的生命周期",
        "headings": "章节标题的存续",
        "first": "首见",
        "last": "末见",
        "status": "状态",
        "throughout": "贯穿始终",
        "appeared": "新出现",
        "vanished": "已消失",
        "passing": "出现后消失",
        "phrase": "提法",
        "wording_first": "首见表述",
        "wording_last": "末见表述",
        "none": "无",
        "more": "另有 {n} 条未列出，见 JSON 输出",
        "chart_note": "实线为目标，虚线为实绩（该版本报告的上一年结果），竖条为区间",
        "single": "另有 {n} 个只见于一个版本的指标（见 JSON 或 CSV 输出）",
    },
    "en": {
        "title": "Tracking over editions",
        "editions": "Editions",
        "label": "Edition",
        "file": "File",
        "report_title": "Title",
        "figures": "Figures",
        "headline": "Headline indicators",
        "series": "Indicator series",
        "target": "target",
        "outcome": "outcome",
        "version": "version",
        "annual": "annual",
        "five-year": "five-year",
        "figure": "Figure",
        "change": "Change",
        "line": "line",
        "gap": "not stated",
        "commitments": "Commitments carried across editions",
        "formulations": "New formulations over time",
        "headings": "Headings over time",
        "first": "First",
        "last": "Last",
        "status": "Status",
        "throughout": "throughout",
        "appeared": "appeared",
        "vanished": "vanished",
        "passing": "appeared, then vanished",
        "phrase": "Phrase",
        "wording_first": "First wording",
        "wording_last": "Last wording",
        "none": "none",
        "more": "{n} more not listed; see the JSON output",
        "chart_note": "solid: target; dashed: outcome (the year before, as the edition reports "
        "it); a bar: a range",
        "single": "{n} more indicators are stated in one edition only (see the JSON or CSV output)",
    },
}
#: How many rows an HTML list shows before it says how many more there are.
LIST_LIMIT = 300
CHART_WIDTH = 560
CHART_HEIGHT = 190
_PLOT = {"left": 46, "right": 16, "top": 14, "bottom": 34}


def _labels(context: RenderContext) -> dict[str, str]:
    return LABELS.get(context.lang, LABELS["zh"])


def _shown(series: dict[str, Any]) -> bool:
    """Series worth a table of their own: headline indicators, and any stated twice or more."""
    return bool(series["canonical"]) or len(series["points"]) > 1


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _compact(raw: str) -> str:
    return "".join(str(raw).split())


@renderer("track", "text")
def render_text(records: dict[str, Any], context: RenderContext) -> str:
    """Editions, one compact table per indicator, then commitments, formulations, headings."""
    L = _labels(context)
    editions = [e["label"] for e in records["editions"]]
    label_width = max(_width(label) for label in editions)
    lines = [f"reportdiff track: {len(editions)} editions ({editions[0]} → {editions[-1]})"]
    for edition in records["editions"]:
        title = edition["title"] or ""
        lines.append(
            f"  {_pad(edition['label'], label_width)}  {edition['path']}  {title}".rstrip()
        )
    shown = [s for s in records["series"] if _shown(s)]
    for series in shown:
        lines.append("")
        horizon = f" · {L[series['horizon']]}" if series["horizon"] != "annual" else ""
        ident = f" [{series['indicator']}]" if series["canonical"] else ""
        lines.append(f"{series['name']}{ident} · {L[series['kind']]}{horizon}")
        by_edition = {p["edition"]: p for p in series["points"]}
        for label in editions:
            point = by_edition.get(label)
            if point is None:
                lines.append(f"  {_pad(label, label_width)}  —")
                continue
            also = ""
            if point["also"]:
                also = (
                    "  (also "
                    + ", ".join(f"{_compact(a['raw'])} L{a['line']}" for a in point["also"])
                    + ")"
                )
            lines.append(
                f"  {_pad(label, label_width)}  {_pad(_compact(point['raw']), 14)}  "
                f"{_pad(point['change'] or '', 26)}  L{point['line']}{also}".rstrip()
            )
    hidden = len(records["series"]) - len(shown)
    if hidden:
        lines += ["", L["single"].format(n=hidden)]
    lines += _lifetime_text(L, "commitments", records["commitments"], editions)
    carried_formulations = [f for f in records["formulations"] if len(f["editions"]) > 1]
    lines += _lifetime_text(L, "formulations", carried_formulations, editions, phrase=True)
    others = len(records["formulations"]) - len(carried_formulations)
    if others:
        lines.append(f"  (+{others} used in one edition only)")
    stats = records["stats"]["headings"]
    lines += ["", f"{L['headings']}: " + ", ".join(f"{L[k]} {v}" for k, v in stats.items())]
    for heading in records["headings"]:
        if (
            heading["status"] != "throughout"
            and heading["first_mention"]["section_id"].count(".") == 0
        ):
            lines.append(
                f"  {L[heading['status']]}  {_span(heading)}  {heading['last_mention']['text']}"
            )
    return "\n".join(lines) + "\n"


def _span(item: dict[str, Any]) -> str:
    first, last = item["first"], item["last"]
    return f"{first} → {last}" if first != last else str(first)


def _lifetime_text(
    L: dict[str, str],
    key: str,
    items: list[dict[str, Any]],
    editions: list[str],
    *,
    phrase: bool = False,
) -> list[str]:
    lines = ["", f"{L[key]}: {len(items)}"]
    for item in items:
        first, last = item["first_mention"], item["last_mention"]
        span = _span(item)
        head = f"「{item['phrase']}」 " if phrase else ""
        lines.append(f"  {head}{L[item['status']]}  {span}")
        lines.append(f"    {first['edition']} L{first['line']}: {first['text']}")
        if item.get("reworded") or (phrase and last["edition"] != first["edition"]):
            lines.append(f"    {last['edition']} L{last['line']}: {last['text']}")
    return lines


_CSV_COLUMNS = (
    "indicator",
    "name",
    "canonical",
    "kind",
    "horizon",
    "edition",
    "raw",
    "value",
    "high",
    "unit",
    "qualifier",
    "role",
    "line",
    "section_id",
    "change_kind",
    "change",
)


@renderer("track", "csv")
def render_csv(records: dict[str, Any], context: RenderContext) -> str:
    """One row per series and edition (an edition that does not state it has an empty row)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    editions = [e["label"] for e in records["editions"]]
    for series in records["series"]:
        by_edition = {p["edition"]: p for p in series["points"]}
        for label in editions:
            point = by_edition.get(label, {})
            writer.writerow(
                [
                    series["indicator"],
                    series["name"],
                    "yes" if series["canonical"] else "no",
                    series["kind"],
                    series["horizon"],
                    label,
                    _compact(point.get("raw", "")),
                    point.get("value", ""),
                    point.get("high") or "",
                    point.get("unit", ""),
                    point.get("qualifier") or "",
                    point.get("role", ""),
                    point.get("line", ""),
                    point.get("section_id", ""),
                    point.get("change_kind") or "",
                    point.get("change") or "",
                ]
            )
    return out.getvalue()


@renderer("track", "json")
def render_json(records: dict[str, Any], context: RenderContext) -> str:
    """JSON is the records themselves."""
    from reportdiff.render import to_json

    return to_json(records)


def _number(text: Any) -> float | None:
    try:
        return float(Decimal(str(text)))
    except (InvalidOperation, ValueError):
        return None


def _ticks(low: float, high: float) -> list[float]:
    """Round values (steps of 1, 2, 2.5 or 5 × 10ⁿ) spanning [low, high], at most five."""
    span = high - low or abs(high) or 1.0
    raw = span / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(f * magnitude for f in (1, 2, 2.5, 5, 10) if raw <= f * magnitude)
    first = math.ceil(low / step - 1e-9) * step
    ticks: list[float] = []
    value = first
    while value <= high + 1e-9 and len(ticks) < 6:
        ticks.append(round(value, 6))
        value += step
    return ticks


def _tick_label(value: float) -> str:
    """An axis value for people: 万/亿 for large counts and amounts."""
    for size, unit in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= size:
            return f"{value / size:g}{unit}"
    return f"{value:g}"


def chart(editions: list[str], lines: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """Geometry of one SVG line chart: x by edition, y by value; None when nothing to draw."""
    plotted = []
    values: list[float] = []
    for series in lines:
        points = []
        for point in series["points"]:
            low, high = _number(point["value"]), _number(point.get("high"))
            if low is None:
                continue
            points.append((editions.index(point["edition"]), low, high, point))
            values += [low] + ([high] if high is not None else [])
        if points:
            plotted.append((series, points))
    if not values:
        return None
    low, high = min(values), max(values)
    pad = (high - low) * 0.15 or max(abs(high) * 0.1, 0.5)
    low, high = low - pad, high + pad
    left, right, top, bottom = (_PLOT[k] for k in ("left", "right", "top", "bottom"))
    plot_w = CHART_WIDTH - left - right
    plot_h = CHART_HEIGHT - top - bottom
    step = plot_w / max(len(editions) - 1, 1)

    def x(k: int) -> float:
        return round(left + (k * step if len(editions) > 1 else plot_w / 2), 1)

    def y(v: float) -> float:
        return round(top + plot_h * (high - v) / (high - low), 1)

    shapes = []
    for series, points in plotted:
        segments = []
        for (k1, v1, _, _), (k2, v2, _, _) in zip(points, points[1:], strict=False):
            segments.append(
                {"x1": x(k1), "y1": y(v1), "x2": x(k2), "y2": y(v2), "gap": k2 - k1 > 1}
            )
        marks = [
            {
                "x": x(k),
                "y": y(v),
                "y_high": y(h) if h is not None else None,
                "raw": _compact(p["raw"]),
                "edition": p["edition"],
                "line": p["line"],
            }
            for k, v, h, p in points
        ]
        shapes.append({"kind": series["kind"], "segments": segments, "marks": marks})
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "shapes": shapes,
        "ticks": [{"y": y(t), "label": _tick_label(t)} for t in _ticks(low, high)],
        "axis": [{"x": x(k), "label": label} for k, label in enumerate(editions)],
        "left": left,
        "right": CHART_WIDTH - right,
        "bottom": CHART_HEIGHT - bottom,
        "top": top,
    }


def track_context(records: dict[str, Any], context: RenderContext) -> dict[str, Any]:
    """Everything the track templates need, derived from the track record only."""
    from reportdiff.errors import RenderError

    if records.get("schema") != "reportdiff.track/1":
        raise RenderError(f"a track page needs track records, got {records.get('schema')!r}")
    L = _labels(context)
    editions = [e["label"] for e in records["editions"]]
    charts = []
    by_indicator: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for series in records["series"]:
        if series["canonical"]:
            by_indicator.setdefault((series["indicator"], series["horizon"]), []).append(series)
    for (indicator, horizon), group in by_indicator.items():
        drawn = chart(editions, group)
        if drawn is not None and any(len(s["points"]) > 1 for s in group):
            charts.append(
                {
                    "indicator": indicator,
                    "horizon": horizon,
                    "name": group[0]["name"],
                    "chart": drawn,
                }
            )
    shown = [s for s in records["series"] if _shown(s)]
    return {
        "r": records,
        "L": L,
        "lang": context.lang,
        "editions": editions,
        "charts": charts,
        "series": shown,
        "hidden": len(records["series"]) - len(shown),
        "limit": LIST_LIMIT,
        "title": context.title or L["title"],
    }


def _template(context: RenderContext, name: str) -> Any:
    return jinja_env(context.template_dir, autoescape=True).get_template(name)


@renderer("track", "html")
def render_html(records: dict[str, Any], context: RenderContext) -> str:
    """One self-contained HTML page: inline CSS and SVG, no script."""
    page = _template(context, "track/track.html.j2")
    return str(page.render(**track_context(records, context), pdf=False))


@renderer("track", "pdf")
def render_pdf(records: dict[str, Any], context: RenderContext) -> bytes:
    """The HTML page typeset as an A4 PDF (same checks and fetch rules as memos)."""
    from reportdiff.render.memo import html_to_pdf

    page = _template(context, "track/track.html.j2")
    return html_to_pdf(str(page.render(**track_context(records, context), pdf=True)))


def render_summary_html(records: dict[str, Any], context: RenderContext) -> str:
    """A fragment for notebooks: editions, headline charts and tables (``Track._repr_html_``)."""
    page = _template(context, "track/summary.html.j2")
    return str(page.render(**track_context(records, context)))
