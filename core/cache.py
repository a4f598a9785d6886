"""A cache of whole anonymous page responses, purged whenever published content changes.

Why our own small middleware instead of Django's UpdateCacheMiddleware: we need to (1) decide
before touching the session or the database whether a request is anonymous, so that a cache hit
costs no query at all and keeps working while the database restarts, (2) refuse responses that
carry a CSRF token or set a cookie, and (3) purge everything at once on publish. Purging is done
by bumping a generation counter that is part of every key: old entries are simply never read
again and expire on their own.

With Redis (REDIS_URL) the counter and the pages are shared by all workers, so a purge is
immediate everywhere. With the local-memory cache each worker process has its own copy; a purge
reaches the worker that handled it at once and the others when their entries expire, which is
why production.py uses a short PAGE_CACHE_SECONDS without Redis.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_path

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
CACHE_STATUS_HEADER = "X-Page-Cache"
# Header values never replayed from the cache: they belong to one response only.
_HOP_HEADERS = {"set-cookie", "date", CACHE_STATUS_HEADER.lower()}


def _cache() -> BaseCache:
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


# --- Generation counters ----------------------------------------------------------------
# A number in the cache that is part of every key of a family of entries: bumping it drops
# them all at once (they are never read again and expire on their own). The page cache here
# and the search's fact sheets (search.facets) use these two functions.


def _fresh_generation() -> int:
    # Microseconds since the epoch. A counter that is missing (never set, or evicted) restarts
    # here rather than at 1: above every value it reached before, unless it was bumped more
    # than once a microsecond, so entries of an old generation can never come back.
    return time.time_ns() // 1000


def read_generation_counter(key: str, cache: BaseCache) -> int | None:
    """The counter's value, started if missing; None if the cache cannot be reached."""
    try:
        value = cache.get(key)
        if value is None:
            # add() is atomic: of several processes starting it at once, one value wins.
            cache.add(key, _fresh_generation(), timeout=None)
            value = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage must never take the site down
        logger.warning("Cache unreachable: cannot read %s", key, exc_info=True)
        return None
    return int(value or 0)  # a cache that keeps nothing (DummyCache) has generation 0


def bump_generation_counter(key: str, cache: BaseCache) -> None:
    """Move the counter on, which invalidates every entry built on its old value."""
    try:
        try:
            cache.incr(key)
        except ValueError:  # not in the cache (yet, or evicted): start it, never expiring
            cache.set(key, _fresh_generation(), timeout=None)
    except Exception:  # noqa: BLE001 - a publish must succeed even if the cache is down
        logger.warning("Cache unreachable: cannot bump %s", key, exc_info=True)


# The page cache's counter is read at most once a second per process: that halves the round
# trips to Redis on a cache hit, and delays a purge made by another process by at most that
# second.
GENERATION_MEMO_SECONDS = 1.0
_generation_memo: tuple[int, float] = (0, 0.0)


def current_generation() -> int:
    """The page cache's generation; -1 when the cache is unreachable (serve uncached)."""
    global _generation_memo
    value, expires = _generation_memo
    now = time.monotonic()
    if now < expires:
        return value
    read = read_generation_counter(GENERATION_KEY, _cache())
    if read is None:
        return -1
    _generation_memo = (read, now + GENERATION_MEMO_SECONDS)
    return read


def _forget_generation() -> None:
    global _generation_memo
    _generation_memo = (0, 0.0)


def purge_page_cache(**_signal_kwargs: Any) -> None:
    """Invalidate every cached page at once by moving to a new generation."""
    _forget_generation()  # this process sees its own purge at once
    bump_generation_counter(GENERATION_KEY, _cache())


T = TypeVar("T")


