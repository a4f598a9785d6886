"""The 21 Swedish counties (län) with their official SCB codes."""

from django.utils.translation import gettext_lazy as _

COUNTY_CHOICES = [
    ("01", _("Stockholm County")),
    ("03", _("Uppsala County")),
    ("04", _("Södermanland County")),
    ("05", _("Östergötland County")),
    ("06", _("Jönköping County")),
    ("07", _("Kronoberg County")),
    ("08", _("Kalmar County")),
    ("09", _("Gotland County")),
    ("10", _("Blekinge County")),
    ("12", _("Skåne County")),
    ("13", _("Halland County")),
    ("14", _("Västra Götaland County")),
    ("17", _("Värmland County")),
    ("18", _("Örebro County")),
    ("19", _("Västmanland County")),
    ("20", _("Dalarna County")),
    ("21", _("Gävleborg County")),
    ("22", _("Västernorrland County")),
    ("23", _("Jämtland County")),
    ("24", _("Västerbotten County")),
    ("25", _("Norrbotten County")),
]
COUNTY_CODES = frozenset(code for code, _label in COUNTY_CHOICES)

# SKR's municipality groups (kommungruppsindelning 2017), used to find "municipalities like mine".
MUNICIPALITY_GROUP_CHOICES = [
    ("A1", _("Large city")),
    ("A2", _("Commuter municipality near a large city")),
    ("B3", _("Medium-sized town")),
    ("B4", _("Commuter municipality near a medium-sized town")),
    ("B5", _("Low-commuting municipality near a medium-sized town")),
    ("C6", _("Smaller town or urban area")),
    ("C7", _("Commuter municipality near a smaller town")),
    ("C8", _("Rural municipality")),
    ("C9", _("Rural municipality with a visitor industry")),
]
