"""Which figures in a sentence are election claims, and of what kind.

A figure's kind comes from the words around it, read within its clause:
"won by", "majority of" and "came within N votes of" are majorities;
"took N votes" and a result-list line are votes; "from X to Y" makes X the
previous figure; the previous election's year, "defending", "overturned" mark
the previous election, another year or "by-election" an election the tables
do not hold (`Eras`, built from the adapter the article is judged against). A
figure with no such reading (a date, an age, "13 years") is not a claim.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from .models import ClaimCandidate, Mention, Quantity
from .read.figures import _SMALL, find_quantities
from .scope import ArticleScope, classify_wide, parse_group, subset_roles

CLAUSE_BREAK = re.compile(r"[;:()\[\]–—]|,\s|\s-\s|\bbut\b|\bwhile\b|\bwhereas\b", re.I)

# Era markers name the years of one election and the one before it, so they are built from the adapter
# the article is judged against (`eras_for`); without one, the latest election's.
_ANY_YEAR = r"(?:1[89]\d\d|20\d\d)"
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_OTHER_TEMPLATE = (
    rf"\b(?:in|at|during|from|of|to)\s+(?:the\s+)?(?:(?:{_MONTHS})\s+)?{_ANY_YEAR}\b"
    rf"|\b{_ANY_YEAR}\s+(?:general\s+)?(?:election|contest|poll|vote)"
    rf"|\bin\s+{_ANY_YEAR}\b|\bonly\s+in\s+{_ANY_YEAR}\b|\b{_ANY_YEAR}\b(?!\s*[-–]\s*\d)(?<!since\s{{1}}\d{{4}})")
_OTHER_CONTESTS = re.compile(
    r"\bby-?\s?elections?\b|\btwo\s+years\s+(?:earlier|before)\b"
    r"|\blocal\s+elections?\b|\bmayoral\b|\bassembly\s+election\b|\bholyrood\b|\bsenedd\s+election\b", re.I)


@dataclass(frozen=True)
class Eras:
    """The words that mark a figure as this election's, the previous one's, or another's."""

    previous: re.Pattern
    current: re.Pattern
    other_years: re.Pattern
    not_other: frozenset[int]  # years that are this election, the previous one, or later
    previous_year: str

    def other(self, text: str) -> bool:
        """Does the text speak of an election the tables do not hold ("in 2017", "a by-election")?"""
        if _OTHER_CONTESTS.search(text):
            return True
        for m in self.other_years.finditer(text):
            if int(re.search(r"\d{4}", m.group(0)).group(0)) not in self.not_other:
                return True
        return False


@lru_cache(maxsize=8)
def eras_for(current: str, previous: str, gap_days: int, previous_month: int, polling_weekday: int) -> Eras:
    """Era markers for an election held `gap_days` after the previous one (in month `previous_month`)."""
    years = gap_days / 365.25
    low, high = int(years), int(years) + 1
    words = {n: w for w, n in _SMALL.items()}
    ago = [str(low), str(high), words.get(low, str(low)), words.get(high, str(high))]
    if 0.25 <= years - low <= 0.75:
        ago.append(rf"{words.get(low, str(low))}\s+and\s+a\s+half")
    month = calendar.month_name[previous_month].lower()
    weekday = calendar.day_name[polling_weekday].lower()
    previous_rx = re.compile(
        rf"\b(?:in|at|during|since)\s+(?:the\s+)?(?:(?:{month}\s+)?{previous}|last\s+(?:general\s+)?election|"
        r"previous\s+(?:general\s+)?election)"
        rf"|\b{previous}\b|\bdefending\b|\bhad\s+(?:had\s+)?(?:a\s+)?majority\b|\boverturn(?:ed|ing)?\b|\bpreviously\b"
        r"|\bformer\s+majority\b|\bprevious\s+majority\b|\bnotional\b|\blast\s+time\b|\bin\s+the\s+former\s+seat\b"
        rf"|\b(?:{'|'.join(dict.fromkeys(ago))})\s+years\s+ago\b", re.I)
    current_rx = re.compile(rf"\bthis\s+time\b|\b{current}\b|\bthis\s+year\b|\bnow\b|\bon\s+{weekday}\b"
                            r"|\blast\s+night\b", re.I)
    later = range(int(current), int(current) + 200)
    return Eras(previous=previous_rx, current=current_rx, other_years=re.compile(_OTHER_TEMPLATE, re.I),
                not_other=frozenset([int(previous), *later]), previous_year=previous)


