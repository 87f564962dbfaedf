"""Documentation is tested: each command has help text and a README entry; doc examples run."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import click
import pytest

from reportdiff.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_and_readme_entry(name: str) -> None:
    command = cli.commands[name]
    assert command.help, f"`reportdiff {name}` has no help text"
    assert f"reportdiff {name}" in README, f"README does not document `reportdiff {name}`"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"`reportdiff {name} {param.opts[0]}` has no help text"


@pytest.mark.parametrize("module", ["reportdiff.text", "reportdiff.tokens"])
def test_docstring_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0
    assert result.attempted > 0
