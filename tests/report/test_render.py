"""Rendering of checked reports in every output format.

The reports are built by hand, with the awkward text real articles contain
(table pipes, line breaks, HTML, escape sequences, non-Latin script), so the
renderers are tested independently of the extraction pipeline.
"""
from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from factcheck.jsonschema_gen import load_published_schema
from factcheck.models import Article, Claim, Claimed, ConstituencyRef, Official, Report
from factcheck.report import FORMATS, format_value, render, render_jsonl_line

LEICESTER = ConstituencyRef(ons_id="E14001331", name="Leicester South")
YNYS_MON = ConstituencyRef(ons_id="W07000112", name="Ynys Môn")


def _claim(cid: str, verdict: str, **overrides) -> Claim:
    fields = dict(
        id=cid,
        kind="majority",
        verdict=verdict,
        sentence="Shockat Adam won by 979 votes.",
        quote="won by 979 votes",
        claimed=Claimed(value=979, qualifier="exact"),
        official=Official(value=979, dataset="HoC-GE2024-results-by-constituency", detail="majority"),
        constituency=LEICESTER,
        subject="Shockat Adam",
        explanation="The official majority is 979.",
        correction=None,
        confidence=0.9,
    )
    fields.update(overrides)
    return Claim(**fields)


CLAIMS = [
    _claim("c1", "accurate"),
    _claim(
        "c2",
        "accurate",
        kind="vote_share",
        quote="took 35.25% of the vote",
        claimed=Claimed(value=35.25, qualifier="about"),
        official=Official(value=35.2, dataset="HoC-GE2024-results-by-candidate", detail="vote share"),
        constituency=YNYS_MON,
        subject="Plaid Cymru",
        explanation="Plaid Cymru's share in Ynys Môn was 35.2% — close enough to “about 35.25%”.",
    ),
    _claim(
        "c3",
        "inaccurate",
        kind="votes",
        quote="a | split <script>alert(1)</script> figure",
        claimed=Claimed(value=22000, qualifier="more_than"),
        official=Official(value=14739, dataset="HoC-GE2024-results-by-candidate", detail="votes | candidate"),
        explanation="Line one of the explanation\nline two | with a pipe",
        correction="He received 14,739 votes,\nnot more than 22,000.",
    ),
    _claim(
        "c4",
        "inaccurate",
        kind="share_change",
        quote="share fell by 3 points",
        claimed=Claimed(value=-3.0, qualifier="exact"),
        official=Official(value=-12.5, dataset="notional-ge2019-results-2024-boundaries", detail="share change"),
        constituency=None,
        subject=None,
        explanation="The share fell by 12.5 points.",
        correction=None,
        confidence=0.4,
    ),
    _claim(
        "c5",
        "unverifiable",
        kind="turnout",
        quote="turnout of about 60%",
        claimed=Claimed(value=60, qualifier="about"),
        official=None,
        constituency=None,
        subject=None,
        explanation="No constituency could be identified for this figure.",
    ),
    _claim(
        "c6",
        "unverifiable",
        quote="«the [bold]biggest[/bold] swing» \x1b[31m in 家",
        claimed=Claimed(value=None, qualifier="exact"),
        official=Official(value=None, dataset="HoC-GE2024-results-by-constituency", detail="no figure"),
        explanation="The text gives no figure to compare.",
        confidence=0.1,
    ),
]


@pytest.fixture
def report() -> Report:
    article = Article(
        text="(not rendered)",
        source="corpora/000_a446447a5ae0ae22.txt",
        title="Pro-Palestinian candidates | shock wins <b>UK</b>",
        date="2024-07-05",
    )
    return Report.build(article, CLAIMS)


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = load_published_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


# ------------------------------------------------------------------ json
def test_json_output_validates_against_published_schema(report, validator):
    document = json.loads(render(report, "json"))
    errors = sorted(validator.iter_errors(document), key=str)
    assert errors == []


def test_json_output_round_trips_to_an_equal_report(report):
    assert Report.model_validate_json(render(report, "json")) == report


def test_json_output_is_exactly_the_model(report):
    assert json.loads(render(report, "json")) == report.model_dump(mode="json")


def test_jsonl_line_is_one_compact_line(report):
    line = render_jsonl_line(report)
    assert "\n" not in line
    assert Report.model_validate_json(line) == report
    assert len(line) < len(render(report, "json"))


def test_unknown_format_is_rejected(report):
    with pytest.raises(ValueError, match="yaml"):
        render(report, "yaml")


def test_every_advertised_format_renders(report):
    for fmt in FORMATS:
        assert render(report, fmt).strip()


# ------------------------------------------------------------------ text
def test_text_names_each_verdict_with_word_and_symbol(report):
    out = render(report, "text")
    assert out.count("✓ ACCURATE") == 2
    assert out.count("✗ INACCURATE") == 2
    assert out.count("? UNVERIFIABLE") == 2


