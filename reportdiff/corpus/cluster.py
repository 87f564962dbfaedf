"""When a corpus outgrows one machine: the same pairs on a Dask distributed cluster.

``--scheduler tcp://HOST:8786`` connects to the user's ``dask scheduler``; its ``dask worker``
processes run :func:`~reportdiff.corpus.work.run_pair` exactly as the local pool does (the job
carries both reports' bytes, so workers need reportdiff installed but no access to the files).
A worker plugin loads the segmenter once per worker. Imported only when a scheduler is given.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

import distributed
from distributed.diagnostics.plugin import WorkerPlugin

from reportdiff.corpus.pairs import PairJob
from reportdiff.corpus.work import PairOutcome, run_pair, warm_up
from reportdiff.errors import ReportdiffError

__all__ = ["SchedulerError", "WarmUp", "dask_outcomes"]

#: distributed's client API is only partly typed: used through Any.
_dask: Any = distributed

#: How long to wait for the scheduler to answer, and for a first worker to join it.
CONNECT_TIMEOUT = 15
WORKER_TIMEOUT = 60


class SchedulerError(ReportdiffError):
    """The Dask scheduler cannot be reached, or no worker joins it."""


class WarmUp(WorkerPlugin):
    """Load the segmenter when a worker starts (and on workers that join later)."""

    def setup(self, worker: Any) -> None:
        warm_up()


def _connect(address: str) -> Any:
    for name in ("distributed", "distributed.client", "distributed.worker", "tornado"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        client = _dask.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerError(
            f"{address}: cannot reach the Dask scheduler ({type(exc).__name__}: {exc}); "
            "start `dask scheduler` there, or check the address (tcp://HOST:8786)"
        ) from None
    try:
        client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
    except TimeoutError:
        client.close()
        raise SchedulerError(
            f"{address}: no Dask worker joined the scheduler within {WORKER_TIMEOUT} s; "
            f"start one with `dask worker {address}`"
        ) from None
    client.register_plugin(WarmUp(), name="reportdiff-warm-up")
    return client


def dask_outcomes(jobs: Iterable[PairJob], address: str) -> Iterator[PairOutcome]:
    """Run ``jobs`` on the cluster at ``address``; yield each outcome as it completes."""
    client = _connect(address)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = 2 * workers + 2
        pending = iter(jobs)
        in_flight: dict[Any, PairJob] = {}
        stream = _dask.as_completed(loop=client.loop)

        def submit() -> None:
            while len(in_flight) < limit:
                job = next(pending, None)
                if job is None:
                    return
                future = client.submit(run_pair, job, pure=False)
                in_flight[future.key] = job
                stream.add(future)

        submit()
        for future in stream:
            job = in_flight.pop(future.key)
            try:
                outcome: PairOutcome = future.result()
            except Exception as exc:  # a lost or crashed worker fails its pair, not the run
                outcome = PairOutcome(
                    job.label,
                    job.key,
                    "failed",
                    f"the Dask worker failed on this pair ({type(exc).__name__}: {exc}); "
                    "rerun to retry it",
                )
            future.release()
            yield outcome
            submit()
    finally:
        client.close()
