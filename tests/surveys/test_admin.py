import pytest
from django.contrib.auth import get_user_model

from kopa.surveys.models import Need

pytestmark = pytest.mark.django_db


def test_the_coordinator_links_needs_to_work_plan_items_in_the_back_office(demo, client):
    client.force_login(get_user_model().objects.get(username="coordinator"))
    need = Need.objects.get(project__code="LLI-59", code="it")
    html = client.get(f"/en/admin/surveys/need/{need.pk}/change/").content.decode()
    assert "work_plan_items" in html and "Exchange with Kurzeme" in html
    assert "Daugavpils municipality staff study visit" not in html  # another project's activity
    assert client.get("/en/admin/surveys/questionnaire/").status_code == 200
