"""News in the browser: a coordinator drafts, is stopped without the statement, publishes; scripts stay inert."""

import re

import pytest

from kopa.activities.models import Activity
from kopa.demo import facts
from kopa.publications import services
from kopa.publications.models import Article

pytestmark = [pytest.mark.browser]

HOSTILE = """Ziņa ar nedrošu saturu.

<script>window.pwned = "script"</script>
<img src="x" onerror="window.pwned = 'onerror'">
[Noklikšķini](javascript:window.pwned='link')
<a href="https://example.org" onmouseover="window.pwned='handler'" id="safe">Droša saite</a>
"""


def test_markdown_with_script_and_handlers_runs_nothing(transactional_db, live_server, page):
    article = Article.objects.create(slug="nedrosa", title_lv="Nedroša ziņa", body_lv=HOSTILE)
    services.publish(article=article)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server.url}/lv/news/nedrosa/")
    body = page.locator(".article-body")
    body.get_by_text("Noklikšķini").click()
    body.get_by_text("Droša saite").hover()
    assert page.evaluate("typeof window.pwned") == "undefined" and not dialogs
    assert body.locator("script, img[onerror], [onmouseover]").count() == 0
    assert body.get_by_text("Droša saite").get_attribute("href") == "https://example.org"


def test_the_coordinator_drafts_publishes_only_with_the_statement(transactional_demo, live_server, page):
    activity = Activity.objects.get(start_date="2018-05-29")
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill(facts.DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/en{activity.get_absolute_url()[3:]}")
    page.get_by_role("button", name="Draft a news article from the record").click()
    page.wait_for_url(re.compile(r"/en/news/[\w-]+/edit/$"))
    assert "Zita Ringelevičienė" in page.get_by_label("Text in Markdown (English)").input_value()

    statement = page.get_by_label(re.compile("co-financed by the European Union"))
    statement.uncheck()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Publish").click()
    alert = page.locator(".messages").inner_text()
    assert "cannot be published yet" in alert and "is missing" in alert

    page.get_by_label(re.compile("co-financed by the European Union")).check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("link", name="Read the published article").wait_for()
    assert Article.objects.filter(activity=activity, status="published").count() == 2  # the demo's and this one
    page.get_by_role("link", name="Read the published article").click()
    assert "co-financed by the European Union" in page.locator("article aside").inner_text()
