"""Year-over-year comparison of two agreements: which KPIs were kept, renamed, replaced, added or
dropped, and what moved (weights, level targets, categories, baselines).

Auditors ask "is this the same KPI as last year?" before anything else, so KPIs are matched by
name similarity, not by number: units renumber their KPIs, and a reworded KPI is a change, not a
drop plus an add. Every match carries its confidence so a reader can judge it. Pure functions over
:mod:`pipeline.models` records; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from difflib import SequenceMatcher
from typing import Literal

from parsers.thai.dates import normalise_thai
from parsers.thai.numbers import thai_to_arabic_digits
from pipeline.models import KPI, Agreement, Category, YearValue
from pipeline.scoring import KPIResult, dec

KPIStatus = Literal["same", "changed", "renamed", "replaced", "added", "dropped"]
CategoryStatus = Literal["same", "changed", "renamed", "added", "dropped"]
BaselineStatus = Literal["matches", "differs", "no_result", "no_baseline", "not_numeric"]

MATCH_SIMILARITY = 0.6
"""Two KPI names this similar (0–1, after normalising) are the same KPI, whatever their numbers."""

HINTED_SIMILARITY = 0.5
"""Less similar names still match when number and scoring kind agree (a reworded KPI kept in place)."""

CONTAINED_SIMILARITY = 0.9
"""One normalised name containing the other (a qualifier added or removed) counts as this similar."""

_MIN_CONTAINED = 8

# Thai KPI names open with boilerplate ("ระดับความสำเร็จของการ…", "ร้อยละของ…") that makes unrelated
# KPIs look alike; it is compared separately from the words that name the subject.
_BOILERPLATE = re.compile(
    r"^(?:ระดับความสำเร็จ|ร้อยละความสำเร็จ|ร้อยละ|ระดับ|จำนวน|ผลคะแนน|ผลการ|ค่าเฉลี่ย)?(?:ของ|ใน)?(?:การ)?"
)
_NOT_NAME = re.compile(r"[^0-9a-z\u0e01-\u0e5b]+")


# ------------------------------------------------------------------------------------ results


@dataclass(frozen=True)
class LevelTarget:
    """One level's target in both years (value for threshold KPIs, text for milestone ones)."""

    level: Decimal
    old_value: Decimal | None
    new_value: Decimal | None
    old_text: str | None
    new_text: str | None

    @property
    def changed(self) -> bool:
        if self.old_value is not None or self.new_value is not None:
            return self.old_value != self.new_value
        return _same_text(self.old_text) != _same_text(self.new_text)


@dataclass(frozen=True)
class BaselineCheck:
    """Did the new year record last year's result as its baseline for last year?

    ``year`` is the old agreement's fiscal year; ``baseline`` the new KPI's baseline cell for it;
    ``result`` the old year's 12-month result (a value, or the level reached for milestone KPIs).
    """

    year: int
    baseline: YearValue | None
    result: Decimal | None
    status: BaselineStatus
    places: int | None = None
    """Decimal places the comparison was made at (the baseline's), when both are numbers."""
    result_is_level: bool = False
    """The result is the level a milestone KPI reached, not a measured value."""


@dataclass(frozen=True)
class BaselineRevision:
    """A year both agreements give a baseline for, with different numbers."""

    year: int
    old: YearValue
    new: YearValue


@dataclass(frozen=True)
class KPIChange:
    """One row of the comparison: a matched pair, a replacement, or a KPI only one year has."""

    status: KPIStatus
    old: KPI | None
    new: KPI | None
    similarity: float | None = None
    """How alike the two names are (0–1), for pairs."""
    confidence: float | None = None
    """How sure the match is (0–1): name similarity with number and scoring-kind hints."""
    weight_changed: bool = False
    category_changed: bool = False
    scoring_changed: bool = False
    status_changed: bool = False
    deduction_changed: bool = False
    targets: tuple[LevelTarget, ...] = ()
    baseline_check: BaselineCheck | None = None
    baseline_revisions: tuple[BaselineRevision, ...] = ()

    @property
    def matched(self) -> bool:
        return self.old is not None and self.new is not None and self.status != "replaced"

    @property
    def renamed(self) -> bool:
        return (
            self.matched
            and self.old is not None
            and self.new is not None
            and not _same_name(self.old.name, self.new.name)
        )

    @property
    def renumbered(self) -> bool:
        return (
            self.matched
            and self.old is not None
            and self.new is not None
            and (self.old.number != self.new.number)
        )

    @property
    def targets_changed(self) -> bool:
        return any(t.changed for t in self.targets)

    @property
    def weight_delta(self) -> Decimal | None:
        if self.old is None or self.new is None:
            return None
        return dec(self.new.weight) - dec(self.old.weight)

    @property
    def number(self) -> int:
        """The number the row is listed under: this year's, else last year's."""
        kpi = self.new or self.old
        assert kpi is not None
        return kpi.number


