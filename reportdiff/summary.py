"""Summary mode: which side of a pair is a summary, and what each of its statements condenses.

A 摘要 restates the full report in fewer words: each summary heading, headline and sentence is
mapped to the full-report sentences it condenses (one-to-many). Candidates come from a
character-bigram index; sources are then chosen greedily by how much of the statement they account
for in shared runs of 3+ characters (any order), each character weighted by the rarity of its
bigram so that stock phrases count little.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from reportdiff.align.records import section_ref
from reportdiff.grammar import SUMMARY_MARK, strip_labels
from reportdiff.model import Outline, Section, SectionKind, Sentence
from reportdiff.options import Options
from reportdiff.text import fold

__all__ = [
    "SUMMARY_SIZE_RATIO",
    "SummaryAlignment",
    "SummarySource",
    "SummaryStatement",
    "align_summary",
    "detect_mode",
    "grounds_text",
    "summary_evidence",
    "summary_grounds",
    "summary_side",
]


def _calls_itself_summary(outline: Outline) -> bool:
    head = [outline.title or ""]
    head.extend(block.text for block in outline.document.blocks[:12])
    return any(SUMMARY_MARK.search(text) and len(text) <= 40 for text in head)


def _size(outline: Outline) -> int:
    return sum(len(s.text) for sec in outline.iter_sections() for s in sec.sentences) or len(
        outline.document.text
    )


#: One side is "far shorter" when it has less than this share of the other's text.
SUMMARY_SIZE_RATIO = 0.25


def summary_side(old: Outline, new: Outline) -> Literal["old", "new"] | None:
    """Which side is a summary of the other: a side that calls itself 摘要, else one far shorter."""
    return summary_evidence(old, new)[0]


def summary_grounds(
    old: Outline, new: Outline
) -> tuple[Literal["old", "new"] | None, dict[str, Any]]:
    """:func:`summary_side` and why, as a code with its figures (``mode_reason`` in the record):
    ``calls_itself_summary`` / ``far_shorter`` (with the ``path`` of that side), else
    ``both_call_themselves_summary`` / ``neither_calls_itself_summary``; always the sizes."""
    old_says, new_says = _calls_itself_summary(old), _calls_itself_summary(new)
    sizes = {"old_chars": _size(old), "new_chars": _size(new)}
    if old_says != new_says:
        named = old if old_says else new
        side: Literal["old", "new"] = "old" if old_says else "new"
        return side, {"code": "calls_itself_summary", "path": named.document.source, **sizes}
    for side, shorter, other in (("old", old, new), ("new", new, old)):
        if _size(shorter) < SUMMARY_SIZE_RATIO * _size(other):
            return side, {"code": "far_shorter", "path": shorter.document.source, **sizes}
    both = "both_call_themselves_summary" if old_says else "neither_calls_itself_summary"
    return None, {"code": both, **sizes}


def grounds_text(grounds: dict[str, Any]) -> str:
    """The English words of :func:`summary_grounds` (``mode_note``)."""
    sizes = f"{grounds['old_chars']:,} and {grounds['new_chars']:,} characters of text"
    if grounds["code"] == "calls_itself_summary":
        return f"{grounds['path']} calls itself a summary (摘要)"
    if grounds["code"] == "far_shorter":
        return f"{grounds['path']} is far shorter than the other side ({sizes})"
    both = (
        "both call themselves a summary"
        if grounds["code"] == "both_call_themselves_summary"
        else "neither calls itself a summary"
    )
    return f"{both} and their sizes are comparable ({sizes})"


def summary_evidence(old: Outline, new: Outline) -> tuple[Literal["old", "new"] | None, str]:
    """:func:`summary_side` and why, in words a reader can check (``mode_note``)."""
    side, grounds = summary_grounds(old, new)
    return side, grounds_text(grounds)


def detect_mode(old: Outline, new: Outline) -> Literal["editions", "summary"]:
    """``summary`` when one side is a summary of the other (see :func:`summary_side`)."""
    return "summary" if summary_side(old, new) is not None else "editions"


@dataclass(frozen=True, slots=True)
class SummarySource:
    """A full-report sentence a summary statement draws on."""

    sentence: Sentence
    section: Section
    score: float
    """Share of the statement this sentence accounts for (characters in common runs of 3+,
    weighted by how rare they are in the full report), 0..1."""

    def as_record(self) -> dict[str, Any]:
        return {**_sentence_ref(self.section, self.sentence), "score": round(self.score, 3)}


@dataclass(frozen=True, slots=True)
class SummaryStatement:
    """A summary sentence or headline and the full-report sentences it condenses."""

    sentence: Sentence
    section: Section
    heading: bool
    """True when the statement is a heading or headline item rather than a prose sentence."""
    sources: tuple[SummarySource, ...]
    coverage: float
    """Share of the statement its sources account for together (weighted as ``score``), 0..1."""

    def as_record(self) -> dict[str, Any]:
        return {
            "summary": _sentence_ref(self.section, self.sentence),
            "heading": self.heading,
            "coverage": round(self.coverage, 3),
            "sources": [source.as_record() for source in self.sources],
        }


def _sentence_ref(section: Section, sentence: Sentence) -> dict[str, Any]:
    return {
        "section_id": section.id,
        "section_title": section.title,
        "text": sentence.text,
        "line": sentence.line,
    }


@dataclass(frozen=True, slots=True)
class SummaryAlignment:
    """How a summary maps onto the full report it condenses."""

    statements: tuple[SummaryStatement, ...]
    """Statements with at least one source, in summary order."""
    unsupported: tuple[SummaryStatement, ...]
    """Statements the full report does not account for, in summary order (their ``sources`` are
    the partial candidates found, for the curious; they are not a mapping)."""
    uncovered_sections: tuple[Section, ...]
    """Highest full-report sections with body text none of which the summary draws on."""
    coverage: float
    """Share of full-report sections with body text that the summary draws on."""

    def sources_of(self, sentence: Sentence) -> tuple[SummarySource, ...]:
        """The sources of one summary sentence (empty when unsupported or unknown)."""
        for statement in self.statements:
            if statement.sentence == sentence:
                return statement.sources
        return ()

    def as_record(self, summary_side: Literal["old", "new"]) -> dict[str, Any]:
        """The diff record's ``summary`` object."""
        return {
            "summary_side": summary_side,
            "coverage": round(self.coverage, 3),
            "statements": [s.as_record() for s in self.statements],
            "unsupported": [_sentence_ref(s.section, s.sentence) for s in self.unsupported],
            "uncovered_sections": [section_ref(s) for s in self.uncovered_sections],
        }


