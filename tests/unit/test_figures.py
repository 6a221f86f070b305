"""Figure builders: real numbers in small heatmaps, compact PNG images with exact hover for large arrays."""

from __future__ import annotations

import base64
import io
import json
import sys
import threading

import numpy as np
import plotly.graph_objects as go
import pytest
from PIL import Image

from convcore.memo import LruMemo, Once
from convcore.plots import figures
from tests.helpers.figures import plotly_array


def spec(fig: go.Figure) -> dict:
    """The figure as the browser receives it."""
    return json.loads(fig.to_json())


def png_of(trace: dict) -> Image.Image:
    """Decode an image trace's data-URI source."""
    header, data = trace["source"].split(",", 1)
    assert header == "data:image/png;base64"
    return Image.open(io.BytesIO(base64.b64decode(data)))


def test_heatmap_stays_compatible_with_numbers_and_a_symmetric_scale():
    A = np.array([[0, 1, -1], [2, -0.5, 0]])
    fig = figures.heatmap(A, "Y")
    assert isinstance(fig, go.Figure)
    trace = spec(fig)["data"][0]
    assert trace["type"] == "heatmap"
    assert np.array_equal(plotly_array(trace["z"]), A)
    assert trace["zmin"] == -2 and trace["zmax"] == 2  # zero sits at the neutral colour
    assert trace["text"] == [["0", "1", "-1"], ["2", "-0.5", "0"]]
    assert spec(fig)["layout"]["yaxis"]["autorange"] == "reversed"  # row 0 at the top
    fig.update_layout(height=300)  # still a normal, updatable figure
    assert fig.layout.height == 300


def test_colour_scale_is_explicit_for_plotly_js():
    stops = spec(figures.heatmap(np.eye(2)))["data"][0]["colorscale"]
    assert stops[0] == [0.0, "rgb(5,48,97)"] and stops[-1][1] == "rgb(103,0,31)"  # RdBu reversed: blue to red


def test_no_numbers_written_in_large_heatmaps():
    assert "text" not in spec(figures.heatmap(np.zeros((20, 20))))["data"][0]


def test_negative_zero_is_written_as_zero():
    assert figures.cell_text(np.array([[-0.0, -1.25]])) == [["0", "-1.25"]]


def test_small_array_figure_is_clickable_on_every_cell():
    A = np.arange(12, dtype=float).reshape(3, 4) - 5
    data = spec(figures.array_figure(A, selectable=True))["data"]
    assert [t["type"] for t in data] == ["heatmap", "scatter"]
    pick = data[1]
    rows, cols, values = plotly_array(pick["y"]), plotly_array(pick["x"]), plotly_array(pick["customdata"])
    assert len(values) == 12
    assert np.allclose(values, A[rows, cols])


def test_large_array_goes_as_a_png_with_exact_sampled_hover():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(512, 512))  # noise: the worst case for PNG size
    fig = figures.array_figure(A, "Y", selectable=True)
    data = spec(fig)["data"]
    assert data[0]["type"] == "image"
    img = png_of(data[0])
    assert img.size == (512, 512) and img.mode == "P"
    pick = data[1]
    rows, cols, values = plotly_array(pick["y"]), plotly_array(pick["x"]), plotly_array(pick["customdata"])
    assert len(values) <= figures.PICK_MAX_SIDE ** 2
    assert np.allclose(values, A[rows, cols].astype(np.float32))
    assert figures.figure_bytes(fig) < 1_000_000


def test_png_colours_follow_the_diverging_scale():
    A = np.zeros((60, 60))
    A[0, 0], A[0, 1] = 4.0, -4.0
    rgb = np.asarray(png_of(spec(figures.array_figure(A))["data"][0]).convert("RGB"))
    assert tuple(rgb[0, 0]) == (103, 0, 31)  # largest: dark red
    assert tuple(rgb[0, 1]) == (5, 48, 97)  # most negative: dark blue, not clamped to black
    assert rgb[5, 5].min() > 230  # zero: near white


