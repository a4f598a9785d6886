"""Target groups and approaches: the curated lists every practice is classified by."""

from __future__ import annotations

from django.core.management.base import CommandError

from practices.models import Approach, TargetGroup

from .base import DemoContext, Pair

# slug: ((Swedish name, description), (English name, description))
TARGET_GROUPS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "nyanlanda-vuxna": (
        ("Nyanlända vuxna", "Vuxna som nyligen har fått uppehållstillstånd och bosatt sig här."),
        ("Newly arrived adults", "Adults who have recently been granted residence and settled."),
    ),
    "barn-och-unga": (
        ("Barn och unga", "Barn och ungdomar i förskola, skola och på fritiden."),
        ("Children and young people", "Children and teenagers in preschool, school and leisure."),
    ),
    "familjer": (
        ("Familjer", "Föräldrar och barn som kommer tillsammans eller återförenas här."),
        ("Families", "Parents and children who arrive together or are reunited here."),
    ),
    "kvinnor": (
        ("Kvinnor", "Nyanlända kvinnor, som ofta når arbete och utbildning senare än män."),
        ("Women", "Newly arrived women, who often reach work and education later than men."),
    ),
    "ensamkommande": (
        ("Ensamkommande barn och unga", "Barn och unga som kommit utan vårdnadshavare."),
        ("Unaccompanied minors", "Children and young people who arrived without a guardian."),
    ),
    "aldre": (
        ("Äldre", "Nyanlända över 60 år, som sällan omfattas av insatser för arbete."),
        ("Older people", "Newcomers over 60, who are rarely reached by employment measures."),
    ),
    "asylsokande": (
        ("Asylsökande", "Personer som väntar på beslut i sitt asylärende."),
        ("Asylum seekers", "People waiting for a decision on their asylum application."),
    ),
    "personer-med-tillfalligt-skydd": (
        (
            "Personer med tillfälligt skydd",
            "Personer med skydd enligt EU:s massflyktsdirektiv, till exempel från Ukraina.",
        ),
        (
            "People with temporary protection",
            "People protected under the EU Temporary Protection Directive, e.g. from Ukraine.",
        ),
    ),
}

APPROACHES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "motesplats": (
        ("Mötesplats", "En fysisk plats där nyanlända och andra invånare träffas."),
        ("Meeting place", "A physical place where newcomers and other residents meet."),
    ),
    "sprakcafe": (
        ("Språkcafé", "Samtal på svenska i en avslappnad miljö, ofta med frivilliga."),
        ("Language café", "Conversation in Swedish in a relaxed setting, often with volunteers."),
    ),
    "samverkan-mellan-myndigheter": (
        (
            "Samverkan mellan myndigheter",
            "Kommunen, Arbetsförmedlingen, Migrationsverket och andra arbetar tillsammans.",
        ),
        (
            "Cooperation between authorities",
            "The municipality, employment service, migration agency and others work together.",
        ),
    ),
    "civilsamhalle-och-volontarer": (
        (
            "Civilsamhälle och volontärer",
            "Föreningar, trossamfund och frivilliga som bär eller stöder arbetet.",
        ),
        (
            "Civil society and volunteers",
            "Associations, faith communities and volunteers who carry or support the work.",
        ),
    ),
    "mentorskap": (
        ("Mentorskap", "En erfaren person stöder en nyanländ under en längre tid."),
        ("Mentorship", "An experienced person supports a newcomer over a longer period."),
    ),
    "samhallsinformation": (
        ("Samhällsinformation", "Kunskap om rättigheter, skyldigheter och hur samhället fungerar."),
        ("Civic orientation", "Knowledge of rights, obligations and how society works."),
    ),
    "boende": (
        ("Boende", "Stöd för att hitta och behålla en bostad."),
        ("Housing", "Support to find and keep a home."),
    ),
    "kompetensutveckling-for-personal": (
        (
            "Kompetensutveckling för personal",
            "Utbildning för kommunens medarbetare, till exempel i interkulturellt arbete.",
        ),
        (
            "Staff development",
            "Training for municipal staff, for example in intercultural work.",
        ),
    ),
    "tidiga-insatser": (
        ("Tidiga insatser", "Stöd som börjar redan under asyltiden eller de första månaderna."),
        ("Early intervention", "Support that starts during the asylum period or first months."),
    ),
    "halsa": (
        ("Hälsa", "Fysisk och psykisk hälsa som grund för studier, arbete och vardag."),
        ("Health", "Physical and mental health as a basis for study, work and daily life."),
    ),
}


def _ensure_term(
    ctx: DemoContext,
    model: type[TargetGroup] | type[Approach],
    slug: str,
    sv: tuple[str, str],
    en: tuple[str, str],
) -> Pair:
    term = model.objects.filter(slug=slug, locale=ctx.sv).first()
    if term is None:
        term = model.objects.create(slug=slug, locale=ctx.sv, name=sv[0], description=sv[1])
        ctx.count("snippets", True)

    translation = term.get_translation_or_none(ctx.en)
    if translation is None:
        clash = model.objects.filter(slug=slug, locale=ctx.en).first()
        if clash is not None:
            raise CommandError(
                f"The English {model._meta.verbose_name} '{clash}' uses the slug '{slug}' but is "
                "not a translation of the Swedish one. Delete it or give it another slug."
            )
        # copy_for_translation keeps the translation key and the synchronised slug.
        translation = term.copy_for_translation(ctx.en)
        translation.name, translation.description = en
        translation.save()
        ctx.count("snippets", True)
    return Pair(term, translation)


def ensure_taxonomy(ctx: DemoContext) -> dict[str, Pair]:
    """Every term by slug; target group and approach slugs do not overlap."""
    terms: dict[str, Pair] = {}
    for slug, (sv, en) in TARGET_GROUPS.items():
        terms[slug] = _ensure_term(ctx, TargetGroup, slug, sv, en)
    for slug, (sv, en) in APPROACHES.items():
        terms[slug] = _ensure_term(ctx, Approach, slug, sv, en)
    return terms
