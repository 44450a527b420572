"""Results blocks judged against the real tables.

The rows are written here from the reference tables (real seats, real
candidates, their real figures), in the shapes the press prints, then
spoilt on purpose: misspelt names, odd party labels, missing columns, a
transposed figure.
"""
from __future__ import annotations

import pytest

from factcheck.judge.linked import LinkedJudge
from factcheck.link.rows import BlockLinker, match_rows, name_similarity, party_similarity, seat_from_names
from factcheck.models import Article
from factcheck.read.blocks import article_lines, find_blocks
from factcheck.read.ingest import read_text
from factcheck.reference import aggregate as agg


def check(checker, text: str):
    return checker.check(Article(text=text, source="test")).claims


def by_quote(claims, quote: str, sentence_part: str = ""):
    found = [c for c in claims if c.quote == quote and sentence_part in c.sentence]
    assert found, (quote, [(c.quote, c.sentence) for c in claims])
    return found[0]


LABELS = {"Lab": "Labour", "Con": "Conservative", "LD": "Lib Dem", "Green": "Green", "RUK": "Reform UK",
          "Ind": "Independent"}


def rows_for(seat, fmt="{name} ({party}) {votes:,}") -> str:
    return "\n".join(fmt.format(name=c.name, party=LABELS.get(c.party, c.party_name), votes=c.votes,
                                share=c.share) for c in seat.candidates)


# ---------------------------------------------------------------- names and parties
@pytest.mark.parametrize("written, table", [
    ("jon ashworth", "jonathan ashworth"), ("christina nanna mary coleman", "christina coleman"),
    ("stephen metcalfe", "stephan metcalfe"), ("jonathan ashwroth", "jonathan ashworth"),
])
def test_name_similarity_forgives_short_forms_and_typos(written, table):
    assert name_similarity(written, table) >= 85


def test_name_similarity_tells_people_apart():
    assert name_similarity("andrew jones", "peter jones") < 75
    assert name_similarity("ann green", "shockat adam") < 50


def test_party_labels_as_printed(seat_named):
    seat = seat_named("Harrogate and Knaresborough")
    ind = next(c for c in seat.candidates if c.party == "Ind")
    con = next(c for c in seat.candidates if c.party == "Con")
    for label in ("N/A", "ND", "Indep", "Independent", "Ind"):
        assert party_similarity(label, ind) >= 85, label
        assert party_similarity(label, con) < 50, label
    assert party_similarity("Tories", con) == 100 and party_similarity("C", con) >= 70


# ---------------------------------------------------------------- a candidate list
def test_list_under_its_heading_is_checked(checker, seat_named):
    seat = seat_named("Clacton")
    text = f"Full result from {seat.name}:\n" + rows_for(seat, "{name} - {party} - {votes:,} ({share:.1f}%)")
    claims = check(checker, text)
    votes = [c for c in claims if c.kind == "votes"]
    shares = [c for c in claims if c.kind == "vote_share"]
    assert len(votes) == len(seat.candidates) == len(shares)
    assert all(c.verdict == "accurate" and c.constituency.ons_id == seat.ons_id for c in votes + shares)
    first = by_quote(claims, f"{seat.winner.votes:,}")
    assert first.sentence == f"{seat.winner.name} - Reform UK - {seat.winner.votes:,} ({seat.winner.share:.1f}%)"


def test_seat_found_only_from_the_names(checker, seat_named):
    seat = seat_named("Harrogate and Knaresborough")
    text = "The returning officer read out the figures shortly after four.\n" + rows_for(seat)
    assert seat_from_names(find_blocks(text)[0].rows, checker.ref)[0] == seat.ons_id
    claims = [c for c in check(checker, text) if c.kind == "votes"]
    assert len(claims) == len(seat.candidates)
    assert {c.constituency.ons_id for c in claims} == {seat.ons_id}
    assert all(c.verdict == "accurate" for c in claims)


