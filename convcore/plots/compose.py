"""Several figures as one Plotly figure, each in its own box: one chart for the browser to draw instead of several.

Each panel keeps its axes (renumbered), traces, colour bars, outlines, legend (as a legend of its own) and title
(as an annotation above its box). Its traces are tagged with the panel's name in `meta`, so tests and the browser
can tell the panels apart.
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

import plotly.graph_objects as go

Box = tuple[float, float, float, float]  # x0, x1, y0, y1 in the combined figure's paper coordinates
AXIS = re.compile(r"^([xy])axis(\d*)$")
COLOUR_BAR_ROOM = 0.07  # of the figure's width, right of each side-by-side panel
PANEL_GAP = 0.03
TITLE_ROOM = 12  # px more at the top for titles above column numbers (side_by_side)


def spec_of(fig) -> dict:
    """A figure's data and layout as new top-level dicts (their values shared: never change them in place).

    Not `Figure.to_dict()`: it deep-copies every array, 4 ms a frame for the Train page's three charts.
    """
    if isinstance(fig, go.Figure):
        data, layout = fig._data, fig._layout  # what to_dict would deep-copy
    else:
        data, layout = fig.get("data", []), fig.get("layout", {})
    return {"data": [dict(trace) for trace in data], "layout": dict(layout)}


def title_text(layout: dict) -> str:
    """A layout's title as plain text."""
    title = layout.get("title") or {}
    return title if isinstance(title, str) else title.get("text") or ""


def title_font_of(layout: dict) -> dict:
    """A layout's title font settings (empty when it sets none)."""
    title = layout.get("title")
    return dict(title.get("font") or {}) if isinstance(title, dict) else {}


def scale_into(value: float, lo: float, hi: float) -> float:
    """A 0..1 paper coordinate of a panel as a coordinate of the combined figure."""
    return lo + value * (hi - lo)


def axis_names(spec: dict) -> list[str]:
    """Every axis id ('x', 'y2', ...) a figure uses, in its layout or in its traces."""
    names = {("x" if m.group(1) == "x" else "y") + m.group(2) for m in map(AXIS.match, spec["layout"]) if m}
    for trace in spec["data"]:
        names |= {trace.get("xaxis", "x"), trace.get("yaxis", "y")}
    return sorted(names)


def combine(panels: Mapping[str, tuple[object, Box]], *, height: int, title_shift: int = 8,
            title_font: Mapping | None = None, **layout_extra) -> dict:
    """The named figures, each drawn inside its box, as a figure dict (what the chart sends; a go.Figure would
    deep-copy every array again); layout-wide settings come from the first and `layout_extra`; titles in
    `title_font` when given, else each in its own."""
    first = spec_of(next(iter(panels.values()))[0])["layout"]
    layout = {key: value for key, value in first.items()
              if key not in ("title", "shapes", "annotations", "legend", "showlegend") and not AXIS.match(key)}
    layout.update(height=height, **layout_extra)
    data, shapes, annotations, counts, legends = [], [], [], {"x": 0, "y": 0}, 0
    for name, (fig, (x0, x1, y0, y1)) in panels.items():
        spec = spec_of(fig)
        panel = spec["layout"]
        rename = {}
        for old in axis_names(spec):
            counts[old[0]] += 1
            rename[old] = old[0] + ("" if counts[old[0]] == 1 else str(counts[old[0]]))
        for old, new in rename.items():
            axis = dict(panel.get(f"{old[0]}axis{old[1:]}", {}))
            lo, hi = (x0, x1) if old[0] == "x" else (y0, y1)
            a, b = axis.get("domain", [0, 1])
            axis["domain"] = [scale_into(a, lo, hi), scale_into(b, lo, hi)]
            for ref in ("anchor", "scaleanchor", "matches", "overlaying"):
                if axis.get(ref) in rename:
                    axis[ref] = rename[axis[ref]]
            axis.setdefault("anchor", rename.get(("y" if old[0] == "x" else "x") + old[1:], "free"))
            layout[f"{new[0]}axis{new[1:]}"] = axis
        shows_legend = panel.get("showlegend", True) is not False
        legend = "legend" if legends == 0 else f"legend{legends + 1}"
        for trace in spec["data"]:
            trace = {**trace, "xaxis": rename[trace.get("xaxis", "x")], "yaxis": rename[trace.get("yaxis", "y")],
                     "meta": name}
            if "colorbar" in trace or trace.get("type") == "heatmap":
                bar = trace.get("colorbar", {})
                trace["colorbar"] = {**bar, "x": scale_into(bar.get("x", 1.02), x0, x1),
                                     "y": scale_into(bar.get("y", 0.5), y0, y1), "len": bar.get("len", 1) * (y1 - y0)}
            if shows_legend:
                trace["legend"] = legend
            else:
                trace["showlegend"] = False
            data.append(trace)
        if shows_legend and len(spec["data"]) > 1:
            own = dict(panel.get("legend", {}))
            own["x"] = scale_into(own.get("x", 1.02), x0, x1)
            own["y"] = scale_into(own.get("y", 1), y0, y1)
            layout[legend] = own
            legends += 1
        for item, target in ((panel.get("shapes", []), shapes), (panel.get("annotations", []), annotations)):
            for shape in item:
                target.append(placed(shape, rename, (x0, x1, y0, y1)))
        if title_text(panel):
            font = title_font if title_font is not None else title_font_of(panel)
            annotations.append({"text": f"<b>{title_text(panel)}</b>", "xref": "paper", "yref": "paper",
                                "x": x0, "y": y1, "xanchor": "left", "yanchor": "bottom", "yshift": title_shift,
                                "showarrow": False, "font": {"size": 14, **font}})
    layout["shapes"], layout["annotations"] = shapes, annotations
    layout["showlegend"] = legends > 0
    layout.setdefault("template", {"layout": {}})  # no Plotly default template (see figures.bare_figure)
    return {"data": data, "layout": layout}


