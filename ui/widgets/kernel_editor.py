"""The kernel editor shared by the pages: a preset, an editable grid of numbers, and handy buttons."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, partial

import numpy as np
import streamlit as st

from convcore import kernels
from convcore.errors import KernelError
from convcore.links import kernel_link as kernels_link
from ui.components.kernel_grid import edited_cells, kernel_grid
from ui.shell import callback, labels, lang, row, show_error, tr
from ui.text import t

CUSTOM = "custom"
BUTTONS = ("transpose", "flip", "normalize", "random")  # drawn by the grid (static/kernel_grid.js)


@dataclass
class KernelChoice:
    """The kernel to use (always valid) and the error of the grid when its last edit was refused."""

    K: np.ndarray
    name: str  # a preset name or "custom"
    error: KernelError | None


def format_cell(value: float) -> str:
    """A kernel value as short text (integers without a decimal point)."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.4g}"


def cells_of(K: np.ndarray) -> list[list[str]]:
    """Kernel values as grid text."""
    return [[format_cell(v) for v in row] for row in np.asarray(K)]


def preset_cells(key: str) -> dict:
    """The preset box's key and each preset's exact values by its label, as text a float32 reads back unchanged
    (the browser previews a preset picked there: 1/9 must be the server's float32 1/9, not "0.1111")."""
    return {"box": f"{key}_preset", "kernels": exact_presets(lang())}


@lru_cache(maxsize=None)
def exact_presets(code: str) -> dict[str, list[list[str]]]:
    """Each preset's values as exact text by its label in language `code` (made once per language; read only)."""
    return {t(f"kernel_{name}", code): [[repr(float(v)) for v in row] for row in kernels.preset(name)]
            for name in kernels.PRESETS}


class KernelState:
    """Session-state slots of one editor, named after its key: the kernel's text, its last valid values and preset
    name. The preset box and the size boxes are views of these, given their values before each drawing (Streamlit
    forgets a widget's value on a run that does not draw it: a visit to another page)."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __getattr__(self, slot: str):
        return st.session_state[f"{self.__dict__['key']}_{slot}"]

    @property
    def rows(self) -> int:
        """Rows of the last valid kernel."""
        return int(self.valid.shape[0])

    @property
    def cols(self) -> int:
        """Columns of the last valid kernel."""
        return int(self.valid.shape[1])

    def set(self, **slots) -> None:
        """Write slots into session state."""
        for slot, value in slots.items():
            st.session_state[f"{self.key}_{slot}"] = value

    def load(self, K: np.ndarray, name: str | None = None) -> None:
        """Show K in the grid (a fresh editor widget) and remember it as the last valid kernel."""
        K = np.asarray(K, dtype=np.float32)
        self.set(cells=cells_of(K), valid=K, version=self.version + 1, name=name or kernels.match_preset(K) or CUSTOM)

    def widget_keys(self) -> dict[str, object]:
        """The preset and size boxes' keys and the values they show."""
        return {f"{self.key}_preset": self.name, f"{self.key}_rows": self.rows, f"{self.key}_cols": self.cols}

    def show_in_widgets(self) -> None:
        """Give the preset and size boxes the editor's kernel (before they are drawn)."""
        for widget_key, value in self.widget_keys().items():
            if st.session_state.get(widget_key) != value:
                st.session_state[widget_key] = value


def grid_key(key: str) -> str:
    """The key of editor `key`'s grid (what a kernel preview names)."""
    return f"{key}_grid"


def init_state(key: str, default_preset: str, initial: np.ndarray | None) -> KernelState:
    """Create the editor's slots on first use."""
    state = KernelState(key)
    if f"{key}_cells" not in st.session_state:
        K = kernels.preset(default_preset) if initial is None else np.asarray(initial, dtype=np.float32)
        state.set(version=0)
        state.load(K)
    return state


def seed_kernel(key: str, K: np.ndarray | None, name: str | None = None) -> None:
    """Show K in the editor `key` (a link's kernel), before the editor is drawn; None leaves it as it is."""
    if K is None:
        return
    state = init_state(key, "edge_book", K)
    state.load(K, name)


def current_kernel(key: str) -> np.ndarray | None:
    """The editor's last valid kernel (what its output uses while a typed cell is refused); None before it is drawn."""
    return st.session_state.get(f"{key}_valid")


def link_values(key: str) -> dict:
    """The editor's kernel as link values: its preset's name, or the values when custom."""
    return kernels_link(current_kernel(key), st.session_state[f"{key}_name"])


@callback
def on_preset(state: KernelState) -> None:
    """A preset was chosen: load its values (choosing 'custom' keeps the current ones; a name that is no option,
    such as a label of the other language, changes nothing)."""
    name = st.session_state.get(f"{state.key}_preset")
    if name in kernels.PRESETS:
        state.load(kernels.preset(name), name)
    elif name == CUSTOM:
        state.set(name=CUSTOM)


