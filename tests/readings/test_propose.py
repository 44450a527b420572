"""A figure's readings: kind x subject x election, each weighted by what the words say, likeliest first."""
from __future__ import annotations

import math

import pytest

from factcheck.link.names import ArticleContext, find_mentions, resolve_alternatives
from factcheck.read.figures import find_quantities
from factcheck.readings.article import ArticleState
from factcheck.readings.context import figure_contexts
from factcheck.readings.cues import table_for
from factcheck.readings.propose import MIN_KIND, MIN_WEIGHT, UNNAMED, pool_pairs, read_figure, score_figure
from factcheck.readings.subjects import nations_named


@pytest.fixture(scope="module")
def seat(seat_named):
    return seat_named("Leicester South")


def figures(sentence, index, ref, state=None, previous=None):
    """Every figure of one sentence read as the checker reads it (no spaCy entities)."""
    ctx = ArticleContext()
    mentions = find_mentions(sentence, index, ctx)
    resolve_alternatives(mentions, index, ctx)
    state = state or ArticleState(ctx=ctx, ref=ref)
    nations = nations_named(sentence, mentions)
    fcs = figure_contexts(sentence, 0, find_quantities(sentence))
    table = table_for(ref)
    scores = [score_figure(fc, mentions, state, nations, None, table=table) for fc in fcs]
    pool_pairs(fcs, scores, previous)
    return [read_figure(fc, mentions, state, ref, nations, None, sc, table=table) for fc, sc in zip(fcs, scores)]


def one(sentence, index, ref, quote=None, **kw):
    figs = figures(sentence, index, ref, **kw)
    found = [f for f in figs if quote is None or f.quote == quote]
    assert len(found) == 1, [f.quote for f in figs]
    return found[0]


def top(fig):
    return fig.readings[0]


# ---------------------------------------------------------------- readings as a distribution
def test_readings_are_weighted_likeliest_first(index, ref, seat):
    fig = one(f"{seat.winner.name} polled {seat.winner.votes:,} votes in {seat.name}.", index, ref)
    weights = [r.weight for r in fig.readings]
    assert weights == sorted(weights, reverse=True)
    assert all(MIN_WEIGHT <= w <= 1.0 for w in weights)
    assert sum(weights) <= 1.0 + 1e-9
    r = top(fig)
    assert (r.kind, r.era, r.subject.level, r.subject.person) == ("votes", "current", "candidate", seat.winner.key)
    # the weight is the product of its shares: kind x era x scope x subject
    assert r.weight == pytest.approx(math.prod(r.shares[k] for k in ("kind", "era", "scope", "subject")))


def test_the_kind_and_era_distributions_come_from_the_cues(index, ref, seat):
    fig = one(f"{seat.winner.name} won {seat.name} with a majority of {seat.majority:,}.", index, ref)
    assert max(fig.kinds, key=fig.kinds.get) == "majority"
    assert math.isclose(sum(fig.kinds.values()), 1.0)
    assert max(fig.eras, key=fig.eras.get) == "current"
    assert top(fig).kind == "majority"
    assert fig.cues  # the cues that fired are kept for the explanation tools


def test_kinds_the_words_all_but_rule_out_are_not_tried(index, ref, seat):
    fig = one(f"{seat.winner.name} took {seat.winner.share:.1f}% of the vote.", index, ref)
    faint = {k for k, p in fig.kinds.items() if p < MIN_KIND}
    assert faint and not {r.kind for r in fig.readings} & faint


def test_a_subject_is_never_certain_just_because_it_is_the_only_one_named(index, ref, seat):
    fig = one(f"{seat.winner.name} polled {seat.winner.votes:,} votes.", index, ref)
    r = top(fig)
    assert r.shares["subject"] < 1.0
    assert r.shares["subject"] == pytest.approx(1.0 / (1.0 + UNNAMED["seat"]))


def test_a_party_and_its_one_candidate_are_one_subject(index, ref, seat):
    """Votes "for Labour" in a seat where Labour had one candidate are that candidate's: one reading, whose
    weight gathers both offers."""
    second = seat.runner_up
    fig = one(f"In {seat.name}, Labour's {second.name} polled {second.votes:,}.", index, ref)
    votes = [r for r in fig.readings if r.kind == "votes" and r.era == "current" and r.subject.level != "uk"]
    assert len(votes) == 1
    assert votes[0].subject.person == second.key and votes[0].subject.ons_id == seat.ons_id


