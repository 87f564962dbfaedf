"""Outline stage: :class:`~reportdiff.model.Document` → :class:`~reportdiff.model.Outline`.

Recognises the heading styles of Chinese government reports and nests them as a reader does:

* numbered headings ``第一部分``/``第一章`` > ``一、`` > ``（一）`` > ``1.``/``1、`` >
  ``（1）``, in that fixed order (so a chapter that skips ``（一）`` still nests ``1.``
  under ``一、``);
* ``▶``/``■``/``●`` headline bullets, ranked where they first appear;
* standalone title lines without end punctuation (a chapter title when the issuing body
  follows in brackets, 「(杨浦区发展改革委)」);
* run-in headings (``（一）大力推进….`` + body: the lead sentence is the title, the rest
  is body) and lead sentences that name a paragraph's topic (「推动重点产业发光发热。」, kind LEAD);
* the title block, the salutation (各位代表：), a table of contents, a glossary (名词解释)
  and tables are labelled as such rather than read as content.

Every sentence keeps the source line it starts on, and 一是/二是 items start their own sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reportdiff.grammar import (
    ADDRESS,
    BYLINE,
    CLAUSE_BREAKS,
    DASH_ITEM,
    DATE,
    DOC_TYPE,
    GLOSSARY_TITLE,
    HEADING_LABELS,
    ITEM_LABEL,
    PARAGRAPH_END,
    RUN_IN_MAX,
    SALUTATION,
    SENTENCE_END,
    STYLE_RANK,
    TABLE_CAPTION,
    TOC_ENTRY,
    TOC_TITLE,
    TRAILING_BYLINE,
    TRAILING_DATE,
    ends_paragraph,
    han_value,
    heading_label,
    is_first_label,
    is_lead_sentence,
    is_title_meta,
    opens_passage,
    structure_key,
)
from reportdiff.model import (
    Block,
    BlockKind,
    Document,
    Outline,
    Paragraph,
    Section,
    SectionKind,
    Sentence,
)
from reportdiff.options import Options
from reportdiff.text import sentence_spans

_CHAPTER_RANK = 0.5
_GLOSSARY_RANK = 0.0
_LEAD_RANK = 90.0
_TABLE_RANK = 95.0
_LEAF_RANK = 99.0
#: How far after an unnumbered title its first numbered heading may come (a few paragraphs of
#: introduction and ——bullets: in the 2025 Sichuan report 「（一）…」 comes 7 paragraphs after
#: 「2024年工作回顾」).
_CONTAINER_LOOKAHEAD = 10
"""Title block, salutation, preamble, TOC, plain titles: closed by whatever heading is next."""


@dataclass
class _Node:
    kind: SectionKind
    title: str
    number: str | None
    style: str | None
    line: int
    rank: float
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    byline: str | None = None
    end_line: int = 0


def build_outline(document: Document, *, options: Options | None = None) -> Outline:
    """Build the section tree of ``document``."""
    return _Builder(document).build()


class _Builder:
    """One pass over the blocks with a stack of open sections."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.blocks = document.blocks
        self.root = _Node(SectionKind.ROOT, "", None, None, 0, -1.0)
        self.stack: list[_Node] = [self.root]
        self.bullet_rank: dict[str, float] = {}
        self.toc_titles: list[str] = []
        self.chapters = 0
        self.notes: list[str] = []
        """Doubts about the structure, added to the document's warnings."""
        self.previous: str = "start"
        """What the last block was: start, title, heading, body, short, table, toc."""

    # --- the pass ---------------------------------------------------------------------------

    def build(self) -> Outline:
        start, title = self._title_block()
        if start:
            node = self._open(
                SectionKind.TITLE_BLOCK, title or "", None, None, self.blocks[0].line, _LEAF_RANK
            )
            for block in self.blocks[:start]:
                self._add_paragraph(node, block, 0)
            self.stack.pop()
        for index in range(start, len(self.blocks)):
            self._block(index)
        document = self.document
        if self.notes:
            document = replace(document, warnings=document.warnings + tuple(self.notes))
        return Outline(document=document, title=title, root=_freeze(self.root, "", 0))

    def _block(self, index: int) -> None:
        block = self.blocks[index]
        text = block.text
        key = structure_key(text)
        top = self.stack[-1]
        if block.kind is BlockKind.TABLE_ROW:
            self._table_row(block, key)
            return
        if top.kind is SectionKind.TABLE:
            self.stack.pop()
            top = self.stack[-1]
        if top.kind is SectionKind.TOC:
            if TOC_ENTRY.match(key) and not any(ch in key for ch in SENTENCE_END):
                self._toc_entry(top, block, key)
                return
            self.stack.pop()
        if block.kind is BlockKind.HEADING:
            # The format marked a heading (docx style, html <h2>): its level decides the nesting;
            # a numbering label in its text is still split off.
            level = block.level if block.level is not None else 1
            number, title = None, text
            for _style, pattern in HEADING_LABELS:
                found = pattern.match(key)
                if found and found.group(2):
                    number, title = text[: found.end(1)], text[found.start(2) :]
                    break
            self._push(
                SectionKind.HEADING, title, number, f"level-{level}", block, float(level) + 1.0
            )
            self.previous = "heading"
            return
        if SALUTATION.match(key):
            # 「各位代表！」 on a line of its own, like 「各位代表，…」, speaks to the whole part
            # again: the subsections open before it close (the closing passage of a national
            # report is not part of the last plan item).
            del self.stack[2:]
            self._push(SectionKind.SALUTATION, text.rstrip("：:，,"), None, None, block, _LEAF_RANK)
            self.previous = "heading"
            return
        if TOC_TITLE.match(key):
            self._push(SectionKind.TOC, text, None, None, block, _LEAF_RANK)
            self.previous = "toc"
            return
        if GLOSSARY_TITLE.match(key):
            self._push(SectionKind.GLOSSARY, text, None, None, block, _GLOSSARY_RANK)
            self.previous = "heading"
            return
        byline = BYLINE.match(key)
        if byline and self.previous in ("body", "title", "start", "toc"):
            self._byline(block, text)
            return
        if self._numbered(block, key):
            return
        if self._standalone_title(index, key):
            return
        if ADDRESS.match(key) and len(self.stack) > 2:
            # 「各位代表，过去的一年…」 speaks to the whole part again: it closes the subsections.
            del self.stack[2:]
        elif self._lead(block, key):
            return
        elif opens_passage(key):
            # 「五年来，…」, 「我们也清醒地认识到…」: a new passage, no longer the lead's topic.
            while self.stack[-1].kind is SectionKind.LEAD:
                self.stack.pop()
        node = self.stack[-1]
        if node is self.root:
            node = self._open(SectionKind.PREAMBLE, "", None, None, block.line, _LEAF_RANK)
        self._add_paragraph(node, block, 0)
        self.previous = "body" if ends_paragraph(key) else "short"

    # --- kinds of blocks --------------------------------------------------------------------

    def _table_row(self, block: Block, key: str) -> None:
        caption = TABLE_CAPTION.match(key)
        top = self.stack[-1]
        if top.kind is not SectionKind.TABLE or caption:
            if caption:
                number, title = block.text[: caption.end(1)], block.text[caption.start(2) :]
                self._push(SectionKind.TABLE, title, number, "table", block, _TABLE_RANK)
                self.previous = "table"
                return
            self._push(SectionKind.TABLE, "", None, "table", block, _TABLE_RANK)
            top = self.stack[-1]
        self._add_paragraph(self.stack[-1], block, 0)
        self.previous = "table"

    def _toc_entry(self, toc: _Node, block: Block, key: str) -> None:
        self._add_paragraph(toc, block, 0)
        entry = TRAILING_BYLINE.sub("", key)
        for style, pattern in HEADING_LABELS:
            found = pattern.match(entry)
            if found and style != "bullet":
                entry = found.group(2)
                break
        self.toc_titles.append(entry.strip())

    def _byline(self, block: Block, text: str) -> None:
        """A bracketed issuing body: it belongs to the chapter title just above it; when the title
        is missing from the body (it happens), the chapter still starts here, titled from the TOC.
        """
        top = self.stack[-1]
        if self.previous == "title" and top.kind is SectionKind.TITLE and top.byline is None:
            top.byline = text
            top.end_line = max(top.end_line, block.end_line)
            self.previous = "heading"
            return
        self.chapters += 1
        title = self.toc_titles[self.chapters - 1] if self.chapters <= len(self.toc_titles) else ""
        self.notes.append(
            f"line {block.line}: chapter {self.chapters} has no title line above its issuing body "
            + (f"{text}; title taken from the table of contents" if title else f"{text}")
        )
        node = self._push(SectionKind.TITLE, title, None, "chapter", block, _CHAPTER_RANK)
        node.byline = text
        self.previous = "heading"

    def _numbered(self, block: Block, key: str) -> bool:
        for style, pattern in HEADING_LABELS:  # noqa: B007 (style is used after the loop)
            found = pattern.match(key)
            if found:
                break
        else:
            return False
        rest_at = found.start(2)
        rest = key[rest_at:]
        if not rest:
            return False
        spans = sentence_spans(rest)
        first_end = spans[0][1] if spans else len(rest)
        first = rest[:first_end]
        run_in = len(spans) > 1
        if first[-1:] in SENTENCE_END and not run_in and len(first) > RUN_IN_MAX:
            return False
        if run_in and len(first) > RUN_IN_MAX:
            return False
        if not run_in and first[-1:] not in SENTENCE_END and len(first) > RUN_IN_MAX:
            return False
        if style == "bullet":
            rank = self.bullet_rank.get(found.group(1))
            if rank is None:
                base = next((n.rank for n in reversed(self.stack) if n.rank < _LEAD_RANK), -1.0)
                rank = self.bullet_rank[found.group(1)] = base + 0.5
            kind = SectionKind.BULLET
        else:
            rank = STYLE_RANK[style]
            kind = SectionKind.PART if style == "part" else SectionKind.HEADING
        number = block.text[: found.end(1)]
        title = block.text[rest_at : rest_at + first_end].rstrip(SENTENCE_END).strip()
        node = self._push(kind, title, number, style, block, rank)
        self.previous = "heading"
        if run_in:
            self._add_paragraph(node, block, rest_at + spans[1][0])
            self.previous = "body" if ends_paragraph(key) else "short"
        return True

    def _standalone_title(self, index: int, key: str) -> bool:
        """A short line without end punctuation after a finished paragraph: a title. With the
        issuing body on the next line it is a chapter (top level)."""
        if self.previous not in ("body", "toc") or len(key) > 30 or len(key) < 2:
            return False
        if key[-1:] in PARAGRAPH_END + "，,、" or BYLINE.match(key) or DATE.search(key):
            return False
        block = self.blocks[index]
        following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        chapter = following is not None and bool(BYLINE.match(structure_key(following.text)))
        if chapter:
            self.chapters += 1
            self._push(SectionKind.TITLE, block.text, None, "chapter", block, _CHAPTER_RANK)
        else:
            # 「2024年工作回顾」 over （一）…（六）: an unnumbered chapter heading holds the
            # numbered headings after it (2025 Sichuan report); other titles hold their text.
            rank = self._container_rank(index)
            self._push(SectionKind.TITLE, block.text, None, "title", block, rank or _LEAF_RANK)
        self.previous = "title"
        return True

    def _container_rank(self, index: int) -> float | None:
        """The rank of an unnumbered title that opens a numbered run: just above the style of the
        first numbered heading after it, when that heading is the first of its run (（一）, 1.)
        and comes within a few paragraphs; else None."""
        for block in self.blocks[index + 1 : index + 1 + _CONTAINER_LOOKAHEAD]:
            if block.kind is not BlockKind.PARAGRAPH:
                return None
            found = heading_label(block.text)
            if found is None:
                continue
            style, match = found
            if style in ("han-paren", "num-dot", "num-paren") and is_first_label(match.group(1)):
                return STYLE_RANK[style] - 0.5
            return None
        return None

    def _lead(self, block: Block, key: str) -> bool:
        """「推动重点产业发光发热。加快…」: a short first sentence without commas or figures that
        names the topic of the paragraph (and of the paragraphs after it, up to the next one)."""
        if not any(n.rank < _LEAD_RANK and n is not self.root for n in self.stack) or any(
            n.kind is SectionKind.GLOSSARY for n in self.stack
        ):
            return False
        spans = sentence_spans(key)
        if len(spans) < 2:
            return False
        if not is_lead_sentence(key[spans[0][0] : spans[0][1]], key[spans[1][0] :]):
            return False
        title = block.text[spans[0][0] : spans[0][1]].rstrip(SENTENCE_END)
        node = self._push(SectionKind.LEAD, title, None, "lead", block, _LEAD_RANK)
        self._add_paragraph(node, block, spans[1][0])
        if DASH_ITEM.match(key):
            # A ——bullet is one item of a list: the paragraphs after it belong to the section
            # the list is in (the next item is its sibling).
            self.stack.pop()
        self.previous = "body"
        return True

    # --- tree plumbing ----------------------------------------------------------------------

    def _push(
        self,
        kind: SectionKind,
        title: str,
        number: str | None,
        style: str | None,
        block: Block,
        rank: float,
    ) -> _Node:
        return self._open(kind, title, number, style, block.line, rank, block.end_line)

    def _open(
        self,
        kind: SectionKind,
        title: str,
        number: str | None,
        style: str | None,
        line: int,
        rank: float,
        end_line: int | None = None,
    ) -> _Node:
        while len(self.stack) > 1 and self.stack[-1].rank >= rank:
            self.stack.pop()
        node = _Node(kind, title, number, style, line, rank, end_line=end_line or line)
        self.stack[-1].children.append(node)
        self.stack.append(node)
        return node

    def _add_paragraph(self, node: _Node, block: Block, offset: int) -> None:
        paragraph = make_paragraph(block, offset)
        if paragraph is not None:
            node.paragraphs.append(paragraph)
            node.end_line = max(node.end_line, block.end_line)

    # --- title block ------------------------------------------------------------------------

    def _title_block(self) -> tuple[int, str | None]:
        """(index of the first body block, report title) — the lines before the body starts."""
        start = 0
        for index, block in enumerate(self.blocks[:9]):
            key = structure_key(block.text)
            if _body_starts(block, key):
                start = index
                break
        else:
            return 0, None
        candidates = [
            (i, TRAILING_DATE.sub("", structure_key(b.text)).strip(), b.text)
            for i, b in enumerate(self.blocks[:start])
        ]
        names = [(i, k, t) for i, k, t in candidates if k and not is_title_meta(k)]
        if not names:
            return start, None
        first = TRAILING_DATE.sub("", names[0][2]).strip()
        if DOC_TYPE.search(names[0][1]):
            return start, first
        for _, k, t in names:
            if k.startswith("《") and DOC_TYPE.search(k):
                return start, t
        title = first
        previous = names[0][0]
        for i, _, t in names[1:]:
            if i != previous + 1 or DOC_TYPE.search(title) or len(title) > 80:
                break
            title += TRAILING_DATE.sub("", t).strip()
            previous = i
        return start, title


