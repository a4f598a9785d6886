"""Readers at 1280 and 360 px in Chromium: the comparison (also without JavaScript), the county
map (keyboard, axe, links), the chooser of all 290 municipalities, the practice page's fact box
first on a phone, collapsed filters, and reflow at 320 px."""

import pytest

from tests import factories
from tests.browser_support import HORIZONTAL_OVERFLOW_JS, axe_violations
from tests.showcase import build_showcase

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def second_practice(language_pages: dict):
    """Another live practice in the showcase's municipality, to compare with."""
    return factories.PracticePageFactory(
        parent=language_pages["municipality"], title="Läxhjälp i biblioteket", slug="laxhjalp"
    )


@pytest.mark.parametrize("javascript", [True, False])
def test_comparison_in_both_languages_at_1280_and_360(
    browser, live_server, migrated_db, javascript
):
    show = build_showcase()
    other = second_practice(show.sv)
    for language, path in (("sv", "jamfor"), ("en", "compare")):
        practice = show.sv["practice"]  # Swedish ids work in English too (translation key)
        index = show.urls(language)["practice_index"]
        url = f"{live_server.url}{index}{path}/?p={practice.pk}&p={other.pk}"
        for width in (1280, 360):
            context = browser.new_context(
                viewport={"width": width, "height": 800}, java_script_enabled=javascript
            )
            page = context.new_page()
            page.goto(url)
            table = page.locator("table.compare-table")
            expected_columns = 2 if language == "sv" else 1  # the second has no translation
            assert table.locator("thead th[scope=col]").count() == expected_columns
            assert table.locator("tbody th[scope=row]").count() >= 12
            overflow = page.evaluate(HORIZONTAL_OVERFLOW_JS)
            assert overflow["scrollWidth"] <= overflow["width"], (language, width, overflow)
            if width == 360:
                # The row headings stay in view while the table scrolls in its own region.
                region = page.locator(".compare__scroll")
                region.evaluate("el => el.scrollLeft = 400")
                heading = table.locator("tbody th[scope=row]").first.bounding_box()
                assert heading["x"] >= 0 and heading["x"] < 40
            context.close()
    # Without JavaScript: remove one with a link, add it back with the GET form.
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/sv/goda-exempel/jamfor/?p={show.sv['practice'].pk}&p={other.pk}")
    remove = page.locator(f"#practice-{other.pk} a.compare-table__remove")
    assert remove.inner_text().startswith("Ta bort")
    page.goto(live_server.url + "/sv/goda-exempel/jamfor/" + remove.get_attribute("href"))
    assert page.locator("thead th[scope=col]").count() == 1
    assert page.url.endswith(f"?p={show.sv['practice'].pk}")
    context.close()


def test_comparison_and_map_pass_axe(page, live_server):
    show = build_showcase()
    for language in ("sv", "en"):
        for name in ("compare", "map"):
            page.goto(live_server.url + show.urls(language)[name])
            assert axe_violations(page) == [], (language, name)


def test_map_tiles_are_keyboard_links_to_the_filtered_list(page, live_server):
    show = build_showcase()
    page.goto(live_server.url + show.urls("sv")["map"])
    tiles = page.locator("a.county-map__tile")
    assert tiles.count() == 21
    # Tab from the top reaches the first county tile, named with its count.
    first_label = tiles.first.get_attribute("aria-label")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('county-map__tile')"):
            break
    else:
        pytest.fail("no county tile reached by keyboard")
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label == first_label and label.endswith(" exempel")
    # Halland holds the showcase's practices; its tile leads to exactly that county's list.
    halland = page.locator("a.county-map__tile[href$='county=13']")
    count = int(halland.locator("text.county-map__count").text_content())
    halland.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/goda-exempel/?county=13")
    assert page.locator(".card-grid > li").count() == min(count, 12)
    assert page.locator(f"#results-heading:has-text('{count} exempel')").count() == 1


def test_chooser_lists_all_290_municipalities(page, live_server):
    from demo.learning import import_official_list

    build_showcase()
    import_official_list()
    page.goto(live_server.url + "/sv/kommuner-som-min/")
    select = page.locator("select[name=municipality]")
    assert select.locator("option[value]:not([value=''])").count() == 290
    assert select.locator("optgroup").count() == 21
    select.select_option("2182")
    page.get_by_role("button", name="Visa exempel").click()
    assert page.locator("h2#like-place-heading").inner_text() == "Mest lik Söderhamn"


