"""convcore.lesson.steps: the Lesson's steps, the notebook's values they reset to, and reading the typed matrices."""

from __future__ import annotations

import numpy as np
import pytest

from convcore.errors import ConvLabError
from convcore.i18n import LANGS
from convcore.lesson.steps import DEFAULTS, STEPS, clamp_span, defaults_for, parse_matrix, parse_step
from ui.text import STRINGS, t


def test_parse_step_accepts_only_lesson_steps() -> None:
    assert [parse_step(str(n)) for n in STEPS] == list(STEPS)
    for bad in (None, "", "0", "8", "-1", "2.5", "abc", " 3x"):
        assert parse_step(bad) is None
    assert parse_step(" 4 ") == 4


@pytest.mark.parametrize("text", ["[[0, 1, 2], [3, 4, 5], [6, 7, 8]]", "0 1 2; 3 4 5; 6 7 8", "0,1,2\n3,4,5\n6,7,8"])
def test_parse_matrix_reads_the_usual_spellings(text: str) -> None:
    np.testing.assert_array_equal(parse_matrix(text, "X", 8), np.arange(9).reshape(3, 3))


@pytest.mark.parametrize("text, key", [("", "err_lesson_blank"), ("1 a", "err_lesson_text"),
                                       ("1 2; 3", "err_lesson_shape"), ("__import__('os')", "err_lesson_text"),
                                       ("1 2 3 4 5", "err_lesson_too_large_side"), ("nan", "err_lesson_not_finite")])
def test_parse_matrix_refuses_bad_input_with_a_message(text: str, key: str) -> None:
    with pytest.raises(ConvLabError) as info:
        parse_matrix(text, "K", 4)
    assert info.value.key == key
    for lang in LANGS:
        assert "K" in info.value.message(lang)


def test_the_zero_columns_stay_inside_the_image() -> None:
    assert clamp_span((2, 12), 8) == (2, 8) and clamp_span((5, 1), 8) == (1, 5)


def test_each_step_resets_what_it_uses() -> None:
    assert set(defaults_for(5)) == {"rows", "cols", "zeros", "k4"}
    assert defaults_for(7) == DEFAULTS


def test_every_lesson_string_exists_in_both_languages() -> None:
    keys = [k for k in STRINGS if k.startswith(("lesson_", "err_lesson_"))]
    assert len(keys) > 50
    for key in keys:
        for lang in LANGS:
            assert STRINGS[key][lang].strip(), (key, lang)
    assert t("lesson_nav_7", "ko") != t("lesson_nav_7", "en")


def test_edited_steps_name_the_step_that_owns_each_value() -> None:
    from convcore.lesson.steps import DEFAULTS, edited_steps
    assert edited_steps(dict(DEFAULTS)) == []
    assert edited_steps({**DEFAULTS, "x2": "[[1]]", "lr": 0.1, "rows": 5}) == [2, 3, 6]
