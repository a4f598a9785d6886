"""Send the subscription digests that are due, and delete expired unconfirmed subscriptions.

Run it from cron, e.g. every 15 minutes: "as soon as published" subscriptions then get news
within a quarter of an hour, and weekly ones once a week at most. Running it twice in a row
sends nothing twice.
"""

import smtplib

from django.core.management.base import BaseCommand
from django.utils import timezone

from outreach import mail
from outreach.models import Subscription


class Command(BaseCommand):
    help = "Send due subscription digests; delete unconfirmed subscriptions older than 7 days."

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        deleted = mail.delete_expired_unconfirmed(now)
        sent = practices = failed = 0
        for subscription in Subscription.objects.filter(confirmed_at__isnull=False).iterator():
            try:
                count = mail.send_digest(subscription, now)
            except (smtplib.SMTPException, OSError) as error:
                failed += 1
                self.stderr.write(f"subscription {subscription.pk}: not sent ({error})")
                continue
            if count:
                sent += 1
                practices += count
        self.stdout.write(
            f"{sent} digests sent ({practices} practices), {failed} failed, "
            f"{deleted} expired unconfirmed subscriptions deleted"
        )
