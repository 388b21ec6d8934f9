"""One run at a time of a command that every app machine may start (`kopa run_scheduled` from each machine's
timer): the lock lives in the database all machines share.

On PostgreSQL a session advisory lock (pg_try_advisory_lock): never waits, and is released by the server when the
process dies, so a killed run leaves nothing behind. Elsewhere (SQLite: one machine) a row in kopa_run_lock with
an expiry, so a run that died holding it stops blocking the others after `minutes`.
"""

import os
import socket
import time
import zlib
from contextlib import contextmanager

from django.db import IntegrityError, connection, transaction


def _advisory_key(name: str) -> int:
    return zlib.crc32(f"kopa:{name}".encode())  # stable across processes and machines (hash() is not)


@contextmanager
def held(name: str, *, minutes: int = 60):
    """Yields True with the lock taken (and releases it after), or False at once when another run holds it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [_advisory_key(name)])
            taken = cursor.fetchone()[0]
        try:
            yield taken
        finally:
            if taken:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [_advisory_key(name)])
        return
    holder = f"{socket.gethostname()}:{os.getpid()}:{time.time()}"
    taken = _take_row(name, holder, minutes)
    try:
        yield taken
    finally:
        if taken:
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM kopa_run_lock WHERE name = %s AND holder = %s", [name, holder])


def _take_row(name: str, holder: str, minutes: int) -> bool:
    now = int(time.time())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM kopa_run_lock WHERE name = %s AND expires_at < %s", [name, now])
        try:
            with transaction.atomic():
                cursor.execute("INSERT INTO kopa_run_lock (name, holder, expires_at) VALUES (%s, %s, %s)",
                               [name, holder, now + minutes * 60])
        except IntegrityError:
            return False
    return True
