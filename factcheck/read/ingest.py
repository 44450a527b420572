"""Turn whatever the user hands us into clean `Article`s.

Coverage arrives as scraped HTML, as tagged archive dumps, as JSON lines or
as pasted text, often with broken encodings. Every later stage works on
sentences, so this stage guarantees plain text whose lines and paragraphs
mirror the original layout, and turns bad input into one readable
`InputError` instead of a traceback. It deliberately avoids spaCy and pandas
so that reading (and failing on) input stays fast.
"""
from __future__ import annotations

import codecs
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator, Optional, Union

import unicodedata
from functools import lru_cache

import ftfy

from ..models import Article

try:  # lexbor is faster and more faithful to browsers; older wheels lack it
    from selectolax.lexbor import LexborHTMLParser as _HTMLParser
except ImportError:  # pragma: no cover
    from selectolax.parser import HTMLParser as _HTMLParser


class InputError(Exception):
    """Input we cannot use; the message is shown to the user as is."""


# Only undo encoding damage: quotes, dashes, ligatures and widths are part of
# what the article says and quotes are matched against it verbatim.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=True,
    fix_surrogates=True,
    remove_control_chars=True,
    normalization=None,
    explain=False,
)

_SNIFF = 8192
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\f\r") + b"\x7f"
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_HSPACE = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")

_TAG = re.compile(
    r"</?(?:p|div|a|b|i|u|br|hr|span|html|body|h[1-6]|article|section|header|footer|main"
    r"|em|strong|li|ul|ol|table|tr|td|th|figure|figcaption|blockquote|img|meta|link|title"
    r"|head|script|style|time|pre)\b[^<>]*>",
    re.IGNORECASE,
)
_DROP = {"script", "style", "noscript", "template", "head", "iframe", "svg"}
_PARAGRAPH = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "ul", "ol",
              "dl", "table", "pre", "hr", "address"}
_LINE = {"div", "br", "li", "dt", "dd", "section", "article", "header", "footer",
         "main", "aside", "nav", "figcaption", "caption", "details", "summary", "form",
         "fieldset", "center"}
_CELL = {"td", "th"}

_ARCHIVE_TEXT_START, _ARCHIVE_TEXT_END = "T-E-X-T-S-T-A-R-T.", "T-E-X-T-E-N-D."
_ARCHIVE_FIELDS = {
    name: re.compile(rf"{re.escape(tag)}-S-T-A-R-T\.(.*?){re.escape(tag)}-E-N-D\.", re.S)
    for name, tag in (("id", "F-N"), ("date", "D-A-T-E"), ("title", "T-I-T-L-E"))
}


# ------------------------------------------------------------------ entry points
def read_path(path: str) -> list[Article]:
    """Read one file (or stdin for "-"), failing with messages a user can act on."""
    if path == "-":
        try:
            data = sys.stdin.buffer.read()
        except (AttributeError, OSError, ValueError) as exc:
            raise InputError(f"cannot read standard input: {exc}") from None
        return read_bytes(data, "-")
    with _open(path) as handle:
        try:
            data = handle.read()
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    return read_bytes(data, path)


def _open(path: str):
    """The file opened for reading, or the one-line InputError a user can act on."""
    try:
        if Path(path).is_dir():
            raise InputError(f"{path} is a directory, not an article file")
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not an article file") from None
    except PermissionError:
        raise InputError(f"cannot read {path}: permission denied") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None


def read_bytes(data: bytes, source: str) -> list[Article]:
    """Decode leniently: a few bad bytes should cost a warning, not the article."""
    label = _label(source)
    if not data.strip(b" \t\r\n\f\v"):
        raise InputError(f"{label} is empty")
    text = _decode_utf16(data)
    warnings: list[str] = []
    if text is None:
        if _looks_binary(data[:_SNIFF]):
            raise InputError(f"{label} looks like a binary file, not an article")
        text = data.decode("utf-8", "surrogateescape")
        bad = len(_ESCAPED_BYTE.findall(text))
        if bad:
            text = _ESCAPED_BYTE.sub("\ufffd", text)
            noun = "byte" if bad == 1 else "bytes"
            warnings.append(f"{source}: {bad} undecodable {noun} replaced with U+FFFD")
    articles = read_text(text, source)
    for article in articles:
        article.warnings.extend(warnings)
    return articles


