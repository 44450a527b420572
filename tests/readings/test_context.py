"""A figure's clause and windows, and the structure of its sentence: pairs, parts of a whole, back references,
bracketed previous figures, units carried over, names masked."""
from __future__ import annotations

import pytest

from factcheck.link.names import ArticleContext, find_mentions
from factcheck.models import Mention
from factcheck.read.figures import find_quantities
from factcheck.readings.context import MASKS, MAX_SIDE, clause_of, figure_contexts, mask_names


def contexts(sentence: str):
    return figure_contexts(sentence, 0, find_quantities(sentence))


def at(sentence: str, text: str):
    found = [c for c in contexts(sentence) if c.q.text == text]
    assert len(found) == 1, [c.q.text for c in contexts(sentence)]
    return found[0]


def clause_text(sentence: str, text: str) -> str:
    c = at(sentence, text).clause
    return sentence[c.start:c.end]


# ---------------------------------------------------------------- clauses and windows
@pytest.mark.parametrize("sentence, figure, clause", [
    # a comma, a semicolon, "but", "while" and a dash each end a clause
    ("She polled 12,345 votes, a majority of 2,001.", "2,001", " a majority of 2,001."),
    ("She polled 12,345 votes, a majority of 2,001.", "12,345", "She polled 12,345 votes"),
    ("Turnout was 61%; it had been 67% before.", "61%", "Turnout was 61%"),
    ("Labour gained 12 seats but lost 3 to the Greens.", "3", " lost 3 to the Greens."),
    ("The Tories held 40 seats while the Lib Dems took 72.", "40", "The Tories held 40 seats "),
    ("He won 20,112 votes - a record for the seat.", "20,112", "He won 20,112 votes"),
    # brackets are not breaks
    ("She won a handsome majority (of 8,000 votes) in the end.", "8,000",
     "She won a handsome majority (of 8,000 votes) in the end."),
])
def test_a_clause_is_cut_at_punctuation_and_conjunctions(sentence, figure, clause):
    assert clause_text(sentence, figure).strip() == clause.strip()


def test_a_clause_is_bounded_whatever_the_sentence():
    filler = "and then the count went on " * 40
    sentence = f"{filler}until she polled 12,345 votes {filler}."
    fc = at(sentence, "12,345")
    assert fc.clause.end - fc.clause.start <= 2 * MAX_SIDE + len("12,345")
    for name, window in fc.windows.items():
        assert len(window) <= 2 * MAX_SIDE + 40 + len("12,345"), name
    assert fc.windows["before"].endswith("polled ")
    assert fc.windows["after"].startswith(" votes")
    assert fc.windows["self"] == "12,345"


def test_windows_before_and_after_stay_inside_the_clause():
    sentence = "Turnout was 58%, and the winner polled 20,000 votes."
    fc = at(sentence, "20,000")
    assert "Turnout" not in fc.windows["before"]  # another clause
    assert "Turnout" in fc.windows["left"]  # the sentence before the figure, across clauses
    assert fc.windows["after"] == " votes."


def test_clause_of_an_offset():
    s = "Labour won, the Tories lost"
    assert s[clause_of(s, s.index("Tories")).start:clause_of(s, s.index("Tories")).end] == "the Tories lost"


# ---------------------------------------------------------------- structure
@pytest.mark.parametrize("sentence, first, second", [
    ("Her majority fell from 13,141 to 693.", "13,141", "693"),
    ("The Labour vote rose to 21,000, up from 18,500.", "18,500", "21,000"),
    ("His share slipped from 52.1% to 44.9%.", "52.1%", "44.9%"),
])
def test_from_to_pairs_point_at_each_other(sentence, first, second):
    a, b = at(sentence, first), at(sentence, second)
    assert "pair_from" in a.features and "pair_to" in b.features
    assert contexts(sentence)[a.partner].q.text == second
    assert contexts(sentence)[b.partner].q.text == first


def test_a_part_and_its_whole():
    sentence = "Labour took 9 of Scotland's 57 seats."
    part, whole = at(sentence, "9"), at(sentence, "57")
    assert "subset" in part.features and "set_size" in whole.features
    assert (part.partner, whole.partner) == (1, 0)
    # not when the first figure is the larger one, or the whole is not seats
    assert "subset" not in at("Labour took 60 of Scotland's 57 seats.", "60").features
    assert "subset" not in at("Turnout was 9 of every 57 voters.", "9").features


