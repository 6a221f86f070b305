"""The charts are drawn by a partial Plotly.js bundle (static/vendor/, the cartesian one: a third of the full file's
bytes): every trace type the pages send must be one it registers, and it must be the Plotly.js the installed plotly
package makes its figures for."""

from __future__ import annotations

import re

import plotly.offline

from tests.helpers.figures import chart_elements, figure_of
from ui.components import live_chart

PAGES = ("views/explore.py", "views/train.py", "views/lesson.py", "views/challenge.py")


def bundle_text() -> str:
    """The vendored Plotly.js the charts load."""
    return live_chart.PLOTLY_JS.read_text(encoding="utf-8")


def registered_traces() -> set[str]:
    """The trace types the bundle registers."""
    return set(re.findall(r'moduleType:"trace",name:"(\w+)"', bundle_text()))


def trace_types(at) -> set[str]:
    """The trace types of every chart the page sent."""
    return {trace.get("type", "scatter") for el in chart_elements(at).values() for trace in figure_of(el)["data"]}


def test_the_bundle_is_the_plotly_js_of_the_installed_plotly() -> None:
    header = bundle_text()[:200]
    assert "cartesian" in header
    assert f"v{plotly.offline.get_plotlyjs_version()}" in header
    assert live_chart.PLOTLY_JS_URL.endswith(f"?v={plotly.offline.get_plotlyjs_version()}")


def test_every_trace_the_pages_send_is_in_the_bundle(app_test) -> None:
    seen: set[str] = set()
    at = app_test("en")
    for page in PAGES:
        at.switch_page(page).run()
        seen |= trace_types(at)
    at.switch_page("views/explore.py").run()
    at.selectbox(key="ex_sample").set_value("photo_rgb").run()  # a picture too large for numbers: an image trace
    seen |= trace_types(at)
    at.switch_page("views/train.py").run()
    at.button(key="tr_once").click().run()  # the live charts with a trained step
    seen |= trace_types(at)
    at.switch_page("views/lesson.py").run()
    while not at.button(key="lesson_next_top").disabled:  # every step of the lesson
        at.button(key="lesson_next_top").click().run()
        seen |= trace_types(at)
    assert not at.exception
    assert {"heatmap", "scatter", "image"} <= seen
    assert seen <= registered_traces(), seen - registered_traces()
