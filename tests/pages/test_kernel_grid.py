"""ui.components.kernel_grid and the editor around it: what the browser's grid sends is checked before it is used, the refused
cell is marked, and a new kernel from the server reaches the grid as a new version."""

from __future__ import annotations

import json

import numpy as np
import pytest

from convcore import kernels
from convcore.errors import KernelError
from convcore.kernels import preset
from tests.helpers.apptest import EDGE_MAP, heat, kernel_grids, press, send_edit
from ui.components.data import unpacked
from ui.components import kernel_grid
from ui.components.kernel_grid import MAX_CELL_TEXT, edited_cells
from ui.text import t
from ui.widgets.kernel_editor import cells_of, refused_cell


def test_a_well_formed_edit_gives_its_cells_or_action_and_count() -> None:
    assert edited_cells({"edit": {"cells": [["1", "-2"]], "n": 3}}, 1, 2) == ([["1", "-2"]], 3)
    assert edited_cells({"edit": {"action": "flip", "n": 4}}, 1, 2) == ("flip", 4)


@pytest.mark.parametrize("value", [
    None, {}, {"edit": None}, {"edit": {"cells": [["1", "2"]]}},  # no count
    {"edit": {"cells": [["1", "2"]], "n": "3"}},  # count not a number
    {"edit": {"cells": [["1"]], "n": 1}},  # one cell short
    {"edit": {"cells": [["1", "2"], ["3", "4"]], "n": 1}},  # a row too many
    {"edit": {"cells": [["1", 2]], "n": 1}},  # not text
    {"edit": {"cells": "1,2", "n": 1}},
    {"edit": {"action": "random", "n": 1}},  # Random sends its cells
    {"edit": {"action": ["flip"], "n": 1}},
])
def test_an_edit_of_another_shape_or_kind_is_ignored(value) -> None:
    assert edited_cells(value, 1, 2) is None


def test_overlong_cell_text_is_cut() -> None:
    cells, _ = edited_cells({"edit": {"cells": [["9" * 1000]], "n": 1}}, 1, 1)
    assert cells == [["9" * MAX_CELL_TEXT]]


def test_the_refused_cell_is_the_one_the_message_names() -> None:
    assert refused_cell(KernelError("err_kernel_text", row=2, col=3, value="x")) == (1, 2)
    assert refused_cell(KernelError("err_kernel_shape")) is None
    assert refused_cell(None) is None


def test_each_grid_carries_a_small_loader_of_the_served_module_not_the_module(app_page) -> None:
    """A kernel edit's answer carries the grid's few loader lines (the module is fetched once per page, at a URL
    that changes with its bytes), not its 9 kB."""
    js = kernel_grids(app_page("views/explore.py"))[0].proto.js_content
    assert len(js.encode()) < 1024 < kernel_grid.MODULE_JS.stat().st_size
    assert json.dumps(kernel_grid.MODULE_URL) in js and "import(" in js
    assert kernel_grid.MODULE_URL.endswith(f"kernel_grid.js?v={kernel_grid.file_version(kernel_grid.MODULE_JS)}")


def test_without_static_serving_the_grid_carries_its_module(monkeypatch) -> None:
    monkeypatch.setattr(kernel_grid, "static_serving", lambda: False)
    assert kernel_grid.grid_js() == kernel_grid.MODULE_JS.read_text(encoding="utf-8")
    monkeypatch.setattr(kernel_grid, "static_serving", lambda: True)
    assert "import(" in kernel_grid.grid_js()


def test_a_files_version_changes_with_its_bytes(tmp_path) -> None:
    module = tmp_path / "grid.js"
    module.write_text("export default 1;")
    first = kernel_grid.file_version(module)
    module.write_text("export default 2;")
    assert kernel_grid.file_version(module) != first and len(first) == 12


def grid_data(at, grid: int = 0) -> dict:
    """What the page gave the grid: cells, version, seen, bad, label, presets."""
    return unpacked(json.loads(kernel_grids(at)[grid].proto.json))


def send_grid(at, value: dict) -> None:
    """Rerun with `value` as the grid's state, as the browser would send it."""
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = kernel_grids(at)[0].proto.id
    state.json_value = json.dumps(value)
    at._run(states)


