"""Run upstream modelsearch's BackendTests against one of our search backends.

Upstream's suite (`modelsearch.tests.test_backends.BackendTests`) is what every Wagtail search
backend is tested with. It ships in the installed package without the data it loads, and it
expects the `modelsearch` app to be installed, which a Wagtail project does not do (Wagtail
installs the same models as `wagtail.search`). This module supplies what is missing:

* `modelsearch.models` is aliased to `wagtail.search.models` (the same concrete IndexEntry
  models, which is what upstream's setUp clears), so the suite can be imported;
* the test app `modelsearch.test.testapp` and the command name the suite calls are installed
  by the test settings (platform_site/settings/test.py, tests/search/conformance_app/);
* `build_upstream_data()` writes the records of upstream's `search` fixture in code;
* `conformance_case()` makes the TestCase for one backend, with named skips and a reason each.

The engine backend's conformance module uses the same function with its own backend settings.
"""

from __future__ import annotations

import sys
import unittest
from collections.abc import Mapping
from datetime import date, time

from django.core.management.color import no_style
from django.db import connection
from django.test import TestCase, override_settings
from wagtail.search import models as wagtail_search_models

# Upstream imports `from modelsearch.models import IndexEntry`, a model of an app that is not
# installed here; Wagtail defines the identical models in wagtail.search (its models.py says
# so). Remove when modelsearch's tests read the model through get_app_config() as its
# backends do.
sys.modules.setdefault("modelsearch.models", wagtail_search_models)

from modelsearch.test.testapp import models  # noqa: E402
from modelsearch.tests.test_backends import BackendTests  # noqa: E402

#: Authors: pk → (name, date of birth).
AUTHORS = {
    1: ("George R.R. Martin", date(1948, 9, 20)),
    2: ("J. R. R. Tolkien", date(1892, 1, 3)),
    4: ("Isaac Asimov", date(1920, 1, 2)),
    5: ("David Ascher", None),
    6: ("Mark Lutz", None),
    7: ("Daniel Roy Greenfeld", None),
    8: ("Audrey Roy Greenfeld", None),
    9: ("Douglas Crockford", None),
    10: ("David Flanagan", None),
    11: ("Steve Klabnik", None),
    12: ("Carol Nichols", None),
    13: ("Jim Blandy", None),
    14: ("Jason Orendorff", None),
}
#: Books: pk → (title, author pks, publication date, number of pages).
BOOKS = {
    1: ("A Game of Thrones", [1], date(1996, 8, 1), 694),
    2: ("A Clash of Kings", [1], date(1998, 1, 1), 768),
    3: ("A Storm of Swords", [1], date(2000, 1, 1), 973),
    4: ("The Fellowship of the Ring", [2], date(1954, 7, 29), 423),
    5: ("The Two Towers", [2], date(1954, 11, 11), 352),
    6: ("The Return of the King", [2], date(1955, 10, 20), 440),
    7: ("The Hobbit", [2], date(1937, 9, 21), 320),
    10: ("Foundation", [4], date(1951, 1, 1), 255),
    11: ("Learning Python", [5, 6], date(1999, 1, 1), 1160),
    12: ("Two Scoops of Django 1.11", [7, 8], date(2017, 4, 26), 556),
    13: ("JavaScript: The good parts", [9], date(2008, 5, 18), 172),
    14: ("JavaScript: The Definitive Guide", [10], date(1998, 6, 11), 792),
    15: ("The Rust Programming Language", [11, 12], date(2018, 5, 22), 440),
    16: ("Programming Rust", [13, 14], date(2017, 12, 1), 622),
}
#: Books that are novels: pk → (setting, pk of the protagonist character).
NOVELS = {
    1: ("Westeros", None),
    2: ("Westeros", None),
    3: ("Westeros", None),
    4: ("Middle Earth", 8),
    5: ("Middle Earth", 11),
    6: ("Middle Earth", 14),
    7: ("Middle Earth", 17),
    10: ("Galactic Empire", None),
}
#: Books that are programming guides: pk → language code.
PROGRAMMING_GUIDES = {11: "py", 12: "py", 13: "js", 14: "js", 15: "rs"}
#: Characters: pk → (name, novel pk).
CHARACTERS = {
    1: ("Daenerys Targaryen", 1),
    2: ("Jon Snow", 1),
    3: ("Eddard Stark", 1),
    4: ("Daenerys Targaryen", 2),
    5: ("Jon Snow", 2),
    6: ("Daenerys Targaryen", 3),
    7: ("Jon Snow", 3),
    8: ("Frodo Baggins", 4),
    9: ("Bilbo Baggins", 4),
    10: ("Gandalf", 4),
    11: ("Frodo Baggins", 5),
    12: ("Bilbo Baggins", 5),
    13: ("Gandalf", 5),
    14: ("Frodo Baggins", 6),
    15: ("Bilbo Baggins", 6),
    16: ("Gandalf", 6),
    17: ("Bilbo Baggins", 7),
    18: ("Thorin Oakenshield", 7),
    19: ("Hari Seldon", 10),
    20: ("Salvor Hardin", 10),
}
#: Books kept out of the index: pk → (title, publication date, number of pages).
UNINDEXED_BOOKS = {
    1: ("A Game of Thrones U", date(1996, 8, 1), 694),
    2: ("A Clash of Kings U", date(1998, 1, 1), 768),
    3: ("A Storm of Swords U", date(2000, 1, 1), 973),
    4: ("The Fellowship of the Ring U", date(1954, 7, 29), 423),
}
#: Meetings: pk → (name, start, [(agenda topic, [speakers])]). Only the stand-up has a
#: speaker called Doyle (the nested related fields test).
MEETINGS = {
    1: ("Breakfast yoga", time(8, 0), [("Sun salutations", ["Priya Patel"])]),
    2: ("Stand-up meeting", time(10, 0), [("Release plan", ["Arthur Doyle", "Ada Byron"])]),
    3: ("Evening yoga", time(19, 30), [("Breathing", ["Sam Lee"])]),
}
#: The animal tree (as nested (name, children) pairs), built with both treebeard models.
ANIMALS = ("Animal", [("Mammal", [("Dog", []), ("Cat", [])]), ("Reptile", [("Lizard", [])])])


