"""The record's notes and warnings in the reader's language, worded from their codes.

The library records are language-neutral: ``mode_note`` and ``warnings`` carry English words,
``mode_reason`` and ``warning_reasons`` the same as a code with its figures. A Chinese memo words
them here from the codes; an English one takes the record's own text. A code this module does not
know (a newer producer) falls back to the English text, never to nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from reportdiff.records import DiffRecord

_ZH_GROUNDS = {
    "calls_itself_summary": "{path} 自称摘要",
    "far_shorter": "{path} 篇幅远短于另一方（正文分别为 {old_chars:,} 字和 {new_chars:,} 字）",
    "both_call_themselves_summary": (
        "两份文件都自称摘要，篇幅相当（正文分别为 {old_chars:,} 字和 {new_chars:,} 字）"
    ),
    "neither_calls_itself_summary": (
        "两份文件都不自称摘要，篇幅相当（正文分别为 {old_chars:,} 字和 {new_chars:,} 字）"
    ),
}


def _share(found: int, total: int) -> str:
    return f"{found / total if total else 0.0:.0%}"


def _zh_support(p: Mapping[str, Any], *, only: bool = False) -> str:
    return (
        f"其表述{'只' if only else ''}有 {_share(p['found'], p['total'])}"
        f"（{p['total']} 条中的 {p['found']} 条）能在 {p['full']} 中找到出处"
    )


def _zh_mode(code: str, p: Mapping[str, Any]) -> str | None:
    if code == "editions_given":
        return "按前后版本比较，因为指定了 --mode editions"
    grounds = p.get("grounds") or {}
    template = _ZH_GROUNDS.get(str(grounds.get("code")))
    if template is None:
        return None
    why = template.format(**grounds)
    if code == "no_summary_side":
        return f"按前后版本比较，因为{why}"
    if code == "summary_unsupported":
        return (
            f"{p['summary']} 看似摘要（{why}），但{_zh_support(p, only=True)}，"
            "因此按前后版本比较（可用 --mode summary 强制按摘要比较）"
        )
    if code == "summary":
        return f"按摘要与全文比较，因为{why}，且{_zh_support(p)}"
    if code == "summary_given":
        taken = "；取新版为摘要" if p.get("side_taken") else ""
        return f"按摘要与全文比较，因为指定了 --mode summary（{why}{taken}），且{_zh_support(p)}"
    return None


def _zh_unrelated(p: Mapping[str, Any]) -> str:
    return (
        f"两份文件看起来并不相关：{p['sentences']} 句中只有 {p['paired_sentences']} 句"
        f"（{_share(p['paired_sentences'], p['sentences'])}）、{p['sections']} 个章节中只有 "
        f"{p['paired_sections']} 个在另一份中有对应（同一报告的前后版本在 40% 以上）；"
        "下列变化请当作两份不同的文本来读"
    )


_ZH_WARNINGS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "unrelated_documents": _zh_unrelated,
}


def mode_note(records: DiffRecord, lang: str) -> str | None:
    """Why this mode was chosen, in ``lang`` (``zh`` from ``mode_reason``, else the record's)."""
    reason = records.get("mode_reason")
    if lang == "zh" and reason:
        try:
            worded = _zh_mode(reason["code"], reason["params"])
        except (KeyError, TypeError, ValueError):
            worded = None
        if worded:
            return worded
    return records["mode_note"]


def warnings(records: DiffRecord, lang: str) -> list[str]:
    """The comparison's warnings in ``lang``, without repeats."""
    texts = [
        str(item.get("message") if isinstance(item, dict) else item)
        for item in records.get("warnings") or []
    ]
    reasons = records.get("warning_reasons") or []
    out: list[str] = []
    for i, text in enumerate(texts):
        if lang == "zh" and len(reasons) == len(texts) and reasons[i]["code"] in _ZH_WARNINGS:
            try:
                text = _ZH_WARNINGS[reasons[i]["code"]](reasons[i]["params"])
            except (KeyError, TypeError, ValueError):
                pass
        if text and text != "None" and text not in out:
            out.append(text)
    return out
