"""A linked claim against the reference API -> a verdict an editor can trust.

The rule everywhere: a figure is inaccurate only when every reading the text
allows has been checked and none fits; when the tables cannot tell (an
unknown person, two people with one name, an election the data do not hold)
the verdict is unverifiable and the explanation says why. Previous-election
figures are tried against the notional 2019 result on the new boundaries and
the actual 2019 result of the predecessor seat; turnout against both the
valid-vote and the ballots-cast readings.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .extract import role_has
from .read.figures import admits
from .models import Claim, Claimed, ConstituencyRef, LinkedClaim, Official, Quantity
from .reference import DATASETS
from .reference.parties import display_name
from .reference.records import Candidate, SeatResult
from .verify_wide import WideReadings, dedupe as _dedupe

EPS = 1e-9


@dataclass
class Reading:
    """One way the tables can answer the claim: a value, where it came from, and how to say it."""

    value: float
    dataset: str
    detail: str
    label: str  # "2024 majority", "notional 2019 majority", ...


def fits(q: Quantity, official: float) -> bool:
    """Does the official value fall in the interval the claim's wording allows?"""
    return admits(q, official)


def fmt(value: Optional[float], unit: str, signed: bool = True) -> str:
    """A figure as an editor would write it; a change is signed only where the claim wrote a sign."""
    if value is None:
        return "—"
    if unit in ("percent", "fraction"):
        return f"{value:.1f}%"
    if unit == "points":
        return f"{value:+.1f} points" if signed else f"{abs(value):.1f} points"
    return f"{int(round(value)):,}"


def _cand(c: Candidate) -> str:
    return f"{c.name}, {c.party}, {c.votes:,}" if c.first_name else f"{c.party_name}, {c.votes:,}"


def _seat_ref(seat: Optional[SeatResult]) -> Optional[ConstituencyRef]:
    return ConstituencyRef(ons_id=seat.ons_id, name=seat.name) if seat else None


