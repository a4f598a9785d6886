from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """The API and the Atom/RSS feeds: published content for other systems and readers."""

    name = "opendata"
    verbose_name = _("Open data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core.extensions import register_feed_links

        from .feeds import feeds_for_page

        # Every page's <head> announces its feeds (base.html, through core's feed_links tag).
        register_feed_links(feeds_for_page)
