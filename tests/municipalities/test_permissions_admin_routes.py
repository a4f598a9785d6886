"""Every admin and API route, probed with municipality B's private objects, as every role.

The URL patterns come from Django's resolver, not from a list: every pattern under /admin/
(Wagtail's, wagtail-localize's, ours) and under /api/. A pattern that takes object ids is
filled from *bundles*, B's private objects described by the URL parameters they supply (a
draft page supplies ``page_id``, ``revision_id``, ``pk`` for page views, ...); a pattern
whose parameters no bundle supplies, and which is not in ``NOT_PROBED`` with a reason, fails
``test_every_pattern_with_parameters_is_probed``, so a pattern added by an upgrade is
noticed. Patterns without parameters (listings, reports, the dashboard) are requested too.

Each request is a GET, and a POST where the view may accept one, made as every role inside a
transaction that is rolled back afterwards, so each starts from the same world. Asserted:
- no marker of a private object (draft title, pending title, revision text, file name,
  contact name, review comment) in the response or its flash messages, for a role that may
  not see it;
- no change in the database (a snapshot of every table, taken when the request wrote
  anything) by a role that may not change the object;
- no 5xx for a role that may not act on the object (refusal comes before processing).
"""

from __future__ import annotations

import operator
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.http import HttpRequest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.models import EditingSession
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    Comment,
    Page,
    Task,
    TaskState,
    UploadedFile,
    Workflow,
)
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    Translation,
    TranslationSource,
)

from learning.models import CallForPractices
from municipalities.models import ContactPerson, MunicipalityAccess, MunicipalityProfile
from municipalities.permissions.roles import REVIEW_TASK, REVIEW_WORKFLOW
from outreach.models import PracticeSuggestion
from practices.models import PracticePage
from search.models import SynonymSet
from tests import factories
from tests.municipalities.roles_world import World

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "editor_a", "publisher_a", "editor_b", "translator", "pm")
OWNERS_A = frozenset({"editor_a", "publisher_a", "pm"})
OWNERS_B = frozenset({"editor_b", "pm"})
NOBODY: frozenset[str] = frozenset()

# Patterns that take parameters but are not probed with objects, and why.
NOT_PROBED = {
    "admin/password_reset/confirm/<uidb64>/<token>/": "a signed token, no object id",
    "^api/(?P<path>.*)$": "catch-all that answers 404 for unknown API paths",
}
# Patterns without parameters that are not requested, and why.
NOT_REQUESTED = {
    "admin/failwhale/": "Wagtail's deliberate server error, to test error reporting",
    "admin/logout/": "ends the role's session for the following requests",
}
# Tables that record the requesting user's own bookkeeping, not the objects under test, and
# image renditions, which any view that shows a thumbnail makes on demand.
UNSNAPSHOTTED = {
    get_image_model().get_rendition_model()._meta.db_table,
    "django_session",
    "wagtailusers_userprofile",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
}
# Function views, which do not declare their model, by URL name.
FUNCTION_VIEW_MODELS = {
    "wagtailadmin_workflows:enable": Workflow,
    "wagtailadmin_workflows:edit_task": Task,
    "wagtailadmin_workflows:enable_task": Task,
    "outreach_suggestion": PracticeSuggestion,
}
# The pages each admin API page action is tried on (9 actions: a few pages are enough).
API_ACTION_PAGES = frozenset(
    {"B's draft", "B's live practice with a pending draft", "B's English draft (translator's)"}
)
MODEL_FROM_URL = frozenset({"model_name", "content_type_model_name"})
WRITE_SQL = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


# --- The URL patterns ------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    route: str  # the pattern as written, e.g. admin/pages/<int:page_id>/edit/
    name: str | None  # namespaced URL name
    params: frozenset[str]
    callback: Any
    regex: str

    @property
    def model(self) -> type | None:
        """The model a generic view works on, for its ``pk``."""
        callback = self.callback
        cls = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        initkwargs = getattr(callback, "view_initkwargs", None) or getattr(
            callback, "initkwargs", {}
        )
        model = initkwargs.get("model") or getattr(cls, "model", None)
        if isinstance(model, str):
            model = apps.get_model(model)
        if isinstance(model, type):
            return model
        if self.name in FUNCTION_VIEW_MODELS:
            return FUNCTION_VIEW_MODELS[self.name]
        if self.name and self.name.startswith("wagtailadmin_pages:"):
            return Page
        if cls is not None and "pages" in self.route:  # the API's page endpoints
            return Page
        return None


