"""Every i18n key is used by the app, and every key the app composes at run time exists.

A key is used when it is a string literal in the app's source (app.py, views/, ui/, convcore/ but not the tables:
convcore/i18n/ and each page's ui/<page>/text.py) or when one of the run-time compositions below makes it. Those are declared in COMPOSED, each
from the constants the code itself composes from, and COMPOSED must match the compositions found in the code:
a new `tr(f"..._{x}")` or `labels("..._")` has to be declared here, and one removed from the code must go too
(or it would keep its keys alive).
"""

from __future__ import annotations

import ast
from pathlib import Path

from convcore import challenges, kernels, links, training
from convcore.lesson import steps
from ui.text import STRINGS
from ui.widgets import kernel_editor, layer_kernels

ROOT = Path(__file__).resolve().parents[2]
TABLES = ROOT / "convcore" / "i18n"
PAGE_TABLES = {ROOT / "ui" / page / name for page in ("explore", "train", "lesson", "challenge")
               for name in ("text.py", "why_text.py")}
APP_SOURCES = [ROOT / "app.py", *sorted((ROOT / "views").rglob("*.py")),
               *(p for p in sorted((ROOT / "ui").rglob("*.py")) if p not in PAGE_TABLES),
               *(p for p in sorted((ROOT / "convcore").rglob("*.py")) if TABLES not in p.parents)]
LOOKUPS = {"t", "tr", "ConvLabError", "KernelError"}  # calls whose first argument is an i18n key
HOLE = "{}"  # where a composition puts its run-time part


def tree(path: str | Path) -> ast.Module:
    return ast.parse((ROOT / path).read_text(encoding="utf-8"))


def page_options(path: str, prefix: str) -> tuple[str, ...]:
    """The literal options of the widget drawn with format_func=labels(prefix) in a page script (a page runs when
    imported, so it is read, not imported)."""
    for node in ast.walk(tree(path)):
        formats = [kw.value for kw in getattr(node, "keywords", ()) if kw.arg == "format_func"]
        if formats and isinstance(formats[0], ast.Call) and getattr(formats[0].func, "id", None) == "labels" \
                and ast.literal_eval(formats[0].args[0]) == prefix:
            options = next(kw.value for kw in node.keywords if kw.arg == "options")
            return tuple(ast.literal_eval(options))
    raise AssertionError(f"no widget with labels({prefix!r}) in {path}")


def home_pages() -> tuple[str, ...]:
    """The pages the home page links, each labelled "nav_" + its "home_" key's name."""
    for node in ast.walk(tree("views/home.py")):
        if isinstance(node, ast.For) and isinstance(node.iter, ast.Tuple):
            return tuple(key.removeprefix("home_") for key, _page in ast.literal_eval(node.iter))
    raise AssertionError("no loop over the pages in views/home.py")


def kernel_parse_errors() -> tuple[str, ...]:
    """What follows "err_kernel_" in the keys parse_kernel (and the parse_cell it calls) can raise: the lesson
    re-raises each as "err_lesson_" + that. A comma never reaches it there: steps.parse_matrix splits on commas
    (test_lesson_cells_hold_no_comma)."""
    found = []
    for node in tree("convcore/kernels.py").body:
        if isinstance(node, ast.FunctionDef) and node.name in ("parse_kernel", "parse_cell"):
            found += [call.args[0].value for call in ast.walk(node) if isinstance(call, ast.Call)
                      and getattr(call.func, "id", None) == "KernelError"]
    assert found, "parse_kernel raises no KernelError any more: update err_lesson_ below"
    return tuple(sorted({key.removeprefix("err_kernel_") for key in found} - {"comma"}))


# pattern (HOLE: the run-time part) -> the values it is filled with, from the code's own constants
COMPOSED: dict[str, tuple] = {
    "kernel_{}": (*kernels.PRESETS, kernel_editor.CUSTOM, *kernel_editor.BUTTONS),  # preset picker; grid buttons
    "kernel_{}_desc": tuple(kernels.PRESETS),
    "kernel_{}_help": kernel_editor.BUTTONS,
    "sample_{}": links.SAMPLE_NAMES,  # == tuple(images.SAMPLES): tests/unit/test_light_imports.py
    "image_source_{}": links.SOURCES,
    "explore_{}": tuple(links.PAIR_LIMITS),  # padding, stride, dilation
    "explore_{}_help": tuple(links.PAIR_LIMITS),
    "explore_mode_{}": links.MODES,
    "explore_xform_{}": links.X_TRANSFORMS,
    "explore_mode_{}_why": links.MODES,
    "explore_channel_{}": layer_kernels.CHANNELS,
    "explore_channel_mode_{}": links.CHANNEL_MODES,
    "explore_speed_{}": links.EXPLORE_SPEEDS,
    "train_speed_{}": links.TRAIN_SPEEDS,
    "train_opt_{}": training.OPTIMIZERS,
    "train_loss_{}": training.LOSSES,
    "train_device_{}": training.DEVICES,
    "nav_{}": home_pages(),
    "lesson_{}": steps.STEP_VALUES[1],  # step 1's shape inputs
    "lesson_init_{}": page_options("views/lesson.py", "lesson_init_"),
    "lesson_nav_{}": steps.STEPS,
    "lesson_s{}_title": steps.STEPS,
    "err_lesson_{}": kernel_parse_errors(),
    "challenge_{}_title": challenges.IDS,  # the challenge picker
    "challenge_{}_story": challenges.IDS,
}


