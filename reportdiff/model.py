"""Frozen, typed records shared by the load and outline stages (and read by every stage above).

Stages above outline (align, diff, numbers, check) define their own result types in their own
modules; everything that crosses a module boundary is a frozen dataclass, never a loose dict.
Line numbers are always 1-based lines of the *original* input as the user has it (for .docx the
paragraph number, for .pdf the line of the extracted text layer), so every claim can be cited.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class BlockKind(StrEnum):
    """What a repaired block of the input is, as far as loading can tell."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    """Marked as a heading by the source format itself (a docx heading style, an html <h2>)."""
    TABLE_ROW = "table_row"
    """One row of a table, cells joined by a tab."""


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of the input after repair (hard wraps joined, page numbers dropped...)."""

    text: str
    """The paragraph's text, single line, original characters (no NFKC)."""
    line: int
    """1-based line of the source where the paragraph starts."""
    end_line: int
    """1-based line of the source where the paragraph ends (== line for one-line paragraphs)."""
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int | None = None
    """Heading level given by the source format (docx ``Heading 2`` → 2), else None."""
    line_starts: tuple[tuple[int, int], ...] = ()
    """(offset in ``text``, 1-based source line) where each joined source line starts; empty when
    the block is one source line. Lets every sentence of a re-joined paragraph cite its own line."""

    def line_at(self, offset: int) -> int:
        """The source line holding character ``offset`` of :attr:`text`."""
        line = self.line
        for start, source_line in self.line_starts:
            if start > offset:
                break
            line = source_line
        return line


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote found in the input: its marker and its body, kept out of the body text."""

    marker: str
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Document:
    """The load stage's output: a report as a sequence of repaired paragraphs."""

    source: str
    """The path as the user gave it, or ``-`` for standard input."""
    fmt: str
    """Input format actually read: txt, docx, pdf or html."""
    encoding: str | None
    """Text encoding used (None for binary formats)."""
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...] = ()
    warnings: tuple[str, ...] = ()
    """Things the reader repaired or doubts, for the user's information (tracked changes, ...)."""

    @property
    def text(self) -> str:
        """The repaired text, one paragraph a line."""
        return "\n".join(block.text for block in self.blocks)


class SectionKind(StrEnum):
    """The role a node of the outline plays in the report."""

    ROOT = "root"
    TITLE_BLOCK = "title_block"
    """Title, date, issuing body, before the body starts."""
    SALUTATION = "salutation"
    """各位代表： and the formal opening paragraph."""
    PART = "part"
    """第一部分 / 第一章."""
    HEADING = "heading"
    """A numbered heading: 一、 （一） 1. （1） ..."""
    TITLE = "title"
    """A standalone title line without numbering or end punctuation."""
    BULLET = "bullet"
    """A ▶ / ■ / ● headline."""
    LEAD = "lead"
    """A run-in heading: the lead sentence of a paragraph that names its topic."""
    TOC = "toc"
    GLOSSARY = "glossary"
    TABLE = "table"
    PREAMBLE = "preamble"
    """Body text before the first heading that is neither title block nor salutation."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of body text, split on 。！？； and …… with quotes and brackets kept whole."""

    text: str
    line: int
    """Source line where the sentence starts."""
    item: str | None = None
    """The enumeration label when the sentence is an 一是/二是 item inside a paragraph."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph of a section."""

    text: str
    line: int
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A node of the outline: a heading and the body text up to the next heading of its level.

    ``id`` is the positional path (``"2.3"`` = third child of the second top-level section),
    which is stable for a given input; ``""`` is the root.
    """

    id: str
    kind: SectionKind
    title: str
    """The heading text without its numbering label (for LEAD, the lead sentence)."""
    number: str | None
    """The numbering label as written (``一、``, ``（一）``, ``1.``, ``▶``), else None."""
    style: str | None
    """A key for the numbering style (e.g. ``han-dun`` for 一、), used to nest headings."""
    level: int
    """Depth in the tree: 0 for the root, 1 for top-level sections."""
    line: int
    paragraphs: tuple[Paragraph, ...] = ()
    children: tuple[Section, ...] = ()
    byline: str | None = None
    """The issuing body printed under a chapter title, e.g. ``(杨浦区发展改革委)``, else None."""
    end_line: int | None = None
    """Last source line of the section's own text (heading and paragraphs, not children)."""

    def iter_sections(self) -> Iterator[Section]:
        """Yield this section and all its descendants in document order."""
        yield self
        for child in self.children:
            yield from child.iter_sections()

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """This section's own sentences (not its children's)."""
        return tuple(s for p in self.paragraphs for s in p.sentences)

    def all_sentences(self) -> tuple[Sentence, ...]:
        """This section's sentences followed by its descendants', in document order."""
        return tuple(s for section in self.iter_sections() for s in section.sentences)

    @property
    def heading(self) -> str:
        """Numbering label and title as a reader sees them."""
        return f"{self.number or ''}{self.title}"


@dataclass(frozen=True, slots=True)
class Outline:
    """The outline stage's output: the document and its section tree."""

    document: Document
    title: str | None
    """The report's title, as found in its title block."""
    root: Section

    def iter_sections(self) -> Iterator[Section]:
        """All sections in document order, the root excluded."""
        for child in self.root.children:
            yield from child.iter_sections()

    def section(self, section_id: str) -> Section:
        """Look a section up by id (KeyError when absent)."""
        for candidate in self.root.iter_sections():
            if candidate.id == section_id:
                return candidate
        raise KeyError(section_id)

    def as_records(self) -> dict[str, Any]:
        """The canonical, JSON-safe form (schema ``reportdiff.outline/1``)."""

        def node(section: Section) -> dict[str, Any]:
            return {
                "id": section.id,
                "kind": section.kind.value,
                "number": section.number,
                "title": section.title,
                "level": section.level,
                "line": section.line,
                **({"byline": section.byline} if section.byline else {}),
                "sentences": [
                    {"text": s.text, "line": s.line, **({"item": s.item} if s.item else {})}
                    for s in section.sentences
                ],
                "children": [node(child) for child in section.children],
            }

        return {
            "schema": "reportdiff.outline/1",
            "source": self.document.source,
            "format": self.document.fmt,
            "encoding": self.document.encoding,
            "title": self.title,
            "footnotes": [
                {"marker": f.marker, "text": f.text, "line": f.line}
                for f in self.document.footnotes
            ],
            "warnings": list(self.document.warnings),
            "sections": [node(child) for child in self.root.children],
        }
