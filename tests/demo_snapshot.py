"""The demo data set, loaded once per test session and copied into each test that asks for it.

Loading the demo runs ~17,000 queries (about 17 s); forty-odd tests use it, on two databases. So the session
loads it once inside a transaction that is rolled back, keeps the rows it added (read with plain SQL, exactly as
stored), and each test inserts those rows inside its own transaction, which pytest-django rolls back as before.
The files the demo writes stay in the session's MEDIA_ROOT. Tests with a live server get the same copy,
committed (their flush removes it); after such a flush content types come back with new ids, so the next copy
first puts every table back to the state the demo was loaded on.
"""

import os

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction


def _tables():
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _read(tables):
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [c[0] for c in cursor.description]
            rows[table] = (columns, {tuple(r) for r in cursor.fetchall()})
    return rows


class DemoSnapshot:
    def __init__(self, reference):
        self.reference = reference
        tables = _tables()
        with transaction.atomic():
            self.baseline = _read(tables)
            call_command("demo", reference=reference, stdout=open(os.devnull, "w"))
            after = _read(tables)
            transaction.set_rollback(True)
        self.added = {}
        for table, (columns, rows) in after.items():
            new = rows - self.baseline[table][1]
            gone = self.baseline[table][1] - rows
            if gone:
                raise RuntimeError(f"the demo changed or deleted rows of {table} the migrations made; copy it whole")
            if new:
                self.added[table] = (columns, sorted(new, key=repr))
        by_table = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}
        self.models = [by_table[t] for t in self.baseline if t in by_table]

    def _baseline_intact(self):
        now = _read([t for t, (_, rows) in self.baseline.items() if rows])
        return all(now[t][1] == self.baseline[t][1] for t in now)

    def copy_into_test(self):
        """The demo's rows in the test's database. If the rows the migrations made have moved on (a transactional
        test flushed the database, and content types came back with new ids), every table is first put back to
        the state the demo was loaded on, so ids match. One transaction: foreign keys are checked at its end."""
        from django.contrib.contenttypes.models import ContentType

        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            copies = list(self.added.items())
            if not self._baseline_intact():
                for table in self.baseline:
                    cursor.execute(f"DELETE FROM {quote(table)}")
                copies = [(t, (c, sorted(r, key=repr))) for t, (c, r) in self.baseline.items() if r] + copies
            for table, (columns, rows) in copies:
                names = ", ".join(quote(c) for c in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)
            # PostgreSQL's sequences do not follow explicit ids (SQLite's AUTOINCREMENT does).
            for sql in connection.ops.sequence_reset_sql(no_style(), self.models):
                cursor.execute(sql)
        ContentType.objects.clear_cache()