def era_markers(ref) -> Eras:
    """The era markers of the election `ref` (an adapter, or its class) holds."""
    return eras_for(ref.key, ref.previous_key, (ref.polling_day - ref.previous_polling_day).days,
                    ref.previous_polling_day.month, ref.polling_day.weekday())


def default_eras() -> Eras:
    from .reference import ADAPTERS, LATEST

    return era_markers(ADAPTERS[LATEST])


TURNOUT = re.compile(r"\bturn(?:ed)?[\s-]?out\b", re.I)
OUT_OF_SCOPE_SHARE = re.compile(
    r"\bmuslims?\b|\bpopulation\b|\bresidents\b|\bchristians?\b|\bhindus?\b|\bsikhs?\b|\bjewish\b|\bethnic"
    r"|\bcombined\b|\baverage\b|\bacross\s+(?:those|these|the|all|such)\b|\bsuch\s+seats\b|\bnational(?:ly)?\b"
    r"|\bacross\s+the\s+(?:country|uk)\b|\bof\s+(?:the\s+)?seats\b|\bpolls?\b|\bpolling\b|\bsurvey\b|\bscotland\b"
    r"|\bwales\b|\bengland\b|\bnorthern\s+ireland\b|\bnation(?:wide)?\b|\buk-wide\b|\boverall\b", re.I)
SHARE_WORDS = re.compile(r"\bvotes?\b|\bshare\b|\bballots?\b|\bper\s*cent\s+of\b|%\s+of\b|\bpoll(?:ed|ing)\b", re.I)
CHANGE_WORDS = re.compile(r"\bswing\b|\bpoints?\b|\bup\s+by\b|\bdown\s+by\b|\bincrease[sd]?\s+of\b|\bfall\s+of\b"
                          r"|\bdrop\s+of\b|\brise\s+of\b", re.I)
MAJORITY_LEFT = re.compile(
    r"(?:majorit(?:y|ies)|margin)\s+(?:\w+\s+){0,3}(?:of|to|by|at|was|is|from)?\s*\(?\s*(?:of\s+)?$"
    r"|(?:majorit(?:y|ies)|margin)\b(?:[^.;:!?\d]|(?<!\d)(?:19|20)\d\d(?!\d)){0,60}?"
    r"\b(?:of|to|by|at|was|is|from|been|stood\s+at|reached)\s*$"
    r"|\b(?:won|win|wins|winning|beat|beats|beating|beaten|defeated|defeating|lost|losing|loses|lose|held|holding|"
    r"ousted|retained|retaining|unseated|unseating|edged|scraped|clung|trailed|trailing|ahead|behind|"
    r"outstripping|outpolled|topped|taken|took|clinched|secured)\b[^.]*?\bby\s*$"
    r"|\bcame\s+within\s*$|\bwithin\s*$", re.I)
MAJORITY_RIGHT = re.compile(
    r"^\s*(?:-|\s)?(?:votes?\s+)?(?:majority|margin)\b|^\s*votes?\s+(?:behind|ahead|short|clear|adrift)\b"
    r"|^\s*(?:votes?\s+)?more\s+than\b|^\s*(?:votes?\s+)?fewer\s+than\b|^[\s-]*(?:vote|seat)[\s-]+majority\b", re.I)
