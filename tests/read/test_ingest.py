import io
import json
import os
import sys
from pathlib import Path

import pytest

from factcheck.read.ingest import InputError, read_bytes, read_path, read_text
from conftest import archive_record

from conftest import CORPORA


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return str(path)


def only(articles):
    assert len(articles) == 1
    return articles[0]




# ---------------------------------------------------------------- sample corpora
def test_sample_html_article_loses_its_markup():
    path = str(CORPORA / "000_a446447a5ae0ae22.txt")
    article = only(read_path(path))
    assert article.source == path
    assert "<" not in article.text and "href" not in article.text
    assert "beat Labour by 507 votes in Birmingham Perry Barr" in article.text
    assert "Analysis by The National reveals" in article.text
    assert "on the UK general election Pro-Palestinian" in article.text
    assert "“this is for Gaza”" in article.text  # curly quotes kept as written


def test_sample_archive_article_keeps_metadata():
    path = str(CORPORA / "001_2affce01765db85e.txt")
    article = only(read_path(path))
    assert article.source == path
    assert article.title == "Pro-Gaza candidates squeeze Labour vote in some constituencies"
    assert article.date == "2024-07-05"
    assert article.text.startswith("Labour has lost a handful of former strongholds")
    assert "-S-T-A-R-T." not in article.text and "-E-N-D." not in article.text
    assert "which had a majority of more than 22,000." in article.text
    # the dump's double spaces are its paragraph breaks
    assert "from George Galloway.\n\nOverall it was" in article.text


# ---------------------------------------------------------------- archive
def test_multi_record_archive_splits_records(tmp_path):
    content = (
        archive_record("First body with 979 votes.", fn="11", date="2024-07-05", title="One")
        + archive_record("Second body.", fn="12", title="Two")
        + archive_record("Third body has no id.")
    )
    path = write(tmp_path, "dump.txt", content)
    first, second, third = read_path(path)
    assert [a.source for a in (first, second, third)] == [f"{path}#11", f"{path}#12", f"{path}#3"]
    assert (first.title, first.date, first.text) == ("One", "2024-07-05", "First body with 979 votes.")
    assert (second.title, second.date, second.text) == ("Two", None, "Second body.")
    assert third.title is None and third.text == "Third body has no id."


def test_archive_record_with_html_body(tmp_path):
    content = archive_record("<p>Won by <b>507</b> votes.</p><p>Second &amp; last.</p>", fn="7")
    article = only(read_path(write(tmp_path, "a.txt", content)))
    assert article.text == "Won by 507 votes.\n\nSecond & last."


def test_archive_record_without_text_is_an_error(tmp_path):
    content = archive_record("Fine.", fn="1") + " F-N-S-T-A-R-T. 2 F-N-E-N-D. "
    with pytest.raises(InputError, match="record 2"):
        read_path(write(tmp_path, "a.txt", content))


def test_unterminated_last_record_is_kept_with_a_warning(tmp_path):
    content = archive_record("Fine.", fn="1") + " F-N-S-T-A-R-T. 2 F-N-E-N-D. T-E-X-T-S-T-A-R-T. Cut off"
    path = write(tmp_path, "a.txt", content)
    first, second = read_path(path)
    assert first.warnings == []
    assert second.text == "Cut off" and second.source == f"{path}#2"
    assert len(second.warnings) == 1 and "T-E-X-T-E-N-D." in second.warnings[0]


# ---------------------------------------------------------------- JSONL
def test_jsonl_records_use_ids_or_line_numbers(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": "Majority of 528.", "title": "T", "date": "2024-07-05",
                    "url": "https://example.org/a1"}),
        "",
        json.dumps({"text": "No id here."}),
        json.dumps({"id": 42, "text": "<p>Tagged <i>text</i></p>"}),
    ]
    path = write(tmp_path, "in.jsonl", "\n".join(lines) + "\n")
    first, second, third = read_path(path)
    assert (first.source, first.title, first.date, first.url) == (
        f"{path}#a1", "T", "2024-07-05", "https://example.org/a1")
    assert first.text == "Majority of 528."
    assert second.source == f"{path}#3" and second.title is None
    assert third.source == f"{path}#42" and third.text == "Tagged text"


@pytest.mark.parametrize("bad", ["{not json", json.dumps({"body": "no text"}), "[1, 2]"])
def test_bad_jsonl_line_names_its_line(tmp_path, bad):
    path = write(tmp_path, "in.jsonl", json.dumps({"text": "ok"}) + "\n\n" + bad + "\n")
    with pytest.raises(InputError, match="line 3") as err:
        read_path(path)
    assert "\n" not in str(err.value)


