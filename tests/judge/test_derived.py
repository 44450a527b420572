"""Figures coverage computes from the results, checked on sentences written for these tests.

Each test states a figure the tables can compute (a seat share, seats in
proportion to the vote, votes per seat, the gap between two parties, women
and new MPs, a bloc's seats, a listed area's total, ...), once right and,
where the reading is clear enough to condemn, once wrong; a figure whose
reading rests on the article's context is never called wrong.
"""
from __future__ import annotations

import pytest

from factcheck.models import Article


def claims(checker, text: str, date: str = "2024-07-06"):
    return checker.check(Article(text=text, date=date)).claims


def claim(checker, text: str, quote: str, date: str = "2024-07-06"):
    found = [c for c in claims(checker, text, date) if quote in c.quote or c.quote in quote]
    assert found, [(c.quote, c.verdict, c.explanation) for c in claims(checker, text, date)]
    return found[0]


def verdict(checker, text: str, quote: str) -> str:
    return claim(checker, text, quote).verdict


# ------------------------------------------------------------------ seat counts, shares of seats, the Commons
@pytest.mark.parametrize("text, quote, expected", [
    ("Labour won 37 of Scotland's 57 seats.", "37", "accurate"),
    ("Labour won 411 seats.", "411", "accurate"),
    ("Labour won 412 seats, counting the Speaker.", "412", "accurate"),
    ("The Conservatives won 131 seats.", "131", "inaccurate"),
    ("Labour has a Commons majority of 174.", "174", "accurate"),
    ("Labour has a majority of 172.", "172", "accurate"),
    ("Labour won 63% of the seats on 34% of the vote.", "63%", "accurate"),
    ("Labour won 73% of the seats on 34% of the vote.", "73%", "inaccurate"),
    ("The Conservatives won 21 seats in London in 2019.", "21", "accurate"),
    ("The Conservatives won nine seats in London.", "nine", "accurate"),
])
def test_seat_counts_and_seat_shares(checker, text, quote, expected):
    assert verdict(checker, text, quote) == expected


def test_seat_share_names_the_arithmetic(checker):
    c = claim(checker, "Labour won 63% of the seats on 34% of the vote.", "63%")
    assert "411 of 650" in c.official.detail


def test_seats_against_the_notional_and_the_actual_previous_result(checker):
    actual = claim(checker, "The Liberal Democrats won 72 seats, up from 11 in 2019.", "11")
    assert actual.verdict == "accurate" and "actual 2019" in actual.explanation
    notional = claim(checker, "The Liberal Democrats won 72 seats, up from 8 in 2019.", "8")
    assert notional.verdict == "accurate" and "notional 2019" in notional.explanation


# ------------------------------------------------------------------ "no seats", "not a single seat", number words
@pytest.mark.parametrize("text, quote, expected", [
    ("The Conservatives won no seats in Wales.", "no", "accurate"),
    ("In Wales, the Conservatives were left with no MPs.", "no", "accurate"),
    ("Labour did not lose a single seat in Derbyshire.", "not lose a single", "accurate"),
    ("The Liberal Democrats won one seat in Wales.", "one", "accurate"),
    ("The SNP won nine seats in Scotland.", "nine", "accurate"),
    ("The SNP won no seats in Scotland.", "no", "inaccurate"),
])
def test_nought_and_number_words(checker, text, quote, expected):
    assert verdict(checker, text, quote) == expected


# ------------------------------------------------------------------ seats in proportion to the vote, votes per seat
def test_seats_in_proportion_to_the_vote(checker):
    right = claim(checker, "Reform UK got 93 seats worth of the vote but only 5 seats.", "93")
    assert right.verdict == "accurate" and "x 650 seats" in right.official.detail
    assert verdict(checker, "Reform UK got 60 seats worth of the vote but only 5 seats.", "60") == "inaccurate"


def test_votes_per_seat(checker):
    assert verdict(checker, "Labour won 23,622 votes for each of its seats.", "23,622") == "accurate"
    assert verdict(checker, "It took 23,622 votes to elect each Labour MP.", "23,622") == "accurate"
    assert verdict(checker, "The Liberal Democrats won 48,877 votes per seat.", "48,877") == "accurate"


