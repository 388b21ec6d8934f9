"""Every write to articles. One transaction per call; DomainError with a translated message; each call is logged
(kopa.audit)."""

from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kopa.activities.models import Activity, Photo
from kopa.activities.queries import public_photos
from kopa.audit import audited, log_action
from kopa.core.errors import DomainError, require
from kopa.core.slugs import unique_slug
from kopa.projects.funding import statements_for
from kopa.projects.models import FundingStatement, Project

from . import compliance, drafting
from .models import Article, ArticleRevision
from .originals import Original

LANGUAGES = [code for code, _name in settings.LANGUAGES]
TEXT_FIELDS = ("title", "lead", "body")


def _apply_original(article: Article, original: Original) -> None:
    """Set the original publication on `article` (not yet saved), or refuse it with the field at fault."""
    url, publisher = (original.url or "").strip(), (original.publisher or "").strip()
    if original.at is not None and original.on is None:
        raise DomainError(_("Give the date of the original publication as well as its time."),
                          field="original_date", code="required")
    moment = None
    if original.on is not None:
        moment = timezone.make_aware(datetime.combine(original.on, original.at or time.min))
        now = timezone.now()
        if original.on > timezone.localdate(now) or moment > now:
            raise DomainError(_("The original publication date cannot be in the future."),
                              field="original_date", code="future")
        recorded = article.created_at or now
        if original.on > timezone.localdate(recorded) or (original.at is not None and moment > recorded):
            raise DomainError(_("The original publication date cannot be after the article was recorded in Kopā "
                                "(%(date)s).") % {"date": formats.date_format(timezone.localtime(recorded))},
                              field="original_date", code="after_recording")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise DomainError(_("The original address must be a full web address beginning with https:// or "
                                "http://."), field="original_url", code="invalid") from None
    if len(url) > Article._meta.get_field("original_url").max_length:
        raise DomainError(_("The original address is too long."), field="original_url", code="too_long")
    if len(publisher) > Article._meta.get_field("original_publisher").max_length:
        raise DomainError(_("The name of the original publisher is too long."), field="original_publisher",
                          code="too_long")
    article.original_published_at = moment
    article.original_time_known = original.at is not None and moment is not None
    article.original_url, article.original_publisher = url, publisher


def _remember(article: Article, by) -> None:
    content = {f"{field}_{code}": getattr(article, f"{field}_{code}") for field in TEXT_FIELDS for code in LANGUAGES}
    content["author_line"] = article.author_line
    content["original_published_at"] = (article.original_published_at.isoformat()
                                        if article.original_published_at else None)
    content["original_time_known"] = article.original_time_known
    content["original_url"] = article.original_url
    content["original_publisher"] = article.original_publisher
    content["statements"] = sorted(article.statements.values_list("pk", flat=True))
    ArticleRevision.objects.create(article=article, editor=by if getattr(by, "pk", None) else None,
                                   status=article.status, content=content)


def _publishable_photos(activity: Activity | None):
    if activity is None:
        return []
    # Only photos everyone in them agreed to (the photo consent rule) and that say what they show.
    return list(public_photos(Photo.objects.filter(activity=activity, alt_text__gt="")).order_by("pk"))


def _log_links(article: Article, action: str, links: dict[str, tuple[list, list]]) -> None:
    """The gallery and the funders' statements are many-to-many links, not rows the audit log watches: their
    old and new ids, where they changed."""
    changes = {name: {"old": sorted(old), "new": sorted(new)} for name, (old, new) in links.items()
               if sorted(old) != sorted(new)}
    if changes:
        log_action(article, action, changes=changes)


def _create(*, by, activity: Activity | None, project: Project | None, texts: dict[str, dict], action: str,
            original: Original | None = None, author_line: str = "") -> Article:
    article = Article(activity=activity, project=project, author=by if getattr(by, "pk", None) else None,
                      author_line=(author_line or "").strip())
    require(by, "publications.add_article", article)
    for code, values in texts.items():
        if code not in LANGUAGES:
            raise DomainError(_("Unknown language: %(code)s") % {"code": code}, code="invalid")
        for field in TEXT_FIELDS:
            setattr(article, f"{field}_{code}", (values.get(field) or "").strip())
    if original is not None:
        _apply_original(article, original)
    title = next((getattr(article, f"title_{code}") for code in ("lv", "en", "lt")
                  if getattr(article, f"title_{code}")), "")
    article.slug = unique_slug(Article, title, fallback="article", reserved=RESERVED_SLUGS)
    photos = _publishable_photos(activity)
    article.lead_photo = photos[0] if photos else None
    article.save()
    statements = statements_for(project or (activity.project if activity else None), FundingStatement.Place.ARTICLES)
    article.gallery.set(photos[1:])
    article.statements.set(statements)
    _log_links(article, action, {"gallery": ([], [p.pk for p in photos[1:]]),
                                 "statements": ([], [s.pk for s in statements])})
    _remember(article, by)
    return article


