"""Whose figure it is: every name in the sentence is offered as a subject, weighted by where it stands.

The sentences are written here around real seats and candidates from the reference tables, so the
names resolve as they would in an article.
"""
from __future__ import annotations

import pytest

from factcheck.link.names import ArticleContext, find_mentions, resolve_alternatives, update_context
from factcheck.read.figures import find_quantities
from factcheck.readings.article import ArticleState
from factcheck.readings.context import figure_contexts
from factcheck.readings.subjects import (
    NATIONAL, nations_named, seat_offers, unknown_people, unknown_places, weights, wide_offers)

W = weights()


@pytest.fixture(scope="module")
def seat(seat_named):
    return seat_named("Leicester South")


@pytest.fixture(scope="module")
def winner(seat):
    return seat.winner


@pytest.fixture(scope="module")
def second(seat):
    return seat.runner_up


def read(sentence, index, ref, ctx=None, figure=None):
    ctx = ctx or ArticleContext()
    mentions = find_mentions(sentence, index, ctx)
    resolve_alternatives(mentions, index, ctx)
    fcs = figure_contexts(sentence, 0, find_quantities(sentence))
    fc = fcs[0] if figure is None else next(c for c in fcs if c.q.text == figure)
    return fc, mentions, ArticleState(ctx=ctx, ref=ref)


def seat_subjects(sentence, index, ref, ctx=None, figure=None, stranger=False):
    fc, mentions, state = read(sentence, index, ref, ctx, figure)
    return seat_offers(fc, mentions, ref, state, stranger)


def wide_subjects(sentence, index, ref, state=None, figure=None):
    fc, mentions, st = read(sentence, index, ref, figure=figure)
    places = [(m.start, m.end, m.place) for m in ref.places.find_places(sentence)
              if m.place.kind not in ("nation", "country")]
    return wide_offers(fc, mentions, state or st, nations_named(sentence, mentions), None, places)


def person(offers, key):
    found = [o for o in offers if o.subject.level == "candidate" and o.subject.person == key]
    assert len(found) == 1, [(o.subject.label, o.why) for o in offers]
    return found[0]


def focused(index, ref, sentence):
    """An article context after `sentence` has been read."""
    ctx = ArticleContext()
    update_context(find_mentions(sentence, index, ctx), index, ctx)
    return ctx


# ---------------------------------------------------------------- position
def test_the_nearest_name_before_the_figure_is_its_subject(index, ref, seat, winner, second):
    offers = seat_subjects(f"{winner.name} polled {winner.votes:,} votes and {second.name} came second.", index, ref)
    assert person(offers, winner.key).why == ["before_same_clause_nearest"]
    assert person(offers, winner.key).weight == W["before_same_clause_nearest"]
    assert person(offers, second.key).weight == W["after_same_clause"]
    assert person(offers, winner.key).weight > person(offers, second.key).weight


def test_a_possessive_owns_the_figure(index, ref, winner, second):
    offers = seat_subjects(f"{second.name} finished well behind {winner.name}'s {winner.votes:,}.", index, ref)
    assert person(offers, winner.key).why == ["possessive_adjacent"]
    assert person(offers, winner.key).weight > person(offers, second.key).weight


def test_a_name_after_the_figure_is_offered_more_weakly(index, ref, winner):
    offers = seat_subjects(f"With {winner.votes:,} votes, {winner.name} took the seat.", index, ref)
    assert person(offers, winner.key).why == ["after_other_clause"]
    assert person(offers, winner.key).weight == W["after_other_clause"]


def test_a_name_the_figure_is_said_to_be_for(index, ref, seat):
    offers = seat_subjects(f"In {seat.name} there were {seat.runner_up.votes:,} votes for Labour.", index, ref)
    labour = [o for o in offers if o.subject.level == "party" and o.subject.party == "Lab"]
    assert labour and labour[0].why[0] == "owner_after"


