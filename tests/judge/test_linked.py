"""A results-block cell: the one reading its block gives it, judged like any other figure."""
from __future__ import annotations

import pytest

from factcheck.judge.linked import LinkedJudge, figure_from_linked
from factcheck.judge.verdict import Judge
from factcheck.models import ClaimCandidate, LinkedClaim, Scope
from factcheck.read.figures import find_quantities


@pytest.fixture(scope="module")
def seat(seat_named):
    return seat_named("Chichester")


@pytest.fixture(scope="module")
def cells(ref):
    return LinkedJudge(Judge(ref, ref.places))


def cell(line: str, text: str, kind: str, role: str = "era:current", scope=None, **link) -> LinkedClaim:
    q = next(x for x in find_quantities(line) if x.text == text)
    cc = ClaimCandidate(kind=kind, quantity=q, sentence=line, sentence_index=0, quote=q.text, role=role, scope=scope)
    return LinkedClaim(candidate=cc, **link)


def test_a_candidate_row_is_one_certain_reading(ref, seat):
    c = seat.candidates[1]
    lc = cell(f"{c.name} | {c.party} | {c.votes:,}", f"{c.votes:,}", "votes", person=c.key, ons_id=seat.ons_id)
    fig = figure_from_linked(lc, ref)
    assert len(fig.readings) == 1
    r = fig.readings[0]
    assert (r.kind, r.era, r.weight, r.subject.level, r.subject.person) == ("votes", "current", 1.0, "candidate", c.key)
    assert fig.kinds == {"votes": 1.0} and fig.cues == ["results block"]


@pytest.mark.parametrize("kind, role, expected", [
    ("previous_votes", "era:current", ("votes", "previous")),
    ("votes", "era:previous", ("votes", "previous")),
    ("share_change", "era:current", ("change", "current")),
    ("seats", "seat_change:net", ("seat_net", "current")),
    ("seats", "seats_gained:1", ("seat_gain", "current")),
    ("votes", "era:forecast", ("votes", "forecast")),
])
def test_the_blocks_kind_and_role_become_the_readings(ref, seat, kind, role, expected):
    lc = cell("Con 12 (+3)", "12", kind, role=role, ons_id=seat.ons_id, party="Con")
    r = figure_from_linked(lc, ref).readings[0]
    assert (r.kind, r.era) == expected


def test_a_count_in_a_turnout_column_is_ballots(ref, seat):
    lc = cell(f"Turnout: {seat.valid_votes:,}", f"{seat.valid_votes:,}", "turnout", ons_id=seat.ons_id)
    assert figure_from_linked(lc, ref).readings[0].kind == "ballots"


def test_a_rank_and_a_combined_role_are_kept(ref, seat):
    lc = cell("3rd 7,859", "7,859", "votes", role="era:current;rank:3;combined:", ons_id=seat.ons_id, party="RUK")
    assert {"rank3", "combined"} <= set(figure_from_linked(lc, ref).readings[0].roles)


def test_a_party_row_in_a_seat_is_the_partys_candidate(ref, seat):
    row = seat.runner_up
    lc = cell(f"{row.party} {row.votes:,}", f"{row.votes:,}", "votes", ons_id=seat.ons_id, party=row.party)
    subject = figure_from_linked(lc, ref).readings[0].subject
    assert (subject.level, subject.party, subject.person) == ("party", row.party, row.key)


def test_a_national_tally_is_the_uk(ref):
    lc = cell("Labour 411", "411", "seats", scope=Scope(level="national", party="Lab"), party="Lab")
    subject = figure_from_linked(lc, ref).readings[0].subject
    assert (subject.level, subject.party) == ("uk", "Lab")


def test_a_row_with_no_subject_has_no_reading(ref):
    lc = cell("Somebody 1,234", "1,234", "votes")
    assert figure_from_linked(lc, ref).readings == []


# ---------------------------------------------------------------- judged
def test_a_right_cell_is_accurate(cells, seat):
    c = seat.winner
    claim = cells.verify(cell(f"{c.name} {c.votes:,}", f"{c.votes:,}", "votes", person=c.key, ons_id=seat.ons_id), "c1")
    assert claim.verdict == "accurate" and claim.official.value == c.votes
    assert claim.constituency.ons_id == seat.ons_id and claim.id == "c1"


def test_a_wrong_cell_is_inaccurate_with_its_correction(cells, seat):
    c = seat.winner
    wrong = c.votes + 500
    claim = cells.verify(cell(f"{c.name} {wrong:,}", f"{wrong:,}", "votes", person=c.key, ons_id=seat.ons_id), "c1")
    assert claim.verdict == "inaccurate" and claim.official.value == c.votes
    assert claim.correction.startswith(f"{c.votes:,}")


def test_a_weak_tie_can_confirm_but_never_condemn(cells, seat):
    c = seat.winner
    right = cell(f"{c.name} {c.votes:,}", f"{c.votes:,}", "votes", person=c.key, ons_id=seat.ons_id, weak_link=True)
    assert cells.verify(right, "c1").verdict == "accurate"
    wrong = cell(f"{c.name} {c.votes + 500:,}", f"{c.votes + 500:,}", "votes", person=c.key, ons_id=seat.ons_id,
                 weak_link=True)
    assert cells.verify(wrong, "c1").verdict == "unverifiable"


def test_a_forecast_column_is_unverifiable(cells, seat):
    lc = cell("Con 30 (projected)", "30", "seats", role="era:forecast", scope=Scope(level="national", party="Con"),
              party="Con")
    claim = cells.verify(lc, "c1")
    assert claim.verdict == "unverifiable" and "forecast" in claim.explanation


def test_an_unlinked_row_is_never_judged(cells):
    lc = cell("Somebody 1,234", "1,234", "votes", link_note="The row names a candidate the tables do not hold.")
    claim = cells.verify(lc, "c1")
    assert claim.verdict == "unverifiable" and claim.official is None and claim.correction is None
    assert claim.constituency is None


def test_a_total_rows_seats_are_the_number_of_seats(ref):
    """"| Total | 28,809,340 | 650 |" under a national table: the seats column of the total row counts the
    seats of the whole UK (a wrong total is caught the same way)."""
    import factcheck
    from factcheck.reference import aggregate as agg

    seats = list(ref.seats)
    valid = agg.total(ref, None, seats).valid
    lab, con = agg.total(ref, "Lab", seats), agg.total(ref, "Con", seats)
    for total, verdict in ((len(seats), "accurate"), (len(seats) - 7, "inaccurate")):
        text = ("| Party | Votes | Seats |\n"
                f"| Labour | {lab.votes:,} | {agg.seats_won(ref, 'Lab', seats)} |\n"
                f"| Conservative | {con.votes:,} | {agg.seats_won(ref, 'Con', seats)} |\n"
                f"| Total | {valid:,} | {total} |\n")
        claims = [c for c in factcheck.check_text(text).claims if c.quote == str(total)]
        assert claims and claims[0].verdict == verdict, [(c.quote, c.verdict, c.explanation) for c in claims]
