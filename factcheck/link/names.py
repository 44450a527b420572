"""Names in the text -> candidates, seats and parties in the reference tables.

Reporters write names the tables do not: titles ("Mr Ashworth"), surnames
once a person is introduced, possessives, misspellings ("Andrew Feinsten"),
nicknames ("Toby" for Tobias), "&" for "and". The index is built once per
reference adapter; an `ArticleContext` carries what the article has
introduced so far, which is how a bare surname or "her majority" is resolved.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from functools import lru_cache
from typing import Optional

import numpy as np
from rapidfuzz import fuzz, process

from ..models import Mention
from ..memo import remembered
from ..reference.parties import ALIAS_INDEX, CASE_SENSITIVE_ALIASES, fold
from .bounds import CharBound

TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "baroness", "prof", "professor", "cllr",
          "coun", "councillor"}
TITLE_PREFIX = re.compile(r"^(?:%s)\.?\s+" % "|".join(sorted(TITLES)), re.I)
WORD = re.compile(r"[^\W\d_](?:[\w'’\-]*\w)?|&")
MAX_NGRAM = 7
# Words that begin a capitalised span but are never part of a seat or person name.
STOP_CAPS = {"the", "in", "at", "on", "by", "for", "and", "but", "of", "to", "a", "an", "as", "with", "from", "his",
             "her", "their", "its", "this", "that", "it", "he", "she", "they", "we", "mps", "mp"}


RECENT_PEOPLE = 64  # how far back a bare surname is looked for among the people introduced


@dataclass
class ArticleContext:
    """What the article has introduced so far, in order."""

    people: list[str] = field(default_factory=list)  # candidate keys, most recent last
    seats: list[str] = field(default_factory=list)  # ons ids, most recent last
    article_seats: set[str] = field(default_factory=set)  # every seat named anywhere in the article
    focus: Optional[tuple[str, str]] = None  # ("person", key) or ("seat", ons): what the text last named

    def add_person(self, key: str) -> None:
        if key in self.people:
            self.people.remove(key)
        self.people.append(key)

    def add_seat(self, ons: str) -> None:
        if ons in self.seats:
            self.seats.remove(ons)
        self.seats.append(ons)


class NameIndex:
    """Lookup tables from folded names to reference keys, built once."""

    def __init__(self, ref):
        self.ref = ref
        self.full: dict[str, list[str]] = {}
        self.surname: dict[str, list[str]] = {}
        for c in ref.candidates.values():
            self.full.setdefault(fold(c.name), []).append(c.key)
            self.surname.setdefault(fold(c.surname), []).append(c.key)
        # the previous election's candidates and old-boundary seats, keyed so they are never taken for this
        # election's (`ref.is_previous_actual`); where the boundaries did not change there are no old seats
        self.full_previous: dict[str, list[str]] = {}
        for c in ref.previous_candidates.values():
            self.full_previous.setdefault(fold(c.name), []).append(c.key)
        self.seat: dict[str, str] = {}
        for s in ref.seats.values():
            self.seat[fold(s.name)] = s.ons_id
        self.seat_previous: dict[str, str] = {}
        for s in ref.previous_actual.values():
            name = fold(s.name)
            if name not in self.seat:
                self.seat_previous[name] = ref.previous_actual_key(s.ons_id)
        self.seat_sorted = {" ".join(sorted(k.split())): v for k, v in self.seat.items()}
        # "Truro" for Truro and Falmouth: each one-word part of a seat's name (split at "and" and commas), for
        # a short second reference to a seat the article has named in full
        self.seat_parts: dict[str, set[str]] = {}
        for s in ref.seats.values():
            for part in re.split(r",|\band\b", fold(s.name)):
                if len(part.split()) == 1 and len(part.strip()) >= 4:
                    self.seat_parts.setdefault(part.strip(), set()).add(s.ons_id)
        # every party on this election's ballots, by its full name (two words or more) or its capitalised abbreviation
        self.party_names: dict[str, str] = {}
        for c in ref.candidates.values():
            if len(fold(c.party_name).split()) >= 2:
                self.party_names.setdefault(fold(c.party_name), c.party)
            if len(c.party) >= 3 and c.party.isupper():
                self.party_names.setdefault(fold(c.party), c.party)
        self.person_choices = list(self.full)
        self.seat_choices = list(self.seat)
        self._person_bound = CharBound(self.person_choices)
        # the seat names a misspelt seat name of each length can score 92 against (`fuzz.ratio` needs lengths
        # within about a sixth of each other), in their order
        seat_bound = CharBound(self.seat_choices)
        self._seats_by_length = [[self.seat_choices[j] for j in np.flatnonzero(seat_bound.lengths_reach_ratio(n, 92))]
                                 for n in range(2 * max(map(len, self.seat_choices), default=0) + 1)]
        # the first word of every name `_longest` looks up, and the most words a name starting with it holds: a
        # word no name starts with starts no mention, and no mention is longer than its longest name
        self.first_words: dict[str, int] = {}
        for table in (self.seat, self.seat_previous, self.full, self.full_previous, ALIAS_INDEX, self.party_names):
            for k in table:
                words = k.split()
                if words:
                    self.first_words[words[0]] = max(self.first_words.get(words[0], 0), len(words))
        # each word of a seat's name -> the seats with it, for a heading that is a seat's name cut short
        self.seat_by_word: dict[str, set[str]] = {}
        for name, ons in self.seat.items():
            for w in set(name.split()):
                self.seat_by_word.setdefault(w, set()).add(ons)

    # ----------------------------------------------------------- people
    def people_named(self, folded: str) -> list[str]:
        return self.full.get(folded, [])

    def fuzzy_person(self, folded: str, ctx: ArticleContext, surname_only: bool = False) -> list[str]:
        """Misspellings and nicknames: same surname with a like first name, else a close full name."""
        words = folded.split()
        if len(words) < 2:
            return []
        first, last = words[0], words[-1]
        same_surname = [k for k in self.surname.get(last, []) if self._first_alike(first, self.ref.candidates[k])]
        if same_surname:
            return self._prefer_context(same_surname, ctx)
        if surname_only:
            return []
        hit = process.extract(folded, _near(folded, self.person_choices, self._person_bound, 88), scorer=fuzz.ratio,
                              score_cutoff=88, limit=3)
        if not hit:
            return []
        best = hit[0][1]
        keys = [k for name, score, _ in hit if score >= best - 1 for k in self.full[name]]
        return self._prefer_context(keys, ctx)

    def standing_again(self, previous_keys: list[str]) -> Optional[str]:
        """This election's candidate who is the previous candidate under a shortened or fuller first name:
        the same surname, a like first name, in the same seat (or its successor)."""
        if len(previous_keys) != 1:
            return None
        old = self.ref.previous_candidates[previous_keys[0]]
        seat_name = fold(old.seat)
        found = [k for k in self.surname.get(fold(old.surname), [])
                 if self._first_alike(fold(old.first_name).split()[0] if old.first_name else "", self.ref.candidates[k])
                 and (fold(self.ref.candidates[k].seat) == seat_name
                      or old.ons_id in {p.ons_id for p in self.ref.predecessors(self.ref.candidates[k].ons_id)})]
        return found[0] if len(found) == 1 else None

    @staticmethod
    def _first_alike(first: str, cand) -> bool:
        other = fold(cand.first_name).split()
        if not other:
            return False
        o = other[0]
        return o.startswith(first[:3]) or first.startswith(o[:3]) or fuzz.ratio(first, o) >= 75

    def _prefer_context(self, keys: list[str], ctx: ArticleContext) -> list[str]:
        in_ctx = [k for k in keys if self.ref.candidates[k].ons_id in ctx.article_seats]
        return in_ctx or keys

    # ----------------------------------------------------------- seats
    def fuzzy_seat(self, folded: str) -> Optional[str]:
        """The seat a name misspells, if any; each name is matched once an article (`memo.one_article`): a
        sentence's capitalised runs are read on every pass over it."""
        if len(folded) < 6:
            return None
        return remembered("names.fuzzy_seat", (id(self), folded), lambda: self._fuzzy_seat(folded))

    def _fuzzy_seat(self, folded: str) -> Optional[str]:
        ons = self.seat_sorted.get(" ".join(sorted(folded.split())))
        if ons:
            return ons
        n = len(folded)
        near = self._seats_by_length[n] if n < len(self._seats_by_length) else []  # none is that long
        hit = process.extractOne(folded, near, scorer=fuzz.ratio, score_cutoff=92)
        return self.seat[hit[0]] if hit else None


