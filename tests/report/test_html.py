"""The HTML report and the batch site, read as markup.

What a browser does with the pages (the panel opening, scripts not running,
printing) is tested in tests/test_browser.py; here the markup is parsed and
checked for what must be true of it whatever browser opens it: every claim
marked with its verdict, untrusted text never turned into markup, nothing
loaded from outside the file.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from factcheck.read.ingest import read_path, read_text
from factcheck.models import Article, Claim, Claimed, ConstituencyRef, Official, Report
from factcheck.report import render
from factcheck.report.html import HtmlSite, locate_claims, render_html, site_from_jsonl, write_html_site

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpora" / "001_2affce01765db85e.txt"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcdoc", "xlink:href"}
ICONS = {"accurate": "✓", "inaccurate": "✗", "unverifiable": "?"}

MIXED = (
    "Shockat Adam won Leicester South by 979 votes. Jonathan Ashworth had held the seat since 2011.\n\n"
    "In Birmingham Perry Barr, Ayoub Khan beat Labour by 1,507 votes.\n\n"
    "George Galloway won 40% of the vote in the February by-election in Rochdale."
)
PAYLOADS = (
    '<img src=x onerror="window.__xss=1">',
    '<a href="javascript:window.__xss=2">more</a>',
    "</body></html>",
    "<script>window.__xss=3</script>",
    "<svg onload=window.__xss=4>",
    '"><b onmouseover="window.__xss=5">',
)


def _claim(cid: str, sentence: str, quote: str, verdict: str = "accurate", **kw) -> Claim:
    fields = dict(id=cid, kind="majority", verdict=verdict, sentence=sentence, quote=quote,
                  claimed=Claimed(value=979, qualifier="exact"),
                  official=Official(value=979, dataset="HoC GE2024 results (CBP-10009)",
                                    detail="979 (Shockat Adam, Ind, 14,739; Jonathan Ashworth, Lab, 13,760)"),
                  constituency=ConstituencyRef(ons_id="E14001327", name="Leicester South"),
                  subject="Shockat Adam", explanation="Matches the 2024 majority.", correction=None, confidence=0.9)
    fields.update(kw)
    return Claim(**fields)


def parse(page: str) -> LexborHTMLParser:
    return LexborHTMLParser(page)


def marks(tree) -> list:
    return tree.css("article .claim")


def undecorated(node) -> str:
    """A node's text as the article has it: without the marks' icons, verdict words and claim numbers."""
    copy = LexborHTMLParser(node.html)
    for extra in copy.css(".icon, .visually-hidden, .ref"):
        extra.decompose()
    return copy.body.text()


def quote_of(mark) -> str:
    return undecorated(mark.css_first("mark"))


def _body_text(tree) -> str:
    return undecorated(tree.css_first("article"))


# ------------------------------------------------------------------ locating
def test_locate_finds_each_quote_inside_its_sentence():
    text = "Intro line.\n\nShe won by 979 votes, up from 979 in 2019. Turnout was 61.88%."
    claims = [
        _claim("c1", "She won by 979 votes, up from 979 in 2019.", "979"),
        _claim("c2", "She won by 979 votes, up from 979 in 2019.", "979"),
        _claim("c3", "Turnout was 61.88%.", "61.88%"),
    ]
    spans = locate_claims(text, claims)
    first = text.index("979")
    second = text.index("979", first + 1)
    assert spans == [(first, first + 3), (second, second + 3), (text.index("61.88%"), text.index("61.88%") + 6)]


def test_locate_follows_sentence_order_through_repeated_sentences():
    sentence = "Labour won by 507 votes."
    text = f"{sentence} Then a recount. {sentence}"
    claims = [_claim("c1", sentence, "507"), _claim("c2", "Then a recount.", "recount"),
              _claim("c3", sentence, "507")]
    spans = locate_claims(text, claims)
    assert [s[0] for s in spans] == [text.index("507"), text.index("recount"), text.rindex("507")]


def test_locate_tolerates_whitespace_and_reports_what_it_cannot_find():
    text = "Shockat Adam won\nLeicester South by 979  votes."
    claims = [_claim("c1", "Shockat Adam won Leicester South by 979 votes.", "979 votes"),
              _claim("c2", "A sentence that is not there.", "there"),
              _claim("c3", "Shockat Adam won Leicester South by 979 votes.", "1,979")]
    spans = locate_claims(text, claims)
    assert spans[0] == (text.index("979"), text.index("votes") + len("votes"))
    assert spans[1:] == [None, None]


def test_a_quote_inside_another_claims_quote_is_marked_inside_it():
    sentence = "The Tories won her former seat by 4,426 votes, less than the number secured by Ms Webbe."
    article = Article(text=sentence, source="a.txt")
    claims = [_claim("c1", sentence, "4,426 votes, less than the number secured by Ms Webbe", verdict="unverifiable"),
              _claim("c2", sentence, "4,426"),
              _claim("c3", sentence, "4,426 votes"),  # holds c2 and sits inside c1
              _claim("c4", sentence, "seat by 4,426", verdict="inaccurate")]  # crosses c1: cannot be marked
    spans = locate_claims(sentence, claims)
    assert spans[3] is None and None not in spans[:3]
    tree = parse(render_html(Report.build(article, claims), article))
    outer = tree.css_first('article .claim[data-claim="c1"]')
    middle = outer.css_first('.claim[data-claim="c3"]')
    inner = middle.css_first('.claim[data-claim="c2"]')
    assert (quote_of(outer), quote_of(middle), quote_of(inner)) == (claims[0].quote, "4,426 votes", "4,426")
    assert undecorated(tree.css_first("article")).strip() == sentence
    assert tree.css('article .claim[data-claim="c4"]') == []
    assert "1 of the 4 claims could not be found" in tree.css_first(".all-claims .note").text()


# ------------------------------------------------------------------ one report
def perry_barr(report: Report) -> Claim:
    """The planted error: Ayoub Khan's majority was 507, not 1,507."""
    wrong = next(c for c in report.claims if c.quote.endswith("1,507"))
    assert wrong.verdict == "inaccurate"
    return wrong


