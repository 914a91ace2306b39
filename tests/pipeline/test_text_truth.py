"""Every truth string of the text PDFs (names, positions, KPI names, criteria) appears verbatim
(white space folded) in the repaired text that `thaikpi text` prints."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import SAMPLES, TEXT_SAMPLES, truth


def fold(s: str) -> str:
    return "".join(s.split())


def truth_strings(record: dict) -> list[str]:
    out = [p["name"] for p in record["parties"]] + [p["position"] for p in record["parties"]]
    for k in record["kpis"]:
        out.append(k["name"])
        out.extend(c["text"] for c in k["criteria"])
    return out


@pytest.mark.parametrize("name", TEXT_SAMPLES)
def test_truth_strings_appear_in_text_output(name: str) -> None:
    result = CliRunner().invoke(app, ["text", str(SAMPLES / f"{name}.pdf")])
    assert result.exit_code == 0, result.output
    text = fold(result.output)
    strings = truth_strings(truth(name))
    missing = [s for s in strings if fold(s) not in text]
    share = 1 - len(missing) / len(strings)
    print(f"{name}: {share:.3f} of {len(strings)} truth strings found; missing: {missing}")
    assert share >= 0.98


def test_text_pages_option() -> None:
    result = CliRunner().invoke(app, ["text", str(SAMPLES / "d03_legacy_pua.pdf"), "--pages", "1"])
    assert result.exit_code == 0
    assert "--- page 1 ---" in result.output and "--- page 2 ---" not in result.output
    assert "ผู้อำนวยการกองการเจ้าหน้าที่" in result.output


def test_doctor_json(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    result = CliRunner().invoke(app, ["doctor", str(SAMPLES / "d03_legacy_pua.pdf"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data[0]["summary"]["pages"] == 5
    assert data[0]["summary"]["before"]["pua"] > 0  # legacy PUA font …
    assert data[0]["summary"]["after"]["pua"] == 0  # … repaired
    assert {p["verdict"] for p in data[0]["pages"]} <= {"ok", "repaired"}


def test_doctor_bad_file_is_one_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "x.pdf"
    bad.write_text("not a pdf")
    result = CliRunner().invoke(app, ["doctor", str(bad), str(SAMPLES / "d03_legacy_pua.pdf")])
    assert result.exit_code == 1
    assert f"{bad}: error: ไม่ใช่ไฟล์ PDF (ไม่มีส่วนหัว %PDF)" in result.output  # Thai by default
    result = CliRunner().invoke(app, ["doctor", str(bad), "--lang", "en"])
    assert result.exit_code == 1
    assert f"{bad}: error: not a PDF" in result.output
