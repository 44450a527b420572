"""The shared vocabulary of the pipeline.

Every stage reads and writes these models and nothing else, so a stage can be
replaced (another election, another extractor) without touching its
neighbours. The public JSON report is `Report.model_dump(mode="json")`; its
JSON Schema is generated from these classes (`factcheck schema`) and committed
as `factcheck/schema/report.schema.json`.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "2"  # 2: each claim names the election it was judged against

Verdict = Literal["accurate", "inaccurate", "unverifiable"]
Qualifier = Literal["exact", "more_than", "less_than", "about", "at_least", "at_most", "nearly", "range"]
Unit = Literal["count", "percent", "points", "fraction"]
Kind = Literal[
    "majority",
    "votes",
    "vote_share",
    "share_change",
    "previous_majority",
    "previous_votes",
    "previous_share",
    "turnout",
    "electorate",
    "seats",
    "national_votes",
    "national_share",
    "aggregate",
    "demographic",
    "rank",
    "comparison",
    "outcome",
]


# ---------------------------------------------------------------- input stage
class Article(BaseModel):
    """One article as the readers found it: markup removed, metadata kept."""

    text: str
    source: str = "-"
    title: Optional[str] = None
    date: Optional[str] = None
    url: Optional[str] = None
    warnings: list[str] = Field(default_factory=list)


# ---------------------------------------------------------- quantity reading
class Quantity(BaseModel):
    """A figure as written, with the interval its wording allows.

    `low`/`high` carry the hedge ("more than 22,000" -> (22000, inf)) and the
    precision of the figure ("13,000" admits rounding); the verifier only
    asks whether the official value falls inside.
    """

    value: float
    unit: Unit
    qualifier: Qualifier = "exact"
    low: float
    high: float
    text: str
    start: int  # character offsets into the sentence text
    end: int
    hedge: Optional[str] = None  # the hedge words as written ("more than")
    signed: bool = False  # written with an explicit + or - sign
    alternatives: list[float] = Field(
        default_factory=list,
        description=("Other values the written figure can stand for: '1.900' in a vote count is 1,900 (value) "
                     "or 1.9; 'Loony Party -211' is 211 (a dash) or -211 (a sign). Each is read exactly, at the "
                     "precision it was written. The judge must never call such a figure inaccurate: it is "
                     "accurate if the value or any alternative fits, else unverifiable."))


# ---------------------------------------------------------------- scope
class GroupSpec(BaseModel):
    """A set of seats the text defines: by census threshold, nation or region, or result."""

    label: str  # how the explanation names the group
    nation: Optional[str] = None
    region: Optional[str] = None
    religion: Optional[str] = None  # Census 2021 category, e.g. "Muslim"
    threshold: Optional[float] = None  # percent of residents
    strict: bool = False  # "more than" rather than "or more"
    lost_by: Optional[str] = None  # party code: the seats it held (notional 2019) and lost
    gained_by: Optional[str] = None  # party code: the seats it won from another party
    seats: list[str] = Field(default_factory=list)  # the seats the text names, when it lists them


class Scope(BaseModel):
    """What a figure is about, beyond one seat."""

    level: Literal["national", "nation", "group"]
    nation: Optional[str] = None
    group: Optional[GroupSpec] = None
    explicit: bool = False  # the text says so ("nationally", "in Scotland", "such seats")
    party: Optional[str] = None  # whose figure it is, as the sentence reads
    party_guessed: bool = False  # found only through "they" / "the party": never enough to condemn


# ---------------------------------------------------------------- linking
class Mention(BaseModel):
    """A name in the text resolved (or not) to the reference tables."""

    type: Literal["candidate", "seat", "party"]
    text: str
    start: int
    end: int
    key: Optional[str] = None  # candidate id, ons_id or party code
    alternatives: list[str] = Field(default_factory=list)  # other keys that fit as well
    score: float = 100.0


class ClaimCandidate(BaseModel):
    """A figure in a sentence and what the sentence says about it."""

    kind: Kind
    quantity: Optional[Quantity]  # None for an outcome ("Labour held Rochdale")
    sentence: str
    sentence_index: int
    quote: str
    role: Optional[str] = None  # structural cue: "lost_by", "came_within", "rank:3", ...
    mentions: list[Mention] = Field(default_factory=list)
    scope: Optional[Scope] = None  # set when the figure is national, for a nation, or over a group of seats


class LinkedClaim(BaseModel):
    """A claim candidate tied to a seat, a candidate and a party."""

    candidate: ClaimCandidate
    ons_id: Optional[str] = None
    person: Optional[str] = None  # candidate key in the reference tables
    party: Optional[str] = None  # party code
    parties: list[str] = Field(default_factory=list)  # every party the sentence credits with the figure
    other_person: Optional[str] = None  # the opponent in "beat X by", "behind X"
    old_seats: list[str] = Field(default_factory=list)  # 2019-boundary seats the text names for this claim
    ambiguous: list[str] = Field(default_factory=list)  # people/seats the text could mean
    link_note: Optional[str] = None
    weak_link: bool = False  # tied through context with nothing in the sentence pointing back: never "inaccurate"


# ---------------------------------------------------------------- readings
Era = Literal["current", "previous", "other", "forecast"]
Level = Literal["candidate", "party", "seat", "uk", "nation", "region", "place", "group"]


class Subject(BaseModel):
    """Whose figure a reading takes it to be: a candidate, a party in a seat, a seat, or a set of seats."""

    level: Level
    ons_id: Optional[str] = None
    person: Optional[str] = None  # candidate key
    party: Optional[str] = None  # party code (for a wide figure, whose total)
    other: Optional[str] = None  # a second person the sentence sets against the subject ("beat X by")
    parties: list[str] = Field(default_factory=list)  # every party the sentence credits ("between them")
    old_seats: list[str] = Field(default_factory=list)  # previous-boundary seats the text names
    nation: Optional[str] = None
    region: Optional[str] = None
    place: Optional[str] = None  # a place's name (county, city, area)
    group: Optional[GroupSpec] = None
    weak: bool = False  # reached only through the article's context or a pronoun: never enough to condemn
    ambiguous: list[str] = Field(default_factory=list)  # other people the same name fits: never enough to confirm
    label: str = ""  # how an explanation names it


class Reading(BaseModel):
    """One thing a figure may mean, with the weight the text gives it.

    The weight is the product of what the words make of the figure's kind,
    its election and its scope (readings/cues.py) and of how the sentence
    ties it to this subject (readings/subjects.py): a probability-like score
    in (0, 1], compared between the readings of one figure only.
    """

    kind: str
    subject: Subject
    era: Era
    roles: list[str] = Field(default_factory=list)
    weight: float
    shares: dict[str, float] = Field(default_factory=dict)  # P(kind), P(era), P(scope), P(subject | scope)
    cues: list[str] = Field(default_factory=list)


class Figure(BaseModel):
    """A number in the text that may be an election claim, with everything read about it."""

    quantity: Quantity
    sentence: str
    sentence_index: int
    quote: str
    readings: list[Reading] = Field(default_factory=list)
    kinds: dict[str, float] = Field(default_factory=dict)  # what the words make of its kind
    eras: dict[str, float] = Field(default_factory=dict)
    scopes: dict[str, float] = Field(default_factory=dict)
    not_claim: float = 0.0  # how sure the words are that this is not an election result
    bare: bool = False  # no election word and no name around it: a number, not a claim
    cues: list[str] = Field(default_factory=list)
    supported: list[str] = Field(default_factory=list)  # kinds the words speak for, beyond the priors
    # the weight left, per kind, for someone in the figure's seat the sentence does not name: the judge may
    # ask the tables about every candidate there instead (judge/field.py)
    unnamed: dict[str, float] = Field(default_factory=dict)


# ---------------------------------------------------------------- output
class Claimed(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: Optional[float]
    qualifier: Qualifier


class Official(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: Optional[float]
    dataset: str
    detail: str


class ConstituencyRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ons_id: str
    name: str


class Claim(BaseModel):
    """One checked figure: what the article says, what the tables say, and why."""

    # every field is always written, `election` too: the schema says so
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)
    id: str
    kind: str
    verdict: Verdict
    sentence: str
    quote: str
    claimed: Claimed
    official: Optional[Official]
    constituency: Optional[ConstituencyRef]
    subject: Optional[str]
    explanation: str
    correction: Optional[str]
    confidence: float = Field(ge=0.0, le=1.0)
    # the election the article was judged against (an adapter's key, e.g. "2024"); None when the article
    # reports an election the reference data do not hold, and the figure was therefore not judged
    election: Optional[str] = None


class Summary(BaseModel):
    model_config = ConfigDict(extra="forbid")
    claims: int
    accurate: int
    inaccurate: int
    unverifiable: int


class Report(BaseModel):
    """What `factcheck run --format json` prints, one per article."""

    model_config = ConfigDict(extra="forbid")
    schema_version: Literal["2"] = SCHEMA_VERSION
    source: str
    title: Optional[str]
    date: Optional[str]
    summary: Summary
    claims: list[Claim]

    @classmethod
    def build(cls, article: Article, claims: list[Claim]) -> "Report":
        counts = {v: sum(c.verdict == v for c in claims) for v in ("accurate", "inaccurate", "unverifiable")}
        return cls(
            source=article.source,
            title=article.title,
            date=article.date,
            summary=Summary(claims=len(claims), **counts),
            claims=claims,
        )
