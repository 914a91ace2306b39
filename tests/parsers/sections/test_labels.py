"""Row labels as damaged text layers and scans write them: `ที่` with a stray below vowel (a mark
fragment recovered as ู), `ตัวชี้วัด` with its upper marks lost."""

from __future__ import annotations

import pytest

from parsers.sections.doctext import row_label


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("ตัวชี้วัดที่ ๑ ระดับความสำเร็จ", 1),
        ("ตัวชี้วัดทีู ๒ คะแนนความพึงพอใจ", 2),
        ("ตัวชีวัดท ๓ ร้อยละการเบิกจ่าย", 3),
    ],
)
def test_kpi_row_label_however_its_marks_came_out(text: str, number: int) -> None:
    got, name = row_label([text])
    assert got == number and name and not name.startswith("ตัว")


def test_a_plain_sentence_is_not_a_kpi_row() -> None:
    assert row_label(["ผลการดำเนินงานที่ผ่านมา"])[0] is None
