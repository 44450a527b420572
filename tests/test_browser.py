"""The report and the desk page in a real browser, used the way an editor uses them.

Headless Chromium from Debian (/usr/bin/chromium, driven by Playwright's
Python client; Playwright's own browser downloads are never used) opens
reports written by `factcheck run --format html`, a batch site, and the
page `factcheck serve` serves. Playwright gives each browser a fresh,
temporary profile.

Hostile articles carry payloads that would set `window.__xss` or open a
dialog if they ran. Besides checking that neither happened, the tests
listen for Content-Security-Policy violations: the pages' policy would block
an injected script anyway, so a violation is the sign that escaping let
markup through even though nothing ran.

Screenshots (and a PDF of the printed report) go to test-artifacts/, or to
$FACTCHECK_TEST_ARTIFACTS.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed at /usr/bin/chromium (.ci/run installs it)")

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from factcheck.read.ingest import read_path, read_text  # noqa: E402
from factcheck.report.html import write_html_site  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "001_2affce01765db85e.txt"
ARTIFACTS = Path(os.environ.get("FACTCHECK_TEST_ARTIFACTS", ROOT / "test-artifacts"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ICONS = {"accurate": "✓", "inaccurate": "✗", "unverifiable": "?"}

MIXED = (
    "Shockat Adam won Leicester South by 979 votes. Jonathan Ashworth had held the seat since 2011.\n\n"
    "In Birmingham Perry Barr, Ayoub Khan beat Labour by 1,507 votes.\n\n"
    "George Galloway won 40% of the vote in the February by-election in Rochdale."
)
# An HTML article whose text (once the markup is read) is full of markup: what a scraped page
# quoting code, or a hostile submission, hands the desk.
XSS_ARTICLE = """<html><head><title>&lt;script&gt;window.__xss=1;alert(1)&lt;/script&gt; Results</title></head><body>
<p>Shockat Adam won Leicester South by 979 votes &lt;img src=x onerror="window.__xss=2;alert(2)"&gt; on the night.</p>
<p>Read &lt;a href="javascript:window.__xss=3"&gt;more&lt;/a&gt; &lt;/body&gt;&lt;/html&gt; In Birmingham Perry Barr,
Ayoub Khan beat Labour by 1,507 votes &lt;script&gt;window.__xss=4;alert(4)&lt;/script&gt;.</p>
<p>Turnout &lt;svg onload="window.__xss=5"&gt; &lt;iframe src="javascript:window.__xss=6"&gt;&lt;/iframe&gt; was high.</p>
</body></html>
"""
XSS_VISIBLE = ('<img src=x onerror="window.__xss=2;alert(2)">', '<a href="javascript:window.__xss=3">more</a>',
               "</body></html>", "<script>window.__xss=4;alert(4)</script>",
               '<svg onload="window.__xss=5">', '<iframe src="javascript:window.__xss=6"></iframe>')
# Pasted plain text: no tag the reader treats as HTML, so it all stays in the text.
XSS_PASTE = ('Shockat Adam won Leicester South by 979 votes <svg onload="window.__xss=7;alert(7)"> '
             '<details open ontoggle="window.__xss=8"> <marquee onstart="window.__xss=9">.')
WATCH_CSP = """document.addEventListener("securitypolicyviolation", function (e) {
  (window.__csp = window.__csp || []).push(e.violatedDirective + " " + e.blockedURI);
});"""


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


class Watch:
    """What a page did that it should not: dialogs, page errors, policy violations."""

    def __init__(self, page: Page):
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.console.append(m.text))

    def csp_messages(self) -> list[str]:
        return [m for m in self.console if "Content Security Policy" in m]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_CSP)
    tab = context.new_page()
    tab.watch = Watch(tab)
    yield tab
    context.close()


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


def screenshot(page: Page, name: str, **kw) -> Path:
    path = artifact(name)
    page.screenshot(path=str(path), **kw)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5000
    return path


def assert_nothing_ran(page: Page) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.watch.dialogs == []
    assert page.watch.errors == []
    assert page.evaluate("window.__csp || []") == []
    assert page.watch.csp_messages() == []


UNDECORATED = """node => {
  const copy = node.cloneNode(true);
  copy.querySelectorAll(".icon, .visually-hidden, .ref").forEach(x => x.remove());
  return copy.textContent;
}"""


def marks(page: Page) -> list[dict]:
    """Each mark's claim, verdict, icon and the article's words it covers (nested marks' decorations removed)."""
    return page.eval_on_selector_all("article .claim", f"""els => els.map(e => ({{
        id: e.dataset.claim, verdict: e.dataset.verdict,
        icon: e.querySelector(":scope > .icon").textContent,
        quote: ({UNDECORATED})(e.querySelector(":scope > mark"))}}))""")


def article_text(page: Page) -> str:
    return page.eval_on_selector("article", UNDECORATED)


def open_claim(page: Page, claim_id: str) -> None:
    """Click the claim's own icon: its middle may be another claim's mark nested inside it."""
    page.click(f'article .claim[data-claim="{claim_id}"] > .icon')


def perry_barr(report: dict) -> dict:
    """The planted error in MIXED: Ayoub Khan's majority was 507, not 1,507."""
    claim = next(c for c in report["claims"] if c["quote"].endswith("1,507"))
    assert claim["verdict"] == "inaccurate"
    return claim


def check_marks(page: Page, report: dict) -> None:
    """Every claim of the JSON report is marked once, with its verdict's icon, on its quote."""
    found = {m["id"]: (m["verdict"], m["icon"], " ".join(m["quote"].split())) for m in marks(page)}
    assert len(found) == len(marks(page))
    assert found == {c["id"]: (c["verdict"], ICONS[c["verdict"]], " ".join(c["quote"].split()))
                     for c in report["claims"]}


def json_report(checker, path: Path) -> dict:
    """The report as JSON, from the session's loaded pipeline (the HTML beside it comes from the CLI)."""
    return json.loads(checker.check(read_path(str(path))[0]).model_dump_json())


def html_report(cli, path: Path, out: Path) -> Path:
    proc = cli("run", str(path), "--format", "html", "--output", str(out))
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return out


# ------------------------------------------------------------------ a report file
@pytest.fixture(scope="module")
def mixed_files(cli, checker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    source = folder / "mixed.txt"
    source.write_text(MIXED, encoding="utf-8")
    return json_report(checker, source), html_report(cli, source, folder / "mixed.html")


def test_report_file_marks_every_claim_and_opens_its_details(page, mixed_files):
    report, html = mixed_files
    page.goto(html.as_uri())
    check_marks(page, report)
    assert {c["verdict"] for c in report["claims"]} == {"accurate", "inaccurate", "unverifiable"}
    expect(page.locator(".detail-empty")).to_be_visible()
    expect(page.locator(".detail-block:visible")).to_have_count(0)

    wrong = perry_barr(report)
    open_claim(page, wrong["id"])
    panel = page.locator(".detail-block:visible")
    expect(panel).to_have_count(1)
    expect(panel).to_have_attribute("data-claim", wrong["id"])
    expect(page.locator(".detail-empty")).to_be_hidden()
    text = " ".join(panel.inner_text().split())
    assert "Inaccurate" in text
    assert "1,507" in text and "507" in text
    for field in (wrong["official"]["dataset"], wrong["explanation"], wrong["correction"]):
        assert " ".join(field.split()) in text
    assert page.url == html.as_uri()  # the click opened the panel instead of jumping to the table
    assert page.evaluate("window.scrollY") == 0
    screenshot(page, "report-mixed.png")

    right = next(c for c in report["claims"] if c["quote"] == "979")
    open_claim(page, right["id"])
    expect(page.locator(".detail-block:visible")).to_have_attribute("data-claim", right["id"])
    assert page.watch.errors == []


def test_keyboard_focus_opens_the_details(page, mixed_files):
    report, html = mixed_files
    page.goto(html.as_uri())
    in_text_order = [m["id"] for m in marks(page)]
    assert sorted(in_text_order) == sorted(c["id"] for c in report["claims"])
    for claim_id in in_text_order:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.claim") == claim_id
        expect(page.locator(".detail-block:visible")).to_have_attribute("data-claim", claim_id)


def test_report_prints_the_text_and_the_table_without_the_panel(page, mixed_files):
    report, html = mixed_files
    page.goto(html.as_uri())
    page.click("article .claim")
    page.emulate_media(media="print")
    expect(page.locator("#detail")).to_be_hidden()
    expect(page.locator("table.claims")).to_be_visible()
    expect(page.locator("table.claims tbody tr")).to_have_count(len(report["claims"]))
    expect(page.locator("article .claim .icon").first).to_be_visible()
    # the verdict survives black-and-white printing: each verdict underlines differently
    styles = page.eval_on_selector_all(
        "article .claim", "els => els.map(e => [e.dataset.verdict, getComputedStyle(e).borderBottomStyle])")
    assert len({style for _, style in styles}) == 3, styles
    pdf = artifact("report-mixed.pdf")
    pdf.write_bytes(page.pdf(format="A4"))
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_seed_article_report_in_the_browser(page, cli, checker, tmp_path):
    report = json_report(checker, SEED)
    html = html_report(cli, SEED, tmp_path / "seed.html")
    page.goto(html.as_uri())
    check_marks(page, report)
    expect(page.locator("h1")).to_have_text(report["title"])
    s = report["summary"]
    expect(page.locator(".summary-line")).to_have_text(
        f"{s['claims']} claims checked: {s['accurate']} accurate, {s['inaccurate']} inaccurate, "
        f"{s['unverifiable']} unverifiable")
    open_claim(page, report["claims"][3]["id"])
    expect(page.locator(".detail-block:visible")).to_have_attribute("data-claim", report["claims"][3]["id"])
    screenshot(page, "report-seed.png")
    assert page.watch.errors == []


def test_hostile_article_runs_nothing_and_shows_its_markup_as_text(page, cli, checker, tmp_path):
    source = tmp_path / "hostile.html"
    source.write_text(XSS_ARTICLE, encoding="utf-8")
    report = json_report(checker, source)
    html = html_report(cli, source, tmp_path / "hostile-report.html")
    page.goto(html.as_uri())
    page.wait_for_load_state("load")
    for i in range(page.locator("article .claim").count()):
        page.hover(f"article .claim >> nth={i}")
        page.click(f"article .claim >> nth={i}")
    page.mouse.move(5, 5)
    assert_nothing_ran(page)
    assert page.evaluate("document.querySelectorAll('script').length") == 1
    assert page.evaluate("document.querySelectorAll('img, svg, iframe, [onerror], [onload], "
                         "a[href^=\"javascript:\"]').length") == 0
    shown = article_text(page)
    for payload in XSS_VISIBLE:
        assert payload in shown
    assert page.title() == "Fact-check: <script>window.__xss=1;alert(1)</script> Results"
    check_marks(page, report)
    # the stray </body></html> ended nothing: the table after the text is all there
    expect(page.locator("table.claims tbody tr")).to_have_count(len(report["claims"]))
    screenshot(page, "report-hostile.png", full_page=True)


# ------------------------------------------------------------------ a batch site
def test_index_sorts_and_links_each_report(page, checker, tmp_path):
    texts = {
        "two-wrong.txt": "Shockat Adam won Leicester South by 1,979 votes. Ayoub Khan beat Labour by 1,507 votes "
                         "in Birmingham Perry Barr.",
        "right.txt": "Shockat Adam won Leicester South by 979 votes.",
        "one-wrong.txt": MIXED,
    }
    pairs = []
    for name, text in texts.items():
        article = read_text(text, name)[0]
        pairs.append((checker.check(article), article))
    index = write_html_site(pairs, tmp_path / "site")
    page.goto(index.as_uri())

    def column(n: int) -> list[str]:
        return page.eval_on_selector_all(f"table.articles tbody tr td:nth-child({n})",
                                         "tds => tds.map(td => td.dataset.value)")

    wrong = [str(r.summary.inaccurate) for r, _ in pairs]
    assert column(6) == wrong
    page.click("table.articles th:nth-child(6) button")
    assert column(6) == sorted(wrong, reverse=True)
    expect(page.locator("table.articles th:nth-child(6)")).to_have_attribute("aria-sort", "descending")
    page.click("table.articles th:nth-child(6) button")
    assert column(6) == sorted(wrong)
    page.click("table.articles th:nth-child(2) button")
    assert [v.lower() for v in column(2)] == sorted(t.lower() for t in texts)
    screenshot(page, "index.png")

    page.click("table.articles tbody a >> text=one-wrong.txt")
    page.wait_for_load_state("load")
    assert page.url.endswith(".html") and "/articles/" in page.url
    check_marks(page, json.loads(pairs[2][0].model_dump_json()))
    page.click(".back a")
    assert page.url == index.as_uri()


# ------------------------------------------------------------------ the served page
@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    log = tmp_path_factory.mktemp("desk") / "stderr.log"
    with open(log, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "factcheck", "serve", "--port", "0"], cwd=ROOT,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
    try:
        deadline = time.monotonic() + 60
        while not (found := re.search(r"serving on (http://127\.0\.0\.1:\d+)/", log.read_text(errors="replace"))):
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.05)
        yield found.group(1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def api_report(desk: str, text: str) -> dict:
    response = httpx.post(f"{desk}/api/check", json={"text": text}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def test_editor_pastes_an_article_and_gets_the_report(page, desk):
    page.goto(desk + "/")
    page.fill("#text", MIXED)
    page.fill("#title", "Midlands round-up")
    page.fill("#date", "2024-07-05")
    screenshot(page, "desk.png")
    with page.expect_navigation():
        page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Midlands round-up")
    report = api_report(desk, MIXED)
    check_marks(page, report)
    open_claim(page, perry_barr(report)["id"])
    expect(page.locator(".detail-block:visible .correction")).to_contain_text("not 1,507")
    screenshot(page, "desk-report.png")
    page.click(".back a")
    expect(page.locator("form.desk-form")).to_be_visible()
    assert page.watch.errors == [] and page.watch.csp_messages() == []


def test_editor_uploads_an_article_file(page, desk):
    page.goto(desk + "/")
    page.set_input_files("#file", str(SEED))
    with page.expect_navigation():
        page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text(api_report(desk, SEED.read_text(encoding="utf-8"))["title"])
    check_marks(page, api_report(desk, SEED.read_text(encoding="utf-8")))


def test_editor_uploading_a_picture_is_told_why_not(page, desk, tmp_path):
    picture = tmp_path / "chart.png"
    picture.write_bytes(bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\x00" * 64)
    page.goto(desk + "/")
    page.set_input_files("#file", str(picture))
    with page.expect_navigation() as navigation:
        page.click("button[type=submit]")
    assert navigation.value.status == 415
    expect(page.locator(".problem")).to_contain_text("chart.png is image/png, not a text article")
    expect(page.locator("form.desk-form")).to_be_visible()


def test_pasted_markup_runs_nothing_on_the_served_page(page, desk):
    page.goto(desk + "/")
    page.fill("#text", XSS_PASTE)
    page.fill("#title", '"><svg onload="window.__xss=10"><script>window.__xss=11</script>')
    with page.expect_navigation():
        page.click("button[type=submit]")
    for i in range(page.locator("article .claim").count()):
        page.click(f"article .claim >> nth={i}")
    assert_nothing_ran(page)
    assert XSS_PASTE in article_text(page)
    expect(page.locator("h1")).to_have_text('"><svg onload="window.__xss=10"><script>window.__xss=11</script>')
    check_marks(page, api_report(desk, XSS_PASTE))
    # and refused input comes back in the form as text, not markup
    page.goto(desk + "/")
    refused = '{"note": "</textarea><script>window.__xss=12</script><textarea>"}'  # JSON lines without "text"
    page.fill("#text", refused)
    page.fill("#title", '"><img src=x onerror="window.__xss=13">')
    with page.expect_navigation() as navigation:
        page.click("button[type=submit]")
    assert navigation.value.status == 422
    expect(page.locator(".problem")).to_contain_text('has no "text" string field')
    assert page.input_value("#text") == refused
    assert page.input_value("#title") == '"><img src=x onerror="window.__xss=13">'
    assert_nothing_ran(page)
