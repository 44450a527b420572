"""Each article judged against the election it reports: the library, `run`, `batch` and `serve`.

The articles are written for these tests: the same kind of sentence about a
2019 result and a 2024 one, an undated piece whose headline names its
election, and one about a by-election the tables do not hold. The command
line runs in real subprocesses and the web API in a real server process.
"""
from __future__ import annotations

import csv
import io
import json

import httpx
import pytest

from conftest import archive_record, run_cli
from factcheck.api import Checker, check_text
from factcheck.models import Article
from factcheck.reference import UnknownElection
from test_server import start_server, stop_server

BOLSOVER = "Conservative Mark Fletcher took Bolsover with 21,791 votes, a majority of 5,299 over Dennis Skinner."
LEICESTER = "Shockat Adam won Leicester South by 979 votes."
SWINSON = ("General Election 2019: the Liberal Democrat leader loses her seat\n\n"
           "Amy Callaghan of the SNP took East Dunbartonshire from Jo Swinson by 149 votes.")
BY_ELECTION = ("Hartlepool by-election: the Conservatives take the town\n\n"
               "Jill Mortimer won with 15,529 votes, a majority of 6,940.")
GE2019 = "HoC GE2019 results, 2019 boundaries (CBP-8749)"
GE2024 = "HoC GE2024 results (CBP-10009)"


def verdicts(report) -> list[tuple]:
    claims = report["claims"] if isinstance(report, dict) else [c.model_dump() for c in report.claims]
    return [(c["quote"], c["verdict"], c["election"]) for c in claims]


# ---------------------------------------------------------------- the library
def test_a_2019_result_is_judged_against_2019(checker):
    report = checker.check(Article(text=BOLSOVER, date="2019-12-13"))
    assert verdicts(report) == [("21,791", "accurate", "2019"), ("5,299", "accurate", "2019")]
    assert {c.official.dataset for c in report.claims} == {GE2019}
    assert {c.constituency.ons_id for c in report.claims} == {"E14000577"}  # Bolsover on the 2019 boundaries


def test_the_same_sentence_against_2024_is_wrong(checker):
    """What the checker did to every archive before elections were adapters: Fletcher's 2024 result."""
    report = Checker(election="2024").check(Article(text=BOLSOVER, date="2019-12-13"))
    assert [v for _, v, _ in verdicts(report)] == ["inaccurate", "inaccurate"]
    assert {c.election for c in report.claims} == {"2024"}


def test_2024_articles_are_still_2024(checker):
    report = checker.check(Article(text=LEICESTER, date="2024-07-05"))
    assert verdicts(report) == [("979", "accurate", "2024")]
    assert report.claims[0].official.dataset == GE2024


def test_an_undated_article_by_its_headline(checker):
    report = checker.check(Article(text=SWINSON))
    assert ("149", "accurate", "2019") in verdicts(report) and {c.election for c in report.claims} == {"2019"}
    assert {c.constituency.name for c in report.claims} == {"East Dunbartonshire"}


def test_an_election_the_data_do_not_hold(checker):
    report = checker.check(Article(text=BY_ELECTION))
    assert [(q, v, e) for q, v, e in verdicts(report)] == [("15,529", "unverifiable", None),
                                                           ("6,940", "unverifiable", None)]
    for claim in report.claims:
        assert claim.official is None and claim.constituency is None and claim.correction is None
        assert "do not hold" in claim.explanation and "by-election" in claim.explanation


def test_a_2017_figure_in_2019_coverage_is_unverifiable_not_wrong(checker):
    text = "Dennis Skinner had held Bolsover with a majority of 5,288 in 2017."
    [claim] = checker.check(Article(text=text, date="2019-12-13")).claims
    assert (claim.kind, claim.verdict, claim.election) == ("previous_majority", "unverifiable", "2019")
    assert "2017 majority" in claim.explanation and "not in the reference data" in claim.explanation


def test_a_2017_share_is_checked(checker):
    """2017 shares are held (share minus change): Labour had 51.9% in Bolsover in 2017."""
    good = checker.check(Article(text="Labour's share in Bolsover fell from 51.9% in 2017.", date="2019-12-13"))
    bad = checker.check(Article(text="Labour's share in Bolsover fell from 41.9% in 2017.", date="2019-12-13"))
    assert [c.verdict for c in good.claims] == ["accurate"] and "2017" in good.claims[0].explanation
    assert [c.verdict for c in bad.claims] == ["inaccurate"]


def test_the_2017_winner_decides_a_gain(checker):
    gained = checker.check(Article(text="The Conservatives gained Bolsover.", date="2019-12-13"))
    held = checker.check(Article(text="The Conservatives held Bolsover.", date="2019-12-13"))
    assert [c.verdict for c in gained.claims] == ["accurate"]
    assert [c.verdict for c in held.claims] == ["inaccurate"]


def test_2019_seats_and_candidates_are_linked(checker):
    """A seat that exists only on the old boundaries, and a candidate who stood only in 2019."""
    text = "In Blyth Valley, Ian Levy won 17,440 votes. Ronnie Campbell had retired."
    [claim] = checker.check(Article(text=text, date="2019-12-13")).claims
    assert claim.constituency.name == "Blyth Valley" and claim.subject == "Ian Levy"
    assert claim.verdict == "accurate" and claim.election == "2019"


def test_a_checker_rejects_an_unknown_election():
    with pytest.raises(UnknownElection, match="unknown election '2017'"):
        Checker(election="2017")


def test_check_text_takes_the_election():
    assert verdicts(check_text(BOLSOVER, election="2019")) == [("21,791", "accurate", "2019"),
                                                             ("5,299", "accurate", "2019")]