# ------------------------------------------------------------------ differences between parties, groups of parties
def test_gap_between_two_parties(checker):
    assert verdict(checker, "Labour finished ten points ahead of the Conservatives.", "ten points") == "accurate"
    assert verdict(checker, "Labour won 2.9 million more votes than the Conservatives.", "2.9 million") == "accurate"


def test_the_two_main_parties_and_the_smaller_ones(checker):
    assert verdict(checker, "The two main parties won 57.4% of the vote between them.", "57.4%") == "accurate"
    assert verdict(checker, "Smaller parties won more than 40% of the vote.", "more than 40%") == "accurate"


def test_the_parties_votes_summed_once_an_article_serve_each_of_its_figures(checker):
    """The second figure reads the totals the first one summed (`derived._party_votes`, kept for the article)."""
    text = ("The two main parties won 57.4% of the vote between them. Smaller parties won more than 40% of "
            "the vote. The two main parties won 67.4% of the vote, one paper said.")
    assert [claim(checker, text, q).verdict for q in ("57.4%", "more than 40%", "67.4%")] == \
        ["accurate", "accurate", "inaccurate"]


def test_share_of_the_electorate(checker):
    c = claim(checker, "Labour won 20% of the electorate.", "20%")
    assert c.verdict == "accurate" and "electorate" in c.explanation


# ------------------------------------------------------------------ counts the candidate table answers
@pytest.mark.parametrize("text, quote", [
    ("A record 263 women MPs were elected.", "263"),
    ("Labour has 190 women MPs.", "190"),
    ("There were 350 new MPs.", "350"),
    ("Reform UK came second in 98 seats.", "98"),
    ("Reform UK came second to Labour in 89 seats.", "89"),
    ("Reform UK stood 609 candidates.", "609"),
    ("Nine candidates stood in Clacton.", "Nine"),
])
def test_counts_from_the_candidate_table(checker, text, quote):
    assert verdict(checker, text, quote) == "accurate"


def test_third_places_and_a_wrong_count(checker):
    c = claim(checker, "The Liberal Democrats came third in 150 seats.", "150")
    assert c.verdict == "inaccurate" and "came third" in c.official.detail


# ------------------------------------------------------------------ places and groups the text defines
def test_places_listed_together_are_one_area(checker):
    c = claim(checker, "Reform polled 175,023 votes across Northumberland, Tyne and Wear, and County Durham.",
              "175,023")
    assert c.verdict == "accurate" and "Durham" in c.explanation


def test_a_listed_area_never_condemns(checker):
    c = claim(checker, "Reform polled 195,023 votes across Northumberland, Tyne and Wear, and County Durham.",
              "195,023")
    assert c.verdict == "unverifiable"


def test_the_area_the_text_last_named(checker):
    text = ("Reform did well across Northumberland, Tyne and Wear, and County Durham. "
            "Labour won all of those 20 seats.")
    assert verdict(checker, text, "20") == "accurate"


def test_seats_the_sentence_lists(checker):
    c = claim(checker, "Labour won all three seats at the count: Halesowen, Dudley and Stourbridge.", "three")
    assert c.verdict == "accurate" and "Halesowen" in c.explanation


def test_the_leaders_party(checker):
    assert verdict(checker, "In the capital, Keir Starmer's party won a total of 59 seats.", "59") == "accurate"


def test_blocs_of_parties(checker):
    c = claim(checker, "Unionists won seven seats in Northern Ireland.", "seven")
    assert c.verdict == "accurate" and "unionist" in c.explanation
    assert verdict(checker, "Unionists won five seats in Northern Ireland.", "five") == "inaccurate"


# ------------------------------------------------------------------ held, gained, and part of a set
def test_seats_held_and_gained_in_a_listed_area(checker):
    text = ("Of the 21 constituencies across Hampshire and the Isle of Wight, the Tories now hold 11 while Labour "
            "held two and gained five.")
    assert verdict(checker, text, "21") == "accurate"
    assert verdict(checker, text, "11") == "accurate"
    held = claim(checker, text, "two")
    assert held.verdict == "accurate" and "Portsmouth South" in held.official.detail
    assert verdict(checker, text, "five") == "accurate"


