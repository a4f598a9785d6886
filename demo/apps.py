from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo content of every app, loaded by ``manage.py load_demo``."""

    name = "demo"
    verbose_name = _("Demo content")
    default_auto_field = "django.db.models.BigAutoField"
