"""Chinese text analysis for the Whoosh backend: NFKC, lower-case, jieba search mode.

Tokens carry word positions, not character offsets: each word of jieba's precise
segmentation takes the next position and the shorter dictionary words found inside
it (search mode) share that position, so a quoted phrase of words matches.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from whoosh.analysis import Token, Tokenizer

logger = logging.getLogger(__name__)

USER_DICT = Path(__file__).with_name("userdict.txt")

# Function words that carry no meaning in a search; kept short on purpose, since a
# stop word can never be found, even inside a quoted phrase.
STOP_WORDS = frozenset(
    Path(__file__).with_name("stopwords.txt").read_text(encoding="utf-8").split()
)

# ASCII words jieba returns as separate pieces ("s7", "-", "1200") are also indexed
# joined, so a model number is found whole as well as by its parts.
_ALNUM = re.compile(r"[0-9a-z][0-9a-z+#]*\Z")
_JOINERS = frozenset("-_./")
_JOINED = re.compile(r"[0-9a-z]+(?:[-_./][0-9a-z]+)+\Z")
_PARTS = re.compile(r"[0-9a-z]+")
_WORD = re.compile(r"\w", re.UNICODE)

_lock = threading.Lock()
_ready = False
_extra_dicts: list[str] = []


@dataclass(frozen=True, slots=True)
class Term:
    """One analysed token: text, word position, offsets in the original text."""

    text: str
    pos: int
    start: int
    end: int
    base: bool


def add_user_dict(path: str | os.PathLike) -> None:
    """Register an extra jieba user dictionary (one ``word [freq] [tag]`` a line)."""
    path = os.fspath(path)
    with _lock:
        if path in _extra_dicts:
            return
        _extra_dicts.append(path)
        if _ready:
            _load_dict(path)
            _cached_analyze.cache_clear()


def _load_dict(path: str) -> None:
    import jieba

    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        logger.warning("jieba user dictionary %s cannot be read", path)
        return
    for line in lines:
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        # Entries go through the same normalisation as the text they must match.
        word = unicodedata.normalize("NFKC", parts[0]).lower()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdecimal() else None
        jieba.add_word(word, freq)


def get_jieba():
    """Return jieba's default tokenizer, initialised once per process."""
    global _ready
    import jieba

    if _ready:
        return jieba.dt
    with _lock:
        if not _ready:
            jieba.setLogLevel(logging.WARNING)
            # jieba caches its parsed dictionary; keep that cache somewhere writable.
            cache_dir = os.environ.get("JIEBA_CACHE_DIR") or tempfile.gettempdir()
            jieba.dt.tmp_dir = cache_dir
            jieba.dt.initialize()
            for path in [str(USER_DICT), *_extra_dicts]:
                _load_dict(path)
            _ready = True
    return jieba.dt


def normalize(text: str) -> tuple[str, list[int] | None]:
    """NFKC + lower-case; returns the text and, if lengths changed, an offset map."""
    norm = unicodedata.normalize("NFKC", text).lower()
    if len(norm) == len(text):
        return norm, None
    # Rare (ligatures, ㎏…): map every normalised character back to its source.
    pieces: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        n = unicodedata.normalize("NFKC", ch).lower()
        pieces.append(n)
        offsets.extend([i] * len(n))
    offsets.append(len(text))
    return "".join(pieces), offsets


def _segments(norm: str) -> Iterator[tuple[str, int, int]]:
    dt = get_jieba()
    start = 0
    for word in dt.cut(norm, HMM=True):
        end = start + len(word)
        yield word, start, end
        start = end


