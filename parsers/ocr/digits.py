"""Thai digits re-read by shape, because tesseract's Thai model cannot read them.

Tesseract's Thai model reads the digits of common Thai faces badly (๖ as ๒, ๗ as ๐, ๓๐ as
the Latin ``mo``), and a year or a target read wrong is worse than none.  So, for each OCR'd
line, the glyphs in the line's image strip are classified against templates rendered from
installed Thai fonts — digits *and* letters, so a letter is never forced into a digit — and
runs of confident digits replace the digit-like tokens tesseract gave for them.
"""

from __future__ import annotations

import functools
import glob
import os
import re
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
#: Arabic digits are templates too, a kind of their own: a glyph is a Thai digit only when it is
#: more like one than like any letter *and* any Arabic digit (`9.` printed is not ๑.)
ARABIC_DIGITS = "0123456789"
_LETTERS = "กขคฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮะาเแโใไๆฯ"
_LATIN_LOOKALIKES = "0123456789monweavlRQOW«»"
# A token tesseract may have made of a Thai number: Thai digits, or only Latin look-alikes.
_DIGITISH = re.compile(f"[{THAI_DIGITS}{_LATIN_LOOKALIKES}]+")
#: families whose digits are drawn in a way no scanned agreement uses (monospace, typewriter)
_SKIP_FONTS = ("Oblique", "Italic", "Mono", "Typewriter", "Typist", "Typo")
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
_SIZE = 24
MIN_SCORE = 0.6
MIN_MARGIN = 0.04


@dataclass(frozen=True)
class Template:
    text: str
    bitmap: np.ndarray
    aspect: float


