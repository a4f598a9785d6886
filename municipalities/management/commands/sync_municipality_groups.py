from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from municipalities.models import MunicipalityPage
from municipalities.permissions.groups import sync_municipality_groups


class Command(BaseCommand):
    help = _(
        "Create or update the editor and publisher groups, collections and permissions of every "
        "municipality, the project groups and the review workflow. Safe to run at any time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--page", type=int, help=_("Only the municipality with this page id (any locale).")
        )

    def handle(self, *args: Any, page: int | None = None, **options: Any) -> None:
        target = MunicipalityPage.objects.get(pk=page) if page else None
        report = sync_municipality_groups(target)
        if options["verbosity"] > 1:
            for line in report.changes:
                self.stdout.write(f"  {line}")
        if report.changes:
            self.stdout.write(
                self.style.SUCCESS(_("%(count)d changes made.") % {"count": len(report)})
            )
        else:
            self.stdout.write(_("Everything was already in sync."))
