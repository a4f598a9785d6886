"""Subscriptions: double opt-in, one-click unsubscribe, digests sent once, in the right language."""

from __future__ import annotations

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from outreach import mail as outreach_mail
from outreach.models import Frequency, SentPractice, Subscription
from outreach.views import RATE_LIMIT_REQUESTS
from tests import factories

ADDRESS = "lasare@example.org"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def url(name: str, *args, language: str = "sv", **query) -> str:
    with translation.override(language):
        path = reverse(f"outreach:{name}", args=args)
    if query:
        from urllib.parse import urlencode

        path += "?" + urlencode(query, doseq=True)
    return path


def subscribe(client: Client, language: str = "sv", **fields) -> object:
    data = {"email": ADDRESS, "frequency": "weekly", "website": "", **fields}
    return client.post(url("follow", language=language), data)


def confirmed(filters: dict | None = None, language: str = "sv", **fields) -> Subscription:
    return Subscription.objects.create(
        email=ADDRESS,
        language=language,
        filters=filters or {},
        confirmed_at=timezone.now() - timedelta(minutes=5),
        **fields,
    )


def publish(parent, **fields):
    page = factories.PracticePageFactory(parent=parent, **fields)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.mark.django_db
class TestSubscribe:
    def test_form_describes_what_is_followed(self, client, site_tree):
        factories.TargetGroupFactory(slug="kvinnor", name="Kvinnor")
        response = client.get(url("follow", q="språkcafé", target_group="kvinnor"))
        assert response.status_code == 200
        body = response.content.decode()
        assert "språkcafé" in body and "Kvinnor" in body
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]

    def test_request_sends_a_confirmation_link_and_stores_nothing_confirmed(
        self, client, site_tree
    ):
        response = subscribe(client, q="mötesplats")
        assert response.status_code == 302
        assert response["Location"] == url("sent")
        subscription = Subscription.objects.get()
        assert subscription.email == ADDRESS
        assert subscription.filters == {"q": "mötesplats"}
        assert subscription.confirmed_at is None
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [ADDRESS]
        assert "Bekräfta" in message.subject
        assert subscription.token in message.body
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert subscription.token in message.extra_headers["List-Unsubscribe"]
        html = message.alternatives[0][0]
        assert 'lang="sv"' in html and subscription.token in html

    def test_english_request_gets_an_english_mail(self, client, site_tree):
        subscribe(client, language="en")
        assert Subscription.objects.get().language == "en"
        assert mail.outbox[0].subject == "Confirm your subscription to Lärplattformen"
        assert "/en/" in mail.outbox[0].body

    def test_answer_does_not_reveal_a_known_address(self, client, site_tree):
        confirmed({"q": "skola"})
        known = subscribe(client, q="skola")
        unknown = Client().post(
            url("follow"), {"email": "ny@example.org", "frequency": "weekly", "q": "skola"}
        )
        assert known.status_code == unknown.status_code == 302
        assert known["Location"] == unknown["Location"]
        # Only the unknown address gets a mail; the known one is not subscribed twice.
        assert [m.to for m in mail.outbox] == [["ny@example.org"]]
        assert Subscription.objects.filter(email=ADDRESS).count() == 1

    def test_repeated_unconfirmed_request_reuses_the_subscription(self, client, site_tree):
        subscribe(client)
        subscribe(client)
        assert Subscription.objects.count() == 1
        assert len(mail.outbox) == 2

    def test_bad_address_is_a_form_error(self, client, site_tree):
        response = subscribe(client, email="inte-en-adress")
        assert response.status_code == 400
        assert "e-postadress" in response.content.decode().lower()
        assert not Subscription.objects.exists()

    def test_honeypot_creates_nothing(self, client, site_tree):
        response = subscribe(client, website="http://spam.example")
        assert response.status_code == 302
        assert not Subscription.objects.exists()
        assert not mail.outbox

    def test_rate_limited(self, client, site_tree):
        for n in range(RATE_LIMIT_REQUESTS):
            assert subscribe(client, email=f"a{n}@example.org").status_code == 302
        response = subscribe(client, email="sista@example.org")
        assert response.status_code == 429
        assert not Subscription.objects.filter(email="sista@example.org").exists()

    def test_mail_server_down_says_so(self, client, site_tree):
        with mock.patch.object(
            outreach_mail, "send_confirmation", side_effect=smtplib.SMTPException
        ):
            response = subscribe(client)
        assert response.status_code == 503
        assert "kunde inte skickas" in response.content.decode()