@dataclass(frozen=True)
class CategoryChange:
    status: CategoryStatus
    old: Category | None
    new: Category | None
    similarity: float | None = None

    @property
    def weight_changed(self) -> bool:
        return self.old is not None and self.new is not None and dec(self.old.weight) != dec(self.new.weight)


@dataclass(frozen=True)
class Comparison:
    """Everything that differs between two agreements, old (A) first."""

    old: Agreement
    new: Agreement
    kpis: tuple[KPIChange, ...]
    categories: tuple[CategoryChange, ...]
    results_given: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def same_unit(self) -> bool:
        return _same_name(self.old.organization, self.new.organization)

    @property
    def scale_changed(self) -> bool:
        return self.old.scale.kind != self.new.scale.kind or [dec(x) for x in self.old.scale.levels] != [
            dec(x) for x in self.new.scale.levels
        ]

    def with_status(self, *statuses: KPIStatus) -> list[KPIChange]:
        return [k for k in self.kpis if k.status in statuses]

    @property
    def weight_changes(self) -> list[KPIChange]:
        return [k for k in self.kpis if k.weight_changed]

    @property
    def target_changes(self) -> list[KPIChange]:
        return [k for k in self.kpis if k.targets_changed]

    @property
    def category_moves(self) -> list[KPIChange]:
        return [k for k in self.kpis if k.category_changed]

    @property
    def baseline_checks(self) -> list[KPIChange]:
        return [k for k in self.kpis if k.baseline_check is not None]


# ------------------------------------------------------------------------------- similarity


def normalise_name(name: str) -> str:
    """A name reduced to what identifies it: Thai repaired, digits Arabic, no spaces or punctuation."""
    text = thai_to_arabic_digits(normalise_thai(name)).lower()
    return _NOT_NAME.sub("", text)


def _core(name: str) -> str:
    normal = normalise_name(name)
    return _BOILERPLATE.sub("", normal) or normal


def name_similarity(a: str, b: str) -> float:
    """0–1: how alike two KPI (or category) names are, ignoring boilerplate openings and spacing."""
    x, y = _core(a), _core(b)
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    ratio = SequenceMatcher(None, x, y, autojunk=False).ratio()
    shorter, longer = sorted((x, y), key=len)
    if len(shorter) >= _MIN_CONTAINED and shorter in longer:
        ratio = max(ratio, CONTAINED_SIMILARITY)
    return ratio


def _same_name(a: str, b: str) -> bool:
    return normalise_name(a) == normalise_name(b)


def _same_text(text: str | None) -> str:
    return normalise_name(text or "")


def _confidence(similarity: float, old: KPI, new: KPI) -> float:
    """Name similarity weighed with hints: same number (+0.10), same scoring kind (+0.05)."""
    score = 0.85 * similarity
    if old.number == new.number:
        score += 0.10
    if old.scoring == new.scoring:
        score += 0.05
    return round(min(score, 1.0), 4)


