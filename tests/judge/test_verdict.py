"""The judge: a figure's readings against the tables -> accurate, inaccurate or unverifiable, with a
confidence read from the calibration table.

Figures are built here by hand with the readings the words would give them, so each rule of the verdict
is exercised on its own; the mechanism end to end is in test_mechanisms.py.
"""
from __future__ import annotations

import pytest

from factcheck.judge.confidence import (
    TABLE, Calibration, Step, accurate_score, inaccurate_score, kind_share, unverifiable_score)
from factcheck.judge.evidence import Evidence
from factcheck.judge.verdict import (
    Judge, Pins, direction, direction_words, fits, plausible_magnitude, public_kind, subject_id, thresholds)
from factcheck.models import Figure, Reading, Subject
from factcheck.read.figures import find_quantities
from factcheck.readings.cues import VOCAB, read_table


@pytest.fixture(scope="module")
def seat(seat_named):
    return seat_named("Chichester")


@pytest.fixture(scope="module")
def judge(ref):
    return Judge(ref, ref.places)


def q(sentence: str, text: str | None = None):
    found = [x for x in find_quantities(sentence) if text is None or x.text == text]
    assert found, sentence
    return found[0]


def reading(kind, subject, weight, era="current", roles=(), subject_share=0.9):
    return Reading(kind=kind, subject=subject, era=era, roles=list(roles), weight=weight,
                   shares={"kind": 1.0, "era": 1.0, "scope": 1.0, "subject": subject_share})


def figure(sentence, text, readings, kinds=None, eras=None, not_claim=0.0):
    quantity = q(sentence, text)
    kinds = kinds or {readings[0].kind: 1.0}
    return Figure(quantity=quantity, sentence=sentence, sentence_index=0, quote=quantity.text, readings=readings,
                  kinds=kinds, eras=eras or {"current": 1.0}, scopes={"seat": 1.0}, not_claim=not_claim)


def candidate(seat, c, weak=False, ambiguous=()):
    return Subject(level="candidate", person=c.key, ons_id=seat.ons_id, party=c.party, weak=weak,
                   ambiguous=list(ambiguous), label=c.name)


# ---------------------------------------------------------------- the dials
def test_the_dials_are_data():
    rows = {r["name"].strip() for r in read_table(VOCAB / "verdict.tsv")}
    t = thresholds()
    assert set(t) == rows
    assert {"not_claim", "forecast", "other", "pin_mass", "pin_kind", "plausible_share"} <= rows
    assert all(0.0 < v <= 1.0 for v in t.values())


# ---------------------------------------------------------------- reading the wording
@pytest.mark.parametrize("sentence, text, sign", [
    ("Labour's share fell 5 points.", "5 points", -1),
    ("Her vote was down 2,000.", "2,000", -1),
    ("The Greens rose by 6.2 points.", "6.2 points", 1),
    ("Reform were up 14 points.", "14 points", 1),
    ("The swing was 10 points.", "10 points", 0),
    ("A change of -3.1 points.", "-3.1 points", -1),
    ("Turnout DROPPED to 59.7 per cent.", "59.7 per cent", -1),
    ("At sundown the count stood at 412.", "412", 0),  # a word inside another is not that word
    ("The vote fell, then rose again by 3 points.", "3 points", 1),  # the nearest word decides
    ("Up on 2019, then down 4 points.", "4 points", -1),
    ("Labour's vote share, down on 2019 at + 3.1 points", "3.1 points", 1),  # a sign right before is nearest
])
def test_direction_of_a_change(sentence, text, sign):
    assert direction(sentence, q(sentence, text)) == sign


def test_the_direction_words_are_data():
    """Each row of vocab/directions.tsv is a word the check reads as a fall or a rise, in any case."""
    words = direction_words()
    rows = list(read_table(VOCAB / "directions.tsv"))
    assert len(words) == len(rows) and {"fell", "down", "rose", "up"} <= set(words)
    for r in rows:
        word, way = r["word"].strip(), r["direction"].strip()
        sentence = f"The party's vote {word.upper()} 3 points."
        assert direction(sentence, q(sentence, "3 points")) == (-1 if way == "fall" else 1), word


