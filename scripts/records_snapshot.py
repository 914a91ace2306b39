"""Write the extracted record of every sample and every synthetic agreement to a directory, so
that two trees (before and after a refactoring) can be compared byte for byte:

    python scripts/records_snapshot.py /tmp/before      # on the old tree
    python scripts/records_snapshot.py /tmp/after       # on the new tree
    diff -r /tmp/before /tmp/after                      # nothing: records unchanged

The synthetic PDFs are rendered into the output directory too (`pdf/`), and may be passed back
with `--pdfs DIR` so both trees read the very same files.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--pdfs", type=Path, help="read synthetic PDFs from here instead of rendering them")
    ap.add_argument("--no-ocr", action="store_true", help="skip the scanned sample")
    ap.add_argument("--also", action="append", default=[], help="more PDFs to read (a glob from the root)")
    args = ap.parse_args()
    from pipeline.extract import extract_file
    from tests.synthetic.records import CASES
    from tests.synthetic.render import render

    out: Path = args.out
    pdf_dir = args.pdfs or out / "pdf"
    out.mkdir(parents=True, exist_ok=True)
    pdf_dir.mkdir(parents=True, exist_ok=True)
    files = sorted((ROOT / "samples").glob("*.pdf"))
    if args.no_ocr:
        files = [f for f in files if "scanned" not in f.name]
    for case in CASES:
        path = pdf_dir / f"{case.key}.pdf"
        if args.pdfs is None:
            render(case.record, path, case.layout, case.extras)
        files.append(path)
    for pattern in args.also:
        files += sorted(ROOT.glob(pattern))
    for path in files:
        record = extract_file(path).to_json_dict()
        (out / f"{path.stem}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True))
        print(path.stem, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
