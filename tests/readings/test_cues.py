"""The cue vocabulary: every table loads, every row compiles with each election's words, and a cue adds its
weight to the prior of one value, only in its own window and for its own units.

Small tables written here exercise the mechanism; the real vocabulary is checked row by row.
"""
from __future__ import annotations

import math
import re

import pytest

from factcheck.readings.cues import (
    DIMENSIONS, PLACEHOLDER, UNITS, VOCAB, WINDOWS, CueTable, election_words, read_table, table_for)
from factcheck.reference import ADAPTERS

HEADER = "dimension\tvalue\twindow\tunits\tweight\tpattern\n"
PRIORS = "dimension\tunits\tvalue\tweight\nkind\tcount\tvotes\t1.0\nkind\tcount\tmajority\t-0.5\n" \
         "kind\tpercent\tshare\t0.8\nera\tany\tcurrent\t2.0\nera\tany\tprevious\t-0.5\n"


def table(tmp_path, rows: str, priors: str = PRIORS, election=None) -> CueTable:
    cues = tmp_path / "cues-test.tsv"
    cues.write_text(HEADER + rows, encoding="utf-8")
    pri = tmp_path / "priors.tsv"
    pri.write_text(priors, encoding="utf-8")
    return CueTable.load([cues], pri, election=election)


def words(key: str) -> dict[str, str]:
    cls = ADAPTERS[key]
    return election_words(cls.key, cls.previous_key, cls.polling_day, cls.previous_polling_day)


# ---------------------------------------------------------------- the real vocabulary
def test_every_cue_file_is_a_theme_of_the_one_table():
    files = sorted(VOCAB.glob("cues*.tsv"))
    assert {f.name for f in files} >= {"cues.tsv", "cues-nonclaims.tsv"}
    full = table_for(ADAPTERS["2024"])
    rows = sum(len(read_table(f)) for f in files)
    assert len(full.cues) == rows


@pytest.mark.parametrize("key", list(ADAPTERS))
def test_every_row_compiles_with_each_elections_words(key):
    filled = words(key)
    for path in sorted(VOCAB.glob("cues*.tsv")):
        for i, row in enumerate(read_table(path), 2):
            where = f"{path.name} line {i}"
            assert row["dimension"].strip() in DIMENSIONS, where
            assert row["window"].strip() in WINDOWS, where
            float(row["weight"])
            for unit in row["units"].split("|"):
                assert unit.strip() in (*UNITS, "pct", "any", ""), where
            if row["window"].strip() == "feature":
                assert re.fullmatch(r"[a-z_]+", row["pattern"].strip()), where
                continue
            pattern = PLACEHOLDER.sub(lambda m: filled[m.group(1)], row["pattern"].strip())
            re.compile(pattern, re.I)


def test_priors_cover_every_unit_and_start_each_kind():
    rows = read_table(VOCAB / "priors.tsv")
    t = table_for(ADAPTERS["2024"])
    for unit in UNITS:
        empty = t.score({}, unit)
        assert empty.fired == []
        # with nothing said, the priors alone: a distribution over several kinds and eras, summing to one
        for dim in ("kind", "era"):
            dist = empty.distribution(dim)
            assert len(dist) >= 2, (unit, dim)
            assert math.isclose(sum(dist.values()), 1.0)
    assert {r["dimension"] for r in rows} >= {"kind", "era", "scope"}
    # a count is most often votes, a percentage a share, a figure in points a change
    assert max(t.score({}, "count").distribution("kind").items(), key=lambda kv: kv[1])[0] == "votes"
    assert max(t.score({}, "percent").distribution("kind").items(), key=lambda kv: kv[1])[0] == "share"
    assert max(t.score({}, "points").distribution("kind").items(), key=lambda kv: kv[1])[0] == "change"


# ---------------------------------------------------------------- placeholders
def test_placeholders_take_the_years_from_the_adapter():
    latest, earlier = words("2024"), words("2019")
    assert (latest["CUR"], latest["PREV"]) == ("2024", ADAPTERS["2024"].previous_key)
    assert (earlier["CUR"], earlier["PREV"]) == ("2019", ADAPTERS["2019"].previous_key)
    assert latest["WEEKDAY"] == ADAPTERS["2024"].polling_day.strftime("%A").lower()
    assert latest["PREV_MONTH"] == ADAPTERS["2024"].previous_polling_day.strftime("%B").lower()
    # four and a half years between 2019 and 2024; two and a half between 2017 and 2019
    assert re.fullmatch(latest["AGO"], "four and a half") and re.fullmatch(latest["AGO"], "five")
    assert re.fullmatch(latest["AGO"], "four-and-a-half")  # written as one word, too
    assert re.fullmatch(earlier["AGO"], "two and a half") and not re.fullmatch(earlier["AGO"], "five")
    # another year is any year but these two
    assert re.fullmatch(latest["OTHER_YEAR"], "2017") and not re.fullmatch(latest["OTHER_YEAR"], "2019")


