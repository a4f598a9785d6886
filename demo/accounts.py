"""Demo user accounts with a shared, well-known password: for development machines only.

Roles and group memberships are added by the permissions work; here the accounts only get
names and e-mail addresses so that they look real in the admin and in review workflows.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError

from .base import DemoContext
from .municipalities import CONTACTS, DEMO_MUNICIPALITY_SLUGS

# username: (first name, last name, e-mail). The people are fictional.
STAFF_ACCOUNTS: dict[str, tuple[str, str, str]] = {
    "admin": ("Demo", "Administratör", "admin@larplattformen.localhost"),
    "projektledare": ("Maria", "Lindqvist", "maria.lindqvist@larplattformen.localhost"),
    "oversattare": ("Emma", "Wilson", "emma.wilson@larplattformen.localhost"),
}
# Each municipality's editor is the person named as its contact; Härnösand also has a publisher.
MUNICIPALITY_ACCOUNTS: dict[str, tuple[str, str, str]] = {
    f"{slug}-redaktor": (*CONTACTS[slug]["name"].split(" ", 1), CONTACTS[slug]["email"])
    for slug in DEMO_MUNICIPALITY_SLUGS
}
MUNICIPALITY_ACCOUNTS["harnosand-publicerare"] = (
    "Anders",
    "Holm",
    "anders.holm@harnosand.example",
)
DEMO_ACCOUNTS = {**STAFF_ACCOUNTS, **MUNICIPALITY_ACCOUNTS}
SUPERUSERS = frozenset({"admin"})


def check_accounts_allowed() -> None:
    """Refuse to create accounts with a known password anywhere but a development machine."""
    if not settings.DEBUG:
        raise CommandError(
            "Refusing to create demo accounts: DEBUG is off, so this may be a production "
            "database and the demo password is public. Run with DEBUG on, or use --no-accounts."
        )
    if not getattr(settings, "DEMO_PASSWORD", ""):
        raise CommandError("DEMO_PASSWORD is empty; set it in the environment.")


def ensure_accounts(ctx: DemoContext) -> None:
    check_accounts_allowed()
    user_model = get_user_model()
    existing = set(
        user_model.objects.filter(username__in=DEMO_ACCOUNTS).values_list("username", flat=True)
    )
    # One hash for all: the password is the same (and public), and each hash takes ~0.3 s.
    password = make_password(settings.DEMO_PASSWORD)
    for username, (first_name, last_name, email) in DEMO_ACCOUNTS.items():
        if username in existing:
            # Leave the password alone: it may have been changed on purpose.
            continue
        is_superuser = username in SUPERUSERS
        user_model.objects.create(
            username=username,
            email=user_model.objects.normalize_email(email),
            password=password,
            first_name=first_name,
            last_name=last_name,
            is_staff=is_superuser,
            is_superuser=is_superuser,
        )
        ctx.count("users", True)
