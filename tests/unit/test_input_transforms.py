"""Tests for Explore's transforms of X (convcore.images.transform) and their place in the link: the notebook's
corr2d(X.t(), K) is all zeros, and K.t() finds the horizontal edges."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from convcore import links
from convcore.engine import corr2d, correlate
from convcore.images import TRANSFORMS, stripes, transform
from convcore.links import codec


def test_transpose_and_rotate() -> None:
    X = np.arange(6.0, dtype=np.float32).reshape(2, 3)
    assert transform(X, "none") is X
    assert transform(X, "transpose").tolist() == [[0, 3], [1, 4], [2, 5]]
    assert transform(X, "rot90").tolist() == [[2, 5], [1, 4], [0, 3]]  # to the left: the last column on top
    C = np.stack([X, 10 * X, 100 * X])  # a colour image: each channel alike
    assert transform(C, "rot90").shape == (3, 3, 2) and transform(C, "transpose")[2].tolist() == \
        (100 * X).T.tolist()
    for name in ("transpose", "rot90"):  # torch's X.t() and torch.rot90(X), the names the page shows
        want = torch.from_numpy(C).transpose(-2, -1) if name == "transpose" else torch.rot90(torch.from_numpy(C), 1,
                                                                                             dims=(-2, -1))
        assert np.array_equal(transform(C, name), want.numpy())
    with pytest.raises(ValueError):
        transform(X, "flip")


@pytest.mark.parametrize("name", ["transpose", "rot90"])
def test_the_notebook_s_experiment(name: str) -> None:
    X, K = stripes(), torch.tensor([[1.0, -1.0]])
    assert corr2d(torch.from_numpy(X), K).any()
    assert not correlate(transform(X, name), K).any()  # corr2d(X.t(), K): zeros
    found = correlate(transform(X, name), K.t())  # K.t() finds the horizontal edges
    assert found.shape == (7, 6) and found.abs().sum() == 12
    if name == "transpose":
        torch.testing.assert_close(found, corr2d(torch.from_numpy(X), K).t())


def test_the_transform_is_in_explore_s_link() -> None:
    schema = links.explore_schema()
    assert set(links.X_TRANSFORMS) == set(TRANSFORMS)
    values, bad = codec.read({"xform": "transpose"}, schema)
    assert values["xform"] == "transpose" and not bad
    values, bad = codec.read({"xform": "mirror"}, schema)  # a tampered link: the default, and a notice
    assert values["xform"] == "none" and bad == ["xform"]
    assert codec.write({"xform": "none"}, {"xform": schema["xform"]}) == {}
    assert codec.write({"xform": "rot90"}, {"xform": schema["xform"]}) == {"xform": "rot90"}
