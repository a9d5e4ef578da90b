"""``--install`` and ``--uninstall`` (desktop/install.py), in a temporary XDG_DATA_HOME.

The packaged app's install, launched from its menu entry, is tested in tests/test_package.py.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import install
from desktop.__main__ import main

VALIDATOR = shutil.which("desktop-file-validate")


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    """An empty XDG_DATA_HOME, and a PATH without the desktop tools (a test adds stand-ins)."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    return folder


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None for p in folder.rglob("*")}


def entry_fields(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:])


@pytest.mark.parametrize("argument, written", [
    ("/opt/review-reader/ReviewReader", "/opt/review-reader/ReviewReader"),
    ("/home/ann/My Apps/ReviewReader", '"/home/ann/My Apps/ReviewReader"'),
    ("/home/ann/Ann's/ReviewReader", '"/home/ann/Ann\'s/ReviewReader"'),
    ('/x/say "hi"/a', '"/x/say \\"hi\\"/a"'),
    ("/x/$HOME/`id`/a\\b", '"/x/\\$HOME/\\`id\\`/a\\\\b"'),
    ("/x/100%/a", "/x/100%%/a"),
    ("", '""'),
])
def test_exec_arguments_are_quoted_as_the_desktop_entry_spec_asks(argument, written):
    assert install.exec_argument(argument) == written


def test_exec_line_escapes_backslashes_again_as_a_string_value():
    entry = install.desktop_entry(["/x/a\\b c/ReviewReader"])
    # Quoting doubles the backslash to \\; the string value escapes each of those again.
    assert 'Exec="/x/a\\\\\\\\b c/ReviewReader" %F' in entry.splitlines()


def test_install_writes_an_entry_icons_and_a_record_and_says_so(data, capsys):
    assert main(["--install"]) == 0
    said = capsys.readouterr().out
    entry = data / "applications" / "review-reader.desktop"
    fields = entry_fields(entry)
    assert fields["Exec"] == f"{install.exec_argument(str(Path(sys.executable).absolute()))} -m desktop %F"
    assert fields["Path"] == str(Path(install.__file__).resolve().parent.parent)
    assert fields["MimeType"] == "text/plain;" and fields["Icon"] == "review-reader" and fields["Type"] == "Application"
    icons = sorted(p.relative_to(data).as_posix() for p in (data / "icons").rglob("review-reader.*"))
    assert "icons/hicolor/48x48/apps/review-reader.png" in icons
    assert "icons/hicolor/scalable/apps/review-reader.svg" in icons and len(icons) == 7
    record = json.loads((data / "review-reader" / "installed.json").read_text())
    assert sorted(record["files"]) == sorted(["applications/review-reader.desktop", *icons])
    assert not list(data.rglob("mimeapps.list")), "the default app for text files is never changed"
    assert f"Added Review Reader to your applications menu: {entry}" in said
    assert "Open With" in said and "7 sizes" in said and "--uninstall" in said
    assert "Refreshed" not in said  # no update-desktop-database on this PATH: skipped without a word


def test_the_packaged_app_puts_its_own_executable_in_exec(data, monkeypatch, tmp_path):
    executable = tmp_path / "Review Reader's apps" / "ReviewReader"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    install.install(data)
    fields = entry_fields(data / "applications" / "review-reader.desktop")
    assert fields["Exec"] == f'"{executable}" %F' and "Path" not in fields


@pytest.mark.skipif(not VALIDATOR, reason="needs desktop-file-validate (desktop-file-utils)")
@pytest.mark.parametrize("folder", ["plain", "with space", "Ann's $HOME `x` 100% \\ \"q\""])
def test_the_entry_is_valid_for_awkward_folder_names(data, monkeypatch, tmp_path, folder):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / folder / "ReviewReader"))
    install.install(data)
    checked = subprocess.run([VALIDATOR, str(data / "applications" / "review-reader.desktop")],
                             capture_output=True, text=True)
    assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout


def test_uninstall_removes_exactly_what_install_wrote(data, capsys):
    (data / "applications").mkdir()
    (data / "applications" / "other.desktop").write_text("[Desktop Entry]\n")
    (data / "icons" / "hicolor" / "48x48" / "apps").mkdir(parents=True)
    (data / "icons" / "hicolor" / "48x48" / "apps" / "other.png").write_bytes(b"png")
    before = snapshot(data)
    assert main(["--install"]) == 0
    assert main(["--install"]) == 0  # again: still one record of everything
    capsys.readouterr()
    assert main(["--uninstall"]) == 0
    said = capsys.readouterr().out
    assert snapshot(data) == before
    assert f"Removed the menu entry {data / 'applications' / 'review-reader.desktop'}" in said
    assert "Removed its icon in 7 sizes" in said


def test_uninstall_leaves_an_empty_data_folder_empty(data):
    install.install(data)
    install.uninstall(data)
    assert list(data.iterdir()) == []


