"""A respondent answers a Lithuanian questionnaire with a condition and a ranking, saves, returns, submits."""

import pytest

from kopa.surveys.models import Response
from tests.surveys.helpers import invited, questionnaire

pytestmark = [pytest.mark.browser]


def test_lithuanian_questionnaire_with_condition_ranking_draft_and_one_submission(transactional_db, live_server,
                                                                                    page):
    survey = questionnaire()
    invitation = invited(survey)
    link = f"{live_server.url}/lt/surveys/answer/{invitation.token}/"
    page.goto(link)
    assert page.locator("html").get_attribute("lang") == "lt"
    assert page.get_by_text("Jūsų vaidmuo").is_visible()
    team = page.locator("#q-team")
    assert team.is_hidden()  # asked of heads only
    page.get_by_label("Vadovas").check()
    assert team.is_visible()
    page.get_by_label("Kiek darbuotojų vadovaujate?").fill("12")
    page.locator("select[name=rank__1]").select_option("quality")
    page.locator("select[name=rank__2]").select_option("it")
    page.locator("button[value=save]").click()
    assert "?" not in page.url and Response.objects.count() == 0

    stale = page.context.new_page()
    stale.goto(link)  # the same form open in a second tab, with the saved answers
    page.goto(link)  # back through the same link: the answers are there
    assert page.get_by_label("Vadovas").is_checked()
    assert page.locator("select[name=rank__1]").input_value() == "quality"
    assert page.get_by_label("Kiek darbuotojų vadovaujate?").input_value() == "12"
    page.locator("select[name=rank__2]").select_option("quality")  # the same need twice
    page.locator("button[value=submit]").click()
    assert page.locator(".field-error").count() == 1 and Response.objects.count() == 0
    page.locator("select[name=rank__2]").select_option("it")
    page.locator("button[value=submit]").click()
    assert page.locator("h1").inner_text() != survey.title_lt and Response.objects.count() == 1

    # Another try through the used link, from the tab still showing the form (going back in history shows no
    # copy: a personal link's pages are sent with Cache-Control: no-store).
    stale.locator("button[value=submit]").click()
    assert Response.objects.count() == 1
    assert stale.locator(".form-errors[role=alert]").count() == 1  # refused: the link has been used
    page.goto(link)
    assert page.locator("form.survey").count() == 0 and page.locator("[role=status]").count() == 1
