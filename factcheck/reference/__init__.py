"""Official results behind one API; each election is an adapter (`election.Election`).

`load_reference(data_dir, election)` builds an election's adapter once per
process (and per data directory) so every article checked in that process
shares its indexes. `ADAPTERS` lists the elections the data hold, newest
first; adding an election is adding its adapter here (README, "Adding an
election").
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .election import ROLES, Election, default_data_dir
from .errors import ReferenceDataError
from .records import Candidate, SeatResult
from .uk2019 import UK2019
from .uk2024 import DATASETS, UK2024

__all__ = ["Candidate", "SeatResult", "Election", "UK2024", "UK2019", "DATASETS", "ROLES", "ADAPTERS",
           "LATEST", "ReferenceDataError", "UnknownElection", "load_reference", "election_keys"]

# key -> adapter class, newest first
ADAPTERS: dict[str, type[Election]] = {cls.key: cls for cls in sorted((UK2024, UK2019), key=lambda c: c.polling_day,
                                                                           reverse=True)}
LATEST = next(iter(ADAPTERS))


class UnknownElection(ValueError):
    """An election no adapter holds; the message lists those that are held."""


def election_keys() -> list[str]:
    """The elections the data hold, newest first."""
    return list(ADAPTERS)


@lru_cache(maxsize=8)
def _load(data_dir: str, election: str) -> Election:
    return ADAPTERS[election](Path(data_dir))


def load_reference(data_dir: str | Path | None = None, election: str | None = None) -> Election:
    """The adapter for `election` (default: the latest), built once per process and data directory."""
    election = election or LATEST
    if election not in ADAPTERS:
        raise UnknownElection(f"unknown election {election!r}: the reference data hold {', '.join(ADAPTERS)}")
    return _load(str(Path(data_dir) if data_dir else default_data_dir()), election)
