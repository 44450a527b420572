"""Whose figure it is: every subject a sentence offers a figure, weighted by where it stands.

A figure belongs most often to the nearest name before it in its clause,
sometimes to a name after it ("With 15,520 votes, Davies clinched the
seat"), rarely to one in another clause, and almost never to the person
the sentence sets against the subject ("beat X by 979"). Rather than
choose, every candidate, party and seat in the sentence becomes a subject
with the weight its position earns (vocab/subjects.tsv), and the judge lets
the tables choose among them. The article's context (the person or seat in
focus) is offered too, but marked weak: a figure reached only that way is
never enough to call an error.

Wide subjects (the UK, a nation, a place, a group of seats, with the party
whose total it is) are offered the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..memo import remembered
from ..models import GroupSpec, Mention, Subject
from .context import FigureContext
from .cues import VOCAB, read_table
from .literals import folded, holds, needles

PRONOUN = re.compile(r"\b(?:he|she|his|her|him|the\s+(?:seat|constituency|mp|candidate|winner|turnout|count|"
                     r"result|incumbent))\b|\bthe\s+(?:[\w’'-]+\s+){0,3}(?:leader|candidate|mp|incumbent|winner|challenger|"
                     r"secretary|minister|chancellor|member|councillor|newcomer)\b", re.I)
OPPONENT_BEFORE = re.compile(
    r"\b(?:beat|beating|beats|defeat|defeated|defeating|ahead\s+of|over|than|behind|against|rival|versus|vs\.?|"
    r"outstripping|outpolling|unseat|unseating|unseated|oust|ousting|ousted|replac(?:e|es|ed|ing)|succeed(?:s|ed|ing)?|"
    r"(?:lost|losing|lose|loses|fell|defeat|beaten|second|runner-up)\s+to|compared\s+(?:with|to)|"
    r"(?:gained|gains?|gaining|taken|took|won|wins?|were|came|seized|captured|snatched)\s+from)\s+(?:[\w’'.-]+\s+){0,5}$",
    re.I)
ANAPHOR_SEATS = re.compile(r"\b(?:those|these|such|the\s+same)\s+(?:[\w’'-]+\s+)?(?:seats|constituencies|areas)\b|"
                           r"\ball\s+of\s+(?:those|these|them)\b", re.I)
LEAD_PRONOUN = re.compile(r"\b(?:he|she|his|her)\b(?![^.;]*\b(?:he|she)\b)", re.I)
PRONOUN_GENDER = {"he": "male", "his": "male", "him": "male", "she": "female", "her": "female"}
POSSESSIVE_TAIL = re.compile(r"(?:[’']s|s[’'])$")
OWNS_FIGURE = re.compile(r"^\s*(?:\d|votes?\b|majority|share|tally|total|own\s+(?:vote|majority)|vote\s+share)", re.I)


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    return {r["name"].strip(): float(r["weight"]) for r in read_table(VOCAB / "subjects.tsv")}


@dataclass
class Offer:
    subject: Subject
    weight: float
    why: list[str] = field(default_factory=list)


def _modifier(sentence: str, m: Mention) -> bool:
    """"Mr Galloway's Workers Party", "Starmer's stance": a possessive that owns another noun."""
    after = sentence[m.end:m.end + 30]
    if POSSESSIVE_TAIL.search(m.text):
        return not OWNS_FIGURE.match(after)
    if re.match(r"(?:[’']s\b|[’']\s)", after):
        return not OWNS_FIGURE.match(after[2:])
    return False


def _says(pattern: re.Pattern, sentence: str) -> Optional[re.Match]:
    """The first match of a pattern over the whole sentence: asked by each figure of the sentence, found once."""
    return remembered("subjects.says", (pattern, sentence), lambda: pattern.search(sentence))


def _opponent(sentence: str, m: Mention) -> bool:
    """"beat X by", "ahead of X": asked of each name for every figure of its sentence, so answered once."""
    return remembered("subjects.opponent", (sentence, m.start),
                      lambda: bool(OPPONENT_BEFORE.search(sentence[max(0, m.start - 40):m.start])))


def _owns(sentence: str, m: Mention, q) -> bool:
    """"Labour's 34 per cent", "ahead of Plaid Cymru on 14.8 per cent": a possessive name right before the
    figure, or a name the figure is given to with "on", "with" or "at", owns it, whatever the name stands
    against."""
    return m.end <= q.start and bool(_OWNER_GAP.fullmatch(sentence, m.end, q.start))


_OWNER_GAP = re.compile(r"(?:[’']s|[’']|s[’'])?\s*(?:own\s+)?|\s*,?\s*(?:on|with|at)\s+", re.I)


#: The ways `_position` ties a name to a figure, as an offer's `why` (and a reading's cues) records them.
POSITIONS = frozenset({"before_same_clause_nearest", "before_same_clause", "before_other_clause_nearest",
                       "before_other_clause", "after_same_clause", "after_other_clause", "possessive_adjacent",
                       "owner_after"})


def _position(f: FigureContext, m: Mention, same_type: list[Mention]) -> tuple[float, list[str]]:
    """How strongly the place a name holds ties it to the figure.

    The nearest name before the figure is its subject by default, across
    commas ("John Grady, who took Glasgow East, with 15,543 votes"); a name
    after it, or an earlier one with another in between, only sometimes.
    """
    w = weights()
    q, c, s = f.q, f.clause, f.sentence
    in_clause = m.start >= c.start and m.end <= c.end
    if m.end <= q.start:
        if _owns(s, m, q):
            return w["possessive_adjacent"], ["possessive_adjacent"]
        nearest = not any(x.end <= q.start and x.end > m.end for x in same_type)
        if nearest:
            key = "before_same_clause_nearest" if in_clause else "before_other_clause_nearest"
        else:
            key = "before_same_clause" if in_clause else "before_other_clause"
    else:
        owner = r"for|to|by|of|went\s+to" + (r"|in|at" if m.type == "seat" else "")
        if re.fullmatch(rf"\s*(?:per\s*cent|percent|%|votes?|seats?|points?)?\s*(?:{owner})\s+(?:the\s+)?",
                        s[q.end:m.start], re.I):
            return w["owner_after"], ["owner_after"]  # "26 per cent for the Conservatives", "72.8% in Truro"
        key = "after_same_clause" if in_clause else "after_other_clause"
    return w[key], [key]


#: Words of results coverage the small English pipeline sometimes takes for a person ("Turnout for the seat was ...").
NOT_A_NAME = re.compile(r"(?:turn-?out|majority|swing|result|results|recount|count|electorate|votes?|share|seats?|"
                        r"labour|tor(?:y|ies)|conservatives?|reform|greens?|lib\s+dems?|independents?|speaker)", re.I)
TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Cllr)\.?\s+[A-Z][\w’'-]+")


def unknown_people(sentence: str, entities, mentions: list[Mention], start: int, end: int) -> bool:
    """A person the tables do not know, named in [start, end): spaCy's PERSON spans and titled names that
    no mention covers ("Mr Smith-Jones won 5,000 votes")."""
    spans = list(remembered("subjects.people", (sentence, tuple(entities)), lambda: _people(sentence, entities)))
    # an organisation the tables do not know, named last before the figure ("Abolish the Welsh Senedd got 372")
    named = [m for m in mentions if m.key or m.alternatives]
    spans += [(a, b) for a, b, label in entities if label == "ORG" and len(sentence[a:b].split()) >= 2
              and re.fullmatch(r"\s+(?:[a-z]+\s+){1,3}", sentence[b:end])
              and not any(b <= m.start < end for m in named)]
    for a, b in spans:
        if a < start or b > end:
            continue
        if not any(m.start < b and a < m.end for m in mentions if m.key or m.alternatives):
            return True
    return False


def _people(sentence: str, entities) -> tuple[tuple[int, int], ...]:
    """The spans of the sentence's people, asked for by each of its figures: found once."""
    # a one-word PERSON span is too often a capitalised common word ("Turnout was 55%")
    spans = [(a, b) for a, b, label in entities if label == "PERSON" and len(sentence[a:b].split()) >= 2
             and not NOT_A_NAME.fullmatch(sentence[a:b])]
    return tuple(spans + [m.span() for m in TITLED.finditer(sentence)])


