"""Party identity across tables, years and everyday speech.

The tables abbreviate parties differently from year to year (2019 "Alliance",
2024 "APNI"; 2019 "Brexit", now Reform UK) and reporters use neither ("the
Tories", "Lib Dems"). Everything downstream speaks the canonical 2024 codes
of `parties.csv`, so a claim about "the Tories" and a table row "Con" meet.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

PARTIES_TABLE = Path(__file__).with_name("parties.csv")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in cell.split("|") if a.strip())


def _read_table(path: Path) -> tuple[dict[str, tuple[str, tuple[str, ...]]], dict[str, str], list[str]]:
    """The party table: one row per canonical code, in the order aliases are claimed.

    A row's `aliases` are matched case-insensitively as whole words, except
    those also listed in `capitalised_only` (ordinary English words such as
    "reform" or "green"); `table_codes` are the abbreviations other years'
    tables use for the same party.
    """
    parties: dict[str, tuple[str, tuple[str, ...]]] = {}
    other: dict[str, str] = {}
    capitalised: list[str] = []
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["code"].strip()
            parties[code] = (row["name"].strip(), _split(row["aliases"]))
            capitalised.extend(_split(row["capitalised_only"]))
            for table_code in _split(row["table_codes"]):
                other[table_code] = code
    return parties, other, capitalised


# canonical code -> (display name, everyday names a reporter may use), and
# abbreviations in the other tables that are not the 2024 codes.
PARTIES, OTHER_CODES, _CAPITALISED = _read_table(PARTIES_TABLE)


_POSSESSIVE = re.compile(r"'s\b")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation: the key every name is compared by.

    Remembered: the same words and names are folded over and over (every n-gram of every sentence, every
    candidate against every row), and a pure function of a short string costs less to look up than to redo."""
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
CASE_SENSITIVE_ALIASES = {fold(_alias) for _alias in _CAPITALISED}
