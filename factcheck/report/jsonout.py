"""The machine-readable report.

The output is exactly the pydantic model and nothing more, because the
committed JSON Schema (`factcheck/schema/report.schema.json`) is generated
from the same model: adding a key here without changing the model would
break every consumer that validates against the published schema.
"""
from __future__ import annotations

from factcheck.models import Report


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=2)


def render_jsonl_line(report: Report) -> str:
    # JSON escapes newlines inside strings, so the compact dump is always a
    # single physical line and JSONL readers can split on "\n" safely.
    return report.model_dump_json()
