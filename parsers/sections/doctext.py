"""Small text helpers the section parsers share: matching labels however the PDF spaced them.

Labels in agreements vary in spacing, digits and wording (`ตัวชี้วัดที่ ๓`, `ตัวชี้วัดที่3`,
`ค่าน้ำหนัก : ร้อยละ ๑๕`); every parser compares through `squash` so that none of them has to
care, and reads numbers through `parsers.thai.numbers` so Thai and Arabic digits are the same.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from parsers.pdf.lines import Line
from parsers.sections import labels
from parsers.thai.chars import SARA_AA, SARA_AM, UPPER_MARKS
from parsers.thai.numbers import thai_to_arabic_digits

_WS = re.compile(r"\s+")
# `๓.` or `๓)`; a scan may give `๓,` or `๓,.` (never `20,000`: no digit after the comma)
_NUMBERED = re.compile(r"^\s*([0-9๐-๙]{1,2})\s*(?:[.)]|,(?![0-9๐-๙])\.?)\s*(.*)$", re.S)
_NUM = r"[0-9๐-๙]+(?:[.,][0-9๐-๙]+)*"


# what squash drops: everything drawn above the consonant (and the ring of ำ, which leaves า)
_UPPER_MARKS = str.maketrans({**dict.fromkeys(map(ord, UPPER_MARKS)), ord(SARA_AM): SARA_AA})


@functools.lru_cache(maxsize=1 << 16)
def squash(text: str) -> str:
    """The form labels are compared in: no white space, Arabic digits, and nothing drawn above
    the line (OCR drops upper vowels and tone marks on bold headings: `น้ำหนัก` comes back as
    `นำหนัก`, `ตัวชี้วัด` as `ตวชวด`, and the ring of ำ: `คำรับรอง` as `คารบรอง`). Compare
    squash to squash. (Cached: the parsers squash the same labels and lines many times over.)"""
    return _WS.sub("", thai_to_arabic_digits(text)).translate(_UPPER_MARKS)


def respell(value: str, texts: Iterable[str]) -> str:
    """`value` as `texts` write it, when they hold the same words up to what `squash` ignores.

    OCR drops marks drawn above the line (`กองการเจ้าหน้าที` for กองการเจ้าหน้าที่); when the
    same name is written in the document's text layer (a running header, a table), that
    spelling is the document's own. Returns `value` unchanged when no text holds it.
    """
    target = squash(value)
    if len(target) < 4:
        return value
    for text in texts:
        if target not in squash(text):
            continue
        kept = [i for i, ch in enumerate(text) if squash(ch)]  # index of every character squash keeps
        squashed = "".join(squash(text[i]) for i in kept)
        k = squashed.find(target)
        if k < 0:
            continue
        start, end = kept[k], kept[k + len(target) - 1] + 1
        while end < len(text) and not text[end].isspace() and not squash(text[end]):
            end += 1  # the marks over the last letter
        return fold(text[start:end])
    return value


def fold(text: str) -> str:
    """White space folded to single spaces, ends stripped."""
    return _WS.sub(" ", text).strip()


def has_label(text: str, *labels: str) -> bool:
    s = squash(text)
    return any(squash(label) in s for label in labels)


def numbered(text: str) -> tuple[int, str] | None:
    """`๓. ร้อยละการเบิกจ่าย` → (3, 'ร้อยละการเบิกจ่าย'); None when the text has no leading number."""
    m = _NUMBERED.match(text)
    if not m:
        return None
    return int(thai_to_arabic_digits(m.group(1))), m.group(2).strip()


_BARE_NUMBER = re.compile(r"^\s*([0-9๐-๙]{1,2})\s*[.)]?\s*$")
#: a KPI row that says what it is: `ตัวชี้วัดที่ ๓ ร้อยละ…`, `ตัวชี้วัด 3 : ร้อยละ…`, `ตัวชี้วัดที่ 3. : ร้อยละ…`
#: (whatever separates the number from the name is not part of the name)
#: (also as a scan reads it: `ตัวชีวัดที่ 1`, `ตัวชัวัดท 2`)
_KPI_NUMBERED = re.compile(
    r"^\s*" + labels.KPI_LOOSE + f"(?:{labels.ORDINAL_LOOSE})?"
    + r"\s*([0-9๐-๙]{1,2})(?![0-9๐-๙]|\.[0-9๐-๙])(?:\s*[.:：)\-–])*\s*(.*)$",
    re.S,
)


def is_bare_number(text: str) -> bool:
    """A cell that is only a row number (`๓`, `12.`)."""
    return _BARE_NUMBER.match(text) is not None


def row_label(texts: list[str]) -> tuple[int | None, str]:
    """Number and name of a table row from its label cells, left to right: `๓. ร้อยละ…` or
    `ตัวชี้วัดที่ ๓ ร้อยละ…` in one cell, or the number in a column of its own (`ลำดับ` | `ตัวชี้วัด`)."""
    texts = [t for t in texts if t.strip()]
    if len(texts) >= 2:
        m = _BARE_NUMBER.match(texts[0])
        if m:
            rest = fold(" ".join(texts[1:]))
            # a number of its own before a numbered name (`๑.` | `๑. ร้อยละ…`: a category
            # column left with only its number, as a scan reads it): the name's number is the row's
            own = numbered(rest)
            if own is not None:
                return own
            return int(thai_to_arabic_digits(m.group(1))), rest
    label = fold(" ".join(texts))
    num = numbered(label)
    if num is None and (m := _KPI_NUMBERED.match(label)) and m.group(2):
        return int(thai_to_arabic_digits(m.group(1))), m.group(2).strip()
    return (num[0], num[1]) if num else (None, label)


def page_lines_text(lines: Iterable[Line]) -> str:
    return "\n".join(ln.text for ln in lines)


def slice_line(line: Line, x0: float, x1: float) -> str:
    """The characters of `line` whose box centre lies between x0 and x1 (one column of it)."""
    out = [ch for ch, b in zip(line.text, line.boxes, strict=False) if x0 <= (b[0] + b[2]) / 2 <= x1]
    return fold("".join(out))


def named_like_category(name: str) -> bool:
    """Does `name` read as a category's (`องค์ประกอบที่ ๒ …`, `ด้านที่ ๑ …`): a heading that
    counts itself, or one of the form's category words first. KPI names measure something
    (`ร้อยละ…`, `ระดับความสำเร็จ…`) and do neither."""
    s = squash(name)
    return bool(labels.ORDINAL_HEADING_RE.match(name)) or s.startswith(tuple(squash(w) for w in labels.CATEGORY_WORDS))


def rest_of_category_name(text: str, names: list[str]) -> bool:
    """Is `text`, opening a table's piece in the category column, the rest of the last category's
    name (its merged cell cut by the page break) rather than a new category? It is when every
    category before is named like one (`ส่วนที่ ๔ …`) and it is not (`การให้บริการ`), or every one
    before counts itself (`ส่วนที่ ๓ ประสิทธิผลตาม`) and it does not, though it opens with a
    category word (`ยุทธศาสตร์`)."""
    if not names or not all(named_like_category(n) for n in names) or squash(text).startswith(squash(labels.TOTAL)):
        return False  # (the total row closes the table, whatever stands before it)
    if not named_like_category(text):
        return True
    return all(labels.ORDINAL_HEADING_RE.match(n) for n in names) and not labels.ORDINAL_HEADING_RE.match(text)


def _is_thai_letter(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e4e"


def join_thai(parts: list[str], known: Sequence[str] = ()) -> str:
    """Lines of one wrapped paragraph or cell as one text: Thai is written without spaces
    between words, so two Thai letters across a line break belong together — unless the document
    writes the same two words with a space between them on one of its `known` lines (`…สุพรรณบุรี`
    / `เขต 1` where another line has `สุพรรณบุรี เขต 1`); anything else across a break was a space."""
    out = ""
    for p in (fold(p) for p in parts):
        if not p:
            continue
        if out and not (_is_thai_letter(out[-1]) and _is_thai_letter(p[0])):
            out += " "
        elif out and known and _spaced_elsewhere(out, p, known):
            out += " "
        out += p
    return out


def _spaced_elsewhere(left: str, right: str, known: Sequence[str]) -> bool:
    """Whether `known` lines write the end of `left` and the start of `right` apart, and never
    together (up to 8 letters each side, 8 in all at least, so that common short words decide
    nothing)."""
    a = left.rsplit(" ", 1)[-1][-8:]
    b = right.split(" ", 1)[0][:8]
    if len(a) < 3 or len(b) < 3 or len(a) + len(b) < 8:
        return False
    spaced = re.compile(re.escape(a) + r"\s+" + re.escape(b))
    return any(spaced.search(t) for t in known) and not any(a + b in t for t in known)
