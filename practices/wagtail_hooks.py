from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_editor
from .models import Approach, TargetGroup


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class ApproachViewSet(SnippetViewSet):
    model = Approach
    icon = "cogs"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (TargetGroupViewSet, ApproachViewSet)
    menu_icon = "tag"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)


# --- The editor's first hour: their municipality first, shortcuts (admin_editor.py) -----------

hooks.register("construct_main_menu", admin_editor.start_explorer_at_municipality)
hooks.register("construct_homepage_panels", admin_editor.add_editor_shortcuts)
