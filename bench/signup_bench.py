"""Benchmark: sign-ups to one activity that has per-organisation quotas and 1,000 people waiting.

    .venv/bin/python -m bench.signup_bench                   # SQLite (a fresh file), 300 sign-ups
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kopa_signup_bench .venv/bin/python -m bench.signup_bench
                                                             # PostgreSQL (a scratch database: it is migrated
                                                             # and filled), also 8 threads at once
    SIGNUPS=… WAITING=… THREADS=… for other numbers.

One activity, 2 seats per organisation: one organisation has used its 2 seats and has WAITING (1,000) people
on the waiting list; the seats left are exactly those the sign-ups below take. It measures, one after another:
- through the service (`register`), SIGNUPS people of other organisations, each confirmed: sign-ups per minute
  and queries per sign-up;
- through the page (POST to the sign-up page with Django's test Client, signed in as the person), as many again;
- on PostgreSQL, THREADS threads signing up as many again at the same moment (each its own connection);
- then, with the activity full, SIGNUPS more through the service, each sent to the waiting list;
and after each, how many seats were given beyond the capacity or an organisation's quota ("oversold", must be 0).
Every sign-up waits for the activity's row lock, so sign-ups per minute is what one activity can take.

Measured on this 2-core machine, 1,000 waiting (sign-ups a minute; queries per sign-up). "Before" is the code
before issue 15 item 7 (a sign-up re-checked every waiting person of an organisation over its quota), with
SIGNUPS=30; its SQLite run shared the machine with a test run, so read its figures as about a third too low.
                        after (SIGNUPS=300)            before
  SQLite   service      5,443 confirmed; 19.5          32 confirmed; 3,023
           page         3,112 confirmed                27 confirmed
           full         5,091 waitlisted; 19.0         77 waitlisted; 1,032
  Postgres service      3,664 confirmed; 17.5          26 confirmed; 3,022
           page         2,170 confirmed                26 confirmed
           8 threads    2,922 confirmed                25 confirmed
           full         3,450 waitlisted; 17.0         72 waitlisted; 1,031
  oversold: 0 in every run.
"""

import os
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from datetime import date, timedelta

from bench.django_setup import start as start_django

SIGNUPS = int(os.environ.get("SIGNUPS", "300"))
WAITING = int(os.environ.get("WAITING", "1000"))
THREADS = int(os.environ.get("THREADS", "8"))
QUOTA = 2


def _setup(path: str | None) -> None:
    start_django(path, TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},  # no mail goes out
          ALLOWED_HOSTS=["*"])


def _people(organisations, each: int, *, users: bool = False):
    """`each` people working at each organisation (written in bulk: the setting up is not what is measured)."""
    from django.contrib.auth import get_user_model

    from kopa.directory.models import Person, Position

    run = str(time.monotonic_ns())
    people = Person.objects.bulk_create([Person(first_name="Dalībnieks", last_name=f"{run}-{o.pk}-{n}")
                                         for o in organisations for n in range(each)])
    workplaces = [o for o in organisations for _ in range(each)]
    Position.objects.bulk_create([Position(person=p, organisation=o, title="Speciālists")
                                  for p, o in zip(people, workplaces, strict=True)])
    if users:
        accounts = get_user_model().objects.bulk_create([get_user_model()(username=f"u{run}-{p.pk}") for p in people])
        for person, account in zip(people, accounts, strict=True):
            person.user = account
        Person.objects.bulk_update(people, ["user"])
    return people


def _organisations(count: int, label: str):
    from kopa.directory.models import Country, Organisation

    country = Country.objects.get_or_create(code="LV", defaults={"name": "Latvija", "name_lv": "Latvija"})[0]
    run = time.monotonic_ns()
    return Organisation.objects.bulk_create([
        Organisation(slug=f"org-{run}-{n}", name=f"{label} {n}", name_lv=f"{label} {n}", country=country,
                     kind="municipal_administration") for n in range(count)])


@contextmanager
def _counting(connection):
    """How many queries run inside (a counter, not Django's capture, which keeps only the last 9,000)."""
    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield queries


