"""The message catalogue: every sentence in Thai and English, with the same values, and errors
that carry a key so their reason is written in the language chosen when printed."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from parsers.errors import InputError, ThaiKPIError, ValueParseError
from parsers.messages import LANG_ENV, LANGS, MESSAGES, Message, current_lang, placeholders, render, set_lang
from parsers.pdf.document import check_file
from parsers.thai.dates import parse_thai_date
from parsers.thai.numbers import parse_number


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_key_has_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = MESSAGES[key]
    assert set(entry) == set(LANGS), key
    assert all(entry[lang].strip() for lang in LANGS), key
    assert placeholders(entry["th"]) == placeholders(entry["en"]), key


def test_thai_texts_are_thai() -> None:
    """A Thai text that is the English one is a translation left out (bar a few that are only
    values and punctuation)."""
    same = [k for k, e in MESSAGES.items() if e["th"] == e["en"]]
    assert set(same) <= {"corr.model"}, same


def test_a_message_is_its_english_text_and_renders_either_language() -> None:
    m = Message("input.too_many_pages", pages=12, limit=10)
    assert m == "too many pages (12 > --max-pages 10)"
    assert m.text("en") == m
    assert m.text("th") == "จำนวนหน้ามากเกินไป (12 > --max-pages 10)"
    assert render(m, "th") == m.text("th") and render("plain words", "th") == "plain words"


def test_nested_messages_follow_the_language() -> None:
    m = Message("sheet.cell", row=2, column="kpi", reason=Message("sheet.no_kpi"))
    assert m.text("en") == "row 2, column kpi: empty: which KPI is this row about?"
    assert m.text("th") == "แถว 2 คอลัมน์ kpi: ว่าง: แถวนี้เป็นของตัวชี้วัดใด?"


def test_the_default_is_thai_then_the_environment_then_the_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    assert current_lang() == "th"
    monkeypatch.setenv(LANG_ENV, "en")
    assert current_lang() == "en"
    monkeypatch.setenv(LANG_ENV, "fr")  # not a language the tool speaks: the default
    assert current_lang() == "th"
    set_lang("en")
    assert current_lang() == "en"
    with pytest.raises(ValueError):
        set_lang("fr")


def test_an_error_line_keeps_its_shape_in_both_languages(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"hello")
    with pytest.raises(InputError) as caught:
        check_file(bad)
    exc = caught.value
    assert exc.line() == f"{bad}: error: ไม่ใช่ไฟล์ PDF (ไม่มีส่วนหัว %PDF)"
    assert exc.line(lang="en") == f"{bad}: error: not a PDF (no %PDF header)"
    assert exc.reason == str(exc) == "not a PDF (no %PDF header)"
    set_lang("en")
    assert exc.line() == f"{bad}: error: not a PDF (no %PDF header)"


@pytest.mark.parametrize(
    ("content", "th", "en"),
    [
        (b"", "ไฟล์ว่าง (0 ไบต์)", "empty file (0 bytes)"),
        (b"%PDF-1.4\nno end", "ไฟล์ PDF ไม่ครบ (ไม่มีเครื่องหมายท้ายไฟล์)", "truncated PDF (no end-of-file marker)"),
    ],
)
def test_bad_files(tmp_path: Path, content: bytes, th: str, en: str) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        check_file(path)
    assert (caught.value.text("th"), caught.value.text("en")) == (th, en)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        check_file(tmp_path / "nope.pdf")
    assert caught.value.text("th") == "ไม่พบไฟล์"
    assert caught.value.text("en") == "no such file"


def test_quoted_text_stays_as_it_is() -> None:
    with pytest.raises(ValueParseError) as caught:
        parse_number("ร้อยละ")
    assert caught.value.text("th") == "ไม่มีตัวเลขใน 'ร้อยละ'"
    assert caught.value.text("en") == "no number in 'ร้อยละ'"
    with pytest.raises(ValueParseError) as caught:
        parse_thai_date("๓๒ มกราคม ๒๕๖๖")
    assert "'๓๒ มกราคม ๒๕๖๖'" in caught.value.text("th")
    assert caught.value.text("th").startswith("วันที่ 32 ใน")


def test_errors_cross_processes_with_their_key() -> None:
    exc = InputError("input.too_many_pages", "a.pdf", pages=3, limit=2)
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is InputError and back.file == "a.pdf"
    assert back.text("th") == exc.text("th") and back.reason == exc.reason
    reason = pickle.loads(pickle.dumps(Message("batch.timeout", seconds=5.0)))
    assert isinstance(reason, Message) and reason.text("th") == "ใช้เวลาเกิน 5 วินาที (--timeout)"


def test_a_literal_reason_is_kept() -> None:
    """Text that is not a catalogue key is said as it is, in every language."""
    exc = ThaiKPIError("something plain", "f.pdf")
    assert exc.line(lang="th") == exc.line(lang="en") == "f.pdf: error: something plain"
