"""Where else a paragraph stands: an index of paragraphs that finds, for a new one, the earliest
indexed paragraph it repeats (word for word, or at a character 3-gram Jaccard similarity at or
above the threshold).

Word-for-word copies are found by a digest of the folded text. Near copies are found through
MinHash LSH: each distinct text gets a MinHash signature of its 3-gram set, cut into ``bands`` of
``rows`` values; two texts are candidates when one band is equal, and every candidate is verified
by the exact Jaccard similarity before it counts. The shape is chosen from the threshold so that a
pair *at* the threshold is missed with probability below :data:`MISS_PROBABILITY` (pairs more alike
than the threshold are missed even less often); nothing is ever dropped because it is common, so a
passage with a thousand copies is found a thousand times. The index lives in SQLite — in memory
for one file, in a temporary file for ``check --across`` — so memory stays flat however many files
are indexed.
"""

from __future__ import annotations

import functools
import hashlib
import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

SHINGLE = 3
#: Upper bound on the chance that a pair of paragraphs exactly at the threshold is not a candidate.
MISS_PROBABILITY = 1e-9
#: Most MinHash values per signature; a lower threshold needs more (see :func:`lsh_shape`).
MAX_HASHES = 128
_SEED = 20241123
#: Shingles hashed per step, so that a paragraph of a megabyte needs no more memory than a page.
_CHUNK = 4096
#: SQLite's own page cache, in KiB: the index's memory, whatever its size on disk.
_CACHE_KIB = 32 * 1024


def shingles(key: str) -> frozenset[str]:
    """The character 3-grams of a folded text (the text itself when shorter).

    >>> sorted(shingles("营商环境"))
    ['商环境', '营商环']
    """
    return frozenset(key[i : i + SHINGLE] for i in range(max(1, len(key) - SHINGLE + 1)))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def lsh_shape(threshold: float) -> tuple[int, int]:
    """``(bands, rows)`` for ``threshold``: the most rows per band (fewest false candidates) whose
    signature fits in :data:`MAX_HASHES` and misses a pair at the threshold with probability at
    most :data:`MISS_PROBABILITY`. Below about 0.55 two rows need more hashes than that; the
    signature grows instead of the miss probability.

    >>> lsh_shape(0.9)
    (24, 5)
    >>> lsh_shape(0.5)
    (73, 2)
    """
    for rows in range(8, 1, -1):
        bands = _bands_needed(threshold, rows)
        if bands * rows <= MAX_HASHES:
            return bands, rows
    return _bands_needed(threshold, 2), 2


def _bands_needed(threshold: float, rows: int) -> int:
    hit = threshold**rows  # chance that one band of a pair at the threshold is equal
    if hit >= 1.0:
        return 1
    return max(1, math.ceil(math.log(MISS_PROBABILITY) / math.log1p(-hit)))


def miss_probability(threshold: float) -> float:
    """The chance that a pair exactly at ``threshold`` is not a candidate, for the shape used."""
    bands, rows = lsh_shape(threshold)
    return float((1.0 - threshold**rows) ** bands)


