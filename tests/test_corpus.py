"""reportdiff corpus: many pairs, a panel, an index; local pool and a real Dask cluster."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportdiff.corpus import Progress, run_corpus
from reportdiff.corpus.work import PANEL_COLUMNS
from reportdiff.options import Options
from tests.conftest import FIXTURES, invoke

NATIONAL = FIXTURES / "track-national"
PAIRS = [
    ("2011-2012", "2011", "2012"),
    ("2012-2013", "2012", "2013"),
    ("2014-2015", "2014", "2015"),
]


def _corpus(tmp_path: Path, *, broken: bool = True) -> Path:
    """Three consecutive national pairs, plus a missing file and a binary one when ``broken``."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for year in {y for _, a, b in PAIRS for y in (a, b)}:
        shutil.copy(NATIONAL / f"{year}.txt", folder / f"{year}.txt")
    rows = [f"{label},{old}.txt,{new}.txt" for label, old, new in PAIRS]
    if broken:
        (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
        rows += ["missing,2011.txt,nowhere/2012.txt", "binary,2012.txt,image.txt"]
    (folder / "pairs.csv").write_text("label,old,new\n" + "\n".join(rows) + "\n", "utf-8")
    return folder / "pairs.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("local")
    pairs = _corpus(tmp)
    out = tmp / "out"
    result = invoke(["corpus", pairs, "-o", out, "--jobs", "2"], expect=1)
    assert "3/5 pairs done (0 unchanged, 2 failed)" in result.stderr
    return pairs, out


def test_panel_reads_like_a_table_of_growth_targets(local_run: tuple[Path, Path]) -> None:
    _, out = local_run
    text = (out / "panel.csv").read_text("utf-8")
    assert text.splitlines()[0] == ",".join(PANEL_COLUMNS)
    growth = [
        (r["label"], r["kind"], r["old"], r["new"], r["change"])
        for r in _rows(out / "panel.csv")
        if r["indicator"] == "gdp_growth" and r["kind"] != "outcome_vs_target"
    ]
    assert growth == [
        ("2011-2012", "value_changed", "8%左右", "7.5％", "-0.5个百分点; 左右 → (none)"),
        ("2012-2013", "qualifier_changed", "7.5％", "7.5%左右", "(none) → 左右"),
        ("2014-2015", "value_changed", "7.5%左右", "7%左右", "-0.5个百分点"),
    ]
    for row in _rows(out / "panel.csv"):
        for side in ("old", "new"):
            if row[side]:
                year = dict((p[0], p[1:]) for p in PAIRS)[row["label"]][side == "new"]
                line = (NATIONAL / f"{year}.txt").read_text("utf-8").splitlines()
                assert row[side] in "".join(line[int(row[f"{side}_line"]) - 1].split()), row


def test_a_bad_pair_fails_alone_and_is_recorded(local_run: tuple[Path, Path]) -> None:
    _, out = local_run
    errors = _rows(out / "errors.csv")
    assert [e["label"] for e in errors] == ["missing", "binary"]
    assert errors[0]["error"] == "nowhere/2012.txt: no such file; check the path"
    assert "image.txt" in errors[1]["error"] and "binary" in errors[1]["error"]
    for label, _, _ in PAIRS:
        record = json.loads((out / label / "diff.json").read_text("utf-8"))
        assert record["schema"] == "reportdiff.diff/1"
    index = (out / "index.html").read_text("utf-8")
    for label, _, _ in PAIRS:
        assert f'href="{label}/diff.json"' in index
    assert "nowhere/2012.txt: no such file" in index
    assert "8%左右 → 7.5％" in index
    records = json.loads((out / "index.json").read_text("utf-8"))
    assert records["stats"] == {"pairs": 5, "ok": 3, "failed": 2}


def test_rerun_skips_unchanged_pairs_and_redoes_changed_ones(
    tmp_path: Path, local_run: tuple[Path, Path]
) -> None:
    shared_pairs, out = local_run
    shutil.copytree(shared_pairs.parent, tmp_path / "corpus")
    pairs = tmp_path / "corpus" / "pairs.csv"
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    seen: list[Progress] = []
    run = run_corpus(pairs, copy, options=Options(), jobs=1, progress=seen.append)
    # Failed pairs are tried again (the missing file fails before any comparison).
    assert (run.skipped, run.compared, run.failed) == (3, 1, 2)
    assert (copy / "panel.csv").read_bytes() == (out / "panel.csv").read_bytes()
    assert (copy / "index.html").read_bytes() == (out / "index.html").read_bytes()
    assert seen[-1].done == seen[-1].total == 5
    # Change one input: only the pairs that read it run again.
    edited = pairs.parent / "2015.txt"
    edited.write_text(edited.read_text("utf-8").replace("7%左右", "6.5%左右", 1), "utf-8")
    again = run_corpus(pairs, copy, options=Options(), jobs=1)
    assert (again.skipped, again.compared) == (2, 2)  # the edited pair and the binary one
    rows = {(r["label"], r["indicator"], r["kind"]): r for r in _rows(copy / "panel.csv")}
    assert rows[("2014-2015", "gdp_growth", "value_changed")]["new"] == "6.5%左右"


def test_memo_per_pair(tmp_path: Path) -> None:
    pairs = _corpus(tmp_path, broken=False)
    invoke(["corpus", pairs, "-o", tmp_path / "out", "--jobs", "1", "--memo", "html", "-q"])
    memo = (tmp_path / "out" / "2011-2012" / "memo.html").read_text("utf-8")
    assert memo.startswith("<!DOCTYPE html>") and "7.5％" in memo
    assert 'href="2011-2012/memo.html"' in (tmp_path / "out" / "index.html").read_text("utf-8")


# distributed's in-process cluster leaves its own listening sockets to the garbage collector on
# shutdown; those warnings are the library's, not ours.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_dask_local_cluster_gives_the_same_panel(
    tmp_path: Path, local_run: tuple[Path, Path]
) -> None:
    from distributed import LocalCluster

    pairs, out = local_run
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as cluster:  # type: ignore[no-untyped-call]
        run = run_corpus(
            pairs, tmp_path / "dask", options=Options(), scheduler=cluster.scheduler_address
        )
    assert run.failed == 2
    for name in ("panel.csv", "errors.csv", "index.html"):
        assert (tmp_path / "dask" / name).read_bytes() == (out / name).read_bytes(), name


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture()
def dask_cluster(tmp_path: Path) -> Iterator[str]:
    """A real `dask scheduler` and two `dask worker` processes on this machine."""
    dask = Path(sys.executable).parent / "dask"
    address = f"tcp://127.0.0.1:{_free_port()}"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    logs = (tmp_path / "dask.log").open("wb")
    scheduler = subprocess.Popen(
        [
            dask,
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            address.rsplit(":", 1)[1],
            "--no-dashboard",
        ],
        stdout=logs,
        stderr=subprocess.STDOUT,
        env=env,
    )
    workers = [
        subprocess.Popen(
            [
                dask,
                "worker",
                address,
                "--nworkers",
                "1",
                "--nthreads",
                "1",
                "--no-dashboard",
                "--local-directory",
                str(tmp_path / f"w{k}"),
            ],
            stdout=logs,
            stderr=subprocess.STDOUT,
            env=env,
        )
        for k in range(2)
    ]
    try:
        from distributed import Client

        deadline = time.monotonic() + 60
        with Client(address, timeout=30) as client:  # type: ignore[no-untyped-call]
            while len(client.scheduler_info()["workers"]) < 2:
                assert time.monotonic() < deadline, (tmp_path / "dask.log").read_text()
                time.sleep(0.2)
        yield address
    finally:
        for process in [*workers, scheduler]:
            process.terminate()
        for process in [*workers, scheduler]:
            process.wait(timeout=30)
        logs.close()


