"""The Markdown report, for pasting into an issue, a wiki page or a newsroom chat.

Everything taken from an article is escaped: a "|" would split a table
cell, a newline would end the row, and raw HTML such as "<script>" would be
passed straight through by most Markdown renderers.
"""
from __future__ import annotations

import re

from factcheck.models import Claim, Report
from factcheck.report import MISSING, format_claimed, format_official, seat_name, summary_line, verdict_label

COLUMNS = ("Verdict", "Kind", "Claim (quote)", "Official", "Seat", "Explanation")

_NEWLINES = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Characters that start emphasis, code, links or a table cell boundary.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def escape_inline(value: str, newline: str = " ") -> str:
    """Make article text safe to embed in one line (or one cell) of Markdown."""
    value = _CONTROL.sub("", value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _MARKDOWN_SPECIAL.sub(r"\\\1", value)
    return _NEWLINES.sub(newline, value)


def escape_cell(value: str) -> str:
    return escape_inline(value, newline="<br>")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _claim_cell(claim: Claim) -> str:
    quote = f"“{escape_cell(claim.quote)}”"
    return f"{quote}<br>claimed: {escape_cell(format_claimed(claim.claimed, claim.kind))}"


def _official_cell(claim: Claim) -> str:
    figure = escape_cell(format_official(claim.official, claim.kind))
    if claim.official is not None and claim.official.detail:
        return f"{figure}<br>{escape_cell(claim.official.detail)}"
    return figure


def _table(claims: list[Claim]) -> list[str]:
    lines = [_row(list(COLUMNS)), _row(["---"] * len(COLUMNS))]
    for claim in claims:
        lines.append(
            _row(
                [
                    escape_cell(verdict_label(claim.verdict)),
                    escape_cell(claim.kind),
                    _claim_cell(claim),
                    _official_cell(claim),
                    escape_cell(seat_name(claim)),
                    escape_cell(claim.explanation),
                ]
            )
        )
    return lines


def _corrections(claims: list[Claim]) -> list[str]:
    wrong = [c for c in claims if c.verdict == "inaccurate"]
    if not wrong:
        return ["No inaccurate claims."]
    items = []
    for claim in wrong:
        where = escape_inline(seat_name(claim)) if claim.constituency is not None else "Unknown seat"
        text = claim.correction or (
            f"Official figure: {format_official(claim.official, claim.kind)}. {claim.explanation}"
        )
        items.append(f"- **{where}** ({escape_inline(claim.kind)}): {escape_inline(text)}")
    return items


def render_markdown(report: Report) -> str:
    heading = escape_inline(report.title or report.source)
    lines = [f"# Fact-check: {heading}", ""]
    meta = f"Source: {escape_inline(report.source)} · Date: {escape_inline(report.date) if report.date else MISSING}"
    lines += [meta, "", f"**{escape_inline(summary_line(report))}**", ""]
    if report.claims:
        lines += _table(report.claims)
    else:
        lines.append("No checkable figures were found in this article.")
    lines += ["", "## Corrections", ""]
    lines += _corrections(report.claims)
    return "\n".join(lines)