def seat_offers(f: FigureContext, mentions: list[Mention], ref, state, stranger: bool = False) -> list[Offer]:
    """Candidates, parties in a seat, and seats: the subjects of a seat-level reading.

    `stranger`: the figure's clause names someone the tables do not know, before the figure; the seat's
    winner and the person in focus are then not offered in their place.
    """
    w = weights()
    s = f.sentence
    people = [m for m in mentions if m.type == "candidate" and (m.key or m.alternatives)]
    parties = [m for m in mentions if m.type == "party" and m.key]
    seats = [m for m in mentions if m.type == "seat" and m.key]
    new_seats = [m for m in seats if not ref.is_previous_actual(m.key)]
    old_seats = [m.key.split(":", 1)[1] for m in seats if ref.is_previous_actual(m.key)]
    offers: list[Offer] = []
    pronoun = bool(_says(PRONOUN, s))

    def nearest_seat() -> Optional[Mention]:
        if not new_seats:
            return None
        return min(new_seats, key=lambda m: abs(m.start - f.q.start))

    for m in people:
        if leader_of(s, m, mentions):
            continue  # "Boris Johnson's Conservative party won 43.5%": the party's figure, not his seat's
        weight, why = _position(f, m, people)
        if why == ["possessive_adjacent"]:
            pass  # "to Ms Mordaunt's 13,715": the name owns the figure, whatever stands before it
        elif _opponent(s, m):
            weight *= w["opponent"]
            why.append("opponent")
        if why != ["possessive_adjacent"] and _modifier(s, m):
            weight *= w["modifier"]
            why.append("modifier")
        keys = [m.key] if m.key else m.alternatives
        if len(keys) > 1:
            weight *= w["ambiguous"]
            why.append("ambiguous")
        others = [x for x in people if x is not m and x.key]
        other = min(others, key=lambda x: abs(x.start - f.q.start)).key if others else None
        for key in keys:
            cand = ref.candidate(key)
            if cand is None:
                continue
            if ref.is_previous_actual(key):
                offers.append(Offer(Subject(level="candidate", person=key, party=cand.party, old_seats=[cand.ons_id],
                                            ons_id=(nearest_seat().key if nearest_seat() else None),
                                            label=f"{cand.name} ({ref.previous_key}, {cand.seat})", weak=len(keys) > 1),
                                    weight * w["previous_candidate"], why + ["previous_candidate"]))
                continue
            offers.append(Offer(Subject(level="candidate", person=key, ons_id=cand.ons_id, party=cand.party,
                                        other=other if other != key else None, old_seats=old_seats,
                                        label=f"{cand.name} ({cand.party}, {cand.seat})", weak=len(keys) > 1,
                                        ambiguous=[k for k in keys if k != key]),
                                weight, why))
    seat_here = nearest_seat()
    person_seats = [o.subject.ons_id for o in offers if o.subject.level == "candidate" and o.subject.ons_id
                    and not ref.is_previous_actual(o.subject.person)]
    for m in parties:
        weight, why = _position(f, m, parties)
        if _opponent(s, m):
            weight *= w["opponent"]
            why.append("opponent")
        near_person = any(abs(p.start - m.end) <= 3 or abs(m.start - p.end) <= 4 for p in people)
        if near_person:
            weight *= w["party_of_person"]
            why.append("party_of_person")
        ons = seat_here.key if seat_here else (person_seats[0] if person_seats else None)
        weak = False
        if ons is None and state.focus_seat():
            ons = state.focus_seat()
            weak = not pronoun and f.q.unit != "count"
            why.append("focus_seat")
        if ons is None:
            continue
        seat = ref.seat(ons)
        rows = [c for c in seat.candidates if c.party == m.key] if seat else []
        # the party's one candidate in the seat: the same subject as that person, so the two share their weight
        person = rows[0].key if len(rows) == 1 else None
        offers.append(Offer(Subject(level="party", party=m.key, ons_id=ons, old_seats=old_seats, weak=weak, person=person,
                                    parties=list(dict.fromkeys(p.key for p in parties)),
                                    label=f"{m.key} in {seat.name if seat else ons}"),
                            weight * w["party_in_seat"], why + ["party_in_seat"]))
    for m in new_seats:
        position, why = _position(f, m, new_seats)
        key = "seat_same_clause" if m.start >= f.clause.start and m.end <= f.clause.end else "seat_in_sentence"
        seat = ref.seat(m.key)
        offers.append(Offer(Subject(level="seat", ons_id=m.key, old_seats=old_seats,
                                    label=seat.name if seat else m.key), w[key] * position, [key] + why))
        if seat is not None and not people and not parties and not stranger:
            # "the 17,000 people in Ashfield who voted for me": a seat's figure with no one named may be its winner's
            win = seat.winner
            offers.append(Offer(Subject(level="candidate", person=win.key, ons_id=seat.ons_id, party=win.party,
                                        old_seats=old_seats, weak=True, label=f"{win.name} ({win.party}, {seat.name})"),
                                w[key] * w["seat_winner"], [key, "seat_winner"]))
    window_start = max(f.clause.start - 60, 0)
    lead_pronoun = LEAD_PRONOUN.search(s[window_start:f.q.start])
    if lead_pronoun is None and not any(m.end <= f.q.start for m in people):
        # "With 15,543 votes, he scored a majority": the pronoun after the figure is its subject
        window_start = f.q.end
        lead_pronoun = LEAD_PRONOUN.search(s[f.q.end:f.clause.end + 40])
    if lead_pronoun and any(m.end <= window_start + lead_pronoun.start() for m in people):
        lead_pronoun = None  # "Labour's Naz Shah ... her vote share": the pronoun is the person just named
    # "in Rishi Sunak's Government": a person named only as what owns another noun is no subject in the way
    named = [m for m in people if not _modifier(s, m)]
    # "he scored a majority of 3,784 over Linden", "495 more than her Tory rival": the pronoun is not the rival
    rivals = {o.subject.person for o in offers if "opponent" in o.why and o.subject.person}
    if ((not named and not new_seats) or lead_pronoun) and not stranger:
        focus = state.focus()
        if focus is not None and lead_pronoun and focus[0] == "person" and focus[1] in rivals:
            focus = ("seat", ref.candidate(focus[1]).ons_id)
        if focus is not None:
            kind, key = focus
            # an article about one seat: a figure with no name is that seat's, as if the sentence said so
            pronoun = pronoun or state.one_seat
            boost = w["anchor_pronoun"] if pronoun else 1.0
            if lead_pronoun or pronoun:
                # "she", "her": the person the article last named, of that gender, though a seat came since
                wanted = PRONOUN_GENDER.get(lead_pronoun.group(0).lower()) if lead_pronoun else None
                recent = [k for k in reversed(state.ctx.people) if k not in rivals and (
                          wanted is None or (getattr(ref.candidate(k), "gender", None) or "").lower() == wanted)]
                if recent and (kind != "person" or recent[0] != key) and not any(
                        o.subject.person == recent[0] for o in offers):
                    cand = ref.candidate(recent[0])
                    offers.append(Offer(Subject(level="candidate", person=recent[0], ons_id=cand.ons_id,
                                                party=cand.party, old_seats=old_seats, weak=not pronoun,
                                                label=f"{cand.name} ({cand.party}, {cand.seat})"),
                                        w["focus_person"] * boost, ["recent_person"]))
            if kind == "person" and not any(o.subject.person == key for o in offers):
                cand = ref.candidate(key)
                offers.append(Offer(Subject(level="candidate", person=key, ons_id=cand.ons_id, party=cand.party,
                                            old_seats=old_seats, weak=not pronoun,
                                            label=f"{cand.name} ({cand.party}, {cand.seat})"),
                                    w["focus_person"] * boost, ["focus_person"] + (["pronoun"] if pronoun else [])))
                key = cand.ons_id
            elif kind == "person":
                key = ref.candidate(key).ons_id
            seat = ref.seat(key)
            # "He polled 15,501 ... Turnout was 63.6 per cent.": a seat's own figure, right after the seat's result
            fresh = getattr(state, "fresh_focus", lambda i: False)(f.index) and not people and not new_seats
            if seat is not None and not any(o.subject.level == "seat" and o.subject.ons_id == key for o in offers):
                offers.append(Offer(Subject(level="seat", ons_id=key, old_seats=old_seats, weak=not (pronoun or fresh),
                                            label=seat.name),
                                    w["focus_seat"] * boost, ["focus_seat"] + (["pronoun"] if pronoun else [])))
    if not offers and old_seats:
        for ons in old_seats:
            old = ref.previous_actual.get(ons)
            offers.append(Offer(Subject(level="seat", old_seats=[ons], label=f"{old.name if old else ons} ({ref.previous_key})"),
                                w["seat_same_clause"], ["old_seat"]))
    return offers


