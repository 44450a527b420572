"""What an article as a whole establishes, before and while its sentences are read.

Readings in one article are not independent: the seat or person in focus,
the nation a round-up is about, the group of seats the text defined
("seats where a quarter or more of the population is Muslim"), the party
"they" refers to, whether the article was written while results were still
coming in. This module reads those, and `ArticleState` carries them from
sentence to sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Optional

from ..link.names import ArticleContext
from ..models import GroupSpec
from ..read.figures import find_quantities
from .literals import folded, holds, needles
from .subjects import PARTY_NATION, names_the_nation, nations_named

RELIGIONS = ("Muslim", "Christian", "Hindu", "Sikh", "Jewish", "Buddhist")
_REL = "|".join(RELIGIONS)
GROUP_DEF = re.compile(
    r"\b(?:seats|constituencies|areas|places|wards)\s+(?:where|in\s+which|with|that\s+have)\s+"
    r"(?P<amount>[^.;]{1,40}?)\s+(?:of\s+)?(?:the\s+|their\s+)?(?:population|residents|people|inhabitants)"
    rf"[^.;]{{0,25}}?\b(?P<religion>{_REL})s?\b", re.I)
GROUP_DEF_REVERSED = re.compile(
    rf"\b(?:seats|constituencies|areas)\s+(?:where|in\s+which)\s+(?P<religion>{_REL})s?\s+"
    r"(?:people\s+|residents\s+|voters\s+)?(?:make\s+up|are|form|account\s+for)\s+(?P<amount>[^.;]{1,40}?)"
    r"\s+of\s+(?:the\s+)?(?:population|residents)", re.I)
VAGUE_GROUP = re.compile(rf"\b(?:large|high|significant|sizeable|big)\s+(?:proportion\s+of\s+)?(?P<religion>{_REL})", re.I)
GROUP_ANAPHOR = re.compile(r"\b(?:such|those|these)\s+(?:\w+\s+)?(?:seats|constituencies|areas)\b"
                           r"|\b(?:across|in)\s+(?:those|these|them)\b|\btheir\s+combined\s+vote\b", re.I)
PROVISIONAL = re.compile(r"\bwith\s+[\d,]+\s+(?:of\s+[\d,]+\s+)?(?:results|seats|constituencies)\s+(?:declared|in|counted)"
                         r"|\bso\s+far\b|\brunning\s+total\b|\bat\s+the\s+time\s+of\s+writing\b|\bwith\s+\d+\s+seats?\s+"
                         r"(?:left|still|yet)\b|\bprojected\b|\bexit\s+poll\b|\bon\s+course\s+(?:for|to)\b", re.I)
# a wire story's dateline: the place in capitals, perhaps a date, perhaps the agency, then a dash
DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’-]{2,40}(?:,\s+[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
                      r"\s*(?:\([A-Za-z .]{2,30}\))?\s*[-—–]")


def dateline_end(sentence: str) -> int:
    """Where a dateline ("LONDON (Reuters) -", "BELFAST, July 5 —") ends, or 0: the place it names is where the
    story was filed, not what it is about."""
    m = DATELINE.match(sentence)
    return m.end() if m else 0


@dataclass
class ArticleState:
    """What the article has established before the sentence being read."""

    ctx: ArticleContext
    ref: object = None
    nation: Optional[str] = None  # the nation the whole article is about
    group: Optional[GroupSpec] = None  # the last group of seats the text defined
    party: Optional[str] = None  # the party the article last named
    party_certain: bool = False
    election_night: bool = False
    provisional: Optional[str] = None  # words that show a running count
    local: bool = False  # the article is about a few seats
    one_seat: bool = False  # about one seat, named (or its candidates named) in more than one sentence
    national: bool = False  # the article names no seat: a national round-up
    place: object = None  # the county or city the article keeps naming (reference/places.py), if any
    area: object = None  # the place (or places listed together) the text last named: what "here", "the region" mean
    focus_at: Optional[int] = None  # the sentence that last named a seat or a candidate
    baselines: dict = field(default_factory=dict)  # previous-election baseline -> figures that matched only it

    def focus(self):
        return self.ctx.focus

    def focus_seat(self) -> Optional[str]:
        if self.ctx.focus is None:
            return None
        kind, key = self.ctx.focus
        if kind == "seat":
            return key
        cand = self.ref.candidate(key) if self.ref is not None else None
        return cand.ons_id if cand else None

    def note_sentence(self, i: int, sentence: str, mentions) -> None:
        """After sentence i is read: the area it names, and whether it named the seat or person in focus."""
        self.note_area(sentence)
        if any(m.key and m.type in ("seat", "candidate") and self.ref is not None and self.ref.is_current(m.key)
               or (m.key and m.type == "seat" and self.ref is not None and not self.ref.is_previous_actual(m.key))
               for m in mentions):
            self.focus_at = i

    def fresh_focus(self, i: int) -> bool:
        """Was the seat or person in focus named in this sentence or the one before it?"""
        return self.focus_at is not None and 0 <= i - self.focus_at <= 1

    def note_area(self, sentence: str) -> None:
        """Remember the last area the text named: one place, or several listed together ("across Northumberland,
        Tyne and Wear, and County Durham"), so that a later "here" or "those 20 seats" can mean it."""
        index = getattr(self.ref, "places", None)
        if index is None:
            return
        from .subjects import place_lists, union_place

        filed = dateline_end(sentence)
        found = [(m.start, m.end, m.place) for m in index.find_places(sentence)
                 if m.place.kind not in ("nation", "country") and m.start >= filed
                 and not names_the_nation(sentence, m.start, m.end, self.nation)]
        lists = place_lists(sentence, found)
        if lists:
            self.area = union_place([index.place_seats(n) for n in lists[0][0]])
        elif found:
            self.area = found[0][2]

    def note_running_count(self, sentence: str) -> None:
        """Remember the first words that show the article reports a running count ("with 641 results declared")."""
        if self.provisional is None:
            m = PROVISIONAL.search(sentence)
            if m:
                self.provisional = m.group(0)


_GROUP_WORDS = needles(GROUP_DEF.pattern, GROUP_DEF.flags)
_GROUP_REVERSED_WORDS = needles(GROUP_DEF_REVERSED.pattern, GROUP_DEF_REVERSED.flags)


def parse_group(sentence: str) -> Optional[tuple[GroupSpec, tuple[int, int]]]:
    """A census-threshold group defined in the sentence, and where its threshold figure is."""
    low = folded(sentence)  # both patterns need a word for the people counted: most sentences hold none
    m = (holds(_GROUP_WORDS, low) and GROUP_DEF.search(sentence)) or \
        (holds(_GROUP_REVERSED_WORDS, low) and GROUP_DEF_REVERSED.search(sentence))
    if not m:
        return None
    amount_start, amount_end = m.span("amount")
    qs = [q for q in find_quantities(sentence) if amount_start <= q.start < amount_end + 12]
    if not qs:
        return None
    q = qs[0]
    tail = sentence[q.end:q.end + 16].lower()
    strict = q.qualifier == "more_than" and "or more" not in tail
    religion = m.group("religion").capitalize()
    threshold = q.value
    what = f"{'more than' if strict else 'at least'} {threshold:g}% {religion}"
    spec = GroupSpec(label=f"seats in England and Wales whose Census 2021 population is {what}",
                     religion=religion, threshold=threshold, strict=strict)
    return spec, (q.start, q.end)


def election_night(published: Optional[str], polling_day) -> bool:
    """An article dated polling day or the day after may quote tallies that were still running."""
    if not published or not polling_day:
        return False
    try:
        day = date.fromisoformat(str(published).strip()[:10])
        poll = polling_day if isinstance(polling_day, date) else date.fromisoformat(str(polling_day))
    except ValueError:
        return False
    return poll <= day <= poll + timedelta(days=1)


def article_nation(sentences: list[str], party_codes: list[str], seat_nations: list[str]) -> Optional[str]:
    """The nation an article is about, when nearly everything it names is there (a round-up)."""
    votes: dict[str, int] = {}
    for s in sentences:
        named = nations_named(s)
        if named:
            n = named[0][2]
            votes[n] = votes.get(n, 0) + 1
    for p in party_codes:
        if p in PARTY_NATION:
            votes[PARTY_NATION[p]] = votes.get(PARTY_NATION[p], 0) + 1
    for n in seat_nations:
        votes[n] = votes.get(n, 0) + 1
    if not votes:
        return None
    top, count = max(votes.items(), key=lambda kv: kv[1])
    others = sum(v for k, v in votes.items() if k != top)
    if top == "Northern Ireland":
        gb = sum(1 for p in party_codes if p in ("Lab", "LD", "RUK", "SNP", "PC"))
        return top if count >= 3 and others <= count // 4 and gb <= count // 4 else None
    # a Scottish or Welsh round-up names the UK-wide parties too; what counts is that its places are there
    return top if count >= 3 and others <= count // 3 else None


ANOTHER_TIME = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b|\bby-?\s?elections?\b|\blast\s+time\b|\bpreviously\b|"
                          r"\bthen\b", re.I)


def another_time(sentence: str, current_key: str) -> bool:
    """Does the sentence speak of some other time than this election (another year, a by-election, "then")?

    Outcome claims ("X came second", "Y took the seat") carry no figure whose
    readings could say which election they are about, so a sentence that
    names another time is left to its figures."""
    return any(m.group(0) != current_key for m in ANOTHER_TIME.finditer(sentence))
