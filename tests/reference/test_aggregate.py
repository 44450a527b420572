"""Totals over many seats, recomputed the way reporters compute them.

A national share, a seat count or a combined share over the seats a census
threshold picks out is checked against these functions, so an error here
turns every such figure in an article into a false verdict. The expected
values are the published figures (Labour 411 seats on 33.7%, turnout 59.7%)
and, beside them, the same totals worked out straight from the CSV files
with the standard library: a different road from the adapter's records, so
a builder that drops the Labour Co-operative rows, a census share taken over
the wrong population or a notional table read from the wrong column shows
up as a disagreement.
"""
from __future__ import annotations

import csv
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import pytest

from factcheck.models import GroupSpec
from factcheck.reference import aggregate as agg

DATA = Path(__file__).resolve().parents[2] / "reference_data"


# ---------------------------------------------------------------- the raw files
@lru_cache(maxsize=None)
def _rows(name: str) -> tuple[dict, ...]:
    with open(DATA / name, encoding="utf-8-sig", newline="") as fh:
        return tuple({k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh))


def constituencies() -> tuple[dict, ...]:
    return _rows("HoC-GE2024-results-by-constituency.csv")


def candidates() -> tuple[dict, ...]:
    return _rows("HoC-GE2024-results-by-candidate.csv")


def notional_rows() -> tuple[dict, ...]:
    return _rows("notional-ge2019-results-2024-boundaries.csv")


def rows_2019() -> tuple[dict, ...]:
    return _rows("HoC-GE2019-results-by-candidate.csv")


@lru_cache(maxsize=None)
def muslim_share_raw() -> dict[str, float]:
    """Straight from the census file, so a population base the adapter gets wrong cannot agree with it by accident."""
    muslims: dict[str, int] = {}
    population: dict[str, int] = defaultdict(int)
    for r in _rows("census21-religion-by-constituency-2024.csv"):
        ons = r["Post-2019 Westminster Parliamentary constituencies Code"]
        category, n = r["Religion (10 categories)"], int(r["Observation"])
        if category == "Does not apply":
            continue
        population[ons] += n
        if category == "Muslim":
            muslims[ons] = n
    return {ons: 100.0 * muslims.get(ons, 0) / population[ons] for ons in population}


def raw_group(threshold: float) -> set[str]:
    return {ons for ons, share in muslim_share_raw().items() if share >= threshold}


def raw_share_2024(party: str, seats: set[str]) -> float:
    votes = sum(int(r["Votes"]) for r in candidates() if r["ONS ID"] in seats and r["Party abbreviation"] == party)
    valid = sum(int(r["Valid votes"]) for r in constituencies() if r["ONS ID"] in seats)
    return 100.0 * votes / valid


def raw_share_notional(party: str, seats: set[str]) -> float:
    votes = sum(int(r["votes"]) for r in notional_rows() if r["ons_id"] in seats and r["party_abbreviation"] == party)
    valid = {r["ons_id"]: int(r["valid_votes"]) for r in notional_rows() if r["ons_id"] in seats}
    return 100.0 * votes / sum(valid.values())


def group(threshold: float, strict: bool = False) -> GroupSpec:
    return GroupSpec(label="test group", religion="Muslim", threshold=threshold, strict=strict)


def all_seats(ref) -> list[str]:
    return list(ref.seats)


# ---------------------------------------------------------------- seats won
@pytest.mark.parametrize("party, seats", [("Lab", 411), ("Con", 121), ("LD", 72), ("RUK", 5), ("SNP", 9),
                                          ("Green", 4), ("PC", 4), ("SF", 7), ("DUP", 5)])
def test_seats_won_nationally(ref, party, seats):
    assert agg.seats_won(ref, party) == seats
    assert agg.total(ref, party, all_seats(ref)).seats == seats
    # the Commons Library's own column of winners agrees
    assert sum(r["First party"] == party for r in constituencies()) == seats


def test_labour_411_counts_the_labour_and_cooperative_winners(ref):
    winners = Counter(c.party_name for s in ref.seats.values() for c in s.candidates[:1] if c.party == "Lab")
    assert set(winners) == {"Labour", "Labour and Co-operative"}
    assert winners["Labour and Co-operative"] > 0
    assert sum(winners.values()) == 411


