"""Names in the text -> the right row of the reference tables.

A figure checked against the wrong person or seat is reported as wrong even
when the article is right, so linking errs on the side of linking nothing:
an unknown name, or a name two candidates share, must leave the claim
unverifiable rather than borrow someone else's result. The finder is tested
with the entity spans spaCy would hand it (so the fuzzy paths are exercised
without depending on the model's guesses); discourse, which needs a whole
article, goes through the checker.
"""
from __future__ import annotations

import pytest

from factcheck.link.names import ArticleContext, find_mentions
from factcheck.models import Article
from factcheck.reference.parties import display_name


# ---------------------------------------------------------------- helpers
def person(ref, seat_name: str, name: str) -> str:
    """The 2024 candidate key for a name in a seat, looked up rather than hard-coded."""
    keys = [c.key for s in ref.seats.values() if s.name == seat_name for c in s.candidates if c.name == name]
    assert len(keys) == 1, (seat_name, name, keys)
    return keys[0]


def ons(ref, seat_name: str) -> str:
    return next(s.ons_id for s in ref.seats.values() if s.name == seat_name)


def span(sentence: str, text: str, label: str) -> tuple[int, int, str]:
    start = sentence.index(text)
    return start, start + len(text), label


def found(sentence, index, ctx=None, entities=()):
    return find_mentions(sentence, index, ctx or ArticleContext(), tuple(entities))


def people(mentions):
    return [m for m in mentions if m.type == "candidate"]


NAMES_ONLY = {"outcome", "rank", "comparison"}  # claims read from names, not figures: tested in test_outcomes.py


def check(checker, text):
    """The figure claims in the text."""
    return [c for c in checker.check(Article(text=text, source="t")).claims if c.kind not in NAMES_ONLY]


def introduced(ref, *keys) -> ArticleContext:
    ctx = ArticleContext()
    for k in keys:
        ctx.add_person(k)
        ctx.article_seats.add(ref.candidate(k).ons_id)
        ctx.focus = ("person", k)
    return ctx


# -------------------------------------------------------------------- people
def test_full_name(ref, index):
    ms = found("Wes Streeting held Ilford North.", index)
    assert [(m.type, m.key) for m in ms] == [
        ("candidate", person(ref, "Ilford North", "Wes Streeting")), ("seat", ons(ref, "Ilford North"))]


def test_title_and_surname_after_the_full_name(ref, index):
    ashworth = person(ref, "Leicester South", "Jonathan Ashworth")
    ms = people(found("Mr Ashworth took 13,760 votes.", index, introduced(ref, ashworth)))
    assert [(m.text, m.key) for m in ms] == [("Mr Ashworth", ashworth)]


def test_title_and_surname_end_to_end(checker):
    claims = check(checker, "Jonathan Ashworth lost Leicester South to Shockat Adam. Mr Ashworth took 13,760 votes.")
    assert [(c.subject, c.official.value, c.verdict) for c in claims] == [("Jonathan Ashworth", 13760, "accurate")]


def test_title_and_surname_of_a_candidate_in_the_articles_seats(ref, index):
    """Never introduced, but only one Ashworth stood in the seats the article names."""
    ashworth = person(ref, "Leicester South", "Jonathan Ashworth")
    ctx = ArticleContext(article_seats={ons(ref, "Leicester South")})
    assert [m.key for m in people(found("Mr Ashworth took 13,760 votes.", index, ctx))] == [ashworth]
    # with nothing to place him, the title is not enough
    assert people(found("Mr Ashworth took 13,760 votes.", index)) == []


def test_title_before_the_full_name(ref, index):
    ms = people(found("Sir Keir Starmer held Holborn and St Pancras.", index))
    assert [m.key for m in ms] == [person(ref, "Holborn and St Pancras", "Keir Starmer")]


def test_surname_alone_once_introduced(ref, index):
    streeting = person(ref, "Ilford North", "Wes Streeting")
    assert [m.key for m in people(found("Streeting won by 528 votes.", index, introduced(ref, streeting)))] == [streeting]
    assert people(found("Streeting won by 528 votes.", index)) == []


