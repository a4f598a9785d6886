"""Synonym sets: expansion of a query, the search page with them, and their admin."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.search.query import Boost, Or

from demo.search import DEMO_SYNONYM_SETS, build_search_demo
from search import synonyms
from search.models import SynonymSet
from search.query import LocalizedText
from tests.search.search_corpus import module_corpus, reset_search_state

REFUGEES = synonyms.build_table(
    [["flykting", "skyddsbehövande", "asylsökande", "på flykt"], ["Ukraina", "ukrainsk"]], "sv"
)


def test_any_inflection_of_a_word_finds_the_rest_of_its_set():
    expansion = synonyms.expand("flyktingar", "sv", table=REFUGEES)
    assert expansion.added == ("skyddsbehövande", "asylsökande", "på flykt")
    assert expansion.positions == (("flyktingar", expansion.added),)
    # Stop words of a phrase are dropped as in a query: "på flykt" is keyed as "flykt".
    assert synonyms.expand("flykt", "sv", table=REFUGEES).added[0] == "flykting"


def test_each_word_of_a_query_is_expanded_on_its_own():
    expansion = synonyms.expand("ukrainska flyktingar i Hylte", "sv", table=REFUGEES)
    assert [words for words, _s in expansion.positions] == ["ukrainska", "flyktingar", "hylte"]
    assert expansion.positions[0][1] == ("Ukraina",)  # "ukrainsk" is the word typed
    assert expansion.positions[2][1] == ()
    assert {"ukrain", "flykting", "skyddsbehov", "hylt"} <= expansion.stems


def test_the_query_as_typed_is_boosted_above_its_synonyms():
    query = synonyms.expand("flyktingar", "sv", table=REFUGEES).query
    assert isinstance(query, Or)
    exact, expanded = query.subqueries
    assert isinstance(exact, Boost) and exact.boost == synonyms.EXACT_BOOST
    assert exact.subquery.query_string == "flyktingar"
    words = [sub.query_string for sub in expanded.subqueries]
    assert words == ["flyktingar", "skyddsbehövande", "asylsökande", "på flykt"]
    assert all(sub.language == "sv" for sub in expanded.subqueries)


def test_a_query_without_synonyms_is_the_query_typed():
    query = synonyms.expand("läxhjälp", "sv", table=REFUGEES).query
    assert type(query) is LocalizedText
    assert (query.query_string, query.language, query.operator) == ("läxhjälp", "sv", "and")
    assert synonyms.expand("läxhjälp", "sv", table=REFUGEES).added == ()


def test_sets_only_apply_to_their_own_language():
    table = synonyms.build_table([["flykting", "asylsökande"]], "sv")
    assert synonyms.expand("refugee", "en", table=table).added == ()


@pytest.mark.parametrize("words", ["ensam", "flykting, ,  ", ""])
def test_a_set_needs_two_words(words):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        SynonymSet(words=words).clean()


def test_a_set_is_tidied_when_saved_through_the_form():
    synonym_set = SynonymSet(words=" kafé,café;  Café \n kafeet ")
    synonym_set.clean()
    assert synonym_set.words == "kafé, café, kafeet"


# -- the search page --------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    with module_corpus(django_db_blocker) as data:
        yield data


@pytest.fixture(autouse=True)
def _fresh_state(db):
    reset_search_state()
    yield
    reset_search_state()


def search(client, language, q):
    with translation.override(language):
        url = reverse("search:search")
    return client.get(url, {"q": q})


def titles(response) -> list[str]:
    return [item.page.title for item in response.context["results"]]


def test_a_synonym_finds_more_and_the_word_typed_ranks_first(corpus, client):
    assert titles(search(client, "sv", "cykelskola")) == ["Cykelskola för vuxna"]
    SynonymSet.objects.create(locale=corpus["sv"], words="cykelskola, läxhjälp")

    response = search(client, "sv", "cykelskola")
    found = titles(response)
    # The exact match first, though "Läxhjälp i biblioteket" also matches in its title.
    assert found[0] == "Cykelskola för vuxna"
    assert set(found) == {
        "Cykelskola för vuxna",
        "Läxhjälp i biblioteket",
        "Studiestöd för unga",
        "Familjecentralen",
    }
    assert found.index("Läxhjälp i biblioteket") < found.index("Familjecentralen")
    html = response.content.decode()
    assert "Visar även träffar för läxhjälp" in html
    # The synonym is highlighted in the excerpt of a practice found through it.
    excerpts = {item.page.title: str(item.excerpt) for item in response.context["results"]}
    assert "<mark>läxhjälp</mark>" in excerpts["Studiestöd för unga"]


def test_changing_a_set_takes_effect_at_once_without_reindexing(corpus, client):
    synonym_set = SynonymSet.objects.create(locale=corpus["sv"], words="cykelskola, läxhjälp")
    assert len(titles(search(client, "sv", "cykelskola"))) == 4

    synonym_set.words = "cykelskola, mötesplats"
    synonym_set.save()
    assert titles(search(client, "sv", "cykelskola")) == [
        "Cykelskola för vuxna",
        "Mötesplatser för nyanlända",
    ]

    synonym_set.delete()
    response = search(client, "sv", "cykelskola")
    assert titles(response) == ["Cykelskola för vuxna"]
    assert "Visar även" not in response.content.decode()


def test_english_sets_and_notice(corpus, client):
    SynonymSet.objects.create(locale=corpus["en"], words="asylum seekers, refugees")
    SynonymSet.objects.create(locale=corpus["sv"], words="flykting, asylsökande")
    response = search(client, "en", "asylum seekers")
    assert titles(response) == ["Meeting places for refugees"]
    assert "Also showing results for refugees" in response.content.decode()
    # The Swedish set is not used for English searches (and vice versa).
    assert titles(search(client, "sv", "refugees")) == []


def test_no_notice_when_nothing_is_found(corpus, client):
    SynonymSet.objects.create(locale=corpus["sv"], words="zyxxy, qwoppa")
    response = search(client, "sv", "zyxxy")
    assert titles(response) == []
    assert "Visar även" not in response.content.decode()


def test_the_demo_sets_are_built_once(corpus):
    created = build_search_demo()
    assert created == sum(len(by_language) for by_language in DEMO_SYNONYM_SETS.values())
    assert build_search_demo() == 0
    ukraine = SynonymSet.objects.get(locale=corpus["sv"], words__startswith="Ukraina")
    english = ukraine.get_translation(corpus["en"])
    assert english.word_list() == ["Ukraine", "Ukrainian", "Ukrainians"]
