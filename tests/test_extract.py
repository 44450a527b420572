"""Which figures are claims, of which kind, about which election.

The verifier trusts the kind and the era it is handed: a previous majority
read as this year's is checked against the wrong number and reported as
wrong, and a date read as a vote count turns a correct article into an
inaccurate one. So every structural cue the extractor relies on is pinned
here with a sentence about a real 2024 result, and so is every look-alike
that must stay silent. Pure functions only: no spaCy, no reference tables.
"""
from __future__ import annotations

import pytest

from factcheck.extract import extract_claims, role_has


def read(sentence: str) -> list[tuple[str, str, str]]:
    """(quote, kind, era) for every claim in the sentence, in order."""
    return [(c.quote, c.kind, role_has(c, "era")) for c in extract_claims(sentence, 0)]


def only(sentence: str):
    claims = extract_claims(sentence, 0)
    assert len(claims) == 1, [(c.quote, c.kind) for c in claims]
    return claims[0]


# ------------------------------------------------------------------ from X to Y
FROM_TO = [
    ("Rushanara Ali's majority fell from 37,524 to 1,689.",
     [("37,524", "previous_majority", "previous"), ("1,689", "majority", "current")]),
    ("Wes Streeting's majority shrank to 528 from 5,218.",
     [("528", "majority", "current"), ("5,218", "previous_majority", "previous")]),
    ("Streeting's majority was 528, down from 5,218 in 2019.",
     [("528", "majority", "current"), ("5,218", "previous_majority", "previous")]),
    ("Jonathan Ashworth's share fell from 68.2 per cent to 32.9 per cent.",
     [("68.2 per cent", "previous_share", "previous"), ("32.9 per cent", "vote_share", "current")]),
    ("Turnout in Leicester South fell from 67.1% to 59.0%.",
     [("67.1%", "turnout", "previous"), ("59.0%", "turnout", "current")]),
    # "down from" takes the kind of the figure it refers back to, not the nearest word "votes"
    ("Wes Streeting held Ilford North by just 528 votes, down from 5,218 in 2019.",
     [("just 528", "majority", "current"), ("5,218", "previous_majority", "previous")]),
]


@pytest.mark.parametrize("sentence", [
    "Polls had suggested Reform would win up to 15 seats in the end.",
    "The MRP projected a Labour majority of 12,000 in Leicester South.",
    "Ashworth was expected to win by 20,000 votes.",
])
def test_a_forecast_is_not_a_result(sentence):
    assert {role_has(c, "era") for c in extract_claims(sentence, 0)} <= {"forecast"}


@pytest.mark.parametrize("sentence, expected", FROM_TO)
def test_from_x_to_y_makes_x_previous_and_y_current(sentence, expected):
    assert read(sentence) == expected


# ------------------------------------------------------------ previous majority
PREVIOUS_MAJORITY = [
    ("Liz Truss was defending a majority of 26,195.", "26,195"),
    ("Terry Jermy overturned a 24,180 majority in South West Norfolk.", "24,180"),
    ("Jonathan Ashworth had a majority of 22,675 in Leicester South.", "22,675"),
    ("Nigel Farage overturned a Conservative majority of 25,717.", "25,717"),
    ("The Tories' majority in 2019 was 24,702.", "24,702"),
]


@pytest.mark.parametrize("sentence, quote", PREVIOUS_MAJORITY)
def test_previous_election_cues_make_a_previous_majority(sentence, quote):
    assert read(sentence) == [(quote, "previous_majority", "previous")]


def test_previous_votes_and_share_follow_the_2019_marker():
    assert read("In 2019 Labour won 32,396 votes in Leicester South.") == [
        ("32,396", "previous_votes", "previous")]
    assert read("At the 2019 election Liz Truss took 69.0% of the vote.") == [
        ("69.0%", "previous_share", "previous")]


# -------------------------------------------------------------------- majority
MAJORITY = [
    ("Shockat Adam won by 979 votes.", "979", None),
    ("Shockat Adam beat Jonathan Ashworth by 979 votes.", "979", None),
    ("Leanne Mohamad came within 528 votes of Wes Streeting.", "528", "gap"),
    ("Jonathan Ashworth finished 979 votes behind.", "979", "gap"),
    ("Leanne Mohamad lost by 528 votes.", "528", "gap"),
    ("Wes Streeting held Ilford North with a majority of 528.", "528", None),
    ("Nigel Farage secured an 8,405-vote majority in Clacton.", "8,405", None),
    ("Streeting won by a margin of 528 votes.", "528", None),
    ("Streeting won by just 528 votes.", "just 528", None),
]


@pytest.mark.parametrize("sentence, quote, role", MAJORITY)
def test_winning_margins_are_this_years_majority(sentence, quote, role):
    claim = only(sentence)
    assert (claim.quote, claim.kind, role_has(claim, "era")) == (quote, "majority", "current")
    assert (role_has(claim, "gap") is not None) == (role == "gap")


def test_a_round_figure_after_within_is_a_ceiling():
    """"came within 600 votes" says the gap was at most 600, not that it was 600."""
    q = only("Leanne Mohamad came within 600 votes of Wes Streeting.").quantity
    assert q.qualifier == "at_most"
    assert (q.low, q.high) == (450, 600)
    # a figure written to the unit stays exact
    assert only("Leanne Mohamad came within 528 votes of Wes Streeting.").quantity.qualifier == "exact"


