"""Robustness (AppTest): two sessions at once share nothing, and the upload cache hands each caller its own copy.

docs/robustness.md lists every case with its message and the test that covers it.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from convcore.errors import ImageError
from tests.helpers.apptest import EDGE_MAP, EXPLORE, edit_cell, explore_with_band, heat
from tests.helpers.images import BAND, STRIPES, band_output, band_png, encode


def test_two_sessions_at_once_share_nothing(app_page):
    a, b = app_page(EXPLORE), app_page(EXPLORE)
    explore_with_band(a)  # A uploads and edits its kernel
    b.run()
    assert not b.exception
    assert "ex_last_upload" not in b.session_state and b.session_state["exk_cells"] == [["1", "-1"]]
    assert b.radio(key="ex_source").value == "sample"
    assert np.array_equal(heat(b, "ex_y_chart"), EDGE_MAP)
    edit_cell(b, 0, 0, "3")  # B edits its own kernel; A must not see it
    a.run()
    assert a.session_state["exk_cells"] == [["1", "-2"]]
    assert np.array_equal(heat(a, "ex_y_chart"), band_output())
    assert np.array_equal(heat(b, "ex_y_chart"), 3 * STRIPES[:, :-1] - STRIPES[:, 1:])
    assert a.session_state["ex_last_upload"].X is not None and "ex_last_upload" not in b.session_state


def test_upload_cache_is_keyed_on_the_bytes_and_hands_out_copies():
    from ui.widgets.image_input import cached_decode

    band = band_png()
    other = encode(Image.new("L", (12, 10), 40))
    X1, X2 = cached_decode(band, False), cached_decode(other, False)
    assert X1.shape == X2.shape == (10, 12) and not np.array_equal(X1, X2)  # same size, another user's picture
    assert np.array_equal(X1, BAND)
    X1[:] = 0.5  # one session scribbling on its array ...
    assert np.array_equal(cached_decode(band, False), BAND)  # ... never reaches the next one
    with pytest.raises(ImageError):
        cached_decode(b"", False)
