"""Benchmark: mail through the outbox — how fast a request queues messages and one worker delivers them.

    .venv/bin/python -m bench.messages_bench          # 10,000 messages (MESSAGES=… for another number)

In a fresh SQLite database it creates the recipients, then measures, side by side in one run:
- queueing: our `store()` of rendered messages (what a request or the mailing job does), time per message;
- delivery: one worker (`delivery.send` in chunks, one SMTP connection per chunk) to a local SMTP server
  (aiosmtpd, started here), messages per second;
- the reference: Django's own `send_mass_mail` of the same messages over the same server, without an outbox
  (no record, no retry) — the ratio says what the outbox costs.
"""

import os
import socket
import tempfile
import time

from bench.django_setup import start as start_django

MESSAGES = int(os.environ.get("MESSAGES", "10000"))


def _setup(path: str, port: int) -> None:
    os.environ["KOPA_EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
    start_django(path, EMAIL_HOST="127.0.0.1", EMAIL_PORT=port,
          TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})  # we deliver by hand


class _Sink:
    received = 0

    async def handle_DATA(self, server, session, envelope):
        _Sink.received += 1
        return "250 OK"


def main() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    from aiosmtpd.controller import Controller

    controller = Controller(_Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    with tempfile.TemporaryDirectory() as folder:
        _setup(os.path.join(folder, "bench.sqlite3"), port)
        from django.core.mail import send_mass_mail
        from django.db import transaction

        from kopa.directory.models import Person
        from kopa.messaging import delivery, services
        from kopa.messaging.models import Message
        from kopa.messaging.tasks import CHUNK

        people = Person.objects.bulk_create([Person(first_name=f"Dalībnieks{i}", last_name="Bērziņš",
                                                    email=f"d{i}@example.org", language=("lv", "lt", "en")[i % 3])
                                             for i in range(MESSAGES)])
        started = time.perf_counter()
        with transaction.atomic():
            outbox = [services.build("registration_confirmed", person=p, template=None,
                                     context={"activity": "Seminārs", "dates": "1.03.2027", "place": "Rēzekne",
                                              "online_link": "", "activity_link": "http://127.0.0.1:8000/"})
                      for p in people]
            services.store(outbox)
        queued = time.perf_counter() - started
        ids = list(Message.objects.order_by("pk").values_list("pk", flat=True))
        started = time.perf_counter()
        for start in range(0, len(ids), CHUNK):
            delivery.send(ids[start:start + CHUNK])
        delivered = time.perf_counter() - started
        sent = Message.objects.filter(state=Message.State.SENT).count()
        reference = [(m.subject, m.body_text, "kopa@localhost", [m.to_address]) for m in Message.objects.all()]
        started = time.perf_counter()
        send_mass_mail(reference)
        plain = time.perf_counter() - started
    controller.stop()
    print(f"messages: {MESSAGES}, sent through the outbox: {sent}, received by the SMTP server: {_Sink.received}")
    print(f"queueing (rendered in each recipient's language, stored): {queued:.2f} s, "
          f"{queued / MESSAGES * 1000:.3f} ms per message, {MESSAGES / queued:.0f} messages/s")
    print(f"delivery by one worker: {delivered:.2f} s, {MESSAGES / delivered:.0f} messages/s")
    print(f"reference, send_mass_mail without an outbox: {plain:.2f} s, {MESSAGES / plain:.0f} messages/s; "
          f"ratio outbox/reference {delivered / plain:.2f}")


if __name__ == "__main__":
    main()
