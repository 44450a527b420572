"""Results blocks read by shape: lists, tables, tallies and summary lines, in plain text and HTML.

Names and numbers here are made up: these tests are about shapes. Judging
rows against the tables is tested in tests/link/test_rows.py.
"""
from __future__ import annotations

import re

import pytest

from factcheck.read.blocks import FIGURE_MEANINGS, find_blocks, header_meaning, vocabulary
from factcheck.read.ingest import read_text
from factcheck.reference.parties import PARTIES


def only_block(text: str):
    blocks = find_blocks(text)
    assert len(blocks) == 1, [b.rows for b in blocks]
    return blocks[0]


def cells(row) -> list[tuple[str, str, float]]:
    return [(c.text, c.column, c.quantity.value) for c in row.cells]


# ---------------------------------------------------------------- the vocabulary
def test_vocabulary_meanings_are_all_known():
    known = FIGURE_MEANINGS | {"name", "party", "place", "rank", "marker", "others", "total", "new", "no_change",
                               "no_party",
                               "filler"}
    vocab = vocabulary()
    assert vocab and {m for m in vocab.values() if not m.startswith(("party:", "era:"))} <= known
    assert {m for m in vocab.values() if m.startswith("era:")} == {"era:current", "era:previous", "era:other",
                                                                   "era:forecast"}
    assert {m.split(":")[1] for m in vocab.values() if m.startswith("party:")} <= set(PARTIES)
    for phrase in ("majority", "turnout", "electorate", "registered voters", "spoilt ballot papers",
                   "rejected ballots", "gain", "hold", "elected", "n/a", "others"):
        assert phrase in vocab, phrase


@pytest.mark.parametrize("header, meaning", [
    ("Votes", "votes"), ("Total number of votes", "votes"), ("Popular Vote", "votes"), ("%", "share"),
    ("Vote share", "share"), ("Share of Vote", "share"), ("+/-", "change"), ("Change since 2019", "change"),
    ("Change in vote share (vs. 2019)", "change"), ("Seats", "seats"), ("Seat Change", "seats_change"),
    ("Candidate", "name"), ("Party", "party"), ("Seats PR", "pr_seats"), ("Seats (AV)", None),
    ("Seat", "place"), ("Constituency", "place"),
    ("Favourite colour", None),
])
def test_header_meaning(header, meaning):
    assert header_meaning(header) == meaning


# ---------------------------------------------------------------- list shapes
LIST_SHAPES = [
    "Ann Example (Labour) 12,345\nBob Sample (Conservative) 9,876",
    "Ann Example (Lab) - 12,345 votes\nBob Sample (Con) - 9,876 votes",
    "Ann Example, Labour, 12,345\nBob Sample, Conservative, 9,876",
    "Ann Example – Labour – 12,345 (41.2%)\nBob Sample – Conservative – 9,876 (33.0%)",
    "• Ann Example (Lab): 12,345\n• Bob Sample (N/A): 9,876",
    "Ann Example Labour 12,345\nBob Sample Conservative 9,876",
    "Ann Example\tLabour\t12,345\nBob Sample\tConservative\t9,876",
    "Ann Example | Lab | 12,345 | 41.2 | 5.3 |\nBob Sample | Con | 9,876 | 33.0 | -2.1 |",
]


@pytest.mark.parametrize("text", LIST_SHAPES)
def test_candidate_list_shapes(text):
    block = only_block("The full result was:\n" + text + "\nTurnout fell this year, the returning officer said.")
    assert block.heading == ["The full result was:"]
    assert len(block.rows) == 2
    first, second = block.rows
    assert "Ann Example" in " ".join(first.subject) and first.cells[0].quantity.value == 12345
    assert first.cells[0].column in ("count", "votes")
    assert second.cells[0].quantity.value == 9876
    assert first.text == text.split("\n")[0].strip()


