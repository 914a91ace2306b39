"""Tests for parsers.thai.numbers: Thai/Arabic/mixed digits, separators, signs, strictness."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.thai.numbers import (
    THAI_DIGITS,
    find_numbers,
    first_number,
    parse_number,
    parse_percent,
    thai_to_arabic_digits,
    to_thai_digits,
)
from pipeline.errors import ValueParseError


class TestDigits:
    def test_all_thai_digits(self) -> None:
        assert thai_to_arabic_digits("๐๑๒๓๔๕๖๗๘๙") == "0123456789"

    def test_other_characters_untouched(self) -> None:
        assert thai_to_arabic_digits("ร้อยละ ๙๗.๕ % abc 12") == "ร้อยละ 97.5 % abc 12"

    def test_mixed_digits(self) -> None:
        assert thai_to_arabic_digits("๒๕๖6") == "2566"

    def test_length_preserved(self) -> None:
        text = "ปี ๒๕๖๕ (1,234.5)"
        assert len(thai_to_arabic_digits(text)) == len(text)

    def test_to_thai_digits(self) -> None:
        assert to_thai_digits("26 ธ.ค. 2565") == "๒๖ ธ.ค. ๒๕๖๕"

    @given(st.text())
    def test_round_trip_of_arabic_text(self, text: str) -> None:
        assert thai_to_arabic_digits(to_thai_digits(text)) == thai_to_arabic_digits(text)


class TestParseNumber:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("97.5", "97.5"),
            ("๙๗.๕", "97.5"),
            ("๒๕๖6", "2566"),
            ("1,234.50", "1234.50"),
            ("๑,๒๓๔.๕", "1234.5"),
            ("1,234,567", "1234567"),
            ("๑,๒๓๔,๕๖๗.๘๙", "1234567.89"),
            ("0", "0"),
            ("007", "7"),
            (".5", "0.5"),
            ("-5", "-5"),
            ("+5", "5"),
            ("−๓.๕", "-3.5"),  # U+2212 MINUS SIGN
            ("–2", "-2"),  # EN DASH as minus
            ("ร้อยละ 97.5", "97.5"),
            ("ร้อยละ๙๗.๕", "97.5"),
            ("97.5 %", "97.5"),
            ("97.5%", "97.5"),
            ("๘๕ คะแนน", "85"),
            ("  ๑๐๐  ", "100"),
            ("(12)", "12"),
            ("ค่าเป้าหมาย: -0.25 ล้านบาท", "-0.25"),
        ],
    )
    def test_forms(self, text: str, expected: str) -> None:
        assert parse_number(text) == Decimal(expected)

    def test_keeps_written_precision(self) -> None:
        assert str(parse_number("1,234.50")) == "1234.50"

    def test_same_value_twice_is_not_ambiguous(self) -> None:
        assert parse_number("๙๗.๕ (97.5)") == Decimal("97.5")

    def test_no_number_message(self) -> None:
        with pytest.raises(ValueParseError) as info:
            parse_number("ร้อยละ abc")
        assert info.value.reason == "no number in 'ร้อยละ abc'"

    @pytest.mark.parametrize("text", ["", "   ", "-", "ไม่มีข้อมูล", ",", "."])
    def test_no_number(self, text: str) -> None:
        with pytest.raises(ValueParseError, match="no number"):
            parse_number(text)

    @pytest.mark.parametrize(
        "text",
        [
            "1 234",  # spaces never join digits
            "๑ ๒๓๔",
            "1,23",  # not a thousands group
            "1,2345",
            "12345,678",
            "1.2.3",
            "5-10",
            "90 - 100",
            "2565-2566",
            "399.03 (คะแนนปี 2565)",
        ],
    )
    def test_more_than_one_number(self, text: str) -> None:
        with pytest.raises(ValueParseError, match="more than one number"):
            parse_number(text)

    def test_more_than_one_lists_values(self) -> None:
        with pytest.raises(ValueParseError) as info:
            parse_number("1 234")
        assert info.value.reason == "more than one number in '1 234' (1, 234)"

    def test_is_a_value_error(self) -> None:
        with pytest.raises(ValueError):
            parse_number("abc")

    def test_long_text_is_shortened_in_reason(self) -> None:
        with pytest.raises(ValueParseError) as info:
            parse_number("ก" * 500)
        assert len(info.value.reason) < 120
        assert "\n" not in info.value.reason


class TestFindNumbers:
    def test_value_then_year(self) -> None:
        text = "399.03 (คะแนนปี 2565)"
        found = find_numbers(text)
        assert [value for value, _, _ in found] == [Decimal("399.03"), Decimal("2565")]
        assert [text[start:end] for _, start, end in found] == ["399.03", "2565"]

    def test_spans_index_original_thai_text(self) -> None:
        text = "ร้อยละ ๙๗.๕ จาก ๑,๐๐๐"
        found = find_numbers(text)
        assert [text[start:end] for _, start, end in found] == ["๙๗.๕", "๑,๐๐๐"]
        assert [value for value, _, _ in found] == [Decimal("97.5"), Decimal("1000")]

    def test_sign_is_inside_span(self) -> None:
        text = "ลดลง -3.5"
        [(value, start, end)] = find_numbers(text)
        assert value == Decimal("-3.5")
        assert text[start:end] == "-3.5"

    def test_range_dash_is_not_a_sign(self) -> None:
        assert [v for v, _, _ in find_numbers("2565-2566")] == [Decimal(2565), Decimal(2566)]

    def test_detached_dash_is_not_a_sign(self) -> None:
        assert [v for v, _, _ in find_numbers("90 - 100")] == [Decimal(90), Decimal(100)]

    def test_none(self) -> None:
        assert find_numbers("ไม่มีตัวเลข") == []


class TestFirstNumber:
    def test_first(self) -> None:
        assert first_number("399.03 (คะแนนปี 2565)") == Decimal("399.03")

    def test_thai(self) -> None:
        assert first_number("ผลงาน ๘๕ คะแนน ปี ๒๕๖๕") == Decimal("85")

    def test_none(self) -> None:
        assert first_number("ไม่มี") is None
        assert first_number("") is None


class TestParsePercent:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("ร้อยละ 97.5", "97.5"),
            ("97.5%", "97.5"),
            ("๙๗.๕ %", "97.5"),
            ("ร้อยละ ๑๐๐", "100"),
            ("ร้อยละ 97.5 %", "97.5"),
            ("120％", "120"),
            ("97.5", "97.5"),
            ("๕๐ เปอร์เซ็นต์", "50"),
        ],
    )
    def test_forms(self, text: str, expected: str) -> None:
        assert parse_percent(text) == Decimal(expected)

    def test_no_percentage(self) -> None:
        with pytest.raises(ValueParseError) as info:
            parse_percent("ร้อยละ abc")
        assert info.value.reason == "no percentage in 'ร้อยละ abc'"

    def test_two_numbers(self) -> None:
        with pytest.raises(ValueParseError, match="more than one number"):
            parse_percent("ร้อยละ 80 - 90")


def _render(value: Decimal, thai_mask: list[bool]) -> str:
    """Write a Decimal with thousands separators, each digit Thai or Arabic per the mask."""
    text = f"{value:,f}"
    out: list[str] = []
    digit_index = 0
    for char in text:
        if char.isdigit():
            thai = thai_mask[digit_index % len(thai_mask)]
            out.append(THAI_DIGITS[int(char)] if thai else char)
            digit_index += 1
        else:
            out.append(char)
    return "".join(out)


decimals = st.decimals(
    min_value=Decimal("-1e12"),
    max_value=Decimal("1e12"),
    allow_nan=False,
    allow_infinity=False,
    places=3,
)


class TestRoundTrip:
    @given(decimals)
    def test_thai_digits_with_separators(self, value: Decimal) -> None:
        text = to_thai_digits(f"{value:,f}")
        assert parse_number(text) == value

    @given(decimals, st.lists(st.booleans(), min_size=1, max_size=8))
    def test_mixed_digits(self, value: Decimal, mask: list[bool]) -> None:
        assert parse_number(_render(value, mask)) == value

    @given(decimals, st.sampled_from(["ร้อยละ {}", "{}%", "{} %", "ร้อยละ {} %", "{}"]))
    def test_percent_templates(self, value: Decimal, template: str) -> None:
        assert parse_percent(template.format(to_thai_digits(f"{value:,f}"))) == value

    @given(decimals, st.sampled_from(["ร้อยละ {}", "{} คะแนน", "ค่า: {} บาท", "({})"]))
    def test_with_words(self, value: Decimal, template: str) -> None:
        assert parse_number(template.format(f"{value:,f}")) == value
