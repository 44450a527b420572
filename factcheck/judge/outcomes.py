"""Checking who won, held, gained, lost or unseated whom.

"Held" and "gained" are judged as the House of Commons Library judges them,
against the adapter's previous result on these boundaries (the notional one
where boundaries changed); a claim that fits the actual previous result of
the predecessor seat instead is not called wrong (outlets often compare with
the old seat), and the explanation says so.
"""
from __future__ import annotations

from typing import Optional

from ..models import Claim, ClaimCandidate, Claimed, ConstituencyRef, LinkedClaim, Official
from ..reference.parties import display_name


def role_has(candidate: ClaimCandidate, key: str) -> Optional[str]:
    """The value of `key` in the candidate's role string ("outcome:held;party:Lab")."""
    for part in (candidate.role or "").split(";"):
        if part == key:
            return key
        if part.startswith(key + ":"):
            return part.split(":", 1)[1]
    return None


def _who(c) -> str:
    return f"{c.name} ({c.party}, {c.votes:,})"


def _prev(ref) -> str:
    """How explanations name the previous result on these boundaries ("before 2019")."""
    return ref.labels["previous"]


def check_outcome(ref, lc: LinkedClaim, claim_id: str) -> Claim:
    cc = lc.candidate
    kind = role_has(cc, "outcome")
    place = role_has(cc, "place")
    person = ref.candidate(lc.person) if lc.person else None
    other = ref.candidate(lc.other_person) if lc.other_person else None
    target = lc.parties[0] if lc.parties else None
    seats = [lc.ons_id] if lc.ons_id else _seats_named(ref, place)
    base = dict(id=claim_id, kind="outcome", sentence=cc.sentence, quote=cc.quote,
                claimed=Claimed(value=None, qualifier="exact"),
                subject=person.name if person else (display_name(lc.party) if lc.party else None))
    if not seats:
        return Claim(**base, verdict="unverifiable", official=None, constituency=None, correction=None, confidence=0.4,
                     explanation=f"No constituency matches “{place}”." if place else "The seat is not named.")
    results = [_judge(ref, kind, ons, person, lc.party, other, target) for ons in seats]
    good = [r for r in results if r[0] == "accurate"]
    verdict, ons, why = good[0] if good else (
        next((r for r in results if r[0] == "unverifiable"), results[0]))
    seat = ref.seats[ons]
    official = Official(value=None, dataset=ref.datasets["current"], detail=_result_line(ref, seat))
    if place and len(seats) > 1:
        why += f" (seats in {place}: {', '.join(ref.seats[o].name for o in seats)})"
    return Claim(**base, verdict=verdict, official=official, constituency=ConstituencyRef(ons_id=ons, name=seat.name),
                 correction=None if verdict != "inaccurate" else f"{_result_line(ref, seat)}",
                 confidence=0.85 if verdict != "unverifiable" else 0.4, explanation=why)


def _seats_named(ref, place: Optional[str]) -> list[str]:
    if not place:
        return []
    word = place.lower()
    return [o for o, s in ref.seats.items() if s.name.lower().startswith(word + " ") or s.name.lower() == word]


def _result_line(ref, seat) -> str:
    before = ref.previous.get(seat.ons_id)
    before = f"; {_prev(ref)} winner {display_name(before.winner.party)}" if before else ""
    runner = f", ahead of {_who(seat.runner_up)}" if seat.runner_up else ""
    return f"{seat.name}: {seat.result} — {_who(seat.winner)}{runner}{before}"


def _held_before(ref, ons: str, party: str) -> tuple[bool, bool]:
    """(held on the previous result on these boundaries, held in the actual previous predecessor seat)."""
    before = ref.previous.get(ons)
    n = bool(before and before.winner.party == party)
    actual = any(s.winner.party == party for s in ref.predecessors(ons))
    return n, actual


def _changed_hands(ref, seat) -> bool:
    """A sitting MP of another party than the previous holder: a by-election or defection the tables do not hold."""
    before = ref.previous.get(seat.ons_id)
    if before is None:
        return False
    return any(c.sitting_mp and c.party != before.winner.party for c in seat.candidates)


