"""Change memos read as a reader would: HTML parsed, PDF text and fonts read, inputs untrusted."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, cast

import pytest
from bs4 import BeautifulSoup

from reportdiff.options import Options
from reportdiff.pipeline import compare_files
from reportdiff.records import DiffRecord
from reportdiff.render import RenderContext, render
from tests.conftest import FIXTURES, SEED_FILES, by_id, invoke, one

PLAN, COMPILATION = str(SEED_FILES["plan2024"]), str(SEED_FILES["compilation2025"])
HUANGPU = str(SEED_FILES["huangpu2025"])
EDITED = str(FIXTURES / "diff-huangpu-edited" / "huangpu-2025-edited.txt")


@pytest.fixture(scope="module")
def plan_records() -> dict[str, Any]:
    return compare_files(PLAN, COMPILATION, options=Options()).as_records()


@pytest.fixture(scope="module")
def plan_html(plan_records: dict[str, Any]) -> BeautifulSoup:
    html = render(plan_records, "html", RenderContext())
    assert isinstance(html, str)
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def plan_full(plan_records: dict[str, Any]) -> BeautifulSoup:
    html = render(plan_records, "html", RenderContext(detail="full"))
    return BeautifulSoup(str(html), "html.parser")


def test_number_shift_table_holds_the_business_environment_plan(plan_full: BeautifulSoup) -> None:
    rows = plan_full.select("table.shifts tr.shift")
    assert rows
    found = [row for row in rows if "营商环境" in one(row, "td.indicator").get_text()]
    assert found, [r.get_text(" ", strip=True)[:60] for r in rows]
    row = found[0]
    assert "7.0" in one(row, "td.old").get_text()
    assert "8.0" in one(row, "td.new").get_text()
    assert "持续发力优化营商环境" in one(row, "td.sources").get_text()


def test_full_detail_shows_every_change_once_with_highlights(
    plan_records: dict[str, Any], plan_full: BeautifulSoup
) -> None:
    shown = (
        plan_full.select("div.change")
        + plan_full.select("ol.commitments-added li")
        + plan_full.select("ol.commitments-removed li")
    )
    ids = [str(element.get("id")) for element in shown]
    assert sorted(ids) == sorted(c["id"] for c in plan_records["changes"])
    for change in plan_records["changes"]:
        if change["kind"] == "changed" or (change["kind"] == "moved" and change["ops"]):
            block = by_id(plan_full, change["id"])
            assert block.find("ins") or block.find("del"), change["id"]


def _parts(soup: BeautifulSoup) -> list[str]:
    return [str(e.get("id")) for e in soup.select("body > section, body > details")]


def test_memo_opens_with_the_brief_and_detail_picks_the_appendices(
    plan_records: dict[str, Any], plan_html: BeautifulSoup, plan_full: BeautifulSoup
) -> None:
    standard = [
        "brief",
        "shifts",
        "new-commitments",
        "dropped-commitments",
        "changed-sentences",
        "formulations",
        "section-map",
    ]
    assert _parts(plan_html) == standard
    assert _parts(plan_full) == [*standard, "moved-sentences", "by-section"]
    brief = BeautifulSoup(
        str(render(plan_records, "html", RenderContext(detail="brief"))), "html.parser"
    )
    assert _parts(brief) == ["brief"]
    assert one(plan_html, "html")["lang"] == "zh-CN"
    lede = one(plan_html, "#brief .lede").get_text()
    assert "yangpu-2024-plan" in lede or "2024" in lede
    assert str(plan_records["stats"]["changes"]["added"]) in lede
    assert (
        len(plan_html.select("#top-new li")) == 5 and len(plan_html.select("#top-dropped li")) == 5
    )
    assert plan_html.select("table.chapters tr td.bar .b")  # the chapter map has its bars
    for soup in (plan_html, plan_full, brief):
        for link in soup.select("a[href^='#']"):
            assert soup.find(id=link["href"][1:]) is not None, link["href"]
        assert not soup.find_all(["script", "link", "img", "iframe", "svg"])
    for table in plan_html.select("table"):  # fixed layout: every table names its widths
        assert table.find("colgroup") is not None, table.get("class")


def test_commitments_are_ranked_by_the_documented_salience(plan_records: dict[str, Any]) -> None:
    from reportdiff.render.brief import salience

    ranked = salience(cast(DiffRecord, plan_records), "added")
    assert ranked and [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
    top = ranked[0]
    assert top.score == round(sum(value for _, value in top.parts), 2)
    headings = [r for r in ranked if dict(r.parts).get("heading")]
    plain = [r for r in ranked if not dict(r.parts).get("heading") and len(r.parts) == 1]
    if headings and plain:
        assert ranked.index(headings[0]) < ranked.index(plain[0])


def test_unrelated_documents_get_a_warning_box(
    plan_records: dict[str, Any], plan_html: BeautifulSoup
) -> None:
    """The seeds' cross-genre pair (a plan report against a compilation of bureau reports): the
    record says the documents look unrelated, and the brief says so in a box."""
    assert any("look unrelated" in w for w in plan_records["warnings"])
    assert "两份文件看起来并不相关" in one(plan_html, "#brief aside.warning").get_text()
    assert "两份文件看起来并不相关" in str(render(plan_records, "md", RenderContext()))
    assert "look unrelated" in str(render(plan_records, "md", RenderContext(lang="en")))
    related = compare_files(HUANGPU, EDITED, options=Options()).as_records()
    assert not BeautifulSoup(str(render(related, "html", RenderContext())), "html.parser").select(
        "aside.warning"
    )
    noted = {**plan_records, "old": {**plan_records["old"], "warnings": ["已接受文档中的修订"]}}
    soup = BeautifulSoup(str(render(noted, "html", RenderContext())), "html.parser")
    assert "旧版：已接受文档中的修订" in one(soup, "#brief p.note .edition-note").get_text()


def test_english_labels_and_markdown(plan_records: dict[str, Any]) -> None:
    html = render(plan_records, "html", RenderContext(lang="en"))
    soup = BeautifulSoup(str(html), "html.parser")
    assert one(soup, "#shifts h2").get_text() == "Number shifts"
    assert one(soup, "#brief .lede").get_text().startswith("This memo compares")
    markdown = str(render(plan_records, "md", RenderContext()))
    assert "## 数字变化" in markdown and "## 概要" in markdown
    assert any(
        "营商环境" in line and "7.0" in line and "8.0" in line
        for line in markdown.splitlines()
        if line.startswith("|")
    )


def test_memo_command_writes_html_by_extension_deterministically(tmp_path: Path) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    result = invoke(["memo", HUANGPU, EDITED, "-o", first])
    assert result.stdout == "" and str(first) in result.stderr
    invoke(["memo", HUANGPU, EDITED, "-o", second])
    assert first.read_bytes() == second.read_bytes()
    invoke(["memo", HUANGPU, EDITED, "-o", tmp_path / "memo.txt"], expect=2)


def test_user_templates_extend_the_packaged_ones(tmp_path: Path) -> None:
    (tmp_path / "memo").mkdir()
    (tmp_path / "memo" / "memo.html.j2").write_text(
        '{% extends "default:memo/memo.html.j2" %}{% block title %}局内审阅稿{% endblock %}',
        "utf-8",
    )
    out = tmp_path / "memo.html"
    invoke(["memo", HUANGPU, EDITED, "-o", out, "--template-dir", tmp_path, "--title", "审阅"])
    soup = BeautifulSoup(out.read_text("utf-8"), "html.parser")
    assert one(soup, "title").get_text() == "局内审阅稿"
    assert one(soup, "h1").get_text() == "审阅"
    assert soup.select("table.shifts")


def test_untrusted_html_report_neither_runs_nor_fetches_nor_leaks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reportdiff.render.memo as memo

    body = "".join(
        f"<p>{line}</p>"
        for line in Path(HUANGPU).read_text("utf-8").splitlines()[8:60]
        if line.strip()
    )
    hostile = tmp_path / "hostile.html"
    hostile.write_text(
        "<html><head><link rel='stylesheet' href='http://198.51.100.7/x.css'>"
        "<script>alert('x')</script></head><body>"
        "<img src='file:///etc/passwd'><p>推进&lt;script&gt;alert(1)&lt;/script&gt;改造工作。</p>"
        + body
        + "</body></html>",
        "utf-8",
    )
    fetched = _record_fetches(monkeypatch)
    out = tmp_path / "memo.html"
    invoke(["memo", HUANGPU, hostile, "-o", out])
    text = out.read_text("utf-8")
    soup = BeautifulSoup(text, "html.parser")
    assert not soup.find_all(["script", "link", "img", "iframe", "object"])
    assert "passwd" not in text and "198.51.100.7" not in text
    assert "&lt;script&gt;" in text  # the report's own words, escaped, never markup
    if shutil.which("pdftotext") and memo.installed_cjk_fonts():
        invoke(["memo", HUANGPU, hostile, "-o", tmp_path / "memo.pdf"])
        assert fetched == []


def _record_fetches(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every address WeasyPrint asks the memo's fetcher for, from now on."""
    import reportdiff.render.memo as memo

    fetched: list[str] = []
    original = memo.refusing_fetcher

    def recording() -> Any:
        fetcher = original()
        fetch = fetcher.fetch

        def record(url: str, headers: Any = None) -> Any:
            fetched.append(url)
            return fetch(url, headers)

        fetcher.fetch = record
        return fetcher

    monkeypatch.setattr(memo, "refusing_fetcher", recording)
    return fetched


PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAC"
    "hwGA60e6kgAAAABJRU5ErkJggg=="
)


@pytest.mark.typesets_pdf
def test_pdf_fetch_gate_loads_data_images_and_refuses_files_and_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15: with WeasyPrint's fetcher objects, an allowed data: image works (it used to
    crash) and any file or network address stops the memo with one line naming it."""
    fetched = _record_fetches(monkeypatch)
    (tmp_path / "memo").mkdir()
    template = tmp_path / "memo" / "memo.html.j2"
    extends = '{% extends "default:memo/memo.html.j2" %}{% block body %}'
    after = "{{ super() }}{% endblock %}"
    template.write_text(
        f'{extends}<img src="{PIXEL}" alt="logo">{after}',
        "utf-8",
    )
    out = tmp_path / "memo.pdf"
    invoke(["memo", HUANGPU, EDITED, "-o", out, "--template-dir", tmp_path, "--detail", "brief"])
    assert out.read_bytes().startswith(b"%PDF") and fetched == [PIXEL]
    for url in ("http://198.51.100.7/pixel.png", "file:///etc/passwd"):
        template.write_text(f'{extends}<img src="{url}">{after}', "utf-8")
        bad = tmp_path / "bad.pdf"
        result = invoke(["memo", HUANGPU, EDITED, "-o", bad, "--template-dir", tmp_path], expect=2)
        assert f"refused to load {url}" in result.stderr, result.stderr
        assert len(result.stderr.splitlines()) == 1 and not bad.exists()


def test_pdf_without_a_cjk_font_stops_with_the_package_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reportdiff.render.memo as memo

    monkeypatch.setattr(memo, "installed_cjk_fonts", lambda: [])
    result = invoke(["memo", HUANGPU, EDITED, "-o", tmp_path / "memo.pdf"], expect=2)
    assert "fonts-noto-cjk" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "memo.pdf").exists()


@pytest.mark.slow
@pytest.mark.typesets_pdf
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_memo_has_chinese_text_page_numbers_and_embedded_cjk_font(tmp_path: Path) -> None:
    out = tmp_path / "memo.pdf"
    invoke(["memo", HUANGPU, EDITED, "-o", out])
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "数字变化" in text and "营商环境" in text and "章节对照" in text
    assert "第1页/共" in text.replace(" ", "")
    assert "\ufffd" not in text and "□" not in text
    fonts = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    cjk = [line for line in fonts if "CJK" in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk), fonts  # emb column
    again = tmp_path / "again.pdf"
    invoke(["memo", HUANGPU, EDITED, "-o", again])
    assert again.read_bytes() == out.read_bytes()
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    with out.open("rb") as handle:
        bookmarks = [title for _, title, *_ in PDFDocument(PDFParser(handle)).get_outlines()]
    for heading in ("数字变化", "新提法", "章节对照", "改写的句子"):
        assert heading in bookmarks


def test_diff_json_of_the_demo_pair_is_what_the_memo_reads(plan_records: dict[str, Any]) -> None:
    assert json.loads(json.dumps(plan_records)) == plan_records  # JSON-safe, as renderers need


def test_several_outputs_come_from_one_comparison(tmp_path: Path) -> None:
    html, md = tmp_path / "m.html", tmp_path / "m.md"
    result = invoke(["memo", HUANGPU, EDITED, "-o", html, "-o", md])
    assert result.stderr.count("wrote") == 2
    single = tmp_path / "single.html"
    invoke(["memo", HUANGPU, EDITED, "-o", single])
    assert html.read_bytes() == single.read_bytes()
    assert md.read_text("utf-8").startswith("# 变化说明")
    bad = invoke(["memo", HUANGPU, EDITED, "-o", html, "-o", md, "--format", "html"], expect=2)
    assert "--format" in bad.stderr


@pytest.mark.slow
@pytest.mark.typesets_pdf
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_demo_memo_brief_fits_one_a4_page_and_standard_stays_within_12_pages(
    tmp_path: Path, demo_records: dict[str, Any]
) -> None:
    """Issue 11's bar: the demo's brief is page 1 whole, the standard PDF at most 12 pages."""
    out = tmp_path / "memo.pdf"
    pdf = render(demo_records, "pdf", RenderContext())
    assert isinstance(pdf, bytes)
    out.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    pages = int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages")).split()[-1]
    )
    assert 2 <= pages <= 12

    def page(n: int) -> str:
        return subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(out), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    first, second = page(1), page(2)
    assert "概要" in first and "章节概览" in first and "重点新增任务" in first
    last_chapter = BeautifulSoup(
        str(render(demo_records, "html", RenderContext())), "html.parser"
    ).select("table.chapters tbody tr")[-1]
    assert last_chapter.td is not None
    assert last_chapter.find_all("td")[1].get_text()[:6] in first.replace("\n", "")
    # Page 2 is the first appendix: after the running header, the number shifts' heading.
    assert [line for line in second.splitlines() if line.strip()][:2] == ["变化说明", "数字变化"]


def test_text_view_says_what_the_brief_says(plan_records: dict[str, Any]) -> None:
    """``reportdiff diff`` in a terminal: the unrelated-documents warning, the mode note, each
    edition's loading warnings, merges and splits, and last year's targets with their verdicts."""
    text = str(render(plan_records, "text", RenderContext()))
    head = text.split("\n\n", 2)
    assert head[0].splitlines()[4].startswith("warning: the two documents look unrelated")
    assert "note: compared as editions" in head[0]
    assert "old on loading: kept 15 footnotes apart from the body text" in head[0]
    assert "new on loading: kept 1 footnote apart from the body text" in head[0]
    stats = plan_records["stats"]["changes"]
    joined = f"join {stats['also_old']} more old and {stats['also_new']} more new sentences"
    assert joined in head[1]
    merged = next(c for c in plan_records["changes"] if c["kind"] == "changed" and "old_also" in c)
    row = next(line for line in text.splitlines() if f" {merged['id']} L" in line)
    lines = sorted({r["line"] for r in (merged["old"], *merged["old_also"])})
    assert f"merged from {1 + len(merged['old_also'])} old sentences: L{lines[0]}" in row
    verdicts = [o["verdict"] for o in plan_records["target_outcomes"]]
    counts = f"{verdicts.count('not_reported')} not reported · {verdicts.count('n/a')} no verdict"
    assert f"last year's targets: {counts}" in head[1]
    table = text.split("Last year's targets against this year's results", 1)[1].splitlines()
    gdp = next(line for line in table if "地区生产总值增长" in line)
    assert gdp.split() == ["not", "reported", "地区生产总值增长:", "5%以上", "→", "—", "L1133"]
    assert len([line for line in table[1:] if line.startswith("  ")]) == len(verdicts)
    related = {**plan_records, "warnings": [], "target_outcomes": []}
    quiet = str(render(related, "text", RenderContext()))
    assert "warning:" not in quiet and "last year's targets" not in quiet.lower()


def test_chinese_memo_words_the_mode_note_and_warnings_from_their_codes(
    plan_records: dict[str, Any], plan_html: BeautifulSoup
) -> None:
    """The record keeps English words and codes with figures; a zh memo words them in Chinese."""
    figures = plan_records["stats"]["relatedness"]
    assert plan_records["warning_reasons"] == [{"code": "unrelated_documents", "params": figures}]
    share = f"{figures['paired_sentences'] / figures['sentences']:.0%}"
    warning = one(plan_html, "#brief aside.warning").get_text()
    assert warning.startswith("请注意：两份文件看起来并不相关：")
    assert f"{figures['sentences']} 句中只有 {figures['paired_sentences']} 句（{share}）" in warning
    assert not re.search("[A-Za-z]", warning)
    grounds = plan_records["mode_reason"]["params"]["grounds"]
    note = one(plan_html, "#brief .mode-note").get_text()
    assert note == (
        "说明：按前后版本比较，因为两份文件都不自称摘要，篇幅相当（正文分别为 "
        f"{grounds['old_chars']:,} 字和 {grounds['new_chars']:,} 字）"
    )
    english = BeautifulSoup(str(render(plan_records, "html", RenderContext(lang="en"))), "lxml")
    assert one(english, "#brief .mode-note").get_text() == f"Note: {plan_records['mode_note']}"


@pytest.mark.parametrize(
    ("code", "params", "words"),
    [
        ("editions_given", {}, "按前后版本比较，因为指定了 --mode editions"),
        (
            "summary",
            {
                "grounds": {
                    "code": "calls_itself_summary",
                    "path": "s.txt",
                    "old_chars": 1,
                    "new_chars": 9,
                },
                "summary": "s.txt",
                "full": "f.txt",
                "found": 9,
                "total": 10,
            },
            "按摘要与全文比较，因为s.txt 自称摘要，"
            "且其表述有 90%（10 条中的 9 条）能在 f.txt 中找到出处",
        ),
        (
            "summary_unsupported",
            {
                "grounds": {
                    "code": "far_shorter",
                    "path": "s.txt",
                    "old_chars": 1000,
                    "new_chars": 90,
                },
                "summary": "s.txt",
                "full": "f.txt",
                "found": 1,
                "total": 4,
            },
            "s.txt 看似摘要（s.txt 篇幅远短于另一方（正文分别为 1,000 字和 90 字）），但其表述只有"
            " 25%（4 条中的 1 条）能在 f.txt 中找到出处，因此按前后版本比较（可用 --mode summary"
            " 强制按摘要比较）",
        ),
        ("a_newer_code", {}, "the English note"),
    ],
)
def test_mode_reasons_in_chinese(code: str, params: dict[str, Any], words: str) -> None:
    from reportdiff.render.reasons import mode_note

    record = cast(
        DiffRecord,
        {"mode_note": "the English note", "mode_reason": {"code": code, "params": params}},
    )
    assert mode_note(record, "zh") == words
    assert mode_note(record, "en") == "the English note"


def test_brief_sets_last_years_targets_against_this_years_results(
    demo_records: dict[str, Any],
) -> None:
    """The demo pair's record judges last year's targets (target_outcomes); the brief counts the
    verdicts in a sentence and lists the ones a reader acts on first: missed, not reported."""
    verdicts = [row["verdict"] for row in demo_records["target_outcomes"]]
    soup = BeautifulSoup(str(render(demo_records, "html", RenderContext())), "html.parser")
    lede = one(soup, "#brief .lede").get_text()
    assert f"完成 {verdicts.count('met')} 项" in lede
    assert f"未完成 {verdicts.count('missed')} 项" in lede
    rows = one(soup, "#brief table.headline").select("tbody")[-1].select("tr")
    cells = [[td.get_text() for td in row.select("td")] for row in rows]
    missed = next(r for r in demo_records["target_outcomes"] if r["verdict"] == "missed")
    assert cells[0] == [
        missed["indicator"],
        missed["target"]["raw"],
        missed["outcome"]["raw"],
        f"未完成，{missed['difference']}",
    ]
    assert cells[1][2:] == ["—", "未报告实际"]
    english = str(render(demo_records, "md", RenderContext(lang="en")))
    assert f"| {missed['indicator']} (target → outcome) |" in english
    assert f"missed, {missed['difference']} |" in english


def test_pdf_html_carries_print_marks_as_text_and_asks_for_no_oblique_face(
    plan_records: dict[str, Any],
) -> None:
    """What keeps the PDF cheap to typeset: edit marks as text, not a pseudo-element box per edit
    (the HTML memo gets them from its print stylesheet), and no italic (an oblique CJK face would
    be one more font to subset and embed)."""
    from reportdiff.render.memo import _template, memo_context

    context = RenderContext()
    values = memo_context(cast(DiffRecord, plan_records), context)
    pdf_html = str(_template(context, "memo/memo.html.j2", html=True).render(**values, pdf=True))
    assert '<html lang="zh-CN" class="pdf">' in pdf_html
    assert re.search(r"<ins>〔\+[^<]+〕</ins>", pdf_html) and re.search(
        r"<del>〔-[^<]+〕</del>", pdf_html
    )
    screen = str(render(plan_records, "html", context))
    assert "<ins>〔+" not in screen and 'html:not(.pdf) ins::before { content: "〔+"' in screen
    assert "font-style" not in screen and "<em>" not in screen and "<i>" not in screen


def test_a_chinese_memo_words_the_editions_loading_notes_in_chinese(
    demo_records: dict[str, Any],
) -> None:
    """The demo's editions are a .docx and a scraped page: their loading notes (web navigation
    and page tools dropped) are worded in Chinese in a zh memo, kept in English in an en one."""
    notes = [w for side in ("old", "new") for w in demo_records[side]["warnings"]]
    assert any("web-page navigation" in note for note in notes), notes

    def shown(lang: str) -> list[str]:
        html = BeautifulSoup(
            str(render(demo_records, "html", RenderContext(lang=lang))), "html.parser"
        )
        return [span.get_text() for span in html.select(".edition-note")]

    chinese = shown("zh")
    assert len(chinese) == len(notes)
    assert not [n for n in chinese if re.search(r"[A-Za-z]{3,}", n.replace("PDF", ""))], chinese
    assert any("行网页导航" in n and "第 " in n for n in chinese), chinese
    assert all(any(note in n for note in notes) for n in shown("en"))


@pytest.mark.parametrize("count", [1, 3])
def test_every_loading_note_has_its_chinese_wording(count: int) -> None:
    """Each note the readers, repair and outline write (in the singular and the plural) is worded
    in Chinese; a note that fell back to English would show in a zh memo's header."""
    from reportdiff.render.reasons import loading_note
    from reportdiff.text import counted

    def n(noun: str) -> str:
        return counted(count, noun)

    be = "was" if count == 1 else "were"
    notes = [
        f"read {n('paragraph')} with tracked changes as accepted "
        "(insertions kept, deletions dropped)",
        f"put back {n('list number')} that Word keeps outside the text",
        f"dropped {n('page-number and running-header line')} of the PDF",
        f"{n('PDF page')} {'has' if count == 1 else 'have'} no text layer (scanned?); "
        "their text is missing",
        f"joined {n('paragraph')} that {be} broken across lines",
        f"kept {n('footnote')} apart from the body text",
        f"dropped {n('page-number line')}",
        f"replaced {n('byte sequence')} that {'is' if count == 1 else 'are'} not valid utf-8 "
        "with \ufffd "
        "(a damaged or truncated file?)",
        f"dropped {n('line')} of wiki markup left in the copy",
        "dropped the licence footer of the copy's website (lines 120-131)",
        f"dropped {n('line')} of web-page tools after the end (line 118)",
        f"dropped {n('line')} of web-page navigation before the title (lines 1-3)",
        "dropped line 240: a stray fragment repeating earlier text",
        "line 12: chapter 2 has no title line above its issuing body (区发展改革委); title taken "
        "from the table of contents",
    ]
    for note in notes:
        worded = loading_note(note, "zh")
        assert not re.search(r"[a-z]{3,}", re.sub("utf-8|Word|PDF", "", worded)), worded