def test_prose_starting_with_brace_is_not_jsonl():
    article = only(read_text("{Draft} Labour won by 507 votes.\nSecond line.", "x"))
    assert article.text == "{Draft} Labour won by 507 votes.\nSecond line."


# ---------------------------------------------------------------- HTML
PAGE = """<!DOCTYPE html>
<html><head>
  <title>Results night</title>
  <meta property="article:published_time" content="2024-07-05T06:00:00Z">
  <link rel="canonical" href="https://example.org/results">
  <style>p { color: red }</style>
  <script>var majority = 99999;</script>
</head><body>
  <article>
    <h1>Labour   landslide</h1>
    <p>Turnout fell to 59.7%&nbsp;nationally &amp; the <a href="/x">Tories</a> lost
       <strong>244</strong>&#160;seats.</p>
    <div>First line<br>second line</div>
    <ul><li>Leicester South: 979</li><li>Ilford North: 528</li></ul>
    <table><tr><td>Chingford</td><td>79</td></tr></table>
    <noscript>Enable JavaScript</noscript>
  </article>
</body></html>
"""


def test_html_page_becomes_lines_and_paragraphs(tmp_path):
    article = only(read_path(write(tmp_path, "page.html", PAGE)))
    assert article.text == (
        "Labour landslide\n\n"
        "Turnout fell to 59.7% nationally & the Tories lost 244 seats.\n\n"
        "First line\nsecond line\n\n"
        "Leicester South: 979\nIlford North: 528\n\n"
        "Chingford | 79"
    )
    assert "99999" not in article.text and "color" not in article.text
    assert "JavaScript" not in article.text


def test_html_metadata(tmp_path):
    article = only(read_path(write(tmp_path, "page.html", PAGE)))
    assert article.title == "Results night"
    assert article.date == "2024-07-05T06:00:00Z"
    assert article.url == "https://example.org/results"


def test_html_metadata_fallbacks():
    markup = (
        '<meta property="og:url" content="https://example.org/og">'
        "<h1>Heading title</h1><p>Body <time datetime=\"2024-07-04\">Thursday</time>.</p>"
    )
    article = only(read_text(markup, "s"))
    assert (article.title, article.date, article.url) == ("Heading title", "2024-07-04", "https://example.org/og")
    og = only(read_text('<meta property="og:title" content="OG title"><p>Text</p>', "s"))
    assert og.title == "OG title"


def test_inline_markup_adds_no_spaces_or_breaks():
    article = only(read_text("Analysis by <i>The National </i>reveals <b>how</b><em>ever</em>.", "s"))
    assert article.text == "Analysis by The National reveals however."


def test_whitespace_between_blocks_adds_no_blank_lines():
    markup = "<div>Line one</div>\n   <div>Line two</div>\n\n<p>Para</p>\n \n<p>Next</p>"
    assert only(read_text(markup, "s")).text == "Line one\nLine two\n\nPara\n\nNext"


def test_stray_angle_bracket_is_plain_text():
    text = "Turnout was <60% in 2 seats & x < y > z."
    assert only(read_text(text, "s")).text == text


def test_deeply_nested_html_does_not_overflow():
    markup = "<div>" * 5000 + "Deep text" + "</div>" * 5000
    assert only(read_text(markup, "s")).text == "Deep text"


# ---------------------------------------------------------------- plain text
def test_plain_text_keeps_lines_and_collapses_spaces(tmp_path):
    raw = "Title line  \r\n\r\n\r\n\r\nFirst   para\twith\t\ttabs.\r\nSecond line\u00a0\u00a0here.\r\n"
    article = only(read_path(write(tmp_path, "plain.txt", raw)))
    assert article.text == "Title line\n\nFirst para with tabs.\nSecond line here."
    assert article.source.endswith("plain.txt") and article.title is None


def test_typography_is_left_alone():
    text = "It’s “fine” – ﬁnal ＡＢ, café…"
    assert only(read_text(text, "s")).text == text


# ---------------------------------------------------------------- encodings
def test_mojibake_is_repaired(tmp_path):
    # "Áine" and "Seán" encoded as UTF-8, misread as Windows-1252, saved as UTF-8 again
    broken = "Áine Nic Gearailt and Seán beat them".encode("utf-8").decode("cp1252", errors="ignore")
    broken = broken.replace("Ã", "Ã\u0081", 1)  # cp1252 has no 0x81: browsers keep it as U+0081
    assert broken.startswith("Ã\u0081ine")
    article = only(read_path(write(tmp_path, "m.txt", broken)))
    assert article.text == "Áine Nic Gearailt and Seán beat them"
    assert article.warnings == []


