"""`make bench`: thaikpi extraction against plain pdfplumber, per producer, on the same files in the same run.

Inputs: the sweep's PDFs in `tests/data/sweep/` (the file name says the producer:
`<id>.libreoffice-<font>[+damage].pdf`, `.reportlab`, `.reportlab-pua`, `.weasyprint`, `.chromium`,
`.fpdf2`, `.qt`), grouped by
producer kind (a damaged variant counts with its producer; `damaged` is also a row of its own;
a Ghostscript re-distilled copy, `+gs`, is a row of its own only),
and the text samples `samples/d01–d03`. A group's files are read over again until it has
BENCH_MIN_PAGES pages (default 150), so that small groups still time seconds, not milliseconds.

Per group, each in a fresh child process (so peak memory is that method's own, imports done
and one file read before the clock starts, for both methods):
  (a) plain pdfplumber: `extract_text()` of every page,
  (b) thaikpi end to end (`pipeline.extract.extract_file`: text layer, tables, parsers, record)
      on one core,
  (c) the same through the batch runner (`pipeline.batch.run_batch`, what `thaikpi extract
      --jobs 2` and `ingest --jobs 2` use: at most 2 forked worker processes, each reading
      many files one after another).
Ratios: (b) / (a) pages per second, and (c) / (b).
Memory: peak RSS of thaikpi on one file made of the samples' pages (pikepdf) at 30 and at 300
pages: flat means the 300-page file needs about what the 30-page one does.
OCR seconds per page on the scanned sample when tesseract is installed (BENCH_OCR=0 skips it).
Prints a table and writes out/bench/results.json. No timing is asserted anywhere.
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
SWEEP = ROOT / "tests" / "data" / "sweep"
GEN = ROOT / "bench" / "generated"
OUT = ROOT / "out" / "bench"
TEXT_SAMPLES = ["d01_mdb_2566", "d02_mdb_2567", "d03_legacy_pua"]
KINDS = ["libreoffice", "reportlab", "reportlab-pua", "weasyprint", "chromium", "fpdf2", "qt"]
JOBS = 2


def producer_kind(path: Path) -> str:
    """`a100012_2564.libreoffice-arundina+digits-latin.pdf` → `libreoffice`."""
    tag = path.name.split(".")[1] if path.name.count(".") >= 2 else ""
    kind = tag.split("+")[0]
    return "libreoffice" if kind.startswith("libreoffice") else kind


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def _groups() -> dict[str, list[Path]]:
    sweep = sorted(SWEEP.glob("*.pdf"))
    # a Ghostscript copy is a producer of its own (its fonts re-encoded, read from the installed
    # fonts' outlines): a row of its own, not in its original producer's nor in `damaged`
    redistilled = [p for p in sweep if p.name.endswith("+gs.pdf")]
    sweep = [p for p in sweep if p not in redistilled]
    groups: dict[str, list[Path]] = {k: [p for p in sweep if producer_kind(p) == k] for k in KINDS}
    groups["damaged"] = [p for p in sweep if "+" in p.name]
    groups["gs copies"] = redistilled
    groups["samples d01-d03"] = [SAMPLES / f"{s}.pdf" for s in TEXT_SAMPLES]
    return {k: v for k, v in groups.items() if v}


def _repeated(files: list[Path], min_pages: int) -> tuple[list[Path], int]:
    """`files` read over again until they make `min_pages` pages (whole passes only)."""
    counts = {f: page_count(f) for f in files}
    out: list[Path] = []
    pages = 0
    while pages < min_pages:
        out.extend(files)
        pages += sum(counts[f] for f in files)
    return out, pages


def _long_files() -> dict[int, Path]:
    """One PDF of 30 and one of 300 pages, the samples' pages over and over (pikepdf)."""
    import pikepdf

    GEN.mkdir(parents=True, exist_ok=True)
    sizes: dict[int, Path] = {}
    for pages in (30, 300):
        dst = GEN / f"long_{pages}.samples.pdf"
        if not dst.exists():
            sources = [pikepdf.open(SAMPLES / f"{s}.pdf") for s in TEXT_SAMPLES]
            try:
                with pikepdf.new() as out:
                    while len(out.pages) < pages:
                        for src in sources:
                            for p in src.pages:
                                if len(out.pages) >= pages:
                                    break
                                out.pages.append(p)
                    out.save(dst)
            finally:
                for src in sources:
                    src.close()
        sizes[pages] = dst
    return sizes


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _plumber_file(f: str) -> int:
    import pdfplumber

    pages = 0
    with pdfplumber.open(f) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
            pages += 1
    return pages