def test_a_seat_figure_is_offered_through_the_seat_and_its_people(index, ref, seat):
    fig = one(f"In {seat.name}, where {seat.winner.name} won, turnout was {seat.turnout_valid():.1f}%.", index, ref)
    current = [r for r in fig.readings if r.kind == "turnout" and r.era == "current"]
    # reached through the seat and through its winner, the seat's turnout is one reading holding both weights
    local = [r for r in current if r.subject.level != "uk"]
    assert len(local) == 1 and local[0].subject.ons_id == seat.ons_id
    alone = one(f"In {seat.name}, turnout was {seat.turnout_valid():.1f}%.", index, ref)
    single = [r for r in alone.readings if r.kind == "turnout" and r.era == "current" and r.subject.level != "uk"]
    assert local[0].shares["subject"] >= single[0].shares["subject"]


def test_not_a_claim_is_a_weight_not_a_gate(index, ref, seat):
    fig = one(f"{seat.winner.name}, 51, won {seat.name}.", index, ref)
    assert fig.not_claim == fig.kinds.get("none", 0.0) and fig.not_claim > 0.5
    assert not any(r.kind == "none" for r in fig.readings)


# ---------------------------------------------------------------- the two ends of a pair, a list
def test_a_pair_shares_its_kind_and_splits_its_eras(index, ref, seat):
    before = ref.previous_result(seat.ons_id)
    sentence = f"In {seat.name} the majority fell from {before.majority:,} to {seat.majority:,}."
    old, new = figures(sentence, index, ref)
    assert max(old.eras, key=old.eras.get) == "previous"
    assert max(new.eras, key=new.eras.get) == "current"
    # "to N" says nothing of a majority by itself: it borrows its partner's evidence
    assert any(c.startswith("same_kind_as_partner:majority") for c in new.cues)
    assert top(new).kind == top(old).kind == "majority"


def test_a_figure_continuing_a_list_of_votes_is_votes(index, ref, seat):
    w, s = seat.winner, seat.runner_up
    first, second = figures(f"{w.name} polled {w.votes:,} votes and {s.name} {s.votes:,}.", index, ref)
    assert "list_parallel_votes" in second.cues
    assert top(second).kind == "votes" and top(second).subject.person == s.key


def test_a_list_of_shares_after_ahead_or_behind_takes_the_first_figures_kind(index, ref):
    """"won 14 per cent of the vote, behind Labour's 34 per cent and the Conservatives' 31 per cent": only the
    first figure's words say it is a share; the two after it are the same list, each taking the kind from the
    figure before it as pooled so far."""
    sentence = "Reform UK won 14 per cent of the vote, behind Labour's 34 per cent and the Conservatives' 31 per cent."
    first, second, third = figures(sentence, index, ref)
    assert "same_kind_as_compared:share" in second.cues and "same_kind_as_listed:share" in third.cues
    for fig in (first, second, third):
        assert max(fig.kinds, key=fig.kinds.get) == "share", fig.quote
    # written without the opening figure's words, the last one's kind is far less sure
    alone = figures("Reform UK won 14, behind Labour's 34 per cent and the Conservatives' 31 per cent.", index, ref)[-1]
    assert alone.kinds.get("share", 0.0) < third.kinds["share"]


def test_a_party_that_now_holds_a_number_holds_seats(index, ref):
    """"Of the 21 constituencies, the Tories now hold 18": "hold" before a bare count speaks for seats enough
    to settle the kind (the judge's `pin_kind`), where a bare count would be left between seats and votes."""
    from factcheck.judge.verdict import thresholds

    held = one("Of the 21 constituencies, the Tories now hold 18.", index, ref, quote="18")
    bare = one("Of the 21 constituencies, the Tories now have 18.", index, ref, quote="18")
    assert held.kinds["seats"] >= thresholds()["pin_kind"] > bare.kinds.get("seats", 0.0)


