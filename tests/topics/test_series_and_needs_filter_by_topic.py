"""Every list filters by topic: the series list (by a series' own topics or its activities') and a project's
needs, a broader topic finding the records on its narrower ones."""

import pytest

from kopa.activities import services
from kopa.surveys.models import Need
from kopa.topics.models import Topic
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_series_list_filters_by_a_series_topics_and_by_its_activities_topics(client):
    culture, creative, tourism = (Topic.objects.get(slug=s) for s in ("culture", "creative-industries", "tourism"))
    own = services.save_series(name_lv="Kultūras tīkla semināri", kind="network_seminars", topics=[creative])
    through_activity = services.save_series(name_lv="Radošo telpu cikls", kind="course")
    services.place_in_series(activity=factories.activity(title_lv="Radošā telpa", topics=[culture]),
                             series=through_activity, number=1)
    services.save_series(name_lv="Tūrisma kampaņa", kind="campaign", topics=[tourism])
    page = client.get("/lv/activities/series/?topic=culture").content.decode()
    assert "Kultūras tīkla semināri" in page and "Radošo telpu cikls" in page and "Tūrisma kampaņa" not in page
    assert page.count("Radošo telpu cikls") == 1  # once, however many of its activities are on the topic
    page = client.get("/lv/activities/series/?topic=tourism&kind=campaign").content.decode()
    assert "Tūrisma kampaņa" in page and "Kultūras tīkla" not in page
    assert own.pk


def test_a_projects_needs_filter_by_topic(client):
    project = factories.project(code="NEEDS-1")
    it = Need.objects.create(project=project, code="it", name="E-pārvalde")
    it.topics.set([Topic.objects.get(slug="e-government-it")])
    Need.objects.create(project=project, code="tour", name="Tūrisma maršruti").topics.set(
        [Topic.objects.get(slug="tourism")])
    page = client.get(f"/lv/surveys/projects/{project.pk}/needs/?topic=e-government-it").content.decode()
    assert "E-pārvalde" in page and "Tūrisma maršruti" not in page
    everything = client.get(f"/lv/surveys/projects/{project.pk}/needs/").content.decode()
    assert "E-pārvalde" in everything and "Tūrisma maršruti" in everything
