"""Window maths of the Explore page: every cell's products sum to the engine's output, for every setting."""

from __future__ import annotations

import base64
import io
import itertools

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PIL import Image

from convcore import window
from convcore.engine import correlate, output_shape
from convcore.errors import ConvLabError
from convcore.images import stripes
from convcore.plots import figures

SETTINGS = [
    window.Settings(),
    window.Settings(padding=(1, 2)),
    window.Settings(stride=(2, 3)),
    window.Settings(dilation=(2, 1)),
    window.Settings(padding=(2, 1), stride=(2, 2), dilation=(1, 2), flip=True),
    window.Settings(flip=True),
]


def engine_output(X, K, s: window.Settings) -> np.ndarray:
    """What convcore's engine computes, as numpy."""
    return correlate(X, K, padding=s.padding, stride=s.stride, dilation=s.dilation, flip=s.flip).numpy()


@pytest.mark.parametrize("settings", SETTINGS)
def test_products_sum_to_the_engine_output_at_every_cell(settings):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(7, 9)).astype(np.float32)
    K = rng.integers(-3, 4, size=(2, 3)).astype(np.float32)
    Y = engine_output(X, K, settings)
    shape = window.shape_of(X, K, settings)
    assert shape.shape == Y.shape
    for i, j in itertools.product(range(Y.shape[0]), range(Y.shape[1])):
        parts = window.products(X, K, i, j, settings)
        assert parts.total == pytest.approx(float(Y[i, j]), abs=1e-4)
        assert np.allclose(parts.products, parts.values * parts.kernel)


@pytest.mark.parametrize("settings", SETTINGS[:3])
def test_rgb_products_per_channel_and_their_sum(settings):
    rng = np.random.default_rng(5)
    X = torch.from_numpy(rng.random((3, 6, 6)).astype(np.float32))
    K = rng.integers(-2, 3, size=(3, 2, 2)).astype(np.float32)  # one kernel per channel
    maps, Y = window.channel_outputs(X, K, settings)
    assert len(maps) == 3
    for c in range(3):
        assert np.allclose(maps[c].numpy(), engine_output(X[c], K[c], settings), atol=1e-5)
    parts = window.products(X, K, 1, 1, settings)
    assert parts.sums == pytest.approx([float(m[1, 1]) for m in maps], abs=1e-4)
    assert parts.total == pytest.approx(float(Y[1, 1]), abs=1e-4)


def test_shared_kernel_over_channels_matches_the_engine():
    X = torch.rand(3, 5, 6)
    K = np.array([[1, -1], [2, 0]], np.float32)
    maps, Y = window.channel_outputs(X, K, window.Settings())
    assert np.allclose(Y.numpy(), correlate(X, K).numpy(), atol=1e-5)
    assert np.allclose(sum(m.numpy() for m in maps), Y.numpy(), atol=1e-5)


def test_book_stripes_window_and_slice():
    X, K = stripes(), np.array([[1, -1]], np.float32)
    shape = window.shape_of(X, K, window.Settings())
    win = window.window_of(0, 1, shape)
    assert win.rows.tolist() == [0] and win.cols.tolist() == [1, 2]
    assert win.box == (0, 1, 0, 2)
    assert window.slice_text(0, 1, shape) == "X[0:1, 1:3]"
    parts = window.products(X, K, 0, 1)
    assert parts.values.tolist() == [[[1.0, 0.0]]]
    assert parts.total == 1.0


def test_padding_reads_zeros_and_slices_the_padded_input():
    X = np.ones((3, 3), np.float32)
    K = np.ones((3, 3), np.float32)
    s = window.Settings(padding=(1, 1))
    parts = window.products(X, K, 0, 0, s)
    assert parts.window.box == (-1, -1, 1, 1)
    assert parts.values[0].tolist() == [[0, 0, 0], [0, 1, 1], [0, 1, 1]]
    assert parts.total == 4.0
    assert window.slice_text(0, 0, window.shape_of(X, K, s)) == "Xp[0:3, 0:3]"


def test_dilation_and_stride_in_the_slice():
    shape = output_shape(9, 9, 2, 2, stride=2, dilation=3)
    assert window.slice_text(1, 0, shape) == "X[2:6:3, 0:4:3]"
    assert window.window_of(1, 0, shape).rows.tolist() == [2, 5]


def test_convolution_mode_uses_the_flipped_kernel():
    K = np.array([[1, 2], [3, 4]], np.float32)
    parts = window.products(np.eye(3, dtype=np.float32), K, 0, 0, window.Settings(flip=True))
    assert parts.kernel[0].tolist() == [[4, 3], [2, 1]]


def test_cell_outside_the_output_is_refused():
    shape = output_shape(6, 8, 1, 2)
    with pytest.raises(ConvLabError) as info:
        window.window_of(6, 0, shape)
    assert info.value.key == "explore_err_cell"


def test_unused_rows_when_the_stride_does_not_fit():
    shape = output_shape(8, 9, 3, 3, stride=3)  # rows: windows 0-2 and 3-5, so rows 6 and 7 are never read
    assert window.unused_indices(shape, 0) == [6, 7] and shape.unused(0) == 2
    assert window.unused_indices(shape, 1) == []  # 9 columns fit three windows exactly
    jumpy = output_shape(7, 8, 2, 2, stride=3)  # windows start at rows 0 and 3: 2 is jumped over, 5-6 left over
    assert window.unused_indices(jumpy, 0) == [2, 5, 6]
    assert window.ranges_text([2, 5, 6]) == "2, 5-6"


