"""Recipes for the sources services: sources cited for the demo's coordinated project, by the administrator."""

from kopa.sources import services
from kopa.sources.models import Source


def _source(w, title="Audita avots"):
    return Source.objects.create(title=title, added_by=w.admin)


def _value(w, *, used=False, title="Audita avots"):
    return services.record_value(record=w.project, field="title", value="Projekta nosaukums", source=_source(w, title),
                                 by=w.admin, used=used)


def _cited(w):
    return services.cite(record=w.project, source=_source(w), by=w.admin)


def _choose(w):
    _value(w, used=True)
    services.choose_value(value=_value(w, title="Cits avots"), by=w.admin)


RECIPES = {
    "kopa.sources.services.add_source": lambda w: services.add_source(
        by=w.admin, title="Audita avots", url="https://example.org/audits"),
    "kopa.sources.services.update_source": lambda w: services.update_source(
        source=_source(w), by=w.admin, note="Pārbaudīts"),
    "kopa.sources.services.cite": _cited,
    "kopa.sources.services.add_and_cite": lambda w: services.add_and_cite(
        record=w.project, by=w.admin, title="Jauns avots", url="https://example.org/jauns"),
    "kopa.sources.services.uncite": lambda w: services.uncite(citation=_cited(w), by=w.admin),
    "kopa.sources.services.record_value": _value,
    "kopa.sources.services.choose_value": _choose,
    "kopa.sources.services.remove_value": lambda w: services.remove_value(value=_value(w), by=w.admin),
}
