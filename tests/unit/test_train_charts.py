"""Tests for convcore.plots.train_charts: thinning, the training charts, the landscape, the result helpers and the pacer."""

from __future__ import annotations

import json

import numpy as np
import plotly.io as pio
import pytest

from convcore.images import stripes
from convcore.plots import landscape, train_charts
from convcore.training import Record, Trainer
from tests.helpers.figures import plotly_array


def fake_history(n: int, shape=(1, 2), seed: int = 0) -> list[Record]:
    """n records with decreasing losses and random weights."""
    rng = np.random.default_rng(seed)
    return [Record(i + 1, 10.0 / (i + 1), rng.normal(size=shape).tolist(), 0.03) for i in range(n)]


def spec(fig) -> dict:
    """The figure as the browser gets it (arrays decoded to lists)."""
    return json.loads(pio.to_json(fig, validate=False, engine="json", remove_uids=True))


# --- thinning -------------------------------------------------------------------------------------


@pytest.mark.parametrize("n, cap", [(0, 10), (1, 10), (10, 10), (11, 10), (100_000, 600), (601, 600)])
def test_sample_indices_are_few_sorted_and_keep_the_ends(n, cap):
    idx = train_charts.sample_indices(n, cap)
    assert len(idx) <= cap
    if n:
        assert idx[0] == 0 and idx[-1] == n - 1 and np.all(np.diff(idx) > 0)
    if n <= cap:
        assert list(idx) == list(range(n))


def test_series_follows_the_history():
    history = fake_history(5000, (3, 3))
    steps, losses, weights = train_charts.series(history, 500)
    assert len(steps) <= 500 and steps[0] == 1 and steps[-1] == 5000
    k = int(np.searchsorted(steps, 2500))
    r = history[steps[k] - 1]
    assert losses[k] == r.loss and np.allclose(weights[k], r.weights, atol=1e-6)
    assert weights.shape[1:] == (3, 3)


# --- training charts ------------------------------------------------------------------------------


def test_loss_figure_linear_and_log():
    history = fake_history(30)
    history[3] = Record(4, 0.0, history[3].weights, 0.03)
    fig = train_charts.loss_figure(history, title="Loss")
    data = spec(fig)["data"][0]
    assert list(plotly_array(data["x"])) == list(range(1, 31)) and plotly_array(data["y"])[3] == 0.0
    assert fig.layout.yaxis.type == "linear"
    log = train_charts.loss_figure(history, log=True)
    assert log.layout.yaxis.type == "log"
    assert np.isnan(plotly_array(spec(log)["data"][0]["y"])[3])  # a zero loss cannot sit on a log axis


def test_weights_figure_pairs_each_weight_with_a_dashed_target_of_its_colour():
    history = fake_history(20, (2, 2))
    target = np.array([[1.0, -2.0], [0.5, 3.0]])
    data = spec(train_charts.weights_figure(history, target))["data"]
    lines = [d for d in data if d["line"].get("dash") != "dash"]
    dashed = [d for d in data if d["line"].get("dash") == "dash"]
    assert [d["name"] for d in lines] == ["w[0,0]", "w[0,1]", "w[1,0]", "w[1,1]"]
    assert len(dashed) == 4 and len({d["line"]["color"] for d in lines}) == 4
    for line, goal, expected in zip(lines, dashed, target.ravel()):
        assert goal["line"]["color"] == line["line"]["color"] and goal["legendgroup"] == line["legendgroup"]
        assert list(plotly_array(goal["y"])) == [expected, expected]
    assert np.allclose(plotly_array(lines[1]["y"]), [r.weights[0][1] for r in history], atol=1e-6)


def test_weights_figure_without_a_matching_target_draws_no_dashes():
    data = spec(train_charts.weights_figure(fake_history(5, (1, 3)), [[1.0, -1.0]]))["data"]
    assert len(data) == 3 and all(d["line"].get("dash") != "dash" for d in data)


# --- pinned axes while training runs --------------------------------------------------------------


@pytest.mark.parametrize("x, nice", [(1, 1), (1.2, 1.5), (7, 8), (8.01, 10), (125, 150), (0.031, 0.04), (3e6, 3e6)])
def test_nice_above(x, nice):
    assert train_charts.nice_above(x) == pytest.approx(nice)


