"""OCR of pages without a usable text layer, producing the same glyph records as the PDF path.

A page is rendered with pdfium, binarised and deskewed, read by tesseract (Thai + English) into
word boxes, and each word becomes `parsers.pdf.glyphs.Char` records; ruling lines are found in the
image itself. The line builder, table finder and section parsers then run unchanged.

Tesseract's Thai model reads Thai digits poorly (๖ and ๙ come out as ๒ and ๓), and agreements
are full of them: the numbers of each line are therefore re-read from the image by
`parsers.ocr.digits`; and the marks above the line it lost or misread are put back where the
dictionary knows the word (`parsers.ocr.marks`).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from parsers.errors import ValueParseError
from parsers.ocr import digits as ocr_digits
from parsers.ocr.boxes import EMPTY, TICKED, TickBox, blank, find_tick_boxes, with_boxes
from parsers.ocr.cells import without_rule_remnants
from parsers.ocr.marks import in_words, repair_marks
from parsers.pdf.edges import Edge, _edge
from parsers.pdf.glyphs import Char
from parsers.settings import ocr_switched_off
from parsers.thai.chars import is_mark, without_upper_marks
from parsers.thai.dates import THAI_MONTHS_FULL, find_thai_date
from parsers.thai.text import repair_thai

#: render resolution; measured on the dev scan (200 dpi source): 300 reads digits and marks best
DPI = 300
THRESHOLD = 150
#: mean word confidence below which a page is flagged `low_confidence`
LOW_CONFIDENCE = 70.0


def ocr_available() -> bool:
    """tesseract with its Thai model is installed and OCR is not switched off (THAIKPI_OCR=off)."""
    if ocr_switched_off():
        return False
    exe = os.environ.get("THAIKPI_TESSERACT") or shutil.which("tesseract")
    if not exe or not os.path.exists(exe):
        return False
    return "tha" in _languages(exe)


@functools.lru_cache(maxsize=4)
def _languages(exe: str) -> frozenset[str]:
    import subprocess

    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())


@dataclass(frozen=True)
class OCRPage:
    chars: list[Char]
    edges: list[Edge]
    confidence: float
    width: float
    height: float


def warm_up() -> None:
    """Build what every page's reading shares (the digit templates, the dictionary the marks are
    repaired by) once, in this process: page workers forked after it inherit them instead of
    each building its own."""
    from parsers.ocr.marks import lexicon

    ocr_digits.template_set()
    lexicon()


#: pdfium is not thread-safe: every pdfium call of threaded OCR holds this
PDFIUM_LOCK = threading.RLock()


def render(pdf: pdfium.PdfDocument, index: int, dpi: int = DPI) -> np.ndarray:
    """The page as a grey image (uint8 array)."""
    with PDFIUM_LOCK:
        page = pdf[index]
        try:
            img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        finally:
            page.close()
    return np.asarray(img)


#: a page rendered at INK_DPI with under this share of dark pixels is blank (a white scan)
INK_DPI = 48
INK_SHARE = 0.0005
INK_LEVEL = 200


def has_ink(pdf: pdfium.PdfDocument, index: int) -> bool:
    """Whether the page shows anything, judged on a cheap low-resolution render: a blank page
    (a white scan, an empty back side) is never rendered at 300 dpi and sent to tesseract."""
    grey = render(pdf, index, INK_DPI)
    return bool(grey.size) and float((grey < INK_LEVEL).mean()) >= INK_SHARE


def deskew_angle(binary: np.ndarray) -> float:
    """Small rotation (degrees, within ±2°) that makes text rows horizontal: the angle whose
    row projection is sharpest."""
    small = Image.fromarray(binary).reduce(4)
    best, best_score = 0.0, -1.0
    for step in range(-20, 21):
        angle = step / 10
        rot = np.asarray(small.rotate(angle, fillcolor=255, resample=Image.Resampling.NEAREST))
        profile = (rot < 128).sum(axis=1).astype(np.float64)
        score = float(np.var(profile))
        if score > best_score:
            best, best_score = angle, score
    return best


def binarise(grey: np.ndarray, threshold: int = THRESHOLD) -> np.ndarray:
    return np.where(grey > threshold, np.uint8(255), np.uint8(0))


def despeckle(binary: np.ndarray, window: int = 5, max_ink: int = 4) -> np.ndarray:
    """Scanner dust removed: ink pixels with at most ``max_ink`` ink pixels in their
    ``window``-square neighbourhood.  Tesseract reads dust at a line's ends as ``| . '``; a
    printed full stop at 300 dpi is ten pixels across and stays."""
    ink = (binary < 128).astype(np.int32)
    pad = window // 2
    # int32 sums (a page has far fewer than 2**31 pixels): half the memory traffic of int64
    integral = np.pad(ink, ((pad + 1, pad), (pad + 1, pad))).cumsum(0, dtype=np.int32).cumsum(1, dtype=np.int32)
    counts = (
        integral[window:, window:] - integral[:-window, window:] - integral[window:, :-window] + integral[:-window, :-window]
    )
    out = binary.copy()
    out[(ink == 1) & (counts <= max_ink)] = 255
    return out


def _runs(mask: np.ndarray, min_len: int, max_gap: int = 0) -> list[tuple[int, int, int]]:
    """(row, start, end) of horizontal runs of True at least `min_len` long; gaps up to
    `max_gap` pixels (a scanned line broken by noise) do not end a run."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    diff = np.diff(padded, axis=1)
    rows, starts = np.nonzero(diff == 1)
    _, ends = np.nonzero(diff == -1)
    out: list[tuple[int, int, int]] = []
    cur: list[int] | None = None
    for r, st, e in zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True):
        if cur is not None and cur[0] == r and st - cur[2] <= max_gap:
            cur[2] = e
            continue
        if cur is not None and cur[2] - cur[1] >= min_len:
            out.append((cur[0], cur[1], cur[2]))
        cur = [r, st, e]
    if cur is not None and cur[2] - cur[1] >= min_len:
        out.append((cur[0], cur[1], cur[2]))
    return out


