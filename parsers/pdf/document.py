"""Opening PDFs and reading their pages one at a time: the I/O edge of the text layer.

A file that cannot be read is refused here with one plain reason (empty, not a PDF, encrypted,
truncated, corrupt, too many pages), so every command reports bad input the same way. Pages are
read lazily and released as soon as their content is taken, so memory does not grow with the
page count.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from parsers.errors import InputError
from parsers.pdf.actualtext import drop_repeats, has_spans, widen_spans
from parsers.pdf.dropped import dropped_copies
from parsers.pdf.edges import Edge, page_edges
from parsers.pdf.glyphs import Char, _Transform, read_chars
from parsers.pdf.health import garbled_words
from parsers.pdf.lines import Line, build_lines
from parsers.pdf.tables import Table, find_tables, glyph_point
from parsers.thai.chars import BELOW_VOWELS, FOREIGN_RE, NIKHAHIT, is_mark

if TYPE_CHECKING:
    from parsers.pdf.fontmap import FontRepair


@dataclass(slots=True)
class PageContent:
    """Everything later stages need from one page; the pdfium page itself is already closed."""

    number: int
    width: float
    height: float
    chars: list[Char]
    lines: list[Line]
    edges: list[Edge]
    raw_text: str
    image_count: int
    tables: list[Table] = field(default_factory=list)
    #: the text layer is missing or beyond repair: the page should be read by OCR
    needs_ocr: bool = False
    ocr: bool = False
    ocr_confidence: float | None = None

    @property
    def has_text(self) -> bool:
        return any(not c.text.isspace() for c in self.chars)

    @property
    def shows_something(self) -> bool:
        """An image, a line or a table: a page OCR may find something on (a page whose text
        all stands in a table has no `lines`)."""
        return bool(self.image_count or self.lines or self.tables)


def check_file(path: Path) -> int:
    """Refuse what is plainly not a readable PDF before a parser sees it; return its size."""
    if os.path.isdir(path):
        raise InputError("input.directory", str(path))
    try:
        size = os.path.getsize(path)
    except FileNotFoundError:
        raise InputError("input.no_file", str(path)) from None
    except OSError as exc:
        raise InputError("input.unreadable", str(path), why=exc.strerror) from None
    if size == 0:
        raise InputError("input.empty", str(path))
    with open(path, "rb") as fh:
        head = fh.read(1024)
        if b"%PDF-" not in head:
            raise InputError("input.not_pdf", str(path))
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if b"%%EOF" not in tail:
        raise InputError("input.truncated", str(path))
    return size


def open_pdf(path: Path, max_pages: int | None = None) -> pdfium.PdfDocument:
    """Open `path` with pdfium, turning its failures into one-line `InputError`s."""
    check_file(path)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise InputError("input.encrypted", str(path)) from None
        if "format" in msg or "corrupt" in msg:
            raise InputError("input.corrupt", str(path)) from None
        raise InputError("input.cannot_open", str(path), why=str(exc)) from None
    n = len(pdf)
    if n == 0:
        pdf.close()
        raise InputError("input.no_pages", str(path))
    if max_pages is not None and n > max_pages:
        pdf.close()
        raise InputError("input.too_many_pages", str(path), pages=n, limit=max_pages)
    return pdf


class GlyphRecovery:
    """Reads glyphs whose mapping says nothing from the embedded font itself (`parsers.pdf.fontmap`).

    pdfium reports a glyph the font's ToUnicode map leaves empty by its raw code (`É` for cid 201,
    `ĺ` for cid 314), and one whose entry is U+FFFD, a zero-width space, a space (for a glyph with
    ink) or a Latin-Extended letter (in a Thai font) as just that. `parsers.pdf.glyphs.read_chars`
    flags all of these (`Char.raw`); here each gets the text its font program gives (cmap, glyph
    names, GSUB, outlines: the ring of ำ is recognised by its shape). When several codes share
    one useless entry (the ring and the real space both mapped to a space), the glyph whose
    outline box matches the ink on the page is the one drawn. What stays unknown becomes U+FFFD,
    flagged unmapped; a zero-width glyph among them is marked a fragment (an over-printed piece
    of a letter) for the line builder to drop. The fonts are read only when a page has such
    glyphs, and once per document.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._maps: dict[str, dict[int, str]] | None = None
        self._repairs: dict[str, FontRepair] = {}
        self._contested: dict[str, frozenset[int]] | None = None

    def maps(self) -> dict[str, dict[int, str]]:
        if self._maps is None:
            import pdfplumber

            from parsers.pdf.fontmap import cid_maps, font_repairs

            try:
                with pdfplumber.open(self.path) as doc:
                    self._maps = _with_untagged({k: dict(v) for k, v in cid_maps(doc).items()})
                    self._repairs = dict(font_repairs(doc))
                for name, repair in list(self._repairs.items()):
                    self._repairs.setdefault(_untagged(name), repair)
            except Exception:  # noqa: BLE001 - recovery is best effort; unrecovered glyphs stay flagged
                self._maps = {}
        return self._maps

    def contested(self) -> dict[str, frozenset[int]] | None:
        """Per font, the code points its map gives glyphs of another character (entries the
        installed copy of the font contradicts, `parsers.pdf.fontmap`) or a control code (which
        pdfium would pass as no glyph); None until the fonts have been read (a page with
        suspects reads them)."""
        if self._maps is None:
            return None
        if self._contested is None:
            self._contested = {}
            for name, repair in self._repairs.items():
                codes = {ord(k) for k in repair.useless if len(k) == 1 and (k in repair.contradicted or k < " ")}
                if repair.guessed:  # every code the font's map gives, as pdfium would show it
                    codes.update(ord(t) for code in self._maps.get(name, {}) for t in _shown_as(code))
                if codes:
                    self._contested[name] = frozenset(codes)
        return self._contested

    @staticmethod
    def wanted(chars: list[Char]) -> bool:
        """Does any glyph need its font read? One whose map says nothing, or a mark drawn on the
        wrong side of the line for the character its map gives (WeasyPrint with Norasi maps ้
        and ู to each other: each entry is a real Thai mark, only the ink says it is wrong)."""
        return any(_suspect(c) or (c.misplaced and not _swapped_with_neighbour(chars, k)) for k, c in enumerate(chars))

    def joined(self, chars: list[Char]) -> list[Char]:
        """`chars` with each glyph whose useless entry is several characters (pdfium gives one
        char each, at the glyph's pen origin: Ghostscript's ``้䤳`` for the ring of ำ) as one
        char with the glyph's text. Only once the fonts have been read."""
        if self._maps is None:
            return chars
        multi = {name: {len(k) for k in r.useless if len(k) > 1} for name, r in self._repairs.items()}
        if not any(multi.values()):
            return chars
        out: list[Char] = []
        i = 0
        while i < len(chars):
            c = chars[i]
            for size in sorted(multi.get(c.font, ()), reverse=True):
                group = chars[i : i + size]
                if len(group) < size or not all(g.same_glyph and g.font == c.font for g in group[1:]):
                    continue
                text = "".join(g.text for g in group)
                codes = self._repairs[c.font].useless.get(text)
                if not codes:
                    continue
                found = self._maps.get(c.font, {}).get(codes[0])
                c.raw, c.text, c.unmapped = text, found or "\ufffd", not found
                i += size - 1
                break
            out.append(c)
            i += 1
        return out

    def fix(self, chars: list[Char]) -> list[Char]:
        """Give every suspect glyph the text its font says, or flag it unmapped (see the class);
        a glyph that draws several marks at once becomes one char per mark."""
        suspects = [c for c in chars if _suspect(c)]
        if not suspects:
            return chars
        stacked = False
        maps = self.maps()
        thai_fonts = {c.font for c in chars if "\u0e01" <= c.text <= "\u0e5b"}
        for c in suspects:
            raw = c.raw if c.raw is not None else c.text
            if c.raw is None:
                c.raw = raw
            repair = self._repairs.get(c.font)
            if raw.isspace() and raw >= " " and (repair is None or raw not in repair.useless):
                # pdfium gave a space some ink, but the font's space has no outline: a real space
                c.raw = None
                c.unmapped = False
                continue
            code = _pick_code(c, raw, repair)
            found = maps.get(c.font, {}).get(code) if code is not None else None
            for other in _byte_codes(raw) if found is None else []:
                if (found := maps.get(c.font, {}).get(other)) is not None:
                    code = other  # a font with no map at all: its codes above 127 shown as letters
                    break
            if found and "\ufffd" not in found:
                c.text = found
                c.unmapped = False
                if c.ink is not None and all(is_mark(ch) for ch in found):
                    c.x0, c.x1 = c.ink[0], c.ink[2]  # a mark is placed by its ink
                    stacked |= len(found) > 1
                continue
            if c.font not in thai_fonts and (repair is None or code is None) and not (len(raw) == 1 and raw < " "):
                # a Latin letter in a font that draws no Thai here: nothing says it is wrong (a
                # control code is a glyph's bare cid: that says the map is gone)
                c.raw = None
                c.unmapped = False
                continue
            c.text = "\ufffd"
            c.unmapped = True
            if c.ink is not None:
                c.x0, c.x1 = c.ink[0], c.ink[2]
            c.fragment = code is not None and repair is not None and code in repair.zero_width
        return _unstacked(chars) if stacked else chars


