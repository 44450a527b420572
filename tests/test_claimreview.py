"""ClaimReview JSON-LD as a search engine or a fact-check aggregator reads it.

The structure is checked against a JSON Schema written from schema.org's
ClaimReview, Claim and Rating types and the properties fact-check
aggregators require (claimReviewed, reviewRating with a textual rating,
author, itemReviewed); the values are checked against the report they came
from.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from factcheck.read.ingest import read_path, read_text
from factcheck.models import Article, Report
from factcheck.report import format_official, render
from factcheck.report.claimreview import claim_reviews

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "001_2affce01765db85e.txt"
MIXED = (
    "Shockat Adam won Leicester South by 979 votes.\n\n"
    "In Birmingham Perry Barr, Ayoub Khan beat Labour by 1,507 votes.\n\n"
    "George Galloway won 40% of the vote in the February by-election in Rochdale."
)
WORDS = {"accurate": "Accurate", "inaccurate": "Inaccurate", "unverifiable": "Unverifiable"}

THING = {"type": "object", "required": ["@type"]}
CLAIM_REVIEW_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["@context", "@type", "claimReviewed", "reviewRating", "itemReviewed", "author", "reviewBody"],
        "properties": {
            "@context": {"const": "https://schema.org"},
            "@type": {"const": "ClaimReview"},
            "identifier": {"type": "string", "minLength": 1},
            "claimReviewed": {"type": "string", "minLength": 1},
            "reviewBody": {"type": "string", "minLength": 1},
            "reviewRating": {
                "type": "object",
                "required": ["@type", "alternateName"],
                "properties": {
                    "@type": {"const": "Rating"},
                    "alternateName": {"enum": ["Accurate", "Inaccurate", "Unverifiable"]},
                    "ratingValue": {"type": "integer"},
                    "bestRating": {"type": "integer"},
                    "worstRating": {"type": "integer"},
                    "ratingExplanation": {"type": "string"},
                },
                "dependentRequired": {"ratingValue": ["bestRating", "worstRating"]},
                "additionalProperties": False,
            },
            "itemReviewed": {
                "type": "object",
                "required": ["@type", "appearance"],
                "properties": {
                    "@type": {"const": "Claim"},
                    "datePublished": {"type": "string"},
                    "appearance": {
                        "type": "object",
                        "required": ["@type"],
                        "properties": {"@type": {"const": "CreativeWork"}, "url": {"type": "string"},
                                       "headline": {"type": "string"}, "datePublished": {"type": "string"},
                                       "identifier": {"type": "string"}},
                        "additionalProperties": False,
                    },
                },
                "additionalProperties": False,
            },
            "author": {**THING, "properties": {"@type": {"enum": ["Organization", "Person"]},
                                               "name": {"type": "string", "minLength": 1}},
                       "required": ["@type", "name"]},
            "about": {**THING, "properties": {"@type": {"const": "Place"}, "name": {"type": "string"},
                                              "identifier": {"type": "string"}}},
            "citation": {**THING, "properties": {"@type": {"const": "Dataset"}, "name": {"type": "string"}}},
        },
        "additionalProperties": False,
    },
}
VALIDATOR = Draft202012Validator(CLAIM_REVIEW_SCHEMA)


def errors(document) -> list[str]:
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(document)]


def test_the_validator_rejects_what_it_should():
    """The schema is only worth something if a broken review fails it."""
    good = {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "x", "reviewBody": "y",
            "reviewRating": {"@type": "Rating", "alternateName": "Accurate"},
            "itemReviewed": {"@type": "Claim", "appearance": {"@type": "CreativeWork"}},
            "author": {"@type": "Organization", "name": "factcheck"}}
    assert errors([good]) == []
    for broken in ({k: v for k, v in good.items() if k != "reviewRating"},
                   {**good, "@type": "Review"},
                   {**good, "reviewRating": {"@type": "Rating", "alternateName": "Mostly true"}},
                   {**good, "reviewRating": {"@type": "Rating", "alternateName": "Accurate", "ratingValue": 2}}):
        assert errors([broken]), broken


@pytest.fixture(scope="module")
def mixed(checker):
    article = read_text(MIXED, "mixed.txt")[0].model_copy(
        update={"title": "Midlands <results> & more", "date": "2024-07-05", "url": "https://example.org/a?x=1&y=2"})
    return checker.check(article), article


def test_one_valid_review_per_claim_rated_by_its_verdict(mixed):
    report, article = mixed
    reviews = json.loads(render(report, "claimreview", article=article))
    assert errors(reviews) == []
    assert len(reviews) == len(report.claims) >= 3
    for review, claim in zip(reviews, report.claims):
        assert review["identifier"] == claim.id
        assert review["claimReviewed"] == claim.sentence
        rating = review["reviewRating"]
        assert rating["alternateName"] == WORDS[claim.verdict]
        assert rating["ratingExplanation"] == claim.explanation
        if claim.verdict == "unverifiable":
            assert "ratingValue" not in rating
        else:
            assert rating["ratingValue"] == (rating["bestRating"] if claim.verdict == "accurate"
                                             else rating["worstRating"])
        appearance = review["itemReviewed"]["appearance"]
        assert appearance == {"@type": "CreativeWork", "headline": article.title, "datePublished": "2024-07-05",
                              "url": "https://example.org/a?x=1&y=2"}


def test_review_text_gives_the_official_figure_and_its_dataset(mixed):
    report, article = mixed
    reviews = claim_reviews(report, article)
    review, claim = next((r, c) for r, c in zip(reviews, report.claims) if c.quote.endswith("1,507"))
    assert claim.verdict == "inaccurate"
    body = review["reviewBody"]
    assert body.startswith("Inaccurate.")
    assert f"The official figure is {format_official(claim.official, claim.kind)}" in body
    assert "The official figure is 507" in body and "1,507" in body
    assert claim.official.dataset in body
    assert claim.correction and f"Suggested correction: {claim.correction}" in body
    assert review["about"] == {"@type": "Place", "name": claim.constituency.name,
                               "identifier": claim.constituency.ons_id}
    assert review["citation"] == {"@type": "Dataset", "name": claim.official.dataset}
    review, claim = next((r, c) for r, c in zip(reviews, report.claims) if c.verdict == "unverifiable")
    assert review["reviewBody"].startswith("Unverifiable.")
    settled = claim.official is not None and claim.official.value is not None
    assert ("No official figure settles it." in review["reviewBody"]) is not settled


def test_output_can_be_pasted_into_a_script_element(mixed):
    report, _ = mixed
    hostile = report.model_copy(update={"claims": [report.claims[0].model_copy(
        update={"sentence": "Won by 979 votes </script><script>alert(1)</script> & more."})]})
    text = render(hostile, "claimreview")
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)[0]["claimReviewed"] == "Won by 979 votes </script><script>alert(1)</script> & more."


def test_report_without_claims_is_an_empty_list():
    assert json.loads(render(Report.build(Article(text="x", source="a"), []), "claimreview")) == []


def test_without_an_address_the_article_is_named_by_its_source(checker):
    report = checker.check(read_path(str(SEED))[0])
    reviews = json.loads(render(report, "claimreview"))
    assert errors(reviews) == []
    assert {r["itemReviewed"]["appearance"].get("identifier") for r in reviews} == {str(SEED)}


def test_run_format_claimreview_on_the_seed_article(cli, checker):
    proc = cli("run", str(SEED.relative_to(ROOT)), "--format", "claimreview")
    assert proc.returncode == 0, proc.stderr.decode()
    reviews = json.loads(proc.stdout)
    assert errors(reviews) == []
    report = checker.check(read_path(str(SEED))[0])
    assert [(r["identifier"], r["reviewRating"]["alternateName"]) for r in reviews] == \
        [(c.id, WORDS[c.verdict]) for c in report.claims]
    assert {r["itemReviewed"]["appearance"]["headline"] for r in reviews} == {report.title}
