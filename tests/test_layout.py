"""The rooms keep to themselves: tests and build/ share build/devkit (outside the product), never each other's files."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_tests_never_load_build_scripts_or_change_the_import_path():
    forbidden = ("spec_from_file_location", "sys.path.insert")
    for path in ROOT.glob("tests/**/*.py"):
        if path != Path(__file__).resolve():
            text = path.read_text(encoding="utf-8")
            assert not any(word in text for word in forbidden), path


def test_build_scripts_never_import_from_tests():
    for path in ROOT.glob("build/**/*.py"):
        assert not any(name.split(".")[0] in {"tests", "ui_helpers", "review_inputs"} for name in _imports(path)), path
        assert '"tests" / "ui"' not in path.read_text(encoding="utf-8"), path


def test_tests_import_nothing_from_build_but_the_devkit():
    scripts = {path.stem for path in ROOT.glob("build/**/*.py")} | {path.name for path in ROOT.glob("build/*/")}
    for path in ROOT.glob("tests/**/*.py"):
        borrowed = {name.split(".")[0] for name in _imports(path)} & scripts
        assert borrowed <= {"devkit"}, (path, borrowed)


def test_the_devkit_lives_outside_the_product_and_the_app_never_imports_it():
    assert (ROOT / "build" / "devkit" / "__init__.py").is_file()
    assert not list(ROOT.glob("desktop/**/devkit*"))
    for path in ROOT.glob("desktop/**/*.py"):
        assert "devkit" not in {name.split(".")[0] for name in _imports(path)}, path


def test_each_layer_imports_only_the_ones_below_it():
    engine = [*ROOT.glob("desktop/engine/**/*.py")]
    app = [*ROOT.glob("desktop/app/*.py")]
    assert len(engine) > 20 and len(app) >= 3
    assert {path.parent.name for path in engine} >= {"engine", "text", "people", "verdict"}
    for path in engine:
        assert not any(name.startswith(("PySide6", "desktop.ui", "desktop.app")) for name in _imports(path)), path
    for path in app:
        imports = _imports(path)
        assert not any(name.startswith(("PySide6.QtWidgets", "desktop.ui")) for name in imports), path
        if path.name != "exports.py":  # QtGui typesets the PDF report, the one use of Qt below the window
            assert not any(name.startswith("PySide6") for name in imports), path
    assert not any(name.startswith(("PySide6.QtWidgets", "desktop.ui")) for name in _imports(ROOT / "desktop" / "cli.py"))


def test_the_window_is_grouped_in_rooms_and_the_rooms_keep_to_themselves():
    rooms = {path.name for path in (ROOT / "desktop" / "ui").iterdir() if (path / "__init__.py").is_file()}
    assert rooms == {"shell", "reading", "panel", "library"}
    assert sorted(path.name for path in (ROOT / "desktop" / "ui").glob("*.py")) == ["__init__.py", "tasks.py"]
    for room in ("reading", "panel", "library"):  # the shell wires them; they share ui/tasks.py, never each other
        others = {f"desktop.ui.{other}" for other in rooms - {room}}
        for path in (ROOT / "desktop" / "ui" / room).glob("*.py"):
            assert not any(name.startswith(tuple(others)) for name in _imports(path)), path


def test_the_main_window_only_wires_and_shows():
    lines = (ROOT / "desktop" / "ui" / "shell" / "main_window.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"main_window.py has {lines} lines; move behaviour to desktop/app or a view"


def test_rooms_stay_small_no_function_over_60_lines_no_class_over_300():
    """A longer one says why on its first line (``# long: reason``)."""
    too_long = []
    for path in ROOT.glob("desktop/**/*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                limit = 300 if isinstance(node, ast.ClassDef) else 60
                size = node.end_lineno - node.lineno + 1
                if size > limit and "# long:" not in lines[node.lineno - 1]:
                    too_long.append(f"{path.relative_to(ROOT)}: {node.name} has {size} lines")
    assert not too_long, too_long
