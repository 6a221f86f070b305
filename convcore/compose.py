"""Several array figures as one Plotly figure side by side: one chart for the browser to draw instead of several."""

from __future__ import annotations

import copy
from typing import Sequence

import plotly.graph_objects as go

from convcore.figures import bare_figure

COLOUR_BAR_ROOM = 0.07  # of the figure's width, right of each panel
PANEL_GAP = 0.03
TITLE_ROOM = 12  # px more at the top: each title sits above its panel's column numbers


def panel_domains(n: int) -> list[tuple[float, float]]:
    """The x domain of each of n equal panels, leaving room for a colour bar after each."""
    width = 1 / n
    return [(k * width + (PANEL_GAP if k else 0), (k + 1) * width - COLOUR_BAR_ROOM) for k in range(n)]


def title_text(layout: dict) -> str:
    """A layout's title as plain text."""
    title = layout.get("title") or {}
    return title if isinstance(title, str) else title.get("text") or ""


def side_by_side(figures: Sequence[go.Figure]) -> go.Figure:
    """The figures' panels in one row (axes x, x2, ...), each keeping its colours, outlines, colour bar and title."""
    specs = [fig.to_dict() if isinstance(fig, go.Figure) else copy.deepcopy(fig) for fig in figures]
    first = specs[0]["layout"]
    layout = {key: copy.deepcopy(value) for key, value in first.items()
              if key not in ("title", "xaxis", "yaxis", "shapes", "annotations")}
    margin = first.get("margin", {})
    layout["margin"] = {**margin, "t": margin.get("t", 40) + TITLE_ROOM, "r": 10}
    title_font = (first.get("title") or {}).get("font", {}) if isinstance(first.get("title"), dict) else {}
    data, shapes, annotations = [], [], []
    for k, (spec, (left, right)) in enumerate(zip(specs, panel_domains(len(specs)))):
        suffix = "" if k == 0 else str(k + 1)
        x, y = "x" + suffix, "y" + suffix
        for trace in spec["data"]:
            trace = {**trace, "xaxis": x, "yaxis": y}
            if "colorbar" in trace:
                trace["colorbar"] = {**trace["colorbar"], "x": right + 0.005, "xanchor": "left"}
            data.append(trace)
        panel = spec["layout"]
        layout["xaxis" + suffix] = {**panel.get("xaxis", {}), "domain": [left, right], "anchor": y,
                                    "constraintoward": "left"}
        layout["yaxis" + suffix] = {**panel.get("yaxis", {}), "domain": [0, 1], "anchor": x,
                                    "scaleanchor": x, "constraintoward": "top"}
        shapes += [{**shape, "xref": x, "yref": y} for shape in panel.get("shapes", [])]
        if title_text(panel):
            annotations.append({"text": f"<b>{title_text(panel)}</b>", "xref": "paper", "yref": "paper",
                                "x": left, "y": 1, "xanchor": "left", "yanchor": "bottom", "yshift": 24,
                                "showarrow": False, "font": {"size": 14, **title_font}})
    layout["shapes"], layout["annotations"] = shapes, annotations
    return bare_figure({"data": data, "layout": layout})