def test_the_hedge_reaches_the_claim():
    q = only("Nigel Farage won Clacton by more than 8,000 votes.").quantity
    assert (q.qualifier, q.text) == ("more_than", "more than 8,000")


# ----------------------------------------------------------------------- votes
VOTES = [
    ("Nigel Farage received 21,225 votes.", "21,225"),
    ("Nigel Farage took 21,225 votes.", "21,225"),
    ("Nigel Farage won 21,225 votes.", "21,225"),
    ("Wes Streeting polled 15,647 votes.", "15,647"),
    ("Nigel Farage (RUK) 21,225", "21,225"),
    ("Nigel Farage, Reform UK: 21,225", "21,225"),
]


@pytest.mark.parametrize("sentence, quote", VOTES)
def test_vote_counts(sentence, quote):
    assert read(sentence) == [(quote, "votes", "current")]


def test_a_result_list_line_with_a_percentage_gives_votes_and_share():
    assert read("Nigel Farage - Reform UK - 21,225 (46.2%)") == [
        ("21,225", "votes", "current"), ("46.2%", "vote_share", "current")]


def test_a_placing_is_kept_with_the_vote():
    claim = only("Leanne Mohamad came second with 15,119 votes.")
    assert claim.kind == "votes"
    assert role_has(claim, "rank") == "2"


# --------------------------------------------------- share, turnout, electorate
@pytest.mark.parametrize("sentence, quote, kind", [
    ("Nigel Farage won 46.2 per cent of the vote.", "46.2 per cent", "vote_share"),
    ("In Clacton, Reform took 46% of the vote.", "46%", "vote_share"),
    ("Turnout was 58.7%.", "58.7%", "turnout"),
    ("Turnout in Ilford North was 59.6 per cent.", "59.6 per cent", "turnout"),
    ("Clacton has an electorate of 78,245.", "78,245", "electorate"),
    ("The constituency has 78,657 registered voters.", "78,657", "electorate"),
])
def test_share_turnout_and_electorate(sentence, quote, kind):
    assert read(sentence) == [(quote, kind, "current")]


# ------------------------------------------------------------- other elections
@pytest.mark.parametrize("sentence, quote, kind", [
    ("In 2017 Jonathan Ashworth had a majority of 26,261.", "26,261", "previous_majority"),
    ("George Galloway won the Rochdale by-election with 12,335 votes.", "12,335", "previous_votes"),
    ("At the 2015 general election he won by 5,000 votes.", "5,000", "previous_majority"),
])
def test_figures_from_elections_the_tables_do_not_hold(sentence, quote, kind):
    assert read(sentence) == [(quote, kind, "other")]


# ------------------------------------------------------------------ non-claims
NOT_CLAIMS = [
    "Polling day was 4 July 2024.",
    "The count finished on July 5.",
    "Nigel Farage, 60, won Clacton.",
    "The 75-year-old held Islington North.",
    "Liz Truss had represented South West Norfolk for 14 years.",
    "The Conservatives had held the seat for 13 years.",
    "Leicester East had been Labour since 1987.",
    "Nigel Farage won a Commons seat on his eighth attempt.",
    "Liz Truss spent 49 days as prime minister.",
    "The campaign lasted 44 days.",
    "Reform UK won five seats.",
    "The Liberal Democrats won 72 seats, their best result in a century.",
    "The result was declared at 3.45am on 5 July.",
    "She spent £2,000 on leaflets.",
    "Labour won 33.7% of the vote nationally.",
]


@pytest.mark.parametrize("sentence", NOT_CLAIMS)
def test_figures_that_are_not_seat_results(sentence):
    assert read(sentence) == []


# ------------------------------------------------------------ known misreadings
def test_from_x_to_y_with_vote_counts():
    assert read("Labour's vote in Bethnal Green and Stepney fell from 36,720 to 15,896.") == [
        ("36,720", "previous_votes", "previous"), ("15,896", "votes", "current")]


def test_majority_of_x_in_2019_cut_to_y():
    assert read("Rushanara Ali's majority of 37,524 in 2019 was cut to 1,689.") == [
        ("37,524", "previous_majority", "previous"), ("1,689", "majority", "current")]


def test_this_time_against_2019():
    assert read("Labour took 15,896 votes this time against 36,720 in 2019.") == [
        ("15,896", "votes", "current"), ("36,720", "previous_votes", "previous")]


def test_a_2021_figure_is_another_election():
    assert read("Kim Leadbeater won Batley and Spen by 323 votes in 2021.") == [
        ("323", "previous_majority", "other")]


def test_result_line_with_commas():
    assert read("Wes Streeting, Labour, 15,647 (33.4%)") == [
        ("15,647", "votes", "current"), ("33.4%", "vote_share", "current")]


def test_second_count_with_elided_verb():
    assert read("Wes Streeting polled 15,647 votes and Leanne Mohamad 15,119.") == [
        ("15,647", "votes", "current"), ("15,119", "votes", "current")]


def test_electoral_roll_is_the_electorate():
    assert read("There were 81,439 people on the electoral roll in Bethnal Green and Stepney.") == [
        ("81,439", "electorate", "current")]
