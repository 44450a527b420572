"""Results blocks: the lists, tables and tallies printed under a declaration.

A third of the figures in results coverage are not in sentences at all:
"Jane Smith (Lab) 12,345", "Labour | 38.8% | +7.5% |", "- votes 488",
"Majority: 2,345", "SF 210,891 (27.0%, +4.2%) 7 seats". The sentence reader
sees such a line as a fragment with no verb and no clause to read a figure's
meaning from. Here a line is read by its shape instead: the figures in it
(with their sign, unit and brackets), the label words beside them (a small
table, `block_words.csv`), the separators between cells and what is left,
the row's subject (a name, a party, or both). Runs of such lines are a
`Block`, with the text that heads it.

Nothing here knows the reference tables: which name is a candidate, which
seat a block is about and what an untyped column holds is settled by
`factcheck/link/rows.py` against the data. So a column is only a guess here
("count", "number"), or a meaning a header or label states.
"""
from __future__ import annotations

import bisect
import csv
import io
import re
from functools import lru_cache
from importlib import resources
from typing import Literal, Optional

from pydantic import BaseModel, Field

from ..memo import remembered
from ..models import Quantity
from ..reference.parties import ALIAS_INDEX, fold
from .figures import interval, precision_step

Column = Literal[
    "votes", "share", "change", "seats", "seats_change", "seats_gained", "seats_lost", "previous", "majority",
    "turnout", "electorate", "rejected", "total_votes", "rank", "pr_seats",
    "count",  # an unsigned whole number: votes or seats, as the block's level decides
    "number",  # an unsigned decimal with no % sign: a share or a change, as the values decide
    "unknown",  # under a header the vocabulary does not know ("Seats PR")
]
FIGURE_MEANINGS = {"votes", "share", "change", "seats", "seats_change", "seats_gained", "seats_lost", "majority",
                   "turnout", "electorate", "rejected", "total_votes", "pr_seats"}
SUMMARY = {"majority", "turnout", "electorate", "rejected", "total_votes"}


# ------------------------------------------------------------------ models
class Cell(BaseModel):
    """One figure of a row, as printed; offsets are into the row's text."""

    text: str
    start: int
    end: int
    quantity: Quantity
    column: Column
    label: Optional[str] = None  # the header or label word that typed it, as printed
    index: int = 0  # column number in a table; order among the row's figures in a list
    bracketed: bool = False  # printed in brackets after another figure: "(5)", "(27.0%, +4.2%)"
    alternatives: list[Quantity] = Field(default_factory=list)  # other readings of an ambiguous print ("1.900")


class Row(BaseModel):
    """One line of a block (or a name line and the label lines under it); offsets are into the article."""

    text: str
    start: int
    end: int
    subject: list[str] = Field(default_factory=list)  # the non-figure pieces as printed: ["Jane Smith", "Lab"]
    name: Optional[str] = None  # best guess at the person's name, if the row names one
    party: Optional[str] = None  # best guess at the party label, as printed
    kind: Literal["entry", "summary", "others", "total"] = "entry"
    cells: list[Cell] = Field(default_factory=list)
    splits: list[list[Cell]] = Field(default_factory=list)  # figures glued together: each way to cut them
    markers: list[str] = Field(default_factory=list)  # GAIN, HOLD, elected
    seat_names: list[str] = Field(default_factory=list)  # pieces of the subject the linker found to be a seat


class Block(BaseModel):
    """A run of result rows: its span in the article, the text that heads it, its column headers."""

    start: int
    end: int
    first_line: int  # indices into the article's non-blank lines, as `article_lines` numbers them
    last_line: int
    heading: list[str] = Field(default_factory=list)  # the lines before it, nearest last
    header: list[str] = Field(default_factory=list)  # column headers as printed, when the block has them
    shape: Literal["table", "list", "cards"] = "list"
    rows: list[Row]

    @property
    def lines(self) -> range:
        return range(self.first_line, self.last_line + 1)


# ------------------------------------------------------------------ vocabulary
@lru_cache(maxsize=1)
def vocabulary() -> dict[str, str]:
    """phrase -> meaning, from block_words.csv: the label and marker words results rows print."""
    text = resources.files("factcheck.read").joinpath("block_words.csv").read_text(encoding="utf-8")
    return {r["phrase"].strip().lower(): r["meaning"].strip() for r in csv.DictReader(io.StringIO(text))}


LABEL_MEANINGS = FIGURE_MEANINGS | {"marker", "new", "no_change"}


@lru_cache(maxsize=1)
def _label_rx() -> re.Pattern:
    phrases = sorted((p for p, m in vocabulary().items() if m in LABEL_MEANINGS and re.search(r"[a-z]", p)),
                     key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"(?<![\w'’-])(?:{body})(?![\w'’-])", re.I)


@lru_cache(maxsize=1)
def _header_keys() -> dict[str, str]:
    """Header phrases with their filler words dropped, so "Change in vote share (vs. 2019)" finds "change"."""
    vocab = vocabulary()
    filler = {p for p, m in vocab.items() if m == "filler"}
    out = {}
    for phrase, meaning in vocab.items():
        if meaning == "filler" or meaning.startswith(("era:", "party:")):
            continue
        key = " ".join(w for w in fold(phrase).split() if w not in filler)
        if key:
            out.setdefault(key, meaning)
    return out


