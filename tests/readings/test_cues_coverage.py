"""The coverage cue table (`readings/vocab/cues-coverage.tsv`): each phrasing in a sentence of 2019 coverage.

Sentences are written here about real 2019 seats; every figure in them is
computed from the 2019 tables, so a test fails if a phrasing is read as the
wrong kind of figure, the wrong election or the wrong person's.
"""
from __future__ import annotations

import pytest

from factcheck.models import Article
from factcheck.readings.cues import VOCAB, CueTable, election_words, read_table
from factcheck.reference import aggregate as agg

DAY_AFTER = "2019-12-13"


@pytest.fixture(scope="module")
def ref19(checker):
    return checker.judged("2019").ref


@pytest.fixture(scope="module")
def seat(ref19):
    return lambda name: next(s for s in ref19.seats.values() if s.name == name)


def claims_of(checker, text: str):
    return checker.check(Article(text=text, date=DAY_AFTER, source="test")).claims


def one(checker, text: str, quote: str):
    found = [c for c in claims_of(checker, text) if c.quote.endswith(quote)]
    assert len(found) == 1, [(c.quote, c.verdict) for c in claims_of(checker, text)]
    return found[0]


def test_the_table_loads_with_both_elections_words(ref19):
    rows = read_table(VOCAB / "cues-coverage.tsv")
    assert len(rows) >= 15
    for key, prev, day, prev_day in (("2019", "2017", ref19.polling_day, ref19.previous_polling_day),
                                     ("2024", "2019", None, ref19.polling_day)):
        if day is None:
            from factcheck.reference import ADAPTERS
            day = ADAPTERS["2024"].polling_day
        table = CueTable.load([VOCAB / "cues-coverage.tsv"], election=election_words(key, prev, day, prev_day))
        assert len(table.cues) == len(rows)


def test_a_majority_that_was_lost_is_the_previous_one(checker):
    """Not held for 2017: unverifiable, with the reason, never wrong because the 2019 majority differs."""
    for text in ("Ruth George's majority of over 2,000 has been lost in High Peak.",
                 "In High Peak, Robert Largan overturned Ruth George's majority of 2,322."):
        claim = one(checker, text, "2,000" if "2,000" in text else "2,322")
        assert (claim.kind, claim.verdict) == ("previous_majority", "unverifiable"), claim.explanation
        assert "2017 majority" in claim.explanation


def test_a_majority_in_points_from_the_2017_shares(checker, ref19, seat):
    bolsover = seat("Bolsover")
    before = ref19.previous[bolsover.ons_id]
    lead = before.winner.share - before.runner_up.share
    text = f"Mark Fletcher overturned a {lead:.1f} per cent Labour majority from the 2017 election in Bolsover."
    claim = one(checker, text, f"{lead:.1f} per cent")
    assert (claim.kind, claim.verdict) == ("previous_majority", "accurate"), claim.explanation
    wrong = one(checker, text.replace(f"{lead:.1f}", f"{lead + 6:.1f}"), f"{lead + 6:.1f} per cent")
    assert wrong.verdict != "accurate"


def test_an_absolute_majority_is_the_winners_share(checker, ref19, seat):
    blyth = seat("Blyth Valley")
    share = ref19.previous[blyth.ons_id].winner.share  # Labour won more than half the vote in 2017
    text = f"Susan Dungworth's party lost its majority of {share:.1f}% in Blyth Valley to Ian Levy."
    claim = one(checker, text, f"{share:.1f}%")
    assert claim.verdict == "accurate", claim.explanation


def test_an_opponents_figure(checker, seat):
    blyth = seat("Blyth Valley")
    win, second = blyth.winner, blyth.runner_up
    text = f"Ian Levy won with {win.votes:,} votes against his nearest rival's {second.votes:,} votes."
    assert one(checker, text, f"{second.votes:,}").verdict == "accurate"
    text = f"Ian Levy beat Susan Dungworth {win.votes:,} votes to {second.votes:,}."
    assert one(checker, text, f"{second.votes:,}").verdict == "accurate"


def test_a_commons_majority_told_with_the_seats(checker, ref19):
    seats = agg.seats_won(ref19, "Con")
    majority = seats - (len(ref19.seats) - seats)
    claim = one(checker, f"The Conservatives secured a majority of {majority}, with {seats} seats.", str(majority))
    assert claim.verdict == "accurate", claim.explanation
    claim = one(checker, f"The Conservative party won a working majority of {majority}.", str(majority))
    assert claim.verdict == "accurate", claim.explanation


def test_seats_taken_from_a_party_and_seats_lost(checker, ref19):
    wales = agg.seats_in(ref19, "Wales")
    gained = [s for s, before in agg.gains(ref19, "Con", wales) if before == "Lab"]
    text = f"In Wales the Conservatives claimed {len(gained)} seats from Labour."
    assert one(checker, text, str(len(gained))).verdict == "accurate"
    lost = len(agg.losses(ref19, "Con", agg.seats_in(ref19, "Scotland")))
    text = f"The Conservatives now have six seats in Scotland, with the {lost} they lost going to the SNP."
    assert one(checker, text, str(lost)).verdict == "accurate"


def test_seats_increased_by_and_a_gain_over_the_previous_election(checker, ref19):
    scotland = agg.seats_in(ref19, "Scotland")
    net = agg.seats_won(ref19, "SNP", scotland) - agg.seats_won(ref19, "SNP", scotland, "previous")
    claim = one(checker, f"The SNP increased their seats in Scotland by {net}.", str(net))
    assert (claim.kind, claim.verdict) == ("seats", "accurate"), claim.explanation
    claim = one(checker, f"The SNP won 48 seats in Scotland, a gain of {net} over the 2017 general election.",
                str(net))
    assert claim.verdict == "accurate", claim.explanation


