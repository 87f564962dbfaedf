"""The pipeline: load → outline → align → diff → numbers, gathered into one :class:`Comparison`.

``Comparison.as_records()`` is the canonical diff record (schema ``reportdiff.diff/1``, documented
in ``reportdiff/schemas/diff.schema.json``); every diff output format derives from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reportdiff.align import SectionAlignment, align_sections
from reportdiff.diff import SentenceDiff, diff_sentences
from reportdiff.model import Outline, SectionKind
from reportdiff.numbers import (
    NumberComparison,
    NumberList,
    compare_with_outcomes,
    count_changes,
    list_numbers,
)
from reportdiff.options import Options
from reportdiff.records import condensed_kind
from reportdiff.summary import SummaryAlignment, align_summary, grounds_text, summary_grounds
from reportdiff.text import fold

__all__ = ["SCHEMA", "Comparison", "compare", "compare_files"]

SCHEMA = "reportdiff.diff/1"


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything known about how ``new`` differs from ``old``."""

    old: Outline
    new: Outline
    mode: Literal["editions", "summary"]
    alignment: SectionAlignment
    diff: SentenceDiff
    number_shifts: tuple[Any, ...]
    """Objects with ``as_record()`` (:class:`reportdiff.numbers.NumberShift`)."""
    target_outcomes: tuple[Any, ...] = ()
    """Last year's targets against this year's results (``reportdiff.numbers.TargetOutcome``)."""
    summary: SummaryAlignment | None = None
    summary_side: Literal["old", "new"] | None = None
    mode_note: str | None = None
    """Why this mode was chosen, with the figures."""
    mode_reason: Reason | None = None
    """The same as a code with its figures (``mode_reason`` in the record)."""
    warning_reasons: tuple[Reason, ...] = ()
    """What a reader must know about the comparison as a whole (two documents that look
    unrelated), beside each edition's own warnings."""

    @property
    def warnings(self) -> tuple[str, ...]:
        """The warnings' English wording (the record's ``warnings``)."""
        return tuple(reason.text for reason in self.warning_reasons)

    @property
    def differs(self) -> bool:
        """True when content changed (``diff --exit-code``): a sentence, or a heading added or
        removed. Sections only regrouped (split, merged, moved, renumbered) with every sentence
        unchanged are the same content."""
        return bool(self.diff.changes) or any(
            pair.status.value in ("added", "removed") for pair in self.alignment.pairs
        )

    def as_records(self) -> dict[str, Any]:
        """The canonical, JSON-safe diff record (see ``reportdiff/schemas/diff.schema.json``)."""
        changes = [change.as_record() for change in self.diff.changes]
        commitments = {"added": 0, "removed": 0, "changed": 0}
        for change in self.diff.changes:
            if change.commitment and change.kind in commitments:
                commitments[change.kind] += 1
        summary = None
        if self.summary is not None and self.summary_side is not None:
            summary = self.summary.as_record(self.summary_side)
        return {
            "schema": SCHEMA,
            "mode": self.mode,
            "mode_note": self.mode_note,
            "mode_reason": self.mode_reason.as_record() if self.mode_reason else None,
            "warnings": list(self.warnings),
            "warning_reasons": [reason.as_record() for reason in self.warning_reasons],
            "old": _edition(self.old, self.diff.old_count),
            "new": _edition(self.new, self.diff.new_count),
            "sections": self.alignment.as_records(),
            "changes": changes,
            "unchanged": [
                {"old": old.as_record(), "new": new.as_record()} for old, new in self.diff.unchanged
            ],
            "rejoined": [
                {"old": [ref.as_record() for ref in olds], "new": [ref.as_record() for ref in news]}
                for olds, news in self.diff.rejoined
            ],
            "new_formulations": [f.as_record() for f in self.diff.new_formulations],
            "number_shifts": [shift.as_record() for shift in self.number_shifts],
            "target_outcomes": [row.as_record() for row in self.target_outcomes],
            "summary": summary,
            "stats": {
                "sections": self.alignment.stats(),
                "changes": self.diff.counts(),
                "commitments": commitments,
                "number_shifts": count_changes(self.number_shifts),
                "by_section": _by_section(self.diff),
                "relatedness": relatedness(self.diff, self.alignment),
            },
        }


