"""Policy vocabulary: the terms that weigh in similarity and salience."""

from __future__ import annotations

import functools
import re
from importlib import resources

#: A stance phrase of macro policy: the adjective a report gives its fiscal or monetary policy,
#: the phrase analysts lead with when it changes (national reports 2008 → 2009: 稳健的财政政策 /
#: 从紧的货币政策 → 积极的财政政策 / 适度宽松的货币政策; later 更加积极的财政政策).
STANCE_PHRASE = re.compile(
    r"((?:更加|更为)?(?:积极|稳健|从紧|适度从紧|适度宽松|宽松|灵活适度|稳健中性|审慎|中性|适度"
    r"|有力|有效|精准|灵活|宽松适度)的(?:财政|货币|宏观|就业|产业|社会)政策)"
)


def stance_phrases(text: str) -> list[str]:
    """The macro-policy stance phrases of a sentence (:data:`STANCE_PHRASE`), in order.

    >>> stance_phrases("今年要实行稳健的财政政策和从紧的货币政策。")
    ['稳健的财政政策', '从紧的货币政策']
    >>> stance_phrases("实施积极的财政政策和适度宽松的货币政策。")
    ['积极的财政政策', '适度宽松的货币政策']
    """
    return STANCE_PHRASE.findall(text)


@functools.cache
def policy_terms() -> frozenset[str]:
    """The shipped policy vocabulary (``reportdiff/data/policy_terms.txt``): terms such as
    营商环境 or 两旧一村 that segmentation keeps whole and 新提法 ranks first.

    >>> "营商环境" in policy_terms()
    True
    """
    text = resources.files("reportdiff").joinpath("data/policy_terms.txt").read_text("utf-8")
    terms = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(t for t in terms if t)