def _body_starts(block: Block, key: str) -> bool:
    if SALUTATION.match(key) or TOC_TITLE.match(key) or block.kind is BlockKind.TABLE_ROW:
        return True
    if any(pattern.match(key) for _, pattern in HEADING_LABELS):
        return True
    return len(key) > 40 and any(ch in key for ch in "。，,；")


def make_paragraph(block: Block, offset: int = 0) -> Paragraph | None:
    """The body paragraph made of ``block.text[offset:]``, split into sentences (and 一是 items),
    each with the source line it starts on; None when nothing is left."""
    text = block.text[offset:]
    stripped = text.lstrip()
    offset += len(text) - len(stripped)
    text = stripped.rstrip()
    if not text:
        return None
    sentences = tuple(
        Sentence(text=text[a:b], line=block.line_at(offset + a), item=item)
        for a, b, item in _item_spans(text)
    )
    return Paragraph(text=text, line=block.line_at(offset), sentences=sentences)


def _item_spans(text: str) -> list[tuple[int, int, str | None]]:
    """Sentence spans, further split so that each 一是/二是… item starts a sentence.

    An item label counts only in sequence (一是, then 二是…) and after punctuation or at the start,
    so 「统一是」 or a stray 「三是」 never splits a sentence.
    """
    cuts: dict[int, str] = {}
    expected = 1
    for found in ITEM_LABEL.finditer(text):
        value = han_value(found.group(1))
        at = found.start()
        if at > 0 and text[at - 1] not in CLAUSE_BREAKS:
            continue
        if value == 1 or value == expected:
            cuts[at] = found.group(0)
            expected = value + 1
    result: list[tuple[int, int, str | None]] = []
    for a, b in sentence_spans(text):
        points = [a] + [p for p in sorted(cuts) if a < p < b] + [b]
        for left, right in zip(points, points[1:], strict=False):
            piece = text[left:right]
            trimmed = piece.strip()
            if not trimmed:
                continue
            left += len(piece) - len(piece.lstrip())
            result.append((left, left + len(trimmed), cuts.get(left)))
    return result


def _freeze(node: _Node, section_id: str, level: int) -> Section:
    children = tuple(
        _freeze(child, f"{section_id}.{i}" if section_id else str(i), level + 1)
        for i, child in enumerate(node.children, start=1)
    )
    return Section(
        id=section_id,
        kind=node.kind,
        title=node.title,
        number=node.number,
        style=node.style,
        level=level,
        line=node.line,
        paragraphs=tuple(node.paragraphs),
        children=children,
        byline=node.byline,
        end_line=node.end_line or None,
    )
