"""Index schema and the documents built from model instances."""

from __future__ import annotations

import datetime
import decimal
import functools
import hashlib
import json
import logging
import uuid
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Manager, Model
from django.utils import timezone
from django.utils.encoding import force_str
from modelsearch.index import (
    AutocompleteField,
    FilterField,
    RelatedFields,
    SearchField,
)
from whoosh import fields

from .analysis import ChineseAnalyzer

logger = logging.getLogger(__name__)

#: Suffixes of the dynamic (glob) fields: searchable text, autocomplete text,
#: numeric filter values, other filter values.
TEXT, AUTOCOMPLETE, NUMBER, KEYWORD = "__t", "__a", "__n", "__k"

NUMERIC_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
        "PositiveSmallIntegerField",
        "FloatField",
        "DecimalField",
    }
)
SCALARS = (
    str,
    int,
    float,
    decimal.Decimal,
    datetime.date,
    datetime.time,
    uuid.UUID,
)


def build_schema() -> fields.Schema:
    """The one schema of the index; model fields map onto glob fields."""
    schema = fields.Schema(
        key=fields.ID(unique=True, stored=True),
        pk=fields.ID(stored=True, sortable=True),
        ct=fields.KEYWORD(),
        nulls=fields.KEYWORD(),
        rev=fields.STORED(),
    )
    analyzer = ChineseAnalyzer()
    schema.add("*" + TEXT, fields.TEXT(analyzer=analyzer, phrase=True), glob=True)
    schema.add(
        "*" + AUTOCOMPLETE, fields.TEXT(analyzer=analyzer, phrase=False), glob=True
    )
    schema.add(
        "*" + NUMBER,
        # Fewer range tiers (4 instead of 16 terms a value): indexing is faster
        # and ranges over a few thousand distinct values stay fast.
        fields.NUMERIC(numtype=float, bits=64, signed=True, shift_step=16),
        glob=True,
    )
    schema.add("*" + KEYWORD, fields.ID(), glob=True)
    return schema


def content_types(model: type[Model]) -> list[str]:
    """The model's content type and its indexed ancestors', as the other backends."""
    names = []
    current = model
    while current is not None:
        names.append(current.indexed_get_content_type())
        current = current.indexed_get_parent()
    return names


def doc_key(model: type[Model], pk: Any) -> str:
    """Unique key of an object's document: one per object across subclasses."""
    return f"{model.indexed_get_toplevel_content_type()}:{pk}"


def encode_filter(internal_type: str, value: Any) -> tuple[str, Any] | None:
    """Map a filter value to (suffix, indexed value); None if it can't be indexed."""
    if isinstance(value, bool) or internal_type in ("BooleanField", "NullBooleanField"):
        return KEYWORD, "true" if value else "false"
    if internal_type in NUMERIC_TYPES:
        if isinstance(value, int | float | decimal.Decimal):
            return NUMBER, float(value)
        return None
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(datetime.UTC).replace(tzinfo=None)
        if internal_type == "DateField":
            return KEYWORD, value.date().isoformat()
        return KEYWORD, value.strftime("%Y-%m-%dT%H:%M:%S.%f")
    if isinstance(value, datetime.date):
        if internal_type == "DateTimeField":
            return None
        return KEYWORD, value.isoformat()
    if isinstance(value, datetime.time):
        return KEYWORD, value.strftime("%H:%M:%S.%f")
    if isinstance(value, SCALARS):
        return KEYWORD, force_str(value)
    return None


def _text(value: Any) -> str:
    # StreamField values arrive as lists of strings from get_searchable_content;
    # never index the JSON representation (escapes such as \u6df1 are not words).
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple | set):
        return "\n".join(filter(None, (_text(item) for item in value)))
    if isinstance(value, dict):
        return "\n".join(filter(None, (_text(item) for item in value.values())))
    if isinstance(value, Manager):
        return "\n".join(force_str(item) for item in value.all())
    return force_str(value)


