"""The site the search benchmark searches: municipalities, taxonomy and N practices.

The practices are inserted straight into the tables, without Wagtail's per-page tree,
revision or index work, so that 10,000 of them take seconds. Part of bench/search.py; Django
is imported inside the functions, after the script has set it up.
"""

from __future__ import annotations

import random
import time
import uuid
from datetime import date, timedelta

from search_text import Writer

MUNICIPALITIES = [
    ("0114", "Upplands Väsby", "01"),
    ("0180", "Stockholm", "01"),
    ("0127", "Botkyrka", "01"),
    ("0181", "Södertälje", "01"),
    ("0380", "Uppsala", "03"),
    ("0381", "Enköping", "03"),
    ("0480", "Nyköping", "04"),
    ("0484", "Eskilstuna", "04"),
    ("0580", "Linköping", "05"),
    ("0581", "Norrköping", "05"),
    ("0680", "Jönköping", "06"),
    ("0662", "Gislaved", "06"),
    ("0780", "Växjö", "07"),
    ("0765", "Älmhult", "07"),
    ("0880", "Kalmar", "08"),
    ("0882", "Oskarshamn", "08"),
    ("0980", "Gotland", "09"),
    ("1080", "Karlskrona", "10"),
    ("1082", "Karlshamn", "10"),
    ("1280", "Malmö", "12"),
    ("1283", "Helsingborg", "12"),
    ("1290", "Kristianstad", "12"),
    ("1281", "Lund", "12"),
    ("1315", "Hylte", "13"),
    ("1380", "Halmstad", "13"),
    ("1382", "Falkenberg", "13"),
    ("1480", "Göteborg", "14"),
    ("1490", "Borås", "14"),
    ("1488", "Trollhättan", "14"),
    ("1485", "Uddevalla", "14"),
    ("1780", "Karlstad", "17"),
    ("1781", "Kristinehamn", "17"),
    ("1880", "Örebro", "18"),
    ("1885", "Lindesberg", "18"),
    ("1980", "Västerås", "19"),
    ("1983", "Köping", "19"),
    ("2080", "Falun", "20"),
    ("2081", "Borlänge", "20"),
    ("2180", "Gävle", "21"),
    ("2184", "Hudiksvall", "21"),
    ("2280", "Härnösand", "22"),
    ("2281", "Sundsvall", "22"),
    ("2284", "Örnsköldsvik", "22"),
    ("2283", "Sollefteå", "22"),
    ("2380", "Östersund", "23"),
    ("2361", "Härjedalen", "23"),
    ("2480", "Umeå", "24"),
    ("2482", "Skellefteå", "24"),
    ("2462", "Vilhelmina", "24"),
    ("2580", "Luleå", "25"),
    ("2581", "Piteå", "25"),
    ("2584", "Kiruna", "25"),
    ("2523", "Gällivare", "25"),
    ("1984", "Arboga", "19"),
    ("0860", "Hultsfred", "08"),
    ("1060", "Olofström", "10"),
    ("1292", "Ängelholm", "12"),
    ("1489", "Alingsås", "14"),
    ("2085", "Ludvika", "20"),
    ("0686", "Eksjö", "06"),
]
TARGET_GROUPS = [
    ("women", "Nyanlända kvinnor", "Newly arrived women"),
    ("youth", "Ensamkommande ungdomar", "Unaccompanied young people"),
    ("parents", "Föräldrar", "Parents"),
    ("elderly", "Äldre nyanlända", "Older newcomers"),
    ("academics", "Akademiker", "Graduates"),
    ("children", "Barn i förskoleåldern", "Pre-school children"),
    ("unemployed", "Långtidsarbetslösa", "Long-term unemployed"),
    ("disability", "Personer med funktionsnedsättning", "People with disabilities"),
]
APPROACHES = [
    ("mentoring", "Mentorskap", "Mentoring"),
    ("language-cafe", "Språkcafé", "Language café"),
    ("work-placement", "Praktik", "Work placement"),
    ("civic-orientation", "Samhällsorientering", "Civic orientation"),
    ("sport", "Idrott och fritid", "Sport and leisure"),
    ("health", "Hälsa", "Health"),
    ("housing", "Bostad", "Housing"),
    ("validation", "Validering", "Validation of skills"),
    ("digital", "Digital delaktighet", "Digital inclusion"),
    ("parenting", "Föräldrastöd", "Parenting support"),
]