def test_misspelt_names_and_odd_party_labels_find_their_row(checker, seat_named):
    seat = seat_named("Leicester South")
    written = {"Jonathan Ashworth": "Jon Ashworth (Lab)", "Shockat Adam": "Shokat Adam (Indep)",
               "Osman Admani": "Osman Admanni (N/A)", "Ezechiel Adlore": "Ezechiel Adlore (Loony)",
               "Gerri Hickton": "Gerri Hikton (C)"}
    lines = [f"{written.get(c.name, c.name + ' (' + LABELS.get(c.party, c.party_name) + ')')} {c.votes:,}"
             for c in seat.candidates]
    claims = check(checker, "Leicester South result:\n" + "\n".join(lines))
    for c in seat.candidates:
        claim = by_quote(claims, f"{c.votes:,}")
        assert claim.verdict == "accurate", (c.name, claim.explanation)
        assert claim.subject == c.name


def test_a_wrong_figure_in_a_list_is_caught(checker, seat_named):
    seat = seat_named("Harrogate and Knaresborough")
    winner = seat.winner
    transposed = int(str(winner.votes)[:-2] + str(winner.votes)[-1] + str(winner.votes)[-2])
    text = rows_for(seat).replace(f"{winner.votes:,}", f"{transposed:,}")
    claims = check(checker, text)
    wrong = by_quote(claims, f"{transposed:,}")
    assert wrong.verdict == "inaccurate" and wrong.official.value == winner.votes
    assert f"{winner.votes:,}" in wrong.correction
    assert all(c.verdict == "accurate" for c in claims if c is not wrong and c.kind == "votes")


def test_a_row_that_matches_no_candidate_is_unverifiable(checker, seat_named):
    seat = seat_named("Clacton")
    text = rows_for(seat) + "\nZebedee Nobody (Pirate Party) 1,234"
    claim = by_quote(check(checker, text), "1,234")
    assert claim.verdict == "unverifiable"
    assert claim.sentence == "Zebedee Nobody (Pirate Party) 1,234"


def test_glued_figures_are_cut_where_the_seat_says(checker, seat_named):
    seat = seat_named("Harrogate and Knaresborough")
    text = "\n".join(f"{LABELS.get(c.party, c.party_name)} ({c.name}){c.votes:,}{c.share:.2f}%"
                     for c in seat.candidates)
    claims = check(checker, text)
    for c in seat.candidates:
        assert by_quote(claims, f"{c.votes:,}").verdict == "accurate"
        assert by_quote(claims, f"{c.share:.2f}%").verdict == "accurate"


def test_missing_columns_party_shares_under_a_seat_heading(checker, seat_named):
    seat = seat_named("Clacton")
    top = seat.candidates[:5]
    text = f"{seat.name} results\nParty | Vote share |\n---|---|\n" + "\n".join(
        f"{LABELS[c.party]} | {c.share:.1f}% |" for c in top)
    claims = check(checker, text)
    assert len(claims) == 5
    assert all(c.verdict == "accurate" and c.kind == "vote_share" for c in claims)


def test_the_same_block_twice_is_two_sets_of_claims(checker, seat_named):
    seat = seat_named("Clacton")
    listing = rows_for(seat)
    table = "Candidate | Party | Votes |\n---|---|---|\n" + "\n".join(
        f"{c.name} | {c.party_name} | {c.votes:,} |" for c in seat.candidates)
    claims = check(checker, f"{seat.name} result\n{listing}\nThe same figures as a table:\n{table}")
    winner = [c for c in claims if c.quote == f"{seat.winner.votes:,}"]
    assert len(winner) == 2 and {c.sentence for c in winner} == {
        f"{seat.winner.name} (Reform UK) {seat.winner.votes:,}",
        f"{seat.winner.name} | Reform UK | {seat.winner.votes:,} |"}
    assert all(c.verdict == "accurate" for c in claims)


