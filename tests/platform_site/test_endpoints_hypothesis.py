"""Property-based tests: random strings and parameters never cause a server error.

The test client re-raises any exception a view lets escape, so "no 500" covers crashes too.
Every endpoint is looked up by its URL name: a renamed URL fails the test, it is not skipped.
"""

from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories

FAST = settings(
    max_examples=40,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Anything a browser or a bot could put in a query string, including control characters,
# very long values, SQL and markup.
nasty_text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "'",
            '"',
            "%",
            "\\",
            "*",
            "skola*",
            "'; DROP TABLE wagtailcore_page; --",
            "<script>alert(1)</script>",
            "NOT AND OR",
            '"unterminated',
            "a" * 5000,
            "-1",
            "0",
            "99999999999999999999999",
            "1e400",
            "NaN",
            "null",
            "☃️🏳️‍🌈",
            "Härnösand",
        ]
    ),
)
param_names = st.sampled_from(
    [
        "q",
        "page",
        "target_group",
        "approach",
        "municipality",
        "county",
        "status",
        "sort",
        "order",
        "lang",
        "format",
        "limit",
        "offset",
        "type",
        "fields",
        "search",
        "locale",
    ]
)
query_params = st.lists(st.tuples(param_names, nasty_text), max_size=6)


@pytest.fixture
def site(site_tree):
    group = factories.TargetGroupFactory(name="Unga", slug="unga")
    for i in range(3):
        practice = factories.PracticePageFactory(
            parent=site_tree["municipality_sv"], title=f"Skola och språk {i}"
        )
        practice.target_groups.add(group)
        practice.save()
    return site_tree


def assert_no_server_error(client, url: str, params: list[tuple[str, str]]) -> None:
    full = f"{url}?{urlencode(params)}" if params else url
    response = client.get(full)
    assert response.status_code < 500, (full, response.status_code)


@FAST
@given(params=query_params, language=st.sampled_from(["sv", "en"]))
def test_search_page_never_fails(client, site, params, language):
    with translation.override(language):
        url = reverse("search:search")
    assert_no_server_error(client, url, params)


@FAST
@given(params=query_params, language=st.sampled_from(["sv", "en"]))
def test_practice_index_filters_never_fail(client, site, params, language):
    url = site[f"practice_index_{language}"].url
    assert_no_server_error(client, url, params)


@FAST
@given(params=query_params)
def test_feeds_never_fail(client, site, params):
    with translation.override("sv"):
        url = reverse("feeds:practices", kwargs={"fmt": "rss"})
        atom_url = reverse("feeds:practices", kwargs={"fmt": "atom"})
    assert_no_server_error(client, url, params)
    assert_no_server_error(client, atom_url, params)


@FAST
@given(params=query_params, endpoint=st.sampled_from(["pages", "images", "documents"]))
def test_api_never_fails(client, site, params, endpoint):
    with translation.override("sv"):
        url = reverse(f"wagtailapi:{endpoint}:listing")
    assert_no_server_error(client, url, params)


@FAST
@given(detail=nasty_text)
def test_api_detail_with_random_ids_never_fails(client, site, detail):
    with translation.override("sv"):
        url = reverse("wagtailapi:pages:listing")
    response = client.get(f"{url}{quote(detail, safe='')}/")
    assert response.status_code < 500


@FAST
@given(params=query_params, name=st.sampled_from(["practices_json", "practices_csv", "index"]))
def test_open_data_never_fails(client, site, params, name):
    with translation.override("sv"):
        url = reverse(f"open_data:{name}")
    assert_no_server_error(client, url, params)


@FAST
@given(path=st.text(min_size=1, max_size=80))
def test_random_paths_never_fail(client, site, path):
    for prefix in ("/sv/", "/en/", "/"):
        response = client.get(prefix + path.lstrip("/"))
        assert response.status_code < 500, (prefix + path, response.status_code)
