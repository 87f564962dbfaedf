"""What a heading or a sentence announces: review, plan, targets, suggestions, and the
wording that tells of the past or promises.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Literal


class Role(StrEnum):
    """What the text under a heading does."""

    REVIEW = "review"
    """Reports what was done (回顾, 执行情况, 工作情况, 主要成效 …)."""
    PLAN = "plan"
    """Sets out work to do (计划, 主要任务, 工作安排, 下一步 …)."""
    TARGETS = "targets"
    """States the year's targets (主要目标, 预期目标, 目标任务)."""
    SUGGESTIONS = "suggestions"
    """An end-of-term government's proposals for the new year (对今年政府工作的建议): a plan."""

    @property
    def is_plan(self) -> bool:
        """Plans, targets and suggestions all speak of work to come."""
        return self is not Role.REVIEW


_REVIEW_CUES = re.compile(
    r"回顾|执行情况|完成情况|工作情况|总结|进展情况|工作进展|主要成效|工作成效|成效明显|成效显著"
    r"|主要成绩|工作做法|取得的|取得了|存在问题|总体情况"
)
_TARGET_CUES = re.compile(r"主要目标|预期目标|目标任务")
_SUGGESTION_CUES = re.compile(r"建议")
#: Plan cues are compound words: 任务 or 思路 alone also head topics (「落实立德树人根本任务」,
#: 「以更广的思路优化…服务供给」), 主要任务 and 工作思路 announce a plan.
_PLAN_CUES = re.compile(
    r"计划|打算|工作安排|总体安排|主要任务|重点任务|工作任务|任务和措施|主要措施|工作措施"
    r"|主要举措|重点举措|举措$|下一步|工作思路|总体思路|发展思路|总体要求|工作要点|重点工作"
    r"|明年|今年|新篇|总体部署|\d{4}年的工作$|关于\d{4}年(?:的)?工作$|主要考虑"
)


def heading_role(title: str) -> Role | None:
    """What a heading announces, by its wording (a review cue wins: 「计划执行情况」 reviews).

    >>> heading_role("2023年国民经济和社会发展计划执行情况"), heading_role("2025年工作计划")
    (<Role.REVIEW: 'review'>, <Role.PLAN: 'plan'>)
    >>> heading_role("二、今年经济社会发展的总体要求、主要预期目标")
    <Role.TARGETS: 'targets'>
    >>> heading_role("三、对今年政府工作的建议"), heading_role("推进城市更新")
    (<Role.SUGGESTIONS: 'suggestions'>, None)
    >>> heading_role("三、关于2026年工作")
    <Role.PLAN: 'plan'>
    """
    if _REVIEW_CUES.search(title):
        return Role.REVIEW
    if _TARGET_CUES.search(title):
        return Role.TARGETS
    if _SUGGESTION_CUES.search(title):
        return Role.SUGGESTIONS
    if _PLAN_CUES.search(title):
        return Role.PLAN
    return None


_FIVE_YEAR = re.compile(r"十[一二三四五六七八九]?五|五年")
_ONE_YEAR = re.compile(r"(?:19|20)\d{2}\s*年|今年|明年|本年度")


def plan_horizon(title: str) -> Literal["five-year", "year"] | None:
    """The span a plan heading speaks for: a five-year plan (「“十二五”时期的主要目标和任务」)
    or one year's work (「2012年主要任务」); None when the heading names neither. A national
    report in a plan's first year has both chapters, and each answers its own kind next year.

    >>> plan_horizon("二、“十二五”时期的主要目标和任务"), plan_horizon("三、2012年主要任务")
    ('five-year', 'year')
    >>> plan_horizon("（一）加强和改善宏观调控") is None
    True
    """
    if _FIVE_YEAR.search(title):
        return "five-year"
    if _ONE_YEAR.search(title):
        return "year"
    return None


#: Wording of a sentence that tells of the past (已, 了, 累计, 同比…): outside a plan section, an
#: action verb in such a sentence reports work done rather than promising it.
PAST_CUES = re.compile(r"已经|已|了|累计|同比|较上年|比上年|获评|荣获|成功举办|圆满")
#: Wording that reports a figure as reached or as the year's estimate (已, 累计, 荣获, 预计…):
#: the figure is an outcome whatever section it stands in.
REACHED_CUES = re.compile(
    r"已|累计|共计|荣获|获评|入选|首获|创历史|较好完成|完成了|实现了|达到了|预计|全年共"
)
#: Wording just before a figure that cites it as the base already reached (在已有47个事项基础上).
ALREADY_CUES = re.compile(r"已有|现有|已经|已|累计")
#: Wording that commits to something to come (将, 力争, 确保…).
FUTURE_CUES = re.compile(r"将|要|力争|确保|计划|预计|预期|目标|左右|以上|下一步|明年|今年")
#: Wording that promises action even inside a review (「下一步将…」).
PROMISE_CUES = re.compile(r"将|力争|确保|下一步|明年")
#: Verbs of action: a sentence with one, in a plan, commits to doing something.
ACTION_VERBS = re.compile(
    r"推进|实施|建设|完成|力争|确保|新增|加快|制定|推动|打造|深化|落实|开展|启动|建成|实现|提升|提高"
    r"|加强|健全|完善|培育|布局|举办|扩大|优化|强化|创建|出台|争创|持续|着力|全力|聚焦|支持|引导"
    r"|加装|新建|改建|改造|建立|构建|搭建|营造|发布|升级|推出|促进|做好|办好|打响|争取|发挥|整治|畅通"
    r"|开工|竣工|启用|引进|引育|扩容|筹措|保障|激发|加大|弘扬|坚持"
)
