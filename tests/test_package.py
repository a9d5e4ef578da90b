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
MAX_UNPACKED = 150_000_000
MAX_ARCHIVE = 60_000_000

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
