"""Browser: why a kernel is learned (issue 19), as a student sees it in Chromium, in ko and en. Part 1: the gradient
panel beside Train's kernel after one step, and the Lesson's step 6 walking iteration 1 with the notebook's numbers;
part 2: a learning rate too large is foretold before Start (plain and momentum), its button picks 0.03, and the
landscape draws the ellipses' two axes; part 3: a 3x3 kernel from the stripes is "not determined", and one click
trains on a picture that determines it; part 5: Explore's transpose of X gives Y = 0 for [1, -1], in the link."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests.helpers.apptest import EDGE_MAP
from tests.helpers.browser import (TIMEOUT, TRACK_RUNS, assert_no_exception, by_key, heading, heatmap_labels,
                                   wait_charts_settled, wait_runs_done)
from ui.text import t

pytestmark = pytest.mark.browser
LANGS = ["ko", "en"]


@pytest.fixture(autouse=True)
def track_runs(context) -> None:
    """Every page of these tests reads the server's runs from its websocket (wait_runs_done)."""
    context.add_init_script(TRACK_RUNS)


def open_link(page: Page, url: str, title: str) -> None:
    """A deep link at 1400x1000, its heading shown and the server's runs over (a first request may run twice)."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(url)
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=90_000)
    wait_runs_done(page, 60_000)


def click_and_wait(page: Page, key: str) -> None:
    """Click the button drawn for `key` and wait until the runs it starts are over."""
    by_key(page, key).get_by_role("button").first.click()
    wait_runs_done(page, 60_000)


def numbers(page: Page, key: str, count: int) -> np.ndarray:
    """The numbers written in the cells of heatmap `key` (once it has `count` of them)."""
    labels = heatmap_labels(page, key)
    expect(labels).to_have_count(count)
    return np.array([float(s.replace("\u2212", "-")) for s in labels.all_text_contents()])


def shot(page: Page, artifacts: Path, name: str, at=None) -> None:
    """A 1400x1000 screenshot, with `at` (a locator) scrolled to the middle of the window, once the charts are drawn."""
    wait_charts_settled(page)  # the charts have their heights: what is below them stays where it is scrolled to
    if at is not None:
        at.first.evaluate("e => e.scrollIntoView({block: 'center'})")
    wait_charts_settled(page)
    page.screenshot(path=str(artifacts / name))


def warning_box(page: Page, text: str):
    """The warning alert that contains `text`."""
    return page.locator('[data-testid="stAlertContentWarning"]').filter(has_text=text)


def first_sentence(key: str, lang: str, **kw) -> str:
    """The text of string `key` up to its first full stop (plain text: no markdown there)."""
    return t(key, lang, **kw).split(".")[0]


# ---- part 1: the gradient is a correlation ----


@pytest.mark.parametrize("lang", LANGS)
def test_train_shows_the_gradient_beside_the_kernel_after_one_step(page: Page, app_url: str, artifacts: Path,
                                                                   lang: str) -> None:
    open_link(page, f"{app_url}/train?lang={lang}", t("train_title", lang))
    expect(page.get_by_role("heading", name=t("train_grad_title", lang, step=0))).to_be_visible(timeout=TIMEOUT)
    numbers(page, "trw_next", 2)
    foretold = heatmap_labels(page, "trw_next").all_text_contents()  # w - lr * grad at step 0: what the step gives
    start = heatmap_labels(page, "trw_kernel").all_text_contents()
    assert foretold != start
    click_and_wait(page, "tr_once")
    title = page.get_by_role("heading", name=t("train_grad_title", lang, step=1))
    expect(title).to_be_visible(timeout=TIMEOUT)
    expect(heatmap_labels(page, "trw_kernel")).to_have_text(foretold)  # the step did w -= lr * grad, as foretold
    wait_charts_settled(page)
    kernel, grad, after = numbers(page, "trw_kernel", 2), numbers(page, "trw_grad", 2), numbers(page, "trw_next", 2)
    assert np.abs(grad).max() > 1  # one step from the seeded start: still far from the target [1, -1]
    np.testing.assert_allclose(after, kernel - 0.03 * grad, atol=1e-2)  # the numbers shown are 3 digits
    expect(page.get_by_text(t("train_grad_caption_sum", lang), exact=True)).to_be_visible()
    assert_no_exception(page)
    shot(page, artifacts, f"why_train_gradient_{lang}.png", title)


@pytest.mark.parametrize("lang", LANGS)
def test_lesson_step6_walks_iteration_one_with_the_notebook_numbers(page: Page, app_url: str, artifacts: Path,
                                                                    lang: str) -> None:
    open_link(page, f"{app_url}/lesson?lang={lang}&step=6", f"6. {t('lesson_s6_title', lang)}")
    expect(heading(page, 6, lang)).to_be_visible()
    title = page.get_by_role("heading", name=t("lesson_grad_title", lang))
    expect(title).to_be_visible(timeout=TIMEOUT)
    code = page.locator('[data-testid="stCode"]')
    for printed in ("[[-0.6268, -1.2339,  0.0000,  0.0000,  0.0000,  0.6071, -0.6268],",  # Y_hat - Y
                    "tensor([[-29.8500,  -7.7580]])",  # the gradient, corr2d(X, 2(Y_hat - Y))
                    f"  {t('lesson_grad_rows', lang)} 0-5: 1*(-1.254) + 1*(-2.468) + 1*(-1.254) = -4.975",
                    "conv2d.weight.data[:] -= 0.03 * grad",
                    "parameters: tensor([[[[ 0.6616, -0.1602]]]])"):  # the weights iteration 1 prints
        expect(code.filter(has_text=printed).first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(re.compile(r"16\.061"))).to_be_visible()  # iteration 1's loss, in the text
    np.testing.assert_allclose(numbers(page, "lesson_grad6", 2), [-29.85, -7.758], rtol=5e-3)
    assert_no_exception(page)
    shot(page, artifacts, f"why_lesson_step6_{lang}.png", title)
    shot(page, artifacts, f"why_lesson_step6_grad_{lang}.png", by_key(page, "lesson_grad6"))


# ---- part 2: the largest stable learning rate, before Start ----


@pytest.mark.parametrize("lang", LANGS)
def test_a_too_large_rate_is_foretold_and_its_button_picks_a_stable_one(page: Page, app_url: str, artifacts: Path,
                                                                        lang: str) -> None:
    open_link(page, f"{app_url}/train?lang={lang}&lr=0.1", t("train_title", lang))
    warning = warning_box(page, first_sentence("train_lr_unstable", lang, limit="", curvature="", lr=""))
    expect(warning).to_have_count(1, timeout=TIMEOUT)
    expect(warning).to_contain_text("0.0333")  # 2 / 60, the largest curvature of the book's problem
    expect(page.locator(".st-key-tr_start button")).to_be_visible()  # before Start: nothing trained yet
    fix = by_key(page, "tr_lr_fix").get_by_role("button")
    expect(fix).to_have_text(re.compile(re.escape(t("train_lr_use", lang, lr="0.03"))))
    shot(page, artifacts, f"why_lr_warning_{lang}.png", warning)
    click_and_wait(page, "tr_lr_fix")
    expect(page.locator('.st-key-tr_lr input[type="range"]')).to_have_attribute("aria-valuetext", "0.03")
    expect(warning).to_have_count(0)
    expect(by_key(page, "tr_lr_fix")).to_have_count(0)
    # The landscape (one Plotly figure with the loss and weights) draws the ellipses' long and short axes.
    names = page.locator(".st-key-tr_charts .js-plotly-plot").first.evaluate(
        "gd => gd._fullData.filter(d => d.visible === true).map(d => d.name)")
    assert {t("train_axis_flat", lang), t("train_axis_steep", lang)} <= set(names), names
    assert_no_exception(page)
    shot(page, artifacts, f"why_lr_fixed_landscape_{lang}.png", by_key(page, "tr_charts"))


@pytest.mark.parametrize("lang", LANGS)
def test_momentum_at_a_too_large_rate_names_its_own_limit(page: Page, app_url: str, artifacts: Path,
                                                          lang: str) -> None:
    open_link(page, f"{app_url}/train?lang={lang}&opt=momentum&lr=0.1", t("train_title", lang))
    warning = warning_box(page, first_sentence("train_lr_unstable_momentum", lang, limit="", curvature="", lr="",
                                               beta="0.9"))
    expect(warning).to_have_count(1, timeout=TIMEOUT)
    expect(warning).to_contain_text("0.0633")  # 2 (1 + 0.9) / 60
    expect(by_key(page, "tr_lr_fix").get_by_role("button")).to_have_text(
        re.compile(re.escape(t("train_lr_use", lang, lr="0.05"))))
    assert_no_exception(page)
    shot(page, artifacts, f"why_lr_momentum_{lang}.png", warning)


# ---- part 3: identifiability ----


@pytest.mark.parametrize("lang", LANGS)
def test_a_3x3_kernel_from_the_stripes_is_not_determined_and_one_click_fixes_it(page: Page, app_url: str,
                                                                                artifacts: Path, lang: str) -> None:
    open_link(page, f"{app_url}/train?lang={lang}&preset=sobel_x", t("train_title", lang))
    title = page.get_by_role("heading", name=t("train_ident_title", lang))
    expect(title).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(t("train_ident_short", lang, h=3, w=3, n=9, rank=3))).to_be_visible()
    for combination in ("w[0,0] + w[1,0] + w[2,0]", "w[0,0] - w[2,0]"):  # determined, and free to move
        expect(page.locator("code").filter(has_text=combination).first).to_be_visible()
    richer = by_key(page, "trw_richer").get_by_role("button")
    expect(richer).to_have_text(re.compile(re.escape(
        t("train_ident_richer", lang, sample=t("sample_checkerboard", lang)))))
    assert_no_exception(page)
    shot(page, artifacts, f"why_ident_{lang}.png", title)
    click_and_wait(page, "trw_richer")
    expect(title).to_have_count(0, timeout=TIMEOUT)  # the checkerboard determines every weight
    expect(by_key(page, "trw_richer")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"sample=checkerboard"))
    assert_no_exception(page)


# ---- part 5: the seed's other experiment on Explore ----


@pytest.mark.parametrize("lang", LANGS)
def test_transposing_x_on_explore_gives_zeros_and_the_link_carries_it(page: Page, app_url: str, artifacts: Path,
                                                                      lang: str) -> None:
    open_link(page, f"{app_url}/explore?lang={lang}", t("explore_title", lang))
    assert sorted(numbers(page, "ex_y_chart", 42)) == sorted(EDGE_MAP.flat)  # the book's Y: the stripes' edges
    by_key(page, "ex_xform").get_by_text(t("explore_xform_transpose", lang), exact=True).click()
    wait_runs_done(page, 60_000)
    zero = t("explore_xform_zero", lang, code="X.t()")
    info = page.locator('[data-testid="stAlertContentInfo"]').filter(has_text=zero[:zero.index(", K)") + 4])
    expect(info).to_have_count(1, timeout=TIMEOUT)  # "Y is all zeros: corr2d(X.t(), K)"
    y = numbers(page, "ex_y_chart", 40)  # corr2d(X.t(), K): 8 x 5
    assert not y.any(), y
    expect(page).to_have_url(re.compile(r"xform=transpose"))
    assert_no_exception(page)
    shot(page, artifacts, f"why_explore_transpose_{lang}.png", by_key(page, "ex_y_chart"))