def test_phone_fact_box_first_and_filters_collapsed(browser, live_server, migrated_db):
    show = build_showcase()
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + show.sv["practice"].url)
    facts = page.locator(".practice__facts").bounding_box()
    main = page.locator(".practice__main").bounding_box()
    assert facts["y"] < main["y"]
    page.goto(live_server.url + show.sv["practice_index"].url)
    assert page.locator("details[data-filters]").get_attribute("open") is None
    first_card = page.locator(".card-grid > li").first.bounding_box()
    assert first_card["y"] < 800  # the first result is in view on a phone
    page.goto(live_server.url + show.sv["practice_index"].url + "?target_group=barn")
    assert page.locator("details[data-filters]").get_attribute("open") is not None
    assert page.locator(".active-filters").is_visible()
    context.close()
    wide = browser.new_context(viewport={"width": 1280, "height": 800})
    page = wide.new_page()
    page.goto(live_server.url + show.sv["practice_index"].url)
    assert page.locator("details[data-filters]").get_attribute("open") is not None
    wide.close()


def public_view_paths(client) -> list[str]:
    """Every page of the site that is a view rather than a Wagtail page, in both languages:
    the URL patterns under the language prefix that take no argument, and the routes of the
    routable pages (comparison, map), kept when an anonymous reader gets HTML for them."""
    from django.urls import URLPattern, URLResolver, get_resolver, reverse
    from django.urls.resolvers import LocalePrefixPattern
    from django.utils import translation
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import get_page_models

    def names(patterns, namespace="", localized=False):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = entry.namespace or ""
                yield from names(
                    entry.url_patterns,
                    f"{namespace}{inner}:" if inner else namespace,
                    localized or isinstance(entry.pattern, LocalePrefixPattern),
                )
            elif isinstance(entry, URLPattern) and localized and entry.name:
                if not entry.pattern.regex.groupindex and "(" not in entry.pattern.regex.pattern:
                    yield f"{namespace}{entry.name}"

    paths = set()
    for language in ("sv", "en"):
        with translation.override(language):
            for name in names(get_resolver().url_patterns):
                paths.add(reverse(name))
    for model in get_page_models():
        if not issubclass(model, RoutablePageMixin):
            continue
        for page in model.objects.live().public():
            # The routes' paths are translated: reverse them in the page's language, not in
            # whatever language an earlier test's request left active in this thread.
            with translation.override(page.locale.language_code):
                for pattern in page.get_subpage_urls():
                    if pattern.name and not pattern.pattern.regex.groupindex:
                        paths.add(page.url + page.reverse_subpage(pattern.name))
    kept = []
    for path in sorted(paths):
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            kept.append(path)
    return kept


def one_live_page_of_each_type() -> dict[str, str]:
    """A live, public page of every page type of the project, in each language it has."""
    from wagtail.models import get_page_models

    urls = {}
    missing = []
    for model in get_page_models():
        if model.__module__.startswith("wagtail."):
            continue
        found = False
        for language in ("sv", "en"):
            page = model.objects.live().public().filter(locale__language_code=language).first()
            if page is not None:
                urls[f"{language} {model.__name__}"] = page.url
                found = True
        if not found:
            missing.append(model.__name__)
    assert not missing, f"the showcase has no live page of these types: {missing}"
    return urls


def test_reflow_at_320_on_every_page_type(browser, live_server, migrated_db, client):
    """WCAG 1.4.10 on every page type and every public view, found from the system: a new page
    type or view is covered the day it is added (and fails here if the showcase lacks it)."""
    show = build_showcase()
    targets = one_live_page_of_each_type()
    views = public_view_paths(client)
    assert len(views) >= 6, views  # search, statistics, like mine, open data… in two languages
    assert any(path.endswith("/jamfor/") for path in views), views  # a routable page's route
    assert "/en/in-numbers/" in views, views
    targets.update({path: path for path in views})
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    failures = {}
    for name, url in targets.items():
        response = page.goto(live_server.url + url)
        assert response.status == 200, name
        overflow = page.evaluate(HORIZONTAL_OVERFLOW_JS)
        if overflow["scrollWidth"] > overflow["width"]:
            failures[name] = overflow["culprits"]
    context.close()
    assert show.sv["practice"].url in targets.values()
    assert not failures, failures


CHART_TEXT_SIZES_JS = """
() => [...document.querySelectorAll('svg.chart text')].map(text => {
  const svg = text.ownerSVGElement;
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return scale * parseFloat(text.getAttribute('font-size'));
})
"""


def test_chart_labels_are_readable_on_a_phone(browser, live_server, migrated_db):
    build_showcase()
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    for url in ("/sv/siffror/", "/en/in-numbers/"):
        page.goto(live_server.url + url)
        sizes = page.evaluate(CHART_TEXT_SIZES_JS)
        assert sizes, url
        # The smallest label as drawn on the screen, in CSS pixels (it was about 6 px).
        assert min(sizes) >= 12, (url, min(sizes))
    context.close()


