"""Official results behind one API; an election is an adapter.

`load_reference()` builds the adapter once per process (and per data
directory) so every article checked in that process shares the indexes.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .records import Candidate, SeatResult
from .uk2024 import DATASETS, UK2024, default_data_dir
from .errors import ReferenceDataError

__all__ = ["Candidate", "SeatResult", "UK2024", "DATASETS", "ReferenceDataError", "load_reference"]


@lru_cache(maxsize=4)
def _load(data_dir: str) -> UK2024:
    return UK2024(Path(data_dir))


def load_reference(data_dir: str | Path | None = None) -> UK2024:
    return _load(str(Path(data_dir) if data_dir else default_data_dir()))
