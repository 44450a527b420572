"""Which election an article reports: dated, undated, mixed signals, and elections the data do not hold.

The texts are written for these tests. Polling days and names come from the
real adapters (`ElectionInfo.of`, `NameSet.of` over the real tables), so the
tests also check that the names they rely on really are on one election's
ballots only.
"""
from __future__ import annotations

import tomllib
from datetime import date

import pytest

from conftest import DATA
from factcheck.models import Article
from factcheck.read.election import (CUES_FILE, ElectionInfo, NameSet, choose_election, cues, parse_date,
                                     parse_month)
from factcheck.read.ingest import read_text
from factcheck.reference import ADAPTERS, load_reference
from factcheck.reference.parties import fold

INFOS = [ElectionInfo.of(cls) for cls in ADAPTERS.values()]
TABLE = tomllib.loads(CUES_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def names(ref):
    return {key: NameSet.of(load_reference(DATA, key)) for key in ADAPTERS}


def choose(text: str, names=None, date_: str | None = None, title: str | None = None):
    return choose_election(Article(text=text, date=date_, title=title), INFOS, names)


def test_infos_come_from_the_adapters():
    assert {(i.key, i.polling_day, i.previous_key) for i in INFOS} == {
        ("2024", date(2024, 7, 4), "2019"), ("2019", date(2019, 12, 12), "2017")}


# ---------------------------------------------------------------- dates
@pytest.mark.parametrize("text, expected", [
    ("2019-12-13", date(2019, 12, 13)),
    ("2024-07-05T06:00:00Z", date(2024, 7, 5)),
    ("2024-07-05T06:00:00+01:00", date(2024, 7, 5)),
    ("Friday, 13th December 2019, 4:18 am", date(2019, 12, 13)),
    ("Friday 13 December, 2019", date(2019, 12, 13)),
    ("December 13, 2019", date(2019, 12, 13)),
    ("Published 5 Jul 2024", date(2024, 7, 5)),
    ("13/12/2019", date(2019, 12, 13)),
    ("12/13/2019", date(2019, 12, 13)),  # day first unless impossible
    ("Updated: 2024/07/06 10:00", date(2024, 7, 6)),
    ("31 February 2024", None),
    ("in 2019", None),
    (None, None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_parse_month():
    assert parse_month("date 2024-07") == (2024, 7)
    assert parse_month("2024-13") is None and parse_month("2024-07-05") is None


@pytest.mark.parametrize("dated, key", [
    ("2019-12-12", "2019"),  # polling day itself: results come overnight
    ("2019-12-13", "2019"),
    ("2020-03-01", "2019"),  # a later look back, before the next polling day
    ("2024-06-20", "2019"),  # the 2024 campaign: the latest result is 2019's
    ("2024-07-05", "2024"),
    ("2026-01-10", "2024"),
    ("2024-07", "2024"),  # a month holding a polling day
])
def test_a_dated_article_reports_the_latest_election_by_its_date(dated, key):
    choice = choose("Labour held the seat with a majority of 1,234.", date_=dated)
    assert choice.key == key and choice.evidence[0].kind == "date"


@pytest.mark.parametrize("dated, said", [
    ("2017-06-09", "before the UK general election of 12 December 2019, the earliest they hold"),
    ("2019-11-20", "dated 20 November 2019, before the UK general election of 12 December 2019"),
    ("2019-11", "dated November 2019, before"),
    ("2031-05-01", "too long after the UK general election of 4 July 2024"),
])
def test_dated_outside_any_held_election(dated, said):
    choice = choose("Labour held the seat with a majority of 1,234.", date_=dated)
    assert choice.key is None
    assert choice.reason.startswith("The article reports an election the reference data do not hold") and said in choice.reason


def test_the_date_beats_the_headline_and_the_names(names):
    text = "General Election 2019: how the seats fell\nJo Swinson lost East Dunbartonshire."
    assert choose(text, names, date_="2024-07-05").key == "2024"


def test_dates_from_each_input_format():
    html = ('<html><head><meta itemprop="datePublished" content="2019-12-13T02:00:00Z"></head>'
            '<body><p>Labour held the seat.</p></body></html>')
    ld = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
          '"datePublished": "2024-07-05"}</script></head><body><p>Labour held the seat.</p></body></html>')
    jsonl = '{"text": "Labour held the seat.", "date": "2019-12-13"}\n'
    archive = (" D-A-T-E-S-T-A-R-T. 2024-07-05 D-A-T-E-E-N-D.  T-E-X-T-S-T-A-R-T. Labour held the seat. "
               "T-E-X-T-E-N-D. ")
    keys = [choose_election(read_text(t, "x")[0], INFOS).key for t in (html, ld, jsonl, archive)]
    assert keys == ["2019", "2024", "2019", "2024"]


def test_a_dateline_in_the_first_lines():
    text = "Tories take the seat\nBy A Reporter\nFriday, 13th December 2019, 4:18 am\nThe Conservatives won."
    choice = choose(text)
    assert choice.key == "2019" and choice.evidence[0].kind == "dateline"
    assert choose("Results\n date 2024-07 The count went on all night.").key == "2024"


def test_a_date_far_down_the_text_is_no_dateline():
    text = "\n".join(["Line of the story."] * 8 + ["On 13 December 2019 the seat changed hands."])
    assert choose(text).evidence[0].kind != "dateline"


# ---------------------------------------------------------------- the headline zone
@pytest.mark.parametrize("headline, key", [
    ("General Election 2019: the night the red wall fell", "2019"),
    ("Election results 2019: every seat", "2019"),
    ("What the 2024 general election means for Wales", "2024"),
    ("#GE2019 live: the count", "2019"),
    ("GE24: Labour landslide", "2024"),
])
def test_a_year_in_the_headline(headline, key):
    choice = choose(f"{headline}\nThe party won the seat.")
    assert choice.key == key and choice.evidence[0].kind == "headline"


def test_a_headline_year_the_data_do_not_hold():
    choice = choose("The 2017 general election: May loses her majority\nThe Conservatives won 317 seats.")
    assert choice.key is None and "the headline names the 2017 election" in choice.reason


@pytest.mark.parametrize("lead", TABLE["text"]["history_leads"])
def test_an_election_set_beside_the_one_reported_is_history(lead):
    """"The largest majority since ... the 1997 election" in the first lines names history, not the article's
    election: the year decides nothing, whatever the lead word (each row of history_leads)."""
    text = (f"Landslide for Labour\nThe party's majority is the largest {lead} Tony Blair's victory at the 1997 "
            "election.\nLabour won 411 seats.")
    assert choose(text).key == "2024"
    assert choose("Landslide for Labour\nLabour repeated its 1997 election victory.").key is None  # no lead: the year


def test_the_title_counts_as_headline():
    assert choose("The party won the seat.", title="Election 2019: the results").key == "2019"


@pytest.mark.parametrize("contest", TABLE["text"]["other_contests"])
def test_every_other_contest_in_the_headline_means_none(contest):
    choice = choose(f"{contest.capitalize()} result: a shock in the town\nThe winner took 12,345 votes.")
    assert choice.key is None and choice.evidence[0].kind == "other_contest"


def test_another_contest_in_the_body_is_only_history():
    text = ("Labour gain the seat in a general election landslide\nBy A Reporter\nLabour took the seat, "
            "which the Conservatives first won at a by-election in 1976.")
    assert choose(text).key == "2024"


def test_a_first_sentence_is_no_headline_for_another_contest():
    """Text with no headline opens with its first sentence: a by-election it recalls is history, as further down;
    a short line, or one without a full stop, is still a headline."""
    limit = TABLE["text"]["headline_words"]
    sentence = ("Labour, fresh from winning the Wellingborough by-election in February, took the seat from the "
                "Conservatives with a majority of 6,436.")
    assert len(sentence.split()) > limit
    assert choose(sentence + "\nTurnout was 60 per cent.").key == "2024"
    assert choose("Labour wins the Wellingborough by-election\nThe majority was 6,436.").key is None
    assert choose(sentence.rstrip(".") + "\nTurnout was 60 per cent.").key is None


def test_a_general_election_headline_that_mentions_a_by_election():
    assert choose("General election: the seat changes hands again after last year's by-election\nText.").key \
        == "2024"


@pytest.mark.parametrize("word", [w for w in TABLE["text"]["election_words"]])
def test_every_election_word_makes_a_year_an_elections(word):
    assert choose(f"The 2019 {word} in the north\nText.").key == "2019"


# ---------------------------------------------------------------- the words
def _only_on(names, key: str, name: str, kind: str) -> bool:
    return all((fold(name) in getattr(s, kind)) == (k == key) for k, s in names.items())


def test_names_on_one_ballot_only(names):
    assert _only_on(names, "2019", "Jo Swinson", "people") and _only_on(names, "2019", "Workington", "seats")
    assert _only_on(names, "2019", "Brexit Party", "parties") and _only_on(names, "2024", "Reform UK", "parties")
    assert _only_on(names, "2024", "Blyth and Ashington", "seats")


def test_undated_words_point_to_2019(names):
    text = ("The Tories took Workington. Jo Swinson lost East Dunbartonshire, and the Brexit Party "
            "polled well in Leigh.")
    choice = choose("Results from the north\n\n" + text, names)
    assert choice.key == "2019" and "names on its ballots only" in choice.reason
    assert [e.kind for e in choice.evidence if e.points_to == "2019"] == ["names"]


def test_undated_words_point_to_2024(names):
    text = "Reform UK came second in Blyth and Ashington, where Ian Levy stood again."
    assert choose(text, names).key == "2024"


def test_a_few_older_names_are_not_enough(names):
    """Coverage of one election names the people of the one before: two are not enough to move it."""
    text = "Labour's new MP said Boris Johnson and Jo Swinson were part of history now."
    choice = choose(text, names)
    assert choice.key == "2024" and choice.evidence[-1].kind == "default"


def test_the_previous_election_named_as_such_moves_the_article_later(names):
    text = ("Jo Swinson, Boris Johnson and Dennis Skinner all fought Workington-style seats at the last general "
            "election in 2019; this time Labour won.")
    assert choose(text, names).key == "2024"


def test_a_year_said_as_the_earlier_election_counts(names):
    base = "The Tories took Workington and Jo Swinson lost her seat."
    assert choose(base, names).key == "2024"  # two names: not enough
    choice = choose(base + " Labour's share was down from 2017.", names)
    assert choice.key == "2019" and any(e.kind == "earlier_year" for e in choice.evidence)


@pytest.mark.parametrize("marker", TABLE["text"]["earlier_markers"])
def test_every_earlier_marker(names, marker):
    text = f"The Tories took Workington and Jo Swinson lost her seat. The share was {marker} 2017 levels."
    assert choose(text, names).key == "2019"


@pytest.mark.parametrize("words", ["in the December election", "after the December poll",
                                   "the first winter election in decades", "this Christmas election"])
def test_the_polling_month_counts(names, words):
    text = f"The Tories took Workington {words}; Jo Swinson lost her seat."
    choice = choose(text, names)
    assert choice.key == "2019" and any(e.kind == "month" for e in choice.evidence)


def test_a_month_with_a_year_is_no_polling_month_cue(names):
    text = "The Tories took Workington in December 2019; Jo Swinson lost her seat."
    assert all(e.kind != "month" for e in choose(text, names).evidence)


@pytest.mark.parametrize("season, months", TABLE["seasons"].items())
def test_every_season_names_its_months(season, months):
    from factcheck.read.election import _months_named

    assert _months_named(f"A {season} election brought a new majority.", cues()) == set(months)


@pytest.mark.parametrize("marker", TABLE["text"]["past_markers"])
def test_a_year_already_reached_rules_out_earlier_elections(names, marker):
    text = (f"Jo Swinson, Boris Johnson, Dennis Skinner and Workington were the story {marker} 2022 "
            "and the party noted it.")
    choice = choose(text, names)
    assert choice.key == "2024" and any(e.kind == "lower_bound" for e in choice.evidence)


@pytest.mark.parametrize("marker", TABLE["text"]["future_markers"])
def test_a_future_year_bounds_nothing(names, marker):
    text = (f"Jo Swinson lost East Dunbartonshire, the Tories took Workington and the Brexit Party "
            f"stood everywhere; the next general election is {marker} 2024.")
    assert choose(text, names).key == "2019"


@pytest.mark.parametrize("lead", TABLE["text"]["future_leads"])
def test_a_year_after_a_future_lead_bounds_nothing(names, lead):
    text = (f"Jo Swinson lost East Dunbartonshire, the Tories took Workington and the Brexit Party "
            f"stood everywhere; the {lead} general election, in 2024, is a long way off.")
    assert choose("Results\n" + text, names).key == "2019"


def test_only_a_later_election_than_any_held():
    choice = choose("Who will stand?\nBy A Reporter\nA\nB\nCandidates are lining up for the 2029 general election.")
    assert choice.key is None and "later than any they hold" in choice.reason


def test_nothing_points_anywhere():
    choice = choose("Labour held the seat with a majority of 1,234.")
    assert choice.key == "2024" and choice.evidence[-1].kind == "default"


def test_names_are_read_only_when_the_words_must_decide():
    def boom():
        raise AssertionError("names loaded")

    assert choose("General Election 2019: results\nText.", boom).key == "2019"
    assert choose("Text.", boom, date_="2019-12-13").key == "2019"


def test_names_do_not_run_across_punctuation(names):
    """"Greater Manchester. James Grundy": no "Manchester James"."""
    from factcheck.read.election import _names_in

    found = [n for _, n, _ in _names_in("Five new MPs in Greater Manchester. James Grundy won Leigh.",
                                         names, cues(), fold)]
    assert "james grundy" in found and not any(n.startswith("manchester") for n in found)


def test_a_one_word_seat_inside_a_longer_name_is_not_a_seat(names):
    from factcheck.read.election import _names_in

    found = [n for _, n, _ in _names_in("Gordon Marsden lost. Workington fell.", names, cues(), fold)]
    assert "gordon" not in found and "workington" in found


def test_the_cue_table_thresholds():
    c = cues()
    w, n = TABLE["windows"], TABLE["names"]
    assert (c.reports_days, c.latest_possible_days) == (w["reports_days"], w["latest_possible_days"])
    assert (c.min_names, c.margin, c.month_weight, c.earlier_weight) == (
        n["min_names"], n["margin"], n["month"], n["earlier_year"])
    assert {t.lower() for t in n["titles"]} == c.titles