def string_literals() -> set[str]:
    """Every string constant in the app's source (docstrings and f-string pieces too; comments are not parsed)."""
    return {node.value for path in APP_SOURCES for node in ast.walk(tree(path))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def composed_keys() -> dict[str, str]:
    """key -> the pattern that makes it."""
    return {pattern.replace(HOLE, str(value)): pattern for pattern, values in COMPOSED.items() for value in values}


def pattern(node: ast.AST) -> str | None:
    """An f-string or a "literal" + value as a pattern with HOLE for each run-time part (None: neither)."""
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else HOLE for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        sides = [side.value if isinstance(side, ast.Constant) and isinstance(side.value, str) else pattern(side)
                 for side in (node.left, node.right)]
        if any(side is not None for side in sides):
            return "".join(HOLE if side is None else side for side in sides)
    return None


def compositions_in_code() -> dict[str, list[str]]:
    """Each key pattern the code composes -> where: the first argument of t/tr/ConvLabError/KernelError when it is
    an f-string or a sum, and labels(prefix, suffix) (a format_func: prefix + option + suffix)."""
    found: dict[str, list[str]] = {}
    for path in APP_SOURCES:
        for node in ast.walk(tree(path)):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name == "labels":
                prefix, suffix = (ast.literal_eval(arg) for arg in (node.args + [ast.Constant("")])[:2])
                key = prefix + HOLE + suffix
            elif name in LOOKUPS:
                key = pattern(node.args[0])
            else:
                continue
            # (ui.shell.labels' own t(f"{prefix}{option}{suffix}") is all holes: the machinery, not a composition)
            if key and HOLE in key and key.replace(HOLE, ""):
                found.setdefault(key, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_key_is_used() -> None:
    dead = sorted(set(STRINGS) - string_literals() - set(composed_keys()))
    assert not dead, f"{len(dead)} i18n keys no code uses (delete them from convcore/i18n/ or ui/<page>/text.py): {', '.join(dead)}"


def test_every_composed_key_exists() -> None:
    missing = sorted(f"{key} (from {made_by})" for key, made_by in composed_keys().items() if key not in STRINGS)
    assert not missing, f"keys the app composes at run time but the tables lack: {', '.join(missing)}"


def test_the_declared_compositions_are_the_code_s() -> None:
    in_code = compositions_in_code()
    undeclared = sorted(f"{key} at {', '.join(where)}" for key, where in in_code.items() if key not in COMPOSED)
    gone = sorted(set(COMPOSED) - set(in_code))
    assert not undeclared, f"compositions to declare in COMPOSED: {'; '.join(undeclared)}"
    assert not gone, f"declared in COMPOSED but no longer in the code (remove them): {', '.join(gone)}"
    assert all(COMPOSED.values()), [key for key, values in COMPOSED.items() if not values]


def test_lesson_cells_hold_no_comma() -> None:
    """Why err_lesson_comma is not composed: the lesson's matrix parser splits on commas before parse_kernel."""
    assert steps.parse_matrix("1,5", "K", max_side=4).tolist() == [[1.0, 5.0]]
    assert "err_kernel_comma" in {call.args[0].value for call in ast.walk(tree("convcore/kernels.py"))
                                  if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "KernelError"}


def test_literal_keys_are_found() -> None:
    """The literal scan sees keys where the code holds them: a call, a tuple of pairs, an error."""
    literals = string_literals()
    assert {"nav_home", "home_explore", "err_kernel_too_large", "share_upload_note"} <= literals


def test_every_error_message_is_the_librarys_own() -> None:
    """A ConvLabError builds its English message when raised, from convcore.i18n alone: a key that only a page's
    table holds would turn the error into a crash."""
    from convcore import i18n

    raised = set()
    for path in APP_SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None)
            name = getattr(name, "id", getattr(name, "attr", None))
            if isinstance(node, ast.Call) and name in ("ConvLabError", "KernelError", "ImageError") and node.args \
                    and isinstance(node.args[0], ast.Constant):
                raised.add(node.args[0].value)
    assert raised and not raised - set(i18n.STRINGS), sorted(raised - set(i18n.STRINGS))
