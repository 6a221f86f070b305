"""Plotly charts that are redrawn often (the Train page's live charts; Explore's charts, Y clickable).

`st.plotly_chart` derives a chart's element id from its whole JSON spec, and the browser uses that id as the
chart's identity: every new figure unmounts the chart and plots it afresh (Plotly.newPlot), so a chart redrawn ten
times a second blinks and costs the browser a full plot per frame. Keeping the id stable (leaving the spec out of
it) was tried: Streamlit's frontend then keeps the figure it first received for that id and ignores the new ones.

`live_plotly_chart` therefore draws through a small components-v2 component instead (static/live_chart/, imported
by a few lines of js that each element carries): mounted with the chart's key as its identity, it keeps one plot div
and hands each new figure to `Plotly.react`, which updates the chart in place. It applies Streamlit's Plotly theme
itself (a raw Plotly.js react gets none) and loads Plotly.js once per browser page from the app's static folder:
`app/static/vendor/plotly-cartesian.min.js`, Plotly's own partial bundle of the cartesian traces (heatmap, scatter,
image and others; 1.5 MB against the full file's 4.8 MB), of the version the installed plotly package makes its
figures for (tests/pages/test_plotly_bundle.py checks both). Where static serving is off, charts fall back to
`st.plotly_chart`, logged once (`install_plotly_js`, which app.py calls at startup).
"""

from __future__ import annotations

import json
import logging
import re
import threading
from pathlib import Path
from typing import Any, Callable

import streamlit as st

from convcore.memo import Once
from convcore.plots.blobs import arrays_as_blobs
from ui.components.data import plain
from ui.components.modules import folder_version, loader_js, static_serving

log = logging.getLogger("convlab")

ROOT = Path(__file__).resolve().parents[2]
STATIC_DIR = ROOT / "static"  # Streamlit serves the folder next to app.py (server.enableStaticServing)
PLOTLY_JS = STATIC_DIR / "vendor" / "plotly-cartesian.min.js"  # Plotly's own partial bundle (MIT; plotly-LICENSE.txt)


def bundle_version(path: Path) -> str:
    """The Plotly.js version a bundle names in its header comment ("* plotly.js (cartesian - minified) v4.1.1")."""
    try:
        with open(path, encoding="utf-8") as file:
            found = re.search(r"plotly\.js[^\n]*? v(\d[\w.-]*)", file.read(300))
    except OSError:
        return "none"
    return found.group(1) if found else "none"


# Relative to the page, so a base URL path (proxy) keeps working. The ?v= lets a cache keep it for good (nginx,
# deploy/nginx/convlab.conf.template, sends a year's max-age for versioned app/static URLs): a new bundle is a new URL.
PLOTLY_JS_URL = f"app/static/vendor/{PLOTLY_JS.name}?v={bundle_version(PLOTLY_JS)}"
COMPONENT_NAME = "convlab.live_plotly_chart"
MODULE_DIR = STATIC_DIR / "live_chart"  # the chart's code (ES modules), fetched once per browser page (and cached)
MODULE_JS = MODULE_DIR / "index.js"  # the entry; it imports the other modules of the folder
MODULE_URL = f"app/static/live_chart/index.js?v={folder_version(MODULE_DIR)}"
# What each chart element carries: a few lines that import the module (Streamlit sends a component's js with every
# element, which was 17 kB per chart per rerun).
JS = loader_js(MODULE_URL, "Chart")
# The JS sets the height; contained, a redraw (Plotly measures its text many times) lays out only the chart.
CSS = ".convlab-live-chart { width: 100%; overflow: hidden; contain: strict; }"
IN_PLACE_KWARGS = {"config", "width", "height", "theme"}  # anything else: st.plotly_chart