def test_the_speaker_is_not_counted_as_labour(ref):
    chorley = next(s for s in ref.seats.values() if s.name == "Chorley")
    assert chorley.winner.party != "Lab"
    assert agg.seats_won(ref, "Lab", [chorley.ons_id]) == 0


def test_snp_won_9_of_scotlands_57_seats(ref):
    scotland = agg.seats_in(ref, "Scotland")
    assert len(scotland) == 57
    assert agg.seats_won(ref, "SNP", scotland) == 9
    assert agg.total(ref, "SNP", scotland).contested == 57


@pytest.mark.parametrize("nation, seats", [("England", 543), ("Scotland", 57), ("Wales", 32), ("Northern Ireland", 18)])
def test_seats_per_nation_add_up_to_650(ref, nation, seats):
    assert len(agg.seats_in(ref, nation)) == seats
    assert sum(r["Country name"] == nation for r in constituencies()) == seats


def test_seats_won_in_2019_actual_and_notional(ref):
    assert agg.seats_won(ref, "Con", election="2019") == 365  # the 80-seat majority: 365 - 285
    assert agg.seats_won(ref, "Con", election="notional 2019") == \
        sum(r["elected"] == "True" and r["party_abbreviation"] == "Con" for r in notional_rows())


# ---------------------------------------------------------------- national votes and shares
def test_labour_share_nationally_is_33_7(ref):
    t = agg.total(ref, "Lab", all_seats(ref))
    assert round(t.share, 1) == 33.7
    assert t.valid == sum(int(r["Valid votes"]) for r in constituencies())
    assert t.share == pytest.approx(raw_share_2024("Lab", {r["ONS ID"] for r in constituencies()}), abs=1e-9)


def test_reform_uk_votes_and_share(ref):
    t = agg.total(ref, "RUK", all_seats(ref))
    assert t.votes == 4_117_610
    assert t.votes == sum(int(r["Votes"]) for r in candidates() if r["Party abbreviation"] == "RUK")
    assert round(t.share, 1) == 14.3


def test_a_partys_votes_over_a_set_of_seats_include_every_candidate_it_ran(ref):
    """The three Green parties share one code: their candidates are summed, never just the first found."""
    t = agg.total(ref, "Green", all_seats(ref))
    assert t.votes == sum(int(r["Votes"]) for r in candidates() if r["Party abbreviation"] == "Green")


def test_share_with_no_seats_is_none(ref):
    assert agg.total(ref, "Lab", []).share is None


# ---------------------------------------------------------------- turnout
def test_national_turnout_both_definitions(ref):
    valid, ballots = agg.turnout(ref)
    assert round(valid, 1) == 59.7
    assert round(ballots, 1) == 59.9
    electorate = sum(int(r["Electorate"]) for r in constituencies())
    cast = sum(int(r["Valid votes"]) + int(r["Invalid votes"]) for r in constituencies())
    assert ballots == pytest.approx(100.0 * cast / electorate, abs=1e-9)


def test_turnout_over_a_nation_is_not_the_national_figure(ref):
    valid, _ = agg.turnout(ref, agg.seats_in(ref, "Scotland"))
    rows = [r for r in constituencies() if r["Country name"] == "Scotland"]
    assert valid == pytest.approx(100.0 * sum(int(r["Valid votes"]) for r in rows)
                                  / sum(int(r["Electorate"]) for r in rows), abs=1e-9)
    assert round(valid, 1) != 59.7


# ---------------------------------------------------------------- census groups
@pytest.mark.parametrize("threshold, seats", [(25, 28), (20, 37)])
def test_census_groups(ref, threshold, seats):
    chosen = agg.select(ref, group(threshold))
    assert len(chosen) == seats
    assert set(chosen) == raw_group(threshold)


def test_religion_share_matches_the_census_file(ref):
    bradford_west = next(s.ons_id for s in ref.seats.values() if s.name == "Bradford West")
    assert round(agg.religion_share(ref, bradford_west, "Muslim"), 1) == 58.7
    assert agg.religion_share(ref, bradford_west, "muslim") == pytest.approx(muslim_share_raw()[bradford_west])


