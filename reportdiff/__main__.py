"""Allow ``python -m reportdiff``."""

from reportdiff.cli import cli

cli(prog_name="reportdiff")
