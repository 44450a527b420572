"""What an article as a whole establishes: the groups of seats it defines, the nation or place it is about,
whether it was written on election night, the person in focus, the baseline its previous figures use."""
from __future__ import annotations

from datetime import timedelta

import pytest

from factcheck.api import article_baseline, home_place
from factcheck.link.names import ArticleContext, find_mentions, update_context
from factcheck.readings.article import (
    GROUP_ANAPHOR, ArticleState, another_time, article_nation, election_night, parse_group)


# ---------------------------------------------------------------- groups of seats the text defines
@pytest.mark.parametrize("sentence, religion, threshold, strict", [
    ("Labour fell back in seats where 20% or more of the population identify as Muslim.", "Muslim", 20, False),
    ("In constituencies where more than 15 per cent of residents are Hindu, turnout fell.", "Hindu", 15, True),
    ("Across constituencies where at least 10% of the population is Sikh, the swing was smaller.", "Sikh", 10, False),
    ("In seats where Muslims make up more than a quarter of the population, independents won five.", "Muslim", 25,
     True),
])
def test_a_group_is_defined_by_its_threshold(sentence, religion, threshold, strict):
    spec, (start, end) = parse_group(sentence)
    assert (spec.religion, spec.threshold, spec.strict) == (religion, threshold, strict)
    assert spec.label.startswith("seats in England and Wales")
    # the span is the threshold figure, which the judge must not read as a result
    assert any(ch.isdigit() for ch in sentence[start:end]) or "quarter" in sentence[start:end]


@pytest.mark.parametrize("sentence", [
    "Labour won 20% of the vote in seats across the North East.",
    "Around a fifth of residents in Blackburn are Muslim.",
])
def test_no_group_without_seats_defined_by_a_share(sentence):
    assert parse_group(sentence) is None


def test_later_sentences_point_back_at_the_group():
    assert GROUP_ANAPHOR.search("In those seats Labour's share fell by ten points.")
    assert GROUP_ANAPHOR.search("Their combined vote was 40%.")
    assert not GROUP_ANAPHOR.search("In Bradford West the Labour vote held up.")


# ---------------------------------------------------------------- the nation and the place
def test_a_round_up_of_one_nation():
    sentences = ["Scotland's results were declared overnight.", "In Scotland the SNP lost ground.",
                 "Scottish voters turned to Labour.", "The Conservatives held a seat in the Borders."]
    assert article_nation(sentences, ["SNP", "Lab"], []) == "Scotland"


def test_an_article_naming_several_nations_is_about_none():
    sentences = ["Wales swung to Labour.", "Scotland swung to Labour.", "England swung to Labour."]
    assert article_nation(sentences, [], []) is None
    assert article_nation([], [], []) is None


def test_a_northern_ireland_round_up_names_few_british_parties():
    ni = ["SF", "DUP", "SDLP", "APNI", "UUP"]
    assert article_nation(["The count in Belfast ran late."], ni, []) == "Northern Ireland"
    assert article_nation(["The count in Belfast ran late."], ni + ["Lab", "LD", "RUK", "SNP"], []) is None


def test_the_seats_an_article_names_say_where_it_is(ref):
    welsh = [s.country for s in ref.seats.values() if s.country == "Wales"][:4]
    assert article_nation([], [], welsh) == "Wales"


def test_the_place_an_article_keeps_returning_to(ref):
    sentences = ["Norfolk's ten seats were all declared by breakfast.", "In Norfolk the Conservatives lost six.",
                 "Reform came second across Norfolk.", "One seat in Suffolk also changed hands."]
    place = home_place(sentences, ref)
    assert place is not None and place.name == "Norfolk"
    # named once, or no more than another place: no home
    assert home_place(["Norfolk voted.", "Suffolk voted."], ref) is None


def test_a_datelines_place_is_where_the_story_was_filed_not_what_it_is_about(ref):
    """"LONDON (Reuters) -": a wire story filed from London about the whole country is no London round-up."""
    from factcheck.readings.article import dateline_end

    lead = "LONDON (Reuters) - Labour won a landslide across the country."
    assert lead[dateline_end(lead):].lstrip().startswith("Labour")
    assert dateline_end("BELFAST, July 5 — Sinn Fein won seven seats.") > 0
    assert dateline_end("London voted Labour.") == 0 and dateline_end("In London, Labour won 59 seats.") == 0
    sentences = [lead, "Labour's London seats rose to 59.", "Reform won five seats."]
    assert home_place(sentences, ref) is None
    # named twice in the text itself, it is still the article's place
    place = home_place(["London voted Labour.", "Labour's London seats rose to 59."], ref)
    assert place is not None and place.name == "London"


def test_a_region_can_be_the_place_an_article_is_about(ref):
    sentences = ["Turnout in the North East fell to 53%.", "Labour won every seat in the North East.",
                 "Reform came second in most of them."]
    place = home_place(sentences, ref)
    assert place is not None and place.kind == "region" and place.name == "North East"


def test_the_north_in_an_article_about_northern_ireland_is_northern_ireland(ref):
    """Irish outlets write "the North" for Northern Ireland: in an article about Northern Ireland it is no
    mention of the North of England (`readings/vocab/nation-names.tsv`), neither the article's place nor a
    place of the sentence; elsewhere it still is."""
    from factcheck.readings.subjects import as_nation, names_the_nation

    sentences = ["Turnout in the North fell to 57%.", "Across the North, 18 MPs were returned.",
                 "Sinn Féin held all seven of its seats in the North."]
    assert home_place(sentences, ref).name == "the North of England"
    assert home_place(sentences, ref, "Northern Ireland") is None
    s = sentences[0]
    found = [(m.start, m.end, m.place) for m in ref.places.find_places(s)]
    assert names_the_nation(s, found[0][0], found[0][1], "Northern Ireland")
    assert not names_the_nation(s, found[0][0], found[0][1], "Wales")
    places, nations = as_nation(s, found, [], "Northern Ireland")
    assert places == [] and nations == [(found[0][0], found[0][1], "Northern Ireland")]
    assert as_nation(s, found, [], None) == (found, [])