def _unstacked(chars: list[Char]) -> list[Char]:
    """`chars` with each glyph read as several marks (a font's ligature of a tone mark over the
    ring of ำ, Sarabun's `uni0E4D0E49`) as one char per mark, the ring last as Unicode spells
    it (น ้ ํ า is น้ำ)."""
    out: list[Char] = []
    for c in chars:
        if len(c.text) < 2 or not all(is_mark(ch) for ch in c.text):
            out.append(c)
            continue
        marks = sorted(c.text, key=lambda ch: ch == NIKHAHIT)
        c.text = marks[0]
        out.append(c)
        out.extend(replace(c, text=m, same_glyph=True, raw=None) for m in marks[1:])
    return out


def _swapped_with_neighbour(chars: list[Char], k: int) -> bool:
    """Is the misplaced mark `chars[k]` next to a mark of the other side of the line on the same
    letter (`ู` + `้` of ผู้)? Then the two glyphs may only have each other's maps (LibreOffice
    with Purisa, Garuda, Loma): both marks stand on their letter whichever is which, and the text
    is right as read. (WeasyPrint's swapped maps show in marks on different letters: ข้อมูล.)"""
    below = chars[k].text in BELOW_VOWELS
    for j in (k - 1, k + 1):
        if 0 <= j < len(chars) and is_mark(chars[j].text) and (chars[j].text in BELOW_VOWELS) != below:
            return True
    return False


