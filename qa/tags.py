"""Tag input as Chinese users type it: any of , ， 、 ; ； separates tags.

`Python`, `python`, `ＰＹＴＨＯＮ` and `PYTHON` are one tag: names are compared
after NFKC (full-width → half-width) and case folding, and an existing tag whose
name matches that way is reused rather than a near-duplicate created.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from taggit.models import Tag

_SEPARATORS = re.compile(r"[,，、;；\n]+")
#: a tag's longest allowed form, matching taggit's name column
MAX_TAG_LENGTH = 50
#: tags on one problem
MAX_TAGS = 10


def _visible(raw: str) -> str:
    """NFKC, without invisible format characters (a zero-width space made a
    second tag that looked like the first), trimmed."""
    text = unicodedata.normalize("NFKC", raw)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()


def tag_key(name: str) -> str:
    """The form two tag names are compared in."""
    return _visible(name).casefold()


def parse_tags(text: str) -> list[str]:
    """Split, normalise (NFKC, trimmed) and de-duplicate tags case-insensitively."""
    seen: dict[str, str] = {}
    for raw in _SEPARATORS.split(text or ""):
        name = _visible(raw)
        # A tag of emoji or punctuation alone has no slug, so no page to link to.
        if not any(ch.isalnum() for ch in name):
            continue
        if tag_key(name) not in seen:
            seen[tag_key(name)] = name
    return list(seen.values())


def _named(keys: set[str]) -> dict[str, Tag]:
    """The oldest tag whose name matches each key as tag_key compares them.

    Differently written duplicates (case, width) are only found by reading the
    names; the tag table is small compared to the problems.
    """
    found: dict[str, Tag] = {}
    for tag in Tag.objects.order_by("pk").iterator():
        key = tag_key(tag.name)
        if key in keys:
            found.setdefault(key, tag)
    return found


def tag_slug_for(text: str) -> str | None:
    """The slug of the tag a link or a client names by slug or by name (any
    case or width), or None when no tag is called that."""
    tag = Tag.objects.filter(slug=text).first()
    if tag is None:
        key = tag_key(text)
        tag = _named({key}).get(key)
    return tag.slug if tag else None


def tags_checked(names: list[str] | str) -> list[str]:
    """Parsed tags (a typed line or a list), refused when one has no letter or
    digit (emoji or punctuation alone: no page could link to it), is longer
    than MAX_TAG_LENGTH (never cut short silently), or there are more than
    MAX_TAGS. Empty pieces between separators are ignored."""
    text = names if isinstance(names, str) else ",".join(names)
    for raw in _SEPARATORS.split(text):
        name = _visible(raw)
        if name and not any(ch.isalnum() for ch in name):
            raise ValidationError(
                _("A tag needs at least one letter or digit: %(tag)s")
                % {"tag": name[:10]},
                code="tag_without_letters",
            )
        if len(name) > MAX_TAG_LENGTH:
            raise ValidationError(
                _("A tag can have at most %(limit)d characters: %(tag)s…")
                % {"limit": MAX_TAG_LENGTH, "tag": name[:10]},
                code="tag_too_long",
            )
    tags = parse_tags(text)
    if len(tags) > MAX_TAGS:
        raise ValidationError(
            _("Use at most %(limit)d tags.") % {"limit": MAX_TAGS},
            code="too_many_tags",
        )
    return tags


def tags_resolve(names: list[str]) -> list[Tag | str]:
    """Existing tags for names that match one; the new names as typed."""
    wanted: dict[str, str] = {}
    for name in parse_tags(",".join(names)):
        wanted.setdefault(tag_key(name), name)
    found: dict[str, Tag] = {}
    for tag in Tag.objects.filter(name__in=list(wanted.values())):
        found.setdefault(tag_key(tag.name), tag)
    missing = set(wanted) - set(found)
    if missing:
        found.update(_named(missing))
    return [found.get(key, name) for key, name in wanted.items()]
