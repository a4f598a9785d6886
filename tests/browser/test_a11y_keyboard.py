"""The main flows with the keyboard alone, each focus stop showing a visible indicator:
skip link, menu, language switch, filtering the practice index, and pagination."""

import re

import pytest

from tests.browser_support import tab_until
from tests.showcase import PAGINATED_EXTRA_PRACTICES, build_showcase

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_keyboard_only_flows(page, live_server):
    show = build_showcase(extra_practices=PAGINATED_EXTRA_PRACTICES)
    base = live_server.url
    page.goto(base + show.sv["home"].url)

    # 1. Skip link: the first Tab stop, visible when focused, and it moves focus to <main>.
    skip = tab_until(page, lambda f: True, limit=1)
    assert skip["href"] == "#main", skip
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0, "the focused skip link is off screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # 2. Menu: from the top of the page, Tab reaches the menu; Enter follows the link.
    page.goto(base + show.sv["home"].url)
    index_url = show.sv["practice_index"].url
    tab_until(page, lambda f: f["href"] == index_url)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(index_url) + "$"))
    assert page.locator("h1").inner_text() == show.sv["practice_index"].title

    # 3. Filter the practice index: tick a target group with Space, submit with Enter.
    tab_until(page, lambda f: f["name"] == "target_group" and f["value"] == "barn")
    page.keyboard.press("Space")
    assert page.locator("input[name=target_group][value=barn]").is_checked()
    tab_until(
        page, lambda f: f["tag"] == "button" and f["text"] in ("Visa resultat", "Show results")
    )
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"target_group=barn"))
    cards = page.locator(".card-grid .card__title a").all_inner_texts()
    assert cards and "Exempel 02" not in cards  # only odd-numbered extras are for children
    assert page.locator("input[name=target_group][value=barn]").is_checked()

    # 4. Pagination: back to all practices, Tab to "Next", Enter shows page 2.
    page.goto(base + index_url)
    tab_until(page, lambda f: f["rel"] == "next", limit=200)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]page=2"))
    assert page.locator(".pagination [aria-current=page]").inner_text().endswith("2")

    # 5. Language switch: from the top of a practice, Tab to "English" and follow it.
    page.goto(base + show.sv["practice"].url)
    english = tab_until(page, lambda f: f["text"] == "English")
    assert english["href"] == show.en["practice"].url
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(show.en["practice"].url) + "$"))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").inner_text() == show.en["practice"].title


def test_every_interactive_element_on_the_practice_page_shows_focus(page, live_server):
    show = build_showcase()
    page.goto(live_server.url + show.sv["practice"].url)
    seen = []

    def record(focused: dict) -> bool:
        seen.append(focused)
        return False

    # tab_until asserts a visible indicator at every stop; it gives up after `limit` stops.
    with pytest.raises(AssertionError, match="no element matching"):
        tab_until(page, record, limit=60)
    assert len(seen) >= 10, "too few focus stops: is the page keyboard-reachable?"
