"""Who won, held, gained, lost or unseated whom: claims with no figure in them.

"Shockat Adam unseated Jonathan Ashworth in Leicester South", "Labour held
Rochdale", "the Greens gained a seat from Labour in Bristol": the heart of
election reporting, and all names. The names are already resolved by the
linker, so reading such a claim is matching a verb between the mentions; the
result is a LinkedClaim whose role says what was claimed. Checking it is
verify_outcome.py's job.
"""
from __future__ import annotations

import re
from typing import Optional

from ..link.names import ArticleContext, NameIndex
from ..models import ClaimCandidate, LinkedClaim, Mention, Quantity

UNSEAT = r"unseat(?:ed|ing|s)?|oust(?:ed|ing|s)?|topple[ds]?|toppling|defeat(?:ed|ing|s)?|dislodge[ds]?"
HOLD = r"hold|held|holds|holding|retain(?:ed|s|ing)?|keep|kept|keeps|keeping|hung\s+on\s+to|clung\s+on\s+(?:to|in)|defended"
GAIN = r"gain(?:ed|s|ing)?|take|took|takes|taking|seized?|captured?|win\s+back|won\s+back|wins\s+back|winning\s+back|snatched"
LOSE = r"lost|loses|losing|lose"
WIN = r"win|won|wins|winning"
VERB = re.compile(rf"^\s*(?:has\s+|have\s+|had\s+|to\s+)?(?P<verb>{UNSEAT}|{HOLD}|{GAIN}|{LOSE}|{WIN})\b", re.I)
PASSIVE = re.compile(r"^\s*(?:was|were|has\s+been|had\s+been)\s+(?:narrowly\s+|comfortably\s+)?"
                     r"(?:defeated|beaten|unseated|ousted|toppled)\s+by\b", re.I)
OWN_SEAT = re.compile(r"^\s*(?:the|his|her|their|its)\s+(?:own\s+)?seat\b", re.I)
A_SEAT_IN = re.compile(r"^\s*an?\s+seat\s+(?:from\s+(?P<from>[A-Z][\w’' -]+?)\s+)?in\s+(?P<place>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)",
                       re.I)
FROM_TO = re.compile(r"^\s*(?:from|to)\s+(?:the\s+)?$", re.I)


def _kind(verb: str) -> str:
    v = verb.lower()
    for name, pattern in (("unseated", UNSEAT), ("held", HOLD), ("gained", GAIN), ("lost", LOSE), ("won", WIN)):
        if re.fullmatch(pattern, v):
            return name
    return "won"


def read_outcomes(sentence: str, index: int, mentions: list[Mention], names: NameIndex,
                  ctx: ArticleContext) -> list[LinkedClaim]:
    """Outcome claims in one sentence: a subject mention, a result verb right after it, and what it names."""
    if re.search(r"\b(?:if|could|would|might|may|whether|expected|predicted|projected|poll)\b", sentence, re.I):
        return []  # a forecast or a hypothesis, not a result
    ordered = sorted((m for m in mentions if m.key), key=lambda m: m.start)
    out = []
    for i, subject in enumerate(ordered):
        if subject.type not in ("candidate", "party") or names.ref.is_previous_actual(subject.key):
            continue
        passive = PASSIVE.match(sentence[subject.end:])
        if passive and subject.type == "candidate":
            # "Liz Truss was defeated by Terry Jermy": the same claim as "Terry Jermy unseated Liz Truss"
            winner = next((m for m in ordered[i + 1:] if m.start >= subject.end + passive.end()
                           and m.type == "candidate"), None)
            if winner and names.ref.is_current(winner.key) and winner.start - (subject.end + passive.end()) <= 2:
                cc = ClaimCandidate(kind="outcome", quantity=None, sentence=sentence, sentence_index=index,
                                    quote=sentence[subject.start:winner.end], role="outcome:unseated")
                out.append(LinkedClaim(candidate=cc, ons_id=names.ref.candidate(winner.key).ons_id, person=winner.key,
                                       party=names.ref.candidate(winner.key).party, other_person=subject.key))
            continue
        verb = VERB.match(sentence[subject.end:])
        if not verb:
            continue
        kind = _kind(verb.group("verb"))
        at = subject.end + verb.end()
        if kind == "gained" and re.match(r"t[oa]k", verb.group("verb"), re.I) \
                and not re.search(r"\bfrom\b", sentence[at:at + 80], re.I):
            kind = "won"  # "took the seat vacated by ...": taking a seat says who won it, not that it changed hands
        rest = [m for m in ordered[i + 1:] if m.start >= at]
        clause_end = re.search(r"[.;:]|,\s|\s[-–—]\s|$", sentence[at:]).start() + at
        if re.search(r"\d|\bmajority\b", sentence[at:clause_end], re.I):
            continue  # "won Leicester South by 979 votes": the figure says it, and the extractor reads it
        obj = rest[0] if rest and not re.search(r"[.;:]", sentence[at:rest[0].start]) else None
        seat = next((m for m in rest if m.type == "seat" and not names.ref.is_previous_actual(m.key)), None)
        claim = _build(sentence, index, subject, kind, at, obj, seat, rest, names, ctx)
        if claim:
            out.append(claim)
    return out