def _plumber(files: list[str]) -> dict[str, Any]:
    _plumber_file(files[0])  # warm-up, not timed
    pages = 0
    t0 = time.perf_counter()
    for f in files:
        pages += _plumber_file(f)
    return {"pages": pages, "seconds": time.perf_counter() - t0, "peak_mb": _peak_mb()}


def _extract_pages(path: Path, ocr: str = "never") -> int:
    from pipeline.extract import ReadSettings, extract_file

    record = extract_file(Path(path), ReadSettings(ocr=ocr, jobs=1, max_pages=1000))
    return int(record.source.pages)


def _thaikpi(files: list[str], ocr: str = "never") -> dict[str, Any]:
    from pipeline.errors import ThaiKPIError

    _extract_pages(Path(files[0]), ocr)  # warm-up (lazy imports, dictionaries), not timed
    pages = failed = 0
    t0 = time.perf_counter()
    for f in files:
        try:
            pages += _extract_pages(Path(f), ocr)
        except ThaiKPIError:
            failed += 1
    return {"pages": pages, "failed": failed, "seconds": time.perf_counter() - t0, "peak_mb": _peak_mb()}


def _ocr(files: list[str]) -> dict[str, Any]:
    from pipeline.extract import ReadSettings, extract_file

    t0 = time.perf_counter()
    ocr_pages = 0
    for f in files:
        record = extract_file(Path(f), ReadSettings(ocr="auto", jobs=1))
        ocr_pages += len(record.source.ocr_pages)
    seconds = time.perf_counter() - t0
    return {"ocr_pages": ocr_pages, "seconds": seconds, "seconds_per_ocr_page": seconds / ocr_pages if ocr_pages else None}


def _batch(files: list[str], jobs: int = JOBS) -> dict[str, Any]:
    """The batch runner as `thaikpi extract --jobs N` drives it: N worker processes, each
    reading many files one after another."""
    from pipeline.batch import run_batch

    _extract_pages(Path(files[0]))  # the workers fork from a warm parent, as the CLI's do
    pages = failed = 0
    t0 = time.perf_counter()
    for outcome in run_batch(_extract_pages, [Path(f) for f in files], jobs=jobs):
        if outcome.ok:
            pages += int(outcome.value)
        else:
            failed += 1
    seconds = time.perf_counter() - t0
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    return {"jobs": jobs, "pages": pages, "failed": failed, "seconds": seconds, "peak_mb": max(_peak_mb(), workers)}