def test_the_most_recent_bearer_of_a_surname_wins(ref, index):
    """Gerri Hickton (Leicester South) and Garry Hickton (Perry Barr): a bare surname means the one last named."""
    gerri = person(ref, "Leicester South", "Gerri Hickton")
    garry = person(ref, "Birmingham Perry Barr", "Garry Hickton")
    ms = people(found("Hickton came third.", index, introduced(ref, gerri, garry)))
    assert [m.key for m in ms] == [garry]


def test_possessive(ref, index):
    streeting = person(ref, "Ilford North", "Wes Streeting")
    ms = people(found("Streeting's majority was 528.", index, introduced(ref, streeting)))
    assert [m.key for m in ms] == [streeting]
    ms = people(found("Wes Streeting's majority was 528.", index))
    assert [m.key for m in ms] == [streeting]


@pytest.mark.parametrize("sentence, written, seat, name", [
    ("Rushnara Ali held Bethnal Green and Stepney.", "Rushnara Ali", "Bethnal Green and Stepney", "Rushanara Ali"),
    ("Andrew Feinsten came second.", "Andrew Feinsten", "Holborn and St Pancras", "Andrew Feinstein"),
    ("Toby Mckenzie came third.", "Toby Mckenzie", "South West Norfolk", "Tobias McKenzie"),
])
def test_misspellings_and_nicknames(ref, index, sentence, written, seat, name):
    ms = people(found(sentence, index, entities=[span(sentence, written, "PERSON")]))
    assert [(m.text, m.key) for m in ms] == [(written, person(ref, seat, name))]


def test_misspelt_names_end_to_end(checker):
    claims = check(checker, "Rushnara Ali held Bethnal Green and Stepney with 15,896 votes. "
                            "Andrew Feinsten won 7,312 votes in Holborn and St Pancras.")
    assert [(c.subject, c.verdict) for c in claims] == [("Rushanara Ali", "accurate"), ("Andrew Feinstein", "accurate")]


def test_nickname_end_to_end(checker):
    [claim] = check(checker, "In South West Norfolk, Toby Mckenzie took 9,958 votes.")
    assert (claim.subject, claim.verdict) == ("Tobias McKenzie", "accurate")


def test_nickname_after_a_party_possessive(checker):
    [claim] = check(checker, "Reform UK's Toby Mckenzie won 9,958 votes in South West Norfolk.")
    assert claim.subject == "Tobias McKenzie"


def test_unknown_people_link_to_nothing(index):
    for sentence, name in [("Jonathan Blakemore-Smythe won 5,000 votes.", "Jonathan Blakemore-Smythe"),
                           ("Peter Farage won 5,000 votes.", "Peter Farage")]:
        assert people(found(sentence, index, entities=[span(sentence, name, "PERSON")])) == []
    assert people(found("Mr Smith-Jones won 5,000 votes in Clacton.", index)) == []


def test_unknown_people_leave_the_claim_unverifiable(checker):
    [claim] = check(checker, "Jonathan Blakemore-Smythe won 5,000 votes.")
    assert (claim.verdict, claim.subject, claim.official) == ("unverifiable", None, None)
    [claim] = check(checker, "Mr Smith-Jones won 5,000 votes in Clacton.")
    assert (claim.verdict, claim.subject) == ("unverifiable", None)


def test_a_titled_surname_with_no_context_is_not_guessed(checker):
    [claim] = check(checker, "Mr Mahmood took 12,796 votes.")
    assert claim.verdict == "unverifiable"


def test_bare_surname_placed_by_the_seat_in_the_sentence(checker):
    [claim] = check(checker, "Galloway took 11,587 votes in Rochdale.")
    assert (claim.subject, claim.verdict) == ("George Galloway", "accurate")


