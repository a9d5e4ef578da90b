"""Settings, crash handling, help, and the ``review-reader`` entry point."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from ui_helpers import page_colour

import desktop
from desktop import logs
from desktop.ui.shell import crash
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.shell.settings import MAX_RECENT, SETTINGS_FILE, Settings
from desktop.ui.shell.shortcuts import shortcut_rows

ROOT = Path(__file__).resolve().parents[2]


def test_settings_live_in_the_isolated_folder(app, isolated_settings):
    settings = Settings()
    settings.theme = "dark"
    settings.store.sync()
    assert (isolated_settings / SETTINGS_FILE).is_file()
    assert Settings().theme == "dark"


def test_recent_files_keep_the_ten_newest_without_duplicates(app):
    settings = Settings()
    for number in range(14):
        settings.add_recent(f"/reviews/{number}.txt")
    settings.add_recent("/reviews/5.txt")
    recent = Settings().recent_files
    assert len(recent) == MAX_RECENT
    assert recent[0] == "/reviews/5.txt" and recent[1] == "/reviews/13.txt"
    assert len(set(recent)) == MAX_RECENT


def test_bad_stored_values_fall_back_to_defaults(app):
    settings = Settings()
    settings.store.setValue("view/theme", "purple")
    settings.store.setValue("view/zoom", "huge")
    assert settings.theme == "system" and settings.zoom == 100


def test_window_restores_geometry_theme_scale_and_recent_menu(make_window, open_chosen, sample_path):
    window = make_window()
    open_chosen(window, sample_path)
    window.appearance.set_theme("dark")
    window.appearance.set_scale("blue-orange")
    window.resize(720, 520)  # fits the offscreen screen (800x600)
    window.close()
    again = make_window(size=None)
    assert (again.width(), again.height()) == (720, 520)
    assert again.actions["theme_dark"].isChecked() and again.actions["scale_blue-orange"].isChecked()
    assert page_colour(again) == "#1d1e21"
    again.recent.menu.aboutToShow.emit()
    first = again.recent.menu.actions()[0]
    assert first.text() == f"&1 sample_review.txt — {sample_path.parent}" and first.toolTip() == str(sample_path)
    assert [b.toolTip() for b in again.welcome.findChildren(type(again.welcome.open_button), "link")] == [
        str(sample_path)
    ]


def test_recent_menu_reopens_a_file(make_window, open_chosen, sample_path, qtbot):
    window = make_window()
    open_chosen(window, sample_path)
    window.close_review()
    assert window.central.stack.currentWidget() is window.welcome
    window.recent.menu.aboutToShow.emit()
    with qtbot.waitSignal(window.review_ready, timeout=30_000):
        window.recent.menu.actions()[0].trigger()
    assert window.path == sample_path


def test_every_action_is_in_a_menu_and_listed_with_its_shortcut(window):
    rows = shortcut_rows(window.menuBar())
    listed = {(menu, action): keys for menu, action, keys in rows}
    assert listed[("File", "Open…")] == "Ctrl+O"
    assert listed[("File", "Next Review")] == "Alt+Right"
    assert listed[("View", "Zoom In")] == "Ctrl+=, Ctrl++"
    assert listed[("View", "Side Panel")] == "F9"
    assert listed[("Edit", "Find…")] == "Ctrl+F"
    assert listed[("View ▸ Theme", "Dark")] == ""
    in_menus = {action for _, action, _ in rows}
    for action in window.actions.values():
        assert action.text().replace("&", "") in in_menus


def test_shortcuts_dialog_shows_the_table(window, qtbot):
    from desktop.ui.shell.shortcuts import ShortcutsDialog

    dialog = ShortcutsDialog(window.menuBar(), window)
    qtbot.addWidget(dialog)
    menus = [dialog.table.topLevelItem(i) for i in range(dialog.table.topLevelItemCount())]
    assert [menu.text(0) for menu in menus][:3] == ["File", "Edit", "View"]  # each menu once, in menu order
    assert len({menu.text(0) for menu in menus}) == len(menus)
    keys = {menu.child(j).text(0): menu.child(j).text(1) for menu in menus for j in range(menu.childCount())}
    assert keys["Reload"] == "F5" and keys["Find Previous / Previous Mention"] == "Shift+F3"
    assert keys["Full Screen"] and keys["Show Verdict Evidence"] == "F7"


def test_about_names_app_nltk_and_textblob_versions():
    from importlib import metadata

    from desktop.ui.shell.about import about_text

    text = about_text()
    assert f"Review Reader {desktop.__version__}" in text
    assert f"NLTK {metadata.version('nltk')}" in text
    assert f"TextBlob {metadata.version('textblob')}" in text


def test_crash_handler_logs_the_traceback_and_shows_where(app, tmp_path):
    shown = []
    log_path = logs.start_logging()
    handler = crash.CrashHandler(log_path, dialog=lambda summary, path: shown.append((summary, path)))
    try:
        raise ValueError("the flux capacitor broke")
    except ValueError as error:
        handler.handle(type(error), error, error.__traceback__)
    for handle in logs.log.handlers:
        handle.flush()
    assert shown == [("ValueError: the flux capacitor broke", log_path)]
    assert log_path == tmp_path / "logs" / logs.LOG_NAME
    logged = log_path.read_text(encoding="utf-8")
    assert "the flux capacitor broke" in logged and "Traceback" in logged


def test_crash_handler_catches_worker_thread_exceptions(app, qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    shown = []
    handler = crash.CrashHandler(tmp_path / "x.log", dialog=lambda summary, path: shown.append(summary))
    handler.install()
    assert sys.excepthook == handler.handle

    def fail():
        raise RuntimeError("worker fell over")

    thread = threading.Thread(target=fail)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: shown == ["RuntimeError: worker fell over"], timeout=5000)


def test_main_opens_the_window_with_the_files_given(app, qtbot, monkeypatch, sample_path):
    from desktop.__main__ import main

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    seen = []

    def fake_exec():
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.analysis is not None, timeout=30_000)
        seen.append(window.path)
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert main([str(sample_path)]) == 0
    assert seen == [sample_path]


def test_open_dialog_starts_in_the_last_folder_and_remembers_the_new_one(
    window, qtbot, monkeypatch, sample_path, tmp_path
):
    from PySide6.QtWidgets import QFileDialog

    Settings().last_folder = str(tmp_path)
    asked, offered = [], []

    def choose(parent, caption, start, filters):
        asked.append(start)
        offered.append(filters.split(";;")[0])  # the filter the dialog starts with
        return [str(sample_path)], filters

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    with qtbot.waitSignal(window.review_ready, timeout=30_000):
        window.welcome.open_button.click()
    assert asked == [str(tmp_path)]
    assert all(f"*{suffix}" in offered[0] for suffix in (".txt", ".csv", ".tsv", ".jsonl", ".json"))  # tables too
    assert Settings().last_folder == str(sample_path.parent)
    assert window.path == sample_path


def test_status_bar_shows_model_loading_then_ready(app, qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.models.label.text() == "Loading language models…" and not window.models.busy.isHidden()
    window.show()
    qtbot.waitUntil(lambda: window.models.ready, timeout=30_000)
    assert window.models.label.text() == "Models ready" and window.models.busy.isHidden()


def test_system_theme_follows_the_desktop_scheme(window):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from desktop import colours

    window.appearance.set_theme("system")
    dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    assert page_colour(window) == (colours.DARK.page if dark else colours.LIGHT.page)
    window.appearance.set_theme("dark")
    assert page_colour(window) == colours.DARK.page


def test_a_missing_style_sheet_falls_back_to_plain_fusion(app, monkeypatch, tmp_path):
    from desktop import colours
    from desktop.ui.shell import theming

    assert "@" not in theming.style_sheet(colours.DARK) and colours.DARK.card in theming.style_sheet(colours.DARK)
    monkeypatch.setattr(theming, "resources_dir", lambda: tmp_path)
    assert theming.style_sheet(colours.LIGHT) == ""


@pytest.mark.parametrize("passed, status", [(True, 0), (False, 1)])
def test_self_test_flag_runs_the_self_test_without_a_window(monkeypatch, passed, status):
    from desktop import selftest
    from desktop.__main__ import main

    monkeypatch.setattr(selftest, "run", lambda: passed)
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: pytest.fail("no window for --self-test")))
    assert main(["--self-test"]) == status


@pytest.mark.parametrize("settle", [0.0, 1.0], ids=["during-start-up", "window-shown"])
def test_sigterm_closes_the_window_and_exits_with_status_0(tmp_path, sample_path, settle):
    import os
    import signal
    import subprocess
    import time

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen(
        [sys.executable, "-m", "desktop", str(sample_path)],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    log = tmp_path / "logs" / logs.LOG_NAME
    deadline = time.monotonic() + 60
    while not (log.is_file() and "started" in log.read_text(encoding="utf-8")) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(settle)
    app.send_signal(signal.SIGTERM)
    out, err = app.communicate(timeout=30)
    assert app.returncode == 0, err[-2000:]
    assert "Fatal Python error" not in err
    assert (tmp_path / "settings" / SETTINGS_FILE).is_file()  # closing saved the window's settings


def test_only_files_the_reader_chose_become_recent(make_window, open_review, open_chosen, sample_path, qtbot,
                                                   tmp_path):
    window = make_window()
    chosen = tmp_path / "12_8.txt"
    chosen.write_bytes(sample_path.read_bytes())
    stepped = tmp_path / "13_3.txt"
    stepped.write_bytes(sample_path.read_bytes())
    with qtbot.waitSignal(window.review_ready, timeout=30_000):
        window.open_sample()  # the sample, shipped inside the app
    open_chosen(window, chosen)
    with qtbot.waitSignal(window.review_ready, timeout=30_000):
        window.step_file(1)  # Next Review: stepping through a folder
    assert window.path == stepped
    assert window.settings.recent_files == [str(chosen)]
    window.recent.menu.aboutToShow.emit()
    assert window.recent.menu.actions()[0].text() == f"&1 12_8.txt — {tmp_path}"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a C locale as env -i gives on Linux")
def test_a_bare_c_locale_starts_qt_without_its_locale_warning():
    """As the packaged app starts under ``env -i``: no Python locale coercion (PYTHONCOERCECLOCALE=0)."""
    script = "from desktop.ui.shell.app import create_application; create_application()"
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "PYTHONCOERCECLOCALE": "0", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)  # "-c" puts the checkout (the working folder) on the import path
    assert done.returncode == 0 and "Detected locale" not in done.stderr, done.stderr
