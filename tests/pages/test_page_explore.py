"""AppTest of the Explore page: the notebook's edge map, kernel edits, bad input, shape text, drawing, inspect."""

from __future__ import annotations

import base64
import io
import json

import numpy as np
import pytest
from PIL import Image

from convcore.engine import output_shape
from tests.helpers.apptest import EDGE_MAP, edit_cell, figure, heat, kernel_grids, markdown, panel, send
from tests.helpers.figures import chart_elements, chart_figure, chart_keys
from ui.text import t

PAGE = "views/explore.py"


def test_stripes_and_edge_kernel_give_the_notebook_edge_map(explore):
    at = explore()
    assert not at.exception
    assert np.array_equal(heat(at, "ex_y_chart"), EDGE_MAP)
    assert np.array_equal(heat(at, "ex_k_chart"), [[1, -1]])
    assert "(6 - 1 + 1) x (8 - 2 + 1) = 6 x 7" in markdown(at)
    assert figure(at, "ex_y_chart")["data"][0]["zmin"] == -1  # diverging, zero in the middle


def test_editing_a_kernel_cell_changes_the_output(explore):
    at = explore()
    edit_cell(at, 0, 1, "-2")
    assert not at.exception and not at.error
    X = np.tile([1, 1, 0, 0, 0, 0, 1, 1], (6, 1))
    assert np.array_equal(heat(at, "ex_y_chart"), X[:, :-1] - 2 * X[:, 1:])
    assert at.session_state["exk_preset"] == "custom"


@pytest.mark.parametrize("text,key", [("abc", "err_kernel_text"), ("", "err_kernel_empty_cell"),
                                      ("nan", "err_kernel_not_finite"), ("inf", "err_kernel_not_finite")])
def test_bad_kernel_cell_shows_the_message_and_keeps_the_last_output(explore, text, key):
    at = explore()
    edit_cell(at, 0, 0, text)
    assert not at.exception
    expected = {"err_kernel_text": {"row": 1, "col": 1, "value": text}}.get(key, {"row": 1, "col": 1})
    assert t(key, "en", **expected) in [e.value for e in at.error]
    assert np.array_equal(heat(at, "ex_y_chart"), EDGE_MAP)


@pytest.mark.parametrize("name,value,kwargs", [("padding", 1, {"padding": 1}), ("stride", 3, {"stride": 3}),
                                               ("dilation", 2, {"dilation": 2})])
def test_settings_change_the_shape_text_as_the_formula_says(explore, name, value, kwargs):
    at = explore()
    at.number_input(key=f"ex_{name}").set_value(value).run()
    assert not at.exception
    shape = output_shape(6, 8, 1, 2, **kwargs)
    assert shape.explain() in markdown(at)
    assert heat(at, "ex_y_chart").shape == shape.shape


def test_stride_that_does_not_fit_names_the_unused_columns(explore):
    at = explore()
    at.number_input(key="ex_stride").set_value(3).run()  # 8 columns, windows 0-1, 3-4, 6-7: 2 and 5 unused
    infos = [i.value for i in at.info]
    assert t("explore_unused_cols", "en", cols="2, 5") in infos
    assert t("explore_unused_rows", "en", rows="1-2, 4-5") in infos  # 1-row windows at rows 0 and 3 only
    at.toggle(key="ex_separate").set_value(True).run()
    at.number_input(key="ex_stride").set_value(1).run()  # rows now stride 1, columns stay 3
    infos = [i.value for i in at.info]
    assert t("explore_unused_cols", "en", cols="2, 5") in infos
    assert not any(t("explore_unused_rows", "en", rows="").split(":")[0] in i for i in infos)
    assert output_shape(6, 8, 1, 2, stride=(1, 3)).explain() in markdown(at)


def test_padding_is_drawn_around_the_input(explore):
    at = explore()
    at.number_input(key="ex_padding").set_value(2).run()
    layout = figure(at, "ex_x_chart")["layout"]
    assert layout["xaxis"]["range"] == [-2.5, 9.5]
    assert layout["shapes"][0]["line"]["dash"] == "dot"


def test_convolution_mode_flips_the_kernel(explore):
    at = explore()
    at.button_group(key="ex_mode").set_value("convolution").run()
    assert not at.exception
    assert np.array_equal(heat(at, "ex_y_chart"), -EDGE_MAP)
    assert np.array_equal(panel(at, 1), [[-1, 1]])
    assert t("explore_mode_convolution_why", "en") in markdown(at)


