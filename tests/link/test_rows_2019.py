"""Results blocks in coverage of the 2019 election, judged against the 2019 tables with 2017 as "previous".

Every figure is computed here from the 2019 reference tables (seats, gains and
losses seat by seat from the Library's result column, shares, votes), printed
in the shapes results pages use, then spoilt on purpose.
"""
from __future__ import annotations

import pytest

from factcheck.models import Article
from factcheck.reference import aggregate as agg
from factcheck.reference.parties import display_name

DAY_AFTER = "2019-12-13"


@pytest.fixture(scope="module")
def ref19(checker):
    return checker.judged("2019").ref


def check(checker, text: str):
    claims = checker.check(Article(text=text, date=DAY_AFTER, source="test")).claims
    assert {c.election for c in claims} <= {"2019"}
    return claims


def by_quote(claims, quote: str, sentence_part: str = ""):
    found = [c for c in claims if c.quote == quote and sentence_part in c.sentence]
    assert found, (quote, [(c.quote, c.sentence) for c in claims])
    return found[0]


def tally(ref, party: str) -> dict:
    everywhere = list(ref.seats)
    t = agg.total(ref, party, everywhere)
    before = agg.seats_won(ref, party, agg.seats_in(ref, election="previous"), "previous")
    return {"seats": t.seats, "gains": len(agg.gains(ref, party)), "losses": len(agg.losses(ref, party)),
            "net": t.seats - before, "share": t.share, "votes": t.votes}


def test_a_national_table_whose_header_lost_its_separators(checker, ref19):
    """A web table read as text: one space between header words, each party's name glued to its short form."""
    lines = []
    for code, short in (("Con", "Con"), ("Lab", "Lab"), ("SNP", "SNP"), ("LD", "LD")):
        t = tally(ref19, code)
        lines.append(f"{display_name(code)}{short} {t['seats']} {t['gains']} {t['losses']} {t['net']:+d} "
                     f"{t['share']:.1f}% +0.3% {t['votes']:,}")
    wrong = f"{tally(ref19, 'LD')['votes'] + 400:,}"
    lines[-1] = lines[-1].rsplit(" ", 1)[0] + f" {wrong}"
    text = "National results\nParty Seats Gains Losses Net Vote share Change Total votes\n" + "\n".join(lines)
    claims = check(checker, text)
    assert len(claims) == 28
    assert by_quote(claims, wrong).verdict == "inaccurate"
    changes = [c for c in claims if c.quote == "+0.3%"]
    # 2017 is held seat by seat only: the national share it changed from cannot be totalled
    assert len(changes) == 4 and all(c.verdict == "unverifiable" for c in changes)
    rest = [c for c in claims if c.quote not in (wrong, "+0.3%")]
    assert all(c.verdict == "accurate" for c in rest), [(c.sentence[:12], c.quote, c.explanation)
                                                        for c in rest if c.verdict != "accurate"]
    net = by_quote(claims, f"{tally(ref19, 'Con')['net']:+d}")
    assert "2017" in net.explanation and net.official.dataset == ref19.datasets["previous"]


def test_seat_changes_in_brackets_are_counted_against_2017(checker, ref19):
    rows = []
    for code, label in (("DUP", "DUP"), ("SF", "SF"), ("SDLP", "SDLP"), ("APNI", "Alliance")):
        t = tally(ref19, code)
        rows.append(f"{label} {t['seats']}({t['net']:+d})")
    claims = check(checker, "Total seats won\n" + "\n".join(rows))
    assert len(claims) == 8 and all(c.verdict == "accurate" for c in claims), [
        (c.quote, c.explanation) for c in claims if c.verdict != "accurate"]
    assert all(c.kind == "seats" for c in claims)
    spoilt = check(checker, "Total seats won\n" + "\n".join(rows).replace("DUP 8(-2)", "DUP 8(-5)"))
    assert by_quote(spoilt, "-5").verdict == "inaccurate"


def test_a_party_whose_name_is_a_column_word(checker, ref19):
    """Change UK (The Independent Group for Change) printed as "Change" in a tally."""
    igc = tally(ref19, "IGC")
    dup, sf = tally(ref19, "DUP"), tally(ref19, "SF")
    text = (f"Total seats won\nDUP {dup['seats']}({dup['net']:+d})\nSF {sf['seats']}({sf['net']:+d})\n"
            f"Change {igc['seats']}(-5)\n\nNational results\n"
            f"Party Seats Votes\nDemocratic Unionist PartyDUP {dup['seats']} {dup['votes']:,}\n"
            f"ChangeChange {igc['seats']} {igc['votes']:,}")
    claims = check(checker, text)
    assert by_quote(claims, str(igc["seats"]), "Change 0(").verdict == "accurate"
    assert by_quote(claims, "-5").verdict == "inaccurate"  # against 2017, not against the MPs at dissolution
    assert by_quote(claims, f"{igc['votes']:,}").verdict == "accurate"


