"""A figure's readings against the tables -> a verdict an editor can trust.

The rule, after AggChecker's: most figures in a published article are
right, so a figure that fits a reading the text plausibly supports is
accurate, and the explanation says which reading it fits. A figure is
inaccurate only when the text pins one reading down (its kind, its subject
and its election each clearly the likeliest, the subject named in the
sentence, not reached through context) and that reading does not fit; the
correction comes from it. Everything else is unverifiable, and the
explanation names the readings that were tried.

Each verdict's confidence is a raw score from what was weighed, looked up
in a table fitted on labelled articles (confidence.py), so that it reads as
the share of such claims that are right.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..models import Claim, Claimed, ConstituencyRef, Figure, Quantity, Reading
from ..read.figures import admits
from ..readings.cues import VOCAB, read_table
from ..readings.subjects import POSITIONS
from .confidence import Calibration, accurate_score, inaccurate_score, kind_share, unverifiable_score
from .evidence import Answer, Evidence, EvidenceFinder
from .field import SEAT_LEVELS, SeatField, lone_seat

MAX_READINGS = 40  # the likeliest readings are asked of the tables; the rest are too faint to matter


@lru_cache(maxsize=1)
def thresholds() -> dict[str, float]:
    """The verdict's dials, kept as data (vocab/verdict.tsv) so a calibration run can set them."""
    return {r["name"].strip(): float(r["value"]) for r in read_table(VOCAB / "verdict.tsv")}


@lru_cache(maxsize=1)
def direction_words() -> dict[str, int]:
    """Each word that says which way a change went, -1 a fall, +1 a rise (vocab/directions.tsv)."""
    out = {}
    for r in read_table(VOCAB / "directions.tsv"):
        way = r["direction"].strip()
        if way not in ("fall", "rise"):
            raise ValueError(f"directions.tsv: unknown direction {way!r} for {r['word']!r}")
        out[r["word"].strip().lower()] = -1 if way == "fall" else 1
    return out


_WORD = re.compile(r"\w+")
_SIGN_BEFORE = {"-": -1, "−": -1, "–": -1, "+": 1}


def direction(sentence: str, q: Quantity) -> int:
    """-1 when the words say the change is a fall, +1 a rise, 0 when they do not say: the nearest word or sign
    before the figure that says which way decides (a sign right before it, "-5", is the nearest)."""
    if q.signed:
        return -1 if q.value < 0 else 1
    before = sentence[max(0, q.start - 45):q.start]
    sign = _SIGN_BEFORE.get(before.rstrip()[-1:])
    if sign is not None:
        return sign
    words = direction_words()
    for m in reversed(list(_WORD.finditer(before))):
        way = words.get(m.group().lower())
        if way is not None:
            return way
    return 0


ROUND_HEDGE = {"more_than": 1, "at_least": 1, "less_than": -1, "nearly": -1, "at_most": -1}


def fits(q: Quantity, e: Evidence, sign: int) -> bool:
    """Does the official value fall in the interval the wording allows (a change: in the direction it gives)?

    A hedge on a round figure speaks loosely: "more than 40 per cent" is
    true of 43.6, so a round hedged figure also admits values up to a tenth
    beyond it, on the side the hedge points to.
    """
    value = e.value
    if e.signed:
        if sign == 0:
            value = abs(value)
        elif q.value >= 0:
            value = value * sign  # "down 5 points" against -5.0 is a match; against +5.0 is not
    if q.unit in ("percent", "points", "fraction") and q.value >= 0 and not e.signed:
        value = abs(value)
    if admits(q, value):
        return True
    side = ROUND_HEDGE.get(q.qualifier)
    if side and q.value and _round_figure(q.text, q.unit):
        lo, hi = sorted((q.value, q.value * (1 + 0.1 * side)))
        if lo <= value <= hi and value != q.value:
            return True
    return any(abs(alt - value) <= max(1e-9, 1e-9 * abs(value)) for alt in getattr(q, "alternatives", []) or [])


def _round_figure(text: str, unit: str) -> bool:
    """"35,000", "40 per cent": written to the nearest thousand, or the nearest five or ten per cent."""
    if "." in re.sub(r"[^\d.]", "", text):
        return False
    digits = re.sub(r"\D", "", text)
    if not digits or set(digits) == {"0"}:
        return False
    if unit == "count":
        return len(digits) - len(digits.rstrip("0")) >= 2
    return digits[-1] in "05"


