"""Format readers: bytes of one input format → :class:`~reportdiff.load.Extracted` text lines.

Every reader turns every problem it meets into an :class:`~reportdiff.errors.InputError` naming the
file, the problem and the fix, so a bad input never ends in a traceback. Heavy libraries
(python-docx, pdfminer.six, BeautifulSoup/lxml, charset-normalizer) are imported inside the reader
that needs them.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from reportdiff.errors import InputError
from reportdiff.grammar import (
    HTML_CHROME_NAMES,
    PARAGRAPH_END,
    cjk_count,
    han_numeral,
    is_page_number,
)
from reportdiff.load import Extracted
from reportdiff.model import BlockKind
from reportdiff.options import Options

Hint = tuple[int, BlockKind, int | None]

# --- characters -----------------------------------------------------------------------------------

#: CJK Radicals Supplement characters that PDF text layers emit for ordinary (mostly simplified)
#: ideographs; NFKC maps only two of this block, so the equivalents (from Unicode's
#: EquivalentUnifiedIdeograph data) are listed here.
RADICAL_SUPPLEMENT = {
    "\u2e81": "厂",
    "\u2e84": "乙",
    "\u2e86": "冂",
    "\u2e87": "几",
    "\u2e8c": "小",
    "\u2e8d": "小",
    "\u2e8e": "兀",
    "\u2e8f": "尣",
    "\u2e90": "尢",
    "\u2e92": "巳",
    "\u2e93": "幺",
    "\u2e94": "彑",
    "\u2e96": "忄",
    "\u2e97": "心",
    "\u2e98": "扌",
    "\u2e99": "攵",
    "\u2e9b": "旡",
    "\u2e9d": "月",
    "\u2e9e": "歺",
    "\u2e9f": "母",
    "\u2ea0": "民",
    "\u2ea1": "氵",
    "\u2ea2": "氺",
    "\u2ea3": "灬",
    "\u2ea4": "爫",
    "\u2ea6": "丬",
    "\u2ea7": "牛",
    "\u2ea8": "犭",
    "\u2ea9": "王",
    "\u2eaa": "疋",
    "\u2eab": "罒",
    "\u2eac": "示",
    "\u2ead": "礻",
    "\u2eae": "竹",
    "\u2eaf": "糹",
    "\u2eb0": "纟",
    "\u2eb2": "罒",
    "\u2eb3": "罓",
    "\u2eb4": "网",
    "\u2eb7": "羊",
    "\u2eb9": "耂",
    "\u2eba": "肀",
    "\u2ebb": "聿",
    "\u2ebc": "月",
    "\u2ebd": "臼",
    "\u2ebe": "艹",
    "\u2ebf": "艹",
    "\u2ec0": "艹",
    "\u2ec1": "虎",
    "\u2ec2": "衤",
    "\u2ec3": "覀",
    "\u2ec4": "西",
    "\u2ec5": "见",
    "\u2ec6": "角",
    "\u2ec7": "角",
    "\u2ec8": "讠",
    "\u2ec9": "贝",
    "\u2ecb": "车",
    "\u2ecc": "辶",
    "\u2ecd": "辶",
    "\u2ecf": "阝",
    "\u2ed0": "钅",
    "\u2ed1": "長",
    "\u2ed2": "镸",
    "\u2ed3": "长",
    "\u2ed4": "门",
    "\u2ed6": "阝",
    "\u2ed7": "雨",
    "\u2ed8": "青",
    "\u2ed9": "韦",
    "\u2eda": "页",
    "\u2edb": "风",
    "\u2edc": "飞",
    "\u2edd": "食",
    "\u2edf": "飠",
    "\u2ee0": "饣",
    "\u2ee2": "马",
    "\u2ee3": "骨",
    "\u2ee4": "鬼",
    "\u2ee5": "鱼",
    "\u2ee6": "鸟",
    "\u2ee7": "卤",
    "\u2ee8": "麦",
    "\u2ee9": "黄",
    "\u2eea": "黾",
    "\u2eeb": "斉",
    "\u2eec": "齐",
    "\u2eed": "歯",
    "\u2eee": "齿",
    "\u2eef": "竜",
    "\u2ef0": "龙",
    "\u2ef1": "龜",
    "\u2ef2": "亀",
    "\u2ef3": "龟",
}
_RADICAL_OR_COMPAT = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")


def unify_ideographs(text: str) -> str:
    """Map Kangxi radicals, CJK Radicals Supplement and CJK compatibility ideographs to the unified
    ideographs a reader sees (⽣ U+2F63 → 生), so PDF text compares equal to typed text."""
    if not _RADICAL_OR_COMPAT.search(text):
        return text

    def one(match: re.Match[str]) -> str:
        ch = match.group()
        if ch in RADICAL_SUPPLEMENT:
            return RADICAL_SUPPLEMENT[ch]
        mapped = unicodedata.normalize("NFKC", ch)
        return mapped if len(mapped) == 1 else ch

    return _RADICAL_OR_COMPAT.sub(one, text)


# --- binary detection and text decoding -----------------------------------------------------------

#: Magic numbers of files people pick by mistake: (prefix, what it is, fix).
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "is a PDF file with a text-file name", "rename it to .pdf or add --from-format pdf"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "looks like an old Word .doc / .wps or an encrypted Office file",
        "open it in Word or WPS and save it (without a password) as .docx",
    ),
    (b"{\\rtf", "is an RTF document", "open it in Word or WPS and save it as .docx or .txt"),
    (b"\x89PNG", "looks like a binary file (a PNG image), not a report", "give the report's text"),
    (
        b"\xff\xd8\xff",
        "looks like a binary file (a JPEG image), not a report",
        "run OCR first, e.g. ocrmypdf",
    ),
    (b"GIF8", "looks like a binary file (a GIF image), not a report", "give the report's text"),
    (b"\x7fELF", "looks like a binary file (a program), not a report", "give the report's text"),
    (b"MZ\x90\x00", "looks like a binary file (a program), not a report", "give the report's text"),
    (b"\x1f\x8b", "looks like a binary file (gzip), not a report", "unpack it first"),
    (
        b"7z\xbc\xaf\x27\x1c",
        "looks like a binary file (7z archive), not a report",
        "unpack it first",
    ),
    (b"Rar!", "looks like a binary file (RAR archive), not a report", "unpack it first"),
    (
        b"SQLite format 3",
        "looks like a binary file (a database), not a report",
        "give the report's text",
    ),
)
_UTF32_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def check_binary(data: bytes, source: str) -> None:
    """Refuse files that are known not to be text by their magic number (images, programs,
    archives, old Word files, a PDF or .docx with a text-file name). Control bytes inside what
    should be text are caught while decoding."""
    for magic, problem, fix in _MAGIC:
        if data.startswith(magic):
            raise InputError(source, problem, fix)
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536]:
            raise InputError(
                source,
                "is a Word .docx file with a text-file name",
                "rename it to .docx or add --from-format docx",
            )
        raise InputError(
            source, "looks like a binary file (a ZIP archive), not a report", "unpack it first"
        )


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes sit at alternate positions (the ASCII digits, spaces
    and line ends of UTF-16 text), else None."""
    sample = data[:65536]
    nuls = sample.count(0)
    if nuls < 4 or len(sample) % 2:
        return None
    even = sample[0::2].count(0)
    odd = nuls - even
    # ASCII characters put their NUL on one side; ideographs such as 一 (U+4E00) on the other.
    if odd >= 0.75 * nuls:
        codec = "utf-16-le"
    elif even >= 0.75 * nuls:
        codec = "utf-16-be"
    else:
        return None
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return None
    return codec


