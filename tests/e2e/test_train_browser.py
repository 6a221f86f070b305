"""Browser: the Train page draws training live (frames counted), Pause stops it, Resume goes on; screenshots."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import TRACK_RUNS, assert_no_exception, pause_training, steps_shown, wait_app_idle
from tests.helpers.browser import wait_runs_done
from tests.helpers.previews import chart_state
from ui.text import t

pytestmark = pytest.mark.browser
TALL = {"width": 1400, "height": 2400}


@pytest.fixture(autouse=True)
def track_runs(context) -> None:
    """Every page of these tests reads the server's runs from its websocket (wait_runs_done)."""
    context.add_init_script(TRACK_RUNS)

# Records every distinct "Step n / total" of the progress bar and the loss panel's point count, as they change, and
# every plot div the live chart (loss, weights and landscape in one figure) is drawn in (a second node for a key is
# a remount: the chart blinked).
WATCH = """() => {
  window.__frames = [];
  window.__plotNodes = {};
  const nodes = new Map();
  const read = () => {
    for (const key of ['tr_charts']) {
      const gd = document.querySelector('.st-key-' + key + ' .js-plotly-plot');
      if (!gd) continue;
      if (!nodes.has(key)) nodes.set(key, new Set());
      nodes.get(key).add(gd);
      window.__plotNodes[key] = nodes.get(key).size;
    }
    const bar = document.querySelector('[data-testid="stProgress"]');
    const m = bar && bar.innerText.match(/(\\d[\\d,]*)\\s*\\/\\s*(\\d[\\d,]*)/);
    const plot = document.querySelector('.st-key-tr_charts .js-plotly-plot');
    const shown = plot && plot.__convlab?.shown;  // what the chart shows (Plotly's drawing or the live lines over it)
    const trace = shown && shown.traces.find(d => d.meta === 'loss');
    const points = trace ? trace.points : 0;
    if (!m) return;
    const step = parseInt(m[1].replace(/,/g, ''));
    const last = window.__frames[window.__frames.length - 1];
    if (!last || last.step !== step || last.points !== points)
      window.__frames.push({step: step, points: points, t: performance.now()});
  };
  new MutationObserver(read).observe(document.body, {subtree: true, childList: true, characterData: true});
  read();
}"""


# The canvas of live lines (if one was made) holds no drawn pixel.
LINES_CLEAR = """() => {
  const canvas = document.querySelector('.st-key-tr_charts canvas.convlab-live-lines');
  if (!canvas) return true;
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return false;
  return true;
}"""


# Whether the loss line answers hover ("hover") or not ("skip"), as Plotly last drew it.
LIVE_HOVER = """() => {
  const plot = document.querySelector('.st-key-tr_charts .js-plotly-plot');
  const loss = plot._fullData.find(d => d.meta === 'loss');
  return loss.hoverinfo === 'skip' ? 'skip' : 'hover';
}"""


def open_train(page: Page, app_url: str, lang: str) -> None:
    """The Train page in a language (the server is first warmed on '/', where st.navigation is registered)."""
    page.set_viewport_size(TALL)
    page.goto(f"{app_url}/?lang={lang}")
    page.wait_for_selector("h1", timeout=90_000)
    wait_app_idle(page, 60_000)
    page.goto(f"{app_url}/train?lang={lang}")
    expect(page.get_by_role("heading", name=t("train_title", lang))).to_be_visible(timeout=90_000)
    expect(page.locator(".st-key-tr_start button")).to_be_visible(timeout=60_000)
    wait_app_idle(page, 60_000)


def set_number(page: Page, key: str, value: int) -> None:
    """Type into a number input and wait for the rerun."""
    box = page.locator(f".st-key-{key} input")
    box.fill(str(value))
    box.press("Enter")
    expect(box).to_have_value(str(value))
    wait_app_idle(page, 60_000)


