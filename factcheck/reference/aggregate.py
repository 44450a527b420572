"""Figures over many seats: a nation, the whole country, or a group the text defines.

Journalists compute these themselves ("Labour won 37.1 per cent of the
combined vote in the 28 seats where…"), so the checker recomputes them the
same way: a party's combined share is its votes over the valid votes of the
group, its average change is the mean of its per-seat changes, its losses
are the seats it held on the previous result (notional where boundaries
changed) and did not win this time. Everything here works on the records
the `Election` interface exposes (`seats`, `previous`, `previous_actual`,
`census`), so another election gets it for free. A result is named by its
role ("current", "previous", "previous_actual"), or as the adapter's key and
labels name it ("2024", "notional 2019"). Where a table holds no votes (an
election known only through the next one's changes), totals are None.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from itertools import compress, repeat
from typing import Iterable, Optional

import numpy as np

from ..memo import remembered
from ..models import GroupSpec

ROLES = ("current", "previous", "previous_actual")


@dataclass
class Total:
    votes: Optional[int]  # None: the table holds no votes for this election
    valid: Optional[int]
    seats: int  # seats won
    contested: int  # seats in the set

    @property
    def share(self) -> Optional[float]:
        if self.votes is None or not self.valid:
            return None
        return 100.0 * self.votes / self.valid


def role_of(ref, election: str) -> str:
    """A role, the adapter's own key, one of its labels, or its previous election's year -> the role."""
    if election in ROLES:
        return election
    if election == ref.key:
        return "current"
    for role, label in ref.labels.items():
        if election == label:
            return role
    if election == ref.previous_key:
        return "previous_actual"
    raise KeyError(f"no result {election!r} in the {ref.key} adapter")


def _table(ref, election: str) -> dict:
    role = role_of(ref, election)
    return ref.seats if role == "current" else ref.previous if role == "previous" else ref.previous_actual


def seats_in(ref, nation: Optional[str] = None, region: Optional[str] = None, election: str = "current") -> list[str]:
    """The seats of a nation or a region (every seat without either), in table order: one list per area shared
    by every caller, which must not change it, so that sums over it skip looking its seats up (`_Columns.rows`)."""
    table = _table(ref, election)
    key = (id(table), (nation or "").lower(), (region or "").lower())
    got = _SEATS_IN.get(key)
    if got is None or got[0] is not table:
        out = []
        for ons, seat in table.items():
            if nation and seat.country.lower() != nation.lower():
                continue
            if region and seat.region.lower() != region.lower():
                continue
            out.append(ons)
        columns(table).fix(out)
        got = _SEATS_IN[key] = (table, out)
    return got[1]


#: What a table says of each seat, for totals, as columns (see `_Columns`). Built once per table (the tables do
#: not change once loaded): a total over the whole country is asked many times an article, and a scan of every
#: candidate each time is most of its cost.
_COLUMNS: dict[int, tuple[dict, "_Columns"]] = {}
_SEATS_IN: dict[tuple, tuple[dict, list]] = {}


class _Columns:
    """One table's seats as arrays in table order: valid votes, electorate, rejected ballots, each party's votes
    and the winner's party (as a code), so that a sum over any set of seats is one lookup per seat and a sum in
    numpy, not a walk over every candidate. Votes a row does not hold are -1 (a sum over them is None)."""

    def __init__(self, table: dict):
        self.table = table
        self.ons = list(table)
        self.row = {ons: i for i, ons in enumerate(self.ons)}
        self.every = np.arange(len(self.ons), dtype=np.intp)
        self.every.flags.writeable = False
        self._fixed: dict[int, tuple[list, np.ndarray]] = {id(self.ons): (self.ons, self.every)}
        seats = list(table.values())
        self.valid_held = np.array([s.valid_votes is not None for s in seats], dtype=bool)
        self.valid = np.array([s.valid_votes or 0 for s in seats], dtype=np.int64)
        self.electorate_held = np.array([s.electorate is not None for s in seats], dtype=bool)
        self.electorate = np.array([s.electorate or 0 for s in seats], dtype=np.int64)
        self.invalid_held = np.array([s.invalid_votes is not None for s in seats], dtype=bool)
        self.invalid = np.array([s.invalid_votes or 0 for s in seats], dtype=np.int64)
        self.country = np.array([s.country for s in seats], dtype=object)
        self.parties: list[str] = []  # code -> party
        self.code: dict[str, int] = {}  # party -> code
        self.winner = np.array([self._code(s.winner.party) for s in seats], dtype=np.int64)
        self._votes: dict[str, np.ndarray] = {}
        self._previous: dict[int, tuple[dict, np.ndarray]] = {}  # by the other table
        self._lock = threading.Lock()

    def _code(self, party: str) -> int:
        if party not in self.code:
            self.code[party] = len(self.parties)
            self.parties.append(party)
        return self.code[party]

    def rows(self, seats, strict: bool = False) -> np.ndarray:
        """The rows of these seats, in their order, repeats kept; a seat not in the table is skipped (or, `strict`,
        a KeyError). Each set of seats is looked up once an article (`memo.one_article`); the whole table
        (`every_seat`) and a nation's or a region's seats (`seats_in`), which most wide figures ask for, are
        found by the list itself, without hashing its seats."""
        fixed = self._fixed.get(id(seats))
        if fixed is not None and fixed[0] is seats:
            return fixed[1]
        seats = tuple(seats)
        return remembered("aggregate.rows", (id(self), seats, strict), lambda: self._rows(seats, strict))

    def fix(self, seats: list[str]) -> None:
        """Keep the rows of a list of this table's seats that lives as long as the table (a nation's, a
        region's) and that no one changes: `rows` then finds them by the list itself."""
        self._fixed[id(seats)] = (seats, self._rows(tuple(seats), True))

    def _rows(self, seats, strict: bool) -> np.ndarray:
        if strict:
            rows = np.fromiter(map(self.row.__getitem__, seats), dtype=np.intp)
        else:
            rows = np.fromiter(map(self.row.get, seats, repeat(-1)), dtype=np.intp)
            rows = rows[rows >= 0]
        rows.flags.writeable = False  # an article's later questions share it
        return rows

    def votes_of(self, party: str) -> np.ndarray:
        """The party's votes in each seat: the sum of its candidates' (0 where it stood no one, -1 where a row of
        it holds no votes)."""
        got = self._votes.get(party)
        if got is None:
            got = np.zeros(len(self.ons), dtype=np.int64)
            for i, seat in enumerate(self.table.values()):
                for c in seat.candidates:
                    if c.party == party and got[i] >= 0:
                        got[i] = -1 if c.votes is None else got[i] + c.votes
            got.flags.writeable = False
            self._votes[party] = got
        return got

    def votes_over(self, parties: Iterable[str], rows: np.ndarray) -> Optional[int]:
        """The votes of these parties' candidates in those rows; None when a row of one of them holds no votes."""
        total = 0
        for party in parties:
            mine = self.votes_of(party)[rows]
            if (mine < 0).any():
                return None
            total += int(mine.sum())
        return total

    def valid_over(self, rows: np.ndarray) -> Optional[int]:
        """The valid votes of those rows; None when there are none or a row holds no count."""
        if not len(rows) or not self.valid_held[rows].all():
            return None
        return int(self.valid[rows].sum())

    def won_by(self, parties: Iterable[str], rows: np.ndarray) -> np.ndarray:
        """Which of those rows a candidate of one of these parties won."""
        codes = [self.code[p] for p in parties if p in self.code]
        return np.isin(self.winner[rows], codes)

    def won(self, party: str, rows: np.ndarray) -> int:
        code = self.code.get(party)
        return 0 if code is None else int(np.count_nonzero(self.winner[rows] == code))

    def previous_winner(self, previous: dict) -> np.ndarray:
        """The code of each seat's winner in another table of the same seats (-1 where that table lacks it)."""
        got = self._previous.get(id(previous))
        if got is None or got[0] is not previous:
            with self._lock:  # new parties get codes: one thread at a time
                winners = np.array([self._code(previous[o].winner.party) if o in previous else -1 for o in self.ons],
                                   dtype=np.int64)
            winners.flags.writeable = False
            got = self._previous[id(previous)] = (previous, winners)
        return got[1]


