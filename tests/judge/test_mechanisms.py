"""The readings mechanism end to end, through `factcheck.check_text`, on sentences written here from the
official tables: the data rescue a misread kind, an implausible fit stays unverifiable, a pinned reading
that does not fit is corrected, and the article's baseline for previous figures names the corrections."""
from __future__ import annotations

import pytest

import factcheck
from conftest import claim_for

SEATS = ["Leicester South", "Chichester", "Clacton"]


@pytest.fixture(autouse=True)
def _loaded(checker):
    return checker


@pytest.mark.parametrize("name", SEATS)
def test_a_misread_kind_is_rescued_by_the_data(seat_named, name):
    """"took SEAT with N" reads most like a vote count; the figure is the majority, a reading the words allow,
    so it is accurate, and the explanation says which reading it fits and which it does not."""
    seat = seat_named(name)
    quote = f"{seat.majority:,}"
    claim = claim_for(factcheck.check_text(f"{seat.winner.name} took {seat.name} with {quote}."), quote)
    assert claim.verdict == "accurate" and claim.kind == "majority"
    assert claim.official.value == seat.majority and claim.constituency.ons_id == seat.ons_id
    assert claim.explanation.startswith(f"Read as the {factcheck.api.default_checker().ref.key} majority in {seat.name}")
    assert "vote for" in claim.explanation and f"{seat.winner.votes:,}" in claim.explanation  # the reading it is not


@pytest.mark.parametrize("name", SEATS)
def test_a_figure_fitting_only_an_implausible_reading_is_unverifiable(seat_named, name):
    """The figure is the seat's electorate, in words that speak of the winner's tally ("returned ... with"):
    the electorate is not what they suggest, and they do not pin down what else it is."""
    seat = seat_named(name)
    quote = f"{seat.electorate:,}"
    report = factcheck.check_text(f"{seat.winner.name} was returned in {seat.name} with {quote}.")
    claim = claim_for(report, quote)
    assert claim.verdict == "unverifiable" and claim.correction is None
    assert "electorate" in claim.explanation and "does not suggest that reading" in claim.explanation


@pytest.mark.parametrize("name", SEATS)
def test_a_pinned_reading_that_does_not_fit_is_inaccurate_with_its_correction(seat_named, name):
    seat = seat_named(name)
    w = seat.winner
    wrong = f"{w.votes + 1234:,}"
    claim = claim_for(factcheck.check_text(f"{w.name} polled {wrong} votes in {seat.name}."), wrong)
    assert claim.verdict == "inaccurate" and claim.kind == "votes"
    assert claim.official.value == w.votes
    assert claim.correction.startswith(f"{w.votes:,} (") and claim.correction.endswith(f"not {wrong}")
    assert claim.confidence >= 0.9  # the words leave no doubt which figure it is


# ---------------------------------------------------------------- the article's baseline
@pytest.fixture(scope="module")
def moved(ref, seat_named):
    """A seat whose notional previous majority differs from its actual one on the old boundaries."""
    seat = seat_named("Chichester")
    notional, actual = ref.previous_result(seat.ons_id).majority, ref.predecessors(seat.ons_id)[0].majority
    assert notional != actual
    return seat, notional, actual


def wrong_previous(seat):
    return f"{seat.runner_up.name}'s majority had been 25,000 in 2019."


def test_without_a_baseline_the_notional_result_corrects(moved):
    seat, notional, actual = moved
    claim = claim_for(factcheck.check_text(wrong_previous(seat)), "25,000")
    assert claim.verdict == "inaccurate" and claim.official.value == notional


def test_an_article_quoting_the_actual_previous_result_gets_corrections_from_it(moved):
    seat, notional, actual = moved
    text = f"In 2019 the Conservatives held {seat.name} with a majority of {actual:,}. {wrong_previous(seat)}"
    report = factcheck.check_text(text)
    first = claim_for(report, f"{actual:,}")
    assert first.verdict == "accurate" and "actual" in first.explanation
    claim = claim_for(report, "25,000")
    assert claim.verdict == "inaccurate" and claim.official.value == actual
    assert claim.correction.startswith(f"{actual:,} (actual")


def test_an_article_quoting_the_notional_result_keeps_it(moved):
    seat, notional, actual = moved
    text = f"In 2019 the Conservatives held {seat.name} with a majority of {notional:,}. {wrong_previous(seat)}"
    claim = claim_for(factcheck.check_text(text), "25,000")
    assert claim.official.value == notional and claim.correction.startswith(f"{notional:,} (notional")


def test_the_baseline_weighs_in_on_figures_before_it_too(moved):
    """The article pass runs after every sentence is read: a figure early in the article is corrected from
    the baseline its later figures establish."""
    seat, notional, actual = moved
    text = f"{wrong_previous(seat)} In 2019 the Conservatives held {seat.name} with a majority of {actual:,}."
    claim = claim_for(factcheck.check_text(text), "25,000")
    assert claim.official.value == actual


