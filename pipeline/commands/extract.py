"""`thaikpi extract FILE.pdf… -o DIR [--jobs N]`: one record JSON per agreement, one error line per bad file."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from pipeline.batch import Outcome
from pipeline.commands.common import (
    EXIT_INTERRUPTED,
    LangOption,
    StrictOption,
    check_lang,
    check_ocr,
    default_jobs,
    error_line,
    report_error,
    sigterm_as_interrupt,
)

if TYPE_CHECKING:
    from pipeline.models import Reason


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a reader never sees half a record."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def record_json(record_dict: dict[str, object]) -> str:
    return json.dumps(record_dict, ensure_ascii=False, indent=2) + "\n"


def _extract_to_dict(path: Path, max_pages: int, ocr: str, ocr_jobs: int) -> dict[str, object]:
    from pipeline.extract import OCRMode, ReadSettings, extract_file

    return extract_file(path, ReadSettings(max_pages=max_pages, ocr=OCRMode(ocr), jobs=ocr_jobs)).to_json_dict()


def _reasons(record: dict[str, Any]) -> list[Reason]:
    """The reasons a record (as JSON data) needs review; none when it is ok."""
    from pipeline.models import Reason

    quality = record.get("quality") or {}
    return [Reason.model_validate(r) for r in quality.get("reasons", [])]


def _one(outcome: Outcome, out: Path, stdout: bool, strict: bool, lang: str) -> tuple[int, int, int, int, int]:
    """Write (or report) one file's result; its counts: failed, written, needing review, KPIs, findings."""
    from parsers.messages import Message
    from pipeline.quality import (  # the records' models: not at start-up
        REVIEW_WORDS,
        reason_text,
        review_line,
    )

    stem = outcome.path.stem
    reasons = _reasons(outcome.value) if outcome.ok else []
    if outcome.ok and strict and reasons:
        why = "; ".join(reason_text(r, lang) for r in reasons)
        outcome = replace(outcome, error=f"{REVIEW_WORDS[lang][0]} (--strict): {why}")
        reasons = []
    if not outcome.ok:
        line = error_line(outcome.path, outcome.error or Message("batch.failed"))
        print(line, file=sys.stderr, flush=True)
        if not stdout:
            write_atomic(out / f"{stem}.error", line + "\n")
            (out / f"{stem}.json").unlink(missing_ok=True)
        return 1, 0, 0, 0, 0
    record = outcome.value
    if reasons:
        print(review_line(str(outcome.path), reasons, lang), file=sys.stderr, flush=True)
    if stdout:
        sys.stdout.write(record_json(record))
    else:
        write_atomic(out / f"{stem}.json", record_json(record))
        (out / f"{stem}.error").unlink(missing_ok=True)
    return 0, 1, int(bool(reasons)), len(record.get("kpis", [])), len(record.get("findings", []))


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_cmd(
        files: list[Path] = typer.Argument(..., help="Agreement PDFs."),
        out: Path = typer.Option(Path("out/records"), "-o", "--output", help="Directory for <stem>.json records."),
        jobs: int = typer.Option(None, "--jobs", "-j", min=1, help="Parallel worker processes (default: cores)."),
        max_pages: int = typer.Option(500, "--max-pages", min=1, help="Refuse files with more pages."),
        timeout: float = typer.Option(300.0, "--timeout", min=1, help="Seconds allowed per file."),
        max_memory: int = typer.Option(4096, "--max-memory", min=256, help="MB of memory allowed per file."),
        ocr: str = typer.Option("auto", "--ocr", help="auto | never | always"),
        stdout: bool = typer.Option(False, "--stdout", help="Print the record of a single file instead."),
        strict: bool = StrictOption,
        lang: str = LangOption,
    ) -> None:
        """Extract agreements into validated records (schema_version 1, with a quality verdict).

        A record that needs review is written, and a line on stderr says why; with --strict it
        is a failure instead."""
        import pipeline.extract  # noqa: F401  (imported once here; forked workers inherit it)
        from parsers.messages import Message
        from pipeline.batch import in_input_order, run_batch

        check_ocr(ocr)
        check_lang(lang)
        if stdout and len(files) > 1:
            report_error("--stdout", Message("extract.stdout_one"))
            raise typer.Exit(1)
        if not stdout:
            try:
                out.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                report_error(out, Message("extract.mkdir_failed", why=exc.strerror or str(exc)))
                raise typer.Exit(1) from None
        # records are named by file stem: two inputs with one stem would overwrite each other
        seen: dict[str, Path] = {}
        clashes: list[Path] = []
        for f in files:
            if not stdout and f.stem in seen and seen[f.stem] != f:
                report_error(f, Message("extract.same_name", other=seen[f.stem]))
                clashes.append(f)
            seen.setdefault(f.stem, f)
        files = [f for f in files if f not in clashes]
        # cores the batch leaves idle go to the OCR of each file's scanned pages
        ocr_jobs = max(1, default_jobs(jobs) // max(1, len(files)))
        fn = partial(_extract_to_dict, max_pages=max_pages, ocr=ocr, ocr_jobs=ocr_jobs)
        failed = kpis = findings = done = review = 0
        started: list[Path] = []
        finished: set[Path] = set()
        try:
            with sigterm_as_interrupt():
                batch = run_batch(fn, files, default_jobs(jobs), timeout, max_memory, on_start=started.append)
                for outcome in in_input_order(batch, files):
                    finished.add(outcome.path)
                    counts = _one(outcome, out, stdout, strict, lang)
                    failed, done, review = failed + counts[0], done + counts[1], review + counts[2]
                    kpis, findings = kpis + counts[3], findings + counts[4]
        except KeyboardInterrupt:
            dropped = len([p for p in started if p not in finished])
            print(
                Message("extract.interrupted", done=done, not_started=len(files) - len(started), dropped=dropped).text(),
                file=sys.stderr,
                flush=True,
            )
            raise typer.Exit(EXIT_INTERRUPTED) from None
        summary = Message(
            "extract.summary", files=len(files) + len(clashes), records=done, kpis=kpis, findings=findings,
            review=review, failed=failed + len(clashes),
        )
        print(
            summary.text(),
            file=sys.stderr,
        )
        if failed or clashes:
            raise typer.Exit(1)
