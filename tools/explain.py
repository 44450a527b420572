"""Show how the checker read one article: every figure, its readings and what the tables said.

    python tools/explain.py ARTICLE [--grep TEXT] [--top N]

For developing the cue tables: it prints the cues that fired, the readings
with their weights, each reading's official values and whether they fit.
"""
from __future__ import annotations

import argparse
import sys

from factcheck.api import default_checker
from factcheck.read.ingest import read_path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("article")
    ap.add_argument("--grep", default=None, help="only sentences containing this text")
    ap.add_argument("--top", type=int, default=8)
    ap.add_argument("--shares", action="store_true", help="also the kind, era and scope distributions and each "
                                                          "reading's shares")
    a = ap.parse_args()
    checker = default_checker()
    article = read_path(a.article)[0]
    trace = []
    checker.trace = trace
    report = checker.check(article)
    for fig, weighed, claim in trace:
        if a.grep and a.grep not in fig.sentence:
            continue
        print("=" * 100)
        print(fig.sentence[:300])
        print(f"  FIGURE {fig.quote!r} unit={fig.quantity.unit} not_claim={fig.not_claim:.2f}")
        print("  cues:", ", ".join(fig.cues[:30]))
        if a.shares:
            for name in ("kinds", "eras", "scopes"):
                dist = getattr(fig, name)
                print(f"  {name}:", ", ".join(f"{k}={v:.2f}" for k, v in sorted(dist.items(), key=lambda kv: -kv[1])))
        for w in weighed[:a.top]:
            r = w.reading
            vals = "; ".join(f"{e.label}={e.value:,.2f}" for e in w.answer.values[:4]) or (w.answer.note or "-")
            print(f"   {r.weight:.3f} {r.kind:12s} {r.era:9s} {r.subject.level:9s} {r.subject.label[:40]:40s} "
                  f"{'WEAK ' if r.subject.weak else ''}{'FIT ' if w.fit else ''}| {vals[:150]}")
            if a.shares:
                print("          shares:", ", ".join(f"{k}={v:.2f}" for k, v in r.shares.items()))
        if claim is not None:
            print(f"  => {claim.verdict} ({claim.kind}, {claim.confidence}) {claim.explanation[:250]}")
        else:
            print("  => no claim")


if __name__ == "__main__":
    sys.exit(main())