# ---------------------------------------------------------------- opponents and modifiers
@pytest.mark.parametrize("template", [
    "{w} beat {s} by {m:,} votes.",
    "{w} finished {m:,} votes ahead of {s}.",
])
def test_the_person_set_against_the_subject_is_an_opponent(index, ref, seat, winner, second, template):
    offers = seat_subjects(template.format(w=winner.name, s=second.name, m=seat.majority), index, ref)
    other = person(offers, second.key)
    assert "opponent" in other.why
    assert other.weight < person(offers, winner.key).weight or "before_same_clause_nearest" in other.why
    # the opponent's weight is cut by the table's factor
    assert other.weight == pytest.approx(W[other.why[0]] * W["opponent"])


def test_a_possessive_that_owns_another_noun_is_a_modifier(index, ref, seat, second):
    offers = seat_subjects(f"{second.name}'s Labour Party won {second.votes:,} votes in {seat.name}.", index, ref)
    # the person named as the party's owner is no subject of their own: offered as a modifier, or not at all
    alone = [o for o in offers if o.subject.level == "candidate" and o.subject.person == second.key]
    assert all("modifier" in o.why for o in alone)
    labour = next(o for o in offers if o.subject.level == "party")
    assert "party_of_person" in labour.why
    # the party's one candidate in the seat is the same subject as that person
    assert labour.subject.person == second.key and labour.subject.ons_id == seat.ons_id


# ---------------------------------------------------------------- context: the focus and pronouns
def test_a_pronoun_reaches_the_person_in_focus(index, ref, seat, winner):
    ctx = focused(index, ref, f"{winner.name} won {seat.name}.")
    offers = seat_subjects(f"Her majority was {seat.majority:,}.", index, ref, ctx)
    focus = person(offers, winner.key)
    assert focus.why == ["focus_person", "pronoun"] and not focus.subject.weak
    assert focus.weight == pytest.approx(W["focus_person"] * W["anchor_pronoun"])
    seats = [o for o in offers if o.subject.level == "seat"]
    assert seats and seats[0].subject.ons_id == seat.ons_id


def test_the_focus_without_a_pronoun_is_weak(index, ref, seat, winner):
    ctx = focused(index, ref, f"{winner.name} won {seat.name}.")
    offers = seat_subjects(f"A majority of {seat.majority:,} was declared.", index, ref, ctx)
    focus = person(offers, winner.key)
    assert focus.subject.weak and focus.why == ["focus_person"]
    assert all(o.subject.weak for o in offers)


def test_a_name_in_the_sentence_outranks_the_focus(index, ref, seat, winner, second):
    ctx = focused(index, ref, f"{winner.name} won {seat.name}.")
    offers = seat_subjects(f"{second.name} polled {second.votes:,}.", index, ref, ctx)
    assert [o.subject.person for o in offers if o.subject.level == "candidate"] == [second.key]


def test_a_stranger_named_before_the_figure_keeps_the_winner_out(index, ref, seat):
    sentence = f"Mr Quillfeather-Brown, who stood in {seat.name}, won 5,000 votes."
    fc, mentions, state = read(sentence, index, ref)
    assert unknown_people(sentence, (), mentions, 0, fc.q.start)
    without = seat_offers(fc, mentions, ref, state, stranger=True)
    assert not any(o.subject.level == "candidate" for o in without)
    # a seat named with no one in it offers its winner, weakly, when no stranger is there
    sentence = f"In {seat.name} someone won 5,000 votes."
    fc, mentions, state = read(sentence, index, ref)
    winner = [o for o in seat_offers(fc, mentions, ref, state) if o.subject.level == "candidate"]
    assert winner and winner[0].subject.person == seat.winner.key and winner[0].subject.weak


@pytest.mark.parametrize("verb", ["got", "polled", "received just"])
def test_an_organisation_the_tables_do_not_know_is_a_stranger(index, ref, seat, verb):
    """spaCy's ORG span right before the figure's verb names a subject the tables do not hold; an ORG further
    off ("the House of Commons, with ...") or one a known name stands after is not the figure's subject."""
    sentence = f"In {seat.name}, the Quillfeather Heritage Movement {verb} 372 votes."
    fc, mentions, state = read(sentence, index, ref)
    start = sentence.index("the Quillfeather")
    end = start + len("the Quillfeather Heritage Movement")
    assert unknown_people(sentence, [(start, end, "ORG")], mentions, 0, fc.q.start)
    far = "Labour will hold most of the House of Commons, with less than 35 percent of the votes."
    fc, mentions, state = read(far, index, ref)
    start = far.index("the House")
    assert not unknown_people(far, [(start, start + len("the House of Commons"), "ORG")], mentions, 0, fc.q.start)