def _build(sentence, index, subject, kind, at, obj, seat, rest, names, ctx) -> Optional[LinkedClaim]:
    ref = names.ref
    role = [f"outcome:{kind}"]
    person = subject.key if subject.type == "candidate" else None
    party = subject.key if subject.type == "party" else None
    other = None
    other_party = None
    ons = seat.key if seat else None
    place = None
    gap = sentence[at:(obj.start if obj else at)]
    if kind == "unseated":
        if not obj or obj.type != "candidate" or re.search(r"[,;]", gap):
            return None
        other = obj.key
    elif obj is not None and obj.type == "seat" and not re.search(r"[,;]", gap) and len(gap.strip()) <= 4:
        ons = obj.key
        after = [m for m in rest if m.start >= obj.end]
        if after and FROM_TO.match(sentence[obj.end:after[0].start]):
            if after[0].type == "party":
                other_party = after[0].key
            elif after[0].type == "candidate":
                other = after[0].key
    elif OWN_SEAT.match(sentence[at:]):
        if person is None:
            return None
        ons = ref.candidate(person).ons_id if ref.is_current(person) else None
        seat = None
        obj = Mention(type="seat", text="", start=at, end=at + OWN_SEAT.match(sentence[at:]).end())
    else:
        m = A_SEAT_IN.match(sentence[at:])
        if not m or kind not in ("gained", "won", "lost", "held"):
            return None
        place = m.group("place")
        if m.group("from"):
            from ..reference.parties import ALIAS_INDEX, fold
            other_party = ALIAS_INDEX.get(fold(m.group("from")))
    if ons is None and person and ref.is_current(person):
        ons = ref.candidate(person).ons_id
    if ons is None and place is None:
        return None
    if ons and ref.is_previous_actual(ons):
        return None
    end = max([m.end for m in (obj, seat) if m is not None] + [at])
    quote = sentence[subject.start:end].strip()
    if place:
        role.append(f"place:{place}")
        quote = sentence[subject.start:at + A_SEAT_IN.match(sentence[at:]).end()].strip()
    cc = ClaimCandidate(kind="outcome", quantity=None, sentence=sentence, sentence_index=index, quote=quote,
                        role=";".join(role))
    return LinkedClaim(candidate=cc, ons_id=ons, person=person, party=party or (
        ref.candidate(person).party if person and ref.is_current(person) else None),
        other_person=other, parties=[other_party] if other_party else [])


