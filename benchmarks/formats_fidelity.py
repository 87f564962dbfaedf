"""Does every input format give the outline of the text? And how fast is each reader?

For each seed, builds in a temporary folder a GB18030 copy, a UTF-16 copy, a .docx (one paragraph
per non-empty line, python-docx), an HTML page (one <p> per line, with navigation, a script and a
footer around it) and an A4 PDF (WeasyPrint, Noto Serif CJK 16 pt, 2em first-line indent,
justified, page numbers « — n — »). Each is loaded and outlined; the outline items (section titles
and levels, sentence texts, in order) are compared with the outline of the original .txt.

For PDFs it also measures the paragraph starts the reader finds from the page layout
(``Extracted.breaks``: each seed line is one paragraph of the PDF, so the truth is known) and what
the outline would be if paragraphs were rebuilt from those breaks (``with breaks``) instead of by
repair()'s text heuristics. yangpu-2024-plan is already a PDF extraction (its lines are wrapped
lines, not paragraphs), so rendering it again is not a fair test; it is left out by default.

    .venv/bin/python benchmarks/formats_fidelity.py [seed-file-name ...]

Output: a Markdown table. Load time is given as a ratio to loading the UTF-8 .txt in the same run.
"""

from __future__ import annotations

import difflib
import html
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff.load import load  # noqa: E402
from reportdiff.model import Document  # noqa: E402
from reportdiff.options import Options  # noqa: E402
from reportdiff.outline import build_outline  # noqa: E402
from reportdiff.readers import Extracted  # noqa: E402
from reportdiff.readers.pdf import read as read_pdf  # noqa: E402
from reportdiff.repair import repair  # noqa: E402

SEEDS = ROOT / "fixtures" / "seeds"
DEFAULT = [
    "huangpu-2025-report.txt",
    "yangpu-2025-compilation.txt",
    "yangpu-2025-summary.txt",
    "yangpu-2023-tasks.txt",
]


def items(document: Document) -> list[tuple[Any, ...]]:
    """Outline items in order: (T, title, level) and (S, sentence text)."""
    out: list[tuple[Any, ...]] = []

    def walk(section: dict[str, Any]) -> None:
        out.append(("T", section["title"], section["level"]))
        out.extend(("S", s["text"]) for s in section.get("sentences", []))
        for child in section.get("children", []):
            walk(child)

    for section in build_outline(document).as_records()["sections"]:
        walk(section)
    return out


def same_share(truth: list[tuple[Any, ...]], got: list[tuple[Any, ...]]) -> float:
    matcher = difflib.SequenceMatcher(None, truth, got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(truth)


def build(name: str, folder: Path) -> dict[str, Path]:
    import docx
    from weasyprint import HTML

    text = (SEEDS / name).read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    paths = {"txt": SEEDS / name}
    paths["gb18030"] = folder / "gb.txt"
    paths["gb18030"].write_bytes(text.encode("gb18030"))
    paths["utf-16"] = folder / "u16.txt"
    paths["utf-16"].write_bytes(text.encode("utf-16"))
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    paths["docx"] = folder / "report.docx"
    document.save(str(paths["docx"]))
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    paths["html"] = folder / "report.html"
    paths["html"].write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><script>var a="脚本";</script></head>'
        '<body><nav><a href="/">首页</a> | <a>政务公开</a></nav><article>'
        + body
        + "</article><footer>版权所有</footer></body></html>",
        encoding="utf-8",
    )
    paths["pdf"] = folder / "report.pdf"
    HTML(
        string=f"""<html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 25mm 26mm;
  @bottom-center {{ content: "— " counter(page) " —"; font-family: "Noto Serif CJK SC"; }} }}
body {{ font-family: "Noto Serif CJK SC"; font-size: 16pt; line-height: 1.6; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
</style></head><body>{body}</body></html>"""
    ).write_pdf(str(paths["pdf"]))
    return paths


def timed_load(path: Path, runs: int = 3) -> tuple[Document, float]:
    load(path)
    start = time.perf_counter()
    for _ in range(runs):
        document = load(path)
    return document, (time.perf_counter() - start) / runs


def breaks_measure(name: str, pdf: Path) -> tuple[float, float, float]:
    """(precision, recall) of layout breaks, and the outline share when paragraphs follow them."""
    squash = re.compile(r"\s+")
    paragraphs = [
        squash.sub("", line)
        for line in (SEEDS / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    extracted = read_pdf(pdf.read_bytes(), str(pdf), Options())
    boundaries, offset = set(), 0
    for paragraph in paragraphs:
        boundaries.add(offset)
        offset += len(paragraph)
    truth, position = set(), 0
    for index, line in enumerate(extracted.lines):
        if position in boundaries and not line.strip().isdigit():
            truth.add(index)
        position += len(squash.sub("", line))
    found = set(extracted.breaks)
    right = len(found & truth)
    joined: list[str] = []
    for index, line in enumerate(extracted.lines):
        text = line.strip()
        if text.isdigit() or index in found or not joined:
            joined.append(text)
        else:
            joined[-1] += text
    repaired = repair(Extracted(tuple(joined)))
    rebuilt = Document(
        source=str(pdf),
        fmt="pdf",
        encoding=None,
        blocks=repaired.blocks,
        footnotes=repaired.footnotes,
        warnings=(),
    )
    share = same_share(items(load(SEEDS / name)), items(rebuilt))
    return right / len(found), right / len(truth), share


def main(names: list[str]) -> None:
    print(
        "| seed | format | outline items identical | load time × txt | breaks P / R | "
        "PDF outline with breaks |"
    )
    print("|---|---|---:|---:|---:|---:|")
    for name in names:
        with tempfile.TemporaryDirectory() as folder:
            paths = build(name, Path(folder))
            original, base = timed_load(paths["txt"])
            truth = items(original)
            for fmt, path in paths.items():
                if fmt == "txt":
                    continue
                document, seconds = timed_load(path)
                share = same_share(truth, items(document))
                extra = "| |"
                if fmt == "pdf":
                    precision, recall, rebuilt = breaks_measure(name, path)
                    extra = f"| {precision:.2f} / {recall:.2f} | {rebuilt:.3f} |"
                print(
                    f"| {name.removesuffix('.txt')} | {fmt} | {share:.3f} "
                    f"| {seconds / base:.1f} {extra}"
                )


if __name__ == "__main__":
    main(sys.argv[1:] or DEFAULT)
