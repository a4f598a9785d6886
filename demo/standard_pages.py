"""The three standard pages (about, accessibility statement, personal data) and the footer links.

Their texts are in data/pages/<key>.json; the contact address and the date of the
accessibility assessment are filled in when the demo is built.
"""

from __future__ import annotations

from datetime import date

from core.models import SiteSettings, StandardPage

from .base import DemoContext, Pair, ensure_pair, long_date
from .page_data import fill, load_page_data

DIGG_COMPLAINT_URL = "https://www.digg.se/tdosanmalan"
IMY_URL = "https://www.imy.se/"

# The accessibility statement follows the structure of DIGG's model statement for websites.
STANDARD_PAGES = ("about", "accessibility", "privacy")


def _mailto(email: str) -> str:
    return f'<a href="mailto:{email}">{email}</a>'


def _texts(key: str, email: str, assessed: date) -> tuple[dict, dict]:
    """The Swedish and English fields of a standard page, placeholders filled in."""
    data = load_page_data(key)
    values = {
        "email_link": _mailto(email),
        "digg_complaint_url": DIGG_COMPLAINT_URL,
        "imy_url": IMY_URL,
    }
    sv, en = (
        fill(data[language], {**values, "date": long_date(assessed, language)})
        for language in ("sv", "en")
    )
    return sv, en


def ensure_standard_pages(ctx: DemoContext, home: Pair, email: str) -> dict[str, Pair]:
    pages = {}
    assessed = date.today()
    for key in STANDARD_PAGES:
        sv, en = _texts(key, email, assessed)
        # The About page says which demo content is an example, and the privacy page what the
        # site stores: keep both in step with the data files on existing databases too.
        pages[key] = ensure_pair(
            ctx, home, StandardPage, sv=sv, en=en, update=key in ("about", "privacy")
        )
    return pages


def contact_email() -> str:
    """The site's contact address, filled in with the default if someone emptied it."""
    site_settings = SiteSettings.load()
    if not site_settings.contact_email:
        site_settings.contact_email = "kontakt@larplattformen.localhost"
        site_settings.save(update_fields=["contact_email"])
    return site_settings.contact_email


def ensure_site_settings(ctx: DemoContext, standard_pages: dict[str, Pair]) -> None:
    """Point the footer links at the Swedish pages; the footer shows the visitor's language."""
    site_settings = SiteSettings.load()
    changed = []
    if site_settings.accessibility_page_id is None:
        site_settings.accessibility_page = standard_pages["accessibility"].sv
        changed.append("accessibility_page")
    if site_settings.privacy_page_id is None:
        site_settings.privacy_page = standard_pages["privacy"].sv
        changed.append("privacy_page")
    if changed:
        site_settings.save(update_fields=changed)
