"""What a publication of a funded project lacks: its statements, their logos, text alternatives of photos."""

from django.conf import settings
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, When, prefetch_related_objects
from django.utils.translation import gettext as _

from kopa.accounts.permissions import coordinated_organisation_ids, coordinated_project_ids
from kopa.activities.models import Material, Photo
from kopa.activities.queries import photo_is_public, public_photos
from kopa.core.unions import any_of
from kopa.projects.funding import statements_by_project, statements_for
from kopa.projects.models import FundingStatement

from .models import Article

ARTICLES = FundingStatement.Place.ARTICLES
LANGUAGES = [code for code, _name in settings.LANGUAGES]


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


def _blank(column: str) -> Q:
    return Q(**{f"{column}__isnull": True}) | Q(**{column: ""})  # a translated column holds NULL or ""


def _all_blank(field: str) -> Q:
    """`field` empty in every language."""
    blank = Q()
    for code in LANGUAGES:
        blank &= _blank(f"{field}_{code}")
    return blank


def _photo_problem(photos: QuerySet) -> QuerySet:
    """The photos `problems` names: no text alternative (it falls back across the languages, so missing only when
    missing in all), or not public by the one consent rule (`public_photos`)."""
    return photos.filter(_all_blank("alt_text") | ~Q(pk__in=public_photos(Photo.objects.all()).values("pk")))


def _required(project: str, programme: str) -> QuerySet:
    """`statements_for(project, ARTICLES)` as a subquery of the rows whose `project` and `programme` (names of
    their columns or annotations) they are."""
    return FundingStatement.objects.filter(Q(programme_id=OuterRef(programme))
                                           | Q(fund__funding_shares__project_id=OuterRef(project)), **{ARTICLES: True})


def lacking(articles: QuerySet) -> QuerySet:
    """The articles of `articles` for which `problems` finds something, as a database filter (so that a page
    counts and pages them instead of reading them all); the test holds the two to the same answer."""
    funded = articles.annotate(
        _project=Case(When(project__isnull=False, then=F("project_id")), default=F("activity__project_id")),
        _programme=Case(When(project__isnull=False, then=F("project__programme_id")),
                        default=F("activity__project__programme_id")))
    required = _required("_project", "_programme")
    carried = Article.statements.through.objects.filter(article_id=OuterRef(OuterRef("pk")),
                                                        fundingstatement_id=OuterRef("pk"))
    # A required statement with no logo or no text in one of the article's languages: a problem whether the
    # article carries it (then `problems` names the logo or the text) or not (then it names the statement).
    statement_incomplete = Q(Exists(required.filter(logo_required=True, logo="")))
    for code in LANGUAGES:
        statement_incomplete |= ~_blank(f"title_{code}") & Q(Exists(required.filter(_blank(f"text_{code}"))))
    photo_problem = (Q(Exists(_photo_problem(Photo.objects.filter(articles=OuterRef("pk")))))
                     | Q(Exists(_photo_problem(Photo.objects.filter(pk=OuterRef("lead_photo_id"))))))
    return funded.filter(Exists(required)).filter(
        _all_blank("title") | Q(Exists(required.filter(~Exists(carried)))) | statement_incomplete | photo_problem)


def lacking_materials(materials: QuerySet) -> QuerySet:
    """Materials of a project whose funders require a statement, not confirmed to carry it."""
    return materials.filter(carries_statement=False).filter(
        Exists(_required("activity__project_id", "activity__project__programme_id")))


def articles_lacking(user, whole_site: bool | None = None) -> QuerySet:
    """Every article of a funded project that lacks what its funders require (`lacking`), newest first — for an
    administrator all of them (unless `whole_site` is False: "my work" shows their own), for a coordinator those of
    the projects and activities they look after."""
    articles = Article.objects.all()
    if not _whole_site(user, whole_site):
        projects, organisations = coordinated_project_ids(user), coordinated_organisation_ids(user)
        ids = Article.objects.values("pk")
        articles = articles.filter(any_of(
            ids.filter(project_id__in=projects), ids.filter(activity__project_id__in=projects),
            ids.filter(activity__organisers__in=organisations)))
    return lacking(articles).select_related("project", "activity__project", "lead_photo").order_by(
        "-created_at", "-pk")


def materials_lacking(user, whole_site: bool | None = None) -> QuerySet:
    """As `articles_lacking`, for materials, by their activity's date."""
    materials = Material.objects.filter(activity__project__isnull=False)
    if not _whole_site(user, whole_site):
        projects, organisations = coordinated_project_ids(user), coordinated_organisation_ids(user)
        ids = Material.objects.values("pk")
        materials = materials.filter(any_of(
            ids.filter(activity__project_id__in=projects), ids.filter(activity__organisers__in=organisations)))
    return lacking_materials(materials).select_related("activity__project").order_by("activity__start_date", "pk")


def _whole_site(user, whole_site: bool | None) -> bool:
    return user.is_superuser if whole_site is None else bool(whole_site and user.is_superuser)


def rows(articles) -> list[dict]:
    """A page of `articles_lacking` with what each lacks, in words (`problems`): two queries and the prefetches."""
    articles = list(articles)
    prefetch_related_objects(articles, "lead_photo__people", "statements", "gallery__people")
    required = statements_by_project({p.pk for p in (project_of(a) for a in articles) if p}, ARTICLES)
    result = []
    for article in articles:
        project = project_of(article)
        result.append({"article": article, "project": project,
                       "problems": problems(article, required.get(project.pk, []) if project else [])})
    return result
