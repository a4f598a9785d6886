from django.core.management.base import BaseCommand

from demo.build import build_demo
from demo.learning import build_learning_demo
from demo.search import build_search_demo


class Command(BaseCommand):
    help = (
        "Build the bilingual demo content: site tree, taxonomy, municipalities, practices, "
        "themes, images, an open call for practices and (with DEBUG on) demo accounts. "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--accounts",
            dest="accounts",
            action="store_true",
            default=None,
            help="Create the demo accounts; refused when DEBUG is off.",
        )
        group.add_argument(
            "--no-accounts",
            dest="accounts",
            action="store_false",
            default=None,
            help="Do not create the demo accounts.",
        )
        parser.add_argument(
            "--update-edited",
            action="store_true",
            help=(
                "Also overwrite demo pages that someone has saved in the admin, so that they "
                "match the demo data again."
            ),
        )

    def handle(
        self, *args, accounts: bool | None = None, update_edited: bool = False, **options
    ) -> None:
        summary = build_demo(stdout=self.stdout, accounts=accounts, update_edited=update_edited)
        created = ", ".join(f"{count} {kind}" for kind, count in summary["created"].items())
        totals = ", ".join(
            f"{count} {kind.replace('_', ' ')}" for kind, count in summary["totals"].items()
        )
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready in {summary['seconds']} s. Created: {created}.")
        )
        self.stdout.write(f"Brought up to date with the demo data: {summary['updated']} pages.")
        self.stdout.write(f"In the database (both languages): {totals}.")
        self.stdout.write(f"Demo accounts: {summary['accounts']}.")
        # The learning layer (profiles, an open call, related practices) builds on the pages,
        # then the search layer's synonym sets.
        build_learning_demo(stdout=self.stdout)
        build_search_demo(stdout=self.stdout)
