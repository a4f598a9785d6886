from wagtail.models import TranslatableMixin


class LocalizedRelationsMixin:
    """Point relations at the translation in the page's own locale when one exists.

    wagtail-localize copies many-to-many fields and page foreign keys unchanged into a
    translation, so an English practice would keep the Swedish target groups. Remapping on save
    keeps each locale's listings, filters and facets consistent.
    """

    localized_m2m_fields: tuple[str, ...] = ()
    localized_fk_fields: tuple[str, ...] = ()

    def remap_relations_to_locale(self) -> None:
        locale_id = getattr(self, "locale_id", None)
        if not locale_id:
            return
        for name in self.localized_m2m_fields:
            manager = getattr(self, name)
            current = list(manager.all())
            mapped = [_in_locale(obj, locale_id) for obj in current]
            if [o.pk for o in mapped] != [o.pk for o in current]:
                # Keep one entry per translation group even if both languages were chosen.
                unique = {o.pk: o for o in mapped}
                manager.set(list(unique.values()))
        for name in self.localized_fk_fields:
            obj = getattr(self, name)
            if obj is not None:
                setattr(self, name, _in_locale(obj, locale_id))


def _in_locale(obj: TranslatableMixin, locale_id: int):
    if getattr(obj, "locale_id", None) == locale_id:
        return obj
    translation = obj.__class__.objects.filter(
        translation_key=obj.translation_key, locale_id=locale_id
    ).first()
    return translation or obj
