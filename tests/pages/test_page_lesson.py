"""AppTest of the Lesson page: every step in both languages, the notebook's numbers, live training, the address."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from tests.helpers.figures import chart_elements, chart_figure, live_data
from ui.text import t

PAGE = "views/lesson.py"


def lesson(app_test, lang: str = "en", **query: str):
    """The app opened on the Lesson page."""
    return app_test(lang, page=PAGE, **query)


def chart_z(at, key: str) -> np.ndarray:
    """The z values of the Plotly heatmap drawn with `key` (Plotly 7 sends arrays as base64 blobs)."""
    charts = [c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}")]
    assert len(charts) == 1, f"no chart {key}"
    z = json.loads(charts[0].proto.spec)["data"][0]["z"]
    if isinstance(z, dict):
        shape = [int(n) for n in str(z["shape"]).strip("()[]").split(",") if n.strip()]
        return np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).reshape(shape)
    return np.asarray(z, dtype=float)


def codes(at) -> str:
    """Every code block of the page, joined."""
    return "\n".join(c.value for c in at.code)


def assert_clean(at) -> None:
    """No exception and no error box."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_step_renders_walking_with_next_and_previous(app_test, lang: str) -> None:
    at = lesson(app_test, lang)
    for step in range(1, 8):
        assert_clean(at)
        assert at.header[0].value.startswith(f"{step}. "), at.header[0].value
        assert at.header[0].value.endswith(t(f"lesson_s{step}_title", lang))
        assert at.query_params["step"] == [str(step)] or at.query_params["step"] == str(step)
        if step < 7:
            at.button(key="lesson_next_top").click().run()
    assert at.button(key="lesson_next_top").disabled
    at.button(key="lesson_prev_bottom").click().run()
    assert at.header[0].value.startswith("6. ")
    assert_clean(at)


def test_step_list_jumps_and_updates_the_address(app_test) -> None:
    at = lesson(app_test, "en", step="2")
    assert at.header[0].value.startswith("2. ")
    at.segmented_control(key="lesson_w_nav").set_value(4).run()
    assert at.header[0].value.startswith("4. ")
    assert str(at.query_params["step"]).strip("[]'") == "4"


def test_step2_shows_the_notebook_result_and_four_sums(app_test) -> None:
    at = lesson(app_test, "en", step="2")
    text = codes(at)
    assert "tensor([[19., 25.],\n        [37., 43.]])" in text
    for line in ("Y[0, 0] = 0*0 + 1*1 + 3*2 + 4*3 = 19", "Y[0, 1] = 1*0 + 2*1 + 4*2 + 5*3 = 25",
                 "Y[1, 0] = 3*0 + 4*1 + 6*2 + 7*3 = 37", "Y[1, 1] = 4*0 + 5*1 + 7*2 + 8*3 = 43"):
        assert line in text
    np.testing.assert_array_equal(chart_z(at, "lesson_y2"), [[19, 25], [37, 43]])


def test_step2_follows_edits_refuses_nonsense_and_resets(app_test) -> None:
    at = lesson(app_test, "ko", step="2")
    at.text_area(key="lesson_w_k2").input("1 0; 0 -1").run()
    assert "Y[0, 0] = 0*1 + 1*0 + 3*0 + 4*(-1) = -4" in codes(at)
    np.testing.assert_array_equal(chart_z(at, "lesson_y2"), [[-4, -4], [-4, -4]])
    at.text_area(key="lesson_w_x2").input("0 1 2; 3 x 5").run()
    assert not at.exception and len(at.error) == 1 and "x" in at.error[0].value
    at.button(key="lesson_reset_2").click().run()
    assert_clean(at)
    assert "= 43" in codes(at)
    assert at.text_area(key="lesson_w_x2").value == "[[0, 1, 2], [3, 4, 5], [6, 7, 8]]"


def test_step5_edge_map_and_all_zero_transposed_map(app_test) -> None:
    at = lesson(app_test, "en", step="5")
    assert_clean(at)
    expected = np.zeros((6, 7))
    expected[:, 1], expected[:, 5] = 1, -1
    np.testing.assert_array_equal(chart_z(at, "lesson_y5"), expected)
    yt = chart_z(at, "lesson_yt5")
    assert yt.shape == (8, 5) and not yt.any()
    assert any(t("lesson_s5_t_zero", "en", explain="(8 - 1 + 1) x (5 - 2 + 1) = 8 x 4")[:20] in s.value
               for s in at.success)
    assert "tensor([[ 0.,  1.,  0.,  0.,  0., -1.,  0.]," in codes(at)