def test_every_view_lists_last_years_verdicts_in_one_order(demo_records: dict[str, Any]) -> None:
    """The text view's count line, the brief's count sentence and the brief's table follow one
    order (``render.labels.VERDICT_ORDER``: missed and not reported first)."""
    from reportdiff.render.labels import LABELS, VERDICT_ORDER

    present = {row["verdict"] for row in demo_records["target_outcomes"]}
    assert len(present - {"n/a"}) >= 2, present
    order = [v for v in VERDICT_ORDER if v in present]
    text = str(render(demo_records, "text", RenderContext()))
    counts = next(line for line in text.splitlines() if line.startswith("last year's targets:"))
    words = {"missed": "missed", "not_reported": "not reported", "met": "met"}
    words |= {"exceeded": "exceeded", "n/a": "no verdict"}
    assert sorted(order, key=lambda v: counts.index(words[v])) == order
    soup = BeautifulSoup(str(render(demo_records, "html", RenderContext())), "html.parser")
    lede = one(soup, "#brief .lede").get_text()
    verdict_of = {LABELS["zh"][f"verdict_{v}"]: v for v in VERDICT_ORDER if v != "n/a"}
    longest_first = "|".join(sorted(verdict_of, key=len, reverse=True))
    said = [verdict_of[w] for w in re.findall(rf"({longest_first}) \d+ 项", lede)]
    assert said == [v for v in order if v != "n/a"]
    rows = one(soup, "#brief table.headline").select("tbody")[-1].select("tr")
    shown = [row.select("td")[-1].get_text() for row in rows]
    rank = {LABELS["zh"][f"verdict_{v}"]: k for k, v in enumerate(VERDICT_ORDER)}
    ranks = [
        min((r for w, r in rank.items() if w and cell.startswith(w)), default=9) for cell in shown
    ]
    assert ranks == sorted(ranks)


