"""A canvas drawing becomes X exactly: box means of colour x alpha, as resize_long_side shrinks or enlarges."""

from fractions import Fraction

import numpy as np
import pytest

from convcore.drawing import axis_boxes, drawing_plane, working_size
from convcore.images import resize_long_side


def canvas(seed: int, h: int = 256, w: int = 256, opaque: bool = False) -> np.ndarray:
    """Random RGBA bytes (strokes anti-aliased on black look like this, with any alpha)."""
    rgba = np.random.default_rng(seed).integers(0, 256, (h, w, 4), dtype=np.uint8)
    if opaque:
        rgba[..., 3] = 255
    return rgba


@pytest.mark.parametrize("side", [3, 7, 10, 16, 48, 100, 256, 300, 512])
def test_a_drawing_is_the_exact_box_mean_of_its_pixels(side):
    rgba = canvas(side, 40, 30) if side < 40 else canvas(side, 256, 256)
    h, w = rgba.shape[:2]
    X = drawing_plane(rgba, side, color=False)
    assert X.dtype == np.float32 and X.shape == working_size(h, w, side) and max(X.shape) == side
    (r0, r1), (c0, c1) = axis_boxes(h, X.shape[0]), axis_boxes(w, X.shape[1])
    for i, j in [(0, 0), (X.shape[0] - 1, X.shape[1] - 1), (X.shape[0] // 2, X.shape[1] // 3)]:
        box = rgba[r0[i]:r1[i], c0[j]:c1[j]].astype(int)
        exact = Fraction(int((box[..., :3] * box[..., 3:4]).sum()), 3 * 255 * 255 * box[..., 0].size)
        assert X[i, j] == np.float32(float(exact))  # one rounding, whatever the order of the sums


@pytest.mark.parametrize("side", [5, 16, 64, 256, 512])
def test_a_drawing_agrees_with_the_resize_of_its_full_picture(side):
    rgba = canvas(side, opaque=True)
    full = (rgba[..., :3].astype(np.float64) * rgba[..., 3:4] / (255 * 255)).mean(axis=2)
    assert np.allclose(drawing_plane(rgba, side, color=False), resize_long_side(full, side), rtol=0, atol=1e-6)
    colour = drawing_plane(rgba, side, color=True)
    assert colour.shape == (3, *working_size(256, 256, side))
    assert np.allclose(colour.mean(axis=0), drawing_plane(rgba, side, color=False), rtol=0, atol=1e-6)


def test_white_on_black_is_one_and_black_is_zero():
    rgba = np.zeros((256, 256, 4), dtype=np.uint8)
    rgba[..., 3] = 255
    rgba[:128, :, :3] = 255
    X = drawing_plane(rgba, 16, color=False)
    assert (X[:8] == 1).all() and (X[8:] == 0).all()