def test_seats_gained_from_and_lost_to_a_party(checker):
    c = claim(checker, "The Liberal Democrats gained three seats from the Conservatives in London.", "three")
    assert c.verdict == "accurate" and "Wimbledon" in c.official.detail
    assert verdict(checker, "The SNP lost four seats to the Liberal Democrats.", "four") == "accurate"


def test_a_part_of_a_set_the_sentence_defines(checker):
    assert verdict(checker, "Eight of the nine seats Labour gained in London were from the Tories.", "Eight") \
        == "accurate"
    # a part the check cannot cut the same way is never called wrong
    assert verdict(checker, "Two of the nine seats Labour gained in London were from the Tories.", "Two") \
        == "unverifiable"


def test_net_changes_against_either_previous_result(checker):
    notional = claim(checker, "The Conservatives lost 251 seats.", "251")
    assert notional.verdict == "accurate" and "notional 2019" in notional.explanation
    actual = claim(checker, "The Conservatives lost 244 seats compared with 2019.", "244")
    assert actual.verdict == "accurate" and "actual 2019" in actual.explanation


# ------------------------------------------------------------------ changes: turnout, shares, relative changes
def test_turnout_change_in_points(checker):
    assert verdict(checker, "Turnout fell by 7.6 points to 59.7%.", "7.6 points") == "accurate"


def test_a_change_measured_from_the_previous_figure(checker):
    text = ("In North West Cambridgeshire Sam Carling won. The turnout was 58.5%, which represented an almost 10% "
            "from the 2019 turnout figure.")
    c = claim(checker, text, "almost 10%")
    assert c.verdict == "accurate" and "actual 2019" in c.explanation


def test_a_change_in_a_majority_is_the_majority_less_the_previous_one(checker, ref):
    """"Her majority was slashed by N": N is the fall, on the new boundaries or the old, never the majority."""
    seat = next(s for s in ref.seats.values() if s.name == "Ilford North")
    fall = ref.previous_result(seat.ons_id).majority - seat.majority
    assert fall > 1000
    text = f"In Ilford North, Wes Streeting's majority was slashed by {fall:,}."
    c = claim(checker, text, f"{fall:,}")
    assert c.verdict == "accurate" and "change in the majority" in c.explanation
    wrong = claim(checker, f"In Ilford North, Wes Streeting's majority was cut by {seat.majority:,}.",
                  f"{seat.majority:,}")
    assert wrong.verdict != "accurate"  # the majority itself is not a fall in it
    assert verdict(checker, f"In Ilford North, Wes Streeting's majority was cut by {2 * fall:,}.",
                   f"{2 * fall:,}") == "inaccurate"


def test_relative_change_in_a_majority(checker):
    c = claim(checker, "In Bootle, Peter Dowd's majority fell by 10%.", "10%")
    assert c.verdict == "inaccurate" and "relative change in the majority" in c.explanation


def test_great_britain_change(checker):
    c = claim(checker, "Reform's share of the vote in Great Britain went up 12.6 points.", "12.6 points")
    assert c.verdict == "accurate"


def test_a_change_in_a_candidates_own_vote(checker):
    text = "In West Tyrone, Tom Buchanan of the DUP came second. This time around his tally fell by 2,272."
    c = claim(checker, text, "2,272")
    assert c.verdict == "accurate" and "actual 2019" in c.explanation


# ------------------------------------------------------------------ a seat's own figure right after its result
def test_turnout_after_a_seats_result(checker):
    text = ("In Beverley and Holderness, Graham Stuart held on by 124 votes. He polled 15,501 to Margaret Pinder's "
            "15,377. Turnout was 62.4 per cent.")
    assert verdict(checker, text, "62.4 per cent") == "accurate"


def test_a_leader_named_for_the_party_is_not_the_subject(checker):
    c = claim(checker, "Keir Starmer's Labour won just 33.7% of the voters.", "33.7%")
    assert c.verdict == "accurate" and "the UK" in c.explanation


