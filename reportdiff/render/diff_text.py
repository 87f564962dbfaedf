"""Terminal text rendering of diff records: counts, section map, changes with inline word diffs.

Inserted words are bracketed ``[+…+]`` and deleted ones ``[-…-]`` whether or not colour is on, so
the output stays readable in a pipe, a log or a file; on a terminal they are also green/red.
"""

from __future__ import annotations

from typing import Any

from reportdiff.records import Change, DiffRecord, SectionRef, condensed_kind
from reportdiff.render import RenderContext, jinja_env, renderer
from reportdiff.render.brief import clip
from reportdiff.render.labels import VERDICT_ORDER
from reportdiff.render.reasons import warnings

_COLOURS = {
    "bold": "\x1b[1m",
    "dim": "\x1b[2m",
    "reset": "\x1b[0m",
    "added": "\x1b[32m",
    "removed": "\x1b[31m",
    "changed": "\x1b[33m",
    "moved": "\x1b[36m",
    "ins": "\x1b[1;32m",
    "del": "\x1b[1;31m",
    "section": "\x1b[1;34m",
    "mark": "\x1b[1;35m",
}
#: Number shifts that say "same as before": counted, not listed, in the text view.
_QUIET_SHIFTS = frozenset({"unchanged", "agrees"})
_SIGNS = {"added": "+", "removed": "-", "changed": "~", "moved": ">"}
#: Words of the verdicts of last year's targets, in the shared order (labels.VERDICT_ORDER).
_VERDICT_WORDS = {
    "missed": "missed",
    "not_reported": "not reported",
    "met": "met",
    "exceeded": "exceeded",
    "n/a": "no verdict",
}
_VERDICTS = {name: _VERDICT_WORDS[name] for name in VERDICT_ORDER}


def _inline(ops: list[list[str]], colours: dict[str, str]) -> str:
    """Word ops as one line: equal text plain, deletions [-…-], insertions [+…+]."""
    parts: list[str] = []
    for op, text in ops:
        if op == "=":
            parts.append(text)
        elif op == "-":
            parts.append(f"{colours['del']}[-{text}-]{colours['reset']}")
        else:
            parts.append(f"{colours['ins']}[+{text}+]{colours['reset']}")
    return "".join(parts)


def _ref(side: SectionRef | None) -> str:
    if side is None:
        return "—"
    number = side.get("number") or ""
    return f"{side['id']} {number}{side['title']}".strip()


def _full_side_only(records: DiffRecord) -> str | None:
    """In summary mode, the change kind that only says "this full-report sentence is not in the
    summary" (the summary section lists what is left out, by section): not listed one by one."""
    summary = records.get("summary")
    return condensed_kind(summary["summary_side"] if summary else None)


