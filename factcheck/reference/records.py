"""What the reference API answers with: results, not DataFrames.

The verifier asks questions of an election adapter and gets these records
back; it never sees the tables, so another election is a new adapter that
fills the same records. A figure the tables do not hold (the votes and
majorities of an election known only through the next one's changes) is
`None`, never an estimate: the judge then says the figure cannot be checked.
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
    votes: Optional[int]  # None where the table holds only a share (a previous election's party rows)
    share: Optional[float]  # percent; None for a winner known only from the next election's "gain from"
    change: Optional[float] = None  # percentage points against the previous result on these boundaries
    rank: int = 0  # 1 = winner
    sitting_mp: bool = False
    gender: Optional[str] = None  # as the table gives it, where it does

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
    valid_votes: Optional[int] = None
    invalid_votes: Optional[int] = None
    majority: Optional[int] = None
    result: str = ""  # the Library's summary, e.g. "Lab gain from Con"
    candidates: list[Candidate]  # the winner first, then by votes (or by share where votes are not held)
    election: str  # label used in explanations, the adapter's label for this table

    @property
    def winner(self) -> Candidate:
        return self.candidates[0]

    @property
    def runner_up(self) -> Optional[Candidate]:
        return self.candidates[1] if len(self.candidates) > 1 else None

    def turnout_valid(self) -> Optional[float]:
        """Valid votes over electorate: the House of Commons Library's definition."""
        if not self.electorate or self.valid_votes is None:
            return None
        return 100.0 * self.valid_votes / self.electorate

    def turnout_ballots(self) -> Optional[float]:
        """Valid plus rejected ballots over electorate: what returning officers read out."""
        if not self.electorate or self.invalid_votes is None or self.valid_votes is None:
            return None
        return 100.0 * (self.valid_votes + self.invalid_votes) / self.electorate

    def party_result(self, party: str) -> Optional[Candidate]:
        return next((c for c in self.candidates if c.party == party), None)