def set_lr(page: Page, value: str) -> None:
    """Move the learning-rate slider to `value` with the keyboard (its thumb is a visually hidden range input)."""
    thumb = page.locator('.st-key-tr_lr input[type="range"]')
    thumb.focus()
    for _ in range(30):
        now = thumb.get_attribute("aria-valuetext") or ""
        if now == value:
            break
        page.keyboard.press("ArrowRight" if float(now) < float(value) else "ArrowLeft")
        expect(thumb).not_to_have_attribute("aria-valuetext", now)  # the thumb moved one option
    expect(thumb).to_have_attribute("aria-valuetext", value)
    thumb.blur()  # the slider sends its value when it loses focus
    code = page.get_by_text(f"lr = {value}")
    for _ in range(3):  # the code twin follows the learning rate the server has: proof the value arrived
        page.get_by_text(t("train_code", "en")).click()
        try:
            expect(code).to_be_visible(timeout=20_000)
            break
        except AssertionError:
            continue
    expect(code).to_be_visible()
    wait_app_idle(page, 60_000)


def test_live_training_pause_and_resume(page: Page, app_url: str, artifacts) -> None:
    open_train(page, app_url, "en")
    set_number(page, "tr_steps", 5000)
    page.evaluate(WATCH)
    page.locator(".st-key-tr_start button").click()
    expect(page.locator(".st-key-tr_pause button")).to_be_enabled(timeout=60_000)
    # Several intermediate frames: the step counter and the chart's points grow while training runs.
    # Five distinct step counts shown and the loss chart redrawn with more points (a frame log may repeat a step
    # while charts redraw; on a slow machine the chart's first few frames can all carry the same points).
    page.wait_for_function(
        """() => {
          const drawn = window.__frames.filter(f => f.step > 0 && f.step < 5000 && f.points > 0);
          return new Set(drawn.map(f => f.step)).size >= 5 && new Set(drawn.map(f => f.points)).size >= 2;
        }""",
        timeout=60_000)
    frames = page.evaluate("window.__frames")
    live = [f for f in frames if 0 < f["step"] < 5000]
    assert len({f["step"] for f in live}) >= 5, frames
    assert [f["step"] for f in live] == sorted(f["step"] for f in live)
    assert max(f["points"] for f in live) > min(f["points"] for f in live if f["points"] > 0)
    # While training runs, most frames redraw only the live lines, on a canvas over the chart (no Plotly redraw).
    page.wait_for_function("() => window.__convlab.stats.lines >= 3", timeout=30_000)
    assert page.evaluate(LIVE_HOVER) == "skip"  # Plotly's copies under the canvas are stale: no hover on them

    page.locator(".st-key-tr_pause button").first.click(force=True)  # no wait for a still page: charts redraw
    expect(page.locator(".st-key-tr_start button").first).to_have_text(re.compile("Resume"), timeout=30_000)
    wait_runs_done(page)  # the Resume button is drawn before the bar: read the bar once the Pause's run is over
    paused = steps_shown(page)
    # Must not happen: paused, the canvas still showing lines, or Plotly's own lines left hidden under it.
    expect(page.locator('.st-key-tr_charts g.trace[class*="traceconvlab-live-"]')).to_have_count(0)  # plain traces
    assert page.evaluate(LINES_CLEAR), "the live lines' canvas is not clear after a pause"
    expect(page.locator(".st-key-tr_charts .scatterlayer g.trace path.js-line").first).to_be_visible()
    assert page.evaluate(LIVE_HOVER) == "hover"  # paused: Plotly draws the lines, and they hover again
    assert 0 < paused < 5000  # a blocking loop would have held the button until all 5000 steps ran
    # Paused, nothing moves: a whole run of the page (the log scale switched on) later, still the same step.
    page.locator(".st-key-tr_log").get_by_text(t("train_log_scale", "en")).click()
    page.wait_for_function("""() => {
      const gd = document.querySelector('.st-key-tr_charts .js-plotly-plot');
      return gd && gd._fullLayout && Object.keys(gd._fullLayout).some(k => k.startsWith('yaxis')
        && gd._fullLayout[k].type === 'log');
    }""", timeout=30_000)
    wait_runs_done(page)
    assert steps_shown(page) == paused
    assert {f["step"] for f in page.evaluate("window.__frames") if f["step"] > paused} == set()
    expect(page.get_by_text(re.compile(re.escape(t("train_status_paused", "en").split(".")[0])))).to_be_visible()

    page.locator(".st-key-tr_start button").click()
    page.wait_for_function(f"() => window.__frames.some(f => f.step > {paused} + 20)", timeout=60_000)
    page.locator(".st-key-tr_pause button").first.click(force=True)
    expect(page.locator(".st-key-tr_start button").first).to_be_enabled(timeout=30_000)
    wait_runs_done(page)
    assert steps_shown(page) > paused
    assert_no_exception(page)
    # Must not happen: a live chart remounted (a new plot div) while training ran, paused and resumed; each was
    # updated in place (Plotly.react) in the one div it got on the first draw.
    assert page.evaluate("window.__plotNodes") == {"tr_charts": 1}
    print(f"paused at step {paused}; frames seen: {len(frames)}")


