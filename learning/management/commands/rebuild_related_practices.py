"""Recompute every practice's related practices (after an import or a change of weights)."""

from typing import Any

from django.core.management.base import BaseCommand

from learning.related import rebuild_all


class Command(BaseCommand):
    help = "Recompute the keyword vectors and related practices of all published practices."

    def handle(self, *args: Any, **options: Any) -> None:
        count = rebuild_all()
        self.stdout.write(self.style.SUCCESS(f"Related practices computed for {count} practices."))
