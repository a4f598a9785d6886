"""Erase the senders' names and addresses of suggestions decided more than 30 days ago.

Run it daily from cron; what the sender wrote about the practice is kept for the record.
"""

from django.core.management.base import BaseCommand

from outreach import suggestions


class Command(BaseCommand):
    help = "Erase personal data of practice suggestions decided more than 30 days ago."

    def handle(self, *args, **options) -> None:
        erased = suggestions.erase_personal_data()
        self.stdout.write(f"personal data erased from {erased} suggestions")
