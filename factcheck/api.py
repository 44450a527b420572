"""The library API the CLI, the batch runner and a notebook all call.

A `Checker` owns the expensive things, the spaCy pipeline and the reference
indexes, and is built once; `check_text`/`check_file` use a shared default
Checker so repeated calls in a notebook cost only the article.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .extract import extract_claims
from .outcomes import read_comparisons, read_outcomes, read_ranks
from .verify_outcome import check_comparison, check_outcome, check_rank
from .scope import ArticleScope, article_nation, election_night, note_running_count, parse_group
from .read.ingest import read_path, read_text
from .link.names import (TITLES, ArticleContext, find_mentions, link_claim, name_index, resolve_alternatives,
                         update_context)
import re

from .models import Article, Claim, Mention, Report
from .read.sentences import DEFAULT_MODEL, load_nlp, name_runs, needs_entities
from .read.figures import find_quantities
from .read.sentences import sentences as split_sentences
from .reference import load_reference
from .verify import Verifier


class Checker:
    """Everything needed to check articles, loaded once."""

    def __init__(self, model: str = DEFAULT_MODEL, data_dir: Optional[str | Path] = None):
        self.ref = load_reference(data_dir)
        self.nlp = load_nlp(model)
        self.index = name_index(self.ref)
        self.verifier = Verifier(self.ref)
        self._plain_mentions: dict[str, list[Mention]] = {}  # per article: what `_wants_entities` looked up

    def check(self, article: Article) -> Report:
        return next(self.check_many([article]))

    def check_many(self, articles: Iterable[Article], batch_size: int = 64) -> Iterator[Report]:
        """Reports in input order; spaCy sees the articles' lines in batches."""
        for article in articles:
            lines = [ln.strip() for ln in article.text.split("\n") if ln.strip()]
            self._plain_mentions = {}
            sentences = split_sentences(self.nlp, lines, batch_size, self._wants_entities)
            claims = self._claims(sentences, article.date)
            self._plain_mentions = {}
            yield Report.build(article, claims)

    def _wants_entities(self, sentence: str) -> bool:
        """A figure, and two name words in a row the exact lookups do not cover.

        The linker reads NER's spans only where its exact lookups found
        nothing, and only spans of two words or more, so elsewhere the
        statistical pass, most of the cost of reading, cannot change a link.
        (On the development articles, narrowing the pass from every sentence
        with a number to these changes no claim.)
        """
        if not needs_entities(sentence):
            return False
        runs = name_runs(sentence)
        if not runs or not find_quantities(sentence):
            return False
        mentions = self._plain_mentions[sentence] = find_mentions(sentence, self.index, ArticleContext(), ())
        covered = [(m.start, m.end) for m in mentions]

        def free(word: tuple[int, int]) -> bool:
            start, end = word
            return (sentence[start:end].lower() not in TITLES
                    and not any(a <= start and end <= b for a, b in covered))

        return any(free(x) and free(y) for run in runs for x, y in zip(run, run[1:]))

    def _claims(self, sentences: list[tuple[str, tuple]], date: Optional[str] = None) -> list[Claim]:
        ctx = ArticleContext()
        # first pass: every seat and party the article names, so a name shared by two candidates can be
        # placed and a Northern Ireland round-up is read as one
        plain = self._plain_mentions  # what `_wants_entities` found already, for sentences left without NER
        first = [plain[text] if not ents and text in plain else find_mentions(text, self.index, ArticleContext(), ents)
                 for text, ents in sentences]
        for ms in first:
            ctx.article_seats.update(m.key for m in ms if m.type == "seat" and m.key and not m.key.startswith("2019:"))
        art = ArticleScope(election_night=election_night(date), nation=article_nation(
            [t for t, _ in sentences],
            [m.key for ms in first for m in ms if m.type == "party" and m.key],
            [self.ref.seats[o].country for o in ctx.article_seats if o in self.ref.seats]))
        claims: list[Claim] = []
        for i, (text, ents) in enumerate(sentences):
            mentions = find_mentions(text, self.index, ctx, ents)
            resolve_alternatives(mentions, self.index, ctx)
            mentions = _party_anaphor(text, mentions, art)
            group = parse_group(text)
            note_running_count(art, text)
            here = []
            for cc in extract_claims(text, i, mentions, art, group):
                linked = link_claim(cc, mentions, self.index, ctx)
                here.append((cc, self.verifier.verify(linked, f"c{len(claims) + len(here) + 1}")))
            claims += [c for _, c in here]
            for linked in read_comparisons(text, i, mentions, [cc for cc, _ in here]):
                figure = next(c for cc, c in here if cc.quantity is linked.candidate.quantity)
                claims.append(check_comparison(self.ref, linked, figure, f"c{len(claims) + 1}"))
            for linked in read_ranks(text, i, mentions):
                claims.append(check_rank(self.ref, linked, f"c{len(claims) + 1}"))
            for linked in read_outcomes(text, i, mentions, self.index, ctx):
                claims.append(check_outcome(self.ref, linked, f"c{len(claims) + 1}"))
            if group:
                art.group = group[0]  # "such seats" in a later sentence means these
            named = list(dict.fromkeys(m.key for m in mentions if m.type == "party" and m.key and m.score >= 75))
            if named:
                # "the party" in the next sentence is sure only when this one named a single party
                art.party, art.party_certain = named[0], len(named) == 1
            update_context(mentions, self.index, ctx)
        return claims


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


@lru_cache(maxsize=2)
def default_checker(model: str = DEFAULT_MODEL, data_dir: Optional[str] = None) -> Checker:
    return Checker(model, data_dir)


def check_text(text: str, *, source: str = "-", title: Optional[str] = None, date: Optional[str] = None,
               model: str = DEFAULT_MODEL, data_dir: Optional[str] = None) -> Report:
    """Check one article given as a string (plain text, HTML or a tagged archive record)."""
    articles = read_text(text, source)
    article = articles[0]
    if title is not None or date is not None:
        article = article.model_copy(update={"title": title or article.title, "date": date or article.date})
    return default_checker(model, data_dir).check(article)


def check_file(path: str | Path, *, model: str = DEFAULT_MODEL, data_dir: Optional[str] = None) -> Report:
    """Check the (first) article in a file; `check_articles` for every record of a multi-record file."""
    return default_checker(model, data_dir).check(read_path(str(path))[0])


def check_articles(articles: Iterable[Article], *, model: str = DEFAULT_MODEL,
                   data_dir: Optional[str] = None) -> Iterator[Report]:
    return default_checker(model, data_dir).check_many(articles)
