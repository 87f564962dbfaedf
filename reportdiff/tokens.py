"""Chinese word segmentation, deterministic and aware of policy vocabulary.

jieba is the reference: HMM off, so the result depends only on the dictionary, plus the
project's list of policy terms (``reportdiff/data/policy_terms.txt``) so that 营商环境 or 两旧一村
stay one token. Two backends give those tokens:

* ``rjieba`` — jieba-rs, the Rust port of jieba (same dictionary, same algorithm), the default
  when it is installed (``pip install reportdiff[fast]``): its dictionary is built into the
  library, so there is no Python dictionary to load, and it segments ~9× faster. It is the
  default because its tokens were identical to jieba's on every fixture and on every sentence of
  the 70-report development corpus (``tests/test_tokens.py``, ``benchmarks/tokens_parity.py``).
* ``jieba`` — the pure-Python original, the fallback, imported without ``pkg_resources`` (which
  costs ~0.4 s and serves only to find jieba's own files).

``REPORTDIFF_SEGMENTER=jieba`` (or ``rjieba``) forces a backend. The segmenter is built once per
process, lazily; a batch job calls :func:`warm` in each worker (e.g. as the ``initializer`` of a
``ProcessPoolExecutor``) so that it is built once per worker, never once per pair.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportdiff.grammar import policy_terms

BACKENDS = ("rjieba", "jieba")
ENVIRONMENT = "REPORTDIFF_SEGMENTER"


@dataclass(frozen=True, slots=True)
class Segmenter:
    """A loaded word segmenter: its name and its cut function (HMM off)."""

    name: str
    cut: Callable[[str], list[str]]


def _cache_dir() -> str:
    """A per-user folder for jieba's dictionary cache (never a shared, writable /tmp file)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "reportdiff")
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        return path
    except OSError:
        return tempfile.mkdtemp(prefix="reportdiff-jieba-")


def _import_jieba() -> object:
    """``import jieba`` without ``pkg_resources``: jieba only uses it to open its own files and
    falls back to plain ``open`` when it is missing; importing it costs ~0.4 s."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


@functools.cache
def jieba_tokenizer() -> object:
    """The reference: a jieba tokenizer with the policy terms added (one per process)."""
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)  # type: ignore[attr-defined]
    tokenizer = jieba.Tokenizer()  # type: ignore[attr-defined]
    tokenizer.tmp_dir = _cache_dir()
    tokenizer.initialize()
    for term in sorted(policy_terms()):
        tokenizer.add_word(term, freq=None, tag=None)
    return tokenizer


@functools.cache
def _load(name: str) -> Segmenter:
    """Build a backend once per process (adding the policy terms twice would change the
    dictionary's total and with it the segmentation)."""
    if name == "rjieba":
        # Importing rjieba builds its module-level segmenter (its dictionary): use that one
        # rather than build a second; the policy terms are added to it.
        import rjieba

        for term in sorted(policy_terms()):
            rjieba.add_word(term, None, None)
        return Segmenter("rjieba", functools.partial(rjieba.cut, hmm=False))
    tokenizer = jieba_tokenizer()
    return Segmenter("jieba", functools.partial(tokenizer.lcut, HMM=False))  # type: ignore[attr-defined]


@functools.cache
def segmenter() -> Segmenter:
    """The process's segmenter: ``$REPORTDIFF_SEGMENTER`` if set, else the first installed of
    :data:`BACKENDS`."""
    wanted = os.environ.get(ENVIRONMENT, "").strip().lower()
    if wanted:
        if wanted not in BACKENDS:
            from reportdiff.errors import ConfigError

            raise ConfigError(f"{ENVIRONMENT}={wanted!r}: use one of {', '.join(BACKENDS)}")
        return _load(wanted)
    for name in BACKENDS:
        if importlib.util.find_spec(name) is not None:
            return _load(name)
    return _load("jieba")


def warm() -> str:
    """Build the segmenter now and return its name: the initializer for a batch worker, so that
    each worker process loads the dictionary once (``ProcessPoolExecutor(initializer=warm)``)."""
    return segmenter().name


@functools.lru_cache(maxsize=65536)
def cut(text: str) -> tuple[str, ...]:
    """Segment ``text`` into words; the tokens concatenate back to ``text`` exactly.

    >>> cut("优化营商环境")
    ('优化', '营商环境')
    """
    return tuple(segmenter().cut(text))


def _dictionary_path() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        from reportdiff.errors import MissingDependency

        raise MissingDependency("jieba is not installed; pip install jieba")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


@functools.cache
def _frequencies(long_words: bool) -> dict[str, int]:
    """Frequencies of jieba's dictionary, for words of 4+ characters or for the shorter ones
    (loaded apart: the long ones are a quarter of the table), cached per user as marshal."""
    source = _dictionary_path()
    stat = source.stat()
    kind = "long" if long_words else "short"
    cache = Path(_cache_dir()) / f"jieba-freq-{kind}-{stat.st_size}-{int(stat.st_mtime)}.marshal"
    try:
        table = marshal.loads(cache.read_bytes())
        if isinstance(table, dict):
            return table
    except (OSError, ValueError, EOFError):
        pass
    table = {}
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            word, freq, *_ = line.split(" ")
            if (len(word) >= 4) == long_words:
                table[word] = int(freq)
    try:
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(table))
        partial.replace(cache)
    except OSError:
        pass
    return table


def word_frequency(word: str) -> int:
    """How common ``word`` is: its count in jieba's dictionary (0 when it is not a dictionary
    word), whatever the backend. Policy terms count as in the dictionary, before they are added.

    >>> word_frequency("城市更新") > 0, word_frequency("两旧一村")
    (True, 0)
    """
    return _frequencies(len(word) >= 4).get(word, 0)
