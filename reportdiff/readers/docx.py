"""Word .docx: paragraphs and tables in document order, with the structure Word keeps apart.

List numbers Word stores in numbering definitions are put back in front of the text, heading
styles and table rows become :class:`~reportdiff.readers.Mark` s, tracked changes are read as
accepted, hidden text and content-control wrappers are handled. The archive is checked (a ZIP with
``word/document.xml``, not a zip bomb) before python-docx parses it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reportdiff.errors import InputError
from reportdiff.grammar import han_numeral
from reportdiff.model import BlockKind
from reportdiff.options import Options
from reportdiff.readers import Extracted, Mark, brief
from reportdiff.readers.chars import indented_lines, unify_ideographs
from reportdiff.readers.limits import Budget
from reportdiff.text import counted

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_SKIP_TEXT = {
    f"{{{_W}}}del",
    f"{{{_W}}}moveFrom",
    f"{{{_MC}}}Fallback",
    f"{{{_W}}}instrText",
    f"{{{_W}}}delText",
    f"{{{_W}}}rPr",
    f"{{{_W}}}pPr",
}


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str | None:
    """One counter in a Word numbering format; None for formats we do not rebuild (bullets...)."""
    if fmt in ("decimal", "decimalZero") or fmt == "":
        return f"{n:02d}" if fmt == "decimalZero" else str(n)
    if fmt == "ideographDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "chineseLegalSimplified" and 1 <= n <= 10:
        return "壹贰叁肆伍陆柒捌玖拾"[n - 1]
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "japaneseCounting",
    ):
        return han_numeral(n)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[n - 1]
    if fmt == "decimalEnclosedCircleChinese" or fmt == "decimalEnclosedCircle":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return None


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str
    text: str
    start: int


class _Numbering:
    """Rebuilds list labels (``1.``, ``一、``, ``（一）``) that Word keeps out of paragraph text."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], _Level] = {}
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstracts: dict[str, dict[int, _Level]] = {}
        for abstract in root.findall(f"{{{_W}}}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in abstract.findall(f"{{{_W}}}lvl"):
                levels[int(lvl.get(f"{{{_W}}}ilvl", "0"))] = _Level(
                    fmt=_val(lvl.find(f"{{{_W}}}numFmt")) or "decimal",
                    text=_val(lvl.find(f"{{{_W}}}lvlText")) or "",
                    start=int(_val(lvl.find(f"{{{_W}}}start")) or "1"),
                )
            abstracts[abstract.get(f"{{{_W}}}abstractNumId", "")] = levels
        for num in root.findall(f"{{{_W}}}num"):
            num_id = num.get(f"{{{_W}}}numId", "")
            abstract_id = _val(num.find(f"{{{_W}}}abstractNumId")) or ""
            self.abstract_of[num_id] = abstract_id
            for ilvl, level in abstracts.get(abstract_id, {}).items():
                self.levels[(num_id, ilvl)] = level
            for override in num.findall(f"{{{_W}}}lvlOverride"):
                ilvl = int(override.get(f"{{{_W}}}ilvl", "0"))
                start = _val(override.find(f"{{{_W}}}startOverride"))
                if start and (num_id, ilvl) in self.levels:
                    old = self.levels[(num_id, ilvl)]
                    self.levels[(num_id, ilvl)] = _Level(old.fmt, old.text, int(start))

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label of the next item of list ``num_id`` at level ``ilvl`` (counters advance)."""
        level = self.levels.get((num_id, ilvl))
        if level is None or num_id == "0":
            return None
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet" or level.fmt == "none":
            return None
        label = level.text

        def fill(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            ref = self.levels.get((num_id, index))
            count = counters.get(index, ref.start if ref else 1)
            return format_number(count, ref.fmt if ref else "decimal") or str(count)

        if format_number(1, level.fmt) is None:
            return None
        return re.sub(r"%([1-9])", fill, label)


def _val(element: Any) -> str | None:
    return None if element is None else element.get(f"{{{_W}}}val")


def _accepted_text(element: Any) -> tuple[str, bool]:
    """A paragraph's text with tracked changes accepted (insertions kept, deletions dropped);
    also whether it had any tracked change."""
    parts: list[str] = []
    changed = False

    def walk(node: Any) -> None:
        nonlocal changed
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in (f"{{{_W}}}del", f"{{{_W}}}moveFrom", f"{{{_W}}}ins", f"{{{_W}}}moveTo"):
                changed = True
            if tag in _SKIP_TEXT or (tag == f"{{{_W}}}r" and _hidden(child)):
                continue
            if tag == f"{{{_W}}}t":
                parts.append(child.text or "")
            elif tag == f"{{{_W}}}tab":
                parts.append("\t")
            elif tag in (f"{{{_W}}}br", f"{{{_W}}}cr"):
                if child.get(f"{{{_W}}}type") not in ("page", "column"):
                    parts.append("\n")
            elif tag == f"{{{_W}}}noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(element)
    text = "".join(parts)
    # A manual line break inside a paragraph is not a paragraph end: glue CJK, space Latin.
    text = re.sub(r"(?<=[^\x00-\x7f])\n|\n(?=[^\x00-\x7f])", "", text).replace("\n", " ")
    return text, changed


def _hidden(run: Any) -> bool:
    """A run formatted as hidden text (``w:vanish``), which Word does not show or print."""
    rpr = run.find(f"{{{_W}}}rPr")
    vanish = None if rpr is None else rpr.find(f"{{{_W}}}vanish")
    return vanish is not None and _val(vanish) not in ("0", "false", "off")


def _style_heading(style: Any) -> int | None:
    """The heading level of a paragraph style (``Heading N``/``标题 N``, or an outline level,
    following ``basedOn``). ``Title`` is not a heading: the outline finds the title block itself."""
    seen = 0
    while style is not None and seen < 10:
        name = (style.name or "").strip()
        found = re.fullmatch(r"(?i)(?:heading|标题)\s*([1-9])", name)
        if found:
            return int(found.group(1))
        level = _outline_level(style.element)
        if level is not None:
            return level
        style = style.base_style
        seen += 1
    return None


def _outline_level(element: Any) -> int | None:
    ppr = element.find(f"{{{_W}}}pPr")
    if ppr is None:
        return None
    lvl = _val(ppr.find(f"{{{_W}}}outlineLvl"))
    if lvl is None or not lvl.isdigit() or int(lvl) >= 9:
        return None
    return int(lvl) + 1


def _num_pr(element: Any, style: Any) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph's list numbering, from the paragraph or its style chain."""
    candidates = [element]
    seen = 0
    while style is not None and seen < 10:
        candidates.append(style.element)
        style = style.base_style
        seen += 1
    for candidate in candidates:
        ppr = candidate.find(f"{{{_W}}}pPr")
        numpr = None if ppr is None else ppr.find(f"{{{_W}}}numPr")
        if numpr is None:
            continue
        num_id = _val(numpr.find(f"{{{_W}}}numId"))
        if num_id is None:
            continue
        ilvl = _val(numpr.find(f"{{{_W}}}ilvl")) or "0"
        return num_id, int(ilvl) if ilvl.isdigit() else 0
    return None


def _docx_archive_check(data: bytes, source: str, budget: Budget) -> None:
    """A .docx is a ZIP with word/document.xml; refuse others and zip bombs before parsing (the
    sizes the ZIP declares bound what python-docx will unpack: ``zipfile`` stops at them)."""
    import zipfile

    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise InputError(
                source,
                "is a password-protected .docx",
                "remove the password in Word or WPS and save it again",
            )
        raise InputError(
            source,
            "is an old Word .doc (or .wps) file, not a .docx",
            "open it in Word or WPS and save it as .docx",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise InputError(
            source,
            f"not a valid .docx ({brief(exc)})",
            "open it in Word or WPS and save it again as .docx",
        ) from None
    if "word/document.xml" not in names:
        raise InputError(
            source,
            "not a valid .docx (no word/document.xml inside the ZIP)",
            "open it in Word or WPS and save it again as .docx",
        )
    budget.spend(unpacked)


def read(data: bytes, source: str, options: Options) -> Extracted:
    """Word .docx: paragraphs and tables in document order, one source line per paragraph or row.

    Heading styles (``Heading N``, outline levels) become HEADING marks, table rows TABLE_ROW marks
    with cells joined by a tab, list numbers Word keeps in numbering definitions are put back in
    front of the text, and tracked changes are read as accepted (with a warning).
    """
    budget = Budget.for_input(source, options)
    _docx_archive_check(data, source, budget)
    try:
        return _read_docx(data, budget)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many types on corrupt files
        raise InputError(
            source,
            f"not a valid .docx ({type(exc).__name__}: {brief(exc)})",
            "open it in Word or WPS and save it again as .docx",
        ) from None


def _read_docx(data: bytes, budget: Budget) -> Extracted:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    budget.check_time()
    numbering = _Numbering(document)
    lines: list[str] = []
    marks: list[Mark] = []
    tracked = 0
    labelled = 0
    styles: dict[str | None, Any] = {}
    levels: dict[str | None, int | None] = {}
    for count, item in enumerate(_body_items(document.element.body, document._body)):
        if count % 256 == 0:
            budget.check_time()
        if isinstance(item, Paragraph):
            text, changed = _accepted_text(item._p)
            tracked += changed
            style_id = item._p.style
            if style_id not in styles:
                # python-docx's Paragraph.style scans every style each time: look each up once.
                try:
                    styles[style_id] = item.style
                except (KeyError, ValueError):
                    styles[style_id] = None
            style = styles[style_id]
            if style_id not in levels:
                levels[style_id] = _style_heading(style) if style is not None else None
            level = levels[style_id]
            own_level = _outline_level(item._p)
            if own_level is not None:
                level = own_level
            numpr = _num_pr(item._p, style)
            if numpr is not None and text.strip():
                label = numbering.label(*numpr)
                if label and not text.lstrip().startswith(label.strip()):
                    text = label + text
                    labelled += 1
            if level is not None and text.strip():
                marks.append(Mark(len(lines), BlockKind.HEADING, level))
            lines.append(unify_ideographs(text.replace("\t", " ")))
        elif isinstance(item, Table):
            for row_text in _table_rows(item):
                if row_text.strip():
                    marks.append(Mark(len(lines), BlockKind.TABLE_ROW))
                lines.append(unify_ideographs(row_text))
    warnings: list[str] = []
    if tracked:
        warnings.append(
            f"read {counted(tracked, 'paragraph')} with tracked changes as accepted "
            "(insertions kept, deletions dropped)"
        )
    if labelled:
        warnings.append(
            f"put back {counted(labelled, 'list number')} that Word keeps outside the text"
        )
    return Extracted(
        lines=tuple(lines),
        marks=tuple(marks),
        indents=indented_lines(lines),
        warnings=tuple(warnings),
    )


def _body_items(element: Any, parent: Any) -> Iterator[Any]:
    """Paragraphs and tables in document order, like ``Document.iter_inner_content()``, but also
    inside content controls (``w:sdt``, which Word uses for tables of contents and templates)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        tag = child.tag
        if tag == f"{{{_W}}}p":
            yield Paragraph(child, parent)
        elif tag == f"{{{_W}}}tbl":
            yield Table(child, parent)
        elif tag == f"{{{_W}}}sdt":
            content = child.find(f"{{{_W}}}sdtContent")
            if content is not None:
                yield from _body_items(content, parent)
        elif tag == f"{{{_W}}}customXml":
            yield from _body_items(child, parent)


def _table_rows(table: Any) -> Iterator[str]:
    """Each row's cells (merged cells once), cell paragraphs joined, cells joined by a tab."""
    for row in table.rows:
        cells: list[str] = []
        seen: list[Any] = []
        for cell in row.cells:
            if any(cell._tc is other for other in seen):
                continue
            seen.append(cell._tc)
            texts = [_accepted_text(p._p)[0].strip() for p in cell.paragraphs]
            cells.append(" ".join(t for t in texts if t).replace("\t", " "))
        yield "\t".join(cells).rstrip("\t")
