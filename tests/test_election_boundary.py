"""The adapter boundary: nothing outside the election adapters knows which elections there are.

Adding an election must be adding an adapter (README, "Adding an
election"), so the package's code outside `factcheck/reference/` and the
election-choice step may not name an election: no year of an election the
adapters hold (theirs or their previous ones'), no "notional", no party name
found on one election's ballots only ("Brexit Party"), no seat or candidate
name, no seat count of any held result (the Commons' size, a majority, a
party's total of 250 seats or more). The forbidden names and numbers are
read from the adapters themselves, so a third election extends the scan.

Code is what is scanned: string literals and numbers, identifiers too for
the words. Comments and docstrings are left out: they explain with examples,
and examples are not behaviour.

`ALLOWED` is the documented exception list: file -> the words or numbers it
may still hold, and why. Each entry must still be needed (a stale one
fails), so the list only shrinks.
"""
from __future__ import annotations

import io
import re
import tokenize
from collections import Counter
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from factcheck.reference import ADAPTERS, load_reference

PACKAGE = ROOT / "factcheck"

# Where election-specific knowledge belongs: the adapters and their data, and the step that chooses an
# article's election (which reads polling days and names from the adapters, never from its own code).
EXEMPT = ("reference", "read/election.py")

ALLOWED: dict[str, dict[str, str]] = {
}


def _forbidden() -> tuple[re.Pattern, re.Pattern]:
    words: set[str] = {"notional"}
    numbers: set[int] = set()
    parties: dict[str, set[str]] = {}
    names: set[str] = set()
    for key, cls in ADAPTERS.items():
        words |= {cls.key, cls.previous_key}
        ref = load_reference(DATA, key)
        for result in (ref.seats, ref.previous, ref.previous_actual):
            numbers |= {len(result), len(result) // 2 + 1}
            numbers |= {n for n in Counter(s.winner.party for s in result.values()).values() if n >= 250}
            names |= {s.name for s in result.values()}
        names |= {c.name for c in ref.candidates.values() if c.first_name}
        for c in ref.candidates.values():
            parties.setdefault(c.party_name, set()).add(key)
    words |= {p for p, held in parties.items() if len(held) < len(ADAPTERS) and len(p.split()) >= 2}
    alternatives = (r"\s+".join(map(re.escape, w.split())) for w in sorted(words | names, key=len, reverse=True))
    word_rx = re.compile(r"\b(?:%s)\b" % "|".join(alternatives), re.I)
    number_rx = re.compile(r"(?<![\d.])(?:%s)(?![\d.])" % "|".join(str(n) for n in sorted(numbers, reverse=True)))
    return word_rx, number_rx


def _code_tokens(path: Path):
    """(line, text) of every token that is code: not a comment, not a docstring."""
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))
    skip = {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.COMMENT}
    for i, t in enumerate(tokens):
        if t.type in skip or t.type == tokenize.ENDMARKER:
            continue
        if t.type == tokenize.STRING:
            j = i - 1
            while j >= 0 and tokens[j].type in skip - {tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT}:
                j -= 1
            k = i + 1
            while k < len(tokens) and tokens[k].type in (tokenize.NL, tokenize.COMMENT):
                k += 1
            alone = (j < 0 or tokens[j].type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)) and \
                tokens[k].type in (tokenize.NEWLINE, tokenize.ENDMARKER)
            if alone:
                continue  # a docstring, or a string standing as a statement
        yield t.start[0], t.string


def _scan(package: Path = PACKAGE) -> dict[str, list[tuple[int, str]]]:
    word_rx, number_rx = _forbidden()
    found: dict[str, list[tuple[int, str]]] = {}
    for path in sorted(package.rglob("*.py")):
        inner = path.relative_to(package).as_posix()
        if any(inner == e or inner.startswith(e + "/") for e in EXEMPT):
            continue
        rel = path.relative_to(package.parent).as_posix()
        for line, text in _code_tokens(path):
            # a regular expression's escapes are not letters: "\\bnotional\\b", "brexit\\s+party"
            words = re.sub(r"\\[bBsSwWdDAZ][+*?]?", " ", text)
            hits = [m.group(0) for m in word_rx.finditer(words)]
            if text[:1].isdigit() or text[:1] in "\"'" or text[:2].lower() in ("f\"", "r\"", "f'", "r'", "rf", "fr"):
                hits += [m.group(0) for m in number_rx.finditer(text)]
            for hit in hits:
                found.setdefault(rel, []).append((line, hit))
    return found


@pytest.fixture(scope="module")
def found():
    return _scan()


def test_no_election_is_named_outside_the_adapters(found):
    unexpected = {f"{rel}:{line}: {hit}" for rel, hits in found.items() for line, hit in hits
                  if hit.lower() not in {k.lower() for k in ALLOWED.get(rel, {})}}
    assert sorted(unexpected) == []


def test_every_allowance_is_still_needed(found):
    used = {(rel, hit.lower()) for rel, hits in found.items() for _, hit in hits}
    stale = [f"{rel}: {word}" for rel, words in ALLOWED.items() for word in words if (rel, word.lower()) not in used]
    assert stale == []


def test_the_scan_finds_what_it_looks_for(tmp_path):
    """A planted year, party, seat and count are each caught; the same in a comment or docstring is not,
    nor anything in the adapters' own directory."""
    package = tmp_path / "factcheck"
    (package / "reference").mkdir(parents=True)
    (package / "reference" / "uk.py").write_text('A = "in 2019"\n', encoding="utf-8")
    module = package / "probe.py"
    module.write_text('"""Docstrings may say 2019, notional or Bolsover."""\n'
                      '# so may comments: 2024, Brexit Party, 650\n'
                      'A = "in 2019"\nB = "the Brexit Party"\nC = 650\nD = "Bolsover"\nE = r"\\bnotional\\b"\n',
                      encoding="utf-8")
    found = _scan(package)
    assert list(found) == ["factcheck/probe.py"]
    assert sorted(hit for _, hit in found["factcheck/probe.py"]) == ["2019", "650", "Bolsover", "Brexit Party",
                                                                    "notional"]


def test_help_text_names_elections_only_through_the_adapters():
    """`--election` lists its choices from the adapters: nothing in cli.py names them."""
    source = (PACKAGE / "cli.py").read_text(encoding="utf-8")
    assert "election_keys" in source and not re.search(r"\b20\d\d\b", source)
