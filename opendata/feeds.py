"""Atom and RSS feeds of new practices: all of them, or per theme, municipality or taxonomy term.

Each feed lists the active language's practices only (the URL prefix sets the language), newest
first. Feeds are announced in every page's <head> for autodiscovery (see ``feeds_for_page``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import re_path, reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from core import locales
from core.templatetags.platform_tags import make_absolute, site_root_url
from municipalities.models import MunicipalityPage
from practices.models import Approach, PracticePage, TargetGroup, ThemePage

FEED_LENGTH = 30
FORMATS = {"atom": Atom1Feed, "rss": Rss201rev2Feed}
MIME_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
SITE_NAME = "Lärplattformen"


@dataclass
class FeedSource:
    """What one feed shows; resolved per request, so the Feed instances stay stateless."""

    title: str
    description: str
    link: str
    feed_url: str
    practices: list[PracticePage] = field(default_factory=list)


def feed_locale() -> Locale:
    """The reader's locale (core.locales); a feed in a language without one is not found."""
    try:
        return locales.active_locale()
    except Locale.DoesNotExist as exc:
        raise Http404("Unknown language") from exc


def practices_in(locale: Locale):
    return (
        PracticePage.objects.live()
        .public()
        .filter(locale=locale)
        .order_by("-first_published_at", "-pk")
        .with_listing_relations()
    )


def _with_links(request: HttpRequest, practices) -> list[PracticePage]:
    items = list(practices)
    for practice in items:
        # Computed here, where the request is at hand; Feed.item_link gets only the item.
        practice.feed_link = practice.get_full_url(request)
    return items


def _page_link(request: HttpRequest, page: Page | None) -> str:
    if page is None:
        return f"{site_root_url(request)}/"
    return page.get_full_url(request) or f"{site_root_url(request)}/"


def _practice_index(locale: Locale) -> Page | None:
    from practices.models import PracticeIndexPage

    return PracticeIndexPage.objects.live().filter(locale=locale).first()


def resolve_source(request: HttpRequest, scope: str, key: str | None) -> FeedSource:
    """The feed's title, link and items for a scope ("all", "theme", ...) and its key."""
    locale = feed_locale()
    feed_url = make_absolute(request, request.path)
    practices = practices_in(locale)
    index = _practice_index(locale)

    if scope == "all":
        return FeedSource(
            title=_("%(site)s: new practices") % {"site": SITE_NAME},
            description=_("New good practices in the integration of newcomers, newest first."),
            link=_page_link(request, index),
            feed_url=feed_url,
            practices=_with_links(request, practices[:FEED_LENGTH]),
        )

    if scope == "theme":
        theme = ThemePage.objects.live().public().filter(locale=locale, slug=key).first()
        if theme is None:
            raise Http404("No such theme")
        curated = theme.curated()
        matching = list(theme.matching([p.pk for p in curated])[:FEED_LENGTH])
        combined = sorted(
            curated + matching,
            key=lambda p: (p.first_published_at is not None, p.first_published_at, p.pk),
            reverse=True,
        )[:FEED_LENGTH]
        return FeedSource(
            title=_("%(site)s: practices on the theme %(theme)s")
            % {"site": SITE_NAME, "theme": theme.title},
            description=theme.search_description or theme.title,
            link=_page_link(request, theme),
            feed_url=feed_url,
            practices=_with_links(request, combined),
        )

    if scope == "municipality":
        municipality = (
            MunicipalityPage.objects.live().public().filter(locale=locale, code=key).first()
        )
        if municipality is None:
            raise Http404("No such municipality")
        owned_or_joint = PracticePage.objects.filter(
            Q(municipality=municipality) | Q(participating_municipalities=municipality)
        ).values("pk")
        return FeedSource(
            title=_("%(site)s: practices from %(municipality)s")
            % {"site": SITE_NAME, "municipality": municipality.title},
            description=_("Good practices shared by %(municipality)s.")
            % {"municipality": municipality.official_name or municipality.title},
            link=_page_link(request, municipality),
            feed_url=feed_url,
            practices=_with_links(
                request,
                practices.filter(pk__in=owned_or_joint)[:FEED_LENGTH],
            ),
        )

    if scope in ("target_group", "approach"):
        model = TargetGroup if scope == "target_group" else Approach
        term = model.objects.filter(locale=locale, slug=key).first()
        if term is None:
            raise Http404("No such term")
        relation = "target_groups" if scope == "target_group" else "approaches"
        parameter = "target_group" if scope == "target_group" else "approach"
        link = _page_link(request, index)
        if index is not None:
            link = f"{link}?{parameter}={term.slug}"
        title = (
            _("%(site)s: practices for %(term)s")
            if scope == "target_group"
            else _("%(site)s: practices using %(term)s")
        )
        return FeedSource(
            title=title % {"site": SITE_NAME, "term": term.name},
            description=term.description or term.name,
            link=link,
            feed_url=feed_url,
            practices=_with_links(
                request, practices.filter(**{f"{relation}__slug": term.slug})[:FEED_LENGTH]
            ),
        )

    raise Http404("Unknown feed")


