"""A majority as a share of the vote where the previous election is held only as shares (2019's 2017).

`judge/evidence.py` answers a reading with the official values it can stand
for; these tests ask it directly, for real 2019 seats, and check the
arithmetic against the 2019 tables' own shares.
"""
from __future__ import annotations

import pytest

from factcheck.judge.evidence import EvidenceFinder
from factcheck.models import Quantity, Reading, Subject
from factcheck.read.figures import interval


@pytest.fixture(scope="module")
def ref19(checker):
    return checker.judged("2019").ref


def percent(value: float) -> Quantity:
    low, high = interval(value, "percent", "exact", 0.1)
    return Quantity(value=value, unit="percent", qualifier="exact", low=low, high=high, text=f"{value}%", start=0,
                    end=4)


def majority(ref, name: str, era: str) -> list:
    seat = next(s for s in ref.seats.values() if s.name == name)
    reading = Reading(kind="majority", subject=Subject(level="seat", ons_id=seat.ons_id, label=name), era=era,
                      weight=1.0)
    return EvidenceFinder(ref).answer(reading, percent(10.0)).values


def test_the_previous_lead_from_the_shares(ref19):
    seat = next(s for s in ref19.seats.values() if s.name == "Workington")
    before = ref19.previous[seat.ons_id]
    lead = before.winner.share - before.runner_up.share
    values = majority(ref19, "Workington", "previous")
    assert [round(e.value, 2) for e in values] == [round(lead, 2), round(before.winner.share, 2)]
    assert all(e.dataset == ref19.datasets["previous"] and e.baseline == "previous" for e in values)
    assert "votes are not held" in values[0].detail and "more than half" in values[1].detail


def test_no_lead_where_a_party_missing_from_the_table_could_have_been_second(ref19):
    """A 2017 party that did not stand again has no share in the tables: where the shares left unaccounted for
    could hide a runner-up, no lead is given, and the figure stays unverifiable."""
    hidden = []
    for ons, before in ref19.previous.items():
        known = [c.share for c in before.candidates if c.share is not None]
        if before.winner.share is not None and len(known) >= 2 and 100 - sum(known) >= sorted(known)[-2]:
            hidden.append(ref19.seats[ons].name)
    assert hidden, "the 2019 tables have such seats"
    for name in hidden[:5]:
        assert all("lead" not in e.detail for e in majority(ref19, name, "previous")), name


def test_the_winner_without_a_share_gives_no_lead(ref19):
    """The Speaker's 2017 seat: the winner is known from the result column, the share is not."""
    speaker = [ons for ons, b in ref19.previous.items() if b.winner.party == "Spk"]
    assert speaker
    name = ref19.seats[speaker[0]].name
    assert majority(ref19, name, "previous") == []


def test_this_elections_majority_as_a_share_and_an_absolute_majority(ref19):
    seat = next(s for s in ref19.seats.values() if s.winner.share > 50)
    values = majority(ref19, seat.name, "current")
    assert round(values[0].value, 4) == round(100 * seat.majority / seat.valid_votes, 4)
    assert round(values[1].value, 4) == round(seat.winner.share, 4) and "absolute majority" in values[1].label
    under_half = next(s for s in ref19.seats.values() if s.winner.share < 50)
    assert len(majority(ref19, under_half.name, "current")) == 1
