"""Every bad input ends in one line on stderr that names the file and the fix, exit code 2, no
traceback, nothing on stdout; and standard input is sniffed for its format."""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED_FILES, invoke
from tests.pdfs import one_page_pdf

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


# --- hostile and unlucky inputs (issue 15) -------------------------------------------------------


def test_endless_device_is_read_with_a_cap() -> None:
    """/dev/zero has no end and stat says 0 bytes: the reader stops one byte past the limit."""
    refused(["outline", "/dev/zero"], "/dev/zero", "over the 20,971,520-byte limit", "--max-bytes")


def test_endless_pipe_is_read_with_a_cap(tmp_path: Path) -> None:
    """A named pipe fed without end (as `<(yes 推进)` would be) is cut at the limit too."""
    import os
    import threading

    fifo = tmp_path / "endless"
    os.mkfifo(fifo)

    def feed() -> None:
        try:
            with fifo.open("wb") as pipe:
                while True:
                    pipe.write("推进城市更新\n".encode() * 1000)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    refused(["outline", "--max-bytes", "100000", str(fifo)], str(fifo), "100,000-byte limit")
    writer.join(timeout=10)


def test_symlink_loop_is_named_as_such(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    refused(["outline", str(loop)], str(loop), "loop of symbolic links")
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "gone.txt")
    refused(["outline", str(broken)], str(broken), "broken symbolic link")


def _docx_with_padding(padding: int) -> bytes:
    """A small .docx whose document.xml unpacks to ``padding`` bytes more (white space between
    the XML declaration and the root compresses a thousandfold)."""
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("各位代表：现在，我代表区人民政府向大会报告工作。")
    document.save(buffer)
    packed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                declaration, rest = data.split(b"?>", 1)
                data = declaration + b"?>" + b" " * padding + rest
            target.writestr(info.filename, data)
    return packed.getvalue()


def test_docx_that_unpacks_past_the_limit_is_refused(tmp_path: Path) -> None:
    """A .docx unpacks to at most 4 × --max-bytes, however small the file (a zip bomb)."""
    path = tmp_path / "bomb.docx"
    path.write_bytes(_docx_with_padding(5_000_000))
    assert path.stat().st_size < 100_000
    args = ["outline", "--max-bytes", "1000000", str(path)]
    refused(args, str(path), "unpacks to over 4,000,000 bytes", "zip or deflate bomb")
    assert invoke(["outline", str(path)]).stdout  # within the default limit it is read


def test_pdf_deflate_bomb_is_refused(tmp_path: Path) -> None:
    """pdfminer inflates each stream whole: the reader bounds what all streams may unpack to."""
    path = tmp_path / "bomb.pdf"
    path.write_bytes(one_page_pdf(zlib.compress(b" " * 20_000_000, 9)))
    assert path.stat().st_size < 100_000
    args = ["outline", "--max-bytes", "1000000", str(path)]
    refused(args, str(path), "unpacks to over 4,000,000 bytes", "--max-bytes")


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_reading_time_per_input_is_limited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """Every reader that parses draws on the same time budget (120 s; 0 here)."""
    from reportdiff.readers import limits

    path = tmp_path / f"slow.{kind}"
    if kind == "docx":
        path.write_bytes(_docx_with_padding(0))
    else:
        path.write_text("<html><body><p>各位代表：现在我代表区人民政府报告工作。</p></body></html>")
    monkeypatch.setattr(limits, "READ_SECONDS", 0.0)
    refused(["outline", str(path)], str(path), "took over 0 s to read")


def test_deeply_nested_html_is_read_without_recursion(tmp_path: Path) -> None:
    """5,000 nested <span> (the old walk recursed, ~490 raised RecursionError) and 10,000 nested
    <div> (the old content-box search was quadratic: 16k levels took 72 s) read like flat HTML."""
    text = "各位代表：现在，我代表区人民政府向大会报告工作，请予审议。"
    spans = tmp_path / "spans.html"
    spans.write_text(f"<html><body>{'<span>' * 5000}{text}{'</span>' * 5000}</body></html>")
    divs = tmp_path / "divs.html"
    divs.write_text(f"<html><body>{'<div>' * 10000}{text}{'</div>' * 10000}</body></html>")
    for path in (spans, divs):
        assert _outline([str(path)])["sections"][0]["sentences"][0]["text"].startswith("各位代表")


def test_many_short_unpunctuated_lines_are_text_not_chrome(tmp_path: Path) -> None:
    """Chrome is short and at the edges only: many short lines (some with chrome words in them;
    100,000 were all dropped) are a list, not a page's tools, and not a hard-wrapped text."""
    words = ["推进", "建设", "发展", "下载", "目录", "城市", "创新", "服务"]
    lines = [words[i % 8] + words[(i * 3 + 1) % 8] for i in range(5_000)]
    path = tmp_path / "list.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    data = _outline([str(path)])
    assert len(data["sections"][0]["sentences"]) == 5_000


def test_long_run_without_a_sentence_end_is_refused(tmp_path: Path) -> None:
    """1 M characters with no punctuation is no report (every later stage would cost its square):
    refused at once, naming the line."""
    path = tmp_path / "one-line.txt"
    path.write_text("推进城市更新" * 170_000, encoding="utf-8")
    refused(["diff", str(path), str(HUANGPU)], str(path), "line 1 runs 1,020,000 characters")


def test_text_beyond_the_comparable_size_is_refused(tmp_path: Path) -> None:
    """Text is bounded by --max-bytes / 20 characters; raising --max-bytes raises it."""
    body = HUANGPU.read_text(encoding="utf-8")
    path = tmp_path / "many.txt"
    path.write_text(body * 5, encoding="utf-8")
    message = refused(["outline", "--max-bytes", "1000000", str(path)], str(path), "characters")
    assert "over the 50,000 a report comparison takes" in message
    assert invoke(["outline", "--max-bytes", "4000000", str(path)]).stdout
