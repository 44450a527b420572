"""The figures of one sentence judged together (judge/jointly.py), on sentences written here from the
official tables: a reading one figure fits is not its neighbour's, so what is left can pin the neighbour
down; and the pieces of that step on their own."""
from __future__ import annotations

import pytest

import factcheck
from conftest import NAMES_ONLY, claim_for
from factcheck.judge.evidence import Answer, Evidence
from factcheck.judge.jointly import official_key, without
from factcheck.judge.verdict import Weighed
from factcheck.models import Figure, Quantity, Reading, Subject

SEATS = ["Chichester", "Clacton", "Leicester South"]


@pytest.fixture(autouse=True)
def _loaded(checker):
    return checker


def _wrong(*right: int) -> int:
    """A majority no previous result of the seat has, nor any within rounding of one."""
    value = max(right) * 2 + 1717
    assert all(abs(value - r) > 100 for r in right)
    return value


@pytest.mark.parametrize("name", SEATS)
def test_a_previous_majority_beside_the_current_one_is_pinned_by_it(ref, seat_named, name):
    """"X's majority in SEAT was N; the majority had been M": judged alone, M may be this election's majority
    or the previous one, and no reading stands out. N takes this election's majority, so M can only be the
    previous one; when no previous result has it, M is wrong, with the correction from that reading."""
    seat = seat_named(name)
    notional = ref.previous_result(seat.ons_id)
    previous = [notional.majority] + [p.majority for p in ref.predecessors(seat.ons_id) if p.majority]
    wrong = f"{_wrong(seat.majority, *previous):,}"
    text = f"{seat.winner.name}'s majority in {seat.name} was {seat.majority:,}; the majority had been {wrong}."
    report = factcheck.check_text(text)
    assert claim_for(report, f"{seat.majority:,}").verdict == "accurate"
    claim = claim_for(report, wrong)
    assert claim.verdict == "inaccurate", claim.explanation
    assert claim.official.value in previous and str(seat.majority) not in claim.explanation.replace(",", "")


def test_a_right_previous_majority_beside_the_current_one_stays_accurate(ref, seat_named):
    seat = seat_named("Chichester")
    notional = ref.previous_result(seat.ons_id)
    text = f"{seat.winner.name}'s majority in {seat.name} was {seat.majority:,}; the majority had been {notional.majority:,}."
    report = factcheck.check_text(text)
    assert {c.quote: c.verdict for c in report.claims if c.kind not in NAMES_ONLY} == {
        f"{seat.majority:,}": "accurate", f"{notional.majority:,}": "accurate"}


def _reading(kind: str, ons_id: str, era: str, weight: float, subject_share: float) -> Reading:
    return Reading(kind=kind, subject=Subject(level="seat", ons_id=ons_id, label=ons_id), era=era, weight=weight,
                   shares={"kind": 1.0, "era": 0.5, "scope": 1.0, "subject": subject_share})


def _figure(readings: list[Reading]) -> Figure:
    q = Quantity(value=100.0, unit="count", low=100.0, high=100.0, text="100", start=0, end=3)
    return Figure(quantity=q, sentence="100", sentence_index=0, quote="100", readings=readings)


def _asked(r: Reading, *values: tuple[str, float]) -> Weighed:
    return Weighed(r, Answer([Evidence(v, "tables", "detail", label) for label, v in values]))


def test_taking_a_reading_gives_its_weight_back_but_keeps_what_the_text_left_unnamed():
    a = _reading("majority", "E1", "current", 0.3, 0.6)
    b = _reading("majority", "E1", "previous", 0.3, 0.6)
    c = _reading("majority", "E2", "previous", 0.1, 0.2)
    fig = _figure([a, b, c])
    weighed = [_asked(a, ("this majority in E1", 979)), _asked(b, ("previous majority in E1", 22023)),
               _asked(c, ("previous majority in E2", 5000))]
    new, left = without(fig, weighed, {official_key(weighed[0].answer.values[0])})
    assert [r.era for r in new.readings] == ["previous", "previous"]
    # 0.7 of weight was on readings, 0.3 of it on the one taken: the rest is scaled by 0.7 / 0.4
    assert new.readings[0].weight == pytest.approx(0.3 * 0.7 / 0.4)
    assert sum(r.weight for r in new.readings) == pytest.approx(0.7)  # the unnamed remainder is unchanged
    assert [w.reading for w in left] == new.readings  # the tables' answers go with the readings that stay


