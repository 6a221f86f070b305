"""The lesson's state (one dict of values that survives steps and pages) and the pieces its steps share."""

from __future__ import annotations

from typing import Any, Callable

import streamlit as st
import torch

from convcore.lesson.correlation import stripes_image
from convcore.lesson.steps import DEFAULTS, MAX_SIDE_K, STEPS, clamp_span, defaults_for, edited_steps, parse_matrix
from convcore.lesson.steps import parse_step
from convcore.plots.figures import heatmap
from ui import presenter, share
from ui.components.page_keys import page_keys
from ui.shell import callback, tr

TOTAL = len(STEPS)


# ---- state: one dict of values that survives steps and pages; widgets are bound to it ----

def values() -> dict[str, Any]:
    """The lesson's editable values (the notebook's until changed)."""
    if "lesson_values" not in st.session_state:
        st.session_state.lesson_values = dict(DEFAULTS)
    return st.session_state.lesson_values


@callback
def store(name: str) -> None:
    """A bound widget changed: keep its value."""
    value = st.session_state[f"lesson_w_{name}"]
    values()[name] = tuple(value) if isinstance(value, list) else value


def bind(widget: Callable[..., Any], name: str, label: str, **kwargs: Any) -> Any:
    """Draw `widget` showing values()[name]; edits are written back by `store`."""
    key = f"lesson_w_{name}"
    st.session_state[key] = values()[name]
    return widget(label, key=key, on_change=store, args=(name,), **kwargs)


@callback
def reset(step: int) -> None:
    """Restore the notebook's values of everything `step` uses."""
    values().update(defaults_for(step))
    st.session_state.lesson_running = False


@callback
def go(step: int) -> None:
    """Show `step` and put it in the address."""
    st.session_state.lesson_step = step
    st.session_state.lesson_running = False
    st.query_params["step"] = str(step)


@callback
def on_pick() -> None:
    """A step was picked in the step list."""
    go(st.session_state.lesson_w_nav)


def note_edits() -> None:
    """Tell Share that its link holds the step but not the edits (which steps were edited)."""
    edited = edited_steps(values())
    if edited:
        share.note("share_lesson_edits", steps=", ".join(map(str, edited)))


def read_address() -> None:
    """Adopt `?step=` when it is valid; a bad value falls back to step 1 with a notice."""
    raw = st.query_params.get("step")
    step = parse_step(raw)
    if raw is not None and step is None:
        st.warning(tr("lesson_bad_step", value=raw[:20], total=TOTAL), icon=":material/info:")
        step = 1
    st.session_state.lesson_step = step or st.session_state.get("lesson_step", 1)
    st.query_params["step"] = str(st.session_state.lesson_step)


# ---- pieces shared by the steps ----

def nav_buttons(where: str) -> None:
    """Previous / next buttons; the top pair answers PageUp / PageDown."""
    step = st.session_state.lesson_step
    prev_col, next_col, info_col = st.columns([3, 3, 8], vertical_alignment="center")
    keys = {"prev": "PageUp", "next": "PageDown"} if where == "top" else {}
    prev_col.button(tr("lesson_prev"), icon=":material/arrow_back:", key=f"lesson_prev_{where}", width="stretch",
                    disabled=step == STEPS[0], on_click=go, args=(step - 1,), shortcut=keys.get("prev"))
    next_col.button(tr("lesson_next"), icon=":material/arrow_forward:", key=f"lesson_next_{where}", width="stretch",
                    disabled=step == STEPS[-1], on_click=go, args=(step + 1,), shortcut=keys.get("next"),
                    type="primary")
    if where == "top":
        info_col.caption(tr("lesson_position", step=step, total=TOTAL))
        page_keys("lesson_prev_top", "lesson_next_top")  # the clicker's keys also while a widget has focus


def step_header(step: int, resettable: bool = True) -> None:
    """The step's title and its reset button."""
    st.header(f"{step}. {tr(f'lesson_s{step}_title')}")
    if resettable:
        st.button(tr("lesson_reset"), icon=":material/restart_alt:", key=f"lesson_reset_{step}", on_click=reset,
                  args=(step,), help=tr("lesson_reset_help"))


def cell(code: str, output: str) -> None:
    """A notebook cell: the code, then what it printed."""
    st.code(code, language="python")
    st.caption(tr("lesson_output"))
    st.code(output, language=None)


def matrix_chart(A: Any, title: str, key: str, **kwargs: Any) -> None:
    """A heatmap of A with its numbers, titled above the figure (its column numbers sit on top)."""
    st.markdown(f"**{title}**")
    st.plotly_chart(heatmap(A, scale=presenter.scale(), **kwargs), key=key, config={"displayModeBar": False})


def columns_text(cols: list[int]) -> str:
    """Column numbers as text, or 'none'."""
    return ", ".join(map(str, cols)) if cols else tr("lesson_none")


def current_x() -> torch.Tensor:
    """Step 3's image X."""
    v = values()
    v["zeros"] = clamp_span(v["zeros"], v["cols"])
    return stripes_image(v["rows"], v["cols"], *v["zeros"])


def current_k() -> torch.Tensor:
    """Step 4's kernel K (raises ConvLabError when its text is not a matrix)."""
    return torch.as_tensor(parse_matrix(values()["k4"], "K", MAX_SIDE_K))
