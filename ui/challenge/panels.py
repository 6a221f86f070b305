"""The Challenge page's panels: which guess the kernel editor shows, the result and score, and the hints."""

from __future__ import annotations

from typing import Callable

import numpy as np
import streamlit as st

from convcore import challenges
from convcore.challenges import Hint, Result
from convcore.plots import figures
from ui import presenter
from ui.shell import callback, lang, tr
from ui.text import t
from ui.widgets.kernel_editor import KernelState, current_kernel, format_cell, seed_kernel
from ui.widgets.lecture_kit import chart

EDITOR = "chk"  # the kernel editor's key
START = np.zeros((1, 1), dtype=np.float32)  # a first guess that tells nothing: one cell, 0
GUESSES, HINTS, REVEALED, SHOWN = "ch_guesses", "ch_hints", "ch_revealed", "ch_shown"


def titles() -> Callable[[str], str]:
    """The picker's format_func (language bound now, as ui.shell.labels): a challenge's stars, number and title."""
    code = lang()

    def title(challenge_id: str) -> str:
        ch = challenges.get(challenge_id)
        stars = "★" * ch.level + "☆" * (len(challenges.LEVELS) - ch.level)
        return f"{stars} {challenges.IDS.index(challenge_id) + 1}. {t(f'challenge_{challenge_id}_title', code)}"
    return title


@callback
def on_pick() -> None:
    """A challenge was picked: its guess goes in the editor now, before any edit of the same run is applied (a cell
    typed as the next challenge opens, on the grid still drawn for the last, reaches the server with the pick)."""
    show_guess_of(st.session_state.get("ch_pick"))


def show_guess_of(challenge_id: str) -> None:
    """Before the editor is drawn: when the challenge changed (picked, from a link, or back from another page), keep
    the guess of the one left and show this one's (a fresh one-cell 0 the first time)."""
    ss = st.session_state
    if challenge_id not in challenges.IDS:
        return
    guesses = ss.setdefault(GUESSES, {})
    shown = ss.get(SHOWN)
    if shown == challenge_id and current_kernel(EDITOR) is not None:
        return
    if shown is not None and current_kernel(EDITOR) is not None:
        guesses[shown] = current_kernel(EDITOR)
    seed_kernel(EDITOR, guesses.get(challenge_id, START))
    ss[SHOWN] = challenge_id


def hints_of(challenge_id: str) -> list[Hint]:
    """The hints this session has opened for the challenge."""
    return st.session_state.setdefault(HINTS, {}).setdefault(challenge_id, [])


def revealed(challenge_id: str) -> bool:
    """Whether the answer of the challenge was shown in this session."""
    return challenge_id in st.session_state.get(REVEALED, set())


@callback
def on_hint(challenge_id: str) -> None:
    """Hint pressed: open the next one (worked out from the guess in the grid now)."""
    hint = challenges.next_hint(challenge_id, hints_of(challenge_id), current_kernel(EDITOR))
    if hint is not None:
        hints_of(challenge_id).append(hint)


@callback
def on_reveal(challenge_id: str) -> None:
    """Show the answer pressed: the answer goes into the grid, and the challenge scores 0."""
    st.session_state.setdefault(REVEALED, set()).add(challenge_id)
    KernelState(EDITOR).load(challenges.get(challenge_id).answer)


def pair_text(pair: tuple[int, int]) -> str:
    """A setting as '1', or as rows and columns when they differ."""
    return str(pair[0]) if pair[0] == pair[1] else tr("challenge_pair", rows=pair[0], cols=pair[1])


def settings_line(ch: challenges.Challenge) -> str:
    """The layer's settings the challenge fixes (they are given, not guessed)."""
    mode = "convolution" if ch.flip else "correlation"
    return tr("challenge_settings", mode=tr(f"explore_mode_{mode}"), padding=pair_text(ch.padding),
              stride=pair_text(ch.stride), dilation=pair_text(ch.dilation))


def shaped_key(key: str, A: np.ndarray) -> str:
    """A chart's key with its array's shape in it: a chart of another shape is drawn anew (Plotly.react, which the
    live chart uses, kept the old column numbers when 8x8 became 6x6 with rows unchanged)."""
    return f"{key}_{A.shape[0]}x{A.shape[1]}"


def size_text(A: np.ndarray) -> str:
    """'6 x 7'."""
    return f"{A.shape[0]} x {A.shape[1]}"


def result_panel(challenge_id: str, result: Result) -> None:
    """The student's Y and its difference to the target (or why they cannot be compared)."""
    big = presenter.scale()
    chart(figures.array_figure(result.Y, tr("challenge_fig_guess"), scale=big, plain=True),
          shaped_key("ch_guess", result.Y), export="guess")
    if result.difference is None:
        st.warning(tr("challenge_shape_differs", got=size_text(result.Y),
                      want=size_text(challenges.target(challenge_id))), icon=":material/straighten:")
    else:
        chart(figures.array_figure(result.difference, tr("challenge_fig_diff"), scale=big, plain=True),
              shaped_key("ch_diff", result.difference))


def score_panel(challenge_id: str, result: Result) -> None:
    """The score, how close the guess is, and whether it is solved."""
    shown = revealed(challenge_id)
    points = challenges.score(result.closeness, len(hints_of(challenge_id)), shown)
    st.metric(tr("challenge_score"), f"{points} / 100", help=tr("challenge_score_help", cost=challenges.HINT_COST))
    st.progress(result.closeness / 100, text=tr("challenge_closeness", value=result.closeness))
    if shown:
        st.info(tr("challenge_revealed"), icon=":material/visibility:")
    elif result.solved:
        st.success(tr("challenge_solved", score=points), icon=":material/check_circle:")


def hint_text(hint: Hint) -> str:
    """A hint in words."""
    if hint.cell is None:
        return tr("challenge_hint_shape", rows=hint.shape[0], cols=hint.shape[1])
    return tr("challenge_hint_cell", row=hint.cell[0], col=hint.cell[1], value=format_cell(hint.value))


def hints_panel(challenge_id: str, solved: bool) -> None:
    """The hints opened so far, the button for the next one, and the answer for the class."""
    st.markdown(f"**{tr('challenge_hints')}**")
    hints = hints_of(challenge_id)
    for n, hint in enumerate(hints, start=1):
        st.markdown(f"{tr('challenge_hint_n', n=n)}: {hint_text(hint)}")
    left = len(hints) < challenges.hints_available(challenge_id)
    done = solved or revealed(challenge_id)
    buttons = st.container(horizontal=True, gap="small")
    buttons.button(tr("challenge_hint_button", cost=challenges.HINT_COST), key="ch_hint", on_click=on_hint,
                   args=(challenge_id,), disabled=done or not left, help=tr("challenge_hint_help"),
                   icon=":material/lightbulb:")
    buttons.button(tr("challenge_reveal"), key="ch_reveal", on_click=on_reveal, args=(challenge_id,), disabled=done,
                   help=tr("challenge_reveal_help"), icon=":material/visibility:")
    if not left and not done:
        st.caption(tr("challenge_no_more_hints"))