def find_rulings(binary: np.ndarray, dpi: int = DPI) -> list[Edge]:
    """Horizontal and vertical table rulings of a binarised page, in points.

    A rule a little slanted on the page (a sheet sheared or turned further than deskewing set
    right) is found in pieces on neighbouring rows (columns), each piece overlapping the next: it
    is one rule as long as it is thin where it is, though its pieces together span more rows
    than a rule is thick."""
    dark = binary < 128
    scale = 72.0 / dpi
    min_len = int(dpi * 0.35)  # a ruling is at least about 9 mm long
    edges: list[Edge] = []
    for orientation, mask in (("h", dark), ("v", dark.T)):
        segs = sorted(_runs(mask, min_len, max_gap=int(dpi * 0.03)))
        merged: list[list[int]] = []  # row0, row1, start, end
        pieces: list[list[tuple[int, int]]] = []  # per merged rule, its runs (start, end)
        for r, s, e in segs:
            if merged and r - merged[-1][1] <= 2 and s < merged[-1][3] and e > merged[-1][2]:
                m = merged[-1]
                m[1] = r
                m[2] = min(m[2], s)
                m[3] = max(m[3], e)
                pieces[-1].append((s, e))
            else:
                merged.append([r, r, s, e])
                pieces.append([(s, e)])
        for (r0, r1, s, e), runs in zip(merged, pieces, strict=True):
            if _thickness(runs) - 1 > dpi * 0.03:  # thicker than ~0.8 mm: a filled area, not a line
                continue
            mid = (r0 + r1) / 2 * scale
            if orientation == "h":
                edges.append(_edge("h", s * scale, e * scale, mid, mid))
            else:
                edges.append(_edge("v", mid, mid, s * scale, e * scale))
    h, w = binary.shape
    return closed_at_page_edges(edges, w * scale, h * scale)


def _thickness(runs: list[tuple[int, int]]) -> int:
    """How many of `runs` (start, end along a rule, one per row across it) cover one point at
    most: a straight rule's rows all cover the same stretch, a slanted one's only a few each."""
    events = sorted([(s, 1) for s, _ in runs] + [(e, -1) for _, e in runs])
    depth = most = 0
    for _, step in events:
        depth += step
        most = max(most, depth)
    return most


#: a rule ending this share of the page's width (height) from its edge runs off the page
EDGE_SHARE = 0.012
#: rules that must run off one side of the page before that side is taken as the table's border
MIN_CUT_RULES = 3


def closed_at_page_edges(edges: list[Edge], width: float, height: float) -> list[Edge]:
    """Rulings with a table that runs off the page (a sheet set askew on the scanner, a wide table
    printed past the margin) closed by the page's edge: where several horizontal rules reach the
    left or right edge (vertical ones the top or bottom), a rule is added along that edge across
    them, and they are drawn out to it, so the cut column's cells are cells. A turned page's
    corners are filled white, so a rule may stop a little short of the edge."""
    out = list(edges)
    for orientation, size, across in (("h", width, height), ("v", height, width)):
        tol = EDGE_SHARE * size
        rules = [e for e in edges if e["orientation"] == orientation]
        lo_key, hi_key = ("x0", "x1") if orientation == "h" else ("top", "bottom")
        for side in ("lo", "hi"):
            cut = [e for e in rules if (e[lo_key] <= tol if side == "lo" else e[hi_key] >= size - tol)]
            if len(cut) < MIN_CUT_RULES:
                continue
            at = 0.0 if side == "lo" else size
            pos_key = "top" if orientation == "h" else "x0"
            a = max(0.0, min(e[pos_key] for e in cut))
            b = min(across, max(e[pos_key] for e in cut))
            if b - a < 0.05 * across:
                continue
            for e in cut:
                k = out.index(e)
                if orientation == "h":
                    x0, x1 = (at, e["x1"]) if side == "lo" else (e["x0"], at)
                    out[k] = _edge("h", x0, x1, e["top"], e["bottom"])
                else:
                    t0, t1 = (at, e["bottom"]) if side == "lo" else (e["top"], at)
                    out[k] = _edge("v", e["x0"], e["x1"], t0, t1)
            out.append(_edge("v", at, at, a, b) if orientation == "h" else _edge("h", a, b, at, at))
    return out


