"""The HTML report: the article as the editor wrote it, with every checked figure marked.

Article text, titles and sources are untrusted: scraped pages and pasted
drafts carry markup, and a report is opened in a newsroom browser that is
logged in to the CMS. So the pages are built from Jinja2 templates with
autoescaping on, article text only ever reaches the page as escaped text
(never as markup, never inside a script or a style), and each page carries a
Content-Security-Policy that lets nothing load and only the page's own
script run (pinned by its hash), so even a mistake in escaping could not
run anything. The page is one self-contained file: CSS and the few lines of
JavaScript are inline, so it can be mailed, archived or opened offline.

The JSON report does not carry the article text (its schema is a published
contract), so the renderer takes the `Article` beside the `Report` and finds
each claim by its sentence, then its quote inside that sentence.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union
from urllib.parse import urlsplit

from markupsafe import Markup

from factcheck.models import Article, Claim, Report
from factcheck.report import (
    MISSING,
    VERDICT_SYMBOLS,
    format_claimed,
    format_official,
    seat_name,
    summary_line,
)

VERDICTS = ("accurate", "inaccurate", "unverifiable")
VERDICT_LABELS = {"accurate": "Accurate", "inaccurate": "Inaccurate", "unverifiable": "Unverifiable"}
KIND_LABELS = {
    "majority": "majority",
    "votes": "votes",
    "vote_share": "vote share",
    "share_change": "change in share",
    "previous_majority": "previous majority",
    "previous_votes": "previous votes",
    "previous_share": "previous share",
    "turnout": "turnout",
    "electorate": "electorate",
}
INDEX_NAME = "index.html"
PAGES_DIR = "articles"
REPORTS_NAME = "reports.jsonl"  # the batch's own JSONL output, kept beside the pages it was built from


# ------------------------------------------------------------------ templates
@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    # autoescape=True for every template: they are all HTML, and a template
    # added later must not be able to opt out by its file name.
    return Environment(
        loader=PackageLoader("factcheck.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files("factcheck.report").joinpath("templates", name).read_text(encoding="utf-8")


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page_csp(script: Optional[str] = None, form_action: str = "'none'") -> str:
    """Nothing loads from anywhere; only the page's own inline script (by hash) runs."""
    scripts = _script_hash(script) if script else "'none'"
    return (f"default-src 'none'; style-src 'unsafe-inline'; script-src {scripts}; "
            f"base-uri 'none'; form-action {form_action}")


def report_csp() -> str:
    return page_csp(_asset("report.js"))


def render_page(template: str, *, script: Optional[str] = None, form_action: str = "'none'", **context) -> str:
    """Render one of the package's page templates with the shared CSS, script and policy.

    The server renders its own pages through this too, so every page the
    project shows has the same escaping and the same policy.
    """
    js = _asset(script) if script else None
    return _env().get_template(template).render(
        css=Markup(_asset("report.css")),
        script=Markup(js) if js else None,
        csp=page_csp(js, form_action),
        missing=MISSING,
        **context,
    )


# ------------------------------------------------------------------ locating claims
def _loose(fragment: str) -> Optional[re.Pattern]:
    """A pattern for the fragment that tolerates differences in whitespace only."""
    words = fragment.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def locate_claims(text: str, claims: list[Claim]) -> list[Optional[tuple[int, int]]]:
    """(start, end) of each claim's quote in the text, or None where it cannot be found.

    Each sentence is looked for from the previous claim's sentence on (so a
    sentence the article repeats gets the right copy), then from the top.
    Inside the sentence the quote's first occurrence that no other claim has
    taken is used, so two claims on the same words ("528" twice) mark two
    places. A quote may hold another claim's quote ("4,426 votes, less than
    …" around "4,426"): the marks then nest. Quotes that would cross one
    another cannot both be marked, and the later one is listed unmarked.
    """
    taken: list[tuple[int, int]] = []
    spans: list[Optional[tuple[int, int]]] = []
    cursor = 0
    for claim in claims:
        sentence_rx, quote_rx = _loose(claim.sentence), _loose(claim.quote)
        found = None
        if sentence_rx is not None and quote_rx is not None:
            for origin in dict.fromkeys((cursor, 0)):
                for s in sentence_rx.finditer(text, origin):
                    found = _free_quote(text, quote_rx, s.start(), s.end(), taken)
                    if found:
                        cursor = s.start()
                        break
                if found:
                    break
        if found:
            taken.append(found)
        spans.append(found)
    return spans