def _near(folded: str, choices: list[str], bound: CharBound, cutoff: float) -> list[str]:
    """The choices whose `fuzz.ratio` against `folded` may reach `cutoff`, in their order: a search over them
    finds what a search over all finds (the rest score under the cutoff), at a fraction of the cost."""
    return [choices[j] for j in np.flatnonzero(bound.may_reach_ratio(folded, cutoff))]


@lru_cache(maxsize=4)
def _index_for(ref_id: int, ref) -> NameIndex:
    return NameIndex(ref)


def name_index(ref) -> NameIndex:
    return _index_for(id(ref), ref)


def _words(text: str) -> list[tuple[str, int, int, str]]:
    """(word, start, end, folded word): folded once here, not once per n-gram that contains it."""
    return [(m.group(0), m.start(), m.end(), fold(m.group(0))) for m in WORD.finditer(text)]


def _cap(word: str) -> bool:
    return word[:1].isupper()


def find_mentions(sentence: str, index: NameIndex, ctx: ArticleContext,
                  entities: tuple[tuple[int, int, str], ...] = ()) -> list[Mention]:
    """Every candidate, seat and party the sentence names, resolved where the tables allow.

    `entities` are spaCy's (start, end, label) spans in sentence offsets:
    PERSON spans the exact lookups missed go to the fuzzy matcher.
    """
    words = remembered("names.words", sentence, lambda: _words(sentence))  # read-only: shared within the article
    exact, marked = remembered("names.exact", (id(index), sentence), lambda: _exact_names(sentence, words, index))
    # the mentions are shared within the article; only one `resolve_alternatives` may set the key of (a name
    # several candidates hold, not yet resolved) is each caller's own copy
    mentions = [m.model_copy() if m.type == "candidate" and not m.key and m.alternatives else m for m in exact]
    taken = list(marked)
    seats_here = {m.key for m in mentions if m.type == "seat" and m.key}
    # titles + surname, bare surnames of people already introduced
    for i, (w, s, e, fw) in enumerate(words):
        if taken[i] or not _cap(w):
            continue
        surname_at = None
        if fw in TITLES and i + 1 < len(words) and _cap(words[i + 1][0]) and not taken[i + 1]:
            j = i + 1
            # "Sir Keir Starmer": title + full name
            if j + 1 < len(words) and _cap(words[j + 1][0]) and not taken[j + 1]:
                full = fold(f"{words[j][0]} {words[j + 1][0]}")
                keys = index.people_named(full)
                if keys:
                    mentions.append(_person(sentence, s, words[j + 1][2], keys, ctx, index))
                    taken[i] = taken[j] = taken[j + 1] = True
                    continue
            surname_at = j
            start = s
        elif fw not in STOP_CAPS and fw not in TITLES:
            surname_at = i
            start = s
        if surname_at is None:
            continue
        _, _, se, surname = words[surname_at]
        keys = _by_surname(surname, index, ctx, titled=surname_at != i, seats_here=seats_here)
        if keys and surname_at == i and i > 0 and not taken[i - 1] and _cap(words[i - 1][0]) \
                and words[i - 1][3] not in STOP_CAPS and words[i - 1][3] not in ALIAS_INDEX:
            # "Rushnara Ali": a first name the tables spell otherwise belongs to the mention
            i, start = i - 1, words[i - 1][1]
        if keys:
            mentions.append(_person(sentence, start, se, keys, ctx, index))
            for j in range(i, surname_at + 1):
                taken[j] = True
        elif surname_at == i:
            ons = _seat_by_part(fw, words, i, index, ctx)
            if ons:
                mentions.append(Mention(type="seat", text=w, start=s, end=e, key=ons, score=80.0))
                taken[i] = True
    # PERSON spans the exact lookups did not cover: misspellings and nicknames
    covered = [(m.start, m.end) for m in mentions]
    for start, end, label in entities:
        if any(a < end and start < b for a, b in covered):
            continue
        text = sentence[start:end]
        folded = fold(TITLE_PREFIX.sub("", text))
        if label == "PERSON":
            words_in = folded.split()
            keys = []
            # "Lawyer Adnan Hussein": try the span without the words in front of the name
            for k in range(0, max(1, len(words_in) - 1)):
                keys = index.fuzzy_person(" ".join(words_in[k:]), ctx)
                if keys:
                    break
            if keys:
                mentions.append(_person(sentence, start, end, keys, ctx, index, score=90.0))
                continue
        if label in ("GPE", "LOC", "FAC", "PERSON", "ORG") and len(folded.split()) >= 2:
            ons = index.fuzzy_seat(folded)
            if ons:
                mentions.append(Mention(type="seat", text=text, start=start, end=end, key=ons, score=90.0))
    _capitalised_runs(sentence, words, mentions, index, ctx)
    _leaders(sentence, mentions, index)
    _independents(sentence, mentions)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _exact_names(sentence: str, words, index: NameIndex) -> tuple[tuple[Mention, ...], tuple[bool, ...]]:
    """The names the tables hold exactly, longest first, and the words they take.

    They depend on the sentence alone (not on what the article said before), and a sentence is looked up
    two or three times an article (to decide whether it needs entities, for the article's seats, then in
    order), so `find_mentions` remembers them for the article.
    """
    mentions: list[Mention] = []
    taken = [False] * len(words)
    i = 0
    while i < len(words):
        w = words[i][0]
        if not _cap(w) and w != "&":
            # lower-case party names ("the greens") are not names; "independent" etc. are handled by the extractor
            i += 1
            continue
        hit = _longest(words, i, sentence, index)
        if hit:
            n, mention = hit
            mentions.append(mention)
            for j in range(i, i + n):
                taken[j] = True
            i += n
            continue
        i += 1
    return tuple(mentions), tuple(taken)