def _change_rows(records: DiffRecord, colours: dict[str, str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    current: tuple[str, str] | None = None
    hidden = _full_side_only(records)
    for change in records["changes"]:
        if change["kind"] == hidden:
            continue
        side_name = "old" if change["new"] is None else "new"
        side = change["new"] or change["old"]
        assert side is not None
        key = (side_name, side["section_id"])
        if key != current:
            current = key
            rows.append(
                {
                    "header": True,
                    "side": side_name,
                    "section_id": side["section_id"],
                    "title": side["section_title"] or "—",
                }
            )
        kind = change["kind"]
        if kind in ("changed", "moved") and change["ops"]:
            text = _inline(change["ops"], colours)
        else:
            text = side["text"]
        origin = None
        if kind == "moved" and change["old"] is not None:
            origin = f"from old {change['old']['section_id']} L{change['old']['line']}"
        origin = "; ".join(o for o in (origin, _also(change)) if o) or None
        rows.append(
            {
                "header": False,
                "id": change["id"],
                "kind": kind,
                "sign": _SIGNS[kind],
                "line": side["line"],
                "old_line": change["old"]["line"] if change["old"] else None,
                "text": text,
                "commitment": change["commitment"],
                "origin": origin,
                "similarity": change["similarity"],
                "nearest": [
                    f"{'old' if side_name == 'new' else 'new'} L{near['line']}"
                    f" {clip(near['text'], NEAREST_CHARS)} ({near['similarity']:.2f})"
                    for near in change.get("nearest", [])[:NEAREST_SHOWN]
                ],
            }
        )
    return rows


#: How many of an added or removed commitment's nearest sentences the text view shows (the
#: JSON and the memo list them all), and how much of each.
NEAREST_SHOWN = 1
NEAREST_CHARS = 40


def _also(change: Change) -> str | None:
    """Where a change joins several sentences: ``merged from 2 old sentences: L10, L12``."""
    parts = []
    for first, further, words in (
        (change["old"], change.get("old_also") or [], "merged from {n} old sentences"),
        (change["new"], change.get("new_also") or [], "split into {n} new sentences"),
    ):
        if first is None or not further:
            continue
        lines = sorted({ref["line"] for ref in (first, *further)})
        where = ", ".join(f"L{line}" for line in lines)
        parts.append(f"{words.format(n=1 + len(further))}: {where}")
    return "; ".join(parts) or None


def _edition_warnings(records: DiffRecord) -> list[tuple[str, str]]:
    """Each edition's loading warnings as (side, text), old first."""
    return [
        (side, str(warning))
        for side in ("old", "new")
        for warning in (records["old"] if side == "old" else records["new"]).get("warnings") or []
    ]


def _outcome_rows(records: DiffRecord) -> list[dict[str, Any]]:
    """Last year's targets against this year's results, the verdicts a reader acts on first."""
    order = list(_VERDICTS)
    rows = [
        {
            "verdict": _VERDICTS.get(row["verdict"], row["verdict"]),
            "indicator": row["indicator"],
            "target": row["target"]["raw"],
            "outcome": row["outcome"]["raw"] if row["outcome"] else "—",
            "difference": row["difference"],
            "lines": "L{}{}".format(
                row["target"]["sentence"]["line"],
                f" → L{row['outcome']['sentence']['line']}" if row["outcome"] else "",
            ),
            "rank": order.index(row["verdict"]) if row["verdict"] in order else len(order),
        }
        for row in records.get("target_outcomes") or []
    ]
    return sorted(rows, key=lambda row: row["rank"])  # stable: the old edition's order within


def _verdict_counts(records: DiffRecord) -> str:
    counts = {name: 0 for name in _VERDICTS}
    for row in records.get("target_outcomes") or []:
        counts[row["verdict"]] = counts.get(row["verdict"], 0) + 1
    return " · ".join(
        f"{count} {_VERDICTS.get(name, name)}" for name, count in counts.items() if count
    )


@renderer("diff", "text")
def render_diff_text(records: DiffRecord, context: RenderContext) -> str:
    """The diff record as terminal text through ``templates/diff.txt.j2``."""
    colours = dict.fromkeys(_COLOURS, "")
    if context.color:
        colours.update(_COLOURS)
    section_rows = [
        {"status": p["status"], "old": _ref(p["old"]), "new": _ref(p["new"]), "score": p["score"]}
        for p in records["sections"]
        if p["status"] != "matched"
    ]
    shifts = [n for n in records["number_shifts"] if n["kind"] not in _QUIET_SHIFTS]
    template = jinja_env(context.template_dir, autoescape=False).get_template("diff.txt.j2")
    return str(
        template.render(
            r=records,
            stats=records["stats"],
            section_rows=section_rows,
            change_rows=_change_rows(records, colours),
            c=colours,
            warnings=warnings(records, "en"),  # the text view's words are English
            edition_warnings=_edition_warnings(records),
            outcome_rows=_outcome_rows(records),
            verdict_counts=_verdict_counts(records),
            also_old=records["stats"]["changes"].get("also_old", 0),
            also_new=records["stats"]["changes"].get("also_new", 0),
            shifts=shifts,
            quiet_shifts=len(records["number_shifts"]) - len(shifts),
            hidden_kind=_full_side_only(records),
            hidden=sum(1 for ch in records["changes"] if ch["kind"] == _full_side_only(records)),
        )
    )
