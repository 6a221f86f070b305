"""Kernel presets, parsing of user cells (never eval) and the editing operations."""

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from convcore import kernels
from convcore.errors import KernelError
from ui.text import t


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


@pytest.mark.parametrize("text", ["1,5", "0,5", " -1,25 ", "1,000", "1,2,3", "1,"])
def test_a_comma_in_a_cell_is_refused_not_read_as_a_decimal_point(text):
    # "1,5" is a European 1.5 or a list of 1 and 5: the cell says so instead of quietly using 1.5 (or 1 for "1,000").
    with pytest.raises(KernelError) as info:
        kernels.parse_kernel([["1", "2"], ["3", text]])
    error = info.value
    assert error.key == "err_kernel_comma" and (error.params["row"], error.params["col"]) == (2, 2)
    en, ko = error.message("en"), error.message("ko")
    assert "row 2, column 2" in en and f'"{text.strip()}"' in en and "1.5" in en
    assert "2행 2열" in ko and f'"{text.strip()}"' in ko and "1.5" in ko
    assert kernels.parse_kernel([["1.5", "-.25"]]).tolist() == [[1.5, -0.25]]  # a point is the decimal mark


def test_the_browser_preview_reads_cells_as_the_server_does():
    # static/kernel_preview.js redraws Y from the typed cells before the server answers: a cell the server refuses
    # ("1,5") must not be previewed (it was, as 1.5), and a cell both take must give the same float32.
    node = shutil.which("node")
    assert node is not None, "node is needed: the browser module's parser is checked with Node.js (Debian: nodejs)"
    texts = ["1,5", "0,5", "1,000", "1,", ",5", "1.5", " -2.5 ", "1e3", ".5", "5.", "+3", "1e-3", "1e6", "-1e6",
             "1e7", "abc", "nan", "inf", "0x10", "1.2.3", "1 5", "--1", "1e", "e5"]
    module = (Path(__file__).resolve().parents[2] / "static" / "kernel_preview.js").as_uri()
    script = (f"const {{kernelOf}} = await import({json.dumps(module)});"
              f"console.log(JSON.stringify({json.dumps(texts)}.map((t) => kernelOf([[t]])?.K[0] ?? null)));")
    result = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for text, previewed in zip(texts, json.loads(result.stdout)):
        try:
            server = float(np.float32(kernels.parse_cell(text, 0, 0)))
        except KernelError:
            server = None
        assert previewed == server, (text, previewed, server)


def test_every_preset_is_matched_by_name_and_the_shared_arrays_cannot_be_changed():
    for name in kernels.PRESETS:
        first = next(n for n in kernels.PRESETS if np.array_equal(kernels.preset(n), kernels.preset(name)))
        assert kernels.match_preset(kernels.preset(name)) == first  # itself, or the first preset with its values
    with pytest.raises(ValueError):
        kernels.PRESET_ARRAYS["sobel_x"][0, 0] = 5  # match_preset's copies are shared by every session
    assert kernels.preset("sobel_x")[0, 0] == -1 and kernels.preset("sobel_x").flags.writeable  # callers get their own
