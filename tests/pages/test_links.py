"""AppTest: a link with settings reopens them, a tampered link shows a notice, the code twin and downloads match."""

from __future__ import annotations

import io
import json
import os

import numpy as np
import pytest
import torch
from PIL import Image

from convcore import codegen, exports, links
from convcore.images import stripes
from convcore.links.codec import encode_drawing
from tests.helpers.apptest import heat, markdown
from ui.text import t

EXPLORE = "views/explore.py"


@pytest.fixture
def media(monkeypatch):
    """The media file managers AppTest creates (one per run): downloads can be read back from the last one."""
    import streamlit.testing.v1.app_test as app_test_module

    made = []

    class Recording(app_test_module.MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Recording)
    return made


def downloaded(at, media, key: str) -> bytes:
    """The bytes a download button with this key serves (deferred ones built now, as on a click)."""
    button = next(b for b in at.get("download_button") if b.proto.id.endswith(f"-{key}"))
    manager = media[-1]
    proto = button.proto
    url = manager.execute_deferred(proto.deferred_file_id) if proto.HasField("deferred_file_id") else proto.url
    return manager.read_file(os.path.basename(url).split(".")[0]).content


def query(at) -> dict:
    """The app's query string as plain values."""
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.to_dict().items()} \
        if hasattr(at.query_params, "to_dict") else {k: v[-1] if isinstance(v, list) else v for k, v in dict(at.query_params).items()}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_explore_link_reopens_kernel_stride_and_cell(app_test, lang):
    at = app_test(lang, page=EXPLORE, kernel="1,0;0,-1", stride="2", row="1", col="2")
    assert not at.exception, [e.message for e in at.exception]
    assert np.array_equal(heat(at, "ex_k_chart"), [[1, 0], [0, -1]])
    assert at.session_state["ex_stride"] == 2
    assert "= 3 x 4" in markdown(at)  # floor((6 - 2) / 2) + 1 = 3 rows, floor((8 - 2) / 2) + 1 = 4 columns
    assert (at.session_state["ex_row"], at.session_state["ex_col"]) == (1, 2)
    assert "Y[1, 2] = (X[2:4, 4:6] * K).sum()" in markdown(at)
    assert not at.info or all(t("share_bad_link", lang, names="")[:10] not in i.value for i in at.info)


def test_explore_link_sample_colour_per_channel_and_separate_settings(app_test):
    at = app_test("en", page=EXPLORE, sample="checkerboard", color="1", chmode="each", kernel="1,-1",
                  kernel_g="0,2", kernel_b="-1,0", padding="1,0", dilation="2", mode="convolution", side="12")
    assert not at.exception, [e.message for e in at.exception]
    ss = at.session_state
    assert ss["ex_sample"] == "checkerboard" and ss["ex_color"] and ss["ex_chmode"] == "each"
    assert np.array_equal(ss["exk_G_valid"], [[0, 2]]) and np.array_equal(ss["exk_B_valid"], [[-1, 0]])
    assert ss["ex_separate"] and (ss["ex_padding"], ss["ex_padding_c"]) == (1, 0)
    assert ss["ex_mode"] == "convolution"
    assert "(12 + 2*1 - 2*(1 - 1) - 1 + 1) x (12 - 2*(2 - 1) - 1 + 1) = 14 x 10" in markdown(at)  # 12x12 input
    q = dict(at.query_params)
    assert q["kernel_g"] == "0,2" and q["padding"] == "1,0" and q["chmode"] == "each" and q["side"] == "12"


def test_settings_changed_on_the_page_go_into_the_link_and_defaults_stay_out(app_test):
    at = app_test("en", page=EXPLORE)
    assert set(dict(at.query_params)) == {"lang"}  # a default view has a short link
    at.number_input(key="ex_stride").set_value(3).run()
    at.selectbox(key="exk_preset").select("sobel_x").run()
    q = dict(at.query_params)
    assert q["stride"] == "3" and q["preset"] == "sobel_x" and "kernel" not in q
    at.number_input(key="ex_stride").set_value(1).run()
    assert "stride" not in dict(at.query_params)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_tampered_explore_link_shows_a_notice_and_the_page_works(app_test, lang):
    at = app_test(lang, page=EXPLORE, kernel="1,x", stride="99", mode="<script>", draw="9x9.!!", row="abc",
                  padding="1,2,3")
    assert not at.exception, [e.message for e in at.exception]
    notice = [i.value for i in at.info if i.value.startswith(t("share_bad_link", lang, names="")[:12])]
    assert len(notice) == 1
    for name in ("kernel", "stride", "mode", "draw", "row", "padding"):
        assert name in notice[0]
    assert np.array_equal(heat(at, "ex_k_chart"), [[1, -1]])  # defaults: the book's edge kernel
    assert set(dict(at.query_params)) == {"lang"}  # the bad values are gone from the address


