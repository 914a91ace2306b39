"""Which producer x font pairs keep a faithful Thai text layer? Renders a probe of tricky words with each
pair and compares pdftotext output with the source. Writes out/blind/fontprobe.json.

usage: python scripts/blind/fontprobe.py [--out out/blind/fontprobe.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from backends import FONTS, PRODUCERS  # noqa: E402

WORDS = ["ผู้อำนวยการศูนย์เทคโนโลยีสารสนเทศ", "คำรับรองการปฏิบัติราชการ", "ประชุมชี้แจงแนวทางการดำเนินงาน",
         "ทั้งสองฝ่ายได้เข้าใจและเห็นพ้อง", "ปีงบประมาณ พ.ศ. ๒๕๖๖", "ถอดบทเรียนและเผยแพร่แนวปฏิบัติที่ดี",
         "สำนักงานปลัดกระทรวงเกษตรและสหกรณ์", "ญาติ ฐาน ปฏิญญา ฤดู ฦ", "แต่งตั้งคณะทำงาน", "น้ำหนัก ร้อยละ ๒๕", "≤ 3% ≥ 5 – ค่า"]


from selfcheck import norm  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="out/blind/fontprobe.json")
    a = ap.parse_args()
    blocks = [{"t": "title", "text": WORDS[0]}, {"t": "h", "text": WORDS[1]}]
    blocks += [{"t": "p", "text": w, "align": "left", "indent": False, "bold": False} for w in WORDS[2:6]]
    blocks.append({"t": "table", "rows": [["หัวข้อ", "ค่า"]] + [[w, w] for w in WORDS[6:]], "widths": [1, 1],
                   "header": 1, "spans": {}, "bold_rows": [], "border": True, "align": None})
    res = {}
    tmp = Path(tempfile.mkdtemp(prefix="blind-probe-"))
    for prod, fn in PRODUCERS.items():
        if prod == "lo-odt":
            continue  # same export path as lo-docx
        for font in sorted(FONTS):
            pdf = tmp / f"p-{prod}-{font.replace(' ', '_')}.pdf"
            try:
                fn(blocks, pdf, font, {"footer": "plain", "header_text": "", "shade": "#ffffff"})
                txt = norm(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
                miss = [w for w in WORDS if norm(w) not in txt]
            except Exception as e:  # noqa: BLE001
                miss = [f"render failed: {e}"]
            res.setdefault(prod, {})[font] = miss
            print(f"{prod:11s} {font:15s} {'clean' if not miss else 'DAMAGED ' + str(len(miss))}", flush=True)
    res["lo-odt"] = res.get("lo-docx", {})
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
