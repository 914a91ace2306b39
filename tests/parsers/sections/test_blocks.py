"""A page's blocks: what is dropped as the page's number before a template is read."""

from __future__ import annotations

import pytest

from parsers.sections.blocks import is_page_number


@pytest.mark.parametrize("text", ["3", "๑๒", "- 3 -", "หน้า 7", "หน้า 3/12", "หน้าที่ ๓ จาก ๑๒", "Page 3 of 12", "หน้า 7หน้า 7", "- 11 -- 11 -- 11 -"])
def test_a_page_number_however_often_the_field_was_drawn(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2562 2563", "- 3 -- 4 -", "ร้อยละ 80", "3.5"])
def test_numbers_that_are_no_page_number(text: str) -> None:
    """Two different numbers (a row of years, two pages' fields) are the page's text."""
    assert not is_page_number(text)
