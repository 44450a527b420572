"""The terminal report.

Built from rich `Text` objects rather than console markup: quotes come from
arbitrary articles, and a stray "[bold]" or "[/]" in a headline must be
printed, not interpreted. Control characters are neutralised for the same
reason — an escape sequence inside scraped text would otherwise reach the
reader's terminal even when colour is off.
"""
from __future__ import annotations

import io
import re

from rich.console import Console
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from factcheck.models import Claim, Report
from factcheck.report import MISSING, format_claimed, format_official, summary_line, verdict_label

WIDTH = 100
INDENT = 4

VERDICT_STYLES = {"accurate": "bold green", "inaccurate": "bold red", "unverifiable": "bold yellow"}

# C0 controls except tab and newline, DEL, and the C1 range (which some
# terminals also honour as escape introducers).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(value: str) -> str:
    return _CONTROL.sub("\ufffd", value)


def _tidy(rendered: str) -> str:
    # rich pads wrapped lines to the console width; trailing blanks only get
    # in the way of diffs, pagers and copy-paste.
    return "\n".join(line.rstrip(" ") for line in rendered.rstrip("\n").split("\n"))


def _field(label: str, value: str, style: str = "") -> Text:
    line = Text()
    line.append(f"{label}: ", style="bold")
    line.append(_clean(value), style=style)
    return line


def _claim_block(claim: Claim) -> list:
    head = Text()
    head.append(verdict_label(claim.verdict).upper(), style=VERDICT_STYLES.get(claim.verdict, "bold"))
    head.append("  ")
    head.append(_clean(claim.kind), style="cyan")
    head.append("  ·  ")
    if claim.constituency is not None:
        head.append(_clean(claim.constituency.name), style="bold")
        head.append(f" ({_clean(claim.constituency.ons_id)})", style="dim")
    else:
        head.append(f"seat {MISSING}", style="dim")
    if claim.subject:
        head.append("  ·  ")
        head.append(_clean(claim.subject))
    head.append(f"  [{_clean(claim.id)}, confidence {claim.confidence:.2f}]", style="dim")

    body = [
        Text.assemble(("“", "dim"), (_clean(claim.quote), "italic"), ("”", "dim")),
        _field("Claimed", format_claimed(claim.claimed, claim.kind)),
    ]
    official = _field("Official", format_official(claim.official, claim.kind))
    if claim.official is not None:
        source = " — ".join(p for p in (claim.official.dataset, claim.official.detail) if p)
        if source:
            official.append(f"  ({_clean(source)})", style="dim")
    body.append(official)
    body.append(_field("Why", claim.explanation))
    if claim.correction:
        body.append(_field("Correction", claim.correction, style="bold" if claim.verdict == "inaccurate" else ""))
    return [head, *(Padding(line, (0, 0, 0, INDENT), expand=False) for line in body)]


def render_text(report: Report, color: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        width=WIDTH,
        force_jupyter=False,
        force_interactive=False,
        legacy_windows=False,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )

    title = Text(_clean(report.title or report.source), style="bold")
    console.print(title)
    meta = Text()
    meta.append("Source: ", style="bold")
    meta.append(_clean(report.source))
    meta.append("   Date: ", style="bold")
    meta.append(_clean(report.date) if report.date else MISSING)
    console.print(meta)
    console.print(Text(summary_line(report)))

    if not report.claims:
        console.print(Rule(style="dim", characters="─"))
        console.print(Text("No checkable figures were found in this article.", style="dim"))
        return _tidy(buffer.getvalue())

    for claim in report.claims:
        console.print(Rule(style="dim", characters="─"))
        for renderable in _claim_block(claim):
            console.print(renderable)
    return _tidy(buffer.getvalue())
