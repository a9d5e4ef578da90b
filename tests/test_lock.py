"""The dependency lock: every range pyproject declares is pinned, hashed, and installed as pinned."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+)(?:\s*;\s*(?P<marker>[^\\]+?))?\s*\\?$")


def locked() -> list[tuple[str, str, Marker | None, int]]:
    """(name, version, marker, number of hashes) for each pin in build/requirements.lock."""
    pins = []
    for line in (ROOT / "build" / "requirements.lock").read_text().splitlines():
        match = PIN.match(line)
        if match:
            marker = Marker(match["marker"]) if match["marker"] else None
            pins.append([canonicalize_name(match["name"]), match["version"], marker, 0])
        elif line.strip().startswith("--hash=sha256:"):
            pins[-1][3] += 1
    return [tuple(pin) for pin in pins]


def declared() -> list[Requirement]:
    """Every requirement pyproject.toml names: dependencies, extras and the build backend."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    names = [*project["project"]["dependencies"], *project["build-system"]["requires"]]
    for extra in project["project"]["optional-dependencies"].values():
        names.extend(extra)
    return [Requirement(name) for name in names]


def test_every_pin_is_exact_and_hashed():
    pins = locked()
    assert len(pins) > 20
    assert all(hashes >= 1 for _name, _version, _marker, hashes in pins)


def test_every_declared_range_is_pinned_within_it():
    pins = {}
    for name, version, marker, _hashes in locked():
        if marker is None or marker.evaluate():
            pins[name] = version
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is declared in pyproject.toml but not locked"
        assert requirement.specifier.contains(pins[name], prereleases=True), (name, pins[name])


def test_the_environment_holds_exactly_the_locked_versions():
    for name, version, marker, _hashes in locked():
        if marker is None or marker.evaluate():
            assert metadata.version(name) == version, f"{name} {metadata.version(name)} is installed; the lock says {version}"