def test_a_years_own_figure_and_a_margin_this_time(checker, seat):
    bolsover = seat("Bolsover")
    text = f"Turnout in Bolsover was {bolsover.turnout_valid():.0f}%, down from 2017's 65%."
    claim = one(checker, text, "65%")
    assert claim.verdict == "unverifiable" and "2017" in claim.explanation
    text = (f"Mark Fletcher overturned Labour's 2017 lead to take Bolsover by a margin of {bolsover.majority:,} votes "
            "on the night.")
    claim = one(checker, text, f"{bolsover.majority:,}")
    assert (claim.kind, claim.verdict) == ("majority", "accurate"), claim.explanation
    text = "At the 2017 general election, Dennis Skinner held Bolsover by a majority of 5,288 votes."
    claim = one(checker, text, "5,288")
    assert claim.verdict == "unverifiable" and "2017" in claim.explanation


def test_a_turnout_compared_with_the_one_before_it(checker, ref19):
    scot, uk = agg.turnout(ref19, agg.seats_in(ref19, "Scotland"))[0], agg.turnout(ref19)[0]
    text = f"Turnout in Scotland rose to {scot:.1f}%, slightly higher than the UK's ({uk:.1f}%)."
    assert one(checker, text, f"{uk:.1f}%").verdict == "accurate"
    wrong = f"Turnout in Scotland rose to {scot:.1f}%, slightly higher than the UK's ({uk - 2:.1f}%)."
    assert one(checker, wrong, f"{uk - 2:.1f}%").verdict != "accurate"



@pytest.fixture(scope="module")
def coverage(ref19):
    words = election_words(ref19.key, ref19.previous_key, ref19.polling_day, ref19.previous_polling_day)
    return CueTable.load([VOCAB / "cues-coverage.tsv"], election=words)


@pytest.mark.parametrize("after, newer", [
    (" from the 7.4% seen in the last election", True),
    (", up from a 31.2% share", True),
    (" from the 2017 election", False),  # a year after "from" is when, not the figure it rose from
    (" in the 2017 election", False),
])
def test_a_figure_told_before_the_one_it_rose_from_is_the_newer_one(coverage, after, newer):
    """"rose to 11.5% from the 7.4%": the first figure is this election's, whatever the clause says of the last."""
    before = "the party's share of the vote rose to"
    scores = coverage.score({"before": before, "after": after, "clause": before + " 11.5%" + after}, "percent")
    assert (scores.evidence("era").get("current", 0.0) > 0) is newer, scores.fired


@pytest.mark.parametrize("sentence, wide", [
    ("With nearly all the 650 results in, the party was on 11.5%.", True),
    ("With all but two of the 650 seats declared, its share stood at 11.5%.", True),
    ("Of the 12 results declared in the county, the party won 11.5% in the first.", False),
])
def test_a_sentence_told_against_the_whole_count_is_about_the_country(coverage, sentence, wide):
    scores = coverage.score({"sentence": sentence, "clause": sentence}, "percent")
    assert (scores.evidence("scope").get("wide", 0.0) > 0) is wide, scores.fired


# ---------------------------------------------------------------- a fronted phrase naming the previous election
def _held_in(ref, place: str, party: str, election: str) -> int:
    seats = [o for o in ref.places.place_seats(place).seats if o in ref.seats]
    return agg.seats_won(ref, party, seats, election=election)


def test_a_sentence_fronted_by_the_previous_election_counts_that_election(checker, ref):
    """"Following the elections in 2017 and 2019, the Conservatives held all N Cornish seats": the fronted
    phrase names the previous election (and one the tables do not hold), so the count is the previous one's,
    not this election's; a year alone that is not the previous one still leaves it another election's."""
    import factcheck

    before = _held_in(ref, "Cornwall", "Con", "previous")
    now = _held_in(ref, "Cornwall", "Con", "current")
    assert before != now
    words = {6: "six", 5: "five", 4: "four", 3: "three"}
    n = words.get(before, str(before))
    claim = factcheck.check_text(f"Following the elections in 2017 and 2019, the Conservatives held all {n} "
                                 "Cornish seats.", date="2024-07-05").claims[0]
    assert claim.verdict == "accurate" and "2019" in claim.explanation, claim.explanation
    other = factcheck.check_text(f"In 2017, the Conservatives held all {n} Cornish seats.", date="2024-07-05").claims[0]
    assert other.verdict == "unverifiable"


def test_a_share_of_the_total_is_a_share_of_the_vote(checker, seat):
    """"His vote amounted to 37.5 per cent of the total": with no other election word in the sentence, "of the
    total" is what makes the figure a result, the winner's share; "of the total electorate" is not such a share."""
    bolsover = seat("Bolsover")
    win = bolsover.winner
    share = 100.0 * win.votes / bolsover.valid_votes
    text = f"{win.name} won Bolsover. His vote amounted to {share:.1f} per cent of the total."
    claim = one(checker, text, f"{share:.1f} per cent")
    assert (claim.kind, claim.verdict) == ("vote_share", "accurate"), claim.explanation
    wrong = f"{win.name} won Bolsover. His vote amounted to {share + 9:.1f} per cent of the total."
    assert one(checker, wrong, f"{share + 9:.1f} per cent").verdict == "inaccurate"
