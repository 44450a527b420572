import json
import math
import subprocess
import sys

import pytest

from factcheck.models import Quantity
from factcheck.read.figures import (
    HEDGES,
    NARROW_HEDGES,
    admits,
    find_quantities,
    interval,
    precision_step,
    range_interval,
)

from conftest import CORPORA, SHARED


def only(sentence):
    qs = find_quantities(sentence)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


# ------------------------------------------------------------ what is read
# sentence, quantity text, value, unit, qualifier
READ = [
    # digits and separators
    ("Shockat Adam won the seat by 979 votes.", "979", 979, "count", "exact"),
    ("Labour held on by 22,000.", "22,000", 22000, "count", "exact"),
    ("She beat him by 1,689 votes.", "1,689", 1689, "count", "exact"),
    ("The article says 18,6187 votes were cast.", "18,6187", 186187, "count", "exact"),
    ("The party took 31.6 per cent of the vote.", "31.6 per cent", 31.6, "percent", "exact"),
    ("He won with an 8,000-vote majority.", "8,000", 8000, "count", "exact"),
    ("Reform UK (852) came fourth.", "852", 852, "count", "exact"),
    ("Labour (46.2%) held the seat.", "46.2%", 46.2, "percent", "exact"),
    ("The result was 1,234.5 on average.", "1,234.5", 1234.5, "count", "exact"),
    ("Labour won 411 of them.", "411", 411, "count", "exact"),
    ("A 12-seat majority is small.", "12", 12, "count", "exact"),
    ("They marched 20,000-strong.", "20,000", 20000, "count", "exact"),
    # percent and points spellings
    ("Turnout was 59.7 percent.", "59.7 percent", 59.7, "percent", "exact"),
    ("Reform got 14 pc nationally.", "14 pc", 14, "percent", "exact"),
    ("Reform got 46pc in Clacton.", "46pc", 46, "percent", "exact"),
    ("He was elected with 45 % of the vote.", "45 %", 45, "percent", "exact"),
    ("The Tories fell 20 points.", "20 points", 20, "points", "exact"),
    ("The share fell 3 percentage points.", "3 percentage points", 3, "points", "exact"),
    ("Labour were up 4 pts.", "4 pts", 4, "points", "exact"),
    ("Labour opened a 10-point lead.", "10-point", 10, "points", "exact"),
    ("The share is 5-per-cent higher.", "5-per-cent", 5, "percent", "exact"),
    # number words and scales
    ("Labour has lost five seats.", "five", 5, "count", "exact"),
    ("Once all twenty-eight seats were in, the count ended.", "twenty-eight", 28, "count", "exact"),
    ("Labour lost seven.", "seven", 7, "count", "exact"),
    ("They took nineteen seats.", "nineteen", 19, "count", "exact"),
    ("A hundred seats changed hands.", "A hundred", 100, "count", "exact"),
    ("They won a thousand votes.", "a thousand", 1000, "count", "exact"),
    ("A dozen candidates stood.", "A dozen", 12, "count", "exact"),
    ("Some two hundred and fifty votes went missing.", "Some two hundred and fifty", 250, "count", "about"),
    ("Four million people voted Reform.", "Four million", 4_000_000, "count", "exact"),
    ("They won 1.2 million votes.", "1.2 million", 1_200_000, "count", "exact"),
    ("They won 2.3m votes.", "2.3m", 2_300_000, "count", "exact"),
    ("They delivered 14k leaflets.", "14k", 14_000, "count", "exact"),
    ("Labour won half a million votes.", "half a million", 500_000, "count", "exact"),
    ("It was one hundred votes.", "one hundred", 100, "count", "exact"),
    # fractions of a whole (value in percent)
    ("Labour won half the vote.", "half", 50, "fraction", "exact"),
    ("He took a half of the vote.", "a half", 50, "fraction", "exact"),
    ("Labour took a third of the vote.", "a third", 33.33, "fraction", "exact"),
    ("Labour took two-thirds of the seats.", "two-thirds", 66.67, "fraction", "exact"),
    ("Labour took two thirds of the seats.", "two thirds", 66.67, "fraction", "exact"),
    ("Seats where a quarter or more are Muslim.", "a quarter", 25, "fraction", "exact"),
    ("Labour took three quarters of the seats.", "three quarters", 75, "fraction", "exact"),
    ("A fifth of voters backed Reform.", "A fifth", 20, "fraction", "exact"),
    ("He won a sixth of votes.", "a sixth", 16.67, "fraction", "exact"),
    ("A tenth stayed at home.", "A tenth", 10, "fraction", "exact"),
    ("One in five voters backed Reform.", "One in five", 20, "fraction", "exact"),
    ("Three in 10 voters backed Reform.", "Three in 10", 30, "fraction", "exact"),
    ("An eighth of the seats changed hands.", "An eighth", 12.5, "fraction", "exact"),
    # hedges
    ("The seat had a majority of more than 22,000.", "more than 22,000", 22000, "count", "more_than"),
    ("Over 5,000 voters turned out.", "Over 5,000", 5000, "count", "more_than"),
    ("Reform got above 50% there.", "above 50%", 50, "percent", "more_than"),
    ("A majority in excess of 10,000.", "in excess of 10,000", 10000, "count", "more_than"),
    ("Upwards of 2,000 voters switched.", "Upwards of 2,000", 2000, "count", "more_than"),
    ("He won just over half the vote.", "just over half", 50, "fraction", "more_than"),
    ("A more-than 300 vote swing.", "more-than 300", 300, "count", "more_than"),
    ("He won more than a sixth of votes.", "more than a sixth", 16.67, "fraction", "more_than"),
    ("Fewer than 100 votes separated them.", "Fewer than 100", 100, "count", "less_than"),
    ("Less than 5% voted Green.", "Less than 5%", 5, "percent", "less_than"),
    ("The majority is under 1,000.", "under 1,000", 1000, "count", "less_than"),
    ("Turnout fell below 60%.", "below 60%", 60, "percent", "less_than"),
    ("Labour won just under a third.", "just under a third", 33.33, "fraction", "less_than"),
    ("Almost 40% voted Labour.", "Almost 40%", 40, "percent", "nearly"),
    ("Nearly half voted Labour.", "Nearly half", 50, "fraction", "nearly"),
    ("The majority was close to 10,000.", "close to 10,000", 10000, "count", "nearly"),
    ("He finished just shy of 5,000.", "just shy of 5,000", 5000, "count", "nearly"),
    ("Turnout was approaching 60 per cent.", "approaching 60 per cent", 60, "percent", "nearly"),
    ("He got not quite 2,000 votes.", "not quite 2,000", 2000, "count", "nearly"),
    ("About 5,000 people voted.", "About 5,000", 5000, "count", "about"),
    ("Where around 30% of the electorate are Muslim.", "around 30%", 30, "percent", "about"),
    ("Roughly 12 seats changed hands.", "Roughly 12", 12, "count", "about"),
    ("Approximately 1,400 ballots were spoilt.", "Approximately 1,400", 1400, "count", "about"),
    ("In some 20 seats, Reform came second.", "some 20", 20, "count", "about"),
    ("A crowd of circa 3,000 gathered.", "circa 3,000", 3000, "count", "about"),
    ("A crowd of c. 4,000 gathered.", "c. 4,000", 4000, "count", "about"),
    ("An estimated 600 people attended.", "An estimated 600", 600, "count", "about"),
    ("A majority in the region of 2,000.", "in the region of 2,000", 2000, "count", "about"),
    ("Labour won only about a third of the vote.", "about a third", 33.33, "fraction", "about"),
    ("At least 20 seats are marginal.", "At least 20", 20, "count", "at_least"),
    ("No fewer than 10 MPs rebelled.", "No fewer than 10", 10, "count", "at_least"),
    ("They won no less than 5% of the vote.", "no less than 5%", 5, "percent", "at_least"),
    ("Reform could take up to 400 seats.", "up to 400", 400, "count", "at_most"),
    ("The Greens will win at most 7 seats.", "at most 7", 7, "count", "at_most"),
    ("The Greens won no more than 12 seats.", "no more than 12", 12, "count", "at_most"),
    ("Rushnara Ali won by just 1,689 votes.", "just 1,689", 1689, "count", "exact"),
    ("Her majority fell to just 693.", "just 693", 693, "count", "exact"),
    ("Labour won only 37.1 per cent.", "only 37.1 per cent", 37.1, "percent", "exact"),
    # ranges
    ("Reform will win between 20 and 25 per cent.", "between 20 and 25 per cent", 22.5, "percent", "range"),
    ("A majority of between 5,000 and 6,000 votes.", "between 5,000 and 6,000", 5500, "count", "range"),
    ("Labour will lose between five and ten seats.", "between five and ten", 7.5, "count", "range"),
    ("Between a quarter and a third voted Reform.", "Between a quarter and a third", 29.165, "fraction", "range"),
    # a year followed by votes/seats is a count
    ("They won 2019 votes in the ward.", "2019", 2019, "count", "exact"),
    ("The party won 1900 seats.", "1900", 1900, "count", "exact"),
    # "up to" after a verb of rising is not a ceiling
    ("Turnout went up to 60 per cent.", "60 per cent", 60, "percent", "exact"),
]


