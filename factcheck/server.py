"""The editorial desk: a local web page and a JSON endpoint over a pool of checking processes.

One request must not stall the desk. Checking is CPU-bound Python, so it
runs in worker processes (`CheckPool`), each with its own `Checker` built
once, when the worker starts, before the server listens: a broken install
fails at start-up, and the first request costs what every other one costs.
The event loop only reads requests, answers `/healthz` and waits: reading
the text, checking it and rendering the page all happen in a worker.

Every request has a budget, and a request over it is cut off with a clear
answer rather than allowed to hold a worker: the body is read against a
size cap before anything parses it, whatever the Content-Length claims
(413); an article with more figures than `max_figures` is refused before it
is checked (422); and a check that runs past `max_seconds` is stopped inside
its worker by an alarm (422). A request that looks heavy (many figures or a
large body) may use all workers but one, so a short request always finds a
worker free while long ones run.
"""
from __future__ import annotations

import asyncio
import codecs
import contextlib
import json
import logging
import os
import re
import signal
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from factcheck.read.ingest import InputError, read_bytes, read_text
from factcheck.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_FIGURES, DEFAULT_MAX_SECONDS, DEFAULT_WORKERS
from factcheck.models import Article

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# what makes a request "heavy": it may not take the last free worker
HEAVY_BYTES = 64 * 1024
HEAVY_FIGURES = 150
API_SOURCE = "api"
PASTED_SOURCE = "pasted text"
LIMIT_CONCURRENCY = 100  # connections beyond this get 503 rather than an ever longer queue

log = logging.getLogger("factcheck.server")

_SNIFF = 8192
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\f\r") + b"\x7f"
# Declared types that are text even though they are not text/*.
_TEXT_TYPES = {"application/json", "application/x-ndjson", "application/jsonl", "application/xhtml+xml",
               "application/xml"}
# Browsers label files they do not recognise (".jsonl", no extension) like this; the bytes decide.
_UNKNOWN_TYPES = {"", "application/octet-stream"}
_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


class Problem(Exception):
    """A request we refuse, with the status and the sentence that says why."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Limits:
    """A request's budget: its body's size, its article's figures and the time its check may take."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_figures: int = DEFAULT_MAX_FIGURES
    max_seconds: float = DEFAULT_MAX_SECONDS


class CheckRequest(BaseModel):
    """The body of POST /api/check; unknown keys are refused so a misspelt "title" is not lost quietly."""

    model_config = ConfigDict(extra="forbid", strict=True)
    text: str
    title: Optional[str] = None
    date: Optional[str] = None
    source: Optional[str] = None


# ------------------------------------------------------------------ reading requests
def _size(n: int) -> str:
    if n >= 1024 * 1024 and n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MiB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KiB"
    return f"{n:,} bytes"


async def _read_capped(request: Request, cap: int) -> bytes:
    too_big = Problem(413, f"the request is larger than the {_size(cap)} limit")
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > cap:
                raise too_big
        except ValueError:
            raise Problem(400, "the Content-Length header is not a number") from None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def _replay(body: bytes):
    sent = False

    async def receive() -> dict:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _media_type(header: Optional[str]) -> str:
    return (header or "").split(";", 1)[0].strip().lower()


