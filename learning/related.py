"""Related practices, precomputed when a practice is published.

Score of a pair (symmetric, so one computation updates both sides):
    2 × shared target groups + 2 × shared approaches + 1 × shared tags + 6 × text cosine
The text cosine uses stemmed keywords weighted by TF-IDF, kept in ``PracticeTerm``. Candidates
come from indexed lookups (shared terms, shared taxonomy), never from a scan of all practices,
so a publish costs a dozen queries whether there are 50 practices or 10,000. Readers only
read the stored top five.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Case, Count, F, FloatField, Sum, Value, When

from practices.models import PracticePage, PracticePageTag
from search.text import html_to_text, keywords

from .models import PracticeTerm, RelatedPractice

MAX_RELATED = 5
TERMS_PER_PRACTICE = 40
CANDIDATES_PER_SOURCE = 150
CANDIDATE_TERMS = 12
# Text alone must reach a cosine of about 0.08 to count; any shared term of the taxonomy does.
MIN_SCORE = 0.5

WEIGHT_TARGET_GROUP = 2.0
WEIGHT_APPROACH = 2.0
WEIGHT_TAG = 1.0
WEIGHT_TEXT = 6.0

TEXT_FIELDS = (
    "title",
    "summary",
    "challenge",
    "what_was_done",
    "results",
    "lessons_learned",
    "what_did_not_work",
    "transferability",
)
# The title and summary say what the practice is about; the long fields add context.
FIELD_BOOST = {"title": 3, "summary": 2}


def practice_text_counts(page: PracticePage) -> Counter:
    """Keyword counts of a practice, boosted by field: the search's analysis of its text.

    The same stemming and folding as the search index, so that "mötesplats" and
    "mötesplatser", or "Härnösand" and "harnosand", count as one term.
    """
    # keywords() falls back to the site's default language for a locale it cannot stem.
    language = page.locale.language_code if page.locale_id else ""
    counts: Counter = Counter()
    for name in TEXT_FIELDS:
        # Tags become spaces and entities characters, so paragraphs do not run together.
        value = html_to_text(str(getattr(page, name, "") or ""))
        boost = FIELD_BOOST.get(name, 1)
        for term in keywords(value, language):
            counts[term] += boost
    for tag in page.tags.all():
        for term in keywords(tag.name, language):
            counts[term] += 2
    return counts


def _weights(counts: Counter, total_docs: int, df: dict[str, int]) -> dict:
    """Top terms with log-scaled TF × IDF, normalised to unit length.

    No "+1" on the IDF: a word that every practice uses ("result", "municipality") says
    nothing about relatedness and gets weight zero.
    """
    raw = {
        term: (1 + math.log(n)) * math.log((1 + total_docs) / (1 + df.get(term, 0)))
        for term, n in counts.items()
    }
    raw = {term: w for term, w in raw.items() if w > 0}
    top = sorted(raw.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS_PER_PRACTICE]
    norm = math.sqrt(sum(w * w for _t, w in top)) or 1.0
    return {term: w / norm for term, w in top}


def index_terms(page: PracticePage) -> dict[str, float]:
    """Store the practice's keyword vector (replacing the old one) and return it."""
    counts = practice_text_counts(page)
    terms = list(counts)
    df = dict(
        PracticeTerm.objects.filter(locale_id=page.locale_id, term__in=terms)
        .exclude(practice_id=page.pk)
        .values("term")
        .annotate(n=Count("pk"))
        .values_list("term", "n")
    )
    total = PracticePage.objects.live().filter(locale_id=page.locale_id).count()
    weights = _weights(counts, max(total, 1), df)
    PracticeTerm.objects.filter(practice_id=page.pk).delete()
    PracticeTerm.objects.bulk_create(
        PracticeTerm(practice_id=page.pk, locale_id=page.locale_id, term=t, weight=w)
        for t, w in weights.items()
    )
    return weights


def _through_ids(page: PracticePage, name: str) -> list[int]:
    return [obj.pk for obj in getattr(page, name).all()]


