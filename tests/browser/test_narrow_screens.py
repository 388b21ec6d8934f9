"""On a 320 px phone no public page is wider than the screen (wide tables scroll in their own box or reflow), and the
value-stream map's labels stay inside their step boxes, in the reader's language (WCAG 1.4.10)."""

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import translation

from kopa.activities.models import Activity
from kopa.lean.models import PublicService, ServiceType
from kopa.projects.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.presentation]

NARROW = {"width": 320, "height": 800}

# For every step box of the map: the box, and each text's overflow past the box on each side (negative = inside).
STEP_BOXES = """() => [...document.querySelectorAll("svg.map g.step")].map(g => {
    const box = g.querySelector("rect").getBBox();
    return {
        title: g.querySelector("title").textContent,
        lines: [...g.querySelectorAll("text")].map(t => t.textContent),
        overflow: [...g.querySelectorAll("text")].map(t => {
            const b = t.getBBox();
            return Math.max(box.x - b.x, b.x + b.width - box.x - box.width,
                            box.y - b.y, b.y + b.height - box.y - box.height);
        }),
    };
})"""


def test_public_pages_fit_a_320_px_screen_and_the_map_labels_fit_their_boxes(transactional_demo, live_server, page):
    service = PublicService.objects.annotate(map_count=Count("maps")).filter(map_count__gt=0).order_by("pk").first()
    service_type = ServiceType.objects.filter(services__isnull=False).order_by("pk").first()
    project = (Project.objects.annotate(share_count=Count("funding_shares")).filter(share_count__gt=0)
               .order_by("-share_count", "pk").first())
    activity = Activity.objects.annotate(seat_count=Count("registrations")).order_by("-seat_count", "pk").first()
    pages = [("lean:compare", service_type.code), ("lean:service", service.pk), ("activities:activity", activity.pk),
             ("projects:project", project.pk), ("projects:list", None), ("activities:list", None)]
    page.set_viewport_size(NARROW)
    problems = []
    for language in ("lv", "lt", "en"):
        for name, arg in pages:
            with translation.override(language):
                path = reverse(name, args=[arg] if arg is not None else [])
            assert page.goto(f"{live_server.url}{path}").status == 200, path
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > NARROW["width"]:
                problems.append(f"{path} is {width} px wide")
        with translation.override(language):
            page.goto(f"{live_server.url}{reverse('lean:service', args=[service.pk])}")
        rows = page.evaluate("""() => [...document.querySelectorAll(
            "section[aria-labelledby=map-heading] table tbody tr")].map(
            r => r.cells[0].textContent.trim() + ". " + r.querySelector("th").firstChild.textContent.trim())""")
        steps = page.evaluate(STEP_BOXES)
        assert steps, "the service page draws its map"
        for step in steps:
            problems += [f"{language}: '{line}' sticks out of its box by {over:.1f} px"
                         for line, over in zip(step["lines"], step["overflow"], strict=True) if over > 0.5]
            # The box's title (its tooltip) is the whole step name in the page's language, as in the table below;
            # the label shows its beginning.
            name = step["title"].split(" · ")[0]
            if name not in rows or not name.startswith(step["lines"][0].rstrip("…")):
                problems.append(f"{language}: a box titled '{step['title']}' shows '{step['lines'][0]}'")
    assert not problems, "\n".join(problems)