def _title_details(outline: Outline) -> str | None:
    """What the title block says besides the title: date, meeting, issuing body."""
    title = fold(outline.title or "")
    lines = [
        s.text
        for section in outline.iter_sections()
        if section.kind == SectionKind.TITLE_BLOCK
        for s in section.sentences
    ]
    rest = [line for line in lines if not (title and fold(line) and fold(line) in title)]
    return " ".join(rest) or None


def _edition(outline: Outline, sentences: int) -> dict[str, Any]:
    return {
        "path": outline.document.source,
        "title": outline.title,
        "details": _title_details(outline),
        "format": outline.document.fmt,
        "sections": sum(1 for _ in outline.iter_sections()),
        "sentences": sentences,
        "warnings": list(outline.document.warnings),
    }


def _by_section(diff: SentenceDiff) -> list[dict[str, Any]]:
    """Change counts per section, in the order the sections first appear among the changes.

    Added, changed and moved sentences count for their new section, removed ones for their old
    section (``side`` tells which edition the ``section_id`` belongs to).
    """
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for change in diff.changes:
        side, ref = ("old", change.old) if change.new is None else ("new", change.new)
        assert ref is not None
        key = (side, ref.section.id)
        if key not in rows:
            rows[key] = {
                "section_id": ref.section.id,
                "title": ref.section.title,
                "side": side,
                "added": 0,
                "removed": 0,
                "changed": 0,
                "moved": 0,
            }
        rows[key][change.kind] += 1
    return list(rows.values())


@dataclass(frozen=True, slots=True)
class Reason:
    """A note or warning as a code with its figures, so that a renderer can word it in any
    language; ``text`` is its English wording (the record's ``mode_note`` or ``warnings`` entry)."""

    code: str
    params: tuple[tuple[str, Any], ...]
    text: str

    def as_record(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}


def choose_mode(
    old: Outline, new: Outline, *, options: Options
) -> tuple[
    Literal["editions", "summary"],
    SummaryAlignment | None,
    Literal["old", "new"] | None,
    Reason,
]:
    """Decide editions or summary mode; returns (mode, summary mapping, summary side, reason).

    ``--mode auto`` takes a side that calls itself 摘要 (or is far shorter) for a summary, but only
    keeps summary mode when the other side really is the text it condenses: when fewer than
    ``options.summary_min_support`` of the summary's statements are found there (a summary of this
    year against last year's full report, say), the two are compared as editions instead. The
    reason always says why, with the figures (codes: ``editions_given``, ``no_summary_side``,
    ``summary_unsupported``, ``summary``, ``summary_given``; ``grounds`` from
    :func:`reportdiff.summary.summary_grounds`).
    """
    if options.mode == "editions":
        return "editions", None, None, Reason("editions_given", (), _EDITIONS_GIVEN)
    side, grounds = summary_grounds(old, new)
    evidence = grounds_text(grounds)
    side_taken = side is None
    if side is None:
        if options.mode == "auto":
            text = f"compared as editions: {evidence}"
            return "editions", None, None, Reason("no_summary_side", (("grounds", grounds),), text)
        side = "new"
        evidence = f"--mode summary was given ({evidence}; the new side taken as the summary)"
    summary_outline, full_outline = (old, new) if side == "old" else (new, old)
    summary = align_summary(summary_outline, full_outline, options=options)
    total = len(summary.statements) + len(summary.unsupported)
    support = len(summary.statements) / total if total else 0.0
    found = (
        f"{support:.0%} of its statements ({len(summary.statements)} of {total}) are found in "
        f"{full_outline.document.source}"
    )
    params: tuple[tuple[str, Any], ...] = (
        ("grounds", grounds),
        ("summary", summary_outline.document.source),
        ("full", full_outline.document.source),
        ("found", len(summary.statements)),
        ("total", total),
    )
    if options.mode == "auto" and support < options.summary_min_support:
        name = summary_outline.document.source
        note = (
            f"{name} reads as a summary ({evidence}), but only {found}; compared as editions "
            "(use --mode summary to force a summary comparison)"
        )
        return "editions", None, None, Reason("summary_unsupported", params, note)
    code = "summary"
    if options.mode == "summary":
        code = "summary_given"
        params += (("side_taken", side_taken),)
        if not evidence.startswith("--mode"):
            evidence = f"--mode summary was given ({evidence})"
    note = f"compared in summary mode: {evidence}, and {found}"
    return "summary", summary, side, Reason(code, params, note)


_EDITIONS_GIVEN = "compared as editions: --mode editions was given"


