"""Demo content for development and demonstrations: `build_demo()`, run by `manage.py load_demo`.

Everything is built in code and looked up before it is created, so the loader can be run again
at any time: a second run creates nothing and leaves edits made in the admin alone.
"""

from __future__ import annotations

import time
from typing import TextIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Locale

from municipalities.models import ContactPerson, MunicipalityPage
from practices.models import Approach, PracticePage, TargetGroup, ThemePage

from .accounts import DEMO_ACCOUNTS, check_accounts_allowed, ensure_accounts
from .base import DemoContext
from .images import ensure_images
from .municipalities import DEMO_MUNICIPALITY_SLUGS, ensure_contacts, ensure_municipalities
from .pages import ensure_featured_practices, ensure_home, ensure_index_pages
from .practices import ensure_practices
from .standard_pages import contact_email, ensure_site_settings, ensure_standard_pages
from .taxonomy import ensure_taxonomy
from .themes import ensure_themes

__all__ = ["DEMO_ACCOUNTS", "DEMO_MUNICIPALITY_SLUGS", "build_demo"]

FEATURED_PRACTICES = ("lokalen", "halland", "natverket")


def build_demo(
    stdout: TextIO | None = None, *, accounts: bool | None = None, update_edited: bool = False
) -> dict:
    """Build (or complete) the demo content and return counts of what was created and exists.

    `accounts`: None creates the demo accounts when DEBUG is on and skips them with a warning
    otherwise; True insists (CommandError when DEBUG is off); False skips them.
    `update_edited` overwrites demo pages with the data files even where someone has saved them
    in the admin (otherwise those are left alone and reported).
    """
    if accounts:
        # Fail before building anything, rather than rolling back a whole run.
        check_accounts_allowed()
    started = time.monotonic()
    with transaction.atomic():
        sv = Locale.objects.get_or_create(language_code="sv")[0]
        en = Locale.objects.get_or_create(language_code="en")[0]
        ctx = DemoContext(sv=sv, en=en, stdout=stdout, update_edited=update_edited)

        # Order matters: English taxonomy and municipalities must exist before the practices
        # are translated, so that the translations point at English terms and pages.
        terms = ensure_taxonomy(ctx)
        images = ensure_images(ctx)
        email = contact_email()
        home = ensure_home(ctx)
        indexes = ensure_index_pages(ctx, home)
        standard_pages = ensure_standard_pages(ctx, home, email)
        municipalities = ensure_municipalities(ctx, indexes["municipality_index"])
        contacts = ensure_contacts(ctx, municipalities)
        practices = ensure_practices(ctx, municipalities, terms, images, contacts)
        ensure_themes(ctx, indexes["theme_index"], practices, terms)
        ensure_featured_practices(ctx, home, [practices[key] for key in FEATURED_PRACTICES])
        ensure_site_settings(ctx, standard_pages)

        if accounts is None:
            accounts = settings.DEBUG
            if not accounts:
                ctx.log(
                    "Warning: DEBUG is off, so the demo accounts were not created "
                    "(their password is public). Use --accounts on a development machine."
                )
        if accounts:
            ensure_accounts(ctx)
            # Roles live with the municipality groups; imported here to keep the apps decoupled.
            from municipalities.demo_roles import assign_demo_roles

            assign_demo_roles(stdout=stdout)

    return {
        "created": {kind: ctx.created[kind] for kind in ("pages", "snippets", "images", "users")},
        "totals": {
            "municipalities": MunicipalityPage.objects.count(),
            "practices": PracticePage.objects.count(),
            "themes": ThemePage.objects.count(),
            "target_groups": TargetGroup.objects.count(),
            "approaches": Approach.objects.count(),
            "contacts": ContactPerson.objects.count(),
            "images": get_image_model().objects.count(),
            "users": get_user_model().objects.count(),
        },
        "updated": ctx.created["updated"],
        "accounts": "created or present" if accounts else "skipped",
        "seconds": round(time.monotonic() - started, 2),
    }