def test_uninstall_without_an_install_says_there_is_nothing_to_remove(data, capsys):
    assert main(["--uninstall"]) == 0
    assert "not installed" in capsys.readouterr().out and list(data.iterdir()) == []


def stand_in(folder: Path, name: str, cache: str) -> None:
    """A refresh tool that writes its cache file into the folder it is given (its last argument)."""
    folder.mkdir(exist_ok=True)
    tool = folder / name
    tool.write_text(f'#!/bin/sh\nfor last; do :; done\necho refreshed > "$last/{cache}"\n')
    tool.chmod(0o755)


def test_refresh_tools_run_when_present_and_their_new_caches_go_with_uninstall(data, tmp_path, capsys):
    stand_in(tmp_path / "bin", "update-desktop-database", "mimeinfo.cache")
    stand_in(tmp_path / "bin", "gtk-update-icon-cache", "icon-theme.cache")
    assert main(["--install"]) == 0
    assert "Refreshed the desktop database (update-desktop-database)." in capsys.readouterr().out
    assert (data / "applications" / "mimeinfo.cache").is_file()
    assert not (data / "icons" / "hicolor" / "icon-theme.cache").exists()  # no index.theme: no cache to keep
    assert main(["--uninstall"]) == 0
    assert list(data.iterdir()) == []


def test_an_icon_cache_is_refreshed_where_the_theme_keeps_one(data, tmp_path, capsys):
    stand_in(tmp_path / "bin", "gtk-update-icon-cache", "icon-theme.cache")
    (data / "icons" / "hicolor").mkdir(parents=True)
    (data / "icons" / "hicolor" / "index.theme").write_text("[Icon Theme]\n")
    assert main(["--install"]) == 0
    assert "Refreshed the icon cache (gtk-update-icon-cache)." in capsys.readouterr().out
    assert main(["--uninstall"]) == 0
    assert sorted(p.name for p in (data / "icons" / "hicolor").iterdir()) == ["icon-theme.cache", "index.theme"]


def test_a_data_folder_that_cannot_be_written_is_one_line_and_status_1(tmp_path, monkeypatch, capsys):
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocked))
    assert main(["--install"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("review-reader: Review Reader could not be installed: ") and "Not a directory" in err


def test_a_failure_half_way_takes_back_what_was_written(data, monkeypatch, capsys):
    writes = []

    def failing_write(path, content):
        if len(writes) == 3:
            raise PermissionError(13, "Permission denied", str(path))
        writes.append(path)
        path.write_bytes(content)

    monkeypatch.setattr(install, "write", failing_write)
    assert main(["--install"]) == 1
    assert "Permission denied. Nothing was added." in capsys.readouterr().err
    assert list(data.iterdir()) == []


def test_a_damaged_or_foreign_record_is_refused_and_nothing_is_removed(data, capsys):
    record = data / "review-reader" / "installed.json"
    record.parent.mkdir()
    record.write_text("{damaged")
    assert main(["--uninstall"]) == 1
    assert "is damaged" in capsys.readouterr().err
    victim = data.parent / "victim.txt"
    victim.write_text("keep me")
    record.write_text(json.dumps({"files": ["../victim.txt"]}))
    assert main(["--uninstall"]) == 1
    assert "outside" in capsys.readouterr().err and victim.read_text() == "keep me"


def test_a_relative_xdg_data_home_is_ignored(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert install.data_home() == tmp_path / ".local" / "share"


def test_install_takes_no_files(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--install", "review.txt"])
    assert exit_info.value.code == 2 and "take no files" in capsys.readouterr().err


@pytest.mark.skipif(not shutil.which("gio") or not sys.platform.startswith("linux"), reason="needs gio (libglib2.0-bin)")
def test_an_entry_for_a_path_with_a_percent_sign_and_a_space_starts_its_program(tmp_path):
    folder = tmp_path / "apps 100%20"
    folder.mkdir()
    started = tmp_path / "started.txt"
    program = folder / "ReviewReader"
    program.write_text(f'#!/bin/sh\necho "$@" > "{started}"\n')
    program.chmod(0o755)
    entry = tmp_path / "review-reader.desktop"
    entry.write_text(install.desktop_entry([str(program)]), encoding="utf-8")
    subprocess.run(["gio", "launch", str(entry), str(tmp_path / "a review.txt")], check=True, timeout=30,
                   capture_output=True)
    deadline = time.monotonic() + 10
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert started.read_text().strip() == str(tmp_path / "a review.txt")


def test_the_uninstall_hint_can_be_pasted_into_a_shell(data, capsys, monkeypatch, tmp_path):
    odd = tmp_path / "my apps 100%" / "ReviewReader"
    monkeypatch.setattr(install, "launch_command", lambda: ([str(odd)], None))
    assert main(["--install"]) == 0
    hint = capsys.readouterr().out.splitlines()[-1]
    assert hint.startswith("To remove all of this: ")
    assert shlex.split(hint.removeprefix("To remove all of this: ")) == [str(odd), "--uninstall"]
