"""Challenge: X and Y are shown, the kernel is hidden; the student types one, sees their Y, the difference and a score,
and opens hints step by step. A teacher's link opens one challenge for the whole class (its id, never the answer)."""

from __future__ import annotations

import streamlit as st

from convcore import challenges, links
from convcore.errors import ConvLabError
from convcore.plots import figures
from ui import presenter, share
from ui.challenge.panels import EDITOR, hints_panel, result_panel, score_panel, settings_line, shaped_key
from ui.challenge.panels import on_pick, show_guess_of, titles
from ui.components.screen import narrow
from ui.shell import show_error, tr
from ui.state import CHALLENGE_KEPT
from ui.widgets.kernel_editor import kernel_editor
from ui.widgets.lecture_kit import chart

SCHEMA = links.challenge_schema(challenges.IDS)


def apply_link() -> None:
    """On the first visit in this session: open the challenge the link names."""
    values = share.load("challenge", SCHEMA)
    if values is not None:
        st.session_state.ch_pick = values["challenge"]


CHALLENGE_KEPT.keep()  # a visit to another page keeps the challenge; each challenge keeps its guess and hints
apply_link()
st.title(tr("challenge_title"))
if not presenter.presenting():
    st.caption(tr("challenge_intro"))
challenge_id = st.selectbox(tr("challenge_pick"), challenges.IDS, format_func=titles(), key="ch_pick",
                            help=tr("challenge_pick_help"), on_change=on_pick)
share.note("share_challenge_note")
share.publish({"challenge": challenge_id}, SCHEMA)  # the id only: the students' URL never holds the kernel
show_guess_of(challenge_id)
ch = challenges.get(challenge_id)
st.markdown(tr(f"challenge_{challenge_id}_story"))
st.caption(settings_line(ch))
big = presenter.scale()
x_col, y_col = st.columns(2)
with x_col:
    chart(figures.array_figure(ch.X, tr("challenge_fig_x"), symmetric=False, scale=big, plain=True),
          shaped_key("ch_x", ch.X), export="x")
with y_col:
    target = challenges.target(challenge_id)
    chart(figures.array_figure(target, tr("challenge_fig_target"), scale=big, plain=True), shaped_key("ch_y", target),
          export="y")
if narrow():  # a phone: one column, the student's Y right under the kernel they type, then the score and hints
    kernel_col = guess_col = st.container()
else:
    kernel_col, guess_col = st.columns([2, 3], gap="large")
with kernel_col:
    st.subheader(tr("challenge_your_kernel"), anchor=False)
    K = kernel_editor(EDITOR, presets=False).K  # show_guess_of put this challenge's guess in it; no preset box: a
    # preset's name would give the answer away (Sobel x in one click)
try:
    result = challenges.check(challenge_id, K)
except ConvLabError as error:
    with guess_col:
        show_error(error)
    result = None
if result is not None:
    with guess_col:
        result_panel(challenge_id, result)
    with kernel_col:
        score_panel(challenge_id, result)
with kernel_col:
    hints_panel(challenge_id, result is not None and result.solved)
