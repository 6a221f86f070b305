"""The kernel's cells as a grid of text boxes, with its buttons: a small components-v2 component
(static/kernel_grid.js, imported once per browser page: each grid element carries only a few lines that load it,
not its 9 kB with every kernel edit; where static/ is not served, the module's text itself).

It replaced `st.data_editor`, whose grid the browser rebuilt on every rerun: about 100 ms of each kernel edit on
Explore (benchmarks/README.md). The grid sends every cell's text when one changes; the editor parses it as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import streamlit as st

from convcore.memo import Once
from ui.components.data import plain
from ui.components.modules import file_version, loader_js, static_serving

COMPONENT_NAME = "convlab.kernel_grid"
MODULE_JS = Path(__file__).resolve().parents[2] / "static" / "kernel_grid.js"
MODULE_URL = f"app/static/kernel_grid.js?v={file_version(MODULE_JS)}"
CSS = """
.convlab-kgrid { border-collapse: separate; border-spacing: 0.25rem; margin: 0 0 0.5rem -0.25rem; }
.convlab-kgrid th { font-weight: 400; font-size: 0.75rem; text-align: center; color: var(--st-text-color);
  opacity: 0.6; padding: 0 0.25rem; }
.convlab-kgrid-cell { width: 4.5rem; box-sizing: border-box; padding: 0.3rem 0.4rem; text-align: right;
  font: inherit; font-variant-numeric: tabular-nums; color: var(--st-text-color);
  background: var(--st-secondary-background-color); border: 1px solid transparent;
  border-radius: var(--st-base-radius, 0.5rem); }
.convlab-kgrid-cell:focus { outline: none; border-color: var(--st-primary-color); }
.convlab-kgrid-bad, .convlab-kgrid-bad:focus { border-color: var(--st-red-color, #ff2b2b); }
.convlab-kgrid-buttons { display: flex; gap: 0.5rem; flex-wrap: wrap; }
.convlab-kgrid-button { flex: 1 1 0; min-height: 2.5rem; white-space: nowrap; padding: 0.25rem 0.75rem; font: inherit;
  cursor: pointer;
  color: var(--st-text-color); background: var(--st-background-color);
  border: 1px solid var(--st-border-color, rgba(49, 51, 63, 0.2)); border-radius: var(--st-base-radius, 0.5rem); }
.convlab-kgrid-button:hover { border-color: var(--st-primary-color); color: var(--st-primary-color); }
.convlab-kgrid-button:active { background: var(--st-primary-color); color: white; }
.convlab-kgrid-button:focus-visible { outline: 2px solid var(--st-primary-color); outline-offset: 1px; }
"""
ACTIONS = ("transpose", "flip", "normalize")  # the buttons the server carries out (Random sends its cells)
MAX_CELL_TEXT = 32  # characters a cell may hold (the box's maxlength too); longer text is cut


def grid_js() -> str:
    """The component's js: a loader of the served module, or (static/ not served) the module itself."""
    return loader_js(MODULE_URL, "Kernel grid") if static_serving() else MODULE_JS.read_text(encoding="utf-8")


_component = Once(lambda: st.components.v2.component(COMPONENT_NAME, js=grid_js(), css=CSS, isolate_styles=False))


def grid_component():
    """The components-v2 component (registered once per process, whichever session's thread asks first)."""
    return _component.get()


def edited_cells(value: Any, rows: int, cols: int) -> tuple[list[list[str]] | str, int] | None:
    """The grid's 'edit' state as (cells, edit count), or (a button's action, edit count); None when it is neither
    a rows x cols grid of text nor a known action."""
    edit = value.get("edit") if hasattr(value, "get") else None
    if not isinstance(edit, dict) or not isinstance(edit.get("n"), int):
        return None
    if "action" in edit:
        return (edit["action"], edit["n"]) if edit["action"] in ACTIONS else None
    cells = edit.get("cells")
    if (not isinstance(cells, list) or len(cells) != rows
            or any(not isinstance(r, list) or len(r) != cols or not all(isinstance(v, str) for v in r) for r in cells)):
        return None
    return [[v[:MAX_CELL_TEXT] for v in r] for r in cells], edit["n"]


def kernel_grid(cells: list[list[str]], key: str, *, version: int, seen: int, bad: tuple[int, int] | None,
                label: str, buttons: list[tuple[str, str, str]], on_edit: Callable[[], None],
                presets: dict | None = None) -> None:
    """Draw the grid and its buttons ((action, label, help) each); `on_edit` runs when the browser sends an edit
    (read it with edited_cells). `presets`: {"box": the preset box's key, "kernels": {option label: cells}}, for the
    browser to preview a preset picked there (static/kernel_grid.js)."""
    data = {"cells": cells, "version": version, "seen": seen, "bad": list(bad) if bad else None, "label": label,
            "name": key, "buttons": [list(b) for b in buttons], "presets": presets}
    grid_component()(key=key, data=plain(data), width="stretch", height="content", on_edit_change=on_edit)