def test_a_possessive_party_owns_its_figure_even_after_behind(index, ref):
    """"behind Labour's 34 per cent": Labour is the other side of the comparison, but the figure is its own."""
    offers = wide_subjects("Reform won 14 per cent of the vote, behind Labour's 34 per cent.", index, ref,
                           figure="34 per cent")
    assert "Lab" in {o.subject.party for o in offers}
    offers = wide_subjects("Reform won 14 per cent of the vote, behind Labour.", index, ref, figure="14 per cent")
    assert "Lab" not in {o.subject.party for o in offers}


@pytest.mark.parametrize("sentence, figure", [
    ("Reform won 16.9 per cent in Wales, ahead of Plaid Cymru on 14.8 per cent.", "14.8 per cent"),
    ("Labour won 37 per cent, well ahead of Plaid Cymru with 14.8 per cent.", "14.8 per cent"),
    ("Labour was first, ahead of Plaid Cymru, on 14.8 per cent.", "14.8 per cent"),
])
def test_a_party_the_figure_is_given_to_owns_it_even_after_ahead_of(index, ref, sentence, figure):
    """"ahead of Plaid Cymru on 14.8 per cent": the party set against the subject is given the figure with "on",
    "with" or "at", so the figure is its own; named further off, it stays only the other side."""
    offers = wide_subjects(sentence, index, ref, figure=figure)
    assert "PC" in {o.subject.party for o in offers}
    far = wide_subjects("Reform won 16.9 per cent, ahead of Plaid Cymru in most of Wales.", index, ref,
                        figure="16.9 per cent")
    assert "PC" not in {o.subject.party for o in far}


def _party_weight(offers, party):
    return max(o.weight for o in offers if o.subject.party == party and o.subject.level == "uk")


def _party_weak(offers, party):
    return all(o.subject.weak for o in offers if o.subject.party == party and o.subject.level == "uk")


def test_a_party_naming_what_the_figure_counts_owns_it(index, ref):
    """"All four Reform MPs", "fourteen Conservative seats": the party after the figure names what it counts,
    so it owns the figure as surely as one named before it; after the figure in other words, it is a guess."""
    counted = wide_subjects("All four Reform MPs beat incumbent Conservative candidates.", index, ref)
    assert not _party_weak(counted, "RUK")
    guessed = wide_subjects("All four beat incumbent candidates, a good night for Reform.", index, ref)
    assert _party_weak(guessed, "RUK")


def test_a_party_after_the_figure_gives_way_to_one_before_it(index, ref):
    """"Reform won four seats amid a Labour landslide": Reform, before the figure in its clause, owns it."""
    offers = wide_subjects("Reform won four seats amid a Labour landslide.", index, ref)
    alone = wide_subjects("Four seats went amid a Labour landslide.", index, ref)
    assert _party_weight(offers, "Lab") == pytest.approx(_party_weight(alone, "Lab") * W["wide_party_after_owned"])
    assert _party_weight(offers, "RUK") > 3 * _party_weight(offers, "Lab")


def test_a_seat_named_in_the_clause(index, ref, seat):
    offers = seat_subjects(f"In {seat.name} the turnout was 59.0%.", index, ref)
    place = next(o for o in offers if o.subject.level == "seat")
    assert place.subject.ons_id == seat.ons_id and place.why[0] == "seat_same_clause"


def test_a_party_in_a_seat(index, ref, seat, second):
    offers = seat_subjects(f"In {seat.name}, Labour polled {second.votes:,}.", index, ref)
    labour = next(o for o in offers if o.subject.level == "party")
    assert (labour.subject.party, labour.subject.ons_id, labour.subject.person) == ("Lab", seat.ons_id, second.key)
    assert "party_in_seat" in labour.why


