"""Who writes and publishes news: the coordinators of the project or the organisers of the activity."""

import rules

from kopa.accounts.permissions import coordinated_project_ids, is_administrator
from kopa.activities.permissions import organises


@rules.predicate
def writes_for(user, article=None):
    if article is None:
        return organises(user, None)
    if article.activity_id is not None and organises(user, article.activity):
        return True
    return article.project_id is not None and article.project_id in coordinated_project_ids(user)


can_write = is_administrator | writes_for
rules.add_perm("publications.view_article", rules.always_allow)
rules.add_perm("publications.add_article", can_write)
rules.add_perm("publications.change_article", can_write)
rules.add_perm("publications.publish_article", can_write)
rules.add_perm("publications.view_compliance", is_administrator | organises)
