"""Blocs: "unionists won eight seats" is right if any accepted grouping makes it eight."""
from __future__ import annotations

import pytest

from factcheck.reference.blocs import groupings
from factcheck.reference.parties import PARTIES


def _seats_won(ref, grouping):
    return sum(1 for s in ref.seats.values() if s.country == grouping.region
               and grouping.includes(s.winner.party, s.ons_id, s.winner.name))


def test_northern_ireland_unionist_seats_under_each_grouping(ref):
    found = groupings("unionists", "Northern Ireland", ref)
    assert len(found) == 3
    # DUP 5, UUP 1, TUV 1; Alex Easton (independent unionist, North Down) makes 8
    assert [_seats_won(ref, g) for g in found] == [7, 8, 8]


def test_northern_ireland_nationalist_seats(ref):
    found = groupings("nationalist", "Northern Ireland", ref)
    assert [sorted(g.parties) for g in found][0] == ["SDLP", "SF"]
    assert {_seats_won(ref, g) for g in found} == {9}  # Sinn Féin 7, SDLP 2
    assert any("PBPA" in g.parties for g in found) and any("PBPA" not in g.parties for g in found)


def test_a_word_means_different_blocs_in_different_nations(ref):
    ni = groupings("unionist", "Northern Ireland", ref)
    scotland = groupings("unionist", "Scotland", ref)
    assert ni and scotland
    assert all(g.bloc == "unionist" for g in ni) and all(g.bloc == "pro-union" for g in scotland)
    assert set(groupings("unionist", None, ref)) == set(ni) | set(scotland)


def test_scottish_pro_independence_vote(ref):
    found = groupings("pro-independence", "Scotland", ref)
    votes = [sum(c.votes for s in ref.seats.values() if s.country == "Scotland" for c in s.candidates
                 if c.party in g.parties) for g in found]
    snp = sum(c.votes for s in ref.seats.values() if s.country == "Scotland" for c in s.candidates if c.party == "SNP")
    assert all(v > snp for v in votes)
    assert len(set(votes)) == len(votes)  # the groupings really differ


def test_every_bloc_party_is_a_known_party(ref):
    for g in ref.blocs.groupings:
        assert g.parties <= set(PARTIES), g
        assert g.region in {"Northern Ireland", "Scotland"}


@pytest.mark.parametrize("word", ["the left", "the right", "Atlantis"])
def test_no_grouping_is_made_up(ref, word):
    assert groupings(word, None, ref) == []
