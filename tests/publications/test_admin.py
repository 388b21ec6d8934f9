import pytest
from django.contrib.auth import get_user_model

from kopa.projects.models import Programme
from kopa.publications.models import Article

pytestmark = pytest.mark.django_db


def test_the_back_office_edits_statements_and_only_lists_articles(demo, client):
    client.force_login(get_user_model().objects.get(username="admin"))
    programme = Programme.objects.get(code="interreg-v-a-latvia-lithuania-2014-2020")
    html = client.get(f"/en/admin/projects/programme/{programme.pk}/change/").content.decode()
    assert "views of its author only" in html and "on_sign_in_sheets" in html  # the disclaimer, with its places
    article = Article.objects.filter(status="published").first()
    assert client.get("/en/admin/publications/article/").status_code == 200
    page = client.get(f"/en/admin/publications/article/{article.pk}/change/").content.decode()
    assert 'type="submit" value="Save"' not in page  # read-only: publishing goes through its checks
