from django.db import connection

from ops.database import refresh_planner_statistics


def test_sqlite_planner_gets_table_statistics(db, problem):
    refresh_planner_statistics()
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'qa_problem'")
        assert cursor.fetchone()[0] > 0