def test_drawing_in_the_link_becomes_the_input(app_test):
    D = np.zeros((8, 8), np.float32)
    D[2:6, 3] = 1.0
    at = app_test("en", page=EXPLORE, src="draw", draw=encode_drawing(D), side="8")
    assert not at.exception, [e.message for e in at.exception]
    assert np.allclose(heat(at, "ex_x_chart"), D, atol=1 / 255)
    assert t("draw_from_link", "en") in markdown(at)
    assert dict(at.query_params)["draw"] == encode_drawing(D)


def test_upload_is_not_in_the_link_and_the_page_says_so(app_test):
    at = app_test("en", page=EXPLORE, src="upload", stride="2")
    assert not at.exception
    assert at.session_state["ex_source"] == "upload"
    assert dict(at.query_params)["stride"] == "2"  # kept while waiting for the upload
    assert "share_upload_note" in at.session_state["_link_notes"]


def test_presenter_mode_from_the_link_scales_figures_and_folds_controls(app_test):
    at = app_test("en", page=EXPLORE, present="1")
    assert not at.exception
    assert at.session_state["present"] is True
    assert any(e.label == t("present_controls", "en") for e in at.expander)
    from tests.helpers.apptest import figure
    assert figure(at, "ex_k_chart")["data"][0]["textfont"]["size"] > 14
    plain = app_test("en", page=EXPLORE)
    assert figure(plain, "ex_k_chart")["data"][0]["textfont"]["size"] == 14
    assert not any(e.label == t("present_controls", "en") for e in plain.expander)


def test_explore_twin_shown_is_explore_code_for_the_state(app_test, media):
    at = app_test("en", page=EXPLORE, kernel="1,2;0,-1", padding="1", stride="2,1")
    at.session_state["ex_code_open"] = True
    at.run()
    assert not at.exception
    want = codegen.explore_code(stripes().numpy(), np.array([[1, 2], [0, -1]]), padding=(1, 1), stride=(2, 1),
                                dilation=(1, 1), flip=False)
    assert [c.value for c in at.code if "code twin" in c.value] == [codegen.shorten(want)]
    assert downloaded(at, media, "ex_dl_py").decode() == want
    nb = json.loads(downloaded(at, media, "ex_dl_ipynb"))
    assert nb["nbformat"] == 4 and "F.conv2d" in json.dumps(nb["cells"])


def test_explore_downloads_parse(app_test, media):
    at = app_test("en", page=EXPLORE)
    assert not [b for b in at.get("download_button") if b.proto.id.endswith("-ex_dl_y_csv")]  # closed: not sent
    at.session_state["ex_exports_open"] = True
    at.run()
    Y = heat(at, "ex_y_chart")
    assert np.array_equal(exports.read_csv(downloaded(at, media, "ex_dl_y_csv").decode()), Y)
    assert np.array_equal(exports.read_csv(downloaded(at, media, "ex_dl_k_csv").decode()), [[1, -1]])
    for key in ("ex_dl_y_png", "ex_dl_k_png"):
        image = Image.open(io.BytesIO(downloaded(at, media, key)))
        assert image.format == "PNG" and min(image.size) >= 100
    from ui.widgets.lecture_kit import chart_config, colour_map_name
    assert colour_map_name("y") != chart_config("y")["toImageButtonOptions"]["filename"] + ".png"  # not the chart's
    assert "colour map" in t("explore_download_y_png", "en") and "색 그림" in t("explore_download_y_png", "ko")


