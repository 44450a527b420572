"""The carried cue table (`readings/vocab/cues-carried.tsv`): words a sentence leaves to the one before it.

Sentences are written here about a real seat; the figures are computed from
the reference tables, so a test fails if the second sentence does not take
its election (or its kind) from the first, or takes it when the first does
not give it.
"""
from __future__ import annotations

import pytest

from factcheck.models import Article
from factcheck.readings.cues import VOCAB, CueTable, election_words, read_table

SEAT = "Louth and Horncastle"


def claims(checker, text: str):
    return checker.check(Article(text=text, date="2024-07-06")).claims



@pytest.fixture(scope="module")
def seat_2019(ref, seat_named):
    (old,) = ref.predecessors(seat_named(SEAT).ons_id)
    return old


def test_the_table_loads_with_the_elections_words(ref):
    rows = read_table(VOCAB / "cues-carried.tsv")
    table = CueTable.load([VOCAB / "cues-carried.tsv"],
                          election=election_words("2024", "2019", ref.polling_day, ref.previous_polling_day))
    assert len(table.cues) == len(rows) >= 3
    assert all(c.window in ("carried", "feature") for c in table.cues)


def _result_sentence(old) -> tuple[str, list[str]]:
    top = sorted(old.candidates, key=lambda c: -c.votes)[:2]
    quotes = [f"{100 * c.votes / old.valid_votes:.1f}%" for c in top]
    return f"The result was {top[0].party} {quotes[0]}, {top[1].party} {quotes[1]}.", quotes


def test_a_result_after_a_sentence_opening_on_the_previous_election_is_that_election(checker, seat_2019):
    winner = max(seat_2019.candidates, key=lambda c: c.votes)
    result, quotes = _result_sentence(seat_2019)
    text = (f"Labour did not win {SEAT} this week. In 2019 the seat was won by {winner.first_name} "
            f"{winner.surname}. {result}")
    got = {c.quote: c for c in claims(checker, text) if c.quote.endswith("%")}
    for q in quotes:
        c = next(c for quote, c in got.items() if quote.endswith(q))
        assert (c.kind, c.verdict) == ("previous_share", "accurate"), c.explanation


def test_a_sentence_that_opens_on_its_own_subject_takes_no_election_from_the_one_before(checker, seat_2019):
    winner = max(seat_2019.candidates, key=lambda c: c.votes)
    result, quotes = _result_sentence(seat_2019)
    # the same figures, but the second sentence does not continue the first: they are read as this election's
    text = (f"Labour did not win {SEAT} this week. In 2019 the seat was won by {winner.first_name} "
            f"{winner.surname}. Now the count gave {result[len('The result was '):]}")
    for c in claims(checker, text):
        if c.quote.endswith(tuple(quotes)):
            assert c.kind != "previous_share", c.explanation


def test_it_is_the_turnout_the_sentence_before_spoke_of(checker, ref, seat_named):
    seat = seat_named(SEAT)
    turnout = 100 * seat.valid_votes / seat.electorate
    for figure, right in ((f"{turnout:.1f}%", True), (f"{turnout + 9:.1f}%", False)):
        text = f"Turnout in {SEAT} was down on 2019. It was {figure}."
        c = next(c for c in claims(checker, text) if c.quote.endswith(figure))
        assert c.kind == "turnout" and (c.verdict == "accurate") == right, c.explanation


def _turnout(ref, seats) -> float:
    return 100 * sum(ref.seats[o].valid_votes for o in seats) / sum(ref.seats[o].electorate for o in seats)


def test_it_is_the_turnout_of_the_place_the_sentence_before_named_at_this_election(checker, ref):
    cornwall = ref.places.place_seats("Cornwall")
    now = _turnout(ref, cornwall.seats)
    text = "Turnout across Cornwall fell on 2019. It was {now:.1f}% compared to a higher figure five years ago."
    c = next(c for c in claims(checker, text.format(now=now)) if c.quote.endswith(f"{now:.1f}%"))
    assert (c.kind, c.verdict) == ("turnout", "accurate") and "Cornwall" in c.explanation, c.explanation
    wrong = now + 6
    c = next(c for c in claims(checker, text.format(now=wrong)) if c.quote.endswith(f"{wrong:.1f}%"))
    assert c.verdict == "inaccurate" and "Cornwall" in c.explanation, c.explanation


def test_a_sentence_that_goes_on_about_no_place_takes_none(checker, ref):
    cornwall = ref.places.place_seats("Cornwall")
    now = _turnout(ref, cornwall.seats)
    c = next(c for c in claims(checker, f"Turnout fell on 2019. It was {now + 6:.1f}% this time.")
             if c.quote.endswith(f"{now + 6:.1f}%"))
    assert "Cornwall" not in c.explanation


def test_that_election_is_the_one_the_sentence_before_named(checker, ref):
    """"The last election was in 2019. At that election ...": the earlier result, never this one."""
    old = list(ref.previous_actual)
    won = sum(1 for o in old if ref.previous_actual[o].winner.party == "Con")
    lead = f"The last general election was held in {ref.previous_key}. At that election the Conservatives won"
    right = next(c for c in claims(checker, f"{lead} {won} seats.") if c.quote.startswith(str(won)))
    assert right.verdict == "accurate" and ref.previous_key in right.explanation, right.explanation
    wrong = next(c for c in claims(checker, f"{lead} {won - 13} seats.") if c.quote.startswith(str(won - 13)))
    assert wrong.verdict == "inaccurate" and ref.previous_key in wrong.explanation, wrong.explanation


def test_that_election_after_a_sentence_naming_an_election_the_tables_do_not_hold_is_never_condemned(checker):
    text = "The general election before that was held in 2017. At that election the Conservatives won 317 seats."
    c = next(c for c in claims(checker, text) if c.quote.startswith("317"))
    assert c.verdict == "unverifiable", c.explanation
