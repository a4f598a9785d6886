"""Give the demo accounts their roles. Called by the demo loader; safe to run repeatedly."""

from typing import TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from .models import MunicipalityAccess, MunicipalityPage
from .permissions.groups import sync_municipality_groups
from .permissions.roles import PROJECT_MANAGERS, TRANSLATORS

DEMO_MUNICIPALITY_SLUGS = ("harnosand", "ornskoldsvik", "soderhamn", "hylte", "stockholm")
DEMO_PUBLISHER_SLUGS = ("harnosand",)


def demo_role_assignments() -> list[tuple[str, str, str]]:
    """(username, slug or "", role) for every demo account that gets a role."""
    assignments = [("projektledare", "", PROJECT_MANAGERS), ("oversattare", "", TRANSLATORS)]
    assignments += [(f"{slug}-redaktor", slug, "editors") for slug in DEMO_MUNICIPALITY_SLUGS]
    assignments += [(f"{slug}-publicerare", slug, "publishers") for slug in DEMO_PUBLISHER_SLUGS]
    return assignments


def assign_demo_roles(stdout: TextIO | None = None) -> None:
    """Put each demo account in its group; skip (and say so) missing accounts or pages."""

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")

    sync_municipality_groups()
    users = get_user_model().objects
    default_locale = Locale.get_default()
    for username, slug, role in demo_role_assignments():
        user = users.filter(username=username).first()
        if user is None:
            say(f"roles: no user {username}, skipped")
            continue
        if not slug:
            group = Group.objects.get(name=role)
        else:
            page = MunicipalityPage.objects.filter(slug=slug, locale=default_locale).first()
            access = (
                MunicipalityAccess.objects.filter(translation_key=page.translation_key).first()
                if page is not None
                else None
            )
            group = getattr(access, role, None) if access is not None else None
            if group is None:
                say(f"roles: no municipality page {slug}, {username} skipped")
                continue
        user.groups.add(group)  # a no-op when already a member
        say(f"roles: {username} → {group.name}")
