"""Rows added in bulk on top of the demo, so a test sees whether an API list's cost grows with the data."""

import datetime

from django.utils import timezone

from kopa.activities.models import Activity
from kopa.directory.models import Country, Municipality, Organisation, names_key
from kopa.projects.models import ActivityKind, Partnership, Programme, Project
from kopa.publications.models import Article


def grow(n: int = 200) -> None:
    """n more municipalities (each with its administration), projects (three partners each), activities and
    published articles (with a Markdown body)."""
    country = Country.objects.get(code="LV")
    today = timezone.localdate()
    places = Municipality.objects.bulk_create(
        Municipality(code=f"GROWN-{i:04d}", name_lv=f"Audzis {i}", key=names_key(f"Audzis {i}"),
                     kind=Municipality.Kind.MUNICIPALITY, country=country, valid_from=datetime.date(2000, 1, 1))
        for i in range(n))
    organisations = Organisation.objects.bulk_create(
        Organisation(slug=f"grown-{i:04d}", name_lv=f"Audzis {i} administrācija",
                     key=names_key(f"Audzis {i} administrācija"), kind=Organisation.Kind.MUNICIPAL_ADMINISTRATION,
                     municipality=place, country=country)
        for i, place in enumerate(places))
    programme = Programme.objects.first()
    projects = Project.objects.bulk_create(
        Project(code=f"GROWN-{i:04d}", title_lv=f"Audzis projekts {i}", programme=programme,
                start_date=datetime.date(2010 + i % 15, 1 + i % 12, 1), end_date=datetime.date(2027, 1, 1),
                status=Project.Status.RUNNING)
        for i in range(n))
    Partnership.objects.bulk_create(
        Partnership(project=project, organisation=organisations[(i + k) % n],
                    role=Partnership.Role.LEAD_PARTNER if k == 0 else Partnership.Role.PARTNER)
        for i, project in enumerate(projects) for k in range(3))
    activities = Activity.objects.bulk_create(
        Activity(kind=ActivityKind.SEMINAR, title_lv=f"Audzis pasākums {i}", project=projects[i],
                 start_date=today - datetime.timedelta(days=i), end_date=today - datetime.timedelta(days=i),
                 status=Activity.Status.CLOSED, country=country)
        for i in range(n))
    now = timezone.now()
    Article.objects.bulk_create(
        Article(slug=f"grown-{i:04d}", project=projects[i], activity=activities[i], title_lv=f"Audzis ziņa {i}",
                lead_lv="Ievads.", body_lv=f"## Virsraksts {i}\n\nTeksts ar **treknu** un [saiti](https://example.org).",
                status=Article.Status.PUBLISHED, published_at=now - datetime.timedelta(hours=i + 1))
        for i in range(n))
