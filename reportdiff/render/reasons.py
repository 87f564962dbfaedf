"""The record's notes and warnings in the reader's language, worded from their codes.

The library records are language-neutral: ``mode_note`` and ``warnings`` carry English words,
``mode_reason`` and ``warning_reasons`` the same as a code with its figures. A Chinese memo words
them here from the codes; an English one takes the record's own text. A code this module does not
know (a newer producer) falls back to the English text, never to nothing.
"""

from __future__ import annotations

import re
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


def _zh_lines(found: str) -> str:
    """'line 28' / 'lines 1-9, 12-13' → '第 28 行' / '第 1–9、12–13 行'."""
    numbers = found.split(" ", 1)[1] if " " in found else found
    return "第 " + numbers.replace("-", "–").replace(", ", "、") + " 行"


#: The loading notes of the readers, repair and outline (``Document.warnings``, English), each
#: with its Chinese wording. A note no pattern matches (a new one) keeps its English text.
_ZH_LOADING: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"read (\d+) paragraphs? with tracked changes as accepted .*"),
        lambda m: f"{m[1]} 段有修订痕迹，按接受修订读取（保留插入，删去删除）",
    ),
    (
        re.compile(r"put back (\d+) list numbers? that Word keeps outside the text"),
        lambda m: f"补回 Word 存在正文之外的 {m[1]} 个列表编号",
    ),
    (
        re.compile(r"dropped (\d+) page-number and running-header lines? of the PDF"),
        lambda m: f"删去 PDF 的 {m[1]} 行页码和页眉",
    ),
    (
        re.compile(
            r"(\d+) PDF pages? (?:has|have) no text layer \(scanned\?\); their text is missing"
        ),
        lambda m: f"PDF 有 {m[1]} 页没有文字层（扫描件？），这些页的文字缺失",
    ),
    (
        re.compile(r"joined (\d+) paragraphs? that (?:was|were) broken across lines"),
        lambda m: f"接回 {m[1]} 个被硬换行拆开的段落",
    ),
    (
        re.compile(r"kept (\d+) footnotes? apart from the body text"),
        lambda m: f"{m[1]} 条脚注与正文分开",
    ),
    (re.compile(r"dropped (\d+) page-number lines?"), lambda m: f"删去 {m[1]} 行页码"),
    (
        re.compile(
            r"replaced (\d+) byte sequences? that (?:is|are) not valid (\S+) with \ufffd .*"
        ),
        lambda m: f"{m[1]} 处字节不是有效的 {m[2]} 编码，已替换为 \ufffd（文件损坏或不完整？）",
    ),
    (
        re.compile(r"dropped (\d+) lines? of wiki markup left in the copy"),
        lambda m: f"删去 {m[1]} 行残留的维基标记",
    ),
    (
        re.compile(r"dropped the licence footer of the copy's website \((lines? [\d, -]+)\)"),
        lambda m: f"删去网站的版权声明（{_zh_lines(m[1])}）",
    ),
    (
        re.compile(r"dropped (\d+) lines? of web-page tools after the end \((lines? [\d, -]+)\)"),
        lambda m: f"删去正文后的 {m[1]} 行网页工具（{_zh_lines(m[2])}）",
    ),
    (
        re.compile(
            r"dropped (\d+) lines? of web-page navigation (before|around) the title "
            r"\((lines? [\d, -]+)\)"
        ),
        lambda m: (
            f"删去标题{'前' if m[2] == 'before' else '前后'}的 {m[1]} 行网页导航"
            f"（{_zh_lines(m[3])}）"
        ),
    ),
    (
        re.compile(r"dropped line (\d+): a stray fragment repeating earlier text"),
        lambda m: f"删去第 {m[1]} 行：重复前文的残片",
    ),
    (
        re.compile(
            r"line (\d+): chapter (\d+) has no title line above its issuing body (.+?)"
            r"(; title taken from the table of contents)?"
        ),
        lambda m: (
            f"第 {m[1]} 行：第 {m[2]} 章的署名 {m[3]} 上方没有标题行"
            + ("，标题取自目录" if m[4] else "")
        ),
    ),
)


def loading_note(text: str, lang: str) -> str:
    """An edition's loading note in ``lang``: worded in Chinese for ``zh`` when it is one of the
    notes the readers, repair and outline write, else (``en``, or a note this table does not
    know) the record's own English text.

    >>> note = "dropped 11 lines of web-page navigation around the title (lines 1-9, 12-13)"
    >>> loading_note(note, "zh")
    '删去标题前后的 11 行网页导航（第 1–9、12–13 行）'
    >>> loading_note("dropped 1 line of web-page tools after the end (line 118)", "zh")
    '删去正文后的 1 行网页工具（第 118 行）'
    >>> loading_note("something new", "zh")
    'something new'
    """
    if lang != "zh":
        return text
    for pattern, word in _ZH_LOADING:
        found = pattern.fullmatch(text)
        if found:
            return word(found)
    return text
