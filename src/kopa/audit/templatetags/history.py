"""`{% history_link obj %}`: a "History of changes" link to the object's audit trail, shown only to those who may
read it (the rule of kopa.audit.visibility, on the object the page has already loaded).

A page that has already asked the same question (a project's page: may this user change it; an activity's: may
they organise it — the rule for those histories) passes its answer, `allowed=can_edit`, and no query is repeated."""

from django import template

from ..visibility import may_see_history_of

register = template.Library()


@register.inclusion_tag("audit/history_link.html", takes_context=True)
def history_link(context, obj, allowed=None):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    shown = obj is not None and obj.pk is not None and (
        bool(allowed) if allowed is not None else may_see_history_of(user, obj))
    return {"shown": shown, "model": obj._meta.label_lower if shown else "", "object_id": obj.pk if shown else ""}
