"""ui.components.sample_preview: what Explore hands the browser so that a sample picked in the sample box is previewed
at once: each sample's X, grey, as this session would get it (a static file at its own size, inline at a resolution
of its own), the box's labels in the user's language, and nothing where the pick must wait for the server."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from convcore.images import SAMPLES, resize_long_side
from tests.helpers.apptest import edit_cell, heat
from tests.helpers.figures import chart_elements, figure_of, live_data
from ui.components.data import unpacked
from ui.components.kernel_preview import EXACT_MAX_PIXELS, FINE_MAX_PIXELS, INPUT_COMPONENT, encoded
from ui.components.sample_preview import ELEMENT_KEY, own_size, sample_file, static_entries
from ui.explore import charts
from ui.text import t
from ui.widgets.image_input import sample_plane

DTYPES = {"f4": "<f4", "u2": "<u2", "u1": "u1"}


def read_back(meta: dict, payload: bytes) -> np.ndarray:
    """X as the browser reads it (static/kernel_preview.js inputValues)."""
    q = np.frombuffer(payload, dtype=DTYPES[meta["dtype"]]).reshape(meta["h"], meta["w"])
    return q if meta["dtype"] == "f4" else (meta["lo"] + q.astype(np.float64) * meta["step"]).astype(np.float32)


def offered(at) -> dict | None:
    """The samples the page handed the browser (None: none, the pick waits for the server)."""
    found = [el for el in at.get("bidi_component")
             if el.proto.component_name == INPUT_COMPONENT and el.proto.id.endswith(ELEMENT_KEY)]
    assert len(found) == 1, "Explore draws one samples element"
    return unpacked(json.loads(found[0].proto.json))["samples"]


@pytest.mark.parametrize("shape, dtype", [((3, 3), "f4"), ((48, 48), "f4"), ((49, 48), "u2"), ((256, 256), "u2"),
                                          ((257, 256), "u1")])
def test_x_travels_exactly_when_small_and_within_half_a_step_when_large(shape, dtype) -> None:
    X = np.random.default_rng(4).random(shape).astype(np.float32) * 5 - 2
    meta, payload = encoded(X)
    assert meta["dtype"] == dtype and (meta["h"], meta["w"]) == shape
    back = read_back(meta, payload)
    if X.size <= EXACT_MAX_PIXELS:
        assert np.array_equal(back, X)
    else:
        levels = 65535 if X.size <= FINE_MAX_PIXELS else 255
        assert meta["step"] == pytest.approx(float(np.ptp(X)) / levels)
        rounding = np.finfo(np.float32).eps * np.abs(X).max()  # X - lo, / step and the value read back: float32
        assert np.abs(back - X).max() <= meta["step"] * 0.51 + rounding


def test_the_files_hold_each_sample_as_the_server_makes_it() -> None:
    # After a change to convcore.images: python -m ui.components.sample_preview writes them again.
    for name in SAMPLES:
        meta, payload = own_size(name)
        assert sample_file(name).read_bytes() == payload, name
        assert static_entries.get()[name] == {**meta, "url": static_entries.get()[name]["url"]}
    assert static_entries.get()["photo"]["dtype"] == "u2"  # 256 x 256: 16 bits, as the page's own X goes


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_explore_offers_every_sample_under_its_label(explore, lang: str) -> None:
    at = explore(lang)
    offer = offered(at)
    assert offer["box"] == "ex_sample" and offer["current"] == "stripes" and offer["xform"] == "none"
    assert offer["names"] == {t(f"sample_{name}", lang): name for name in SAMPLES}
    assert offer["entries"] == static_entries.get()  # every sample at its own size: its file
    assert all(entry["url"].startswith(f"app/static/samples/{name}.bin?v=") for name, entry in offer["entries"].items())


def test_a_sample_at_a_resolution_of_its_own_goes_inline_up_to_48(app_page) -> None:
    at = app_page("views/explore.py", sample="photo", side="16", xform="transpose")
    at.selectbox(key="ex_sample").set_value("letter").run()
    offer = offered(at)
    assert offer["current"] == "letter" and offer["xform"] == "transpose"
    entry = offer["entries"]["photo"]
    photo = read_back(entry, base64.b64decode(entry["bdata"]))
    assert np.array_equal(photo, resize_long_side(sample_plane("photo", color=False), 16))  # exactly: float32
    at.selectbox(key="ex_sample").set_value("photo").run()
    assert np.array_equal(heat(at, "ex_x_chart"), photo.T)  # the X the server then shows (transposed)
    at.slider(key="ex_side_sample_photo").set_value(49).run()
    at.selectbox(key="ex_sample").set_value("letter").run()
    assert "photo" not in offered(at)["entries"]  # larger: its pick waits for the server


def test_colour_and_other_sources_offer_no_samples(explore) -> None:
    at = explore()
    at.toggle(key="ex_color").set_value(True).run()
    assert offered(at) is None
    assert "preview" not in live_data(chart_elements(at)["ex_x_chart"])  # a colour X: no X preview either
    at.toggle(key="ex_color").set_value(False).run()
    at.radio(key="ex_source").set_value("upload").run()
    assert offered(at) is None


def test_the_x_chart_tells_the_browser_its_shape(explore) -> None:
    preview = live_data(chart_elements(explore())["ex_x_chart"])["preview"]
    assert preview["role"] == "x" and preview["x"] == [6, 8] and "lut" not in preview and "canvas" not in preview


def without_numbers(fig: dict) -> dict:
    """A figure's layout, and its traces but for their numbers (z, its range, cell texts, a picture's source)."""
    numbers = {"z", "zmin", "zmax", "text", "source"}
    return {"layout": fig["layout"], "data": [{k: v for k, v in trace.items() if k not in numbers}
                                               for trace in fig["data"]]}


def test_y_carries_the_figures_of_each_size_a_pick_would_give_x(app_page) -> None:
    # The letter (16 x 16) turned, padding 1, stride 1, 2, its cell (12, 6) inspected; the other samples' sizes turned.
    query = dict(sample="letter", preset="sobel_x", padding="1", stride="1,2", row="12", col="6", xform="transpose")
    at = app_page("views/explore.py", "ko", **query)
    sizes = live_data(chart_elements(at)["ex_y_chart"])["preview"]["sizes"]
    assert set(sizes) == {"8x6", "3x3", "256x256"}  # the stripes, the book's 3 x 3, the photos; not X's own
    assert "x_lut" in sizes["256x256"] and "x_lut" not in sizes["8x6"]  # the photo's X is a grey picture
    for name, size, y in (("photo", "256x256", [256, 128]), ("stripes", "8x6", [8, 3]), ("example_3x3", "3x3", [3, 2])):
        at.selectbox(key="ex_sample").set_value("letter").run()
        figs = live_data(chart_elements(at)["ex_y_chart"])["preview"]["sizes"][size]  # for the cell inspected now
        at.selectbox(key="ex_sample").set_value(name).run()
        assert not at.exception
        assert figs["y"] == y == list(np.shape(heat(at, "ex_y_chart")) if max(y) < 64 else y)
        # What the server draws for that X is the figure the browser was given, with the numbers filled in: the
        # same size, titles, axes, the window and the inspected cell (kept inside the smaller Y).
        for key, given in (("ex_x_chart", figs["x_figure"]), ("ex_y_chart", figs["y_figure"])):
            assert without_numbers(figure_of(chart_elements(at)[key])) == without_numbers(given), (name, key)
    assert (at.session_state["ex_row"], at.session_state["ex_col"]) == (2, 1)  # (12, 6), then kept inside 8 x 3, 3 x 2


def test_a_drawing_carries_no_other_sizes(app_page) -> None:
    at = app_page("views/explore.py", src="draw")
    assert "sizes" not in live_data(chart_elements(at)["ex_y_chart"])["preview"]  # a stroke keeps X's size


def test_a_fragments_run_sends_the_other_sizes_figures_only_when_they_change(app_page, monkeypatch) -> None:
    at = app_page("views/explore.py", sample="letter", preset="sobel_x")
    first = live_data(chart_elements(at)["ex_y_chart"])["preview"]
    assert set(first["sizes"]) == {"6x8", "3x3", "256x256"}
    monkeypatch.setattr(charts, "fragment_run", lambda: True)  # the next runs as a kernel edit's (a fragment's)
    edit_cell(at, 0, 0, "5")
    same = live_data(chart_elements(at)["ex_y_chart"])["preview"]
    assert "sizes" not in same and same["sizes_key"] == first["sizes_key"]  # the browser keeps those it was sent
    at.number_input(key="exk_cols").set_value(2).run()  # a 3 x 2 kernel: Y of another size for each sample
    changed = live_data(chart_elements(at)["ex_y_chart"])["preview"]
    assert changed["sizes_key"] != first["sizes_key"]
    assert (first["sizes"]["6x8"]["y"], changed["sizes"]["6x8"]["y"]) == ([4, 6], [4, 7])
    monkeypatch.setattr(charts, "fragment_run", lambda: False)  # the whole page's run: sent whatever was sent before
    at.run()
    assert live_data(chart_elements(at)["ex_y_chart"])["preview"]["sizes"] == changed["sizes"]