@pytest.mark.parametrize("sentence,text,value,unit,qualifier", READ)
def test_read(sentence, text, value, unit, qualifier):
    q = only(sentence)
    assert q.text == text
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.qualifier == qualifier
    assert sentence[q.start:q.end] == q.text
    assert q.low <= q.value <= q.high or q.qualifier in ("more_than", "less_than")


def test_read_table_is_large_enough():
    assert len(READ) >= 60


# -------------------------------------------------------- what is not read
NOT_FIGURES = [
    # years
    "Labour had held the seat since 1955.",
    "He stood in 2019 and in 2017.",
    "The 2017 result was different.",
    "In July 2024 Labour won.",
    # dates
    "Hamas attacked on 7 October.",
    "The election was held on 4 July.",
    "The election was held on July 4.",
    "The count ended on the 5th July.",
    "The count ended on 2024-07-05.",
    "The count ended on Thursday 4 July.",
    # ordinals
    "She was dropped at the 11th hour.",
    "It is the 13th safest seat.",
    "He came third on his eighth attempt.",
    "The first result came in.",
    "The third-place independent spoke.",
    "Labour is seeking a third term.",
    "It was a fifth consecutive win.",
    "It was over by the second half.",
    # ages
    "A 21-year-old won the seat.",
    "The MP, aged 45, held on.",
    "A 45-year-old won the seat.",
    "Voters aged over 65 backed the Tories.",
    "Voters aged between 18 and 24 backed Labour.",
    "Turnout among 18 to 24-year-olds fell.",
    # durations
    "He held the seat for 13 years.",
    "The campaign lasted 44 days.",
    "It took four months.",
    "It took six weeks.",
    "The count took 24 hours.",
    "They ruled for 14 consecutive years.",
    "The count took half an hour.",
    "The count took two and a half years.",
    # money
    "The campaign cost £1.2m.",
    "A $5 donation arrived.",
    "A €3 fee was charged.",
    "He paid 5 pounds.",
    "The party spent £10 million.",
    "A 50p coin was found.",
    # times
    "Polls closed at 10pm.",
    "The result came at 10.30pm.",
    "Polls closed at 22:00.",
    "Polls closed at 10 pm.",
    "Counting started at 10 a.m.",
    # phone numbers
    "Call 020 7946 0958 for details.",
    "Call +44 20 7946 0958 for details.",
    "Call 07700 900123 for details.",
    # URLs and alphanumeric tokens
    "Read https://example.com/news/2024/07/05/result-1234 now.",
    "Read www.example.co.uk/story/123 now.",
    "The A1 and the M62 were closed.",
    "The G7 met.",
    "The covid-19 pandemic changed campaigning.",
    "She told BBC Radio 4 about it.",
    "He spoke on Channel 4.",
    "He spoke on BBC One.",
    "He spoke on Radio Four.",
    "He moved into No 10.",
    "He moved into 10 Downing Street.",
    "The 1980s were different.",
    "The 5G rollout was discussed.",
    # "one" as a pronoun, "double"/"twice", vague amounts
    "It was one of several such cases.",
    "One of the candidates withdrew.",
    "Labour won twice as many seats and doubled its vote.",
    "Independents picked up several thousand votes.",
    "Labour lost only a handful of seats.",
    # plans, ranges written with hyphens, version numbers
    "Labour unveiled a five-point plan.",
    "It was 50-50.",
    "Release 3.8.0 is out.",
]


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_not_figures(sentence):
    assert find_quantities(sentence) == []


