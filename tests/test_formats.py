"""docx, PDF and HTML readers: the same report in every format gives the same outline.

The documents are built here from the real seeds (python-docx, WeasyPrint, an HTML page with
navigation, scripts and a footer), never committed as binaries.
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from reportdiff.load import load, load_bytes
from reportdiff.model import BlockKind
from reportdiff.options import Options
from reportdiff.readers import Mark
from tests.conftest import SEED_FILES, invoke


def seed_lines(seed: str) -> list[str]:
    text = SEED_FILES[seed].read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def sections(path: Path | str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The outline of ``path`` and its sections without line numbers (which differ by format)."""
    result = invoke(["outline", "--format", "json", str(path)])
    data = json.loads(result.stdout)

    def strip(section: dict[str, Any]) -> dict[str, Any]:
        return {
            "title": section["title"],
            "level": section["level"],
            "kind": section["kind"],
            "sentences": [sentence["text"] for sentence in section.get("sentences", [])],
            "children": [strip(child) for child in section.get("children", [])],
        }

    return data, [strip(section) for section in data["sections"]]


def make_docx(lines: list[str], path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def make_html(lines: list[str], path: Path, encoding: str = "utf-8") -> Path:
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page = f"""<!DOCTYPE html>
<html><head><meta charset="{encoding}"><title>政府工作报告_政务公开</title>
<style>p {{ margin: 0 }}</style><script>document.write("脚本文字不要读");</script></head>
<body>
<nav><a href="/">首页</a> | <a href="/gk">导航栏目甲</a> | <a href="/hd">导航栏目乙</a></nav>
<div class="breadcrumb">首页 &gt; 面包屑栏目 &gt; 政府工作报告</div>
<div id="login-box">用户登入框</div>
<article>
{body}
</article>
<div class="share-bar">分享到：微信 微博</div>
<footer>版权所有：上海市人民政府 沪ICP备00000000号</footer>
<noscript>请启用脚本</noscript>
</body></html>"""
    path.write_bytes(page.encode(encoding))
    return path


def make_pdf(lines: list[str], path: Path) -> Path:
    """An A4 government-style PDF: Noto CJK 16 pt, 2em indent, justified, page numbers « — n — »."""
    from weasyprint import HTML

    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page = f"""<html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 25mm 26mm;
  @bottom-center {{ content: "— " counter(page) " —"; font-family: "Noto Serif CJK SC";
                    font-size: 12pt; }} }}
body {{ font-family: "Noto Serif CJK SC"; font-size: 16pt; line-height: 1.6; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
sup {{ font-size: 9pt; }}
</style></head><body>{body}</body></html>"""
    HTML(string=page).write_pdf(str(path))
    return path


Originals = dict[str, list[dict[str, Any]]]


@pytest.fixture(scope="module")
def originals() -> Originals:
    return {name: sections(SEED_FILES[name])[1] for name in ("huangpu2025", "compilation2025")}


# --- format equivalence --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", ["huangpu2025", "compilation2025"])
def test_docx_gives_the_same_outline(tmp_path: Path, originals: Originals, seed: str) -> None:
    path = make_docx(seed_lines(seed), tmp_path / f"{seed}.docx")
    data, got = sections(path)
    assert data["format"] == "docx"
    assert got == originals[seed]


@pytest.mark.parametrize("seed", ["huangpu2025", "compilation2025"])
def test_html_gives_the_same_outline(tmp_path: Path, originals: Originals, seed: str) -> None:
    path = make_html(seed_lines(seed), tmp_path / f"{seed}.html")
    data, got = sections(path)
    assert data["format"] == "html"
    assert got == originals[seed]
    flat = json.dumps(data, ensure_ascii=False)
    chrome_words = (
        "脚本文字",
        "导航栏目",
        "面包屑",
        "用户登入框",
        "分享到",
        "沪ICP备",
        "请启用脚本",
    )
    for chrome in chrome_words:
        assert chrome not in flat


def test_gbk_html_is_decoded_by_meta_charset(tmp_path: Path, originals: Originals) -> None:
    path = make_html(seed_lines("huangpu2025"), tmp_path / "gbk.htm", encoding="gbk")
    data, got = sections(path)
    assert data["encoding"] == "gb18030"
    assert got == originals["huangpu2025"]


@pytest.fixture(scope="module")
def huangpu_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_pdf(seed_lines("huangpu2025"), tmp_path_factory.mktemp("pdf") / "huangpu.pdf")


def test_pdf_gives_the_same_outline(huangpu_pdf: Path, originals: Originals) -> None:
    data, got = sections(huangpu_pdf)
    assert data["format"] == "pdf"
    assert got == originals["huangpu2025"]
    assert any("page-number" in warning for warning in data["warnings"])


def test_pdf_layout_breaks_find_paragraph_starts(huangpu_pdf: Path) -> None:
    """Each seed line is one paragraph of the PDF: the layout breaks should find where each
    starts (measured: 120 of 120 found, 3 extra where a line breaks early before 」 or digits)."""
    from reportdiff.readers.pdf import read as read_pdf

    paragraphs = [re.sub(r"\s+", "", line) for line in seed_lines("huangpu2025")]
    extracted = read_pdf(huangpu_pdf.read_bytes(), "huangpu.pdf", Options())
    starts, offset, position = set(), 0, 0
    boundaries = set()
    for paragraph in paragraphs:
        boundaries.add(offset)
        offset += len(paragraph)
    for index, line in enumerate(extracted.lines):
        if position in boundaries:
            starts.add(index)
        position += len(re.sub(r"\s+", "", line))
    found = set(extracted.breaks)
    # Page starts are a field of the record, not a space put in front of the line.
    assert extracted.page_starts[0] == 0 and len(extracted.page_starts) > 3
    assert not any(line[:1].isspace() for line in extracted.lines)
    assert len(starts) == len(paragraphs)
    assert len(found & starts) / len(starts) >= 0.98  # recall
    assert len(found & starts) / len(found) >= 0.95  # precision


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Render a seed's PDF once per module."""
    made: dict[str, Path] = {}

    def get(seed: str) -> Path:
        if seed not in made:
            folder = tmp_path_factory.mktemp(seed)
            made[seed] = make_pdf(seed_lines(seed), folder / f"{seed}.pdf")
        return made[seed]

    return get


@pytest.mark.slow
@pytest.mark.parametrize("seed", ["compilation2025", "plan2024", "tasks2023"])
def test_pdf_text_layer_is_complete(seed_pdf: Any, seed: str) -> None:
    """Every character of the seed comes back from the PDF, in order, and nothing else but page
    breaks; page numbers and footers are gone."""
    lines = seed_lines(seed)
    path = seed_pdf(seed)
    from reportdiff.readers.pdf import read as read_pdf

    extracted = read_pdf(path.read_bytes(), str(path), Options())
    squash = re.compile(r"\s+")
    assert squash.sub("", "".join(extracted.lines)) == squash.sub("", "".join(lines))
    assert not any(re.fullmatch(r"— \d+ —", line.strip()) for line in extracted.lines)


@pytest.mark.slow
@pytest.mark.xfail(
    strict=False,
    reason="repair() now follows the PDF's layout breaks (fidelity 0.999, was 0.959), but the "
    "typeset copy still nests one subtree of the 加快城市数字化转型 chapter differently",
)
def test_pdf_compilation_gives_the_same_outline(seed_pdf: Any, originals: Originals) -> None:
    data, got = sections(seed_pdf("compilation2025"))
    assert got == originals["compilation2025"]


# --- docx details --------------------------------------------------------------------------------


def _numbered_docx() -> bytes:
    """A docx with heading styles, Word list numbering (decimal and chineseCounting), a table."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("上海市某区2025年政府工作报告", style="Title")
    document.add_heading("2024年工作回顾", level=1)
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%1）"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%2."/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
            )
        )

    numbered("经济运行稳中有进", 0)
    numbered("地区生产总值增长5%。", 1)
    numbered("区级财政收入增长3%。", 1)
    numbered("城区功能持续提升", 0)
    numbered("新开工项目20个。", 1)
    table = document.add_table(rows=2, cols=3)
    values = [("指标", "2024年", "2025年"), ("增速", "5%", "5.5%")]
    for row, cells in zip(table.rows, values, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("以上指标为预计数。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_headings_numbering_and_tables() -> None:
    document = load_bytes(_numbered_docx(), source="report.docx")
    texts = [block.text for block in document.blocks]
    assert texts[:8] == [
        "上海市某区2025年政府工作报告",
        "2024年工作回顾",
        "（一）经济运行稳中有进",
        "1.地区生产总值增长5%。",
        "2.区级财政收入增长3%。",
        "（二）城区功能持续提升",
        "1.新开工项目20个。",  # the lower level restarts under a new upper item
        "指标 2024年 2025年",
    ]
    heading = document.blocks[1]
    assert (heading.kind, heading.level, heading.line) == (BlockKind.HEADING, 1, 2)
    rows = [block for block in document.blocks if block.kind is BlockKind.TABLE_ROW]
    assert len(rows) == 2
    assert any("list numbers" in warning for warning in document.warnings)


def test_docx_table_rows_are_tab_joined_in_the_reader() -> None:
    from reportdiff.readers.docx import read as read_docx

    extracted = read_docx(_numbered_docx(), "report.docx", Options())
    assert "指标\t2024年\t2025年" in extracted.lines
    row = extracted.lines.index("增速\t5%\t5.5%")
    assert Mark(row, BlockKind.TABLE_ROW) in extracted.marks


def test_docx_tracked_changes_are_read_as_accepted() -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    paragraph = document.add_paragraph("推进“两旧一村”改造")
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="a">'
            "<w:r><w:delText>。</w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="2" w:author="a">'
            "<w:r><w:t>，实施城市更新行动。</w:t></w:r></w:ins>"
        )
    )
    assert paragraph.text == "推进“两旧一村”改造"  # python-docx alone loses the insertion
    buffer = io.BytesIO()
    document.save(buffer)
    loaded = load_bytes(buffer.getvalue(), source="tracked.docx")
    assert loaded.blocks[0].text == "推进“两旧一村”改造，实施城市更新行动。"
    assert any("tracked changes" in warning for warning in loaded.warnings)


# --- PDF details ---------------------------------------------------------------------------------


def test_pdf_footnote_markers_and_page_numbers(tmp_path: Path) -> None:
    """A superscript footnote number is taken out of the sentence and its note kept apart."""
    lines = seed_lines("huangpu2025")[6:40]
    marked = lines[10]
    position = marked.index("。")
    lines[10] = marked[:position] + "<sup>1</sup>" + marked[position:]
    lines.append("推进⽣态⽂明建设，深化⻓三⻆一体化。")  # radicals as some PDF producers emit
    lines.append("1 说明：这是一条脚注的正文。")
    from weasyprint import HTML

    body = "\n".join(f"<p>{line if '<sup>' in line else html.escape(line)}</p>" for line in lines)
    HTML(
        string=f"""<html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 25mm; @bottom-center {{ content: "- " counter(page) " -"; }} }}