def columns(table: dict) -> _Columns:
    """The table's columns, built the first time a sum over it is asked for."""
    got = _COLUMNS.get(id(table))
    if got is None or got[0] is not table:
        got = _COLUMNS[id(table)] = (table, _Columns(table))
    return got[1]


def every_seat(table: dict) -> list[str]:
    """Every seat of the table, in its order: one list shared by every caller, which must not change it, so
    that sums over the whole table skip looking its seats up (`_Columns.rows`)."""
    return columns(table).ons


def fully_held(table: dict) -> bool:
    """Does the table hold valid votes for every seat (a previous election known only by shares does not)?"""
    return bool(table) and bool(columns(table).valid_held.all())


def religion_share(ref, ons: str, religion: str) -> Optional[float]:
    counts = (ref.census or {}).get(ons)
    if not counts:
        return None
    population = sum(v for k, v in counts.items() if k != "Does not apply")
    key = next((k for k in counts if k.lower() == religion.lower()), None)
    if not population or key is None:
        return None
    return 100.0 * counts[key] / population


def select(ref, spec: GroupSpec) -> list[str]:
    """The seats of this election a group definition picks out, in table order."""
    chosen = seats_in(ref, spec.nation, spec.region)
    if spec.seats:
        listed = set(spec.seats)
        chosen = [ons for ons in chosen if ons in listed]
    if spec.religion and spec.threshold is not None:
        picked = []
        for ons in chosen:
            share = religion_share(ref, ons, spec.religion)
            if share is None:
                continue
            if share > spec.threshold if spec.strict else share >= spec.threshold - 1e-9:
                picked.append(ons)
        chosen = picked
    if spec.lost_by:
        chosen = [ons for ons, _ in losses(ref, spec.lost_by, chosen)]
    if spec.gained_by:
        chosen = [ons for ons, _ in gains(ref, spec.gained_by, chosen)]
    return chosen