def _judge(ref, kind, ons, person, party, other, target) -> tuple[str, str, str]:
    seat = ref.seats[ons]
    winner = seat.winner
    if kind == "gained" and winner.party == party and _changed_hands(ref, seat):
        mp = next(c for c in seat.candidates if c.sitting_mp)
        return "unverifiable", ons, (f"{display_name(party)} won {seat.name}, but the sitting MP was {mp.name} "
                                     f"({mp.party}), elected after {ref.previous_key} at a by-election or through a "
                                     f"change of party the tables do not hold: a gain from that MP, a hold on the "
                                     f"{ref.previous_key} result ({seat.result}).")
    if kind == "unseated":
        if person is None or other is None or person.ons_id != ons or other.ons_id != ons:
            return "unverifiable", ons, "The two people named did not stand against each other in one seat."
        if winner.key != person.key:
            return "inaccurate", ons, f"{person.name} did not win {seat.name}: {winner.name} did."
        was_mp = other.sitting_mp or _held_before(ref, ons, other.party)[0]
        if not was_mp:
            return "unverifiable", ons, (f"{person.name} beat {other.name} in {seat.name}, but the tables do not show "
                                         f"{other.name} as the sitting MP or the party holding the seat.")
        return "accurate", ons, f"{person.name} won {seat.name} ({seat.result}), beating the sitting MP {other.name}."
    if person is not None and party == person.party and kind in ("held", "lost", "won"):
        if kind in ("held", "won"):
            if winner.key == person.key:
                return "accurate", ons, f"{person.name} won {seat.name} ({seat.result})."
            return "inaccurate", ons, f"{person.name} did not win {seat.name}: {winner.name} did ({seat.result})."
        if winner.key != person.key:
            return "accurate", ons, f"{person.name} lost {seat.name} to {winner.name} ({seat.result})."
        return "inaccurate", ons, f"{person.name} won {seat.name} ({seat.result})."
    if party is None:
        return "unverifiable", ons, "The claim does not say which party."
    name = display_name(party)
    notional_held, actual_held = _held_before(ref, ons, party)
    won = winner.party == party
    if kind == "won":
        return ("accurate" if won else "inaccurate"), ons, (
            f"{name} {'won' if won else 'did not win'} {seat.name} ({seat.result}).")
    if kind == "held":
        if won and notional_held:
            return "accurate", ons, f"{name} held {seat.name} ({seat.result})."
        if won and actual_held:
            return "accurate", ons, (f"{name} won {seat.name}; it was a gain on the {_prev(ref)} result but the "
                                     f"party held the predecessor seat in {ref.previous_key} ({seat.result}).")
        if won:
            return "inaccurate", ons, f"{name} gained {seat.name} rather than held it ({seat.result})."
        return "inaccurate", ons, f"{name} did not hold {seat.name}: {display_name(winner.party)} won it ({seat.result})."
    if kind == "gained":
        if not won:
            return "inaccurate", ons, f"{name} did not win {seat.name}: {display_name(winner.party)} did ({seat.result})."
        before = ref.previous.get(ons)
        previous = before.winner.party if before else None
        if target and previous != target and not any(s.winner.party == target for s in ref.predecessors(ons)):
            # a by-election or a defection since the previous election, which the tables do not hold, may explain it
            return "unverifiable", ons, (f"{name} won {seat.name}; on the {ref.previous_key} results the seat was "
                                         f"{display_name(previous) if previous else 'another party'}'s, not "
                                         f"{display_name(target)}'s, and the tables hold no by-elections or "
                                         f"defections since ({seat.result}).")
        if not notional_held:
            return "accurate", ons, f"{name} gained {seat.name} ({seat.result})."
        if not actual_held:
            return "accurate", ons, (f"{name} won {seat.name}: a hold on the {_prev(ref)} result, a gain on the "
                                     f"predecessor seat's {ref.previous_key} result ({seat.result}).")
        return "inaccurate", ons, f"{name} held {seat.name} rather than gained it ({seat.result})."
    if kind == "lost":
        if won:
            return "inaccurate", ons, f"{name} won {seat.name} ({seat.result})."
        if target and winner.party != target:
            return "inaccurate", ons, (f"{name} lost {seat.name} to {display_name(winner.party)}, "
                                       f"not {display_name(target)} ({seat.result}).")
        if notional_held or actual_held:
            return "accurate", ons, f"{name} lost {seat.name} to {display_name(winner.party)} ({seat.result})."
        return "unverifiable", ons, f"{name} did not hold {seat.name} before ({seat.result}), so it had nothing to lose there."
    return "unverifiable", ons, "The claim could not be read."


