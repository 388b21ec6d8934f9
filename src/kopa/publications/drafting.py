"""A first version of a news article, in each language, from what was recorded about an activity.

Sentences come from templates written here and translated like the rest of the interface; names come from
the record in the article's language. The coordinator edits the draft before it goes out.
"""

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kopa.activities.models import Activity, Contributor, Poll, ProgrammeItem
from kopa.activities.queries import activity_page
from kopa.core.dates import DatePrecision, stated_dates_text
from kopa.core.money import format_money
from kopa.directory.naming import contributor_text

# Who an article names among "the hosts and speakers" (a photographer or a contact person is not news).
SPEAKING_ROLES = {Contributor.Role.PRESENTER, Contributor.Role.HOST, Contributor.Role.MODERATOR,
                  Contributor.Role.TRAINER}


def join_list(items: list[str], separator: str = ", ") -> str:
    """“a, b and c” in the active language (“a; b and c” for items that have commas of their own)."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": separator.join(items[:-1]), "last": items[-1]}


def _when(activity: Activity) -> str:
    start, end = activity.start_date, activity.end_date
    if activity.date_precision != DatePrecision.DAY or start is None:
        # The article says no more than the record knows: "11 February (year not stated …)".
        return stated_dates_text(activity, short=False)
    if start == end:
        return formats.date_format(start, "DATE_FORMAT")
    return _("from %(start)s to %(end)s") % {"start": formats.date_format(start, "DATE_FORMAT"),
                                             "end": formats.date_format(end, "DATE_FORMAT")}


def _sentence(text: str) -> str:
    """A full stop at the end, unless the text already ends with one (a Lithuanian date ends in "d.")."""
    return text if text.endswith(".") else text + "."


def _names(objects) -> list[str]:
    return [str(obj) for obj in objects]


def draft(activity_id: int) -> dict[str, dict[str, str]]:
    """{language: {"title", "lead", "body"}} for every language of the site."""
    record = activity_page(activity_id)  # one fixed set of queries, read once for all languages
    return {code: _in_language(code, record) for code, _name in settings.LANGUAGES}


def _in_language(language: str, record: dict) -> dict[str, str]:
    with translation.override(language):
        return _draft_in(record)


def _draft_in(record: dict) -> dict[str, str]:
    activity: Activity = record["activity"]
    kind = activity.get_kind_display()
    hosts = _names(activity.host_municipalities.all())
    organisers = _names(activity.organisers.all())
    participants = _names(record["participating_municipalities"])
    paragraphs = []

    if activity.title.casefold().startswith(kind.casefold()):  # "Study visit to Utena …" names its kind
        lead = _("%(title)s took place %(when)s") % {"title": activity.title, "when": _when(activity)}
    else:
        lead = _("%(kind)s “%(title)s” took place %(when)s") % {
            "kind": kind.capitalize(), "title": activity.title, "when": _when(activity)}
    if hosts:
        lead += " " + _("in %(places)s") % {"places": join_list(hosts)}
    elif activity.venue:
        lead += " " + _("at %(venue)s") % {"venue": activity.venue}
    lead = _sentence(lead)
    if organisers:
        lead += " " + _("It was organised by %(organisers)s.") % {"organisers": join_list(organisers)}
    if activity.project:
        # A project a text names without its code is named without one.
        part_of = _("It is part of the project %(code)s “%(title)s”.") if activity.project.code else \
            _("It is part of the project “%(title)s”.")
        lead += " " + part_of % {"code": activity.project.code, "title": activity.project.title}

    if participants:
        paragraphs.append(ngettext("A representative of %(count)d municipality took part: %(names)s.",
                                   "Representatives of %(count)d municipalities took part: %(names)s.",
                                   len(participants)) % {"count": len(participants), "names": join_list(participants)})

    presenters, places = [], []
    programme = [item for items in [*record["days"].values(), *(row["items"] for row in record["stated_days"]),
                                    record["undated_programme"]] for item in items]
    # In the page's order: the whole activity's, the programme's, then the parallel groups'.
    contributors = [*activity.own_contributors, *(c for item in programme for c in item.listed_contributors),
                    *(c for breakout in activity.breakouts.all() for c in breakout.listed_contributors)]
    for contributor in contributors:
        # An article is for the public: viewer None, so only consent or a coordinator's mark lets a name in;
        # anyone else is described by office, position or role, as on the public page.
        if contributor.role in SPEAKING_ROLES:
            described = contributor_text(contributor, None)
            if described not in presenters:
                presenters.append(described)
    for item in programme:
        if item.kind == ProgrammeItem.Kind.VISIT and item.place and str(item.place) not in places:
            places.append(str(item.place))
    if presenters:
        # Semicolons between people: each reads "name, position, organisation".
        paragraphs.append(_("The hosts and speakers were %(people)s.") % {"people": join_list(presenters, "; ")})
    if places:
        paragraphs.append(_("The participants visited %(places)s.") % {"places": join_list(places)})

    breakouts = list(activity.breakouts.all())
    if breakouts:
        themes = [_("“%(text)s”") % {"text": b.theme} for b in breakouts]
        paragraphs.append(ngettext("The participants worked in %(count)d group: %(themes)s.",
                                   "The participants worked in %(count)d parallel groups: %(themes)s.",
                                   len(breakouts)) % {"count": len(breakouts), "themes": join_list(themes)})
        for breakout in breakouts:
            if breakout.result:
                paragraphs.append(_("Group “%(theme)s”: %(result)s") % {"theme": breakout.theme,
                                                                        "result": breakout.result})
    for outcome in activity.outcomes.all():
        paragraphs.append(f"**{outcome.title}.** {outcome.text}".strip())

    for poll in activity.polls.all():
        if poll.status != Poll.Status.CLOSED:
            continue
        entries = sorted(poll.entries.all(), key=lambda entry: (-entry.votes, entry.pk))
        if entries:
            winner = entries[0]
            sentence = _("In the vote “%(question)s” the most votes (%(votes)d) went to “%(title)s”") % {
                "question": poll.question, "votes": winner.votes, "title": winner.title}
            if winner.organisation:
                sentence += " " + _("by %(organisation)s") % {"organisation": winner.organisation}
            paragraphs.append(sentence + ".")
            awards = [_("%(award)s: “%(title)s”") % {"award": e.award, "title": e.title} for e in entries if e.award]
            if awards:
                paragraphs.append(_("Awards: %(awards)s.") % {"awards": join_list(awards)})

    follow_ups = list(activity.follow_ups.all())
    if follow_ups:
        announced = [_("%(title)s (%(when)s)") % {"title": f.title, "when": _when(f)} for f in follow_ups]
        paragraphs.append(_("Next: %(activities)s.") % {"activities": join_list(announced)})

    return {"title": activity.title, "lead": lead, "body": "\n\n".join(paragraphs)}


def draft_project(project_id: int) -> dict[str, dict[str, str]]:
    """A project's presentation: partners, period, budget and the activities held so far."""
    from kopa.projects.models import Partnership, Project

    project = (Project.objects.select_related("programme")
               .prefetch_related("partnerships__organisation", "funding_shares__fund").get(pk=project_id))
    held = list(Activity.objects.filter(project=project, status__in=(Activity.Status.HELD, Activity.Status.CLOSED))
                .order_by("start_date"))
    return {code: _in_language_project(code, project, held, Partnership) for code, _n in settings.LANGUAGES}