def _suspect(c: Char) -> bool:
    """Flagged when read, a Latin-1 letter, or a letter of a script no agreement is written in.
    (Asked of every glyph of a page: Latin and Thai, nearly all of them, are settled without the
    regular expression.)"""
    if c.raw is not None:
        return True
    if not c.text:
        return False
    o = ord(c.text[0])
    if 0x80 <= o <= 0xFF:
        return True
    if o < 0x530 or 0xE00 <= o <= 0xE7F:
        return False
    return FOREIGN_RE.match(c.text) is not None


def without_generated_spaces(chars: list[Char]) -> list[Char]:
    """`chars` without pdfium's own spaces, unless the page draws none of its own.

    Where a PDF draws its spaces (Word, LibreOffice, WeasyPrint), the gaps pdfium fills on its own
    are Thai letter spacing, not words; where it draws none (Chromium moves the pen instead;
    pdfium also re-generates ReportLab's), pdfium's spaces, found from the font's own space
    width, are the page's word gaps (`นายวิชัย ศรีบุญเรือง`)."""
    if not any(c.generated for c in chars):
        return chars
    if any(c.text == " " and not c.generated for c in chars):
        return [c for c in chars if not c.generated]
    for k in range(1, len(chars) - 1):
        space, before, after = chars[k], chars[k - 1], chars[k + 1]
        if (
            space.generated
            and not before.generated
            and not after.generated
            and abs(before.baseline - after.baseline) < 0.2 * max(before.size, 1.0)
            and before.x1 <= after.x0
            and not before.x0 <= space.x0 <= after.x1
        ):
            # pdfium put it somewhere else on the line: it stands for a drawn glyph pdfium
            # dropped (Qt maps the space glyph to a tab), a word space in the gap between the
            # glyphs it came between
            space.x0 = space.origin_x = before.x1
            space.x1 = after.x0
            space.top, space.bottom, space.baseline = before.top, before.bottom, before.baseline
            space.size, space.font = before.size, before.font
            space.generated = False
    return chars


