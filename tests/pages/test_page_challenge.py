"""AppTest of the Challenge page: a teacher's link opens one challenge, the student types a kernel in the grid and sees
their Y, the difference and the score, opens hints, and the link never holds the kernel (Korean and English)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from convcore import challenges
from convcore.challenges import HINT_COST
from convcore.kernels import flip
from tests.helpers.apptest import edit_cell, errors, heat, kernel_grids, markdown, send_edit
from ui.challenge.panels import shaped_key
from ui.text import t

PAGE = "views/challenge.py"


def open_challenge(app_test, lang: str, challenge_id: str | None = None, **query: str):
    """The Challenge page as a student's browser opens the teacher's link."""
    if challenge_id:
        query["challenge"] = challenge_id
    at = app_test(lang, page=PAGE, **query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def grid_cells(at) -> list[list[str]]:
    """The cells the kernel grid shows."""
    return json.loads(kernel_grids(at)[0].proto.json)["cells"]


def type_kernel(at, K: np.ndarray) -> None:
    """Set the kernel's size in its boxes, then type its values into the grid (the browser sends every cell)."""
    at.number_input(key="chk_rows").set_value(K.shape[0]).run()
    at.number_input(key="chk_cols").set_value(K.shape[1]).run()
    send_edit(at, {"cells": [[f"{v:g}" for v in row] for row in K]})
    assert not at.exception, [e.value for e in at.exception]


def score_shown(at) -> str:
    return at.metric[0].value


def link_values(at) -> dict:
    """The page's address as the student sees it (query entries)."""
    return {key: at.query_params[key] for key in at.query_params}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_teacher_s_link_opens_x_and_y_and_hides_the_kernel(app_test, lang) -> None:
    at = open_challenge(app_test, lang, "face")
    ch = challenges.get("face")
    assert at.title[0].value == t("challenge_title", lang)
    assert at.selectbox(key="ch_pick").value == "face"
    assert t("challenge_face_story", lang) in markdown(at)
    assert t("challenge_settings", lang, mode=t("explore_mode_correlation", lang), padding=0, stride=1,
             dilation=1) in markdown(at)
    np.testing.assert_array_equal(heat(at, shaped_key("ch_x", ch.X)), ch.X)
    np.testing.assert_array_equal(heat(at, shaped_key("ch_y", challenges.target("face"))), challenges.target("face"))
    assert grid_cells(at) == [["0"]]  # a first guess that tells nothing
    assert [s.key for s in at.selectbox] == ["ch_pick"]  # no preset box: "Sobel x" in one click would be the answer
    assert score_shown(at) == "0 / 100"
    assert t("challenge_shape_differs", lang, got="8 x 8", want="6 x 6") in [w.value for w in at.warning]
    assert link_values(at) == {"lang": lang, "challenge": "face"}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_typing_the_kernel_in_the_grid_solves_the_challenge(app_test, lang) -> None:
    at = open_challenge(app_test, lang, "slant")
    answer, target = challenges.get("slant").answer, challenges.target("slant")  # answer [[1, 0], [0, -1]]
    guess_key, diff_key = shaped_key("ch_guess", target), shaped_key("ch_diff", target)
    type_kernel(at, np.zeros((2, 2)))
    edit_cell(at, 0, 0, "1")  # half the answer: half-way there
    assert score_shown(at) != "100 / 100" and not at.success
    diff = heat(at, diff_key)
    np.testing.assert_allclose(diff, heat(at, guess_key) - target)
    assert np.abs(diff).max() > 0
    edit_cell(at, 1, 1, "-1")
    assert not errors(at)
    np.testing.assert_array_equal(heat(at, guess_key), target)
    np.testing.assert_array_equal(heat(at, diff_key), np.zeros_like(target))
    assert score_shown(at) == "100 / 100"
    assert [s.value for s in at.success] == [t("challenge_solved", lang, score=100)]
    assert grid_cells(at) == [[f"{v:g}" for v in row] for row in answer]
    assert at.button(key="ch_hint").disabled  # solved: nothing left to hint
    assert link_values(at) == {"lang": lang, "challenge": "slant"}  # the solved kernel is not in the address


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_hints_come_step_by_step_and_cost_points(app_test, lang) -> None:
    at = open_challenge(app_test, lang, "face")
    at.button(key="ch_hint").click().run()
    shape_hint = t("challenge_hint_n", lang, n=1) + ": " + t("challenge_hint_shape", lang, rows=3, cols=3)
    assert shape_hint in markdown(at)
    at.button(key="ch_hint").click().run()
    cell_hint = t("challenge_hint_n", lang, n=2) + ": " + t("challenge_hint_cell", lang, row=1, col=0, value="-2")
    assert cell_hint in markdown(at)  # the cell the one-cell 0 has most wrong
    type_kernel(at, challenges.get("face").answer)
    assert score_shown(at) == f"{100 - 2 * HINT_COST} / 100"
    assert [s.value for s in at.success] == [t("challenge_solved", lang, score=100 - 2 * HINT_COST)]


