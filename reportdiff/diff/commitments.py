"""Commitments: does a sentence commit to action (a plan, a target, a promise)?"""

from __future__ import annotations

import re

from reportdiff.diff.records import SectionRole
from reportdiff.grammar import ACTION_VERBS, FUTURE_CUES, PAST_CUES, PROMISE_CUES

__all__ = ["is_commitment"]

_QUANTITY = re.compile(r"\d")


def is_commitment(text: str, role: SectionRole) -> bool:
    """Does this sentence commit to action? Section role first (plan vs review), then wording.

    In a plan section a sentence with an action verb, a target or a number is a commitment; in a
    review section only explicit future wording (将, 力争, 下一步...) is; elsewhere an action verb
    without past-tense markers (已, 了, 累计, 同比...) is.
    """
    verb = bool(ACTION_VERBS.search(text))
    if role == "plan":  # a target (地区生产总值同比增长5%) is a commitment too
        return verb or bool(FUTURE_CUES.search(text) or _QUANTITY.search(text))
    if role == "review":
        return verb and bool(PROMISE_CUES.search(text))
    return verb and not PAST_CUES.search(text)
