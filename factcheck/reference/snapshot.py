"""Validated tables, kept so a cold start need not parse them again.

Parsing and validating the CSVs with pandas costs more than the rest of a
cold `factcheck run` together. The tables are published, fixed files, so
the first load that validates them also pickles the built adapter; later
loads check each file's SHA-256 against the manifest (a few milliseconds)
and take the snapshot only when every file is byte for byte the one that was
validated and the code that built it is unchanged. Anything else (an altered
file, a missing manifest line, a corrupt or unwritable cache) falls back to
the full load, which reports precisely what is wrong.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Optional

MANIFEST = "SHA256SUMS"
_CODE = ("records.py", "election.py", "uk2024.py", "uk2019.py", "parties.py", "parties.csv", "places.py",
         "place-stopphrases.csv", "blocs.py", "snapshot.py")


def read_manifest(data_dir: Path) -> dict[str, str]:
    path = data_dir / MANIFEST
    if not path.is_file():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2:
            out[parts[1].lstrip("*")] = parts[0]
    return out


def sha256(path: Path) -> Optional[str]:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def cache_dir() -> Path:
    base = os.environ.get("FACTCHECK_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "factcheck")
    return Path(base)


def snapshot_key(data_dir: Path, filenames: list[str], election: str = "") -> Optional[str]:
    """A key for this election's adapter over these exact files and this code, or None when a file
    differs from its manifest entry. Each adapter has its own snapshot, even over shared files."""
    manifest = read_manifest(data_dir)
    digest = hashlib.sha256(f"election:{election}\n".encode())
    for name in filenames:
        actual = sha256(data_dir / name)
        if actual is None or actual != manifest.get(name):
            return None
        digest.update(f"{name}:{actual}\n".encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:32]


def load(key: str) -> Optional[dict]:
    try:
        with open(cache_dir() / f"reference-{key}.pickle", "rb") as fh:
            state = pickle.load(fh)
        return state if isinstance(state, dict) else None
    except Exception:  # missing, truncated or from another version: rebuild
        return None


def save(key: str, state: dict) -> None:
    target = cache_dir() / f"reference-{key}.pickle"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:
        pass  # a read-only home is no reason to fail: the next start validates again
