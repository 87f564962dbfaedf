"""HTML pages: the report's text without scripts, styles, navigation, headers or footers.

One source line per block element; ``h1``–``h6`` become heading marks and table rows table-row
marks (cells joined by a tab). The main part is ``<article>``/``<main>`` (or the element that holds
most of the page's Chinese text) and the page's ``<h1>`` above it. Nothing is fetched or run.
"""

from __future__ import annotations

import re
from typing import Any

from reportdiff.errors import InputError
from reportdiff.grammar import HTML_CHROME_NAMES, cjk_count
from reportdiff.model import BlockKind
from reportdiff.options import Options
from reportdiff.readers import Extracted, Mark, brief
from reportdiff.readers.chars import indented_lines, unify_ideographs
from reportdiff.readers.decode import (
    Decoded,
    canonical,
    check_text,
    decode,
    lenient,
    replaced_warning,
)

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


def _html_decode(data: bytes, source: str, options: Options) -> Decoded:
    """Decode per ``--encoding``, a BOM, ``<meta charset>`` (a few broken bytes are replaced, with
    a warning), then the text rules."""
    if not options.encoding and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        found = _META_CHARSET.search(data[:4096])
        if found:
            try:
                codec = canonical(found.group(1).decode("ascii"))
                nearly = lenient(data, codec, max(2, len(data) // 2000))
            except LookupError:
                nearly = None
            if nearly is not None:
                text = check_text(nearly[0], source)
                return Decoded(text, codec, replaced_warning(nearly[1], codec) if nearly[1] else ())
    return decode(data, source, options)


def read(data: bytes, source: str, options: Options) -> Extracted:
    """HTML: the main text without scripts, styles, navigation, headers or footers.

    One source line per block element; ``h1``–``h6`` become HEADING marks, table rows TABLE_ROW
    marks (cells joined by a tab). The main part is ``<article>``/``<main>`` (or the element whose
    class says content) when it holds most of the page's Chinese text. Nothing is fetched or run.
    """
    decoded = _html_decode(data, source, options)
    try:
        from bs4 import BeautifulSoup, Comment

        soup = BeautifulSoup(decoded.text, "lxml")
    except Exception as exc:  # noqa: BLE001 - lxml raises various errors on hostile input
        raise InputError(
            source,
            f"not a readable HTML page ({brief(exc)})",
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
    return Extracted(
        lines=lines,
        encoding=decoded.codec,
        marks=tuple(walker.marks),
        indents=indented_lines(lines),
        warnings=decoded.warnings,
    )


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
        self.marks: list[Mark] = []
        self.buffer: list[str] = []

    def flush(self, kind: BlockKind | None = None, level: int | None = None) -> None:
        text = _html_text("".join(self.buffer))
        self.buffer = []
        if text:
            if kind is not None:
                self.marks.append(Mark(len(self.lines), kind, level))
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
                self.marks.append(Mark(len(self.lines), BlockKind.TABLE_ROW))
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
