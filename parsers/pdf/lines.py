"""From glyphs to lines of correct Thai: marks on their base, clusters in Unicode order, real spaces.

Works on `parsers.pdf.glyphs.Char` records of any region (a page, a table cell). The steps:

1. every combining mark is attached to its base glyph — the base drawn just before it in the
   content stream when that base is where the mark sits, else the nearest consonant on its line
   (a below vowel drawn at the next consonant's pen origin goes under the consonant its ink is
   under);
2. bases are grouped into lines by baseline, so a mark always stays on its base's line;
3. bases are ordered by pen position, each followed by its marks in Unicode order, and ำ is
   composed from ํ + า;
4. a space is written only where the gap between two glyphs is wide for the font size and for the
   line's ordinary letter spacing (justified Thai stretches every gap), or where a space glyph
   moved the pen on (a space whose advance was kerned back, written between every two letters by
   some exports, is none), and a gap that is very wide splits the line into separate lines (table
   columns, signature blocks side by side).

Each output character keeps the box of the glyph it came from, so later stages can say where a
value was read.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import overload

from parsers.pdf.glyphs import Char
from parsers.pdf.overprint import overprinted_lines
from parsers.thai.chars import (
    CONSONANTS,
    MARKS,
    NIKHAHIT,
    SARA_AA,
    SARA_AM,
    THAI_DIGITS,
    can_carry_marks,
    is_mark,
    is_thai,
    mark_rank,
)
from parsers.thai.pua import map_pua
from parsers.thai.text import repair_thai

#: a gap wider than this many font sizes splits a line into two (column gap)
COLUMN_GAP_EM = 1.6
#: gaps below this many font sizes count towards a line's ordinary letter spacing
SPACE_EM = 0.12
#: without a space glyph, a gap this much wider than the line's usual gap (in font sizes) is a space
NO_GLYPH_SPACE_EM = 0.3
#: a gap between Thai and Latin/digits this wide is kept as a space
MIXED_SPACE_EM = 0.2
#: a gap between a Thai digit and a Thai letter this wide is a space (`๕ โครงการ`): a digit's
#: box may reach past its advance, and Thai writes no digit against a word without one
DIGIT_SPACE_EM = 0.15
#: on a page that draws no spaces, a gap this wide (in font sizes) where pdfium put one is a space
GENERATED_SPACE_EM = 0.2
#: a space glyph is a word space only where the next glyph is drawn this share of its advance on
KERNED_SPACE_SHARE = 0.5
#: a gap without a space glyph that holds this share of the font's own space (as the page draws
#: it elsewhere) is a word space whose glyph the text layer lost (`_lost_space`)
LOST_SPACE_SHARE = 0.6

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

_INDEX = attrgetter("index")


class Boxes(Sequence[Box]):
    """A box per character, packed four float32 to a character: a 300-page agreement keeps
    every character's box in a few MB instead of a tuple per character."""

    __slots__ = ("_a",)

    def __init__(self, boxes: Iterable[Box] = ()) -> None:
        a = array("f")
        for b in boxes:
            a.extend(b)
        self._a = a

    @classmethod
    def wrap(cls, packed: array[float]) -> Boxes:
        """Boxes over `packed` (four floats a box), which it takes without copying."""
        out = cls()
        out._a = packed
        return out

    def __len__(self) -> int:
        return len(self._a) // 4

    @overload
    def __getitem__(self, i: int) -> Box: ...
    @overload
    def __getitem__(self, i: slice) -> Boxes: ...
    def __getitem__(self, i: int | slice) -> Box | Boxes:
        if isinstance(i, slice):
            out = Boxes()
            start, stop, step = i.indices(len(self))
            if step == 1:
                out._a = self._a[4 * start : 4 * stop]
            else:
                out = Boxes(self[k] for k in range(start, stop, step))
            return out
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        a = self._a
        return (a[4 * i], a[4 * i + 1], a[4 * i + 2], a[4 * i + 3])

    def __iter__(self) -> Iterator[Box]:
        a = self._a
        for i in range(0, len(a), 4):
            yield (a[i], a[i + 1], a[i + 2], a[i + 3])

    def column(self, k: int) -> array[float]:
        return self._a[k::4]