_lock = threading.Lock()
_ready: bool | None = None  # install_plotly_js's answer for this process
_component = Once(lambda: st.components.v2.component(COMPONENT_NAME, js=JS, css=CSS, isolate_styles=False))
PRELOAD_NAME, PRELOAD_KEY = "convlab.live_chart_preload", "live_chart_preload"
# Loads the chart's modules and Plotly.js as soon as a page with charts starts to draw, instead of when its first chart
# arrives: they are the same module URL and the same Plotly promise (window.__convlab.plotly) the charts then use.
# Streamlit runs it only once the page's elements are drawn, so it also asks the browser to fetch, at once, Plotly.js
# (which the loader module would request only once it has arrived and run) and every module the entry imports (which
# the entry would request only once it has arrived and run): ~0.4 s sooner each in a cold start's timeline.
PRELOAD_JS = """const MODULE = %s, LOADER = %s, PLOTLY = %s, SIBLINGS = %s;
function hint(rel, url, as) {
  const href = new URL(url, document.baseURI).href;
  if ([...document.head.querySelectorAll(`link[rel="${rel}"]`)].some((link) => link.href === href)) return;
  const link = Object.assign(document.createElement("link"), {rel, href});
  if (as) link.as = as;
  document.head.appendChild(link);
}
export default function ({data}) {
  if (!data || !data.load) return;
  hint("preload", PLOTLY, "script");  // the loader's script element then finds it fetched
  for (const url of SIBLINGS) hint("modulepreload", url);
  const modules = ((window.__convlab ??= {}).modules ??= {});
  modules[MODULE] ??= import(new URL(MODULE, document.baseURI).href);
  modules[LOADER] ??= import(new URL(LOADER, document.baseURI).href);
  modules[LOADER].then((loader) => loader.loadPlotly(PLOTLY)).catch(() => {});  // a chart retries and says why
}
""" % (json.dumps(MODULE_URL), json.dumps(MODULE_URL.replace("/index.js?", "/plotly.js?")), json.dumps(PLOTLY_JS_URL),
       json.dumps([MODULE_URL.replace("/index.js?", f"/{path.name}?") for path in sorted(MODULE_DIR.glob("*.js"))
                   if path.name != "index.js"]))
PRELOAD_CSS = f".st-key-{PRELOAD_KEY} {{ display: none; }}"  # takes no room
_preload = Once(lambda: st.components.v2.component(PRELOAD_NAME, js=PRELOAD_JS, css=PRELOAD_CSS, isolate_styles=False))


def install_plotly_js() -> bool:
    """Once per process (app.py, every run; only the first does work): whether live charts can update in place.

    False, logged once, when static serving is off or the Plotly.js bundle is missing: live charts are then plain
    st.plotly_chart.
    """
    global _ready
    if _ready is not None:
        return _ready
    with _lock:
        if _ready is None:
            if not static_serving():
                log.warning("live charts: server.enableStaticServing is off, so they are drawn by st.plotly_chart "
                            "(remounted on every frame)")
                _ready = False
            elif not PLOTLY_JS.is_file():
                log.warning("live charts: %s is missing, so they are drawn by st.plotly_chart (remounted on every "
                            "frame)", PLOTLY_JS)
                _ready = False
            else:
                _ready = True
    return _ready


def preload(load: bool) -> None:
    """Have the browser fetch the live charts' code and Plotly.js now when `load` (a page with charts is drawing)."""
    if _ready:
        _preload.get()(key=PRELOAD_KEY, data={"load": load}, width="stretch", height=0)


def chart_component():
    """The components-v2 component (registered once per process, whichever session's thread asks first; Streamlit
    adds it to each runtime it meets)."""
    return _component.get()


def figure_json(fig: Any) -> str:
    """The figure as st.plotly_chart sends it (Plotly's JSON, numpy arrays as typed-array blobs).

    A figure dict (convcore.plots.compose's) gets its numpy arrays turned into blobs in place, as Figure.to_dict does for
    a Figure: without, they would go as long lists of numbers (40% more bytes for the Train page's chart). Its
    trace uids stay (convcore.plots.train_charts marks live traces with them); a Figure's are dropped, as Plotly does.
    """
    import plotly.io

    if isinstance(fig, dict):
        arrays_as_blobs(fig)  # as plotly's convert_to_base64, byte for byte, without its cost per array
    return plotly.io.to_json(fig, validate=False, remove_uids=not isinstance(fig, dict))


def live_contract(fig: Any) -> dict | None:
    """The live traces' contract for the browser (convcore.plots.train_charts.live_contract), None without live traces.

    Only a figure dict keeps its uids (figure_json): a Figure's live traces reach the browser as plain ones."""
    if not isinstance(fig, dict):
        return None
    from convcore.plots.train_charts import live_contract as contract  # not at import: app.py's startup stays light

    return contract(fig.get("data", []))


def layout_size(fig: Any, name: str) -> int | None:
    """layout.width or layout.height of a figure (a plotly Figure or a dict), when set: as st.plotly_chart reads it."""
    try:
        value = fig.get("layout", {}).get(name) if isinstance(fig, dict) else getattr(fig.layout, name)
    except AttributeError:
        return None
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0 else None


