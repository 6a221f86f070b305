"""ui.components.live_chart: in place, a redrawn chart keeps its identity and carries each new figure; otherwise (and as the
fallback when Plotly.js cannot be served) it is st.plotly_chart, whose id follows the spec."""

from __future__ import annotations

import json
import logging

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers.figures import figure_of, live_data
import ui.components.live_chart as live_chart


def growing_chart() -> None:
    """A live chart drawing the run counter as data (in place unless session_state.plain)."""
    import streamlit as st

    from ui.components.live_chart import live_plotly_chart

    st.session_state.n = st.session_state.get("n", 0) + 1
    fig = {"data": [{"type": "scatter", "y": list(range(st.session_state.n))}], "layout": {"height": 200}}
    live_plotly_chart(fig, key="live", in_place=not st.session_state.get("plain", False),
                      config={"displayModeBar": False}, width="stretch")


@pytest.fixture
def served(monkeypatch):
    """Plotly.js counts as served (what app.py's install_plotly_js decides at startup)."""
    monkeypatch.setattr(live_chart, "install_plotly_js", lambda: True)


def test_in_place_chart_keeps_its_identity_and_gets_each_new_figure(served) -> None:
    at = AppTest.from_function(growing_chart, default_timeout=30)
    at.run()
    assert not at.get("plotly_chart")
    first = at.get("bidi_component")[0]
    at.run()
    second = at.get("bidi_component")[0]
    at.run()
    third = at.get("bidi_component")[0]
    assert first.proto.component_name == live_chart.COMPONENT_NAME
    assert first.proto.id == second.proto.id == third.proto.id  # the browser keeps the element: no remount
    assert first.proto.id.endswith("-live")
    assert [len(figure_of(el)["data"][0]["y"]) for el in (first, second, third)] == [1, 2, 3]
    data = live_data(third)
    assert data["config"] == {"displayModeBar": False} and data["height"] == 200 and data["theme"] == "streamlit"
    assert data["src"] == live_chart.PLOTLY_JS_URL
    assert not at.exception


def test_plain_chart_sends_each_new_figure_as_a_new_element(served) -> None:
    """A chart with in_place left False: st.plotly_chart, whose id follows the spec."""
    at = AppTest.from_function(growing_chart, default_timeout=30)
    at.session_state.plain = True
    at.run()
    first = at.get("plotly_chart")[0].proto
    at.run()
    second = at.get("plotly_chart")[0].proto
    assert not at.get("bidi_component")
    assert len(json.loads(first.spec)["data"][0]["y"]) == 1 and len(json.loads(second.spec)["data"][0]["y"]) == 2
    assert first.id != second.id
    assert not at.exception


def test_without_plotly_js_the_chart_falls_back_to_st_plotly_chart(monkeypatch) -> None:
    monkeypatch.setattr(live_chart, "install_plotly_js", lambda: False)
    at = AppTest.from_function(growing_chart, default_timeout=30)
    at.run()
    assert len(at.get("plotly_chart")) == 1 and not at.get("bidi_component")
    assert not at.exception


def test_height_follows_the_figure_or_the_argument_as_in_st_plotly_chart(served) -> None:
    def charts() -> None:
        from ui.components.live_chart import live_plotly_chart

        live_plotly_chart({"data": [], "layout": {"height": 321}}, "a", in_place=True)
        live_plotly_chart({"data": [], "layout": {}}, "b", in_place=True)
        live_plotly_chart({"data": [], "layout": {"height": 321}}, "c", in_place=True, height=250, theme=None)

    at = AppTest.from_function(charts, default_timeout=30)
    at.run()
    data = {el.proto.id.rsplit("-", 1)[-1]: live_data(el) for el in at.get("bidi_component")}
    assert [data[k]["height"] for k in "abc"] == [321, 450, 250]
    assert data["c"]["theme"] == ""
    assert not at.exception


def test_selectable_charts_are_refused() -> None:
    with pytest.raises(ValueError):
        live_chart.live_plotly_chart({}, "k", on_select="rerun")


