"""The `thaikpi` command line. Each command lives in `pipeline/commands/<name>.py` and registers
itself here; this module only wires them together and turns user errors into one line each."""

from __future__ import annotations

import importlib
import os
import sys

import typer

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Read Thai performance agreements (คำรับรองการปฏิบัติราชการ) from PDF, score and report them.",
)

# Command modules, in the order `--help` lists them. A module that is missing is skipped, so the
# CLI keeps working while a part is being built.
COMMAND_MODULES = ("text", "doctor", "extract", "ingest", "records", "score", "reports")


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"pipeline.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"pipeline.commands.{name}":
                continue
            raise
        module.register(app)


_register_all()


def main() -> None:
    """Console-script entry point: no tracebacks for users, exit status 1 on failure."""
    from pipeline.errors import ThaiKPIError

    try:
        app()
    except ThaiKPIError as exc:
        print(exc.line(), file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
