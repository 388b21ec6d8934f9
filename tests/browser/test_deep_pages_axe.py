"""axe-core and 320 px reflow (WCAG 2.1 AA) on a deep list page reached by cursor, on the first page shown for a
forged cursor (with its message), and on the new "all N" pages: an organisation's people and a topic's narrower
topics; each in Latvian, Lithuanian and English."""

import pytest

from kopa.activities.models import Activity, WorkingGroup
from kopa.directory.models import Department, Organisation
from kopa.lean.models import PublicService
from tests import factories
from tests.browser.test_accessibility import LANGUAGES, Site, _open, _page_problems
from tests.topics import builders

pytestmark = [pytest.mark.browser, pytest.mark.presentation]


def test_deep_cursor_pages_and_the_all_n_pages_meet_wcag_21_aa(transactional_demo, live_server, page, settings):
    settings.KOPA_PAGE_SIZE, settings.KOPA_NUMBERED_PAGES = 2, 2  # page 4 of the demo's activities is by cursor
    organisation = Organisation.objects.order_by("pk").first()
    for n in range(22):
        factories.employee(organisation, first_name=f"Vārds{n}", last_name=f"Uzvārds {n:02d}",
                           publication_consent=True)
    broad = builders.topic(slug="plasa-tema", name_lv="Plaša tēma", name_en="A broad topic")
    for n in range(22):
        builders.topic(slug=f"apakstema-{n}", name_lv=f"Apakštēma {n:02d}", name_en=f"Subtopic {n:02d}",
                       parent=broad)
    Department.objects.bulk_create([Department(organisation=organisation, name_lv=f"Nodaļa {n:02d}")
                                    for n in range(22)])
    activity = Activity.objects.filter(photos__is_public=True).first() or Activity.objects.order_by("pk").first()
    group = WorkingGroup.objects.order_by("pk").first()
    service = PublicService.objects.order_by("pk").first()
    problems = []
    for language in LANGUAGES:
        site = Site(live_server.url, language)
        _open(page, site.url("activities:list"))
        for _step in range(3):
            with page.expect_navigation():
                page.locator("nav.pagination a[rel=next]").click()
        assert "after=" in page.url and page.locator("nav.pagination a[rel=prev]").count() == 1
        problems += _page_problems(page, "activity list, page 4 by cursor", language)
        _open(page, site.url("activities:list", query="?after=forged"))
        assert page.locator(".messages li").count() == 1
        problems += _page_problems(page, "activity list, a forged cursor", language)
        _open(page, site.url("directory:organisation", organisation.slug))
        assert page.locator("a[href='?list=people']").count() == 1
        _open(page, site.url("directory:organisation", organisation.slug, query="?list=people"))
        problems += _page_problems(page, "all people of an organisation", language)
        _open(page, site.url("topics:topic", broad.slug, query="?narrower=all"))
        problems += _page_problems(page, "all narrower topics", language)
        for query, what in (("?list=departments", "all departments"), ("?list=relationships", "all relationships")):
            _open(page, site.url("directory:organisation", organisation.slug, query=query))
            problems += _page_problems(page, f"{what} of an organisation", language)
        _open(page, site.url("activities:activity", activity.pk, query="?list=photos"))
        problems += _page_problems(page, "all photos of an activity", language)
        _open(page, site.url("activities:working_group", group.slug, query="?list=members"))
        problems += _page_problems(page, "all members of a working group", language)
        _open(page, site.url("lean:service", service.pk, query="?list=improvements"))
        problems += _page_problems(page, "all improvements of a service", language)
    assert not problems, "\n".join(problems)