def test_a_figure_fits_the_official_value_its_wording_allows():
    exact = q("She won 12,345 votes.")
    assert fits(exact, Evidence(12345, "d", "", "l"), 0)
    assert not fits(exact, Evidence(12346, "d", "", "l"), 0)
    rounded = q("She won 31.6% of the vote.")
    assert fits(rounded, Evidence(31.62, "d", "", "l"), 0) and not fits(rounded, Evidence(31.7, "d", "", "l"), 0)


def test_a_hedged_round_figure_speaks_loosely():
    more = q("Labour won more than 40 per cent.")
    assert fits(more, Evidence(43.6, "d", "", "l"), 0)  # a tenth beyond, on the hedge's side
    assert not fits(more, Evidence(39.0, "d", "", "l"), 0)
    assert not fits(q("Labour won more than 41.3 per cent."), Evidence(43.6, "d", "", "l"), 0)  # not a round figure


def test_a_change_matches_in_the_direction_the_words_give():
    fall = q("Her share fell 5.0 points.", "5.0 points")
    assert fits(fall, Evidence(-5.0, "d", "", "l", signed=True), -1)
    assert not fits(fall, Evidence(5.0, "d", "", "l", signed=True), -1)
    bare = q("A swing of 5.0 points.", "5.0 points")
    assert fits(bare, Evidence(-5.0, "d", "", "l", signed=True), 0)  # no direction given: the size


def test_an_order_of_magnitude_off_is_not_what_the_text_meant():
    assert plausible_magnitude(q("She won 17,838 votes."), Evidence(15000, "d", "", "l"))
    assert not plausible_magnitude(q("She won 17,838 votes."), Evidence(9_700_000, "d", "", "l"))
    assert not plausible_magnitude(q("They took 40% of the vote."), Evidence(4.0, "d", "", "l"))


def test_public_kinds(seat):
    person = candidate(seat, seat.winner)
    assert public_kind(reading("votes", person, 1)) == "votes"
    assert public_kind(reading("votes", person, 1, era="previous")) == "previous_votes"
    assert public_kind(reading("share", Subject(level="uk", party="Lab"), 1)) == "national_share"
    assert public_kind(reading("ballots", Subject(level="seat", ons_id=seat.ons_id), 1)) == "turnout"
    assert public_kind(reading("seat_gain", Subject(level="nation", nation="Wales", party="Lab"), 1)) == "seats"


def test_a_seats_own_figure_belongs_to_the_seat(seat):
    """The majority reached through the seat, its winner or the winner's party is one subject."""
    by_seat = reading("majority", Subject(level="seat", ons_id=seat.ons_id), 1)
    by_winner = reading("majority", candidate(seat, seat.winner), 1)
    assert subject_id(by_seat) == subject_id(by_winner) == ("seat", seat.ons_id)
    assert subject_id(reading("votes", candidate(seat, seat.winner), 1)) == ("person", seat.winner.key)


# ---------------------------------------------------------------- verdicts
def test_a_fitting_plausible_reading_is_accurate_and_named(judge, seat):
    w = seat.winner
    fig = figure(f"{w.name} polled {w.votes:,} votes.", f"{w.votes:,}", [reading("votes", candidate(seat, w), 0.7)])
    j = judge.judge(fig, "c1")
    assert j.claim.verdict == "accurate" and j.claim.official.value == w.votes
    assert j.claim.explanation.startswith("Matches the") and w.name in j.claim.explanation
    assert j.fit is not None and j.fit.reading is fig.readings[0]


