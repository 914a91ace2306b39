"""String-level Thai repair rules, shared by the PDF text layer and the OCR path.

The PDF layer (`parsers.pdf.lines`) fixes order by geometry first; these rules then bring every cluster
into Unicode order and compose sara am. They are pure functions on strings so that OCR output,
table cells and user input all go through the same rules.
"""

from __future__ import annotations

import re
import unicodedata

from parsers.thai.chars import (
    MARKS,
    NIKHAHIT,
    SARA_AA,
    SARA_AM,
    TONE_MARKS,
    mark_rank,
)
from parsers.thai.pua import map_pua

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_AM_TONE = re.compile("\u0e33([\u0e48-\u0e4b]+)")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_MARK_RUN = re.compile("[" + "".join(sorted(MARKS)) + "]{2,}")


def order_marks(text: str) -> str:
    """Sort each run of combining marks into Unicode order and drop a mark repeated in the run.

    PDFs draw marks in whatever order the font's positioning wants (tone before vowel, nikhahit
    before tone in นํ้า); Unicode wants vowel, tone, others. A repeated identical mark is a drawing
    artefact (bold simulated by over-printing), never Thai.
    """
    # a lone mark is always in order: only runs of two or more need sorting
    return _MARK_RUN.sub(_ordered_run, text)


def _ordered_run(match: re.Match[str]) -> str:
    seen: list[str] = []
    for m in sorted(match.group(0), key=mark_rank):
        if m not in seen:
            seen.append(m)
    return "".join(seen)


def compose_sara_am(text: str) -> str:
    """Compose ำ from ํ + า (in either order, with a tone mark in between) and drop a doubled า.

    LibreOffice and many Word exports draw ำ as nikhahit + sara aa (`คํา`, `นํ้า`); some fonts map
    the ำ glyph to U+0E33 and draw another า after it (`คำา`). The tone mark of น้ำ belongs before ำ.
    """
    if NIKHAHIT not in text and SARA_AM not in text:
        return text  # nothing to compose (the common case)
    chars = list(text)
    out: list[str] = []
    i = 0
    n = len(chars)
    while i < n:
        ch = chars[i]
        if out and out[-1] == SARA_AM and ch in (SARA_AA, SARA_AM, NIKHAHIT):
            i += 1  # ำา, ำำ, ำํ: the same vowel drawn twice
            continue
        if ch == SARA_AM and out and out[-1] == SARA_AA:
            out[-1] = SARA_AM  # าำ: the า of a ring mapped to ำ, placed first (fpdf2's `น้าำ`)
            i += 1
            continue
        if ch == NIKHAHIT:
            # ํ [tone]* า  →  [tone]* ำ
            j = i + 1
            tones: list[str] = []
            while j < n and chars[j] in TONE_MARKS:
                tones.append(chars[j])
                j += 1
            if j < n and chars[j] in (SARA_AA, SARA_AM):
                out.extend(tones)
                out.append(SARA_AM)
                i = j + 1
                continue
            out.append(ch)
            i += 1
            continue
        if ch == SARA_AA and i + 1 < n and chars[i + 1] == NIKHAHIT:
            out.append(SARA_AM)  # า ํ drawn the other way round
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def move_tone_before_am(text: str) -> str:
    """`ำ` + tone (tone drawn after the vowel) → tone + `ำ`, the Unicode order of น้ำ."""
    if SARA_AM not in text:
        return text
    return _AM_TONE.sub(lambda m: m.group(1) + SARA_AM, text)


def repair_thai(text: str) -> str:
    """All string-level rules in order: NFC, PUA, mark order, sara am. Idempotent."""
    if not text:
        return text
    text = map_pua(unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH))
    for _ in range(4):  # junk clusters can need a second pass; clean Thai never does
        fixed = move_tone_before_am(compose_sara_am(order_marks(text)))
        if fixed == text:
            break
        text = fixed
    return text


def fold_spaces(text: str) -> str:
    """Collapse every run of white space to one space and strip the ends."""
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()
