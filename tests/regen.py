"""Regenerate every golden file: ``python -m tests.regen [NAME ...]`` (``make golden``).

NAME is a CLI snapshot folder (``outline-plan2024``) or a snippet case (``quantities/ranges``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.golden import HEADER, all_cases, all_snippets, run_case


def _write(path: Path, content: bytes, name: str) -> None:
    data = HEADER.encode("utf-8") + content
    old = path.read_bytes() if path.exists() else None
    path.write_bytes(data)
    print(f"{name}: {'unchanged' if old == data else 'written'}")


def main(names: list[str]) -> int:
    for case in all_cases():
        if names and case.name not in names:
            continue
        code, stdout, stderr = run_case(case)
        if code != case.exit_code:
            print(f"{case.name}: exit {code}, expected {case.exit_code}\n{stderr}", file=sys.stderr)
            return 1
        _write(case.expected, stdout, case.name)
    for snippet in all_snippets():
        if names and snippet.name not in names:
            continue
        _write(snippet.expected, snippet.render().encode("utf-8"), snippet.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
