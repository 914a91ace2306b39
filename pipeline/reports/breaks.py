"""Thai line breaking for HTML and PDF: break between words, never inside one.

Thai has no spaces between words, so a renderer must guess where a line may end. Pango (PDF)
and Chromium (HTML) use their own dictionaries and happily split compounds and names
(``ปี|งบประมาณ``, ``วงศ์|ไพบูลย์``). Here pythainlp's segmentation decides instead (:func:`words`:
``newmm`` with its dictionary plus :data:`DOMAIN_WORDS`): each Thai word is set in a
``<span class="w">`` that may not break inside (``white-space: nowrap``), and a ``<wbr>`` between
two words is the break opportunity. People's names (after นาย/นาง/นางสาว, or printed through
:func:`keep_whole`), dates, and numbers with their unit (``ร้อยละ 95``, ``20 คะแนน``) are kept
whole. A span always holds whole grapheme clusters (a word from the segmenter, never a piece of
one), so no break opportunity ever stands between a base letter and its marks; WeasyPrint lays
``<wbr>`` out without a character, so text copied from the PDF has no zero-width spaces.

Every Thai word gets its span, short ones too: in the PDF each span is a text run of its own, and
``pipeline.reports.pdf`` gives spans a hair of right margin so that the run after a word ending
in an upper vowel or tone mark never starts left of that mark (pdftotext otherwise reads the
zero-width mark as a duplicate glyph and moves it into the next word: ``คูค ่ำรับรอง``).

The output is escaped HTML (``Markup``): the input is always treated as text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from parsers.thai.dates import THAI_MONTHS_ABBR, THAI_MONTHS_FULL

_THAI = re.compile(r"[\u0E01-\u0E5B]")
_NUM = r"[0-9๐-๙](?:[0-9๐-๙.,/]*[0-9๐-๙])?(?:\s*[–-]\s*[0-9๐-๙](?:[0-9๐-๙.,]*[0-9๐-๙])?)?"
_MONTHS = "|".join(
    re.escape(m) for m in sorted(set(THAI_MONTHS_FULL) | set(THAI_MONTHS_ABBR), key=len, reverse=True)
)
_BEFORE = (
    "ร้อยละ", "หน้า", "ระดับ", "ข้อ", "ปี", "พ.ศ.", "ค.ศ.", "ครั้งที่", "รอบ", "ตัวชี้วัดที่", "ที่", "จำนวน", "น้ำหนัก",
    "คะแนน",
)  # fmt: skip
_AFTER = (
    "%", "คะแนน", "วัน", "เดือน", "ปี", "ครั้ง", "ล้านบาท", "บาท", "แห่ง", "คน", "ราย", "รายการ", "เรื่อง", "หน่วยงาน",
    "ระดับ", "ชั่วโมง", "นาที", "เท่า", "หน้า", "ข้อ",
)  # fmt: skip


def _either(options: tuple[str, ...]) -> str:
    """A regex alternation trying the longest first (รายการ before ราย)."""
    return "|".join(re.escape(o) for o in sorted(set(options), key=len, reverse=True))


#: the runs that are never split: dates, names with their title, dotted abbreviations, numbers
#: with their unit
_KEEP = re.compile(
    rf"[0-9๐-๙]{{1,2}}\s*(?:{_MONTHS})\s*(?:พ\.ศ\.\s*)?[0-9๐-๙]{{2,4}}"
    rf"|(?:นางสาว|นาง|นาย(?!ก)|ดร\.|ว่าที่ร้อยตรี)\s*[\u0E01-\u0E4E]+\s+[\u0E01-\u0E4E]+"
    rf"|(?P<before>(?:{_either(_BEFORE)})\s*)?(?P<number>{_NUM})(?P<after>\s*(?:{_either(_AFTER)}))?"
    rf"|(?<![\u0E01-\u0E4E])[ก-ฮ]{{1,4}}\.(?:[ก-ฮ]{{1,4}}\.)+"  # ก.พ.ร., สป.กษ.: one abbreviation
)
_THAI_RUN_END = re.compile(r"[\u0E01-\u0E4E]+$")
_THAI_RUN_START = re.compile(r"^[\u0E01-\u0E4E]+")

DOMAIN_WORDS = frozenset(
    {
        "ตัวชี้วัด",  # the dictionary has ตัว + ชี้ + วัด only: การขับเคลื่อนตัวชี้วัด → การขับ|เคลื่อนตัว|ชี้|วัด
        "ถ่วงน้ำหนัก",  # คะแนนถ่วงน้ำหนัก: the weighted score
    }
)
"""Words of performance agreements that pythainlp's dictionary lacks or splits; added to it."""