def test_great_britain_as_an_area(checker):
    c = claim(checker, "There were 5 independents elected across Great Britain.", "5")
    assert c.verdict == "accurate" and "Great Britain" in c.explanation


def test_mps_ousted_may_be_the_seats_lost(checker):
    text = "In Cornwall, all six Conservative MPs have been ousted."
    assert verdict(checker, text, "six") == "accurate"


def test_the_loss_of_a_number_of_seats(checker):
    c = claim(checker, "In Wales, the Conservatives suffered the loss of fourteen seats compared with 2019.", "fourteen")
    assert c.verdict == "accurate" and "actual 2019" in c.explanation


def test_not_a_single_seat_lost(checker):
    assert verdict(checker, "Labour have not lost a single seat across Derbyshire.", "a single") == "accurate"
    assert verdict(checker, "The Conservatives did not win any seats in Wales.", "any") == "accurate"


# ------------------------------------------------------------------ other elections: listed, never judged wrong
@pytest.mark.parametrize("text, quote", [
    ("Labour won 418 seats in 1997.", "418"),
    ("At the 2021 Holyrood election the SNP won 64 seats.", "64"),
    ("In the Rochdale by-election in February, George Galloway won 12,335 votes.", "12,335"),
    ("In the 2022 local elections Labour won 5,000 council seats.", "5,000"),
    ("In 2010 the Conservatives won 36.1% of the vote.", "36.1%"),
])
def test_other_elections_are_unverifiable_and_say_why(checker, text, quote):
    c = claim(checker, text, quote)
    assert c.verdict == "unverifiable"
    assert "election the reference data do not hold" in c.explanation


# ------------------------------------------------------------------ a region named, the country far less likely
def test_a_figure_for_the_region_is_not_read_as_the_countrys(checker):
    text = ("Labour did well across Yorkshire and The Humber. Labour's vote share in this election in our region "
            "was 45%.")
    c = claim(checker, text, "45%")
    assert c.verdict == "inaccurate" and "Yorkshire and The Humber" in c.official.detail


def test_a_party_named_only_after_the_figure_never_condemns(checker):
    text = "Ballots from six Cambridgeshire constituencies have led to a damaging night for the Conservatives."
    assert verdict(checker, text, "six") != "inaccurate"


# ------------------------------------------------------------------ a party's own change in share, said every way
@pytest.mark.parametrize("text, quote", [
    ("It was a disastrous election for the DUP, with their vote falling by 8.5 per cent on 2019 across "
     "Northern Ireland.", "8.5 per cent"),
    ("In Upper Bann, sitting MP Carla Lockhart managed to grow her percentage of the vote by 4.9 per cent.",
     "4.9 per cent"),
])
def test_a_partys_own_change_in_share(checker, text, quote):
    c = claim(checker, text, quote)
    assert c.verdict == "accurate" and c.kind == "share_change"


# ------------------------------------------------------------------ what happened, against what was forecast
def test_a_result_set_against_a_forecast_is_a_result(checker):
    text = "Despite the exit poll predicting big gains for Reform UK, the party won no seats in Scotland."
    assert verdict(checker, text, "no") == "accurate"
    c = claim(checker, "Despite the polls predicting a surge, the Greens won 14 seats.", "14")
    assert c.verdict == "inaccurate" and "4" in c.official.detail


# ------------------------------------------------------------------ who owns a count of seats
@pytest.mark.parametrize("text, quote, expected", [
    # a leader named for the party, with adjectives between, is no local candidate: the count is the country's
    ("Nigel Farage's populist right-wing Reform UK party won five seats.", "five", "accurate"),
    ("Nigel Farage's populist right-wing Reform UK party won 15 seats.", "15", "inaccurate"),
    # a party naming the people it describes owns nothing: the count is the other party's
    ("Reform UK drew many former Conservative voters but won five seats.", "five", "accurate"),
    # nor does it stand between the figure and the party before it, which is still the nearest owner
    ("Nigel Farage's right-wing Reform UK party took more than 4 million votes, many from former Conservative "
     "voters, but won only five seats, while the Greens won three seats off 1.9 million votes.", "five", "accurate"),
    ("Nigel Farage's right-wing Reform UK party took more than 4 million votes, many from former Conservative "
     "voters, but won only seven seats, while the Greens won three seats off 1.9 million votes.", "seven",
     "inaccurate"),
])
def test_the_owner_of_a_count_of_seats(checker, text, quote, expected):
    assert verdict(checker, text, quote) == expected


