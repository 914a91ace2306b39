"""Classes of Thai characters, as the repair rules need them.

One place that knows which code points are consonants, spacing vowels and combining marks, and in
which order Unicode wants a cluster's marks (consonant, lower/upper vowel, tone mark, then the
rarer signs). Everything else asks here instead of repeating code-point ranges.
"""

from __future__ import annotations

import re
from typing import Final

THAI_FIRST, THAI_LAST = 0x0E00, 0x0E7F

#: ก … ฮ (U+0E01–U+0E2E)
CONSONANTS = frozenset(chr(c) for c in range(0x0E01, 0x0E2F))
#: vowels written before the consonant they follow in speech: เ แ โ ใ ไ
LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
#: spacing vowels after the consonant: ะ า ำ ๅ (and the lakkhangyao)
FOLLOWING_VOWELS = frozenset("\u0e30\u0e32\u0e33\u0e45")
SARA_AA = "\u0e32"
SARA_AM = "\u0e33"
NIKHAHIT = "\u0e4d"

ABOVE_VOWELS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47")  # ั ิ ี ึ ื ็
BELOW_VOWELS = frozenset("\u0e38\u0e39\u0e3a")  # ุ ู ฺ
TONE_MARKS = frozenset("\u0e48\u0e49\u0e4a\u0e4b")  # ่ ้ ๊ ๋
OTHER_MARKS = frozenset("\u0e4c\u0e4e")  # ์ ๎
MARKS = ABOVE_VOWELS | BELOW_VOWELS | TONE_MARKS | OTHER_MARKS | {NIKHAHIT}
#: everything drawn above the consonant, the marks OCR drops or invents (U+0E31, U+0E34–37, U+0E47–4E)
UPPER_MARKS = "".join(sorted(ABOVE_VOWELS | TONE_MARKS | OTHER_MARKS | {NIKHAHIT}))
_NO_UPPER_MARKS = str.maketrans("", "", UPPER_MARKS)

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

# Unicode (and every Thai input method) stores a cluster as: base, then the vowel mark above or
# below, then the tone mark, then thanthakhat/yamakkan; a bare nikhahit (Pali/Sanskrit) last.
_RANK: dict[str, int] = {}
for _c in ABOVE_VOWELS | BELOW_VOWELS:
    _RANK[_c] = 0
for _c in TONE_MARKS:
    _RANK[_c] = 1
for _c in OTHER_MARKS:
    _RANK[_c] = 2
_RANK[NIKHAHIT] = 3


def is_thai(ch: str) -> bool:
    return len(ch) == 1 and THAI_FIRST <= ord(ch) <= THAI_LAST


def is_mark(ch: str) -> bool:
    """A combining Thai mark: drawn above or below a base, zero advance width."""
    return ch in MARKS


def is_consonant(ch: str) -> bool:
    return ch in CONSONANTS


def can_carry_marks(ch: str) -> bool:
    """Bases a mark may legitimately sit on: consonants (and ฤ ฦ, which are in the range)."""
    return ch in CONSONANTS


def mark_rank(ch: str) -> int:
    """Position of a mark within its cluster in Unicode order (lower comes first)."""
    return _RANK.get(ch, 9)


def is_thai_letter(ch: str) -> bool:
    """Thai letters and marks, not Thai digits or punctuation (used for dictionary coverage)."""
    return is_thai(ch) and ch not in THAI_DIGITS and ch not in "\u0e2f\u0e46\u0e4f\u0e5a\u0e5b\u0e3f"


def without_upper_marks(text: str) -> str:
    """`text` with nothing drawn above the line (how OCR often returns a bold or thin heading)."""
    return text.translate(_NO_UPPER_MARKS)


def loose(word: str, below: bool = False) -> str:
    """A regex for `word` whatever is drawn above its letters, for patterns that must also match
    OCR text (`ตัวชี้วัดที่` read as `ตัวชวัดท`, `ธั้นวาคม`): each letter may carry any upper marks
    or none, and ำ may have lost its ring (า). With `below`, a stray below vowel too (a mark
    fragment a damaged text layer recovered as ู: `ทีู`), for words that never carry one."""
    above = "[" + re.escape(UPPER_MARKS + ("\u0e38\u0e39\u0e3a" if below else "")) + "]*"
    return "".join(
        ("(?:ำ|ํ?า)" if ch == SARA_AM else re.escape(ch)) + above for ch in word if ch not in UPPER_MARKS
    )


#: letters of scripts no Thai agreement is written in (Armenian to Sinhala, Lao to Ethiopic and
#: on, CJK, Hangul): in a font that draws Thai, an entry holding one is a mangled map (Ghostscript
#: writes fpdf2's two-letter ``้ำ`` as ``้䤳``)
FOREIGN_RE: Final = re.compile("[\u0530-\u0dff\u0e80-\u1fff\u2e80-\ua4ff\uac00-\ud7af\uf900-\ufaff]")
