"""The UK general election of 4 July 2024, as the official tables give it.

This adapter is the only code that knows the House of Commons Library's
column names. It loads the five tables once, cleans the known dirt (BOM,
mojibake, stray spaces) in code, validates them (`validate.py`) and turns
them into records the verifier can query. Another election is another
adapter with the same public methods.
"""
from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import Optional

from . import snapshot
from .blocs import BlocIndex, build_groupings
from .parties import canonical_code, fold
from .places import PlaceIndex, build_places, capitalised_aliases
from .records import Candidate, SeatResult

FILES = {
    "candidates_2024": "HoC-GE2024-results-by-candidate.csv",
    "constituencies_2024": "HoC-GE2024-results-by-constituency.csv",
    "notional_2019": "notional-ge2019-results-2024-boundaries.csv",
    "candidates_2019": "HoC-GE2019-results-by-candidate.csv",
    "census_religion": "census21-religion-by-constituency-2024.csv",
    "leaders": "party-leaders-2024.csv",
    "places": "places.csv",
    "place_seats": "place-seats.csv",
    "blocs": "party-blocs.csv",
}

DATASETS = {
    "2024": "HoC GE2024 results (CBP-10009)",
    "notional 2019": "Notional GE2019 results on 2024 boundaries (Rallings & Thrasher)",
    "2019": "HoC GE2019 results, 2019 boundaries (CBP-8749)",
    "census": "Census 2021 religion by 2024 constituency (ONS)",
    "leaders": "Party leaders at the 2024 election (party-leaders-2024.csv)",
}


