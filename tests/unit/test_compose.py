"""convcore.plots.compose: array figures side by side in one figure, each panel keeping its data, outlines and title."""

from __future__ import annotations

import numpy as np

from convcore.plots import compose, figures
from tests.helpers.figures import plotly_array


def test_three_panels_in_one_row():
    window = figures.array_figure(np.array([[0.0, 1.0]]), "Window", symmetric=False, boxes=(((0, 0, 0, 1), "red"),))
    kernel = figures.array_figure(np.array([[1.0, -1.0]]), "Kernel")
    products = figures.array_figure(np.array([[0.0, -1.0]]), "Products")
    fig = compose.side_by_side([window, kernel, products])
    data, layout = fig["data"], fig["layout"]
    assert [(d["xaxis"], d["yaxis"]) for d in data] == [("x", "y"), ("x2", "y2"), ("x3", "y3")]
    assert [plotly_array(d["z"]).tolist() for d in data] == [[[0, 1]], [[1, -1]], [[0, -1]]]
    domains = [layout[f"xaxis{s}"]["domain"] for s in ("", "2", "3")]
    assert all(a < b for a, b in domains) and all(b1 < a2 for (_, b1), (a2, _) in zip(domains, domains[1:]))
    for d, (_, right) in zip(data, domains):  # each colour bar right after its own panel
        assert right < d["colorbar"]["x"] < right + compose.COLOUR_BAR_ROOM
    assert [layout[f"yaxis{s}"]["scaleanchor"] for s in ("", "2", "3")] == ["x", "x2", "x3"]  # square cells kept
    assert layout["yaxis2"]["range"][0] > layout["yaxis2"]["range"][1]  # row 0 at the top, as in each panel
    assert [(s["xref"], s["yref"]) for s in layout["shapes"]] == [("x", "y")]  # the window's outline stays on it
    assert [a["text"] for a in layout["annotations"]] == ["<b>Window</b>", "<b>Kernel</b>", "<b>Products</b>"]
    assert "title" not in layout or not layout["title"].get("text")


def test_training_charts_loss_and_weights_on_top_landscape_below_inputs_untouched():
    import json

    import plotly.io as pio

    from convcore.plots import landscape, train_charts
    from convcore.images import stripes
    from convcore.training import Trainer

    tr = Trainer(stripes(), [[1.0, -1.0]], lr=3e-2)
    tr.step(10)
    target = tr.K.numpy()
    path = landscape.path_of(tr.history, tr.initial[0, 0].numpy())
    w1, w2, Z = tr.landscape(*landscape.landscape_range(path[0], path, target), 11)
    parts = [train_charts.loss_figure(tr.history), train_charts.weights_figure(tr.history, target),
             landscape.landscape_figure(w1, w2, Z, path, target, title="Loss landscape")]
    before = [pio.to_json(f, validate=False) for f in parts]
    fig = json.loads(pio.to_json(compose.training_charts(*parts), validate=False))
    assert [pio.to_json(f, validate=False) for f in parts] == before  # the three figures are not changed
    data, layout = fig["data"], fig["layout"]
    by_panel = {name: [d for d in data if d["meta"] == name] for name in ("loss", "weights", "landscape")}
    assert [len(v) for v in by_panel.values()] == [1, 4, 5]  # 1 loss line; 2 weights + 2 targets; map, path, 3 marks
    assert {(d["xaxis"], d["yaxis"]) for d in by_panel["landscape"]} == {("x3", "y3")}
    loss_y, land_y = layout["yaxis"]["domain"], layout["yaxis3"]["domain"]
    assert land_y[1] < loss_y[0] and layout["yaxis2"]["domain"] == loss_y  # landscape below, top row aligned
    assert layout["xaxis"]["domain"][1] < layout["xaxis2"]["domain"][0]  # loss left of weights
    assert {d.get("legend") for d in by_panel["weights"] if d.get("showlegend") is not False} == {"legend"}
    assert {d.get("legend") for d in by_panel["landscape"]} == {"legend2"} and "legend2" in layout
    bar = by_panel["landscape"][0]["colorbar"]
    assert layout["xaxis3"]["domain"][1] < bar["x"] and bar["y"] < land_y[1]  # its colour bar beside it
    assert layout["yaxis3"]["range"] == [float(w2[0]), float(w2[-1])]
    assert layout["hovermode"] == "closest" and layout["height"] == 320 + 460
    axes = [key for key in layout if key[1:5] == "axis"]
    assert len(axes) == 6 and all(layout[key]["automargin"] is False for key in axes)  # no label measuring per redraw
    assert layout["margin"] == compose.TRAIN_MARGIN
    bigger = compose.training_charts(*parts, scale=1.5)["layout"]["margin"]
    assert all(bigger[side] == round(1.5 * px) for side, px in compose.TRAIN_MARGIN.items())
    assert [a["text"] for a in layout["annotations"]] == ["<b>Loss</b>", "<b>Weights</b>", "<b>Loss landscape</b>"]