class Hasher:
    """MinHash of 3-gram sets with a fixed seed: the same text gives the same bands everywhere."""

    def __init__(self, bands: int, rows: int) -> None:
        import numpy as np

        self.bands, self.rows = bands, rows
        rng = np.random.default_rng(_SEED)
        count = bands * rows
        self.mul = rng.integers(1, 2**63, size=count, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        self.add = rng.integers(0, 2**63, size=count, dtype=np.uint64)
        self.mix = rng.integers(1, 2**63, size=rows, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        self.salt = np.arange(bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)

    @staticmethod
    def _splitmix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
        import numpy as np

        x = x + np.uint64(0x9E3779B97F4A7C15)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))

    def candidates(self, keys: Sequence[str]) -> list[Candidate]:
        """Band hashes of many folded texts at once (one array pass for a whole file)."""
        import numpy as np

        out: list[Candidate] = []
        group: list[tuple[str, npt.NDArray[np.uint64]]] = []
        rows = 0
        for key in keys:
            points = np.frombuffer(key.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
            if len(points) < SHINGLE:
                points = np.concatenate([points, np.zeros(SHINGLE - len(points), np.uint64)])
            grams = (points[:-2] << np.uint64(42)) | (points[1:-1] << np.uint64(21)) | points[2:]
            if rows + len(grams) > _CHUNK and group:
                out.extend(self._signed(group))
                group, rows = [], 0
            group.append((key, grams))
            rows += len(grams)
        if group:
            out.extend(self._signed(group))
        return out

    def _signed(self, group: list[tuple[str, npt.NDArray[np.uint64]]]) -> list[Candidate]:
        import numpy as np

        starts = np.cumsum([0] + [len(g) for _, g in group[:-1]])
        mixed = self._splitmix(np.concatenate([g for _, g in group]))
        signatures = np.empty((len(group), len(self.mul)), dtype=np.uint64)
        if len(group) == 1:  # one text, perhaps a long one: in slices of _CHUNK 3-grams
            signature = np.full(len(self.mul), np.uint64(2**64 - 1), dtype=np.uint64)
            for at in range(0, len(mixed), _CHUNK):
                chunk = mixed[at : at + _CHUNK, None]
                hashed = (chunk * self.mul[None, :] + self.add[None, :]) >> np.uint64(32)
                signature = np.minimum(signature, hashed.min(axis=0))
            signatures[0] = signature
        else:
            hashed = (mixed[:, None] * self.mul[None, :] + self.add[None, :]) >> np.uint64(32)
            signatures[:] = np.minimum.reduceat(hashed, starts, axis=0)
        table = signatures.reshape(len(group), self.bands, self.rows) * self.mix[None, None, :]
        combined = self._splitmix(table.sum(axis=2, dtype=np.uint64) ^ self.salt[None, :])
        bands = combined.view(np.int64).tolist()
        return [
            Candidate(key, tuple(row), len(set(grams.tolist())))
            for (key, grams), row in zip(group, bands, strict=True)
        ]


@dataclass(frozen=True, slots=True)
class Place:
    """Where an indexed paragraph stands, for citing it."""

    line: int
    end_line: int
    section_id: str
    heading: str


@dataclass(frozen=True, slots=True)
class Match:
    """The earlier paragraph a new one repeats: (document, unit) numbers and the similarity."""

    doc: int
    unit: int
    score: float


class Candidate:
    """A paragraph to look up: its folded text, its band hashes and its number of 3-grams; the
    3-gram set itself is built only when a candidate pair is verified."""

    __slots__ = ("_grams", "bands", "key", "size")

    def __init__(self, key: str, bands: tuple[int, ...], size: int) -> None:
        self.key, self.bands, self.size = key, bands, size
        self._grams: frozenset[str] | None = None

    @property
    def grams(self) -> frozenset[str]:
        if self._grams is None:
            self._grams = shingles(self.key)
        return self._grams


class PassageIndex:
    """Paragraphs indexed so far, and lookups of a new paragraph against them (base class)."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.bands, self.rows = lsh_shape(threshold)

    @staticmethod
    def hasher(threshold: float) -> Hasher:
        """The MinHash functions for ``threshold`` (the same for every index of that threshold)."""
        return _hasher(*lsh_shape(threshold))

    def similarity(self, candidate: Candidate, text: str) -> float:
        """Jaccard similarity of 3-grams (1.0 for the same text)."""
        if text == candidate.key:
            return 1.0
        return jaccard(candidate.grams, shingles(text))

    def _verify(self, candidate: Candidate, text: str, size: int) -> float | None:
        """The similarity when it reaches the threshold (sizes too far apart cannot), else None."""
        if text == candidate.key or not (
            self.threshold * candidate.size <= size <= candidate.size / self.threshold
        ):
            return None
        score = jaccard(candidate.grams, shingles(text))
        return score if score >= self.threshold else None

    def exact(self, key: str) -> Match | None:
        """The first indexed paragraph with this very folded text."""
        raise NotImplementedError

    def text_at(self, doc: int, unit: int) -> str | None:
        """The folded text of an indexed paragraph, None when it is not indexed."""
        raise NotImplementedError

    def near(self, candidate: Candidate) -> Match | None:
        """The earliest indexed text (by first occurrence) at or above the threshold."""
        raise NotImplementedError

    def add(self, doc: int, unit: int, candidate: Candidate, place: Place | None = None) -> None:
        """Index one paragraph (a text seen before only records where it stands)."""
        raise NotImplementedError


class FileIndex(PassageIndex):
    """One file's paragraphs, in dictionaries: small, and looked up after every paragraph."""

    def __init__(self, threshold: float) -> None:
        super().__init__(threshold)
        self._first: dict[str, tuple[int, int]] = {}
        self._texts: dict[tuple[int, int], str] = {}
        self._sizes: dict[str, int] = {}
        self._buckets: dict[int, list[str]] = {}

    def exact(self, key: str) -> Match | None:
        first = self._first.get(key)
        return Match(first[0], first[1], 1.0) if first else None

    def text_at(self, doc: int, unit: int) -> str | None:
        return self._texts.get((doc, unit))

    def near(self, candidate: Candidate) -> Match | None:
        keys = {k for band in candidate.bands for k in self._buckets.get(band, ())}
        for key in sorted(keys, key=self._first.__getitem__):
            score = self._verify(candidate, key, self._sizes[key])
            if score is not None:
                doc, unit = self._first[key]
                return Match(doc, unit, score)
        return None

    def add(self, doc: int, unit: int, candidate: Candidate, place: Place | None = None) -> None:
        self._texts[(doc, unit)] = candidate.key
        if candidate.key not in self._first:
            self._first[candidate.key] = (doc, unit)
            self._sizes[candidate.key] = candidate.size
            for band in candidate.bands:
                self._buckets.setdefault(band, []).append(candidate.key)


_SCHEMA = """
CREATE TABLE keys (id INTEGER PRIMARY KEY, digest BLOB NOT NULL UNIQUE, text TEXT NOT NULL,
                   size INTEGER NOT NULL, doc INTEGER NOT NULL, unit INTEGER NOT NULL);
CREATE TABLE units (doc INTEGER, unit INTEGER, key INTEGER NOT NULL, line INTEGER,
                    end_line INTEGER, section_id TEXT, heading TEXT,
                    PRIMARY KEY (doc, unit)) WITHOUT ROWID;
CREATE TABLE bands (hash INTEGER, key INTEGER, PRIMARY KEY (hash, key)) WITHOUT ROWID;
"""


def _digest(key: str) -> bytes:
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).digest()


