"""Hostile input through the real command line: every input gets a clean answer.

A clean answer from `factcheck run` is a report (exit 0 or 1, the JSON report
on stdout, nothing but warning lines on stderr) or one error line and exit
2; from `factcheck batch`, a report or a one-line error record for each
article. Never exit 4 (an internal error), never a traceback, never a hang
(each command has two minutes). The inputs are made here, one per class:
sizes, shapes, encodings, markup, archive records, JSON lines, Unicode,
binary. All of them go through one `factcheck batch` run (one pipeline
load); every refused input, and one input of each class that is read, also
goes through its own `factcheck run`.
"""
from __future__ import annotations

import codecs
import gzip
import json
import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import archive_record, run_cli
from factcheck.jsonschema_gen import load_published_schema

VALIDATOR = Draft202012Validator(load_published_schema())
# Official 2024 Leicester South: Shockat Adam (Ind) 14,739 votes, majority 979.
CLAIM = "Shockat Adam won Leicester South by 979 votes."
_rng = random.Random(7)


def _noise(n: int) -> bytes:
    return bytes(_rng.randrange(256) for _ in range(n))


# name -> the file's bytes
INPUTS: dict[str, bytes] = {
    # sizes
    "empty": b"",
    "only-whitespace": b"  \n\t\r\n \f ",
    "one-digit": b"7",
    "line-over-spacy-limit": ("the count went on all night " * 38_000 + CLAIM).encode(),
    "many-blank-lines": ("\n" * 100_000 + CLAIM).encode(),
    # shapes
    "figures-on-one-line": ("Shockat Adam won by 979 votes " * 300).encode(),
    "bare-numbers": " ".join(str(_rng.randint(1, 10 ** 6)) for _ in range(2000)).encode(),
    "one-digit-numbers": ("1 " * 5000).encode(),
    "one-long-word": ("x" * 200_000).encode(),
    "number-of-5000-digits": ("He won by " + "9" * 5000 + " votes.").encode(),
    "run-of-200000-digits": ("9" * 200_000).encode(),
    "separators-only": ("1," * 20_000 + "000").encode(),
    "hedges-then-a-figure": ("more than " * 10_000 + "979 votes").encode(),
    "punctuation-only": ("%,.-+()" * 10_000).encode(),
    # encodings
    "utf-8-bom": codecs.BOM_UTF8 + CLAIM.encode(),
    "utf-16-le": codecs.BOM_UTF16_LE + CLAIM.encode("utf-16-le"),
    "utf-16-be": codecs.BOM_UTF16_BE + CLAIM.encode("utf-16-be"),
    "latin-1": (CLAIM + " Café.").encode("latin-1"),
    "invalid-utf-8": b"Shockat Adam won \xc3\x28 Leicester South by 979 \xed\xa0\x80 votes.",
    "mojibake": (CLAIM + " â€“ a gain.").encode(),
    "crlf": CLAIM.replace(" by", "\r\nby").encode(),
    "cr-only": (CLAIM + "\r" + CLAIM).encode(),
    # markup
    "html-nested-20000-deep": ("<div>" * 20_000 + CLAIM + "</div>" * 20_000).encode(),
    "html-script-only": b"<html><head><script>alert(1)</script><style>p{}</style></head><body></body></html>",
    "html-unclosed": b"<p>Shockat Adam won <b>Leicester South by <i>979 votes.",
    "html-entities": b"<p>Shockat Adam won Leicester South by 9&#8203;79&nbsp;votes &amp; more.</p>",
    "html-huge-attribute": b"<p title='" + b"a" * 300_000 + b"'>" + CLAIM.encode() + b"</p>",
    "xml": b"<?xml version='1.0'?><doc><p>" + CLAIM.encode() + b"</p></doc>",
    # archive records and JSON lines
    "archive-without-end": archive_record(CLAIM, fn="x").replace("T-E-X-T-E-N-D.", "").encode(),
    "archive-without-text-start": b"F-N-S-T-A-R-T. x F-N-E-N-D. " + CLAIM.encode() + b" T-E-X-T-E-N-D.",
    "archive-empty-body": archive_record("   ", fn="x").encode(),
    "archive-three-records": (archive_record(CLAIM, fn="a") * 3).encode(),
    "jsonl-bad-second-line": b'{"text": "a"}\n{not json\n',
    "jsonl-without-text": b'{"title": "x"}\n',
    "jsonl-text-a-number": b'{"text": 979}\n',
    "jsonl-nested-100000-deep": b'{"text": "a", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
    "jsonl-lone-surrogate": b'{"text": "Shockat Adam won by 979 votes \\ud800."}\n',
    # Unicode
    "zero-width-space-in-figure": "Shockat Adam won Leicester South by 9\u200b79 votes.".encode(),
    "soft-hyphen-in-figure": "Shockat Adam won Leicester South by 9\u00ad79 votes.".encode(),
    "no-break-space-separator": "Shockat Adam won Leicester South with 14\u00a0739 votes.".encode(),
    "thin-space-separator": "Shockat Adam won Leicester South with 14\u2009739 votes.".encode(),
    "fullwidth-digits": "Shockat Adam won Leicester South by \uff19\uff17\uff19 votes.".encode(),
    "bidi-emoji-combining": ("\u202eShockat Adam\u202c won \U0001F469\u200d\U0001F467 Leicester South by 979 votes. "
                             "e\u0301\u0301\u0301").encode(),
    "control-characters": ("Shockat Adam won\x07 Leicester South by 979\x1b[31m votes.").encode(),
    "replacement-characters": ("\ufffd" * 1000 + CLAIM).encode(),
    # binary
    "png": bytes.fromhex("89504e470d0a1a0a0000000d49484452") + _noise(2000),
    "random-bytes": _noise(5000),
    "gzip": gzip.compress(CLAIM.encode() * 100),
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + _noise(3000),
    "nul-inside-text": CLAIM.encode() + b"\x00" + CLAIM.encode(),
    "utf-16-without-bom": CLAIM.encode("utf-16-le"),
}

