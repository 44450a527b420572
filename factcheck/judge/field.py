"""Everyone in the seat: when the sentence names the seat but leaves open whose figure it is.

"Barclay held the seat with 16,246 votes, followed by Reform UK with
10,234 and Labour with 8,008": the text does not settle whose the 10,234
is, so no single reading carries the figure, and part of its weight is
left for someone the sentence does not name. But a seat's field is
finite. If no candidate standing there, now or at the previous election,
has a figure the number can be (votes, share, change, majority, turnout,
ballots, electorate, and the gaps between them), the figure is wrong
whoever it belongs to, and the weight left for the unnamed has been
checked too. This module asks the tables for the whole field; the judge
(verdict.py) decides what that is worth.
"""
from __future__ import annotations

from typing import Optional

from ..models import Figure, Quantity, Reading, Subject
from .evidence import Evidence, EvidenceFinder

#: Everything a figure of a seat can be, for any candidate there.
FIELD_KINDS = ("votes", "share", "change", "votes_change", "majority", "turnout", "ballots", "electorate")
FIELD_ERAS = ("current", "previous")
#: The subject levels of a reading about one seat (the judge's too).
SEAT_LEVELS = ("candidate", "party", "seat")
MIN_COUNT = 10  # "the two candidates", "three recounts": small counts are too many things to ask a field about


def lone_seat(fig: Figure) -> Optional[str]:
    """The one seat every seat-level reading of the figure is about, when there is one and the sentence
    reaches it directly (a seat reached only through context never condemns)."""
    q = fig.quantity
    if q.unit == "count" and (abs(q.value) < MIN_COUNT or not any(ch.isdigit() for ch in q.text)):
        return None
    seats = {r.subject.ons_id for r in fig.readings if r.subject.level in SEAT_LEVELS}
    if len(seats) != 1 or None in seats:
        return None
    if all(r.subject.weak for r in fig.readings if r.subject.level in SEAT_LEVELS):
        return None
    return next(iter(seats))


class SeatField:
    """Every official figure of a seat's candidates, asked once per seat and unit (a small index over the
    tables: it depends on nothing in the article)."""

    def __init__(self, finder: EvidenceFinder):
        self.finder = finder
        self._values: dict[tuple[str, str], list[tuple[Optional[Reading], Evidence]]] = {}

    def values(self, ons_id: str, q: Quantity) -> list[tuple[Optional[Reading], Evidence]]:
        """(the reading, its official value) for everyone in the seat; what the rest of the field polled has no
        reading of its own."""
        key = (ons_id, q.unit)
        if key not in self._values:
            seat = self.finder.ref.seat(ons_id)
            out: list[tuple[Optional[Reading], Evidence]] = []
            for cand in seat.candidates if seat else ():
                subject = Subject(level="candidate", person=cand.key, ons_id=ons_id, party=cand.party)
                for kind in FIELD_KINDS:
                    for era in FIELD_ERAS:
                        r = Reading(kind=kind, subject=subject, era=era, weight=1.0, shares={"subject": 1.0})
                        out += [(r, e) for e in self.finder.answer(r, q).values]
            if seat is not None and seat.candidates and q.unit != "count":
                # "others 3.4%": what the candidates after the first few polled between them
                for era in FIELD_ERAS:
                    r = Reading(kind="share", subject=Subject(level="seat", ons_id=ons_id), era=era,
                                roles=["others_share"], weight=1.0)
                    out += [(None, e) for e in self.finder.answer(r, q).values]
            self._values[key] = out
        return self._values[key]

    def holds(self, ons_id: str, fig: Figure, sign: int) -> bool:
        """Does anyone in the seat have a figure the number can be?"""
        from .verdict import fits

        return any(fits(fig.quantity, e, sign) for _, e in self.values(ons_id, fig.quantity))

    def nearest(self, ons_id: str, like: Reading, q: Quantity, baseline: Optional[str] = None
                ) -> Optional[tuple[Reading, Evidence]]:
        """The seat's figure of the same kind and election closest to the number: the correction to give
        when the text does not say whose figure it is (of the previous result the text names, if it names one:
        "a notional majority of N" is corrected from the notional result, however near the actual one is)."""
        same = [(r, e) for r, e in self.values(ons_id, q) if r is not None and r.kind == like.kind
                and r.era == like.era and not e.signed]
        named = [(r, e) for r, e in same if baseline and e.baseline == baseline]
        return min(named or same, key=lambda re: abs(re[1].value - q.value), default=None)

