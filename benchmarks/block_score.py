#!/usr/bin/env python3
"""How well the figures in results blocks are checked, on gold-labelled articles.

A gold claim counts as a *block figure* when the line of its gold sentence
that holds the quote looks like a row of a results list or table. The test
is deliberately simple and independent of the block reader
(`factcheck/read/blocks.py`), so the reader cannot grade itself:

    the line holds a digit, is at most 120 characters long, and has no
    "prose word": no lower-case word that is not one of the labels
    results rows print (votes, seats, share, change, majority, turnout, ...).

"Jane Smith (Lab) 12,345", "- votes 15,395", "Labour | 38.8% | +7.5% |",
"Registered voters:70,217" and "Result: LABOUR GAIN - majority 812" pass;
"Turnout was 63.6 per cent." and "He polled 15,501 votes." do not.

It runs `factcheck batch` once over the gold articles (or reads a report file
given with --reports), matches tool claims to gold claims as score_gold.py
does (imported from --scorer), and prints, over the block figures:

  found      a tool claim matches the gold figure (value and sentence)
  verdict    of those, the tool's verdict is one the gold accepts
  seat       of those with a gold constituency, the tool names the same one
  end2end    found, acceptable verdict and (where the gold has one) the right seat
  false alarms  tool 'inaccurate' verdicts on block lines that no inaccurate gold figure backs
  detect     with --planted: copies of the articles with one accurate block figure changed (as score_gold.py
             changes it), and how many of those changed figures the tool calls inaccurate

usage: python benchmarks/block_score.py ../shared/seeds/gold/*.json ../shared/dev/gold/*.json [--verbose]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import pathlib
import re
import subprocess
import sys
import tempfile

LABELS = {
    "votes", "vote", "seats", "seat", "share", "change", "since", "gained", "gain", "lost", "loss", "hold",
    "elected", "majority", "turnout", "registered", "voters", "electorate", "rejected", "spoilt", "spoiled",
    "ballot", "ballots", "papers", "total", "or", "and", "no", "result", "results", "swing", "party", "vs",
    "seats", "percent", "per", "cent", "pc",
}
CRITERION = ("block line: the gold sentence's line holding the quote has a digit, <= 120 characters, and no "
             "lower-case word outside the results labels (" + ", ".join(sorted(LABELS)) + ")")


def quote_line(sentence: str, quote: str) -> str:
    """The line of a (possibly multi-line) gold sentence that holds the quote's figure."""
    lines = [ln for ln in sentence.split("\n") if ln.strip()]
    digits = re.findall(r"\d[\d,. ]*\d|\d", quote)
    for ln in lines:
        if quote in ln or (digits and all(d in ln for d in digits)):
            return ln
    return lines[-1] if lines else sentence


def is_block_line(line: str) -> bool:
    if not re.search(r"\d", line) or len(line) > 120:
        return False
    prose = [w for w in re.findall(r"[A-Za-z][A-Za-z'’]*", line) if w.islower() and w not in LABELS]
    return not prose


