"""Results blocks tied to the tables: which seat (or country), which candidate, which column.

A results list says little about itself. Its seat may be named in the line
above, in the sentence before, or nowhere, its names are shortened and
misspelt ("Jon" for Jonathan, a dropped middle name), its party labels are
whatever the desk uses ("N/A", "ND", "Indep", "(C)"), and its columns often
have no header. So each question is answered by weighing the block against
the data, never by one rule per layout:

- the seat: the seat whose candidates best match the block's names and
  parties together (rapidfuzz `process.cdist` over every candidate), the
  seat its heading names, or the seat the article last spoke of;
- a party tally: which country or nation the party rows add up to;
- a row: the seat's candidate that best matches its name and party;
- a column: its header or label, else what its values fit.

A figure is then a `LinkedClaim` like any other, judged by `judge_block`
(today's `Verifier`). A figure is called inaccurate only when the block is
tied to its seat or area by something other than that figure: its names,
its heading, or most of its other figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Optional

import numpy as np
from rapidfuzz import fuzz, process

from ..models import Claim, ClaimCandidate, Claimed, ConstituencyRef, LinkedClaim, Official, Quantity, Scope
from ..read.blocks import SUMMARY as SUMMARY_COLUMNS
from ..read.blocks import Block, Cell, Row, heading_era, party_abbreviation, vocabulary
from ..read.figures import admits, precision_step
from ..reference import aggregate as agg
from ..reference.parties import ALIAS_INDEX, display_name, fold
from ..readings.subjects import NI_PARTIES, nation_of
from .bounds import CharBound
from .names import TITLES, ArticleContext, NameIndex, find_mentions

NATIONS = ("England", "Scotland", "Wales", "Northern Ireland")
NAME_FIT = 80.0  # a row's name must score this against a candidate to count towards a seat
SURE_NAME = 88.0


# ------------------------------------------------------------------ the candidate index
@dataclass
class _People:
    """Every 2024 candidate's folded name, grouped by seat, for one cdist per block."""

    keys: list[str]
    names: list[str]
    seat_ids: list[str]
    starts: np.ndarray  # first column of each seat's run of candidates
    seats_named: dict[str, frozenset[str]]  # folded name -> the seats with a candidate of exactly that name
    bound: CharBound  # which candidates a name can score the matrix's cutoff against
    stood_in: dict[str, tuple[str, ...]]  # party code -> the seats it fought, in the tables' order


@lru_cache(maxsize=4)
def _people_for(ref_id: int, ref) -> _People:
    keys, names, seat_ids, starts = [], [], [], []
    seats_named: dict[str, set[str]] = {}
    stood_in: dict[str, list[str]] = {}
    for ons, seat in ref.seats.items():
        starts.append(len(keys))
        seat_ids.append(ons)
        for c in seat.candidates:
            keys.append(c.key)
            names.append(fold(c.name))
            seats_named.setdefault(names[-1], set()).add(ons)
            if not stood_in.get(c.party) or stood_in[c.party][-1] != ons:
                stood_in.setdefault(c.party, []).append(ons)
    return _People(keys, names, seat_ids, np.array(starts), {n: frozenset(s) for n, s in seats_named.items()},
                   CharBound(names), {p: tuple(s) for p, s in stood_in.items()})


def _people(ref) -> _People:
    return _people_for(id(ref), ref)


# ------------------------------------------------------------------ names and parties
def _strip_title(folded: str) -> str:
    words = folded.split()
    while words and words[0] in TITLES:
        words = words[1:]
    return " ".join(words)


def _name_variants(row: Row, min_words: int = 2) -> list[str]:
    """The pieces of a row that may be a person's name: whole pieces, and a piece less a party at either end
    ("Zoe Franklin Lib Dem" -> "Zoe Franklin", "John Morris Peace Party" -> "John Morris")."""
    out = []
    for p in row.subject:
        f = _strip_title(fold(p))
        words = f.split()
        if not words or f in ALIAS_INDEX or vocabulary().get(p.lower()) in ("others", "total", "no_party"):
            continue
        if all(w in ALIAS_INDEX for w in words):
            continue  # "Labour GAIN from Conservative": parties, no one's name
        party_last = words[-1] == "party"  # "Independent Party", "Peace Party": no one's name
        if len(words) >= min_words and not party_last:
            out.append(f)
        for k in range(min_words, len(words)):
            out.append(" ".join(words[:k]))
            if not party_last:
                out.append(" ".join(words[-k:]))
    return list(dict.fromkeys(out))


def name_similarity(a: str, b: str) -> float:
    """How alike two folded names are, allowing a short form ("jon" for "jonathan") or a dropped middle name."""
    if not a or not b:
        return 0.0
    score = fuzz.WRatio(a, b)
    wa, wb = a.split(), b.split()
    if len(wa) >= 2 and len(wb) >= 2:
        same_surname = wa[-1] == wb[-1] or fuzz.ratio(wa[-1], wb[-1]) >= 85
        first_alike = wa[0].startswith(wb[0][:3]) or wb[0].startswith(wa[0][:3]) or fuzz.ratio(wa[0], wb[0]) >= 80
        if same_surname and first_alike:
            score = max(score, 92.0 if wa[-1] == wb[-1] else 88.0)
    elif len(wa) == 1 and len(wb) >= 2 and wa[0] == wb[-1]:
        score = max(score, 85.0)  # a surname on its own
    return score


def party_similarity(label: str, cand) -> float:
    """How well a printed party label fits a candidate's party: an alias, "N/A" for an independent, a prefix
    ("Indep"), initials ("C", "LD"), or the ballot name itself ("Rejoin EU")."""
    f = fold(label)
    if not f:
        return 0.0
    code = ALIAS_INDEX.get(f) or party_abbreviation(label)
    if code is not None:
        return 100.0 if code == cand.party else 0.0
    if vocabulary().get(label.strip().lower()) == "no_party" or f in ("n a", "nd", "na"):
        return 95.0 if cand.party == "Ind" else 0.0
    name = fold(cand.party_name)
    if f == name or f == fold(cand.party):
        return 100.0
    words = name.split()
    if len(f) >= 3 and name.startswith(f):
        return 90.0
    if f.replace(" ", "") == "".join(w[0] for w in words if w not in ("and", "of", "the")):
        return 85.0
    if len(f) == 1 and words and words[0][0] == f:
        return 70.0
    return max(fuzz.ratio(f, name), 0.9 * fuzz.token_set_ratio(f, name))


def _party_code(label: str, index: NameIndex) -> Optional[str]:
    f = fold(label)
    if not f:
        return None
    code = ALIAS_INDEX.get(f) or party_abbreviation(label) or index.party_names.get(f)
    if code:
        return code
    if vocabulary().get(label.strip().lower()) == "no_party":
        return "Ind"
    hit = process.extractOne(f, list(index.party_names), scorer=fuzz.ratio, score_cutoff=90)
    if hit:
        return index.party_names[hit[0]]
    places = getattr(index.ref, "places", None)
    if len(f.split()) == 1 and label[:1].isupper() and vocabulary().get(f) not in ("others", "total", "filler") \
            and not (places is not None and places.places_named(label)):
        # "Change" for The Independent Group for Change: the last word of one party's name in this election
        # (a place's name, "Britain", is never a party's)
        codes = {code for name, code in [*index.party_names.items(), *ALIAS_INDEX.items()] if name.endswith(f" {f}")}
        if len(codes) == 1 and codes <= set(index.party_names.values()):
            return codes.pop()
    return None


