"""SERVE_MEDIA serves uploads, but never document files around Wagtail's privacy check."""

import pytest
from django.http import Http404

from platform_site.media import serve_media


@pytest.fixture
def media_root(settings, tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "cafe.jpg").write_bytes(b"jpeg")
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "plan.pdf").write_bytes(b"%PDF")
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_images_are_served(rf, media_root):
    response = serve_media(rf.get("/media/images/cafe.jpg"), "images/cafe.jpg")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"jpeg"


@pytest.mark.parametrize(
    "path",
    [
        "documents/plan.pdf",
        "./documents/plan.pdf",
        "images/../documents/plan.pdf",
        "/documents/plan.pdf",
        "documents",
        "documents/",
    ],
)
def test_document_files_are_not_served(rf, media_root, path):
    with pytest.raises(Http404):
        serve_media(rf.get("/media/" + path), path)
