"""The library API, called in process the way a notebook or a newsroom script calls it.

The sentences are checked against the official 2024 result in Leicester South:
Shockat Adam (Ind) 14,739, Jonathan Ashworth (Lab) 13,760, majority 979.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import factcheck
from conftest import claim_for
from factcheck.jsonschema_gen import load_published_schema
from factcheck.models import Article, Report
from factcheck.report import render

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
SAMPLE_HTML = CORPORA / "000_a446447a5ae0ae22.txt"
SAMPLE_ARCHIVE = CORPORA / "001_2affce01765db85e.txt"

ACCURATE = "Shockat Adam won Leicester South by 979 votes."
INACCURATE = "Shockat Adam won Leicester South by 1,979 votes."
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
# 979 standing alone, so the claimed "1,979" cannot pass for it
OFFICIAL_979 = re.compile(r"(?<![\d,.])979(?![\d,])")


@pytest.fixture(autouse=True)
def _loaded(checker):
    """Load the pipeline once for the session, not inside the first test's timing."""
    return checker


NAMES_ONLY = {"outcome", "rank", "comparison"}  # claims read from names, not figures


def only_claim(report: Report):
    """The one figure claim in the report."""
    figures = [c for c in report.claims if c.kind not in NAMES_ONLY]
    assert len(figures) == 1, [(c.quote, c.kind, c.verdict) for c in report.claims]
    return figures[0]


def claim_quoting(report: Report, quote: str):
    found = [c for c in report.claims if c.quote == quote]
    assert len(found) == 1, [(c.quote, c.kind, c.verdict) for c in report.claims]
    return found[0]


# ---------------------------------------------------------------- entry points
def test_check_text_returns_a_report_from_the_shared_checker(checker):
    report = factcheck.check_text(ACCURATE)
    assert isinstance(report, Report)
    assert (report.source, report.title, report.date) == ("-", None, None)
    assert report.summary.model_dump() == {"claims": 1, "accurate": 1, "inaccurate": 0, "unverifiable": 0}
    assert checker.check(Article(text=ACCURATE)) == report
    assert factcheck.check_text(ACCURATE, source="draft.txt").source == "draft.txt"


def test_check_file_reads_html_without_its_markup():
    report = factcheck.check_file(SAMPLE_HTML)
    assert report.source == str(SAMPLE_HTML)
    assert report.claims
    for claim in report.claims:
        assert claim.quote in claim.sentence
        assert not HTML_TAG.search(claim.sentence), claim.sentence
    claim = claim_quoting(report, "507")
    assert (claim.kind, claim.verdict, claim.constituency.name) == ("majority", "accurate", "Birmingham Perry Barr")


def test_check_file_keeps_archive_metadata():
    report = factcheck.check_file(str(SAMPLE_ARCHIVE))
    assert report.source == str(SAMPLE_ARCHIVE)
    assert report.title == "Pro-Gaza candidates squeeze Labour vote in some constituencies"
    assert report.date == "2024-07-05"
    claim = claim_quoting(report, "979")
    assert (claim.kind, claim.verdict, claim.constituency.name) == ("majority", "accurate", "Leicester South")


def test_title_and_date_pass_through_check_text():
    report = factcheck.check_text(ACCURATE, title="Leicester South declares", date="2024-07-05")
    assert (report.title, report.date) == ("Leicester South declares", "2024-07-05")
    # an override of one field leaves the article's own value of the other in place
    record = ("T-I-T-L-E-S-T-A-R-T. Archive title T-I-T-L-E-E-N-D. "
              f"T-E-X-T-S-T-A-R-T. {ACCURATE} T-E-X-T-E-N-D.")
    report = factcheck.check_text(record, date="2024-07-06")
    assert (report.title, report.date) == ("Archive title", "2024-07-06")


# ---------------------------------------------------------------- verdicts
def test_accurate_majority_explains_itself_with_the_result():
    claim = only_claim(factcheck.check_text(ACCURATE))
    assert (claim.kind, claim.verdict) == ("majority", "accurate")
    assert (claim.claimed.value, claim.claimed.qualifier) == (979, "exact")
    assert claim.official.value == 979
    assert claim.constituency.name == "Leicester South"
    assert claim.subject == "Shockat Adam"
    assert claim.correction is None
    for part in ("979", "Shockat Adam", "Jonathan Ashworth"):
        assert part in claim.explanation


@pytest.mark.parametrize("sentence", [
    "Shockat Adam beat Jonathan Ashworth by 979 votes in Leicester South.",
    "Shockat Adam's majority in Leicester South was 979.",
    "Jonathan Ashworth lost Leicester South to Shockat Adam by just under 1,000 votes.",
    "Shockat Adam's majority over Jonathan Ashworth in Leicester South was 979 votes.",
])
def test_accurate_majority_in_other_wordings(sentence):
    claim = only_claim(factcheck.check_text(sentence))
    assert (claim.kind, claim.verdict, claim.constituency.name) == ("majority", "accurate", "Leicester South")
    assert claim.official.value == 979


