"""Every plausible reading of a figure, weighted by the text.

A reading is a kind (votes, majority, share, ...) x a subject (a candidate,
a party in a seat, a seat, the UK, a nation, a group of seats) x an
election (this one, the previous one, one the data do not hold, a
forecast). The words give each dimension a distribution (cues.py), the
sentence gives each subject a weight (subjects.py), and a reading's weight
is their product. Nothing is ruled out here that the words merely make
unlikely: the judge weighs the readings against the tables, and only a
reading the text pins down can make a figure wrong.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..models import Figure, GroupSpec, Mention, Reading, Subject
from .article import ArticleState
from .context import FigureContext, mask_names
from .cues import VOCAB, CueTable, Scores, default_table, read_table
from .subjects import Offer, continues_place, leader_of, seat_offers, wide_offers

#: Which scopes each kind can have, and which subject levels a seat-scope reading of it accepts.
SEAT_LEVELS: dict[str, set[str]] = {
    "votes": {"candidate", "party"},
    "share": {"candidate", "party"},
    "change": {"candidate", "party"},
    "votes_change": {"candidate", "party"},
    "majority": {"candidate", "party", "seat"},
    "turnout": {"candidate", "party", "seat"},
    "ballots": {"candidate", "party", "seat"},
    "electorate": {"candidate", "party", "seat"},
    "candidates": {"seat", "candidate", "party"},
}
WIDE_KINDS = {"votes", "share", "change", "votes_change", "majority", "turnout", "ballots", "electorate", "seats",
              "seat_gain", "seat_loss", "seat_net", "seat_count", "candidates", "seat_share"}
WIDE_NEEDS_PARTY = {"votes", "share", "change", "votes_change", "majority", "seats", "seat_gain", "seat_loss",
                    "seat_net", "seat_share"}
#: Roles that let a wide figure of a kind that needs a party have none: "263 women MPs", "the two main parties".
PARTYLESS_ROLES = {"seats": {"women", "new_mps", "mps_lost"}, "share": {"two_main", "others_share"},
                   "seat_share": {"others_share"}}
#: Kinds the party an article keeps naming may own when the sentence names none ("securing 63.2% of seats on a
#: vote share of just 33.7%"): counts of seats and shares, which a wrong order of magnitude never rules out. A
#: number of votes is a person's as often as a party's, and the country's total would only crowd the person's out.
ARTICLE_PARTY_KINDS = {"seats", "seat_gain", "seat_loss", "seat_net", "seat_share", "share"}
UNNAMED = {"seat": 0.35, "wide": 0.25}
SEAT_FIGURES = {"majority", "turnout", "ballots", "electorate"}
MIN_KIND = 0.02  # a kind the words give less than this is not tried
MIN_WEIGHT = 0.003


PAIRED = {"pair_from", "pair_to", "bracket_previous", "back_reference"}


def score_figure(f: FigureContext, mentions: list[Mention], state: ArticleState,
                 nations: list[tuple[int, int, str]], group_here: Optional[GroupSpec], places=(),
                 table: Optional[CueTable] = None) -> Scores:
    """What the words around the figure (and the structure of its sentence) say about it."""
    table = table or default_table()
    if f.masked is None:
        f.masked = mask_names(f.sentence, mentions)
    features = set(f.features)
    # "Keir Starmer's Labour", "Nigel Farage's party": a leader named for the party is not a seat's candidate here
    people_here = [m for m in mentions if m.type == "candidate" and (m.key or m.alternatives)
                   and not leader_of(f.sentence, m, mentions)]
    seats_here = [m for m in mentions if m.type == "seat" and m.key]
    c = f.clause
    if any(m.start >= c.start and m.end <= c.end for m in people_here):
        features.add("candidate_in_clause")
    elif people_here:
        features.add("candidate_in_sentence")
    if any(m.start >= c.start and m.end <= c.end for m in seats_here):
        features.add("seat_in_clause")
    elif seats_here:
        features.add("seat_in_sentence")
    if nations:
        features.add("nation_named")
    if places:
        features.add("place_named")
        if any(a >= c.start and b <= c.end for a, b, _ in places):
            # "Turnout in Yorkshire fell 10%": a place, not a seat, after "turnout in"
            features.add("place_in_clause")
    elif continues_place(f, getattr(state, "ref", None)):
        features.add("place_carried")
    if group_here is not None:
        features.add("group_named")
    if state.local:
        features.add("article_local")
    if state.national:
        features.add("article_national")
    return table.score(f.windows, f.q.unit, features)


def pool_pairs(contexts: list[FigureContext], scores: list[Scores], previous: Optional[Figure] = None) -> None:
    """The two ends of "from X to Y" (or "Y, down from X", "Labour 7 (5)") are the same kind of figure:
    each takes the other's evidence about its kind. A figure that continues a list of vote counts
    ("X polled 15,647 votes and Y 15,119") takes the list's kind."""
    evidence = [sc.evidence("kind") for sc in scores]
    scopes = [sc.evidence("scope") for sc in scores]
    for f, sc in zip(contexts, scores):
        if f.partner is None:
            if f.position == 0 and f.features & {"back_reference", "stands_for_previous"} and previous is not None \
                    and previous.kinds:
                for kind, p in previous.kinds.items():
                    if kind != "none" and p >= 0.05:
                        sc.add("kind", kind, 2.5 * p, f"same_kind_as_previous:{kind}")
            continue
        if f.features & PAIRED:
            for kind, v in evidence[f.partner].items():
                if v > 0:
                    sc.add("kind", kind, 0.8 * v, f"same_kind_as_partner:{kind}")
            # "Turnout for the constituency was 55%, down from 67% in 2019": the same thing at another time, so
            # one seat or many as its partner is
            for scope, v in scopes[f.partner].items():
                if v > 0:
                    sc.add("scope", scope, 0.8 * v, f"same_scope_as_partner:{scope}")
        elif "bracket_of" in f.features:
            top = scores[f.partner].distribution("kind")
            if top and max(top, key=top.get) == "majority":
                sc.add("kind", "majority", 4.0, "bracket_of_majority")
        elif "compared_parallel" in f.features:
            # the partner's evidence as pooled so far: "behind Labour's 34 per cent and the Conservatives' 31 per
            # cent" is one list, whose kind the first figure's words name
            for kind, v in scores[f.partner].evidence("kind").items():
                if v > 0:
                    sc.add("kind", kind, 0.8 * v, f"same_kind_as_compared:{kind}")
        elif "list_parallel" in f.features:
            top = scores[f.partner].distribution("kind")
            if top and max(top, key=top.get) == "votes":
                sc.add("kind", "votes", 1.4, "list_parallel_votes")
            else:
                for kind, v in scores[f.partner].evidence("kind").items():
                    if v > 0:
                        sc.add("kind", kind, 0.8 * v, f"same_kind_as_listed:{kind}")


