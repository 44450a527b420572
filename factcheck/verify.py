"""A linked claim against the reference API -> a verdict an editor can trust.

The rule everywhere: a figure is inaccurate only when every reading the text
allows has been checked and none fits; when the tables cannot tell (an
unknown person, two people with one name, an election the data do not hold)
the verdict is unverifiable and the explanation says why. Previous-election
figures are tried against the adapter's previous result on these boundaries
(notional where they changed) and the actual previous result of the
predecessor seat; turnout against both the valid-vote and the ballots-cast
readings. Datasets and the way explanations name each result come from the
adapter (`ref.datasets`, `ref.labels`), so any election's adapter will do; a
figure the tables do not hold (`None`) is never a reading.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .extract import role_has
from .read.figures import admits
from .models import Claim, Claimed, ConstituencyRef, LinkedClaim, Official, Quantity
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


def _num(value: Optional[int]) -> str:
    return "not held" if value is None else f"{value:,}"


def _cand(c: Candidate) -> str:
    return f"{c.name}, {c.party}, {_num(c.votes)}" if c.first_name else f"{c.party_name}, {_num(c.votes)}"


def _seat_ref(seat: Optional[SeatResult]) -> Optional[ConstituencyRef]:
    return ConstituencyRef(ons_id=seat.ons_id, name=seat.name) if seat else None


class Verifier(WideReadings):
    """Answers for every kind of claim, from one reference adapter."""

    def __init__(self, ref):
        self.ref = ref
        self.D = ref.datasets  # role -> citation
        self.L = ref.labels  # role -> how an explanation names that result ("2024", "notional 2019")
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
            held = sorted({self.L["current"], self.L["previous"], self.L["previous_actual"]}, reverse=True)
            return Claim(**base, verdict="unverifiable", official=None, correction=None, confidence=0.8,
                         explanation=("The figure is about an election the reference data do not hold "
                                      f"(only the {' and the '.join(held)} results)."))
        if lc.ambiguous and not seat:
            names = "; ".join(lc.ambiguous)
            return Claim(**base, verdict="unverifiable", official=None, correction=None, confidence=0.5,
                         explanation=f"The name fits more than one candidate ({names}) and the text does not say which.")
        if seat is None and not lc.old_seats and cc.scope is None:
            return Claim(**base, verdict="unverifiable", official=None, correction=None, confidence=0.4,
                         explanation=lc.link_note or "The text does not make clear which constituency the figure is about.")
        readings, note = self._readings(lc, seat, person, era)
        unheld = [r for r in readings if r.value is None]
        readings = [r for r in readings if r.value is not None]
        if not readings and unheld:
            r = unheld[0]
            return Claim(**base, verdict="unverifiable", official=None, correction=None, confidence=0.6,
                         explanation=(f"The {r.label} is not in the reference data ({r.dataset} hold no such "
                                      "figure), so the claim cannot be checked."))
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
        if person and self.ref.is_current(person.key) and person.ons_id == seat.ons_id:
            return person
        if lc.party:
            rows = [c for c in seat.candidates if c.party == lc.party]
            # several independents in one seat: "an independent" does not say which
            return rows[0] if len(rows) == 1 else None
        return None

    def _r_majority(self, lc, seat, person, era):
        if seat is None:
            return [], None
        out = [Reading(seat.majority, self.D["current"], _majority_detail(seat), f"{self.L['current']} majority in {seat.name}")]
        subject = self._subject(lc, seat, person)
        other = self.ref.candidate(lc.other_person) if lc.other_person else None
        if subject and subject.rank > 1:
            opponent = other if other and other.ons_id == seat.ons_id and other.key != subject.key else seat.winner
            if opponent.key != subject.key:
                gap = abs(opponent.votes - subject.votes)
                if gap != seat.majority:
                    out.append(Reading(gap, self.D["current"],
                                       f"{_cand(opponent)}; {_cand(subject)}: a gap of {gap:,}",
                                       f"{self.L['current']} gap between {opponent.name} and {subject.name}"))
        if era in ("either",):
            out += self._previous_majorities(lc, seat, person)
        return out, None

    def _previous_majorities(self, lc, seat, person) -> list[Reading]:
        out = []
        if seat is not None:
            notional = self.ref.previous_result(seat.ons_id)
            if notional:
                out.append(Reading(notional.majority, self.D["previous"], _majority_detail(notional),
                                   f"{self.L['previous']} majority in {seat.name}"))
        for old in self._old_seats(lc, seat, person):
            where = " (old boundaries)" if self.ref.boundaries_changed else ""
            out.append(Reading(old.majority, self.D["previous_actual"], _majority_detail(old),
                               f"{self.L['previous_actual']} majority in {old.name}{where}"))
        return _dedupe(out)

    def _old_seats(self, lc, seat, person) -> list[SeatResult]:
        found: dict[str, SeatResult] = {}
        for ons in lc.old_seats:
            s = self.ref.previous_actual.get(ons)
            if s:
                found[ons] = s
        if person is not None:
            if self.ref.is_previous_actual(person.key):
                s = self.ref.previous_actual.get(person.ons_id)
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
            out = [Reading(None if p.value is None else p.value - seat.majority, p.dataset,
                           f"{p.detail}; {self.L['current']} majority {seat.majority:,}"
                           + ("" if p.value is None else f": a change of {p.value - seat.majority:,}"),
                           f"fall from the {p.label} to the {self.L['current']} majority") for p in previous]
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
            return [Reading(total, self.D["current"], f"{parts} = {total:,} in {seat.name}",
                            f"{self.L['current']} combined vote of {', '.join(r.party for r in rows)} in {seat.name}")], None
        subject = self._subject(lc, seat, person)
        rank = role_has(lc.candidate, "rank")
        out = []
        if subject:
            out.append(Reading(subject.votes, self.D["current"], f"{_cand(subject)} in {seat.name}",
                               f"{self.L['current']} vote for {subject.name} ({subject.party})"))
        if rank and rank.isdigit() and int(rank) <= len(seat.candidates):
            c = seat.candidates[int(rank) - 1]
            if not subject or c.key != subject.key:
                out.append(Reading(c.votes, self.D["current"], f"{_cand(c)}, placed {rank} in {seat.name}",
                                   f"{self.L['current']} vote for the candidate placed {rank} in {seat.name}"))
        if era == "either":
            out += self._r_previous_votes(lc, seat, person, era)[0]
        if not out:
            return [], f"The sentence names no candidate or party in {seat.name} for this figure."
        return out, None

    def _r_previous_votes(self, lc, seat, person, era):
        out = []
        if person is not None:
            prev = person if self.ref.is_previous_actual(person.key) else self.ref.previous_candidacy(person)
            if prev:
                out.append(Reading(prev.votes, self.D["previous_actual"],
                                   f"{_cand(prev)} in {prev.seat} ({self.ref.previous_key})",
                                   f"{self.L['previous_actual']} vote for {prev.name or display_name(prev.party)} "
                                   f"in {prev.seat}"))
        party = lc.party or (person.party if person else None)
        if seat is not None and party:
            notional = self.ref.previous_result(seat.ons_id)
            row = notional.party_result(party) if notional else None
            if row:
                out.append(Reading(row.votes, self.D["previous"], f"{display_name(party)} {_num(row.votes)} in {seat.name}",
                                   f"{self.L['previous']} {display_name(party)} vote in {seat.name}"))
        if party:
            for old in self._old_seats(lc, seat, person):
                row = old.party_result(party)
                if row and not any(r.value == row.votes for r in out):
                    out.append(Reading(row.votes, self.D["previous_actual"],
                                       f"{_cand(row)} in {old.name} ({self.ref.previous_key})",
                                       f"{self.L['previous_actual']} {display_name(party)} vote in {old.name}"))
        return _dedupe(out), None

    def _r_vote_share(self, lc, seat, person, era):
        if seat is None:
            return [], None
        subject = self._subject(lc, seat, person)
        if not subject:
            return [], f"The sentence names no candidate or party in {seat.name} for this share."
        out = [Reading(subject.share, self.D["current"],
                       f"{subject.name or display_name(subject.party)} ({subject.party}) {subject.votes:,} of "
                       f"{seat.valid_votes:,} valid votes in {seat.name} = {subject.share:.2f}%",
                       f"{self.L['current']} vote share of {subject.name}")]
        if era == "either":
            out += self._r_previous_share(lc, seat, person, era)[0]
        return out, None

    def _r_previous_share(self, lc, seat, person, era):
        out = []
        party = lc.party or (person.party if person else None)
        if seat is not None and party:
            notional = self.ref.previous_result(seat.ons_id)
            row = notional.party_result(party) if notional else None
            if row and row.share is not None:
                counts = f"{row.votes:,} of {notional.valid_votes:,} " if row.votes is not None else ""
                out.append(Reading(row.share, self.D["previous"],
                                   f"{display_name(party)} {counts}in {seat.name} "
                                   f"({self.L['previous']}) = {row.share:.2f}%",
                                   f"{self.L['previous']} {display_name(party)} share in {seat.name}"))
        if person is not None:
            prev = person if self.ref.is_previous_actual(person.key) else self.ref.previous_candidacy(person)
            if prev and prev.share is not None:
                who = prev.name or display_name(prev.party)
                out.append(Reading(prev.share, self.D["previous_actual"],
                                   f"{who} in {prev.seat} ({self.ref.previous_key}) = {prev.share:.2f}%",
                                   f"{self.L['previous_actual']} share of {who} in {prev.seat}"))
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
        return [Reading(value, self.D["current"],
                        f"{subject.name or subject.party} ({subject.party}) {subject.share:.2f}% in {self.ref.key}, "
                        f"{subject.share - subject.change:.2f}% {self.L['previous']}: change {subject.change:+.2f} points",
                        f"{self.L['current']} change in {subject.party} share against the {self.L['previous']} result "
                        f"in {seat.name}")], None

    def _r_turnout(self, lc, seat, person, era):
        if seat is None:
            return [], None
        count = "count" in (lc.candidate.role or "")
        cur, prev = self.L["current"], self.L["previous"]
        if era in ("previous",):
            notional = self.ref.previous_result(seat.ons_id)
            if not notional:
                return [], None
            if notional.valid_votes is None:
                what = "valid votes" if count else "turnout"
                return [Reading(None, self.D["previous"], "", f"{prev} {what} in {seat.name}")], None
            if count:
                return [Reading(notional.valid_votes, self.D["previous"],
                                f"{notional.valid_votes:,} valid votes ({prev})",
                                f"{prev} valid votes in {seat.name}")], \
                    (f"unverifiable: the figure may be the old seat's {self.L['previous_actual']} count, which this "
                     "check does not read")
            t = notional.turnout_valid()
            return [Reading(t, self.D["previous"],
                            f"{notional.valid_votes:,} valid votes / {notional.electorate:,} electorate = {t:.2f}%",
                            f"{prev} turnout in {seat.name}")], \
                (f"unverifiable: the figure may be the old seat's {self.L['previous_actual']} turnout, which this "
                 "check does not read")
        ballots = seat.valid_votes + (seat.invalid_votes or 0)
        if count:
            return [Reading(seat.valid_votes, self.D["current"], f"{seat.valid_votes:,} valid votes in {seat.name}",
                            f"{cur} valid votes in {seat.name}"),
                    Reading(ballots, self.D["current"],
                            f"{seat.valid_votes:,} valid + {seat.invalid_votes:,} rejected = {ballots:,} ballots in {seat.name}",
                            f"{cur} ballots cast (valid and rejected) in {seat.name}")], None
        tv, tb = seat.turnout_valid(), seat.turnout_ballots()
        return [Reading(tv, self.D["current"],
                        f"{seat.valid_votes:,} valid votes / {seat.electorate:,} electorate = {tv:.2f}%",
                        f"{cur} turnout in {seat.name} (valid votes, the Commons Library definition)"),
                Reading(tb, self.D["current"],
                        f"({seat.valid_votes:,} valid + {seat.invalid_votes:,} rejected) / {seat.electorate:,} = {tb:.2f}%",
                        f"{cur} turnout in {seat.name} counting rejected ballots, as read out at the count")], None

    def _r_electorate(self, lc, seat, person, era):
        if seat is None:
            return [], None
        if era in ("previous", "either"):
            notional = self.ref.previous_result(seat.ons_id)
            return ([Reading(notional.electorate, self.D["previous"], f"{_num(notional.electorate)} electors",
                             f"electorate used for the {self.L['previous']} result in {seat.name}")]
                    if notional else []), None
        return [Reading(seat.electorate, self.D["current"], f"{seat.electorate:,} electors in {seat.name}",
                        f"{self.L['current']} electorate in {seat.name}")], None


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _majority_detail(seat: SeatResult) -> str:
    parts = [_cand(seat.winner)]
    if seat.runner_up:
        parts.append(_cand(seat.runner_up))
    return f"{_num(seat.majority)} ({'; '.join(parts)})"


def _claimed_value(q: Quantity) -> float:
    if q.unit == "count":
        return float(int(round(q.value))) if abs(q.value - round(q.value)) < 1e-9 else q.value
    return round(q.value, 2)


def _round(value: float, unit: str) -> float:
    return float(int(round(value))) if unit == "count" else round(value, 2)
