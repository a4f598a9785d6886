"""Keep the role groups in step with the pages, however the pages are changed (and keep
other people's draft titles out of a copied page's history).

Model signals rather than admin hooks, so that pages created by the demo loader, by
wagtail-localize (translations and aliases) or in a shell are covered as well.
"""

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import Page, PageLogEntry
from wagtail.signals import post_page_move

from core.models import HomePage

from .models import MunicipalityIndexPage, MunicipalityPage
from .permissions.groups import sync_municipality_groups, sync_project_roles

# Saves that touch none of these fields cannot change a group's name or membership of pages.
_RELEVANT_FIELDS = frozenset({"title", "locale", "translation_key"})


def municipality_saved(
    sender: type,
    instance: MunicipalityPage,
    created: bool = False,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    if raw:
        return
    update_fields = kwargs.get("update_fields")
    if not created and update_fields is not None and not (_RELEVANT_FIELDS & set(update_fields)):
        return  # e.g. locking, which saves only the lock fields
    sync_municipality_groups(instance)


def municipality_deleted(sender: type, instance: MunicipalityPage, **kwargs: Any) -> None:
    # Its page permissions went with the page (cascade); this removes the groups once no
    # locale is left. Content is protected by the before_delete_page hook.
    sync_municipality_groups(instance)


def municipality_moved(sender: type, instance: MunicipalityPage, **kwargs: Any) -> None:
    # Permissions are attached to page ids, so they follow the page; re-sync anyway so that
    # anything that depends on position (the review workflow) is checked.
    sync_municipality_groups(instance)


def tree_root_created(
    sender: type, instance: Any, created: bool = False, raw: bool = False, **kwargs: Any
) -> None:
    # A new locale's home page (translators' tree) or a new municipality index (review workflow).
    if created and not raw:
        sync_project_roles()


def creation_logged(sender: type, instance: PageLogEntry, raw: bool = False, **kwargs: Any) -> None:
    # A copy (a translation, say) of a live page with a pending draft is created with the
    # source's draft title, which Wagtail writes into the copy's "created" history entry: the
    # translator would read another municipality's unpublished title there. A page is created
    # under its own title.
    if raw or instance.pk is not None or instance.action != "wagtail.create":
        return
    title = Page.objects.filter(pk=instance.page_id).values_list("title", flat=True).first()
    if title is not None:
        instance.label = title


def connect() -> None:
    uid = "municipalities.roles"
    post_save.connect(municipality_saved, sender=MunicipalityPage, dispatch_uid=f"{uid}.save")
    post_delete.connect(municipality_deleted, sender=MunicipalityPage, dispatch_uid=f"{uid}.del")
    post_page_move.connect(municipality_moved, sender=MunicipalityPage, dispatch_uid=f"{uid}.mv")
    pre_save.connect(creation_logged, sender=PageLogEntry, dispatch_uid=f"{uid}.created")
    for model in (HomePage, MunicipalityIndexPage):
        post_save.connect(tree_root_created, sender=model, dispatch_uid=f"{uid}.{model.__name__}")
