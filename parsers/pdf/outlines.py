"""Glyph outlines compared: which known character an unmapped glyph is a copy of.

A glyph whose ToUnicode entry is missing or useless is often an exact copy of a glyph whose
character is known (in another font of the same family in the document, or in the installed
copy of the same font), or, for a combining mark, a displaced and resized copy of one. Shapes
are normalised to 1000 units/em and compared exactly (control points) or tolerantly (points
sampled along the outline); see `parsers.pdf.fontmap` for when each rule applies.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from fontTools.pens.basePen import BasePen
from fontTools.pens.recordingPen import DecomposingRecordingPen

from parsers.pdf.fontprograms import Program, program_from_sfnt, program_unicode

log = logging.getLogger(__name__)

# Outline matching thresholds, as distances in units of the glyph's own size.
# Calibrated on the 8 TLWG TrueType fonts, whose 27 PUA variants per font are
# lowered / shifted (sometimes redrawn) copies of the plain glyphs: 192 of 216
# resolved to the right character, none to a wrong one, also when the right
# plain glyph is withheld (then all stay unknown); exact copies score ~0.
_EXACT: Final = 0.01
#: a copy drawn with the same points, each moved a little: Qt's PDF writer re-grids every glyph
#: at 2048 units/em from a hinted size (points off by up to 3% of the glyph); only a glyph with
#: the same number of points on and off the curve in each contour is compared at all
_NEAR: Final = 0.04
_MARK_TOLERANCE: Final = 0.10
_MARK_MARGIN: Final = 1.4  # runner-up (another character) must be this much worse
_LONE_MARK_TOLERANCE: Final = 0.12  # when no other mark is even comparable
_TONE_MARKS: Final = frozenset("\u0e48\u0e49\u0e4a\u0e4b\u0e4c")  # ่ ้ ๊ ๋ ์
_ASPECT_SLACK: Final = 0.35  # log ratio of width/height a variant may differ by
_STRUCTURE_SLACK: Final = 2  # segments a variant may gain or lose against its plain mark
_SAMPLES_PER_SEGMENT: Final = 3

# The ring of ำ, as drawn by every Thai font we measured (47 TLWG, Sarabun, Laksaman,
# Garuda, UPC fonts): one or two contours, round (every point of the outer contour within 25%
# of the ellipse through its box; ็ ์ ้ ั ๊ ๋ all have points at under 70%), small and well
# above the baseline. Units are per 1000 em.
_RING_SIZE: Final = (50.0, 380.0)
_RING_ASPECT: Final = 1.35
_RING_ROUND: Final = (0.75, 1.25)
_RING_MIN_Y: Final = 300.0


# --- outlines -----------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """A glyph outline normalised to 1000 units/em and centred on its bbox."""

    structure: tuple[tuple[str, int], ...]
    points: tuple[tuple[float, float], ...]  # control points, for exact comparison
    samples: tuple[tuple[float, float], ...]  # points along the outline, for tolerant comparison
    contours: int
    width: float
    height: float
    #: lowest point above the baseline (per 1000 em), and whether the outer contour is round
    y_min: float = 0.0
    round: bool = False
    #: each contour's points as (on the curve?, x, y), implied ones explicit, the closing
    #: return to the start left out: one drawing, however a writer starts or closes its contours
    loops: tuple[tuple[tuple[bool, float, float], ...], ...] = ()

    @property
    def size(self) -> float:
        return max(self.width, self.height, 1.0)

    @property
    def aspect(self) -> float:
        return max(self.width, 1.0) / max(self.height, 1.0)

    @functools.cached_property
    def unit_samples(self) -> tuple[tuple[float, float], ...]:
        """The samples scaled so the larger bbox side is 1."""
        k = 1.0 / self.size
        return tuple((x * k, y * k) for x, y in self.samples)

    @property
    def frame(self) -> tuple[tuple[int, int], ...]:
        """Points on and off the curve per contour: what any copy of the drawing shares."""
        return tuple((sum(1 for on, _, _ in loop if on), sum(1 for on, _, _ in loop if not on)) for loop in self.loops)

    @property
    def key(self) -> tuple[object, ...]:
        """Identity of the drawing, so the copies of a glyph in several subsets compare once."""
        return (self.structure, tuple((round(x), round(y)) for x, y in self.points))


class _SamplingPen(BasePen):
    """Collects points along each contour (curves flattened by sampling)."""

    def __init__(self, glyph_set: Any) -> None:
        super().__init__(glyph_set)
        self.points: list[tuple[float, float]] = []
        self.contours = 0
        self.starts: list[int] = []
        self._last: tuple[float, float] = (0.0, 0.0)

    def _moveTo(self, pt: tuple[float, float]) -> None:
        self.contours += 1
        self.starts.append(len(self.points))
        self.points.append(pt)
        self._last = pt

    def _lineTo(self, pt: tuple[float, float]) -> None:
        self._segment(lambda t: _lerp(self._last, pt, t))
        self._last = pt

    def _qCurveToOne(self, pt1: tuple[float, float], pt2: tuple[float, float]) -> None:
        start = self._last
        self._segment(lambda t: _lerp(_lerp(start, pt1, t), _lerp(pt1, pt2, t), t))
        self._last = pt2

    def _curveToOne(
        self, pt1: tuple[float, float], pt2: tuple[float, float], pt3: tuple[float, float]
    ) -> None:
        start = self._last

        def at(t: float) -> tuple[float, float]:
            a, b, c = _lerp(start, pt1, t), _lerp(pt1, pt2, t), _lerp(pt2, pt3, t)
            return _lerp(_lerp(a, b, t), _lerp(b, c, t), t)

        self._segment(at)
        self._last = pt3

    def _segment(self, at: Any) -> None:
        for i in range(1, _SAMPLES_PER_SEGMENT + 1):
            self.points.append(at(i / _SAMPLES_PER_SEGMENT))


def _lerp(a: tuple[float, float], b: tuple[float, float], t: float) -> tuple[float, float]:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


#: shapes already measured, by drawing (see `shape_of`)
_SHAPES: dict[tuple[object, ...], Shape | None] = {}
#: how many drawings `_SHAPES` keeps before it starts over (a few fonts' worth)
_SHAPES_MAX = 5_000


def shape_of(program: Program, gid: int) -> Shape | None:
    """Outline of ``gid``, or None for an empty glyph (subsetters blank unused ones).

    Sampling an outline costs far more than drawing it, and a batch meets the same font in
    document after document (each its own subset, the glyphs the same drawings): a shape is
    measured once per process per drawing (its recorded path and the font's units per em)."""
    name = program.glyph_order[gid]
    recorder = DecomposingRecordingPen(program.glyph_set)
    try:
        program.glyph_set[name].draw(recorder)
    except Exception as exc:  # a damaged charstring: treat as no outline
        log.debug("cannot draw glyph %s: %s", name, exc)
        return None
    drawing = (program.units_per_em, tuple((op, tuple(args)) for op, args in recorder.value))
    if drawing in _SHAPES:
        return _SHAPES[drawing]
    if len(_SHAPES) >= _SHAPES_MAX:
        _SHAPES.clear()
    shape = _measure(recorder, program)
    _SHAPES[drawing] = shape
    return shape


def _measure(recorder: DecomposingRecordingPen, program: Program) -> Shape | None:
    """The `Shape` of a recorded drawing."""
    sampler = _SamplingPen(program.glyph_set)
    try:
        recorder.replay(sampler)
    except Exception as exc:  # a damaged outline: treat as no outline
        log.debug("cannot sample a glyph: %s", exc)
        return None
    if not sampler.points:
        return None
    scale = 1000.0 / program.units_per_em
    xs = [x for x, _ in sampler.points]
    ys = [y for _, y in sampler.points]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2

    def norm(pts: Iterable[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
        return tuple(((x - cx) * scale, (y - cy) * scale) for x, y in pts)

    segments = _canonical(recorder.value)
    return Shape(
        structure=tuple((op, len(args)) for op, args in segments),
        # qCurveTo may end in None (an all-off-curve TrueType contour): no point to compare.
        points=norm(pt for _, args in segments for pt in args if pt is not None),
        loops=tuple(
            tuple((on, *point) for on, point in zip(kinds, norm(pts), strict=True)) for kinds, pts in _loops(segments)
        ),
        samples=norm(sampler.points),
        contours=sampler.contours,
        width=(max(xs) - min(xs)) * scale,
        height=(max(ys) - min(ys)) * scale,
        y_min=min(ys) * scale,
        round=_outer_is_round(sampler),
    )


def _canonical(segments: list[tuple[str, tuple[Any, ...]]]) -> list[tuple[str, tuple[Any, ...]]]:
    """The recorded outline with every implied on-curve point of a TrueType quadratic spline
    made explicit: one off-curve point per `qCurveTo`.

    The same outline is written either way (a font's own glyf keeps the points implied; Qt's PDF
    writer re-encodes each glyph at 2048 units/em with them spelled out), and an exact comparison
    of control points must see one drawing in both."""
    out: list[tuple[str, tuple[Any, ...]]] = []
    for op, args in segments:
        if op == "qCurveTo" and len(args) >= 3 and args[-1] is None:
            # a contour of off-curve points only (Norasi's ั): an on-curve point implied between
            # every two, the last and the first too; written out from the one between those
            offs = args[:-1]
            mids = [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in zip(offs, (*offs[1:], offs[0]), strict=True)]
            out.append(("moveTo", (mids[-1],)))
            out.extend(("qCurveTo", (a, m)) for a, m in zip(offs, mids, strict=True))
            continue
        if op != "qCurveTo" or len(args) <= 2 or args[-1] is None:
            out.append((op, args))
            continue
        offs = args[:-1]
        for a, b in zip(offs, offs[1:], strict=False):
            out.append((op, (a, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))))
        out.append((op, (offs[-1], args[-1])))
    return out


def _loops(segments: list[tuple[str, tuple[Any, ...]]]) -> list[tuple[list[bool], list[tuple[float, float]]]]:
    """Each contour of a canonical recording as its points, each flagged on or off the curve."""
    loops: list[tuple[list[bool], list[tuple[float, float]]]] = []
    kinds: list[bool] = []
    pts: list[tuple[float, float]] = []

    def close() -> None:
        if len(pts) > 1 and kinds[-1] and kinds[0] and math.dist(pts[-1], pts[0]) < 1e-6:
            del kinds[-1], pts[-1]  # a closing line back to the start is no point of the drawing
        if pts:
            loops.append((kinds.copy(), pts.copy()))
        kinds.clear()
        pts.clear()

    for op, args in segments:
        if op == "moveTo":
            close()
        elif op in ("closePath", "endPath"):
            close()
            continue
        points = [pt for pt in args if pt is not None]
        offs = len(points) - (0 if args and args[-1] is None else 1)
        kinds.extend([False] * offs + [True] * (len(points) - offs))
        pts.extend(points)
    close()
    return loops


def _outer_is_round(sampler: _SamplingPen) -> bool:
    """Every point of the largest contour lies near the ellipse inscribed in its box."""
    bounds = [*sampler.starts, len(sampler.points)]
    contours = [sampler.points[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    if not contours:
        return False

    def area(c: list[tuple[float, float]]) -> float:
        return (max(x for x, _ in c) - min(x for x, _ in c)) * (max(y for _, y in c) - min(y for _, y in c))

    outer = max(contours, key=area)
    x0, x1 = min(x for x, _ in outer), max(x for x, _ in outer)
    y0, y1 = min(y for _, y in outer), max(y for _, y in outer)
    cx, cy, rx, ry = (x0 + x1) / 2, (y0 + y1) / 2, max((x1 - x0) / 2, 1e-6), max((y1 - y0) / 2, 1e-6)
    radii = [math.hypot((x - cx) / rx, (y - cy) / ry) for x, y in outer]
    return _RING_ROUND[0] <= min(radii) and max(radii) <= _RING_ROUND[1]


def is_ring(shape: Shape) -> bool:
    """The ring of ำ (or a bare ํ): small, round, one or two contours, high above the line."""
    lo, hi = _RING_SIZE
    return (
        shape.round
        and shape.contours in (1, 2)
        and lo <= shape.size <= hi
        and 1 / _RING_ASPECT <= shape.aspect <= _RING_ASPECT
        and shape.y_min >= _RING_MIN_Y
    )


def _exact_distance(a: Shape, b: Shape) -> float | None:
    """Max control-point deviation for outlines drawn with the same points, else None: each
    contour compared from every start the other's points allow (writers start contours at
    different points)."""
    if a.frame != b.frame:
        return None
    worst = 0.0
    for p, q in zip(a.loops, b.loops, strict=True):
        best = _loop_distance(p, q)
        if best is None:
            return None
        worst = max(worst, best)
    return worst / max(a.size, b.size)


def _loop_distance(
    p: tuple[tuple[bool, float, float], ...], q: tuple[tuple[bool, float, float], ...]
) -> float | None:
    """The least, over the starts of `q` whose points lie on and off the curve as `p`'s do, of
    the largest distance between corresponding points."""
    n = len(p)
    best: float | None = None
    for shift in range(n):
        worst = 0.0
        for i in range(n):
            on, x, y = p[i]
            on2, u, v = q[(i + shift) % n]
            if on != on2:
                break
            d = (x - u) ** 2 + (y - v) ** 2
            if d > worst:
                worst = d
                if best is not None and worst >= best:
                    break
        else:
            if best is None or worst < best:
                best = worst
                if best == 0.0:
                    break
    return None if best is None else math.sqrt(best)


def _tolerant_distance(a: Shape, b: Shape) -> float | None:
    """Hausdorff distance of the sampled outlines, each centred and scaled to
    unit size, or None if contour count, proportions or size rule the pair out.

    Scaling first makes a resized variant (Word's small raised tone marks, a
    font's "low" marks) land on its plain mark instead of on whichever other
    mark happens to have a similar size.
    """
    if a.contours != b.contours:
        return None
    if abs(math.log(a.aspect / b.aspect)) > _ASPECT_SLACK or not 0.5 <= a.size / b.size <= 2.0:
        return None
    return _hausdorff(a.unit_samples, b.unit_samples)


def _same_drawing(a: Shape, b: Shape) -> bool:
    """Built from (almost) the same segments: a displaced or resized copy of one
    drawing differs by a point or two, another mark (ี vs ื) by whole strokes."""
    return _edit_distance(a.structure, b.structure, _STRUCTURE_SLACK) <= _STRUCTURE_SLACK


def _edit_distance(a: tuple[Any, ...], b: tuple[Any, ...], limit: int) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, item in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (item != other)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _hausdorff(a: tuple[tuple[float, float], ...], b: tuple[tuple[float, float], ...]) -> float:
    def directed(p: tuple[tuple[float, float], ...], q: tuple[tuple[float, float], ...]) -> float:
        return max(min((x - u) ** 2 + (y - v) ** 2 for u, v in q) for x, y in p)

    return math.sqrt(max(directed(a, b), directed(b, a)))


@dataclass
class Anchor:
    shape: Shape
    text: str

    @property
    def is_mark(self) -> bool:
        return len(self.text) == 1 and unicodedata.category(self.text) == "Mn"




#: what an agreement is written in: Latin letters, Thai, general punctuation, currency, letterlike
#: symbols, arrows and mathematical operators (`≤`); a font's other scripts (DejaVu Sans draws
#: 6,000 glyphs) are never asked for, and measuring them would cost a second per font
_AGREEMENT_SCRIPT: Final = re.compile(r"[\u0020-\u024f\u0e00-\u0e7f\u2000-\u22ff\u25a0-\u25ff\u2610-\u2612]+")


@functools.lru_cache(maxsize=64)
def installed_anchors(postscript_name: str) -> list[Anchor]:
    """Anchors from the installed font whose PostScript name is `postscript_name` (fontconfig),
    every glyph its cmap or glyph names give a character; empty when it is not installed."""
    import shutil
    import subprocess

    if not shutil.which("fc-list") or not re.fullmatch(r"[\w.-]+", postscript_name):
        return []
    try:
        out = subprocess.run(
            ["fc-list", f":postscriptname={postscript_name}", "file"], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    paths = [line.split(":")[0].strip() for line in out.splitlines() if line.strip()]
    if not paths:  # a writer's own spelling of the name (fpdf2: `UmpushBold` for Umpush-Bold)
        paths = _installed_by_name().get(_loose_name(postscript_name), [])
    if not paths:
        return []
    try:
        with open(paths[0], "rb") as fh:
            program = program_from_sfnt(fh.read())
    except Exception as exc:  # an unreadable installed font: no anchors
        log.debug("cannot read installed font %s: %s", paths[0], exc)
        return []
    anchors: list[Anchor] = []
    for gid, text in program_unicode(program).items():
        if text.strip() and _AGREEMENT_SCRIPT.fullmatch(text) and (shape := shape_of(program, gid)) is not None:
            anchor = Anchor(shape, text)
            # only marks are compared tolerantly: the others' sampled outlines would only
            # take memory, kept for as many fonts as a batch meets
            anchors.append(anchor if anchor.is_mark else Anchor(dataclasses.replace(shape, samples=()), text))
    return anchors




#: anchors by the points of their contours (`Shape.frame`), per anchor list (only anchors drawn
#: with as many points can be exact copies; a font's few hundred glyphs fall into many groups):
#: id → (the list, its index)
_BY_STRUCTURE: dict[int, tuple[list[Anchor], dict[tuple[tuple[int, int], ...], list[Anchor]]]] = {}


def _alike(shape: Shape, anchors: list[Anchor]) -> list[Anchor]:
    """The anchors drawn with as many points as `shape` (indexed once per anchor list)."""
    entry = _BY_STRUCTURE.get(id(anchors))
    if entry is None or entry[0] is not anchors:
        if len(_BY_STRUCTURE) >= 64:
            _BY_STRUCTURE.clear()
        index: dict[tuple[tuple[int, int], ...], list[Anchor]] = {}
        for a in anchors:
            index.setdefault(a.shape.frame, []).append(a)
        entry = _BY_STRUCTURE[id(anchors)] = (anchors, index)
    return entry[1].get(shape.frame, [])


def _loose_name(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


@functools.cache
def _installed_by_name() -> dict[str, list[str]]:
    """Installed font files by PostScript name, compared without case or punctuation."""
    import subprocess

    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{postscriptname}\t%{file}\n"], capture_output=True, text=True, timeout=20
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, list[str]] = {}
    for line in out.splitlines():
        name, _, path = line.partition("\t")
        if name and path:
            found.setdefault(_loose_name(name), []).append(path)
    return found


def match_shape(shape: Shape, anchors: list[Anchor], zero_width: bool) -> str | None:
    """The text of the anchor ``shape`` unambiguously copies or (for marks) displaces."""
    near = [(d, a.text) for a in _alike(shape, anchors) if (d := _exact_distance(shape, a.shape)) is not None and d <= _NEAR]
    exact = {text for d, text in near if d <= _EXACT}
    if len(exact) == 1:
        return exact.pop()
    if not exact and len({text for _, text in near}) == 1:
        return near[0][1]  # the same points, each a little off: a copy the writer re-gridded
    if exact or near or not zero_width:
        return None
    return _match_mark(shape, [a for a in anchors if a.is_mark])


#: below vowels (ุ ู ฺ) hang under the baseline; every other mark sits above the letters
_BELOW_MARKS = frozenset("\u0e38\u0e39\u0e3a")
#: per 1000 em: a below vowel's lowest point is under this, an upper mark's above the other
_BELOW_ZONE_TOP = 100.0
_ABOVE_ZONE_BOTTOM = 250.0


def _same_zone(shape: Shape, text: str) -> bool:
    """Can `shape` be a drawing of mark `text` where it stands? A displaced variant moves a mark
    a little (tone marks lowered when there is no upper vowel), never across the letters: a small
    stroke at one em is a tone mark, whatever vowel below it resembles."""
    if text in _BELOW_MARKS:
        return shape.y_min < _BELOW_ZONE_TOP
    return shape.y_min > _ABOVE_ZONE_BOTTOM


def _match_mark(shape: Shape, marks: list[Anchor]) -> str | None:
    """The combining mark a zero-width glyph is a displaced variant of, if clear.

    Upper and lower vowels come in nested series (ิ ี ึ ื, ุ ู: one more stroke
    each), close under any tolerant metric, so they need the same drawing.
    Tone marks have distinct shapes and fonts redraw their variants (Word's
    raised ones are smaller), so for them the outline fit alone decides.
    """
    scored = sorted(
        (
            (d, a.text, a.shape)
            for a in marks
            if _same_zone(shape, a.text) and (d := _tolerant_distance(shape, a.shape)) is not None
        ),
        key=lambda item: (item[0], item[1]),  # (two variants of one mark may fit equally well)
    )
    if not scored:
        return None
    best_distance, best_text, best_shape = scored[0]
    if best_text not in _TONE_MARKS and not _same_drawing(shape, best_shape):
        return None
    rival = next((d for d, text, _ in scored if text != best_text), None)
    if rival is None:
        # The only mark of that contour count and proportions: a looser fit is
        # still unambiguous.
        return best_text if best_distance <= _LONE_MARK_TOLERANCE else None
    if best_distance <= _MARK_TOLERANCE and rival >= _MARK_MARGIN * best_distance:
        return best_text
    return None