#: A statement is supported when its sources together account for this share of it. Measured on
#: the 2025 summary against the 2025 compilation: true sources scored 0.47 and up, the highest
#: false candidates (stock phrases such as 经济社会发展的主要目标) 0.42.
SUPPORT_THRESHOLD = 0.45
#: A sentence becomes a source only when it accounts for this share of the statement's characters
#: not yet accounted for, and for at least MIN_GAIN_CHARS of them (so that a long statement may
#: draw on several sentences, each for one of its clauses, but no sentence counts for one word).
SOURCE_GAIN = 0.2
MIN_GAIN_CHARS = 6
MAX_SOURCES = 5
MAX_CANDIDATES = 40


_NOT_STATEMENTS = (SectionKind.TOC, SectionKind.TITLE_BLOCK, SectionKind.SALUTATION)


def _statements(outline: Outline) -> Iterator[tuple[Section, Sentence, bool]]:
    """Headings and sentences of ``outline`` in document order (preamble sentences included)."""
    for section in outline.root.iter_sections():
        if section.kind in _NOT_STATEMENTS:
            continue
        if section.title and section is not outline.root:
            yield section, Sentence(text=section.heading, line=section.line), True
        for sentence in section.sentences:
            yield section, sentence, False


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", fold(text))


#: Characters of a statement count as drawn from a source only in common runs this long, so
#: that scattered common characters of a long sentence do not look like a source.
MIN_RUN = 3


def _covered(statement: str, source: str) -> frozenset[int]:
    """Positions of ``statement`` inside runs of at least MIN_RUN characters that also occur in
    ``source``, in any order (a summary reorders list items: 具身智能、低空经济、类脑智能)."""
    positions: set[int] = set()
    i, n = 0, len(statement)
    while i <= n - MIN_RUN:
        if statement[i : i + MIN_RUN] not in source:
            i += 1
            continue
        j = i + MIN_RUN
        while j < n and statement[i : j + 1] in source:
            j += 1
        positions.update(range(i, j))
        i = j
    return frozenset(positions)


