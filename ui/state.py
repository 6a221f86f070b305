"""Widget values a page keeps while the user visits other pages, and relabels when the language changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, TypeVar

import streamlit as st

from convcore.links import PAIR_LIMITS  # padding, stride, dilation: each a box and a "_c" (columns) box
from convcore.pacing import Pacer
from ui.widget_state import held, user_keys

T = TypeVar("T")
KEPT_VALUES = "_kept_widgets"  # widget key -> its last value, for the pages' kept widgets
KEPT_WATCH = "_kept_watch"  # the keys and key prefixes pages asked to keep


def keep_widgets(*keys: str, prefixes: tuple[str, ...] = ()) -> None:
    """Give a page's widgets back their values after the user visited another page.

    Streamlit forgets a widget's value after any run that does not draw it, so a trip to another page would reset
    the settings (and, on Train, the trainer built from them). Called at the top of a page, before its widgets:
    remembers the listed keys (and keys starting with one of `prefixes`) while they exist, puts them back when gone;
    app.py remembers them again at the end of every run (remember_widgets), so a value a link set or a first
    drawing made is kept too. Only for widgets whose value may be set through session state (not buttons,
    uploaders or grids).
    """
    ss = st.session_state
    watch = ss.setdefault(KEPT_WATCH, {"keys": set(), "prefixes": set()})
    watch["keys"].update(keys)
    watch["prefixes"].update(prefixes)
    kept: dict[str, Any] = ss.setdefault(KEPT_VALUES, {})
    wanted = watched_keys(set(keys), tuple(prefixes))
    shown = held(wanted)
    kept.update(shown)
    for key in wanted - shown.keys():
        if key in kept:
            ss[key] = kept[key]


def watched_keys(keys: set[str], prefixes: tuple[str, ...]) -> set[str]:
    """`keys`, and the keys in session state or kept that start with one of `prefixes`."""
    if not prefixes:
        return set(keys)
    kept = st.session_state.get(KEPT_VALUES, {})
    return keys | {k for k in [*user_keys(), *kept] if isinstance(k, str) and k.startswith(prefixes)}


def remember_widgets() -> None:
    """At the end of a run (app.py): remember the current value of every kept widget this run has."""
    ss = st.session_state
    watch = ss.get(KEPT_WATCH)
    if watch is None:
        return
    ss.setdefault(KEPT_VALUES, {}).update(held(watched_keys(set(watch["keys"]), tuple(watch["prefixes"]))))


# The boxes a click opens that the pages fill while open (code, downloads): Streamlit knows an expander by its label
# too, so in the new language it is a new one, closed, unless its state is given back
OPEN_BOXES = frozenset(("ex_code_open", "ex_exports_open", "tr_code_box"))


def relabel_widgets() -> None:
    """The language changed: give every widget its value again, so the browser shows it under its new label.

    A choice widget (select box, radio, segmented control) travels as its label: left alone, the browser would keep
    the old language's label, show no choice where none matches, and send it back as an unknown option. Values that
    are not plain numbers or text (buttons' True/False, uploads, drawings, grids) are left as they are.
    """
    ss = st.session_state
    for key in list(ss.keys()):  # another page's kept widgets come back through keep_widgets, as assignments too
        value = ss[key]
        if isinstance(key, str) and isinstance(value, (str, int, float, tuple)) and not isinstance(value, bool):
            ss[key] = value
        elif key in OPEN_BOXES and isinstance(value, bool):
            ss[key] = value


def remembered(slot: str, key: object, make: Callable[[], T]) -> T:
    """make()'s value, kept in session state under `slot` until `key` changes (one value a slot: a panel's last
    costly result, such as Train's landscape, reused by reruns for other reasons)."""
    cached = st.session_state.get(slot)
    if cached is None or cached[0] != key:
        cached = (key, make())
        st.session_state[slot] = cached
    return cached[1]


# ---- each page's keys, declared once ----


@dataclass(frozen=True)
class KeptWidgets:
    """The widgets a page keeps while the user visits other pages: their keys, and key prefixes (one per image side
    box, ...)."""

    keys: tuple[str, ...]
    prefixes: tuple[str, ...] = ()

    def keep(self, *more: str) -> None:
        """keep_widgets for these (and `more`, keys known only now: a layer's kernel editors)."""
        keep_widgets(*self.keys, *more, prefixes=self.prefixes)


EXPLORE_KEPT = KeptWidgets(
    # not ex_xform (Explore's X transform): kept, it made a language switch crop a 3x3 kernel to 1x2 and pad it back
    # under load (tests/e2e/test_journeys_browser.py, 2 of 4 runs); the link keeps it
    keys=("ex_source", "ex_sample", "ex_color", "ex_brush", "ex_erase", "ex_outputs", "ex_chmode", "ex_separate",
          *(f"ex_{name}{end}" for name in PAIR_LIMITS for end in ("", "_c")), "ex_mode", "ex_speed", "ex_row",
          "ex_col", "ex_step", "ex_out_show", "ex_show_channel"),
    prefixes=("ex_side_",))
EXPLORE_INSPECT_KEPT = KeptWidgets(("ex_row", "ex_col", "ex_step", "ex_show_channel"))  # what the inspect part changes
# what the lab fragment draws (and its kernel editors): a kernel edit can change only these; the rest of the page's
# kept widgets were remembered by the last whole run (app.py), and come back in a whole run (the page's top)
EXPLORE_LAB_KEPT = KeptWidgets(("ex_out_show", "ex_speed", *EXPLORE_INSPECT_KEPT.keys))
CHALLENGE_KEPT = KeptWidgets(("ch_pick",))  # the kernel editor keeps its own slots (chk_*), as on every page
TRAIN_KEPT = KeptWidgets(
    keys=("trx_source", "trx_sample", "trx_brush", "trx_erase", "trk_preset", "trk_rows", "trk_cols", "tr_same",
          "tr_rows", "tr_cols", "tr_lr", "tr_steps", "tr_speed", "tr_optimizer", "tr_loss", "tr_seed", "tr_device",
          "tr_log"),
    prefixes=("trx_side_",))


@dataclass(frozen=True)
class TrainRun:
    """What the Train page's panels show of its live run (its tr_* keys), read once per run by the page."""

    pacer: Pacer  # steps per frame and the measured speeds
    running: bool  # training live now
    tick: float | None  # seconds between this session's frames (the crowd's share), None before the first
    crowd: int  # sessions of this server training live now
    reload: dict | None  # {"at": step, "lrmix": bool} when the page was reloaded mid-run
    sig: Any  # the settings the trainer was built from (its cache key)

    @classmethod
    def read(cls) -> TrainRun:
        """The Train page's run state now."""
        ss = st.session_state
        return cls(pacer=ss.tr_pacer, running=bool(ss.get("tr_running")), tick=ss.get("tr_tick"),
                   crowd=int(ss.get("tr_crowd", 1)), reload=ss.get("tr_reload"), sig=ss.get("tr_sig"))