# Words of key-figure cards wider than the line they are on (so broken mid-word), unless the
# browser hyphenated them.
BROKEN_WORDS_JS = """
() => {
  const broken = [];
  for (const el of document.querySelectorAll('.key-figure__value, .key-figure__label')) {
    const probe = document.createElement('span');
    probe.style.whiteSpace = 'nowrap';
    el.appendChild(probe);
    const room = el.clientWidth;
    for (const word of el.firstChild.textContent.trim().split(/\\s+/)) {
      probe.textContent = word;
      if (probe.getBoundingClientRect().width > room + 0.5) broken.push(word);
    }
    probe.remove();
  }
  return broken;
}
"""


def test_key_figure_words_are_not_broken_mid_word(browser, live_server, migrated_db):
    show = build_showcase()
    labels = ["blev årets integrationskommun", "arbetsmarknadsintroduktioner", "deltagare", "år"]
    practice = factories.PracticePageFactory(
        parent=show.sv["municipality"],
        title="Långa ord",
        slug="langa-ord",
        key_figures=[
            {"type": "key_figure", "value": {"value": str(40 + n), "label": label}}
            for n, label in enumerate(labels)
        ],
    )
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(live_server.url + practice.url)
        assert page.locator(".key-figure").count() == 4
        assert page.evaluate(BROKEN_WORDS_JS) == [], width
        context.close()
    # At 320 px a 28-letter word is longer than the line: it wraps rather than scroll sideways.
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + practice.url)
    assert page.evaluate(BROKEN_WORDS_JS) == ["arbetsmarknadsintroduktioner"]
    overflow = page.evaluate(HORIZONTAL_OVERFLOW_JS)
    assert overflow["scrollWidth"] <= 320, overflow
    context.close()


def test_hero_image_accompanies_the_title_without_filling_the_screen(
    browser, live_server, migrated_db
):
    show = build_showcase()  # its practice has a real uploaded hero image
    for width, height in ((1280, 800), (360, 740)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(live_server.url + show.sv["practice"].url)
        hero = page.locator(".practice__hero img")
        assert hero.evaluate("img => img.complete && img.naturalWidth > 0"), width
        box = hero.bounding_box()
        title = page.locator(".practice__header h1").bounding_box()
        assert box["height"] <= height / 3 + 1, (width, box)
        if width == 1280:
            # Beside the title, a third of the width at most.
            assert box["width"] <= width / 3 and box["x"] > title["x"] + title["width"], box
        context.close()


CONTACT_FORM_BOXES_JS = """
() => [...document.querySelectorAll(
  '.learning-field > label, .learning-field > input:not([type=checkbox]),'
  + ' .learning-field > textarea'
)].filter(el => el.getClientRects().length && el.closest('form')
                  && el.closest('form').querySelector('#contact-name'))
  .map(el => [el.tagName, Math.round(el.getBoundingClientRect().left),
              Math.round(el.getBoundingClientRect().width)])
"""


def test_contact_form_labels_and_fields_are_aligned(browser, live_server, migrated_db):
    show = build_showcase()
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(live_server.url + show.sv["practice"].url)
        boxes = page.evaluate(CONTACT_FORM_BOXES_JS)
        assert len(boxes) >= 8, boxes  # name, e-mail, organisation, message: label and field
        # One left edge, and the fields one width (the practice page once lacked their styles).
        assert len({left for _tag, left, _width in boxes}) == 1, (width, boxes)
        assert len({w for tag, _left, w in boxes if tag != "LABEL"}) == 1, (width, boxes)
        context.close()


def test_print_and_copy_link_buttons(browser, live_server, migrated_db):
    show = build_showcase()
    url = live_server.url + show.sv["practice"].url
    context = browser.new_context(viewport={"width": 360, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.goto(url)
    assert page.get_by_role("button", name="Skriv ut / spara som PDF").is_visible()
    page.get_by_role("button", name="Kopiera länk").click()
    status = page.locator("[data-share-status]")
    assert status.get_attribute("role") == "status"  # announced (a polite live region)
    page.wait_for_function("document.querySelector('[data-share-status]').textContent !== ''")
    assert status.inner_text() == "Länken är kopierad."
    assert page.evaluate("navigator.clipboard.readText()") == url
    page.emulate_media(media="print")
    assert not page.locator("[data-share]").is_visible()  # not on paper
    context.close()
    # Without JavaScript no dead buttons are shown.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    assert page.locator("button[data-share-action]:visible").count() == 0
    context.close()