def test_religion_share_is_none_outside_england_and_wales(ref):
    glasgow = next(o for o, s in ref.seats.items() if s.country == "Scotland")
    assert agg.religion_share(ref, glasgow, "Muslim") is None


def test_strict_threshold_excludes_the_seat_on_the_line(ref):
    """"More than X%" and "X% or more" differ exactly at X: the seat sitting on the threshold."""
    ons, share = min(muslim_share_raw().items(), key=lambda kv: abs(kv[1] - 25))
    at_least = agg.select(ref, group(share))
    more_than = agg.select(ref, group(share, strict=True))
    assert ons in at_least and ons not in more_than
    assert set(at_least) - set(more_than) == {ons}


def test_labour_combined_share_over_the_28_seats(ref):
    seats = agg.select(ref, group(25))
    now, before = agg.total(ref, "Lab", seats), agg.total(ref, "Lab", seats, "notional 2019")
    assert round(now.share, 1) == 37.1
    assert round(before.share, 1) == 63.7
    assert now.share == pytest.approx(raw_share_2024("Lab", raw_group(25)), abs=1e-9)
    assert before.share == pytest.approx(raw_share_notional("Lab", raw_group(25)), abs=1e-9)


def test_conservative_combined_share_over_the_28_seats(ref):
    seats = agg.select(ref, group(25))
    assert round(agg.total(ref, "Con", seats).share, 1) == 12.2
    assert round(agg.total(ref, "Con", seats, "notional 2019").share, 1) == 23.3


def test_labour_average_change_over_the_37_seats(ref):
    seats = agg.select(ref, group(20))
    mean, n = agg.average_change(ref, "Lab", seats)
    assert n == 37
    assert round(mean, 1) == -22.7
    # the same mean from the shares themselves: 2024 share minus the notional 2019 share, seat by seat
    notional = {r["ons_id"]: 100.0 * int(r["votes"]) / int(r["valid_votes"])
                for r in notional_rows() if r["party_abbreviation"] == "Lab"}
    now = {r["ONS ID"]: 100.0 * float(r["Share"]) for r in candidates() if r["Party abbreviation"] == "Lab"}
    changes = [now[o] - notional[o] for o in raw_group(20)]
    assert mean == pytest.approx(sum(changes) / len(changes), abs=0.01)


def test_labours_losses_in_the_37_seats(ref):
    seats = agg.select(ref, group(20))
    lost = agg.losses(ref, "Lab", seats)
    assert Counter(p for _, p in lost) == {"Ind": 4, "Con": 1}
    by_result = {r["ONS ID"]: r["Result"] for r in constituencies()}
    assert sorted(by_result[o] for o, _ in lost) == ["Con gain from Lab"] + ["Ind gain from Lab"] * 4
    assert {o for o, _ in lost} == {o for o in raw_group(20) if by_result[o].endswith("gain from Lab")}


def test_a_lost_by_group_is_the_seats_the_party_lost(ref):
    spec = GroupSpec(label="seats Labour lost", religion="Muslim", threshold=20, lost_by="Lab")
    assert len(agg.select(ref, spec)) == 5


# ---------------------------------------------------------------- gains and losses against the notional result
def test_conservative_losses_and_net_change(ref):
    lost = agg.losses(ref, "Con")
    gained = agg.gains(ref, "Con")
    results = [r["Result"] for r in constituencies()]
    assert len(lost) == sum(r.endswith("gain from Con") for r in results) == 252
    assert len(gained) == sum(r.startswith("Con gain from") for r in results) == 1
    notional_won = agg.seats_won(ref, "Con", election="notional 2019")
    assert notional_won - agg.seats_won(ref, "Con") == 251  # net: 252 lost, 1 gained
    assert notional_won - len(lost) + len(gained) == 121


def test_labour_gains(ref):
    gained = agg.gains(ref, "Lab")
    assert len(gained) == sum(r["Result"].startswith("Lab gain from") for r in constituencies()) == 218
    assert Counter(p for _, p in gained)["SNP"] == 36


