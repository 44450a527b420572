"""The figures of one sentence judged together: a reading one of them fits is not another's.

A sentence rarely states the same quantity twice with two different values:
in "a majority of 1,469, down from her previous majority of 21,967", once
1,469 has matched this election's majority, the second figure is not that
majority, and of what it can still mean (the previous one) none fits. In a
list ("68.7% in St Ives, 67.75% in North Cornwall") the seat a neighbour has
already matched is not this figure's subject either. Judged alone, each
such figure keeps a share of its weight on the reading its neighbour took
and stays unverifiable; judged together, the readings left carry the weight
and can pin the figure down. This is the joint step of AggChecker's
inference, kept small: only exact figures that fit exactly take a reading,
and only figures with no fit of their own are judged again.

The other way round, what the neighbours fit also says where the sentence
is: in "won 14 per cent of the vote, behind Labour's 34 per cent and the
Conservatives' 31 per cent", once 14 and 34 have matched the UK's shares,
31 is the UK's too, not a seat's the words might have meant or another
area's (`confine`).
"""
from __future__ import annotations

from typing import Callable, Optional

from ..models import Figure
from .evidence import Evidence
from .verdict import Judgement, Weighed, _scope, thresholds


def official_key(e: Evidence) -> tuple:
    """Which official figure a value is: two readings that ask for the same one are the same claim."""
    return e.label, round(e.value, 6)


def taken_keys(judgements: list[Judgement], me: Judgement) -> set[tuple]:
    """The official figures other figures of the sentence fit exactly, with a value other than this figure's."""
    mine = me.figure.quantity
    keys = set()
    for j in judgements:
        if j is me or j.fit is None or j.claim is None or j.claim.verdict != "accurate":
            continue
        if _part_and_whole(me.figure, j.figure):
            continue  # "Eight of the nine seats Labour gained": the nine may well be the figure the eight matched
        q = j.figure.quantity
        if q.qualifier != "exact" or q.alternatives or q.unit != mine.unit or abs(q.value - mine.value) < 1e-9:
            continue
        keys.add(official_key(j.fit.fit))
    return keys


def _part_and_whole(a: Figure, b: Figure) -> bool:
    """One figure counts a part of the set the other counts ("N of the M seats"): two quantities, not one stated
    twice, and either may be the official figure the other matched."""
    return ("set_size" in a.cues and "subset" in b.cues) or ("subset" in a.cues and "set_size" in b.cues)


def subject_lost(readings) -> dict[tuple, float]:
    """The subject share the readings set aside held, per kind and election: what the rest is renormalised by."""
    lost: dict[tuple, float] = {}
    for r in readings:
        k = (r.kind, r.era)
        lost[k] = lost.get(k, 0.0) + r.shares.get("subject", 0.0)
    return lost


def without(fig: Figure, weighed: list[Weighed], taken: set[tuple]) -> Optional[tuple[Figure, list[Weighed]]]:
    """The figure with the readings whose official figure is taken removed, their weight given back to the rest.

    A reading is taken when the figure it would be judged against (its first
    official value) is one a neighbour fits; a reading a neighbour fits only
    through another of its values ("the candidate placed second") stays.
    Weights are rescaled so that what the text leaves unnamed (a subject it
    does not name, a kind with no subject) keeps its absolute share: taking
    a reading away never makes the figure surer than its words are.
    """
    gone_ids = {id(w.reading) for w in weighed if w.answer.values and official_key(w.answer.values[0]) in taken}
    drop = [r for r in fig.readings if id(r) in gone_ids]
    if not drop:
        return None
    total = sum(r.weight for r in fig.readings)
    gone = sum(r.weight for r in drop)
    keep = [r for r in fig.readings if id(r) not in gone_ids]
    if not keep or gone >= total:
        return None
    scale = total / (total - gone)
    # the subject's share within each kind, renormalised over the subjects that remain
    lost_share = subject_lost(drop)
    readings = []
    for r in keep:
        shares = dict(r.shares)
        lost = lost_share.get((r.kind, r.era), 0.0)
        if "subject" in shares and 0.0 < lost < 1.0:
            shares["subject"] = min(1.0, shares["subject"] / (1.0 - lost))
        readings.append(r.model_copy(update={"weight": min(1.0, r.weight * scale), "shares": shares}))
    new = fig.model_copy(update={"readings": readings})
    by_id = {id(r): r2 for r, r2 in zip(keep, readings)}
    new_weighed = [Weighed(by_id[id(w.reading)], w.answer, w.fit, w.sane) for w in weighed if id(w.reading) in by_id]
    return new, new_weighed