def test_a_back_reference_to_the_figure_before():
    sentence = "The Green candidate took 7,115 votes, compared with 9,329."
    assert "back_reference" in at(sentence, "9,329").features
    assert at(sentence, "9,329").partner == 0
    assert "back_reference" not in at(sentence, "7,115").features


def test_a_figure_that_continues_a_list():
    sentence = "Jane Doe polled 15,647 votes and John Roe 15,119."
    assert "list_parallel" in at(sentence, "15,119").features
    # a figure of another unit does not continue a list of counts
    assert "list_parallel" not in at("Jane Doe polled 15,647 votes and John Roe 31.2%.", "31.2%").features


def test_bracketed_previous_figures():
    sentence = "Labour 7 (5), Conservatives 3 (6)."
    assert "bracket_previous" in at(sentence, "5").features and at(sentence, "5").partner == 0
    assert "bracket_previous" in at(sentence, "6").features and at(sentence, "6").partner == 2
    assert not at(sentence, "7").features and not at(sentence, "3").features


@pytest.mark.parametrize("sentence, text, unit, feature", [
    ("LAB: 48.4% (+8.2)", "+8.2", "points", "signed"),  # a signed decimal after a share: a change in points
    ("LAB: 48.4% (41.0)", "41.0", "percent", "bracket_previous"),  # a bare decimal: the share before
])
def test_a_bare_figure_beside_a_share_takes_its_unit(sentence, text, unit, feature):
    fc = at(sentence, text)
    assert fc.q.unit == unit and feature in fc.features
    assert fc.q.low <= fc.q.value <= fc.q.high


def test_a_whole_number_beside_a_share_stays_a_count():
    assert at("LAB: 48.4% (12)", "12").q.unit == "count"


def test_signed_seats_in_brackets_are_a_change():
    fc = at("Labour won 5 seats (-3) in the county.", "-3")
    assert {"signed", "signed_seats", "bracket_change"} <= fc.features


def test_within_is_a_ceiling():
    fc = at("She came to within 1,500 votes of winning.", "1,500")
    assert fc.q.qualifier == "at_most" and fc.q.high == 1500 and fc.q.low < 1500
    assert at("She came to within 1,487 votes of winning.", "1,487").q.qualifier == "exact"  # not a round number


def test_size_features():
    assert "very_large" in at("Across the UK 28,809,340 votes were cast.", "28,809,340").features
    assert "small_count_near_percent" in at("He won 62 per cent, with 12 candidates standing.", "12").features


def test_by_an_amount_to_a_total():
    sentence = "She increased her party's vote by 332, to 1,422."
    assert "by_amount" in at(sentence, "332").features and "to_amount" in at(sentence, "1,422").features


# ---------------------------------------------------------------- masking names
def test_names_are_masked_in_place(index, ref):
    seat = next(s for s in ref.seats.values() if s.name == "North East Somerset and Hanham")
    winner = seat.winner
    sentence = f"{winner.name} won {seat.name} for the Scottish National Party by 5,000."
    mentions = find_mentions(sentence, index, ArticleContext())
    masked = mask_names(sentence, mentions)
    assert len(masked) == len(sentence)
    assert "North East" not in masked and "National" not in masked and winner.name not in masked
    assert MASKS["seat"] in masked and MASKS["candidate"] in masked and MASKS["party"] in masked
    # offsets are kept: the figure stands where it stood
    assert masked.index("5,000") == sentence.index("5,000")


def test_an_unresolved_name_is_not_masked():
    sentence = "Somebody Unknown won 5,000 votes."
    mentions = [Mention(type="candidate", text="Somebody Unknown", start=0, end=16)]
    assert mask_names(sentence, mentions) == sentence


def test_the_windows_read_the_masked_sentence(index, ref):
    seat = next(s for s in ref.seats.values() if s.name == "North East Somerset and Hanham")
    sentence = f"In {seat.name} turnout was 70.1%."
    fc = at(sentence, "70.1%")
    fc.masked = mask_names(sentence, find_mentions(sentence, index, ArticleContext()))
    assert "North East" not in fc.windows["left"] and "turnout was " in fc.windows["left"]