@dataclass(slots=True)
class Line:
    """One line of repaired text on one page, with a box per character of `text`."""

    text: str
    boxes: Boxes
    page: int
    size: float
    trailing_space: bool = False

    @property
    def x0(self) -> float:
        return min(self.boxes.column(0)) if len(self.boxes) else 0.0

    @property
    def x1(self) -> float:
        return max(self.boxes.column(2)) if len(self.boxes) else 0.0

    @property
    def top(self) -> float:
        return min(self.boxes.column(1)) if len(self.boxes) else 0.0

    @property
    def bottom(self) -> float:
        return max(self.boxes.column(3)) if len(self.boxes) else 0.0

    @property
    def bbox(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def baseline(self) -> float:
        """Where the line stands: the median bottom of its characters' boxes. Its top and bottom
        move with the tallest mark and the deepest tail it happens to hold (one line's ุ or stacked
        tone marks), so the distance between two lines' tops is no line pitch; most characters
        sit on the baseline, and their median does not move."""
        if not len(self.boxes):
            return 0.0
        bottoms = sorted(self.boxes.column(3))
        return bottoms[len(bottoms) // 2]


class _Cluster:
    """A base glyph with the marks attached to it; `text` is the cluster in Unicode order."""

    __slots__ = ("base", "marks", "text")

    def __init__(self, base: Char, marks: list[Char]) -> None:
        self.base = base
        self.marks = marks
        self.text = _cluster_text(self)


def _text_of(ch: Char) -> str:
    return ch.text  # PUA already mapped on entry to build_lines


def _same_line(a: Char, b: Char) -> bool:
    return abs(a.baseline - b.baseline) <= 0.45 * max(a.size, b.size, 1.0)


def _attach_marks(bases: list[Char], marks: list[Char]) -> tuple[dict[int, list[Char]], list[Char]]:
    """Map each base's position in `bases` to its marks; return the marks that have no base.

    Geometry decides: a mark belongs to the glyph its ink sits over. Consonants are preferred over
    spacing vowels (a tone mark on ล often overhangs the า after it), and among equals the glyph
    drawn just before the mark in the content stream wins. Stream order alone is not trusted:
    some exporters draw all of a word's marks after its letters.
    """
    attached: dict[int, list[Char]] = {}
    dangling: list[Char] = []
    if not marks:
        return attached, dangling
    order = [b.index for b in bases]
    # bases bucketed by baseline (4 pt bands), each bucket sorted by x: a mark only looks at
    # the bases of its own and the neighbouring bands. Built on the first mark that needs them
    # (most marks sit on the base drawn just before them: see the fast path below).
    buckets: dict[int, list[int]] = {}
    bucket_x0: dict[int, list[float]] = {}
    by_line: list[int] = []
    line_pos: dict[int, int] = {}
    carriers = [b.text in CONSONANTS for b in bases]
    # stream positions of letters that share a glyph with the one before them
    split = {c.index for c in bases if c.same_glyph} | {c.index for c in marks if c.same_glyph}
    for m in marks:
        msize = m.size
        size = msize if msize > 1.0 else 1.0
        prev_pos = bisect.bisect_left(order, m.index) - 1
        if (
            m.same_glyph
            and prev_pos >= 0
            and abs(bases[prev_pos].origin_x - m.origin_x) < 0.01
            and not _ink_before(m, bases[prev_pos])
        ):
            # one glyph whose ToUnicode entry is base + mark: pdfium split it in two
            if not by_line:
                by_line, line_pos = _by_line(bases)
            if not _duplicate(m, prev_pos, bases, attached, by_line, line_pos):
                attached.setdefault(prev_pos, []).append(m)
            continue
        mxc = (m.x0 + m.x1) / 2
        mline = m.baseline
        if prev_pos >= 0:
            mxc = _unspaced_mark_x(m, mxc, bases, prev_pos, split)
        band = int(mline // 4)
        reach = int(0.45 * size // 4) + 1
        nikhahit = m.text == NIKHAHIT
        if prev_pos >= 0:
            # fast path: the stream predecessor is a consonant (or า under a nikhahit) on the
            # mark's line whose box holds the mark's centre. Its score (-0.05 em) is below any
            # other candidate's (never under 0), so the full search below would pick it too.
            b = bases[prev_pos]
            bb = b.baseline
            bsize = b.size
            if (
                b.x0 <= mxc <= b.x1
                and b.x0 >= mxc - 3.0 * size
                and (carriers[prev_pos] or (nikhahit and b.text == SARA_AA))
                and abs(mline - bb) <= 0.45 * max(msize, bsize, 1.0)
                and abs(int(bb // 4) - band) <= reach
            ):
                if not by_line:
                    by_line, line_pos = _by_line(bases)
                if not _duplicate(m, prev_pos, bases, attached, by_line, line_pos):
                    attached.setdefault(prev_pos, []).append(m)
                continue
        if not buckets:
            for k, b in enumerate(bases):
                buckets.setdefault(int(b.baseline // 4), []).append(k)
            for key, ks in buckets.items():
                ks.sort(key=lambda k: bases[k].x0)
                bucket_x0[key] = [bases[k].x0 for k in ks]
        candidates: list[int] = []
        for key in range(band - reach, band + reach + 1):
            found = buckets.get(key)
            if not found:
                continue
            xs = bucket_x0[key]
            lo = bisect.bisect_left(xs, mxc - 3.0 * size)
            hi = bisect.bisect_right(xs, mxc + 1.0 * size)
            candidates.extend(found[lo:hi])
        best: tuple[float, int] | None = None
        for k in candidates:
            b = bases[k]
            # on the same line as the mark (`_same_line`, inlined: this loop is hot)
            if abs(mline - b.baseline) > 0.45 * max(m.size, b.size, 1.0):
                continue
            bx0, bx1 = b.x0, b.x1
            dist = 0.0 if bx0 <= mxc <= bx1 else min(abs(mxc - bx0), abs(mxc - bx1))
            carries = carriers[k] or (nikhahit and b.text == SARA_AA)
            score = dist + (0.0 if carries else 0.5 * size) - (0.05 * size if k == prev_pos else 0.0)
            if best is None or score < best[0]:
                best = (score, k)
        if best is None or best[0] > 0.8 * size:
            dangling.append(m)
            continue
        k = best[1]
        if not by_line:
            by_line, line_pos = _by_line(bases)
        if _duplicate(m, k, bases, attached, by_line, line_pos):
            continue
        attached.setdefault(k, []).append(m)
    return attached, dangling


def _by_line(bases: list[Char]) -> tuple[list[int], dict[int, int]]:
    """Positions in `bases` by 4-pt baseline band, then left to right (what `_duplicate` walks),
    and where each position stands in that order."""
    keys = [(int(b.baseline // 4), b.x0) for b in bases]
    by_line = sorted(range(len(bases)), key=keys.__getitem__)
    return by_line, {v: i for i, v in enumerate(by_line)}


def _ink_before(m: Char, base: Char) -> bool:
    """Does the mark's ink end before `base` begins, so it cannot be a share of `base`'s glyph?

    pdfium splits one glyph whose ToUnicode entry is several letters into shares left to right,
    all at the glyph's pen origin. A mark drawn at the same origin whose ink lies wholly to the
    left is another glyph: a below vowel the exporter drew after advancing past its consonant and
    past the next one (ผ ้ ช ู for ผู้ช); its ink, under the earlier consonant, decides its base.
    (A mark whose ink lies mostly before the glyph sharing its pen is no share to begin with:
    `glyphs.read_chars` leaves it `same_glyph` False — Qt's marks drawn at the next letter's pen.)
    """
    return m.x1 <= base.x0 + 0.05 * max(m.size, 1.0)


def _unspaced_mark_x(m: Char, mxc: float, bases: list[Char], prev_pos: int, split: set[int]) -> float:
    """Where a mark would sit without the letter spacing of its line.

    A mark is drawn from the pen position after its base, with its ink reaching back over the
    base. In letter-spaced (distributed) lines the pen moves on by the spacing first, so the ink
    lands in the gap after the base, nearer the next letter (แต่ละ read as แตล่ะ). When the mark's
    ink lies in that gap and its pen is past its stream predecessor by less than half an em, the
    spacing is taken back off.
    """
    p = bases[prev_pos]
    shift = m.origin_x - p.x1
    if not (p.x1 < mxc and 0.0 < shift <= 0.5 * max(m.size, 1.0)) or not _same_line(m, p):
        return mxc
    if p.index + 1 in split or m.same_glyph:
        return mxc  # the base is one share of a glyph read as several letters: its box is no guide
    if prev_pos + 1 < len(bases):
        nxt = bases[prev_pos + 1]
        if _same_line(m, nxt) and mxc > nxt.x0:
            return mxc  # the ink is over the next letter: leave it to the geometry
    return mxc - shift


def _duplicate(
    m: Char, k: int, bases: list[Char], attached: dict[int, list[Char]], by_line: list[int], line_pos: dict[int, int]
) -> bool:
    """A mark repeated by a broken ToUnicode map: the same mark already sits on this glyph, or on
    the glyph to its left whose edge the mark is drawn at (the font drew it once, the map twice)."""
    t = m.text
    here = attached.get(k)
    if here is not None and any(x.text == t for x in here):
        return True
    pos = line_pos[k]
    for step in range(1, 60):
        if pos - step < 0:
            break
        left = by_line[pos - step]
        lb = bases[left]
        if not _same_line(lb, bases[k]):
            continue
        there = attached.get(left)
        if not there:
            break  # no marks on it: none can be this one's twin
        reach = max([lb.x1] + [x.x1 for x in there if x.same_glyph])
        if m.xc <= reach + 0.05 * max(m.size, 1.0) and any(x.text == t for x in there):
            return True
        break
    return False


def _group_lines(clusters: list[_Cluster]) -> list[list[_Cluster]]:
    """Group clusters by baseline; a line's baseline is the running median of its members."""
    clusters = sorted(clusters, key=lambda c: (c.base.baseline, c.base.origin_x))
    lines: list[list[_Cluster]] = []
    current: list[_Cluster] = []
    anchor = 0.0
    first_size = 0.0
    for c in clusters:
        b = c.base
        if current and abs(b.baseline - anchor) > 0.35 * max(b.size, first_size, 1.0):
            lines.append(current)
            current = []
        if not current:
            anchor = b.baseline
            first_size = b.size
        current.append(c)
    if current:
        lines.append(current)
    return lines


def _dedupe(line: list[_Cluster]) -> list[_Cluster]:
    """Drop a glyph over-printed at (almost) the same place: simulated bold, shadow text.

    The copies' marks may have gone to either copy, so the one kept takes the marks of both.
    """
    out: list[_Cluster] = []
    p: _Cluster | None = None
    for c in line:
        if p is not None:
            pb, cb = p.base, c.base
            # same letter, same pen position and same box: a copy. (One glyph whose ToUnicode
            # entry is two letters, e.g. กก, has one pen position but pdfium gives each letter
            # its own share of the box: both are kept.)
            if pb.text == cb.text and (
                abs(pb.origin_x - cb.origin_x) < (near := 0.12 * max(cb.size, 1.0)) and abs(pb.x0 - cb.x0) < near
            ):
                have = {_text_of(m) for m in p.marks}
                extra = [m for m in c.marks if _text_of(m) not in have]
                if extra:
                    p.marks = p.marks + extra
                    p.text = _cluster_text(p)
                continue
        out.append(c)
        p = c
    return out


def _cluster_text(c: _Cluster) -> str:
    marks = c.marks
    if not marks:
        return c.base.text
    if len(marks) == 1:
        return c.base.text + marks[0].text
    return c.base.text + "".join(sorted((m.text for m in marks), key=mark_rank))


def _compose_am(line: list[_Cluster]) -> None:
    """ํ on a consonant + the า drawn after it → ำ on the า's place (the tone stays on the base)."""
    for k, c in enumerate(line):
        base_text = _text_of(c.base)
        nik = [m for m in c.marks if _text_of(m) == NIKHAHIT]
        if not nik:
            continue
        if base_text == SARA_AA:
            c.marks = [m for m in c.marks if _text_of(m) != NIKHAHIT]
            c.text = SARA_AM + "".join(sorted((_text_of(m) for m in c.marks), key=mark_rank))
            continue
        nxt = line[k + 1] if k + 1 < len(line) else None
        if nxt is not None and _text_of(nxt.base) == SARA_AA:
            c.marks = [m for m in c.marks if _text_of(m) != NIKHAHIT]
            c.text = _cluster_text(c)
            nxt.text = SARA_AM + nxt.text[1:]


_KINDS: dict[str, str] = {}


def _kind(ch: str) -> str:
    kind = _KINDS.get(ch)
    if kind is None:
        # a Thai digit stands apart from Thai letters as digits do from Latin ones: `๔ ส่วน`
        # needs only the mixed-kind gap to keep its space
        kind = "digit" if ch in THAI_DIGITS else "thai" if is_thai(ch) else "space" if ch.isspace() else "other"
        _KINDS[ch] = kind
    return kind


def _is_space(
    prev: _Cluster, c: _Cluster, gap: float, usual: float, size: float, spaces: list[Char], space_xs: list[float],
    kinds: tuple[str, str],
) -> bool:
    """Is the gap between two glyphs a word space?

    A space glyph drawn in the gap with a real width is the writer's space, if the pen moved on by
    it (`_room_for_space`). Without one, only a gap clearly wider than the line's ordinary
    letter gap is (glyph side bearings alone reach 0.2 em in Thai fonts, and justified text widens
    every gap). Thai next to Latin or digits needs less. `spaces` are sorted by centre, `space_xs`
    are those centres; `kinds` are `_kind` of the last character before the gap and the first
    after it.
    """
    if space_xs and gap >= 0.08 * size:
        lo = bisect.bisect_left(space_xs, prev.base.x1 - 0.1 * size)
        hi = bisect.bisect_right(space_xs, c.base.x0 + 0.1 * size)
        for s in spaces[lo:hi]:
            if s.generated:
                # pdfium's own space on a page that draws none (`without_generated_spaces`),
                # in a real gap after the letter before, between two words' letters (never
                # against punctuation: `(จปฐ .)`)
                if gap >= GENERATED_SPACE_EM * size and _wordish(prev.text[-1:]) and _wordish(c.text[:1]):
                    return True
                continue
            if (s.x1 - s.x0) >= 0.12 * size and _room_for_space(s, prev.base, c.base):
                return True
    return gap > usual + _space_em(*kinds) * size


def _space_em(a: str, b: str) -> float:
    """The gap (in font sizes, over the line's usual one) that is a space between kinds a and b."""
    if a == b:
        return NO_GLYPH_SPACE_EM
    return DIGIT_SPACE_EM if {a, b} == {"digit", "thai"} else MIXED_SPACE_EM


def space_widths(chars: Iterable[Char]) -> dict[str, float]:
    """`_space_widths` of a page's glyphs: how the page draws its word spaces."""
    return _space_widths([c for c in chars if c.text == " "])


def _space_widths(spaces: Sequence[Char]) -> dict[str, float]:
    """Each font's word space as the page draws it (the median advance of its space glyphs, in
    font sizes), and under "" the median of all of them; empty where the page draws none."""
    found: dict[str, list[float]] = {}
    for s in spaces:
        size = s.size
        if s.generated or size <= 0.0 or s.text != " " or s.x1 - s.x0 < SPACE_EM * size:
            continue  # pdfium's own, or a zero-width or kerned-away glyph: no measure of a space
        found.setdefault(s.font, []).append((s.x1 - s.x0) / size)
    if not found:
        return {}
    out = {font: _median(v) for font, v in found.items()}
    out[""] = _median([w for v in found.values() for w in v])
    return out


def _lost_space(prev: _Cluster, c: _Cluster, right: float, usual: float, size: float, widths: dict[str, float]) -> bool:
    """Is a gap with no space glyph in it a word space the text layer lost?

    HarfBuzz-based writers (Typst, fpdf2 with uharfbuzz) draw a cluster whose glyphs do not map
    one-to-one onto letters (a letter with its marks: ษ์) in a marked-content span of its own, and
    a space between two such spans as a text object holding only that space. pdfium reads no text
    object without ink, so the space never reaches the text layer: only the pen moved on by it
    (`นายธีรพงษ์วงศ์ใหญ่`, `ประมาณพ.ศ.`). A span's letters get the ink box of its glyphs, split
    evenly, so the gap runs from that ink to the next glyph's pen origin (its own ink may start a
    side bearing later), and it is a word space when it holds most of the font's own space as the
    page draws it elsewhere (`_space_widths`): Thai fonts' spaces are 0.22-0.35 em, under the
    0.3 em over the line's usual gap a gap needs without that measure. A page that draws no
    space at all (Chromium) has pdfium's own spaces instead (`_is_space`).
    """
    width = widths.get(prev.base.font) or widths.get(c.base.font) or widths.get("")
    if not width:
        return False
    b = c.base
    gap = min(b.x0, b.origin_x) - right
    return gap >= usual + max(SPACE_EM, LOST_SPACE_SHARE * width) * size


def _wordish(ch: str) -> bool:
    """A letter or digit (of any script), or a comparison sign (a word of its own: `≤ 34 วัน`):
    what a word space stands between."""
    return ch.isalnum() or "\u0e01" <= ch <= "\u0e4e" or ch in "<>≤≥="


def _room_for_space(space: Char, prev: Char, nxt: Char) -> bool:
    """Is `space` drawn after `prev` and did the pen move on by its advance before `nxt`?

    A word space moves the next glyph on by the space's advance (or more: word spacing, justified
    text). Some exports write a space glyph after every letter and take its advance back by
    kerning (`ก า ร ป ร ะ เ มิ น` on a page showing การประเมิน): the next letter is drawn where the
    space was, and the glyph is no word gap. Pen origins say which, where boxes cannot (a Thai
    glyph's box may start a side bearing after its origin, opening a gap as wide as a space, and a
    kerned-back space's box reaches over the next gap too). Half the advance leaves room for
    condensed text (negative character spacing).
    """
    if space.origin_x <= prev.origin_x + 0.05 * max(space.size, 1.0):
        # drawn before `prev` (a space of the gap before it, reaching over it), or at its pen:
        # MuPDF draws the zero-width break before เ with the space glyph, the pen not moved on
        # (its origin 0.015 pt past เ's by rounding)
        return False
    if _share_of_glyph(space, nxt):
        return True
    return nxt.origin_x - space.origin_x >= KERNED_SPACE_SHARE * (space.x1 - space.x0)


def _share_of_glyph(space: Char, nxt: Char) -> bool:
    """Are `space` and `nxt` shares of one glyph whose ToUnicode entry starts with a space (Word's
    cluster-wise maps: ` จำ`)? pdfium gives them one pen origin and the box in consecutive shares.
    The map then says the writer typed a space there, and no pen movement can say otherwise."""
    return abs(nxt.origin_x - space.origin_x) < 0.01 and nxt.x0 >= space.x1 - 0.01


def _median(values: list[float]) -> float:
    """`statistics.median` of a non-empty list, without its generality (called per line)."""
    data = sorted(values)
    n = len(data)
    i = n // 2
    return data[i] if n % 2 else (data[i - 1] + data[i]) / 2


def _split_and_space(
    line: list[_Cluster], page: int, explicit_spaces: Sequence[Char], space_widths: dict[str, float] | None = None
) -> list[Line]:
    """Turn one baseline group into lines of text, inserting spaces where the gaps are real.

    `space_widths` are the fonts' spaces as the region draws them (`_space_widths`)."""
    size = _median([c.base.size for c in line]) if line else 1.0
    # a glyph's right edge: its own box, or the last share of a glyph pdfium split into several
    # letters (one ToUnicode entry for น+พ+ั gives each a third of the box, the mark the last);
    # and the kind (`_kind`) of each cluster's first and last character
    rights: list[float] = []
    lefts: list[float] = []
    first_kind: list[str] = []
    last_kind: list[str] = []
    kinds = _KINDS
    for c in line:
        b = c.base
        lefts.append(b.x0)
        if c.marks:
            ox = b.origin_x
            rights.append(max([b.x1] + [m.x1 for m in c.marks if m.same_glyph and m.origin_x == ox]))
        else:
            rights.append(b.x1)
        t = c.text
        head, tail = t[:1], t[-1:]
        first_kind.append(kinds.get(head) or _kind(head or " "))
        last_kind.append(kinds.get(tail) or _kind(tail or " "))
    gaps = [lefts[k + 1] - rights[k] for k in range(len(line) - 1)]
    small_limit = SPACE_EM * size * 2
    small = [g for g in gaps if g < small_limit]
    usual = max(0.0, _median(small)) if small else 0.0
    # Letter-spaced (distributed) lines open every gap between Thai letters alike; Thai puts no
    # spaces between words, so the typical gap between two Thai letters is the letter spacing.
    thai = [gaps[k] for k in range(len(gaps)) if last_kind[k] == "thai" == first_kind[k + 1]]
    if len(thai) >= 6:
        spaced = _median(thai)
        if spaced > SPACE_EM * size:  # only a line whose letters really stand apart
            usual = max(usual, spaced)
    spaces = sorted(explicit_spaces, key=lambda s: s.xc)
    space_xs = [s.xc for s in spaces]

    out: list[Line] = []
    text: list[str] = []
    boxes = array("f")  # four floats a character, as `Boxes` keeps them

    def emit() -> None:
        nonlocal boxes
        if text:
            out.append(Line("".join(text), Boxes.wrap(boxes), page, size))
            boxes = array("f")
        text.clear()

    column_gap = COLUMN_GAP_EM * size
    glyph_gap = 0.08 * size
    widths = space_widths or {}
    lost_gap = usual + SPACE_EM * size  # (no lost space is narrower: `_lost_space`)
    prev: _Cluster | None = None
    for k, c in enumerate(line):
        base = c.base
        if prev is not None:
            gap = gaps[k - 1]
            if gap > column_gap:
                emit()
            elif text and text[-1] != " " and (
                (
                    _is_space(prev, c, gap, usual, size, spaces, space_xs, (last_kind[k - 1], first_kind[k]))
                    if space_xs and gap >= glyph_gap
                    # (`_is_space` without a space glyph to look at)
                    else gap > usual + _space_em(last_kind[k - 1], first_kind[k]) * size
                )
                or (gap >= lost_gap and widths and _lost_space(prev, c, rights[k - 1], usual, size, widths))
            ):
                text.append(" ")
                pb = prev.base
                boxes.extend((pb.x1, pb.top, base.x0, pb.bottom))
        t = c.text
        if len(t) == 1:
            text.append(t)
            boxes.extend((base.x0, base.top, base.x1, base.bottom))
        elif t:
            text.extend(t)
            boxes.extend((base.x0, base.top, base.x1, base.bottom) * len(t))
        prev = c
    emit()
    if out and space_xs:
        last = out[-1]
        out[-1].trailing_space = any(x > last.x1 - 0.05 * size for x in space_xs)
    return out


def _turned(point: tuple[float, float], turn: int) -> tuple[float, float]:
    """A page point in the frame of text turned `turn` quarter turns counter-clockwise, where
    that text reads left to right (y grows downwards on both)."""
    x, y = point
    if turn == 1:  # running down the page (pdfium's angle, as `parsers.pdf.glyphs._Transform` reads it)
        return y, -x
    if turn == 2:
        return -x, -y
    if turn == 3:  # running up the page
        return -y, x
    return x, y


def _unturned(point: tuple[float, float], turn: int) -> tuple[float, float]:
    return _turned(point, (4 - turn) % 4)


def _turn_box(x0: float, top: float, x1: float, bottom: float, turn: int, back: bool = False) -> Box:
    f = _unturned if back else _turned
    ax, ay = f((x0, top), turn)
    bx, by = f((x1, bottom), turn)
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _turn_char(ch: Char) -> Char:
    x0, top, x1, bottom = _turn_box(ch.x0, ch.top, ch.x1, ch.bottom, ch.turn)
    ox, baseline = _turned((ch.origin_x, ch.baseline), ch.turn)
    ink = _turn_box(*ch.ink, ch.turn) if ch.ink is not None else None
    return Char(
        ch.text, x0, x1, top, bottom, baseline, ox, ch.size, ch.font, ch.index, ch.page,
        ch.unmapped, ch.same_glyph, ch.turn, ch.raw,
        (ink[0], ink[1], ink[2], ink[3]) if ink is not None else None, ch.fragment,
    )


def build_lines(chars: Iterable[Char], page_spaces: Mapping[str, float] | None = None) -> list[Line]:
    """Repaired lines of `chars` (one page or one region of it), top to bottom, left to right.

    Text set sideways against the rest of the page (a book spine, a rotated column header) is read
    in its own direction, then its boxes are put back on the page. `page_spaces` is how the whole
    page draws its word spaces (`space_widths`), for a region of it (a table cell).
    """
    chars = list(chars)
    turns = {c.turn for c in chars}
    if turns == {0}:
        return _build_lines(chars, page_spaces)
    lines: list[Line] = []
    for turn in sorted(turns):
        group = [c for c in chars if c.turn == turn]
        if not turn:
            lines.extend(_build_lines(group, page_spaces))
            continue
        for ln in _build_lines([_turn_char(c) for c in group], page_spaces):
            ln.boxes = Boxes(_turn_box(*b, turn, back=True) for b in ln.boxes)
            lines.append(ln)
    lines.sort(key=lambda ln: (round(ln.bottom, 0), ln.x0))
    return lines


def restore_split_am(chars: list[Char]) -> None:
    """An unreadable small glyph drawn high over a consonant just before า is the ring of ำ.

    Fonts that draw ำ as two glyphs (the ring, then า) often give the ring no usable Unicode
    value: U+FFFD, nothing, a space, a stray Latin letter (`ส�านัก`, `ประจ�าปี`, `คĺารับรอง`).
    When its font program could not name it (`parsers.pdf.document.GlyphRecovery` tries that
    first, by cmap, glyph name and outline), geometry decides: the ink sits above the consonant
    or between it and the า, above mid-height, and is about as wide as it is tall. Any other
    unreadable glyph stays U+FFFD, flagged unmapped.
    `chars` are in stream order, in the frame where their text reads left to right.
    """
    for k in range(1, len(chars) - 1):
        c = chars[k]
        if c.text != "\ufffd":
            continue
        nxt = chars[k + 1]
        j = k - 1
        while j > 0 and k - j <= 2 and is_mark(chars[j].text):
            j -= 1  # a tone mark drawn before the ring (น้ำ)
        base = chars[j]
        size = max(c.size, 1.0)
        if not (
            nxt.text == SARA_AA
            and can_carry_marks(base.text)
            and c.x1 - c.x0 <= 0.5 * size
            and base.x0 - 0.1 * size <= c.xc <= nxt.x0 + 0.2 * size
            and abs(c.baseline - nxt.baseline) <= 0.3 * size
        ):
            continue
        if c.ink is not None and not c.turn:
            _, top, _, bottom = c.ink
            w, h = c.x1 - c.x0, bottom - top
            if c.baseline - bottom < 0.25 * size or not 0.55 * h <= w <= 1.8 * h:
                continue  # low, or a bar or a stroke: not a ring
        c.text = NIKHAHIT
        c.unmapped = False
        c.fragment = False


def _build_lines(chars: list[Char], page_spaces: Mapping[str, float] | None = None) -> list[Line]:
    chars = sorted(chars, key=_INDEX)
    if not chars:
        return []
    for ch in chars:
        t = ch.text
        if t and "\uf700" <= t[0] <= "\uf8ff":
            ch.text = map_pua(t)
    runs = [line for place in overprinted_lines(chars) for line in place]
    if runs:
        apart = {id(c) for run in runs for c in run}
        lines = _build_lines_of([c for c in chars if id(c) not in apart], page_spaces)
        for run in runs:
            lines.extend(_build_lines_of(run, page_spaces))
        lines.sort(key=lambda ln: (round(ln.bottom, 0), ln.x0))
        return lines
    return _build_lines_of(chars, page_spaces)


def _build_lines_of(chars: list[Char], page_spaces: Mapping[str, float] | None = None) -> list[Line]:
    """`_build_lines` of glyphs no line draws over another line of (`overprinted_lines`)."""
    if not chars:
        return []
    if any(ch.text == "\ufffd" for ch in chars):
        restore_split_am(chars)
        # a zero-width glyph no map, font or shape could read is an over-printed piece of a
        # letter already written (Word's cluster-wise maps): it adds nothing to the text
        chars = [ch for ch in chars if not (ch.fragment and ch.text == "\ufffd")]
        if not chars:
            return []
    page = chars[0].page
    bases: list[Char] = []
    marks: list[Char] = []
    spaces: list[Char] = []
    for ch in chars:
        t = ch.text
        if not t or t.isspace():
            spaces.append(ch)
        elif t in MARKS:  # (one character: `is_mark`)
            marks.append(ch)
        else:
            bases.append(ch)
    attached, dangling = _attach_marks(bases, marks)
    if attached:
        clusters = [_Cluster(b, attached.get(k, [])) for k, b in enumerate(bases)]
    else:
        clusters = [_Cluster(b, []) for b in bases]
    # a mark with no base is kept (health counts it) as its own cluster, never dropped
    clusters.extend(_Cluster(m, []) for m in dangling)

    lines: list[Line] = []
    groups = _group_lines(clusters)
    space_groups = _group_spaces(spaces, groups)
    # (the page's measure where there is one: a cell's few spaces are a poor sample of it)
    widths = dict(page_spaces) if page_spaces else _space_widths(spaces)
    nikhahit = any(m.text == NIKHAHIT for m in marks)  # nothing for `_compose_am` to do without one
    for group, group_spaces in zip(groups, space_groups, strict=True):
        group.sort(key=lambda c: (c.base.origin_x, c.base.index))
        group = _dedupe(group)
        if nikhahit:
            _compose_am(group)
        for ln in _split_and_space(group, page, group_spaces, widths):
            fixed = repair_thai(ln.text)
            if fixed != ln.text:
                ln.boxes = Boxes(_realign_boxes(ln.text, fixed, list(ln.boxes)))
                ln.text = fixed
            lines.append(ln)
    lines.sort(key=lambda ln: (round(ln.bottom, 0), ln.x0))
    return lines


def _group_spaces(spaces: list[Char], groups: list[list[_Cluster]]) -> list[list[Char]]:
    out: list[list[Char]] = [[] for _ in groups]
    if not spaces or not groups:
        return out
    # the groups' median baselines rise strictly (`_group_lines` cuts a sorted run), so the
    # nearest is one of the two around a space's baseline (the lower one on a tie)
    baselines = [_median([c.base.baseline for c in g]) for g in groups]
    n = len(baselines)
    for s in spaces:
        y = s.baseline
        k = bisect.bisect_left(baselines, y)
        if k == n or (k > 0 and abs(baselines[k - 1] - y) <= abs(baselines[k] - y)):
            k -= 1
        if abs(baselines[k] - y) <= 0.5 * max(s.size, 1.0):
            out[k].append(s)
    return out


def _realign_boxes(old: str, new: str, boxes: list[Box]) -> list[Box]:
    """Boxes for `new` after string repair changed `old` slightly (reordered or merged marks)."""
    if len(new) == len(old):
        return boxes
    # map by walking both strings; repairs only drop or swap characters within a cluster
    out: list[Box] = []
    j = 0
    for ch in new:
        while j < len(old) - 1 and old[j] != ch and len(old) - j > len(new) - len(out):
            j += 1
        out.append(boxes[min(j, len(boxes) - 1)])
        j += 1
    return out


def lines_text(lines: Sequence[Line], column_sep: str = "   ") -> str:
    """Plain text of lines: lines sharing a baseline are joined with `column_sep`."""
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (ln.bottom, ln.x0)):
        if rows and abs(rows[-1][0].bottom - ln.bottom) <= 0.4 * max(ln.size, 1.0):
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return "\n".join(column_sep.join(x.text for x in sorted(r, key=lambda ln: ln.x0)) for r in rows)
