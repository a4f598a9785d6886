"""The page explorer at scale: wagtail-localize's row buttons and the people filters.

1. wagtail-localize's buttons without queries per row.

wagtail-localize adds "Translate this page" and "Sync translated pages" to each row's "More"
menu through ``register_page_listing_more_buttons``, and asks the database two or three
questions per row to decide (is there a locale without a translation? is the page a source
with enabled translations?): 100-150 queries for a page of 50 municipalities.

Here the explorer's queryset is annotated with both answers (``construct_explorer_page_queryset``)
and the buttons are built from the annotations. A page without them (other listings, searches)
gets wagtail-localize's own function, unchanged. ``install()`` swaps the two hook functions in
Wagtail's hook registry (a private list: there is no public way to unregister a hook);
tests/municipalities/test_explorer.py checks that the swap still takes hold and gives
the same buttons, so that an upgrade of Wagtail or wagtail-localize cannot silently undo it.

2. The "Owner" and "Edited by" filters offer the people of the listed pages only.

Wagtail's explorer offers a checkbox for every user who owns any page, and for every user who
ever edited any page, in the whole tree: with three editors in each of 290 municipalities,
every explorer view rendered 1,740 checkboxes (more than half of an editor's request time)
and showed every editor of every other municipality by name. ``ScopedPeopleFilterSet`` offers
the owners and editors of the explored page's children that the user may work on. Trade-off:
filtering still searches the whole subtree, as in Wagtail, but a project manager at the
municipality index can no longer pick a practice's author there (the municipality's own
explorer offers them). The explorer's view is replaced through Wagtail's page viewsets.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.listing import ExplorableIndexView, GenericPageFilterSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale, Page, PageLogEntry
from wagtail.permissions import policy_registry
from wagtail_localize.models import TranslationSource

from core.wagtail_patches import replace_registered_hook

LISTING_HOOK = "register_page_listing_more_buttons"
SUBMIT_PERMISSION = "wagtail_localize.submit_translation"
HAS_UNTRANSLATED = "_municipalities_has_untranslated_locale"
SYNC_SOURCE = "_municipalities_sync_source_id"


def localize_listing_buttons() -> Any:
    """wagtail-localize's own hook function (imported late: see ``install``)."""
    from wagtail_localize.wagtail_hooks import page_listing_more_buttons

    return page_listing_more_buttons


def annotate_translation_buttons(queryset: QuerySet[Page], user: Any) -> QuerySet[Page]:
    """Both of wagtail-localize's per-row questions, as two columns of the listing query."""
    if not user.has_perm(SUBMIT_PERMISSION):
        return queryset  # no buttons to show: nothing to compute
    translated_locales = Page.objects.filter(
        translation_key=OuterRef(OuterRef("translation_key")), alias_of__isnull=True
    ).values("locale_id")
    sources = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        object__content_type=ContentType.objects.get_for_model(Page),
        locale_id=OuterRef("locale_id"),
        translations__enabled=True,
    ).values("pk")[:1]
    return queryset.annotate(
        **{
            HAS_UNTRANSLATED: Exists(Locale.objects.exclude(id__in=translated_locales)),
            SYNC_SOURCE: Subquery(sources),
        }
    )


def translation_listing_buttons(
    page: Page, user: Any, next_url: str | None = None
) -> Iterator[ListingButton]:
    """wagtail-localize's listing buttons, from the annotations if the page has them."""
    if not hasattr(page, HAS_UNTRANSLATED):
        yield from localize_listing_buttons()(page, user, next_url=next_url)
        return
    if page.is_root() or not user.has_perm(SUBMIT_PERMISSION):
        return
    if getattr(page, HAS_UNTRANSLATED):
        yield ListingButton(
            _("Translate this page"),
            # For an alias, wagtail-localize translates the page it is an alias of.
            reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.pk]),
            priority=60,
            icon_name="wagtail-localize-language",
        )
    source_id = getattr(page, SYNC_SOURCE)
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield ListingButton(_("Sync translated pages"), url, priority=60, icon_name="resubmit")