def test_training_charts_titles_share_the_loss_charts_title_font():
    from convcore.plots import train_charts

    history = [charts_record(i) for i in range(1, 4)]
    loss = train_charts.loss_figure(history, title="Loss", scale=1.6)
    weights = train_charts.weights_figure(history, None, title="Weights", scale=1.6)
    land = figures.heatmap(np.eye(2), "Landscape")  # made without the presenter's scale
    fig = compose.training_charts(loss, weights, land)
    sizes = {a["text"]: a["font"]["size"] for a in fig["layout"]["annotations"]}
    assert sizes == {"<b>Loss</b>": round(16 * 1.6), "<b>Weights</b>": round(16 * 1.6), "<b>Landscape</b>": round(16 * 1.6)}


def charts_record(step: int):
    """A training record (step, loss, weights)."""
    from convcore.training import Record

    return Record(step, 1.0 / step, [[0.1 * step, -0.1 * step]], 0.03)


def test_training_charts_stacked_for_a_phone_give_each_chart_its_own_row():
    from convcore.plots import landscape, train_charts
    from convcore.images import stripes
    from convcore.training import Trainer

    tr = Trainer(stripes(), [[1.0, -1.0]], lr=3e-2)
    tr.step(5)
    path = landscape.path_of(tr.history, tr.initial[0, 0].numpy())
    w1, w2, Z = tr.landscape(*landscape.landscape_range(path[0], path, tr.K.numpy()), 11)
    parts = [train_charts.loss_figure(tr.history), train_charts.weights_figure(tr.history, tr.K.numpy()),
             landscape.landscape_figure(w1, w2, Z, path, tr.K.numpy())]
    layout = compose.training_charts(*parts, stacked=True)["layout"]
    rows = [layout[f"yaxis{s}"]["domain"] for s in ("", "2", "3")]  # loss, weights, landscape from the top
    assert rows[0][1] == 1.0 and rows[2][0] == 0.0
    assert all(lower[1] < upper[0] for upper, lower in zip(rows, rows[1:]))  # one under another, never overlapping
    assert layout["xaxis"]["domain"] == [0.0, 1.0] and layout["xaxis2"]["domain"][0] == 0.0  # each as wide as it can
    assert layout["height"] == 320 + 320 + 460 + compose.STACKED_LEGEND_ROOM  # the legend under the landscape
    assert layout["legend2"]["orientation"] == "h" and layout["legend2"]["y"] < rows[2][0]
    two = compose.training_charts(*parts[:2], stacked=True)["layout"]
    assert two["yaxis2"]["domain"][0] == 0.0 and two["yaxis2"]["domain"][1] < two["yaxis"]["domain"][0]


def test_training_charts_from_plain_dicts_send_the_same_chart_as_from_figures():
    """The Train page builds its three charts as dicts (plain=True: no Plotly objects per frame): the chart sent must be
    the one the Figures made (the same JSON but for the order of keys), live and paused, in presenter mode too."""
    import json

    from convcore.plots import landscape, train_charts
    from convcore.images import stripes
    from convcore.training import Trainer
    from ui.components.live_chart import figure_json

    tr = Trainer(stripes(), [[1.0, -1.0]], lr=3e-2)
    tr.step(30)
    target = tr.K.numpy()
    path = landscape.path_of(tr.history, tr.initial[0, 0].numpy())
    w1, w2, Z = tr.landscape(*landscape.landscape_range(path[0], path, target), 11)
    axes = (np.array([[0.6, 0.8], [-0.8, 0.6]]), ("flat", "steep"))
    for goal, scale, log in ((None, 1.0, False), (500, 1.0, True), (500, 1.6, False)):
        def parts(plain: bool):
            return [train_charts.loss_figure(tr.history, log=log, scale=scale, live_goal=goal, plain=plain),
                    train_charts.weights_figure(tr.history, target, initial=tr.initial[0, 0].numpy(), scale=scale,
                                                live_goal=goal, plain=plain),
                    landscape.landscape_figure(w1, w2, Z, path, target, live=goal is not None, scale=scale, axes=axes,
                                               plain=plain)]
        plain = parts(True)
        assert all(isinstance(part, dict) for part in plain)
        assert (json.loads(figure_json(compose.training_charts(*plain, scale=scale)))
                == json.loads(figure_json(compose.training_charts(*parts(False), scale=scale))))
