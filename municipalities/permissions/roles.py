"""The roles: the names of the project groups and the review workflow, and what each holds.

The project groups (Projektledare, Översättare), one editor and one publisher group per
municipality, and the permissions that ``groups.sync_municipality_groups`` grants each of them.
"""

PROJECT_MANAGERS = "Projektledare"
TRANSLATORS = "Översättare"
REVIEW_WORKFLOW = "Granskning"
REVIEW_TASK = "Granskning av projektledare"
EDITORS_SUFFIX = "redaktörer"
PUBLISHERS_SUFFIX = "publicerare"

# Page permission types (wagtail.models.PAGE_PERMISSION_TYPES). "lock" lets a user lock a page
# and unlock their own locks; only "unlock" frees somebody else's lock.
EDITOR_PAGE_PERMISSIONS = ("add", "change", "lock")
PUBLISHER_PAGE_PERMISSIONS = (*EDITOR_PAGE_PERMISSIONS, "publish")
PROJECT_MANAGER_PAGE_PERMISSIONS = ("add", "bulk_delete", "change", "lock", "publish", "unlock")
# wagtail-localize's translation editor is the page edit view: it needs "change" on the target.
TRANSLATOR_PAGE_PERMISSIONS = ("change",)

# Images and documents are checked against wagtailimages.Image / wagtaildocs.Document
# permissions even with a custom image model (see wagtail.images.get_permission_policy).
MUNICIPALITY_COLLECTION_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
PROJECT_MANAGER_COLLECTION_PERMISSIONS = (
    *MUNICIPALITY_COLLECTION_PERMISSIONS,
    "wagtailimages.delete_image",
    "wagtaildocs.delete_document",
)

# Municipality editors get no model permission on ContactPerson: their access to contacts is
# granted per object by ContactPersonPermissionPolicy, so that no content-type-wide check
# (site history, reports) shows them other municipalities' contacts.
MUNICIPALITY_MODEL_PERMISSIONS = ("wagtailadmin.access_admin",)
PROJECT_MANAGER_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "wagtail_localize.submit_translation",
    *(
        f"{app}.{action}_{model}"
        for app, model in (
            ("practices", "targetgroup"),
            ("practices", "approach"),
            ("municipalities", "contactperson"),
            ("search", "synonymset"),
        )
        for action in ("add", "change", "delete", "view")
    ),
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.delete_searchpromotion",
)
TRANSLATOR_MODEL_PERMISSIONS = ("wagtailadmin.access_admin", "wagtail_localize.submit_translation")