class DiskIndex(PassageIndex):
    """Every earlier file's paragraphs, in a SQLite file with a bounded page cache: the index
    may grow past the memory of the machine, the process does not."""

    def __init__(self, threshold: float, path: str) -> None:
        super().__init__(threshold)
        self.db = sqlite3.connect(path)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", f"cache_size = -{_CACHE_KIB}"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    def commit(self) -> None:
        self.db.commit()

    def exact(self, key: str) -> Match | None:
        row = self.db.execute("SELECT doc, unit FROM keys WHERE digest = ?", (_digest(key),))
        found = row.fetchone()
        return Match(found[0], found[1], 1.0) if found else None

    def text_at(self, doc: int, unit: int) -> str | None:
        row = self.db.execute(
            "SELECT keys.text FROM units JOIN keys ON keys.id = units.key "
            "WHERE units.doc = ? AND units.unit = ?",
            (doc, unit),
        ).fetchone()
        return str(row[0]) if row else None

    def place(self, doc: int, unit: int) -> Place:
        """Where an indexed paragraph stands."""
        row = self.db.execute(
            "SELECT line, end_line, section_id, heading FROM units WHERE doc = ? AND unit = ?",
            (doc, unit),
        ).fetchone()
        return Place(int(row[0]), int(row[1]), str(row[2]), str(row[3]))

    def near(self, candidate: Candidate) -> Match | None:
        marks = ",".join("?" * len(candidate.bands))
        ids = self.db.execute(
            f"SELECT DISTINCT key FROM bands WHERE hash IN ({marks}) ORDER BY key",
            candidate.bands,
        ).fetchall()
        for (key_id,) in ids:  # key ids grow with first occurrence: earliest first
            text, size, doc, unit = self.db.execute(
                "SELECT text, size, doc, unit FROM keys WHERE id = ?", (key_id,)
            ).fetchone()
            score = self._verify(candidate, text, size)
            if score is not None:
                return Match(int(doc), int(unit), score)
        return None

    def add(self, doc: int, unit: int, candidate: Candidate, place: Place | None = None) -> None:
        digest = _digest(candidate.key)
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO keys (digest, text, size, doc, unit) VALUES (?, ?, ?, ?, ?)",
            (digest, candidate.key, candidate.size, doc, unit),
        )
        if cursor.rowcount == 1:
            key_id = cursor.lastrowid
            self.db.executemany(
                "INSERT OR IGNORE INTO bands (hash, key) VALUES (?, ?)",
                ((band, key_id) for band in candidate.bands),
            )
        else:
            key_id = self.db.execute("SELECT id FROM keys WHERE digest = ?", (digest,)).fetchone()[
                0
            ]
        p = place or Place(0, 0, "", "")
        self.db.execute(
            "INSERT OR REPLACE INTO units VALUES (?, ?, ?, ?, ?, ?, ?)",
            (doc, unit, key_id, p.line, p.end_line, p.section_id, p.heading),
        )


@functools.cache
def _hasher(bands: int, rows: int) -> Hasher:
    return Hasher(bands, rows)
