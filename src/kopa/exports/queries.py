"""Whose export jobs one may see: one's own (a visitor who is not signed in: those their session asked for); an
administrator's, everyone's."""

from django.db.models import Q

from kopa.accounts.permissions import is_administrator

from .models import ExportJob

SESSION_KEY = "kopa_export_jobs"
REMEMBERED = 20  # a visitor's session keeps the numbers of their last this many exports


def visible_jobs(request):
    user = request.user
    if is_administrator(user):
        return ExportJob.objects.all()
    return my_jobs(request)


def my_jobs(request):
    jobs = ExportJob.objects.order_by("-created_at", "-pk")
    asked_signed_out = Q(requested_by__isnull=True, pk__in=request.session.get(SESSION_KEY, []))
    if request.user.is_authenticated:
        return jobs.filter(Q(requested_by=request.user) | asked_signed_out)
    return jobs.filter(asked_signed_out)


def remember_in_session(request, job: ExportJob) -> None:
    """A visitor's export is theirs through their browser's session (it outlives signing in: Django keeps the
    session's data then)."""
    earlier = [pk for pk in request.session.get(SESSION_KEY, []) if pk != job.pk]
    request.session[SESSION_KEY] = [job.pk, *earlier][:REMEMBERED]
