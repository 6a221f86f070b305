"""AppTest: the notebook's other experiment on Explore. One click transposes X (or rotates it by 90 degrees):
corr2d(X.t(), K) is all zeros, and K.t() (the kernel grid's transpose button) finds the horizontal edges; the choice
is in the link. Both languages."""

from __future__ import annotations

import numpy as np
import pytest

from tests.helpers.apptest import EDGE_MAP, EXPLORE, captions, heat, press
from ui.text import t


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_transposing_x_gives_zeros_and_k_t_finds_the_horizontal_edges(explore, lang: str) -> None:
    at = explore(lang)
    assert np.array_equal(heat(at, "ex_y_chart"), EDGE_MAP)
    at.segmented_control(key="ex_xform").set_value("transpose").run()
    assert not at.exception and not at.error
    np.testing.assert_array_equal(heat(at, "ex_x_chart"), np.tile([1, 1, 0, 0, 0, 0, 1, 1], (6, 1)).T)
    Y = heat(at, "ex_y_chart")
    assert Y.shape == (8, 5) and not Y.any()  # corr2d(X.t(), K)
    assert t("explore_xform_zero", lang, code="X.t()") in [i.value for i in at.info]
    assert dict(at.query_params)["xform"] == "transpose"
    press(at, "transpose")  # K.t() = [[1], [-1]]
    assert not at.exception and not at.error
    np.testing.assert_array_equal(heat(at, "ex_k_chart"), [[1], [-1]])
    np.testing.assert_array_equal(heat(at, "ex_y_chart"), EDGE_MAP.T)  # the horizontal edges: rows 1 and 5
    assert t("explore_xform_note", lang, code="X.t()") in captions(at)
    at.segmented_control(key="ex_xform").set_value("none").run()
    assert "xform" not in dict(at.query_params)
    assert heat(at, "ex_y_chart").shape == (5, 8) and not heat(at, "ex_y_chart").any()  # K.t() on the upright X


def test_rotating_x_and_the_link_carries_it(app_test) -> None:
    at = app_test("ko", page=EXPLORE, xform="rot90")
    assert not at.exception and not at.error
    assert at.session_state["ex_xform"] == "rot90"
    np.testing.assert_array_equal(heat(at, "ex_x_chart"), np.rot90(np.tile([1, 1, 0, 0, 0, 0, 1, 1], (6, 1))))
    assert not heat(at, "ex_y_chart").any()
    assert t("explore_xform_zero", "ko", code="torch.rot90(X)") in [i.value for i in at.info]
    at.selectbox(key="ex_sample").set_value("letter").run()  # another picture: still rotated, no zeros note
    assert not at.exception and heat(at, "ex_y_chart").any()
    assert t("explore_xform_note", "ko", code="torch.rot90(X)") in captions(at)
    assert dict(at.query_params)["xform"] == "rot90"


def test_a_tampered_transform_in_the_link_is_refused_with_a_notice(app_test) -> None:
    at = app_test("en", page=EXPLORE, xform="upside-down")
    assert not at.exception
    assert at.session_state["ex_xform"] == "none"
    assert np.array_equal(heat(at, "ex_y_chart"), EDGE_MAP)
    assert any("xform" in i.value for i in at.info)