def _shared_counts(
    through,
    own: str,
    term_field: str,
    term_ids: list[int],
    locale_id: int,
    limit_to: Iterable[int] | None,
) -> dict[int, int]:
    """Practice id → number of shared terms, from a many-to-many table (indexed lookups)."""
    if not term_ids:
        return {}
    own_field = f"{own}_id"
    rows = through.objects.filter(**{f"{term_field}__in": term_ids})
    if limit_to is not None:
        rows = rows.filter(**{f"{own_field}__in": list(limit_to)})
    else:
        # Tags are shared by all languages: keep other languages out of the first cut.
        rows = rows.filter(**{f"{own}__live": True, f"{own}__locale_id": locale_id})
    rows = rows.values(own_field).annotate(n=Count("pk")).order_by("-n", own_field)
    if limit_to is None:
        rows = rows[:CANDIDATES_PER_SOURCE]
    return {row[own_field]: row["n"] for row in rows}


def _text_scores(
    locale_id: int, weights: dict[str, float], limit_to: Iterable[int] | None
) -> dict[int, float]:
    if not weights:
        return {}
    mine = Case(
        *(When(term=t, then=Value(w)) for t, w in weights.items()),
        default=Value(0.0),
        output_field=FloatField(),
    )
    rows = PracticeTerm.objects.filter(locale_id=locale_id, term__in=list(weights))
    if limit_to is not None:
        rows = rows.filter(practice_id__in=list(limit_to))
    rows = rows.values("practice_id").annotate(s=Sum(F("weight") * mine)).order_by("-s")
    if limit_to is None:
        rows = rows[:CANDIDATES_PER_SOURCE]
    return {row["practice_id"]: float(row["s"]) for row in rows}


def score_candidates(
    page: PracticePage, weights: dict[str, float], exclude: frozenset[int] = frozenset()
) -> dict[int, float]:
    """Scores of the live practices in the page's language that share anything with it."""
    tg_through = PracticePage.target_groups.through
    ap_through = PracticePage.approaches.through
    tg_ids = _through_ids(page, "target_groups")
    ap_ids = _through_ids(page, "approaches")
    tag_ids = [t.pk for t in page.tags.all()]

    loc = page.locale_id
    tg = _shared_counts(tg_through, "practicepage", "targetgroup_id", tg_ids, loc, None)
    ap = _shared_counts(ap_through, "practicepage", "approach_id", ap_ids, loc, None)
    tags = _shared_counts(PracticePageTag, "content_object", "tag_id", tag_ids, loc, None)
    # The first cut uses only the most telling words: common ones match thousands of rows
    # and hardly change the ranking.
    strongest = dict(sorted(weights.items(), key=lambda kv: -kv[1])[:CANDIDATE_TERMS])
    text = _text_scores(page.locale_id, strongest, None)

    candidates = set(tg) | set(ap) | set(tags) | set(text)
    candidates.discard(page.pk)
    candidates -= exclude
    candidates = set(
        PracticePage.objects.filter(
            pk__in=candidates, live=True, locale_id=page.locale_id
        ).values_list("pk", flat=True)
    )
    if not candidates:
        return {}
    # The first pass took the best of each kind; fill in the other kinds for every candidate.
    tg = _shared_counts(tg_through, "practicepage", "targetgroup_id", tg_ids, loc, candidates)
    ap = _shared_counts(ap_through, "practicepage", "approach_id", ap_ids, loc, candidates)
    tags = _shared_counts(PracticePageTag, "content_object", "tag_id", tag_ids, loc, candidates)
    text = _text_scores(page.locale_id, weights, candidates)
    scores = {}
    for pk in candidates:
        score = (
            WEIGHT_TARGET_GROUP * tg.get(pk, 0)
            + WEIGHT_APPROACH * ap.get(pk, 0)
            + WEIGHT_TAG * tags.get(pk, 0)
            + WEIGHT_TEXT * text.get(pk, 0.0)
        )
        if score >= MIN_SCORE:
            scores[pk] = round(score, 6)
    return scores


