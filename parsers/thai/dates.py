"""Reading and writing Thai dates and fiscal years.

Agreements date their signatures in the Thai way: Buddhist-Era years (BE = CE + 543),
full or abbreviated month names, Thai or Arabic digits (sometimes mixed by the PDF
font), and optional words (``วันที่ … เดือน … พ.ศ. …``). pythainlp's ``thai_strptime``
accepts none of the digits or literal words, so the grammar lives here. Nothing
is downloaded: this module only uses the standard library.

Impossible dates (``๓๒ ธันวาคม ๒๕๖๕``) raise ValueParseError instead of being
skipped, because a typo in a signed date should be reported, not lost.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from parsers.errors import ValueParseError
from parsers.messages import Message
from parsers.thai.chars import loose
from parsers.thai.numbers import thai_to_arabic_digits, to_thai_digits

__all__ = [
    "BE_OFFSET",
    "MAX_BE_YEAR",
    "MIN_BE_YEAR",
    "THAI_MONTHS_ABBR",
    "THAI_MONTHS_FULL",
    "be_to_ce",
    "ce_to_be",
    "day_months",
    "find_thai_date",
    "find_thai_dates",
    "fiscal_year_of",
    "fiscal_year_period",
    "format_thai_date",
    "in_fiscal_year",
    "normalise_thai",
    "parse_thai_date",
    "yearless_dates",
]

BE_OFFSET = 543
# Years outside this window are not plausible Buddhist-Era years for these
# documents; most often they are CE years written without "ค.ศ.".
MIN_BE_YEAR = 2400
MAX_BE_YEAR = 2800

THAI_MONTHS_FULL: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_ABBR: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
# Spoken short forms ("ธันวา") that also turn up in memos.
_THAI_MONTHS_SPOKEN: tuple[str, ...] = (
    "มกรา",
    "กุมภา",
    "มีนา",
    "เมษา",
    "พฤษภา",
    "มิถุนา",
    "กรกฎา",
    "สิงหา",
    "กันยา",
    "ตุลา",
    "พฤศจิกา",
    "ธันวา",
)


def _name_pattern(name: str) -> str:
    """Regex for a month name whatever is drawn above its letters: OCR drops upper vowels and
    tone marks or adds stray ones (``ธั้นวาคม``), and no two full month names differ only there
    (abbreviations do: ม.ค. and มี.ค., so they stay exact)."""
    return loose(name)


#: marks a scan adds to a letter or a dot of an abbreviation (``ตุค.``, ``พ.ุย.``, ``ก.ย์.``): no
#: abbreviation has a mark below the line or a ์, so they never make one month another (a vowel
#: above would: ม.ค./มี.ค.)
_STRAY_BELOW = "[\u0e38\u0e39\u0e3a\u0e4c]*"


def _abbr_pattern(abbr: str) -> str:
    """Regex for one abbreviation that tolerates missing dots and stray spaces (``ธ.ค.``, ``ธค``,
    ``ธ. ค.``), and a mark below the line that OCR made of noise (``ตุค.`` for ต.ค.)."""
    parts = [part for part in abbr.split(".") if part]
    sep = _STRAY_BELOW + r"\s*\.?" + _STRAY_BELOW + r"\s*"
    return sep.join(re.escape(part) for part in parts) + _STRAY_BELOW + r"(?:\s*\.)?"


def _month_alternatives() -> list[tuple[str, int]]:
    """(regex, month number) for every spelling, longest literal first so ``มีนาคม`` beats ``มีนา``."""
    alts: list[tuple[str, int, int]] = []
    for index, name in enumerate(THAI_MONTHS_FULL, start=1):
        alts.append((_name_pattern(name), index, len(name)))
    for index, name in enumerate(_THAI_MONTHS_SPOKEN, start=1):
        alts.append((_name_pattern(name), index, len(name)))
    for index, abbr in enumerate(THAI_MONTHS_ABBR, start=1):
        alts.append((_abbr_pattern(abbr), index, len(abbr.replace(".", ""))))
    alts.sort(key=lambda alt: -alt[2])
    return [(pattern, index) for pattern, index, _ in alts]


_MONTH_ALTS = _month_alternatives()
_MONTH_GROUPS = {f"m{i}": month for i, (_, month) in enumerate(_MONTH_ALTS)}
_MONTH_RE = "|".join(f"(?P<m{i}>{pattern})" for i, (pattern, _) in enumerate(_MONTH_ALTS))

# Era markers: พ.ศ. / พุทธศักราช (BE) and ค.ศ. / คริสต์ศักราช (CE), dots optional.
_ERA_RE = r"(?:(?P<be>พ\s*\.?\s*ศ\s*\.?|พุทธศักราช)|(?P<ce>ค\s*\.?\s*ศ\s*\.?|คริสต์ศักราช))"

# Applied to text whose digits are already Arabic (one-for-one, so spans hold).
_DATE_RE = re.compile(
    rf"""
    (?<![0-9])(?P<day>[0-9]{{1,2}})(?![0-9])
    \s*(?:(?:เดือน|[^\s0-9]{{2,5}}(?=\s))\s*)?  # เดือน, or a short word OCR made of it
    (?P<month>{_MONTH_RE})
    \s*(?:{_ERA_RE}\s*)?
    (?P<year>[0-9]{{4}}|[0-9]{{2}})(?![0-9])
    """,
    re.VERBOSE,
)
# For error reasons only: a day and a whole month name (not the start of a longer
# word such as the misspelt "ธันวาคา") with no usable year after them.
_DAY_MONTH_RE = re.compile(
    rf"(?<![0-9])[0-9]{{1,2}}(?![0-9])\s*(?:เดือน\s*)?(?:{_MONTH_RE})(?!(?!{_ERA_RE})[\u0e01-\u0e2e])"
)
# A word that is a known month, possibly glued to an era marker ("ธันวาคมพ.ศ.").
_KNOWN_MONTH_WORD_RE = re.compile(rf"(?:{_MONTH_RE})\s*(?:{_ERA_RE})?")
# For error reasons only: a day, some word where the month should be, then a year.
_UNKNOWN_MONTH_RE = re.compile(
    r"(?<![0-9])[0-9]{1,2}(?![0-9])\s*(?:เดือน\s*)?(?P<word>[^\s0-9]+)\s*(?:" + _ERA_RE + r"\s*)?[0-9]{2,4}"
)

_SARA_AM_SPLIT = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"), None)


def normalise_thai(text: str) -> str:
    """Undo PDF-extraction artefacts that break matching, keeping text otherwise as is.

    Composes sara am written as nikhahit + sara aa (``\\u0e4d\\u0e32`` → ``\\u0e33``,
    also with a tone mark between them), drops zero-width characters, and folds
    runs of whitespace (including no-break spaces) into one space.
    """
    text = _SARA_AM_SPLIT.sub(lambda m: m.group(1) + "\u0e33", text)
    text = text.translate(_INVISIBLE)
    return " ".join(text.split())


def be_to_ce(year: int) -> int:
    """Buddhist-Era year → Common-Era year (2565 → 2022)."""
    return year - BE_OFFSET


def ce_to_be(year: int) -> int:
    """Common-Era year → Buddhist-Era year (2022 → 2565)."""
    return year + BE_OFFSET


def _quote(text: str, limit: int = 80) -> str:
    """Quote text for an error reason, cut short so the reason stays one readable line."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return f"'{flat}'"