def test_a_slow_browser_gets_every_frame_the_server_computes(page: Page, app_url: str) -> None:
    """One frame in flight: the chart asks for the next frame once it has drawn the last, so a slow browser (CPU
    throttled 6 times) gets fewer frames, not frames computed and never shown. Must not happen while training runs:
    a live run cut short for the next one (Streamlit drops the frame of a run the next one overtook), or a frame the
    server computed that the chart skipped (under 90% of the live runs drawn)."""
    open_train(page, app_url, "en")
    set_number(page, "tr_steps", 5000)
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 6})
    page.locator(".st-key-tr_start button").click()
    expect(page.locator(".st-key-tr_pause button")).to_be_enabled(timeout=60_000)
    page.wait_for_function("() => window.__e2eRuns.fragments >= 2", timeout=60_000)  # past Start's own run
    seen = "() => ({...window.__e2eRuns, drawn: window.__convlab.stats.draws + window.__convlab.stats.lines})"
    before = page.evaluate(seen)
    page.wait_for_function(f"() => window.__e2eRuns.fragments >= {before['fragments']} + 20", timeout=120_000)
    during = page.evaluate(seen)
    assert during["early"] == before["early"], (before, during)
    runs, drawn = during["fragments"] - before["fragments"], during["drawn"] - before["drawn"]
    assert drawn >= 0.9 * runs, (before, during)
    page.locator(".st-key-tr_pause button").first.click()
    expect(page.locator(".st-key-tr_start button").first).to_have_text(re.compile("Resume"), timeout=60_000)
    wait_runs_done(page, 60_000)
    paused = steps_shown(page)
    assert 0 < paused < 5000
    assert_no_exception(page)


