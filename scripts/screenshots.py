"""PNG screenshots of a memo's brief and of the side-by-side view, for examples/ (make screenshots).

    .venv/bin/python scripts/screenshots.py OLD NEW OUT_DIR

Compares OLD with NEW once, writes the memo (HTML and PDF) and the side-by-side page to a
temporary folder, and photographs them with Debian's Chromium (tests/browser.py): the brief at
desktop width, the side-by-side view at desktop and phone width, and the brief's PDF page
(pdftoppm). Same inputs, same pictures, so the files change only when the pages do.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff.options import Options  # noqa: E402
from reportdiff.pipeline import compare_files  # noqa: E402
from reportdiff.render import RenderContext, render  # noqa: E402
from tests.browser import browser_problem, chromium  # noqa: E402


def main(old: str, new: str, out_dir: str) -> int:
    problem = browser_problem()
    if problem:
        print(f"screenshots: {problem}", file=sys.stderr)
        return 2
    out = Path(out_dir)
    records = compare_files(old, new, options=Options()).as_records()
    with tempfile.TemporaryDirectory() as tmp:
        memo = Path(tmp) / "memo.html"
        memo.write_text(str(render(records, "html", RenderContext())), "utf-8")
        view = Path(tmp) / "side-by-side.html"
        view.write_text(str(render(records, "side-by-side", RenderContext())), "utf-8")
        pdf = Path(tmp) / "memo.pdf"
        typeset = render(records, "pdf", RenderContext(detail="brief"))
        assert isinstance(typeset, bytes)
        pdf.write_bytes(typeset)
        with chromium() as browser:
            shots = [
                (memo, 1280, 1400, "#brief", out / "brief.png"),
                (view, 1280, 1000, None, out / "side-by-side.png"),
                (view, 390, 1200, None, out / "side-by-side-390px.png"),
            ]
            for page_file, width, height, selector, target in shots:
                page = browser.new_page()
                page.set_viewport_size({"width": width, "height": height})
                page.goto(page_file.as_uri())
                if selector:
                    page.locator(selector).screenshot(path=str(target))
                else:
                    page.screenshot(path=str(target))
                page.close()
                print(f"wrote {target}")
        if shutil.which("pdftoppm"):
            subprocess.run(
                ["pdftoppm", "-r", "80", "-f", "1", "-l", "1", "-png", "-singlefile", str(pdf),
                 str(out / "brief-pdf-page")],
                check=True,
            )
            print(f"wrote {out / 'brief-pdf-page.png'}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(*sys.argv[1:]))