def test_every_nation_name_row_names_a_nation_of_the_tables(ref):
    from factcheck.readings.cues import VOCAB, read_table

    rows = read_table(VOCAB / "nation-names.tsv")
    assert rows and {r["nation"] for r in rows} <= {s.country for s in ref.seats.values()}
    assert all(r["name"].strip() and not r["name"].lower().startswith("the ") for r in rows)


def test_votes_polled_in_the_north_are_northern_irelands(ref):
    """"The total number of votes polled was N, down from M in 2019", in an article about Northern Ireland
    that calls it "the North": both are Northern Ireland's ballots, the 2019 one from the 2019 table's valid
    and rejected votes."""
    import factcheck
    from factcheck.reference.aggregate import seats_in

    ni = seats_in(ref, nation="Northern Ireland")
    now = sum(ref.seats[o].valid_votes + (ref.seats[o].invalid_votes or 0) for o in ni)
    before_seats = seats_in(ref, nation="Northern Ireland", election="previous_actual")
    before = sum(ref.previous_actual[o].valid_votes + ref.previous_actual[o].invalid_votes for o in before_seats)
    lead = ("Sinn Féin won seven seats and the DUP five as Alliance, the UUP and the SDLP also returned MPs.\n\n"
            "Turnout in the North was the lowest in decades.\n\n")

    def verdicts(a, b):
        text = lead + f"The total number of votes polled was {a:,}, down from {b:,} in 2019."
        report = factcheck.check_text(text)
        return [next(c.verdict for c in report.claims if c.quote.startswith(f"{v:,}")) for v in (a, b)]

    assert verdicts(now, before) == ["accurate", "accurate"]
    assert verdicts(now + 107, before + 45) == ["inaccurate", "inaccurate"]


def test_an_article_is_about_one_seat_only_when_it_keeps_naming_it(ref, index):
    from factcheck.api import _about_one_seat

    seat = next(s for s in ref.seats.values() if s.name == "South West Norfolk")
    passing = ["Labour won a landslide across the country.", "Reform won five seats.",
               f"In {seat.name}, Labour defeated the former leader.", "The Greens won four."]
    about = passing + [f"{seat.winner.name} thanked the count staff."]

    def mentions(sentences):
        return [find_mentions(t, index, ArticleContext()) for t in sentences]

    assert not _about_one_seat(mentions(passing), {seat.ons_id}, ref)
    assert _about_one_seat(mentions(about), {seat.ons_id}, ref)  # the seat, then its winner
    assert not _about_one_seat(mentions(about), {seat.ons_id, "E14001327"}, ref)  # two seats: not one
    assert _about_one_seat(mentions(passing[2:]), {seat.ons_id}, ref)  # named in the opening: about it


# ---------------------------------------------------------------- when it was written
def test_election_night_is_polling_day_and_the_day_after(ref):
    day = ref.polling_day
    assert election_night(day.isoformat(), day)
    assert election_night((day + timedelta(days=1)).isoformat() + "T06:30:00", day)
    assert not election_night((day + timedelta(days=2)).isoformat(), day)
    assert not election_night((day - timedelta(days=1)).isoformat(), day)
    assert not election_night(None, day) and not election_night("not a date", day)


def test_another_adapter_has_another_election_night(ref):
    from factcheck.reference import ADAPTERS

    other = ADAPTERS["2019"].polling_day
    assert election_night(other.isoformat(), other)
    assert not election_night(other.isoformat(), ref.polling_day)


def test_a_running_count_is_noted_once():
    state = ArticleState(ctx=ArticleContext())
    state.note_running_count("Labour had 300 seats with 410 results declared.")
    first = state.provisional
    assert first and "410 results declared" in first
    state.note_running_count("So far the Tories have 60.")
    assert state.provisional == first


@pytest.mark.parametrize("sentence, other", [
    ("She first won the seat in 2017.", True),
    ("He won the by-election last year.", True),
    ("Last time, Labour came second.", True),
    ("Labour won the seat in 2024.", False),
    ("Labour won the seat.", False),
])
def test_a_sentence_about_another_time(sentence, other):
    assert another_time(sentence, "2024") is other


# ---------------------------------------------------------------- the person in focus
def test_the_focus_seat_is_the_seat_of_the_person_in_focus(ref, index, seat_named):
    seat = seat_named("Leicester South")
    ctx = ArticleContext()
    update_context(find_mentions(f"{seat.winner.name} spoke after the count.", index, ctx), index, ctx)
    state = ArticleState(ctx=ctx, ref=ref)
    assert state.focus() == ("person", seat.winner.key)
    assert state.focus_seat() == seat.ons_id
    assert ArticleState(ctx=ArticleContext(), ref=ref).focus_seat() is None


# ---------------------------------------------------------------- the baseline of "previous" figures
@pytest.mark.parametrize("counts, chosen", [
    ({}, None),
    ({"previous_actual": 2}, "previous_actual"),
    ({"previous": 1}, "previous"),
    ({"previous": 1, "previous_actual": 3}, "previous_actual"),
    ({"previous": 2, "previous_actual": 2}, None),  # a tie says nothing
])
def test_the_baseline_the_article_matched_most(counts, chosen):
    assert article_baseline(counts) == chosen