# ------------------------------------------------------ several per sentence
SEVERAL = [
    ("Once all 28 such seats were counted, Labour had won only 37.1 per cent of their combined vote – "
     "down from 63.7 per cent at the last election in 2019.",
     ["28", "only 37.1 per cent", "63.7 per cent"]),
    ("Labour has lost five seats with large Muslim populations - four to independents and one to the Conservatives.",
     ["five", "four"]),
    ("In Ilford North, shadow health secretary Wes Streeting was among those who saw his majority slashed - "
     "from more than 9,000 to 528.", ["more than 9,000", "528"]),
    ("The party's vote is down on average by 23 points in seats where 20% or more of the population identify as "
     "Muslim.", ["23 points", "20%"]),
    ("The constituency, where around 30% of the electorate are Muslim, has been held by Mr Ashworth for 13 years.",
     ["around 30%"]),
    ("In Bradford West, one of two Muslim majority-constituencies in Britain, Labour's Naz Shah clung on despite a "
     "staggering drop in her vote share from 76.2 per cent to 31.6 per cent.",
     ["two", "76.2 per cent", "31.6 per cent"]),
    ("Labour +4.2%, Tories -8.5%, Lib Dems −1.8 and Greens –2.1 points.",
     ["+4.2%", "-8.5%", "−1.8", "–2.1 points"]),
    ("Labour 412, Conservatives 121, Lib Dems 72.", ["412", "121", "72"]),
]


@pytest.mark.parametrize("sentence,texts", SEVERAL)
def test_several_in_order_with_offsets(sentence, texts):
    qs = find_quantities(sentence)
    assert [q.text for q in qs] == texts
    assert [q.start for q in qs] == sorted(q.start for q in qs)
    for q in qs:
        assert sentence[q.start:q.end] == q.text


