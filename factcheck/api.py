"""The library API the CLI, the batch runner and a notebook all call.

A `Checker` owns the expensive things, the spaCy pipeline and the reference
indexes, and is built once; `check_text`/`check_file` use a shared default
Checker so repeated calls in a notebook cost only the article.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Iterable, Iterator, Optional

from .judge.outcomes import check_comparison, check_outcome, check_rank
from .judge.verdict import Judge
from .link.names import ArticleContext, find_mentions, name_index, resolve_alternatives, update_context
from .models import Article, Claim, Figure, Mention, Report
from .read.figures import find_quantities
from .read.ingest import read_path, read_text
from .read.sentences import DEFAULT_MODEL, load_nlp
from .read.sentences import sentences as split_sentences
from .readings.article import GROUP_ANAPHOR, ArticleState, article_nation, election_night, parse_group
from .readings.context import figure_contexts
from .readings.outcomes import read_comparisons, read_outcomes, read_ranks
from .readings.propose import pool_pairs, read_figure, score_figure
from .readings.subjects import nations_named, unknown_people, unknown_places
from .reference import load_reference


class Checker:
    """Everything needed to check articles, loaded once."""

    def __init__(self, model: str = DEFAULT_MODEL, data_dir: Optional[str | Path] = None):
        self.ref = load_reference(data_dir)
        self.nlp = load_nlp(model)
        self.index = name_index(self.ref)
        self.judge = Judge(self.ref)
        self.trace: Optional[list] = None  # set to a list to keep every figure's readings (tools/explain.py)

    def check(self, article: Article) -> Report:
        return next(self.check_many([article]))

    def check_many(self, articles: Iterable[Article], batch_size: int = 64) -> Iterator[Report]:
        """Reports in input order; spaCy sees the articles' lines in batches."""
        for article in articles:
            lines = [ln.strip() for ln in article.text.split("\n") if ln.strip()]
            sentences = split_sentences(self.nlp, lines, batch_size)
            yield Report.build(article, self._claims(sentences, article.date))

    def _claims(self, sentences: list[tuple[str, tuple]], date: Optional[str] = None) -> list[Claim]:
        ctx = ArticleContext()
        # first pass: every seat and party the article names, so a name shared by two candidates can be
        # placed and a round-up of one nation is read as one
        first = [find_mentions(text, self.index, ArticleContext(), ents) for text, ents in sentences]
        for ms in first:
            ctx.article_seats.update(m.key for m in ms if m.type == "seat" and m.key and not m.key.startswith("2019:"))
        party_codes = [m.key for ms in first for m in ms if m.type == "party" and m.key]
        nation = article_nation([t for t, _ in sentences], party_codes,
                                [self.ref.seats[o].country for o in ctx.article_seats if o in self.ref.seats])
        state = ArticleState(ctx=ctx, ref=self.ref, nation=nation,
                             election_night=election_night(date, getattr(self.ref, "polling_day", None)),
                             local=0 < len(ctx.article_seats) <= 3, national=not ctx.article_seats)
        claims: list[Claim] = []
        previous_figure = None
        for i, (text, ents) in enumerate(sentences):
            mentions = find_mentions(text, self.index, ctx, ents)
            resolve_alternatives(mentions, self.index, ctx)
            mentions = party_anaphor(text, mentions, state)
            state.note_running_count(text)
            figures = self._figures(i, text, ents, mentions, state, previous_figure)
            judged = []
            for fig in figures:
                j = self.judge.judge(fig, f"c{len(claims) + 1}",
                                     {"running": bool(state.provisional) or state.election_night})
                if self.trace is not None:
                    self.trace.append((fig, j.weighed, j.claim))
                if j.claim is not None:
                    claims.append(j.claim)
                    judged.append((fig, j.claim))
            for linked in read_comparisons(text, i, mentions, [SimpleNamespace(quantity=f.quantity, kind=c.kind)
                                                                for f, c in judged]):
                claim = next(c for f, c in judged if f.quantity is linked.candidate.quantity)
                claims.append(check_comparison(self.ref, linked, claim, f"c{len(claims) + 1}"))
            previous_figure = figures[-1] if figures else previous_figure
            for linked in read_ranks(text, i, mentions):
                claims.append(check_rank(self.ref, linked, f"c{len(claims) + 1}"))
            for linked in read_outcomes(text, i, mentions, self.index, ctx):
                claims.append(check_outcome(self.ref, linked, f"c{len(claims) + 1}"))
            group = parse_group(text)
            if group:
                state.group = group[0]  # "such seats" in a later sentence means these
            named = list(dict.fromkeys(m.key for m in mentions if m.type == "party" and m.key and m.score >= 75))
            if named:
                # "the party" in the next sentence is sure only when this one named a single party
                state.party, state.party_certain = named[0], len(named) == 1
            update_context(mentions, self.index, ctx)
        return claims

    def _figures(self, i: int, text: str, ents: tuple, mentions: list[Mention], state: ArticleState,
                 previous_figure: Optional[Figure]) -> list[Figure]:
        """Every figure of one sentence with its readings, pairs read in the order they depend on each other."""
        group = parse_group(text)
        group_spec = group[0] if group else (state.group if GROUP_ANAPHOR.search(text) else None)
        contexts = figure_contexts(text, i, find_quantities(text))
        if group:
            for fc in contexts:
                if group[1][0] <= fc.q.start < group[1][1] + 1:
                    fc.features.add("group_threshold")  # the figure that defines the group is not a result
        if contexts and previous_figure is not None and COMPARES.match(text[:contexts[0].q.start]):
            # "This compares with 67.7 per cent in 2019": the same kind of figure as the last one read
            contexts[0].features.add("back_reference")
        nations = nations_named(text, mentions)
        unknown = unknown_places(text, ents, mentions, nations)
        scores = [score_figure(fc, mentions, state, nations, group_spec) for fc in contexts]
        pool_pairs(contexts, scores, previous_figure)
        figures = []
        for fc, sc in zip(contexts, scores):
            stranger = unknown_people(text, ents, mentions, max(0, fc.clause.start - 60), fc.q.start)
            figures.append(read_figure(fc, mentions, state, self.ref, nations, group_spec, sc,
                                       unknown_places=unknown, stranger=stranger))
        return figures


COMPARES = re.compile(r"^\W*(?:this|that|which|it|these|those)\s+(?:compares|compared|is|was|were|are)\s+(?:with|to|against|"
                      r"down|up|a\s+(?:fall|rise|drop|increase))\b|^\W*(?:down|up)\s+from\b|^\W*(?:compared|against)\s+"
                      r"(?:with|to)\b", re.I)
_THE_PARTY = re.compile(r"\b(?:the|its|their)\s+party(?:[’']s)?\b", re.I)


def party_anaphor(text: str, mentions: list[Mention], state: ArticleState) -> list[Mention]:
    """"The party's vote is down": the party the article last named."""
    m = _THE_PARTY.search(text)
    if not m:
        return mentions
    named_before = [x for x in mentions if x.type == "party" and x.key and x.end <= m.start()]
    key = named_before[-1].key if named_before else state.party
    if key is None:
        return mentions
    score = 90.0 if named_before or state.party_certain else 70.0
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
