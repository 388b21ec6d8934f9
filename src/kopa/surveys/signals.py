"""An activity's feedback questionnaire goes to those who attended when the activity is closed."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from kopa.activities.models import Activity


@receiver(post_save, sender=Activity)
def send_feedback_when_closed(sender, instance: Activity, update_fields=None, **kwargs):
    if instance.status != Activity.Status.CLOSED:
        return
    from . import services

    services.send_feedback_forms(activity=instance)