body {{ font-family: "Noto Serif CJK SC"; font-size: 16pt; }} sup {{ font-size: 9pt; }}
p {{ margin: 0; text-indent: 2em; }}</style></head><body>{body}</body></html>"""
    ).write_pdf(str(tmp_path / "notes.pdf"))
    document = load(tmp_path / "notes.pdf")
    texts = "".join(block.text for block in document.blocks)
    assert marked in texts  # the marker is gone from the sentence, the sentence is whole
    assert "推进生态文明建设，深化长三角一体化。" in texts
    assert [(note.marker, note.text) for note in document.footnotes] == [
        ("1", "说明：这是一条脚注的正文。")
    ]
    assert not any(re.fullmatch(r"- \d+ -", block.text) for block in document.blocks)


# --- HTML details ---------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>页面标题不读</title><style>.x { color: red }</style></head>
<body>
<header class="site-banner">网站横幅不读</header>
<div id="topnav"><ul><li>首页</li><li>机构</li></ul></div>
<div class="main-content">
  <article>
    <header><h1>某区2025年政府工作报告</h1></header>
    <!-- 注释不读 -->
    <p>各位代表：</p>
    <h2>一、2024年工作回顾</h2>
    <p>过去一年，全区经济
       稳中有进。<span style="display:none">隐藏文字不读</span>地区生产总值增长5%。</p>
    <p>第一行<br>第二行</p>
    <table><tr><th>指标</th><th>目标</th></tr><tr><td>增速</td><td><p>5%</p><p>左右</p></td></tr>
    </table>
    <div hidden>隐藏的段落不读</div>
    <div class="share-tools">分享 打印</div>
  </article>
</div>
<aside>相关链接不读</aside>
<footer>页脚不读</footer>
</body></html>"""