MAJORITY_CHANGE_LEFT = re.compile(r"\b(?:slashed|cut|reduced|fell|dropped|shrank|down|increased|grew|rose)\s+by\s*$", re.I)
VOTES_LEFT = re.compile(
    r"(?:\b(?:with|on|polled|polling|received|receiving|took|taking|won|winning|secured|securing|got|getting|gained|"
    r"garnered|garnering|attracted|collected|amassed|claimed|claiming|scored|tallied|earned|picked\s+up|"
    r"third|second|fourth|fifth|last)|[-–—:]|\(|[’‘']s|\b(?:Lab|Con|LD|Green|Ind|RUK|SNP|PC)\)?)\s*$", re.I)
VOTES_RIGHT = re.compile(r"^\s*(?:votes?|ballots?|people|supporters|voters)\b(?!\s+(?:behind|ahead|short|more|fewer))"
                         r"|^\s*\)|^\s*$|^\s*\(|^\s*[,.;:–—-]|^\s+(?:at|in|on|from|for|to|and|while|with)\b", re.I)
NOT_VOTES_RIGHT = re.compile(r"^\s*(?:seats?|constituenc|mps?\b|candidates?|councillors?|years?|days?|per\s*cent|%"
                             r"|points?|times|members|people\s+in\s+work|jobs|homes|children|pupils|staff)", re.I)
ELECTORATE = re.compile(r"\belectorate\b|\bregistered\s+(?:to\s+vote|voters)\b|\beligible\s+voters\b|\belectors\b"
                        r"|\belectoral\s+(?:roll|register)\b", re.I)
BALLOTS_CAST = re.compile(r"\b(?:votes|ballots)\s+(?:were\s+)?cast\b(?!\s+(?:in\s+(?:his|her|their|its)\s+favou?r|for))"
                          r"|\bballot\s+papers\b", re.I)
RATIO = re.compile(r"\b(?:half|double|twice|treble|triple|third|quarter)\s+(?:the|of|as)\b", re.I)
RANK = re.compile(r"\b(?:came|finished|was|placed|came\s+home|ending\s+the\s+night)?\s*(second|third|fourth|fifth|sixth|last)\b",
                  re.I)
RANK_NUM = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}


@dataclass
class Clause:
    start: int
    end: int
    text: str


def clause_of(sentence: str, pos: int) -> Clause:
    """The stretch of the sentence between the punctuation or conjunctions around `pos`."""
    start, end = 0, len(sentence)
    for m in CLAUSE_BREAK.finditer(sentence):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return Clause(start, end, sentence[start:end])


FORECAST = re.compile(r"\b(?:would|could|might|projected|projection|predicted|predicting|forecast|"
                      r"expected|expecting|set\s+to|on\s+course|poll(?:s|ster|sters)?\s+(?:had\s+)?(?:suggested|showed|"
                      r"put|gave|predicted)|exit\s+poll|mrp|target(?:ed|ing)?|hoped|hoping|aim(?:ed|ing)?)\b", re.I)


def era_of(sentence: str, q: Quantity, pair_role: Optional[str], eras: Optional[Eras] = None) -> str:
    """current | previous | other | either | forecast: which election (or prediction) the figure is about."""
    eras = eras or default_eras()
    if pair_role == "from":
        era = "previous"
    elif pair_role == "to":
        era = "current"
    else:
        era = None
    clause = clause_of(sentence, q.start)
    around = clause.text
    if FORECAST.search(sentence[:q.start][-80:] + around):
        return "forecast"
    if eras.other(around):
        return "other"
    if era:
        return era
    if re.search(r"\b(?:that|the\s+same)\s+(?:election|contest|poll|year)\b", sentence, re.I):
        return "other_or_current"  # the election named in an earlier sentence, which may be any
    marked = _nearest_marker(around, q.start - clause.start, q.end - clause.start, eras)
    if marked:
        return marked
    before = sentence[: clause.start]
    # a previous-election marker earlier in the sentence, with no return to the present in between
    if eras.previous.search(before) and not eras.current.search(sentence[clause.start:]):
        return "either"
    if eras.other(before) and not eras.current.search(sentence[clause.start:]):
        return "other_or_current"
    return "current"