SPLIT_WORDS = frozenset({"ผลการดำเนินงาน", "ครบรอบ"})
"""Compounds of pythainlp's dictionary a line may end inside, taken out of it: a narrow column's
heading wraps at its natural seam (ผล|การดำเนินงาน), and ``ไม่ครบรอบ 6`` (round 6 incomplete, not
an anniversary) keeps ``รอบ 6`` whole."""

_ORGANIZATION_HEADS = (
    "กระทรวง", "กรม", "สำนักงาน", "สำนัก", "กอง", "ศูนย์", "สถาบัน", "คณะกรรมการ", "มูลนิธิ", "ธนาคาร", "ศาล", "องค์การ",
)  # fmt: skip


def _is_phrase(word: str) -> bool:
    """A dictionary entry that is a phrase or a proper name of parts rather than one word: the long
    names of ministries, departments and offices (กระทรวงเกษตรและสหกรณ์, สำนักงานปลัดกระทรวง)
    and ``X และ Y`` phrases (เกษตรและสหกรณ์). Set whole, they are too wide for a table column
    (21 letters, 11 em) and a Thai reader breaks them between their parts anyway."""
    if len(word) < 12:
        return False
    return " " in word or "และ" in word[1:] or word.startswith(_ORGANIZATION_HEADS)


@lru_cache(maxsize=1)
def _dictionary() -> Any:
    from pythainlp.corpus import thai_words
    from pythainlp.util import dict_trie

    kept = {w for w in thai_words() if w not in SPLIT_WORDS and not _is_phrase(w)}
    return dict_trie(kept | DOMAIN_WORDS)


def words(text: str) -> list[str]:
    """``text`` cut into words as reports break it: pythainlp's ``newmm`` with its dictionary, less
    :data:`SPLIT_WORDS` and the long names and phrases of :func:`_is_phrase`, plus
    :data:`DOMAIN_WORDS`; whitespace kept as tokens of its own, so the pieces join back to ``text``."""
    from pythainlp.tokenize import word_tokenize

    return list(word_tokenize(text, custom_dict=_dictionary(), engine="newmm", keep_whitespace=True))


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
        span = _kept_span(text, m, pos)
        if span is None:
            continue
        start, end = span
        pieces += _words(text[pos:start])
        kept = text[start:end]
        pieces.append((str(keep_whole(kept)) if " " in kept or _THAI.search(kept) else str(escape(kept)), True))
        pos = end
    pieces += _words(text[pos:])
    out: list[str] = []
    previous = False
    for html, thai in pieces:
        if thai and previous:
            out.append("<wbr>")
        out.append(html)
        previous = thai
    return "".join(out)


def _kept_span(text: str, m: re.Match[str], pos: int) -> tuple[int, int] | None:
    """Where a kept run starts and ends, or None to segment it like any text: a run is kept only
    where the segmenter also ends a word, so a number's leading or trailing word belongs to it
    only as a whole word (``ตามที่ 5`` keeps ตามที่ apart; ``5 รายการ`` is never ``5 ราย|การ``),
    and a title inside a word (``ทางนาง…``) is no name."""
    start, end = m.span()
    if not _at_boundary(text[pos:start], text[start:]):
        if not m.group("before"):
            return None
        start = m.start("number")
    if m.group("after") and not _at_boundary(text[:end], text[end:]):
        end = m.end("number")
    return start, end


def _at_boundary(left: str, right: str) -> bool:
    """Whether the segmenter ends a word between ``left`` and ``right`` (always, where either side
    is not Thai letters)."""
    head, tail = _THAI_RUN_END.search(left), _THAI_RUN_START.search(right)
    if head is None or tail is None:
        return True
    return len(head.group()) in boundaries(head.group() + tail.group())


def boundaries(text: str) -> set[int]:
    """The offsets in ``text`` where :func:`words` ends a word (0 and ``len(text)`` included)."""
    offsets, at = {0}, 0
    for word in words(text):
        at += len(word)
        offsets.add(at)
    return offsets


def _words(text: str) -> list[tuple[str, bool]]:
    if not text:
        return []
    if not _THAI.search(text):
        return [(str(escape(text)), False)]
    return [
        (str(keep_whole(word)), True) if _THAI.search(word) else (str(escape(word)), False) for word in words(text)
    ]
