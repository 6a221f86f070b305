"""pandas is imported by app.py before any page runs, in every session's script thread: plotly's figure code peeks at
sys.modules["pandas"] without importing it, so a page building figures while another session's thread was importing
pandas failed with "partially initialized module 'pandas' has no attribute 'Series'" (47 server tracebacks in one
`make load` run, once pages stopped importing it on their first run). Python's import lock makes each script
thread's `import pandas` wait until it is complete: no thread can reach a figure with pandas half imported.

The import comes after the sidebar and the preload element, not at the top of app.py: on a fresh server the browser
is told to fetch Plotly.js before the first run spends ~0.5 s importing pandas (cold Explore 3.5 -> 3.2 s here)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

PROBE = """
import sys
from streamlit.testing.v1 import AppTest
import convcore.plots.figures as figures
seen = []
build = figures.bare_figure
def watched(spec):
    pd = sys.modules.get("pandas")
    seen.append(pd is not None and hasattr(pd, "Series"))  # what plotly's peek would find: whole, or not at all
    return build(spec)
figures.bare_figure = watched
at = AppTest.from_file({app!r}, default_timeout=90)
at.query_params["lang"] = "en"
if {page!r}:
    at.switch_page({page!r})
at.run()
assert not at.exception, [e.value for e in at.exception]
print("pandas" in sys.modules, all(seen))
"""


@pytest.mark.parametrize("page", ["", "views/explore.py", "views/train.py", "views/challenge.py"])
def test_pandas_is_whole_before_any_page_runs(page: str) -> None:
    code = PROBE.format(app=str(ROOT / "app.py"), page=page)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "True True"


PRELOAD_PROBE = """
import sys
from streamlit.testing.v1 import AppTest
import ui.components.live_chart as live_chart
seen = []
preload = live_chart.preload
def watched(load):
    seen.append("pandas" in sys.modules)
    return preload(load)
live_chart.preload = watched
at = AppTest.from_file({app!r}, default_timeout=90)
at.query_params["lang"] = "en"
at.switch_page("views/explore.py")
at.run()
assert not at.exception, [e.value for e in at.exception]
print(seen, "pandas" in sys.modules)
"""


def test_the_browser_is_told_to_fetch_plotly_before_the_first_run_imports_pandas() -> None:
    code = PRELOAD_PROBE.format(app=str(ROOT / "app.py"))
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[False] True"
