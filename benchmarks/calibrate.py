#!/usr/bin/env python3
"""Fit the map from the judge's raw scores to calibrated confidence, on gold-labelled articles.

A claim's confidence should mean what it says: of the claims given 0.9,
nine in ten right. This script runs the checker in process over labelled
articles, with the calibration switched off so each claim carries its raw
score (`factcheck/judge/confidence.py` says how each verdict's is made),
matches every claim to its gold label as `score_gold.py` does (imported
from --scorer), and fits, per verdict, a monotone step function from raw
score to the share of claims found right: isotonic regression by
pool-adjacent-violators, with blocks of fewer than --min-bin claims merged
into a neighbour and each block's rate smoothed by one right and one wrong
pseudo-claim, so a block of ten right claims gives 0.92, not 1.0.

A claim counts as right when its verdict is one its gold label accepts; an
"inaccurate" claim that no gold figure matches is a false alarm, so wrong;
other claims no gold figure matches are left out (nobody labelled them).
With --planted N, N planted errors (a gold-accurate figure changed as
score_gold.py changes it, in a copy of its article) are checked against the
map too, as a check, not fitted: their share of errors is set by the test,
not by what newsrooms publish. A planted figure's claim is right only if it
is "inaccurate".

It prints the fitted table (raw-score bins, count, share right, confidence)
and the check that matters (claims by confidence band, how many, share
right), in sample and on a held-out split: the map fitted on two thirds of
the articles, the bands counted on the other third. `--write` stores the
map fitted on all the articles in factcheck/judge/calibration.tsv.

Claims the readings judge does not make (outcomes, placings, comparisons,
and the results-block figures checked outside it) keep their own fixed
confidence; they are counted separately.

usage: python benchmarks/calibrate.py [GOLD.json...] [--write] [--planted N] [--min-bin N]
       (default GOLD: ../shared/seeds/gold/*.json and ../shared/dev/gold/*.json)
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from factcheck.api import Checker  # noqa: E402
from factcheck.judge.confidence import TABLE, VERDICTS, Calibration, Step  # noqa: E402
from factcheck.read.ingest import read_text  # noqa: E402
from factcheck.reference import ADAPTERS  # noqa: E402

BANDS = (0.9, 0.8, 0.7, 0.6, 0.5, 0.0)


@dataclass
class Scored:
    article: str
    verdict: str
    raw: float
    right: bool
    planted: bool = False


def load_scorer(path: str):
    spec = importlib.util.spec_from_file_location("score_gold", path)
    if spec is None or not Path(path).exists():
        sys.exit(f"calibrate: cannot find the scorer {path} (give --scorer)")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def raw_checker() -> Checker:
    """A checker whose judges report raw scores as confidence and keep every (claim, raw score)."""
    checker = Checker()
    for key in ADAPTERS:
        judge = checker.judged(key).judge
        judge.calibration = Calibration.identity()
        judge.raw_scores = []
    return checker


def check(checker: Checker, text: str, source: str) -> tuple[list[dict], set[tuple]]:
    """The article's claims as dicts, and the keys of those the readings judge made."""
    judges = [checker.judged(k).judge for k in ADAPTERS]
    for j in judges:
        j.raw_scores.clear()
    claims = []
    for article in read_text(text, source):
        claims += [c.model_dump() for c in checker.check(article).claims]
    made = {(c.sentence, c.quote, c.verdict) for j in judges for c, _ in j.raw_scores}
    return claims, made


def score_article(sg, g: dict, claims: list[dict], made: set[tuple]) -> tuple[list[Scored], list[Scored]]:
    """(claims the judge made, other claims), each with its label, matched as score_gold.py matches."""
    judged, other = [], []
    used: set[int] = set()

    def put(c: dict, right: bool) -> None:
        s = Scored(g["slug"], c["verdict"], c["confidence"], right)
        (judged if (c["sentence"], c["quote"], c["verdict"]) in made else other).append(s)

    for gc in g["claims"]:
        if gc["kind"] == "rank":
            continue
        t = sg.find(claims, gc)
        if t is None or id(t) in used:
            continue
        used.add(id(t))
        put(t, t["verdict"] in gc["verdict"])
    for t in claims:
        if id(t) in used or t["verdict"] != "inaccurate":
            continue
        backed = [gc for gc in g["claims"]
                  if sg.same_value((t.get("claimed") or {}).get("value"), gc["value"],
                                   gc["quote"] if gc.get("qualifier") == "range" else None)
                  and sg.sent_match(t.get("sentence"), gc["sentence"], gc["quote"])]
        put(t, any("inaccurate" in gc["verdict"] for gc in backed))
    return judged, other