def test_share_in_brackets_and_names_and_parties_apart():
    block = only_block("Ann Example - Reform UK - 21,225 (46.2%)\nBob Sample - Lib Dems - 2,016 (4.4%)")
    row = block.rows[0]
    assert (row.name, row.party) == ("Ann Example", "Reform UK")
    assert cells(row) == [("21,225", "count", 21225), ("46.2%", "share", 46.2)]
    assert row.cells[1].quantity.unit == "percent"
    assert row.text[row.cells[1].start:row.cells[1].end] == "46.2%"


def test_markers_are_not_subjects():
    block = only_block("Zed Person (LD) 23,976 (elected)\nYan Person (Con) 15,738")
    assert block.rows[0].markers == ["elected"] and block.rows[0].subject == ["Zed Person", "LD"]


def test_party_first_rows_and_glued_figures():
    block = only_block("Labour Party (Ann Example)12,34525.10%\nGreen Party (Bob Sample)2,0015.20%")
    row = block.rows[0]
    assert row.splits, "the glued figures keep every way to cut them"
    assert [(c.text, c.quantity.value) for c in row.splits[0]] == [("12,345", 12345), ("25.10%", 25.1)]
    assert row.party == "Labour Party" and row.name == "Ann Example"


def test_glued_figures_without_separators_keep_every_cut():
    row = only_block("Labour Party (Ann Example)1234525.10%\nGreen (Bob Sample)20015.20%").rows[0]
    cuts = [(a.quantity.value, b.quantity.value) for a, b in row.splits]
    assert (12345, 25.1) in cuts and (123452, 5.1) in cuts


def test_numbers_as_printed():
    block = only_block("Ann Example, Lib Dem – 4, 352\nBob Sample, Loony Party -211\nCid Sample, Green – 1.900")
    assert block.rows[0].cells[0].quantity.value == 4352 and block.rows[0].cells[0].text == "4, 352"
    dash = block.rows[1].cells[0]
    assert dash.quantity.value == 211 and not dash.quantity.signed  # a dash, not a minus
    stop = block.rows[2].cells[0]
    assert [a.value for a in stop.alternatives] == [1900]  # "1.900": a full stop as the separator, maybe


def test_a_figure_cut_off_at_the_end_is_not_a_claim():
    block = only_block("Aberville\n1. Labour: 17,838 votes. 49.9% share\n2. Reform UK: 7,484 votes. 2")
    assert [c.text for c in block.rows[1].cells] == ["7,484"]
    assert [c.text for c in block.rows[0].cells] == ["17,838", "49.9%"]  # the running number is no figure
    cut = only_block("Kim Sample (Lab) 12,345\nMajority: 1,4")
    assert [c.text for r in cut.rows for c in r.cells] == ["12,345"]


# ---------------------------------------------------------------- summary lines
@pytest.mark.parametrize("line, meaning, value", [
    ("Majority: 2,345", "majority", 2345),
    ("Result: LABOUR GAIN - majority 812", "majority", 812),
    ("Turnout: 61.2%", "turnout", 61.2),
    ("Registered voters:70,000", "electorate", 70000),
    ("Electorate 71,250", "electorate", 71250),
    ("Rejected ballots 120", "rejected", 120),
    ("Spoilt ballot papers: 98", "rejected", 98),
    ("Total votes cast: 45,791", "total_votes", 45791),
])
def test_summary_lines(line, meaning, value):
    row = only_block("Kim Sample (Lab) 12,345\n" + line).rows[-1]
    assert row.kind == "summary"
    assert [(c.column, c.quantity.value) for c in row.cells] == [(meaning, value)]


def test_cards_a_name_line_and_label_lines():
    text = "Labour, Ann Example\n- votes 15,395\n- share 38.8%\n- share change +7.5\n" \
           "Conservative, Bob Sample\n- votes 11,368\n- share 28.7%\n- share change -30.3"
    block = only_block(text)
    assert block.shape == "cards" and len(block.rows) == 2
    row = block.rows[1]
    assert row.text == "Conservative, Bob Sample\n- votes 11,368\n- share 28.7%\n- share change -30.3"
    assert cells(row) == [("11,368", "votes", 11368), ("28.7%", "share", 28.7), ("-30.3", "change", -30.3)]
    assert row.text[row.cells[2].start:row.cells[2].end] == "-30.3"


