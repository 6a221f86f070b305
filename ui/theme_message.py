"""Every run's `new_session` message gets the theme from a copy made once per reading of the config.

Streamlit 1.67 starts each run's messages (each kernel edit, each live frame) with a `new_session` message, and fills
its six theme sections (`[theme]`, light, dark, their sidebars) by scanning all ~200 config options six times
(`_populate_theme_msg` -> `config.get_options_for_section`): ~4% of an Explore edit's server work. The theme only
changes when the config is read again (a command-line flag, an edited config.toml), so each section's message is made
once and copied into every run's, and forgotten when Streamlit reads the config again.
"""

from __future__ import annotations

import threading
from typing import Callable

from google.protobuf.message import Message
from streamlit import config
from streamlit.runtime import app_session

from ui.patching import wrap_once

_made: dict[str, Message] = {}  # section -> its message as Streamlit fills it
_lock = threading.Lock()


def forget() -> None:
    """Drop the copies (Streamlit read its config again)."""
    with _lock:
        _made.clear()


def copied(populate: Callable[..., None]) -> Callable[..., None]:
    """Streamlit's `_populate_theme_msg(msg, section)`, filling `msg` from the section's copy (made on first use)."""

    def populate_theme_msg(msg: Message, section: str = "theme") -> None:
        with _lock:
            made = _made.get(section)
            if made is None:
                made = _made[section] = type(msg)()
                populate(made, section)
        msg.MergeFrom(made)

    return populate_theme_msg


def install() -> None:
    """Once per process (again: nothing)."""
    if getattr(app_session._populate_theme_msg, "_convlab_theme_copied", False):
        return
    config.on_config_parsed(forget, force_connect=True)  # every later reading of the config
    wrap_once(app_session, "_populate_theme_msg", copied, "_convlab_theme_copied")
