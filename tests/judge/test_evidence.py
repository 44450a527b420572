"""The official values a reading can stand for, each with its arithmetic, computed here from the same tables.

Each kind is asked at a seat and over a set of seats, at this election and the previous one (the notional
result on the new boundaries and the actual one on the old); what the tables do not hold comes back as no
value, with a note, never as an estimate.
"""
from __future__ import annotations

import pytest

from factcheck.judge.evidence import EvidenceFinder
from factcheck.models import GroupSpec, Reading, Subject
from factcheck.read.figures import find_quantities
from factcheck.reference import load_reference

from conftest import DATA


@pytest.fixture(scope="module")
def finder(ref):
    return EvidenceFinder(ref, ref.places)


@pytest.fixture(scope="module")
def seat(seat_named):
    """A seat whose boundaries changed little, with a previous result on both baselines."""
    return seat_named("Chichester")


def q(text: str):
    found = find_quantities(text)
    assert found, text
    return found[0]


def ask(finder, kind, subject, era="current", roles=(), text="1"):
    return finder.answer(Reading(kind=kind, subject=subject, era=era, roles=list(roles), weight=1.0), q(text))


def person(seat, c):
    return Subject(level="candidate", person=c.key, ons_id=seat.ons_id, party=c.party)


def the_seat(seat):
    return Subject(level="seat", ons_id=seat.ons_id)


def values(answer):
    return [e.value for e in answer.values]


def by_label(answer, words):
    found = [e for e in answer.values if words in e.label]
    assert len(found) == 1, [e.label for e in answer.values]
    return found[0]


# ---------------------------------------------------------------- one seat, this election
def test_votes(finder, ref, seat):
    c = seat.candidates[1]
    a = ask(finder, "votes", person(seat, c))
    assert values(a) == [c.votes]
    e = a.values[0]
    assert e.dataset == ref.datasets["current"] and e.baseline is None and not e.signed
    assert f"{c.votes:,}" in e.detail and c.name in e.detail


def test_votes_of_the_candidate_placed_third(finder, seat):
    third = next(c for c in seat.candidates if c.rank == 3)
    a = ask(finder, "votes", person(seat, seat.winner), roles=["rank3"])
    assert third.votes in values(a) and "placed 3" in by_label(a, "placed 3").label


def test_combined_votes(finder, seat):
    a, b = seat.candidates[0], seat.candidates[1]
    subject = Subject(level="party", party=a.party, parties=[a.party, b.party], ons_id=seat.ons_id)
    combined = by_label(ask(finder, "votes", subject, roles=["combined"]), "combined")
    assert combined.value == a.votes + b.votes and f"{a.votes + b.votes:,}" in combined.detail


def test_share_of_valid_votes_and_of_all_ballots(finder, seat):
    w = seat.winner
    a = ask(finder, "share", person(seat, w), text="49%")
    valid = by_label(a, "vote share")
    ballots = by_label(a, "all ballots")
    assert valid.value == pytest.approx(100.0 * w.votes / seat.valid_votes, abs=0.01)
    assert ballots.value == pytest.approx(100.0 * w.votes / (seat.valid_votes + seat.invalid_votes))
    assert f"{w.votes:,} of {seat.valid_votes:,}" in valid.detail


def test_change_in_share_on_both_baselines_and_the_swing(finder, ref, seat):
    w = seat.winner
    a = ask(finder, "change", person(seat, w), text="+28 points")
    assert all(e.signed for e in a.values)
    notional = by_label(a, "against the notional")
    assert notional.value == pytest.approx(w.change) and notional.baseline == "previous"
    old = ref.predecessors(seat.ons_id)[0]
    actual = by_label(a, "against the actual")
    assert actual.value == pytest.approx(w.share - old.party_result(w.party).share)
    assert actual.baseline == "previous_actual" and actual.dataset == ref.datasets["previous_actual"]
    # Butler swing against the runner-up: the mean of one party's rise and the other's fall
    rival = seat.runner_up
    before = ref.previous_result(seat.ons_id)
    swing = ((w.share - before.party_result(w.party).share) - (rival.share - before.party_result(rival.party).share)) / 2
    assert by_label(a, f"swing from {rival.party}").value == pytest.approx(swing)


def test_change_in_votes(finder, ref, seat):
    w = seat.winner
    a = ask(finder, "votes_change", person(seat, w))
    notional = next(e for e in a.values if e.baseline == "previous")
    assert notional.value == w.votes - ref.previous_result(seat.ons_id).party_result(w.party).votes


