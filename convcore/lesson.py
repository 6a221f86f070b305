"""Pure helpers for the Lesson page (section 6.2, cell by cell): the notebook's values, code and printouts."""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import Any, Optional, Sequence

import numpy as np
import plotly.graph_objects as go
import torch

from convcore import kernels
from convcore.engine import OutputShape, corr2d, output_shape
from convcore.errors import ConvLabError, KernelError
from convcore.training import Record, Trainer

STEPS: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7)
TRAIN_STEP = 6
MAX_SIDE_X = 8  # step 2: small enough that every sum can be read
MAX_SIDE_K = 4
NOTEBOOK_INIT = [[-0.2339, -0.3929]]  # the weights the notebook's nn.Conv2d happened to start from
LEARNING_RATES: tuple[float, ...] = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3)

# Every editable value of the page with the notebook's value; a step's reset restores the values it uses.
DEFAULTS: dict[str, Any] = {
    "n_h": 3, "n_w": 3, "k_h": 2, "k_w": 2,
    "x2": "[[0, 1, 2], [3, 4, 5], [6, 7, 8]]", "k2": "[[0, 1], [2, 3]]",
    "rows": 6, "cols": 8, "zeros": (2, 6),
    "k4": "[[1, -1]]",
    "init": "notebook", "seed": 0, "lr": 0.03, "iterations": 10,
}
STEP_VALUES: dict[int, tuple[str, ...]] = {
    1: ("n_h", "n_w", "k_h", "k_w"),
    2: ("x2", "k2"),
    3: ("rows", "cols", "zeros"),
    4: ("k4",),
    5: ("rows", "cols", "zeros", "k4"),
    6: ("rows", "cols", "zeros", "k4", "init", "seed", "lr", "iterations"),
    7: tuple(DEFAULTS),
}


def parse_step(raw: Optional[str]) -> Optional[int]:
    """The step number in a `?step=` value, or None when it is not one of STEPS."""
    text = (raw or "").strip()
    return int(text) if text.isdigit() and int(text) in STEPS else None


def defaults_for(step: int) -> dict[str, Any]:
    """The notebook's values of everything `step` uses (what its reset button restores)."""
    return {name: DEFAULTS[name] for name in STEP_VALUES[step]}


def parse_matrix(text: str, name: str, max_side: int) -> np.ndarray:
    """A float32 matrix from '[[0, 1], [2, 3]]', '0 1; 2 3' or one row per line (never eval)."""
    body = text.strip()
    if body.startswith("[[") or body.startswith("["):
        body = re.sub(r"\]\s*,?\s*\[", ";", body).strip("[] \n\t")
    rows = [re.split(r"[,\s]+", row.strip()) for row in re.split(r"[;\n]", body) if row.strip()]
    if not rows:
        raise ConvLabError("err_lesson_blank", name=name)
    try:
        return kernels.parse_kernel(rows, max_side=max_side)
    except KernelError as error:
        detail = error.key.removeprefix("err_kernel_")
        raise ConvLabError(f"err_lesson_{detail}", name=name, **error.params) from None


def number(v: float) -> str:
    """A value as the notebook would write it: integers plainly, others with 4 significant digits."""
    v = float(v)
    return f"{v:.0f}" if v.is_integer() else f"{v:.4g}"


def factor(v: float) -> str:
    """A value inside a product, negatives in parentheses: 3, (-1), 0.5."""
    text = number(v)
    return f"({text})" if text.startswith("-") else text


def spelled_sum(window: torch.Tensor, K: torch.Tensor, value: float) -> str:
    """'0*0 + 1*1 + 3*2 + 4*3 = 19': the products of one window with K and their sum."""
    terms = [f"{factor(x)}*{factor(k)}" for x, k in zip(window.flatten().tolist(), K.flatten().tolist())]
    return " + ".join(terms) + f" = {number(value)}"