def test_real_scheduler_and_two_workers_give_the_same_panel(
    tmp_path: Path, local_run: tuple[Path, Path], dask_cluster: str
) -> None:
    pairs, out = local_run
    result = invoke(
        ["corpus", pairs, "-o", tmp_path / "dask", "--scheduler", dask_cluster], expect=1
    )
    assert "3/5 pairs done" in result.stderr
    for name in ("panel.csv", "errors.csv", "index.html"):
        assert (tmp_path / "dask" / name).read_bytes() == (out / name).read_bytes(), name
    for label, _, _ in PAIRS:
        assert (tmp_path / "dask" / label / "diff.json").read_bytes() == (
            out / label / "diff.json"
        ).read_bytes()


@pytest.mark.parametrize(
    ("csv_text", "message"),
    [
        ("old,new\na.txt,b.txt\n", "the first row must be the header label,old,new"),
        ("label,old,new\nx,a.txt\n", "pairs.csv:2: a row needs a label"),
        ("label,old,new\nx,a.txt,b.txt\nx,c.txt,d.txt\n", "label 'x' is used twice"),
        ("label,old,new\n../up,a.txt,b.txt\n", "cannot name a folder"),
        ("label,old,new\n", "lists no pairs"),
    ],
)
def test_bad_pairs_csv_is_one_line_and_exit_2(tmp_path: Path, csv_text: str, message: str) -> None:
    (tmp_path / "pairs.csv").write_text(csv_text, "utf-8")
    result = invoke(["corpus", tmp_path / "pairs.csv", "-o", tmp_path / "out"], expect=2)
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unreachable_scheduler_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportdiff.corpus import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    pairs = _corpus(tmp_path, broken=False)
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = invoke(["corpus", pairs, "-o", tmp_path / "out", "--scheduler", address], expect=2)
    assert "cannot reach the Dask scheduler" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
