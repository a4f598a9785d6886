"""What the admin answers a request, classified: done, refused, not found, or off to log in."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

# Outcomes, from what the admin actually answers. Wagtail turns a refused permission into a
# redirect to the dashboard with a message; a 404 may come back as the language redirect that
# LocaleMiddleware adds in front of the catch-all page URL. Both are classified, not guessed.
OK = "200"
REDIRECT = "302 onwards"  # the normal redirect after a successful (or harmless) POST
DENIED = "302 denied"
NOT_FOUND = "not found"
LOGIN = "302 login"
FORM_ERROR = "200"  # the form comes back with an error


def outcome(response: Any) -> str:
    status = response.status_code
    if status == 404:
        return NOT_FOUND
    if status != 302:
        return str(status)
    location = response["Location"]
    if location.startswith(reverse("wagtailadmin_login")):
        return LOGIN
    if location == reverse("wagtailadmin_home"):
        return DENIED
    if location == "/sv" + response.wsgi_request.get_full_path():
        return NOT_FOUND
    return REDIRECT