def base36(number: int) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = alphabet[rest] + digits
    return digits.rjust(4, "0")


def build_skeleton():
    from wagtail.models import Locale, Page, Site

    from core.models import HomePage
    from municipalities.models import MunicipalityIndexPage, MunicipalityPage
    from practices.models import Approach, TargetGroup

    sv, _ = Locale.objects.get_or_create(language_code="sv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    root.refresh_from_db()
    home = root.add_child(instance=HomePage(title="Lärplattformen", slug="sv", locale=sv))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Bench"},
    )
    index = home.add_child(
        instance=MunicipalityIndexPage(title="Kommuner", slug="kommuner", locale=sv)
    )
    home_en = home.copy_for_translation(en, copy_parents=False)
    home_en.title = "Learning platform"
    home_en.save_revision().publish()
    index_en = index.copy_for_translation(en, copy_parents=False)
    index_en.title, index_en.slug = "Municipalities", "municipalities"
    index_en.save_revision().publish()

    municipalities = {}
    for code, name, county in MUNICIPALITIES:
        page = index.add_child(
            instance=MunicipalityPage(
                title=name,
                official_name=f"{name} kommun",
                code=code,
                county=county,
                locale=sv,
            )
        )
        translation = page.copy_for_translation(en, copy_parents=False)
        translation.save_revision().publish()
        translation.refresh_from_db()
        municipalities[code] = (MunicipalityPage.objects.get(pk=page.pk), translation)

    terms = {}
    for model, rows in ((TargetGroup, TARGET_GROUPS), (Approach, APPROACHES)):
        for slug, name_sv, name_en in rows:
            term_sv = model.objects.create(slug=slug, name=name_sv, locale=sv)
            term_en = term_sv.copy_for_translation(en)
            term_en.name = name_en
            term_en.save()
            terms[(model.__name__, slug)] = (term_sv, term_en)
    return sv, en, municipalities, terms


