"""Explore's inspected cell of Y and the three inputs that show it (row, column, step), safe from the browser's stale
copies of those inputs.

The server moves the cell (a click on Y, the play button, the step slider moving row and column) by writing the
inputs' values, which the browser takes from the run's answer. A request the browser sends before that answer has
reached it still carries the inputs' old values (Streamlit sends every widget's value with every request): the
drawing of a stroke, which the canvas sends a moment after the mouse is lifted, did so right after a click on Y.
Streamlit reports such values as changed, as if the user had typed them, and taken as the user's they moved the cell
back: the click was lost. The user's own edit changes one input alone, which leaves the three disagreeing (the step
is not that of the row and column); three that agree are the browser's copy of a cell the server showed before, and
the cell the server shows now (kept under CELL) stays.
"""

from __future__ import annotations

from typing import Callable

import streamlit as st

from convcore import window

CELL = "ex_cell"  # the cell the server shows now, (row, column), whatever the inputs' values a request brings


def select_cell(i: int, j: int, shape) -> None:
    """Inspect cell (i, j) of an output of `shape`: keep it, and set the row, column and step inputs to it."""
    ss = st.session_state
    ss[CELL] = (int(i), int(j))
    ss.ex_row, ss.ex_col = int(i), int(j)
    ss.ex_step = window.position_of(i, j, shape)


def edited_by_user(shape) -> bool:
    """Whether the row, column and step inputs, as this request brought them, hold an edit of the user's: they
    disagree (see the module's docstring)."""
    ss = st.session_state
    return ss.ex_step != window.position_of(ss.ex_row, ss.ex_col, shape)


def follow_inputs(shape, edited_cell: Callable[[], tuple[int, int]]) -> None:
    """An input changed (its on_change): inspect `edited_cell()`, the cell the user's edit names; when the request
    only brought the browser's copy of an earlier cell, keep the cell the server shows."""
    shown = st.session_state.get(CELL)
    select_cell(*(edited_cell() if shown is None or edited_by_user(shape) else shown), shape)