def _free_quote(text: str, quote_rx: re.Pattern, start: int, end: int,
                taken: list[tuple[int, int]]) -> Optional[tuple[int, int]]:
    """The first occurrence clear of every other mark, else the first that nests with them; an occurrence
    that is a figure on its own ("2" as a cell) before one inside a longer figure ("2" in "12,345")."""
    found = [q.span() for q in quote_rx.finditer(text, start, end)]
    whole = [span for span in found if not _inside_figure(text, *span)]
    for spans in (whole, found):
        nesting = None
        for a, b in spans:
            overlapping = [(x, y) for x, y in taken if a < y and x < b]
            if not overlapping:
                return a, b
            if nesting is None and all((x <= a and b <= y) or (a <= x and y <= b) for x, y in overlapping) \
                    and (a, b) not in overlapping:
                nesting = (a, b)
        if nesting:
            return nesting
    return None


def _inside_figure(text: str, a: int, b: int) -> bool:
    before, after = text[max(0, a - 2):a], text[b:b + 2]
    return bool((text[a:a + 1].isdigit() and re.search(r"(?:\d|\d[.,])$", before))
                or (text[b - 1:b].isdigit() and re.match(r"\d|[.,]\d", after)))


# ------------------------------------------------------------------ view models
@dataclass
class ClaimView:
    n: int
    claim: Claim
    placed: bool = False

    def __getattr__(self, name):  # the template reads claim fields through the view
        if name == "claim":  # not set yet (copying): no recursion
            raise AttributeError(name)
        return getattr(self.claim, name)

    @property
    def icon(self) -> str:
        return VERDICT_SYMBOLS.get(self.claim.verdict, "?")

    @property
    def label(self) -> str:
        return VERDICT_LABELS.get(self.claim.verdict, self.claim.verdict)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.claim.kind, self.claim.kind.replace("_", " "))

    @property
    def claimed(self) -> str:
        return format_claimed(self.claim.claimed, self.claim.kind)

    @property
    def official(self) -> str:
        return format_official(self.claim.official, self.claim.kind)

    @property
    def dataset(self) -> Optional[str]:
        return self.claim.official.dataset if self.claim.official else None

    @property
    def detail(self) -> Optional[str]:
        """The official detail, less the figure when it repeats the one shown before it."""
        if self.claim.official is None:
            return None
        return official_detail(self.official, self.claim.official.detail)

    @property
    def seat(self) -> str:
        return seat_name(self.claim)

    @property
    def ons_id(self) -> Optional[str]:
        return self.claim.constituency.ons_id if self.claim.constituency else None

    @property
    def correction_shown(self) -> str:
        if self.claim.correction:
            return self.claim.correction
        return "None needed." if self.claim.verdict == "accurate" else MISSING


@dataclass
class Piece:
    kind: str  # "text", "br" or "claim"
    text: str = ""
    view: Optional[ClaimView] = None
    children: list["Piece"] = field(default_factory=list)


@dataclass
class Paragraph:
    """A paragraph of the article as shown: running text, or a results table whose cells hold their marks."""

    kind: str  # "text" or "table"
    pieces: list[Piece] = field(default_factory=list)
    rows: list[list[list[Piece]]] = field(default_factory=list)  # table: rows of cells of pieces
    header: bool = False  # the table's first row is its header