def test_each_figure_is_claimed_once(checker, seat_named):
    seat = seat_named("Clacton")
    claims = check(checker, f"Mr Farage won {seat.name}.\n" + rows_for(seat))
    quotes = [c.quote for c in claims if c.quote[0].isdigit()]
    assert len(quotes) == len(set(quotes)) == len(seat.candidates)


# ---------------------------------------------------------------- summary lines
def test_summary_lines_take_the_seat_of_their_list(checker, seat_named):
    seat = seat_named("Leicester South")
    text = (rows_for(seat) + f"\nMajority: {seat.majority:,}\nTurnout: {seat.turnout_valid():.1f}%\n"
            f"Registered voters:{seat.electorate:,}\nRejected ballots {seat.invalid_votes}")
    claims = check(checker, text)
    for quote, kind in ((f"{seat.majority:,}", "majority"), (f"{seat.turnout_valid():.1f}%", "turnout"),
                        (f"{seat.electorate:,}", "electorate"), (str(seat.invalid_votes), "turnout")):
        claim = by_quote(claims, quote)
        assert (claim.kind, claim.verdict, claim.constituency.ons_id) == (kind, "accurate", seat.ons_id), claim


def test_result_line_under_a_capitalised_seat_heading(checker, seat_named):
    seat = seat_named("Leicester South")
    claims = check(checker, f"{seat.name.upper()}\nResult: INDEPENDENT GAIN - majority {seat.majority:,}")
    claim = by_quote(claims, f"{seat.majority:,}")
    assert (claim.kind, claim.verdict, claim.constituency.name) == ("majority", "accurate", seat.name)
    wrong = by_quote(check(checker, f"{seat.name.upper()}\nResult: INDEPENDENT GAIN - majority 1,979"), "1,979")
    assert wrong.verdict == "inaccurate"


def test_change_columns_in_points(checker, seat_named):
    seat = seat_named("Harrogate and Knaresborough")
    rows = [c for c in seat.candidates if c.change is not None]
    text = f"{seat.name}\n" + "\n".join(
        f"{c.name} | {LABELS[c.party]} | {c.votes:,} | {c.share:.1f} | {c.change:+.1f} |".replace("-", "−")
        for c in rows)
    claims = check(checker, text)
    for c in rows:
        claim = by_quote(claims, f"{c.change:+.1f}".replace("-", "−"))
        assert (claim.kind, claim.verdict) == ("share_change", "accurate"), claim.explanation


# ---------------------------------------------------------------- tallies
def test_national_tally_and_a_wrong_total(checker, ref):
    rows = []
    for party, name in (("Lab", "Labour"), ("Con", "Conservative"), ("LD", "Lib Dem"), ("RUK", "Reform UK")):
        t = agg.total(ref, party, list(ref.seats))
        rows.append(f"{name} | {t.seats} | {t.votes:,} | {t.share:.1f}% |")
    rows[1] = rows[1].replace("6,828,925", "6,829,825")
    text = "Party | Seats | Votes | Share |\n---|---|---|---|\n" + "\n".join(rows)
    claims = check(checker, text)
    assert by_quote(claims, "6,829,825").verdict == "inaccurate"
    others = [c for c in claims if c.quote != "6,829,825"]
    assert len(others) == 11 and all(c.verdict == "accurate" for c in others), [
        (c.quote, c.explanation) for c in others if c.verdict != "accurate"]
    assert {c.kind for c in others} == {"seats", "national_votes", "national_share"}