def analyze(text: str, *, subtokens: bool = True) -> list[Term]:
    """Segment ``text`` into terms; offsets refer to ``text`` itself."""
    if not text:
        return []
    norm, offsets = normalize(text)
    freq = get_jieba().FREQ
    terms: list[Term] = []
    pos = 0
    run: list[tuple[str, int, int, int]] = []  # ASCII words joined by -_./

    prev_end = -1
    prev_joiner = False
    for word, start, end in _segments(norm):
        if word in _JOINERS and run and prev_end == start:
            prev_joiner = True
            prev_end = end
            continue
        if not _WORD.search(word):
            if run:
                _flush(norm, run, terms)
            prev_joiner = False
            prev_end = end
            continue
        is_alnum = bool(_ALNUM.match(word))
        if run and not (is_alnum and prev_joiner and prev_end == start):
            _flush(norm, run, terms)
        prev_joiner = False
        prev_end = end
        if word in STOP_WORDS:
            continue
        if subtokens and len(word) > 2:
            for size in (2, 3):
                for i in range(len(word) - size + 1):
                    gram = word[i : i + size]
                    if gram != word and freq.get(gram) and gram not in STOP_WORDS:
                        terms.append(
                            Term(gram, pos, start + i, start + i + size, False)
                        )
        if subtokens and _JOINED.match(word):
            # A dictionary entry such as "s7-1200": its parts are findable too.
            for part in _PARTS.finditer(word):
                terms.append(
                    Term(
                        part.group(),
                        pos,
                        start + part.start(),
                        start + part.end(),
                        False,
                    )
                )
        terms.append(Term(word, pos, start, end, True))
        if is_alnum:
            run.append((word, start, end, pos))
        pos += 1
    if run:
        _flush(norm, run, terms)
    if offsets is not None:
        terms = [
            Term(t.text, t.pos, offsets[t.start], offsets[t.end], t.base) for t in terms
        ]
    return terms


def _flush(norm: str, run: list[tuple[str, int, int, int]], terms: list[Term]) -> None:
    if len(run) > 1:
        joined = norm[run[0][1] : run[-1][2]]
        terms.append(Term(joined, run[0][3], run[0][1], run[-1][2], False))
    run.clear()


def query_groups(text: str) -> list[list[Term]]:
    """Terms of a query grouped by word position: the word first, then its parts."""
    groups: dict[int, list[Term]] = {}
    for term in analyze(text):
        groups.setdefault(term.pos, []).append(term)
    ordered = []
    for pos in sorted(groups):
        group = groups[pos]
        group.sort(key=lambda t: not t.base)
        ordered.append(group)
    return ordered


@functools.lru_cache(maxsize=256)
def _cached_analyze(text: str) -> tuple[Term, ...]:
    # A title is analysed for its search field and again for autocomplete.
    return tuple(analyze(text))


class PreAnalyzed(str):
    """A text with its terms already computed (by a worker process during a
    rebuild); the tokenizer uses the terms instead of running jieba again."""

    terms: tuple[Term, ...]

    def __new__(cls, text: str, terms: tuple[Term, ...]) -> PreAnalyzed:
        value = super().__new__(cls, text)
        value.terms = terms
        return value

    def __reduce__(self):
        return (PreAnalyzed, (str(self), self.terms))


def preanalyze(documents: list[dict]) -> list[dict]:
    """Replace the text fields of documents by pre-analysed texts."""
    for document in documents:
        for name, value in document.items():
            if isinstance(value, str) and name.endswith(("__t", "__a")):
                document[name] = PreAnalyzed(value, _cached_analyze(value))
    return documents


class ChineseTokenizer(Tokenizer):
    """Whoosh tokenizer over :func:`analyze`, with word positions."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterable[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        terms = getattr(value, "terms", None)
        if terms is None:
            terms = _cached_analyze(value) if len(value) <= 4000 else analyze(value)
        for term in terms:
            token.text = term.text
            token.boost = 1.0
            if keeporiginal:
                token.original = term.text
            token.stopped = False
            if positions:
                token.pos = start_pos + term.pos
            if chars:
                token.startchar = start_char + term.start
                token.endchar = start_char + term.end
            yield token


def ChineseAnalyzer() -> ChineseTokenizer:
    """The analyzer used for every text field of the index."""
    return ChineseTokenizer()
