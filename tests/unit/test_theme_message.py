"""ui/theme_message: each run's `new_session` gets the theme from copies made once per reading of the config, and
they are what Streamlit itself would have filled in."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit import config
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import app_session

from ui import theme_message

SECTIONS = ("theme", "theme.light", "theme.dark", "theme.sidebar", "theme.light.sidebar", "theme.dark.sidebar")


class Sections:
    """`config.get_options_for_section` over made-up theme values, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0
        self.color = "#1f5fbf"

    def __call__(self, section: str) -> dict[str, Any]:
        self.calls += 1
        sidebar = section.endswith("sidebar")
        return {"base": None if sidebar else "dark", "primaryColor": self.color, "baseFontSize": 16,
                "textColor": "#111827" if "light" in section else None, "font": "sans-serif",
                "chartCategoricalColors": ["#000000", "#ffffff"]}


@pytest.fixture
def sections(monkeypatch) -> Sections:
    fake = Sections()
    monkeypatch.setattr(config, "get_options_for_section", fake)
    theme_message.forget()
    yield fake
    theme_message.forget()


def theme_of(populate) -> ForwardMsg:
    """A new_session's theme as a run fills it (each section into its place)."""
    msg = ForwardMsg()
    theme = msg.new_session.custom_theme
    for section, part in zip(SECTIONS, (theme, theme.light, theme.dark, theme.sidebar, theme.light.sidebar,
                                        theme.dark.sidebar)):
        populate(part, section)
    return msg


def test_runs_read_each_section_once_and_get_what_streamlit_fills_in(sections: Sections) -> None:
    own = theme_of(getattr(app_session._populate_theme_msg, "__wrapped__", app_session._populate_theme_msg))
    theme_message.install()
    sections.calls = 0
    first, second = theme_of(app_session._populate_theme_msg), theme_of(app_session._populate_theme_msg)
    assert first == own and second == own
    assert own.new_session.custom_theme.primary_color == "#1f5fbf"
    assert own.new_session.custom_theme.light.text_color == "#111827"
    assert sections.calls == len(SECTIONS)  # Streamlit alone: once per section per run


def test_a_new_reading_of_the_config_is_used_from_the_next_run(sections: Sections) -> None:
    theme_message.install()
    assert theme_of(app_session._populate_theme_msg).new_session.custom_theme.primary_color == "#1f5fbf"
    sections.color = "#aa0000"
    config._on_config_parsed.send()  # what Streamlit does each time it reads its config
    assert theme_of(app_session._populate_theme_msg).new_session.custom_theme.primary_color == "#aa0000"


def test_install_twice_wraps_once() -> None:
    theme_message.install()
    first = app_session._populate_theme_msg
    theme_message.install()
    assert app_session._populate_theme_msg is first
