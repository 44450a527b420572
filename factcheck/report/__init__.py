"""Turning a checked `Report` into something a person or a program reads.

The renderers live in their own modules and are imported only when asked
for, so `--format json` never pays for importing rich. The value formatting
shared by the human-readable formats is kept here, so the terminal and the
Markdown output can never disagree about how a figure is written.
"""
from __future__ import annotations

import math
from typing import Optional

from factcheck.models import Article, Claim, Claimed, Official, Report

FORMATS = ("text", "json", "markdown", "html", "claimreview")

MISSING = "—"

VERDICT_SYMBOLS = {"accurate": "✓", "inaccurate": "✗", "unverifiable": "?"}

# Kinds whose figures are head counts; everything else in `Kind` is a share
# or a change in share. Unknown kinds fall back to a plain number so a new
# kind added to the models still renders instead of crashing.
COUNT_KINDS = frozenset({"majority", "votes", "previous_majority", "previous_votes", "electorate"})
PERCENT_KINDS = frozenset({"vote_share", "previous_share", "turnout"})
POINTS_KINDS = frozenset({"share_change"})

QUALIFIER_WORDS = {
    "exact": "",
    "more_than": "more than",
    "less_than": "less than",
    "about": "about",
    "at_least": "at least",
    "at_most": "at most",
    "nearly": "nearly",
    "range": "around",
}


def render(report: Report, fmt: str, color: bool = False, article: Optional[Article] = None) -> str:
    """Render one report; `color` only affects the terminal format.

    No format ends with a newline, so the caller decides how reports are
    separated (one per line in JSONL, a blank line between terminal reports).
    `article` is what the report was made from: the HTML report marks the
    claims in its text, and ClaimReview cites its address; the other formats
    need only the report.
    """
    if fmt == "json":
        from factcheck.report.jsonout import render_json

        return render_json(report)
    if fmt == "text":
        from factcheck.report.text import render_text

        return render_text(report, color=color)
    if fmt == "markdown":
        from factcheck.report.markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from factcheck.report.html import render_html

        return render_html(report, article)
    if fmt == "claimreview":
        from factcheck.report.claimreview import render_claimreview

        return render_claimreview(report, article)
    raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")


def render_jsonl_line(report: Report) -> str:
    """One report per line, for streaming a corpus through `jq` or a loader."""
    from factcheck.report.jsonout import render_jsonl_line as _line

    return _line(report)


def verdict_label(verdict: str) -> str:
    # The symbol always travels with the word: colour and glyphs alone are
    # lost on monochrome terminals, screen readers and copy-paste.
    return f"{VERDICT_SYMBOLS.get(verdict, '?')} {verdict}"


def _plain_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _share(value: float) -> str:
    # One decimal is how results are usually quoted; keep a second one only
    # when it carries information (45.25%), never more than two.
    two = f"{value:,.2f}"
    return two[:-1] if two.endswith("0") else two


def format_value(value: Optional[float], kind: str) -> str:
    """Write a figure the way a reader of the kind of claim expects it."""
    if value is None:
        return MISSING
    if isinstance(value, float) and math.isnan(value):
        return MISSING
    if isinstance(value, float) and math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if kind in COUNT_KINDS:
        if float(value).is_integer():
            return f"{int(value):,}"
        return f"{value:,.1f}"
    if kind in PERCENT_KINDS:
        return f"{_share(value)}%"
    if kind in POINTS_KINDS:
        sign = "+" if value > 0 else ("-" if value < 0 else "±")
        return f"{sign}{_share(abs(value))} pts"
    return _plain_number(value)


def format_claimed(claimed: Claimed, kind: str) -> str:
    if claimed.value is None:
        return MISSING
    words = QUALIFIER_WORDS.get(claimed.qualifier, claimed.qualifier.replace("_", " "))
    figure = format_value(claimed.value, kind)
    return f"{words} {figure}" if words else figure


def format_official(official: Optional[Official], kind: str) -> str:
    if official is None:
        return MISSING
    return format_value(official.value, kind)


def seat_name(claim: Claim) -> str:
    return claim.constituency.name if claim.constituency is not None else MISSING


def summary_line(report: Report) -> str:
    s = report.summary
    noun = "claim" if s.claims == 1 else "claims"
    return f"{s.claims} {noun} checked: {s.accurate} accurate, {s.inaccurate} inaccurate, {s.unverifiable} unverifiable"


__all__ = [
    "FORMATS",
    "MISSING",
    "VERDICT_SYMBOLS",
    "format_claimed",
    "format_official",
    "format_value",
    "render",
    "render_jsonl_line",
    "seat_name",
    "summary_line",
    "verdict_label",
]
