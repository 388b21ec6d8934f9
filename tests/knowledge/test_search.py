"""Search on the index (kopa.knowledge): the same rules on SQLite (FTS5) and on PostgreSQL (full text and trigrams);
run this file with DATABASE_URL set for the second."""

import re
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kopa.knowledge.queries import search
from kopa.projects.models import Project, ProjectAlias
from kopa.publications.models import Article
from tests import factories


def _article(title_lv="", *, title_lt="", body_lv="", body_lt="", project=None, activity=None, when=None):
    when = when or timezone.now() - timedelta(days=1)
    return Article.objects.create(slug=f"s-{Article.objects.count() + 1}", title_lv=title_lv, title_lt=title_lt,
                                  body_lv=body_lv, body_lt=body_lt, project=project, activity=activity,
                                  status=Article.Status.PUBLISHED, published_at=when)


def _project(title, **fields):
    project = factories.project(**fields)
    Project.objects.filter(pk=project.pk).update(title_lv=title)
    project.refresh_from_db()
    return project


def _found(text, kind, **filters):
    groups = {group.kind: group for group in search(text, limit=50, **filters)["found"]}
    return [hit.object for hit in groups[kind].hits]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_search_finds_lithuanian_names_typed_without_diacritics_and_inflected(db):
    anyksciai = _article("Vizīte Lietuvā", title_lt="Vizitas į Anykščius", body_lt="Anykščiai ir Utena.")
    utena = factories.activity(title_lv="Seminārs Utenā")
    assert anyksciai in _found("anyksciu", "article")
    assert utena in _found("utenos", "activity")
    assert anyksciai in _found("Utenos", "article")  # the body, in Lithuanian, found from any page


def test_a_project_is_found_by_its_alias_and_its_code(db):
    project = _project("Pārrobežu sadarbība", code="LLI-777", acronym="ROADS")
    ProjectAlias.objects.create(project=project, name="Zaļie koridori")
    assert project in _found("koridoru", "project")
    assert project in _found("LLI-777", "project")
    ProjectAlias.objects.filter(project=project).delete()
    assert project not in _found("koridoru", "project")


def test_an_exact_title_comes_first(db):
    wordy = _project("Tūrisms, tūrisms un vēlreiz tūrisms lauku tūrisma attīstībai")
    exact = _project("Tūrisms")
    assert _found("turisms", "project")[:2] == [exact, wordy]


def test_the_index_follows_every_change(db):
    article = _article("Sākotnējais virsraksts")
    Article.objects.filter(pk=article.pk).update(title_lv="Jaunais virsraksts par Daugavpili")  # no signals
    assert article in _found("Daugavpils", "article") and article not in _found("sakotnejais", "article")
    article.delete()
    assert _found("Daugavpils", "article") == []


def test_only_published_news_are_found(db):
    published = _article("Publicēta ziņa par Rēzekni")
    Article.objects.create(slug="melnraksts", title_lv="Melnraksts par Rēzekni")
    assert _found("rezekne", "article") == [published]


def test_filters_by_kind_project_topic_and_year(db, client):
    from kopa.topics.models import Topic

    topic = Topic.objects.create(slug="ezeri-un-upes", name="Ezeri un upes")
    project = _project("Ezeru projekts")
    project.topics.add(topic)
    other = _project("Ezeru otrs projekts", start_date=date(2021, 1, 1), end_date=date(2022, 1, 1))
    in_project = factories.activity(project=project, title_lv="Ezeru talka", start_date=date(2018, 6, 1),
                                    end_date=date(2018, 6, 1))
    elsewhere = factories.activity(project=other, title_lv="Ezeru diena", start_date=date(2021, 6, 1),
                                   end_date=date(2021, 6, 1))
    news = _article("Ezeru ziņa", project=project, when=timezone.make_aware(datetime(2018, 7, 1)))
    assert _found("ezers", "activity", project=project) == [in_project]
    assert _found("ezers", "activity", year=2021) == [elsewhere]
    assert _found("ezers", "project", year=2018) == [project]
    assert _found("ezers", "project", topic_ids=[topic.pk]) == [project]
    assert _found("ezers", "article", year=2018) == [news] and _found("ezers", "article", year=2021) == []

    html = client.get("/lv/search/", {"q": "ezers", "kind": "activity", "project": other.code}).content.decode()
    assert "Ezeru diena" in _text(html) and "Ezeru talka" not in _text(html)
    assert 'id="found-project"' not in html and 'id="found-article"' not in html
    everything = client.get("/lv/search/", {"q": "ezers", "topic": topic.slug}).content.decode()
    assert "Ezeru projekts" in _text(everything) and "Ezeru otrs projekts" not in _text(everything)