# --------------------------------------------------------------------- seats
@pytest.mark.parametrize("sentence, written, seat", [
    ("Labour held Bethnal Green and Stepney.", "Bethnal Green and Stepney", "Bethnal Green and Stepney"),
    ("Labour held Bethnal Green & Stepney.", "Bethnal Green & Stepney", "Bethnal Green and Stepney"),
    ("The Tories held Godalming & Ash.", "Godalming & Ash", "Godalming and Ash"),
    ("Plaid took Ynys Mon.", "Ynys Mon", "Ynys Môn"),
])
def test_seat_names_as_written(ref, index, sentence, written, seat):
    ms = [m for m in found(sentence, index) if m.type == "seat"]
    assert [(m.text, m.key) for m in ms] == [(written, ons(ref, seat))]


@pytest.mark.parametrize("sentence, written, label, seat", [
    ("The Conservatives gained East Leicester.", "East Leicester", "GPE", "Leicester East"),
    ("Labour narrowly held West Bradford.", "West Bradford", "GPE", "Bradford West"),
    ("Labour won Perry Barr Birmingham.", "Perry Barr Birmingham", "PERSON", "Birmingham Perry Barr"),
    ("Labour held Bethnal Grene and Stepney.", "Bethnal Grene and Stepney", "GPE", "Bethnal Green and Stepney"),
])
def test_reordered_and_misspelt_seats(ref, index, sentence, written, label, seat):
    ms = [m for m in found(sentence, index, entities=[span(sentence, written, label)]) if m.type == "seat"]
    assert [(m.text, m.key) for m in ms] == [(written, ons(ref, seat))]


def test_reordered_seat_end_to_end(checker):
    [claim] = check(checker, "The Conservatives gained East Leicester by 4,426 votes.")
    assert (claim.constituency.name, claim.verdict) == ("Leicester East", "accurate")


@pytest.mark.parametrize("text, seat", [
    ("Labour held Stepney and Bethnal Green by 1,689 votes.", "Bethnal Green and Stepney"),
    ("Labour won Norfolk South West by 630 votes.", "South West Norfolk"),
])
def test_reordered_seat_split_by_the_tagger(checker, text, seat):
    [claim] = check(checker, text)
    assert claim.constituency is not None and claim.constituency.name == seat


def test_an_unknown_place_is_no_seat(index):
    sentence = "Labour won Nowhere-on-Sea."
    assert [m for m in found(sentence, index, entities=[span(sentence, "Nowhere-on-Sea", "GPE")])
            if m.type == "seat"] == []


# ------------------------------------------------------------------- parties
@pytest.mark.parametrize("sentence, alias, code", [
    ("The Tories came second.", "Tories", "Con"),
    ("The Lib Dems came fourth.", "Lib Dems", "LD"),
    ("The Greens came fifth.", "Greens", "Green"),
    ("Reform came third.", "Reform", "RUK"),
    ("The Workers Party came second.", "Workers Party", "WPB"),
    ("The SNP held on.", "SNP", "SNP"),
    ("Plaid gained the seat.", "Plaid", "PC"),
    ("Sinn Féin held the seat.", "Sinn Féin", "SF"),
    ("Sinn Fein held the seat.", "Sinn Fein", "SF"),
    ("The DUP lost the seat.", "DUP", "DUP"),
    ("Alliance gained the seat.", "Alliance", "APNI"),
])
def test_party_aliases(index, sentence, alias, code):
    ms = [m for m in found(sentence, index) if m.type == "party"]
    assert [(m.text, m.key) for m in ms] == [(alias, code)]


@pytest.mark.parametrize("text, official", [
    ("In Clacton the Tories won 12,820 votes.", 12820),
    ("In Clacton the Lib Dems won 2,016 votes.", 2016),
    ("In Rochdale the Workers Party won 11,587 votes.", 11587),
    ("In Aberdeen North the SNP won 14,533 votes.", 14533),
    ("In Ynys Môn, Plaid won 10,590 votes.", 10590),
    ("In Belfast West, Sinn Féin won 21,009 votes.", 21009),
    ("In Lagan Valley the DUP won 15,659 votes.", 15659),
    ("In Lagan Valley, Alliance won 15,659 votes.", 18618),
])
def test_a_party_alias_picks_the_partys_row(checker, text, official):
    [claim] = check(checker, text)
    assert claim.official.value == official
    assert claim.verdict == ("accurate" if f"{official:,}" in text else "inaccurate")