def test_the_trap_refuses_the_cross_correlation_reading(app_test) -> None:
    at = open_challenge(app_test, "en", "turn")
    assert t("explore_mode_convolution", "en") in markdown(at)
    answer = challenges.get("turn").answer
    type_kernel(at, flip(answer))  # [3, 2, 1]: what the sums of Y say, read as a cross-correlation
    assert not at.success and score_shown(at) != "100 / 100"
    type_kernel(at, answer)
    assert score_shown(at) == "100 / 100" and at.success


def test_each_challenge_keeps_its_guess_and_hints_and_a_visit_elsewhere_keeps_the_challenge(app_test) -> None:
    at = open_challenge(app_test, "en", "halve")
    type_kernel(at, np.full((2, 2), 0.375))  # 1.5 times the answer
    at.button(key="ch_hint").click().run()
    at.selectbox(key="ch_pick").set_value("bright").run()
    assert grid_cells(at) == [["0"]] and t("challenge_hint_n", "en", n=1) not in markdown(at)
    assert link_values(at) == {"lang": "en", "challenge": "bright"}
    edit_cell(at, 0, 0, "2")
    assert score_shown(at) == "100 / 100"
    at.selectbox(key="ch_pick").set_value("halve").run()
    assert grid_cells(at) == [["0.375", "0.375"], ["0.375", "0.375"]]
    assert score_shown(at) == f"{50 - HINT_COST} / 100"  # the difference is half of Y: 50, less one hint
    at.switch_page("views/explore.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.selectbox(key="ch_pick").value == "halve" and grid_cells(at) == [["0.375", "0.375"], ["0.375", "0.375"]]
    assert t("challenge_hint_shape", "en", rows=2, cols=2) in markdown(at)


def test_a_cell_typed_as_the_next_challenge_opens_is_that_challenge_s_guess(app_test) -> None:
    # The journey test's student picks "Brighter" and types 2 at once: the browser's two changes reached the server in
    # one run, the typed cell on the one-cell grid still drawn for the challenge left, and the 2 went to that one (a CI
    # run saw Brighter's grid come back as 0). It is Brighter's guess, shown and scored there; the one left keeps its own.
    at = open_challenge(app_test, "en", "halve")
    send_edit(at, {"cells": [["0.375"]]})
    at.selectbox(key="ch_pick").set_value("bright")
    send_edit(at, {"cells": [["2"]]})  # typed on halve's one-cell grid, as Brighter opens
    assert not at.exception
    assert at.selectbox(key="ch_pick").value == "bright" and grid_cells(at) == [["2"]]
    assert score_shown(at) == "100 / 100"
    assert link_values(at) == {"lang": "en", "challenge": "bright"}
    at.selectbox(key="ch_pick").set_value("halve").run()
    assert grid_cells(at) == [["0.375"]]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_show_the_answer_puts_it_in_the_grid_and_scores_zero(app_test, lang) -> None:
    at = open_challenge(app_test, lang, "house")
    at.button(key="ch_reveal").click().run()
    assert not at.exception
    assert grid_cells(at) == [[f"{v:g}" for v in row] for row in challenges.get("house").answer]
    assert score_shown(at) == "0 / 100" and [i.value for i in at.info] == [t("challenge_revealed", lang)]
    assert at.button(key="ch_hint").disabled and at.button(key="ch_reveal").disabled


def test_a_kernel_too_large_for_x_says_why_and_the_page_stays(app_test) -> None:
    at = open_challenge(app_test, "ko", "bright")  # X is 4x4
    at.number_input(key="chk_rows").set_value(5).run()
    assert not at.exception
    assert any(e.startswith(t("err_kernel_too_large", "ko", explain="")[:10]) for e in errors(at))
    assert at.selectbox(key="ch_pick").value == "bright"


def test_an_unknown_challenge_in_a_link_opens_the_first_with_a_notice(app_test) -> None:
    at = open_challenge(app_test, "en", "1,-1")
    assert at.selectbox(key="ch_pick").value == challenges.IDS[0]
    assert any("challenge" in i.value for i in at.info)


def test_the_share_panel_says_the_link_holds_no_answer_and_presenter_mode_draws(app_test) -> None:
    at = open_challenge(app_test, "ko", "gap", present="1")
    assert "share_challenge_note" in at.session_state["_link_notes"]
    np.testing.assert_array_equal(heat(at, shaped_key("ch_y", challenges.target("gap"))), challenges.target("gap"))
    assert link_values(at) == {"lang": "ko", "challenge": "gap", "present": "1"}  # the teacher's own address