@pytest.mark.parametrize("name", SEATS)
def test_a_count_larger_than_the_seats_is_no_tally_of_seats(ref, seat_named, name):
    """"got N" reads as votes or as seats; a count above the number of seats cannot be seats, so the doubt the
    seat reading carried goes and a wrong vote count for a named candidate is called wrong. The right one is
    accurate."""
    from factcheck.reference.parties import display_name

    seat = seat_named(name)
    third = sorted(seat.candidates, key=lambda c: -c.votes)[2]
    assert third.votes > len(ref.seats)
    wrong = f"{third.votes + 295:,}"
    claim = claim_for(factcheck.check_text(f"{display_name(third.party)}'s {third.name} got {wrong}."), wrong)
    assert claim.verdict == "inaccurate" and claim.official.value == third.votes
    right = f"{third.votes:,}"
    claim = claim_for(factcheck.check_text(f"{display_name(third.party)}'s {third.name} got {right}."), right)
    assert claim.verdict == "accurate"


def test_a_count_within_the_seats_may_still_be_a_tally(ref):
    """"Labour got 411": a count the seats can hold keeps its seat reading."""
    labour = ref.party_seats("Lab") if hasattr(ref, "party_seats") else None
    claim = claim_for(factcheck.check_text("Nationally, Labour got 411 seats."), "411")
    assert claim.verdict == "accurate" and claim.kind == "seats", labour


@pytest.mark.parametrize("name", SEATS)
def test_a_count_the_words_do_not_call_votes_keeps_its_doubt(seat_named, name):
    """"thanked the N people of SEAT": only the priors make N a vote count, so ruling out a tally of seats
    does not sharpen that reading into an error."""
    seat = seat_named(name)
    quote = f"{seat.electorate + 3000:,}"
    claim = claim_for(factcheck.check_text(f"{seat.winner.name} thanked the {quote} people of {seat.name}."), quote)
    assert claim.verdict != "inaccurate", claim.explanation


# ---------------------------------------------------------------- the time a sentence opens on
@pytest.mark.parametrize("name", SEATS)
def test_a_sentence_opening_on_the_previous_election_sets_the_time_of_the_next(ref, seat_named, name):
    """"In 2019 ... . The result was Con 58.8%": the second sentence names no election, the first one set it."""
    seat = seat_named(name)
    before = ref.previous_result(seat.ons_id).candidates[0]
    now = next(c for c in seat.candidates if c.party == before.party)
    quote = f"{before.share:.1f}%"
    assert abs(now.share - before.share) > 1  # the figure fits the previous result only
    result = f"The result was {before.party} {quote}."
    dated = claim_for(factcheck.check_text(f"In {ref.previous_key} the seat of {seat.name} was won by the "
                                           f"{before.party}. {result}"), quote)
    assert dated.verdict == "accurate" and dated.kind == "previous_share"
    undated = claim_for(factcheck.check_text(f"The votes in {seat.name} were counted overnight. {result}"), quote)
    assert undated.verdict != "accurate"


# ---------------------------------------------------------------- wherever it is counted
def _local_article(ref, sentence):
    """An article about Southampton, which then names Hampshire, and then a count with no area named."""
    a, b = sorted((s for s in ref.seats.values() if s.name.startswith("Southampton ")), key=lambda s: s.name)
    return (f"Labour held both Southampton seats. {a.winner.name} won {a.name} and {b.winner.name} won {b.name}. "
            f"Southampton's count finished at dawn. Elsewhere in Hampshire the Conservatives held on. {sentence}")


def test_a_count_wrong_over_every_area_it_may_count_is_wrong(ref):
    """In a local article the country's count alone never condemns (the figure may count a local area); when
    the article's place was asked too and neither fits, it is wrong wherever it is counted."""
    uk = sum(1 for s in ref.seats.values() if s.winner.party == "RUK")
    local = sum(1 for s in ref.seats.values() if s.winner.party == "RUK" and s.name.startswith("Southampton"))
    wrong = uk + 2
    assert wrong != local
    claim = claim_for(factcheck.check_text(_local_article(ref, f"Reform won {wrong} seats.")), str(wrong))
    assert claim.verdict == "inaccurate" and "Whichever area it counts" in claim.explanation
    assert f"the UK) {uk}" in claim.explanation
    right = claim_for(factcheck.check_text(_local_article(ref, f"Reform won {uk} seats.")), str(uk))
    assert right.verdict == "accurate"


@pytest.mark.parametrize("name", SEATS)
def test_readings_ruled_out_leave_the_likeliest_standing(seat_named, name):
    """"recorded a total of N": the words lean to a tally of seats, which a count in the thousands cannot be;
    once those readings are out, the candidate's vote is the reading that stands, and a wrong one is wrong."""
    seat = seat_named(name)
    third = seat.candidates[2]
    wrong = round(third.votes * 1.13)
    text = f"In {seat.name} the {third.party_name} candidate, {third.name}, recorded a total of {{}}."
    claim = claim_for(factcheck.check_text(text.format(f"{wrong:,}")), f"{wrong:,}")
    assert claim.verdict == "inaccurate" and claim.official.value == third.votes
    assert claim_for(factcheck.check_text(text.format(f"{third.votes:,}")), f"{third.votes:,}").verdict == "accurate"


