"""Build dist/review-reader_VERSION_amd64.deb from the one-folder app in dist/ReviewReader.

    .venv/bin/python build/bundle/debian.py      (python3 build/tasks.py package runs it)

The app goes to /opt/review-reader with a /usr/bin/review-reader link, its desktop entry to
/usr/share/applications and its icons to /usr/share/icons/hicolor; build/bundle/debian/ holds the
copyright, changelog, manual page and lintian overrides (what lintian reports of a bundled app
by design, each with its reason). Depends lists the packages that provide the shared
libraries the bundle links against but does not ship (readelf, then ldconfig and dpkg-query on
this machine, as dpkg-shlibdeps would), and the data the bundled libraries read at run time.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from desktop.install import DESKTOP_FILE, desktop_entry, icons  # noqa: E402

PACKAGE = "review-reader"
APP = ROOT / "dist" / "ReviewReader"
DEBIAN = ROOT / "build" / "bundle" / "debian"
INSTALLED = Path("opt") / PACKAGE
RUN_TIME_DATA = ("fonts-dejavu-core", "xkb-data")
"""What the bundle reads without linking it: the fonts the window and the PDF report use (DejaVu),
and the keyboard layouts for the bundled libxkbcommon."""
NOT_IN_DEB = ("README.txt",)
"""Files of the unpacked folder that are about the archive only."""


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def is_elf(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def needed(path: Path) -> list[str]:
    """The sonames an ELF file links against."""
    dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)


def system_sonames(app: Path) -> set[str]:
    """The sonames the bundle's ELF files link against that the bundle does not ship."""
    files = [path for path in app.rglob("*") if path.is_file() and not path.is_symlink()]
    shipped = {path.name for path in app.rglob("*")}
    return {soname for path in files if is_elf(path) for soname in needed(path)} - shipped


def owner(soname: str) -> str:
    """The installed package that provides ``soname`` (for x86-64), found with ldconfig and dpkg-query."""
    cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    found = re.search(rf"^\s+{re.escape(soname)} \(libc6,x86-64[^)]*\) => (\S+)$", cache, re.MULTILINE)
    if not found:
        sys.exit(f"error: the bundle links against {soname}, which no installed library provides; "
                 "install the package that has it and build again")
    path = found.group(1)
    for candidate in dict.fromkeys([path, os.path.realpath(path), "/usr" + path, path.removeprefix("/usr")]):
        query = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
        if query.returncode == 0:
            return query.stdout.split(":", 1)[0].split(",")[0].strip()
    sys.exit(f"error: no installed package owns {path} ({soname})")


def depends(app: Path) -> list[str]:
    return sorted({owner(soname) for soname in system_sonames(app)} | set(RUN_TIME_DATA))


def control(size_kib: int, dependencies: list[str]) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version()}\n"
        "Architecture: amd64\n"
        f"Maintainer: {maintainer()}\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {', '.join(dependencies)}\n"
        "Section: text\n"
        "Priority: optional\n"
        "Description: offline reader for movie reviews, with sentiment and people\n"
        " Review Reader opens review files (or folders of them) and shows each\n"
        " sentence tinted by its sentiment, the people the review names, and an\n"
        " overall verdict that explains itself. Nothing is downloaded: the\n"
        " language models ship inside the app, which is self-contained in\n"
        " /opt/review-reader.\n"
    )


def maintainer() -> str:
    """The maintainer named in the newest build/bundle/debian/changelog entry."""
    return re.search(r"^ -- (.+?)  ", (DEBIAN / "changelog").read_text(), re.MULTILINE).group(1)


def check_changelog() -> None:
    top = (DEBIAN / "changelog").read_text().splitlines()[0]
    if not top.startswith(f"{PACKAGE} ({version()})"):
        sys.exit(f"error: build/bundle/debian/changelog starts with {top!r}; add an entry for {version()} first")


def gzipped(source: Path, target: Path) -> None:
    """gzip -9n: no name or time stamp inside, so the same input gives the same bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(filename="", mode="wb", fileobj=target.open("wb"), compresslevel=9, mtime=0) as out:
        out.write(source.read_bytes())


def stage(root: Path) -> None:
    """Lay out the package's files under ``root``."""
    app = root / INSTALLED
    shutil.copytree(APP, app, symlinks=True, ignore=lambda folder, names: [n for n in names if n in NOT_IN_DEB])
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / PACKAGE).symlink_to(f"/{INSTALLED}/ReviewReader")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    (share / "applications" / DESKTOP_FILE).write_text(desktop_entry([PACKAGE]))
    for place, source in icons().items():
        (share / "icons" / "hicolor" / place).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, share / "icons" / "hicolor" / place)
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    shutil.copyfile(DEBIAN / "copyright", doc / "copyright")
    gzipped(DEBIAN / "changelog", doc / "changelog.gz")
    gzipped(DEBIAN / f"{PACKAGE}.1", share / "man" / "man1" / f"{PACKAGE}.1.gz")
    (share / "lintian" / "overrides").mkdir(parents=True)
    shutil.copyfile(DEBIAN / "lintian-overrides", share / "lintian" / "overrides" / PACKAGE)
    for path in root.rglob("*"):
        if not path.is_symlink():
            executable = path.is_dir() or path == app / "ReviewReader"
            path.chmod(0o755 if executable else 0o644)


def md5sums(root: Path) -> str:
    """DEBIAN/md5sums: what ``dpkg --verify`` checks the installed files against."""
    files = sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink() and "DEBIAN" not in p.parts)
    return "".join(f"{hashlib.md5(p.read_bytes()).hexdigest()}  {p.relative_to(root).as_posix()}\n" for p in files)


def build(target_folder: Path) -> Path:
    """Build the .deb into ``target_folder``; its path."""
    check_changelog()
    deb = target_folder / f"{PACKAGE}_{version()}_amd64.deb"
    with tempfile.TemporaryDirectory(prefix="review-reader-deb-") as folder:
        root = Path(folder) / "root"
        stage(root)
        size = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir())
        (root / "DEBIAN").mkdir()
        (root / "DEBIAN" / "control").write_text(control((size + 1023) // 1024, depends(APP)))
        (root / "DEBIAN" / "md5sums").write_text(md5sums(root))
        subprocess.run(["dpkg-deb", "--build", "--root-owner-group", "-Zxz", str(root), str(deb)], check=True,
                       stdout=subprocess.DEVNULL)
    return deb


if __name__ == "__main__":
    print(f"    {build(ROOT / 'dist').relative_to(ROOT)}")
