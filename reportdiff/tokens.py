"""Chinese word segmentation with jieba, made deterministic and aware of policy vocabulary.

One tokenizer per process, built lazily (jieba's dictionary takes ~0.5 s to load), HMM off so the
result depends only on the dictionary, plus the project's list of policy terms
(``reportdiff/data/policy_terms.txt``) so that 营商环境 or 两旧一村 stay one token.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
from typing import Any

from reportdiff.grammar import policy_terms


def _cache_dir() -> str:
    """A per-user folder for jieba's dictionary cache (never a shared, writable /tmp file)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "reportdiff")
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        return path
    except OSError:
        return tempfile.mkdtemp(prefix="reportdiff-jieba-")


@functools.cache
def _tokenizer() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = _cache_dir()
    tokenizer.initialize()
    for term in sorted(policy_terms()):
        tokenizer.add_word(term, freq=None, tag=None)
    return tokenizer


@functools.lru_cache(maxsize=65536)
def cut(text: str) -> tuple[str, ...]:
    """Segment ``text`` into words; the tokens concatenate back to ``text`` exactly.

    >>> cut("优化营商环境")
    ('优化', '营商环境')
    """
    return tuple(_tokenizer().cut(text, HMM=False))
