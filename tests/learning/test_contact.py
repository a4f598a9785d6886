"""Contact the owner: the address never leaves the server, bots and floods are refused."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from learning.contact import RATE_LIMIT_MESSAGES
from practices.models import PracticeContact
from tests import factories

SECRET_ADDRESS = "hemlig.kontakt@hylte.example"
ORIGIN = "http://testserver"
MESSAGE = {
    "name": "Kim Läsare",
    "email": "kim@example.org",
    "organisation": "Grannkommunen",
    "message": "Hej! Hur fick ni volontärerna att stanna kvar?",
    "website": "",
}


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def contact_practice(practice, site_tree):
    person = factories.ContactPersonFactory(
        name="Anna Kontakt", email=SECRET_ADDRESS, municipality=site_tree["municipality_sv"]
    )
    practice.contact_links = [PracticeContact(contact=person)]
    practice.save_revision().publish()
    practice.refresh_from_db()
    return practice


def contact_url(page, language: str = "sv") -> str:
    with translation.override(language):
        return reverse("learning:contact", args=[page.pk])


@pytest.mark.django_db
def test_the_address_is_never_in_the_html(client, contact_practice):
    for url in (contact_practice.url, contact_url(contact_practice)):
        html = client.get(url).content.decode()
        assert SECRET_ADDRESS not in html
        assert "hemlig.kontakt" not in html
        assert "hylte.example" not in html
    response = client.post(contact_url(contact_practice), MESSAGE, HTTP_ORIGIN=ORIGIN)
    assert SECRET_ADDRESS not in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_form_on_the_practice_page_is_cache_safe_and_accessible(client, contact_practice):
    html = client.get(contact_practice.url).content.decode()
    assert 'id="contact-owner-heading"' in html
    assert f'action="{contact_url(contact_practice)}"' in html
    assert "csrfmiddlewaretoken" not in html  # nothing per visitor on a cacheable page
    assert 'for="contact-name"' in html and 'id="contact-name"' in html
    assert 'autocomplete="email"' in html
    assert "<div hidden>" in html  # the honeypot, out of sight and out of the accessibility tree
    assert "learning-privacy" in html


@pytest.mark.django_db
def test_message_is_delivered_to_the_contact_person_and_nothing_is_stored(client, contact_practice):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(contact_url(contact_practice), MESSAGE, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 303
    assert response["Location"].endswith("?sent=1")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [SECRET_ADDRESS]
    assert email.reply_to == ["kim@example.org"]
    assert "volontärerna" in email.body and contact_practice.title in email.subject
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []  # no copy of the message, no log of the sender
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]


@pytest.mark.django_db
def test_honeypot_looks_like_success_but_sends_nothing(client, contact_practice):
    response = client.post(
        contact_url(contact_practice),
        {**MESSAGE, "website": "http://spam.example"},
        HTTP_ORIGIN=ORIGIN,
    )
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
def test_rate_limit_per_connection(client, contact_practice):
    url = contact_url(contact_practice)
    for _ in range(RATE_LIMIT_MESSAGES):
        assert client.post(url, MESSAGE, HTTP_ORIGIN=ORIGIN).status_code == 303
    response = client.post(url, MESSAGE, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 429
    assert len(mail.outbox) == RATE_LIMIT_MESSAGES
    # Another connection is not affected; the cache holds no IP address in clear.
    other = client.post(url, MESSAGE, HTTP_ORIGIN=ORIGIN, REMOTE_ADDR="192.0.2.77")
    assert other.status_code == 303
    assert not any("127.0.0.1" in str(k) for k in getattr(cache, "_cache", {}))


@pytest.mark.django_db
def test_cross_site_posts_are_refused(contact_practice):
    client = Client(enforce_csrf_checks=True)
    url = contact_url(contact_practice)
    assert client.post(url, MESSAGE, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert client.post(url, MESSAGE).status_code == 403  # no Origin, no Referer, no token
    assert client.post(url, MESSAGE, HTTP_REFERER="https://evil.example/x").status_code == 403
    assert mail.outbox == []
    # Same-origin Referer (Origin stripped by a proxy) is accepted.
    assert client.post(url, MESSAGE, HTTP_REFERER=f"{ORIGIN}/sv/").status_code == 303


@pytest.mark.django_db
def test_the_contact_page_form_works_with_a_csrf_token_alone(contact_practice):
    client = Client(enforce_csrf_checks=True)
    url = contact_url(contact_practice)
    page = client.get(url)
    token = page.context["csrf_token"]
    assert "csrfmiddlewaretoken" in page.content.decode()
    response = client.post(url, {**MESSAGE, "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 303
    assert len(mail.outbox) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {**MESSAGE, "email": "not-an-address"},
        {**MESSAGE, "message": ""},
        {**MESSAGE, "message": "x" * 5000},
        {**MESSAGE, "email": "a@b.example\nBcc: victim@example.org"},
        {},
    ],
)
def test_invalid_input_gives_form_errors_not_crashes(client, contact_practice, data):
    response = client.post(contact_url(contact_practice), data, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and 'aria-invalid="true"' in html
    assert mail.outbox == []


@pytest.mark.django_db
def test_unknown_or_unpublished_practice_is_404(client, contact_practice):
    assert (
        client.get(
            contact_url(contact_practice).replace(str(contact_practice.pk), "999999")
        ).status_code
        == 404
    )
    contact_practice.unpublish()
    assert (
        client.post(contact_url(contact_practice), MESSAGE, HTTP_ORIGIN=ORIGIN).status_code == 404
    )


@pytest.mark.django_db
def test_practice_without_contact_address_offers_no_form(client, practice):
    html = client.get(practice.url).content.decode()
    assert 'id="contact-owner-heading"' not in html
    response = client.post(contact_url(practice), MESSAGE, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 404
    assert mail.outbox == []


def test_concurrent_messages_cannot_all_pass_the_limit():
    import threading

    from django.test import RequestFactory

    from learning import contact

    cache.clear()
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.9")
    start = threading.Barrier(20)
    passed: list[bool] = []

    def post() -> None:
        start.wait()
        passed.append(contact.take_message_slot(request))

    threads = [threading.Thread(target=post) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert passed.count(True) == RATE_LIMIT_MESSAGES
