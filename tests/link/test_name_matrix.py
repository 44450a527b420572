"""The name matrix scores each name only against the candidates it can reach the cutoff with: its scores
must be WRatio's for every candidate, as a full `cdist` gives them.

The names are the real 2024 candidates of every 25th seat, as lists print them and spoil them: whole, a
surname alone, a shortened or misspelt first name, a party's name glued on, the words of a name around, and
names whose words repeat or that are not names at all.
"""
from __future__ import annotations

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from factcheck.link.rows import NAME_FIT, _name_matrix, _people
from factcheck.reference.parties import fold

CUTOFF = NAME_FIT - 10


def spoilt(name: str, party: str) -> list[str]:
    words = fold(name).split()
    first, last = words[0], words[-1]
    return [
        " ".join(words),
        last,
        f"{first[:3]} {last}",
        f"{first} {last[:-1]}x{last[-1:]}" if len(last) > 2 else last,
        f"{first} {' '.join(words[1:])} {fold(party)}",
        f"{fold(party)} {last}",
        f"{last} {first}",
        f"{first} {first} {last}",  # a repeated word: not bounded, scored in full
        f"{first}  {last}",  # two spaces: not bounded, scored in full
        f"{first[0]} {last}",
    ]


@pytest.fixture(scope="module")
def queries(ref):
    seats = [s for k, s in enumerate(ref.seats.values()) if k % 25 == 0]
    out = [q for s in seats for c in s.candidates[:3] for q in spoilt(c.name, c.party_name)]
    return list(dict.fromkeys(out + ["labour gain from conservative", "turnout", "majority", "a"]))


def test_the_matrix_is_the_full_cdist(ref, queries):
    people = _people(ref)
    full = process.cdist(queries, people.names, scorer=fuzz.WRatio, score_cutoff=CUTOFF, workers=1)
    fast = _name_matrix(queries, people, CUTOFF)
    assert fast.dtype == full.dtype
    differ = [(queries[i], people.names[j]) for i, j in zip(*np.nonzero(fast != full))]
    assert not differ, differ[:5]
    assert (full > 0).sum() > len(queries)  # the names do reach the cutoff, many of them more than once


def test_the_bound_rules_out_most_candidates(ref, queries):
    people = _people(ref)
    plain = [q for q in queries if " ".join(q.split()) == q and len(set(q.split())) == len(q.split())]
    kept = np.mean([people.bound.may_reach_wratio(q, CUTOFF).mean() for q in plain])
    assert kept < 0.5