def _thai_fonts() -> list[str]:
    """Font files of every installed upright Thai face: looped (Laksaman, Sarabun, Garuda …) and
    loopless (Sawasdee, Arundina …) alike, as fontconfig lists them (the font folders searched
    for files with Thai in their name when fontconfig is not there)."""
    import subprocess

    files: set[str] = set()
    try:
        out = subprocess.run(["fc-list", ":lang=th", "file"], capture_output=True, text=True, timeout=30).stdout
        files.update(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    if not files:
        known = ("Laksaman", "Sarabun", "Garuda", "Loma", "Norasi", "Kinnari", "Waree", "Umpush", "Sawasdee", "Arundina", "Thai")
        for d in _FONT_DIRS:
            for f in glob.glob(os.path.join(os.path.expanduser(d), "**", "*.[to]tf"), recursive=True):
                if any(n in os.path.basename(f) for n in known):
                    files.add(f)
    return sorted(f for f in files if f.endswith((".ttf", ".otf")) and not any(s in os.path.basename(f) for s in _SKIP_FONTS))


@dataclass(frozen=True)
class TemplateSet:
    """Every template as one matrix (a row per template) for a single product per glyph."""

    texts: tuple[str, ...]
    matrix: np.ndarray
    log_aspects: np.ndarray
    #: per template: 0 a Thai digit, 1 a Thai letter, 2 an Arabic digit
    kind: np.ndarray


@functools.cache
def templates() -> tuple[Template, ...]:
    """Digits and letters rendered from every installed upright Thai face."""
    out: list[Template] = []
    for path in _thai_fonts():
        try:
            font = ImageFont.truetype(path, 64)
        except OSError:
            continue
        for ch in THAI_DIGITS + ARABIC_DIGITS + _LETTERS:
            img = Image.new("L", (128, 128), 255)
            ImageDraw.Draw(img).text((24, 16), ch, font=font, fill=0)
            mask = np.asarray(img) < 128
            norm = normalise(mask)
            if norm is not None:
                out.append(Template(ch, norm[0], norm[1]))
    return tuple(out)


@functools.cache
def template_set() -> TemplateSet | None:
    ts = templates()
    if not ts:
        return None
    return TemplateSet(
        tuple(t.text for t in ts),
        np.stack([t.bitmap.ravel() for t in ts]),
        np.log(np.array([t.aspect for t in ts])),
        np.array([0 if t.text in THAI_DIGITS else 2 if t.text in ARABIC_DIGITS else 1 for t in ts]),
    )


def normalise(mask: np.ndarray) -> tuple[np.ndarray, float] | None:
    """Ink cropped, centred in a square, scaled to a fixed size, zero-mean unit-norm; and aspect."""
    ys, xs = np.nonzero(mask)
    if len(ys) == 0:
        return None
    crop = mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    h, w = crop.shape
    side = max(h, w)
    square = np.zeros((side, side), dtype=np.uint8)
    square[(side - h) // 2 : (side - h) // 2 + h, (side - w) // 2 : (side - w) // 2 + w] = crop * 255
    v = np.asarray(Image.fromarray(square).resize((_SIZE, _SIZE), Image.Resampling.BILINEAR), dtype=np.float64)
    v = v - v.mean()
    n = np.linalg.norm(v)
    return (v / n, w / h) if n else None


def classify(mask: np.ndarray) -> tuple[str, float, float] | None:
    """(best character, its score, margin over the best character of another kind: Thai digit,
    Thai letter, Arabic digit)."""
    return classify_many([mask])[0]


def classify_many(masks: list[np.ndarray]) -> list[tuple[str, float, float] | None]:
    """`classify` for each of `masks`, scored against the templates in one product (a line's
    glyphs at once: one matrix product per line, not one per glyph)."""
    ts = template_set()
    norms = [normalise(m) for m in masks]
    out: list[tuple[str, float, float] | None] = [None] * len(masks)
    kept = [k for k, n in enumerate(norms) if n is not None]
    if ts is None or not kept:
        return out
    vectors = np.stack([norms[k][0].ravel() for k in kept])  # type: ignore[index]
    aspects = np.log(np.array([norms[k][1] for k in kept]))  # type: ignore[index]
    all_scores = vectors @ ts.matrix.T - 0.5 * np.abs(aspects[:, None] - ts.log_aspects[None, :])
    masked = [np.where(ts.kind == kind, all_scores, -np.inf).argmax(axis=1) for kind in range(3)]
    for row, k in enumerate(kept):
        scores = all_scores[row]
        best = [int(masked[kind][row]) for kind in range(3)]
        kinds = sorted(best, key=lambda i: -scores[i])
        top, second = kinds[0], kinds[1]
        out[k] = (ts.texts[top], float(scores[top]), float(scores[top] - scores[second]))
    return out


def components(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (x0, y0, x1, y1), end-exclusive, of 8-connected ink components, in the
    order of each component's first pixel (row by row). Found on horizontal runs of ink, joined
    where runs of neighbouring rows touch (a pixel diagonally next counts)."""
    if mask.size == 0:
        return []
    h, w = mask.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    diff = np.diff(padded, axis=1)
    rows, starts = np.nonzero(diff == 1)
    _, ends = np.nonzero(diff == -1)  # end-exclusive; same row order as the starts
    n = len(rows)
    if n == 0:
        return []
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    r_list, s_list, e_list = rows.tolist(), starts.tolist(), ends.tolist()
    row_first = np.searchsorted(rows, np.arange(h + 1)).tolist()  # first run of each row
    for k in range(n):
        r = r_list[k]
        if r == 0:
            continue
        lo, hi = s_list[k] - 1, e_list[k] + 1  # 8-connected: a diagonal neighbour touches
        for j in range(row_first[r - 1], row_first[r]):
            if e_list[j] > lo and s_list[j] < hi:
                root_j, root_k = find(j), find(k)
                if root_j != root_k:
                    # the root is a component's first run
                    parent[max(root_j, root_k)] = min(root_j, root_k)
    boxes: dict[int, list[int]] = {}
    for k in range(n):
        root = find(k)
        b = boxes.get(root)
        if b is None:
            boxes[root] = [s_list[k], r_list[k], e_list[k], r_list[k] + 1]
        else:
            b[0] = min(b[0], s_list[k])
            b[2] = max(b[2], e_list[k])
            b[3] = max(b[3], r_list[k] + 1)
    return [(b[0], b[1], b[2], b[3]) for _, b in sorted(boxes.items())]


def _split(mask: np.ndarray, box: tuple[int, int, int, int], body: float) -> list[tuple[int, int, int, int]]:
    """A component wider than one digit (two touching glyphs after binarisation), cut at the
    emptiest columns near where equal-width pieces would meet."""
    x0, y0, x1, y1 = box
    pieces = max(1, round((x1 - x0) / body))
    if pieces == 1:
        return [box]
    ink = mask[y0:y1, x0:x1].sum(axis=0)
    step = (x1 - x0) / pieces
    cuts = [x0]
    for k in range(1, pieces):
        lo, hi = int(k * step - 0.25 * step), int(k * step + 0.25 * step)
        if hi <= lo:  # pieces a pixel or two wide (a rule's sliver, not glyphs)
            cuts.append(x0 + int(k * step))
            continue
        cuts.append(x0 + lo + int(np.argmin(ink[lo:hi])))
    cuts.append(x1)
    return [(a, y0, b, y1) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


#: a full stop: a small blob, about as wide as high, sitting on the digits' baseline
POINT = "."


def read_glyphs(mask: np.ndarray, digits: str = THAI_DIGITS) -> list[tuple[int, int, str | None]]:
    """(x0, x1, digit or None) for each body-height glyph of one line's strip, left to right:
    the digit (one of `digits`: Thai unless asked) when it is read confidently, None for
    anything else (a letter, a blot); and
    (x0, x1, POINT) for each full stop on the baseline (a decimal point, a list number's dot),
    which tesseract's Thai model often drops (`๐.๒๕` read as `๐ ๒๕`)."""
    every = components(mask)
    boxes = [b for b in every if (b[2] - b[0]) * (b[3] - b[1]) >= 20]
    if not boxes:
        return []
    heights = sorted(b[3] - b[1] for b in boxes if (b[3] - b[1]) >= 0.4 * mask.shape[0])
    if not heights:
        return []
    # the body height of consonants and digits; some digits (๒ ๕ ๗ in Sarabun) rise higher
    body = heights[len(heights) // 2]
    glyphs: list[tuple[int, int, int, int]] = []
    # a point at a small size is under the area that counts as a glyph
    small = [b for b in every if (b[3] - b[1]) < 0.6 * body and (b[2] - b[0]) * (b[3] - b[1]) >= 4]
    for b in sorted(boxes):
        h = b[3] - b[1]
        if not 0.6 * body <= h <= 1.7 * body:
            continue
        glyphs.extend(_split(mask, b, 0.95 * h) if (b[2] - b[0]) > 1.5 * h else [b])
    out: list[tuple[int, int, str | None]] = []
    read = classify_many([mask[y0:y1, x0:x1] for x0, y0, x1, y1 in glyphs])
    for (x0, _, x1, _), got in zip(glyphs, read, strict=True):
        ok = got is not None and got[0] in digits and got[1] >= MIN_SCORE and got[2] >= MIN_MARGIN
        out.append((x0, x1, got[0] if ok and got else None))
    if glyphs:
        baseline = sorted(b[3] for b in glyphs)[len(glyphs) // 2]
        for x0, y0, x1, y1 in small:
            w, h = x1 - x0, y1 - y0
            if (
                0.08 * body <= h <= 0.45 * body
                and 0.08 * body <= w <= 0.45 * body
                and 0.5 <= w / h <= 2.0
                and abs(y1 - baseline) <= 0.2 * body
                and (mask[y0:y1, x0:x1].sum() >= 0.5 * w * h)  # a solid blob, not a ring (ํ) or a hook
            ):
                out.append((x0, x1, POINT))
        # by place alone: a point found where a glyph read as nothing stands ties with it
        out.sort(key=lambda g: (g[0], g[1], g[2] or ""))
    return out


def digit_runs(mask: np.ndarray) -> list[tuple[int, int, str]]:
    """(x0, x1, digits) of each run of confidently read Thai digits in one line's strip."""
    return _runs(read_glyphs(mask), mask.shape[0])


def _runs(glyphs: list[tuple[int, int, str | None]], height: int) -> list[tuple[int, int, str]]:
    """Runs of digits next to one another; a point between two digits of a run is kept in it
    (`๐.๒๕`), any other point is not a digit and ends nothing."""
    runs: list[tuple[int, int, str]] = []
    previous: str | None = None
    point: tuple[int, int] | None = None  # a point just after the last run's digit
    for x0, x1, digit in glyphs:
        if digit == POINT:
            point = (x0, x1) if previous is not None and point is None else None
            previous = None if point is None else previous
            continue
        if digit is None:
            previous, point = None, None
            continue
        if point is not None and runs and x0 - point[1] <= 0.4 * height and point[0] - runs[-1][1] <= 0.4 * height:
            a, _, text = runs[-1]
            runs[-1] = (a, x1, text + POINT + digit)
        elif previous is not None and point is None and runs and x0 - runs[-1][1] <= 0.4 * height:
            a, _, text = runs[-1]
            runs[-1] = (a, x1, text + digit)
        else:
            runs.append((x0, x1, digit))
        previous, point = digit, None
    return runs


def reread_line(text: str, mask: np.ndarray) -> str:
    """``text`` (tesseract's reading of the line in ``mask``) with its numbers re-read.

    When every glyph of the strip is a digit (a table cell holding a number, where tesseract
    may read ๗๐ as ฒ่๐ or drop a digit) the text becomes the digit runs.  Otherwise the
    digit-like tokens are replaced by the runs read from the image, paired left to right, and
    only when both sides have the same number of them: a partial pairing could move a number
    onto the wrong token.
    """
    glyphs = read_glyphs(mask)
    runs = _runs(glyphs, mask.shape[0])
    if glyphs and all(d is not None for _, _, d in glyphs) and len(glyphs) <= 8:
        tail = POINT if glyphs[-1][2] == POINT and runs and glyphs[-1][0] >= runs[-1][1] else ""
        return " ".join(r[2] for r in runs) + tail
    numbers = [m for m in _DIGITISH.finditer(text) if _is_number_token(text, m)]
    if not numbers:
        # no digit-like token: a stray one between Thai words may be a number read as junk
        numbers = list(_STRAY.finditer(text))
    spans = _pair(text, numbers, runs)
    if spans is None:
        lead = _leading_number(text, numbers, glyphs, runs)
        if lead is not None:
            return lead
        numbers = [m for m in numbers if any(ch in THAI_DIGITS for ch in m.group())]
        spans = _pair(text, numbers, runs)
    if not spans:
        return text
    out, last = [], 0
    for (start, end), (_, _, digits) in zip(spans, runs, strict=True):
        out.append(text[last:start])
        out.append(digits)
        last = end
    out.append(text[last:])
    return "".join(out)


_BETWEEN_PARTS = re.compile(r"[\s.,]+")


def _pair(text: str, numbers: list[re.Match[str]], runs: list[tuple[int, int, str]]) -> list[tuple[int, int]] | None:
    """The span of text each run replaces, left to right, or None when they do not pair one to
    one. A run with a decimal point takes the tokens tesseract made of its parts (`๐ ๒๕`,
    `๙๐.๙๙`) when only spaces or a point stand between them."""
    spans: list[tuple[int, int]] = []
    i = 0
    for _, _, digits in runs:
        if i >= len(numbers):
            return None
        parts = digits.count(POINT) + 1
        group = numbers[i : i + parts]
        if parts > 1 and len(group) == parts and all(
            _BETWEEN_PARTS.fullmatch(text[a.end() : b.start()]) for a, b in zip(group, group[1:], strict=False)
        ):
            spans.append((group[0].start(), group[-1].end()))
            i += parts
        else:
            spans.append((numbers[i].start(), numbers[i].end()))
            i += 1
    return spans if i == len(numbers) and spans else None


def _leading_number(
    text: str, numbers: list[re.Match[str]], glyphs: list[tuple[int, int, str | None]], runs: list[tuple[int, int, str]]
) -> str | None:
    """A list number opening the line (`le. การประเมิน…` for ๒.) read from the strip's first
    glyphs, when the counts elsewhere on the line disagree: the first token and the first run
    are the same place when the line starts with that token and the strip with those digits."""
    if not numbers or not runs or numbers[0].start() != len(text) - len(text.lstrip()):
        return None
    first = numbers[0]
    if text[first.end() : first.end() + 1] not in (".", ")") or glyphs[0][2] is None or runs[0][0] != glyphs[0][0]:
        return None
    return text[: first.start()] + runs[0][2] + text[first.end() :]


_ARABIC_OR_SIGNS = re.compile(r"[0-9.,%<>≥≤=()+\-]+")
#: the words opening a line before its first Thai word (`1G) คะแนน`, `| ๓ | คะแนน`, `D>, ร้อยละ`),
#: or one short word ending in a point (`ซ. ระยะเวลา`, a list number read as a letter)
_OPENING = re.compile(r"^(\s*)((?:[^\s\u0e01-\u0e2e]+\s+){1,3}|[^\s.]{1,2}[.,)]\s+)(?=\S*[\u0e01-\u0e2e])")


_ARABIC_LIST_NUMBER = re.compile(r"[0-9]{1,2}\.")
#: a sign followed by a list number's point (`>. ร้อยละ…`): no criterion's sign ends in a point;
#: it is a digit tesseract took for a sign (๖ for `>`)
_SIGN_WITH_POINT = re.compile(r"[<>≥≤=]{1,2}[.,]")
#: a list number whose point tesseract read as a comma (`2, ประชุมชี้แจง…`): a number that opens a
#: line with a comma and a Thai word after it is never a thousands group nor one of a list of
#: numbers (`1, 2 และ 3` goes on with a number)
_LIST_COMMA = re.compile(r"^(\s*)([0-9๐-๙]{1,2}),(\s+)(?=[\u0e01-\u0e2e\u0e40-\u0e44])")


def _starts_at_ink(glyphs: list[tuple[int, int, str | None]], mask: np.ndarray) -> bool:
    """The first glyph read is where the strip's ink starts (no sign, bracket or blot before it)."""
    ink = np.nonzero(mask.any(axis=0))[0]
    return bool(glyphs) and bool(len(ink)) and glyphs[0][0] - ink[0] <= 0.2 * mask.shape[0]


def _thai_list_number(m: re.Match[str], word: str, mask: np.ndarray, text: str) -> str:
    """A list number tesseract read in Arabic digits (`9.` for ๑., whose loopless shape it is
    like) put back in Thai digits when the glyph reader, which knows Arabic digits too, reads
    every one of its digits as a Thai digit, then the point. Printed Arabic numbers stay."""
    glyphs = read_glyphs(mask)
    k = len(word) - 1
    if not _starts_at_ink(glyphs, mask) or len(glyphs) <= k or glyphs[k][2] != POINT:
        return text
    digits = [d for _, _, d in glyphs[:k]]
    if not all(d is not None and d in THAI_DIGITS for d in digits):
        return text
    return m.group(1) + "".join(d or "" for d in digits) + POINT + " " + text[m.end() :]


def leading_number(text: str, mask: np.ndarray) -> str:
    """A number opening the line (`๖. ร้อยละ…`, `๒ คะแนน`) as the image shows it, where tesseract
    read it as junk (`D>, ร้อยละ…`, `1G) คะแนน`) or lost its point (`2 องค์ประกอบ…`): the strip
    starts with confidently read digits (and a point on their baseline). ``mask`` is the start of
    the line's strip (a few line heights are enough). Any other text is returned as it is."""
    text = _LIST_COMMA.sub(r"\1\2.\3", text)
    m = _OPENING.match(text)
    if not m:
        return text
    words = m.group(2).split()
    bare = len(words) == 1 and (words[0].isdigit() or all(ch in THAI_DIGITS for ch in words[0]))
    if not bare and all(_ARABIC_OR_SIGNS.fullmatch(w) for w in words) and not _SIGN_WITH_POINT.fullmatch(m.group(2).strip()):
        if len(words) == 1 and _ARABIC_LIST_NUMBER.fullmatch(words[0]):
            return _thai_list_number(m, words[0], mask, text)
        return text  # Arabic digits and signs (`≥ 80`, `12.`): tesseract reads those
    if len(words) == 1 and words[0][:-1] and all(ch in THAI_DIGITS for ch in words[0][:-1]):
        return text  # a list number read as one (`๑.`, `๓,`)
    glyphs = read_glyphs(mask)
    if not _starts_at_ink(glyphs, mask):
        return text  # something the glyphs leave out (a sign, a bracket) opens the line
    if bare:
        word = words[0]
        k = len(word)
        if len(glyphs) <= k or glyphs[k][2] != POINT or any(d == POINT for _, _, d in glyphs[:k]):
            return text
        thai = all(d not in (None, POINT) for _, _, d in glyphs[:k]) and not word.isdigit()
        digits = "".join(d for _, _, d in glyphs[:k] if d) if thai else word
        point = POINT
    else:
        k = next((i for i, g in enumerate(glyphs) if g[2] is None or g[2] == POINT), len(glyphs))
        if not 1 <= k <= 3 or k == len(glyphs):
            return text
        point = POINT if glyphs[k][2] == POINT else ""
        digits = "".join(d for _, _, d in glyphs[:k] if d)
    return m.group(1) + digits + point + " " + text[m.end() :]


def _is_number_token(text: str, m: re.Match[str]) -> bool:
    """A Thai-digit token, or a whole word made only of Latin look-alikes (``mo`` for ๓๐)."""
    token = m.group()
    if any(ch in THAI_DIGITS for ch in token):
        return True
    if token.isdigit():
        return False  # Arabic digits are printed as such in Thai documents too
    before = text[max(0, m.start() - 2) : m.start()].rjust(2)
    after = text[m.end() : m.end() + 2].ljust(2)
    # a word of look-alikes is a number only if it stands alone: not glued to letters, nor
    # hyphenated to a Latin word (the `e` of e-Payment)
    if before[1].isalpha() or after[0].isalpha():
        return False
    if after[0] == "-" and (m.end() + 1 == len(text) or (after[1].isascii() and after[1].isalpha())):
        return False  # a Latin word hyphenated here or across the line end
    return not (before[1] == "-" and before[0].isascii() and before[0].isalpha())


_E_PREFIX = re.compile(r"(?<![^\s(\[\"'])๑(?=-[A-Za-z])")
_E_PREFIX_AT_END = re.compile(r"(?<![^\s(\[\"'])๑(?=-$)")


def latin_e_prefix(text: str, next_line: str = "") -> str:
    """``๑-Payment`` → ``e-Payment``: tesseract's Thai model reads the e of e-Payment, e-Service …
    as ๑, which it resembles. A lone Thai digit hyphenated to a Latin word (on this line or at the
    start of `next_line`, where the word wrapped) is never a number."""
    if "๑-" not in text:
        return text
    if next_line[:1].isascii() and next_line[:1].isalpha():
        text = _E_PREFIX_AT_END.sub("e", text)
    return _E_PREFIX.sub("e", text)


def has_number_token(text: str) -> bool:
    return any(_is_number_token(text, m) for m in _DIGITISH.finditer(text))


#: a stray token standing alone between two Thai words: Latin letters or quote-like signs (`b`,
#: `bd`, `w`, `»`, `“`, `>`), or a lone Thai letter (`ฒ`) — what tesseract makes of a Thai digit it
#: cannot read (`รอบ bd เดือน`, `รอบ > เดือน` for รอบ ๖ เดือน); no Thai word is written so, and
#: an inequality sign stands before a number, never alone between two words
_STRAY = re.compile(r"(?<=[\u0e01-\u0e4e] )(?:[A-Za-z«»“”\"'`~^*<>]{1,3}|[\u0e01-\u0e2e])(?= [\u0e01-\u0e4e])")


def has_stray_token(text: str) -> bool:
    """The line holds a `_STRAY` token and no token that could be a number: the digit reader is
    asked whether a number stands there."""
    return _STRAY.search(text) is not None and not has_number_token(text)


#: what tesseract makes of an inequality sign opening a criterion (`≥ 80` read `> GO`, `2 ๑๐๐`)
_SIGN_TOKEN = re.compile(r"^(\s*)([<>≤≥=2sS]{1,2})\s+(?=\S)")


def sign_shape(mask: np.ndarray) -> str | None:
    """The inequality sign drawn in ``mask`` (the ink before a number), or None: a chevron
    (two strokes meeting at a point halfway down, open to the other side) is `<` or `>`; with a
    flat bar under it, `≤` or `≥`."""
    boxes = [b for b in components(mask) if (b[2] - b[0]) * (b[3] - b[1]) >= 12]
    if not 1 <= len(boxes) <= 2:
        return None
    chevron = max(boxes, key=lambda b: b[3] - b[1])
    x0, y0, x1, y1 = chevron
    part = mask[y0:y1, x0:x1]
    h, w = part.shape
    # a bar drawn touching the chevron: full-width rows at its bottom
    spans = [(np.nonzero(r)[0][-1] - np.nonzero(r)[0][0] + 1) if r.any() else 0 for r in part]
    k = 0
    while k < h and spans[h - 1 - k] >= 0.7 * w:
        k += 1
    touching = 0 < k <= 0.35 * h
    if touching:
        part = part[: h - k]
        rows = np.nonzero(part.any(axis=1))[0]
        part = part[: rows[-1] + 1] if len(rows) else part
        h = part.shape[0]
    if h < 8 or not 0.5 <= w / h <= 2.5 or part.mean() > 0.45:
        return None  # too small, the wrong shape, or a solid blot: not two strokes

    def centre(rows: np.ndarray) -> float:
        cols = np.nonzero(rows.any(axis=0))[0]
        return float(cols.mean()) / max(1, w - 1) if len(cols) else 0.5

    top, mid, bottom = centre(part[: max(1, h // 5)]), centre(part[2 * h // 5 : 3 * h // 5]), centre(part[-max(1, h // 5) :])
    if top < 0.35 and bottom < 0.35 and mid > 0.65:
        sign = ">"
    elif top > 0.65 and bottom > 0.65 and mid < 0.35:
        sign = "<"
    else:
        return None
    bars = [b for b in boxes if b is not chevron]
    if touching:
        return {">": "≥", "<": "≤"}[sign]
    if not bars:
        return sign
    bx0, by0, bx1, by1 = bars[0]
    flat = (bx1 - bx0) >= 2.5 * (by1 - by0) and by0 >= y0 + h // 2 and bx0 < x1 and x0 < bx1
    return ({">": "≥", "<": "≤"}[sign]) if flat else None


def signed_number(text: str, mask: np.ndarray) -> str:
    """A criterion opening with an inequality sign (`≥ ๘๐`, `≤ ๕%`) as the image shows it, where
    tesseract read the sign as another (`>` for ≥: it drops the bar), as a digit (`2 ๑๐๐`), and
    perhaps the number as letters (`> GO`): the ink before the first run of digits is a sign by
    its shape, and when nothing but digits follow it up to the next word, they are the number."""
    m = _SIGN_TOKEN.match(text)
    if not m:
        return text  # no sign-like token opens the line: the strip need not be read
    glyphs = read_glyphs(mask)
    runs = _runs(glyphs, mask.shape[0])
    if not runs and re.match(r"\s*[0-9]", text[m.end() :]):
        # a number printed in Arabic digits (tesseract reads those): they only place the sign
        runs = _runs(read_glyphs(mask, ARABIC_DIGITS), mask.shape[0])
    ink = np.nonzero(mask.any(axis=0))[0]
    if not m or not runs or not len(ink) or runs[0][0] - ink[0] < 0.3 * mask.shape[0]:
        return text
    sign = sign_shape(mask[:, ink[0] : runs[0][0]])
    if sign is None:
        return text
    rest = text[m.end() :]
    first = rest.split(maxsplit=1)
    if first and re.fullmatch(r"[A-Za-z0-9]{1,4}[%]?", first[0]) and re.search("[A-Za-z]", first[0]):
        # the number read as letters (`GO` for ๘๐): the first run stands for it
        tail = first[0][-1] if first[0].endswith("%") else ""
        rest = runs[0][2] + tail + rest[len(first[0]) :]
    return m.group(1) + sign + " " + rest