def _plausible_gb(text: str) -> bool:
    """Does a strict GB18030 decode look like Chinese (mostly GB2312 characters), not another
    multibyte encoding (Big5, Shift-JIS...) decoded by mistake?"""
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return True
    sample = wide[:5000]
    common = 0
    for ch in sample:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.8 * len(sample)


def _canonical(codec: str) -> str:
    """gb2312/gbk are subsets of gb18030 (detectors name them for text with characters outside)."""
    name = codecs.lookup(codec).name
    return "gb18030" if name in ("gb2312", "gbk", "gb18030") else name


def decode_text(data: bytes, source: str, options: Options) -> tuple[str, str]:
    """Decode text bytes; returns (text, codec used).

    ``--encoding`` wins; else a BOM (UTF-8, UTF-16, UTF-32); else UTF-16 without BOM (NULs at
    alternate positions); else strict UTF-8; else UTF-8 with a few broken bytes (a truncated
    download; replaced by U+FFFD, with a warning from the readers); else strict GB18030 when the
    result looks like Chinese; else charset-normalizer (gb2312/gbk read as gb18030) when it yields
    Chinese text. NUL or other control bytes in what should be text mean a binary file.
    """
    text, codec, _ = _decode(data, source, options)
    return text, codec


def _lenient(data: bytes, codec: str, limit: int) -> tuple[str, int] | None:
    """Decode with at most ``limit`` undecodable byte runs replaced by U+FFFD, else None."""
    parts: list[str] = []
    position = 0
    bad = 0
    while True:
        rest = data[position:]
        try:
            parts.append(rest.decode(codec))
            return "".join(parts), bad
        except UnicodeDecodeError as exc:
            bad += 1
            if bad > limit:
                return None
            parts.append(rest[: exc.start].decode(codec) + "\ufffd")
            position += exc.end