def party_abbreviation(label: str) -> Optional[str]:
    """A party code from the abbreviations results services print ("GRN", "LDM", "RFM"), if the label is one."""
    meaning = vocabulary().get(label.strip().lower(), "")
    return meaning.split(":", 1)[1] if meaning.startswith("party:") else None


@lru_cache(maxsize=1)
def _era_rx() -> re.Pattern:
    phrases = sorted((p for p, m in vocabulary().items() if m.startswith("era:")), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?P<cue>" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
                      + r")(?![\w-])", re.I)


_BASELINE_BEFORE = re.compile(r"(?:since|vs\.?|versus|from|compared\s+(?:with|to)|on)\s*$", re.I)


def heading_era(heading: list[str]) -> Optional[str]:
    """Which election a block's heading says it shows: "current", "previous" (2019), "other" (2017, a
    by-election) or "forecast" (a poll, a projection); None when it does not say. Only the line right above
    the block counts, and only when it is short enough to be its heading (a paragraph before a list speaks
    of many things); a year given as a baseline ("Change since 2019") says nothing."""
    for line in heading[-1:]:
        if len(line.split()) > 15:
            return None
        cues = [m for m in _era_rx().finditer(line) if not _BASELINE_BEFORE.search(line[:m.start()])]
        if not cues:
            continue
        eras = {vocabulary()[" ".join(m.group("cue").lower().split())].split(":", 1)[1] for m in cues}
        for era in ("forecast", "current", "previous", "other"):
            if era in eras:
                return era
    return None


def header_meaning(cell: str) -> Optional[str]:
    """What a column header says its column holds, or None when the vocabulary does not know it."""
    raw = " ".join(cell.split()).lower()
    vocab = vocabulary()
    if f"header:{raw}" in vocab:
        return vocab[f"header:{raw}"]  # a whole header that means something else as a label ("Seat")
    if raw in vocab and vocab[raw] != "filler" and not vocab[raw].startswith(("era:", "party:")):
        return vocab[raw]
    filler = {p for p, m in vocab.items() if m == "filler"}
    key = " ".join(w for w in fold(cell).split() if w not in filler and not w.isdigit())
    return _header_keys().get(key)


# ------------------------------------------------------------------ figures as rows print them
# A thousands separator may be a comma with a stray space ("4, 352"); a full stop ("1.900") is read both ways.
_FIG = re.compile(
    r"(?P<sign>[+±]|[-−–](?=\d))?"
    r"(?P<num>\d{1,3}(?:,\s?\d{3})+(?:\.\d+)?(?!\d|,\d)|\d{1,3}(?:\.\d{3})+(?![\d.])|\d+(?:\.\d+)?)"
    r"(?P<pct>\s?%|\s?per\s?cent\b|\s?pc\b)?"
)
_RUN = re.compile(r"\d[\d,.]*\d%?")  # digits with no space in between: possibly two figures glued together
_WELL_FORMED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_MONTHS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s*$", re.I)
_MONTH_AFTER = re.compile(r"\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b", re.I)
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪►●○◦]|\d{1,2}[.)](?=\s))\s*")
_SEPARATOR_LINE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SPLIT_CORE = re.compile(r"[()\[\]|:;,]|\s[-–—]\s?|[-–—]\s")


def _split_subject(text: str) -> list[str]:
    r"""The text cut at brackets, pipes, colons, semicolons, commas and spaced dashes, with the white space around
    each cut: what `re.split(r"\s*(?:[()\[\]|:;,]|\s[-–—]\s?|[-–—]\s)\s*", text)` gives, in time linear in
    the text. That pattern tries its leading white space from every position of a run of spaces, so a line whose
    figures were masked out (a line of bare numbers is one long run of spaces) cost the square of its length."""
    pieces, start, pos = [], 0, 0
    while True:
        m = _SPLIT_CORE.search(text, pos)
        if m is None:
            pieces.append(text[start:])
            return pieces
        a, b = m.start(), m.end()
        while a > start and text[a - 1].isspace():
            a -= 1
        while b < len(text) and text[b].isspace():
            b += 1
        pieces.append(text[start:a])
        start = pos = b


_WORD = re.compile(r"[^\W\d_][\w'’.\-/]*")
# lower-case words a name or a party name may hold ("Earl Elvis of East Anglia", "Workers Party of Britain")
_GLUE = {"of", "and", "the", "de", "van", "von", "der", "den", "la", "le", "du", "da", "di", "bin", "al", "y", "for",
         "upon", "on", "in", "&", "mc", "st", "e"}


def _is_year(num: str, sign: str, pct: str) -> bool:
    return not sign and not pct and len(num) == 4 and num.isdigit() and 1900 <= int(num) <= 2099


def _quantity(row: str, start: int, end: int, value: float, written: str, unit: str, signed: bool) -> Quantity:
    low, high = interval(value, unit, "exact", precision_step(written, unit))
    return Quantity(value=value, unit=unit, qualifier="exact", low=low, high=high, text=row[start:end], start=start,
                    end=end, signed=signed)