def planted_errors(sg, golds: list[dict], n: int, seed: int = 0) -> list[tuple[dict, dict, str, str, float]]:
    """(gold article, gold claim, changed text, changed quote, changed value), a fixed sample of n."""
    out = []
    for g in golds:
        text = g["text"]
        for c in g["claims"]:
            if c["verdict"] != ["accurate"] or c["kind"] == "rank" or c["quote"] not in text:
                continue
            pq = sg.perturb(c["quote"], c["qualifier"])
            if not pq:
                continue
            at = text.find(c["sentence"][:40])
            at = text.find(c["quote"], at) if at >= 0 else -1
            if at < 0:
                at = text.find(c["quote"])
            out.append((g, c, text[:at] + pq[0] + text[at + len(c["quote"]):], pq[0], pq[1]))
    if len(out) > n:
        out = random.Random(seed).sample(out, n)
    return out


# ------------------------------------------------------------------ the fit
def isotonic(points: list[tuple[float, bool]], min_bin: int) -> list[list]:
    """Pool-adjacent-violators over (raw, right), sorted by raw: blocks [low, high, count, right] whose
    rates rise with the raw score; equal raw scores share a block, and small blocks join a neighbour."""
    blocks: list[list] = []
    for raw, right in sorted(points):
        if blocks and blocks[-1][1] == raw:
            blocks[-1][2] += 1
            blocks[-1][3] += int(right)
        else:
            blocks.append([raw, raw, 1, int(right)])
        _pool(blocks)
    # a block of a handful of claims says little: fold it into the neighbour whose rate is closest
    while len(blocks) > 1 and min(b[2] for b in blocks) < min_bin:
        i = min(range(len(blocks)), key=lambda k: blocks[k][2])
        if i == 0:
            j = 1
        elif i == len(blocks) - 1:
            j = i - 1
        else:
            rate = blocks[i][3] / blocks[i][2]
            j = min((i - 1, i + 1), key=lambda k: abs(blocks[k][3] / blocks[k][2] - rate))
        a, b = sorted((i, j))
        blocks[a] = [blocks[a][0], blocks[b][1], blocks[a][2] + blocks[b][2], blocks[a][3] + blocks[b][3]]
        del blocks[b]
        merged, blocks[:] = blocks[:], []
        for blk in merged:
            blocks.append(blk)
            _pool(blocks)
    return blocks


def _rate(b: list) -> float:
    return (b[3] + 1) / (b[2] + 2)  # one right and one wrong pseudo-claim


def _pool(blocks: list[list]) -> None:
    while len(blocks) > 1 and _rate(blocks[-2]) >= _rate(blocks[-1]):
        b = blocks.pop()
        a = blocks[-1]
        blocks[-1] = [a[0], b[1], a[2] + b[2], a[3] + b[3]]


def fit(scored: list[Scored], min_bin: int) -> Calibration:
    steps = {}
    for verdict in VERDICTS:
        points = [(s.raw, s.right) for s in scored if s.verdict == verdict]
        if not points:
            continue
        blocks = isotonic(points, min_bin)
        steps[verdict] = [Step(low=0.0 if i == 0 else round(b[0], 4), confidence=round(_rate(b), 3),
                               count=b[2], correct=b[3]) for i, b in enumerate(blocks)]
    return Calibration.from_steps(steps)


# ------------------------------------------------------------------ reports
def bands(scored: list[Scored], cal: Calibration) -> list[tuple[str, int, int, float, float]]:
    """(band, claims, right, mean confidence, lowest confidence) for each confidence band."""
    out = []
    confs = [(cal.confidence(s.verdict, s.raw), s.right) for s in scored]
    for i, low in enumerate(BANDS):
        high = BANDS[i - 1] if i else 1.01
        inside = [(c, r) for c, r in confs if low <= c < high]
        label = f">= {low:.1f}" if i == 0 else f"{low:.1f}-{high:.1f}"
        mean = sum(c for c, _ in inside) / len(inside) if inside else float("nan")
        out.append((label, len(inside), sum(r for _, r in inside), mean, low))
    return out


def print_bands(title: str, rows: list[tuple[str, int, int, float, float]]) -> bool:
    """The bands as a table; False when a band's claims are right less often than its lowest confidence
    (the top band: less than 95% of the time)."""
    print(f"\n{title}")
    print(f"  {'confidence':<12}{'claims':>8}{'right':>8}{'share right':>13}{'mean confidence':>17}")
    ok = True
    for label, n, right, mean, low in rows:
        share = right / n if n else float("nan")
        need = 0.95 if low >= 0.9 else low
        good = not n or share >= need
        ok &= good
        print(f"  {label:<12}{n:>8}{right:>8}{share:>13.3f}{mean:>17.3f}   {'' if good else f'below {need:.2f}'}")
    return ok


