"""Library exceptions.

Every message is one line that names the file (when there is one), says what is wrong and how to fix
it. Only ``cli.py`` turns these into output and an exit code; the library never prints.

The exit codes live here too, in the base layer, so that a stage with an exit policy of its own
(``check``'s ``--fail-on``) uses the same constants as the CLI without importing it.
"""

from __future__ import annotations

from typing import Final

EXIT_OK: Final = 0
"""The job ran; no differences/findings, or they were not asked to fail the run."""
EXIT_FINDINGS: Final = 1
"""Differences (``diff --exit-code``) or findings at the failing severity (``check``)."""
EXIT_ERROR: Final = 2
"""Bad usage or bad input; one line on stderr naming the file and the fix."""


class ReportdiffError(Exception):
    """Base class of every error reportdiff raises on purpose."""


class InputError(ReportdiffError):
    """An input file cannot be read as a report: missing, empty, binary, undecodable, too big."""

    def __init__(self, source: str, problem: str, fix: str = "") -> None:
        self.source = source
        self.problem = problem
        self.fix = fix
        message = f"{source}: {problem}"
        if fix:
            message += f"; {fix}"
        super().__init__(message)


class EmptyInput(InputError):
    """An input holds no report text at all (an empty file, only whitespace or page chrome).

    ``check`` skips such a file with a note instead of failing the whole run.
    """


class UnsupportedFormat(InputError):
    """The file's extension (or ``--from-format``) names a format reportdiff does not read."""


class MissingDependency(ReportdiffError):
    """An optional library or system package needed for this job is not installed."""


class ConfigError(ReportdiffError):
    """A configuration file or option value is invalid."""


class ScratchSpaceError(ReportdiffError):
    """The temporary folder a job keeps its on-disk index or findings in cannot be written (a full
    disk, no permission): the job cannot go on, and says where and how to fix it."""

    def __init__(self, folder: str, problem: object) -> None:
        super().__init__(
            f"{folder}: cannot write the temporary index ({problem}); free some space there or "
            "point TMPDIR at a folder with room"
        )


class RenderError(ReportdiffError):
    """A memo or report could not be rendered (bad template, no CJK font for PDF...)."""
