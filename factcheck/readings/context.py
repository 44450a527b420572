"""The text around one figure, cut into the windows the cue table looks in.

A figure's clause is the stretch of its sentence between the punctuation
and conjunctions around it: "won 14,739 votes, a majority of 979" puts each
figure in its own clause, so the words of one are not evidence for the
other. Windows are bounded (a clause is cut to a couple of hundred
characters either side), so the cost of reading a figure does not grow with
the length of its sentence.

Structural facts are named here too (`features`): "from X to Y" pairs, a
part and its whole ("9 of Scotland's 57 seats"), a figure that continues a
list begun by another ("X polled 15,647 votes and Y 15,119").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..models import Quantity

# brackets are not breaks: "a handsome majority (of 8,000 votes)" is one clause
CLAUSE_BREAK = re.compile(r"[;:\[\]–—|]|,\s|\s-\s|\bbut\b|\bwhile\b|\bwhereas\b|\bcompared\s+(?:with|to)\b", re.I)
MAX_SIDE = 220  # characters of context either side of a figure


@dataclass
class Clause:
    start: int
    end: int


def clause_of(sentence: str, start: int, end: Optional[int] = None) -> Clause:
    """The clause around [start, end): bounded by breaks, and by MAX_SIDE characters either side."""
    end = start if end is None else end
    lo, hi = max(0, start - MAX_SIDE), min(len(sentence), end + MAX_SIDE)
    c_start, c_end = lo, hi
    for m in CLAUSE_BREAK.finditer(sentence, lo, hi):
        if m.end() <= start:
            c_start = m.end()
        elif m.start() >= end:
            c_end = m.start()
            break
    return Clause(c_start, c_end)


@dataclass
class FigureContext:
    """One figure in its sentence, with its windows and the structural facts about it."""

    sentence: str
    index: int  # sentence index in the article
    q: Quantity
    position: int  # index of the figure among its sentence's figures
    clause: Clause
    features: set[str] = field(default_factory=set)
    partner: Optional[int] = None  # the figure this one pairs with ("from X to Y", "down from X")
    masked: Optional[str] = None  # the sentence with its names replaced (mask_names): what cues read
    # the sentence before, for the words a sentence leaves to it ("In 2019 the seat was won by X. The result was
    # Con 76.7%"): the window `carried` is that sentence, a pilcrow, then this one up to the figure
    previous_sentence: str = ""
    partner_clause: Optional[Clause] = None  # the clause of the figure this one is compared with

    @property
    def windows(self) -> dict[str, str]:
        s, q, c = self.masked or self.sentence, self.q, self.clause
        return {
            "before": s[max(c.start, q.start - 120):q.start],
            "after": s[q.end:min(c.end, q.end + 100)],
            "left": s[max(0, q.start - 160):q.start],
            "right": s[q.end:q.end + 120],
            "clause": s[c.start:c.end],
            "sentence": s if len(s) <= 2 * MAX_SIDE + 40 else s[max(0, q.start - MAX_SIDE):q.end + MAX_SIDE],
            "self": q.text,
            "carried": f"{self.previous_sentence[-300:]} ¶ {s[:q.start][-160:]}" if self.previous_sentence else "",
        }


UNIT_WORD = r"(?:votes?|per\s*cent|percent|%|seats?|mps|points?)?"
FROM_TO = re.compile(rf"\s*{UNIT_WORD}\s*(?:in\s+\d{4}\s+|last\s+time\s+)?,?\s*(?:to|down\s+to|up\s+to)\s+(?:just\s+|only\s+|a\s+mere\s+)?$", re.I)
TO_FROM = re.compile(rf"\s*{UNIT_WORD}\s*(?:this\s+time\s+)?,?\s*(?:(?:down|up)\s+)?from\s+(?:just\s+|only\s+)?$", re.I)
BACK_REF = re.compile(r"\b(?:down|up|fell|rose|dropped|slipped|climbed|increase|decrease|reduction|compared\s+(?:with|to)|against|from|versus|vs\.?)\s+(?:from\s+|with\s+|on\s+)?(?:just\s+|only\s+|a\s+mere\s+)?(?:[\w’'.-]+(?:[’']s|s[’'])\s+)?$", re.I)
PART_OF = re.compile(r"\s*(?:seats?\s+|mps\s+|constituencies\s+)?(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|[\w’'-]+[’']s\s+)?(?:[\w’'-]+\s+){0,2}$", re.I)
SEAT_WORDS = re.compile(r"^\s*(?:[\w’'-]+\s+){0,3}?(?:seats?|mps|constituencies)\b", re.I)
LIST_GLUE = re.compile(r"\s*(?:votes?)?\s*(?:\([^)]{0,30}\)\s*)?(?:,|;|and|,\s*and|while|with|whilst|to|against|versus|vs\.?)\s+"
                       r"(?:the\s+)?(?:[A-Z][\w’'.-]*\s+){0,5}?[A-Z][\w’'.-]*(?:[’']s|s[’'])?\s*(?:(?:on|with|got|polled|received|took|had)\s*)?$")
COMPARED_OWNER = re.compile(r"\b(?:compared\s+(?:with|to)|as\s+against|against|versus|vs\.?|behind|ahead\s+of)\s+(?:the\s+)?"
                            r"(?:[A-Z][\w’'.&-]*\s+){0,3}?[A-Z][\w.&-]*(?:[’']s|s[’']|[’'])\s*$")
SIGNED_SEATS = re.compile(r"(?:seats?|mps)\s*\(?\s*$", re.I)
BRACKET_CHANGE = re.compile(r"^\s*\(\s*(?:[+\-−–]\s*\d+|0|nc|no\s+change|-)\s*\)")


def within_ceiling(sentence: str, q: Quantity) -> Quantity:
    """"to within 1,500 votes": a round number after "within" is a ceiling, not a count."""
    if q.qualifier != "exact" or q.unit != "count" or not re.search(r"\bwithin\s*$", sentence[:q.start], re.I):
        return q
    digits = re.sub(r"\D", "", q.text)
    if len(digits) - len(digits.rstrip("0")) < 2:
        return q
    return q.model_copy(update={"qualifier": "at_most", "low": q.value * 0.75, "high": q.value, "hedge": "within"})


def as_unit(q: Quantity, unit: str) -> Quantity:
    """The same figure read in another unit, with the interval that unit's rounding allows."""
    from ..read.figures import interval, precision_step

    step = precision_step(q.text.lstrip("(").rstrip(")"), unit)
    low, high = interval(q.value, unit, q.qualifier, step, q.hedge)
    return q.model_copy(update={"unit": unit, "low": low, "high": high})