def wide_offers(f: FigureContext, mentions: list[Mention], state, nations: list[tuple[int, int, str]],
                group_here: Optional[GroupSpec], places: list[tuple[int, int, object]] = (),
                unknown_places: int = 0) -> list[Offer]:
    """Sets of seats (the UK, a nation, a place, a group) and the party whose total it is.

    The whole country is always on offer, but where the sentence names a
    place the tables do not group by ("the Bradford district", "Cornwall"
    before the place table knows it), or particular seats or candidates,
    and says nothing national, a count may be about that place: the UK
    reading is then weak, never enough to condemn.
    """
    w = weights()
    s, q, c = f.sentence, f.q, f.clause
    national_words = bool(_says(NATIONAL, s))
    ref = getattr(state, "ref", None)
    mentions = list(mentions) + leaders_parties(s, mentions, ref) + bloc_mentions(s, mentions, state, nations)
    if not any(m.type == "party" and m.key == "Ind" for m in mentions):
        # "five independents were elected": independents counted together (their seats, never their votes)
        mentions += [Mention(type="party", text=m.group(0), start=m.start(), end=m.end(), key="Ind", score=80.0)
                     for m in INDEPENDENTS.finditer(s)]
    # "behind the Labour Party's 34 per cent", "compared to the Conservatives' 224,574": the other side of a
    # comparison, unless the figure is its own
    parties = [m for m in mentions if m.type == "party" and m.key and (not _opponent(s, m) or _owns(s, m, q))]
    party_choices: list[tuple[Optional[str], float, str, bool]] = []
    seen: set[str] = set()
    # a party named both before the figure and after it ("Labour's share here was 42%, while the party polled 40%
    # in 2019") holds its place before it: the names before the figure are taken first, nearest first
    for m in sorted(parties, key=lambda m: (m.end > q.start, abs(m.start - q.start))):
        if m.key in seen:
            continue
        seen.add(m.key)
        if m.end <= q.start:
            # a party naming people in between ("X won 4 million votes, many from former Conservative voters,
            # but only won four seats") or named in an aside ("411 seats (plus the Speaker) on 34 per cent")
            # stands in no one's way: the party before it is still the nearest owner
            nearest = not any(x.end <= q.start and x.end > m.end and not VOTERS_AFTER.match(s, x.end)
                              and not _aside(s, x, q.start) for x in parties) and not _aside(s, m, q.start)
            key = "wide_party_before" if nearest else "wide_party_earlier"
        else:
            key = "wide_party_after" if m.start < c.end else "wide_party_later"
        guessed = m.score < 75
        # "many from former Conservative voters": a party naming the people it describes owns no figure of its own
        if VOTERS_AFTER.match(s, m.end):
            party_choices.append((m.key, w[key] * w["wide_party_of_people"], key, True))
            continue
        # a party named only after the figure is a guess ("six constituencies ... a bad night for the
        # Conservatives"), unless the figure is said to be its ("26 per cent for the Conservatives")
        # "all four Reform MPs", "fourteen Conservative seats": the party names what the figure counts
        counted = m.start >= q.end and not s[q.end:m.start].strip() and bool(COUNTED_AFTER.match(s, m.end))
        # "the nine seats Labour gained", "the seven seats which the party lost": the party of a clause that says
        # what the counted seats are owns the count
        counted = counted or (m.start >= q.end and bool(RELATIVE_SEATS.fullmatch(s[q.end:m.start]))
                              and bool(RELATIVE_VERB.match(s, m.end)))
        after = m.start >= q.end and not OWNER_AFTER.fullmatch(s[q.end:m.start]) and not counted
        weight = w["wide_party_before" if counted else key] * (0.6 if guessed else 1.0)
        if key == "wide_party_after" and not counted and any(x.end <= q.start and x.start >= c.start for x in parties):
            # "Reform won four seats amid a Labour landslide": a party before the figure in its clause owns it
            weight *= w["wide_party_after_owned"]
        party_choices.append((m.key, weight, key, guessed or after))
    if state.party and state.party not in seen and re.search(r"\b(?:they|their|the\s+party|its)\b",
                                                             s[max(c.start - 40, 0):q.start], re.I):
        party_choices.append((state.party, w["wide_party_anaphor"], "wide_party_anaphor", True))
    if party_choices:
        # a figure that belongs to no party ("Of the 21 constituencies", "turnout was 60%") may stand beside one
        party_choices.append((None, w["wide_no_party"], "no_party", False))
    else:
        party_choices.append((None, 1.0, "no_party", False))
        if state.party:
            # "securing 63.2% of seats": the party the article is talking about, which can confirm but never condemn
            party_choices.append((state.party, w["wide_party_article"], "wide_party_article", True))
    # the parties set against the subject ("ahead of the Conservatives") come last: a gap is between them
    rivals = [m.key for m in mentions if m.type == "party" and m.key and _opponent(s, m)]
    all_parties = list(dict.fromkeys([m.key for m in parties] + rivals))

    scopes: list[tuple[dict, float, str]] = []
    if group_here is not None:
        scopes.append(({"level": "group", "group": group_here, "label": group_here.label}, w["wide_group"], "wide_group"))
    for start, end, nation in nations:
        key = "wide_nation_clause" if start >= c.start and end <= c.end else "wide_nation_sentence"
        part = PART_OF_NATION.search(s[max(0, start - 25):start])
        # "south Wales", "the west of Scotland": a part of the nation, which the tables do not group by
        scopes.append(({"level": "nation", "nation": nation, "label": nation, "weak": bool(part)}, w[key], key))
    lists = place_lists(s, places)
    pc = f.partner_clause

    def in_clause(start: int, end: int) -> bool:
        """In the figure's clause, or in the clause of the figure it is compared with ("Reform won 220,895 votes
        in the North East, compared to the Conservatives' 224,574")."""
        return (start >= c.start and end <= c.end) or (pc is not None and start >= pc.start and end <= pc.end)

    for start, end, place in places:
        key = "wide_place_clause" if in_clause(start, end) else "wide_place_sentence"
        # one place of a list is rarely what the figure counts alone: the list is
        listed = 0.25 if any(a <= start and end <= b for _, _, a, b in lists) else 1.0
        readings = [place]
        if ref is not None and getattr(ref, "places", None) is not None:
            # "Yorkshire": the region, or the four counties; a shared alias offers every place it names
            readings += [p for p in ref.places.places_named(s[start:end]) if p.name != place.name]
        home_place = getattr(state, "place", None)
        if len(readings) > 1 and home_place is not None and any(p.name == home_place.name for p in readings):
            # "the capital" in an article about London: the alias names the place the article is about
            readings = [p for p in readings if p.name == home_place.name] + \
                [p for p in readings if p.name != home_place.name]
        # "the Plymouth area", "the Bradford district": around the place, not the place itself
        loose = bool(LOOSE_AREA.match(s[end:end + 30]))
        settled = home_place is not None and readings[0].name == home_place.name
        for k, p in enumerate(readings):
            scopes.append(({"level": "place", "place": p.name, "label": p.name, "weak": loose},
                           w[key] * listed * (1.0 if k == 0 else 0.2 if settled else 0.6), key))
    gb = _says(GREAT_BRITAIN, s)
    if gb and ref is not None and getattr(ref, "places", None) is not None and ref.places.place_seats("Great Britain"):
        # "five independents elected across Great Britain": the UK without Northern Ireland
        key = "wide_place_clause" if gb.start() >= c.start and gb.end() <= c.end else "wide_place_sentence"
        scopes.append(({"level": "place", "place": "Great Britain", "label": "Great Britain"}, w[key], key))
    for names, label, start, end in lists:
        # "across Northumberland, Tyne and Wear, and County Durham": the places listed together, as one area
        key = "wide_place_clause" if start >= c.start and end <= c.end else "wide_place_sentence"
        # the text's own patch may differ from the table's places by a seat across a border: never condemns
        scopes.append(({"level": "place", "place": "|".join(names), "label": label, "weak": True}, w[key] * 1.2, key))
    here = bool(_says(AREA_WORDS, s)) and not places
    if not here and not places:
        here = continues_place(f, ref)
    home = getattr(state, "place", None)
    area = getattr(state, "area", None)
    elsewhere = people_elsewhere(mentions, ref)
    for spot, why in ((area, "wide_place_here"), (home, "wide_place_article")):
        if spot is None or any(sc[0].get("place") == spot.name for sc in scopes):
            continue
        if elsewhere and not elsewhere <= set(spot.seats):
            continue  # "Reform won four seats, with Farage joined by Anderson, Tice and Lowe": not the local paper's
        # "their two remaining MPs in inner London", in a London paper: a part of the place, which the tables do not
        # group by, so the place's own count may confirm but never condemn
        part = ref is not None and getattr(ref, "places", None) is not None and any(
            p.name == spot.name for p in ref.places.parts_named(s))
        if why == "wide_place_here" and not here and (places or getattr(state, "national", False)):
            continue
        if why == "wide_place_here" and not here and home is not None and spot.name == home.name:
            continue  # the place the whole article is about, last named too: offered as the article's
        # a round-up of one county or city: "all six Conservative MPs" there, not in the country;
        # "here", "the region", "those 20 seats": the area the text last named (without those words, in a
        # local article, only as a reading that may confirm)
        # "Of the 21 constituencies, the Tories now hold 11", "across the area's 20 constituencies": a set the
        # sentence gives by its size, the size of the area last named (even a patch the text made of several
        # places), is that area
        sized = not places and _sized_as(s, spot)
        here = here or sized
        weight = w[why] * (w["wide_place_here_words"] if here else 1.0)
        if places and why == "wide_place_article":
            # "In the North East and North Yorkshire as a whole, ...": the sentence names its own place, so the
            # article's is far less likely, as the whole country is when the figure's clause names one; and it is
            # a guess that never condemns ("the four seats in the Plymouth area" in a Devon round-up)
            weight *= w["wide_elsewhere_when_placed"]
        weak = ("|" in spot.name and not sized) or (why == "wide_place_here" and not here) \
            or (why == "wide_place_article" and bool(places)) or part
        scopes.append(({"level": "place", "place": spot.name, "label": place_label(spot.name), "weak": weak},
                       weight * (1.0 if here or why != "wide_place_here" else 0.5), why))
    seats_named = sorted(getattr(getattr(state, "ctx", None), "article_seats", None) or [])
    if here and _says(SEAT_WORDS_HERE, s) and len(seats_named) >= 3 and ref is not None:
        # "the area's 20 constituencies", "those seats": perhaps the seats the article itself goes through
        label = f"seats the article names ({len(seats_named)})"
        scopes.append(({"level": "group", "group": GroupSpec(label=label, seats=seats_named), "label": label,
                        "weak": True}, w["wide_named_seats"], "wide_article_seats"))
    named = [m for m in mentions if m.type == "seat" and m.key and not (ref is not None and ref.is_previous_actual(m.key))]
    named = list(dict.fromkeys(m.key for m in named))
    if len(named) >= 2 and ref is not None and group_here is None:
        # "all three seats at the count: Halesowen, Dudley and Stourbridge": the seats the sentence lists
        label = f"seats the sentence names ({', '.join(ref.seats[o].name for o in named if o in ref.seats)})"
        scopes.append(({"level": "group", "group": GroupSpec(label=label, seats=named), "label": label, "weak": True},
                       w["wide_named_seats"], "wide_named_seats"))
    if state.nation and not any(sc[0].get("nation") == state.nation for sc in scopes):
        scopes.append(({"level": "nation", "nation": state.nation, "label": state.nation}, w["wide_nation_article"],
                       "wide_nation_article"))
    for party, _, _, _ in party_choices:
        nation = PARTY_NATION.get(party or "")
        if nation and not any(sc[0].get("nation") == nation for sc in scopes):
            scopes.append(({"level": "nation", "nation": nation, "label": nation}, w["wide_nation_party"],
                           "wide_nation_party"))
    uk_key = "wide_uk_named" if national_words else "wide_uk"
    # "Nigel Farage's Reform UK party won five seats": a leader named as the party's is no local figure
    leading = {(m.start, m.end) for m in mentions if leader_of(s, m, mentions) or titled(s, m)}
    local = unknown_places > 0 or any(m.type in ("seat", "candidate") and m.key and (m.start, m.end) not in leading
                                      and not (elsewhere and m.type == "candidate") for m in mentions) or bool(places) \
        or state.local or bool(_says(ANAPHOR_SEATS, s) and group_here is None) or here
    scopes.append(({"level": "uk", "label": "the UK"}, w[uk_key], uk_key))
    offers = []
    # "Turnout in Yorkshire fell 10%", "in our region": a place in the figure's own clause, or words that point at
    # the area, make the whole country and the article's nation far less likely
    # a place fronting the sentence ("In the North East and North Yorkshire as a whole, Reform won ...") is the
    # setting of every figure after it, whichever clause the figure is in
    placed = (here and not _says(COUNTED_SEATS, s)) or any(
        in_clause(start, end) or (end <= q.start and FRONTED.match(s[:start])) for start, end, _ in places)
    for spec, sw, skey in scopes:
        # in a local article (or beside local names) a count with nothing national or a nation named in
        # the sentence may be about the local area: the country or the article's nation cannot condemn it
        uk_doubt = local and not national_words and not elsewhere and (spec["level"] == "uk" or (
            spec["level"] == "nation" and skey in ("wide_nation_article", "wide_nation_party")))
        if placed and not national_words and (spec["level"] == "uk" or skey in ("wide_nation_article",
                                                                                 "wide_nation_party")):
            sw *= w["wide_elsewhere_when_placed"]
        spec_weak = spec.get("weak", False)
        fields = {k: v for k, v in spec.items() if k != "weak"}
        for party, pw, pkey, weak in party_choices:
            offers.append(Offer(Subject(party=party, parties=all_parties, weak=weak or uk_doubt or spec_weak, **fields),
                                sw * pw, [skey, pkey] + (["local_words"] if uk_doubt else [])))
    return offers


