"""Finding a list's seat from its names: the lookup of exact names must pick what the fuzzy matrix picks.

The lists are written from the real 2024 tables (every 40th seat, its real
candidates), printed exactly, then spoilt: a misspelt name, a wrong party
label, a name several seats field.
"""
from __future__ import annotations

import pytest

from factcheck.link.rows import _people, _seat_by_exact_names, _seat_by_matrix, seat_from_names
from factcheck.read.blocks import find_blocks

LABELS = {"Lab": "Labour", "Con": "Conservative", "LD": "Lib Dem", "RUK": "Reform UK", "Ind": "Independent"}


def rows_of(lines: list[str]):
    blocks = find_blocks("Declared after the recount:\n" + "\n".join(lines))
    assert blocks, lines
    return blocks[0].rows


def entries(rows):
    return [i for i, r in enumerate(rows) if r.kind == "entry"]


def written(seat, spoil=None):
    return [f"{(spoil or {}).get(c.name, c.name)} ({LABELS.get(c.party, c.party_name)}) {c.votes:,}"
            for c in seat.candidates]


@pytest.fixture(scope="module")
def sample(ref):
    return [s for k, s in enumerate(ref.seats.values()) if k % 40 == 0]


def test_a_list_printed_exactly_is_found_by_lookup_as_the_matrix_finds_it(ref, sample):
    for seat in sample:
        rows = rows_of(written(seat))
        exact = _seat_by_exact_names(rows, entries(rows), ref)
        assert exact is not None and exact[0] == seat.ons_id, seat.name
        assert exact == _seat_by_matrix(rows, ref) == seat_from_names(rows, ref), seat.name


def test_a_misspelt_name_leaves_it_to_the_matrix(ref, sample):
    for seat in sample:
        first = seat.candidates[0].name
        rows = rows_of(written(seat, {first: first[:-1] + "x" + first[-1]}))
        assert _seat_by_exact_names(rows, entries(rows), ref) is None, seat.name
        assert seat_from_names(rows, ref) == _seat_by_matrix(rows, ref), seat.name


def test_a_wrong_party_label_leaves_it_to_the_matrix(ref, sample):
    for seat in sample:
        lines = written(seat)
        winner = seat.candidates[0]
        other = "Green" if winner.party != "Green" else "Labour"
        lines[0] = f"{winner.name} ({other}) {winner.votes:,}"
        rows = rows_of(lines)
        assert _seat_by_exact_names(rows, entries(rows), ref) is None, seat.name
        assert seat_from_names(rows, ref) == _seat_by_matrix(rows, ref), seat.name


def test_a_name_several_seats_field_is_no_lookup_answer(ref):
    people = _people(ref)
    shared = next(name for name, seats in people.seats_named.items() if len(seats) >= 2)
    key = people.keys[people.names.index(shared)]
    rows = rows_of([f"{ref.candidate(key).name} 1,234", "Others 567"])
    assert sum(1 for i in entries(rows) if rows[i].name) == 1
    assert _seat_by_exact_names(rows, entries(rows), ref) is None
    assert seat_from_names(rows, ref) == _seat_by_matrix(rows, ref)
