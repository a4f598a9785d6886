"""Serializer fields for the API: related records as the pages themselves show them."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page

from core.templatetags.platform_tags import make_absolute
from municipalities.models import MunicipalityPage


class _RequestMixin:
    @property
    def _request(self) -> Any:
        return self.context.get("request")


class TermListField(serializers.Field):
    """Target groups or approaches as slug, name and description, in the page's language."""

    def to_representation(self, manager: Any) -> list[dict]:
        return [
            {"slug": term.slug, "name": term.name, "description": term.description}
            for term in manager.all()
        ]


class MunicipalityField(_RequestMixin, serializers.Field):
    def to_representation(self, municipality: MunicipalityPage) -> dict:
        return {
            "id": municipality.pk,
            "title": municipality.title,
            "official_name": municipality.official_name,
            "kind": municipality.kind,
            "code": municipality.code,
            "county_code": municipality.county,
            "county_name": str(municipality.get_county_display()),
            "html_url": municipality.get_full_url(self._request),
        }


class MunicipalityListField(MunicipalityField):
    def to_representation(self, manager: Any) -> list[dict]:  # type: ignore[override]
        return [super(MunicipalityListField, self).to_representation(m) for m in manager.all()]


class PageLinkField(_RequestMixin, serializers.Field):
    def to_representation(self, page: Page) -> dict:
        return {"id": page.pk, "title": page.title, "html_url": page.get_full_url(self._request)}


class PageLinkListField(PageLinkField):
    def to_representation(self, pages: Any) -> list[dict]:  # type: ignore[override]
        items = pages.all() if hasattr(pages, "all") else pages
        return [super(PageLinkListField, self).to_representation(p) for p in items]


class ContactListField(serializers.Field):
    """The contact details the practice page itself shows, nothing more (GDPR)."""

    def to_representation(self, links: Any) -> list[dict]:
        # The page's PracticeContact rows, in the editor's order (prefetched with their person);
        # the role in the page's language, as the page shows it (its locale is selected along).
        page = getattr(links, "instance", None)
        language = page.locale.language_code if page is not None else "sv"
        items = []
        for link in links.all():
            role, role_language = link.contact.role_in(language)
            items.append(
                {
                    "name": link.contact.name,
                    "role": role,
                    "role_language": role_language,
                    "phone": link.contact.phone,
                    "is_example": link.contact.is_example,
                }
            )
        return items


class SiteImageRenditionField(_RequestMixin, ImageRenditionField):
    """Wagtail's rendition field, with full_url on the site's own host like every other URL."""

    def to_representation(self, image: Any) -> dict:
        data = dict(super().to_representation(image))
        if "url" in data:
            data["full_url"] = make_absolute(self._request, data["url"])
        return data


def label(source: str) -> serializers.CharField:
    """A read-only text from `source`, e.g. the display value of a choice field."""
    return serializers.CharField(source=source, read_only=True)
