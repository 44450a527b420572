"""What the reference API answers with: results, not DataFrames.

The verifier asks questions of an election adapter and gets these records
back; it never sees the tables, so another election is a new adapter that
fills the same records.
"""
from __future__ import annotations

from typing import Optional

from pydantic import BaseModel


class Candidate(BaseModel):
    key: str
    ons_id: str
    seat: str
    first_name: str
    surname: str
    party: str  # canonical party code
    party_name: str  # as the table gives it
    votes: int
    share: float  # percent
    change: Optional[float] = None  # percentage points against the previous (notional) result
    rank: int = 0  # 1 = winner
    sitting_mp: bool = False

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.surname}".strip()


class SeatResult(BaseModel):
    """One constituency's contest, candidates ordered by votes."""

    ons_id: str
    name: str
    region: str = ""
    country: str = ""
    electorate: Optional[int] = None
    valid_votes: int
    invalid_votes: Optional[int] = None
    majority: int
    result: str = ""
    candidates: list[Candidate]
    election: str  # label used in explanations: "2024", "2019", "notional 2019"

    @property
    def winner(self) -> Candidate:
        return self.candidates[0]

    @property
    def runner_up(self) -> Optional[Candidate]:
        return self.candidates[1] if len(self.candidates) > 1 else None

    def turnout_valid(self) -> Optional[float]:
        """Valid votes over electorate: the House of Commons Library's definition."""
        return 100.0 * self.valid_votes / self.electorate if self.electorate else None

    def turnout_ballots(self) -> Optional[float]:
        """Valid plus rejected ballots over electorate: what returning officers read out."""
        if not self.electorate or self.invalid_votes is None:
            return None
        return 100.0 * (self.valid_votes + self.invalid_votes) / self.electorate

    def party_result(self, party: str) -> Optional[Candidate]:
        return next((c for c in self.candidates if c.party == party), None)
