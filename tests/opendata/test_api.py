"""The public, read-only Wagtail API v2: the practice record, taxonomy filters, bad input."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex

from practices.models import PracticePage
from tests import factories
from tests.showcase import make_image

PRACTICES = "/api/v2/pages/?type=practices.PracticePage"


def items(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"  # readable from any web page
    return response.json()["items"]


@pytest.mark.django_db
def test_pages_endpoint_lists_both_languages(client, showcase):
    data = client.get("/api/v2/pages/?limit=20").json()
    locales = {item["meta"]["locale"] for item in data["items"]}
    assert locales == {"sv", "en"}
    english = items(client, "/api/v2/pages/?locale=en&limit=20")
    assert {item["meta"]["locale"] for item in english} == {"en"}


@pytest.mark.django_db
def test_practice_listing_has_taxonomy_and_municipality(client, showcase):
    listed = items(client, f"{PRACTICES}&locale=en")
    assert [item["title"] for item in listed] == ["Language café in Hylte"]
    item = listed[0]
    assert item["summary"] == showcase.en["practice"].summary
    assert item["municipality"]["code"] == "1315"
    assert item["municipality"]["county_code"] == "13"
    assert item["municipality"]["html_url"] == showcase.en["municipality"].full_url
    assert {t["slug"] for t in item["target_groups"]} == {"nyanlanda", "barn"}
    assert {t["name"] for t in item["target_groups"]} == {"Newcomers", "Children"}
    assert item["approaches"] == [
        {"slug": "motesplats", "name": "Meeting place", "description": "Meeting place."}
    ]
    assert item["status"] == "ongoing"
    assert item["meta"]["html_url"] == showcase.en["practice"].full_url


@pytest.mark.django_db
def test_practice_detail_is_the_whole_record(client, showcase):
    practice = showcase.en["practice"]
    record = client.get(f"/api/v2/pages/{practice.pk}/").json()
    for name in (
        "summary",
        "hero_image",
        "hero_image_rendition",
        "municipality",
        "participating_municipalities",
        "partners",
        "target_groups",
        "approaches",
        "tags",
        "status",
        "start_date",
        "end_date",
        "funding",
        "last_verified",
        "challenge",
        "what_was_done",
        "results",
        "evidence_level",
        "key_figures",
        "lessons_learned",
        "what_did_not_work",
        "transferability",
        "resources_needed",
        "scale_notes",
        "sources",
        "example_notice",
        "body",
        "contacts",
        "adapted_from",
        "adaptation_notes",
    ):
        assert name in record, name
    assert record["status_label"] == "Ongoing"  # in the page's language, not the request's
    assert record["municipality"]["county_name"] == "Halland County"
    assert [m["code"] for m in record["participating_municipalities"]] == ["2182"]
    assert record["key_figures"][0]["value"] == {"value": "40", "label": "participants"}
    assert record["partners"][0]["value"]["name"] == "Röda korset"
    assert record["tags"] == ["språk"]
    assert record["start_date"] == "2021-03-01"
    # Work details as the page shows them; the e-mail address is not published.
    assert record["contacts"] == [
        {
            "name": "Sara Berg",
            "role": "Integrationssamordnare",
            "role_language": "sv",
            "phone": "010-123 45 67",
            "is_example": False,
        }
    ]
    assert record["hero_image_rendition"]["full_url"].startswith("http://localhost/media/")
    rendition = record["hero_image_rendition"]
    assert rendition["width"] * 9 == rendition["height"] * 16  # 16:9, never upscaled
    # Rich text as display HTML by default, so links work outside Wagtail.
    assert record["what_was_done"] == "<p>We opened a café.</p>"
    assert "linktype" not in str(record)
    assert any(block["type"] == "image" for block in record["body"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("&locale=sv&target_group=nyanlanda", {"Språkcafé i Hylte"}),
        ("&locale=en&target_group=nyanlanda", {"Language café in Hylte"}),
        ("&locale=sv&approach=motesplats", {"Språkcafé i Hylte"}),
        ("&locale=sv&municipality=2182&target_group=nyanlanda", {"Språkcafé i Hylte"}),
        ("&locale=sv&target_group=finns-inte", set()),
        ("&locale=sv&county=99", set()),
    ],
)
def test_practice_filters(client, showcase, query, expected):
    assert {item["title"] for item in items(client, PRACTICES + query)} == expected


@pytest.mark.django_db
def test_filters_match_the_database(client, showcase):
    listed = items(client, f"{PRACTICES}&locale=sv&target_group=barn,nyanlanda&limit=20")
    expected = set(
        PracticePage.objects.live()
        .filter(locale__language_code="sv", target_groups__slug__in=["barn", "nyanlanda"])
        .values_list("pk", flat=True)
    )
    assert {item["id"] for item in listed} == expected
    county = items(client, f"{PRACTICES}&county=21&limit=20")
    assert {item["id"] for item in county} == set(
        PracticePage.objects.live().filter(municipality__county="21").values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_drafts_are_not_in_the_api(client, showcase):
    draft = factories.PracticePageFactory(
        parent=showcase.sv["municipality"], title="Utkast", live=False
    )
    assert draft.pk not in {item["id"] for item in items(client, f"{PRACTICES}&limit=20")}
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


@pytest.mark.django_db
def test_images_and_documents_only_when_used_on_a_public_page(client, showcase):
    unused = make_image("Oanvänd", "Finns bara i arkivet.")
    listed = items(client, "/api/v2/images/")
    assert [item["id"] for item in listed] == [showcase.image.pk]
    assert listed[0]["description"] == showcase.image.description
    assert "download_url" not in listed[0]["meta"]  # originals may carry camera metadata
    assert listed[0]["thumbnail"]["width"] == 400
    assert client.get(f"/api/v2/images/{unused.pk}/").status_code == 404

    document_model = get_document_model()
    linked = document_model.objects.create(
        title="Rapport", file=ContentFile(b"%PDF-1.4\n", name="rapport.pdf")
    )
    document_model.objects.create(title="Intern", file=ContentFile(b"x", name="intern.txt"))
    practice = PracticePage.objects.get(pk=showcase.sv["practice"].pk)
    practice.results = f'<p>Läs <a linktype="document" id="{linked.pk}">rapporten</a>.</p>'
    practice.save_revision().publish()
    ReferenceIndex.create_or_update_for_object(PracticePage.objects.get(pk=practice.pk))
    documents = items(client, "/api/v2/documents/")
    assert [item["title"] for item in documents] == ["Rapport"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en"])
def test_find_a_page_by_its_web_address(client, showcase, language):
    practice = showcase.sv["practice"] if language == "sv" else showcase.en["practice"]
    response = client.get(f"/api/v2/pages/find/?html_path={practice.url}")
    assert response.status_code == 302
    assert response["Location"].split("?")[0].endswith(f"/api/v2/pages/{practice.pk}/")


@pytest.mark.django_db
def test_api_is_read_only(client, showcase):
    assert client.post("/api/v2/pages/", {}).status_code == 405
    assert client.delete(f"/api/v2/pages/{showcase.sv['practice'].pk}/").status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "/api/v2/pages/?target_group=barn",  # taxonomy filters need the practice type
        "/api/v2/pages/?type=practices.PracticePage&target_group=",
        "/api/v2/pages/?type=nope.Nope",
        "/api/v2/pages/?type=practices.PracticePage&start_date=not-a-date",
        "/api/v2/pages/?type=practices.PracticePage&last_verified=2024-13-45",
        "/api/v2/pages/?type=municipalities.MunicipalityPage&population=many",
        "/api/v2/pages/?type=municipalities.MunicipalityPage&area_km2=wide",
        "/api/v2/pages/?id=99999999999999999999999",
        "/api/v2/pages/?offset=99999999999999999999999",
        "/api/v2/pages/?limit=-1",
        "/api/v2/pages/?limit=abc",
        "/api/v2/pages/?child_of=99999999999999999999",
        "/api/v2/pages/?order=municipality",
        "/api/v2/pages/?order=nonsense",
        "/api/v2/pages/?fields=nonsense",
        "/api/v2/pages/?fields=title(oops",
        "/api/v2/pages/?title=%00",
        "/api/v2/pages/?unknown=1",
        "/api/v2/pages/?rich_text_format=pdf",
        "/api/v2/images/?id=abc",
        "/api/v2/documents/?order=-nonsense",
    ],
)
def test_bad_input_gives_400(client, showcase, query):
    response = client.get(query)
    assert response.status_code == 400, (query, response.status_code, response.content[:200])
    assert "message" in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "/api/v2/pages/?locale=xx",
        "/api/v2/pages/999999/",
        "/api/v2/pages/find/?html_path=/sv/finns-inte/",
        "/api/v2/images/999999/",
        "/api/v2/nothing/",
    ],
)
def test_unknown_things_give_404(client, showcase, query):
    assert client.get(query).status_code == 404


@pytest.mark.django_db
def test_practice_listing_queries_do_not_grow_with_the_number_of_practices(client, showcase):
    def count() -> int:
        url = f"{PRACTICES}&locale=sv&limit=20"
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for number in range(4):
        practice = factories.PracticePageFactory(
            parent=showcase.sv["municipality"], title=f"Till {number}"
        )
        practice.target_groups.set([showcase.terms["children"]])
    assert count() == few