@pytest.mark.parametrize("ago", ["four and a half years ago", "four-and-a-half-years-ago", "five years earlier"])
def test_years_ago_is_the_previous_election(ago):
    t = table_for(ADAPTERS["2024"])
    plain = "compared to 67.4 per cent"
    text = f"{plain} {ago}"
    dist = t.score({"clause": text, "sentence": text}, "percent").distribution("era")
    before = t.score({"clause": plain, "sentence": plain}, "percent").distribution("era")
    assert dist["previous"] > before["previous"] + 0.3, (dist, before)


def test_the_same_words_mean_another_election_for_another_article():
    """"in 2019" is the previous election for a 2024 article and this one for a 2019 article."""
    windows = {"clause": "Her majority in 2019 was 5,000", "sentence": "Her majority in 2019 was 5,000"}
    for key, era in (("2024", "previous"), ("2019", "current")):
        t = table_for(ADAPTERS[key])
        dist = t.score(windows, "count").distribution("era")
        assert max(dist, key=dist.get) == era, (key, dist)


def test_a_placeholder_without_an_election_is_a_clear_error(tmp_path):
    rows = "era\tprevious\tclause\tany\t2.0\t\\bin\\s+{PREV}\\b\n"
    with pytest.raises(ValueError, match=r"cues-test\.tsv line 2: placeholder \{PREV\} needs an election"):
        table(tmp_path, rows)
    t = table(tmp_path, rows, election={"PREV": "2019"})
    assert t.score({"clause": "as in 2019"}, "count").totals["era"]["previous"] == pytest.approx(-0.5 + 2.0)


@pytest.mark.parametrize("row, message", [
    ("kind\tvotes\tnowhere\tcount\t1.0\tvotes\n", "unknown window 'nowhere'"),
    ("colour\tred\tafter\tcount\t1.0\tvotes\n", "unknown dimension 'colour'"),
    ("kind\tvotes\tafter\tmiles\t1.0\tvotes\n", "unknown unit"),
    ("kind\tvotes\tafter\tcount\theavy\tvotes\n", "could not convert"),
    ("kind\tvotes\tafter\tcount\t1.0\t(votes\n", "missing"),
])
def test_a_broken_row_names_its_file_and_line(tmp_path, row, message):
    with pytest.raises(ValueError, match=rf"cues-test\.tsv line 3: .*{message}"):
        table(tmp_path, "kind\tvotes\tafter\tcount\t1.0\t^\\s*votes\n" + row)


# ---------------------------------------------------------------- how cues add up
def test_cue_weights_add_to_the_prior_of_their_value(tmp_path):
    t = table(tmp_path, "kind\tmajority\tbefore\tcount\t2.5\t\\bmajority\\s+of\\s*$\n"
                        "kind\tmajority\tafter\tcount\t1.5\t^\\s*votes?\\s+ahead\n")
    sc = t.score({"before": "a majority of ", "after": " votes ahead"}, "count")
    assert sc.totals["kind"]["majority"] == pytest.approx(-0.5 + 2.5 + 1.5)
    assert sc.totals["kind"]["votes"] == pytest.approx(1.0)  # untouched: its prior
    assert sc.evidence("kind") == pytest.approx({"votes": 0.0, "majority": 4.0})
    # the distribution is the softmax of the totals
    dist = sc.distribution("kind")
    z = math.exp(3.5) + math.exp(1.0)
    assert dist["majority"] == pytest.approx(math.exp(3.5) / z)
    assert list(dist) == ["majority", "votes"]  # likeliest first
    assert len(sc.fired) == 2


def test_a_cue_fires_only_in_its_window_and_for_its_units(tmp_path):
    t = table(tmp_path, "kind\tmajority\tafter\tcount\t3.0\t^\\s*votes?\\s+ahead\n")
    fired = lambda windows, unit="count": bool(t.score(windows, unit).fired)
    assert fired({"after": " votes ahead of Labour"})
    assert not fired({"before": " votes ahead of Labour"})  # the right words, the wrong window
    assert not fired({"clause": "won by 979 votes ahead of Labour"})
    assert not fired({"after": " votes ahead of Labour"}, "percent")  # the right words, the wrong unit
    assert not fired({"after": " per cent of the vote"})


