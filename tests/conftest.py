"""Session-wide fixtures: the spaCy pipeline and the reference tables load once per test run."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = ROOT / "corpora"
DATA = ROOT / "reference_data"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Keep the reference snapshot the tests build out of the user's cache directory."""
    old = os.environ.get("FACTCHECK_CACHE")
    os.environ["FACTCHECK_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("FACTCHECK_CACHE", None)
    else:
        os.environ["FACTCHECK_CACHE"] = old


@pytest.fixture(scope="session")
def ref():
    from factcheck.reference import load_reference

    return load_reference(DATA)


@pytest.fixture(scope="session")
def checker(ref):
    from factcheck.api import default_checker

    return default_checker()


@pytest.fixture(scope="session")
def index(ref):
    from factcheck.link.names import name_index

    return name_index(ref)


@pytest.fixture(scope="session")
def seat_named(ref):
    by_name = {s.name: s for s in ref.seats.values()}
    return lambda name: by_name[name]


def run_cli(*args: str, input: str | bytes | None = None, cwd: Path = ROOT, env: dict | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    """The real command line, in a real subprocess."""
    full_env = dict(os.environ, **(env or {}))
    full_env.pop("NO_COLOR", None)
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True,
                          input=input.encode() if isinstance(input, str) else input, env=full_env, timeout=timeout)


@pytest.fixture(scope="session")
def cli():
    return run_cli


def archive_record(body: str, fn=None, date=None, title=None) -> str:
    """One record of the tagged archive format, as the archive writes it."""
    parts = []
    if fn is not None:
        parts.append(f"F-N-S-T-A-R-T. {fn} F-N-E-N-D.")
    if date is not None:
        parts.append(f"D-A-T-E-S-T-A-R-T. {date} D-A-T-E-E-N-D.")
    if title is not None:
        parts.append(f"T-I-T-L-E-S-T-A-R-T. {title} T-I-T-L-E-E-N-D.")
    parts.append(f"T-E-X-T-S-T-A-R-T. {body} T-E-X-T-E-N-D.")
    return " " + "  ".join(parts) + " "


#: Claims that carry no figure of their own (who won, placings, comparisons).
NAMES_ONLY = {"outcome", "rank", "comparison"}


def claim_for(report, quote):
    """The one figure claim of a report with this quote."""
    found = [c for c in report.claims if c.quote == quote and c.kind not in NAMES_ONLY]
    assert len(found) == 1, [(c.quote, c.kind, c.verdict) for c in report.claims]
    return found[0]
