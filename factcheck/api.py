"""The library API the CLI, the batch runner and a notebook all call.

A `Checker` owns the expensive things, the spaCy pipeline and each
election's reference indexes, and is built once; `check_text`/`check_file`
use a shared default Checker so repeated calls in a notebook cost only the
article. Each article is checked against the election it reports (or the one
the caller names): linked to that election's seats and candidates, its
figures read (readings/) and judged against that election's tables, with the
election before it as "previous" (judge/).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from itertools import islice
from types import SimpleNamespace
from typing import Iterable, Iterator, Optional

from .judge.outcomes import check_comparison, check_outcome, check_rank
from .judge.jointly import settle_area, settle_era, settle_sentence
from .judge.verdict import Judge, Judgement
from .link.names import TITLES, ArticleContext, NameIndex, find_mentions, name_index, resolve_alternatives, \
    update_context
from .models import Article, Claim, Figure, Mention, Report
from .read.election import ElectionChoice, ElectionInfo, NameSet, choose_election
from .judge.linked import LinkedJudge
from .link.rows import block_claims, sentence_block_claims
from .read.blocks import article_lines
from .read.figures import find_quantities
from .read.ingest import read_path, read_text
from .read.sentences import DEFAULT_MODEL, load_nlp, name_runs, needs_entities
from .read.sentences import entities, split_for_entities
from .readings.article import GROUP_ANAPHOR, ArticleState, another_time, article_nation, dateline_end, election_night, parse_group
from .readings.context import figure_contexts
from .readings.cues import CueTable, table_for
from .readings.outcomes import read_comparisons, read_outcomes, read_ranks
from .readings.propose import pool_pairs, read_figure, score_figure
from .readings.subjects import as_nation, names_the_nation, nations_named, unknown_people, unknown_places
from .reference import ADAPTERS, LATEST, Election, UnknownElection, load_reference
from .memo import one_article

AUTO = "auto"  # choose each article's election from its date and words (read/election.py)


@dataclass
class Judged:
    """One election's tables, name index, judge and cue table: what checking an article against it needs."""

    ref: Election
    index: NameIndex
    judge: Judge
    cues: CueTable


