"""The UK general election of 4 July 2024, as the official tables give it.

This adapter is the only code that knows the 2024 tables' columns. It loads
them once, cleans the known dirt (BOM, mojibake, stray spaces) in code,
validates them (`validate.py`) and turns them into the records of the
`Election` interface: this election, the notional 2019 result on the 2024
boundaries as `previous`, the actual 2019 result on the old boundaries as
`previous_actual` (read by `uk2019.build_seats`, as the 2019 adapter reads
it), Census 2021 religion, and the party leaders.

The attribute names the verifier was first written against (`notional`,
`seats_2019`, `candidates_2019`, `religion`, `notional_result`) remain as
thin aliases of the neutral ones.
"""
from __future__ import annotations

from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Optional

from . import uk2019
from .blocs import BlocIndex, build_groupings
from .election import Election, clean as _clean, default_data_dir, leaders_from
from .parties import canonical_code, fold
from .places import PlaceIndex, build_places, capitalised_aliases
from .records import Candidate, SeatResult

__all__ = ["UK2024", "FILES", "DATASETS", "default_data_dir"]

FILES = {
    "candidates_2024": "HoC-GE2024-results-by-candidate.csv",
    "constituencies_2024": "HoC-GE2024-results-by-constituency.csv",
    "notional_2019": "notional-ge2019-results-2024-boundaries.csv",
    "candidates_2019": "HoC-GE2019-results-by-candidate.csv",
    "constituencies_2019": "HoC-GE2019-results-by-constituency.csv",
    "census_religion": "census21-religion-by-constituency-2024.csv",
    "leaders": "party-leaders-2024.csv",
    "places": "places.csv",
    "place_seats": "place-seats.csv",
    "blocs": "party-blocs.csv",
}

_DATASETS = {
    "current": "HoC GE2024 results (CBP-10009)",
    "previous": "Notional GE2019 results on 2024 boundaries (Rallings & Thrasher)",
    "previous_actual": uk2019.DATASETS["current"],
    "census": "Census 2021 religion by 2024 constituency (ONS)",
    "leaders": "Party leaders at the 2024 election (party-leaders-2024.csv)",
}

# The citations keyed as the verifier first knew them; `UK2024.datasets` keys them by role.
DATASETS = {
    "2024": _DATASETS["current"],
    "notional 2019": _DATASETS["previous"],
    "2019": _DATASETS["previous_actual"],
    "census": _DATASETS["census"],
    "leaders": _DATASETS["leaders"],
}