def match_kpis(old: Sequence[KPI], new: Sequence[KPI]) -> list[tuple[KPI, KPI, float, float]]:
    """One-to-one pairs (old, new, similarity, confidence), most confident first.

    Greedy over all candidate pairs by confidence (ties: old number, then new number), which is
    deterministic and, for the few dozen KPIs of an agreement, as good as an optimal assignment
    because true pairs score far above the rest.
    """
    candidates: list[tuple[float, int, int, float, KPI, KPI]] = []
    for a in old:
        for b in new:
            similarity = name_similarity(a.name, b.name)
            hinted = a.number == b.number and a.scoring == b.scoring
            if similarity >= MATCH_SIMILARITY or (hinted and similarity >= HINTED_SIMILARITY):
                candidates.append((_confidence(similarity, a, b), a.number, b.number, similarity, a, b))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[KPI, KPI, float, float]] = []
    for confidence, _, _, similarity, a, b in candidates:
        if id(a) in used_old or id(b) in used_new:
            continue
        used_old.add(id(a))
        used_new.add(id(b))
        pairs.append((a, b, round(similarity, 4), confidence))
    return pairs


# ------------------------------------------------------------------------------- comparison


def compare_agreements(
    old: Agreement, new: Agreement, old_results: Iterable[KPIResult] = (), result_round: int = 12
) -> Comparison:
    """Compare ``old`` (last year, A) with ``new`` (this year, B).

    ``old_results`` are last year's results (a results sheet of A); those of ``result_round`` (12 by
    default: the year's result) are checked against this year's baseline for last year.
    """
    results = {r.kpi: r for r in old_results if r.round == result_round}
    category_changes, category_map = _compare_categories(old.categories, new.categories)
    pairs = match_kpis(old.kpis, new.kpis)
    paired_old = {id(a) for a, _, _, _ in pairs}
    paired_new = {id(b) for _, b, _, _ in pairs}
    rows: list[KPIChange] = [
        _pair_change(a, b, similarity, confidence, old, new, results, category_map)
        for a, b, similarity, confidence in pairs
    ]
    dropped = [k for k in old.kpis if id(k) not in paired_old]
    added = [k for k in new.kpis if id(k) not in paired_new]
    added_by_number = {k.number: k for k in added}
    for a in dropped:
        b = added_by_number.pop(a.number, None)
        if b is None:
            rows.append(KPIChange(status="dropped", old=a, new=None))
        else:
            similarity = round(name_similarity(a.name, b.name), 4)
            rows.append(
                KPIChange(
                    status="replaced",
                    old=a,
                    new=b,
                    similarity=similarity,
                    confidence=_confidence(similarity, a, b),
                    weight_changed=dec(a.weight) != dec(b.weight),
                )
            )
    rows += [KPIChange(status="added", old=None, new=b) for b in added if added_by_number.get(b.number) is b]
    rows.sort(key=lambda r: (r.new is None, r.number, r.old.number if r.old else 0))
    notes: list[str] = []
    if not _same_name(old.organization, new.organization):
        notes.append("different_unit")
    if old.fiscal_year >= new.fiscal_year:
        notes.append("not_later_year")
    return Comparison(
        old=old,
        new=new,
        kpis=tuple(rows),
        categories=tuple(category_changes),
        results_given=bool(results),
        notes=tuple(notes),
    )


def _pair_change(
    a: KPI,
    b: KPI,
    similarity: float,
    confidence: float,
    old: Agreement,
    new: Agreement,
    results: Mapping[int, KPIResult],
    category_map: Mapping[str, str],
) -> KPIChange:
    targets = level_targets(a, b)
    weight_changed = dec(a.weight) != dec(b.weight)
    moved = _category_moved(a.category, b.category, category_map)
    scoring_changed = a.scoring != b.scoring
    status_changed = a.status != b.status
    deduction_changed = _num(a.deduction_points) != _num(b.deduction_points)
    anything = (
        weight_changed
        or moved
        or scoring_changed
        or deduction_changed
        or any(t.changed for t in targets)
        or a.number != b.number
    )
    status: KPIStatus = "renamed" if not _same_name(a.name, b.name) else "changed" if anything else "same"
    return KPIChange(
        status=status,
        old=a,
        new=b,
        similarity=similarity,
        confidence=confidence,
        weight_changed=weight_changed,
        category_changed=moved,
        scoring_changed=scoring_changed,
        status_changed=status_changed,
        deduction_changed=deduction_changed,
        targets=targets,
        baseline_check=baseline_check(a, b, old.fiscal_year, results.get(a.number)),
        baseline_revisions=baseline_revisions(a, b),
    )


def _num(value: float | None) -> Decimal | None:
    return None if value is None else dec(value)


