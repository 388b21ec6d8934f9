"""Every kind of message Kopā sends: who it is for, its placeholders and its default wording (translated like
the rest of the interface, so the default reads in the recipient's language). An organiser may reword any kind
for a project or an activity (MessageTemplate); only the placeholders listed here are accepted."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

PERSON = ("name",)
ACTIVITY = PERSON + ("activity", "dates", "place", "online_link", "activity_link")


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    placeholders: tuple[str, ...]
    subject: str
    body: str
    essential: bool = True  # about the recipient's own registration or answer: sent whatever their mail wishes
    automatic: bool = True
    for_organisers: bool = False



KINDS = {kind.code: kind for kind in (
    Kind("registration_received", _("registration received"), ACTIVITY,
         _("Registration received: {activity}"),
         _("Dear {name},\n\nwe have received your registration for {activity} ({dates}, {place}). You will hear "
           "from us when it is confirmed.\n\n{activity_link}")),
    Kind("registration_confirmed", _("registration confirmed"), ACTIVITY,
         _("Your seat is confirmed: {activity}"),
         _("Dear {name},\n\nyour seat at {activity} is confirmed.\n\nWhen: {dates}\nWhere: {place}\n{online_link}\n\n"
           "{activity_link}")),
    Kind("registration_waitlisted", _("on the waiting list"), ACTIVITY + ("queue_position",),
         _("On the waiting list: {activity}"),
         _("Dear {name},\n\n{activity} is full for now: you are number {queue_position} on the waiting list. If a "
           "seat becomes free, we will offer it to you by e-mail.\n\n{activity_link}")),
    Kind("registration_cancelled", _("registration cancelled"), ACTIVITY,
         _("Registration cancelled: {activity}"),
         _("Dear {name},\n\nyour registration for {activity} ({dates}) has been cancelled.\n\n{activity_link}")),
    Kind("seat_offered", _("a seat offered"), ACTIVITY + ("deadline", "accept_link"),
         _("A seat is free for you: {activity}"),
         _("Dear {name},\n\na seat at {activity} ({dates}, {place}) has become free and is held for you until "
           "{deadline}.\n\nTo take it, open this link and confirm:\n{accept_link}\n\nIf you do not accept it in "
           "time, it goes to the next person on the waiting list.")),
    Kind("offer_expired", _("offer expired"), ACTIVITY,
         _("The seat offer has expired: {activity}"),
         _("Dear {name},\n\nthe seat offered to you at {activity} was not accepted in time and has gone to the next "
           "person on the waiting list.\n\n{activity_link}")),
    Kind("reminder", _("reminder before the activity"), ACTIVITY + ("programme", "days"),
         _("Reminder: {activity}, {dates}"),
         _("Dear {name},\n\n{activity} begins in {days} day(s).\n\nWhen: {dates}\nWhere: {place}\n{online_link}\n\n"
           "Programme:\n{programme}\n\nThe attached calendar file adds it to your calendar.\n\n{activity_link}")),
    Kind("activity_changed", _("date, time, place or link changed"), ACTIVITY + ("changes",),
         _("Changed: {activity}"),
         _("Dear {name},\n\nthe organisers have changed {activity}:\n\n{changes}\n\nWhen: {dates}\nWhere: {place}\n"
           "{online_link}\n\n{activity_link}")),
    Kind("activity_cancelled", _("activity cancelled"), ACTIVITY + ("reason",),
         _("Cancelled: {activity}"),
         _("Dear {name},\n\nwe are sorry: {activity} ({dates}) will not take place.\n{reason}\n\n{activity_link}")),
    Kind("certificate_ready", _("certificate ready"), ACTIVITY + ("certificate_link",),
         _("Your certificate: {activity}"),
         _("Dear {name},\n\nthank you for taking part in {activity}. Your certificate is ready:\n{certificate_link}")),
    Kind("feedback_requested", _("feedback questionnaire"), ACTIVITY + ("survey", "survey_link"),
         _("Your feedback on {activity}"),
         _("Dear {name},\n\nthank you for taking part in {activity}. Please tell us how it went:\n{survey_link}")),
    Kind("survey_invitation", _("survey invitation"), PERSON + ("survey", "survey_link", "closes"),
         _("Survey: {survey}"),
         _("Dear {name},\n\nyou are invited to answer the survey \"{survey}\".\n\n{survey_link}\n\nIt is open until "
           "{closes}.")),
    Kind("survey_reminder", _("survey reminder"), PERSON + ("survey", "survey_link", "closes"),
         _("Reminder: survey {survey}"),
         _("Dear {name},\n\nthe survey \"{survey}\" is still waiting for your answers.\n\n{survey_link}\n\nIt is "
           "open until {closes}."), essential=False),
    Kind("survey_closing", _("survey closing soon"), PERSON + ("survey", "survey_link", "closes"),
         _("Last days: survey {survey}"),
         _("Dear {name},\n\nthe survey \"{survey}\" closes on {closes}.\n\n{survey_link}"), essential=False),
    Kind("mailing", _("organiser's mailing"), ACTIVITY, "", "", essential=False, automatic=False),
    Kind("new_registrations", _("new registrations (digest)"), ACTIVITY + ("count", "list"),
         _("{count} new registration(s): {activity}"),
         _("Dear {name},\n\n{activity} has new registrations:\n\n{list}\n\n{activity_link}"), for_organisers=True),
    Kind("offers_expiring", _("offers expiring unanswered"), ACTIVITY + ("count", "list"),
         _("Seat offers about to expire: {activity}"),
         _("Dear {name},\n\nthese seat offers for {activity} have not been answered and expire soon:\n\n{list}\n\n"
           "{activity_link}"), for_organisers=True),
    Kind("quota_reached", _("quota reached"), ACTIVITY + ("organisation",),
         _("Quota used up: {organisation}, {activity}"),
         _("Dear {name},\n\n{organisation} has used all its seats at {activity}; further sign-ups from it go to the "
           "waiting list.\n\n{activity_link}"), for_organisers=True),
    Kind("activity_full", _("all seats taken"), ACTIVITY + ("capacity",),
         _("Fully booked: {activity}"),
         _("Dear {name},\n\nall {capacity} seats of {activity} are taken; further sign-ups go to the waiting "
           "list.\n\n{activity_link}"), for_organisers=True),
    Kind("article_for_review", _("article sent for review"), PERSON + ("article", "article_link", "author"),
         _("For review: {article}"),
         _("Dear {name},\n\n{author} has sent the article \"{article}\" for review.\n\n{article_link}"),
         for_organisers=True),
    Kind("survey_response_rate", _("survey response rate"), PERSON + ("survey", "list", "survey_link"),
         _("Responses so far: {survey}"),
         _("Dear {name},\n\nthe response rate of \"{survey}\" by organisation:\n\n{list}\n\n{survey_link}"),
         for_organisers=True),
    Kind("log_analysed", _("event log analysed"), PERSON + ("log", "log_link"),
         _("Analysis ready: {log}"),
         _("Dear {name},\n\nthe event log \"{log}\" has been analysed.\n\n{log_link}"), for_organisers=True),
    Kind("log_failed", _("event log analysis failed"), PERSON + ("log", "log_link", "reason"),
         _("Analysis failed: {log}"),
         _("Dear {name},\n\nthe event log \"{log}\" could not be analysed: {reason}\n\n{log_link}"),
         for_organisers=True),
    Kind("export_ready", _("export ready"), PERSON + ("export", "export_link", "expires"),
         _("Your export is ready: {export}"),
         _("Dear {name},\n\nthe export \"{export}\" you asked for is ready. Download it until {expires}:\n\n"
           "{export_link}"), for_organisers=True),
)}


def kind(code: str) -> Kind:
    return KINDS[code]