def read_text(text: str, source: str) -> list[Article]:
    """Recognise the input format from the content, since file names say little."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{_label(source)} is empty")
    if _is_jsonl(text):
        articles = _parse_jsonl(text, source)
    elif _ARCHIVE_TEXT_START in text:
        articles = _parse_archive(text, source)
    elif _TAG.search(text):
        articles = [_from_html(text, source)]
    else:
        articles = [Article(text=text, source=source)]
    return [_finish(article) for article in articles]


# ------------------------------------------------------------------ bytes
def _label(source: str) -> str:
    return "standard input" if source == "-" else source


def _decode_utf16(data: bytes) -> Optional[str]:
    """Files saved as UTF-16 are text full of NULs; read them rather than call them binary."""
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:
        return None


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > 0.1 * len(sample)


# ------------------------------------------------------------------ formats
def _is_jsonl(text: str) -> bool:
    first = next(line for line in text.split("\n") if line.strip())
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False
    except RecursionError:  # JSON nested deeper than Python's stack: JSON all the same, and refused as such
        return first.lstrip().startswith("{")


def _parse_jsonl(text: str, source: str) -> list[Article]:
    articles = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{_label(source)}: line {n} is not valid JSON ({exc.msg})") from None
        except RecursionError:
            raise InputError(f"{_label(source)}: line {n} is JSON nested too deeply to read") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f'{_label(source)}: line {n} has no "text" string field')
        rid = _field(record.get("id"))
        articles.append(
            _body(record["text"], f"{source}#{rid or n}",
                  title=_field(record.get("title")), date=_field(record.get("date")),
                  url=_field(record.get("url")))
        )
    return articles


def _parse_archive(text: str, source: str) -> list[Article]:
    """Records end with the TEXT end marker; anything before it belongs to that record."""
    chunks = text.split(_ARCHIVE_TEXT_END)
    records = []
    for n, chunk in enumerate(chunks, start=1):
        last = n == len(chunks)
        if last and not chunk.strip():
            break
        head, found, body = chunk.partition(_ARCHIVE_TEXT_START)
        if not found:
            raise InputError(f"{_label(source)}: archive record {n} has no {_ARCHIVE_TEXT_START} field")
        fields = {name: _field(m.group(1)) if (m := rx.search(head)) else None
                  for name, rx in _ARCHIVE_FIELDS.items()}
        records.append((n, fields, body, last))
    articles = []
    for n, fields, body, unterminated in records:
        name = source if len(records) == 1 else f"{source}#{fields['id'] or n}"
        if not _TAG.search(body):
            body = re.sub(r"[ \t]{2,}", "\n\n", body)  # the dump marks paragraphs with double spaces
        article = _body(body, name, title=fields["title"], date=fields["date"])
        if unterminated:
            article.warnings.append(f"{name}: record has no {_ARCHIVE_TEXT_END} marker; read to end of file")
        articles.append(article)
    return articles


def _body(text: str, source: str, **meta: Optional[str]) -> Article:
    """Record bodies may carry markup of their own; explicit metadata wins over the page's."""
    if not _TAG.search(text):
        return Article(text=text, source=source, **meta)
    article = _from_html(text, source)
    for key, value in meta.items():
        if value:
            setattr(article, key, value)
    return article


def _field(value: object) -> Optional[str]:
    if value is None:
        return None
    return " ".join(str(value).split()) or None


def _finish(article: Article) -> Article:
    text = _tidy(plain_characters(ftfy.fix_text(article.text, _FTFY)))
    if not text:
        raise InputError(f"{_label(article.source)} has no article text")
    article.text = text
    if article.title:
        article.title = _field(plain_characters(ftfy.fix_text(article.title, _FTFY)))
    return article


# ------------------------------------------------------------------ characters
# Look-alikes Unicode has no compatibility mapping for. Hyphens and the
# figure dash print as "-" and may be a dash or a sign, as "-" may; minus
# look-alikes become the Unicode minus, which the figure reader always takes
# as a sign. The en dash is left alone: in prose it is a dash, and the
# figure reader already reads it as a sign where it touches a number.
_LOOK_ALIKES = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2796": "\u2212", "\u02d7": "\u2212"}