# ----------------------------------------------------------------- discourse
@pytest.mark.parametrize("figure, verdict", [("1,689", "accurate"), ("1,500", "inaccurate")])
def test_discourse_end_to_end(checker, figure, verdict):
    claims = check(checker, "Rushanara Ali held Bethnal Green and Stepney for Labour. "
                            f"However, her majority fell to {figure}.")
    [claim] = claims
    assert (claim.subject, claim.constituency.name, claim.verdict) == (
        "Rushanara Ali", "Bethnal Green and Stepney", verdict)


def test_a_figure_with_nothing_pointing_back_is_a_weak_link(checker):
    """No pronoun, no name: read against the seat in focus, but called wrong only when the article is about
    that one seat."""
    [claim] = check(checker, "Shockat Adam took Leicester South, and Jeremy Corbyn held Islington North. "
                             "The majority was 1,500.")
    assert claim.verdict == "unverifiable"
    [claim] = check(checker, "Shockat Adam took Leicester South. The majority was 1,500.")
    assert claim.verdict == "inaccurate" and claim.official.value == 979
    [claim] = check(checker, "Shockat Adam took Leicester South. He won by 1,500 votes.")
    assert claim.verdict == "inaccurate"


# ------------------------------------------------------ two seats, one sentence
@pytest.mark.parametrize("text, verdicts", [
    ("Labour won Ilford North by 528 votes and Bethnal Green and Stepney by 1,689.", ["accurate", "accurate"]),
    ("Labour won Ilford North by 1,689 votes and Bethnal Green and Stepney by 528.", ["inaccurate", "inaccurate"]),
    ("Wes Streeting held Ilford North by 528 votes, while Rushanara Ali held Bethnal Green and Stepney by 1,689.",
     ["accurate", "accurate"]),
])
def test_two_seats_end_to_end(checker, text, verdicts):
    claims = check(checker, text)
    assert [c.constituency.name for c in claims] == ["Ilford North", "Bethnal Green and Stepney"]
    assert [c.verdict for c in claims] == verdicts
    assert [c.official.value for c in claims] == [528, 1689]


# ------------------------------------------------------ one name, two people
MAHMOOD = ("Khalid Mahmood (Lab, Birmingham Perry Barr)", "Khalid Mahmood (Green, Bradford West)")


def test_khalid_mahmood_is_two_people(ref, index):
    [m] = people(found("Khalid Mahmood lost.", index))
    assert m.key is None
    assert sorted(m.alternatives) == sorted([person(ref, "Birmingham Perry Barr", "Khalid Mahmood"),
                                             person(ref, "Bradford West", "Khalid Mahmood")])


@pytest.mark.parametrize("text, seat, official", [
    ("Khalid Mahmood lost Birmingham Perry Barr by 507 votes.", "Birmingham Perry Barr", 507),
    ("Khalid Mahmood won 3,690 votes in Bradford West.", "Bradford West", 3690),
    ("Khalid Mahmood received 12,796 votes in Birmingham Perry Barr.", "Birmingham Perry Barr", 12796),
    ("Naz Shah held Bradford West by 707 votes. Khalid Mahmood took 3,690 votes.", "Bradford West", 3690),
])
def test_khalid_mahmood_placed_by_a_seat(checker, text, seat, official):
    claim = check(checker, text)[-1]
    assert (claim.subject, claim.constituency.name, claim.official.value, claim.verdict) == (
        "Khalid Mahmood", seat, official, "accurate")


@pytest.mark.parametrize("text", ["Khalid Mahmood won 3,690 votes.", "Khalid Mahmood lost by 507 votes."])
def test_khalid_mahmood_unplaced_is_unverifiable(checker, text):
    [claim] = check(checker, text)
    assert (claim.verdict, claim.official, claim.constituency) == ("unverifiable", None, None)
    assert all(name in claim.explanation for name in MAHMOOD)