# ---------------------------------------------------------------- Northern Ireland
def test_sinn_fein_votes_and_share_in_northern_ireland(ref):
    ni = agg.seats_in(ref, "Northern Ireland")
    t = agg.total(ref, "SF", ni)
    assert t.votes == 210_891
    assert round(t.share, 1) == 27.0
    ni_raw = {r["ONS ID"] for r in constituencies() if r["Country name"] == "Northern Ireland"}
    assert t.share == pytest.approx(raw_share_2024("SF", ni_raw), abs=1e-9)


def test_sinn_fein_share_in_2019_on_the_old_boundaries(ref):
    t = agg.total(ref, "SF", agg.seats_in(ref, "Northern Ireland", election="2019"), "2019")
    assert round(t.share, 1) == 22.8
    ni = [r for r in rows_2019() if r["country_name"] == "Northern Ireland"]
    raw = 100.0 * sum(int(r["votes"]) for r in ni if r["party_abbreviation"] == "SF") / sum(int(r["votes"]) for r in ni)
    assert t.share == pytest.approx(raw, abs=1e-9)


def test_dup_lost_three_seats_in_northern_ireland(ref):
    ni_now = agg.seats_in(ref, "Northern Ireland")
    ni_2019 = agg.seats_in(ref, "Northern Ireland", election="2019")
    assert agg.seats_won(ref, "DUP", ni_2019, "2019") - agg.seats_won(ref, "DUP", ni_now) == 3


def test_names_lists_the_group_sorted_and_truncated(ref):
    seats = agg.select(ref, group(20))
    listing = agg.names(ref, seats, limit=3)
    first = sorted(ref.seats[o].name for o in seats)[:3]
    assert listing == ", ".join(first) + " and 34 more"


# ---------------------------------------------------------------- sums over a table's columns
def test_turnout_over_a_nation_matches_the_raw_file(ref):
    valid, ballots = agg.turnout_over(ref.seats, agg.seats_in(ref, "Wales"))
    rows = [r for r in constituencies() if r["Country name"] == "Wales"]
    electorate = sum(int(r["Electorate"]) for r in rows)
    assert valid == pytest.approx(100.0 * sum(int(r["Valid votes"]) for r in rows) / electorate, abs=1e-9)
    assert ballots == pytest.approx(100.0 * sum(int(r["Valid votes"]) + int(r["Invalid votes"]) for r in rows)
                                    / electorate, abs=1e-9)


def test_turnout_over_seats_a_table_does_not_hold_is_none(ref):
    assert agg.turnout_over(ref.seats, []) == (None, None)
    assert agg.turnout_over(ref.seats, ["no such seat"]) == (None, None)
    if not agg.fully_held(ref.previous):  # a previous result known only by its shares holds no turnout
        assert agg.turnout_over(ref.previous, list(ref.previous)) == (None, None)


def test_outside_northern_ireland_is_great_britain_in_order(ref):
    seats = list(ref.seats)
    gb = agg.outside(ref.seats, seats, "Northern Ireland")
    assert gb == [o for o in seats if ref.seats[o].country != "Northern Ireland"]
    assert len(gb) == 650 - 18
    with pytest.raises(KeyError):
        agg.outside(ref.seats, ["no such seat"], "Northern Ireland")


def test_a_total_skips_unknown_seats_and_counts_repeats(ref):
    scotland = agg.seats_in(ref, "Scotland")
    once = agg.total(ref, "SNP", scotland)
    assert agg.total(ref, "SNP", scotland + ["no such seat"]) == once
    twice = agg.total(ref, "SNP", scotland + scotland)
    assert (twice.votes, twice.valid, twice.seats, twice.contested) == (2 * once.votes, 2 * once.valid,
                                                                       2 * once.seats, 2 * once.contested)
    assert agg.seats_won(ref, "SNP", scotland + scotland) == 2 * agg.seats_won(ref, "SNP", scotland)