def _nearest_marker(clause: str, start: int, end: int, eras: Eras) -> Optional[str]:
    """The era marker nearest the figure in its clause: "15,896 votes this time against 36,720 in 2019"."""
    best = None
    for era, pattern in (("previous", eras.previous), ("current", eras.current)):
        for m in pattern.finditer(clause):
            gap = m.start() - end if m.start() >= end else start - m.end()
            # a marker after the figure binds more tightly than one before it
            gap = max(gap, 0) * (1 if m.start() >= end else 2)
            if best is None or gap < best[0]:
                best = (gap, era)
    return best[1] if best else None


def from_to_pairs(sentence: str, quantities: list[Quantity], eras: Optional[Eras] = None) -> dict[int, str]:
    """Index of each quantity that is the X or the Y of "from X to Y" (or "to Y from X")."""
    previous = (eras or default_eras()).previous_year
    roles: dict[int, str] = {}
    for i in range(len(quantities) - 1):
        a, b = quantities[i], quantities[i + 1]
        between = sentence[a.end:b.start]
        left = sentence[max(0, a.start - 12):a.start]
        unit = r"(?:votes?|per\s*cent|%|seats?|mps|points?)?"
        if re.fullmatch(rf"\s*{unit}\s*(?:in\s+{previous}\s+)?,?\s*to\s+(?:just\s+|only\s+)?", between, re.I) \
                and re.search(r"\bfrom\s*$", left, re.I):
            roles[i], roles[i + 1] = "from", "to"
        elif re.fullmatch(rf"\s*{unit}\s*,?\s*from\s+", between, re.I) and re.search(r"\bto\s*$", left, re.I):
            roles[i], roles[i + 1] = "to", "from"
    for i, q in enumerate(quantities):
        if i in roles:
            continue
        before = sentence[max(0, q.start - 20):q.start]
        # "down from 5,218", and "from 48" straight after another figure ("reduced to nine seats from 48")
        if re.search(r"\b(?:down|up|fell|rose|dropped|slipped|climbed)\s+from\s*$", before, re.I) or (
                i > 0 and re.search(r"\bfrom\s*$", before, re.I)
                and not re.search(r"[.;:]|,\s", sentence[quantities[i - 1].end:q.start])):
            roles[i] = "from"
    return roles


