"""Responses of anonymous questionnaires stored before the rule (services.submit) kept the organisation,
department, position and exact time, and their invitations the exact time of answering: clear and coarsen them
the same way now. Answers are not touched (they are what people answered). Irreversible by design."""

from django.db import migrations
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone


def _day(moment):
    # As services.anonymous_day (copied: a migration must not change when the app's code does).
    return timezone.localtime(moment).replace(hour=0, minute=0, second=0, microsecond=0)


def anonymise(apps, schema_editor):
    Response = apps.get_model("surveys", "Response")
    Invitation = apps.get_model("surveys", "Invitation")
    responses = Response.objects.filter(questionnaire__anonymous=True)
    responses.update(person=None, invitation=None, organisation=None, department=None, position_title="")
    moments = list(responses.values_list("pk", "submitted_at"))
    changed = [Response(pk=pk, submitted_at=_day(moment)) for pk, moment in moments if _day(moment) != moment]
    Response.objects.bulk_update(changed, ["submitted_at"], batch_size=2000)
    answered = Invitation.objects.filter(questionnaire__anonymous=True, answered_at__isnull=False)
    answered.filter(sent_at__isnull=False).update(answered_at=F("sent_at"))
    Questionnaire = apps.get_model("surveys", "Questionnaire")
    created = Questionnaire.objects.filter(pk=OuterRef("questionnaire")).values("created_at")[:1]
    answered.filter(sent_at__isnull=True).update(answered_at=Subquery(created))


class Migration(migrations.Migration):

    dependencies = [
        ("surveys", "0002_need_topics"),
    ]

    operations = [
        migrations.RunPython(anonymise, migrations.RunPython.noop),
    ]