def settle_sentence(judgements: list[Judgement], rejudge: Callable[[Figure, Judgement, list[Weighed]], Judgement]
                    ) -> list[Judgement]:
    """Each figure that fits nothing, judged again without the readings its neighbours fit.

    A figure first found wrong is restated too: judged alone, its correction
    may be the very figure its neighbour states ("a majority of 12,172; the
    majority had been 44,697" is not wrong for not being 12,172)."""
    out = list(judgements)
    for i, j in enumerate(judgements):
        if j.claim is None or j.claim.verdict == "accurate":
            continue
        taken = taken_keys(judgements, j)
        if not taken:
            continue
        smaller = without(j.figure, j.weighed, taken)
        if smaller is None:
            continue
        again = rejudge(smaller[0], j, smaller[1])
        # an error is always restated from what is left: its correction must not be a neighbour's figure
        if again.claim is not None and (again.claim.verdict != j.claim.verdict or j.claim.verdict == "inaccurate"):
            out[i] = again
    return out


# words that tie a figure to a seat or a person of its own: its neighbours' area then says nothing about it
OWN_PLACE = ("candidate_in_clause", "seat_in_clause", "place_in_clause")


def area_key(r) -> tuple:
    """Which area a wide reading counts over, whoever's figure it is."""
    s = r.subject
    return (s.level, s.nation, s.region, s.place, s.group.label if s.group else None)


def sentence_area(judgements: list[Judgement]) -> Optional[tuple]:
    """The one area every figure of the sentence that fits exactly was found to count over, when none fits at a
    seat: what the sentence is about."""
    areas = set()
    for j in judgements:
        if j.fit is None or j.claim is None or j.claim.verdict != "accurate" or j.figure.quantity.qualifier != "exact":
            continue
        r = j.fit.reading
        if _scope(r) != "wide" or r.subject.weak:
            return None
        areas.add(area_key(r))
    return next(iter(areas)) if len(areas) == 1 else None


def confine(fig: Figure, weighed: list[Weighed], area: tuple) -> Optional[tuple[Figure, list[Weighed]]]:
    """The figure read only over the area its neighbours fit: readings over other areas or at a seat go, and
    what the words left uncertain between one seat and many, or between the areas, is settled.

    Only for a figure whose own clause names no seat, person or place, and whose likeliest area already is
    the neighbours' (they confirm what its words lean to; they never overrule them), and only when whose
    figure it is there is about as clear as the rest (vocab/verdict.tsv, `confine_subject`)."""
    if any(c in fig.cues for c in OWN_PLACE) or any(c.startswith("scope:seat") for c in fig.cues):
        return None
    wide = [w for w in weighed if _scope(w.reading) == "wide"]
    if not wide or area_key(max(wide, key=lambda w: w.reading.weight).reading) != area:
        return None
    keep = [w for w in wide if area_key(w.reading) == area]
    if len(keep) == len(weighed) and all(w.reading.shares.get("scope", 1.0) >= 0.999 for w in keep):
        return None
    # each kind's subject share renormalised over the subjects that remain, as when a neighbour takes a reading
    lost = subject_lost(w.reading for w in wide if area_key(w.reading) != area)
    out = []
    for w in keep:
        r = w.reading
        shares = dict(r.shares)
        weight = r.weight
        scope = shares.get("scope", 1.0)
        if 0.0 < scope < 1.0:
            weight, shares["scope"] = weight / scope, 1.0
        gone = lost.get((r.kind, r.era), 0.0)
        if "subject" in shares and 0.0 < gone < 1.0 and shares["subject"] > 0.0:
            subject = min(1.0, shares["subject"] / (1.0 - gone))
            weight, shares["subject"] = weight * subject / shares["subject"], subject
        new = r.model_copy(update={"weight": min(1.0, weight), "shares": shares})
        out.append(Weighed(new, w.answer, w.fit, w.sane))
    top = max(out, key=lambda w: w.reading.weight)
    if top.reading.shares.get("subject", 1.0) < thresholds()["confine_subject"]:
        return None  # the area is settled, but not whose figure it is there
    scopes = {"wide": 1.0}
    return fig.model_copy(update={"readings": [w.reading for w in out], "scopes": scopes, "unnamed": {}}), out