def read_figure(f: FigureContext, mentions: list[Mention], state: ArticleState, ref,
                nations: list[tuple[int, int, str]], group_here: Optional[GroupSpec],
                scores: Optional[Scores] = None, places=(), table: Optional[CueTable] = None,
                unknown_places: int = 0, stranger: bool = False) -> Figure:
    """The figure's readings, most plausible first."""
    if scores is None:
        scores = score_figure(f, mentions, state, nations, group_here, places, table)
    kinds = scores.distribution("kind")
    eras = scores.distribution("era")
    scope = scores.distribution("scope")
    roles = sorted(scores.present("role"))
    # "the other candidates polled ...": someone the sentence does not name, as when it names a stranger
    stranger = stranger or "unnamed" in roles
    q = f.q
    # a count made while results were coming in; not "the party's previous record of 62" beside it
    if "running" in roles and q.unit == "count" and eras.get("current", 0.0) >= 0.5:
        reach = running_reach(f.sentence, q, len(getattr(ref, "seats", {}) or {}))
        if reach:
            q = q.model_copy(update={"high": max(q.high, q.value + reach)})
    figure = Figure(quantity=q, sentence=f.sentence, sentence_index=f.index, quote=f.q.text, kinds=kinds,
                    eras=eras, scopes=scope, not_claim=kinds.get("none", 0.0), cues=scores.fired,
                    supported=sorted(k for k, v in scores.evidence("kind").items() if v > 0 and k != "none"))
    # a number with no election word near it and no name in its sentence ("7", a row of bare numbers) is no claim
    figure.bare = not scores.worded and not f.features & {"back_reference", "stands_for_previous"} and not any(
        m.key or m.alternatives for m in mentions) and not places and not nations and group_here is None
    seat = seat_offers(f, mentions, ref, state, stranger)
    wide = wide_offers(f, mentions, state, nations, group_here, places, unknown_places)
    readings: dict[tuple, Reading] = {}
    top_era = max(eras.values(), default=0.0)
    for kind, pk in kinds.items():
        if kind == "none" or pk < MIN_KIND:
            continue
        # a scope the kind cannot have ("four seats" is never one seat's figure) gives its weight to those it can
        can = sum(p for sc, p in scope.items() if (sc == "seat" and kind in SEAT_LEVELS)
                  or (sc == "wide" and kind in WIDE_KINDS))
        for sc, ps in scope.items():
            ps = ps / can if can > 0 else ps
            if sc == "seat" and kind in SEAT_LEVELS:
                levels = SEAT_LEVELS[kind] | ({"seat"} if kind == "share" and "others_share" in roles else set())
                offers = [o for o in seat if o.subject.level in levels]
            elif sc == "wide" and kind in WIDE_KINDS:
                need_party = kind in WIDE_NEEDS_PARTY
                partyless = bool(PARTYLESS_ROLES.get(kind, set()) & set(roles))
                offers = [o for o in wide if ((o.subject.party is not None) == need_party
                          or (not need_party and kind == "candidates") or (partyless and o.subject.party is None))
                          and (kind in ARTICLE_PARTY_KINDS or "wide_party_article" not in o.why)]
            else:
                continue
            # a share is left for "someone the sentence does not name", so a subject tied only loosely
            # to the figure is never certain just because it is the only one on offer
            # someone the tables do not know may be the subject; not of a seat's own figure (its majority)
            unnamed = UNNAMED[sc] * (3.0 if stranger and kind not in SEAT_FIGURES else 1.0)
            total = sum(o.weight for o in offers) + unnamed
            if sc == "seat" and offers and total and _article_seat(offers, state):
                left = pk * ps * unnamed / total * sum(pe for e, pe in eras.items() if e in ("current", "previous"))
                figure.unnamed[kind] = figure.unnamed.get(kind, 0.0) + left
            for o in offers:
                ws = o.weight / total if total else 0.0
                if pk * ps * ws * top_era < MIN_WEIGHT:
                    continue  # too light at the likeliest election, so at every one
                for era, pe in eras.items():
                    weight = pk * ps * ws * pe
                    if weight < MIN_WEIGHT:
                        continue
                    _add(readings, kind, o, era, roles, weight, {"kind": pk, "era": pe, "scope": ps, "subject": ws})
    figure.readings = sorted(readings.values(), key=lambda r: -r.weight)
    return figure


