"""pandas is imported by app.py before any page runs, in every session's script thread: plotly's figure code peeks at
sys.modules["pandas"] without importing it, so a page building figures while another session's thread was importing
pandas failed with "partially initialized module 'pandas' has no attribute 'Series'" (47 server tracebacks in one
`make load` run, once pages stopped importing it on their first run). Python's import lock makes each script
thread's `import pandas` wait until it is complete: no thread can reach a figure with pandas half imported."""

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
