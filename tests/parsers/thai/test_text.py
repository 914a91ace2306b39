"""String-level Thai repair rules: mark order, sara am, PUA, idempotence."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from parsers.thai.chars import ABOVE_VOWELS, BELOW_VOWELS, TONE_MARKS, mark_rank
from parsers.thai.text import compose_sara_am, fold_spaces, order_marks, repair_thai


def test_tone_before_vowel_is_reordered() -> None:
    # ที่ drawn as ท + ่ + ี
    assert order_marks("ท\u0e48\u0e35") == "ที่"


def test_thanthakhat_after_vowel() -> None:
    assert order_marks("ส\u0e34ท\u0e18\u0e4c\u0e34") == "สิทธิ์"


def test_sara_am_from_nikhahit_and_aa() -> None:
    assert compose_sara_am("ค\u0e4d\u0e32") == "คำ"


def test_sara_am_with_tone_between() -> None:
    # LibreOffice draws น้ำ as น ํ ้ า
    assert repair_thai("น\u0e4d\u0e49\u0e32") == "น้ำ"


def test_sara_am_other_order() -> None:
    assert compose_sara_am("ค\u0e32\u0e4d") == "คำ"


def test_doubled_aa_after_sara_am_is_dropped() -> None:
    assert compose_sara_am("ค\u0e33\u0e32") == "คำ"
    assert repair_thai("จ\u0e4d\u0e32\u0e32แนก") == "จำแนก"


def test_aa_before_sara_am_is_its_own_aa() -> None:
    # a ring mapped to ำ, drawn over the consonant, read after the า that follows it
    assert repair_thai("น\u0e49\u0e32\u0e33หนัก") == "น้ำหนัก"


def test_tone_after_sara_am_moves_before_it() -> None:
    assert repair_thai("น\u0e33\u0e49") == "น้ำ"


def test_pua_marks_map_to_standard() -> None:
    # U+F70A is the lowered mai ek, U+F70B the lowered mai tho of legacy Thai fonts
    assert repair_thai("เจ\uf70bา") == "เจ้า"
    assert repair_thai("ก\uf70a") == "ก่"


def test_duplicate_mark_in_a_cluster_is_dropped() -> None:
    assert order_marks("ก\u0e48\u0e48") == "ก่"


def test_fold_spaces() -> None:
    assert fold_spaces("  ก  ข\nค ") == "ก ข ค"


def test_clean_text_is_unchanged() -> None:
    text = "คำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ น้ำหนัก ร้อยละ ๑๕"
    assert repair_thai(text) == text


VOWEL = st.sampled_from(sorted(ABOVE_VOWELS | BELOW_VOWELS))
TONE = st.sampled_from(sorted(TONE_MARKS))


@given(base=st.sampled_from("กขคงจฉชซญฎดตถทธนบปผพฟภมยรลวศษสหอฮ"), vowel=VOWEL, tone=TONE)
def test_any_permutation_of_marks_comes_back_in_canonical_order(base: str, vowel: str, tone: str) -> None:
    canonical = base + vowel + tone
    for perm in itertools.permutations([vowel, tone]):
        assert order_marks(base + "".join(perm)) == canonical


@given(st.text(alphabet="กขคนมยรลวสห่้๊๋ิีึืุูัําำ็์ ", max_size=30))
def test_repair_is_idempotent(text: str) -> None:
    once = repair_thai(text)
    assert repair_thai(once) == once


@given(
    st.lists(
        st.sampled_from(sorted(ABOVE_VOWELS | BELOW_VOWELS | TONE_MARKS | {"\u0e4c"})),
        min_size=1,
        max_size=3,
        unique=True,
    )
)
def test_marks_sorted_by_rank(marks: list[str]) -> None:
    out = order_marks("ก" + "".join(marks))[1:]
    assert [mark_rank(m) for m in out] == sorted(mark_rank(m) for m in out)
