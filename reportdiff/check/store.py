"""Findings spilled to disk as they are found, read back in report order.

A ``check --across`` over thousands of files finds tens of thousands of passages; kept as objects,
records and one output string, they made the peak memory grow with the number of findings (~6 KiB
each) while the index and the per-file work stayed flat. Here each finding is written, as its
canonical record, to a SQLite table keyed by the report's sort order (path, line, code, other path,
other line, then arrival for ties, as Python's stable sort keeps them), and read back in that
order one at a time; the counts per severity are running totals.

Keys are stored as UTF-8 blobs (``surrogatepass`` for undecodable file names): SQLite compares
blobs byte by byte, and UTF-8 byte order is code-point order, the order Python sorts strings in.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportdiff.check.model import Finding

#: SQLite's page cache for the findings (KiB): what the table may hold in memory, whatever its size.
CACHE_KIB = 8 * 1024


def _blob(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


class FindingStore:
    """An on-disk table of findings with running counts per severity."""

    def __init__(self, path: str, severities: Iterable[str]) -> None:
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self._db.execute(
            "CREATE TABLE finding (path BLOB, line INTEGER, code BLOB, other_path BLOB,"
            " other_line INTEGER, arrival INTEGER, record BLOB,"
            " PRIMARY KEY (path, line, code, other_path, other_line, arrival)) WITHOUT ROWID"
        )
        self._arrivals = 0
        self.counts: dict[str, int] = {severity: 0 for severity in severities}

    def add(self, findings: Iterable[Finding]) -> None:
        """Store ``findings`` and count them."""
        rows = []
        for finding in findings:
            record = finding.as_record()
            self.counts[record["severity"]] += 1
            self._arrivals += 1
            location, other = finding.location, finding.other
            rows.append(
                (
                    _blob(location.path),
                    location.line,
                    _blob(finding.code),
                    _blob(other.path),
                    other.line,
                    self._arrivals,
                    _blob(json.dumps(record, ensure_ascii=False)),
                )
            )
        self._db.executemany("INSERT INTO finding VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        self._db.commit()

    def __len__(self) -> int:
        return self._arrivals

    def records(self) -> Iterator[dict[str, Any]]:
        """The records, in report order, one at a time."""
        rows = self._db.execute(
            "SELECT record FROM finding ORDER BY path, line, code, other_path, other_line, arrival"
        )
        for (record,) in rows:
            yield json.loads(record.decode("utf-8", "surrogatepass"))

    def close(self) -> None:
        self._db.close()