#: Two documents look unrelated when fewer than this share of the smaller one's sentences has a
#: counterpart (unchanged, reworded or moved) in the other. Measured: consecutive editions of a
#: report pair 41–44% (national 2008 → 2009, Hubei 2025 → 2026), even two provinces' reports 25%;
#: a district plan against a compilation of bureau reports 8%, two districts' reports 2%.
RELATED_SHARE = 0.15


def relatedness(diff: SentenceDiff, alignment: SectionAlignment) -> dict[str, int]:
    """How much two documents share: sentences with a counterpart (of the smaller edition's),
    body sections paired (of the smaller edition's; title block, salutation, preamble and table
    of contents left out)."""
    counts = diff.counts()
    ordinary = ("title_block", "salutation", "preamble", "toc")
    old_ids = {p.old.id for p in alignment.pairs if p.old and p.old.kind.value not in ordinary}
    new_ids = {p.new.id for p in alignment.pairs if p.new and p.new.kind.value not in ordinary}
    body = [p for p in alignment.pairs if p.old and p.new and p.old.kind.value not in ordinary]
    paired = min(len({p.old.id for p in body if p.old}), len({p.new.id for p in body if p.new}))
    return {
        "paired_sentences": counts["unchanged"] + counts["changed"] + counts["moved"],
        "sentences": min(diff.old_count, diff.new_count),
        "paired_sections": paired,
        "sections": min(len(old_ids), len(new_ids)),
    }


def _unrelated_warning(figures: dict[str, int]) -> Reason | None:
    if not figures["sentences"]:
        return None
    share = figures["paired_sentences"] / figures["sentences"]
    if share >= RELATED_SHARE:
        return None
    text = (
        f"the two documents look unrelated: only {figures['paired_sentences']} of "
        f"{figures['sentences']} sentences ({share:.0%}) and {figures['paired_sections']} of "
        f"{figures['sections']} sections have a counterpart in the other (editions of one report "
        "share 40% or more); "
        "read the changes below as two different texts"
    )
    return Reason("unrelated_documents", tuple(sorted(figures.items())), text)


def compare(
    old: Outline, new: Outline, *, options: Options, earlier: Sequence[Outline] = ()
) -> Comparison:
    """Compare two outlines: section map, sentence diff, number shifts (and summary mapping).
    ``earlier`` editions are the background 新提法 are scored against, besides ``old``."""
    mode, summary, side, reason = choose_mode(old, new, options=options)
    alignment = align_sections(old, new, options=options)
    background = [
        s.text for outline in earlier for sec in outline.iter_sections() for s in sec.sentences
    ]
    # 新提法 of a full report against its summary would be everything the summary leaves out;
    # so would the full report's sentences missing from the summary, which need no nearest.
    diff = diff_sentences(
        old,
        new,
        alignment,
        options=options,
        formulations=side != "old",
        background=background,
        condensed=condensed_kind(side),
    )
    numbers = compare_with_outcomes(old, new, options=options, alignment=alignment, mode=mode)
    warnings = tuple(w for w in (_unrelated_warning(relatedness(diff, alignment)),) if w)
    return Comparison(
        old=old,
        new=new,
        mode=mode,
        alignment=alignment,
        diff=diff,
        number_shifts=numbers.shifts,
        target_outcomes=numbers.outcomes,
        summary=summary,
        summary_side=side,
        mode_note=reason.text,
        mode_reason=reason,
        warning_reasons=warnings,
    )


def compare_files(old_path: str, new_path: str, *, options: Options) -> Comparison:
    """Load, outline and compare two files (``-`` is standard input, for one of them)."""
    from reportdiff.load import load
    from reportdiff.outline import build_outline

    old = build_outline(load(old_path, options=options), options=options)
    new = build_outline(load(new_path, options=options), options=options)
    earlier = [build_outline(load(p, options=options), options=options) for p in options.background]
    return compare(old, new, options=options, earlier=earlier)


def number_report(
    path: str, new_path: str | None = None, *, options: Options
) -> NumberList | NumberComparison:
    """``reportdiff numbers``: one report's numbers, or with ``new_path`` how they shifted.

    With two files the mode is chosen as :func:`compare` chooses it.
    """
    from reportdiff.load import load
    from reportdiff.outline import build_outline

    old = build_outline(load(path, options=options), options=options)
    if new_path is None:
        return list_numbers(old, options=options)
    new = build_outline(load(new_path, options=options), options=options)
    mode = choose_mode(old, new, options=options)[0]
    return compare_with_outcomes(old, new, options=options, mode=mode)