@dataclass(frozen=True)
class OCRLine:
    """One line as tesseract read it: its text (tesseract's own spacing and mark order) and box."""

    text: str
    x: int
    y: int
    w: int
    h: int
    conf: float


def _tesseract_env() -> dict[str, str]:
    """Tesseract's environment: one OpenMP thread unless OMP_THREAD_LIMIT says otherwise. Its
    threads spin while they wait; with pages (and other work) already running side by side they
    only take cores from one another (a page read in 2.1 s instead of 5.9 s, half the CPU, with
    two OCR processes on two cores)."""
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")
    return env


def tesseract_lines(
    img: Image.Image, psm: int = 6, lang: str = "tha+eng", ticks: tuple[TickBox, ...] = ()
) -> list[OCRLine]:
    """Lines of an image: text from tesseract's plain-text output, boxes from its TSV, in one run.

    Tesseract's per-word boxes for Thai are per syllable and shifted for marks, so characters
    are not placed from them; its text output has the marks in order and real spaces only.
    `ticks` are the tick boxes blanked out of `img` (`parsers.ocr.boxes`): each is put back as
    ☑ or ☐ into the line it stands on.
    """
    import subprocess
    import tempfile

    exe = os.environ.get("THAIKPI_TESSERACT") or shutil.which("tesseract") or "tesseract"
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.png")
        img.save(src)
        base = os.path.join(tmp, "out")
        subprocess.run(
            [exe, src, base, "-l", lang, "--psm", str(psm), "txt", "tsv"],
            check=True, capture_output=True, timeout=300, env=_tesseract_env(),
        )
        with open(base + ".txt", encoding="utf-8") as fh:
            text_lines = [ln.strip() for ln in fh.read().splitlines() if ln.strip()]
        with open(base + ".tsv", encoding="utf-8") as fh:
            rows = [r.split("\t") for r in fh.read().splitlines()[1:]]
    boxes: list[tuple[int, int, int, int]] = []
    words: dict[int, list[tuple[str, float, int, int]]] = {}
    for r in rows:
        if len(r) < 12:
            continue
        if r[0] == "4":
            boxes.append((int(r[6]), int(r[7]), int(r[8]), int(r[9])))
        elif r[0] == "5" and r[11].strip() and boxes:
            words.setdefault(len(boxes) - 1, []).append((r[11].strip(), float(r[10]), int(r[6]), int(r[8])))
    out: list[OCRLine] = []
    same = len(boxes) == len(text_lines)
    for k, (_, y, _, h) in enumerate(boxes):
        ws = words.get(k, [])
        if not ws:
            continue
        text = text_lines[k] if same else "".join(t for t, *_ in ws)
        on_line = [b for b in ticks if y <= (b.y0 + b.y1) / 2 <= y + h]
        text, ws = with_boxes(text, ws, on_line)
        out.extend(_split_at_column_gaps(text, ws, y, h))
    return out


def _cell_lines(img: Image.Image) -> list[OCRLine]:
    """A table cell's lines. Tesseract may take the marks above a one-line cell's text for a line
    of their own (thin fonts leave white between a letter and its tone mark): junk like `uv 0 ๕`
    above, the text below without its marks. Then the cell is read again as a single line, and
    that reading is kept when tesseract is surer of it; else the junk goes when the image shows
    no letter in it. A short line of digits above the text
    (`๓` over `คะแนน`, `๓๐` over `โครงการ`: a level's header, a target and its unit) is no marks
    line, however small the digits are beside the line below. A cell read all in Latin junk
    (`Qs Ae` / `AIDIA` for `ตัวชี้วัด`) is read again in Thai alone, as one line, and that
    reading is kept when it is Thai words."""
    ticks = tuple(find_tick_boxes(np.asarray(img) < 128))
    if ticks:
        img = Image.fromarray(blank(np.asarray(img), list(ticks)))
    lines = tesseract_lines(img, ticks=ticks)
    if not lines:
        return _sparse_cell(img)
    if _latin_only(lines):
        thai = tesseract_lines(img, psm=7, lang="tha", ticks=ticks)
        if len(thai) == 1 and _thai_words_only(thai[0].text):
            return thai
    ink = np.asarray(img) < 128
    body = _body_height(ink)
    lines = _without_mark_lines(lines, ink, body)
    if len(lines) < 2:
        return lines
    tallest = max(lines, key=lambda ln: ln.h)
    # lines over the text whose box is low, or whose ink holds no letter (stacked marks `ื่` over
    # a line without tall glyphs, `๗ เรื่อง`, make a box nearly the text's height)
    marks_only = [
        ln
        for ln in lines
        if ln is not tallest
        and ln.y < tallest.y + 0.3 * tallest.h
        and (ln.h < 0.6 * tallest.h or _marks_only(ln, ink, body))
    ]
    if len(marks_only) != len(lines) - 1 or any(_digits_line(ln, ink, body) for ln in marks_only):
        return lines
    single = tesseract_lines(img, psm=7, ticks=ticks)
    if len(single) == 1 and single[0].conf >= tallest.conf - 5:
        return single
    if all(_marks_only(ln, ink, body) for ln in marks_only):
        # the one-line reading is no surer, but the image shows marks alone up there (`A` over
        # `๗ เรื่อง`): the text line stays as read, without them
        return [ln for ln in lines if ln not in marks_only]
    return lines


