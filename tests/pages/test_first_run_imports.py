"""A page's first run in a fresh server process imports only what it uses: Explore, Train and Challenge need no pandas
(with pyarrow, half a second of a cold page; Streamlit imports it to check a component's list or dict data for a
dataframe, so ConvLab's components pass theirs as tuples and JSON text: ui/components/data.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

PROBE = """
import sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({app!r}, default_timeout=90)
at.query_params["lang"] = "en"
at.switch_page({page!r})
at.run()
assert not at.exception, [e.value for e in at.exception]
print(sorted(name for name in ("pandas", "pyarrow") if name in sys.modules))
"""


@pytest.mark.parametrize("page", ["explore", "train", "challenge"])
def test_a_first_page_run_imports_no_pandas(page: str) -> None:
    code = PROBE.format(app=str(ROOT / "app.py"), page=f"views/{page}.py")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
