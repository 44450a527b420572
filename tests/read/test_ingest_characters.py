"""Invisible and look-alike characters are made plain once, in ingest, for every entry point."""
from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from factcheck.read.figures import find_quantities
from factcheck.read.ingest import plain_characters, read_bytes, read_text

# raw text, what the reader sees
CHARACTERS = [
    # invisible: zero-width space, non-joiner, joiner, word joiner, BOM inside text, soft hyphen, direction marks
    ("won by 9\u200b79 votes", "won by 979 votes"),
    ("won by 9\u200c79 votes", "won by 979 votes"),
    ("won by 9\u200d79 votes", "won by 979 votes"),
    ("won by 9\u206079 votes", "won by 979 votes"),
    ("won by 9\ufeff79 votes", "won by 979 votes"),
    ("Bland\u00adford won by 979", "Blandford won by 979"),
    ("won by \u200e979\u200f votes", "won by 979 votes"),
    # spaces: no-break, narrow no-break, thin, figure, ideographic
    ("an electorate of 73\u00a0496", "an electorate of 73 496"),
    ("an electorate of 73\u202f496", "an electorate of 73 496"),
    ("an electorate of 73\u2009496", "an electorate of 73 496"),
    ("an electorate of 73\u2007496", "an electorate of 73 496"),
    ("Labour\u3000won", "Labour won"),
    # digits from other scripts and widths
    ("won by \uff19\uff17\uff19 votes", "won by 979 votes"),
    ("won by \u0669\u0667\u0669 votes", "won by 979 votes"),
    ("won by \u096f\u096d\u096f votes", "won by 979 votes"),
    # fullwidth and small punctuation
    ("polled 38\uff0c765 (52\uff0e7\uff05)", "polled 38,765 (52.7%)"),
    ("share \uff0d4.2 points", "share -4.2 points"),
    ("share \ufe634.2 points", "share -4.2 points"),
    # hyphen and minus look-alikes
    ("the 8,000\u2011vote majority", "the 8,000-vote majority"),
    ("a change of \u27964.2", "a change of \u22124.2"),
]


@pytest.mark.parametrize("raw,plain", CHARACTERS)
def test_characters_are_made_plain(raw, plain):
    assert plain_characters(raw) == plain
    assert read_text(raw, "t")[0].text == plain


@pytest.mark.parametrize("raw,plain", CHARACTERS)
def test_plain_is_idempotent(raw, plain):
    assert plain_characters(plain_characters(raw)) == plain_characters(raw)


def test_typography_is_kept():
    text = "It’s “fine” – ﬁnal ＡＢ, café… x² −4"
    assert plain_characters(text) == text


@pytest.mark.parametrize("raw,value", [
    ("He won by 9\u200b79 votes.", 979),
    ("The electorate was 9\u00a0030.", 9030),
    ("Labour polled 12\u00ad880 votes.", 12880),
    ("He won by \uff11\uff0c\uff15\uff10\uff17 votes.", 1507),
    ("Labour took 3\u2009117 votes.", 3117),
])
def test_a_figure_with_hidden_characters_reads_as_one_figure(raw, value):
    [q] = find_quantities(read_text(raw, "t")[0].text)
    assert q.value == value


def test_every_entry_point_goes_through_it():
    raw = "Shockat Adam won Leicester South by 9\u200b79 votes."
    html = "<p>Shockat Adam won Leicester South by 9&#8203;79 votes.</p>"
    jsonl = '{"text": "Shockat Adam won Leicester South by 9\\u200b79 votes.", "title": "A\\u00adB"}'
    archive = ("F-N-S-T-A-R-T. x F-N-E-N-D. T-E-X-T-S-T-A-R-T. Shockat Adam won Leicester South by 9\u200b79 "
               "votes. T-E-X-T-E-N-D.")
    for text in (raw, html, jsonl, archive):
        assert "by 979 votes" in read_text(text, "t")[0].text, text
        assert "by 979 votes" in read_bytes(text.encode("utf-8"), "t")[0].text, text
    assert read_text(jsonl, "t")[0].title == "AB"
    assert "by 979 votes" in read_bytes(raw.encode("utf-16"), "t")[0].text


def test_the_html_report_marks_the_figure_in_the_text_it_shows(checker):
    """The report shows the plain text, so a claim's quote is found in it and marked."""
    from factcheck.report import render

    article = read_text("Shockat Adam won Leicester South by 9\u200b79 votes.", "t")[0]
    report = checker.check(article)
    [claim] = report.claims
    assert (claim.quote, claim.claimed.value, claim.verdict) == ("979", 979, "accurate")
    page = LexborHTMLParser(render(report, "html", article=article))
    assert [(m.attributes["data-claim"], m.css_first("mark").text()) for m in page.css("article .claim")] == \
        [("c1", "979")]