LEADER_AFTER = re.compile(r"\s+(?:party\s+)?leader(?:[’']s)?\b", re.I)  # matched where the party's name ends
NOT_THE_LEADER = re.compile(r"\b(?:former|ex|previous|then|as|deputy|next|future|new|his|her|their)[\s-]+$", re.I)


def _leaders(sentence: str, mentions: list[Mention], index: NameIndex) -> None:
    """"the Labour leader's constituency", "the Reform UK leader": the party's leader at this election."""
    for m in [m for m in mentions if m.type == "party" and m.key]:
        after = LEADER_AFTER.match(sentence, m.end)
        keys = index.ref.leaders.get(m.key, [])
        if not after or len(keys) != 1 or NOT_THE_LEADER.search(sentence[max(0, m.start - 12):m.start]):
            continue
        end = after.end()
        seat = re.match(r"\s*(?:constituency|seat)\b", sentence[end:])
        if seat:  # "the Labour leader's constituency" names a seat, not a subject
            end += seat.end()
            mentions.append(Mention(type="seat", text=sentence[m.start:end], start=m.start, end=end,
                                    key=index.ref.candidates[keys[0]].ons_id, score=95.0))
            continue
        mentions.append(Mention(type="candidate", text=sentence[m.start:end], start=m.start, end=end, key=keys[0],
                                score=95.0))