def test_image_side_shrinks_the_picture_but_not_the_hover():
    A = np.arange(512 * 256, dtype=float).reshape(512, 256)
    data = spec(figures.array_figure(A, image_side=128))["data"]
    assert max(png_of(data[0]).size) <= 128
    hover = data[1]  # not clickable: one transparent heatmap of exact sampled values, cheap for the browser
    assert hover["type"] == "heatmap" and hover["opacity"] == 0
    rows, cols = plotly_array(hover["y"]), plotly_array(hover["x"])
    assert len(rows) == 128 and np.allclose(plotly_array(hover["z"]), A[np.ix_(rows, cols)].astype(np.float32))


def test_outlines_and_padding_frame():
    fig = spec(figures.array_figure(np.ones((4, 5)), padding=(1, 2), boxes=(((0, 1, 2, 3), figures.WINDOW_COLOUR),)))
    shapes = fig["layout"]["shapes"]
    assert shapes[0]["line"]["dash"] == "dot"  # padding border
    assert (shapes[0]["x0"], shapes[0]["x1"], shapes[0]["y0"], shapes[0]["y1"]) == (-2.5, 6.5, -1.5, 4.5)
    assert (shapes[1]["x0"], shapes[1]["x1"], shapes[1]["y0"], shapes[1]["y1"]) == (0.5, 3.5, -0.5, 2.5)
    assert fig["layout"]["xaxis"]["range"] == [-2.5, 6.5]


def test_grey_picture_spans_black_to_white():
    pic = figures.grey_picture(np.array([[-2.0, 0.0, 2.0]]))
    assert pic.dtype == np.uint8 and pic.tolist() == [[0, 128, 255]]
    assert figures.grey_picture(np.ones((2, 2))).max() == 0


@pytest.mark.parametrize("side,size", [(3, 14), (8, 12), (15, 9)])
def test_number_font_shrinks_with_the_array(side, size):
    assert figures.number_font(side) == size


def test_window_keeps_the_whole_inputs_grey_scale():
    trace = spec(figures.array_figure(np.array([[0.39, 0.42]]), symmetric=False, bounds=(0.0, 1.0)))["data"][0]
    assert (trace["zmin"], trace["zmax"]) == (0.0, 1.0)  # 0.39 and 0.42 look alike, not black and white


def test_marks_add_a_halo_only_on_large_arrays():
    assert figures.marks((2, 3, 2, 4), 8, "red") == (((2, 3, 2, 4), "red"),)
    (box, _), (halo, _) = figures.marks((100, 0, 100, 1), 512, "red")
    assert box == (100, 0, 100, 1) and halo == (88, -12, 112, 13)


def test_sum_text_brackets_negatives_and_names_channels():
    assert figures.sum_text(np.array([1.0, -0.42, 0.0])) == "1 + (-0.42) + 0"
    assert figures.sum_text(np.array([0.5, -2.0]), ["R", "G"]) == "R: 0.5 + G: (-2)"
    assert figures.number_text(-0.0) == "0"


def test_grey_png_is_the_grey_picture():
    A = np.array([[-1.0, 0.0], [1.0, 3.0]])
    png = figures.grey_png(A)
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(png))), figures.grey_picture(A))
    assert figures.grey_png(A.copy()) is png  # memoised on the content


def hammer(work, threads: int = 8, calls: int = 300) -> None:
    """Run work(thread, call) from many threads at once, switching threads as often as Python can; re-raise the
    first error any thread met."""
    errors: list[BaseException] = []
    start = threading.Barrier(threads, timeout=60)

    def run(n: int) -> None:
        try:
            start.wait()
            for k in range(calls):
                work(n, k)
        except BaseException as error:  # handed to the test's thread
            errors.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # the race between two steps of a memo needs a switch between them: ask for many
    try:
        workers = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    finally:
        sys.setswitchinterval(interval)
    if errors:
        raise errors[0]


def test_picture_memos_are_shared_safely_and_still_memoise():
    # Every session's script runs on its own thread and they all use these memos: a bare OrderedDict raced
    # (check, then move_to_end, while another thread evicts); the locked memo is hammered below.
    assert isinstance(figures._png_memo, LruMemo) and isinstance(figures._grey_memo, LruMemo)
    A = np.arange(6.0).reshape(2, 3)
    uri = figures.png_uri(A, *figures.colour_range(A, True))
    assert figures.png_uri(A.copy(), *figures.colour_range(A, True)) is uri
    assert not figures.colour_lut(figures.DIVERGING).flags.writeable  # one table for all threads: read-only


