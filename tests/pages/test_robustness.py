"""Robustness at the page level (AppTest): bad uploads, kernels, settings, training and URLs never raise, say why
in the user's language and keep what the user had; sessions and caches stay apart; unexpected errors are logged.

docs/robustness.md lists every case with its message and the test that covers it.
"""

from __future__ import annotations

import io
import logging
import struct
import zlib

import numpy as np
import pytest
import torch
from PIL import Image

from convcore import kernels
from convcore.errors import ImageError
from convcore.images import MAX_BYTES, MAX_PIXELS
from tests.helpers.apptest import EDGE_MAP, edit_cell, heat, markdown, press, send
from ui.text import t

EXPLORE, TRAIN, HOME, LESSON = "views/explore.py", "views/train.py", "views/home.py", "views/lesson.py"
STRIPES = np.tile([1, 1, 0, 0, 0, 0, 1, 1], (6, 1)).astype(np.float32)


# ---- files ----


def encode(img: Image.Image, fmt: str = "PNG", **kw) -> bytes:
    """Bytes of an image saved in a format."""
    buffer = io.BytesIO()
    img.save(buffer, format=fmt, **kw)
    return buffer.getvalue()


def band_png() -> bytes:
    """A 10x12 grey PNG: a bright vertical band in columns 4-7."""
    a = np.zeros((10, 12), np.uint8)
    a[:, 4:8] = 255
    return encode(Image.fromarray(a, "L"))


BAND = np.zeros((10, 12), np.float32)
BAND[:, 4:8] = 1.0


def bomb_png(width: int = 20000, height: int = 20000) -> bytes:
    """A small PNG whose header claims width x height pixels (a decompression bomb's shape)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b"")


def truncated_png() -> bytes:
    """The first half of a noisy 64x64 PNG."""
    data = encode(Image.fromarray(np.random.default_rng(0).integers(0, 255, (64, 64, 3), dtype=np.uint8)))
    return data[: len(data) // 2]


def animated_gif() -> bytes:
    """Two 6x6 frames: white, then black (the first frame is used)."""
    frames = [Image.new("L", (6, 6), v) for v in (255, 0)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


def palette_png() -> bytes:
    """A 5x6 palette image: index 0 red everywhere."""
    img = Image.new("P", (6, 5), 0)
    img.putpalette([255, 0, 0] + [0, 0, 0] * 255)
    return encode(img)


def exif_rotated_jpeg() -> bytes:
    """A wide 10x20 JPEG with a bright band on the left and EXIF orientation 6 (shown rotated: tall, band on top)."""
    a = np.zeros((10, 20), dtype=np.uint8)
    a[:, :5] = 255
    img = Image.fromarray(a, "L")
    exif = img.getexif()
    exif[0x0112] = 6
    return encode(img, "JPEG", exif=exif.tobytes(), quality=95)


# ---- AppTest helpers ----


@pytest.fixture
def page(app_test):
    """A page of the app in a language."""
    return lambda path, lang="en", **query: app_test(lang, page=path, **query)


def upload(at, key: str, name: str, data: bytes, mime: str = "image/png") -> None:
    """Put a file in the uploader with this key and rerun (what the browser does after an upload)."""
    at.file_uploader(key=key).set_value((name, data, mime)).run()


def errors(at) -> list[str]:
    """The texts of the error boxes."""
    return [e.value for e in at.error]


def explore_with_band(at) -> None:
    """On Explore: upload the band PNG and edit the kernel to [1, -2], the user's work a bad input must not lose."""
    at.radio(key="ex_source").set_value("upload").run()
    upload(at, "ex_file", "band.png", band_png())
    edit_cell(at, 0, 1, "-2")
    assert not at.exception and not at.error


def band_output() -> np.ndarray:
    """Y of the band with the kernel [1, -2]."""
    return BAND[:, :-1] - 2 * BAND[:, 1:]


def shape_caption(h: int, w: int, c: int = 1, lang: str = "en") -> str:
    """The caption under the image picker."""
    return t("image_shape", lang, h=h, w=w, c=c)


def captions(at) -> list[str]:
    """The texts of the captions."""
    return [c.value for c in at.caption]


# ---- uploads ----

BAD_UPLOADS = [
    ("notes.png", b"hello, I am a text file pretending to be a PNG\n" * 10, "err_image_not_image", {}),
    ("cut.png", truncated_png(), "err_image_corrupt", {}),
    ("empty.png", b"", "err_image_empty", {}),
    ("bomb.png", bomb_png(), "err_image_too_large_unknown", {"limit_mp": f"{MAX_PIXELS / 1_000_000:.3g}"}),
    ("big.png", bomb_png(6000, 6000), "err_image_too_large",
     {"width": 6000, "height": 6000, "limit_mp": f"{MAX_PIXELS / 1_000_000:.3g}"}),
    ("huge.png", b"\0" * (MAX_BYTES + 1), "err_image_too_many_bytes", {"limit_mb": f"{MAX_BYTES / (1024 * 1024):.3g}"}),
]


