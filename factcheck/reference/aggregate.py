"""Figures over many seats: a nation, the whole country, or a group the text defines.

Journalists compute these themselves ("Labour won 37.1 per cent of the
combined vote in the 28 seats where…"), so the checker recomputes them the
same way: a party's combined share is its votes over the valid votes of the
group, its average change is the mean of its per-seat changes, its losses
are the seats it held on the notional 2019 result and did not win in 2024.
Everything here works on the records an adapter exposes (`seats`,
`notional`, `seats_2019`, `religion`), so another election gets it for free.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..models import GroupSpec

ELECTIONS = ("2024", "notional 2019", "2019")


@dataclass
class Total:
    votes: int
    valid: int
    seats: int  # seats won
    contested: int  # seats in the set

    @property
    def share(self) -> Optional[float]:
        return 100.0 * self.votes / self.valid if self.valid else None


def _table(ref, election: str) -> dict:
    return {"2024": ref.seats, "notional 2019": ref.notional, "2019": ref.seats_2019}[election]


def seats_in(ref, nation: Optional[str] = None, region: Optional[str] = None, election: str = "2024") -> list[str]:
    table = _table(ref, election)
    out = []
    for ons, seat in table.items():
        if nation and seat.country.lower() != nation.lower():
            continue
        if region and seat.region.lower() != region.lower():
            continue
        out.append(ons)
    return out


def religion_share(ref, ons: str, religion: str) -> Optional[float]:
    counts = ref.religion.get(ons)
    if not counts:
        return None
    population = sum(v for k, v in counts.items() if k != "Does not apply")
    key = next((k for k in counts if k.lower() == religion.lower()), None)
    if not population or key is None:
        return None
    return 100.0 * counts[key] / population


def select(ref, spec: GroupSpec) -> list[str]:
    """The 2024 seats a group definition picks out, in table order."""
    chosen = seats_in(ref, spec.nation, spec.region)
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
    return chosen


def total(ref, party: Optional[str], seats: list[str], election: str = "2024") -> Total:
    """A party's votes, share and seats won over a set of seats, in one election."""
    table = _table(ref, election)
    votes = valid = won = 0
    n = 0
    for ons in seats:
        seat = table.get(ons)
        if seat is None:
            continue
        n += 1
        valid += seat.valid_votes
        if party is None:
            continue
        row = [c for c in seat.candidates if c.party == party]
        votes += sum(c.votes for c in row)
        won += seat.winner.party == party
    return Total(votes=votes, valid=valid, seats=won, contested=n)


def seats_won(ref, party: str, seats: Optional[list[str]] = None, election: str = "2024") -> int:
    table = _table(ref, election)
    keys = table.keys() if seats is None else seats
    return sum(1 for ons in keys if ons in table and table[ons].winner.party == party)


def average_change(ref, party: str, seats: list[str]) -> tuple[Optional[float], int]:
    """Mean change in the party's share against the notional 2019 result, over the seats it fought."""
    changes = []
    for ons in seats:
        seat = ref.seats.get(ons)
        row = seat.party_result(party) if seat else None
        if row is not None and row.change is not None:
            changes.append(row.change)
    return (sum(changes) / len(changes) if changes else None), len(changes)


def losses(ref, party: str, seats: Optional[list[str]] = None) -> list[tuple[str, str]]:
    """(seat, new winner's party) for each seat the party held on the notional 2019 result and lost."""
    return _changes(ref, party, seats, lost=True)


def gains(ref, party: str, seats: Optional[list[str]] = None) -> list[tuple[str, str]]:
    """(seat, previous holder's party) for each seat the party won from another on the notional result."""
    return _changes(ref, party, seats, lost=False)


def _changes(ref, party: str, seats: Optional[list[str]], lost: bool) -> list[tuple[str, str]]:
    out = []
    for ons in ref.seats.keys() if seats is None else seats:
        notional, now = ref.notional.get(ons), ref.seats.get(ons)
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