def _cluster(files: list[str]) -> dict[str, Any]:
    """`ingest --cluster` on a local Dask cluster of two single-threaded worker processes (the
    reading only: records as the client receives them), against the same files' `--jobs 2`."""
    from distributed import LocalCluster

    from parsers.settings import ReadSettings
    from pipeline.cluster import cluster_batch

    with LocalCluster(n_workers=JOBS, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        list(cluster_batch(cluster.scheduler_address, [Path(files[0])], ReadSettings(ocr="never")))  # warm workers
        pages = failed = 0
        t0 = time.perf_counter()
        for outcome in cluster_batch(cluster.scheduler_address, [Path(f) for f in files], ReadSettings(ocr="never")):
            if outcome.ok:
                pages += int(outcome.value["source"]["pages"])
            else:
                failed += 1
        seconds = time.perf_counter() - t0
    return {"workers": JOBS, "pages": pages, "failed": failed, "seconds": seconds}


def _child(target: str, files: list[str], conn: Any, kwargs: dict[str, Any]) -> None:
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    sys.path.insert(0, str(ROOT))
    fn = {"plumber": _plumber, "thaikpi": _thaikpi, "batch": _batch, "ocr": _ocr, "cluster": _cluster}[target]
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
    if result.get("pages") and result.get("seconds"):
        result["pages_per_s"] = result["pages"] / result["seconds"]
    return result


def _ocr_available() -> bool:
    try:
        from parsers.ocr.pages import ocr_available
    except ImportError:
        return False
    return bool(ocr_available())


def _ratio(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    x, y = a.get("pages_per_s"), b.get("pages_per_s")
    return x / y if x and y else None


def _fmt(x: float | None, spec: str = ".1f", suffix: str = "") -> str:
    return f"{x:{spec}}{suffix}" if x is not None else "-"


def main() -> int:
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    sys.path.insert(0, str(ROOT))
    min_pages = int(os.environ.get("BENCH_MIN_PAGES", "150"))
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "min_pages": min_pages,
        "groups": {},
    }
    header = (f"{'producer':<16} {'files':>5} {'pages':>5} {'plumber p/s':>11} {'thaikpi p/s':>11} {'ratio':>6} "
              f"{'jobs 2 p/s':>10} {'×1 core':>7} {'peak MB plumber/thaikpi/jobs2':>30}")
    rows: list[str] = []
    for name, files in _groups().items():
        run, pages = _repeated(files, min_pages)
        load = os.getloadavg()[0]
        a = measure("plumber", run)
        b = measure("thaikpi", run)
        c = measure("batch", run, jobs=JOBS)
        g = {"files": len(files), "files_read": len(run), "pages": pages, "pdfplumber": a, "thaikpi": b,
             f"thaikpi_jobs{JOBS}": c, "ratio_to_pdfplumber": _ratio(b, a), f"jobs{JOBS}_over_one_core": _ratio(c, b),
             "load_average_before": load}
        results["groups"][name] = g
        mem = f"{_fmt(a.get('peak_mb'), '.0f')} / {_fmt(b.get('peak_mb'), '.0f')} / {_fmt(c.get('peak_mb'), '.0f')}"
        rows.append(
            f"{name:<16} {len(files):>5} {pages:>5} {_fmt(a.get('pages_per_s')):>11} {_fmt(b.get('pages_per_s')):>11} "
            f"{_fmt(g['ratio_to_pdfplumber'], '.1f', '×'):>6} {_fmt(c.get('pages_per_s')):>10} "
            f"{_fmt(g[f'jobs{JOBS}_over_one_core'], '.2f', '×'):>7} {mem:>30}"
        )
        print(rows[-1] if len(rows) > 1 else f"{header}\n{rows[-1]}", flush=True)
    samples = "samples d01-d03"
    samples_run, _ = _repeated(_groups()[samples], min_pages) if samples in results["groups"] else ([], 0)
    if samples_run:
        local2 = results["groups"][samples][f"thaikpi_jobs{JOBS}"]
        dask2 = measure("cluster", samples_run)
        results["cluster"] = {"dask_local_2_workers": dask2, f"jobs{JOBS}": local2, "ratio": _ratio(dask2, local2)}
    longs = _long_files()
    m30 = measure("thaikpi", [longs[30]])
    m300 = measure("thaikpi", [longs[300]])
    p30 = measure("plumber", [longs[30]])
    p300 = measure("plumber", [longs[300]])
    results["memory"] = {
        "thaikpi_30_pages_peak_mb": m30.get("peak_mb"), "thaikpi_300_pages_peak_mb": m300.get("peak_mb"),
        "thaikpi_ratio": m300["peak_mb"] / m30["peak_mb"] if m30.get("peak_mb") and m300.get("peak_mb") else None,
        "pdfplumber_30_pages_peak_mb": p30.get("peak_mb"), "pdfplumber_300_pages_peak_mb": p300.get("peak_mb"),
        "thaikpi_300_pages_per_s": m300.get("pages_per_s"), "pdfplumber_300_pages_per_s": p300.get("pages_per_s"),
    }
    if os.environ.get("BENCH_OCR", "1") == "0":
        results["ocr"] = {"skipped": "BENCH_OCR=0"}
    elif _ocr_available():
        results["ocr"] = measure("ocr", [SAMPLES / "d04_scanned.pdf"])
    else:
        results["ocr"] = {"skipped": "tesseract not installed (scripts/system-deps.sh installs it)"}

    print()
    loads = [g["load_average_before"] for g in results["groups"].values()]
    print(f"(1-minute load average before each group: {', '.join(f'{x:.1f}' for x in loads)}; other work on the "
          f"machine lowers the jobs {JOBS} figures first)")
    print(header)
    for r in rows:
        print(r)
    mem = results["memory"]
    print(f"memory (peak RSS, one file of the samples' pages): thaikpi {_fmt(mem['thaikpi_30_pages_peak_mb'], '.0f')} MB "
          f"at 30 pages, {_fmt(mem['thaikpi_300_pages_peak_mb'], '.0f')} MB at 300 (×{_fmt(mem['thaikpi_ratio'], '.2f')}); "
          f"pdfplumber {_fmt(mem['pdfplumber_30_pages_peak_mb'], '.0f')} / {_fmt(mem['pdfplumber_300_pages_peak_mb'], '.0f')} MB")
    if "cluster" in results:
        cl = results["cluster"]
        print(f"cluster (local Dask, {JOBS} single-threaded workers, samples): "
              f"{_fmt(cl['dask_local_2_workers'].get('pages_per_s'))} p/s against --jobs {JOBS} "
              f"{_fmt(cl[f'jobs{JOBS}'].get('pages_per_s'))} p/s (×{_fmt(cl['ratio'], '.2f')})")
    ocr = results["ocr"]
    if "skipped" in ocr:
        print(f"ocr: skipped — {ocr['skipped']}")
    else:
        spp = ocr.get("seconds_per_ocr_page")
        print(f"ocr: {ocr.get('ocr_pages', 0)} pages OCR'd, {spp:.2f} s per page" if spp else f"ocr: {ocr}")
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / "results.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
