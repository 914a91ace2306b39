"""Text-layer health: how much of a page's Thai can be trusted, before and after repair.

Clean Thai never contains a mark that does not sit on a consonant, a nikhahit outside ำ, a
Private-Use-Area code point or an unmapped glyph (one whose map gave nothing, a zero-width space,
U+FFFD, or a Latin letter inside a Thai word); it never spells า right after a consonant where the
glyph stream drew the ring of ำ, nor writes a word one letter at a time between spaces; and
nearly all of its letters fall inside dictionary words when segmented. Counting those gives every page a verdict that later stages act
on (OCR pages that are `no-text` or `damaged`) and that `thaikpi doctor` shows to users.
"""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Literal

from parsers.thai.chars import NIKHAHIT, can_carry_marks, is_mark, is_thai_letter

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

Verdict = Literal["ok", "repaired", "damaged", "no-text"]

_THAI_RUN = re.compile(r"[\u0e01-\u0e4e]+")
_CID = re.compile(r"\(cid:\d+\)")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
#: a Latin-1 or Latin-Extended letter touching a Thai character: a broken map, never Thai spelling
_LATIN_IN_THAI = re.compile(r"(?<=[\u0e01-\u0e5b])[\u00c0-\u024f]|[\u00c0-\u024f](?=[\u0e01-\u0e5b])")
# one Thai cluster: an optional leading vowel, a consonant, its marks, an optional following vowel
_CLUSTER = "[\u0e40-\u0e44]?[\u0e01-\u0e2e][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*[\u0e30\u0e32\u0e33]?"
#: three or more single clusters in a row between spaces (`ปฏิ บั ติ ร`), or a word opening with a
#: vowel that can only follow a consonant (` าชการ`): letters set apart by spaces
_SPACED = re.compile(
    rf"(?:(?<=\s)|^)(?:{_CLUSTER} ){{2,}}{_CLUSTER}(?=\s|$)|(?<= )[\u0e30\u0e32\u0e33\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]"
)

#: below this dictionary coverage a page's Thai is not trustworthy
DAMAGED_COVERAGE = 0.80
#: this share of unrecoverable glyphs makes a page damaged
DAMAGED_UNMAPPED = 0.02
#: fewer visible characters than this and the page has no usable text layer
MIN_TEXT_CHARS = 20


