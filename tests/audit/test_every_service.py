"""Every public function of every services module writes an audit entry: this test finds them all (a new one
without `@audited`, or without a recipe in tests/audit/recipes, fails here) and calls each on the demo."""

import importlib
import inspect
import pkgutil

import pytest
from django.apps import apps

from kopa.audit.models import Entry

from .recipes import World, all_recipes

# The back office's glue that shows a service's refusal on the form (it writes nothing itself).
NOT_SERVICES = {"kopa.core.admin_services"}


def _service_modules():
    for config in apps.get_app_configs():
        if not config.name.startswith("kopa."):
            continue
        for info in pkgutil.iter_modules(config.module.__path__):
            name = f"{config.name}.{info.name}"
            if info.name.endswith("_services") and name not in NOT_SERVICES:
                yield importlib.import_module(name)  # e.g. messaging.template_services
        try:
            module = importlib.import_module(f"{config.name}.services")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.services":
                raise
            continue
        yield module
        for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
            yield importlib.import_module(f"{module.__name__}.{info.name}")


def _public_functions():
    found = {}
    for module in _service_modules():
        for name, value in vars(module).items():
            if inspect.isfunction(value) and not name.startswith("_") and value.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = value
    return found


FUNCTIONS = _public_functions()
RECIPES = all_recipes()


def test_services_are_found():
    assert len(FUNCTIONS) > 100
    assert "kopa.topics.services.add_topic" in FUNCTIONS


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_service_function_is_audited(name):
    assert getattr(FUNCTIONS[name], "__audited__", None), f"{name} has no @audited"


def test_every_recipe_names_a_service_function():
    assert not set(RECIPES) - set(FUNCTIONS)


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_service_function_writes_an_audit_entry(name, demo):
    recipe = RECIPES.get(name)
    assert recipe is not None, f"no recipe in tests/audit/recipes calls {name}"
    last = Entry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    recipe(World())
    action = FUNCTIONS[name].__audited__
    written = Entry.objects.filter(pk__gt=last)
    assert written.filter(action=action).exists(), (
        f"{name} wrote {list(written.values_list('action', flat=True))}, not {action}")