@dataclass
class _Staged:
    """An article between the two stages of its check: what the first found, the second needs."""

    article: Article
    memo: dict  # its scope of memoised lookups, entered again for the second stage
    choice: ElectionChoice
    judged: Judged
    cells: LinkedJudge
    in_blocks: list
    split: list[str]  # its sentences
    wanted: list[int]  # those the statistical pass reads
    plain_mentions: dict[str, list[Mention]]  # what `_wants_entities` looked up
    ents: list[tuple] = field(default_factory=list)  # the spans found in each wanted sentence

    def wanted_texts(self) -> list[str]:
        return [self.split[i] for i in self.wanted]


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
        self.trace: Optional[list] = None  # set to a list to keep every figure's readings (tools/explain.py)
        self._plain_mentions: dict[str, list[Mention]] = {}  # per article: what `_wants_entities` looked up

    # the default election's parts
    @property
    def ref(self) -> Election:
        return self.default.ref

    @property
    def index(self) -> NameIndex:
        return self.default.index

    @property
    def judge(self) -> Judge:
        return self.default.judge

    def judged(self, key: str) -> Judged:
        """The election `key`'s tables, index and judge, built once."""
        if key not in self._judged:
            ref = load_reference(self.data_dir, key)
            places = getattr(ref, "places", None)
            self._judged[key] = Judged(ref=ref, index=name_index(ref), judge=Judge(ref, places), cues=table_for(ref))
        return self._judged[key]

    def choose(self, article: Article) -> ElectionChoice:
        """The election `article` is judged against, and why."""
        if self.election != AUTO:
            return ElectionChoice(key=self.election, reason=f"The election was chosen: {ADAPTERS[self.election].name}.")
        return choose_election(article, [ElectionInfo.of(cls) for cls in ADAPTERS.values()], self._name_sets)

    def _name_sets(self) -> dict[str, NameSet]:
        """Every election's ballot names; only its tables are loaded for them, not its index, judge and cues,
        which wait for an article that reports it."""
        if self._names is None:
            self._names = {key: NameSet.of(load_reference(self.data_dir, key)) for key in ADAPTERS}
        return self._names

    def check(self, article: Article) -> Report:
        return next(self.check_many([article]))

    def check_many(self, articles: Iterable[Article], batch_size: int = 64, group: int = 8) -> Iterator[Report]:
        """Reports in input order; spaCy sees the articles' lines in batches, `group` articles at a time."""
        articles = iter(articles)
        while True:
            chunk = list(islice(articles, group))
            if not chunk:
                return
            for got in self.check_each(chunk, batch_size):
                if isinstance(got, Exception):
                    raise got
                yield got

    def check_each(self, articles: list[Article], batch_size: int = 64) -> list[Report | Exception]:
        """A report for each article, or what stopped its check: one article's failure is its own.

        Each article is checked in two stages around the statistical pass
        (NER), which runs once for the sentences all of them picked:
        a call costs several times what one sentence does, and an article
        picks only a few. Its spans do not depend on the batch, so each report
        is what checking the article alone gives.
        """
        staged: list[_Staged | Exception] = []
        for article in articles:
            try:
                staged.append(self._first_stage(article, batch_size))
            except Exception as exc:
                staged.append(exc)
        ready = [st for st in staged if isinstance(st, _Staged)]
        try:
            found = iter(entities(self.nlp, [s for st in ready for s in st.wanted_texts()], batch_size))
            for st in ready:
                st.ents = [next(found) for _ in st.wanted]
        except Exception:  # the article it chokes on is found alone, the others kept
            for st in ready:
                try:
                    st.ents = entities(self.nlp, st.wanted_texts(), batch_size)
                except Exception as exc:
                    staged[staged.index(st)] = exc
        out: list[Report | Exception] = []
        for st in staged:
            try:
                out.append(st if isinstance(st, Exception) else self._second_stage(st))
            except Exception as exc:
                out.append(exc)
        return out

    def _first_stage(self, article: Article, batch_size: int) -> "_Staged":
        """The election, the results blocks and the sentences, and which sentences want the statistical pass."""
        with one_article() as memo:
            choice = self.choose(article)
            judged = self.judged(choice.key) if choice.key else self.default
            cells = LinkedJudge(judged.judge)
            # results blocks first: their rows are read by shape, and the sentence reader gets the other lines
            in_blocks, taken = block_claims(article.text, judged.ref, judged.index, cells)
            lines = [ln for k, (ln, _) in enumerate(article_lines(article.text)) if k not in taken]
            self._plain_mentions = {}
            split, wanted = split_for_entities(self.nlp, lines, batch_size,
                                               lambda sentence: self._wants_entities(sentence, judged.index))
            staged = _Staged(article, memo, choice, judged, cells, in_blocks, split, wanted, self._plain_mentions)
            self._plain_mentions = {}
            return staged

    def _second_stage(self, st: "_Staged") -> Report:
        """The rest of the article's check, within the same scope of memoised lookups (`memo.one_article`)."""
        with one_article(st.memo):
            judged, found = st.judged, dict(zip(st.wanted, st.ents))
            sentences = [(s, found.get(i, ())) for i, s in enumerate(st.split)]
            inline, held = sentence_block_claims([s for s, _ in sentences], st.article.text, judged.ref,
                                                 judged.index, st.cells)
            in_blocks = st.in_blocks + inline
            sentences = [s for k, s in enumerate(sentences) if k not in held]
            self._plain_mentions = st.plain_mentions
            try:
                claims = self._claims(sentences, st.article.date, judged)
            finally:
                self._plain_mentions = {}
            if in_blocks:
                claims = _in_article_order(st.article.text, claims, [(at, c) for at, c in in_blocks])
            for c in claims:
                c.election = judged.ref.key
            if st.choice.key is None:
                claims = _not_judged(claims, st.choice)
            return Report.build(st.article, claims)

    def _wants_entities(self, sentence: str, index: NameIndex) -> bool:
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
        mentions = self._plain_mentions[sentence] = find_mentions(sentence, index, ArticleContext(), ())
        covered = [(m.start, m.end) for m in mentions]

        def free(word: tuple[int, int]) -> bool:
            start, end = word
            return (sentence[start:end].lower() not in TITLES
                    and not any(a <= start and end <= b for a, b in covered))

        return any(free(x) and free(y) for run in runs for x, y in zip(run, run[1:]))

    def _claims(self, sentences: list[tuple[str, tuple]], date: Optional[str], judged: Judged) -> list[Claim]:
        ref, index, judge = judged.ref, judged.index, judged.judge
        ctx = ArticleContext()
        # first pass: every seat and party the article names, so a name shared by two candidates can be
        # placed and a round-up of one nation is read as one
        plain = self._plain_mentions  # what `_wants_entities` found already, for sentences left without NER
        first = [plain[text] if not ents and text in plain else find_mentions(text, index, ArticleContext(), ents)
                 for text, ents in sentences]
        for ms in first:
            ctx.article_seats.update(m.key for m in ms if m.type == "seat" and m.key and not ref.is_previous_actual(m.key))
        party_codes = [m.key for ms in first for m in ms if m.type == "party" and m.key]
        nation = article_nation([t for t, _ in sentences], party_codes,
                                [ref.seats[o].country for o in ctx.article_seats if o in ref.seats])
        state = ArticleState(ctx=ctx, ref=ref, nation=nation, place=home_place([t for t, _ in sentences], ref, nation),
                             election_night=election_night(date, ref.polling_day),
                             local=_about_few_seats(first, ctx.article_seats, ref), national=not ctx.article_seats,
                             one_seat=_about_one_seat(first, ctx.article_seats, ref))
        claims: list[Claim] = []
        judged_figures: list[tuple[int, Figure, Judgement, dict]] = []  # (place in claims, figure, judgement, notes)
        previous_figures: list[Figure] = []
        for i, (text, ents) in enumerate(sentences):
            mentions = find_mentions(text, index, ctx, ents)
            resolve_alternatives(mentions, index, ctx, text)
            mentions = party_anaphor(text, mentions, state)
            state.note_running_count(text)
            figures = self._figures(i, text, ents, mentions, state, previous_figures, judged,
                                    sentences[i - 1][0] if i else "")
            state.note_sentence(i, text, mentions)
            judged_here = []
            # a running count excuses a tally only where the text says so ("with 641 results declared")
            notes = {"running": bool(state.provisional)}
            rejudge = lambda fig, j, weighed: judge.judge(fig, "c0", notes, weighed=weighed)
            js = settle_sentence([judge.judge(fig, "c0", notes) for fig in figures], rejudge)
            js = settle_area(settle_era(js, rejudge), rejudge)
            for j in js:
                fig = j.figure
                if j.claim is not None:
                    j.claim.id = f"c{len(claims) + 1}"
                if self.trace is not None:
                    self.trace.append((fig, j.weighed, j.claim))
                if j.claim is not None:
                    judged_figures.append((len(claims), fig, j, notes))
                    claims.append(j.claim)
                    judged_here.append((fig, j.claim))
                    matched = judge.baseline_matched(j)
                    if matched:
                        state.baselines[matched] = state.baselines.get(matched, 0) + 1
            for linked in read_comparisons(text, i, mentions, [SimpleNamespace(quantity=f.quantity, kind=c.kind)
                                                                for f, c in judged_here], ref):
                claim = next(c for f, c in judged_here if f.quantity is linked.candidate.quantity)
                claims.append(check_comparison(ref, linked, claim, f"c{len(claims) + 1}"))
            previous_figures = figures or previous_figures
            if not another_time(text, ref.key):
                for linked in read_ranks(text, i, mentions, ref):
                    claims.append(check_rank(ref, linked, f"c{len(claims) + 1}"))
                for linked in read_outcomes(text, i, mentions, index, ctx):
                    claims.append(check_outcome(ref, linked, f"c{len(claims) + 1}"))
            group = parse_group(text)
            if group:
                state.group = group[0]  # "such seats" in a later sentence means these
            named = list(dict.fromkeys(m.key for m in mentions if m.type == "party" and m.key and m.score >= 75))
            if named:
                # "the party" in the next sentence is sure only when this one named a single party
                state.party, state.party_certain = named[0], len(named) == 1
            update_context(mentions, index, ctx)
        self._prefer_baseline(claims, judged_figures, state, judge)
        for c in claims:
            c.election = ref.key
        return claims

    def _prefer_baseline(self, claims: list[Claim], judged_figures: list, state: ArticleState, judge: Judge) -> None:
        """The article pass: when the article's previous-election figures matched one baseline (the notional
        result on the new boundaries, or the actual one on the old) more often than the other, its figures
        that can be read against either are judged again preferring it, so explanations and corrections
        quote the result the article uses."""
        baseline = article_baseline(state.baselines)
        if baseline is None:
            return
        for at, fig, j, notes in judged_figures:
            if not any(e.baseline and e.baseline != baseline for w in j.weighed for e in w.answer.values):
                continue
            again = judge.judge(fig, j.claim.id, {**notes, "baseline": baseline}, weighed=j.weighed)
            if again.claim is not None:
                claims[at] = again.claim
                if self.trace is not None:
                    self.trace[:] = [(f, w, again.claim if c is j.claim else c) for f, w, c in self.trace]

    def _figures(self, i: int, text: str, ents: tuple, mentions: list[Mention], state: ArticleState,
                 previous_figures: list[Figure], judged: Judged, previous_text: str = "") -> list[Figure]:
        """Every figure of one sentence with its readings, pairs read in the order they depend on each other."""
        group = parse_group(text)
        group_spec = group[0] if group else (state.group if GROUP_ANAPHOR.search(text) else None)
        contexts = figure_contexts(text, i, find_quantities(text))
        for fc in contexts:
            fc.previous_sentence = previous_text
        if group:
            for fc in contexts:
                if group[1][0] <= fc.q.start < group[1][1] + 1:
                    fc.features.add("group_threshold")  # the figure that defines the group is not a result
        # "The turnout was 60.74 per cent of a possible 34,236. This compares with 67.7 per cent": the last figure
        # of the previous sentence written in the same unit
        previous_figure = next((f for f in reversed(previous_figures) if contexts and f.quantity.unit == contexts[0].q.unit),
                               previous_figures[-1] if previous_figures else None)
        if contexts and previous_figure is not None and COMPARES.match(text[:contexts[0].q.start]):
            # "This compares with 67.7 per cent in 2019": the same kind of figure as the last one read
            contexts[0].features.add("back_reference")
        elif contexts and previous_figure is not None and STANDS_FOR.match(text[:contexts[0].q.start]):
            # "It was 55% compared to 65% in 2019": the pronoun stands for the figure just read, at its election
            contexts[0].features.add("stands_for_previous")
        nations = nations_named(text, mentions)
        places = [(m.start, m.end, m.place) for m in judged.ref.places.find_places(text)
                  if m.place.kind not in ("nation", "country")] if getattr(judged.ref, "places", None) else []
        places, nations = as_nation(text, places, nations, state.nation)  # "the North", in a Northern Irish piece
        unknown = unknown_places(text, ents, mentions, nations + [(a, b, p.name) for a, b, p in places])
        if contexts and state.national and nothing_local(text, judged.ref.polling_day.year) and not unknown \
                and not any(m.type in ("seat", "candidate") for m in mentions) \
                and not unknown_people(text, ents, mentions, 0, len(text)):
            # an article that names no seat, and a sentence that names no person, no place, set of seats or
            # other election the tables do not know: nothing here can be one seat's figure
            for fc in contexts:
                fc.features.add("nothing_local")
        scores = [score_figure(fc, mentions, state, nations, group_spec, places, table=judged.cues) for fc in contexts]
        pool_pairs(contexts, scores, previous_figure)
        figures = []
        for fc, sc in zip(contexts, scores):
            stranger = unknown_people(text, ents, mentions, max(0, fc.clause.start - 60), fc.q.start)
            figures.append(read_figure(fc, mentions, state, judged.ref, nations, group_spec, sc, places,
                                       unknown_places=unknown, stranger=stranger))
        return figures


