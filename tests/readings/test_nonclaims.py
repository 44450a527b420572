"""Numbers that are not election results never become claims: thresholds that define a group, the line a
majority needs, page furniture, dates, ages, ordinals, polls and projections, times of day.

Each class is written several ways, alone and beside a real result (which must still be checked)."""
from __future__ import annotations

import pytest

import factcheck


@pytest.fixture(autouse=True)
def _loaded(checker):
    return checker


def quotes(text: str) -> list[str]:
    return [c.quote for c in factcheck.check_text(text).claims if c.kind not in ("outcome", "rank", "comparison")]


NOT_CLAIMS = {
    "group threshold": [
        "Labour fell back in seats where 20% or more of the population identify as Muslim.",
        "In seats with a Muslim population above 20 per cent, Labour's vote share fell.",
        "In constituencies where more than a quarter of residents are Muslim, independents did well.",
    ],
    "majority line": [
        "A party needs 326 seats for a majority in the House of Commons.",
        "Labour comfortably passed the 326 seats needed for a majority.",
        "The magic number of 326 seats was passed before dawn.",
        "Labour needed 326 MPs to govern alone.",
    ],
    "page furniture": [
        "Share this article. 12 comments.",
        "Comments (45). Photo 1 of 12.",
        "Read more: 5 things we learned from election night.",
        "See all 650 results on our interactive map.",
        "Posted 2 hours ago. 7 min read.",
        "The top 10 safest seats all stayed with Labour.",
    ],
    "dates": [
        "Voters went to the polls on July 4, the first summer election since 1945.",
        "Sunak called the election on 22 May 2024, six weeks before polling day.",
        "She was born in 1973 and became a councillor in 2019.",
    ],
    "ages": [
        "The candidate, 51, spoke after the count.",
        "Nigel Farage, aged 60, finally became an MP.",
        "The 30-year-old was the youngest candidate in the county.",
    ],
    "ordinals": [
        "Jeremy Corbyn won Islington North for the 11th time.",
        "It was his eighth attempt to win a seat.",
        "The 3rd recount ended just after breakfast.",
    ],
    "polls and projections": [
        "The exit poll suggested Labour would win 410 seats.",
        "A YouGov poll had put Reform UK on 19% of the vote.",
        "Pollsters had predicted the Conservatives would fall to 131 seats.",
        "An MRP model from YouGov gave Labour 431 seats.",
        "Opinion polls in June put Labour on 40% and the Conservatives on 20%.",
        "Reform UK had been polling at around 16 per cent before the campaign began.",
        "Labour is forecast to win 450 seats.",
        "Ipsos put the Conservatives on 20 per cent.",
        "A survey of 2,000 voters found 45% backed Labour.",
        "Labour was on course for a majority of about 170, according to the exit poll.",
    ],
    "hypotheticals": [
        "If a party gets 12% of the votes, they should have 12% of the seats.",
        "If every party won seats in line with its vote, Reform would have 93 seats.",
        "Suppose a candidate takes 40% of the vote in a three-way race.",
    ],
    "times of day": [
        "The count in Clacton was declared at 2.45am.",
        "Polls opened at 7am and closed at 10pm on 4 July.",
        "Polling stations closed at 22:00 on Thursday.",
        "The result came through at 4.30am on Friday.",
    ],
}


@pytest.mark.parametrize("kind, sentence", [(k, s) for k, ss in NOT_CLAIMS.items() for s in ss])
def test_a_number_that_is_not_a_result_is_no_claim(kind, sentence):
    assert quotes(sentence) == [], kind


@pytest.mark.parametrize("sentence, claim", [
    ("Labour won 411 seats, comfortably past the 326 needed for a majority.", "411"),
    ("Labour won 411 seats, well beyond the magic number of 326.", "411"),
    ("The exit poll, published at 10pm, gave Labour 410 seats; in the end it won 411.", "411"),
    ("Polls had put Reform UK on 16%, but it won 14.3% of the vote.", "14.3%"),
    ("Shockat Adam, 51, won Leicester South by 979 votes at 4.12am on 5 July.", "979"),
    ("Jeremy Corbyn, first elected in 1983, won Islington North for the tenth time with 24,120 votes.", "24,120"),
    ("Read more: Labour won 411 seats.", "411"),
    ("In seats where 20% or more of the population identify as Muslim, Labour's share fell.", None),
])
def test_beside_a_result_only_the_result_is_a_claim(sentence, claim):
    assert quotes(sentence) == ([claim] if claim else [])


def test_a_tally_at_a_time_of_night_is_a_running_count():
    """"At 3am Labour had 300 seats" was true at 3am: never called wrong against the final result."""
    report = factcheck.check_text("At 3am, Labour had won 300 seats.")
    assert [(c.quote, c.verdict) for c in report.claims] == [("300", "unverifiable")]
    assert "still coming in" in report.claims[0].explanation
