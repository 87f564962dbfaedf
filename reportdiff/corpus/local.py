"""The embedded default: pairs compared in a local pool of worker processes.

Each worker loads the segmenter once (:func:`~reportdiff.corpus.work.warm_up`) and then takes
pair after pair. At most two pairs per worker are in flight, so a run over thousands of pairs
never holds more than a few reports in memory. A worker that dies (out of memory, killed) fails
the pairs it held; a fresh pool takes the rest.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from reportdiff.corpus.pairs import PairJob
from reportdiff.corpus.work import PairOutcome, run_pair, warm_up

__all__ = ["local_outcomes"]


def _pool(workers: int) -> ProcessPoolExecutor:
    # spawn: a worker starts clean (no state copied from the caller, the same on every OS).
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=warm_up)


def local_outcomes(jobs: Iterable[PairJob], workers: int) -> Iterator[PairOutcome]:
    """Run ``jobs`` on ``workers`` local processes; yield each outcome as it completes."""
    pending = iter(jobs)
    pool = _pool(workers)
    in_flight: dict[Future[PairOutcome], PairJob] = {}
    try:
        while True:
            while len(in_flight) < 2 * workers:
                job = next(pending, None)
                if job is None:
                    break
                in_flight[pool.submit(run_pair, job)] = job
            if not in_flight:
                return
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                job = in_flight.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    broken = True
                    yield _died(job)
            if broken:
                for job in in_flight.values():
                    yield _died(job)
                in_flight.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(workers)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _died(job: PairJob) -> PairOutcome:
    return PairOutcome(
        job.label,
        job.key,
        "failed",
        "the worker process died while comparing this pair (out of memory?); rerun to retry it",
    )
