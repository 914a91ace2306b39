"""Legacy Thai Private-Use-Area glyphs back to standard Thai code points.

Thai fonts made before OpenType shaping was common (Microsoft/WTT "Thai PUA",
also followed by Adobe's and TLWG's fonts) carry positional variants of the
above/below marks and of the two consonants with a removable tail at
U+F700..U+F71A.  A shaper (Uniscribe, HarfBuzz's fallback) substitutes them
for the plain character when a mark has to be lowered under no upper vowel,
shifted left over a tall consonant (ป ฝ ฟ), or when a below vowel meets the
tail of ฐ/ญ.  PDF producers then often write the *glyph's* code point into
the ToUnicode map, so extracted text contains e.g. U+F70B instead of ้ and no
Thai tokenizer, search or comparison works on it.

Every variant stands for exactly one standard character, so the mapping is a
plain table.  It follows HarfBuzz's ``thai_pua_shape`` tables (the Windows
column of its SD/SDL/SL/RD mappings) and is checked against the glyph names
and outlines of TLWG's fonts in ``tests/parsers/test_pua.py``.
"""

from __future__ import annotations

from typing import Final, Literal

#: How a PUA glyph differs from its standard character, named after
#: HarfBuzz's shaping actions.  Kept next to the table because the font check
#: in the tests verifies the geometry, not only the names.
Variant = Literal["shift_down", "shift_down_left", "shift_left", "remove_descender"]

PUA_FIRST: Final = 0xF700
PUA_LAST: Final = 0xF71A

# (PUA code point, standard code point, variant kind), in code point order.
_TABLE: Final[tuple[tuple[int, int, Variant], ...]] = (
    (0xF700, 0x0E10, "remove_descender"),  # THO THAN without its tail
    (0xF701, 0x0E34, "shift_left"),  # SARA I
    (0xF702, 0x0E35, "shift_left"),  # SARA II
    (0xF703, 0x0E36, "shift_left"),  # SARA UE
    (0xF704, 0x0E37, "shift_left"),  # SARA UEE
    (0xF705, 0x0E48, "shift_down_left"),  # MAI EK
    (0xF706, 0x0E49, "shift_down_left"),  # MAI THO
    (0xF707, 0x0E4A, "shift_down_left"),  # MAI TRI
    (0xF708, 0x0E4B, "shift_down_left"),  # MAI CHATTAWA
    (0xF709, 0x0E4C, "shift_down_left"),  # THANTHAKHAT
    (0xF70A, 0x0E48, "shift_down"),  # MAI EK
    (0xF70B, 0x0E49, "shift_down"),  # MAI THO
    (0xF70C, 0x0E4A, "shift_down"),  # MAI TRI
    (0xF70D, 0x0E4B, "shift_down"),  # MAI CHATTAWA
    (0xF70E, 0x0E4C, "shift_down"),  # THANTHAKHAT
    (0xF70F, 0x0E0D, "remove_descender"),  # YO YING without its tail
    (0xF710, 0x0E31, "shift_left"),  # MAI HAN-AKAT
    (0xF711, 0x0E4D, "shift_left"),  # NIKHAHIT
    (0xF712, 0x0E47, "shift_left"),  # MAITAIKHU
    (0xF713, 0x0E48, "shift_left"),  # MAI EK
    (0xF714, 0x0E49, "shift_left"),  # MAI THO
    (0xF715, 0x0E4A, "shift_left"),  # MAI TRI
    (0xF716, 0x0E4B, "shift_left"),  # MAI CHATTAWA
    (0xF717, 0x0E4C, "shift_left"),  # THANTHAKHAT
    (0xF718, 0x0E38, "shift_down"),  # SARA U
    (0xF719, 0x0E39, "shift_down"),  # SARA UU
    (0xF71A, 0x0E3A, "shift_down"),  # PHINTHU
)

#: PUA character -> the standard Thai character it is a positional variant of.
PUA_TO_THAI: Final[dict[str, str]] = {chr(pua): chr(std) for pua, std, _ in _TABLE}

#: PUA character -> how its glyph is displaced from the standard one.
PUA_VARIANT: Final[dict[str, Variant]] = {chr(pua): kind for pua, _, kind in _TABLE}

_TRANSLATION: Final = str.maketrans(PUA_TO_THAI)


def is_pua(ch: str) -> bool:
    """True if ``ch`` is one of the Thai PUA variants this module maps.

    Only the Thai block U+F700..U+F71A counts: other PUA code points belong to
    other conventions (symbol fonts, vendor icons) and must not be rewritten.
    """
    return len(ch) == 1 and PUA_FIRST <= ord(ch) <= PUA_LAST


def map_pua(text: str) -> str:
    """Replace every Thai PUA variant in ``text`` by its standard character.

    One code point maps to one code point, so string length and character
    offsets (and with them char boxes from pdfplumber) stay aligned.
    """
    return text.translate(_TRANSLATION)