def row_party(row: Row, index: NameIndex) -> Optional[str]:
    """The party a row of a tally stands for ("SF", "Lib Dem", "Tory"), if its label is one."""
    for p in row.subject:
        code = _party_code(p, index)
        if code:
            return code
    return None


# ------------------------------------------------------------------ the seat
@dataclass
class SeatChoice:
    ons_id: Optional[str]
    how: str = ""  # "names", "heading", "nearby", "context"
    firm: bool = False  # tied by names or heading, not by its own figures


def seat_from_names(rows: list[Row], ref) -> tuple[Optional[str], int, float]:
    """(seat, rows whose names fit it surely, its score): the seat whose candidate list best matches the names.

    A list that prints every name exactly as one seat's candidates are named, and as no other seat's, is
    that seat's without a fuzzy search (`_seat_by_exact_names`); otherwise `_seat_by_matrix` looks at
    every candidate.
    """
    entries = [i for i, r in enumerate(rows) if r.kind == "entry"]
    if not any(_name_variants(rows[i]) for i in entries):
        return None, 0, 0.0
    exact = _seat_by_exact_names(rows, entries, ref)
    return exact if exact is not None else _seat_by_matrix(rows, ref)


def _seat_by_exact_names(rows: list[Row], entries: list[int], ref) -> Optional[tuple[str, int, float]]:
    """The one seat holding a candidate of exactly each name the block prints, when each of them fits fully.

    Such a seat is the one `_seat_by_matrix` picks, found by lookups instead of a fuzzy score against all
    4,515 candidates: a score of 100 means the same folded name (WRatio is 100 for equal strings only), so
    every row scoring 100 is the highest mark any seat can get, and a seat tying it would have to field a
    candidate of each of the same names, which is what "no other seat" rules out. The tie would also make
    the matrix's first cut keep the seat, being its unique best by the same marks.
    """
    people = _people(ref)
    seats: Optional[frozenset[str]] = None
    named = 0
    for i in entries:
        variants = _name_variants(rows[i])
        if not variants:
            continue
        named += 1
        here = frozenset().union(*(people.seats_named.get(v, frozenset()) for v in variants))
        seats = here if seats is None else seats & here
        if not seats:
            return None
    if seats is None or len(seats) != 1:
        return None
    (ons,) = seats
    sure, total = _seat_marks(rows, entries, ref.seat(ons))
    if sure != named or total != 100.0 * named:
        return None  # a row's printed party is not its candidate's: the fuzzy search decides
    return ons, sure, float(total)


def _seat_marks(rows: list[Row], entries: list[int], seat) -> tuple[int, float]:
    """(rows whose names fit one of the seat's candidates surely, the sum of the fits that count)."""
    row_best = [max((_row_fit(rows[i], v, c) for v in _name_variants(rows[i]) for c in seat.candidates),
                    default=0.0) for i in entries]
    return sum(1 for x in row_best if x >= SURE_NAME), sum(x for x in row_best if x >= NAME_FIT)


def _name_matrix(queries: list[str], people: _People, cutoff: float) -> np.ndarray:
    """`process.cdist` of the names against every candidate with WRatio and `cutoff`: the same matrix, each name
    scored only against the candidates `CharBound` cannot rule out (about a sixth of the 4,515); the rest score
    under the cutoff, which cdist reports as 0."""
    scores = np.zeros((len(queries), len(people.names)), dtype=np.float32)
    for i, q in enumerate(queries):
        columns = np.flatnonzero(people.bound.may_reach_wratio(q, cutoff))
        if len(columns):
            scores[i, columns] = process.cdist([q], [people.names[j] for j in columns], scorer=fuzz.WRatio,
                                               score_cutoff=cutoff, workers=1)[0]
    return scores


def _seat_by_matrix(rows: list[Row], ref) -> tuple[Optional[str], int, float]:
    """One `cdist` of every name in the block against every candidate finds the likely seats; the few best are
    then scored row by row with `name_similarity`, which forgives a dropped middle name or a short form."""
    people = _people(ref)
    entries = [i for i, r in enumerate(rows) if r.kind == "entry"]
    variants = [(i, v) for i in entries for v in _name_variants(rows[i])]
    if not variants:
        return None, 0, 0.0
    scores = _name_matrix([v for _, v in variants], people, NAME_FIT - 10)
    best = np.zeros((len(rows), scores.shape[1]), dtype=np.float32)
    for (i, _), line in zip(variants, scores):
        np.maximum(best[i], line, out=best[i])
    per_seat = np.maximum.reduceat(best, people.starts, axis=1)  # rows x seats
    totals = np.where(per_seat >= NAME_FIT - 10, per_seat, 0.0).sum(axis=0)
    shortlist = [int(k) for k in np.argsort(-totals)[:5] if totals[k] > 0]
    ranked = []
    for k in shortlist:
        sure, total = _seat_marks(rows, entries, ref.seat(people.seat_ids[k]))
        ranked.append((sure, total, people.seat_ids[k]))
    if not ranked:
        return None, 0, 0.0
    ranked.sort(reverse=True)
    sure, total, ons = ranked[0]
    if total <= 0:
        return None, 0, 0.0
    if sure <= 1 and len(ranked) > 1 and ranked[1][:2] == ranked[0][:2]:
        return None, 0, 0.0  # a single name shared by candidates in several seats settles nothing
    return ons, sure, float(total)


def _row_fit(row: Row, variant: str, cand) -> float:
    """A row's name against a candidate, less when the party the row prints is not the candidate's."""
    score = name_similarity(variant, fold(cand.name))
    if row.party and party_similarity(row.party, cand) < 50:
        score -= 15
    return score


_HEADLINE_PARTS = re.compile(r"\s*(?:[:;|–—]|\s-\s)\s*")


def seats_in_text(text: str, index: NameIndex) -> list[str]:
    """Seats of the judged election a heading or a line names, in order: by the linker's lookups, else by
    the part of a headline before its colon ("North Belfast: Historic night as ..."), else a heading that is
    the seat's name cut short ("Aberafan" for Aberafan Maesteg)."""
    found = _seats_named(text, index)
    if not found:
        parts = [p for p in _HEADLINE_PARTS.split(text) if 1 <= len(p.split()) <= 6]
        found = [s for p in parts if p != text for s in _seats_named(p, index)]
    if found:
        return list(dict.fromkeys(found))
    words = fold(text).split()
    if 1 <= len(words) <= 4 and text[:1].isupper():
        hits = set.intersection(*(index.seat_by_word.get(w, set()) for w in set(words)))
        if len(hits) == 1:
            return list(hits)
    return []


def _seats_named(text: str, index: NameIndex) -> list[str]:
    return [m.key for m in find_mentions(text, index, ArticleContext()) if m.type == "seat" and m.key
            and not index.ref.is_previous_actual(m.key)]


# ------------------------------------------------------------------ rows to candidates
@dataclass
class RowLink:
    person: Optional[str] = None  # candidate key
    party: Optional[str] = None  # party code
    score: float = 0.0
    note: Optional[str] = None