class _Fig:
    """A figure found in a line, before its column is known."""

    def __init__(self, start, end, num, sign, pct, bracketed):
        self.start, self.end, self.num, self.sign, self.pct, self.bracketed = start, end, num, sign, pct, bracketed
        self.label: Optional[str] = None
        self.meaning: Optional[str] = None
        self.glued: list[tuple[str, str]] = []  # (left, right) cuts when two figures are printed as one

    @property
    def decimal(self) -> bool:
        return "." in self.num and not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", self.num)


_LABEL_BEFORE = re.compile(r"(?:change|swing|\+/-|±)\s*:?$", re.I)


def _sign_of(line: str, m: re.Match) -> str:
    """A hyphen before a number is a minus in a change column, a dash in "Loony Party -211"."""
    sign = m.group("sign") or ""
    if sign in ("-", "–"):
        before = line[:m.start()].rstrip()
        if before and (before[-1].isalpha() or before[-1] in ")]") and not _LABEL_BEFORE.search(before):
            return ""
    return sign


def _figures(line: str) -> list[_Fig]:
    """The figures of a line, found once an article (`memo.one_article`): a line is counted before it is read,
    and read again when its sentences are tried as a block. Each caller gets its own figures to annotate."""
    found = remembered("blocks.figures", line, lambda: tuple(_frozen(f) for f in _find_figures(line)))
    return [_thawed(f) for f in found]


def _frozen(f: _Fig) -> tuple:
    return f.start, f.end, f.num, f.sign, f.pct, f.bracketed, tuple(f.glued)


def _thawed(frozen: tuple) -> _Fig:
    f = _Fig(*frozen[:6])
    f.glued = list(frozen[6])
    return f


_DIGIT = re.compile(r"\d")


def _find_figures(line: str) -> list[_Fig]:
    if not _DIGIT.search(line):
        return []  # most lines of prose: both patterns below need a digit, and trying them at every character costs
    figs: list[_Fig] = []
    depth_at = _bracket_depths(line)
    for run in _RUN.finditer(line):
        # "12,34525.10%": a vote count glued to a share; every cut that leaves two well-formed figures and a
        # share under 100% is kept, for the seat's figures to choose between
        text = run.group()
        if not text.endswith("%") or (_WELL_FORMED.fullmatch(text[:-1]) and float(text[:-1].replace(",", "")) < 100):
            continue
        cuts = [(text[:i], text[i:]) for i in range(1, len(text) - 1)
                if _WELL_FORMED.fullmatch(text[:i]) and _WELL_FORMED.fullmatch(text[i:-1])
                and float(text[i:-1]) < 100 and not re.match(r"0\d", text[i:])]
        if cuts:
            f = _Fig(run.start(), run.end(), cuts[0][0], "", "", depth_at[run.start()] > 0)
            f.glued = cuts
            figs.append(f)
    taken = [(f.start, f.end) for f in figs]
    for m in _FIG.finditer(line):
        start, end = m.span()
        if any(a <= start < b for a, b in taken):
            continue
        prev = line[start - 1] if start else ""
        prev2 = line[start - 2] if start > 1 else ""
        if prev and (prev.isdigit() or prev in "_£$€/#@" or (prev in ".,:" and prev2.isdigit()
                                                             and not m.group("sign"))):
            continue  # the middle of something else
        if re.match(r"0\d", m.group("num")):
            continue  # "04", "08:17": dates, times and codes, not amounts
        if not m.group("pct") and re.match(r"[a-z]", line[end:end + 1]):
            continue  # "22nd", "5th", "3pm": not amounts
        if line[end:end + 1] == "/" or re.match(r"[.:]\d", line[end:end + 2]):
            continue  # dates, times, versions
        if re.match(r",\d", line[end:end + 2]) and not m.group("pct"):
            continue  # "1,4": a figure cut short or misprinted, no claim
        if not m.group("pct") and re.match(r"\s?(?:am|pm|bn|m|k)\b", line[end:end + 3], re.I):
            continue
        num, pct = m.group("num"), m.group("pct") or ""
        if len(num.replace(",", "").split(".")[0]) > 10:
            continue  # too long to be an election figure (read/figures.py says the same)
        sign = _sign_of(line, m)
        if not sign and m.group("sign"):
            start += 1
        if _is_year(num, sign, pct):
            continue
        if not pct and not sign and "," not in num and "." not in num and int(num) <= 31 and (
                _MONTHS.search(line[max(0, start - 12):start]) or _MONTH_AFTER.match(line, end)):
            continue
        figs.append(_Fig(start, end, num, sign, pct, depth_at[start] > 0))
    figs.sort(key=lambda f: f.start)
    return figs


def _bracket_depths(line: str) -> list[int]:
    if "(" not in line and "[" not in line:
        return [0] * (len(line) + 1)  # most lines: no walk over their characters
    depth, out = 0, []
    for ch in line:
        if ch in "([":
            depth += 1
        out.append(depth)
        if ch in ")]" and depth:
            depth -= 1
    out.append(depth)
    return out


# ------------------------------------------------------------------ one line
class _Line:
    """A line read by shape."""

    def __init__(self, text: str, start: int, index: int):
        self.text, self.start, self.index = text, start, index
        self.cells: list[str] = []  # table cells, when the line is split by pipes or tabs
        self.kind = "prose"  # row, value, header, separator, title, prose
        self.row: Optional[Row] = None
        self.rows: list[Row] = []
        self.header: list[str] = []


