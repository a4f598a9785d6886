"""Related practices: precomputed on publish, same language, never itself, never unpublished."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning import related
from learning.models import PracticeTerm, RelatedPractice
from practices.models import PracticePage
from tests import factories
from tests.learning.learning_helpers import publish, second_municipality


def make_practice(parent, title, summary, target_groups=(), approaches=(), tags=(), **fields):
    page = factories.PracticePageFactory(parent=parent, title=title, summary=summary, **fields)
    page.target_groups.set(list(target_groups))
    page.approaches.set(list(approaches))
    if tags:
        page.tags.set(list(tags))
    page.save()
    return publish(page)


@pytest.fixture
def terms(site_tree):
    return {
        "adults": factories.TargetGroupFactory(name="Vuxna", slug="vuxna"),
        "children": factories.TargetGroupFactory(name="Barn", slug="barn"),
        "meeting": factories.ApproachFactory(name="Mötesplats", slug="motesplats"),
        "mentor": factories.ApproachFactory(name="Mentorskap", slug="mentorskap"),
        "work": factories.ApproachFactory(name="Arbete", slug="arbete"),
    }


@pytest.fixture
def practices(site_tree, terms):
    hylte = site_tree["municipality_sv"]
    other = second_municipality(site_tree)
    t = terms
    return {
        "cafe": make_practice(
            hylte,
            "Språkcafé i biblioteket",
            "Ett språkcafé där nyanlända vuxna övar svenska med volontärer varje vecka.",
            [t["adults"]],
            [t["meeting"]],
        ),
        "cafe2": make_practice(
            other,
            "Språkcafé på fritidsgården",
            "Språkcafé med volontärer där vuxna nyanlända övar svenska och får information.",
            [t["adults"]],
            [t["meeting"]],
        ),
        "meeting": make_practice(
            other,
            "Mötesplats i byn",
            "En mötesplats för nyanlända och byborna med fika och frågor om samhället.",
            [t["adults"]],
            [t["meeting"]],
        ),
        "mentor": make_practice(
            hylte,
            "Mentorer för unga",
            "Mentorer hjälper unga att hitta läxhjälp och fritidsaktiviteter.",
            [t["children"]],
            [t["mentor"]],
        ),
        "jobs": make_practice(
            other,
            "Praktikplatser i kommunen",
            "Kommunen erbjuder praktik och anställning till nyanlända vuxna.",
            [t["adults"]],
            [t["work"]],
        ),
        "words": make_practice(
            hylte,
            "Volontärer övar svenska",
            "Volontärer och nyanlända övar svenska i ett språkcafé på torget.",
        ),
    }


def related_titles(page: PracticePage) -> list[str]:
    return [p.title for p in related.related_for(page)]


@pytest.mark.django_db
def test_best_match_first_and_never_itself(practices):
    titles = related_titles(practices["cafe"])
    assert titles[0] == "Språkcafé på fritidsgården"  # same taxonomy and the most shared words
    assert "Språkcafé i biblioteket" not in titles
    assert "Mentorer för unga" not in titles  # shares nothing
    assert len(titles) <= related.MAX_RELATED


@pytest.mark.django_db
def test_text_similarity_alone_relates_practices(practices):
    # "words" has no target group or approach at all, only text in common with the cafés.
    titles = related_titles(practices["words"])
    assert set(titles[:2]) == {"Språkcafé i biblioteket", "Språkcafé på fritidsgården"}


@pytest.mark.django_db
def test_inflections_and_spellings_of_a_word_relate_practices(site_tree):
    # No taxonomy and no word written alike: only the search's analysis (folding, Swedish
    # stemming to a fixed point) tells that these two are about the same thing.
    hylte = site_tree["municipality_sv"]
    make_practice(hylte, "Fika i byn", "Kvällsfika med grannar.")
    make_practice(hylte, "Cykelskola", "Cykelskola för vuxna på sommaren.")
    first = make_practice(hylte, "Mötesplats i Härnösand", "Mötesplats.")
    second = make_practice(hylte, "Mötesplatser i Harnosand", "Mötesplatser.")
    assert related_titles(first) == [second.title]
    assert related_titles(second) == [first.title]


@pytest.mark.django_db
def test_neighbours_are_updated_when_a_practice_is_published(practices, site_tree, terms):
    newcomer = make_practice(
        site_tree["municipality_sv"],
        "Mentorer för unga i skolan",
        "Mentorer hjälper unga med läxhjälp och fritidsaktiviteter efter skolan.",
        [terms["children"]],
        [terms["mentor"]],
    )
    assert related_titles(practices["mentor"])[0] == newcomer.title
    assert related_titles(newcomer)[0] == "Mentorer för unga"


@pytest.mark.django_db
def test_unpublished_and_deleted_practices_disappear(practices):
    cafe2 = practices["cafe2"]
    assert cafe2.title in related_titles(practices["cafe"])
    cafe2.unpublish()
    assert cafe2.title not in related_titles(practices["cafe"])
    assert not RelatedPractice.objects.filter(related=cafe2).exists()
    assert not PracticeTerm.objects.filter(practice=cafe2).exists()

    meeting = practices["meeting"]
    assert meeting.title in related_titles(practices["cafe"])
    meeting.delete()
    assert meeting.title not in related_titles(practices["cafe"])
    assert "Praktikplatser i kommunen" in related_titles(practices["cafe"])  # the gap refilled


@pytest.mark.django_db
def test_a_draft_is_never_listed_even_if_stored(practices):
    # Belt and braces: rows for a page that went offline without a signal are filtered out.
    PracticePage.objects.filter(pk=practices["cafe2"].pk).update(live=False)
    assert "Språkcafé på fritidsgården" not in related_titles(practices["cafe"])


@pytest.mark.django_db
def test_only_the_same_language(practices, site_tree, locales):
    other = practices["cafe2"].get_parent().specific
    factories.translate(other, locales["en"])
    english = factories.translate(
        practices["cafe2"],
        locales["en"],
        title="Language café at the youth centre",
        summary="A language café with volunteers where adult newcomers practise Swedish.",
        slug="language-cafe",
    )
    english_cafe = factories.translate(
        practices["cafe"],
        locales["en"],
        title="Language café in the library",
        summary="A language café where adult newcomers practise Swedish with volunteers.",
        slug="language-cafe-library",
    )
    swedish_titles = related_titles(practices["cafe"])
    assert all(
        p.locale_id == practices["cafe"].locale_id for p in related.related_for(practices["cafe"])
    )
    assert english.title not in swedish_titles
    english_related = related.related_for(english_cafe)
    assert [p.title for p in english_related] == [english.title]
    assert all(p.locale_id == locales["en"].pk for p in english_related)


@pytest.mark.django_db
def test_practice_page_lists_related_in_bounded_queries(
    client, practices, django_assert_max_num_queries
):
    url = practices["cafe"].url
    client.get(url)  # warm up site root paths and the like
    with django_assert_max_num_queries(60):
        html = client.get(url).content.decode()
    assert 'id="related-heading"' in html
    assert "Språkcafé på fritidsgården" in html


@pytest.mark.django_db
def test_publish_cost_does_not_grow_with_the_number_of_practices(site_tree, terms):
    hylte = site_tree["municipality_sv"]

    def publish_cost(title: str) -> int:
        page = make_practice(
            hylte,
            title,
            "Språkcafé för vuxna nyanlända.",
            [terms["adults"]],
            [terms["meeting"]],
        )
        with CaptureQueriesContext(connection) as queries:
            related.update_for_published(page)
        return len(queries)

    for n in range(5):
        make_practice(
            hylte, f"Exempel {n}", "Språkcafé för vuxna.", [terms["adults"]], [terms["meeting"]]
        )
    small = publish_cost("Mätpunkt ett")
    for n in range(5, 45):
        make_practice(
            hylte, f"Exempel {n}", "Språkcafé för vuxna.", [terms["adults"]], [terms["meeting"]]
        )
    large = publish_cost("Mätpunkt två")
    # Neighbours whose top five change are rewritten, so allow some growth, but not per practice.
    assert large <= small + 2 * related.MAX_RELATED * 3, (small, large)


@pytest.mark.django_db
def test_rebuild_gives_the_same_lists(practices):
    before = {key: related_titles(page) for key, page in practices.items()}
    assert related.rebuild_all() == len(practices)
    after = {key: related_titles(page) for key, page in practices.items()}
    assert after["cafe"][0] == before["cafe"][0]
    assert set(after["words"][:2]) == set(before["words"][:2])
