"""The 2019 adapter over the real published tables, with 2017 as its previous election.

Expected values are computed here from the CSV files with the csv module
(share minus change, the Result column's hold/gain) or are the published
national figures, so a builder that reads the wrong column, orders a seat's
2017 rows wrongly or invents a 2017 figure stops matching.
"""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date

import pytest

from conftest import DATA
from factcheck.reference import (ADAPTERS, LATEST, ReferenceDataError, UK2019, UK2024, UnknownElection,
                                 election_keys, load_reference)
from factcheck.reference.election import ROLES, Election
from factcheck.reference.uk2019 import FILES, previous_winner, result_code

CAND = FILES["candidates_2019"]
CONS = FILES["constituencies_2019"]


@pytest.fixture(scope="module")
def ref19():
    return load_reference(DATA, "2019")


@pytest.fixture(scope="module")
def seat(ref19):
    by_name = {s.name: s for s in ref19.seats.values()}
    return lambda name: by_name[name]


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _person(ref, name: str):
    (c,) = [c for c in ref.candidates.values() if c.name == name]
    return c


# ---------------------------------------------------------------- the interface
def test_both_adapters_implement_the_interface():
    for cls in (UK2024, UK2019):
        assert issubclass(cls, Election)
        assert set(ROLES[:3]) <= set(cls.datasets) and set(ROLES[:3]) <= set(cls.labels)
        assert isinstance(cls.polling_day, date) and cls.key == str(cls.polling_day.year)
    assert UK2019.polling_day == date(2019, 12, 12) and UK2019.previous_key == "2017"
    assert not UK2019.boundaries_changed and UK2024.boundaries_changed


def test_registry_is_newest_first_and_loads_once(ref19):
    assert election_keys() == ["2024", "2019"] and LATEST == "2024" and list(ADAPTERS) == election_keys()
    assert isinstance(ref19, UK2019)
    assert load_reference(DATA, "2019") is ref19
    assert load_reference(DATA) is not ref19 and isinstance(load_reference(DATA), UK2024)


def test_an_unknown_election_is_one_line():
    with pytest.raises(UnknownElection) as info:
        load_reference(DATA, "2017")
    assert str(info.value) == "unknown election '2017': the reference data hold 2024, 2019"


# ---------------------------------------------------------------- 2019 itself
def test_table_sizes(ref19):
    assert len(ref19.seats) == len(ref19.previous) == len(ref19.previous_actual) == 650
    assert len(ref19.candidates) == 3320
    assert ref19.previous_candidates == {} and ref19.census is None


def test_bolsover(seat):
    s = seat("Bolsover")
    assert (s.majority, s.valid_votes, s.result) == (5_299, 45_938, "Con gain from Lab")
    assert [(c.name, c.votes) for c in s.candidates[:2]] == [("Mark Fletcher", 21_791), ("Dennis Skinner", 16_492)]
    brexit = s.party_result("RUK")
    assert brexit.votes == 4_151 and brexit.party_name == "Brexit Party"


def test_every_seat_agrees_with_the_constituency_table(ref19):
    for r in _rows(CONS):
        s = ref19.seats[r["ONS ID"].strip()]
        assert (s.electorate, s.valid_votes, s.invalid_votes, s.majority) == (
            int(r["Electorate"]), int(r["Valid votes"]), int(r["Invalid votes"]), int(r["Majority"]))
        assert s.winner.votes - s.runner_up.votes == s.majority
        assert s.result == r["Result"].strip()


def test_meon_valley_keeps_both_published_totals(seat):
    s = seat("Meon Valley")
    assert s.valid_votes == 54_829 and sum(c.votes for c in s.candidates) == 55_569


def test_national_figures(ref19):
    seats = ref19.seats.values()
    won = Counter(s.winner.party for s in seats)
    assert (won["Con"], won["Lab"], won["SNP"], won["LD"], won["DUP"]) == (365, 202, 48, 11, 8)
    valid, electorate = sum(s.valid_votes for s in seats), sum(s.electorate for s in seats)
    assert (valid, electorate) == (32_014_110, 47_562_702) and round(100 * valid / electorate, 1) == 67.3


def test_sitting_mps_and_gender(ref19):
    raw = _rows(CAND)
    assert sum(c.sitting_mp for c in ref19.candidates.values()) == sum(r["sitting_mp"] == "Yes" for r in raw)
    assert Counter(c.gender for c in ref19.candidates.values()) == Counter(r["gender"] for r in raw)


def test_the_brexit_party_stood_and_reform_did_not(ref19):
    names = {c.party_name for c in ref19.candidates.values() if c.party == "RUK"}
    assert names == {"Brexit Party"}


