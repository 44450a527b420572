"""Places journalists group seats by, and where a sentence names one.

The official tables name only the nation and the region of each seat, but
coverage counts seats by county ("Norfolk's ten seats"), city ("Glasgow's six
seats") and area ("the Black Country"). The place table in `reference_data/`
(`places.csv`, `place-seats.csv`, documented in PROVENANCE.md) maps each place
to its 2024 seats; regions and nations come from the tables' own columns and
larger areas are unions of other places.

A seat that straddles a place's boundary is listed as *cross-border*:
journalists count such seats sometimes in, sometimes out, so a seat count
for a place is checkable against its core seats, against all of them, and
anything in between (`Place.fits_seat_count`). Where usage differs (the
ceremonial county of North Yorkshire against the council area, "the capital"
in a Scottish round-up), one alias names several places and
`places_named` returns them all, the usual reading first.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, NamedTuple, Optional

from pydantic import BaseModel, ConfigDict

from ..memo import remembered
from .parties import ALIAS_INDEX, fold

if TYPE_CHECKING:  # pragma: no cover
    from .records import SeatResult

PLACES_FILE = "places.csv"
PLACE_SEATS_FILE = "place-seats.csv"
KINDS = ("country", "nation", "region", "county", "city", "area")
MODIFIERS_TABLE = Path(__file__).with_name("place-modifiers.csv")
STOP_PHRASES_TABLE = Path(__file__).with_name("place-stopphrases.csv")


class Place(BaseModel):
    """A named group of 2024 seats (ONS codes)."""

    model_config = ConfigDict(frozen=True)

    name: str
    kind: str
    definition: str
    aliases: tuple[str, ...]
    seats: tuple[str, ...]  # every seat at least partly inside
    core: tuple[str, ...]  # seats wholly inside
    cross_border: tuple[str, ...]  # seats that straddle the boundary
    named: tuple[str, ...] = ()  # seats whose name carries the place's name ("Bradford East")

    def seat_count_range(self) -> tuple[int, int]:
        """Fewest and most seats a count 'in' this place can fairly mean."""
        return len(self.core), len(self.seats)

    def count_range(self, selected: Iterable[str]) -> tuple[int, int]:
        """Fewest and most of the selected seats (ONS codes: a party's wins, say) a count for this place can mean.

        "Labour won seven of Norfolk's seats" counts Labour's wins wholly in
        Norfolk, and perhaps those straddling its border.
        """
        chosen = set(selected)
        return len(chosen.intersection(self.core)), len(chosen.intersection(self.seats))

    def fits_seat_count(self, n: int) -> bool:
        """Whether n is a fair count of this place's seats.

        Any number of cross-border seats may be counted in; for a city, the
        seats named after it are a common count too ("Bradford's three
        seats", though the district has five).
        """
        low, high = self.seat_count_range()
        return low <= n <= high or (self.kind == "city" and bool(self.named) and n == len(self.named))


class PlaceMention(NamedTuple):
    start: int
    end: int
    place: Place


# --------------------------------------------------------------------------- tables
def _split(cell) -> list[str]:
    if not isinstance(cell, str):
        return []
    return [a.strip() for a in cell.split("|") if a.strip()]


def _text(cell) -> str:
    return cell.strip() if isinstance(cell, str) else ""


def build_places(place_rows: Iterable[dict], seat_rows: Iterable[dict],
                 seats: dict[str, "SeatResult"]) -> list[Place]:
    """Places in table order; the rows are assumed checked (`validate.check_places`)."""
    rows = [{k: _text(v) for k, v in r.items()} for r in place_rows]
    listed: dict[str, tuple[list[str], list[str]]] = {}
    for r in seat_rows:
        core, cross = listed.setdefault(_text(r["place"]), ([], []))
        (cross if _text(r["cross_border"]).lower() == "yes" else core).append(_text(r["ons_id"]))
    by_name = {r["place"]: r for r in rows}
    built: dict[str, tuple[list[str], list[str]]] = {}

    def members(name: str) -> set[str]:
        """The place and every place it is made of, all the way down."""
        out = {name}
        for part in _split(by_name[name]["made_of"]):
            out |= members(part)
        return out

    def resolve(name: str, trail: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
        if name in built:
            return built[name]
        if name in trail:
            raise ValueError(f"{PLACES_FILE}: {name} is made of itself")
        r = by_name[name]
        parts = _split(r["made_of"])
        if r["kind"] == "region":
            result = ([s.ons_id for s in seats.values() if s.region == name], [])
        elif r["kind"] == "nation":
            result = ([s.ons_id for s in seats.values() if s.country == name], [])
        elif parts:
            inside = set().union(*(members(p) for p in parts))
            core: dict[str, None] = {}
            cross: dict[str, None] = {}
            for part in parts:
                part_core, part_cross = resolve(part, trail + (name,))
                core.update(dict.fromkeys(part_core))
                for ons in part_cross:
                    # straddles only places of this union: wholly inside it
                    kind = by_name[part]["kind"]
                    owners = {p for p, (c, x) in listed.items() if by_name[p]["kind"] == kind and ons in c + x}
                    (core if owners <= inside else cross)[ons] = None
            result = (list(core), [s for s in cross if s not in core])
        else:
            result = listed.get(name, ([], []))
        built[name] = result
        return result

    places = []
    for r in rows:
        core, cross = resolve(r["place"])
        aliases = tuple(_split(r["aliases"]))
        everything = tuple(sorted(set(core) | set(cross), key=lambda ons: seats[ons].name))
        places.append(Place(
            name=r["place"], kind=r["kind"], definition=r["definition"], aliases=aliases,
            seats=everything, core=tuple(sorted(core, key=lambda ons: seats[ons].name)),
            cross_border=tuple(sorted(cross, key=lambda ons: seats[ons].name)),
            named=tuple(ons for ons in everything if _names(seats[ons].name, aliases))))
    return places


def _names(seat_name: str, aliases: tuple[str, ...]) -> bool:
    words = f" {fold(seat_name)} "
    return any(f" {fold(a)} " in words for a in aliases if not fold(a).startswith("the "))


# --------------------------------------------------------------------------- matching
_TOKEN = re.compile(r"[^\W_]+|&")


def _fold_word(word: str) -> str:
    if word == "&":
        return "and"
    if not word.isascii():
        word = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    return word.lower()


def _tokens(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, folded word, capitalised) for every word of the text."""
    return [(m.start(), m.end(), _fold_word(m.group()), m.group()[:1].isupper()) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=1)
def _modifiers() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Words around a place name that change what it names (`place-modifiers.csv`).

    Qualifiers before a place name a smaller, unlisted place ("north Wales",
    "inner London"); a region whose name starts with a compass word and is
    followed by a place qualifies that place ("North East Lincolnshire"); a
    seat suffix after a city's name is a seat written short ("Stoke North").
    """
    sets: dict[str, set[str]] = {"qualifier": set(), "compass": set(), "seat_suffix": set()}
    with open(MODIFIERS_TABLE, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for column, words in sets.items():
                if row[column].strip().lower() == "yes":
                    words.add(_fold_word(row["word"].strip()))
    return frozenset(sets["qualifier"]), frozenset(sets["compass"]), frozenset(sets["seat_suffix"])


class _Phrases:
    """Token sequences to find in text, longest first at each word.

    A phrase written with a leading "the" ("the capital") is stored without
    it and needs it in the text, so that "the North East" is not cut short
    by "the North".
    """

    def __init__(self) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], object, tuple[bool, ...], bool]]] = {}

    def add(self, phrase: str, value: object, capitalised_only: bool = False) -> None:
        toks = _tokens(phrase)
        need_the = len(toks) > 1 and toks[0][2] == "the"
        if need_the:
            toks = toks[1:]
        words = tuple(t[2] for t in toks)
        if not words:
            return
        caps = tuple(t[3] for t in toks) if capitalised_only else tuple(False for _ in toks)
        entries = self.by_first.setdefault(words[0], [])
        entries.append((words, value, caps, need_the))
        entries.sort(key=lambda e: -len(e[0]))

    def scan(self, toks: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, object]]:
        """Non-overlapping (first token, end token, value), leftmost-longest."""
        out, i = [], 0
        said = tuple(t[2] for t in toks)  # the words once, sliced per phrase rather than rebuilt per phrase
        while i < len(toks):
            for words, value, caps, need_the in self.by_first.get(said[i], ()):
                n = len(words)
                if said[i:i + n] == words and (not any(caps) or all(
                        toks[i + k][3] or not caps[k] for k in range(n))) and (
                        not need_the or (i > 0 and said[i - 1] == "the")):
                    out.append((i, i + n, value))
                    i += n
                    break
            else:
                i += 1
        return out


class PlaceIndex:
    """The place table, looked up by name or alias, and matched in sentences."""

    def __init__(self, places: list[Place], seat_names: Iterable[str], capitalised_only: dict[str, set[str]]):
        self.places = places
        self._by_alias: dict[str, list[Place]] = {}
        self._by_name: dict[str, Place] = {}
        self._phrases = _Phrases()
        for place in places:
            self._by_name[fold(place.name)] = place
            exact = capitalised_only.get(place.name, set())
            for alias in place.aliases:
                key = fold(alias)
                if key not in self._by_alias:
                    self._phrases.add(alias, key, capitalised_only=key in exact)
                self._by_alias.setdefault(key, []).append(place)
        self._seat_phrases = _Phrases()
        for name in seat_names:
            self._seat_phrases.add(name, name)
        for alias in ALIAS_INDEX:  # party names that hold a place name ("Scottish Labour")
            if " " in alias:
                self._seat_phrases.add(alias, alias)
        with open(STOP_PHRASES_TABLE, newline="", encoding="utf-8") as fh:  # "Bank of England", "New York"
            for row in csv.DictReader(fh):
                self._seat_phrases.add(row["phrase"].strip(), row["phrase"].strip())

    def places_named(self, name_or_alias: str) -> list[Place]:
        """Every place the words may name, the usual reading first."""
        key = fold(name_or_alias)
        if key.startswith("the ") and key not in self._by_alias:
            key = key[4:]
        found = list(self._by_alias.get(key, []))
        exact = self._by_name.get(key)
        if exact is not None and exact not in found:
            found.append(exact)
        return found

    def place_seats(self, name_or_alias: str) -> Optional[Place]:
        """The place a name or alias usually means; None when the table has no such place."""
        found = self.places_named(name_or_alias)
        return found[0] if found else None

    def places_of(self, ons_id: str, kind: Optional[str] = None) -> list[Place]:
        """Every place a seat is in (wholly or partly), of one kind if given, in table order."""
        return [p for p in self.places if ons_id in p.seats and (kind is None or p.kind == kind)]

    def find_places(self, sentence: str) -> list[PlaceMention]:
        """Places named in a sentence, with character offsets, in order.

        Leftmost-longest over the aliases, then guards: a place inside a
        longer seat or party name, or a phrase of `place-stopphrases.csv`, is
        not meant ("Birmingham Yardley", "Scottish Labour", "Bank of
        England"); a place after a qualifier names a smaller,
        unlisted place ("north Wales", "inner London"); a compass region
        before another place qualifies it ("North East Lincolnshire"); and a
        city's name before "North" or "East" is a seat written short ("Stoke
        North").
        A leading "the" is kept in the span ("across the North East").
        Each sentence is read once an article (`memo.one_article`): three stages ask.
        """
        return list(self._scan(sentence)[0])

    def parts_named(self, sentence: str) -> list[Place]:
        """Places the sentence names only in part ("inner London", "north Wales"): what it counts there is not
        the whole place's."""
        return list(self._scan(sentence)[1])

    def _scan(self, sentence: str) -> tuple[list[PlaceMention], list[Place]]:
        return remembered("places.find_places", (id(self), sentence), lambda: self._find_places(sentence))

    def _find_places(self, sentence: str) -> tuple[list[PlaceMention], list[Place]]:
        """The places named, and those named only in part (after a qualifier), from one pass over the aliases."""
        toks = _tokens(sentence)
        if not toks:
            return [], []
        qualifiers, compass, suffixes = _modifiers()
        hits = self._phrases.scan(toks)
        blocked: list[tuple[int, int]] = [(a, b) for a, b, _ in self._seat_phrases.scan(toks) if b - a > 1]
        starts = {a for a, _ in blocked} | {a for a, _, _ in hits}

        def adjacent(i: int, j: int) -> bool:  # token j follows token i with only spaces or a hyphen between
            return 0 <= i < j < len(toks) and sentence[toks[i][1]:toks[j][0]] in (" ", "-", "\u00a0")

        out, parts = [], []
        for a, b, key in hits:
            if any(x <= a and b <= y and (y - x) > (b - a) for x, y in blocked):
                continue
            if a > 0 and toks[a - 1][2] in qualifiers and adjacent(a - 1, a):
                parts.append(self._by_alias[key][0])
                continue
            if toks[a][2] in compass and b in starts and adjacent(b - 1, b):
                continue
            if b < len(toks) and toks[b][2] in suffixes and toks[b][3] and adjacent(b - 1, b) and " " not in key:
                continue  # "Stoke North", "Leeds East": a seat written short
            start = toks[a][0]
            if a > 0 and toks[a - 1][2] == "the" and adjacent(a - 1, a):
                start = toks[a - 1][0]
            out.append(PlaceMention(start, toks[b - 1][1], self._by_alias[key][0]))
        return out, parts


def capitalised_aliases(place_rows: Iterable[dict]) -> dict[str, set[str]]:
    return {_text(r["place"]): {fold(a) for a in _split(r["capitalised_only"])} for r in place_rows}


# --------------------------------------------------------------------------- convenience
def _index(ref=None) -> PlaceIndex:
    if ref is None:
        from . import load_reference

        ref = load_reference()
    return ref.places


def place_seats(name_or_alias: str, ref=None) -> Optional[Place]:
    """The place a name or alias usually means, with its seats; None when the table has no such place."""
    return _index(ref).place_seats(name_or_alias)


def places_named(name_or_alias: str, ref=None) -> list[Place]:
    return _index(ref).places_named(name_or_alias)


def find_places(sentence: str, ref=None) -> list[PlaceMention]:
    """(start, end, Place) for every place the sentence names."""
    return _index(ref).find_places(sentence)
