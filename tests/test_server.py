"""`factcheck serve` as a CMS and an editor's browser reach it: a real server process on loopback.

The server is started once for the module with `--port 0` and a small body
cap, and is talked to over HTTP with httpx. Its answers are compared with
what `factcheck run --format json` prints for the same text, since the page
and the API promise the same report as the command line.
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from jsonschema import Draft202012Validator
from selectolax.lexbor import LexborHTMLParser

from factcheck.jsonschema_gen import load_published_schema

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
CAP = 64 * 1024
MIXED = (
    "Shockat Adam won Leicester South by 979 votes.\n\n"
    "In Birmingham Perry Barr, Ayoub Khan beat Labour by 1,507 votes.\n\n"
    "George Galloway won 40% of the vote in the February by-election in Rochdale."
)
# 1x1 transparent PNG
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
VALIDATOR = Draft202012Validator(load_published_schema())


@dataclass
class Server:
    url: str
    port: int
    proc: subprocess.Popen
    log: Path


def start_server(log: Path, *args: str, timeout: float = 60) -> Server:
    """Run `factcheck serve --port 0` and wait for the line that names its address."""
    with open(log, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "factcheck", "serve", "--port", "0", *args], cwd=ROOT,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(r"serving on (http://127\.0\.0\.1:(\d+)/)", log.read_text(errors="replace"))
        if found:
            return Server(found.group(1).rstrip("/"), int(found.group(2)), proc, log)
        if proc.poll() is not None:
            pytest.fail(f"the server exited with {proc.returncode}: {log.read_text(errors='replace')}")
        time.sleep(0.05)
    proc.kill()
    pytest.fail(f"the server did not start: {log.read_text(errors='replace')}")


def stop_server(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = start_server(tmp_path_factory.mktemp("server") / "stderr.log", "--max-bytes", str(CAP))
    yield srv
    stop_server(srv)


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


def post_json(http: httpx.Client, payload: object) -> httpx.Response:
    return http.post("/api/check", json=payload)


def without_source(report: dict) -> dict:
    return {k: v for k, v in report.items() if k != "source"}


# The texts a CMS might send, and what the command line says about each.
TEXTS = {
    "mixed": MIXED,
    "html": (CORPORA / "000_a446447a5ae0ae22.txt").read_text(encoding="utf-8"),
    "archive": (CORPORA / "001_2affce01765db85e.txt").read_text(encoding="utf-8"),
    "short": "Shockat Adam won Leicester South by 1,979 votes.",
}


@pytest.fixture(scope="module")
def cli_reports(cli):
    def one(text: str) -> dict:
        proc = cli("run", "-", "--format", "json", input=text)
        assert proc.returncode in (0, 1), proc.stderr.decode()
        return json.loads(proc.stdout)

    with ThreadPoolExecutor(len(TEXTS)) as pool:
        return dict(zip(TEXTS, pool.map(one, TEXTS.values())))


# ------------------------------------------------------------------ listening
def test_listens_on_loopback_only_by_default(server):
    """The kernel's table of listening sockets shows where the server really listens."""
    table = Path("/proc/net/tcp")
    if not table.exists():
        pytest.skip("no /proc/net/tcp on this system")
    port = f"{server.port:04X}"
    listening = [line.split()[1] for line in table.read_text().splitlines()[1:]
                 if line.split()[1].endswith(f":{port}") and line.split()[3] == "0A"]
    assert listening == [f"0100007F:{port}"]  # 127.0.0.1, not 0.0.0.0
    six = Path("/proc/net/tcp6")
    if six.exists():
        assert not [line for line in six.read_text().splitlines()[1:]
                    if line.split()[1].endswith(f":{port}") and line.split()[3] == "0A"]


def test_a_taken_port_is_one_error_line_and_exit_2(server, cli):
    proc = cli("serve", "--port", str(server.port), timeout=60)
    assert proc.returncode == 2
    assert re.fullmatch(rf"factcheck: error: cannot listen on 127\.0\.0\.1:{server.port}: .+\n",
                        proc.stderr.decode()), proc.stderr


def test_healthz(http):
    response = http.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_the_desk_page_offers_paste_and_upload(http):
    response = http.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    tree = LexborHTMLParser(response.text)
    form = tree.css_first("form")
    assert (form.attributes["method"], form.attributes["action"], form.attributes["enctype"]) == \
        ("post", "/check", "multipart/form-data")
    assert {n.attributes["name"] for n in form.css("textarea, input")} == {"text", "file", "title", "date"}
    assert form.css_first("input[type=file]").attributes["name"] == "file"


