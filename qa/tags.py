"""Tag input as Chinese users type it: any of , ， 、 ; ； separates tags."""

import re
import unicodedata

_SEPARATORS = re.compile(r"[,，、;；\n]+")
#: a tag's longest allowed form, matching taggit's name column
MAX_TAG_LENGTH = 50


def parse_tags(text: str) -> list[str]:
    """Split, normalise (NFKC, trimmed) and de-duplicate tags case-insensitively."""
    seen: dict[str, str] = {}
    for raw in _SEPARATORS.split(text or ""):
        name = unicodedata.normalize("NFKC", raw).strip()[:MAX_TAG_LENGTH]
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())
