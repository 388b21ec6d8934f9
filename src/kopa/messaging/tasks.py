"""Background delivery through the Tasks API: the request that queues mail returns at once; a worker
(`kopa db_worker` with KOPA_TASK_BACKEND=database) sends it. With the immediate backend (development) it is
sent as the transaction commits."""

from django_tasks import task

from . import delivery

CHUNK = 200  # messages per job: one SMTP connection each, and progress visible while a big mailing goes out


@task()
def deliver(message_ids: list[int]) -> int:
    return delivery.send(message_ids)


def enqueue_delivery(ids: list[int]) -> None:
    for start in range(0, len(ids), CHUNK):
        deliver.enqueue(ids[start:start + CHUNK])
