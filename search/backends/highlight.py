"""Search-result snippets with the matched words marked ``<mark>…</mark>``."""

from __future__ import annotations

import functools
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import analyze, normalize

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACE = re.compile(r"\s+")
_OPERATORS = {"and", "or", "not"}
ELLIPSIS = "…"


@functools.lru_cache(maxsize=64)
def query_terms(query: str) -> frozenset[str]:
    """The analysed words of a user query (quotes and operators ignored); one
    results page highlights twenty texts with the same query."""
    cleaned = query[:500].replace('"', " ").replace("'", " ")
    return frozenset(t.text for t in analyze(cleaned) if t.text not in _OPERATORS)


def _intervals(text: str, terms: frozenset[str], offset: int) -> list[tuple[int, int]]:
    # Words without a Chinese character are marked only where the text's own
    # analysis finds them whole ("pump", not the start of "pumping"); segmenting
    # the text costs a millisecond a page, so only when the query has such words.
    latin = {term for term in terms if not _CJK.search(term)}
    found = (
        [(offset + t.start, offset + t.end) for t in analyze(text) if t.text in latin]
        if latin
        else []
    )
    # Chinese words are marked wherever they occur, however jieba segmented the
    # text around them (every word it finds is such a substring too).
    norm, offsets = normalize(text)
    for term in terms - latin:
        i = norm.find(term)
        while i != -1:
            start, end = i, i + len(term)
            if offsets is not None:
                start, end = offsets[start], offsets[end]
            found.append((offset + start, offset + end))
            i = norm.find(term, i + len(term))
    return _merge(found)


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching intervals become one, so marks never nest."""
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _first_hit(norm: str, terms: frozenset[str]) -> int:
    positions = [norm.find(term) for term in terms]
    positions = [p for p in positions if p >= 0]
    return min(positions) if positions else 0


def highlight(text: str, query: str, *, length: int = 120) -> SafeString:
    """An HTML-safe snippet of ``text`` (about ``length`` characters) around the
    first match of ``query``, every matched word wrapped in ``<mark>``."""
    text = _SPACE.sub(" ", text or "").strip()
    terms = query_terms(query or "")
    if not text:
        return mark_safe("")
    # Pick the window first, so only it is segmented (texts can be long).
    norm, offsets = normalize(text)
    first = _first_hit(norm, terms) if terms else 0
    if offsets is not None:
        first = offsets[first]
    start = max(0, min(first - length // 3, len(text) - length))
    end = min(len(text), start + length)
    window = text[start:end]
    marks = _intervals(window, terms, start) if terms else []
    parts = [ELLIPSIS] if start > 0 else []
    cursor = start
    for mark_start, mark_end in marks:
        parts.append(escape(text[cursor:mark_start]))
        parts.append(f"<mark>{escape(text[mark_start:mark_end])}</mark>")
        cursor = mark_end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(ELLIPSIS)
    return mark_safe("".join(parts))