def plausible_magnitude(q: Quantity, e: Evidence) -> bool:
    """A writer does not put 17,838 for 9.7 million: a reading whose value is of another order of
    magnitude from the figure is not what the text meant, whatever else the words suggest."""
    a, b = abs(q.value), abs(e.value)
    if q.unit == "count":
        if a < 10 and b < 10:
            return True
        return max(a, b) <= 15 * max(1.0, min(a, b))
    if q.unit in ("percent", "fraction") and not e.signed:
        return a < 1.5 or b < 1.5 or max(a, b) <= 6 * min(a, b)
    return True


#: Kinds the tables give under two definitions (over valid votes, over all ballots with the rejected ones).
DEFINED_TWICE = {"ballots", "turnout"}


@dataclass
class Weighed:
    reading: Reading
    answer: Answer
    fit: Optional[Evidence] = None
    sane: bool = True  # some value is of the figure's order of magnitude


@dataclass
class Judgement:
    """What the judge made of one figure, kept so the article pass can revisit it."""

    figure: Figure
    weighed: list[Weighed]
    claim: Optional[Claim]
    fit: Optional[Weighed] = None
    notes: list[str] = field(default_factory=list)


PUBLIC_KIND = {
    ("votes", "seat"): "votes", ("majority", "seat"): "majority", ("share", "seat"): "vote_share",
    ("change", "seat"): "share_change", ("turnout", "seat"): "turnout", ("ballots", "seat"): "turnout",
    ("electorate", "seat"): "electorate", ("votes_change", "seat"): "votes_change",
    ("candidates", "seat"): "candidates", ("votes", "wide"): "national_votes", ("share", "wide"): "national_share",
    ("change", "wide"): "share_change", ("turnout", "wide"): "turnout", ("ballots", "wide"): "turnout",
    ("electorate", "wide"): "electorate", ("seats", "wide"): "seats", ("seat_gain", "wide"): "seats",
    ("seat_loss", "wide"): "seats", ("seat_net", "wide"): "seats", ("seat_count", "wide"): "aggregate",
    ("candidates", "wide"): "aggregate", ("seat_share", "wide"): "seats", ("majority", "wide"): "seats",
    ("votes_change", "wide"): "national_votes",
}
SEAT_TALLIES = {"seats", "seat_gain", "seat_loss", "seat_net", "seat_count"}
PREVIOUS_KIND = {"votes": "previous_votes", "majority": "previous_majority", "vote_share": "previous_share"}


def public_kind(r: Reading) -> str:
    scope = "seat" if r.subject.level in ("candidate", "party", "seat") else "wide"
    kind = PUBLIC_KIND.get((r.kind, scope), r.kind)
    if r.subject.level == "group" and kind in ("national_share", "share_change", "national_votes"):
        kind = "aggregate"
    if r.era == "previous":
        kind = PREVIOUS_KIND.get(kind, kind)
    return kind


def fmt(value: Optional[float], unit: str, signed: bool = False) -> str:
    if value is None:
        return "—"
    if unit in ("percent", "fraction"):
        return f"{value:.1f}%"
    if unit == "points":
        return f"{value:+.1f} points" if signed else f"{abs(value):.1f} points"
    if abs(value - round(value)) < 1e-9:
        return f"{int(round(value)):,}"
    return f"{value:,.1f}"


def _official_value(value: float, unit: str) -> float:
    return float(int(round(value))) if unit == "count" else round(value, 2)


def _claimed_value(q: Quantity) -> float:
    if q.unit == "count":
        return float(int(round(q.value))) if abs(q.value - round(q.value)) < 1e-9 else q.value
    return round(q.value, 2)


