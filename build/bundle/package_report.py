"""What each exclusion group in ReviewReader.spec saves, measured by building without it.

    .venv/bin/python build/bundle/package_report.py

Builds the app once as specified and once per group with that group kept in
(REVIEW_READER_KEEP=group), each into a temporary folder, and prints the
unpacked size of each build and the difference. Takes a few minutes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build" / "bundle" / "ReviewReader.spec"
NLTK_DATA = ROOT / "resources" / "nltk_data"


def groups() -> list[str]:
    """The group names the spec declares, plus its switches that are not lists."""
    text = SPEC.read_text()
    declared = re.findall(r'^    "([a-z0-9-]+)": \[', text, re.MULTILINE)
    return declared + ["system-libraries", "icu-data", "unlinked-libraries", "strip"]


def build(keep: str, scratch: Path) -> int:
    dist = scratch / (keep or "as-specified")
    env = {**os.environ, "NLTK_DATA": str(NLTK_DATA), "REVIEW_READER_KEEP": keep}
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                    "--distpath", str(dist), "--workpath", str(scratch / "work" / (keep or "base")), str(SPEC)],
                   check=True, env=env, cwd=ROOT)
    app = dist / "ReviewReader"
    return sum(p.lstat().st_size for p in app.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="review-reader-report-") as folder:
        scratch = Path(folder)
        base = build("", scratch)
        print(f"as specified: {base / 1e6:.1f} MB unpacked", flush=True)
        for group in groups():
            size = build(group, scratch)
            print(f"keeping {group:<24} {size / 1e6:7.1f} MB  (leaving it out saves {(size - base) / 1e6:5.1f} MB)",
                  flush=True)


if __name__ == "__main__":
    main()