# ------------------------------------------------------------------ a seat's turnout and its change, from the tables
def test_this_compares_with_takes_the_last_figure_in_the_same_unit(checker, ref, seat_named):
    seat = seat_named("Orkney and Shetland")
    old = next(o for o in ref.previous_actual.values() if o.name == seat.name)
    text = (f"The {seat.name} turnout in this election was {seat.turnout_valid():.2f} per cent of a possible "
            f"{seat.electorate:,}. This compares with {old.turnout_valid():.1f} per cent in 2019.")
    c = claim(checker, text, f"{old.turnout_valid():.1f} per cent")
    assert c.verdict == "accurate" and c.kind == "turnout"


def test_changes_in_turnout_listed_seat_by_seat_on_either_basis(checker, ref, seat_named):
    seat = seat_named("Foyle")
    old = next(o for o in ref.previous_actual.values() if o.name == seat.name)
    on_ballots = old.turnout_ballots() - seat.turnout_ballots()
    text = (f"Turnout fell in every constituency, with the largest percentage drops recorded in {seat.name} "
            f"({on_ballots:.1f} per cent).")
    c = claim(checker, text, f"{on_ballots:.1f} per cent")
    assert c.verdict == "accurate" and "all ballots" in c.official.detail
    wrong = text.replace(f"({on_ballots:.1f} per cent)", f"({on_ballots + 6:.1f} per cent)")
    assert verdict(checker, wrong, f"{on_ballots + 6:.1f} per cent") != "accurate"


# ------------------------------------------------------------------ changes in seats said before the figure, or in one word with it
@pytest.mark.parametrize("text, quote, expected", [
    ("The results showed an increase from 2019 of 5 for Labour in Wales.", "5", "accurate"),
    ("Labour recorded a 209-seat jump across the UK.", "209", "accurate"),
    ("Labour recorded a 300-seat jump across the UK.", "300", "inaccurate"),
])
def test_a_change_in_seats_said_every_way(checker, text, quote, expected):
    assert verdict(checker, text, quote) == expected


def test_a_wrong_change_in_seats_said_before_the_figure_never_matches(checker):
    c = claim(checker, "The results showed an increase from 2019 of 7 for Labour in Wales.", "7")
    assert c.verdict != "accurate" and c.kind == "seats"


@pytest.mark.parametrize("text, quote, expected", [
    ("Labour won a majority with 411 seats.", "411", "accurate"),
    ("Labour won a majority with 409 seats.", "409", "inaccurate"),
])
def test_a_majority_won_with_a_number_of_seats_is_that_count(checker, text, quote, expected):
    c = claim(checker, text, quote)
    assert c.verdict == expected and c.kind == "seats"


# ------------------------------------------------------------------ the number of seats in an area: "out of 75 seats up for grabs"
@pytest.mark.parametrize("text, quote, expected", [
    ("Out of 75 seats up for grabs in London, Labour won 59.", "75", "accurate"),
    ("Out of 73 seats up for grabs in London, Labour won 59.", "73", "inaccurate"),
    ("Labour won 59 out of 75 seats in London.", "75", "accurate"),
])
def test_the_seats_an_area_holds(checker, text, quote, expected):
    c = claim(checker, text, quote)
    assert c.verdict == expected and c.kind == "aggregate"


def test_a_shared_alias_names_the_place_the_article_is_about(checker):
    text = ("Cardiff voted on Thursday. Across Cardiff the count went on overnight, and Cardiff's three seats all "
            "declared before dawn. Labour won all three seats in the capital.")
    c = claim(checker, text, "three seats in the capital")
    assert c.verdict == "accurate" and "Cardiff" in c.official.detail
    wrong = claim(checker, text.replace("all three seats in the capital", "two seats in the capital"), "two")
    assert wrong.verdict == "inaccurate" and "Cardiff" in wrong.official.detail