def test_plotly_js_is_a_committed_bundle_whose_url_names_its_version() -> None:
    """Its ?v= changes with the file, so a cache may keep it for a year; it is in git, so a fresh clone runs."""
    import subprocess

    assert live_chart.PLOTLY_JS.stat().st_size > 1_000_000
    assert live_chart.PLOTLY_JS_URL == f"app/static/vendor/plotly-cartesian.min.js?v={live_chart.bundle_version(live_chart.PLOTLY_JS)}"
    assert live_chart.bundle_version(live_chart.PLOTLY_JS)[0].isdigit()
    tracked = subprocess.run(["git", "ls-files", "--error-unmatch", str(live_chart.PLOTLY_JS)], cwd=live_chart.ROOT,
                             capture_output=True)
    assert tracked.returncode == 0


def test_a_bundle_header_names_its_version(tmp_path) -> None:
    bundle = tmp_path / "plotly-cartesian.min.js"
    bundle.write_text("/**\n* plotly.js (cartesian - minified) v4.1.1\n* Copyright\n*/\nvar x;")
    assert live_chart.bundle_version(bundle) == "4.1.1"
    bundle.write_text("var x;")
    assert live_chart.bundle_version(bundle) == "none"
    assert live_chart.bundle_version(tmp_path / "missing.js") == "none"


def test_a_missing_plotly_js_means_st_plotly_chart_logged_once(tmp_path, monkeypatch, caplog) -> None:
    monkeypatch.setattr(live_chart, "PLOTLY_JS", tmp_path / "plotly-cartesian.min.js")
    monkeypatch.setattr(live_chart, "static_serving", lambda: True)
    monkeypatch.setattr(live_chart, "_ready", None)
    with caplog.at_level(logging.WARNING, logger="convlab"):
        assert live_chart.install_plotly_js() is False
        assert live_chart.install_plotly_js() is False
    assert len([r for r in caplog.records if "plotly-cartesian.min.js" in r.getMessage()]) == 1


def test_static_serving_off_means_st_plotly_chart(monkeypatch, caplog) -> None:
    monkeypatch.setattr(live_chart, "static_serving", lambda: False)
    monkeypatch.setattr(live_chart, "_ready", None)
    with caplog.at_level(logging.WARNING, logger="convlab"):
        assert live_chart.install_plotly_js() is False
    assert any("enableStaticServing" in r.getMessage() for r in caplog.records)


