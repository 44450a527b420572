"""Words around a figure as weighted evidence for what it means.

A cue is one row of a vocabulary table (`vocab/cues.tsv`): a regular
expression, the window of text it is looked for in, the units of figure it
applies to, the dimension it speaks to (the figure's kind, its election, its
scope) and a weight in log-odds. Nothing here decides: every cue that fires
adds its weight to one value of one dimension, the priors of
`vocab/priors.tsv` start each value off, and a softmax turns the totals into
a distribution. A new phrasing is a new row, not a new branch in the code,
and a cue can be wrong without condemning the figure, because the tables
weigh in after it (the judge).

Structural facts the code finds (a candidate named in the figure's clause,
"from X to Y", a figure over 100,000) enter the same way: as named features
whose weights live in the same table (window `feature`).
"""
from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Optional

import ahocorasick

from factcheck.readings.literals import folded, needles

VOCAB = Path(__file__).resolve().parent / "vocab"

WINDOWS = ("before", "after", "left", "right", "clause", "sentence", "self", "carried", "feature")
UNITS = ("count", "percent", "points", "fraction")
DIMENSIONS = ("kind", "era", "scope", "role")


@dataclass(frozen=True)
class Cue:
    name: str
    dimension: str
    value: str
    window: str
    units: frozenset[str]
    weight: float
    pattern: re.Pattern | None  # None for a structural feature, matched by name
    needles: tuple[str, ...] | None = None  # words one of which any match holds (literals.py); None: unknown


