"""Did you mean (search/suggest.py), through the search page."""

import pytest

from tests.search.search_corpus import result_titles, search_url

# A module's corpus: tests/search/conftest.py; every test starts from fresh facts and caches.
pytestmark = pytest.mark.usefixtures("fresh_search_state")


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("mötesplatsr", "mötesplatser"), ("skolorma", "skolorna"), ("laxhjalpp", "läxhjälp")],
)
def test_did_you_mean(corpus, client, typed, suggested):
    response = client.get(search_url(q=typed))
    assert response.context["outcome"].suggestion == suggested
    html = response.content.decode()
    assert "did-you-mean" in html
    assert response.context["suggestion_url"] in html.replace("&amp;", "&")
    followed = client.get(search_url() + response.context["suggestion_url"])
    assert result_titles(followed)


def test_no_suggestion_for_correct_words(corpus, client):
    response = client.get(search_url(q="mötesplats"))
    assert response.context["outcome"].suggestion is None