BESIDE_SHARE = re.compile(r"^\s*[(\[]?\s*$")


def inherit_units(sentence: str, quantities: list[Quantity]) -> list[Quantity]:
    """"LAB: 48.4% (+8.2)": a bare decimal straight after a percentage is a percentage too, and with a sign
    it is a change in points."""
    out = list(quantities)
    for i in range(1, len(out)):
        q, prev = out[i], out[i - 1]
        if q.unit != "count" or prev.unit not in ("percent", "points"):
            continue
        if not ("." in q.text or q.signed) or not BESIDE_SHARE.match(sentence[prev.end:q.start]):
            continue
        out[i] = as_unit(q, "points" if q.signed else "percent")
    return out


POST_HEDGE = re.compile(r"^\s*(?:votes?\s+|seats?\s+|per\s*cent\s+)?(?:(?P<up>to\s+spare|or\s+more|plus\b|and\s+(?:more|"
                        r"counting|rising))|(?P<down>or\s+(?:less|fewer|under)))", re.I)


def post_hedge(sentence: str, q: Quantity) -> Quantity:
    """"4,000 votes to spare", "20,000 or more": a hedge written after the figure bounds it from below
    (or above)."""
    if q.qualifier != "exact":
        return q
    m = POST_HEDGE.match(sentence[q.end:q.end + 30])
    if not m:
        return q
    v = abs(q.value)
    if m.group("up"):
        return q.model_copy(update={"qualifier": "at_least", "low": v, "high": v * 1.25, "hedge": m.group(0).strip()})
    return q.model_copy(update={"qualifier": "at_most", "low": v * 0.75, "high": v, "hedge": m.group(0).strip()})


