"""Break a PDF's text layer the way real exports break it: by rewriting the fonts' ToUnicode maps.

Every damage here leaves the page looking the same (the glyphs, their positions and the font
programs are untouched); only what the ToUnicode CMaps say the glyphs mean changes. Each kind is
one failure seen in real Thai government PDFs:

- ``ring-empty``, ``ring-zwsp``, ``ring-fffd``, ``ring-latin``, ``ring-space``: the ring of ำ
  (the glyph the font draws for U+0E4D, which Word and LibreOffice draw before า) maps to an
  empty string, a zero-width space, U+FFFD, a Latin-Extended letter, or a plain space (TH
  SarabunIT๙ exported from Word);
- ``ring-missing``: the ring has no ToUnicode entry at all (the reader falls back to the raw code,
  which for a CID font is a letter such as ĺ);
- ``digits-latin``: the Thai digits map to Latin-Extended letters (ř Ś ş Š ŝ …);
- ``fragments-fffd``: some of the glyphs that draw a combining mark map to U+FFFD (mark
  fragments of Word's cluster-wise maps).

`damage(src, dst, kind, seed)` writes the damaged copy; the seed picks the replacement letters
and, for ``fragments-fffd``, which glyphs are hit.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pikepdf

DAMAGE_KINDS: tuple[str, ...] = (
    "ring-empty",
    "ring-zwsp",
    "ring-fffd",
    "ring-latin",
    "ring-space",
    "ring-missing",
    "digits-latin",
    "fragments-fffd",
)

NIKHAHIT = "\u0e4d"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
#: the letters real damaged maps put where Thai belongs (Latin Extended-A)
LATIN_EXTENDED = "řŚşŠŝĺĽŕŘŮűŹźŻžĞğİıŁłŃńŇňŒœ"
#: combining marks whose glyphs `fragments-fffd` may hit
_MARKS = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c")

_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[|\]|(beginbfchar|endbfchar|beginbfrange|endbfrange)")


def parse_cmap(data: bytes) -> tuple[dict[bytes, str], int]:
    """code (raw bytes) → text of a ToUnicode CMap, and the byte width of its codes."""
    mapping: dict[bytes, str] = {}
    section = b""
    items: list[bytes | list[bytes]] = []
    array: list[bytes] | None = None
    width = 2
    for m in _TOKEN.finditer(data):
        word = m.group(2)
        if word is not None:
            section = word if word.startswith(b"begin") else b""
            items = []
            continue
        tok = m.group(0)
        if tok == b"[":
            array = []
            continue
        if tok == b"]":
            if array is not None:
                items.append(array)
            array = None
        else:
            value = bytes.fromhex(m.group(1).decode("ascii").replace(" ", "").replace("\n", ""))
            if array is not None:
                array.append(value)
                continue
            items.append(value)
        if section == b"beginbfchar" and len(items) == 2:
            code, text = items
            assert isinstance(code, bytes) and isinstance(text, bytes)
            mapping[code] = _utf16(text)
            width = len(code)
            items = []
        elif section == b"beginbfrange" and len(items) == 3:
            lo, hi, dst = items
            assert isinstance(lo, bytes) and isinstance(hi, bytes)
            width = len(lo)
            start, stop = int.from_bytes(lo, "big"), int.from_bytes(hi, "big")
            for k, code in enumerate(range(start, stop + 1)):
                key = code.to_bytes(width, "big")
                if isinstance(dst, list):
                    if k < len(dst):
                        mapping[key] = _utf16(dst[k])
                else:
                    base = bytearray(dst)
                    last = int.from_bytes(base[-2:], "big") + k if len(base) >= 2 else k
                    base[-2:] = last.to_bytes(2, "big")
                    mapping[key] = _utf16(bytes(base))
            items = []
    return mapping, width


def _utf16(raw: bytes) -> str:
    return raw.decode("utf-16-be", "replace") if raw else ""


def write_cmap(mapping: dict[bytes, str], width: int) -> bytes:
    """A ToUnicode CMap holding `mapping` as bfchar entries (an empty text as ``<>``)."""
    out = [
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n",
        b"<" + b"00" * width + b"> <" + b"FF" * width + b">\nendcodespacerange\n",
    ]
    entries = sorted(mapping.items())
    for k in range(0, len(entries), 100):
        chunk = entries[k : k + 100]
        out.append(b"%d beginbfchar\n" % len(chunk))
        for code, text in chunk:
            out.append(b"<" + code.hex().upper().encode() + b"> <" + text.encode("utf-16-be").hex().upper().encode() + b">\n")
        out.append(b"endbfchar\n")
    out.append(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
    return b"".join(out)


def _damage_map(mapping: dict[bytes, str], kind: str, rng: random.Random) -> dict[bytes, str]:
    out = dict(mapping)
    letters = list(LATIN_EXTENDED)
    rng.shuffle(letters)
    if kind.startswith("ring-"):
        for code, text in mapping.items():
            if text != NIKHAHIT:
                continue
            if kind == "ring-missing":
                del out[code]
            else:
                out[code] = {
                    "ring-empty": "",
                    "ring-zwsp": "\u200b",
                    "ring-fffd": "\ufffd",
                    "ring-latin": letters[0],
                    "ring-space": " ",
                }[kind]
    elif kind == "digits-latin":
        for code, text in mapping.items():
            if len(text) == 1 and text in THAI_DIGITS:
                out[code] = letters[THAI_DIGITS.index(text) % len(letters)]
    elif kind == "fragments-fffd":
        marks = sorted(code for code, text in mapping.items() if len(text) == 1 and text in _MARKS)
        if marks:
            for code in rng.sample(marks, max(1, len(marks) // 3)):
                out[code] = "\ufffd"
    else:
        raise ValueError(f"unknown damage kind {kind!r} (one of {', '.join(DAMAGE_KINDS)})")
    return out


def damage(src: Path, dst: Path, kind: str, seed: int) -> None:
    """Write `src` to `dst` with every font's ToUnicode map broken the way `kind` says."""
    if kind not in DAMAGE_KINDS:
        raise ValueError(f"unknown damage kind {kind!r} (one of {', '.join(DAMAGE_KINDS)})")
    rng = random.Random(f"{kind}:{seed}")
    with pikepdf.open(src) as pdf:
        done: set[tuple[int, int]] = set()
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font":
                continue
            stream = obj.get("/ToUnicode")
            if not isinstance(stream, pikepdf.Stream) or stream.objgen in done:
                continue
            done.add(stream.objgen)
            mapping, width = parse_cmap(stream.read_bytes())
            damaged = _damage_map(mapping, kind, rng)
            if damaged != mapping:
                stream.write(write_cmap(damaged, width))
        pdf.save(dst)