def _replaced(bad: int, codec: str) -> tuple[str, ...]:
    return (
        f"replaced {bad} byte sequences that are not valid {codec} with \ufffd "
        "(a damaged or truncated file?)",
    )


def _decode(data: bytes, source: str, options: Options) -> tuple[str, str, tuple[str, ...]]:
    """:func:`decode_text` with the warnings it has to give."""
    if options.encoding:
        return (*_decode_forced(data, source, options.encoding), ())
    return _decode_detected(data, source)


def _decode_forced(data: bytes, source: str, encoding: str) -> tuple[str, str]:
    """Decode with the codec the user named (``--encoding``)."""
    try:
        codec = _canonical(encoding)
    except LookupError:
        raise InputError(
            source,
            f"unknown encoding {encoding!r}",
            "name a codec such as utf-8, gb18030 or utf-16",
        ) from None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            source,
            f"cannot be decoded as {codec} (byte {exc.start})",
            "check --encoding, or leave it out to detect the encoding",
        ) from None
    return _check_text(text.removeprefix("\ufeff"), source), codec


def _decode_detected(data: bytes, source: str) -> tuple[str, str, tuple[str, ...]]:
    """The detection rules of :func:`decode_text`."""
    for bom, codec in _UTF32_BOMS:
        if data.startswith(bom):
            return _strict(data[4:], codec, source), codec, ()
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", source), "utf-8-sig", ()
    if data.startswith(b"\xff\xfe"):
        return _strict(data[2:], "utf-16-le", source), "utf-16-le", ()
    if data.startswith(b"\xfe\xff"):
        return _strict(data[2:], "utf-16-be", source), "utf-16-be", ()
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _check_text(data.decode(utf16), source), utf16, ()
    if 0 in data and 0 not in data.rstrip(b"\x00"):
        data = data.rstrip(b"\x00")  # NUL padding some Windows tools leave at the end
    if 0 in data:
        raise InputError(
            source,
            "looks like a binary file, not a report (it contains NUL bytes)",
            "give the report's text, or name its encoding with --encoding",
        )
    try:
        return _check_text(data.decode("utf-8"), source), "utf-8", ()
    except UnicodeDecodeError:
        # A few broken sequences in UTF-8 (a truncated download): GB text is never this close.
        nearly = _lenient(data, "utf-8", max(2, len(data) // 2000))
        if nearly is not None and cjk_count(nearly[0]) >= 20:
            return _check_text(nearly[0], source), "utf-8", _replaced(nearly[1], "utf-8")
    gb_text: str | None
    try:
        gb_text = data.decode("gb18030")
    except UnicodeDecodeError:
        gb_text = None
    if gb_text is not None and _plausible_gb(gb_text):
        return _check_text(gb_text, source), "gb18030", ()
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        codec = _canonical(best.encoding)
        try:
            guess = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            guess = ""
        # A report is Chinese: a guess without Chinese text would be a silently wrong reading.
        if cjk_count(guess) >= 10 and cjk_count(guess) >= 0.2 * sum(ord(c) > 0x7F for c in guess):
            return _check_text(guess, source), codec, ()
    if gb_text is not None:
        return _check_text(gb_text, source), "gb18030", ()
    raise InputError(
        source,
        "text encoding not recognised (not UTF-8, GB18030 or UTF-16)",
        "save it as UTF-8, or name the encoding with --encoding",
    )


def _strict(data: bytes, codec: str, source: str) -> str:
    try:
        return _check_text(data.decode(codec), source)
    except UnicodeDecodeError as exc:
        raise InputError(
            source,
            f"starts with a {codec} byte-order mark but is not valid {codec} (byte {exc.start})",
            "re-save the file as UTF-8",
        ) from None


def _check_text(text: str, source: str) -> str:
    """Decoded text with many control characters was a binary file that happened to decode."""
    controls = len(_CONTROL.findall(text[:200000]))
    if controls and (controls > 0.01 * min(len(text), 200000) or "\x00" in text[:200000]):
        raise InputError(
            source,
            "looks like a binary file, not a report (it has control characters)",
            "give the report's text, or name its encoding with --encoding",
        )
    return text


def _split_lines(text: str) -> list[str]:
    """Split on every line break text files use (CRLF, CR, LF, U+2028); form feeds end a line."""
    return re.split(r"\r\n|[\r\n\u2028\u2029\x0c\x85]", text)


def read_txt(data: bytes, source: str, options: Options) -> Extracted:
    """Plain text or Markdown in any supported encoding; one source line per text line."""
    if not options.encoding:
        check_binary(data, source)
    text, codec, warnings = _decode(data, source, options)
    text = unify_ideographs(text)
    return Extracted(lines=tuple(_split_lines(text)), encoding=codec, warnings=warnings)


# --- docx -----------------------------------------------------------------------------------------

#: Refuse a .docx whose parts unpack to more than this (a zip bomb), whatever --max-bytes says.
MAX_DOCX_UNPACKED = 512 * 1024 * 1024
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


def _docx_archive_check(data: bytes, source: str) -> None:
    """A .docx is a ZIP with word/document.xml; refuse others and zip bombs before parsing."""
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
            f"not a valid .docx ({_short(exc)})",
            "open it in Word or WPS and save it again as .docx",
        ) from None
    if "word/document.xml" not in names:
        raise InputError(
            source,
            "not a valid .docx (no word/document.xml inside the ZIP)",
            "open it in Word or WPS and save it again as .docx",
        )
    if unpacked > MAX_DOCX_UNPACKED:
        raise InputError(
            source,
            f"unpacks to {unpacked:,} bytes, over the "
            f"{MAX_DOCX_UNPACKED:,}-byte limit (a zip bomb?)",
            "give the report's own .docx",
        )


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:100]