def figure_contexts(sentence: str, index: int, quantities: list[Quantity]) -> list[FigureContext]:
    """Every figure of a sentence with its clause and structural features."""
    quantities = [post_hedge(sentence, within_ceiling(sentence, q)) for q in inherit_units(sentence, quantities)]
    out = [FigureContext(sentence, index, q, i, clause_of(sentence, q.start, q.end)) for i, q in enumerate(quantities)]
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        between = sentence[a.q.end:b.q.start]
        if len(between) > 60:
            continue
        left_a = sentence[max(0, a.q.start - 25):a.q.start]
        if re.search(r"\bfrom\s+(?:just\s+|only\s+|a\s+mere\s+)?(?:[\w’'.-]+(?:[’']s|s[’'])\s+)?$", left_a, re.I) \
                and FROM_TO.fullmatch(between):
            a.features.add("pair_from"), b.features.add("pair_to")
            a.partner, b.partner = i + 1, i
        elif re.search(r"\bto\s+(?:just\s+|only\s+)?$", left_a, re.I) and TO_FROM.fullmatch(between):
            a.features.add("pair_to"), b.features.add("pair_from")
            a.partner, b.partner = i + 1, i
        elif re.search(r"\bby\s+(?:just\s+|only\s+|almost\s+|nearly\s+|some\s+)?$", left_a, re.I) \
                and re.fullmatch(r"\s*(?:votes?|points?|%|per\s*cent|seats?)?\s*,?\s*to\s+(?:just\s+|only\s+)?", between, re.I):
            # "increased her party's vote by 332, to 1,422": a change, then where it ended
            a.features.add("by_amount"), b.features.add("to_amount")
        elif PART_OF.fullmatch(between) and SEAT_WORDS.match(sentence[b.q.end:b.q.end + 40]) \
                and a.q.unit == b.q.unit == "count" and a.q.value <= b.q.value:
            a.features.add("subset"), b.features.add("set_size")
            a.partner, b.partner = i + 1, i
    for i, f in enumerate(out):
        if i == 0 or f.partner is not None:
            continue
        prev = out[i - 1]
        between = sentence[prev.q.end:f.q.start]
        if len(between) <= 40 and BACK_REF.search(between) and not re.search(r"[.;]", between):
            # "7,115 votes, down from James Osben's 9,329": the same kind of figure, at the earlier election
            f.features.add("back_reference")
            f.partner = i - 1
        elif len(between) <= 60 and LIST_GLUE.fullmatch(between) and prev.q.unit == f.q.unit:
            f.features.add("list_parallel")
            f.partner = i - 1
        elif len(between) <= 80 and COMPARED_OWNER.search(between) and prev.q.unit == f.q.unit \
                and not re.search(r"[.;]", between):
            # "Reform won 220,895 votes in the North East, compared to the Conservatives' 224,574": another
            # party's figure of the same kind, at the same election
            f.features.add("compared_parallel")
            f.partner = i - 1
            f.partner_clause = prev.clause  # where the place the two figures share is named
    for f in out:
        s, q = sentence, f.q
        if q.signed:
            f.features.add("signed")
            if q.unit == "count" and SIGNED_SEATS.search(s[max(0, q.start - 14):q.start]):
                f.features.add("signed_seats")
        if q.unit == "count" and BRACKET_CHANGE.match(s[max(0, q.start - 2):q.end + 3]) and q.signed:
            f.features.add("bracket_change")
        if q.unit == "count" and q.value >= 100_000:
            f.features.add("very_large")
        if q.unit == "count" and q.value <= 100 and re.search(r"per\s*cent|percent|%", s[max(0, q.start - 80):q.start], re.I):
            f.features.add("small_count_near_percent")
        if f.partner is None and f.position > 0 and q.unit in ("percent", "fraction") \
                and out[f.position - 1].q.unit == "count" and re.fullmatch(r"\s*\(\s*", s[out[f.position - 1].q.end:q.start]):
            # "a majority of 24,988 (40.3%)": the bracketed share is of the figure before it
            f.features.add("bracket_of")
            f.partner = f.position - 1
        if f.partner is None and f.position > 0 and not q.signed \
                and re.fullmatch(r"\s*\(\s*", s[out[f.position - 1].q.end:q.start]) \
                and out[f.position - 1].q.unit == q.unit and re.match(r"^\s*\)", s[q.end:q.end + 3]):
            # "Labour 7 (5)", "Lab 31% (27%)": the bracketed figure is the same one at the earlier election
            f.features.add("bracket_previous")
            f.partner = f.position - 1
    return out


MASKS = {"party": "Ⓟ", "seat": "Ⓢ", "candidate": "Ⓝ"}


def mask_names(sentence: str, mentions) -> str:
    """The sentence with every linked name replaced by one sign (Ⓟ party, Ⓢ seat, Ⓝ person), padded to its length.

    Cue words must not fire inside names: "National" in "Scottish National
    Party", "North East" in "North East Somerset", "Green" in a surname.
    Offsets are kept.
    """
    chars = list(sentence)
    for m in mentions:
        if not (m.key or m.alternatives) or m.end > len(chars):
            continue
        chars[m.start:m.end] = MASKS.get(m.type, "Ⓝ").ljust(m.end - m.start)
    return "".join(chars)
