"""A database cache whose counters are safe for rate limits across workers."""

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class AtomicDatabaseCache(DatabaseCache):
    """Django's DatabaseCache with `incr` done in one locking transaction.

    The stock `incr` reads then writes, so two gunicorn workers can both read
    4 and both write 5, and a rate limit lets extra requests through. Here the
    read and the write share a transaction that holds the row: SQLite starts it
    IMMEDIATE (base settings) so writers queue; PostgreSQL locks the row with
    SELECT ... FOR UPDATE.
    """

    def incr(self, key, delta=1, version=None):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        with transaction.atomic(using=db):
            if connection.features.has_select_for_update:
                table = connection.ops.quote_name(self._table)
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT cache_key FROM {table} WHERE cache_key = %s "
                        "FOR UPDATE",
                        [self.make_and_validate_key(key, version=version)],
                    )
            return super().incr(key, delta, version)