def test_inaccurate_majority_is_corrected_with_the_official_figure():
    claim = only_claim(factcheck.check_text(INACCURATE))
    assert (claim.kind, claim.verdict) == ("majority", "inaccurate")
    assert claim.claimed.value == 1979
    assert claim.official.value == 979
    assert claim.constituency.name == "Leicester South"
    assert claim.correction and OFFICIAL_979.search(claim.correction), claim.correction


@pytest.mark.parametrize("sentence, quote", [
    ("George Galloway won 40% of the vote in the February by-election in Rochdale.", "40%"),
    ("At the 2017 general election, Jonathan Ashworth held Leicester South with a majority of 26,261.", "26,261"),
    ("Jonathan Ashworth's majority in Leicester South in 2017 was 26,261.", "26,261"),
])
def test_figure_from_another_election_is_unverifiable(sentence, quote):
    claim = only_claim(factcheck.check_text(sentence))
    assert claim.quote == quote
    assert claim.verdict == "unverifiable"
    assert claim.correction is None


@pytest.mark.parametrize("sentence", [
    "Jonathan Ashworth had held Leicester South for 13 years.",
    "Leicester South had been held by Labour since 1955.",
    "Nigel Farage, 60, won Clacton on his eighth attempt to become an MP.",
    "The election came 44 days after Rishi Sunak called it on 22 May 2024.",
    "Shockat Adam, 51, was declared the winner in Leicester South at 4am on 5 July 2024.",
])
def test_non_election_numbers_are_not_reported(sentence):
    assert factcheck.check_text(sentence).claims == []


@pytest.mark.parametrize("sentence, quote", [
    ("Jonathan Ashworth, 46, had held Leicester South for 13 years before Shockat Adam beat him by 979 votes "
     "on 4 July 2024.", "979"),
    ("Nigel Farage won Clacton on his eighth attempt, with a majority of 8,405.", "8,405"),
    ("Jeremy Corbyn, 75, won Islington North by 7,247 votes, 41 years after he first won the seat in 1983.", "7,247"),
    ("Shockat Adam won Leicester South by 979 votes. The campaign had lasted 44 days, and Labour had held the seat "
     "since 1955.", "979"),
])
def test_non_election_numbers_beside_a_real_claim_are_left_out(sentence, quote):
    claim = only_claim(factcheck.check_text(sentence))
    assert (claim.quote, claim.kind, claim.verdict) == (quote, "majority", "accurate")


# ---------------------------------------------------------------- JSON
def test_report_json_round_trip_is_lossless_and_schema_valid():
    text = " ".join([
        ACCURATE,
        "Jess Phillips held Birmingham Yardley by 793 votes.",
        "George Galloway won 40% of the vote in the February by-election in Rochdale.",
    ])
    report = factcheck.check_text(text, title="Three verdicts", date="2024-07-05")
    assert [c.verdict for c in report.claims] == ["accurate", "inaccurate", "unverifiable"]
    dumped = render(report, "json")
    document = json.loads(dumped)
    errors = [e.message for e in Draft202012Validator(load_published_schema()).iter_errors(document)]
    assert errors == []
    assert document == report.model_dump(mode="json")
    assert Report.model_validate_json(dumped) == report


def test_a_pronoun_at_the_head_of_a_sentence_stands_for_the_figure_just_read(seat_named):
    """"Turnout in SEAT fell by 4 points. It was X% on the night.": "It was" reads X as the last figure's
    kind, where alone, with no election word and no name, it would be no claim at all."""
    seat = seat_named("Chichester")
    now = f"{seat.turnout_valid():.1f}%"
    report = factcheck.check_text(f"Turnout in {seat.name} fell by 4 points. It was {now} on the night.")
    claims = [c for c in report.claims if c.quote.startswith(now)]
    assert claims and claims[0].kind == "turnout", [(c.quote, c.kind, c.verdict) for c in report.claims]
    alone = factcheck.check_text(f"It was {now} on the night.")
    assert not [c for c in alone.claims if c.quote.startswith(now)]


def test_they_with_no_one_named_are_the_party_the_article_was_on(ref):
    """A list under "Elsewhere, Reform outperformed the Conservatives in:" goes on "SEAT - where they secured
    X% of the votes": "they" are the party, in the seat the line names."""
    seat = next(s for s in ref.seats.values() if s.name == "Easington")
    reform = next(c for c in seat.candidates if c.party == "RUK")
    right, wrong = f"{reform.share:.1f}%", f"{reform.share + 2.3:.1f}%"
    for figure, verdict in ((right, "accurate"), (wrong, "inaccurate")):
        text = (f"Elsewhere, Reform comfortably outperformed the Conservatives in:\n"
                f"{seat.name} - where they secured {figure} of the votes.")
        claims = [c for c in factcheck.check_text(text).claims if c.quote.startswith(figure)]
        assert claims and claims[0].verdict == verdict, [(c.quote, c.verdict, c.explanation) for c in claims]
        assert claims[0].constituency.name == seat.name


