"""Text decoding: BOMs, UTF-16 without BOM, GB18030, detector fallback, --encoding, radicals.

Every encoded copy is built here from a real seed, and the outline of each copy must equal the
outline of the UTF-8 original (line numbers included: text copies keep their lines).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reportdiff.errors import InputError
from reportdiff.options import Options
from reportdiff.readers.chars import unify_ideographs
from reportdiff.readers.decode import decode
from tests.conftest import SEED_FILES, invoke

HUANGPU = SEED_FILES["huangpu2025"]
COMPILATION = SEED_FILES["compilation2025"]


def outline_json(path: Path | str, *extra: str) -> dict[str, Any]:
    result = invoke(["outline", "--format", "json", str(path), *extra])
    assert result.stderr == ""
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture(scope="module")
def originals() -> dict[str, dict[str, Any]]:
    return {name: outline_json(SEED_FILES[name]) for name in ("huangpu2025", "compilation2025")}


@pytest.mark.parametrize("seed", ["huangpu2025", "compilation2025"])
@pytest.mark.parametrize(
    ("codec", "recorded"),
    [
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16-le"),  # Python writes a BOM, little-endian
        ("utf-16-le", "utf-16-le"),  # no BOM: found by the NUL pattern
        ("utf-16-be", "utf-16-be"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-32", "utf-32-le"),
    ],
)
def test_encoded_copies_give_the_same_outline(
    tmp_path: Path, originals: dict[str, dict[str, Any]], seed: str, codec: str, recorded: str
) -> None:
    text = SEED_FILES[seed].read_text(encoding="utf-8")
    copy = tmp_path / f"{seed}.txt"
    copy.write_bytes(text.encode(codec))
    got = outline_json(copy)
    assert got["encoding"] == recorded
    assert got["sections"] == originals[seed]["sections"]
    assert got["title"] == originals[seed]["title"]


def test_gbk_crlf_copy_equals_original(
    tmp_path: Path, originals: dict[str, dict[str, Any]]
) -> None:
    text = HUANGPU.read_text(encoding="utf-8").replace("\n", "\r\n")
    copy = tmp_path / "crlf.txt"
    copy.write_bytes(text.encode("gbk"))
    got = outline_json(copy)
    assert got["encoding"] == "gb18030"
    assert got["sections"] == originals["huangpu2025"]["sections"]


def test_encoding_option_overrides_detection(tmp_path: Path) -> None:
    copy = tmp_path / "gbk.txt"
    copy.write_bytes(HUANGPU.read_text(encoding="utf-8").encode("gb18030"))
    got = outline_json(copy, "--encoding", "gbk")
    assert got["encoding"] == "gb18030"  # gbk is read as its superset
    result = invoke(["outline", str(copy), "--encoding", "utf-8"], expect=2)
    assert "cannot be decoded as utf-8" in result.stderr
    assert result.stdout == ""
    result = invoke(["outline", str(copy), "--encoding", "no-such-codec"], expect=2)
    assert "unknown encoding" in result.stderr


def test_stdin_text_is_decoded() -> None:
    data = HUANGPU.read_text(encoding="utf-8").encode("gb18030")
    result = invoke(["outline", "--format", "json", "-"], input=data)
    got = json.loads(result.stdout)
    assert got["encoding"] == "gb18030"
    assert got["source"] == "-"


def decode_text(data: bytes, source: str, options: Options) -> tuple[str, str]:
    decoded = decode(data, source, options)
    return decoded.text, decoded.codec


def test_decode_text_rules() -> None:
    options = Options()
    sample = "一、2024年工作回顾\n各位代表：现在，我代表区人民政府向大会报告工作。\n"
    assert decode_text(sample.encode("utf-8"), "f", options) == (sample, "utf-8")
    assert decode_text(b"\xef\xbb\xbf" + sample.encode(), "f", options) == (sample, "utf-8-sig")
    assert decode_text(sample.encode("gb18030"), "f", options) == (sample, "gb18030")
    assert decode_text(sample.encode("utf-16-le"), "f", options) == (sample, "utf-16-le")
    # Big5 (traditional) is not plausible GB18030: the detector names it.
    traditional = "臺北市政府工作報告。各位代表，現在我代表市政府向大會報告工作，請予審議。" * 4
    assert decode_text(traditional.encode("big5"), "f", options) == (traditional, "big5")


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(128, 256)) * 40,  # no encoding gives Chinese text
        b"caf\xe9 au lait, cr\xe8me br\xfbl\xe9e. " * 30,  # Latin-1, not a report
    ],
)
def test_undecodable_bytes_are_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="encoding not recognised"):
        decode_text(data, "f.txt", Options())


def test_nul_bytes_mean_binary() -> None:
    data = "报告正文".encode() + b"\x00\x01\x02\x00\x00\x07" * 3 + "结束".encode()
    with pytest.raises(InputError, match="binary"):
        decode_text(data, "f.txt", Options())


def test_kangxi_and_supplement_radicals_are_unified() -> None:
    assert unify_ideographs("⽣态⽂明") == "生态文明"  # U+2F63, U+2F42: Kangxi radicals (NFKC)
    assert unify_ideographs("⻓三⻆⼀体化") == "长三角一体化"  # U+2ED3, U+2EC6: Supplement table
    assert unify_ideographs("⻔户⻋辆⻜速") == "门户车辆飞速"
    assert unify_ideographs("塚﨑") == "塚﨑"  # unified ideographs in the compatibility block stay
    assert unify_ideographs("普通文本，５．０％") == "普通文本，５．０％"  # nothing else changes


def test_radicals_in_a_file_compare_equal(tmp_path: Path) -> None:
    text = HUANGPU.read_text(encoding="utf-8")
    assert "生态" in text
    broken = tmp_path / "radicals.txt"
    broken.write_text(text.replace("生", "⽣").replace("长", "⻓"), encoding="utf-8")
    assert outline_json(broken)["sections"] == outline_json(HUANGPU)["sections"]


def test_truncated_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    data = HUANGPU.read_bytes()
    cut = data.rindex("。".encode()) + 2  # inside the last 。 (3 bytes in UTF-8)
    path = tmp_path / "truncated.txt"
    path.write_bytes(data[:cut])
    got = outline_json(path)
    assert got["encoding"] == "utf-8"
    assert any("not valid utf-8" in warning for warning in got["warnings"])


def test_many_broken_bytes_are_refused(tmp_path: Path) -> None:
    data = bytearray(HUANGPU.read_bytes())
    for position in range(100, len(data), 300):
        data[position] = 0xFF
    path = tmp_path / "damaged.txt"
    path.write_bytes(bytes(data))
    result = invoke(["outline", str(path)], expect=2)
    assert "encoding not recognised" in result.stderr


def test_nul_padding_at_the_end_is_not_binary() -> None:
    sample = "各位代表：现在，我代表区人民政府向大会报告工作。\n"
    padded = sample.encode("gb18030") + b"\x00" * 64
    assert decode_text(padded, "f.txt", Options()) == (sample, "gb18030")


# --- one set of rules however the codec was found (issue 15) -------------------------------------


def _one_bad_byte(data: bytes) -> bytes:
    """``data`` with one byte inside a character broken (a damaged sector); the seed already
    has two broken sequences of its own."""
    position = data.index("审议".encode())
    return data[:position] + b"\xff" + data[position + 1 :]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "bom"])
def test_one_bad_byte_is_read_with_or_without_bom(tmp_path: Path, bom: bytes) -> None:
    """A BOM names the codec; it does not make the rules stricter (it used to refuse what the same
    file without a BOM was read as)."""
    path = tmp_path / "damaged.txt"
    path.write_bytes(bom + _one_bad_byte(HUANGPU.read_bytes()))
    got = outline_json(path)
    assert got["encoding"] == ("utf-8-sig" if bom else "utf-8")
    assert any("replaced 3 byte sequences" in warning for warning in got["warnings"])  # 2 + 1
    assert len(got["sections"]) == len(outline_json(HUANGPU)["sections"])


def test_forced_encoding_obeys_the_same_rules(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes(_one_bad_byte(HUANGPU.read_bytes()))
    got = outline_json(path, "--encoding", "utf-8")
    assert any("replaced 3 byte sequences" in warning for warning in got["warnings"])


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "latin-1"])
def test_forced_encoding_that_gives_garbage_is_refused(codec: str) -> None:
    """UTF-8 read as UTF-16 decodes without error — into Hangul and private-use characters."""
    result = invoke(["outline", "--encoding", codec, str(HUANGPU)], expect=2)
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert str(HUANGPU) in line and "not Chinese text" in line and "--encoding" in line


def test_bom_with_the_wrong_text_after_it_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"\xff\xfe" + HUANGPU.read_bytes())  # a UTF-16 BOM, then UTF-8
    result = invoke(["outline", str(path)], expect=2)
    assert "byte-order mark but is not utf-16-le text" in result.stderr