def plain_characters(text: str) -> str:
    """The text with invisible and look-alike characters replaced by the plain ones they stand for.

    Scraped and pasted coverage carries characters a reader never sees: a
    zero-width space or a soft hyphen inside "9,030", a no-break or thin
    space as its thousands separator, fullwidth digits from an East Asian
    input method, a heavy or fullwidth minus before a change. Each would make the
    figure reader see two numbers, or none, where the reader sees one. Every
    entry point goes through `_finish`, so every later stage (and the HTML
    report, which shows this text) sees the same plain characters; the
    mapping is idempotent, so reading the text again changes nothing.
    Visible typography (curly quotes, dashes, ligatures, superscripts) is
    part of what the article says and is kept.
    """
    if text.isascii():
        return text
    table = {ord(ch): _plain(ch) for ch in set(text) if not ch.isascii()}
    table = {k: v for k, v in table.items() if v != chr(k)}
    return text.translate(table) if table else text


@lru_cache(maxsize=4096)
def _plain(ch: str) -> str:
    """What one character stands for, from its Unicode properties rather than a hand list."""
    if ch in _LOOK_ALIKES:
        return _LOOK_ALIKES[ch]
    category = unicodedata.category(ch)
    if category == "Cf":  # format characters: zero-width space/joiners, soft hyphen, BOM, direction marks
        return ""
    if category == "Zs":  # no-break, thin, narrow no-break, figure and ideographic spaces
        return " "
    if category == "Nd":  # fullwidth, Arabic-Indic, Devanagari ... digits
        return str(unicodedata.decimal(ch))
    if category[0] in "PS" and unicodedata.decomposition(ch).startswith(("<wide>", "<narrow>", "<small>")):
        return unicodedata.normalize("NFKC", ch)  # fullwidth punctuation: "，" "％" "－" (letters are kept)
    return ch


def _tidy(text: str) -> str:
    lines = (_HSPACE.sub(" ", line).strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# ------------------------------------------------------------------ HTML
def _from_html(markup: str, source: str) -> Article:
    tree = _HTMLParser(markup)
    return Article(
        text=_html_text(tree.body or tree.root),
        source=source,
        title=_first(tree, ("title", None), ("h1", None), ('meta[property="og:title"]', "content")),
        date=_first(tree, *_DATE_LOOKUPS) or _json_ld_date(tree),
        url=_first(tree, ('link[rel="canonical"]', "href"), ('meta[property="og:url"]', "content")),
    )


# Where pages put their publication date: Open Graph, the schema.org microdata and Dublin Core
# metas newsrooms' systems write, then the first <time datetime> of the page.
_DATE_LOOKUPS = (
    ('meta[property="article:published_time"]', "content"),
    ('meta[name="article:published_time"]', "content"),
    ('meta[property="og:published_time"]', "content"),
    ('meta[itemprop="datePublished"]', "content"),
    ('meta[name="date"]', "content"),
    ('meta[name="pubdate"]', "content"),
    ('meta[name="publish-date"]', "content"),
    ('meta[name="dc.date"]', "content"),
    ('meta[name="DC.date.issued"]', "content"),
    ('[itemprop="datePublished"]', "datetime"),
    ("time[datetime]", "datetime"),
)
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')


def _json_ld_date(tree) -> Optional[str]:
    """`datePublished` of the page's JSON-LD (schema.org NewsArticle), which many pages carry instead of metas."""
    for node in tree.css('script[type="application/ld+json"]'):
        m = _LD_DATE.search(node.text() or "")
        if m:
            return _field(m.group(1))
    return None


def _first(tree, *lookups: tuple[str, Optional[str]]) -> Optional[str]:
    """The first lookup that yields a value; attr None means the element's text."""
    for selector, attr in lookups:
        node = tree.css_first(selector)
        if node is None:
            continue
        value = _field(node.text() if attr is None else node.attributes.get(attr))
        if value:
            return value
    return None


def _html_text(root) -> str:
    """Walk the DOM without recursion: scraped pages can nest deeper than Python's stack.

    Results tables and lists carry a third of a results story's figures, so
    their structure is kept: a table row is one line with its cells kept
    apart by " | " (an empty cell keeps its place, so columns stay aligned),
    a list item or a `<br>` ends a line, and a block element inside a cell
    does not break the row.
    """
    parts: list[str] = []
    pending = 0  # newlines owed before the next text: 1 for a line, 2 for a paragraph
    in_cell = 0  # depth of table cells around the current node
    row_cells: list[int] = [0]  # cells seen so far in each open table row, innermost last

    def brk(level: int) -> None:
        nonlocal pending
        pending = max(pending, level)

    def emit(chunk: str) -> None:
        nonlocal pending
        if pending and parts:
            parts.append("\n" * pending)
        pending = 0
        parts.append(chunk)

    stack: list = list(reversed(list(root.iter(include_text=True))))
    while stack:
        node = stack.pop()
        if isinstance(node, int):
            brk(node)
            continue
        if node is _END_CELL:
            in_cell -= 1
            continue
        if node is _END_ROW:
            row_cells.pop()
            brk(1)
            continue
        tag = node.tag
        if tag == "-text":
            chunk = re.sub(r"[ \t\n\r\f]+", " ", node.text(deep=False) or "")
            if not chunk.strip() and (pending or not parts):
                continue
            emit(chunk)
            continue
        if tag.startswith("-") or tag in _DROP:
            continue
        if tag in _CELL and row_cells:
            if row_cells[-1]:
                emit(" | ")
            row_cells[-1] += 1
            in_cell += 1
            stack.append(_END_CELL)
        elif tag == "tr":
            brk(1)
            row_cells.append(0)
            stack.append(_END_ROW)
        elif in_cell:
            if tag == "br" or tag in _PARAGRAPH or tag in _LINE:
                parts.append(" ")  # a cell's own line breaks do not split the row
        else:
            level = 2 if tag in _PARAGRAPH else 1 if tag in _LINE else 0
            if level:
                brk(level)
                stack.append(level)
        stack.extend(reversed(list(node.iter(include_text=True))))
    return "".join(parts)


_END_CELL, _END_ROW = object(), object()  # markers on the walk's stack: a cell or a row closes here


# ------------------------------------------------------------------ streaming, for batch runs
# `read_path` reads a file whole, which suits one article; an archive of a
# million records must be split as it is read. Splitting is cheap and stays
# in one process to keep records in file order; making an `Article` of a
# record (markup, encoding repair) is the costly part and is left to
# `Record.articles()`, so it runs wherever the record is checked.
_STREAM_BLOCK = 1 << 20


@dataclass(frozen=True)
class Record:
    """One article's raw material: a whole file's bytes, or one record's text and metadata."""

    source: str
    data: Union[bytes, dict]
    warnings: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.data) if isinstance(self.data, bytes) else len(self.data["text"])

    def articles(self) -> list[Article]:
        """The record's articles; raises InputError for input that holds none."""
        if isinstance(self.data, bytes):
            return read_bytes(self.data, self.source)
        meta = {k: v for k, v in self.data.items() if k != "text"}
        article = _finish(_body(self.data["text"], self.source, **meta))
        article.warnings.extend(self.warnings)
        return [article]