def test_lru_memo_keeps_the_most_recently_used_and_makes_each_value_once():
    memo: LruMemo[int, str] = LruMemo(2)
    made: list[int] = []

    def make(k: int):
        return lambda: made.append(k) or f"v{k}"

    assert memo.get(1, make(1)) == "v1" and memo.get(2, make(2)) == "v2"
    assert memo.get(1, make(1)) == "v1" and made == [1, 2]  # kept: not made again, and now the most recent
    memo.get(3, make(3))  # drops 2, the least recently used
    assert memo.get(1, make(1)) == "v1" and made == [1, 2, 3]
    assert memo.get(2, make(2)) == "v2" and made == [1, 2, 3, 2] and len(memo) == 2


def test_lru_memo_is_safe_to_share_between_threads():
    # Two places for five keys: nearly every call evicts a value that another thread has just found or put there.
    # Without the memo's lock this raised KeyError (moving a value another thread had just dropped) in most runs.
    memo: LruMemo[int, str] = LruMemo(2)

    def work(thread: int, call: int) -> None:
        k = (thread + 3 * call) % 5
        assert memo.get(k, lambda: f"v{k}") == f"v{k}"

    hammer(work, calls=3000)
    assert len(memo) == 2


def test_once_makes_its_value_once_however_many_threads_ask():
    # Rounds of eight threads asking a fresh Once at the same moment: without its lock, two of them made the value
    # (registered a component twice) in most runs.
    rounds = 100
    made: list[list[object]] = [[] for _ in range(rounds)]

    def maker(r: int):
        def make() -> object:
            sum(i for i in range(200))  # a moment for the other threads to ask too
            made[r].append(object())
            return made[r][-1]
        return make

    onces = [Once(maker(r)) for r in range(rounds)]
    together = threading.Barrier(8, timeout=60)  # a thread that failed breaks it rather than hanging the rest
    seen: list[set[int]] = [set() for _ in range(rounds)]

    def work(thread: int, r: int) -> None:
        together.wait()
        seen[r].add(id(onces[r].get()))

    hammer(work, calls=rounds)
    assert all(len(m) == 1 for m in made) and all(s == {id(m[0])} for s, m in zip(seen, made))


def test_crowded_labels_fit_their_cell_and_keep_the_leading_zero() -> None:
    values = np.array([[10.5, -10.5, 100.25, 0.59, -0.12, 1.0, 20.05, -3.67, 0.00392, -0.98, -0.001]])
    assert figures.cell_labels(values, 4)[0] == ["10.5", "-10", "100", "0.59", "-0.1", "1", "20.1", "-3.7", "0", "-1", "0"]
    assert figures.cell_labels(values, 5)[0] == ["10.5", "-10.5", "100", "0.59", "-0.12", "1", "20.1", "-3.67",
                                                 "0", "-0.98", "0"]
    assert figures.cell_labels(np.array([[0.00392, 3.58e-07, -0.482, 1234.5]]), 7)[0] == ["0.00392", "0", "-0.482",
                                                                                          "1234.5"]
    for side in (3, 8, 14):
        width = figures.label_width(side)
        assert all(len(text) <= width for text in figures.cell_labels(values, width)[0])


def test_numbers_replace_the_colour_bar_and_presenter_mode_writes_only_readable_ones() -> None:
    small = spec(figures.array_figure(np.ones((6, 8))))["data"][0]
    assert small["texttemplate"] and small["showscale"] is False  # the numbers say it
    big = spec(figures.array_figure(np.ones((20, 20))))["data"][0]
    assert "texttemplate" not in big and big["showscale"] is True  # colours only: the bar says what they mean
    shown = spec(figures.array_figure(np.ones((14, 14)), scale=1.5))["data"][0]
    assert "texttemplate" not in shown and shown["showscale"] is True  # 9 px labels, even enlarged, are too small
    assert spec(figures.array_figure(np.ones((8, 8)), scale=1.5))["data"][0]["textfont"]["size"] >= 18