def people_elsewhere(mentions: list[Mention], ref) -> set[str]:
    """The seats of the people a sentence names, when they stand in more than one region: a count beside them
    ("with Farage joined by Anderson, Tice and Lowe") spans the country, not the local paper's patch."""
    if ref is None:
        return set()
    seats = set()
    for m in mentions:
        cand = ref.candidate(m.key) if m.type == "candidate" and m.key and ref.is_current(m.key) else None
        if cand is not None:
            seats.add(cand.ons_id)
    regions = {ref.seats[o].region for o in seats if o in ref.seats}
    return seats if len(seats) >= 2 and len(regions) >= 2 else set()


@lru_cache(maxsize=1)
def _nation_names() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for row in read_table(VOCAB / "nation-names.tsv"):
        out.setdefault(row["nation"].strip(), {})[row["name"].strip().lower()] = row["nation"].strip()
    return out


def names_the_nation(sentence: str, start: int, end: int, nation: Optional[str]) -> bool:
    """Does a place named at sentence[start:end] mean the nation the article is about ("the North" in an article
    about Northern Ireland)? `vocab/nation-names.tsv`."""
    if not nation:
        return False
    text = re.sub(r"^the\s+", "", sentence[start:end].strip(), flags=re.I).lower()
    return text in _nation_names().get(nation, {})


