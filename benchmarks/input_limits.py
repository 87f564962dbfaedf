"""What hostile and oversized inputs cost: the whole ``reportdiff diff`` on each, time and memory.

Each input is built in a temporary folder and compared with a seed report by the installed CLI
in a child process; the table gives its exit code, wall time, peak resident memory (of the child)
and the first words of its message. Refused inputs should cost about what starting the CLI costs;
the input at the text limit shows what the largest accepted input costs.

    .venv/bin/python benchmarks/input_limits.py [--quick]

``--quick`` leaves out the input at the text limit (the slow row).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seeds" / "huangpu-2025-report.txt"
CLI = Path(sys.executable).parent / "reportdiff"
sys.path.insert(0, str(ROOT))

from tests.pdfs import one_page_pdf  # noqa: E402


def repeated_text(size: int) -> bytes:
    """Real report text (the five seeds, in turn) repeated to ``size`` bytes."""
    seeds = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
    chunk = b"\n".join(path.read_bytes() for path in seeds)
    return (chunk * (size // len(chunk) + 1))[:size]


def big_text(folder: Path) -> Path:
    path = folder / "50mb.txt"
    path.write_bytes(repeated_text(50_000_000))
    return path


def text_at_limit(folder: Path) -> Path:
    """Just under the text limit (1,048,576 characters with the default --max-bytes)."""
    path = folder / "at-limit.txt"
    text = repeated_text(3_000_000).decode("utf-8", "ignore")
    path.write_text(text[:1_000_000].rsplit("\n", 1)[0], encoding="utf-8")
    return path


def long_line(folder: Path) -> Path:
    path = folder / "1m-line.txt"
    path.write_text("推进城市更新实施两旧一村改造" * 71_429, encoding="utf-8")
    return path


def docx_bomb(folder: Path) -> Path:
    """A .docx with a 100 MB document.xml (white space) in a file of a few hundred KB."""
    path = folder / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            part.write(b'<?xml version="1.0"?>')
            for _ in range(100):
                part.write(b" " * 1_000_000)
            part.write(b"<w:document/>")
    return path


def pdf_bomb(folder: Path) -> Path:
    """A PDF whose one content stream inflates to 2 GB."""
    packer = zlib.compressobj(1)
    stream = b"".join(packer.compress(b" " * 10_000_000) for _ in range(200)) + packer.flush()
    path = folder / "bomb.pdf"
    path.write_bytes(one_page_pdf(stream))
    return path


def deep_html(folder: Path) -> Path:
    path = folder / "deep.html"
    text = SEED.read_text(encoding="utf-8")
    path.write_text(
        f"<html><body>{'<div>' * 16_000}<pre>{text}</pre>{'</div>' * 16_000}</body></html>",
        encoding="utf-8",
    )
    return path


def short_lines(folder: Path) -> Path:
    path = folder / "short-lines.txt"
    words = ["推进", "建设", "发展", "下载", "目录", "城市", "创新", "服务"]
    path.write_text(
        "\n".join(words[i % 8] + words[(i * 3 + 1) % 8] for i in range(100_000)), encoding="utf-8"
    )
    return path


def dev_zero(folder: Path) -> Path:
    return Path("/dev/zero")


CASES: list[tuple[str, Callable[[Path], Path]]] = [
    ("50 MB text file", big_text),
    ("/dev/zero", dev_zero),
    ("1 M characters on one line, no punctuation", long_line),
    (".docx with a 100 MB document.xml", docx_bomb),
    ("PDF whose stream inflates to 2 GB", pdf_bomb),
    ("HTML nested 16,000 <div> deep", deep_html),
    ("100,000 short lines", short_lines),
    ("text at the limit (1 M characters)", text_at_limit),
]


def run(path: Path) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak RSS in MB, first line of stderr) of `reportdiff diff path SEED`.

    GNU time measures the child's memory (a child forked from this process would inherit its
    high-water mark); without it the figure is left out."""
    command = [str(CLI), "diff", str(path), str(SEED), "--color", "never"]
    timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    with tempfile.NamedTemporaryFile("r") as report:
        if timer:
            command = [timer, "-q", "-f", "%M", "-o", report.name, *command]
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - start
        kilobytes = report.read().strip().splitlines()[-1:] if timer else []
    errors = [
        line
        for line in done.stderr.decode("utf-8", "replace").splitlines()
        if line.startswith("reportdiff: error: ")
    ]
    first = errors[0] if errors else ""
    peak = int(kilobytes[0]) / 1024 if kilobytes and kilobytes[0].isdigit() else float("nan")
    return done.returncode, seconds, peak, first


def main(args: list[str]) -> None:
    quick = "--quick" in args
    print("| input | exit | time (s) | peak RSS (MB) | message |")
    print("|---|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as folder:
        for name, make in CASES:
            if quick and make is text_at_limit:
                continue
            path = make(Path(folder))
            code, seconds, peak, message = run(path)
            short = message.removeprefix("reportdiff: error: ").replace(folder + "/", "")
            print(f"| {name} | {code} | {seconds:.1f} | {peak:.0f} | {short[:90]} |")


if __name__ == "__main__":
    main(sys.argv[1:])
