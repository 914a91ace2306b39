"""`make bench`: thaikpi extraction against plain pdfplumber on the same files, in the same run.

Measures, each in a fresh child process (so peak memory is that method's own):
  (a) plain pdfplumber `extract_text()` of every page,
  (b) `thaikpi extract` end to end (text layer, tables, parsers, record), one core, and the
      `thaikpi extract --jobs <cores>` command on the generated set (what a batch really gets),
  (c) OCR seconds per page on the scanned sample (when tesseract is installed),
on the dev corpus and on a larger set generated from the samples (BENCH_AGREEMENTS copies,
default 240 ≈ 5,000 pages), plus peak memory of one 300-page against one 30-page file.
Prints a table and writes bench/results.json. No timing is asserted anywhere.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import platform
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GEN = ROOT / "bench" / "generated"
TEXT_SAMPLES = ["d01_mdb_2566", "d02_mdb_2567", "d03_legacy_pua"]


def _generate() -> dict[str, list[Path]]:
    """The benchmark inputs, made once from the samples (copies differ in metadata, so in sha256)."""
    import pikepdf

    GEN.mkdir(parents=True, exist_ok=True)
    n = int(os.environ.get("BENCH_AGREEMENTS", "240"))
    many: list[Path] = []
    for i in range(n):
        src = SAMPLES / f"{TEXT_SAMPLES[i % len(TEXT_SAMPLES)]}.pdf"
        dst = GEN / f"agreement_{i:04d}.pdf"
        if not dst.exists():
            with pikepdf.open(src) as pdf:
                pdf.docinfo["/Title"] = f"bench copy {i}"
                pdf.save(dst)
        many.append(dst)
    sizes: dict[int, Path] = {}
    for pages in (30, 300):
        dst = GEN / f"long_{pages}.pdf"
        if not dst.exists():
            with pikepdf.open(SAMPLES / "d01_mdb_2566.pdf") as src, pikepdf.new() as out:
                while len(out.pages) < pages:
                    for p in src.pages:
                        if len(out.pages) >= pages:
                            break
                        out.pages.append(p)
                out.save(dst)
        sizes[pages] = dst
    return {
        "corpus": [SAMPLES / f"{s}.pdf" for s in TEXT_SAMPLES],
        "generated": many,
        "long_30": [sizes[30]],
        "long_300": [sizes[300]],
        "scanned": [SAMPLES / "d04_scanned.pdf"],
    }


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _plumber(files: list[str]) -> dict[str, Any]:
    import pdfplumber

    pages = 0
    t0 = time.perf_counter()
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return {"pages": pages, "seconds": time.perf_counter() - t0, "peak_mb": _peak_mb()}


def _thaikpi(files: list[str], ocr: str = "never") -> dict[str, Any]:
    from pipeline.errors import ThaiKPIError
    from pipeline.extract import ReadSettings, extract_file

    pages = kpis = failed = 0
    ocr_pages = 0
    t0 = time.perf_counter()
    for f in files:
        try:
            record = extract_file(Path(f), ReadSettings(ocr=ocr, jobs=1, max_pages=1000))
        except ThaiKPIError:
            failed += 1
            continue
        pages += record.source.pages
        kpis += len(record.kpis)
        ocr_pages += len(record.source.ocr_pages)
    return {
        "pages": pages, "kpis": kpis, "failed": failed, "ocr_pages": ocr_pages,
        "seconds": time.perf_counter() - t0, "peak_mb": _peak_mb(),
    }


def _batch(files: list[Path], jobs: int) -> dict[str, Any]:
    """`thaikpi extract --jobs N` as users run it: the command line, start-up and workers included."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "pipeline.cli", "extract", *map(str, files), "-o", out, "--jobs", str(jobs),
             "--ocr", "never"],
            capture_output=True, text=True, cwd=ROOT,
        )
        seconds = time.perf_counter() - t0
        pages = sum(json.loads(p.read_text(encoding="utf-8"))["source"]["pages"] for p in Path(out).glob("*.json"))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    return {"jobs": jobs, "pages": pages, "seconds": seconds, "pages_per_s": pages / seconds, "exit": proc.returncode,
            "peak_mb_largest_process": peak}