@pytest.mark.parametrize("sentence", [s for s, *_ in READ] + [s for s, _ in SEVERAL])
def test_offsets_cover_the_text(sentence):
    for q in find_quantities(sentence):
        assert sentence[q.start:q.end] == q.text
        assert q.start < q.end


def test_offsets_with_leading_text_and_newlines():
    sentence = "Results:\n  Labour\u00a0— 21,345 (46.2%)\n  Reform — 9,012"
    qs = find_quantities(sentence)
    assert [q.text for q in qs] == ["21,345", "46.2%", "9,012"]
    assert [sentence[q.start:q.end] for q in qs] == ["21,345", "46.2%", "9,012"]


def test_hedge_is_recorded_as_written():
    q = only("The majority was More Than 22,000.")
    assert q.hedge == "More Than"
    assert q.qualifier == "more_than"
    assert q.text == "More Than 22,000"
    assert only("She won by 507 votes.").hedge is None


# ---------------------------------------------------------- signs
@pytest.mark.parametrize("sentence,text,value", [
    ("Labour +4.2% on 2019.", "+4.2%", 4.2),
    ("The Tories -8.5% on 2019.", "-8.5%", -8.5),
    ("The Lib Dems −1.8 on 2019.", "−1.8", -1.8),
    ("The Greens (–2.1) on 2019.", "–2.1", -2.1),
    ("Reform [+12.3 points] on 2019.", "+12.3 points", 12.3),
])
def test_signed(sentence, text, value):
    q = only(sentence)
    assert q.signed is True
    assert q.text == text
    assert q.value == pytest.approx(value)
    assert admits(q, value)


def test_unsigned_is_not_signed():
    q = only("Labour fell 8.5% on 2019.")
    assert q.signed is False
    assert q.value == 8.5


def test_hyphen_inside_a_word_is_not_a_sign():
    assert find_quantities("The covid-19 years.") == []
    assert find_quantities("The 2019-2024 parliament.") == []


def test_negative_exact_interval_is_symmetric():
    q = only("The Tories -8.5% on 2019.")
    assert (q.low, q.high) == (-8.55, -8.45)
    assert admits(q, -8.55) and admits(q, -8.45)
    assert not admits(q, -8.56) and not admits(q, -8.44)
    assert not admits(q, 8.5)


def test_negative_hedges_speak_of_size():
    # "more than -5": a fall of more than five -> [-6, -5), open at -5
    q = only("The share moved by more than -5% overall.")
    assert (q.low, q.high) == (-6.0, -5.0)
    assert not admits(q, -5.0)
    assert admits(q, -5.01) and admits(q, -6.0)
    assert not admits(q, -6.01) and not admits(q, -4.9)
    # "nearly -10": a fall of almost ten -> [-10, -9]
    assert interval(-10, "percent", "nearly", 1) == (-10.0, -9.0)
    assert interval(-10, "percent", "at_least", 1) == (-11.0, -10.0)
    assert interval(-10, "percent", "at_most", 1) == (-10.0, -9.0)
    assert interval(-10, "percent", "about", 1) == (-10.5, -9.5)
    for qualifier in ("exact", "about", "more_than", "less_than", "nearly", "at_least", "at_most"):
        lo, hi = interval(7.3, "points", qualifier, 0.1)
        assert interval(-7.3, "points", qualifier, 0.1) == (-hi, -lo)


# ---------------------------------------------------------- precision
@pytest.mark.parametrize("written,unit,multiplier,step", [
    ("31.6", "percent", 1, 0.1),
    ("46.25", "percent", 1, 0.01),
    ("46", "percent", 1, 1),
    ("20", "percent", 1, 1),
    ("23", "points", 1, 1),
    ("507", "count", 1, 1),
    ("1,400", "count", 1, 100),
    ("13,000", "count", 1, 1000),
    ("22,000", "count", 1, 1000),
    ("18,6187", "count", 1, 1),
    ("1.2", "count", 10**6, 100_000),
    ("14", "count", 1000, 1000),
    ("-8.5", "percent", 1, 0.1),
    ("1", "fraction", 1, 1),
])
def test_precision_step(written, unit, multiplier, step):
    assert precision_step(written, unit, multiplier) == pytest.approx(step)


