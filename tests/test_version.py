"""``--version`` and Help ▸ About name the version and the commit the app was built from."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

import desktop
from desktop import paths, version
from desktop.__main__ import main


@pytest.mark.skipif(not shutil.which("git") or not (version.CHECKOUT / ".git").exists(), reason="needs a git checkout")
def test_a_checkout_names_its_commit_and_whether_files_differ_from_it():
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=version.CHECKOUT, capture_output=True, text=True).stdout.strip()

    head = git("rev-parse", "--short", "HEAD")
    assert version.source_commit() == head + ("-dirty" if git("status", "--porcelain") else "")


def test_without_git_the_commit_is_unknown(monkeypatch, tmp_path):
    monkeypatch.setattr(version, "CHECKOUT", tmp_path)
    assert version.source_commit() == "unknown"


def test_the_packaged_app_reads_the_commit_stamped_into_it(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(paths, "resources_dir", lambda: tmp_path)
    assert version.commit() == "unknown"
    (tmp_path / version.COMMIT_FILE).write_text("1a2b3c4\n")
    assert version.version_line() == f"Review Reader {desktop.__version__} (commit 1a2b3c4)"


def test_version_flag_prints_the_version_line(monkeypatch, capsys):
    monkeypatch.setattr(version, "commit", lambda: "1a2b3c4")
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"Review Reader {desktop.__version__} (commit 1a2b3c4)\n"


def test_about_shows_the_same_line(monkeypatch):
    from desktop.ui.shell.about import about_text

    monkeypatch.setattr(version, "commit", lambda: "1a2b3c4")
    assert f"<h3>Review Reader {desktop.__version__} (commit 1a2b3c4)</h3>" in about_text()


def test_the_command_line_tool_prints_the_same_line(monkeypatch):
    from cli_helpers import run_cli

    monkeypatch.setattr(version, "commit", lambda: "1a2b3c4")
    done = run_cli("--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"Review Reader {desktop.__version__} (commit 1a2b3c4)\n", "")
