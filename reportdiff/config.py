"""Defaults for ``reportdiff check`` from ``reportdiff.toml`` or ``[tool.reportdiff]`` in a
``pyproject.toml``, found by walking up from the current directory (the nearest file wins).

Keys: ``threshold`` (0–1), ``min-chars`` (int), ``ignore`` (list of rule codes), ``fail-on``
(error|warning|note), ``across`` (bool), ``format`` (text|json|github|sarif). Command-line options
override them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from reportdiff.errors import ConfigError

KNOWN = {"threshold", "min-chars", "ignore", "fail-on", "across", "format"}


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config file above ``start`` and its reportdiff table, or None."""
    for folder in (start, *start.parents):
        own = folder / "reportdiff.toml"
        if own.is_file():
            return own, _read(own, tool_table=False)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read(pyproject, tool_table=True)
            if table is not None:
                return pyproject, table
    return None


def _read(path: Path, *, tool_table: bool) -> Any:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read as TOML ({exc}); fix the file") from None
    if tool_table:
        return data.get("tool", {}).get("reportdiff")
    return data


def check_defaults(start: Path) -> dict[str, Any]:
    """Validated check settings from the nearest config (empty when there is none)."""
    found = find_config(start)
    if found is None:
        return {}
    path, table = found
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.reportdiff] must be a table")
    unknown = sorted(set(table) - KNOWN)
    if unknown:
        raise ConfigError(
            f"{path}: unknown reportdiff setting {unknown[0]!r}; "
            f"use one of {', '.join(sorted(KNOWN))}"
        )
    settings: dict[str, Any] = {}
    if "threshold" in table:
        value = table["threshold"]
        if not isinstance(value, (int, float)) or not 0 < value <= 1:
            raise ConfigError(f"{path}: threshold must be a number above 0 and at most 1")
        settings["threshold"] = float(value)
    if "min-chars" in table:
        if not isinstance(table["min-chars"], int) or table["min-chars"] < 1:
            raise ConfigError(f"{path}: min-chars must be a whole number of at least 1")
        settings["min_chars"] = table["min-chars"]
    if "ignore" in table:
        if not isinstance(table["ignore"], list) or not all(
            isinstance(x, str) for x in table["ignore"]
        ):
            raise ConfigError(f'{path}: ignore must be a list of rule codes such as ["RD103"]')
        settings["ignore"] = tuple(table["ignore"])
    if "fail-on" in table:
        if table["fail-on"] not in ("error", "warning", "note"):
            raise ConfigError(f"{path}: fail-on must be error, warning or note")
        settings["fail_on"] = table["fail-on"]
    if "across" in table:
        if not isinstance(table["across"], bool):
            raise ConfigError(f"{path}: across must be true or false")
        settings["across"] = table["across"]
    if "format" in table:
        if table["format"] not in ("text", "json", "github", "sarif"):
            raise ConfigError(f"{path}: format must be text, json, github or sarif")
        settings["format"] = table["format"]
    return settings