def _in_language_project(language, project, held, Partnership) -> dict[str, str]:
    with translation.override(language):
        by_role = {role: [str(p.organisation) for p in project.partnerships.all() if p.role == role]
                   for role in Partnership.Role.values}
        # Code and programme are said only where they are known.
        lead = {
            (True, True): _("The project %(code)s “%(title)s” of the %(programme)s"),
            (True, False): _("The project %(code)s “%(title)s”"),
            (False, True): _("The project “%(title)s” of the %(programme)s"),
            (False, False): _("The project “%(title)s”"),
        }[(bool(project.code), project.programme is not None)] % {
            "code": project.code, "title": project.title, "programme": project.programme}
        if project.start_date and project.end_date:
            lead += " " + _("runs from %(start)s to %(end)s") % {
                "start": formats.date_format(project.start_date, "DATE_FORMAT"),
                "end": formats.date_format(project.end_date, "DATE_FORMAT")}
        lead = _sentence(lead)
        paragraphs = []
        if project.objective:
            paragraphs.append(project.objective)
        if by_role[Partnership.Role.LEAD_PARTNER]:
            paragraphs.append(_("Lead partner: %(names)s.") % {
                "names": join_list(by_role[Partnership.Role.LEAD_PARTNER])})
        if by_role[Partnership.Role.PARTNER]:
            paragraphs.append(_("Partners: %(names)s.") % {"names": join_list(by_role[Partnership.Role.PARTNER])})
        associated = by_role[Partnership.Role.ASSOCIATED]
        if associated:
            paragraphs.append(ngettext("%(count)d associated organisation takes part: %(names)s.",
                                       "%(count)d associated organisations take part: %(names)s.",
                                       len(associated)) % {"count": len(associated), "names": join_list(associated)})
        if project.total_eur:
            paragraphs.append(_("The total budget is %(amount)s.") % {"amount": format_money(project.total_eur)})
        if held:
            done = [_("%(title)s (%(when)s)") % {"title": a.title, "when": _when(a)} for a in held]
            paragraphs.append(_("Activities held so far: %(activities)s.") % {"activities": join_list(done)})
        return {"title": project.title, "lead": lead, "body": "\n\n".join(paragraphs)}