# ------------------------------------------------------------------ the API
@pytest.mark.parametrize("name", list(TEXTS))
def test_api_answers_what_the_command_line_answers(http, cli_reports, name):
    response = post_json(http, {"text": TEXTS[name]})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    report = response.json()
    assert [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(report)] == []
    assert report["source"] == "api"
    assert without_source(report) == without_source(cli_reports[name])


def test_api_title_date_and_source_override_the_text(http, cli_reports):
    # the record is dated the morning after polling day; another election-night date must read it the same way
    response = post_json(http, {"text": TEXTS["archive"], "title": "Edited headline", "date": "2024-07-04",
                                "source": "cms:story/4412"})
    assert response.status_code == 200
    report = response.json()
    assert (report["source"], report["title"], report["date"]) == ("cms:story/4412", "Edited headline", "2024-07-04")
    assert report["claims"] == cli_reports["archive"]["claims"]


@pytest.mark.parametrize(("body", "message"), [
    (b'{"text": ', r"^malformed JSON: Expecting value at line 1 column 10$"),
    (b'{"text": "a", }', r"^malformed JSON: .+ line 1 column \d+$"),
    (b"\xff\xfe\x00garbage", r"^malformed JSON"),
    (b'["Shockat Adam won by 979 votes."]', r"must be a JSON object"),
    (b"{}", r'^"text" is required$'),
    (b'{"text": 979}', r'^"text": Input should be a valid string$'),
    (b'{"text": "Won by 979.", "titel": "x"}', r'unknown field "titel"'),
    (b'{"text": "Won by 979.", "title": ["x"]}', r'^"title": '),
    (b'{"text": "   \\n "}', r'^"text" is empty$'),
    (b'{"text": "{\\"text\\": \\"a\\"}\\n{\\"text\\": \\"b\\"}"}', r"holds 2 articles"),
])
def test_api_answers_bad_json_with_422_and_a_message(http, body, message):
    response = http.post("/api/check", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert re.search(message, response.json()["error"]), response.json()


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "image/png", None])
def test_api_refuses_what_is_not_json_with_415(http, content_type):
    headers = {"content-type": content_type} if content_type else {}
    response = http.post("/api/check", content=b'{"text": "x"}', headers=headers)
    assert response.status_code == 415
    assert "application/json" in response.json()["error"]