def as_nation(sentence: str, places: list, nations: list, nation: Optional[str]) -> tuple[list, list]:
    """The places a sentence names, with those that mean the article's nation moved to its nations."""
    kept, moved = [], []
    for start, end, place in places:
        if names_the_nation(sentence, start, end, nation):
            moved.append((start, end, nation))
        else:
            kept.append((start, end, place))
    return (kept, sorted(nations + moved)) if moved else (places, nations)


def continues_place(f: FigureContext, ref) -> bool:
    """"Turnout in Yorkshire fell. It was 55%": a sentence that goes on about the one before ("it was", "this
    is") is set where that one was, when that one named a place."""
    index = getattr(ref, "places", None) if ref is not None else None
    if index is None or not f.previous_sentence or not CONTINUES.match(f.sentence):
        return False
    return any(m.place.kind not in ("nation", "country") for m in index.find_places(f.previous_sentence))


CONTINUES = re.compile(r"^\W*(?:it|this|that)\s+(?:was|is|stood\s+at|came\s+to|reached)\b", re.I)
FRONTED = re.compile(r"^\W*(?:in|across|throughout|around)\s+$", re.I)
NATIONAL = re.compile(r"\bnational(?:ly)?\b|\buk-wide\b|\bnationwide\b"
                      r"|\b(?:across|around|throughout|all\s+over|up\s+and\s+down)\s+the\s+(?:country|uk|nation)\b"
                      r"|\boverall\b|\bin\s+the\s+(?:uk|country)\b|\bat\s+westminster\b|\bin\s+the\s+commons\b"
                      r"|\bacross\s+(?:britain|great\s+britain)\b|\bthe\s+uk[’']s\b|\bof\s+the\s+uk\b"
                      r"|\bin\s+(?:great\s+)?britain\b|\bpopular\s+vote\b|\bhouse\s+of\s+commons\b|\bin\s+parliament\b"
                      r"|\bparliament[’']s\b", re.I)
