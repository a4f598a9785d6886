from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practices")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core.cache import register_purging_model

        from . import page_context
        from .models import Approach, TargetGroup

        page_context.register()

        # The practice filters list every term of a language: a new term shows at once.
        for model in (TargetGroup, Approach):
            register_purging_model(model, shows_when_created=True)