def test_step5_follows_the_kernel_of_step4(app_test) -> None:
    at = lesson(app_test, "en", step="4")
    at.text_input(key="lesson_w_k4").input("[[1], [-1]]").run()
    at.button(key="lesson_next_top").click().run()
    assert at.header[0].value.startswith("5. ")
    assert not chart_z(at, "lesson_y5").any()  # a horizontal-edge kernel finds nothing in vertical stripes
    assert at.warning  # ... and the transposed map is no longer all zeros, which the page says


def test_step6_trains_ten_iterations_live(app_test) -> None:
    at = lesson(app_test, "en", step="6")
    assert_clean(at)
    at.button(key="lesson_play").click().run()
    for _ in range(20):  # the live panel applies one update per run
        if not at.session_state["lesson_running"]:
            break
        at.run()
    assert_clean(at)
    log = next(c.value for c in at.code if "iteration 1, loss" in c.value)
    losses = [float(line.rsplit(" ", 1)[1]) for line in log.splitlines() if line.startswith("iteration")]
    assert len(losses) == 10
    assert all(b < a for a, b in zip(losses, losses[1:])) and losses[0] > 10 * losses[-1]
    assert log.splitlines()[-1] == "parameters: tensor([[[[ 0.9557, -1.0230]]]])"
    table = at.dataframe[0].value
    learned = table.iloc[:, 2].to_numpy()
    np.testing.assert_allclose(learned, [1, -1], atol=0.05)
    chart = plotly_spec(at, "lesson_train_chart")
    assert chart["data"][0]["name"] == "loss"
    assert at.success


def test_step6_chart_is_redrawn_in_place_and_asks_for_each_next_update(app_test) -> None:
    """One frame in flight, as on Train: while step 6 runs, its chart (drawn in place, no remount a tick) asks for the
    next update once it has drawn the last, half a second after its last ask; stopped, it asks for nothing."""
    at = lesson(app_test, "en", step="6")
    assert "next" not in live_data(chart_elements(at)["lesson_train_chart"])
    at.button(key="lesson_play").click().run()
    asks = []
    while at.session_state["lesson_running"] and len(asks) < 20:
        asks.append(live_data(chart_elements(at)["lesson_train_chart"])["next"])
        at.run()
    # Play's own run applies the first update; each of the 9 others answers an ask, and the last asks for nothing
    assert len(asks) == 9 and [a["after"] for a in asks] == [0.5] * 9
    assert len({a["frame"] for a in asks}) == 9  # each ask names a new frame
    assert "next" not in live_data(chart_elements(at)["lesson_train_chart"])
    assert at.session_state["lesson_trainer"].steps_taken == 10


def test_step6_seed_control_and_one_update(app_test) -> None:
    at = lesson(app_test, "en", step="6")
    at.radio(key="lesson_w_init").set_value("seed").run()
    at.number_input(key="lesson_w_seed").set_value(7).run()
    first = next(c.value for c in at.code if c.value.startswith("tensor([[[["))
    at.button(key="lesson_once").click().run()
    log = next(c.value for c in at.code if "iteration 1" in c.value)
    assert log.startswith(first) and "iteration 2" not in log
    at.button(key="lesson_reset_6").click().run()
    assert at.radio(key="lesson_w_init").value == "notebook"
    assert "tensor([[[[-0.2339, -0.3929]]]])" in codes(at)


def test_bad_step_in_address_gives_a_notice_and_step_1(app_test) -> None:
    at = lesson(app_test, "ko", step="banana")
    assert_clean(at)
    assert at.header[0].value.startswith("1. ")
    assert any("banana" in w.value for w in at.warning)
    assert str(at.query_params["step"]).strip("[]'") == "1"


def test_step7_links_carry_image_kernel_and_language(app_test) -> None:
    at = lesson(app_test, "ko", step="7")
    assert_clean(at)
    links = {link.proto.page: link.proto.query_string for link in at.main.get("page_link")}  # not the menu
    assert links == {"explore": "lang=ko&sample=stripes&kernel=edge_book",
                     "train": "lang=ko&sample=stripes&kernel=edge_book"}
    assert "[[19, 25], [37, 43]]" in "\n".join(m.value for m in at.markdown)


def plotly_spec(at, key: str) -> dict:
    """The figure of the Plotly chart drawn with `key` (st.plotly_chart or in place)."""
    return chart_figure(at, key)


