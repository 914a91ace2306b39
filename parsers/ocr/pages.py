"""OCR of pages without a usable text layer, producing the same glyph records as the PDF path.

A page is rendered with pdfium, binarised and deskewed, read by tesseract (Thai + English) into
word boxes, and each word becomes `parsers.pdf.glyphs.Char` records; ruling lines are found in the
image itself. The line builder, table finder and section parsers then run unchanged.

Tesseract's Thai model reads Thai digits poorly (๖ and ๙ come out as ๒ and ๓), and agreements
are full of them: the numbers of each line are therefore re-read from the image by
`parsers.ocr.digits`.
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
    return np.where(grey > threshold, 255, 0).astype(np.uint8)


def despeckle(binary: np.ndarray, window: int = 5, max_ink: int = 4) -> np.ndarray:
    """Scanner dust removed: ink pixels with at most ``max_ink`` ink pixels in their
    ``window``-square neighbourhood.  Tesseract reads dust at a line's ends as ``| . '``; a
    printed full stop at 300 dpi is ten pixels across and stays."""
    ink = (binary < 128).astype(np.int32)
    pad = window // 2
    integral = np.pad(ink, ((pad + 1, pad), (pad + 1, pad))).cumsum(0).cumsum(1)
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
    """Horizontal and vertical table rulings of a binarised page, in points."""
    dark = binary < 128
    scale = 72.0 / dpi
    min_len = int(dpi * 0.35)  # a ruling is at least about 9 mm long
    edges: list[Edge] = []
    for orientation, mask in (("h", dark), ("v", dark.T)):
        segs = sorted(_runs(mask, min_len, max_gap=int(dpi * 0.03)))
        merged: list[list[int]] = []  # row0, row1, start, end
        for r, s, e in segs:
            if merged and r - merged[-1][1] <= 2 and s < merged[-1][3] and e > merged[-1][2]:
                m = merged[-1]
                m[1] = r
                m[2] = min(m[2], s)
                m[3] = max(m[3], e)
            else:
                merged.append([r, r, s, e])
        for r0, r1, s, e in merged:
            if r1 - r0 > dpi * 0.03:  # thicker than ~0.8 mm: a filled area, not a line
                continue
            mid = (r0 + r1) / 2 * scale
            if orientation == "h":
                edges.append(_edge("h", s * scale, e * scale, mid, mid))
            else:
                edges.append(_edge("v", mid, mid, s * scale, e * scale))
    return edges


@functools.lru_cache(maxsize=1)
@dataclass(frozen=True)
class OCRLine:
    """One line as tesseract read it: its text (tesseract's own spacing and mark order) and box."""

    text: str
    x: int
    y: int
    w: int
    h: int
    conf: float


def tesseract_lines(img: Image.Image, psm: int = 6, lang: str = "tha+eng") -> list[OCRLine]:
    """Lines of an image: text from tesseract's plain-text output, boxes from its TSV, in one run.

    Tesseract's per-word boxes for Thai are per syllable and shifted for marks, so characters
    are not placed from them; its text output has the marks in order and real spaces only.
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
            check=True, capture_output=True, timeout=300,
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
        out.extend(_split_at_column_gaps(text, ws, y, h))
    return out


def _cell_lines(img: Image.Image) -> list[OCRLine]:
    """A table cell's lines. Tesseract may take the marks above a one-line cell's text for a line
    of their own (thin fonts leave white between a letter and its tone mark): junk like `uv 0 ๕`
    above, the text below without its marks. Then the cell is read again as a single line, and
    that reading is kept when tesseract is surer of it."""
    lines = tesseract_lines(img)
    if not lines:
        return _sparse_cell(img)
    lines = _without_mark_lines(lines)
    if len(lines) < 2:
        return lines
    tallest = max(lines, key=lambda ln: ln.h)
    marks_only = [ln for ln in lines if ln is not tallest and ln.h < 0.6 * tallest.h and ln.y < tallest.y + 0.3 * tallest.h]
    if len(marks_only) != len(lines) - 1:
        return lines
    single = tesseract_lines(img, psm=7)
    if len(single) == 1 and single[0].conf >= tallest.conf - 5:
        return single
    return lines


def _without_rule_remnants(crop: np.ndarray, edge: int = 8) -> np.ndarray:
    """A cell's image without what is left of its rulings along its edges (a turned page leaves a
    sliver of the rule inside the cell, which tesseract reads as `|` and which hides the cell's
    glyphs from the digit reader): near each edge, every column (row) inked over most of the
    cell's height (width) is blanked."""
    if crop.size == 0:
        return crop
    out = crop.copy()
    dark = out < 128
    h, w = dark.shape
    for x in [*range(min(edge, w)), *range(max(0, w - edge), w)]:
        if dark[:, x].mean() > 0.5:
            out[:, x] = 255
    for y in [*range(min(edge, h)), *range(max(0, h - edge), h)]:
        if dark[y, :].mean() > 0.5:
            out[y, :] = 255
    return out


_THAI_LETTERS = re.compile(r"[\u0e01-\u0e2e]")


def _short_non_thai(text: str) -> bool:
    """A short reading without a Thai letter (`1G)`, `|`): where a number stands alone in a cell,
    tesseract's reading may hold no digit-like token at all."""
    bare = "".join(text.split())
    return 0 < len(bare) <= 5 and not _THAI_LETTERS.search(bare) and not re.fullmatch(r"[0-9.,%]+", bare)