def _about_one_seat(mentions: list[list[Mention]], seats: set, ref) -> bool:
    """An article about one seat names it, or its candidates, in its opening or in more than one sentence:
    a national piece that mentions one seat in passing ("in South West Norfolk, Labour defeated ...") is
    not about it."""
    if len(seats) != 1:
        return False
    (ons,) = seats
    told = []
    for ms in mentions:
        here = {m.key for m in ms if m.type == "seat"}
        here |= {getattr(ref.candidate(m.key), "ons_id", None) for m in ms if m.type == "candidate" and m.key}
        told.append(ons in here)
    return sum(told) >= 2 or any(told[:2])


def _about_few_seats(mentions: list[list[Mention]], seats: set, ref) -> bool:
    """A local article names a few seats and dwells on one of them (names it, or its candidates, in its
    opening or in more than one sentence): a national or nation-wide piece that names a seat or two in
    passing is not local, and its counts are the country's."""
    return 0 < len(seats) <= 3 and any(_about_one_seat(mentions, {ons}, ref) for ons in seats)


def article_baseline(counts: dict[str, int]) -> Optional[str]:
    """The previous-election baseline an article uses: the one its figures matched alone more often than
    any other (none on a tie)."""
    ranked = sorted(((n, b) for b, n in counts.items() if n > 0), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    return ranked[0][1]


# words for a set of seats or an area the sentence may be counting without naming it ("in the less Brexity
# seats", "across its heartlands", "locally"), or for a person it describes; "converting votes into seats" is
# no such set
LOCAL_WORDS = re.compile(r"\b(?:in|across|among|at|of|outside)\s+(?:[\w’'-]+\s+){0,3}?(?:seats|constituencies|areas|"
                         r"wards|towns|cities|counties|boroughs|heartlands?|strongholds?|regions)\b"
                         r"|\b(?:here|there|locally|local)\b"
                         # a person the sentence describes rather than names ("the former Labour leader won 24,120")
                         r"|\b(?:he|she|his|her|him|candidates?|mp|leader|minister|secretary|incumbent|challenger|"
                         r"winner|victor|runner-up)\b", re.I)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def nothing_local(sentence: str, year: int) -> bool:
    """No words for a set of seats or an area the sentence leaves unnamed, and no year but the election's own
    (a sentence setting two elections side by side is left to its words)."""
    return not LOCAL_WORDS.search(sentence) and all(int(y) == year for y in YEAR.findall(sentence))


COMPARES = re.compile(r"^\W*(?:this|that|which|it|these|those)\s+(?:compares|compared|is|was|were|are)\s+(?:with|to|against|"
                      r"down|up|a\s+(?:fall|rise|drop|increase))\b|^\W*(?:down|up)\s+from\b|^\W*(?:compared|against)\s+"
                      r"(?:with|to)\b", re.I)
# "It was 55% compared to 65% in 2019": the pronoun stands for the figure just read (its kind, not an earlier election)
STANDS_FOR = re.compile(r"^\W*(?:it|this|that)\s+(?:was|is|stood\s+at|came\s+to|reached|had\s+been)\s+(?:just\s+|only\s+)?$",
                        re.I)


def home_place(sentences: list[str], ref, nation: Optional[str] = None):
    """The county, city, area or region an article keeps returning to (named in at least two sentences, twice as often as
    any other), so that "all six Conservative MPs" in a Cornwall round-up are Cornwall's."""
    if not getattr(ref, "places", None):
        return None
    counts: dict[str, int] = {}
    found = {}
    for text in sentences:
        filed = dateline_end(text)
        for m in {m.place.name: m for m in ref.places.find_places(text)}.values():
            if m.start < filed:
                continue  # "LONDON (Reuters) -": where the story was filed, not what it is about
            if names_the_nation(text, m.start, m.end, nation):
                continue  # "the North", in an article about Northern Ireland
            if m.place.kind in ("county", "city", "area", "region"):
                counts[m.place.name] = counts.get(m.place.name, 0) + 1
                found[m.place.name] = m.place
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return found[top] if n >= 2 and n >= 2 * second else None


def _not_judged(claims: list[Claim], choice: ElectionChoice) -> list[Claim]:
    """An article about an election the data do not hold: its figures are listed, none judged."""
    return [c.model_copy(update=dict(verdict="unverifiable", official=None, correction=None, constituency=None,
                                     subject=None, confidence=0.8, election=None, explanation=choice.reason))
            for c in claims]


def _in_article_order(text: str, claims: list[Claim], in_blocks: list[tuple[int, Claim]]) -> list[Claim]:
    """Sentence claims and block claims merged by where they stand in the article, numbered c1, c2, ..."""
    placed: list[tuple[int, int, Claim]] = []
    cursor = 0
    for n, c in enumerate(claims):
        at = text.find(c.sentence, cursor)
        if at >= 0:
            cursor = at
        placed.append((cursor, n, c))
    placed += [(pos, len(claims) + n, c) for n, (pos, c) in enumerate(in_blocks)]
    placed.sort(key=lambda t: (t[0], t[1]))
    return [c.model_copy(update={"id": f"c{k}"}) for k, (_, _, c) in enumerate(placed, start=1)]


_THE_PARTY = re.compile(r"\b(?:the|its|their)\s+party(?:[’']s)?\b", re.I)
# "they", and "It came second in 10 seats": a sentence that opens on "it" doing what a party does
_THEY = re.compile(r"\bthey\b|^it(?=\s+(?:came|finished|won|took|secured|polled|gained|lost|held|picked\s+up|got|received)\b)",
                   re.I)


def party_anaphor(text: str, mentions: list[Mention], state: ArticleState) -> list[Mention]:
    """"The party's vote is down": the party the article last named."""
    m = _THE_PARTY.search(text)
    if not m and not any(x.type in ("party", "candidate") and (x.key or x.alternatives) for x in mentions):
        # "Easington - where they secured 29.8%": with no one named, "they" are the party the article was on
        m = _THEY.search(text)
    if not m:
        return mentions
    named_before = [x for x in mentions if x.type == "party" and x.key and x.end <= m.start()]
    key = named_before[-1].key if named_before else state.party
    if key is None:
        return mentions
    score = 90.0 if named_before or state.party_certain else 70.0
    return sorted([*mentions, Mention(type="party", text=m.group(0), start=m.start(), end=m.end(), key=key,
                                      score=score)], key=lambda x: x.start)


def settle_worker() -> None:
    """For a process that checks article after article (a batch or server worker), once its Checker is built.

    What was loaded (the spaCy pipeline, the tables, the indexes) lives as long as the process, so the
    garbage collector need not walk it again at each collection (`gc.freeze`); an article's many small,
    short-lived objects are collected in larger batches (a higher first threshold). Together about a tenth
    of a worker's CPU, for no measurable peak memory (benchmarks/batch.py). Not done by `Checker` itself:
    the collector is the whole process's, and a notebook's is its own business.
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


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