def corr2d_checked(X: Any, K: Any) -> tuple[torch.Tensor, OutputShape]:
    """corr2d(X, K) (the book's loop) and its shape, refusing a kernel that does not fit."""
    Xt, Kt = torch.as_tensor(np.asarray(X, dtype=np.float32)), torch.as_tensor(np.asarray(K, dtype=np.float32))
    shape = output_shape(Xt.shape[0], Xt.shape[1], Kt.shape[0], Kt.shape[1])
    if not shape.valid:
        raise ConvLabError("err_kernel_too_large", explain=shape.explain())
    return corr2d(Xt, Kt), shape


def correlate_with_sums(X: Any, K: Any) -> tuple[torch.Tensor, list[list[str]], OutputShape]:
    """Y = corr2d(X, K), each output cell's sum spelled out, and the output shape."""
    Y, shape = corr2d_checked(X, K)
    Xt, Kt = torch.as_tensor(np.asarray(X, dtype=np.float32)), torch.as_tensor(np.asarray(K, dtype=np.float32))
    h, w = Kt.shape
    sums = [[spelled_sum(Xt[i : i + h, j : j + w], Kt, Y[i, j].item()) for j in range(Y.shape[1])]
            for i in range(Y.shape[0])]
    return Y, sums, shape


def sums_text(sums: Sequence[Sequence[str]]) -> str:
    """One line per output cell: 'Y[0, 0] = 0*0 + 1*1 + 3*2 + 4*3 = 19'."""
    return "\n".join(f"Y[{i}, {j}] = {text}" for i, row in enumerate(sums) for j, text in enumerate(row))


def shape_demo(n_h: int, n_w: int, k_h: int, k_w: int) -> tuple[OutputShape, Optional[str]]:
    """The output shape of X (n_h x n_w) and K (k_h x k_w), and what corr2d(X, K).shape prints (None: no fit)."""
    shape = output_shape(n_h, n_w, k_h, k_w)
    if not shape.valid:
        return shape, None
    return shape, repr(corr2d(torch.zeros((n_h, n_w)), torch.zeros((k_h, k_w))).shape)


@dataclass(frozen=True)
class EdgeMaps:
    """Step 5: Y = corr2d(X, K), Yt = corr2d(X.t(), K), Ytt = corr2d(X.t(), K.t()) (None when K.t() does not fit)."""

    Y: torch.Tensor
    Yt: torch.Tensor
    Ytt: Optional[torch.Tensor]
    shape: OutputShape
    shape_t: OutputShape


def edge_maps(X: torch.Tensor, K: torch.Tensor) -> EdgeMaps:
    """The edge map of X, of the transposed X, and of the transposed X with the transposed K."""
    Y, shape = corr2d_checked(X, K)
    Yt, shape_t = corr2d_checked(X.t(), K)
    try:
        Ytt = corr2d_checked(X.t(), K.t())[0]
    except ConvLabError:
        Ytt = None
    return EdgeMaps(Y, Yt, Ytt, shape, shape_t)


def stripes_image(rows: int, cols: int, start: int, stop: int) -> torch.Tensor:
    """The notebook's X = torch.ones((rows, cols)); X[:, start:stop] = 0."""
    X = torch.ones((rows, cols))
    X[:, start:stop] = 0
    return X


def clamp_span(span: Sequence[int], cols: int) -> tuple[int, int]:
    """A (start, stop) column span kept inside 0..cols."""
    start, stop = (min(max(int(v), 0), cols) for v in span)
    return min(start, stop), max(start, stop)


def book_literal(A: Any) -> str:
    """A matrix as a Python literal for torch.tensor(...): integers without a decimal point."""
    rows = np.asarray(A, dtype=np.float64).tolist()
    return "[" + ", ".join("[" + ", ".join(number(v) for v in row) + "]" for row in rows) + "]"


def printed(A: Any) -> str:
    """What print(A) shows in the notebook: whole-number inputs print as integer tensors."""
    T = torch.as_tensor(np.asarray(A, dtype=np.float32))
    whole = bool(torch.all(T == torch.round(T)))
    return repr(T.to(torch.int64) if whole else T)


