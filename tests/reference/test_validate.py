"""A broken reference table must stop the checker, not quietly change verdicts.

Each test copies the published tables, damages one file the way a bad
download, a careless edit or a half-finished copy would, and expects one
`ReferenceDataError` whose message names the file and the fault, so the
person running the checker knows what to restore.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
import stat
from pathlib import Path

import pytest

from factcheck.reference import ReferenceDataError, UK2024
from factcheck.reference.uk2024 import FILES
from factcheck.reference.validate import MANIFEST, ROWS

DATA = Path(__file__).resolve().parents[2] / "reference_data"
ARTICLE = "corpora/000_a446447a5ae0ae22.txt"

CAND_2024 = FILES["candidates_2024"]
CONS_2024 = FILES["constituencies_2024"]
NOTIONAL = FILES["notional_2019"]
CAND_2019 = FILES["candidates_2019"]
CENSUS = FILES["census_religion"]
ALL_FILES = [CAND_2024, CONS_2024, NOTIONAL, CAND_2019, CENSUS]

BRADFORD_WEST = "E14001120"

# per file: one row (matched on these columns) and a number column in it
ROW_IN = {
    CAND_2024: ({"ONS ID": BRADFORD_WEST, "Candidate surname": "Shah"}, "Votes"),
    CONS_2024: ({"Constituency name": "Leicester South"}, "Electorate"),
    NOTIONAL: ({"ons_id": BRADFORD_WEST, "party_abbreviation": "Lab"}, "votes"),
    CAND_2019: ({"constituency_name": "Saffron Walden", "surname": "Badenoch"}, "votes"),
    CENSUS: ({"Post-2019 Westminster Parliamentary constituencies": "Bradford West",
              "Religion (10 categories)": "Muslim"}, "Observation"),
}

# per file: a required column to rename
REQUIRED = {
    CAND_2024: "Party abbreviation",
    CONS_2024: "Majority",
    NOTIONAL: "valid_votes",
    CAND_2019: "votes",
    CENSUS: "Observation",
}


# ---------------------------------------------------------------- helpers
@pytest.fixture
def data(tmp_path) -> Path:
    """A private, writable copy of the published tables."""
    target = tmp_path / "reference_data"
    shutil.copytree(DATA, target)
    for f in target.iterdir():
        f.chmod(f.stat().st_mode | stat.S_IWUSR)
    return target


def _error(data_dir: Path, **kwargs) -> str:
    with pytest.raises(ReferenceDataError) as info:
        UK2024(data_dir, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


def _lines(path: Path) -> list[str]:
    # decode as plain UTF-8 so a byte-order mark survives the round trip
    return path.read_bytes().decode("utf-8").splitlines(keepends=True)


def _fields(line: str) -> list[str]:
    return next(csv.reader([line.lstrip("\ufeff").rstrip("\r\n")]))


def _edit(path: Path, where: dict[str, str], column: str, change) -> tuple[int, str, str]:
    """Rewrite one cell of the single row matching `where`; every other byte stays as published.

    Returns the file line number (header = 1), the old and the new value.
    """
    lines = _lines(path)
    header = _fields(lines[0])
    col = header.index(column)
    hits = [i for i, line in enumerate(lines[1:], 1)
            if all(_fields(line)[header.index(k)].strip() == v for k, v in where.items())]
    assert len(hits) == 1, f"{where} matches {len(hits)} rows of {path.name}"
    i = hits[0]
    fields = _fields(lines[i])
    old = fields[col]
    fields[col] = new = change(old)
    ending = lines[i][len(lines[i].rstrip("\r\n")):]
    out = io.StringIO()
    csv.writer(out, lineterminator=ending).writerow(fields)
    lines[i] = out.getvalue()
    path.write_bytes("".join(lines).encode("utf-8"))
    return i + 1, old, new


def _plus_one(value: str) -> str:
    return str(int(value) + 1)


# ---------------------------------------------------------------- the copy itself
def test_an_untouched_copy_loads(data):
    """Guards every test below: the failures come from the damage, not from the copying."""
    ref = UK2024(data)
    assert len(ref.seats) == 650


# ---------------------------------------------------------------- every table, every kind of damage
@pytest.mark.parametrize("name", ALL_FILES)
def test_missing_file(data, name):
    (data / name).unlink()
    message = _error(data)
    assert message.startswith(f"{name}:")
    assert "missing" in message


@pytest.mark.parametrize("name", ALL_FILES)
def test_empty_file(data, name):
    (data / name).write_bytes(b"")
    message = _error(data)
    assert message == f"{name}: file is empty"


@pytest.mark.parametrize("name", ALL_FILES)
def test_truncated_file(data, name):
    """Cut mid-row, as an interrupted copy leaves it: only the row count can tell."""
    raw = (data / name).read_bytes()
    (data / name).write_bytes(raw[: len(raw) // 2])
    message = _error(data)
    m = re.fullmatch(rf"{re.escape(name)}: (\d+) rows, expected (\d+) \(truncated or altered\?\)", message)
    assert m, message
    assert int(m[2]) == ROWS[name]
    assert 0 < int(m[1]) < ROWS[name]


@pytest.mark.parametrize("name", ALL_FILES)
def test_truncated_at_a_row_boundary(data, name):
    lines = _lines(data / name)
    (data / name).write_bytes("".join(lines[:-3]).encode("utf-8"))
    message = _error(data)
    assert message == f"{name}: {ROWS[name] - 3} rows, expected {ROWS[name]} (truncated or altered?)"


@pytest.mark.parametrize("name", ALL_FILES)
def test_required_column_renamed(data, name):
    column = REQUIRED[name]
    lines = _lines(data / name)
    header = _fields(lines[0])
    assert column in header
    bom = "\ufeff" if lines[0].startswith("\ufeff") else ""
    ending = lines[0][len(lines[0].rstrip("\r\n")):]
    out = io.StringIO()
    csv.writer(out, lineterminator=ending).writerow([f"{c} (renamed)" if c == column else c for c in header])
    lines[0] = bom + out.getvalue()
    (data / name).write_bytes("".join(lines).encode("utf-8"))
    message = _error(data)
    assert message == f"{name}: missing column(s) {column!r}"


@pytest.mark.parametrize("text", [lambda old: f"{int(old):,}", lambda old: "tbc"], ids=["thousands", "word"])
@pytest.mark.parametrize("name", ALL_FILES)
def test_number_column_holding_text(data, name, text):
    """A figure pasted with its thousands separator, or a placeholder word never filled in."""
    where, column = ROW_IN[name]
    line, old, new = _edit(data / name, where, column, text)
    assert new != old and not new.isdigit()
    message = _error(data)
    assert message == f"{name}: column {column!r} should hold numbers, found {new!r} (line {line})"


def test_renamed_first_column_of_the_bom_file(data):
    """The 2024 candidate table starts with a byte-order mark; a header edit must not hide 'ONS ID'."""
    assert (data / CAND_2024).read_bytes().startswith(b"\xef\xbb\xbf")
    lines = _lines(data / CAND_2024)
    lines[0] = lines[0].replace("ONS ID", "ONS code", 1)
    (data / CAND_2024).write_bytes("".join(lines).encode("utf-8"))
    assert _error(data) == f"{CAND_2024}: missing column(s) 'ONS ID'"


# ---------------------------------------------------------------- one altered vote figure
def test_altered_2024_candidate_vote_breaks_the_valid_votes_sum(data):
    _, old, new = _edit(data / CAND_2024, *ROW_IN[CAND_2024], _plus_one)
    message = _error(data)
    assert CAND_2024 in message
    assert "Bradford West" in message
    assert "checksum" not in message  # the invariant, not the manifest, caught it
    m = re.search(r"sum to (\d+) but 'Valid votes' is (\d+)", message)
    assert m, message
    assert int(m[1]) - int(m[2]) == int(new) - int(old) == 1


def test_altered_2024_valid_votes_breaks_the_valid_votes_sum(data):
    _, old, new = _edit(data / CONS_2024, {"Constituency name": "Blackburn"}, "Valid votes", _plus_one)
    message = _error(data)
    assert message.startswith(f"{CONS_2024}: Blackburn: ")
    assert message.endswith(f"sum to {old} but 'Valid votes' is {new}")


def test_altered_2024_majority_breaks_first_minus_second(data):
    _edit(data / CONS_2024, {"Constituency name": "Leicester South"}, "Majority", lambda old: "989")
    message = _error(data)
    assert message == f"{CONS_2024}: Leicester South: first minus second is 979 but 'Majority' is 989"


def test_altered_2024_party_vote_column_is_caught_by_the_checksum(data):
    """Per-party vote columns of the constituency table are not cross-checked; the manifest covers them."""
    _edit(data / CONS_2024, {"Constituency name": "Leicester South"}, "Lab", _plus_one)
    message = _error(data)
    assert message.startswith(f"{CONS_2024}: checksum mismatch")
    assert MANIFEST in message


def test_altered_notional_vote_breaks_the_valid_votes_sum(data):
    _, old, new = _edit(data / NOTIONAL, *ROW_IN[NOTIONAL], _plus_one)
    message = _error(data)
    assert message.startswith(f"{NOTIONAL}: {BRADFORD_WEST}: ")
    assert "checksum" not in message
    m = re.search(r"party votes sum to (\d+) but valid_votes is (\d+)", message)
    assert m, message
    assert int(m[1]) - int(m[2]) == 1


def test_altered_notional_majority_is_caught(data):
    _edit(data / NOTIONAL, {"ons_id": BRADFORD_WEST, "party_abbreviation": "Lab"}, "majority", _plus_one)
    message = _error(data)
    assert message.startswith(f"{NOTIONAL}: ")


def test_altered_notional_majority_is_caught_without_checksums(data):
    _edit(data / NOTIONAL, {"ons_id": BRADFORD_WEST, "party_abbreviation": "Lab"}, "majority", _plus_one)
    message = _error(data, verify_checksums=False)
    assert message.startswith(f"{NOTIONAL}: ")


@pytest.mark.parametrize("name", [CENSUS])
def test_altered_figure_in_an_unchecked_table_is_caught_by_the_checksum(data, name):
    where, column = ROW_IN[name]
    _edit(data / name, where, column, _plus_one)
    message = _error(data)
    assert re.fullmatch(rf"{re.escape(name)}: checksum mismatch \(sha256 [0-9a-f]{{12}}…, expected [0-9a-f]{{12}}…\): "
                        rf"the file differs from the published table listed in {MANIFEST}", message), message


@pytest.mark.parametrize("name", [CENSUS])
def test_without_checksums_an_altered_figure_reaches_the_tables(data, name):
    """Shows what the manifest is for: this table has no invariant to fall back on (the 2019 candidate
    table now has one, against the 2019 constituency table: tests/reference/test_uk2019.py)."""
    where, column = ROW_IN[name]
    _, _, new = _edit(data / name, where, column, _plus_one)
    ref = UK2024(data, verify_checksums=False)
    if name == CENSUS:
        assert ref.religion[BRADFORD_WEST]["Muslim"] == int(new)
    else:
        saffron = next(s for s in ref.seats_2019.values() if s.name == "Saffron Walden")
        assert saffron.winner.votes == int(new)
        assert saffron.majority == 27_594 + 1


# ---------------------------------------------------------------- manifest and directory
def test_missing_manifest(data):
    (data / MANIFEST).unlink()
    assert _error(data) == f"{data / MANIFEST}: checksum manifest missing"


def test_wrong_checksum_in_manifest(data):
    text = (data / MANIFEST).read_text(encoding="utf-8")
    digest = next(line.split()[0] for line in text.splitlines() if line.endswith(CENSUS))
    (data / MANIFEST).write_text(text.replace(digest, "0" * 64), encoding="utf-8")
    message = _error(data)
    assert message.startswith(f"{CENSUS}: checksum mismatch")
    assert "expected 000000000000…" in message


def test_manifest_without_an_entry_for_a_table(data):
    text = (data / MANIFEST).read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.endswith(CAND_2019)]
    (data / MANIFEST).write_text("\n".join(kept) + "\n", encoding="utf-8")
    message = _error(data)
    assert CAND_2019 in message


def test_missing_data_directory(tmp_path):
    missing = tmp_path / "no-such-dir"
    assert _error(missing) == f"reference data directory not found: {missing}"


# ---------------------------------------------------------------- the command line
def _break_empty(d: Path) -> str:
    (d / CENSUS).write_bytes(b"")
    return CENSUS


def _break_vote(d: Path) -> str:
    _edit(d / CAND_2024, *ROW_IN[CAND_2024], _plus_one)
    return CAND_2024


def _break_manifest(d: Path) -> str:
    (d / MANIFEST).unlink()
    return MANIFEST


@pytest.mark.parametrize("damage", [_break_empty, _break_vote, _break_manifest], ids=["empty", "vote", "manifest"])
def test_cli_reports_broken_data_in_one_line_and_exits_2(cli, data, damage):
    named = damage(data)
    result = cli("run", ARTICLE, "--data-dir", str(data))
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("factcheck: error: ")
    assert named in lines[0]
    assert result.stdout == b""


def test_cli_reports_a_missing_data_directory(cli, tmp_path):
    missing = tmp_path / "no-such-dir"
    result = cli("run", ARTICLE, "--data-dir", str(missing))
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2, stderr
    assert stderr.strip() == f"factcheck: error: reference data directory not found: {missing}"