def test_each_election_is_loaded_once(checker):
    checker.check(Article(text=BOLSOVER, date="2019-12-13"))
    first = checker.judged("2019")
    checker.check(Article(text=BOLSOVER, date="2019-12-14"))
    assert checker.judged("2019") is first and checker.judged("2019").ref is first.ref


# ---------------------------------------------------------------- the command line
@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    d = tmp_path_factory.mktemp("mixed")
    (d / "a-bolsover.txt").write_text(archive_record(BOLSOVER, date="2019-12-13"), encoding="utf-8")
    (d / "b-leicester.txt").write_text(archive_record(LEICESTER, date="2024-07-05"), encoding="utf-8")
    (d / "c-swinson.txt").write_text(SWINSON, encoding="utf-8")
    (d / "d-hartlepool.txt").write_text(BY_ELECTION, encoding="utf-8")
    lines = [{"id": "e", "text": BOLSOVER, "date": "13 December 2019"}, {"id": "f", "text": LEICESTER}]
    (d / "e-feed.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return d


def test_run_chooses_by_default(articles):
    proc = run_cli("run", str(articles / "a-bolsover.txt"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert verdicts(json.loads(proc.stdout)) == [("21,791", "accurate", "2019"), ("5,299", "accurate", "2019")]


def test_run_with_a_named_election(articles):
    proc = run_cli("run", str(articles / "a-bolsover.txt"), "--format", "json", "--election", "2024")
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["schema_version"] == "2" and {c["election"] for c in report["claims"]} == {"2024"}


def test_run_with_an_unknown_election_is_one_line_and_status_2(articles):
    proc = run_cli("run", str(articles / "a-bolsover.txt"), "--election", "2017")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and err.startswith("factcheck: error:") and "'2017'" in err
    assert "auto" in err and "2024" in err and "2019" in err


def test_help_lists_the_elections():
    out = run_cli("batch", "--help").stdout.decode()
    assert "--election [auto|2024|2019]" in out


def test_batch_judges_each_article_against_its_own_election(articles, tmp_path):
    out = tmp_path / "reports.jsonl"
    proc = run_cli("batch", str(articles), "--output", str(out), "--jobs", "1", timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    reports = {r["source"].rsplit("/", 1)[-1]: r for r in map(json.loads, out.read_text().splitlines())}
    assert verdicts(reports["a-bolsover.txt"]) == [("21,791", "accurate", "2019"), ("5,299", "accurate", "2019")]
    assert verdicts(reports["b-leicester.txt"]) == [("979", "accurate", "2024")]
    assert ("149", "accurate", "2019") in verdicts(reports["c-swinson.txt"])
    assert verdicts(reports["d-hartlepool.txt"]) == [("15,529", "unverifiable", None), ("6,940", "unverifiable", None)]
    assert verdicts(reports["e-feed.jsonl#e"]) == [("21,791", "accurate", "2019"), ("5,299", "accurate", "2019")]
    assert verdicts(reports["e-feed.jsonl#f"]) == [("979", "accurate", "2024")]  # undated: the latest
    datasets = {c["official"]["dataset"] for r in reports.values() for c in r["claims"] if c["official"]}
    assert datasets == {GE2019, GE2024}


def test_batch_with_a_named_election_and_csv(articles, tmp_path):
    out = tmp_path / "claims.csv"
    proc = run_cli("batch", str(articles / "b-leicester.txt"), str(articles / "a-bolsover.txt"), "--format", "csv",
                   "--output", str(out), "--jobs", "1", "--election", "2019", timeout=300)
    assert proc.returncode == 1, proc.stderr  # Leicester South's 979 is not a 2019 figure
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert {r["election"] for r in rows} == {"2019"}
    by_quote = {r["quote"]: r for r in rows}
    assert by_quote["5,299"]["verdict"] == "accurate" and by_quote["5,299"]["dataset"] == GE2019


def test_serve_with_a_named_election(tmp_path):
    server = start_server(tmp_path / "stderr.log", "--election", "2019")
    try:
        reply = httpx.post(f"{server.url}/api/check", json={"text": LEICESTER}, timeout=60)
        assert reply.status_code == 200
        assert {c["election"] for c in reply.json()["claims"]} == {"2019"}
        reply = httpx.post(f"{server.url}/api/check", json={"text": BOLSOVER}, timeout=60)
        assert [c["verdict"] for c in reply.json()["claims"]] == ["accurate", "accurate"]
    finally:
        stop_server(server)


def test_serve_chooses_by_the_requests_date(server_auto):
    bolsover = httpx.post(f"{server_auto.url}/api/check", json={"text": BOLSOVER, "date": "2019-12-13"}, timeout=60)
    leicester = httpx.post(f"{server_auto.url}/api/check", json={"text": LEICESTER, "date": "2024-07-05"}, timeout=60)
    assert verdicts(bolsover.json()) == [("21,791", "accurate", "2019"), ("5,299", "accurate", "2019")]
    assert verdicts(leicester.json()) == [("979", "accurate", "2024")]


@pytest.fixture(scope="module")
def server_auto(tmp_path_factory):
    srv = start_server(tmp_path_factory.mktemp("auto") / "stderr.log")
    yield srv
    stop_server(srv)


def test_the_html_report_names_the_election_it_was_judged_against(checker):
    from factcheck.report import render

    article = Article(text=BOLSOVER, date="2019-12-13")
    page = render(checker.check(article), "html", article=article)
    assert "UK general election 2019" in page and GE2019 in page
    assert "2024" not in page