def test_text_shows_header_and_claim_details(report):
    out = render(report, "text")
    assert "Pro-Palestinian candidates | shock wins <b>UK</b>" in out
    assert "corpora/000_a446447a5ae0ae22.txt" in out
    assert "2024-07-05" in out
    assert "6 claims checked: 2 accurate, 2 inaccurate, 2 unverifiable" in out
    for quote in ("won by 979 votes", "took 35.25% of the vote", "share fell by 3 points", "turnout of about 60%"):
        assert quote in out
    assert "Leicester South" in out and "Ynys Môn" in out
    assert "more than 22,000" in out and "14,739" in out
    assert "-12.5 pts" in out
    assert "He received 14,739 votes," in out
    assert "The official majority is 979." in out


def test_text_prints_article_markup_literally(report):
    out = render(report, "text")
    assert "[bold]biggest[/bold]" in out
    assert "<script>alert(1)</script>" in out


def test_text_without_color_has_no_escape_sequences(report):
    out = render(report, "text", color=False)
    assert "\x1b" not in out


def test_text_with_color_uses_ansi_codes(report):
    assert "\x1b[" in render(report, "text", color=True)


def test_text_lines_fit_the_console_width(report):
    assert max(len(line) for line in render(report, "text").splitlines()) <= 100


def test_text_for_report_without_claims():
    empty = Report.build(Article(text="", source="-"), [])
    out = render(empty, "text")
    assert "0 claims checked" in out
    assert "No checkable figures" in out


# ------------------------------------------------------------------ markdown
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _table_rows(md: str) -> list[str]:
    return [line for line in md.splitlines() if line.startswith("|")]


def test_markdown_heading_and_summary(report):
    md = render(report, "markdown")
    first = md.splitlines()[0]
    assert first.startswith("# Fact-check: Pro-Palestinian candidates \\| shock wins &lt;b&gt;UK&lt;/b&gt;")
    assert "6 claims checked: 2 accurate, 2 inaccurate, 2 unverifiable" in md


def test_markdown_heading_falls_back_to_source():
    untitled = Report.build(Article(text="", source="feed-42"), [CLAIMS[0]])
    assert render(untitled, "markdown").splitlines()[0] == "# Fact-check: feed-42"


def test_markdown_has_one_row_per_claim(report):
    rows = _table_rows(render(report, "markdown"))
    header, separator, body = rows[0], rows[1], rows[2:]
    assert header == "| Verdict | Kind | Claim (quote) | Official | Seat | Explanation |"
    assert set(separator.replace("|", "").split()) == {"---"}
    assert len(body) == len(report.claims)


def test_markdown_rows_keep_six_cells_despite_pipes_and_newlines(report):
    for row in _table_rows(render(report, "markdown")):
        # a leading and a trailing delimiter around six cells
        assert len(_UNESCAPED_PIPE.findall(row)) == 7, row


def test_markdown_escapes_pipes_newlines_and_html(report):
    md = render(report, "markdown")
    row = next(r for r in _table_rows(md) if "split" in r)
    assert "a \\| split &lt;script&gt;alert(1)&lt;/script&gt; figure" in row
    assert "Line one of the explanation<br>line two \\| with a pipe" in row
    assert "<script>" not in md


def test_markdown_lists_corrections_for_inaccurate_claims_only(report):
    md = render(report, "markdown")
    corrections = md.split("## Corrections", 1)[1]
    items = [line for line in corrections.splitlines() if line.startswith("- ")]
    assert len(items) == 2
    assert "He received 14,739 votes, not more than 22,000." in items[0]
    # without a correction text the official figure stands in
    assert "-12.5 pts" in items[1]
    assert "won by 979 votes" not in corrections


def test_markdown_shows_missing_values_as_dash(report):
    rows = _table_rows(render(report, "markdown"))[2:]
    unverifiable = rows[4]
    cells = [c.strip() for c in _UNESCAPED_PIPE.split(unverifiable)[1:-1]]
    assert cells[3] == "—"  # Official
    assert cells[4] == "—"  # Seat


# ------------------------------------------------------------------ numbers
@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (None, "votes", "—"),
        (14739.0, "votes", "14,739"),
        (1234567, "electorate", "1,234,567"),
        (35.2, "vote_share", "35.2%"),
        (35.25, "vote_share", "35.25%"),
        (40.0, "turnout", "40.0%"),
        (33.333333, "previous_share", "33.33%"),
        (-12.5, "share_change", "-12.5 pts"),
        (3.0, "share_change", "+3.0 pts"),
        (7.5, "some_future_kind", "7.5"),
    ],
)
def test_format_value(value, kind, expected):
    assert format_value(value, kind) == expected


def test_text_has_no_trailing_padding(report):
    lines = render(report, "text").splitlines()
    assert [line for line in lines if line != line.rstrip()] == []
