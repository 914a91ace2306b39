"""An internal error is told in one line, placed in the project's own code."""

from __future__ import annotations

import re

import pydantic

from parsers.errors import internal_error
from pipeline.models import KPI


def test_a_multi_line_library_error_becomes_one_line_placed_in_our_code() -> None:
    try:
        KPI.model_validate({"number": 0, "name": "x"})
    except pydantic.ValidationError as exc:
        message = internal_error(exc)
    text = message.text("en")
    assert "\n" not in text
    assert text.startswith("internal error: ValidationError: ")
    # the last frame is pydantic's; the place named is this test (a file of the project's tree)
    assert re.search(r" at test_errors\.py:\d+$", text) and "main.py" not in text
    assert "ข้อผิดพลาดภายใน" in message.text("th")


def test_a_long_detail_is_cut() -> None:
    message = internal_error(RuntimeError("ก" * 500))
    assert len(message.text("en")) < 260
    assert message.text("en").startswith("internal error: RuntimeError: ")
