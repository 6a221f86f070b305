"""The app shell and the home page import nothing that loads torch (a correctness property: the first page
must not wait 3.5 to 6 s for `import torch`; app.py warms it in a background thread instead)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOME_PATH = ("app.py", "views/home.py")


def imported_modules(path: Path) -> list[str]:
    """The modules a script imports at its top level (import x / from x import y)."""
    names = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module != "__future__":
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]  # submodules (from ui import presenter)
    return names


def test_home_path_does_not_import_torch() -> None:
    modules = sorted({m for f in HOME_PATH for m in imported_modules(ROOT / f)})
    assert "ui.shell" in modules and "convcore.i18n" in modules
    code = (
        "import importlib, importlib.util, json, sys\n"
        f"for name in {modules!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ModuleNotFoundError:\n"
        "        pass  # `from pkg import attribute`: not a module\n"
        "print(json.dumps(sorted(m for m in sys.modules if m == 'torch' or m.startswith('torch.'))[:5]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [], f"torch imported by one of {modules}"


def test_link_sample_names_match_the_samples() -> None:
    from convcore import images, links

    assert links.SAMPLE_NAMES == tuple(images.SAMPLES)
    assert links.X_TRANSFORMS == images.TRANSFORMS


def test_explore_path_does_not_import_torch() -> None:
    modules = sorted({m for f in ("app.py", "views/explore.py") for m in imported_modules(ROOT / f)})
    assert "convcore.window" in modules and "ui.widgets.image_input" in modules
    assert torch_modules_after(f"for name in {modules!r}:\n"
                               "    try:\n"
                               "        importlib.import_module(name)\n"
                               "    except ModuleNotFoundError:\n"
                               "        pass\n") == [], f"torch imported by one of {modules}"


def torch_modules_after(code: str) -> list[str]:
    """The torch modules loaded once `code` has run in a fresh interpreter (at most five)."""
    code = ("import importlib, json, sys\n" + code +
            "print(json.dumps(sorted(m for m in sys.modules if m == 'torch' or m.startswith('torch.'))[:5]))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


EXPLORE_RUN = """
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("views/explore.py", default_timeout=60)
at.run()
assert not at.exception, at.exception
"""


def test_explore_draws_small_inputs_without_torch() -> None:
    """The stripes, a small colour sample and a drawing: Explore computes Y without loading torch."""
    code = EXPLORE_RUN + (
        "from tests.helpers.apptest import heat, EDGE_MAP\n"
        "import numpy as np\n"
        "assert np.array_equal(heat(at, 'ex_y_chart'), EDGE_MAP)\n"
        "at.selectbox(key='ex_sample').set_value('letter')\n"
        "at.toggle(key='ex_color').set_value(True)\n"
        "at.run()\n"
        "assert not at.exception and heat(at, 'ex_y_chart').shape == (16, 15)\n"
        "at.radio(key='ex_source').set_value('draw')\n"
        "at.run()\n"
        "assert not at.exception and heat(at, 'ex_y_chart').shape == (16, 15)\n")
    assert torch_modules_after(code) == []


def test_explore_computes_a_large_input_with_torch() -> None:
    code = EXPLORE_RUN + (
        "from tests.helpers.apptest import figure\n"
        "at.selectbox(key='ex_sample').set_value('photo')\n"
        "at.run()\n"
        "assert not at.exception and figure(at, 'ex_y_chart')\n")
    assert torch_modules_after(code) != []


def test_no_page_imports_pandas_until_a_table_is_drawn() -> None:
    """Only Lesson's step 6 draws a table (st.dataframe): importing pandas for it on the Lesson's first visit cost the
    server ~0.3-1 s of CPU per process, while a class was editing (make load's edit60: ~5% of a server's minute)."""
    pages = ("app.py", *(f"views/{name}.py" for name in ("home", "explore", "train", "lesson", "challenge")))
    modules = sorted({m for f in pages for m in imported_modules(ROOT / f)})
    assert "ui.lesson.training" in modules
    code = ("import importlib, json, sys\n"
            f"for name in {modules!r}:\n"
            "    try:\n"
            "        importlib.import_module(name)\n"
            "    except ModuleNotFoundError:\n"
            "        pass\n"
            "print(json.dumps('pandas' in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) is False
