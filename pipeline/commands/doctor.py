"""`thaikpi doctor FILE.pdf… [--json]`: per-page text-layer health before and after repair."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from pipeline.commands.common import LangOption, check_lang, report_error
from pipeline.errors import ThaiKPIError


def register(app: typer.Typer) -> None:
    @app.command("doctor")
    def doctor_cmd(
        files: list[Path] = typer.Argument(..., help="PDF files."),
        pages: str = typer.Option(None, "--pages", "-p", help="Pages to check, e.g. 1-5."),
        as_json: bool = typer.Option(False, "--json", help="Machine-readable JSON on stdout."),
        lang: str = LangOption,
    ) -> None:
        """Check each page's Thai text layer: bad marks, PUA, unmapped glyphs, lost rings of ำ,
        spaced-out letters, dictionary coverage (before → after repair)."""
        from rich.console import Console
        from rich.table import Table

        from pipeline.textlayer import file_health, summarize

        def cov(value: object) -> str:
            # a page (or file) without Thai letters has no coverage to show
            return f"{value:.3f}" if isinstance(value, float) else "-"

        check_lang(lang)
        failed = False
        results: list[dict[str, object]] = []
        console = Console()
        for f in files:
            try:
                health = file_health(f, pages)
            except ThaiKPIError as exc:
                report_error(f, exc.reason)
                failed = True
                continue
            summary = summarize(health)
            results.append(
                {
                    "file": f.name,
                    "summary": summary,
                    "pages": [
                        {"page": h.page, "verdict": h.verdict, "before": h.before.as_dict(), "after": h.after.as_dict()}
                        for h in health
                    ],
                }
            )
            if as_json:
                continue
            t = Table(title=f"{f.name}", show_lines=False)
            for col in (
                "page", "verdict", "coverage before", "coverage after", "dangling", "nikhahit", "PUA", "unmapped",
                "dropped", "lost ำ", "spaced",
            ):
                t.add_column(col, justify="right")
            for h in health:
                b, a = h.before, h.after
                t.add_row(
                    str(h.page), h.verdict,
                    cov(b.coverage if b.thai_letters else None), cov(a.coverage if a.thai_letters else None),
                    f"{b.dangling_marks}→{a.dangling_marks}", f"{b.stray_nikhahit}→{a.stray_nikhahit}",
                    f"{b.pua}→{a.pua}", f"{b.unmapped}→{a.unmapped}", str(a.dropped),
                    f"{b.lost_am}→{a.lost_am}", f"{b.spaced}→{a.spaced}",
                )
            console.print(t)
            s_before, s_after = summary["before"], summary["after"]
            assert isinstance(s_before, dict) and isinstance(s_after, dict)
            console.print(
                f"[bold]{f.name}[/]: {summary['pages']} pages, verdicts {summary['verdicts']}; "
                f"coverage {cov(s_before['coverage'])} → {cov(s_after['coverage'])}, "
                f"dangling/1000 {s_before['dangling_per_1000']} → {s_after['dangling_per_1000']}, "
                f"PUA {s_before['pua']} → {s_after['pua']}, unmapped {s_before['unmapped']} → {s_after['unmapped']} "
                f"({s_after['dropped']} fragments dropped), lost ำ {s_before['lost_am']} → {s_after['lost_am']}, "
                f"spaced letters {s_before['spaced']} → {s_after['spaced']}"
            )
        if as_json:
            json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        if failed:
            raise typer.Exit(1)