def _top(scores: dict[int, float]) -> list[tuple[int, float]]:
    # Ties go to the newer practice (higher pk), so the order is stable between runs.
    return sorted(scores.items(), key=lambda kv: (-kv[1], -kv[0]))[:MAX_RELATED]


def _store(practice_id: int, top: list[tuple[int, float]]) -> None:
    _store_many({practice_id: top})


def _store_many(lists: dict[int, list[tuple[int, float]]]) -> None:
    """Replace the lists of several practices in two statements, however many there are."""
    if not lists:
        return
    RelatedPractice.objects.filter(practice_id__in=list(lists)).delete()
    RelatedPractice.objects.bulk_create(
        (
            RelatedPractice(practice_id=owner, related_id=pk, score=score)
            for owner, top in lists.items()
            for pk, score in top
        ),
        batch_size=500,
    )


# Refilling a list from scratch costs a dozen queries; when one publish leaves more lists
# than this with a gap, the rest keep a shorter list until their next publish or a rebuild.
MAX_REFILLS_PER_CHANGE = 10


@transaction.atomic
def update_for_published(page: PracticePage) -> list[int]:
    """Recompute a just-published practice's list and fit it into its neighbours' lists.

    A fixed number of queries: the neighbours' lists are read in one query and rewritten in
    two, whatever their number. Exact when the practice enters a list; when it falls in one
    (its text changed), its new score is kept in place, since what that list once dropped is
    not stored.
    """
    page = PracticePage.objects.select_related("locale").get(pk=page.pk)
    if not page.live:
        remove_practice(page.pk)
        return []
    weights = index_terms(page)
    scores = score_candidates(page, weights)
    _store(page.pk, _top(scores))

    # Neighbours: add this practice where it now beats their weakest entry, dropping that one.
    # Read in one query, written in two (one delete, one insert), however many they are.
    current: dict[int, dict[int, tuple[int, float]]] = defaultdict(dict)
    for row_id, owner, related_id, score in RelatedPractice.objects.filter(
        practice_id__in=list(scores)
    ).values_list("pk", "practice_id", "related_id", "score"):
        current[owner][related_id] = (row_id, score)
    delete_ids: list[int] = []
    inserts: list[RelatedPractice] = []
    changed: list[int] = []
    for other, score in scores.items():
        theirs = {related_id: s for related_id, (_row, s) in current[other].items()}
        old_top = _top(theirs)
        theirs[page.pk] = score
        new_top = _top(theirs)
        if new_top == old_top:
            continue
        changed.append(other)
        kept = dict(new_top)
        for related_id, (row_id, old_score) in current[other].items():
            if related_id not in kept or (related_id == page.pk and old_score != score):
                delete_ids.append(row_id)
        if page.pk in kept and (
            page.pk not in current[other] or current[other][page.pk][1] != score
        ):
            inserts.append(RelatedPractice(practice_id=other, related_id=page.pk, score=score))
    RelatedPractice.objects.filter(pk__in=delete_ids).delete()
    RelatedPractice.objects.bulk_create(inserts, batch_size=500)
    # Practices that listed this one but no longer share anything with it.
    stale = sorted(
        set(
            RelatedPractice.objects.filter(related_id=page.pk)
            .exclude(practice_id__in=[page.pk, *scores])
            .values_list("practice_id", flat=True)
        )
    )
    RelatedPractice.objects.filter(related_id=page.pk, practice_id__in=stale).delete()
    for other in stale[:MAX_REFILLS_PER_CHANGE]:
        recompute(other)
    return changed + stale


def recompute(practice_id: int, exclude: frozenset[int] = frozenset()) -> None:
    page = PracticePage.objects.select_related("locale").filter(pk=practice_id, live=True).first()
    if page is None:
        RelatedPractice.objects.filter(practice_id=practice_id).delete()
        return
    stored = PracticeTerm.objects.filter(practice_id=practice_id).values_list("term", "weight")
    weights = dict(stored) or index_terms(page)
    _store(page.pk, _top(score_candidates(page, weights, exclude)))


