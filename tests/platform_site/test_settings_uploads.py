"""Upload limits through the admin's own upload views, with errors an editor can act on."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def collection(db) -> Collection:
    return Collection.get_first_root_node()


def upload_image(client, collection, name: str, content: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type="image/png"),
            "collection": collection.pk,
            "description": "Beskrivning",
        },
    )


def upload_document(client, collection, name: str, content: bytes = b"innehall"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": collection.pk,
        },
    )


def file_errors(response) -> str:
    assert response.status_code == 200, "the form is shown again, not a crash"
    return " ".join(response.context["form"].errors.get("file", []))


def test_a_normal_image_is_accepted(admin_client, collection):
    response = upload_image(admin_client, collection, "liten.png", png(40, 30))
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="liten.png").exists()


def test_too_large_image_file_is_refused_with_its_size(admin_client, collection, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2_000
    content = png(300, 300) + b"\0" * 3_000
    errors = file_errors(upload_image(admin_client, collection, "stor.png", content))
    assert errors and "2.0" in errors.replace(",", ".")  # names the limit
    assert not get_image_model().objects.filter(title="stor.png").exists()


def test_image_with_too_many_pixels_is_refused(admin_client, collection, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 10_000
    errors = file_errors(upload_image(admin_client, collection, "bred.png", png(200, 100)))
    assert errors
    assert not get_image_model().objects.filter(title="bred.png").exists()


def test_the_configured_limits_are_in_force():
    from django.conf import settings

    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert not {"html", "htm", "svg", "js", "exe"} & set(settings.WAGTAILDOCS_EXTENSIONS)


@pytest.mark.parametrize("name", ["sida.html", "bild.svg", "program.exe", "skript.js"])
def test_dangerous_document_types_are_refused(admin_client, collection, name):
    errors = file_errors(upload_document(admin_client, collection, name))
    assert errors
    assert not get_document_model().objects.filter(title=name).exists()


def test_svg_is_not_accepted_as_an_image(admin_client, collection):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
    errors = file_errors(upload_image(admin_client, collection, "bild.svg", svg))
    assert errors


def test_allowed_document_is_accepted(admin_client, collection):
    response = upload_document(admin_client, collection, "rapport.pdf", b"%PDF-1.4 test")
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="rapport.pdf").exists()


def test_too_large_document_is_refused(admin_client, collection, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1_000
    errors = file_errors(upload_document(admin_client, collection, "tung.pdf", b"%PDF" * 1_000))
    assert errors