def test_a_pinned_reading_that_does_not_fit_is_inaccurate_with_its_correction(judge, seat):
    w = seat.winner
    wrong = w.votes + 1000
    fig = figure(f"{w.name} polled {wrong:,} votes.", f"{wrong:,}", [reading("votes", candidate(seat, w), 0.7)])
    claim = judge.judge(fig, "c1").claim
    assert claim.verdict == "inaccurate"
    assert claim.official.value == w.votes and f"{w.votes:,}" in claim.correction
    assert claim.correction.endswith(f"not {wrong:,}")


def test_a_subject_reached_only_through_context_never_condemns(judge, seat):
    w = seat.winner
    wrong = w.votes + 1000
    fig = figure(f"She polled {wrong:,} votes.", f"{wrong:,}", [reading("votes", candidate(seat, w, weak=True), 0.7)])
    claim = judge.judge(fig, "c1").claim
    assert claim.verdict == "unverifiable" and claim.correction is None
    assert "context" in claim.explanation


def faint_fit(seat, votes_weight):
    """A figure that is the seat's electorate, in words that say votes (or perhaps a majority)."""
    w = seat.winner
    strong = reading("votes", candidate(seat, w), votes_weight)
    middle = reading("majority", Subject(level="seat", ons_id=seat.ons_id), votes_weight / 2)
    faint = reading("electorate", Subject(level="seat", ons_id=seat.ons_id), 0.01)
    return figure(f"{w.name} polled {seat.electorate:,}.", f"{seat.electorate:,}", [strong, middle, faint],
                  kinds={"votes": 0.55, "majority": 0.35, "electorate": 0.1})


def test_a_figure_fitting_only_a_faint_reading_is_not_accurate(judge, seat):
    """The electorate fits, but the words all but rule it out; and they do not settle the kind enough to
    call the figure wrong."""
    claim = judge.judge(faint_fit(seat, 0.3), "c1").claim
    assert claim.verdict == "unverifiable"
    assert "electorate" in claim.explanation and "does not suggest" in claim.explanation


def test_a_faint_fit_beside_a_pinned_reading_is_named_in_the_correction(judge, seat):
    claim = judge.judge(faint_fit(seat, 0.6), "c1").claim
    assert claim.verdict == "inaccurate" and claim.official.value == seat.winner.votes
    assert "electorate" in claim.explanation and "not what the text says" in claim.explanation


@pytest.mark.parametrize("field, value", [("not_claim", 0.9), ("forecast", 0.9)])
def test_not_a_result_is_no_claim(judge, seat, field, value):
    w = seat.winner
    fig = figure(f"{w.name} polled {w.votes + 5:,} votes.", f"{w.votes + 5:,}",
                 [reading("votes", candidate(seat, w), 0.7)],
                 eras={"forecast": value, "current": 1 - value} if field == "forecast" else None,
                 not_claim=value if field == "not_claim" else 0.0)
    assert judge.judge(fig, "c1").claim is None


def test_another_election_is_unverifiable(judge, seat):
    w = seat.winner
    fig = figure(f"{w.name} polled 20,000 votes in 2017.", "20,000",
                 [reading("votes", candidate(seat, w), 0.6, era="other")], eras={"other": 0.8, "current": 0.2})
    claim = judge.judge(fig, "c1").claim
    assert claim.verdict == "unverifiable" and "do not hold" in claim.explanation


def test_a_name_that_fits_two_candidates_cannot_confirm(judge, seat, ref):
    w = seat.winner
    other = next(c for c in ref.seats[next(o for o in ref.seats if o != seat.ons_id)].candidates)
    fig = figure(f"Smith polled {w.votes:,} votes.", f"{w.votes:,}",
                 [reading("votes", candidate(seat, w, ambiguous=[other.key]), 0.7)])
    claim = judge.judge(fig, "c1").claim
    assert claim.verdict == "unverifiable" and "more than one candidate" in claim.explanation