INDEPENDENT = re.compile(r"\b(?:an?|the)\s+(?:[\w-]+\s+){0,2}?independent(?:\s+candidate)?\b", re.I)


def _independents(sentence: str, mentions: list[Mention]) -> None:
    """"an independent", "the pro-Gaza independent": the Independent candidate, as a party mention."""
    if "ndependent" not in sentence.lower():
        return  # most sentences (the case-blind match needs these letters; "İ" lower-cases to two characters)
    for m in INDEPENDENT.finditer(sentence):
        if not any(x.start < m.end() and m.start() < x.end for x in mentions):
            mentions.append(Mention(type="party", text=m.group(0), start=m.start(), end=m.end(), key="Ind",
                                    score=80.0))


RUN_GLUE = {"and", "&", "of", "upon", "on", "the"}


def _capitalised_runs(sentence: str, words, mentions: list[Mention], index: NameIndex, ctx: ArticleContext) -> None:
    """Names spaCy split or missed: a run of capitalised words that is a reordered or misspelt seat
    ("Stepney and Bethnal Green", "Norfolk South West") or a person with a nickname ("Toby Mckenzie")."""
    runs, cur = [], []
    for w in words:
        if _cap(w[0]) and w[3] not in TITLES:
            cur.append(w)
        elif cur and w[3] in RUN_GLUE:
            cur.append(w)
        else:
            runs.append(cur)
            cur = []
    runs.append(cur)
    for run in runs:
        while run and run[-1][3] in RUN_GLUE:
            run = run[:-1]
        if len(run) < 2:
            continue
        start, end = run[0][1], run[-1][2]
        if any(m.start <= start and end <= m.end and m.type in ("seat", "candidate") for m in mentions):
            continue
        text = sentence[start:end]
        folded = fold(text)
        ons = index.fuzzy_seat(folded)
        if ons and not any(m.type == "seat" and m.key == ons for m in mentions):
            mentions[:] = [m for m in mentions if not (m.start >= start and m.end <= end)]
            mentions.append(Mention(type="seat", text=text, start=start, end=end, key=ons, score=90.0))
            continue
        if len(run) == 2 and not any(m.start < end and start < m.end for m in mentions):
            keys = index.fuzzy_person(folded, ctx, surname_only=True)
            if keys:
                mentions.append(_person(sentence, start, end, keys, ctx, index, score=85.0))