def _units(spec: str) -> frozenset[str]:
    spec = spec.strip()
    if spec in ("", "any"):
        return frozenset(UNITS)
    out = set()
    for u in (u.strip() for u in spec.split("|")):
        # "pct": every unit that is a percentage of something
        out |= {"percent", "points", "fraction"} if u == "pct" else {u}
    out = frozenset(out)
    bad = out - set(UNITS)
    if bad:
        raise ValueError(f"unknown unit(s) {sorted(bad)}")
    return out


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated vocabulary file; `#` starts a comment line."""
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


class CueTable:
    """The cues of one vocabulary file, compiled once."""

    def __init__(self, cues: Iterable[Cue], priors: Mapping[tuple[str, str, str], float]):
        self.cues = list(cues)
        self.priors = dict(priors)  # (dimension, unit, value) -> weight
        self.by_feature: dict[str, list[Cue]] = {}
        for c in self.cues:
            if c.window == "feature":
                self.by_feature.setdefault(c.name, []).append(c)
        self.textual = [c for c in self.cues if c.window != "feature"]
        self._by_unit: dict[str, _UnitCues] = {}
        self.values: dict[str, set[str]] = {}
        for (dim, _, value) in self.priors:
            self.values.setdefault(dim, set()).add(value)
        for c in self.cues:
            self.values.setdefault(c.dimension, set()).add(c.value)

    @classmethod
    def load(cls, cues_paths: Optional[Iterable[Path]] = None, priors_path: Path = VOCAB / "priors.tsv",
             election: Optional[Mapping[str, str]] = None) -> "CueTable":
        """Every `cues*.tsv` of the vocabulary (one file a theme), with `election` filling the placeholders
        ({CUR}, {PREV}, ...: `election_words`), so that "in 2019" marks the previous election for a 2024
        article and this one for a 2019 article."""
        words = dict(election or {})
        cues = []
        paths = sorted(VOCAB.glob("cues*.tsv")) if cues_paths is None else list(cues_paths)
        rows = [(path, i, row) for path in paths for i, row in enumerate(read_table(path), 2)]
        for cues_path, i, row in rows:
            try:
                dim, value = row["dimension"].strip(), row["value"].strip()
                window = row["window"].strip()
                if dim not in DIMENSIONS:
                    raise ValueError(f"unknown dimension {dim!r}")
                if window not in WINDOWS:
                    raise ValueError(f"unknown window {window!r}")
                pattern = _fill(row["pattern"].strip(), words)
                compiled = None if window == "feature" else re.compile(pattern, re.I)
                name = pattern if window == "feature" else (row.get("name") or "").strip() or f"{dim}:{value}@{i}"
                cues.append(Cue(name=name, dimension=dim, value=value, window=window,
                                units=_units(row["units"]), weight=float(row["weight"]), pattern=compiled,
                                needles=None if compiled is None else needles(pattern, re.I)))
            except (KeyError, ValueError, re.error) as exc:
                raise ValueError(f"{cues_path.name} line {i}: {exc}") from None
        priors = {}
        for i, row in enumerate(read_table(priors_path), 2):
            try:
                for unit in _units(row["units"]):
                    priors[(row["dimension"].strip(), unit, row["value"].strip())] = float(row["weight"])
            except (KeyError, ValueError) as exc:
                raise ValueError(f"{priors_path.name} line {i}: {exc}") from None
        return cls(cues, priors)

    def _for_unit(self, unit: str) -> "_UnitCues":
        """The priors and the textual cues of figures of one unit, in table order, picked out once per unit
        rather than once per figure."""
        got = self._by_unit.get(unit)
        if got is None:
            got = self._by_unit[unit] = _UnitCues.of(
                [(dim, value, w) for (dim, u, value), w in self.priors.items() if u == unit],
                [c for c in self.textual if unit in c.units])
        return got

    def score(self, windows: Mapping[str, str], unit: str, features: Iterable[str] = ()) -> "Scores":
        """Every cue that fires for a figure of this unit, summed per dimension and value."""
        plan = self._for_unit(unit)
        totals: dict[str, dict[str, float]] = {}
        for dim, value, w in plan.priors:
            totals.setdefault(dim, {})[value] = w
        priors = {dim: dict(vals) for dim, vals in totals.items()}
        fired: list[str] = []
        worded: list[str] = []  # the words that make it an election figure of some kind
        for c in plan.candidates(windows):
            text = windows.get(c.window, "")
            if not text:
                continue
            if c.pattern.search(text):
                d = totals.setdefault(c.dimension, {})
                d[c.value] = d.get(c.value, 0.0) + c.weight
                fired.append(c.name)
                if c.weight > 0 and c.dimension in ("kind", "role"):
                    worded.append(c.name)
        for f in features:
            for c in self.by_feature.get(f, ()):
                if unit in c.units:
                    d = totals.setdefault(c.dimension, {})
                    d[c.value] = d.get(c.value, 0.0) + c.weight
                    fired.append(c.name)
        return Scores(totals, fired, priors, worded)


@dataclass
class _UnitCues:
    """The cues of one unit, indexed by the words they cannot match without.

    A figure's windows hold few of those words, so each window is scanned once, by an Aho-Corasick automaton
    of the distinct words of its cues (many cues share one: "votes", "seat"), rather than tested for each word
    in turn, and only the cues holding a word found there are tried, in table order, as the plain walk over
    every cue would try them.
    """

    priors: list[tuple[str, str, float]]
    cues: list[Cue]
    always: tuple[int, ...]  # cues that need no particular word
    by_window: tuple[tuple[str, "ahocorasick.Automaton"], ...]  # window -> automaton of its words -> their cues

    @classmethod
    def of(cls, priors: list[tuple[str, str, float]], cues: list[Cue]) -> "_UnitCues":
        always = tuple(k for k, c in enumerate(cues) if c.needles is None)
        index: dict[str, dict[str, list[int]]] = {}
        for k, c in enumerate(cues):
            for n in c.needles or ():
                index.setdefault(c.window, {}).setdefault(n, []).append(k)
        by_window = []
        for window, words in index.items():
            automaton = ahocorasick.Automaton()
            for n, ks in words.items():
                automaton.add_word(n, tuple(ks))
            automaton.make_automaton()
            by_window.append((window, automaton))
        return cls(priors, cues, always, tuple(by_window))

    def candidates(self, windows: Mapping[str, str]) -> list[Cue]:
        """The cues that can match somewhere in these windows, in table order."""
        found: set[tuple[int, ...]] = set()
        for window, automaton in self.by_window:
            text = windows.get(window, "")
            if text:
                found.update(ks for _, ks in automaton.iter(folded(text)))
        hit = set(self.always)
        for ks in found:
            hit.update(ks)
        return [self.cues[k] for k in sorted(hit)]


@dataclass
class Scores:
    totals: dict[str, dict[str, float]]
    fired: list[str]
    priors: dict[str, dict[str, float]] = None
    worded: list[str] = None  # textual cues that speak for an election figure (positive kind or role weight)

    def evidence(self, dimension: str) -> dict[str, float]:
        """What the cues added to each value, priors left out: what a partner figure can borrow."""
        base = (self.priors or {}).get(dimension, {})
        return {k: v - base.get(k, 0.0) for k, v in self.totals.get(dimension, {}).items()}

    def add(self, dimension: str, value: str, weight: float, why: str) -> None:
        d = self.totals.setdefault(dimension, {})
        d[value] = d.get(value, 0.0) + weight
        self.fired.append(why)

    def distribution(self, dimension: str) -> dict[str, float]:
        """Softmax over the dimension's values: what the words make of the figure."""
        d = self.totals.get(dimension, {})
        if not d:
            return {}
        top = max(d.values())
        exp = {k: math.exp(v - top) for k, v in d.items()}
        z = sum(exp.values())
        return {k: v / z for k, v in sorted(exp.items(), key=lambda kv: -kv[1])}

    def present(self, dimension: str) -> set[str]:
        """Values of a non-exclusive dimension (roles) whose total is positive."""
        return {k for k, v in self.totals.get(dimension, {}).items() if v > 0}


