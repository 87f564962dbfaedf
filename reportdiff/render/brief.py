"""The memo's brief: what a reviewer reads first, derived from the diff record only.

A year-over-year pair of real reports differs in most of its sentences (the 2014 → 2015 national
reports share 17 of some 520), so listing every change buries what matters. The brief says in a
few generated sentences what kind of comparison this is and how much changed, then shows the
headline numbers, the most salient new and dropped commitments, new formulations and a compact
map of the chapters. Everything here is a pure function of the record, so the brief is as
deterministic as the record.

Salience of a commitment (a sentence the diff marked as a new or dropped commitment) is the sum of

* **heading** +2 when the sentence is its section's own heading or lead sentence (a headline
  task such as 「加快发展新质生产力」), +1 when its whole section is new or dropped;
* **policy terms** +0.5 for each distinct term of the policy vocabulary it holds (at most +1.5);
* **numbers** +1 when it holds a figure, +1 more when a number shift of the record cites it;
* **new formulation** +1 when it carries a 新提法;
* **length** +1 per 100 characters (at most +1): a substantive sentence outranks a stub.

Ties keep document order. The score is shown with each commitment in the memo's appendix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from reportdiff.grammar import YEAR, policy_terms, strip_labels
from reportdiff.records import Change, DiffRecord, NumberShift, Quantity, SentenceRef
from reportdiff.render.labels import VERDICT_ORDER

#: How many rows each part of the one-page brief shows (the demo's brief fills A4 page 1 with
#: these: four targets and three outcomes overflowed it by a chapter row).
BRIEF_COMMITMENTS = 5
BRIEF_TARGETS = 3
BRIEF_OUTCOMES = 3
BRIEF_FORMULATIONS = 12
BRIEF_CHAPTERS = 6
#: Characters of a commitment shown in the brief before it is cut (the appendix has it whole).
BRIEF_CHARS = 40

_DIGIT = re.compile(r"\d")
_TARGET_KINDS = ("value_changed", "qualifier_changed", "unit_changed")


@dataclass(frozen=True, slots=True)
class Ranked:
    """A change with its salience score and the parts the score is made of."""

    change: Change
    score: float
    parts: tuple[tuple[str, float], ...]

    @property
    def ref(self) -> SentenceRef:
        side = self.change["new"] if self.change["new"] is not None else self.change["old"]
        assert side is not None
        return side


def _cited_sentences(records: DiffRecord) -> set[tuple[str, int, str]]:
    cited = set()
    for shift in records["number_shifts"]:
        for side, ref in (("old", shift["old_sentence"]), ("new", shift["new_sentence"])):
            if ref is not None:
                cited.add((side, ref["line"], ref["text"]))
    return cited


def _whole_sections(records: DiffRecord) -> set[tuple[str, str]]:
    """(side, section id) of sections that are new or dropped as a whole."""
    out = set()
    for pair in records["sections"]:
        if pair["status"] == "added" and pair["new"]:
            out.add(("new", pair["new"]["id"]))
        elif pair["status"] == "removed" and pair["old"]:
            out.add(("old", pair["old"]["id"]))
    return out


def salience(records: DiffRecord, kind: str) -> list[Ranked]:
    """The ``kind`` (added / removed) commitments of the record, most salient first."""
    terms = policy_terms()
    cited = _cited_sentences(records)
    whole = _whole_sections(records)
    formulation_lines = {(f["new"]["line"], f["new"]["text"]) for f in records["new_formulations"]}
    side = "new" if kind == "added" else "old"
    ranked = []
    for order, change in enumerate(records["changes"]):
        if change["kind"] != kind or not change["commitment"]:
            continue
        ref = change["new"] if side == "new" else change["old"]
        assert ref is not None
        text = ref["text"]
        parts: list[tuple[str, float]] = []
        if strip_labels(text).rstrip("。；;") == strip_labels(ref["section_title"] or ""):
            parts.append(("heading", 2.0))
        elif (side, ref["section_id"]) in whole:
            parts.append(("section", 1.0))
        found = sum(1 for term in terms if term in text)
        if found:
            parts.append(("policy terms", min(0.5 * found, 1.5)))
        if _DIGIT.search(text):
            parts.append(("numbers", 2.0 if (side, ref["line"], text) in cited else 1.0))
        if side == "new" and (ref["line"], text) in formulation_lines:
            parts.append(("new formulation", 1.0))
        parts.append(("length", round(min(len(text) / 100, 1.0), 2)))
        score = round(sum(value for _, value in parts), 2)
        ranked.append((-score, order, Ranked(change, score, tuple(parts))))
    return [item for *_, item in sorted(ranked, key=lambda t: (t[0], t[1]))]


def headline_shifts(records: DiffRecord) -> tuple[list[NumberShift], list[NumberShift]]:
    """Targets that changed, and last year's targets against this year's outcomes.

    Confident pairings first (score ≥ 0.9), growth rates (percentages) before amounts, then the
    new edition's order, where the year's main targets come in one early paragraph.
    """

    def key(shift: NumberShift) -> tuple[int, int, int]:
        new = shift["new_sentence"] or shift["old_sentence"]
        quantity = shift["new"] or shift["old"]
        percent = quantity is not None and quantity["kind"] == "percent"
        return (0 if shift["score"] >= 0.9 else 1, 0 if percent else 1, new["line"] if new else 0)

    targets = [
        s
        for s in records["number_shifts"]
        if s["kind"] in _TARGET_KINDS and _role(s["old"]) == "target"
    ]
    outcomes = [
        s
        for s in records["number_shifts"]
        if s["kind"] == "outcome_vs_target"
        and _role(s["old"]) == "target"
        and _role(s["new"]) == "outcome"
    ]
    return sorted(targets, key=key), sorted(outcomes, key=key)


def target_outcome_rows(records: DiffRecord, labels: dict[str, str]) -> list[NumberShift]:
    """Last year's targets against this year's results (the record's ``target_outcomes``) as rows
    of the brief's number table: judged verdicts first (missed, not reported, exceeded, met; then
    those the indicator cannot judge), growth rates before amounts, then the old edition's order;
    the change column says the verdict and by how much."""
    rows = []
    for i, row in enumerate(records.get("target_outcomes") or []):
        target, outcome = row["target"], row["outcome"]
        verdict = labels.get(f"verdict_{row['verdict']}", "")
        change = labels["clause_sep"].join(t for t in (verdict, row["difference"] or "") if t)
        shift: NumberShift = {
            "indicator": row["indicator"],
            "kind": "outcome_vs_target",
            "old": cast(Quantity, target),
            "new": cast(Quantity | None, outcome),
            "change": change or None,
            "old_sentence": target["sentence"],
            "new_sentence": outcome["sentence"] if outcome else None,
            "score": row["score"],
        }
        rank = VERDICT_ORDER.index(row["verdict"]) if row["verdict"] in VERDICT_ORDER else 9
        rows.append((rank, 0 if target["kind"] == "percent" else 1, i, shift))
    return [shift for *_, shift in sorted(rows, key=lambda r: r[:3])]


def _role(quantity: Any) -> str | None:
    return None if quantity is None else str(quantity["role"])


def years(records: DiffRecord, side: str) -> str | None:
    """The edition's year as its title (or title block, or file name) gives it, e.g. ``2026``."""
    edition = records["old"] if side == "old" else records["new"]
    for text in (edition["title"], edition.get("details"), edition["path"].rsplit("/", 1)[-1]):
        found = YEAR.search(text or "")
        if found:
            return found.group().strip()
    return None


