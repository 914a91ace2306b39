"""Producer-diverse sweep: N random agreements, each written by one producer, read back and scored.

    python scripts/sweep.py -n 300 --seed 1 --jobs 2        # or: make sweep N=300 SEED=1 JOBS=2

Agreement i of seed S is `tests.synthetic.factory.generate(S * 100000 + i)`; its producer is drawn
from the same seed (a share of scans, `--scan-share`; a share of damaged text layers,
`--damage-share`, once `tests/synthetic/damage.py` exists). PDFs and their truth go to
`out/sweep/pdf/` and are reused on a re-run with the same seed; every PDF is extracted afresh (a
pool of `--jobs` processes, `--timeout` seconds per agreement; an error or a timeout scores 0 with
its reason). Prints field accuracy per producer, per field family and per drawn feature, the worst
cases with their misses, and writes `out/sweep/results.json`.

Where a producer cannot tell the pages each KPI landed on, `kpis.*.pages` is left out of that
agreement's comparison (listed as `pages_known: false` in the results).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def plan(n: int, seed: int, scan_share: float, damage_share: float, only: list[str] | None) -> list[tuple[int, str]]:
    """(agreement seed, producer) for each of the n agreements, deterministic in `seed`."""
    from tests.synthetic.producers import damage_kinds, text_producers

    texts = only or text_producers()
    kinds = damage_kinds()  # of damage
    out = []
    for i in range(n):
        s = seed * 100000 + i
        rng = random.Random(f"producer-{s}")
        if not only and rng.random() < scan_share:
            out.append((s, "scan"))
            continue
        # a producer kind first, then its font: eleven LibreOffice fonts must not crowd out the rest
        kinds_of = sorted({re.sub(r"^libreoffice-.*", "libreoffice", t) for t in texts})
        kind = rng.choice(kinds_of)
        name = rng.choice([t for t in texts if re.sub(r"^libreoffice-.*", "libreoffice", t) == kind])
        if kinds and rng.random() < damage_share and name != "scan":
            name = f"{name}+{rng.choice(kinds)}"
        out.append((s, name))
    return out


_FAMILY = [
    (r"^kpi\d+\.criteria\[[^]]+\]\.text$", "criteria.text"),
    (r"^kpi\d+\.criteria\[[^]]+\]\.value$", "criteria.value"),
    (r"^kpi\d+\.criteria\.count$", "criteria.count"),
    (r"^kpi\d+\.(baseline|roadmap)\.years$", r"\1.years"),
    (r"^kpi\d+\.(baseline|roadmap)\[\d+\]\.(value|text)$", r"\1.\2"),
    (r"^kpi\d+\.rounds\.months$", "rounds.months"),
    (r"^kpi\d+\.rounds\[\d+\]\.goal$", "rounds.goal"),
    (r"^kpi\d+\.rounds\[\d+\]\.steps.*$", "rounds.steps"),
    (r"^kpi\d+\.(\w+)$", r"kpis.\1"),
    (r"^parties\.\w+\.(\w+)$", r"parties.\1"),
    (r"^categories\[\d+\]\.(\w+)$", r"categories.\1"),
    (r"^period\.\w+$", "period"),
]


def family(path: str) -> str:
    """The field family of a compared path (`kpi3.criteria[75].text` → `criteria.text`)."""
    for pattern, repl in _FAMILY:
        if re.match(pattern, path):
            return re.sub(pattern, repl, path)
    return path


def _job(args: tuple[int, str, str]) -> dict[str, Any]:
    """Produce (or reuse) one agreement's PDF, extract it and score it."""
    seed, producer, out = args
    from pipeline.accuracy import accuracy, compare, misses
    from tests.synthetic.factory import generate
    from tests.synthetic.producers import produce, save

    pdf_dir = Path(out) / "pdf"
    spec = generate(seed)
    stem = f"{spec.key}.{producer}"
    meta_path = pdf_dir / f"{stem}.truth.json"
    result: dict[str, Any] = {"key": spec.key, "seed": seed, "producer": producer, "features": spec.features, "file": f"{stem}.pdf"}
    t0 = time.time()
    try:
        if meta_path.exists() and (pdf_dir / f"{stem}.pdf").exists():
            meta = json.loads(meta_path.read_text())
        else:
            produced = produce(spec, pdf_dir, producer)
            save(produced, {"key": spec.key, "seed": seed, "features": spec.features})
            meta = json.loads(meta_path.read_text())
    except Exception as exc:  # a producer failing is reported, not fatal
        result.update(accuracy=None, error=f"produce: {type(exc).__name__}: {exc}"[:300])
        return result
    result["render_s"] = round(time.time() - t0, 1)
    truth, known = meta["truth"], meta["pages_known"]
    result["pages_known"] = known
    t1 = time.time()
    try:
        from pipeline.extract import extract_file

        got = extract_file(pdf_dir / f"{stem}.pdf").to_json_dict()
        error = None
    except Exception as exc:
        got, error = {}, f"{type(exc).__name__}: {exc}"[:300]
    result["extract_s"] = round(time.time() - t1, 1)
    scores = [s for s in compare(truth, got) if known or not s.path.endswith(".pages")]
    if error:
        scores = [type(s)(s.path, s.expected, None, 0.0) for s in scores]
    result.update(
        accuracy=0.0 if error else accuracy(scores),
        error=error,
        fields={s.path: s.score for s in scores},
        misses=[[m.path, _short(m.expected), _short(m.got), round(m.score, 3)] for m in misses(scores)],
        quality=(got.get("quality") or {}).get("status", "error" if error else None),
        reasons=[r.get("field") for r in (got.get("quality") or {}).get("reasons", [])],
    )
    return result