def build_upstream_data() -> None:
    """The records of upstream's `search` fixture, with the primary keys its tests expect."""
    for pk, (name, born) in AUTHORS.items():
        models.Author.objects.create(pk=pk, name=name, date_of_birth=born)
    for pk, (title, authors, published, pages) in BOOKS.items():
        fields = {"title": title, "publication_date": published, "number_of_pages": pages}
        if pk in NOVELS:
            book = models.Novel.objects.create(pk=pk, setting=NOVELS[pk][0], **fields)
        elif pk in PROGRAMMING_GUIDES:
            language = PROGRAMMING_GUIDES[pk]
            book = models.ProgrammingGuide.objects.create(
                pk=pk, programming_language=language, **fields
            )
        else:
            book = models.Book.objects.create(pk=pk, **fields)
        book.authors.set(authors)
    for pk, (name, novel) in CHARACTERS.items():
        models.Character.objects.create(pk=pk, name=name, novel_id=novel)
    for pk, (_setting, protagonist) in NOVELS.items():
        if protagonist is not None:
            models.Novel.objects.filter(pk=pk).update(protagonist_id=protagonist)
    for pk, (title, published, pages) in UNINDEXED_BOOKS.items():
        models.UnindexedBook.objects.create(
            pk=pk, title=title, publication_date=published, number_of_pages=pages
        )
    for pk, (name, start, agenda) in MEETINGS.items():
        meeting = models.Meeting.objects.create(pk=pk, name=name, start_time=start)
        for topic, speakers in agenda:
            item = models.AgendaItem.objects.create(meeting=meeting, topic=topic)
            for speaker in speakers:
                models.Speaker.objects.create(agenda_item=item, name=speaker)
    for model in (models.MPAnimal, models.NSAnimal):
        _add_animals(model.add_root, ANIMALS)
    # Rows were written with their primary keys: move PostgreSQL's sequences past them, as
    # loaddata does, so that the tests' own objects.create() calls get new keys.
    statements = connection.ops.sequence_reset_sql(no_style(), [models.Author, models.Book])
    statements += connection.ops.sequence_reset_sql(
        no_style(), [models.Character, models.UnindexedBook, models.Meeting]
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _add_animals(add, node: tuple) -> None:
    name, children = node
    animal = add(name=name)
    for child in children:
        _add_animals(animal.add_child, child)


def conformance_case(
    name: str, backend_settings: Mapping, skips: Mapping[str, str] | None = None
) -> type[TestCase]:
    """A TestCase running every upstream backend test against `backend_settings`.

    `skips` maps a test name to the reason it cannot pass with this backend; each reason is
    printed by the test run (and listed in docs/search.md).
    """
    conf = {"default": dict(backend_settings)}
    attributes = {
        "backend_path": conf["default"]["BACKEND"],
        "fixtures": None,  # upstream's fixture file is not shipped; built in code instead
        "setUpTestData": classmethod(lambda cls: build_upstream_data()),
        "__module__": sys._getframe(1).f_globals.get("__name__", __name__),
        "__qualname__": name,
    }
    for test_name, reason in (skips or {}).items():
        if not hasattr(BackendTests, test_name):
            raise AttributeError(f"Upstream has no test named {test_name}")
        attributes[test_name] = unittest.skip(reason)(getattr(BackendTests, test_name))
    case = type(name, (BackendTests, TestCase), attributes)
    # Upstream's setUp looks its backend up in MODELSEARCH_BACKENDS, Wagtail's loader in
    # WAGTAILSEARCH_BACKENDS: both name the same backend.
    return override_settings(MODELSEARCH_BACKENDS=conf, WAGTAILSEARCH_BACKENDS=conf)(case)
