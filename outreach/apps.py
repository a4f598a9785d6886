from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    """Keeping readers up to date: e-mail subscriptions to what they follow."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "outreach"
    verbose_name = _("Subscriptions")
