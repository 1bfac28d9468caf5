"""The lock files (`make lock`) pin, with hashes, every dependency pyproject.toml names, at a
version its range allows: a range changed or a package added without `make lock` fails here."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[3]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$")


def pins(name: str) -> dict[str, Version]:
    """The lock's pins by canonical name; every pin carries at least one hash."""
    lines = (ROOT / "requirements" / name).read_text(encoding="utf-8").splitlines()
    found: dict[str, Version] = {}
    for index, line in enumerate(lines):
        if line.startswith((" ", "#")) or not line:
            continue
        match = PIN.match(line)
        assert match, f"requirements/{name}: not a hashed pin: {line}"
        assert lines[index + 1].strip().startswith("--hash=sha256:"), line
        found[canonicalize_name(match[1])] = Version(match[2])
    return found


MAIN = [Requirement(text) for text in PYPROJECT["dependencies"]]
DEV = [Requirement(text) for text in PYPROJECT["optional-dependencies"]["dev"]]


@pytest.mark.parametrize(
    ("lock", "requirements"), [("main.txt", MAIN), ("dev.txt", MAIN + DEV)], ids=["main", "dev"]
)
def test_the_lock_pins_every_dependency_within_its_range(
    lock: str, requirements: list[Requirement]
) -> None:
    pinned = pins(lock)
    for requirement in requirements:
        version = pinned.get(canonicalize_name(requirement.name))
        assert version is not None, f"{requirement.name} is not in requirements/{lock}"
        assert requirement.specifier.contains(version, prereleases=True), (
            f"requirements/{lock} pins {requirement.name}=={version}, outside {requirement}"
        )


def test_every_runtime_pin_is_the_same_in_the_dev_lock() -> None:
    main, dev = pins("main.txt"), pins("dev.txt")
    assert {name: dev.get(name) for name in main} == main


def test_every_dependency_has_an_upper_bound_but_tzdata() -> None:
    for requirement in MAIN + DEV:
        if requirement.name == "tzdata":
            continue
        assert any(spec.operator == "<" for spec in requirement.specifier), str(requirement)
