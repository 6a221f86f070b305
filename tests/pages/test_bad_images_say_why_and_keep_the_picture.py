"""Robustness (AppTest): a bad upload, on Explore or Train, never raises, says why in the user's language and keeps
the picture, the kernel and the trainer the user had; unusual but valid pictures are decoded as they look.

docs/robustness.md lists every case with its message and the test that covers it.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from convcore.images import MAX_BYTES, MAX_PIXELS
from tests.helpers.apptest import EXPLORE, TRAIN, captions, errors, explore_with_band, heat, upload
from ui.text import t
from tests.helpers.images import (animated_gif, band_output, band_png, bomb_png, encode, exif_rotated_jpeg, palette_png,
                                  truncated_png)


def shape_caption(h: int, w: int, c: int = 1, lang: str = "en") -> str:
    """The caption under the image picker."""
    return t("image_shape", lang, h=h, w=w, c=c)


BAD_UPLOADS = [
    ("notes.png", b"hello, I am a text file pretending to be a PNG\n" * 10, "err_image_not_image", {}),
    ("cut.png", truncated_png(), "err_image_corrupt", {}),
    ("empty.png", b"", "err_image_empty", {}),
    ("bomb.png", bomb_png(), "err_image_too_large_unknown", {"limit": MAX_PIXELS}),
    ("big.png", bomb_png(6000, 6000), "err_image_too_large",
     {"width": 6000, "height": 6000, "limit": MAX_PIXELS}),
    ("huge.png", b"\0" * (MAX_BYTES + 1), "err_image_too_many_bytes", {"limit_mb": f"{MAX_BYTES / (1024 * 1024):.3g}"}),
]


@pytest.mark.parametrize("name, data, key, params", BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_bad_upload_on_explore_says_why_and_keeps_the_image_and_kernel(app_page, name, data, key, params):
    at = app_page(EXPLORE)
    explore_with_band(at)
    upload(at, "ex_file", name, data)
    assert not at.exception
    assert t(key, "en", **params) in errors(at)
    assert t("image_kept_previous", "en") in captions(at)
    assert shape_caption(10, 12) in captions(at)  # still the band, not the bad file
    assert at.session_state["exk_cells"] == [["1", "-2"]]  # the edited kernel is untouched
    assert np.array_equal(heat(at, "ex_y_chart"), band_output())


def test_bad_upload_message_in_korean(app_page):
    at = app_page(EXPLORE, "ko")
    explore_with_band(at)
    upload(at, "ex_file", "bomb.png", bomb_png())
    assert not at.exception
    message = t("err_image_too_large_unknown", "ko", limit=MAX_PIXELS)
    assert message in errors(at) and "2,500만 화소" in message
    assert t("image_kept_previous", "ko") in captions(at)


def test_first_upload_bad_shows_the_message_and_the_prompt(app_page):
    at = app_page(EXPLORE)
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
def test_unusual_but_valid_images_are_decoded(app_page, name, data, mime, shape, value):
    at = app_page(EXPLORE)
    at.radio(key="ex_source").set_value("upload").run()
    upload(at, "ex_file", name, data, mime)
    assert not at.exception and not at.error
    assert shape_caption(*shape) in captions(at)
    assert np.allclose(heat(at, "ex_x_chart"), value, atol=0.02)


def test_exif_rotated_jpeg_is_shown_upright(app_page):
    at = app_page(EXPLORE)
    at.radio(key="ex_source").set_value("upload").run()
    upload(at, "ex_file", "phone.jpg", exif_rotated_jpeg(), "image/jpeg")
    assert not at.exception and not at.error
    assert shape_caption(20, 10) in captions(at)  # tall, as the camera meant
    X = heat(at, "ex_x_chart")
    assert X[:5].mean() > 0.8 and X[-5:].mean() < 0.2  # the band is on top


def test_one_pixel_image_explains_why_there_is_no_output_until_the_kernel_fits(app_page):
    at = app_page(EXPLORE)
    at.radio(key="ex_source").set_value("upload").run()
    upload(at, "ex_file", "dot.png", encode(Image.new("L", (1, 1), 255)))
    assert not at.exception
    assert shape_caption(1, 1) in captions(at)
    assert t("err_kernel_too_large", "en", explain="(1 - 1 + 1) x (1 - 2 + 1) = 1 x 0") in errors(at)
    at.number_input(key="exk_cols").set_value(1).run()  # a 1x1 kernel fits
    assert not at.exception and not at.error
    assert heat(at, "ex_y_chart").tolist() == [[1.0]]


def test_bad_upload_on_train_keeps_the_trainer(app_page):
    at = app_page(TRAIN)
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
