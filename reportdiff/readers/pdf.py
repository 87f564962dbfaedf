"""PDF with a text layer (pdfminer.six, the ``pdf-input`` extra): one source line per line of text.

Characters come from pdfminer.six without its layout analysis; lines are rebuilt from baselines
here. Running headers and page numbers in the top and bottom bands are dropped, superscript
footnote numbers put on lines of their own (where repair takes them out with their footnotes),
and the layout's page starts and paragraph breaks handed on as fields of the record. Scanned PDFs
and text layers without a Unicode map are refused.
"""

from __future__ import annotations

import io
import logging
import re
import threading
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from reportdiff.errors import InputError, MissingDependency
from reportdiff.grammar import PARAGRAPH_END, cjk_count, is_page_number
from reportdiff.options import Options
from reportdiff.readers import Extracted, brief
from reportdiff.readers.chars import unify_ideographs
from reportdiff.readers.limits import Budget
from reportdiff.text import counted

#: How to get the PDF library when it is missing.
INSTALL_HINT = "pip install 'reportdiff[pdf-input]'"


@dataclass(frozen=True, slots=True)
class _PdfLine:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    marker: bool = False
    """A superscript footnote number put on a line of its own."""


def read(data: bytes, source: str, options: Options) -> Extracted:
    """PDF with a text layer: one source line per extracted line, pages in order.

    Running headers and page numbers in the top/bottom bands are dropped; superscript footnote
    numbers go on a line of their own and other superscripts are dropped. ``page_starts`` and
    ``breaks`` carry each page's first line and the paragraph starts the layout shows. PDFs with
    no text layer (scanned) or an unreadable one (fonts without a Unicode map) are refused.
    """
    try:
        import pdfminer  # noqa: F401
    except ImportError:
        raise MissingDependency(
            f"{source}: reading PDF needs pdfminer.six, which is not installed; {INSTALL_HINT}"
        ) from None
    budget = Budget.for_input(source, options)
    with _PDFMINER, _quiet_pdfminer(), _bounded_streams(budget):
        try:
            pages = _pdf_pages(data, budget)
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
    """One message for any failure of the PDF library; wrappers put pdfminer's exception in
    their own (``PdfminerException(PDFPasswordIncorrect())``), so the whole chain is looked at."""
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
        f"not a valid PDF ({name}: {brief(inner)})",
        "open and save it again, or export the report as PDF again",
    )


@dataclass(frozen=True, slots=True)
class _Page:
    lines: tuple[_PdfLine, ...]
    height: float
    has_images: bool
    body: float
    """The body text's font size (the commonest in the document)."""


#: pdfminer's stream decoders are module globals that :func:`_bounded_streams` swaps for the
#: duration of one read: one PDF is read at a time per process.
_PDFMINER = threading.Lock()


@contextmanager
def _bounded_streams(budget: Budget) -> Iterator[None]:
    """Make pdfminer inflate streams within ``budget``: it calls ``zlib.decompress`` (and its LZW
    and run-length decoders) on whole streams, so one small deflate bomb could fill the memory."""
    from pdfminer import pdftypes
    from pdfminer.lzw import LZWDecoder

    def lzw(data: bytes) -> bytes:
        return budget.collect(LZWDecoder(io.BytesIO(data)).run())

    def run_length(data: bytes) -> bytes:
        return budget.collect(_run_length(data))

    bounded: dict[str, object] = {
        "zlib": _BoundedZlib(budget),
        "lzwdecode": lzw,
        "rldecode": run_length,
    }
    saved = {name: getattr(pdftypes, name) for name in bounded}
    for name, value in bounded.items():
        setattr(pdftypes, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(pdftypes, name, value)


class _BoundedZlib:
    """The part of the ``zlib`` module pdfminer uses, drawing on a :class:`Budget`."""

    error = zlib.error

    def __init__(self, budget: Budget) -> None:
        self.budget = budget

    def decompress(self, data: bytes) -> bytes:
        return self.budget.inflate(data)

    def decompressobj(self) -> _BoundedInflater:
        return _BoundedInflater(self.budget)


class _BoundedInflater:
    """``zlib.decompressobj()`` drawing on a :class:`Budget` (pdfminer's repair of streams with a
    broken checksum feeds it byte by byte)."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.inflater = zlib.decompressobj()

    def decompress(self, data: bytes) -> bytes:
        out = self.inflater.decompress(data, self.budget.remaining + 1)
        self.budget.spend(len(out))
        return out


def _run_length(data: bytes) -> Iterator[bytes]:
    """RunLengthDecode (PDF Reference 1.4, 3.3.4) run by run, so the output can be bounded."""
    i = 0
    while i < len(data):
        length = data[i]
        if length == 128:
            return
        if length < 128:
            yield data[i + 1 : i + 2 + length]
            i += 2 + length
        else:
            yield data[i + 1 : i + 2] * (257 - length)
            i += 2


def _pdf_pages(data: bytes, budget: Budget) -> list[_Page]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    class TimedAggregator(PDFPageAggregator):
        """Checks the time budget at every text and path operator of a page."""

        def render_string(self, *args: Any, **kwargs: Any) -> None:
            budget.check_time()
            super().render_string(*args, **kwargs)

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            budget.check_time()
            super().paint_path(*args, **kwargs)

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    manager = PDFResourceManager()
    device = TimedAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    raw: list[tuple[list[dict[str, Any]], float, bool]] = []
    for page in PDFPage.create_pages(document):
        budget.check_time()
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
    page_starts: list[int] = []
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
        if kept:
            page_starts.append(len(lines))
        for line in kept:
            lines.append(unify_ideographs(line.text))
            placed.append(line)
    warnings = []
    if dropped:
        warnings.append(
            f"dropped {counted(dropped, 'page-number and running-header line')} of the PDF"
        )
    if blank_pages and any(page.has_images and not page.lines for page in pages):
        warnings.append(
            f"{counted(blank_pages, 'PDF page')} {'has' if blank_pages == 1 else 'have'} no text "
            "layer (scanned?); their text is missing"
        )
    body = pages[0].body
    return Extracted(
        lines=tuple(lines),
        page_starts=tuple(page_starts),
        breaks=_paragraph_breaks(placed, body),
        warnings=tuple(warnings),
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
