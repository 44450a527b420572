"""The cue theme for derived figures (`readings/vocab/cues-derived.tsv`): it loads, and its words move a figure.

Each test scores a figure of a sentence written here through the whole cue
table (every `cues*.tsv`) and checks the dimension the theme speaks to: the
kind ("63% of the seats" is a share of the seats, not of the vote), a role
("seats worth of the vote", "women MPs", "ahead of the Conservatives"), or
the election ("the 21 seats they won in 2019").
"""
from __future__ import annotations

import re

import pytest

from factcheck.models import Mention
from factcheck.read.figures import find_quantities
from factcheck.readings.context import figure_contexts, mask_names
from factcheck.readings.cues import VOCAB, CueTable, default_table, read_table


PARTIES = re.compile(r"\b(?:Labour|(?:the\s+)?Conservatives|Reform(?:\s+UK)?|Lib\s+Dems|Liberal\s+Democrats|(?:the\s+)?Tories|SNP)\b")


def scores(sentence: str, index: int = 0):
    contexts = figure_contexts(sentence, 0, find_quantities(sentence))
    f = contexts[index]
    # as the pipeline reads it: party names masked, so cue words never fire inside a name
    f.masked = mask_names(sentence, [Mention(type="party", text=m.group(0), start=m.start(), end=m.end(), key="P")
                                     for m in PARTIES.finditer(sentence)])
    return default_table().score(f.windows, f.q.unit, f.features)


def top(sentence: str, dimension: str, index: int = 0) -> str:
    d = scores(sentence, index).distribution(dimension)
    return max(d, key=d.get)


def test_the_theme_file_loads_with_every_row():
    rows = read_table(VOCAB / "cues-derived.tsv")
    assert len(rows) >= 40
    table = CueTable.load(cues_paths=[VOCAB / "cues-derived.tsv"],
                          election={"CUR": "2024", "PREV": "2019", "OTHER_YEAR": "1997", "PREV_MONTH": "december",
                                    "CUR_MONTH": "july", "AGO": "five", "WEEKDAY": "thursday"})
    assert len(table.cues) == len(rows)
    assert any(c.name.startswith("role:proportional") for c in default_table().cues)


@pytest.mark.parametrize("sentence, kind", [
    ("Labour won 63% of the seats on 34% of the vote.", "seat_share"),
    ("Labour took 63 per cent of the Commons.", "seat_share"),
    ("Labour won 34% of the vote.", "share"),
    ("Reform got 93 seats worth of the vote.", "seats"),
])
def test_kind(sentence, kind):
    assert top(sentence, "kind") == kind


def test_a_count_more_than_at_the_last_election_is_a_change_not_a_lead():
    """"winning 59, which is nine more than in 2019": nine is the change since 2019, even in a sentence that
    speaks of "the vast majority"; nine more votes than a rival is no change in seats."""
    sentence = "The party swept the vast majority of them, winning 59, which is nine more than in 2019."
    assert top(sentence, "kind", index=1) == "seat_net" and top(sentence, "era", index=1) == "current"
    rival = scores("She won with nine more votes than Reform.").distribution("kind")
    assert rival["seat_net"] < 0.1 and rival["majority"] > 0.2


@pytest.mark.parametrize("sentence, role", [
    ("Reform got 93 seats worth of the vote.", "proportional"),
    ("Labour won 23,622 votes for each of its seats.", "per_seat"),
    ("It took 23,622 votes to elect each Labour MP.", "per_seat"),
    ("Labour finished ten points ahead of the Conservatives.", "difference"),
    ("Labour won 2.9 million more votes than the Conservatives.", "difference"),
    ("The two main parties won 57.4% of the vote between them.", "two_main"),
    ("Smaller parties won more than 40% of the vote.", "others_share"),
    ("Labour won 20% of the electorate.", "of_electorate"),
    ("A record 263 women MPs were elected.", "women"),
    ("There were 350 new MPs.", "new_mps"),
    ("The Liberal Democrats came third in 150 seats.", "third_places"),
    ("Reform came second in 98 seats.", "second_places"),
    ("Labour needed a 21.0% swing to win the seat.", "swing_needed"),
])
def test_role(sentence, role):
    quantities = find_quantities(sentence)
    index = next(i for i, q in enumerate(quantities) if q.unit != "count" or q.value > 2)
    assert role in scores(sentence, index).present("role")


