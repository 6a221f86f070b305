"""The code twin: runnable PyTorch that reproduces the app's current state, as .py or as a notebook."""

from __future__ import annotations

import base64
import json
import zlib

import numpy as np

LITERAL_MAX_CELLS = 256  # arrays up to 16x16 are written as numbers; larger ones are embedded compressed
LOOP_MAX_OUTPUT_CELLS = 4096  # the book's loop is slow in Python: only run it on small outputs
CELL = "# %%"


def literal(A: np.ndarray) -> str:
    """A nested Python list of floats, exact enough for float32 (repr round-trips)."""
    A = np.asarray(A, dtype=np.float32)
    if A.ndim == 0:
        return repr(float(A))
    return "[" + ", ".join(literal(a) if A.ndim > 1 else repr(float(a)) for a in A) + "]"


def tensor_code(name: str, A: np.ndarray) -> str:
    """Python that rebuilds array A as a float32 tensor called `name`, exactly."""
    A = np.ascontiguousarray(A, dtype=np.float32)
    if not embedded(A):
        return f"{name} = torch.tensor({literal(A)})"
    blob = base64.b64encode(zlib.compress(A.tobytes(), 9)).decode("ascii")
    shape = ", ".join(str(s) for s in A.shape)
    return (f"{name} = torch.frombuffer(bytearray(zlib.decompress(base64.b64decode(\n    \"{blob}\"\n))), "
            f"dtype=torch.float32).reshape({shape})  # {'x'.join(map(str, A.shape))} values, embedded")


def embedded(A: np.ndarray) -> bool:
    """Whether tensor_code embeds A compressed (too many values to write as numbers)."""
    return np.size(A) > LITERAL_MAX_CELLS


def embedding_imports(*arrays: np.ndarray) -> list[str]:
    """The imports tensor_code's embedded arrays need (none when every array is written as numbers)."""
    return ["import base64, zlib"] if any(embedded(A) for A in arrays) else []


def shorten(code: str, limit: int = 120) -> str:
    """The code for display: long embedded data lines cut to `limit` characters."""
    return "\n".join(line if len(line) <= limit else line[:limit] + ' ..."' for line in code.splitlines())