def _related_objects(field: RelatedFields, obj: Model) -> list[Model]:
    value = field.get_value(obj)
    if value is None:
        return []
    if isinstance(value, Manager):
        return list(value.all())
    if callable(value):
        value = value()
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def _collect(
    search_fields: list, obj: Model, prefix: str, doc: dict[str, list], nulls: list
) -> None:
    for field in search_fields:
        try:
            if isinstance(field, RelatedFields):
                for sub in _related_objects(field, obj):
                    _collect(
                        field.fields, sub, f"{prefix}{field.field_name}__", doc, nulls
                    )
            elif isinstance(field, SearchField | AutocompleteField):
                suffix = TEXT if isinstance(field, SearchField) else AUTOCOMPLETE
                text = _text(field.get_value(obj))
                if text:
                    doc.setdefault(prefix + field.field_name + suffix, []).append(text)
            elif isinstance(field, FilterField) and not prefix:
                # Only the model's own filter fields are indexed: filters across
                # relations are applied by the database, which knows which related
                # row matched which condition.
                _collect_filter(field, obj, doc, nulls)
        except Exception:
            logger.exception("Cannot index %s of %r", field, obj)


def _is_column(model: type[Model], field: FilterField) -> bool:
    """Whether a filter field is a plain column of the model (what the query
    compiler can translate); relations are filtered by the database."""
    try:
        django_field = model._meta.get_field(field.field_name)
    except FieldDoesNotExist:
        return False
    return bool(django_field.concrete and not django_field.many_to_many)


def _collect_filter(field: FilterField, obj: Model, doc: dict, nulls: list) -> None:
    model = type(obj)
    if not _is_column(model, field):
        # Reading e.g. a tags manager costs a query per object, for nothing.
        return
    attname = field.get_attname(model)
    value = field.get_value(obj)
    if value is None:
        nulls.append(attname)
        return
    encoded = encode_filter(field.get_type(model), value)
    if encoded is not None:
        suffix, indexed = encoded
        doc[attname + suffix] = [indexed]


def build_document(model: type[Model], obj: Model) -> dict[str, Any]:
    """The Whoosh document for ``obj`` indexed as ``model``."""
    collected: dict[str, list] = {}
    nulls: list[str] = []
    _collect(model.get_search_fields(), obj, "", collected, nulls)
    doc: dict[str, Any] = {
        "key": doc_key(model, obj.pk),
        "pk": force_str(obj.pk),
        "ct": " ".join(content_types(model)),
    }
    if nulls:
        doc["nulls"] = " ".join(nulls)
    columns = fingerprint_fields(model)
    doc["rev"] = revision(
        model, fingerprint(columns, [getattr(obj, f.attname) for f in columns])
    )
    for name, values in collected.items():
        if name.endswith(NUMBER) or name.endswith(KEYWORD):
            doc[name] = values[0]
        else:
            doc[name] = "\n".join(values)
    return doc


# Revisions: what the periodic reconcile compares with the database.


@functools.cache
def fingerprint_fields(model: type[Model]) -> tuple[Field, ...]:
    """Columns whose change makes a document stale: the model's own indexed
    columns and its ``auto_now`` change markers (related fields are not read)."""
    columns: list[Field] = []
    for field in model.get_search_fields():
        if isinstance(field, RelatedFields):
            continue
        try:
            column = model._meta.get_field(field.field_name)
        except FieldDoesNotExist:
            continue
        if column.concrete and not column.many_to_many and column not in columns:
            columns.append(column)
    for column in model._meta.concrete_fields:
        if getattr(column, "auto_now", False) and column not in columns:
            columns.append(column)
    return tuple(columns)


def _canonical(field: Field, value: Any) -> str:
    # The same text for a value read from a saved instance and from values_list().
    if value is None:
        return "\x00"
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, decimal.Decimal):
        return str(value.normalize())
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time | uuid.UUID):
        return str(value)
    try:
        prepared = field.get_prep_value(value)
        return json.dumps(prepared, sort_keys=True, ensure_ascii=False, default=str)
    except Exception:
        return force_str(value)


def fingerprint(columns: tuple[Field, ...], values: list[Any]) -> str:
    """A short hash of a row's indexed columns."""
    digest = hashlib.blake2b(digest_size=8)
    for field, value in zip(columns, values, strict=True):
        digest.update(_canonical(field, value).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def revision(model: type[Model], row_hash: str) -> str:
    """The stored ``rev`` of a document: its model's content type and row hash."""
    return f"{model.indexed_get_content_type()} {row_hash}"