def test_majority_and_the_gaps_between_neighbours(finder, seat):
    third = next(c for c in seat.candidates if c.rank == 3)
    a = ask(finder, "majority", person(seat, third))
    assert a.values[0].value == seat.majority and "majority" in a.values[0].label
    gaps = {e.value for e in a.values[1:]}
    second = seat.runner_up
    assert second.votes - third.votes in gaps  # the third-placed candidate's gap to second place
    assert seat.majority not in gaps  # the majority is listed once


def test_majority_as_a_share_of_the_vote(finder, seat):
    a = ask(finder, "majority", the_seat(seat), text="23%")
    assert values(a) == [pytest.approx(100.0 * seat.majority / seat.valid_votes)]


def test_turnout_both_ways(finder, seat):
    a = ask(finder, "turnout", the_seat(seat), text="66%")
    assert by_label(a, "Commons Library").value == pytest.approx(100.0 * seat.valid_votes / seat.electorate)
    assert by_label(a, "rejected").value == pytest.approx(
        100.0 * (seat.valid_votes + seat.invalid_votes) / seat.electorate)


def test_a_turnout_between_the_two_definitions_is_held(finder, ref):
    """A figure whose written precision reaches between the turnout over valid votes and the one over all
    ballots contradicts neither; one outside both spans is offered nothing but the two."""
    seat = next(s for s in ref.seats.values() if s.turnout_ballots() - s.turnout_valid() > 0.25)
    tv, tb = seat.turnout_valid(), seat.turnout_ballots()
    middle = round((tv + tb) / 2, 1)
    assert tv < middle < tb
    a = ask(finder, "turnout", the_seat(seat), text=f"{middle}%")
    between = by_label(a, "between the two definitions")
    assert between.value == pytest.approx(middle) and f"{tv:.2f}%" in between.detail and f"{tb:.2f}%" in between.detail
    above = ask(finder, "turnout", the_seat(seat), text=f"{tb + 1:.1f}%")
    assert len(above.values) == 2 and not any("between" in e.label for e in above.values)
    points = ask(finder, "turnout", the_seat(seat), text=f"{middle} points")
    assert not any("between" in e.label for e in points.values)  # a change is not a turnout


def test_change_in_turnout_in_points(finder, ref, seat):
    a = ask(finder, "turnout", the_seat(seat), text="-3 points")
    before = ref.previous_result(seat.ons_id)
    now = 100.0 * seat.valid_votes / seat.electorate
    assert all(e.signed for e in a.values)
    assert any(e.value == pytest.approx(now - before.turnout_valid()) for e in a.values if e.baseline == "previous")
    old = ref.predecessors(seat.ons_id)[0]
    assert any(e.value == pytest.approx(now - old.turnout_valid()) for e in a.values if e.baseline == "previous_actual")


def test_ballots_electorate_and_candidates(finder, seat):
    assert values(ask(finder, "ballots", the_seat(seat))) == [seat.valid_votes, seat.valid_votes + seat.invalid_votes]
    assert values(ask(finder, "electorate", the_seat(seat))) == [seat.electorate]
    n = len(seat.candidates)
    assert values(ask(finder, "candidates", the_seat(seat))) == [n]
    assert values(ask(finder, "candidates", the_seat(seat), roles=["others"])) == [n - 1, n]


# ---------------------------------------------------------------- one seat, the previous election
def test_previous_votes_on_both_baselines(finder, ref, seat):
    c = seat.runner_up  # the previous MP: a person in both tables
    a = ask(finder, "votes", person(seat, c), era="previous")
    notional = next(e for e in a.values if e.baseline == "previous")
    assert notional.value == ref.previous_result(seat.ons_id).party_result(c.party).votes
    assert notional.dataset == ref.datasets["previous"]
    actual = next(e for e in a.values if e.baseline == "previous_actual")
    assert actual.value == ref.previous_candidacy(c).votes and actual.dataset == ref.datasets["previous_actual"]


def test_previous_majority_notional_and_actual(finder, ref, seat):
    a = ask(finder, "majority", the_seat(seat), era="previous")
    got = {e.baseline: e.value for e in a.values}
    assert got["previous"] == ref.previous_result(seat.ons_id).majority
    assert got["previous_actual"] == ref.predecessors(seat.ons_id)[0].majority
    assert "old boundaries" in by_label(a, "actual").label