def test_a_count_asked_to_beat_a_rival_stops_only_when_it_cannot(checker, ref):
    from factcheck.link.rows import _fits

    rows = []
    for party, name in (("Lab", "Labour"), ("Con", "Conservative"), ("LD", "Lib Dem"), ("RUK", "Reform UK")):
        t = agg.total(ref, party, list(ref.seats))
        rows.append(f"{name} | {t.seats} | {t.votes:,} | {t.share:.1f}% |")
    text = "Party | Seats | Votes | Share |\n---|---|---|---|\n" + "\n".join(rows)
    verifier = LinkedJudge(checker.judge)
    linked = BlockLinker(checker.ref, checker.index, verifier).link(find_blocks(text), article_lines(text))[0]
    full = _fits(linked, verifier)
    assert full == 12 == len(linked.claims)
    for beat in (-1.5, 0, 5, 11.5):
        assert _fits(linked, verifier, beat=beat) == full  # it can still beat them: counted in full
    for beat in (12, 12.5, 20):
        assert _fits(linked, verifier, beat=beat) <= beat  # it cannot: no more than the rival's count


def test_widget_seats_gained_and_lost(checker):
    text = "Results: parties by seats\n- Labour: 411 seats, 211 seats gained\n- Conservative: 121 seats, 251 seats lost"
    claims = check(checker, text)
    assert [c.verdict for c in claims] == ["accurate"] * 4


def test_northern_ireland_tally_is_read_for_northern_ireland(checker, ref):
    ni = agg.seats_in(ref, "Northern Ireland")
    lines = []
    for party, label in (("SF", "SF"), ("DUP", "DUP"), ("APNI", "Alliance"), ("UUP", "UUP")):
        t = agg.total(ref, party, ni)
        lines.append(f"{label} {t.votes:,} ({t.share:.1f}%) {t.seats} seats")
    claims = check(checker, "\n".join(lines))
    assert len(claims) == 12 and all(c.verdict == "accurate" for c in claims), [
        (c.quote, c.explanation) for c in claims if c.verdict != "accurate"]
    assert "Northern Ireland" in claims[0].explanation


def test_party_rows_without_seat_or_area_are_not_condemned(checker):
    claims = check(checker, "Labour 7 (5)\nGreen 1 (-)\nLiberal Democrat 3 (4)")
    assert claims and all(c.verdict != "inaccurate" for c in claims)


# ---------------------------------------------------------------- HTML and the linker on its own
def test_html_results_table(checker, seat_named):
    seat = seat_named("Clacton")
    body = "".join(f"<tr><td>{c.name}</td><td>{c.party_name}</td><td>{c.votes:,}</td><td>{c.share:.1f}</td></tr>"
                   for c in seat.candidates)
    page = (f"<html><body><h2>{seat.name}</h2><table><tr><th>Candidate</th><th>Party</th><th>Votes</th>"
            f"<th>%</th></tr>{body}</table></body></html>")
    claims = checker.check(read_text(page, "page.html")[0]).claims
    assert len(claims) == 2 * len(seat.candidates)
    assert all(c.verdict == "accurate" for c in claims)
    assert by_quote(claims, f"{seat.winner.votes:,}").sentence.startswith(f"{seat.winner.name} | Reform UK |")


def test_linker_matches_rows_and_rejects_a_block_it_cannot_place(checker, seat_named):
    seat = seat_named("Clacton")
    blocks = find_blocks(rows_for(seat))
    links = match_rows(blocks[0].rows, seat, checker.index)
    assert [links[i].person for i in range(len(seat.candidates))] == [c.key for c in seat.candidates]
    text = "Ann Nobody (Pirate) 1,234\nBob Nobody (Pirate) 567"
    linked = BlockLinker(checker.ref, checker.index, LinkedJudge(checker.judge)).link(find_blocks(text), article_lines(text))
    assert not linked[0].accepted


def test_ambiguous_full_stop_is_never_called_wrong(checker, seat_named):
    seat = seat_named("Clacton")
    lines = rows_for(seat).split("\n")
    mack = next(c for c in seat.candidates if c.name == "Tony Mack")
    text = "\n".join(lines) + f"\nMajority: {seat.majority // 1000}.{seat.majority % 1000:03d}"
    claim = by_quote(check(checker, text), f"{seat.majority // 1000}.{seat.majority % 1000:03d}")
    assert claim.verdict == "accurate"
    assert mack.votes  # the list itself stays checked
    wrong = "\n".join(lines) + "\nMajority: 7.125"
    assert by_quote(check(checker, wrong), "7.125").verdict == "unverifiable"


