"""The layers: convcore (the library) never loads streamlit and imports nothing from ui/ or views/; ui/ imports
nothing from views/ (the pages sit on top of both)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def module_name(path: Path) -> str:
    """convcore/links/codec.py -> convcore.links.codec; a package's __init__.py -> the package."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def imports(path: Path) -> set[str]:
    """Every module a file imports (see imports_in)."""
    package = module_name(path).split(".")
    return imports_in(path.read_text(encoding="utf-8"), package if path.name == "__init__.py" else package[:-1])


def imports_in(source: str, package: list[str]) -> set[str]:
    """Every module a source in `package` imports, anywhere in it (a lazy import inside a function counts too),
    as an absolute name; `from x import y` gives both x and x.y (y may be a submodule)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[:len(package) - node.level + 1], *([node.module] if node.module else [])])
            names |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return names


def from_layer(names: set[str], layer: str) -> list[str]:
    return sorted(name for name in names if name == layer or name.startswith(layer + "."))


def test_convcore_never_loads_streamlit() -> None:
    modules = [module_name(path) for path in sources("convcore")]
    assert "convcore.engine" in modules and "convcore.i18n" in modules and "convcore.links.codec" in modules
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps([sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit')[:5],\n"
        "                  sorted(m for m in sys.modules if m.split('.')[0] == 'convcore')]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    loaded_streamlit, loaded_convcore = json.loads(out.stdout.strip().splitlines()[-1])
    assert set(modules) <= set(loaded_convcore)  # the check saw every module
    assert loaded_streamlit == [], f"importing convcore loads {loaded_streamlit}"


def test_convcore_imports_nothing_from_ui_or_views() -> None:
    bad = {str(path.relative_to(ROOT)): from_layer(imports(path), "ui") + from_layer(imports(path), "views")
           for path in sources("convcore")}
    assert not {path: names for path, names in bad.items() if names}
    assert any(from_layer(imports(path), "convcore") for path in sources("convcore"))  # the parser sees imports


def test_ui_imports_nothing_from_views() -> None:
    bad = {str(path.relative_to(ROOT)): from_layer(imports(path), "views") for path in sources("ui")}
    assert not {path: names for path, names in bad.items() if names}
    assert any(from_layer(imports(path), "convcore") for path in sources("ui"))


def test_the_import_parser() -> None:
    """Lazy imports inside functions are seen, and relative imports resolve."""
    assert "convcore.engine" in imports(ROOT / "app.py")  # `import convcore.engine` inside import_torch()
    source = "from . import codec\nfrom ..ui import common\n\ndef f():\n    import views.home\n"
    assert imports_in(source, ["convcore", "links"]) == {
        "convcore.links", "convcore.links.codec", "convcore.ui", "convcore.ui.common", "views.home"}
    assert from_layer(imports_in(source, ["convcore"]), "ui") == ["ui", "ui.common"]
