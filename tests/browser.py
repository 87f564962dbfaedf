"""Debian's Chromium driven by Playwright, for the browser tests and the example screenshots.

Playwright never downloads a browser here (``playwright install`` cannot reach its servers): it
drives ``/usr/bin/chromium`` from the Debian package, which ``make test`` installs when run as
root (``scripts/sysdeps.sh``). :func:`browser_problem` says why no browser can run, so the tests
skip with that reason instead of failing.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("REPORTDIFF_CHROMIUM", "/usr/bin/chromium"))
#: Flags for a headless Chromium run as root in a sandbox without network or GPU.
FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


@functools.cache
def browser_problem() -> str | None:
    """Why Chromium cannot be driven here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (as root, make test installs Debian's chromium)"
    return None


@contextmanager
def playwright_session() -> Iterator[Any]:
    """Playwright's driver, for :func:`open_context` (one per process at a time)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@contextmanager
def open_context(playwright: Any, **options: Any) -> Iterator[Any]:
    """A headless Chromium context with a fresh profile (``--user-data-dir``), closed and removed
    afterwards; ``options`` go to Playwright (e.g. ``java_script_enabled=False``)."""
    profile = tempfile.mkdtemp(prefix="reportdiff-chromium-")
    try:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=list(FLAGS),
            offline=True,
            **options,
        )
        try:
            yield context
        finally:
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@contextmanager
def chromium(**options: Any) -> Iterator[Any]:
    """A headless Chromium context of its own driver (for scripts that need just one)."""
    with playwright_session() as playwright, open_context(playwright, **options) as context:
        yield context