def _walk(patterns: list, prefix: str = "", regex: str = "", namespace: str = "") -> Iterator:
    for entry in patterns:
        piece = entry.pattern
        text = str(piece)
        part = piece.regex.pattern.lstrip("^").rstrip("$").removesuffix(r"\Z")
        if isinstance(entry, URLResolver):
            space = namespace
            if entry.namespace:
                space = f"{namespace}{entry.namespace}:"
            yield from _walk(entry.url_patterns, prefix + text, regex + part, space)
        elif isinstance(entry, URLPattern):
            full = regex + part
            params = frozenset(re.compile(full).groupindex)
            name = f"{namespace}{entry.name}" if entry.name else None
            yield Route(prefix + text, name, params, entry.callback, full)


def all_routes() -> list[Route]:
    return [
        route
        for route in _walk(get_resolver().url_patterns)
        if route.route.startswith("admin/") or "api/" in route.route
    ]


def build_path(route: Route, values: dict[str, Any]) -> str:
    """The path of a route with the given parameter values (from the pattern's own regex)."""
    regex = route.regex
    out = re.sub(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)", lambda m: str(values[m.group(1)]), regex)
    out = out.replace("^", "").replace("$", "").replace("\\.", ".").replace("\\Z", "")
    out = out.replace("\\", "")
    return "/" + out


# --- B's private objects, as bundles of URL parameters ----------------------------------------


@dataclass
class Bundle:
    label: str
    values: dict[str, Any]
    model: type | None = None  # whose ``pk`` this bundle supplies
    changers: frozenset[str] = OWNERS_B
    # Roles that may change the object but never delete a page (the translator's drafts).
    no_delete: frozenset[str] = NOBODY
    query: dict[str, Any] = field(default_factory=dict)
    exact: bool = False  # only for patterns that take exactly these parameters

    def supplies(self, route: Route) -> bool:
        if not route.params <= set(self.values):
            return False
        if self.exact and route.params != set(self.values):
            return False
        if "pk" in route.params and not route.params & MODEL_FROM_URL:
            model = route.model
            return model is not None and self.model is not None and issubclass(self.model, model)
        return True


def _model_params(model: type, **extra: Any) -> dict[str, Any]:
    meta = model._meta
    return {
        "app_label": meta.app_label,
        "model_name": meta.model_name,
        "app_name": meta.app_label,
        "content_type_app_name": meta.app_label,
        "content_type_model_name": meta.model_name,
        **extra,
    }


def _page_bundle(label: str, page: Page, world: World, **extra: Any) -> Bundle:
    page = page.specific
    revision = page.latest_revision or page.save_revision()
    first = page.revisions.order_by("pk").first()
    values = {
        "page_id": page.pk,
        "parent_page_id": page.pk,
        "page_to_move_id": page.pk,
        "destination_id": world.sides["A"].municipality,
        "page_pk": page.pk,
        "pk": page.pk,
        "object_id": page.pk,
        "revision_id": revision.pk,
        "revision_id_a": first.pk,
        "revision_id_b": revision.pk,
        "workflow_pk": Workflow.objects.get(name=REVIEW_WORKFLOW).pk,
    }
    values.update(extra)
    return Bundle(label, values, model=type(page), **_pop_bundle_options(values))


def _pop_bundle_options(values: dict[str, Any]) -> dict[str, Any]:
    return {key: values.pop(key) for key in ("changers", "no_delete") if key in values}


@dataclass
class Probe:
    world: World
    bundles: list[Bundle]
    markers: dict[str, frozenset[str]]  # marker text -> roles who may see it