@lru_cache(maxsize=1)
def _declared() -> list[re.Pattern]:
    return [re.compile(r["pattern"].strip(), re.I) for r in read_table(VOCAB / "declared.tsv")]


def running_reach(sentence: str, q, seats: int) -> int:
    """How many results were still to come when the sentence was written ("with 641 of 650 results declared"):
    a count of seats then is the final count less at most that many, so the figure stands for any final count
    from it up to it plus these. The number declared is not itself such a count."""
    for pattern in _declared():
        for m in pattern.finditer(sentence):
            if m.start() <= q.start < m.end():
                continue
            groups = m.groupdict()
            if groups.get("left"):
                return int(groups["left"].replace(",", ""))
            total = int(groups["total"].replace(",", "")) if groups.get("total") else seats
            declared = int(groups["declared"].replace(",", ""))
            if 0 < declared <= total:
                return total - declared
    return 0


def _article_seat(offers: list[Offer], state: ArticleState) -> bool:
    """Are the seat readings all about one seat the article itself is about (named as a seat, or in focus)?
    Only then is "someone the sentence does not name" someone standing there: a seat reached through a
    name in passing ("Rishi Sunak's Government") says nothing about who else the figure may be."""
    seats = {o.subject.ons_id for o in offers}
    if len(seats) != 1 or None in seats:
        return False
    seat = next(iter(seats))
    return seat in state.ctx.article_seats or seat == state.focus_seat()


def _key(kind: str, subject: Subject, era: str) -> tuple:
    if subject.level in ("candidate", "party", "seat") and kind in ("turnout", "ballots", "electorate") \
            and subject.ons_id:
        # a seat's turnout is one reading whether the sentence reaches the seat through it or through someone in it
        return kind, "seat", subject.ons_id, era, None
    if subject.level in ("candidate", "party") and kind in ("majority", "turnout", "ballots", "electorate"):
        # a seat's own figure: the same reading whoever in the seat the sentence names (the gap aside)
        return kind, "seat", subject.ons_id, era, subject.person if kind == "majority" else None
    if subject.level in ("candidate", "party") and subject.person:
        return kind, "person", subject.person, era  # a party's one candidate is that candidate
    return kind, subject.level, subject.ons_id, subject.person, subject.party, subject.nation, subject.place, \
        subject.group.label if subject.group else None, era


def _add(readings: dict, kind: str, offer: Offer, era: str, roles: list[str], weight: float,
         shares: dict[str, float]) -> None:
    key = _key(kind, offer.subject, era)
    got = readings.get(key)
    if got is None:
        # built without validation: a figure has a dozen readings and every value here is already of its type
        # (the lists are copied, as validation would, since readings are changed apart later)
        readings[key] = Reading.model_construct(kind=kind, subject=offer.subject, era=era, roles=list(roles),
                                                weight=float(weight), shares=shares, cues=list(offer.why))
    else:
        got.weight = min(1.0, got.weight + weight)
        got.shares["subject"] = min(1.0, got.shares["subject"] + shares["subject"])
        if offer.weight > 0 and not offer.subject.weak and got.subject.weak:
            got.subject = offer.subject