def test_a_seat_named_in_passing_does_not_make_a_national_piece_local(checker):
    """A count in a local article may be the area's, so the country's count alone never condemns it; a
    national piece that names one seat in passing (later, and once) is not local, and its counts are the
    country's."""
    ref = checker.ref
    uk = sum(1 for s in ref.seats.values() if s.winner.party == "RUK")
    clacton = next(s for s in ref.seats.values() if s.name == "Clacton")
    wrong = uk + 2
    national = (f"Labour won a landslide across the country. Turnout fell sharply. Elsewhere, "
                f"{clacton.winner.name} won Clacton. Reform won {wrong} seats.")
    local = f"{clacton.winner.name} won Clacton. The count in Clacton ended at dawn. Reform won {wrong} seats."
    assert claim_for(factcheck.check_text(national), str(wrong)).verdict == "inaccurate"
    assert claim_for(factcheck.check_text(local), str(wrong)).verdict == "unverifiable"


# ---------------------------------------------------------------- a national article's sentence with nothing local
def test_nothing_local_needs_no_unnamed_set_of_seats_and_no_other_year():
    from factcheck.api import nothing_local

    assert nothing_local("Reform UK attained third place on 21% of the vote.", 2024)
    assert nothing_local("In 2024 Reform UK won 14% of the vote, converting few votes into seats.", 2024)
    for sentence in ("In the less Brexity seats, the Conservative vote fell 12 points.",
                     "Across its heartlands, Labour won 45%.", "Turnout here was 60%.",
                     "Reform won 14% of the vote, against 2% in 2019.", "The former Labour leader won 24,120 votes."):
        assert not nothing_local(sentence, 2024), sentence


def test_a_national_share_with_nothing_local_around_it_is_pinned_to_the_country(ref):
    """In an article that names no seat, a party's share in a sentence naming no place, person, set of seats or
    other election is the country's: one no one has is wrong, with the country's share as the correction;
    the same share said of seats the sentence leaves unnamed stays unverifiable."""
    import factcheck
    from factcheck.reference.aggregate import seats_in, total

    share = total(ref, "RUK", seats_in(ref)).share
    wrong = round(share + 7)
    claim = factcheck.check_text(f"Reform UK attained third place by share of the vote on {wrong}%.").claims[0]
    assert claim.verdict == "inaccurate", claim.explanation
    assert abs(claim.official.value - share) < 0.1
    hedged = factcheck.check_text(f"Reform UK attained third place by share of the vote on {wrong}% in the seats "
                                  "it targeted.").claims[0]
    assert hedged.verdict == "unverifiable", hedged.explanation


# ---------------------------------------------------------------- several articles at once
def _misspelt(name: str) -> str:
    """A surname with a letter doubled, which the exact lookups miss and the statistical pass must read."""
    first, _, surname = name.rpartition(" ")
    return f"{first} {surname[:2]}{surname[1]}{surname[2:]}"


def _articles_with_names_only_ner_reads(ref, n: int) -> list[Article]:
    seats = [s for s in ref.seats.values() if s.majority and s.electorate and len(s.candidates) >= 2][::97][:n]
    out = []
    for k, s in enumerate(seats):
        w, r = s.candidates[0], s.candidates[1]
        text = (f"Results night in {s.name}.\n\n"
                f"{_misspelt(w.name)} held on with {w.votes:,} votes, a majority of {s.majority + 7 * k:,} "
                f"over {_misspelt(r.name)}.\n\nThere were {s.electorate:,} voters on the register.")
        out.append(Article(source=f"t{k}", text=text, date="2024-07-05"))
    return out


def test_articles_checked_together_get_the_reports_each_gets_alone(checker, ref):
    articles = _articles_with_names_only_ner_reads(ref, 6)
    together = checker.check_each(articles)
    alone = [checker.check(a) for a in articles]
    assert [r.model_dump_json() for r in together] == [r.model_dump_json() for r in alone]
    assert sum(len(r.claims) for r in alone) >= 12
    assert [r.model_dump_json() for r in checker.check_many(articles, group=4)] == \
        [r.model_dump_json() for r in alone]


def test_one_article_failing_among_others_fails_alone(checker, ref):
    articles = _articles_with_names_only_ner_reads(ref, 3)
    got = checker.check_each([articles[0], None, articles[1], 42, articles[2]])
    assert [type(g).__name__ for g in got[1:4:2]] == ["AttributeError", "AttributeError"]
    assert [g.model_dump_json() for g in got[::2]] == [checker.check(a).model_dump_json() for a in articles]
    with pytest.raises(AttributeError):
        list(checker.check_many([articles[0], None]))


def test_the_default_checker_is_built_once_per_settings():
    """`check_text` and friends reuse one Checker: loading spaCy and the tables for every call would cost
    seconds each."""
    from factcheck.api import default_checker

    assert default_checker() is default_checker()
