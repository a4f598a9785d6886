"""Roles and permissions of the municipalities' groups, one module per purpose.

* ``roles``: the group and workflow names, and what each role is granted;
* ``groups``: provisioning of those groups, collections and the review workflow;
* ``pages``: the page permission testers ("change" alone never deletes);
* ``membership``: the municipalities a user works for;
* ``contacts``: who may see and edit which contact persons;
* ``files``: who may see and delete which images and documents;
* ``documents``: who may download a document.

Import from the module itself: this package re-exports nothing.
"""
