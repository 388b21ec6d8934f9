"""Two coordinators edit the same activity in two browsers. The first saves; the second is refused, told what
changed (what they loaded and what it is now), and finds what they typed still in its field."""

import re

import pytest

from tests import factories

pytestmark = [pytest.mark.browser]


def _signed_in(browser, live_server, username):
    page = browser.new_context(locale="en-GB").new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw-test-123")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/en/my-work/$"))
    return page


def test_the_second_editor_is_refused_with_what_changed_and_keeps_their_input(
        transactional_db, live_server, chromium_browser):
    project = factories.project()
    activity = factories.activity(project=project, title_en="Training")
    url = f"{live_server.url}/en/activities/{activity.pk}/edit/"
    first, second = (_signed_in(chromium_browser, live_server, factories.programme_coordinator(project).username)
                     for _ in range(2))
    try:
        for page in (first, second):
            page.goto(url)

        first.locator("input[name=title_en]").fill("Training for teachers")
        first.get_by_role("button", name="Save", exact=True).click()
        first.wait_for_url(re.compile(rf"/en/activities/{activity.pk}/$"))

        second.locator("textarea[name=description_en]").fill("My carefully written programme")
        second.get_by_role("button", name="Save", exact=True).click()
        conflict = second.get_by_role("alert").filter(has_text="Someone else saved this record")
        conflict.wait_for()
        assert "you loaded “Training”, it is now “Training for teachers”." in conflict.inner_text()
        assert second.locator("textarea[name=description_en]").input_value() == "My carefully written programme"
        activity.refresh_from_db()
        assert (activity.title_en, activity.description_en) == ("Training for teachers", "")
    finally:
        for page in (first, second):
            page.context.close()
