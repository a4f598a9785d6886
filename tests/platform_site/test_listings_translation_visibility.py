"""Every language: an English page shows up nowhere until its translation is published.

A project manager's "Translate this page" (wagtail-localize's own view) copies the Swedish
practice into the English tree with its Swedish text. That copy must stay a draft
(``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False``) until a translator has translated
it and a project manager publishes it.

The public listings are not listed by hand: the test starts from every live English page and
every route of the URLconf that takes no argument (in English, with and without a query), and
follows every link of the site found on the way (feeds, open data, pagination, filters), one
URL per path and set of query keys. In every response the untranslated copy must be absent;
a published English practice next to it (same municipality, terms and theme) must be present
in the core listings, so the walk cannot pass by seeing nothing.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.contrib.admindocs.views import extract_views_from_urlpatterns, simplify_regex
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import get_resolver, reverse
from django.utils import translation
from wagtail.models import Page

from municipalities.permissions.roles import PROJECT_MANAGERS
from practices.models import PracticePage
from tests import factories

SWEDISH_ONLY = "Svensktextmarkör"
QUERY = "café"
# Not public listings: the admin, file downloads, language switching, health checks.
NOT_LISTINGS = ("/admin/", "/documents/", "/i18n/", "/health/", "/media/", "/static/", "/sv/")
MAX_URLS = 400
LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)""")


def _routes_without_arguments() -> list[str]:
    """Every URL pattern that needs no argument, resolved in English."""
    with translation.override("en"):
        routes = []
        for _view, regex, _namespace, _name in extract_views_from_urlpatterns(
            get_resolver().url_patterns
        ):
            route = simplify_regex(regex)
            if "<" not in route and not route.startswith(NOT_LISTINGS):
                routes.append(route)
        return sorted(set(routes))


def _seeds(locale) -> list[str]:
    pages = [page.url for page in Page.objects.live().public().filter(locale=locale).specific()]
    seeds = list(pages)
    for url in _routes_without_arguments():
        seeds.append(url)
        seeds.append(f"{url}?{urlencode({'q': QUERY})}")
        seeds.append(f"{url}?{urlencode({'search': QUERY, 'locale': 'en'})}")
    return seeds


def _shape(url: str) -> tuple[str, tuple[str, ...]]:
    parts = urlsplit(url)
    return parts.path, tuple(sorted({key for key, _value in parse_qsl(parts.query)}))


def _public_responses(client, locale) -> dict[str, str]:
    """URL -> body of every public listing reachable from the English site."""
    queue = deque(_seeds(locale))
    seen_shapes: set[tuple[str, tuple[str, ...]]] = set()
    bodies: dict[str, str] = {}
    while queue and len(bodies) < MAX_URLS:
        url = queue.popleft()
        parts = urlsplit(url)
        if (
            parts.scheme not in ("", "http", "https")
            or parts.netloc not in ("", "localhost")
            or parts.path.startswith(NOT_LISTINGS)
            or not parts.path.startswith("/")
        ):
            continue
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        shape = _shape(url)
        if shape in seen_shapes:
            continue
        seen_shapes.add(shape)
        response = client.get(url, follow=True)
        assert response.status_code < 500, url
        if response.status_code != 200 or response.get("Content-Type", "").startswith("image/"):
            continue
        body = response.content.decode("utf-8", errors="replace")
        bodies[url] = body
        for link in LINK.findall(body):
            queue.append(link.replace("&amp;", "&"))
    return bodies


@pytest.fixture
def untranslated(showcase, client, django_capture_on_commit_callbacks) -> PracticePage:
    """A live Swedish practice that a project manager has just sent for translation."""
    sv = showcase.sv["practice"]
    practice = factories.PracticePageFactory(
        parent=showcase.sv["municipality"],
        title=f"Språkcafé för föräldrar {SWEDISH_ONLY}",
        slug="sprakcafe-foraldrar",
        summary=f"Ett café för föräldrar. {SWEDISH_ONLY}",
        hero_image=showcase.image,
    )
    practice.target_groups.set(sv.target_groups.all())
    practice.approaches.set(sv.approaches.all())
    practice.participating_municipalities.set(sv.participating_municipalities.all())
    practice.save_revision().publish()
    theme = Page.objects.get(pk=showcase.sv["theme"].pk).specific  # a copy of our own
    theme.curated_practices.create(practice=practice)
    theme.save_revision().publish()

    manager = get_user_model().objects.create_user(username="pm-translate", password="x")
    manager.groups.add(Group.objects.get(name=PROJECT_MANAGERS))
    client.force_login(manager)
    en = showcase.en["home"].locale
    # Publishing waits for the commit (transaction.on_commit): run those callbacks too.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[practice.pk]),
            {"locales": [en.pk]},
        )
    assert response.status_code == 302
    client.logout()
    return PracticePage.objects.get(translation_key=practice.translation_key, locale=en)


@pytest.mark.django_db
def test_translate_this_page_makes_a_draft(untranslated):
    assert not untranslated.live
    assert untranslated.has_unpublished_changes


@pytest.mark.django_db
def test_no_english_listing_shows_an_untranslated_page(client, showcase, untranslated):
    en = untranslated.locale
    bodies = _public_responses(client, en)
    hidden_url = untranslated.url or untranslated.get_url_parts()[2]
    leaks = sorted(
        url
        for url, body in bodies.items()
        if hidden_url in body or (SWEDISH_ONLY in body and not url.startswith(("/sv/", "/api/")))
    )
    assert leaks == [], f"{len(bodies)} listings walked; the untranslated page is in {leaks}"

    # The walk sees what it should: the published English practice is in every core listing.
    control = showcase.en["practice"].url
    showing = {url for url, body in bodies.items() if control in body}
    core = [showcase.en[name].url for name in ("practice_index", "municipality", "theme")]
    core += ["/sitemap.xml", "/api/v2/pages/?search=caf%C3%A9&locale=en"]
    missing = [url for url in core if url not in showing]
    assert missing == [], missing
    for kind in (
        "/en/search/?",
        "/feeds/",
        "/open-data/practices.csv",
        "/open-data/practices.json",
    ):
        assert any(kind in url for url in showing), (kind, sorted(bodies))
    print(f"walked {len(bodies)} English listings; the control is in {len(showing)}")  # noqa: T201


@pytest.mark.django_db
def test_published_translation_appears(client, showcase, untranslated):
    """Once translated and published, the page is listed like any other (the marker is right)."""
    untranslated.title = "Language café for parents"
    untranslated.summary = "A café for parents."
    untranslated.save_revision().publish()
    page = client.get(showcase.en["practice_index"].url)
    assert untranslated.url in page.content.decode()