def classify(sentence: str, q: Quantity, pair_role: Optional[str]) -> Optional[tuple[str, Optional[str]]]:
    """(kind, role) for a figure, or None when it is not a seat-level election figure this stage checks."""
    left = sentence[max(0, q.start - 80):q.start]
    right = sentence[q.end:q.end + 40]
    clause = clause_of(sentence, q.start).text
    if q.unit in ("percent", "fraction", "points"):
        if TURNOUT.search(clause) or (TURNOUT.search(sentence) and pair_role):
            return "turnout", None
        if re.search(r"\bswing\b", clause, re.I):
            return "share_change", "swing"
        if OUT_OF_SCOPE_SHARE.search(clause):
            return None
        if (
                TURNOUT.search(sentence[:q.start]) and not re.search(r"\bshare\b|\bof\s+the\s+votes?\b", clause, re.I)) \
                or re.match(r"^\s*of\s+(?:eligible\s+voters|the\s+electorate|registered\s+voters)", right, re.I):
            return "turnout", None
        if re.search(r"\bmajorit(?:y|ies)\b", clause, re.I):
            return None  # majority as a percentage of the vote: not a kind this stage checks
        if q.unit == "points" or q.signed or CHANGE_WORDS.search(left[-30:]) or re.search(r"^\s*(?:swing|increase|rise|drop|fall)", right, re.I):
            return "share_change", None
        if SHARE_WORDS.search(clause) or re.search(r"\(\s*$", sentence[max(0, q.start - 2):q.start]) or re.search(
                r"\d[\d,]*\s*,?\s*$", left):
            return "vote_share", None
        return None
    if q.unit != "count":
        return None
    if q.value >= 100_000 and (q.qualifier != "exact" or re.search(r"million|[mk]\b", q.text, re.I)):
        return None  # a national total, not a seat's figure
    if re.match(r"^\s*(?:such\s+|more\s+|other\s+|of\s+(?:the\s+|its\s+|their\s+)?)?(?:seats?|constituenc|mps?\b|councils?|wards?)", right, re.I) \
            and not (q.value > 650 and re.search(r"majorit", left[-25:], re.I)):
        return None  # a count of seats (more than 650 after "majority of" is a slip for votes)
    if TURNOUT.search(clause) or BALLOTS_CAST.search(right[:25]):
        if BALLOTS_CAST.search(sentence) or re.match(r"^\s*(?:votes?|ballots?)\b", right, re.I):
            return "turnout", "count"
    if ELECTORATE.search(clause) and not re.match(r"^\s*votes?\b", right, re.I):
        if re.search(r"\belectorate\s+(?:of|was|is|stood\s+at|numbered|totall?ed)\s*$|\belectorate\b[^.]{0,20}$", left, re.I) \
                or re.match(r"^\s*(?:registered|eligible)\s+voters|^\s*electors"
                            r"|^\s*(?:people|voters|electors)\s+(?:on|registered)", right, re.I):
            return "electorate", None
    if re.search(r"\b(?:cut|reduced|slashed|fell|dropped|shrank|down|increased|grew|rose|up)\s+to\s*$", left, re.I) \
            and re.search(r"\bmajorit", sentence[:q.start], re.I):
        return "majority", "now"  # "was cut to 1,689": the figure it ended at
    if pair_role and re.search(r"\bvotes?\b|\btally\b|\bsupport\b", sentence[:q.start], re.I) \
            and not re.search(r"\bmajorit|\bturn(?:ed)?[\s-]?out", sentence[:q.start], re.I):
        return "votes", None
    if MAJORITY_CHANGE_LEFT.search(left) and re.search(r"\bmajorit", sentence, re.I):
        return "majority", "majority_change"
    by_votes = re.search(r"\bby\s*$", left) and re.match(r"^\s*votes?\b", right, re.I)
    if re.match(r"^[\s-]*seats?[\s-]+majority", right, re.I) or re.search(r"\bmajority\s+of\s*$", left, re.I) and \
            re.match(r"^\s*seats\b", right, re.I) and q.value <= 650:
        return None  # a majority in the Commons, not in a seat
    if re.search(r"\b(?:commons|parliamentary|overall|working|landslide|governing)\s+majority\b|"
                 r"\bmajority\s+in\s+the\s+(?:commons|house)\b", left[-40:] + right[:30], re.I):
        return None  # a majority in the Commons: a count of seats, read by scope.py
    if MAJORITY_LEFT.search(left) or MAJORITY_RIGHT.search(right) or by_votes or (
            pair_role and re.search(r"\bmajorit(?:y|ies)\b", sentence[:q.start], re.I)):
        role = None
        if re.search(r"\b(?:lost|losing|loses|lose|beaten|trailed|trailing|behind|came\s+within|within)\b", left[-60:] + right[:20], re.I):
            role = "gap"
        return "majority", role
    if RATIO.search(left[-25:]):
        return None
    if re.search(r"\b(?:a|with|the)\s+(?:vote|tally|total)\s+of\s*$", left, re.I):
        return "votes", None
    if NOT_VOTES_RIGHT.search(right):
        return None
    votes_word = re.match(r"^\s*(?:votes?|ballots?)\b", right, re.I)
    if not re.search(r"\d", q.text) and not votes_word:
        return None  # "four to independents": a number word is a vote count only when it says so
    listed = re.search(r",\s*$", left) and re.match(r"^\s*(?:\(|$)", right)  # "Jo Bloggs, Labour, 15,647 (33.4%)"
    against = re.search(r"\bagainst\s*$", left) and re.search(r"\bvotes?\b", sentence[:q.start], re.I)
    if (VOTES_RIGHT.search(right) and (VOTES_LEFT.search(left) or votes_word)) or listed or against:
        if re.match(r"^\s*(?:votes?\s+)?(?:between\s+them|combined|together|in\s+total\s+between)", right, re.I):
            return "votes", "combined"
        rank = None
        m = RANK.search(left[-40:])
        if m and m.group(1).lower() in RANK_NUM:
            rank = f"rank:{RANK_NUM[m.group(1).lower()]}"
        return "votes", rank
    return None


