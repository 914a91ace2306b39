"""`thaikpi ingest FILE.pdf… [--db URL] [--jobs N]`: extract, validate and store a batch of agreements."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from pipeline.commands.common import (
    EXIT_INTERRUPTED,
    DbOption,
    JobsOption,
    JsonOption,
    LangOption,
    StrictOption,
    check_lang,
    check_ocr,
    default_jobs,
    sigterm_as_interrupt,
)


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_cmd(
        files: list[Path] = typer.Argument(..., help="Agreement PDFs."),
        db: str | None = DbOption,
        jobs: int | None = JobsOption,
        ocr: str = typer.Option("auto", "--ocr", help="auto | never | always"),
        max_pages: int = typer.Option(500, "--max-pages", min=1, help="Refuse files with more pages."),
        timeout: float = typer.Option(300.0, "--timeout", min=1, help="Seconds allowed per file."),
        max_memory: int = typer.Option(4096, "--max-memory", min=256, help="MB of memory allowed per file."),
        as_json: bool = JsonOption,
        strict: bool = StrictOption,
        lang: str = LangOption,
        cluster: str = typer.Option(
            None, "--cluster", envvar="THAIKPI_CLUSTER",
            help="Read on a Dask cluster: its scheduler's address (tcp://HOST:PORT). Storing stays here.",
        ),
        send_files: bool = typer.Option(
            False, "--send-files", help="With --cluster: send the files' bytes (workers do not share the path)."
        ),
    ) -> None:
        """Extract agreements into the store, one transaction each.

        Re-ingesting the same PDF changes nothing; a new PDF for the same unit and fiscal year
        becomes a new version and the previous one is kept. Exit status 1 if any file failed.
        """
        from parsers.messages import render
        from pipeline import extract
        from pipeline.errors import StoreError, ThaiKPIError
        from pipeline.ingest import Interrupted, Outcome, run_ingest
        from pipeline.store import Store

        check_ocr(ocr)
        check_lang(lang)
        # cores the batch leaves idle go to the OCR of each file's scanned pages
        ocr_jobs = max(1, default_jobs(jobs) // max(1, len(files)))
        settings = extract.ReadSettings(max_pages=max_pages, timeout=timeout, ocr=extract.OCRMode(ocr), jobs=ocr_jobs)
        try:
            store = Store.open(db)
        except StoreError as exc:
            print(exc.line(), file=sys.stderr)
            raise typer.Exit(1) from None
        try:
            with store, sigterm_as_interrupt():
                outcomes = run_ingest(
                    files,
                    store,
                    extractor=extract.extract_file,
                    settings=settings,
                    jobs=default_jobs(jobs),
                    memory_mb=max_memory,
                    strict=strict,
                    lang=lang,
                    cluster=cluster,
                    send_files=send_files,
                )
        except Interrupted as stop:
            print(stop.line(lang), file=sys.stderr, flush=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except ThaiKPIError as exc:  # the cluster cannot be reached
            print(exc.line(), file=sys.stderr, flush=True)
            raise typer.Exit(1) from None
        if as_json:
            import json

            rows = [
                {
                    "file": o.file, "outcome": o.outcome.value.replace(" ", "_"), "id": o.id, "version": o.version,
                    "previous_id": o.previous_id, "reason": render(o.reason) if o.reason is not None else None,
                    "needs_review": bool(o.review), "review": [r.model_dump(mode="json") for r in o.review],
                    "corrections_inherited": o.inherited, "corrections_in_conflict": o.conflicts,
                }
                for o in outcomes
            ]
            json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        if any(o.outcome is Outcome.FAILED for o in outcomes):
            raise typer.Exit(1)