@pytest.mark.django_db
class TestConfirmAndCancel:
    def test_opening_the_link_does_not_confirm_the_button_does(self, client, site_tree):
        subscription = Subscription.objects.create(email=ADDRESS, language="sv")
        response = client.get(url("confirm", subscription.token))
        assert response.status_code == 200
        subscription.refresh_from_db()
        assert subscription.confirmed_at is None
        response = client.post(url("confirm", subscription.token))
        assert response.status_code == 200
        subscription.refresh_from_db()
        assert subscription.confirmed_at is not None
        assert "Du bevakar" in response.content.decode()

    def test_expired_link_is_refused(self, client, site_tree):
        subscription = Subscription.objects.create(
            email=ADDRESS, language="sv", created_at=timezone.now() - timedelta(days=8)
        )
        response = client.post(url("confirm", subscription.token))
        assert response.status_code == 404
        subscription.refresh_from_db()
        assert subscription.confirmed_at is None

    def test_unknown_or_overlong_token_is_404(self, client, site_tree):
        assert client.get(url("confirm", "x" * 40)).status_code == 404
        assert client.get(url("confirm", "x" * 300)).status_code == 404
        assert client.get(url("manage", "inte-signerad")).status_code == 404

    def test_one_click_unsubscribe_needs_no_csrf_token(self, site_tree):
        subscription = confirmed()
        client = Client(enforce_csrf_checks=True)
        response = client.post(url("cancel", subscription.token), {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert not Subscription.objects.filter(pk=subscription.pk).exists()
        # Again: already gone, still a friendly page.
        assert client.post(url("cancel", subscription.token)).status_code == 200

    def test_cancel_link_asks_before_cancelling(self, client, site_tree):
        subscription = confirmed()
        response = client.get(url("cancel", subscription.token))
        assert response.status_code == 200
        assert Subscription.objects.filter(pk=subscription.pk).exists()

    def test_manage_page_lists_and_cancels_only_the_addresses_own(self, client, site_tree):
        first = confirmed({"q": "skola"})
        second = confirmed({"q": "praktik"})
        Subscription.objects.create(email="annan@example.org", language="sv", filters={"q": "x"})
        token = outreach_mail.manage_token(ADDRESS)
        body = client.get(url("manage", token)).content.decode()
        assert "skola" in body and "praktik" in body
        assert "annan@example.org" not in body
        response = client.post(url("cancel", first.token), {"next_manage": token})
        assert response.status_code == 302
        assert list(Subscription.objects.filter(email=ADDRESS)) == [second]


@pytest.mark.django_db
class TestDigests:
    def test_digest_lists_new_matching_practices_once(self, site_tree):
        subscription = confirmed()
        practice = publish(site_tree["municipality_sv"], title="Språkcafé i Hylte")
        call_command("send_digests", stdout=open("/dev/null", "w"))
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert "1 nytt gott exempel" in message.subject
        assert "Språkcafé i Hylte" in message.body
        assert practice.get_full_url() in message.body
        html = message.alternatives[0][0]
        assert "Språkcafé i Hylte" in html and subscription.token in html
        assert subscription.token in message.extra_headers["List-Unsubscribe"]
        assert SentPractice.objects.filter(subscription=subscription).count() == 1
        # Idempotent: a second run sends nothing, even for an "at once" subscription.
        Subscription.objects.filter(pk=subscription.pk).update(frequency=Frequency.IMMEDIATE)
        call_command("send_digests", stdout=open("/dev/null", "w"))
        assert len(mail.outbox) == 1

    def test_weekly_is_at_most_once_a_week_immediate_at_once(self, site_tree):
        weekly = confirmed()
        immediate = confirmed(frequency=Frequency.IMMEDIATE)
        publish(site_tree["municipality_sv"])
        call_command("send_digests", stdout=open("/dev/null", "w"))
        assert len(mail.outbox) == 2
        publish(site_tree["municipality_sv"])
        call_command("send_digests", stdout=open("/dev/null", "w"))
        assert [m.extra_headers["List-Unsubscribe"] for m in mail.outbox[2:]] == [
            f"<{outreach_mail.links(immediate)['cancel']}>"
        ]
        later = timezone.now() + timedelta(days=7, minutes=1)
        assert outreach_mail.send_digest(Subscription.objects.get(pk=weekly.pk), later) == 1

    def test_only_matching_live_practices_after_confirmation(self, site_tree):
        women = factories.TargetGroupFactory(slug="kvinnor", name="Kvinnor")
        subscription = confirmed({"target_group": ["kvinnor"]})
        old = factories.PracticePageFactory(parent=site_tree["municipality_sv"], title="Gammal")
        old.save_revision().publish()
        type(old).objects.filter(pk=old.pk).update(
            first_published_at=timezone.now() - timedelta(days=30)
        )
        publish(site_tree["municipality_sv"], title="Utan målgrupp")
        draft = factories.PracticePageFactory(parent=site_tree["municipality_sv"], title="Utkast")
        draft.target_groups.set([women])
        draft.save_revision()
        draft.unpublish() if draft.live else None
        match = factories.PracticePageFactory(parent=site_tree["municipality_sv"], title="Träff")
        match.target_groups.set([women])
        match.save_revision().publish()
        assert outreach_mail.send_digest(subscription) == 1
        body = mail.outbox[0].body
        assert "Träff" in body
        assert "Utkast" not in body and "Gammal" not in body and "Utan målgrupp" not in body

    def test_theme_and_municipality_follows(self, site_tree):
        municipality = site_tree["municipality_sv"]
        other = factories.MunicipalityPageFactory(
            parent=site_tree["municipality_index_sv"], title="Annan", code="2182", county="21"
        )
        by_owner = confirmed({"owner": str(municipality.translation_key)})
        publish(other, title="Annans exempel")
        publish(municipality, title="Hyltes exempel")
        assert outreach_mail.send_digest(by_owner) == 1
        assert "Hyltes exempel" in mail.outbox[0].body
        assert "Annans exempel" not in mail.outbox[0].body

    def test_english_digest_lists_english_pages_in_english(self, site_tree, locales):
        subscription = confirmed(language="en")
        practice = publish(site_tree["municipality_sv"], title="Svensk titel")
        assert outreach_mail.send_digest(subscription) == 0  # no English version yet
        factories.translate(practice, locales["en"], title="English title")
        assert outreach_mail.send_digest(subscription) == 1
        message = mail.outbox[0]
        assert message.subject == "Lärplattformen: 1 new practice"
        assert "English title" in message.body and "Svensk titel" not in message.body
        assert "/en/" in message.body

    def test_failed_delivery_claims_nothing(self, site_tree):
        subscription = confirmed()
        publish(site_tree["municipality_sv"])
        with mock.patch(
            "django.core.mail.EmailMultiAlternatives.send", side_effect=smtplib.SMTPException
        ):
            call_command(
                "send_digests", stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w")
            )
        assert not SentPractice.objects.exists()
        subscription.refresh_from_db()
        assert subscription.last_sent_at is None
        call_command("send_digests", stdout=open("/dev/null", "w"))
        assert len(mail.outbox) == 1

    def test_unconfirmed_are_deleted_after_seven_days(self, site_tree):
        stale = Subscription.objects.create(
            email="gammal@example.org",
            language="sv",
            created_at=timezone.now() - timedelta(days=7, hours=1),
        )
        fresh = Subscription.objects.create(email="ny@example.org", language="sv")
        kept = confirmed()
        Subscription.objects.filter(pk=kept.pk).update(
            created_at=timezone.now() - timedelta(days=99)
        )
        call_command("send_digests", stdout=open("/dev/null", "w"))
        remaining = set(Subscription.objects.values_list("pk", flat=True))
        assert remaining == {fresh.pk, kept.pk}
        assert stale.pk not in remaining


@pytest.mark.django_db
class TestFollowLinks:
    def _follow_href(self, body: str) -> str:
        import re

        match = re.search(r'class="outreach-follow-link" href="([^"]+)"', body)
        assert match, "no follow link"
        return match.group(1).replace("&amp;", "&")

    def test_search_page_follows_the_query_and_filters(self, client, site_tree):
        with translation.override("sv"):
            search = reverse("search:search")
        body = client.get(search, {"q": "mötesplats", "status": "ongoing"}).content.decode()
        href = self._follow_href(body)
        assert href.startswith(url("follow"))
        assert "q=m%C3%B6tesplats" in href and "status=ongoing" in href

    def test_municipality_and_theme_pages_follow_themselves(self, client, site_tree):
        municipality = site_tree["municipality_sv"]
        href = self._follow_href(client.get(municipality.url).content.decode())
        assert f"owner={municipality.translation_key}" in href
        theme = factories.ThemePageFactory(parent=site_tree["theme_index_sv"], title="Språk")
        theme.save_revision().publish()
        href = self._follow_href(client.get(theme.url).content.decode())
        assert f"theme={theme.translation_key}" in href
        body = client.get(href).content.decode()
        assert "Språk" in body
