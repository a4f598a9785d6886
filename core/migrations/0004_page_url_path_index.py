"""An index on wagtailcore_page.url_path, which HomePage.route looks pages up by."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("platform_site", "0003_homepagefeaturedpractice_practice_and_more"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS platform_site_page_url_path_idx "
            "ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS platform_site_page_url_path_idx",
        ),
    ]
