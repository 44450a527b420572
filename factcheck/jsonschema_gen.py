"""The published JSON Schema of `factcheck run --format json`.

The schema is derived from the pydantic models, never written by hand, so it
cannot drift from what the program prints. It is also committed as
`factcheck/schema/report.schema.json` so that consumers can pin and diff it;
a test compares the committed copy with a fresh generation, which makes a
model change without regenerating the file fail loudly.

Regenerate with::

    python -m factcheck.jsonschema_gen > factcheck/schema/report.schema.json
"""
from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from typing import Optional, Sequence

from factcheck.models import SCHEMA_VERSION, Report

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"https://factcheck.invalid/schema/report-{SCHEMA_VERSION}.json"
SCHEMA_TITLE = "factcheck report"
PUBLISHED_DIR = "schema"
PUBLISHED_NAME = "report.schema.json"


def report_schema() -> dict:
    # Serialization mode: the schema describes what the program emits, not
    # what pydantic would accept as input.
    generated = Report.model_json_schema(mode="serialization")
    generated.pop("title", None)
    # Identification keys first so the committed file reads top-down.
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, "title": SCHEMA_TITLE, **generated}


def dumps_schema(schema: dict) -> str:
    # Stable text (fixed indent, keys in generation order, trailing newline)
    # so regenerating an unchanged schema leaves `git diff` empty.
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def load_published_schema() -> dict:
    # Through importlib.resources so an installed wheel reads the copy
    # shipped as package data, not a file next to a source checkout.
    resource = resources.files("factcheck").joinpath(PUBLISHED_DIR).joinpath(PUBLISHED_NAME)
    return json.loads(resource.read_text(encoding="utf-8"))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m factcheck.jsonschema_gen",
        description="Print the JSON Schema of the factcheck JSON report.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if the committed schema differs from the generated one instead of printing it",
    )
    args = parser.parse_args(argv)
    schema = report_schema()
    if args.check:
        if load_published_schema() != schema:
            print(
                f"factcheck/{PUBLISHED_DIR}/{PUBLISHED_NAME} is out of date; regenerate it with "
                f"python -m factcheck.jsonschema_gen > factcheck/{PUBLISHED_DIR}/{PUBLISHED_NAME}",
                file=sys.stderr,
            )
            return 1
        return 0
    sys.stdout.write(dumps_schema(schema))
    return 0


if __name__ == "__main__":
    sys.exit(main())
