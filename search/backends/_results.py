"""Search results: Whoosh ranks, the database supplies (and may filter) objects."""

from __future__ import annotations

import logging
from collections import Counter, OrderedDict
from typing import Any

from django.db.models import Count
from modelsearch.backends.base import BaseSearchResults, FilterFieldError
from whoosh import query as wq

logger = logging.getLogger("search.backends.whoosh")

#: Primary keys per ``pk__in`` query (well under every database's parameter limit).
CHUNK = 500

Hit = tuple[Any, float]  # (pk, score)


class WhooshSearchResults(BaseSearchResults):
    """Lazy results of a Whoosh search, sliced and counted without loading all."""

    supports_facet = True

    # Running the Whoosh query

    def _model_term(self) -> wq.Term:
        """Documents of the searched model (its subclasses' included)."""
        model = self.query_compiler.queryset.model
        return wq.Term("ct", model.indexed_get_content_type())

    def _restriction(self) -> tuple[wq.Query, bool]:
        index_filter, db_filter = self.query_compiler.whoosh_filter()
        restrict = self._model_term()
        if index_filter is not None:
            restrict = wq.And([restrict, index_filter])
        return restrict, db_filter

    def _whoosh(self, limit: int | None) -> list[Hit]:
        """Ranked (pk, score) hits up to ``limit``."""
        compiler = self.query_compiler
        if compiler.queryset.query.is_empty():
            return []
        if limit is not None and limit < 1:
            # An empty page's slice: Whoosh refuses limit 0 (which used to count
            # as a broken index and reopen it on every such search).
            return []
        restrict, _ = self._restriction()
        store = self.backend.store
        to_python = compiler.queryset.model._meta.pk.to_python
        try:
            searcher = store.searcher()
            query = compiler.whoosh_query(store.indexed_fields(), searcher.reader())
            if query is wq.NullQuery:
                return []
            allowed = store.allowed(searcher, restrict)
            optimize = True
            if allowed is not None and len(allowed) * 4 <= searcher.doc_count():
                # Few of the index's documents are this model's (pages among
                # 100,000 problems): the filter alone drops the others only after
                # matching and scoring each (10 ms for a common word, 2 ms so).
                # Scores come from the words alone. Without block-quality skipping,
                # which trips an assertion inside Require.
                query = wq.Require(query, self._model_term())
                optimize = False
            found = searcher.search(
                query, filter=allowed, limit=limit, optimize=optimize
            )
            column = store.pk_column(searcher)
            return [(to_python(column[doc]), score) for score, doc in found.top_n]
        except NotImplementedError:
            raise
        except Exception:
            # A broken index must not break the page: report, reopen, no results.
            logger.exception("Search index %s failed; reopening it", store.path)
            store.recover()
            return []

    def _whoosh_total(self) -> int:
        """How many documents match, without ranking them (a paginator asks
        first, then for one page)."""
        if self.query_compiler.queryset.query.is_empty():
            return 0
        restrict, _ = self._restriction()
        store = self.backend.store
        try:
            searcher = store.searcher()
            query = self.query_compiler.whoosh_query(
                store.indexed_fields(), searcher.reader()
            )
            if query is wq.NullQuery:
                return 0

            def count() -> int:
                allowed = store.allowed(searcher, restrict)
                docs = searcher.docs_for_query(query)
                if allowed is None:
                    return sum(1 for _doc in docs)
                return sum(1 for doc in docs if doc in allowed)

            return store.match_count(query, restrict, count)
        except NotImplementedError:
            raise
        except Exception:
            logger.exception("Search index %s failed; reopening it", store.path)
            store.recover()
            return 0

    # Database side

    def _queryset(self):
        queryset = self.query_compiler.queryset
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset

    def _allowed(self, pks: list) -> set:
        """The pks that the queryset's own filters let through."""
        queryset = self.query_compiler.queryset.order_by()
        allowed: set = set()
        for i in range(0, len(pks), CHUNK):
            chunk = pks[i : i + CHUNK]
            allowed.update(queryset.filter(pk__in=chunk).values_list("pk", flat=True))
        return allowed

    def _load(self, hits: list[Hit]) -> list:
        if not hits:
            return []
        objects = {
            obj.pk: obj
            for obj in self._queryset().filter(pk__in=[pk for pk, _ in hits])
        }
        results = []
        for pk, score in hits:
            obj = objects.get(pk)
            if obj is None:
                continue  # in the index but gone from the database
            if self._score_field:
                setattr(obj, self._score_field, float(score))
            results.append(obj)
        return results

    def _filtered_hits(self, hits: list[Hit], needed: int | None) -> list[Hit]:
        """Ranked hits the database accepts, checking only as many as needed."""
        kept: list[Hit] = []
        for i in range(0, len(hits), CHUNK):
            chunk = hits[i : i + CHUNK]
            allowed = self._allowed([pk for pk, _ in chunk])
            kept.extend(hit for hit in chunk if hit[0] in allowed)
            if needed is not None and len(kept) >= needed:
                break
        return kept

    def _ordered_pks(self, hits: list[Hit]) -> list:
        """Hit pks in the queryset's own order (order_by_relevance=False)."""
        queryset = self.query_compiler.queryset
        if not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        wanted = {pk for pk, _ in hits}
        if len(wanted) <= CHUNK:
            return list(queryset.filter(pk__in=wanted).values_list("pk", flat=True))
        return [pk for pk in queryset.values_list("pk", flat=True) if pk in wanted]

    # BaseSearchResults API

    def _do_search(self) -> list:
        _, db_filter = self._restriction()
        start, stop = self.start, self.stop
        if self.query_compiler.order_by_relevance:
            if not db_filter:
                hits = self._whoosh(stop)
                return self._load(hits[start:stop])
            hits = self._whoosh(None)
            hits = self._filtered_hits(hits, stop)
            return self._load(hits[start:stop])
        hits = self._whoosh(None)
        scores = dict(hits)
        pks = self._ordered_pks(hits)[start:stop]
        return self._load([(pk, scores[pk]) for pk in pks])

    def _do_count(self) -> int:
        _, db_filter = self._restriction()
        if db_filter:
            total = len(self._filtered_hits(self._whoosh(None), None))
        else:
            total = self._whoosh_total()
        total = max(0, total - self.start)
        if self.stop is not None:
            total = min(total, self.stop - self.start)
        return total

    def facet(self, field_name: str) -> OrderedDict:
        compiler = self.query_compiler
        if compiler._get_filterable_field(field_name) is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f"index.FilterField('{field_name}') to "
                f"{compiler.queryset.model.__name__}.search_fields.",
                field_name=field_name,
            )
        hits = self._whoosh(None)
        pks = [pk for pk, _ in hits]
        counts: Counter = Counter()
        queryset = compiler.queryset.order_by()
        for i in range(0, len(pks), CHUNK):
            rows = (
                queryset.filter(pk__in=pks[i : i + CHUNK])
                .values(field_name)
                .annotate(count=Count("pk"))
                .order_by()
            )
            for row in rows:
                counts[row[field_name]] += row["count"]
        return OrderedDict(counts.most_common())