@dataclass(frozen=True, slots=True)
class TextHealth:
    chars: int
    thai_letters: int
    dangling_marks: int
    stray_nikhahit: int
    pua: int
    unmapped: int
    coverage: float
    #: zero-width glyphs nothing could read, dropped as over-printed fragments (after repair)
    dropped: int = 0
    #: ring glyphs of ำ not read as the ring (before: every ring with a useless map)
    lost_am: int = 0
    #: runs of letters set apart by spaces
    spaced: int = 0

    @property
    def dangling_per_1000(self) -> float:
        return 1000.0 * self.dangling_marks / self.thai_letters if self.thai_letters else 0.0

    @property
    def problems(self) -> int:
        return self.dangling_marks + self.stray_nikhahit + self.pua + self.unmapped + self.lost_am + self.spaced

    @property
    def impossible(self) -> int:
        """Defects no repaired page may keep: unknown glyphs, lost rings, spaced-out letters."""
        return self.unmapped + self.lost_am + self.spaced

    def as_dict(self) -> dict[str, float | int | None]:
        """JSON form; coverage is null on a page with no Thai letters (nothing to measure)."""
        d: dict[str, float | int | None] = dict(asdict(self))
        d["coverage"] = round(self.coverage, 4) if self.thai_letters else None
        d["dangling_per_1000"] = round(self.dangling_per_1000, 3)
        return d


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def _segment(run: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return list(word_tokenize(run, engine="newmm", keep_whitespace=False))


def dictionary_coverage(text: str) -> tuple[float, int]:
    """Share of Thai letters that fall inside dictionary words (newmm segmentation, offline).

    Single letters that newmm leaves over are not words; repeated-letter noise is not either.
    Returns (coverage, thai letter count).
    """
    words = _dictionary()
    total = covered = 0
    for run in _THAI_RUN.findall(text):
        for tok in _segment(run):
            n = sum(1 for ch in tok if is_thai_letter(ch))
            total += n
            if tok in words:
                covered += n
    return (covered / total if total else 1.0), total


def count_problems(text: str) -> tuple[int, int, int, int]:
    """(dangling marks, nikhahit outside ำ, PUA code points, unmapped glyphs) in `text`.

    Unmapped: U+FFFD, `(cid:N)`, zero-width characters and Latin letters inside Thai words."""
    dangling = stray = pua = unmapped = 0
    prev_base = ""
    for ch in text:
        o = ord(ch)
        if 0xF700 <= o <= 0xF8FF or 0xE000 <= o < 0xF700:
            pua += 1
        if ch == "\ufffd" or ch in _ZERO_WIDTH:
            unmapped += 1
        if ch == NIKHAHIT:
            stray += 1
        if is_mark(ch):
            if not can_carry_marks(prev_base):
                dangling += 1
        else:
            prev_base = ch
    unmapped += len(_CID.findall(text)) + len(_LATIN_IN_THAI.findall(text))
    return dangling, stray, pua, unmapped


#: a Latin letter or a keyboard symbol no Thai word holds (a Latin-1/Extended letter too)
_FOREIGN = re.compile(r"[A-Za-z@#!?$^&_=<>\\|~`\[\]{}\u00c0-\u024f]")
_THAI_CONSONANT = re.compile(r"[\u0e01-\u0e2e]")


def garbled_words(text: str) -> tuple[int, int]:
    """(words mixing Thai consonants with Latin letters or keyboard symbols, words with Thai
    consonants) in `text`, words being what white space separates.

    A font whose map sends most Thai glyphs to ASCII codes (a Ghostscript copy of a Chrome PDF:
    `คํ@1?บ1อ` for คำรับรอง) leaves a few Thai letters in every word, each beside `@ 1 ? > #`;
    no writer mixes those into Thai words, so on a healthy page such words are a few in a hundred
    (`หมายเหตุ*` is not one: `*`, `%`, `/`, digits and brackets are left out)."""
    thai = mixed = 0
    for word in text.split():
        if _THAI_CONSONANT.search(word):
            thai += 1
            if _FOREIGN.search(word):
                mixed += 1
    return mixed, thai


def spaced_letters(text: str) -> int:
    """Runs of Thai letters set apart by spaces (`แผนปฏิ บั ติ ร าชการ`): no Thai writer spaces a
    word letter by letter, an export that writes a space glyph after every letter does."""
    return len(_SPACED.findall(text))


def measure(
    text: str, extra_unmapped: int = 0, unmapped: int | None = None, dropped: int = 0, lost_am: int = 0
) -> TextHealth:
    """Health figures of one page's text (or any text).

    `unmapped` replaces the count read from the text (the glyph-level count of a raw layer, whose
    broken glyphs may read as spaces or letters); `extra_unmapped` adds to it."""
    dangling, stray, pua, in_text = count_problems(text)
    coverage, letters = dictionary_coverage(text)
    visible = sum(1 for ch in text if not ch.isspace())
    found = in_text if unmapped is None else unmapped
    return TextHealth(
        visible, letters, dangling, stray, pua, found + extra_unmapped, coverage, dropped, lost_am, spaced_letters(text)
    )


def verdict(before: TextHealth, after: TextHealth, image_count: int = 0) -> Verdict:
    """`no-text`: nothing to read; `damaged`: glyph mapping beyond repair; `repaired`: the raw
    layer had defects that repair removed; `ok`: clean as drawn."""
    if after.chars < MIN_TEXT_CHARS:
        return "no-text"
    if after.thai_letters >= 50 and after.coverage < DAMAGED_COVERAGE:
        return "damaged"
    if after.chars and after.unmapped / after.chars > DAMAGED_UNMAPPED:
        return "damaged"
    if after.impossible:
        return "damaged"  # an unknown glyph, a lost ring of ำ or spaced-out letters remain
    if before.problems > after.problems or before.coverage + 0.005 < after.coverage:
        return "repaired"
    return "ok"
