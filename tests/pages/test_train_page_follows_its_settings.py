"""AppTest of the Train page: what it trains follows its settings: the target kernel, its size and the learned one's,
the optimizer; the code twin and the device say the same."""

from __future__ import annotations

from tests.helpers.train_page import decode, panel, trainer
from ui.text import t


def test_changing_the_target_starts_afresh(train_page):
    at = train_page("en")
    at.button(key="tr_once").click().run()
    old = trainer(at)
    at.selectbox(key="trk_preset").set_value("sobel_x").run()
    assert not at.exception
    assert trainer(at) is not old and trainer(at).steps_taken == 0 and trainer(at).kernel_shape == (3, 3)


def test_a_3x3_target_trains_with_adam_and_has_no_landscape(train_page):
    at = train_page("en", steps=40)
    at.selectbox(key="trx_sample").set_value("checkerboard").run()
    at.selectbox(key="trk_preset").set_value("sobel_x").run()
    at.radio(key="tr_optimizer").set_value("adam").run()
    at.select_slider(key="tr_lr").set_value(0.1).run()
    at.button(key="tr_finish").click().run()
    assert not at.exception
    tr = trainer(at)
    assert tr.steps_taken == 40 and tr.history[-1].loss < tr.history[0].loss
    assert panel(at, "weights") and not panel(at, "landscape")  # 9 weights: no landscape
    lines = [d for d in panel(at, "weights") if d.get("line", {}).get("dash") != "dash"]
    assert len(lines) == 9


def test_a_kernel_larger_than_3x3_is_compared_as_heatmaps(train_page):
    at = train_page("en", steps=5)
    at.selectbox(key="trx_sample").set_value("checkerboard").run()
    at.number_input(key="trk_rows").set_value(4).run()
    at.number_input(key="trk_cols").set_value(4).run()
    at.button(key="tr_once").click().run()
    assert not at.exception
    assert trainer(at).kernel_shape == (4, 4)
    assert not [d for d in panel(at, "weights") if d["type"] == "scatter"]  # heatmaps, not 16 lines
    heatmaps = [d for d in panel(at, "weights") if d["type"] == "heatmap"]
    assert len(heatmaps) == 2 and decode(heatmaps[0]["z"]).shape == (4, 4)


def test_learned_size_can_differ_from_the_target(train_page):
    at = train_page("en", steps=5)
    at.toggle(key="tr_same").set_value(False).run()
    at.number_input(key="tr_cols").set_value(3).run()
    at.button(key="tr_finish").click().run()
    assert not at.exception
    assert trainer(at).kernel_shape == (1, 3) and trainer(at).steps_taken == 5
    assert any(c.value == t("train_no_error", "en") for c in at.caption)


def test_code_twin_and_device(train_page):
    at = train_page("en")
    assert not at.code  # the code is written only while its expander is open
    at.session_state["tr_code_box"] = True
    at.run()
    code = at.code[0].value
    assert "nn.Conv2d(1, 1, kernel_size=(1, 2), bias=False)" in code and "lr = 0.03" in code
    assert at.selectbox(key="tr_device").options == ["CPU"] or "CPU" in at.selectbox(key="tr_device").options
    assert any(c.value == "Actually running on: `cpu`" for c in at.caption)