# inputs refused with one error line and exit 2, and what the line says
REFUSED = {
    "empty": "is empty",
    "only-whitespace": "is empty",
    "html-script-only": "has no article text",
    "archive-empty-body": "has no article text",
    "jsonl-bad-second-line": "line 2 is not valid JSON",
    "jsonl-without-text": 'line 1 has no "text" string field',
    "jsonl-text-a-number": 'line 1 has no "text" string field',
    "jsonl-nested-100000-deep": "line 1 is JSON nested too deeply to read",
    "png": "looks like a binary file",
    "random-bytes": "looks like a binary file",
    "gzip": "looks like a binary file",
    "pdf": "looks like a binary file",
    "nul-inside-text": "looks like a binary file",
    "utf-16-without-bom": "looks like a binary file",
}

# inputs read as the one Leicester South claim, checked and accurate: the figure survives whatever surrounds it
ONE_ACCURATE_CLAIM = [
    "line-over-spacy-limit", "many-blank-lines", "utf-8-bom", "utf-16-le", "utf-16-be", "latin-1",
    "invalid-utf-8", "mojibake", "html-nested-20000-deep", "html-unclosed", "html-entities",
    "html-huge-attribute", "xml", "archive-without-end", "archive-without-text-start", "archive-three-records",
    "zero-width-space-in-figure", "soft-hyphen-in-figure", "no-break-space-separator", "thin-space-separator",
    "fullwidth-digits", "bidi-emoji-combining", "control-characters", "replacement-characters",
]

# inputs with no claim at all: nothing in them can be an election figure about a named subject
NO_CLAIM = ["one-digit", "bare-numbers", "one-digit-numbers", "one-long-word", "number-of-5000-digits",
            "run-of-200000-digits", "separators-only", "punctuation-only"]


# read inputs that also go through their own `factcheck run`: one of each class
RUN_ALSO = ["figures-on-one-line", "number-of-5000-digits", "utf-16-le", "html-nested-20000-deep",
            "archive-three-records", "zero-width-space-in-figure", "no-break-space-separator", "fullwidth-digits"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, data in INPUTS.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def answers(folder) -> dict:
    """`factcheck run FILE --format json` for every refused input and the RUN_ALSO ones, two at a time."""
    def run(name: str):
        return name, run_cli("run", str(folder / name), "--format", "json", timeout=120)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(run, [*REFUSED, *RUN_ALSO]))