# ---------------------------------------------------------------- wide subjects: nations, places, the UK
def test_a_nation_named_in_the_clause(index, ref):
    offers = wide_subjects("Labour won 37 seats in Scotland.", index, ref)
    scotland = next(o for o in offers if o.subject.level == "nation")
    assert (scotland.subject.nation, scotland.subject.party) == ("Scotland", "Lab")
    assert scotland.weight > next(o for o in offers if o.subject.level == "uk").weight
    assert not scotland.subject.weak


def test_part_of_a_nation_is_weak(index, ref):
    offers = wide_subjects("Labour won 20 seats in south Wales.", index, ref)
    assert next(o for o in offers if o.subject.level == "nation").subject.weak


def test_a_place_from_the_place_table(index, ref):
    offers = wide_subjects("The Liberal Democrats won 5 of Norfolk's 10 seats.", index, ref)
    norfolk = next(o for o in offers if o.subject.level == "place")
    assert (norfolk.subject.place, norfolk.subject.party) == ("Norfolk", "LD")
    # the country is still offered, but beside local words it can never condemn
    uk = next(o for o in offers if o.subject.level == "uk")
    assert uk.subject.weak and "local_words" in uk.why


def test_national_words_make_the_country_strong(index, ref):
    offers = wide_subjects("Labour won 411 seats nationally.", index, ref)
    uk = next(o for o in offers if o.subject.level == "uk")
    assert uk.why[0] == "wide_uk_named" and not uk.subject.weak
    assert NATIONAL.search("across the country") and not NATIONAL.search("across the seat")


def test_the_article_nation_and_a_one_nation_party(index, ref):
    fc, mentions, state = read("The SNP won 9 seats.", index, ref)
    offers = wide_offers(fc, mentions, state, [], None)
    assert any(o.subject.nation == "Scotland" and "wide_nation_party" in o.why for o in offers)
    state.nation = "Wales"
    offers = wide_offers(fc, mentions, state, [], None)
    assert any(o.subject.nation == "Wales" and "wide_nation_article" in o.why for o in offers)


def test_nations_are_not_read_inside_names(index, ref):
    sentence = "The Scottish National Party lost ground in Scotland."
    mentions = find_mentions(sentence, index, ArticleContext())
    assert [n for _, _, n in nations_named(sentence, mentions)] == ["Scotland"]
    assert nations_named("NI results") and not nations_named("a ni result")


def test_unknown_places_are_counted(index, ref):
    sentence = "Labour won 3 seats across Ruritania."
    entities = ((sentence.index("Ruritania"), sentence.index("Ruritania") + 9, "GPE"),)
    mentions = find_mentions(sentence, index, ArticleContext())
    assert unknown_places(sentence, entities, mentions, []) == 1
    country = "Labour won across the UK."
    at = country.index("the UK")
    assert unknown_places(country, ((at, at + 6, "GPE"),), [], []) == 0  # the country is not a place


def test_a_person_named_by_a_national_office_does_not_make_a_figure_local(index, ref):
    """"Prime Minister Keir Starmer": a national figure, not a sign that the count is of a local area; named
    without the office, the same person is a seat's candidate and the country's count only a guess."""
    from factcheck.readings.subjects import titled

    starmer = next(c for c in ref.seats.values() if c.winner.name == "Keir Starmer").winner
    titled_text = f"The 411 Labour MPs back Prime Minister {starmer.name}."
    plain_text = f"The 411 Labour MPs back {starmer.name}."
    for text, weak in ((titled_text, False), (plain_text, True)):
        offers = wide_subjects(text, index, ref)
        assert _party_weak(offers, "Lab") is weak, text
    mention = next(m for m in find_mentions(titled_text, index, ArticleContext()) if m.type == "candidate")
    assert titled(titled_text, mention)


