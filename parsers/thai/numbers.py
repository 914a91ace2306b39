"""Reading numbers written in Thai documents.

Agreements mix Thai digits (๐–๙) and Arabic digits freely — sometimes inside one
number, because PDF fonts substitute glyphs (``๒๕๖6``). Cells also carry words
around the value (``ร้อยละ 97.5``, ``๘๕ คะแนน``, ``399.03 (คะแนนปี 2565)``).
These helpers find the numbers in such text without guessing: a cell that holds
no number, or two different numbers, is an error rather than a silent pick.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from parsers.errors import ValueParseError

__all__ = [
    "THAI_DIGITS",
    "find_numbers",
    "first_number",
    "parse_number",
    "parse_percent",
    "thai_to_arabic_digits",
    "to_thai_digits",
]

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

# Minus signs seen in PDF text layers: ASCII hyphen, U+2212 MINUS SIGN, U+2013 EN DASH.
_MINUS = "-\u2212\u2013"
_PLUS = "+"
_SIGN_CLASS = "[" + re.escape(_PLUS + _MINUS) + "]"

# One number, on text whose digits are already Arabic. The translation from Thai
# digits is one character for one character, so spans found here are spans in the
# original text too.
#  * a sign counts only when it touches the digits and does not follow a digit:
#    "2565-2566" and "90 - 100" are ranges of two positive numbers;
#  * thousands separators must group by exactly three ("1,234"), otherwise the
#    comma separates numbers ("1,23" is 1 and 23);
#  * a leading-dot fraction (".5") is accepted, but not right after a digit or a
#    dot, so "1.2.3" reads as 1.2 and 3 (two numbers), never as a hidden 0.3.
_NUMBER_RE = re.compile(
    rf"""
    (?<![0-9])
    (?P<sign>{_SIGN_CLASS})?
    (?P<body>
        (?<![0-9.])[0-9]{{1,3}}(?:,[0-9]{{3}})+(?![0-9])(?:\.[0-9]+)?
      | (?<![0-9])[0-9]+(?:\.[0-9]+)?
      | (?<![0-9.])\.[0-9]+
    )
    """,
    re.VERBOSE,
)


def thai_to_arabic_digits(s: str) -> str:
    """Replace Thai digits ๐–๙ by 0–9, leaving every other character alone.

    The result has the same length as the input, so positions stay valid.
    """
    return s.translate(_TO_ARABIC)


def to_thai_digits(s: str) -> str:
    """Replace Arabic digits 0–9 by Thai digits ๐–๙ (for reports written the Thai way)."""
    return s.translate(_TO_THAI)


def _quote(text: str, limit: int = 80) -> str:
    """Quote text for an error reason, cut short so one bad cell stays one readable line."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return f"'{flat}'"


def _to_decimal(sign: str | None, body: str) -> Decimal:
    """Build the Decimal for one regex match; separators are dropped, the sign applied."""
    try:
        value = Decimal(body.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex only admits valid bodies
        raise ValueParseError(f"cannot read number '{body}'") from exc
    if sign and sign in _MINUS:
        value = -value
    return value


def find_numbers(text: str) -> list[tuple[Decimal, int, int]]:
    """Every number in ``text`` as ``(value, start, end)``, in reading order.

    Used where a cell legitimately holds several numbers and position decides
    which one matters, e.g. ``399.03 (คะแนนปี 2565)`` whose first number is the value.
    Spans index into the original text (Thai or mixed digits included).
    """
    arabic = thai_to_arabic_digits(text)
    return [
        (_to_decimal(m.group("sign"), m.group("body")), m.start(), m.end())
        for m in _NUMBER_RE.finditer(arabic)
    ]


def first_number(text: str) -> Decimal | None:
    """The first number in ``text``, or None when there is none (for optional cells)."""
    found = find_numbers(text)
    return found[0][0] if found else None


def parse_number(text: str) -> Decimal:
    """The one number in ``text``; words around it (``ร้อยละ``, ``คะแนน``, ``%``) are ignored.

    Strict on purpose: a cell with no number, or with two different numbers
    (``1 234``, ``5-10``), raises ValueParseError instead of returning a guess,
    because a wrong KPI value is worse than a reported one. The same value
    written twice (``๙๗.๕ (97.5)``) is not ambiguous and is accepted.
    """
    found = find_numbers(text)
    if not found:
        raise ValueParseError(f"no number in {_quote(text)}")
    values = {value for value, _, _ in found}
    if len(values) > 1:
        listed = ", ".join(str(value) for value, _, _ in found)
        raise ValueParseError(f"more than one number in {_quote(text)} ({listed})")
    return found[0][0]


def parse_percent(text: str) -> Decimal:
    """A percentage written ``ร้อยละ 97.5``, ``97.5%``, ``๙๗.๕ %`` or plain ``97.5`` → Decimal('97.5').

    The value is returned in percent units (not divided by 100) because the
    agreements state targets and results that way. A bare number is accepted
    since table columns headed "ร้อยละ" hold just the figure.
    """
    found = find_numbers(text)
    if not found:
        raise ValueParseError(f"no percentage in {_quote(text)}")
    values = {value for value, _, _ in found}
    if len(values) > 1:
        listed = ", ".join(str(value) for value, _, _ in found)
        raise ValueParseError(f"more than one number in percentage {_quote(text)} ({listed})")
    return found[0][0]