def _short(v: Any) -> Any:
    s = json.dumps(v, ensure_ascii=False)
    return v if len(s) <= 120 else s[:117] + "..."


def run(jobs: list[tuple[int, str, str]], workers: int, timeout: float) -> list[dict[str, Any]]:
    """Every job in a pool of `workers`; one that outlives `timeout` counts as an error."""
    ctx = mp.get_context("fork")
    results: list[dict[str, Any]] = []
    with ctx.Pool(workers, maxtasksperchild=20) as pool:
        pending = [(j, pool.apply_async(_job, (j,))) for j in jobs]
        for i, (job, fut) in enumerate(pending, 1):
            started = time.time()
            try:
                r = fut.get(timeout=timeout)
            except mp.TimeoutError:
                r = {"key": f"seed{job[0]}", "seed": job[0], "producer": job[1], "features": [], "accuracy": 0.0, "error": f"timeout after {timeout:g} s"}
            except Exception as exc:
                r = {"key": f"seed{job[0]}", "seed": job[0], "producer": job[1], "features": [], "accuracy": 0.0, "error": f"{type(exc).__name__}: {exc}"[:300]}
            results.append(r)
            acc = r.get("accuracy")
            print(f"[{i}/{len(jobs)}] {r['key']} {r['producer']}: {'-' if acc is None else f'{acc:.3f}'} {r.get('error') or ''} ({time.time() - started:.0f}s wait)", flush=True)
        pool.terminate()
    return results


def _stats(values: list[float]) -> str:
    return f"{len(values):4d}  {statistics.mean(values):.4f}  {min(values):.4f}" if values else "   0       -       -"


def verdicts(scored: list[dict[str, Any]]) -> None:
    """How well the records' quality verdict tells wrong records from right ones: every record
    below 0.90 field accuracy should say needs_review, few of those at 0.99 or more."""
    bands = [("< 0.90", lambda a: a < 0.90), ("0.90-0.99", lambda a: 0.90 <= a < 0.99), (">= 0.99", lambda a: a >= 0.99)]
    print("\nquality verdict    n   needs_review  (errors count as flagged)")
    for name, inside in bands:
        members = [r for r in scored if inside(r["accuracy"])]
        flagged = [r for r in members if r.get("quality") in ("needs_review", "error")]
        share = f"{len(flagged) / len(members):.2f}" if members else "-"
        print(f"  {name:<12} {len(members):5d}  {len(flagged):5d} ({share})")
    missed = [r for r in scored if r["accuracy"] < 0.90 and r.get("quality") == "ok"]
    for r in sorted(missed, key=lambda r: r["accuracy"])[:5]:
        print(f"    said ok at {r['accuracy']:.3f}: {r.get('file', r['key'])}")