def test_a_qualifier_that_went_away_is_worded_in_the_memos_language() -> None:
    """The 2024 plan's 「增长5%以上」 became 2025's 「增长5%」: the record says 「以上 → (none)」,
    a Chinese memo 「以上 → （无）」, an English one keeps 「(none)」."""
    records = compare_files(
        PLAN, str(SEED_FILES["summary2025"]), options=Options(mode="editions")
    ).as_records()
    gdp = next(s for s in records["number_shifts"] if s["indicator"] == "地区生产总值增长")
    assert gdp["change"] == "以上 → (none)"

    def cell(lang: str) -> str:
        html = str(render(records, "html", RenderContext(lang=lang, detail="full")))
        rows = BeautifulSoup(html, "html.parser").select("table.shifts tr.shift")
        row = next(r for r in rows if one(r, "td.indicator").get_text() == "地区生产总值增长")
        return one(row, "td.delta").get_text()

    assert cell("zh") == "以上 → （无）"
    assert cell("en") == "以上 → (none)"
    assert "以上 → （无）" in str(render(records, "md", RenderContext(detail="full")))


def test_new_and_dropped_commitments_show_their_nearest_sentences(
    plan_records: dict[str, Any], plan_html: BeautifulSoup
) -> None:
    """Each listed new or dropped commitment shows the other edition's sentences nearest to it
    (from the record's ``nearest``), with their place, in the HTML memo, the Markdown memo and
    the text view (the first only)."""
    changes = {c["id"]: c for c in plan_records["changes"]}
    checked = 0
    for kind, other in (("removed", "新版"), ("added", "旧版")):
        for item in plan_html.select(f"ol.commitments-{kind} > li"):
            near = changes[str(item["id"])].get("nearest", [])
            shown = item.select("div.nearest span.near")
            assert len(shown) == len(near)
            for span, sentence in zip(shown, near, strict=True):
                cite = span.select_one("span.cite")
                assert cite is not None and f"§{sentence['section_id']}" in cite.text
                assert cite.text.startswith(other)
                assert str(sentence["line"]) in cite.text
                assert sentence["text"][:10] in span.text
            checked += bool(near)
    assert checked >= 5
    markdown = str(render(plan_records, "md", RenderContext())).splitlines()
    text = str(render(plan_records, "text", RenderContext())).splitlines()
    listed = plan_html.select("ol.commitments-removed > li")
    change = next(changes[str(li["id"])] for li in listed if changes[str(li["id"])].get("nearest"))
    first = change["nearest"][0]
    entry = max(
        k for k, line in enumerate(markdown) if line.startswith(f"1. {change['old']['text']}")
    )
    assert (
        markdown[entry + 1].startswith("   - ") and f"§{first['section_id']}" in markdown[entry + 1]
    )
    assert markdown[entry + 2].startswith("1. ") or not markdown[entry + 2]
    row = next(k for k, line in enumerate(text) if f" {change['id']} L" in line)
    assert text[row + 1].strip().startswith(f"≈ closest: new L{first['line']} ")
