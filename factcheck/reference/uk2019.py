"""The UK general election of 12 December 2019, on the boundaries it was fought on.

Two House of Commons Library tables (CBP-8749): one row per candidate, and
one per constituency (electorate, valid and rejected votes, majority, and
the Library's result summary, "Con hold" or "Lab gain from Con"). This
module is the only code that knows their columns.

The previous election, 2017, was fought on the same boundaries, and these
tables carry what is known of it: each candidate's change in share (so the
party's 2017 share in the seat is share minus change) and the result summary
(the 2017 winner is the party that held the seat, or the party a gain was
"from"). Nothing else of 2017 is held: its votes, majorities, electorates
and turnouts are `None` in the records, never estimated, and the judge
reports such figures as unverifiable.

`build_seats` is also how the 2024 adapter reads this election as its
previous result on the old boundaries, so both adapters see one 2019.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from .election import Election, clean
from .parties import PARTIES, canonical_code, display_name, fold
from .places import PlaceIndex, build_places, capitalised_aliases
from .records import Candidate, SeatResult

FILES = {
    "candidates_2019": "HoC-GE2019-results-by-candidate.csv",
    "constituencies_2019": "HoC-GE2019-results-by-constituency.csv",
    "leaders": "party-leaders-2019.csv",
    "places": "places.csv",
    "place_seats": "place-seats.csv",
}

DATASETS = {
    "current": "HoC GE2019 results, 2019 boundaries (CBP-8749)",
    "previous": "GE2017 shares and winners as given in the HoC GE2019 results (CBP-8749)",
    "previous_actual": "GE2017 shares and winners as given in the HoC GE2019 results (CBP-8749)",
    "leaders": "Party leaders at the 2019 election (party-leaders-2019.csv)",
}

_RESULT = re.compile(r"^(?P<winner>.+?)\s+(?:hold|gain\s+from\s+(?P<loser>.+))$", re.I)


def _columns(df) -> dict[str, int]:
    return {c: i for i, c in enumerate(df.columns)}


def result_code(token: str) -> str:
    """A party as the result summary abbreviates it ("Lab Coop" is Labour) -> its canonical code."""
    code = canonical_code(token)
    if code not in PARTIES and " " in token:
        code = canonical_code(token.split()[0])
    return code


def previous_winner(result: str) -> Optional[str]:
    """The party that won the seat at the previous election: the one that held it, or the one it was gained from."""
    m = _RESULT.match(result.strip())
    if not m:
        return None
    return result_code(m.group("loser") or m.group("winner"))


def build_seats(cand, cons, key: str = "2019") -> dict[str, SeatResult]:
    """The 2019 results: candidates from the candidate table, the seat's totals from the constituency table.

    Valid votes and the majority are the constituency table's, as published;
    in one seat the two tables disagree (PROVENANCE.md) and both are kept.
    """
    cc = _columns(cand)
    rows: dict[str, list[Candidate]] = {}
    for i, r in enumerate(cand.itertuples(index=False, name=None)):
        ons = clean(r[cc["ons_id"]])
        change = r[cc["change"]]
        rows.setdefault(ons, []).append(Candidate.model_construct(
            key=f"{key}:{i}", ons_id=ons, seat=clean(r[cc["constituency_name"]]),
            first_name=clean(r[cc["firstname"]]), surname=clean(r[cc["surname"]]),
            party=canonical_code(clean(r[cc["party_abbreviation"]]), clean(r[cc["party_name"]])),
            party_name=clean(r[cc["party_name"]]), votes=int(r[cc["votes"]]), share=100.0 * float(r[cc["share"]]),
            change=None if change != change else 100.0 * float(change), rank=0,
            sitting_mp=clean(r[cc["sitting_mp"]]).lower() == "yes", gender=clean(r[cc["gender"]]) or None))
    kc = _columns(cons)
    seats: dict[str, SeatResult] = {}
    for r in cons.itertuples(index=False, name=None):
        ons = clean(r[kc["ONS ID"]])
        cands = sorted(rows.get(ons, []), key=lambda c: -c.votes)
        for n, c in enumerate(cands, 1):
            c.rank = n
        seats[ons] = SeatResult.model_construct(
            ons_id=ons, name=clean(r[kc["Constituency name"]]), region=clean(r[kc["Region name"]]),
            country=clean(r[kc["Country name"]]), electorate=int(r[kc["Electorate"]]),
            valid_votes=int(r[kc["Valid votes"]]), invalid_votes=int(r[kc["Invalid votes"]]),
            majority=int(r[kc["Majority"]]), result=clean(r[kc["Result"]]), candidates=cands, election=key)
    return seats


def build_previous(seats: dict[str, SeatResult], key: str, label: str) -> dict[str, SeatResult]:
    """The previous election in each seat, as far as this election's table records it.

    One row per party that stood again and has a change in share (its
    earlier share = share - change); the winner from the result summary is
    put first, with no share if it did not stand again (a Speaker's seat, an
    independent who retired). Votes, majority, electorate: not held.
    """
    out: dict[str, SeatResult] = {}
    for ons, seat in seats.items():
        rows: dict[str, tuple[str, float]] = {}
        for c in seat.candidates:
            if c.change is not None and c.party not in rows:
                rows[c.party] = (c.party_name, c.share - c.change)
        winner = previous_winner(seat.result)
        order = sorted(rows, key=lambda p: (p != winner, -rows[p][1]))
        if winner and winner not in rows:
            order.insert(0, winner)
        cands = []
        for n, party in enumerate(order, 1):
            name, share = rows.get(party, (display_name(party), None))
            cands.append(Candidate.model_construct(
                key=f"{key}:{ons}:{n}", ons_id=ons, seat=seat.name, first_name="", surname=name, party=party,
                party_name=name, votes=None, share=share, change=None, rank=n, sitting_mp=False, gender=None))
        out[ons] = SeatResult.model_construct(
            ons_id=ons, name=seat.name, region=seat.region, country=seat.country, electorate=None,
            valid_votes=None, invalid_votes=None, majority=None, result="", candidates=cands, election=label)
    return out


class UK2019(Election):
    """Reference API over the 2019 results, with 2017 (same boundaries) as the previous election."""

    key = "2019"
    name = "the UK general election of 12 December 2019"
    polling_day = date(2019, 12, 12)
    previous_key = "2017"
    previous_polling_day = date(2017, 6, 8)
    boundaries_changed = False
    files = FILES
    datasets = DATASETS
    labels = {"current": "2019", "previous": "2017", "previous_actual": "2017"}
    # Sir Lindsay Hoyle (Labour before the chair) in 2019; John Bercow (Conservative before it) in 2017
    speaker_party = {"current": "Lab", "previous": "Con", "previous_actual": "Con"}

    def _build(self, frames: dict) -> None:
        from .election import leaders_from

        self.seats = build_seats(frames["candidates_2019"], frames["constituencies_2019"], self.key)
        self.candidates = {c.key: c for s in self.seats.values() for c in s.candidates}
        self.previous = build_previous(self.seats, self.previous_key, self.labels["previous"])
        self.previous_actual = self.previous  # the same boundaries: one previous result
        self.previous_candidates = {}  # 2017 candidates are not named in these tables
        self.census = None  # Census 2021 is tabulated on the 2024 boundaries only
        self.leaders = leaders_from(frames["leaders"], self.seats, FILES["leaders"])
        self.places = build_places_on_these_boundaries(frames["places"], frames["place_seats"],
                                                       frames["constituencies_2019"], self.seats)

    def previous_seat_won_by(self, person: Candidate) -> Optional[SeatResult]:
        """The 2017 seat this person won: only where it follows from the tables, i.e. a sitting MP
        standing again in a seat their party won in 2017. 2017 candidates are not named, so
        nothing else can be traced (a by-election winner or a defector is not guessed at)."""
        seat = self.previous.get(person.ons_id) if self.is_current(person.key) else None
        if seat is None or not person.sitting_mp or seat.winner.party != person.party:
            return None
        return seat

    def previous_candidacy(self, person: Candidate) -> Optional[Candidate]:
        """The 2017 row of the seat this person won then (see `previous_seat_won_by`): their 2017 share."""
        seat = self.previous_seat_won_by(person)
        return seat.winner if seat else None


def build_places_on_these_boundaries(places, place_seats, constituencies, seats: dict[str, SeatResult]) -> PlaceIndex:
    """The place table (compiled for the current boundaries) as far as it holds on these.

    Nations and regions come from the seats' own columns, and the unions of
    them (the UK, the Midlands) follow. A county is kept where the
    constituency table's `County name` is the place and agrees with the place
    table: every seat the place table lists wholly inside the county that
    also exists here under the same name has that county here too (so a
    county the table groups differently, as the old counties of Avon or
    Cleveland cut across today's, is left out rather than counted wrong).
    Cities and areas listed seat by seat are left out: their seats on these
    boundaries are not known.
    """
    rows = places.to_dict("records")
    county = {clean(r["ONS ID"]): clean(r["County name"]) for r in constituencies.to_dict("records")}
    here_by_name = {fold(s.name): ons for ons, s in seats.items()}
    listed: dict[str, list[tuple[str, bool]]] = {}
    for r in place_seats.to_dict("records"):
        listed.setdefault(clean(r["place"]), []).append((fold(clean(r["constituency"])),
                                                         clean(r["cross_border"]).lower() == "yes"))
    kept: dict[str, dict] = {}
    seat_rows: list[dict] = []
    for r in rows:
        name, kind = clean(r["place"]), clean(r["kind"])
        if kind in ("country", "nation", "region"):
            kept[name] = r
        elif kind == "county" and not clean(r.get("made_of")):
            inside = [ons for ons, c in county.items() if c == name]
            agree = all(county.get(here_by_name[seat]) == name for seat, cross in listed.get(name, [])
                        if not cross and seat in here_by_name)
            if inside and agree:
                kept[name] = r
                seat_rows += [{"place": name, "ons_id": ons, "constituency": seats[ons].name, "cross_border": "no"}
                              for ons in inside]
    changed = True
    while changed:  # unions of kept places only
        changed = False
        for r in rows:
            name, parts = clean(r["place"]), [p.strip() for p in str(r.get("made_of") or "").split("|") if p.strip()]
            if name not in kept and parts and all(p in kept for p in parts):
                kept[name] = r
                changed = True
    ordered = [r for r in rows if clean(r["place"]) in kept]
    return PlaceIndex(build_places(ordered, seat_rows, seats), [s.name for s in seats.values()],
                      capitalised_aliases(ordered))