class PracticeFeed(Feed):
    """Shared by the Atom and RSS variants, which differ only in ``feed_type``."""

    def get_object(self, request: HttpRequest, scope: str, key: str | None = None) -> FeedSource:
        return resolve_source(request, scope, key)

    def title(self, obj: FeedSource) -> str:
        return obj.title

    def description(self, obj: FeedSource) -> str:
        return obj.description

    def subtitle(self, obj: FeedSource) -> str:
        return obj.description

    def link(self, obj: FeedSource) -> str:
        return obj.link

    def feed_url(self, obj: FeedSource) -> str:
        return obj.feed_url

    def author_name(self, obj: FeedSource) -> str:
        # Atom requires an author for the feed when an entry might lack one.
        return SITE_NAME

    def feed_copyright(self, obj: FeedSource) -> str:
        return _("Texts: the municipalities and %(site)s, CC BY 4.0") % {"site": SITE_NAME}

    def items(self, obj: FeedSource) -> list[PracticePage]:
        return obj.practices

    def item_title(self, item: PracticePage) -> str:
        # Plain text: the feed generator escapes it once for XML.
        return item.title

    def item_description(self, item: PracticePage) -> str:
        # RSS <description> and Atom <summary type="html"> are read as HTML by feed readers:
        # the plain-text summary must be escaped for HTML before the generator escapes it for XML.
        return escape(item.summary)

    def item_link(self, item: PracticePage) -> str:
        return item.feed_link

    def item_pubdate(self, item: PracticePage) -> datetime | None:
        return item.first_published_at or item.latest_revision_created_at

    def item_updateddate(self, item: PracticePage) -> datetime:
        # Atom requires a date on every entry; pages created in code may lack publishing dates.
        return (
            item.last_published_at
            or item.first_published_at
            or item.latest_revision_created_at
            or timezone.make_aware(datetime.combine(item.last_verified, time.min))
        )

    def item_author_name(self, item: PracticePage) -> str | None:
        return item.municipality.title if item.municipality else None

    def item_categories(self, item: PracticePage) -> list[str]:
        return [term.name for term in item.target_groups.all()] + [
            term.name for term in item.approaches.all()
        ]


class AtomPracticeFeed(PracticeFeed):
    feed_type = Atom1Feed


class RssPracticeFeed(PracticeFeed):
    feed_type = Rss201rev2Feed


_FEEDS = {"atom": AtomPracticeFeed(), "rss": RssPracticeFeed()}


def practice_feed(
    request: HttpRequest, fmt: str, scope: str = "all", key: str | None = None
) -> HttpResponse:
    feed = _FEEDS.get(fmt)
    if feed is None:
        raise Http404("Unknown feed format")
    return feed(request, scope=scope, key=key)


_SLUG = r"[-a-zA-Z0-9_]{1,100}"
_FMT = r"(?P<fmt>atom|rss)"

app_name = "feeds"
urlpatterns = [
    re_path(rf"^feeds/practices\.{_FMT}$", practice_feed, name="practices"),
    re_path(
        rf"^feeds/themes/(?P<key>{_SLUG})\.{_FMT}$",
        practice_feed,
        {"scope": "theme"},
        name="theme",
    ),
    re_path(
        rf"^feeds/municipalities/(?P<key>[0-9]{{4}})\.{_FMT}$",
        practice_feed,
        {"scope": "municipality"},
        name="municipality",
    ),
    re_path(
        rf"^feeds/target-groups/(?P<key>{_SLUG})\.{_FMT}$",
        practice_feed,
        {"scope": "target_group"},
        name="target_group",
    ),
    re_path(
        rf"^feeds/approaches/(?P<key>{_SLUG})\.{_FMT}$",
        practice_feed,
        {"scope": "approach"},
        name="approach",
    ),
]


def _feed_pair(request: HttpRequest | None, name: str, title: str, **kwargs: Any) -> list[dict]:
    links = []
    for fmt, label in (("atom", "Atom"), ("rss", "RSS")):
        url = reverse(f"feeds:{name}", kwargs={"fmt": fmt, **kwargs})
        links.append(
            {
                "url": make_absolute(request, url),
                "type": MIME_TYPES[fmt],
                "title": f"{title} ({label})",
                "format": label,
            }
        )
    return links


def feeds_for_page(
    request: HttpRequest | None, page: Page | None, filter_form: Any = None
) -> list[dict]:
    """Autodiscovery links: the page's own feed first (theme, municipality, a single chosen
    target group or approach on the practice index), then the feed of all practices."""
    links: list[dict] = []
    specific = getattr(page, "specific_deferred", page) if page is not None else None
    if isinstance(specific, ThemePage):
        links += _feed_pair(
            request,
            "theme",
            _("Practices on the theme %(theme)s") % {"theme": specific.title},
            key=specific.slug,
        )
    elif isinstance(specific, MunicipalityPage) and specific.code:
        links += _feed_pair(
            request,
            "municipality",
            _("Practices from %(municipality)s") % {"municipality": specific.title},
            key=specific.code,
        )
    elif filter_form is not None and hasattr(filter_form, "selected"):
        selected = filter_form.selected()
        for parameter, name in (("target_group", "target_group"), ("approach", "approach")):
            values = selected.get(parameter) or []
            if len(values) == 1 and len(selected) == 1:
                labels = dict(filter_form.fields[parameter].choices)
                links += _feed_pair(
                    request,
                    name,
                    _("Practices: %(term)s") % {"term": labels.get(values[0], values[0])},
                    key=values[0],
                )
    links += _feed_pair(request, "practices", _("New practices"))
    return links
