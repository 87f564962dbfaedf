"""Format readers: bytes of one input format → :class:`~reportdiff.load.Extracted` text lines.

Heavy libraries (python-docx, pdfplumber, lxml) are imported inside the reader that needs them.
"""

from __future__ import annotations

from reportdiff.errors import InputError
from reportdiff.load import Extracted
from reportdiff.options import Options


def decode_text(data: bytes, source: str, options: Options) -> tuple[str, str]:
    """Decode text bytes: BOM, then strict UTF-8, then GB18030, then a detector; returns (text, codec)."""
    if options.encoding:
        try:
            return data.decode(options.encoding), options.encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(source, f"cannot be decoded as {options.encoding} ({exc})",
                             "check --encoding") from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise InputError(source, "text encoding not recognised",
                     "save it as UTF-8 or name the encoding with --encoding")


def read_txt(data: bytes, source: str, options: Options) -> Extracted:
    """Plain text in any supported encoding."""
    text, codec = decode_text(data, source, options)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return Extracted(lines=tuple(lines), encoding=codec)


def read_docx(data: bytes, source: str, options: Options) -> Extracted:
    """Word .docx: paragraphs and tables in document order."""
    raise InputError(source, "docx reading is not available yet")


def read_pdf(data: bytes, source: str, options: Options) -> Extracted:
    """PDF with a text layer."""
    raise InputError(source, "pdf reading is not available yet")


def read_html(data: bytes, source: str, options: Options) -> Extracted:
    """HTML: the main text, without scripts, styles or navigation."""
    raise InputError(source, "html reading is not available yet")
