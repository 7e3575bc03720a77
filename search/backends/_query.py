"""Translation of modelsearch queries and queryset filters into Whoosh queries."""

from __future__ import annotations

from django.db.models import Model
from modelsearch.backends.base import BaseSearchQueryCompiler
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import (
    And,
    Boost,
    Fuzzy,
    MatchAll,
    Not,
    Or,
    Phrase,
    PlainText,
    SearchQuery,
)
from modelsearch.utils import get_descendant_models
from whoosh import query as wq

from ._documents import AUTOCOMPLETE, NUMBER, TEXT, encode_filter
from .analysis import Term, query_groups

#: Longest query text analysed; beyond it the rest is ignored (keeps queries fast).
MAX_QUERY_CHARS = 500
#: Most distinct words a query uses (for AND and OR alike).
MAX_WORDS = 32

Fields = list[tuple[str, float]]


class Untranslatable(Exception):
    """A queryset filter that the index cannot evaluate; the database will."""


def _descendants(model: type[Model]) -> list[type[Model]]:
    return sorted(
        (m for m in get_descendant_models(model) if getattr(m, "search_fields", None)),
        key=lambda m: m._meta.label,
    )


def _field_names(search_fields: list, kind: type, suffix: str, prefix: str = ""):
    for field in search_fields:
        if isinstance(field, RelatedFields):
            yield from _field_names(
                field.fields, kind, suffix, f"{prefix}{field.field_name}__"
            )
        elif type(field) is kind:
            boost = getattr(field, "boost", None) or 1.0
            yield prefix + field.field_name + suffix, float(boost)