def test_inspecting_a_cell_shows_its_window_products_and_sum(explore):
    at = explore()
    at.number_input(key="ex_row").set_value(2).run()
    at.number_input(key="ex_col").set_value(5).run()
    text = markdown(at)
    assert "Y[2, 5] = (X[2:3, 5:7] * K).sum()" in text
    assert t("explore_sum_line", "en", n=2, total="-1", i=2, j=5, value="-1") in text
    assert np.array_equal(panel(at, 0), [[0, 1]])
    assert np.array_equal(panel(at, 2), [[0, -1]])
    box = figure(at, "ex_x_chart")["layout"]["shapes"][-1]
    assert (box["x0"], box["x1"], box["y0"], box["y1"]) == (4.5, 6.5, 1.5, 2.5)
    assert at.session_state["ex_step"] == 2 * 7 + 5


def click_y(at, x: float, y: float, n: int = 1) -> None:
    """What the in-place Y chart sends on a click: the data coordinates under the mouse, and a click count."""
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = chart_elements(at)["ex_y_chart"].proto.id
    state.json_value = json.dumps({"click": {"x": x, "y": y, "n": n}})
    at._run(states)


def test_clicking_a_cell_of_y_inspects_it(explore):
    at = explore()
    assert chart_elements(at)["ex_y_chart"].type == "bidi_component"  # drawn in place, clickable anywhere
    click_y(at, 1.3, 2.6)  # inside cell (3, 1): x is the column, y the row, cells centred on integers
    assert not at.exception
    assert (at.session_state["ex_row"], at.session_state["ex_col"]) == (3, 1)
    assert "Y[3, 1] = (X[3:4, 1:3] * K).sum()" in markdown(at)


def send_inputs(at, row: int, col: int, step: int) -> None:
    """A request whose row, column and step inputs hold these values (and every other widget its own)."""
    at.number_input(key="ex_row").set_value(row)
    at.number_input(key="ex_col").set_value(col)
    at.slider(key="ex_step").set_value(step)
    at.run()


def inspected(at) -> tuple[int, int, int]:
    """The inspected cell's row and column, and the step slider's value."""
    return at.session_state["ex_row"], at.session_state["ex_col"], at.session_state["ex_step"]


def test_a_request_sent_before_a_clicks_answer_keeps_the_clicked_cell(explore):
    at = explore()
    click_y(at, 1.3, 2.6)  # cell (3, 1)
    # The browser had not yet taken the click's answer when it sent this (a stroke's drawing follows the mouse-up):
    # its inputs still say cell (0, 0), and Streamlit reports them changed. They are no edit of the user's.
    send_inputs(at, 0, 0, 0)
    assert not at.exception
    assert inspected(at) == (3, 1, 3 * 7 + 1)
    assert "Y[3, 1] = (X[3:4, 1:3] * K).sum()" in markdown(at)
    # A value the user types afterwards, even the row from before the click, is theirs.
    send_inputs(at, 0, 1, 3 * 7 + 1)
    assert inspected(at) == (0, 1, 1)
    at.slider(key="ex_step").set_value(3 * 7 + 1).run()
    assert inspected(at) == (3, 1, 3 * 7 + 1)


def test_any_cell_of_a_large_y_can_be_clicked(app_test):
    at = app_test("en", page=PAGE, sample="photo", preset="sobel_x")
    click_y(at, 203.4, 100.6)  # not on a 4-cell grid: the click is exact, not the nearest sampled marker
    assert not at.exception
    assert (at.session_state["ex_row"], at.session_state["ex_col"]) == (101, 203)
    assert "Y[101, 203] = (X[101:104, 203:206] * K).sum()" in markdown(at)
    click_y(at, 5000, -40, n=2)  # outside the array: clamped to the nearest cell
    assert (at.session_state["ex_row"], at.session_state["ex_col"]) == (0, 253)


def test_step_slider_moves_the_window_row_by_row(explore):
    at = explore()
    at.slider(key="ex_step").set_value(8).run()
    assert (at.session_state["ex_row"], at.session_state["ex_col"]) == (1, 1)
    at.button(key="ex_play").click().run()
    assert at.session_state["ex_playing"] is True
    assert at.button(key="ex_play").label == t("explore_pause", "en")


