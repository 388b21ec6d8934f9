"""Organisers are told what needs them — new registrations (a daily digest), seat offers about to expire, an
article sent for review, a survey's response rate, an event log analysed or failed — and those invited to a survey
hear it is closing; over a real SMTP server, each once however often the scheduler runs."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone, translation

from kopa.activities import services
from kopa.activities.models import Registration
from kopa.directory import services as directory
from kopa.messaging import organiser_notices, placeholders, schedule
from kopa.messaging.kinds import KINDS
from kopa.messaging.models import Message
from kopa.messaging.services import opt_out
from kopa.surveys.models import Invitation
from tests import factories
from tests.surveys.helpers import questionnaire as needs_survey

pytestmark = pytest.mark.django_db


def _run(times=1, now=None):
    """The scheduler as a site runs it; at a later `now`, only this module's steps (the retry step would take
    the messages just queued for ones a worker lost, as they would be by then)."""
    for _run in range(times):
        if now is None:
            call_command("run_scheduled", stdout=open("/dev/null", "w"))
        else:
            steps = {step.name: step for step in schedule.STEPS}
            for name in ("registration_digests", "offers_expiring", "survey_response_rates", "survey_closing_notices"):
                steps[name](now)


def _text(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def _subject(code, language="lv", **values):
    """The default subject of a kind, as the recipient reads it (the test activity is "Apmācības")."""
    with translation.override(language):
        return placeholders.fill(str(KINDS[code].subject), {"activity": "Apmācības", **values})


def _organised_activity(**fields):
    """An activity of a project, with its project coordinator, the organiser's partner coordinator, and a
    coordinator of another project who must hear nothing."""
    project = factories.project()
    organiser = factories.organisation(name="Rēzeknes novada pašvaldība")
    activity = factories.activity(project=project, organiser=organiser, **fields)
    coordinator = factories.programme_coordinator(project)
    coordinator.email = "coordinator@example.org"
    coordinator.save()
    partner = factories.partner_coordinator(organiser)
    partner.email = "partner@example.org"
    partner.save()
    stranger = factories.programme_coordinator(factories.project())
    stranger.email = "stranger@example.org"
    stranger.save()
    return activity, coordinator, partner


def _registrants(activity, count, organisation_name="Utenos rajono savivaldybė"):
    organisation = factories.organisation(name=organisation_name, country_code="LT")
    people = [factories.employee(organisation, first_name=f"Dalyvis{i}", last_name=f"Pavardė{i}",
                                 email=f"d{i}@example.org") for i in range(count)]
    return [services.register(activity=activity, person=p) for p in people]


def test_organisers_get_one_digest_a_day_listing_the_new_registrants(
        smtp_server, django_capture_on_commit_callbacks):
    activity, coordinator, partner = _organised_activity(capacity=2)
    registrations = _registrants(activity, 3)  # the third waits
    organisation = registrations[0].organisation.name_lv
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _run(times=2)
    digests = [m for _r, m in smtp_server.messages if "Apmācības" in m["Subject"]]
    assert sorted(a for rcpts, m in smtp_server.messages for a in rcpts if m in digests) == [
        "coordinator@example.org", "partner@example.org"]  # once each, not the other project's coordinator
    body = _text(smtp_server.to("partner@example.org")[0])
    with translation.override("lv"):  # the organisers have no person: Latvian
        waiting = str(Registration.Status.WAITLISTED.label)
        confirmed = str(Registration.Status.CONFIRMED.label)
    assert f"Dalyvis0 Pavardė0 — {organisation} — {confirmed}" in body
    assert f"Dalyvis2 Pavardė2 — {organisation} — {waiting}" in body
    assert str(smtp_server.to("partner@example.org")[0]["Subject"]).strip() == _subject("new_registrations", count=3)

    # The next day, only who registered since the last digest is listed.
    later = _registrants(activity, 1, organisation_name="Daugavpils")
    Registration.objects.filter(pk=later[0].pk).update(created_at=timezone.now() + timedelta(hours=1))
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _run(times=2, now=timezone.now() + timedelta(days=1))
    assert len(smtp_server.to("partner@example.org")) == 1
    body = _text(smtp_server.to("partner@example.org")[0])
    assert "Daugavpils" in body and "Utenos" not in body


def test_a_long_digest_lists_fifty_and_says_how_many_more(monkeypatch):
    activity, coordinator, partner = _organised_activity(capacity=10)
    monkeypatch.setattr(organiser_notices, "DIGEST_LINES", 2)
    _registrants(activity, 5)
    assert organiser_notices.send_registration_digests(timezone.now()) == 2
    body = Message.objects.get(kind="new_registrations", user=partner).body_text
    assert body.count("Dalyvis") == 2
    with translation.override("lv"):
        assert translation.ngettext("… and %(count)d more", "… and %(count)d more", 3) % {"count": 3} in body


def test_organisers_hear_once_of_an_offer_expiring_unanswered(smtp_server, django_capture_on_commit_callbacks):
    activity, coordinator, partner = _organised_activity(capacity=1, offer_hours=4)
    first, waiting = _registrants(activity, 2)
    services.cancel(registration=first)  # the waiting one is offered the seat for four hours
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.PENDING
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _run(times=2)
    subject = _subject("offers_expiring")
    warnings = [m for m in smtp_server.to("partner@example.org") if str(m["Subject"]).strip() == subject]
    assert len(warnings) == 1 and "Dalyvis1" in _text(warnings[0])
    assert len([m for m in smtp_server.to("coordinator@example.org") if str(m["Subject"]).strip() == subject]) == 1
    assert Message.objects.filter(kind="offers_expiring").count() == 2
    # A second offer on the same activity is told on its own; the first is not told again.
    second = _registrants(activity, 1, organisation_name="Jēkabpils")[0]
    Registration.objects.filter(pk=second.pk).update(status=Registration.Status.PENDING,
                                                     offer_expires_at=timezone.now() + timedelta(hours=2))
    assert organiser_notices.send_offer_warnings(timezone.now()) == 2
    latest = Message.objects.filter(kind="offers_expiring", user=partner).order_by("-pk").first()
    assert "Jēkabpils" in latest.body_text and "Utenos" not in latest.body_text
    assert organiser_notices.send_offer_warnings(timezone.now()) == 0


def test_an_offer_far_from_its_deadline_is_not_reported():
    activity, coordinator, partner = _organised_activity(capacity=1, offer_hours=48)
    first, waiting = _registrants(activity, 2)
    services.cancel(registration=first)
    assert organiser_notices.send_offer_warnings(timezone.now()) == 0
    assert organiser_notices.send_offer_warnings(timezone.now() + timedelta(hours=43)) == 2


def test_those_who_may_publish_hear_of_an_article_sent_for_review(
        smtp_server, django_capture_on_commit_callbacks, settings):
    from kopa.publications import services as publications

    settings.KOPA_SITE_URL = "https://kopa.example.org"
    project = factories.project()
    author = factories.programme_coordinator(project)
    author.first_name, author.last_name, author.email = "Ilze", "Autore", "ilze@example.org"
    author.save()
    reviewer = factories.programme_coordinator(project)
    reviewer.email = "reviewer@example.org"
    reviewer.save()
    directory.save_person(first_name="Rūta", last_name="Recenzente", language="lt", user=reviewer)
    other = factories.programme_coordinator(factories.project())
    other.email = "other@example.org"
    other.save()
    article = publications.write_article(by=author, project=project, texts={"lv": {"title": "Pieredzes apmaiņa"},
                                                                             "lt": {"title": "Patirties mainai"}})
    with django_capture_on_commit_callbacks(execute=True):
        publications.submit_for_review(article=article, by=author)
    received = sorted(a for rcpts, _m in smtp_server.messages for a in rcpts)
    assert received == ["reviewer@example.org"]  # not the author, not another project's coordinator
    message = smtp_server.to("reviewer@example.org")[0]
    body = _text(message)
    assert "Ilze Autore" in body and f"https://kopa.example.org/lt/news/{article.slug}/" in body
    assert "Patirties mainai" in message["Subject"]  # in the reviewer's language


def test_survey_runners_get_the_response_rate_by_organisation_once_a_week(
        smtp_server, django_capture_on_commit_callbacks):
    project = factories.project()
    coordinator = factories.programme_coordinator(project)
    coordinator.email = "coordinator@example.org"
    coordinator.save()
    questionnaire = needs_survey(project)
    rezekne, utena = factories.organisation(name="Rēzekne"), factories.organisation(name="Utena")
    for organisation, count in ((rezekne, 3), (utena, 1)):
        for i in range(count):
            person = factories.employee(organisation, email=f"o{organisation.pk}p{i}@example.org")
            Invitation.objects.create(questionnaire=questionnaire, person=person, organisation=organisation)
    Invitation.objects.filter(organisation=rezekne).filter(
        pk__in=Invitation.objects.filter(organisation=rezekne).order_by("pk").values("pk")[:2]).update(
        answered_at=timezone.now())
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        _run(times=2, now=now)
    reports = smtp_server.to("coordinator@example.org")
    assert len(reports) == 1
    body = _text(reports[0])
    with translation.override("lv"):
        line = translation.gettext("- %(organisation)s: %(answered)d of %(invited)d answered (%(percent)d %%)")
        assert line % {"organisation": rezekne.name_lv, "answered": 2, "invited": 3, "percent": 67} in body
        assert line % {"organisation": utena.name_lv, "answered": 0, "invited": 1, "percent": 0} in body
    with django_capture_on_commit_callbacks(execute=True):
        _run(now=now + timedelta(days=7))
    assert len(smtp_server.to("coordinator@example.org")) == 2  # the next week, again


def test_those_invited_who_have_not_answered_hear_the_survey_closes_once(
        smtp_server, django_capture_on_commit_callbacks):
    project = factories.project()
    questionnaire = needs_survey(project, closes_in_days=5)
    organisation = factories.organisation()
    people = {name: factories.employee(organisation, first_name=name, email=f"{name}@example.org",
                                       language=language)
              for name, language in (("answered", "lv"), ("waiting", "lt"), ("quiet", "lv"))}
    invitations = {name: Invitation.objects.create(questionnaire=questionnaire, person=p, organisation=organisation)
                   for name, p in people.items()}
    Invitation.objects.filter(pk=invitations["answered"].pk).update(answered_at=timezone.now())
    opt_out(person=people["quiet"])
    with django_capture_on_commit_callbacks(execute=True):
        _run(times=2)
    assert smtp_server.messages == []  # five days before: too early
    soon = questionnaire.closes_at - timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        _run(times=2, now=soon)
    received = sorted(a for rcpts, _m in smtp_server.messages for a in rcpts)
    assert received == ["waiting@example.org"]  # not who answered, not who asked for no such mail
    message = smtp_server.to("waiting@example.org")[0]
    assert str(invitations["waiting"].token) in _text(message)
    with translation.override("lt"):
        assert translation.gettext("Last days: survey {survey}").split("{")[0].strip() in message["Subject"]
    assert Message.objects.get(kind="survey_closing", person=people["quiet"]).state == Message.State.OPTED_OUT


def test_the_lean_team_hears_that_a_log_was_analysed_or_why_it_failed(
        smtp_server, django_capture_on_commit_callbacks, settings):
    from kopa.lean import services as lean
    from kopa.lean import tasks
    from tests.lean.test_analysis import LOG
    from tests.lean.test_maps_and_services import STEPS, _service

    settings.KOPA_SITE_URL = "https://kopa.example.org"
    own = factories.organisation()
    team = factories.lean_team(own)
    team.email = "team@example.org"
    team.save()
    elsewhere = factories.lean_team(factories.organisation())
    elsewhere.email = "elsewhere@example.org"
    elsewhere.save()
    service = _service(own)
    lean.save_map(service=service, steps=STEPS)
    with django_capture_on_commit_callbacks(execute=True):
        log = lean.upload_event_log(service=service, data=LOG, name="Marts", by=team)
    received = sorted(a for rcpts, _m in smtp_server.messages for a in rcpts)
    assert received == ["team@example.org"]
    assert f"https://kopa.example.org/lv/lean/measurements/{log.pk}/" in _text(smtp_server.messages[0][1])
    assert "Marts" in smtp_server.messages[0][1]["Subject"]

    smtp_server.messages.clear()
    log.file.save("broken.csv", ContentFile(b""), save=True)
    with django_capture_on_commit_callbacks(execute=True), translation.override("lv"):
        tasks.analyse_event_log.call(log.pk)
    log.refresh_from_db()
    assert log.status == log.Status.FAILED
    assert [a for rcpts, _m in smtp_server.messages for a in rcpts] == ["team@example.org"]
    assert log.error in _text(smtp_server.messages[0][1])


def test_a_failing_step_does_not_keep_the_others_from_running(monkeypatch):
    def broken(now):
        raise RuntimeError("broken")

    monkeypatch.setattr(organiser_notices, "send_registration_digests", broken)
    report = schedule.run(timezone.now())
    assert any(line.startswith("registration_digests: FAILED") for line in report)
    assert any(line.startswith("retry_mail:") for line in report)
