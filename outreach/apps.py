from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    """Keeping the catalogue alive: e-mail subscriptions and practices suggested by the public."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "outreach"
    verbose_name = _("Subscriptions and suggestions")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from practices.models import PracticePage

        from . import suggestions

        page_published.connect(
            suggestions.on_page_published,
            sender=PracticePage,
            dispatch_uid="outreach_suggestion_published",
        )
