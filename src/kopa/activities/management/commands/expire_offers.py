from django.core.management.base import BaseCommand
from django.utils import timezone

from kopa.activities import services
from kopa.activities.models import Activity, Registration


class Command(BaseCommand):
    help = "Pass seats offered from the waiting list and not taken up in time to the next person. Run it hourly."

    def handle(self, *args, **options):
        now = timezone.now()
        activities = list(Activity.objects.filter(
            registrations__status=Registration.Status.PENDING, registrations__offer_expires_at__lt=now
        ).distinct())
        for activity in activities:
            services.expire_offers(activity=activity, now=now)
        self.stdout.write(f"{len(activities)}")