def match_rows(rows: list[Row], seat, index: NameIndex) -> dict[int, RowLink]:
    """Each entry row's candidate in the seat, by name and party together; each candidate used once."""
    pairs = []
    for i, r in enumerate(rows):
        if r.kind != "entry":
            continue
        names = _name_variants(r, min_words=1)
        named = bool(_name_variants(r))  # a row that prints a person's name is that person's, or no one's
        for c in seat.candidates:
            target = fold(c.name)
            name = max((name_similarity(v, target) for v in names), default=0.0)
            party = max((party_similarity(p, c) for p in r.subject), default=0.0)
            if name >= 75:
                score = name if party < 50 else 0.8 * name + 0.2 * party
                if party < 30 and r.party:
                    score -= 10  # the row prints a party this candidate did not stand for
            elif party >= 85 and not named:
                score = party - 10  # a party-only row ("Labour | 38.8%"): only if no other row of it
            else:
                continue
            pairs.append((score, i, c))
    links: dict[int, RowLink] = {}
    used: set[str] = set()
    for score, i, c in sorted(pairs, key=lambda t: -t[0]):
        if i in links or c.key in used or score < 70:
            continue
        rivals = [s for s, j, d in pairs if j == i and d.key != c.key and s >= score - 2 and d.key not in used]
        if rivals and not _name_variants(rows[i]):
            continue  # two independents and a row that names neither
        links[i] = RowLink(person=c.key, party=c.party, score=score)
        used.add(c.key)
    return links


def _others(rows: list[Row], links: dict[int, RowLink], seat) -> Optional[str]:
    """"Others | 1.2%": the one candidate no other row names, when there is exactly one."""
    named = {l.person for l in links.values() if l.person}
    rest = [c for c in seat.candidates if c.key not in named]
    return rest[0].key if len(rest) == 1 else None


# ------------------------------------------------------------------ claims
Kind = str


def _claim_candidate(kind: Kind, q: Quantity, row: Row, cell: Cell, role: Optional[str] = None,
                     scope: Optional[Scope] = None) -> ClaimCandidate:
    return ClaimCandidate(kind=kind, quantity=q, sentence=row.text, sentence_index=-1, quote=cell.text,
                          role=role or "era:current", scope=scope)


@dataclass
class CellClaim:
    """A cell as a claim to judge: the linked claim and, for a figure printed two ways, its other readings."""

    row: Row
    cell: Cell
    linked: LinkedClaim
    alternatives: list[LinkedClaim] = field(default_factory=list)
    own: Optional[str] = None  # a reading today's verifier lacks: "rejected", "turnout_change", "total_votes",
    # "others", "pr_seats"; "unknown" for a column the tables hold nothing for
    area: Optional[str] = None  # for a tally: the nation it is read for (None: the UK)
    column: Optional[str] = None


def _seat_kind(column: str, unit: str) -> tuple[Optional[Kind], Optional[str]]:
    """(claim kind, role) for a cell of a seat's block."""
    if column in ("votes", "count"):
        return "votes", None
    if column in ("share", "number"):
        return "vote_share", None
    if column == "change":
        return "share_change", None
    if column == "previous":
        return ("previous_share", "era:previous") if unit == "percent" else ("previous_votes", "era:previous")
    if column == "majority":
        return "majority", None
    if column == "turnout":
        return ("turnout", "count;era:current") if unit == "count" else ("turnout", None)
    if column == "electorate":
        return "electorate", None
    if column == "total_votes":
        return "turnout", "count;era:current"
    return None, None


def _wide_kind(column: str, unit: str) -> tuple[Optional[Kind], Optional[str]]:
    if column == "turnout" and unit == "percent":
        return "turnout", None
    if column == "pr_seats":
        return "aggregate", None
    if column == "votes":
        return "national_votes", None
    if column in ("share", "number"):
        return "national_share", None
    if column == "change":
        return "share_change", None
    if column == "seats":
        return "seats", None
    if column == "seats_change":
        return "seats", "seat_change;era:current"
    if column == "seats_gained":
        return "seats", "seats_gained;era:current"
    if column == "seats_lost":
        return "seats", "seats_lost;era:current"
    if column == "previous":
        return ("national_share", "era:previous") if unit == "percent" else ("seats", "era:previous")
    return None, None


def _unit_for(column: str, q: Quantity) -> Quantity:
    if column == "pr_seats":
        # a share of the seats worked out from the vote, printed to some precision: "2" is 1.5 to 2.5
        step = precision_step(q.text.lstrip("+-−–"), "percent")
        return q.model_copy(update={"unit": "count", "low": q.value - step / 2, "high": q.value + step / 2})
    unit = {"share": "percent", "number": "percent", "change": "points", "turnout": q.unit}.get(column, q.unit)
    if column in ("votes", "count", "seats", "seats_change", "seats_gained", "seats_lost", "majority", "electorate",
                  "rejected", "total_votes"):
        unit = "count"
    if unit == q.unit:
        return q
    return q.model_copy(update={"unit": unit})


# ------------------------------------------------------------------ one block
@dataclass
class LinkedBlock:
    """A block tied to the tables: its level, seat or area, and a claim for each figure."""

    block: Block
    level: Optional[str]  # "seat" or "wide"; None: nothing in it could be tied to the tables
    ons_id: Optional[str] = None
    scope: Optional[Scope] = None
    how: str = ""
    claims: list[CellClaim] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return self.level is not None


