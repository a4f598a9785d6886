"""Guards of core/wagtail_patches/, the one module that patches Wagtail or uses its privates.

Each upstream function we patch or call privately is fingerprinted: an upgrade that changes
one fails here, naming it, so that someone reads the new code before the upgrade ships. Two
walks over the project's source make sure nothing else patches or reaches into upstream code.
"""

from __future__ import annotations

import ast
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from core import wagtail_patches

ROOT = Path(settings.BASE_DIR)
UPSTREAM = ("wagtail", "django", "modelsearch", "wagtail_localize", "modelcluster", "taggit")
# Django documents these despite the underscore.
DOCUMENTED_PRIVATES = {"_meta", "_default_manager", "_base_manager"}
PATCHES = ROOT / "core" / "wagtail_patches"


def project_files() -> list[Path]:
    """Every Python file of the project's apps (migrations aside) and of the project package."""
    packages = {Path(config.path) for config in apps.get_app_configs()}
    packages = {path for path in packages if path.parent == ROOT}
    packages.add(ROOT / "platform_site")
    return sorted(
        path
        for package in packages
        for path in package.rglob("*.py")
        if "migrations" not in path.parts and PATCHES not in path.parents
    )


@pytest.mark.parametrize(
    "dependency", wagtail_patches.DEPENDENCIES, ids=lambda dependency: dependency.target
)
def test_upstream_code_is_what_we_read(dependency: wagtail_patches.Dependency) -> None:
    assert wagtail_patches.fingerprint(dependency.target) == dependency.fingerprint, (
        f"{dependency.target} changed upstream. Read it again against its use in "
        f"core/wagtail_patches/ (it can go once there is {dependency.drop_when}), then "
        "update the fingerprint (python -m core.wagtail_patches)."
    )


@pytest.mark.parametrize(
    "dependency",
    [dependency for dependency in wagtail_patches.DEPENDENCIES if dependency.patch],
    ids=lambda dependency: dependency.target,
)
def test_patches_are_in_place(dependency: wagtail_patches.Dependency) -> None:
    module_name, class_name, attribute = dependency.target.rsplit(".", 2)
    owner = getattr(import_module(module_name), class_name)
    assert getattr(owner, attribute).__module__ == "core.wagtail_patches.views"


def test_the_walks_see_every_app() -> None:
    files = project_files()
    assert {path.relative_to(ROOT).parts[0] for path in files} >= {
        "core", "municipalities", "practices", "search", "learning", "validation",
        "outreach", "opendata", "demo", "platform_site",
    }  # fmt: skip


def test_no_upstream_private_name_is_used_outside_the_patches_module() -> None:
    files = project_files()
    trees = {path: ast.parse(path.read_text(), str(path)) for path in files}
    ours: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                ours.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                ours.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                ours.add(node.id)
            elif isinstance(node, ast.arg):
                ours.add(node.arg)
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno} .{node.attr}"
        for path, tree in trees.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and node.attr not in ours | DOCUMENTED_PRIVATES
    ]
    assert not found, "call these through core/wagtail_patches/:\n" + "\n".join(found)


def test_nothing_else_assigns_to_upstream_code() -> None:
    """No `SomeWagtailClass.method = ...` outside the patches module."""
    found = []
    for path in project_files():
        tree = ast.parse(path.read_text(), str(path))
        upstream_names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in UPSTREAM:
                upstream_names |= {alias.asname or alias.name for alias in node.names}
            elif isinstance(node, ast.Import):
                upstream_names |= {
                    (alias.asname or alias.name).split(".")[0]
                    for alias in node.names
                    if alias.name.split(".")[0] in UPSTREAM
                }
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets = [node.target]
            for target in targets:
                base = target
                while isinstance(base, ast.Attribute):
                    base = base.value
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(base, ast.Name)
                    and base.id in upstream_names
                ):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "setattr"
                and node.args
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id in upstream_names
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} setattr")
    assert not found, "patch upstream code only in core/wagtail_patches/:\n" + "\n".join(found)


@pytest.mark.django_db
def test_on_fetch_survives_chaining_and_calls_back_once() -> None:
    from django.contrib.auth.models import Group

    seen: list[list] = []
    queryset = wagtail_patches.on_fetch(Group.objects.all(), seen.append)
    chained = queryset.filter(pk__gt=0).order_by("pk")
    assert type(chained).__name__.startswith("OnFetch")
    assert chained._fetch_callback == seen.append
    rows = list(chained)
    list(chained)  # the result cache: no second call
    assert seen == [rows]


def test_replace_registered_hook_keeps_the_order() -> None:
    from wagtail import hooks

    def first(*args):
        return None

    def second(*args):
        return None

    def replacement(*args):
        return None

    name = "test_replace_registered_hook"
    hooks.register(name, first, order=1)
    hooks.register(name, second, order=2)
    try:
        wagtail_patches.replace_registered_hook(name, first, replacement)
        wagtail_patches.replace_registered_hook(name, first, replacement)  # idempotent
        assert hooks.get_hooks(name) == [replacement, second]
    finally:
        hooks._hooks.pop(name, None)