def explore_code(X: np.ndarray, K: np.ndarray, *, padding: tuple[int, int], stride: tuple[int, int],
                 dilation: tuple[int, int], flip: bool) -> str:
    """The Explore page's state as a script: the book's loop, F.conv2d, and unfold + matmul, each printing Y.

    K is (h, w), shared by every channel, (C, h, w): one kernel per channel of a (C, H, W) X, or (O, C, h, w):
    a layer's weights, one kernel stack per output channel.
    """
    X, K = np.asarray(X, np.float32), np.asarray(K, np.float32)
    channels = X.shape[0] if X.ndim == 3 else 1
    layer, per_channel = K.ndim == 4, K.ndim == 3
    kh, kw = K.shape[-2:]
    padded = (X.shape[-2] + 2 * padding[0], X.shape[-1] + 2 * padding[1])
    out_cells = ((padded[0] - dilation[0] * (kh - 1) - 1) // stride[0] + 1) * ((padded[1] - dilation[1] * (kw - 1) - 1) // stride[1] + 1)
    unit = padding == (0, 0) and stride == (1, 1) and dilation == (1, 1)
    loop = unit and (layer or channels == 1) and out_cells * (K.shape[0] if layer else 1) <= LOOP_MAX_OUTPUT_CELLS
    kernel_note = "  # (output channels, input channels, rows, columns)" if layer else (
        "  # one kernel per channel" if per_channel else "")
    lines = [
        "# ConvLab code twin: the Explore page's current state.",
        *embedding_imports(X, K),
        "import torch",
        "import torch.nn.functional as F",
        "",
        tensor_code("X", X) + ("  # (channels, rows, columns)" if channels > 1 else "  # (rows, columns)"),
        tensor_code("K", K) + kernel_note,
    ]
    if flip:
        lines += ["K = torch.flip(K, dims=(-2, -1))  # true convolution: rotate the kernel 180 degrees"]
    lines += ["", CELL + " 1. The book's corr2d loop", "def corr2d(X, K):",
              "    h, w = K.shape",
              "    Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))",
              "    for i in range(Y.shape[0]):",
              "        for j in range(Y.shape[1]):",
              "            Y[i, j] = (X[i: i + h, j: j + w] * K).sum()",
              "    return Y", ""]
    if layer:
        lines += ["def corr2d_multi_in(X, K):  # book 6.4.1: one kernel per input channel, results added",
                  "    return sum(corr2d(x, k) for x, k in zip(X, K))", "",
                  "def corr2d_multi_in_out(X, K):  # book 6.4.2: one map per output channel",
                  "    return torch.stack([corr2d_multi_in(X, k) for k in K], 0)", ""]
    if loop:
        x3 = "X" if channels > 1 else "X.unsqueeze(0)"
        call = f"corr2d_multi_in_out({x3}, K)" if layer else "corr2d(X, K)"
        lines += [f"Y_loop = {call}", "print('corr2d:', Y_loop.shape)", ""]
    else:
        lines += ["# (skipped here: the loop has no padding/stride/dilation/channels, or the image is large)", ""]
    x4 = "X.reshape(1, 1, *X.shape)" if channels == 1 else "X.unsqueeze(0)"
    k4 = ("K" if layer else "K.unsqueeze(0)" if per_channel else
          "K.reshape(1, 1, *K.shape)" if channels == 1 else f"K.expand(1, {channels}, *K.shape)")
    outputs = K.shape[0] if layer else 1
    lines += [
        CELL + " 2. torch.nn.functional.conv2d (what nn.Conv2d computes)",
        f"Y = F.conv2d({x4}, {k4}, padding={padding}, stride={stride}, dilation={dilation})[0{'' if layer else ', 0'}]",
        "print('F.conv2d:', Y.shape)",
        "",
        CELL + " 3. unfold + matrix multiply (how libraries often do it)",
        f"cols = F.unfold({x4}, kernel_size=K.shape[-2:], padding={padding}, stride={stride}, dilation={dilation})",
        f"Y_mm = ({k4}.reshape({outputs}, -1) @ cols[0]).reshape(Y.shape)",
        "print('unfold + matmul agrees:', torch.allclose(Y_mm, Y, atol=1e-4))",
    ]
    if loop:
        lines += ["print('corr2d agrees:', torch.allclose(Y_loop, Y, atol=1e-4))"]
    lines += ["", "torch.set_printoptions(precision=4, sci_mode=False)", "print(Y)"]
    if out_cells * outputs <= LOOP_MAX_OUTPUT_CELLS:
        lines += ["print('Y =', Y.tolist())  # exact values, one line"]
    else:
        lines += [f"print('Y[..., :4, :4] =', Y[..., :4, :4].tolist())  # exact values of a corner ({out_cells * outputs:,} "
                  "in all)"]
    return "\n".join(lines) + "\n"


OPTIMIZERS = {
    "plain": None,
    "momentum": "torch.optim.SGD(conv2d.parameters(), lr=lr, momentum=0.9)",
    "adam": "torch.optim.Adam(conv2d.parameters(), lr=lr)",
}


def train_code(X: np.ndarray, target: np.ndarray, *, kernel_shape: tuple[int, int], seed: int, optimizer: str,
               lr: float, loss: str, steps: int) -> str:
    """The Train page's state as the notebook's training loop with the chosen optimizer and settings."""
    reduce = "sum" if loss == "sum" else "mean"
    update = ("    conv2d.weight.data[:] -= lr * conv2d.weight.grad  # the notebook's plain update"
              if optimizer == "plain" else "    opt.step()")
    lines = [
        "# ConvLab code twin: the Train page's current settings, written like the notebook (section 6.2).",
        *embedding_imports(X, target),
        "import torch",
        "from torch import nn",
        "",
        tensor_code("X", X),
        tensor_code("K", target) + "  # the kernel to learn back",
        "Y = torch.nn.functional.conv2d(X.reshape(1, 1, *X.shape), K.reshape(1, 1, *K.shape))",
        "",
        CELL + " The model: one convolution layer, no bias",
        f"torch.manual_seed({seed})",
        f"conv2d = nn.Conv2d(1, 1, kernel_size={tuple(kernel_shape)}, bias=False)",
        "X = X.reshape(1, 1, *X.shape)",
        f"lr = {lr!r}",
    ]
    same = tuple(kernel_shape) == tuple(np.shape(target))
    if not same:  # the outputs differ in size: compare their centred common block, as the app does
        lines += ["", "def crop_to(T, shape):  # the learned kernel has another size than K: Y and Y_hat differ in size",
                  "    top, left = (T.shape[-2] - shape[0]) // 2, (T.shape[-1] - shape[1]) // 2",
                  "    return T[..., top: top + shape[0], left: left + shape[1]]", "",
                  "fit = (min(Y.shape[-2], X.shape[-2] - conv2d.kernel_size[0] + 1),",
                  "       min(Y.shape[-1], X.shape[-1] - conv2d.kernel_size[1] + 1))  # the block both outputs have",
                  "Y = crop_to(Y, fit)"]
    if optimizer != "plain":
        lines.append(f"opt = {OPTIMIZERS[optimizer]}")
    lines += ["", *bound_lines(same, loss, optimizer)]
    lines += [
        "",
        CELL + f" Training: {steps} iterations, squared error ({reduce})",
        f"for i in range({steps}):",
        "    Y_hat = conv2d(X)" if same else "    Y_hat = crop_to(conv2d(X), fit)",
        "    l = (Y_hat - Y) ** 2",
        "    conv2d.zero_grad()",
        f"    l.{reduce}().backward()",
        update,
        f"    print('iteration %d, loss %.3f' % (i + 1, l.{reduce}().item()))",
        "    print('parameters:', conv2d.weight.data)",
        "",
        f"print('learned =', conv2d.weight.data.reshape({tuple(kernel_shape)}).tolist())",
        "",
        *gradient_lines(same, loss),
    ]
    return "\n".join(lines) + "\n"


def bound_lines(same: bool, loss: str, optimizer: str) -> list[str]:
    """The train twin's stability cell: the loss's largest curvature and the largest stable learning rate (the bound
    the Train page shows beside its learning rate)."""
    rows = ["A = torch.nn.functional.unfold(X, conv2d.kernel_size)  # X's window under each output cell",
            "A = A.reshape(1, -1, X.shape[-2] - conv2d.kernel_size[0] + 1, X.shape[-1] - conv2d.kernel_size[1] + 1)"]
    if not same:
        rows.append("A = crop_to(A, fit)  # only the compared cells")
    lines = [CELL + " The largest stable learning rate: 2 / the largest curvature of the loss (its Hessian's top "
             "eigenvalue)", *rows,
             "A = A.reshape(A.shape[1], -1).T.double()  # one row per compared cell",
             "H = 2 * A.T @ A" + (" / A.shape[0]  # the mean loss" if loss == "mean" else "  # the sum loss"),
             "lam = torch.linalg.eigvalsh(H)[-1].item()",
             "print('largest curvature:', lam)",
             "print('plain descent is stable for lr below:', 2 / lam)"]
    if optimizer == "momentum":
        lines.append("print('momentum 0.9 is stable for lr below:', 2 * (1 + 0.9) / lam)")
    elif optimizer == "adam":
        lines.append("# Adam sizes its steps from the gradients' history, not from the curvature: no such bound")
    return lines


def gradient_lines(same: bool, loss: str) -> list[str]:
    """The train twin's last cell: the gradient at the last weights as the book computes it, X correlated with
    dL/dY (what the Train page shows beside the kernel)."""
    scale = " / Y.numel()" if loss == "mean" else ""
    if same:
        dY = [f"dY = 2 * (conv2d(X).detach() - Y){scale}  # dL/dY_hat"]
    else:
        dY = ["out = conv2d(X).detach()", "dY = torch.zeros_like(out)  # dL/dY_hat: 0 where nothing is compared",
              f"crop_to(dY, fit)[...] = 2 * (crop_to(out, fit) - Y){scale}"]
    return [CELL + " The gradient now, as the book computes it: the correlation of X with dL/dY", *dY,
            "grad = torch.nn.functional.conv2d(X, dY)  # dL/dK: the same as conv2d.weight.grad",
            "print('dL/dK =', grad[0, 0].tolist())"]


def notebook(code: str, title: str) -> str:
    """A Jupyter notebook (nbformat 4 JSON) with a title cell and one code cell per '# %%' section."""
    chunks, current = [], []
    for line in code.splitlines():
        if line.startswith(CELL) and current:
            chunks.append(current)
            current = []
        current.append(line)
    chunks.append(current)
    cells = [{"cell_type": "markdown", "metadata": {}, "source": [f"# {title}"]}]
    for chunk in chunks:
        text = "\n".join(chunk).strip("\n")
        cells.append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                      "source": [ln + "\n" for ln in text.splitlines()[:-1]] + text.splitlines()[-1:]})
    nb = {"nbformat": 4, "nbformat_minor": 5, "cells": cells,
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                       "language_info": {"name": "python"}}}
    return json.dumps(nb, indent=1, ensure_ascii=False)