def inject_drawing(at, raw: dict | None = None) -> None:
    """What the canvas sends after a stroke: the left half white (and the strokes as Fabric JSON)."""
    img = Image.new("RGBA", (256, 256), (0, 0, 0, 255))
    img.paste((255, 255, 255, 255), (0, 0, 128, 256))  # left half white
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    uri = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    at.session_state["ex_canvas"] = {"drawing": {"raw": raw or {"objects": []}, "data": uri}}
    at.run()


def test_injected_drawing_reaches_the_input_heatmap(explore):
    at = explore()
    at.radio(key="ex_source").set_value("draw").run()
    assert np.all(heat(at, "ex_x_chart") == 0)  # an empty canvas
    inject_drawing(at)
    assert not at.exception
    X = heat(at, "ex_x_chart")
    assert X.shape == (16, 16)
    assert np.allclose(X[:, :8], 1) and np.allclose(X[:, 8:], 0)


def test_rgb_with_one_kernel_per_channel_shows_each_channel_and_the_sum(explore):
    at = explore()
    at.toggle(key="ex_color").set_value(True).run()
    at.radio(key="ex_chmode").set_value("each").run()
    assert not at.exception
    keys = chart_keys(at)
    assert {"ex_ch_R", "ex_ch_G", "ex_ch_B", "ex_ch_sum"} <= set(keys)
    assert len(kernel_grids(at)) == 3
    sums = heat(at, "ex_ch_R") + heat(at, "ex_ch_G") + heat(at, "ex_ch_B")
    assert np.allclose(heat(at, "ex_ch_sum"), sums) and np.allclose(heat(at, "ex_y_chart"), 3 * EDGE_MAP)
    assert t("explore_channel_sums", "en", terms="", total="")[:17] in markdown(at)  # "Per-channel sums:"


def test_korean_page_speaks_korean(explore):
    at = explore("ko")
    assert not at.exception
    assert at.title[0].value == t("explore_title", "ko")
    assert t("explore_sum_line", "ko", n=2, total="0", i=0, j=0, value="0") in markdown(at)


def test_output_channels_side_by_side_start_as_k_plus_one_like_the_book(explore):
    at = explore()
    at.number_input(key="ex_outputs").set_value(3).run()
    assert not at.exception and not at.error
    assert len(kernel_grids(at)) == 3  # one kernel editor per output channel
    X = np.tile([1, 1, 0, 0, 0, 0, 1, 1], (6, 1)).astype(float)
    for o in range(3):  # K, K + 1, K + 2 as in corr2d_multi_in_out
        K = np.array([[1, -1]]) + o
        assert np.allclose(heat(at, f"ex_out_{o}"), K[0, 0] * X[:, :-1] + K[0, 1] * X[:, 1:])
    assert "Y has shape 3 x 6 x 7" in markdown(at)
    at.segmented_control(key="ex_out_show").set_value(2).run()
    assert np.allclose(heat(at, "ex_y_chart"), heat(at, "ex_out_1"))
    assert np.array_equal(heat(at, "ex_k_chart"), [[2, 0]])
    assert dict(at.query_params)["outputs"] == "3" and dict(at.query_params)["kernel_o2"] == "2,0"


def test_output_kernels_of_different_sizes_say_why_and_keep_output_one(explore):
    at = explore()
    at.number_input(key="ex_outputs").set_value(2).run()
    at.selectbox(key="exk_o2_preset").set_value("sobel_x").run()
    assert not at.exception
    assert any("same size" in e.value and "Output 2: 3x3" in e.value for e in at.error)
    assert np.array_equal(heat(at, "ex_y_chart"), EDGE_MAP)  # output 1 still shown
    assert "ex_out_0" not in chart_keys(at)
    at.selectbox(key="exk_o2_preset").set_value("edge_book_t").run()  # 2x1 still differs from 1x2
    assert at.error
    at.number_input(key="ex_outputs").set_value(1).run()
    assert not at.error and np.array_equal(heat(at, "ex_y_chart"), EDGE_MAP)


def test_fewer_outputs_than_the_inspected_one_inspects_the_last(explore):
    at = explore("ko")
    at.number_input(key="ex_outputs").set_value(4).run()
    at.segmented_control(key="ex_out_show").set_value(4).run()
    at.number_input(key="ex_outputs").set_value(2).run()
    assert not at.exception
    assert at.session_state["ex_out_show"] == 2
    assert t("explore_outputs_title", "ko") in markdown(at)


