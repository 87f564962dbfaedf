"""Text and CSV output of ``reportdiff.numbers/1`` records: one report's indicators, or the shifts
between two editions (the records carry ``indicators`` or ``shifts``; JSON is the generic renderer).

Readers scan these lists for the figures first, so each line leads with the number and its
qualifier, then what it measures, then where it stands (lines of the input as the user has it).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from reportdiff.render import RenderContext, renderer

_RESET = "\033[0m"
_STYLES = {"old": "\033[31m", "new": "\033[32m", "kind": "\033[1m", "dim": "\033[2m"}

_KIND_LABELS = {
    "zh": {
        "value_changed": "数值变化",
        "qualifier_changed": "限定词变化",
        "unit_changed": "单位变化",
        "disagrees": "不一致",
        "outcome_vs_target": "实绩对目标",
        "added": "新增",
        "dropped": "删去",
        "agrees": "一致",
        "unchanged": "未变",
        "target": "目标",
        "outcome": "实绩",
        "target_outcomes": "去年目标完成情况",
        "met": "完成",
        "exceeded": "超额完成",
        "missed": "未完成",
        "n/a": "无法判断",
        "not_reported": "未报告",
        "five-year": "五年",
    },
    "en": {
        "value_changed": "value changed",
        "qualifier_changed": "qualifier changed",
        "unit_changed": "unit changed",
        "disagrees": "disagrees",
        "outcome_vs_target": "outcome vs target",
        "added": "added",
        "dropped": "dropped",
        "agrees": "agrees",
        "unchanged": "unchanged",
        "target": "target",
        "outcome": "outcome",
        "target_outcomes": "last year's targets and how they turned out",
        "met": "met",
        "exceeded": "exceeded",
        "missed": "missed",
        "n/a": "n/a",
        "not_reported": "not reported",
        "five-year": "five-year",
    },
}


def _paint(text: str, style: str, context: RenderContext) -> str:
    return f"{_STYLES[style]}{text}{_RESET}" if context.color else text


def _label(key: str, context: RenderContext) -> str:
    return _KIND_LABELS.get(context.lang, _KIND_LABELS["en"]).get(key, key)


def _raw(side: dict[str, Any] | None) -> str:
    return "".join(str(side["raw"]).split()) if side else "—"


@renderer("numbers", "text")
def render_text(records: dict[str, Any], context: RenderContext) -> str:
    """Indicators one a line (listing), or shifts grouped by kind (comparison)."""
    if "shifts" in records:
        return _shifts_text(records, context)
    lines: list[str] = []
    stats = records["stats"]
    lines.append(
        f"{records['source']}: {stats['indicators']} numbers "
        f"({stats.get('target', 0)} {_label('target', context)}, "
        f"{stats.get('outcome', 0)} {_label('outcome', context)})"
    )
    section = None
    for item in records["indicators"]:
        if item["section_id"] != section:
            section = item["section_id"]
            title = item["section_title"] or ""
            lines.append("")
            lines.append(
                _paint(
                    f"§{section} {title}".rstrip() if section else "(before the first heading)",
                    "dim",
                    context,
                )
            )
        quantity = item["quantity"]
        horizon = f" ({_label('five-year', context)})" if item["horizon"] == "five-year" else ""
        lines.append(
            f"  L{item['line']:<5} {_label(item['role'], context)}  "
            f"{_paint(_raw(quantity), 'kind', context)}  {item['key']}{horizon}"
        )
    return "\n".join(lines) + "\n"


def _shifts_text(records: dict[str, Any], context: RenderContext) -> str:
    """Shifts grouped by kind (the count is of shifted numbers only: unchanged ones are listed
    last, not counted), then last year's targets against this year's results."""
    lines = [
        f"{records['old']['path']} → {records['new']['path']}: "
        f"{records['stats']['changed']} number shifts"
    ]
    kind = None
    for shift in records["shifts"]:
        if shift["kind"] != kind:
            kind = shift["kind"]
            lines.append("")
            lines.append(_paint(f"{_label(kind, context)}:", "kind", context))
        old, new = shift["old"], shift["new"]
        where = []
        if shift["old_sentence"]:
            where.append(f"L{shift['old_sentence']['line']}")
        if shift["new_sentence"]:
            where.append(f"L{shift['new_sentence']['line']}")
        change = f"  ({shift['change']})" if shift["change"] else ""
        lines.append(
            f"  {shift['indicator']}: {_paint(_raw(old), 'old', context)} → "
            f"{_paint(_raw(new), 'new', context)}{change}  [{' → '.join(where)}]"
        )
    if records.get("target_outcomes"):
        lines.append("")
        lines.append(_paint(f"{_label('target_outcomes', context)}:", "kind", context))
        for row in records["target_outcomes"]:
            target, outcome = row["target"], row["outcome"]
            where = [f"L{target['sentence']['line']}"]
            if outcome:
                where.append(f"L{outcome['sentence']['line']}")
            difference = f", {row['difference']}" if row["difference"] else ""
            lines.append(
                f"  {row['indicator']}: {_paint(_raw(target), 'old', context)} → "
                f"{_paint(_raw(outcome), 'new', context)}  "
                f"({_label(row['verdict'], context)}{difference})  [{' → '.join(where)}]"
            )
    if records.get("target_outcomes_note"):
        lines.append("")
        lines.append(
            _paint(f"{_label('target_outcomes', context)}: ", "kind", context)
            + records["target_outcomes_note"]
        )
    return "\n".join(lines) + "\n"


_LIST_COLUMNS = (
    "line",
    "section_id",
    "section_title",
    "role",
    "horizon",
    "indicator_id",
    "name_source",
    "key",
    "raw",
    "value",
    "high",
    "unit",
    "qualifier",
    "kind",
    "sentence",
)
_SHIFT_COLUMNS = (
    "kind",
    "indicator",
    "indicator_id",
    "change",
    "old_raw",
    "old_value",
    "old_unit",
    "old_qualifier",
    "old_role",
    "old_line",
    "old_section_id",
    "new_raw",
    "new_value",
    "new_unit",
    "new_qualifier",
    "new_role",
    "new_line",
    "new_section_id",
)


def _csv_side(quantity: dict[str, Any] | None, sentence: dict[str, Any] | None) -> list[Any]:
    quantity = quantity or {}
    sentence = sentence or {}
    return [
        quantity.get("raw", ""),
        quantity.get("value", ""),
        quantity.get("unit", ""),
        quantity.get("qualifier") or "",
        quantity.get("role", ""),
        sentence.get("line", ""),
        sentence.get("section_id", ""),
    ]


@renderer("numbers", "csv")
def render_csv(records: dict[str, Any], context: RenderContext) -> str:
    """One row per indicator or per shift, for spreadsheets (UTF-8, a header row)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if "shifts" in records:
        # Shifts, then the target → outcome rows (kind ``target_outcome:<verdict>``; old = last
        # year's target, new = this year's result, change = the result against the target).
        writer.writerow(_SHIFT_COLUMNS)
        for shift in records["shifts"]:
            writer.writerow(
                [
                    shift["kind"],
                    shift["indicator"],
                    shift["indicator_id"] or "",
                    shift["change"] or "",
                ]
                + _csv_side(shift["old"], shift["old_sentence"])
                + _csv_side(shift["new"], shift["new_sentence"])
            )
        for row in records.get("target_outcomes", ()):
            outcome = row["outcome"]
            writer.writerow(
                [
                    f"target_outcome:{row['verdict']}",
                    row["indicator"],
                    row["indicator_id"] or "",
                    row["difference"] or "",
                ]
                + _csv_side(row["target"], row["target"]["sentence"])
                + _csv_side(outcome, outcome["sentence"] if outcome else None)
            )
        return out.getvalue()
    writer.writerow(_LIST_COLUMNS)
    for item in records["indicators"]:
        quantity = item["quantity"]
        writer.writerow(
            [
                item["line"],
                item["section_id"],
                item["section_title"],
                item["role"],
                item["horizon"],
                item["indicator_id"] or "",
                item["name_source"],
                item["key"],
                quantity["raw"],
                quantity["value"],
                quantity["high"] or "",
                quantity["unit"],
                quantity["qualifier"] or "",
                quantity["kind"],
                item["sentence"],
            ]
        )
    return out.getvalue()