def _child(target: str, files: list[str], conn: Any, kwargs: dict[str, Any]) -> None:
    fn = {"plumber": _plumber, "thaikpi": _thaikpi}[target]
    try:
        conn.send(fn(files, **kwargs))
    except Exception as exc:  # noqa: BLE001
        conn.send({"error": f"{type(exc).__name__}: {exc}"})


def measure(target: str, files: list[Path], **kwargs: Any) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(target, [str(f) for f in files], child, kwargs))
    proc.start()
    result: dict[str, Any] = parent.recv()
    proc.join()
    if "pages" in result and result.get("seconds"):
        result["pages_per_s"] = result["pages"] / result["seconds"]
    return result


def _ocr_available() -> bool:
    try:
        from parsers.ocr.pages import ocr_available
    except ImportError:
        return False
    return bool(ocr_available())


def main() -> int:
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    sys.path.insert(0, str(ROOT))
    sets = _generate()
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "sets": {},
    }
    rows: list[tuple[str, str, str, str, str, str]] = []
    for name in ("corpus", "generated"):
        files = sets[name]
        a = measure("plumber", files)
        b = measure("thaikpi", files)
        ratio = b["pages_per_s"] / a["pages_per_s"] if a.get("pages_per_s") and b.get("pages_per_s") else None
        results["sets"][name] = {"files": len(files), "pdfplumber": a, "thaikpi": b, "ratio": ratio}
        rows.append((name, f"{len(files)} files / {a['pages']} pp", f"{a['pages_per_s']:.1f}", f"{b['pages_per_s']:.1f}",
                     f"{ratio:.1f}×" if ratio else "-", f"{a['peak_mb']:.0f} / {b['peak_mb']:.0f}"))
    jobs = os.cpu_count() or 1
    batch = _batch(sets["generated"], jobs)
    plumber_rate = results["sets"]["generated"]["pdfplumber"].get("pages_per_s")
    batch["ratio_to_pdfplumber_one_core"] = batch["pages_per_s"] / plumber_rate if plumber_rate else None
    results["batch"] = batch
    m30 = measure("thaikpi", sets["long_30"])
    m300 = measure("thaikpi", sets["long_300"])
    results["memory"] = {
        "pages_30_peak_mb": m30["peak_mb"], "pages_300_peak_mb": m300["peak_mb"],
        "ratio": m300["peak_mb"] / m30["peak_mb"],
    }
    if _ocr_available():
        o = measure("thaikpi", sets["scanned"], ocr="auto")
        o["seconds_per_ocr_page"] = o["seconds"] / o["ocr_pages"] if o.get("ocr_pages") else None
        results["ocr"] = o
    else:
        results["ocr"] = {"skipped": "tesseract not installed (scripts/system-deps.sh installs it)"}

    print(f"{'set':<10} {'input':<24} {'pdfplumber p/s':>15} {'thaikpi p/s':>12} {'ratio':>7} {'peak MB (a / b)':>16}")
    for r in rows:
        print(f"{r[0]:<10} {r[1]:<24} {r[2]:>15} {r[3]:>12} {r[4]:>7} {r[5]:>16}")
    print(f"batch: `thaikpi extract --jobs {batch['jobs']}` on the generated set: {batch['pages_per_s']:.1f} p/s "
          f"({batch['ratio_to_pdfplumber_one_core']:.1f}× pdfplumber on one core), exit {batch['exit']}")
    mem = results["memory"]
    print(f"memory: 30-page file {mem['pages_30_peak_mb']:.0f} MB, 300-page file {mem['pages_300_peak_mb']:.0f} MB "
          f"(×{mem['ratio']:.2f})")
    ocr = results["ocr"]
    if "skipped" in ocr:
        print(f"ocr: skipped — {ocr['skipped']}")
    else:
        spp = ocr.get("seconds_per_ocr_page")
        print(f"ocr: {ocr.get('ocr_pages', 0)} pages OCR'd, {spp:.2f} s per page" if spp else f"ocr: {ocr}")
    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