class UK2024(Election):
    """Reference API over the 2024 tables, the notional and the actual 2019 results."""

    key = "2024"
    name = "the UK general election of 4 July 2024"
    polling_day = date(2024, 7, 4)
    previous_key = "2019"
    previous_polling_day = date(2019, 12, 12)
    boundaries_changed = True
    files = FILES
    datasets = _DATASETS
    labels = {"current": "2024", "previous": "notional 2019", "previous_actual": "actual 2019"}
    # Sir Lindsay Hoyle, Labour before the chair, at both elections (the notional result gives Chorley to Labour)
    speaker_party = {"current": "Lab", "previous": "Lab", "previous_actual": "Lab"}
    election = key  # the attribute's first name

    def _precompute(self) -> None:
        super()._precompute()
        self._predecessor_map

    def _build(self, frames: dict) -> None:
        self.seats: dict[str, SeatResult] = self._build_2024(frames["candidates_2024"], frames["constituencies_2024"])
        self.previous: dict[str, SeatResult] = self._build_notional(frames["notional_2019"])
        self.previous_actual: dict[str, SeatResult] = uk2019.build_seats(
            frames["candidates_2019"], frames["constituencies_2019"], self.previous_key)
        self.census: dict[str, dict[str, int]] = self._build_census(frames["census_religion"])
        self.candidates: dict[str, Candidate] = {c.key: c for s in self.seats.values() for c in s.candidates}
        self.leaders: dict[str, list[str]] = leaders_from(frames["leaders"], self.seats, FILES["leaders"])
        self.previous_candidates: dict[str, Candidate] = {
            c.key: c for s in self.previous_actual.values() for c in s.candidates}
        self.places = self._build_places(frames["places"], frames["place_seats"])
        self.blocs = BlocIndex(build_groupings(frames["blocs"].to_dict("records")))

    # ------------------------------------------------------------ the first names, kept as aliases
    @property
    def notional(self) -> dict[str, SeatResult]:
        return self.previous

    @property
    def seats_2019(self) -> dict[str, SeatResult]:
        return self.previous_actual

    @property
    def candidates_2019(self) -> dict[str, Candidate]:
        return self.previous_candidates

    @property
    def religion(self) -> dict[str, dict[str, int]]:
        return self.census

    def notional_result(self, ons_id: str) -> Optional[SeatResult]:
        return self.previous_result(ons_id)

    # ------------------------------------------------------------ builders
    @staticmethod
    def _build_2024(cand, cons) -> dict[str, SeatResult]:
        rows: dict[str, list[Candidate]] = {}
        for i, r in enumerate(cand.itertuples(index=False)):
            ons = _clean(r[0])
            change = r.Change
            rows.setdefault(ons, []).append(
                Candidate.model_construct(
                    key=f"{UK2024.key}:{i}",
                    ons_id=ons,
                    seat=_clean(r[2]),
                    first_name=_clean(r[12]),
                    surname=_clean(r[13]),
                    party=canonical_code(_clean(r[8]), _clean(r[7])),
                    party_name=_clean(r[7]),
                    votes=int(r.Votes),
                    share=100.0 * float(r.Share),
                    change=None if change != change else 100.0 * float(change),
                    rank=0,
                    sitting_mp=_clean(r[15]).lower() == "yes",
                    gender=_clean(r[14]) or None,
                )
            )
        seats = {}
        for r in cons.itertuples(index=False):
            ons = _clean(r[0])
            cands = sorted(rows.get(ons, []), key=lambda c: -c.votes)
            for n, c in enumerate(cands, 1):
                c.rank = n
            seats[ons] = SeatResult.model_construct(
                ons_id=ons,
                name=_clean(r[2]),
                region=_clean(r[4]),
                country=_clean(r[5]),
                electorate=int(r.Electorate),
                valid_votes=int(r[15]),
                invalid_votes=int(r[16]),
                majority=int(r.Majority),
                result=_clean(r.Result),
                candidates=cands,
                election=UK2024.labels["current"],
            )
        return seats

    @staticmethod
    def _build_notional(df) -> dict[str, SeatResult]:
        groups: dict[str, list] = {}
        for r in df.itertuples(index=False):
            groups.setdefault(_clean(r.ons_id), []).append(r)
        seats = {}
        for ons, rs in groups.items():
            rs.sort(key=lambda r: -int(r.votes))
            cands = []
            for n, r in enumerate(rs, 1):
                name = _clean(r.party_name)
                cands.append(Candidate.model_construct(
                    key=f"n{UK2024.previous_key}:{ons}:{n}", ons_id=ons, seat=_clean(r.constituency), first_name="", surname=name,
                    party=canonical_code(_clean(r.party_abbreviation), name), party_name=name,
                    votes=int(r.votes), share=100.0 * float(r.share), change=None, rank=n, sitting_mp=False))
            first = rs[0]
            seats[ons] = SeatResult.model_construct(
                ons_id=ons, name=_clean(first.constituency), region="", country=_clean(first.country),
                electorate=int(first.electorate), valid_votes=int(first.valid_votes), invalid_votes=None,
                majority=int(first.majority), result="", candidates=cands, election=UK2024.labels["previous"])
        return seats

    def _build_places(self, places, place_seats) -> PlaceIndex:
        rows = places.to_dict("records")
        return PlaceIndex(build_places(rows, place_seats.to_dict("records"), self.seats),
                          [s.name for s in self.seats.values()], capitalised_aliases(rows))

    @staticmethod
    def _build_census(df) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for r in df.itertuples(index=False):
            out.setdefault(_clean(r[0]), {})[_clean(r[3])] = int(r[4])
        return out

    # ------------------------------------------------------------ queries
    def predecessors(self, ons_id: str) -> list[SeatResult]:
        """Old-boundary seats that a 2024 seat continues, by name and by its MP.

        Name: the same name, or one name's words contained in the other's
        ("North East Somerset" -> "North East Somerset and Hanham"). MP: the
        2024 candidate who won the old seat in 2019 is standing here.
        """
        return self._predecessor_map.get(ons_id, [])

    @cached_property
    def _predecessor_map(self) -> dict[str, list[SeatResult]]:
        new_names = {fold(s.name) for s in self.seats.values()}
        old_by_words = [(set(fold(s.name).split()), s) for s in self.previous_actual.values()]
        winners = self._winners_previous
        out: dict[str, list[SeatResult]] = {}
        for ons, seat in self.seats.items():
            words = set(fold(seat.name).split())
            found: dict[str, SeatResult] = {}
            for old_words, old in old_by_words:
                continues = fold(old.name) in new_names and old_words != words  # still a seat of its own
                if old_words == words or (not continues and (
                        (len(old_words) >= 2 and old_words < words) or (len(words) >= 2 and words < old_words))):
                    found[old.ons_id] = old
            for c in seat.candidates:
                old_ons = winners.get((fold(c.first_name), fold(c.surname)))
                if old_ons and c.sitting_mp:
                    found.setdefault(old_ons, self.previous_actual[old_ons])
            out[ons] = list(found.values())
        return out

    def muslim_share(self, ons_id: str) -> Optional[float]:
        counts = self.census.get(ons_id)
        if not counts:
            return None
        population = sum(v for k, v in counts.items() if k != "Does not apply")
        return 100.0 * counts.get("Muslim", 0) / population if population else None
