"""Verdicts an editor can act on, checked through real sentences.

An "inaccurate" sends a correction to a newsroom, so each hedge is tried just
inside and just outside both ends of the interval it allows, against a known
official figure: a rule off by one vote either flags a correct article or
waves through a wrong one. Previous-election figures and turnout have more
than one official reading, and every reading the tables hold must be
accepted, with the explanation saying which one matched.
"""
from __future__ import annotations

import pytest

from factcheck.models import Article


NAMES_ONLY = {"outcome", "rank", "comparison"}  # claims read from names, not figures: tested in test_outcomes.py


def check(checker, text):
    """The figure claims in the text."""
    return [c for c in checker.check(Article(text=text, source="t")).claims if c.kind not in NAMES_ONLY]


def one(checker, text):
    claims = check(checker, text)
    assert len(claims) == 1, [(c.quote, c.kind) for c in claims]
    return claims[0]


@pytest.fixture(scope="module")
def clacton(seat_named):
    seat = seat_named("Clacton")
    assert seat.majority == 8405  # every edge below is worked out from this figure
    return seat


# ---------------------------------------------------- hedges on a majority
# Nigel Farage won Clacton by 8,405. Each pair sits on either side of one end
# of the interval the wording allows (the rules are in factcheck.read.figures;
# step is the rounding the figure was written at).
HEDGED = [
    # exact, and the emphasis words that leave it exact
    ("by 8,405 votes", "accurate"),
    ("by 8,406 votes", "inaccurate"),
    ("by 8,404 votes", "inaccurate"),
    ("by just 8,405 votes", "accurate"),
    ("by just 8,404 votes", "inaccurate"),
    ("with a majority of only 8,405", "accurate"),
    ("with a majority of exactly 8,405", "accurate"),
    # more than / over: (N, N + max(step, N/20)], open at N
    ("by more than 8,404 votes", "accurate"),
    ("by more than 8,405 votes", "inaccurate"),
    ("by more than 8,010 votes", "accurate"),  # up to 8,410.5
    ("by more than 7,990 votes", "inaccurate"),  # up to 8,389.5
    ("by more than 8,000 votes", "accurate"),  # rounded to thousands: up to 9,000
    ("by over 8,000 votes", "accurate"),
    ("by over 8,500 votes", "inaccurate"),
    ("with a majority of well over 8,000", "accurate"),
    ("with a majority of in excess of 8,000", "accurate"),
    # just over: (N, N + max(step/2, N/40)]
    ("by just over 8,200 votes", "accurate"),  # up to 8,405 exactly, a closed end
    ("by just over 8,190 votes", "inaccurate"),  # up to 8,394.75
    ("by just over 8,000 votes", "accurate"),  # up to 8,500
    # almost / nearly: [N - max(step/2, N/10), N]
    ("by almost 8,500 votes", "accurate"),
    ("by almost 8,400 votes", "inaccurate"),
    ("by nearly 9,300 votes", "accurate"),  # down to 8,370
    ("by nearly 9,400 votes", "inaccurate"),  # down to 8,460
    ("with a majority of close to 8,500", "accurate"),
    # about / around: N ± max(step/2, N/20)
    ("by about 8,000 votes", "accurate"),  # ± 500 for a figure rounded to thousands
    ("by about 9,000 votes", "inaccurate"),
    ("by around 8,100 votes", "accurate"),  # ± 405
    ("by about 8,840 votes", "accurate"),  # down to 8,398
    ("by about 8,850 votes", "inaccurate"),  # down to 8,407.5
    ("with a majority of roughly 8,000", "accurate"),
    ("with a majority of some 8,400", "accurate"),
    # fewer than / under: [N - max(step, N/20), N), open at N
    ("by fewer than 8,406 votes", "accurate"),
    ("by fewer than 8,405 votes", "inaccurate"),
    ("by under 8,840 votes", "accurate"),  # down to 8,398
    ("by under 8,850 votes", "inaccurate"),  # down to 8,407.5
    ("by fewer than 9,000 votes", "accurate"),  # rounded to thousands: down to 8,000
    ("with a majority of below 8,500", "accurate"),
    # just under: [N - max(step/2, N/40), N)
    ("with a majority of just under 8,600", "accurate"),  # down to 8,385
    ("with a majority of just under 8,700", "inaccurate"),  # down to 8,482.5
    # at least: [N, N + max(step, N/20)], closed at N
    ("by at least 8,405 votes", "accurate"),
    ("by at least 8,406 votes", "inaccurate"),
    ("by at least 8,010 votes", "accurate"),  # up to 8,410.5
    ("by at least 7,990 votes", "inaccurate"),  # up to 8,389.5
    ("with a majority of no fewer than 8,405", "accurate"),
    # up to: [N - max(step, N/20), N], closed at N
    ("by up to 8,405 votes", "accurate"),
    ("by up to 8,400 votes", "inaccurate"),
    ("by up to 8,840 votes", "accurate"),  # down to 8,398
    ("by up to 8,850 votes", "inaccurate"),  # down to 8,407.5
    ("with a majority of no more than 8,400", "inaccurate"),
]


