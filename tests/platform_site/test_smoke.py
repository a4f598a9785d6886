import pytest


@pytest.mark.django_db
def test_home_renders_in_both_languages(client, site_tree):
    response = client.get("/sv/")
    assert response.status_code == 200
    assert '<html lang="sv">' in response.content.decode()
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_practice_renders(client, practice):
    response = client.get(practice.url)
    assert response.status_code == 200
    assert practice.title in response.content.decode()