def test_html_main_text_headings_and_tables() -> None:
    from reportdiff.readers.html import read as read_html

    extracted = read_html(HTML_PAGE.encode("utf-8"), "page.html", Options())
    assert extracted.lines == (
        "某区2025年政府工作报告",
        "各位代表：",
        "一、2024年工作回顾",
        "过去一年，全区经济稳中有进。地区生产总值增长5%。",
        "第一行",
        "第二行",
        "指标\t目标",
        "增速\t5% 左右",
    )
    assert extracted.marks == (
        Mark(0, BlockKind.HEADING, 1),
        Mark(2, BlockKind.HEADING, 2),
        Mark(6, BlockKind.TABLE_ROW),
        Mark(7, BlockKind.TABLE_ROW),
    )
    assert extracted.encoding == "utf-8"


def test_pdf_library_errors_become_input_errors() -> None:
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    from reportdiff.readers.pdf import _pdf_error

    class Wrapped(Exception):
        """A PDF library that wraps pdfminer's exception in its own."""

    wrapped = Wrapped(PDFPasswordIncorrect())
    assert "encrypted" in _pdf_error("a.pdf", wrapped).problem
    assert "qpdf --decrypt" in _pdf_error("a.pdf", wrapped).fix
    other = _pdf_error("a.pdf", Wrapped(ValueError("Unexpected EOF")))
    assert other.problem == "not a valid PDF (ValueError: Unexpected EOF)"


