"""Bad input answers 4xx or a form error, never a server error (issue 10, class 8).

The regressions first, then a probe generated from the URL resolver: every named admin route
(Wagtail's, wagtail-localize's, ours) and every API route is requested as a superuser with
real ids, with ids that do not exist or do not fit, and with nonsense query parameters; every
POST form it renders is submitted as a browser without JavaScript would (so no StreamField
management keys at all), with every value replaced by text, and empty. The test client
re-raises any exception a view lets escape, so "< 500" also means "no crash".
"""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from urllib.parse import urljoin

import pytest
import wagtail_factories
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Site, Task, Workflow

from core.models import CustomImage
from core.stream_forms import MALFORMED_MESSAGE
from tests import factories
from tests.form_probe import Route, named_routes, post_forms

pytestmark = pytest.mark.django_db


class ImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = CustomImage


class DocumentFactory(wagtail_factories.DocumentFactory):
    class Meta:
        model = get_document_model()


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@kommun.example", "x")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def world(site_tree, superuser_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    practice = factories.PracticePageFactory(parent=site_tree["municipality_sv"], title="Språkcafé")
    practice.save_revision()
    return {
        "page": practice,
        "municipality": site_tree["municipality_sv"],
        "image": ImageFactory(title="Bild"),
        "document": DocumentFactory(title="Plan"),
        "collection": Collection.get_first_root_node().add_child(name="Hylte"),
        "user": superuser_client.user,
        "group": Group.objects.create(name="Prövare"),
        "site": Site.objects.get(is_default_site=True),
        "locale": Locale.objects.get(language_code="sv"),
        "workflow": Workflow.objects.first() or Workflow.objects.create(name="Granskning"),
        "task": Task.objects.first(),
        "contact": factories.ContactPersonFactory(),
        "target_group": factories.TargetGroupFactory(),
        "approach": factories.ApproachFactory(),
    }


def form_data(client, url: str) -> dict[str, str]:
    """The fields of the page's form that posts to `url`, as sent without JavaScript."""
    forms = post_forms(client.get(url).content.decode())
    (form,) = [f for f in forms if f.action == url]
    return dict(form.fields)


def malformed_message_shown(response) -> bool:
    content = response.content.decode()
    # In whichever language the admin speaks; the message sits in the block's JSON (escaped).
    for language in ("sv", "en"):
        with translation.override(language):
            message = json.dumps(str(MALFORMED_MESSAGE))[1:-1]
        if escape(message) in content or message in content:
            return True
    return False


# --- The regressions reported in the issue -----------------------------------------------


def test_an_over_long_media_name_is_not_found(client, db):
    response = client.get("/media/" + "a" * 300, follow=True)
    assert response.status_code == 404