@transaction.atomic
def remove_practice(practice_id: int) -> None:
    """An unpublished or deleted practice: out of every list, and the gaps refilled."""
    listed_by = list(
        RelatedPractice.objects.filter(related_id=practice_id).values_list("practice_id", flat=True)
    )
    PracticeTerm.objects.filter(practice_id=practice_id).delete()
    RelatedPractice.objects.filter(practice_id=practice_id).delete()
    RelatedPractice.objects.filter(related_id=practice_id).delete()
    # The practice may still be live in the database (deletion in progress): keep it out.
    refill = [other for other in listed_by if other != practice_id]
    for other in refill[:MAX_REFILLS_PER_CHANGE]:
        recompute(other, exclude=frozenset({practice_id}))


def index_all_terms(locale_id: int | None = None) -> int:
    """Keyword vectors for every live practice, in two passes so that all share one IDF."""
    pages = PracticePage.objects.live().select_related("locale").order_by("pk")
    if locale_id is not None:
        pages = pages.filter(locale_id=locale_id)
    with transaction.atomic():
        stale = PracticeTerm.objects.all()
        if locale_id is not None:
            stale = stale.filter(locale_id=locale_id)
        stale.delete()
        # Pass 1: raw counts and document frequencies per locale.
        counts: dict[int, Counter] = {}
        df: dict[int, Counter] = defaultdict(Counter)
        docs: Counter = Counter()
        locale_of: dict[int, int] = {}
        for page in pages.iterator(chunk_size=500):
            c = practice_text_counts(page)
            counts[page.pk] = c
            locale_of[page.pk] = page.locale_id
            df[page.locale_id].update(c.keys())
            docs[page.locale_id] += 1
        # Pass 2: weights with the final IDF.
        batch = []
        for pk, c in counts.items():
            loc = locale_of[pk]
            for term, w in _weights(c, docs[loc], df[loc]).items():
                batch.append(PracticeTerm(practice_id=pk, locale_id=loc, term=term, weight=w))
            if len(batch) > 5000:
                PracticeTerm.objects.bulk_create(batch)
                batch = []
        PracticeTerm.objects.bulk_create(batch)
    return len(counts)


def compute_all_lists(locale_id: int | None = None) -> int:
    """Every live practice's top five from the stored keyword vectors."""
    links = RelatedPractice.objects.all()
    pages = PracticePage.objects.live().select_related("locale").order_by("pk")
    if locale_id is not None:
        links = links.filter(practice__locale_id=locale_id)
        pages = pages.filter(locale_id=locale_id)
    links.delete()
    count = 0
    # Each practice's own top five; the score is symmetric, so neighbours come out right too.
    for page in pages.iterator(chunk_size=200):
        weights = dict(
            PracticeTerm.objects.filter(practice_id=page.pk).values_list("term", "weight")
        )
        _store(page.pk, _top(score_candidates(page, weights)))
        count += 1
    return count


def rebuild_all(locale_id: int | None = None) -> int:
    """Recompute everything (after an import, or for the demo)."""
    count = index_all_terms(locale_id)
    compute_all_lists(locale_id)
    return count


def related_for(page: PracticePage) -> list[PracticePage]:
    """The stored related practices of a page, published and in its language, best first."""
    ids = list(
        RelatedPractice.objects.filter(practice_id=page.pk)
        .order_by("-score", "-related_id")
        .values_list("related_id", flat=True)[:MAX_RELATED]
    )
    if not ids:
        return []
    found = {
        p.pk: p
        for p in PracticePage.objects.live()
        .filter(pk__in=ids, locale_id=page.locale_id)
        .exclude(pk=page.pk)
        .with_listing_relations()
    }
    return [found[pk] for pk in ids if pk in found]