@pytest.fixture(scope="module")
def mixed(checker):
    article = read_text(MIXED, "mixed.txt")[0]
    return checker.check(article), article


def test_every_claim_is_marked_with_its_verdict_in_word_and_icon(mixed):
    report, article = mixed
    assert {c.verdict for c in report.claims} == {"accurate", "inaccurate", "unverifiable"}
    tree = parse(render_html(report, article))
    found = {m.attributes["data-claim"]: m for m in marks(tree)}
    assert sorted(found) == sorted(c.id for c in report.claims)
    for claim in report.claims:
        mark = found[claim.id]
        assert mark.attributes["data-verdict"] == claim.verdict
        assert claim.verdict in mark.attributes["class"].split()[1]
        assert mark.css_first(".icon").text() == ICONS[claim.verdict]
        assert quote_of(mark) == claim.quote
        assert claim.verdict in mark.css_first(".visually-hidden").text()


def test_article_text_is_shown_whole_with_its_paragraphs(mixed):
    report, article = mixed
    tree = parse(render_html(report, article))
    paragraphs = tree.css("article.article-text > p")
    assert len(paragraphs) == 3
    shown = [undecorated(p) for p in tree.css("article.article-text > p")]
    assert shown == MIXED.split("\n\n")


def test_detail_blocks_and_table_carry_the_official_figures(mixed):
    report, article = mixed
    tree = parse(render_html(report, article))
    wrong = perry_barr(report)
    n = report.claims.index(wrong) + 1
    block = tree.css_first(f"#detail-{n}")
    assert "hidden" in block.attributes  # shown on demand
    text = " ".join(block.text().split())
    assert "Inaccurate" in text and "1,507" in text and "507" in text
    assert wrong.official.dataset in text
    assert wrong.explanation in text
    assert wrong.correction and wrong.correction in text
    rows = tree.css("table.claims tbody tr")
    assert [r.attributes["data-verdict"] for r in rows] == [c.verdict for c in report.claims]
    row = " ".join(rows[n - 1].text().split())
    assert wrong.correction in row and wrong.official.dataset in row


