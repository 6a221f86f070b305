"""What the browser tests of Explore's previews read from a live chart (static/live_chart/): what it shows, its state;
what charts showed first after a change (the browser's preview) and once the server answered."""

from __future__ import annotations

from typing import Callable

from playwright.sync_api import Page, expect

from tests.helpers.browser import TIMEOUT, wait_app_idle, wait_charts_settled

PREVIEWS = "() => window.__convlab.stats.previews || 0"


def chart_state(key: str) -> str:
    """JS for chart `key`'s state: `latest` is the figure it is to show (a preview is a copy of the server's data with
    its own figure, sharing the server's `preview` spec), `drawn` the one it shows."""
    return f"document.querySelector('.st-key-{key} .convlab-live-chart').parentElement.__convlab.liveChart"


# JS (gd) => what a plot shows: its numbers (Plotly's decoded z), the cell texts, the colour range, and its picture's
# URI with the numbers its hover cells hold; its height, axes (their ranges, as Plotly drew them) and outlines (the
# window, the inspected cell).
SHOWN = """(gd) => { const d = gd.data[0]; const rows = (z) => Array.from(z, (row) => Array.from(row));
  const {height, xaxis, yaxis, shapes} = gd.layout;
  return {z: d.source ? null : rows(gd.calcdata[0][0].z), text: d.text || null,
          range: d.source ? [gd.data[1].zmin, gd.data[1].zmax] : [d.zmin, d.zmax], source: d.source || null,
          hover: d.source ? rows(gd.calcdata[1][0].z) : null,
          layout: {height, x: xaxis.range, y: yaxis.range, ticks: [xaxis.dtick, yaxis.dtick],
                   shapes: (shapes || []).map((b) => [b.x0, b.x1, b.y0, b.y1])}};
  }"""


def chart_shown(key: str) -> str:
    """JS: what chart `key` shows (SHOWN)."""
    return f"() => ({SHOWN})(document.querySelector('.st-key-{key} .js-plotly-plot'))"


def shown_text(page: Page, key: str) -> str:
    """What chart `key` shows, as the page's own JSON text (for wait_shown_differs: Python's json.dumps writes it
    otherwise, and would differ at once)."""
    return page.evaluate(f"() => JSON.stringify(({chart_shown(key)})())")


def wait_shown_differs(page: Page, key: str, old: str, **kwargs) -> None:
    """Wait until chart `key` shows something else than `old` (shown_text)."""
    page.wait_for_function(f"(old) => JSON.stringify(({chart_shown(key)})()) !== old", arg=old, timeout=TIMEOUT,
                           **kwargs)


def server_drawn(key: str) -> str:
    """JS (spec) => whether the server's figure for the last change is drawn: the chart's data came from a newer run than
    `spec`'s (a new `preview` spec object, even when the figure is the preview's own), and the chart shows it, not
    drawing any more."""
    return f"""(spec) => {{ const s = {chart_state(key)}; return s.latest.preview !== spec && s.drawn === s.latest &&
  !s.drawing; }}"""


# The share of pixels two pictures (data URIs) differ in, and the largest difference of a colour channel.
PIXELS_DIFFER = """async ([a, b]) => {
  const pixels = async (src) => { const img = new Image(); img.src = src; await img.decode();
    const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0); return ctx.getImageData(0, 0, c.width, c.height).data; };
  const [p, q] = [await pixels(a), await pixels(b)];
  if (p.length !== q.length) return [1, 255];
  let differ = 0, most = 0;
  for (let i = 0; i < p.length; i += 4) {
    const d = Math.max(Math.abs(p[i] - q[i]), Math.abs(p[i + 1] - q[i + 1]), Math.abs(p[i + 2] - q[i + 2]));
    if (d) differ++;
    most = Math.max(most, d);
  }
  return [differ / (p.length / 4), most]; }"""


