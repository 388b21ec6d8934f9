"""What a publication of a funded project lacks: its statements, their logos, text alternatives of photos."""

from django.conf import settings
from django.utils.translation import gettext as _

from kopa.accounts.permissions import coordinated_organisation_ids, coordinated_project_ids
from kopa.activities.models import Material
from kopa.activities.queries import photo_is_public
from kopa.core.unions import any_of
from kopa.projects.funding import statements_by_project, statements_for
from kopa.projects.models import FundingStatement

from .models import Article

ARTICLES = FundingStatement.Place.ARTICLES


def project_of(article: Article):
    return article.project or (article.activity.project if article.activity_id else None)


def languages_of(article: Article) -> list[str]:
    """The languages the article is written in (those with a title)."""
    return [code for code, _name in settings.LANGUAGES if getattr(article, f"title_{code}", "")]


def problems(article: Article, required: list[FundingStatement] | None = None) -> list[str]:
    """Everything that keeps the article from being published, in words the coordinator can act on."""
    found = []
    if not languages_of(article):
        found.append(_("The article has no title."))
    if required is None:
        required = statements_for(project_of(article), ARTICLES)
    carried = {statement.pk for statement in article.statements.all()}
    names = dict(settings.LANGUAGES)
    for statement in required:
        owner = statement.programme or statement.fund
        if statement.pk not in carried:
            found.append(_("The statement required by %(owner)s is missing: “%(text)s”") % {
                "owner": owner, "text": statement.text})
            continue
        if statement.logo_required and not statement.logo:
            found.append(_("The logo required by %(owner)s has not been uploaded.") % {"owner": owner})
        for code in languages_of(article):
            if not getattr(statement, f"text_{code}", ""):
                found.append(_("The statement required by %(owner)s has no text in %(language)s.") % {
                    "owner": owner, "language": _(names[code])})
    photos = list(article.gallery.all()) + ([article.lead_photo] if article.lead_photo_id else [])
    for photo in photos:
        if not photo.alt_text:
            found.append(_("The photo “%(caption)s” has no text alternative.") % {"caption": photo.caption})
        if not photo_is_public(photo):  # published, and no one in it has withdrawn consent since
            found.append(_("Not everyone in the photo “%(caption)s” has agreed to its publication.") % {
                "caption": photo.caption})
    return found


def report(user, whole_site: bool | None = None) -> dict:
    """Every article and material of a funded project that lacks what its funders require — for an
    administrator all of them (unless `whole_site` is False: "my work" shows their own), for a coordinator those of
    the projects and activities they look after."""
    articles = Article.objects.select_related("project", "activity__project", "lead_photo").prefetch_related(
        "statements", "gallery__people", "lead_photo__people").order_by("-created_at")
    materials = Material.objects.filter(activity__project__isnull=False, carries_statement=False).select_related(
        "activity__project").order_by("activity__start_date", "pk")
    if not (user.is_superuser if whole_site is None else whole_site and user.is_superuser):
        projects, organisations = coordinated_project_ids(user), coordinated_organisation_ids(user)
        ids = Article.objects.values("pk")
        articles = articles.filter(any_of(
            ids.filter(project_id__in=projects), ids.filter(activity__project_id__in=projects),
            ids.filter(activity__organisers__in=organisations)))
        ids = Material.objects.values("pk")
        materials = materials.filter(any_of(
            ids.filter(activity__project_id__in=projects), ids.filter(activity__organisers__in=organisations)))
    articles, materials = list(articles), list(materials)
    project_ids = {p.pk for p in (project_of(a) for a in articles) if p}
    project_ids |= {m.activity.project_id for m in materials}
    required = statements_by_project(project_ids, ARTICLES)
    rows = []
    for article in articles:
        project = project_of(article)
        if project is None or not required.get(project.pk):
            continue
        found = problems(article, required[project.pk])
        if found:
            rows.append({"article": article, "project": project, "problems": found})
    return {"articles": rows, "materials": [m for m in materials if required.get(m.activity.project_id)]}