def test_live_steps_range_has_headroom_changes_seldom_and_stops_at_the_goal():
    ends = [train_charts.live_steps_range(step, 100_000)[1] for step in range(1, 20_001)]
    assert all(end >= step * train_charts.HEADROOM for step, end in zip(range(1, 20_001), ends))
    assert len(set(ends)) < 40  # 20,000 frames of one step each: the axis changed at most 40 times
    assert train_charts.live_steps_range(90, 100) == [0.0, 100.0]  # never past the goal
    assert train_charts.live_steps_range(120, 100) == [0.0, 120.0]  # unless a lowered goal is already passed


def test_live_value_range_holds_the_values_on_a_grid_and_ignores_non_finite():
    lo, hi = train_charts.live_value_range([0.3, -1.0, 1.0, np.nan, np.inf])
    assert lo < -1.0 and hi > 1.0 and (hi - lo) < 3.0
    assert train_charts.live_value_range([0.31, -1.0, 1.0]) == [lo, hi]  # a value that moves inside keeps the range
    assert train_charts.live_value_range([np.nan]) is None
    assert train_charts.live_value_range([20.0, 1e-3, 0.0], log=True) == [-4.0, 2.0]  # decades, one to fall into
    assert train_charts.live_value_range([0.0, -1.0], log=True) is None


def test_live_figures_pin_their_axes_and_mark_the_moving_traces():
    history = fake_history(40)
    target = np.array([[1.0, -1.0]])
    loss = spec(train_charts.loss_figure(history, live_goal=1000))
    assert loss["layout"]["xaxis"]["range"] == [0.0, 50.0] and loss["layout"]["xaxis"]["autorange"] is False
    assert loss["layout"]["yaxis"]["range"][1] >= 10.0 and loss["layout"]["yaxis"]["autorange"] is False
    log = spec(train_charts.loss_figure(history, log=True, live_goal=1000))["layout"]["yaxis"]
    assert log["range"] == [-2.0, 2.0]  # losses 10 (not at the very top) down to 0.25 (a decade below)
    weights = train_charts.weights_figure(history, target, live_goal=1000)
    uids = [t.uid for t in weights.data]
    assert uids == [train_charts.LIVE_UID + name for name in ("weight-w_0_0_", "target-w_0_0__target", "weight-w_0_1_",
                                                        "target-w_0_1__target")]
    assert [list(t.x) for t in weights.data[1::2]] == [[0, 50.0], [0, 50.0]]  # dashed targets across the pinned axis
    lo, hi = weights.layout.yaxis.range
    assert lo <= min(np.min(r.weights) for r in history) and hi >= 1.0
    w1 = w2 = np.linspace(-2, 2, 5)
    land = landscape.landscape_figure(w1, w2, np.ones((5, 5)), np.zeros((3, 2)), target, live=True)
    assert [t.uid for t in land.data] == [None] + [train_charts.LIVE_UID + f"{name}-{name}"
                                                   for name in ("path", "start", "now", "target")]
    stopped = [train_charts.loss_figure(history), train_charts.weights_figure(history, target),
               landscape.landscape_figure(w1, w2, np.ones((5, 5)), np.zeros((3, 2)), target)]
    assert not any((t.uid or "").startswith(train_charts.LIVE_UID) for fig in stopped for t in fig.data)  # paused or done:
    assert stopped[0].data[0].uid == train_charts.STILL_UID + "loss"  # Plotly draws it all (a uid: not the live one kept)
    assert stopped[0].layout.xaxis.range is None and stopped[0].layout.yaxis.autorange is None