def test_mojibake_in_title_is_repaired():
    article = only(read_text(archive_record("Body.", title="SeÃ¡n Ã“ Fearghaíl"), "s"))
    assert article.title == "Seán Ó Fearghaíl"


def test_bom_is_stripped(tmp_path):
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbfLabour won 411 seats.\n")
    article = only(read_path(path))
    assert article.text == "Labour won 411 seats."


def test_bom_does_not_hide_jsonl(tmp_path):
    path = write(tmp_path, "bom.jsonl", b"\xef\xbb\xbf" + json.dumps({"id": 1, "text": "x"}).encode())
    assert only(read_path(path)).source == f"{path}#1"


def test_utf16_with_bom_is_read(tmp_path):
    path = write(tmp_path, "u16.txt", "Majority of 528 – Streeting".encode("utf-16"))
    assert only(read_path(path)).text == "Majority of 528 – Streeting"


def test_undecodable_bytes_are_replaced_with_a_warning(tmp_path):
    path = write(tmp_path, "bad.txt", b"Caf\xe9 owner won by \xff\xfe 979 votes.\n")
    article = only(read_path(path))
    assert article.text == "Caf\ufffd owner won by \ufffd\ufffd 979 votes."
    assert article.warnings == [f"{path}: 3 undecodable bytes replaced with U+FFFD"]


def test_undecodable_warning_reaches_every_record():
    data = (json.dumps({"id": 1, "text": "a"}) + "\n" + json.dumps({"id": 2, "text": "b"})).encode()
    data = data.replace(b'"a"', b'"a\xff"')
    articles = read_bytes(data, "feed")
    assert [a.warnings for a in articles] == [["feed: 1 undecodable byte replaced with U+FFFD"]] * 2


# ---------------------------------------------------------------- stdin
def test_dash_reads_stdin(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO("Stdin article: 528 votes.\n".encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    article = only(read_path("-"))
    assert (article.source, article.text) == ("-", "Stdin article: 528 votes.")


def test_empty_stdin_is_an_error(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(InputError, match="standard input is empty"):
        read_path("-")


# ---------------------------------------------------------------- bad input
def assert_one_line_error(path, expected):
    with pytest.raises(InputError) as err:
        read_path(path)
    message = str(err.value)
    assert expected in message
    assert "\n" not in message


def test_missing_file(tmp_path):
    path = str(tmp_path / "nope.txt")
    assert_one_line_error(path, f"no such file: {path}")


def test_directory(tmp_path):
    assert_one_line_error(str(tmp_path), f"{tmp_path} is a directory")


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  ", b"\xef\xbb\xbf\n"])
def test_empty_and_blank_files(tmp_path, content):
    path = write(tmp_path, "empty.txt", content)
    assert_one_line_error(path, f"{path} is empty")


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    b"ab\x01cd\x02ef\x1bgh\x7f" * 300,  # no NUL, but a third control characters
])
def test_binary_files(tmp_path, content):
    path = write(tmp_path, "blob.txt", content)
    assert_one_line_error(path, f"{path} looks like a binary file, not an article")


def test_stray_control_characters_are_not_binary(tmp_path):
    path = write(tmp_path, "ctl.txt", "Labour won\x07 411 seats.\x1b[0m\n" * 50)
    article = only(read_path(path))
    assert article.text.splitlines()[0] == "Labour won 411 seats."


def test_markup_without_text(tmp_path):
    path = write(tmp_path, "empty.html", "<html><head><title>T</title></head><body><p> </p></body></html>")
    assert_one_line_error(path, f"{path} has no article text")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, non-root")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "secret.txt", "text")
    os.chmod(path, 0)
    try:
        assert_one_line_error(path, f"cannot read {path}")
    finally:
        os.chmod(path, 0o600)


def test_permission_error_becomes_input_error(tmp_path, monkeypatch):
    path = write(tmp_path, "secret.txt", "text")

    def refuse(file, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(file))

    import factcheck.read.ingest as ingest_module

    # the readers open files through the module's `open`; as root a real chmod would not stop them
    monkeypatch.setattr(ingest_module, "open", refuse, raising=False)
    assert_one_line_error(path, f"cannot read {path}: permission denied")


def test_ingest_does_not_import_heavy_libraries():
    import subprocess

    code = "import sys, factcheck.read.ingest; print('spacy' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=CORPORA.parent)
    assert out.stdout.split() == ["False", "False"]
