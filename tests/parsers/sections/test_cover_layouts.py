"""The cover read from real PDFs laid out the ways covers are: signature blocks side by side in a
borderless two-column table (whose columns a producer breaks into lines of their own, on baselines
of their own, a long name wrapped inside its column), and the ministry printed with the unit.

Agreements are drawn by `tests.synthetic.factory`, their layout pinned to the case, and written
by ReportLab (no LibreOffice needed); only the first pages are read, through the same
`read_cover` as `extract`. The committed sweep sample adds LibreOffice's way of breaking the same
table (`tests/data/sweep/`).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from parsers.pdf.document import GlyphRecovery, iter_pages, open_pdf
from parsers.sections.agreement import read_cover
from parsers.sections.cover import CoverInfo
from tests.synthetic.factory import Spec, generate
from tests.synthetic.producers import produce_reportlab

SWEEP = Path(__file__).resolve().parents[2] / "data" / "sweep"


def _cover_of(pdf: Path) -> CoverInfo:
    """The cover as `extract` reads it, from the first three pages only (the signatures may be
    overleaf; the rest of the agreement does not matter here)."""
    doc = open_pdf(pdf)
    try:
        pages = list(iter_pages(doc, pages=[1, 2, 3], recovery=GlyphRecovery(pdf)))
    finally:
        doc.close()
    return read_cover(pages)


def _spec(seed: int, **layout: Any) -> Spec:
    """Agreement `seed` with its layout pinned: no KPI templates (fewer pages to write) and the
    given cover options."""
    spec = generate(seed)
    return replace(spec, layout=replace(spec.layout, templates=False, **layout))


def _with_party(spec: Spec, role: str, **fields: str) -> Spec:
    """`spec` with one party's name or position replaced (the truth follows the record)."""
    parties = [p.model_copy(update=fields) if p.role == role else p for p in spec.record.parties]
    return replace(spec, record=spec.record.model_copy(update={"parties": parties}))


def _produce(spec: Spec, out: Path) -> tuple[CoverInfo, dict[str, Any]]:
    produced = produce_reportlab(spec, out, "reportlab")
    return _cover_of(produced.pdf), produced.truth


def _parties(cover: CoverInfo) -> list[tuple[str, str, str, str | None]]:
    return [(p.role, p.name, p.position, p.signed_on.isoformat() if p.signed_on else None) for p in cover.parties]


def _true_parties(truth: dict[str, Any]) -> list[tuple[str, str, str, str | None]]:
    return [(p["role"], p["name"], p["position"], p["signed_on"]) for p in truth["parties"]]


@pytest.mark.parametrize(
    ("seed", "options"),
    [
        # the plain two columns: the cover paragraph names both parties, the signatures date them
        (100012, {"role_on_signature_line": False, "role_under_signature": False, "maker_signs_first": False}),
        # the maker on the left, `ลงชื่อ ……… ผู้ทำคำรับรอง` on the signature line
        (100005, {"role_on_signature_line": True, "role_under_signature": False, "maker_signs_first": True}),
        # the role under the position, in a column whose position wraps
        (100029, {"role_on_signature_line": False, "role_under_signature": True, "maker_signs_first": False}),
    ],
)
def test_side_by_side_signatures_are_read_column_by_column(seed: int, options: dict[str, Any], tmp_path: Path) -> None:
    spec = _spec(seed, signatures="side", signatures_next_page=False, cover_ministry="none", **options)
    cover, truth = _produce(spec, tmp_path)
    assert _parties(cover) == _true_parties(truth)
    assert all(p.signed_on is not None for p in cover.parties)  # the dates under the names were read


def test_a_name_wrapped_inside_its_signature_column(tmp_path: Path) -> None:
    # the long name breaks inside the narrow column: `(ว่าที่ร้อยตรีหญิงพรรณวิภา` / `ศรีสุวรรณวงศ์)`
    spec = _with_party(
        _spec(100012, signatures="side", signatures_next_page=False, cover="labelled"),
        "maker",
        name="ว่าที่ร้อยตรีหญิงพรรณวิภา ศรีสุวรรณวงศ์",
    )
    produced = produce_reportlab(spec, tmp_path, "reportlab")
    doc = open_pdf(produced.pdf)
    try:
        first = next(iter_pages(doc, pages=[1], recovery=GlyphRecovery(produced.pdf)))
    finally:
        doc.close()
    assert not any("(ว่าที่ร้อยตรีหญิงพรรณวิภา ศรีสุวรรณวงศ์)" in ln.text for ln in first.lines)  # it did wrap
    cover = _cover_of(produced.pdf)
    assert _parties(cover) == _true_parties(produced.truth)


@pytest.mark.parametrize("where", ["same_line", "own_line"])
def test_the_ministry_printed_with_the_unit_is_not_part_of_its_name(where: str, tmp_path: Path) -> None:
    # `กองคลัง กระทรวงมหาดไทย` on one title line, or `กระทรวงมหาดไทย` on the line under the unit
    spec = _spec(100005, cover_ministry=where)
    cover, truth = _produce(spec, tmp_path)
    assert (cover.organization, cover.parent_organization) == (truth["organization"], truth["parent_organization"])


def test_the_ministry_is_the_parent_when_the_grantor_heads_no_body(tmp_path: Path) -> None:
    # ผู้ตรวจราชการกระทรวง… inspects, it heads no department: the cover's ministry is the parent
    spec = _spec(100005, cover_ministry="own_line", signatures="stacked")
    spec = _with_party(spec, "grantor", position="ผู้ตรวจราชการกระทรวงมหาดไทย")
    cover, truth = _produce(spec, tmp_path)
    assert cover.organization == truth["organization"]
    assert cover.parent_organization == spec.extras.ministry


# committed LibreOffice agreements whose signatures stand side by side (the DOCX's borderless
# table), each column broken into lines of its own: `ลงชื่อ` / dots / name, one column a line lower
SIDE_BY_SIDE = [
    "a100000_2568.libreoffice-arundina",
    "a100012_2564.libreoffice-arundina+digits-latin",
    "a100049_2568.libreoffice-sarabun",
    "a100073_2563.libreoffice-laksaman",
    "a100077_2570.libreoffice-loma",
]


@pytest.mark.parametrize("stem", SIDE_BY_SIDE)
def test_committed_side_by_side_covers(stem: str) -> None:
    truth = json.loads((SWEEP / f"{stem}.truth.json").read_text(encoding="utf-8"))["truth"]
    cover = _cover_of(SWEEP / f"{stem}.pdf")
    assert _parties(cover) == _true_parties(truth)
    assert (cover.organization, cover.parent_organization) == (truth["organization"], truth["parent_organization"])

