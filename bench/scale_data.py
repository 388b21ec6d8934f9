"""EU-sized data for bench.scale_bench, added with `bulk_create` in batches on top of the demo.

Realistic links: every generated municipality has its administration (an organisation); projects have three
partnerships (a lead partner and two partners) with those organisations, a few with the demo's organisations;
activities belong to projects and are organised by their lead partner; people hold a position at an
organisation and register (with it) for activities; articles are of projects and activities; survey responses
answer the demo's anonymous questionnaire. The objects the pages measure grow too: the demo coordinator's
project gets many activities, its largest activity many registrations, the demo's partner organisation and the
LEAN team's municipality many partnerships.
"""

import datetime
import time

from django.db import connection, transaction
from django.utils import timezone

from kopa.activities.models import Activity, Registration
from kopa.demo import facts
from kopa.directory.models import Country, Municipality, Organisation, Person, Position, names_key
from kopa.projects.models import ActivityKind, Partnership, Programme, Project
from kopa.publications.models import Article
from kopa.surveys.models import Answer, Question, Questionnaire, Response

EU_SIZES = {
    "municipalities": 90_222,
    "projects": 20_000,
    "partnerships": 60_000,
    "activities": 200_000,
    "registrations": 1_000_000,
    "articles": 50_000,
    "survey_responses": 100_000,
}
BATCH = 5_000
EU_CODES = ("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE").split()
WORDS = ("sadarbība pārrobežu tūrisms kultūra digitalizācija pašvaldība bendradarbiavimas regionas "
         "cooperation cross-border tourism culture mobility energy youth heritage innovation").split()


def sizes(scale: float) -> dict:
    return {name: max(1, round(n * scale)) for name, n in EU_SIZES.items()}


def _text(i: int, n: int = 4) -> str:
    return " ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(n))


def _bulk(model, rows, counts: dict, label: str) -> list:
    """Insert in batches; return the saved objects' primary keys."""
    pks = []
    batch = []
    for obj in rows:
        batch.append(obj)
        if len(batch) >= BATCH:
            pks.extend(o.pk for o in model.objects.bulk_create(batch))
            batch = []
    if batch:
        pks.extend(o.pk for o in model.objects.bulk_create(batch))
    counts[label] = counts.get(label, 0) + len(pks)
    return pks


def _through(field, pairs, counts: dict, label: str) -> None:
    through = field.remote_field.through
    names = [f.name for f in through._meta.fields if f.is_relation]
    _bulk(through, (through(**{f"{names[0]}_id": a, f"{names[1]}_id": b}) for a, b in pairs), counts, label)


