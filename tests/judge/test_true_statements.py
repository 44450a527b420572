"""True statements written from the official tables are never called wrong.

A false "inaccurate" costs an editor's trust more than a missed claim, so
this test writes, for a fixed sample of seats, the sentences results
coverage is made of (a winner and a majority, a runner-up "on" a share
"ahead of" whom, a list of candidates, a majority "slashed by" its fall, a
party's share raised in one clause and a person in the next, a national
total beside a leader's name) with every figure taken from the tables the
check reads, and asserts that none of them is judged inaccurate. The
phrasings are the ones real coverage uses; the numbers are the seats' own,
so any "inaccurate" is a false alarm by construction.
"""
from __future__ import annotations

import random

import pytest

from factcheck.models import Article
from factcheck.reference.parties import display_name

SEED = 2024
SEATS = 30


def _statements(ref, seat) -> list[str]:
    w, r = seat.candidates[:2]
    party = display_name
    lines = [
        f"{w.name} won {seat.name} with {w.votes:,} votes, a majority of {seat.majority:,}.",
        f"{w.name} took {w.share:.1f} per cent, ahead of the {party(r.party)} on {r.share:.1f} per cent.",
        f"Turnout in {seat.name} was {seat.turnout_valid():.1f}%.",
        f"The {party(r.party)} candidate, {r.name}, finished {seat.majority:,} votes behind.",
    ]
    if len(seat.candidates) >= 3 and seat.candidates[2].name:
        t = seat.candidates[2]
        lines.append(f"{seat.name}: {w.name} ({party(w.party)}) {w.votes:,}; {r.name} ({party(r.party)}) "
                     f"{r.votes:,}; {t.name} ({party(t.party)}) {t.votes:,}.")
    before = ref.previous_result(seat.ons_id)
    if before is not None and before.majority and before.winner.party == w.party and before.majority > seat.majority:
        lines.append(f"{w.name}'s majority was slashed by {before.majority - seat.majority:,}.")
    if w.change is not None and r.name:
        way = "increasing" if w.change > 0 else "cutting"
        lines.append(f"The {party(w.party)} won the seat, {way} its share to {w.share:.1f} per cent, and {r.name} "
                     f"came second.")
    return lines


def _sample(ref) -> list:
    seats = [s for s in ref.seats.values() if len(s.candidates) >= 2 and all(c.name for c in s.candidates[:2])
             and s.majority and s.turnout_valid() is not None and s.winner.share is not None]
    return random.Random(SEED).sample(seats, SEATS)


def test_true_statements_about_seats_are_never_called_wrong(checker, ref):
    wrong, checked = [], 0
    for seat in _sample(ref):
        text = f"{seat.name} result\n\n" + "\n\n".join(_statements(ref, seat))
        for claim in checker.check(Article(text=text, date="2024-07-05")).claims:
            checked += 1
            if claim.verdict == "inaccurate":
                wrong.append((seat.name, claim.quote, claim.explanation))
    assert checked >= SEATS * 5
    assert wrong == []


@pytest.mark.parametrize("sentence", [
    "Labour won {lab_votes} votes, fewer than Jeremy Corbyn's {lab_2019} in 2019.",
    "Reform UK won {ruk_wales}% of the vote in Wales, ahead of Plaid Cymru on {pc_wales}%.",
    "The Liberal Democrats won {ld_seats} seats despite increasing their share to {ld_share} per cent, and Ed Davey "
    "held {davey_seat} by {davey_majority} votes.",
])
def test_true_national_statements_are_never_called_wrong(checker, ref, sentence):
    from factcheck.reference import aggregate as agg

    wales = agg.seats_in(ref, "Wales")
    davey = next(s for s in ref.seats.values() if s.winner.name == "Ed Davey")
    values = {
        "lab_votes": f"{agg.total(ref, 'Lab', list(ref.seats)).votes / 1e6:.1f} million",
        "lab_2019": f"{agg.total(ref, 'Lab', list(ref.previous_actual), 'previous_actual').votes / 1e6:.1f} million",
        "ruk_wales": f"{agg.total(ref, 'RUK', wales).share:.1f}",
        "pc_wales": f"{agg.total(ref, 'PC', wales).share:.1f}",
        "ld_seats": agg.seats_won(ref, "LD"),
        "ld_share": f"{agg.total(ref, 'LD', list(ref.seats)).share:.1f}",
        "davey_seat": davey.name,
        "davey_majority": f"{davey.majority:,}",
    }
    claims = checker.check(Article(text=sentence.format(**values), date="2024-07-05")).claims
    assert claims and not [(c.quote, c.explanation) for c in claims if c.verdict == "inaccurate"]