@pytest.mark.parametrize("sentence, index", [
    ("The Tories hold nine seats, compared to the 21 seats they won in 2019.", 1),
    ("The Lib Dems won 11 seats five years ago.", 0),
    ("The Conservatives won 21 seats in London in 2019.", 0),
])
def test_previous_election_seat_counts(sentence, index):
    assert top(sentence, "era", index) == "previous"


def test_the_swing_needed_is_not_a_threshold():
    assert top("Labour needed a 21.0% swing to win the seat.", "kind") == "change"


@pytest.mark.parametrize("sentence, dimension, expected", [
    ("Despite the exit poll predicting gains, Reform UK won no seats in Wales.", "era", "current"),
    ("The exit poll predicted 13 seats for Reform UK.", "era", "forecast"),
    ("This showed an increase from 2019 of 5 for Labour.", "kind", "seat_net"),
    ("This showed an increase from 2019 of 5 for Labour.", "era", "current"),
    ("Labour recorded a 200-seat jump.", "kind", "seat_net"),
    ("Labour secured a majority with 411 seats.", "kind", "seats"),
])
def test_results_against_forecasts_and_changes_said_before_the_figure(sentence, dimension, expected):
    assert top(sentence, dimension) == expected


@pytest.mark.parametrize("sentence", ["Out of 73 seats up for grabs in the capital, Labour won 59.",
                                      "Of the 57 seats up for grabs in Scotland, Labour won 37."])
def test_seats_up_for_grabs_are_the_areas_count(sentence):
    assert top(sentence, "kind") == "seat_count"


@pytest.mark.parametrize("sentence, expected", [
    ("The SNP won 48 out of 59 seats in Scotland.", False),
    ("Eight of the nine seats Labour gained were from the Tories.", True),
])
def test_a_set_the_sentence_defines_is_a_subset_the_whole_area_is_not(sentence, expected):
    contexts = figure_contexts(sentence, 0, find_quantities(sentence))
    f = contexts[0]
    f.masked = mask_names(sentence, [Mention(type="party", text=m.group(0), start=m.start(), end=m.end(), key="P")
                                     for m in PARTIES.finditer(sentence)])
    assert ("subset" in default_table().score(f.windows, f.q.unit, f.features).present("role")) == expected


@pytest.mark.parametrize("sentence, index, expected", [
    # the year marks the record; the figure that follows it is this election's
    ("The Liberal Democrats recorded their best result since 1923, with 72 seats.", 0, "current"),
    ("Labour had its best result since 1997, with 418 seats.", 0, "current"),
    # what happened "when" is that year's
    ("Labour had its best result since 1997, when it won 418 seats.", 0, "other"),
    ("Its vote share was the lowest since 2019, when it won 202 seats.", 0, "previous"),
])
def test_a_year_since_which_a_record_stands_and_a_year_when(sentence, index, expected):
    assert top(sentence, "era", index) == expected


@pytest.mark.parametrize("sentence", [
    "The Conservatives held 365 seats going into the election.",
    "The Conservatives had 365 MPs at dissolution.",
    "Before the election the Conservatives held 365 seats.",
])
def test_seats_held_going_into_the_election_are_the_earlier_results(sentence):
    assert top(sentence, "era") == "previous"


def test_losing_all_of_their_seats_is_a_loss():
    assert top("The Conservatives were wiped out, losing all 12 of their seats.", "kind") == "seat_loss"