def _extra_objects(world: World) -> dict[str, Any]:
    """B's private things that the shared world lacks: a review comment, an English draft
    the translator works on, an upload in progress, an editing session, an overdue contact."""
    b = world.sides["B"]
    author_b = type(world.users["pm"])._default_manager.get(username="author_b")
    practice = PracticePage.objects.get(pk=b.practice)
    comment = Comment.objects.create(
        page=practice, user=author_b, text="Kommentar HemligBkommentar", contentpath="title"
    )
    # A Swedish draft submitted for translation; its English draft is the translator's job.
    to_translate = factories.PracticePageFactory(
        parent=Page.objects.get(pk=b.municipality),
        title="Oversatts B KallaB",
        slug="oversatts-b",
        live=False,
        owner=author_b,
    )
    to_translate.save_revision(user=author_b)
    source, _created = TranslationSource.get_or_create_from_instance(to_translate)
    translation = Translation.objects.create(
        source=source, target_locale=world.locales["en"], enabled=True
    )
    translation.save_target(user=world.users["pm"], publish=False)
    english_draft = PracticePage.objects.get(
        translation_key=to_translate.translation_key, locale=world.locales["en"]
    )
    upload = UploadedFile.objects.create(
        file=ContentFile(b"x", name="uppladdning-b-HemligB.png"),
        for_content_type=ContentType.objects.get_for_model(get_image_model()),
        uploaded_by_user=author_b,
    )
    session = EditingSession.objects.create(
        user=author_b,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(b.draft),
        last_seen_at=practice.latest_revision_created_at,
    )
    # Shared vocabulary and calls: one of each snippet type, for the snippet views.
    factories.TargetGroupFactory()
    factories.ApproachFactory()
    MunicipalityProfile.objects.create(
        code="1490", name="Borås kommun", short_name="Borås", county="14"
    )
    CallForPractices.objects.create(
        title="Upprop", description="x", deadline=date(2099, 1, 1), locale=world.locales["sv"]
    )
    ContactPerson.objects.filter(pk__in=[b.contact, world.sides["A"].contact]).update(
        review_date=date(2000, 1, 1)
    )
    return {
        "comment": comment,
        "to_translate": to_translate,
        "translation": translation,
        "english_draft": english_draft,
        "upload": upload,
        "session": session,
    }


def _first_or_create(model: type, create: Callable[[], Any]) -> Any:
    return model._default_manager.order_by("pk").first() or create()


