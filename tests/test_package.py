"""The packaged app, built with `python3 build/tasks.py package` and run as a reader would.

Builds dist/ReviewReader once (skipped when its inputs are unchanged), then runs the
frozen app from its folder with an empty HOME, NLTK_DATA unset and no network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dist" / "ReviewReader"
EXECUTABLE = APP / "ReviewReader"
MAX_UNPACKED = 125_000_000
MAX_ARCHIVE = 50_000_000

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the package is built for Linux")]


@pytest.fixture(scope="module")
def archive() -> Path:
    done = subprocess.run([sys.executable, str(ROOT / "build" / "tasks.py"), "package"], cwd=ROOT,
                          capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (path,) = (ROOT / "dist").glob("ReviewReader-*-linux-x86_64.tar.gz")
    return path


def reader_env(home: Path) -> dict:
    """A reader's environment: an empty home, no NLTK_DATA, nothing from the developer's venv."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    if "DISPLAY" in os.environ:
        env["DISPLAY"] = os.environ["DISPLAY"]
    return env


def offline(command: list[str]) -> list[str]:
    """Run without a network namespace when unshare can (root or user namespaces)."""
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True) if shutil.which("unshare") else None
    return ["unshare", "-n", *command] if probe and probe.returncode == 0 else command


def snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.lstat().st_mtime_ns for p in folder.rglob("*")}


def test_sizes_are_within_target(archive):
    unpacked = sum(p.lstat().st_size for p in APP.rglob("*") if p.is_file() and not p.is_symlink())
    assert unpacked <= MAX_UNPACKED, f"unpacked {unpacked / 1e6:.1f} MB"
    assert archive.stat().st_size <= MAX_ARCHIVE, f"archive {archive.stat().st_size / 1e6:.1f} MB"


def test_bundle_holds_our_data_and_not_what_we_exclude(archive):
    internal = APP / "_internal"
    assert (internal / "resources" / "nltk_data" / "chunkers" / "maxent_ne_chunker_tab" / "english_ace_binary").is_dir()
    assert not list(internal.rglob("english_ace_multiclass"))
    assert (internal / "textblob" / "en" / "en-sentiment.xml").is_file()
    assert (internal / "resources" / "samples" / "sample_review.txt").is_file()
    assert not (internal / "numpy").exists() and not (internal / "tkinter").exists()
    assert (internal / "nltk" / "VERSION").is_file() and not (internal / "nltk" / "test").exists()
    assert (internal / "resources" / "models" / "verdict.tsv").is_file()
    assert (APP / "review-reader.desktop").read_text().startswith("[Desktop Entry]")


