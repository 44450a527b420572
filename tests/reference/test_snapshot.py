"""The snapshot must never stand in for tables that are not the validated ones."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import DATA
from factcheck.reference import ReferenceDataError, UK2024
from factcheck.reference import snapshot

CAND = "HoC-GE2024-results-by-candidate.csv"


@pytest.fixture()
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def _snapshots(tmp_path):
    return sorted((tmp_path / "cache").glob("reference-*.pickle"))


def test_first_load_writes_a_snapshot_the_second_uses(data, tmp_path):
    first = UK2024(data)
    assert len(_snapshots(tmp_path)) == 1
    second = UK2024(data)
    assert second.seats.keys() == first.seats.keys()
    leicester = next(s for s in second.seats.values() if s.name == "Leicester South")
    assert leicester.majority == 979 and leicester.winner.name == "Shockat Adam"
    assert second.predecessors(leicester.ons_id)[0].name == "Leicester South"


def test_a_snapshot_load_does_not_import_pandas(data, tmp_path):
    UK2024(data)
    code = ("import sys; from factcheck.reference import UK2024; "
            f"UK2024({str(data)!r}); print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"FACTCHECK_CACHE": str(tmp_path / "cache"), "PATH": ""}, check=True)
    assert out.stdout.strip() == "False"


def test_an_altered_table_is_refused_even_with_a_snapshot(data, tmp_path):
    UK2024(data)
    path = data / CAND
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(text.replace(",14739,", ",14740,", 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="HoC-GE2024"):
        UK2024(data)


def test_a_corrupt_snapshot_is_rebuilt(data, tmp_path):
    UK2024(data)
    (snap,) = _snapshots(tmp_path)
    snap.write_bytes(b"not a pickle")
    ref = UK2024(data)
    assert len(ref.seats) == 650
    assert snapshot.load(snapshot.snapshot_key(data, [CAND])) is None  # a key for other files finds nothing


def test_no_snapshot_without_checksum_verification(data, tmp_path):
    UK2024(data, verify_checksums=False)
    assert _snapshots(tmp_path) == []


def test_an_unwritable_cache_is_no_error(data, tmp_path, monkeypatch):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.setenv("FACTCHECK_CACHE", str(blocker / "cache"))
    assert len(UK2024(data).seats) == 650