class BlockLinker:
    """Ties an article's blocks to the tables. Built per article: it remembers the seats named so far."""

    def __init__(self, ref, index: NameIndex, verifier):
        self.ref, self.index, self.verifier = ref, index, verifier
        self._stood_cache: dict = {}

    # ------------------------------------------------------------ entry
    def link(self, blocks: list[Block], lines: list[tuple[str, int]]) -> list[LinkedBlock]:
        taken = {i for b in blocks for i in b.lines}
        mentions = [(start, seat) for k, (line, start) in enumerate(lines) if k not in taken
                    for seat in seats_in_text(line, self.index)] if blocks else []
        nation = self._article_nation(lines)
        out: list[LinkedBlock] = []
        for n, block in enumerate(blocks):
            out.append(self._link_one(block, blocks, n, out, mentions, nation))
        return out

    def _article_nation(self, lines) -> Optional[str]:
        found = [nation_of(line) for line, _ in lines[:3]]
        found = [x for x in found if x]
        return found[0] if found else None

    def _link_one(self, block: Block, blocks: list[Block], n: int, done: list[LinkedBlock],
                  mentions: list[tuple[int, str]], nation: Optional[str]) -> LinkedBlock:
        lb = self._link_block(block, blocks, n, done, mentions, nation)
        era = heading_era(block.heading)
        if lb.accepted and era in ("previous", "other", "forecast"):
            _another_election(lb, era)
        return lb

    def _link_block(self, block: Block, blocks: list[Block], n: int, done: list[LinkedBlock],
                    mentions: list[tuple[int, str]], nation: Optional[str]) -> LinkedBlock:
        block = self._seat_names_apart(block)
        rows = block.rows
        per_row = self._row_seats(block)
        if len({s for s in per_row if s}) >= 2:
            return self._round_up(block, per_row)
        has_names = any(_name_variants(r) for r in rows if r.kind == "entry")
        seat_columns = any(c.column in ("seats", "seats_change", "seats_gained", "seats_lost")
                           for r in rows for c in r.cells)
        choice = self._choose_seat(block, blocks, n, done, mentions)
        if has_names and not seat_columns:
            if choice.ons_id and (choice.how == "names" or self._names_agree(block, choice.ons_id)):
                return self._seat_block(block, choice)
            return LinkedBlock(block, None)  # names the seat it is tied to did not field: another election
        if seat_columns:
            return self._wide_block(block, nation, firm_only=False) or LinkedBlock(block, None)
        # party rows and summary lines: a seat's figures or a tally, as the data say
        seat_fit = self._seat_block(block, choice) if choice.ons_id else None
        if seat_fit and choice.firm and _fits(seat_fit, self.verifier) * 2 > len(seat_fit.claims):
            return seat_fit  # most of it fits the seat its heading or its neighbour names
        wide = self._wide_block(block, nation, firm_only=True) if any(r.kind == "entry" for r in rows) else None
        if seat_fit and (wide is None or _fits(seat_fit, self.verifier) >= _fits(wide, self.verifier)):
            return seat_fit
        if wide is not None and wide.level:
            return wide
        return seat_fit or LinkedBlock(block, None)

    def _seat_names_apart(self, block: Block) -> Block:
        """"Harrogate and Knaresborough: LD: 46.1%": a seat's name printed in a row heads the block; it is no
        candidate's name."""
        rows, changed = [], False
        for r in block.rows:
            keep = [p for p in r.subject if not self._is_seat_name(p)]
            if len(keep) != len(r.subject):
                changed = True
                seats = [p for p in r.subject if p not in keep]
                r = r.model_copy(update={"subject": keep, "name": None if r.name in seats else r.name,
                                         "seat_names": seats, "kind": r.kind if keep else "summary"})
            rows.append(r)
        return block.model_copy(update={"rows": rows}) if changed else block

    def _row_seats(self, block: Block) -> list[Optional[str]]:
        """The seat each row names, carried down to the rows under it ("Ipswich: Lab 19,290" / "Con 11,701")."""
        out, current = [], None
        for r in block.rows:
            if r.seat_names:
                found = seats_in_text(r.seat_names[0], self.index)
                current = found[0] if found else current
            out.append(current)
        return out

    def _round_up(self, block: Block, per_row: list[Optional[str]]) -> LinkedBlock:
        """A block whose rows name their own seats ("Seat | Winner | Majority" round-ups): each run of rows is
        judged under its seat."""
        merged = LinkedBlock(block, "seat", None, None, "rows")
        i = 0
        while i < len(block.rows):
            ons = per_row[i]
            j = i
            while j < len(block.rows) and per_row[j] == ons:
                j += 1
            if ons is not None:
                part = block.model_copy(update={"rows": block.rows[i:j], "heading": [self.ref.seat(ons).name]})
                lb = self._seat_block(part, SeatChoice(ons, "heading", True))
                if any(_name_variants(r) for r in part.rows if r.kind == "entry") and not self._names_agree(part, ons):
                    for c in lb.claims:
                        c.linked.weak_link = True
                merged.claims += lb.claims
            i = j
        return merged

    def _is_seat_name(self, piece: str) -> bool:
        if len(piece.split()) < 1 or fold(piece) in ALIAS_INDEX:
            return False
        found = [m for m in find_mentions(piece, self.index, ArticleContext()) if m.type == "seat" and m.key
                 and not self.ref.is_previous_actual(m.key)]
        return any(len(m.text) >= 0.8 * len(piece.strip()) for m in found)

    def _choose_seat(self, block, blocks, n, done, mentions) -> SeatChoice:
        ons, sure, _ = seat_from_names(block.rows, self.ref)
        heading = [s for line in reversed(block.heading) for s in seats_in_text(line, self.index)]
        own = [s for r in block.rows for p in r.seat_names for s in seats_in_text(p, self.index)]
        own += [s for r in block.rows if r.kind != "entry" for p in r.subject for s in seats_in_text(p, self.index)]
        named = [r for r in block.rows if r.kind == "entry" and _name_variants(r)]
        # a seat's list names its candidates: most of the names must be there, not one or two alike
        if ons and sure * 2 < len(named):
            ons, sure = None, 0
        if ons and (sure >= 2 or (sure >= 1 and len(named) == 1)):
            if heading and heading[0] != ons and self._names_fit(block, heading[0]) >= sure:
                return SeatChoice(heading[0], "heading", True)
            return SeatChoice(ons, "names", True)
        if own:
            return SeatChoice(own[0], "heading", True)
        if heading:
            return SeatChoice(heading[0], "heading", True)
        # the block next to it (a "Majority:" line under a list), then the seat the article last named
        if n > 0 and done[n - 1].ons_id and block.first_line - blocks[n - 1].last_line <= 3:
            return SeatChoice(done[n - 1].ons_id, "nearby", True)
        if n + 1 < len(blocks) and blocks[n + 1].first_line - block.last_line <= 3:
            nxt, nsure, _ = seat_from_names(blocks[n + 1].rows, self.ref)
            if nxt and nsure >= 2:
                return SeatChoice(nxt, "nearby", True)
        before = [s for pos, s in mentions if pos < block.start]
        earlier = [d.ons_id for d in done if d.ons_id]
        if before or earlier:
            last_mention = max(((pos, s) for pos, s in mentions if pos < block.start), default=(-1, None))
            last_block = max(((d.block.start, d.ons_id) for d in done if d.ons_id), default=(-1, None))
            pick = max(last_mention, last_block, key=lambda t: t[0])[1]
            return SeatChoice(pick, "context", False)
        return SeatChoice(None)

    def _names_agree(self, block: Block, ons: str) -> bool:
        """Most of a list's names are the seat's candidates (a few misprinted or unknown are allowed)."""
        named = [i for i, r in enumerate(block.rows) if r.kind == "entry" and _name_variants(r)]
        links = match_rows(block.rows, self.ref.seat(ons), self.index)
        fit = sum(1 for i in named if i in links and links[i].score >= NAME_FIT)
        return fit * 2 >= len(named)

    def _names_fit(self, block: Block, ons: str) -> int:
        seat = self.ref.seat(ons)
        links = match_rows(block.rows, seat, self.index)
        return sum(1 for l in links.values() if l.score >= SURE_NAME)

    # ------------------------------------------------------------ a seat's block
    def _seat_block(self, block: Block, choice: SeatChoice) -> LinkedBlock:
        seat = self.ref.seat(choice.ons_id)
        links = match_rows(block.rows, seat, self.index)
        for i, r in enumerate(block.rows):
            if r.kind == "others" and i not in links:
                key = _others(block.rows, links, seat)
                if key:
                    links[i] = RowLink(person=key, party=self.ref.candidate(key).party, score=80.0)
            if r.kind == "summary" and i not in links:
                code = row_party(r, self.index)
                if code:
                    links[i] = RowLink(party=code)
        columns = self._typed_columns(block, lambda cols, only: self._seat_claims(block, choice, links, cols, only),
                                      {"number": ("share", "change")})
        lb = self._seat_claims(block, choice, links, columns)
        if not choice.firm:
            # tied only through the article's context: firm if most of its figures fit that seat
            fits = _fits(lb, self.verifier)
            tested = sum(1 for c in lb.claims if c.linked.person or c.linked.party or c.own)
            firm = tested > 0 and fits * 2 > tested
            for c in lb.claims:
                c.linked.weak_link = not firm
                for alt in c.alternatives:
                    alt.weak_link = not firm
        return lb

    def _seat_claims(self, block: Block, choice: SeatChoice, links: dict, columns: dict,
                     only: Optional[int] = None) -> LinkedBlock:
        lb = LinkedBlock(block, "seat", choice.ons_id, None, choice.how)
        for i, r in enumerate(block.rows):
            link = links.get(i, RowLink())
            for cell in self._row_cells(r, choice.ons_id, link):
                if only is not None and cell.index != only:
                    continue
                cc = self._seat_cell(r, cell, choice, link, columns.get(cell.index, cell.column))
                if cc is not None:
                    lb.claims.append(cc)
        return lb

    def _row_cells(self, row: Row, ons: Optional[str], link: RowLink) -> list[Cell]:
        """The row's figures; for figures glued together, the cut the seat's figures support."""
        if not row.splits or ons is None:
            return [c for c in row.cells if c.column != "rank"]
        cand = self.ref.candidate(link.person) if link.person else None
        best = None
        for split in row.splits:
            if cand is not None and (split[0].quantity.value == cand.votes or admits(split[1].quantity, cand.share)):
                best = split
                break
        if best is None:
            return []  # no cut fits the seat: the figures cannot be read, so nothing is claimed from them
        rest = [c for c in row.cells if c.start >= best[-1].end or c.end <= best[0].start]
        return [*best, *rest]

    def _seat_cell(self, row: Row, cell: Cell, choice: SeatChoice, link: RowLink, column: str) -> Optional[CellClaim]:
        q = _unit_for(column, cell.quantity)
        if column == "rejected":
            lc = LinkedClaim(candidate=_claim_candidate("turnout", q, row, cell, "count;era:current"),
                             ons_id=choice.ons_id)
            return CellClaim(row, cell, lc, own="rejected")
        if column == "change" and row.kind == "summary" and any(c.column == "turnout" for c in row.cells):
            lc = LinkedClaim(candidate=_claim_candidate("turnout", q, row, cell), ons_id=choice.ons_id)
            return CellClaim(row, cell, lc, own="turnout_change")
        if column in ("seats", "seats_change", "seats_gained", "seats_lost", "rank", "pr_seats"):
            return None
        kind, role = _seat_kind(column, q.unit)
        lc = LinkedClaim(candidate=_claim_candidate(kind or "votes", q, row, cell, role), ons_id=choice.ons_id,
                         person=link.person, party=link.party,
                         link_note=None if choice.how in ("names", "heading") else
                         "tied to the seat by the text around the block")
        if kind is None:
            return CellClaim(row, cell, lc, own="unknown")
        alts = [lc.model_copy(update={"candidate": lc.candidate.model_copy(update={"quantity": alt})})
                for alt in cell.alternatives]
        return CellClaim(row, cell, lc, alts)

    # ------------------------------------------------------------ a tally
    def _wide_block(self, block: Block, nation: Optional[str], firm_only: bool) -> Optional[LinkedBlock]:
        block = self._label_parties(block)
        parties = {i: row_party(r, self.index) for i, r in enumerate(block.rows) if r.kind == "entry"}
        if not any(parties.values()):
            return None
        named = [nation_of(h) for h in block.heading]
        named = [x for x in named if x] or ([nation] if nation else [])
        if not named and all(p in NI_PARTIES for p in parties.values() if p) and sum(1 for p in parties.values() if p) >= 3:
            named = ["Northern Ireland"]
        # the area first, with the columns as printed; then the columns that could hold either of two things
        best_area, best_fit = None, -1.0
        for area in ([named[0]] if named else [None, *NATIONS]):  # None: the whole UK
            bonus = 0.5 if (named and area == named[0]) or (not named and area is None) else 0.0
            fit = _fits(self._wide_claims(block, parties, area, {}), self.verifier, beat=best_fit - bonus)
            if fit + bonus > best_fit:
                best_area, best_fit = area, fit + bonus
        columns = self._typed_columns(block, lambda cols, only: self._wide_claims(block, parties, best_area, cols, only),
                                      {"count": ("seats", "votes"), "unknown": ("seats", "votes"),
                                       "number": ("share", "change"), "change": ("change", "seats_change")})
        best = self._wide_claims(block, parties, best_area, columns)
        fit = _fits(best, self.verifier)
        tested = sum(1 for c in best.claims if c.linked.party)
        firm = bool(named) or (tested > 0 and fit * 2 > tested)
        if firm_only and not firm and fit == 0:
            return None
        for c in best.claims:
            c.linked.weak_link = not firm
        return best

    def _wide_claims(self, block: Block, parties: dict, area: Optional[str], columns: dict,
                     only: Optional[int] = None) -> LinkedBlock:
        scope = Scope(level="nation", nation=area, explicit=True) if area else Scope(level="national", explicit=True)
        lb = LinkedBlock(block, "wide", None, scope, "tally")
        named = [p for p in parties.values() if p]
        for i, r in enumerate(block.rows):
            party = parties.get(i)
            for cell in r.cells:
                if only is not None and cell.index != only:
                    continue
                column = columns.get(cell.index, cell.column)
                if column == "count":
                    column = "seats" if cell.quantity.value <= len(self.ref.seats) and cell.quantity.value == int(cell.quantity.value) \
                        else "votes"
                if column == "rank":
                    continue
                if column == "total_votes" and r.kind != "total":
                    column = "votes"  # "Total votes" over party rows: each party's votes
                q = _unit_for(column, cell.quantity)
                kind, role = _wide_kind(column, q.unit)
                if r.kind == "total":
                    if column == "seats":
                        cc = _claim_candidate("seats", q, r, cell, "set_size;era:current", scope)
                        lb.claims.append(CellClaim(r, cell, LinkedClaim(candidate=cc)))
                    elif column == "votes":
                        cc = _claim_candidate("national_votes", q, r, cell, None, scope)
                        lb.claims.append(CellClaim(r, cell, LinkedClaim(candidate=cc), own="total_votes",
                                                   area=area))
                    continue
                if party == "Ind" and column in ("seats", "seats_change", "seats_gained", "seats_lost", "votes", "share"):
                    cc = _claim_candidate(kind, q, r, cell, role, scope)
                    lb.claims.append(CellClaim(r, cell, LinkedClaim(candidate=cc, party=party), own="independents",
                                               area=area, column=column))
                    continue
                if r.kind == "others" or column == "pr_seats":
                    cc = _claim_candidate(kind or "seats", q, r, cell, role, scope)
                    lc = LinkedClaim(candidate=cc, party=party, parties=named)
                    lb.claims.append(CellClaim(r, cell, lc, own="others" if r.kind == "others" else "pr_seats",
                                               area=area, column=column))
                    continue
                if kind is None:
                    cc = _claim_candidate("national_votes", q, r, cell, None, scope)
                    lb.claims.append(CellClaim(r, cell, LinkedClaim(candidate=cc, party=party), own="unknown"))
                    continue
                cc = _claim_candidate(kind, q, r, cell, role, scope.model_copy(update={"party": party}))
                lc = LinkedClaim(candidate=cc, party=party, parties=[party] if party else [])
                if kind in ("national_votes", "national_share") and party:
                    stood = self._stood(party, area)
                    lc.ons_id = stood[0] if len(stood) == 1 else None  # a party that fought one seat: its figure
                lb.claims.append(CellClaim(r, cell, lc))
        return lb

    def _label_parties(self, block: Block) -> Block:
        """"Change 0(-5)" among "DUP 8(-2)" and "SF 7(+0)": a party whose name is also a column word (Change UK)
        was read as a label. A row that starts with such a word, prints as many figures as the party rows
        around it and names a party of this election is one of them."""
        entries = [r for r in block.rows if r.kind == "entry" and r.cells]
        if len(entries) < 2:
            return block
        width = max(set(len(r.cells) for r in entries), key=[len(r.cells) for r in entries].count)
        rows, changed = [], False
        for r in block.rows:
            first = r.cells[0] if r.cells else None
            if (r.kind == "summary" and not r.subject and first is not None and first.label
                    and len(r.cells) == width and r.text.startswith(first.label)
                    and first.column not in SUMMARY_COLUMNS):
                code = _party_code(first.label, self.index)
                like = [c for e in entries for c in e.cells if c.index == first.index]
                if code and like:
                    column = max(set(c.column for c in like), key=[c.column for c in like].count)
                    unit = next(c.quantity.unit for c in like if c.column == column)
                    cell = first.model_copy(update={"column": column, "label": None,
                                                    "quantity": first.quantity.model_copy(update={"unit": unit})})
                    r = r.model_copy(update={"kind": "entry", "subject": [first.label], "party": first.label,
                                             "cells": [cell, *r.cells[1:]]})
                    changed = True
            rows.append(r)
        return block.model_copy(update={"rows": rows}) if changed else block

    def _stood(self, party: str, area: Optional[str]) -> list[str]:
        """The seats of the area (None: the UK) the party fought, from the seats it fought anywhere: a few
        lookups, not a walk over every seat's candidates for each party an article's tally lists."""
        key = (party, area)
        if key not in self._stood_cache:
            stood = _people(self.ref).stood_in.get(party, ())
            if area is not None:
                here = set(agg.seats_in(self.ref, area))
                stood = tuple(o for o in stood if o in here)
            self._stood_cache[key] = list(stood)
        return self._stood_cache[key]

    # ------------------------------------------------------------ columns
    def _typed_columns(self, block: Block, claims_for: Callable, options: dict[str, tuple[str, ...]]) -> dict[int, str]:
        """A column with no header or label that says what it holds: the type its values fit best, tried one
        type at a time ("412" a seat count or a vote count, "41.2" a share or a change). A column whose header
        the vocabulary does not know stays unknown unless its values fit."""
        out: dict[int, str] = {}
        by_index: dict[int, set[str]] = {}
        for r in block.rows:
            for c in r.cells:
                by_index.setdefault(c.index, set()).add(c.column)
        for idx, kinds in by_index.items():
            if len(kinds) != 1:
                continue
            kind = next(iter(kinds))
            if kind not in options:
                continue
            whole = all(c.quantity.unit != "percent" and c.quantity.value == int(c.quantity.value)
                        for r in block.rows for c in r.cells if c.index == idx)
            # "DUP 8 (-2)": a signed whole number with no % sign may count seats; "+1.2%" never does
            choices = [o for o in options[kind] if whole or o not in _WHOLE_COLUMNS]
            scores = []
            for n, option in enumerate(choices):
                # a later option is taken only if it fits more figures than every earlier one
                beat = max(s[0] for s in scores) if scores else None
                scores.append((_fits(claims_for({idx: option}, idx), self.verifier, beat=beat), -n, option))
            fit, _, option = max(scores)
            if fit:
                out[idx] = option
            elif kind != "unknown":
                out[idx] = kind if kind == "count" else options[kind][0]
        return out


