"""Sending the outbox over SMTP (Django's mail backend): multipart text and HTML, Auto-Submitted on automatic
mail, List-Unsubscribe on non-essential mail. A message is claimed (attempts + 1, a lease) before it is sent,
so two workers never send it twice; a temporary failure is tried again later with growing back-off, a
permanent refusal of the address is recorded as bounced."""

import smtplib
from datetime import datetime, timedelta
from email.utils import formataddr

from django.conf import settings
from django.core import signing
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks, urlize

from kopa.core.links import site_url

from . import placeholders
from .models import Message

# Minutes to wait after the n-th failed attempt; after the last one the message has failed.
BACK_OFF = (1, 5, 30, 120)
MAX_ATTEMPTS = len(BACK_OFF) + 1
LEASE = timedelta(minutes=10)  # a message claimed this long ago by a worker that died is taken up again
UNSUBSCRIBE_SALT = "kopa.messaging.unsubscribe"
FLUSH = 50


def unsubscribe_link(person) -> str:
    token = signing.dumps(person.pk, salt=UNSUBSCRIBE_SALT)
    return site_url(reverse("messaging:unsubscribe", args=[token]))


def html_of(message: Message) -> str:
    return (f'<!DOCTYPE html><html lang="{message.language}"><head><meta charset="utf-8"></head><body>'
            f"{linebreaks(urlize(message.body_text, autoescape=True))}</body></html>")


def email_of(message: Message) -> EmailMultiAlternatives:
    headers = {"Content-Language": message.language}
    if message.automatic:
        headers["Auto-Submitted"] = "auto-generated"
    if not message.essential and message.person_id:
        headers["List-Unsubscribe"] = f"<{unsubscribe_link(message.person)}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    reply_to = [settings.KOPA_REPLY_TO] if getattr(settings, "KOPA_REPLY_TO", "") else None
    email = EmailMultiAlternatives(
        subject=placeholders.one_line(message.subject),
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[formataddr((placeholders.one_line(message.to_name), message.to_address))],
        reply_to=reply_to,
        headers=headers,
    )
    email.attach_alternative(message.body_html or html_of(message), "text/html")
    for attachment in message.attachments:
        if attachment.get("file"):  # a stored file, read through the storage (local disk or object storage)
            with default_storage.open(attachment["file"], "rb") as handle:
                email.attach(attachment["name"], handle.read(), attachment.get("mimetype"))
        elif attachment.get("path"):  # messages queued before attachments were named by storage
            email.attach_file(attachment["path"], attachment.get("mimetype"))
        else:
            email.attach(attachment["name"], attachment.get("content", ""), attachment.get("mimetype"))
    return email


def _due(now: datetime):
    return Q(state=Message.State.QUEUED) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


def _claim(ids, now: datetime) -> list[Message]:
    with transaction.atomic():
        rows = Message.objects.filter(_due(now), pk__in=ids).select_for_update(skip_locked=True)
        claimed = [m.pk for m in rows]
        Message.objects.filter(pk__in=claimed).update(attempts=F("attempts") + 1, next_attempt_at=now + LEASE)
    return list(Message.objects.filter(pk__in=claimed).select_related("person").order_by("pk"))


def _failed(message: Message, error: Exception | str, now: datetime, *, permanent: bool = False) -> None:
    reason = str(error)[:2000]
    if permanent:
        Message.objects.filter(pk=message.pk).update(state=Message.State.BOUNCED, error=reason, next_attempt_at=None)
    elif message.attempts >= MAX_ATTEMPTS:
        Message.objects.filter(pk=message.pk).update(state=Message.State.FAILED, error=reason, next_attempt_at=None)
    else:
        Message.objects.filter(pk=message.pk).update(
            error=reason, next_attempt_at=now + timedelta(minutes=BACK_OFF[message.attempts - 1]))


def _refused(error: Exception) -> tuple[str, bool]:
    """The server's reason, and whether it refused the address for good (5xx to RCPT: a bounce)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [(code, text.decode(errors="replace") if isinstance(text, bytes) else str(text))
                 for code, text in error.recipients.values()]
        return "; ".join(f"{code} {text}" for code, text in codes), all(code >= 500 for code, _t in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
        return f"{error.smtp_code} {text}", False
    return str(error) or type(error).__name__, False


def send(ids, *, now: datetime | None = None) -> int:
    """Deliver these messages (those still due); returns how many were sent."""
    now = now or timezone.now()
    messages = _claim(list(ids), now)
    if not messages:
        return 0
    connection = get_connection(fail_silently=False)
    sent, done = 0, []
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        for message in messages:
            _failed(message, _refused(error)[0], now)
        return 0
    try:
        for message in messages:
            try:
                connection.send_messages([email_of(message)])
            except smtplib.SMTPServerDisconnected as error:
                _failed(message, _refused(error)[0], now)
                _reopen(connection)
                continue
            except smtplib.SMTPException as error:  # (a subclass of OSError: caught first)
                reason, permanent = _refused(error)
                _failed(message, reason, now, permanent=permanent)
                continue
            except OSError as error:  # the network between us and the server
                _failed(message, _refused(error)[0], now)
                _reopen(connection)
                continue
            done.append(message.pk)
            if len(done) >= FLUSH:
                sent += _mark_sent(done)
    finally:
        sent += _mark_sent(done)
        connection.close()
    return sent


def _mark_sent(ids: list[int]) -> int:
    """Recorded as sent a few at a time: a commit per message would cost more than sending it. (A worker that
    dies in between leaves at most FLUSH messages to be sent again after their lease.)"""
    if ids:
        Message.objects.filter(pk__in=ids).update(state=Message.State.SENT, sent_at=timezone.now(),
                                                  next_attempt_at=None, error="")
    count = len(ids)
    ids.clear()
    return count


def _reopen(connection) -> None:
    connection.close()
    try:
        connection.open()
    except OSError:  # the next message fails on it and is tried again later
        pass


def due_ids(now: datetime | None = None, limit: int = 10_000) -> list[int]:
    """Queued messages whose time has come: retries after their back-off, and messages whose worker never took
    them up or died while sending (their lease ran out)."""
    now = now or timezone.now()
    stale = Q(next_attempt_at__isnull=True, created_at__lte=now - LEASE)
    waiting = Q(next_attempt_at__isnull=False, next_attempt_at__lte=now)
    return list(Message.objects.filter(Q(state=Message.State.QUEUED) & (stale | waiting))
                .order_by("pk").values_list("pk", flat=True)[:limit])
