"""Pages draw while another session's thread is importing pandas, and a fresh server's first page does not wait for
pandas.

Plotly peeks at sys.modules["pandas"] without importing it; Python puts a module there as soon as its import starts.
While one session's thread imported pandas (the Lesson's table), another's figures failed with "partially initialized
module 'pandas' has no attribute 'Series'" (47 server tracebacks in one `make load` run). The state that race leaves is
made here on purpose: a half-imported pandas in sys.modules (as importlib leaves it mid-import), then each page runs
in a fresh process (convcore.plots.partial_imports: plotly takes such a module as absent). And no page but the Lesson
needs pandas, so a fresh server's first Explore does not spend ~0.5 s importing it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT
from ui.components.live_chart import COMPONENT_NAME

HALF_IMPORTED = """
import importlib.machinery, sys, types
pandas = types.ModuleType("pandas")  # what sys.modules holds while another thread runs pandas/__init__.py
pandas.__spec__ = importlib.machinery.ModuleSpec("pandas", None)
pandas.__spec__._initializing = True
sys.modules["pandas"] = pandas
"""

PAGE_RUN = """
import sys
from streamlit.testing.v1 import AppTest  # the server is up: Streamlit and plotly are imported
{prelude}
at = AppTest.from_file({app!r}, default_timeout=90)
at.query_params["lang"] = "en"
if {page!r}:
    at.switch_page({page!r})
at.run()
assert not at.exception, [e.value for e in at.exception]
errors = [e.proto.body for e in at.error]
assert not errors, errors
charts = [el for el in at.get("bidi_component") if el.proto.component_name == {chart_name!r}]
print(len(charts) + len(at.get("plotly_chart")), getattr(sys.modules.get("pandas"), "Series", None) is not None)
"""


def run_page(page: str, prelude: str = "") -> tuple[int, bool]:
    """Run app.py (and `page`) once in a fresh process, `prelude` first: (charts drawn, pandas whole afterwards)."""
    code = PAGE_RUN.format(app=str(ROOT / "app.py"), page=page, prelude=prelude, chart_name=COMPONENT_NAME)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    charts, whole = done.stdout.strip().splitlines()[-1].split()
    return int(charts), whole == "True"


@pytest.mark.parametrize("page", ["views/explore.py", "views/train.py", "views/challenge.py"])
def test_a_page_draws_its_charts_while_another_thread_is_importing_pandas(page: str) -> None:
    charts, _ = run_page(page, HALF_IMPORTED)
    assert charts >= 1


def test_a_fresh_server_s_first_explore_does_not_wait_for_pandas() -> None:
    charts, pandas_whole = run_page("views/explore.py")
    assert charts >= 3 and not pandas_whole