# ------------------------------------------------------------------ "N out of M seats": the whole of an area, unless the sentence defines the set
def test_n_out_of_the_areas_seats_is_a_plain_count(checker):
    c = claim(checker, "The SNP won 19 out of 57 seats in Scotland.", "19")
    assert c.verdict == "inaccurate" and "9" in c.official.detail
    assert verdict(checker, "The SNP won 9 out of 57 seats in Scotland.", "9") == "accurate"


# ------------------------------------------------------------------ people turning out to vote: the ballots cast
def test_people_turning_out_to_vote_are_the_ballots_cast(checker, seat_named):
    seat = seat_named("Orkney and Shetland")
    ballots = seat.valid_votes + seat.invalid_votes
    text = (f"There was a turnout of {seat.turnout_valid():.1f}% in {seat.name}, with {{n:,}} people turning out "
            f"to vote.")
    assert verdict(checker, text.format(n=ballots), f"{ballots:,}") == "accurate"
    wrong = ballots + 2_000
    c = claim(checker, text.format(n=wrong), f"{wrong:,}")
    assert c.verdict == "inaccurate" and c.kind == "turnout", c.explanation


# ------------------------------------------------------------------ "under half the total he won in 2019": one vote over another
@pytest.mark.parametrize("text, quote, expected", [
    ("In Orkney and Shetland, Robert Leslie of the SNP took 3,585 votes, under half the total he won in 2019.",
     "under half", "accurate"),
    ("In Orkney and Shetland, Robert Leslie of the SNP took 3,585 votes, three quarters the total he won in 2019.",
     "three quarters", "inaccurate"),
])
def test_a_fraction_of_an_earlier_total_is_a_ratio_of_votes(checker, text, quote, expected):
    c = claim(checker, text, quote)
    assert c.verdict == expected and "multiple" in c.explanation, c.explanation


def test_half_the_votes_cast_is_still_a_share(checker):
    c = claim(checker, "In Orkney and Shetland, Alistair Carmichael won over half the total vote.", "over half")
    assert (c.kind, c.verdict) == ("vote_share", "accurate"), c.explanation


# ------------------------------------------------------------------ a place fronting the sentence sets every figure after it
def _party_votes(ref, seats, party):
    return sum(c.votes for o in seats for c in ref.seats[o].candidates if c.party == party)


def test_a_place_fronting_the_sentence_is_the_figures_setting(checker, ref):
    patch = ref.places.place_seats("North East and North Yorkshire")
    reform, tories = _party_votes(ref, patch.seats, "RUK"), _party_votes(ref, patch.seats, "Con")
    # an article about England's North East: the nation, the article's own place and the country are far less
    # likely than the place the sentence opens on
    text = ("Counting went on through the night across England. Reform UK surged across the North East, though "
            "Labour held Hartlepool and Stockton North. In the North East and North Yorkshire as a whole, Reform won "
            "{r:,} votes, while the Conservatives took {c:,}.")
    right = claims(checker, text.format(r=reform, c=tories))
    assert [c.verdict for c in right][-2:] == ["accurate", "accurate"], [c.explanation for c in right]
    wrong = claims(checker, text.format(r=reform - 20_000, c=tories + 30_000))
    assert [c.verdict for c in wrong][-2:] == ["inaccurate", "inaccurate"], [c.explanation for c in wrong]


def test_another_partys_figure_compared_with_a_count_of_votes_is_votes(checker, ref):
    seats = [s.ons_id for s in ref.seats.values() if s.region == "North East"]
    reform, tories = _party_votes(ref, seats, "RUK"), _party_votes(ref, seats, "Con")
    c = claim(checker, f"Despite winning no seats, Reform won {reform:,} votes in the North East, compared to the "
                       f"Conservatives' {tories:,}, and came second in many constituencies.", f"{tories:,}")
    assert (c.kind, c.verdict) == ("national_votes", "accurate"), c.explanation
    # set in the place named in the clause of the figure it is compared with
    wrong = tories + 25_000
    c = claim(checker, f"Reform UK surged across the North East, though Labour held Hartlepool and Stockton North. "
                       f"Counting went on through the night across England. Despite winning no seats, Reform won "
                       f"{reform:,} votes in the North East, compared to the Conservatives' {wrong:,}, and came second "
                       f"in many constituencies.", f"{wrong:,}")
    assert c.verdict == "inaccurate" and "North East" in c.explanation, c.explanation