# ---------------------------------------------------------------- more tallies and readings
def test_others_row_is_everyone_the_block_does_not_name(checker, ref):
    won = {p: agg.seats_won(ref, p) for p in ("Lab", "Con", "LD")}
    others = len(ref.seats) - sum(won.values())
    text = (f"- Labour: {won['Lab']} seats\n- Conservative: {won['Con']} seats\n- Liberal Democrat: {won['LD']} seats\n"
            f"- Others: {others} seats")
    claim = by_quote(check(checker, text), str(others), "Others")
    assert claim.verdict == "accurate" and "other than" in claim.official.detail
    wrong = by_quote(check(checker, text.replace(f"Others: {others}", f"Others: {others + 9}")), str(others + 9))
    assert wrong.verdict == "inaccurate"


def test_independents_row_of_a_national_table(checker, ref):
    ind = agg.total(ref, "Ind", list(ref.seats))
    lab = agg.total(ref, "Lab", list(ref.seats))
    text = (f"Party | Seats | Votes |\n---|---|---|\nLabour | {lab.seats} | {lab.votes:,} |\n"
            f"Independents | {ind.seats} | {ind.votes + 201:,} |")
    claims = check(checker, text)
    assert by_quote(claims, str(ind.seats), "Independents").verdict == "accurate"
    assert by_quote(claims, f"{ind.votes + 201:,}").verdict == "inaccurate"


def test_proportional_seats_column(checker, ref):
    valid = agg.total(ref, None, list(ref.seats)).valid
    rows = []
    for party, name in (("Con", "Conservative"), ("LD", "Lib Dem"), ("RUK", "Reform UK")):
        t = agg.total(ref, party, list(ref.seats))
        rows.append(f"{name} | {t.seats} | {t.votes / valid * 650:.1f} |")
    rows[2] = rows[2].rsplit("|", 2)[0] + "| 99.9 |"
    claims = check(checker, "Party | Seats FPTP | Seats PR |\n---|---|---|\n" + "\n".join(rows))
    pr = [c for c in claims if c.kind == "aggregate"]
    assert [c.verdict for c in pr] == ["accurate", "accurate", "inaccurate"]
    assert all(c.verdict == "accurate" for c in claims if c.kind == "seats")


def test_results_run_into_a_paragraph(checker, seat_named):
    seat = seat_named("Harrogate and Knaresborough")
    ld, con = seat.party_result("LD"), seat.party_result("Con")
    text = (f"The first results came in before two. {seat.name}: LD: {ld.share:.1f}% ({ld.change:+.1f}). "
            f"CON: {con.share:.1f}% ({con.change:+.1f}). GRN: 9.9% (+9.9). The count went on all night.")
    claims = check(checker, text)
    assert by_quote(claims, f"{ld.share:.1f}%").verdict == "accurate"
    assert by_quote(claims, f"{con.change:+.1f}").verdict == "accurate"
    wrong = by_quote(claims, "9.9%")
    assert wrong.verdict == "inaccurate" and wrong.constituency.ons_id == seat.ons_id
    assert by_quote(claims, f"{ld.share:.1f}%").sentence == f"{seat.name}: LD: {ld.share:.1f}% ({ld.change:+.1f})."


# ---------------------------------------------------------------- which election a block shows
def test_a_block_headed_2019_is_judged_against_2019(checker, seat_named, ref):
    seat = seat_named("Clacton")
    notional = ref.notional_result(seat.ons_id)
    rows = [c for c in notional.candidates if c.party in LABELS][:3]
    text = f"{seat.name} in 2019:\n" + "\n".join(f"{LABELS[c.party]} | {c.share:.1f}% |" for c in rows)
    claims = check(checker, text)
    assert [c.kind for c in claims] == ["previous_share"] * 3
    assert all(c.verdict == "accurate" for c in claims), [c.explanation for c in claims]