class Judge:
    """Weighs each figure's readings against one reference adapter."""

    def __init__(self, ref, places=None, calibration: Optional[Calibration] = None):
        self.ref = ref
        self.finder = EvidenceFinder(ref, places)
        self.field = SeatField(self.finder)
        # raw score -> the share of such claims found right on labelled articles (judge/confidence.py)
        self.calibration = calibration if calibration is not None else Calibration.load()
        self.raw_scores: Optional[list] = None  # set to a list to keep (claim, raw score) (benchmarks/calibrate.py)

    def weigh(self, fig: Figure) -> list[Weighed]:
        q = fig.quantity
        sign = direction(fig.sentence, q)
        out = []
        for r in fig.readings[:MAX_READINGS]:
            a = self.finder.answer(r, q)
            w = Weighed(r, a)
            w.fit = next((e for e in a.values if fits(q, e, sign)), None)
            # an order of magnitude off rules a reading out, unless the words leave no doubt that it is the one meant
            certain = fig.kinds.get(r.kind, 0.0) >= 0.9 and r.shares.get("subject", 0.0) >= 0.6
            w.sane = certain or any(plausible_magnitude(q, e) for e in a.values)
            if r.kind in SEAT_TALLIES and self._beyond_seats(q):
                w.sane = False  # more than there are seats is no tally of seats
            out.append(w)
        return out

    def judge(self, fig: Figure, claim_id: str, article_notes: Optional[dict] = None,
              weighed: Optional[list[Weighed]] = None) -> Judgement:
        """The figure's verdict; `weighed` (from an earlier call on the same figure) saves asking the tables
        again when the article pass judges it a second time."""
        t = thresholds()
        weighed = self.weigh(fig) if weighed is None else weighed
        if fig.not_claim >= t["not_claim"] or fig.bare:
            return Judgement(fig, weighed, None)
        if fig.eras.get("forecast", 0.0) >= t["forecast"]:
            return Judgement(fig, weighed, None)  # a poll, a projection or a target is not a result
        art = article_notes or {}
        answered = [w for w in weighed if w.answer.values]
        fitting = [w for w in answered if w.fit is not None]
        # a reading's weight counts together with the others that mean the same figure (the seat's majority
        # reached through the seat, its winner and the winner's party)
        mass: dict[tuple, float] = {}
        for w in weighed:
            k = (w.reading.kind, subject_id(w.reading), w.reading.era)
            mass[k] = mass.get(k, 0.0) + w.reading.weight
        group = lambda w: mass[(w.reading.kind, subject_id(w.reading), w.reading.era)]
        sane = [w for w in answered if w.sane]
        top_weight = max((group(w) for w in (sane or answered)), default=0.0)
        plausible = max(t["plausible_floor"], t["plausible_share"] * top_weight)
        good = [w for w in fitting if group(w) >= plausible and not w.reading.subject.ambiguous]
        total = sum(r.weight for r in fig.readings)
        unsure = unverifiable_score(fig.eras)
        if not good and any(w.reading.subject.ambiguous for w in fitting):
            return Judgement(fig, weighed, self._scored(self._ambiguous(fig, fitting, claim_id), unsure))
        if good:
            prefer = art.get("baseline")
            best = max(good, key=lambda w: (group(w), w.fit.baseline == prefer))
            best = self._on_baseline(fig, best, prefer)
            claim = self._accurate(fig, best, answered, claim_id)
            raw = accurate_score(total, sum(w.reading.weight for w in good))
            return Judgement(fig, weighed, self._scored(claim, raw), fit=best)
        if not fig.readings:
            kinds = {k: v for k, v in fig.kinds.items() if k != "none"}
            if kinds and max(kinds.values()) >= t["unplaced_claim"]:
                return Judgement(fig, weighed, self._scored(self._unplaced(fig, claim_id), unsure))
            return Judgement(fig, weighed, None)
        if fig.eras.get("other", 0.0) >= t["other"]:
            return Judgement(fig, weighed, self._scored(self._other_election(fig, claim_id), unsure))
        if not answered:
            return Judgement(fig, weighed, self._scored(self._unanswerable(fig, weighed, claim_id), unsure))
        top = next((w for w in answered if w.sane), answered[0])
        named = baseline_named(fig)
        if named:
            # "a notional majority of N" read as this election's or the previous one's alike: the previous
            # result the words name is the one to correct it from
            top = next((w for w in answered if w.sane and w.reading.weight >= 0.8 * top.reading.weight
                        and any(e.baseline == named for e in w.answer.values)), top)
        why_not, how = self._doubt(fig, top, answered, art)
        if why_not is None:
            ruled_out = sum(w.reading.weight for w in answered if not w.sane)
            failed = sum(w.reading.weight for w in answered if w.fit is None and w.sane and not w.reading.subject.weak)
            raw = inaccurate_score(total, ruled_out, failed, kind_share(fig.kinds))
            claim = self._inaccurate(fig, top, fitting, claim_id, art, how)
            return Judgement(fig, weighed, self._scored(claim, raw))
        claim = self._unverifiable(fig, weighed, answered, fitting, why_not, claim_id)
        return Judgement(fig, weighed, self._scored(claim, unsure))

    def _scored(self, claim: Claim, raw: float) -> Claim:
        """The claim with its confidence: the raw score looked up in the calibration table."""
        claim.confidence = self.calibration.confidence(claim.verdict, raw)
        if self.raw_scores is not None:
            self.raw_scores.append((claim, raw))
        return claim

    def _on_baseline(self, fig: Figure, best: Weighed, prefer: Optional[str]) -> Weighed:
        """When both previous results fit, the one the article uses names the match."""
        if not prefer or best.fit is None or best.fit.baseline in (None, prefer):
            return best
        sign = direction(fig.sentence, fig.quantity)
        e = next((x for x in best.answer.values if x.baseline == prefer and fits(fig.quantity, x, sign)), None)
        return best if e is None else Weighed(best.reading, best.answer, e, best.sane)

    def baseline_matched(self, j: Judgement) -> Optional[str]:
        """The previous result ("previous" or "previous_actual") a figure matched when the other was tried and
        did not match: what tells which baseline an article uses."""
        if j.fit is None or j.claim is None or j.claim.verdict != "accurate":
            return None
        q = j.figure.quantity
        sign = direction(j.figure.sentence, q)
        values = [e for e in j.fit.answer.values if e.baseline]
        matched = {e.baseline for e in values if fits(q, e, sign)}
        tried = {e.baseline for e in values}
        if len(matched) == 1 and len(tried) > 1:
            return next(iter(matched))
        return None

    # ------------------------------------------------------------ deciding
    def pins(self, fig: Figure) -> "Pins":
        """The dimensions the words settle: a fitting reading must agree with each of them.

        Shares are taken over the readings the figure actually has, so a kind
        or a scope with no subject to attach to does not count.
        """
        t = thresholds()
        readings = fig.readings
        total = sum(r.weight for r in readings)
        if not total:
            return Pins(None, None, None, {})

        def settled(key, floor: float, pool=None):
            mass: dict = {}
            z = 0.0
            for r in pool if pool is not None else readings:
                k = key(r)
                mass[k] = mass.get(k, 0.0) + r.weight
                z += r.weight
            if not mass or not z:
                return None
            k, v = max(mass.items(), key=lambda kv: kv[1])
            return k if v / z >= floor else None

        # the kind is what the words say, whether or not the sentence names a subject it can attach to
        cue_kinds = {k: v for k, v in fig.kinds.items() if k != "none"}
        z = sum(cue_kinds.values())
        kind = None
        if cue_kinds and z:
            k, v = max(cue_kinds.items(), key=lambda kv: kv[1])
            kind = k if v / z >= t["pin_kind"] else None
        era = settled(lambda r: r.era, t["pin_era"])
        scope = settled(_scope, t["pin_scope"])
        # whose figure it is, settled separately for each kind it may be: "a majority" belongs to the seat,
        # "votes" to the candidate named before them
        subjects: dict[str, tuple] = {}
        by_kind: dict[str, dict] = {}
        for r in readings:
            if scope is not None and _scope(r) != scope:
                continue
            share = by_kind.setdefault(r.kind, {})
            sid = subject_id(r)
            share[sid] = max(share.get(sid, 0.0), r.shares.get("subject", 0.0))
        for k, share in by_kind.items():
            sid, v = max(share.items(), key=lambda kv: kv[1])
            if v >= t["pin_subject"]:
                weak = any(r.subject.weak for r in readings if r.kind == k and subject_id(r) == sid)
                subjects[k] = (sid, weak)
        return Pins(kind, era, scope, subjects)

    def _doubt(self, fig: Figure, top: Weighed, answered: list[Weighed], art: dict) -> tuple[Optional[str], object]:
        """Why the figure cannot be called wrong (None when it can), and what beyond its likeliest readings
        was asked to get there: "field" (everyone in its seat) or ("areas", the readings over each area).

        It can when the readings the tables checked and found wrong carry
        most of the weight the text gives the figure: what is left (readings
        the tables cannot answer, a subject reached only through context, a
        subject the sentence does not name, a kind no cue supports) is too
        little to hide a right reading. When the sentence names the seat but
        not whose figure it is, every candidate there is asked (field.py):
        if none has it, the weight left for someone unnamed was checked too.
        """
        r = top.reading
        # "Reform won four seats" in an article about one city: the city's count and the country's, each
        # failed, are one claim wrong wherever it is counted (the country alone, a local article's guess,
        # could never condemn it)
        areas = self._areas_failed(r, answered) if _scope(r) == "wide" else []
        why = self._doubt_words(fig, top, art, checked_everywhere=any(w is top for w in areas))
        if why is not None:
            return why, None
        t = thresholds()
        checked = None  # the unnamed weight, once the seat's whole field is known not to hold the figure

        def field() -> float:
            nonlocal checked
            if checked is None:
                checked = 0.0
                seat = lone_seat(fig) if fig.unnamed else None
                if seat is not None and _scope(r) == "seat" and not fig.quantity.alternatives:
                    if not self.field.holds(seat, fig, direction(fig.sentence, fig.quantity)):
                        checked = sum(fig.unnamed.values())
            return checked

        # readings ruled out by their order of magnitude no longer compete: what they held is shared out
        ruled_out = sum(w.reading.weight for w in answered if not w.sane)
        # and so do kinds the figure cannot be, for the part of their weight no reading carried
        ruled_out += max(0.0, self.impossible_kinds(fig, r.kind) - sum(
            w.reading.weight for w in answered if not w.sane and w.reading.kind in SEAT_TALLIES))
        left = max(1e-9, 1.0 - ruled_out)
        if r.weight / left < t["pin_top"]:
            if areas:
                mass = sum(w.reading.weight for w in areas)
            else:
                mass = sum(w.reading.weight for w in answered if w.reading.kind == r.kind and _scope(w.reading) == "seat")
                mass = mass + fig.unnamed.get(r.kind, 0.0) if field() else 0.0
            if mass / left < t["pin_top"]:
                return "no single reading stands out", None
        # a subject reached only through context counts when the sentence also reaches it directly (a seat's
        # turnout through its winner and through its name is one reading)
        direct = {subject_id(w.reading) for w in answered if not w.reading.subject.weak}
        failed = sum(w.reading.weight for w in answered if w.fit is None and w.sane
                     and (not w.reading.subject.weak or subject_id(w.reading) in direct
                          or any(w is x for x in areas)))
        if failed / left < t["pin_mass"]:
            failed += field()
        if failed / left < t["pin_mass"]:
            if max(fig.kinds.items(), key=lambda kv: kv[1])[1] < t["pin_kind"]:
                return "the text does not make clear what kind of figure it is", None
            return "the text does not pin down whose figure it is or which election it is about", None
        if checked:
            return None, "field"
        return None, ("areas", areas) if any(w.reading.subject.weak for w in areas) else None

    def _doubt_words(self, fig: Figure, top: Weighed, art: dict, checked_everywhere: bool = False) -> Optional[str]:
        """Doubts the words or the tables raise whatever the readings weigh (`checked_everywhere`: the likeliest
        reading is doubted only as a local article's guess, and every area it may count was asked)."""
        t = thresholds()
        r = top.reading
        if r.subject.weak and not checked_everywhere:
            return "the figure is tied to its subject only through the article's context"
        if _named_only_later(r):
            # "... increasing their share to 11.5 per cent, and Jo Swinson lost her seat": a name in a later clause
            # may be the subject of that clause alone
            return "its subject is named only in a later clause, which may be about something else"
        if top.answer.caveat:
            return top.answer.caveat
        if fig.not_claim >= t["not_claim_doubt"]:
            return "the words around it suggest it may not be an election result"
        if "running" in r.roles and not _past_the_final(fig, top):
            # "At 3am, Labour had 300 seats": true at 3am, whatever the final count. An article that only shows
            # somewhere that results were still coming in is held to the final figures, and its corrections say so
            return "the article was written while results were still coming in, and the figure may be a running count"
        if art.get("running") and fig.eras.get("forecast", 0.0) >= t["forecast_doubt"]:
            # an election-night article mixes counts and projections: a hint of one is enough
            return "the words suggest it may be a projection rather than a result"
        if fig.eras.get("other", 0.0) >= t["other_doubt"]:
            return "the sentence also speaks of an election the reference data do not hold"
        if fig.quantity.alternatives:
            alts = ", ".join(f"{a:g}" for a in [fig.quantity.value, *fig.quantity.alternatives])
            return f"the figure can be read as more than one number ({alts}), and the text does not say which"
        if not top.sane:
            return "the likeliest reading gives a figure of another order of magnitude, so the text may mean something else"
        return None

    @staticmethod
    def _areas_failed(r: Reading, answered: list[Weighed]) -> list[Weighed]:
        """The same party's figure of this kind over every area the figure may count (a place the sentence or
        the article names, the nation, the UK), when every one was asked and none fits: the readings doubted
        only because a local article may count a local area (`local_words`) then count as checked. Empty
        unless a place of the article or the sentence is among them, not reached only through context."""
        family = [w for w in answered if _scope(w.reading) == "wide" and w.reading.kind == r.kind
                  and w.reading.era == r.era and w.reading.subject.party == r.subject.party
                  and w.reading.subject.party is not None]
        # a reading ruled out by its order of magnitude (the country's millions beside a region's thousands) no
        # longer competes: it neither fits nor stands in the way
        family = [w for w in family if w.sane]
        if not family or any(w.fit is not None for w in family):
            return []
        if not any(w.reading.subject.level == "place" and not w.reading.subject.weak for w in family):
            return []
        return [w for w in family if not w.reading.subject.weak or "local_words" in w.reading.cues]

    def _beyond_seats(self, q: Quantity) -> bool:
        return q.unit == "count" and q.value > len(self.ref.seats)

    def impossible_kinds(self, fig: Figure, kind: str) -> float:
        """The weight the words give kinds the figure cannot be: a count larger than the number of seats is
        no tally of seats, whatever "won" or "took" suggests, so that share of doubt goes. Only when the
        words themselves speak for the kind of the reading left ("got 2,562" for votes): a kind held up by
        the priors alone ("thanked the 78,245 people of Clacton") keeps all its doubt."""
        if not self._beyond_seats(fig.quantity) or kind not in fig.supported:
            return 0.0
        return sum(p for k, p in fig.kinds.items() if k in SEAT_TALLIES)

    @staticmethod
    def _worth_reporting(fig: Figure) -> bool:
        """A number with no election reading at all is not a claim."""
        return bool(fig.readings)

    # ------------------------------------------------------------ claims
    def _base(self, fig: Figure, r: Optional[Reading], claim_id: str) -> dict:
        q = fig.quantity
        seat = self.ref.seat(r.subject.ons_id) if r and r.subject.ons_id and r.subject.level in (
            "candidate", "party", "seat") else None
        subject = None
        if r is not None:
            s = r.subject
            if s.person:
                c = self.ref.candidate(s.person)
                subject = c.name if c else None
            elif s.party:
                from ..reference.parties import display_name
                subject = display_name(s.party)
        return dict(id=claim_id, kind=public_kind(r) if r else "votes", sentence=fig.sentence, quote=fig.quote,
                    claimed=Claimed(value=_claimed_value(q), qualifier=q.qualifier),
                    constituency=ConstituencyRef(ons_id=seat.ons_id, name=seat.name) if seat else None,
                    subject=subject)

    def _accurate(self, fig: Figure, best: Weighed, answered: list[Weighed], claim_id: str) -> Claim:
        from ..models import Official
        q, e, r = fig.quantity, best.fit, best.reading
        top = answered[0]
        how = f"Matches the {e.label}: {e.detail}."
        if top is not best and (top.reading.kind != r.kind or subject_id(top.reading) != subject_id(r)):
            other = top.answer.values[0]
            how = (f"Read as the {e.label}, it matches: {e.detail} (read as the {other.label} it would not: "
                   f"{fmt(other.value, q.unit, other.signed)}).")
        else:
            other = next((x for x in best.answer.values if x is not e and x.baseline and x.baseline != e.baseline
                          and abs(x.value - e.value) > 1e-6), None)
            if other is not None:
                how = f"Matches the {e.label}: {e.detail} (it does not match the {other.label}, " \
                      f"{fmt(other.value, q.unit, other.signed)})."
        return Claim(**self._base(fig, r, claim_id), verdict="accurate", correction=None, confidence=0.5,
                     official=Official(value=_official_value(e.value, q.unit), dataset=e.dataset, detail=e.detail),
                     explanation=how)

    def _inaccurate(self, fig: Figure, top: Weighed, fitting: list[Weighed], claim_id: str, art: dict,
                    how=None) -> Claim:
        from ..models import Official
        q = fig.quantity
        whose = ""
        prefer = baseline_named(fig) or art.get("baseline")
        if how == "field" and top.reading.shares.get("subject", 0.0) < thresholds()["pin_subject"]:
            # the text leaves open whose figure it is: the correction is the nearest one of that kind in the seat
            near = self.field.nearest(top.reading.subject.ons_id, top.reading, q, prefer)
            if near is not None:
                top = Weighed(near[0].model_copy(update={"roles": top.reading.roles}), Answer([near[1]]))
            seat = self.ref.seat(top.reading.subject.ons_id)
            whose = (f" The text does not say whose figure it is, and no one standing in {seat.name if seat else 'the seat'} "
                     f"has it; the nearest is given.")
        r = top.reading
        values = top.answer.values
        e = next((x for x in values if prefer and x.baseline == prefer), None)
        if e is None:
            # one figure under two definitions (valid votes or all ballots, turnout on either): the correction is
            # the one the figure comes nearest, what its words most likely meant ("votes polled was 783,909")
            same = [x for x in values if x.baseline == values[0].baseline and x.label != values[0].label] \
                if r.kind in DEFINED_TWICE else []
            e = min([values[0]] + same, key=lambda x: abs(x.value - q.value)) if same else values[0]
        sign = direction(fig.sentence, q)
        shown = e.value if not e.signed or sign != 0 else abs(e.value)
        if len(values) == 1:
            explanation = f"Official {e.label}: {e.detail}."
        else:
            tried = "; ".join(f"{x.label} {fmt(x.value, q.unit, x.signed)}" for x in values[:4])
            explanation = f"Matches none of the official figures it can mean: {tried}. Official {e.label}: {e.detail}."
        if art.get("running") or "running" in r.roles:
            explanation += (" The article was written while results were still coming in; this is the final official "
                            "figure.")
        if fitting:
            f = fitting[0].fit
            explanation += f" The figure is the {f.label} ({f.detail}), which is not what the text says it is."
        explanation += whose
        if isinstance(how, tuple):
            counted = "; ".join(dict.fromkeys(f"{w.answer.values[0].label} {fmt(w.answer.values[0].value, q.unit)}"
                                              for w in how[1]))
            explanation += f" Whichever area it counts, it does not match: {counted}."
        return Claim(**self._base(fig, r, claim_id), verdict="inaccurate", confidence=0.5,
                     correction=f"{fmt(shown, q.unit, e.signed and sign != 0)} ({e.label}), not {fig.quote}",
                     official=Official(value=_official_value(shown, q.unit), dataset=e.dataset, detail=e.detail),
                     explanation=explanation)

    def _unverifiable(self, fig: Figure, weighed: list[Weighed], answered: list[Weighed], fitting: list[Weighed],
                      why: Optional[str], claim_id: str) -> Claim:
        from ..models import Official
        q = fig.quantity
        top = answered[0]
        tried = []
        for w in answered[:6]:
            for x in w.answer.values[:1]:
                item = f"{x.label} ({fmt(x.value, q.unit, x.signed)})"
                if item not in tried:
                    tried.append(item)
        tried = tried[:3]
        likeliest = fig.readings[0] if fig.readings else None
        unheld = next((w.answer.note for w in weighed if w.reading is likeliest
                       and not w.answer.values and w.answer.note), None)
        if fitting:
            f = fitting[0]
            text = (f"It matches the {f.fit.label} ({fmt(f.fit.value, q.unit, f.fit.signed)}), but the text does not "
                    f"suggest that reading; read as the {top.answer.values[0].label} it does not match.")
        elif unheld:
            text = f"Read as the text most likely means it, {unheld}; it does not match {'; '.join(tried)}."
        else:
            text = f"Tried: {'; '.join(tried)}; none matches, but {why or 'the text does not say which it means'}."
        e = top.answer.values[0]
        reading = likeliest if unheld else top.reading
        return Claim(**self._base(fig, reading, claim_id), verdict="unverifiable", correction=None,
                     confidence=0.5, official=Official(value=_official_value(e.value, q.unit), dataset=e.dataset,
                                                       detail=e.detail), explanation=_sentence_case(text))

    def _unanswerable(self, fig: Figure, weighed: list[Weighed], claim_id: str) -> Claim:
        r = fig.readings[0] if fig.readings else None
        note = next((w.answer.note for w in weighed if w.answer.note and w.reading is r), None) or \
            next((w.answer.note for w in weighed if w.answer.note), None)
        if note:
            text = _sentence_case(note) + "."
        elif r is not None and r.subject.level in ("candidate", "party", "seat") and not r.subject.ons_id:
            text = "The text does not make clear which constituency the figure is about."
        else:
            text = "The reference data hold no figure this claim can be checked against."
        return Claim(**self._base(fig, r, claim_id), verdict="unverifiable", official=None, correction=None,
                     confidence=0.5, explanation=text)

    def _ambiguous(self, fig: Figure, fitting: list[Weighed], claim_id: str) -> Claim:
        w = next(x for x in fitting if x.reading.subject.ambiguous)
        people = [w.reading.subject.person, *w.reading.subject.ambiguous]
        names = "; ".join(f"{c.name} ({c.party}, {c.seat})" for c in map(self.ref.candidate, people) if c)
        base = self._base(fig, w.reading, claim_id)
        base.update(constituency=None, subject=None)
        return Claim(**base, verdict="unverifiable", official=None, correction=None, confidence=0.5,
                     explanation=(f"The name fits more than one candidate ({names}) and the text does not say which; "
                                  f"it would match the {w.fit.label}."))

    def _unplaced(self, fig: Figure, claim_id: str) -> Claim:
        kind = max(((k, v) for k, v in fig.kinds.items() if k != "none"), key=lambda kv: kv[1])[0]
        base = self._base(fig, None, claim_id)
        base["kind"] = PUBLIC_KIND.get((kind, "seat"), PUBLIC_KIND.get((kind, "wide"), kind))
        return Claim(**base, verdict="unverifiable", official=None, correction=None, confidence=0.5,
                     explanation=("The text does not say whose figure this is in a way the tables can follow: it names "
                                  "no candidate, party or seat they hold."))

    def _other_election(self, fig: Figure, claim_id: str) -> Claim:
        r = fig.readings[0] if fig.readings else None
        return Claim(**self._base(fig, r, claim_id), verdict="unverifiable", official=None, correction=None,
                     confidence=0.8, explanation=(f"The figure is about an election the reference data do not hold "
                                                  f"(they hold {self.ref.name} and the {self.ref.previous_key} result)."))


