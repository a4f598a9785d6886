from django.core.management.base import BaseCommand, CommandParser

from search.analytics import prune


class Command(BaseCommand):
    help = "Delete search statistics older than --days days (default 365)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=365)

    def handle(self, *args, **options) -> None:
        deleted = prune(days=max(options["days"], 31))  # the report needs the last 30 days
        self.stdout.write(f"Deleted {deleted} rows of search statistics.")
