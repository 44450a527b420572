"""The editorial desk: a local web page and a JSON endpoint over one loaded `Checker`.

The pipeline and the reference tables are loaded once, before the server
listens, so the first request costs what every other one costs and a broken
install fails at start-up instead of on an editor's first article.

Checks run one at a time on a single worker thread. The work is CPU-bound
Python, so more threads would not check faster, and the spaCy pipeline and
the linker's context are not meant to be shared by concurrent calls; the
event loop meanwhile keeps accepting requests, which queue for the worker.

Every request body is read against a size cap before anything parses it,
whatever the Content-Length claims, so a huge upload costs at most the cap.
"""
from __future__ import annotations

import asyncio
import codecs
import json
import logging
import socket
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from factcheck.read.ingest import InputError, read_bytes, read_text
from factcheck.models import Article, Report

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_BYTES = 1024 * 1024
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


def parse_api_request(body: bytes, content_type: Optional[str]) -> tuple[Article, CheckRequest]:
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
    try:
        articles = read_text(req.text, req.source or API_SOURCE)
    except InputError as exc:
        raise Problem(422, str(exc)) from None
    if len(articles) > 1:
        raise Problem(422, f'"text" holds {len(articles)} articles (JSON lines or archive records); send one at a time')
    return _with_meta(articles[0], req.title, req.date), req


def _field_error(error: dict) -> str:
    where = ".".join(str(p) for p in error.get("loc", ())) or "body"
    if error.get("type") == "extra_forbidden":
        return f'unknown field "{where}" (expected text, title, date, source)'
    if error.get("type") == "missing":
        return f'"{where}" is required'
    return f'"{where}": {error.get("msg", "invalid")}'


# ------------------------------------------------------------------ the app
def create_app(checker, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Starlette:
    """The web app around an already loaded `Checker` (built once by the caller)."""
    from factcheck.report.html import page_csp, render_html, render_page, report_csp

    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factcheck-check")

    async def run(fn, *args) -> Any:
        return await asyncio.get_running_loop().run_in_executor(worker, fn, *args)

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
            article, _ = parse_api_request(body, request.headers.get("content-type"))
            report: Report = await run(checker.check, article)
        except Problem as exc:
            return JSONResponse({"error": exc.message}, status_code=exc.status, headers=_HEADERS)
        except ClientDisconnect:
            return Response(status_code=400)
        except Exception:
            log.exception("internal error while checking an article")
            return JSONResponse({"error": "internal error while checking the article"}, status_code=500,
                                headers=_HEADERS)
        return Response(report.model_dump_json(), media_type="application/json", headers=_HEADERS)

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
            report, article, warnings = await run(_check_form, checker, fields, data, name, content_type)
        except Problem as exc:
            return desk_page(exc.status, exc.message, **fields)
        except ClientDisconnect:
            return Response(status_code=400)
        except Exception as exc:
            if getattr(exc, "status_code", None) == 400:  # starlette's own form-parsing errors
                return desk_page(400, str(getattr(exc, "detail", exc)), **fields)
            log.exception("internal error while checking an article")
            return desk_page(500, "internal error while checking the article", **fields)
        page = render_html(report, article, back={"href": "/", "label": "← Check another article"},
                           warnings=warnings)
        return _html(page, report_csp())

    app = Starlette(routes=[
        Route("/", home, methods=["GET"]),
        Route("/check", page_check, methods=["POST"]),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
    ])
    app.state.checker = checker
    app.state.max_bytes = max_bytes
    return app


def _check_form(checker, fields: dict[str, str], data: bytes, name: str,
                content_type: Optional[str]) -> tuple[Report, Article, list[str]]:
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
    article = _with_meta(article, fields.get("title"), fields.get("date"))
    return checker.check(article), article, warnings + more


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


def serve(checker, sock: socket.socket, *, max_bytes: int = DEFAULT_MAX_BYTES, access_log: bool = True) -> None:
    import uvicorn

    config = uvicorn.Config(
        create_app(checker, max_bytes=max_bytes),
        log_level="info",
        access_log=access_log,
        limit_concurrency=LIMIT_CONCURRENCY,
        server_header=False,
        proxy_headers=False,
        lifespan="off",
    )
    uvicorn.Server(config).run(sockets=[sock])