def align_summary(summary: Outline, full: Outline, *, options: Options) -> SummaryAlignment:
    """Map every summary heading, headline and sentence to the full-report sentences it condenses.

    Candidates come from an inverted index of full-report sentences (and headings) by character
    bigram of the :func:`~reportdiff.text.fold` key; sources are then chosen greedily by how many
    of the statement's characters each accounts for in common runs of 3+ characters, so one
    statement may draw on several sentences (one-to-many).
    """
    full_sentences: list[tuple[Section, Sentence, str, set[str]]] = []
    for section, sentence, is_heading in _statements(full):
        key = _key(strip_labels(sentence.text) if is_heading else sentence.text)
        grams = {key[i : i + 2] for i in range(len(key) - 1)}
        if grams:
            full_sentences.append((section, sentence, key, grams))
    index: dict[str, list[int]] = {}
    for k, (_, _, _, grams) in enumerate(full_sentences):
        for gram in grams:
            index.setdefault(gram, []).append(k)
    # Very common bigrams (on most sentences) do not help pick candidates.
    common_limit = max(50, len(full_sentences) // 5)
    n_full = len(full_sentences) + 1
    idf = {gram: math.log(n_full / len(postings)) for gram, postings in index.items()}
    max_idf = math.log(n_full + 1)

    supported: list[SummaryStatement] = []
    unsupported: list[SummaryStatement] = []
    drawn_on: set[str] = set()
    for section, sentence, is_heading in _statements(summary):
        key = _key(strip_labels(sentence.text) if is_heading else sentence.text)
        if len(key) < 4:
            continue
        grams = {key[i : i + 2] for i in range(len(key) - 1)}
        hits: Counter[int] = Counter()
        for gram in grams:
            postings = index.get(gram, ())
            if len(postings) <= common_limit:
                hits.update(postings)
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]
        # Each character weighs as much as its bigram is rare in the full report, so that shared
        # stock phrases (经济社会发展, 发展壮大) count for less than shared specifics (8.0版).
        weights = [
            idf.get(key[max(i - 1, 0) : max(i - 1, 0) + 2], max_idf) ** 2 for i in range(len(key))
        ]
        total = sum(weights) or 1.0
        spans = {k: _covered(key, full_sentences[k][2]) for k, _ in ranked}
        covered: set[int] = set()
        sources: list[SummarySource] = []
        while len(sources) < MAX_SOURCES and spans:
            best_k, best_gain, best_chars = -1, 0.0, 0
            for k, span in spans.items():
                fresh = span - covered
                gain = sum(weights[i] for i in fresh)
                if gain > best_gain:
                    best_k, best_gain, best_chars = k, gain, len(fresh)
            if best_k < 0 or best_chars < MIN_GAIN_CHARS or best_gain < SOURCE_GAIN * total:
                break
            src_section, src_sentence, _, _ = full_sentences[best_k]
            span = spans.pop(best_k)
            covered |= span
            sources.append(
                SummarySource(src_sentence, src_section, sum(weights[i] for i in span) / total)
            )
        coverage = sum(weights[i] for i in covered) / total
        statement = SummaryStatement(sentence, section, is_heading, tuple(sources), coverage)
        if sources and coverage >= SUPPORT_THRESHOLD:
            supported.append(statement)
            drawn_on.update(src.section.id for src in sources)
        else:
            unsupported.append(statement)

    with_text = [s for s in full.iter_sections() if s.sentences]
    covered_count = sum(1 for s in with_text if s.id in drawn_on)
    uncovered: list[Section] = []

    def walk(section: Section) -> None:
        subtree = {s.id for s in section.iter_sections()}
        has_text = any(s.sentences for s in section.iter_sections())
        if has_text and not subtree & drawn_on:
            uncovered.append(section)
            return
        for child in section.children:
            walk(child)

    for top in full.root.children:
        walk(top)
    return SummaryAlignment(
        statements=tuple(supported),
        unsupported=tuple(unsupported),
        uncovered_sections=tuple(uncovered),
        coverage=covered_count / len(with_text) if with_text else 0.0,
    )