def _check_be_year(year: int, text: str) -> None:
    """Reject years that cannot be Buddhist-Era years of these documents (often CE years)."""
    if not MIN_BE_YEAR <= year <= MAX_BE_YEAR:
        raise ValueParseError("date.bad_year", year=year, text=_quote(text), low=MIN_BE_YEAR, high=MAX_BE_YEAR)


def _month_of(match: re.Match[str]) -> int:
    """The month number a date or day-month match names (whichever spelling group matched)."""
    return next(_MONTH_GROUPS[name] for name, value in match.groupdict().items() if name in _MONTH_GROUPS and value)


def _date_from_match(match: re.Match[str], text: str) -> date:
    """Turn one regex match into a date, checking year and day ranges."""
    month = _month_of(match)
    day = int(match.group("day"))
    digits = match.group("year")
    year = int(digits)
    if match.group("ce"):
        ce_year = year if len(digits) == 4 else 2000 + year
        be_year = ce_to_be(ce_year)
    else:
        be_year = 2500 + year if len(digits) == 2 else year
    _check_be_year(be_year, text)
    ce_year = be_to_ce(be_year)
    last_day = calendar.monthrange(ce_year, month)[1]
    if not 1 <= day <= last_day:
        raise ValueParseError(
            "date.bad_day", day=day, month=THAI_MONTHS_FULL[month - 1], year=be_year, last=last_day, text=_quote(text)
        )
    return date(ce_year, month, day)


def find_thai_dates(text: str) -> list[date]:
    """Every Thai date in ``text``, in reading order (e.g. both dates of a signature line).

    Returns [] when nothing date-shaped is present; raises ValueParseError when a
    date-shaped phrase is impossible (day 32, 30 February, year 1999 without ค.ศ.).
    """
    clean = thai_to_arabic_digits(normalise_thai(text))
    return [_date_from_match(match, text) for match in _DATE_RE.finditer(clean)]


def day_months(text: str) -> list[int]:
    """The month of every `day month` phrase in ``text`` (``๓๑ มีนาคม``), whether a readable
    year follows or not, in reading order.

    A scan's OCR may read a year's Thai digits as Latin letters (``๒๕๖๖`` → ``webb``): the date
    is lost, its month is not; a round's name still says how many months it covers."""
    return [month for _day, month in yearless_dates(text)]