@pytest.mark.parametrize("name, data, key, params", BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_bad_upload_on_explore_says_why_and_keeps_the_image_and_kernel(page, name, data, key, params):
    at = page(EXPLORE)
    explore_with_band(at)
    upload(at, "ex_file", name, data)
    assert not at.exception
    assert t(key, "en", **params) in errors(at)
    assert t("image_kept_previous", "en") in captions(at)
    assert shape_caption(10, 12) in captions(at)  # still the band, not the bad file
    assert at.session_state["exk_cells"] == [["1", "-2"]]  # the edited kernel is untouched
    assert np.array_equal(heat(at, "ex_y_chart"), band_output())


def test_bad_upload_message_in_korean(page):
    at = page(EXPLORE, "ko")
    explore_with_band(at)
    upload(at, "ex_file", "bomb.png", bomb_png())
    assert not at.exception
    message = t("err_image_too_large_unknown", "ko", limit_mp=f"{MAX_PIXELS / 1_000_000:.3g}")
    assert message in errors(at) and "백만 화소" in message
    assert t("image_kept_previous", "ko") in captions(at)


def test_first_upload_bad_shows_the_message_and_the_prompt(page):
    at = page(EXPLORE)
    at.radio(key="ex_source").set_value("upload").run()
    upload(at, "ex_file", "notes.png", b"not an image")
    assert not at.exception
    assert t("err_image_not_image", "en") in errors(at)
    assert t("explore_no_image", "en") in [i.value for i in at.info]


ODD_UPLOADS = [
    ("animated.gif", animated_gif(), "image/gif", (6, 6), 1.0),
    ("deep.png", encode(Image.fromarray(np.full((4, 5), 65535, np.uint16))), "image/png", (4, 5), 1.0),
    ("palette.png", palette_png(), "image/png", (5, 6), 0.299),  # red in grey: ITU-R 601 luma
    ("clear.png", encode(Image.new("RGBA", (7, 6), (0, 0, 0, 0))), "image/png", (6, 7), 1.0),  # on white
    ("cmyk.jpg", encode(Image.new("CMYK", (8, 8), (0, 0, 0, 0)), "JPEG"), "image/jpeg", (8, 8), 1.0),
]


@pytest.mark.parametrize("name, data, mime, shape, value", ODD_UPLOADS, ids=[o[0] for o in ODD_UPLOADS])
def test_unusual_but_valid_images_are_decoded(page, name, data, mime, shape, value):
    at = page(EXPLORE)
    at.radio(key="ex_source").set_value("upload").run()
    upload(at, "ex_file", name, data, mime)
    assert not at.exception and not at.error
    assert shape_caption(*shape) in captions(at)
    assert np.allclose(heat(at, "ex_x_chart"), value, atol=0.02)


def test_exif_rotated_jpeg_is_shown_upright(page):
    at = page(EXPLORE)
    at.radio(key="ex_source").set_value("upload").run()
    upload(at, "ex_file", "phone.jpg", exif_rotated_jpeg(), "image/jpeg")
    assert not at.exception and not at.error
    assert shape_caption(20, 10) in captions(at)  # tall, as the camera meant
    X = heat(at, "ex_x_chart")
    assert X[:5].mean() > 0.8 and X[-5:].mean() < 0.2  # the band is on top


def test_one_pixel_image_explains_why_there_is_no_output_until_the_kernel_fits(page):
    at = page(EXPLORE)
    at.radio(key="ex_source").set_value("upload").run()
    upload(at, "ex_file", "dot.png", encode(Image.new("L", (1, 1), 255)))
    assert not at.exception
    assert shape_caption(1, 1) in captions(at)
    assert t("err_kernel_too_large", "en", explain="(1 - 1 + 1) x (1 - 2 + 1) = 1 x 0") in errors(at)
    at.number_input(key="exk_cols").set_value(1).run()  # a 1x1 kernel fits
    assert not at.exception and not at.error
    assert heat(at, "ex_y_chart").tolist() == [[1.0]]


def test_bad_upload_on_train_keeps_the_trainer(page):
    at = page(TRAIN)
    at.radio(key="trx_source").set_value("upload").run()
    upload(at, "trx_file", "band.png", band_png())
    at.button(key="tr_once").click().run()
    at.button(key="tr_once").click().run()
    trainer = at.session_state["tr_trainer"]
    assert trainer.steps_taken == 2 and trainer.X.shape == (10, 12)
    upload(at, "trx_file", "cut.png", truncated_png())
    assert not at.exception
    assert t("err_image_corrupt", "en") in errors(at)
    assert at.session_state["tr_trainer"] is trainer and trainer.steps_taken == 2


# ---- kernels on Explore ----


def test_huge_kernel_value_is_refused_and_the_last_output_stays(page):
    at = page(EXPLORE)
    edit_cell(at, 0, 0, "1e308")
    assert not at.exception
    assert t("err_kernel_too_big_value", "en", row=1, col=1, limit=f"{kernels.MAX_ABS_VALUE:g}") in errors(at)
    assert t("kernel_kept_last", "en") in captions(at)
    assert np.array_equal(heat(at, "ex_y_chart"), EDGE_MAP)


def test_kernel_message_in_korean(page):
    at = page(EXPLORE, "ko")
    edit_cell(at, 0, 1, "abc")
    assert not at.exception
    assert t("err_kernel_text", "ko", row=1, col=2, value="abc") in errors(at)
    assert t("kernel_kept_last", "ko") in captions(at)
    assert np.array_equal(heat(at, "ex_y_chart"), EDGE_MAP)


def test_all_zero_kernel_gives_zeros_and_normalise_says_why_it_cannot(page):
    at = page(EXPLORE)
    edit_cell(at, 0, 0, "0")
    edit_cell(at, 0, 1, "0")
    assert not at.exception and not at.error
    assert np.array_equal(heat(at, "ex_y_chart"), np.zeros((6, 7)))
    press(at, "normalize")
    assert not at.exception
    assert t("err_kernel_sum_zero", "en") in errors(at)
    assert at.session_state["exk_cells"] == [["0", "0"]]


def test_kernel_larger_than_the_image_says_so_and_comes_back_when_it_fits(page):
    at = page(EXPLORE)
    at.number_input(key="exk_rows").set_value(7).run()  # the stripes have 6 rows
    assert not at.exception
    assert t("err_kernel_too_large", "en", explain="(6 - 7 + 1) x (8 - 2 + 1) = 0 x 7") in errors(at)
    assert len(at.session_state["exk_cells"]) == 7  # the user's kernel is kept as typed
    at.number_input(key="exk_rows").set_value(1).run()
    assert not at.exception and not at.error
    assert np.array_equal(heat(at, "ex_y_chart"), EDGE_MAP)


def test_one_by_one_kernel_copies_the_image(page):
    at = page(EXPLORE)
    at.number_input(key="exk_cols").set_value(1).run()
    assert not at.exception and not at.error
    assert np.array_equal(heat(at, "ex_y_chart"), STRIPES)  # K = [[1]]
    assert "(6 - 1 + 1) x (8 - 1 + 1) = 6 x 8" in markdown(at)


def test_largest_kernel_works_and_the_size_inputs_stop_there(page):
    at = page(EXPLORE)
    side = kernels.MAX_KERNEL_SIDE
    assert at.number_input(key="exk_rows").max == side and at.number_input(key="exk_cols").max == side
    at.selectbox(key="ex_sample").set_value("checkerboard").run()  # 16x16
    assert t("kernel_side_limit", "en", limit=side) not in captions(at)
    at.number_input(key="exk_rows").set_value(side).run()
    at.number_input(key="exk_cols").set_value(side).run()
    assert not at.exception and not at.error
    assert t("kernel_side_limit", "en", limit=side) in captions(at)  # says why the inputs stop there
    assert heat(at, "ex_y_chart").shape == (16 - side + 1, 16 - side + 1)


# ---- settings on Explore ----


def test_dilation_that_leaves_no_output_says_so_and_recovers(page):
    at = page(EXPLORE)
    at.selectbox(key="exk_preset").set_value("sobel_x").run()
    at.number_input(key="ex_dilation").set_value(3).run()  # a 3x3 kernel dilated by 3 spans 7 rows; X has 6
    assert not at.exception
    assert t("err_kernel_too_large", "en", explain="(6 - 3*(3 - 1) - 1 + 1) x (8 - 3*(3 - 1) - 1 + 1) = 0 x 2") in errors(at)
    at.number_input(key="ex_dilation").set_value(1).run()
    assert not at.exception and not at.error
    assert heat(at, "ex_y_chart").shape == (4, 6)


def test_largest_stride_still_leaves_one_output_cell(page):
    at = page(EXPLORE)
    at.number_input(key="ex_stride").set_value(8).run()
    assert not at.exception and not at.error
    assert heat(at, "ex_y_chart").shape == (1, 1)  # floor((n - k) / s) + 1 is at least 1 when the kernel fits


def test_padding_larger_than_the_kernel_grows_the_output(page):
    at = page(EXPLORE)
    at.number_input(key="ex_padding").set_value(8).run()
    assert not at.exception and not at.error
    Y = heat(at, "ex_y_chart")
    assert Y.shape == (22, 23)
    assert np.array_equal(Y[8:14, 8:15], EDGE_MAP) and Y[:8].sum() == 0  # zeros all round the book's map


# ---- training ----


def train_page(page, steps: int = 500):
    """The Train page with a run long enough to be interrupted."""
    at = page(TRAIN)
    at.number_input(key="tr_steps").set_value(steps).run()
    at.select_slider(key="tr_lr").set_value(0.01).run()
    return at


def test_diverged_run_can_be_reset_and_trained_with_a_smaller_rate(page):
    at = train_page(page, steps=200)
    at.select_slider(key="tr_lr").set_value(10.0).run()
    at.button(key="tr_finish").click().run()
    trainer = at.session_state["tr_trainer"]
    assert trainer.diverged and any(e.startswith("Training diverged at step") for e in errors(at))
    at.select_slider(key="tr_lr").set_value(0.01).run()
    at.button(key="tr_reset").click().run()
    at.button(key="tr_once").click().run()
    assert not at.exception and not at.error
    assert at.session_state["tr_trainer"] is trainer and trainer.steps_taken == 1 and not trainer.diverged


def test_zero_steps_cannot_be_asked_for(page):
    at = train_page(page, steps=60)
    assert at.number_input(key="tr_steps").min == 1
    at.number_input(key="tr_steps").set_value(0).run()
    assert not at.exception
    assert at.number_input(key="tr_steps").value >= 1  # the input refuses 0
    at.button(key="tr_finish").click().run()
    assert not at.exception and at.session_state["tr_trainer"].steps_taken >= 1


def test_pressing_start_twice_runs_once(page):
    at = train_page(page)
    start = at.button(key="tr_start")
    start.click().run()
    trainer = at.session_state["tr_trainer"]
    first = trainer.steps_taken
    assert at.session_state["tr_running"] and first > 0
    states = at._tree.get_widget_states()  # the second click of a double click, sent after the first rerun
    state = states.widgets.add()
    state.id, state.trigger_value = start.proto.id, True
    at._run(states)
    assert not at.exception
    assert at.session_state["tr_trainer"] is trainer and trainer.steps_taken >= first  # nothing restarted
    assert at.session_state["tr_running"] and at.button(key="tr_pause").label == "Pause"


def test_reset_during_training_stops_and_clears(page):
    at = train_page(page)
    at.button(key="tr_start").click().run()
    at.run()
    assert at.session_state["tr_running"] and at.session_state["tr_trainer"].steps_taken > 0
    at.button(key="tr_reset").click().run()
    assert not at.exception and not at.error
    assert not at.session_state["tr_running"] and at.session_state["tr_trainer"].steps_taken == 0
    assert at.button(key="tr_start").label == "Start"
    at.run()
    assert at.session_state["tr_trainer"].steps_taken == 0  # no tick left over from the old run


def test_leaving_mid_training_and_coming_back_keeps_the_trainer_and_settings(page):
    at = train_page(page)
    at.selectbox(key="trx_sample").set_value("letter").run()
    at.number_input(key="tr_seed").set_value(3).run()
    at.button(key="tr_start").click().run()
    trainer = at.session_state["tr_trainer"]
    done = trainer.steps_taken
    assert at.session_state["tr_running"] and done > 0
    at.switch_page(HOME).run()
    assert not at.exception
    at.switch_page(TRAIN).run()
    assert not at.exception
    assert at.selectbox(key="trx_sample").value == "letter" and at.number_input(key="tr_seed").value == 3
    assert at.select_slider(key="tr_lr").value == 0.01 and at.number_input(key="tr_steps").value == 500
    assert at.session_state["tr_trainer"] is trainer and trainer.steps_taken >= done
    assert trainer.history[0].lr == 0.01


# ---- URLs ----

TAMPERED = {
    "lang": "<script>alert(1)</script>", "step": "-1e999", "kernel": "nan,1;2", "stride": "9" * 5000,
    "padding": "-3", "dilation": "0x10", "lr": "1e999", "steps": "-5", "image": "../../etc/passwd",
    "drawing": "99x99.AAAA", "draw": "99x99.AAAA", "present": "maybe", "sample": "\u0000\u202e", "mode": "eval(1)",
    "src": "ftp", "side": "1e9", "color": "2", "chmode": "[]", "row": "-1", "col": "NaN", "size": "99x99",
    "opt": "__import__('os')", "loss": "", "seed": "-1", "device": "cuda:99", "log": "{}", "speed": "warp",
    "preset": "../x", "kernel_g": "1;" * 3000,
}


@pytest.mark.parametrize("path", [HOME, EXPLORE, TRAIN, LESSON])
def test_tampered_query_strings_never_raise(page, path):
    at = page(path, "en", **{k: v for k, v in TAMPERED.items() if k != "lang"})
    assert not at.exception
    assert at.title and at.title[0].value  # the page is drawn
    if path == EXPLORE:  # a page that reads its settings from the link says which ones it could not use
        notices = [i.value for i in at.info if i.value.startswith(t("share_bad_link", "en", names="").strip())]
        assert any("stride" in n and "kernel" in n for n in notices), notices


@pytest.mark.parametrize("path", [HOME, EXPLORE, TRAIN, LESSON])
def test_tampered_and_oversized_language_falls_back_to_korean(app_test, path):
    for lang in (TAMPERED["lang"], "en" * 50_000):
        at = app_test(lang, page=path, kernel="1," * 50_000)
        assert not at.exception
        assert at.session_state["lang"] == "ko" and at.query_params["lang"] == "ko"


# ---- errors are logged, not shown ----


def test_unexpected_error_is_logged_with_its_traceback_and_shown_as_a_plain_message(caplog):
    from streamlit.testing.v1 import AppTest

    def script():
        import streamlit as st

        from ui.shell import show_error

        st.session_state.lang = "en"
        try:
            raise RuntimeError("secret internal detail")
        except RuntimeError as error:
            show_error(error)

    at = AppTest.from_function(script, default_timeout=30)
    with caplog.at_level(logging.ERROR, logger="convlab"):
        at.run()
    assert not at.exception
    assert errors(at) == [t("unexpected_error", "en")]
    assert all("secret" not in e for e in errors(at))
    record = next(r for r in caplog.records if r.name == "convlab")
    assert record.levelno == logging.ERROR and record.exc_info and "secret internal detail" in str(record.exc_info[1])


def test_user_errors_are_shown_not_logged(caplog):
    from streamlit.testing.v1 import AppTest

    def script():
        import streamlit as st

        from convcore.errors import ImageError
        from ui.shell import show_error

        st.session_state.lang = "ko"
        show_error(ImageError("err_image_empty"))

    at = AppTest.from_function(script, default_timeout=30)
    with caplog.at_level(logging.INFO, logger="convlab"):
        at.run()
    assert errors(at) == [t("err_image_empty", "ko")]
    assert not [r for r in caplog.records if r.name == "convlab"]


# ---- sessions and caches ----


def test_two_sessions_at_once_share_nothing(page):
    a, b = page(EXPLORE), page(EXPLORE)
    explore_with_band(a)  # A uploads and edits its kernel
    b.run()
    assert not b.exception
    assert "ex_last_upload" not in b.session_state and b.session_state["exk_cells"] == [["1", "-1"]]
    assert b.radio(key="ex_source").value == "sample"
    assert np.array_equal(heat(b, "ex_y_chart"), EDGE_MAP)
    edit_cell(b, 0, 0, "3")  # B edits its own kernel; A must not see it
    a.run()
    assert a.session_state["exk_cells"] == [["1", "-2"]]
    assert np.array_equal(heat(a, "ex_y_chart"), band_output())
    assert np.array_equal(heat(b, "ex_y_chart"), 3 * STRIPES[:, :-1] - STRIPES[:, 1:])
    assert a.session_state["ex_last_upload"].X is not None and "ex_last_upload" not in b.session_state


def test_upload_cache_is_keyed_on_the_bytes_and_hands_out_copies():
    from ui.widgets.image_input import cached_decode

    band = band_png()
    other = encode(Image.new("L", (12, 10), 40))
    X1, X2 = cached_decode(band, False), cached_decode(other, False)
    assert X1.shape == X2.shape == (10, 12) and not torch.equal(X1, X2)  # same size, another user's picture
    assert torch.equal(X1, torch.from_numpy(BAND))
    X1[:] = 0.5  # one session scribbling on its tensor ...
    assert torch.equal(cached_decode(band, False), torch.from_numpy(BAND))  # ... never reaches the next one
    with pytest.raises(ImageError):
        cached_decode(b"", False)