class WhooshSearchQueryCompiler(BaseSearchQueryCompiler):
    """Compiles a search on a queryset into a Whoosh query and filter."""

    DEFAULT_OPERATOR = "and"
    #: Ordering and non-indexable filters are left to the database.
    HANDLES_ORDER_BY_EXPRESSIONS = True
    FIELD_KIND: type = SearchField
    SUFFIX = TEXT
    PREFIX_TERMS = False

    # Fields searched, with their boosts

    def text_fields(self) -> Fields:
        model = self.queryset.model
        if self.fields is not None:
            local = dict(_field_names(model.get_search_fields(), SearchField, ""))
            kind_fields = dict(
                _field_names(model.get_search_fields(), self.FIELD_KIND, self.SUFFIX)
            )
            result = []
            for name in self.fields:
                whoosh_name = name + self.SUFFIX
                boost = kind_fields.get(whoosh_name, local.get(name, 1.0))
                result.append((whoosh_name, boost))
            return result
        # A search on a parent model also searches its subclasses' fields (the
        # other backends search an "all text" field).
        found: dict[str, float] = {}
        for submodel in _descendants(model):
            for name, boost in _field_names(
                submodel.get_search_fields(), self.FIELD_KIND, self.SUFFIX
            ):
                found[name] = max(boost, found.get(name, 0.0))
        return sorted(found.items())

    # Search query

    #: The index reader, when known, to look up which words exist.
    reader = None

    def whoosh_query(self, present: frozenset[str] | None = None, reader=None):
        """The query; ``present`` limits it to fields that hold terms (a model's
        subclasses may declare many fields that no document uses)."""
        self.reader = reader
        fields = self.text_fields()
        if present is not None:
            fields = [(name, boost) for name, boost in fields if name in present]
        if not fields:
            return wq.NullQuery
        return self._translate(self.query, fields, 1.0)

    def _translate(self, query: SearchQuery, fields: Fields, boost: float) -> wq.Query:
        if isinstance(query, MatchAll):
            return wq.Every()
        if isinstance(query, Not):
            return _not(self._translate(query.subquery, fields, boost))
        if isinstance(query, And):
            return _and([self._translate(q, fields, boost) for q in query.subqueries])
        if isinstance(query, Or):
            return _or([self._translate(q, fields, boost) for q in query.subqueries])
        if isinstance(query, Boost):
            return self._translate(query.subquery, fields, boost * query.boost)
        if isinstance(query, PlainText):
            return self._plain(
                query.query_string, query.operator, fields, boost * query.boost
            )
        if isinstance(query, Phrase):
            return self._phrase(query.query_string, fields, boost)
        if isinstance(query, Fuzzy):
            return self._fuzzy(query.query_string, query.operator, fields, boost)
        raise NotImplementedError(f"{type(query).__name__} is not supported")

    def _frequency(self, field: str, text: str) -> int | None:
        """How many documents hold ``text`` in ``field``; None if not known."""
        if self.reader is None or self.PREFIX_TERMS:
            return None
        try:
            return self.reader.doc_frequency(field, text)
        except Exception:
            return None

    def _term(self, field: str, text: str, boost: float) -> wq.Query:
        if self.PREFIX_TERMS:
            return wq.Prefix(field, text, boost=boost)
        return wq.Term(field, text, boost=boost)

    def _group(self, group: list[Term], fields: Fields, boost: float) -> wq.Query:
        # One word of the query: the word itself, or all its parts, in any field.
        # Fields known to hold neither are left out: a page search spans twenty
        # fields, and each costs matchers in every index segment.
        alternatives = []
        for field, field_boost in fields:
            b = boost * field_boost
            found = self._frequency(field, group[0].text)
            if found != 0:
                alternatives.append(self._term(field, group[0].text, b))
            parts = [t.text for t in group[1:]]
            # A word in no document falls back to its parts, which finds texts
            # that jieba segmented differently in context.
            if (
                parts
                and not found
                and all(self._frequency(field, part) != 0 for part in parts)
            ):
                alternatives.append(
                    wq.And([self._term(field, part, b / 2) for part in parts])
                )
        return _or(alternatives)

    def _words(self, text: str, operator: str, fields: Fields, boost: float):
        groups = _distinct(query_groups(text[:MAX_QUERY_CHARS]))
        if not groups:
            return None
        queries = [self._group(g, fields, boost) for g in groups]
        return _and(queries) if operator == "and" else _or(queries)

    def _plain(self, text: str, operator: str, fields: Fields, boost: float):
        # Upper-case AND / OR / NOT between words are operators (as in Whoosh's
        # own parser); in lower case they are ordinary (stop) words.
        operator = operator.lower()
        alternatives: list[list[tuple[str, bool]]] = [[]]
        negate = False
        for chunk in text[:MAX_QUERY_CHARS].split():
            if chunk == "OR":
                alternatives.append([])
            elif chunk == "NOT":
                negate = True
            elif chunk != "AND":
                alternatives[-1].append((chunk, negate))
                negate = False
        if len(alternatives) == 1 and not any(neg for _, neg in alternatives[0]):
            query = self._words(text, operator, fields, boost)
            return wq.NullQuery if query is None else query
        branches = []
        for chunks in alternatives:
            positive = " ".join(c for c, neg in chunks if not neg)
            negative = [c for c, neg in chunks if neg]
            query = self._words(positive, operator, fields, boost)
            if query is None:
                query = wq.Every() if negative else None
            if query is None:
                continue
            for chunk in negative:
                excluded = self._words(chunk, "and", fields, boost)
                if excluded is not None and excluded is not wq.NullQuery:
                    query = wq.And([query, wq.Not(excluded)])
            branches.append(query)
        return wq.Or(branches) if branches else wq.NullQuery

    def _phrase(self, text: str, fields: Fields, boost: float) -> wq.Query:
        groups = query_groups(text[:MAX_QUERY_CHARS])[:MAX_WORDS]
        if not groups:
            return wq.NullQuery
        if len(groups) == 1 or self.SUFFIX != TEXT:
            return self._words(text, "and", fields, boost)
        alternatives = []
        for field, field_boost in fields:
            b = boost * field_boost
            steps = [
                wq.Or([wq.Term(field, t.text, boost=b) for t in group])
                if len(group) > 1
                else wq.Term(field, group[0].text, boost=b)
                for group in groups
            ]
            alternatives.append(wq.Sequence(steps, slop=1, ordered=True))
        return wq.Or(alternatives)

    def _fuzzy(self, text: str, operator: str, fields: Fields, boost: float):
        groups = _distinct(query_groups(text[:MAX_QUERY_CHARS]))
        queries = []
        for group in groups:
            word = group[0].text
            # Edit distance means little for two-character Chinese words.
            maxdist = 1 if len(word) <= 5 else 2
            queries.append(
                wq.Or(
                    [
                        wq.FuzzyTerm(
                            f, word, boost=boost * b, maxdist=maxdist, prefixlength=1
                        )
                        for f, b in fields
                    ]
                )
            )
        if not queries:
            return wq.NullQuery
        return wq.And(queries) if operator.lower() == "and" else wq.Or(queries)

    # Filters

    def whoosh_filter(self) -> tuple[wq.Query | None, bool]:
        """The index-side filter and whether the database must filter as well."""
        where = self.queryset.query.where
        if not where.children:
            return None, False
        if where.connector == "AND" and not where.negated:
            parts, rest = [], False
            for child in where.children:
                try:
                    part = self._get_filters_from_where_node(child)
                except Untranslatable:
                    rest = True
                    continue
                if part is not None:
                    parts.append(part)
            return (wq.And(parts) if parts else None), rest
        try:
            return self._get_filters_from_where_node(where), False
        except Untranslatable:
            return None, True

    def _process_filter(self, column, lookup, value, check_only=False):
        field_path = self._get_filter_field_path_for_column(column)
        if check_only:
            return None
        target = column.target
        model = self.queryset.model
        if (
            len(field_path) != 1
            or not target.concrete
            or target.many_to_many
            or not issubclass(model, target.model)
        ):
            raise Untranslatable
        return self._process_lookup(field_path, lookup, value)

    def _process_lookup(self, field_path, lookup, value):
        field = field_path[-1]
        model = self.queryset.model
        attname = field.get_attname(model)
        internal_type = field.get_type(model)

        def encode(v):
            encoded = encode_filter(internal_type, v)
            if encoded is None:
                raise Untranslatable
            return encoded

        if lookup == "isnull":
            if not isinstance(value, bool):
                raise Untranslatable
            null = wq.Term("nulls", attname)
            return null if value else wq.Not(null)
        if lookup == "in":
            if not isinstance(value, list | tuple | set | frozenset):
                raise Untranslatable
            if not value:
                return wq.NullQuery
            return wq.Or([self._process_lookup(field_path, "exact", v) for v in value])
        if lookup == "range":
            if not isinstance(value, list | tuple) or len(value) != 2:
                raise Untranslatable
            (suffix, low), (_, high) = encode(value[0]), encode(value[1])
            return _range(attname + suffix, suffix, low, high, False, False)
        if value is None:
            raise Untranslatable
        suffix, indexed = encode(value)
        name = attname + suffix
        if lookup == "exact":
            if suffix == NUMBER:
                return wq.NumericRange(name, indexed, indexed)
            return wq.Term(name, indexed)
        if lookup in ("lt", "lte"):
            return _range(name, suffix, None, indexed, False, lookup == "lt")
        if lookup in ("gt", "gte"):
            return _range(name, suffix, indexed, None, lookup == "gt", False)
        if lookup == "startswith" and suffix != NUMBER:
            return wq.Prefix(name, indexed)
        raise Untranslatable

    def _process_match_none(self):
        return wq.NullQuery

    def _connect_filters(self, filters, connector, negated):
        filters = [f for f in filters if f is not None]
        if not filters:
            return wq.NullQuery if negated else None
        combined = wq.And(filters) if connector == "AND" else wq.Or(filters)
        return wq.And([wq.Every(), wq.Not(combined)]) if negated else combined