def test_summary_bar_counts_each_verdict(mixed):
    report, article = mixed
    tree = parse(render_html(report, article))
    s = report.summary
    assert tree.css_first(".summary-line").text() == \
        f"{s.claims} claims checked: {s.accurate} accurate, {s.inaccurate} inaccurate, {s.unverifiable} unverifiable"
    counts = {li.attributes["class"].split()[1]: li.css_first("strong").text() for li in tree.css(".counts li")}
    assert counts == {"v-accurate": str(s.accurate), "v-inaccurate": str(s.inaccurate),
                      "v-unverifiable": str(s.unverifiable)}
    assert [seg.text() for seg in tree.css(".bar .seg")] == \
        [f"{icon} {n}" for icon, n in zip("✓✗?", (s.accurate, s.inaccurate, s.unverifiable)) if n]
    widths = [seg.attributes["style"] for seg in tree.css(".bar .seg")]
    assert widths == [f"flex-grow: {n}" for n in (s.accurate, s.inaccurate, s.unverifiable) if n]


def test_claim_not_found_in_the_text_is_listed_not_marked():
    article = Article(text="Shockat Adam won Leicester South by 979 votes.", source="a.txt")
    claims = [_claim("c1", article.text, "979"),
              _claim("c2", "A sentence the editor has since deleted, 528 votes.", "528", verdict="inaccurate")]
    tree = parse(render_html(Report.build(article, claims), article))
    assert [m.attributes["data-claim"] for m in marks(tree)] == ["c1"]
    assert len(tree.css("table.claims tbody tr")) == 2
    assert "1 of the 2 claims could not be found" in tree.css_first(".all-claims .note").text()
    assert "not found in the text" in tree.css("table.claims tbody tr")[1].text()


def test_without_the_article_the_checked_sentences_stand_in(mixed):
    report, _ = mixed
    tree = parse(render(report, "html"))
    assert sorted(m.attributes["data-claim"] for m in marks(tree)) == sorted(c.id for c in report.claims)
    assert "not part of this report" in tree.css_first("article .note").text()


def test_report_without_claims_says_so():
    article = Article(text="Polls closed at ten.", source="quiet.txt")
    tree = parse(render_html(Report.build(article, []), article))
    assert marks(tree) == []
    assert tree.css("table.claims") == []
    assert "No checkable figures" in tree.css_first(".all-claims").text()


# ------------------------------------------------------------------ untrusted text
@pytest.fixture(scope="module")
def hostile():
    text = "\n\n".join(f"Shockat Adam won Leicester South by 979 votes {p} on the night." for p in PAYLOADS)
    article = Article(text=text, source='feed/<img src=x onerror="window.__xss=9">.txt',
                      title="<script>window.__xss=8</script> Results </title>", date="<b>2024</b>",
                      url="javascript:window.__xss=7")
    claims = [_claim(f"c{i}", line, "979", explanation=f"explained {p}", correction=f"fix {p}",
                     subject=p, kind=p if i == 2 else "majority")
              for i, (line, p) in enumerate(zip(text.split("\n\n"), PAYLOADS), start=1)]
    page = render_html(Report.build(article, claims), article)
    return page, article


def test_untrusted_text_creates_no_elements_attributes_or_links(hostile):
    page, _ = hostile
    tree = parse(page)
    assert len(tree.css("script")) == 1  # the report's own
    assert tree.css("img, svg, iframe, b") == []
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            assert not name.lower().startswith("on"), (node.tag, name)
            if name.lower() in URL_ATTRIBUTES:
                assert "javascript:" not in (value or "").lower(), (node.tag, name, value)
    assert page.count("</body>") == 1 and page.rstrip().endswith("</html>")


