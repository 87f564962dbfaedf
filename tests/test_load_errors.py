"""Every bad input ends in one line on stderr that names the file and the fix, exit code 2, no
traceback, nothing on stdout; and standard input is sniffed for its format."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED_FILES, invoke

HUANGPU = SEED_FILES["huangpu2025"]


def refused(args: list[str], name: str, *words: str, input: bytes | None = None) -> str:
    """Run the CLI expecting exit 2 and a one-line message naming ``name`` with ``words``."""
    result = invoke(args, expect=2, input=input)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    message = lines[0]
    assert message.startswith("reportdiff: error: ")
    assert name in message, message
    for word in words:
        assert word in message, message
    return message


def test_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "没有这个文件.txt"
    refused(["outline", str(path)], str(path), "no such file")


def test_directory(tmp_path: Path) -> None:
    refused(["outline", str(tmp_path)], str(tmp_path), "is a directory")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    refused(["outline", str(path)], str(path), "empty")


def test_blank_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n \u3000\n\t\n", encoding="utf-8")
    refused(["outline", str(path)], str(path), "no text")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, ("binary", "PNG")),
        (b"\x7fELF\x02\x01\x01" + bytes(200), ("binary",)),
        (bytes(range(256)) * 8, ("binary",)),
        ("正文".encode() + b"\x00\x00\x00\x01\x02" * 50, ("binary",)),
    ],
    ids=["png", "elf", "all-bytes", "nul-bytes"],
)
def test_binary_file(tmp_path: Path, data: bytes, words: tuple[str, ...]) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    refused(["outline", str(path)], str(path), *words)


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "report.xyz"
    path.write_bytes(HUANGPU.read_bytes())
    refused(["outline", str(path)], str(path), "unsupported file type '.xyz'", "--from-format")
    # ...and --from-format reads it.
    assert invoke(["outline", "--from-format", "txt", str(path)]).stdout


def test_old_word_doc(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    refused(["outline", str(path)], str(path), ".doc", "save it as .docx")


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(bytes(range(128, 256)) * 40)
    refused(["outline", str(path)], str(path), "encoding not recognised", "--encoding")


def test_wrong_encoding_option(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(HUANGPU.read_text(encoding="utf-8").encode("gb18030"))
    refused(["outline", "--encoding", "utf-8", str(path)], str(path), "cannot be decoded")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).rectangle((50, 50, 550, 120), fill="black")
    path = tmp_path / "scan.pdf"
    image.save(path, "PDF", resolution=72.0)
    refused(["outline", str(path)], str(path), "no text layer", "scanned", "ocrmypdf")


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n" + bytes(range(256)) * 3)
    refused(["outline", str(path)], str(path), "PDF")


def test_pdf_without_the_pdf_input_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PDF input is the optional ``pdf-input`` extra: without pdfminer.six the message names it."""
    import sys

    monkeypatch.setitem(sys.modules, "pdfminer", None)  # import pdfminer → ImportError
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n%%EOF\n")
    fix = "pip install 'reportdiff[pdf-input]'"
    refused(["outline", str(path)], str(path), "pdfminer.six", fix)


def test_truncated_docx(tmp_path: Path) -> None:
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("各位代表：现在我代表区人民政府报告工作。")
    document.save(buffer)
    path = tmp_path / "broken.docx"
    path.write_bytes(buffer.getvalue()[:1500])
    refused(["outline", str(path)], str(path), "not a valid .docx")


def test_docx_with_bad_xml(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document><w:body>不完整")
    path = tmp_path / "bad.docx"
    path.write_bytes(buffer.getvalue())
    refused(["outline", str(path)], str(path), "not a valid .docx")


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    path = tmp_path / "archive.docx"
    path.write_bytes(buffer.getvalue())
    refused(["outline", str(path)], str(path), "no word/document.xml")


def test_docx_named_txt(tmp_path: Path) -> None:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    path = tmp_path / "report.txt"
    path.write_bytes(buffer.getvalue())
    refused(["outline", str(path)], str(path), ".docx", "--from-format docx")


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(HUANGPU.read_bytes())
    refused(["outline", "--max-bytes", "1000", str(path)], str(path), "limit", "--max-bytes")
    assert invoke(["outline", "--max-bytes", "10000000", str(path)]).stdout


def test_stdin_over_the_size_limit() -> None:
    refused(["outline", "--max-bytes", "1000", "-"], "<stdin>", "limit", input=HUANGPU.read_bytes())


def test_empty_stdin() -> None:
    refused(["outline", "-"], "<stdin>", "empty", input=b"")


def test_binary_stdin() -> None:
    refused(["outline", "-"], "<stdin>", "binary", input=b"\x89PNG\r\n\x1a\n" + bytes(300))


# --- standard input is sniffed -------------------------------------------------------------------


def _outline(args: list[str], input: bytes | None = None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        invoke(["outline", "--format", "json", *args], input=input).stdout
    )
    return data


def test_stdin_sniffs_docx_and_html(tmp_path: Path) -> None:
    import docx

    lines = [line for line in HUANGPU.read_text(encoding="utf-8").splitlines() if line.strip()]
    expected = _outline([str(HUANGPU)])["sections"]
    buffer = io.BytesIO()
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(buffer)
    got = _outline(["-"], input=buffer.getvalue())
    assert got["format"] == "docx"
    assert [s["title"] for s in got["sections"]] == [s["title"] for s in expected]
    page = "<!DOCTYPE html><html><body>" + "".join(f"<p>{line}</p>" for line in lines)
    got = _outline(["-"], input=page.encode("utf-8"))
    assert got["format"] == "html"
    assert [s["title"] for s in got["sections"]] == [s["title"] for s in expected]


def test_stdin_sniffs_pdf(tmp_path: Path) -> None:
    from weasyprint import HTML

    pdf = HTML(
        string='<html><body style="font-family: Noto Serif CJK SC">'
        "<p>一、总体要求</p><p>各项工作稳步推进，成效明显。</p></body></html>"
    ).write_pdf()
    got = _outline(["-"], input=pdf)
    assert got["format"] == "pdf"
    assert [(s["title"], s["sentences"][0]["text"]) for s in got["sections"]] == [
        ("总体要求", "各项工作稳步推进，成效明显。")
    ]


def test_extensionless_file_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "report"
    path.write_bytes(HUANGPU.read_bytes())
    assert _outline([str(path)])["format"] == "txt"
