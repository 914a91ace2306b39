"""Issue 16: the PDF reports as printed: lines end between words (pythainlp's segmentation), no
upper vowel or tone mark is separated from its letter, names and dates stay on one line, and a KPI
name wraps to at most three lines in the agreement sheet's and the scorecard's KPI tables on A4.

Checked on the PDF itself: its text through pdftotext (poppler-utils, installed by
scripts/system-deps.sh) and its table cells through pdfplumber.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from pipeline.models import Agreement
from pipeline.reports import agreement_report, comparison_report, scorecard_report
from pipeline.reports.breaks import boundaries, thai_breaks
from pipeline.reports.compare import compare_agreements
from pipeline.results_sheet import load_results
from pipeline.rules import RULES_DIR, load_rules
from tests.pipeline.reports.test_reports import thai_font_or_skip

SAMPLES = Path(__file__).resolve().parents[3] / "samples"

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)

THAI_LETTERS = "\u0e01-\u0e4e"
#: what never begins a Thai syllable: upper and lower vowels, tone marks, ะ า ำ ๅ
DEPENDENT = "\u0e30-\u0e3a\u0e45\u0e47-\u0e4e"
#: inline markup of the HTML report (word spans, break opportunities, emphasis): not a cell edge
_INLINE = re.compile(r"</?(?:span|wbr|strong|em|b|i|del|ins|a|small)\b[^>]*>")


def pdftotext(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def unbroken(html: str) -> str:
    """The report's text as written, before any line breaking: inline markup dropped, every
    block or table cell on a line of its own."""
    html = re.sub(r"<(style|title|svg)\b.*?</\1>", "\n", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", "\n", _INLINE.sub("", html)))


def word_break_problems(pdf: Path, html: str) -> list[str]:
    """Where the PDF's lines end inside a word, or a mark stands apart from its letter."""
    problems = []
    for options in ((), ("-layout",)):
        text = pdftotext(pdf, *options)
        for m in re.finditer(rf"(?:^|\s)[{DEPENDENT}]", text, re.M):
            around = text[max(0, m.start() - 12) : m.end() + 12]
            problems.append(f"a mark apart from its letter ({' '.join(options) or 'reading order'}): {around!r}")
    source = unbroken(html)
    lines = [line for line in pdftotext(pdf).split("\n") if line.strip()]  # pdftotext may part lines of a cell
    for line, following in zip(lines, lines[1:], strict=False):
        head = re.search(f"[{THAI_LETTERS}]+$", line)
        tail = re.search(f"^[{THAI_LETTERS}]+", following)
        if head is None or tail is None:
            continue
        # the text as written has these two pieces side by side (no space, not two cells)?
        joined = head.group() + tail.group()
        places = [m.start() for m in re.finditer(re.escape(joined), source)]
        if not places:
            continue
        at_a_word_end = False
        for place in places:
            start, end = place, place + len(joined)
            while start > 0 and re.match(f"[{THAI_LETTERS}]", source[start - 1]):
                start -= 1
            while end < len(source) and re.match(f"[{THAI_LETTERS}]", source[end]):
                end += 1
            at_a_word_end |= place + len(head.group()) - start in boundaries(source[start:end])
        if not at_a_word_end:
            problems.append(f"a line ends inside a word: {head.group()}|{tail.group()}")
    return problems


