"""`--min-confidence` beside `--fail-on`: a desk can gate on sure errors only. Real CLI subprocesses for
`run` and `batch`; the resumed tally (JSONL and CSV) is also read in process.

The thresholds are taken from the reports themselves (the claims' calibrated confidences), so the tests
hold whatever the calibration table says.
"""
from __future__ import annotations

import json

import pytest

from factcheck.batch import csv_header, report_outcome, scan_output
from factcheck.models import Article


@pytest.fixture(scope="module")
def seat(seat_named):
    return seat_named("Clacton")


@pytest.fixture(scope="module")
def texts(seat):
    w = seat.winner
    return {
        "wrong": f"{w.name} polled {w.votes + 1234:,} votes in {seat.name}.\n",
        "right": f"{w.name} won {seat.name} by {seat.majority:,} votes.\n",
        "unsure": f"{w.name} won {seat.name}, where {seat.electorate:,} people had their say.\n",
    }


@pytest.fixture(scope="module")
def batch_run(cli, texts, tmp_path_factory):
    """One batch over the three articles: the files, the JSONL it wrote and each article's claims."""
    root = tmp_path_factory.mktemp("confidence")
    paths = {}
    for name, text in texts.items():
        paths[name] = root / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    out = root / "reports.jsonl"
    r = cli("batch", *map(str, paths.values()), "--output", str(out), "--fail-on", "never", "--jobs", "1")
    assert r.returncode == 0, r.stderr
    claims = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        name = record["source"].rsplit("/", 1)[-1].removesuffix(".txt")
        claims[name] = [(c["verdict"], c["confidence"]) for c in record["claims"]]
    return paths, out, claims


def top(claims, verdicts=("inaccurate",)):
    return max((c for v, c in claims if v in verdicts), default=None)


def just_above(confidence: float) -> str:
    return f"{min(1.0, confidence + 0.001):.3f}"


def test_a_sure_error_fails_the_desk_gate(cli, batch_run):
    paths, _, claims = batch_run
    sure = top(claims["wrong"])
    assert sure is not None and sure >= 0.9  # a pinned reading that does not fit: a sure error
    r = cli("run", str(paths["wrong"]), "--fail-on", "inaccurate", "--min-confidence", "0.9")
    assert r.returncode == 1, r.stderr


def test_an_error_less_sure_than_the_gate_passes(cli, batch_run):
    paths, _, claims = batch_run
    sure = top(claims["wrong"])
    if sure >= 1.0:
        pytest.skip("the calibration gives this error full confidence")
    r = cli("run", str(paths["wrong"]), "--fail-on", "inaccurate", "--min-confidence", just_above(sure))
    assert r.returncode == 0, r.stderr


def test_the_gate_applies_to_unverifiable_claims_too(cli, batch_run):
    paths, _, claims = batch_run
    unsure = top(claims["unsure"], ("unverifiable",))
    assert unsure is not None and top(claims["unsure"]) is None  # unverifiable, nothing inaccurate
    r = cli("run", str(paths["unsure"]), "--fail-on", "unverifiable", "--min-confidence", just_above(unsure))
    assert r.returncode == 0, r.stderr


def test_a_resumed_batch_gates_on_the_claims_already_written(cli, batch_run):
    paths, out, claims = batch_run
    sure = top(claims["wrong"])
    # every article is already in the file: nothing is checked again, the exit status comes from its claims
    r = cli("batch", *map(str, paths.values()), "--output", str(out), "--resume", "--min-confidence", "0.9",
            "--jobs", "1")
    assert r.returncode == 1, r.stderr
    assert scan_output(str(out), "jsonl", "inaccurate", 0.9).tally.exit_status() == 1
    assert scan_output(str(out), "jsonl", "inaccurate", float(just_above(sure))).tally.exit_status() == (
        0 if sure < 1.0 else 1)


def test_a_resumed_csv_gates_the_same_way(checker, texts, tmp_path):
    reports = [checker.check(Article(text=t, source=f"{name}.txt")) for name, t in texts.items()]
    csv_path = tmp_path / "claims.csv"
    csv_path.write_text(csv_header() + "".join(report_outcome(r, [], "csv").text for r in reports), encoding="utf-8")
    sure = max(c.confidence for r in reports for c in r.claims if c.verdict == "inaccurate")
    assert scan_output(str(csv_path), "csv", "inaccurate").tally.exit_status() == 1
    assert scan_output(str(csv_path), "csv", "inaccurate", sure).tally.exit_status() == 1
    if sure < 1.0:
        assert scan_output(str(csv_path), "csv", "inaccurate", float(just_above(sure))).tally.exit_status() == 0
    assert scan_output(str(csv_path), "csv", "never", 0.0).tally.exit_status() == 0


@pytest.mark.parametrize("value", ["1.5", "sure"])
def test_a_bad_threshold_is_one_error_line_and_exit_2(cli, value, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Nothing to see.", encoding="utf-8")
    r = cli("run", str(article), "--min-confidence", value)
    assert r.returncode == 2
    err = r.stderr.decode()
    assert err.startswith("factcheck: error:") and "--min-confidence" in err and len(err.strip().splitlines()) == 1