def _split_cells(text: str) -> Optional[list[tuple[str, int]]]:
    """Cells of a pipe, tab or space-aligned line with their offsets, or None for a list line."""
    if "|" in text:
        sep = re.compile(r"\s*\|\s*")
    elif "\t" in text:
        sep = re.compile(r"\s*\t\s*")
    elif re.search(r"\S {3,}\S", text):
        sep = re.compile(r"\s{3,}")
    else:
        return None
    cells, pos = [], 0
    for m in sep.finditer(text):
        cells.append((text[pos:m.start()], pos))
        pos = m.end()
    cells.append((text[pos:], pos))
    if cells and not cells[0][0].strip():
        cells = cells[1:]
    if cells and not cells[-1][0].strip():
        cells = cells[:-1]
    return cells


def _read_segment(line: str, lo: int, hi: int) -> tuple[list[_Fig], list[tuple[int, int, str]], list[str], bool]:
    """Figures, labels (start, end, meaning), subject pieces and whether prose was found, in line[lo:hi]."""
    seg = line[lo:hi]
    bullet = _BULLET.match(seg).end() if lo == 0 and _BULLET.match(seg) else 0
    figs = [f for f in _figures(seg) if f.start >= bullet]
    for f in figs:
        f.start += lo
        f.end += lo
    labels = []
    starts = [f.start for f in figs]  # in order, none overlapping: only the last figure starting before a label's
    for m in _label_rx().finditer(seg):  # end can overlap it, found by bisection (a long line costs no square)
        a, b = m.start() + lo, m.end() + lo
        i = bisect.bisect_left(starts, b) - 1
        if i >= 0 and a < figs[i].end:
            continue
        if m.group().lower() in _VERBS and not _verb_is_label(line, a, b, m.group(), figs):
            continue  # "The Conservatives lost 251 seats.": a sentence, not a label
        labels.append((a, b, vocabulary()[" ".join(m.group().lower().split())]))
    _attach(line, figs, labels)
    # what is left: the subject
    mask = list(line[lo:hi])
    for f in figs:
        for i in range(f.start - lo, f.end - lo):
            mask[i] = " "
    for a, b, _ in labels:
        for i in range(a - lo, b - lo):
            mask[i] = " "
    rest = "".join(mask)
    rest = _BULLET.sub("", rest) if lo == 0 else rest
    pieces = [p.strip(" .-–—'\"*") for p in _split_subject(rest)]
    pieces = [q for p in pieces if p and re.search(r"[^\W\d_]", p) for q in _unglued(p)]
    first = fold(pieces[0]).split()[:1] if pieces else []
    # "The Conservatives lost 251 seats.": a sentence; "The Yorkshire Party 1,234": a party
    prose = bool(first) and first[0] in _SENTENCE_START and fold(pieces[0]) not in ALIAS_INDEX \
        and not pieces[0].endswith("Party")
    for p in pieces:
        for w in _WORD.findall(p):
            w = w.rstrip(".")
            if not w or w[0].isupper() or w.lower() in _GLUE or fold(w) in ALIAS_INDEX \
                    or vocabulary().get(w.lower(), "filler").split(":")[0] not in ("filler", "era"):
                continue
            prose = True
    return figs, labels, pieces, prose


_GLUED = re.compile(r"(?<=[a-zà-ÿ])(?=[A-Z])")


def _is_label(piece: str) -> bool:
    f = fold(piece)
    return bool(f) and (f in ALIAS_INDEX or party_abbreviation(piece) is not None
                        or vocabulary().get(piece.strip().lower()) in ("others", "no_party"))


def _unglued(piece: str) -> list[str]:
    """"ConservativeCon", "Sinn FéinSF", "GreenGreen": a web table's cell prints a party's name and its short
    form in two spans that lose the space between them when the page is read as text. The long form is kept;
    a name glued to a party label ("Jane SmithLab") comes apart into the two."""
    if _is_label(piece):
        return [piece]
    for m in _GLUED.finditer(piece):
        left, right = piece[:m.start()].strip(), piece[m.start():].strip()
        if not left or not right:
            continue
        if left == right or (_is_label(left) and _is_label(right)):
            return [left]
        if _is_label(right) and len(left.split()) >= 2:
            return [left, right]
    return [piece]


_VERBS = {"lost", "gained", "gain", "hold", "win", "elected", "re-elected", "gains", "losses"}
_SENTENCE_START = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "we",
                   "they", "he", "she", "it", "in", "on", "at", "with", "by", "for", "from", "after", "before",
                   "but", "and", "so", "there", "here", "when", "while", "if", "as"}


def _verb_is_label(line: str, a: int, b: int, word: str, figs: list[_Fig]) -> bool:
    """A word that is a verb in prose ("lost", "gain", "elected") is a label in a row only where rows put it:
    in capitals ("GAIN"), in brackets ("(elected)"), after a colon ("Result: gain"), or after a figure or
    "seats" ("251 seats lost")."""
    if word.isupper() and len(word) > 1:
        return True
    before = line[:a].rstrip()
    after = line[b:].lstrip()
    if before.endswith(("(", ":", "-", "–")) or after.startswith(")") or not before:
        return True
    return bool(re.search(r"(?:\d%?|\bseats?)$", before, re.I))


