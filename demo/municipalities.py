"""The five demo municipalities and one (fictional) contact person for each.

Codes and counties are SCB's; population and land area are rounded public figures; the SKR
municipality groups are plausible choices for a demo, not an authoritative classification.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from municipalities.models import ContactPerson, MunicipalityPage

from .base import DemoContext, Pair, ensure_page, ensure_translation, update_page

MUNICIPALITIES: dict[str, dict] = {
    "harnosand": {
        "shared": {
            "official_name": "Härnösands kommun",
            "code": "2280",
            "county": "22",
            "population": 24_800,
            "area_km2": Decimal("1068.0"),
            "municipality_group": "C6",
            "website": "https://www.harnosand.se",
        },
        "sv": {
            "title": "Härnösands kommun",
            "intro": (
                "<p>Härnösand ligger vid Höga kusten och är residensstad i Västernorrlands län. "
                "Kommunen har tagit emot människor på flykt från Ukraina och samarbetar med "
                "myndigheter som har kontor i samma byggnad eller i grannhuset.</p>"
            ),
        },
        "en": {
            "title": "Härnösand Municipality",
            "intro": (
                "<p>Härnösand lies on the High Coast and is the seat of Västernorrland County. "
                "The municipality has received people fleeing Ukraine and works with authorities "
                "whose offices are in the same building or next door.</p>"
            ),
        },
    },
    "ornskoldsvik": {
        "shared": {
            "official_name": "Örnsköldsviks kommun",
            "code": "2284",
            "county": "22",
            "population": 55_700,
            "area_km2": Decimal("6360.0"),
            "municipality_group": "C6",
            "website": "https://www.ornskoldsvik.se",
        },
        "sv": {
            "title": "Örnsköldsviks kommun",
            "intro": (
                "<p>Örnsköldsvik i norra Västernorrland är en till ytan stor kommun med många "
                "landsbygdsorter. Integrationsarbetet där har byggt på ett aktivt föreningsliv "
                "och lokalt förankrade projektledare.</p>"
            ),
        },
        "en": {
            "title": "Örnsköldsvik Municipality",
            "intro": (
                "<p>Örnsköldsvik, in the north of Västernorrland, is a large municipality with "
                "many rural communities. Its integration work there has been built on active "
                "local associations and locally rooted project leaders.</p>"
            ),
        },
    },
    "soderhamn": {
        "shared": {
            "official_name": "Söderhamns kommun",
            "code": "2182",
            "county": "21",
            "population": 25_300,
            "area_km2": Decimal("1097.0"),
            "municipality_group": "C8",
            "website": "https://www.soderhamn.se",
        },
        "sv": {
            "title": "Söderhamns kommun",
            "intro": (
                "<p>Söderhamn ligger vid kusten i Hälsingland i Gävleborgs län. Kommunens "
                "integrationsnätverk har förgreningar i alla förvaltningar samt i Faxeholmen och "
                "Söderhamn Nära.</p>"
            ),
        },
        "en": {
            "title": "Söderhamn Municipality",
            "intro": (
                "<p>Söderhamn lies on the coast of Hälsingland in Gävleborg County. The "
                "municipality's integration network reaches into every department as well as "
                "Faxeholmen and Söderhamn Nära.</p>"
            ),
        },
    },
    "hylte": {
        "shared": {
            "official_name": "Hylte kommun",
            "code": "1315",
            "county": "13",
            "population": 10_300,
            "area_km2": Decimal("947.0"),
            "municipality_group": "C8",
            "website": "https://www.hylte.se",
        },
        "sv": {
            "title": "Hylte kommun",
            "intro": (
                "<p>Hylte är en landsbygdskommun i inlandet av Halland. Kommunen fick "
                "2010 en utmärkelse som årets integrationskommun och tog i förhållande till sin "
                "folkmängd emot flest flyktingar under 2013 och 2014.</p>"
            ),
        },
        "en": {
            "title": "Hylte Municipality",
            "intro": (
                "<p>Hylte is a rural municipality in inland Halland. It received the award "
                "“The municipality of the year at integration 2010” and, relative to its "
                "population, received the most refugees in 2013 and 2014.</p>"
            ),
        },
    },
    "stockholm": {
        "shared": {
            "official_name": "Stockholms kommun",
            "code": "0180",
            "county": "01",
            "population": 984_700,
            "area_km2": Decimal("188.0"),
            "municipality_group": "A1",
            "website": "https://start.stockholm",
        },
        "sv": {
            "title": "Stockholms stad",
            "intro": (
                "<p>Stockholm är Sveriges största kommun. I stadsdelen Hässelby-Vällingby i "
                "västra Stockholm möter stadsdelsförvaltningen nyanlända där de bor, i SHIS "
                "Bostäders genomgångsbostäder.</p>"
            ),
        },
        "en": {
            "title": "City of Stockholm",
            "intro": (
                "<p>Stockholm is Sweden's largest municipality. In Hässelby-Vällingby, in the "
                "west of the city, the district administration meets newcomers where they live: "
                "in SHIS Bostäder's transitional housing.</p>"
            ),
        },
    },
}

DEMO_MUNICIPALITY_SLUGS: tuple[str, ...] = tuple(MUNICIPALITIES)

# Fictional people, marked as example contacts on every page. The phone numbers are in the
# range PTS reserves for fiction (070-1740605–99).
CONTACTS: dict[str, dict[str, str]] = {
    "harnosand": {
        "name": "Sara Bergström",
        "role": "Integrationssamordnare",
        "role_en": "Integration coordinator",
        "email": "sara.bergstrom@harnosand.example",
        "phone": "070-174 06 05",
    },
    "ornskoldsvik": {
        "name": "Johan Sjölund",
        "role": "Utvecklingsledare för landsbygd och integration",
        "role_en": "Development manager for rural areas and integration",
        "email": "johan.sjolund@ornskoldsvik.example",
        "phone": "070-174 06 06",
    },
    "soderhamn": {
        "name": "Amina Hassan",
        "role": "Samordnare för integrationsnätverket",
        "role_en": "Coordinator of the integration network",
        "email": "amina.hassan@soderhamn.example",
        "phone": "070-174 06 07",
    },
    "hylte": {
        "name": "Per Gustafsson",
        "role": "Integrationsstrateg",
        "role_en": "Integration strategist",
        "email": "per.gustafsson@hylte.example",
        "phone": "070-174 06 08",
    },
    "stockholm": {
        "name": "Leila Karimi",
        "role": "Verksamhetsutvecklare, Hässelby-Vällingby stadsdelsförvaltning",
        "role_en": "Development officer, Hässelby-Vällingby district administration",
        "email": "leila.karimi@stockholm.example",
        "phone": "070-174 06 09",
    },
}


def ensure_municipalities(ctx: DemoContext, index: Pair) -> dict[str, Pair]:
    """Municipality pages by slug, in Swedish and English.

    A page with the same municipality code is reused even under another slug (for example one
    created by an import of all municipalities), because codes are unique per language.
    """
    pages: dict[str, Pair] = {}
    for slug, spec in MUNICIPALITIES.items():
        sv_page = (
            MunicipalityPage.objects.child_of(index.sv).filter(code=spec["shared"]["code"]).first()
        )
        if sv_page is None:
            sv_page = ensure_page(
                ctx, index.sv, MunicipalityPage, slug, {**spec["shared"], **spec["sv"]}
            )
        else:
            # The intro tells what the sources say about the municipality: keep it current.
            update_page(ctx, sv_page.specific, {"intro": spec["sv"]["intro"]})
        en_page = ensure_translation(ctx, sv_page, ctx.en, {**spec["en"], "slug": slug})
        update_page(ctx, en_page, {"intro": spec["en"]["intro"]})
        pages[slug] = Pair(sv_page, en_page)
    return pages


def ensure_contacts(ctx: DemoContext, municipalities: dict[str, Pair]) -> dict[str, ContactPerson]:
    """One contact per municipality, owned by the Swedish page (the editors' unit)."""
    contacts = {}
    review_date = date.today() + timedelta(days=365)
    for slug, spec in CONTACTS.items():
        contact, created = ContactPerson.objects.get_or_create(
            email=spec["email"],
            defaults={
                **spec,
                "municipality": municipalities[slug].sv,
                "review_date": review_date,
                "is_example": True,
            },
        )
        ctx.count("snippets", created)
        # A demo built before these fields existed gets them on the next load.
        stale = {"is_example": True, "role_en": spec["role_en"]}
        stale = {name: value for name, value in stale.items() if getattr(contact, name) != value}
        if stale:
            for name, value in stale.items():
                setattr(contact, name, value)
            contact.save(update_fields=list(stale))
        contacts[slug] = contact
    return contacts
