"""Lines drawn over one another, told apart by their exact baselines.

LibreOffice Calc lets a cell's wrapped text overflow a row too short for it: its last line is
drawn over the first line of the cell below, half a point or so higher or lower. Grouped by
baseline and ordered by pen position (`parsers.pdf.lines`), the two would interleave letter by
letter (`ลตังวทุชี้นวัดที่ 5`). A layout engine sets every glyph of one line on one exact baseline,
so the line builder asks this module first which glyphs are such overprinted lines and builds
each of them on its own.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from operator import attrgetter

from parsers.pdf.glyphs import Char
from parsers.thai.chars import MARKS

#: glyphs of one baseline group whose exact baselines part by more than this (in points) may
#: be two lines drawn over each other (`overprinted_lines`)
STRATUM_PT = 0.15
#: two glyphs collide when their boxes overlap by this share of the narrower one
COLLIDE_SHARE = 0.3

_INDEX = attrgetter("index")


def _median(values: list[float]) -> float:
    data = sorted(values)
    n = len(data)
    i = n // 2
    return data[i] if n % 2 else (data[i - 1] + data[i]) / 2


def overprinted_lines(chars: Sequence[Char]) -> list[list[list[Char]]]:
    """Lines drawn over one another on nearly the same baseline, top to bottom: for each place,
    the lines drawn there, each with its marks and spaces (in stream order). Glyphs of lines that
    overprint nothing are not returned.

    LibreOffice Calc lets a cell's wrapped text overflow a row too short for it: its last line is
    drawn over the first line of the cell below, half a point or so higher or lower. Grouped by
    baseline and ordered by pen position, the two interleave (`ลตังวทุชี้นวัดที่ 5`). A layout
    engine sets every glyph of one line on one exact baseline, so glyphs whose baselines differ
    by a fraction of a point (more than `STRATUM_PT`) and stand glyph over glyph (not in gaps
    the other leaves, nor as a copy of it: simulated bold, a shadow, which `_dedupe` drops) are
    two lines.
    """
    bases = [c for c in chars if c.text and not c.text.isspace() and c.text not in MARKS]
    if len(bases) < 4:
        return []
    levels = sorted({c.baseline for c in bases})
    near = 0.35 * max(max(c.size for c in bases), 1.0)
    if not any(STRATUM_PT < b - a <= near for a, b in zip(levels, levels[1:], strict=False)):
        return []  # (nearly always: every line on a baseline of its own, far from the next)
    found: list[tuple[float, float, list[float], set[int]]] = []  # a group's span, its strata, those overprinted
    for group in _baseline_groups(bases):
        strata = _strata(group)
        if len(strata) < 2:
            continue
        involved: set[int] = set()
        for k in range(len(strata)):
            for j in range(k):
                if _collide(strata[k], strata[j]):
                    involved.update((j, k))
        if involved:
            size = max(max(c.size for c in group), 1.0)
            found.append((
                group[0].baseline - 0.2 * size, group[-1].baseline + 0.2 * size,
                [_median([c.baseline for c in st]) for st in strata], involved,
            ))
    if not found:
        return []
    out: dict[tuple[int, int], list[Char]] = {}
    for c in chars:
        for g, (lo, hi, levels, involved) in enumerate(found):
            if not lo <= c.baseline <= hi:
                continue
            k = min(range(len(levels)), key=lambda i: abs(levels[i] - c.baseline))
            if k in involved:
                out.setdefault((g, k), []).append(c)
            break
    places: dict[int, list[list[Char]]] = {}
    for (g, _), v in sorted(out.items()):
        places.setdefault(g, []).append(sorted(v, key=_INDEX))
    return [places[g] for g in sorted(places)]


def _baseline_groups(bases: list[Char]) -> list[list[Char]]:
    """`bases` grouped by baseline as `_group_lines` groups clusters, each sorted by baseline."""
    groups: list[list[Char]] = []
    anchor = first_size = 0.0
    for b in sorted(bases, key=lambda c: c.baseline):
        if groups and abs(b.baseline - anchor) <= 0.35 * max(b.size, first_size, 1.0):
            groups[-1].append(b)
            continue
        groups.append([b])
        anchor, first_size = b.baseline, b.size
    return groups


def _strata(group: list[Char]) -> list[list[Char]]:
    """A baseline group (sorted by baseline) split where its exact baselines part by more than
    `STRATUM_PT`: the glyphs of one line share one."""
    strata: list[list[Char]] = [[group[0]]]
    for b in group[1:]:
        if b.baseline - strata[-1][-1].baseline > STRATUM_PT:
            strata.append([b])
        else:
            strata[-1].append(b)
    return strata


def _collide(a: list[Char], b: list[Char]) -> bool:
    """Do two strata stand glyph over glyph: two glyphs or more of the smaller, and most of those
    within the other's span, overlap a glyph of the other that is not their copy?"""
    run, other = (a, b) if len(a) <= len(b) else (b, a)
    lo = min(c.x0 for c in other)
    hi = max(c.x1 for c in other)
    within = [c for c in run if c.x1 > lo and c.x0 < hi]
    if len(within) < 2:
        return False
    ordered = sorted(other, key=lambda c: c.x0)
    starts = [c.x0 for c in ordered]
    widest = max(c.x1 - c.x0 for c in ordered)
    hits = 0
    for c in within:
        near = 0.12 * max(c.size, 1.0)
        k = bisect.bisect_left(starts, c.x0 - widest)
        over: list[Char] = []
        for o in ordered[k:]:
            if o.x0 >= c.x1:
                break
            if o.x1 > c.x0:
                over.append(o)
        if any(o.text == c.text and abs(o.origin_x - c.origin_x) < near for o in over):
            continue  # its copy (a letter that happens to fall on itself counts for neither)
        if any(min(c.x1, o.x1) - max(c.x0, o.x0) > COLLIDE_SHARE * max(min(c.x1 - c.x0, o.x1 - o.x0), 0.1) for o in over):
            hits += 1
    return hits >= 2 and 2 * hits >= len(within)
