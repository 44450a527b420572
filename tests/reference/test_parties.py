"""Party names as reporters write them and as each year's table abbreviates them.

A claim about "the Tories" is only checked if it meets the table's "Con";
a 2019 "Brexit" row only counts as Reform UK's previous result if the
codes agree.
"""
from __future__ import annotations

import pytest

from factcheck.reference.parties import (ALIAS_INDEX, CASE_SENSITIVE_ALIASES, OTHER_CODES, PARTIES,
                                         canonical_code, display_name, fold)


@pytest.mark.parametrize("text, folded", [
    ("Sinn Féin", "sinn fein"),
    ("Aontú", "aontu"),
    ("Lib Dems", "lib dems"),
    ("Workers' Party", "workers party"),
    ("Workers’ Party", "workers party"),
    ("Social Democratic & Labour Party", "social democratic and labour party"),
    ("Labour and Co-operative", "labour and co operative"),
    ("  Reform   UK ", "reform uk"),
    ("Young People's Party", "young people party"),
    ("TUV", "tuv"),
])
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("said, code", [
    ("Tories", "Con"),
    ("Tory", "Con"),
    ("Conservatives", "Con"),
    ("Lib Dems", "LD"),
    ("Liberal Democrat", "LD"),
    ("Sinn Fein", "SF"),
    ("Sinn Féin", "SF"),
    ("Workers Party", "WPB"),
    ("Workers' Party", "WPB"),
    ("Plaid", "PC"),
    ("Brexit Party", "RUK"),
    ("The Brexit Party", "RUK"),
    ("Reform", "RUK"),
    ("Labour Co-op", "Lab"),
    ("Alliance", "APNI"),
    ("APNI", "APNI"),
    ("PBP", "PBPA"),
    ("Scottish Greens", "Green"),
    ("UKIP", "UKIP"),
    ("Change UK", "IGC"),
    ("Abolish the Welsh Senedd", "AWA"),  # the party's name since 2024; the tables print the old one
    ("Abolish the Welsh Assembly Party", "AWA"),
])
def test_canonical_code_of_everyday_names(said, code):
    assert canonical_code(said) == code
    assert canonical_code(None, said) == code


@pytest.mark.parametrize("abbreviation, name, code", [
    ("Lab", "Labour and Co-operative", "Lab"),
    ("Brexit", "Brexit Party", "RUK"),
    ("BRX", "The Brexit Party", "RUK"),
    ("Alliance", "Alliance", "APNI"),
    ("APNI", "Alliance", "APNI"),
    ("Green", "Green Party Northern Ireland", "Green"),
    (" Lab ", "Labour", "Lab"),
    ("", "Sinn Féin", "SF"),
])
def test_canonical_code_of_table_rows(abbreviation, name, code):
    assert canonical_code(abbreviation, name) == code


@pytest.mark.parametrize("abbreviation", ["Brexit", "BRX"])
def test_brexit_abbreviations_are_reform(abbreviation):
    assert canonical_code(abbreviation) == "RUK"


def test_unknown_parties_keep_their_own_label():
    """A small party must not be folded into a big one because a word matches."""
    assert canonical_code("Green Soc", "Alliance for Green Socialism") == "Green Soc"
    assert canonical_code("CPA", "Christian Peoples Alliance") == "CPA"
    assert canonical_code("", "Space Navies Party") == "Space Navies Party"
    assert canonical_code(None, None) == "Other"
    assert canonical_code("", "Other") == "Other"


def test_abbreviation_wins_over_name():
    assert canonical_code("Con", "Labour") == "Con"


def test_every_alias_leads_back_to_its_party():
    """Two parties claiming one alias would silently send claims to the first."""
    clashes = [(code, alias, ALIAS_INDEX[fold(alias)]) for code, (name, aliases) in PARTIES.items()
               for alias in (name, *aliases) if ALIAS_INDEX[fold(alias)] != code]
    assert clashes == []


def test_other_codes_lead_to_canonical_codes():
    assert set(OTHER_CODES.values()) <= set(PARTIES)
    assert not set(OTHER_CODES) & set(PARTIES)


def test_case_sensitive_aliases_are_aliases():
    assert CASE_SENSITIVE_ALIASES <= set(ALIAS_INDEX)


def test_display_name():
    assert display_name("Lab") == "Labour"
    assert display_name("SF") == "Sinn Féin"
    assert display_name("Green Soc") == "Green Soc"


@pytest.mark.parametrize("attr", ["seats", "notional", "seats_2019"])
def test_every_winner_has_a_canonical_party(ref, attr):
    winners = {s.winner.party for s in getattr(ref, attr).values()}
    # the notional table lists the Speaker's 2019 result as "Other"
    allowed = set(PARTIES) | ({"Other"} if attr == "notional" else set())
    assert winners <= allowed


# ---------------------------------------------------------------- the party table
@pytest.mark.parametrize("said, code", [
    ("Scottish Labour", "Lab"),
    ("Welsh Labour", "Lab"),
    ("Labour Co-operative", "Lab"),
    ("Scottish Conservatives", "Con"),
    ("Welsh Conservatives", "Con"),
    ("Scottish Lib Dems", "LD"),
    ("Green Party of England and Wales", "Green"),
    ("Welsh Liberal Democrats", "LD"),
    ("Democratic Unionist", "DUP"),
    ("Indep", "Ind"),
    ("N/A", "Ind"),
])
def test_names_coverage_uses(said, code):
    assert canonical_code(said) == code


def _table_rows():
    import csv

    from factcheck.reference.parties import PARTIES_TABLE

    with open(PARTIES_TABLE, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_the_table_is_what_the_module_serves():
    rows = _table_rows()
    assert [r["code"] for r in rows] == list(PARTIES)
    assert len({r["code"] for r in rows}) == len(rows), "a code listed twice"
    for r in rows:
        assert r["code"] and r["name"], r
        assert PARTIES[r["code"]][0] == r["name"]


def test_capitalised_only_aliases_belong_to_their_row():
    """A word marked 'capitalised only' must be one of that party's own names."""
    for r in _table_rows():
        own = {fold(a) for a in [r["name"], *r["aliases"].split("|")] if a}
        marked = {fold(a) for a in r["capitalised_only"].split("|") if a}
        assert marked <= own, (r["code"], marked - own)


def test_table_codes_are_not_aliases_of_another_party():
    for code, (name, aliases) in PARTIES.items():
        for table_code, target in OTHER_CODES.items():
            if target == code:
                assert ALIAS_INDEX.get(fold(table_code), code) == code, table_code


def test_every_table_row_gets_the_same_code_from_its_abbreviation_and_its_name(ref):
    """Rows of the big parties must agree whichever column the code is read from."""
    for seats in (ref.seats, ref.notional, ref.seats_2019):
        for seat in seats.values():
            for c in seat.candidates:
                by_name = ALIAS_INDEX.get(fold(c.party_name))
                if by_name and c.party in PARTIES:
                    assert by_name == c.party, (seat.name, c.party_name, c.party)
