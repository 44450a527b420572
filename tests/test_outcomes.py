"""Who won, held, gained, lost or unseated whom; placings; a figure set against a rival's vote.

These claims carry no figure of their own, so a wrong reading is not
caught by a number failing to match: "Labour held X" checked against the
wrong seat, a forecast read as a result, or a gain from a party that won
the seat at a by-election called wrong, all reach an editor as a
correction. Each claim is tried in a true and a false version, and the
cases the tables cannot settle (by-elections, defections) must come out
unverifiable, never inaccurate.
"""
from __future__ import annotations

import pytest

from factcheck.link.names import ArticleContext, find_mentions
from factcheck.models import Article


# ---------------------------------------------------------------- helpers
def report(checker, text):
    return checker.check(Article(text=text, source="t"))


def of_kind(checker, text, kind):
    return [c for c in report(checker, text).claims if c.kind == kind]


def only(checker, text, kind):
    found = of_kind(checker, text, kind)
    assert len(found) == 1, [(c.kind, c.quote, c.verdict) for c in report(checker, text).claims]
    return found[0]


def seat_name(ref, name):
    return next(s.ons_id for s in ref.seats.values() if s.name == name)


# ---------------------------------------------------------------- outcomes, true and false
OUTCOMES = [
    # X unseated Y in SEAT
    ("Terry Jermy unseated Liz Truss in South West Norfolk.", "accurate", "South West Norfolk"),
    ("Liz Truss unseated Terry Jermy in South West Norfolk.", "inaccurate", "South West Norfolk"),
    ("Carla Denyer unseated Thangam Debbonaire in Bristol Central.", "accurate", "Bristol Central"),
    ("Terry Jermy defeated Liz Truss.", "accurate", "South West Norfolk"),
    # PARTY held SEAT
    ("The Conservatives held Richmond and Northallerton.", "accurate", "Richmond and Northallerton"),
    ("The Conservatives held Chichester.", "inaccurate", "Chichester"),
    ("Labour held Bristol Central.", "inaccurate", "Bristol Central"),
    # PARTY gained SEAT from PARTY2
    ("Reform UK gained Clacton from the Conservatives.", "accurate", "Clacton"),
    ("Labour gained Clacton from the Conservatives.", "inaccurate", "Clacton"),
    ("The Liberal Democrats took Chichester from the Conservatives.", "accurate", "Chichester"),
    ("The Conservatives gained Chichester.", "inaccurate", "Chichester"),
    # PARTY lost SEAT to PARTY2
    ("The Conservatives lost Chichester to the Liberal Democrats.", "accurate", "Chichester"),
    ("The Conservatives lost Chichester to Labour.", "inaccurate", "Chichester"),
    ("The Conservatives lost Chingford and Woodford Green to Labour.", "inaccurate", "Chingford and Woodford Green"),
    ("Labour lost Islington North to an independent.", "accurate", "Islington North"),
    # a seat in a place that has several
    ("The Greens gained a seat from Labour in Bristol.", "accurate", "Bristol Central"),
    ("The Liberal Democrats gained a seat from Labour in Bristol.", "inaccurate", None),
    ("The Greens gained a seat from Labour in Leeds.", "inaccurate", None),
    # X held / lost the seat: the person's own seat
    ("Jeremy Hunt held the seat.", "accurate", "Godalming and Ash"),
    ("Jeremy Hunt held his seat.", "accurate", "Godalming and Ash"),
    ("Liz Truss held her seat.", "inaccurate", "South West Norfolk"),
    ("Jacob Rees-Mogg lost his seat.", "accurate", "North East Somerset and Hanham"),
    ("Jeremy Hunt lost his seat.", "inaccurate", "Godalming and Ash"),
    ("George Galloway lost his seat.", "accurate", "Rochdale"),
]


@pytest.mark.parametrize("text, verdict, seat", OUTCOMES)
def test_outcome_claims(checker, text, verdict, seat):
    c = only(checker, text, "outcome")
    assert c.verdict == verdict, c.explanation
    if seat:
        assert c.constituency.name == seat


def test_an_outcome_has_no_claimed_figure(checker):
    c = only(checker, "Reform UK gained Clacton from the Conservatives.", "outcome")
    assert c.claimed.value is None
    assert c.official.value is None
    assert "RUK gain from Con" in c.official.detail


def test_a_wrong_outcome_carries_the_real_result(checker):
    c = only(checker, "The Conservatives lost Chichester to Labour.", "outcome")
    assert "Liberal Democrats" in c.explanation
    assert c.correction and "Jess Brown-Fuller" in c.correction