_WHOLE_COLUMNS = {"seats", "seats_change", "seats_gained", "seats_lost"}  # columns that only count whole things


_PREVIOUS_KIND = {"votes": "previous_votes", "vote_share": "previous_share", "majority": "previous_majority"}
_PREVIOUS_HELD = {"previous_votes", "previous_share", "previous_majority", "turnout", "electorate", "seats",
                  "national_votes", "national_share"}


def _another_election(lb: LinkedBlock, era: str) -> None:
    """A block its heading puts in 2019 ("The result in 2019:") is judged against 2019; one from an election
    the tables do not hold, or a poll, is unverifiable."""
    for c in lb.claims:
        for lc in (c.linked, *c.alternatives):
            cc = lc.candidate
            kind = _PREVIOUS_KIND.get(cc.kind, cc.kind) if era == "previous" else cc.kind
            held = era == "previous" and kind in _PREVIOUS_HELD and not c.own
            role = ";".join(p for p in (cc.role or "").split(";") if p and not p.startswith("era:"))
            role = ";".join(x for x in (role, f"era:{era if held else ('forecast' if era == 'forecast' else 'other')}")
                            if x)
            lc.candidate = cc.model_copy(update={"kind": kind, "role": role})
        if c.own:
            c.own = "another_election"


# ------------------------------------------------------------------ judging
def _fits(lb: LinkedBlock, verifier, beat: Optional[float] = None) -> int:
    """How many of the block's figures the tables confirm under its reading.

    With `beat`, a caller that only wants a reading confirming more than `beat` figures: the count stops as
    soon as the figures left cannot take it past `beat`, and what it returns is then no more than `beat`."""
    n = 0
    for k, c in enumerate(lb.claims):
        if beat is not None and n + len(lb.claims) - k <= beat:
            return n
        if c.own in ("unknown", "total_votes") or (not c.own and not c.linked.person and not c.linked.party
                                                   and c.linked.candidate.scope is None):
            continue
        claim = _own_claim(c, verifier.ref, "fit") if c.own else _verify(verifier, c.linked, "fit")
        n += claim.verdict == "accurate"
    return n