@dataclass(frozen=True)
class BadRecord:
    """A record of a multi-record file that cannot be read; the rest of the file still can."""

    source: str
    error: str


def _repair(text: str) -> tuple[str, int]:
    """Undecodable bytes (escaped as surrogates) become U+FFFD, counted for a warning, as in `read_bytes`."""
    bad = len(_ESCAPED_BYTE.findall(text))
    return (_ESCAPED_BYTE.sub("\ufffd", text), bad) if bad else (text, 0)


def _bad_bytes(source: str, bad: int) -> tuple[str, ...]:
    if not bad:
        return ()
    return (f"{source}: {bad} undecodable {'byte' if bad == 1 else 'bytes'} replaced with U+FFFD",)


def iter_records(path: str) -> Iterator[Union[Record, BadRecord]]:
    """A file's articles as records, read as a stream so no archive is ever held whole.

    JSONL and tagged archives are split record by record; any other file is
    one record of its whole bytes, read by `read_bytes` exactly as `run`
    reads it. Problems with the file itself (missing, unreadable, binary,
    empty) raise InputError; a bad record of a multi-record file is yielded
    as a BadRecord in its place.
    """
    if path == "-":
        try:
            stream = sys.stdin.buffer
        except AttributeError as exc:
            raise InputError(f"cannot read standard input: {exc}") from None
        yield from _stream_records(stream, "-")
        return
    handle = _open(path)
    with handle:
        try:
            yield from _stream_records(handle, path)
        except OSError as exc:
            raise InputError(f"cannot read {_label(path)}: {exc.strerror or exc}") from None


