"""The wheel carries the templates, schemas and data the installed package needs."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_ships_templates_schemas_and_data(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("reportdiff-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in sorted(
        p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").rglob("*") if p.is_file()
    ):
        assert f"reportdiff/{template}" in names, f"{template} missing from the wheel"
    assert "reportdiff/data/policy_terms.txt" in names
    assert "reportdiff/py.typed" in names
    for schema in (ROOT / "reportdiff" / "schemas").glob("*.json"):
        assert f"reportdiff/schemas/{schema.name}" in names