# Addresses of the news pages themselves, which an article's short address must not take.
RESERVED_SLUGS = ("new", "rss", "atom", "projects", "compliance", "draft")


@audited
def write_article(*, by, texts: dict[str, dict], project: Project | None = None, original: Original | None = None,
                  author_line: str = "") -> Article:
    """An article of its own, drafted from no activity: news of the project, if one is named, or of no project
    at all, such as a news post first published elsewhere and recorded here with its original date and address."""
    if not any((values.get("title") or "").strip() for values in texts.values()):
        raise DomainError(_("The article needs a title."), field="title_lv", code="required")
    return _create(by=by, activity=None, project=project, texts=texts, original=original, author_line=author_line,
                   action="publications.write_article")


@audited
def draft_from_activity(*, activity: Activity, by=None) -> Article:
    """A first version in every language from the record of the activity, with its funders' statements."""
    if activity.status not in (Activity.Status.HELD, Activity.Status.CLOSED):
        raise DomainError(_("An article is drafted after the activity has taken place."), code="not_held")
    return _create(by=by, activity=activity, project=activity.project, texts=drafting.draft(activity.pk),
                   action="publications.draft_from_activity")


@audited
def draft_for_project(*, project: Project, by=None) -> Article:
    return _create(by=by, activity=None, project=project, texts=drafting.draft_project(project.pk),
                   action="publications.draft_for_project")


@audited
def save_article(*, article: Article, by=None, texts: dict[str, dict] | None = None, author_line: str | None = None,
                 statements: list[FundingStatement] | None = None, gallery: list[Photo] | None = None,
                 lead_photo: Photo | None = None, original: Original | None = None) -> Article:
    """Change an article; a published one stays published only if it still has all it must carry.

    `original` replaces the original publication (an empty `Original()` removes it); None keeps it."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    require(by, "publications.change_article", article)
    for code, values in (texts or {}).items():
        if code not in LANGUAGES:
            raise DomainError(_("Unknown language: %(code)s") % {"code": code}, code="invalid")
        for field in TEXT_FIELDS:
            if field in values:
                setattr(article, f"{field}_{code}", (values[field] or "").strip())
    if not any(getattr(article, f"title_{code}") for code in LANGUAGES):
        raise DomainError(_("The article needs a title."), field="title_lv", code="required")
    if author_line is not None:
        article.author_line = author_line.strip()
    if original is not None:
        _apply_original(article, original)
    allowed = {photo.pk for photo in _publishable_photos(article.activity)}
    for photo in (gallery or []) + ([lead_photo] if lead_photo else []):
        if photo.pk not in allowed:
            raise DomainError(_("The photo “%(caption)s” cannot be published: not everyone in it agreed, or it "
                                "has no text alternative.") % {"caption": photo.caption}, field="gallery",
                              code="photo")
    if lead_photo is not None:
        article.lead_photo = lead_photo
    article.save()
    links = {}
    if gallery is not None:
        links["gallery"] = (list(article.gallery.values_list("pk", flat=True)), [p.pk for p in gallery])
        article.gallery.set(gallery)
    if statements is not None:
        links["statements"] = (list(article.statements.values_list("pk", flat=True)), [s.pk for s in statements])
        article.statements.set(statements)
    _log_links(article, "publications.save_article", links)
    if article.status == Article.Status.PUBLISHED:
        found = compliance.problems(article)
        if found:
            raise DomainError(_("A published article must keep what its funders require: %(problems)s") % {
                "problems": " ".join(found)}, code="compliance")
    _remember(article, by)
    return article


@audited
def submit_for_review(*, article: Article, by=None) -> Article:
    article = Article.objects.select_for_update().get(pk=article.pk)
    require(by, "publications.change_article", article)
    if article.status != Article.Status.DRAFT:
        raise DomainError(_("Only a draft can be sent for review."), code="transition")
    article.status = Article.Status.IN_REVIEW
    article.save(update_fields=["status", "updated_at"])
    _remember(article, by)
    from kopa.messaging.organiser_notices import article_sent_for_review  # messaging sits above publications

    article_sent_for_review(article, by=by)
    return article


@audited
def publish(*, article: Article, by=None, published_at=None) -> Article:
    """Refused, with what is missing, while the article lacks a statement, logo or text alternative.

    `published_at` back-dates news brought over from an older site; by default it is now."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    require(by, "publications.publish_article", article)
    if article.status == Article.Status.PUBLISHED:
        raise DomainError(_("The article is already published."), code="transition")
    found = compliance.problems(article)
    if found:
        raise DomainError(_("The article cannot be published yet. %(problems)s") % {"problems": " ".join(found)},
                          code="compliance")
    article.status = Article.Status.PUBLISHED
    article.published_at = published_at or article.published_at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    _remember(article, by)
    return article


@audited
def unpublish(*, article: Article, by=None) -> Article:
    article = Article.objects.select_for_update().get(pk=article.pk)
    require(by, "publications.publish_article", article)
    if article.status != Article.Status.PUBLISHED:
        raise DomainError(_("The article is not published."), code="transition")
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    _remember(article, by)
    return article
