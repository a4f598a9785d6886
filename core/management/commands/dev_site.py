from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site


class Command(BaseCommand):
    help = (
        "Development only: point the default Wagtail site at the development server's address "
        "(127.0.0.1 and PORT), so that feed links, canonical URLs, the printed web address and "
        "e-mail links lead to the running server. `make run` calls it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=int(getattr(settings, "DEV_SERVER_PORT", 8000))
        )
        parser.add_argument("--host", default=getattr(settings, "DEV_SERVER_HOST", "127.0.0.1"))

    def handle(self, *args, port: int, host: str, **options) -> None:
        # In production the site's host name is set in the admin (Settings → Sites) and is,
        # with WAGTAILADMIN_BASE_URL, the only source of absolute URLs: never rewrite it.
        if not settings.DEBUG:
            raise CommandError("dev_site only runs with DEBUG on (development settings).")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site yet: run load_demo first.")
        if (site.hostname, site.port) != (host, port):
            site.hostname, site.port = host, port
            site.save()
        self.stdout.write(f"Default site: {site.root_url}")