def generate(scale: float, *, big_project, big_activity, survey, log=print) -> dict:
    """Add EU-sized data (times `scale`) to the demo; return how many rows of each kind were added. The big
    project, activity and questionnaire are the ones the pages measure at demo size too."""
    n = sizes(scale)
    counts: dict = {}
    started = time.perf_counter()
    now = timezone.now()
    today = timezone.localdate()

    def step(what):
        log(f"  … {what} ({time.perf_counter() - started:.0f} s)")

    countries = list(Country.objects.filter(code__in=EU_CODES).values_list("pk", "code"))
    with transaction.atomic():
        # Municipalities up to the EU count, each with its administration.
        existing = Municipality.objects.count()
        m_count = max(0, n["municipalities"] - existing)
        muni_pks = _bulk(Municipality, (
            Municipality(code=f"BENCH-{i:06d}", name_lv=f"Pašvaldība {i}", name_en=f"Municipality {i}",
                         key=names_key(f"Pašvaldība {i}", f"Municipality {i}"), kind=Municipality.Kind.MUNICIPALITY,
                         country_id=countries[i % len(countries)][0], valid_from=datetime.date(2000, 1, 1))
            for i in range(m_count)), counts, "municipalities")
        step("municipalities")
        org_pks = _bulk(Organisation, (
            Organisation(slug=f"bench-administration-{i:06d}", name_lv=f"Pašvaldības {i} administrācija",
                         name_en=f"Administration of municipality {i}",
                         key=names_key(f"Pašvaldības {i} administrācija", f"Administration of municipality {i}"),
                         kind=Organisation.Kind.MUNICIPAL_ADMINISTRATION, municipality_id=pk,
                         country_id=countries[i % len(countries)][0])
            for i, pk in enumerate(muni_pks)), counts, "organisations")
        step("organisations")
        demo_orgs = list(Organisation.objects.exclude(slug__startswith="bench-").values_list("pk", flat=True))
        if not org_pks:  # a tiny scale: no room for generated municipalities
            org_pks = demo_orgs
        partner = Organisation.objects.get(slug=facts.DEMO_PARTNER_ORGANISATION)
        lean_org = Organisation.objects.get(slug=facts.DEMO_LEAN_TEAM_ORGANISATION)

        # People, each with a position at an organisation (one in 20 at a demo organisation).
        p_count = max(200, n["registrations"] // 10)
        person_pks = _bulk(Person, (
            Person(first_name=f"Vārds{i}", last_name=f"Uzvārds{i}", email=f"person{i}@bench.invalid",
                   key=names_key(f"Vārds{i} Uzvārds{i}"), language="lv")
            for i in range(p_count)), counts, "people")
        person_org = [demo_orgs[i % len(demo_orgs)] if i % 20 == 0 else org_pks[(i * 7919) % len(org_pks)]
                      for i in range(p_count)]
        position_pks = _bulk(Position, (
            Position(person_id=pk, organisation_id=person_org[i], title_lv="speciālists", title_en="specialist",
                     start_date=datetime.date(2015, 1, 1))
            for i, pk in enumerate(person_pks)), counts, "positions")
        step("people and positions")

        # Projects with three partnerships each.
        programmes = list(Programme.objects.values_list("pk", flat=True))
        statuses = [Project.Status.COMPLETED, Project.Status.RUNNING, Project.Status.PLANNED]
        project_rows = []
        for i in range(n["projects"]):
            start = datetime.date(2008 + i % 18, 1 + i % 12, 1)
            project_rows.append(Project(
                code=f"BENCH-{i:06d}", acronym=f"B{i}", title_lv=f"Projekts {i}: {_text(i)}",
                title_en=f"Project {i}: {_text(i + 1)}", objective_lv=_text(i, 30),
                programme_id=programmes[i % len(programmes)], start_date=start,
                end_date=start + datetime.timedelta(days=730), status=statuses[i % 3],
                total_amount=100_000 + i))
        project_pks = _bulk(Project, project_rows, counts, "projects")
        step("projects")
        per_project = max(1, n["partnerships"] // max(1, len(project_pks)))
        big_partners = max(1, len(project_pks) // 100)  # the demo partner and the LEAN municipality in 1 % each

        def partnerships():
            for p, pk in enumerate(project_pks):
                orgs = [org_pks[(p * per_project + k) % len(org_pks)] for k in range(per_project)]
                if p < big_partners and per_project > 1:
                    orgs[-1] = partner.pk if p % 2 else lean_org.pk
                for k, org in enumerate(dict.fromkeys(orgs)):
                    role = Partnership.Role.LEAD_PARTNER if k == 0 else Partnership.Role.PARTNER
                    yield Partnership(project_id=pk, organisation_id=org, role=role, budget_amount=10_000 + k)

        _bulk(Partnership, partnerships(), counts, "partnerships")
        lead = dict(Partnership.objects.filter(project_id__in=project_pks, role=Partnership.Role.LEAD_PARTNER)
                    .values_list("project_id", "organisation_id"))
        step("partnerships")

        # Activities in the projects; the demo coordinator's project gets a big share.
        big_project_count = max(5, n["activities"] // 400)
        kinds = [k.value for k in ActivityKind]

        def activities():
            for i in range(n["activities"]):
                in_big = i < big_project_count
                project = big_project.pk if in_big else project_pks[i % len(project_pks)]
                start = today + datetime.timedelta(days=(i % 3000) - 2500)
                status = (Activity.Status.CLOSED if start < today - datetime.timedelta(days=30)
                          else Activity.Status.OPEN)
                yield Activity(kind=kinds[i % len(kinds)], title_lv=f"Pasākums {i}: {_text(i)}",
                               title_en=f"Activity {i}: {_text(i + 2)}", description_lv=_text(i, 60),
                               project_id=project, start_date=start, end_date=start, status=status,
                               venue_lv=f"Zāle {i % 50}", country_id=countries[i % len(countries)][0])

        activity_pks = _bulk(Activity, activities(), counts, "activities")
        step("activities")
        _through(Activity.organisers.field, (
            (pk, lead.get(project_pks[i % len(project_pks)], partner.pk) if i >= big_project_count else partner.pk)
            for i, pk in enumerate(activity_pks)), counts, "activity organisers")
        step("activity organisers")

        # Registrations: the big demo activity gets a big share, the rest spread over the generated activities.
        big_count = max(20, n["registrations"] // 200)
        rest = max(0, n["registrations"] - big_count)
        closed = set(Activity.objects.filter(pk__in=activity_pks, status=Activity.Status.CLOSED)
                     .values_list("pk", flat=True))
        cycle_open = [Registration.Status.CONFIRMED] * 8 + [Registration.Status.CANCELLED]
        cycle_held = [Registration.Status.ATTENDED] * 7 + [Registration.Status.NO_SHOW] * 2

        def registrations():
            for k in range(min(big_count, len(person_pks))):
                yield Registration(activity_id=big_activity.pk, person_id=person_pks[k], organisation_id=person_org[k],
                                   position_id=position_pks[k], status=Registration.Status.CONFIRMED)
            for i in range(rest):
                a = i % len(activity_pks)
                j = (a * 131 + (i // len(activity_pks)) * 7) % len(person_pks)
                cycle = cycle_held if activity_pks[a] in closed else cycle_open
                yield Registration(activity_id=activity_pks[a], person_id=person_pks[j], organisation_id=person_org[j],
                                   position_id=position_pks[j], status=cycle[i % len(cycle)],
                                   checked_in_at=now if activity_pks[a] in closed else None)

        _bulk(Registration, registrations(), counts, "registrations")
        step("registrations")

        def articles():
            for i in range(n["articles"]):
                published = now - datetime.timedelta(hours=i * 3)
                yield Article(slug=f"bench-article-{i:06d}", project_id=project_pks[i % len(project_pks)],
                              activity_id=activity_pks[(i * 3) % len(activity_pks)],
                              title_lv=f"Ziņa {i}: {_text(i)}", title_en=f"News {i}: {_text(i + 3)}",
                              lead_lv=_text(i, 25), body_lv=_text(i, 250), status=Article.Status.PUBLISHED,
                              published_at=published)

        _bulk(Article, articles(), counts, "articles")
        step("articles")

        questions = list(Question.objects.filter(section__questionnaire=survey,
                                                 kind__in=[Question.Kind.SINGLE, Question.Kind.MULTIPLE])
                         .prefetch_related("choices")[:3])
        munis = muni_pks or list(Municipality.objects.values_list("pk", flat=True)[:1000]) or [None]
        midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
        response_pks = _bulk(Response, (
            Response(questionnaire=survey, municipality_id=munis[i % len(munis)], country_code="LV",
                     submitted_at=midnight - datetime.timedelta(days=i % 365))
            for i in range(n["survey_responses"])), counts, "survey responses")
        choices = [(q.pk, [c.pk for c in q.choices.all()]) for q in questions]
        _bulk(Answer, (
            Answer(response_id=pk, question_id=q, choice_id=cs[i % len(cs)])
            for i, pk in enumerate(response_pks) for q, cs in choices if cs), counts, "survey answers")
        step("survey responses")
    with connection.cursor() as cursor:
        # Fresh statistics and (PostgreSQL) the visibility map, as autovacuum leaves a real database: without it a
        # count on an index still reads every row it counts (the news list's 50,000 articles: 22 ms instead of 3).
        # Inside a transaction (the tests' grown demo) VACUUM cannot run: statistics only.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def big_activity_of(project) -> Activity:
    """The demo project's activity with the most registrations (the "big" activity the pages measure)."""
    from django.db.models import Count

    return (Activity.objects.filter(project=project).annotate(n=Count("registrations")).order_by("-n", "pk")
            .first())


def biggest_questionnaire() -> Questionnaire:
    from django.db.models import Count

    return Questionnaire.objects.annotate(n=Count("responses")).order_by("-n", "pk").first()