def settle_area(judgements: list[Judgement], rejudge: Callable[[Figure, Judgement, list[Weighed]], Judgement]
                ) -> list[Judgement]:
    """Each figure that fits nothing, judged again over the area the sentence's other figures were found to
    count over (`confine`). Only a verdict of "inaccurate" replaces the first one: the neighbours settle where
    the figure counts, so the reading left is the one to correct it from."""
    area = sentence_area(judgements)
    if area is None:
        return judgements
    out = list(judgements)
    for i, j in enumerate(judgements):
        if j.claim is None or j.claim.verdict != "unverifiable" or any(w.fit is not None for w in j.weighed):
            continue
        if j.figure.quantity.qualifier != "exact" or j.figure.quantity.alternatives:
            continue
        # what a neighbour fits is not this figure's, as in `settle_sentence`; the rest is read over the area
        fig, weighed = j.figure, j.weighed
        taken = taken_keys(judgements, j)
        fewer = without(fig, weighed, taken) if taken else None
        if fewer is not None:
            fig, weighed = fewer
        smaller = confine(fig, weighed, area)
        if smaller is None:
            continue
        again = rejudge(smaller[0], j, smaller[1])
        if again.claim is not None and again.claim.verdict == "inaccurate":
            where = smaller[1][0].reading.subject.label
            again.claim.explanation += f" Read over {where}, where the sentence's other figures were found to count."
            out[i] = again
    return out



def sentence_era(judgements: list[Judgement]) -> Optional[str]:
    """The one election other than this one that every figure of the sentence fitting exactly was found to
    count: what the sentence is about ("The Lib Dems had 12 seats, and SNP held 35", after a sentence about
    the election before)."""
    eras = set()
    for j in judgements:
        if j.fit is None or j.claim is None or j.claim.verdict != "accurate" or j.figure.quantity.qualifier != "exact":
            continue
        eras.add(j.fit.reading.era)
    era = next(iter(eras)) if len(eras) == 1 else None
    return era if era not in (None, "current") else None


def in_era(fig: Figure, weighed: list[Weighed], era: str) -> Optional[tuple[Figure, list[Weighed]]]:
    """The figure read only as of the election its neighbours count, what the words left uncertain between
    the elections settled; None when its words give that election no reading."""
    out = []
    for w in weighed:
        r = w.reading
        if r.era != era:
            continue
        shares = dict(r.shares)
        share = shares.get("era", 1.0)
        weight = r.weight / share if 0.0 < share < 1.0 else r.weight
        shares["era"] = 1.0
        out.append(Weighed(r.model_copy(update={"weight": min(1.0, weight), "shares": shares}), w.answer, w.fit, w.sane))
    if not out or len(out) == len(weighed):
        return None
    eras = {era: 1.0}
    return fig.model_copy(update={"readings": [w.reading for w in out], "eras": eras}), out


def settle_era(judgements: list[Judgement], rejudge: Callable[[Figure, Judgement, list[Weighed]], Judgement]
               ) -> list[Judgement]:
    """Each figure that fits nothing, judged again as of the election the sentence's other figures were found to
    count (`sentence_era`): a verb that reads as this election's ("SNP held 35") does not outweigh a sentence
    whose every other figure is the previous election's. Only a fit replaces the first verdict: the
    neighbours' election explains the figure, and nothing is called wrong on their word alone. A figure whose
    own words point at an election the data do not hold ("the 41% achieved in 2017") is left as it is."""
    era = sentence_era(judgements)
    if era is None:
        return judgements
    out = list(judgements)
    for i, j in enumerate(judgements):
        if j.claim is None or j.claim.verdict == "accurate" or j.fit is not None:
            continue
        if j.figure.quantity.qualifier != "exact" or j.figure.quantity.alternatives:
            continue
        if j.figure.eras.get("other", 0.0) >= thresholds()["other_doubt"]:
            continue
        smaller = in_era(j.figure, j.weighed, era)
        if smaller is None:
            continue
        again = rejudge(smaller[0], j, smaller[1])
        if again.claim is not None and again.claim.verdict == "accurate":
            again.claim.explanation += " Read as of the election the sentence's other figures were found to count."
            out[i] = again
    return out