def test_pdf_unreadable_text_layer_is_refused() -> None:
    """Fonts without a Unicode map come out as (cid:NN) or rare Ext-A ideographs: refuse them."""
    from reportdiff.errors import InputError
    from reportdiff.readers.pdf import _Page, _pdf_extracted, _PdfLine

    def page(text: str) -> _Page:
        lines = tuple(_PdfLine(text, 100.0 + i * 20, 116.0 + i * 20, 72.0, 500.0) for i in range(5))
        return _Page(lines, 842.0, False, 16.0)

    with pytest.raises(InputError, match="cannot be read"):
        _pdf_extracted([page("(cid:123)(cid:456)(cid:789)(cid:42)")], "a.pdf")
    with pytest.raises(InputError, match="cannot be read"):
        _pdf_extracted([page("䅍㪦㧮鏅䅍㪦㧮鏅䅍㪦㧮鏅䅍㪦㧮鏅")], "a.pdf")
    assert _pdf_extracted([page("各位代表：现在我代表区人民政府报告工作。")], "a.pdf").lines


GOV_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
</head><body>
<div class="top"><a>首页</a><a>机构概况</a><a>政务公开</a><a>政民互动</a></div>
<table width="1000"><tr><td>
  <div class="title-box"><h1>某区政府工作报告</h1><span>发布日期：2025-01-10</span></div>
  <div id="zoom">
    <p>各位代表：</p>
    <p>现在，我代表区人民政府，向大会报告工作，请予审议。</p>
    <p>一、2024年工作回顾</p>
    <p>过去一年，我们坚持稳中求进工作总基调，全区经济运行稳中有进、进中向好，
    地区生产总值增长百分之五，区级一般公共预算收入增长百分之三，民生保障持续加强。</p>
    <p>二、2025年工作安排</p>
    <p>今年是“十四五”规划收官之年，做好政府工作意义重大，我们将全力以赴抓落实。</p>
  </div>
  <!-- a real report is long: the navigation is a small share of the page -->