# ---------------------------------------------------------------- tables
def test_pipe_table_with_header_and_unicode_minus():
    text = "Party | Vote share | Change since 2019 |\n---|---|---|\nLabour | 38.8% | +7.5% |\n" \
           "Conservative | 28.7% | −30.3% |\nOthers | 1.2% |"
    block = only_block(text)
    assert block.shape == "table" and block.header == ["Party", "Vote share", "Change since 2019"]
    con = block.rows[1]
    assert cells(con) == [("28.7%", "share", 28.7), ("−30.3%", "change", -30.3)]
    assert con.cells[1].quantity.unit == "points" and con.cells[1].quantity.signed
    assert block.rows[2].kind == "others"


def test_unknown_header_leaves_the_column_unknown():
    block = only_block("Party | Votes | Seats (AV) |\nLabour | 9,000,000 | 219.6 |\nGreen | 1,900,000 | 43.8 |")
    assert [c.column for c in block.rows[0].cells] == ["votes", "unknown"]
    assert block.rows[0].cells[1].label == "Seats (AV)"


def test_national_table_with_a_position_column():
    text = "| 1 | Labour Party | 9,708,716 | 33.7% | 411 |\n| 2 | Conservative Party | 6,828,925 | 23.7% | 121 |\n" \
           "| 3 | Liberal Democrats | 3,519,143 | 12.2% | 72 |"
    block = only_block(text)
    assert [c.column for c in block.rows[0].cells] == ["rank", "count", "share", "count"]
    assert block.rows[2].subject == ["Liberal Democrats"]


def test_a_table_printed_twice_is_two_blocks():
    table = "Party | Vote share |\n---|---|\nLabour | 38.8% |\nGreen | 6.8% |\n"
    blocks = find_blocks(table + "Vote share again\n" + table)
    assert len(blocks) == 2
    assert [r.text for r in blocks[0].rows] == [r.text for r in blocks[1].rows]
    assert blocks[1].start > blocks[0].end


# ---------------------------------------------------------------- tallies
def test_tallies_with_the_previous_figure_in_brackets():
    block = only_block("Labour 7 (5)\nGreen 1 (-)")
    assert cells(block.rows[0]) == [("7", "count", 7), ("5", "previous", 5)]
    assert cells(block.rows[1]) == [("1", "count", 1)]
    row = only_block("Lab 123,456 31% (27%)\nCon 98,765 25% (30%)").rows[0]
    assert cells(row) == [("123,456", "count", 123456), ("31%", "share", 31), ("27%", "previous", 27)]
    block = only_block("DUP 172,058 (22.1%, -8.5%) 5 seats (-3)\nSF 210,891 (27.0%, +4.2%) 7 seats (0)")
    assert [c.column for c in block.rows[0].cells] == ["count", "share", "change", "seats", "seats_change"]
    assert cells(block.rows[1])[-1] == ("0", "seats_change", 0)  # a change of nothing among changes


def test_results_widget():
    block = only_block("- Labour: 412 seats, 211 seats gained\n- Conservative: 121 seats, 251 seats lost\n"
                       "- Sinn Fein: 7 seats, No change")
    assert cells(block.rows[0]) == [("412", "seats", 412), ("211", "seats_gained", 211)]
    assert cells(block.rows[1]) == [("121", "seats", 121), ("251", "seats_lost", 251)]
    assert block.rows[2].party == "Sinn Fein"


# ---------------------------------------------------------------- what is not a block
@pytest.mark.parametrize("text", [
    "Labour won 412 seats, up from 202.",
    "Turnout was 63.6 per cent.",
    "The count finished at 05.46 on 5 July 2024.",
    "- Jul 10, 2024",
    "He said: “We won 12,345 votes and I thank every one of them.”",
])
def test_prose_is_not_a_block(text):
    assert find_blocks(text) == []


