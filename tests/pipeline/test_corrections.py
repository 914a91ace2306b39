"""Corrections: paths and values checked against the models, applied over the stored extraction
(never into it), carried to a new version or reported as a conflict, and a store of the first
schema revision upgraded to hold them. Store tests run on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text

from pipeline import store_schema
from pipeline.corrections import (
    CONFLICT_WHY,
    CRITERION_FIELDS,
    KPI_FIELDS,
    PARTY_FIELDS,
    PERIOD_FIELDS,
    TOP_FIELDS,
    Assignment,
    CorrectionError,
    apply,
    field_paths,
    inherit,
    parse_assignment,
    parse_path,
    prepare,
    review_rows,
)
from pipeline.errors import StoreError
from pipeline.models import KPI, Agreement, Correction, Criterion, Party, Period
from pipeline.store import Outcome, Store, record_json
from tests.pipeline.store_helpers import truth, truth_agreement

D03 = "980fe5c0c76e"
SHA_B = "b" * 64


def variant(sha256: str, edit: Any = None) -> Agreement:
    """d03's truth as if extracted from other bytes, `edit` changing the record's JSON first."""
    record = truth("d03_legacy_pua")
    record["source"]["sha256"] = sha256
    if edit is not None:
        edit(record)
    return Agreement.model_validate(record)


def fix(record: Agreement, *pairs: str, **kw: Any) -> list[Correction]:
    return prepare(record, [parse_assignment(p) for p in pairs], **kw)


# --- paths and values (pure) ---------------------------------------------------------------------


def test_the_editable_fields_are_fields_of_the_models() -> None:
    """A renamed model field must not leave `correct` offering a path that no longer exists."""
    from pipeline.models import Agreement as A

    for names, model in ((TOP_FIELDS, A), (PERIOD_FIELDS, Period), (PARTY_FIELDS, Party),
                         (KPI_FIELDS, KPI), (CRITERION_FIELDS, Criterion)):
        assert set(names) <= set(model.model_fields), model.__name__


@pytest.mark.parametrize(
    ("arg", "field", "new"),
    [
        ("kpis.1.weight=๒๒.๕", "kpis.1.weight", 22.5),
        ("kpis.๑.weight=22", "kpis.1.weight", 22.0),
        ("fiscal_year=๒๕๖๗", "fiscal_year", 2567),
        ("period.start=2565-10-02", "period.start", "2022-10-02"),  # a BE year in ISO form
        ("period.end=2023-09-29", "period.end", "2023-09-29"),
        ("parties.grantor.signed_on=๑ ตุลาคม ๒๕๖๕", "parties.grantor.signed_on", "2022-10-01"),
        ("parties.maker.signed_on=null", "parties.maker.signed_on", None),
        ("kpis.1.unit=null", "kpis.1.unit", None),
        ('kpis.1.unit="null"', "kpis.1.unit", "null"),
        ("kpis.1.status=new", "kpis.1.status", "new"),
        ("kpis.2.criteria.1.value=๖๐", "kpis.2.criteria.1.value", 60.0),
        ("kpis.2.criteria.3.text=ร้อยละ 90 = ดีมาก", "kpis.2.criteria.3.text", "ร้อยละ 90 = ดีมาก"),
        ("organization=กองการเจ้าหน้าที่ (ใหม่)", "organization", "กองการเจ้าหน้าที่ (ใหม่)"),
    ],
)
def test_values_are_read_as_the_field_asks(arg: str, field: str, new: object) -> None:
    record = truth_agreement("d03_legacy_pua")
    [made] = fix(record, arg, by="somchai", note="ตามต้นฉบับ")
    assert (made.field, made.new, made.by, made.note, made.status) == (field, new, "somchai", "ตามต้นฉบับ", "applied")
    corrected = apply(record, [made])
    assert corrected.to_json_dict() != record.to_json_dict()
    assert corrected.corrections == [made]


def test_criteria_are_numbered_by_level_not_by_their_order_in_the_record() -> None:
    def reverse(r: dict[str, Any]) -> None:
        r["kpis"][1]["criteria"].reverse()

    record = variant(SHA_B, reverse)
    lowest = min(record.kpis[1].criteria, key=lambda c: c.level)
    [made] = fix(record, "kpis.2.criteria.1.text=ต่ำสุด")
    assert made.old == lowest.text
    corrected = apply(record, [made])
    assert min(corrected.kpis[1].criteria, key=lambda c: c.level).text == "ต่ำสุด"


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["kpis.9.weight=1"], "kpis.9.weight: the record has no KPI 9"),
        (["kpis.1.weight=-1"], "kpis.1.weight: input should be greater than or equal to 0"),
        (["kpis.1.weight=มาก"], "kpis.1.weight: 'มาก' is not a number"),
        (["kpis.1.scoring=best"], "kpis.1.scoring: 'best' is not one of milestone, threshold, direct"),
        (["kpis.1.criteria.1.text=x"], "kpis.1.criteria.1.text: KPI 1 has no criteria"),
        (["kpis.2.criteria.4.text=x"], "kpis.2.criteria.4.text: KPI 2 has 3 criteria (positions 1–3, by level)"),
        (["fiscal_year=2023"], "fiscal_year: 2023 is not a Buddhist-Era year (2400–2800)"),
        (["fiscal_year=2566.5"], "fiscal_year: '2566.5' is not a whole number"),
        (["organization=null"], "organization: a value is required"),
        (["kpis.1.weight=20"], "kpis.1.weight: is already 20"),
        (["kpis.1.weight=21", "kpis.01.weight=22"], "kpis.1.weight: given twice"),
        (["weight=1"], "unknown field 'weight'"),
        (["kpis.0.weight=1"], "unknown field 'kpis.0.weight'"),
        (["kpis.1.pages=1"], "unknown field 'kpis.1.pages'"),
    ],
)
def test_bad_paths_and_values_are_one_reason(args: list[str], reason: str) -> None:
    with pytest.raises(CorrectionError) as info:
        fix(truth_agreement("d03_legacy_pua"), *args)
    assert info.value.reason.startswith(reason)
    assert "\n" not in info.value.reason


def test_period_start_is_a_date() -> None:
    with pytest.raises(CorrectionError, match=r"^period.start: '2565-13-01' is not a date"):
        fix(truth_agreement("d03_legacy_pua"), "period.start=2565-13-01")


def test_a_missing_party_can_be_supplied_and_that_clears_its_reason() -> None:
    def no_grantor(r: dict[str, Any]) -> None:
        r["parties"] = [p for p in r["parties"] if p["role"] != "grantor"]

    record = variant(SHA_B, no_grantor)
    assert apply(record, fix(record, "kpis.1.unit=หน่วย")).quality.status == "needs_review"  # type: ignore[union-attr]
    made = fix(record, "parties.grantor.name=นายก ข", "parties.grantor.position=รองปลัดกระทรวง")
    corrected = apply(record, made)
    assert corrected.party("grantor") is not None and corrected.party("grantor").name == "นายก ข"  # type: ignore[union-attr]
    assert corrected.quality is not None and corrected.quality.status == "ok"


def test_parse_assignment_needs_an_equals_sign() -> None:
    assert parse_assignment("kpis.1.name=a=b") == Assignment("kpis.1.name", "a=b")
    with pytest.raises(CorrectionError, match="expected FIELD=VALUE"):
        parse_assignment("kpis.1.weight")


def test_every_review_row_is_a_path_correct_takes() -> None:
    record = truth_agreement("d01_mdb_2566")
    rows = review_rows(record)
    assert [r.field for r in rows] == field_paths(record)
    for row in rows:
        assert parse_path(row.field).field == row.field
    weight = next(r for r in rows if r.field == "kpis.1.weight")
    assert (weight.value, weight.page) == ("20", record.kpis[0].pages[0])


def test_inherit_compares_the_first_correction_of_a_field_with_the_new_extraction() -> None:
    v1 = truth_agreement("d03_legacy_pua")
    first = fix(v1, "kpis.1.weight=25")
    second = fix(apply(v1, first), "kpis.1.weight=30")  # old is 25, the corrected value
    same_again = inherit(first + second, variant(SHA_B))
    assert [c.status for c in same_again] == ["applied", "applied"]
    assert apply(variant(SHA_B), same_again).kpis[0].weight == 30

    def changed(r: dict[str, Any]) -> None:
        r["kpis"][0]["weight"] = 22

    assert [c.status for c in inherit(first + second, variant(SHA_B, changed))] == ["conflict", "conflict"]


# --- in the store (SQLite and PostgreSQL) ----------------------------------------------------------


def test_correction_round_trip(store_url: str) -> None:
    original = truth_agreement("d03_legacy_pua")
    with Store.open(store_url) as store:
        store.add(original)
        made = store.correct(store.get(D03), [Assignment("kpis.1.weight", "๒๕"), Assignment("kpis.2.weight", "20")],
                             by="somchai", note="ตามหนังสือแจ้ง")
        assert [(c.field, c.old, c.new) for c in made] == [("kpis.1.weight", 20.0, 25.0), ("kpis.2.weight", 25.0, 20.0)]
        stored = store.get(D03)
        history = store.history(stored)
        rows = store.kpi_rows()
    assert stored.record == record_json(original)  # the extraction is never modified
    assert stored.extracted() == original
    corrected = stored.agreement()
    assert [k.weight for k in corrected.kpis] == [25, 20, 25, 30]
    assert [(c.field, c.by, c.note, c.status) for c in corrected.corrections] == [
        ("kpis.1.weight", "somchai", "ตามหนังสือแจ้ง", "applied"), ("kpis.2.weight", "somchai", "ตามหนังสือแจ้ง", "applied")]
    assert corrected.quality is not None and corrected.quality.status == "ok"  # still adds up to 100
    assert [(h.correction.field, h.origin, h.agreement_id) for h in history] == [
        ("kpis.1.weight", D03, D03), ("kpis.2.weight", D03, D03)]
    assert all(h.correction.at and h.correction.at.endswith("+00:00") for h in history)
    assert [r["weight"] for r in rows] == [25, 20, 25, 30]  # export gives the corrected record


def test_a_refused_correction_writes_nothing(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.add(truth_agreement("d03_legacy_pua"))
        with pytest.raises(CorrectionError, match="no KPI 9"):
            store.correct(store.get(D03), [Assignment("kpis.1.weight", "25"), Assignment("kpis.9.weight", "1")])
        assert store.history(store.get(D03)) == []
        assert store.get(D03).agreement() == truth_agreement("d03_legacy_pua")


def test_corrections_that_clear_every_reason_make_the_record_ok(store_url: str) -> None:
    def broken(r: dict[str, Any]) -> None:
        r["kpis"][0]["weight"] = 0  # no weight, and the weights add up to 80
        r["organization"] = " "

    with Store.open(store_url) as store:
        store.add(variant("c" * 64, broken))
        stored = store.get("c" * 12)
        before = stored.quality()
        assert before.status == "needs_review"
        assert {r.field for r in before.reasons} >= {"organization", "kpis.1.weight", "kpis.weight"}
        store.correct(stored, [Assignment("kpis.1.weight", "20"), Assignment("organization", "กองการเจ้าหน้าที่")])
        after = store.get("c" * 12)
    assert after.quality().status == "ok" and after.quality().reasons == []
    assert after.extracted().kpis[0].weight == 0


def test_a_new_version_inherits_a_correction_and_reports_a_conflict(store_url: str) -> None:
    def renamed(r: dict[str, Any]) -> None:
        r["kpis"][1]["name"] = "ร้อยละของบุคลากรที่ได้รับการพัฒนา (ฉบับแก้)"

    with Store.open(store_url) as store:
        store.add(truth_agreement("d03_legacy_pua"))
        store.correct(store.get(D03), [Assignment("kpis.1.weight", "25"), Assignment("kpis.2.name", "ชื่อที่ถูกต้อง"),
                                       Assignment("kpis.3.weight", "20")], by="somchai")
        added = store.add(variant(SHA_B, renamed))
        assert (added.outcome, added.version, added.inherited, added.conflicts) == (Outcome.NEW_VERSION, 2, 2, 1)
        again = store.add(variant(SHA_B, renamed))  # the same bytes again change nothing
        assert (again.outcome, again.inherited, again.conflicts) == (Outcome.UNCHANGED, 0, 0)
        v2 = store.get(SHA_B)
        history = store.history(v2)
        assert [(h.correction.field, h.correction.status, h.origin) for h in history] == [
            ("kpis.1.weight", "applied", D03), ("kpis.2.name", "conflict", D03), ("kpis.3.weight", "applied", D03)]
        record = v2.agreement()
        assert record.kpis[0].weight == 25 and record.kpis[2].weight == 20
        assert record.kpis[1].name == "ร้อยละของบุคลากรที่ได้รับการพัฒนา (ฉบับแก้)"  # a conflict is not applied
        quality = v2.quality()
        assert quality.status == "needs_review"
        [conflict] = [r for r in quality.reasons if r.field == "kpis.2.name"]
        assert conflict.why.startswith(CONFLICT_WHY[0]) and "kpis.2.name" in conflict.why
        assert conflict.why_en.startswith(CONFLICT_WHY[1])
        assert conflict.page == record.kpis[1].pages[0]
        # the person settles the conflict on the new version: the reason goes
        store.correct(v2, [Assignment("kpis.2.name", "ชื่อที่ถูกต้อง")])
        settled = store.get(SHA_B)
        assert settled.quality().status == "ok"
        assert store.get(D03).agreement().kpis[1].name == "ชื่อที่ถูกต้อง"  # v1 keeps its own


def test_only_the_current_version_is_corrected(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.add(truth_agreement("d03_legacy_pua"))
        # a re-issued PDF with one KPI renamed: a new version (the same record would add none)
        store.add(variant(SHA_B, lambda r: r["kpis"][0].update(name=r["kpis"][0]["name"] + " (ฉบับแก้ไข)")))
        with pytest.raises(StoreError, match="superseded"):
            store.correct(store.get(D03), [Assignment("kpis.1.weight", "25")])


def test_a_store_of_the_first_revision_is_upgraded(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "migrations"
    shutil.copytree(store_schema.MIGRATIONS_DIR, first, ignore=shutil.ignore_patterns("__pycache__", "0002_*"))
    monkeypatch.setattr(store_schema, "MIGRATIONS_DIR", first)
    agreement = truth_agreement("d03_legacy_pua")
    with Store.open(store_url) as store:  # written by thaikpi before corrections (revision 0001)
        store.add(agreement)
        with store.engine.connect() as conn:
            assert "corrections" not in inspect(conn).get_table_names()
    monkeypatch.undo()
    with Store.open(store_url) as store:
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0002"
            assert "corrections" in inspect(conn).get_table_names()
        assert store.get(D03).record == record_json(agreement)
        store.correct(store.get(D03), [Assignment("kpis.4.weight", "๓๐.๕")])
        assert store.get(D03).agreement().kpis[3].weight == 30.5
