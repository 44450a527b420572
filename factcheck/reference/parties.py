"""Party identity across tables, years and everyday speech.

The tables abbreviate parties differently from year to year (2019 "Alliance",
2024 "APNI"; 2019 "Brexit", now Reform UK) and reporters use neither ("the
Tories", "Lib Dems"). Everything downstream speaks the canonical 2024 codes
below, so a claim about "the Tories" and a table row "Con" meet.
"""
from __future__ import annotations

import re
import unicodedata

# canonical code -> (display name, everyday names a reporter may use).
# Aliases are matched case-insensitively as whole words.
PARTIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Lab": ("Labour", ("Labour", "Labour Party", "Labour and Co-operative", "Labour Co-op", "Lab")),
    "Con": ("Conservative", ("Conservative", "Conservatives", "Conservative Party", "Tory", "Tories", "Con", "Cons")),
    "LD": ("Liberal Democrats", ("Liberal Democrat", "Liberal Democrats", "Lib Dem", "Lib Dems", "LibDems", "LD")),
    "RUK": ("Reform UK", ("Reform UK", "Reform", "Reform Party", "RUK", "Brexit Party", "The Brexit Party")),
    "Green": ("Green", ("Green", "Greens", "Green Party", "Scottish Greens", "Scottish Green Party", "Green Party Northern Ireland")),
    "SNP": ("Scottish National Party", ("SNP", "Scottish National Party", "Nationalists")),
    "PC": ("Plaid Cymru", ("Plaid Cymru", "Plaid", "PC")),
    "DUP": ("Democratic Unionist Party", ("DUP", "Democratic Unionist Party", "Democratic Unionists")),
    "SF": ("Sinn Féin", ("Sinn Féin", "Sinn Fein", "SF")),
    "SDLP": ("Social Democratic and Labour Party", ("SDLP", "Social Democratic and Labour Party", "Social Democratic & Labour Party")),
    "UUP": ("Ulster Unionist Party", ("UUP", "Ulster Unionist Party", "Ulster Unionists", "Ulster Unionist")),
    "APNI": ("Alliance", ("Alliance", "Alliance Party", "APNI", "Alliance Party of Northern Ireland")),
    "TUV": ("Traditional Unionist Voice", ("TUV", "Traditional Unionist Voice")),
    "AONT": ("Aontú", ("Aontú", "Aontu", "AONT")),
    "PBPA": ("People Before Profit", ("People Before Profit", "People Before Profit Alliance", "PBP", "PBPA")),
    "WPB": ("Workers Party of Britain", ("Workers Party", "Workers Party of Britain", "Workers' Party", "WPB")),
    "Ind": ("Independent", ("Independent", "Independents", "Ind")),
    "Spk": ("Speaker", ("Speaker",)),
    "UKIP": ("UK Independence Party", ("UKIP", "Ukip", "UK Independence Party")),
    "Alba": ("Alba Party", ("Alba", "Alba Party")),
    "MRLP": ("Monster Raving Loony Party", ("Monster Raving Loony Party", "Official Monster Raving Loony Party", "Loony")),
    "HPUK": ("Heritage Party", ("Heritage Party",)),
    "Cli": ("Climate Party", ("Climate Party",)),
    "Comm": ("Communist Party of Britain", ("Communist Party", "Communist", "Communist Party of Britain")),
    "SDP": ("Social Democratic Party", ("Social Democratic Party", "SDP")),
    "TUSC": ("Trade Unionist and Socialist Coalition", ("TUSC", "Trade Unionist and Socialist Coalition")),
    "Ash": ("Ashfield Independents", ("Ashfield Independents",)),
    "Yrks": ("The Yorkshire Party", ("Yorkshire Party", "The Yorkshire Party")),
    "ED": ("English Democrats", ("English Democrats",)),
    "Lib": ("Liberal", ("Liberal Party",)),
}

# Abbreviations in the other tables that are not the 2024 codes.
OTHER_CODES: dict[str, str] = {
    "Brexit": "RUK",
    "BRX": "RUK",
    "Alliance": "APNI",
    "Aontú": "AONT",
    "PBP": "PBPA",
    "Eng Dem": "ED",
    "Ashfield Independents": "Ash",
    "The Yorkshire Party": "Yrks",
}


_POSSESSIVE = re.compile(r"'s\b")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation: the key every name is compared by."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("’", "'"))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _POSSESSIVE.sub("", text.lower().replace("&", " and "))
    return _NOT_ALNUM.sub(" ", text).strip()


def canonical_code(abbreviation: str | None, name: str | None = None) -> str:
    """The canonical code for a table row's party, whatever year it is from."""
    abbreviation = (abbreviation or "").strip()
    if abbreviation in PARTIES:
        return abbreviation
    if abbreviation in OTHER_CODES:
        return OTHER_CODES[abbreviation]
    for candidate in (abbreviation, name or ""):
        code = ALIAS_INDEX.get(fold(candidate))
        if code:
            return code
    return abbreviation or (name or "Other").strip() or "Other"


def display_name(code: str) -> str:
    return PARTIES[code][0] if code in PARTIES else code


ALIAS_INDEX: dict[str, str] = {}
for _code, (_name, _aliases) in PARTIES.items():
    for _alias in (_name, *_aliases):
        ALIAS_INDEX.setdefault(fold(_alias), _code)

# Aliases that are ordinary English words or ambiguous initials: only a
# capitalised use in running text counts as the party ("Reform", "Green").
CASE_SENSITIVE_ALIASES = {"reform", "green", "greens", "alliance", "independent", "independents", "plaid", "pc",
                          "con", "cons", "lab", "ld", "sf", "ind", "speaker", "liberal", "loony", "communist",
                          "nationalists", "alba"}