def test_khalid_mahmood_placed_by_his_party(checker):
    [claim] = check(checker, "The Green candidate Khalid Mahmood took 3,690 votes.")
    assert (claim.constituency and claim.constituency.name, claim.verdict) == ("Bradford West", "accurate")


def test_a_previous_candidate_standing_again_under_another_first_name_is_this_elections(index, ref):
    """"Stephen Barclay" is the previous election's candidate by name; this time he stood as "Steve Barclay"
    in the same seat, so the name is this election's candidate. Someone who did not stand again stays the
    previous election's."""
    again = next(c for c in ref.candidates.values() if c.name == "Steve Barclay")
    m = next(m for m in find_mentions("Stephen Barclay retained the seat.", index, ArticleContext()) if m.type == "candidate")
    assert m.key == again.key
    gone = next(m for m in find_mentions("Boris Johnson did not stand.", index, ArticleContext()) if m.type == "candidate")
    assert ref.is_previous_actual(gone.key) or gone.key in ref.previous_candidates


# ---------------------------------------------------------------- a seat named again by one of its places
def test_one_word_of_a_seat_named_in_full_is_that_seat(ref, index, seat_named):
    """"Turnout was 69% in Truro": the article named Truro and Falmouth in full; the short form is that seat."""
    seat = seat_named("Truro and Falmouth")
    ctx = ArticleContext(article_seats={seat.ons_id})
    found = [m for m in find_mentions("Turnout was 69% in Truro on the night.", index, ctx) if m.type == "seat"]
    assert [(m.text, m.key) for m in found] == [("Truro", seat.ons_id)]
    later = [m for m in find_mentions("Turnout was 69% in Falmouth.", index, ctx) if m.type == "seat"]
    assert [m.key for m in later] == [seat.ons_id]


def test_one_word_of_a_seat_the_article_has_not_named_is_no_seat(ref, index, seat_named):
    """Without the full name in the article, "Truro" is a town; with both Paisley seats named, "Paisley" is
    either; and a word that begins a longer name is that name's."""
    assert not [m for m in find_mentions("Turnout was 69% in Truro.", index, ArticleContext()) if m.type == "seat"]
    north, south = seat_named("Paisley and Renfrewshire North"), seat_named("Paisley and Renfrewshire South")
    one = ArticleContext(article_seats={north.ons_id})
    assert [m.key for m in find_mentions("Turnout was 60% in Paisley.", index, one) if m.type == "seat"] == [north.ons_id]
    both = ArticleContext(article_seats={north.ons_id, south.ons_id})
    assert not [m for m in find_mentions("Turnout was 60% in Paisley.", index, both) if m.type == "seat"]
    truro = ArticleContext(article_seats={seat_named("Truro and Falmouth").ons_id})
    assert not [m for m in find_mentions("Turnout was 60% in Truro City.", index, truro) if m.type == "seat"]


@pytest.mark.parametrize("text, party", [
    ("The Liberal democrats won 72 seats.", "LD"),
    ("The Liberal Democrats won 72 seats.", "LD"),
    ("The Liberal party stood in ten seats.", "Lib"),
    ("Labour party members cheered.", "Lab"),
])
def test_a_party_is_named_however_the_last_word_of_its_name_is_cased(index, text, party):
    """"Liberal democrats" is the Liberal Democrats, not the Liberal party its first word names."""
    found = [m for m in find_mentions(text, index, ArticleContext()) if m.type == "party"]
    assert [m.key for m in found] == [party]


def test_a_sentence_looked_up_again_in_one_article_gets_fresh_mentions(ref, index):
    """The exact names are remembered for the article; what one caller resolves on its copy stays its own."""
    from factcheck.link.names import resolve_alternatives
    from factcheck.memo import one_article

    sentence = "Khalid Mahmood lost Bradford West."
    with one_article():
        first = found(sentence, index)
        resolve_alternatives(first, index, ArticleContext())
        again = found(sentence, index)
    fresh = found(sentence, index)
    assert people(first)[0].key == person(ref, "Bradford West", "Khalid Mahmood")
    assert people(again)[0].key is None and len(people(again)[0].alternatives) == 2
    assert again == fresh and again is not fresh


