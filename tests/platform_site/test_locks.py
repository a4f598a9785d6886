"""The two lock files agree: what production installs is what the suite ran with."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)


def pins(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / name).read_text()
    return {re.sub(r"[-_.]+", "-", m[1]).lower(): m[2] for m in PIN.finditer(text)}


def test_shared_packages_have_the_same_version() -> None:
    dev, production = pins("dev.txt"), pins("production.txt")
    assert production, "no pins read from requirements/production.txt"
    differing = {
        name: (dev[name], version)
        for name, version in production.items()
        if name in dev and dev[name] != version
    }
    assert not differing, f"dev vs production lock (run `make lock`): {differing}"


def test_every_production_package_is_in_the_dev_lock() -> None:
    """The dev extra includes every production extra, so the suite exercises their paths."""
    assert set(pins("production.txt")) <= set(pins("dev.txt"))


def test_optional_services_are_extras_not_core_dependencies() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = {re.split(r"[<>=\[ ;]", dep)[0].lower() for dep in project["dependencies"]}
    extras = project["optional-dependencies"]
    for extra, package in (
        ("redis", "redis"),
        ("elasticsearch", "elasticsearch"),
        ("opensearch", "opensearch-py"),
        ("s3", "django-storages"),
    ):
        assert package not in core, package
        assert any(dep.startswith(package) for dep in extras[extra]), extra
    assert set(pins("production.txt")) >= {"redis", "elasticsearch", "opensearch-py", "boto3"}
