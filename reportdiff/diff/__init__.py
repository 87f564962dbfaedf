"""Diff stage: classify every sentence of two editions, word-level ops, commitments, 新提法.

Sentences are compared only inside paired sections (the section map of :mod:`reportdiff.align`),
then a global pass pairs the left-overs across sections (``moved``). Every sentence of both
editions ends up exactly once in one class — unchanged, changed, added, removed or moved — which
:meth:`SentenceDiff.accounting` checks and the tests assert.

Comparison keys ignore what a reader does not care about: white space, punctuation width, line
wrapping (already undone by load), the 一是/二是 and numbering labels, and the end mark.

Modules: :mod:`~reportdiff.diff.keys` (comparison keys, similarity, each edition's sentences),
:mod:`~reportdiff.diff.pairing` (which sentence became which),
:mod:`~reportdiff.diff.sentences` (the steps of the diff), :mod:`~reportdiff.diff.words` (word
ops), :mod:`~reportdiff.diff.commitments`, :mod:`~reportdiff.diff.formulations` (新提法) and
:mod:`~reportdiff.diff.records` (the results).
"""

from __future__ import annotations

from reportdiff.diff.commitments import is_commitment
from reportdiff.diff.keys import diff_units, sentence_key, sentence_similarity
from reportdiff.diff.records import (
    Change,
    ChangeKind,
    NewFormulation,
    SectionRole,
    SentenceDiff,
    SentenceRef,
)
from reportdiff.diff.sentences import diff_sentences
from reportdiff.diff.words import Op, word_ops

__all__ = [
    "Change",
    "ChangeKind",
    "NewFormulation",
    "Op",
    "SectionRole",
    "SentenceDiff",
    "SentenceRef",
    "diff_sentences",
    "diff_units",
    "is_commitment",
    "sentence_key",
    "sentence_similarity",
    "word_ops",
]