</td></tr></table>
<div class="links">相关链接：市政府网站 区人大网站</div>
</body></html>"""


def test_html_content_box_without_article() -> None:
    """A government page without <article>: the box holding the text is found, its title kept,
    and a GB2312 page is decoded by its http-equiv meta tag."""
    from reportdiff.readers.html import read as read_html

    long_paragraph = "<p>" + "全区上下坚持稳中求进，经济社会发展取得新成效。" * 30 + "</p>"
    second = "<p>二、2025年工作安排</p>"
    page = GOV_PAGE.replace(second, long_paragraph + second)
    extracted = read_html(page.encode("gb2312"), "gov.htm", Options())
    assert extracted.encoding == "gb18030"
    assert extracted.lines[0] == "某区政府工作报告"
    assert extracted.lines[1:4] == (
        "各位代表：",
        "现在，我代表区人民政府，向大会报告工作，请予审议。",
        "一、2024年工作回顾",
    )
    assert extracted.lines[-1].startswith("今年是“十四五”规划收官之年")
    assert len(extracted.lines) == 8
    assert "地区生产总值增长百分之五" in extracted.lines[4]  # the source line break is gone


def test_docx_content_controls_are_read_and_hidden_text_is_not() -> None:
    """Word wraps tables of contents (and some templates wrap everything) in content controls,
    which python-docx's own iteration skips; hidden text is not part of the document."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("各位代表：")
    document.element.body.insert(
        1,
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtContent>"
            "<w:p><w:r><w:t>控件里的一段正文。</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"
        ),
    )
    after = document.add_paragraph("控件后的正文。")
    after._p.append(
        parse_xml(f"<w:r {nsdecls('w')}><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>")
    )
    buffer = io.BytesIO()
    document.save(buffer)
    loaded = load_bytes(buffer.getvalue(), source="sdt.docx")
    assert [block.text for block in loaded.blocks] == [
        "各位代表：",
        "控件里的一段正文。",
        "控件后的正文。",
    ]


def test_docx_with_word_structure_drops_pasted_web_chrome(tmp_path: Path) -> None:
    """A web page pasted into Word keeps its navigation lines (注册 | 登录 …) as paragraphs; with
    heading styles and a table in the document they are dropped exactly as from the text file."""
    import docx

    lines = seed_lines("huangpu2025")
    document = docx.Document()
    for line in lines:
        if line == "一、2024年工作回顾":
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "指标", "目标"
    path = tmp_path / "pasted.docx"
    document.save(str(path))
    loaded = load(path)
    original = load(SEED_FILES["huangpu2025"])
    assert loaded.blocks[0].text == original.blocks[0].text == "2025年上海市黄浦区政府工作报告"
    assert not any("登录" in block.text for block in loaded.blocks)
    assert any("web-page navigation" in warning for warning in loaded.warnings)
    data, _ = sections(path)
    assert data["title"] == "2025年上海市黄浦区政府工作报告"
