"""Blocs of parties that coverage counts together ("unionists won eight seats").

A bloc is not one fixed list: Northern Ireland coverage counts nationalists
with or without Aontú and People Before Profit, unionists with or without the
independent unionist MP. `party-blocs.csv` (documented in PROVENANCE.md,
"Blocs") lists each accepted grouping, and `groupings` returns all of them,
so a figure that fits any accepted grouping is not called wrong.
"""
from __future__ import annotations

from typing import Iterable, Optional

from pydantic import BaseModel, ConfigDict

from .parties import fold

BLOCS_FILE = "party-blocs.csv"


class Grouping(BaseModel):
    """One accepted membership of a bloc, in one nation."""

    model_config = ConfigDict(frozen=True)

    bloc: str
    region: str  # the nation (a place name) where the bloc applies
    description: str
    aliases: tuple[str, ...]
    parties: frozenset[str]  # canonical party codes
    candidates: frozenset[tuple[str, str]] = frozenset()  # (ONS code, "First Last") of members outside those parties

    def includes(self, party: str, ons_id: str = "", name: str = "") -> bool:
        """Whether a candidate of this party (in this seat, of this name) counts in the bloc."""
        return party in self.parties or (ons_id, name) in self.candidates


def _cells(value) -> list[str]:
    return [a.strip() for a in value.split("|") if a.strip()] if isinstance(value, str) else []


def parse_candidates(value) -> list[tuple[str, str]]:
    out = []
    for cell in _cells(value):
        ons, _, name = cell.partition(":")
        out.append((ons.strip(), name.strip()))
    return out


def build_groupings(rows: Iterable[dict]) -> list["Grouping"]:
    return [Grouping(bloc=str(r["bloc"]).strip(), region=str(r["region"]).strip(),
                     description=str(r["grouping"]).strip(), aliases=tuple(_cells(r["aliases"])),
                     parties=frozenset(_cells(r["parties"])), candidates=frozenset(parse_candidates(r["candidates"])))
            for r in rows]


class BlocIndex:
    """Groupings of parties, looked up by the words coverage uses for them."""

    def __init__(self, groupings: list[Grouping]):
        self.groupings = groupings
        self._by_word: dict[str, list[Grouping]] = {}
        for g in groupings:
            for word in (g.bloc, *g.aliases):
                entries = self._by_word.setdefault(fold(word), [])
                if g not in entries:
                    entries.append(g)

    def groupings_for(self, word: str, region: Optional[str] = None) -> list[Grouping]:
        """Every accepted grouping a word may mean ("unionists"), in one nation if given, narrowest first."""
        found = self._by_word.get(fold(word), [])
        return [g for g in found if region is None or g.region == region]

    def blocs(self) -> list[tuple[str, str]]:
        """(bloc, region) pairs, in table order."""
        return list(dict.fromkeys((g.bloc, g.region) for g in self.groupings))


def groupings(word: str, region: Optional[str] = None, ref=None) -> list[Grouping]:
    """The accepted memberships of a bloc named by `word`; empty when there is no such bloc."""
    if ref is None:
        from . import load_reference

        ref = load_reference()
    return ref.blocs.groupings_for(word, region)
