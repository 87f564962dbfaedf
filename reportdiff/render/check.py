"""Renderers of check records: terminal text, GitHub workflow commands and SARIF 2.1.0.

Each is a stream (:func:`reportdiff.render.stream_renderer`): it reads the findings one at a time
and yields its output finding by finding, so a run with many findings is never one string.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportdiff import __version__
from reportdiff.records import CheckRecord, Location
from reportdiff.render import STREAMED_LIST, RenderContext, json_stream, stream_renderer

_LEVELS = {"error": "error", "warning": "warning", "note": "notice"}
_COLOURS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "note": "\x1b[1;36m"}


@stream_renderer("check", "text")
def render_text(records: CheckRecord, context: RenderContext) -> Iterator[str]:
    """One block per finding, then a count line (stable, readable in a CI log)."""
    for f in records["findings"]:
        loc, other = f["location"], f["other"]
        colour = _COLOURS[f["severity"]] if context.color else ""
        reset = "\x1b[0m" if context.color else ""
        yield (
            f"{loc['path']}:{loc['line']}: {colour}{f['severity']} {f['code']}{reset} "
            f"{f['rule']}: {f['message']}\n"
            f"    here:  §{loc['section_id']} {loc['heading']} "
            f"(lines {loc['line']}–{loc['end_line']})\n"
            f"    other: {other['path']}:{other['line']} §{other['section_id']} "
            f"{other['heading']} (lines {other['line']}–{other['end_line']})\n"
        )
    counts = records["counts"]
    files = len(records["files"])
    total = sum(counts.values())
    summary = (
        f"{total} finding{'s' if total != 1 else ''} in {files} "
        f"file{'s' if files != 1 else ''} ({counts['error']} error, "
        f"{counts['warning']} warning, {counts['note']} note)"
    )
    yield summary + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@stream_renderer("check", "github", suffixes=(".txt", ".log"), picked_by_suffix=False)
def render_github(records: CheckRecord, context: RenderContext) -> Iterator[str]:
    """GitHub Actions workflow commands, so findings land on the lines of a pull request."""
    for f in records["findings"]:
        loc = f["location"]
        title = _escape_property(f"{f['code']} {f['rule']}")
        yield (
            f"::{_LEVELS[f['severity']]} file={_escape_property(loc['path'])},"
            f"line={loc['line']},endLine={loc['end_line']},title={title}::"
            f"{_escape_data(f['message'])}\n"
        )


@stream_renderer("check", "sarif", suffixes=(".sarif", ".sarif.json"))
def render_sarif(records: CheckRecord, context: RenderContext) -> Iterator[str]:
    """A SARIF 2.1.0 log for code-scanning dashboards (valid against the OASIS schema; each rule
    carries its ``--explain`` text as ``help``; no ``informationUri``, as reportdiff has no
    public home page to point at)."""
    rules = records["rules"]
    index = {rule["code"]: i for i, rule in enumerate(rules)}

    def location(loc: Location) -> dict[str, Any]:
        return {
            "physicalLocation": {
                "artifactLocation": {"uri": loc["path"]},
                "region": {"startLine": loc["line"], "endLine": max(loc["line"], loc["end_line"])},
            },
            "logicalLocations": [
                {
                    "name": loc["heading"],
                    "fullyQualifiedName": f"§{loc['section_id']}",
                    "kind": "section",
                }
            ],
        }

    results = (
        {
            "ruleId": f["code"],
            "ruleIndex": index[f["code"]],
            "level": f["severity"],
            "message": {"text": f["message"]},
            "locations": [location(f["location"])],
            "relatedLocations": [
                {"id": 1, **location(f["other"]), "message": {"text": "the other copy"}}
            ],
            "partialFingerprints": {"reportdiffPassage/v1": f["fingerprint"]},
            "properties": {"similarity": f["similarity"], "misplaced": f["misplaced"]},
        }
        for f in records["findings"]
    )
    log = {
        "version": "2.1.0",
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "reportdiff",
                        "version": __version__,
                        "rules": [
                            {
                                "id": r["code"],
                                "name": r["name"],
                                "shortDescription": {"text": r["description"]},
                                **(
                                    {"help": {"text": r["explanation"]}}
                                    if r.get("explanation")
                                    else {}
                                ),
                                "defaultConfiguration": {"level": r["severity"]},
                            }
                            for r in rules
                        ],
                    }
                },
                "results": STREAMED_LIST,
            }
        ],
    }
    return json_stream(log, results, escape=False)