class Verifier(WideReadings):
    """Answers for every kind of claim, from one reference adapter."""

    def __init__(self, ref):
        self.ref = ref
        self._groups: dict[str, list[str]] = {}  # a group of seats is selected once per checker

    @staticmethod
    def _reading(value, dataset, detail, label) -> Reading:
        return Reading(value, dataset, detail, label)

    # ---------------------------------------------------------------- entry
    def verify(self, lc: LinkedClaim, claim_id: str) -> Claim:
        cc = lc.candidate
        seat = self.ref.seat(lc.ons_id) if lc.ons_id else None
        person = self.ref.candidate(lc.person) if lc.person else None
        era = role_has(cc, "era") or "current"
        subject = person if person and person.first_name else (self._subject(lc, seat, None) if seat else None)
        base = dict(id=claim_id, kind=cc.kind, sentence=cc.sentence, quote=cc.quote,
                    claimed=Claimed(value=_claimed_value(cc.quantity), qualifier=cc.quantity.qualifier),
                    constituency=_seat_ref(seat),
                    subject=subject.name if subject else (display_name(lc.party) if lc.party else None))
        if era == "forecast":
            return Claim(**base, verdict="unverifiable", official=None, correction=None, confidence=0.8,
                         explanation="The figure is a forecast, a poll or a target, not a result the tables record.")
        if era == "other":
            return Claim(**base, verdict="unverifiable", official=None, correction=None, confidence=0.8,
                         explanation=("The figure is about an election the reference data do not hold "
                                      "(only the 2024 result and the 2019 result, actual and notional)."))
        if lc.ambiguous and not seat:
            names = "; ".join(lc.ambiguous)
            return Claim(**base, verdict="unverifiable", official=None, correction=None, confidence=0.5,
                         explanation=f"The name fits more than one candidate ({names}) and the text does not say which.")
        if seat is None and not lc.old_seats and cc.scope is None:
            return Claim(**base, verdict="unverifiable", official=None, correction=None, confidence=0.4,
                         explanation=lc.link_note or "The text does not make clear which constituency the figure is about.")
        readings, note = self._readings(lc, seat, person, era)
        if not readings:
            return Claim(**base, verdict="unverifiable", official=None, correction=None, confidence=0.5,
                         explanation=_sentence_case(note.replace("unverifiable: ", "")) if note else
                         "The reference data hold no figure this claim can be checked against.")
        q = cc.quantity
        matched = [r for r in readings if fits(q, r.value)]
        confidence = 0.9 if lc.link_note is None else 0.75
        if matched:
            r = matched[0]
            also = ""
            # name the other baseline (notional vs actual 2019) the figure does not fit, so the editor knows which
            other = next((x for x in readings if x not in matched and (x.dataset != r.dataset or "gap" in r.label)),
                         None)
            if other is not None:
                also = f" (it does not match the {other.label}, {fmt(other.value, q.unit, q.signed)})"
            return Claim(**base, verdict="accurate", confidence=confidence, correction=None,
                         official=Official(value=_round(r.value, q.unit), dataset=r.dataset, detail=r.detail),
                         explanation=f"Matches the {r.label}: {r.detail}{also}.")
        if era == "other_or_current":
            r = readings[0]
            return Claim(**base, verdict="unverifiable", confidence=0.4, correction=None,
                         official=Official(value=_round(r.value, q.unit), dataset=r.dataset, detail=r.detail),
                         explanation=(f"It does not match the {r.label} ({fmt(r.value, q.unit, q.signed)}), but the sentence also "
                                      "speaks of an election the reference data do not hold, which it may be about."))
        if cc.scope is not None and cc.scope.party_guessed:
            r = readings[0]
            return Claim(**base, verdict="unverifiable", confidence=0.4, correction=None,
                         official=Official(value=_round(r.value, q.unit), dataset=r.dataset, detail=r.detail),
                         explanation=(f"Read as the {r.label} ({fmt(r.value, q.unit, q.signed)}) it does not match, but "
                                      "the sentence names the party only as \"they\" or \"the party\", which may "
                                      "mean another."))
        if lc.weak_link:
            r = readings[0]
            return Claim(**base, verdict="unverifiable", confidence=0.4, correction=None,
                         official=Official(value=_round(r.value, q.unit), dataset=r.dataset, detail=r.detail),
                         explanation=("The sentence names no seat or candidate; read as being about "
                                      f"{seat.name if seat else 'the seat in focus'}, it does not match the "
                                      f"{r.label} ({fmt(r.value, q.unit, q.signed)}), but the text may mean something else."))
        if note and "unverifiable" in note:
            r = readings[0]
            return Claim(**base, verdict="unverifiable", confidence=0.5, correction=None,
                         official=Official(value=_round(r.value, q.unit), dataset=r.dataset, detail=r.detail),
                         explanation=(f"It does not match the {r.label} ({fmt(r.value, q.unit, q.signed)}), but "
                                      f"{note.replace('unverifiable: ', '')}."))
        r = readings[0]
        tried = "; ".join(f"{x.label} {fmt(x.value, q.unit, q.signed)}" for x in readings)
        explanation = f"Official {r.label}: {r.detail}." if len(readings) == 1 else \
            f"Matches none of the official figures: {tried}. Official {r.label}: {r.detail}."
        if role_has(cc, "provisional"):
            explanation += (" The article was written while results were still coming in (its wording or its "
                            "date shows a running count); this is the final official figure.")
        correction = f"{fmt(r.value, q.unit, q.signed)} ({r.label}), not {cc.quote}"
        return Claim(**base, verdict="inaccurate", confidence=confidence, correction=correction,
                     official=Official(value=_round(r.value, q.unit), dataset=r.dataset, detail=r.detail),
                     explanation=explanation)

    # ---------------------------------------------------------------- readings
    def _readings(self, lc: LinkedClaim, seat, person, era) -> tuple[list[Reading], Optional[str]]:
        kind = lc.candidate.kind
        if lc.candidate.scope is not None and kind == "share_change":
            return self._wide_share_change(lc, era)
        if lc.candidate.scope is not None and kind == "turnout":
            return self._wide_turnout(lc, era)
        fn = getattr(self, f"_r_{kind}", None)
        if fn is None:
            return [], f"Figures of the kind {kind!r} cannot be checked against these tables yet."
        return fn(lc, seat, person, era)

    def _subject(self, lc: LinkedClaim, seat: SeatResult, person) -> Optional[Candidate]:
        if person and person.key.startswith("2024:") and person.ons_id == seat.ons_id:
            return person
        if lc.party:
            rows = [c for c in seat.candidates if c.party == lc.party]
            # several independents in one seat: "an independent" does not say which
            return rows[0] if len(rows) == 1 else None
        return None

    def _r_majority(self, lc, seat, person, era):
        if seat is None:
            return [], None
        out = [Reading(seat.majority, DATASETS["2024"], _majority_detail(seat), f"2024 majority in {seat.name}")]
        subject = self._subject(lc, seat, person)
        other = self.ref.candidate(lc.other_person) if lc.other_person else None
        if subject and subject.rank > 1:
            opponent = other if other and other.ons_id == seat.ons_id and other.key != subject.key else seat.winner
            if opponent.key != subject.key:
                gap = abs(opponent.votes - subject.votes)
                if gap != seat.majority:
                    out.append(Reading(gap, DATASETS["2024"],
                                       f"{_cand(opponent)}; {_cand(subject)}: a gap of {gap:,}",
                                       f"2024 gap between {opponent.name} and {subject.name}"))
        if era in ("either",):
            out += self._previous_majorities(lc, seat, person)
        return out, None

    def _previous_majorities(self, lc, seat, person) -> list[Reading]:
        out = []
        if seat is not None:
            notional = self.ref.notional_result(seat.ons_id)
            if notional:
                out.append(Reading(notional.majority, DATASETS["notional 2019"], _majority_detail(notional),
                                   f"notional 2019 majority in {seat.name}"))
        for old in self._old_seats(lc, seat, person):
            out.append(Reading(old.majority, DATASETS["2019"], _majority_detail(old),
                               f"actual 2019 majority in {old.name} (old boundaries)"))
        return _dedupe(out)

    def _old_seats(self, lc, seat, person) -> list[SeatResult]:
        found: dict[str, SeatResult] = {}
        for ons in lc.old_seats:
            s = self.ref.seats_2019.get(ons)
            if s:
                found[ons] = s
        if person is not None:
            if person.key.startswith("2019:"):
                s = self.ref.seats_2019.get(person.ons_id)
                if s:
                    found[s.ons_id] = s
            else:
                s = self.ref.previous_seat_won_by(person)
                if s:
                    found[s.ons_id] = s
        if seat is not None and not found:
            for s in self.ref.predecessors(seat.ons_id):
                found.setdefault(s.ons_id, s)
        return list(found.values())

    def _r_previous_majority(self, lc, seat, person, era):
        previous = self._previous_majorities(lc, seat, person)
        if "majority_change" in (lc.candidate.role or ""):
            if seat is None:
                return [], None
            out = [Reading(p.value - seat.majority, p.dataset,
                           f"{p.detail}; 2024 majority {seat.majority:,}: a change of {p.value - seat.majority:,}",
                           f"fall from the {p.label} to the 2024 majority") for p in previous]
            return out, None
        return previous, None

    def _r_votes(self, lc, seat, person, era):
        if seat is None:
            return [], None
        if role_has(lc.candidate, "combined"):
            rows = [seat.party_result(p) for p in lc.parties]
            if len(rows) < 2 or not all(rows):
                return [], f"The parties whose votes are combined are not all named or did not all stand in {seat.name}."
            total = sum(r.votes for r in rows)
            parts = " + ".join(f"{r.party} {r.votes:,}" for r in rows)
            return [Reading(total, DATASETS["2024"], f"{parts} = {total:,} in {seat.name}",
                            f"2024 combined vote of {', '.join(r.party for r in rows)} in {seat.name}")], None
        subject = self._subject(lc, seat, person)
        rank = role_has(lc.candidate, "rank")
        out = []
        if subject:
            out.append(Reading(subject.votes, DATASETS["2024"], f"{_cand(subject)} in {seat.name}",
                               f"2024 vote for {subject.name} ({subject.party})"))
        if rank and rank.isdigit() and int(rank) <= len(seat.candidates):
            c = seat.candidates[int(rank) - 1]
            if not subject or c.key != subject.key:
                out.append(Reading(c.votes, DATASETS["2024"], f"{_cand(c)}, placed {rank} in {seat.name}",
                                   f"2024 vote for the candidate placed {rank} in {seat.name}"))
        if era == "either":
            out += self._r_previous_votes(lc, seat, person, era)[0]
        if not out:
            return [], f"The sentence names no candidate or party in {seat.name} for this figure."
        return out, None

    def _r_previous_votes(self, lc, seat, person, era):
        out = []
        if person is not None:
            prev = person if person.key.startswith("2019:") else self.ref.previous_candidacy(person)
            if prev:
                out.append(Reading(prev.votes, DATASETS["2019"], f"{_cand(prev)} in {prev.seat} (2019)",
                                   f"actual 2019 vote for {prev.name} in {prev.seat}"))
        party = lc.party or (person.party if person else None)
        if seat is not None and party:
            notional = self.ref.notional_result(seat.ons_id)
            row = notional.party_result(party) if notional else None
            if row:
                out.append(Reading(row.votes, DATASETS["notional 2019"], f"{display_name(party)} {row.votes:,} in {seat.name}",
                                   f"notional 2019 {display_name(party)} vote in {seat.name}"))
        if party:
            for old in self._old_seats(lc, seat, person):
                row = old.party_result(party)
                if row and not any(r.value == row.votes for r in out):
                    out.append(Reading(row.votes, DATASETS["2019"], f"{_cand(row)} in {old.name} (2019)",
                                       f"actual 2019 {display_name(party)} vote in {old.name}"))
        return _dedupe(out), None

    def _r_vote_share(self, lc, seat, person, era):
        if seat is None:
            return [], None
        subject = self._subject(lc, seat, person)
        if not subject:
            return [], f"The sentence names no candidate or party in {seat.name} for this share."
        out = [Reading(subject.share, DATASETS["2024"],
                       f"{subject.name or display_name(subject.party)} ({subject.party}) {subject.votes:,} of "
                       f"{seat.valid_votes:,} valid votes in {seat.name} = {subject.share:.2f}%",
                       f"2024 vote share of {subject.name}")]
        if era == "either":
            out += self._r_previous_share(lc, seat, person, era)[0]
        return out, None

    def _r_previous_share(self, lc, seat, person, era):
        out = []
        party = lc.party or (person.party if person else None)
        if seat is not None and party:
            notional = self.ref.notional_result(seat.ons_id)
            row = notional.party_result(party) if notional else None
            if row:
                out.append(Reading(row.share, DATASETS["notional 2019"],
                                   f"{display_name(party)} {row.votes:,} of {notional.valid_votes:,} in {seat.name} "
                                   f"(notional 2019) = {row.share:.2f}%",
                                   f"notional 2019 {display_name(party)} share in {seat.name}"))
        if person is not None:
            prev = person if person.key.startswith("2019:") else self.ref.previous_candidacy(person)
            if prev:
                out.append(Reading(prev.share, DATASETS["2019"], f"{prev.name} in {prev.seat} (2019) = {prev.share:.2f}%",
                                   f"actual 2019 share of {prev.name} in {prev.seat}"))
        return _dedupe(out), None

    def _r_share_change(self, lc, seat, person, era):
        if seat is None:
            return [], None
        subject = self._subject(lc, seat, person)
        if not subject or subject.change is None:
            return [], f"No change in share is recorded for this candidate or party in {seat.name}."
        q = lc.candidate.quantity
        value = subject.change
        if not q.signed and value < 0 and q.value > 0:
            # "a drop of 12 points" states the size of a fall: compare magnitudes
            value = -value
        return [Reading(value, DATASETS["2024"],
                        f"{subject.name or subject.party} ({subject.party}) {subject.share:.2f}% in 2024, "
                        f"{subject.share - subject.change:.2f}% notional 2019: change {subject.change:+.2f} points",
                        f"2024 change in {subject.party} share against the notional 2019 result in {seat.name}")], None

    def _r_turnout(self, lc, seat, person, era):
        if seat is None:
            return [], None
        count = "count" in (lc.candidate.role or "")
        if era in ("previous",):
            notional = self.ref.notional_result(seat.ons_id)
            if not notional:
                return [], None
            if count:
                return [Reading(notional.valid_votes, DATASETS["notional 2019"],
                                f"{notional.valid_votes:,} valid votes (notional 2019)",
                                f"notional 2019 valid votes in {seat.name}")], \
                    ("unverifiable: the figure may be the old seat's actual 2019 count, and the actual 2019 table has no "
                     "rejected ballots to check it against")
            t = notional.turnout_valid()
            return [Reading(t, DATASETS["notional 2019"],
                            f"{notional.valid_votes:,} valid votes / {notional.electorate:,} electorate = {t:.2f}%",
                            f"notional 2019 turnout in {seat.name}")], \
                ("unverifiable: the figure may be the old seat's actual 2019 turnout, which the actual 2019 table "
                 "cannot give (it has no electorate)")
        ballots = seat.valid_votes + (seat.invalid_votes or 0)
        if count:
            return [Reading(seat.valid_votes, DATASETS["2024"], f"{seat.valid_votes:,} valid votes in {seat.name}",
                            f"2024 valid votes in {seat.name}"),
                    Reading(ballots, DATASETS["2024"],
                            f"{seat.valid_votes:,} valid + {seat.invalid_votes:,} rejected = {ballots:,} ballots in {seat.name}",
                            f"2024 ballots cast (valid and rejected) in {seat.name}")], None
        tv, tb = seat.turnout_valid(), seat.turnout_ballots()
        return [Reading(tv, DATASETS["2024"],
                        f"{seat.valid_votes:,} valid votes / {seat.electorate:,} electorate = {tv:.2f}%",
                        f"2024 turnout in {seat.name} (valid votes, the Commons Library definition)"),
                Reading(tb, DATASETS["2024"],
                        f"({seat.valid_votes:,} valid + {seat.invalid_votes:,} rejected) / {seat.electorate:,} = {tb:.2f}%",
                        f"2024 turnout in {seat.name} counting rejected ballots, as read out at the count")], None

    def _r_electorate(self, lc, seat, person, era):
        if seat is None:
            return [], None
        if era in ("previous", "either"):
            notional = self.ref.notional_result(seat.ons_id)
            return ([Reading(notional.electorate, DATASETS["notional 2019"], f"{notional.electorate:,} electors",
                             f"electorate used for the notional 2019 result in {seat.name}")] if notional else []), None
        return [Reading(seat.electorate, DATASETS["2024"], f"{seat.electorate:,} electors in {seat.name}",
                        f"2024 electorate in {seat.name}")], None


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _majority_detail(seat: SeatResult) -> str:
    parts = [_cand(seat.winner)]
    if seat.runner_up:
        parts.append(_cand(seat.runner_up))
    return f"{seat.majority:,} ({'; '.join(parts)})"


def _claimed_value(q: Quantity) -> float:
    if q.unit == "count":
        return float(int(round(q.value))) if abs(q.value - round(q.value)) < 1e-9 else q.value
    return round(q.value, 2)


def _round(value: float, unit: str) -> float:
    return float(int(round(value))) if unit == "count" else round(value, 2)