def values(array) -> np.ndarray:
    """A Plotly array: a list, or Plotly 7's {"dtype", "bdata", "shape"} base64 blob."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).astype(float)
    return np.asarray(array, dtype=float)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_step6_divergence_speaks_of_the_lessons_controls_and_keeps_the_chart_readable(app_test, lang) -> None:
    at = lesson(app_test, lang, step="6")
    at.select_slider(key="lesson_w_lr").set_value(0.1).run()
    at.button(key="lesson_play").click().run()
    for _ in range(20):  # one update per run, until the run stops
        if not at.session_state["lesson_running"]:
            break
        at.run()
    assert not at.exception and not at.session_state["lesson_running"]
    trainer = at.session_state["lesson_trainer"]
    assert trainer.diverged and trainer.steps_taken == 5
    errors = [e.value for e in at.error]
    assert errors == [t("lesson_s6_diverged", lang, step=6, loss=trainer.stop_params["loss"], lr="0.1", done=5)]
    words = {"en": ("download", "Reset"), "ko": ("내려받기", "초기화")}[lang]
    assert not any(w in errors[0] for w in words)  # the Lesson has neither
    for button in ("lesson_play", "lesson_restart"):  # ... but it has these, and the slider
        assert at.button(key=button).label in errors[0]
    assert t("lesson_lr", lang) in errors[0]

    spec = plotly_spec(at, "lesson_train_chart")
    weights = np.concatenate([values(d["y"]) for d in spec["data"] if d["name"].startswith("w")])
    assert np.abs(weights).max() > 500  # the weights ran away ...
    low, high = spec["layout"]["yaxis2"]["range"]  # ... and their axis stayed on where they started and K
    assert -3 < low < -1 and 1 < high < 4
    assert (high - low) / spec["layout"]["yaxis2"].get("dtick", (high - low) / 10) <= 20  # a readable number of ticks


def test_step6_a_good_run_keeps_plotlys_own_weight_axis(app_test) -> None:
    at = lesson(app_test, "en", step="6")
    at.button(key="lesson_once").click().run()
    at.button(key="lesson_once").click().run()
    assert "range" not in plotly_spec(at, "lesson_train_chart")["layout"]["yaxis2"]


def test_share_says_the_link_does_not_carry_the_lessons_edits(app_test) -> None:
    at = lesson(app_test, "ko", step="2")
    assert "share_lesson_edits" not in at.session_state["_link_notes"]  # nothing edited: nothing to say
    at.text_area(key="lesson_w_x2").input("1 2; 3 4").run()
    at.button(key="lesson_next_top").click().run()  # still said on another step
    assert at.session_state["_link_notes"]["share_lesson_edits"] == {"steps": "2"}
    at.button(key="lesson_prev_top").click().run()
    at.button(key="lesson_reset_2").click().run()
    assert "share_lesson_edits" not in at.session_state["_link_notes"]


def test_the_lesson_draws_an_image_as_explore_does_grey_with_1_white(app_test) -> None:
    from tests.helpers.apptest import figure
    at = lesson(app_test, "en", step="3")
    trace = figure(at, "lesson_x3")["data"][0]
    explore = figure(app_test("en", page="views/explore.py", sample="stripes"), "ex_x_chart")["data"][0]
    for drawn in (trace, explore):  # black for the smallest value (0), white for the largest (1)
        ends = [[int(v) for v in drawn["colorscale"][k][1].strip("rgb()").split(",")] for k in (0, -1)]
        assert max(ends[0]) < 10 and min(ends[1]) > 245
        assert (drawn["zmin"], drawn["zmax"]) == (0, 1)
    assert "1 is white (bright), 0 is black (dark)" in " ".join(c.value for c in at.caption)


def test_presenter_mode_folds_the_intro_and_the_step_list_but_keeps_the_clicker_buttons(app_test) -> None:
    at = lesson(app_test, "en", step="2", present="1")
    assert_clean(at)
    assert t("lesson_intro", "en") not in [c.value for c in at.caption]
    folded = next(e for e in at.expander if e.label == t("present_steps", "en"))
    assert folded.segmented_control(key="lesson_w_nav").value == 2  # the step list is inside the folded box
    assert not at.button(key="lesson_next_top").disabled
    plain = lesson(app_test, "en", step="2")
    assert t("lesson_intro", "en") in [c.value for c in plain.caption]
    assert not [e for e in plain.expander if e.label == t("present_steps", "en")]