def test_a_person_the_sentence_names_as_a_leader_is_not_the_figures_candidate(index, ref):
    """"The party, led by Nigel Farage, won 14 per cent": the party's figure, not Clacton's (vocab/leads.tsv);
    the same name as the subject of the verb is the candidate."""
    from factcheck.readings.subjects import leader_of

    farage = next(s for s in ref.seats.values() if s.winner.name == "Nigel Farage").winner
    for text, leads in ((f"Reform UK, led by {farage.name}, won 14 per cent of the vote.", True),
                        (f"Under {farage.name}, Reform UK won 14 per cent of the vote.", True),
                        (f"{farage.name} won 46 per cent of the vote.", False)):
        mentions = find_mentions(text, index, ArticleContext())
        m = next(m for m in mentions if m.type == "candidate")
        assert leader_of(text, m, mentions) is leads, text


def test_the_leads_table_compiles():
    import re

    from factcheck.readings.cues import VOCAB, read_table

    rows = [r["phrase"] for r in read_table(VOCAB / "leads.tsv")]
    assert rows and all(r.strip() for r in rows)
    for r in rows:
        re.compile(r)


def test_the_titles_table_compiles_and_names_offices():
    from factcheck.readings.cues import VOCAB, read_table

    rows = [r["title"] for r in read_table(VOCAB / "titles.tsv")]
    assert rows and all(r.strip() for r in rows)
    import re
    for r in rows:
        re.compile(r)


def test_the_articles_own_place_gives_way_to_a_place_the_sentence_names(index, ref):
    """In a Devon round-up, "the four seats in the Plymouth area" counts Plymouth's seats, not Devon's: the
    article's place is still offered, but as a guess that can never condemn; without a place in the
    sentence it is the article's count."""
    from factcheck.readings.article import ArticleState

    devon = ref.places.place_seats("Devon")
    state = ArticleState(ctx=ArticleContext(), ref=ref, place=devon)
    named = wide_subjects("Labour won three of the four seats in the Plymouth area.", index, ref, state=state)
    plain = wide_subjects("Labour won three of the four seats.", index, ref, state=state)
    home = lambda offers: [o for o in offers if o.subject.place == "Devon"]
    assert home(named) and all(o.subject.weak for o in home(named))
    assert home(plain) and not any(o.subject.weak for o in home(plain))


def test_a_set_given_by_the_size_of_the_area_last_named_is_that_area(ref):
    """"across the area's 24 constituencies", after a sentence listing three counties: the text's own patch
    never condemns, unless the sentence gives the set by its size and the size is the patch's."""
    import factcheck
    from factcheck.readings.subjects import union_place

    area = union_place([ref.places.place_seats(n) for n in ("Northumberland", "Tyne and Wear", "County Durham")])
    total = sum(c.votes for o in area.seats for c in ref.seats[o].candidates if c.party == "RUK")
    wrong = round(total * 1.13)

    def verdict(size):
        text = (f"Reform did well across Northumberland, Tyne and Wear and County Durham. The party polled "
                f"{wrong:,} votes across the area's {size} constituencies.")
        return next(c.verdict for c in factcheck.check_text(text).claims if c.quote == f"{wrong:,}")

    assert verdict(len(area.seats)) == "inaccurate"
    assert verdict(len(area.seats) + 3) == "unverifiable"


@pytest.mark.parametrize("sentence, place, counts", [
    ("Labour won all five seats in Bradford.", "Bradford", True),
    ("Across the Black Country the Tories lost ground.", "Black Country", True),
    ("Bradford's two seats both went to Labour.", "Bradford", True),
    ("Savanta's research director said Reform won four seats.", "Savanta", False),
    ("Reform's vote rose sharply around Hartlepool.", "Hartlepool", True),
    ("Chris Hopkins told PoliticsHome that Reform won four seats.", "PoliticsHome", False),
])
def test_a_place_counts_as_local_only_where_the_sentence_puts_something_there(sentence, place, counts):
    """A name the tagger takes for a place ("Savanta's research director") makes a count no more local than any
    other name; a place brought in as where something is ("in Bradford", "Bradford's seats") does."""
    start = sentence.index(place)
    assert unknown_places(sentence, [(start, start + len(place), "GPE")], [], []) == int(counts)