def explorer_queryset(
    parent_page: Page, pages: QuerySet[Page], request: HttpRequest
) -> QuerySet[Page]:
    """The ``construct_explorer_page_queryset`` hook (registered in wagtail_hooks.py)."""
    install()
    if request.GET.get("q"):
        return pages  # a search: left to the search backend, rows fall back to wagtail-localize
    return annotate_translation_buttons(pages, request.user)


def install() -> None:
    """Put ``translation_listing_buttons`` in place of wagtail-localize's listing hook.

    wagtail-localize registers the same function for the page header (one page, one query
    more or less); only the per-row registration is replaced, at the same position, so the
    buttons keep their order. Called on each explorer request rather than at import: by then
    every app's hooks are registered, whatever the order of INSTALLED_APPS, and importing
    wagtail-localize's hooks early would change the order of everything else it registers.
    """
    replace_registered_hook(LISTING_HOOK, localize_listing_buttons(), translation_listing_buttons)


# --- 2. The people filters ------------------------------------------------------------------


class ScopedPeopleFilterSet(GenericPageFilterSet):
    """Wagtail's explorer filters; "Owner" and "Edited by" offer the listed pages' people."""

    def __init__(self, *args: Any, parent_page: Page | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if parent_page is None or self.request is None:
            return
        pages = Page.objects.child_of(parent_page)
        user = self.request.user
        if not user.is_superuser:
            # Only pages the user may work on: the subtrees they hold a permission on (from
            # Wagtail's per-request cache), each once.
            policy = policy_registry.get_by_type(Page)
            paths = {perm.page.path for perm in policy.get_cached_permissions_for_user(user)}
            subtrees = Q(pk__in=[])
            for path in sorted(paths):
                subtrees |= Q(path__startswith=path)
            pages = pages.filter(subtrees)
        users = get_user_model()._default_manager
        self.filters["owner"].queryset = users.filter(pk__in=pages.order_by().values("owner_id"))
        self.filters["edited_by"].queryset = users.filter(
            pk__in=PageLogEntry.objects.filter(action="wagtail.edit", page__in=pages.values("pk"))
            .order_by()
            .values("user_id")
        )


class ScopedExplorableIndexView(ExplorableIndexView):
    """Wagtail's explorer, without other people's drafts in its header.

    Wagtail lists only explorable children, but opens any page by id and shows its draft title
    (or a live page's pending title) in the header, breadcrumbs, status panel and ``<title>``.
    Here a page outside the user's explorable pages (their subtrees and the ancestors of
    those, the project's own pages) is a 404.
    """

    def get(self, request: HttpRequest, parent_page_id: int | None = None) -> Any:
        user = request.user
        if parent_page_id is not None and not user.is_superuser:
            policy = self.permission_policy
            root = policy.explorable_root_instance(user)
            page = Page.objects.filter(pk=parent_page_id).only("path", "depth").first()
            inside = root is not None and page is not None and page.path.startswith(root.path)
            # Outside the explorable root Wagtail redirects there; inside it, a page the user
            # may not explore is not found (its breadcrumbs and status would name its draft).
            if inside and not policy.explorable_instances(user).filter(pk=page.pk).exists():
                raise Http404
        return super().get(request, parent_page_id)

    def get_filterset_kwargs(self) -> dict[str, Any]:
        # The filters are built once the explored page is known (in ``get``).
        return {**super().get_filterset_kwargs(), "parent_page": self.parent_page}


class ScopedPeoplePageViewSet(PageViewSet):
    """Wagtail's default page viewset, with the scoped filters in its explorer.

    Registered for ``Page`` (``register_admin_viewset`` in wagtail_hooks.py, after Wagtail's own
    ``base_page_viewset``, which it replaces in the page viewset registry): every other view
    is Wagtail's, and a page type may still get its own viewset.
    """

    model = Page
    index_view_class = ScopedExplorableIndexView
    filterset_class = ScopedPeopleFilterSet