def _attach(line: str, figs: list[_Fig], labels: list[tuple[int, int, str]]) -> None:
    """Give each label word its figure: "Majority: 2,345", "412 seats", "votes 488".

    Only the figures next to a label can be its own, found by bisection, so a long line (a text whose line
    breaks were lost) costs in proportion to its figures, not their square."""
    starts = [f.start for f in figs]
    ends = [f.end for f in figs]

    def after(b: int) -> Optional[_Fig]:
        i = bisect.bisect_left(starts, b)
        return figs[i] if i < len(figs) else None

    def before(a: int) -> Optional[_Fig]:
        i = bisect.bisect_right(ends, a)
        return figs[i - 1] if i > 0 else None

    for a, b, meaning in labels:
        if meaning not in FIGURE_MEANINGS:
            continue
        f = after(b)
        if f and f.meaning is None and re.fullmatch(r"\s*[:=]\s*", line[b:f.start]):
            f.meaning, f.label = meaning, line[a:b]
    for a, b, meaning in labels:
        if meaning not in FIGURE_MEANINGS:
            continue
        f = after(b)
        if f and f.label == line[a:b] and f.meaning == meaning and re.fullmatch(r"\s*[:=]\s*", line[b:f.start]):
            continue
        prior = before(a)
        if prior and prior.meaning is None and re.fullmatch(r"[\s)]*", line[prior.end:a]):
            prior.meaning, prior.label = meaning, line[a:b]
        elif f and f.meaning is None and re.fullmatch(r"[\s:=\-–—]*", line[b:f.start]):
            f.meaning, f.label = meaning, line[a:b]


def _guess(f: _Fig, prev: Optional[_Fig]) -> Column:
    """A figure's column from its label, else from how it is printed."""
    if f.meaning:
        return f.meaning  # type: ignore[return-value]
    if f.bracketed and prev is not None and prev.meaning == "seats" and not f.pct:
        return "seats_change" if f.sign else "previous"  # "5 seats (-3)", "7 seats (5)"
    if f.bracketed and prev is not None and not f.sign and bool(f.pct) == bool(prev.pct) and not prev.bracketed:
        return "previous"  # "Labour 7 (5)", "31% (27%)"
    if f.sign:
        return "change"
    if f.pct:
        return "share"
    if f.decimal:
        return "number"
    return "count"


def _cells(row_text: str, figs: list[_Fig], headers: Optional[list[Optional[str]]] = None,
           header_text: Optional[list[str]] = None, columns: Optional[list[int]] = None) -> tuple[list[Cell], list[list[Cell]]]:
    cells: list[Cell] = []
    splits: list[list[Cell]] = []
    prev = None
    for n, f in enumerate(figs):
        col = columns[n] if columns else n
        column: Column = _guess(f, prev)
        label = f.label
        if headers is not None and col < len(headers) and not f.meaning:
            h = headers[col]
            if h in FIGURE_MEANINGS or h == "rank":
                column, label = h, header_text[col]  # type: ignore[assignment]
            elif h is None and header_text and col < len(header_text) and header_text[col].strip():
                column, label = "unknown", header_text[col]
        if f.glued:
            splits = [[_cell(row_text, f.start, f.start + len(a), a, "", "", column, label, col, f.bracketed),
                       _cell(row_text, f.start + len(a), f.end, b.rstrip("%"), "", "%" if b.endswith("%") else "",
                             "share", label, col + 1, f.bracketed)] for a, b in f.glued]
            cells.extend(splits[0])
        else:
            cells.append(_cell(row_text, f.start, f.end, f.num, f.sign, f.pct, column, label, col, f.bracketed))
        prev = f
    return cells, splits


def _cell(row: str, start: int, end: int, num: str, sign: str, pct: str, column: Column, label: Optional[str],
          index: int, bracketed: bool) -> Cell:
    digits = re.sub(r"[,\s]", "", num)
    alternatives = []
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", num) and not pct:
        # "1.900": a full stop as the thousands separator, or a decimal
        alternatives.append(_quantity(row, start, end, float(digits.replace(".", "")), digits.replace(".", ""),
                                      "count", bool(sign)))
    value = float(digits) * (-1 if sign in ("-", "−", "–") else 1)
    unit = "points" if column == "change" else "percent" if pct or column == "share" else "count"
    q = _quantity(row, start, end, value, digits, unit, bool(sign))
    return Cell(text=row[start:end], start=start, end=end, quantity=q, column=column, label=label, index=index,
                bracketed=bracketed, alternatives=alternatives)


def _subject_guess(pieces: list[str]) -> tuple[Optional[str], Optional[str]]:
    """(name, party) as printed: the piece that is a party label, and the one that is not."""
    party = name = None
    vocab = vocabulary()
    for p in pieces:
        f = fold(p)
        if party is None and (f in ALIAS_INDEX or vocab.get(p.lower()) == "no_party" or f.endswith(" party")
                              or party_abbreviation(p)):
            party = p
        elif name is None:
            name = p
    if name and party is None:
        # "Zoe Franklin Lib Dem": a party label at the end of the piece
        words = name.split()
        for k in range(1, min(4, len(words) - 1) + 1):
            if fold(" ".join(words[-k:])) in ALIAS_INDEX and len(words) - k >= 2:
                party, name = " ".join(words[-k:]), " ".join(words[:-k])
                break
    if name and fold(name) in ALIAS_INDEX:
        party, name = name, None
    return name, party