_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _paragraphs(text: str, views: list[ClaimView], spans: list[Optional[tuple[int, int]]]) -> list[Paragraph]:
    """The article's paragraphs with every placed claim marked; a run of table rows ("Labour | 38.8% |")
    becomes a table, so a figure in a results table is marked in its cell as a figure in prose is in its
    sentence."""
    marks = sorted(((span[0], -span[1], view.n), span, view) for span, view in zip(spans, views) if span)
    paragraphs: list[Paragraph] = []
    for para in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        for kind, start, end in _segments(text, para.start(), para.end()):
            inside = [(span, view) for _, span, view in marks if start <= span[0] and span[1] <= end]
            table = _table(text, start, end, inside) if kind == "table" else None
            if table is not None:
                paragraphs.append(table)
            else:
                paragraphs.append(Paragraph("text", _nest(text, start, end, inside)))
    return paragraphs


def _table_line(line: str) -> bool:
    return line.count("|") >= 1 and len([c for c in line.split("|") if c.strip()]) >= 2 or bool(
        _SEPARATOR_ROW.match(line) and "|" in line)


def _segments(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """(kind, start, end) runs of a paragraph: "table" for two or more lines of pipe-separated cells."""
    lines = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\n]+", text[start:end])]
    runs: list[tuple[str, int, int]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _table_line(text[lines[j][0]:lines[j][1]]):
            j += 1
        if j - i >= 2:
            # a header row (the line above a "---|---" line) starts a table of its own
            cuts = [i] + [k - 1 for k in range(i + 2, j) if _SEPARATOR_ROW.match(text[lines[k][0]:lines[k][1]])]
            for a, b in zip(cuts, [*cuts[1:], j]):
                runs.append(("table", lines[a][0], lines[b - 1][1]))
            i = j
            continue
        k = max(j, i + 1)
        while k < len(lines) and not (_table_line(text[lines[k][0]:lines[k][1]])
                                      and k + 1 < len(lines) and _table_line(text[lines[k + 1][0]:lines[k + 1][1]])):
            k += 1
        runs.append(("text", lines[i][0], lines[k - 1][1]))
        i = k
    return runs


def _table(text: str, start: int, end: int, marks: list[tuple[tuple[int, int], ClaimView]]) -> Optional[Paragraph]:
    """The rows of a pipe table, each cell with its marks; None when a mark would straddle two cells."""
    rows: list[list[list[Piece]]] = []
    header = False
    used = 0
    for line in re.finditer(r"[^\n]+", text[start:end]):
        ls = start + line.start()
        if _SEPARATOR_ROW.match(line.group()):
            header = header or len(rows) == 1
            continue
        bars = [ls + m.start() for m in re.finditer(r"\|", line.group())]
        edges = [ls - 1, *bars, ls + len(line.group())]
        cells = []
        for a, b in zip(edges, edges[1:]):
            cs, ce = a + 1, b
            while cs < ce and text[cs].isspace():
                cs += 1
            while ce > cs and text[ce - 1].isspace():
                ce -= 1
            if cs == ce and (a == edges[0] or b == edges[-1]):
                continue  # the empty edge of a row written "| a | b |"
            inside = [(span, view) for span, view in marks if cs <= span[0] and span[1] <= ce]
            used += len(inside)
            cells.append(_nest(text, cs, ce, inside))
        rows.append(cells)
    if used != len(marks):
        return None
    return Paragraph("table", rows=rows, header=header)


def _nest(text: str, start: int, end: int, marks: list[tuple[tuple[int, int], ClaimView]]) -> list[Piece]:
    """Pieces for text[start:end]; `marks` are sorted outermost first and never cross."""
    pieces: list[Piece] = []
    pos, i = start, 0
    while i < len(marks):
        (s, e), view = marks[i]
        j = i + 1
        while j < len(marks) and marks[j][0][1] <= e:
            j += 1
        _text(pieces, text[pos:s])
        pieces.append(Piece("claim", view=view, children=_nest(text, s, e, marks[i + 1:j])))
        view.placed = True
        pos, i = e, j
    _text(pieces, text[pos:end])
    return pieces


def _text(pieces: list[Piece], chunk: str) -> None:
    for i, line in enumerate(chunk.split("\n")):
        if i:
            pieces.append(Piece("br"))
        if line:
            pieces.append(Piece("text", line))


def official_detail(figure: str, detail: Optional[str]) -> Optional[str]:
    """The tables' detail usually starts with the figure itself ("979 (Shockat Adam, …)")."""
    if not detail:
        return None
    if detail.startswith(figure):
        rest = detail[len(figure):].strip()
        if rest.startswith("(") and rest.endswith(")"):
            rest = rest[1:-1].strip()
        return rest or None
    return detail


def _verdict_counts(counts: dict[str, int]) -> list[dict]:
    return [{"key": v, "icon": VERDICT_SYMBOLS[v], "count": counts.get(v, 0)} for v in VERDICTS]


def _web_url(url: Optional[str]) -> Optional[str]:
    """Only http(s) addresses become links: a `javascript:` URL from a page's metadata stays text."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _sentences_text(claims: list[Claim]) -> str:
    return "\n\n".join(dict.fromkeys(" ".join(c.sentence.split()) for c in claims if c.sentence.strip()))


# ------------------------------------------------------------------ one report
def render_html(report: Report, article: Optional[Article] = None, *, back: Optional[dict] = None,
                warnings: Iterable[str] = ()) -> str:
    """The report page; without the article the checked sentences stand in for its text.

    `back` ({"href", "label"}) adds a link above the title: the batch site
    points it at the index, the web page at a new check.
    """
    has_text = article is not None and bool(article.text.strip())
    text = article.text if has_text else _sentences_text(report.claims)
    views = [ClaimView(n, claim) for n, claim in enumerate(report.claims, start=1)]
    paragraphs = _paragraphs(text, views, locate_claims(text, report.claims))
    s = report.summary
    return render_page(
        "report.html.j2",
        script="report.js",
        report=report,
        heading=report.title or report.source,
        url=_web_url(article.url if article is not None else None),
        summary_line=summary_line(report),
        verdicts=_verdict_counts(s.model_dump()),
        total=s.claims,
        warnings=list(warnings),
        has_text=has_text,
        paragraphs=paragraphs,
        claims=views,
        unplaced=sum(not v.placed for v in views),
        back=back,
        elections=sorted({c.election for c in report.claims if c.election}, reverse=True),
        datasets=list(dict.fromkeys(c.official.dataset for c in report.claims if c.official and c.official.dataset)),
    )


# ------------------------------------------------------------------ a site of reports
@dataclass
class _Row:
    n: int
    source: str
    heading: str = ""
    href: str = ""
    date: Optional[str] = None
    claims: int = 0
    accurate: int = 0
    inaccurate: int = 0
    unverifiable: int = 0
    error: Optional[str] = None


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_PAGE_NAME = re.compile(r"\d{4,}-[A-Za-z0-9._-]+\.html")


def _page_name(n: int, source: str) -> str:
    stem = source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    stem = _UNSAFE_NAME.sub("-", stem).strip(".-")[:60] or "article"
    return f"{n:04d}-{stem}.html"


def render_index(rows: list[_Row], heading: str = "Fact-check reports") -> str:
    """The site's front page: one row per article, with its verdict counts, sortable."""
    checked = [r for r in rows if r.error is None]
    counts = {v: sum(getattr(r, v) for r in checked) for v in VERDICTS}
    total = sum(r.claims for r in checked)
    line = (f"{len(checked)} {'article' if len(checked) == 1 else 'articles'}, "
            f"{total} {'claim' if total == 1 else 'claims'} checked: "
            f"{counts['accurate']} accurate, {counts['inaccurate']} inaccurate, {counts['unverifiable']} unverifiable")
    failed = len(rows) - len(checked)
    if failed:
        line += f"; {failed} {'article' if failed == 1 else 'articles'} could not be checked"
    return render_page("index.html.j2", script="index.js", heading=heading, rows=rows, summary_line=line,
                       verdicts=_verdict_counts(counts), total=total)


@dataclass
class HtmlSite:
    """A directory of report pages and their index, written as the reports arrive.

    A batch run can cover an archive of thousands of articles, so each page
    is written as soon as its report exists and only one row per article is
    kept for the index, which `finish` writes last.
    """

    out_dir: Path
    heading: str = "Fact-check reports"
    rows: list[_Row] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.out_dir = Path(self.out_dir)
        (self.out_dir / PAGES_DIR).mkdir(parents=True, exist_ok=True)

    def add(self, report: Report, article: Optional[Article] = None) -> Path:
        n = len(self.rows) + 1
        name = _page_name(n, report.source)
        page = self.out_dir / PAGES_DIR / name
        back = {"href": f"../{INDEX_NAME}", "label": "← All articles"}
        page.write_text(render_html(report, article, back=back), encoding="utf-8")
        s = report.summary
        self.rows.append(_Row(n=n, source=report.source, heading=report.title or report.source,
                              href=f"{PAGES_DIR}/{name}", date=report.date, claims=s.claims,
                              accurate=s.accurate, inaccurate=s.inaccurate, unverifiable=s.unverifiable))
        return page

    def add_error(self, source: str, error: str) -> None:
        self.rows.append(_Row(n=len(self.rows) + 1, source=source, heading=source, error=error))

    def finish(self) -> Path:
        index = self.out_dir / INDEX_NAME
        index.write_text(render_index(self.rows, self.heading), encoding="utf-8")
        # pages a previous run left that this index no longer links would be found by nobody, or by a
        # search, out of date
        linked = {Path(r.href).name for r in self.rows if r.href}
        for page in (self.out_dir / PAGES_DIR).glob("*.html"):
            if _PAGE_NAME.fullmatch(page.name) and page.name not in linked:
                page.unlink()
        return index


SiteItem = Union[Report, tuple[Report, Optional[Article]], dict]


def write_html_site(items: Iterable[SiteItem], out_dir: str | Path) -> Path:
    """Write one page per report and the index; returns the index's path.

    Each item is a `Report`, a `(Report, Article)` pair (the article text
    makes the highlights), or a batch error record `{"source": …, "error": …}`,
    which the index lists as not checked.
    """
    site = HtmlSite(Path(out_dir))
    for item in items:
        if isinstance(item, dict):
            site.add_error(str(item.get("source", "?")), str(item.get("error", "")))
        elif isinstance(item, Report):
            site.add(item)
        else:
            site.add(*item)
    return site.finish()


# ------------------------------------------------------------------ from batch output
def site_from_jsonl(jsonl: str | Path, out_dir: str | Path) -> Path:
    """Build the site from `factcheck batch` JSONL output; returns the index's path.

    The batch writes reports in the order articles finish, so the pages are
    numbered by source for a stable site. The reports do not hold the
    articles' text, so each article is read again from its file (cheap: no
    NLP) and matched by source; an article that cannot be found again, or
    came from standard input, gets a page built on its checked sentences.
    """
    entries: list[tuple[str, str]] = []
    with open(jsonl, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a torn last line of an interrupted run
            if isinstance(record, dict) and isinstance(record.get("source"), str):
                entries.append((record["source"], line))
    entries.sort(key=lambda e: e[0])
    articles = _ArticleFinder()

    def items() -> Iterator[SiteItem]:
        for source, line in entries:
            record = json.loads(line)
            if "error" in record and "claims" not in record:
                yield {"source": source, "error": str(record["error"])}
            else:
                yield Report.model_validate(record), articles.find(source)

    return write_html_site(items(), out_dir)


class _ArticleFinder:
    """Articles by source, reading each file once; only the last file is kept (sources come sorted)."""

    def __init__(self) -> None:
        self.path: Optional[str] = None
        self.by_source: dict[str, Article] = {}

    def find(self, source: str) -> Optional[Article]:
        path = source if source == "-" or Path(source).is_file() else source.rpartition("#")[0]
        if not path or path == "-":
            return None
        if path != self.path:
            from factcheck.read.ingest import InputError, read_path

            self.path = path
            try:
                self.by_source = {a.source: a for a in read_path(path)}
            except (InputError, OSError):
                self.by_source = {}
        return self.by_source.get(source)
