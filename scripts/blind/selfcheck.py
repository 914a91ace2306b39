"""Renderer self-check (independent of the project's parsers): every text of the truth record must be
present in the PDF's text layer (white space removed, Thai digits read as Arabic).

usage: python scripts/blind/selfcheck.py [--dir out/blind]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

TH = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"


def norm(s: str) -> str:
    """White space removed, Thai digits as Arabic, sara am composed, combining marks in a fixed order."""
    s = s.translate(TH).replace("\u0e4d\u0e32", "\u0e33").replace("\u200b", "")
    s = re.sub(r"\s+", "", s)
    return re.sub(f"[{MARKS}]+", lambda m: "".join(sorted(m.group(0), key=MARKS.index)), s)


def check(pdf: Path, rec: dict) -> list[tuple[str, str]]:
    """(path, text) of every truth text not found verbatim in the PDF's text layer."""
    raw = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    lay = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    hay = norm(raw) + "\n" + norm(lay)
    # typst's text layer repeats a leading consonant+mark cluster at some glyph runs; fold it
    hay2 = re.sub(f"(.[{MARKS}]+)\\1", r"\1", hay)
    return [(p, t) for p, t in texts(rec) if t and norm(t) not in hay and norm(t) not in hay2
            and not interleaved(norm(t), hay)]


def interleaved(needle: str, hay: str) -> bool:
    """needle occurs as a subsequence inside a short window of hay (a table cell whose wrapped lines
    the text layer interleaves with the lines of neighbouring cells)."""
    head = needle[:4]
    start = hay.find(head)
    while start != -1:
        i, j, end = 0, start, min(len(hay), start + 6 * len(needle) + 200)
        while i < len(needle) and j < end:
            if hay[j] == needle[i]:
                i += 1
            j += 1
        if i == len(needle):
            return True
        start = hay.find(head, start + 1)
    return False


def texts(rec: dict):
    yield "organization", rec.get("organization")
    yield "parent_organization", rec.get("parent_organization")
    for p in rec.get("parties", []):
        yield f"parties.{p['role']}.name", p.get("name")
        yield f"parties.{p['role']}.position", p.get("position")
    for i, c in enumerate(rec.get("categories", [])):
        yield f"categories[{i}].name", c.get("name")
    for k in rec.get("kpis", []):
        n = k["number"]
        yield f"kpi{n}.name", k.get("name")
        yield f"kpi{n}.scoring_rule", k.get("scoring_rule")
        for c in k.get("criteria", []):
            yield f"kpi{n}.criteria[{c['level']:g}].text", c.get("text")
        for part in ("baseline", "roadmap"):
            for b in k.get(part, []):
                yield f"kpi{n}.{part}[{b['year']}].text", b.get("text")
        for r in k.get("rounds", []):
            yield f"kpi{n}.rounds[{r['month']}].goal", r.get("goal")
            for j, s in enumerate(r.get("steps", [])):
                yield f"kpi{n}.rounds[{r['month']}].steps[{j}]", s


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="out/blind")
    a = ap.parse_args()
    bad = 0
    for tj in sorted(Path(a.dir).glob("*.truth.json")):
        meta = json.loads(tj.read_text(encoding="utf-8"))
        pdf = tj.with_name(tj.name.replace(".truth.json", ".pdf"))
        missing = check(pdf, meta["truth"])
        if missing:
            bad += 1
            print(f"{pdf.name}: {len(missing)} texts not found in the text layer")
            for p, t in missing[:8]:
                print(f"   {p}: {t}")
    print(f"selfcheck: {bad} PDFs with texts not found verbatim in their text layer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
