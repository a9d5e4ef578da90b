#!/usr/bin/env python3
"""Developer tasks for Review Reader, standard library only.

    python3 build/tasks.py setup     create or reuse .venv, install from build/requirements.lock, provision NLTK data
    python3 build/tasks.py lock      pin every dependency, with hashes, in build/requirements.lock (--upgrade: newest)
    python3 build/tasks.py run       setup, then open the app on the sample review
    python3 build/tasks.py test      setup, ruff, mypy, then the whole test suite (--quick: all but the slow tests,
                                     and a fifth of the property tests' examples)
    python3 build/tasks.py bench [engine|batch|window|library|soak|large|collection|hostile|search|crash|cluster|memory]   setup, then run one benchmark
    python3 build/tasks.py eval people|verdict|language   setup, then measure the person finder, verdict or language check
    python3 build/tasks.py train-verdict   setup, then retrain resources/models/verdict.tsv (needs ../shared)
    python3 build/tasks.py train-people    setup, then retrain resources/models/people.tsv (needs ../shared)
    python3 build/tasks.py train-tone      setup, then retrain resources/models/tone.tsv (needs ../shared)
    python3 build/tasks.py sample-people   print the seeded draw of the people development set (needs ../shared)
    python3 build/tasks.py package   setup, then build dist/ReviewReader, its archive, the .deb and SHA256SUMS

Every step is idempotent and says what it does.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from desktop.version import source_commit  # noqa: E402  (standard library only, as this file is)

VENV = ROOT / ".venv"
NLTK_DATA = ROOT / "resources" / "nltk_data"
SHARED_MIRROR = ROOT.parent / "shared" / "nltk_data"
SAMPLE = ROOT / "resources" / "samples" / "sample_review.txt"
EXTRAS = ("test", "package", "parquet", "cluster")
LOCK = ROOT / "build" / "requirements.lock"
LOCK_TOOL = "uv==0.13.9"
LOCK_COMMAND = "python3 build/tasks.py lock"


def nltk_packages() -> dict[str, tuple[str, str]]:
    """NLTK package id -> (folder to copy, relative to the data root; file that proves it is there),
    from resources/nltk_packages.txt, the list the engine checks."""
    lines = (ROOT / "resources" / "nltk_packages.txt").read_text(encoding="utf-8").splitlines()
    return {fields[0]: (fields[1], fields[2])
            for fields in (line.split("\t") for line in lines if line and not line.startswith("#"))}


def step(message: str) -> None:
    print(f"==> {message}", flush=True)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> None:
    if venv_python().exists():
        step(f"Reusing the virtual environment {VENV.relative_to(ROOT)}")
        return
    step(f"Creating the virtual environment {VENV.relative_to(ROOT)}")
    venv.EnvBuilder(with_pip=True).create(VENV)


def ensure_installed() -> None:
    """Install exactly the locked, hash-checked dependencies, then the project itself (editable)."""
    stamp = VENV / ".review-reader-installed"
    digest = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text().strip() == digest:
        step("Dependencies already installed in .venv (build/requirements.lock unchanged)")
        return
    step("Installing the locked dependencies into .venv (build/requirements.lock, hashes checked)")
    pip = [venv_python(), "-m", "pip", "--disable-pip-version-check"]
    run([*pip, "install", "-q", "--require-hashes", "--no-deps", "-r", LOCK])
    step("Installing the project into .venv (editable, from the locked dependencies)")
    run([*pip, "install", "-q", "--no-deps", "--no-build-isolation", "-e", "."])
    run([*pip, "check"], stdout=subprocess.DEVNULL)
    stamp.write_text(digest)


def provision_nltk_data() -> None:
    """Fill resources/nltk_data: present copy, then $REVIEW_READER_NLTK_MIRROR, ../shared, nltk.download."""
    mirrors = [Path(p) for p in (os.environ.get("REVIEW_READER_NLTK_MIRROR"), SHARED_MIRROR) if p]
    remove_unlisted_nltk_data({folder.split("/")[1] for folder, _proof in nltk_packages().values()})
    for package, (folder, proof) in nltk_packages().items():
        if (NLTK_DATA / proof).exists():
            step(f"NLTK {package}: already in resources/nltk_data")
            continue
        source = next((m for m in mirrors if (m / proof).exists()), None)
        if source is not None:
            step(f"NLTK {package}: copying from {source}")
            shutil.copytree(source / folder, NLTK_DATA / folder, dirs_exist_ok=True)
        else:
            step(f"NLTK {package}: no offline mirror has it; downloading with nltk.download")
            download(package)
        if not (NLTK_DATA / proof).exists():
            sys.exit(f"error: NLTK package {package} could not be provisioned into {NLTK_DATA}")


def remove_unlisted_nltk_data(listed: set[str]) -> None:
    """Delete the packages resources/nltk_data holds that resources/nltk_packages.txt no longer lists
    (the bundle ships the whole folder)."""
    for package in NLTK_DATA.glob("*/*"):
        if package.is_dir() and package.name not in listed:
            step(f"NLTK {package.name}: no longer needed, removing it from resources/nltk_data")
            shutil.rmtree(package)
    for category in NLTK_DATA.glob("*"):
        if category.is_dir() and not any(category.iterdir()):
            category.rmdir()


def download(package: str) -> None:
    code = (
        "import sys, nltk; "
        "sys.exit(0 if nltk.download(sys.argv[1], download_dir=sys.argv[2], quiet=True) else 1)"
    )
    done = subprocess.run([str(venv_python()), "-c", code, package, str(NLTK_DATA)], cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"error: nltk.download('{package}') failed. Without internet, point "
                 "$REVIEW_READER_NLTK_MIRROR at an offline copy of the NLTK data (or put it in ../shared/nltk_data).")
    for archive in NLTK_DATA.glob("*/*.zip"):
        archive.unlink()
    punkt = NLTK_DATA / "tokenizers" / "punkt_tab"
    for language in punkt.iterdir() if punkt.exists() else ():
        if language.is_dir() and language.name != "english":
            shutil.rmtree(language)


def run(command: list, **kwargs) -> None:
    result = subprocess.run([str(part) for part in command], cwd=ROOT, **kwargs)
    if result.returncode != 0:
        sys.exit(result.returncode)


def setup() -> None:
    ensure_venv()
    ensure_installed()
    provision_nltk_data()


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in TASKS:
        sys.exit(__doc__)
    TASKS[argv[0]](argv[1:])


def task_setup(_args: list[str]) -> None:
    setup()


def task_lock(args: list[str]) -> None:
    """Resolve pyproject's ranges (extras and build backend included) into the hashed lock."""
    ensure_venv()
    step(f"Installing the lock tool ({LOCK_TOOL}) into .venv")
    run([venv_python(), "-m", "pip", "install", "-q", "--disable-pip-version-check", LOCK_TOOL])
    build_backend = "\n".join(tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"])
    step(f"Writing {LOCK.relative_to(ROOT)}" + (" with the newest versions" if "--upgrade" in args else ""))
    uv = venv_python().parent / "uv"
    command = [uv, "pip", "compile", "pyproject.toml", "-", *(f"--extra={extra}" for extra in EXTRAS),
               "--universal", "--python-version=3.11", "--generate-hashes", "--quiet",
               f"--custom-compile-command={LOCK_COMMAND}", f"--output-file={LOCK.relative_to(ROOT)}"]
    run([*command, *(["--upgrade"] if "--upgrade" in args else [])], input=build_backend.encode())


def task_run(args: list[str]) -> None:
    setup()
    files = args or [SAMPLE]
    step(f"Opening Review Reader on {', '.join(str(f) for f in files)}")
    run([venv_python(), "-m", "desktop", *files])


def task_test(args: list[str]) -> None:
    setup()
    step("Linting with ruff (pyproject.toml's [tool.ruff])")
    run([venv_python(), "-m", "ruff", "check", "desktop", "build", "tests"])
    step("Type-checking desktop/ with mypy (pyproject.toml's [tool.mypy])")
    run([venv_python(), "-m", "mypy"])
    if "--quick" in args:
        # one worker process a core (at most 4: each loads the models): the quick run is for fast feedback
        args = ["-m", "not slow", "-n", "auto", "--maxprocesses", "4", *(arg for arg in args if arg != "--quick")]
        os.environ["REVIEW_READER_QUICK_RUN"] = "1"  # property tests try a fifth of their examples
        step("Running the test suite without the slow tests (packaging, soak, huge reviews, full retrains)")
    else:
        step("Running the test suite")
    run([venv_python(), "-m", "pytest", *args])


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


ARCHIVE_README = """Review Reader {version} (commit {commit})
An offline reader for movie reviews: every sentence tinted by its sentiment, the people
named, and a verdict that explains itself. Nothing is downloaded.

Start it: unpack this folder anywhere, then double-click ReviewReader, or run
    ./ReviewReader                 (or ./ReviewReader FILE... or ./ReviewReader FOLDER)

Put it in your applications menu, and in Open With for text files:
    ./ReviewReader --install       (writes a menu entry and icons under ~/.local/share)
    ./ReviewReader --uninstall     (removes exactly those again)
If you move this folder, run --install again from its new place.

Check it:  ./ReviewReader --self-test      Version:  ./ReviewReader --version

It needs a Linux desktop with X11 (on Wayland it runs through XWayland) and the libraries
every such desktop has: fontconfig, FreeType, GLib, D-Bus, X11/xcb, EGL/GL and a font such
as DejaVu (on Debian or Ubuntu: the .deb of this release installs them for you).
"""
"""The README.txt at the top of the archive."""


def package_inputs_digest() -> str:
    """A hash of everything a build depends on: sources, resources, build files, and the commit stamped in."""
    digest = hashlib.sha256(source_commit().encode())
    for folder in ("desktop", "resources", "build"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and "screenshots" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    digest.update((ROOT / "pyproject.toml").read_bytes())
    return digest.hexdigest()


def build_package() -> Path:
    """Build dist/ReviewReader (one folder) and its versioned archive, one build at a time."""
    import fcntl

    (ROOT / "dist").mkdir(exist_ok=True)
    with open(ROOT / "dist" / ".package.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build_package()


def _build_package() -> Path:
    """Build dist/ReviewReader, its archive, the .deb and SHA256SUMS; skip if nothing changed since the last build."""
    dist = ROOT / "dist"
    app = dist / "ReviewReader"
    archive = dist / f"ReviewReader-{version()}-linux-x86_64.tar.gz"
    deb = dist / f"review-reader_{version()}_amd64.deb"
    sums = dist / "SHA256SUMS"
    stamp = dist / ".package-inputs"
    digest = package_inputs_digest()
    built = (archive, deb, sums, stamp)
    if app.is_dir() and all(path.exists() for path in built) and stamp.read_text() == digest:
        step(f"{archive.relative_to(ROOT)} and {deb.name} are up to date")
        return archive
    for path in built:
        path.unlink(missing_ok=True)
    work = Path(tempfile.gettempdir()) / "review-reader-pyinstaller"
    step(f"Building {app.relative_to(ROOT)} with PyInstaller (work files in {work})")
    env = {**os.environ, "NLTK_DATA": str(NLTK_DATA)}
    run([venv_python(), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", dist, "--workpath", work, ROOT / "build" / "bundle" / "ReviewReader.spec"], env=env)
    remove_dangling_links(app)
    drop_outside_search_paths(app)
    check_bundle(app / "_internal")
    step("Adding README.txt")
    (app / "README.txt").write_text(ARCHIVE_README.format(version=version(), commit=source_commit()))
    step(f"Writing {archive.relative_to(ROOT)}")
    with tarfile.open(archive, "w:gz", compresslevel=9) as tar:
        tar.add(app, arcname=app.name)
    step(f"Building {deb.relative_to(ROOT)} (build/bundle/debian.py)")
    run([venv_python(), ROOT / "build" / "bundle" / "debian.py"])
    step(f"Writing {sums.relative_to(ROOT)}")
    sums.write_text("".join(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n" for path in (archive, deb)))
    stamp.write_text(digest)
    return archive


def remove_dangling_links(app: Path) -> None:
    """PyInstaller links each Qt library beside libpython, also those the spec left out: remove those links."""
    for link in [path for path in app.rglob("*") if path.is_symlink() and not path.exists()]:
        link.unlink()


def drop_outside_search_paths(app: Path) -> None:
    """Python's own libraries keep the library search path (RUNPATH) of the Python they were built with,
    such as pyenv's folder on the build machine: drop every search path that is not inside the bundle."""
    for path in app.rglob("*.so*"):
        if path.is_file() and not path.is_symlink():
            data = bytearray(path.read_bytes())
            if data[:5] == b"\x7fELF\x02" and drop_search_paths(data):
                path.write_bytes(data)


PT_LOAD, PT_DYNAMIC, DT_NULL, DT_STRTAB, DT_RPATH, DT_RUNPATH = 1, 2, 0, 5, 15, 29


def drop_search_paths(elf: bytearray) -> bool:
    """Remove the DT_RPATH and DT_RUNPATH entries that do not start at $ORIGIN from a 64-bit little-endian
    ELF file; True if it had any."""
    table, count = struct.unpack_from("<Q", elf, 0x20)[0], struct.unpack_from("<H", elf, 0x38)[0]
    # Each program header: type, flags, offset in the file, address, physical address, size in the file.
    segments = [struct.unpack_from("<IIQQQQ", elf, table + 56 * i) for i in range(count)]
    dynamic = [(offset, size) for kind, _flags, offset, _address, _physical, size in segments if kind == PT_DYNAMIC]
    if not dynamic:
        return False
    start, size = dynamic[0]
    entries = [struct.unpack_from("<qQ", elf, start + at) for at in range(0, size, 16)]
    address = next(value for tag, value in entries if tag == DT_STRTAB)
    strings = next(address - base + offset for kind, _flags, offset, base, _physical, length in segments
                   if kind == PT_LOAD and base <= address < base + length)
    kept = [(tag, value) for tag, value in entries
            if tag not in (DT_RPATH, DT_RUNPATH) or elf[strings + value:].startswith(b"$ORIGIN")]
    for i, entry in enumerate(kept + [(DT_NULL, 0)] * (len(entries) - len(kept))):
        struct.pack_into("<qQ", elf, start + 16 * i, *entry)
    return len(kept) < len(entries)


def check_bundle(internal: Path) -> None:
    """The bundle holds exactly our NLTK packages and TextBlob's data files."""
    step("Checking what went into the bundle")
    bundled = internal / "resources" / "nltk_data"
    shipped = files_below(bundled)
    if shipped != files_below(NLTK_DATA):
        sys.exit(f"error: the bundle's nltk_data differs from {NLTK_DATA}")
    folders = tuple(folder + "/" for folder, _proof in nltk_packages().values())
    extra = sorted(path for path in shipped if not path.startswith(folders))
    if extra:
        sys.exit(f"error: files outside the required NLTK packages were bundled: {extra[:5]}")
    stray = [p for p in internal.rglob("nltk_data") if p != bundled]
    if stray:
        sys.exit(f"error: stray NLTK data folders in the bundle: {stray}")
    lexicon = internal / "textblob" / "en" / "en-sentiment.xml"
    if not lexicon.exists():
        sys.exit("error: TextBlob's en-sentiment.xml is missing from the bundle")
    models = sorted(path.name for path in (ROOT / "resources" / "models").glob("*"))
    if sorted(path.name for path in (internal / "resources" / "models").glob("*")) != models:
        sys.exit(f"error: the bundle's resources/models differs from {ROOT / 'resources' / 'models'}")
    print(f"    nltk_data: {len(shipped)} files in {', '.join(nltk_packages())}; TextBlob lexicon and {', '.join(models)} present")


def files_below(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def task_package(_args: list[str]) -> None:
    setup()
    archive = build_package()
    app = ROOT / "dist" / "ReviewReader"
    size = sum(p.lstat().st_size for p in app.rglob("*") if p.is_file() and not p.is_symlink())
    deb = archive.parent / f"review-reader_{version()}_amd64.deb"
    step(f"Unpacked {size / 1e6:.1f} MB; archive {archive.stat().st_size / 1e6:.1f} MB: {archive}; "
         f".deb {deb.stat().st_size / 1e6:.1f} MB: {deb}")


BENCHMARKS = {"engine": "bench.py", "batch": "bench_batch.py", "window": "bench_window.py",
              "library": "bench_library.py", "soak": "bench_soak.py", "large": "bench_large.py",
              "collection": "bench_tables.py", "hostile": "bench_hostile.py",
              "search": "bench_search.py", "crash": "bench_crash.py", "cluster": "bench_cluster.py",
              "memory": "bench_memory.py"}
EVALUATIONS = {"people": "eval_people.py", "verdict": "eval_verdict.py", "language": "eval_language.py"}


def task_bench(args: list[str]) -> None:
    """``bench [engine|batch|window|library|soak|large|collection|hostile|search|crash|cluster|memory] [options]``: one benchmark (engine by default)."""
    name = args[0] if args and args[0] in BENCHMARKS else "engine"
    options = args[1:] if args and args[0] in BENCHMARKS else args
    setup()
    step(f"Running the {name} benchmark (build/bench/{BENCHMARKS[name]})")
    environment = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    run([venv_python(), ROOT / "build" / "bench" / BENCHMARKS[name], *options], env=environment)


def task_eval(args: list[str]) -> None:
    """``eval people|verdict|language [options]``: measure the person finder, the verdict or the language
    check (needs ../shared)."""
    if not args or args[0] not in EVALUATIONS:
        sys.exit("usage: python3 build/tasks.py eval people|verdict|language [options]")
    setup()
    step(f"Measuring the {args[0]} (build/eval/{EVALUATIONS[args[0]]})")
    run([venv_python(), ROOT / "build" / "eval" / EVALUATIONS[args[0]], *args[1:]])


def task_train_verdict(args: list[str]) -> None:
    setup()
    step("Training the verdict model from ../shared/reviews/aclImdb_train (5-fold cross-validation first)")
    run([venv_python(), ROOT / "build" / "train" / "train_verdict.py", *args])


def task_train_people(args: list[str]) -> None:
    setup()
    step("Training the person tagger from CoNLL-2003 eng.train and tests/data/people_tune.json")
    run([venv_python(), ROOT / "build" / "train" / "train_people.py", *args])


def task_train_tone(args: list[str]) -> None:
    setup()
    step("Training the tone model from tests/data/tone_tune.json and tone_learn.json (5-fold cross-validation first)")
    run([venv_python(), ROOT / "build" / "train" / "train_tone.py", *args])


def task_sample_people(args: list[str]) -> None:
    run([sys.executable, ROOT / "build" / "train" / "sample_people.py", *args])


TASKS = {
    "setup": task_setup, "lock": task_lock, "train-verdict": task_train_verdict,
    "train-people": task_train_people, "train-tone": task_train_tone, "sample-people": task_sample_people, "run": task_run,
    "test": task_test, "bench": task_bench, "eval": task_eval, "package": task_package,
}

if __name__ == "__main__":
    main(sys.argv[1:])
