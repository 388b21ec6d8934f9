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


def all_recipes() -> dict:
    recipes = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        overlap = recipes.keys() & module.RECIPES.keys()
        assert not overlap, f"two recipes for {sorted(overlap)}"
        recipes.update(module.RECIPES)
    return recipes