GLUE = ("and", "of", "upon", "on", "the", "in")  # words a name never ends on


def _longest(words, i, sentence, index: NameIndex):
    """The longest name starting at word i: a seat, a person or a party."""
    longest = min(MAX_NGRAM, len(words) - i)
    first = words[i][3].split()
    if first:
        most = index.first_words.get(first[0], 0)  # folded words of the longest name it starts
        if not most:
            return None
        # each word folds to one word or more, or to nothing (those add no word to the name)
        longest = min(longest, most + sum(1 for w in words[i:i + longest] if not w[3]))
    for n in range(longest, 0, -1):
        last, last_folded = words[i + n - 1][0], words[i + n - 1][3]
        if last_folded in GLUE:
            continue
        if not _cap(last) and n > 1:
            # "Liberal democrats": a party's name of two words or more is that party however its last word is cased
            if not (_cap(words[i][0]) and " ".join(w[3] for w in words[i:i + n]) in ALIAS_INDEX):
                continue
        start, end = words[i][1], words[i + n - 1][2]
        text = sentence[start:end]
        folded = " ".join(w[3] for w in words[i:i + n] if w[3])
        if folded in index.seat:
            return n, Mention(type="seat", text=text, start=start, end=end, key=index.seat[folded])
        if folded in index.seat_previous and n >= 2:
            return n, Mention(type="seat", text=text, start=start, end=end, key=index.seat_previous[folded])
        if n >= 2 and folded in index.full:
            keys = index.full[folded]
            return n, Mention(type="candidate", text=text, start=start, end=end, key=keys[0] if len(keys) == 1 else None,
                              alternatives=keys if len(keys) > 1 else [])
        if n >= 2 and folded in index.full_previous:
            keys = index.full_previous[folded]
            now = index.standing_again(keys)
            if now:  # "Stephen Barclay" stood last time as Stephen and this time as Steve: this election's
                return n, Mention(type="candidate", text=text, start=start, end=end, key=now, score=90.0)
            return n, Mention(type="candidate", text=text, start=start, end=end, key=keys[0],
                              alternatives=keys if len(keys) > 1 else [])
        code = ALIAS_INDEX.get(folded) or (index.party_names.get(folded) if (n >= 2 or text.isupper()) else None)
        if code and (folded not in CASE_SENSITIVE_ALIASES or _cap(text)):
            if folded in ("independent", "independents"):
                continue  # an adjective as often as a party: the extractor reads it in context
            return n, Mention(type="party", text=text, start=start, end=end, key=code)
    return None


