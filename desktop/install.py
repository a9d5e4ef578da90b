"""``review-reader --install`` and ``--uninstall``: a menu entry for this user, from wherever the app is.

``--install`` writes, under ``$XDG_DATA_HOME`` (by default ``~/.local/share``):

- ``applications/review-reader.desktop``, whose ``Exec`` is this app's absolute path, quoted as
  the Desktop Entry Specification asks; ``MimeType=text/plain;`` offers the app in Open With for
  text files without making it their default (``mimeapps.list`` is never touched);
- the icon in ``icons/hicolor/<size>/apps``;
- ``review-reader/installed.json``, the list of what it wrote, so that ``--uninstall`` removes
  exactly that (and the folders it made, once empty).

Both then refresh the desktop database (``update-desktop-database``) and the icon cache
(``gtk-update-icon-cache``, where the icon theme folder has one) if those tools exist.

What ``Exec`` starts: the packaged app's own executable; from a checkout, the Python running
this with ``-m desktop``, in the checkout's folder (``Path=``). No Qt here.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import asdict, astuple, dataclass, field
from pathlib import Path

from desktop.atomic import replacing
from desktop.paths import APP_NAME, resources_dir

DESKTOP_FILE = f"{APP_NAME}.desktop"
ICON_NAME = APP_NAME
RECORD = Path(APP_NAME) / "installed.json"
"""The list of what --install wrote, relative to the data folder."""
DATABASE_CACHES = {"applications": "mimeinfo.cache", "icons/hicolor": "icon-theme.cache"}
"""The cache each refresh tool writes, by the folder it refreshes (relative to the data folder)."""
RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
"""Characters that make an Exec argument need quotes (Desktop Entry Specification, "The Exec key")."""


class InstallError(Exception):
    """--install or --uninstall could not finish; the message is one plain sentence."""


@dataclass
class Record:
    """What --install wrote (files, caches a refresh made) and the folders it made, relative to the data folder."""

    files: list[str] = field(default_factory=list)
    caches: list[str] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)


def merged(first: Record, second: Record) -> Record:
    """Everything either record lists, each path once."""
    return Record(*(list(dict.fromkeys(a + b)) for a, b in zip(astuple(first), astuple(second))))


def data_home() -> Path:
    """``$XDG_DATA_HOME`` when it is an absolute path, else ``~/.local/share``."""
    configured = os.environ.get("XDG_DATA_HOME", "")
    return Path(configured) if os.path.isabs(configured) else Path.home() / ".local" / "share"


def launch_command() -> tuple[list[str], Path | None]:
    """The command that starts this app, and the folder to start it in (a checkout's, else None)."""
    executable = str(Path(sys.executable).absolute())
    if getattr(sys, "frozen", False):
        return [executable], None
    return [executable, "-m", "desktop"], Path(__file__).resolve().parent.parent


def exec_argument(argument: str) -> str:
    """One argument of an Exec key: ``%`` doubled; quoted, with ``"`` ````` ``$`` ``\\`` escaped, if it needs quotes."""
    argument = argument.replace("%", "%%")
    if argument and not RESERVED.intersection(argument):
        return argument
    return '"' + re.sub(r'(["`$\\])', r"\\\1", argument) + '"'


def exec_command(command: list[str]) -> list[str]:
    """``command`` as an Exec key starts it: behind ``env`` when its program's path holds a "%" (GLib looks for
    the program before it turns "%%" back into "%", finds no such file and will not start the entry)."""
    return ["env", *command] if "%" in command[0] else command


def string_value(text: str) -> str:
    """A desktop entry string value: backslash, newline, tab and carriage return escaped."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def desktop_entry(command: list[str], folder: Path | None = None) -> str:
    """The desktop entry that starts ``command`` with the chosen files (in ``folder``, if given)."""
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Name=Review Reader",
        "GenericName=Review reader",
        "Comment=Read reviews with sentence sentiment, people and a verdict, offline",
        "Exec=" + string_value(" ".join(exec_argument(part) for part in exec_command(command)) + " %F"),
        *([f"Path={string_value(str(folder))}"] if folder else []),
        f"Icon={ICON_NAME}",
        "Terminal=false",
        "Categories=Office;Viewer;",
        "Keywords=review;sentiment;movie;film;",
        "MimeType=text/plain;",
    ]
    return "\n".join(lines) + "\n"


def icons() -> dict[str, Path]:
    """The app's icon files by their place in the hicolor theme ("48x48/apps/review-reader.png")."""
    folder = resources_dir() / "icons"
    found = {f"scalable/apps/{ICON_NAME}.svg": folder / f"{ICON_NAME}.svg"}
    for png in folder.glob(f"{ICON_NAME}-*.png"):
        size = png.stem.rsplit("-", 1)[1]
        found[f"{size}x{size}/apps/{ICON_NAME}.png"] = png
    return dict(sorted(found.items()))


def install(home: Path) -> list[str]:
    """Write the desktop entry and icons under ``home``; the sentences that say what was done."""
    before = read_record(home) or Record()
    command, folder = launch_command()
    entry = f"applications/{DESKTOP_FILE}"
    files = {entry: desktop_entry(command, folder).encode()}
    files |= {f"icons/hicolor/{place}": source.read_bytes() for place, source in icons().items()}
    done = Record()
    try:
        for relative, data in files.items():
            done.folders += make_folders(home, (home / relative).parent)
            write(home / relative, data)
            done.files.append(relative)
        said = refresh(home, done)
        done.folders += make_folders(home, (home / RECORD).parent)
        write(home / RECORD, json.dumps(asdict(merged(before, done)), indent=1).encode())
    except OSError as error:
        undo(home, done, before)
        raise InstallError(f"Review Reader could not be installed: {describe(error)}. Nothing was added.") from error
    return [
        f"Added Review Reader to your applications menu: {home / entry} starts {' '.join(command)}.",
        "It is offered in Open With for text files; the app that opens them by default is unchanged.",
        f"Installed its icon in {len(files) - 1} sizes in {home / 'icons' / 'hicolor'}.",
        *said,
        f"To remove all of this: {shlex.join([*command, '--uninstall'])}",  # for a shell, not a desktop entry
    ]


def uninstall(home: Path) -> list[str]:
    """Remove what --install wrote under ``home``; the sentences that say what was done."""
    record = read_record(home)
    if record is None:
        return [f"Review Reader is not installed in {home} (there is no {home / RECORD}); nothing to remove."]
    try:
        for relative in record.files + record.caches:
            (home / relative).unlink(missing_ok=True)
        refreshed = refresh(home, Record())
        (home / RECORD).unlink(missing_ok=True)
        remove_empty(home, record.folders)
    except OSError as error:
        raise InstallError(f"Review Reader could not be uninstalled: {describe(error)}.") from error
    said = [f"Removed the menu entry {home / path} (and with it Review Reader from Open With)."
            for path in record.files if path.startswith("applications/")]
    icon_count = sum(path.startswith("icons/") for path in record.files)
    if icon_count:
        said.append(f"Removed its icon in {icon_count} sizes from {home / 'icons' / 'hicolor'}.")
    said += refreshed
    if getattr(sys, "frozen", False):
        said.append(f"The app itself is untouched in {Path(sys.executable).parent}; delete that folder to remove it.")
    return said


def read_record(home: Path) -> Record | None:
    """The record of an earlier --install, or None; a damaged one, or one naming paths outside ``home``, is refused."""
    path = home / RECORD
    try:
        fields = json.loads(path.read_text(encoding="utf-8"))
        record = Record(**{name: [str(item) for item in fields.get(name, [])] for name in ("files", "caches", "folders")})
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise InstallError(f"The install record could not be read: {describe(error)}.") from error
    except (ValueError, TypeError, AttributeError) as error:
        raise InstallError(f"The install record {path} is damaged ({error}); nothing was changed.") from error
    for item in record.files + record.caches + record.folders:
        if os.path.isabs(item) or ".." in Path(item).parts:
            raise InstallError(f"The install record {path} names {item}, outside {home}; nothing was changed.")
    return record


def make_folders(home: Path, folder: Path) -> list[str]:
    """Make ``folder`` and its missing parents; those it made inside ``home`` (or ``home``, as "."), deepest first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir()
    return [made.relative_to(home).as_posix() for made in missing if made.is_relative_to(home)]


def write(path: Path, data: bytes) -> None:
    with replacing(path) as temporary:
        temporary.write_bytes(data)


def refresh(home: Path, made: Record) -> list[str]:
    """Run the refresh tools that exist on the folders that need it; note in ``made`` the caches they created."""
    tools = {"applications": ["update-desktop-database", "-q"], "icons/hicolor": ["gtk-update-icon-cache", "-q", "-f"]}
    said = []
    for relative, command in tools.items():
        folder, cache = home / relative, DATABASE_CACHES[relative]
        themed = relative == "applications" or (folder / "index.theme").exists()  # no index: no cache to keep
        if not (folder.is_dir() and any(folder.iterdir()) and themed and shutil.which(command[0])):
            continue
        existed = (folder / cache).exists()
        try:
            refreshed = subprocess.run([*command, str(folder)], capture_output=True, timeout=60).returncode == 0
        except (OSError, subprocess.SubprocessError):
            refreshed = False  # a broken tool only costs a stale cache
        if refreshed:
            said.append(f"Refreshed the {'desktop database' if relative == 'applications' else 'icon cache'} "
                        f"({command[0]}).")
        if not existed and (folder / cache).exists():
            made.caches.append(f"{relative}/{cache}")
    return said


def undo(home: Path, done: Record, before: Record) -> None:
    """Remove what a failed --install wrote that an earlier one had not."""
    for relative in done.files + done.caches:
        if relative not in before.files + before.caches:
            (home / relative).unlink(missing_ok=True)
    remove_empty(home, done.folders)


def remove_empty(home: Path, folders: list[str]) -> None:
    """Remove these folders (relative to ``home``) that are empty, deepest first."""
    for relative in sorted(folders, key=lambda path: len(Path(path).parts), reverse=True):
        try:
            (home / relative).rmdir()
        except OSError:
            pass  # not empty (someone else's files) or already gone: it stays


def describe(error: OSError) -> str:
    """"/path: Permission denied" from an OSError."""
    return f"{error.filename}: {error.strerror}" if error.filename and error.strerror else str(error)


def main(remove: bool = False) -> int:
    """Install (or with ``remove``, uninstall) for this user, saying what was done; 0, or 1 with one line on stderr."""
    try:
        sentences = (uninstall if remove else install)(data_home())
    except InstallError as error:
        print(f"review-reader: {error}", file=sys.stderr)
        return 1
    print("\n".join(sentences))
    return 0
