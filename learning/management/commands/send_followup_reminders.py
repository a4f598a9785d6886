"""Daily: remind municipality editors of practices to verify and contacts to review.

Run it from cron or a systemd timer once a day. Each due item is mailed once, then again
only if still due ``REMIND_AGAIN_AFTER_DAYS`` later; the record of sent reminders makes
repeated runs on the same day harmless.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.mail import EmailMessage, get_connection
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from learning.follow_up import admin_url, record_sent, reminders_due, responsible_users


def _language_for(user: Any) -> str:
    from django.conf import settings

    profile = getattr(user, "wagtail_userprofile", None)
    preferred = getattr(profile, "preferred_language", "") if profile else ""
    return preferred or settings.LANGUAGE_CODE


class Command(BaseCommand):
    help = "E-mail each municipality's editors about practices and contacts that need follow-up."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Show what would be sent.")
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD), for tests.")

    def handle(self, *args: Any, **options: Any) -> None:
        from django.conf import settings

        today = timezone.localdate()
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError("--today must be a date like 2025-01-31") from error
        now = timezone.now()
        if options.get("today"):
            # Keep "now" consistent with the pretended day, for the repeat interval.
            now = timezone.make_aware(datetime.combine(today, timezone.localtime(now).time()))
        dry_run = options["dry_run"]
        sent_messages = 0
        municipalities = 0
        connection = None if dry_run else get_connection()
        for reminder in reminders_due(today=today, now=now):
            users = list(responsible_users(reminder.municipality))
            if not users:
                self.stdout.write(
                    f"{reminder.municipality.title}: nothing sent, no editor with an e-mail address"
                )
                continue
            practices = [
                {"page": p, "url": admin_url(reverse("learning_follow_up", args=[p.pk]))}
                for p in reminder.practices
            ]
            contacts = [
                {
                    "contact": c,
                    "url": admin_url(
                        reverse("wagtailsnippets_municipalities_contactperson:edit", args=[c.pk])
                    ),
                }
                for c in reminder.contacts
            ]
            messages = []
            for user in users:
                context = {
                    "user": user,
                    "municipality": reminder.municipality,
                    "practices": practices,
                    "contacts": contacts,
                }
                with translation.override(_language_for(user)):
                    subject = render_to_string("learning/email/reminder_subject.txt", context)
                    body = render_to_string("learning/email/reminder_body.txt", context)
                messages.append(
                    EmailMessage(
                        subject=" ".join(subject.split()),
                        body=body,
                        from_email=settings.DEFAULT_FROM_EMAIL,
                        to=[user.email],
                        connection=connection,
                    )
                )
            self.stdout.write(
                f"{reminder.municipality.title}: {len(reminder.practices)} practices, "
                f"{len(reminder.contacts)} contacts, {len(messages)} recipients"
            )
            if dry_run:
                continue
            with transaction.atomic():
                # Recorded only once the mail server has taken the messages.
                connection.send_messages(messages)
                record_sent(reminder, len(messages), now=now)
            sent_messages += len(messages)
            municipalities += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Sent {sent_messages} reminder e-mails for {municipalities} municipalities."
            )
        )