def load_scorer(path: str):
    spec = importlib.util.spec_from_file_location("score_gold", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--scorer", default=str(pathlib.Path(__file__).resolve().parents[2] / "shared/tools/score_gold.py"))
    ap.add_argument("--factcheck", default="factcheck")
    ap.add_argument("--cwd", default=None, help="run the command there (e.g. another checkout, for a before/after)")
    ap.add_argument("--reports", help="a JSONL report file already made for these articles (skip the batch run)")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--planted", action="store_true", help="also plant one wrong figure per accurate block figure")
    a = ap.parse_args()
    sg = load_scorer(a.scorer)

    golds = []
    for p in map(pathlib.Path, a.gold):
        g = json.loads(p.read_text())
        g["slug"] = p.name.split(".")[0]
        g["path"] = p.resolve().parent / g["article"]
        golds.append(g)

    planted = []
    if a.reports:
        out = pathlib.Path(a.reports)
    else:
        work = pathlib.Path(tempfile.mkdtemp(prefix="fc-blocks-"))
        files = []
        for g in golds:
            f = work / f"{g['slug']}.txt"
            text = g["path"].read_text(encoding="utf-8")
            f.write_text(text, encoding="utf-8")
            files.append(str(f))
            for i, c in enumerate(g["claims"] if a.planted else []):
                if c["verdict"] != ["accurate"] or c["kind"] == "rank" or c["quote"] not in text \
                        or not is_block_line(quote_line(c["sentence"], c["quote"])):
                    continue
                pq = sg.perturb(c["quote"], c["qualifier"])
                if not pq:
                    continue
                line = quote_line(c["sentence"], c["quote"])
                at = text.find(line)
                at = text.find(c["quote"], at) if at >= 0 else text.find(c["quote"])
                pf = work / f"{g['slug']}__p{i}.txt"
                pf.write_text(text[:at] + pq[0] + text[at + len(c["quote"]):], encoding="utf-8")
                files.append(str(pf))
                planted.append((pf.stem, c, *pq))
        out = work / "out.jsonl"
        p = subprocess.run([*a.factcheck.split(), "batch", *files, "--format", "jsonl", "--output", str(out),
                            "--no-progress"], capture_output=True, text=True, cwd=a.cwd)
        if p.returncode not in (0, 1):
            sys.exit(f"factcheck batch failed ({p.returncode}): {p.stderr[-2000:]}")
    reports = {}
    for line in out.read_text().splitlines():
        if line.strip():
            r = json.loads(line)
            reports[pathlib.Path(str(r.get("source", "")).split("#", 1)[0]).stem] = r.get("claims", [])

    n = found = ok = seat_n = seat_ok = e2e = fa = 0
    notes = []
    for g in golds:
        claims = reports.get(g["slug"], [])
        for c in g["claims"]:
            if c["kind"] == "rank" or not is_block_line(quote_line(c["sentence"], c["quote"])):
                continue
            n += 1
            t = sg.find(claims, c)
            if not t:
                notes.append((g["slug"], "missed", c["quote"], quote_line(c["sentence"], c["quote"])))
                continue
            found += 1
            good = t.get("verdict") in c["verdict"]
            ok += good
            right_seat = True
            if c.get("constituency"):
                seat_n += 1
                got = (t.get("constituency") or {}).get("ons_id")
                right_seat = got == c["constituency"]
                seat_ok += right_seat
            e2e += good and right_seat
            if not good:
                notes.append((g["slug"], f"verdict {t.get('verdict')} not in {c['verdict']}", c["quote"],
                              quote_line(c["sentence"], c["quote"])))
            elif not right_seat:
                notes.append((g["slug"], f"seat {(t.get('constituency') or {}).get('name')}", c["quote"],
                              quote_line(c["sentence"], c["quote"])))
        for t in claims:
            if t.get("verdict") != "inaccurate" or not is_block_line(quote_line(t.get("sentence") or "",
                                                                                t.get("quote") or "")):
                continue
            gms = [c for c in g["claims"] if sg.same_value((t.get("claimed") or {}).get("value"), c["value"],
                                                          c["quote"] if c.get("qualifier") == "range" else None)
                   and sg.sent_match(t.get("sentence"), c["sentence"], c["quote"])]
            if not any("inaccurate" in gm["verdict"] for gm in gms):
                fa += 1
                notes.append((g["slug"], "false alarm", t.get("quote") or "", (t.get("sentence") or "")[:90]))

    det = 0
    for stem, c, newq, newv in planted:
        signed = -newv if (sg.as_float(c["value"]) or 0) < 0 else newv
        t = sg.find(reports.get(stem, []), dict(c, value=signed, quote=newq,
                                                 sentence=c["sentence"].replace(c["quote"], newq, 1)))
        if t and t.get("verdict") == "inaccurate":
            det += 1
        else:
            notes.append((stem, f"planted error not flagged ({t.get('verdict') if t else 'not found'})", newq,
                          quote_line(c["sentence"], c["quote"])))

    pct = lambda x, y: f"{100.0 * x / y:.1f}%" if y else "-"
    if a.verbose:
        for m in notes:
            print(" | ".join(m))
    print(CRITERION)
    print(f"block figures {n}: found {pct(found, n)}, verdict {pct(ok, found)}, seat {pct(seat_ok, seat_n)} "
          f"(of {seat_n} with a seat), end2end {pct(e2e, n)} ({e2e}/{n}), false alarms on block lines {fa}"
          + (f", planted errors detected {pct(det, len(planted))} ({det}/{len(planted)})" if planted else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
