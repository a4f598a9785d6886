"""Django serves uploads (`make run`, SERVE_MEDIA=true), but never document files around
Wagtail's privacy check, and a bad file name is "not found", never a server error."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import Http404

from core.media import serve_media

REPO = Path(__file__).resolve().parents[2]

DOCUMENT_NAMES = ["plan.pdf", "Hylte kommun – plan.docx", "sub/dir/budget.xlsx"]


def document_path_spellings(name: str) -> list[str]:
    """Ways to spell a document file's path after /media/ that a server might map to it."""
    return [
        f"documents/{name}",
        f"./documents/{name}",
        f"images/../documents/{name}",
        f"/documents/{name}",
        f"documents//{name}",
        f"documents/./{name}",
        f"original_images/../documents/{name}",
        f"documents\\{name}",
    ]


@pytest.fixture
def media_root(settings, tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "cafe.jpg").write_bytes(b"jpeg")
    for name in DOCUMENT_NAMES:
        target = tmp_path / "documents" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"%PDF")
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_images_are_served(rf, media_root):
    response = serve_media(rf.get("/media/images/cafe.jpg"), "images/cafe.jpg")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"jpeg"


@pytest.mark.parametrize(
    "path",
    ["documents", "documents/"]
    + [spelling for name in DOCUMENT_NAMES for spelling in document_path_spellings(name)],
)
def test_document_files_are_not_served(rf, media_root, path):
    with pytest.raises(Http404):
        serve_media(rf.get("/media/" + path), path)


@pytest.mark.parametrize(
    "path",
    [
        "a" * 300,
        "images/" + "b" * 300,
        "images/" + "/".join(["c" * 250] * 20),
        "images/ca\x00fe.jpg",
    ],
    ids=["long-name", "long-name-in-folder", "long-path", "nul-byte"],
)
def test_impossible_file_names_are_not_found(rf, media_root, path):
    """The file system refuses such names (OSError/ValueError): nothing can be there."""
    with pytest.raises(Http404):
        serve_media(rf.get("/media/x"), path)


# Runs with the settings of `make run` (platform_site.settings.dev) in a fresh interpreter:
# every /media/ path goes through the development URLconf's resolver and the view it finds.
DEV_PROBE = r"""
import json, sys
import django
from django.http import Http404
from django.test import RequestFactory
from django.urls import Resolver404, resolve

django.setup()
from django.conf import settings

results = {"debug": settings.DEBUG, "paths": {}}
for path in json.loads(sys.argv[1]):
    url = settings.MEDIA_URL + path
    try:
        match = resolve(url)
    except Resolver404:
        results["paths"][path] = {"status": 404, "view": None}
        continue
    view = f"{match.func.__module__}.{match.func.__name__}"
    try:
        response = match.func(RequestFactory().get(url), *match.args, **match.kwargs)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        status = response.status_code
        results["paths"][path] = {"status": status, "view": view, "body": body.decode()}
    except Http404:
        results["paths"][path] = {"status": 404, "view": view}
    except Exception as exc:  # what the client would see as a server error
        results["paths"][path] = {"status": 500, "view": view, "error": repr(exc)}
print(json.dumps(results))
"""


def test_make_run_settings_refuse_document_files(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "cafe.jpg").write_text("jpeg")
    for name in DOCUMENT_NAMES:
        target = tmp_path / "documents" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("secret")
    document_paths = [s for name in DOCUMENT_NAMES for s in document_path_spellings(name)]
    paths = ["images/cafe.jpg", "documents/", "images/" + "x" * 300, *document_paths]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "platform_site.settings.dev",
        "MEDIA_ROOT": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    env.pop("SERVE_MEDIA", None)
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", DEV_PROBE, json.dumps(paths)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    results = json.loads(completed.stdout.strip().splitlines()[-1])
    assert results["debug"] is True
    served = results["paths"]
    # Development serves uploads (make run shows images), through the guarded view...
    assert served["images/cafe.jpg"]["status"] == 200
    assert served["images/cafe.jpg"]["body"] == "jpeg"
    assert served["images/cafe.jpg"]["view"] == "core.media.serve_media"
    # ...which refuses every spelling of a document file, and impossible names.
    refused = {path: served[path] for path in paths[1:] if served[path]["status"] != 404}
    assert refused == {}