# ---------------------------------------------------------- interval rules
@pytest.mark.parametrize("value,unit,qualifier,step,hedge,expected", [
    # exact: decimals and percents admit their rounding, whole counts admit nothing,
    # round counts admit their rounding up to 5%
    (31.6, "percent", "exact", 0.1, None, (31.55, 31.65)),
    (46, "percent", "exact", 1, None, (45.5, 46.5)),
    (507, "count", "exact", 1, None, (507, 507)),
    (1400, "count", "exact", 100, None, (1350, 1450)),
    (13000, "count", "exact", 1000, None, (12500, 13500)),
    (20, "count", "exact", 10, None, (19, 21)),  # 5% of 20 is tighter than the rounding
    (33.33, "fraction", "exact", 1, None, (31.6635, 34.9965)),
    (10, "fraction", "exact", 1, None, (9.5, 10.5)),
    # about
    (30, "percent", "about", 1, None, (28.5, 31.5)),
    (5000, "count", "about", 1000, None, (4500, 5500)),
    (12, "count", "about", 1, None, (11.4, 12.6)),
    (3, "count", "about", 1, None, (2.5, 3.5)),
    # more_than / at_least
    (22000, "count", "more_than", 1000, "more than", (22000, 23100)),
    (9, "count", "more_than", 1, "over", (9, 10)),
    (3, "count", "more_than", 1, "over", (3, 4)),
    (5000, "count", "more_than", 1000, "just over", (5000, 5500)),
    (50, "fraction", "more_than", 1, "slightly more than", (50, 55)),
    (20, "count", "at_least", 10, "at least", (20, 30)),
    (200, "count", "at_least", 100, "at least", (200, 300)),
    # less_than / at_most
    (40, "percent", "less_than", 1, "below", (38, 40)),
    (1000, "count", "less_than", 1000, "under", (0, 1000)),
    (33.33, "fraction", "less_than", 1, "just under", (29.997, 33.33)),
    (400, "count", "at_most", 100, "up to", (300, 400)),
    (7, "count", "at_most", 1, "at most", (6, 7)),
    # nearly
    (40, "percent", "nearly", 1, "almost", (36, 40)),
    (5000, "count", "nearly", 1000, "just shy of", (4500, 5000)),
    (3, "count", "nearly", 1, "nearly", (2.5, 3)),
])
def test_interval_rules(value, unit, qualifier, step, hedge, expected):
    lo, hi = interval(value, unit, qualifier, step, hedge)
    assert lo == pytest.approx(expected[0])
    assert hi == pytest.approx(expected[1])


def test_interval_rejects_range_and_unknown_qualifiers():
    with pytest.raises(ValueError):
        interval(5, "count", "range", 1)
    with pytest.raises(ValueError):
        interval(5, "count", "roughly", 1)


def test_range_interval_keeps_each_ends_rounding():
    assert range_interval(20, 25, "percent", 1, 1) == (19.5, 25.5)
    assert range_interval(5000, 6000, "count", 1000, 1000) == (4750, 6300)
    assert range_interval(25, 20, "percent", 1, 1) == (19.5, 25.5)


def test_bounds_are_free_of_float_noise():
    # in binary floating point 31.6 + 0.05 is 31.650000000000002 and 12.2 - 0.05 is 12.149999999999999
    q = only("The Tories took 31.6 per cent.")
    assert (q.low, q.high) == (31.55, 31.65)
    assert only("The Tories took 12.2 per cent.").low == 12.15
    assert admits(q, 31.65)


# ----------------------------------------------- edges: inside and outside
# phrase, lower end, lower open?, upper end, upper open?
EDGES = [
    ("a majority of more than 22,000", 22000, True, 23100, False),
    ("a majority of just over 5,000", 5000, True, 5500, False),
    ("a majority of at least 20", 20, False, 30, False),
    ("a share of less than 40%", 38, False, 40, True),
    ("a share of just under 40%", 39, False, 40, True),
    ("a share of nearly 40%", 36, False, 40, False),
    ("a majority of up to 400", 300, False, 400, False),
    ("a share of about 30%", 28.5, False, 31.5, False),
    ("a share of 31.6 per cent", 31.55, False, 31.65, False),
    ("a majority of 13,000", 12500, False, 13500, False),
    ("a majority of 507", 507, False, 507, False),
    ("a share of about a third", 31.6635, False, 34.9965, False),
    ("a share of between 20 and 25 per cent", 19.5, False, 25.5, False),
]


@pytest.mark.parametrize("phrase,low,low_open,high,high_open", EDGES)
def test_interval_edges(phrase, low, low_open, high, high_open):
    q = only(f"It had {phrase}.")
    assert q.low == pytest.approx(low)
    assert q.high == pytest.approx(high)
    d = 1e-6 * max(1.0, abs(q.value))
    # just outside each end is never admitted
    assert not admits(q, low - d)
    assert not admits(q, high + d)
    # each end is admitted unless it is open
    assert admits(q, low) is not low_open
    assert admits(q, high) is not high_open
    # just inside each end is admitted
    if high > low:
        assert admits(q, low + d)
        assert admits(q, high - d)


def test_open_end_is_the_written_figure():
    # the verifier's rule: more_than excludes its low end, less_than its high end
    more = only("more than 22,000 votes")
    less = only("fewer than 100 votes")
    assert more.low == more.value and not admits(more, more.value)
    assert less.high == less.value and not admits(less, less.value)