# ---------------------------------------------------------------- 2017 as the previous election
def test_previous_share_is_share_minus_change(ref19):
    for r in _rows(CAND):
        if not r["change"]:
            continue
        seat = ref19.previous[r["ons_id"].strip()]
        party = next(c.party for c in ref19.seats[seat.ons_id].candidates
                     if c.surname == r["surname"].strip() and c.first_name == r["firstname"].strip())
        row = seat.party_result(party)
        assert row.share == pytest.approx(100 * (float(r["share"]) - float(r["change"])))


def test_previous_winner_follows_the_result_column(ref19):
    for r in _rows(CONS):
        result = r["Result"].strip()
        held, _, loser = result.partition(" gain from ")
        expected = result_code(loser if loser else held.removesuffix(" hold"))
        assert ref19.previous[r["ONS ID"].strip()].winner.party == expected, result


@pytest.mark.parametrize("result, party", [("Con hold", "Con"), ("Lab gain from Con", "Con"),
                                           ("Con gain from Lab Coop", "Lab"), ("Spk gain from Lab", "Lab"),
                                           ("APNI gain from Ind", "Ind"), ("nonsense", None)])
def test_previous_winner_parsing(result, party):
    assert previous_winner(result) == party


def test_2017_national_seats(ref19):
    won = Counter(s.winner.party for s in ref19.previous.values())
    assert (won["Con"], won["Lab"], won["SNP"], won["LD"], won["DUP"], won["Ind"]) == (317, 262, 35, 12, 10, 1)


def test_a_2017_winner_who_did_not_stand_again_has_no_share(seat, ref19):
    buckingham = ref19.previous[seat("Buckingham").ons_id]
    assert buckingham.winner.party == "Spk" and buckingham.winner.share is None
    chorley = ref19.previous[seat("Chorley").ons_id]  # the Speaker was elected as Labour in 2017
    assert chorley.winner.party == "Lab" and chorley.winner.share is None


def test_what_2017_does_not_hold_is_none(ref19):
    for s in ref19.previous.values():
        assert s.majority is None and s.valid_votes is None and s.electorate is None
        assert s.turnout_valid() is None and s.turnout_ballots() is None
        assert all(c.votes is None for c in s.candidates)


def test_2017_rows_ordered_winner_first_then_by_share(ref19):
    for s in ref19.previous.values():
        shares = [c.share for c in s.candidates[1:]]
        assert shares == sorted(shares, reverse=True), s.name
        assert [c.rank for c in s.candidates] == list(range(1, len(s.candidates) + 1))


def test_predecessors_are_the_same_seat(ref19, seat):
    s = seat("Bolsover")
    assert [p.ons_id for p in ref19.predecessors(s.ons_id)] == [s.ons_id]
    assert ref19.previous_result(s.ons_id).election == "2017"


def test_previous_seat_of_a_sitting_mp_of_the_2017_winning_party(ref19):
    skinner = _person(ref19, "Dennis Skinner")
    assert ref19.previous_seat_won_by(skinner).name == "Bolsover"
    assert ref19.previous_candidacy(skinner).party == "Lab"
    assert ref19.previous_candidacy(skinner).share == pytest.approx(51.92, abs=0.01)


@pytest.mark.parametrize("name", ["Jane Dodds", "Chuka Umunna", "Mark Fletcher"])
def test_no_previous_seat_is_guessed(ref19, name):
    """A by-election winner of another party, a defector standing elsewhere, a challenger."""
    assert ref19.previous_seat_won_by(_person(ref19, name)) is None


def test_keys_say_which_election(ref19):
    key = _person(ref19, "Jo Swinson").key
    assert ref19.is_current(key) and not ref19.is_previous_actual(key)
    uk24 = load_reference(DATA)
    assert uk24.is_previous_actual(key) and uk24.candidate(key).name == "Jo Swinson"  # one key, one candidacy


def test_leaders(ref19):
    leaders = {p: ref19.candidates[k].name for p, (k,) in ref19.leaders.items()}
    assert leaders["Con"] == "Boris Johnson" and leaders["LD"] == "Jo Swinson"
    assert ref19.candidates[ref19.leaders["Lab"][0]].seat == "Islington North"


# ---------------------------------------------------------------- places on the 2019 boundaries
def test_nations_and_regions_come_from_the_seats_own_columns(ref19):
    rows = _rows(CONS)
    for column, kind in (("Region name", "region"), ("Country name", "nation")):
        counts = Counter(r[column].strip() for r in rows)
        for place in (p for p in ref19.places.places if p.kind == kind):
            assert len(place.seats) == counts[place.name] and not place.cross_border, place.name
    assert len(ref19.places.place_seats("the UK").seats) == len(ref19.seats)
    midlands = ref19.places.place_seats("the Midlands")
    assert set(midlands.seats) == set(ref19.places.place_seats("East Midlands").seats) | set(
        ref19.places.place_seats("West Midlands").seats)


