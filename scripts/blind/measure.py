"""Extract every blind PDF with the project's CLI and score it against its truth.

usage: python scripts/blind/measure.py [--dir out/blind] [--force]
Writes <dir>/results.json and <dir>/report.txt (also printed).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from pipeline.accuracy import accuracy, compare, misses  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from selfcheck import check  # noqa: E402

DIMS = ["text_layer", "producer", "cover", "frame", "targets", "template", "digits", "weights", "dates", "round_label",
        "kpi_label", "targets_weight_col", "criteria_form", "history_form", "rounds_form", "template_break", "signatures", "footer", "font"]


def strip_pages(rec: dict) -> dict:
    rec = json.loads(json.dumps(rec))
    for k in rec.get("kpis", []):
        k.pop("pages", None)
    return rec


def short(v, n=90):
    s = json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v
    return s if len(s) <= n else s[: n - 1] + "…"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="out/blind")
    ap.add_argument("--force", action="store_true")
    a = ap.parse_args()
    d = Path(a.dir)
    recdir = d / "records"
    recdir.mkdir(parents=True, exist_ok=True)
    results = []
    for tj in sorted(d.glob("*.truth.json")):
        meta = json.loads(tj.read_text(encoding="utf-8"))
        pdf = d / tj.name.replace(".truth.json", ".pdf")
        if not pdf.exists():
            continue
        out = recdir / (pdf.stem + ".json")
        err = ""
        if a.force or not out.exists() or out.stat().st_mtime < pdf.stat().st_mtime:
            t0 = time.time()
            p = subprocess.run(["nice", "-n", "10", str(ROOT / ".venv/bin/thaikpi"), "extract", str(pdf),
                                "-o", str(recdir), "--jobs", "1", "--lang", "en"],
                               capture_output=True, text=True, cwd=ROOT)
            err = (p.stderr or "").strip()[-400:]
            print(f"extracted {pdf.name} rc={p.returncode} {time.time() - t0:.1f}s", file=sys.stderr, flush=True)
        got = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        if "truth" in got and isinstance(got["truth"], dict):
            got = got["truth"]
        truth = meta["truth"]
        if not meta.get("pages_known", True):
            truth, got = strip_pages(truth), strip_pages(got)
        scores = compare(truth, got)
        acc = accuracy(scores)
        unseen = check(pdf, meta["truth"])
        meta["features"]["text_layer"] = "all texts verbatim" if not unseen else "some texts not verbatim"
        results.append({
            "selfcheck_not_verbatim": [{"path": p_, "text": t_} for p_, t_ in unseen],
            "pdf": pdf.name, "accuracy": acc, "producer": meta["producer"], "layout": meta["layout"],
            "features": meta["features"], "fields": len(scores), "stderr": err,
            "misses": [{"path": s.path, "truth": s.expected, "got": s.got, "score": round(s.score, 3)}
                       for s in misses(scores)],
        })
    lines = []
    P = lines.append
    accs = [r["accuracy"] for r in results]
    P(f"blind renderer: {len(results)} PDFs, mean accuracy {statistics.mean(accs):.4f}, "
      f"median {statistics.median(accs):.4f}, min {min(accs):.4f}")
    for dim in DIMS:
        groups = defaultdict(list)
        for r in results:
            groups[str(r["features"].get(dim, r.get(dim)))].append(r["accuracy"])
        P(f"\n== by {dim}")
        for k, v in sorted(groups.items(), key=lambda kv: statistics.mean(kv[1])):
            P(f"  {k:28s} n={len(v):3d}  mean={statistics.mean(v):.4f}  min={min(v):.4f}")
    # which field kinds are missed most often
    kinds = defaultdict(lambda: [0, 0.0])
    for r in results:
        for m in r["misses"]:
            key = m["path"].split(".", 1)[-1] if m["path"].startswith("kpi") else m["path"]
            key = __import__("re").sub(r"\[[^\]]*\]", "[]", key)
            kinds[key][0] += 1
            kinds[key][1] += 1 - m["score"]
    P("\n== most-missed fields (count of misses, summed loss)")
    for k, (n, loss) in sorted(kinds.items(), key=lambda kv: -kv[1][1])[:25]:
        P(f"  {k:40s} {n:4d}  {loss:7.2f}")
    P("\n== worst ten documents")
    for r in sorted(results, key=lambda r: r["accuracy"])[:10]:
        P(f"\n-- {r['pdf']}  accuracy={r['accuracy']:.4f}  ({len(r['misses'])} of {r['fields']} fields missed)")
        f = r["features"]
        P("   layout: " + ", ".join(f"{k}={f[k]}" for k in DIMS if k in f))
        if r["selfcheck_not_verbatim"]:
            P(f"   renderer self-check: {len(r['selfcheck_not_verbatim'])} truth texts not verbatim in pdftotext "
              f"(multi-column wrap or producer text layer): "
              + "; ".join(x["path"] for x in r["selfcheck_not_verbatim"][:6]))
        if r["stderr"]:
            P("   stderr: " + r["stderr"].replace("\n", " | ")[-300:])
        for m in r["misses"][:25]:
            P(f"   {m['path']}: truth={short(m['truth'])}  got={short(m['got'])}  ({m['score']})")
        if len(r["misses"]) > 25:
            P(f"   … {len(r['misses']) - 25} more")
    text = "\n".join(lines)
    (d / "report.txt").write_text(text + "\n", encoding="utf-8")
    (d / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