@pytest.mark.parametrize("phrase, verdict", HEDGED)
def test_hedge_edges_on_a_majority(checker, clacton, phrase, verdict):
    verb = "won Clacton" if phrase.startswith("by") else "took Clacton"
    claim = one(checker, f"Nigel Farage {verb} {phrase}.")
    assert claim.kind == "majority"
    assert claim.verdict == verdict
    assert claim.official.value == clacton.majority


# ------------------------------------------------------------ round numbers
@pytest.mark.parametrize("text, official, verdict", [
    # 891: "800" is rounded to hundreds, and 891 does not round to it
    ("Jeremy Hunt held Godalming and Ash with an 800-vote majority.", 891, "inaccurate"),
    ("Jeremy Hunt held Godalming and Ash with a 900-vote majority.", 891, "accurate"),
    # a round thousand is allowed 5% either way, not a whole thousand
    ("Jeremy Hunt held Godalming and Ash with a majority of 1,000.", 891, "inaccurate"),
    ("Jeremy Hunt held Godalming and Ash with a majority of under 1,000.", 891, "accurate"),
    ("Paul Waugh won Rochdale with 13,000 votes.", 13027, "accurate"),
    ("Paul Waugh won Rochdale with 12,000 votes.", 13027, "inaccurate"),
])
def test_round_numbers(checker, text, official, verdict):
    claim = one(checker, text)
    assert (claim.official.value, claim.verdict) == (official, verdict)


# -------------------------------------------------------------- vote share
@pytest.mark.parametrize("text, verdict", [
    ("Nigel Farage won 46.2% of the vote in Clacton.", "accurate"),  # 46.18
    ("Nigel Farage won 46.3% of the vote in Clacton.", "inaccurate"),
    ("Nigel Farage won more than 46% of the vote in Clacton.", "accurate"),
    ("Nigel Farage won more than 47% of the vote in Clacton.", "inaccurate"),
    ("Nigel Farage won almost half the vote in Clacton.", "accurate"),
])
def test_vote_share_edges(checker, text, verdict):
    claim = one(checker, text)
    assert claim.kind == "vote_share"
    assert (claim.official.value, claim.verdict) == (46.18, verdict)


def test_a_runner_ups_gap_to_another_candidate(checker):
    """Third place "9,919 votes behind" the winner is that gap, not the seat's majority."""
    claim = one(checker, "Gerri Hickton finished 9,919 votes behind Shockat Adam in Leicester South.")
    assert (claim.verdict, claim.official.value) == ("accurate", 9919)
    assert "979" in claim.explanation  # and it says the majority is something else


# ------------------------------------------------- previous majority: two readings
def test_truss_majority_differs_between_the_two_2019_readings(ref, seat_named):
    seat = seat_named("South West Norfolk")
    assert [s.majority for s in ref.predecessors(seat.ons_id)] == [26195]
    assert ref.notional_result(seat.ons_id).majority == 24180


@pytest.mark.parametrize("figure, official, label", [
    ("26,195", 26195, "actual 2019 majority"),
    ("24,180", 24180, "notional 2019 majority"),
    ("more than 26,000", 26195, "actual 2019 majority"),
])
def test_previous_majority_matches_either_2019_reading(checker, figure, official, label):
    claim = one(checker, f"Liz Truss was defending a majority of {figure} in South West Norfolk.")
    assert (claim.kind, claim.verdict, claim.official.value) == ("previous_majority", "accurate", official)
    assert claim.explanation.startswith(f"Matches the {label}")


@pytest.mark.parametrize("figure, official, label", [
    ("26,195", 26195, "actual 2019 majority"),
    ("24,180", 24180, "notional 2019 majority"),
])
def test_previous_majority_in_from_to(checker, figure, official, label):
    prev, now = check(checker, f"In South West Norfolk, Liz Truss's majority fell from {figure} to 630.")
    assert (prev.kind, prev.verdict, prev.official.value) == ("previous_majority", "accurate", official)
    assert prev.explanation.startswith(f"Matches the {label}")
    assert (now.kind, now.verdict, now.official.value) == ("majority", "accurate", 630)


def test_previous_majority_matching_neither_reading(checker):
    claim = one(checker, "Liz Truss was defending a majority of 25,000 in South West Norfolk.")
    assert claim.verdict == "inaccurate"
    assert "24,180" in claim.explanation and "26,195" in claim.explanation  # both were tried
    assert claim.official.value in (24180, 26195)
    assert claim.correction


