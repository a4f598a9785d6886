from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from municipalities.models import MunicipalityPage
        from practices.models import Approach, PracticePage, TargetGroup

        from .facets import bump_generation

        # Whatever changes what a practice is, or how a filter value is labelled, makes the
        # in-memory fact sheets of search.facets stale.
        for model in (PracticePage, MunicipalityPage, TargetGroup, Approach):
            post_save.connect(bump_generation, sender=model, dispatch_uid=f"search-facts-{model}")
            post_delete.connect(
                bump_generation, sender=model, dispatch_uid=f"search-facts-del-{model}"
            )
        # A changed synonym set changes what searches find: purge the cached hits and pages.
        from core.cache import purge_page_cache

        from .models import SynonymSet

        post_save.connect(purge_page_cache, sender=SynonymSet, dispatch_uid="search-synonyms")
        post_delete.connect(purge_page_cache, sender=SynonymSet, dispatch_uid="search-synonyms-del")
        for name in ("target_groups", "approaches", "participating_municipalities"):
            through = getattr(PracticePage, name).through
            m2m_changed.connect(bump_generation, sender=through, dispatch_uid=f"search-m2m-{name}")
