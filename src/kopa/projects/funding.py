"""Which funding statements (and logos) apply to a project, at a given place."""

from django.db.models import Q

from .models import FundingStatement, Project


def statements_for(project: Project | None, place: str) -> list[FundingStatement]:
    """The project's programme's statements and those of the funds it receives money from, in order; one query.

    `place` is one of FundingStatement.Place (e.g. FundingStatement.Place.ARTICLES)."""
    if project is None:
        return []
    # A project with no programme stated has only its funds' statements (programme_id=None would match them all).
    own = Q(programme_id=project.programme_id) if project.programme_id else Q(pk__in=[])
    return list(
        FundingStatement.objects.filter(own | Q(fund__funding_shares__project=project), **{place: True})
        .select_related("programme", "fund").distinct().order_by("programme_id", "position", "pk")
    )


def statements_by_project(project_ids, place: str) -> dict[int, list[FundingStatement]]:
    """statements_for for many projects at once, in two queries (for lists and the compliance page)."""
    projects = Project.objects.filter(pk__in=project_ids).prefetch_related("funding_shares")
    statements = list(FundingStatement.objects.filter(**{place: True}).select_related("programme", "fund")
                      .order_by("programme_id", "position", "pk"))
    result = {}
    for project in projects:
        funds = {share.fund_id for share in project.funding_shares.all()}
        result[project.pk] = [s for s in statements
                              if (s.programme_id and s.programme_id == project.programme_id) or s.fund_id in funds]
    return result
