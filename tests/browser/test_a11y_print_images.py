"""A practice page on paper, and responsive images as the browser sees them."""

import pytest

from tests.showcase import build_showcase

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_practice_prints_as_a_clean_document_with_facts_and_url(page, live_server):
    show = build_showcase()
    practice = show.sv["practice"]
    page.goto(live_server.url + practice.url)
    page.emulate_media(media="print")

    hidden = page.evaluate(
        """() => ['.site-header', '.site-nav', '.site-footer', '.breadcrumbs', '.skip-link',
                  '.language-switcher', '.follow']
            .filter(s => document.querySelector(s))
            .filter(s => getComputedStyle(document.querySelector(s)).display !== 'none')"""
    )
    assert hidden == [], f"navigation printed: {hidden}"
    facts = page.locator(".practice__facts")
    assert facts.is_visible()
    # The facts come first on paper, right after the header with the title and lead.
    facts_top = facts.bounding_box()["y"]
    story_top = page.locator("#challenge-heading, #done-heading").first.bounding_box()["y"]
    assert facts_top < story_top
    address = page.locator(".practice__facts .print-only")
    assert address.is_visible()
    assert practice.full_url in address.inner_text()
    # Outside links in the text are spelt out on paper.
    after = page.evaluate(
        "() => getComputedStyle(document.querySelector('.rich-text a[href^=\"http\"]'),"
        " '::after').content"
    )
    assert "https://example.org/" in after

    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 10_000


def test_images_are_responsive_sized_and_lazy_below_the_fold(page, live_server):
    show = build_showcase()
    page.goto(live_server.url + show.sv["practice"].url)
    hero = page.locator(".practice__hero img")
    assert hero.get_attribute("loading") != "lazy"
    assert hero.get_attribute("fetchpriority") == "high"
    assert hero.get_attribute("srcset") and hero.get_attribute("sizes")
    assert page.locator(".practice__hero source[type='image/avif']").count() == 1
    assert page.locator(".practice__hero source[type='image/webp']").count() == 1
    hero_source = page.evaluate("document.querySelector('.practice__hero img').currentSrc")
    assert hero_source.endswith(".avif"), hero_source  # Chromium takes the smallest format
    # The story's image is below the fold: lazy, with its own alt text.
    story_image = page.locator(".block-image img")
    assert story_image.get_attribute("loading") == "lazy"
    assert story_image.get_attribute("alt") == "Ett bord med fika."

    page.goto(live_server.url + show.sv["home"].url)
    cards = page.locator(".card-grid img.card__image")
    assert cards.count() >= 1
    for index in range(cards.count()):
        card = cards.nth(index)
        assert card.get_attribute("alt") == ""  # decorative: the card's title says it all
        assert card.get_attribute("width") and card.get_attribute("height")
        assert "400w" in card.get_attribute("srcset") and "800w" in card.get_attribute("srcset")
    page.goto(live_server.url + show.sv["municipality"].url)
    lazy = page.locator(".card-grid img.card__image[loading=lazy]")
    assert lazy.count() >= 1
    # Scrolled into view, a lazy image loads (and in AVIF).
    lazy.first.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=lazy.first.element_handle()
    )
    assert lazy.first.evaluate("img => img.currentSrc").endswith(".avif")
