"""A figure whose reading the structure around it already settles, judged like any other.

A cell of a results table ("Jane Smith | Lab | 12,345 | 41.2") is not read
from words: the block reader (read/blocks.py, link/rows.py) ties it to a
candidate and a column, and says so as a `LinkedClaim`. That is one reading
held with certainty, so the cell becomes a `Figure` with that single reading
at full weight and goes through the same judge as a sentence's figure: the
same evidence, the same verdict rules, the same explanations. A tie the
block reader is unsure of (`weak_link`) can confirm a figure but never
condemn it.
"""
from __future__ import annotations

from typing import Optional

from ..models import Claim, Claimed, Figure, LinkedClaim, Reading, Subject
from .verdict import Judge

#: The block reader's kinds -> (kind, era) of a reading.
KINDS = {
    "votes": ("votes", "current"), "previous_votes": ("votes", "previous"),
    "vote_share": ("share", "current"), "previous_share": ("share", "previous"),
    "share_change": ("change", "current"),
    "majority": ("majority", "current"), "previous_majority": ("majority", "previous"),
    "turnout": ("turnout", "current"), "electorate": ("electorate", "current"),
    "seats": ("seats", "current"), "national_votes": ("votes", "current"), "national_share": ("share", "current"),
    "aggregate": ("seat_count", "current"),
}
#: Roles that make a count of seats a change in seats.
SEAT_ROLES = {"seat_change": "seat_net", "seats_lost": "seat_loss", "seats_gained": "seat_gain",
              "set_size": "seat_count", "commons_majority": "majority"}
SCOPE_LEVELS = {"national": "uk", "nation": "nation", "group": "group"}


def _roles(role: Optional[str]) -> dict[str, str]:
    out = {}
    for part in (role or "").split(";"):
        if part:
            key, _, value = part.partition(":")
            out[key] = value
    return out


def figure_from_linked(lc: LinkedClaim, ref) -> Figure:
    """The cell as a figure with the one reading its block gives it."""
    cc, q = lc.candidate, lc.candidate.quantity
    roles = _roles(cc.role)
    kind, era = KINDS.get(cc.kind, (cc.kind, "current"))
    if roles.get("era") in ("previous", "other", "forecast"):
        era = roles["era"]
    if kind == "turnout" and q.unit == "count":
        kind = "ballots"
    extra: list[str] = []
    for key, value in roles.items():
        if key in SEAT_ROLES:
            kind = SEAT_ROLES[key]
            if key == "commons_majority":
                extra.append("commons")
            elif key == "set_size":
                extra.append("set_size")  # a total row's seats: the number of seats, even over the whole UK
        elif key == "rank" and value.isdigit():
            extra.append(f"rank{value}")
        elif key in ("combined", "gap", "swing"):
            extra.append(key)
    if cc.scope is not None:
        s = cc.scope
        subject = Subject(level=SCOPE_LEVELS.get(s.level, "uk"), nation=s.nation, group=s.group,
                          party=lc.party or s.party, parties=lc.parties, weak=lc.weak_link or s.party_guessed,
                          label=s.nation or (s.group.label if s.group else "the UK"))
        scope = "wide"
    elif lc.person:
        cand = ref.candidate(lc.person)
        previous = ref.is_previous_actual(lc.person)
        subject = Subject(level="candidate", person=lc.person, ons_id=None if previous else (cand.ons_id if cand else
                          lc.ons_id), party=cand.party if cand else lc.party, other=lc.other_person,
                          parties=lc.parties, old_seats=lc.old_seats, weak=lc.weak_link,
                          label=cand.name if cand else lc.person)
        scope = "seat"
    elif lc.ons_id:
        seat = ref.seat(lc.ons_id)
        person = None
        if lc.party and seat is not None:
            rows = [c for c in seat.candidates if c.party == lc.party]
            person = rows[0].key if len(rows) == 1 else None
        subject = Subject(level="party" if lc.party else "seat", ons_id=lc.ons_id, party=lc.party, person=person,
                          parties=lc.parties, old_seats=lc.old_seats, weak=lc.weak_link,
                          label=seat.name if seat else lc.ons_id)
        scope = "seat"
    else:
        return Figure(quantity=q, sentence=cc.sentence, sentence_index=cc.sentence_index, quote=cc.quote,
                      kinds={kind: 1.0}, eras={era: 1.0}, scopes={"seat": 1.0})
    reading = Reading(kind=kind, subject=subject, era=era, roles=extra, weight=1.0,
                      shares={"kind": 1.0, "era": 1.0, "scope": 1.0, "subject": 1.0}, cues=["results block"])
    return Figure(quantity=q, sentence=cc.sentence, sentence_index=cc.sentence_index, quote=cc.quote,
                  readings=[reading], kinds={kind: 1.0}, eras={era: 1.0}, scopes={scope: 1.0},
                  cues=["results block"])


class LinkedJudge:
    """`verify(linked, claim_id)` for the block reader, backed by the readings judge."""

    def __init__(self, judge: Judge):
        self.judge = judge
        self.ref = judge.ref

    def verify(self, lc: LinkedClaim, claim_id: str) -> Claim:
        fig = figure_from_linked(lc, self.ref)
        claim = self.judge.judge(fig, claim_id, {}).claim
        if claim is not None:
            return claim
        q = lc.candidate.quantity
        if fig.eras.get("forecast"):
            why = "The figure is a forecast, a poll or a target, not a result the tables record."
        else:
            why = lc.link_note or "The row names no candidate, party or seat the tables hold."
        return Claim(id=claim_id, kind=lc.candidate.kind, verdict="unverifiable", sentence=lc.candidate.sentence,
                     quote=lc.candidate.quote, claimed=Claimed(value=q.value, qualifier=q.qualifier), official=None,
                     constituency=None, subject=None, confidence=0.5, explanation=why, correction=None)