def test_a_seat_in_a_place_lists_the_places_seats(checker):
    c = only(checker, "The Greens gained a seat from Labour in Bristol.", "outcome")
    for name in ("Bristol Central", "Bristol East", "Bristol South"):
        assert name in c.explanation


def test_an_outcome_stated_by_a_figure_is_the_figures_claim(checker):
    found = report(checker, "Terry Jermy won South West Norfolk by 630 votes.").claims
    assert [(c.kind, c.verdict) for c in found] == [("majority", "accurate")]


@pytest.mark.parametrize("text", [
    "Labour could win Clacton.",
    "Labour is expected to gain Clacton.",
    "If Labour held Rochdale, it would be a surprise.",
    "Reform UK might take Clacton from the Conservatives.",
])
def test_a_forecast_is_not_an_outcome(checker, text):
    assert of_kind(checker, text, "outcome") == []


def test_people_who_did_not_meet_cannot_have_unseated_each_other(checker):
    c = only(checker, "Terry Jermy defeated Jacob Rees-Mogg.", "outcome")
    assert c.verdict == "unverifiable"


def test_a_defeat_in_the_passive(checker):
    assert only(checker, "Liz Truss was defeated by Terry Jermy.", "outcome").verdict == "accurate"


# ---------------------------------------------------------------- by-elections the tables do not hold
def test_a_gain_from_a_by_election_winner_is_unverifiable(checker, ref):
    rochdale = ref.seats[seat_name(ref, "Rochdale")]
    assert ref.notional[rochdale.ons_id].winner.party == "Lab"  # George Galloway's seat only since the by-election
    c = only(checker, "Labour gained Rochdale from the Workers Party.", "outcome")
    assert c.verdict == "unverifiable"
    assert "by-election" in c.explanation


def test_a_by_election_winners_loss_is_unverifiable(checker):
    assert only(checker, "The Workers Party lost Rochdale to Labour.", "outcome").verdict == "unverifiable"


def test_a_gain_from_a_party_that_never_held_the_seat_is_not_condemned(checker):
    """A defection since 2019 would make it true, and the tables hold none."""
    assert only(checker, "Reform UK gained Clacton from Labour.", "outcome").verdict == "unverifiable"


def test_a_hold_against_the_2019_result(checker):
    assert only(checker, "Labour held Rochdale.", "outcome").verdict == "accurate"


def test_rochdales_sitting_mp_was_of_another_party(ref):
    galloway = next(c for c in ref.seats[seat_name(ref, "Rochdale")].candidates if c.surname == "Galloway")
    assert galloway.sitting_mp and galloway.party == "WPB"


@pytest.mark.parametrize("text", ["Labour won back Rochdale.", "Labour gained Rochdale."])
def test_winning_back_a_by_election_loss_is_not_condemned(checker, text):
    assert "inaccurate" not in [c.verdict for c in of_kind(checker, text, "outcome")]


# ---------------------------------------------------------------- placings
@pytest.mark.parametrize("text, verdict, placed", [
    ("Praful Nargund came second in Islington North.", "accurate", 2),
    ("Praful Nargund came third in Islington North.", "inaccurate", 2),
    ("Faiza Shaheen came a distant third in Chingford and Woodford Green.", "accurate", 3),
    ("Faiza Shaheen came second in Chingford and Woodford Green.", "inaccurate", 3),
    ("In Chingford and Woodford Green, third-place independent Faiza Shaheen took 12,445 votes.", "accurate", 3),
    ("In Chingford and Woodford Green, third-place Labour candidate Shama Tatler took 12,524 votes.", "inaccurate", 2),
    ("Lorraine Douglas came last in South West Norfolk.", "accurate", 9),
    ("Liz Truss, who came second, lost her seat.", "accurate", 2),
])
def test_rank_claims(checker, text, verdict, placed):
    c = only(checker, text, "rank")
    assert (c.verdict, c.official.value) == (verdict, placed)


def test_a_wrong_rank_names_the_real_placing(checker):
    c = only(checker, "Praful Nargund came third in Islington North.", "rank")
    assert c.correction == "Praful Nargund came second"
    assert "Jeremy Corbyn" in c.explanation


