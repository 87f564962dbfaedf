"""What reading one input may cost: bytes unpacked and seconds spent, whatever its size on disk.

``--max-bytes`` bounds an input's size, but a .docx is a ZIP and a PDF's streams are deflated: a
395 KB .docx can hold a 100 MB ``document.xml``, a 6 MB PDF can inflate to gigabytes. Every reader
that unpacks or parses draws on one :class:`Budget` per input, so a hostile or broken file is
refused with one line instead of running for minutes or exhausting memory.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from reportdiff.errors import InputError
from reportdiff.options import Options

#: An input may unpack to this many times ``--max-bytes`` (80 MB with the default 20 MB): real
#: reports unpack to 0.3 MB (.docx) or a few MB (PDF streams with their fonts).
UNPACK_FACTOR = 4
#: Seconds one input may take to unpack and parse (a 300-page PDF reads in about 30 s here).
READ_SECONDS = 120.0


class OverBudget(InputError):
    """Reading an input would unpack too much or take too long."""


@dataclass
class Budget:
    """The bytes one input may still unpack and the time by which reading it must end."""

    source: str
    max_unpacked: int
    seconds: float
    unpacked: int = 0
    started: float = field(default_factory=time.monotonic)

    @classmethod
    def for_input(cls, source: str, options: Options) -> Budget:
        """The budget of one input under ``options`` (``--max-bytes`` scales it)."""
        return cls(source, UNPACK_FACTOR * options.max_bytes, READ_SECONDS)

    @property
    def remaining(self) -> int:
        """Bytes that may still be unpacked."""
        return max(0, self.max_unpacked - self.unpacked)

    def spend(self, size: int) -> None:
        """Account for ``size`` more unpacked bytes; refuse the input when they are too many."""
        self.unpacked += size
        if self.unpacked > self.max_unpacked:
            raise OverBudget(
                self.source,
                f"unpacks to over {self.max_unpacked:,} bytes "
                f"({UNPACK_FACTOR} × the --max-bytes limit; a zip or deflate bomb?)",
                "give the report's own file, or raise the limit with --max-bytes",
            )

    def check_time(self) -> None:
        """Refuse the input when reading it has taken longer than allowed."""
        if time.monotonic() - self.started > self.seconds:
            raise OverBudget(
                self.source,
                f"took over {self.seconds:g} s to read (a damaged or hostile file?)",
                "export the report again, or give its text as .txt",
            )

    def inflate(self, data: bytes) -> bytes:
        """``zlib.decompress(data)`` that never unpacks past the budget.

        A truncated stream raises :class:`zlib.error`, as ``zlib.decompress`` does.
        """
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, self.remaining + 1)
        self.spend(len(out))
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")
        self.check_time()
        return out

    def collect(self, chunks: Iterable[bytes]) -> bytes:
        """Join decoder output chunk by chunk, refusing as soon as it passes the budget."""
        parts: list[bytes] = []
        for chunk in chunks:
            self.spend(len(chunk))
            parts.append(chunk)
        self.check_time()
        return b"".join(parts)