def test_matched_words_are_marked_and_everything_else_escaped(db, client):
    _article("<script>alert(1)</script> Jelgavas <b>svētki</b>", body_lv="Kas notika Jelgavā? Daudz kas.")
    html = client.get("/lv/search/", {"q": "jelgava"}).content.decode()
    assert "<script>alert" not in html and "<b>svētki" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Jelgavas</mark> &lt;b&gt;svētki&lt;/b&gt;" in html
    assert "<mark>Jelgavā</mark>? Daudz kas" in html


def test_each_kind_shows_its_best_and_links_to_all_of_them(db, client):
    for n in range(7):
        factories.activity(title_lv=f"Valmieras seminārs {n}")
    html = client.get("/lv/search/", {"q": "valmiera"}).content.decode()
    assert html.count("Valmieras</mark> seminārs") == 5 and "kind=activity" in html
    first = client.get("/lv/search/", {"q": "valmiera", "kind": "activity"}).content.decode()
    assert first.count("Valmieras</mark> seminārs") == 7


def test_a_lithuanian_page_is_in_lithuanian_and_shows_latvian_texts(db, client):
    factories.activity(title_lv="Seminārs Utenā")
    html = client.get("/lt/search/", {"q": "Utena"}).content.decode()
    assert '<html lang="lt">' in html and "Renginiai" in html and "Ieškoti" in html
    assert "Seminārs <mark>Utenā</mark>" in html


def _queries(client, text):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/lv/search/", {"q": text}).status_code == 200
    return len(captured)


def test_a_search_costs_the_same_few_queries_with_few_or_many_results(db, client):
    factories.activity(title_lv="Cēsu seminārs")
    assert _queries(client, "cesis") == 4  # the topics offered, then one per kind
    project = _project("Cēsu projekts")
    for n in range(30):
        factories.activity(project=project, title_lv=f"Cēsu seminārs {n}")
        _article(f"Cēsu ziņa {n}", project=project)
    assert _queries(client, "cesis") == 4
    with CaptureQueriesContext(connection) as captured:
        client.get("/lv/search/", {"q": "cesis", "kind": "activity", "project": project.code, "page": 2})
    # The picker reads the project named twice (to validate, to show it), the topics offered, then the activities.
    assert len(captured) == 6


@pytest.mark.postgres
def test_postgres_finds_a_near_spelling_of_a_project_name_and_uses_the_indexes(postgres):
    project = _project("Ceļi", acronym="BALTICROADS")
    assert project in _found("baltikroads", "project")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM search_article WHERE vector @@ to_tsquery('kopa_search', 'uten:*')")
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "search_article_vector" in plan


def test_documents_missed_while_the_triggers_were_down_are_rebuilt_after_migrate(db):
    from kopa.knowledge import index

    article = _article("Ziņa par Liepāju")
    index.pause(connection)  # what `migrate` does first on SQLite (a no-op on PostgreSQL)
    Article.objects.filter(pk=article.pk).update(title_lv="Ziņa par Ventspili")
    index.ensure(connection, rebuild=connection.vendor == "sqlite")  # what `migrate` does last
    assert _found("ventspils", "article") == [article] and _found("liepaja", "article") == []
    Article.objects.filter(pk=article.pk).update(title_lv="Ziņa par Talsiem")
    assert _found("talsi", "article") == [article]


def test_a_word_in_very_many_records_ranks_a_bounded_number_of_them(db, client, monkeypatch):
    from kopa.knowledge import queries

    monkeypatch.setattr(queries, "CANDIDATES", 4)
    for n in range(6):
        factories.activity(title_lv=f"Kuldīgas seminārs {n}")
    found = search("kuldiga", kinds=["activity"])["found"][0]
    assert found.total == 4 and found.capped and len(found.hits) == 4
    assert "Pasākumi (4+)" in client.get("/lv/search/", {"q": "kuldiga"}).content.decode()


@pytest.mark.postgres
def test_postgres_empties_the_index_with_the_tables_django_flushes(postgres):
    article = _article("Ziņa par Bausku")
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {Article._meta.db_table} CASCADE")
        cursor.execute("SELECT count(*) FROM search_article")
        assert cursor.fetchone()[0] == 0
    assert not Article.objects.filter(pk=article.pk).exists()


def test_one_kind_is_shown_page_by_page(db, client, monkeypatch):
    from kopa.knowledge import queries

    monkeypatch.setattr(queries, "PER_PAGE", 3)
    for n in range(7):
        factories.activity(title_lv=f"Siguldas seminārs {n}")
    last = client.get("/lv/search/", {"q": "sigulda", "kind": "activity", "page": 3}).content.decode()
    assert last.count("Siguldas</mark> seminārs") == 1 and 'rel="prev"' in last and 'rel="next"' not in last
    first = client.get("/lv/search/", {"q": "sigulda", "kind": "activity"}).content.decode()
    assert first.count("Siguldas</mark> seminārs") == 3 and "page=2" in first
