"""Who writes and publishes news: the coordinators of the project or the organisers of the activity; an article
about neither (a news post recorded from elsewhere) any coordinator may write, and its author keeps it."""

import rules

from kopa.accounts.permissions import coordinated_project_ids, is_administrator
from kopa.activities.permissions import organises


@rules.predicate
def writes_for(user, article=None):
    if article is None:
        return organises(user, None)
    if article.activity_id is not None and organises(user, article.activity):
        return True
    if article.project_id is not None:
        return article.project_id in coordinated_project_ids(user)
    if article.activity_id is None:
        # Standing alone, it belongs to no one's project: its author, while still a coordinator, looks after it.
        return article.author_id is not None and article.author_id == user.pk and organises(user, None)
    return False


can_write = is_administrator | writes_for
rules.add_perm("publications.view_article", rules.always_allow)
rules.add_perm("publications.add_article", can_write)
rules.add_perm("publications.change_article", can_write)
rules.add_perm("publications.publish_article", can_write)
rules.add_perm("publications.view_compliance", is_administrator | organises)
