"""The code twin: generated scripts run in a fresh Python and print what the app computes."""

import ast
import json
import subprocess
import sys

import numpy as np
import pytest
import torch

from convcore.codegen import explore_code, notebook, shorten, train_code
from convcore.engine import correlate
from convcore.images import sample, stripes


def run(code: str, tmp_path) -> str:
    """Run a script in a subprocess and return what it printed."""
    path = tmp_path / "twin.py"
    path.write_text(code)
    done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def printed_value(out: str, prefix: str):
    """The Python literal printed after `prefix` on its own line."""
    line = next(ln for ln in out.splitlines() if ln.startswith(prefix))
    return ast.literal_eval(line[len(prefix):].strip())


@pytest.mark.parametrize("X, K, settings", [
    (stripes().numpy(), np.array([[1.0, -1.0]]), dict(padding=(0, 0), stride=(1, 1), dilation=(1, 1), flip=False)),
    (sample("photo").numpy()[:40, :40], np.array([[1.0, 2, 0], [0, -1, 3]]),
     dict(padding=(1, 2), stride=(2, 1), dilation=(1, 2), flip=True)),
    (sample("photo_rgb").numpy()[:, :20, :24], np.array([[0.5, -1], [2, 0.25]]),
     dict(padding=(0, 0), stride=(1, 1), dilation=(1, 1), flip=False)),
    (sample("photo_rgb").numpy()[:, :18, :21],  # one kernel per channel, as Explore's "each channel" mode
     np.array([[[1.0, 0, -1]], [[0.5, 2, 0]], [[0, -1, 3]]]), dict(padding=(2, 1), stride=(1, 2), dilation=(2, 1), flip=True)),
    (stripes().numpy(), np.array([[[[1.0, -1.0]]], [[[2.0, 0.0]]]]),  # two output channels, as Explore's layer
     dict(padding=(0, 0), stride=(1, 1), dilation=(1, 1), flip=False)),
    (sample("photo_rgb").numpy()[:, :10, :12], np.arange(3 * 3 * 4, dtype=float).reshape(3, 3, 2, 2) - 17,
     dict(padding=(0, 0), stride=(1, 1), dilation=(1, 1), flip=True)),
    (sample("photo_rgb").numpy()[:, :15, :14], np.arange(4 * 3 * 3, dtype=float).reshape(4, 3, 1, 3) / 7,
     dict(padding=(1, 0), stride=(2, 1), dilation=(1, 2), flip=False)),
])
def test_explore_twin_prints_the_apps_output(tmp_path, X, K, settings):
    code = explore_code(X, K, **settings)
    out = run(code, tmp_path)
    want = correlate(torch.tensor(X), torch.tensor(K), **settings)
    got = torch.tensor(printed_value(out, "Y ="))
    assert got.shape == want.shape
    assert torch.allclose(got, want, atol=1e-4)
    assert "unfold + matmul agrees: True" in out
    if (X.ndim == 2 or K.ndim == 4) and settings["padding"] == (0, 0):
        assert "corr2d agrees: True" in out


def test_train_twin_reproduces_the_notebook(tmp_path):
    code = train_code(stripes().numpy(), np.array([[1.0, -1.0]]), kernel_shape=(1, 2), seed=0, optimizer="plain",
                      lr=3e-2, loss="sum", steps=10)
    out = run(code, tmp_path)
    lines = [ln for ln in out.splitlines() if ln.startswith("iteration")]
    assert len(lines) == 10
    losses = [float(ln.rsplit(" ", 1)[1]) for ln in lines]
    assert losses[-1] < 1 < losses[0]
    learned = printed_value(out, "learned =")
    assert abs(learned[0][0] - 1) < 0.15 and abs(learned[0][1] + 1) < 0.15
    # the bound the page shows: lambda_max = 60 on the book, so lr below 2 / 60
    assert printed_value(out, "largest curvature:") == pytest.approx(60.0, rel=1e-9)
    assert printed_value(out, "plain descent is stable for lr below:") == pytest.approx(1 / 30, rel=1e-9)