# ------------------------------------------------------------------ a party named before the figure and again after it
def test_a_party_named_before_and_after_the_figure_owns_it_from_before(checker, ref):
    seats = [s.ons_id for s in ref.seats.values() if s.region == "North West"]
    share = 100 * _party_votes(ref, seats, "Lab") / sum(ref.seats[o].valid_votes for o in seats)
    text = ("Labour's vote share in the North West was {v:.0f}%, while the party polled far more in 2019.")
    assert verdict(checker, text.format(v=share), f"{share:.0f}%") == "accurate"
    assert verdict(checker, text.format(v=share + 4), f"{share + 4:.0f}%") == "inaccurate"


# ------------------------------------------------------------------ "It came second in ten seats": "it" doing what a party does is the party
def test_a_sentence_opening_on_it_doing_what_a_party_does_is_about_the_party(checker, seat_named):
    seat = seat_named("Hartlepool")
    reform = next(c for c in seat.candidates if c.party == "RUK")
    share = 100 * reform.votes / seat.valid_votes
    text = ("Reform UK had a strong night in the North East. It came second in many seats, polling best in {} "
            "at {:.1f}%.")
    c = claim(checker, text.format(seat.name, share), f"{share:.1f}%")
    assert c.verdict == "accurate" and reform.surname in c.explanation, c.explanation


# ------------------------------------------------------------------ "won four seats with a 6.7 per cent vote": a share beside a count of seats
@pytest.mark.parametrize("text, quote, expected", [
    ("Nigel Farage celebrated with his supporters after the count. The Green Party won four seats with a 6.7 per "
     "cent vote.", "6.7 per cent", "accurate"),
    ("Nigel Farage celebrated with his supporters after the count. The Green Party won four seats with an 8.7 per "
     "cent vote.", "8.7 per cent", "inaccurate"),
])
def test_a_share_beside_a_count_of_seats_is_over_many_seats(checker, text, quote, expected):
    c = claim(checker, text, quote)
    assert (c.kind, c.verdict) == ("national_share", expected), c.explanation


# ------------------------------------------------------------------ "Lib Dem 4.71%, other 3.42%": everyone a seat's result does not list
def test_the_others_in_a_seats_listed_result(checker, seat_named):
    seat = seat_named("Orkney and Shetland")
    ranked = sorted(seat.candidates, key=lambda c: -c.votes)
    listed = ", ".join(f"{c.party} {100 * c.votes / seat.valid_votes:.1f}%" for c in ranked[:3])
    others = 100 * sum(c.votes for c in ranked[3:]) / seat.valid_votes
    text = f"In {seat.name} the result was {listed}, others {{:.1f}}%."
    c = claim(checker, text.format(others), f"{others:.1f}%")
    assert c.verdict == "accurate" and "after the first 3" in c.explanation, c.explanation
    c = claim(checker, text.format(others + 6), f"{others + 6:.1f}%")
    assert c.verdict != "accurate", c.explanation


# ------------------------------------------------------------------ "Turnout in Cornwall fell": a place in the figure's clause, not a seat
def test_turnout_in_a_place_named_in_the_clause_is_the_places(checker):
    # after a sentence on one seat, the place the clause names is still the figure's, not that seat
    c = claim(checker, "The Liberal Democrats held St Ives. Turnout in Cornwall at this general election fell 20% "
                       "compared to turnout in 2019.", "20%")
    assert (c.kind, c.verdict) == ("turnout", "inaccurate") and "in Cornwall" in c.explanation, c.explanation
    assert "St Ives" not in c.explanation