PREVIOUS_KIND = {"majority": "previous_majority", "votes": "previous_votes", "vote_share": "previous_share"}


def extract_claims(sentence: str, index: int, mentions: Sequence[Mention] = (),
                   art: Optional[ArticleScope] = None, group_here=...) -> list[ClaimCandidate]:
    """Claim candidates for every figure in one sentence that reads as an election figure.

    With the sentence's mentions and the article's scope, figures about the
    country, a nation or a group of seats are read too (scope.py); without
    them only seat-level figures are.
    """
    quantities = find_quantities(sentence)
    if not quantities:
        return []
    eras = (art.eras if art is not None else None) or default_eras()
    pairs = from_to_pairs(sentence, quantities, eras)
    if group_here is ...:  # not read by the caller: (GroupSpec, threshold span) when the sentence defines a group
        group_here = parse_group(sentence) if art is not None else None
    if art is not None:
        for i, role in subset_roles(sentence, quantities).items():
            pairs.setdefault(i, role)
    # a party found only through "the party" (a low-score mention) is marked as a guess
    parties = [(m.start, m.end, m.key if m.score >= 75 else "?" + m.key) for m in mentions if m.type == "party" and m.key]
    seats = [m for m in mentions if m.type == "seat" and m.key]
    out: list[ClaimCandidate] = []
    kinds: dict[int, tuple] = {}  # what each figure was read as, for "from X to Y" and "down from X"
    for i, q in enumerate(quantities):
        scope = None
        got = None
        if art is not None:
            clause = clause_of(sentence, q.start)
            has_person = any(m.type == "candidate" and (m.key or m.alternatives) for m in mentions)
            # a count of seats ignores a seat named in another clause: "The SDLP keep their two seats,
            # Alliance swap North Down..."; any other figure is the named seat's
            has_seat = bool(seats)
            if q.unit == "count" and re.match(r"^\s*(?:[\w’'-]+\s+){0,3}?(?:seats|mps)\b", sentence[q.end:q.end + 40], re.I):
                has_seat = any(m.start < clause.end and m.end > clause.start for m in seats)
            wide = classify_wide(sentence, q, pairs.get(i), parties, has_seat, has_person, art, group_here)
            if wide:
                got, scope = wide[:2], wide[2]
        if got is None:
            got = classify(sentence, q, pairs.get(i))
        if not got and out and out[-1].kind == "votes" and _parallel(sentence, out[-1].quantity, q):
            got = ("votes", None)
        if not got and out and out[-1].kind == "seats" and out[-1].scope is not None and re.search(
                r"\b(?:up|down)\s+from\s*$|\b(?:compared\s+with|against|from)\s*$", sentence[out[-1].quantity.end:q.start]) \
                and not re.match(r"^\s*(?:votes?|per\s*cent|%)", sentence[q.end:], re.I):
            # "411 seats in 2024, up from 202 in 2019": the same count at the other election
            got, scope = ("seats", None), out[-1].scope
        partner = _pair_partner(sentence, quantities, pairs, i)
        if partner is not None and partner in kinds and pairs.get(i) in ("from", "to"):
            # the two ends of "from X to Y" (or "Y, down from X") are the same kind of figure
            (kind, role), scope = kinds[partner]
            got = (kind, None if role == "now" else role)
        if not got:
            continue
        kinds[i] = (got, scope)
        kind, role = got
        q = _loosen_round_within(sentence, q)
        era = era_of(sentence, q, "to" if role == "now" else (pairs.get(i) if pairs.get(i) in ("from", "to") else None),
                     eras)
        role = None if role == "now" else role
        if role == "majority_change":
            kind = "previous_majority"
        elif era in ("previous", "other") and kind in PREVIOUS_KIND and scope is None:
            kind = PREVIOUS_KIND[kind]
        if kind in ("share_change", "aggregate") and (role in (None, "wide", "swing", "group_average_change")) \
                and q.unit in ("points", "percent") and not q.signed:
            q = _directed(sentence, q)
        flags = "provisional" if art is not None and (art.provisional or art.election_night) and scope is not None \
            else None
        out.append(ClaimCandidate(kind=kind, quantity=q, sentence=sentence, sentence_index=index,
                                  quote=q.text, role=_join(role, f"era:{era}", flags), scope=scope))
    return out