def test_scores_for_one_unit_do_not_leak_into_another(tmp_path):
    rows = ("kind\tmajority\tafter\tcount\t3.0\t^\\s*votes?\\s+ahead\n"
            "kind\tshare\tafter\tpct\t2.0\t^\\s*votes?\\s+ahead\n")
    windows = {"after": " votes ahead of Labour"}
    t = table(tmp_path, rows)
    asked = [(unit, t.score(windows, unit)) for unit in ("count", "percent", "count", "points", "percent")]
    for unit, sc in asked:
        fresh = table(tmp_path, rows).score(windows, unit)  # a table that never scored another unit
        assert (sc.totals, sc.fired, sc.priors) == (fresh.totals, fresh.fired, fresh.priors), unit
    assert asked[0][1].totals["kind"] == pytest.approx({"votes": 1.0, "majority": 2.5})
    assert asked[1][1].totals["kind"] == pytest.approx({"share": 2.8})


def test_pct_means_every_percentage_unit(tmp_path):
    t = table(tmp_path, "kind\tshare\tafter\tpct\t2.0\t^\\s*of\\s+the\\s+vote\n")
    for unit in ("percent", "points", "fraction"):
        assert t.score({"after": " of the vote"}, unit).fired, unit
    assert not t.score({"after": " of the vote"}, "count").fired


def test_a_structural_feature_is_a_cue_by_name(tmp_path):
    t = table(tmp_path, "era\tprevious\tfeature\tany\t4.5\tpair_from\n")
    assert t.score({}, "count", features={"pair_from"}).totals["era"]["previous"] == pytest.approx(4.0)
    assert t.score({}, "count", features={"pair_to"}).totals["era"]["previous"] == pytest.approx(-0.5)


def test_roles_are_present_only_with_positive_evidence(tmp_path):
    t = table(tmp_path, "role\tcombined\tafter\tcount\t3.0\t^\\s*votes?\\s+between\\s+them\n"
                        "role\tgap\tafter\tcount\t-1.0\t^\\s*votes?\\s+between\\s+them\n")
    sc = t.score({"after": " votes between them"}, "count")
    assert sc.present("role") == {"combined"}


# ---------------------------------------------------------------- the real cues on written phrases
@pytest.mark.parametrize("windows, unit, dimension, value", [
    ({"before": "won the seat by a majority of ", "after": "", "left": "She won the seat by a majority of "},
     "count", "kind", "majority"),
    ({"before": "polled ", "after": " votes", "left": "The Green candidate polled "}, "count", "kind", "votes"),
    ({"before": "", "after": " of the vote", "clause": "took 41.2% of the vote"}, "percent", "kind", "share"),
    ({"before": "turnout was ", "clause": "turnout was 58.3%", "left": "In the seat turnout was "}, "percent", "kind",
     "turnout"),
    ({"before": "", "after": " points", "clause": "up 6.1 points"}, "points", "kind", "change"),
    ({"left": "At the 2017 general election she held the seat by ",
      "clause": "At the 2017 general election she held the seat by ",
      "sentence": "At the 2017 general election she held the seat by 4,000."}, "count", "era", "other"),
    ({"clause": "in last year's by-election", "sentence": "in last year's by-election"}, "count", "era", "other"),
])
def test_the_vocabulary_reads_plain_phrasings(windows, unit, dimension, value):
    dist = table_for(ADAPTERS["2024"]).score(windows, unit).distribution(dimension)
    assert max(dist, key=dist.get) == value, dist


@pytest.mark.parametrize("after, kind, speaks", [
    (" people had their say", "ballots", True), (" voters went to the polls", "ballots", True),
    (" people took part", "ballots", True), (" people turning out to vote", "ballots", True),
    (" people turning out to vote", "votes", False), (" people of the town", "votes", False),
    (" people backed her", "votes", True)])
def test_people_after_a_count(after, kind, speaks):
    """"N people had their say" is a count of ballots; "the N people of the town" is nobody's vote."""
    t = table_for(ADAPTERS["2024"])
    sc = t.score({"after": after, "clause": f"52,000{after}", "sentence": f"52,000{after}"}, "count")
    assert (sc.evidence("kind").get(kind, 0.0) > 0) is speaks, sc.fired
