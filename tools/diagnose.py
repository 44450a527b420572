"""Why each labelled figure got the verdict it got: a development aid for the cue tables.

    python tools/diagnose.py GOLD.json... [--show CATEGORY] [--limit N]

Runs the checker in process over the labelled articles, matches each label
to the figure the checker read (same value, same sentence), and sorts the
labels into categories: ok; missed (no figure); no_reading (no reading could
hold the official value); not_admitted (a reading fits, but the words settle
a dimension against it); unpinned (no fit, and the words do not settle
enough to condemn); and the wrong verdicts. `--show` prints the cases of one
category with the figure's top readings.
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

from factcheck.api import default_checker
from factcheck.read.ingest import read_path

NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


def same(a, b) -> bool:
    if a is None or b is None:
        return False
    a, b = float(a), float(b)
    return any(abs(abs(x) - abs(b)) <= max(1e-6, 0.005 * abs(b)) for x in (a, a * 100, a / 100))


def words(s):
    return set(re.findall(r"\w+", " ".join(s.split()).lower()))


def match(trace, label):
    nums = NUM.findall(label["quote"])
    for fig, weighed, claim in trace:
        if not same(fig.quantity.value, label["value"]):
            continue
        if nums and not all(n in " ".join(fig.sentence.split()) for n in nums):
            continue
        t, g = words(fig.sentence), words(label["sentence"])
        if len(t & g) / max(1, min(len(t), len(g))) >= 0.6:
            return fig, weighed, claim
    return None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--show", default=None)
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--top", type=int, default=5)
    a = ap.parse_args()
    checker = default_checker()
    cats = collections.Counter()
    shown = 0
    for path in a.gold:
        gold = json.loads(Path(path).read_text())
        article = Path(path).resolve().parent / gold["article"]
        trace = []
        checker.trace = trace
        reported = []
        for art in read_path(str(article)):
            reported += checker.check(art).claims
        for label in gold["claims"]:
            if label["kind"] == "rank":
                continue
            got = match(trace, label)
            if got is None:
                block = match([(SimpleNamespace(quantity=SimpleNamespace(value=c.claimed.value), sentence=c.sentence),
                                None, c) for c in reported], label)
                if block is None:
                    cat = "missed"
                else:
                    c = block[2]
                    cat = "block:ok" if c.verdict in label["verdict"] else f"block:{c.verdict}_but_{'/'.join(label['verdict'])}"
            else:
                fig, weighed, claim = got
                verdict = claim.verdict if claim else None
                if verdict in label["verdict"]:
                    cat = "ok"
                elif verdict is None:
                    cat = "no_claim"
                else:
                    official = label.get("official")
                    fits = [w for w in weighed if w.fit is not None]
                    if verdict == "unverifiable":
                        if not fits:
                            cat = "unverif:no_fit"
                        else:
                            cat = "unverif:fit_not_admitted"
                    elif verdict == "inaccurate":
                        cat = "FALSE_ALARM" if "accurate" in label["verdict"] or "unverifiable" in label["verdict"] else "inacc?"
                    else:
                        cat = f"accurate_but_{'/'.join(label['verdict'])}"
            cats[cat] += 1
            if a.show and cat == a.show and shown < a.limit:
                shown += 1
                print("=" * 110)
                print(f"[{Path(path).stem}] {label['kind']} {label['quote']!r} gold={label['verdict']} official={label.get('official')}")
                print("  ", label["sentence"][:250])
                if label.get("note"):
                    print("   note:", label["note"][:200])
                if got is not None:
                    fig, weighed, claim = got
                    print(f"   kinds={ {k: round(v, 2) for k, v in list(fig.kinds.items())[:4]} } eras={ {k: round(v, 2) for k, v in list(fig.eras.items())[:3]} } scopes={ {k: round(v, 2) for k, v in fig.scopes.items()} }")
                    print("   cues:", ", ".join(fig.cues[:20]))
                    for w in weighed[:a.top]:
                        r = w.reading
                        vals = "; ".join(f"{e.label}={e.value:,.2f}" for e in w.answer.values[:3]) or (w.answer.note or "-")
                        print(f"    {r.weight:.3f} {r.kind:11s} {r.era:8s} {r.subject.label[:34]:34s} {'WEAK ' if r.subject.weak else ''}{'FIT ' if w.fit else ''}| {vals[:120]}")
                    if claim is not None:
                        print(f"   => {claim.verdict}: {claim.explanation[:200]}")
    total = sum(cats.values())
    for k, v in cats.most_common():
        print(f"{k:28s} {v:5d} {100 * v / total:5.1f}%")


if __name__ == "__main__":
    sys.exit(main())


def pin_report(gold_paths):
    """For labelled accurate figures: would the top reading be pinned, and if not, why not."""
    checker = default_checker()
    why = collections.Counter()
    examples = collections.defaultdict(list)
    for path in gold_paths:
        gold = json.loads(Path(path).read_text())
        trace = []
        checker.trace = trace
        for art in read_path(str(Path(path).resolve().parent / gold["article"])):
            checker.check(art)
        for label in gold["claims"]:
            if label["verdict"] != ["accurate"]:
                continue
            got = match(trace, label)
            if got is None:
                continue
            fig, weighed, claim = got
            pins = checker.judge.pins(fig)
            answered = [w for w in weighed if w.answer.values]
            if not answered:
                why["no answer"] += 1
                continue
            consistent = [w for w in answered if pins.admits(w.reading)]
            top = consistent[0] if consistent else answered[0]
            d = checker.judge._doubt(fig, top, pins, {})
            why[d or "PINNED"] += 1
            examples[d or "PINNED"].append((label["quote"], fig.sentence[:120]))
    for k, v in why.most_common():
        print(f"{v:5d}  {k}")
        for q, s in examples[k][:4]:
            print(f"         {q!r}: {s}")


if __name__ == "__main__" and "--pins" in sys.argv:
    pass