def test_previous_turnout_and_electorate(finder, ref, seat):
    before = ref.previous_result(seat.ons_id)
    a = ask(finder, "turnout", the_seat(seat), era="previous", text="70%")
    assert any(e.value == pytest.approx(100.0 * before.valid_votes / before.electorate) for e in a.values)
    assert values(ask(finder, "electorate", the_seat(seat), era="previous")) == [before.electorate]


# ---------------------------------------------------------------- sets of seats
def seats_won(ref, party, seats=None):
    return sum(1 for s in ref.seats.values() if s.winner.party == party and (seats is None or s.ons_id in seats))


def test_seats_in_the_uk_with_and_without_the_speaker(finder, ref):
    a = ask(finder, "seats", Subject(level="uk", party="Lab"))
    labour = seats_won(ref, "Lab")
    assert values(a) == [labour, labour + seats_won(ref, "Spk")]
    assert f"of {len(ref.seats)} seats" in a.values[0].detail


def test_seats_in_a_nation(finder, ref):
    scottish = {s.ons_id for s in ref.seats.values() if s.country == "Scotland"}
    a = ask(finder, "seats", Subject(level="nation", nation="Scotland", party="SNP"))
    assert values(a) == [seats_won(ref, "SNP", scottish)]
    assert values(ask(finder, "seat_count", Subject(level="nation", nation="Scotland"))) == [len(scottish)]


def test_share_in_the_uk_and_in_great_britain(finder, ref):
    a = ask(finder, "share", Subject(level="uk", party="Lab"), text="33.7%")
    votes = sum(c.votes for s in ref.seats.values() for c in s.candidates if c.party == "Lab")
    valid = sum(s.valid_votes for s in ref.seats.values())
    assert by_label(a, "in the UK").value == pytest.approx(100.0 * votes / valid)
    gb = [s for s in ref.seats.values() if s.country != "Northern Ireland"]
    gb_votes = sum(c.votes for s in gb for c in s.candidates if c.party == "Lab")
    assert by_label(a, "Great Britain").value == pytest.approx(100.0 * gb_votes / sum(s.valid_votes for s in gb))


def party_share(table, party, seats=None):
    rows = [s for o, s in table.items() if seats is None or s.country == seats]
    votes = sum(c.votes for s in rows for c in s.candidates if c.party == party)
    return 100.0 * votes / sum(s.valid_votes for s in rows)


def test_a_previous_national_share_on_both_baselines(finder, ref):
    a = ask(finder, "share", Subject(level="nation", nation="Wales", party="Con"), era="previous", text="36%")
    got = {e.baseline: e.value for e in a.values}
    assert got["previous_actual"] == pytest.approx(party_share(ref.previous_actual, "Con", "Wales"))
    assert got["previous"] == pytest.approx(party_share(ref.previous, "Con", "Wales"))
    assert all(e.dataset == ref.datasets[e.baseline] for e in a.values)


def test_a_change_in_national_share_exact_and_from_rounded_shares(finder, ref):
    a = ask(finder, "change", Subject(level="uk", party="Con"), text="-20 points")
    now, before = party_share(ref.seats, "Con"), party_share(ref.previous_actual, "Con")
    actual = [e.value for e in a.values if e.baseline == "previous_actual" and "Great Britain" not in e.label]
    assert actual == [pytest.approx(now - before), pytest.approx(round(now, 1) - round(before, 1))]
    assert all(e.signed for e in a.values)


def test_seats_gained_and_lost_against_both_baselines(finder, ref):
    gains = ask(finder, "seat_gain", Subject(level="uk", party="LD"))
    now = seats_won(ref, "LD")
    notional_before = sum(1 for s in ref.previous.values() if s.winner.party == "LD")
    actual_before = sum(1 for s in ref.previous_actual.values() if s.winner.party == "LD")
    assert now - notional_before in values(gains) and now - actual_before in values(gains)
    # seats taken one by one against the notional result, named in the detail
    taken = [s for s in ref.seats.values() if s.winner.party == "LD"
             and ref.previous_result(s.ons_id).winner.party != "LD"]
    first = gains.values[0]
    assert first.value == len(taken) and sorted(taken, key=lambda s: s.name)[0].name in first.detail
    net = ask(finder, "seat_net", Subject(level="uk", party="LD"))
    assert all(e.signed for e in net.values) and now - actual_before in values(net)