@pytest.fixture(scope="module")
def rendered(d01: Agreement, d02: Agreement, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """The sample reports as PDF (and the HTML they are made from), rendered once."""
    thai_font_or_skip()
    folder = tmp_path_factory.mktemp("pdf-layout")
    rules = load_rules(RULES_DIR / "default.yaml")
    sheets = {a.source.file: load_results(SAMPLES / f"{Path(a.source.file).stem}.results.csv", a) for a in (d01, d02)}
    makers = {
        "d01-agreement": lambda fmt: agreement_report(d01, fmt),
        "d02-agreement": lambda fmt: agreement_report(d02, fmt),
        "d01-scorecard": lambda fmt: scorecard_report(d01, sheets[d01.source.file], rules, fmt),
        "d02-scorecard": lambda fmt: scorecard_report(d02, sheets[d02.source.file], rules, fmt),
        "d01-d02-compare": lambda fmt: comparison_report(
            compare_agreements(d01, d02, sheets[d01.source.file].results), fmt
        ),
    }
    out = {}
    for name, make in makers.items():
        pdf = folder / f"{name}.pdf"
        pdf.write_bytes(make("pdf"))
        out[name] = (pdf, make("html").decode("utf-8"))
    return out


REPORTS = ["d01-agreement", "d02-agreement", "d01-scorecard", "d02-scorecard", "d01-d02-compare"]


@needs_pdftotext
@pytest.mark.parametrize("name", REPORTS)
def test_pdf_lines_end_between_words(rendered: dict[str, tuple[Path, str]], name: str) -> None:
    pdf, html = rendered[name]
    assert word_break_problems(pdf, html) == []
    text = pdftotext(pdf)
    assert "\u200b" not in text and "\u2060" not in text  # break opportunities leave no characters


@needs_pdftotext
def test_the_check_sees_a_line_ending_inside_a_word(tmp_path: Path) -> None:
    """The check itself: text set by Pango's own breaks in a narrow column (ปี|งบประมาณ,
    การขับ|เคลื่อน) fails it."""
    thai_font_or_skip()
    from pipeline.reports.pdf import html_to_pdf

    html = '<p style="width: 3em">ประจำปีงบประมาณ การขับเคลื่อนงาน</p>'
    pdf = tmp_path / "bad.pdf"
    pdf.write_bytes(html_to_pdf(lambda css: f"<html><head><style>{css}</style></head><body>{html}</body></html>"))
    assert any("inside a word" in p for p in word_break_problems(pdf, html))


@needs_pdftotext
def test_names_and_dates_stay_on_one_line(rendered: dict[str, tuple[Path, str]], d01: Agreement) -> None:
    lines = pdftotext(rendered["d01-agreement"][0]).split("\n")
    whole = [p.name for p in d01.parties] + ["๒๖ ธันวาคม ๒๕๖๕", "๑๖ ธันวาคม ๒๕๖๕", "๑ ตุลาคม ๒๕๖๕", "๓๐ กันยายน ๒๕๖๖"]
    assert [w for w in whole if not any(w in line for line in lines)] == []


def test_break_opportunities_never_separate_a_mark_from_its_letter(d01: Agreement, d02: Agreement) -> None:
    texts = [k.name for a in (d01, d02) for k in a.kpis]
    texts += [c.text for a in (d01, d02) for k in a.kpis for c in k.criteria]
    texts += [step for a in (d01, d02) for k in a.kpis for r in k.rounds for step in r.steps]
    texts += ["ไม่ครบรอบ 6", "ใน 5 รายการ", "ตามที่ 5 ข้อ", "ส่งให้ ก.พ.ร. ภายใน 30 วัน"]
    for text in texts:
        html = str(thai_breaks(text))
        # every piece between two break opportunities starts with a letter, never with a mark
        for piece in re.split(r"<wbr>|\s", re.sub(r"</?span[^>]*>", "", html)):
            assert not re.match(f"[{DEPENDENT}]", piece), (text, html)
        assert unescape(re.sub(r"<[^>]+>", "", html)) == text


def test_long_names_of_offices_may_break_between_their_parts() -> None:
    """pythainlp's dictionary lists กระทรวงเกษตรและสหกรณ์ as one word (11 em, too wide for a
    column); reports break it between its parts, and never inside ตัวชี้วัด or a person's name."""
    html = str(thai_breaks("สำนักงานปลัดกระทรวงเกษตรและสหกรณ์ การขับเคลื่อนตัวชี้วัด นายสมชาย วงศ์ไพบูลย์"))
    assert '<span class="w">ปลัดกระทรวง</span><wbr><span class="w">เกษตร</span><wbr><span class="w">และ</span>' in html
    assert '<span class="w">ตัวชี้วัด</span>' in html
    assert '<span class="w">นายสมชาย วงศ์ไพบูลย์</span>' in html


# ------------------------------------------------------------------------------ KPI name cells


def _cell_lines(pdf: Path) -> list[tuple[str, int]]:
    """Every table cell of the PDF: its text (characters in drawing order) and how many lines."""
    import pdfplumber

    cells = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for table in page.find_tables():
                for x0, top, x1, bottom in table.cells:
                    inside = [
                        c
                        for c in page.chars
                        if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
                    ]
                    rows: list[float] = []
                    for y in sorted({c["top"] for c in inside}):
                        if not rows or y - rows[-1] > 3:
                            rows.append(y)
                    cells.append(("".join(c["text"] for c in inside), len(rows)))
    return cells


def _same_text(a: str, b: str) -> bool:
    # the letters of a cell in any order: how a PDF reader orders a zero-width mark is not at issue here
    return sorted("".join(a.split())) == sorted("".join(b.split()))


@pytest.mark.parametrize("name", ["d01-agreement", "d02-agreement", "d01-scorecard", "d02-scorecard"])
def test_kpi_names_wrap_to_at_most_three_lines(
    rendered: dict[str, tuple[Path, str]], d01: Agreement, d02: Agreement, name: str
) -> None:
    agreement = d01 if name.startswith("d01") else d02
    cells = _cell_lines(rendered[name][0])
    lines = {k.number: [n for text, n in cells if _same_text(text, k.name)] for k in agreement.kpis}
    assert all(lines.values()), f"KPI name cells not found: {lines}"
    assert {number: max(n) for number, n in lines.items() if max(n) > 3} == {}
    assert max(max(n) for n in lines.values()) >= 2  # the long names do wrap: the cells were read