def test_the_live_contract_gives_each_live_trace_its_role():
    """The browser reads the live traces' roles from data (train_charts.live_contract), never from their names."""
    from convcore.plots import compose

    history = fake_history(40)
    target = np.array([[1.0, -1.0]])
    w1 = w2 = np.linspace(-2, 2, 5)
    path = landscape.path_of(history, history[0].weights)
    live = [train_charts.loss_figure(history, live_goal=1000), train_charts.weights_figure(history, target, live_goal=1000),
            landscape.landscape_figure(w1, w2, np.ones((5, 5)), path, target, live=True)]
    combined = compose.training_charts(*live)  # what the Train page sends: one figure dict
    contract = train_charts.live_contract(combined["data"])
    assert contract["prefix"] == train_charts.LIVE_UID and contract["path_lead"] == train_charts.PATH_LEAD == 1
    roles = {t["meta"] + ":" + t.get("name", ""): contract["roles"].get(t.get("uid")) for t in combined["data"]}
    assert roles == {"loss:loss": "loss", "weights:w[0,0]": "weight", "weights:w[0,0] target": "target",
                     "weights:w[0,1]": "weight", "weights:w[0,1] target": "target", "landscape:path": "path",
                     "landscape:start": "start", "landscape:now": "now", "landscape:target": "target",
                     "landscape:": None}
    assert all(uid.startswith(contract["prefix"]) for uid in contract["roles"])
    assert set(contract["roles"].values()) == set(train_charts.LIVE_ROLES)
    assert len(path) == len(train_charts.series(history)[0]) + contract["path_lead"]  # the path's start, then each step
    assert train_charts.live_contract(live[0].data) == {"prefix": train_charts.LIVE_UID, "path_lead": 1,
                                                  "roles": {train_charts.LIVE_UID + "loss-loss": "loss"}}  # Plotly traces
    stopped = [train_charts.loss_figure(history), train_charts.weights_figure(history, target),
               landscape.landscape_figure(w1, w2, np.ones((5, 5)), path, target)]
    assert all(train_charts.live_contract(fig.data) is None for fig in stopped)  # paused or done: nothing is live
    with pytest.raises(ValueError):
        train_charts.uid("x", True, "mystery")


def test_shows_lines_up_to_3x3():
    assert train_charts.shows_lines((3, 3)) and train_charts.shows_lines((1, 2)) and not train_charts.shows_lines((3, 4))


def test_kernel_compare_shares_one_colour_scale():
    fig = spec(train_charts.kernel_compare_figure(np.ones((4, 4)), -3 * np.ones((4, 4)), titles=("a", "b")))
    maps = [d for d in fig["data"] if d["type"] == "heatmap"]
    assert len(maps) == 2 and maps[0]["zmin"] == maps[1]["zmin"] == -3 and maps[0]["zmax"] == 3
    assert [a["text"] for a in fig["layout"]["annotations"]] == ["a", "b"]
    assert maps[1]["xaxis"] == "x2" and fig["layout"]["xaxis"]["domain"][1] < fig["layout"]["xaxis2"]["domain"][0]


# --- landscape ------------------------------------------------------------------------------------


def test_landscape_range_covers_start_target_and_a_modest_path():
    (a, b), (c, d) = landscape.landscape_range([0.0, 0.4], [[0.0, 0.4], [0.5, -0.2], [0.9, -0.9]], [[1.0, -1.0]])
    assert a < 0.0 and b > 1.0 and c < -1.0 and d > 0.4


def test_landscape_range_does_not_follow_a_runaway_path_forever():
    calm = landscape.landscape_range([0.0, 0.4], None, [[1.0, -1.0]])
    wild = landscape.landscape_range([0.0, 0.4], [[0.0, 0.4], [1e6, -1e6], [np.inf, np.nan]], [[1.0, -1.0]])
    calm_width, wild_width = calm[0][1] - calm[0][0], wild[0][1] - wild[0][0]
    assert calm_width < wild_width <= landscape.LANDSCAPE_MAX_GROWTH * calm_width + 1e-9
    assert all(np.isfinite(v) for r in wild for v in r)


def test_path_of_starts_at_the_initial_weights_and_drops_non_finite_points():
    history = fake_history(3) + [Record(4, 1e30, [[float("inf"), 1.0]], 10.0)]
    P = landscape.path_of(history, [[0.1, 0.2]])
    assert P.shape == (4, 2) and list(P[0]) == [0.1, 0.2] and np.isfinite(P).all()


def test_landscape_figure_on_the_notebook_setup():
    tr = Trainer(stripes(), [[1.0, -1.0]], lr=3e-2)
    tr.step(10)
    path = landscape.path_of(tr.history, tr.initial[0, 0].numpy())
    r1, r2 = landscape.landscape_range(path[0], path, [[1.0, -1.0]])
    w1, w2, Z = tr.landscape(r1, r2, 31)
    fig = spec(landscape.landscape_figure(w1, w2, Z, path, [[1.0, -1.0]], labels=("s", "n", "t", "p", "z")))
    kinds = [(d["type"], d.get("name")) for d in fig["data"]]
    assert kinds == [("heatmap", None), ("scatter", "p"), ("scatter", "s"), ("scatter", "n"), ("scatter", "t")]
    assert len(plotly_array(fig["data"][1]["x"])) == 11  # start + 10 steps
    logZ = plotly_array(fig["data"][0]["customdata"]).reshape(31, 31)  # exact, on hover
    assert np.allclose(logZ, np.log10(np.maximum(Z, 1e-12)), atol=1e-5)
    banded = plotly_array(fig["data"][0]["z"]).reshape(31, 31)  # drawn: 18 even steps, like filled contours
    assert len(np.unique(banded)) <= 18 and np.all(banded <= logZ + 1e-5)
    assert np.all(logZ - banded <= (logZ.max() - logZ.min()) / 18 + 1e-5)
    i, j = np.unravel_index(np.argmin(logZ), logZ.shape)
    assert abs(w1[j] - 1.0) < 0.2 and abs(w2[i] + 1.0) < 0.2  # the valley floor is at the target
    assert fig["layout"]["xaxis"]["range"] == [w1[0], w1[-1]]


