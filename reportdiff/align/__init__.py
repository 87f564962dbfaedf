"""Align stage: which sections of two outlines correspond (summaries: :mod:`reportdiff.summary`).

Structure first, then small diffs: the sentence diff only ever compares sentences of paired
sections, so whole-report diffing (minutes on real reports) is never needed.

Section alignment is hierarchical. Top-level sections are paired by one optimal assignment
(``scipy.optimize.linear_sum_assignment``) on a similarity that mixes heading words and content
words (0.35 × heading + 0.65 × TF-IDF cosine over jieba tokens), with document order as a small
prior; then the children of every paired section are assigned the same way, and so on down.
A review heading (回顾, 执行情况…) answers a review heading and a plan heading (计划, 任务…) a plan
heading whatever their words. Sections left over at any depth are then paired by content, mutual
best candidates first and the most specific of a parent and its child, so a topic that sits at a
different depth in the other edition is still found (``moved``). Left-overs made of sentences
found near verbatim in an already paired section become ``split``/``merged``; the rest are
``added``/``removed``.

Threshold (``Options.section_threshold``, 0.3), from measurements on real pairs (see
``benchmarks/align_accuracy.py``): a review chapter against the plan chapter that follows it
(same topics, different sentences) scores 0.20–0.42 for the pairs a reader makes, while the best
wrong candidate of any of those sections scores at most 0.19. Pairs at or above 0.3 are taken;
below it, a pair needs half the threshold and 1.4 times the score of every rival of both its
sections, which recovers all ten labelled pairs and pairs none of the sections that have no
counterpart (中期评估, 数字化转型).

Modules: :mod:`~reportdiff.align.records` (the section map's types),
:mod:`~reportdiff.align.features` (heading and content similarity),
:mod:`~reportdiff.align.sections` (the assignment passes), :mod:`~reportdiff.align.regroup`
(splits and merges).
"""

from __future__ import annotations

from reportdiff.align.features import STOP_WORDS, content_words, heading_key, review_or_plan
from reportdiff.align.records import MatchStatus, SectionAlignment, SectionPair, section_ref
from reportdiff.align.sections import align_sections

__all__ = [
    "STOP_WORDS",
    "MatchStatus",
    "SectionAlignment",
    "SectionPair",
    "align_sections",
    "content_words",
    "heading_key",
    "review_or_plan",
    "section_ref",
]
