"""HTML pages: the report's text without scripts, styles, navigation, headers or footers.

One source line per block element; ``h1``–``h6`` become heading marks and table rows table-row
marks (cells joined by a tab). The main part is ``<article>``/``<main>`` (or the element that holds
most of the page's Chinese text) and the page's ``<h1>`` above it. Nothing is fetched or run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
from reportdiff.readers.limits import Budget

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
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(decoded.text, "lxml")
    except Exception as exc:  # noqa: BLE001 - lxml raises various errors on hostile input
        raise InputError(
            source,
            f"not a readable HTML page ({brief(exc)})",
            "save the page again, or copy its text into a .txt file",
        ) from None
    budget = Budget.for_input(source, options)
    budget.check_time()
    _prune(soup)
    body = soup.body or soup
    root = _main_part(body)
    walker = _HtmlLines(budget)
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


def _prune(soup: Any) -> None:
    """Drop comments, scripts, styles, navigation, headers, footers, hidden elements and elements
    whose class, id or role names page chrome, in one pass over the tree (never recursing, so a
    page nested thousands of levels deep costs what a flat one does)."""
    from bs4.element import Comment, Tag

    stack: list[tuple[Any, bool]] = [(soup, False)]
    while stack:
        node, in_article = stack.pop()
        for child in list(node.contents):
            if isinstance(child, Comment):
                child.extract()
            elif isinstance(child, Tag):
                if _is_dropped(child, in_article):
                    child.decompose()
                else:
                    stack.append((child, in_article or child.name in ("article", "main")))


def _is_dropped(tag: Any, in_article: bool) -> bool:
    if tag.name in _DROP_TAGS and not (tag.name == "header" and in_article):
        return True  # (an article's own header holds its title)
    attrs = tag.attrs or {}
    names = " ".join(
        [*(attrs.get("class") or []), str(attrs.get("id") or ""), str(attrs.get("role") or "")]
    )
    style = str(attrs.get("style") or "").replace(" ", "").lower()
    return bool(
        (
            names.strip()
            and HTML_CHROME_NAMES.search(names)
            and tag.name not in ("body", "html", "article", "main")
        )
        or "display:none" in style
        or attrs.get("hidden") is not None
        or attrs.get("aria-hidden") == "true"
    )


def _cjk_counts(root: Any) -> dict[int, int]:
    """The number of CJK ideographs under every element of ``root`` (keyed by ``id``), counted
    in one pass from the leaves up."""
    from bs4.element import NavigableString, Tag

    counts: dict[int, int] = {}
    order: list[Any] = []
    stack = [root]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(child for child in node.contents if isinstance(child, Tag))
    for node in reversed(order):  # children before their parents
        counts[id(node)] = sum(
            cjk_count(str(child)) if isinstance(child, NavigableString) else counts[id(child)]
            for child in node.contents
            if isinstance(child, NavigableString | Tag)
        )
    return counts


def _main_part(body: Any) -> Any:
    """The element holding the report: an ``<article>``/``<main>`` with at least half the page's
    Chinese text, else the innermost element that still holds 90% of it (the content box of a
    government site, e.g. ``<div id="zoom">``), else the whole body."""
    from bs4.element import Tag

    counts = _cjk_counts(body)
    total = counts[id(body)]
    if not total:
        return body
    best: tuple[int, Any] | None = None
    for candidate in body.find_all(["article", "main"]):
        count = counts[id(candidate)]
        if count >= 0.5 * total and (best is None or count > best[0]):
            best = (count, candidate)
    if best is not None:
        return best[1]
    node = body
    while True:
        children = [
            (counts[id(child)], child)
            for child in node.contents
            if isinstance(child, Tag)
            and child.name not in ("p", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6")
        ]
        if not children:
            return node
        count, child = max(children, key=lambda pair: pair[0])
        if count < 0.9 * total:
            return node
        node = child


class _HtmlLines:
    """Walks the tree with an explicit stack; every block element ends the current line."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
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
        """Visit ``node``'s children in document order (the node itself is not a line)."""
        stack: list[Any] = list(reversed(node.contents))
        visited = 0
        while stack:
            item = stack.pop()
            visited += 1
            if visited % 4096 == 0:
                self.budget.check_time()
            if isinstance(item, _Flush):
                self.flush(item.kind, item.level)
            else:
                stack.extend(self._visit(item))

    def visit(self, node: Any) -> None:
        """Visit ``node`` and what it holds."""
        self.walk(_Wrapper(node))

    def _visit(self, child: Any) -> list[Any]:
        """Handle one node; returns what to visit next, last first (a stack)."""
        from bs4.element import NavigableString, Tag

        if isinstance(child, NavigableString):
            self.buffer.append(str(child))
            return []
        if not isinstance(child, Tag):
            return []
        name = child.name or ""
        inside = list(reversed(child.contents))
        if name == "br":
            self.flush()
            return []
        if re.fullmatch(r"h[1-6]", name):
            self.flush()
            return [_Flush(BlockKind.HEADING, int(name[1])), *inside]
        if name == "tr":
            self.flush()
            cells = [
                _html_text(_inline_text(cell))
                for cell in child.find_all(["td", "th"], recursive=False)
            ]
            row = "\t".join(cells).rstrip("\t")
            if row.strip():
                self.marks.append(Mark(len(self.lines), BlockKind.TABLE_ROW))
                self.lines.append(row)
            return []
        if name == "pre":
            self.flush()
            for raw in child.get_text().splitlines():
                if raw.strip():
                    self.lines.append(raw.strip())
            return []
        if name in _BLOCK_TAGS:
            self.flush()
            return [_Flush(None, None), *inside]
        return inside


@dataclass(frozen=True, slots=True)
class _Flush:
    """End the current line (as the given kind) once an element's contents are visited."""

    kind: BlockKind | None
    level: int | None


@dataclass(frozen=True, slots=True)
class _Wrapper:
    """A node seen as the only child of a parent, so that :meth:`_HtmlLines.walk` visits it."""

    node: Any

    @property
    def contents(self) -> list[Any]:
        return [self.node]


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
