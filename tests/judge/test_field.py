"""Everyone in the seat (judge/field.py): when the sentence names the seat but not whose figure it is, the
whole field is asked, on sentences written here from the official tables."""
from __future__ import annotations

import pytest

import factcheck
from conftest import claim_for
from factcheck.judge.field import lone_seat
from factcheck.models import Figure, Reading, Subject
from factcheck.read.figures import find_quantities
from factcheck.reference.parties import display_name

SEATS = ["Leicester South", "Chichester", "Clacton", "North East Cambridgeshire"]


@pytest.fixture(autouse=True)
def _loaded(checker):
    return checker


def _others(seat, first: str) -> str:
    """The winner named, the rest of the field not: whose each figure is, the sentence does not say."""
    third, fourth = seat.candidates[2:4]
    return (f"In {seat.name}, {seat.winner.name} won, and the other candidates polled {first}, "
            f"{third.votes:,} and {fourth.votes:,} votes.")


def _quantity(text: str):
    return find_quantities(text)[0]


@pytest.mark.parametrize("name", SEATS)
def test_a_figure_no_one_in_the_seat_has_is_wrong_whoever_it_belongs_to(checker, seat_named, name):
    seat = seat_named(name)
    wrong = round(seat.candidates[1].votes * 1.13)
    q = _quantity(f"{wrong:,}")
    assert all(abs(e.value - wrong) > 0.5 for _, e in checker.judge.field.values(seat.ons_id, q))  # the premise
    report = factcheck.check_text(_others(seat, f"{wrong:,}"))
    claim = claim_for(report, f"{wrong:,}")
    assert claim.verdict == "inaccurate"
    # the correction is the seat's nearest vote, and the claim is put to its candidate
    nearest = min(seat.candidates, key=lambda c: abs(c.votes - wrong))
    assert claim.official.value == nearest.votes and claim.subject == nearest.name
    assert "no one standing in" in claim.explanation
    for c in seat.candidates[2:4]:
        assert claim_for(report, f"{c.votes:,}").verdict != "inaccurate"


@pytest.mark.parametrize("name", SEATS)
def test_a_figure_someone_unnamed_in_the_seat_has_is_not_condemned(seat_named, name):
    """"The other candidates polled ...": the figures are theirs, not the winner's, whom alone the sentence
    names; the second-placed candidate's vote is not an error."""
    seat = seat_named(name)
    second = seat.candidates[1]
    claim = claim_for(factcheck.check_text(_others(seat, f"{second.votes:,}")), f"{second.votes:,}")
    assert claim.verdict != "inaccurate"


def test_a_seat_reached_through_a_name_in_passing_is_no_field(seat_named):
    """The seat of someone named in passing ("X's government") is not the figure's seat: its field says
    nothing about whose the figure is."""
    seat = seat_named("Richmond and Northallerton")
    wrong = round(seat.candidates[1].votes * 1.13)
    text = (f"The former minister in {seat.winner.name}'s government polled {wrong:,} votes, less than half of "
            f"what she got before.")
    assert claim_for(factcheck.check_text(text), f"{wrong:,}").verdict != "inaccurate"


def test_small_counts_and_number_words_are_not_asked_of_a_field(seat_named):
    """"The two candidates", "3 recounts": too many things to ask a field about."""
    seat = seat_named("Chichester")
    subject = Subject(level="candidate", person=seat.winner.key, ons_id=seat.ons_id, party=seat.winner.party)
    reading = Reading(kind="votes", subject=subject, era="current", weight=0.5)

    def figure(text):
        return Figure(quantity=_quantity(text), sentence=text, sentence_index=0, quote=text, readings=[reading])

    assert lone_seat(figure("15,106")) == seat.ons_id
    assert lone_seat(figure("two")) is None and lone_seat(figure("7")) is None
    weak = Figure(quantity=_quantity("15,106"), sentence="", sentence_index=0, quote="",
                  readings=[reading.model_copy(update={"subject": subject.model_copy(update={"weak": True})})])
    assert lone_seat(weak) is None  # a seat reached only through context never condemns


def test_the_rest_of_the_field_is_asked_too(checker, seat_named):
    """"Others 3.4%": what the candidates after the first few polled between them is in the field."""
    seat = seat_named("Chichester")
    ranked = sorted(seat.candidates, key=lambda c: -c.votes)
    rest = 100.0 * sum(c.votes for c in ranked[3:]) / seat.valid_votes
    values = [e.value for r, e in checker.judge.field.values(seat.ons_id, _quantity("3.4%")) if r is None]
    assert any(abs(v - rest) < 1e-6 for v in values)


@pytest.mark.parametrize("name", SEATS)
def test_a_results_line_whose_breaks_were_lost_is_read_candidate_by_candidate(seat_named, name):
    """"Labour - Jo Bloggs - 17,591 Elected Conservative - ... - 15,838": the figure after a candidate's name and
    a dash is their vote, so a wrong one is wrong and the rest stand."""
    seat = seat_named(name)
    rows = seat.candidates[:4]
    wrong = round(rows[0].votes * 1.13)
    figures = [wrong] + [c.votes for c in rows[1:]]
    line = " ".join(f"{display_name(c.party)} - {c.name} - {v:,}" + (" Elected" if i == 0 else "")
                    for i, (c, v) in enumerate(zip(rows, figures)))
    report = factcheck.check_text(f"Full results for {seat.name} are as follows {line}")
    claim = claim_for(report, f"{wrong:,}")
    assert claim.verdict == "inaccurate" and claim.official.value == rows[0].votes
    for c in rows[1:]:
        assert claim_for(report, f"{c.votes:,}").verdict == "accurate"


def test_a_previous_result_the_words_name_gives_the_correction(checker, ref):
    """"had a notional majority of N": when N matches nothing, the correction is the notional majority, even
    when the actual one on the old boundaries is nearer to N."""
    from factcheck.judge.verdict import baseline_named

    seat = next(s for s in ref.seats.values() if len(ref.predecessors(s.ons_id)) == 1
                and ref.previous_result(s.ons_id) and ref.predecessors(s.ons_id)[0].majority
                and ref.predecessors(s.ons_id)[0].majority - ref.previous_result(s.ons_id).majority > 2000)
    actual = ref.predecessors(seat.ons_id)[0].majority
    notional = ref.previous_result(seat.ons_id).majority
    wrong = actual - 37  # nearer the actual majority than the notional one
    text = f"Before the election, {seat.name} had a notional majority of {wrong:,}."
    claim = claim_for(factcheck.check_text(text), f"{wrong:,}")
    assert claim.verdict == "inaccurate" and claim.official.value == notional, claim.explanation
    assert claim.kind == "previous_majority"  # "notional" before the figure speaks for the previous election

    def named(words: str):
        sentence = f"{words} {wrong:,}"
        q = _quantity(sentence)
        return baseline_named(Figure(quantity=q, sentence=sentence, sentence_index=0, quote=q.text))

    from factcheck.judge.verdict import named_baselines

    assert {key for key, _ in named_baselines()} == {"previous", "previous_actual"}
    assert named("a notional majority of") == "previous"
    assert named("on the old boundaries, a majority of") == "previous_actual"
    assert named("a majority of") is None and named("notional, not actual, majority of") is None
