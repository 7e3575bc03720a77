"""Keeping the database's query planner informed."""

from django.db import connections


def refresh_planner_statistics(using: str = "default") -> None:
    """Give SQLite's planner fresh table statistics (a sampled ANALYZE).

    Without them SQLite picks the wrong index for the reports' per-problem
    subqueries and scans every answer for each problem: the monthly report
    took over 600 s at 100,000 problems and 4 s after ANALYZE. The sampled
    version takes under a second there. PostgreSQL's autovacuum keeps its own.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