@pytest.mark.parametrize("verb", ["dipped", "slipped", "sank", "tumbled", "fell"])
def test_a_share_that_dipped_by_points_is_a_change(index, ref, verb):
    """Each verb of rising or falling settles the kind (the judge's `pin_kind`), "vote share" notwithstanding."""
    from factcheck.judge.verdict import thresholds

    fig = one(f"The SNP's vote share {verb} by 22 points, costing it three seats.", index, ref, quote="22 points")
    assert fig.kinds["change"] >= thresholds()["pin_kind"], fig.kinds


def test_a_seat_landslide_is_no_one_seats_figure(index, ref):
    """"a seat landslide of 411 seats on 34 per cent", "an 87-seat majority": "seat" naming what is counted
    says nothing of one constituency; "in the seat" still does."""
    landslide = one("Labour won a seat landslide of 411 seats on 34 per cent of the vote.", index, ref,
                    quote="34 per cent")
    in_seat = one("In the seat, Labour won 34 per cent of the vote.", index, ref, quote="34 per cent")
    assert landslide.scopes["wide"] > in_seat.scopes["wide"]
    assert not any(c.startswith("scope:seat") for c in landslide.cues)
    assert any(c.startswith("scope:seat") for c in in_seat.cues)


def test_a_party_in_an_aside_does_not_own_the_figure_after_it(index, ref):
    """"411 seats (plus the Speaker) on 34 per cent": the Speaker is named in brackets closed before the
    share, so Labour, before them, is still the share's nearest owner."""
    fig = one("Labour won 411 seats (plus the Speaker) on only 34 per cent of the vote.", index, ref,
              quote="only 34 per cent")
    wide = [r for r in fig.readings if r.subject.level == "uk" and r.kind == "share" and r.era == "current"]
    assert max(wide, key=lambda r: r.weight).subject.party == "Lab"


def test_notional_before_the_figure_speaks_for_the_previous_election(index, ref, seat):
    """"had a notional majority of N": "had" leans to no election in particular, "notional" to the previous
    result on the new boundaries."""
    fig = one(f"Before the election, {seat.name} had a notional majority of 23,992.", index, ref)
    assert fig.eras["previous"] > fig.eras["current"], fig.eras


def test_a_back_reference_at_the_start_borrows_the_kind_of_the_figure_before(index, ref, seat):
    previous = one(f"{seat.winner.name} won {seat.name} by {seat.majority:,}.", index, ref)
    fig = one("That compares with 22,000 last time.", index, ref, previous=previous)
    assert not any(c.startswith("same_kind_as_previous") for c in fig.cues)  # no back reference marked
    sentence = "Down from 22,000."
    fcs = figure_contexts(sentence, 0, find_quantities(sentence))
    fcs[0].features.add("back_reference")
    state = ArticleState(ctx=ArticleContext(), ref=ref)
    scores = [score_figure(fcs[0], [], state, [], None, table=table_for(ref))]
    pool_pairs(fcs, scores, previous)
    assert any(c == "same_kind_as_previous:majority" for c in scores[0].fired)


# ---------------------------------------------------------------- structural features reach the cue table
def test_where_the_names_stand_is_evidence_for_the_scope(index, ref, seat):
    local = one(f"{seat.winner.name} polled {seat.winner.votes:,} votes.", index, ref)
    assert "candidate_in_clause" in local.cues
    assert max(local.scopes, key=local.scopes.get) == "seat"
    national = one("Labour won 411 seats across the country.", index, ref)
    assert max(national.scopes, key=national.scopes.get) == "wide"
    assert top(national).subject.level == "uk" and top(national).subject.party == "Lab"


def test_the_article_state_is_evidence_too(index, ref):
    state = ArticleState(ctx=ArticleContext(), ref=ref, local=True)
    fig = one("The Greens won 4 seats.", index, ref, state=state)
    assert "article_local" in fig.cues
    state = ArticleState(ctx=ArticleContext(), ref=ref, national=True)
    assert "article_national" in one("The Greens won 4 seats.", index, ref, state=state).cues


def test_the_article_party_owns_counts_of_seats_and_shares_never_votes(index, ref, seat):
    """A sentence naming no party may be about the party the article keeps naming, for a count of seats or a share;
    a number of votes is a person's as often, and the country's total would only crowd the person's out."""
    ctx = ArticleContext()
    state = ArticleState(ctx=ctx, ref=ref)
    state.party = "Lab"
    votes = one(f"He beat his rival {seat.winner.votes:,} votes to 1,234.", index, ref, quote="1,234", state=state)
    assert not any(r.subject.level == "uk" and r.subject.party == "Lab" for r in votes.readings)
    seats = one("The result: securing 63.2% of seats.", index, ref, state=state)
    assert any(r.subject.party == "Lab" and r.subject.weak for r in seats.readings)


