"""The pipeline's layering is enforced, not just intended; heavy libraries stay out of start-up."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "reportdiff"

# Lower rank = lower layer. A module may import modules of a lower rank or of its own group.
GROUPS: dict[str, tuple[float, set[str]]] = {
    "grammar": (0, {"grammar"}),
    "base": (
        1,
        {"model", "options", "errors", "text", "tokens", "solvers", "printable", "records"},
    ),
    "readers": (1.5, {"readers"}),
    "repair": (1.7, {"repair"}),
    "load": (2, {"load"}),
    "outline": (3, {"outline"}),
    "align": (4, {"align", "summary"}),
    "diff": (5, {"diff"}),
    "numbers": (6, {"numbers"}),
    "check": (7, {"check", "config"}),
    "render": (7, {"render"}),
    "pipeline": (8, {"pipeline"}),
    "batch": (9, {"tracking", "corpus", "notebook"}),
    "cli": (10, {"cli", "cli_options", "cli_batch", "console", "__main__", "__init__"}),
}


def _group_of(module: str) -> str:
    top = module.split(".")[0]
    for name, (_, members) in GROUPS.items():
        if top in members:
            return name
    raise AssertionError(f"reportdiff.{module} is in no layer; add it to GROUPS in this test")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("reportdiff."):
                found.add(node.module.removeprefix("reportdiff."))
            elif node.module == "reportdiff":
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            raise AssertionError(f"{path}: use absolute imports (from reportdiff.x import y)")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("reportdiff."):
                    found.add(alias.name.removeprefix("reportdiff."))
    return found


def test_lower_stages_never_import_higher_ones() -> None:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        group = _group_of(module)
        rank = GROUPS[group][0]
        for imported in sorted(_imports(path)):
            if imported == "__version__":
                continue
            other = _group_of(imported)
            if other == group:
                continue
            if group == "render" and other not in ("base", "grammar"):
                problems.append(f"{module} → {imported}: renderers read records only")
            elif GROUPS[other][0] >= rank:
                problems.append(f"{module} ({group}) → {imported} ({other})")
    assert not problems, "layering violations:\n" + "\n".join(problems)


def test_grammar_imports_nothing_of_the_package() -> None:
    """The report's grammar is the base every stage stands on: it depends on no stage."""
    for path in sorted((PACKAGE / "grammar").glob("*.py")):
        others = {m for m in _imports(path) if m.split(".")[0] != "grammar"}
        assert others == set(), f"{path.name} imports {sorted(others)}"


def test_cli_starts_without_heavy_libraries() -> None:
    heavy = ("weasyprint", "docx", "pdfminer", "scipy", "jieba", "bs4", "lxml")
    code = f"import sys, reportdiff.cli\nprint(','.join(m for m in {heavy!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"imported at start-up: {result.stdout.strip()}"
