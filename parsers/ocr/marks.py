"""Marks above the line put back by the dictionary, where OCR lost or misread them.

Tesseract's Thai model loses the marks drawn above the line (`ประจำปี` read as `ประจำป`,
`ปฏิบัติ` as `ปฏิบติ`) or takes one for another (`ดำเนิน` as `ดำเน็น`, `ที่` as `ทิ`); the
letters on the line it reads well. So a run of Thai text is segmented again on its letters
alone, each piece matched to the dictionary words written with the same letters, and the marks
of the likeliest such word are taken (a word's frequency in the Thai National Corpus against the
marks it needs edited). A piece is only replaced where what was read is no dictionary word, and a
run only when every piece of the repaired run is one; a run the dictionary covers as read (in
pieces: `ชีแจง` as ชี + แจง) only when the repair is much likelier; names, abbreviations and
acronyms stay, and the letters on the line never change. Text pages never come here.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata

from parsers.thai.chars import UPPER_MARKS, without_upper_marks

#: a run of Thai letters and marks (no digits, ฯ or ๆ)
_THAI_RUN = re.compile(r"[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]+")
_UPPER = frozenset(UPPER_MARKS)
_CONSONANT = re.compile(r"[\u0e01-\u0e2e]")
SARA_AM = "\u0e33"
#: ำ written as its two parts (nikhahit, an upper mark, and า): OCR often loses the ring
_AM_PARTS = "\u0e4d\u0e32"

# Costs are in log10 units of probability: a piece costs -log10 of its word's share of the Thai
# National Corpus, and each mark edit makes the reading that many times less likely.
#: a mark the dictionary word has and the reading lacks (lost marks are OCR's usual error)
ADD = 1.0
#: a mark read as another (ิ for ี, ็ for ิ)
SWAP = 1.5
#: a mark the reading has and the word has not: never taken away (OCR seldom invents a mark,
#: and a run with a letter it invented, `เชซื่อม`, is no word with marks removed)
DROP = math.inf
#: a letter no dictionary word covers, kept as read (a name, a word the dictionary lacks)
UNKNOWN = 7.0
#: the count given a dictionary word the corpus never saw
UNSEEN = 0.5
#: corpus words with at least this count and letters are words too (`ชี้วัด`, which the word list
#: lacks); shorter ones are often pieces of words the corpus was cut into (`ทิ`, `น`)
MIN_CORPUS_COUNT = 10
MIN_CORPUS_LETTERS = 3
#: a run the dictionary covers as read (`ชีแจง` as ชี + แจง, `ขันตอน` as ขัน + ตอน) is repaired
#: only when the repair is this much likelier (a hundred times): the word it makes (ชี้แจง) is
#: a dictionary word, the reading (ชีแจง) is not one, only pieces of words
COVERED_MARGIN = 2.0
#: a run's repair may cost at most this much in mark edits per letter, and one edit more (`ท` for
#: ที่ is two marks lost on one letter)
MAX_EDITS_PER_LETTER = 1.0
#: a short word (this many consonants or fewer) is put in a reading's place only when it is a
#: common one (`ที่`, `ก็`, `ได้`; cost at most SHORT_MAX_COST): a letter OCR invented in a run
#: (`สฮู่`, `รปฏิบัติ`) would otherwise take marks to make a rare short word of it (ฮู้, รึ)
SHORT_CONSONANTS = 2
SHORT_MAX_COST = 3.5
#: the longest word matched, in letters
MAX_LETTERS = 20


def _expand(text: str) -> str:
    return text.replace(SARA_AM, _AM_PARTS)


def _contract(text: str) -> str:
    return text.replace(_AM_PARTS, SARA_AM)


def _skeleton(expanded: str) -> str:
    return without_upper_marks(expanded)


@functools.cache
def lexicon() -> tuple[dict[str, float], dict[str, list[tuple[str, float]]]]:
    """Each word (ำ expanded) with its cost (-log10 of its share of the corpus), and per
    skeleton (letters without upper marks) its words with their costs. The words are the
    dictionary's, people's given and family names (a signatory's `ศิริพร` is no misread
    `ศรีพร`), and the corpus's frequent ones."""
    from pythainlp.corpus import thai_family_names, thai_female_names, thai_male_names, thai_words

    try:
        from pythainlp.corpus.tnc import word_freqs

        counts = {unicodedata.normalize("NFC", w): c for w, c in word_freqs()}
    except Exception:  # noqa: BLE001 - no frequency list: every word counts the same
        counts = {}
    total = sum(counts.values()) or 1
    listed = {
        unicodedata.normalize("NFC", w)
        for source in (thai_words, thai_female_names, thai_male_names, thai_family_names)
        for w in source()
    }
    marks_of: dict[str, int] = {}  # per skeleton, the most marks a listed word writes on it
    for w in listed:
        skeleton = _skeleton(_expand(w))
        marks_of[skeleton] = max(marks_of.get(skeleton, 0), len(_expand(w)) - len(skeleton))
    for w, c in counts.items():
        skeleton = _skeleton(_expand(w))
        if c < MIN_CORPUS_COUNT or len(skeleton) < MIN_CORPUS_LETTERS or w in listed:
            continue
        if len(_expand(w)) - len(skeleton) < marks_of.get(skeleton, 0):
            continue  # a listed word with marks lost (`เนน` for เน้น): the corpus's own typo
        listed.add(w)
    words: dict[str, float] = {}
    by_skeleton: dict[str, list[tuple[str, float]]] = {}
    for word in listed:
        expanded = _expand(word)
        skeleton = _skeleton(expanded)
        if not _THAI_RUN.fullmatch(word) or (len(skeleton) < 2 and expanded == skeleton):
            continue  # a letter alone (`ฆ`) is no word OCR's reading is matched to
        cost = math.log10(total / max(UNSEEN, counts.get(word, 0)))
        words[expanded] = cost
        short = len(_CONSONANT.findall(word)) <= SHORT_CONSONANTS
        if len(skeleton) <= MAX_LETTERS and not (short and cost > SHORT_MAX_COST):
            by_skeleton.setdefault(skeleton, []).append((expanded, cost))
    return words, by_skeleton