def printed_float(A: Any) -> str:
    """print() of a float tensor (what corr2d and torch.ones give): '19.' style numbers."""
    return repr(torch.as_tensor(np.asarray(A, dtype=np.float32)))


def printed_shape(A: Any) -> str:
    """print(A.shape) as torch writes it: torch.Size([6, 8])."""
    return repr(torch.Size(np.asarray(A).shape))


def corr2d_code() -> str:
    """The source of the corr2d that this app runs (the book's loop)."""
    return inspect.getsource(corr2d).rstrip()


def code_step1(n_h: int, n_w: int, k_h: int, k_w: int) -> str:
    """Step 1: the shape rule on the chosen sizes."""
    return (f"X = torch.zeros(({n_h}, {n_w}))\nK = torch.zeros(({k_h}, {k_w}))\n"
            "corr2d(X, K).shape  # (n_h - k_h + 1, n_w - k_w + 1)")


def code_step2(X: Any, K: Any) -> str:
    """Step 2: the 3x3 example cell, with the current values."""
    return f"X = torch.tensor({book_literal(X)})\nK = torch.tensor({book_literal(K)})\ncorr2d(X, K)"


def code_step3(rows: int, cols: int, start: int, stop: int) -> str:
    """Step 3: building the stripes image."""
    return f"X = torch.ones(({rows}, {cols}))\nX[:, {start}:{stop}] = 0\nprint(X)\nprint(X.shape)"


def code_step4(K: Any) -> str:
    """Step 4: the edge kernel."""
    return f"K = torch.tensor({book_literal(K)})\nprint(K)\nprint(K.shape)"


CODE_STEP5 = "Y = corr2d(X, K)\nY"


def code_step5_t(comment: str) -> str:
    """Step 5: the notebook's commented-out lines, switched on, under a `comment` in the user's language."""
    return f"# {comment}\nYt = corr2d(X.t(), K)\nYt"


CODE_STEP5_TT = "Ytt = corr2d(X.t(), K.t())\nYtt"


def code_step6(x_shape: Sequence[int], kernel_shape: Sequence[int], lr: float, iterations: int, init: str,
               seed: int, comment: str = "the notebook's start") -> str:
    """Step 6: the notebook's training cells, with the chosen start, learning rate and iterations."""
    (rows, cols), (h, w) = x_shape, kernel_shape
    build = f"conv2d = nn.Conv2d(1, 1, kernel_size=({h}, {w}), bias=False)\n"
    if init == "notebook":
        build += f"conv2d.weight.data[:] = torch.tensor([[{book_literal(NOTEBOOK_INIT)}]])  # {comment}\n"
    else:
        build = f"torch.manual_seed({seed})\n" + build
    return (
        f"{build}X = X.reshape((1, 1, {rows}, {cols}))\nY = Y.reshape((1, 1, {rows - h + 1}, {cols - w + 1}))\n"
        "print(conv2d.weight.data)\n\n"
        f"for i in range({iterations}):\n"
        "    Y_hat = conv2d(X)\n"
        "    l = (Y_hat - Y) ** 2\n"
        "    conv2d.zero_grad()\n"
        "    l.sum().backward()\n"
        f"    conv2d.weight.data[:] -= {lr:g} * conv2d.weight.grad\n"
        "    print('iteration %d, loss %.3f' % (i + 1, l.sum()))\n"
        "    print('parameters:', conv2d.weight.data)"
    )


def code_step6_final(kernel_shape: Sequence[int]) -> str:
    """Step 6: the notebook's last cell."""
    return f"conv2d.weight.data.reshape({tuple(kernel_shape)})"


def sign_columns(Y: torch.Tensor) -> tuple[list[int], list[int]]:
    """Columns of Y holding a positive value, and columns holding a negative one."""
    return ([int(j) for j in torch.nonzero((Y > 0).any(dim=0)).flatten()],
            [int(j) for j in torch.nonzero((Y < 0).any(dim=0)).flatten()])


def all_zero(Y: torch.Tensor) -> bool:
    """True when every value of Y is 0."""
    return bool(torch.all(Y == 0))


