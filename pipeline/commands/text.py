"""`thaikpi text FILE.pdf [--pages 1-5]`: the repaired text, page by page."""

from __future__ import annotations

from pathlib import Path

import typer

from pipeline.commands.common import JobsOption, LangOption, check_lang, check_ocr, default_jobs, report_error
from pipeline.errors import ThaiKPIError


def register(app: typer.Typer) -> None:
    @app.command("text")
    def text_cmd(
        file: Path = typer.Argument(..., help="PDF file."),
        pages: str = typer.Option(None, "--pages", "-p", help="Pages to print, e.g. 1-5,8."),
        ocr: str = typer.Option("auto", "--ocr", help="auto | never | always"),
        jobs: int | None = JobsOption,
        lang: str = LangOption,
    ) -> None:
        """Print the repaired Thai text of a PDF (marks in order, ำ composed, real spaces only)."""
        from pipeline.textlayer import file_text

        check_lang(lang)
        check_ocr(ocr)
        try:
            for number, text in file_text(file, pages, ocr, default_jobs(jobs)):
                typer.echo(f"--- page {number} ---")
                typer.echo(text)
        except ThaiKPIError as exc:
            report_error(file, exc.reason)
            raise typer.Exit(1) from None