def default_data_dir() -> Path:
    """`$FACTCHECK_DATA`, else the repository's `reference_data/` beside the package."""
    env = os.environ.get("FACTCHECK_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "reference_data"


def _clean(value) -> str:
    """Strip and repair one cell; ftfy only runs on the rare non-ASCII cell."""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if not value.isascii():
        import ftfy

        value = ftfy.fix_text(value, uncurl_quotes=False)
    return value


class UK2024:
    """Reference API over the 2024 tables, the notional and the actual 2019 results."""

    election = "2024"

    def __init__(self, data_dir: Path | str | None = None, verify_checksums: bool = True):
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        key = snapshot.snapshot_key(self.data_dir, list(FILES.values())) if verify_checksums else None
        state = snapshot.load(key) if key else None
        if state is not None:
            state["data_dir"] = self.data_dir
            self.__dict__.update(state)
            return
        self._build(verify_checksums)
        if key:
            self._precompute()
            snapshot.save(key, {k: v for k, v in self.__dict__.items() if k != "data_dir"})

    def _precompute(self) -> None:
        """Fill the lazily built maps so a snapshot carries them."""
        self._predecessor_map
        self._winners_2019
        self._people_2019

    def _build(self, verify_checksums: bool) -> None:
        from . import validate  # pandas: only when the tables are parsed

        frames = validate.load_tables(self.data_dir, FILES, verify_checksums=verify_checksums)
        self.seats: dict[str, SeatResult] = self._build_2024(frames["candidates_2024"], frames["constituencies_2024"])
        self.notional: dict[str, SeatResult] = self._build_notional(frames["notional_2019"])
        self.seats_2019: dict[str, SeatResult] = self._build_2019(frames["candidates_2019"])
        self.religion: dict[str, dict[str, int]] = self._build_census(frames["census_religion"])
        self.candidates: dict[str, Candidate] = {c.key: c for s in self.seats.values() for c in s.candidates}
        self.leaders: dict[str, list[str]] = self._build_leaders(frames["leaders"])
        self.candidates_2019: dict[str, Candidate] = {c.key: c for s in self.seats_2019.values() for c in s.candidates}
        self.places = self._build_places(frames["places"], frames["place_seats"])
        self.blocs = BlocIndex(build_groupings(frames["blocs"].to_dict("records")))

    # ------------------------------------------------------------ builders
    @staticmethod
    def _build_2024(cand, cons) -> dict[str, SeatResult]:
        rows: dict[str, list[Candidate]] = {}
        for i, r in enumerate(cand.itertuples(index=False)):
            ons = _clean(r[0])
            change = r.Change
            rows.setdefault(ons, []).append(
                Candidate.model_construct(
                    key=f"2024:{i}",
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
                election="2024",
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
                    key=f"n2019:{ons}:{n}", ons_id=ons, seat=_clean(r.constituency), first_name="", surname=name,
                    party=canonical_code(_clean(r.party_abbreviation), name), party_name=name,
                    votes=int(r.votes), share=100.0 * float(r.share), change=None, rank=n, sitting_mp=False))
            first = rs[0]
            seats[ons] = SeatResult.model_construct(
                ons_id=ons, name=_clean(first.constituency), region="", country=_clean(first.country),
                electorate=int(first.electorate), valid_votes=int(first.valid_votes), invalid_votes=None,
                majority=int(first.majority), result="", candidates=cands, election="notional 2019")
        return seats

    @staticmethod
    def _build_2019(df) -> dict[str, SeatResult]:
        groups: dict[str, list] = {}
        for i, r in enumerate(df.itertuples(index=False)):
            groups.setdefault(_clean(r.ons_id), []).append((i, r))
        seats = {}
        for ons, rs in groups.items():
            rs.sort(key=lambda ir: -int(ir[1].votes))
            cands = []
            for n, (i, r) in enumerate(rs, 1):
                change = r.change
                cands.append(Candidate.model_construct(
                    key=f"2019:{i}", ons_id=ons, seat=_clean(r.constituency_name), first_name=_clean(r.firstname),
                    surname=_clean(r.surname), party=canonical_code(_clean(r.party_abbreviation), _clean(r.party_name)),
                    party_name=_clean(r.party_name), votes=int(r.votes), share=100.0 * float(r.share),
                    change=None if change != change else 100.0 * float(change), rank=n,
                    sitting_mp=_clean(r.sitting_mp).lower() == "yes"))
            valid = sum(c.votes for c in cands)
            majority = cands[0].votes - (cands[1].votes if len(cands) > 1 else 0)
            first = rs[0][1]
            seats[ons] = SeatResult.model_construct(
                ons_id=ons, name=_clean(first.constituency_name), region=_clean(first.region_name),
                country=_clean(first.country_name), electorate=None, valid_votes=valid, invalid_votes=None,
                majority=majority, result="", candidates=cands, election="2019")
        return seats

    def _build_leaders(self, df) -> dict[str, list[str]]:
        """Party code -> candidate keys of its leader(s); each row must name that seat's candidate for the party."""
        from .errors import ReferenceDataError

        out: dict[str, list[str]] = {}
        for r in df.itertuples(index=False):
            seat = self.seats.get(_clean(r.ons_id))
            first, _, last = _clean(r.leader).partition(" ")
            match = [c for c in (seat.candidates if seat else []) if c.first_name == first and c.surname == last
                     and c.party == _clean(r.party_code)]
            if len(match) != 1:
                raise ReferenceDataError(f"{FILES['leaders']}: {_clean(r.leader)} is not the "
                                         f"{_clean(r.party_code)} candidate in {_clean(r.constituency)}")
            out.setdefault(_clean(r.party_code), []).append(match[0].key)
        return out

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
    def seat(self, ons_id: str) -> Optional[SeatResult]:
        return self.seats.get(ons_id)

    def notional_result(self, ons_id: str) -> Optional[SeatResult]:
        return self.notional.get(ons_id)

    def candidate(self, key: str) -> Optional[Candidate]:
        return self.candidates.get(key) or self.candidates_2019.get(key)

    def previous_seat_won_by(self, person: Candidate) -> Optional[SeatResult]:
        """The 2019 seat the same person won, found by name: how a sitting MP's old majority is traced."""
        ons = self._winners_2019.get((fold(person.first_name), fold(person.surname)))
        return self.seats_2019[ons] if ons else None

    def previous_candidacy(self, person: Candidate) -> Optional[Candidate]:
        """The same person's 2019 candidacy, if they stood (and the name is not shared)."""
        matches = self._people_2019.get((fold(person.first_name), fold(person.surname)), [])
        return matches[0] if len(matches) == 1 else None

    @cached_property
    def _winners_2019(self) -> dict[tuple[str, str], str]:
        return {(fold(s.winner.first_name), fold(s.winner.surname)): s.ons_id for s in self.seats_2019.values()}

    @cached_property
    def _people_2019(self) -> dict[tuple[str, str], list[Candidate]]:
        out: dict[tuple[str, str], list[Candidate]] = {}
        for c in self.candidates_2019.values():
            out.setdefault((fold(c.first_name), fold(c.surname)), []).append(c)
        return out

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
        old_by_words = [(set(fold(s.name).split()), s) for s in self.seats_2019.values()]
        winners = self._winners_2019
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
                    found.setdefault(old_ons, self.seats_2019[old_ons])
            out[ons] = list(found.values())
        return out

    def muslim_share(self, ons_id: str) -> Optional[float]:
        counts = self.religion.get(ons_id)
        if not counts:
            return None
        population = sum(v for k, v in counts.items() if k != "Does not apply")
        return 100.0 * counts.get("Muslim", 0) / population if population else None