# JS ([keys, datas]): from now on, each Plotly draw of chart keys[k] is recorded (window.__convlab.testDraws[key]): what
# it shows once drawn, and whether it drew a preview (a copy of datas[k], the chart's data before the change, with a
# figure of its own) rather than the server's data.
RECORD_DRAWS = f"""async ([keys, datas]) => {{
  const ns = window.__convlab, Plotly = await ns.plotly;
  ns.testDraws = Object.fromEntries(keys.map((key, k) => [key, {{before: datas[k], draws: []}}]));
  if (Plotly.testRecorded) return;
  Plotly.testRecorded = true;
  const recorded = (draw) => async function (gd, ...rest) {{
    const state = gd.parentElement && gd.parentElement.__convlab && gd.parentElement.__convlab.liveChart;
    const key = state && Object.keys(ns.testDraws).find((name) => state.host.closest('.st-key-' + name));
    const record = key && ns.testDraws[key], data = state && state.latest;
    const preview = !!record && data !== record.before && data.preview === record.before.preview;
    const order = (ns.testDrawOrder = (ns.testDrawOrder || 0) + 1);  // page-wide, as draws begin
    const out = await draw.call(this, gd, ...rest);
    if (record) record.draws.push({{preview, order, shown: ({SHOWN})(gd)}});
    return out;
  }};
  Plotly.react = recorded(Plotly.react);
  Plotly.newPlot = recorded(Plotly.newPlot);  // a chart whose ranges change is drawn anew (static/live_chart/draw.js)
}}"""


def previewed(page: Page, act: Callable[[], None], charts: tuple[str, ...]) -> tuple[dict, dict]:
    """Do `act` (a change) once the charts are drawn and still: what each chart drew first (the browser's preview,
    before any draw of the server's answer) and what it shows once the server's rerun is drawn."""
    wait_charts_settled(page)
    before = page.evaluate(PREVIEWS)
    datas = page.evaluate_handle(f"() => [{', '.join(f'{chart_state(key)}.latest' for key in charts)}]")
    page.evaluate(RECORD_DRAWS, [list(charts), datas])
    specs = {key: page.evaluate_handle(f"() => {chart_state(key)}.latest.preview") for key in charts}
    act()
    page.wait_for_function(f"(want) => ({PREVIEWS})() >= want", arg=before + len(charts), timeout=TIMEOUT)
    wait_app_idle(page)
    for key, spec in specs.items():
        page.wait_for_function(server_drawn(key), arg=spec, timeout=TIMEOUT)
        spec.dispose()
    datas.dispose()
    draws = page.evaluate("() => Object.fromEntries(Object.entries(window.__convlab.testDraws).map(([key, record]) =>"
                          " [key, record.draws]))")
    for key in charts:  # the preview was drawn, and before the server's figure
        assert draws[key] and draws[key][0]["preview"], (key, [draw["preview"] for draw in draws[key]])
    return ({key: draws[key][0]["shown"] for key in charts},
            {key: page.evaluate(chart_shown(key)) for key in charts})


def preview_order(page: Page) -> list[str]:
    """After `previewed`: its charts in the order their previews began to draw."""
    firsts = page.evaluate("() => Object.entries(window.__convlab.testDraws).map(([key, record]) =>"
                           " [key, record.draws.find((draw) => draw.preview)?.order])")
    return [key for key, order in sorted(firsts, key=lambda pair: pair[1] if pair[1] is not None else 1e9)]


def open_previewable(page: Page, url: str, drawn: str = ".heatmaplayer") -> None:
    """Explore at `url`, drawn and idle, with X handed to the browser for previews."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(url)
    expect(page.locator(f".st-key-ex_y_chart {drawn}").first).to_be_attached(timeout=60_000)
    wait_app_idle(page)
    page.wait_for_function("() => Object.keys(window.__convlab?.previewInputs || {}).length > 0", timeout=TIMEOUT)


def open_drawing(page: Page, url: str) -> None:
    """Explore at `url` (the Draw source), drawn and idle, its canvas ready for a stroke and its charts previewable."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(url)
    expect(page.locator(".st-key-ex_y_chart .js-plotly-plot .main-svg").first).to_be_attached(timeout=60_000)
    wait_app_idle(page)
    page.wait_for_function(f"() => {chart_state('ex_y_chart')}.latest.preview.canvas !== undefined", timeout=TIMEOUT)
    expect(page.locator("canvas.upper-canvas")).to_be_visible(timeout=TIMEOUT)