def _untagged(name: str) -> str:
    """`ABCDEF+Laksaman` → `Laksaman`: pdfium names simple fonts without the subset tag."""
    return name[7:] if len(name) > 7 and name[6] == "+" and name[:6].isupper() else name


def _with_untagged(maps: dict[str, dict[int, str]]) -> dict[str, dict[int, str]]:
    """`maps` also under each font's untagged name; where several subsets share that name, the
    codes they disagree on are left out (a guess would be worse than a visible unknown)."""
    merged: dict[str, dict[int, str]] = {}
    clash: dict[str, set[int]] = {}
    for name, codes in maps.items():
        short = _untagged(name)
        if short == name or short in maps:
            continue
        target = merged.setdefault(short, {})
        bad = clash.setdefault(short, set())
        for code, text in codes.items():
            if code in bad:
                continue
            if target.get(code, text) != text:
                del target[code]
                bad.add(code)
            else:
                target[code] = text
    return {**merged, **maps}


def _shown_as(code: int) -> set[str]:
    """What pdfium may show for `code` of a font with no map: the code, or above 127 its Mac
    Roman or Windows-1252 letter (`_byte_codes` reverses this)."""
    out = {chr(code)}
    if 0x80 <= code <= 0xFF:
        for encoding in ("mac_roman", "cp1252"):
            try:
                out.add(bytes([code]).decode(encoding))
            except UnicodeDecodeError:
                continue
    return out


def _byte_codes(raw: str) -> list[int]:
    """The bytes a font with no map may have had for `raw` (one letter above ASCII): pdfium shows
    such codes as Mac Roman or as Windows-1252 letters."""
    if len(raw) != 1 or raw < "\x80":
        return []
    out: list[int] = []
    for encoding in ("mac_roman", "cp1252"):
        try:
            out.append(raw.encode(encoding)[0])
        except UnicodeEncodeError:
            continue
    return out


def _pick_code(c: Char, raw: str, repair: FontRepair | None) -> int | None:
    """The code of the glyph drawn: the only one behind its useless entry, or the one whose
    outline box (in em, from the pen) matches the glyph's ink on the page."""
    if repair is None:
        return ord(raw) if len(raw) == 1 else None
    codes = repair.useless.get(raw)
    if not codes:
        return ord(raw) if len(raw) == 1 else None
    if len(codes) == 1 or c.ink is None:
        return codes[0]
    size = max(c.size, 1.0)
    x0, top, x1, bottom = c.ink
    w, h = (x1 - x0) / size, (bottom - top) / size
    if c.turn % 2:
        w, h = h, w
    lift = (c.baseline - bottom) / size if not c.turn else None
    # where the ink starts from the pen: tells marks of one size apart (ั and ี)
    lead = (x0 - c.origin_x) / size if not c.turn else None

    def distance(code: int) -> float:
        box = repair.ink.get(code)
        if box is None:  # no outline: a real space, which has no ink
            return abs(w) + abs(h) + 1.0
        d = abs((box[2] - box[0]) - w) + abs((box[3] - box[1]) - h)
        if lead is not None:
            d += abs(box[0] - lead) / 4
        return d + (abs(box[1] - lift) if lift is not None else 0.0)

    return min(codes, key=distance)


def _image_count(page: pdfium.PdfPage, min_share: float = 0.0) -> int:
    """Images on the page; with `min_share`, only those covering at least that share of it (a
    scan covers the page; a logo or a signature does not)."""
    area = max(1.0, page.get_width() * page.get_height())
    count = 0
    for o in page.get_objects(max_depth=3):
        if o.type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        if min_share:
            left, bottom, right, top = o.get_bounds()
            if (right - left) * (top - bottom) < min_share * area:
                continue
        count += 1
    return count


