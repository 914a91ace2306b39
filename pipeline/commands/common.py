"""What every command shares: the same options for the same things, and one-line errors."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from parsers.messages import LANG_ENV, LANGS, Message, render, set_lang
from parsers.settings import OCRMode, check_ocr_switch

DB_HELP = "Store URL or SQLite path (default: $THAIKPI_DB or ./thaikpi.db)."
JOBS_HELP = "Parallel worker processes (default: number of cores)."

DbOption = typer.Option(None, "--db", help=DB_HELP, envvar="THAIKPI_DB")
JobsOption = typer.Option(None, "--jobs", "-j", help=JOBS_HELP, min=1)
OutOption = typer.Option(None, "-o", "--output", help="Output file (or directory where stated).")
JsonOption = typer.Option(False, "--json", help="Machine-readable JSON on stdout.")
StrictOption = typer.Option(
    False, "--strict", help="A record that needs review is a failure (not written or stored; exit status 1)."
)
LangOption = typer.Option(
    "th", "--lang", envvar=LANG_ENV, help=f"Language of the messages and reports: th (default) or en (or ${LANG_ENV})."
)


def check_lang(lang: str) -> None:
    """Check `--lang` (or $THAIKPI_LANG) and make it the language of every message this command
    prints: errors, warnings, progress and summary lines."""
    if lang not in LANGS:
        raise typer.BadParameter(Message("option.lang").text())
    set_lang(lang)


OCR_MODES = tuple(m.value for m in OCRMode)


def check_ocr(mode: str) -> None:
    """`--ocr` and the THAIKPI_OCR switch, checked before any file is read (a typo in either
    is a usage error, not a silent default)."""
    if mode not in OCR_MODES:
        raise typer.BadParameter(Message("option.ocr").text())
    try:
        check_ocr_switch()
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def default_jobs(jobs: int | None) -> int:
    return jobs or os.cpu_count() or 1


def error_line(file: str | Path, reason: str) -> str:
    """The one shape every user-facing error takes; a catalogue message (`parsers.messages`) is
    written in the command's language, `error:` stays as it is."""
    return f"{file}: error: {render(reason)}"


def report_error(file: str | Path, reason: str) -> None:
    print(error_line(file, reason), file=sys.stderr, flush=True)


def report_warning(file: str | Path, reason: str) -> None:
    """Something the user must know that is not a failure (exit status stays 0)."""
    print(f"{file}: warning: {reason}", file=sys.stderr, flush=True)


def missing_results_warning(
    missing: tuple[int, ...], round: int, covered: object, total_weight: object, lang: str = "th"
) -> str:
    """The warning for KPIs a results sheet leaves out: the total then covers only part of the
    weight. Thai by default, English with ``lang="en"`` (wording in :mod:`pipeline.reports.texts`)."""
    from pipeline.reports.texts import texts

    key = "missing_results_one" if len(missing) == 1 else "missing_results_many"
    return texts("en" if lang == "en" else "th")[key].format(
        kpis=", ".join(str(n) for n in missing), round=round, covered=covered, total=total_weight
    )


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a batch scheduler stopping the job) handled as Ctrl-C: finished work is kept,
    the rest is dropped cleanly and the command exits 130."""

    def _raise(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


#: exit status after an interrupt (128 + SIGINT), as shells report it
EXIT_INTERRUPTED = 130