def _verify(verifier, lc: LinkedClaim, claim_id: str) -> Claim:
    key = (id(verifier), lc.model_dump_json())
    hit = _CACHE.get(key)
    if hit is None:
        hit = verifier.verify(lc, "c0")
        if len(_CACHE) > 4096:
            _CACHE.clear()
        _CACHE[key] = hit
    return hit.model_copy(update={"id": claim_id})


_CACHE: dict = {}


def judge_block(lb: LinkedBlock, verifier, ref, next_id: Callable[[], str]) -> list[Claim]:
    """A claim for every figure of the block, judged by the verifier (or, where it has no reading, here)."""
    out = []
    for c in lb.claims:
        cid = next_id()
        if c.own:
            claim = _own_claim(c, ref, cid)
        else:
            claim = _verify(verifier, c.linked, cid)
            if c.alternatives:
                claim = _either(claim, [_verify(verifier, a, cid) for a in c.alternatives], c)
            claim = _new_party_change(claim, c, ref) or _impossible(claim, c, ref) or claim
        out.append(claim)
    return out


def _impossible(claim: Claim, c: CellClaim, ref) -> Optional[Claim]:
    """A count no seat could hold ("170516 Jeremy Corbyn": a picture's code, not his vote) is no result."""
    lc = c.linked
    seat = ref.seat(lc.ons_id) if lc.ons_id else None
    q = lc.candidate.quantity
    if claim.verdict != "inaccurate" or seat is None or lc.candidate.scope is not None or q.unit != "count" \
            or not seat.electorate or q.value <= seat.electorate:
        return None
    return claim.model_copy(update={
        "verdict": "unverifiable", "correction": None, "confidence": 0.4,
        "explanation": f"{c.cell.text} is more than the {seat.electorate:,} electors of {seat.name}, so it is not "
                       f"one of the seat's results; the row may hold some other number."})