def test_array_png_colours_and_csv_round_trip():
    A = np.array([[-2.0, 0.0], [1.5, 2.0]])
    image = np.asarray(Image.open(io.BytesIO(exports.array_png(A, min_side=4))))
    assert image.shape == (4, 4, 3)
    assert image[0, 0, 2] > image[0, 0, 0]  # negative: blue
    assert image[2, 2, 0] > image[2, 2, 2]  # positive: red
    assert abs(int(image[0, 2].astype(int).sum()) - 3 * 247) < 30  # zero: near white
    assert np.array_equal(exports.read_csv(exports.array_csv(A)), A)


def test_kernel_state_dict_loads_into_conv2d():
    data = exports.kernel_state_dict([[0.5, -1.0], [2.0, 0.25]])
    conv = torch.nn.Conv2d(1, 1, (2, 2), bias=False)
    conv.load_state_dict(torch.load(io.BytesIO(data), weights_only=True))
    assert torch.equal(conv.weight[0, 0], torch.tensor([[0.5, -1.0], [2.0, 0.25]]))


def test_qr_code_is_a_png_and_too_long_links_give_none():
    image = Image.open(io.BytesIO(exports.qr_png("http://localhost:8501/explore?lang=en&stride=2")))
    assert image.format == "PNG" and image.size[0] == image.size[1] > 100
    assert exports.qr_png("x" * 5000) is None


def test_pair_and_size_parsers():
    assert links.pair(0, 8)("2") == (2,) and links.pair(0, 8)("2,1") == (2, 1)
    for bad in ("", "1,2,3", "9", "-1", "a"):
        with pytest.raises(ValueError):
            links.pair(0, 8)(bad)
    assert links.size(1, 15)("3x2") == (3, 2)
    with pytest.raises(ValueError):
        links.size(1, 15)("3")
    assert links.nearest_option((0.01, 0.03))("0.03") == 0.03
    with pytest.raises(ValueError):
        links.nearest_option((0.01, 0.03))("0.02")


def test_lesson_link_with_a_preset_name_opens_explore_on_that_kernel(app_test):
    at = app_test("en", page=EXPLORE, sample="checkerboard", kernel="sobel_x")  # what the Lesson's step 7 writes
    assert not at.exception and not any("kernel" in i.value for i in at.info)
    assert at.session_state["exk_preset"] == "sobel_x" and at.session_state["ex_sample"] == "checkerboard"
    assert dict(at.query_params).get("preset") == "sobel_x"


TRAIN = "views/train.py"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_train_link_reopens_every_setting(app_test, lang):
    at = app_test(lang, page=TRAIN, sample="checkerboard", kernel="1,2;0,-1", size="2x3", lr="0.1", opt="adam",
                  loss="mean", steps="7", seed="3", log="1", speed="slow")
    assert not at.exception, [e.message for e in at.exception]
    ss = at.session_state
    assert ss["trx_sample"] == "checkerboard" and np.array_equal(ss["trk_valid"], [[1, 2], [0, -1]])
    assert ss["tr_same"] is False and (ss["tr_rows"], ss["tr_cols"]) == (2, 3)
    assert (ss["tr_lr"], ss["tr_optimizer"], ss["tr_loss"], ss["tr_steps"], ss["tr_seed"]) == (0.1, "adam", "mean", 7, 3)
    assert ss["tr_log"] is True and ss["tr_speed"] == "slow"
    assert tuple(ss["tr_trainer"].kernel_shape) == (2, 3)
    q = dict(at.query_params)
    assert {k: q[k] for k in ("size", "lr", "opt", "loss", "steps", "seed", "log", "speed")} == {
        "size": "2x3", "lr": "0.1", "opt": "adam", "loss": "mean", "steps": "7", "seed": "3", "log": "1",
        "speed": "slow"}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_tampered_train_link_shows_a_notice_and_trains(app_test, lang):
    at = app_test(lang, page=TRAIN, lr="0.07", opt="sgd", steps="0", seed="-4", size="99x1", device="tpu")
    assert not at.exception, [e.message for e in at.exception]
    notice = [i.value for i in at.info if i.value.startswith(t("share_bad_link", lang, names="")[:12])]
    assert len(notice) == 1 and all(n in notice[0] for n in ("lr", "opt", "steps", "seed", "size", "device"))
    assert at.session_state["tr_lr"] == 3e-2 and at.session_state["tr_optimizer"] == "plain"
    at.button(key="tr_finish").click().run()
    assert not at.exception and at.session_state["tr_trainer"].steps_taken == 100