# ---------------------------------------------------------------- HTML
def test_html_table_and_list_become_rows():
    page = """<html><body><h2>Results for Exampleton</h2>
    <table><thead><tr><th>Candidate</th><th>Party</th><th>Votes</th><th>%</th></tr></thead>
    <tbody><tr><td><p>Ann Example</p></td><td>Lab</td><td>12,345</td><td>41.2</td></tr>
    <tr><td>Bob Sample</td><td>Con</td><td>9,876</td><td>33.0</td></tr></tbody></table>
    <ul><li>Majority: 2,469</li><li>Turnout: 61.2%</li></ul></body></html>"""
    article = read_text(page, "page.html")[0]
    assert "Ann Example | Lab | 12,345 | 41.2" in article.text
    blocks = find_blocks(article.text)
    table = blocks[0]
    assert table.header == ["Candidate", "Party", "Votes", "%"]
    assert [(c.column, c.quantity.value, c.quantity.unit) for c in table.rows[0].cells] == [
        ("votes", 12345, "count"), ("share", 41.2, "percent")]
    rows = [r for b in blocks for r in b.rows]
    assert [c.column for r in rows[-2:] for c in r.cells] == ["majority", "turnout"]


def test_several_parties_on_one_line_are_several_rows():
    block = only_block("Lab 411, Con 121, LD 72, SNP 9")
    assert [(r.subject, [c.quantity.value for c in r.cells]) for r in block.rows] == [
        (["Lab"], [411]), (["Con"], [121]), (["LD"], [72]), (["SNP"], [9])]
    assert {r.text for r in block.rows} == {"Lab 411, Con 121, LD 72, SNP 9"}
    row = only_block("LAB: 48.4% (+8.2) CON: 26.9% (-24.7)").rows[1]
    assert (row.subject, [c.column for c in row.cells]) == (["CON"], ["share", "change"])
    one = only_block("Ann Example (Lab) 12,345 (41.2%)\nBob Sample (Con) 9,876 (33.0%)")
    assert len(one.rows) == 2  # a name, its party and two figures: one row


def test_a_named_entry_with_any_bracketed_label_is_its_own_row():
    """"...; Cat Example (XYZ) 2,424": after a list's separator, a name and a label in brackets start an entry
    of their own even when the label is no party the vocabulary knows (a local party's initials); a bracketed
    figure after a row's own stays in that row."""
    block = only_block("Town: Ann Example (Lab) 25,238; Bob Sample (Green) 4,663; Cat Example (XYZ) 2,424.")
    assert [[c.quantity.value for c in r.cells] for r in block.rows] == [[25238], [4663], [2424]]
    assert block.rows[2].subject[0].startswith("Cat Example")
    one = only_block("Town: Ann Example (Lab) 25,238; Bob Sample (Green) 4,663 (11.2%)")
    assert [[c.quantity.value for c in r.cells] for r in one.rows] == [[25238], [4663, 11.2]]


# ---------------------------------------------------------------- tables that lost their separators
SPACED = ("National results\nParty Seats Gains Losses Net Vote share Change Total votes\n"
          "ExamplistExm 120 10 4 +6 31.2% +2.5% 4,567,890\n"
          "Sample PartySMP 80 3 9 -6 24.0% -1.1% 3,456,789\n"
          "National turnout: 66.1%")


def test_a_spaced_header_types_the_figures_under_it():
    block = only_block(SPACED)
    assert block.header == ["Party", "Seats", "Gains", "Losses", "Net", "Vote share", "Change", "Total votes"]
    first = block.rows[0]
    assert [c.column for c in first.cells] == ["seats", "seats_gained", "seats_lost", "seats_change", "share",
                                              "change", "total_votes"]
    assert [c.label for c in first.cells][:2] == ["Seats", "Gains"]
    assert first.cells[-1].quantity.value == 4567890
    # the line after the rows has other figures: the header no longer applies
    assert [(c.column, c.quantity.value) for c in block.rows[-1].cells] == [("turnout", 66.1)]