def test_a_word_no_name_starts_with_starts_no_mention(index):
    assert {"stoke", "keir", "labour", "reform"} <= index.first_words.keys()
    assert "yesterday" not in index.first_words and index.first_words["holborn"] >= 4
    sentence = "Yesterday Keir Starmer held Holborn and St Pancras for Labour."
    found = [(m.type, m.text) for m in find_mentions(sentence, index, ArticleContext())]
    assert ("candidate", "Keir Starmer") in found and ("seat", "Holborn and St Pancras") in found
    assert ("party", "Labour") in found and not any(t == "Yesterday" for _, t in found)


def test_a_name_resolved_in_one_look_up_stays_open_in_the_next(ref, index):
    """A sentence's names are found once an article and shared; resolving two people of one name in one
    reading of the sentence must not resolve it for the next."""
    from factcheck.link.names import resolve_alternatives
    from factcheck.memo import one_article

    sentence = "Khalid Mahmood lost in Bradford West, Labour said."
    with one_article():
        first = find_mentions(sentence, index, ArticleContext())
        ctx = ArticleContext()
        resolve_alternatives(first, index, ctx)
        [m] = [x for x in first if x.type == "candidate"]
        assert m.key == person(ref, "Bradford West", "Khalid Mahmood")
        again = find_mentions(sentence, index, ArticleContext())
        [n] = [x for x in again if x.type == "candidate"]
        assert n.key is None and len(n.alternatives) == 2
        assert [x.key for x in again if x.type != "candidate"] == [x.key for x in first if x.type != "candidate"]


def test_a_word_that_folds_to_nothing_does_not_cut_a_name_short(index):
    # "ß" folds to nothing, so the name is five words that fold to the seat's four
    found = [(m.type, m.text) for m in find_mentions("Holborn and ß St Pancras voted.", index, ArticleContext())]
    assert ("seat", "Holborn and ß St Pancras") in found


def test_a_leader_and_an_independent_are_read_where_they_are_named(ref, index):
    found = find_mentions("The Labour leader held his seat, as did the independent candidate.", index,
                          ArticleContext())
    leader = [m for m in found if m.type == "candidate"]
    assert [m.text for m in leader] == ["Labour leader"] and leader[0].key in ref.leaders["Lab"]
    assert ("the independent candidate", "Ind") in [(m.text, m.key) for m in found if m.type == "party"]
    found = find_mentions("the former Labour leader spoke of INDEPENDENT voters", index, ArticleContext())
    assert not [m for m in found if m.type == "candidate"]
    assert not [m for m in found if m.key == "Ind"]  # no "a", "an" or "the" before it


def test_a_party_across_a_clause_break_does_not_pick_between_namesakes(ref, index):
    """Two candidates share a name: the party named just before them in the same phrase picks one ("the Reform
    candidate Sarah Smith"); one that belongs to someone else, across a comma, does not, and the article's
    seat decides instead."""
    from factcheck.link.names import resolve_alternatives

    namesakes = {}
    for c in ref.candidates.values():
        namesakes.setdefault(c.name, []).append(c)
    a, b = next(v for v in namesakes.values() if len(v) == 2 and v[0].party != v[1].party
                and display_name(v[0].party) != display_name(v[1].party))
    for sentence, expected in [
        (f"The {display_name(a.party)} candidate {a.name} got {a.votes:,}.", a),
        (f"Someone polled 9,999 votes for {display_name(b.party)}, while {a.name} got {a.votes:,}.", a),
    ]:
        mentions = find_mentions(sentence, index, ArticleContext())
        ctx = ArticleContext()
        ctx.article_seats.add(a.ons_id)
        resolve_alternatives(mentions, index, ctx, sentence)
        [m] = [x for x in mentions if x.type == "candidate"]
        assert m.key == expected.key, sentence
