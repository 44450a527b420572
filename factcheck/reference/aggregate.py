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

from dataclasses import dataclass
from typing import Optional

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
    return {"current": ref.seats, "previous": ref.previous, "previous_actual": ref.previous_actual}[role_of(ref, election)]


def seats_in(ref, nation: Optional[str] = None, region: Optional[str] = None, election: str = "current") -> list[str]:
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
        got = _SEATS_IN[key] = (table, tuple(out))
    return list(got[1])


#: What a table says of each seat, for totals: its valid votes, each party's votes (None where a row's votes are
#: not held) and its winner's party. Built once per table (the tables do not change once loaded): a total over
#: the whole country is asked many times an article, and a scan of every candidate each time is most of its cost.
_INDEX: dict[int, tuple[dict, dict]] = {}
_SEATS_IN: dict[tuple, tuple[dict, tuple]] = {}


def fully_held(table: dict) -> bool:
    """Does the table hold valid votes for every seat (a previous election known only by shares does not)?"""
    got = _FULL.get(id(table))
    if got is None or got[0] is not table:
        got = _FULL[id(table)] = (table, bool(table) and all(seat[0] is not None for seat in _index(table).values()))
    return got[1]


_FULL: dict[int, tuple[dict, bool]] = {}


def _index(table: dict) -> dict:
    got = _INDEX.get(id(table))
    if got is None or got[0] is not table:
        idx = {}
        for ons, seat in table.items():
            votes: dict[str, Optional[int]] = {}
            for c in seat.candidates:
                if c.party in votes and votes[c.party] is None:
                    continue
                votes[c.party] = None if c.votes is None else votes.get(c.party, 0) + c.votes
            idx[ons] = (seat.valid_votes, votes, seat.winner.party)
        got = _INDEX[id(table)] = (table, idx)
    return got[1]


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
    idx = _index(_table(ref, election))
    votes: Optional[int] = 0
    valid: Optional[int] = 0
    won = n = 0
    for ons in seats:
        seat = idx.get(ons)
        if seat is None:
            continue
        n += 1
        valid = None if valid is None or seat[0] is None else valid + seat[0]
        if party is None:
            continue
        if votes is not None:
            mine = seat[1].get(party, 0)
            votes = None if mine is None else votes + mine
        won += seat[2] == party
    return Total(votes=votes, valid=valid, seats=won, contested=n)


def seats_won(ref, party: str, seats: Optional[list[str]] = None, election: str = "current") -> int:
    idx = _index(_table(ref, election))
    keys = idx.keys() if seats is None else seats
    return sum(1 for ons in keys if ons in idx and idx[ons][2] == party)


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
    out = []
    for ons in ref.seats.keys() if seats is None else seats:
        notional, now = ref.previous.get(ons), ref.seats.get(ons)
        if not (notional and now):
            continue
        before, after = notional.winner.party, now.winner.party
        if lost and before == party != after:
            out.append((ons, after))
        elif not lost and after == party != before:
            out.append((ons, before))
    return out


def turnout(ref, seats: Optional[list[str]] = None) -> tuple[float, float]:
    """(valid votes / electorate, ballots / electorate) in percent over the seats."""
    keys = ref.seats.keys() if seats is None else seats
    valid = invalid = electorate = 0
    for ons in keys:
        s = ref.seats[ons]
        valid += s.valid_votes
        invalid += s.invalid_votes or 0
        electorate += s.electorate or 0
    return 100.0 * valid / electorate, 100.0 * (valid + invalid) / electorate


def names(ref, seats: list[str], limit: int = 40) -> str:
    """The group spelled out, so an editor can audit it."""
    listed = sorted(ref.seats[o].name for o in seats if o in ref.seats)
    more = f" and {len(listed) - limit} more" if len(listed) > limit else ""
    return ", ".join(listed[:limit]) + more