def _seat_by_part(folded: str, words, i: int, index: NameIndex, ctx: ArticleContext) -> Optional[str]:
    """"75% of people in Truro": one word of a seat's name, standing alone, for the one seat of the article
    that has it (named there in full). Never a seat the article has not named: "Bury" alone is Bury North or
    Bury South, or the town."""
    if i + 1 < len(words) and _cap(words[i + 1][0]):
        return None  # part of a longer name
    seats = index.seat_parts.get(folded, set()) & ctx.article_seats
    return next(iter(seats)) if len(seats) == 1 else None


def _by_surname(surname: str, index: NameIndex, ctx: ArticleContext, titled: bool, seats_here: set[str]) -> list[str]:
    """A bare or titled surname: someone the article introduced, else the one candidate of that name
    in a seat the sentence names (or, for "Mr X", a seat the article names). Never a guess beyond that:
    "Mr Mahmood" alone could be any of several."""
    # only the people introduced most recently: a bare surname points back a few paragraphs, and a scan of
    # everyone would make an archive record's cost grow with the square of its length
    recent = islice(reversed(ctx.people), RECENT_PEOPLE)
    introduced = [k for k in recent if fold(index.ref.candidate(k).surname) == surname]
    if introduced:
        return introduced[:1]
    pools = (seats_here, ctx.article_seats) if titled else (seats_here,)
    for pool in pools:
        here = [k for k in index.surname.get(surname, []) if index.ref.candidates[k].ons_id in pool]
        if len(here) == 1:
            return here
        if here:
            return []
    return []


def _person(sentence, start, end, keys, ctx: ArticleContext, index: NameIndex, score=100.0) -> Mention:
    return Mention(type="candidate", text=sentence[start:end], start=start, end=end,
                   key=keys[0] if len(keys) == 1 else None, alternatives=keys if len(keys) > 1 else [], score=score)


def resolve_alternatives(mentions: list[Mention], index: NameIndex, ctx: ArticleContext, sentence: str = "") -> None:
    """Two people with one name: the party named just before them, the seat named beside them, else the
    article's seats, decides."""
    seats_here = {m.key for m in mentions if m.type == "seat" and m.key}
    for m in mentions:
        if m.type != "candidate" or m.key or not m.alternatives:
            continue
        # "The Green candidate Khalid Mahmood": the party named just before, in the same phrase, decides; not one
        # across a clause's punctuation ("polled 16,758 votes for Labour, while Sarah Smith got 8,039")
        party = next((p.key for p in reversed(mentions) if p.type == "party" and p.end <= m.start
                      and m.start - p.end <= 25 and not _CLAUSE_BREAK.search(sentence, p.end, m.start)), None)
        if party:
            fits = [k for k in m.alternatives if index.ref.candidate(k).party == party]
            if len(fits) == 1:
                m.key, m.alternatives = fits[0], []
                continue
        for pool in (seats_here, ctx.article_seats):
            fits = [k for k in m.alternatives if (index.ref.candidate(k).ons_id in pool)]
            if len(fits) == 1:
                m.key = fits[0]
                m.alternatives = []
                break


_CLAUSE_BREAK = re.compile(r"[,;:.!?()]")


def update_context(mentions: list[Mention], index: NameIndex, ctx: ArticleContext) -> None:
    for m in mentions:
        if m.type == "candidate" and m.key and index.ref.is_current(m.key):
            ctx.add_person(m.key)
            ctx.focus = ("person", m.key)
        elif m.type == "seat" and m.key and not index.ref.is_previous_actual(m.key):
            ctx.add_seat(m.key)
            if not (ctx.focus and ctx.focus[0] == "person" and index.ref.candidate(ctx.focus[1]).ons_id == m.key):
                ctx.focus = ("seat", m.key)
