"""Extraction of agreements the parsers were not written against.

Each record of `tests.synthetic.records` is the truth of an agreement of another unit, laid out
its own way (five levels, Thai digits everywhere, a labelled cover, KPI numbers in a column, one
table for categories and targets, OPDC-form templates, a landscape targets page, tables running
over page breaks, categories in merged cells, signatures stacked or overleaf, other wordings of
headings and labels, criteria written as lines, weights that do not add up …). It is rendered to a PDF once per session and read back with
`extract_file`; the record must come back field by field, as the dev files do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest

from parsers.thai.numbers import thai_to_arabic_digits
from pipeline.accuracy import accuracy, compare, misses
from tests.synthetic.records import CASES
from tests.synthetic.render import weasyprint_missing

_MISSING = weasyprint_missing()
pytestmark = pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")

KEYS = [c.key for c in CASES]
Pair = tuple[dict[str, Any], dict[str, Any]]


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pair]:
    """(truth as rendered, extracted record) of every synthetic agreement, rendered once."""
    from pipeline.extract import extract_file
    from tests.synthetic.render import render

    base = Path(tmp_path_factory.mktemp("synthetic"))
    out: dict[str, Pair] = {}
    for case in CASES:
        path = base / f"{case.key}.pdf"
        truth = render(case.record, path, case.layout, case.extras)
        out[case.key] = (truth.to_json_dict(), extract_file(path).to_json_dict())
    return out


def _kpi(record: dict[str, Any], number: int) -> dict[str, Any]:
    return next(k for k in record["kpis"] if k["number"] == number)


def _arabic(value: Any) -> Any:
    """The same data with Thai digits in every text read as Arabic (layouts differ in digits only)."""
    if isinstance(value, str):
        return thai_to_arabic_digits(value)
    if isinstance(value, list):
        return [_arabic(v) for v in value]
    if isinstance(value, dict):
        return {k: _arabic(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("key", KEYS)
def test_field_accuracy(key: str, synthetic: dict[str, Pair]) -> None:
    truth, got = synthetic[key]
    scores = compare(truth, got)
    acc = accuracy(scores)
    print(f"{key}: field accuracy {acc:.4f} over {len(scores)} fields")
    for m in misses(scores):
        print(f"  {m.score:.2f} {m.path}: expected {m.expected!r} got {m.got!r}")
    assert acc >= 0.98


@pytest.mark.parametrize("key", KEYS)
def test_records_validate_against_schema(key: str, synthetic: dict[str, Pair], schema: dict) -> None:
    truth, got = synthetic[key]
    jsonschema.validate(truth, schema)
    jsonschema.validate(got, schema)


@pytest.mark.parametrize("key", ["nan_health_2564", "nan_health_2564_portrait"])
def test_five_level_provincial_health_office(key: str, synthetic: dict[str, Pair]) -> None:
    _, got = synthetic[key]
    assert got["fiscal_year"] == 2564
    assert got["period"] == {"start": "2020-10-01", "end": "2021-09-30"}
    assert got["organization"] == "สำนักงานสาธารณสุขจังหวัดน่าน"
    assert got["parent_organization"] == "จังหวัดน่าน"
    assert got["scale"] == {"kind": "five_level", "levels": [1, 2, 3, 4, 5]}
    parties = {p["role"]: (p["name"], p["signed_on"]) for p in got["parties"]}
    assert parties == {"grantor": ("นายชัยวัฒน์ ศรีสวัสดิ์", "2020-12-21"), "maker": ("นายแพทย์ปรีชา วงศ์ใหญ่", "2020-12-18")}
    assert [k["weight"] for k in got["kpis"]] == [10, 10, 15, 15, 10, 15, 10, 15]
    assert [(_arabic(c["name"]), c["weight"], c["kpi_numbers"]) for c in got["categories"]] == [
        ("ส่วนที่ 1 ตัวชี้วัดตามยุทธศาสตร์ด้านสุขภาพ", 60, [1, 2, 3, 4, 5]),
        ("ส่วนที่ 2 ตัวชี้วัดด้านการพัฒนาองค์กร", 40, [6, 7, 8]),
    ]
    assert [c["value"] for c in _kpi(got, 1)["criteria"]] == [60, 65, 70, 75, 80]
    assert [c["value"] for c in _kpi(got, 2)["criteria"]] == [28, 26, 24, 22, 20]  # falling targets
    assert [c["value"] for c in _kpi(got, 5)["criteria"]] == [80, 82.5, 85, 87.5, 90]
    assert _kpi(got, 5)["unit"] == "percent"  # from the unit column: the name does not say ร้อยละ
    assert _kpi(got, 8)["unit"] == "score"
    kpi4 = _kpi(got, 4)
    assert kpi4["scoring"] == "milestone" and [c["level"] for c in kpi4["criteria"]] == [1, 2, 3, 4, 5]
    assert all(c["value"] is None for c in kpi4["criteria"])
    # the targets table runs over page breaks: its rows are read on every page
    assert len({p for k in got["kpis"] for p in k["pages"]}) >= 2
    assert got["findings"] == []


def test_both_layouts_of_one_agreement_read_the_same(synthetic: dict[str, Pair]) -> None:
    _, a = synthetic["nan_health_2564"]
    _, b = synthetic["nan_health_2564_portrait"]
    for part in ("fiscal_year", "period", "organization", "parent_organization", "parties", "scale", "categories"):
        assert _arabic(a[part]) == _arabic(b[part]), part
    assert [{f: v for f, v in k.items() if f != "pages"} for k in _arabic(a["kpis"])] == [
        {f: v for f, v in k.items() if f != "pages"} for k in _arabic(b["kpis"])
    ]


def test_one_table_of_categories_weights_and_targets(synthetic: dict[str, Pair]) -> None:
    _, got = synthetic["rural_roads_2565"]
    assert got["fiscal_year"] == 2565
    assert got["period"] == {"start": "2021-10-01", "end": "2022-09-30"}
    assert got["parent_organization"] == "กรมทางหลวงชนบท"
    assert [p["signed_on"] for p in got["parties"]] == ["2021-12-20", "2021-12-15"]  # `20 ธ.ค. 2564`
    # no framework table: the categories are the targets table's own rows, the second one
    # starting a page with no header repeated
    assert [(c["name"], c["weight"], c["kpi_numbers"]) for c in got["categories"]] == [
        ("ด้านที่ 1 ประสิทธิผลตามพันธกิจ", 70, [1, 2, 3, 4, 5]),
        ("ด้านที่ 2 การพัฒนาองค์กร", 30, [6, 7]),
    ]
    assert [k["weight"] for k in got["kpis"]] == [15, 15, 15, 15, 10, 15, 15]
    kpi2 = _kpi(got, 2)
    assert (kpi2["scoring"], kpi2["criteria"], kpi2["unit"]) == ("direct", [], "percent")
    assert kpi2["scoring_rule"] == "ร้อยละผลการเบิกจ่ายงบประมาณที่ดำเนินการได้ = คะแนนที่ได้"
    kpi4 = _kpi(got, 4)
    assert (kpi4["scoring"], kpi4["unit"], [c["value"] for c in kpi4["criteria"]]) == ("threshold", None, [20, 25, 30])
    assert _kpi(got, 5)["unit"] == "score"
    assert [k["name"] for k in got["kpis"]][5] == "ระดับความสำเร็จของการพัฒนาระบบฐานข้อมูลโครงข่ายทางหลวงชนบท (GIS)"


def test_opdc_form_templates(synthetic: dict[str, Pair]) -> None:
    _, got = synthetic["moi_ict_2567"]
    assert got["fiscal_year"] == 2567
    assert got["parent_organization"] == "สำนักงานปลัดกระทรวงมหาดไทย"
    maker = next(p for p in got["parties"] if p["role"] == "maker")
    # the position and the date each wrap over two lines of the signature column
    assert maker["position"] == "ผู้อำนวยการศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร"
    assert [p["signed_on"] for p in got["parties"]] == ["2023-12-22", "2023-12-19"]
    kpi1 = _kpi(got, 1)
    assert kpi1["name"] == "ร้อยละความสำเร็จของการพัฒนาระบบบริการอิเล็กทรอนิกส์ (e-Service) ของสำนักงานปลัดกระทรวงมหาดไทย"
    assert kpi1["status"] == "continuing" and kpi1["weight"] == 20
    # years under a spanning `ผลการดำเนินงานในอดีต ปีงบประมาณ พ.ศ.` header
    assert [(y["year"], y["value"]) for y in kpi1["baseline"]] == [(2564, 72.5), (2565, 85), (2566, 93.75)]
    assert [(y["year"], y["value"]) for y in kpi1["roadmap"]] == [(2567, 100), (2568, 100), (2569, 100)]
    # rounds in three columns, the third one at 12 months; deduction per round
    assert [r["month"] for r in kpi1["rounds"]] == [6, 9, 12]
    assert kpi1["rounds"][0]["goal"] == "ระบบบริการอิเล็กทรอนิกส์พัฒนาแล้วเสร็จไม่น้อยกว่าร้อยละ ๔๐"
    assert kpi1["rounds"][0]["steps"] == ["สำรวจความต้องการของผู้ใช้บริการ", "ออกแบบกระบวนงานและระบบบริการอิเล็กทรอนิกส์"]
    assert kpi1["deduction_points"] == 5
    assert _kpi(got, 2)["rounds"][0]["steps"] == []
    assert _kpi(got, 3)["status"] == "new" and _kpi(got, 3)["baseline"] == []
    assert [y["text"] for y in _kpi(got, 5)["baseline"]] == ["-", "-"]


@pytest.mark.parametrize("key", ["chiangrai_agri_2566", "chiangrai_agri_2566_templates_only"])
def test_five_level_templates_with_tick_boxes(key: str, synthetic: dict[str, Pair]) -> None:
    _, got = synthetic[key]
    assert got["scale"]["kind"] == "five_level"
    assert [k["status"] for k in got["kpis"]] == ["continuing", "new", "continuing", "continuing"]
    assert [c["value"] for c in _kpi(got, 1)["criteria"]] == [60, 65, 70, 75, 80]
    assert [c["value"] for c in _kpi(got, 2)["criteria"]] == [10, 12, 14, 16, 18]
    # criteria listed down a column of the template (the only place they are when there is no
    # targets table)
    assert _kpi(got, 3)["criteria"][2] == {"level": 3, "text": "ศพก. จัดกิจกรรมถ่ายทอดเทคโนโลยีตามแผน", "value": None}
    assert [k["deduction_points"] for k in got["kpis"]] == [None, None, 10, 0]
    assert _kpi(got, 3)["rounds"][1]["steps"] == [
        "จัดกิจกรรมถ่ายทอดเทคโนโลยี",
        "ติดตามผลการดำเนินงานรายเดือน",
        "รายงานผลต่อกรมส่งเสริมการเกษตร",
    ]
    assert got["parent_organization"] == "กรมส่งเสริมการเกษตร"


def test_other_wordings_stacked_signatures_and_merged_category_cells(synthetic: dict[str, Pair]) -> None:
    _, got = synthetic["khonkaen_land_2567"]
    assert got["parent_organization"] == "กรมที่ดิน"
    # signatures one under the other, the role on the signature line, dates `๒๖ ธ.ค. ๖๖`
    assert [(p["role"], p["signed_on"]) for p in got["parties"]] == [("grantor", "2023-12-26"), ("maker", "2023-12-20")]
    # categories in cells merged down beside their KPIs; no category weight stated: their KPIs' sum
    assert [(_arabic(c["name"]), c["weight"], c["kpi_numbers"]) for c in got["categories"]] == [
        ("ประเด็นที่ 1 ประสิทธิผลการให้บริการประชาชน", 60, [1, 2, 3]),
        ("ประเด็นที่ 2 ประสิทธิภาพการบริหารจัดการ", 40, [4, 5]),
    ]
    kpi1 = _kpi(got, 1)
    assert kpi1["weight"] == 20  # `น้ำหนัก : ร้อยละ ๒๐`, and `ค่าน้ำหนัก` in the tables
    assert [c["value"] for c in kpi1["criteria"]] == [45, 40, 35]  # fewer days is better
    assert [(y["year"], y["value"]) for y in kpi1["baseline"]] == [(2564, 52), (2565, 48), (2566, 44)]  # `ปี พ.ศ.`
    assert [(y["year"], y["value"]) for y in kpi1["roadmap"]] == [(2567, 35), (2568, 30)]  # `เป้าหมาย`
    # `รอบการประเมินที่ ๑ (๑ ตุลาคม ๒๕๖๖ – ๓๑ มีนาคม ๒๕๖๗)` is the six-month round, the second one twelve
    assert [r["month"] for r in kpi1["rounds"]] == [6, 12]
    assert [c["value"] for c in _kpi(got, 3)["criteria"]] == [1200, 1250, 1300]  # `๑,๒๐๐ แปลง`
    kpi4 = _kpi(got, 4)
    assert (kpi4["scoring"], kpi4["criteria"], kpi4["unit"]) == ("direct", [], "percent")
    assert got["findings"] == []


def test_party_blocks_bare_level_headers_and_years_down(synthetic: dict[str, Pair]) -> None:
    _, got = synthetic["khonkaen_cdd_2568"]
    assert got["period"] == {"start": "2024-10-01", "end": "2025-09-30"}
    parties = {p["role"]: (p["name"], p["position"], p["signed_on"]) for p in got["parties"]}
    assert parties == {
        "grantor": ("นายสุทธิพงษ์ จันทร์เพ็ญ", "รองอธิบดีกรมการพัฒนาชุมชน", "2024-12-20"),
        "maker": ("นางสาวพัชรินทร์ บุญมาก", "พัฒนาการจังหวัดขอนแก่น", "2024-12-17"),
    }
    assert got["parent_organization"] == "กรมการพัฒนาชุมชน"
    assert got["scale"] == {"kind": "five_level", "levels": [1, 2, 3, 4, 5]}  # headed just `1 … 5`
    assert [k["number"] for k in got["kpis"]] == [1, 2, 3, 4, 5]  # `ตัวชี้วัดที่ 1 …` rows
    assert [(c["text"], c["value"]) for c in _kpi(got, 1)["criteria"]][0] == ("96%", 96)
    assert [c["value"] for c in _kpi(got, 2)["criteria"]] == [1150, 1200, 1250, 1300, 1350]
    assert [c["value"] for c in _kpi(got, 4)["criteria"]] == [85, 87.5, 90, 92.5, 95]
    assert (_kpi(got, 1)["unit"], _kpi(got, 4)["unit"]) == ("percent", "score")
    # years down a column: `ปีงบประมาณ | ผลการดำเนินงาน`, a row per year
    assert [(y["year"], y["value"], y["text"]) for y in _kpi(got, 1)["baseline"]][0] == (2565, 98.72, "98.72%")
    assert [(y["year"], y["value"]) for y in _kpi(got, 2)["roadmap"]] == [(2568, 1350), (2569, 1500)]


def test_twelve_kpis_whose_weights_do_not_add_up(synthetic: dict[str, Pair]) -> None:
    _, got = synthetic["ddc_region7_2565"]
    maker = next(p for p in got["parties"] if p["role"] == "maker")
    assert (maker["name"], maker["signed_on"]) == ("แพทย์หญิงวรรณา ศรีอุดม", "2021-12-22")
    assert len(got["kpis"]) == 12 and sum(k["weight"] for k in got["kpis"]) == 105
    assert [(c["weight"], c["kpi_numbers"]) for c in got["categories"]] == [
        (40, [1, 2, 3, 4]),
        (20, [5, 6, 7]),
        (20, [8, 9, 10]),
        (20, [11, 12]),
    ]
    codes = sorted(f["code"] for f in got["findings"])
    assert codes == ["category_weight_mismatch", "weight_sum"]
    mismatch = next(f for f in got["findings"] if f["code"] == "category_weight_mismatch")
    assert "(8, 9, 10) add up to 25" in mismatch["message"]
    assert [c["value"] for c in _kpi(got, 2)["criteria"]] == [60, 55, 50]  # `ไม่เกิน ๖๐` …
    assert [c["value"] for c in _kpi(got, 6)["criteria"]] == [5, 4, 3]
    # the targets table runs over pages without its header repeated
    assert sorted({p for k in got["kpis"] for p in k["pages"]}) == [3, 4]


def test_criteria_as_lines_in_templates_only(synthetic: dict[str, Pair]) -> None:
    _, got = synthetic["suphan_edu_2566"]
    assert got["organization"] == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสุพรรณบุรี เขต 1"  # wrapped title
    assert got["parent_organization"] == "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"
    maker = next(p for p in got["parties"] if p["role"] == "maker")
    assert maker["position"] == "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาสุพรรณบุรี เขต 1"
    assert got["scale"]["kind"] == "five_level"  # only the templates' `ระดับ 1 : …` lines say so
    assert [c["value"] for c in _kpi(got, 1)["criteria"]] == [60, 65, 70, 75, 80]
    assert _kpi(got, 2)["criteria"][0]["text"] == "แต่งตั้งคณะทำงานขับเคลื่อนโรงเรียนคุณภาพประจำตำบลระดับเขตพื้นที่การศึกษา"
    assert [c["value"] for c in _kpi(got, 5)["criteria"]] == [45, 40, 35, 30, 25]
    assert [k["deduction_points"] for k in got["kpis"]] == [None, 5, None, 0, None]


def test_combined_table_with_category_cells_and_signatures_overleaf(synthetic: dict[str, Pair]) -> None:
    _, got = synthetic["nakhonsawan_2564"]
    assert got["parent_organization"] == "จังหวัดนครสวรรค์"
    assert [p["signed_on"] for p in got["parties"]] == ["2020-12-25", "2020-12-21"]  # on page 2
    assert [(c["weight"], c["kpi_numbers"]) for c in got["categories"]] == [(55, [1, 2, 3]), (15, [4]), (30, [5, 6])]
    assert [c["value"] for c in _kpi(got, 2)["criteria"]] == [24, 23, 22, 21, 20]
    assert _kpi(got, 3)["scoring"] == "milestone"
    assert got["findings"] == []