def training_lines(records: Sequence[Record]) -> str:
    """The notebook's printout: 'iteration 1, loss 16.062' and 'parameters: tensor([[[[...]]]])' per update."""
    lines = []
    for r in records:
        weights = torch.tensor(r.weights, dtype=torch.float32).reshape(1, 1, *np.asarray(r.weights).shape)
        lines += ["iteration %d, loss %.3f" % (r.step, r.loss), f"parameters: {weights!r}"]
    return "\n".join(lines)


def learned_printout(weights: Sequence[Sequence[float]]) -> str:
    """The notebook's last output: the learned kernel as a 2D tensor."""
    return repr(torch.tensor(weights, dtype=torch.float32))


def rounded(weights: Sequence[Sequence[float]], digits: int = 4) -> list[list[float]]:
    """Weights rounded for display."""
    return [[round(float(v), digits) for v in row] for row in weights]


def make_trainer(X: torch.Tensor, K: torch.Tensor, init: str, seed: int, lr: float) -> Trainer:
    """The notebook's learner: Conv2d of K's shape, no bias, summed squared error, plain w -= lr * grad."""
    trainer = Trainer(X, K, kernel_shape=tuple(K.shape), seed=seed, optimizer="plain", lr=lr, loss="sum")
    if init == "notebook" and notebook_start_fits(K):
        trainer.initial = torch.tensor(NOTEBOOK_INIT, dtype=torch.float32).reshape(1, 1, 1, 2)
        trainer.reset()
    return trainer


def notebook_start_fits(K: Any) -> bool:
    """True when K is 1x2, the shape the notebook's starting weights belong to."""
    return tuple(np.asarray(K).shape) == (1, 2)


def comparison(K: Any, weights: Sequence[Sequence[float]]) -> list[tuple[str, float, float, float]]:
    """(name, target, learned, learned - target) for each weight, in reading order."""
    target = flat(np.asarray(K, dtype=np.float64).tolist())
    return [(f"w{n + 1}", t, w, w - t) for n, (t, w) in enumerate(zip(target, flat(weights)))]


def flat(weights: Sequence[Sequence[float]]) -> list[float]:
    """A kernel's values in reading order."""
    return [float(v) for row in weights for v in row]


def training_figure(records: Sequence[Record], target: Any, height: int = 320) -> go.Figure:
    """Loss (left axis, log) and each weight (right axis) per iteration, the target weights dashed."""
    steps = [r.step for r in records]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=steps, y=[r.loss for r in records], name="loss", mode="lines+markers",
                             line={"color": "#222222", "width": 3}))
    colors = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2"]
    goal = flat(np.asarray(target).tolist())
    for n, value in enumerate(goal):
        color = colors[n % len(colors)]
        fig.add_trace(go.Scatter(x=steps, y=[flat(r.weights)[n] for r in records], name=f"w{n + 1}",
                                 mode="lines+markers", yaxis="y2", line={"color": color}))
        fig.add_hline(y=value, line={"color": color, "dash": "dot", "width": 1}, yref="y2")
    fig.update_layout(
        height=height, margin={"l": 50, "r": 50, "t": 20, "b": 40}, legend={"orientation": "h", "y": -0.2},
        xaxis={"title": "iteration", "range": [0.5, max(steps[-1] if steps else 0, 10) + 0.5], "dtick": 1},
        yaxis={"title": "loss", "type": "log", "dtick": 1, "exponentformat": "none"},
        yaxis2={"title": "w", "overlaying": "y", "side": "right", "zeroline": True, "dtick": 0.5, "tickformat": ".1f"},
    )
    return fig


def page_query(lang: str, X: torch.Tensor, K: Any) -> dict[str, str]:
    """Query parameters that open another page on the same image and kernel (when they are built-in ones)."""
    from convcore.images import stripes

    query = {"lang": lang}
    if tuple(X.shape) == (6, 8) and torch.equal(X, stripes()):
        query["sample"] = "stripes"
    name = kernels.match_preset(np.asarray(K, dtype=np.float32))
    if name:
        query["kernel"] = name
    return query
