"""Outline stage: :class:`~reportdiff.model.Document` → :class:`~reportdiff.model.Outline`.

Recognises the heading styles of Chinese government reports and nests them by order of first
appearance of each style, as a reader does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportdiff.model import Document, Outline, Paragraph, Section, SectionKind, Sentence
from reportdiff.options import Options
from reportdiff.text import split_sentences

_HAN = "一二三四五六七八九十"
HEADING_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^(第[{_HAN}]+(?:部分|章))\s*(.*)$")),
    ("han-dun", re.compile(rf"^([{_HAN}]+、)\s*(.*)$")),
    ("han-paren", re.compile(rf"^([（(][{_HAN}]+[）)])\s*(.*)$")),
    ("num-dot", re.compile(r"^(\d{1,2}[.．、])\s*(?!\d)(.*)$")),
    ("num-paren", re.compile(r"^([（(]\d{1,2}[）)])\s*(.*)$")),
    ("bullet", re.compile(r"^([▶■●◆])\s*(.*)$")),
)


@dataclass
class _Node:
    kind: SectionKind
    title: str
    number: str | None
    style: str | None
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


def _paragraph(text: str, line: int) -> Paragraph:
    return Paragraph(text=text, line=line,
                     sentences=tuple(Sentence(text=s, line=line) for s in split_sentences(text)))


def build_outline(document: Document, *, options: Options | None = None) -> Outline:
    """Build the section tree of ``document``."""
    root = _Node(SectionKind.ROOT, "", None, None, 0)
    stack: list[_Node] = [root]
    style_rank: dict[str, int] = {}
    for block in document.blocks:
        match = None
        for style, pattern in HEADING_PATTERNS:
            found = pattern.match(block.text)
            if found:
                match = (style, found.group(1), found.group(2))
                break
        if match is None:
            stack[-1].paragraphs.append(_paragraph(block.text, block.line))
            continue
        style, number, title = match
        rank = style_rank.setdefault(style, len(style_rank))
        while len(stack) > 1 and style_rank[stack[-1].style or ""] >= rank:
            stack.pop()
        kind = SectionKind.BULLET if style == "bullet" else (
            SectionKind.PART if style == "part" else SectionKind.HEADING)
        node = _Node(kind, title, number, style, block.line)
        stack[-1].children.append(node)
        stack.append(node)
    return Outline(document=document, title=None, root=_freeze(root, "", 0))


def _freeze(node: _Node, section_id: str, level: int) -> Section:
    children = tuple(
        _freeze(child, f"{section_id}.{i}" if section_id else str(i), level + 1)
        for i, child in enumerate(node.children, start=1)
    )
    return Section(id=section_id, kind=node.kind, title=node.title, number=node.number,
                   style=node.style, level=level, line=node.line,
                   paragraphs=tuple(node.paragraphs), children=children)
