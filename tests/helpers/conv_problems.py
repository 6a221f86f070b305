"""Random correlation problems for property tests of the engines (tests/unit/test_engine*.py)."""

from __future__ import annotations

from hypothesis import strategies as st


@st.composite
def problems(draw):
    """Random shapes (several input and output channels), padding, stride and dilation leaving an output cell:
    (H, W, h, w, padding, stride, dilation, C, O, seed)."""
    h, w = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    dh, dw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    ph, pw = draw(st.integers(0, 3)), draw(st.integers(0, 3))
    H = draw(st.integers(max(1, dh * (h - 1) + 1 - 2 * ph), 24))
    W = draw(st.integers(max(1, dw * (w - 1) + 1 - 2 * pw), 24))
    sh, sw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    C, O = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    seed = draw(st.integers(0, 2**31 - 1))
    return (H, W, h, w, (ph, pw), (sh, sw), (dh, dw), C, O, seed)
