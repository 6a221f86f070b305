"""convcore.plots.blobs: a figure dict's arrays become the blobs plotly's convert_to_base64 makes, byte for byte."""

from __future__ import annotations

import copy

import numpy as np
import plotly.io as pio
import pytest
from _plotly_utils.utils import convert_to_base64

from convcore.images import stripes
from convcore.plots import compose, landscape, train_charts
from convcore.plots.blobs import arrays_as_blobs
from convcore.training import Trainer


def both_ways(fig: dict) -> tuple[str, str]:
    """The figure's JSON after plotly's conversion and after ours."""
    theirs, ours = copy.deepcopy(fig), copy.deepcopy(fig)
    convert_to_base64(theirs)
    arrays_as_blobs(ours)
    return pio.to_json(theirs, validate=False), pio.to_json(ours, validate=False)


ARRAYS = {
    "float64 2-D": np.arange(12.0).reshape(3, 4),
    "float32": np.linspace(-1, 1, 7, dtype=np.float32),
    "int64 small": np.arange(5),
    "int64 into int16": np.array([-300, 20000]),
    "int64 into int32": np.array([0, 2**31 - 1]),
    "int64 too large": np.array([0, 2**40]),
    "uint64 into uint8": np.array([1, 255], dtype=np.uint64),
    "not contiguous": np.arange(12.0).reshape(3, 4).T,
    "booleans": np.array([True, False]),
    "texts": np.array(["a", "bc"]),
    "empty": np.zeros((0,)),
    "one number": np.array(2.5),
}


@pytest.mark.parametrize("name", list(ARRAYS))
def test_each_kind_of_array_is_sent_as_plotly_sends_it(name: str) -> None:
    fig = {"data": [{"type": "heatmap", "z": ARRAYS[name], "x": [np.float64(1.5), 2],
                     "marker": {"color": ARRAYS[name]}}],
           "layout": {"xaxis": {"range": np.array([0.0, 1.0])}, "title": "t"}, "frames": [[np.arange(3)]]}
    theirs, ours = both_ways(fig)
    assert ours == theirs


def test_the_train_page_s_chart_is_sent_as_plotly_sends_it() -> None:
    trainer = Trainer(stripes(), [[1.0, -1.0]], lr=3e-2)
    trainer.step(12)
    target = np.array([[1.0, -1.0]])
    path = landscape.path_of(trainer.history, trainer.initial[0, 0].numpy())
    r1, r2 = (landscape.round_range(r) for r in landscape.landscape_range(path[0], path, target))
    w1, w2, Z = trainer.landscape(r1, r2, 31)
    for goal in (None, 100):
        loss = train_charts.loss_figure(trainer.history, log=True, title="loss", x_title="step", y_title="L",
                                        live_goal=goal)
        weights = train_charts.weights_figure(trainer.history, target, initial=trainer.initial[0, 0].numpy(),
                                              title="w", x_title="step", y_title="v", target_label="t", live_goal=goal)
        land = landscape.landscape_figure(w1, w2, Z, path, target)
        theirs, ours = both_ways(compose.training_charts(loss, weights, land))
        assert '"bdata"' in ours and ours == theirs