def test_untrusted_text_is_shown_as_text(hostile):
    page, article = hostile
    tree = parse(page)
    shown = _body_text(tree)
    for payload in PAYLOADS:
        assert payload in shown
    assert tree.css_first("h1").text() == article.title
    assert tree.css_first("title").text() == f"Fact-check: {article.title}"
    assert article.source in tree.css_first(".meta").text()
    # a javascript: address from the page's metadata is not offered as a link
    assert tree.css(".meta a") == []


def test_only_web_addresses_become_links():
    article = Article(text="Turnout fell.", source="a.txt", url="https://example.org/story?a=1&b=2")
    tree = parse(render_html(Report.build(article, []), article))
    assert [a.attributes["href"] for a in tree.css(".meta a")] == ["https://example.org/story?a=1&b=2"]


def test_page_is_self_contained_and_runs_only_its_own_script(mixed):
    page = render_html(*mixed)
    tree = parse(page)
    assert tree.css("link, iframe, object, embed, img") == []
    assert [n for n in tree.css("*") if "src" in n.attributes] == []
    assert not re.search(r"url\(|@import", tree.css_first("style").text())
    policy = tree.css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"]
    assert "default-src 'none'" in policy
    script = tree.css_first("script").text()
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]


# ------------------------------------------------------------------ the command line
def test_run_writes_an_html_report_of_the_seed_article(cli, checker, tmp_path):
    target = tmp_path / "report.html"
    proc = cli("run", str(SEED), "--format", "html", "--output", str(target))
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b""
    article = read_path(str(SEED))[0]
    report = checker.check(article)
    tree = parse(target.read_text(encoding="utf-8"))
    assert tree.css_first("h1").text() == article.title
    found = {m.attributes["data-claim"]: (m.attributes["data-verdict"], quote_of(m)) for m in marks(tree)}
    assert found == {c.id: (c.verdict, c.quote) for c in report.claims}
    assert len(found) >= 10


def test_run_html_exit_status_still_follows_the_verdicts(cli, tmp_path):
    source = tmp_path / "wrong.txt"
    source.write_text("Shockat Adam won Leicester South by 1,979 votes.\n", encoding="utf-8")
    proc = cli("run", str(source), "--format", "html")
    assert proc.returncode == 1
    tree = parse(proc.stdout.decode())
    assert {quote_of(m): m.attributes["data-verdict"] for m in marks(tree)}["1,979"] == "inaccurate"


# ------------------------------------------------------------------ the batch site
def test_site_has_an_index_linking_one_page_per_article(mixed, tmp_path):
    report, article = mixed
    again = report.model_copy(update={"source": "other/mixed.txt", "title": None})
    index = write_html_site([(report, article), again, {"source": "empty.txt", "error": "empty.txt is empty"}],
                            tmp_path / "site")
    assert index == tmp_path / "site" / "index.html"
    tree = parse(index.read_text(encoding="utf-8"))
    rows = tree.css("table.articles tbody tr")
    assert [r.attributes["data-source"] for r in rows] == ["mixed.txt", "other/mixed.txt", "empty.txt"]
    links = [a.attributes["href"] for a in tree.css("table.articles tbody a")]
    assert len(links) == 2 and len(set(links)) == 2
    s = report.summary
    for row, href in zip(rows, links):
        cells = [c.attributes.get("data-value") for c in row.css("td")]
        assert cells[3:] == [str(n) for n in (s.claims, s.accurate, s.inaccurate, s.unverifiable)]
        page = parse((index.parent / href).read_text(encoding="utf-8"))
        assert sorted((m.attributes["data-claim"], m.attributes["data-verdict"]) for m in page.css("article .claim")) \
            == sorted((c.id, c.verdict) for c in report.claims)
        back = page.css_first(".back a").attributes["href"]
        assert (index.parent / href).parent.joinpath(back).resolve() == index.resolve()
    assert "not checked" in rows[2].text().lower() and "empty.txt is empty" in rows[2].text()
    assert tree.css_first(".summary-line").text() == (
        f"2 articles, {2 * s.claims} claims checked: {2 * s.accurate} accurate, {2 * s.inaccurate} inaccurate, "
        f"{2 * s.unverifiable} unverifiable; 1 article could not be checked")