def test_a_poll_table_is_never_condemned(checker):
    text = "The final MRP poll before polling day:\nLabour | 39% |\nConservative | 22% |\nReform UK | 15% |"
    claims = check(checker, text)
    assert len(claims) == 3 and all(c.verdict == "unverifiable" for c in claims)


@pytest.mark.parametrize("heading, era", [
    ("Full result from Clacton:", None), ("The 2019 result", "previous"), ("Change since 2019", None),
    ("Exit poll projection", "forecast"), ("The 2017 result", "other"), ("Results 2024 (change vs 2019)", "current"),
])
def test_heading_era(heading, era):
    from factcheck.read.blocks import heading_era
    assert heading_era([heading]) == era


def test_a_look_alike_name_of_another_party_ties_no_list(checker):
    # no candidate is called this, though one of another party has a name one letter away
    seat = next(s for s in checker.ref.seats.values() if any(c.name == "Jade Smith" for c in s.candidates))
    jade = next(c for c in seat.candidates if c.name == "Jade Smith")
    text = f"Jane Smith | Lab | {jade.votes + 9000:,} |\nJohn Nobody | Con | 9,876 |"
    assert all(c.verdict != "inaccurate" for c in check(checker, text))


# ---------------------------------------------------------------- round-ups: rows that name their own seats
def test_a_round_up_table_judges_each_row_under_its_own_seat(checker, seat_named):
    ips, bury = seat_named("Ipswich"), seat_named("Bury St Edmunds and Stowmarket")
    text = ("Seat | Winner | Party | Majority |\n---|---|---|---|\n"
            f"{ips.name} | {ips.winner.name} | Labour | {ips.majority:,} |\n"
            f"{bury.name} | {bury.winner.name} | Labour | {bury.majority + 100:,} |")
    claims = check(checker, text)
    assert [(c.constituency.name, c.kind, c.verdict) for c in claims] == [
        (ips.name, "majority", "accurate"), (bury.name, "majority", "inaccurate")]


def test_round_up_lines_with_several_parties_each(checker, seat_named):
    ips, bury = seat_named("Ipswich"), seat_named("Bury St Edmunds and Stowmarket")
    text = "\n".join(f"{s.name}: Lab {s.party_result('Lab').votes:,}, Con {s.party_result('Con').votes:,}"
                     for s in (ips, bury))
    claims = check(checker, text)
    assert [(c.constituency.name, c.verdict) for c in claims] == [(ips.name, "accurate")] * 2 + [
        (bury.name, "accurate")] * 2


def test_the_seats_a_party_fought_are_those_where_it_has_a_candidate(ref):
    linker = BlockLinker(ref, None, None)
    parties = {c.party for s in ref.seats.values() for c in s.candidates} | {"No Such Party"}
    for area in (None, "England", "Scotland", "Wales", "Northern Ireland"):
        for party in parties:
            walked = [o for o in agg.seats_in(ref, area) if ref.seats[o].party_result(party) is not None]
            assert linker._stood(party, area) == walked, (party, area)
    assert len(linker._stood("Lab", None)) > 600 and linker._stood("Lab", "Northern Ireland") == []
    assert len(linker._stood("Spk", None)) == 1  # the Speaker stands in one seat


def test_a_heading_that_is_a_seat_name_cut_short_names_the_one_seat_with_those_words(checker, ref):
    from factcheck.link.rows import seats_in_text

    aberafan = next(s.ons_id for s in ref.seats.values() if s.name.startswith("Aberafan"))
    assert seats_in_text("Aberafan", checker.index) == [aberafan]
    assert seats_in_text("Birmingham", checker.index) == []  # the words of several seats' names
    assert seats_in_text("Nowhere Special", checker.index) == []