def create_practices(n: int, english_share: float, seed: int) -> tuple[int, int]:
    """Insert practices straight into the tables (no per-page tree, revision or index work)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify
    from wagtail.models import Page

    from municipalities.models import MunicipalityPage
    from practices.models import PracticePage

    sv, en, municipalities, terms = build_skeleton()
    rng = random.Random(seed)
    writer = Writer(rng)
    content_type = ContentType.objects.get_for_model(PracticePage)
    now = timezone.now()
    english_count = int(n * english_share / (1 + english_share))
    swedish_count = n - english_count
    translated = set(rng.sample(range(swedish_count), english_count))
    codes = [code for code, _name, _county in MUNICIPALITIES]
    child_count: dict[int, int] = {}
    statuses = ["ongoing"] * 5 + ["regular"] * 3 + ["ended"] * 2 + ["planned"]
    evidence = ["not_evaluated"] * 4 + ["internal"] * 4 + ["external"] * 2 + ["research"]
    tg_slugs = [slug for slug, _a, _b in TARGET_GROUPS]
    ap_slugs = [slug for slug, _a, _b in APPROACHES]

    def plan(language: str, parent: MunicipalityPage, content: dict, meta: dict, key: uuid.UUID):
        number = child_count.get(parent.pk, 0) + 1
        child_count[parent.pk] = number
        slug = f"{slugify(content['title'])[:60]}-{number}"
        published = now - timedelta(minutes=meta["age"])
        page = Page(
            title=content["title"],
            draft_title=content["title"],
            slug=slug,
            content_type=content_type,
            path=parent.path + base36(number),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            latest_revision_created_at=published,
            locale=sv if language == "sv" else en,
            translation_key=key,
        )
        child = {
            "summary": content["summary"],
            "challenge": content["challenge"],
            "what_was_done": content["what_was_done"],
            "results": content["results"],
            "lessons_learned": content["lessons_learned"],
            "what_did_not_work": content["what_did_not_work"],
            "transferability": content["transferability"],
            "body": content["body"],
            "partners": content["partners"],
            "status": meta["status"],
            "evidence_level": meta["evidence"],
            "municipality_id": parent.pk,
            "last_verified": date(2025, 1, 1) + timedelta(days=meta["age"] % 365),
        }
        return page, child

    started = time.monotonic()
    batch_pages, batch_children, links = [], [], []
    total = 0

    def flush() -> None:
        nonlocal batch_pages, batch_children, links, total
        if not batch_pages:
            return
        with transaction.atomic():
            created = Page.objects.bulk_create(batch_pages, batch_size=500)
            children = []
            for page, (child, meta, language) in zip(created, batch_children, strict=True):
                obj = PracticePage(page_ptr_id=page.pk, **child)
                children.append(obj)
                for slug in meta["target_groups"]:
                    term = terms[("TargetGroup", slug)][0 if language == "sv" else 1]
                    links.append(("tg", page.pk, term.pk))
                for slug in meta["approaches"]:
                    term = terms[("Approach", slug)][0 if language == "sv" else 1]
                    links.append(("ap", page.pk, term.pk))
                for code in meta["participants"]:
                    links.append(
                        ("mu", page.pk, municipalities[code][0 if language == "sv" else 1].pk)
                    )
            fields = PracticePage._meta.local_concrete_fields
            for start in range(0, len(children), 200):
                PracticePage._base_manager._insert(children[start : start + 200], fields=fields)
            through_tg = PracticePage.target_groups.through
            through_ap = PracticePage.approaches.through
            through_mu = PracticePage.participating_municipalities.through
            through_tg.objects.bulk_create(
                [through_tg(practicepage_id=p, targetgroup_id=t) for k, p, t in links if k == "tg"],
                batch_size=1000,
            )
            through_ap.objects.bulk_create(
                [through_ap(practicepage_id=p, approach_id=t) for k, p, t in links if k == "ap"],
                batch_size=1000,
            )
            through_mu.objects.bulk_create(
                [
                    through_mu(practicepage_id=p, municipalitypage_id=t)
                    for k, p, t in links
                    if k == "mu"
                ],
                batch_size=1000,
            )
        total += len(batch_pages)
        batch_pages, batch_children, links = [], [], []

    for i in range(swedish_count):
        code = codes[int(rng.paretovariate(1.2) * 3) % len(codes)]
        parent_sv, parent_en = municipalities[code]
        topic, topic2 = writer.topic(), writer.topic()
        while topic2 == topic:
            topic2 = writer.topic()
        group_slug = rng.choice(tg_slugs)
        group_sv = next(row for row in TARGET_GROUPS if row[0] == group_slug)
        meta = {
            "age": i * 3 + rng.randrange(3),
            "status": rng.choice(statuses),
            "evidence": rng.choice(evidence),
            "target_groups": sorted({group_slug, *rng.sample(tg_slugs, rng.randrange(0, 2))}),
            "approaches": sorted(set(rng.sample(ap_slugs, rng.randrange(1, 3)))),
            "participants": (
                sorted(set(rng.sample(codes, 2)) - {code}) if rng.random() < 0.1 else []
            ),
        }
        key = uuid.uuid4()
        content = writer.practice("sv", topic, topic2, group_sv[1], parent_sv.title)
        page, child = plan("sv", parent_sv, content, meta, key)
        batch_pages.append(page)
        batch_children.append((child, meta, "sv"))
        if i in translated:
            content = writer.practice("en", topic, topic2, group_sv[2], parent_en.title)
            page, child = plan("en", parent_en, content, meta, key)
            batch_pages.append(page)
            batch_children.append((child, meta, "en"))
        if len(batch_pages) >= 1000:
            flush()
    flush()
    for parent_pk, count in child_count.items():
        MunicipalityPage.objects.filter(pk=parent_pk).update(numchild=count)
    print(f"  inserted {total} practices in {time.monotonic() - started:.1f} s")
    return swedish_count, english_count
