"""The house rules of the package layout, checked on the source (docs/architecture.md).

Stages only import stages before them: nothing under `parsers/` imports `pipeline`, and within
`parsers/` the text layer (`pdf`), Thai values (`thai`) and OCR never import the section parsers.
Source files stay small enough to read in one sitting.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "parsers").rglob("*.py")) + sorted((ROOT / "pipeline").rglob("*.py"))
SOURCES = [p for p in SOURCES if "migrations" not in p.parts]

#: package → packages it must never import (higher stages)
FORBIDDEN = {
    "parsers": ("pipeline",),
    "parsers.thai": ("parsers.pdf", "parsers.ocr", "parsers.sections"),
    "parsers.pdf": ("parsers.ocr", "parsers.sections"),
    "parsers.ocr": ("parsers.sections",),
}


def _module(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append(node.module)
    return out


def test_sources_found() -> None:
    assert len(SOURCES) > 40


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_import_runs_back_up(path: Path) -> None:
    module = _module(path)
    bad = [
        imported
        for package, banned in FORBIDDEN.items()
        if module == package or module.startswith(package + ".")
        for imported in _imports(path)
        for b in banned
        if imported == b or imported.startswith(b + ".")
    ]
    assert not bad, f"{module} imports a later stage: {bad}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_source_file_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 900


def test_rule_catches_a_backward_import(tmp_path: Path) -> None:
    """The check itself can fail: a parser importing pipeline is seen."""
    bad = tmp_path / "x.py"
    bad.write_text("from pipeline.models import KPI\nimport parsers.sections.cover\n", encoding="utf-8")
    assert _imports(bad) == ["pipeline.models", "parsers.sections.cover"]
