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

def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"thaikpi {version('thaikpi')}")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
            print("thaikpi (not installed)")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version, help="Print the version and exit."),
) -> None:
    """Read Thai performance agreements (คำรับรองการปฏิบัติราชการ) from PDF, score and report them."""


# Command modules, in the order `--help` lists them. A module that is missing is skipped, so the
# CLI keeps working while a part is being built.
COMMAND_MODULES = ("text", "doctor", "extract", "ingest", "records", "corrections", "score", "reports")


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
        from typer._click import exceptions as click_errors  # typer ≥ 0.20 vendors click
    except ImportError:  # pragma: no cover - older typer uses click itself
        from click import exceptions as click_errors  # type: ignore[no-redef]

    try:
        status = app(standalone_mode=False, prog_name="thaikpi")
    except ThaiKPIError as exc:
        print(exc.line(), file=sys.stderr)
        sys.exit(1)
    except click_errors.NoArgsIsHelpError:
        sys.exit(2)  # the help has been printed
    except click_errors.UsageError as exc:
        # a mistyped command line: one line, like every other error, and where to find help
        where = exc.ctx.command_path if exc.ctx else "thaikpi"
        print(f"{where}: error: {exc.format_message()} (see '{where} --help')", file=sys.stderr)
        sys.exit(exc.exit_code)
    except click_errors.ClickException as exc:
        print(f"thaikpi: error: {exc.format_message()}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        print("error: interrupted", file=sys.stderr)
        sys.exit(130)
    sys.exit(status if isinstance(status, int) else 0)


if __name__ == "__main__":
    main()
