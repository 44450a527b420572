"""Checked claims as schema.org ClaimReview, the JSON-LD fact-checkers publish and search engines read.

One ClaimReview per claim, so each can be published (or withheld) on its
own. The verdict is the review's rating: `alternateName` carries the word,
and accurate/inaccurate also sit on a two-point numeric scale (2 best, 1
worst) for readers that want a number. Unverifiable means the tables cannot
settle the figure, not that it is half true, so it gets the word and no
number. The official figure, its dataset and the explanation are the review
text.

What a publisher adds is left out rather than invented: the address of the
page that will carry the review (`url`) and its publication date. The
author is this tool, as an organisation, until the newsroom puts its name
there.

The output is a JSON array that can be pasted into a
`<script type="application/ld+json">` element as it is: `<`, `>` and `&` are
written as \\u escapes, so a quote containing "</script>" cannot end the
element early.
"""
from __future__ import annotations

import json
from typing import Optional

from factcheck.models import Article, Claim, Report
from factcheck.report import format_claimed, format_official
from factcheck.report.html import official_detail

CONTEXT = "https://schema.org"
AUTHOR = {"@type": "Organization", "name": "factcheck"}
RATING_WORDS = {"accurate": "Accurate", "inaccurate": "Inaccurate", "unverifiable": "Unverifiable"}
RATING_VALUES = {"accurate": 2, "inaccurate": 1}
BEST, WORST = 2, 1


def _rating(claim: Claim) -> dict:
    rating: dict = {"@type": "Rating", "alternateName": RATING_WORDS[claim.verdict]}
    if claim.verdict in RATING_VALUES:
        rating.update(ratingValue=RATING_VALUES[claim.verdict], bestRating=BEST, worstRating=WORST)
    rating["ratingExplanation"] = claim.explanation
    return rating


def _review_body(claim: Claim) -> str:
    claimed = format_claimed(claim.claimed, claim.kind)
    parts = [f"{RATING_WORDS[claim.verdict]}. The article gives {claimed} (“{claim.quote}”)."]
    if claim.official is not None and claim.official.value is not None:
        official = format_official(claim.official, claim.kind)
        detail = official_detail(official, claim.official.detail)
        detail = f" ({detail})" if detail else ""
        parts.append(f"The official figure is {official}{detail}; source: {claim.official.dataset}.")
    else:
        parts.append("No official figure settles it.")
    parts.append(claim.explanation)
    if claim.correction:
        parts.append(f"Suggested correction: {claim.correction}")
    return " ".join(p.strip() for p in parts if p.strip())


def _appearance(report: Report, article: Optional[Article]) -> dict:
    work: dict = {"@type": "CreativeWork"}
    if report.title:
        work["headline"] = report.title
    if report.date:
        work["datePublished"] = report.date
    if article is not None and article.url:
        work["url"] = article.url
    else:
        work["identifier"] = report.source
    return work


def claim_review(claim: Claim, report: Report, article: Optional[Article] = None) -> dict:
    item: dict = {"@type": "Claim", "appearance": _appearance(report, article)}
    if report.date:
        item["datePublished"] = report.date
    review: dict = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": claim.sentence,
        "itemReviewed": item,
        "reviewRating": _rating(claim),
        "reviewBody": _review_body(claim),
        "author": dict(AUTHOR),
    }
    if claim.constituency is not None:
        review["about"] = {"@type": "Place", "name": claim.constituency.name,
                           "identifier": claim.constituency.ons_id}
    if claim.official is not None:
        review["citation"] = {"@type": "Dataset", "name": claim.official.dataset}
    return review


def claim_reviews(report: Report, article: Optional[Article] = None) -> list[dict]:
    return [claim_review(claim, report, article) for claim in report.claims]


def render_claimreview(report: Report, article: Optional[Article] = None) -> str:
    text = json.dumps(claim_reviews(report, article), ensure_ascii=False, indent=2)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
