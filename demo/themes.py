"""Theme pages: a curated, ordered selection plus the practices that match their terms."""

from __future__ import annotations

from practices.models import ThemePage, ThemePagePractice

from .base import DemoContext, Pair, ensure_pair

THEMES = [
    {
        "curated": ["lokalen", "byarna", "sprakcafe"],
        "target_groups": [],
        "approaches": ["motesplats", "sprakcafe"],
        "sv": {
            "slug": "motesplatser",
            "title": "Mötesplatser",
            "search_description": "Platser där nya och gamla invånare träffas.",
            "intro": (
                "<p>Platser där nya och gamla invånare träffas: från en akut mötesplats för "
                "människor på flykt till mångkulturella centrum i byarna och språkcaféer.</p>"
            ),
        },
        "en": {
            "slug": "meeting-places",
            "title": "Meeting places",
            "search_description": "Places where new and long-standing residents meet.",
            "intro": (
                "<p>Places where new and long-standing residents meet: from an emergency "
                "meeting place for people fleeing war to multicultural centres in the villages "
                "and language cafés.</p>"
            ),
        },
    },
    {
        "curated": ["natverket", "halland", "lokalen"],
        "target_groups": [],
        "approaches": ["samverkan-mellan-myndigheter"],
        "sv": {
            "slug": "samverkan-mellan-myndigheter",
            "title": "Samverkan mellan myndigheter",
            "search_description": "När förvaltningar, myndigheter och kommuner arbetar ihop.",
            "intro": (
                "<p>Nyanlända möter många myndigheter samtidigt. Här finns exempel på hur "
                "förvaltningar, myndigheter och grannkommuner har arbetat ihop, så att ingen "
                "behöver skickas runt mellan olika diskar.</p>"
            ),
        },
        "en": {
            "slug": "cooperation-between-authorities",
            "title": "Cooperation between authorities",
            "search_description": "When departments, agencies and municipalities work together.",
            "intro": (
                "<p>Newcomers deal with many authorities at once. These examples show how "
                "departments, agencies and neighbouring municipalities have worked together, "
                "so that nobody has to be sent from one desk to another.</p>"
            ),
        },
    },
    {
        "curated": ["byarna", "infodiskar"],
        "target_groups": [],
        "approaches": ["civilsamhalle-och-volontarer", "mentorskap"],
        "sv": {
            "slug": "civilsamhalle-och-volontarer",
            "title": "Civilsamhälle och volontärer",
            "search_description": "Föreningar, frivilliga och mentorer som en del av arbetet.",
            "intro": (
                "<p>Föreningar, frivilliga och mentorer når ofta dit kommunen inte når. Här "
                "finns exempel där civilsamhället bär eller stöder arbetet, och på hur "
                "ansvaret kan delas.</p>"
            ),
        },
        "en": {
            "slug": "civil-society-and-volunteers",
            "title": "Civil society and volunteers",
            "search_description": "Associations, volunteers and mentors as part of the work.",
            "intro": (
                "<p>Associations, volunteers and mentors often reach people the municipality "
                "cannot. These examples show civil society carrying or supporting the work, "
                "and how responsibility can be shared.</p>"
            ),
        },
    },
    {
        "curated": ["halland"],
        "target_groups": ["asylsokande"],
        "approaches": ["tidiga-insatser", "halsa"],
        "sv": {
            "slug": "tidiga-insatser-och-halsa",
            "title": "Tidiga insatser och hälsa",
            "search_description": "Stöd som börjar tidigt, med hälsan som grund.",
            "intro": (
                "<p>Ju tidigare stödet börjar, desto kortare blir vägen till studier och "
                "arbete. Här finns exempel på tidiga insatser och på arbete med nyanländas "
                "hälsa.</p>"
            ),
        },
        "en": {
            "slug": "early-intervention-and-health",
            "title": "Early intervention and health",
            "search_description": "Support that starts early, with health as the foundation.",
            "intro": (
                "<p>The earlier support begins, the shorter the road to study and work. These "
                "examples show early interventions and work on newcomers' health.</p>"
            ),
        },
    },
]


def ensure_themes(
    ctx: DemoContext, theme_index: Pair, practices: dict[str, Pair], terms: dict[str, Pair]
) -> list[Pair]:
    themes = []
    for spec in THEMES:
        sv_fields = {
            **spec["sv"],
            "curated_practices": [
                ThemePagePractice(practice=practices[key].sv) for key in spec["curated"]
            ],
            "target_groups": [terms[slug].sv for slug in spec["target_groups"]],
            "approaches": [terms[slug].sv for slug in spec["approaches"]],
        }
        # The English rows point at the English practices, so the admin shows them in English.
        en_fields = {
            **spec["en"],
            "curated_practices": [
                ThemePagePractice(practice=practices[key].en) for key in spec["curated"]
            ],
        }
        themes.append(ensure_pair(ctx, theme_index, ThemePage, sv=sv_fields, en=en_fields))
    return themes
