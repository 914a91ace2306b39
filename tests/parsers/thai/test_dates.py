"""Tests for parsers.thai.dates: Thai dates in all written forms, fiscal years, formatting."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.thai.dates import (
    THAI_MONTHS_ABBR,
    THAI_MONTHS_FULL,
    be_to_ce,
    ce_to_be,
    day_months,
    find_thai_date,
    find_thai_dates,
    fiscal_year_of,
    fiscal_year_period,
    format_thai_date,
    in_fiscal_year,
    normalise_thai,
    parse_thai_date,
    yearless_dates,
)
from pipeline.errors import ValueParseError

DEC_26_2022 = date(2022, 12, 26)


class TestParseThaiDate:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("๒๖ ธันวาคม ๒๕๖๕", DEC_26_2022),
            ("วันที่ ๒๖ เดือน ธันวาคม ๒๕๖๕", DEC_26_2022),
            ("วันที่ ๒๖ เดือน ธันวาคม พ.ศ. ๒๕๖๕", DEC_26_2022),
            ("วันที่๒๖เดือนธันวาคมพ.ศ.๒๕๖๕", DEC_26_2022),
            ("๒๖ ธันวาคม พุทธศักราช ๒๕๖๕", DEC_26_2022),
            ("๑๖ ธ.ค. ๖๕", date(2022, 12, 16)),
            ("3 ส.ค. 64", date(2021, 8, 3)),
            ("26 ธันวาคม 2565", DEC_26_2022),
            ("๒๖ ธันวาคม ๒๕๖5", DEC_26_2022),
            ("2๖ ธันวาคม 25๖๕", DEC_26_2022),
            ("16 ธ.ค.65", date(2022, 12, 16)),
            ("16 ธ.ค 65", date(2022, 12, 16)),
            ("16 ธค 65", date(2022, 12, 16)),
            ("16 ธ. ค. 65", date(2022, 12, 16)),
            ("16ธ.ค.65", date(2022, 12, 16)),
            ("26 ธันวา 2565", DEC_26_2022),
            ("ณ วันที่ ๒๖ ธันวาคม ๒๕๖๕ ณ ทำเนียบรัฐบาล", DEC_26_2022),
            ("วันจันทร์ที่ 26 ธันวาคม 2565", DEC_26_2022),
            ("26   ธันวาคม\u00a0\u00a02565", DEC_26_2022),
            ("26 ธัน\u200bวาคม 2565", DEC_26_2022),
            ("01 ม.ค. 2566", date(2023, 1, 1)),
            ("26 ธันวาคม ค.ศ. 2022", DEC_26_2022),
            ("๒๙ กุมภาพันธ์ ๒๕๖๗", date(2024, 2, 29)),  # 2024 is a leap year
            ("๒๖ ธันวาคม ๒๕๖๕ (๒๖ ธ.ค. ๖๕)", DEC_26_2022),  # same date twice is fine
        ],
    )
    def test_forms(self, text: str, expected: date) -> None:
        assert parse_thai_date(text) == expected

    @pytest.mark.parametrize("month", range(1, 13))
    def test_every_full_month(self, month: int) -> None:
        assert parse_thai_date(f"1 {THAI_MONTHS_FULL[month - 1]} 2566") == date(2023, month, 1)

    @pytest.mark.parametrize("month", range(1, 13))
    def test_every_abbreviated_month(self, month: int) -> None:
        abbr = THAI_MONTHS_ABBR[month - 1]
        assert parse_thai_date(f"๑ {abbr} ๖๖") == date(2023, month, 1)
        assert parse_thai_date(f"1 {abbr}66") == date(2023, month, 1)
        assert parse_thai_date(f"1 {abbr.replace('.', '')} 66") == date(2023, month, 1)

    def test_abbreviations_are_listed_as_documented(self) -> None:
        assert THAI_MONTHS_ABBR == (
            "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
            "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
        )  # fmt: skip

    def test_decomposed_sara_am_is_tolerated(self) -> None:
        assert parse_thai_date("ทํา ณ วันที่ ๒๖ ธันวาคม ๒๕๖๕") == DEC_26_2022
        assert normalise_thai("ท\u0e4d\u0e32") == "ท\u0e33"
        assert normalise_thai("น\u0e4d\u0e49\u0e32") == "น\u0e49\u0e33"

    def test_normalise_folds_spaces(self) -> None:
        assert normalise_thai("  a \t\u00a0 b\n") == "a b"

    def test_day_out_of_range(self) -> None:
        with pytest.raises(ValueParseError) as info:
            parse_thai_date("๓๒ ธันวาคม ๒๕๖๕")
        assert "day 32 is out of range for ธันวาคม 2565 (1–31)" in info.value.reason

    def test_thirtieth_of_february(self) -> None:
        with pytest.raises(ValueParseError) as info:
            parse_thai_date("๓๐ กุมภาพันธ์ ๒๕๖๕")
        assert "day 30 is out of range for กุมภาพันธ์ 2565 (1–28)" in info.value.reason

    def test_not_a_leap_year(self) -> None:
        with pytest.raises(ValueParseError, match="day 29"):
            parse_thai_date("๒๙ ก.พ. ๖๕")

    def test_day_zero(self) -> None:
        with pytest.raises(ValueParseError, match="day 0"):
            parse_thai_date("0 มกราคม 2566")

    def test_unknown_month(self) -> None:
        with pytest.raises(ValueParseError) as info:
            parse_thai_date("๒๖ ธันวาคา ๒๕๖๕")
        assert info.value.reason == "unknown month 'ธันวาคา' in '๒๖ ธันวาคา ๒๕๖๕'"

    def test_unknown_month_after_word_duean(self) -> None:
        with pytest.raises(ValueParseError, match="unknown month 'December'"):
            parse_thai_date("วันที่ 26 เดือน December 2565")

    @pytest.mark.parametrize("text", ["๒๖ ธันวาคม", "วันที่ ๒๖ เดือน ธันวาคม พ.ศ.", "26 ธ.ค. 256"])
    def test_no_year(self, text: str) -> None:
        with pytest.raises(ValueParseError, match="no year"):
            parse_thai_date(text)

    @pytest.mark.parametrize("text", ["", "ไม่มีวันที่", "ธันวาคม ๒๕๖๕", "ธ.ค.65"])
    def test_no_date(self, text: str) -> None:
        with pytest.raises(ValueParseError, match="no Thai date"):
            parse_thai_date(text)

    def test_ce_year_without_era_is_rejected(self) -> None:
        with pytest.raises(ValueParseError, match="year 2022 .* not a Buddhist-Era year"):
            parse_thai_date("26 ธันวาคม 2022")

    def test_two_different_dates(self) -> None:
        with pytest.raises(ValueParseError, match=r"more than one date .*\(2022-12-20, 2022-12-14\)"):
            parse_thai_date("วันที่ ๒๐ เดือน ธันวาคม ๒๕๖๕   วันที่ ๑๔ เดือน ธันวาคม ๒๕๖๕")

    def test_error_is_a_value_error(self) -> None:
        with pytest.raises(ValueError):
            parse_thai_date("abc")


class TestFindThaiDates:
    def test_signature_line(self) -> None:
        line = "วันที่ ๒๐ เดือน ธันวาคม ๒๕๖๕   วันที่ ๑๔ เดือน ธันวาคม ๒๕๖๕"
        assert find_thai_dates(line) == [date(2022, 12, 20), date(2022, 12, 14)]
        assert find_thai_date(line) == date(2022, 12, 20)

    def test_mixed_forms_in_order(self) -> None:
        line = "ลงนาม 3 ส.ค. 64 และ ๒๖ ธันวาคม พ.ศ. ๒๕๖๕"
        assert find_thai_dates(line) == [date(2021, 8, 3), DEC_26_2022]

    def test_none(self) -> None:
        assert find_thai_dates("(ลงชื่อ) ............................") == []
        assert find_thai_date("ไม่มีวันที่") is None

    def test_impossible_date_is_reported_not_skipped(self) -> None:
        with pytest.raises(ValueParseError, match="day 31"):
            find_thai_dates("วันที่ ๑ ตุลาคม ๒๕๖๕ ถึง ๓๑ กันยายน ๒๕๖๖")

    def test_numbers_that_are_not_days(self) -> None:
        assert find_thai_date("งบประมาณ 2565 ธันวาคม 2565") is None
        assert find_thai_date("ข้อ 123 ธันวาคม 2565") is None


class TestYears:
    def test_be_to_ce(self) -> None:
        assert be_to_ce(2565) == 2022
        assert ce_to_be(2022) == 2565

    @given(st.integers(min_value=-10_000, max_value=10_000))
    def test_conversions_invert(self, year: int) -> None:
        assert ce_to_be(be_to_ce(year)) == year

    def test_fiscal_year_period(self) -> None:
        assert fiscal_year_period(2566) == (date(2022, 10, 1), date(2023, 9, 30))

    @pytest.mark.parametrize("year", [2400, 2800])
    def test_fiscal_year_bounds_accepted(self, year: int) -> None:
        start, end = fiscal_year_period(year)
        assert end.year == be_to_ce(year)

    @pytest.mark.parametrize("year", [2399, 2801, 2022, 0, -1])
    def test_fiscal_year_out_of_range(self, year: int) -> None:
        with pytest.raises(ValueParseError, match=f"fiscal year {year} is not a Buddhist-Era year"):
            fiscal_year_period(year)

    def test_fiscal_year_must_be_int(self) -> None:
        with pytest.raises(ValueParseError, match="whole Buddhist-Era year"):
            fiscal_year_period(True)
        with pytest.raises(ValueParseError, match="whole Buddhist-Era year"):
            fiscal_year_period(2566.0)  # type: ignore[arg-type]

    def test_fiscal_year_of(self) -> None:
        assert fiscal_year_of(date(2022, 10, 1)) == 2566
        assert fiscal_year_of(date(2022, 9, 30)) == 2565
        assert fiscal_year_of(date(2023, 9, 30)) == 2566

    @given(st.integers(min_value=2401, max_value=2800))
    def test_fiscal_period_and_year_agree(self, fy: int) -> None:
        start, end = fiscal_year_period(fy)
        assert fiscal_year_of(start) == fy
        assert fiscal_year_of(end) == fy
        assert (end - start).days in (364, 365)


class TestFormat:
    def test_full_thai(self) -> None:
        assert format_thai_date(DEC_26_2022) == "๒๖ ธันวาคม ๒๕๖๕"

    def test_short_arabic(self) -> None:
        assert format_thai_date(DEC_26_2022, digits="arabic", style="short") == "26 ธ.ค. 2565"

    def test_short_thai(self) -> None:
        assert format_thai_date(date(2023, 3, 1), style="short") == "๑ มี.ค. ๒๕๖๖"

    def test_full_arabic(self) -> None:
        assert format_thai_date(date(2023, 3, 1), digits="arabic") == "1 มีนาคม 2566"

    def test_bad_options(self) -> None:
        with pytest.raises(ValueError, match="digits"):
            format_thai_date(DEC_26_2022, digits="roman")
        with pytest.raises(ValueError, match="style"):
            format_thai_date(DEC_26_2022, style="long")


be_dates = st.dates(min_value=date(be_to_ce(2400), 1, 1), max_value=date(be_to_ce(2700), 12, 31))


class TestRoundTrip:
    @given(be_dates, st.sampled_from(["thai", "arabic"]), st.sampled_from(["full", "short"]))
    def test_format_then_parse(self, d: date, digits: str, style: str) -> None:
        assert parse_thai_date(format_thai_date(d, digits=digits, style=style)) == d

    @given(be_dates, st.sampled_from(["วันที่ {d} เดือน {m} พ.ศ. {y}", "{d}{m}{y}", "ณ วันที่ {d} {m} {y} ครับ"]))
    def test_template_then_parse(self, d: date, template: str) -> None:
        text = template.format(d=d.day, m=THAI_MONTHS_FULL[d.month - 1], y=ce_to_be(d.year))
        assert parse_thai_date(text) == d

    # Two-digit years are read as 25xx, so BE 2500–2599 is what round-trips.
    @given(st.dates(min_value=date(be_to_ce(2500), 1, 1), max_value=date(be_to_ce(2599), 12, 31)))
    def test_two_digit_years(self, d: date) -> None:
        text = f"{d.day} {THAI_MONTHS_ABBR[d.month - 1]} {ce_to_be(d.year) % 100:02d}"
        assert parse_thai_date(text) == d


def test_ocr_marks_above_month_names_do_not_matter() -> None:
    """OCR adds or drops upper vowels and tone marks; full month names still read, and the
    abbreviations that differ only there (ม.ค. / มี.ค.) stay apart."""
    assert parse_thai_date("วันที่ ๑๙ เดือน ธั้นวาคม ๒๕๖๖") == date(2023, 12, 19)
    assert parse_thai_date("๒๖ ธนวาคม ๒๕๖๕") == date(2022, 12, 26)
    assert parse_thai_date("วันที่ ๑๙ Wau ธันวาคม ๒๕๖๖") == date(2023, 12, 19)  # เดือน misread
    assert parse_thai_date("๑ ม.ค. ๖๖") == date(2023, 1, 1)
    assert parse_thai_date("๑ มี.ค. ๖๖") == date(2023, 3, 1)


def test_day_months_names_the_months_whether_a_year_follows_or_not() -> None:
    assert day_months("๑ ตุลาคม ๒๕๖๕ – ๓๑ มีนาคม webb)") == [10, 3]
    assert day_months("1 ต.ค. 65 - 30 มิ.ย. 66") == [10, 6]
    assert day_months("ตุลาคม ถึง มีนาคม") == []  # no day: no date phrase


def test_yearless_dates_and_the_fiscal_years_date_for_them() -> None:
    assert yearless_dates("วันที่ ๑๔ เดือน ตุลาคม พ.ศ.") == [(14, 10)]
    assert yearless_dates("๑ ต.ค. ๒๕๖๕ – ๓๑ มี.ค.") == [(1, 10), (31, 3)]
    assert in_fiscal_year(14, 10, 2569) == date(2025, 10, 14)  # the year's first month
    assert in_fiscal_year(1, 3, 2569) == date(2026, 3, 1)
    assert in_fiscal_year(20, 9, 2569) == date(2026, 9, 20)  # in the year, not the September before
    assert in_fiscal_year(29, 2, 2566) is None  # no 29 February in 2023
