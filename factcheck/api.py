"""The library API the CLI, the batch runner and a notebook all call.

A `Checker` owns the expensive things, the spaCy pipeline and each
election's reference indexes, and is built once; `check_text`/`check_file`
use a shared default Checker so repeated calls in a notebook cost only the
article. Each article is checked against the election it reports (or the one
the caller names): linked to that election's seats and candidates, judged
against its tables with its previous election as "previous".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .extract import Eras, era_markers, extract_claims
from .link.names import ArticleContext, NameIndex, find_mentions, link_claim, name_index, resolve_alternatives, \
    update_context
from .models import Article, Claim, Mention, Report
from .outcomes import read_comparisons, read_outcomes, read_ranks
from .read.election import ElectionChoice, ElectionInfo, NameSet, choose_election
from .read.ingest import read_path, read_text
from .read.sentences import DEFAULT_MODEL, load_nlp
from .read.sentences import sentences as split_sentences
from .reference import ADAPTERS, LATEST, Election, UnknownElection, load_reference
from .scope import ArticleScope, article_nation, election_night, note_running_count, parse_group
from .verify import Verifier
from .verify_outcome import check_comparison, check_outcome, check_rank

AUTO = "auto"  # choose each article's election from its date and words (read/election.py)


@dataclass
class Judged:
    """One election's tables, name index, judge and era words: what checking an article against it needs."""

    ref: Election
    index: NameIndex
    verifier: Verifier
    eras: Eras


class Checker:
    """Everything needed to check articles, loaded once.

    `election` is "auto" (each article against the election it reports,
    `read/election.py`) or an adapter's key (every article against that
    election). Each election's tables and indexes are built the first time
    an article needs them, then kept.
    """

    def __init__(self, model: str = DEFAULT_MODEL, data_dir: Optional[str | Path] = None, election: str = AUTO):
        if election != AUTO and election not in ADAPTERS:
            raise UnknownElection(f"unknown election {election!r}: choose auto or one of {', '.join(ADAPTERS)}")
        self.election = election
        self.data_dir = data_dir
        self._judged: dict[str, Judged] = {}
        self._names: Optional[dict[str, NameSet]] = None
        self.default = self.judged(LATEST if election == AUTO else election)  # broken tables stop us here
        self.nlp = load_nlp(model)

    # the default election's parts, under the names the first Checker gave them
    @property
    def ref(self) -> Election:
        return self.default.ref

    @property
    def index(self) -> NameIndex:
        return self.default.index

    @property
    def verifier(self) -> Verifier:
        return self.default.verifier

    def judged(self, key: str) -> Judged:
        """The election `key`'s tables, index and judge, built once."""
        if key not in self._judged:
            ref = load_reference(self.data_dir, key)
            self._judged[key] = Judged(ref=ref, index=name_index(ref), verifier=Verifier(ref), eras=era_markers(ref))
        return self._judged[key]

    def choose(self, article: Article) -> ElectionChoice:
        """The election `article` is judged against, and why."""
        if self.election != AUTO:
            return ElectionChoice(key=self.election, reason=f"The election was chosen: {ADAPTERS[self.election].name}.")
        return choose_election(article, [ElectionInfo.of(cls) for cls in ADAPTERS.values()], self._name_sets)

    def _name_sets(self) -> dict[str, NameSet]:
        if self._names is None:
            self._names = {key: NameSet.of(self.judged(key).ref) for key in ADAPTERS}
        return self._names

    def check(self, article: Article) -> Report:
        return next(self.check_many([article]))

    def check_many(self, articles: Iterable[Article], batch_size: int = 64) -> Iterator[Report]:
        """Reports in input order; spaCy sees the articles' lines in batches."""
        for article in articles:
            lines = [ln.strip() for ln in article.text.split("\n") if ln.strip()]
            sentences = split_sentences(self.nlp, lines, batch_size)
            choice = self.choose(article)
            if choice.key is None:
                claims = _not_judged(self._claims(sentences, article.date, self.default), choice)
            else:
                claims = self._claims(sentences, article.date, self.judged(choice.key))
            yield Report.build(article, claims)

    def _claims(self, sentences: list[tuple[str, tuple]], date: Optional[str], judged: Judged) -> list[Claim]:
        ref, index, verifier = judged.ref, judged.index, judged.verifier
        ctx = ArticleContext()
        # first pass: every seat and party the article names, so a name shared by two candidates can be
        # placed and a Northern Ireland round-up is read as one
        first = [find_mentions(text, index, ArticleContext(), ents) for text, ents in sentences]
        for ms in first:
            ctx.article_seats.update(m.key for m in ms if m.type == "seat" and m.key
                                     and not ref.is_previous_actual(m.key))
        art = ArticleScope(election_night=election_night(date, ref.polling_day), eras=judged.eras, nation=article_nation(
            [t for t, _ in sentences],
            [m.key for ms in first for m in ms if m.type == "party" and m.key],
            [ref.seats[o].country for o in ctx.article_seats if o in ref.seats]))
        claims: list[Claim] = []
        for i, (text, ents) in enumerate(sentences):
            mentions = find_mentions(text, index, ctx, ents)
            resolve_alternatives(mentions, index, ctx)
            mentions = _party_anaphor(text, mentions, art)
            group = parse_group(text)
            note_running_count(art, text)
            here = []
            for cc in extract_claims(text, i, mentions, art, group):
                linked = link_claim(cc, mentions, index, ctx)
                here.append((cc, verifier.verify(linked, f"c{len(claims) + len(here) + 1}")))
            claims += [c for _, c in here]
            for linked in read_comparisons(text, i, mentions, [cc for cc, _ in here], ref):
                figure = next(c for cc, c in here if cc.quantity is linked.candidate.quantity)
                claims.append(check_comparison(ref, linked, figure, f"c{len(claims) + 1}"))
            for linked in read_ranks(text, i, mentions, ref):
                claims.append(check_rank(ref, linked, f"c{len(claims) + 1}"))
            for linked in read_outcomes(text, i, mentions, index, ctx):
                claims.append(check_outcome(ref, linked, f"c{len(claims) + 1}"))
            if group:
                art.group = group[0]  # "such seats" in a later sentence means these
            named = list(dict.fromkeys(m.key for m in mentions if m.type == "party" and m.key and m.score >= 75))
            if named:
                # "the party" in the next sentence is sure only when this one named a single party
                art.party, art.party_certain = named[0], len(named) == 1
            update_context(mentions, index, ctx)
        for c in claims:
            c.election = ref.key
        return claims


