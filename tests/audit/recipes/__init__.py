"""How to call each service function once, on the demo, so that it changes something.

Each module here (one per app) defines RECIPES: {"kopa.<app>.services[.<module>].<function>": recipe}, where a
recipe is a function taking the World (below) and calling that service function once with arguments that make
it succeed. tests/audit/test_every_service.py calls every recipe and checks that the call wrote its entry."""

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth import get_user_model


@dataclass
class World:
    """The demo's users and a few of its objects, read when first asked for."""

    @cached_property
    def admin(self):
        return get_user_model().objects.get(username="admin")

    @cached_property
    def coordinator(self):  # programme coordinator of the demo's coordinated project
        return get_user_model().objects.get(username="coordinator")

    @cached_property
    def partner(self):  # partner coordinator of an organisation
        return get_user_model().objects.get(username="partner")

    @cached_property
    def lean(self):  # LEAN team of a municipality
        return get_user_model().objects.get(username="lean")

    @cached_property
    def participant(self):  # a user who is a person of the directory
        return get_user_model().objects.get(username="participant")

    @cached_property
    def project(self):
        from kopa.demo import facts
        from kopa.projects.models import Project

        return Project.objects.get(code=facts.DEMO_COORDINATED_PROJECT)


def organisation():
    from kopa.directory.models import Organisation

    return Organisation.objects.order_by("pk").first()


def activity(w, *, status="open", days_ahead=30, **fields):
    """A new activity of the demo's project, organised by an organisation of the demo, in this status."""
    from datetime import timedelta

    from django.utils import timezone

    from kopa.activities.services import activity as activities

    start = timezone.localdate() + timedelta(days=days_ahead)
    made = activities.create_activity(
        by=w.admin, project=w.project, kind="training", title_lv="Audita apmācības", start_date=start,
        end_date=start + timedelta(days=1), organisers=[organisation()], **fields)
    if status != "planned":
        made = activities.set_status(activity=made, status=status, by=w.admin)
    return made


def signed_up(w, activity, **kwargs):
    """Someone new of that organisation registered for the activity by the administrator."""
    from kopa.activities.services.registration import register
    from tests import factories

    return register(activity=activity, person=factories.employee(organisation()), by=w.admin, **kwargs)


def all_recipes() -> dict:
    recipes = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        overlap = recipes.keys() & module.RECIPES.keys()
        assert not overlap, f"two recipes for {sorted(overlap)}"
        recipes.update(module.RECIPES)
    return recipes