def test_api_caps_the_request_size_with_413(http):
    padding = CAP - len(json.dumps({"text": MIXED + " "}).encode())
    at_cap = json.dumps({"text": MIXED + " " * (padding + 1)}).encode()
    assert len(at_cap) == CAP
    assert http.post("/api/check", content=at_cap, headers={"content-type": "application/json"}).status_code == 200
    over = at_cap[:-1] + b' }'
    response = http.post("/api/check", content=over, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json() == {"error": "the request is larger than the 64 KiB limit"}


def test_the_cap_holds_without_a_content_length(http):
    """A chunked upload declares no size; the server counts what arrives."""
    def chunks():
        yield b'{"text": "'
        for _ in range(6):
            yield b"x" * 16384
        yield b'"}'

    response = http.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert http.get("/healthz").status_code == 200


# ------------------------------------------------------------------ the page's form
def _marks(page: str) -> list[tuple[str, str]]:
    tree = LexborHTMLParser(page)
    return sorted((a.attributes["data-claim"], a.attributes["data-verdict"]) for a in tree.css("article .claim"))


def test_pasted_text_gets_the_html_report(http, cli_reports):
    response = http.post("/check", data={"text": MIXED, "title": "Midlands", "date": "2024-07-05"})
    assert response.status_code == 200
    assert "script-src 'sha256-" in response.headers["content-security-policy"]
    assert _marks(response.text) == sorted((c["id"], c["verdict"]) for c in cli_reports["mixed"]["claims"])
    tree = LexborHTMLParser(response.text)
    assert tree.css_first("h1").text() == "Midlands"
    assert tree.css_first(".back a").attributes["href"] == "/"


def test_uploaded_article_gets_the_html_report(http, cli_reports):
    data = (CORPORA / "001_2affce01765db85e.txt").read_bytes()
    for content_type in ("text/plain", "application/octet-stream"):  # the latter is sniffed
        response = http.post("/check", files={"file": ("001.txt", data, content_type)})
        assert response.status_code == 200, response.text
        assert _marks(response.text) == sorted((c["id"], c["verdict"]) for c in cli_reports["archive"]["claims"])
        assert "001.txt" in LexborHTMLParser(response.text).css_first(".meta").text()


@pytest.mark.parametrize(("name", "data", "content_type", "message"), [
    ("photo.png", PNG, "image/png", "photo.png is image/png, not a text article"),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf", "is application/pdf"),
    ("blob", PNG + b"\x00" * 64, "application/octet-stream", "blob looks like a binary file"),
    ("fake.txt", b"\x00\x01\x02\x03" * 64, "text/plain", "fake.txt looks like a binary file"),
])
def test_non_text_uploads_are_refused_with_415(http, name, data, content_type, message):
    response = http.post("/check", files={"file": (name, data, content_type)})
    assert response.status_code == 415
    problem = LexborHTMLParser(response.text).css_first(".problem").text()
    assert message in problem


def test_form_without_an_article_is_refused_with_422(http):
    response = http.post("/check", data={"text": "  ", "title": "Kept <b>as typed</b>"})
    assert response.status_code == 422
    tree = LexborHTMLParser(response.text)
    assert "paste the article" in tree.css_first(".problem").text()
    assert tree.css_first("#title").attributes["value"] == "Kept <b>as typed</b>"


def test_upload_over_the_cap_is_refused_with_413(http):
    response = http.post("/check", files={"file": ("long.txt", b"Shockat Adam won. " * 4000, "text/plain")})
    assert response.status_code == 413
    assert "64 KiB" in LexborHTMLParser(response.text).css_first(".problem").text()


# ------------------------------------------------------------------ a burst
def test_a_burst_of_200_requests_8_at_a_time_is_answered_in_full(server, cli_reports):
    # mostly short drafts, with a whole seed article every fifth request, so a mix-up would show
    names = ["html" if i % 10 == 0 else "archive" if i % 10 == 5 else "mixed" if i % 2 else "short"
             for i in range(200)]
    limits = httpx.Limits(max_connections=8, max_keepalive_connections=8)
    with httpx.Client(base_url=server.url, timeout=120, limits=limits) as client:
        def ask(i: int) -> tuple[int, int, dict]:
            response = client.post("/api/check", json={"text": TEXTS[names[i]], "source": f"burst-{i}"})
            return i, response.status_code, response.json()

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(ask, range(200)))
    assert len(answers) == 200
    assert [status for _, status, _ in answers] == [200] * 200
    # every answer is the report for its own request's text, none swapped or lost
    assert [report["source"] for _, _, report in answers] == [f"burst-{i}" for i in range(200)]
    for i, _, report in answers:
        assert without_source(report) == without_source(cli_reports[names[i]]), i
    assert server.proc.poll() is None
    assert "Traceback" not in server.log.read_text(errors="replace")


# ------------------------------------------------------------------ one request cannot stall the desk
LINE = "Shockat Adam won Leicester South by 979 votes "  # a text whose line breaks were lost: one figure each


@pytest.fixture(scope="module")
def roomy_server(tmp_path_factory):
    """Two workers and budgets large enough for a check that takes many seconds."""
    srv = start_server(tmp_path_factory.mktemp("roomy") / "stderr.log", "--workers", "2",
                       "--max-figures", "20000", "--max-seconds", "300")
    yield srv
    stop_server(srv)


def test_light_requests_are_answered_while_a_heavy_one_runs(roomy_server, cli_reports):
    """A heavy check holds one worker; /healthz and 20 short requests sent meanwhile all come back before it."""
    server = roomy_server
    heavy_text = LINE * 5000  # 5,000 figures: seconds of work, where 20 short checks take about one
    finished: dict[str, float] = {}
    answers: dict[str, httpx.Response] = {}

    def ask(key: str, method: str, path: str, **kwargs) -> None:
        with httpx.Client(base_url=server.url, timeout=300) as client:
            answers[key] = client.request(method, path, **kwargs)
        finished[key] = time.monotonic()

    heavy = threading.Thread(target=ask, args=("heavy", "POST", "/api/check"), kwargs={"json": {"text": heavy_text}})
    heavy.start()
    time.sleep(0.5)  # let the heavy request reach its worker
    sent = time.monotonic()
    with ThreadPoolExecutor(max_workers=21) as pool:
        jobs = [pool.submit(ask, f"light-{i}", "POST", "/api/check", json={"text": TEXTS["short"]}) for i in range(20)]
        jobs.append(pool.submit(ask, "healthz", "GET", "/healthz"))
        for job in jobs:
            job.result()
    heavy.join()
    assert answers["healthz"].status_code == 200
    for i in range(20):
        response = answers[f"light-{i}"]
        assert response.status_code == 200, response.text
        assert without_source(response.json()) == without_source(cli_reports["short"])
    # the heavy one was checked in full, or cut off with a clear answer; either way after every light one
    assert answers["heavy"].status_code in (200, 422), answers["heavy"].text
    if answers["heavy"].status_code == 200:
        assert answers["heavy"].json()["summary"]["claims"] == 5000
    else:
        assert "longer than" in answers["heavy"].json()["error"]
    assert max(finished[k] for k in finished if k != "heavy") < finished["heavy"]
    assert max(finished[k] for k in finished if k != "heavy") - sent < 60  # a generous bound for a loaded machine


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory):
    """One worker, and budgets small enough for a test to go over them."""
    srv = start_server(tmp_path_factory.mktemp("strict") / "stderr.log",
                       "--workers", "1", "--max-figures", "1600", "--max-seconds", "1")
    yield srv
    stop_server(srv)