def test_presenter_mode_sets_every_number_at_18_px_or_more_and_fills_a_projectors_column() -> None:
    from convcore.plots import train_charts
    from convcore.training import Record
    history = [Record(k + 1, 10.0 / (k + 1), [[0.1 * k, -0.1 * k]], 0.03) for k in range(5)]
    built = [spec(figures.array_figure(np.ones((6, 8)), "X", scale=1.5)),
             spec(train_charts.loss_figure(history, scale=1.5)),
             spec(train_charts.weights_figure(history, np.array([[1.0, -1.0]]), scale=1.5))]
    for fig in built:
        layout = fig["layout"]
        assert layout["font"]["size"] >= 18
        assert layout["xaxis"]["tickfont"]["size"] >= 18 and layout["yaxis"]["tickfont"]["size"] >= 18
    assert built[0]["data"][0]["textfont"]["size"] >= 18
    assert built[1]["layout"]["yaxis"]["title"]["font"]["size"] >= 18
    plain, big = figures.figure_height(6, 8), figures.figure_height(6, 8, 1.5)
    assert big - 160 >= figures.PRESENTER_PLOT_PX * 6 / 8 > plain  # cells as wide as a projector's column allows


def test_a_colour_input_is_drawn_in_colour_with_its_channels_on_hover() -> None:
    from convcore.plots import colour
    X = np.zeros((3, 4, 5))
    X[0, :, :2] = 1.0  # red on the left
    X[2, :, 3:] = 0.5  # dark blue on the right
    fig = spec(colour.colour_figure(X, "X", boxes=(((0, 0, 1, 1), "orange"),), padding=(1, 1)))
    image, hover = fig["data"]
    pixels = np.asarray(png_of(image).convert("RGB"))
    assert pixels.shape == (4, 5, 3)
    assert tuple(pixels[0, 0]) == (255, 0, 0) and tuple(pixels[0, 2]) == (0, 0, 0) and tuple(pixels[0, 4]) == (0, 0, 128)
    assert hover["text"][0] == "R 1, G 0, B 0" and len(hover["text"]) == 20
    layout = fig["layout"]
    assert layout["xaxis"]["range"] == [-1.5, 5.5] and len(layout["shapes"]) == 2  # padding frame and the window
    big = spec(colour.colour_figure(np.random.default_rng(0).random((3, 1500, 600))))["data"]
    assert max(png_of(big[0]).size) <= colour.PICTURE_MAX_SIDE and len(big[1]["text"]) <= figures.PICK_MAX_SIDE ** 2


@pytest.mark.parametrize("shape", [(6, 8), (3, 40, 48), (300, 200)])
def test_array_and_colour_figures_as_plain_dicts_send_what_their_figures_send(shape):
    """Explore, Challenge and Train draw their arrays as dicts (plain=True: no Plotly objects per kernel edit): the
    chart sent must be the one the Figure made, grey and colour, numbers and picture, padded, outlined, enlarged,
    and side by side (Explore's window, kernel and products)."""
    from convcore.plots import colour, compose
    from ui.components.live_chart import figure_json

    A = np.random.default_rng(0).normal(size=shape).astype(np.float32)
    boxes = figures.marks((1, 2, 3, 4), max(shape[-2:]), figures.WINDOW_COLOUR)
    for scale in (1.0, 1.6):
        def made(plain: bool):
            if len(shape) == 3:
                return [colour.colour_figure(A, "X", boxes=boxes, padding=(1, 2), scale=scale, plain=plain)]
            return [figures.array_figure(A, "X", symmetric=False, boxes=boxes, padding=(1, 2), scale=scale,
                                         plain=plain),
                    figures.array_figure(-A, "K", image_side=128, height=260, bounds=(-1.0, 1.0), scale=scale,
                                         plain=plain)]
        plain = made(True)
        assert all(isinstance(fig, dict) for fig in plain)
        for as_dict, as_figure in zip(plain, made(False)):
            assert json.loads(figure_json(as_dict)) == json.loads(figure_json(as_figure))
        if len(shape) == 2:
            assert (json.loads(figure_json(compose.side_by_side(made(True))))
                    == json.loads(figure_json(compose.side_by_side(made(False)))))