# ---------------------------------------------------------------- comparisons
@pytest.mark.parametrize("text, verdict, rival_votes", [
    ("Terry Jermy won by 630 votes, less than the number secured by James Bagge.", "accurate", 6282),
    ("Terry Jermy won by 630 votes, less than the number secured by Lorraine Douglas.", "inaccurate", 77),
    ("Terry Jermy won by 630 votes, more than the number secured by Lorraine Douglas.", "accurate", 77),
    ("Jeremy Hunt won by 891 votes, less than the number secured by Graham Drage.", "accurate", 4815),
    ("Jeremy Hunt won by 891 votes, more than the number secured by Graham Drage.", "inaccurate", 4815),
])
def test_comparison_claims(checker, text, verdict, rival_votes):
    c = only(checker, text, "comparison")
    assert (c.verdict, c.official.value) == (verdict, rival_votes)
    # the figure compared is itself checked, separately
    assert only(checker, text, "majority").verdict == "accurate"


def test_a_comparison_of_another_scope_than_the_persons_seat_is_not_judged(checker):
    """A national total set beside a person's name compares it with what the person led, not with their own
    vote in their seat: it is never called wrong against that vote."""
    text = "Labour won 9.7 million votes, fewer than Jeremy Corbyn's 10.3 million in 2019."
    c = only(checker, text, "comparison")
    assert c.verdict == "unverifiable" and c.official is None
    assert "Islington North" in c.explanation and "more than one seat" in c.explanation


# ---------------------------------------------------------------- party leaders
def test_the_leaders_constituency_is_their_seat(ref, index):
    sentence = "Turnout in the Labour leader's constituency was 54.1%."
    seats = [m for m in find_mentions(sentence, index, ArticleContext(), ()) if m.type == "seat"]
    assert [ref.seats[m.key].name for m in seats] == ["Holborn and St Pancras"]


@pytest.mark.parametrize("figure, verdict", [("54.1%", "accurate"), ("60%", "inaccurate")])
def test_turnout_in_the_leaders_constituency(checker, figure, verdict):
    c = only(checker, f"Turnout in the Labour leader's constituency was {figure}.", "turnout")
    assert (c.verdict, c.constituency.name) == (verdict, "Holborn and St Pancras")


@pytest.mark.parametrize("text, kind, verdict", [
    ("The Reform UK leader won 21,225 votes.", "votes", "accurate"),
    ("The Reform UK leader won 25,000 votes.", "votes", "inaccurate"),
    ("The Reform UK leader won Clacton.", "outcome", "accurate"),
    ("The Reform UK leader lost Clacton.", "outcome", "inaccurate"),
    ("The Conservative leader held his seat.", "outcome", "accurate"),
])
def test_the_party_leader_is_the_candidate(checker, text, kind, verdict):
    c = only(checker, text, kind)
    assert c.verdict == verdict
    leader = "Rishi Sunak" if "Conservative" in text else "Nigel Farage"
    assert c.subject == leader


@pytest.mark.parametrize("text, kind, person, seat", [
    ("Former Labour leader Jeremy Corbyn won 24,120 votes.", "votes", "Jeremy Corbyn", "Islington North"),
    ("Former Conservative leader Iain Duncan Smith held his seat.", "outcome", "Iain Duncan Smith",
     "Chingford and Woodford Green"),
])
def test_a_former_leader_is_not_the_current_one(checker, index, ref, text, kind, person, seat):
    c = only(checker, text, kind)
    assert (c.verdict, c.subject, c.constituency.name) == ("accurate", person, seat)
    leaders = {ref.candidates[k].name for keys in ref.leaders.values() for k in keys}
    found = [m for m in find_mentions(text, index, ArticleContext(), ()) if m.type == "candidate"]
    assert [ref.candidate(m.key).name for m in found] == [person]
    assert person not in leaders


def test_the_former_leader_without_a_name_is_nobody(checker, index):
    sentence = "The former Labour leader won 24,120 votes."
    assert [m for m in find_mentions(sentence, index, ArticleContext(), ()) if m.type == "candidate"] == []
    [c] = report(checker, sentence).claims
    assert c.verdict == "unverifiable"


@pytest.mark.parametrize("seat_title", ["Aberafan Maesteg", "Aberdeen North"])
def test_taking_a_held_seat_vacated_by_someone_says_who_won_it(checker, ref, seat_title):
    """"X took the seat vacated by Y" in a seat the party held: taking says who won, not that it changed
    hands, in every tense ("took", "takes", "taking")."""
    seat = ref.seats[seat_name(ref, seat_title)]
    for verb in ("took", "takes"):
        text = f"In {seat.name}, {seat.winner.name} {verb} the seat vacated by a retiring colleague."
        claim = only(checker, text, "outcome")
        assert claim.verdict == "accurate", (verb, claim.explanation)
    claim = only(checker, f"In {seat.name}, {seat.winner.name} took the seat from the Monster Raving Loony Party.",
                 "outcome")
    assert claim.verdict == "inaccurate"  # a seat taken from someone is a gain, and this one was held