def _without_mark_lines(lines: list[OCRLine]) -> list[OCRLine]:
    """Lines without those tesseract made of the marks above a text line alone (junk like
    `ฆมสม a สท we ม` over a line of text, possibly cut in parts): much lower than the text line
    below, overlapping it horizontally and sitting right on top of it. The line below keeps its
    letters; only marks are lost. Kept as they are when fewer than two text lines would remain
    (one text line and its marks: `_cell_lines` reads it again as one line)."""
    junk: set[int] = set()
    for k, ln in enumerate(lines):
        below = next(
            (n for n in lines[k + 1 :] if n.y + 0.5 * n.h > ln.y + ln.h and n.x < ln.x + ln.w and ln.x < n.x + n.w), None
        )
        if (
            below is not None
            and ln.h < 0.6 * below.h
            and below.y - 0.3 * below.h <= ln.y + ln.h <= below.y + 0.4 * below.h
        ):
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
        if not any(ch.isalnum() for ch in part_text):
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


def _reread_date(text: str, ln: OCRLine, binary: np.ndarray, dx: int, dy: int) -> str:
    """A line with a date whose month tesseract's Thai+English reading turned into Latin junk
    (`ต.ค.` as `W.8.`, `ก.ย.` as `11.8.`), read again in Thai only as one line; kept only when
    that reading holds a date."""
    pad = max(4, ln.h // 3)
    y0, x0 = max(0, ln.y + dy - pad), max(0, ln.x + dx - pad)
    crop = binary[y0 : ln.y + dy + ln.h + pad, x0 : ln.x + dx + ln.w + pad]
    if crop.size == 0:
        return text
    framed = np.full((crop.shape[0] + 20, crop.shape[1] + 20), 255, dtype=np.uint8)
    framed[10:-10, 10:-10] = crop
    try:
        again = tesseract_lines(Image.fromarray(framed), psm=7, lang="tha")
    except Exception:  # noqa: BLE001 - a failed second reading keeps the first
        return text
    if len(again) != 1:
        return text
    new = repair_thai(again[0].text)
    if ocr_digits.has_number_token(new):
        new = ocr_digits.reread_line(new, crop < 128)
    new = fix_month_names(new)
    return new if _has_date(new) else text


def _chars_of_lines(
    lines: list[OCRLine], binary: np.ndarray, dx: int, dy: int, scale: float, page_number: int, start: int
) -> list[Char]:
    """Glyph records for OCR'd lines (offset dx/dy in the page image): characters spread evenly
    over the line's box, marks on the character before them, spaces as space glyphs."""
    chars: list[Char] = []
    k = start
    for i, ln in enumerate(lines):
        text = repair_thai(ln.text)
        strip = binary[max(0, ln.y + dy - 2) : ln.y + dy + ln.h + 2, max(0, ln.x + dx - 2) : ln.x + dx + ln.w + 2]
        if ocr_digits.has_number_token(text) or _short_non_thai(text):
            text = ocr_digits.reread_line(text, strip < 128)
        text = ocr_digits.leading_number(text, strip[:, : 4 * ln.h] < 128)
        text = ocr_digits.latin_e_prefix(text, lines[i + 1].text.lstrip() if i + 1 < len(lines) else "")
        text = fix_month_names(text)
        if _unread_date(text):
            text = _reread_date(text, ln, binary, dx, dy)
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
    binary = despeckle(binarise(grey))
    angle = deskew_angle(binary)
    rules = binary
    if abs(angle) >= 0.05:
        binary = binarise(np.asarray(Image.fromarray(binary).rotate(angle, fillcolor=255, resample=Image.Resampling.BICUBIC)), 128)
        # rules are looked for in the grey image turned, then binarised: a thin rule turned after
        # binarising breaks into a staircase of pieces too short to be found as a rule
        turned = Image.fromarray(grey).rotate(angle, fillcolor=255, resample=Image.Resampling.BICUBIC)
        rules = binarise(np.asarray(turned))
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
    page_lines = _without_mark_lines(tesseract_lines(Image.fromarray(rest)))
    confs = [ln.conf for ln in page_lines]
    chars = _chars_of_lines(page_lines, binary, 0, 0, scale, page_number, 0)
    inset = max(3, int(dpi * 0.015))
    for x0, y0, x1, y1 in cells:
        crop = _without_rule_remnants(binary[y0 + inset : y1 - inset, x0 + inset : x1 - inset])
        if crop.size == 0 or (crop < 128).sum() < 30:
            continue
        padded = np.full((crop.shape[0] + 20, crop.shape[1] + 20), 255, dtype=np.uint8)
        padded[10:-10, 10:-10] = crop
        cell_lines = _cell_lines(Image.fromarray(padded))
        confs.extend(ln.conf for ln in cell_lines)
        chars.extend(_chars_of_lines(cell_lines, binary, x0 + inset - 10, y0 + inset - 10, scale, page_number, len(chars)))
    h_px, w_px = binary.shape
    conf = float(np.mean(confs)) if confs else 0.0
    return OCRPage(chars, edges, conf, w_px * scale, h_px * scale)
