from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    name = "municipalities"
    verbose_name = _("Municipalities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.permissions import register_permission_policy

        from core.cache import register_purging_model
        from core.references import register_reference_policy

        from . import scoping, signals
        from .models import ContactPerson
        from .permissions.contacts import ContactPersonPermissionPolicy
        from .permissions.files import strict_delete_policy

        # Registered here, before any admin view asks for (and caches) a fallback policy.
        register_permission_policy(ContactPerson, ContactPersonPermissionPolicy(ContactPerson))
        # wagtail.images and wagtail.documents register their policies in their own ready(),
        # which runs after ours; an exact-class registration is looked up first and so wins.
        for model, auth_model in (
            (get_image_model(), "wagtailimages.Image"),
            (get_document_model(), "wagtaildocs.Document"),
        ):
            register_permission_policy(
                model, strict_delete_policy(model, auth_model), exact_class=True
            )
        signals.connect()
        register_reference_policy(scoping.referenceable)
        register_purging_model(ContactPerson)
