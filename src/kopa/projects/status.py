"""How a project's state reads: one past its end reads as completed without anyone changing it by hand."""

from django.utils import timezone

from .models import Project


def shown_status(project: Project, today=None) -> str:
    today = today or timezone.localdate()
    if project.status != Project.Status.COMPLETED and project.end_date is not None and project.end_date < today:
        return Project.Status.COMPLETED
    if project.status == Project.Status.PLANNED and project.start_date is not None and project.start_date <= today:
        return Project.Status.RUNNING
    return project.status


def shown_status_label(project: Project, today=None) -> str:
    return str(Project.Status(shown_status(project, today)).label)