def build_bundles(world: World, extra: dict[str, Any]) -> list[Bundle]:
    a, b = world.sides["A"], world.sides["B"]
    review = Page.objects.get(pk=b.review)
    task_state = TaskState.objects.get(pk=b.review_task_state)
    review_extra = {
        "task_state_id": task_state.pk,
        "task_id": task_state.task_id,
        "workflow_state_id": task_state.workflow_state_id,
        "action_name": "approve",
    }
    translation = extra["translation"]
    source = translation.source
    string_segment = StringSegment.objects.filter(source=source).first()
    overridable = OverridableSegment.objects.filter(source=source).first()
    translation_values = {
        "translation_id": translation.pk,
        "translation_source_id": source.pk,
        "string_segment_id": string_segment.pk,
        "overridable_segment_id": overridable.pk if overridable else 0,
        "mode": "x",
    }
    translator_may_edit = {"changers": OWNERS_B | {"translator"}, "no_delete": {"translator"}}
    bundles = [
        _page_bundle("B's draft", Page.objects.get(pk=b.draft), world),
        _page_bundle(
            "B's live practice with a pending draft", Page.objects.get(pk=b.practice), world
        ),
        _page_bundle("B's practice in review", review, world, **review_extra),
        Bundle(
            "B's practice in review (reject)",
            {"page_id": review.pk, **review_extra, "action_name": "reject"},
        ),
        _page_bundle("B's municipality", Page.objects.get(pk=b.municipality), world),
        _page_bundle(
            "B's English draft (translator's)",
            extra["english_draft"],
            world,
            **translation_values,
            **translator_may_edit,
        ),
        Bundle(
            "A's draft moved into B's draft",
            {"page_to_move_id": a.draft, "destination_id": b.draft},
            changers=frozenset({"pm"}),
            exact=True,
        ),
        Bundle(
            "B's image",
            {
                **_model_params(get_image_model()),
                "image_id": b.image,
                "pk": b.image,
                "filter_spec": "original",
                "object_id": b.image,
            },
            model=get_image_model(),
        ),
        Bundle(
            "B's document",
            {
                **_model_params(get_document_model()),
                "document_id": b.document,
                "doc_id": b.document,
                "pk": b.document,
                "object_id": b.document,
            },
            model=get_document_model(),
        ),
        Bundle(
            "B's upload in progress",
            {"uploaded_file_id": extra["upload"].pk},
        ),
        Bundle(
            "B's collection",
            {"collection_id": b.collection, "pk": b.collection},
            model=Collection,
        ),
        Bundle(
            "B's contact person",
            {**_model_params(ContactPerson), "pk": b.contact, "object_id": b.contact},
            model=ContactPerson,
        ),
        Bundle(
            "B's editing session",
            {**_model_params(Page), "object_id": b.draft, "session_id": extra["session"].pk},
        ),
        Bundle(
            "the review workflow",
            {
                "pk": Workflow.objects.get(name=REVIEW_WORKFLOW).pk,
                "workflow_pk": Workflow.objects.get(name=REVIEW_WORKFLOW).pk,
            },
            model=Workflow,
            changers=NOBODY,
        ),
        Bundle(
            "the review task",
            {
                "pk": Task.objects.get(name=REVIEW_TASK).pk,
                "task_id": Task.objects.get(name=REVIEW_TASK).pk,
                **_model_params(type(Task.objects.get(name=REVIEW_TASK).specific)),
            },
            model=Task,
            changers=NOBODY,
        ),
    ]
    # The shared things every editor sees but only some may change.
    editor_b = world.users["editor_b"]
    access_b = MunicipalityAccess.objects.get(collection_id=b.collection)
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import Locale, Site

    redirect = Redirect.objects.create(old_path="/hemligb-gammal", redirect_link="/sv/")
    query = Query.get("hemlig")
    SearchPromotion.objects.create(
        query=query, page=Page.objects.get(pk=b.practice), description="x"
    )
    for label, obj, changers in (
        ("B's editor (a user)", editor_b, NOBODY),
        ("B's editor group", access_b.editors, NOBODY),
        ("the English locale", Locale.objects.get(language_code="en"), NOBODY),
        ("the default site", Site.objects.get(is_default_site=True), NOBODY),
    ):
        bundles.append(Bundle(label, {"pk": obj.pk}, model=type(obj), changers=changers))
    bundles.append(Bundle("a redirect", {"redirect_id": redirect.pk}, changers=NOBODY))
    bundles.append(Bundle("a search promotion", {"query_id": query.pk}, changers=frozenset({"pm"})))
    # Every snippet model needs an object to probe its views with; these have none yet.
    if not SynonymSet.objects.exists():
        SynonymSet.objects.create(words="kafé, café", locale=Locale.objects.get(language_code="sv"))
    for model in get_snippet_models():
        if model is ContactPerson:
            continue
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        bundles.append(
            Bundle(
                f"snippet {model._meta.label}",
                {**_model_params(model), "pk": obj.pk, "object_id": obj.pk, "call_id": obj.pk},
                model=model,
                changers=frozenset({"pm"}),
            )
        )
    from wagtail.contrib.settings.registry import registry as settings_registry

    site = Site.objects.get(is_default_site=True)
    for model in settings_registry:
        instance = model.for_site(site) if hasattr(model, "for_site") else model.load()
        bundles.append(
            Bundle(
                f"setting {model._meta.label}",
                {
                    "app_name": model._meta.app_label,
                    "model_name": model._meta.model_name,
                    "pk": instance.pk,
                },
                model=model,
                changers=NOBODY,
            )
        )
    # The page types B's municipality takes (for "add", "create" and the type use listing).
    for model in Page.objects.get(pk=b.municipality).specific.allowed_subpage_models():
        bundles.append(
            Bundle(
                f"page type {model._meta.label} under B",
                {**_model_params(model), "parent_page_id": b.municipality},
                changers=OWNERS_B,
            )
        )
    call = CallForPractices.objects.order_by("pk").first()
    if call is not None:
        bundles.append(Bundle("a call for practices", {"call_id": call.pk}, changers=OWNERS_B))
    # A practice suggested from outside for B: its editors and the project managers see it,
    # only project managers decide on it.
    suggestion = PracticeSuggestion.objects.create(
        name="HemligB Avsändare",
        email="avsandare@example.org",
        municipality=Page.objects.get(pk=b.municipality).specific,
        title="Förslag HemligBforslag",
        what_was_done="Ett förslag som bara B:s granskare får se.",
    )
    bundles.append(
        Bundle(
            "a suggestion for B",
            {"pk": suggestion.pk},
            model=PracticeSuggestion,
            changers=frozenset({"pm"}),
        )
    )
    return bundles


