"""Thai line breaking for HTML and PDF: break between words, never inside one.

Thai has no spaces between words, so a renderer must guess where a line may end. Pango (PDF)
and Chromium (HTML) use their own dictionaries and happily split compounds and names
(``ปี|งบประมาณ``, ``วงศ์|ไพบูลย์``). Here pythainlp's segmentation decides instead: each Thai
word is set in a ``<span class="w">`` that may not break inside (``white-space: nowrap``), and a
``<wbr>`` between two words is the break opportunity. People's names (after นาย/นาง/นางสาว, or
printed through :func:`keep_whole`), dates, and numbers with their unit (``ร้อยละ 95``,
``20 คะแนน``) are kept whole. WeasyPrint lays ``<wbr>`` out without a character, so text copied
from the PDF is unchanged (no zero-width spaces), which the PDF text tests check.

The output is escaped HTML (``Markup``): the input is always treated as text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

from parsers.thai.dates import THAI_MONTHS_ABBR, THAI_MONTHS_FULL

_THAI = re.compile(r"[\u0E01-\u0E5B]")
_NUM = r"[0-9๐-๙](?:[0-9๐-๙.,/]*[0-9๐-๙])?(?:\s*[–-]\s*[0-9๐-๙](?:[0-9๐-๙.,]*[0-9๐-๙])?)?"
_MONTHS = "|".join(
    re.escape(m) for m in sorted(set(THAI_MONTHS_FULL) | set(THAI_MONTHS_ABBR), key=len, reverse=True)
)
_BEFORE = "ร้อยละ|หน้า|ระดับ|ข้อ|ปี|พ\\.ศ\\.|ค\\.ศ\\.|ครั้งที่|รอบ|ตัวชี้วัดที่|ที่|จำนวน|น้ำหนัก|คะแนน"
_AFTER = (
    "%|คะแนน|วัน|เดือน|ปี|ครั้ง|ล้านบาท|บาท|แห่ง|คน|ราย|รายการ|เรื่อง|หน่วยงาน|ระดับ|ชั่วโมง|นาที|เท่า|หน้า|ข้อ|เดือน"
)
#: the runs that are never split: dates, names with their title, numbers with their unit
_KEEP = re.compile(
    rf"[0-9๐-๙]{{1,2}}\s*(?:{_MONTHS})\s*(?:พ\.ศ\.\s*)?[0-9๐-๙]{{2,4}}"
    rf"|(?:นางสาว|นาง|นาย(?!ก)|ดร\.|ว่าที่ร้อยตรี)\s*[\u0E01-\u0E4E]+\s+[\u0E01-\u0E4E]+"
    rf"|(?:(?:{_BEFORE})\s*)?{_NUM}(?:\s*(?:{_AFTER}))?"
)


def keep_whole(text: str) -> Markup:
    """Text never broken across lines (a person's name, a date)."""
    return Markup('<span class="w">') + escape(text) + Markup("</span>")


def thai_breaks(text: str) -> Markup:
    """``text`` escaped, with Thai words kept whole and a break opportunity between them."""
    if not _THAI.search(text):
        return escape(text)
    return Markup(_broken(text))


@lru_cache(maxsize=8192)
def _broken(text: str) -> str:
    pieces: list[tuple[str, bool]] = []  # (html, is a Thai word or kept run)
    pos = 0
    for m in _KEEP.finditer(text):
        pieces += _words(text[pos : m.start()])
        kept = m.group()
        pieces.append((str(keep_whole(kept)) if " " in kept or _THAI.search(kept) else str(escape(kept)), True))
        pos = m.end()
    pieces += _words(text[pos:])
    out: list[str] = []
    previous = False
    for html, thai in pieces:
        if thai and previous:
            out.append("<wbr>")
        out.append(html)
        previous = thai
    return "".join(out)


def _words(text: str) -> list[tuple[str, bool]]:
    if not text:
        return []
    if not _THAI.search(text):
        return [(str(escape(text)), False)]
    from pythainlp.tokenize import word_tokenize

    out: list[tuple[str, bool]] = []
    for word in word_tokenize(text, engine="newmm", keep_whitespace=True):
        if _THAI.search(word):
            # a word of one or two letters cannot be split; only longer ones need the span
            out.append((str(keep_whole(word)) if len(word) > 2 else str(escape(word)), True))
        else:
            out.append((str(escape(word)), False))
    return out