def test_page_post_without_streamfield_management_keys_is_a_form_error(superuser_client, world):
    page = world["page"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(superuser_client, url)
    assert not any(key.endswith("-count") for key in data)  # as sent without JavaScript
    data["title"] = "Ändrad titel"
    revisions = page.revisions.count()

    response = superuser_client.post(url, data)

    assert response.status_code == 200
    assert malformed_message_shown(response)
    page.refresh_from_db()
    assert page.title == "Språkcafé"
    assert page.revisions.count() == revisions


def test_streamfield_count_that_is_not_a_number_is_a_form_error(superuser_client, world):
    page = world["page"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(superuser_client, url)
    for stream in ("body", "partners", "funding", "key_figures"):
        data[f"{stream}-count"] = "0"
    data["body-count"] = "abc"
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert malformed_message_shown(response)
    assert page.revisions.count() == 1


def test_every_streamfield_of_every_admin_form_reads_malformed_data_safely():
    """Guard for the form-field override: an upgrade that changes how Wagtail builds
    StreamField form fields shows up here. Generated from every model with a StreamField."""
    from wagtail.admin.panels import get_edit_handler
    from wagtail.fields import StreamField

    from core.stream_forms import TolerantBlockField, TolerantBlockWidget

    checked = 0
    for model in apps.get_models():
        streams = [f.name for f in model._meta.get_fields() if isinstance(f, StreamField)]
        if not streams:
            continue
        form_class = get_edit_handler(model).get_form_class()
        for name in streams:
            if name not in form_class.base_fields:
                continue  # not edited in the admin
            field = form_class.base_fields[name]
            assert isinstance(field, TolerantBlockField), (model, name)
            assert isinstance(field.widget, TolerantBlockWidget), (model, name)
            checked += 1
    assert checked >= 5  # the practice's four streams and the standard page's body


# --- Generated: every admin and API route, with good and bad ids, params and forms ----------

OVERLONG = "x" * 300
BAD_QUERY = {
    "p": "abc",
    "page": "abc",
    "ordering": "-no_such_field",
    "q": OVERLONG,
    "collection_id": "abc",
    "locale": "xx",
    "limit": "-1",
    "offset": "abc",
    "fields": "*,no_such_field",
    "order": "no_such_field",
    "type": "no.Such",
    "search": "\x00",
    "next": "//evil.example/",
}
HUGE_PAGE = {"p": "99999999999", "page": "99999999999"}
# Stop words in URL names: these routes change state on GET or would log the client out.
SKIPPED_ROUTES = {
    "wagtailadmin_logout": "logs the probing user out",
    "wagtailadmin_error_test": "Wagtail's deliberate test of the server-error page",
    "wagtailadmin_password_reset_confirm": "needs a valid signed token; bad ones are probed",
}


def snippet_instance(namespace: str, world: dict):
    """The object behind a snippet viewset's namespace (wagtailsnippets_<app>_<model>)."""
    match = re.match(r"wagtailsnippets_([a-z_]+?)_([a-z]+)$", namespace)
    if not match:
        return None
    try:
        model = apps.get_model(match.group(1), match.group(2))
    except LookupError:
        return None
    return model.objects.first()


def object_for(route: Route, keyword: str, world: dict):
    namespace = route.name.rpartition(":")[0]
    by_keyword = {
        "page_id": world["page"],
        "parent_page_id": world["municipality"],
        "page_to_move_id": world["page"],
        "destination_id": world["municipality"],
        "page_pk": world["page"],
        "image_id": world["image"],
        "document_id": world["document"],
        "doc_id": world["document"],
        "collection_id": world["collection"],
        "task_id": world["task"],
        "revision_id": world["page"].latest_revision,
    }
    if keyword in by_keyword:
        return by_keyword[keyword]
    by_namespace = {
        "wagtailimages": world["image"],
        "wagtaildocs": world["document"],
        "wagtailadmin_collections": world["collection"],
        "wagtailusers_users": world["user"],
        "wagtailusers_groups": world["group"],
        "wagtailsites": world["site"],
        "wagtaillocales": world["locale"],
        "wagtailadmin_workflows": world["workflow"],
        "wagtailadmin_tasks": world["task"],
    }
    for prefix, obj in by_namespace.items():
        if namespace.startswith(prefix):
            return obj
    return snippet_instance(namespace, world) or world["page"]


def good_kwargs(route: Route, world: dict) -> dict[str, str]:
    kwargs: dict[str, str] = {}
    names = dict(route.params)
    for keyword, kind in route.params:
        if keyword in {"app_label", "app_name", "content_type_app_name"}:
            kwargs[keyword] = (
                "practices" if "content_type_model_name" in names else "municipalities"
            )
        elif keyword in {"model_name", "content_type_model_name"}:
            kwargs[keyword] = (
                "practicepage" if "content_type_app_name" in names else "contactperson"
            )
        elif keyword in {"action_name", "action"}:
            kwargs[keyword] = "delete"
        elif keyword == "filter_spec":
            kwargs[keyword] = "fill-80x80"
        elif kind == "uuid":
            kwargs[keyword] = str(uuid.uuid4())
        elif keyword in {"uidb64", "token"}:
            kwargs[keyword] = "abc"
        else:
            obj = object_for(route, keyword, world)
            kwargs[keyword] = str(obj.pk) if obj is not None else "1"
    return kwargs


def bad_kwargs(route: Route) -> list[dict[str, str]]:
    """Ids that do not exist, do not fit the database, or are not numbers at all."""
    variants = []
    for replacement in ("987654321", "99999999999999999999", OVERLONG):
        kwargs = {}
        for keyword, kind in route.params:
            if kind == "int" and not replacement.isdigit():
                kwargs[keyword] = "987654321"
            elif kind == "uuid":
                kwargs[keyword] = str(uuid.UUID(int=0))
            else:
                kwargs[keyword] = replacement
        variants.append(kwargs)
    return variants


def reverse_or_none(name: str, kwargs: dict[str, str]) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def mutated_posts(fields: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    token = [(k, v) for k, v in fields if k == "csrfmiddlewaretoken"]
    rest = [(k, v) for k, v in fields if k != "csrfmiddlewaretoken"]
    return [
        fields,  # as a browser without JavaScript sends it
        token + [(k, "abc") for k, _v in rest],  # text where numbers, ids and dates go
        token + [(k, OVERLONG) for k, _v in rest],
        token,  # every field and management form missing
    ]


def probe(client, statuses: Counter, failures: list, method: str, url: str, data=None):
    try:
        if method == "GET":
            response = client.get(url, data or {})
        else:
            fields: dict[str, list[str]] = {}
            for key, value in data or []:
                fields.setdefault(key, []).append(value)
            response = client.post(url, fields)
    except Exception as exc:  # noqa: BLE001 - a crash is what the probe is looking for
        failures.append(f"{method} {url}: {type(exc).__name__}: {exc}"[:300])
        return None
    statuses[response.status_code // 100] += 1
    if response.status_code >= 500:
        failures.append(f"{method} {url}: {response.status_code}")
    return response


def test_no_admin_or_api_route_answers_bad_input_with_a_server_error(superuser_client, world):
    client = superuser_client
    routes = [r for r in named_routes("admin/") if r.name not in SKIPPED_ROUTES]
    routes += list(named_routes("api/"))
    # Routes that delete or unpublish last, so the others still find their objects.
    routes.sort(key=lambda r: any(w in r.name for w in ("delete", "unpublish", "remove")))
    statuses: Counter = Counter()
    failures: list[str] = []
    posted_forms = 0
    unreversible = []
    for route in routes:
        url = reverse_or_none(route.name, good_kwargs(route, world))
        if url is None:
            unreversible.append(route.name)
            continue
        response = probe(client, statuses, failures, "GET", url)
        probe(client, statuses, failures, "GET", url, BAD_QUERY)
        probe(client, statuses, failures, "GET", url, HUGE_PAGE)
        for kwargs in bad_kwargs(route) if route.params else []:
            bad_url = reverse_or_none(route.name, kwargs)
            if bad_url:
                probe(client, statuses, failures, "GET", bad_url)
        if (
            response is None
            or response.status_code != 200
            or "html" not in response["Content-Type"]
        ):
            continue
        for form in post_forms(response.content.decode()):
            action = urljoin(url, form.action) if form.action else url
            if not action.startswith("/admin/") or "logout" in action:
                continue
            for data in mutated_posts(form.fields):
                probe(client, statuses, failures, "POST", action, data)
                posted_forms += 1
    print(  # noqa: T201 - the size of the generated test, as the issue asks
        f"\n{len(routes)} routes probed ({len(unreversible)} not reversible with the probe's "
        f"ids), {posted_forms} form posts; responses by class: {dict(sorted(statuses.items()))}"
    )
    assert len(routes) > 250
    assert posted_forms > 100
    assert failures == [], "\n".join(failures)


def test_taxonomy_slug_taken_in_the_same_language_is_a_form_error(superuser_client, world):
    existing = world["target_group"]
    url = reverse("wagtailsnippets_practices_targetgroup:add") + "?locale=sv"
    response = superuser_client.post(url, {"name": "Annan", "slug": existing.slug})
    assert response.status_code == 200
    assert type(existing).objects.filter(slug=existing.slug).count() == 1