def test_too_many_figures_is_422_before_any_checking(strict_server):
    with httpx.Client(base_url=strict_server.url, timeout=120) as client:
        started = time.monotonic()
        response = client.post("/api/check", json={"text": LINE * 1700})
        took = time.monotonic() - started
        assert response.status_code == 422
        assert response.json() == {"error": "the article holds 1,700 figures; this server checks at most 1,600 per "
                                            "request (send it in parts, or use factcheck batch)"}
        assert took < 60
        page = client.post("/check", data={"text": LINE * 1700})
        assert page.status_code == 422
        assert "1,700 figures" in LexborHTMLParser(page.text).css_first(".problem").text()


def test_a_check_over_its_time_is_cut_off_with_422_and_the_worker_goes_on(strict_server):
    with httpx.Client(base_url=strict_server.url, timeout=120) as client:
        response = client.post("/api/check", json={"text": LINE * 1500})
        assert response.status_code == 422
        assert response.json()["error"].startswith("checking the article took longer than the 1 s this server allows")
        assert client.get("/healthz").status_code == 200
        after = client.post("/api/check", json={"text": TEXTS["short"]})
        assert after.status_code == 200
        assert after.json()["summary"]["claims"] == 1


def _workers(server: Server) -> list[int]:
    """The server's checking processes: its children started by multiprocessing's spawn."""
    children = Path(f"/proc/{server.proc.pid}/task/{server.proc.pid}/children")
    pids = [int(p) for p in children.read_text().split()]
    return [p for p in pids if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]


def test_a_worker_that_dies_costs_only_its_request(strict_server):
    if not Path(f"/proc/{strict_server.proc.pid}/task").exists():
        pytest.skip("needs /proc")
    [worker] = _workers(strict_server)
    with httpx.Client(base_url=strict_server.url, timeout=120) as client:
        result: dict[str, httpx.Response] = {}
        heavy = threading.Thread(target=lambda: result.setdefault(
            "r", client.post("/api/check", json={"text": LINE * 1500})))
        heavy.start()
        time.sleep(0.3)
        os.kill(worker, signal.SIGKILL)
        heavy.join()
        assert result["r"].status_code == 500
        assert result["r"].json() == {"error": "internal error: the process checking the article stopped"}
        after = client.post("/api/check", json={"text": TEXTS["short"]})
        assert after.status_code == 200
    assert strict_server.proc.poll() is None
    assert "Traceback" not in strict_server.log.read_text(errors="replace")


@pytest.mark.parametrize("option,value,message", [
    ("--workers", "0", "--workers"),
    ("--max-figures", "0", "--max-figures"),
    ("--max-seconds", "0", "--max-seconds"),
])
def test_bad_limits_are_one_error_line_and_exit_2(cli, option, value, message):
    proc = cli("serve", "--port", "0", option, value, timeout=60)
    assert proc.returncode == 2
    assert re.fullmatch(rf"factcheck: error: .*{re.escape(message)}.*\n", proc.stderr.decode()), proc.stderr


def test_a_missing_model_stops_serve_before_it_listens(cli):
    proc = cli("serve", "--port", "0", "--model", "no_such_pipeline", timeout=120)
    assert proc.returncode == 2
    assert re.fullmatch(r"factcheck: error: spaCy pipeline 'no_such_pipeline' is not installed .*\n",
                        proc.stderr.decode()), proc.stderr


def test_a_stopped_server_stops_its_workers(tmp_path):
    srv = start_server(tmp_path / "stderr.log", "--workers", "2")
    workers = _workers(srv) if Path(f"/proc/{srv.proc.pid}/task").exists() else []
    srv.proc.send_signal(signal.SIGTERM)
    srv.proc.wait(timeout=60)
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if Path(f"/proc/{w}").exists()]
    log = srv.log.read_text(errors="replace")
    assert "Traceback" not in log and "leaked" not in log, log