def check_rank(ref, lc: LinkedClaim, claim_id: str) -> Claim:
    cc = lc.candidate
    person = ref.candidate(lc.person)
    seat = ref.seats[person.ons_id]
    claimed = int(cc.quantity.value)
    wanted = len(seat.candidates) if claimed == -1 else claimed
    ordinal = (cc.role or "").split(":", 1)[-1]
    placings = "; ".join(f"{c.rank}. {_who(c)}" for c in seat.candidates[:max(3, person.rank)])
    ok = person.rank == wanted
    return Claim(id=claim_id, kind="rank", verdict="accurate" if ok else "inaccurate", sentence=cc.sentence,
                 quote=cc.quote, claimed=Claimed(value=float(wanted), qualifier="exact"),
                 official=Official(value=float(person.rank), dataset=ref.datasets["current"], detail=placings),
                 constituency=ConstituencyRef(ons_id=seat.ons_id, name=seat.name), subject=person.name,
                 explanation=(f"{person.name} placed {_ordinal(person.rank)} in {seat.name}" +
                              ("." if ok else f", not {ordinal}.") + f" Official placings: {placings}."),
                 correction=None if ok else f"{person.name} came {_ordinal(person.rank)}", confidence=0.85)


def check_comparison(ref, lc: LinkedClaim, figure: Claim, claim_id: str) -> Claim:
    cc = lc.candidate
    person = ref.candidate(lc.person)
    rel = role_has(cc, "rel")
    left = figure.official.value if figure.official and figure.official.value is not None else figure.claimed.value
    right = person.votes
    seat = figure.constituency.ons_id if figure.constituency else None
    if seat != person.ons_id:
        # "Labour won 9.7 million votes, fewer than Jeremy Corbyn's 10.3 million in 2019": a figure of another
        # scope than the person's own vote is compared with something else (the party under them, another
        # election), which the comparison does not follow
        where = f"in {figure.constituency.name}" if figure.constituency else "over more than one seat"
        return Claim(id=claim_id, kind="comparison", verdict="unverifiable", sentence=cc.sentence, quote=cc.quote,
                     claimed=Claimed(value=figure.claimed.value,
                                     qualifier="less_than" if rel == "less" else "more_than"),
                     official=None, constituency=figure.constituency, subject=person.name,
                     explanation=(f"The figure is {where}, not in {person.seat}, where {person.name} stood: the "
                                  f"text compares it with something other than {person.name}'s own vote there."),
                     correction=None, confidence=0.5)
    holds = left < right if rel == "less" else left > right
    word = "less" if rel == "less" else "more"
    return Claim(id=claim_id, kind="comparison", verdict="accurate" if holds else "inaccurate", sentence=cc.sentence,
                 quote=cc.quote, claimed=Claimed(value=figure.claimed.value, qualifier="less_than" if rel == "less" else "more_than"),
                 official=Official(value=float(right), dataset=ref.datasets["current"], detail=f"{_who(person)} in {person.seat}"),
                 constituency=figure.constituency, subject=person.name,
                 explanation=(f"{left:,.0f} is {'' if holds else 'not '}{word} than {person.name}'s {right:,} votes "
                              f"in {person.seat}."),
                 correction=None if holds else f"{person.name} had {right:,} votes", confidence=0.8)


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh"}.get(n, f"{n}th")
