"""Kernel presets, parsing of user cells (never eval) and the editing operations."""

import numpy as np
import pytest

from convcore import kernels
from convcore.errors import KernelError
from convcore.i18n import t


def test_every_preset_is_valid_and_described():
    for name in kernels.PRESETS:
        K = kernels.preset(name)
        assert kernels.validate_kernel(K).shape == K.shape
        for lang in ("ko", "en"):
            assert t(f"kernel_{name}", lang) and t(f"kernel_{name}_desc", lang)
    assert kernels.preset("edge_book").tolist() == [[1, -1]]
    assert kernels.preset("edge_book_t").tolist() == [[1], [-1]]


def test_parse_accepts_numbers_and_numeric_text():
    K = kernels.parse_kernel([["1", " -2.5 "], [3, "1e-3"]])
    assert np.allclose(K, [[1, -2.5], [3, 1e-3]])
    assert kernels.parse_kernel([["0,5"]]).tolist() == [[0.5]]


@pytest.mark.parametrize("cells, key", [
    ([["1", "abc"]], "err_kernel_text"),
    ([["1", ""]], "err_kernel_empty_cell"),
    ([[None]], "err_kernel_empty_cell"),
    ([["nan"]], "err_kernel_not_finite"),
    ([["inf"]], "err_kernel_not_finite"),
    ([["1e308"]], "err_kernel_too_big_value"),
    ([["__import__('os').system('true')"]], "err_kernel_text"),
    ([[1, 2], [3]], "err_kernel_shape"),
    ([[0] * 16], "err_kernel_too_large_side"),
])
def test_parse_rejects_bad_cells(cells, key):
    with pytest.raises(KernelError) as info:
        kernels.parse_kernel(cells)
    assert info.value.key == key


def test_error_names_the_cell():
    with pytest.raises(KernelError) as info:
        kernels.parse_kernel([["1", "2"], ["3", "x"]])
    assert "row 2, column 2" in info.value.message("en") and "2행 2열" in info.value.message("ko")


def test_operations():
    K = np.array([[1, 2], [3, 4]], dtype=np.float32)
    assert kernels.transpose(K).tolist() == [[1, 3], [2, 4]]
    assert kernels.flip(K).tolist() == [[4, 3], [2, 1]]
    assert kernels.normalize(K).sum() == pytest.approx(1.0)
    with pytest.raises(KernelError):
        kernels.normalize(kernels.preset("laplacian"))
    assert kernels.resize(K, 3, 1).tolist() == [[1], [3], [0]]
    assert kernels.match_preset(kernels.preset("sobel_x")) == "sobel_x"
    assert kernels.match_preset(K) is None
    assert kernels.parse_kernel([[0] * 15] * 15).shape == (15, 15)
