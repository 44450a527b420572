"""The command line as a pre-publication gate and a shell script see it.

Every test goes through a real `python -m factcheck` subprocess, because the
contract lives at the process boundary: exit status, what reaches stdout and
what reaches stderr. Each run loads spaCy afresh, so runs are shared between
tests through module-scoped fixtures and each one is asserted on as fully as
it allows.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from factcheck.jsonschema_gen import load_published_schema

SAMPLE_HTML = "corpora/000_a446447a5ae0ae22.txt"
SAMPLE_ARCHIVE = "corpora/001_2affce01765db85e.txt"
SAMPLES = (SAMPLE_HTML, SAMPLE_ARCHIVE)
ARCHIVE_TITLE = "Pro-Gaza candidates squeeze Labour vote in some constituencies"
ARCHIVE_DATE = "2024-07-05"

# Official 2024 Leicester South majority: 979.
ACCURATE = "Shockat Adam won Leicester South by 979 votes.\n"
INACCURATE = "Shockat Adam won Leicester South by 1,979 votes.\n"
# A by-election is outside the reference tables: the only claim is unverifiable.
UNVERIFIABLE = "George Galloway won 40% of the vote in the February by-election in Rochdale.\n"
UNDECODABLE = b"Shockat Adam won Leicester South by 979 votes. \xff\xfe caf\xe9\n"

ERROR_PREFIX = "factcheck: error:"
ANSI = re.compile(r"\x1b\[")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
SUMMARY_LINE = re.compile(r"(\d+) claims? checked: (\d+) accurate, (\d+) inaccurate, (\d+) unverifiable")
VALIDATOR = Draft202012Validator(load_published_schema())


# ---------------------------------------------------------------- helpers
def schema_errors(document: object) -> list[str]:
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(document)]


def out(proc: subprocess.CompletedProcess) -> str:
    return proc.stdout.decode("utf-8")


def err(proc: subprocess.CompletedProcess) -> str:
    return proc.stderr.decode("utf-8", "replace")


def status_for(report: dict, fail_on: str = "inaccurate") -> int:
    summary = report["summary"]
    if fail_on == "never":
        return 0
    if fail_on == "unverifiable":
        return int(summary["inaccurate"] > 0 or summary["unverifiable"] > 0)
    return int(summary["inaccurate"] > 0)


def check_report(report: dict, source: str) -> None:
    """A report as a consumer relies on it: schema-valid, counted right, quotes findable, no markup."""
    assert schema_errors(report) == []
    assert report["source"] == source
    verdicts = [c["verdict"] for c in report["claims"]]
    assert report["summary"] == {
        "claims": len(verdicts),
        "accurate": verdicts.count("accurate"),
        "inaccurate": verdicts.count("inaccurate"),
        "unverifiable": verdicts.count("unverifiable"),
    }
    for claim in report["claims"]:
        assert claim["quote"] in claim["sentence"], claim
        assert not HTML_TAG.search(claim["sentence"]), claim["sentence"]


def json_report(proc: subprocess.CompletedProcess, source: str) -> dict:
    assert "Traceback" not in err(proc)
    report = json.loads(out(proc))
    check_report(report, source)
    return report


def summary_counts(text: str) -> dict:
    match = SUMMARY_LINE.search(text)
    assert match, text
    return dict(zip(("claims", "accurate", "inaccurate", "unverifiable"), map(int, match.groups())))


def assert_one_line_error(proc: subprocess.CompletedProcess) -> str:
    stderr = err(proc)
    assert proc.returncode == 2, stderr
    assert proc.stdout == b""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    line = lines[0]
    assert line.startswith(ERROR_PREFIX) and line[len(ERROR_PREFIX):].strip(), line
    return line


# ---------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, str]:
    """Small articles and bad inputs on disk; absolute paths, since the CLI runs from the project root."""
    root = tmp_path_factory.mktemp("cli")
    contents: dict[str, bytes] = {
        "accurate.txt": ACCURATE.encode(),
        "inaccurate.txt": INACCURATE.encode(),
        "unverifiable.txt": UNVERIFIABLE.encode(),
        "undecodable.txt": UNDECODABLE,
        "empty.txt": b"",
        "whitespace.txt": b" \n\t\r\n  \n",
        "binary.dat": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 8,
    }
    paths = {"dir": str(root), "missing": str(root / "missing.txt"), "no_data": str(root / "no_data")}
    for name, data in contents.items():
        path = root / name
        path.write_bytes(data)
        paths[Path(name).stem] = str(path)
    return paths


@pytest.fixture(scope="module")
def json_runs(cli) -> dict[str, subprocess.CompletedProcess]:
    return {path: cli("run", path, "--format", "json") for path in SAMPLES}


@pytest.fixture(scope="module")
def sample_reports(json_runs) -> dict[str, dict]:
    return {path: json.loads(out(proc)) for path, proc in json_runs.items()}


# ---------------------------------------------------------------- run: output formats
@pytest.mark.parametrize("path", SAMPLES)
def test_run_json_report_is_valid_and_exit_status_follows_verdicts(json_runs, path):
    proc = json_runs[path]
    report = json_report(proc, path)
    assert report["claims"], "the sample articles hold checkable figures"
    assert proc.returncode == status_for(report)


def test_run_json_keeps_archive_title_and_date(sample_reports):
    report = sample_reports[SAMPLE_ARCHIVE]
    assert (report["title"], report["date"]) == (ARCHIVE_TITLE, ARCHIVE_DATE)


def test_run_text_report_has_no_escape_codes_off_a_terminal(cli, sample_reports):
    proc = cli("run", SAMPLE_ARCHIVE, "--format", "text")
    text = out(proc)
    assert not ANSI.search(text)
    assert ARCHIVE_TITLE in text and f"Source: {SAMPLE_ARCHIVE}" in text
    assert summary_counts(text) == sample_reports[SAMPLE_ARCHIVE]["summary"]
    assert proc.returncode == status_for(sample_reports[SAMPLE_ARCHIVE])
    assert "Traceback" not in err(proc)


def test_run_text_report_is_coloured_when_asked_even_off_a_terminal(cli, files):
    # `--color` is for `factcheck run --color ... | less -R`: the pipe must not cost the colours.
    proc = cli("run", files["accurate"], "--format", "text", "--color")
    assert proc.returncode == 0, err(proc)
    assert ANSI.search(out(proc))


def test_run_markdown_to_output_file(cli, sample_reports, tmp_path):
    target = tmp_path / "report.md"
    proc = cli("run", SAMPLE_ARCHIVE, "--format", "markdown", "--output", str(target))
    assert proc.stdout == b""
    assert "Traceback" not in err(proc)
    expected = sample_reports[SAMPLE_ARCHIVE]
    assert proc.returncode == status_for(expected)
    markdown = target.read_text(encoding="utf-8")
    lines = markdown.splitlines()
    assert lines[0] == f"# Fact-check: {ARCHIVE_TITLE}"
    assert summary_counts(markdown) == expected["summary"]
    header = lines.index("| Verdict | Kind | Claim (quote) | Official | Seat | Explanation |")
    assert lines[header + 1] == "| --- | --- | --- | --- | --- | --- |"
    rows = [ln for ln in lines[header + 2:] if ln.startswith("| ")]
    assert len(rows) == len(expected["claims"])
    assert all(ln.endswith(" |") and ln.count(" | ") >= 5 for ln in rows)


def test_run_reads_standard_input(cli):
    proc = cli("run", "-", "--format", "json", input=ACCURATE)
    report = json_report(proc, "-")
    assert [(c["verdict"], c["quote"]) for c in report["claims"]] == [("accurate", "979")]
    assert proc.returncode == 0


# ---------------------------------------------------------------- run: exit status
def test_inaccurate_claim_exits_1(cli, files):
    proc = cli("run", files["inaccurate"], "--format", "json")
    report = json_report(proc, files["inaccurate"])
    assert report["summary"]["inaccurate"] == 1
    assert re.search(r"(?<![\d,])979\b", report["claims"][0]["correction"])
    assert proc.returncode == 1


def test_fail_on_never_exits_0_despite_inaccurate_claim(cli, files):
    proc = cli("run", files["inaccurate"], "--fail-on", "never")
    assert proc.returncode == 0, err(proc)
    assert summary_counts(out(proc))["inaccurate"] == 1


def test_fail_on_unverifiable_exits_1_for_unverifiable_claim(cli, files):
    proc = cli("run", files["unverifiable"], "--format", "json", "--fail-on", "unverifiable")
    report = json_report(proc, files["unverifiable"])
    assert (report["summary"]["unverifiable"], report["summary"]["inaccurate"]) == (1, 0)
    assert proc.returncode == 1


def test_unverifiable_claim_passes_the_default_threshold(cli, files):
    proc = cli("run", files["unverifiable"])
    assert proc.returncode == 0, err(proc)
    assert summary_counts(out(proc)) == {"claims": 1, "accurate": 0, "inaccurate": 0, "unverifiable": 1}


# ---------------------------------------------------------------- run: bad input
BAD_INPUT = [
    pytest.param(lambda f: ["run", f["missing"]], r"no such file: .*missing\.txt", id="missing-path"),
    pytest.param(lambda f: ["run", f["dir"]], r"is a directory", id="directory"),
    pytest.param(lambda f: ["run", f["empty"]], r"empty\.txt is empty", id="empty-file"),
    pytest.param(lambda f: ["run", f["whitespace"]], r"whitespace\.txt is empty", id="whitespace-only-file"),
    pytest.param(lambda f: ["run", f["binary"]], r"binary\.dat looks like a binary file", id="binary-file"),
    pytest.param(lambda f: ["run", "--bogus", f["accurate"]], r"--bogus", id="unknown-option"),
    pytest.param(lambda f: ["run", "--format", "xml", f["accurate"]], r"--format.*'xml'", id="bad-format"),
    # the one line must tell the user how to get the pipeline
    pytest.param(lambda f: ["run", "--model", "no_such_model_xyz", f["accurate"]],
                 r"no_such_model_xyz.*(?:pip install|python -m spacy download) \S", id="missing-model"),
    pytest.param(lambda f: ["run", "--data-dir", f["no_data"], f["accurate"]], r"reference data.*no_data",
                 id="missing-reference-data"),
    pytest.param(lambda f: ["run", "--output", f["dir"], f["accurate"]], r"cannot write", id="unwritable-output"),
]


@pytest.mark.parametrize("args, pattern", BAD_INPUT)
def test_bad_input_is_one_error_line_and_exit_2(cli, files, args, pattern):
    line = assert_one_line_error(cli(*args(files)))
    assert re.search(pattern, line), line


def test_undecodable_bytes_cost_a_warning_not_the_article(cli, files):
    proc = cli("run", files["undecodable"], "--format", "json")
    report = json_report(proc, files["undecodable"])
    assert proc.returncode in (0, 1) and proc.returncode == status_for(report)
    assert [(c["verdict"], c["quote"]) for c in report["claims"]] == [("accurate", "979")]
    warnings = [ln for ln in err(proc).splitlines() if "warning" in ln]
    assert warnings and "undecodable" in warnings[0]


# ---------------------------------------------------------------- schema
def test_schema_command_prints_the_committed_schema(cli):
    proc = cli("schema")
    assert proc.returncode == 0, err(proc)
    assert json.loads(out(proc)) == load_published_schema()


def test_an_internal_error_is_one_line_and_status_4(tmp_path):
    """A bug must not reach the user as a traceback: the real CLI entry point, with the checker made to fail."""
    article = tmp_path / "a.txt"
    article.write_text("Shockat Adam won Leicester South by 979 votes.", encoding="utf-8")
    code = ("import sys, factcheck.api as api\n"
            "def broken(self, article):\n"
            "    raise RuntimeError('boom')\n"
            "api.Checker.check = broken\n"
            "from factcheck.cli import main\n"
            f"main(['run', {str(article)!r}])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 4
    lines = out.stderr.strip().splitlines()
    assert lines == ["factcheck: error: internal error: RuntimeError: boom (please report it)"]
    assert "Traceback" not in out.stderr and out.stdout == ""
