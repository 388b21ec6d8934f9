"""A job for the workers' test: takes a little while, so two workers overlap."""

import time

from django_tasks import task


@task()
def pause(number: int) -> int:
    time.sleep(0.2)
    return number