def test_the_place_an_article_is_about_is_offered_as_its_own_when_it_was_also_the_last_named(index, ref):
    """In a Yorkshire round-up whose last place named was Yorkshire, "It came second in 10 seats" is the
    region's count first: the place the article keeps naming, not a weak guess at the place last named."""
    yorkshire = ref.places.place_seats("Yorkshire")
    state = ArticleState(ctx=ArticleContext(), ref=ref, place=yorkshire, area=yorkshire, nation="England")
    offers = wide_subjects("Reform came second in 10 seats.", index, ref, state=state)
    home = [o for o in offers if o.subject.place == yorkshire.name and o.subject.party == "RUK"]
    assert len(home) == 1 and "wide_place_article" in home[0].why and not home[0].subject.weak
    nation = next(o for o in offers if o.subject.nation == "England" and o.subject.party == "RUK")
    assert home[0].weight > nation.weight
    # a place last named that the article is not about stays the weak guess it was
    other = ref.places.place_seats("Devon")
    state = ArticleState(ctx=ArticleContext(), ref=ref, place=other, area=yorkshire)
    offers = wide_subjects("Reform came second in 10 seats.", index, ref, state=state)
    assert all(o.subject.weak for o in offers if o.subject.place == yorkshire.name)


@pytest.mark.parametrize("words", ["around the country", "throughout the country", "up and down the country",
                                   "across the nation", "all over the UK"])
def test_words_for_the_whole_country_are_national(words):
    assert NATIONAL.search(f"The Greens won in three other constituencies {words}.")


def _reform_mps(ref, n):
    """n Reform UK winners, each in a region of their own where possible."""
    by_region = {}
    for seat in ref.seats.values():
        if seat.winner.party == "RUK":
            by_region.setdefault(seat.region, seat.winner)
    winners = list(by_region.values())
    assert len(winners) >= n
    return winners[:n]


def test_a_count_beside_people_elected_across_regions_is_not_the_local_papers(index, ref):
    """"Reform won four seats, with X joined by Y and Z": in a Southampton paper, the people named were elected
    far from Southampton, so the count is not Southampton's, and the country's reading is no local guess."""
    from factcheck.readings.subjects import people_elsewhere

    mps = _reform_mps(ref, 2)
    sentence = f"Reform won four seats, with {mps[0].name} joined by {mps[1].name} in being elected."
    fc, mentions, _ = read(sentence, index, ref)
    assert people_elsewhere(mentions, ref) == {m.ons_id for m in mps}
    southampton = ref.places.place_seats("Southampton")
    state = ArticleState(ctx=ArticleContext(), ref=ref, place=southampton, local=True)
    offers = wide_subjects(sentence, index, ref, state=state)
    assert not any(o.subject.place == southampton.name for o in offers)
    uk = next(o for o in offers if o.subject.level == "uk" and o.subject.party == "RUK")
    assert not uk.subject.weak
    # one person alone is the local story: the paper's place stays
    alone = f"Reform won four seats, with {mps[0].name} elected."
    fc, mentions, _ = read(alone, index, ref)
    assert people_elsewhere(mentions, ref) == set()


def test_a_part_of_the_articles_place_never_condemns_with_the_whole_places_count(index, ref):
    """"their two remaining MPs in inner London", in a London paper: inner London is not in the place table, and
    London's count is then only a guess."""
    london = ref.places.place_seats("London")
    state = ArticleState(ctx=ArticleContext(), ref=ref, place=london)
    inner = wide_subjects("The Conservatives lost their two remaining MPs in inner London.", index, ref, state=state)
    plain = wide_subjects("The Conservatives lost their two remaining MPs.", index, ref, state=state)
    home = lambda offers: [o for o in offers if o.subject.place == london.name]
    assert home(inner) and all(o.subject.weak for o in home(inner))
    assert home(plain) and not any(o.subject.weak for o in home(plain))