def test_site_page_names_are_safe_and_unique(tmp_path):
    site = HtmlSite(tmp_path)
    names = set()
    for source in ("a/b.txt", "c/b.txt", "../../etc/passwd", 'x<"y">#3', "/"):
        page = site.add(Report.build(Article(text="t", source=source), []))
        assert page.parent == tmp_path / "articles"
        assert re.fullmatch(r"\d{4}-[A-Za-z0-9._-]+\.html", page.name), page.name
        names.add(page.name)
    assert len(names) == 5
    index = parse(site.finish().read_text(encoding="utf-8"))
    assert len(index.css("tbody tr")) == 5


def test_batch_site_reports_round_trip_through_json(mixed, tmp_path):
    """A site can be built later from saved JSON reports; without the articles the sentences stand in."""
    report, _ = mixed
    saved = json.loads(report.model_dump_json())
    index = write_html_site([Report.model_validate(saved)], tmp_path)
    page = next((tmp_path / "articles").glob("*.html"))
    tree = parse(page.read_text(encoding="utf-8"))
    assert len(tree.css("article .claim")) == len(report.claims)
    assert index.exists()


def test_site_from_batch_jsonl_finds_each_article_again(checker, tmp_path):
    """Batch output comes in finishing order and without the texts; the site reads them back by source."""
    archive = tmp_path / "two.jsonl"
    archive.write_text(json.dumps({"id": "b", "text": MIXED, "title": "Second"}) + "\n"
                       + json.dumps({"id": "a", "text": "Shockat Adam won Leicester South by 979 votes."}) + "\n",
                       encoding="utf-8")
    reports = [checker.check(a) for a in read_path(str(archive))]
    assert [r.source for r in reports] == [f"{archive}#b", f"{archive}#a"]
    jsonl = tmp_path / "reports.jsonl"
    jsonl.write_text("".join(r.model_dump_json() + "\n" for r in reports)
                     + json.dumps({"source": str(tmp_path / "gone.txt"), "error": "no such file"}) + "\n"
                     + '{"source": "torn', encoding="utf-8")
    index = site_from_jsonl(jsonl, tmp_path / "site")
    tree = parse(index.read_text(encoding="utf-8"))
    rows = tree.css("table.articles tbody tr")
    assert [r.attributes["data-source"] for r in rows] == \
        [str(tmp_path / "gone.txt"), f"{archive}#a", f"{archive}#b"]
    assert "no such file" in rows[0].text()
    for row, report in zip(rows[1:], [reports[1], reports[0]]):
        page = parse((index.parent / row.css_first("a").attributes["href"]).read_text(encoding="utf-8"))
        assert page.css("article .note") == []  # the article's own text, not the stand-in sentences
        assert sorted(m.attributes["data-claim"] for m in marks(page)) == sorted(c.id for c in report.claims)