# -------------------------------------------------------------- hedges table
@pytest.mark.parametrize("hedge,qualifier", sorted(HEDGES.items()))
def test_every_hedge_in_the_table_is_read(hedge, qualifier):
    sentence = f"They counted {hedge} 5,000 ballots."
    q = only(sentence)
    assert q.hedge == hedge
    assert q.qualifier == qualifier
    assert q.text == f"{hedge} 5,000"
    assert sentence[q.start:q.end] == q.text


def test_narrow_hedges_are_a_subset_and_tighter():
    assert NARROW_HEDGES <= set(HEDGES)
    assert {"just over", "just under", "slightly more than"} <= NARROW_HEDGES
    for hedge in NARROW_HEDGES:
        qualifier = HEDGES[hedge]
        wide = interval(1000, "count", qualifier, 1, None)
        narrow = interval(1000, "count", qualifier, 1, hedge)
        assert narrow[1] - narrow[0] < wide[1] - wide[0]


def test_longest_hedge_wins():
    assert only("a majority of no more than 12").qualifier == "at_most"
    assert only("a majority of just over 12").hedge == "just over"
    assert only("a share of only just under half").hedge == "just under"


# ----------------------------------------------------- numbers as printed
# sentence, quantity text, value, alternatives
AS_PRINTED = [
    # thousands separators: a comma and a stray space, a space, a no-break or thin space, none
    ("The count gave the winner 41, 208 votes.", "41, 208", 41208, []),
    ("Green candidate Ana Ruiz – 3, 117", "3, 117", 3117, []),
    ("The electorate stood at 71 904 this year.", "71 904", 71904, []),
    ("The electorate stood at 71\u00a0904 this year.", "71\u00a0904", 71904, []),
    ("The electorate stood at 71\u202f904 this year.", "71\u202f904", 71904, []),
    ("The electorate stood at 71\u2009904 this year.", "71\u2009904", 71904, []),
    ("Labour polled 9 744 531 votes across Britain.", "9 744 531", 9744531, []),
    ("He took 23817 votes on the night.", "23817", 23817, []),
    ("Reform took 4.305.112 votes nationally.", "4.305.112", 4305112, []),
    # a lone full stop before three digits in a count: separator or decimal point
    ("She held the seat by 2.417 on Friday.", "2.417", 2417, [2.417]),
    ("Turnout rose to 58.350 thousand.", "58.350 thousand", 58350, []),
    ("Her share was 48.125%.", "48.125%", 48.125, []),
    # a hyphen between a name and a bare count is a dash; the sign stays a possible reading
    ("Cosmic Tea Party -318", "318", 318, [-318]),
    ("Jo Pike (Yorkshire Party) -1,042", "1,042", 1042, [-1042]),
    ("Dan Ewe (Ind) –77", "77", 77, [-77]),
]


@pytest.mark.parametrize("sentence,text,value,alternatives", AS_PRINTED)
def test_numbers_as_printed(sentence, text, value, alternatives):
    q = only(sentence)
    assert q.text == text
    assert sentence[q.start:q.end] == q.text
    assert q.value == pytest.approx(value)
    assert q.alternatives == pytest.approx(alternatives)
    assert q.signed is False


def test_a_separated_figure_keeps_its_written_precision():
    q = only("The majority was 12 000 in the end.")
    assert (q.value, q.low, q.high) == (12000, 11500, 12500)  # rounded to thousands, as "12,000" is
    assert admits(only("She won by 1 507 votes."), 1507)
    assert not admits(only("She won by 1 507 votes."), 1508)


@pytest.mark.parametrize("sentence,texts,values", [
    # a row of numbers separated by spaces is several figures, not one
    ("Lab 203 13 55 -42 32.2%", ["203", "13", "55", "-42", "32.2%"], [203, 13, 55, -42, 32.2]),
    ("Scores: 412 121 72 9", ["412", "121", "72", "9"], [412, 121, 72, 9]),
    ("Ballot numbers 1 234 567 890 123 were void.", ["1", "234", "567", "890", "123"], [1, 234, 567, 890, 123]),
    # a list after a comma is a list
    ("Wards 7, 12 and 19 declared.", ["7", "12", "19"], [7, 12, 19]),
    ("In 2019, 365 Conservatives were elected.", ["365"], [365]),
])
def test_spaces_and_commas_that_are_not_separators(sentence, texts, values):
    qs = find_quantities(sentence)
    assert [q.text for q in qs] == texts
    assert [q.value for q in qs] == pytest.approx(values)


@pytest.mark.parametrize("sentence,value", [
    # a sign that goes with a change: after a figure, in brackets, beside a "+", a decimal, a percent
    ("Con -251, Lab +209", -251),
    ("The Tories won 121 seats (-251).", -251),
    ("Party | Seats | Change\nCon | 121 | -251", -251),
    ("The Greens -1.5 on last time.", -1.5),
    ("The Greens -3% on last time.", -3),
    ("The Lib Dems −3 on last time.", -3),  # a Unicode minus is always a sign
])
def test_a_hyphen_that_is_a_sign(sentence, value):
    q = next(q for q in find_quantities(sentence) if abs(q.value) == pytest.approx(abs(value)))
    assert q.value == pytest.approx(value)
    assert q.signed is True
    assert q.alternatives == []