def test_train_downloads_parse(app_test, media):
    at = app_test("en", page=TRAIN, steps="20")
    at.button(key="tr_finish").click().run()
    assert not at.exception
    learned = at.session_state["tr_trainer"].weights
    conv = torch.nn.Conv2d(1, 1, (1, 2), bias=False)
    conv.load_state_dict(torch.load(io.BytesIO(downloaded(at, media, "tr_dl_pt")), weights_only=True))
    assert np.allclose(conv.weight.detach().numpy()[0, 0], learned)
    assert json.loads(downloaded(at, media, "tr_dl_json"))["learned"] == learned
    log = downloaded(at, media, "tr_dl_csv").decode().splitlines()
    assert log[0].startswith("step,loss,w_0_0,w_0_1") and len(log) == 21


def test_train_log_is_written_on_click_not_on_every_run(app_test, media, monkeypatch):
    """The log has a line per step (up to the step limit): each Pause, Resume or setting redraws the page."""
    import ui.train.panels as panels

    written = []
    monkeypatch.setattr(panels, "history_csv", lambda history: written.append(len(history)) or "step,loss\n")
    at = app_test("en", page=TRAIN, steps="20")
    at.button(key="tr_finish").click().run()
    at.run()
    assert not at.exception and written == []
    assert downloaded(at, media, "tr_dl_csv") == b"step,loss\n" and written == [20]


def test_explore_link_with_output_channels_rebuilds_each_kernel(app_test):
    at = app_test("en", page=EXPLORE, outputs="2", kernel="1,-1", kernel_o2="0.5,3", color="1", chmode="each",
                  kernel_g="0,2", kernel_b="-1,0", kernel_o2_g="1,1", kernel_o2_b="4,-4")
    assert not at.exception, [e.message for e in at.exception]
    ss = at.session_state
    assert ss["ex_outputs"] == 2
    assert np.array_equal(ss["exk_o2_valid"], [[0.5, 3]]) and np.array_equal(ss["exk_o2_B_valid"], [[4, -4]])
    q = dict(at.query_params)
    assert q["outputs"] == "2" and q["kernel_o2"] == "0.5,3" and q["kernel_o2_g"] == "1,1"


def test_train_twin_for_a_learned_kernel_of_another_size(app_test, media):
    at = app_test("en", page=TRAIN, size="3x3", seed="4", steps="20")
    assert not at.code  # written only while the expander is open
    at.session_state["tr_code_box"] = True
    at.run()
    assert not at.exception
    want = codegen.train_code(stripes().numpy(), np.array([[1.0, -1.0]]), kernel_shape=(3, 3), seed=4,
                              optimizer=at.session_state["tr_optimizer"], lr=at.session_state["tr_lr"],
                              loss=at.session_state["tr_loss"], steps=20)
    assert "crop_to" in want
    assert downloaded(at, media, "tr_dl_py").decode() == want
    assert t("train_code_other_size", "en") in [c.value for c in at.caption]


def test_train_link_steps_taken_is_absent_by_default_and_refuses_bad_values():
    """`at` (the steps a run had taken) and `lrmix`: old links without them read as before; a bad value falls back
    to "absent" and is named, like any other field, never raising."""
    from convcore.links import codec

    schema = links.train_schema((0.01, 0.03), 0.03, 10_000, ("plain",), ("sum",), ("cpu",))
    values, bad = codec.read({"lr": "0.01"}, schema)
    assert values["at"] is None and values["lrmix"] is False and bad == []
    assert "at" not in codec.write(values, schema) and "lrmix" not in codec.write(values, schema)
    values, bad = codec.read({"at": "79", "lrmix": "1"}, schema)
    assert (values["at"], values["lrmix"], bad) == (79, True, [])
    assert {k: codec.write(values, schema)[k] for k in ("at", "lrmix")} == {"at": "79", "lrmix": "1"}
    for text in ("0", "-1", "10001", "x", "7.5", "", "9" * 5000, ["3", "oops"]):
        values, bad = codec.read({"at": text}, schema)
        assert values["at"] is None and bad == ["at"], text
