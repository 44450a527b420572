"""The committed JSON Schema stays in step with the models and is strict."""
from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator

from factcheck import jsonschema_gen
from factcheck.jsonschema_gen import dumps_schema, load_published_schema, report_schema
from factcheck.models import Claim, Claimed, ConstituencyRef, Official, Report, Summary


def _report_document() -> dict:
    claim = Claim(
        id="c1",
        kind="majority",
        verdict="inaccurate",
        sentence="She won by more than 22,000 votes.",
        quote="won by more than 22,000 votes",
        claimed=Claimed(value=22000, qualifier="more_than"),
        official=Official(value=979, dataset="HoC-GE2024-results-by-constituency", detail="majority"),
        constituency=ConstituencyRef(ons_id="E14001331", name="Leicester South"),
        subject=None,
        explanation="The official majority is 979.",
        correction="The majority was 979.",
        confidence=0.8,
    )
    report = Report(
        source="-",
        title=None,
        date=None,
        summary=Summary(claims=1, accurate=0, inaccurate=1, unverifiable=0),
        claims=[claim],
    )
    return json.loads(report.model_dump_json())


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(load_published_schema())


def test_published_schema_is_a_valid_draft_2020_12_schema():
    schema = load_published_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://factcheck.invalid/schema/report-2.json"
    assert schema["title"]


def test_published_schema_matches_the_models():
    # Fails when a model changes without regenerating the committed file:
    #   python -m factcheck.jsonschema_gen > factcheck/schema/report.schema.json
    assert load_published_schema() == report_schema()


def test_published_file_is_byte_identical_to_a_regeneration():
    from importlib import resources

    committed = resources.files("factcheck").joinpath("schema").joinpath("report.schema.json").read_text("utf-8")
    assert committed == dumps_schema(report_schema())


def test_main_prints_the_schema(capsys):
    assert jsonschema_gen.main([]) == 0
    assert json.loads(capsys.readouterr().out) == report_schema()


def test_main_check_passes_when_up_to_date():
    assert jsonschema_gen.main(["--check"]) == 0


def test_main_check_fails_when_stale(monkeypatch, capsys):
    stale = copy.deepcopy(report_schema())
    del stale["$defs"]["Claim"]["properties"]["confidence"]
    monkeypatch.setattr(jsonschema_gen, "load_published_schema", lambda: stale)
    assert jsonschema_gen.main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().err


def test_valid_report_passes(validator):
    assert list(validator.iter_errors(_report_document())) == []


@pytest.mark.parametrize(
    "path",
    [(), ("summary",), ("claims", 0), ("claims", 0, "claimed"), ("claims", 0, "official"), ("claims", 0, "constituency")],
    ids=["report", "summary", "claim", "claimed", "official", "constituency"],
)
def test_extra_key_fails(validator, path):
    document = _report_document()
    target = document
    for step in path:
        target = target[step]
    target["unexpected"] = 1
    assert not validator.is_valid(document)


def test_bad_verdict_fails(validator):
    document = _report_document()
    document["claims"][0]["verdict"] = "mostly true"
    assert not validator.is_valid(document)


def test_missing_nullable_field_fails(validator):
    # "official" may be null, but it must be present.
    document = _report_document()
    del document["claims"][0]["official"]
    assert not validator.is_valid(document)


def test_confidence_out_of_range_fails(validator):
    document = _report_document()
    document["claims"][0]["confidence"] = 1.5
    assert not validator.is_valid(document)


def test_wrong_schema_version_fails(validator):
    document = _report_document()
    document["schema_version"] = "1"  # the version before claims named their election
    assert not validator.is_valid(document)