def clip(text: str, limit: int = BRIEF_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (whole when it fits).

    >>> clip("推进城市更新", 4)
    '推进城…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chapter_map(records: DiffRecord) -> list[dict[str, Any]]:
    """The top-level chapters of both editions, paired, with the changes under each.

    A change counts for the chapter that holds it: added, changed and moved sentences for their
    new chapter, removed ones for their old chapter (sections ``2.3.1`` → chapter ``2``).
    """
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for row in records["stats"]["by_section"]:
        chapter = (row["side"], row["section_id"].split(".", 1)[0])
        bucket = counts.setdefault(
            chapter, dict.fromkeys(("added", "removed", "changed", "moved"), 0)
        )
        for kind, n in (
            ("added", row["added"]),
            ("removed", row["removed"]),
            ("changed", row["changed"]),
            ("moved", row["moved"]),
        ):
            bucket[kind] += n
    rows = []
    for pair in records["sections"]:
        old, new = pair["old"], pair["new"]
        if any(ref is not None and "." in ref["id"] for ref in (old, new)):
            continue
        tally = dict.fromkeys(("added", "removed", "changed", "moved"), 0)
        for side, ref in (("old", old), ("new", new)):
            if ref is not None:
                for kind, n in counts.get((side, ref["id"]), {}).items():
                    tally[kind] += n
        rows.append({"old": old, "new": new, "status": pair["status"], **tally})
    return rows


def brief_chapters(rows: list[dict[str, Any]], n: int = BRIEF_CHAPTERS) -> list[dict[str, Any]]:
    """The chapter map as the brief shows it: chapters where something changed, at most ``n``
    (the busiest), in document order; the appendix's section map has them all."""
    changed = [r for r in rows if _total(r) or r["status"] != "matched"]
    keep = {id(r) for r in sorted(changed, key=lambda r: -_total(r))[:n]}
    return [r for r in changed if id(r) in keep]


def _total(row: dict[str, Any]) -> int:
    return int(row["added"] + row["removed"] + row["changed"] + row["moved"])


def most_changed_chapters(rows: Iterable[dict[str, Any]], n: int = 2) -> list[dict[str, Any]]:
    """The ``n`` chapters with most changed sentences (ties: document order)."""
    scored = [
        (-(r["added"] + r["removed"] + r["changed"] + r["moved"]), i, r)
        for i, r in enumerate(rows)
        if r["added"] + r["removed"] + r["changed"] + r["moved"]
    ]
    return [r for *_, r in sorted(scored, key=lambda t: (t[0], t[1]))[:n]]