def looks_binary(data: bytes) -> bool:
    """The same test the file reader applies: NULs (outside UTF-16) or many control bytes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    sample = data[:_SNIFF]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > 0.1 * len(sample)


def check_upload(content_type: Optional[str], data: bytes, name: str) -> None:
    """Refuse (415) anything that is not text: by its declared type, then by its bytes."""
    media = _media_type(content_type)
    declared_text = media.startswith("text/") or media in _TEXT_TYPES or media.endswith(("+json", "+xml"))
    if not declared_text and media not in _UNKNOWN_TYPES:
        raise Problem(415, f"{name} is {media}, not a text article; upload plain text or HTML")
    if looks_binary(data):
        raise Problem(415, f"{name} looks like a binary file, not a text article; upload plain text or HTML")


def _one_article(articles: list[Article]) -> tuple[Article, list[str]]:
    warnings = [w for a in articles for w in a.warnings]
    if len(articles) > 1:
        warnings.insert(0, f"the input holds {len(articles)} articles; only the first was checked")
    return articles[0], warnings


def _with_meta(article: Article, title: Optional[str], date: Optional[str]) -> Article:
    update = {k: v.strip() for k, v in (("title", title), ("date", date)) if v and v.strip()}
    return article.model_copy(update=update) if update else article


def parse_api_request(body: bytes, content_type: Optional[str]) -> CheckRequest:
    """The JSON body, validated; reading the text it carries is left to the worker."""
    media = _media_type(content_type)
    if media != "application/json" and not media.endswith("+json"):
        raise Problem(415, f"send the article as JSON (Content-Type: application/json), not {media or 'no type'}")
    try:
        payload = json.loads(body)
    except UnicodeDecodeError:
        raise Problem(422, "malformed JSON: the body is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise Problem(422, f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except (ValueError, RecursionError) as exc:
        raise Problem(422, f"malformed JSON: {exc}") from None
    if not isinstance(payload, dict):
        raise Problem(422, 'the body must be a JSON object such as {"text": "…"}')
    try:
        req = CheckRequest.model_validate(payload)
    except ValidationError as exc:
        raise Problem(422, "; ".join(_field_error(e) for e in exc.errors())) from None
    if not req.text.strip():
        raise Problem(422, '"text" is empty')
    return req


def api_article(req: CheckRequest) -> Article:
    try:
        articles = read_text(req.text, req.source or API_SOURCE)
    except InputError as exc:
        raise Problem(422, str(exc)) from None
    if len(articles) > 1:
        raise Problem(422, f'"text" holds {len(articles)} articles (JSON lines or archive records); send one at a time')
    return _with_meta(articles[0], req.title, req.date)


def _field_error(error: dict) -> str:
    where = ".".join(str(p) for p in error.get("loc", ())) or "body"
    if error.get("type") == "extra_forbidden":
        return f'unknown field "{where}" (expected text, title, date, source)'
    if error.get("type") == "missing":
        return f'"{where}" is required'
    return f'"{where}": {error.get("msg", "invalid")}'


# ------------------------------------------------------------------ the workers
# Each worker process holds one Checker, built by the pool's initializer.
_WORKER: dict[str, Any] = {}


class OutOfTime(BaseException):
    """Raised inside a worker by its alarm; a BaseException, so no `except Exception` in the pipeline swallows it."""


def _init_worker(model: str, data_dir: Optional[str], parent: int, election: str = "auto") -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGALRM, _alarm)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    try:
        from factcheck.api import Checker, settle_worker

        _WORKER["checker"] = Checker(model, data_dir, election)
        settle_worker()
    except Exception as exc:  # ModelError, ReferenceDataError: the message is for the user
        _WORKER["error"] = str(exc) or repr(exc)


def _alarm(signum, frame) -> None:
    raise OutOfTime()


def _watch_parent(parent: int) -> None:
    """A server killed outright cannot stop its workers: they notice and leave."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def worker_ready() -> Optional[str]:
    return _WORKER.get("error")


def _budgeted(work, limits: Limits, *args) -> tuple[str, Any]:
    """("ok", result) or ("problem", (status, message)): the work, cut off when it runs past the budget."""
    checker = _WORKER["checker"]
    signal.setitimer(signal.ITIMER_REAL, limits.max_seconds)
    try:
        with checker.nlp.memory_zone():  # frees what spaCy interned for this text
            return "ok", work(checker, limits, *args)
    except Problem as exc:
        return "problem", (exc.status, exc.message)
    except OutOfTime:
        return "problem", (422, too_slow(limits))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def too_slow(limits: Limits) -> str:
    return (f"checking the article took longer than the {limits.max_seconds:g} s this server allows per request; "
            f"send it in parts, or check it with factcheck batch")


def _within_figures(article: Article, limits: Limits) -> None:
    from factcheck.read.figures import find_quantities

    figures = sum(len(find_quantities(line)) for line in article.text.split("\n"))
    if figures > limits.max_figures:
        raise Problem(422, f"the article holds {figures:,} figures; this server checks at most "
                           f"{limits.max_figures:,} per request (send it in parts, or use factcheck batch)")


def _api_work(checker, limits: Limits, req: CheckRequest) -> str:
    article = api_article(req)
    _within_figures(article, limits)
    return checker.check(article).model_dump_json()