@pytest.mark.parametrize("text", [
    "Seats Votes\nLabour won 412 seats and 9,708,716 votes, up 1.6 points.",  # the next line's figures do not fit
    "Share change seats.\nLabour 412 33.7%",  # a sentence, not a header
    "Party Seats Favourite colour\nLabour 412 7",  # a word no header has
])
def test_a_line_of_header_words_is_a_header_only_over_rows_it_fits(text):
    assert all(not b.header for b in find_blocks(text))


@pytest.mark.parametrize("printed, subject", [
    ("ConservativeCon", ["Conservative"]), ("Sinn FéinSF", ["Sinn Féin"]), ("GreenGreen", ["Green"]),
    ("Liberal DemocratLib Dem", ["Liberal Democrat"]), ("OtherOther", ["Other"]), ("BrexitBrexit", ["Brexit"]),
    ("Ann ExampleLab", ["Ann Example", "Lab"]), ("Ann McExample", ["Ann McExample"]),
])
def test_a_name_glued_to_its_short_form(printed, subject):
    row = only_block(f"{printed} 12 34.5%\nLabour 7 21.0%").rows[0]
    assert row.subject == subject


def test_summary_words_of_a_seat():
    assert header_meaning("Votes polled") == "total_votes" and header_meaning("Valid votes") == "total_votes"
    row = only_block("• Eligible electorate: 72,000\n• Votes polled: 49,000").rows[1]
    assert [(c.column, c.quantity.value) for c in row.cells] == [("total_votes", 49000)]


@pytest.mark.parametrize("header, meaning", [
    ("Net %", "change"), ("Net percentage change", "change"), ("Votes %", "share"), ("+/- %", "change"),
    ("Seats +/-", "seats_change"), ("Net change in seats", "seats_change"), ("Gain", "seats_gained"),
    ("Loss", "seats_lost"), ("Total seats", "seats"), ("Vote share change", "change"), ("Net", "seats_change"),
])
def test_results_pages_column_words(header, meaning):
    assert header_meaning(header) == meaning


def test_a_spaced_header_is_cut_to_the_width_of_its_rows():
    """"Vote share Change" is one phrase or two: the rows' seven figures decide."""
    block = only_block("Party Seats Gains Losses Net Vote share Change Total votes\n"
                       "Examplist 120 10 4 +6 31.2% +2.5% 4,567,890\nSample Party 80 3 9 -6 24.0% -1.1% 3,456,789")
    assert [c.column for c in block.rows[0].cells][4:6] == ["share", "change"]


def test_a_block_is_read_the_same_when_its_lines_were_read_before_in_the_article():
    """A line's figures are found once an article; every reading of the line still gets its own figures."""
    from factcheck.memo import one_article

    text = ("Result:\nAnna Berg (Lab) 21,304 48.2%\nTom Hale (Con) 15,877 35.9%\nSue Idle (LD) 7,012 15.9%\n\n"
            "| Candidate | Party | Votes | % |\n|---|---|---|---|\n| Anna Berg | Lab | 21,304 | 48.2 |\n"
            "| Tom Hale | Con | 15,877 | 35.9 |\n")
    alone = [b.model_dump() for b in find_blocks(text)]
    assert sum(len(b["rows"]) for b in alone) >= 5
    with one_article():
        first = [b.model_dump() for b in find_blocks(text)]
        again = [b.model_dump() for b in find_blocks("Intro line.\n" + text)]
        third = [b.model_dump() for b in find_blocks(text)]
    assert first == alone == third
    assert [r["cells"] for b in again for r in b["rows"]] == [r["cells"] for b in alone for r in b["rows"]]