def cached_fragment(key: str, build: Callable[[], T]) -> T:
    """Data every page shows (menu, footer links, language alternates), kept until the next purge.

    Rendering a page without its whole-page cache still reuses these, which saves most of the
    queries of an uncached page. Keys share the purge generation, so publishing, unpublishing or
    moving a page, or changing the site settings, drops them together with the cached pages.
    FRAGMENT_CACHE_SECONDS=0 (development, tests) builds them on every request.
    """
    seconds = getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)
    if seconds <= 0:
        return build()
    generation = current_generation()
    if generation < 0:
        return build()
    full_key = f"fragment:{generation}:{key}"
    cache = _cache()
    try:
        stored = cache.get(full_key)
    except Exception:  # noqa: BLE001 - a cache outage must never take the site down
        logger.warning("Fragment cache unreachable", exc_info=True)
        return build()
    if stored is not None:
        return stored[0]  # wrapped in a tuple so that None is cacheable too
    value = build()
    try:
        cache.set(full_key, (value,), seconds)
    except Exception:  # noqa: BLE001
        logger.warning("Could not store a fragment", exc_info=True)
    return value


def is_anonymous_request(request: HttpRequest) -> bool:
    """No session, no login, no flash messages: the response is the same for every reader."""
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def is_cacheable_request(request: HttpRequest) -> bool:
    if not getattr(settings, "PAGE_CACHE_SECONDS", 0):
        return False
    # Wagtail renders previews (and moderation views) through the whole middleware chain with
    # a dummy request for the page's public URL: it must neither read nor fill the cache.
    if getattr(request, "is_dummy", False) or getattr(request, "is_preview", False):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    excluded = tuple(getattr(settings, "PAGE_CACHE_EXCLUDED_PATH_PREFIXES", ()))
    if excluded and request.path_info.startswith(excluded):
        return False
    return is_anonymous_request(request)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def url_key_part(request: HttpRequest) -> str:
    # The language is part of the URL (/sv/, /en/); it is named in the key to make that explicit.
    language = get_language_from_path(request.path_info) or ""
    return f"{request.get_host()}|{language}|{request.get_full_path()}"


def vary_list_key(url: str, generation: int) -> str:
    """Where the request headers that this URL's response varies on are remembered."""
    return f"pagecache:{generation}:vary:{_digest(url)}"


def page_cache_key(
    request: HttpRequest, url: str, generation: int, vary_on: tuple[str, ...] = ()
) -> str:
    """The URL plus the request's value of every header the response named in ``Vary``.

    As Django's own cache middleware does (``learn_cache_key``): two readers who send
    different values of a header the page varies on never share an entry.
    """
    values = "|".join(request.headers.get(name, "") for name in vary_on)
    return f"pagecache:{generation}:{_digest(url + '|' + values)}"


def response_vary_headers(response: HttpResponseBase) -> tuple[str, ...]:
    if not response.has_header("Vary"):
        return ()
    return tuple(sorted({h.strip().lower() for h in cc_delim_re.split(response["Vary"]) if h}))


def is_storable_response(request: HttpRequest, response: HttpResponseBase) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    # A set cookie (session, CSRF) or a rendered CSRF token makes the page personal.
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & {"private", "no-cache", "no-store"}:
        return False
    if "*" in response.get("Vary", ""):
        return False
    match = getattr(request, "resolver_match", None)
    excluded_namespaces = set(getattr(settings, "PAGE_CACHE_EXCLUDED_NAMESPACES", ()))
    return not (match and excluded_namespaces.intersection(match.namespaces))