def _page_work(checker, limits: Limits, fields: dict[str, str], data: bytes, name: str,
               content_type: Optional[str]) -> str:
    from factcheck.report.html import render_html

    article, warnings = _form_article(fields, data, name, content_type)
    _within_figures(article, limits)
    report = checker.check(article)
    return render_html(report, article, back={"href": "/", "label": "← Check another article"}, warnings=warnings)


def api_task(req: CheckRequest, limits: Limits) -> tuple[str, Any]:
    return _budgeted(_api_work, limits, req)


def page_task(fields: dict[str, str], data: bytes, name: str, content_type: Optional[str],
              limits: Limits) -> tuple[str, Any]:
    return _budgeted(_page_work, limits, fields, data, name, content_type)


class StartError(Exception):
    """The workers could not build their Checker (a missing model, broken reference data)."""


class CheckPool:
    """Worker processes, each with its own Checker; heavy requests may not take the last free one."""

    def __init__(self, model: str, data_dir: Optional[str] = None, workers: int = DEFAULT_WORKERS,
                 election: str = "auto"):
        self.model, self.data_dir, self.workers, self.election = model, data_dir, max(1, workers), election
        self._pool = None
        self._lock = threading.Lock()
        self._heavy: Optional[asyncio.Semaphore] = None

    def start(self) -> None:
        """Start every worker now, in parallel, and surface a broken install as one message."""
        self._pool = self._new_pool()
        try:
            probes = [self._pool.submit(worker_ready) for _ in range(self.workers)]
            for probe in probes:
                try:
                    error = probe.result()
                except Exception as exc:
                    error = f"worker processes cannot start: {exc}"
                if error:
                    raise StartError(error)
        except BaseException:  # a StartError, or the server stopped while its workers were loading
            self.close()
            raise

    def _new_pool(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: the server runs threads, and fork with threads can deadlock
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(self.model, self.data_dir, os.getpid(),
                                                                       self.election))

    async def run(self, heavy: bool, fn, *args) -> tuple[str, Any]:
        if self._heavy is None:  # made here, on the server's own event loop
            self._heavy = asyncio.Semaphore(max(1, self.workers - 1))
        if heavy:
            async with self._heavy:
                return await self._submit(fn, *args)
        return await self._submit(fn, *args)

    async def _submit(self, fn, *args) -> tuple[str, Any]:
        from concurrent.futures.process import BrokenProcessPool

        pool = self._pool
        try:
            return await asyncio.wrap_future(pool.submit(fn, *args))
        except BrokenProcessPool:
            # a worker died (killed, out of memory): the pool is unusable, so a fresh one takes its place
            with self._lock:
                if self._pool is pool:
                    self._pool = self._new_pool()
            log.error("a worker process died while checking an article; the workers were restarted")
            return "problem", (500, "internal error: the process checking the article stopped")
        except OutOfTime:  # the alarm rang just as the work ended
            return "problem", (422, "checking the article took longer than this server allows per request")

    def close(self) -> None:
        """Queued checks are cancelled; running ones end within their time budget.

        Workers are not killed from here: one killed while it sends a result
        leaves half a message in the pool's pipe, and the pool then waits for
        the rest of it forever.
        """
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


_DIGIT_RUN = re.compile(rb"\d+")


def looks_heavy(body: bytes) -> bool:
    """A guess from the raw body, made before anything is parsed: large, or many numbers."""
    if len(body) > HEAVY_BYTES:
        return True
    return sum(1 for _ in _DIGIT_RUN.finditer(body)) > HEAVY_FIGURES