#: the fewest Thai letters a cell's Thai reading must hold to replace a Latin one
MIN_THAI_LETTERS = 4


def _latin_only(lines: list[OCRLine]) -> bool:
    """A cell read without one Thai letter, in Latin letters (`Qs Ae` / `AIDIA` for a header
    `ตัวชี้วัด`): tesseract's English model took the whole cell, as it may in a face whose
    Thai letters it reads poorly."""
    text = " ".join(ln.text for ln in lines)
    return not _THAI_LETTERS.search(text) and re.search(r"[A-Za-z]", text) is not None


def _thai_words_only(text: str) -> bool:
    """A reading made of Thai dictionary words and Thai numbers only, with a few Thai letters at
    least: what the Thai model makes of Latin text (an acronym, `Roadmap`) is not that."""
    words = text.split()
    return (
        bool(words)
        and len(_THAI_LETTERS.findall(text)) >= MIN_THAI_LETTERS
        and all(_THAI_NUMBER.fullmatch(w) or (_THAI_WORD.fullmatch(w) and in_words(repair_thai(w))) for w in words)
    )


def _body_height(ink: np.ndarray) -> float:
    """The usual height of a glyph in ``ink`` (a cell): the median height of its components that
    are more than specks; consonants outnumber marks in Thai text."""
    heights = sorted(b[3] - b[1] for b in ocr_digits.components(ink) if (b[2] - b[0]) * (b[3] - b[1]) >= 20)
    return float(heights[len(heights) // 2]) if heights else 0.0


def _strip(ink: np.ndarray, ln: OCRLine) -> np.ndarray:
    return ink[max(0, ln.y) : ln.y + ln.h, max(0, ln.x) : ln.x + ln.w]


def _marks_only(ln: OCRLine, ink: np.ndarray, body: float) -> bool:
    """No glyph in the line's box is as tall as a letter: the box holds marks alone (and the
    tops of the letters below them). A glyph that runs on below the box is a letter of the line
    below reaching up (the ascender of ป ฝ ฟ, the stem of ไ ใ, a tall mark touching its
    consonant), however tall its part in the box: it is looked at with a letter's height of
    the image below the box, and left out. Stacked marks that binarising joined into one glyph
    (ึ with ้ over ข) are nearly a letter's height, but they rest on a letter of the line below,
    a few pixels over its top, where a line's own letters leave the space between lines."""
    if body <= 0:
        return False
    y0, x0 = max(0, ln.y), max(0, ln.x)
    below = int(round(body))
    strip = ink[y0 : ln.y + ln.h + below, x0 : ln.x + ln.w]
    bottom = ln.y + ln.h - y0
    boxes = [b for b in ocr_digits.components(strip) if b[1] < bottom]
    own = [b for b in boxes if b[3] <= bottom + 2]
    gap = max(2, int(0.2 * body))

    def resting(b: tuple[int, int, int, int]) -> bool:
        return bool(strip[b[3] + 1 : b[3] + gap, b[0] : b[2]].any())

    return bool(boxes) and all(b[3] - b[1] < 0.7 * body or resting(b) for b in own)


def _digits_line(ln: OCRLine, ink: np.ndarray, body: float) -> bool:
    """The line's strip holds nothing but confidently read digits (and points), as tall as the
    cell's letters are: a number, not marks (a tone mark may look like a small ๒)."""
    strip = ink[max(0, ln.y - 2) : ln.y + ln.h + 2, max(0, ln.x - 2) : ln.x + ln.w + 2]
    glyphs = ocr_digits.read_glyphs(strip)
    if not glyphs or not all(d is not None for _, _, d in glyphs) or all(d == ocr_digits.POINT for _, _, d in glyphs):
        return False
    rows = np.nonzero(strip.any(axis=1))[0]
    return len(rows) > 0 and rows[-1] - rows[0] + 1 >= 0.7 * body


_THAI_LETTERS = re.compile(r"[\u0e01-\u0e2e]")


def _short_non_thai(text: str) -> bool:
    """A short reading without a Thai letter (`1G)`, `|`), or with Thai letters mixed with digits
    or Latin letters (`ล่9` for ๙๖, `เดล่๐` for ๙๐): where a number stands alone in a cell,
    tesseract's reading may hold no digit-like token at all. The digit reader then decides, from
    the image, whether the cell holds nothing but a number; a short Thai word (`ดี`) is not asked."""
    bare = "".join(text.split())
    if not 0 < len(bare) <= 5 or re.fullmatch(r"[0-9.,%]+", bare):
        return False
    return not _THAI_LETTERS.search(bare) or re.search(r"[0-9๐-๙A-Za-z]", bare) is not None


def _short_arabic(text: str) -> bool:
    """A short reading in Arabic digits (`0.90`, a weight cell): tesseract reads Thai digits as
    Arabic ones too (๐.๑๐ as 0.90). The digit reader, which tells Arabic digits from Thai, puts
    the Thai number in its place only when every glyph of the line is a Thai digit."""
    bare = "".join(text.split())
    return 0 < len(bare) <= 8 and re.fullmatch(r"[0-9.,%]+", bare) is not None and any(c.isdigit() for c in bare)


def _without_overlaps(lines: list[OCRLine]) -> list[OCRLine]:
    """Lines without those that share their place with a surer one. Two lines of text never
    cover the same stretch of the page: where tesseract gives two whose boxes overlap across and
    by more than half the lower box's height down, one is junk made of the other's marks (a bold
    heading's stacked marks read as `a ae เว a ษ ที่ไ` a few pixels above it), and the line
    builder would interleave the two letter by letter (`ตัaวชี้aวัeด`). The one with fewer Thai
    letters goes (junk is a few Latin letters and stray marks; tesseract may be sure of it all
    the same), the less sure one where they hold as many."""

    def weight(ln: OCRLine) -> tuple[int, float]:
        return len(_THAI_LETTERS.findall(ln.text)), ln.conf

    drop: set[int] = set()
    for i, a in enumerate(lines):
        for j in range(i + 1, len(lines)):
            b = lines[j]
            if a.x >= b.x + b.w or b.x >= a.x + a.w:
                continue
            shared = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
            if shared > 0.5 * min(a.h, b.h):
                drop.add(i if weight(a) < weight(b) else j)
    return [ln for k, ln in enumerate(lines) if k not in drop]


def _without_mark_lines(lines: list[OCRLine], ink: np.ndarray | None = None, body: float = 0.0) -> list[OCRLine]:
    """Lines without those tesseract made of the marks above a text line alone (junk like
    `ฆมสม a สท we ม` over a line of text, possibly cut in parts): much lower than the text line
    below, overlapping it horizontally and sitting right on top of it. The line below keeps its
    letters; only marks are lost. Kept as they are when fewer than two text lines would remain
    (one text line and its marks: `_cell_lines` reads it again as one line).

    Given ``ink`` (the image the lines were read from) and ``body`` (its letters' height), the
    image decides instead of the boxes' heights: a line is marks when no glyph in it is as tall as
    a letter. Stacked marks (`ี้`) make a box nearly as tall as the line below (`ede a` over
    `ตัวชี้วัดที่ 1`), and a line without marks above it makes a low box that is text all the
    same (`ร้องเรียนที` over `ได้รับการ`; `๓` over `คะแนน`)."""
    junk: set[int] = set()
    for k, ln in enumerate(lines):
        below = next(
            (n for n in lines[k + 1 :] if n.y + 0.5 * n.h > ln.y + ln.h and n.x < ln.x + ln.w and ln.x < n.x + n.w), None
        )
        if below is None or not below.y - 0.3 * below.h <= ln.y + ln.h <= below.y + 0.4 * below.h:
            continue
        if ink is not None:
            # a page passes no letter height of its own: the line below gives it
            if _marks_only(ln, ink, body or _body_height(_strip(ink, below))):
                junk.add(k)
        elif ln.h < 0.6 * below.h:
            junk.add(k)
    if not junk or len(lines) - len(junk) < 2:
        return lines
    return [ln for k, ln in enumerate(lines) if k not in junk]


def _sparse_cell(img: Image.Image) -> list[OCRLine]:
    """A cell tesseract read nothing in although it holds ink (a short `๑.` at the top of a tall
    merged cell): its ink cropped, with a margin, and read as one line."""
    arr = np.asarray(img)
    ys, xs = np.nonzero(arr < 128)
    if len(ys) < 30:
        return []
    y0, y1, x0, x1 = int(ys.min()), int(ys.max()) + 1, int(xs.min()), int(xs.max()) + 1
    if y1 - y0 > 0.5 * arr.shape[0] and arr.shape[0] > 200:
        return []  # ink over the whole cell: not a short text tesseract missed
    pad = 12
    crop = np.full((y1 - y0 + 2 * pad, x1 - x0 + 2 * pad), 255, dtype=np.uint8)
    crop[pad:-pad, pad:-pad] = arr[y0:y1, x0:x1]
    got = tesseract_lines(Image.fromarray(crop), psm=7)
    if not got:
        # tesseract reads nothing in a lone list number (`๑.`); the digit reader may
        glyphs = ocr_digits.read_glyphs(arr[y0:y1, x0:x1] < 128)
        if glyphs and glyphs[0][2] not in (None, ocr_digits.POINT) and all(g[2] is not None for g in glyphs):
            text = "".join(g[2] or "" for g in glyphs)
            return [OCRLine(text, x0, y0, x1 - x0, y1 - y0, 70.0)]
        return []
    return [OCRLine(ln.text, ln.x + x0 - pad, ln.y + y0 - pad, ln.w, ln.h, ln.conf) for ln in got]


def _split_at_column_gaps(text: str, words: list[tuple[str, float, int, int]], y: int, h: int) -> list[OCRLine]:
    """One tesseract line as one OCRLine per column: where two words stand more than two line
    heights apart (signature blocks side by side, a label and its value far to the right) the
    text is cut at the space between them, so each part keeps its own place on the page."""
    cuts: list[int] = []  # index into `words` where a new part starts
    for i in range(1, len(words)):
        prev_end = words[i - 1][2] + words[i - 1][3]
        if words[i][2] - prev_end > 2 * h:
            cuts.append(i)
    parts: list[tuple[str, list[tuple[str, float, int, int]]]] = []
    if cuts and "".join(text.split()) == "".join(t for t, *_ in words):
        # the same letters in both outputs: cut the spaced text after as many letters as the
        # words before the gap hold
        start_word, pos = 0, 0
        for cut in cuts + [len(words)]:
            letters = sum(len(t) for t, *_ in words[start_word:cut])
            end, seen = pos, 0
            while end < len(text) and seen < letters:
                if not text[end].isspace():
                    seen += 1
                end += 1
            parts.append((text[pos:end].strip(), words[start_word:cut]))
            start_word, pos = cut, end
    else:
        parts = [(text, words)]
    out: list[OCRLine] = []
    for part_text, ws in parts:
        if not any(ch.isalnum() or ch in (TICKED, EMPTY) for ch in part_text):
            continue  # nothing but specks read as | ; ' , (a rule's end, dust, a dotted line)
        x0 = min(wx for _, _, wx, _ in ws)
        x1 = max(wx + ww for _, _, wx, ww in ws)
        confs = [c for _, c, _, _ in ws if c >= 0]
        out.append(OCRLine(part_text, x0, y, x1 - x0, h, float(np.mean(confs)) if confs else 0.0))
    return out


_MONTH_SLOT = re.compile(
    r"(?<=[0-9๐-๙\s])(?P<word>[\u0e01-\u0e4e]{4,12})(?=\s*(?:พ\.?\s*ศ\.?\s*)?[0-9๐-๙]{2,4}(?![0-9๐-๙]))"
)


def _edit_distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def fix_month_names(text: str) -> str:
    """A month name OCR got one letter wrong (`จันวาคม` for ธันวาคม), where a date has its month:
    after a day or เดือน and before a year. Only full names (five letters and more without their
    marks), only one letter off, and only when one month is that close; text PDFs never come here.
    """
    def fix(m: re.Match[str]) -> str:
        word = m.group("word")
        bare = without_upper_marks(word)
        if len(bare) < 5:
            return word
        close = [name for name in THAI_MONTHS_FULL if _edit_distance(bare, without_upper_marks(name)) <= 1]
        exact = [name for name in close if bare == without_upper_marks(name)]
        return word if exact or len(close) != 1 else close[0]

    return _MONTH_SLOT.sub(fix, text)


#: a day, a word where the month should be and a year: `๑๓ W.8. ๖๙`, `๓๐ 11.8. ๒๕๗๐`
_DATE_SHAPE = re.compile(r"(?<![0-9๐-๙])[0-9๐-๙]{1,2}\s*(?:เดือน\s*)?\S{1,9}\s*(?:พ\.?\s*ศ\.?\s*)?[0-9๐-๙]{2,4}")


def _has_date(text: str) -> bool:
    try:
        return find_thai_date(text) is not None
    except ValueParseError:
        return True  # a date, read (an impossible one is reported downstream)


def _unread_date(text: str) -> bool:
    """A date-shaped phrase whose month is not read (`๑๓ W.8. ๖๙`)."""
    return _DATE_SHAPE.search(text) is not None and not _has_date(text)


def _line_again(ln: OCRLine, image: np.ndarray, lang: str = "tha") -> tuple[str, np.ndarray] | None:
    """One line read a second time, alone (psm 7) and in ``lang``: its text (Thai repaired) and
    the line's ink; None when tesseract does not read it as one line."""
    pad = max(4, ln.h // 3)
    y0, x0 = max(0, ln.y - pad), max(0, ln.x - pad)
    crop = image[y0 : ln.y + ln.h + pad, x0 : ln.x + ln.w + pad]
    if crop.size == 0:
        return None
    framed = np.full((crop.shape[0] + 20, crop.shape[1] + 20), 255, dtype=np.uint8)
    framed[10:-10, 10:-10] = crop
    try:
        again = tesseract_lines(Image.fromarray(framed), psm=7, lang=lang)
    except Exception:  # noqa: BLE001 - a failed second reading keeps the first
        return None
    if len(again) != 1:
        return None
    return repair_thai(again[0].text), crop < 128


def _reread_date(text: str, ln: OCRLine, image: np.ndarray) -> str:
    """A line with a date whose month tesseract's Thai+English reading turned into Latin junk
    (`ต.ค.` as `W.8.`, `ก.ย.` as `11.8.`), read again in Thai only as one line; kept only when
    that reading holds a date."""
    got = _line_again(ln, image)
    if got is None:
        return text
    new, ink = got
    if ocr_digits.has_number_token(new):
        new = ocr_digits.reread_line(new, ink)
    new = fix_month_names(new)
    return new if _has_date(new) else text


#: a short Latin word (`SOU`, `OU`, `mio`): in a Thai agreement set in a loopless face, tesseract's
#: English model takes Thai words for such (รวม, วัน) and Thai numbers too (๓๒)
_SHORT_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]{1,3}[:;]?")
#: a Latin abbreviation (`wa.`, `W.A.`): what the English model makes of a Thai one (`พ.ศ.`)
_LATIN_ABBREVIATION = re.compile(r"(?:[A-Za-z]{1,2}\.){1,3}")
_THAI_ABBREVIATION = re.compile(r"(?:[\u0e01-\u0e2e][\u0e30-\u0e4e]*\.){1,4}")
_LONG_LATIN = re.compile(r"[A-Za-z]{5,}")
_THAI_WORD = re.compile(r"[\u0e01-\u0e4e]+")
_THAI_NUMBER = re.compile(r"[๐-๙]+(?:[.,][๐-๙]+)*")


def _is_thai_word(token: str) -> bool:
    """A Thai number, or Thai dictionary words of two consonants at least each (`วัน`, `รวม`),
    but for one (`ด้าน` + `ที่`): what tesseract's Thai model makes of Latin acronyms is rarely
    that (`ไอ` + `ที` + `เอ`, words of one consonant each)."""
    if _THAI_NUMBER.fullmatch(token):
        return True
    if not _THAI_WORD.fullmatch(token):
        return False
    from parsers.pdf.health import _dictionary, _segment

    words = _dictionary()
    parts = [token] if token in words else _segment(token)
    short = sum(len(_THAI_LETTERS.findall(p)) < 2 for p in parts)
    return all(p in words for p in parts) and short <= 1 and short < len(parts)


def _has_short_latin(text: str) -> bool:
    """Short Latin words on a line that shows no real Latin text (no word of five letters)."""
    words = text.split()
    return any(_SHORT_LATIN.fullmatch(w) or _LATIN_ABBREVIATION.fullmatch(w) for w in words) and not _LONG_LATIN.search(
        text
    )


def _reread_latin_words(text: str, ln: OCRLine, image: np.ndarray) -> str:
    """A line whose short Latin words may be Thai read with the English model (`๓๕ OU` for
    ๓๕ วัน, a cell `SOU` for รวม), read again in Thai only. Each short Latin word is replaced by
    the word at the same place in the Thai reading when that is Thai dictionary words or a Thai
    number; acronyms (KPI, ITA) read in Thai make no Thai words and stay. A Latin abbreviation
    (`ปี wa.`) is replaced by a Thai one (`ปี พ.ศ.`, the label of a row of years) read there. The
    words must line up one to one: otherwise the line is kept as it was."""
    got = _line_again(ln, image)
    if got is None:
        return text
    old, new = text.split(), got[0].split()
    if len(old) != len(new):
        return text
    out = [
        n
        if (_SHORT_LATIN.fullmatch(o) and _is_thai_word(n))
        or (_LATIN_ABBREVIATION.fullmatch(o) and _THAI_ABBREVIATION.fullmatch(n))
        else o
        for o, n in zip(old, new, strict=True)
    ]
    if out == old:
        return text
    # keep tesseract's spacing: replace word by word in the original text
    pos, parts = 0, []
    for o, n in zip(old, out, strict=True):
        at = text.index(o, pos)
        parts.append(text[pos:at] + n)
        pos = at + len(o)
    return "".join(parts) + text[pos:]


#: a speck read as punctuation ahead of a line's Thai text (`, อธิบดีกรม…`, `| ศูนย์…`): no
#: Thai line opens with a lone comma, point, bar or quote
_LEADING_SPECK = re.compile(r"^\s*[,.'`|!]\s+(?=[\u0e01-\u0e2e\u0e40-\u0e44])")


#: a consonant with a tone mark and no vowel glued before a number (`ญ่๗๕%`, `≥ ฒ่๙๐.๐`): no
#: syllable, but the marks over a cell's number (or dust) read as a letter
_TONED_CONSONANT_BEFORE_NUMBER = re.compile(r"(?<![\u0e01-\u0e4e])[\u0e01-\u0e2e][\u0e48-\u0e4b](?=[0-9๐-๙])")


#: a bare consonant between a sign and its number (`> ฒ๗๕%`): a number's sign is followed by
#: the number, so the letter is the top of the number's first digit read on its own
_CONSONANT_AFTER_SIGN = re.compile(r"([<>≤≥=]\s?)[\u0e01-\u0e2e](?=[0-9๐-๙])")


def _without_leading_speck(text: str) -> str:
    """The line without a lone punctuation mark before its first Thai word, and without a toned
    consonant glued before a number or a bare one after its sign: dust and marks on the scan read
    as text."""
    text = _TONED_CONSONANT_BEFORE_NUMBER.sub("", _LEADING_SPECK.sub("", text, count=1))
    return _CONSONANT_AFTER_SIGN.sub(r"\1", text)


def _chars_of_lines(
    lines: list[OCRLine], image: np.ndarray, dx: int, dy: int, scale: float, page_number: int, start: int
) -> list[Char]:
    """Glyph records for OCR'd lines of ``image`` (the page, or a cell's cleaned image whose
    origin lies at dx/dy in the page): characters spread evenly over the line's box, marks on the
    character before them, spaces as space glyphs."""
    chars: list[Char] = []
    k = start
    for i, ln in enumerate(lines):
        text = repair_thai(ln.text)
        if _has_short_latin(text):
            text = _reread_latin_words(text, ln, image)
        strip = image[max(0, ln.y - 2) : ln.y + ln.h + 2, max(0, ln.x - 2) : ln.x + ln.w + 2]
        if (
            ocr_digits.has_number_token(text)
            or _short_non_thai(text)
            or _short_arabic(text)
            or ocr_digits.has_stray_token(text)
        ):
            text = ocr_digits.reread_line(text, strip < 128)
        text = ocr_digits.leading_number(text, strip[:, : 4 * ln.h] < 128)
        text = ocr_digits.signed_number(text, strip < 128)
        text = ocr_digits.latin_e_prefix(text, lines[i + 1].text.lstrip() if i + 1 < len(lines) else "")
        text = _without_leading_speck(text)
        text = fix_month_names(text)
        if _unread_date(text):
            text = _reread_date(text, ln, image)
        text = repair_marks(text)
        bases = [ch for ch in text if not is_mark(ch)] or list(text)
        size = max(ln.h * scale * 0.8, 6.0)
        baseline = (ln.y + ln.h + dy) * scale
        step = (ln.w * scale) / max(1, len(bases))
        cx = (ln.x + dx) * scale
        last: Char | None = None
        for ch in text:
            if is_mark(ch) and last is not None:
                mid = (last.x0 + last.x1) / 2
                c = Char(ch, mid - 0.1, mid + 0.1, baseline - size, baseline, baseline, mid, size, "OCR", k, page_number)
            else:
                c = Char(ch, cx, cx + step, baseline - size, baseline, baseline, cx, size, "OCR", k, page_number)
                if not ch.isspace():
                    last = c
                cx += step
            chars.append(c)
            k += 1
    return chars


def prepare(grey: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A rendered page binarised, despeckled and turned straight; and the image its rulings are
    looked for in (the grey page turned, then binarised: a thin rule turned after binarising
    breaks into a staircase of pieces too short to be found as a rule)."""
    binary = despeckle(binarise(grey))
    angle = deskew_angle(binary)
    if abs(angle) < 0.05:
        return binary, binary
    turned = binarise(np.asarray(Image.fromarray(binary).rotate(angle, fillcolor=255, resample=Image.Resampling.BICUBIC)), 128)
    rules = binarise(np.asarray(Image.fromarray(grey).rotate(angle, fillcolor=255, resample=Image.Resampling.BICUBIC)))
    return turned, rules


#: white framed around a cell's image before tesseract reads it
CELL_MARGIN = 10


def cell_image(binary: np.ndarray, box: tuple[int, int, int, int], dpi: int = DPI) -> tuple[np.ndarray, tuple[int, int]] | None:
    """A table cell (pixel box x0, y0, x1, y1) as tesseract reads it: inside its rulings, rule
    remnants blanked, framed in white; with the offset of that image in the page. None for a
    cell with next to no ink."""
    x0, y0, x1, y1 = box
    inset = max(3, int(dpi * 0.015))
    crop = without_rule_remnants(binary[y0 + inset : y1 - inset, x0 + inset : x1 - inset])
    if crop.size == 0 or (crop < 128).sum() < 30:
        return None
    m = CELL_MARGIN
    padded = np.full((crop.shape[0] + 2 * m, crop.shape[1] + 2 * m), 255, dtype=np.uint8)
    padded[m:-m, m:-m] = crop
    return padded, (x0 + inset - m, y0 + inset - m)


def ocr_page(pdf: pdfium.PdfDocument, index: int, page_number: int, dpi: int = DPI) -> OCRPage:
    """OCR one page into glyph records and rulings in points (origin top-left of the page).

    Rulings are found first; each table cell is then read on its own (tesseract reads a table
    row as one line and would run words across cells), and the rest of the page with the
    tables blanked out.
    """
    import pytesseract

    from parsers.pdf.tables import find_tables

    exe = os.environ.get("THAIKPI_TESSERACT")
    if exe:
        pytesseract.pytesseract.tesseract_cmd = exe
    grey = render(pdf, index, dpi)
    binary, rules = prepare(grey)
    scale = 72.0 / dpi
    edges = find_rulings(rules, dpi)
    tables = find_tables([], edges, page_number)
    rest = binary.copy()
    cells: list[tuple[int, int, int, int]] = []
    for t in tables:
        x0, y0, x1, y1 = (int(v / scale) for v in t.bbox)
        rest[max(0, y0 - 3) : y1 + 3, max(0, x0 - 3) : x1 + 3] = 255
        for row in t.rows:
            for c in row:
                cells.append(tuple(int(v / scale) for v in c.bbox))  # type: ignore[arg-type]
    ticks = tuple(find_tick_boxes(rest < 128, dpi))
    read = Image.fromarray(blank(rest, list(ticks)))
    page_lines = _without_overlaps(_without_mark_lines(tesseract_lines(read, ticks=ticks), np.asarray(read) < 128))
    confs = [ln.conf for ln in page_lines]
    chars = _chars_of_lines(page_lines, binary, 0, 0, scale, page_number, 0)
    for box in cells:
        got = cell_image(binary, box, dpi)
        if got is None:
            continue
        padded, (dx, dy) = got
        cell_lines = _cell_lines(Image.fromarray(padded))
        confs.extend(ln.conf for ln in cell_lines)
        chars.extend(_chars_of_lines(cell_lines, padded, dx, dy, scale, page_number, len(chars)))
    h_px, w_px = binary.shape
    conf = float(np.mean(confs)) if confs else 0.0
    return OCRPage(chars, edges, conf, w_px * scale, h_px * scale)