def placed(item: dict, rename: dict[str, str], box: Box) -> dict:
    """A shape or annotation moved into the panel's box: axis references renamed, paper coordinates scaled."""
    item = dict(item)
    x0, x1, y0, y1 = box
    for axis, (lo, hi), keys in (("x", (x0, x1), ("x", "x0", "x1")), ("y", (y0, y1), ("y", "y0", "y1"))):
        ref = item.get(f"{axis}ref", axis)
        base, _, suffix = ref.partition(" ")
        if base == "paper":
            for key in keys:
                if isinstance(item.get(key), (int, float)):
                    item[key] = scale_into(item[key], lo, hi)
        elif base in rename:
            item[f"{axis}ref"] = rename[base] + (f" {suffix}" if suffix else "")
    return item


def panel_domains(n: int) -> list[tuple[float, float]]:
    """The x range of each of n equal panels in a row, leaving room for a colour bar after each."""
    width = 1 / n
    return [(k * width + (PANEL_GAP if k else 0), (k + 1) * width - COLOUR_BAR_ROOM) for k in range(n)]


def side_by_side(figures: Sequence[go.Figure]) -> dict:
    """Array figures in one row, each panel keeping its colours, outlines, colour bar and title."""
    specs = [spec_of(fig) for fig in figures]
    for spec in specs:  # square cells, aligned to the panel's top left, under its title
        layout = spec["layout"]
        layout["xaxis"] = {**layout.get("xaxis", {}), "constraintoward": "left"}
        layout["yaxis"] = {**layout.get("yaxis", {}), "constraintoward": "top"}
        for trace in spec["data"]:
            trace["colorbar"] = {**trace.get("colorbar", {}), "x": 1.01}
    first = specs[0]["layout"]
    margin = first.get("margin", {})
    panels = {f"panel{k}": (spec, (left, right, 0.0, 1.0)) for k, (spec, (left, right)) in
              enumerate(zip(specs, panel_domains(len(specs))))}
    ticks = first.get("xaxis", {}).get("tickfont", {}).get("size", 12)  # presenter mode: larger column numbers
    return combine(panels, height=first.get("height", 260), title_shift=round(28 * ticks / 12),
                   margin={**margin, "t": margin.get("t", 40) + TITLE_ROOM, "r": 10})


ROW_GAP = 85  # px between the Train chart's rows: the top row's tick labels and axis titles, the landscape's title
# The Train chart's margins, fixed: what Plotly's automargin settled on at scale 1. Measuring every tick label to
# fit the margins was half of each redraw (headless Chromium, 25 frames: 35 against 68 ms); long loss values keep
# short labels through the loss axis's tick format.
TRAIN_MARGIN = {"l": 84, "r": 19, "t": 40, "b": 71}
STACKED_LEGEND_ROOM = 60  # px more at the bottom on a phone: the landscape's legend goes under it


def training_charts(loss, weights, landscape=None, *, row_height: int = 320, landscape_height: int = 460,
                    scale: float = 1.0, stacked: bool = False) -> dict:
    """The Train page's live charts as one figure: loss | weights on top, the loss landscape (when any) below; each
    in a row of its own when `stacked` (a phone).

    Heights in px as the separate charts had them; heights and margins (fixed: no automargin) enlarged by `scale`
    (presenter).
    """
    margin = {side: round(px * scale) for side, px in TRAIN_MARGIN.items()}
    gap = round(ROW_GAP * scale)
    row_height, landscape_height = round(row_height * scale), round(landscape_height * scale)
    if landscape is not None:
        landscape = spec_of(landscape)
        landscape["layout"]["legend"] = {"orientation": "v", "x": 1.2, "y": 1}  # right of its colour bar
        if stacked:  # a phone has no room beside it: below, under the axis title
            landscape["layout"]["legend"] = {"orientation": "h", "x": 0, "y": -0.2, "yanchor": "top"}
            margin["b"] += STACKED_LEGEND_ROOM
    rows = [[("loss", loss, 0.0, 0.44), ("weights", weights, 0.53, 0.86)]] if not stacked else \
        [[("loss", loss, 0.0, 1.0)], [("weights", weights, 0.0, 0.75)]]
    heights = [row_height] * len(rows)
    if landscape is not None:
        rows.append([("landscape", landscape, 0.0, 0.8 if stacked else 0.62)])
        heights.append(landscape_height + (STACKED_LEGEND_ROOM if stacked else 0))
    height = sum(heights)
    plot = height - margin["t"] - margin["b"]
    panels, top = {}, 0.0  # px from the plot area's top
    for k, (row, px) in enumerate(zip(rows, heights)):
        inner = px - gap if k < len(rows) - 1 else plot - top  # a gap under each row but the last
        for name, fig, x0, x1 in row:
            panels[name] = (fig, (x0, x1, 1 - (top + inner) / plot, 1 - top / plot))
        top += px
    title_font = title_font_of(spec_of(loss)["layout"])  # one size for the three titles (presenter mode enlarges it)
    fig = combine(panels, height=height, margin=margin, hovermode="closest", title_font=title_font)
    for name, axis in fig["layout"].items():
        if AXIS.match(name):
            axis["automargin"] = False
    return fig