def total(ref, party: Optional[str], seats: list[str], election: str = "current") -> Total:
    """A party's votes, share and seats won over a set of seats, in one election."""
    cols = columns(_table(ref, election))
    rows = cols.rows(seats)
    n = len(rows)
    valid = None if not cols.valid_held[rows].all() else int(cols.valid[rows].sum())
    if party is None:
        return Total(votes=0, valid=valid, seats=0, contested=n)
    mine = cols.votes_of(party)[rows]
    votes = None if (mine < 0).any() else int(mine.sum())
    return Total(votes=votes, valid=valid, seats=cols.won(party, rows), contested=n)


def seats_won(ref, party: str, seats: Optional[list[str]] = None, election: str = "current") -> int:
    cols = columns(_table(ref, election))
    return cols.won(party, cols.every if seats is None else cols.rows(seats))


def average_change(ref, party: str, seats: list[str]) -> tuple[Optional[float], int]:
    """Mean change in the party's share against the previous result on these boundaries, over the seats it fought."""
    changes = []
    for ons in seats:
        seat = ref.seats.get(ons)
        row = seat.party_result(party) if seat else None
        if row is not None and row.change is not None:
            changes.append(row.change)
    return (sum(changes) / len(changes) if changes else None), len(changes)


def losses(ref, party: str, seats: Optional[list[str]] = None) -> list[tuple[str, str]]:
    """(seat, new winner's party) for each seat the party held on the previous result and lost."""
    return _changes(ref, party, seats, lost=True)


def gains(ref, party: str, seats: Optional[list[str]] = None) -> list[tuple[str, str]]:
    """(seat, previous holder's party) for each seat the party won from another on the previous result."""
    return _changes(ref, party, seats, lost=False)


def _changes(ref, party: str, seats: Optional[list[str]], lost: bool) -> list[tuple[str, str]]:
    cols = columns(ref.seats)
    before = cols.previous_winner(ref.previous)
    rows = cols.every if seats is None else cols.rows(seats)
    code = cols.code.get(party, -2)  # -2: no seat's winner, before or after (-1 marks a seat not in the other table)
    was, now = before[rows], cols.winner[rows]
    mask = (was == code) & (now != code) if lost else (now == code) & (was != code) & (was != -1)
    other = now if lost else was
    return [(cols.ons[i], cols.parties[k]) for i, k in zip(rows[mask].tolist(), other[mask].tolist())]


def held_throughout(ref, party: str, seats: list[str], election: str) -> list[str]:
    """The seats, in their order, that the party won both in this election and in another result on the same
    boundaries (a seat that result lacks is left out)."""
    cols = columns(ref.seats)
    code = cols.code.get(party, -2)  # -2: no seat's winner (-1 marks a seat not in the other table)
    rows = cols.rows(seats)
    kept = (cols.winner[rows] == code) & (cols.previous_winner(_table(ref, election))[rows] == code)
    return [cols.ons[i] for i in rows[kept].tolist()]


def turnout(ref, seats: Optional[list[str]] = None) -> tuple[float, float]:
    """(valid votes / electorate, ballots / electorate) in percent over the seats."""
    cols = columns(ref.seats)
    rows = cols.every if seats is None else cols.rows(seats, strict=True)
    valid = int(cols.valid[rows].sum())
    electorate = int(cols.electorate[rows].sum())
    ballots = valid + int(cols.invalid[rows].sum())
    return 100.0 * valid / electorate, 100.0 * ballots / electorate


def turnout_over(table: dict, seats: list[str]) -> tuple[Optional[float], Optional[float]]:
    """(valid votes, all ballots) over electorate in percent, over those seats of one result; None where not held."""
    cols = columns(table)
    rows = cols.rows(seats)
    electorate = int(cols.electorate[rows].sum())
    if not len(rows) or not electorate or not (cols.electorate_held[rows].all() and cols.valid_held[rows].all()):
        return None, None
    valid = int(cols.valid[rows].sum())
    ballots = valid + int(cols.invalid[rows].sum()) if cols.invalid_held[rows].all() else None
    return 100.0 * valid / electorate, (100.0 * ballots / electorate if ballots is not None else None)


def outside(table: dict, seats: list[str], country: str) -> list[str]:
    """The seats, in their order, that are not in that country ("Northern Ireland" for Great Britain); every seat
    must be in the table (KeyError)."""
    cols = columns(table)
    keep = cols.country[cols.rows(seats, strict=True)] != country
    return list(compress(seats, keep.tolist()))


def names(ref, seats: list[str], limit: int = 40) -> str:
    """The group spelled out, so an editor can audit it."""
    listed = sorted(ref.seats[o].name for o in seats if o in ref.seats)
    more = f" and {len(listed) - limit} more" if len(listed) > limit else ""
    return ", ".join(listed[:limit]) + more