def _either(claim: Claim, others: list[Claim], c: CellClaim) -> Claim:
    """A figure printed so it reads two ways ("1.900"): accurate if either reading is, else unverifiable."""
    for x in [claim, *others]:
        if x.verdict == "accurate":
            return x
    return claim.model_copy(update={
        "verdict": "unverifiable", "correction": None, "confidence": 0.5,
        "explanation": (f"\"{c.cell.text}\" can be read as more than one figure (its separator is ambiguous) and "
                        f"neither reading matches: {claim.explanation}")})


def _new_party_change(claim: Claim, c: CellClaim, ref) -> Optional[Claim]:
    """A change in share for a party with no notional 2019 vote in the seat is its whole 2024 share (the 2024
    table leaves its change empty)."""
    lc = c.linked
    if lc.candidate.kind != "share_change" or claim.official is not None or not lc.ons_id or not lc.person:
        return None
    person, before_result = ref.candidate(lc.person), ref.previous_result(lc.ons_id)
    if person is None or before_result is None or before_result.party_result(person.party) is not None:
        return None
    seat = ref.seat(lc.ons_id)
    return _reading_claim(lc, claim.id, [(person.share, ref.datasets["current"],
                          f"{person.name} ({person.party}) {person.share:.2f}% in {ref.key}; the party had no {ref.labels['previous']} "
                          f"vote in {seat.name}, so the change is the whole share",
                          f"{ref.key} change in {person.party} share in {seat.name} (a party new to the seat)")], seat)


# ------------------------------------------------------------------ readings today's verifier lacks
def _own_claim(c: CellClaim, ref, cid: str) -> Claim:
    lc = c.linked
    seat = ref.seat(lc.ons_id) if lc.ons_id else None
    readings = _own_readings(c, ref, seat)
    if readings:
        return _reading_claim(lc, cid, readings, seat)
    if c.own == "unknown":
        what = f"the column \"{c.cell.label}\"" if c.cell.label else "this column of the block"
        explanation = f"The tables hold no figure for {what}, so it cannot be checked."
    elif c.own == "another_election":
        explanation = ("The block's heading puts it in another election or a forecast, for which the reference "
                       "data hold no such figure.")
    elif c.own == "others":
        explanation = "The row stands for every party the block does not name, which the tables cannot total here."
    else:
        explanation = "The reference data hold no figure this can be checked against."
    return Claim(id=cid, kind=lc.candidate.kind, verdict="unverifiable", sentence=lc.candidate.sentence,
                 quote=lc.candidate.quote, claimed=_claimed(lc.candidate.quantity), official=None,
                 constituency=ConstituencyRef(ons_id=seat.ons_id, name=seat.name) if seat else None,
                 subject=display_name(lc.party) if lc.party else None, explanation=explanation, correction=None,
                 confidence=0.4)


Reading = tuple[float, str, str, str]  # value, dataset, detail, label


def _own_readings(c: CellClaim, ref, seat) -> list[Reading]:
    lc = c.linked
    q = lc.candidate.quantity
    if c.own == "rejected" and seat is not None and seat.invalid_votes is not None:
        return [(seat.invalid_votes, ref.datasets["current"], f"{seat.invalid_votes:,} ballots rejected in {seat.name}",
                 f"{ref.key} rejected ballots in {seat.name}")]
    if c.own == "turnout_change" and seat is not None:
        before_result = ref.previous_result(seat.ons_id)
        if before_result and before_result.turnout_valid() is not None:
            before, now = before_result.turnout_valid(), seat.turnout_valid()
            # the change as computed, and as the difference of the turnouts rounded to one decimal, the way a
            # results page derives it
            out = []
            for value, how in ((now - before, ""), (round(now, 1) - round(before, 1), ", from the rounded turnouts")):
                out.append((_signed(value, q), ref.datasets["previous"],
                            f"{now:.2f}% in {ref.key} against {before:.2f}% {ref.labels['previous']}: {value:+.2f} points{how}",
                            f"change in turnout in {seat.name} since the {ref.labels['previous']} result"))
            return out
    seats_now = agg.seats_in(ref, c.area)
    label = c.area or "the UK"
    if c.own == "total_votes":
        valid = agg.total(ref, None, seats_now).valid
        return [(valid, ref.datasets["current"], f"{valid:,} valid votes in {label}'s {len(seats_now)} seats",
                 f"{ref.key} valid votes in {label}")]
    if c.own == "pr_seats" and lc.party:
        # seats in proportion to the vote: the party's share of the valid vote times the seats
        out = []
        for parties, how in (([lc.party], ""), ([lc.party, "Spk"], " and the Speaker's")):
            if len(parties) > 1 and lc.party != "Lab":
                continue
            votes = sum(agg.total(ref, p, seats_now).votes for p in parties)
            t = agg.total(ref, None, seats_now)
            value = votes / t.valid * len(seats_now)
            out.append((value, ref.datasets["current"], f"{display_name(lc.party)}{how} {votes:,} of {t.valid:,} valid "
                        f"votes x {len(seats_now)} seats = {value:.2f}",
                        f"seats {display_name(lc.party)}{how} vote would win in proportion in {label}"))
        return out
    if c.own == "others":
        return _others_readings(c, ref, seats_now, label)
    if c.own == "independents":
        return _independent_readings(c, ref, seats_now, label)
    return []


def _independent_readings(c: CellClaim, ref, seats_now: list[str], label: str) -> list[Reading]:
    """A tally's "Independents" row: every independent candidate, as a results table counts them."""
    q = c.linked.candidate.quantity
    now = agg.total(ref, "Ind", seats_now)
    if c.column == "seats":
        return [(now.seats, ref.datasets["current"], f"{now.seats} independents elected in {label}",
                 f"independents elected in {label}")]
    if c.column in ("seats_gained", "seats_lost"):
        # seat by seat against the previous result on these boundaries, as a party's gains and losses are counted
        moved = (agg.gains if c.column == "seats_gained" else agg.losses)(ref, "Ind", seats_now)
        verb = "won from another party" if c.column == "seats_gained" else "held and lost"
        return [(len(moved), ref.datasets["previous"],
                 f"{len(moved)} seats independents {verb} against the {ref.labels['previous']} result",
                 f"seats independents {verb} in {label} against the {ref.labels['previous']} result")]
    if c.column == "seats_change":
        out = []
        for election in ("previous", "previous_actual"):
            before = agg.seats_won(ref, "Ind", agg.seats_in(ref, c.area, election=election), election)
            change = now.seats - before
            out.append((_signed(change, q), ref.datasets[election], f"{before} on the {ref.labels[election]} result, {now.seats} in {ref.key}",
                        f"change in independents elected in {label} since the {ref.labels[election]} result"))
        return out
    if c.column == "votes":
        return [(now.votes, ref.datasets["current"], f"{now.votes:,} votes for independent candidates in {label}",
                 f"{ref.key} vote for independents in {label}")]
    if c.column == "share" and now.share is not None:
        return [(now.share, ref.datasets["current"], f"{now.votes:,} of {now.valid:,} valid votes = {now.share:.2f}%",
                 f"{ref.key} share of the vote for independents in {label}")]
    return []