def _read_line(text: str, start: int, index: int, headers: Optional[list[Optional[str]]] = None,
               header_text: Optional[list[str]] = None, spaced: Optional[list[tuple[str, str]]] = None) -> _Line:
    ln = _Line(text, start, index)
    if _SEPARATOR_LINE.match(text):
        ln.kind = "separator"
        return ln
    cells = _split_cells(text)
    figs: list[_Fig] = []
    labels: list[tuple[int, int, str]] = []
    pieces: list[str] = []
    prose = False
    columns: list[int] = []
    if cells is not None:
        ln.cells = [c for c, _ in cells]
        for col, (c, off) in enumerate(cells):
            f, lab, p, pr = _read_segment(text, off, off + len(c))
            figs += f
            columns += [col] * len(f)
            labels += lab
            if not (headers and col < len(headers) and headers[col] in FIGURE_MEANINGS):
                pieces += p  # "N/A" under a share header is no figure, not a party
            prose = prose or pr
        known = sum(1 for c, _ in cells if header_meaning(c))
        if not figs and len(cells) >= 2 and (not prose or known * 2 >= len(cells)):
            ln.kind = "header"
            ln.header = [c.strip() for c, _ in cells]
            return ln
    else:
        figs, labels, pieces, prose = _read_segment(text, 0, len(text))
    if prose or len(" ".join(pieces).split()) > 10:
        return ln
    markers = [text[a:b] for a, b, m in labels if m == "marker"]
    if not figs:
        ln.kind = "title" if pieces or labels else "prose"
        ln.row = Row(text=text, start=start, end=start + len(text), subject=pieces, markers=markers)
        if labels and any(m in SUMMARY for _, _, m in labels):
            ln.row.kind = "summary"
        return ln
    if cells is None and spaced is not None and len(figs) == len(spaced):
        # under a spaced header ("Party Seats Gains ..."): the n-th figure is in the n-th figure column
        ln.row = _row(text, start, pieces, figs, [m for _, m in spaced], [p for p, _ in spaced], None, markers)
        ln.rows = [ln.row]
        ln.kind = "row" if pieces else "value"
        return ln
    entries = _entries(text, figs) if cells is None else None
    if entries:
        # "Lab 412, Con 121, LD 72": one line, one row per party
        ln.rows = [_row(text, start, p, f, None, None, None, markers) for p, f in entries]
        ln.row = ln.rows[0]
        ln.kind = "row"
        return ln
    ln.row = _row(text, start, pieces, figs, headers if cells is not None else None, header_text,
                  columns if cells is not None else None, markers)
    ln.rows = [ln.row]
    ln.kind = "row" if pieces else "value"
    return ln


def _row(text: str, start: int, pieces: list[str], figs: list[_Fig], headers, header_text, columns,
         markers: list[str]) -> Row:
    row_cells, splits = _cells(text, figs, headers, header_text, columns)
    name, party = _subject_guess(pieces)
    kind = "entry"
    vocab = vocabulary()
    low = [p.lower() for p in pieces]
    if any(vocab.get(p) == "others" for p in low):
        kind = "others"
    elif any(vocab.get(p) == "total" for p in low):
        kind = "total"
    elif not pieces or all(c.column in SUMMARY for c in row_cells):
        kind = "summary" if any(c.column in SUMMARY for c in row_cells) or not pieces else "entry"
    return Row(text=text, start=start, end=start + len(text), subject=pieces, name=name, party=party, kind=kind,
               cells=row_cells, splits=splits, markers=markers)


def _party_label(text: str) -> Optional[str]:
    """The party a stretch of a line names, if it is one ("Liberal Democrat", "SNP", "GRN")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’&-]*", text)]
    for n in range(len(words), 0, -1):
        for i in range(0, len(words) - n + 1):
            phrase = " ".join(words[i:i + n])
            if (fold(phrase) in ALIAS_INDEX and (phrase[0].isupper())) or party_abbreviation(phrase):
                return phrase
    return None


_BRACKETED_ENTRY = re.compile(r"[;|]\s*[A-Z][^;|()\d]{1,60}\(\s*[A-Za-z][\w&'’ .-]{0,40}\)\s*[:=-]?\s*$")


def _entries(text: str, figs: list[_Fig]) -> Optional[list[tuple[list[str], list[_Fig]]]]:
    """Several parties and their figures on one line, each party before its own figures; None otherwise."""
    if len(figs) < 2:
        return None
    groups: list[tuple[str, list[_Fig]]] = []
    prev = _BULLET.match(text).end() if _BULLET.match(text) else 0
    for f in figs:
        between = text[prev:f.start]
        # "; Ben Holden-Crowther (DFC) 2,424": a name with a label in brackets after a list's separator is an
        # entry of its own, whatever party the label stands for
        label = _party_label(between) or (groups and _BRACKETED_ENTRY.search(between))
        if label and (not groups or groups[-1][1]):
            groups.append((between, [f]))
        elif groups:
            groups[-1][1].append(f)
        else:
            return None
        prev = f.end
    if len(groups) < 2:
        return None
    out = []
    for between, fs in groups:
        pieces = [p.strip(" .-–—'\"*") for p in _split_subject(_label_rx().sub(" ", between))]
        out.append(([p for p in pieces if p and re.search(r"[^\W\d_]", p)], fs))
    return out


# ------------------------------------------------------------------ the article
def article_lines(text: str) -> list[tuple[str, int]]:
    """The article's non-blank lines, stripped, with their offsets: the lines the sentence reader is given."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if stripped:
            out.append((stripped, m.start() + raw.index(stripped)))
    return out


