"""Text decoding shared by the text and HTML readers: binaries refused, encodings detected.

A report arrives in UTF-8 (with or without BOM), GB18030/GBK, UTF-16 or UTF-32; a wrong guess would
be a silently wrong reading, so every rule here either yields Chinese text or refuses the file with
an :class:`~reportdiff.errors.InputError` naming the fix.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from reportdiff.errors import InputError
from reportdiff.grammar import cjk_count
from reportdiff.options import Options


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, the codec used and what the decoding had to repair."""

    text: str
    codec: str
    warnings: tuple[str, ...] = ()


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


def canonical(codec: str) -> str:
    """gb2312/gbk are subsets of gb18030 (detectors name them for text with characters outside)."""
    name = codecs.lookup(codec).name
    return "gb18030" if name in ("gb2312", "gbk", "gb18030") else name


def decode(data: bytes, source: str, options: Options) -> Decoded:
    """Decode text bytes.

    ``--encoding`` wins; else a BOM (UTF-8, UTF-16, UTF-32); else UTF-16 without BOM (NULs at
    alternate positions); else strict UTF-8; else UTF-8 with a few broken bytes (a truncated
    download; replaced by U+FFFD, with a warning); else strict GB18030 when the result looks like
    Chinese; else charset-normalizer (gb2312/gbk read as gb18030) when it yields Chinese text. NUL
    or other control bytes in what should be text mean a binary file.
    """
    if options.encoding:
        text, codec = _decode_forced(data, source, options.encoding)
        return Decoded(text, codec)
    return Decoded(*_decode_detected(data, source))


def lenient(data: bytes, codec: str, limit: int) -> tuple[str, int] | None:
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


def replaced_warning(bad: int, codec: str) -> tuple[str, ...]:
    """The warning for text read with ``bad`` byte runs replaced by U+FFFD."""
    return (
        f"replaced {bad} byte sequences that are not valid {codec} with \ufffd "
        "(a damaged or truncated file?)",
    )


def _decode_forced(data: bytes, source: str, encoding: str) -> tuple[str, str]:
    """Decode with the codec the user named (``--encoding``)."""
    try:
        codec = canonical(encoding)
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
    return check_text(text.removeprefix("\ufeff"), source), codec


def _decode_detected(data: bytes, source: str) -> tuple[str, str, tuple[str, ...]]:
    """The detection rules of :func:`decode`."""
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
        return check_text(data.decode(utf16), source), utf16, ()
    if 0 in data and 0 not in data.rstrip(b"\x00"):
        data = data.rstrip(b"\x00")  # NUL padding some Windows tools leave at the end
    if 0 in data:
        raise InputError(
            source,
            "looks like a binary file, not a report (it contains NUL bytes)",
            "give the report's text, or name its encoding with --encoding",
        )
    try:
        return check_text(data.decode("utf-8"), source), "utf-8", ()
    except UnicodeDecodeError:
        # A few broken sequences in UTF-8 (a truncated download): GB text is never this close.
        nearly = lenient(data, "utf-8", max(2, len(data) // 2000))
        if nearly is not None and cjk_count(nearly[0]) >= 20:
            return check_text(nearly[0], source), "utf-8", replaced_warning(nearly[1], "utf-8")
    gb_text: str | None
    try:
        gb_text = data.decode("gb18030")
    except UnicodeDecodeError:
        gb_text = None
    if gb_text is not None and _plausible_gb(gb_text):
        return check_text(gb_text, source), "gb18030", ()
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        codec = canonical(best.encoding)
        try:
            guess = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            guess = ""
        # A report is Chinese: a guess without Chinese text would be a silently wrong reading.
        if cjk_count(guess) >= 10 and cjk_count(guess) >= 0.2 * sum(ord(c) > 0x7F for c in guess):
            return check_text(guess, source), codec, ()
    if gb_text is not None:
        return check_text(gb_text, source), "gb18030", ()
    raise InputError(
        source,
        "text encoding not recognised (not UTF-8, GB18030 or UTF-16)",
        "save it as UTF-8, or name the encoding with --encoding",
    )


def _strict(data: bytes, codec: str, source: str) -> str:
    try:
        return check_text(data.decode(codec), source)
    except UnicodeDecodeError as exc:
        raise InputError(
            source,
            f"starts with a {codec} byte-order mark but is not valid {codec} (byte {exc.start})",
            "re-save the file as UTF-8",
        ) from None


def check_text(text: str, source: str) -> str:
    """Decoded text with many control characters was a binary file that happened to decode."""
    controls = len(_CONTROL.findall(text[:200000]))
    if controls and (controls > 0.01 * min(len(text), 200000) or "\x00" in text[:200000]):
        raise InputError(
            source,
            "looks like a binary file, not a report (it has control characters)",
            "give the report's text, or name its encoding with --encoding",
        )
    return text