def test_a_party_nobody_elected_has_votes_but_no_seats(ref):
    t = agg.total(ref, "Green", agg.seats_in(ref, "Scotland"))
    raw = sum(int(r["Votes"]) for r in candidates()
              if r["Country name"] == "Scotland" and r["Party abbreviation"] == "Green")
    assert (t.votes, t.seats) == (raw, 0)
    assert agg.gains(ref, "no such party") == [] and agg.losses(ref, "no such party") == []


def test_gains_and_losses_agree_with_the_seat_records(ref):
    for party in ("Lab", "Con", "LD", "SNP"):
        lost = [(o, ref.seats[o].winner.party) for o in ref.seats
                if o in ref.previous and ref.previous[o].winner.party == party != ref.seats[o].winner.party]
        won = [(o, ref.previous[o].winner.party) for o in ref.seats
               if o in ref.previous and ref.seats[o].winner.party == party != ref.previous[o].winner.party]
        assert agg.losses(ref, party) == lost
        assert agg.gains(ref, party) == won


def test_threads_asking_gains_at_once_get_the_same_answers(ref):
    import threading

    from factcheck.reference.aggregate import _Columns

    cols = _Columns(ref.seats)  # a fresh one: the previous winners' codes are built while the threads ask
    expected = {p: agg.gains(ref, p) for p in ("Lab", "Con", "LD", "SNP", "RUK", "Green", "PC", "SF")}
    got: dict[str, list] = {}

    def ask(party):
        before = cols.previous_winner(ref.previous)
        got[party] = [(o, cols.parties[k]) for o, k in zip(cols.ons, before.tolist())
                      if k >= 0 and ref.seats[o].winner.party == party != cols.parties[k]]

    threads = [threading.Thread(target=ask, args=(p,)) for p in expected]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == expected


# ---------------------------------------------------------------- sums by columns
# The sums over many seats are read from columns built once per table; each is checked here against a walk over
# the seats' candidates, the way the records state it, so a column built from the wrong field or a shared list
# served for the wrong area shows up as a disagreement.
@pytest.mark.parametrize("nation", [None, "Scotland", "Northern Ireland"])
@pytest.mark.parametrize("election", ["current", "previous", "previous_actual"])
def test_column_sums_agree_with_the_records(ref, nation, election):
    table = agg._table(ref, election)
    seats = agg.seats_in(ref, nation, election=election)
    cols = agg.columns(table)
    rows = cols.rows(seats)
    assert [cols.ons[i] for i in rows.tolist()] == seats
    for parties in (["Lab"], ["SNP", "Alba"], ["DUP", "UUP", "TUV"]):
        walked = [c.votes for o in seats for c in table[o].candidates if c.party in parties]
        expected = None if None in walked else sum(walked)
        assert cols.votes_over(parties, rows) == expected
        won = [o for o in seats if table[o].winner.party in parties]
        assert [cols.ons[i] for i in rows[cols.won_by(parties, rows)].tolist()] == won
    valid = [table[o].valid_votes for o in seats]
    assert cols.valid_over(rows) == (None if None in valid else sum(valid))


def test_an_areas_seats_are_one_list_found_by_itself(ref):
    """`seats_in` hands every caller the same list, whose rows are then found without hashing its seats; a list
    with the same seats built elsewhere still gets the same rows."""
    scotland = agg.seats_in(ref, "Scotland")
    assert agg.seats_in(ref, "scotland") is scotland
    cols = agg.columns(ref.seats)
    assert cols.rows(scotland) is cols.rows(scotland)
    assert cols.rows(list(scotland)).tolist() == cols.rows(scotland).tolist()
    assert cols.rows(agg.every_seat(ref.seats)).tolist() == list(range(len(ref.seats)))
    assert agg.every_seat(ref.seats) == list(ref.seats)


def test_seats_held_throughout_are_won_on_both_results(ref):
    seats = agg.seats_in(ref, "Wales")
    kept = agg.held_throughout(ref, "Lab", seats, "previous")
    expected = [o for o in seats if ref.seats[o].winner.party == "Lab" and o in ref.previous
                and ref.previous[o].winner.party == "Lab"]
    assert kept == expected and 0 < len(kept) < len(seats)
    assert agg.held_throughout(ref, "No such party", seats, "previous") == []