def test_independents_gain_and_lose_seat_by_seat(checker, ref19):
    ind, lab = tally(ref19, "Ind"), tally(ref19, "Lab")
    text = ("Party | Seats | Gains | Losses |\n---|---|---|---|\n"
            f"Labour | {lab['seats']} | {lab['gains']} | {lab['losses']} |\n"
            f"Independent | {ind['seats']} | {ind['gains']} | {ind['losses']} |")
    claims = check(checker, text)
    row = [c for c in claims if c.sentence.startswith("Independent")]
    assert [c.verdict for c in row] == ["accurate"] * 3, [c.explanation for c in row]


def test_the_others_row_with_the_speaker_counted_with_labour(checker, ref19):
    named = ["Con", "Lab", "SNP", "LD"]
    everywhere = list(ref19.seats)
    valid = agg.total(ref19, None, everywhere).valid
    others = valid - sum(agg.total(ref19, p, everywhere).votes for p in named) - agg.total(ref19, "Spk", everywhere).votes
    rows = [f"{display_name(p)} | {agg.total(ref19, p, everywhere).votes:,} |" for p in named]
    text = "Party | Votes |\n---|---|\n" + "\n".join(rows) + f"\nOthers | {others:,} |"
    claim = by_quote(check(checker, text), f"{others:,}")
    assert claim.verdict == "accurate" and "Speaker" in claim.explanation


def test_a_headline_names_the_seat_of_its_summary_lines(checker, ref19):
    seat = next(s for s in ref19.seats.values() if s.name == "Belfast North")
    lines = [f"• Eligible electorate: {seat.electorate:,}", f"• Votes polled: {seat.valid_votes + seat.invalid_votes:,}",
             f"• Valid votes: {seat.valid_votes:,}", f"• Majority: {seat.majority:,}"]
    text = "North Belfast: a historic night at the count\n\n" + "\n".join(lines)
    claims = check(checker, text)
    assert len(claims) == 4 and all(c.verdict == "accurate" for c in claims), [c.explanation for c in claims]
    assert {c.constituency.ons_id for c in claims} == {seat.ons_id}
    spoilt = check(checker, text.replace(f"Valid votes: {seat.valid_votes:,}", f"Valid votes: {seat.valid_votes + 90:,}"))
    assert by_quote(spoilt, f"{seat.valid_votes + 90:,}").verdict == "inaccurate"


@pytest.mark.parametrize("label, code", [("Change", "IGC"), ("Britain", None), ("Democrats", None), ("Party", None),
                                         ("Brexit", "RUK"), ("BXP", "RUK")])
def test_a_row_label_names_a_party_of_this_election_only_when_one_fits(checker, label, code):
    """The last word of one party's name on these ballots; never a place, never a word two parties end with."""
    from factcheck.link.rows import _party_code

    assert _party_code(label, checker.judged("2019").index) == code


def test_a_seats_list_with_its_change_since_2017(checker, ref19):
    """Changes against 2017 (share minus change); the Brexit Party, new in 2019, changes by its whole share."""
    seat = next(s for s in ref19.seats.values() if s.name == "Blyth Valley")
    new = next(c for c in seat.candidates if c.change is None)
    assert new.party == "RUK"
    lines = [f"{c.name} ({c.party_name}) {c.votes:,} ({c.share:.1f}%, "
             f"{(c.change if c.change is not None else c.share):+.1f})" for c in seat.candidates]
    claims = check(checker, "Blyth Valley\n" + "\n".join(lines))
    assert len(claims) == 3 * len(seat.candidates) and all(c.verdict == "accurate" for c in claims), [
        (c.quote, c.explanation) for c in claims if c.verdict != "accurate"]
    assert {c.constituency.ons_id for c in claims} == {seat.ons_id}
    assert "2017" in by_quote(claims, f"{seat.winner.change:+.1f}").explanation
    wrong = lines[0].rsplit(", ", 1)[0] + f", {seat.winner.change + 3:+.1f})"
    spoilt = check(checker, "Blyth Valley\n" + "\n".join([wrong, *lines[1:]]))
    assert by_quote(spoilt, f"{seat.winner.change + 3:+.1f}").verdict == "inaccurate"