def test_change_in_majority_against_either_reading(checker):
    """Ali's majority: 37,524 actual / 31,655 notional in 2019, 1,689 in 2024."""
    text = "Rushanara Ali's majority in Bethnal Green and Stepney fell by {}."
    assert one(checker, text.format("35,835")).verdict == "accurate"
    assert one(checker, text.format("29,966")).verdict == "accurate"
    assert one(checker, text.format("20,000")).verdict == "inaccurate"


def test_previous_votes_against_either_reading(checker):
    actual = one(checker, "In 2019 Liz Truss won 35,507 votes in South West Norfolk.")
    notional = one(checker, "In 2019 Liz Truss won 32,988 votes in South West Norfolk.")
    assert (actual.verdict, actual.official.value) == ("accurate", 35507)
    assert "actual 2019" in actual.explanation
    assert (notional.verdict, notional.official.value) == ("accurate", 32988)
    assert "notional 2019" in notional.explanation


# ------------------------------------------------------- turnout: two readings
@pytest.mark.parametrize("figure, verdict, official, reading", [
    # Leicester East: 46,714 valid (+255 rejected) of 76,560 -> 61.02% / 61.35%
    ("61.0%", "accurate", 61.02, "valid votes"),
    ("61.3%", "accurate", 61.35, "counting rejected ballots"),
    ("61.2%", "inaccurate", 61.02, None),
    ("61.4%", "inaccurate", 61.02, None),
])
def test_turnout_both_readings(checker, figure, verdict, official, reading):
    claim = one(checker, f"Turnout in Leicester East was {figure}.")
    assert (claim.kind, claim.verdict, claim.official.value) == ("turnout", verdict, official)
    if reading:
        assert claim.explanation.startswith("Matches the 2024 turnout") and reading in claim.explanation.split(":")[0]
    else:
        assert "61.0%" in claim.explanation and "61.3%" in claim.explanation


def test_electorate(checker):
    assert one(checker, "South West Norfolk has an electorate of 74,724.").verdict == "accurate"
    claim = one(checker, "South West Norfolk has an electorate of 75,724.")
    assert (claim.verdict, claim.official.value) == ("inaccurate", 74724)


# ------------------------------------------------------------ what a verdict carries
def test_an_inaccurate_claim_carries_the_official_figure_and_a_correction(checker):
    claim = one(checker, "Rushanara Ali held Bethnal Green and Stepney by 1,500 votes.")
    assert claim.verdict == "inaccurate"
    assert claim.official.value == 1689
    assert claim.official.dataset and "1,689" in claim.official.detail
    assert claim.correction.startswith("1,689") and claim.correction.endswith("not 1,500")
    assert claim.constituency.name == "Bethnal Green and Stepney"


def test_an_accurate_claim_carries_no_correction(checker):
    claim = one(checker, "Rushanara Ali held Bethnal Green and Stepney by 1,689 votes.")
    assert (claim.verdict, claim.correction, claim.official.value) == ("accurate", None, 1689)


@pytest.mark.parametrize("text, why", [
    ("In 2017 Jonathan Ashworth had a majority of 26,261 in Leicester South.", "election the reference data do not hold"),
    ("George Galloway won the Rochdale by-election in February with 12,335 votes.",
     "election the reference data do not hold"),
    ("Khalid Mahmood won 3,690 votes.", "more than one candidate"),
    ("Labour won by 979 votes.", "which constituency"),
    ("Jonathan Blakemore-Smythe won 5,000 votes.", "names no candidate, party or seat"),
])
def test_an_unverifiable_claim_says_why(checker, text, why):
    claim = one(checker, text)
    assert claim.verdict == "unverifiable"
    assert claim.official is None and claim.correction is None
    assert why in claim.explanation


def test_an_unverifiable_claim_with_a_reading_explains_itself(checker):
    """A figure read only through context keeps the figure it was compared with, and says it may be wrong."""
    claim = one(checker, "Shockat Adam took Leicester South. The majority was 1,500.")
    assert claim.verdict == "unverifiable"
    assert claim.official.value == 979 and claim.correction is None
    assert "names no seat or candidate" in claim.explanation


def test_a_correction_for_a_fall_does_not_call_it_a_rise(checker):
    claim = one(checker, "Labour's share in Bethnal Green and Stepney fell by 30 points.")
    assert claim.verdict == "inaccurate"
    assert "39.4" in claim.correction and "+39.4" not in claim.correction


def test_a_forecast_is_unverifiable_not_wrong(checker):
    """A poll's 15 seats for Reform UK is not a claim about the result (5)."""
    [claim] = check(checker, "Polls had suggested Reform UK would win up to 15 seats.")
    assert claim.verdict == "unverifiable" and "forecast" in claim.explanation
