"""Field-by-field accuracy of an extracted record against a truth record (same schema).

Numbers, dates, weights, levels, kinds and counts must match exactly; texts score their
character accuracy (1 − edit distance / length) with white space folded and Thai digits read as
Arabic. Every compared field weighs the same; the misses are listed so a test can print them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from parsers.thai.numbers import thai_to_arabic_digits


@dataclass(frozen=True)
class FieldScore:
    path: str
    expected: Any
    got: Any
    score: float


def norm_text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(thai_to_arabic_digits(str(value)).split())


def char_accuracy(expected: Any, got: Any) -> float:
    a, b = norm_text(expected), norm_text(got)
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return max(0.0, 1.0 - prev[-1] / max(len(a), len(b)))


def _num(v: Any) -> Any:
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, int | float):
        return round(float(v), 6)
    return v


def _exact(path: str, e: Any, g: Any) -> FieldScore:
    if isinstance(e, list) and isinstance(g, list):
        ok = [_num(x) for x in e] == [_num(x) for x in g]
    else:
        ok = _num(e) == _num(g)
    return FieldScore(path, e, g, 1.0 if ok else 0.0)


def _text(path: str, e: Any, g: Any) -> FieldScore:
    return FieldScore(path, e, g, char_accuracy(e, g))


def _by(items: list[dict[str, Any]] | None, key: str) -> dict[Any, dict[str, Any]]:
    return {i.get(key): i for i in (items or [])}


def compare(truth: dict[str, Any], got: dict[str, Any]) -> list[FieldScore]:
    """Every compared field of `got` against `truth`."""
    return list(_compare(truth, got))


def _compare(t: dict[str, Any], g: dict[str, Any]) -> Iterator[FieldScore]:
    yield _exact("fiscal_year", t.get("fiscal_year"), g.get("fiscal_year"))
    tp, gp = t.get("period") or {}, g.get("period") or {}
    yield _exact("period.start", tp.get("start"), gp.get("start"))
    yield _exact("period.end", tp.get("end"), gp.get("end"))
    yield _text("organization", t.get("organization"), g.get("organization"))
    yield _text("parent_organization", t.get("parent_organization"), g.get("parent_organization"))
    gparties = _by(g.get("parties"), "role")
    for p in t.get("parties", []):
        q = gparties.get(p["role"], {})
        yield _text(f"parties.{p['role']}.name", p.get("name"), q.get("name"))
        yield _text(f"parties.{p['role']}.position", p.get("position"), q.get("position"))
        yield _exact(f"parties.{p['role']}.signed_on", p.get("signed_on"), q.get("signed_on"))
    ts, gs = t.get("scale") or {}, g.get("scale") or {}
    yield _exact("scale.kind", ts.get("kind"), gs.get("kind"))
    yield _exact("scale.levels", ts.get("levels"), gs.get("levels"))
    tc, gc = t.get("categories", []), g.get("categories", [])
    yield _exact("categories.count", len(tc), len(gc))
    for i, c in enumerate(tc):
        d = gc[i] if i < len(gc) else {}
        yield _text(f"categories[{i}].name", c.get("name"), d.get("name"))
        yield _exact(f"categories[{i}].weight", c.get("weight"), d.get("weight"))
        yield _exact(f"categories[{i}].kpi_numbers", c.get("kpi_numbers"), d.get("kpi_numbers"))
    gk = _by(g.get("kpis"), "number")
    yield _exact("kpis.count", len(t.get("kpis", [])), len(g.get("kpis", [])))
    for k in t.get("kpis", []):
        yield from _compare_kpi(k, gk.get(k["number"], {}))
    tf = sorted(f["code"] for f in t.get("findings", []))
    gf = sorted(f["code"] for f in g.get("findings", []))
    yield _exact("findings.codes", tf, gf)


def _compare_kpi(k: dict[str, Any], q: dict[str, Any]) -> Iterator[FieldScore]:
    p = f"kpi{k['number']}"
    yield _text(f"{p}.name", k.get("name"), q.get("name"))
    for f in ("weight", "status", "scoring", "unit", "deduction_points", "pages"):
        yield _exact(f"{p}.{f}", k.get(f), q.get(f))
    yield _text(f"{p}.category", k.get("category"), q.get("category"))
    if "scoring_rule" in k:
        yield _text(f"{p}.scoring_rule", k.get("scoring_rule"), q.get("scoring_rule"))
    crit = _by(q.get("criteria"), "level")
    yield _exact(f"{p}.criteria.count", len(k.get("criteria", [])), len(q.get("criteria", [])))
    for c in k.get("criteria", []):
        d = crit.get(c["level"], {})
        yield _text(f"{p}.criteria[{c['level']:g}].text", c.get("text"), d.get("text"))
        yield _exact(f"{p}.criteria[{c['level']:g}].value", c.get("value"), d.get("value"))
    for part in ("baseline", "roadmap"):
        got = _by(q.get(part), "year")
        yield _exact(f"{p}.{part}.years", [b["year"] for b in k.get(part, [])], [b["year"] for b in q.get(part, [])])
        for b in k.get(part, []):
            d = got.get(b["year"], {})
            yield _exact(f"{p}.{part}[{b['year']}].value", b.get("value"), d.get("value"))
            yield _text(f"{p}.{part}[{b['year']}].text", b.get("text"), d.get("text"))
    rounds = _by(q.get("rounds"), "month")
    yield _exact(f"{p}.rounds.months", [r["month"] for r in k.get("rounds", [])], [r["month"] for r in q.get("rounds", [])])
    for r in k.get("rounds", []):
        d = rounds.get(r["month"], {})
        yield _text(f"{p}.rounds[{r['month']}].goal", r.get("goal"), d.get("goal"))
        steps, dsteps = r.get("steps", []), d.get("steps", [])
        yield _exact(f"{p}.rounds[{r['month']}].steps.count", len(steps), len(dsteps))
        for i, s in enumerate(steps):
            yield _text(f"{p}.rounds[{r['month']}].steps[{i}]", s, dsteps[i] if i < len(dsteps) else None)


def accuracy(scores: list[FieldScore]) -> float:
    return sum(s.score for s in scores) / len(scores) if scores else 0.0


def misses(scores: list[FieldScore], below: float = 1.0) -> list[FieldScore]:
    return [s for s in scores if s.score < below]