def _glyphs(
    page: pdfium.PdfPage, index: int, contested: dict[str, frozenset[int]] | None
) -> tuple[list[Char], _Transform]:
    """The page's glyphs (`read_chars`), with the copies pdfium dropped put back after them."""
    objects: dict[int, list[Char]] = {}
    chars, tf = read_chars(page, index + 1, objects, contested)
    copies = dropped_copies(page, objects, tf.q == 0)
    if copies:  # after the page's own glyphs in stream order
        last = max((ch.index for ch in chars), default=-1)
        chars += [replace(ch, index=last + 1 + k) for k, ch in enumerate(copies)]
    return chars, tf


def read_page(
    pdf: pdfium.PdfDocument,
    index: int,
    with_tables: bool = True,
    recovery: GlyphRecovery | None = None,
    raw_text: bool = False,
) -> PageContent:
    """Read page `index` (0-based): glyphs, repaired lines, rulings and tables; then close it.

    Glyphs inside a table are built into lines once, cell by cell; `lines` holds the page's
    other lines. `raw_text` (pdfium's own, unrepaired text) is only read for health checks.
    """
    page = pdf[index]
    try:
        contested = recovery.contested() if recovery is not None else None
        if contested and has_spans(page):
            contested = {}  # pdfium reads the clusters from the spans, not from the glyphs' maps
        chars, tf = _glyphs(page, index, contested)
        if recovery is not None:
            if contested is None and recovery.wanted(chars):
                recovery.maps()  # the first page with suspects reads the fonts: read it again
                contested = recovery.contested()  # if they contradict some of its glyphs' maps
                if contested and any(c.font in contested for c in chars) and not has_spans(page):
                    chars, tf = _glyphs(page, index, contested)
            chars = recovery.fix(recovery.joined(chars))
        chars = widen_spans(drop_repeats(without_generated_spaces(chars)))
        width, height = tf.size
        edges = page_edges(page, tf) if with_tables else []
        raw = ""
        if raw_text:
            textpage = page.get_textpage()
            try:
                raw = textpage.get_text_range()
            finally:
                textpage.close()
        few = sum(1 for c in chars if not c.text.isspace()) < MIN_GLYPHS
        # with no text every image counts (it may be a scan in pieces); under a few glyphs (a
        # header and a page number) only an image covering a good part of the page does
        images = _image_count(page) if not chars else _image_count(page, SCAN_SHARE) if few else 0
    finally:
        page.close()
    content = assemble_page(index + 1, width, height, chars, edges, with_tables)
    content.raw_text = raw
    content.image_count = images
    content.needs_ocr = text_layer_unusable(chars, images) or words_garbled(content)
    return content


#: this share of a page's Thai words (or more) mixing in Latin letters or keyboard symbols, out
#: of at least MIN_GARBLED_WORDS, makes its text layer unusable (healthy pages: under 0.1;
#: Thai glyphs mapped to ASCII codes: 0.5 and more)
MAX_GARBLED = 0.3
MIN_GARBLED_WORDS = 8


def words_garbled(content: PageContent) -> bool:
    """Do the page's words read as Thai letters strewn among ASCII codes (`health.garbled_words`)?
    Such a layer maps glyphs to valid but wrong characters: nothing is unmapped, yet nothing
    can be read from it."""
    texts = [ln.text for ln in content.lines]
    texts.extend(ln.text for t in content.tables for row in t.rows for cell in row for ln in cell.lines)
    mixed, thai = garbled_words("\n".join(texts))
    return thai >= MIN_GARBLED_WORDS and mixed > MAX_GARBLED * thai


def assemble_page(
    number: int, width: float, height: float, chars: list[Char], edges: list[Edge], with_tables: bool = True
) -> PageContent:
    """Tables and lines from glyphs and rulings, whether they came from the PDF or from OCR."""
    tables = find_tables(chars, edges, number) if with_tables and len(edges) >= 4 else []
    outside = _outside(chars, [t.bbox for t in tables]) if tables else chars
    lines = build_lines(outside)
    return PageContent(number, width, height, chars, lines, edges, "", 0, tables)


#: below this many visible glyphs a page has no text layer worth reading
MIN_GLYPHS = 20
#: share of the page an image must cover to be taken for a scan on a page with little text
SCAN_SHARE = 0.25
#: this share of glyphs without a Unicode mapping makes the text layer unusable
MAX_UNMAPPED = 0.05