# ------------------------------------------------------------------ the Speaker counted with his former party
@pytest.mark.parametrize("text, quote, date, expected", [
    ("Labour won 203 seats in 2019, counting the Speaker.", "203", "2024-07-06", "accurate"),
    ("In 2017 the Conservatives won 318 seats, counting the Speaker.", "318", "2019-12-14", "accurate"),
    ("In 2017 the Conservatives won 317 seats.", "317", "2019-12-14", "accurate"),
    ("In 2017 the Conservatives won 330 seats.", "330", "2019-12-14", "inaccurate"),
])
def test_the_speaker_counts_with_the_party_he_sat_for_at_either_election(checker, text, quote, date, expected):
    c = claim(checker, text, quote, date)
    assert c.verdict == expected, c.explanation
    if quote in ("203", "318"):
        assert "Speaker" in c.explanation


def test_a_leader_under_whose_leadership_a_party_won_makes_no_local_figure(checker):
    led = claim(checker, "The Liberal Democrats won 64 seats under Ed Davey's leadership.", "64")
    assert led.verdict == "inaccurate" and "the UK" in led.explanation, led.explanation
    # the same name in passing leaves the count possibly his area's: never condemned
    said = claim(checker, "The Liberal Democrats won 64 seats, Ed Davey said.", "64")
    assert said.verdict == "unverifiable", said.explanation


# ------------------------------------------------------------------ a running count with the results still to come
@pytest.mark.parametrize("text, quote, expected", [
    ("With 641 results declared, the Liberal Democrats' tally stood at 71.", "71", "accurate"),
    ("With 640 of 650 seats declared, Labour had won 405 seats.", "405", "accurate"),
    ("With 645 results declared, Labour had won 390 seats.", "390", "unverifiable"),
    ("With 641 results declared, the Liberal Democrats had won 75 seats.", "75", "inaccurate"),
])
def test_a_count_made_before_the_last_results_is_the_final_count_less_those_to_come(checker, text, quote, expected):
    c = claim(checker, text, quote, "2024-07-05")
    assert c.verdict == expected, c.explanation
    if expected == "accurate":
        assert "still to come" in c.explanation


@pytest.mark.parametrize("text, quote, expected", [
    ("The Liberal Democrats recorded their best result since 1923, with 72 seats.", "72", "accurate"),
    ("The Liberal Democrats recorded their best result since 1923, with 65 seats.", "65", "inaccurate"),
    ("Labour had its best result since 1997, when it won 418 seats.", "418", "unverifiable"),
])
def test_a_record_since_another_year_is_this_elections_figure(checker, text, quote, expected):
    assert verdict(checker, text, quote) == expected


@pytest.mark.parametrize("text, quote, expected", [
    ("It was one of the Conservatives' 372 seats going into the election.", "372", "accurate"),
    ("It was one of the Conservatives' 300 seats going into the election.", "300", "inaccurate"),
])
def test_seats_a_party_held_going_into_the_election(checker, text, quote, expected):
    c = claim(checker, text, quote)
    assert c.verdict == expected and "2019" in c.explanation, c.explanation


@pytest.mark.parametrize("text, quote, expected", [
    ("The Tories were wiped out in Wales, losing all 12 of their seats.", "12", "accurate"),
    ("The Tories were wiped out in Wales, losing all 10 of their seats.", "10", "inaccurate"),
])
def test_losing_all_of_a_partys_seats(checker, text, quote, expected):
    c = claim(checker, text, quote)
    assert c.verdict == expected and "Wales" in c.explanation, c.explanation


def test_a_fraction_of_the_votes_the_sentence_gives_for_the_last_election_is_one_vote_over_the_other(ref):
    """"She polled 19,360 votes - less than half of the 39,714 she got in 2019": the fraction is this election's
    vote over the previous one (cues-derived.tsv), checked against the tables, with the arithmetic."""
    import factcheck

    seat = next(s for s in ref.seats.values() if s.name == "North West Essex")
    win = seat.winner
    before = next(p for p in ref.predecessors(seat.ons_id) if p.winner.name == win.name).winner.votes
    assert win.votes < before / 2
    text = f"{win.name} held {seat.name}. She polled {win.votes:,} votes – less than half of the {before:,} she got in 2019."
    claim = next(c for c in factcheck.check_text(text).claims if c.quote == "less than half")
    assert claim.verdict == "accurate" and f"{win.votes:,} / {before:,}" in claim.explanation
