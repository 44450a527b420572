"""Figures as a sentence writes them, with the slack the wording allows.

A claim is checked by asking whether the official value falls inside an
interval, so a figure is read together with its hedge ("more than", "about",
"just under") and with the precision it was written at ("13,000" is rounded,
"13,141" is not), and the pair becomes `(low, high)`. Anything that looks
like a number but cannot be an election figure (a year, a date, an age, a
duration, money, a clock time, a phone number, a label such as "Radio 4" or
"M62", an ordinal) is dropped here, so later stages never have to ask.

This runs on every sentence of every article: plain regular expressions, no
NLP library.

Precision (`precision_step`)
    decimals: 10**-decimals ("31.6" -> 0.1); a whole-number percent or
    points figure: 1 (a trailing zero in "20%" does not make it rounded to
    tens); other whole numbers: 10**trailing_zeros ("1,400" -> 100,
    "507" -> 1); a scale multiplies ("1.2 million" -> 100,000, "14k" ->
    1,000); fractions ("a third", "one in five", read as percents): 1.

Intervals (`interval`), with v = |value| and step as above
    exact      [v - hw, v + hw]; hw = step/2 for decimals, percents and
               points; 0 for whole counts written to the unit ("507");
               min(step/2, 5% of v) for counts ending in zeros ("13,000");
               a fraction is always a rounding: hw = max(step/2, 5% of v)
    about      hw = max(step/2, 5% of v)
    more_than  (v, v + max(step, 5% of v)]: "more than 31,000" is 31,something
               narrow hedges ("just over"): (v, v + max(step/2, 2.5% of v)]
    at_least   [v, v + max(step, 5% of v)]
    less_than  [v - max(step, 5% of v), v)
               narrow hedges ("just under"): [v - max(step/2, 2.5% of v), v)
    nearly     [v - max(step/2, 10% of v), v]
    at_most    [v - max(step, 5% of v), v]
    For fractions ("more than a sixth") the 5% and 2.5% become 25% and 10%.
    range      [low end of the first figure read exactly,
                high end of the second figure read exactly] ("between")
    Lower ends never go below zero. For more_than and less_than the end
    equal to `value` is open (`admits` applies this); every other end is
    closed. Bounds are rounded to 9 decimal places to shed float noise;
    `admits` compares with a 1e-9 tolerance.

Numbers as the press prints them
    Thousands separators may be a comma ("12,345"), a comma with a stray
    space ("38, 765"), a space or no-break space ("9 030"), full stops
    ("1.234.567") or nothing ("12880"). A lone full stop before exactly
    three digits in a vote count ("won by 1.900") is a separator or a
    decimal point: the figure is read as 1,900 with 1.9 in `alternatives`.
    A hyphen between a name and a bare count ("Loony Party -211") is a
    dash far more often than a sign: the figure is 211, with -211 in
    `alternatives`. A run of digits longer than `MAX_DIGITS` is no election
    figure, and a figure cut off at the end of the text ("majority 1,4")
    is no claim. The judge never calls a figure with alternatives
    inaccurate (see `Quantity.alternatives`).

Cost
    Every look around a figure is a bounded window or a match anchored at
    the figure, never a slice to the end of the sentence, so reading is
    linear in the sentence whatever its length.

Negative figures ("-8.5%", "−1.8") carry their sign in `value`; a hedge
speaks of the size of the change ("nearly -10%" is a fall of almost ten), so
the interval is computed for |value| and mirrored: "more than -5" is
[-6.25, -5), open at -5.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Optional

from ..memo import remembered
from ..readings.literals import folded, holds, needles
from ..models import Qualifier, Quantity, Unit

__all__ = [
    "HEDGES",
    "MAX_DIGITS",
    "NARROW_HEDGES",
    "admits",
    "find_quantities",
    "interval",
    "precision_step",
    "range_interval",
]

# ------------------------------------------------------------------ hedges
#: Hedge words -> qualifier. The phrase must stand directly before the
#: figure; when several fit, the longest wins ("just over" beats "over",
#: "no more than" beats "more than"). "just", "only", "exactly" are kept as
#: the hedge but leave the figure exact ("by just 1,689").
HEDGES: dict[str, Qualifier] = {
    # more_than
    "more than": "more_than",
    "more-than": "more_than",
    "over": "more_than",
    "well over": "more_than",
    "above": "more_than",
    "in excess of": "more_than",
    "upwards of": "more_than",
    "just over": "more_than",
    "just more than": "more_than",
    "just above": "more_than",
    "slightly more than": "more_than",
    "slightly over": "more_than",
    "slightly above": "more_than",
    "a little over": "more_than",
    "a little more than": "more_than",
    # less_than
    "fewer than": "less_than",
    "less than": "less_than",
    "under": "less_than",
    "below": "less_than",
    "just under": "less_than",
    "just below": "less_than",
    "just fewer than": "less_than",
    "just less than": "less_than",
    "slightly fewer than": "less_than",
    "slightly less than": "less_than",
    "slightly under": "less_than",
    "slightly below": "less_than",
    "a little under": "less_than",
    "a little less than": "less_than",
    # nearly
    "almost": "nearly",
    "nearly": "nearly",
    "very nearly": "nearly",
    "close to": "nearly",
    "just shy of": "nearly",
    "just short of": "nearly",
    "approaching": "nearly",
    "not quite": "nearly",
    "getting on for": "nearly",
    # about
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "approx.": "about",
    "some": "about",
    "circa": "about",
    "c.": "about",
    "an estimated": "about",
    "in the region of": "about",
    # at_least
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not fewer than": "at_least",
    "not less than": "at_least",
    "a minimum of": "at_least",
    # at_most
    "up to": "at_most",
    "at most": "at_most",
    "no more than": "at_most",
    "not more than": "at_most",
    "a maximum of": "at_most",
    # emphasis only: the figure stays exact
    "just": "exact",
    "only": "exact",
    "exactly": "exact",
    "precisely": "exact",
    "a mere": "exact",
}

#: Hedges that promise the official value is close to the figure, so the
#: open side of the interval is half as wide.
NARROW_HEDGES: frozenset[str] = frozenset(
    h for h in HEDGES
    if h.startswith(("just ", "slightly ", "a little ")) and HEDGES[h] in ("more_than", "less_than")
)

_EPS = 1e-9


def _norm_hedge(hedge: Optional[str]) -> str:
    return re.sub(r"\s+", " ", hedge or "").strip().lower()


# ---------------------------------------------------------------- intervals
def _clean(x: float) -> float:
    x = round(x, 9)
    return 0.0 if x == 0 else x


def precision_step(written: str, unit: str, multiplier: float = 1) -> float:
    """How far apart the values the writer could have rounded to are.

    A figure is only as exact as it was written: "13,000" stands for
    anything that rounds to it, "13,141" for itself.
    """
    if unit == "fraction":
        return 1.0
    digits = written.strip().lstrip("+-−–").replace(",", "")
    scale = round(math.log10(multiplier)) if multiplier > 0 else 0
    if "." in digits:
        return 10.0 ** (scale - len(digits.split(".", 1)[1]))
    if unit in ("percent", "points") and scale == 0:
        return 1.0
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped) if stripped else 0
    return 10.0 ** (zeros + scale)


def _exact_halfwidth(v: float, unit: str, step: float) -> float:
    if unit == "fraction":
        return max(step / 2, 0.05 * v)
    if unit in ("percent", "points") or step < 1:
        return step / 2
    if step == 1:
        return 0.0
    return min(step / 2, 0.05 * v)


def interval(
    value: float,
    unit: Unit | str,
    qualifier: Qualifier | str = "exact",
    step: float = 1.0,
    hedge: Optional[str] = None,
) -> tuple[float, float]:
    """The official values the wording admits (see the module docstring for the rules).

    Kept separate from the reading so the rules can be tested, and tuned,
    without writing sentences.
    """
    if qualifier == "range":
        raise ValueError("a range has two written ends: use range_interval()")
    if value < 0:
        lo, hi = interval(-value, unit, qualifier, step, hedge)
        return _clean(-hi), _clean(-lo)
    v = float(value)
    # A bound is read at the precision it was written: "more than 31,000" means 31,something,
    # "more than 35,030" means a little over it. Fractions ("more than a sixth") are coarse by nature.
    coarse = unit == "fraction"
    wide = max(step, (0.25 if coarse else 0.05) * v)
    tight = max(step / 2, 0.1 * v)
    slight = max(step / 2, (0.1 if coarse else 0.025) * v)
    narrow = _norm_hedge(hedge) in NARROW_HEDGES
    if qualifier == "exact":
        hw = _exact_halfwidth(v, unit, step)
        lo, hi = v - hw, v + hw
    elif qualifier == "about":
        hw = max(step / 2, 0.05 * v)
        lo, hi = v - hw, v + hw
    elif qualifier == "more_than":
        lo, hi = v, v + (slight if narrow else wide)
    elif qualifier == "at_least":
        lo, hi = v, v + wide
    elif qualifier == "less_than":
        lo, hi = v - (slight if narrow else wide), v
    elif qualifier == "nearly":
        lo, hi = v - tight, v
    elif qualifier == "at_most":
        lo, hi = v - wide, v
    else:
        raise ValueError(f"unknown qualifier {qualifier!r}")
    return _clean(max(lo, 0.0)), _clean(hi)


def range_interval(a: float, b: float, unit: Unit | str, step_a: float = 1.0, step_b: float = 1.0) -> tuple[float, float]:
    """"between A and B": each end keeps the rounding it was written with."""
    (lo_a, hi_a), (lo_b, hi_b) = interval(a, unit, "exact", step_a), interval(b, unit, "exact", step_b)
    return min(lo_a, lo_b), max(hi_a, hi_b)


def admits(q: Quantity, official: float) -> bool:
    """Whether `official` is a value the wording of `q` allows.

    The only place the open end of more_than/less_than is spelled out: the
    end equal to the written figure is excluded, whichever side it is on.
    """
    tol = _EPS * max(1.0, abs(official))
    if q.qualifier in ("more_than", "less_than") and abs(official - q.value) <= tol:
        return False
    return q.low - tol <= official <= q.high + tol


# ---------------------------------------------------------------- vocabulary
_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_SMALL = {**_UNITS, **_TEENS, **_TENS}
_NUMBER_WORDS = [*_UNITS, *_TEENS, *_TENS, "hundred", *_SCALES, "dozen"]

_DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                 "ninth": 9, "tenth": 10}
_MONTHS = (r"January|February|March|April|May|June|July|August|September|October|November|December"
           r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec")
_WEEKDAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|Thu(?:rs)?|Fri|Sat|Sun"
_DURATION = (r"seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|years?|yrs?"
             r"|decades?|century|centuries|weekends?")
# words that make the number a name, not an amount ("Radio 4", "No 10", "Article 50")
_LABELS = (r"Radio|Channel|Article|Section|Clause|Chapter|Page|Schedule|Tier|Level|Stage|Year|Formula|Room"
           r"|Flight|Route|Platform|Figure|Table|Part|Series|Season|Episode|Question|Rule|Number|No|Act|Line"
           r"|Junction|Terminal|Studio|Category|Class|Grade|Division|Band|Zone|Phase|Version|Volume|Vol|Apollo"
           r"|Windows|Proposition|Amendment|Gate|Covid|COVID")
# nouns after a hyphen that keep the number an amount ("an 8,000-vote majority")
_COMPOUND_COUNT = {"vote", "votes", "seat", "seats", "strong", "member", "members", "candidate", "candidates",
                   "mp", "mps", "ward", "wards", "constituency", "person", "people", "voter", "voters"}

#: The longest whole number (in digits) read as a figure: the UK electorate has eight.
MAX_DIGITS = 10

_I = re.IGNORECASE
_DIGITS = re.compile(r"(?<!\d)(\d+(?:,\d+)*)(\.\d+)?")
_SPACE = "[ \u00a0\u2007\u2009\u202f]"
# "9 030", "1 234 567": groups of three after one space each, with no further bare number after them
# (a row of numbers, "203 13 55", is not one figure)
_SPACED_GROUPS = re.compile(rf"(?:{_SPACE}\d{{3}}){{1,3}}(?!\d|,\d|\.\d|{_SPACE}[-+−–]?\d)")
# "38, 765": a comma and a stray space, not a list ("12, 345, 678")
_COMMA_SPACED_GROUPS = re.compile(r"(?:, \d{3}){1,2}(?!\d|,\s*\d|\.\d)")
# "1.234.567": more full stops, each before three digits (one full stop alone is ambiguous)
_DOT_GROUPS = re.compile(r"(?:\.\d{3}){1,3}(?!\d|[.,]\d)")
_BARE_NUMBER_BEFORE = re.compile(rf"\d(?:{_SPACE}|,\s)$")
_PLUS_FIGURE = re.compile(r"(?<![\w+])\+\s?\d")
_TEXT_END = re.compile(r"\s*\Z")
_VOTES_SEATS_AFTER = re.compile(r"\s+(?:votes|seats)\b", _I)
_COUNT_NOUN_AFTER = re.compile(r"\s+(?:(?:new|more|extra|additional|further|other|single|[A-Z][\w’'-]*)\s+)?"
                               r"(?:seat|mp|vote|candidate|constituency|councillor|member)\b", _I)
_HEDGE_C_BEFORE = re.compile(r"(?<![\w.])c\.$", _I)
_SIGNS = "+-−–"
_SCALE_AFTER = re.compile(r"(bn|BN|m|k|K)(?![\w])|\s+(million|billion|thousand|hundred)\b", _I)
_SCALE_VALUE = {"bn": 10**9, "m": 10**6, "k": 10**3, "million": 10**6, "billion": 10**9, "thousand": 10**3,
                "hundred": 100}
_UNIT_AFTER = re.compile(
    r"(?P<percent>\s?%|(?i:\s?per[\s-]?cent|-per-cent|\s?percent|\s?pct)\b|\s?pc\b)"
    r"|(?P<points>(?i:\s+percentage[\s-]+points?|-percentage-points?|\s+points?|-points?|\s?pts?)\b)"
)
_PLAN_AFTER = re.compile(r"\s+(?:plan|programme|program|agenda|list|pledge|strategy|scale|charter|manifesto"
                         r"|blueprint|proposal|guide|test|checklist)\b", _I)
_COMPOUND_AFTER = re.compile(r"[-–]([A-Za-z]+)")
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b", _I)
_TIME_AFTER = re.compile(r"\s?(?:[ap]m\b|[ap]\.m\.|o['’]clock\b|GMT\b|BST\b)", _I)
_BAD_AFTER = re.compile(r"[.:]\d|/|[-–−]\s*\d|-\s|°")
_DURATION_AFTER = re.compile(
    rf"\s+(?:(?:consecutive|straight|long|full|successive|whole|short|solid|more|further|previous|extra)\s+)?"
    rf"(?:{_DURATION})\b", _I)
_MONEY_AFTER = re.compile(r"\s+(?:pounds?|pence|quid|dollars?|euros?|cents?|GBP|USD|EUR|sterling)\b", _I)
_MEASURE_AFTER = re.compile(r"\s+(?:miles?|km|kilometres?|kilometers?|metres?|meters?|feet|foot|ft|inches"
                            r"|degrees|mph|kg|kilos?|tonnes?|tons?|acres?|hectares?|calories)\b", _I)
_STREET_AFTER = re.compile(r"\s+Downing\b|\s+[A-Z][a-z]+\s+(?:Street|Road|Avenue|Lane|Square|Place|Terrace)\b")
_AGE_SPAN_AFTER = re.compile(r"\s*(?:to|and|or|-|–)\s*\d+[-\s]years?[-\s]olds?\b", _I)
_MIXED_AFTER = re.compile(r"\s+and\s+a\s+half\b", _I)
_MONTH_AFTER = re.compile(rf"\s+(?:of\s+)?(?:{_MONTHS})\b\.?")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS}|{_WEEKDAYS})\.?,?\s+$")
_LABEL_BEFORE = re.compile(rf"\b(?:{_LABELS})\.?\s*$")
_AGE_BEFORE = re.compile(r"\bage[sd]?\s+(?:(?:between|over|under|from|of|about|around|just|nearly|almost)\s+)*"
                         r"(?:\d+\s*(?:to|and|-|–)\s*)?$", _I)
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s.-]?(?:\(0\)[\s.-]?)?\d{2,5}|\(?0\d{2,5}\)?)(?:[\s.-]?\d{3,4}){1,3}(?![\d,])")
# anchored at the start of a word, so a long run without spaces is scanned once, not once per character
_ADDRESS = re.compile(r"(?<!\S)(?:\S*(?:://|www\.|@)\S*|\S+\.(?:com|org|net|co\.uk|org\.uk|gov\.uk|uk|io)\b\S*)", _I)

_WORD_RUN = re.compile(
    r"\b(?:a|" + "|".join(_NUMBER_WORDS) + r")\b(?:(?:\s+|-)(?:and|" + "|".join(_NUMBER_WORDS) + r")\b)*", _I)
_FRACTION = re.compile(
    r"\b(?:(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?"
    r"(?P<den>half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b", _I)
_SMALL_WORDS = "|".join(_SMALL)
_ONE_IN = re.compile(
    rf"\b(?P<n>{_SMALL_WORDS}|\d{{1,2}})[\s-]+in[\s-]+(?:every[\s-]+)?"
    rf"(?P<d>\d{{1,3}}(?:,\d{{3}})*|\d+|{_SMALL_WORDS}|(?:a\s+)?hundred|(?:a\s+)?thousand)\b", _I)
# what may follow "a third"/"one fifth" when it is a fraction rather than an ordinal ("a third term");
# a past tense ("a tenth stayed") reads as a fraction; "a third more votes" is a relative
# change, not a share, so comparatives are left out
_FRACTION_FOLLOW = re.compile(
    r"\s*(?:$|[^\w\s]|(?:of|or|and|to|than|in|on|at|from|for|with|by|among|across|since|as|while|nationally"
    r"|overall|compared|each|apiece|respectively|down|up|last|this|now|still|also|only|were|was|is|are"
    r"|had|have|has|will|would|could|can|may|might|did|do|does|say|says|think|thinks|back|backs|support"
    r"|supports|chose|went|[a-z]+ed)\b)", _I)
_FRACTION_SCALE = re.compile(r"\s+(?:of\s+)?an?\s+(million|billion|thousand|dozen)\b", _I)
_FRACTION_DURATION = re.compile(rf"\s+(?:of\s+)?(?:an?|the)\s+(?:{_DURATION})\b", _I)
_HALF_NOT_FRACTION = re.compile(r"\b(?:first|second|other|latter|former|better)\s+$", _I)
_AND_A_HALF = re.compile(r"(?:\d|\b(?:" + "|".join(_NUMBER_WORDS) + r"))\s+and\s+$", _I)

_HEDGE = re.compile(
    r"(?<![\w-])(?P<h>" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(HEDGES, key=len, reverse=True))
    + r")\s*$", _I)
_BETWEEN = re.compile(r"(?<![\w-])between\s+$", _I)
_RISE_TO = re.compile(r"\b(?:is|was|were|are|be|been|being|went|go|goes|going|gone|rose|risen|rise|rises|rising"
                      r"|jumped|jumps|jumping|climbed|climbs|climbing|shot|moved|edged|crept|came|comes|increased"
                      r"|pushed|ticked|soared|surged)\s+$", _I)


# ---------------------------------------------------------------- reading
@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    value: float
    unit: str
    written: str  # the digits the precision is read from
    multiplier: float = 1
    signed: bool = False
    hedge: Optional[str] = None
    hedge_start: Optional[int] = None
    alternatives: tuple[float, ...] = ()

    @property
    def step(self) -> float:
        return precision_step(self.written, self.unit, self.multiplier)


# "a 15.7 swing", "a 4.5 Con to Lab swing": parties named with capitals, so "5 votes to the swing voters" is not one
_SWING_AFTER = re.compile(r"\s+(?:(?:Ⓟ|[A-Z][\w-]*)\s+to\s+(?:Ⓟ|[A-Z][\w-]*)\s+)?[Ss]wing\b")


def _tail(s: str, pos: int) -> Optional[tuple[str, int]]:
    """The unit and end of a figure whose number ends at `pos`, or None when the tail shows it is no amount."""
    m = _UNIT_AFTER.match(s, pos)
    if m:
        unit = "percent" if m.group("percent") else "points"
        if unit == "points" and s[pos] in "-–" and _PLAN_AFTER.match(s, m.end()):
            return None  # "a five-point plan"
        end = m.end()
    elif pos < len(s) and s[pos] in "-–":
        c = _COMPOUND_AFTER.match(s, pos)
        if not c or c.group(1).lower() not in _COMPOUND_COUNT:
            return None  # "45-year-old", "13-year", "third-place"
        return "count", pos
    elif _SWING_AFTER.match(s, pos):
        unit, end = "points", pos  # "a 15.7 swing": a swing is in points, though the text leaves the unit out
    else:
        unit, end = "count", pos
    if end < len(s) and (s[end].isalnum() or s[end] == "_"):
        return None  # "5G", "1950s", "10pm"
    return unit, end


def _context_ok(s: str, start: int, end: int, unit: str) -> bool:
    """Words around the figure that make it a duration, money, a measure, a name or an age."""
    after = s[end:end + 60]
    before = s[max(0, start - 60):start]
    if unit == "count" and (_DURATION_AFTER.match(after) or _MEASURE_AFTER.match(after)
                            or _AGE_SPAN_AFTER.match(after) or _MIXED_AFTER.match(after)):
        return False
    if _MONEY_AFTER.match(after) or _STREET_AFTER.match(after):
        return False
    if _LABEL_BEFORE.search(before) or _AGE_BEFORE.search(before):
        return False
    return True


def _blocked(s: str, low: Optional[str] = None) -> list[tuple[int, int]]:
    phones = [m.span() for m in _PHONE.finditer(s)] if _holds(_PHONE_NEEDLES, s, low) else []
    return phones + [m.span() for m in _ADDRESS.finditer(s)]


def _grouped(s: str, start: int, end: int, int_part: str, dec: str) -> Optional[tuple[str, str, int, bool]]:
    """(int part with commas, decimals, end, ambiguous) for separators other than a plain comma.

    None when the digits are read as matched. `ambiguous` marks a lone full
    stop before three digits, which may be a decimal point.
    """
    plain = "," not in int_part and len(int_part) <= 3 and int_part[0] != "0"
    if not plain:
        return None
    if dec and len(dec) == 4:  # "1.900", "1.234.567"
        more = _DOT_GROUPS.match(s, end)
        if more:
            groups = [dec[1:], *more.group().split(".")[1:]]
            return ",".join([int_part, *groups]), "", more.end(), False
        if not _BAD_AFTER.match(s, end):
            return f"{int_part},{dec[1:]}", "", end, True
        return None
    if dec or _BARE_NUMBER_BEFORE.search(s, max(0, start - 3), start):
        return None
    for rx in (_SPACED_GROUPS, _COMMA_SPACED_GROUPS):
        more = rx.match(s, end)
        if more:
            return ",".join([int_part, *re.findall(r"\d{3}", more.group())]), "", more.end(), False
    return None


def _as_dash(s: str, start: int, has_plus: bool) -> bool:
    """Whether the hyphen before a bare count at `start` is a dash ("Loony Party -211"), not a minus sign.

    A sign goes with a change, which sits after another figure or in
    brackets ("(-3)", "121 | -251", "+4, -8"); a dash sits between a name
    and the figure it introduces.
    """
    if has_plus or start < 3 or s[start - 2] not in " \u00a0":
        return False
    before = s[start - 3]
    return before.isalpha() or before == ")"


def _digit_figures(s: str) -> list[_Figure]:
    out = []
    resume = 0
    has_plus = _PLUS_FIGURE.search(s) is not None
    for m in _DIGITS.finditer(s):
        start, end = m.span()
        if start < resume:
            continue  # a later group of a figure already read ("9 030")
        int_part, dec = m.group(1), m.group(2) or ""
        if len(int_part) > 1 and int_part[0] == "0":
            continue  # "07", "020": codes and phone numbers, not amounts
        if len(int_part) - int_part.count(",") > MAX_DIGITS:
            continue  # a serial number, an ID, a pasted hash: no election figure is this long
        prev = s[start - 1] if start else ""
        prev2 = s[start - 2] if start >= 2 else ""
        signed = False
        if prev.isalpha() or prev == "_" or (prev and prev in "£$€¥#@:/\\"):
            continue  # "M62", "£1.2m", "22:00", "2024/07/05"
        if prev == "." and prev2.isalnum() and not _HEDGE_C_BEFORE.search(s, max(0, start - 3), start):
            continue  # "v1.2.3" (but "c.5,000" is a hedge)
        if prev == "," and prev2.isalnum():
            continue
        if prev and prev in _SIGNS:
            if prev2 and (prev2.isalnum() or prev2 in ".,-−–+/£$€¥"):
                continue  # "covid-19", "2019-2024", "£-5"
            signed = True
            start -= 1
        if prev and prev in "'’‘" and len(int_part) == 2 and not dec and s[end:end + 1] not in ("'", "’"):
            continue  # "'97"
        if "," in int_part and len(int_part.rsplit(",", 1)[1]) < 3 and not dec and _TEXT_END.match(s, end):
            continue  # "majority 1,4" at the very end: the text was cut off inside the figure
        digit_start, as_matched = m.start(), (int_part, dec)
        grouped = _grouped(s, digit_start, end, int_part, dec)
        ambiguous = False
        if grouped:
            int_part, dec, end, ambiguous = grouped
            resume = end
        if _BAD_AFTER.match(s, end) or _ORDINAL_AFTER.match(s, end) or _TIME_AFTER.match(s, end):
            continue  # "3.8.0", "2023/24", "2024-07-05", "11th", "10pm", "22:00"
        multiplier = 1
        pos = end
        sc = _SCALE_AFTER.match(s, pos)
        if sc:
            multiplier = _SCALE_VALUE[folded(sc.group(1) or sc.group(2))]
            pos = sc.end()
        tail = _tail(s, pos)
        if tail is None:
            continue
        unit, fig_end = tail
        if not _context_ok(s, start, fig_end, unit):
            continue
        alternatives: tuple[float, ...] = ()
        if ambiguous:
            if unit != "count" or multiplier != 1:  # "1.900%", "1.900m": a decimal point
                int_part, dec = as_matched
            else:
                alternatives = (float(Decimal(int_part.replace(",", "."))),)
        written = int_part + dec
        if (unit == "count" and multiplier == 1 and not signed and not dec and "," not in int_part
                and len(int_part) == 4 and 1900 <= int(int_part) <= 2099
                and not _VOTES_SEATS_AFTER.match(s, fig_end)):
            continue  # a year
        if unit == "count" and multiplier == 1 and not dec and "," not in int_part and 1 <= int(int_part) <= 31:
            if _MONTH_AFTER.match(s, fig_end) or _MONTH_BEFORE.search(s[max(0, start - 20):start]):
                continue  # "7 October", "July 4"
        value = float(Decimal(int_part.replace(",", "") + dec) * multiplier)
        if signed and prev in "-−–":
            if unit == "count" and multiplier == 1 and not dec and prev in "-–" and _as_dash(s, digit_start, has_plus):
                signed, start = False, digit_start
                alternatives = (-value, *(-a for a in alternatives))
            else:
                value = -value
                alternatives = tuple(-a for a in alternatives)
        out.append(_Figure(start, fig_end, value, unit, written, multiplier, signed, alternatives=alternatives))
    return out


def _parse_words(words: list[str]) -> Optional[tuple[int, int]]:
    """(value, words used) for the longest well-formed number at the start of `words`."""
    total = current = 0
    last: Optional[str] = None
    last_scale = math.inf
    best = None
    for k, w in enumerate(words):
        nxt = words[k + 1] if k + 1 < len(words) else None
        if w in ("a", "an"):
            if k or w == "an" or nxt not in ("hundred", "thousand", "million", "billion", "dozen"):
                break
            current, last = 1, "a"
        elif w in _UNITS:
            if last not in (None, "tens", "hundred", "and", "scale") or (last == "tens" and w == "zero"):
                break
            current, last = current + _UNITS[w], "unit"
        elif w in _TEENS or w in _TENS:
            if last not in (None, "hundred", "and", "scale"):
                break
            current, last = current + _SMALL[w], ("teen" if w in _TEENS else "tens")
        elif w == "hundred":
            if last not in ("unit", "a") or not 1 <= current <= 9:
                break
            current, last = current * 100, "hundred"
        elif w in _SCALES:
            scale = _SCALES[w]
            if last not in ("unit", "a", "teen", "tens", "hundred", "dozen") or scale >= last_scale or not current:
                break
            total, current, last_scale, last = total + current * scale, 0, scale, "scale"
        elif w == "and":
            if last not in ("hundred", "scale") or nxt not in _SMALL:
                break
            last = "and"
        elif w == "dozen":
            if last not in ("unit", "a") or not 1 <= current <= 9:
                break
            current, last = current * 12, "dozen"
        else:
            break
        if last not in ("a", "and"):
            best = (total + current, k + 1)
    return best


def _word_figures(s: str, low: Optional[str] = None) -> list[_Figure]:
    out = []
    if not _holds(_NUMBER_WORD_NEEDLES, s, low):
        return out
    for run in _WORD_RUN.finditer(s):
        if run.end() - run.start() == 1:
            continue  # a lone "a", which is no number
        tokens = [(t.group().lower(), run.start() + t.start(), run.start() + t.end())
                  for t in re.finditer(r"[A-Za-z]+", run.group())]
        i = 0
        while i < len(tokens):
            parsed = _parse_words([t[0] for t in tokens[i:]])
            if parsed is None:
                i += 1
                continue
            value, n = parsed
            used = tokens[i:i + n]
            i += n
            if n == 1 and used[0][0] == "one" and not _COUNT_NOUN_AFTER.match(s, used[0][2]):
                continue  # "one of the", "one to the Conservatives": a pronoun far more often than a count
            start, end = used[0][1], used[-1][2]
            first = s[start:used[0][2]]
            if first[0].isupper() and re.search(r"[A-Z][\w'’]*\s+$", s[max(0, start - 30):start]):
                continue  # "BBC One", "Radio Four"
            tail = _tail(s, end)
            if tail is None:
                continue
            unit, fig_end = tail
            if not _context_ok(s, start, fig_end, unit):
                continue
            out.append(_Figure(start, fig_end, float(value), unit, str(value)))
    return out


def _fraction_figures(s: str, low: Optional[str] = None) -> list[_Figure]:
    out = []
    low = folded(s) if low is None else low
    for m in (_FRACTION.finditer(s) if _holds(_FRACTION_NEEDLES, s, low) else ()):
        num = folded(m.group("num") or "")
        den_word = folded(m.group("den"))  # "ſixth" too, which the pattern matches
        plural = den_word.endswith("s") and den_word != "half"
        den = _DENOMINATORS[den_word[:-1] if plural else den_word]
        start = m.start("num") if num else m.start("den")
        end = m.end()
        if den_word == "half":
            if num not in ("", "a", "one"):
                continue
            if _HALF_NOT_FRACTION.search(s[max(0, start - 20):start]):
                continue  # "the second half"
            numerator = 1
        elif plural:
            numerator = _UNITS.get(num, 0)
            if not 2 <= numerator < den:
                continue
        else:
            if num not in ("a", "an", "one"):
                continue  # "came third", "his eighth attempt"
            numerator = 1
        if end < len(s) and s[end] in "-–":
            continue  # "third-place", "half-time"
        if _AND_A_HALF.search(s[max(0, start - 30):start]):
            continue  # "two and a half": mixed numbers are not read
        if _FRACTION_DURATION.match(s, end):
            continue  # "half an hour", "a quarter of a century"
        share = numerator / den
        scale = _FRACTION_SCALE.match(s, end)
        if scale:
            factor = 12 if folded(scale.group(1)) == "dozen" else _SCALES[folded(scale.group(1))]
            value = share * factor
            if value == int(value):
                out.append(_Figure(start, scale.end(), value, "count", str(int(value))))
            continue
        if not plural and den_word != "half" and not _FRACTION_FOLLOW.match(s, end):
            continue  # "a third term", "a fifth consecutive"
        if not _context_ok(s, start, end, "fraction"):
            continue
        out.append(_Figure(start, end, round(100 * share, 2), "fraction", "1"))
    for m in (_ONE_IN.finditer(s) if _ONE_IN_HINT.search(low) else ()):
        n_text, d_text = folded(m.group("n")), folded(m.group("d"))
        n = int(n_text) if n_text.isdigit() else _SMALL[n_text]
        if d_text.replace(",", "").isdigit():
            d = int(d_text.replace(",", ""))
            if "," not in d_text and 1900 <= d <= 2099:
                continue
        else:
            d = _SMALL.get(d_text) or (100 if "hundred" in d_text else 1000)
        start, end = m.span()
        if not 0 < n < d or (start and s[start - 1] in ".,£$€-"):
            continue
        if end < len(s) and (s[end].isalnum() or s[end] in "%/" or re.match(r"[.,:-]\d", s[end:end + 2])):
            continue
        if not _context_ok(s, start, end, "fraction"):
            continue
        out.append(_Figure(start, end, round(100 * n / d, 2), "fraction", "1"))
    return out


# "no seats", "no Conservative MPs", "not a single seat", "failed to win a seat": a count of nought, said in words.
# Only before a word for seats or MPs: "no change", "no doubt" are not figures.
_SEAT_NOUN = r"(?:seats?|mps|constituencies|members\s+of\s+parliament|westminster\s+seats|gains|losses)\b"
_SEAT_NOUN_ONE = r"(?:seats?|mps?|constituenc(?:y|ies))\b"
_ZERO = re.compile(
    r"\b(?P<z>no)\s+(?:(?:[A-Z][\w’'-]*|new|more|other|single|further)\s+){0,3}" + _SEAT_NOUN
    + r"|\b(?:not|never|failed\s+to)\s+(?:lose|lost|win|won|take|took|gain|gained|hold|held|have|had|return"
    r"|returned|secure|secured|elect|elected)\s+(?P<d>a\s+single|one\s+single|one|a|any)\s+(?:[A-Z][\w’'-]*\s+)?"
    + _SEAT_NOUN_ONE + r"|\b(?P<n>not\s+(?:a\s+single|one\s+single|one))\s+(?:[A-Z][\w’'-]*\s+)?"
    r"(?:seats?|mps?|constituenc(?:y|ies))\b", re.IGNORECASE)


# "previously held every seat in Cornwall and now has none", "Plaid won two seats, and the Liberal Democrats
# attained one": a count whose noun the sentence gave before it, left out. Only after a verb of winning or
# holding, only with a word for seats earlier in the sentence, and only where the clause ends there.
_ELLIPTICAL = re.compile(
    r"\b(?:has|have|had|holds?|held|won|wins|took|takes|kept|keeps|keeping|secured|secures|returned|returns|got|gets|"
    r"attained|claimed|retained|now\s+has|now\s+have)\s+(?:just\s+|only\s+|a\s+mere\s+)?(?P<w>none|one)"
    r"(?=\s*(?:[.,;:!?)\u2013\u2014-]|$|\s+(?:and|but|while|whereas|after|as|in|at)\b))", re.IGNORECASE)
_SEAT_NOUN_BEFORE = re.compile(r"\b(?:seats?|mps|constituenc(?:y|ies))\b", re.IGNORECASE)


def _elliptical_figures(s: str, low: Optional[str] = None) -> list[_Figure]:
    out = []
    if not _holds(("one",), s, low):  # "none" and "one" both hold it
        return out
    for m in _ELLIPTICAL.finditer(s):
        start, end = m.span("w")
        if not _SEAT_NOUN_BEFORE.search(s, 0, start):
            continue
        value = 0.0 if m.group("w").lower() == "none" else 1.0
        out.append(_Figure(start, end, value, "count", str(int(value))))
    return out


def _zero_figures(s: str, low: Optional[str] = None) -> list[_Figure]:
    out = []
    if not _holds(_ZERO_NEEDLES, s, low):
        return out
    for m in _ZERO.finditer(s):
        # "have not lost a single seat": the verb stays outside the figure, where the cue words look for it
        group = "z" if m.group("z") else ("d" if m.group("d") else "n")
        start, end = m.span(group)
        if m.group("z") and not s[m.end("z"):m.end()].split()[0][:1].isalpha():
            continue
        if m.group("z") and re.search(r"\b(?:there\s+(?:is|are|was|were)|with|of)\s+$", s[max(0, start - 20):start], re.I) \
                and re.match(r"\s+(?:more|further|new)\b", s[end:]):
            continue  # "with no more seats to declare"
        out.append(_Figure(start, end, 0.0, "count", "0"))
    return out


def _attach_hedge(s: str, f: _Figure, floor: int) -> _Figure:
    m = _HEDGE.search(s, max(floor, f.start - 40), f.start)
    if not m:
        return f
    hedge = m.group("h")
    if _norm_hedge(hedge) == "up to" and _RISE_TO.search(s[max(0, m.start() - 20):m.start()]):
        return f  # "turnout went up to 60%": a rise, not a ceiling
    return replace(f, hedge=hedge, hedge_start=m.start())


def _quantity(s: str, f: _Figure) -> Quantity:
    qualifier = HEDGES[_norm_hedge(f.hedge)] if f.hedge else "exact"
    low, high = interval(f.value, f.unit, qualifier, f.step, f.hedge)
    start = f.hedge_start if f.hedge_start is not None else f.start
    return Quantity(value=f.value, unit=f.unit, qualifier=qualifier, low=low, high=high, text=s[start:f.end],
                    start=start, end=f.end, hedge=f.hedge, signed=f.signed, alternatives=list(f.alternatives))


def _range(s: str, a: _Figure, b: _Figure, between: int) -> Quantity:
    if a.unit != b.unit and a.unit == "count":
        a = replace(a, unit=b.unit)
    elif a.unit != b.unit and b.unit == "count":
        b = replace(b, unit=a.unit)
    low, high = range_interval(a.value, b.value, b.unit, a.step, b.step)
    return Quantity(value=round((a.value + b.value) / 2, 9), unit=b.unit, qualifier="range", low=low, high=high,
                    text=s[between:b.end], start=between, end=b.end, hedge=s[between:between + 7],
                    signed=a.signed or b.signed)


# Most sentences hold no fraction, number word or phone number, and looking for a word in a string costs far less
# than running a pattern over it: a pattern runs only over a sentence holding one of the words it cannot match
# without (readings/literals.py works them out from the pattern itself), in the sentence as `folded`.
_FRACTION_NEEDLES = needles(_FRACTION.pattern, _FRACTION.flags)
_ZERO_NEEDLES = needles(_ZERO.pattern, _ZERO.flags)
_PHONE_NEEDLES = needles(_PHONE.pattern, _PHONE.flags)
_NUMBER_WORD_NEEDLES = tuple(_NUMBER_WORDS)  # a run that reads as a number holds one ("a" alone is none)
# "one in five": a number after "in" (the words before it are common), as the folded text shows it
_ONE_IN_HINT = re.compile(rf"[\s-]in[\s-]+(?:every[\s-]+)?(?:\d|{_SMALL_WORDS}|(?:a\s+)?hundred|(?:a\s+)?thousand)")


def _holds(words: Optional[tuple[str, ...]], s: str, low: Optional[str]) -> bool:
    """Does the sentence hold one of these words (None: no word is needed)? `low`: the sentence folded, if known."""
    return holds(words, folded(s) if low is None else low)


def find_quantities(sentence: str) -> list[Quantity]:
    """Every figure the sentence states, in order, with the interval its wording allows.

    A sentence is read for its figures more than once an article (whether it needs entities, then for its
    claims), so they are found once (`memo.one_article`) and each caller gets its own copies.
    """
    found = remembered("figures.quantities", sentence, lambda: tuple(_find_quantities(sentence)))
    return [q.model_copy() for q in found]


def _find_quantities(sentence: str) -> list[Quantity]:
    s = sentence
    low = folded(s)
    blocked = _blocked(s, low)
    candidates = [f for f in (*_zero_figures(s, low), *_fraction_figures(s, low), *_digit_figures(s),
                              *_word_figures(s, low), *_elliptical_figures(s, low))
                  if not any(f.start < b_end and b_start < f.end for b_start, b_end in blocked)]
    candidates.sort(key=lambda f: (f.start, -(f.end - f.start)))
    figures: list[_Figure] = []
    for f in candidates:
        if figures and f.start < figures[-1].end:
            continue
        f = _attach_hedge(s, f, figures[-1].end if figures else 0)
        if f.hedge_start is not None and _AGE_BEFORE.search(s[max(0, f.hedge_start - 30):f.hedge_start]):
            continue  # "aged over 65"
        figures.append(f)
    out: list[Quantity] = []
    i = 0
    while i < len(figures):
        a = figures[i]
        if i + 1 < len(figures) and a.hedge is None and figures[i + 1].hedge is None:
            b = figures[i + 1]
            between = _BETWEEN.search(s, max(0, a.start - 20), a.start)
            if between and re.fullmatch(r"\s+and\s+", s[a.end:b.start], _I):
                out.append(_range(s, a, b, between.start()))
                i += 2
                continue
        out.append(_quantity(s, a))
        i += 1
    return out
