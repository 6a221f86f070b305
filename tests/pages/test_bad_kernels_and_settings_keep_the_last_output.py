"""Robustness (AppTest): a bad kernel or a setting that leaves no output, on Explore, never raises, says why in the
user's language and keeps the last valid output; the extremes that are valid (all zeros, 1x1, the largest kernel,
the largest stride, wide padding) work.

docs/robustness.md lists every case with its message and the test that covers it.
"""

from __future__ import annotations

import numpy as np

from convcore import kernels
from tests.helpers.apptest import EDGE_MAP, EXPLORE, captions, edit_cell, errors, heat, markdown, press
from tests.helpers.images import STRIPES
from ui.text import t


def test_huge_kernel_value_is_refused_and_the_last_output_stays(app_page):
    at = app_page(EXPLORE)
    edit_cell(at, 0, 0, "1e308")
    assert not at.exception
    assert t("err_kernel_too_big_value", "en", row=1, col=1, limit=f"{kernels.MAX_ABS_VALUE:g}") in errors(at)
    assert t("kernel_kept_last", "en") in captions(at)
    assert np.array_equal(heat(at, "ex_y_chart"), EDGE_MAP)


def test_kernel_message_in_korean(app_page):
    at = app_page(EXPLORE, "ko")
    edit_cell(at, 0, 1, "abc")
    assert not at.exception
    assert t("err_kernel_text", "ko", row=1, col=2, value="abc") in errors(at)
    assert t("kernel_kept_last", "ko") in captions(at)
    assert np.array_equal(heat(at, "ex_y_chart"), EDGE_MAP)


def test_all_zero_kernel_gives_zeros_and_normalise_says_why_it_cannot(app_page):
    at = app_page(EXPLORE)
    edit_cell(at, 0, 0, "0")
    edit_cell(at, 0, 1, "0")
    assert not at.exception and not at.error
    assert np.array_equal(heat(at, "ex_y_chart"), np.zeros((6, 7)))
    press(at, "normalize")
    assert not at.exception
    assert t("err_kernel_sum_zero", "en") in errors(at)
    assert at.session_state["exk_cells"] == [["0", "0"]]


def test_kernel_larger_than_the_image_says_so_and_comes_back_when_it_fits(app_page):
    at = app_page(EXPLORE)
    at.number_input(key="exk_rows").set_value(7).run()  # the stripes have 6 rows
    assert not at.exception
    assert t("err_kernel_too_large", "en", explain="(6 - 7 + 1) x (8 - 2 + 1) = 0 x 7") in errors(at)
    assert len(at.session_state["exk_cells"]) == 7  # the user's kernel is kept as typed
    at.number_input(key="exk_rows").set_value(1).run()
    assert not at.exception and not at.error
    assert np.array_equal(heat(at, "ex_y_chart"), EDGE_MAP)


def test_one_by_one_kernel_copies_the_image(app_page):
    at = app_page(EXPLORE)
    at.number_input(key="exk_cols").set_value(1).run()
    assert not at.exception and not at.error
    assert np.array_equal(heat(at, "ex_y_chart"), STRIPES)  # K = [[1]]
    assert "(6 - 1 + 1) x (8 - 1 + 1) = 6 x 8" in markdown(at)


def test_largest_kernel_works_and_the_size_inputs_stop_there(app_page):
    at = app_page(EXPLORE)
    side = kernels.MAX_KERNEL_SIDE
    assert at.number_input(key="exk_rows").max == side and at.number_input(key="exk_cols").max == side
    at.selectbox(key="ex_sample").set_value("checkerboard").run()  # 16x16
    assert t("kernel_side_limit", "en", limit=side) not in captions(at)
    at.number_input(key="exk_rows").set_value(side).run()
    at.number_input(key="exk_cols").set_value(side).run()
    assert not at.exception and not at.error
    assert t("kernel_side_limit", "en", limit=side) in captions(at)  # says why the inputs stop there
    assert heat(at, "ex_y_chart").shape == (16 - side + 1, 16 - side + 1)


def test_dilation_that_leaves_no_output_says_so_and_recovers(app_page):
    at = app_page(EXPLORE)
    at.selectbox(key="exk_preset").set_value("sobel_x").run()
    at.number_input(key="ex_dilation").set_value(3).run()  # a 3x3 kernel dilated by 3 spans 7 rows; X has 6
    assert not at.exception
    assert t("err_kernel_too_large", "en", explain="(6 - 3*(3 - 1) - 1 + 1) x (8 - 3*(3 - 1) - 1 + 1) = 0 x 2") in errors(at)
    at.number_input(key="ex_dilation").set_value(1).run()
    assert not at.exception and not at.error
    assert heat(at, "ex_y_chart").shape == (4, 6)


def test_largest_stride_still_leaves_one_output_cell(app_page):
    at = app_page(EXPLORE)
    at.number_input(key="ex_stride").set_value(8).run()
    assert not at.exception and not at.error
    assert heat(at, "ex_y_chart").shape == (1, 1)  # floor((n - k) / s) + 1 is at least 1 when the kernel fits


def test_padding_larger_than_the_kernel_grows_the_output(app_page):
    at = app_page(EXPLORE)
    at.number_input(key="ex_padding").set_value(8).run()
    assert not at.exception and not at.error
    Y = heat(at, "ex_y_chart")
    assert Y.shape == (22, 23)
    assert np.array_equal(Y[8:14, 8:15], EDGE_MAP) and Y[:8].sum() == 0  # zeros all round the book's map