def test_a_reading_a_neighbour_fits_only_through_another_of_its_values_stays():
    """The second-placed candidate's 15,999 fits "the vote of the candidate placed second", which the winner's
    reading also offers; the winner's own vote is still open to the figure beside it."""
    a = _reading("votes", "E1", "current", 0.6, 0.8)
    fig = _figure([a])
    weighed = [_asked(a, ("vote for the winner", 18159), ("vote for the candidate placed 2", 15999))]
    assert without(fig, weighed, {("vote for the candidate placed 2", 15999.0)}) is None


def test_nothing_to_take_or_everything_taken_changes_nothing():
    a = _reading("majority", "E1", "current", 0.3, 0.6)
    fig = _figure([a])
    weighed = [_asked(a, ("this majority in E1", 979))]
    assert without(fig, weighed, set()) is None
    assert without(fig, weighed, {("this majority in E1", 979.0)}) is None  # nothing left: not judged again


# ---------------------------------------------------------------- the area the sentence's other figures fit
def _uk_share(ref, party: str) -> float:
    from factcheck.reference.aggregate import seats_in, total

    return round(total(ref, party, seats_in(ref)).share, 1)


def _off(value: float, *right: float) -> float:
    """A share at least three points from every value given and from its own rounding."""
    for delta in (6.1, -6.1, 9.3, -9.3):
        if all(abs(value + delta - r) >= 3 for r in right):
            return round(value + delta, 1)
    raise AssertionError("no wrong value far enough from the right ones")


@pytest.mark.parametrize("wrong_party", ["Con", "Lab"])
def test_a_share_listed_beside_the_countrys_shares_is_the_countrys(ref, wrong_party):
    """"won X per cent of the vote, behind Labour's Y per cent and the Conservatives' Z per cent": once the
    other two have matched the country's shares, the third is the country's too; one no one has there is
    wrong, corrected with its party's share, and the explanation says where it was read. (Labour's figure
    sits between the other two: the reading its neighbour took, Reform's, is set aside first.)"""
    shares = {p: _uk_share(ref, p) for p in ("RUK", "Lab", "Con")}
    given = dict(shares, **{wrong_party: _off(shares[wrong_party], *shares.values())})
    # "in many towns": the sentence may count places it does not name, so its words alone do not settle the
    # country (api.nothing_local); its neighbours' matches do
    text = (f"On a night of shocks in many towns, Reform UK won {given['RUK']:.0f} per cent of the vote, behind the "
            f"Labour Party's {given['Lab']:.0f} per cent and the Conservative Party's {given['Con']:.0f} per cent.")
    report = factcheck.check_text(text)
    for party, value in given.items():
        claim = claim_for(report, f"{value:.0f} per cent")
        if party != wrong_party:
            assert claim.verdict == "accurate", claim.explanation
            continue
        assert claim.verdict == "inaccurate", claim.explanation
        assert abs(claim.official.value - shares[party]) < 0.1 and "the sentence's other figures" in claim.explanation


def test_a_right_share_beside_the_countrys_stays_accurate(ref):
    ruk, lab, con = (_uk_share(ref, p) for p in ("RUK", "Lab", "Con"))
    text = (f"On a night of shocks in many towns, Reform UK won {ruk:.0f} per cent of the vote, behind the Labour "
            f"Party's {lab:.0f} per cent and the Conservative Party's {con:.0f} per cent.")
    report = factcheck.check_text(text)
    assert {c.quote: c.verdict for c in report.claims if c.kind not in NAMES_ONLY} == {
        f"{ruk:.0f} per cent": "accurate", f"{lab:.0f} per cent": "accurate", f"{con:.0f} per cent": "accurate"}


def test_neighbours_that_fit_nothing_settle_no_area(ref):
    """With no neighbour matched, nothing says where the last share is counted: it stays unverifiable."""
    ruk, lab, con = (_uk_share(ref, p) for p in ("RUK", "Lab", "Con"))
    a, b, c = _off(ruk, lab, con), _off(lab, ruk, con), _off(con, ruk, lab)
    text = (f"On a night of shocks in many towns, Reform UK won {a:.0f} per cent of the vote, behind the Labour "
            f"Party's {b:.0f} per cent and the Conservative Party's {c:.0f} per cent.")
    report = factcheck.check_text(text)
    assert claim_for(report, f"{c:.0f} per cent").verdict != "inaccurate"


def _wide(party: str, level: str, nation, weight: float, scope: float, subject: float) -> Reading:
    return Reading(kind="share", subject=Subject(level=level, nation=nation, party=party, label=nation or "the UK"),
                   era="current", weight=weight, shares={"kind": 1.0, "era": 1.0, "scope": scope, "subject": subject})