def test_padding_rows_are_not_reported_as_unused():
    shape = output_shape(5, 5, 3, 3, padding=1, stride=2)  # windows cover padded rows -1..5
    assert window.unused_indices(shape, 0) == []


def test_step_order_round_trip_and_clamping():
    shape = output_shape(6, 8, 1, 2)  # 6 x 7
    for position in range(42):
        assert window.position_of(*window.cell_at(position, shape), shape) == position
    assert window.cell_at(8, shape) == (1, 1)
    assert window.cell_at(999, shape) == (5, 6)


def test_cell_from_clicked_points():
    shape = output_shape(6, 8, 1, 2)
    assert window.cell_from_points([{"x": 3, "y": 2, "curve_number": 1}], shape) == (2, 3)
    assert window.cell_from_points([{"x": 40.2, "y": -1}], shape) == (0, 6)
    assert window.cell_from_points([], shape) is None
    assert window.cell_from_points([{"x": None}], shape) is None


def drawn_edges(fig) -> tuple[np.ndarray, np.ndarray]:
    """Where a figure of convcore.plots.figures draws its cells: the row and column edges, in data coordinates."""
    trace = fig.data[0]
    if trace.type == "image":  # one pixel a cell (the page's Y has no image_side), centred on x0 + k * dx
        _, data = trace.source.split(",", 1)
        w, h = Image.open(io.BytesIO(base64.b64decode(data))).size
        rows = trace.y0 - trace.dy / 2 + trace.dy * np.arange(h + 1)
        cols = trace.x0 - trace.dx / 2 + trace.dx * np.arange(w + 1)
        return rows, cols
    h, w = np.shape(trace.z)  # a heatmap: cell k from k - 0.5 to k + 0.5 (Plotly's default x0 = 0, dx = 1)
    return np.arange(h + 1) - 0.5, np.arange(w + 1) - 0.5


@pytest.mark.parametrize("rows, cols", [(341, 512), (5, 7), (300, 300), (513, 200), (48, 49)])
def test_a_click_anywhere_on_a_drawn_cell_of_y_picks_that_cell(rows, cols):
    # Y as the Explore page draws it (a picture from 49 cells a side, numbers below). The browser reports the data
    # coordinates of a click (static/live_chart/); every point of a drawn cell must map back to it, its top and
    # left edges included (Plotly draws them as part of the cell): round() gave half of them to the cell before.
    Y = np.random.default_rng(rows * cols).normal(size=(rows, cols))
    i0, j0 = rows // 2, cols // 2
    fig = figures.array_figure(Y, "Y", boxes=figures.marks((i0, j0, i0, j0), max(rows, cols), figures.CELL_COLOUR))
    row_edges, col_edges = drawn_edges(fig)
    assert (len(row_edges), len(col_edges)) == (rows + 1, cols + 1)  # one drawn cell for each cell of Y
    assert list(fig.layout.xaxis.range) == [col_edges[0], col_edges[-1]]  # the picture fills the axes the click
    assert list(fig.layout.yaxis.range) == [row_edges[-1], row_edges[0]]  # is measured on (row 0 at the top)
    shape = output_shape(rows, cols, 1, 1)
    x0, y0 = (col_edges[j0] + col_edges[j0 + 1]) / 2, (row_edges[i0] + row_edges[i0 + 1]) / 2
    for i in range(rows):
        top, bottom = row_edges[i], row_edges[i + 1]
        for y in (top, (top + bottom) / 2, bottom - 1e-9):
            assert window.cell_from_points([{"x": x0, "y": y}], shape) == (i, j0), (i, y)
    for j in range(cols):
        left, right = col_edges[j], col_edges[j + 1]
        for x in (left, (left + right) / 2, right - 1e-9):
            assert window.cell_from_points([{"x": x, "y": y0}], shape) == (i0, j), (j, x)


def test_per_channel_kernels_must_share_a_size():
    assert window.stack_kernels([np.ones((2, 2))] * 3).shape == (3, 2, 2)
    with pytest.raises(ConvLabError) as info:
        window.stack_kernels([np.ones((2, 2)), np.ones((3, 3)), np.ones((2, 2))])
    assert info.value.key == "explore_err_kernel_shapes"


def test_layer_outputs_match_conv2d_with_out_channels():
    torch.manual_seed(0)
    X = torch.rand(3, 9, 11)
    shared, per_channel = np.array([[1.0, -1.0], [0.5, 2.0]]), np.random.default_rng(1).normal(size=(3, 2, 2))
    settings = window.Settings(padding=(1, 0), stride=(2, 1), dilation=(1, 2), flip=True)
    maps, Y = window.layer_outputs(X, [shared, per_channel], settings)
    weights = torch.tensor(window.layer_weights([shared, per_channel], 3))
    assert weights.shape == (2, 3, 2, 2)
    want = F.conv2d(X[None], torch.flip(weights, dims=(-2, -1)), padding=(1, 0), stride=(2, 1), dilation=(1, 2))[0]
    assert Y.shape == want.shape and np.allclose(Y, want.numpy(), atol=1e-5)
    assert len(maps) == 2 and len(maps[1]) == 3 and np.allclose(np.stack(maps[1]).sum(0), Y[1], atol=1e-5)
    assert Y.numpy().dtype == np.float32 and Y.dim() == 3  # what the page reads, as of a tensor
