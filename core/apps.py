from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The base app: user, images, site-wide pages, blocks and the infrastructure.

    Its label stays ``platform_site`` (the app it was split from): the custom user model,
    the migrations and the content types keep their names.
    """

    name = "core"
    label = "platform_site"
    verbose_name = _("Platform")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import wagtail_patches
        from .cache import connect_purge_signals
        from .stream_forms import register_tolerant_stream_fields

        # Here rather than in the middleware, so that publishing from a management command
        # (publish_scheduled, the demo loader) purges the page cache too.
        connect_purge_signals()
        register_tolerant_stream_fields()
        wagtail_patches.apply()