_HEADER_WORD_MEANINGS = FIGURE_MEANINGS | {"name", "party", "place", "rank"}


def spaced_header(line: str, figures: Optional[int] = None) -> Optional[list[tuple[str, str]]]:
    """"Party Seats Gains Losses Net Vote share Change Total votes": a table's header row whose cells lost their
    separators when the page became text. Read as (phrase, meaning) pairs when every word belongs to a header
    phrase of the vocabulary and at least two of them name figures; None otherwise. Where the words can be cut
    into phrases several ways ("Vote share Change" is one phrase or two), the cut with `figures` figure columns
    (the rows' width) is taken, longest phrases first."""
    if _figures(line) or line.rstrip().endswith((".", ":", "?", "!")):
        return None
    words = line.split()
    vocab = vocabulary()

    def cuts(i: int):
        if i == len(words):
            yield []
            return
        for j in range(min(len(words), i + 4), i, -1):
            key = " ".join(" ".join(words[i:j]).lower().strip("()[],;").split())
            meaning = vocab.get(f"header:{key}") or vocab.get(key)
            if meaning not in _HEADER_WORD_MEANINGS:
                continue
            # filler words and years after a phrase belong to it ("Change since 2019")
            k = j
            while k < len(words) and (vocab.get(words[k].lower().strip("()[],;.")) == "filler"
                                      or re.fullmatch(r"\(?(?:19|20)\d\d\)?", words[k])):
                k += 1
            for rest in cuts(k):
                yield [(" ".join(words[i:k]), meaning), *rest]

    for out in cuts(0):
        n = sum(1 for _, m in out if m in FIGURE_MEANINGS)
        if n >= 2 and (figures is None or n == figures):
            return out
    return None


def find_blocks(text: str) -> list[Block]:
    """Every results block in the article text, in order."""
    lines = article_lines(text)
    if not any(_may_be_row(line) for line, _ in lines):
        return []  # most articles: prose, with no line a block could be made of
    return _blocks_of(text, lines)


def _blocks_of(text: str, lines: list[tuple[str, int]]) -> list[Block]:
    """The blocks of the article's lines, every line read by shape."""
    read: list[_Line] = []
    headers: Optional[list[Optional[str]]] = None
    header_text: Optional[list[str]] = None
    spaced: Optional[list[tuple[str, str]]] = None  # the figure columns a spaced header names
    counts: dict[int, int] = {}  # line -> its number of figures, asked of a line twice

    def count(k: int) -> int:
        if k not in counts:
            counts[k] = len(_figures(lines[k][0]))
        return counts[k]

    for i, (line, start) in enumerate(lines):
        if spaced is not None and count(i) != len(spaced):
            spaced = None  # the rows under a spaced header print one figure per column
        ln = _read_line(line, start, i, headers, header_text, spaced)
        found = spaced_header(line, count(i + 1)) if ln.kind in ("title", "prose") and i + 1 < len(lines) else None
        figure_columns = [(p, m) for p, m in found or [] if m in FIGURE_MEANINGS]
        if found:
            ln.kind, ln.header = "header", [p for p, _ in found]
            spaced = figure_columns
            headers = header_text = None
        elif ln.kind == "header" and _continues_table(lines, i):
            header_text = ln.header
            headers = [header_meaning(h) for h in header_text]
        elif ln.kind not in ("row", "value", "separator") or not ln.cells:
            if ln.kind not in ("separator",):
                headers = header_text = None
        read.append(ln)
    blocks = _group(text, read)
    for block in blocks:
        _rank_column(block)
        _signed_columns(block)
    if blocks:
        _drop_cut_off(text, blocks[-1])
    return blocks


def _may_be_row(line: str) -> bool:
    """Can this line be a row of a block, whatever the lines around it?

    A block's rows come from lines read as rows or values (a card's too), and only a line with a figure is
    one. A table's line (cells) is read under its header, so it counts whatever it holds; any other line
    is read the same wherever it stands (its neighbours change only what kind of row it is), so reading it
    alone tells. When no line can be a row, the article holds no block, and its prose lines need not be read
    by shape at all.
    """
    if not _figures(line):
        return False
    return _split_cells(line) is not None or _read_line(line, 0, 0).kind in ("row", "value")


def _signed_columns(block: Block) -> None:
    """"7 seats (0)" among "5 seats (-3)" and "1 seat (+1)": an unsigned figure in a column of changes is a
    change of nothing, not a previous figure."""
    changes = {c.index: c.column for r in block.rows for c in r.cells
               if c.bracketed and c.column in ("change", "seats_change")}
    for r in block.rows:
        for k, c in enumerate(r.cells):
            if c.column == "previous" and c.index in changes:
                unit = "points" if changes[c.index] == "change" else "count"
                r.cells[k] = c.model_copy(update={"column": changes[c.index],
                                                  "quantity": c.quantity.model_copy(update={"unit": unit})})


