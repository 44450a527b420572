"""Which election an article reports, and the evidence for it.

An archive spans elections, and a figure is right or wrong only against the
election it reports: "a majority of 5,299 over Dennis Skinner" is exact for
2019 and wrong for 2024. So before any figure is judged, the article is
given one election the reference data hold, or none ("an election the data
do not hold": 2017, a by-election, a council election), with the reason.

`choose_election` is a pure function of the article (text, title, date) and
of what the adapters say about their elections (`ElectionInfo`: key, polling
day; `NameSet`: the names on their ballots). No year, seat or person is
written in this module; the words it looks for are in `election_cues.toml`.

The rule, first step that decides wins
--------------------------------------
1. **The article's date** (`Article.date`: the archive's D-A-T-E field,
   JSONL `date`, an HTML page's published-time meta or `<time>`): the
   article reports the latest election whose polling day is on or before
   that date (polling day itself included: counts run overnight). An
   article dated before a polling day is reporting the result then latest,
   the previous election; when that one is not held (dated before the
   earliest polling day the data hold) the answer is none. Dated more than
   a parliament's maximum life after the latest polling day, another
   general election must have been held since: none.
2. **A dateline** in the text's first lines ("Friday, 13th December 2019",
   "2024-07-05"), when the article carries no date: the same rule.
3. **The headline zone** (the title and the first lines): a contest the
   tables do not hold named there without a general election ("by-election",
   "local elections") means none; a year with election words ("General
   Election 2019", "the 2017 general election", "GE2019") names the election,
   the latest such year if there are several; a year no adapter holds means
   none.
4. **The words**, for an undated article whose headline names no year:
   - the latest year the text names as a past election ("the 2022 borough
     elections", "since 2019") bounds the article's date from below: earlier
     elections are out;
   - names that are on one remaining election's ballot and not another's
     (seats of one set of boundaries, candidates who stood only then,
     parties of two words or more such as a party that later renamed
     itself), counted once each, plus the polling month named beside
     election words ("the December election", "a summer election"), point
     to an election when they are at least `min_names` and outnumber the
     names pointing elsewhere by `margin`. Names are weak alone on purpose:
     coverage of one election often names the people and seats of the one
     before;
   - a text whose only election years are later than every election held
     is about one the data do not hold: none.
5. **Nothing decides**: the latest remaining election, the one current
   coverage is about.

Mixed signals follow this precedence: a date beats a dateline beats the
headline beats the words; within the words the lower bound is applied
before names are counted. Per figure, readings may still point elsewhere
("her 2017 majority", "down from 2019"): that is the judge's business, with
the chosen election's "previous" result.
"""
from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Callable, Mapping, Optional, Sequence, Union

from pydantic import BaseModel, Field

from ..models import Article

CUES_FILE = Path(__file__).with_name("election_cues.toml")


# ---------------------------------------------------------------- what the adapters tell us
@dataclass(frozen=True)
class ElectionInfo:
    """An election as the choice needs it, read off an adapter class without loading its tables."""

    key: str
    name: str
    polling_day: date
    previous_key: Optional[str] = None  # the election before it, as a year people write

    @classmethod
    def of(cls, adapter) -> "ElectionInfo":
        return cls(adapter.key, adapter.name, adapter.polling_day, adapter.previous_key)


@dataclass(frozen=True)
class NameSet:
    """The folded names on one election's ballots."""

    seats: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()  # "first surname"
    people_loose: frozenset[str] = frozenset()  # "surname|fi": first two letters, for "Jo"/"Joanne"
    parties: frozenset[str] = frozenset()  # party names of two words or more

    @classmethod
    def of(cls, adapter) -> "NameSet":
        from ..reference.parties import fold

        people = {(fold(c.first_name), fold(c.surname)) for c in adapter.candidates.values() if c.first_name}
        parties = {fold(c.party_name) for c in adapter.candidates.values()}
        return cls(seats=frozenset(fold(s.name) for s in adapter.seats.values()),
                   people=frozenset(f"{f} {s}" for f, s in people),
                   people_loose=frozenset(_loose(f, s) for f, s in people),
                   parties=frozenset(p for p in parties if len(p.split()) >= 2))


def _loose(first: str, surname: str) -> str:
    return f"{surname}|{first[:2]}"


# ---------------------------------------------------------------- the answer
class Evidence(BaseModel):
    """One thing the choice read: what kind, what it points to (an election key, a year, or nothing)."""

    kind: str  # date | dateline | headline | other_contest | lower_bound | names | month | later_year | default
    points_to: Optional[str] = None
    text: str