@callback
def on_resize(state: KernelState) -> None:
    """Rows or columns changed: grow with zeros or crop, keeping the values (a cell typed just before, which
    reached the server in the same run, first: Streamlit calls this callback before the grid's)."""
    rows, cols = (st.session_state.get(f"{state.key}_{side}") for side in ("rows", "cols"))
    if isinstance(rows, int) and isinstance(cols, int):
        take_edit(state, early=True)
        state.load(kernels.resize(state.valid, rows, cols))


@callback
def on_edit(state: KernelState) -> None:
    """The grid sent an edit: typed (or random) cells, kept as text (a valid grid that is no preset becomes
    'custom'), or a button's action on the last valid kernel."""
    take_edit(state)


def take_edit(state: KernelState, early: bool = False) -> None:
    """Apply the grid's edit. `early`: the size changed in the same run, whose callback Streamlit calls before the
    grid's: the edit is taken first, unless it was applied before (the grid's state keeps its last edit); the grid's
    own callback then finds it of the old shape and leaves it."""
    edit = edited_cells(st.session_state.get(grid_key(state.key)), len(state.cells), len(state.cells[0]))
    if edit is None or (early and edit[1] <= st.session_state.get(f"{state.key}_seen", 0)):
        return
    cells, seen = edit
    state.set(seen=seen)
    if isinstance(cells, str):
        on_button(state, cells)
        return
    state.set(cells=cells)
    try:
        K = kernels.parse_kernel(cells)
    except KernelError:
        return
    state.set(valid=K, name=kernels.match_preset(K) or CUSTOM)


def refused_cell(error: KernelError | None) -> tuple[int, int] | None:
    """The (row, column) of the cell an error names (its message counts from 1), if it names one."""
    row, col = (error.params.get("row"), error.params.get("col")) if error else (None, None)
    return (row - 1, col - 1) if isinstance(row, int) and isinstance(col, int) else None


def on_button(state: KernelState, action: str) -> None:
    """Transpose, flip or normalise the last valid kernel."""
    change = {"transpose": kernels.transpose, "flip": kernels.flip, "normalize": kernels.normalize}[action]
    try:
        K = change(state.valid)
    except KernelError as error:
        state.set(button_error=error)
        return
    state.load(K)


def kernel_editor(key: str, *, default_preset: str = "edge_book", initial: np.ndarray | None = None,
                  presets: bool = True) -> KernelChoice:
    """Preset, size, grid and buttons; returns the last valid kernel and any error of the grid (`presets=False`: no
    preset box and no preset's name or description, e.g. where the kernel is to be guessed)."""
    state = init_state(key, default_preset, initial)
    state.show_in_widgets()
    if presets:
        options = [*kernels.PRESETS, CUSTOM]
        st.selectbox(tr("kernel_preset"), options, format_func=labels("kernel_"), key=f"{key}_preset",
                     on_change=on_preset, args=(state,))
        if state.name != CUSTOM:
            st.caption(tr(f"kernel_{state.name}_desc"))
    sizes = row()
    # value= the current size (not the minimum, 1): a browser that falls back to the default while a run is
    # interrupted must not send "1 column" and crop the kernel (seen with several uploads at once)
    sizes.number_input(tr("kernel_rows"), 1, kernels.MAX_KERNEL_SIDE, state.rows, key=f"{key}_rows",
                       on_change=on_resize, args=(state,))
    sizes.number_input(tr("kernel_cols"), 1, kernels.MAX_KERNEL_SIDE, state.cols, key=f"{key}_cols",
                       on_change=on_resize, args=(state,))
    if max(state.rows, state.cols) >= kernels.MAX_KERNEL_SIDE:
        st.caption(tr("kernel_side_limit", limit=kernels.MAX_KERNEL_SIDE))
    try:
        kernels.parse_kernel(state.cells)
        error = None
    except KernelError as e:
        error = e
    buttons = [(action, tr(f"kernel_{action}"), tr(f"kernel_{action}_help")) for action in BUTTONS]
    kernel_grid(state.cells, grid_key(key), version=state.version, seen=st.session_state.get(f"{key}_seen", 0),
                bad=refused_cell(error), label=tr("kernel_cell_label", row="{row}", col="{col}"), buttons=buttons,
                on_edit=partial(on_edit, state), presets=preset_cells(key) if presets else None)
    button_error = st.session_state.pop(f"{key}_button_error", None)
    if button_error is not None:
        show_error(button_error)
    if error is not None:
        show_error(error)
        st.caption(tr("kernel_kept_last"))
    return KernelChoice(state.valid, state.name, error)
