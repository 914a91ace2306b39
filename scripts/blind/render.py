"""Blind renderer: truth records -> agreement PDFs in layouts/producers of our own.

usage: python scripts/blind/render.py --records 'GLOB' [--records 'GLOB2'] --out out/blind --seed S
       [--producers weasyprint,lo-docx,...] [--limit N]
Writes <stem>.<producer>-<layout>.pdf and <same>.truth.json (record under "truth", pages_known false).
"""

from __future__ import annotations

import argparse
import copy
import glob
import hashlib
import json
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from backends import FONTS, PRODUCERS  # noqa: E402
from content import build  # noqa: E402

UNREPRODUCIBLE_FINDINGS = {"summary_template_mismatch"}  # needs two different values for one field


def load_record(path: str) -> dict:
    d = json.load(open(path, encoding="utf-8"))
    return d["truth"] if "truth" in d and isinstance(d["truth"], dict) else d


_PROBE = Path(__file__).resolve().parents[2] / "out/blind/fontprobe.json"


def clean_fonts(prod: str) -> list[str]:
    """Fonts whose text layer this producer keeps faithful (scripts/blind/fontprobe.py), else all."""
    if _PROBE.exists():
        probe = json.loads(_PROBE.read_text(encoding="utf-8"))
        ok = sorted(f for f, miss in probe.get(prod, {}).items() if not miss and f in FONTS)
        if ok:
            return ok
    return sorted(FONTS)


def layout_code(f: dict) -> str:
    return "-".join([f["cover"], f["frame"], {"portrait": "tp", "landscape": "tl", "none": "tn"}[f["targets"]],
                     {"table": "ktab", "headed": "khead"}[f["template"]], "th" if f["digits"] == "thai" else "ar"])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", action="append", required=True)
    ap.add_argument("--out", default="out/blind")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--producers", default=",".join(PRODUCERS))
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    files = sorted({f for g in a.records for f in glob.glob(g)})
    if a.limit:
        files = files[: a.limit]
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    producers = a.producers.split(",")
    master = random.Random(a.seed)
    # balanced producer assignment, shuffled
    plan = [producers[i % len(producers)] for i in range(len(files))]
    master.shuffle(plan)
    fails = 0
    for path, prod in zip(files, plan):
        rec = load_record(path)
        stem = Path(path).name.removesuffix(".truth.json").replace(".", "_")
        seed = master.randrange(1 << 30)
        rng = random.Random(seed)
        blocks, feats = build(rec, rng)
        font = rng.choice(clean_fonts(prod))
        opts = {"footer": rng.choice(["page_of", "dash", "plain"]),
                "header_text": rng.choice(["", rec["organization"], f"คำรับรองการปฏิบัติราชการ ปีงบประมาณ {rec['fiscal_year']}"]),
                "shade": rng.choice(["#e0e0e0", "#d9e2f3", "#fde9d9", "#ffffff"])}
        feats.update(font=font, footer=opts["footer"], producer=prod)
        name = f"{stem}.{prod}-{layout_code(feats)}"
        pdf = out / f"{name}.pdf"
        t0 = time.time()
        try:
            PRODUCERS[prod](blocks, pdf, font, opts)
        except Exception as e:  # a producer failing is reported, not fatal
            print(f"FAIL {name}: {type(e).__name__}: {e}", file=sys.stderr)
            fails += 1
            continue
        truth = copy.deepcopy(rec)
        for k in truth["kpis"]:
            k.pop("pages", None)
        dropped = [f for f in truth.get("findings", []) if f["code"] in UNREPRODUCIBLE_FINDINGS]
        truth["findings"] = [f for f in truth.get("findings", []) if f["code"] not in UNREPRODUCIBLE_FINDINGS]
        data = pdf.read_bytes()
        npages = int(subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
                     .split("Pages:")[1].split()[0])
        truth["source"] = {"file": pdf.name, "sha256": hashlib.sha256(data).hexdigest(), "pages": npages}
        meta = {"producer": prod, "layout": layout_code(feats), "features": feats, "pages_known": False,
                "seed": seed, "from": path,
                "notes": ([f"dropped finding {f['code']}: the layout prints one value per field" for f in dropped]),
                "truth": truth}
        (out / f"{name}.truth.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"ok {name} ({npages} p, {time.time() - t0:.1f}s)", flush=True)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