def print_table(cal: Calibration) -> None:
    print(f"\n{'verdict':<14}{'raw from':>9}{'claims':>8}{'right':>8}{'share':>8}{'confidence':>12}")
    for verdict in VERDICTS:
        for s in cal.steps.get(verdict, []):
            print(f"{verdict:<14}{s.low:>9.3f}{s.count:>8}{s.correct:>8}{s.correct / s.count:>8.3f}{s.confidence:>12.3f}")


def write_table(cal: Calibration, path: Path, command: str, n_articles: int) -> None:
    lines = [
        "# Calibrated confidence: per verdict, raw scores from raw_from up to the next row's raw_from get",
        "# `confidence`, the share of such claims found right on labelled articles (smoothed by one right and",
        "# one wrong pseudo-claim). Raw scores: factcheck/judge/confidence.py. Written by:",
        f"#   {command}",
        f"# over {n_articles} labelled articles; count/correct are the claims behind each row.",
        "verdict\traw_from\tconfidence\tcount\tcorrect",
    ]
    for verdict in VERDICTS:
        for s in cal.steps.get(verdict, []):
            lines.append(f"{verdict}\t{s.low:.4f}\t{s.confidence:.3f}\t{s.count}\t{s.correct}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", help="gold files (default: the seeds' and the development set's)")
    ap.add_argument("--scorer", default=str(SHARED / "tools" / "score_gold.py"))
    ap.add_argument("--write", action="store_true", help=f"store the map fitted on every article in {TABLE.name}")
    ap.add_argument("--planted", type=int, default=0, metavar="N", help="also check N planted errors")
    ap.add_argument("--min-bin", type=int, default=10, metavar="N", help="fewest claims behind one step")
    a = ap.parse_args()
    sg = load_scorer(a.scorer)
    paths = [Path(p) for p in a.gold] or sorted((SHARED / "seeds" / "gold").glob("*.json")) + \
        sorted((SHARED / "dev" / "gold").glob("*.json"))
    if not paths:
        sys.exit("calibrate: no gold files")
    golds = []
    for p in paths:
        g = json.loads(p.read_text(encoding="utf-8"))
        g["slug"] = p.name.split(".")[0]
        g["text"] = (p.resolve().parent / g["article"]).read_text(encoding="utf-8")
        golds.append(g)

    started = time.time()
    checker = raw_checker()
    judged: list[Scored] = []
    other: list[Scored] = []
    for g in golds:
        claims, made = check(checker, g["text"], f"{g['slug']}.txt")
        j, o = score_article(sg, g, claims, made)
        judged += j
        other += o
    for g, c, text, quote, value in planted_errors(sg, golds, a.planted):
        claims, made = check(checker, text, f"{g['slug']}__planted.txt")
        signed = -value if (sg.as_float(c["value"]) or 0) < 0 else value
        sentence = c["sentence"].replace(c["quote"], quote, 1)
        t = sg.find(claims, dict(c, value=signed, quote=quote, sentence=sentence))
        if t is not None and (t["sentence"], t["quote"], t["verdict"]) in made:
            judged.append(Scored(g["slug"], t["verdict"], t["confidence"], t["verdict"] == "inaccurate", planted=True))
    seconds = time.time() - started

    planted = [s for s in judged if s.planted]
    judged = [s for s in judged if not s.planted]
    print(f"{len(golds)} articles, {len(judged)} labelled claims from the readings judge, {seconds:.0f} s")
    cal = fit(judged, a.min_bin)
    print_table(cal)
    ok = print_bands("In sample (fitted and counted on every article):", bands(judged, cal))

    slugs = sorted({g["slug"] for g in golds})
    held = {s for i, s in enumerate(slugs) if i % 3 == 2}
    train = [s for s in judged if s.article not in held]
    test = [s for s in judged if s.article in held]
    held_cal = fit(train, a.min_bin)
    ok_held = print_bands(f"Held out (fitted on {len(slugs) - len(held)} articles, counted on the other {len(held)}):",
                          bands(test, held_cal))

    if planted:
        print_bands(f"Planted errors ({len(planted)}, not fitted; right = called inaccurate):", bands(planted, cal))
    if other:
        print("\nClaims with a fixed confidence (outcomes, placings, comparisons, some block figures):")
        for verdict in VERDICTS:
            rows = [s for s in other if s.verdict == verdict]
            if rows:
                print(f"  {verdict:<14}{len(rows):>6} claims, {sum(s.right for s in rows) / len(rows):.3f} right, "
                      f"confidence {sorted({round(s.raw, 2) for s in rows})}")
    if a.write:
        command = "python benchmarks/calibrate.py --write" + (f" --min-bin {a.min_bin}" if a.min_bin != 10 else "")
        write_table(cal, TABLE, command, len(golds))
        print(f"\nwrote {TABLE.relative_to(ROOT)}")
    return 0 if ok and ok_held else 1


if __name__ == "__main__":
    sys.exit(main())