@pytest.mark.parametrize("sentence", [
    "Eight of the nine seats Labour gained were from the Tories.",
    "Of the nine seats which Labour lost, one went to the Greens.",
])
def test_the_party_of_a_clause_saying_what_the_seats_are_owns_their_count(index, ref, sentence):
    """"the nine seats Labour gained": Labour, named after the figure, says whose gains they are; the party they
    came "from" is the other side."""
    offers = wide_subjects(sentence, index, ref, figure="nine")
    lab = next(o for o in offers if o.subject.party == "Lab" and o.subject.level == "uk")
    assert lab.weight == pytest.approx(W["wide_uk"] * W["wide_party_before"])
    assert all(o.weight < lab.weight for o in offers if o.subject.party not in ("Lab", None))


def _seat(ref, name):
    return next(s for s in ref.seats.values() if s.name == name)


def test_a_pronoun_is_not_the_rival_the_sentence_names(ref):
    """"With 15,543 votes, he scored a majority of 3,784 over Linden": "he" is the man the article named before
    Linden, not Linden, though Linden was named last; a wrong vote is then his, and wrong."""
    import factcheck

    seat = _seat(ref, "Glasgow East")
    win, rival = seat.winner, seat.runner_up
    assert win.gender == rival.gender  # the pronoun alone cannot tell them apart
    surname = rival.name.split()[-1]
    for votes, verdict in ((win.votes, "accurate"), (win.votes + 1000, "inaccurate")):
        text = (f"{win.name} won {seat.name} for Labour. {rival.name} had held the seat since 2015. With {votes:,} "
                f"votes, he scored a majority of {seat.majority:,} over {surname}.")
        claim = next(c for c in factcheck.check_text(text).claims if c.quote.startswith(f"{votes:,}"))
        assert claim.verdict == verdict, claim.explanation
        assert win.name in claim.explanation


def test_a_person_named_only_as_an_owner_does_not_hide_the_person_in_focus(ref):
    """"The woman who was a minister in Rishi Sunak's Government polled 19,360 votes": Sunak owns "Government",
    not the figure, so the person the article is about is still offered."""
    import factcheck

    seat = _seat(ref, "North West Essex")
    win = seat.winner
    text = f"{win.name} held {seat.name}. The woman who was a minister in Rishi Sunak's Government polled {win.votes:,} votes."
    claim = next(c for c in factcheck.check_text(text).claims if c.quote.startswith(f"{win.votes:,}"))
    assert claim.verdict == "accurate" and win.name in claim.explanation


def test_a_sentence_is_searched_for_nations_only_when_it_holds_a_word_of_one():
    """The word check before the nation pattern is one-sided: every nation the pattern finds (written here, and
    in the real coverage read from ../shared) is in a sentence the check lets through."""
    from conftest import SHARED
    from factcheck.readings.literals import folded
    from factcheck.readings.subjects import _NATION_NEEDLES, NATION_WORD, nations_named

    texts = ["Labour swept Scotland, held Wales and took two seats in NI.", "The SCOTTISH result", "an opinion",
             "Northern\u00a0Ireland voted", "Welsh Labour and the English shires"]
    written = len(texts)
    for path in sorted((SHARED / "dev" / "articles").glob("*.txt"))[:40]:
        texts += path.read_text(encoding="utf-8", errors="replace").splitlines()
    found = 0
    for text in texts:
        kept = [m for m in NATION_WORD.finditer(text) if m.group(0).lower() != "ni" or m.group(0) == "NI"]
        if kept:
            found += 1
            assert "NI" in text or any(w in folded(text) for w in _NATION_NEEDLES), text
    assert found > (20 if len(texts) > written else 3)  # the written sentences alone without ../shared
    assert [n for _, _, n in nations_named(texts[0])] == ["Scotland", "Wales", "Northern Ireland"]
    assert nations_named(texts[2]) == []


def test_every_position_a_name_can_hold_is_weighed():
    """The ways a name is tied to a figure (`POSITIONS`, which the verdict reads back from a reading's cues) are
    each a row of vocab/subjects.tsv."""
    from factcheck.readings.subjects import POSITIONS, weights

    assert POSITIONS <= set(weights())
