"""reportdiff: what changed between two editions of a Chinese government report."""

__version__ = "0.1.0"
