"""The project's page permission testers: "change" alone never deletes a page."""

from __future__ import annotations

from wagtail.models import PagePermissionTester

# Page permissions of which one must be held to delete a page: "change" alone is not enough.
DELETE_PAGE_PERMISSIONS = frozenset({"add", "publish", "bulk_delete"})


class ProjectPagePermissionTester(PagePermissionTester):
    """Wagtail's page permission tester, except that "change" alone never deletes.

    Wagtail lets anyone who may change an unpublished page delete it (and so move it). The
    translators hold "change" on the English tree to translate; they must not be able to
    delete a municipality's English draft. Deleting needs "add" (the editors, their own
    subtree) or "publish" as well.
    """

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        if self.user.is_active and not self.user.is_superuser:
            if not self.permissions & DELETE_PAGE_PERMISSIONS:
                return False
        return super().can_delete(ignore_bulk=ignore_bulk)


class LeafPagePermissionTester(ProjectPagePermissionTester):
    """The project's page permission tester, without a query per explorer row for leaf pages.

    ``can_delete`` (and ``can_move``, which uses it) asks the database whether any page in the
    subtree is live, or owned by someone else, for users without "publish". The explorer asks
    for every row, for the move and the delete button: two queries per practice for an
    editor. For a page without children the subtree is the page itself, already loaded, so the
    same rules are answered from its fields.
    """

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        if (
            self.page.numchild
            or self.page_is_root
            or not self.user.is_active
            or self.user.is_superuser
        ):
            return super().can_delete(ignore_bulk=ignore_bulk)
        if not self.permissions & DELETE_PAGE_PERMISSIONS:
            return False
        if "change" in self.permissions:
            return "publish" in self.permissions or not self.page.live
        if "add" in self.permissions:
            own = self.page.owner_id == self.user.pk
            return own if "publish" in self.permissions else own and not self.page.live
        return False
