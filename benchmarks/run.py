"""Run every benchmark with quick settings and print its table (`make bench`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUICK = [
    ("diff speed", ["speed.py", "--runs", "3", "--skip-chars"]),
    ("diff accuracy on known edits", ["diff_accuracy.py", "--trials", "1"]),
    ("section alignment accuracy", ["align_accuracy.py"]),
    ("number shifts accuracy", ["numbers_accuracy.py"]),
    ("memo speed", ["memo_speed.py", "--runs", "1"]),
    ("check speed", ["check_speed.py", "--runs", "1"]),
    ("input formats fidelity", ["formats_fidelity.py"]),
]


def main() -> int:
    failed = 0
    for title, (script, *args) in QUICK:
        print(f"\n## {title}\n", flush=True)
        result = subprocess.run([sys.executable, str(HERE / script), *args], check=False)
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