def _stream_records(stream: BinaryIO, source: str) -> Iterator[Union[Record, BadRecord]]:
    head = stream.read(_SNIFF)
    whole = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or not head.strip(b" \t\r\n\f\v")
    if not whole and _looks_binary(head):
        raise InputError(f"{_label(source)} looks like a binary file, not an article")
    if not whole:
        # the format is read off the first non-blank line, however long it is
        while b"\n" not in head.lstrip(b" \t\r\n\f\v") and (block := stream.read(_STREAM_BLOCK)):
            head += block
        first = next(line for line in head.split(b"\n") if line.strip())
        text = first.decode("utf-8", "replace").removeprefix("\ufeff")
        if _is_jsonl(text):
            yield from _stream_jsonl(head, stream, source)
            return
        if _ARCHIVE_TEXT_START.encode() in head:
            yield from _stream_archive(head, stream, source)
            return
    yield Record(source, head + stream.read())


def _blocks(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    yield head
    while block := stream.read(_STREAM_BLOCK):
        yield block


def _stream_jsonl(head: bytes, stream: BinaryIO, source: str) -> Iterator[Union[Record, BadRecord]]:
    """Lines numbered as `_parse_jsonl` numbers them, so a record's source is the same either way."""
    label = _label(source)
    rest = b""
    n = 0
    for block in _blocks(head, stream):
        lines = (rest + block).split(b"\n")
        rest = lines.pop()
        for line in lines:
            n += 1
            yield from _jsonl_record(line, n, source, label)
    if rest:
        yield from _jsonl_record(rest, n + 1, source, label)


def _jsonl_record(line: bytes, n: int, source: str, label: str) -> Iterator[Union[Record, BadRecord]]:
    text = line.decode("utf-8", "surrogateescape")
    if n == 1:
        text = text.removeprefix("\ufeff")
    if not text.strip():
        return
    text, bad = _repair(text)
    try:
        record = json.loads(text)
    except ValueError as exc:
        yield BadRecord(f"{source}#{n}", f"{label}: line {n} is not valid JSON ({exc.msg})")
        return
    except RecursionError:
        yield BadRecord(f"{source}#{n}", f"{label}: line {n} is JSON nested too deeply to read")
        return
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        yield BadRecord(f"{source}#{n}", f'{label}: line {n} has no "text" string field')
        return
    name = f"{source}#{_field(record.get('id')) or n}"
    data = {"text": record["text"], "title": _field(record.get("title")), "date": _field(record.get("date")),
            "url": _field(record.get("url"))}
    yield Record(name, data, _bad_bytes(name, bad))


def _stream_archive(head: bytes, stream: BinaryIO, source: str) -> Iterator[Union[Record, BadRecord]]:
    """Records cut at each TEXT end marker; the first is held until we know whether a second follows,
    since a lone record is named by the path alone, as `_parse_archive` names it."""
    held = None
    n = 0
    for chunk, last in _archive_chunks(head, stream):
        if last and not chunk.strip():
            break
        n += 1
        if n == 1:
            held = (chunk, last)
            continue
        if held is not None:
            yield _archive_record(*held, 1, source, multi=True)
            held = None
        yield _archive_record(chunk, last, n, source, multi=True)
    if held is not None:
        yield _archive_record(*held, 1, source, multi=False)


def _archive_chunks(head: bytes, stream: BinaryIO) -> Iterator[tuple[str, bool]]:
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    text = ""
    for block in _blocks(head, stream):
        text += decoder.decode(block)
        start = 0
        while (end := text.find(_ARCHIVE_TEXT_END, start)) >= 0:
            yield text[start:end], False
            start = end + len(_ARCHIVE_TEXT_END)
        text = text[start:]
    yield text + decoder.decode(b"", final=True), True


def _archive_record(chunk: str, last: bool, n: int, source: str, multi: bool) -> Union[Record, BadRecord]:
    chunk, bad = _repair(chunk)
    if n == 1:
        chunk = chunk.removeprefix("\ufeff")
    chunk = chunk.replace("\r\n", "\n").replace("\r", "\n")
    head, found, body = chunk.partition(_ARCHIVE_TEXT_START)
    fields = {name: _field(m.group(1)) if (m := rx.search(head)) else None
              for name, rx in _ARCHIVE_FIELDS.items()}
    name = f"{source}#{fields['id'] or n}" if multi else source
    if not found:
        return BadRecord(name, f"{_label(source)}: archive record {n} has no {_ARCHIVE_TEXT_START} field")
    if not _TAG.search(body):
        body = re.sub(r"[ \t]{2,}", "\n\n", body)
    warnings = [f"{name}: record has no {_ARCHIVE_TEXT_END} marker; read to end of file"] if last else []
    return Record(name, {"text": body, "title": fields["title"], "date": fields["date"]},
                  tuple(warnings) + _bad_bytes(name, bad))
