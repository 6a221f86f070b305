"""What the browser tests of Explore's previews read from a live chart (static/live_chart/): what it shows, its state."""

from __future__ import annotations


def chart_state(key: str) -> str:
    """JS for chart `key`'s state: `latest` is the figure it is to show (a preview is a copy of the server's data with
    its own figure, sharing the server's `preview` spec), `drawn` the one it shows."""
    return f"document.querySelector('.st-key-{key} .convlab-live-chart').parentElement.__convlab.liveChart"


def chart_shown(key: str) -> str:
    """JS: what chart `key` shows: its numbers (Plotly's decoded z), the cell texts, the colour range, and its picture's
    URI with the numbers its hover cells hold."""
    return f"""() => {{ const gd = document.querySelector('.st-key-{key} .js-plotly-plot'); const d = gd.data[0];
  const rows = (z) => Array.from(z, (row) => Array.from(row));
  return {{z: d.source ? null : rows(gd.calcdata[0][0].z), text: d.text || null,
          range: d.source ? [gd.data[1].zmin, gd.data[1].zmax] : [d.zmin, d.zmax], source: d.source || null,
          hover: d.source ? rows(gd.calcdata[1][0].z) : null}}; }}"""


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