def bulk_bundles(world: World) -> list[Bundle]:
    """Every registered bulk action, asked about B's objects of its model (``?id=``)."""
    b = world.sides["B"]
    ids_by_model = {
        Page: [b.draft, b.review, b.practice],
        get_image_model(): [b.image],
        get_document_model(): [b.document],
        ContactPerson: [b.contact],
    }
    bundles = []
    bulk_action_registry._scan_for_bulk_actions()  # noqa: SLF001 (no public listing)
    for app_label, by_model in bulk_action_registry.actions.items():
        for model_name, by_action in by_model.items():
            model = apps.get_model(app_label, model_name)
            ids = next((v for m, v in ids_by_model.items() if issubclass(model, m)), None)
            for action in by_action:
                base = {"app_label": app_label, "model_name": model_name, "action": action}
                if ids is None:
                    bundles.append(Bundle(f"bulk {action} {model_name}", base, changers=NOBODY))
                    continue
                bundles.append(Bundle(f"bulk {action} {model_name} of B", base, query={"id": ids}))
                if model is Page:
                    bundles.append(
                        Bundle(
                            f"bulk {action} all pages of B",
                            base,
                            query={"id": "all", "childOf": b.municipality},
                        )
                    )
    return bundles


def markers_of(world: World) -> dict[str, frozenset[str]]:
    return {
        "HemligB": OWNERS_B,  # B's drafts, pending title, revision, files, contact, comment
        "bild-b": OWNERS_B,
        "dokument-b": OWNERS_B,
        "uppladdning-b": NOBODY,  # only its uploader (author_b) sees an upload
        "KallaB": OWNERS_B | {"translator"},  # submitted for translation: the source text
        "HemligA": OWNERS_A,
        "bild-a": OWNERS_A,
        "dokument-a": OWNERS_A,
    }


@pytest.fixture(scope="module")
def probe(world: World, django_db_blocker: Any) -> Probe:
    with django_db_blocker.unblock():
        extra = _extra_objects(world)
        bundles = build_bundles(world, extra) + bulk_bundles(world)
    return Probe(world=world, bundles=bundles, markers=markers_of(world))


# --- Requests ---------------------------------------------------------------------------------


