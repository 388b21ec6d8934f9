"""An article's original publication: when and where an article written elsewhere first appeared."""

from dataclasses import dataclass
from datetime import date, time

from django.utils import timezone

from .models import Article


@dataclass(frozen=True)
class Original:
    """When and where an article written elsewhere first appeared. All empty: the article was written for Kopā."""

    on: date | None = None
    at: time | None = None  # only when the time is known
    url: str = ""
    publisher: str = ""


def original_of(article: Article) -> Original:
    """The article's original publication as the edit page and the API's partial changes start from."""
    if article.original_published_at is None:
        return Original(url=article.original_url, publisher=article.original_publisher)
    local = timezone.localtime(article.original_published_at)
    return Original(on=local.date(), at=local.time() if article.original_time_known else None,
                    url=article.original_url, publisher=article.original_publisher)