def test_landscape_path_has_a_dot_per_step_only_while_short():
    w = np.linspace(-1.0, 1.0, 5)
    Z = np.ones((5, 5))
    for n, mode in ((landscape.PATH_MARKERS, "lines+markers"), (landscape.PATH_MARKERS + 1, "lines")):
        path = np.column_stack([np.linspace(0, 1, n), np.linspace(0, -1, n)])
        fig = spec(landscape.landscape_figure(w, w, Z, path, [[1.0, -1.0]]))
        assert fig["data"][1]["mode"] == mode and len(plotly_array(fig["data"][1]["x"])) == n


def test_round_range_widens_to_the_grid():
    assert landscape.round_range((-0.3, 1.1)) == (-0.5, 1.25)


# --- result helpers -------------------------------------------------------------------------------


def test_kernel_error():
    e = train_charts.kernel_error([[1.0, -0.9]], [[1.0, -1.0]])
    assert e.max_abs == pytest.approx(0.1) and e.rmse == pytest.approx(np.sqrt(0.01 / 2))
    assert train_charts.kernel_error([[1.0, 2.0, 3.0]], [[1.0, -1.0]]) is None
    assert train_charts.kernel_error([[1.0, 2.0]], None) is None


def test_learned_output_matches_y_once_the_kernel_is_found():
    tr = Trainer(stripes(), [[1.0, -1.0]], lr=3e-2)
    Y_hat, Y = train_charts.learned_output(tr)
    assert Y_hat.shape == Y.shape == (6, 7) and np.abs(Y_hat - Y).max() > 0.1
    tr.step(200)
    Y_hat, Y = train_charts.learned_output(tr)
    assert np.abs(Y_hat - Y).max() < 1e-3


def test_float_noise_in_a_learned_result_reads_as_zero() -> None:
    learned = np.array([[1.0000001, -0.99999994], [3.58e-07, -2.47e-05]])
    shown = train_charts.without_noise(learned)
    assert shown.tolist() == [[1.0000001, -0.99999994], [0.0, 0.0]]
    assert not np.signbit(shown[1]).any()  # 0, not -0
    assert train_charts.without_noise([[0.00392, 1.0]]).tolist() == [[0.00392, 1.0]]  # a real small value stays
    assert train_charts.without_noise([[2.4e-7, -1e-6]], scale=1.0).tolist() == [[0.0, 0.0]]  # a gap next to K


def test_the_weights_chart_starts_at_step_0_with_the_landscapes_start():
    history, initial = fake_history(5), np.array([[0.66, -0.16]])
    data = spec(train_charts.weights_figure(history, np.array([[1.0, -1.0]]), initial=initial))["data"]
    lines = [d for d in data if d["line"].get("dash") != "dash"]
    path = landscape.path_of(history, initial[0])
    for k, line in enumerate(lines):
        assert list(plotly_array(line["x"])) == [0, 1, 2, 3, 4, 5]
        assert np.allclose(plotly_array(line["y"]), path[:, k], atol=1e-6)  # the same points as the landscape's path
    before = spec(train_charts.weights_figure([], None, initial=initial))["data"]
    assert [list(plotly_array(d["y"])) for d in before] == [[pytest.approx(0.66)], [pytest.approx(-0.16)]]
    assert {d["mode"] for d in before} == {"markers"}  # a single point must be seen


def test_before_training_the_loss_axis_starts_at_zero():
    fig = train_charts.loss_figure([])
    assert list(fig.layout.yaxis.range) == [0.0, 1.0]
    assert train_charts.loss_figure(fake_history(3)).layout.yaxis.range is None  # with losses: Plotly fits them