class AnonymousPageCacheMiddleware:
    """Serves anonymous GET/HEAD requests from the cache; stores anonymous 200 responses.

    Sits above the session and authentication middleware so a hit needs neither.
    """

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not is_cacheable_request(request):
            return self.get_response(request)

        generation = current_generation()
        if generation < 0:
            return self.get_response(request)
        cache = _cache()
        url = url_key_part(request)
        vary_key = vary_list_key(url, generation)
        try:
            vary_on = cache.get(vary_key)
            stored = (
                cache.get(page_cache_key(request, url, generation, vary_on))
                if vary_on is not None
                else None
            )
        except Exception:  # noqa: BLE001
            stored = None
        if stored is not None:
            return self._rebuild(stored)

        response = self.get_response(request)
        if is_storable_response(request, response):
            stored = (
                response.status_code,
                [(k, v) for k, v in response.items() if k.lower() not in _HOP_HEADERS],
                response.content,
            )
            vary_on = response_vary_headers(response)
            try:
                cache.set(vary_key, vary_on, settings.PAGE_CACHE_SECONDS)
                cache.set(
                    page_cache_key(request, url, generation, vary_on),
                    stored,
                    settings.PAGE_CACHE_SECONDS,
                )
                response[CACHE_STATUS_HEADER] = "miss"
            except Exception:  # noqa: BLE001
                logger.warning("Could not store a page in the cache", exc_info=True)
        return response

    @staticmethod
    def _rebuild(stored: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[CACHE_STATUS_HEADER] = "hit"
        return response


def _purge_on_save(sender: type, instance: Any, created: bool = False, **kwargs: Any) -> None:
    # A new object shows on no page until a page that uses it is published (which purges);
    # settings objects are even created lazily by the first page that reads them.
    if not created:
        purge_page_cache()


def register_purging_model(model: type, *, shows_when_created: bool = False) -> None:
    """Purge the page cache when an object of ``model`` is changed or deleted.

    Each app registers the models its pages show from its own ``ready()``, so this module
    imports no content model. ``shows_when_created``: a new object changes pages at once
    (terms listed by the filters, a view restriction), so creating one purges too.
    """
    uid = f"pagecache:{model._meta.label_lower}"
    on_save = purge_page_cache if shows_when_created else _purge_on_save
    post_save.connect(on_save, sender=model, dispatch_uid=uid + ":saved")
    post_delete.connect(purge_page_cache, sender=model, dispatch_uid=uid + ":deleted")


def connect_purge_signals() -> None:
    """Called from PlatformSiteConfig.ready(), so management commands purge too.

    Wagtail's own models that pages show; the content apps register theirs.
    """
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(purge_page_cache, dispatch_uid="pagecache_published")
    page_unpublished.connect(purge_page_cache, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(purge_page_cache, dispatch_uid="pagecache_moved")
    # Deleting a page of any type deletes its wagtailcore.Page row, which sends this.
    post_delete.connect(purge_page_cache, sender=Page, dispatch_uid="pagecache:page:deleted")
    register_purging_model(PageViewRestriction, shows_when_created=True)
    for model in (get_image_model(), get_document_model(), Site, Locale):
        register_purging_model(model)
    for model in apps.get_models():
        if issubclass(model, (BaseSiteSetting, BaseGenericSetting)):
            register_purging_model(model)


class CachedSiteMiddleware:
    """Look up the request's Wagtail site in the fragment cache instead of the database.

    Wagtail keeps the site of a request in ``request._wagtail_site`` and queries for it on first
    use; the sites change rarely and purge the cache when they do.
    """

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        from core import wagtail_patches

        if getattr(
            settings, "FRAGMENT_CACHE_SECONDS", 0
        ) > 0 and not wagtail_patches.request_site_known(request):
            try:
                # Validated against ALLOWED_HOSTS, so made-up Host headers cannot fill the cache.
                host = request.get_host()
                port = request.get_port()
            except Exception:  # noqa: BLE001 - a bad header: let Django answer it (400)
                return self.get_response(request)
            site = cached_fragment(
                f"site:{host}:{port}", lambda: wagtail_patches.find_site_for_request(request)
            )
            wagtail_patches.remember_request_site(request, site)
        return self.get_response(request)


def any_view_restrictions() -> bool:
    """Whether any page is private at all (most sites have none: no query per page then)."""
    from wagtail.models import PageViewRestriction

    return cached_fragment("view-restrictions", PageViewRestriction.objects.exists)