def _others_readings(c: CellClaim, ref, seats_now: list[str], label: str) -> list[Reading]:
    """"Others: 29 seats, 15 seats gained": everyone but the parties the block names. The Speaker is counted
    among the others, or (as election-night tallies do) with Labour when the block names Labour."""
    named = [p for p in dict.fromkeys(c.linked.parties) if p]
    if not named:
        return []
    q = c.linked.candidate.quantity
    seats_before = agg.seats_in(ref, c.area, election="previous")
    variants = [("", 0, 0)]
    if "Lab" in named:
        speaker_now = agg.seats_won(ref, "Spk", seats_now)
        speaker_seats = [o for o in seats_now if ref.seats[o].winner.party == "Spk"]
        speaker_before = sum(1 for o in speaker_seats if o in ref.previous and ref.previous[o].winner.party not in named)
        variants.append((" (the Speaker counted with Labour)", speaker_now, speaker_before))
    out = []
    for how, less_now, less_before in variants:
        now = len(seats_now) - sum(agg.seats_won(ref, p, seats_now) for p in named) - less_now
        before = len(seats_before) - sum(agg.seats_won(ref, p, seats_before, "previous") for p in named) - less_before
        names = ", ".join(named)
        if c.column == "seats":
            out.append((now, ref.datasets["current"], f"{now} of {len(seats_now)} seats won by parties other than {names}{how}",
                        f"seats won by others in {label}"))
        elif c.column in ("seats_gained", "seats_change", "seats_lost"):
            change = now - before if c.column != "seats_lost" else before - now
            out.append((_signed(change, q), ref.datasets["previous"],
                        f"others {before} on the {ref.labels['previous']} result, {now} in {ref.key}{how}",
                        f"change in seats won by others in {label}"))
        elif c.column in ("votes", "share"):
            t = agg.total(ref, None, seats_now)
            votes = t.valid - sum(agg.total(ref, p, seats_now).votes for p in named)
            if less_now:
                votes -= agg.total(ref, "Spk", seats_now).votes
            value = votes if c.column == "votes" else 100.0 * votes / t.valid
            out.append((value, ref.datasets["current"], f"{votes:,} of {t.valid:,} valid votes for parties other than {names}{how}",
                        f"{'votes' if c.column == 'votes' else 'share of the vote'} of others in {label}"))
    return out


def _signed(value: float, q: Quantity) -> float:
    """"a drop of 12": a change written without its sign states its size."""
    return -value if (not q.signed and value < 0 < q.value) else value


def _claimed(q: Quantity) -> Claimed:
    value = float(int(round(q.value))) if q.unit == "count" and q.value == int(q.value) else round(q.value, 2)
    return Claimed(value=value, qualifier=q.qualifier)


def _fmt(value: float, unit: str) -> str:
    if unit in ("percent", "fraction"):
        return f"{value:.1f}%"
    if unit == "points":
        return f"{value:+.1f} points"
    if value != int(value):
        return f"{value:,.1f}"
    return f"{int(round(value)):,}"


def _reading_claim(lc: LinkedClaim, cid: str, readings: list[Reading], seat) -> Claim:
    """Readings judged as the verifier judges: accurate if the wording admits one, else inaccurate (or
    unverifiable when the block's tie to its seat is weak)."""
    q = lc.candidate.quantity
    matched = [r for r in readings if admits(q, r[0])]
    value, dataset, detail, label = (matched or readings)[0]
    official = Official(value=float(int(round(value))) if q.unit == "count" and value == int(value) else round(value, 2),
                        dataset=dataset, detail=detail)
    base = dict(id=cid, kind=lc.candidate.kind, sentence=lc.candidate.sentence, quote=lc.candidate.quote,
                claimed=_claimed(q), official=official,
                constituency=ConstituencyRef(ons_id=seat.ons_id, name=seat.name) if seat else None,
                subject=display_name(lc.party) if lc.party else None)
    if matched:
        return Claim(**base, verdict="accurate", explanation=f"Matches the {label}: {detail}.", correction=None,
                     confidence=0.85)
    if lc.weak_link:
        return Claim(**base, verdict="unverifiable", correction=None, confidence=0.4,
                     explanation=(f"Read as the {label} ({_fmt(value, q.unit)}) it does not match, but the block is "
                                  "tied to it only by the text around it."))
    tried = "; ".join(f"{r[3]} {_fmt(r[0], q.unit)}" for r in readings)
    explanation = f"Official {label}: {detail}." if len(readings) == 1 else \
        f"Matches none of the official figures: {tried}. Official {label}: {detail}."
    return Claim(**base, verdict="inaccurate", explanation=explanation,
                 correction=f"{_fmt(value, q.unit)} ({label}), not {lc.candidate.quote}", confidence=0.85)


# ------------------------------------------------------------------ an article
def block_claims(text: str, ref, index: NameIndex, verifier, blocks: Optional[list[Block]] = None
                 ) -> tuple[list[tuple[int, Claim]], set[int]]:
    """(article offset, claim) for every figure of the article's results blocks, and the article lines
    (as `article_lines` numbers them) those blocks hold, which the sentence reader must not read again.

    Claim ids are provisional ("b1", "b2", ...): the caller numbers all claims in article order.
    """
    from ..read.blocks import article_lines, find_blocks

    blocks = find_blocks(text) if blocks is None else blocks
    if not blocks:
        return [], set()
    lines = article_lines(text)
    return _judged(blocks, lines, ref, index, verifier, lambda row: row.start)


def sentence_block_claims(sentences: list[str], text: str, ref, index: NameIndex, verifier
                          ) -> tuple[list[tuple[int, Claim]], set[int]]:
    """Results run into a paragraph ("Swindon South: LAB: 48.4% (+8.2) CON: 26.9% (-24.7) ..."), which the
    sentence splitter cuts into row-shaped sentences: two or more of them in a row are read as a block.

    Returns (article offset, claim) pairs and the indices of the sentences the blocks hold.
    """
    from ..read.blocks import article_lines, find_blocks

    if len(sentences) < 2:
        return [], set()
    pseudo = "\n".join(" ".join(s.split()) for s in sentences)
    blocks = [b for b in find_blocks(pseudo) if len(b.rows) >= 2 and b.shape == "list"]
    if not blocks:
        return [], set()
    lines = article_lines(pseudo)
    cursor = [0]

    def offset(row: Row) -> int:
        at = text.find(row.text, cursor[0])
        if at >= 0:
            cursor[0] = at
        return cursor[0]

    return _judged(blocks, lines, ref, index, verifier, offset)


def _judged(blocks: list[Block], lines, ref, index: NameIndex, verifier, offset: Callable[[Row], int]
            ) -> tuple[list[tuple[int, Claim]], set[int]]:
    linked = BlockLinker(ref, index, verifier).link(blocks, lines)
    counter = iter(range(1, 1 << 30))
    out: list[tuple[int, Claim]] = []
    taken: set[int] = set()
    for lb in linked:
        if not lb.accepted:
            continue
        taken.update(lb.block.lines)
        claims = judge_block(lb, verifier, ref, lambda: f"b{next(counter)}")
        for cc, claim in zip(lb.claims, claims):
            out.append((offset(cc.row) + cc.cell.start, claim))
    return out, taken