PLACEHOLDER = re.compile(r"\{(CUR|PREV|OTHER_YEAR|PREV_MONTH|CUR_MONTH|AGO|WEEKDAY)\}")


def _fill(pattern: str, words: Mapping[str, str]) -> str:
    def one(m: re.Match) -> str:
        if m.group(1) not in words:
            raise ValueError(f"placeholder {m.group(0)} needs an election (CueTable.load(election=...))")
        return words[m.group(1)]
    return PLACEHOLDER.sub(one, pattern)


NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
                10: "ten"}


def election_words(key: str, previous_key: str, polling_day, previous_polling_day) -> dict[str, str]:
    """The placeholders' values for one election, from its adapter's dates: never written in the table."""
    import calendar

    years = (polling_day - previous_polling_day).days / 365.25
    low, high = int(years), int(years) + 1
    ago = [str(low), str(high), NUMBER_WORDS.get(low, str(low)), NUMBER_WORDS.get(high, str(high))]
    if 0.25 <= years - low <= 0.75:
        ago.append(rf"{NUMBER_WORDS.get(low, str(low))}[\s-]+and[\s-]+a[\s-]+half")  # also "four-and-a-half"
    later = rf"(?!(?:{key}|{previous_key})\b)"
    return {
        "CUR": re.escape(key), "PREV": re.escape(previous_key),
        # any other year, from the nineteenth century to the year of this election
        "OTHER_YEAR": rf"{later}(?:1[89]\d\d|20\d\d)",
        "PREV_MONTH": calendar.month_name[previous_polling_day.month].lower(),
        "CUR_MONTH": calendar.month_name[polling_day.month].lower(),
        "AGO": "|".join(dict.fromkeys(ago)),
        "WEEKDAY": calendar.day_name[polling_day.weekday()].lower(),
    }


@lru_cache(maxsize=8)
def _table(key: str, previous_key: str, polling_day, previous_polling_day) -> CueTable:
    return CueTable.load(election=election_words(key, previous_key, polling_day, previous_polling_day))


def table_for(ref) -> CueTable:
    """The cue table with one election's years and dates filled in, built once per election."""
    return _table(ref.key, ref.previous_key, ref.polling_day, ref.previous_polling_day)


def default_table() -> CueTable:
    from ..reference import ADAPTERS, LATEST

    return table_for(ADAPTERS[LATEST])
