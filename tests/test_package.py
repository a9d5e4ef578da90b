"""The packaged app, built with `python3 build/tasks.py package` and run as a reader would.

Builds dist/ReviewReader, its archive and the .deb once (skipped when their inputs are
unchanged), then runs the frozen app from its folder with an empty HOME, NLTK_DATA unset
and no network; installs it for a user with --install and, as root, the .deb with apt-get,
and starts each from its desktop entry with `gio launch` on an Xvfb display.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from desktop.version import version_line

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dist" / "ReviewReader"
EXECUTABLE = APP / "ReviewReader"
SAMPLE = ROOT / "resources" / "samples" / "sample_review.txt"
SAMPLE_WINDOW = f"{SAMPLE.name} \u2014 Review Reader"
"""The title of the window with the sample open."""
APT = ["apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=300"]
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


@pytest.fixture(scope="module")
def deb(archive) -> Path:
    (path,) = (ROOT / "dist").glob("review-reader_*_amd64.deb")
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
    assert (internal / "resources" / "nltk_data" / "taggers" / "averaged_perceptron_tagger_eng").is_dir()
    assert not list(internal.rglob("maxent_ne_chunker*"))
    assert (internal / "textblob" / "en" / "en-sentiment.xml").is_file()
    assert (internal / "resources" / "samples" / "sample_review.txt").is_file()
    assert not (internal / "numpy").exists() and not (internal / "tkinter").exists()
    assert (internal / "nltk" / "VERSION").is_file() and not (internal / "nltk" / "test").exists()
    assert (internal / "resources" / "models" / "verdict.tsv").is_file()
    readme = (APP / "README.txt").read_text()
    assert readme.startswith(version_line()) and "./ReviewReader --install" in readme


def test_version_names_the_commit_the_bundle_was_built_from(archive, tmp_path):
    done = subprocess.run([str(EXECUTABLE), "--version"], env=reader_env(tmp_path), capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout == version_line() + "\n", done.stdout + done.stderr
    assert "(commit unknown)" not in done.stdout or not (ROOT / ".git").exists()


@pytest.mark.skipif(not shutil.which("sha256sum"), reason="needs sha256sum")
def test_sha256sums_checks_the_archive_and_the_deb(archive, deb):
    done = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=ROOT / "dist", capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [f"{archive.name}: OK", f"{deb.name}: OK"]


def test_bundle_leaves_out_tls_wayland_and_the_systems_own_libraries(archive):
    internal = APP / "_internal"
    names = {path.name.split(".so")[0].split(".cpython")[0] for path in internal.rglob("*")}
    assert not names & {"libssl", "libcrypto", "_ssl", "_hashlib", "readline", "libreadline", "ossaudiodev"}
    assert not names & {"libstdc++", "libX11", "libfontconfig", "libglib-2.0", "libdbus-1", "libsystemd"}
    assert not (internal / "PySide6" / "Qt" / "plugins" / "wayland-shell-integration").exists()
    assert not (internal / "textblob" / "en" / "en-spelling.txt").exists()
    assert (internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so").is_file()
    assert not [path for path in APP.rglob("*") if path.is_symlink() and not path.exists()], "dangling links"


@pytest.mark.skipif(not shutil.which("readelf"), reason="needs readelf (binutils)")
def test_libraries_search_only_inside_the_bundle(archive):
    for library in (APP / "_internal" / "libpython3.11.so.1.0", APP / "_internal" / "PySide6" / "Qt" / "lib" / "libQt6Gui.so.6"):
        dynamic = subprocess.run(["readelf", "-d", str(library)], capture_output=True, text=True, check=True).stdout
        assert set(re.findall(r"\((?:RPATH|RUNPATH)\)\s+Library r(?:un)?path: \[([^\]]*)\]", dynamic)) <= {"$ORIGIN"}


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
    from desktop.app.cache import ENGINE_VERSION_FILE, engine_version

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
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, str(ROOT / "build" / "bundle" / "smoke_window.py"),
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
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, str(ROOT / "build" / "bundle" / "smoke_window.py"),
               "--until", "library-analysed", "--timeout", "120", "--", *offline([str(EXECUTABLE), str(folder)])]
    done = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    # The run ends on "library-analysed": every file analysed, none failed, nothing cancelled.
    assert "exit status 0" in done.stdout and "FAILED" not in done.stdout


def deb_field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "--field", str(deb), name], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(not shutil.which("dpkg-deb"), reason="needs dpkg-deb")
def test_deb_holds_the_app_its_command_entry_icons_and_papers(deb, tmp_path):
    listing = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True).stdout
    paths = {line.split()[5] for line in listing.splitlines()}
    assert {"./opt/review-reader/ReviewReader", "./usr/share/applications/review-reader.desktop",
            "./usr/share/icons/hicolor/48x48/apps/review-reader.png",
            "./usr/share/icons/hicolor/scalable/apps/review-reader.svg", "./usr/share/doc/review-reader/copyright",
            "./usr/share/doc/review-reader/changelog.gz", "./usr/share/man/man1/review-reader.1.gz"} <= paths
    assert re.search(r"^lrwxrwxrwx root/root .* \./usr/bin/review-reader -> /opt/review-reader/ReviewReader$",
                     listing, re.MULTILINE)
    assert "./opt/review-reader/README.txt" not in paths
    depends = {name.strip() for name in deb_field(deb, "Depends").split(",")}
    assert {"libc6", "libfontconfig1", "libglib2.0-0", "libdbus-1-3", "libegl1", "libx11-6", "fonts-dejavu-core"} <= depends
    assert deb_field(deb, "Version").strip() == version_line().split()[2]
    subprocess.run(["dpkg-deb", "--extract", str(deb), str(tmp_path)], check=True)
    entry = tmp_path / "usr" / "share" / "applications" / "review-reader.desktop"
    assert "Exec=review-reader %F" in entry.read_text().splitlines()
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout


@pytest.fixture
def display() -> Iterator[str]:
    """A display of its own (":N") on a new Xvfb server, stopped after the test."""
    if not shutil.which("Xvfb") or not shutil.which("xwininfo") or not shutil.which("gio"):
        pytest.skip("needs Xvfb, xwininfo and gio (xvfb, x11-utils, libglib2.0-bin)")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as announced:
        number = announced.readline().strip()
    try:
        assert number.isdigit(), "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def window_viewable(display: str, title: str) -> bool:
    tree = subprocess.run(["xwininfo", "-display", display, "-root", "-tree"], capture_output=True, text=True).stdout
    for window in re.findall(rf'^\s+(0x[0-9a-f]+) "{re.escape(title)}"', tree, re.MULTILINE):
        info = subprocess.run(["xwininfo", "-display", display, "-id", window], capture_output=True, text=True).stdout
        if "IsViewable" in info:
            return True
    return False


def tagged_processes(tag: str) -> list[int]:
    """The ids of the processes whose environment holds ``tag`` (those one launch started)."""
    found = []
    for folder in Path("/proc").iterdir():
        try:
            if folder.name.isdigit() and tag.encode() in (folder / "environ").read_bytes().split(b"\0"):
                found.append(int(folder.name))
        except OSError:
            continue  # gone, or not ours to read
    return found


@contextmanager
def launched_from(entry: Path, env: dict, display: str) -> Iterator[None]:
    """Start the app as a desktop does (`gio launch ENTRY SAMPLE`); stop every process of it afterwards."""
    marker = f"{os.getpid()}-{time.monotonic_ns()}"
    env = {**env, "DISPLAY": display, "REVIEW_READER_TEST_LAUNCH": marker}
    tag = f"REVIEW_READER_TEST_LAUNCH={marker}"
    subprocess.run(["gio", "launch", str(entry), str(SAMPLE)], env=env, check=True, timeout=60)
    try:
        yield
    finally:
        deadline = time.monotonic() + 20
        while (running := tagged_processes(tag)) and time.monotonic() < deadline:
            for pid in running:
                os.kill(pid, signal.SIGTERM if time.monotonic() < deadline - 10 else signal.SIGKILL)
            time.sleep(0.5)
        assert not tagged_processes(tag), "the app did not stop"


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def registered_for_text(env: dict) -> str:
    """`gio mime text/plain`: the default app and the apps registered for plain text."""
    return subprocess.run(["gio", "mime", "text/plain"], env=env, capture_output=True, text=True).stdout


def test_user_install_from_the_folder_starts_from_its_entry_and_uninstalls_cleanly(archive, display, tmp_path):
    app = tmp_path / "Ann's apps" / "ReviewReader"
    shutil.copytree(APP, app, symlinks=True)
    data, home = tmp_path / "data", tmp_path / "home"
    data.mkdir()
    home.mkdir()
    env = {**reader_env(home), "XDG_DATA_HOME": str(data)}
    before = snapshot(app)
    done = subprocess.run([str(app / "ReviewReader"), "--install"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "Added Review Reader to your applications menu" in done.stdout, done.stderr
    entry = data / "applications" / "review-reader.desktop"
    assert f'Exec="{app / "ReviewReader"}" %F' in entry.read_text().splitlines()
    assert "review-reader.desktop" in registered_for_text(env)
    with launched_from(entry, env, display):
        assert wait_for(lambda: window_viewable(display, SAMPLE_WINDOW), 90), "no window from the menu entry"
    done = subprocess.run([str(app / "ReviewReader"), "--uninstall"], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and "Removed the menu entry" in done.stdout, done.stderr
    assert list(data.iterdir()) == [], "--uninstall left files behind"
    assert "review-reader.desktop" not in registered_for_text(env)
    assert snapshot(app) == before, "--install wrote into the app's folder"


def installed() -> bool:
    status = subprocess.run(["dpkg-query", "-W", "-f", "${Status}", "review-reader"], capture_output=True, text=True)
    return status.stdout.endswith(" installed")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="installing a .deb needs root")
@pytest.mark.skipif(not shutil.which("apt-get") or not shutil.which("dpkg-query"), reason="needs apt-get and dpkg")
def test_deb_installs_starts_from_its_menu_entry_and_removes_cleanly(deb, display, tmp_path):
    if installed():
        pytest.skip("review-reader is already installed on this machine; the test will not replace it")
    env = {**reader_env(tmp_path), "DEBIAN_FRONTEND": "noninteractive"}
    try:
        done = subprocess.run([*APT, "install", str(deb)], env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        assert installed()
        version = subprocess.run(["review-reader", "--version"], env=env, capture_output=True, text=True, timeout=60)
        assert version.stdout == version_line() + "\n", version.stdout + version.stderr
        assert "review-reader.desktop" in registered_for_text(env)
        with launched_from(Path("/usr/share/applications/review-reader.desktop"), env, display):
            assert wait_for(lambda: window_viewable(display, SAMPLE_WINDOW), 90), "no window from the menu entry"
    finally:
        removed = subprocess.run([*APT, "remove", "review-reader"], env=env, capture_output=True, text=True,
                                 timeout=600)
    assert removed.returncode == 0, removed.stdout[-3000:] + removed.stderr[-3000:]
    assert not installed()
    for leftover in ("/opt/review-reader", "/usr/bin/review-reader", "/usr/share/applications/review-reader.desktop"):
        assert not os.path.lexists(leftover), f"{leftover} is still there"
