"""Controlled ablation: one base layout, then one layout choice changed at a time (same records, same
producer), to tell which presentation feature costs the parsers accuracy. Also the base layout through
every producer.

usage: python scripts/blind/ablate.py [--n 12] [--out out/blind/ablation]
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
from backends import PRODUCERS  # noqa: E402
from content import LABELS, build  # noqa: E402
from render import clean_fonts, load_record  # noqa: E402

from pipeline.accuracy import accuracy, compare, misses  # noqa: E402

BASE = {"digits": "arabic", "cover": "clauses", "frame": "rows", "targets": "portrait", "template": "headed",
        "weights": "plain", "dates": "full_pos", "round_label": "months", "kpi_label": LABELS["kpi"][0],
        "criteria_form": "table", "history_form": "horizontal", "rounds_form": "paragraphs",
        "template_break": "each_page", "targets_weight_col": "after_name", "labels": "first"}
ALT = {"digits": ["thai"], "cover": ["letter", "form"], "frame": ["rowspan", "numbered"],
       "targets": ["landscape", "none"], "template": ["table"], "weights": ["2dp", "fraction"],
       "dates": ["full", "abbr", "abbr2", "form"], "round_label": ["ordinal", "months_full"],
       "kpi_label": LABELS["kpi"][1:], "criteria_form": ["list"], "history_form": ["vertical"],
       "rounds_form": ["table"], "template_break": ["continuous"], "targets_weight_col": ["last"],
       "labels": ["random"]}
BASE_PRODUCER = "typst"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=12)
    ap.add_argument("--out", default="out/blind/ablation")
    ap.add_argument("--only", action="append", default=[],
                    help="run only these configurations (e.g. base, kpi_label=KPI {n}, producer=lo-xlsx)")
    a = ap.parse_args()
    files = sorted(glob.glob(str(ROOT / "tests/data/sweep/*.truth.json"))) + sorted(glob.glob(str(ROOT / "samples/*.truth.json")))
    step = max(1, len(files) // a.n)
    files = files[::step][: a.n]
    out = Path(a.out)
    (out / "pdf").mkdir(parents=True, exist_ok=True)
    (out / "records").mkdir(parents=True, exist_ok=True)
    configs = [("base", BASE_PRODUCER, {}, "page_of")]
    for dim, vals in ALT.items():
        for v in vals:
            configs.append((f"{dim}={v}", BASE_PRODUCER, {dim: v}, "page_of"))
    configs += [("footer=dash", BASE_PRODUCER, {}, "dash"), ("footer=plain", BASE_PRODUCER, {}, "plain")]
    configs += [(f"producer={p}", p, {}, "page_of") for p in PRODUCERS if p != BASE_PRODUCER]
    if a.only:
        configs = [c for c in configs if c[0] in a.only]
    results = {}
    for name, prod, change, footer in configs:
        force = {**BASE, **change}
        pdfs, truths = [], {}
        for i, f in enumerate(files):
            rec = load_record(f)
            rng = random.Random(1000 + i)
            blocks, feats = build(rec, rng, force=force)
            fonts = clean_fonts(prod)
            font = "Arundina Serif" if "Arundina Serif" in fonts else fonts[0]
            stem = f"{Path(f).name.removesuffix('.truth.json').replace('.', '_')}__{name.replace('/', '_').replace(' ', '_').replace('{', '').replace('}', '')}"
            pdf = out / "pdf" / f"{stem}.pdf"
            try:
                PRODUCERS[prod](blocks, pdf, font, {"footer": footer, "header_text": "", "shade": "#e0e0e0"})
            except Exception as e:  # noqa: BLE001
                print(f"FAIL {stem}: {e}", file=sys.stderr)
                continue
            pdfs.append(pdf)
            truths[pdf.stem] = rec
        subprocess.run(["nice", "-n", "10", str(ROOT / ".venv/bin/thaikpi"), "extract", *map(str, pdfs), "-o",
                        str(out / "records"), "--jobs", "1", "--lang", "en"], capture_output=True, cwd=ROOT)
        accs, miss = [], {}
        for pdf in pdfs:
            rp = out / "records" / f"{pdf.stem}.json"
            got = json.loads(rp.read_text(encoding="utf-8")) if rp.exists() else {}
            t = json.loads(json.dumps(truths[pdf.stem]))
            t["findings"] = [x for x in t.get("findings", []) if x["code"] != "summary_template_mismatch"]
            for k in t["kpis"] + got.get("kpis", []):
                k.pop("pages", None)
            sc = compare(t, got)
            accs.append(accuracy(sc))
            for m in misses(sc):
                key = m.path.split(".", 1)[-1] if m.path.startswith("kpi") else m.path
                key = __import__("re").sub(r"\[[^\]]*\]", "[]", key)
                miss[key] = miss.get(key, 0) + (1 - m.score)
        results[name] = {"mean": statistics.mean(accs), "min": min(accs), "n": len(accs),
                         "top_losses": sorted(miss.items(), key=lambda kv: -kv[1])[:5]}
        print(f"{name:32s} n={len(accs):2d} mean={results[name]['mean']:.4f} min={results[name]['min']:.4f}", flush=True)
    base = results["base"]["mean"] if "base" in results else 0.0
    lines = [f"ablation over {len(files)} records; base = {BASE_PRODUCER} with {json.dumps(BASE, ensure_ascii=False)}",
             f"base mean accuracy {base:.4f}", "", "change                           mean     delta    min   biggest losses (field kind: summed loss)"]
    for name, r in sorted(results.items(), key=lambda kv: kv[1]["mean"]):
        tl = ", ".join(f"{k}: {v:.1f}" for k, v in r["top_losses"][:4])
        lines.append(f"{name:32s} {r['mean']:.4f} {r['mean'] - base:+.4f} {r['min']:.4f}  {tl}")
    text = "\n".join(lines)
    (out / "report.txt").write_text(text + "\n", encoding="utf-8")
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