# ------------------------------------------------------------------ placings
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "last": -1}
_ORD = "|".join(ORDINALS)
PLACED_AFTER = re.compile(rf"^[^.;]{{0,60}}?\b(?:came|coming|finished|finishing|placed|ended|ending|was|were|is|"
                          rf"trailed|trailing)\s+(?:in\s+|up\s+|home\s+)?(?:a\s+)?(?:distant\s+|close\s+|strong\s+|poor\s+)?"
                          rf"(?P<ord>{_ORD})\b", re.I)
PLACE_BEFORE = re.compile(rf"\b(?P<ord>{_ORD})[- ]plac(?:e|ed)\s+(?:[\w’'-]+\s+){{0,3}}$", re.I)


def read_ranks(sentence: str, index: int, mentions: list[Mention], ref) -> list[LinkedClaim]:
    """"Jody McIntyre came second", "third-place independent Nandita Lal": a placing tied to a person."""
    people = sorted((m for m in mentions if m.type == "candidate" and m.key and ref.is_current(m.key)),
                    key=lambda m: m.start)
    out = []
    for i, p in enumerate(people):
        if re.match(r"(?:[’']s|s[’'])\s+(?:[\w’'-]+\s+){0,3}(?:party|government|campaign|team|cabinet)\b",
                    sentence[p.end:p.end + 40], re.I) or re.search(r"(?:[’']s)$", p.text):
            continue  # "Nigel Farage's Reform UK party ... placed second": the placing is the party's, not his
        nxt = people[i + 1].start if i + 1 < len(people) else len(sentence)
        m = PLACED_AFTER.match(sentence[p.end:nxt])
        start = end = None
        if m:
            start, end = p.start, p.end + m.end()
            ordinal = m.group("ord")
        else:
            b = PLACE_BEFORE.search(sentence[max(0, p.start - 50):p.start])
            if not b:
                continue
            ordinal = b.group("ord")
            start, end = max(0, p.start - 50) + b.start(), p.end
        rank = ORDINALS[ordinal.lower()]
        quote = sentence[start:end]
        q = Quantity(value=float(rank), unit="count", qualifier="exact", low=float(rank), high=float(rank),
                     text=quote, start=start, end=end)
        cc = ClaimCandidate(kind="rank", quantity=q, sentence=sentence, sentence_index=index, quote=quote,
                            role=f"rank:{ordinal.lower()}")
        out.append(LinkedClaim(candidate=cc, person=p.key))
    return out


# ------------------------------------------------------------------ comparisons
COMPARE = re.compile(r"^\s*(?:votes?)?\s*,?\s*(?:which\s+(?:is|was)\s+|was\s+|is\s+)?(?:just\s+|only\s+|far\s+|still\s+)?"
                     r"(?P<rel>less|fewer|lower|more|greater|higher)\s+than\s+(?:the\s+)?(?:number|total|tally|votes?|"
                     r"share)?\s*(?:of\s+votes\s+)?(?:secured|won|received|polled|gained|taken|got|achieved|cast\s+for)?"
                     r"\s*(?:by\s+)?$", re.I)


def read_comparisons(sentence: str, index: int, mentions: list[Mention], figures: list, ref) -> list[LinkedClaim]:
    """"won by 4,426 votes, less than the number secured by Ms Webbe": a figure set against a person's vote."""
    out = []
    people = [m for m in mentions if m.type == "candidate" and m.key and ref.is_current(m.key)]
    for claim in figures:
        q = claim.quantity
        if q is None or q.unit != "count":
            continue
        for p in people:
            if p.start <= q.end:
                continue
            gap = sentence[q.end:p.start]
            m = COMPARE.match(gap)
            if not m:
                continue
            rel = "less" if m.group("rel").lower() in ("less", "fewer", "lower") else "more"
            quote = sentence[q.start:p.end]
            cc = ClaimCandidate(kind="comparison", quantity=q, sentence=sentence, sentence_index=index, quote=quote,
                                role=f"rel:{rel};of:{claim.kind}")
            out.append(LinkedClaim(candidate=cc, person=p.key))
            break
    return out
