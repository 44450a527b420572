"""End to end on labelled articles: the seeds in corpora/, and the development set beside the repo.

The seed labels are the product's first acceptance test: every seat-level
figure must be found, judged as the label allows and linked to the labelled
constituency, and a figure made wrong must be caught. The development
articles (read from ../shared/dev when present, never copied in) guard the
rule that matters most to an editor: no false "inaccurate".
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import CORPORA, SHARED
from factcheck.read.ingest import read_path

SEAT_KINDS = {"majority", "votes", "vote_share", "share_change", "previous_majority", "previous_votes",
              "previous_share", "turnout", "electorate"}
NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _golds(folder: Path) -> list[tuple[Path, dict]]:
    out = []
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out.append(((path.parent / gold["article"]).resolve(), gold))
    return out


def _same(a, b) -> bool:
    """Equal within half a per cent; labels give some shares as fractions (0.333 for 33.3%)."""
    if a is None or b is None:
        return False
    a, b = float(a), float(b)
    return any(abs(x - b) <= max(1e-6, 0.005 * abs(b)) for x in (a, a * 100, a / 100))


def _words(s: str) -> set[str]:
    return set(re.findall(r"\w+", " ".join(s.split()).lower()))


def _find(claims, label):
    """The tool's claim for a labelled figure: same value, same sentence."""
    nums = NUM.findall(label["quote"])
    for c in claims:
        if not _same(c.claimed.value, label["value"]):
            continue
        if nums and not all(n in " ".join(c.sentence.split()) for n in nums):
            continue
        t, g = _words(c.sentence), _words(label["sentence"])
        if len(t & g) / max(1, min(len(t), len(g))) >= 0.6:
            return c
    return None


def _check(checker, path: Path):
    claims = []
    for article in read_path(str(path)):
        claims += checker.check(article).claims
    return claims


SEEDS = _golds(CORPORA / "gold")


@pytest.mark.parametrize("path, gold", SEEDS, ids=[p.name for p, _ in SEEDS])
def test_seed_seat_figures_found_judged_and_linked(checker, path, gold):
    claims = _check(checker, path)
    for label in (c for c in gold["claims"] if c["kind"] in SEAT_KINDS):
        found = _find(claims, label)
        assert found is not None, f"missed {label['quote']!r} in: {label['sentence']}"
        assert found.verdict in label["verdict"], (label["quote"], found.verdict, found.explanation)
        if label["constituency"]:
            assert found.constituency and found.constituency.ons_id == label["constituency"], label["quote"]


@pytest.mark.parametrize("path, gold", SEEDS, ids=[p.name for p, _ in SEEDS])
def test_seed_articles_raise_no_false_alarm(checker, path, gold):
    for claim in _check(checker, path):
        if claim.verdict == "inaccurate":
            label = next((g for g in gold["claims"] if _same(claim.claimed.value, g["value"])
                          and claim.quote in g["sentence"]), None)
            assert label and "inaccurate" in label["verdict"], (claim.quote, claim.explanation)


def _perturb(quote: str, qualifier: str):
    """The figure in the quote made wrong, in the direction its hedge cannot absorb."""
    m = NUM.search(quote)
    s = m.group(0)
    v = float(s.replace(",", ""))
    up = qualifier in {"exact", "more_than", "at_least", "about", "range"}
    if "." in s:
        new = f"{v + 4.3 if up else v - 4.3:.{len(s.split('.')[1])}f}"
    else:
        n = round(v * (1.13 if up else 0.87)) if v >= 100 else v + (7 if up else -7)
        new = f"{int(n):,}" if "," in s else str(int(n))
    return quote[:m.start()] + new + quote[m.end():], float(new.replace(",", ""))


PLANTED = [(p, g, c) for p, g in SEEDS for c in g["claims"]
           if c["kind"] in SEAT_KINDS and c["verdict"] == ["accurate"] and NUM.search(c["quote"])]


@pytest.mark.parametrize("path, gold, label", PLANTED,
                         ids=[f"{p.name}:{c['quote']}" for p, _, c in PLANTED])
def test_a_planted_error_is_caught(checker, tmp_path, path, gold, label):
    text = path.read_text(encoding="utf-8")
    new_quote, new_value = _perturb(label["quote"], label["qualifier"])
    at = text.find(label["sentence"][:40])
    at = text.find(label["quote"], at if at >= 0 else 0)
    wrong = tmp_path / path.name
    wrong.write_text(text[:at] + new_quote + text[at + len(label["quote"]):], encoding="utf-8")
    claims = _check(checker, wrong)
    hit = _find(claims, dict(label, value=new_value, quote=new_quote,
                             sentence=label["sentence"].replace(label["quote"], new_quote, 1)))
    assert hit is not None and hit.verdict == "inaccurate", (new_quote, hit and hit.explanation)


DEV = _golds(SHARED / "dev" / "gold") if (SHARED / "dev" / "gold").is_dir() else []
#: False "inaccurate" verdicts allowed over the whole development set; lowered as the judge improves.
FALSE_ALARM_BUDGET = 5  # the target of the readings issue


@pytest.mark.skipif(not DEV, reason="the development set (../shared/dev) is not beside this checkout")
def test_development_articles_stay_within_the_false_alarm_budget(checker):
    alarms = []
    for path, gold in DEV:
        for claim in _check(checker, path):
            if claim.verdict != "inaccurate":
                continue
            label = next(
                (g for g in gold["claims"] if _same(claim.claimed.value, g["value"]) and _find([claim], g)), None)
            if label is None or "inaccurate" not in label["verdict"]:
                alarms.append((path.name, claim.quote, claim.sentence[:80]))
    assert len(alarms) <= FALSE_ALARM_BUDGET, "\n".join(map(str, alarms))