def test_the_article_baseline_names_the_match_and_the_correction(judge, ref, seat):
    before = ref.previous_result(seat.ons_id)
    old = ref.predecessors(seat.ons_id)[0]
    assert before.majority != old.majority
    subject = Subject(level="seat", ons_id=seat.ons_id, label=seat.name)
    wrong = 25_000
    fig = figure(f"The majority had been {wrong:,} in 2019.", f"{wrong:,}",
                 [reading("majority", subject, 0.7, era="previous")], eras={"previous": 1.0})
    plain = judge.judge(fig, "c1").claim
    assert plain.official.value == before.majority  # the notional result comes first
    actual = judge.judge(fig, "c1", {"baseline": "previous_actual"}).claim
    assert actual.verdict == "inaccurate" and actual.official.value == old.majority
    assert f"{old.majority:,}" in actual.correction


def test_a_match_on_one_baseline_only_is_what_tells_the_article_baseline(judge, ref, seat):
    old = ref.predecessors(seat.ons_id)[0]
    subject = Subject(level="seat", ons_id=seat.ons_id, label=seat.name)
    fig = figure(f"The majority had been {old.majority:,} in 2019.", f"{old.majority:,}",
                 [reading("majority", subject, 0.7, era="previous")], eras={"previous": 1.0})
    j = judge.judge(fig, "c1")
    assert j.claim.verdict == "accurate" and judge.baseline_matched(j) == "previous_actual"
    now = figure(f"The majority is {seat.majority:,}.", f"{seat.majority:,}", [reading("majority", subject, 0.7)])
    assert judge.baseline_matched(judge.judge(now, "c1")) is None  # no baseline in a 2024 figure


def test_pins_say_what_the_words_settle(judge, seat):
    w = seat.winner
    fig = figure(f"{w.name} polled {w.votes:,} votes.", f"{w.votes:,}", [reading("votes", candidate(seat, w), 0.7)])
    pins = judge.pins(fig)
    assert isinstance(pins, Pins) and (pins.kind, pins.era, pins.scope) == ("votes", "current", "seat")
    assert pins.admits(fig.readings[0])
    assert not pins.admits(reading("majority", candidate(seat, w), 0.1))


# ---------------------------------------------------------------- confidence
def test_raw_scores():
    assert accurate_score(0.8, 0.6) == pytest.approx(0.75)
    assert accurate_score(0.0, 0.0) == 0.0
    assert inaccurate_score(1.0, 0.2, 0.6, 0.5) == pytest.approx(0.6 / 0.8 * 0.5)
    assert unverifiable_score({"other": 0.7, "forecast": 0.1, "current": 0.2}) == pytest.approx(0.8)
    assert kind_share({"votes": 0.6, "majority": 0.2, "none": 0.2}) == pytest.approx(0.75)


def test_the_calibration_is_a_monotone_step_function():
    cal = Calibration.from_steps({"inaccurate": [Step(0.0, 0.6), Step(0.9, 0.95)]})
    assert cal.confidence("inaccurate", 0.3) == 0.6
    assert cal.confidence("inaccurate", 0.9) == 0.95 and cal.confidence("inaccurate", 1.0) == 0.95
    assert cal.confidence("accurate", 0.42) == 0.42  # a verdict the table does not cover keeps its raw score
    with pytest.raises(ValueError, match="monotone"):
        Calibration.from_steps({"accurate": [Step(0.0, 0.9), Step(0.5, 0.8)]})
    with pytest.raises(ValueError, match="unknown verdict"):
        Calibration.from_steps({"maybe": [Step(0.0, 0.5)]})


def test_the_shipped_calibration_table():
    cal = Calibration.load()
    assert set(cal.steps) == {"accurate", "inaccurate", "unverifiable"}
    for verdict, steps in cal.steps.items():
        assert steps[0].low == 0.0
        assert all(s.count >= 1 and 0 <= s.correct <= s.count for s in steps), verdict
        # each step's confidence is its claims' share right, smoothed by one right and one wrong pseudo-claim
        assert all(s.confidence == pytest.approx((s.correct + 1) / (s.count + 2), abs=1e-3) for s in steps)
    assert TABLE.name == "calibration.tsv"


