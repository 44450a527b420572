"""What every election adapter answers, in words that name no election.

The linker and the judge ask an adapter about *this* election and *the
previous one*; which years those are, which published tables hold them and
how an explanation names them is the adapter's business alone. A third
election (the next UK general election, or another country's) is one more
module beside `uk2024.py` and `uk2019.py`, registered in `ADAPTERS`
(`reference/__init__.py`); nothing downstream changes.

Three results, by role (`ROLES`), each a dict of ONS id -> `SeatResult`:

- `seats`: this election on its own boundaries (`candidates` indexes its
  candidacies by key);
- `previous`: the previous election on *these* boundaries. Where the
  boundaries changed this is a notional result (2019 re-computed on the 2024
  seats); where they did not, it is simply the previous result;
- `previous_actual`: the previous election on *its own* boundaries, keyed
  by its own ONS ids (`predecessors()` maps a seat to the old seats it
  continues). Where the boundaries did not change it is `previous` itself.

What a table does not hold stays `None` in the records (a previous
election known only through this one's "change" column has shares but no
votes or majorities) and the judge says so; an adapter never estimates.
"""
from __future__ import annotations

import os
from abc import ABC, abstractmethod
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import ClassVar, Optional

from . import snapshot
from .parties import fold
from .records import Candidate, SeatResult

# The roles a dataset can play; `datasets` and `labels` are keyed by them.
ROLES = ("current", "previous", "previous_actual", "census", "leaders")


def default_data_dir() -> Path:
    """`$FACTCHECK_DATA`, else the repository's `reference_data/` beside the package."""
    env = os.environ.get("FACTCHECK_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "reference_data"


def clean(value) -> str:
    """Strip and repair one cell; ftfy only runs on the rare non-ASCII cell."""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if not value.isascii():
        import ftfy

        value = ftfy.fix_text(value, uncurl_quotes=False)
    return value


class Election(ABC):
    """One election's official results behind the questions the checker asks.

    Class attributes describe the election without loading anything (the
    election-choice step reads `key` and `polling_day` of every adapter);
    an instance loads, validates and snapshots the tables once.
    """

    key: ClassVar[str]  # how users, options and reports name it ("2024")
    name: ClassVar[str]  # how a sentence names it
    polling_day: ClassVar[date]
    previous_key: ClassVar[str]  # the previous general election, as a year people write
    previous_polling_day: ClassVar[date]
    boundaries_changed: ClassVar[bool]  # did `previous_actual` use other boundaries than `seats`?
    files: ClassVar[dict[str, str]]  # frame name -> file in the data directory
    datasets: ClassVar[dict[str, str]]  # role -> the citation a claim carries
    labels: ClassVar[dict[str, str]]  # role -> how an explanation names that result ("notional 2019")
    # role -> the party the Speaker sat for before taking the chair: outlets count the Speaker's seat with it
    # ("Labour 412" in 2024, "Conservatives 318" in 2017)
    speaker_party: ClassVar[dict[str, str]] = {}

    # built from the tables
    seats: dict[str, SeatResult]
    candidates: dict[str, Candidate]
    previous: dict[str, SeatResult]
    previous_actual: dict[str, SeatResult]
    previous_candidates: dict[str, Candidate]  # named candidacies of `previous_actual`; empty where not held
    census: Optional[dict[str, dict[str, int]]]  # ONS id -> category -> residents, on these boundaries
    leaders: dict[str, list[str]]  # party code -> candidate keys of its leader(s) at this election

    def __init__(self, data_dir: Path | str | None = None, verify_checksums: bool = True):
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        key = snapshot.snapshot_key(self.data_dir, list(self.files.values()), self.key) \
            if verify_checksums else None
        state = snapshot.load(key) if key else None
        if state is not None:
            state["data_dir"] = self.data_dir
            self.__dict__.update(state)
            return
        from . import validate  # pandas: only when the tables are parsed

        self._build(validate.load_tables(self.data_dir, self.files, verify_checksums=verify_checksums))
        if key:
            self._precompute()
            snapshot.save(key, {k: v for k, v in self.__dict__.items() if k != "data_dir"})

    @abstractmethod
    def _build(self, frames: dict) -> None:
        """Fill the tables above from the validated frames (one per entry of `files`)."""

    def _precompute(self) -> None:
        """Fill the lazily built maps so a snapshot carries them."""
        self._winners_previous
        self._people_previous

    # ------------------------------------------------------------ queries
    def seat(self, ons_id: str) -> Optional[SeatResult]:
        return self.seats.get(ons_id)

    def candidate(self, key: str) -> Optional[Candidate]:
        return self.candidates.get(key) or self.previous_candidates.get(key)

    def previous_result(self, ons_id: str) -> Optional[SeatResult]:
        """The previous election in this seat, on these boundaries."""
        return self.previous.get(ons_id)

    def is_current(self, key: Optional[str]) -> bool:
        """A candidate key from this election's own table (keys are "<election key>:<row>")."""
        return bool(key) and key.startswith(f"{self.key}:")

    def is_previous_actual(self, key: Optional[str]) -> bool:
        """A key from the previous election's own table: a candidacy, or a seat on the old boundaries."""
        return bool(key) and key.startswith(f"{self.previous_key}:")

    def previous_actual_key(self, ons_id: str) -> str:
        """How a mention of an old-boundary seat is keyed, so it is never taken for a seat of this election."""
        return f"{self.previous_key}:{ons_id}"

    def predecessors(self, ons_id: str) -> list[SeatResult]:
        """The previous election's seats this seat continues; the seat itself where boundaries did not change."""
        old = self.previous_actual.get(ons_id)
        return [old] if old is not None else []

    def previous_seat_won_by(self, person: Candidate) -> Optional[SeatResult]:
        """The previous election's seat the same person won, found by name: how an MP's old majority is traced."""
        ons = self._winners_previous.get((fold(person.first_name), fold(person.surname)))
        return self.previous_actual[ons] if ons else None

    def previous_candidacy(self, person: Candidate) -> Optional[Candidate]:
        """The same person's candidacy at the previous election, if they stood (and the name is not shared)."""
        matches = self._people_previous.get((fold(person.first_name), fold(person.surname)), [])
        return matches[0] if len(matches) == 1 else None

    @cached_property
    def _winners_previous(self) -> dict[tuple[str, str], str]:
        return {(fold(s.winner.first_name), fold(s.winner.surname)): s.ons_id
                for s in self.previous_actual.values() if s.winner.first_name}

    @cached_property
    def _people_previous(self) -> dict[tuple[str, str], list[Candidate]]:
        out: dict[tuple[str, str], list[Candidate]] = {}
        for c in self.previous_candidates.values():
            out.setdefault((fold(c.first_name), fold(c.surname)), []).append(c)
        return out

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.key}: {len(getattr(self, 'seats', {}))} seats>"


def leaders_from(df, seats: dict[str, SeatResult], filename: str) -> dict[str, list[str]]:
    """Party code -> candidate keys of its leader(s); each row must name that seat's candidate for the party."""
    from .errors import ReferenceDataError

    out: dict[str, list[str]] = {}
    for r in df.itertuples(index=False):
        seat = seats.get(clean(r.ons_id))
        first, _, last = clean(r.leader).partition(" ")
        match = [c for c in (seat.candidates if seat else []) if c.first_name == first and c.surname == last
                 and c.party == clean(r.party_code)]
        if len(match) != 1:
            raise ReferenceDataError(f"{filename}: {clean(r.leader)} is not the "
                                     f"{clean(r.party_code)} candidate in {clean(r.constituency)}")
        out.setdefault(clean(r.party_code), []).append(match[0].key)
    return out