def _distinct(groups: list[list[Term]]) -> list[list[Term]]:
    """Each word once, at most MAX_WORDS words: a pasted paragraph (or 污水 typed
    a thousand times) must not become a query of thousands of clauses."""
    seen: set[str] = set()
    distinct = []
    for group in groups:
        if group[0].text not in seen:
            seen.add(group[0].text)
            distinct.append(group)
    return distinct[:MAX_WORDS]


def _range(name, suffix, low, high, startexcl, endexcl) -> wq.Query:
    if suffix == NUMBER:
        return wq.NumericRange(name, low, high, startexcl, endexcl)
    return wq.TermRange(name, low, high, startexcl, endexcl)


# Whoosh's own normalize() drops NullQuery from an And (turning "x AND nothing"
# into "x"), so MATCH_ALL / MATCH_NONE are folded here instead.


def _and(queries: list[wq.Query]) -> wq.Query:
    if any(q is wq.NullQuery for q in queries):
        return wq.NullQuery
    rest = [q for q in queries if not isinstance(q, wq.Every)]
    if not rest:
        return wq.Every()
    return rest[0] if len(rest) == 1 else wq.And(rest)


def _or(queries: list[wq.Query]) -> wq.Query:
    if any(isinstance(q, wq.Every) for q in queries):
        return wq.Every()
    rest = [q for q in queries if q is not wq.NullQuery]
    if not rest:
        return wq.NullQuery
    return rest[0] if len(rest) == 1 else wq.Or(rest)


def _not(query: wq.Query) -> wq.Query:
    if isinstance(query, wq.Every):
        return wq.NullQuery
    if query is wq.NullQuery:
        return wq.Every()
    return wq.And([wq.Every(), wq.Not(query)])


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    """Autocomplete: every word of the query is a prefix, on AutocompleteFields."""

    FIELD_KIND = AutocompleteField
    SUFFIX = AUTOCOMPLETE
    PREFIX_TERMS = True
