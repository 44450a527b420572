"""Bounds on fuzzy scores: a search over the names a bound keeps must find what a search over all finds.

The names searched for are the real 2024 tables' seats and candidates of every 40th seat, spoilt as the
press spoils them (a letter changed, dropped or doubled, words swapped, a short form), beside names of no
one.
"""
from __future__ import annotations

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from factcheck.link.bounds import CharBound, plain
from factcheck.link.names import _near
from factcheck.reference.parties import fold


def spoilt(name: str) -> list[str]:
    words = name.split()
    return [name, name[:-1] + "x", name[:3] + name[4:], name[:5] + name[4:], " ".join(reversed(words)),
            " ".join(words[:-1]), name.replace("a", "e"), name + "s"]


@pytest.fixture(scope="module")
def seats(ref):
    return [s for k, s in enumerate(ref.seats.values()) if k % 40 == 0]


def test_a_ratio_search_over_the_kept_names_finds_the_same(index, seats):
    people = [fold(c.name) for s in seats for c in s.candidates]
    places = [fold(s.name) for s in seats]
    asked = [q for n in people + places for q in spoilt(n)] + ["nobody at all", "zz", "westminster"]
    for choices, cutoff in ((index.person_choices, 88), (index.seat_choices, 92), (index.person_choices, 60)):
        bound = CharBound(choices)
        kept = 0
        for q in asked:
            near = _near(q, choices, bound, cutoff)
            kept += len(near)
            assert process.extract(q, near, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3) == \
                [(c, s, near.index(c)) for c, s, _ in process.extract(q, choices, scorer=fuzz.ratio,
                                                                   score_cutoff=cutoff, limit=3)], q
            one = process.extractOne(q, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
            near_one = process.extractOne(q, near, scorer=fuzz.ratio, score_cutoff=cutoff)
            assert (near_one and near_one[:2]) == (one and one[:2]), q
            if choices is index.seat_choices:
                assert index._fuzzy_seat(q) == (index.seat[one[0]] if one else None) or \
                    index.seat_sorted.get(" ".join(sorted(q.split()))), q
        assert kept < 0.25 * len(asked) * len(choices)  # most names are ruled out


def test_the_bound_is_never_below_the_score(seats):
    names = [fold(c.name) for s in seats for c in s.candidates]
    bound = CharBound(names)
    for q in names[:40] + ["jo", "a b c", "mary-ann o brien"]:
        scores = np.array([fuzz.ratio(q, n) for n in names])
        for cutoff in (50, 70, 88, 95):
            assert bound.may_reach_ratio(q, cutoff)[scores >= cutoff].all(), (q, cutoff)
            assert bound.lengths_reach_ratio(len(q), cutoff)[scores >= cutoff].all(), (q, cutoff)
            assert (bound.lengths_reach_ratio(len(q), cutoff) >= bound.may_reach_ratio(q, cutoff)).all()
        wscores = np.array([fuzz.WRatio(q, n) for n in names])
        for cutoff in (50, 70, 85, 95):
            assert bound.may_reach_wratio(q, cutoff)[wscores >= cutoff].all(), (q, cutoff)


def test_a_name_that_is_not_plain_is_scored_against_everyone():
    assert plain("ann lee") and not plain("lee lee") and not plain("ann  lee") and not plain("")
    bound = CharBound(["jo bloggs", "ann lee", "bob bob"])
    assert bound.may_reach_wratio("lee lee", 70).all()
    assert bound.may_reach_wratio("ann  lee", 70).all()
    assert list(bound.may_reach_wratio("zzz qqq", 70)) == [False, False, True]  # "bob bob" repeats a word
    assert list(bound.may_reach_ratio("zzz qqq", 70)) == [False, False, False]


def test_a_misspelt_seat_is_found_among_the_names_of_a_like_length(index, ref):
    for seat in list(ref.seats.values())[::60]:
        name = fold(seat.name)
        spelt = name[:-2] + name[-1] + name[-2] if len(name) > 8 else name
        hit = process.extractOne(spelt, index.seat_choices, scorer=fuzz.ratio, score_cutoff=92)
        expected = index.seat_sorted.get(" ".join(sorted(spelt.split()))) or (index.seat[hit[0]] if hit else None)
        assert index._fuzzy_seat(spelt) == expected, spelt
    assert index._fuzzy_seat("x" * 500) is None
