"""Query counts pinned on the survey results page: the same absolute number at the demo's size and with generated
responses added (tests/grown_demo.py); free texts and places bounded, the rest a page away."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse

from kopa.surveys import results
from kopa.surveys.models import Answer, Question
from tests import grown_demo


@pytest.fixture
def coordinator(client):
    client.force_login(get_user_model().objects.get(username="coordinator"))
    return client


# Session, user, the questionnaire and its permission reads, the filter form's choices, the survey's state, the
# selection, the distributions, the ranking, one page of places, the free-text counts, the response rates (each
# looked up in the cache, then kept there): none per row.
RESULTS_QUERIES = 26
# The same page again in the same state: the figures come from the cache (kopa.surveys.remembered).
REMEMBERED_QUERIES = 7


def test_the_results_page_runs_a_fixed_number_of_queries(grown_data, coordinator, django_assert_num_queries):
    url = reverse("surveys:results", args=[grown_data["survey"].pk])
    cache.clear()
    with django_assert_num_queries(RESULTS_QUERIES):
        response = coordinator.get(url)
    assert response.status_code == 200
    with django_assert_num_queries(REMEMBERED_QUERIES):
        again = coordinator.get(url)
    assert _figures(again) == _figures(response)


def _figures(response) -> str:
    """The page without what differs on every request (the CSP nonce, the CSRF token)."""
    return re.sub(r'(nonce|value)="[^"]*"', "", response.content.decode())


def test_free_texts_show_the_first_twenty_and_link_to_all_of_them(demo, coordinator, django_assert_num_queries):
    survey = grown_demo.objects()["survey"]
    question = Question.objects.filter(section__questionnaire=survey).order_by("pk").first()
    responses = list(survey.responses.order_by("pk")[:1]) * 65
    Answer.objects.bulk_create(Answer(response=responses[0], question=question, text=f"Teksts {n:03d}")
                               for n in range(65))
    url = reverse("surveys:results", args=[survey.pk])
    page = coordinator.get(url).content.decode()
    assert "Teksts 019" in page and "Teksts 020" not in page
    assert f'?texts={question.pk}">Visas 65 atbildes →</a>' in page
    with django_assert_num_queries(8):  # session, user, questionnaire, permission, the question, selection, count, page
        second = coordinator.get(url, {"texts": question.pk, "page": 2}).content.decode()
    assert "Teksts 050" in second and "Teksts 064" in second and "Teksts 049" not in second
    assert results.text_counts(survey)[question.pk] == 65
