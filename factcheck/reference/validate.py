"""Refuse reference tables that are missing, truncated or altered.

A verdict is only as good as the table behind it, so every load checks the
files against the published checksums and the tables against the invariants
in PROVENANCE.md. Any failure is one `ReferenceDataError` naming the file and
what is wrong; the CLI prints it and exits 2 rather than give verdicts
against a broken table.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from .errors import ReferenceDataError
from .snapshot import MANIFEST, read_manifest


# file -> required columns and the kind of value each must hold
SCHEMAS: dict[str, dict[str, str]] = {
    "HoC-GE2024-results-by-candidate.csv": {
        "ONS ID": "str", "Constituency name": "str", "Region name": "str", "Country name": "str",
        "Party name": "str", "Party abbreviation": "str", "Candidate first name": "str",
        "Candidate surname": "str", "Sitting MP": "str", "Votes": "int", "Share": "float", "Change": "float?",
    },
    "HoC-GE2024-results-by-constituency.csv": {
        "ONS ID": "str", "Constituency name": "str", "Region name": "str", "Country name": "str",
        "Constituency type": "str", "Result": "str", "First party": "str", "Second party": "str",
        "Electorate": "int", "Valid votes": "int", "Invalid votes": "int", "Majority": "int",
    },
    "notional-ge2019-results-2024-boundaries.csv": {
        "ons_id": "str", "constituency": "str", "country": "str", "electorate": "int", "valid_votes": "int",
        "party_name": "str", "party_abbreviation": "str?", "votes": "int", "share": "float", "position": "int",
        "majority": "int",
    },
    "HoC-GE2019-results-by-candidate.csv": {
        "ons_id": "str", "constituency_name": "str", "region_name": "str", "country_name": "str",
        "party_name": "str", "party_abbreviation": "str", "firstname": "str", "surname": "str",
        "sitting_mp": "str", "votes": "int", "share": "float", "change": "float?",
    },
    "census21-religion-by-constituency-2024.csv": {
        "Post-2019 Westminster Parliamentary constituencies Code": "str",
        "Post-2019 Westminster Parliamentary constituencies": "str",
        "Religion (10 categories)": "str", "Observation": "int",
    },
}

SCHEMAS["HoC-GE2019-results-by-constituency.csv"] = {
    "ONS ID": "str", "Constituency name": "str", "Region name": "str", "Country name": "str",
    "Result": "str", "First party": "str", "Second party": "str",
    "Electorate": "int", "Valid votes": "int", "Invalid votes": "int", "Majority": "int",
}

SCHEMAS["party-leaders-2024.csv"] = SCHEMAS["party-leaders-2019.csv"] = {
    "party_code": "str", "leader": "str", "role": "str", "ons_id": "str", "constituency": "str",
}

ROWS = {
    "HoC-GE2024-results-by-candidate.csv": 4515,
    "HoC-GE2024-results-by-constituency.csv": 650,
    "notional-ge2019-results-2024-boundaries.csv": 3529,
    "HoC-GE2019-results-by-candidate.csv": 3320,
    "HoC-GE2019-results-by-constituency.csv": 650,
    "census21-religion-by-constituency-2024.csv": 5750,
}


def _check_checksum(path: Path, expected: str | None) -> None:
    if expected is None:
        raise ReferenceDataError(f"{path.name}: no checksum for this table in {MANIFEST}")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise ReferenceDataError(
            f"{path.name}: checksum mismatch (sha256 {digest[:12]}…, expected {expected[:12]}…): "
            f"the file differs from the published table listed in {MANIFEST}")


def _check_columns(name: str, df: pd.DataFrame) -> None:
    schema = SCHEMAS[name]
    missing = [c for c in schema if c not in df.columns]
    if missing:
        raise ReferenceDataError(f"{name}: missing column(s) {', '.join(repr(m) for m in missing)}")
    expected_rows = ROWS.get(name)
    if expected_rows is not None and len(df) != expected_rows:
        raise ReferenceDataError(f"{name}: {len(df)} rows, expected {expected_rows} (truncated or altered?)")
    for col, kind in schema.items():
        optional = kind.endswith("?")
        kind = kind.rstrip("?")
        series = df[col]
        if not optional and series.isna().any():
            row = int(series.isna().to_numpy().argmax()) + 2
            raise ReferenceDataError(f"{name}: column {col!r} has an empty value (line {row})")
        values = series.dropna()
        if kind in ("int", "float"):
            numeric = pd.to_numeric(values, errors="coerce")
            bad = numeric.isna()
            if bad.any():
                row = int(values.index[bad.to_numpy().argmax()]) + 2
                raise ReferenceDataError(
                    f"{name}: column {col!r} should hold numbers, found {values[bad].iloc[0]!r} (line {row})")
            if kind == "int" and not (numeric == numeric.round()).all():
                raise ReferenceDataError(f"{name}: column {col!r} should hold whole numbers")
            if col.lower() in ("votes", "electorate", "valid votes", "valid_votes", "observation", "majority") and (
                    numeric < 0).any():
                raise ReferenceDataError(f"{name}: column {col!r} has a negative value")


# Published disagreements between two tables, kept as published (PROVENANCE.md): (table, ONS id, column) ->
# (the value in that table, the candidates' sum). Any other disagreement, or a change to these, is an error.
KNOWN_DISCREPANCIES = {
    ("HoC-GE2019-results-by-constituency.csv", "E14000811", "Valid votes"): (54829, 55569),
}


def _check_invariants(frames: dict[str, pd.DataFrame]) -> None:
    """The invariants of whichever tables an adapter loads."""
    if "candidates_2024" in frames:
        _check_2024(frames)
    if "candidates_2019" in frames and "constituencies_2019" in frames:
        _check_results(frames["candidates_2019"], frames["constituencies_2019"],
                       "HoC-GE2019-results-by-constituency.csv", "HoC-GE2019-results-by-candidate.csv",
                       ons="ons_id", votes="votes")


def _check_results(cand: pd.DataFrame, cons: pd.DataFrame, name: str, cand_name: str, ons: str, votes: str) -> None:
    """Every seat has candidates, whose votes sum to its valid votes and whose first minus second is its majority."""
    ranked = cand.assign(ons=cand[ons].str.strip()).sort_values(["ons", votes], ascending=[True, False])
    position = ranked.groupby("ons").cumcount()
    sums = ranked.groupby("ons")[votes].sum().to_frame("total")
    sums["first"] = ranked[position == 0].set_index("ons")[votes]
    sums["second"] = ranked[position == 1].set_index("ons")[votes].reindex(sums.index).fillna(0)
    merged = cons.assign(ons=cons["ONS ID"].str.strip()).join(sums, on="ons")
    unmatched = merged["total"].isna()
    if unmatched.any():
        raise ReferenceDataError(f"{name}: constituency {merged.loc[unmatched, 'ons'].iloc[0]} has no candidates in "
                                 f"{cand_name}")
    if len(set(ranked["ons"])) != len(merged):
        extra = sorted(set(ranked["ons"]) - set(merged["ons"]))
        raise ReferenceDataError(f"{cand_name}: constituency {extra[0] if extra else '?'} is not in {name}")
    known = {ons_id: pair for (table, ons_id, col), pair in KNOWN_DISCREPANCIES.items()
             if table == name and col == "Valid votes"}
    for _, seat in merged[merged["total"] != merged["Valid votes"]].iterrows():
        pair = (int(seat["Valid votes"]), int(seat["total"]))
        if known.get(seat["ons"]) != pair:
            raise ReferenceDataError(
                f"{name}: {seat['Constituency name'].strip()}: candidates' votes in {cand_name} "
                f"sum to {pair[1]} but 'Valid votes' is {pair[0]}")
    bad = (merged["first"] - merged["second"]) != merged["Majority"]
    if bad.any():
        r = merged[bad].iloc[0]
        raise ReferenceDataError(
            f"{name}: {r['Constituency name'].strip()}: first minus second is {int(r['first'] - r['second'])} "
            f"but 'Majority' is {int(r['Majority'])}")


def _check_2024(frames: dict[str, pd.DataFrame]) -> None:
    name = "HoC-GE2024-results-by-constituency.csv"
    _check_results(frames["candidates_2024"], frames["constituencies_2024"], name,
                   "HoC-GE2024-results-by-candidate.csv", ons="ONS ID", votes="Votes")
    cons = frames["constituencies_2024"]
    merged = cons.assign(ons=cons["ONS ID"].str.strip())
    notional = frames["notional_2019"]
    nname = "notional-ge2019-results-2024-boundaries.csv"
    totals = notional.groupby("ons_id").agg(total=("votes", "sum"), valid=("valid_votes", "first"))
    bad = totals["total"] != totals["valid"]
    if bad.any():
        ons = totals.index[bad.to_numpy().argmax()]
        raise ReferenceDataError(f"{nname}: {ons}: party votes sum to {int(totals.loc[ons, 'total'])} "
                                 f"but valid_votes is {int(totals.loc[ons, 'valid'])}")
    ranked = notional.sort_values(["ons_id", "votes"], ascending=[True, False])
    position = ranked.groupby("ons_id").cumcount()
    top = ranked[position == 0].set_index("ons_id")
    second = ranked[position == 1].set_index("ons_id")["votes"].reindex(top.index).fillna(0)
    bad = (top["votes"] - second) != top["majority"]
    if bad.any():
        ons = top.index[bad.to_numpy().argmax()]
        raise ReferenceDataError(f"{nname}: {top.loc[ons, 'constituency']} ({ons}): first minus second is "
                                 f"{int(top.loc[ons, 'votes'] - second[ons])} but majority is {int(top.loc[ons, 'majority'])}")
    if set(totals.index.str.strip()) != set(merged["ons"]):
        raise ReferenceDataError(f"{nname}: its constituencies differ from the 2024 tables'")


def load_tables(data_dir: Path, files: dict[str, str], verify_checksums: bool = True) -> dict[str, pd.DataFrame]:
    """Read and check every table; the first problem found is raised."""
    if not data_dir.is_dir():
        raise ReferenceDataError(f"reference data directory not found: {data_dir}")
    manifest = read_manifest(data_dir) if verify_checksums else {}
    if verify_checksums and not manifest:
        raise ReferenceDataError(f"{data_dir / MANIFEST}: checksum manifest missing")
    frames = {}
    for key, filename in files.items():
        path = data_dir / filename
        if not path.is_file():
            raise ReferenceDataError(f"{filename}: reference table missing from {data_dir}")
        if path.stat().st_size == 0:
            raise ReferenceDataError(f"{filename}: file is empty")
        try:
            df = pd.read_csv(path, encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ReferenceDataError(f"{filename}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
            raise ReferenceDataError(f"{filename}: cannot be read as CSV: {str(exc).splitlines()[0]}") from None
        df.columns = [str(c).strip() for c in df.columns]
        _check_columns(filename, df)
        frames[key] = df
    _check_invariants(frames)
    if verify_checksums:
        for filename in files.values():
            _check_checksum(data_dir / filename, manifest.get(filename))
    return frames