SEAT_FIGURES = ("majority", "turnout", "ballots", "electorate", "candidates")


#: Tallies that only grow as results come in: a running count of them is never above the final figure.
CUMULATIVE = {"seats", "seat_gain", "seat_loss", "votes", "ballots"}


@lru_cache(maxsize=1)
def named_baselines() -> tuple[tuple[str, re.Pattern], ...]:
    """The words right before a figure that name which previous result it is (vocab/baselines.tsv)."""
    return tuple((r["baseline"].strip(), re.compile(r["pattern"].strip(), re.I))
                 for r in read_table(VOCAB / "baselines.tsv"))


def _named_only_later(r: Reading) -> bool:
    """Is the reading's subject reached only through a name in a clause after the figure's?"""
    placed = [c for c in r.cues if c in POSITIONS]
    return bool(placed) and all(c == "after_other_clause" for c in placed)


def baseline_named(fig: Figure) -> Optional[str]:
    """The previous result the figure's own words name, if they name one alone: the correction comes from it."""
    before = fig.sentence[max(0, fig.quantity.start - 40):fig.quantity.start]
    named = [key for key, rx in named_baselines() if rx.search(before)]
    return named[0] if len(named) == 1 else None


def _past_the_final(fig: Figure, top: Weighed) -> bool:
    """A running count of seats won, gained or lost, or of votes, is at most the final count: a figure above
    every final value its likeliest reading has cannot be one, whenever the article was written."""
    q, r = fig.quantity, top.reading
    if r.kind not in CUMULATIVE or q.unit != "count" or not top.answer.values or top.answer.values[0].signed:
        return False
    return q.low > max(e.value for e in top.answer.values)


def _scope(r: Reading) -> str:
    return "seat" if r.subject.level in SEAT_LEVELS else "wide"


def subject_id(r: Reading) -> tuple:
    """Who a reading is about, at the grain its kind needs: a seat's own figures belong to the seat."""
    s = r.subject
    if s.level in SEAT_LEVELS:
        if r.kind in SEAT_FIGURES or s.level == "seat":
            return ("seat", s.ons_id or tuple(s.old_seats))
        if s.person:
            return ("person", s.person)
        return ("party", s.party, s.ons_id)
    return (s.level, s.nation, s.region, s.place, s.group.label if s.group else None, s.party)


@dataclass
class Pins:
    kind: Optional[str]
    era: Optional[str]
    scope: Optional[str]
    subjects: dict  # kind -> (subject id, reached only through context)

    def admits(self, r: Reading) -> bool:
        """A reading that agrees with everything the words settle."""
        if self.kind is not None and r.kind != self.kind:
            return False
        if self.era is not None and r.era != self.era:
            return False
        if self.scope is not None and _scope(r) != self.scope:
            return False
        pinned = self.subjects.get(r.kind)
        if pinned is not None and subject_id(r) != pinned[0]:
            return False
        return True


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]