@pytest.mark.parametrize("optimizer", ["momentum", "adam"])
def test_train_twin_other_optimizers_run(tmp_path, optimizer):
    code = train_code(sample("checkerboard").numpy(), np.array([[1.0, 0], [0, -1]]), kernel_shape=(2, 2), seed=3,
                      optimizer=optimizer, lr=0.01, loss="mean", steps=5)
    out = run(code, tmp_path)
    assert sum(ln.startswith("iteration") for ln in out.splitlines()) == 5


def test_large_image_is_embedded_exactly_and_shortened_for_display(tmp_path):
    X = sample("photo").numpy()
    code = explore_code(X, np.ones((3, 3)) / 9, padding=(1, 1), stride=(1, 1), dilation=(1, 1), flip=False)
    assert max(len(ln) for ln in shorten(code).splitlines()) <= 125
    ns: dict = {}
    exec(compile(code.split("# %%")[0], "twin", "exec"), ns)  # our own generated code, not user input
    assert torch.equal(ns["X"], torch.tensor(X))


def test_notebook_is_valid_json_with_cells():
    code = explore_code(stripes().numpy(), np.array([[1.0, -1.0]]), padding=(0, 0), stride=(1, 1),
                        dilation=(1, 1), flip=False)
    nb = json.loads(notebook(code, "ConvLab"))
    assert nb["nbformat"] == 4 and nb["cells"][0]["cell_type"] == "markdown"
    code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert len(code_cells) == 4
    assert "".join("".join(c["source"]) + "\n" for c in code_cells).count("F.conv2d") >= 1


@pytest.mark.parametrize("kernel_shape", [(3, 3), (1, 1), (2, 4)])
def test_train_twin_with_another_learned_size_matches_the_trainer(tmp_path, kernel_shape):
    from convcore.training import Trainer

    X, K = sample("letter").numpy(), np.array([[1.0, -1.0]])
    settings = dict(kernel_shape=kernel_shape, seed=5, optimizer="momentum", lr=0.01, loss="mean")
    out = run(train_code(X, K, steps=7, **settings), tmp_path)
    trainer = Trainer(X, K, **settings)
    trainer.step(7)
    assert np.allclose(printed_value(out, "learned ="), trainer.weights, atol=1e-5)
    losses = [float(ln.rsplit(" ", 1)[1]) for ln in out.splitlines() if ln.startswith("iteration")]
    assert np.allclose(losses, [r.loss for r in trainer.history], rtol=1e-3, atol=1e-3)
    limit = trainer.stability()  # the page's bound, on the same compared cells and loss
    assert printed_value(out, "plain descent is stable for lr below:") == pytest.approx(limit.lr_limit, rel=1e-9)
    assert printed_value(out, "momentum 0.9 is stable for lr below:") == pytest.approx(limit.momentum_limit(0.9),
                                                                                        rel=1e-9)


def test_twins_import_only_what_they_use_and_run_without_warnings(tmp_path):
    small = train_code(stripes().numpy(), np.array([[1.0, -1.0]]), kernel_shape=(1, 2), seed=0, optimizer="plain",
                       lr=3e-2, loss="sum", steps=3)
    assert "base64" not in small and "zlib" not in small
    assert "base64" not in explore_code(stripes().numpy(), np.array([[1.0, -1.0]]), padding=(0, 0), stride=(1, 1),
                                        dilation=(1, 1), flip=False)
    path = tmp_path / "twin.py"
    path.write_text(small)
    done = subprocess.run([sys.executable, "-W", "error", str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr  # no UserWarning (a loss printed from a tensor that requires grad)


def test_a_large_twin_prints_a_corner_of_y_not_every_value(tmp_path):
    X = sample("photo_rgb").numpy()[:, :90, :100]  # 3 x 90 x 100: Y has 88 x 98 values
    out = run(explore_code(X, np.ones((3, 3)) / 9, padding=(0, 0), stride=(1, 1), dilation=(1, 1), flip=False), tmp_path)
    corner = np.array(printed_value(out, "Y[..., :4, :4] ="))
    want = correlate(torch.tensor(X), torch.ones(3, 3) / 9).numpy()
    assert np.allclose(corner, want[..., :4, :4], atol=1e-4)
    assert len(out) < 5_000 and "Y =" not in out