# ------------------------------------------------------------------ the app
def create_app(pool: CheckPool, *, limits: Limits = Limits(), on_ready=None) -> Starlette:
    """The web app around a started `CheckPool` (its workers built once by the caller).

    `on_ready` is called once the server handles stopping signals itself, so
    a stop from then on always stops the workers too.
    """
    from factcheck.report.html import page_csp, render_page, report_csp

    max_bytes = limits.max_bytes

    def desk_page(status: int = 200, problem: Optional[str] = None, **fields: str) -> HTMLResponse:
        page = render_page("desk.html.j2", form_action="'self'", problem=problem, max_size=_size(max_bytes),
                           text=fields.get("text", ""), title=fields.get("title", ""), date=fields.get("date", ""))
        return _html(page, page_csp(None, "'self'"), status)

    async def home(request: Request) -> Response:
        return desk_page()

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"}, headers=_HEADERS)

    async def api_check(request: Request) -> Response:
        try:
            body = await _read_capped(request, max_bytes)
            req = parse_api_request(body, request.headers.get("content-type"))
            outcome, result = await pool.run(looks_heavy(body), api_task, req, limits)
            if outcome == "problem":
                raise Problem(*result)
        except Problem as exc:
            return JSONResponse({"error": exc.message}, status_code=exc.status, headers=_HEADERS)
        except ClientDisconnect:
            return Response(status_code=400)
        except Exception:
            log.exception("internal error while checking an article")
            return JSONResponse({"error": "internal error while checking the article"}, status_code=500,
                                headers=_HEADERS)
        return Response(result, media_type="application/json", headers=_HEADERS)

    async def page_check(request: Request) -> Response:
        fields: dict[str, str] = {}
        try:
            body = await _read_capped(request, max_bytes)
            media = _media_type(request.headers.get("content-type"))
            if media not in ("multipart/form-data", "application/x-www-form-urlencoded"):
                raise Problem(415, "send the form from the page (multipart/form-data)")
            replay = Request(request.scope, receive=_replay(body))
            async with replay.form(max_files=1, max_fields=8, max_part_size=max_bytes) as form:
                fields = {k: v for k, v in form.items() if isinstance(v, str)}
                upload = form.get("file")
                data = await upload.read() if isinstance(upload, UploadFile) else b""
                name = (upload.filename or "the file") if isinstance(upload, UploadFile) else ""
                content_type = upload.content_type if isinstance(upload, UploadFile) else None
            outcome, result = await pool.run(looks_heavy(body), page_task, fields, data, name, content_type, limits)
            if outcome == "problem":
                raise Problem(*result)
        except Problem as exc:
            return desk_page(exc.status, exc.message, **fields)
        except ClientDisconnect:
            return Response(status_code=400)
        except Exception as exc:
            if getattr(exc, "status_code", None) == 400:  # starlette's own form-parsing errors
                return desk_page(400, str(getattr(exc, "detail", exc)), **fields)
            log.exception("internal error while checking an article")
            return desk_page(500, "internal error while checking the article", **fields)
        return _html(result, report_csp())

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        # uvicorn re-raises a stopping signal once it has shut down, which ends the process before
        # anything after it runs; the workers are stopped here, while the server shuts down
        if on_ready is not None:
            on_ready()
        yield
        await asyncio.get_running_loop().run_in_executor(None, pool.close)

    app = Starlette(routes=[
        Route("/", home, methods=["GET"]),
        Route("/check", page_check, methods=["POST"]),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
    ], lifespan=lifespan)
    app.state.pool = pool
    app.state.limits = limits
    return app


def _form_article(fields: dict[str, str], data: bytes, name: str,
                  content_type: Optional[str]) -> tuple[Article, list[str]]:
    text = fields.get("text", "")
    warnings: list[str] = []
    try:
        if data:
            check_upload(content_type, data, name)
            articles = read_bytes(data, name)
            if text.strip():
                warnings.append("both a file and pasted text were given; the file was checked")
        elif text.strip():
            articles = read_text(text, PASTED_SOURCE)
        else:
            raise Problem(422, "paste the article's text or choose its file")
    except InputError as exc:
        raise Problem(422, str(exc)) from None
    article, more = _one_article(articles)
    return _with_meta(article, fields.get("title"), fields.get("date")), warnings + more


def _html(page: str, csp: str, status: int = 200) -> HTMLResponse:
    # The page's <meta> carries the same policy; the header also covers what comes before it.
    return HTMLResponse(page, status_code=status, headers=dict(_HEADERS, **{"Content-Security-Policy": csp}))


# ------------------------------------------------------------------ running it
def bind(host: str, port: int) -> socket.socket:
    """Listen before serving, so a taken port is one clear error and port 0 can be reported."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, _, _, _, address = infos[0]
    return socket.create_server(address[:2], family=family, backlog=128)


def is_loopback(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    import ipaddress

    return all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


def serve(pool: CheckPool, sock: socket.socket, *, limits: Limits = Limits(), access_log: bool = True,
          on_ready=None) -> None:
    import uvicorn

    config = uvicorn.Config(
        create_app(pool, limits=limits, on_ready=on_ready),
        log_level="info",
        access_log=access_log,
        limit_concurrency=LIMIT_CONCURRENCY,
        server_header=False,
        proxy_headers=False,
        lifespan="on",
    )
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        pool.close()