@pytest.mark.parametrize("sentence", [
    "He won the seat with a majority of 2,3",  # the text ends inside the figure
    "Turnout: 61,0",
    "Reference 48213907761 was logged.",  # eleven digits: an ID, not an election figure
    "He won by " + "7" * 5000 + " votes.",
    "Vote count: " + "12,345," * 2000 + "678",
])
def test_no_figure(sentence):
    assert find_quantities(sentence) == []


def test_a_truncated_figure_mid_text_is_read_as_written():
    """Only the very end of the text shows the figure was cut off; elsewhere "18,6187" is a typo, read whole."""
    assert only("A majority of 2,3 votes.").value == 23


# --------------------------------------------------------- the gold corpora
def _gold_claims():
    for path in sorted((CORPORA / "gold").glob("*.gold.json")):
        for claim in json.loads(path.read_text())["claims"]:
            yield pytest.param(claim, id=f"{path.name[:3]}:{claim['quote']}")


# "down on average by 23 points": the gold reads "about" from "on average", which is
# context for the claim extractor; the figure itself is written without a hedge
GOLD_QUALIFIER_FROM_CONTEXT = {"23 points": "exact"}


@pytest.mark.parametrize("claim", list(_gold_claims()))
def test_gold_figures_are_read(claim):
    sentence = claim["sentence"]
    at = sentence.index(claim["quote"])
    span = (at, at + len(claim["quote"]))
    hits = [q for q in find_quantities(sentence) if q.start < span[1] and span[0] < q.end]
    assert len(hits) == 1, [q.text for q in hits]
    q = hits[0]
    # the sign of "down by 23 points" comes from the words around it, not the figure
    assert abs(q.value) == pytest.approx(abs(claim["value"]), abs=0.01)
    assert q.qualifier == GOLD_QUALIFIER_FROM_CONTEXT.get(claim["quote"], claim["qualifier"])
    if claim["verdict"][0] == "accurate" and claim["official"] is not None:
        assert admits(q, abs(claim["official"]))


