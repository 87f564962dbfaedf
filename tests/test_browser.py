"""The memo and the side-by-side view in a real browser (Debian's Chromium, driven by Playwright).

No sideways scrolling at 1280 and 390 px, every in-page link lands on an element, the filters
hide and show the right rows, both cells of a side-by-side row start on the same line, the page
reads without JavaScript and in print. Without Chromium (no root to install it) the tests skip
with the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reportdiff.render import RenderContext, render
from tests.browser import browser_problem, open_context, playwright_session

pytestmark = pytest.mark.skipif(browser_problem() is not None, reason=str(browser_problem()))

WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def pages(
    tmp_path_factory: pytest.TempPathFactory, demo_records: dict[str, Any]
) -> dict[str, Path]:
    """The demo pair's memo (standard detail) and side-by-side view, as files."""
    records = demo_records
    folder = tmp_path_factory.mktemp("pages")
    out = {}
    for name, fmt in (("memo", "html"), ("side-by-side", "side-by-side")):
        path = folder / f"{name}.html"
        path.write_text(str(render(records, fmt, RenderContext())), "utf-8")
        out[name] = path
    return out


@pytest.fixture(scope="module")
def session() -> Iterator[Any]:
    with playwright_session() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(session: Any) -> Iterator[Any]:
    with open_context(session) as context:
        yield context


def _open(browser: Any, path: Path, width: int) -> Any:
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path.as_uri())
    return page


OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.width && r.right > width + 1) wide.push(e.tagName + '.' + e.className);
  }
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["memo", "side-by-side"])
def test_no_sideways_scrolling(browser: Any, pages: dict[str, Path], name: str, width: int) -> None:
    page = _open(browser, pages[name], width)
    found = page.evaluate(OVERFLOW)
    page.close()
    assert found["scroll"] <= found["width"], found


@pytest.mark.parametrize("name", ["memo", "side-by-side"])
def test_every_in_page_link_resolves(browser: Any, pages: dict[str, Path], name: str) -> None:
    page = _open(browser, pages[name], 1280)
    broken = page.evaluate(
        """() => [...document.querySelectorAll('a[href^="#"]')]
             .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
             .filter(id => !document.getElementById(id))"""
    )
    count = page.evaluate("document.querySelectorAll('a[href^=\"#\"]').length")
    page.close()
    assert count > 10 and broken == []


def test_chapter_labels_are_never_cut(browser: Any, pages: dict[str, Path]) -> None:
    for width in WIDTHS:
        page = _open(browser, pages["memo"], width)
        cut = page.evaluate(
            """() => [...document.querySelectorAll('table.chapters td, table.headline td')]
                 .filter(td => td.scrollWidth > td.clientWidth + 1).map(td => td.textContent)"""
        )
        page.close()
        assert cut == [], (width, cut)


def test_filters_hide_and_show_the_right_rows(browser: Any, pages: dict[str, Path]) -> None:
    page = _open(browser, pages["side-by-side"], 1280)
    assert page.is_visible("#filters")
    total = page.evaluate("document.querySelectorAll('.row:not(.head-row)').length")

    def visible(kind: str | None = None) -> int:
        selector = ".row:not(.head-row)" + (f"[data-kind={kind}]" if kind else "")
        return int(
            page.evaluate(
                f"[...document.querySelectorAll('{selector}')]"
                ".filter(r => r.offsetParent !== null).length"
            )
        )

    assert visible() == total
    added = visible("added")
    page.uncheck("input[value=added]")
    assert visible("added") == 0 and visible() == total - added
    assert page.inner_text("#shown") == str(total - added)
    page.check("input[value=added]")
    assert visible() == total
    chapter = page.evaluate("document.querySelector('#chapter option:nth-child(3)').value")
    page.select_option("#chapter", chapter)
    in_chapter = page.evaluate(
        f"document.querySelectorAll('.block[data-chapter={chapter}] .row:not(.head-row)').length"
    )
    assert 0 < visible() == in_chapter < total
    hidden_blocks = page.evaluate(
        f"[...document.querySelectorAll('.block:not([data-chapter={chapter}])')]"
        ".every(b => b.offsetParent === null)"
    )
    assert hidden_blocks
    page.select_option("#chapter", "")
    assert visible() == total
    page.close()


def test_side_by_side_rows_line_up(browser: Any, pages: dict[str, Path]) -> None:
    for width in WIDTHS:
        page = _open(browser, pages["side-by-side"], width)
        offsets = page.evaluate(
            """() => [...document.querySelectorAll('.row')].map(row => {
                 const [a, b] = row.querySelectorAll(':scope > .cell');
                 const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
                 return [ra.top, rb.top, ra.bottom, rb.bottom, ra.right <= rb.left];
               })"""
        )
        page.close()
        assert len(offsets) > 100
        for top_a, top_b, bottom_a, bottom_b, left_first in offsets:
            assert abs(top_a - top_b) < 1 and abs(bottom_a - bottom_b) < 1 and left_first


def test_moved_sentences_link_both_ways(browser: Any, pages: dict[str, Path]) -> None:
    page = _open(browser, pages["side-by-side"], 1280)
    pairs = page.evaluate(
        """() => [...document.querySelectorAll('a.moved')].map(a => {
             const target = document.getElementById(a.getAttribute('href').slice(1));
             const back = target && target.querySelector('a.moved');
             return [a.closest('.row').id, back ? back.getAttribute('href').slice(1) : null];
           })"""
    )
    assert pairs and all(source == back for source, back in pairs)
    page.click("a.moved >> nth=0")
    assert page.evaluate("location.hash").startswith("#")
    page.close()


def test_readable_without_javascript_and_in_print(browser: Any, pages: dict[str, Path]) -> None:
    page = browser.new_page()
    cdp = browser.new_cdp_session(page)
    cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(pages["side-by-side"].as_uri())
    assert not page.is_visible("#filters") and page.is_visible("details.toc")
    hidden = page.evaluate(
        "[...document.querySelectorAll('.row')].filter(r => r.offsetParent === null).length"
    )
    assert hidden == 0 and page.evaluate(OVERFLOW)["wide"] == []
    page.close()
    page = _open(browser, pages["side-by-side"], 1280)
    page.uncheck("input[value=unchanged]")
    page.emulate_media(media="print")
    assert not page.is_visible("nav.bar")
    hidden = page.evaluate(
        "[...document.querySelectorAll('.row')].filter(r => r.offsetParent === null).length"
    )
    assert hidden == 0  # print shows every row, whatever the filters
    page.close()
    memo = _open(browser, pages["memo"], 1280)
    memo.emulate_media(media="print")
    assert not memo.is_visible("nav.toc") and memo.is_visible("#brief")
    memo.close()
