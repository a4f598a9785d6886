"""The SQLite dialect: how a query tree becomes SQL on SQLite (an FTS5 MATCH, bm25()).

The other dialect is postgres.py; results.py picks one by the search connection's vendor.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import schema
from .documents import ID_MASK
from .query import AndNode, AutocompleteTerm, Node, OrNode, PhraseNode, Term


def _quote_fts(token: str) -> str:
    # Tokens are [a-z0-9] after analysis; quoting keeps FTS5 from reading AND/OR/NEAR in them.
    return '"' + token.replace('"', "") + '"'


class SQLiteDialect:
    vendor = "sqlite"

    def match_expression(self, node: Node, columns: Sequence[str]) -> str:
        if list(columns) == ["autocomplete"]:
            return self._render(node)  # autocomplete terms carry their own column filters
        return "{" + " ".join(columns) + "} : (" + self._render(node) + ")"

    def _render(self, node: Node) -> str:
        if isinstance(node, AutocompleteTerm):
            stems = " OR ".join(_quote_fts(v) for v in node.stems)
            return f"({{autocomplete}} : {_quote_fts(node.prefix)}* OR {{title}} : ({stems}))"
        if isinstance(node, Term):
            suffix = "*" if node.prefix else ""
            parts = [_quote_fts(v) + suffix for v in node.variants]
            return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"
        if isinstance(node, PhraseNode):
            parts = [_quote_fts(" ".join(tokens)) for tokens in node.alternatives]
            rendered = parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"
            return f"{{title}} : ({rendered})" if node.title_only else rendered
        if isinstance(node, AndNode):
            rendered = "(" + " AND ".join(self._render(c) for c in node.children) + ")"
            if node.negated:
                rendered += " NOT (" + " OR ".join(self._render(c) for c in node.negated) + ")"
            return "(" + rendered + ")" if node.negated else rendered
        if isinstance(node, OrNode):
            return "(" + " OR ".join(self._render(c) for c in node.children) + ")"
        raise TypeError(node)

    def hits_sql(
        self,
        node: Node,
        columns: Sequence[str],
        weights: dict[str, float],
        boosts: Sequence[tuple[object, float]] = (),
    ) -> tuple[str, str, list, str, str]:
        """FROM, WHERE, their parameters, the score expression and the document id column."""
        fts = schema.FTS_TABLE
        weight_list = ", ".join(str(float(weights.get(c, 0.0))) for c in schema.FTS_COLUMNS)
        # bm25() is "smaller is better"; negate it so that every dialect sorts descending.
        score_sql = f"-bm25({fts}, {weight_list})"
        from_sql, params = fts, []
        # bm25() ranks the whole MATCH only, so each boosted part is ranked by its own
        # MATCH in a joined subquery (rare: only callers that build Boost() queries pay).
        for number, (boosted, factor) in enumerate(boosts):
            alias = f"boost_{number}"
            # Constants and a counter only; the match expression is a parameter.
            boost_sql = f"SELECT rowid AS boost_id, -bm25({fts}, {weight_list}) AS boost_score"
            boost_sql += f" FROM {fts} WHERE {fts} MATCH %s"  # noqa: S608
            from_sql += f" LEFT JOIN ({boost_sql}) AS {alias} ON {alias}.boost_id = {fts}.rowid"
            params.append(self.match_expression(boosted, columns))
            score_sql += f" + {factor - 1.0:f} * COALESCE({alias}.boost_score, 0)"
        params.append(self.match_expression(node, columns))
        return from_sql, f"{fts} MATCH %s", params, score_sql, f"{fts}.rowid"

    # "+rowid" keeps SQLite from driving the FTS table from the IN list (one full-text lookup
    # per listed id); the matches are read once and checked against the list instead.
    restrict_expression = f"+{schema.FTS_TABLE}.rowid"

    def family_filter(self, id_column: str, key: int) -> str:
        # A rowid range: FTS5 reads only that part of its index.
        return f"{id_column} BETWEEN {key} AND {key + ID_MASK}"
