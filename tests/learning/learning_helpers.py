"""Helpers shared by the learning tests (plain functions: tests/learning has no conftest)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupPagePermission, Page

from tests import factories

TEST_CSV = Path(__file__).parent / "data" / "municipalities_small.csv"
# The reference list of all 290 municipalities, outside the repository (never copied in).
# The official list of 290 municipalities as shipped with the project (municipalities/data/).
SHARED_CSV = Path(__file__).resolve().parents[2] / "municipalities" / "data" / "municipalities.csv"


def page_permission(codename: str) -> Permission:
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(Page), codename=codename
    )


def municipality_editor(
    municipality: Page,
    username: str,
    *,
    publish: bool = False,
    email: str | None = None,
):
    """A user in a group with add/change (and optionally publish) on one municipality page.

    Built directly with Wagtail's models so that these tests do not depend on how the roles
    app names or syncs its groups.
    """
    group, _created = Group.objects.get_or_create(
        name=f"{municipality.title} – test {'publicerare' if publish else 'redaktörer'}"
    )
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    codenames = ["add_page", "change_page"] + (["publish_page"] if publish else [])
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=municipality, permission=page_permission(codename)
        )
    user = get_user_model().objects.create_user(
        username=username,
        email=email if email is not None else f"{username}@kommun.example",
        password="pw",  # noqa: S106
    )
    user.groups.add(group)
    return user


def project_manager(root: Page, username: str = "pm"):
    group, _created = Group.objects.get_or_create(name="Test project managers")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=page_permission(codename)
        )
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@region.example",
        password="pw",  # noqa: S106
    )
    user.groups.add(group)
    return user


def second_municipality(site_tree: dict, **fields) -> Page:
    defaults = {"title": "Falkenberg", "slug": "falkenberg", "code": "1382", "county": "13"}
    defaults.update(fields)
    return factories.MunicipalityPageFactory(parent=site_tree["municipality_index_sv"], **defaults)


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page