def clicked_point(key: str) -> tuple[float, float] | None:
    """The data coordinates (x, y) of the last click on the clickable live chart `key`, if any."""
    value = st.session_state.get(key)
    click = value.get("click") if hasattr(value, "get") else None
    if not isinstance(click, dict):
        return None
    x, y = click.get("x"), click.get("y")
    return (float(x), float(y)) if isinstance(x, (int, float)) and isinstance(y, (int, float)) else None


def can_draw_in_place(kwargs: dict[str, Any]) -> bool:
    """Whether a chart with these st.plotly_chart options can be drawn by the component (Plotly.js served)."""
    return set(kwargs) <= IN_PLACE_KWARGS and kwargs.get("height") != "stretch" and install_plotly_js()


def clickable_chart(fig: Any, key: str, on_click: Callable[[], None], preview: dict | None = None,
                    **kwargs: Any) -> bool:
    """A chart drawn in place whose clicks anywhere on the plot call `on_click` (read them with clicked_point).

    Returns False, drawing nothing, when charts cannot be drawn in place here: the caller then draws its own
    `st.plotly_chart` with point selection.
    """
    if not can_draw_in_place(kwargs):
        return False
    in_place_chart(fig, key, clickable=True, preview=preview, on_click_change=on_click, **kwargs)
    return True


def in_place_chart(fig: Any, key: str, *, clickable: bool = False, preview: dict | None = None, subframes: int = 1,
                   next_frame: dict | None = None, on_frame: Callable[[], None] | None = None, **kwargs: Any) -> Any:
    """Mount the component with the figure (and Streamlit's chart options) as its data; `preview`: a kernel
    preview spec (ui/components/kernel_preview.py); `subframes` > 1: the browser draws a frame of live lines in that many
    steps, each showing the history up to its share of the way since the last frame (static/live_chart/).
    A figure dict with live traces also carries their contract (convcore.plots.train_charts.live_contract: the uid prefix,
    each live trace's role, the path's lead), which the browser reads instead of trace names. `next_frame`
    ({"frame": n, "after": seconds}): once this figure is drawn, and `after` seconds after its last ask, the browser
    asks for the next frame by the trigger "frame" (n), which reruns the chart's fragment and calls `on_frame`
    (static/live_chart/asks.js): a page that trains live has at most one frame in flight."""
    width, height = kwargs.pop("width", "stretch"), kwargs.pop("height", "content")
    config, theme = kwargs.pop("config", None), kwargs.pop("theme", "streamlit")
    if width == "content":
        width = layout_size(fig, "width") or 700  # what st.plotly_chart does
    data = {"figure": figure_json(fig), "config": config or {},
            "height": height if isinstance(height, int) else layout_size(fig, "height") or 450,
            "theme": theme or "", "src": PLOTLY_JS_URL, "clickable": clickable}
    live = live_contract(fig)
    if live:
        data["live"] = live
    if preview:
        data["preview"] = preview
    if subframes > 1:
        data["subframes"] = int(subframes)
    if next_frame is not None:
        data["next"] = {"frame": int(next_frame["frame"]), "after": float(next_frame["after"])}
    if on_frame is not None:
        kwargs["on_frame_change"] = on_frame
    return chart_component()(key=key, data=plain(data), width=width, height="content", **kwargs)


def charts_ask_for_frames() -> bool:
    """Whether live charts are drawn in place here, and so ask for their next frame themselves (else a page that
    trains live needs a timer: st.plotly_chart asks for nothing)."""
    return install_plotly_js()


def live_plotly_chart(fig: Any, key: str, *, in_place: bool = True, subframes: int = 1, preview: dict | None = None,
                      next_frame: dict | None = None, on_frame: Callable[[], None] | None = None, **kwargs: Any) -> Any:
    """A display chart (no selections) that is redrawn often.

    In place (the default), the chart keeps its identity (`key`) across reruns and each new figure updates it
    through Plotly.react; with `in_place=False`, or when Plotly.js cannot be served, it is `st.plotly_chart`.
    Accepts st.plotly_chart's config, width ("stretch", "content" or px), height ("content" or px) and theme;
    `subframes`, `preview`, `next_frame`, `on_frame`: see in_place_chart (ignored by st.plotly_chart).
    """
    if "on_select" in kwargs:
        raise ValueError("live charts are for display; a selectable chart needs st.plotly_chart")
    if not in_place or not can_draw_in_place(kwargs):
        return st.plotly_chart(fig, key=key, **kwargs)
    return in_place_chart(fig, key, subframes=subframes, preview=preview, next_frame=next_frame, on_frame=on_frame,
                          **kwargs)
