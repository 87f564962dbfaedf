"""Regenerate every golden file: ``python -m tests.regen [CASE ...]`` (``make golden``)."""

from __future__ import annotations

import sys

from tests.golden import all_cases, run_case


def main(names: list[str]) -> int:
    for case in all_cases():
        if names and case.name not in names:
            continue
        code, stdout, stderr = run_case(case)
        if code != case.exit_code:
            print(f"{case.name}: exit {code}, expected {case.exit_code}\n{stderr}", file=sys.stderr)
            return 1
        old = case.expected.read_bytes() if case.expected.exists() else None
        case.expected.write_bytes(stdout)
        print(f"{case.name}: {'unchanged' if old == stdout else 'written'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
