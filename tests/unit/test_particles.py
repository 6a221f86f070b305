"""Korean particles are chosen by the word before them, and every template that puts one after a value asks for it."""

from __future__ import annotations

import re

import pytest

from convcore.i18n.particles import fill, final_consonant, particle
from ui.text import STRINGS, t

# A particle written after a placeholder ("{value}은(는)", "{last}로", "{name}가", with or without quotes) is wrong for
# some values; the template must ask for it in the placeholder's spec ("{value:은}").
PARTICLE_AFTER_VALUE = re.compile(r'\}"?(은\(는\)|는\(은\)|이\(가\)|을\(를\)|와\(과\)|과\(와\)|\(으\)로|으로|은|는|이|가|을|를|와|과|로)'
                                  r"(?![가-힣])")


@pytest.mark.parametrize("word,final", [("값", "받침"), ("학습률", "ㄹ"), ("커널", "ㄹ"), ("크기", None), ("3", "ㅁ"),
                                        ("7", "ㄹ"), ("9", None), ("10", "ㅇ"), ("adam", "ㅁ"), ("sgd", None),
                                        ("L", "ㄹ"), ("X", None), ('"abc"', None), ("(6, 8)", "ㄹ"), ("", None)])
def test_the_final_consonant_is_the_one_heard(word: str, final) -> None:
    assert final_consonant(word) == final


@pytest.mark.parametrize("word,forms", [("값", "은이을과으로"), ("학습률", "은이을과로"), ("크기", "는가를와로"),
                                        ("0.0433", "은이을과으로"), ("0.05", "는가를와로"), ("1", "은이을과로")])
def test_each_particle_follows_the_word(word: str, forms: str) -> None:
    chosen = "".join(particle(word, which) for which in ("는", "가", "를", "와", "로"))
    assert chosen == forms


def test_a_template_asks_for_its_particle_in_the_spec() -> None:
    assert fill("방법 {value:은} 없습니다", {"value": "sgd"}) == "방법 sgd는 없습니다"
    assert fill("방법 {value:는} 없습니다", {"value": "adam"}) == "방법 adam은 없습니다"
    assert fill('값 {value:"은} 숫자가 아닙니다', {"value": "abc"}) == '값 "abc"는 숫자가 아닙니다'
    assert fill("{first}에서 {last:로} 줄었습니다", {"first": 19.2, "last": 0.0433}) == "19.2에서 0.0433으로 줄었습니다"
    assert fill("{x:.2f}", {"x": 1.234}) == "1.23"  # other specs as str.format


def test_every_korean_template_asks_for_the_particle_after_a_value() -> None:
    bad = {key: texts["ko"] for key, texts in STRINGS.items() if PARTICLE_AFTER_VALUE.search(texts["ko"])}
    assert not bad, bad


def test_no_message_shows_both_forms_of_a_particle() -> None:
    shown = [t("err_train_optimizer", "ko", value="sgd", choices="plain"),
             t("err_kernel_text", "ko", row=1, col=2, value="abc"),
             t("lesson_s6_done", "ko", steps=10, first="19.2", last="0.0433")]
    assert not [s for s in shown if re.search(r"\((는|은|가|이|를|을|와|과|으)\)", s)], shown
    assert "sgd는" in shown[0] and '"abc"는' in shown[1] and "0.0433으로" in shown[2]


def test_large_numbers_read_in_man_and_eok() -> None:
    assert fill("최대 {limit:만} 화소", {"limit": 25_000_000}) == "최대 2,500만 화소"
    assert fill("{n:만}", {"n": 383_000}) == "38만 3,000"
    assert "2,500만 화소" in t("err_image_too_large_unknown", "ko", limit=25_000_000)
    assert "25,000,000 pixels" in t("err_image_too_large_unknown", "en", limit=25_000_000)


EDGE = re.compile(r"\bedges?\b(?! of)", re.IGNORECASE)  # an edge a kernel finds, not "the edge of X" (its border)


def test_one_idea_has_one_korean_term() -> None:
    """An edge a kernel finds is 경계 everywhere (가장자리 is the border that padding fills)."""
    edges = {key: texts["ko"] for key, texts in STRINGS.items() if EDGE.search(texts["en"])}
    assert len(edges) > 10
    bad = {key: ko for key, ko in edges.items() if "경계" not in ko or "가장자리" in ko}
    assert not bad, bad
