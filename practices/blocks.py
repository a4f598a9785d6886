"""Blocks used only by the practice record."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import KeyFigureBlock

FUNDING_CHOICES = [
    ("municipal", _("Municipal budget")),
    ("state", _("State grant")),
    ("esf", _("European Social Fund (ESF)")),
    ("eu_other", _("Other EU funding")),
    ("region", _("Region or county administrative board")),
    ("foundation", _("Foundation")),
    ("private", _("Private sector")),
    ("volunteer", _("Volunteer work")),
    ("other", _("Other")),
]

PARTNER_KIND_CHOICES = [
    ("authority", _("Government agency")),
    ("municipality", _("Municipality")),
    ("region", _("Region")),
    ("association", _("Association or civil society")),
    ("company", _("Company")),
    ("education", _("School or university")),
    ("other", _("Other")),
]


class FundingBlock(blocks.StructBlock):
    source = blocks.ChoiceBlock(label=_("Source"), choices=FUNDING_CHOICES)
    description = blocks.CharBlock(
        label=_("Description"), required=False, max_length=200, help_text=_("Grant, amount, years")
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["source_label"] = dict(FUNDING_CHOICES).get(value.get("source"), "")
        return context

    class Meta:
        icon = "tag"
        label = _("Funding source")
        template = "components/blocks/funding_block.html"
        preview_value = {"source": "esf", "description": "2015–2018"}


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=160)
    kind = blocks.ChoiceBlock(label=_("Kind"), choices=PARTNER_KIND_CHOICES, default="authority")
    role = blocks.CharBlock(label=_("Role in the practice"), required=False, max_length=240)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["kind_label"] = dict(PARTNER_KIND_CHOICES).get(value.get("kind"), "")
        return context

    class Meta:
        icon = "group"
        label = _("Partner")
        template = "components/blocks/partner_block.html"
        preview_value = {
            "name": "Arbetsförmedlingen",
            "kind": "authority",
            "role": "Samlokaliserad",
        }


class SourceBlock(blocks.StructBlock):
    """An article, report or evaluation that the record rests on."""

    title = blocks.CharBlock(
        label=_("Title"),
        max_length=300,
        help_text=_('As the source itself gives it, e.g. "Integration på landsbygden".'),
    )
    publisher = blocks.CharBlock(
        label=_("Publisher or author"),
        required=False,
        max_length=200,
        help_text=_("Who published or wrote it, e.g. the municipality or a county board."),
    )
    date = blocks.DateBlock(
        label=_("Date"),
        required=False,
        help_text=_("When it was published or last updated. Leave empty if it gives no date."),
    )
    language = blocks.ChoiceBlock(
        label=_("Language of the title"),
        choices=[("sv", _("Swedish")), ("en", _("English"))],
        required=False,
        help_text=_("Only if the title is in another language than this page."),
    )
    url = blocks.URLBlock(
        label=_("Address"),
        required=False,
        help_text=_("A web address where readers can find it, if there is one."),
    )
    supports = blocks.TextBlock(
        label=_("What it supports"),
        required=False,
        max_length=600,
        help_text=_(
            'Which parts of this record the source backs up, e.g. "the figures on results and '
            'the account of how the work began".'
        ),
    )

    class Meta:
        icon = "doc-full"
        label = _("Source")
        template = "components/blocks/source_block.html"
        preview_value = {
            "title": "Integration på landsbygden",
            "publisher": "Örnsköldsviks kommun",
            "supports": "Bakgrund och resultat",
        }


class SourceStreamBlock(blocks.StreamBlock):
    source = SourceBlock()


class FundingStreamBlock(blocks.StreamBlock):
    funding = FundingBlock()


class PartnerStreamBlock(blocks.StreamBlock):
    partner = PartnerBlock()


class KeyFigureStreamBlock(blocks.StreamBlock):
    key_figure = KeyFigureBlock()
