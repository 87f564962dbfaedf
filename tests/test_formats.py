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


@pytest.fixture(scope="module")
def originals() -> dict[str, list[dict[str, Any]]]:
    return {name: sections(SEED_FILES[name])[1] for name in ("huangpu2025", "compilation2025")}


# --- format equivalence --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", ["huangpu2025", "compilation2025"])
def test_docx_gives_the_same_outline(tmp_path: Path, originals: dict, seed: str) -> None:
    path = make_docx(seed_lines(seed), tmp_path / f"{seed}.docx")
    data, got = sections(path)
    assert data["format"] == "docx"
    assert got == originals[seed]


@pytest.mark.parametrize("seed", ["huangpu2025", "compilation2025"])
def test_html_gives_the_same_outline(tmp_path: Path, originals: dict, seed: str) -> None:
    path = make_html(seed_lines(seed), tmp_path / f"{seed}.html")
    data, got = sections(path)
    assert data["format"] == "html"
    assert got == originals[seed]
    flat = json.dumps(data, ensure_ascii=False)
    chrome_words = ("脚本文字", "导航栏目", "面包屑", "用户登入框", "分享到", "沪ICP备",
                    "请启用脚本")
    for chrome in chrome_words:
        assert chrome not in flat


def test_gbk_html_is_decoded_by_meta_charset(tmp_path: Path, originals: dict) -> None:
    path = make_html(seed_lines("huangpu2025"), tmp_path / "gbk.htm", encoding="gbk")
    data, got = sections(path)
    assert data["encoding"] == "gb18030"
    assert got == originals["huangpu2025"]


def test_pdf_gives_the_same_outline(tmp_path: Path, originals: dict) -> None:
    path = make_pdf(seed_lines("huangpu2025"), tmp_path / "huangpu.pdf")
    data, got = sections(path)
    assert data["format"] == "pdf"
    assert got == originals["huangpu2025"]
    assert any("page-number" in warning for warning in data["warnings"])


@pytest.mark.slow
@pytest.mark.parametrize("seed", ["compilation2025", "plan2024", "tasks2023"])
def test_pdf_text_layer_is_complete(tmp_path: Path, seed: str) -> None:
    """Every character of the seed comes back from the PDF, in order, and nothing else but page
    breaks; page numbers and footers are gone. (Their outlines differ from the txt outline where
    paragraph rebuilding from hard wraps guesses differently; see the report.)"""
    lines = seed_lines(seed)
    path = make_pdf(lines, tmp_path / f"{seed}.pdf")
    from reportdiff.formats import read_pdf

    extracted = read_pdf(path.read_bytes(), str(path), Options())
    squash = re.compile(r"\s+")
    assert squash.sub("", "".join(extracted.lines)) == squash.sub("", "".join(lines))
    assert not any(re.fullmatch(r"— \d+ —", line.strip()) for line in extracted.lines)


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
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%1）"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%2."/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

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
    from reportdiff.formats import read_docx

    extracted = read_docx(_numbered_docx(), "report.docx", Options())
    assert "指标\t2024年\t2025年" in extracted.lines
    row = extracted.lines.index("增速\t5%\t5.5%")
    assert (row, BlockKind.TABLE_ROW, None) in extracted.hints


def test_docx_tracked_changes_are_read_as_accepted() -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    paragraph = document.add_paragraph("推进“两旧一村”改造")
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="a">'
        "<w:r><w:delText>。</w:delText></w:r></w:del>"))
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="a">'
        "<w:r><w:t>，实施城市更新行动。</w:t></w:r></w:ins>"))
    assert paragraph.text == "推进“两旧一村”改造"  # python-docx alone loses the insertion
    buffer = io.BytesIO()
    document.save(buffer)
    loaded = load_bytes(buffer.getvalue(), source="tracked.docx")
    assert loaded.blocks[0].text == "推进“两旧一村”改造，实施城市更新行动。"
    assert any("tracked changes" in warning for warning in loaded.warnings)


def test_docx_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from reportdiff import formats

    path = make_docx(seed_lines("huangpu2025"), tmp_path / "big.docx")
    monkeypatch.setattr(formats, "MAX_DOCX_UNPACKED", 10_000)
    result = invoke(["outline", str(path)], expect=2)
    assert "zip bomb" in result.stderr and result.stdout == ""


# --- PDF details ---------------------------------------------------------------------------------


def test_pdf_footnote_markers_and_page_numbers(tmp_path: Path) -> None:
    """A superscript footnote number is taken out of the sentence and its note kept apart."""
    lines = seed_lines("huangpu2025")[6:40]
    marked = lines[10]
    position = marked.index("。")
    lines[10] = marked[:position] + "<sup>1</sup>" + marked[position:]
    lines.append("1 说明：这是一条脚注的正文。")
    from weasyprint import HTML

    body = "\n".join(
        f"<p>{line if '<sup>' in line else html.escape(line)}</p>" for line in lines
    )
    HTML(string=f"""<html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 25mm; @bottom-center {{ content: "- " counter(page) " -"; }} }}
body {{ font-family: "Noto Serif CJK SC"; font-size: 16pt; }} sup {{ font-size: 9pt; }}
p {{ margin: 0; text-indent: 2em; }}</style></head><body>{body}</body></html>""").write_pdf(
        str(tmp_path / "notes.pdf"))
    document = load(tmp_path / "notes.pdf")
    texts = "".join(block.text for block in document.blocks)
    assert marked in texts  # the marker is gone from the sentence, the sentence is whole
    assert [(note.marker, note.text) for note in document.footnotes] == [
        ("1", "说明：这是一条脚注的正文。")
    ]
    assert not any(re.fullmatch(r"- \d+ -", block.text) for block in document.blocks)