# Every picture the chart shows (its last live step) beside the step the progress bar says, at each animation frame.
PICTURES = """() => {
  window.__pictures = [];
  let seen = null;
  const tick = () => {
    if (window.__stopPictures) return;
    const plot = document.querySelector('.st-key-tr_charts .js-plotly-plot');
    const shown = plot && plot.__convlab?.shown;
    const bar = document.querySelector('[data-testid="stProgress"]');
    const m = bar && bar.textContent.match(/(\\d[\\d,]*)\\s*\\/\\s*(\\d[\\d,]*)/);
    if (shown && m && shown.updates !== seen && shown.step !== null) {
      seen = shown.updates;
      window.__pictures.push({chart: shown.step, bar: parseInt(m[1].replace(/,/g, ''))});
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""


def test_fast_training_shows_each_frame_in_two_pictures(page: Page, app_url: str) -> None:
    """Speed "fast": the server sends half as many frames and the browser shows each in two pictures, the first
    its history up to halfway since the last frame. Must not happen: a picture older than the one before it."""
    open_train(page, app_url, "en")
    set_number(page, "tr_steps", 5000)
    page.locator(".st-key-tr_speed button").filter(has_text=t("train_speed_fast", "en")).click()
    wait_app_idle(page, 60_000)
    page.evaluate(PICTURES)
    page.locator(".st-key-tr_start button").click()
    expect(page.locator(".st-key-tr_pause button")).to_be_enabled(timeout=60_000)
    page.wait_for_function("() => window.__pictures.length >= 16 && window.__convlab.stats.split >= 4",
                           timeout=60_000)
    pictures = page.evaluate("() => { window.__stopPictures = true; return window.__pictures; }")
    page.locator(".st-key-tr_pause button").first.click(force=True)
    expect(page.locator(".st-key-tr_start button").first).to_have_text(re.compile("Resume"), timeout=30_000)
    charts = [p["chart"] for p in pictures]
    assert charts == sorted(charts), pictures  # never back in time
    frames = {p["bar"] for p in pictures}  # the steps of the frames the server sent (each shown with its first picture)
    # A whole frame shows its own last step; a picture between two frames' steps is one of the halfway pictures.
    halfway = [p for p in pictures if p["chart"] not in frames and p["chart"] < p["bar"]]
    assert len(halfway) >= 3, pictures
    assert len(set(charts)) > len(frames), pictures  # more pictures than frames from the server
    assert_no_exception(page)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_mid_and_end_screenshots_with_summary_and_landscape(page: Page, app_url: str, artifacts, lang: str) -> None:
    open_train(page, app_url, lang)
    set_number(page, "tr_steps", 300)
    page.evaluate(WATCH)
    page.locator(".st-key-tr_start button").click()
    page.wait_for_function("() => window.__frames.some(f => f.step >= 30 && f.points >= 30)", timeout=90_000)
    page.screenshot(path=str(artifacts / f"train_mid_{lang}.png"), full_page=True)
    assert steps_shown(page) < 300 or page.evaluate("window.__frames.length") >= 4
    expect(page.get_by_text(t("train_status_reached", lang, steps=300))).to_be_visible(timeout=180_000)
    wait_app_idle(page)
    expect(page.locator(".st-key-tr_charts .js-plotly-plot .subplot.x3y3 .heatmaplayer .hm")).to_be_attached()  # the landscape's heatmap
    expect(page.get_by_text(re.compile(re.escape(t("train_close", lang, gap="X").split("X")[0][:20])))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(re.escape(t("train_download_csv", lang))))).to_be_visible()
    assert_no_exception(page)
    page.screenshot(path=str(artifacts / f"train_end_{lang}.png"), full_page=True)
    page.get_by_role("heading", name=t("train_summary", lang)).scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"train_result_{lang}.png"))


def test_too_large_learning_rate_leaves_the_valley(page: Page, app_url: str, artifacts) -> None:
    open_train(page, app_url, "en")
    set_lr(page, "0.05")
    page.locator(".st-key-tr_finish button").first.click()
    expect(page.get_by_text(re.compile("^Training diverged at step"))).to_be_visible(timeout=60_000)
    wait_app_idle(page)
    expect(page.locator(".st-key-tr_charts .js-plotly-plot .subplot.x3y3 .heatmaplayer .hm")).to_be_attached()  # the landscape's heatmap
    assert steps_shown(page) > 0  # the history up to the divergence is kept
    assert_no_exception(page)
    page.screenshot(path=str(artifacts / "train_diverged_en.png"), full_page=True)


AT_IN_ADDRESS = r"[?&]at=(\d+)"


def test_a_reload_mid_training_says_where_it_was_and_trains_again(page: Page, app_url: str, artifacts) -> None:
    """Defect 8: while training runs live, the address keeps the steps taken (written about once a second, not every
    frame: each change is a history entry); a reload (a new session) says where training was, starts from 0, and
    its button trains again to that step."""
    open_train(page, app_url, "en")
    set_number(page, "tr_steps", 5000)
    page.locator(".st-key-tr_speed button").filter(has_text=t("train_speed_slow", "en")).click()  # 1 step a frame
    wait_app_idle(page, 60_000)
    history_before = page.evaluate("history.length")
    page.locator(".st-key-tr_start button").click()
    page.wait_for_function(f"() => {{ const m = location.search.match(/{AT_IN_ADDRESS}/); return m && +m[1] >= 15; }}",
                           timeout=60_000)
    expect(page.locator(".st-key-tr_pause button")).to_be_enabled()  # still training: the address moved mid-run
    assert page.evaluate("history.length") - history_before <= 5  # about one entry a second, not one a frame

    page.reload()
    expect(page.get_by_role("heading", name=t("train_title", "en"))).to_be_visible(timeout=90_000)
    wait_app_idle(page, 60_000)
    n = int(re.search(AT_IN_ADDRESS, page.url).group(1))
    assert 15 <= n < 5000
    expect(page.get_by_text(t("train_reload_notice", "en", n=f"{n:,}"))).to_be_visible(timeout=30_000)
    assert steps_shown(page) == 0
    page.screenshot(path=str(artifacts / "train_reloaded_en.png"), full_page=True)
    page.locator(".st-key-tr_replay button").click()
    expect(page.get_by_text(t("train_status_paused", "en").split(".")[0])).to_be_visible(timeout=60_000)
    wait_app_idle(page)
    assert steps_shown(page) == n  # trained again to the step the page had reached
    expect(page.get_by_text(t("train_reload_notice", "en", n=f"{n:,}"))).to_have_count(0)
    assert_no_exception(page)


def test_a_pause_sent_with_the_charts_ask_for_a_frame_still_pauses_the_page(page: Page, app_url: str) -> None:
    """The browser sends the changes of one moment in one request, scoped to a fragment if one of them is a
    fragment's: a Pause clicked as the live chart asks for its next frame arrived as a run of the chart's fragment
    alone. Must not happen: training stopped by Pause while the button still says Pause (the page around the
    fragment never drawn again)."""
    open_train(page, app_url, "en")
    set_number(page, "tr_steps", 5000)
    page.locator(".st-key-tr_start button").click()
    expect(page.locator(".st-key-tr_pause button")).to_be_enabled(timeout=60_000)
    page.wait_for_function("() => window.__e2eRuns.fragments >= 2", timeout=60_000)  # training live
    # In one task, as a slow browser does: the chart's ask (a fragment's trigger), then the click on Pause.
    page.evaluate(f"""() => {{ const chart = {chart_state("tr_charts")};
      chart.setTriggerValue("frame", (chart.next ? chart.next.frame : 0) + 1000);
      document.querySelector('.st-key-tr_pause button').click(); }}""")
    expect(page.locator(".st-key-tr_start button").first).to_have_text(re.compile("Resume"), timeout=30_000)
    wait_runs_done(page, 60_000)
    assert 0 < steps_shown(page) < 5000
    assert_no_exception(page)


WHOLE_RUNS = "() => { const r = window.__e2eRuns; return r.finished - r.fragments - r.early; }"  # whole pages ended


def test_pause_step_once_and_reset_rerun_only_the_run_part_of_the_page(page: Page, app_url: str) -> None:
    """Pause, Step once and Reset answer with the run's part of the page (buttons, status, chart, the paused panels),
    not a run of the whole page: its settings (the picture, the kernel grid, a dozen inputs) are not drawn and sent
    again for a click (at 40 students training, that halves a Pause's server time). Start still runs the whole page.
    Must not happen: a whole-page run answering them, a paused panel missing, a step lost, an error box."""
    open_train(page, app_url, "en")
    set_number(page, "tr_steps", 5000)
    page.locator(".st-key-tr_start button").click()
    expect(page.locator(".st-key-tr_pause button")).to_be_enabled(timeout=60_000)
    page.wait_for_function("() => window.__e2eRuns.fragments >= 2", timeout=60_000)  # training live
    whole = page.evaluate(WHOLE_RUNS)
    pause_training(page)
    paused = steps_shown(page)
    grad_title = page.get_by_role("heading", name=t("train_grad_title", "en", step=paused))
    expect(grad_title).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name=t("train_summary", "en"))).to_be_visible()
    page.locator(".st-key-tr_once button").first.click()
    expect(page.get_by_role("heading", name=t("train_grad_title", "en", step=paused + 1))).to_be_visible(timeout=30_000)
    wait_runs_done(page)
    assert steps_shown(page) == paused + 1
    page.locator(".st-key-tr_reset button").first.click()
    expect(page.locator(".st-key-tr_start button").first).to_have_text(re.compile(re.escape(t("train_start", "en"))),
                                                                 timeout=30_000)
    wait_runs_done(page)
    assert steps_shown(page) == 0
    expect(page.get_by_role("heading", name=t("train_summary", "en"))).to_have_count(0)  # no result before a step
    assert page.evaluate(WHOLE_RUNS) == whole
    assert_no_exception(page)
