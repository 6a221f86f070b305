"""Browser: a bad upload keeps the picture (both languages), and the hosted profile (low CONVLAB_* limits, its own
server, since limits are read once per process) refuses work above its limits with a clear message and goes on."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import serving
from ui.text import t
from tests.helpers.browser import (TIMEOUT, assert_no_exception, band_file, choose_source, open_page, png_file,
                                   screenshot_top, steps_shown, upload, wait_app_idle)

pytestmark = pytest.mark.browser
HOSTED = {"CONVLAB_MAX_IMAGE_PIXELS": "10000", "CONVLAB_MAX_KERNEL_SIDE": "3", "CONVLAB_MAX_TRAINING_STEPS": "20",
          "CONVLAB_TRAINING_STEPS_PER_SECOND": "2", "CONVLAB_MAX_UPLOAD_BYTES": "20000",
          "STREAMLIT_SERVER_MAX_UPLOAD_SIZE": "1"}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_text_file_named_png_is_refused_and_the_picture_stays(page: Page, app_url: str, artifacts: Path,
                                                               tmp_path: Path, lang: str) -> None:
    open_page(page, app_url, "explore", "explore_title", lang)
    choose_source(page, lang, "upload")
    upload(page, "ex_file", band_file(tmp_path))
    shape = "(10 - 1 + 1) x (12 - 2 + 1) = 10 x 11"
    expect(page.get_by_text(shape)).to_be_visible(timeout=TIMEOUT)
    fake = tmp_path / "notes.png"
    fake.write_text("hello, I am a text file pretending to be a PNG\n" * 10)
    upload(page, "ex_file", fake)
    expect(page.get_by_text(t("err_image_not_image", lang))).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(t("image_kept_previous", lang))).to_be_visible()
    expect(page.get_by_text(shape)).to_be_visible()  # the band's output is still there
    assert_no_exception(page)
    screenshot_top(page, artifacts / f"robustness_upload_{lang}.png")


@pytest.fixture(scope="module")
def hosted_url(tmp_path_factory) -> Iterator[str]:
    """A server of its own with the hosted profile's low limits."""
    log = tmp_path_factory.mktemp("hosted") / "streamlit.log"
    with serving(env=HOSTED, log_path=log) as url:
        yield url
    text = log.read_text(errors="replace")
    assert "Traceback" not in text, text[-3000:]  # nothing went wrong behind the messages either


def test_hosted_profile_refuses_work_above_its_limits_and_keeps_working(page: Page, hosted_url: str, artifacts: Path,
                                                                      tmp_path: Path) -> None:
    lang = "en"
    open_page(page, hosted_url, "explore", "explore_title", lang)
    choose_source(page, lang, "upload")

    # 200x200 = 40000 pixels, over the budget of 10000 (a small file: the pixel guard answers, not the byte cap).
    upload(page, "ex_file", png_file(tmp_path, "wide.png", np.full((200, 200), 128)))
    expect(page.get_by_text(t("err_image_too_large", lang, width=200, height=200, limit=10_000))).to_be_visible(
        timeout=TIMEOUT)
    # Over CONVLAB_MAX_UPLOAD_BYTES (20000; checked before the pixels) but under Streamlit's own 1 MB cap: ConvLab's message.
    noisy = png_file(tmp_path, "noisy.png", np.random.default_rng(0).integers(0, 255, (200, 200)))
    assert 20000 < os.path.getsize(noisy) < 1024 * 1024
    upload(page, "ex_file", noisy)
    expect(page.get_by_text(t("err_image_too_many_bytes", lang, limit_mb=f"{20000 / 1048576:.3g}"))).to_be_visible(
        timeout=TIMEOUT)
    screenshot_top(page, artifacts / "robustness_hosted_en.png")

    # Over Streamlit's own cap (STREAMLIT_SERVER_MAX_UPLOAD_SIZE=1 MB): the browser refuses it before sending it,
    # with Streamlit's message (English only), and ConvLab's last message is still the one shown.
    big = tmp_path / "big.png"
    big.write_bytes(os.urandom(1536 * 1024))
    page.locator(".st-key-ex_file input[type=file]").set_input_files(str(big))
    expect(page.locator(".st-key-ex_file").get_by_text(re.compile(r"File must be .*or smaller"))).to_be_visible(
        timeout=TIMEOUT)

    # A picture within the budget works: the app kept going.
    upload(page, "ex_file", band_file(tmp_path, 50, 50))
    expect(page.get_by_text("(50 - 1 + 1) x (50 - 2 + 1) = 50 x 49")).to_be_visible(timeout=TIMEOUT)

    # Kernel rows: 3 is the most; the editor says so, and 4 is refused by the input.
    rows = page.locator(".st-key-exk_rows input")
    rows.fill("3")
    rows.press("Enter")
    expect(page.get_by_text("(50 - 3 + 1) x (50 - 2 + 1) = 48 x 49")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(t("kernel_side_limit", lang, limit=3))).to_be_visible()
    rows.fill("4")
    rows.press("Enter")
    page.locator(".st-key-exk_cols input").click()  # leave the field: the input reverts to what it allows
    wait_app_idle(page)
    expect(page.get_by_text("(50 - 3 + 1) x (50 - 2 + 1) = 48 x 49")).to_be_visible()
    expect(page.get_by_text("= 47 x 49")).to_have_count(0)  # must not happen: a 4-row kernel

    # Training: at most 20 steps a run, said next to the input, and 2 steps a second: Run to the end spends a 5 s
    # burst (10 steps), goes on live at the limit, which the progress bar names, and stops at 20.
    open_page(page, hosted_url, "train", "train_title", lang)
    expect(page.locator(".st-key-tr_steps input")).to_have_value("20")
    expect(page.get_by_text(t("train_steps_limit", lang, limit=20))).to_be_visible()
    page.locator(".st-key-tr_finish button").first.click()  # (the button may be drawn twice for a moment)
    expect(page.get_by_text(re.compile(re.escape(t("train_rate_limit", lang, limit="2"))))).to_be_visible(
        timeout=TIMEOUT)
    assert 10 <= steps_shown(page) < 20  # the burst, then 2 a second
    expect(page.get_by_text(t("err_train_max_steps", lang, limit=20))).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(t("train_progress", lang, step=20, total=20))).to_be_visible()
    assert_no_exception(page)
