"""Figures about more than one seat: the country, a nation, or a group the text defines.

"Labour won 411 seats", "Reform UK secured over four million votes",
"Labour won 37.1 per cent of the combined vote in the 28 seats where a
quarter of the population is Muslim", "SF 210,891 (27.0%, +4.2%) 7 seats"
in a Northern Ireland round-up: each is checked against a total, not a seat.
This module reads which total: it parses group definitions ("seats where 20%
or more of the population identify as Muslim"), follows "such seats" and
"those seats" back to the last group defined, notices the nation a sentence
or an article is about, and classifies the figure into one of the wide kinds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .models import GroupSpec, Quantity, Scope
from .read.figures import find_quantities

RELIGIONS = ("Muslim", "Christian", "Hindu", "Sikh", "Jewish", "Buddhist")
NATIONS = {
    "scotland": "Scotland", "scottish": "Scotland", "wales": "Wales", "welsh": "Wales", "england": "England",
    "english": "England", "northern ireland": "Northern Ireland", "ni": "Northern Ireland",
}
NI_PARTIES = {"SF", "DUP", "SDLP", "UUP", "APNI", "TUV", "AONT", "PBPA"}
PARTY_NATION = {**{p: "Northern Ireland" for p in NI_PARTIES}, "SNP": "Scotland", "PC": "Wales", "Alba": "Scotland"}

_REL = "|".join(RELIGIONS)
GROUP_DEF = re.compile(
    r"\b(?:seats|constituencies|areas|places|wards)\s+(?:where|in\s+which|with|that\s+have)\s+"
    r"(?P<amount>[^.;]{1,40}?)\s+(?:of\s+)?(?:the\s+|their\s+)?(?:population|residents|people|inhabitants)"
    rf"[^.;]{{0,25}}?\b(?P<religion>{_REL})s?\b", re.I)
GROUP_DEF_REVERSED = re.compile(
    rf"\b(?:seats|constituencies|areas)\s+(?:where|in\s+which)\s+(?P<religion>{_REL})s?\s+"
    r"(?:people\s+|residents\s+|voters\s+)?(?:make\s+up|are|form|account\s+for)\s+(?P<amount>[^.;]{1,40}?)"
    r"\s+of\s+(?:the\s+)?(?:population|residents)", re.I)
VAGUE_GROUP = re.compile(rf"\b(?:large|high|significant|sizeable|big)\s+(?:proportion\s+of\s+)?(?P<religion>{_REL})", re.I)
GROUP_ANAPHOR = re.compile(r"\b(?:such|those|these)\s+(?:\w+\s+)?(?:seats|constituencies|areas)\b"
                           r"|\b(?:across|in)\s+(?:those|these|them)\b|\btheir\s+combined\s+vote\b", re.I)
NATIONAL = re.compile(r"\bnational(?:ly)?\b|\bacross\s+the\s+(?:country|uk|nation)\b|\buk-wide\b|\bnationwide\b"
                      r"|\boverall\b|\bin\s+the\s+(?:uk|country)\b|\bat\s+westminster\b|\bin\s+the\s+commons\b"
                      r"|\bacross\s+(?:britain|great\s+britain)\b|\bgeneral\s+election\b"
                      r"|\b(?:the\s+)?uk(?:[’']s)?\s+(?:vote|votes|share|total|electorate|turnout)\b|\bof\s+the\s+uk\b"
                      r"|\bin\s+(?:great\s+)?britain\b", re.I)
NATION_WORD = re.compile(r"\b(?:northern\s+ireland|scotland|scottish|wales|welsh|england|english|ni)\b", re.I)
SEAT_WORDS = re.compile(r"^\s*(?:of\s+(?:the\s+|its\s+|their\s+)?)?(?:[\w’'-]+\s+){0,3}?(?:seats?|mps|constituencies)\b",
                        re.I)
SEAT_CHANGE = re.compile(r"^\s*\(\s*(?:[+\-−–]\s*\d+|0)\s*\)")
SEATS_WON = re.compile(r"\b(?:won|win|wins|winning|took|take|takes|hold|holds|held|holding|kept|keep|keeps|retained|retain|"
                       r"returned|return|secured|secure|has|have|had|with|on|at|tally|total|now|level|remain|remains|"
                       r"claimed|grabbed|captured|ended\s+up\s+with|finished\s+with|got|get|gets|achieved|achieve|"
                       r"result\s+of|stood\s+at|down\s+to|up\s+to|reduced\s+to|only|just|of)\b", re.I)
SEATS_OTHER = re.compile(r"\b(?:target(?:ed|ing|s)?|contest(?:ed|ing|s)?|(?:stood|standing|stand)\s+(?:in|for)|fielded|field|need(?:ed|s)?|"
                         r"second|third|runner|runners-up|behind|short\s+of|majority\s+of|more\s+than\s+half|"
                         r"candidates|defend(?:ed|ing|s)?)\b", re.I)
LOSS_LEFT = re.compile(r"\b(?:lost|losing|loses|lose)\s*$", re.I)
LOSS_RIGHT = re.compile(r"^\s*(?:losses|seats?\s+lost|mps?\s+lost)\b|^\s*of\s+their\s+previously\s+held\s+seats", re.I)
GAIN_LEFT = re.compile(r"\b(?:gained|gaining|gains|gain|won\s+an?\s+extra|picked\s+up)\s*$", re.I)
TO_PARTY = re.compile(r"^\s*to\s+(?:the\s+)?(?P<party>[A-Z][\w’' -]+|independents?)", re.I)
PROVISIONAL = re.compile(r"\bwith\s+[\d,]+\s+(?:of\s+[\d,]+\s+)?(?:results|seats|constituencies)\s+(?:declared|in|counted)"
                         r"|\bso\s+far\b|\brunning\s+total\b|\bat\s+the\s+time\s+of\s+writing\b|\bwith\s+\d+\s+seats?\s+"
                         r"(?:left|still|yet)\b|\bprojected\b|\bexit\s+poll\b|\bon\s+course\s+(?:for|to)\b", re.I)
OTHER_RECORD = re.compile(r"\brecord\b|\bever\b|\bsince\s+(?:19|20)\d\d\b|\bhistor(?:y|ic)\b", re.I)
DEMOGRAPHIC = re.compile(rf"\b(?P<religion>{_REL})s?\b", re.I)
DEMOGRAPHIC_WHO = re.compile(r"\b(?P<who>population|residents|people|inhabitants|electorate|voters|electors)\b", re.I)
COMMONS_MAJORITY = re.compile(r"^[\s-]*seats?[\s-]+majority|^\s*majority\s+in\s+the\s+(?:commons|house)", re.I)
INCUMBENTS_LOST = re.compile(r"^\s*(?:[\w’'-]+\s+){0,3}?(?:mps|members|incumbents|ministers)\s+(?:who\s+)?"
                             r"(?:lost|were\s+defeated|were\s+ousted|were\s+unseated)", re.I)


@dataclass
class ArticleScope:
    """What the article as a whole is about, and the groups it has defined so far."""

    nation: Optional[str] = None
    group: Optional[GroupSpec] = None  # the last group of seats the article defined
    provisional: Optional[str] = None  # the words that show a running count
    party: Optional[str] = None  # the party the article last named: "the party's vote"
    party_certain: bool = False  # that sentence named no other party
    election_night: bool = False  # published while counts were still coming in
    eras: object = None  # extract.Eras of the election the article is judged against (None: the latest)


def parse_group(sentence: str) -> Optional[tuple[GroupSpec, tuple[int, int]]]:
    """A census-threshold group defined in the sentence, and where its threshold figure is."""
    m = GROUP_DEF.search(sentence) or GROUP_DEF_REVERSED.search(sentence)
    if not m:
        return None
    amount_start, amount_end = m.span("amount")
    qs = [q for q in find_quantities(sentence) if amount_start <= q.start < amount_end + 12]
    if not qs:
        return None
    q = qs[0]
    tail = sentence[q.end:q.end + 16].lower()
    strict = q.qualifier == "more_than" and "or more" not in tail
    religion = m.group("religion").capitalize()
    threshold = q.value
    what = f"{'more than' if strict else 'at least'} {threshold:g}% {religion}"
    spec = GroupSpec(label=f"seats in England and Wales whose Census 2021 population is {what}",
                     religion=religion, threshold=threshold, strict=strict)
    return spec, (q.start, q.end)


def nation_of(sentence: str) -> Optional[str]:
    m = NATION_WORD.search(sentence)
    if not m:
        return None
    word = m.group(0).lower()
    if word == "ni" and not re.search(r"\bNI\b", sentence):
        return None
    return NATIONS.get(" ".join(word.split()))


def classify_wide(sentence: str, q: Quantity, pair_role: Optional[str], parties: list[tuple[int, int, str]],
                  has_seat: bool, has_person: bool, art: ArticleScope,
                  group_here: Optional[tuple[GroupSpec, tuple[int, int]]]) -> Optional[tuple[str, Optional[str], Scope]]:
    """(kind, role, scope) when the figure is about more than one seat, else None.

    `parties` are (start, end, code) of the party mentions in the sentence;
    has_seat/has_person say whether a seat or candidate is named there.
    """
    got = _classify_wide(sentence, q, pair_role, parties, has_seat, has_person, art, group_here)
    if got is None:
        return None
    kind, role, scope = got
    if scope is None:
        return got
    party = _subject_party(sentence, parties, q, art)
    scope = scope.model_copy(update={"party": party.lstrip("?") if party else None,
                                     "party_guessed": bool(party and party.startswith("?"))})
    return kind, role, scope


def subset_roles(sentence: str, quantities: list[Quantity]) -> dict[int, str]:
    """"four out of the five seats in the Bradford district", "9 of Scotland's 57 seats": the part and the whole."""
    roles: dict[int, str] = {}
    for i in range(len(quantities) - 1):
        a, b = quantities[i], quantities[i + 1]
        between = sentence[a.end:b.start]
        if re.fullmatch(r"\s*(?:seats?\s+|mps\s+)?(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+)?(?:[\w’'-]+\s+){0,2}",
                        between, re.I) and SEAT_WORDS.match(sentence[b.end:b.end + 40]):
            roles[i], roles[i + 1] = "subset", "set_size"
    return roles


def _classify_wide(sentence, q, pair_role, parties, has_seat, has_person, art, group_here):
    left = sentence[max(0, q.start - 80):q.start]
    right = sentence[q.end:q.end + 50]
    party = _subject_party(sentence, parties, q, art)
    party = party.lstrip("?") if party else None
    sentence_nation = nation_of(sentence)

    # --- groups of seats
    group = group_here[0] if group_here else None
    if group_here and group_here[1][0] <= q.start < group_here[1][1] + 1:
        return "aggregate", "threshold", Scope(level="group", group=group, explicit=True)
    if group is None and GROUP_ANAPHOR.search(sentence) and art.group:
        group = art.group
    vague = VAGUE_GROUP.search(sentence)
    if group is None and vague and art.group and art.group.religion.lower() == vague.group("religion").lower():
        group = art.group
    if group is None and vague:
        if q.unit == "count" and (SEAT_WORDS.match(right) or TO_PARTY.match(right)):
            return "seats", "vague_group", Scope(level="group", group=None, explicit=False)
    if group is not None and not has_seat:
        scope = Scope(level="group", group=group, explicit=True)
        if q.unit == "count":
            if SEAT_WORDS.match(right) and not LOSS_LEFT.search(left):
                if re.search(r"\blost\b|\blosing\b", sentence[:q.start], re.I) and party:
                    return "seats", "group_losses", scope
                return "aggregate", "group_count", scope
            if LOSS_LEFT.search(left) and SEAT_WORDS.match(right):
                return "seats", "group_losses", scope
            if TO_PARTY.match(right) and re.search(r"\blost\b|\blosing\b", sentence, re.I):
                return "seats", "group_losses_to", scope
            return None
        if q.unit in ("percent", "fraction", "points") and party:
            if q.unit == "points" or re.search(r"\baverage\b", sentence, re.I):
                return "aggregate", "group_average_change", scope
            return "aggregate", "group_share", scope
        return None

    # --- demographics of one place
    demo = DEMOGRAPHIC.search(sentence)
    if demo and q.unit in ("percent", "fraction") and DEMOGRAPHIC_WHO.search(sentence):
        who = DEMOGRAPHIC_WHO.search(sentence).group("who").lower()
        role = "electorate" if who in ("electorate", "voters", "electors") else "residents"
        return "demographic", f"{role}:{demo.group('religion').capitalize()}", None

    # --- national and nation totals
    # a nation's own party is reported against its nation: Plaid's share is of the Welsh vote
    national_words = bool(NATIONAL.search(sentence))
    nation = sentence_nation or (None if national_words else PARTY_NATION.get(party)) or (
        art.nation if art.nation and not has_seat else None)
    level = "nation" if nation else "national"
    explicit = bool(NATIONAL.search(sentence) or sentence_nation)
    scope = Scope(level=level, nation=nation, explicit=explicit)
    if pair_role in ("subset", "set_size"):
        # a part of a whole the text names: a nation's seats, or an area the tables do not group by
        local = Scope(level="nation", nation=sentence_nation, explicit=True) if sentence_nation else \
            Scope(level="group", group=None, explicit=False)
        return ("seats", pair_role, local) if (party or pair_role == "set_size") else None
    commons = COMMONS_MAJORITY.match(right) or (
        re.search(r"\b(?:commons|parliamentary|overall|working|landslide|governing)\s+majority\b|\bmajority\s+in\s+"
                  r"the\s+(?:commons|house)\b", left, re.I) and re.search(r"\bmajority\b[^.;,]{0,25}$", left, re.I)) or (
        re.search(r"\bmajority\s+of\s*$", left, re.I) and re.match(r"^\s*seats\b", right, re.I))
    if q.unit == "count" and commons:
        return ("seats", "commons_majority", scope) if party else None
    if q.unit == "count" and INCUMBENTS_LOST.match(right):
        return ("seats", "incumbents_lost", scope) if party else None
    seat_count = q.unit == "count" and SEAT_WORDS.match(right) and (q.value > 1 or explicit)
    if has_seat and not seat_count:
        return None
    if q.unit == "count" and re.match(r"^\s*(?:votes?\s+)?(?:between\s+them|combined|together)", right, re.I):
        return None  # two parties' votes in one seat
    if q.unit == "count":
        bracketed = SEAT_CHANGE.match(sentence[max(0, q.start - 2):q.end + 2]) or SEAT_CHANGE.match(sentence[q.start:q.end + 2])
        if (bracketed and re.search(r"seats?\s*\(?\s*$", left[-12:], re.I)) or (
                q.signed and re.search(r"seats?\s*\(?\s*$", left[-12:], re.I)):
            return ("seats", "seat_change", scope) if party else None
        if party and (LOSS_LEFT.search(left) or LOSS_RIGHT.match(right)) and (
                SEAT_WORDS.match(right) or LOSS_RIGHT.match(right)):
            return "seats", "seats_lost", scope
        if party and GAIN_LEFT.search(left) and SEAT_WORDS.match(right):
            return "seats", "seats_gained", scope
        if party and (SEAT_WORDS.match(right) or re.search(r"\b(?:tally|total)\s+(?:stood\s+at|of|was|reached)\s*$", left, re.I)
                      or re.search(r"\b(?:win|won|winning)\s*$", left, re.I) and q.value <= 650):
            # seats won or held, not seats targeted, contested, needed, or come second in
            table_line = re.search(r"[)\d%]\s*,?\s*$", left)  # "SF 210,891 (27.0%, +4.2%) 7 seats"
            if q.value <= 650 and (SEATS_WON.search(left[-45:]) or table_line
                                   or re.match(r"^\s*(?:[\w’'-]+\s+){0,3}?mps\b", right, re.I)) \
                    and not SEATS_OTHER.search(left[-45:]):
                return "seats", None, scope
            return None
        if party and (q.value >= 100_000 or (not has_person and (level == "nation" or explicit))) \
                and not re.search(r"\bby\s*$", left) \
                and not re.match(r"^\s*(?:seats?|mps?)\b", right, re.I):
            if re.match(r"^\s*(?:votes?|ballots?)\b|^\s*\(|^\s*$|^\s*[,.;]", right, re.I) or q.value >= 100_000:
                return "national_votes", None, scope
        return None
    if has_person:
        return None  # a share beside a named candidate is that candidate's
    if q.unit in ("percent", "fraction", "points"):
        if re.search(r"\bturn(?:ed)?[\s-]?out\b", sentence, re.I):
            return ("turnout", "national", scope) if explicit or level == "nation" else None
        if not party:
            return None
        if q.unit == "points" or q.signed or re.search(r"\b(?:up|down)\s+by\s*$|\bswing\b", left[-25:], re.I):
            return "share_change", "wide", scope
        return "national_share", None, scope
    return None


PRONOUN_PARTY = re.compile(r"\b(?:they|their|the\s+party)\b", re.I)


def _subject_party(sentence: str, parties: list[tuple[int, int, str]], q: Quantity,
                   art: ArticleScope) -> Optional[str]:
    """The party a figure belongs to: named before it, else in its own clause after it, else the
    party "they" refers to (the one the article last named)."""
    from .extract import clause_of

    before = [p for p in parties if p[1] <= q.start]
    if before:
        return max(before, key=lambda p: p[1])[2]  # "?Lab" when it came from "the party"
    clause = clause_of(sentence, q.start)
    after = [p for p in parties if p[0] >= q.end and p[0] < clause.end]
    if after:
        return min(after, key=lambda p: p[0])[2]
    if PRONOUN_PARTY.search(sentence[:q.start]) and art.party:
        return "?" + art.party  # a guess through a pronoun: good enough to read, never to condemn
    return None


def note_running_count(art: ArticleScope, sentence: str) -> None:
    """Remember the first words that show the article reports a running count ("with 641 results declared")."""
    if art.provisional is None:
        m = PROVISIONAL.search(sentence)
        if m:
            art.provisional = m.group(0)


def election_night(date: Optional[str], polling_day=None) -> bool:
    """An article dated on polling day or the day after may quote tallies that were still running."""
    if not date or polling_day is None:
        return False
    import datetime

    nights = {str(polling_day), str(polling_day + datetime.timedelta(days=1))}
    return str(date).strip()[:10] in nights


def article_nation(sentences: list[str], party_codes: list[str], seat_nations: list[str]) -> Optional[str]:
    """The nation an article is about, when nearly everything it names is there (a Northern Ireland round-up)."""
    votes: dict[str, int] = {}
    for s in sentences:
        n = nation_of(s)
        if n:
            votes[n] = votes.get(n, 0) + 1
    for p in party_codes:
        if p in PARTY_NATION:
            votes[PARTY_NATION[p]] = votes.get(PARTY_NATION[p], 0) + 1
    for n in seat_nations:
        votes[n] = votes.get(n, 0) + 1
    if not votes:
        return None
    top, count = max(votes.items(), key=lambda kv: kv[1])
    others = sum(v for k, v in votes.items() if k != top)
    gb = sum(1 for p in party_codes if p in ("Lab", "LD", "RUK", "SNP", "PC"))
    if top == "Northern Ireland" and count >= 3 and others <= count // 4 and gb <= count // 4:
        return top
    return None
