"""Time per figure as inputs double: the cost of checking must grow with the figures, not their square.

Four shapes, each built here from the reference tables (every figure is a
real 2024 result, so the checker has something to link and judge), each
doubled from the smallest size to the largest:

  articles   many short articles, one seat each, a few figures apiece
  article    one long article: the same paragraphs, one per line
  line       one long line: the same statements with their line breaks and
             full stops lost, as scraped archives and CMS exports deliver them
  numbers    one line of bare numbers (no claims: the reader must still read
             and drop each of them)

For each shape and size the script reads and checks the input in this
process, with a `Checker` loaded once (so the figures are the cost of the
input, not of start-up), runs each input `--repeat` times and keeps the
fastest, and prints the wall and CPU time, the claims made and the CPU time
per figure written (CPU time, since wall time on a shared
machine also counts the other work running). Flat means the time per figure
at the largest size is within `FLAT` of the smallest. It then runs the command the issue timed,
`factcheck run one-line.txt --format json`, on the one-line shape with
`--target-figures` figures, start-up included, against `TARGET_ONE_LINE_S`.

    python benchmarks/scaling.py                       # 250 .. 4,000 figures
    python benchmarks/scaling.py --sizes 500,1000,2000 --json benchmarks/out/scaling.json

The script reports and judges; it exits 0 whatever the figures, 2 when a
command fails.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parent.parent
FLAT = 1.5  # largest size's time per figure over the smallest's
TARGET_ONE_LINE_S = 10.0
SHAPES = ("articles", "article", "line", "numbers")


# ---------------------------------------------------------------- inputs
def _statements(ref, rng: random.Random) -> list[list[tuple[str, int]]]:
    """Per seat, sentences with the number of figures each writes, drawn from the official results."""
    seats = sorted(ref.seats.values(), key=lambda s: s.ons_id)
    out = []
    for seat in seats:
        winner, runner = seat.winner, seat.runner_up
        if runner is None:
            continue
        sentences = [
            (f"In {seat.name}, {winner.name} ({winner.party_name}) won with {winner.votes:,} votes, "
             f"a majority of {seat.majority:,}", 2),
            (f"{runner.name} ({runner.party_name}) came second with {runner.share:.1f}% of the vote", 1),
        ]
        if seat.turnout_valid() is not None:
            sentences.append((f"Turnout in {seat.name} was {seat.turnout_valid():.1f}%", 1))
        out.append(sentences)
    rng.shuffle(out)
    return out


def build(shape: str, figures: int, ref, seed: int = 11) -> tuple[list[str], int]:
    """(texts, figures written) for one shape with about `figures` figures."""
    rng = random.Random(seed)
    if shape == "numbers":
        return [" ".join(str(rng.randint(100, 99_999)) for _ in range(figures))], figures
    per_seat = _statements(ref, rng)
    paragraphs, written = [], 0
    i = 0
    while written < figures:
        sentences = per_seat[i % len(per_seat)]
        i += 1
        paragraphs.append(sentences)
        written += sum(n for _, n in sentences)
    if shape == "articles":
        return [" ".join(s + "." for s, _ in p) for p in paragraphs], written
    if shape == "article":
        return ["\n\n".join(" ".join(s + "." for s, _ in p) for p in paragraphs)], written
    if shape == "line":
        return [" ".join(s for p in paragraphs for s, _ in p)], written
    raise ValueError(shape)


# ---------------------------------------------------------------- measuring
def measure(checker, texts: list[str]) -> tuple[float, float, int]:
    """(wall s, CPU s, claims): CPU time is what the input costs; wall time also counts whatever else runs."""
    from factcheck.read.ingest import read_text

    wall, cpu = time.perf_counter(), time.process_time()
    claims = 0
    for i, text in enumerate(texts):
        for report in checker.check_many(read_text(text, f"t{i}")):
            claims += len(report.claims)
    return time.perf_counter() - wall, time.process_time() - cpu, claims


def one_line_command(python: str, figures: int, ref, work: Path) -> tuple[float, float, int]:
    texts, written = build("line", figures, ref)
    path = work / f"one-line-{figures}.txt"
    path.write_text(texts[0] + "\n", encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([python, "-m", "factcheck", "run", str(path), "--format", "json"], cwd=REPO,
                          capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"factcheck run exited with {proc.returncode}: {proc.stderr.decode()[-2000:]}")
    return wall, cpu, len(json.loads(proc.stdout)["claims"])


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="250,500,1000,2000,4000", help="figures per input, comma-separated")
    parser.add_argument("--shapes", default=",".join(SHAPES), help=f"any of {', '.join(SHAPES)}")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each input; the fastest counts (default: 3)")
    parser.add_argument("--target-figures", type=int, default=2000, help="figures in the timed one-line command")
    parser.add_argument("--python", default=sys.executable, help="interpreter for the command (default: this one)")
    parser.add_argument("--json", dest="json_out", metavar="OUT", help="also write the measurements as JSON to OUT")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    shapes = [s for s in args.shapes.split(",") if s]
    if not sizes or min(sizes) < 1 or args.repeat < 1 or any(s not in SHAPES for s in shapes):
        parser.error("--sizes must be positive integers and --shapes a subset of " + ", ".join(SHAPES))

    sys.path.insert(0, str(REPO))
    from factcheck.api import Checker

    load_before = os.getloadavg()
    checker = Checker()
    ref = checker.ref
    measure(checker, build("articles", 50, ref)[0])  # warm caches before the first timing

    results: dict[str, list[dict]] = {}
    print(f"{'shape':<9} {'figures':>8} {'claims':>7} {'wall s':>8} {'CPU s':>8} {'CPU ms/figure':>14}")
    for shape in shapes:
        rows = results.setdefault(shape, [])
        for size in sizes:
            texts, written = build(shape, size, ref)
            wall, cpu, claims = min((measure(checker, texts) for _ in range(args.repeat)), key=lambda r: r[1])
            rows.append({"figures": written, "claims": claims, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                         "ms_per_figure": round(1000 * cpu / written, 3), "chars": sum(len(t) for t in texts)})
            print(f"{shape:<9} {written:>8,} {claims:>7,} {wall:>8.2f} {cpu:>8.2f} {1000 * cpu / written:>14.2f}",
                  flush=True)
    print()
    verdicts = {}
    for shape, rows in results.items():
        growth = rows[-1]["ms_per_figure"] / rows[0]["ms_per_figure"] if len(rows) > 1 else 1.0
        verdicts[shape] = growth
        print(f"{shape}: time per figure x{growth:.2f} from {rows[0]['figures']:,} to {rows[-1]['figures']:,} "
              f"figures ({'flat' if growth <= FLAT else 'NOT flat'}: target <= {FLAT})")

    with tempfile.TemporaryDirectory(prefix="factcheck-scaling-") as work:
        try:
            wall, cpu, claims = one_line_command(args.python, args.target_figures, ref, Path(work))
        except RuntimeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    print(f"factcheck run one-line.txt --format json, {args.target_figures:,} figures on one line: {wall:.1f} s wall, "
          f"{cpu:.1f} s CPU, {claims:,} claims ({'meets' if wall < TARGET_ONE_LINE_S else 'misses'} target "
          f"< {TARGET_ONE_LINE_S} s)")
    load_after = os.getloadavg()
    env = (f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}; "
           f"load average {load_before[1]:.2f} before, {load_after[1]:.2f} after (5 min)")
    print(env)
    if args.json_out:
        out = Path(args.json_out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"environment": env, "shapes": results, "growth": verdicts, "flat_target": FLAT,
                                   "one_line_command": {"figures": args.target_figures, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                                                        "claims": claims, "target_s": TARGET_ONE_LINE_S}},
                                  indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
