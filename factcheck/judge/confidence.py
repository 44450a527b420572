"""How often a verdict like this one is right: a raw score from the readings, mapped to an observed rate.

A claim's `confidence` is meant to be read literally: of the claims given
0.9, nine in ten are right. The judge cannot know that from its own
weights, which are log-odds from hand-set cue tables, so it computes a raw
score per verdict from what it weighed (below) and looks the score up in a
table fitted on labelled articles (`calibration.tsv`, written by
`benchmarks/calibrate.py`). The table is a step function per verdict,
monotone in the raw score (isotonic regression): a higher raw score never
means a lower confidence.

Raw scores, each in [0, 1]:

- accurate: the share of the figure's reading weight held by the readings
  that fit (and are plausible): how much of what the text can mean agrees
  with the tables.
- inaccurate: the share of the weight held by the readings the tables
  checked and found wrong, times how clearly the words settle the kind:
  an error is sure when the text pins its reading down.
- unverifiable: the share of the weight on elections the tables do not
  hold (another year, a by-election, a poll): a figure about another
  election is surely unverifiable; one the tables merely failed to settle
  may well be right or wrong.

A verdict the table does not cover keeps its raw score, so the judge works
without the table (and `calibrate.py` reads raw scores that way).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Optional

from ..readings.cues import read_table

TABLE = Path(__file__).resolve().parent / "calibration.tsv"
VERDICTS = ("accurate", "inaccurate", "unverifiable")


@dataclass(frozen=True)
class Step:
    """Raw scores from `low` up (to the next step's `low`) get `confidence`; `count` claims of which
    `correct` were right stood behind it when it was fitted."""

    low: float
    confidence: float
    count: int = 0
    correct: int = 0


@dataclass
class Calibration:
    """Per verdict, a step function from raw score to confidence."""

    steps: dict[str, list[Step]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = TABLE) -> "Calibration":
        """The table as written by `benchmarks/calibrate.py --write`; a broken row is a one-line error."""
        return _load(Path(path))

    @classmethod
    def identity(cls) -> "Calibration":
        """No table: confidence is the raw score (what the calibration script fits against)."""
        return cls({})

    @classmethod
    def from_steps(cls, steps: Mapping[str, Iterable[Step]]) -> "Calibration":
        out = {}
        for verdict, rows in steps.items():
            if verdict not in VERDICTS:
                raise ValueError(f"unknown verdict {verdict!r}")
            rows = sorted(rows, key=lambda s: s.low)
            if not rows:
                continue
            for a, b in zip(rows, rows[1:]):
                if b.confidence < a.confidence:
                    raise ValueError(f"{verdict}: confidence falls from {a.confidence} to {b.confidence} "
                                     f"at raw score {b.low}; the map must be monotone")
                if b.low == a.low:
                    raise ValueError(f"{verdict}: two steps start at raw score {a.low}")
            for s in rows:
                if not (0.0 <= s.confidence <= 1.0) or not (0.0 <= s.low <= 1.0):
                    raise ValueError(f"{verdict}: raw score and confidence must lie in [0, 1] ({s})")
            out[verdict] = rows
        return cls(out)

    def confidence(self, verdict: str, raw: float) -> float:
        raw = min(1.0, max(0.0, raw))
        rows = self.steps.get(verdict)
        if not rows:
            return round(raw, 3)
        i = bisect.bisect_right([s.low for s in rows], raw) - 1
        return rows[max(0, i)].confidence


@lru_cache(maxsize=4)
def _load(path: Path) -> Calibration:
    if not path.exists():
        return Calibration.identity()
    steps: dict[str, list[Step]] = {}
    for i, row in enumerate(read_table(path), 2):
        try:
            steps.setdefault(row["verdict"].strip(), []).append(Step(
                low=float(row["raw_from"]), confidence=float(row["confidence"]),
                count=int(row.get("count") or 0), correct=int(row.get("correct") or 0)))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path.name} line {i}: {exc}") from None
    try:
        return Calibration.from_steps(steps)
    except ValueError as exc:
        raise ValueError(f"{path.name}: {exc}") from None


# ------------------------------------------------------------------ raw scores
def accurate_score(total: float, fitting_weight: float) -> float:
    """The share of the figure's reading weight on readings that fit."""
    return _share(fitting_weight, total)


def inaccurate_score(total: float, ruled_out: float, failed: float, kind_share: float) -> float:
    """The share of the weight left after readings of another order of magnitude are set aside that the
    tables checked and found wrong, times the share of the likeliest kind."""
    return _share(failed, total - ruled_out) * min(1.0, max(0.0, kind_share))


def unverifiable_score(eras: Mapping[str, float]) -> float:
    """How strongly the words put the figure at an election the tables do not hold."""
    return min(1.0, max(0.0, eras.get("other", 0.0) + eras.get("forecast", 0.0)))


def kind_share(kinds: Mapping[str, float]) -> float:
    """The likeliest kind's share among the kinds that are election results."""
    values = [v for k, v in kinds.items() if k != "none"]
    z = sum(values)
    return max(values) / z if values and z > 0 else 0.0


def _share(part: float, whole: Optional[float]) -> float:
    if not whole or whole <= 0:
        return 1.0 if part > 0 else 0.0
    return min(1.0, max(0.0, part / whole))