#: the day that opens a `day month` phrase
_LEADING_DAY = re.compile(r"[0-9]{1,2}")


def yearless_dates(text: str) -> list[tuple[int, int]]:
    """(day, month) of every `day month` phrase in ``text``, a year after it or not: a signature's
    date whose year OCR lost (`วันที่ ๑๔ เดือน ตุลาคม พ.ศ.`) still says its day and month."""
    clean = thai_to_arabic_digits(normalise_thai(text))
    return [
        (int(day.group()), _month_of(m))
        for m in _DAY_MONTH_RE.finditer(clean)
        if (day := _LEADING_DAY.match(m.group())) is not None
    ]


#: how many days before its fiscal year an agreement may be signed
SIGNED_BEFORE_DAYS = 183


def in_fiscal_year(day: int, month: int, fy_be: int) -> date | None:
    """The date with this day and month that falls in fiscal year ``fy_be`` (October to
    September), else in the half-year before it (agreements are signed around the year's
    start); None when neither year has such a day."""
    start, end = fiscal_year_period(fy_be)
    options = []
    for year in (start.year, end.year):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    inside = [d for d in options if start <= d <= end]
    if inside:
        return inside[0]
    before = [d for d in options if d < start and (start - d).days <= SIGNED_BEFORE_DAYS]
    return before[-1] if before else None


def find_thai_date(text: str) -> date | None:
    """The first Thai date in ``text``, or None; for lines that may or may not carry a date."""
    found = find_thai_dates(text)
    return found[0] if found else None


def _explain_missing(text: str, clean: str) -> Message:
    """The most specific reason why ``clean`` holds no date, for a useful error line."""
    unknown = _UNKNOWN_MONTH_RE.search(clean)
    if unknown and not _KNOWN_MONTH_WORD_RE.fullmatch(unknown.group("word")):
        return Message("date.unknown_month", word=unknown.group("word"), text=_quote(text))
    if _DAY_MONTH_RE.search(clean):
        return Message("date.no_year", text=_quote(text))
    return Message("date.none", text=_quote(text))


def parse_thai_date(text: str) -> date:
    """The one date in ``text`` (``๒๖ ธันวาคม ๒๕๖๕``, ``วันที่ ๒๖ เดือน ธันวาคม พ.ศ. ๒๕๖๕``, ``๑๖ ธ.ค. ๖๕``).

    Words around the date are allowed; two different dates are not, because
    then the caller must decide which one it wants (see ``find_thai_dates``).
    Two-digit years are BE years in 25xx; ``ค.ศ.`` marks a CE year.
    """
    clean = thai_to_arabic_digits(normalise_thai(text))
    found = [_date_from_match(match, text) for match in _DATE_RE.finditer(clean)]
    if not found:
        raise ValueParseError(_explain_missing(text, clean))
    if len(set(found)) > 1:
        listed = ", ".join(d.isoformat() for d in found)
        raise ValueParseError("date.several", text=_quote(text), listed=listed)
    return found[0]


def fiscal_year_period(fy_be: int) -> tuple[date, date]:
    """First and last day of a Thai government fiscal year: FY 2566 → (2022-10-01, 2023-09-30).

    The Thai fiscal year starts on 1 October of the previous calendar year.
    """
    if isinstance(fy_be, bool) or not isinstance(fy_be, int):
        raise ValueParseError("fy.not_whole", value=fy_be)
    if not MIN_BE_YEAR <= fy_be <= MAX_BE_YEAR:
        raise ValueParseError("fy.not_be", year=fy_be, low=MIN_BE_YEAR, high=MAX_BE_YEAR)
    end_ce = be_to_ce(fy_be)
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def fiscal_year_of(d: date) -> int:
    """The BE fiscal year a date falls in: 2022-10-01 → 2566, 2022-09-30 → 2565."""
    return ce_to_be(d.year + 1 if d.month >= 10 else d.year)


def format_thai_date(d: date, digits: str = "thai", style: str = "full") -> str:
    """Write a date the Thai way for reports: ``๒๖ ธันวาคม ๒๕๖๕`` or (short, arabic) ``26 ธ.ค. 2565``.

    ``digits`` is "thai" or "arabic"; ``style`` is "full" or "short". The output
    always parses back with ``parse_thai_date``.
    """
    if digits not in ("thai", "arabic"):
        raise ValueError(f"digits must be 'thai' or 'arabic', not {digits!r}")
    if style not in ("full", "short"):
        raise ValueError(f"style must be 'full' or 'short', not {style!r}")
    months = THAI_MONTHS_FULL if style == "full" else THAI_MONTHS_ABBR
    text = f"{d.day} {months[d.month - 1]} {ce_to_be(d.year)}"
    return to_thai_digits(text) if digits == "thai" else text
