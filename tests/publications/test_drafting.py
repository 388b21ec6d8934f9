"""The article Kopā drafts for the study visit to Utena and Anykščiai names what the record holds."""

import re

import pytest
from django.utils import translation

from kopa.activities.models import Activity
from kopa.publications import services
from kopa.publications.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

PARTICIPANTS = ["Balvu", "Krāslavas", "Līvānu", "Riebiņu", "Rēzekne", "Viļānu", "Zilupes"]


def _utena():
    return Activity.objects.get(start_date="2018-05-29")


def _drafted():
    article = services.draft_from_activity(activity=_utena())
    return Article.objects.get(pk=article.pk)


def test_the_draft_names_dates_hosts_participants_and_follow_ups_in_english(demo):
    article = _drafted()
    with translation.override("en"):
        text = f"{article.lead}\n{article.body}"
    assert "29 May 2018" in text and "30 May 2018" in text
    assert "Utena" in text and "Anykščiai" in text
    assert "Representatives of 7 municipalities took part" in text
    assert all(name in text for name in PARTICIPANTS)
    # the two exchanges announced for June: 12–13 with Kurzeme, 19–20 with Zemgale
    assert re.search(r"Kurzeme.*12 June 2018 to 13 June 2018", text)
    assert re.search(r"Zemgale.*19 June 2018 to 20 June 2018", text)
    assert "Zita Ringelevičienė" in text  # a host with her position


def test_the_draft_is_written_in_each_language(demo):
    article = _drafted()
    with translation.override("lv"):
        latvian = f"{article.lead}\n{article.body}"
    with translation.override("lt"):
        lithuanian = f"{article.lead}\n{article.body}"
    assert "2018. gada 29. maij" in latvian and "notika" in latvian
    assert "2018 m. gegužės 29 d." in lithuanian and "vyko" in lithuanian
    assert all(name in latvian for name in PARTICIPANTS)


def test_the_published_article_ends_with_the_interreg_statement(demo, client):
    article = Article.objects.get(activity=_utena(), status="published")  # drafted by the demo
    html = client.get(f"/en/news/{article.slug}/").content.decode()
    body = html[html.index("<article"):html.index("</article>")]
    last_paragraphs = re.findall(r"<p>(.*?)</p>", body, re.S)[-2:]
    assert "Interreg V-A Latvia–Lithuania" in last_paragraphs[0]
    assert "views of its author only" in last_paragraphs[1]  # the programme's disclaimer
    assert "29 May 2018" in body


def test_an_activity_not_yet_held_gets_no_draft():
    planned = factories.activity(status="open")
    with pytest.raises(services.DomainError):
        services.draft_from_activity(activity=planned)
    assert not Article.objects.exists()


def test_a_project_with_no_code_nor_programme_is_drafted_without_inventing_them():
    from kopa.projects import services as project_services
    from kopa.publications.drafting import draft, draft_project

    coordinator = factories.programme_coordinator(factories.project(code="ANY-1"))
    project = project_services.create_project(by=coordinator, title_lv="Projekts bez koda", title_en="No code",
                                              confirm_new=True)
    activity = factories.activity(project=project, title_lv="Vizīte", status="held")
    with translation.override("en"):
        text = draft_project(project.pk)["en"]["lead"] + draft(activity.pk)["en"]["lead"]
    assert "The project “No code”" in text and "part of the project “No code”" in text
    assert "None" not in text