def read_docx(data: bytes, source: str, options: Options) -> Extracted:
    """Word .docx: paragraphs and tables in document order, one source line per paragraph or row.

    Heading styles (``Heading N``, outline levels) become HEADING hints, table rows TABLE_ROW hints
    with cells joined by a tab, list numbers Word keeps in numbering definitions are put back in
    front of the text, and tracked changes are read as accepted (with a warning).
    """
    _docx_archive_check(data, source)
    try:
        return _read_docx(data)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many types on corrupt files
        raise InputError(
            source,
            f"not a valid .docx ({type(exc).__name__}: {_short(exc)})",
            "open it in Word or WPS and save it again as .docx",
        ) from None


def _read_docx(data: bytes) -> Extracted:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    numbering = _Numbering(document)
    lines: list[str] = []
    hints: list[Hint] = []
    tracked = 0
    labelled = 0
    styles: dict[str | None, Any] = {}
    levels: dict[str | None, int | None] = {}
    for item in _body_items(document.element.body, document._body):
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
                hints.append((len(lines), BlockKind.HEADING, level))
            lines.append(unify_ideographs(text.replace("\t", " ")))
        elif isinstance(item, Table):
            for row_text in _table_rows(item):
                if row_text.strip():
                    hints.append((len(lines), BlockKind.TABLE_ROW, None))
                lines.append(unify_ideographs(row_text))
    warnings: list[str] = []
    if tracked:
        warnings.append(
            f"read {tracked} paragraphs with tracked changes as accepted "
            "(insertions kept, deletions dropped)"
        )
    if labelled:
        warnings.append(f"put back {labelled} list numbers that Word keeps outside the text")
    return Extracted(
        lines=tuple(lines), encoding=None, hints=tuple(hints), warnings=tuple(warnings)
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


# --- PDF ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PdfLine:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    marker: bool = False
    """A superscript footnote number put on a line of its own."""


def read_pdf(data: bytes, source: str, options: Options) -> Extracted:
    """PDF with a text layer: one source line per extracted line, pages in order.

    Running headers and page numbers in the top/bottom bands are dropped; superscript footnote
    numbers go on a line of their own (where :func:`~reportdiff.load.repair` takes them out with
    their footnotes); other superscripts are dropped. The first line of each page is indented by a
    space, which is how repair recognises a page break; ``Extracted.breaks`` gives the paragraph
    starts the layout shows. PDFs with no text layer (scanned) or an unreadable one (fonts
    without a Unicode map) are refused. Characters come from pdfminer.six (pdfplumber's engine)
    without its layout analysis, which is all pdfplumber would add here, at twice the cost.
    """
    with _quiet_pdfminer():
        try:
            pages = _pdf_pages(data)
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001 - pdfminer raises many types on corrupt files
            raise _pdf_error(source, exc) from None
    return _pdf_extracted(pages, source)


@contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs damaged-file warnings to stderr; our one-line messages say what matters."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def _pdf_error(source: str, exc: BaseException) -> InputError:
    """One message for any failure of the PDF library; pdfplumber wraps pdfminer's exception
    (``PdfminerException(PDFPasswordIncorrect())``), so the whole chain is looked at."""
    chain: list[BaseException] = []
    pending: list[BaseException] = [exc]
    while pending and len(chain) < 10:
        current = pending.pop()
        chain.append(current)
        pending.extend(a for a in current.args if isinstance(a, BaseException))
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
    names = " ".join(type(e).__name__ for e in chain)
    inner = chain[-1] if len(chain) > 1 else exc
    name = type(inner).__name__
    if "Password" in names or "Encrypt" in names or "encrypt" in str(exc).lower():
        return InputError(
            source,
            "is an encrypted (password-protected) PDF",
            "remove the password first, e.g. qpdf --decrypt in.pdf out.pdf",
        )
    return InputError(
        source,
        f"not a valid PDF ({name}: {_short(inner)})",
        "open and save it again, or export the report as PDF again",
    )


@dataclass(frozen=True, slots=True)
class _Page:
    lines: tuple[_PdfLine, ...]
    height: float
    has_images: bool
    body: float
    """The body text's font size (the commonest in the document)."""


def _pdf_pages(data: bytes) -> list[_Page]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    raw: list[tuple[list[dict[str, Any]], float, bool]] = []
    for page in PDFPage.create_pages(document):
        interpreter.process_page(page)
        layout = device.get_result()
        chars: list[dict[str, Any]] = []
        images = _collect_chars(layout, float(layout.y1), chars)
        raw.append((chars, float(layout.height), images))
    sizes = Counter(round(c["size"], 1) for chars, _, _ in raw for c in chars if c["text"].strip())
    body = sizes.most_common(1)[0][0] if sizes else 12.0
    pages: list[_Page] = []
    for chars, height, images in raw:
        lines = _page_lines([c for c in chars if c["text"].strip() or c["text"] == " "], body)
        pages.append(_Page(tuple(lines), height, images, body))
    return pages


def _collect_chars(container: Any, page_top: float, out: list[dict[str, Any]]) -> bool:
    """Append the characters under ``container`` (top-down coordinates); True when it holds
    images."""
    from pdfminer.layout import LTChar, LTFigure, LTImage

    images = False
    for item in container:
        if isinstance(item, LTChar):
            out.append(
                {
                    "text": item.get_text(),
                    "x0": float(item.x0),
                    "x1": float(item.x1),
                    "top": page_top - float(item.y1),
                    "bottom": page_top - float(item.y0),
                    "size": float(item.size),
                }
            )
        elif isinstance(item, LTImage):
            images = True
        elif isinstance(item, LTFigure):
            images = _collect_chars(item, page_top, out) or images
    return images


@dataclass
class _Row:
    """Characters sharing a baseline, and the superscripts raised above them."""

    chars: list[dict[str, Any]]
    marks: list[dict[str, Any]]

    @property
    def top(self) -> float:
        return min(float(c["top"]) for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(float(c["bottom"]) for c in self.chars)


def _page_lines(chars: list[dict[str, Any]], body: float) -> list[_PdfLine]:
    """Group a page's characters into lines; superscript numbers become lines of their own."""
    normal: list[dict[str, Any]] = []
    small: list[dict[str, Any]] = []
    for ch in chars:
        (small if float(ch["size"]) < 0.8 * body else normal).append(ch)
    rows: list[_Row] = []
    for ch in sorted(normal, key=lambda c: (float(c["bottom"]), float(c["x0"]))):
        if rows and abs(float(rows[-1].chars[-1]["bottom"]) - float(ch["bottom"])) <= 0.35 * float(
            ch["size"]
        ):
            rows[-1].chars.append(ch)
        else:
            rows.append(_Row([ch], []))
    bounds = [(row.top, row.bottom) for row in rows]
    loose: list[dict[str, Any]] = []
    for ch in small:
        # A superscript sits inside a line of larger text, its bottom well above that line's.
        top, bottom = float(ch["top"]), float(ch["bottom"])
        host = next(
            (
                row
                for row, (row_top, row_bottom) in zip(rows, bounds, strict=True)
                if row_top - 0.3 * body <= top and row_top < bottom < row_bottom - 0.15 * body
            ),
            None,
        )
        if host is None:
            loose.append(ch)
        else:
            host.marks.append(ch)
    # Small text that is not raised (table cells, footnote bodies) forms lines of its own.
    for ch in sorted(loose, key=lambda c: (float(c["bottom"]), float(c["x0"]))):
        row = next(
            (
                r
                for r in rows
                if abs(float(r.chars[-1]["bottom"]) - float(ch["bottom"]))
                <= 0.35 * float(ch["size"])
            ),
            None,
        )
        if row is None:
            rows.append(_Row([ch], []))
        else:
            row.chars.append(ch)
    rows.sort(key=lambda r: (r.bottom, r.top))
    lines: list[_PdfLine] = []
    for row in rows:
        lines.extend(_row_lines(row))
    return lines


def _row_lines(row: _Row) -> list[_PdfLine]:
    """A row's text; a superscript number splits it (``…以上`` / ``1`` / ``。…``) the way PDF
    text layers put footnote markers, and other superscripts are dropped."""
    items = sorted(
        [(float(c["x0"]), 0, c) for c in row.chars] + [(float(c["x0"]), 1, c) for c in row.marks],
        key=lambda item: (item[0], item[1]),
    )
    top, bottom = row.top, row.bottom
    lines: list[_PdfLine] = []
    text = ""
    x0: float | None = None
    x1 = 0.0
    previous: dict[str, Any] | None = None
    marker = ""

    def flush_marker() -> None:
        nonlocal marker, text, x0
        if marker and marker.isdigit() and len(marker) <= 2:
            if text.strip():
                lines.append(_PdfLine(text.rstrip(), top, bottom, x0 or 0.0, x1))
            lines.append(_PdfLine(marker, top, bottom, x1, x1, marker=True))
            text, x0 = "", None
        marker = ""

    space = False
    for _, is_mark, ch in items:
        if is_mark:
            marker += ch["text"]
            continue
        flush_marker()
        if ch["text"] == " ":
            # A space glyph the document really has (「救在黄浦 助福万家」): keep one.
            space = bool(text)
            continue
        if space and not text.endswith(" "):
            text += " "
        space = False
        if previous is not None and text:
            gap = float(ch["x0"]) - float(previous["x1"])
            size = float(ch["size"])
            latin = (
                previous["text"][-1:].isascii()
                and previous["text"][-1:].isalnum()
                or (ch["text"][:1].isascii() and ch["text"][:1].isalnum())
            )
            if (gap > 1.5 * size or (latin and gap > 0.2 * size)) and not text.endswith(" "):
                text += " "
        if x0 is None:
            x0 = float(ch["x0"])
        x1 = float(ch["x1"])
        text += ch["text"]
        previous = ch
    flush_marker()
    if text.strip():
        lines.append(_PdfLine(text.rstrip(), top, bottom, x0 or 0.0, x1))
    return lines


_RARE = re.compile("[\u3400-\u4dbf\ue000-\uf8ff]")


def _pdf_extracted(pages: list[_Page], source: str) -> Extracted:
    """Drop running headers and page numbers, refuse scanned or unreadable text layers."""
    text_chars = sum(len(line.text) for page in pages for line in page.lines)
    if text_chars < 20:
        if any(page.has_images for page in pages):
            raise InputError(
                source,
                "has no text layer (it looks scanned)",
                "run OCR first, e.g. ocrmypdf in.pdf out.pdf",
            )
        raise InputError(source, "has no text in it", "give a PDF of the report with its text")
    joined = "".join(line.text for page in pages for line in page.lines)
    cjk = cjk_count(joined)
    rare = len(_RARE.findall(joined))
    if (
        joined.count("(cid:") > 3
        or joined.count("\ufffd") > 0.01 * len(joined)
        or (rare > 20 and rare > 0.1 * (cjk + rare))
    ):
        raise InputError(
            source,
            "has a text layer that cannot be read (its fonts have no Unicode map)",
            "run OCR first, e.g. ocrmypdf --force-ocr in.pdf out.pdf",
        )
    # Running headers/footers: the same text in the top or bottom band of many pages.
    band: Counter[str] = Counter()
    for page in pages:
        for text in {line.text for line in page.lines if _in_band(line, page)}:
            band[text] += 1
    repeated = {text for text, count in band.items() if count >= 3 and count >= 0.5 * len(pages)}
    lines: list[str] = []
    placed: list[_PdfLine] = []
    dropped = 0
    blank_pages = 0
    for page in pages:
        kept = [
            line
            for line in page.lines
            if not (
                _in_band(line, page)
                and (is_page_number(line.text, in_margin=True) or line.text in repeated)
            )
        ]
        dropped += len(page.lines) - len(kept)
        if not kept:
            blank_pages += 1
        for position, line in enumerate(kept):
            lines.append((" " if position == 0 else "") + unify_ideographs(line.text))
            placed.append(line)
    warnings = []
    if dropped:
        warnings.append(f"dropped {dropped} page-number and running-header lines of the PDF")
    if blank_pages and any(page.has_images and not page.lines for page in pages):
        warnings.append(
            f"{blank_pages} PDF pages have no text layer (scanned?); their text is missing"
        )
    body = pages[0].body
    return Extracted(
        lines=tuple(lines),
        encoding=None,
        warnings=tuple(warnings),
        breaks=_paragraph_breaks(placed, body),
    )


def _paragraph_breaks(lines: list[_PdfLine], body: float) -> tuple[int, ...]:
    """Lines that start a paragraph by layout: indented past the left margin (a first-line
    indent, a centred title), or after a line that ends short of the right margin *and* closes a
    sentence (or is a short line such as a title). Justified CJK text often ends a line a character
    or two short where punctuation may not start the next line: that alone is no break."""
    text_lines = [line for line in lines if not line.marker]
    if len(text_lines) < 5:
        return ()
    left = Counter(round(line.x0) for line in text_lines).most_common(1)[0][0]
    right = Counter(round(line.x1) for line in text_lines).most_common(1)[0][0]
    breaks: list[int] = []
    previous: _PdfLine | None = None
    for index, line in enumerate(lines):
        if line.marker:
            continue
        ends_short = previous is not None and previous.x1 < right - 2.2 * body
        closes = previous is not None and (
            previous.text.rstrip()[-1:] in PARAGRAPH_END + "”」"
            or previous.x1 < right - 0.5 * (right - left)
        )
        if previous is None or line.x0 > left + 0.8 * body or (ends_short and closes):
            breaks.append(index)
        previous = line
    return tuple(breaks)


def _in_band(line: _PdfLine, page: _Page) -> bool:
    return line.bottom < 0.1 * page.height or line.top > 0.9 * page.height


# --- HTML -----------------------------------------------------------------------------------------

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "template",
    "svg",
    "canvas",
    "object",
    "embed",
    "video",
    "audio",
    "button",
    "select",
    "input",
    "textarea",
    "head",
    "title",
    "meta",
    "link",
)
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "address",
    "figure",
    "figcaption",
    "center",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "hr",
    "body",
    "html",
    "details",
    "summary",
    "fieldset",
    "legend",
}
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")