def _clusters(expanded: str) -> list[tuple[str, str]]:
    """(letter, the upper marks after it) for each letter of a run; below marks and vowels
    written on the line are letters here."""
    out: list[tuple[str, str]] = []
    for ch in expanded:
        if ch in _UPPER and out:
            out[-1] = (out[-1][0], out[-1][1] + ch)
        elif ch not in _UPPER:
            out.append((ch, ""))
    return out


def _mark_cost(read: str, word: str) -> float:
    """Weighted edit distance from the marks read over a letter to the word's marks there."""
    row = [j * ADD for j in range(len(word) + 1)]
    for i, a in enumerate(read, 1):
        prev, row[0] = row[0], i * DROP
        for j, b in enumerate(word, 1):
            prev, row[j] = row[j], min(row[j] + DROP, row[j - 1] + ADD, prev + (0.0 if a == b else SWAP))
    return row[-1]


def _edits(read: list[tuple[str, str]], word: str) -> float:
    return sum(_mark_cost(r[1], w[1]) for r, w in zip(read, _clusters(word), strict=True))


def _closest(read: list[tuple[str, str]], candidates: list[tuple[str, float]]) -> tuple[str, float, float] | None:
    """The likeliest word among `candidates` (the letters of `read`) given the marks read: its
    word cost plus its mark edits, least; with that cost and the edits."""
    scored = [(cost + (edits := _edits(read, word)), edits, word) for word, cost in candidates]
    if not scored:
        return None
    total, edits, word = min(scored)
    return word, total, edits


def in_words(run: str) -> bool:
    """Whether a run of Thai text is dictionary words as it is written (`ตัวชี้วัด`: ตัว ชี้ วัด);
    a letter alone is no word."""
    words, _ = lexicon()
    pieces = [b + m for b, m in _clusters(_expand(run))]
    n = len(pieces)
    if n == 0 or "".join(pieces) != _expand(run):
        return False
    covered = [True] + [False] * n
    for j in range(1, n + 1):
        covered[j] = any(covered[i] and "".join(pieces[i:j]) in words for i in range(max(0, j - MAX_LETTERS), j))
    return covered[n]


