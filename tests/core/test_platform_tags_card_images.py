"""Practice cards show responsive images without a query per card, even on a cold cache."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.showcase import make_image


def queries_on_a_cold_cache(client, url: str) -> int:
    client.get(url)  # the renditions exist after the first view
    for cache in caches.all():
        cache.clear()  # Wagtail also keeps renditions in the cache; start without them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "fill-400x225.format-avif" in response.content.decode()
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["practice_index", "municipality"])
def test_card_images_cost_a_fixed_number_of_queries(client, showcase, where):
    url = showcase.sv[where].url
    few = queries_on_a_cold_cache(client, url)
    for number in range(4):
        factories.PracticePageFactory(
            parent=showcase.sv["municipality"],
            title=f"Med bild {number}",
            hero_image=make_image(f"Bild {number}", "En bild.", colour="#a8321e"),
        )
    many = queries_on_a_cold_cache(client, url)
    assert many == few, f"{few} queries with few cards, {many} with four more"