class ElectionChoice(BaseModel):
    """The election an article reports (None: one the reference data do not hold), and why."""

    key: Optional[str]
    reason: str
    evidence: list[Evidence] = Field(default_factory=list)


# ---------------------------------------------------------------- the cue table
@dataclass(frozen=True)
class Cues:
    reports_days: int
    latest_possible_days: int
    headline_lines: int
    headline_chars: int
    headline_words: int
    dateline_lines: int
    election_year: re.Pattern
    past_year: re.Pattern
    previous_year: re.Pattern
    earlier_year: re.Pattern
    future_before: re.Pattern
    history_before: re.Pattern
    other_contest: re.Pattern
    general_election: re.Pattern
    result_words: re.Pattern
    month_word: re.Pattern
    season_months: dict[str, tuple[int, ...]]
    min_names: int
    margin: int
    month_weight: int
    earlier_weight: int
    titles: frozenset[str]


def _alternation(words: Sequence[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


_YEAR = r"(?<![\d£$€.,/-])((?:1[89]|20)\d\d)(?![\d%]|,\d|\.\d)"


@lru_cache(maxsize=1)
def cues(path: Path = CUES_FILE) -> Cues:
    """The cue table, compiled once."""
    with open(path, "rb") as fh:
        t = tomllib.load(fh)
    text, windows, names = t["text"], t["windows"], t["names"]
    ew = _alternation(text["election_words"])
    prefixes = _alternation(text["year_prefixes"])
    election_year = re.compile(
        rf"{_YEAR}\s+(?:uk\s+|british\s+|westminster\s+)?(?<![-\w])(?:{ew})\b"
        rf"|(?<![-\w])(?:{ew})\s+(?:of\s+|in\s+)?{_YEAR}"
        rf"|(?<![\w#])(?:{prefixes})\s?(\d\d(?:\d\d)?)\b", re.I)
    past_year = re.compile(rf"\b(?:{_alternation(text['past_markers'])})\s+{_YEAR}", re.I)
    months = [m for m in calendar.month_name[1:]] + [m for m in calendar.month_abbr[1:]] + ["Sept"]
    return Cues(
        reports_days=int(windows["reports_days"]), latest_possible_days=int(windows["latest_possible_days"]),
        headline_lines=int(text["headline_lines"]), headline_chars=int(text["headline_chars"]),
        headline_words=int(text["headline_words"]),
        dateline_lines=int(text["dateline_lines"]),
        election_year=election_year, past_year=past_year,
        earlier_year=re.compile(rf"\b(?:{_alternation(text['earlier_markers'])})\s+(?:the\s+)?(?:(?:general\s+)?"
                                rf"(?:{ew})\s*,?\s*(?:in\s+|of\s+)?)?{_YEAR}", re.I),
        previous_year=re.compile(rf"\b(?:{_alternation(text['previous_markers'])})\s+(?:general\s+)?"
                                 rf"(?:{ew})\s*,?\s*(?:(?:held\s+)?in\s+|of\s+)?(?:\w+\s+)?{_YEAR}", re.I),
        future_before=re.compile(rf"\b(?:{_alternation(text['future_markers'])})\s+(?:the\s+)?$"
                                 rf"|\b(?:{_alternation(text['future_leads'])})\b[^.;:!?]{{0,40}}$", re.I),
        history_before=re.compile(rf"\b(?:{_alternation(text['history_leads'])})\b[^.;:!?\n]{{0,{int(text['history_chars'])}}}$",
                                  re.I),
        other_contest=re.compile(rf"(?<!\w)(?:{_alternation(text['other_contests'])})(?!\w)", re.I),
        general_election=re.compile(r"\bgeneral\s+elections?\b|(?<![\w#])(?:" + prefixes + r")\s?\d\d", re.I),
        result_words=re.compile(rf"\b(?:{_alternation(text['result_words'])})\b", re.I),
        month_word=re.compile(rf"\b(?P<month>{_alternation(months)})\b(?!\s*\d)(?!\s+(?:of\s+)?(?:1[89]|20)\d\d)"
                              rf"|\b(?P<season>{_alternation(list(t['seasons']))})\b", re.I),
        season_months={k.lower(): tuple(v) for k, v in t["seasons"].items()},
        min_names=int(names["min_names"]), margin=int(names["margin"]), month_weight=int(names["month"]),
        earlier_weight=int(names["earlier_year"]),
        titles=frozenset(x.lower() for x in names["titles"]))


# ---------------------------------------------------------------- dates
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | \
          {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATES = [
    ("ymd", re.compile(r"(?<!\d)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)")),
    ("dmy", re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?,?\s+(\d{{4}})(?!\d)", re.I)),
    ("mdy", re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.I)),
    ("num", re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\d/])")),
]


def parse_date(text: Optional[str]) -> Optional[date]:
    """The first full calendar date in the text (ISO, "13th December 2019", "December 13, 2019",
    "13/12/2019" read day first unless that is impossible), or None."""
    if not text:
        return None
    head = text.strip()
    try:
        return datetime.fromisoformat(head.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    found = []
    for kind, rx in _DATES:
        m = rx.search(text)
        if not m:
            continue
        a, b, c = m.groups()
        if kind == "ymd":
            y, mo, d = int(a), int(b), int(c)
        elif kind == "dmy":
            y, mo, d = int(c), _MONTHS[b.lower()], int(a)
        elif kind == "mdy":
            y, mo, d = int(c), _MONTHS[a.lower()], int(b)
        else:
            d, mo, y = int(a), int(b), int(c)
            if mo > 12 >= d:
                d, mo = mo, d
        try:
            found.append((m.start(), date(y, mo, d)))
        except ValueError:
            continue
    return min(found)[1] if found else None


_YEAR_MONTH = re.compile(r"(?<![\d-])(\d{4})-(\d{2})(?![-\d])")


def parse_month(text: Optional[str]) -> Optional[tuple[int, int]]:
    """A date given only to the month, as ISO writes it ("2024-07"): (year, month), or None."""
    m = _YEAR_MONTH.search(text or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        return None
    return int(m.group(1)), int(m.group(2))


def _month_date(ym: tuple[int, int], held: Sequence[ElectionInfo]) -> date:
    """A month-only date, placed where it cannot straddle a polling day: coverage dated to a polling
    month is taken as coverage of that poll (its last day); any other month, its middle."""
    year, month = ym
    if any((e.polling_day.year, e.polling_day.month) == ym for e in held):
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, 15)


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


# ---------------------------------------------------------------- the choice
def choose_election(article: Article, elections: Sequence[ElectionInfo],
                    names: Union[Mapping[str, NameSet], Callable[[], Mapping[str, NameSet]], None] = None
                    ) -> ElectionChoice:
    """The election `article` reports, among `elections` (the rule is in the module docstring).

    `names` (the ballots' names per election key, or a function returning
    them, called only when the words must decide) may be omitted: the
    choice then rests on dates, the headline and years.
    """
    if not elections:
        return ElectionChoice(key=None, reason="No election is held in the reference data.")
    held = sorted(elections, key=lambda e: e.polling_day)
    c = cues()
    d = parse_date(article.date)
    if d is not None:
        return _by_date(d, held, "date", f"the article is dated {d:%-d %B %Y}", c)
    ym = parse_month(article.date)
    if ym is not None:
        return _by_date(_month_date(ym, held), held, "date", f"the article is dated {date(*ym, 1):%B %Y}", c)
    lines = _lines(article.text)
    for line in lines[:c.dateline_lines]:
        d = parse_date(line[:c.headline_chars])
        if d is not None:
            return _by_date(d, held, "dateline", f"its dateline reads {d:%-d %B %Y}", c)
    for line in lines[:c.dateline_lines]:
        ym = parse_month(line[:c.headline_chars])
        if ym is not None:
            return _by_date(_month_date(ym, held), held, "dateline", f"its dateline reads {date(*ym, 1):%B %Y}", c)
    headline = [article.title or ""] + [ln[:c.headline_chars] for ln in lines[:c.headline_lines]]
    decided = _by_headline(headline, 2, held, c)
    if decided is not None:
        return decided
    return _by_words(article.text, held, names, c)


def _by_date(d: date, held: list[ElectionInfo], kind: str, said: str, c: Cues) -> ElectionChoice:
    before = [e for e in held if e.polling_day <= d]
    if not before:
        first = held[0]
        return ElectionChoice(key=None, reason=(
            f"The article reports an election the reference data do not hold: {said}, before "
            f"{first.name}, the earliest they hold."),
            evidence=[Evidence(kind=kind, points_to=None, text=said)])
    e = before[-1]
    days = (d - e.polling_day).days
    if days > c.latest_possible_days:
        return ElectionChoice(key=None, reason=(
            f"The article reports an election the reference data do not hold: {said}, too long after "
            f"{e.name} for no later general election to have been held."),
            evidence=[Evidence(kind=kind, points_to=None, text=said)])
    after = [x for x in held if x.polling_day > d]
    if days <= c.reports_days:
        why = f"{said}, {days} day{'s' if days != 1 else ''} after {e.name}"
    else:
        why = f"{said}; the latest election by then was {e.name}"
    if after and days > c.reports_days:
        why += f" (before {after[0].name})"
    return ElectionChoice(key=e.key, reason=why[:1].upper() + why[1:] + ".",
                          evidence=[Evidence(kind=kind, points_to=e.key, text=said)])


def _election_years(text: str, c: Cues) -> list[tuple[int, int]]:
    """(position, year) of every year the text gives with election words, not said of the future."""
    out = []
    for m in c.election_year.finditer(text):
        group = next(i for i, g in enumerate(m.groups(), 1) if g)
        raw = m.group(group)
        year = int(raw) if len(raw) == 4 else 2000 + int(raw)
        if c.future_before.search(text[max(0, m.start(group) - 40):m.start(group)]):
            continue
        out.append((m.start(), year))
    return out


def _headline_shaped(line: str, c: Cues) -> bool:
    """A headline, not the first sentence of the text: short, or not ended with a full stop."""
    return not (line.rstrip().endswith(".") and len(line.split()) > c.headline_words)


def _by_headline(headline: list[str], proper: int, held: list[ElectionInfo], c: Cues) -> Optional[ElectionChoice]:
    """`headline`: the title and the first lines; the first `proper` of them are the headline itself,
    where a contest named is the article's subject (further down it may be history: "a by-election in 1976")."""
    zone = "\n".join(h for h in headline if h)
    title = "\n".join(h for h in headline[:proper] if h and _headline_shaped(h, c))
    by_year = {e.polling_day.year: e for e in held}
    earlier = [m.span() for m in c.previous_year.finditer(zone)]  # "the last general election in 2019"
    # "the largest since Tony Blair's victory at the 1997 election": history set beside the result reported
    years = [y for at, y in _election_years(zone, c) if not any(a <= at < b for a, b in earlier)
             and not c.history_before.search(zone, max(0, at - 200), at)]
    contest = c.other_contest.search(title)
    if contest and not c.general_election.search(title):
        said = f"the headline speaks of a {contest.group(0)}"
        return ElectionChoice(key=None, reason=(
            f"The article reports an election the reference data do not hold: {said}, not a general election."),
            evidence=[Evidence(kind="other_contest", points_to=None, text=said)])
    if not years:
        return None
    year = max(years)
    said = f"the headline names the {year} election"
    e = by_year.get(year)
    if e is None:
        return ElectionChoice(key=None, reason=f"The article reports an election the reference data do not hold: {said}.",
                              evidence=[Evidence(kind="headline", points_to=str(year), text=said)])
    return ElectionChoice(key=e.key, reason=f"{said[:1].upper()}{said[1:]}.",
                          evidence=[Evidence(kind="headline", points_to=e.key, text=said)])


def _by_words(text: str, held: list[ElectionInfo], names, c: Cues) -> ElectionChoice:
    evidence: list[Evidence] = []
    election_years = [y for _, y in _election_years(text, c)]
    past = list(election_years)
    for m in c.past_year.finditer(text):
        if not c.future_before.search(text[max(0, m.start(1) - 40):m.start(1)]):
            past.append(int(m.group(1)))
    latest_held = held[-1].polling_day.year
    if election_years and min(election_years) > latest_held:
        said = f"the text names only the {', '.join(map(str, sorted(set(election_years))))} election(s)"
        return ElectionChoice(key=None, reason=(
            f"The article reports an election the reference data do not hold: {said}, later than any they hold."),
            evidence=[Evidence(kind="later_year", points_to=None, text=said)])
    for m in c.previous_year.finditer(text):  # "the last general election in 2019": the article is later
        past.append(int(m.group(1)) + 1)
    bound = max((y for y in past if y <= latest_held), default=None)
    remaining = [e for e in held if bound is None or e.polling_day.year >= bound]
    if bound is not None and len(remaining) < len(held):
        evidence.append(Evidence(kind="lower_bound", points_to=str(bound),
                                 text=f"it speaks of {bound} as a year already reached, so it is not about an earlier election"))
    if len(remaining) > 1:
        scores = _name_scores(text, remaining, names, c, evidence)
        ranked = sorted(remaining, key=lambda e: (-scores[e.key], -e.polling_day.toordinal()))
        best, second = ranked[0], ranked[1]
        if scores[best.key] >= c.min_names and scores[best.key] - scores[second.key] >= c.margin:
            found = [x.text for x in evidence if x.points_to == best.key and x.kind in ("names", "month", "earlier_year")]
            return ElectionChoice(key=best.key, reason=(
                f"Undated; its words point to {best.name}: {'; '.join(found)}."), evidence=evidence)
    e = remaining[-1]
    why = "nothing in the text points to another election" if len(remaining) > 1 else \
        f"it speaks of {bound} as a year already reached"
    evidence.append(Evidence(kind="default", points_to=e.key, text=why))
    return ElectionChoice(key=e.key, reason=f"Undated; taken as {e.name}, the latest the data hold: {why}.",
                          evidence=evidence)


_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def _name_scores(text: str, remaining: list[ElectionInfo], names, c: Cues,
                 evidence: list[Evidence]) -> dict[str, int]:
    from ..reference.parties import fold

    scores = {e.key: 0 for e in remaining}
    table = names() if callable(names) else names
    if table:
        sets = {e.key: table[e.key] for e in remaining if e.key in table}
        found: dict[str, set[str]] = {k: set() for k in sets}
        for kind, name, owners in _names_in(text, sets, c, fold):
            if 0 < len(owners) < len(sets):
                for k in owners:
                    found[k].add(name)
        for k, hits in found.items():
            scores[k] += len(hits)
            if hits:
                evidence.append(Evidence(kind="names", points_to=k, text=(
                    f"{len(hits)} name{'s' if len(hits) != 1 else ''} on its ballots only "
                    f"({', '.join(sorted(hits)[:6])}{'…' if len(hits) > 6 else ''})")))
    earlier = {m.group(1) for m in c.earlier_year.finditer(text)}
    for e in remaining:
        if e.previous_key and e.previous_key in earlier:
            scores[e.key] += c.earlier_weight
            evidence.append(Evidence(kind="earlier_year", points_to=e.key, text=(
                f"it speaks of {e.previous_key} as the earlier election")))
    months = _months_named(text, c)
    for e in remaining:
        if e.polling_day.month in months:
            scores[e.key] += c.month_weight
            evidence.append(Evidence(kind="month", points_to=e.key, text=(
                f"it names {calendar.month_name[e.polling_day.month]}, its polling month, beside election words")))
    return scores


_CHUNK = re.compile(r"[.,;:!?()\[\]\"“”|•\n]+|\s[-–—]\s")


def _names_in(text: str, sets: dict[str, NameSet], c: Cues, fold):
    """(kind, folded name, election keys whose ballots hold it) for each capitalised name, longest
    first, never across punctuation."""
    for chunk in _CHUNK.split(text):
        yield from _names_in_chunk(chunk, sets, c, fold)


def _names_in_chunk(text: str, sets: dict[str, NameSet], c: Cues, fold):
    words = [(m.group(0), fold(m.group(0))) for m in _WORD.finditer(text)]
    n = len(words)
    i = 0
    while i < n:
        w, f = words[i]
        if not w[:1].isupper() or w.lower().rstrip(".") in c.titles:
            i += 1
            continue
        hit = None
        for k in range(min(7, n - i), 0, -1):
            if not words[i + k - 1][0][:1].isupper() and k > 1:
                continue
            key = " ".join(x[1] for x in words[i:i + k])
            if not key:
                continue
            seat = {e for e, s in sets.items() if key in s.seats}
            if seat and (k > 1 or _isolated(words, i)):
                hit = ("seat", key, seat, k)
                break
            if k >= 2:
                party = {e for e, s in sets.items() if key in s.parties}
                if party:
                    hit = ("party", key, party, k)
                    break
                parts = key.split()
                loose = _loose(parts[0], parts[-1])
                exact = {e for e, s in sets.items() if key in s.people}
                person = exact | {e for e, s in sets.items() if loose in s.people_loose}
                if person and (exact or k == 2):  # "Sue Hayman" for "Susan Hayman"; not a longer run
                    hit = ("person", key, person, k)
                    break
        if hit:
            yield hit[0], hit[1], hit[2]
            i += hit[3]
        else:
            i += 1


def _isolated(words, i: int) -> bool:
    """A one-word seat name ("Workington") counts only when it is not part of a longer capitalised name."""
    before = i > 0 and words[i - 1][0][:1].isupper()
    after = i + 1 < len(words) and words[i + 1][0][:1].isupper()
    return not before and not after


def _months_named(text: str, c: Cues) -> set[int]:
    """Months (and seasons' months) named without a year in sentences that speak of the election."""
    out: set[int] = set()
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        if not c.result_words.search(sentence):
            continue
        for m in c.month_word.finditer(sentence):
            if m.group("month"):
                word = m.group("month").lower().rstrip(".")
                if word in ("may", "march") and not m.group("month")[0].isupper():
                    continue  # the verb, not the month
                out.add(_MONTHS[word])
            else:
                out.update(c.season_months[m.group("season").lower()])
    return out
