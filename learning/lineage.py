"""The family tree of a practice: the original, its adaptations, their adaptations, and so on."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from practices.models import PracticePage

# Trees are small in practice; the caps keep a pathological one from slowing a page down.
MAX_GENERATIONS = 10
MAX_NODES = 200


@dataclass
class FamilyNode:
    page: PracticePage
    is_current: bool = False
    # An unpublished ancestor is shown without title or link: its draft is not public.
    is_public: bool = True
    children: list[FamilyNode] = field(default_factory=list)


@dataclass
class FamilyTree:
    root: FamilyNode
    size: int
    generations: int
    truncated: bool = False


def ancestors_of(page: PracticePage) -> list[PracticePage]:
    """The chain of "adapted from" upwards, nearest first; stops at a cycle or the cap."""
    chain: list[PracticePage] = []
    seen = {page.pk}
    parent_id = page.adapted_from_id
    while parent_id and parent_id not in seen and len(chain) < MAX_GENERATIONS:
        parent = PracticePage.objects.filter(pk=parent_id).select_related("municipality").first()
        if parent is None:
            break
        chain.append(parent)
        seen.add(parent.pk)
        parent_id = parent.adapted_from_id
    return chain


def build_family_tree(page: PracticePage) -> FamilyTree | None:
    """The whole tree that ``page`` belongs to, or None if it has no relatives.

    One query per ancestor and one per generation below the root, with caps on both.
    Only published pages are listed below the root, always in the page's own language
    (``adapted_from`` is remapped to each locale's translation on save).
    """
    ancestors = ancestors_of(page)
    root_page = ancestors[-1] if ancestors else page
    nodes: dict[int, FamilyNode] = {
        root_page.pk: FamilyNode(
            page=root_page,
            is_current=root_page.pk == page.pk,
            is_public=root_page.live or root_page.pk == page.pk,
        )
    }
    # Unpublished links of the chain between the root and this page are kept (without
    # their titles), or the page would be cut off from its own tree.
    chain_ids = [a.pk for a in ancestors] + [page.pk]
    seen = {root_page.pk}
    frontier = [root_page.pk]
    generations = 1
    truncated = False
    while frontier:
        if generations >= MAX_GENERATIONS or len(seen) >= MAX_NODES:
            truncated = True
            break
        children = list(
            PracticePage.objects.filter(adapted_from_id__in=frontier)
            .filter(Q(live=True) | Q(pk__in=chain_ids))
            .exclude(pk__in=seen)
            .select_related("municipality")
            .order_by("title", "pk")
        )
        if not children:
            break
        next_frontier = []
        for child in children:
            if len(seen) >= MAX_NODES:
                truncated = True
                break
            is_current = child.pk == page.pk
            node = FamilyNode(page=child, is_current=is_current, is_public=child.live or is_current)
            nodes[child.adapted_from_id].children.append(node)
            nodes[child.pk] = node
            seen.add(child.pk)
            next_frontier.append(child.pk)
        frontier = next_frontier
        if frontier:
            generations += 1
    if len(nodes) == 1:
        return None
    return FamilyTree(
        root=nodes[root_page.pk], size=len(nodes), generations=generations, truncated=truncated
    )
