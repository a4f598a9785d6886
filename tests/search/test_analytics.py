"""Search statistics: one cheap upsert per search, and the admin report built from them."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from search.analytics import log_search, popular_queries, prune, zero_result_queries
from search.models import DailySearchQuery

REPORT_URL = "/admin/reports/search-terms/"


def make_user(username: str, *codenames: str):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="pw"
    )
    group = Group.objects.create(name=f"group-{username}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(codename__in=codenames),
    )
    user.groups.add(group)
    return user


@pytest.fixture
def searches(db):
    today = timezone.localdate()
    for _ in range(3):
        log_search("Språkcafé", "sv", 12)
    log_search("språkcafé ", "sv", 11)
    log_search("Mentorskap", "sv", 4)
    log_search("qwxzyvk", "sv", 0)
    log_search("qwxzyvk", "sv", 0)
    log_search("housing", "en", 0)
    log_search("Forgotten", "sv", 0, day=today - timedelta(days=40))


def test_one_row_per_query_language_and_day(searches):
    row = DailySearchQuery.objects.get(query="språkcafé")
    assert (row.searches, row.results, row.language) == (4, 11, "sv")
    assert DailySearchQuery.objects.count() == 5


def test_empty_and_long_queries(db):
    log_search("   ", "sv", 0)
    assert not DailySearchQuery.objects.exists()
    log_search("x" * 5000, "sv", 0)
    assert len(DailySearchQuery.objects.get().query) == 200


def test_popular_and_zero_result_queries_cover_thirty_days(searches):
    popular = [(row["query"], row["total"]) for row in popular_queries()]
    assert popular[:2] == [("språkcafé", 4), ("qwxzyvk", 2)]
    assert "forgotten" not in [q for q, _n in popular]
    zero = [row["query"] for row in zero_result_queries()]
    assert zero == ["qwxzyvk", "housing"]


def test_prune_forgets_old_days(searches):
    assert prune(days=30) == 1
    assert not DailySearchQuery.objects.filter(query="forgotten").exists()


def test_superuser_sees_the_report_with_both_lists(searches, admin_client):
    response = admin_client.get(REPORT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    popular = html[html.index('data-search-terms="popular"') :]
    assert popular.index("språkcafé") < popular.index("mentorskap")
    zero = html[html.index('data-search-terms="zero"') :]
    assert "qwxzyvk" in zero and "housing" in zero
    assert "mentorskap" not in zero.split("</table>")[0]
    assert "forgotten" not in html


def test_report_filters_by_language(searches, admin_client):
    html = admin_client.get(REPORT_URL, {"language": "en"}).content.decode()
    assert "housing" in html
    assert "språkcafé" not in html


def test_report_exports_a_spreadsheet(searches, admin_client):
    response = admin_client.get(REPORT_URL, {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert "språkcafé" in content
    assert "mentorskap" in content


def test_a_query_that_looks_like_a_formula_is_exported_as_text(searches, admin_client):
    log_search('=HYPERLINK("http://evil")', "sv", 0)
    response = admin_client.get(REPORT_URL, {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert '\'=hyperlink(""http://evil"")' in content


def test_permission_grants_report_and_menu_item(searches, client):
    allowed = make_user("manager", "view_search_report")
    client.force_login(allowed)
    assert client.get(REPORT_URL).status_code == 200
    assert REPORT_URL in client.get("/admin/").content.decode()


def test_without_permission_no_report_and_no_menu_item(searches, client):
    editor = make_user("editor")
    client.force_login(editor)
    response = client.get(REPORT_URL)
    assert response.status_code in (302, 403)
    assert "språkcafé" not in response.content.decode()
    assert REPORT_URL not in client.get("/admin/").content.decode()


def test_anonymous_is_sent_to_login(searches, client):
    response = client.get(REPORT_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_permission_is_offered_in_the_group_editor(admin_client, db):
    group = Group.objects.get_or_create(name="Projektledare")[0]  # migrations may create it
    response = admin_client.get(reverse("wagtailusers_groups:edit", args=[group.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    permission = Permission.objects.get(codename="view_search_report")
    assert f'value="{permission.pk}"' in html


def test_prune_command_keeps_the_report_period(searches):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("prune_search_statistics", "--days", "1", stdout=out)
    assert "Deleted 1 rows" in out.getvalue()  # only the 40-day-old row; 31 days are kept
    assert DailySearchQuery.objects.count() == 4