def repair_run(run: str) -> str:
    """One run of Thai text with its upper marks taken from the dictionary, when the likeliest
    reading of it, marks edited, is all dictionary words, and the run as read is not (or only
    in pieces much less likely: `COVERED_MARGIN`); else as it is. A piece is only ever replaced
    where what was read there is no dictionary word."""
    words, by_skeleton = lexicon()
    expanded = _expand(run)
    clusters = _clusters(expanded)
    n = len(clusters)
    if n == 0 or len(expanded) != sum(1 + len(m) for _, m in clusters):
        return run  # marks before any letter: not a run OCR made of a word
    pieces = [b + m for b, m in clusters]

    def text(i: int, j: int) -> str:
        return "".join(pieces[i:j])

    # as read: the cost of the run in dictionary words without any change (inf: not covered)
    as_read = [0.0] + [math.inf] * n
    for j in range(1, n + 1):
        for i in range(max(0, j - MAX_LETTERS), j):
            cost = words.get(text(i, j))
            if cost is not None and as_read[i] + cost < as_read[j]:
                as_read[j] = as_read[i] + cost
    inf = math.inf
    # per position: (cost, mark edits, start of the last piece, its word or None when unknown)
    best: list[tuple[float, float, int, str | None]] = [(0.0, 0.0, -1, None)]
    best += [(inf, 0.0, -1, None)] * n
    for j in range(1, n + 1):
        for i in range(max(0, j - MAX_LETTERS), j):
            if best[i][0] == inf:
                continue
            read = text(i, j)
            options: list[tuple[float, float, str | None]] = []
            if read in words:
                options.append((words[read], 0.0, read))
            else:
                found = _closest(clusters[i:j], by_skeleton.get("".join(b for b, _ in clusters[i:j]), []))
                if found is not None:
                    options.append((found[1], found[2], found[0]))
                if j == i + 1:
                    options.append((UNKNOWN, 0.0, None))
            for cost, edits, word in options:
                total = best[i][0] + cost
                if total < best[j][0]:
                    best[j] = (total, best[i][1] + edits, i, word)
    if best[n][1] > MAX_EDITS_PER_LETTER * n + ADD or as_read[n] - best[n][0] < COVERED_MARGIN:
        return run
    out: list[str] = []
    j = n
    while j > 0:
        _, _, i, word = best[j]
        if word is None:
            return run  # the likeliest reading keeps a letter no word covers
        out.append(word)
        j = i
    return _contract("".join(reversed(out)))


#: an acronym written without points (`สพฐ`): three or four consonants alone, no vowel, no mark
_ACRONYM = re.compile(r"[\u0e01-\u0e2e]{3,4}")


def repair_marks(text: str) -> str:
    """`text` (an OCR'd line) with each Thai run repaired by `repair_run`; abbreviations
    (`ก.พ.ร.`, `พ.ศ.`, `ครม.`: a run a point touches) and acronyms stay as read."""

    def fix(m: re.Match[str]) -> str:
        run = m.group()
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        if "." in (before, after):
            return run
        if _ACRONYM.fullmatch(run) and not before.isalnum() and not after.isalnum():
            return run
        return repair_run(run)

    return _ORDINAL.sub("ที่", _THAI_RUN.sub(fix, text))


#: `ที` right before a number is the ordinal `ที่` with its mark lost (`ประเด็นที ๑`, `วันที 15`,
#: `ตัวชี้วัดที 3`): Thai counts with ที่ and nothing else, and ที alone is a word (so no
#: dictionary repair touches it); not the end of นาที or วินาที (minutes)
_ORDINAL = re.compile(r"(?<!นา)ที(?![\u0e31-\u0e3a\u0e47-\u0e4e])(?=\s*[0-9๐-๙])")