def _oversold(activity) -> int:
    from kopa.activities.models import Registration

    seated = Registration.objects.filter(activity=activity, status__in=Registration.SEATED)
    per_organisation = Counter(seated.values_list("organisation_id", flat=True))
    over_capacity = max(0, seated.count() - activity.capacity)
    return over_capacity + sum(max(0, n - QUOTA) for n in per_organisation.values())


def _report(label: str, people: list, seconds: float, queries: int | None, activity, status: str) -> None:
    from kopa.activities.models import Registration

    got = Registration.objects.filter(activity=activity, person__in=people, status=status).count()
    per = f"{queries / len(people):5.1f} queries per sign-up, " if queries is not None else ""
    print(f"{label:<26} {len(people):5} sign-ups ({got} {status}) in {seconds:6.2f} s: {per}"
          f"{len(people) / seconds * 60:6.0f} a minute; oversold {_oversold(activity)}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        _setup(None if os.environ.get("DATABASE_URL") else os.path.join(folder, "bench.sqlite3"))
        from django.db import connection
        from django.test import Client
        from django.urls import reverse
        from django.utils import translation

        from kopa.activities import services
        from kopa.activities.models import Registration

        postgres = connection.vendor == "postgresql"
        rounds = 3 if postgres else 2  # (service, page[, threads]): each takes SIGNUPS seats
        crowd, organiser = _organisations(1, "Pārāk daudz")[0], _organisations(1, "Organizators")[0]
        day = date.today() + timedelta(days=60)
        activity = services.create_activity(organisers=[organiser], kind="training", title_lv="Mācības",
                                            start_date=day, end_date=day,
                                            capacity=QUOTA + rounds * SIGNUPS, quota_per_organisation=QUOTA)
        activity = services.set_status(activity=activity, status="open")
        crowd_people = _people([crowd], QUOTA + WAITING)
        for person in crowd_people[:QUOTA]:
            services.register(activity=activity, person=person)
        Registration.objects.bulk_create([Registration(activity=activity, person=p, organisation=crowd,
                                                       status=Registration.Status.WAITLISTED)
                                          for p in crowd_people[QUOTA:]])
        print(f"{connection.vendor}: one activity, {activity.capacity} seats, {QUOTA} per organisation, "
              f"{WAITING} waiting behind a used-up quota")

        def newcomers(label, users=False):
            return _people(_organisations(SIGNUPS // QUOTA + 1, label), QUOTA, users=users)[:SIGNUPS]

        people = newcomers("Servisa")
        services.register(activity=activity, person=people[0])  # warm up: imports, first queries
        with _counting(connection) as queries:
            start = time.perf_counter()
            for person in people[1:]:
                services.register(activity=activity, person=person)
            seconds = time.perf_counter() - start
        _report("through the service", people[1:], seconds, queries[0], activity, "confirmed")

        people = newcomers("Lapas", users=True)
        with translation.override("lv"):
            client, url, seconds = Client(), reverse("activities:sign_up", args=[activity.pk]), 0.0
        for person in people:
            client.force_login(person.user)
            start = time.perf_counter()
            response = client.post(url)
            seconds += time.perf_counter() - start
            assert response.status_code == 302, response.status_code
        _report("through the page", people, seconds, None, activity, "confirmed")

        if postgres:
            people = newcomers("Pavedienu")
            shares = [people[n::THREADS] for n in range(THREADS)]
            barrier, errors = threading.Barrier(THREADS), []

            def run(share):
                try:
                    barrier.wait()
                    for person in share:
                        services.register(activity=activity, person=person)
                except Exception as error:  # reported below
                    errors.append(error)
                finally:
                    connection.close()

            threads = [threading.Thread(target=run, args=(share,)) for share in shares]
            start = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.perf_counter() - start
            assert not errors, errors
            _report(f"{THREADS} threads at once", people, seconds, None, activity, "confirmed")

        people = newcomers("Pilna")
        with _counting(connection) as queries:
            start = time.perf_counter()
            for person in people:
                services.register(activity=activity, person=person)
            seconds = time.perf_counter() - start
        _report("full: to the waiting list", people, seconds, queries[0], activity, "waitlisted")
        print(f"waiting now: {Registration.objects.filter(activity=activity, status='waitlisted').count()}")


if __name__ == "__main__":
    main()