# ---------------------------------------------------------------- running counts
def test_a_running_count_is_never_above_the_final_one(ref):
    """"At 3am, Labour had won 380 seats" was true at 3am (unverifiable); a count above the final one cannot
    have been, so it is wrong whenever it was written."""
    final = sum(1 for s in ref.seats.values() if s.winner.party == "Lab")
    below = claim_for(factcheck.check_text(f"At 3am, Labour had won {final - 30} seats."), str(final - 30))
    assert below.verdict == "unverifiable" and "running count" in below.explanation
    above = claim_for(factcheck.check_text(f"At 3am, Labour had won {final + 40} seats."), str(final + 40))
    assert above.verdict == "inaccurate" and above.official.value == final


def test_an_election_night_article_is_held_to_the_final_figures(ref):
    """An article that shows somewhere that results were still coming in ("with 600 results declared") is
    checked against the final figures, and a correction says the article was written before them; a figure
    the words make a projection is not condemned."""
    final = sum(1 for s in ref.seats.values() if s.winner.party == "Lab")
    opening = "With 600 results declared, the picture was clear. "
    claim = claim_for(factcheck.check_text(opening + f"Labour had won {final - 30} seats."), str(final - 30))
    assert claim.verdict == "inaccurate" and claim.official.value == final
    assert "still coming in" in claim.explanation
    projected = factcheck.check_text(opening + f"Labour are projected to finish second in {final + 40} seats.")
    assert all(c.verdict != "inaccurate" for c in projected.claims)


@pytest.mark.parametrize("name", SEATS)
def test_the_total_votes_polled_is_the_seats_count_of_votes(seat_named, name):
    """"the total votes polled was N": the seat's votes, not the vote of the person the sentence names."""
    seat = seat_named(name)
    text = (f"{seat.winner.name} held {seat.name}; the number of eligible voters was {seat.electorate:,} and "
            f"the total votes polled was {{}}.")
    right = claim_for(factcheck.check_text(text.format(f"{seat.valid_votes:,}")), f"{seat.valid_votes:,}")
    assert right.verdict == "accurate"
    wrong = round(seat.valid_votes * 1.13)
    claim = claim_for(factcheck.check_text(text.format(f"{wrong:,}")), f"{wrong:,}")
    assert claim.verdict == "inaccurate" and claim.official.value in (seat.valid_votes,
                                                                       seat.valid_votes + (seat.invalid_votes or 0))


@pytest.mark.parametrize("name", SEATS)
def test_spoilt_ballots_are_the_ballots_the_count_set_aside(seat_named, name):
    seat = seat_named(name)
    assert seat.invalid_votes
    text = f"In {seat.name}, a total of {{}} spoilt ballot papers were rejected."
    right = claim_for(factcheck.check_text(text.format(seat.invalid_votes)), str(seat.invalid_votes))
    assert right.verdict == "accurate" and "rejected ballots" in right.explanation
    wrong = seat.invalid_votes + 37
    claim = claim_for(factcheck.check_text(text.format(wrong)), str(wrong))
    assert claim.verdict == "inaccurate" and claim.official.value == seat.invalid_votes


def test_a_figure_set_against_another_is_of_the_same_scope(ref):
    """"Turnout for the constituency was 55%, down from 67% in 2019": the 67% is the seat's, at the earlier
    election, so it is not accurate just because the whole country's turnout was 67%."""
    uk_before = round(sum(s.valid_votes for s in ref.previous.values())
                      / sum(s.electorate for s in ref.previous.values()) * 100)
    # seats whose own earlier turnout was something else
    seats = [s for s in sorted(ref.seats.values(), key=lambda s: s.name)
             if abs(ref.previous_result(s.ons_id).turnout_valid() - uk_before) > 5][:3]
    assert len(seats) == 3
    for seat in seats:
        text = (f"In {seat.name}, {seat.winner.name} won. Turnout for the constituency was "
                f"{seat.turnout_valid():.0f}%, down from {uk_before}% in {ref.previous_key}.")
        assert claim_for(factcheck.check_text(text), f"{uk_before}%").verdict != "accurate", seat.name


@pytest.mark.parametrize("name", SEATS)
def test_a_subject_named_only_in_a_later_clause_cannot_condemn(seat_named, name):
    """"The party raised its share to N, and X lost her seat": the person of the later clause may be that
    clause's subject alone, so a share that is not theirs stays unverifiable; the same name before the figure
    pins it, and the wrong share is corrected."""
    seat = seat_named(name)
    loser = seat.runner_up
    wrong = f"{loser.share + 11:.1f} per cent"
    later = f"The party increased its share to {wrong}, and {loser.name} lost in {seat.name}."
    assert claim_for(factcheck.check_text(later), wrong).verdict == "unverifiable"
    before = f"{loser.name} won {wrong} of the vote in {seat.name}."
    assert claim_for(factcheck.check_text(before), wrong).verdict == "inaccurate"