def level_targets(old: KPI, new: KPI) -> tuple[LevelTarget, ...]:
    """Each level's target in both years, for every level either year defines, lowest first."""
    by_level_old = {dec(c.level): c for c in old.criteria}
    by_level_new = {dec(c.level): c for c in new.criteria}
    rows = []
    for level in sorted(set(by_level_old) | set(by_level_new)):
        a, b = by_level_old.get(level), by_level_new.get(level)
        rows.append(
            LevelTarget(
                level=level,
                old_value=_num(a.value) if a else None,
                new_value=_num(b.value) if b else None,
                old_text=a.text if a else None,
                new_text=b.text if b else None,
            )
        )
    return tuple(rows)


def _places(cell: YearValue) -> int:
    """Decimal places a baseline is written with (its text, else its number)."""
    text = thai_to_arabic_digits(cell.text or "")
    found = re.search(r"[0-9]+(?:\.([0-9]+))?", text)
    if found and cell.value is not None and dec(found.group(0)) == dec(cell.value):
        return len(found.group(1) or "")
    assert cell.value is not None
    exponent = dec(cell.value).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def baseline_check(old: KPI, new: KPI, old_year: int, result: KPIResult | None) -> BaselineCheck:
    """This year's baseline for last year against last year's result (rounded as the baseline is)."""
    cell = next((c for c in new.baseline if c.year == old_year), None)
    value: Decimal | None = None
    is_level = False
    if result is not None:
        value = result.value if result.value is not None else result.level
        is_level = result.value is None and result.level is not None
    if cell is None:
        status: BaselineStatus = "no_baseline"
        places = None
    elif value is None:
        status, places = "no_result", None
    elif cell.value is None:
        status, places = "not_numeric", None
    else:
        places = _places(cell)
        shown = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        status = "matches" if shown == dec(cell.value) else "differs"
    return BaselineCheck(
        year=old_year, baseline=cell, result=value, status=status, places=places, result_is_level=is_level
    )


def baseline_revisions(old: KPI, new: KPI) -> tuple[BaselineRevision, ...]:
    """Years both agreements give a numeric baseline for, where the numbers differ."""
    old_by_year = {c.year: c for c in old.baseline}
    rows = []
    for cell in new.baseline:
        before = old_by_year.get(cell.year)
        if before is None or before.value is None or cell.value is None:
            continue
        if dec(before.value) != dec(cell.value):
            rows.append(BaselineRevision(year=cell.year, old=before, new=cell))
    return tuple(rows)


def _compare_categories(
    old: Sequence[Category], new: Sequence[Category]
) -> tuple[list[CategoryChange], dict[str, str]]:
    """Categories matched by name; returns the changes and old name → new name for matched ones."""
    candidates = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            similarity = name_similarity(a.name, b.name)
            if similarity >= MATCH_SIMILARITY:
                candidates.append((-similarity, i, j, similarity))
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    rows: list[tuple[int, CategoryChange]] = []
    mapping: dict[str, str] = {}
    for _, i, j, similarity in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        a, b = old[i], new[j]
        mapping[normalise_name(a.name)] = normalise_name(b.name)
        status: CategoryStatus = (
            "renamed"
            if not _same_name(a.name, b.name)
            else "changed"
            if dec(a.weight) != dec(b.weight) or a.kpi_numbers != b.kpi_numbers
            else "same"
        )
        rows.append((j, CategoryChange(status=status, old=a, new=b, similarity=round(similarity, 4))))
    rows += [
        (j, CategoryChange(status="added", old=None, new=b)) for j, b in enumerate(new) if j not in used_new
    ]
    ordered = [change for _, change in sorted(rows, key=lambda r: r[0])]
    ordered += [
        CategoryChange(status="dropped", old=a, new=None) for i, a in enumerate(old) if i not in used_old
    ]
    return ordered, mapping


def _category_moved(old: str | None, new: str | None, category_map: Mapping[str, str]) -> bool:
    """True when the KPI now sits in another category than the one its old category became."""
    if old is None and new is None:
        return False
    if old is None or new is None:
        return True
    key = normalise_name(old)
    return category_map.get(key, key) != normalise_name(new)
