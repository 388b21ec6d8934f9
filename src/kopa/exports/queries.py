"""Whose export jobs one may see: one's own; an administrator's, everyone's."""

from kopa.accounts.permissions import is_administrator

from .models import ExportJob


def visible_jobs(user):
    jobs = ExportJob.objects.all()
    return jobs if is_administrator(user) else jobs.filter(requested_by=user)


def my_jobs(user):
    return ExportJob.objects.filter(requested_by=user).order_by("-created_at", "-pk")
