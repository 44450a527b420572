"""Figures coverage computes from the results, checked on sentences written for these tests.

Each test states a figure the tables can compute (a seat share, seats in
proportion to the vote, votes per seat, the gap between two parties, women
and new MPs, a bloc's seats, a listed area's total, ...), once right and,
where the reading is clear enough to condemn, once wrong; a figure whose
reading rests on the article's context is never called wrong.
"""
from __future__ import annotations

import pytest

from factcheck.models import Article


def claims(checker, text: str, date: str = "2024-07-06"):
    return checker.check(Article(text=text, date=date)).claims


def claim(checker, text: str, quote: str, date: str = "2024-07-06"):
    found = [c for c in claims(checker, text, date) if quote in c.quote or c.quote in quote]
    assert found, [(c.quote, c.verdict, c.explanation) for c in claims(checker, text, date)]
    return found[0]


def verdict(checker, text: str, quote: str) -> str:
    return claim(checker, text, quote).verdict


# ------------------------------------------------------------------ seat counts, shares of seats, the Commons
@pytest.mark.parametrize("text, quote, expected", [
    ("Labour won 37 of Scotland's 57 seats.", "37", "accurate"),
    ("Labour won 411 seats.", "411", "accurate"),
    ("Labour won 412 seats, counting the Speaker.", "412", "accurate"),
    ("The Conservatives won 131 seats.", "131", "inaccurate"),
    ("Labour has a Commons majority of 174.", "174", "accurate"),
    ("Labour has a majority of 172.", "172", "accurate"),
    ("Labour won 63% of the seats on 34% of the vote.", "63%", "accurate"),
    ("Labour won 73% of the seats on 34% of the vote.", "73%", "inaccurate"),
    ("The Conservatives won 21 seats in London in 2019.", "21", "accurate"),
    ("The Conservatives won nine seats in London.", "nine", "accurate"),
])
def test_seat_counts_and_seat_shares(checker, text, quote, expected):
    assert verdict(checker, text, quote) == expected


def test_seat_share_names_the_arithmetic(checker):
    c = claim(checker, "Labour won 63% of the seats on 34% of the vote.", "63%")
    assert "411 of 650" in c.official.detail


def test_seats_against_the_notional_and_the_actual_previous_result(checker):
    actual = claim(checker, "The Liberal Democrats won 72 seats, up from 11 in 2019.", "11")
    assert actual.verdict == "accurate" and "actual 2019" in actual.explanation
    notional = claim(checker, "The Liberal Democrats won 72 seats, up from 8 in 2019.", "8")
    assert notional.verdict == "accurate" and "notional 2019" in notional.explanation


# ------------------------------------------------------------------ "no seats", "not a single seat", number words
@pytest.mark.parametrize("text, quote, expected", [
    ("The Conservatives won no seats in Wales.", "no", "accurate"),
    ("In Wales, the Conservatives were left with no MPs.", "no", "accurate"),
    ("Labour did not lose a single seat in Derbyshire.", "not lose a single", "accurate"),
    ("The Liberal Democrats won one seat in Wales.", "one", "accurate"),
    ("The SNP won nine seats in Scotland.", "nine", "accurate"),
    ("The SNP won no seats in Scotland.", "no", "inaccurate"),
])
def test_nought_and_number_words(checker, text, quote, expected):
    assert verdict(checker, text, quote) == expected


# ------------------------------------------------------------------ seats in proportion to the vote, votes per seat
def test_seats_in_proportion_to_the_vote(checker):
    right = claim(checker, "Reform UK got 93 seats worth of the vote but only 5 seats.", "93")
    assert right.verdict == "accurate" and "x 650 seats" in right.official.detail
    assert verdict(checker, "Reform UK got 60 seats worth of the vote but only 5 seats.", "60") == "inaccurate"


def test_votes_per_seat(checker):
    assert verdict(checker, "Labour won 23,622 votes for each of its seats.", "23,622") == "accurate"
    assert verdict(checker, "It took 23,622 votes to elect each Labour MP.", "23,622") == "accurate"
    assert verdict(checker, "The Liberal Democrats won 48,877 votes per seat.", "48,877") == "accurate"


# ------------------------------------------------------------------ differences between parties, groups of parties
def test_gap_between_two_parties(checker):
    assert verdict(checker, "Labour finished ten points ahead of the Conservatives.", "ten points") == "accurate"
    assert verdict(checker, "Labour won 2.9 million more votes than the Conservatives.", "2.9 million") == "accurate"


def test_the_two_main_parties_and_the_smaller_ones(checker):
    assert verdict(checker, "The two main parties won 57.4% of the vote between them.", "57.4%") == "accurate"
    assert verdict(checker, "Smaller parties won more than 40% of the vote.", "more than 40%") == "accurate"


def test_share_of_the_electorate(checker):
    c = claim(checker, "Labour won 20% of the electorate.", "20%")
    assert c.verdict == "accurate" and "electorate" in c.explanation


# ------------------------------------------------------------------ counts the candidate table answers
@pytest.mark.parametrize("text, quote", [
    ("A record 263 women MPs were elected.", "263"),
    ("Labour has 190 women MPs.", "190"),
    ("There were 350 new MPs.", "350"),
    ("Reform UK came second in 98 seats.", "98"),
    ("Reform UK came second to Labour in 89 seats.", "89"),
    ("Reform UK stood 609 candidates.", "609"),
    ("Nine candidates stood in Clacton.", "Nine"),
])
def test_counts_from_the_candidate_table(checker, text, quote):
    assert verdict(checker, text, quote) == "accurate"


def test_third_places_and_a_wrong_count(checker):
    c = claim(checker, "The Liberal Democrats came third in 150 seats.", "150")
    assert c.verdict == "inaccurate" and "came third" in c.official.detail


# ------------------------------------------------------------------ places and groups the text defines
def test_places_listed_together_are_one_area(checker):
    c = claim(checker, "Reform polled 175,023 votes across Northumberland, Tyne and Wear, and County Durham.",
              "175,023")
    assert c.verdict == "accurate" and "Durham" in c.explanation


def test_a_listed_area_never_condemns(checker):
    c = claim(checker, "Reform polled 195,023 votes across Northumberland, Tyne and Wear, and County Durham.",
              "195,023")
    assert c.verdict == "unverifiable"


def test_the_area_the_text_last_named(checker):
    text = ("Reform did well across Northumberland, Tyne and Wear, and County Durham. "
            "Labour won all of those 20 seats.")
    assert verdict(checker, text, "20") == "accurate"


def test_seats_the_sentence_lists(checker):
    c = claim(checker, "Labour won all three seats at the count: Halesowen, Dudley and Stourbridge.", "three")
    assert c.verdict == "accurate" and "Halesowen" in c.explanation


def test_the_leaders_party(checker):
    assert verdict(checker, "In the capital, Keir Starmer's party won a total of 59 seats.", "59") == "accurate"


def test_blocs_of_parties(checker):
    c = claim(checker, "Unionists won seven seats in Northern Ireland.", "seven")
    assert c.verdict == "accurate" and "unionist" in c.explanation
    assert verdict(checker, "Unionists won five seats in Northern Ireland.", "five") == "inaccurate"