def test_a_place_with_and_without_its_border_seats(finder, ref):
    a = ask(finder, "seat_count", Subject(level="place", place="Norfolk"))
    place = ref.places.place_seats("Norfolk")
    assert values(a) == [len(place.seats), len(place.core)]


def test_a_group_the_text_defined(finder, ref):
    from factcheck.reference.aggregate import religion_share

    group = GroupSpec(label="seats where 20% or more are Muslim", religion="Muslim", threshold=20.0)
    expected = [o for o in ref.seats if (religion_share(ref, o, "Muslim") or 0.0) >= 20.0]
    a = ask(finder, "seat_count", Subject(level="group", group=group))
    assert expected and values(a) == [len(expected)]
    strict = GroupSpec(label="seats where more than 20% are Muslim", religion="Muslim", threshold=20.0, strict=True)
    assert values(ask(finder, "seat_count", Subject(level="group", group=strict)))[0] <= len(expected)


def test_the_commons_majority(finder, ref):
    a = ask(finder, "majority", Subject(level="uk", party="Lab"), roles=["commons"], text="174")
    labour, total = seats_won(ref, "Lab"), len(ref.seats)
    assert values(a)[0] == 2 * labour - total
    assert a.caveat  # counted in more than one way: never enough to condemn


def test_national_turnout(finder, ref):
    a = ask(finder, "turnout", Subject(level="uk"), text="60%")
    valid = sum(s.valid_votes for s in ref.seats.values())
    electorate = sum(s.electorate for s in ref.seats.values())
    assert values(a)[0] == pytest.approx(100.0 * valid / electorate)


# ---------------------------------------------------------------- what is not held stays out
def test_a_party_that_did_not_stand_last_time_has_no_previous_share(finder, ref, seat):
    new = next(c for c in seat.candidates if ref.previous_result(seat.ons_id).party_result(c.party) is None
               and not ref.previous_candidacy(c))
    a = ask(finder, "share", person(seat, new), era="previous", text="10%")
    assert a.values == [] and "not in the reference data" in a.note


def test_independents_have_no_national_total(finder):
    a = ask(finder, "votes", Subject(level="uk", party="Ind"))
    assert a.values == [] and "independents" in a.note


@pytest.mark.parametrize("era", ["other", "forecast"])
def test_other_elections_and_forecasts_are_not_asked(finder, seat, era):
    assert ask(finder, "votes", person(seat, seat.winner), era=era).values == []


def test_a_kind_the_tables_cannot_answer(finder, seat):
    a = ask(finder, "demographic", person(seat, seat.winner))
    assert a.values == [] and "cannot be checked" in a.note


def test_a_previous_election_known_only_by_its_shares(seat_named):
    """The 2019 adapter's previous election (2017) records shares and winners, not votes or majorities."""
    ref2019 = load_reference(DATA, "2019")
    finder = EvidenceFinder(ref2019)
    seat = next(iter(ref2019.seats.values()))
    w = seat.winner
    subject = Subject(level="candidate", person=w.key, ons_id=seat.ons_id, party=w.party)
    votes = ask(finder, "votes", subject, era="previous")
    assert votes.values == [] and ref2019.previous_key in votes.note
    assert ask(finder, "majority", subject, era="previous").values == []
    # its shares are held, and are what a previous share is checked against
    share = ask(finder, "share", subject, era="previous", text="40%")
    assert set(values(share)) == {ref2019.previous[seat.ons_id].party_result(w.party).share}
    # a national vote total over seats whose votes are not held is not summed from nothing
    assert ask(finder, "votes", Subject(level="uk", party="Con"), era="previous").values == []


def test_a_previous_electorate_on_both_baselines(finder, ref):
    """A nation's electorate at the previous election: the register behind the notional result, and the one
    the previous election was actually fought on, summed over its own seats."""
    nation = Subject(level="nation", nation="Northern Ireland")
    got = ask(finder, "electorate", nation, era="previous", text="1,300,000")
    notional = sum(r.electorate or 0 for o, r in ref.previous.items() if ref.seats[o].country == "Northern Ireland")
    actual = sum(r.electorate for r in ref.previous_actual.values() if r.country == "Northern Ireland")
    assert notional in values(got) and actual in values(got) and notional != actual
    assert {e.baseline for e in got.values} == {"previous", "previous_actual"}