def test_confine_keeps_the_area_and_settles_scope_and_subject():
    from factcheck.judge.jointly import area_key, confine

    wales = _wide("Con", "nation", "Wales", 0.3, 0.6, 0.5)
    uk = _wide("Con", "uk", None, 0.18, 0.6, 0.3)
    fig = Figure(quantity=Quantity(value=22.5, unit="percent", low=22.45, high=22.55, start=0, end=5, text="22.5%"),
                 sentence="s",
                 sentence_index=0, quote="22.5%", readings=[wales, uk], scopes={"wide": 0.6, "seat": 0.4})
    weighed = [Weighed(r, Answer(values=[Evidence(value=18.2, dataset="2024", detail="", label=r.subject.label)]))
               for r in fig.readings]
    new, kept = confine(fig, weighed, area_key(wales))
    assert [w.reading.subject.nation for w in kept] == ["Wales"]
    r = kept[0].reading
    assert r.shares["scope"] == 1.0 and r.shares["subject"] == pytest.approx(0.5 / 0.7)
    assert r.weight == pytest.approx(0.3 / 0.6 / 0.7) and new.scopes == {"wide": 1.0}
    # the neighbours' area must already be the figure's likeliest: they confirm, never overrule
    assert confine(fig, weighed, area_key(uk)) is None
    # a figure whose own clause names a seat is not moved to its neighbours' area
    assert confine(fig.model_copy(update={"cues": ["seat_in_clause"]}), weighed, area_key(wales)) is None


# ---------------------------------------------------------------- the election the sentence's other figures fit
PREVIOUS_2017 = ("The 2019 general election ended with a Conservative majority.\n\nBefore this one, the last general "
                 "election took place in 2017.\n\nThe results of that election were much closer as the Conservatives "
                 "secured {con} seats and Labour had {lab}.\n\nThe Lib Dems had {ld} seats, and SNP held {snp}.")


@pytest.fixture(scope="module")
def ref2019():
    from factcheck.reference import load_reference

    return load_reference(election="2019")


def _previous_seats(ref2019, party: str) -> int:
    """The party's seats at the 2019 adapter's previous election (2017), from its own tables."""
    from factcheck.reference.aggregate import seats_won

    return seats_won(ref2019, party, election="previous_actual")


def test_a_figure_whose_neighbours_count_the_previous_election_is_read_as_of_it(ref2019):
    """"The Lib Dems had 12 seats, and SNP held 35", after a sentence about the 2017 election, in a 2019 article:
    "held" reads as this election's, where the SNP won 48, but 12 fits 2017 only, so 35 is read as of 2017,
    and the explanation says why."""
    counts = {p: _previous_seats(ref2019, p) for p in ("Con", "Lab", "LD", "SNP")}
    text = PREVIOUS_2017.format(con=counts["Con"], lab=counts["Lab"], ld=counts["LD"], snp=counts["SNP"])
    report = factcheck.check_text(text)
    snp = report.claims[-1]
    assert snp.quote == str(counts["SNP"]) and snp.verdict == "accurate", snp.explanation
    assert "the sentence's other figures" in snp.explanation


def test_the_neighbours_election_never_makes_a_figure_wrong(ref2019):
    """The step only ever finds a fit: a figure that fits that election nowhere keeps its first verdict, and a
    sentence whose figures fit this election moves nothing."""
    from factcheck.judge.jointly import sentence_era

    counts = {p: _previous_seats(ref2019, p) for p in ("Con", "Lab", "LD", "SNP")}
    wrong = factcheck.check_text(PREVIOUS_2017.format(con=counts["Con"], lab=counts["Lab"], ld=counts["LD"],
                                                      snp=counts["SNP"] + 7))
    assert "the sentence's other figures" not in wrong.claims[-1].explanation
    assert sentence_era([]) is None


# ---------------------------------------------------------------- a part and the whole it is counted in
def test_the_whole_a_part_is_counted_in_keeps_the_reading_the_part_matched(ref):
    """"Eight of the twelve seats Labour gained in London were from the Tories": the part and the whole are two
    quantities, so the whole is not barred from the figure the part matched (all Labour's London gains were
    from the Tories); wrong, it is corrected with Labour's gains there, not with some other count."""
    from factcheck.reference import aggregate as agg

    london = list(ref.places.place_seats("London").seats)
    gains = agg.gains(ref, "Lab", london)
    from_con = sum(1 for _, party in gains if party == "Con")
    for whole, verdict in ((len(gains), "accurate"), (len(gains) + 4, "inaccurate")):
        text = f"Labour swept London. {from_con} of the {whole} seats Labour gained in London were from the Tories."
        claims = [c for c in factcheck.check_text(text).claims if c.quote.startswith(str(whole))]
        assert claims and claims[0].verdict == verdict, claims[0].explanation
        assert "seats Labour gained" in claims[0].explanation