NI_PARTIES = {"SF", "DUP", "SDLP", "UUP", "APNI", "TUV", "AONT", "PBPA"}
PARTY_NATION = {**{p: "Northern Ireland" for p in NI_PARTIES}, "SNP": "Scotland", "PC": "Wales", "Alba": "Scotland"}


NATION_WORD = re.compile(r"\b(?:northern\s+ireland|scotland|scottish|wales|welsh|england|english|NI)\b", re.I)
NATIONS = {"scotland": "Scotland", "scottish": "Scotland", "wales": "Wales", "welsh": "Wales", "england": "England",
           "english": "England", "northern ireland": "Northern Ireland", "ni": "Northern Ireland"}


PART_OF_NATION = re.compile(r"\b(?:north|south|east|west|mid|central|rural|industrial|urban|north-?east|north-?west|"
                            r"south-?east|south-?west|inner|outer)(?:ern)?\s+(?:of\s+)?$|\bthe\s+(?:north|south|east|west)"
                            r"(?:ern)?\s+(?:part\s+)?of\s+$", re.I)


# the words of a nation's name: a sentence holding none (and no "NI" in capitals) names no nation
_NATION_NEEDLES = tuple(w for w in needles(NATION_WORD.pattern, NATION_WORD.flags) if w != "ni")