def test_a_county_is_kept_only_where_the_tables_agree(ref19):
    rows = _rows(CONS)
    manchester = ref19.places.place_seats("Greater Manchester")
    assert set(manchester.seats) == {r["ONS ID"] for r in rows if r["County name"] == "Greater Manchester"}
    # the 2019 table files Hartlepool under Cleveland, which the place table puts in County Durham: left out
    assert next(r for r in rows if r["Constituency name"] == "Hartlepool")["County name"] == "Cleveland"
    assert ref19.places.place_seats("County Durham") is None
    # a city is listed seat by seat for the current boundaries only
    assert ref19.places.place_seats("Birmingham") is None
    assert [m.place.name for m in ref19.places.find_places("Labour lost seats across the North East and Kent.")] \
        == ["North East", "Kent"]


# ---------------------------------------------------------------- validation and snapshots
@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def _replace_once(path, old: str, new: str) -> None:
    text = path.read_bytes().decode("utf-8")
    assert text.count(old) == 1, old
    path.write_bytes(text.replace(old, new).encode("utf-8"))


def _error(data, election=UK2019, **kwargs) -> str:
    with pytest.raises(ReferenceDataError) as info:
        election(data, **kwargs)
    assert "\n" not in str(info.value)
    return str(info.value)


def test_the_constituency_table_is_checksummed(data):
    _replace_once(data / CONS, ",Con gain from Lab,Con,Lab,74292,", ",Con gain from Lab,Con,Lab,74293,")
    assert _error(data).startswith(f"{CONS}: checksum mismatch")


def test_an_altered_candidate_vote_breaks_the_valid_votes_sum(data):
    _replace_once(data / CAND, ",Mark,Fletcher,Male,No,No,21791,", ",Mark,Fletcher,Male,No,No,21792,")
    message = _error(data, verify_checksums=False)
    assert message == (f"{CONS}: Bolsover: candidates' votes in {CAND} sum to 45939 but 'Valid votes' is 45938")
    assert _error(data, UK2024, verify_checksums=False) == message  # the 2024 adapter reads the same 2019


def test_an_altered_majority_is_caught(data):
    _replace_once(data / CONS, "Lab,74292,45938,", "Lab,74292,45938,")  # untouched: loads
    UK2019(data, verify_checksums=False)
    text = (data / CONS).read_text(encoding="utf-8-sig")
    line = next(x for x in text.splitlines() if x.startswith("E14000577,"))
    fields = line.split(",")
    fields[17] = str(int(fields[17]) + 1)
    _replace_once(data / CONS, line, ",".join(fields))
    assert _error(data, verify_checksums=False) == \
        f"{CONS}: Bolsover: first minus second is 5299 but 'Majority' is 5300"


def test_the_known_discrepancy_must_stay_as_published(data):
    _replace_once(data / CONS, ",75737,54829,211,", ",75737,54830,211,")
    assert "Meon Valley: candidates' votes" in _error(data, verify_checksums=False)


def test_a_missing_constituency_table(data):
    (data / CONS).unlink()
    assert _error(data) == f"{CONS}: reference table missing from {data}"


def test_a_wrong_leader_is_refused(data):
    _replace_once(data / "party-leaders-2019.csv", "Jo Swinson", "Jo Swindon")
    assert _error(data, verify_checksums=False) == \
        "party-leaders-2019.csv: Jo Swindon is not the LD candidate in East Dunbartonshire"


def test_each_adapter_has_its_own_snapshot(data, tmp_path):
    first = UK2019(data)
    UK2024(data)
    snaps = sorted((tmp_path / "cache").glob("reference-*.pickle"))
    assert len(snaps) == 2
    again = UK2019(data)
    assert again.seats.keys() == first.seats.keys() and again.previous is again.previous_actual
    code = ("import sys; from factcheck.reference import UK2019; "
            f"r = UK2019({str(data)!r}); print('pandas' in sys.modules, len(r.previous))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"FACTCHECK_CACHE": str(tmp_path / "cache"), "PATH": ""}, check=True)
    assert out.stdout.split() == ["False", "650"]


@pytest.mark.parametrize("key", ["2024", "2019"])
def test_the_speakers_former_party_won_seats_where_the_table_holds_a_speaker(ref19, ref, key):
    """The Speaker is counted with the party he sat for (`speaker_party`): that party stood at that result, and
    a result that holds the Speaker's seat holds exactly one."""
    adapter = ref if key == "2024" else ref19
    tables = {"current": adapter.seats, "previous": adapter.previous, "previous_actual": adapter.previous_actual}
    assert set(adapter.speaker_party) == set(tables)
    for role, party in adapter.speaker_party.items():
        winners = Counter(s.winner.party for s in tables[role].values())
        assert winners[party] > 0 and winners["Spk"] <= 1, (role, party)
    assert ref19.speaker_party["previous"] == "Con"  # John Bercow, elected as a Conservative before the chair