def test_a_visit_to_another_page_keeps_settings_kernels_and_drawing(explore):
    at = explore()
    at.number_input(key="ex_outputs").set_value(2).run()
    at.selectbox(key="exk_o2_preset").set_value("edge_book").run()
    at.selectbox(key="exk_preset").set_value("edge_book").run()
    edit_cell(at, 0, 1, "-3")
    at.number_input(key="ex_stride").set_value(2).run()
    at.segmented_control(key="ex_mode").set_value("convolution").run()
    at.radio(key="ex_source").set_value("draw").run()
    strokes = {"objects": [{"type": "path", "path": [["M", 10, 10], ["L", 100, 10]]}]}
    inject_drawing(at, strokes)
    before = heat(at, "ex_y_chart")
    at.switch_page("views/home.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception and not at.error
    ss = at.session_state
    assert ss["ex_outputs"] == 2 and ss["ex_stride"] == 2 and ss["ex_mode"] == "convolution"
    assert ss["ex_source"] == "draw" and ss["exk_preset"] == "custom"
    assert np.array_equal(ss["exk_valid"], [[1, -3]])
    assert ss["ex_canvas_initial"] == strokes  # the canvas redraws the strokes
    X = heat(at, "ex_x_chart")
    assert np.allclose(X[:, :8], 1) and np.allclose(X[:, 8:], 0)  # the drawing, not an empty canvas
    assert np.array_equal(heat(at, "ex_y_chart"), before)


def test_kernel_size_inputs_default_to_the_kernels_size_so_a_browser_fallback_cannot_crop_it(explore):
    # Several sessions uploading at once made browsers send the number inputs' default (1) and the
    # [1, -1] kernel was cropped to [[1]]; the default is now the current size.
    at = explore()
    at.selectbox(key="exk_preset").set_value("sobel_x").run()
    assert at.number_input(key="exk_rows").proto.default == 3 and at.number_input(key="exk_cols").proto.default == 3
    assert np.array_equal(heat(at, "ex_k_chart"), [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])


def test_upload_limit_is_said_in_the_users_language(explore):
    at = explore("ko")
    at.radio(key="ex_source").set_value("upload").run()
    assert not at.exception
    assert t("image_upload_limit", "ko", mb="8.0") in markdown(at)  # Streamlit's own over-the-cap text is English


def test_a_colour_photo_is_shown_in_colour_not_as_a_grey_average(app_test) -> None:
    at = app_test("en", page="views/explore.py", sample="photo_rgb", color="1")
    assert not at.exception
    image = figure(at, "ex_x_chart")["data"][0]
    assert image["type"] == "image"
    pixels = np.asarray(Image.open(io.BytesIO(base64.b64decode(image["source"].split(",", 1)[1]))).convert("RGB"))
    spread = pixels.astype(int).max(axis=2) - pixels.astype(int).min(axis=2)  # 0 everywhere for a grey picture
    assert spread.mean() > 10


def test_the_lab_fragment_keeps_every_kept_widget_it_draws(app_page):
    """A kernel edit runs only the lab fragment, which keeps (ui/state.py) only EXPLORE_LAB_KEPT and the kernel
    editors: every kept widget drawn inside a fragment must be among them, or an edit to it would be forgotten after a
    visit to another page. (Colour X, two outputs: the layer's widgets drawn too.)"""
    from ui.state import EXPLORE_KEPT, EXPLORE_LAB_KEPT

    at = app_page(PAGE, sample="photo_rgb", color="1", outputs="2", side="16")
    assert not at.exception
    state = at.session_state._state._state
    metadata, id_keys = state._new_widget_state.widget_metadata, state._key_id_mapper.id_key_mapping
    in_fragments = {id_keys[wid] for wid, meta in metadata.items() if meta.fragment_id and wid in id_keys}
    assert {"exk_grid", "exk_o2_grid", "ex_row", "ex_speed"} <= in_fragments  # the lab's and the inspect part's
    assert not {"ex_source", "ex_padding", "ex_outputs", "ex_chmode"} & in_fragments  # the page's own
    assert set(EXPLORE_LAB_KEPT.keys) <= set(EXPLORE_KEPT.keys)
    assert (in_fragments & set(EXPLORE_KEPT.keys)) <= set(EXPLORE_LAB_KEPT.keys)