def test_another_partys_figure_compared_with_a_count_takes_its_kind(index, ref):
    sentence = ("Despite winning no seats, Reform won 220,000 votes in the North East, compared to the "
                "Conservatives' 224,000, and came second in 18 constituencies.")
    fcs = {fc.q.text: fc for fc in figure_contexts(sentence, 0, find_quantities(sentence))}
    assert "compared_parallel" in fcs["224,000"].features and fcs["224,000"].partner == fcs["220,000"].position
    assert "compared_parallel" not in fcs["18"].features
    fig = one(sentence, index, ref, quote="224,000")
    assert max(fig.kinds, key=fig.kinds.get) == "votes", fig.kinds


@pytest.mark.parametrize("sentence, quote, reach", [
    ("With 641 results declared, the party's tally stood at 71.", "71", 9),
    ("With 600 of 650 seats declared, Labour had 380.", "380", 50),
    ("With 12 seats left to declare, Labour had 400 seats.", "400", 12),
    ("640 of the 650 constituencies have now declared, and Labour has 405.", "405", 10),
    ("With 641 results declared, the party's tally stood at 71.", "641", 0),  # the number declared itself
    ("Labour had 405 seats.", "405", 0),
])
def test_the_results_still_to_come_when_a_running_count_was_written(sentence, quote, reach):
    from factcheck.readings.propose import running_reach
    q = next(q for q in find_quantities(sentence) if q.text == quote)
    assert running_reach(sentence, q, 650) == reach


def test_every_pattern_of_the_declared_table_names_its_groups():
    import re
    from factcheck.readings.cues import VOCAB, read_table
    rows = read_table(VOCAB / "declared.tsv")
    assert rows
    for r in rows:
        groups = set(re.compile(r["pattern"]).groupindex)
        assert groups and groups <= {"declared", "total", "left"} and ("declared" in groups or "left" in groups)


def test_readings_of_one_figure_hold_lists_of_their_own(index, ref, seat):
    """Readings are built unvalidated; their lists must still be theirs, as validation's copies would be."""
    fig = one(f"{seat.winner.name} won {seat.name} with {seat.winner.votes:,} votes.", index, ref)
    assert len(fig.readings) >= 2
    first, second = fig.readings[:2]
    assert first.roles is not second.roles and first.cues is not second.cues
    assert type(first).model_validate(first.model_dump()) == first  # every value already of its type


def test_a_scope_the_kind_cannot_have_gives_its_weight_to_the_scope_it_can(index, ref):
    """"Reform won four seats, with X and Y elected": the names pull the scope towards one seat, but a count of
    seats is never one seat's figure, so the words' weight for a count over many seats is all of it."""
    mps = [s.winner for s in ref.seats.values() if s.winner.party == "RUK"][:2]
    fig = one(f"Reform won four seats, with {mps[0].name} joined by {mps[1].name}.", index, ref, quote="four")
    assert fig.scopes.get("seat", 0.0) > 0.1
    seats = [r for r in fig.readings if r.kind == "seats"]
    assert seats and all(r.shares["scope"] == pytest.approx(1.0) for r in seats)
    # a kind that can have either scope keeps the words' split
    votes = one(f"{mps[0].name} polled 20,000 votes.", index, ref)
    assert any(0.0 < r.shares["scope"] < 1.0 for r in votes.readings)


def test_a_previous_record_beside_a_running_count_is_not_a_running_count(index, ref):
    """"With 641 results declared, the tally stood at 71, beating the previous record of 62": 71 may grow with
    the nine results to come; 62, a record from another election, may not."""
    sentence = ("With 641 results declared, the Lib Dems' tally stood at 71, beating the party's previous record of 62 "
                "in 2005.")
    count = one(sentence, index, ref, quote="71")
    record = one(sentence, index, ref, quote="62")
    assert count.quantity.high >= 71 + 9
    assert record.eras["current"] < 0.5 and record.quantity.high < 63