def nations_named(sentence: str, mentions=()) -> list[tuple[int, int, str]]:
    """(start, end, nation) for each nation the sentence names ("NI" only in capitals), not inside a
    party's or a seat's name ("Scottish National Party", "Welsh Labour" stays a party)."""
    out = []
    if "NI" not in sentence and not holds(_NATION_NEEDLES, folded(sentence)):
        return out
    for m in NATION_WORD.finditer(sentence):
        if any(x.start <= m.start() and m.end() <= x.end for x in mentions if x.type in ("party", "seat")):
            continue
        word = " ".join(m.group(0).lower().split())
        if word == "ni" and m.group(0) != "NI":
            continue
        out.append((m.start(), m.end(), NATIONS[word]))
    return out


NOT_A_PLACE = re.compile(r"^(?:the\s+)?(?:uk|u\.k\.|britain|great\s+britain|united\s+kingdom|the\s+country|westminster|"
                         r"commons|parliament|european\s+union|eu|london\s+mayor)$", re.I)


def unknown_places(sentence: str, entities, mentions: list[Mention], nations: list[tuple[int, int, str]]) -> int:
    """Places spaCy finds in the sentence that are neither a seat nor a nation nor the country."""
    n = 0
    for start, end, label in entities:
        if label not in ("GPE", "LOC"):
            continue
        text = sentence[start:end]
        if NOT_A_PLACE.match(text.strip()):
            continue
        if any(m.start < end and start < m.end for m in mentions if m.type in ("seat", "party")):
            continue
        if any(a < end and start < b for a, b, _ in nations):
            continue
        if not LOCATED.search(sentence[max(0, start - 30):start]) and not PLACE_OWNS.match(sentence, end):
            continue  # "Savanta's research director": a name the tagger took for a place, not where anything is
        n += 1
    return n


# how a place is brought in as where something is: "in Bradford", "across the Black Country", "Bradford's seats"
PLACE_OWNS = re.compile(r"(?:[’']s|s[’'])\s+(?:[\w’'-]+\s+){0,2}?(?:seats|constituencies|mps|voters|electorate|turnout|results?|count|"
                        r"councils?|wards)\b", re.I)
LOCATED = re.compile(r"\b(?:in|across|around|throughout|at|for|from|to|of|near|outside|inside|within)\s+(?:the\s+)?"
                     r"(?:[\w’'-]+\s+){0,2}$", re.I)


def nation_of(sentence: str) -> Optional[str]:
    """The first nation a line names, if any."""
    named = nations_named(sentence)
    return named[0][2] if named else None


AREA_WORDS = re.compile(r"\bhere\b|\blocally\b|\b(?:the|our|this|that)\s+(?:region|area|county|city|patch|borough|district)"
                        r"\b|\bth(?:ose|ese)\s+(?:\w+\s+){0,2}?(?:seats|constituencies)\b|\bthe\s+(?:area|region|county)[’']s\b"
                        r"|\bthe\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:seats|constituencies)\b",
                        re.I)
LOOSE_AREA = re.compile(r"^[’']?s?\s+(?:area|district|region|patch|borough|conurbation|travel[\s-]to[\s-]work\s+area)\b", re.I)
VOTERS_AFTER = re.compile(r"(?:[’']s?)?\s+(?:voters|supporters|activists|members|grandees|defectors|loyalists|"
                          r"sympathisers|sympathizers|heartlands?|switchers)\b", re.I)
OWNER_AFTER = re.compile(r"\s*(?:per\s*cent|percent|%|votes?|seats?|points?|mps)?\s*(?:\(\S*\)\s*)?(?:for|to|by|of|went\s+to|"
                         r"won\s+by|held\s+by|going\s+to)\s+(?:the\s+)?", re.I)


def _aside(sentence: str, m: Mention, before: int) -> bool:
    """Is the name inside brackets closed before the figure ("411 seats (plus the Speaker) on 34 per cent")?"""
    opened = sentence.rfind("(", 0, m.start)
    return opened >= 0 and sentence.find(")", opened, m.start) < 0 and 0 <= sentence.find(")", m.end, before)


RELATIVE_SEATS = re.compile(r"\s+(?:[\w’'-]+\s+)?(?:seats?|constituencies|mps)\s+(?:that\s+|which\s+)?(?:the\s+)?", re.I)
RELATIVE_VERB = re.compile(r"\s+(?:had\s+|has\s+|have\s+)?(?:gained|won|took|lost|held|captured|bled|shed|snatched|"
                           r"flipped|retained|kept|defended|surrendered|ceded|gave\s+up|picked\s+up)\b", re.I)
COUNTED_AFTER = re.compile(r"\s*(?:mps|seats|members|candidates|councillors|constituencies)\b", re.I)
SIZED_SET = re.compile(r"\b(?:(?:of|across|in)\s+(?:the|all|its|their)|the\s+(?:area|region|county|city)[’']s|all)\s+(\d+)\s+"
                       r"(?:seats|constituencies)\b", re.I)


def _sized_as(sentence: str, place) -> bool:
    """Does the sentence speak of a set of seats as many as the place has ("of the 21 constituencies")?"""
    sizes = {len(place.seats), len(place.core)}
    return any(int(m.group(1)) in sizes for m in SIZED_SET.finditer(sentence))


COUNTED_SEATS = re.compile(r"\bthe\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:seats|constituencies)\b",
                           re.I)
SEAT_WORDS_HERE = re.compile(r"\bth(?:ose|ese)\s+(?:\w+\s+){0,2}?(?:seats|constituencies)\b|\bthe\s+(?:area|region|county)[’']s\s+"
                             r"(?:\w+\s+)?(?:seats|constituencies)\b", re.I)
GREAT_BRITAIN = re.compile(r"\bgreat\s+britain\b|\b(?:across|in|throughout)\s+britain\b|\bGB\b(?!\s+News)", re.I)
INDEPENDENTS = re.compile(r"\bindependents\b|\bindependent\s+(?:candidates|mps|members|winners)\b", re.I)
PLACE_GLUE = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s+|plus\s+)$", re.I)