# ------------------------------------------------------------------- speed
def test_no_heavy_imports():
    code = ("import sys, factcheck.read.figures as q; q.find_quantities('about 5,000 votes'); "
            "sys.exit(bool({'spacy', 'pandas'} & set(sys.modules)))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_quantity_is_the_shared_model():
    q = only("He won by 979 votes.")
    assert isinstance(q, Quantity)
    assert math.isfinite(q.low) and math.isfinite(q.high)


# ------------------------------------------------------------------- nought, said in words
@pytest.mark.parametrize("sentence, text", [
    ("The Conservatives won no seats in Wales.", "no"),
    ("There will be no Conservative MPs in Wales.", "no"),
    ("Labour did not lose a single seat.", "a single"),
    ("The Tories failed to win a single seat in Scotland.", "a single"),
    ("Reform did not win any seats in the county.", "any"),
    ("Not one Tory MP survived.", "Not one"),
])
def test_no_seats_is_a_count_of_nought(sentence, text):
    q = only(sentence)
    assert (q.value, q.unit, q.text, q.low, q.high) == (0.0, "count", text, 0.0, 0.0)


@pytest.mark.parametrize("sentence", [
    "There is no doubt about it.", "It is not a seat Labour expected to win.", "No change for Plaid Cymru.",
    "The count finished with no more seats to declare.",
])
def test_no_without_seats_is_no_figure(sentence):
    assert find_quantities(sentence) == []


@pytest.mark.parametrize("sentence, value", [
    ("The party previously held every seat in Cornwall and now has none.", 0.0),
    ("Plaid Cymru secured two seats, and the Liberal Democrats attained one.", 1.0),
    ("Labour won four of the county's seats while the Tories kept just one, in the north.", 1.0),
])
def test_a_count_whose_seats_the_sentence_named_before_is_a_count(sentence, value):
    """"... and now has none": the noun is left out because the sentence gave it already."""
    q = [q for q in find_quantities(sentence) if q.text.lower().split()[-1] in ("none", "one")]
    assert len(q) == 1 and (q[0].value, q[0].unit) == (value, "count")


@pytest.mark.parametrize("sentence", [
    "She has none of her predecessor's charm.",  # no seats named before
    "Labour held the seat and won one of the closest races of the night.",  # "one of": a pronoun
    "Of the seats in the county, the Tories won one that nobody expected.",  # the clause goes on
    "The party won seats everywhere, but none was as sweet as this.",  # no verb of winning before it
])
def test_none_or_one_standing_alone_otherwise_is_no_figure(sentence):
    assert not [q for q in find_quantities(sentence) if q.text.lower().split()[-1] in ("none", "one")]


def test_one_before_a_described_seat_is_a_count():
    assert only("The Lib Dems gained one new member.").value == 1
    assert find_quantities("One of the seats went to Reform.") == []


def test_figures_found_again_in_one_article_are_the_callers_own():
    """A sentence's figures are found once an article; each caller still gets copies it may change."""
    from factcheck.memo import one_article

    sentence = "Turnout fell to 59.7%, and she won by more than 2,000 votes."
    with one_article():
        first = find_quantities(sentence)
        first[0].unit = "count"
        again = find_quantities(sentence)
    assert [(q.text, q.unit) for q in again] == [("59.7%", "percent"), ("more than 2,000", "count")]
    assert again == find_quantities(sentence) and again[0].unit == "percent"


@pytest.mark.parametrize("sentence, text", [
    ("Mr Girvan's vote suffered a 15.7 swing compared to 2019.", "15.7"),
    ("The seat saw a 4.5 Con to Lab swing.", "4.5"),
])
def test_a_swing_written_without_its_unit_is_in_points(sentence, text):
    q = only(sentence)
    assert (q.text, q.unit) == (text, "points")


@pytest.mark.parametrize("sentence", ["A more-than 300 vote swing.", "He won 5 votes to the swing voters' dismay."])
def test_a_count_before_other_words_and_swing_stays_a_count(sentence):
    assert [q.unit for q in find_quantities(sentence)] == ["count"]


# ------------------------------------------------------------ patterns passed over
# sentences written here for each pattern a word check may skip, beside real coverage (read from ../shared)
GATED = [
    "One in five voters backed Reform, and one in a hundred spoilt their ballot.",
    "TWO IN EVERY TEN seats changed hands; seven-in-ten stayed put.",
    "Labour took two thirds of the seats and a quarter of the vote; half of the MPs are new.",
    "The Greens had four seats before; now they have none, and the Lib Dems have one.",
    "The party won no seats at all and did not win a single constituency.",
    "Call the count on 0161 496 0000 or +44 20 7946 0958 for the result.",
    "Twenty-three thousand four hundred and six people voted, a dozen more than last time.",
    "Nothing here is a number, a fraction or a telephone line.",
]


def test_a_pattern_is_passed_over_only_where_it_cannot_match():
    """The word checks are one-sided: wherever a figure pattern matches a sentence, the sentence (folded)
    holds one of the words the check looks for, so skipping the others never loses a figure."""
    from factcheck.read import figures as F
    from factcheck.readings.literals import folded

    texts = list(GATED)
    real = 0
    for corpus in (SHARED / "dev" / "articles", SHARED / "dev2019" / "articles", SHARED / "seeds"):
        if corpus.is_dir():
            for path in sorted(corpus.glob("*.txt"))[:40]:
                lines = [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line]
                texts += lines
                real += len(lines)
    checks = [(F._FRACTION, lambda low: any(w in low for w in F._FRACTION_NEEDLES)),
              (F._ZERO, lambda low: any(w in low for w in F._ZERO_NEEDLES)),
              (F._PHONE, lambda low: any(w in low for w in F._PHONE_NEEDLES)),
              (F._ONE_IN, lambda low: bool(F._ONE_IN_HINT.search(low))),
              (F._ELLIPTICAL, lambda low: "one" in low)]
    matched = 0
    for text in texts:
        low = folded(text)
        for pattern, holds in checks:
            if pattern.search(text):
                matched += 1
                assert holds(low), (pattern.pattern[:40], text)
        if any(run.end() - run.start() > 1 for run in F._WORD_RUN.finditer(text)):
            matched += 1
            assert any(w in low for w in F._NUMBER_WORD_NEEDLES), text
    # the patterns did match: the check was not vacuous (the sentences written here alone, without the real
    # articles beside the checkout, match fewer times)
    assert matched > (100 if real else len(GATED) // 2)
    # and each sentence written here still gives what the patterns alone would find
    for text in GATED:
        assert F._word_figures(text) == F._word_figures(text, folded(text))
    assert [q.text for q in find_quantities(GATED[0])] == ["One in five", "one in a hundred"]
    assert find_quantities(GATED[-1]) == []


@pytest.mark.parametrize("sentence, value, unit", [
    ("\u017feven in ten voters backed Labour.", 70.0, "fraction"),  # a long s: "s" to a case-blind pattern
    ("A \u017fixth of the seats changed hands.", 16.67, "fraction"),
    ("Turnout fell by a quarter of a thou\u017fand.", 250.0, "count"),
    ("Labour won 12\u212a votes.", 12000.0, "count"),  # the Kelvin sign
])
def test_letters_a_case_blind_pattern_takes_for_ascii_are_read_as_those_letters(sentence, value, unit):
    """No KeyError (an internal error): the words are looked up folded, as the patterns matched them."""
    q = only(sentence)
    assert (q.value, q.unit) == (value, unit)