def test_the_app_serves_static_files() -> None:
    """The config that makes app/static/vendor/plotly-cartesian.min.js reachable (the browser test loads it for real)."""
    import tomllib

    config = tomllib.loads((live_chart.ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableStaticServing"] is True
    assert live_chart.STATIC_DIR == live_chart.ROOT / "static"


def clickable_page() -> None:
    """A clickable in-place chart whose callback records the clicked point."""
    import streamlit as st

    from ui.components.live_chart import clickable_chart, clicked_point

    def remember() -> None:
        st.session_state.seen = clicked_point("pick")

    drawn = clickable_chart({"data": [{"type": "heatmap", "z": [[1, 2], [3, 4]]}], "layout": {}}, "pick", remember)
    st.session_state.drawn = drawn


def test_clickable_chart_reports_the_data_coordinates_of_a_click(served) -> None:
    at = AppTest.from_function(clickable_page, default_timeout=30)
    at.run()
    assert at.session_state.drawn is True and "seen" not in at.session_state
    element = at.get("bidi_component")[0]
    assert live_data(element)["clickable"] is True
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = element.proto.id
    state.json_value = json.dumps({"click": {"x": 1.2, "y": 0.4, "n": 1}})
    at._run(states)
    assert at.session_state.seen == (1.2, 0.4)
    assert not at.exception


def test_clickable_chart_without_plotly_js_draws_nothing_and_says_so(monkeypatch) -> None:
    monkeypatch.setattr(live_chart, "install_plotly_js", lambda: False)
    at = AppTest.from_function(clickable_page, default_timeout=30)
    at.run()
    assert at.session_state.drawn is False and not at.get("bidi_component") and not at.get("plotly_chart")
    assert not at.exception


def test_each_element_carries_a_small_loader_of_the_served_module() -> None:
    """The chart's code is static files fetched once per page; an element carries only the lines importing it."""
    import subprocess

    files = sorted(live_chart.MODULE_DIR.glob("*.js"))
    assert len(live_chart.JS.encode()) < 1024 < sum(f.stat().st_size for f in files)
    version = live_chart.folder_version(live_chart.MODULE_DIR)
    # a new version of any module is a new URL: no stale cache
    assert live_chart.MODULE_URL == f"app/static/live_chart/index.js?v={version}"
    assert live_chart.MODULE_JS == live_chart.MODULE_DIR / "index.js" and live_chart.MODULE_JS in files
    assert json.dumps(live_chart.MODULE_URL) in live_chart.JS and "import(" in live_chart.JS
    for path in files:
        ignored = subprocess.run(["git", "check-ignore", "-q", str(path)], cwd=live_chart.ROOT)
        assert ignored.returncode == 1, path  # committed


def test_the_version_covers_every_module_of_the_folder(tmp_path) -> None:
    (tmp_path / "index.js").write_text("export default 1;")
    (tmp_path / "draw.js").write_text("export const a = 1;")
    first = live_chart.folder_version(tmp_path)
    (tmp_path / "draw.js").write_text("export const a = 2;")  # a sibling changed, the entry did not
    second = live_chart.folder_version(tmp_path)
    (tmp_path / "queue.js").write_text("")  # a module added
    third = live_chart.folder_version(tmp_path)
    assert len({first, second, third}) == 3 and live_chart.folder_version(tmp_path) == third


def test_modules_import_their_siblings_at_their_own_version() -> None:
    """A static import ("./draw.js") would drop the ?v= and could be served stale: siblings come by dynamic import
    at the importer's own version, and no module imports one that imports it back (top-level await would wait)."""
    import re

    graph = {}
    for path in sorted(live_chart.MODULE_DIR.glob("*.js")):
        text = path.read_text()
        assert not re.search(r"^\s*import\s*[{*\w]|^\s*export\s+[^;]*\bfrom\b", text, re.M), path.name
        assert text.startswith("// ConvLab live chart:"), path.name  # a header saying what it is
        assert len(text.splitlines()) <= 200, path.name
        graph[path.name] = set(re.findall(r'sibling\("([\w.]+)"\)', text))
        for name in graph[path.name]:
            assert (live_chart.MODULE_DIR / name).is_file(), (path.name, name)
        if graph[path.name]:  # the loader of siblings keeps the importer's ?v=
            assert "new URL(`./${name}${new URL(import.meta.url).search}`, import.meta.url)" in text, path.name
    index = (live_chart.MODULE_DIR / "index.js").read_text()
    assert set(graph) - {"index.js"} <= set(re.findall(r'"([\w]+\.js)"', index))  # all fetched at once

    def reaches(start: str, seen: frozenset = frozenset()) -> None:
        assert start not in seen, f"import cycle through {start}"
        for name in graph[start]:
            reaches(name, seen | {start})

    reaches("index.js")


def test_a_live_figure_dict_carries_its_live_trace_contract(served) -> None:
    """The browser reads which traces are live, and what each one is, from data.live (not from trace names)."""
    import plotly.graph_objects as go

    at = AppTest.from_function(live_training_chart, default_timeout=30)
    at.run()
    data = live_data(at.get("bidi_component")[0])
    assert data["live"]["prefix"] == "convlab-live-" and data["live"]["path_lead"] == 1
    assert set(data["live"]["roles"].values()) == {"loss", "weight", "target", "path", "start", "now"}
    assert set(data["live"]["roles"]) <= {t.get("uid") for t in json.loads(data["figure"])["data"]}
    at.session_state.stopped = True
    at.run()
    assert "live" not in live_data(at.get("bidi_component")[0])  # paused or done: no live traces
    assert live_chart.live_contract(go.Figure({"data": [{"type": "scatter", "uid": "convlab-live-loss-loss"}]},
                                              _validate=False)) is None  # a Figure's uids do not reach the browser
    assert not at.exception


def live_training_chart() -> None:
    """The Train page's chart while training runs (or, with session_state.stopped, paused)."""
    import numpy as np
    import streamlit as st

    from convcore.plots import compose, landscape, train_charts
    from convcore.training import Record
    from ui.components.live_chart import live_plotly_chart

    goal = None if st.session_state.get("stopped") else 100
    history = [Record(i + 1, 1.0 / (i + 1), [[0.1 * i, -0.1 * i]], 0.03) for i in range(10)]
    target = np.array([[1.0, -1.0]])
    w = np.linspace(-2, 2, 5)
    land = landscape.landscape_figure(w, w, np.ones((5, 5)), landscape.path_of(history, [[0.0, 0.0]]), target,
                                      live=goal is not None)
    fig = compose.training_charts(train_charts.loss_figure(history, live_goal=goal),
                                  train_charts.weights_figure(history, target, live_goal=goal), land)
    live_plotly_chart(fig, key="training", subframes=2)


def test_a_figure_dict_sends_its_arrays_as_typed_array_blobs_like_a_figure() -> None:
    import numpy as np
    import plotly.graph_objects as go

    y = np.linspace(0, 1, 500)
    as_dict = json.loads(live_chart.figure_json({"data": [{"type": "scatter", "y": y}], "layout": {}}))
    as_figure = json.loads(live_chart.figure_json(go.Figure({"data": [{"type": "scatter", "y": y}]}, _validate=False)))
    assert as_dict["data"][0]["y"] == as_figure["data"][0]["y"] and "bdata" in as_dict["data"][0]["y"]


def test_a_figure_dict_keeps_the_uids_that_mark_live_traces() -> None:
    import plotly.graph_objects as go

    trace = {"type": "scatter", "y": [1, 2], "uid": "convlab-live-loss"}
    assert json.loads(live_chart.figure_json({"data": [dict(trace)], "layout": {}}))["data"][0]["uid"] == trace["uid"]
    as_figure = json.loads(live_chart.figure_json(go.Figure({"data": [trace]}, _validate=False)))
    assert "uid" not in as_figure["data"][0]  # a Figure's uids go, as st.plotly_chart drops them


def test_the_preload_loads_what_the_charts_use() -> None:
    """The page-start preload imports the charts' own entry (same ?v=) and Plotly.js through their loader."""
    from ui.components import live_chart

    js = live_chart.PRELOAD_JS
    assert json.dumps(live_chart.MODULE_URL) in js and json.dumps(live_chart.PLOTLY_JS_URL) in js
    loader = live_chart.MODULE_URL.replace("/index.js?", "/plotly.js?")
    assert json.dumps(loader) in js and (live_chart.MODULE_DIR / "plotly.js").is_file()
    assert "export function loadPlotly(src)" in (live_chart.MODULE_DIR / "plotly.js").read_text(encoding="utf-8")


def test_the_preload_has_the_browser_fetch_plotly_and_every_module_the_entry_imports() -> None:
    """Fetched at once (link hints), at the URLs the loader and the entry then ask for (same ?v=)."""
    import re

    from ui.components import live_chart

    js = live_chart.PRELOAD_JS
    assert 'hint("preload", PLOTLY, "script")' in js
    entry = (live_chart.MODULE_DIR / "index.js").read_text(encoding="utf-8")
    imported = set(re.findall(r'"(\w+\.js)"', entry[entry.index("const ALL"):entry.index("const loaded")]))
    assert len(imported) >= 10
    hinted = json.loads(js.split("SIBLINGS = ", 1)[1].split(";\n", 1)[0])
    version = live_chart.MODULE_URL.split("?", 1)[1]
    assert {url.split("/")[-1] for url in hinted} >= {f"{name}?{version}" for name in imported}
