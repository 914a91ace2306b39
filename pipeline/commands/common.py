"""What every command shares: the same options for the same things, and one-line errors."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

DB_HELP = "Store URL or SQLite path (default: $THAIKPI_DB or ./thaikpi.db)."
JOBS_HELP = "Parallel worker processes (default: number of cores)."

DbOption = typer.Option(None, "--db", help=DB_HELP, envvar="THAIKPI_DB")
JobsOption = typer.Option(None, "--jobs", "-j", help=JOBS_HELP, min=1)
OutOption = typer.Option(None, "-o", "--output", help="Output file (or directory where stated).")
JsonOption = typer.Option(False, "--json", help="Machine-readable JSON on stdout.")


def default_jobs(jobs: int | None) -> int:
    return jobs or os.cpu_count() or 1


def error_line(file: str | Path, reason: str) -> str:
    """The one shape every user-facing error takes."""
    return f"{file}: error: {reason}"


def report_error(file: str | Path, reason: str) -> None:
    print(error_line(file, reason), file=sys.stderr, flush=True)