def _pair_partner(sentence: str, quantities: list[Quantity], pairs: dict[int, str], i: int) -> Optional[int]:
    """The figure at the other end of i's "from X to Y", or the one "down from X" refers back to."""
    role = pairs.get(i)
    if role == "to" and pairs.get(i - 1) == "from":
        return i - 1
    if role == "from" and pairs.get(i + 1) == "to":
        return None  # the "to" end decides, once it is read
    if role == "from" and i > 0 and not re.search(r"[.;]", sentence[quantities[i - 1].end:quantities[i].start]):
        return i - 1
    return None


def _parallel(sentence: str, before: Quantity, q: Quantity) -> bool:
    """"X polled 15,647 votes and Y 15,119": a count after a name, in a list begun with votes."""
    between = sentence[before.end:q.start]
    return bool(re.fullmatch(r"\s*(?:votes?)?\s*(?:,|and|,\s*and|while|with)\s+(?:[\w’'-]+\s+){0,4}?"
                             r"(?:[A-Z][\w’'-]+\s*)+(?:[’']s\s*)?(?:on\s+|with\s+)?", between)) \
        and bool(re.match(r"^\s*(?:votes?\b|[,.;)]|$)", sentence[q.end:]))


FALL = re.compile(r"\b(?:down|fell|fall|falls|falling|drop|dropped|drops|dropping|lost|losing|declined?|decline|"
                  r"slumped|slump|cut|decrease[sd]?|plunged|plummeted|shed|slid)\b", re.I)
RISE = re.compile(r"\b(?:up|rose|rise|rises|rising|increased?|increase|gained?|gain|grew|climbed|jumped|surged)\b", re.I)


def _directed(sentence: str, q: Quantity) -> Quantity:
    """"down on average by 23 points" is a change of -23: the sign the words give the figure."""
    before = sentence[max(0, q.start - 40):q.start]
    fall, rise = list(FALL.finditer(before)), list(RISE.finditer(before))
    last_fall = fall[-1].start() if fall else -1
    last_rise = rise[-1].start() if rise else -1
    if last_fall <= last_rise:
        return q
    return q.model_copy(update={"value": -q.value, "low": -q.high, "high": -q.low, "signed": True})


def _loosen_round_within(sentence: str, q: Quantity) -> Quantity:
    """"to within 1,500 votes": a round number after "within" is a ceiling, not a count."""
    if q.qualifier != "exact" or q.unit != "count" or not re.search(r"\bwithin\s*$", sentence[:q.start], re.I):
        return q
    digits = re.sub(r"\D", "", q.text)
    if len(digits) - len(digits.rstrip("0")) < 2:
        return q
    return q.model_copy(update={"qualifier": "at_most", "low": q.value * 0.75, "high": q.value, "hedge": "within"})


def _join(*parts: Optional[str]) -> str:
    return ";".join(p for p in parts if p)


def role_has(candidate: ClaimCandidate, key: str) -> Optional[str]:
    """The value of `key` in the candidate's role string ("era:previous;rank:3")."""
    for part in (candidate.role or "").split(";"):
        if part == key:
            return key
        if part.startswith(key + ":"):
            return part.split(":", 1)[1]
    return None