def text_layer_unusable(chars: list[Char], image_count: int = 1) -> bool:
    """`no-text` or `damaged` by the cheap signals: too few glyphs on a page that shows an image
    (a scan, perhaps under a typed header), too many unmapped glyphs, or more drawn glyphs read as
    spaces than as anything else. A page with a few clean
    glyphs and no image (a header and a page number, a blank page) has a healthy text layer with
    little on it: OCR would find nothing more.

    (The dictionary-coverage check of `parsers.pdf.health` is for `thaikpi doctor`; extraction
    needs a verdict without segmenting every page.)"""
    visible = [c for c in chars if not c.text.isspace()]
    # glyphs with ink that the page maps to a space (a re-distilled copy that lost its maps: the
    # letters come back as spaces), more of them than readable ones
    inked = sum(1 for c in chars if c.ink is not None and c.text.isspace())
    if inked >= MIN_GLYPHS and inked > len(visible):
        return True
    if len(visible) < MIN_GLYPHS:
        return image_count > 0 or any(c.unmapped or c.text == "\ufffd" for c in visible)
    unmapped = sum(1 for c in visible if c.unmapped or c.text == "\ufffd")
    return unmapped / len(visible) > MAX_UNMAPPED


def _outside(chars: list[Char], boxes: list[tuple[float, float, float, float]]) -> list[Char]:
    """The glyphs that stand in none of `boxes` (the tables, with a point of slack)."""
    grown = [(b[0] - 1, b[1] - 1, b[2] + 1, b[3] + 1) for b in boxes]
    out: list[Char] = []
    for ch in chars:
        x, y = glyph_point(ch)  # (where the tables' cells count it)
        for x0, top, x1, bottom in grown:
            if x0 <= x <= x1 and top <= y <= bottom:
                break
        else:
            out.append(ch)
    return out


def iter_pages(
    pdf: pdfium.PdfDocument,
    pages: list[int] | None = None,
    with_tables: bool = True,
    recovery: GlyphRecovery | None = None,
    raw_text: bool = False,
) -> Iterator[PageContent]:
    """Pages in order (1-based numbers in `pages`, default all), each read once."""
    numbers = pages or list(range(1, len(pdf) + 1))
    for n in numbers:
        if 1 <= n <= len(pdf):
            yield read_page(pdf, n - 1, with_tables, recovery, raw_text)


def read_all_pages(
    pdf: pdfium.PdfDocument,
    pages: list[int] | None = None,
    recovery: GlyphRecovery | None = None,
    raw_text: bool = False,
    keep_chars: bool = True,
) -> list[PageContent]:
    """`iter_pages` as a list, where no page is left read with maps its fonts contradict.

    The fonts are read on the first page with suspect glyphs; when they turn out to contradict
    some of their own maps (`GlyphRecovery.contested`), the pages read before, which had no
    suspects and so were read as their maps say, are read again. Without `keep_chars` each page's
    glyphs and rulings are dropped once read (its lines and tables hold what the parsers need),
    so memory stays flat in the page count."""
    out: list[PageContent] = []
    stale: list[int] = []  # positions of pages read before the fonts were

    def kept(page: PageContent) -> PageContent:
        if not keep_chars:
            page.chars, page.edges = [], []
        return page

    for page in iter_pages(pdf, pages, True, recovery, raw_text):
        if recovery is not None and recovery.contested() is None:
            stale.append(len(out))
        out.append(kept(page))
    if recovery is not None and recovery.contested():
        for k in stale:
            out[k] = kept(read_page(pdf, out[k].number - 1, True, recovery, raw_text))
    return out


def parse_page_range(spec: str | None, count: int) -> list[int]:
    """`1-5,8` → [1, 2, 3, 4, 5, 8]; None → every page."""
    if not spec:
        return list(range(1, count + 1))
    out: list[int] = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            if "-" in part:
                a, b = part.split("-", 1)
                lo = int(a) if a else 1
                hi = int(b) if b else count
                out.extend(range(lo, hi + 1))
            else:
                out.append(int(part))
        except ValueError:
            raise InputError("pages.bad_range_hint", spec=spec) from None
    outside = [p for p in out if not 1 <= p <= count]
    if outside or not out:
        shown = outside[0] if outside else spec
        raise InputError("pages.out_of_range", page=shown, count=count) if outside else InputError("pages.bad_range", spec=spec)
    return out
