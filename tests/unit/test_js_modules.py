"""The browser modules' own tests (tests/js/*.test.mjs), run by Node's test runner."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from tests.js import make_vectors

ROOT = Path(__file__).resolve().parents[2]


def test_node_tests_pass(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "node is not installed: the tests in tests/js/ need Node.js 20 or newer on PATH"
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "js").glob("*.test.mjs"))
    assert files, "no tests/js/*.test.mjs found"
    vectors = tmp_path / "vectors.json"  # kernel_preview.test.mjs checks the JS twins against convcore's answers
    vectors.write_text(json.dumps(make_vectors.vectors(), allow_nan=False))
    env = {**os.environ, "CONVLAB_VECTORS": str(vectors)}
    # the files by name: Node 20 searches a folder given to --test, Node 22 reads its arguments as globs
    result = subprocess.run([node, "--test", *files], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"node --test tests/js/ failed:\n{result.stdout}\n{result.stderr}"
