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
    if "places" in frames:
        check_places(frames["places"], frames["place_seats"], cons)
    if "blocs" in frames:
        check_blocs(frames["blocs"], frames["candidates_2024"], cons)


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


SCHEMAS["places.csv"] = {
    "place": "str", "kind": "str", "aliases": "str", "shared": "str?", "capitalised_only": "str?",
    "made_of": "str?", "definition": "str",
}
SCHEMAS["place-seats.csv"] = {"place": "str", "ons_id": "str", "constituency": "str", "cross_border": "str"}


def check_places(places: pd.DataFrame, place_seats: pd.DataFrame, constituencies: pd.DataFrame) -> None:
    """The place table against itself and the 2024 seats (rules in PROVENANCE.md, "Places").

    A wrong membership turns a right seat count into a false "inaccurate",
    so every seat must be a real 2024 seat under its own name, and an alias
    may name two places only where the table says so.
    """
    from .parties import fold
    from .places import KINDS

    pname, sname = "places.csv", "place-seats.csv"

    def cells(value) -> list[str]:
        return [a.strip() for a in value.split("|") if a.strip()] if isinstance(value, str) else []

    seat_name = {str(o).strip(): str(n).strip() for o, n in zip(constituencies["ONS ID"], constituencies["Constituency name"])}
    regions = {str(v).strip() for v in constituencies["Region name"]}
    nations = {str(v).strip() for v in constituencies["Country name"]}
    names = [str(p).strip() for p in places["place"]]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise ReferenceDataError(f"{pname}: place {dup!r} is listed twice")
    rows = {n: r for n, r in zip(names, places.to_dict("records"))}
    owners: dict[str, list[str]] = {}
    for name, r in rows.items():
        kind = str(r["kind"]).strip()
        if kind not in KINDS:
            raise ReferenceDataError(f"{pname}: {name}: kind {kind!r} is not one of {', '.join(KINDS)}")
        if kind == "region" and name not in regions:
            raise ReferenceDataError(f"{pname}: {name}: no seat has this Region name")
        if kind == "nation" and name not in nations:
            raise ReferenceDataError(f"{pname}: {name}: no seat has this Country name")
        for part in cells(r["made_of"]):
            if part not in rows:
                raise ReferenceDataError(f"{pname}: {name} is made of {part!r}, which is not a place")
        aliases = cells(r["aliases"])
        for alias in aliases:
            owners.setdefault(fold(alias), []).append(name)
        folded = {fold(a) for a in aliases}
        for column in ("shared", "capitalised_only"):
            stray = [a for a in cells(r[column]) if fold(a) not in folded]
            if stray:
                raise ReferenceDataError(f"{pname}: {name}: {column} {stray[0]!r} is not one of its aliases")
    for name in rows:  # a union must bottom out in listed seats or the tables' columns
        trail, todo = set(), [name]
        while todo:
            part = todo.pop()
            for sub in cells(rows[part]["made_of"]):
                if sub == name:
                    raise ReferenceDataError(f"{pname}: {name} is made of itself (through {part})")
                if sub not in trail:
                    trail.add(sub)
                    todo.append(sub)
    for alias, who in owners.items():
        shared_by = [n for n in who if alias in {fold(a) for a in cells(rows[n]["shared"])}]
        if len(who) > 1 and len(shared_by) != len(who):
            raise ReferenceDataError(f"{pname}: alias {alias!r} names {' and '.join(who)} but is not marked shared by each")
        if len(who) == 1 and shared_by:
            raise ReferenceDataError(f"{pname}: alias {alias!r} is marked shared but names only {who[0]}")
    seat_folds = {fold(n): n for n in seat_name.values()}
    clash = next((a for a in owners if a in seat_folds), None)
    if clash:
        raise ReferenceDataError(f"{pname}: alias {clash!r} is also the name of the seat {seat_folds[clash]}")

    seen: set[tuple[str, str]] = set()
    listed: set[str] = set()
    for i, r in enumerate(place_seats.to_dict("records"), start=2):
        place, ons = str(r["place"]).strip(), str(r["ons_id"]).strip()
        if place not in rows:
            raise ReferenceDataError(f"{sname}: line {i}: {place!r} is not a place in {pname}")
        if str(rows[place]["kind"]).strip() in ("region", "nation") or cells(rows[place]["made_of"]):
            raise ReferenceDataError(f"{sname}: line {i}: {place}'s seats come from {pname}, not from a list")
        if ons not in seat_name:
            raise ReferenceDataError(f"{sname}: line {i}: {ons} is not a 2024 constituency")
        if fold(str(r["constituency"])) != fold(seat_name[ons]):
            raise ReferenceDataError(f"{sname}: line {i}: {ons} is {seat_name[ons]}, not {str(r['constituency']).strip()}")
        if str(r["cross_border"]).strip().lower() not in ("yes", "no"):
            raise ReferenceDataError(f"{sname}: line {i}: cross_border must be yes or no")
        if (place, ons) in seen:
            raise ReferenceDataError(f"{sname}: line {i}: {seat_name[ons]} is listed twice for {place}")
        seen.add((place, ons))
        listed.add(place)
    for name, r in rows.items():
        if str(r["kind"]).strip() not in ("region", "nation") and not cells(r["made_of"]) and name not in listed:
            raise ReferenceDataError(f"{pname}: {name} has no seats in {sname}")


SCHEMAS["party-blocs.csv"] = {
    "bloc": "str", "aliases": "str", "region": "str", "grouping": "str", "parties": "str", "candidates": "str?",
}


def check_blocs(blocs: pd.DataFrame, candidates: pd.DataFrame, constituencies: pd.DataFrame) -> None:
    """Every bloc names real parties, a real nation or region, and real candidates in their seats."""
    from .blocs import parse_candidates
    from .parties import PARTIES

    name = "party-blocs.csv"
    places = {str(v).strip() for v in constituencies["Region name"]} | {str(v).strip() for v in constituencies["Country name"]}
    people = {(str(o).strip(), f"{str(f).strip()} {str(s).strip()}") for o, f, s in zip(
        candidates["ONS ID"], candidates["Candidate first name"], candidates["Candidate surname"])}
    for i, r in enumerate(blocs.to_dict("records"), start=2):
        if str(r["region"]).strip() not in places:
            raise ReferenceDataError(f"{name}: line {i}: {str(r['region']).strip()!r} is not a nation or region of the tables")
        for code in (p.strip() for p in str(r["parties"]).split("|") if p.strip()):
            if code not in PARTIES:
                raise ReferenceDataError(f"{name}: line {i}: {code!r} is not a party code of parties.csv")
        for ons, person in parse_candidates(r["candidates"]):
            if (ons, person) not in people:
                raise ReferenceDataError(f"{name}: line {i}: {person} did not stand in {ons} in 2024")