def test_batch_format_html_writes_a_site_and_resumes_it(cli, checker, tmp_path):
    seeds = [str(ROOT / "corpora" / name) for name in ("000_a446447a5ae0ae22.txt", "001_2affce01765db85e.txt")]
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    site = tmp_path / "site"
    (site / "articles").mkdir(parents=True)
    (site / "articles" / "0009-left-over.html").write_text("stale", encoding="utf-8")
    proc = cli("batch", *seeds, str(empty), "--format", "html", "--output", str(site), "--jobs", "1")
    assert proc.returncode == 3, proc.stderr.decode()  # the empty file is an error record
    index = (site / "index.html").read_text(encoding="utf-8")
    tree = parse(index)
    rows = tree.css("table.articles tbody tr")
    assert [r.attributes["data-source"] for r in rows] == sorted([*seeds, str(empty)])
    assert "is empty" in next(r for r in rows if r.attributes["data-source"] == str(empty)).text()
    pages = sorted(p.name for p in (site / "articles").iterdir())
    assert len(pages) == 2 and "0009-left-over.html" not in pages
    for seed in seeds:
        report = checker.check(read_path(seed)[0])
        row = next(r for r in rows if r.attributes["data-source"] == seed)
        page = parse((site / row.css_first("a").attributes["href"]).read_text(encoding="utf-8"))
        assert sorted((m.attributes["data-claim"], m.attributes["data-verdict"]) for m in marks(page)) == \
            sorted((c.id, c.verdict) for c in report.claims)
        assert page.css("article .note") == []
    assert len((site / "reports.jsonl").read_text(encoding="utf-8").splitlines()) == 3

    again = cli("batch", *seeds, str(empty), "--format", "html", "--output", str(site), "--jobs", "1", "--resume")
    assert again.returncode == 3, again.stderr.decode()
    assert (site / "index.html").read_text(encoding="utf-8") == index
    assert len((site / "reports.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_batch_format_html_needs_a_directory(cli, tmp_path):
    proc = cli("batch", str(SEED), "--format", "html")
    assert proc.returncode == 2
    assert proc.stderr.decode().strip().splitlines()[-1] == \
        "factcheck: error: --format html writes a directory of pages: name it with --output DIR"
    taken = tmp_path / "file"
    taken.write_text("x", encoding="utf-8")
    proc = cli("batch", str(SEED), "--format", "html", "--output", str(taken))
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith(f"factcheck: error: cannot write {taken}: ")


# ------------------------------------------------------------------ results blocks
def test_a_short_quote_marks_its_own_cell_not_a_digit_of_a_longer_figure():
    row = "SDLP | 86,861 | 2 | 2 |"
    claims = [_claim("c1", row, "86,861"), _claim("c2", row, "2"), _claim("c3", row, "2")]
    spans = locate_claims(row, claims)
    assert [row[a:b] for a, b in spans] == ["86,861", "2", "2"]
    assert [a for a, _ in spans] == [row.index("86,861"), row.index("| 2 |") + 2, row.rindex("2")]


def test_results_table_is_shown_as_a_table_with_each_cell_marked(checker, seat_named):
    seat = seat_named("Clacton")
    rows = "\n".join(f"{c.name} | {c.party_name} | {c.votes:,} | {c.share:.1f}% |" for c in seat.candidates)
    article = Article(text=f"Full result from {seat.name}:\n\nCandidate | Party | Votes | % |\n---|---|---|---|\n{rows}",
                      source="t")
    report = checker.check(article)
    tree = parse(render_html(report, article))
    table = tree.css_first("article table.article-table")
    assert table is not None
    assert [undecorated(th).strip() for th in table.css("th")] == ["Candidate", "Party", "Votes", "%"]
    cells = [td for td in table.css("td") if td.css_first(".claim")]
    assert len(cells) == len(report.claims) == 2 * len(seat.candidates)
    for td in cells:
        mark = td.css_first(".claim")
        claim = next(c for c in report.claims if c.id == mark.attributes["data-claim"])
        assert quote_of(mark) == claim.quote == undecorated(td).strip()  # a cell's quote is the cell
        assert mark.attributes["data-verdict"] == claim.verdict == "accurate"


def test_results_list_is_marked_as_prose_is(checker, seat_named):
    seat = seat_named("Clacton")
    rows = "\n".join(f"{c.name} - {c.party_name} - {c.votes:,} ({c.share:.1f}%)" for c in seat.candidates)
    article = Article(text=f"Full result from {seat.name}:\n\n{rows}", source="t")
    report = checker.check(article)
    tree = parse(render_html(report, article))
    found = marks(tree)
    assert len(found) == len(report.claims) == 2 * len(seat.candidates)
    assert [quote_of(m) for m in found] == [c.quote for c in report.claims]
    assert tree.css_first("article table") is None