def test_the_grid_shows_the_kernel_and_marks_a_refused_cell(explore) -> None:
    at = explore()
    data = grid_data(at)
    assert data["cells"] == [["1", "-1"]] and data["bad"] is None
    assert data["label"] == t("kernel_cell_label", "en", row="{row}", col="{col}")
    send_grid(at, {"edit": {"cells": [["1", "abc"]], "n": 1}})
    data = grid_data(at)
    assert data["cells"] == [["1", "abc"]] and data["bad"] == [0, 1] and data["seen"] == 1  # kept, marked
    assert t("err_kernel_text", "en", row=1, col=2, value="abc") in [e.value for e in at.error]
    assert np.array_equal(heat(at, "ex_y_chart"), EDGE_MAP)  # the last valid kernel still works


def test_a_malformed_grid_changes_nothing(explore) -> None:
    at = explore()
    send_grid(at, {"edit": {"cells": [["5"], ["5"]], "n": 1}})  # 2x1 for a 1x2 kernel (a tampered message)
    assert not at.exception and not at.error
    assert grid_data(at)["cells"] == [["1", "-1"]] and grid_data(at)["seen"] == 0
    assert np.array_equal(heat(at, "ex_y_chart"), EDGE_MAP)


def test_a_button_gives_the_grid_a_new_version_with_the_new_kernel(explore) -> None:
    at = explore()
    version = grid_data(at)["version"]
    press(at, "transpose")
    data = grid_data(at)
    assert data["version"] == version + 1 and data["cells"] == [["1"], ["-1"]] and data["seen"] == 1
    press(at, "flip")
    assert grid_data(at)["cells"] == [["-1"], ["1"]]
    assert np.array_equal(heat(at, "ex_k_chart"), [[-1], [1]])


def test_an_unknown_action_changes_nothing(explore) -> None:
    at = explore()
    send_grid(at, {"edit": {"action": "eval", "n": 1}})
    assert not at.exception and not at.error
    assert grid_data(at)["cells"] == [["1", "-1"]] and grid_data(at)["seen"] == 0


def test_the_buttons_are_the_grids_in_the_users_language(explore) -> None:
    buttons = grid_data(explore("ko"))["buttons"]
    assert [b[0] for b in buttons] == ["transpose", "flip", "normalize", "random"]
    assert buttons[3][1:] == [t("kernel_random", "ko"), t("kernel_random_help", "ko")]


def test_a_cell_typed_just_before_a_resize_is_kept(explore) -> None:
    # The student types 5 into the [1, -1] kernel and at once clicks + on Rows: the browser's two changes reach the
    # server in one run (the typed cell, left by the click, and the new size). Streamlit calls the size's callback
    # first; the typed cell, on the old one-row grid, was then of another shape and dropped.
    at = explore("en")
    cells = json.loads(kernel_grids(at)[0].proto.json)["cells"]
    assert cells == [["1", "-1"]]
    at.number_input(key="exk_rows").set_value(2)
    send_edit(at, {"cells": [["5", "-1"]]})
    assert not at.exception
    assert json.loads(kernel_grids(at)[0].proto.json)["cells"] == [["5", "-1"], ["0", "0"]]
    assert at.session_state["exk_valid"].tolist() == [[5, -1], [0, 0]]


def test_an_edit_applied_before_is_not_applied_again_by_a_resize(explore) -> None:
    # The grid's state keeps its last edit: a later resize must not bring back cells a button has changed since.
    at = explore("en")
    send_edit(at, {"cells": [["5", "-1"]]})
    press(at, "flip")
    assert at.session_state["exk_valid"].tolist() == [[-1, 5]]
    at.number_input(key="exk_rows").set_value(2).run()
    assert at.session_state["exk_valid"].tolist() == [[-1, 5], [0, 0]]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_grid_knows_each_preset_by_its_label_with_its_exact_values(explore, lang) -> None:
    at = explore(lang)
    presets = grid_data(at)["presets"]
    assert presets["box"] == "exk_preset"
    assert set(presets["kernels"]) == {t(f"kernel_{name}", lang) for name in kernels.PRESETS}
    for name in kernels.PRESETS:  # the browser's preview reads these texts as float32: the server's values exactly
        cells = presets["kernels"][t(f"kernel_{name}", lang)]
        assert np.array_equal(np.array(cells, dtype=np.float64).astype(np.float32), kernels.preset(name)), name
        assert np.array_equal(kernels.parse_kernel(cells), kernels.preset(name)), name
