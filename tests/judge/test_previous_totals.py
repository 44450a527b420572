"""Totals over many seats for an election held only seat by seat as shares (2017, seen from 2019).

2017's votes are not in the 2019 tables, so no national 2017 vote, share,
turnout or count of votes cast can be added up: each such figure is
unverifiable with that reason, never wrong and never an error of the checker.
The 2017 seat counts are held (from the result column) and are checked.
"""
from __future__ import annotations

import pytest

from factcheck.models import Article
from factcheck.reference import aggregate as agg


def claims(checker, text: str):
    return checker.check(Article(text=text, date="2020-01-10", source="test")).claims


@pytest.mark.parametrize("text, quote, reason", [
    ("Labour polled 12.9 million votes in 2017.", "12.9 million", "2017 vote in the UK is not in the reference data"),
    ("Turnout in 2017 saw 32,204,124 votes cast in the UK.", "32,204,124",
     "2017 number of votes cast in the UK is not in the reference data"),
    ("The Tories won 43.6% of the vote, a rise of 1.2 points on 2017.", "1.2 points",
     "2017 share of the vote in the UK is not in the reference data"),
])
def test_a_2017_total_is_unverifiable_with_the_reason(checker, text, quote, reason):
    [claim] = [c for c in claims(checker, text) if c.quote == quote]
    assert claim.verdict == "unverifiable" and reason in claim.explanation, claim.explanation


def test_a_2017_seat_count_is_checked(checker):
    ref19 = checker.judged("2019").ref
    before = agg.seats_won(ref19, "Lab", agg.seats_in(ref19, election="previous"), "previous")
    good = [c for c in claims(checker, f"Labour won {before} seats in 2017.") if c.quote == str(before)]
    bad = [c for c in claims(checker, f"Labour won {before + 20} seats in 2017.") if c.quote == str(before + 20)]
    assert [c.verdict for c in good] == ["accurate"] and "2017" in good[0].explanation
    assert [c.verdict for c in bad] == ["inaccurate"]