def place_lists(sentence: str, places) -> list[tuple[list[str], str, int, int]]:
    """Runs of places the sentence lists together ("Hampshire and the Isle of Wight"): (names, label, start, end)."""
    runs, run = [], []
    for mention in places:
        start, end, place = mention
        if run and PLACE_GLUE.match(sentence[run[-1][1]:start]) and place.kind not in ("country", "nation"):
            run.append(mention)
            continue
        if len(run) >= 2:
            runs.append(run)
        run = [mention] if place.kind not in ("country", "nation") else []
    if len(run) >= 2:
        runs.append(run)
    out = []
    for run in runs:
        names = list(dict.fromkeys(p.name for _, _, p in run))
        if len(names) >= 2:
            out.append((names, place_label("|".join(names)), run[0][0], run[-1][1]))
    return out


def place_label(name: str) -> str:
    parts = name.split("|")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def union_place(parts):
    """Several places as one area: every seat of any, the seats wholly inside any as its core."""
    from ..reference.places import Place

    seats = list(dict.fromkeys(o for p in parts for o in p.seats))
    core = list(dict.fromkeys(o for p in parts for o in p.core))
    named = list(dict.fromkeys(o for p in parts for o in p.named))
    return Place(name="|".join(p.name for p in parts), kind="area", definition="the places the text lists together",
                 aliases=(), seats=tuple(seats), core=tuple(core),
                 cross_border=tuple(o for o in seats if o not in core), named=tuple(named))


LEADER_OF = re.compile(r"^(?:[’']s|s[’']|[’'])\s+(?:(?:own|new|old|populist|right-wing|left-wing|centrist|[\w-]+)\s+){0,2}"
                       r"(?:party|parties|leadership|Ⓟ|[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+party)\b")
@lru_cache(maxsize=2)
def _before_name(table: str, column: str) -> re.Pattern:
    """Any phrase of a vocabulary table standing right before a name, an honorific allowed in between."""
    phrases = "|".join(r[column].strip() for r in read_table(VOCAB / table))
    return re.compile(rf"\b(?:{phrases})\s+(?:(?:sir|dame|mr|mrs|ms|dr)\.?\s+)?$", re.I)


def titled(sentence: str, m: Mention) -> bool:
    """"Prime Minister Keir Starmer", "Reform leader Nigel Farage": a person named by a national office
    (vocab/titles.tsv). Still a candidate whose own figures the sentence may give, but no sign that the
    sentence is about a local area."""
    return m.type == "candidate" and bool(_before_name("titles.tsv", "title").search(sentence, max(0, m.start - 60),
                                                                                      m.start))


def leader_of(sentence: str, m: Mention, mentions) -> bool:
    """"Nigel Farage's Reform UK", "Keir Starmer's party", "the party, led by Nigel Farage": a person named
    as the owner of a party (vocab/leads.tsv holds the words that lead up to such a name)."""
    if m.type != "candidate":
        return False
    if _before_name("leads.tsv", "phrase").search(sentence, max(0, m.start - 40), m.start):
        return True
    tail = sentence[m.end:m.end + 40]
    if LEADER_OF.match(tail) or (POSSESSIVE_TAIL.search(m.text) and LEADER_OF.match("'s" + tail)):
        return True
    poss = re.match(r"(?:[’']s|s[’']|[’'])\s+", tail)
    if not poss and POSSESSIVE_TAIL.search(m.text):
        poss = re.match(r"\s+", tail)
    if not poss:
        return False
    at = m.end + poss.end()
    return any(x.type == "party" and x.key and x.start == at for x in mentions)


PARTY_OF = re.compile(r"^(?:[’']s|s[’'])?\s+(?:(?:own|new|old)\s+)?(?:party|parties|candidates|mps)\b", re.I)


def leaders_parties(sentence: str, mentions: list[Mention], ref) -> list[Mention]:
    """"Keir Starmer's party", "Mr Farage's candidates": the party of the person named."""
    if ref is None:
        return []
    out = []
    for m in mentions:
        if m.type != "candidate" or not m.key:
            continue
        tail = PARTY_OF.match(sentence[m.end:m.end + 30])
        if tail and not (POSSESSIVE_TAIL.search(m.text) or re.match(r"[’']", tail.group(0))):
            tail = None  # "Starmer party" is not a possessive
        cand = ref.candidate(m.key) if tail else None
        if cand is None or cand.party in ("Ind", "Spk"):
            continue
        out.append(Mention(type="party", text=sentence[m.start:m.end + tail.end()], start=m.start,
                           end=m.end + tail.end(), key=cand.party, score=90.0))
    return out


BLOC_WORD = re.compile(r"\b(?:pro-(?:independence|union|uk)|independence-supporting|unionis[mt]s?|nationalis[mt]s?|"
                       r"republicans?|centre\s+ground|middle\s+ground|non-aligned)(?:\s+parties|\s+candidates)?\b", re.I)


def bloc_mentions(sentence: str, mentions: list[Mention], state, nations) -> list[Mention]:
    """"Unionists won eight seats": a bloc of parties, in the nation the sentence or the article is about."""
    ref = getattr(state, "ref", None)
    blocs = getattr(ref, "blocs", None) if ref is not None else None
    if blocs is None:
        return []
    from ..judge.derived import bloc_code

    here = {n for _, _, n in nations} | ({state.nation} if getattr(state, "nation", None) else set())
    here |= {PARTY_NATION[m.key] for m in mentions if m.type == "party" and m.key in PARTY_NATION}
    out = []
    for m in BLOC_WORD.finditer(sentence):
        if any(x.start <= m.start() < x.end for x in mentions if x.type in ("party", "seat")):
            continue
        word = m.group(0)
        for candidate in (word, re.sub(r"\s+(?:parties|candidates)$", "", word, flags=re.I), word.rstrip("s")):
            found = [g for g in blocs.groupings_for(candidate) if g.region in here]
            if found:
                g = found[0]
                out.append(Mention(type="party", text=word, start=m.start(), end=m.end(),
                                   key=bloc_code(g.bloc, g.region), score=90.0))
                break
    return out