def _not_judged(claims: list[Claim], choice: ElectionChoice) -> list[Claim]:
    """An article about an election the data do not hold: its figures are listed, none judged."""
    return [c.model_copy(update=dict(verdict="unverifiable", official=None, correction=None, constituency=None,
                                     subject=None, confidence=0.8, election=None, explanation=choice.reason))
            for c in claims]


_THE_PARTY = re.compile(r"\b(?:the|its|their)\s+party(?:[’']s)?\b", re.I)


def _party_anaphor(text: str, mentions: list[Mention], art: ArticleScope) -> list[Mention]:
    """"The party's vote is down": the party the article last named."""
    m = _THE_PARTY.search(text)
    if not m:
        return mentions
    named_before = [x for x in mentions if x.type == "party" and x.key and x.end <= m.start()]
    key = named_before[-1].key if named_before else art.party
    if key is None:
        return mentions
    score = 90.0 if named_before or art.party_certain else 70.0
    return sorted([*mentions, Mention(type="party", text=m.group(0), start=m.start(), end=m.end(), key=key,
                                      score=score)], key=lambda x: x.start)


@lru_cache(maxsize=4)
def default_checker(model: str = DEFAULT_MODEL, data_dir: Optional[str] = None, election: str = AUTO) -> Checker:
    return Checker(model, data_dir, election)


def check_text(text: str, *, source: str = "-", title: Optional[str] = None, date: Optional[str] = None,
               model: str = DEFAULT_MODEL, data_dir: Optional[str] = None, election: str = AUTO) -> Report:
    """Check one article given as a string (plain text, HTML or a tagged archive record)."""
    articles = read_text(text, source)
    article = articles[0]
    if title is not None or date is not None:
        article = article.model_copy(update={"title": title or article.title, "date": date or article.date})
    return default_checker(model, data_dir, election).check(article)


def check_file(path: str | Path, *, model: str = DEFAULT_MODEL, data_dir: Optional[str] = None,
               election: str = AUTO) -> Report:
    """Check the (first) article in a file; `check_articles` for every record of a multi-record file."""
    return default_checker(model, data_dir, election).check(read_path(str(path))[0])


def check_articles(articles: Iterable[Article], *, model: str = DEFAULT_MODEL,
                   data_dir: Optional[str] = None, election: str = AUTO) -> Iterator[Report]:
    return default_checker(model, data_dir, election).check_many(articles)