def _html_decode(data: bytes, source: str, options: Options) -> tuple[str, str, tuple[str, ...]]:
    """Decode per ``--encoding``, a BOM, ``<meta charset>`` (a few broken bytes are replaced, with
    a warning), then the text rules."""
    if not options.encoding and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        found = _META_CHARSET.search(data[:4096])
        if found:
            try:
                codec = _canonical(found.group(1).decode("ascii"))
                nearly = _lenient(data, codec, max(2, len(data) // 2000))
            except LookupError:
                nearly = None
            if nearly is not None:
                text = _check_text(nearly[0], source)
                return text, codec, _replaced(nearly[1], codec) if nearly[1] else ()
    return _decode(data, source, options)


def read_html(data: bytes, source: str, options: Options) -> Extracted:
    """HTML: the main text without scripts, styles, navigation, headers or footers.

    One source line per block element; ``h1``–``h6`` become HEADING hints, table rows TABLE_ROW
    hints (cells joined by a tab). The main part is ``<article>``/``<main>`` (or the element whose
    class says content) when it holds most of the page's Chinese text. Nothing is fetched or run.
    """
    text, codec, warnings = _html_decode(data, source, options)
    try:
        from bs4 import BeautifulSoup, Comment

        soup = BeautifulSoup(text, "lxml")
    except Exception as exc:  # noqa: BLE001 - lxml raises various errors on hostile input
        raise InputError(
            source,
            f"not a readable HTML page ({_short(exc)})",
            "save the page again, or copy its text into a .txt file",
        ) from None
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        if tag.decomposed:
            continue
        if tag.name == "header" and tag.find_parent(["article", "main"]) is not None:
            continue  # an article's own header holds its title
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        attrs = tag.attrs or {}
        names = " ".join(
            [*(attrs.get("class") or []), str(attrs.get("id") or ""), str(attrs.get("role") or "")]
        )
        style = str(attrs.get("style") or "").replace(" ", "").lower()
        if (
            (
                names.strip()
                and HTML_CHROME_NAMES.search(names)
                and tag.name not in ("body", "html", "article", "main")
            )
            or "display:none" in style
            or attrs.get("hidden") is not None
            or attrs.get("aria-hidden") == "true"
        ):
            tag.decompose()
    body = soup.body or soup
    root = _main_part(body)
    walker = _HtmlLines()
    if root is not body:
        # The page title often sits above the content box: keep the first <h1> outside it.
        title = body.find("h1")
        if title is not None and root not in title.parents and title not in root.descendants:
            walker.visit(title)
    walker.walk(root)
    walker.flush()
    lines = tuple(unify_ideographs(line) for line in walker.lines)
    return Extracted(lines=lines, encoding=codec, hints=tuple(walker.hints), warnings=warnings)


def _main_part(body: Any) -> Any:
    """The element holding the report: an ``<article>``/``<main>`` with at least half the page's
    Chinese text, else the innermost element that still holds 90% of it (the content box of a
    government site, e.g. ``<div id="zoom">``), else the whole body."""
    total = cjk_count(body.get_text())
    if not total:
        return body
    best: tuple[int, Any] | None = None
    for candidate in body.find_all(["article", "main"]):
        count = cjk_count(candidate.get_text())
        if count >= 0.5 * total and (best is None or count > best[0]):
            best = (count, candidate)
    if best is not None:
        return best[1]
    node = body
    while True:
        children = [
            (cjk_count(child.get_text()), child)
            for child in node.find_all(True, recursive=False)
            if child.name not in ("p", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6")
        ]
        if not children:
            return node
        count, child = max(children, key=lambda pair: pair[0])
        if count < 0.9 * total:
            return node
        node = child


class _HtmlLines:
    """Walks the tree; every block element ends the current line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.hints: list[Hint] = []
        self.buffer: list[str] = []

    def flush(self, kind: BlockKind | None = None, level: int | None = None) -> None:
        text = _html_text("".join(self.buffer))
        self.buffer = []
        if text:
            if kind is not None:
                self.hints.append((len(self.lines), kind, level))
            self.lines.append(text)

    def walk(self, node: Any) -> None:
        for child in node.children:
            self.visit(child)

    def visit(self, child: Any) -> None:
        from bs4.element import NavigableString, Tag

        if isinstance(child, NavigableString):
            self.buffer.append(str(child))
            return
        if not isinstance(child, Tag):
            return
        name = child.name or ""
        if name == "br":
            self.flush()
        elif re.fullmatch(r"h[1-6]", name):
            self.flush()
            self.walk(child)
            self.flush(BlockKind.HEADING, int(name[1]))
        elif name == "tr":
            self.flush()
            cells = [
                _html_text(_inline_text(cell))
                for cell in child.find_all(["td", "th"], recursive=False)
            ]
            row = "\t".join(cells).rstrip("\t")
            if row.strip():
                self.hints.append((len(self.lines), BlockKind.TABLE_ROW, None))
                self.lines.append(row)
        elif name == "pre":
            self.flush()
            for raw in child.get_text().splitlines():
                if raw.strip():
                    self.lines.append(raw.strip())
        elif name in _BLOCK_TAGS:
            self.flush()
            self.walk(child)
            self.flush()
        else:
            self.walk(child)


def _inline_text(node: Any) -> str:
    """A table cell's text with its inner blocks separated by a space."""
    from bs4.element import NavigableString, Tag

    parts: list[str] = []
    for child in node.descendants:
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif isinstance(child, Tag) and (child.name in _BLOCK_TAGS or child.name == "br"):
            parts.append(" ")
    return "".join(parts)


_CJK_CLASS = "[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’—…]"
_CJK_SOURCE_BREAK = re.compile(f"(?<={_CJK_CLASS})[ \\t]*[\\r\\n][ \\t\\r\\n]*(?={_CJK_CLASS})")


def _html_text(raw: str) -> str:
    """Collapse HTML white space; a source line break between two Chinese characters is dropped
    (it only formats the HTML source), other runs become one space."""
    return _HTML_SPACE.sub(" ", _CJK_SOURCE_BREAK.sub("", raw)).strip(" ")
