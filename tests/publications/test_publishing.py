"""No article of a funded project goes out without its statements; the compliance page says what is missing."""

import pytest
from django.utils import translation

from kopa.activities.models import Activity
from kopa.core.errors import DomainError
from kopa.projects.models import FundingStatement
from kopa.publications import services
from kopa.publications.models import Article, ArticleRevision
from tests import factories

pytestmark = pytest.mark.django_db


def _draft(demo_user):
    activity = Activity.objects.get(start_date="2018-05-29")
    return services.draft_from_activity(activity=activity, by=demo_user)


@pytest.fixture
def coordinator(demo):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="coordinator")


def test_publishing_without_the_statement_is_refused_until_it_is_restored(coordinator, client):
    article = _draft(coordinator)
    statements = list(article.statements.all())
    assert {s.key for s in statements} == {"funding", "disclaimer"}
    services.save_article(article=article, by=coordinator, statements=[s for s in statements if s.key != "funding"])

    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.publish(article=article, by=coordinator)
    assert "statement required by" in str(refused.value) and "co-financed by the European Union" in str(refused.value)
    assert Article.objects.get(pk=article.pk).status == "draft"

    client.force_login(coordinator)
    compliance = client.get("/en/news/compliance/").content.decode()
    assert article.title_en in compliance and "is missing" in compliance

    response = client.post(f"/en/news/{article.slug}/action/", {"action": "publish"}, follow=True)
    assert "cannot be published yet" in response.content.decode()

    services.save_article(article=article, by=coordinator, statements=statements)
    services.publish(article=article, by=coordinator)
    assert Article.objects.get(pk=article.pk).status == "published"
    assert article.title_en not in client.get("/en/news/compliance/").content.decode()


def test_a_published_article_cannot_lose_its_statement(coordinator):
    article = Article.objects.filter(status="published", activity__project__code="LLI-59").first()
    with pytest.raises(DomainError):
        services.save_article(article=article, by=coordinator, statements=[])
    assert article.statements.count() == 2  # nothing was saved


def test_a_statement_whose_logo_is_required_but_missing_is_reported(coordinator):
    article = _draft(coordinator)
    FundingStatement.objects.filter(key="funding", programme__code__startswith="interreg").update(logo_required=True)
    with translation.override("en"):
        with pytest.raises(DomainError, match="logo required by"):
            services.publish(article=article, by=coordinator)


def test_every_change_is_kept_in_the_history(coordinator):
    article = _draft(coordinator)
    services.save_article(article=article, by=coordinator, texts={"en": {"title": "Utena, Anykščiai and us"}})
    services.publish(article=article, by=coordinator)
    revisions = list(ArticleRevision.objects.filter(article=article).order_by("pk"))
    assert [r.status for r in revisions] == ["draft", "draft", "published"]
    assert revisions[1].content["title_en"] == "Utena, Anykščiai and us" and revisions[1].editor == coordinator


def test_only_the_coordinators_write_and_drafts_stay_private(coordinator, client):
    article = _draft(coordinator)
    assert client.get(f"/en/news/{article.slug}/").status_code == 404  # a draft is not public
    outsider = factories.partner_coordinator(factories.organisation())
    client.force_login(outsider)
    assert client.get(f"/en/news/{article.slug}/edit/").status_code == 403
    with pytest.raises(DomainError):
        services.publish(article=article, by=outsider)
    client.force_login(coordinator)
    assert client.get(f"/en/news/{article.slug}/").status_code == 200  # a preview for its writers
    response = client.post(f"/en/news/{article.slug}/edit/", {"title_en": "", "title_lv": "", "title_lt": "",
                                                               "statements": []})
    assert "needs a title" in response.content.decode()
    assert Article.objects.get(pk=article.pk).title_lv  # nothing was saved


def test_a_photo_without_everyones_consent_cannot_be_added(coordinator):
    from kopa.activities.models import Photo

    article = _draft(coordinator)
    private = Photo.objects.create(activity=article.activity, caption="Private", alt_text="People", is_public=False)
    with pytest.raises(DomainError):
        services.save_article(article=article, by=coordinator, gallery=[private])
    assert not article.gallery.filter(pk=private.pk).exists()