class WriteWatcher:
    def __init__(self) -> None:
        self.wrote = False

    def __call__(self, execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        if WRITE_SQL.match(sql):
            self.wrote = True
        return execute(sql, params, many, context)


def snapshot() -> dict[str, frozenset]:
    """Every row of every table (as text, to compare), but the requesting user's bookkeeping."""
    state = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in UNSNAPSHOTTED:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            state[table] = frozenset(map(repr, cursor.fetchall()))
    return state


def diff(before: dict[str, frozenset], after: dict[str, frozenset]) -> dict[str, tuple[int, int]]:
    """Changed tables: (rows gone, rows new)."""
    return {
        table: (len(before[table] - after[table]), len(after[table] - before[table]))
        for table in before
        if before[table] != after[table]
    }


def flash_messages(client: Client) -> str:
    cookie = client.cookies.get("messages")
    if cookie is None:
        return ""
    storage = CookieStorage(HttpRequest())
    messages = storage._decode(cookie.value) or []  # noqa: SLF001 (read back what was set)
    client.cookies.pop("messages", None)
    return " ".join(str(m.message) for m in messages)


@dataclass
class Outcome:
    violations: list[str] = field(default_factory=list)
    requests: int = 0
    cells: set = field(default_factory=set)


def request(
    client: Client,
    method: str,
    path: str,
    query: dict[str, Any],
    baseline: dict[str, frozenset] | None,
) -> tuple[int, str, dict[str, tuple[int, int]]]:
    """One request, rolled back; the tables it changed if ``baseline`` is given."""
    watcher = WriteWatcher()
    changes: dict[str, tuple[int, int]] = {}
    with transaction.atomic():
        with connection.execute_wrapper(watcher):
            if method == "GET":
                response = client.get(path, query)
            else:
                target = path + ("?" + _encode(query) if query else "")
                response = client.post(target, {})
        if watcher.wrote and baseline is not None:
            changes = diff(baseline, snapshot())
        transaction.set_rollback(True)
    body = b"" if getattr(response, "streaming", False) else response.content
    text = body.decode("utf-8", "replace") + " " + flash_messages(client)
    text += " " + response.get("Location", "")
    return response.status_code, text, changes


def _encode(query: dict[str, Any]) -> str:
    from urllib.parse import urlencode

    return urlencode(query, doseq=True)


def accepts_post(route: Route) -> bool:
    """False only for views that declare they answer GET alone."""
    callback = route.callback
    actions = getattr(callback, "actions", None)
    if actions is not None:  # a DRF viewset's view
        return "post" in actions
    cls = getattr(callback, "view_class", None)
    if cls is not None:
        return "post" in getattr(cls, "http_method_names", []) and hasattr(cls, "post")
    allowed = getattr(callback, "_allowed_methods", None)  # require_http_methods, not public
    return True if allowed is None else "POST" in allowed


def check(
    outcome: Outcome,
    probe: Probe,
    role: str,
    method: str,
    path: str,
    status: int,
    text: str,
    changes: dict[str, tuple[int, int]],
    bundle: Bundle | None,
) -> None:
    label = bundle.label if bundle is not None else "listing"
    where = f"{role} {method} {path} ({label}) -> {status}"
    for marker, seers in probe.markers.items():
        if marker in text and role not in seers:
            at = text.index(marker)
            context = " ".join(text[max(at - 100, 0) : at + 40].split())
            outcome.violations.append(f"{where}: shows {marker!r} in …{context}…")
    if changes:
        changers = bundle.changers if bundle is not None else NOBODY
        if role not in changers:
            outcome.violations.append(f"{where}: changed {changes}")
        elif role in bundle.no_delete and operator.gt(*changes.get("wagtailcore_page", (0, 0))):
            outcome.violations.append(f"{where}: deleted a page")
    may_act = bundle is not None and role in bundle.changers
    if status >= 500 and not may_act:
        outcome.violations.append(f"{where}: server error")


def probe_cases(probe: Probe) -> tuple[list[tuple[Route, Bundle]], list[Route], list[Route]]:
    """(route, bundle) pairs to probe, routes without parameters, routes nothing supplies."""
    cases, plain, unsupplied = [], [], []
    # ADMIN_ROUTES=<regex> narrows the walk to matching patterns (to debug one view).
    only = re.compile(os.environ.get("ADMIN_ROUTES", ""))
    for route in all_routes():
        if not only.search(route.route):
            continue
        if route.route in NOT_PROBED or route.route in NOT_REQUESTED:
            continue
        if not route.params:
            plain.append(route)
            continue
        matching = [b for b in probe.bundles if b.supplies(route)]
        api_actions = getattr(getattr(route.callback, "cls", None), "actions", None)
        if "action_name" in route.params and isinstance(api_actions, dict):
            # The admin API's page actions: each one, on each of B's pages.
            without_action = replace(route, params=route.params - {"action_name"})
            matching = [
                Bundle(
                    f"{b.label}, API action {name}",
                    {**b.values, "action_name": name},
                    model=b.model,
                    changers=b.changers,
                    no_delete=b.no_delete,
                )
                for b in probe.bundles
                if b.supplies(without_action) and b.label in API_ACTION_PAGES
                for name in api_actions
            ]
        if not matching:
            unsupplied.append(route)
        cases.extend((route, b) for b in matching)
    return cases, plain, unsupplied


def progress(outcome: Outcome, started: float) -> None:
    seconds = time.monotonic() - started
    sys.stderr.write(f"{outcome.requests} requests in {seconds:.0f} s\n")


def test_every_pattern_with_parameters_is_probed(probe: Probe) -> None:
    _cases, _plain, unsupplied = probe_cases(probe)
    assert not unsupplied, (
        "URL patterns that no bundle of B's objects fills; add a bundle or list them in "
        "NOT_PROBED with the reason:\n" + "\n".join(r.route for r in unsupplied)
    )


def test_a_new_pattern_with_an_id_is_noticed(probe: Probe) -> None:
    unknown = Route("admin/new/<int:gadget_id>/", "new", frozenset({"gadget_id"}), None, "")
    assert not any(b.supplies(unknown) for b in probe.bundles)


def test_every_admin_route_keeps_other_municipalities_private(probe: Probe, capsys) -> None:
    cases, plain, _unsupplied = probe_cases(probe)
    clients = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        if probe.world.users[role] is not None:
            client.force_login(probe.world.users[role])
        clients[role] = client
    baseline = snapshot()
    outcome = Outcome()
    started = time.monotonic()
    for route, bundle in cases:
        path = build_path(route, bundle.values)
        methods = ["GET", "POST"] if accepts_post(route) else ["GET"]
        for role in ROLES:
            for method in methods:
                # A POST by a role that may change the object asserts nothing (unless it may
                # not delete); its GET still may not show the markers it may not see.
                compare = role not in bundle.changers or role in bundle.no_delete
                if method == "POST" and not compare:
                    continue
                status, text, changes = request(
                    clients[role], method, path, bundle.query, baseline if compare else None
                )
                outcome.requests += 1
                outcome.cells.add((route.route, role, bundle.label))
                if outcome.requests % 500 == 0:
                    progress(outcome, started)
                check(outcome, probe, role, method, path, status, text, changes, bundle)
    for route in plain:
        path = build_path(route, {})
        for role in ROLES:
            status, text, changes = request(clients[role], "GET", path, {}, baseline)
            outcome.requests += 1
            outcome.cells.add((route.route, role, "-"))
            check(outcome, probe, role, "GET", path, status, text, changes, None)
    with capsys.disabled():
        patterns = {cell[0] for cell in outcome.cells}
        objects = {cell[2] for cell in outcome.cells}
        print(  # noqa: T201 (the figure the issue asks for)
            f"\nadmin route walk: {len(patterns)} patterns x {len(ROLES)} roles x "
            f"{len(objects)} objects -> {len(outcome.cells)} cells, {outcome.requests} requests"
        )
    assert not outcome.violations, "\n".join(outcome.violations)


def test_the_page_types_report_runs_our_hook() -> None:
    """municipalities/reports.py reaches the report through core/wagtail_patches/'s hook: an
    upgrade that stops calling the patched method must fail here rather than silently show
    other municipalities' drafts (the patch's own fingerprint: tests/core)."""
    import inspect

    from wagtail import hooks
    from wagtail.admin.views.reports import base
    from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView

    from core.wagtail_patches import PAGE_TYPES_USAGE_HOOK
    from municipalities import reports

    assert reports.hide_other_drafts in hooks.get_hooks(PAGE_TYPES_USAGE_HOOK)
    view = PageTypesUsageReportView
    assert view.decorate_paginated_queryset.__module__ == "core.wagtail_patches.views"
    assert issubclass(view, base.ReportView)
    assert "self.decorate_paginated_queryset(" in inspect.getsource(base)