def report(results: list[dict[str, Any]], worst: int = 10) -> dict[str, Any]:
    """Print the tables; return them as data."""
    scored = [r for r in results if r.get("accuracy") is not None]
    by_producer: dict[str, list[float]] = defaultdict(list)
    by_feature: dict[str, list[float]] = defaultdict(list)
    fam: dict[str, list[float]] = defaultdict(list)
    for r in scored:
        by_producer[r["producer"]].append(r["accuracy"])
        for f in r["features"] or ["(none)"]:
            by_feature[f].append(r["accuracy"])
        for path, score in (r.get("fields") or {}).items():
            fam[family(path)].append(score)
    allacc = [r["accuracy"] for r in scored]
    print(f"\nfield accuracy over {len(scored)} agreements: mean {statistics.mean(allacc):.4f}, min {min(allacc):.4f}" if allacc else "nothing scored")
    print("\nper producer                            n    mean     min")
    for p in sorted(by_producer, key=lambda p: statistics.mean(by_producer[p])):
        print(f"  {p:<36} {_stats(by_producer[p])}")
    groups: dict[str, list[float]] = defaultdict(list)
    for r in scored:
        base, _, kind = r["producer"].partition("+")
        groups[re.sub(r"^libreoffice-.*", "libreoffice (all fonts)", base)].append(r["accuracy"])
        groups[f"+{kind}" if kind else "(undamaged)"].append(r["accuracy"])
    print("\nper producer kind / damage   n    mean     min")
    for g in sorted(groups, key=lambda g: statistics.mean(groups[g])):
        print(f"  {g:<25} {_stats(groups[g])}")
    print("\nper field family      fields  mean")
    for f in sorted(fam, key=lambda f: statistics.mean(fam[f])):
        print(f"  {f:<22} {len(fam[f]):6d}  {statistics.mean(fam[f]):.4f}")
    print("\nper drawn feature     n    mean     min")
    for f in sorted(by_feature, key=lambda f: statistics.mean(by_feature[f])):
        print(f"  {f:<18} {_stats(by_feature[f])}")
    verdicts(scored)
    unscored = [r for r in results if r.get("accuracy") is None]
    if unscored:
        print(f"\nnot produced ({len(unscored)}):")
        for r in unscored[:10]:
            print(f"  {r['key']} {r['producer']}: {r['error']}")
    print(f"\nworst {worst}:")
    for r in sorted(scored, key=lambda r: r["accuracy"])[:worst]:
        print(f"  {r['accuracy']:.4f} {r.get('file', r['key'])} {r['features']} {r.get('error') or ''}")
        for path, exp, got, score in (r.get("misses") or [])[:12]:
            print(f"      {score:.2f} {path}: expected {exp!r} got {got!r}")
    return {
        "producers": {p: {"n": len(v), "mean": statistics.mean(v), "min": min(v)} for p, v in by_producer.items()},
        "families": {f: {"fields": len(v), "mean": statistics.mean(v)} for f, v in fam.items()},
        "features": {f: {"n": len(v), "mean": statistics.mean(v), "min": min(v)} for f, v in by_feature.items()},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "sweep")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per agreement (render + extract)")
    ap.add_argument("--scan-share", type=float, default=0.05)
    ap.add_argument("--damage-share", type=float, default=0.2)
    ap.add_argument("--producers", nargs="*", help="only these producers")
    ap.add_argument("--worst", type=int, default=10)
    ap.add_argument("--report-only", action="store_true", help="print the tables of the last results.json")
    args = ap.parse_args()
    if args.report_only:
        report(json.loads((args.out / "results.json").read_text())["results"], args.worst)
        return 0
    from tests.synthetic.producers import environment

    (args.out / "pdf").mkdir(parents=True, exist_ok=True)
    env = environment()
    print(f"sweep: {args.n} agreements, seed {args.seed}, {args.jobs} jobs; {env}", flush=True)
    jobs = [(s, p, str(args.out)) for s, p in plan(args.n, args.seed, args.scan_share, args.damage_share, args.producers)]
    started = time.time()
    results = run(jobs, args.jobs, args.timeout)
    tables = report(results, args.worst)
    out = {"n": args.n, "seed": args.seed, "environment": env, "seconds": round(time.time() - started), **tables, "results": results}
    (args.out / "results.json").write_text(json.dumps(out, ensure_ascii=False, indent=1))
    print(f"\nwrote {args.out / 'results.json'} ({time.time() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
