"""The PostgreSQL dialect: how a query tree becomes SQL on PostgreSQL (a tsquery, ts_rank()).

The other dialect is sqlite.py; results.py picks one by the search connection's vendor.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import schema
from .documents import ID_BITS
from .query import AndNode, AutocompleteTerm, Node, OrNode, PhraseNode, Term

#: ts_rank() weights in PostgreSQL's order {D, C, B, A}: body, (unused), summary, title.
TS_RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
TS_WEIGHT_LETTERS = {"title": "A", "summary": "B", "body": "D"}


class PostgresDialect:
    vendor = "postgresql"

    def tsquery(self, node: Node, columns: Sequence[str]) -> str:
        letters = "".join(TS_WEIGHT_LETTERS[c] for c in columns if c in TS_WEIGHT_LETTERS)
        if set(letters) == set("ABD") or list(columns) == ["autocomplete"]:
            letters = ""  # every weight: no restriction needed
        return self._render(node, letters)

    def _lexeme(self, token: str, prefix: bool, letters: str) -> str:
        token = "".join(ch for ch in token if ch.isalnum())
        label = ("*" if prefix else "") + letters
        return f"{token}:{label}" if label else token

    def _render(self, node: Node, letters: str) -> str:
        if isinstance(node, AutocompleteTerm):
            # autocomplete_vector: folded title words with weight A, title stems with weight B.
            parts = [self._lexeme(node.prefix, True, "A")]
            parts += [self._lexeme(v, False, "B") for v in node.stems]
            return "(" + " | ".join(parts) + ")"
        if isinstance(node, Term):
            parts = [self._lexeme(v, node.prefix, letters) for v in node.variants]
            return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"
        if isinstance(node, PhraseNode):
            label = "B" if node.title_only else letters  # title stems in autocomplete_vector
            parts = [
                "(" + " <-> ".join(self._lexeme(t, False, label) for t in tokens) + ")"
                for tokens in node.alternatives
            ]
            return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"
        if isinstance(node, AndNode):
            parts = [self._render(c, letters) for c in node.children]
            parts += ["!" + self._render(c, letters) for c in node.negated]
            return "(" + " & ".join(parts) + ")"
        if isinstance(node, OrNode):
            return "(" + " | ".join(self._render(c, letters) for c in node.children) + ")"
        raise TypeError(node)

    def hits_sql(
        self,
        node: Node,
        columns: Sequence[str],
        weights: dict[str, float],
        boosts: Sequence[tuple[object, float]] = (),
    ) -> tuple[str, str, list, str, str]:
        vector = "d.autocomplete_vector" if columns == ["autocomplete"] else "d.search_vector"
        from_sql = f"{schema.TABLE} d CROSS JOIN to_tsquery('simple'::regconfig, %s) AS q(query)"
        params = [self.tsquery(node, columns)]
        where_sql = f"{vector} @@ q.query"
        # Ranking reads the small rank_vector (title A, summary B), not search_vector: the
        # story's vector is kilobytes, compressed out of line, and decompressing it for every
        # hit is what made Wagtail's PostgreSQL search slow. A match only in the body ranks
        # below every title or summary match. Normalisation 1 divides by 1 + log(length).
        rank_vector = vector if columns == ["autocomplete"] else "d.rank_vector"
        score_sql = f"ts_rank('{TS_RANK_WEIGHTS}', {rank_vector}, q.query, 1)"
        for number, (boosted, factor) in enumerate(boosts):
            alias = f"boost_{number}"
            from_sql += f" CROSS JOIN to_tsquery('simple'::regconfig, %s) AS {alias}(query)"
            params.append(self.tsquery(boosted, columns))
            # A boosted part (the words as typed, against their synonyms) is ranked over the
            # whole document: a word typed that only the story holds must still count.
            rank = f"ts_rank('{TS_RANK_WEIGHTS}', {vector}, {alias}.query, 1)"
            score_sql += f" + {factor - 1.0:f} * {rank}"
        return from_sql, where_sql, params, score_sql, "d.id"

    restrict_expression = "d.id"

    def family_filter(self, id_column: str, key: int) -> str:
        # Deliberately not a range on the primary key: the planner would scan the whole family
        # through the key index and test (decompress) every tsvector instead of asking GIN.
        return f"({id_column} >> {ID_BITS}) = {key >> ID_BITS}"
