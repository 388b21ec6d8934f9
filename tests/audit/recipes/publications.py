"""Recipes for the publications services: articles of the demo's coordinated project, by its coordinator."""

from kopa.activities.models import Activity
from kopa.publications import services
from kopa.publications.models import Article


def _held_activity(w):
    return Activity.objects.filter(project=w.project, status__in=[Activity.Status.HELD, Activity.Status.CLOSED]
                                   ).order_by("start_date", "pk").first()


def _draft(w):
    return services.draft_from_activity(activity=_held_activity(w), by=w.coordinator)


def _published(w):
    return Article.objects.filter(status=Article.Status.PUBLISHED, activity__project=w.project).order_by("pk").first()


def _publish(w):
    article = _published(w)
    services.unpublish(article=article, by=w.coordinator)
    services.publish(article=article, by=w.coordinator)


RECIPES = {
    "kopa.publications.services.write_article": lambda w: services.write_article(
        by=w.coordinator, project=w.project, texts={"lv": {"title": "Audita ziņa", "body": "Teksts."}}),
    "kopa.publications.services.draft_from_activity": _draft,
    "kopa.publications.services.draft_for_project": lambda w: services.draft_for_project(
        project=w.project, by=w.coordinator),
    "kopa.publications.services.save_article": lambda w: services.save_article(
        article=_draft(w), by=w.coordinator, texts={"lv": {"title": "Labots virsraksts"}}),
    "kopa.publications.services.submit_for_review": lambda w: services.submit_for_review(
        article=_draft(w), by=w.coordinator),
    "kopa.publications.services.publish": _publish,
    "kopa.publications.services.unpublish": lambda w: services.unpublish(article=_published(w), by=w.coordinator),
}
