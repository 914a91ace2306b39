"""The `thaikpi` command line. Each command lives in `pipeline/commands/<name>.py` and registers
itself here; this module only wires them together and turns user errors into one line each."""

from __future__ import annotations

import importlib
import os
import re
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


def _argv_lang(args: list[str]) -> str | None:
    """`--lang X` as given on the command line, read before click parses it: a usage error (or
    an error before the command starts) is said in the language asked for."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value in ("th", "en"):
            return value
    return None


#: click's own wording of a usage error → the catalogue key and values of the Thai sentence
_CLICK_WORDING = (
    (re.compile(r"No such option: (\S+) \(Possible options: (.+)\)"), "cli.possible"),
    (re.compile(r"No such option: (\S+)"), "cli.no_such_option"),
    (re.compile(r"Missing (argument|option|parameter) (.+?)\."), "cli.missing"),
    (re.compile(r"Option (\S+) requires an argument\."), "cli.needs_value"),
    (re.compile(r"No such command (\S+)\. Did you mean (.+)\?"), "cli.no_such_command_hint"),
    (re.compile(r"No such command (.+)\."), "cli.no_such_command"),
    (re.compile(r"Got unexpected extra arguments? \((.+)\)"), "cli.extra_args"),
    (re.compile(r"Invalid value for (.+?): (.*)", re.S), "cli.bad_value"),
    (re.compile(r"Invalid value: (.*)", re.S), "cli.bad_value_plain"),
)


def usage_reason(message: str, lang: str) -> str:
    """A click usage message in `lang`: English as click says it, Thai from the catalogue for the
    usual mistakes (the values, option names and anything else stay as click wrote them)."""
    from parsers.messages import Message

    if lang == "en":
        return message
    for pattern, key in _CLICK_WORDING:
        found = pattern.fullmatch(message.strip())
        if found is None:
            continue
        g = found.groups()
        if key == "cli.no_such_command_hint":
            return Message(key, name=g[0], options=g[1]).text(lang)
        if key == "cli.possible":
            return Message(key, detail=Message("cli.no_such_option", name=g[0]), options=g[1]).text(lang)
        if key == "cli.missing":
            return Message(key, kind=Message(f"word.{g[0]}"), hint=g[1]).text(lang)
        if key == "cli.bad_value":
            return Message(key, what=g[0], detail=g[1]).text(lang)
        if key == "cli.bad_value_plain":
            return Message(key, detail=g[0]).text(lang)
        name = {"cli.extra_args": "args"}.get(key, "name")
        return Message(key, **{name: g[0]}).text(lang)
    return message


def main() -> None:
    """Console-script entry point: no tracebacks for users, exit status 1 on failure. Messages
    are Thai unless `--lang en` or THAIKPI_LANG=en says otherwise."""
    from parsers.messages import Message, current_lang, set_lang
    from pipeline.errors import ThaiKPIError

    set_lang(_argv_lang(sys.argv[1:]))

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
        lang = current_lang()
        detail = usage_reason(exc.format_message(), lang)
        print(f"{where}: error: {Message('cli.see_help', detail=detail, where=where).text(lang)}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except click_errors.ClickException as exc:
        print(f"thaikpi: error: {exc.format_message()}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        print(f"error: {Message('cli.interrupted').text()}", file=sys.stderr)
        sys.exit(130)
    sys.exit(status if isinstance(status, int) else 0)


if __name__ == "__main__":
    main()