def test_a_broken_calibration_table_names_its_line(tmp_path):
    bad = tmp_path / "calibration.tsv"
    bad.write_text("verdict\traw_from\tconfidence\tcount\tcorrect\naccurate\t0.0\tvery\t3\t3\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"calibration\.tsv line 2"):
        Calibration.load(bad)
    assert Calibration.load(tmp_path / "missing.tsv").steps == {}


def test_the_judge_reads_its_confidence_from_the_table(ref, seat):
    table = Calibration.from_steps({"accurate": [Step(0.0, 0.31), Step(0.5, 0.77)],
                                    "inaccurate": [Step(0.0, 0.42)]})
    judge = Judge(ref, ref.places, calibration=table)
    w = seat.winner
    sure = figure(f"{w.name} polled {w.votes:,} votes.", f"{w.votes:,}", [reading("votes", candidate(seat, w), 0.7)])
    assert judge.judge(sure, "c1").claim.confidence == 0.77  # all the weight fits: raw score 1
    wrong = figure(f"{w.name} polled {w.votes + 7:,} votes.", f"{w.votes + 7:,}",
                   [reading("votes", candidate(seat, w), 0.7)])
    assert judge.judge(wrong, "c1").claim.confidence == 0.42
    raw = Judge(ref, ref.places, calibration=Calibration.identity())
    raw.raw_scores = []
    claim = raw.judge(sure, "c1").claim
    assert claim.confidence == 1.0 and raw.raw_scores == [(claim, 1.0)]


def test_the_areas_asked_leave_out_those_ruled_out_by_their_size():
    """"In the North East and North Yorkshire as a whole, Reform won 271,485 votes", in a local article: the
    places' own count was asked and failed; the country's, four million, is ruled out by its size, so it neither
    fits nor keeps the places' failure from counting as the figure's (`Judge._areas_failed`)."""
    from factcheck.judge.evidence import Answer
    from factcheck.judge.verdict import Judge, Weighed

    def reading(level, label, weak, cues=()):
        return Reading(kind="votes", era="current", weight=0.3, cues=list(cues),
                       subject=Subject(level=level, label=label, party="RUK", weak=weak,
                                       place=label if level == "place" else None))

    places = Weighed(reading("place", "North East and North Yorkshire", False), Answer(values=[]), sane=True)
    uk = Weighed(reading("uk", "the UK", True, ["local_words"]), Answer(values=[]), sane=False)
    england = Weighed(reading("nation", "England", True, ["local_words"]), Answer(values=[]), sane=True)
    assert Judge._areas_failed(places.reading, [places, uk, england]) == [places, england]
    # an area that fits is still a reason not to condemn
    fits = Weighed(england.reading, Answer(values=[]), fit=Evidence(value=1.0, dataset="2024", detail="", label="x"))
    assert Judge._areas_failed(places.reading, [places, uk, fits]) == []



def test_a_wrong_figure_is_corrected_with_the_definition_it_comes_nearest(ref):
    """"The total number of votes polled was N": the tables give Northern Ireland's valid votes and its ballots
    with the rejected ones; a wrong N just above the ballots is corrected with the ballots, the figure its words
    meant, and one just under the valid votes with the valid votes."""
    import factcheck
    from factcheck.reference.aggregate import seats_in

    ni = seats_in(ref, nation="Northern Ireland")
    valid = sum(ref.seats[o].valid_votes for o in ni)
    ballots = valid + sum(ref.seats[o].invalid_votes or 0 for o in ni)
    assert ballots - valid > 1000
    for wrong, official in ((ballots + 107, ballots), (valid - 107, valid)):
        text = f"In Northern Ireland, the total number of votes polled was {wrong:,}."
        claim = next(c for c in factcheck.check_text(text).claims if c.quote.startswith(f"{wrong:,}"))
        assert claim.verdict == "inaccurate" and claim.official.value == official, claim.explanation