def test_bundle_leaves_out_tls_wayland_and_the_systems_own_libraries(archive):
    internal = APP / "_internal"
    names = {path.name.split(".so")[0].split(".cpython")[0] for path in internal.rglob("*")}
    assert not names & {"libssl", "libcrypto", "_ssl", "_hashlib", "readline", "libreadline", "ossaudiodev"}
    assert not names & {"libstdc++", "libX11", "libfontconfig", "libglib-2.0", "libdbus-1", "libsystemd"}
    assert not (internal / "PySide6" / "Qt" / "plugins" / "wayland-shell-integration").exists()
    assert not (internal / "textblob" / "en" / "en-spelling.txt").exists()
    assert (internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so").is_file()
    assert not [path for path in APP.rglob("*") if path.is_symlink() and not path.exists()], "dangling links"


ICU_CALLS = r"""
import ctypes, sys
folder = sys.argv[1]
for name in ("libicudata", "libicuuc", "libicui18n"):
    globals()[name] = ctypes.CDLL(f"{folder}/{name}.so.73", mode=ctypes.RTLD_GLOBAL)
libicui18n.ucol_open_73.restype = libicui18n.ucal_open_73.restype = libicuuc.ucnv_open_73.restype = ctypes.c_void_p
libicui18n.ucol_strcoll_73.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
libicui18n.ucal_getTimeZoneDisplayName_73.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p,
                                                      ctypes.c_char_p, ctypes.c_int, ctypes.c_void_p]
def text(string):
    return string.encode("utf-16-le") + bytes(2)
status, buffer = ctypes.c_int(0), ctypes.create_string_buffer(256)
for locale in (b"en_US", b"de", b"sv", b"ja", b"zh", b"th", b"tr"):
    collator = libicui18n.ucol_open_73(locale, ctypes.byref(status))
    print(locale, "ä<z" if libicui18n.ucol_strcoll_73(collator, text("ä"), -1, text("z"), -1) < 0 else "ä>z")
    calendar = libicui18n.ucal_open_73(text("Europe/Berlin"), -1, locale, 0, ctypes.byref(status))
    length = libicui18n.ucal_getTimeZoneDisplayName_73(calendar, 0, locale, buffer, 100, ctypes.byref(status))
    print(buffer.raw[:2 * length].decode("utf-16-le"))
    length = libicuuc.u_strToUpper_73(buffer, 100, text("istanbul"), 8, locale, ctypes.byref(status))
    print(buffer.raw[:2 * length].decode("utf-16-le"))
for encoding in (b"Shift_JIS", b"GB18030", b"windows-1252", b"EUC-KR", b"Big5", b"KOI8-R"):
    print(encoding, bool(libicuuc.ucnv_open_73(encoding, ctypes.byref(status))))
print("failed" if status.value > 0 else "no errors")  # negative values are warnings
"""
"""Every kind of call Qt makes to ICU (libQt6Core imports ucol_*, ucal_*, ucnv_* and u_strTo*), in locales
whose data differ, printed so a trimmed ICU can be compared with the full one."""


def test_trimmed_icu_data_answers_qt_as_the_full_data_does(archive):
    from PySide6 import __file__ as pyside

    def answers(folder: Path) -> str:
        done = subprocess.run([sys.executable, "-c", ICU_CALLS, str(folder)], capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    bundled = APP / "_internal" / "PySide6" / "Qt" / "lib"
    full = Path(pyside).parent / "Qt" / "lib"
    assert (bundled / "libicudata.so.73").stat().st_size < (full / "libicudata.so.73").stat().st_size - 10_000_000
    expected = answers(full)
    assert "b'sv' ä>z" in expected and "İSTANBUL" in expected and "no errors" in expected
    assert answers(bundled) == expected


def test_bundle_is_stamped_with_the_engine_version_of_its_sources(archive):
    from desktop.analysis.cache import ENGINE_VERSION_FILE, engine_version

    stamped = APP / "_internal" / "resources" / ENGINE_VERSION_FILE
    assert stamped.read_text().strip() == engine_version()


def test_self_test_passes_offline_with_an_empty_home(archive, tmp_path):
    before = snapshot(APP)
    done = subprocess.run(offline([str(EXECUTABLE), "--self-test"]), env=reader_env(tmp_path), cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Self-test passed." in done.stdout
    assert "non-zero polarity" in done.stdout and "people found" in done.stdout and "verdict: positive" in done.stdout
    assert snapshot(APP) == before, "the app wrote next to itself"


@pytest.mark.skipif(not shutil.which("xvfb-run") or not shutil.which("xwininfo"), reason="needs xvfb-run and xwininfo")
def test_frozen_window_comes_up_analyses_the_sample_and_exits_cleanly(archive, tmp_path):
    before = snapshot(APP)
    sample = APP / "_internal" / "resources" / "samples" / "sample_review.txt"
    env = reader_env(tmp_path)
    env["PATH"] = os.environ.get("PATH", "/usr/bin:/bin")
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, str(ROOT / "build" / "smoke_window.py"),
               "--", *offline([str(EXECUTABLE), str(sample)])]
    done = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "window visible" in done.stdout and "exit status 0" in done.stdout
    assert snapshot(APP) == before, "the app wrote next to itself"


@pytest.mark.skipif(not shutil.which("xvfb-run") or not shutil.which("xwininfo"), reason="needs xvfb-run and xwininfo")
def test_frozen_library_analyses_a_folder_with_worker_processes(archive, tmp_path):
    folder = tmp_path / "reviews"
    for label, text in (("pos", "A wonderful, moving film. Anna Berg is superb."),
                        ("neg", "A dull, boring film. The script by Tom Reed is awful.")):
        (folder / label).mkdir(parents=True)
        for number in range(12):
            (folder / label / f"{number}_{9 if label == 'pos' else 2}.txt").write_text(f"{text} Scene {number}.")
    env = reader_env(tmp_path)
    env["PATH"] = os.environ.get("PATH", "/usr/bin:/bin")
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, str(ROOT / "build" / "smoke_window.py"),
               "--until", "library-analysed", "--timeout", "120", "--", *offline([str(EXECUTABLE), str(folder)])]
    done = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    # The run ends on "library-analysed": every file analysed, none failed, nothing cancelled.
    assert "exit status 0" in done.stdout and "FAILED" not in done.stdout
