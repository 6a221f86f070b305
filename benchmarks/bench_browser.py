"""End to end in a real browser (headless Chromium via Playwright): what a user of ConvLab waits for.

Measures, against a fresh `streamlit run app.py` per section:
1. cold start: process start until the home heading is visible; until Explore's output chart is drawn;
2. kernel edit to updated output on Explore, 30 edits each (p50/p95), for the 6x8 stripes and the photo at 256 and
   512: a number typed into a cell of the 3x3 grid, timed from Enter, and the Random button, timed from the click,
   each to the first animation frame that shows the Y chart's new data, drawn (watch_frames; both edits are previewed
   in the browser for inputs up to 512x512, ui/components/kernel_preview.py, so this times the preview); the websocket
   bytes each such rerun sends to the browser;
3. canvas stroke to updated output (Draw source, mouse down / move / up, from mouse-up to Y's new data; a stroke is
   previewed in the browser from the canvas's pixels, static/canvas_preview.js, and the server's rerun follows); a
   preset picked in the preset box (photo at 512, each pick a different 3x3 preset) and a sample picked in the sample
   box (photo and photo_rgb in turn, the largest samples, 256x256; then stripes, letter and photo in turn, each pick
   changing X's size), correlation / convolution switched and X.t() on the stripes, from the click on the option to
   Y's new data; an
   upload of a 600x400 photo (two PNGs in turn, made with PIL; Y at the default 512 side), from the file input's
   change to Y's new data; each pick or upload once the page's charts are drawn and still;
4. live training: frames per second seen in the browser, chart updates per second, remounts, blank moments, steps
   per second shown vs the bare Trainer;
5. server RSS per session (VmRSS of the server before and after opening N Explore sessions at 512).

Prints a table with the targets and PASS/FAIL, with the load average next to each section (the machine is
shared: other people's runs slow every figure). Asserts nothing; timings never go in unit tests.

Run from the repository root: .venv/bin/python -m benchmarks.bench_browser [--edits 30] [--only edit,pick,train]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

from tests.e2e.conftest import CHROMIUM_ARGS, COUNTING, ROOT, free_port, start_server, stop_server, wait_healthy
from tests.helpers.browser import by_key, choose_source, drag_across, wait_app_idle, wait_charts_settled
from ui.text import t

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", 60_000))
VIEWPORT = {"width": 1400, "height": 1000}

# A fingerprint of what the Y chart shows: the PNG of a large array, or the numbers of a small one.
FINGERPRINT = """(sel) => {
  const gd = document.querySelector(sel + ' .js-plotly-plot');
  if (!gd || !gd.data || !gd.data.length || !gd.querySelector('.main-svg')) return null;
  const d = gd.data[0];
  if (d.source) return d.source;
  const flat = (v) => ArrayBuffer.isView(v) ? Array.from(v).join(',') : Array.isArray(v) ? v.map(flat).join(';')
    : (v && v.bdata) ? v.bdata : String(v);
  return d.z ? flat(d.z) : null;
}"""

# Records the time of the user's last click / mouse-up / Enter (capturing, before any handler).
INPUT_CLOCK = """() => {
  if (window.__inputClock) return;
  window.__inputClock = true;
  for (const type of ['click', 'mouseup'])
    document.addEventListener(type, () => { window.__tInput = performance.now(); }, true);
  document.addEventListener('keydown', (e) => { if (e.key === 'Enter') window.__tInput = performance.now(); }, true);
  document.addEventListener('change', (e) => { if (e.target.type === 'file') window.__tInput = performance.now(); }, true);
}"""

# Watches the Train page: each distinct step count (a frame), chart remounts (a second plot div for the chart), blank
# chart moments, and the chart's updates (a Plotly redraw or new live lines; loss, weights and landscape are one
# figure), seen at an animation frame. textContent, not innerText: reading must not force a layout per mutation.
TRAIN_WATCH = """() => {
  window.__frames = []; window.__remounts = 0; window.__blank = 0; window.__samples = 0; window.__updates = {};
  const seen = {}, last = {};
  const read = () => {
    const bar = document.querySelector('[data-testid="stProgress"]');
    const m = bar && bar.textContent.match(/(\\d[\\d,]*)\\s*\\/\\s*(\\d[\\d,]*)/);
    if (!m) return;
    const step = parseInt(m[1].replace(/,/g, ''));
    const last = window.__frames[window.__frames.length - 1];
    if (!last || last.step !== step) window.__frames.push({step: step, t: performance.now()});
  };
  new MutationObserver(read).observe(document.body, {subtree: true, childList: true, characterData: true});
  const tick = () => {
    if (window.__stopWatch) return;
    window.__samples++;
    for (const key of ['tr_charts']) {
      const gd = document.querySelector('.st-key-' + key + ' .js-plotly-plot');
      if (!gd || !gd.querySelector('.main-svg')) { window.__blank++; continue; }
      if (!gd.__benchTag) { gd.__benchTag = true; if (seen[key]) window.__remounts++; seen[key] = true; }
      const mark = gd.__convlab?.shown?.updates;  // the chart changed on screen (a Plotly redraw
      if (mark !== undefined && mark !== last[key]) {                // or, while training runs, its live lines)
        last[key] = mark;
        window.__updates[key] = (window.__updates[key] || 0) + 1;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""


@dataclass
class Row:
    """One line of the results table."""

    section: str
    measure: str
    value: str
    target: str = ""
    ok: bool | None = None
    load: float = 0.0


ROWS: list[Row] = []


def load() -> float:
    """The 1-minute load average (2 cores shared with other developers)."""
    return os.getloadavg()[0]


def add(section: str, measure: str, value: str, target: str = "", ok: bool | None = None) -> None:
    """Record a result (printed as it comes and in the table at the end)."""
    row = Row(section, measure, value, target, ok, load())
    ROWS.append(row)
    verdict = "" if ok is None else ("PASS" if ok else "FAIL")
    print(f"  {measure}: {value} {f'(target {target}) {verdict}' if target else ''} [load {row.load:.1f}]", flush=True)


def pct(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


@contextmanager
def server(healthy: bool = True, env: dict[str, str] | None = None,
           root: Path = ROOT) -> Iterator[tuple[str, int, float]]:
    """A fresh `streamlit run app.py` (of the checkout at root): (base URL, pid, perf_counter at launch); healthy: once
    it answers."""
    port = free_port()
    started = time.perf_counter()
    proc = start_server(port, env=env, log_path=Path(tempfile.gettempdir()) / f"bench_browser_{port}.log", root=root)
    url = f"http://127.0.0.1:{port}"
    try:
        if healthy:
            wait_healthy(url, proc)
        yield url, proc.pid, started
    finally:
        stop_server(proc)


@contextmanager
def browser(pw: Playwright) -> Iterator[BrowserContext]:
    """Headless Chromium with a fresh profile (the flags of tests/e2e/conftest.py)."""
    with tempfile.TemporaryDirectory() as profile:
        context = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                        args=CHROMIUM_ARGS, viewport=VIEWPORT)
        context.add_init_script(COUNTING)  # the live chart's counters (window.__convlab.stats) are read below
        try:
            yield context
        finally:
            context.close()


def goto_when_up(page: Page, url: str, started: float, timeout: float = 60) -> None:
    """Open url as soon as the server answers its health check (polled every 20 ms, as a user's browser would
    open the page once `streamlit run` says it is up). Retrying page.goto itself instead costs Chromium a failed
    navigation per try and added 1 to 3 s here."""
    base = url.split("/", 3)
    health = "/".join(base[:3]) + "/_stcore/health"
    while True:
        try:
            with urllib.request.urlopen(health, timeout=1) as answer:
                if answer.status == 200:
                    break
        except (OSError, ValueError):
            pass
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"{health} did not answer within {timeout} s")
        time.sleep(0.02)
    page.goto(url, wait_until="commit", timeout=30_000)


def y_ready(sel: str = ".st-key-ex_y_chart") -> str:
    """A JS predicate: the chart under sel is drawn with data."""
    return f"() => ({FINGERPRINT})('{sel}') !== null"


def rss_kib(pid: int) -> int:
    """VmRSS of a process in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


# ---- 1. cold start ----


def cold_start(pw: Playwright, reps: int, roots: list[Path]) -> None:
    """Fresh server each time: until the home heading is visible, and (another fresh one) until Explore's Y shows;
    with several checkouts (--compare), each rep starts each of them in turn, so all see the same load."""
    print(f"\n== cold start ({reps} reps each) [load {load():.1f}]", flush=True)
    home: dict[Path, list[float]] = {root: [] for root in roots}
    explore: dict[Path, list[float]] = {root: [] for root in roots}
    with browser(pw) as context:
        for _ in range(reps):
            for root in roots:
                page = context.new_page()
                with server(healthy=False, root=root) as (url, _, started):
                    goto_when_up(page, f"{url}/?lang=en", started)
                    page.get_by_role("heading", name=t("home_title", "en")).wait_for(timeout=TIMEOUT)
                    home[root].append(time.perf_counter() - started)
                page.close()
                page = context.new_page()
                with server(healthy=False, root=root) as (url, _, started):
                    goto_when_up(page, f"{url}/explore?lang=en", started)
                    page.wait_for_function(y_ready(), timeout=TIMEOUT)
                    explore[root].append(time.perf_counter() - started)
                page.close()
    floor = bare_app_start(context_reps=reps, pw=pw)
    add("cold start", "the floor: a bare Streamlit app's title visible (median)", f"{statistics.median(floor):.2f} s "
        f"(all: {', '.join(f'{x:.1f}' for x in floor)})")
    for root in roots:
        name = "" if len(roots) == 1 else f" [{checkout_name(root)}]"
        add("cold start", f"home heading visible (median){name}", f"{statistics.median(home[root]):.2f} s "
            f"(all: {', '.join(f'{x:.1f}' for x in home[root])})", "< 3 s", statistics.median(home[root]) < 3)
        add("cold start", f"Explore output drawn (median){name}", f"{statistics.median(explore[root]):.2f} s "
            f"(all: {', '.join(f'{x:.1f}' for x in explore[root])})", "< 2.5 s", statistics.median(explore[root]) < 2.5)


def bare_app_start(context_reps: int, pw: Playwright) -> list[float]:
    """Seconds from `streamlit run` of an app that only draws a title (in a temporary folder) to the title visible:
    what Streamlit itself costs before any ConvLab code runs."""
    times = []
    with tempfile.TemporaryDirectory() as folder, browser(pw) as context:
        root = Path(folder)
        (root / "app.py").write_text('import streamlit as st\n\nst.title("Floor")\n')
        for _ in range(context_reps):
            page = context.new_page()
            with server(healthy=False, root=root) as (url, _, started):
                goto_when_up(page, f"{url}/", started)
                page.get_by_role("heading", name="Floor").wait_for(timeout=TIMEOUT)
                times.append(time.perf_counter() - started)
            page.close()
    return times


def checkout_name(root: Path) -> str:
    """A checkout as its folder and commit, e.g. 'wt-speed-base@51fe52a'."""
    head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return f"{root.name}@{head.stdout.strip() or '?'}"


# ---- 2. kernel edits, 3. canvas strokes ----


class WsBytes:
    """Bytes of the websocket frames the server sends to a page."""

    def __init__(self, page: Page) -> None:
        self.total = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self.add))

    def add(self, payload: bytes | str) -> None:
        """Count one frame."""
        self.total += len(payload)


def open_explore(page: Page, url: str, query: str) -> None:
    """Explore with link settings, drawn and idle."""
    page.goto(f"{url}/explore?lang=en&{query}")
    page.wait_for_function(y_ready(), timeout=TIMEOUT)
    wait_app_idle(page, TIMEOUT)
    page.evaluate(INPUT_CLOCK)


def watch_frames(page: Page, check: str) -> None:
    """Runs the JS function `check` at every animation frame from now until it returns true (or the next watch).

    In the page, not polled by Playwright: a poll set up after the input starts only once the page has finished
    the input's own work and whatever Streamlit queued behind it, so it would see a change drawn in the input's
    task frames late (40-80 ms in a Chromium trace of a previewed edit at 512).
    """
    page.evaluate(f"""() => {{
      const watch = (window.__watch = (window.__watch || 0) + 1), check = ({check});
      const tick = () => {{ if (window.__watch === watch && !check()) requestAnimationFrame(tick); }};
      requestAnimationFrame(tick);
    }}""")


def drawn_order(sel: str) -> str:
    """JS: the order of the last draw ConvLab's chart under sel finished (data-drawn, set once Plotly.react is done,
    a picture loaded), or '' for a chart that does not count its draws."""
    return f"(document.querySelector('{sel} .js-plotly-plot')?.dataset.drawn ?? '')"


def baseline(sel: str) -> str:
    """JS statements: what the chart under sel shows now becomes the baseline a change is told from."""
    return f"window.__old = ({FINGERPRINT})('{sel}'); window.__oldDrawn = {drawn_order(sel)};"


def change_seen(sel: str) -> str:
    """JS expression: whether the chart under sel shows other data than the baseline, drawn, since the input event
    (window.__tInput); a change seen before the input (a late redraw while `act` still moves the mouse) becomes the
    new baseline."""
    return f"""(() => {{
      const f = ({FINGERPRINT})('{sel}'), drawn = {drawn_order(sel)};
      if (f === null || f === window.__old || (drawn !== '' && drawn === window.__oldDrawn)) return false;
      if (window.__tInput === null) {{ {baseline(sel)} return false; }}
      return true;
    }})()"""


def timed_change(page: Page, act: Callable[[], None], sel: str = ".st-key-ex_y_chart") -> float:
    """Milliseconds from the input event `act` makes until the first animation frame in which the chart under sel
    shows different data, drawn; from charts at rest (the last change's server figure drawn too: a late redraw would
    pass for this change's answer)."""
    wait_charts_settled(page, TIMEOUT)
    page.evaluate(f"() => {{ {baseline(sel)} window.__tInput = null; window.__tDone = null; }}")
    done = "window.__tDone = performance.now(); return true;"
    watch_frames(page, f"() => {{ if (!{change_seen(sel)}) return false; {done} }}")
    act()
    page.wait_for_function("() => window.__tDone !== null", timeout=TIMEOUT)
    wait_app_idle(page, TIMEOUT)
    return page.evaluate("() => window.__tDone - window.__tInput")


def typed_edit(page: Page, k: int) -> Callable[[], None]:
    """Edit k: type a new integer into one cell of the 3x3 grid and press Enter (what a user does most)."""
    r, c = divmod(k % 9, 3)
    cell = page.get_by_role("textbox", name=t("kernel_cell_label", "en", row=r, col=c))
    old = cell.input_value()
    value = str((k * 7) % 11 - 5)  # -5..5, never the value already there
    if value == old.strip():
        value = str(int(value) + 6)

    def act() -> None:
        cell.fill(value)  # typing is the user's, before the clock; Enter starts it
        cell.press("Enter")
    return act


def kernel_edits(pw: Playwright, edits: int, warmup: int) -> None:
    """Kernel edits -> new output, p50/p95, websocket bytes per rerun: a typed cell (Enter), and the Random button."""
    cases = [("6x8 stripes", "sample=stripes&preset=sobel_x", 150), ("photo 256x256", "sample=photo&side=256&preset=sobel_x", 150),
             ("photo 512x512", "sample=photo&side=512&preset=sobel_x", 300)]
    with server() as (url, _, _), browser(pw) as context:
        for name, query, target in cases:
            for how in ("typed cell", "Random button"):
                print(f"\n== kernel edit ({how}), {name} ({warmup} warm-up + {edits} edits) [load {load():.1f}]",
                      flush=True)
                page = context.new_page()
                ws = WsBytes(page)
                open_explore(page, url, query)
                button = page.locator(".st-key-exk_grid button[data-action=random]")
                times, sent = [], []
                for k in range(warmup + edits):
                    before = ws.total
                    # Random: 3x3 integers in -2..2, a repeat is a 1 in 2 million
                    ms = timed_change(page, typed_edit(page, k) if how == "typed cell" else button.click)
                    page.wait_for_timeout(150)  # let trailing frames (e.g. forward messages) arrive
                    if k >= warmup:
                        times.append(ms)
                        sent.append(ws.total - before)
                p50, p95 = pct(times, 0.5), pct(times, 0.95)
                section = f"edit {name}, {how}"
                add(section, "kernel edit -> new Y, p50", f"{p50:.0f} ms", f"< {target} ms", p50 < target)
                add(section, "kernel edit -> new Y, p95", f"{p95:.0f} ms (max {max(times):.0f})", "< 150 ms", p95 < 150)
                mb = statistics.median(sent) / 1e6
                add(section, "websocket bytes per rerun (median)", f"{mb * 1000:.0f} kB",
                    "< 1 MB" if "512" in name else "", mb < 1 if "512" in name else None)
                page.close()


def canvas_strokes(pw: Playwright, strokes: int, warmup: int) -> None:
    """Draw source: mouse-up of a stroke -> new output."""
    print(f"\n== canvas stroke ({warmup} warm-up + {strokes} strokes) [load {load():.1f}]", flush=True)
    with server() as (url, _, _), browser(pw) as context:
        page = context.new_page()
        open_explore(page, url, "src=draw")
        canvas = page.locator("canvas.upper-canvas")
        canvas.wait_for(timeout=TIMEOUT)
        canvas.scroll_into_view_if_needed()
        page.wait_for_timeout(1000)  # the canvas's script starts after it appears
        times = []
        for k in range(warmup + strokes):
            box = canvas.bounding_box()
            y = box["y"] + box["height"] * (0.1 + 0.8 * ((k * 7) % 17) / 17)

            ms = timed_change(page, lambda: drag_across(page, box, y, inset=20, steps=10))
            if k >= warmup:
                times.append(ms)
        p50, p95 = pct(times, 0.5), pct(times, 0.95)
        add("canvas stroke", "mouse-up -> new Y, p50", f"{p50:.0f} ms", "< 100 ms", p50 < 100)
        add("canvas stroke", "mouse-up -> new Y, p95", f"{p95:.0f} ms (max {max(times):.0f})", "< 200 ms", p95 < 200)


PRESET_CYCLE = ("sobel_y", "laplacian", "box_blur", "sharpen", "sobel_x", "emboss", "prewitt_x", "gaussian_blur")
SAMPLE_CYCLE = ("photo_rgb", "photo")  # the largest samples (256x256): grey and colour, each pick changes Y
SIZE_CYCLE = ("stripes", "letter", "photo")  # 6x8, 16x16, 256x256: each pick changes X's size and Y's


def picked_option(page: Page, key: str, label: str) -> Callable[[], None]:
    """Open select box `key` (before the clock) and click `label` (the click starts it)."""
    def act() -> None:
        by_key(page, key).get_by_role("combobox").click()
        page.get_by_role("option", name=label, exact=True).click()
    return act


def cycled(key: str, prefix: str, cycle: tuple[str, ...]) -> Callable[[Page, int], Callable[[], None]]:
    """The k-th pick of select box `key`: its options `prefix + name` in turn."""
    return lambda page, k: picked_option(page, key, t(prefix + cycle[k % len(cycle)], "en"))


def switched(key: str) -> Callable[[Page, int], Callable[[], None]]:
    """The k-th click on switch `key` (correlation / convolution, X's transform): its first two options in turn,
    starting with the second."""
    return lambda page, k: lambda: by_key(page, key).get_by_role("radio").nth(1 - k % 2).click()


def box_picks(pw: Playwright, picks: int, warmup: int) -> None:
    """A preset picked at 512 (a new 3x3 kernel each time), a sample picked (photo / photo_rgb in turn; then samples
    of other sizes in turn), correlation / convolution switched (an asymmetric kernel on the photo), X.t() and back on
    the stripes -> new Y."""
    cases = [("preset", "photo 512x512", "sample=photo&side=512&preset=sobel_x",
              cycled("exk_preset", "kernel_", PRESET_CYCLE)),
             ("sample", "photo / photo_rgb 256x256", "sample=photo&preset=sobel_x",
              cycled("ex_sample", "sample_", SAMPLE_CYCLE)),
             ("sample", "of another size (stripes / letter / photo)", "sample=photo&preset=sobel_x",
              cycled("ex_sample", "sample_", SIZE_CYCLE)),
             ("mode", "correlation / convolution, photo 256x256", "sample=photo&kernel=1,0.5;-2,0.25",
              switched("ex_mode")),
             ("transform", "as is / X.t(), stripes 6x8 <-> 8x6", "sample=stripes&kernel=1,-1", switched("ex_xform"))]
    with server() as (url, _, _), browser(pw) as context:
        for what, name, query, choose in cases:
            print(f"\n== {what} picked, {name} ({warmup} warm-up + {picks} picks) [load {load():.1f}]", flush=True)
            page = context.new_page()
            open_explore(page, url, query)
            times = []
            for k in range(warmup + picks):
                wait_charts_settled(page, TIMEOUT)  # the last answer drawn in full: a pick never waits on its draws
                ms = timed_change(page, choose(page, k))
                if k >= warmup:
                    times.append(ms)
            p50, p95 = pct(times, 0.5), pct(times, 0.95)
            add(f"{what} pick, {name}", f"{what} picked -> new Y, p50", f"{p50:.0f} ms")
            add(f"{what} pick, {name}", f"{what} picked -> new Y, p95", f"{p95:.0f} ms (max {max(times):.0f})",
                "< 150 ms", p95 < 150)
            page.close()


def photo_files(folder: Path) -> list[Path]:
    """Two 600x400 colour photos (noise over gradients, as a camera's JPEG-free PNG), different from each other."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(20)
    yy, xx = np.mgrid[0:400, 0:600]
    paths = []
    for n in range(2):
        base = np.stack([xx / 600, yy / 400, (xx + yy) / 1000], -1)[..., [(n + c) % 3 for c in range(3)]]
        a = np.clip(base * 200 + rng.normal(0, 20, base.shape), 0, 255).astype(np.uint8)
        paths.append(folder / f"photo_{n}_600x400.png")
        Image.fromarray(a, "RGB").save(paths[-1])
    return paths


def uploads(pw: Playwright, reps: int, warmup: int) -> None:
    """Upload of a 600x400 photo (two files in turn) -> Y drawn, from the file input's change event."""
    print(f"\n== upload of a 600x400 photo ({warmup} warm-up + {reps} uploads) [load {load():.1f}]", flush=True)
    with server() as (url, _, _), browser(pw) as context, tempfile.TemporaryDirectory() as folder:
        files = photo_files(Path(folder))
        page = context.new_page()
        open_explore(page, url, "sample=photo&preset=sobel_x")
        choose_source(page, "en", "upload")
        times = []
        for k in range(warmup + reps):
            target = by_key(page, "ex_file").locator("input[type=file]")
            wait_charts_settled(page, TIMEOUT)
            ms = timed_change(page, lambda: target.set_input_files(str(files[k % 2])))
            if k == 0:
                add("upload 600x400", "first upload of the session -> Y drawn", f"{ms:.0f} ms")
            if k >= warmup:
                times.append(ms)
        p50, p95 = pct(times, 0.5), pct(times, 0.95)
        add("upload 600x400", "upload -> Y drawn, p50", f"{p50:.0f} ms", "< 500 ms", p50 < 500)
        add("upload 600x400", "upload -> Y drawn, p95", f"{p95:.0f} ms (max {max(times):.0f})")


# ---- 4. live training ----


def bare_rate(seconds: float) -> float:
    """Steps/s of the bare Trainer on the page's default setup (6x8 stripes, 1x2 edge kernel, SGD, lr 0.03)."""
    import torch

    from benchmarks.bench_train_page import bare
    from convcore.images import stripes
    from convcore.kernels import preset
    from convcore.limits import LIMITS
    from convcore.training import Trainer

    torch.set_num_threads(LIMITS.torch_threads)
    return bare(lambda: Trainer(stripes(), preset("edge_book"), lr=3e-2, max_steps=10**7), seconds)


TRAIN_STEPS = 100_000  # more than the window can run (the server's limit is raised for it)
LIFTED = "10000"  # the per-session steps/s limit, lifted: the engine's throughput, not a session's allowance


def training(pw: Playwright, seconds: float, speed: str = "fast", steps_per_second: str = LIFTED) -> None:
    """Train page defaults at a speed ("fast"), 100,000 steps: frames/s, chart updates/s, steps/s, remounts, blanks."""
    print(f"\n== live training ({seconds:g} s, speed {speed}, at most {steps_per_second} steps/s) [load {load():.1f}]",
          flush=True)
    env = {"CONVLAB_MAX_TRAINING_STEPS": str(TRAIN_STEPS), "CONVLAB_TRAINING_STEPS_PER_SECOND": steps_per_second}
    with server(env=env) as (url, _, _), browser(pw) as context:
        page = context.new_page()
        page.set_viewport_size({"width": 1400, "height": 2400})
        page.goto(f"{url}/train?lang=en")
        page.locator(".st-key-tr_start button").wait_for(timeout=TIMEOUT)
        wait_app_idle(page, TIMEOUT)
        box = page.locator(".st-key-tr_steps input")
        box.fill(str(TRAIN_STEPS))
        box.press("Enter")
        page.wait_for_timeout(500)
        wait_app_idle(page, TIMEOUT)
        page.locator(".st-key-tr_speed button").filter(has_text=t(f"train_speed_{speed}", "en")).click()
        page.wait_for_timeout(500)  # "fast": steps fill the time between frames (the pacer keeps ~60% for training)
        wait_app_idle(page, TIMEOUT)
        page.wait_for_function("() => document.querySelector('.st-key-tr_charts .js-plotly-plot .main-svg')",
                               timeout=TIMEOUT)  # the chart drawn before training starts
        page.locator(".st-key-tr_start button").click()
        page.locator(".st-key-tr_pause button:enabled").wait_for(timeout=TIMEOUT)
        page.wait_for_timeout(1500)  # warm-up: the pacer settles
        page.evaluate(TRAIN_WATCH)
        page.wait_for_timeout(seconds * 1000)
        watch = page.evaluate("() => { window.__stopWatch = true; return {frames: window.__frames,"
                              " remounts: window.__remounts, blank: window.__blank, samples: window.__samples,"
                              " updates: window.__updates, stats: window.__convlab.stats}; }")
        print("  live chart counters:", {k: round(v) for k, v in watch["stats"].items()}, flush=True)
        frames = watch["frames"]
        page.screenshot(path=str(Path(tempfile.gettempdir()) / "bench_browser_train.png"))
    span = (frames[-1]["t"] - frames[0]["t"]) / 1000 if len(frames) > 1 else float("nan")
    fps = (len(frames) - 1) / span if len(frames) > 1 else 0.0
    rate = (frames[-1]["step"] - frames[0]["step"]) / span if len(frames) > 1 else 0.0
    bare = bare_rate(5.0)
    add("training", "server frames/s (steps on the progress bar; 'fast' shows each in 2 pictures)", f"{fps:.1f}")
    updates = watch["updates"].get("tr_charts", 0) / seconds
    add("training", "chart updates/s in the browser (loss, weights and landscape: one figure)", f"{updates:.1f}",
        ">= 10", updates >= 10)
    add("training", "steps/s with the chart (browser)", f"{rate:,.0f} ({rate / max(fps, 1e-9):,.0f} per frame)")
    add("training", "steps/s bare Trainer (this process)", f"{bare:,.0f}")
    add("training", "with chart / bare", f"{rate / bare:.2f}", ">= 0.5", rate / bare >= 0.5)
    add("training", "chart remounts per frame", f"{watch['remounts'] / max(len(frames), 1):.2f}", "0",
        watch["remounts"] == 0)
    add("training", "blank chart samples (rAF x charts)", f"{watch['blank']} of {watch['samples']}")


# ---- 5. memory ----


def memory(pw: Playwright, sessions: int) -> None:
    """Server VmRSS before and after opening `sessions` Explore sessions on the photo at 512."""
    print(f"\n== server memory ({sessions} sessions) [load {load():.1f}]", flush=True)
    with server() as (url, pid, _), browser(pw) as context:
        first = context.new_page()
        open_explore(first, url, "")  # torch loaded, caches warm: the baseline is one idle session
        time.sleep(2)
        before = rss_kib(pid)
        pages = []
        for _ in range(sessions):
            page = context.new_page()
            open_explore(page, url, "sample=photo&side=512&preset=sobel_x")
            pages.append(page)
        time.sleep(2)
        after = rss_kib(pid)
    add("memory", "server RSS with one session", f"{before / 1024:.0f} MiB")
    add("memory", "RSS per extra Explore 512 session", f"{(after - before) / 1024 / sessions:.1f} MiB")


def table() -> None:
    """The results as a Markdown table."""
    print("\n| section | measure | value | target | result | load |\n|---|---|---|---|---|---|")
    for r in ROWS:
        verdict = "" if r.ok is None else ("PASS" if r.ok else "**FAIL**")
        print(f"| {r.section} | {r.measure} | {r.value} | {r.target} | {verdict} | {r.load:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--cold", type=int, default=2, help="cold starts per measure")
    parser.add_argument("--train-seconds", type=float, default=10.0)
    parser.add_argument("--train-speed", default="fast", choices=("slow", "medium", "fast"),
                        help='"fast": the pacer fills the time between frames with steps')
    parser.add_argument("--train-steps-per-second", default=LIFTED,
                        help="the server's per-session limit (CONVLAB_TRAINING_STEPS_PER_SECOND); lifted by default "
                             "to measure the engine, 100 is what a default server allows")
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--picks", type=int, default=20, help="preset and sample picks, uploads")
    parser.add_argument("--only", default="cold,edit,canvas,pick,upload,train,memory")
    parser.add_argument("--compare", type=Path, action="append", default=[],
                        help="another checkout (a git worktree) whose cold start is measured in turn with this one's")
    args = parser.parse_args()
    only = set(args.only.split(","))
    print(f"load average {os.getloadavg()} on {os.cpu_count()} cores (others' runs slow every figure)")
    with sync_playwright() as pw:
        if "cold" in only:
            cold_start(pw, args.cold, [ROOT, *args.compare])
        if "edit" in only:
            kernel_edits(pw, args.edits, args.warmup)
        if "canvas" in only:
            canvas_strokes(pw, max(5, args.edits // 3), args.warmup)
        if "pick" in only:
            box_picks(pw, args.picks, args.warmup)
        if "upload" in only:
            uploads(pw, max(5, args.picks // 2), args.warmup)
        if "train" in only:
            training(pw, args.train_seconds, args.train_speed, args.train_steps_per_second)
        if "memory" in only:
            memory(pw, args.sessions)
    table()


if __name__ == "__main__":
    main()
