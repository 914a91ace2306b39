"""The read step: one PDF into repaired pages, with OCR where the text layer is unusable.

This is the I/O edge of extraction (the file, pdfium, tesseract in worker processes); what
follows it (`parsers.sections.agreement`, `pipeline.assemble`) is pure over the pages it returns.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from parsers.errors import OCRUnavailableError
from parsers.pdf.document import GlyphRecovery, PageContent, assemble_page, open_pdf, read_all_pages
from parsers.settings import OCRMode, ReadSettings

if TYPE_CHECKING:
    import pypdfium2 as pdfium

    from parsers.ocr.pages import OCRPage


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


#: OCR of some pages of a file: (path, page numbers, jobs) → (number, OCR result) pairs. The
#: default runs them in local processes; a cluster runs them as tasks of their own.
OCRRunner = Callable[[Path, list[int], int], "list[tuple[int, OCRPage]]"]


def read_pages(path: Path, settings: ReadSettings, ocr_runner: OCRRunner | None = None) -> list[PageContent]:
    """Every page's lines and tables; pages without a usable text layer are read by OCR
    (per `settings.ocr`). Glyph lists are dropped once used, to keep memory flat."""
    pdf = open_pdf(path, settings.max_pages)
    pages: list[PageContent] = []
    try:
        # (lines and tables hold everything the parsers need: glyphs only for OCR of every page)
        pages = read_all_pages(pdf, recovery=GlyphRecovery(path), keep_chars=settings.ocr == OCRMode.ALWAYS)
    finally:
        pdf.close()
    return apply_ocr(path, pages, settings.ocr, settings.jobs, ocr_runner)


def apply_ocr(
    path: Path,
    pages: list[PageContent],
    mode: OCRMode | str = OCRMode.AUTO,
    jobs: int = 1,
    ocr_runner: OCRRunner | None = None,
) -> list[PageContent]:
    """`pages` with those that need it (per `mode`: auto | always | never) replaced by their OCR.

    auto: pages whose text layer is unusable (no text, or too many unmapped glyphs) and that
    show something (an image or some glyphs). Raises OCRUnavailableError naming the pages when
    they need OCR and tesseract is not there.
    """
    mode = OCRMode(mode)
    if mode == OCRMode.ALWAYS:
        wanted = [p.number for p in pages]
    elif mode == OCRMode.AUTO:
        wanted = [p.number for p in pages if p.needs_ocr and p.shows_something]
    else:
        wanted = []
    if not wanted:
        return pages
    from parsers.ocr.pages import has_ink, ocr_available

    if mode == OCRMode.AUTO:
        wanted = _inked(path, wanted, has_ink)
        if not wanted:
            return pages

    if not ocr_available():
        if mode == OCRMode.ALWAYS:
            raise OCRUnavailableError("ocr.forced_unavailable", str(path))
        listed = ", ".join(str(n) for n in wanted)
        key = "ocr.unavailable_one" if len(wanted) == 1 else "ocr.unavailable_many"
        raise OCRUnavailableError(key, str(path), pages=listed)
    by_number = {p.number: k for k, p in enumerate(pages)}
    out = list(pages)
    for number, result in (ocr_runner or _ocr_pages)(path, wanted, jobs):
        content = assemble_page(number, result.width, result.height, result.chars, result.edges)
        content.chars = []
        content.edges = []
        content.ocr = True
        content.ocr_confidence = result.confidence
        out[by_number[number]] = content
    return out


def _inked(path: Path, numbers: list[int], has_ink: Callable[[pdfium.PdfDocument, int], bool]) -> list[int]:
    """The pages among `numbers` that show something; blank ones need no OCR."""
    pdf = open_pdf(path)
    try:
        return [n for n in numbers if has_ink(pdf, n - 1)]
    finally:
        pdf.close()


def _ocr_one(args: tuple[str, int]) -> tuple[int, object]:
    from parsers.ocr.pages import PDFIUM_LOCK, ocr_page

    path, number = args
    with PDFIUM_LOCK:
        pdf = open_pdf(Path(path))
    try:
        return number, ocr_page(pdf, number - 1, number)
    finally:
        with PDFIUM_LOCK:
            pdf.close()


def _ocr_pages(path: Path, numbers: list[int], jobs: int) -> list[tuple[int, OCRPage]]:
    """OCR the given pages, in parallel over up to `jobs` processes.

    Inside a batch worker (a daemonic process, which may not fork children) the pages run on
    threads instead: tesseract is a subprocess, so they still overlap, and pdfium calls are
    serialised by a lock because pdfium is not thread-safe.
    """
    work = [(str(path), n) for n in numbers]
    if jobs <= 1 or len(work) == 1:
        return [cast("tuple[int, OCRPage]", _ocr_one(w)) for w in work]
    import multiprocessing as mp

    if mp.current_process().daemon:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(min(jobs, len(work))) as threads:
            return [cast("tuple[int, OCRPage]", r) for r in threads.map(_ocr_one, work)]
    from parsers.ocr.pages import warm_up

    warm_up()  # the workers fork with the templates and the dictionary built
    with mp.get_context("fork").Pool(min(jobs, len(work))) as pool:
        return [cast("tuple[int, OCRPage]", r) for r in pool.map(_ocr_one, work)]