@pytest.fixture(scope="module")
def batch(folder, tmp_path_factory) -> tuple:
    """One `factcheck batch` over every input: (process, records by source name)."""
    out = tmp_path_factory.mktemp("hostile-out") / "reports.jsonl"
    proc = run_cli("batch", str(folder), "--jobs", "1", "--output", str(out), timeout=120)
    records: dict[str, list[dict]] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        records.setdefault(Path(record["source"].split("#")[0]).name, []).append(record)
    return proc, records


def _report(proc) -> dict:
    report = json.loads(proc.stdout)
    assert [e.message for e in VALIDATOR.iter_errors(report)] == []
    return report


def test_the_batch_run_ends_cleanly(batch):
    proc, records = batch
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr
    assert proc.returncode == 3, stderr  # some inputs are refused, each as an error record
    assert set(records) == set(INPUTS)


@pytest.mark.parametrize("name", list(INPUTS))
def test_every_input_gets_a_report_or_a_one_line_error(batch, name):
    """A refused file is an error record; in a JSON lines file only the bad line is (the good ones are read)."""
    records = batch[1][name]
    errors = [r["error"] for r in records if "error" in r]
    for record in records:
        if "error" in record:
            assert set(record) == {"source", "error"} and "\n" not in record["error"]
        else:
            assert [e.message for e in VALIDATOR.iter_errors(record)] == []
    if name in REFUSED:
        assert len(errors) == 1 and REFUSED[name] in errors[0], errors
    else:
        assert errors == []


@pytest.mark.parametrize("name", [*REFUSED, *RUN_ALSO])
def test_run_gives_a_clean_answer(answers, name):
    proc = answers[name]
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr
    assert proc.returncode in (0, 1, 2), stderr
    if proc.returncode == 2:
        assert proc.stdout == b""
        assert stderr.count("\n") == 1 and stderr.startswith("factcheck: error: "), stderr
        assert name in REFUSED, stderr
        assert REFUSED[name] in stderr
    else:
        assert name not in REFUSED
        assert all(line.startswith("factcheck: warning: ") for line in stderr.splitlines()), stderr
        report = _report(proc)
        assert proc.returncode == int(report["summary"]["inaccurate"] > 0)


@pytest.mark.parametrize("name", ONE_ACCURATE_CLAIM)
def test_the_claim_survives_its_surroundings(batch, name):
    for record in batch[1][name]:
        claims = [(c["claimed"]["value"], c["verdict"]) for c in record["claims"]]
        assert claims in ([(979, "accurate")], [(14739, "accurate")]), claims


@pytest.mark.parametrize("name", NO_CLAIM)
def test_no_claim_where_there_is_no_election_figure(batch, name):
    [record] = batch[1][name]
    assert record["claims"] == []


def test_figures_on_one_line_are_each_checked(answers, batch):
    expected = {"claims": 300, "accurate": 300, "inaccurate": 0, "unverifiable": 0}
    assert _report(answers["figures-on-one-line"])["summary"] == expected
    assert batch[1]["figures-on-one-line"][0]["summary"] == expected


def test_run_reads_as_batch_does(answers, batch):
    for name in RUN_ALSO:
        first = batch[1][name][0]
        assert _report(answers[name])["claims"] == first["claims"], name


def test_warnings_name_what_was_repaired(answers, batch):
    assert "no T-E-X-T-E-N-D. marker" in batch[0].stderr.decode()
    assert "undecodable bytes" in batch[0].stderr.decode()
    assert "holds 3 articles" in answers["archive-three-records"].stderr.decode()
    assert len(batch[1]["archive-three-records"]) == 3


@pytest.mark.parametrize("data,message", [
    (b"", "factcheck: error: standard input is empty\n"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
     "factcheck: error: standard input looks like a binary file, not an article\n"),
])
def test_standard_input_is_refused_the_same_way(cli, data, message):
    proc = cli("run", "-", "--format", "json", input=data)
    assert proc.returncode == 2
    assert proc.stderr.decode() == message


def test_the_inputs_cover_every_class():
    classes = {"sizes": "empty", "shapes": "figures-on-one-line", "encodings": "utf-16-le", "markup": "xml",
               "archive records": "archive-without-end", "json lines": "jsonl-bad-second-line",
               "unicode": "zero-width-space-in-figure", "binary": "png"}
    assert set(classes.values()) <= set(INPUTS)
    assert set(REFUSED) | set(ONE_ACCURATE_CLAIM) | set(NO_CLAIM) | set(RUN_ALSO) <= set(INPUTS)