def _rank_column(block: Block) -> None:
    """"| 1 | Labour Party | 9,708,716 |": a first column counting 1, 2, 3... down the rows is a position."""
    firsts = [r.cells[0] for r in block.rows if r.kind == "entry" and r.cells]
    if len(firsts) < 2 or block.shape != "table" or any(c.index != 0 or c.column not in ("count", "rank")
                                                        for c in firsts):
        return
    if [int(c.quantity.value) for c in firsts] == list(range(int(firsts[0].quantity.value),
                                                             int(firsts[0].quantity.value) + len(firsts))):
        for r in block.rows:
            if r.cells and r.cells[0].index == 0:
                r.cells[0] = r.cells[0].model_copy(update={"column": "rank"})


def _drop_cut_off(text: str, block: Block) -> None:
    """A text cut off mid-figure ("2. Reform UK: 7,484 votes. 2" where the row above printed "49.9% share")
    leaves a figure that is no claim: the last figure of the article, printed unlike its column above."""
    last = block.rows[-1]
    if not last.cells or last.end < len(text.rstrip()) or last.start + last.cells[-1].end < last.end:
        return
    cell = last.cells[-1]
    if last.kind != "entry" or cell.label is not None:
        return
    above = [r for r in block.rows[:-1] if len(r.cells) > len(last.cells) - 1 and r.kind == "entry"]
    position = len(last.cells) - 1
    if above and all(position < len(r.cells) and (r.cells[position].column != cell.column
                                                  or r.cells[position].quantity.unit != cell.quantity.unit)
                     for r in above[-1:]):
        last.cells = last.cells[:-1]


def _continues_table(lines: list[tuple[str, int]], i: int) -> bool:
    if i + 1 >= len(lines):
        return False
    nxt = lines[i + 1][0]
    return bool(_SEPARATOR_LINE.match(nxt)) or ("|" in nxt and "|" in lines[i][0]) or ("\t" in nxt)


def _group(text: str, read: list[_Line]) -> list[Block]:
    blocks: list[Block] = []
    i = 0
    n = len(read)
    while i < n:
        ln = read[i]
        starts_cards = ln.kind == "title" and i + 1 < n and read[i + 1].kind == "value"
        if ln.kind not in ("row", "value", "header") and not starts_cards:
            i += 1
            continue
        first = i
        rows: list[Row] = []
        header: list[str] = []
        shape = "list"
        while i < n:
            ln = read[i]
            if ln.kind == "header" and i + 1 < n and read[i + 1].kind in ("separator", "row", "value"):
                if rows and header:
                    break  # a second table: its own block
                header = ln.header
                shape = "table"
                i += 1
                continue
            if ln.kind == "separator":
                shape = "table"
                i += 1
                continue
            if ln.kind == "title" and i + 1 < n and read[i + 1].kind == "value":
                if rows and shape != "cards":
                    break  # cards after a table or a list: a block of their own
                j = i + 1
                while j < n and read[j].kind == "value":
                    j += 1
                rows.append(_card(text, read[i:j]))
                shape = "cards"
                i = j
                continue
            if ln.kind in ("row", "value"):
                rows.extend(ln.rows or [ln.row])
                if ln.cells and shape == "list":
                    shape = "table"
                i += 1
                continue
            break
        if rows:
            heading = [read[k].text for k in range(max(0, first - 2), first)
                       if not blocks or k > blocks[-1].last_line]
            last = i - 1
            blocks.append(Block(start=read[first].start, end=read[last].start + len(read[last].text),
                                first_line=read[first].index, last_line=read[last].index, heading=heading,
                                header=header, shape=shape, rows=rows))
        else:
            i = max(i, first + 1)
    return blocks


def _card(text: str, lines: list[_Line]) -> Row:
    """A name line and the label lines under it ("Labour, Jane Smith" / "- votes 12,345" / "- share 38.8%")."""
    head = lines[0]
    start, end = head.start, lines[-1].start + len(lines[-1].text)
    body = text[start:end]
    cells: list[Cell] = []
    for ln in lines[1:]:
        shift = ln.start - start
        for c in ln.row.cells:
            q = c.quantity.model_copy(update={"start": c.quantity.start + shift, "end": c.quantity.end + shift})
            cells.append(c.model_copy(update={"start": c.start + shift, "end": c.end + shift, "quantity": q,
                                              "index": len(cells)}))
    summary = [m for m in _head_labels(head.text) if m in SUMMARY]
    if summary:
        # "Southend East turnout:" / "57%": the first figure with no label of its own is what the head names
        for k, c in enumerate(cells):
            if c.label is None:
                unit = c.quantity.unit if summary[0] != "turnout" else "percent"
                cells[k] = c.model_copy(update={"column": summary[0], "label": head.text,
                                                "quantity": c.quantity.model_copy(update={"unit": unit})})
                break
        for k, c in enumerate(cells):
            if c.column == "change" and summary[0] == "turnout":
                cells[k] = c.model_copy(update={"label": f"{head.text} {c.label or ''}".strip()})
    name, party = _subject_guess(head.row.subject if head.row else [])
    return Row(text=body, start=start, end=end, subject=head.row.subject if head.row else [], name=name, party=party,
               kind="summary" if summary else "entry", cells=cells,
               markers=head.row.markers if head.row else [])


def _head_labels(text: str) -> list[str]:
    return [vocabulary()[" ".join(m.group().lower().split())] for m in _label_rx().finditer(text)]
