"""The words a cue pattern needs: worked out from the pattern's parse, never missing a match.

The promise that matters is one-sided: wherever a pattern matches, one of its needles is in the folded text.
It is checked for every cue of the real vocabulary against sentences written here and against the real
development articles (read from ../shared, never copied), with each election's words filled in.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.readings.cues import table_for
from factcheck.readings.literals import folded, needles
from factcheck.reference import ADAPTERS

DEV = Path(__file__).resolve().parents[3] / "shared" / "dev" / "articles"


@pytest.mark.parametrize("pattern, expected", [
    (r"\bturn(?:ed)?[\s-]?outs?\b", {"turn"}),
    (r"\b(?:seats?|mps|constituencies)\b", {"seat", "mps", "constituencies"}),
    (r"^\s*(?:votes?\s+)?majority\s+of\b", {"majority"}),  # the longest word needed is the one looked for
    (r"Swing", {"swing"}),  # looked for in lower case
])
def test_a_pattern_needs_the_words_every_match_holds(pattern, expected):
    assert set(needles(pattern, re.I)) == expected


@pytest.mark.parametrize("pattern", [
    r"\d[\d,]*\s*$",  # digits and spaces only
    r"(?:share|votes?)?\s*$",  # the words are optional
    r"\b(?:share|\d+)\b",  # one way through needs no word
    r"^(?![\s\S]*\bvot)",  # a look-ahead proves nothing is there
    r"Ⓟ\s*$",  # outside ASCII: not looked for
])
def test_a_pattern_that_can_match_without_a_word_needs_none(pattern):
    assert needles(pattern, re.I) is None


def test_a_repeated_part_needs_its_words_only_when_it_must_occur():
    assert needles(r"(?:lost\s+)+", re.I) == ("lost",)
    assert needles(r"(?:lost\s+)*x", re.I) == ("x",)


@pytest.mark.parametrize("word, text", [
    ("increase", "\u0130NCREASE"), ("interest", "DECLINE OF \u0131NTEREST"), ("boost", "BOO\u017fT"),
    ("kept", "\u212aEPT"),
])
def test_the_characters_that_match_ascii_letters_regardless_of_case_are_folded_to_them(word, text):
    assert re.search(word, text, re.I)  # the regular expression matches the odd character ...
    assert any(n in folded(text) for n in needles(word, re.I))  # ... and so does the needle


def test_no_other_character_matches_an_ascii_letter_without_lower_casing_to_it():
    letter = re.compile("[a-z]", re.I)
    odd = [ch for ch in map(chr, range(128, 0x3000)) if letter.fullmatch(ch) and not folded(ch).isascii()]
    assert odd == []


SENTENCES = [
    "Labour's majority fell by 4,210 votes, the party's lowest since 1983.",
    "The Conservatives lost 251 seats, and turnout dropped to 59.7 per cent.",
    "Reform UK came second in 98 constituencies, beating the Tories to the runner-up spot.",
    "A swing of 10.3 points from the SNP would have been needed; she overturned a majority of 5,000.",
    "The Lib Dems took 72 MPs, their best result since the party was formed; MPs from the GREENS rose to four.",
    "Turnout in the constituency was 61.3%, down from 68% in 2019, with 45,866 votes cast and 120 spoilt ballots.",
    "She won 17,591 votes, a majority of 1,753 over the sitting MP, and her share rose by 12 points to 38%.",
    "Across the region Labour won 20 of the 29 seats with 41% of the vote, ahead of the Conservatives' 22%.",
]


def _texts() -> list[str]:
    texts = list(SENTENCES)
    if DEV.is_dir():
        for path in sorted(DEV.iterdir())[:40]:
            body = path.read_text(encoding="utf-8", errors="replace")
            texts.extend(s for s in re.split(r"(?<=[.!?])\s+|\n+", body) if s.strip())
    return texts


@pytest.mark.parametrize("key", sorted(ADAPTERS))
def test_no_cue_of_the_vocabulary_matches_text_without_one_of_its_needles(key):
    table = table_for(ADAPTERS[key])
    texts = _texts()
    low = [folded(t) for t in texts]
    checked = 0
    for cue in table.textual:
        if cue.needles is None:
            continue
        for text, lowered in zip(texts, low):
            for piece, folded_piece in ((text, lowered), (text[len(text) // 2:], folded(text[len(text) // 2:]))):
                if cue.pattern.search(piece):
                    checked += 1
                    assert any(n in folded_piece for n in cue.needles), (cue.name, piece)
    assert checked > 50  # the vocabulary's patterns did match the texts: the check was not vacuous
    assert sum(c.needles is not None for c in table.textual) > 0.9 * len(table.textual)


@pytest.mark.parametrize("key", sorted(ADAPTERS))
def test_the_cues_tried_for_a_figure_are_those_one_of_whose_words_is_in_their_window(key):
    """The word index picks, in table order, exactly the cues the walk over every cue with its needle check
    would try: none is lost, none is tried out of turn."""
    from factcheck.readings.cues import UNITS, WINDOWS

    table = table_for(ADAPTERS[key])
    texts = _texts()[:400]
    tried = 0
    for n, text in enumerate(texts):
        cut = len(text) // 2
        pieces = [text[:cut], text[cut:], text, text[cut // 2:], "", texts[n - 1]]
        windows = {w: pieces[(n + k) % len(pieces)] for k, w in enumerate(WINDOWS)}
        for unit in UNITS:
            plan = table._for_unit(unit)
            walk = [c for c in table.textual if unit in c.units and windows.get(c.window)
                    and (c.needles is None or any(m in folded(windows[c.window]) for m in c.needles))]
            assert [c for c in plan.candidates(windows) if windows.get(c.window)] == walk, (unit, text)
            tried += len(walk)
    assert tried > 1000


def test_a_pattern_can_match_only_a_text_holding_one_of_its_needles():
    from factcheck.readings.literals import folded, holds, needles

    words = needles(r"\bone\s+in\s+(?:five|ten)\b", re.I)
    assert holds(words, folded("One in five voters")) and not holds(words, folded("a third of voters"))
    assert holds(None, "anything")  # a pattern that needs no word may match any text