# ---------------------------------------------------------------- articles with no block
def _every_line_read(text: str):
    from factcheck.read.blocks import _blocks_of, article_lines

    return _blocks_of(text, article_lines(text))


def test_prose_with_figures_is_no_block_and_is_not_read_line_by_line():
    from factcheck.read.blocks import _may_be_row

    text = ("Labour won 412 seats on a turnout of 59.7%, the lowest since 2001.\n"
            "The Conservatives lost 251 seats and their leader said the party would listen.\n"
            "Counting went on until 6am in the three Highland seats.")
    assert find_blocks(text) == [] == _every_line_read(text)
    assert not any(_may_be_row(line) for line in text.split("\n"))


@pytest.mark.parametrize("text", [
    "The result in full:\nJane Smith (Lab) 12,345\nJohn Brown (Con) 9,876\nMajority: 2,469",
    "Labour, Jane Smith\n- votes 12,345\n- share 38.8%\nConservative, John Brown\n- votes 9,876\n- share 30.1%",
    "| Party | Seats | Change |\n|---|---|---|\n| Labour | 412 | +211 |\n| Conservative | 121 | -251 |",
    "Results were declared overnight.\nLab 412, Con 121, LD 72",
])
def test_any_block_is_still_found_when_one_line_can_be_a_row(text):
    assert find_blocks(text) and find_blocks(text) == _every_line_read(text)


def _real_articles_beside():
    from conftest import SHARED

    return (SHARED / "dev" / "articles").is_dir() and (SHARED / "dev2019" / "articles").is_dir()


@pytest.mark.skipif(not _real_articles_beside(), reason="the real articles (../shared/dev, ../shared/dev2019) are "
                                                        "not beside this checkout")
def test_real_articles_give_the_blocks_every_line_read_gives():
    """The shortcut (no line that can be a row, no block) changes nothing on the real articles, read as
    printed and cut at every full stop (as the sentence reader hands them over)."""
    import re

    from conftest import SHARED

    paths = sorted((SHARED / "dev" / "articles").iterdir()) + sorted((SHARED / "dev2019" / "articles").iterdir())
    assert len(paths) >= 90
    with_blocks = 0
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        for variant in (text, "\n".join(re.split(r"(?<=[.!?])\s+", text))):
            got = find_blocks(variant)
            assert got == _every_line_read(variant), path.name
            with_blocks += bool(got)
    assert with_blocks >= 10


def test_a_line_without_a_digit_has_no_figures_and_any_decimal_digit_is_tried():
    from factcheck.read.blocks import _DIGIT, _FIG, _RUN, _find_figures

    assert _find_figures("Labour held the seat with a reduced majority, the count showed.") == []
    assert [f.num for f in _find_figures("Labour 12,345 (41.2%)")] == ["12,345", "41.2"]
    # the line is passed over only where neither pattern could match: a decimal digit of any script counts
    for line in ("Labour \u0661\u0662", "Reform \uff11\uff12", "up by a tenth \u00bd", "Green +", "SNP -"):
        assert (_DIGIT.search(line) is None) == (_FIG.search(line) is None and _RUN.search(line) is None), line


def test_subjects_are_cut_as_the_regular_expression_cuts_them():
    """`_split_subject` is the split of the pattern its docstring gives, done in linear time (the pattern itself
    costs the square of a run of spaces): the same pieces on every short string of spaces, separators, dashes
    and letters, and on the real articles' lines."""
    import random

    from factcheck.read.blocks import _split_subject

    pattern = re.compile(r"\s*(?:[()\[\]|:;,]|\s[-–—]\s?|[-–—]\s)\s*")
    rng = random.Random(7)
    alphabet = [" ", " ", "\t", "\u00a0", "a", "B", "(", ")", "[", "]", "|", ":", ";", ",", "-", "–", "—", ".", "1"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert _split_subject(text) == pattern.split(text), repr(text)
    line = "Ann Example (Lab) " + " " * 5000 + "; Bob Sample – Con"
    assert _split_subject(line) == pattern.split(line)
