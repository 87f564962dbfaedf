"""Segmentation: the fast backend gives jieba's tokens exactly; jieba stays the fallback."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from reportdiff import tokens
from reportdiff.errors import ConfigError
from reportdiff.grammar import policy_terms
from reportdiff.text import fold, split_sentences
from tests.conftest import FIXTURES


def _fixture_strings() -> list[str]:
    """Every sentence of every text fixture, as written and folded (both are cut)."""
    found: set[str] = set()
    for path in sorted(FIXTURES.rglob("*.txt")):
        for line in path.read_text("utf-8", errors="replace").splitlines():
            for sentence in split_sentences(line):
                found.update((sentence, fold(sentence)))
    return sorted(found)


def test_rjieba_tokens_are_jiebas_on_every_fixture_sentence() -> None:
    pytest.importorskip("rjieba", reason="the fast backend is not installed (reportdiff[fast])")
    fast = tokens._load("rjieba")
    reference = tokens._load("jieba")
    strings = _fixture_strings()
    assert len(strings) > 5000
    differing = [s for s in strings if fast.cut(s) != reference.cut(s)]
    assert differing == [], f"{len(differing)} of {len(strings)} differ, e.g. {differing[:3]}"


def test_word_frequency_is_the_dictionarys_whatever_the_backend() -> None:
    reference = tokens.jieba_tokenizer().FREQ  # type: ignore[attr-defined]
    terms = policy_terms()
    words = {t for s in _fixture_strings()[::7] for t in tokens.cut(s)} - terms
    assert len(words) > 1000
    assert {w: tokens.word_frequency(w) for w in words} == {w: reference.get(w, 0) for w in words}


def test_backend_choice_and_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(tokens.ENVIRONMENT, "jieba")
    tokens.segmenter.cache_clear()
    try:
        assert tokens.segmenter().name == "jieba"
        monkeypatch.setenv(tokens.ENVIRONMENT, "nltk")
        tokens.segmenter.cache_clear()
        with pytest.raises(ConfigError, match="REPORTDIFF_SEGMENTER"):
            tokens.segmenter()
        monkeypatch.delenv(tokens.ENVIRONMENT)
        real = importlib.util.find_spec
        monkeypatch.setattr(
            importlib.util,
            "find_spec",
            lambda name, *a: None if name == "rjieba" else real(name, *a),
        )
        tokens.segmenter.cache_clear()
        assert tokens.segmenter().name == "jieba"  # not installed: the reference
        assert tokens.segmenter().cut("优化营商环境") == ["优化", "营商环境"]
    finally:
        tokens.segmenter.cache_clear()


def _worker_state(text: str) -> tuple[int, int, str, tuple[str, ...]]:
    import os

    return (
        os.getpid(),
        tokens.segmenter.cache_info().misses,
        tokens.segmenter().name,
        tokens.cut(text),
    )


def test_warm_workers_load_the_segmenter_once_per_worker() -> None:
    with ProcessPoolExecutor(max_workers=1, initializer=tokens.warm) as pool:
        states = list(pool.map(_worker_state, ["优化营商环境", "推进两旧一村改造", "优化营商环境"]))
    assert len({pid for pid, *_ in states}) == 1
    assert [misses for _, misses, *_ in states] == [1, 1, 1]
    assert states[0][3] == ("优化", "营商环境")


def test_jieba_is_imported_without_pkg_resources() -> None:
    code = (
        "import sys, os\n"
        "os.environ['REPORTDIFF_SEGMENTER'] = 'jieba'\n"
        "from reportdiff.tokens import cut\n"
        "assert cut('优化营商环境') == ('优化', '营商环境')\n"
        "print('pkg_resources' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
