import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kopa.accounts.permissions import coordinated_organisation_ids, coordinated_project_ids, is_administrator
from kopa.core.errors import DomainError, attach_to_form
from kopa.core.pages import POSITION, act, paginate
from kopa.core.translated import in_language_order
from kopa.directory.models import Organisation, Person, Position
from kopa.directory.services import LikelyDuplicates
from kopa.projects.funding import statements_for
from kopa.projects.models import FundingStatement, Project
from kopa.topics.models import Topic
from kopa.topics.queries import descendant_ids, topics_for_choice

from . import calendar, documents, export_views, list_filters, queries, registration_list, services, working_groups
from .forms import (
    CloseForm,
    ContributorForm,
    OutcomeForm,
    PhotoForm,
    PublicityForm,
    SignUpForm,
    WorkingGroupFilterForm,
    WorkingGroupTopicsForm,
)
from .models import Activity, Contributor, Material, Photo, Poll, PollEntry, Registration, WorkingGroup
from .registration_forms import (
    BulkActionForm,
    FindColleagueForm,
    NewColleagueForm,
    RegisterFoundForm,
    organisations_for_new_colleague,
)
from .status import self_sign_up_open


def activity_list(request):
    if request.GET.get("format") in ("xlsx", "csv"):
        return export_views.activity_list_download(request)
    form, activities = list_filters.activity_list(request.GET)
    query = request.GET.copy()
    for name in POSITION:  # a link from here starts the list again at its first page
        query.pop(name, None)
    return render(request, "activities/activity_list.html", {
        "form": form, "page": paginate(request, activities), "query": query.urlencode()})


# The page lists the first of those who took part; the rest are pages of their own (?took_part=…&page=…).
TOOK_PART_SHOWN = 20
TOOK_PART = {"organisations": queries.participating_organisations,
             "municipalities": queries.participating_municipalities}


def activity_detail(request, pk):
    if request.GET.get("took_part") in TOOK_PART:
        return _took_part(request, pk, request.GET["took_part"])
    if request.GET.get("list") == "photos":
        activity = get_object_or_404(Activity, pk=pk)
        return render(request, "activities/activity_photos.html",
                      {"activity": activity, "page": paginate(request, queries.photos_of(activity), 48)})
    try:
        context = queries.activity_page(pk, took_part_shown=TOOK_PART_SHOWN)
    except Activity.DoesNotExist:
        return render(request, "core/not_found.html", status=404)
    activity = context["activity"]
    context["can_register"] = request.user.has_perm("activities.register_colleagues", activity)
    context["statements"] = statements_for(activity.project, FundingStatement.Place.ACTIVITY_PAGES)
    # Published news about it (the publications app sits above this one; the relation is its own).
    context["articles"] = activity.articles.filter(status="published").in_publication_order()
    person = getattr(request.user, "person", None) if request.user.is_authenticated else None
    # The meeting link is for those who take part, not for anyone passing by.
    context["show_online_link"] = request.user.has_perm("activities.manage_registrations", activity) or (
        person is not None
        and Registration.objects.filter(activity=activity, person=person, status__in=Registration.SEATED).exists()
    )
    if person is not None and activity.status == Activity.Status.OPEN:
        context["own_registration"] = (
            Registration.objects.filter(activity=activity, person=person).exclude(status="cancelled").first()
        )
        context["sign_up_form"] = SignUpForm(activity=activity)
        context["sign_up_closed"] = not self_sign_up_open(activity)  # past the deadline
    return render(request, "activities/activity_detail.html", context)


def _took_part(request, pk, which):
    activity = get_object_or_404(Activity, pk=pk)
    page = paginate(request, TOOK_PART[which](activity), 50,
                    count=lambda: queries.participating_count(activity, which))
    rows = (queries.organisation_rows if which == "organisations" else queries.municipality_rows)(activity, page)
    return render(request, "activities/took_part.html", {"activity": activity, "which": which, "page": page,
                                                         "rows": rows})


@login_required
@require_POST
def sign_up(request, pk):
    """A participant signs themself up."""
    activity = get_object_or_404(Activity, pk=pk)
    person = getattr(request.user, "person", None)
    if person is None:
        messages.error(request, _("Your account is not linked to a person in the directory yet. Ask your "
                                  "organisation's coordinator."))
        return redirect(activity)
    form = SignUpForm(request.POST, activity=activity)
    if form.is_valid():
        try:
            registration = services.register(activity=activity, person=person, by=request.user,
                                             breakout=form.cleaned_data.get("breakout"),
                                             session=form.cleaned_data.get("session"))
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(person)s: %(status)s.") % {
                "person": registration.person, "status": registration.get_status_display()})
    return redirect(activity)


def _staff_the_user_may_register(user, activity):
    """People with a position (at one of the user's organisations, for a partner coordinator), A to Z. Asked with
    EXISTS, not a join made DISTINCT, so the first twenty come off the name index instead of a sort of everyone."""
    positions = Position.objects.filter(person=OuterRef("pk"))
    if not user.has_perm("activities.manage_registrations", activity):
        positions = positions.filter(organisation__in=coordinated_organisation_ids(user))
    return Person.objects.filter(Exists(positions)).order_by("last_name", "first_name", "pk")


def _registration_access(request, pk) -> tuple[Activity, bool]:
    """The activity and whether the user organises it; a partner coordinator may look (at their own staff)."""
    activity = get_object_or_404(Activity, pk=pk)
    organiser = request.user.has_perm("activities.manage_registrations", activity)
    if not (organiser or request.user.has_perm("activities.register_colleagues", activity)):
        raise PermissionDenied
    return activity, organiser


def _sessions_and_breakouts(activity) -> dict:
    return {"sessions": list(activity.sessions.order_by("number")), "breakouts": list(activity.breakouts.all())}


def _add_colleague(request, activity, organiser):
    """The two ways of registering someone: found by name among those the user may register, or new to the
    directory. Returns (response or None, the found-person form, the new-colleague form, likely duplicates)."""
    people = _staff_the_user_may_register(request.user, activity)
    find = (request.GET.get("find") or "").strip()
    posted = request.method == "POST"
    new = posted and request.POST.get("form") == "new"
    register_form = RegisterFoundForm(request.POST if posted and not new else None, people=people,
                                      activity=activity, find=find)
    new_form = NewColleagueForm(request.POST if new else None, prefix="new",
                                organisations=organisations_for_new_colleague(activity, request.user, organiser))
    duplicates = []
    registration = None
    try:
        if posted and not new and register_form.is_valid():
            data = register_form.cleaned_data
            registration = services.register(
                activity=activity, person=data["person"], by=request.user, waitlist=data["waitlist"],
                breakout=data.get("breakout"), session=data.get("session"))
        elif new and new_form.is_valid():
            registration = services.register_new_colleague(activity=activity, by=request.user,
                                                           **new_form.cleaned_data)
    except LikelyDuplicates as error:
        attach_to_form(new_form, error)
        new_form.add_error("confirm_new", _("Tick this if none of them is the person you mean."))
        duplicates = [candidate.record for candidate in error.candidates]
    except DomainError as error:
        if error.code == "permission":
            raise PermissionDenied from error
        attach_to_form(new_form if new else register_form, error)
    if registration is not None:
        messages.success(request, _("%(person)s: %(status)s.") % {
            "person": registration.person, "status": registration.get_status_display()})
        return redirect("activities:registrations", pk=activity.pk), None, None, None
    return None, register_form, new_form, duplicates


@login_required
def registrations(request, pk):
    """Organisers see and manage every registration; a partner coordinator those of their organisation."""
    activity, organiser = _registration_access(request, pk)
    response, register_form, new_form, duplicates = _add_colleague(request, activity, organiser)
    if response is not None:
        return response
    if request.GET.get("format") in ("xlsx", "csv"):
        return export_views.registrations_download(request, activity)
    places = _sessions_and_breakouts(activity)
    listed = list_filters.registration_list_of(activity, request.user, request.GET, organiser=organiser,
                                               places=places)
    show_contacts = registration_list.sees_any_contact(request.user)
    page = paginate(request, listed.rows.select_related(None), per_page=50)  # page_rows reads what rows show
    page.object_list = registration_list.page_rows(page.object_list, activity, request.user)
    query = request.GET.copy()
    for name in (*POSITION, "sort", "format"):
        query.pop(name, None)
    summary_query = request.GET.copy()
    summary_query.pop("organisations", None)
    return render(request, "activities/registrations.html", {
        "summary_query": summary_query.urlencode(),
        "activity": activity, "organiser": organiser, "form": listed.form, "register_form": register_form,
        "find_form": FindColleagueForm(request.GET or None), "new_form": new_form, "duplicates": duplicates,
        "page": page, "summary": queries.registration_summary(activity, page=request.GET.get("organisations") or 1)
        if organiser else None,
        "show_contacts": show_contacts, "sort": listed.sort, "query": query.urlencode(),
        "bulk_form": BulkActionForm(activity=activity, **places) if organiser else None, **places,
    })


def _back_to_list(request, activity):
    """Back to the list as it was filtered (the address the form came from, if it is ours)."""
    return redirect(_our_address(request, request.POST.get("next", ""))
                    or reverse("activities:registrations", args=[activity.pk]))


@login_required
@require_POST
def registrations_bulk(request, pk):
    """Confirm, move or mark attended the ticked rows; cancelling shows who would be cancelled first."""
    activity, organiser = _registration_access(request, pk)
    if not organiser:
        raise PermissionDenied
    form = BulkActionForm(request.POST, activity=activity, **_sessions_and_breakouts(activity))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back_to_list(request, activity)
    ticked = list(form.cleaned_data["selected"])
    action = form.cleaned_data["action"]
    if action == "cancel":
        return _cancel_confirmation(request, activity, ticked)
    calls = {
        "confirm": lambda: services.confirm_many(activity=activity, registrations=ticked, by=request.user),
        "attend": lambda: services.check_in_many(activity=activity, registrations=ticked, by=request.user),
        "move": lambda: services.move(activity=activity, registrations=ticked, by=request.user, **form.move_to()),
    }
    done = {
        "confirm": ngettext("%(count)d registration confirmed.", "%(count)d registrations confirmed.", len(ticked)),
        "attend": ngettext("%(count)d person marked as attended.", "%(count)d people marked as attended.",
                           len(ticked)),
        "move": ngettext("%(count)d registration moved.", "%(count)d registrations moved.", len(ticked)),
    }
    act(request, calls[action], done[action] % {"count": len(ticked)})
    return _back_to_list(request, activity)


def _our_address(request, target: str) -> str:
    """`target` if it is an address on this site, else "": a crafted form must not send people elsewhere."""
    ours = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if target and ours else ""


def _cancel_confirmation(request, activity, ticked):
    target = _our_address(request, request.POST.get("next") or request.GET.get("next", ""))
    return render(request, "activities/registrations_cancel.html", {
        "activity": activity, "registrations": ticked, "next": target})


@login_required
def registrations_cancel(request, pk):
    """Cancelling asks first: GET (or the bulk form) shows whom it would cancel; only the POST from that page,
    with `confirmed`, cancels."""
    activity, organiser = _registration_access(request, pk)
    source = request.POST if request.method == "POST" else request.GET
    ids = [int(value) for value in source.getlist("selected") if value.isdigit()]
    visible = registration_list.visible_registrations(activity, request.user, organiser)
    ticked = list(visible.filter(pk__in=ids).select_related("person", "organisation").order_by("created_at", "pk"))
    if not ticked or len(ticked) != len(set(ids)):
        messages.error(request, _("Tick at least one registration."))
        return redirect("activities:registrations", pk=activity.pk)
    if request.method != "POST" or not request.POST.get("confirmed"):
        return _cancel_confirmation(request, activity, ticked)
    act(request, lambda: services.cancel_many(activity=activity, registrations=ticked, by=request.user),
        ngettext("%(count)d registration cancelled.", "%(count)d registrations cancelled.", len(ticked))
        % {"count": len(ticked)})
    return _back_to_list(request, activity)


@login_required
@require_POST
def registration_action(request, pk, registration_pk):
    activity = get_object_or_404(Activity, pk=pk)
    registration = get_object_or_404(Registration, pk=registration_pk, activity=activity)
    actions = {
        "check_in": services.check_in, "confirm": services.confirm, "cancel": services.cancel,
        "accept": services.accept_offer,
    }
    action = actions.get(request.POST.get("action"))
    if action is None:
        messages.error(request, _("Unknown action."))
    else:
        act(request, lambda: action(registration=registration, by=request.user))
    return _back_to_list(request, activity)


@login_required
@require_POST
def mark_attendance(request, pk):
    """Bulk marking from a returned sign-in sheet: every ticked registration attended."""
    activity = get_object_or_404(Activity, pk=pk)
    ids = {int(value) for value in request.POST.getlist("attended") if value.isdigit()}
    try:
        count = services.mark_attendance(activity=activity, attended_ids=ids, by=request.user)
    except DomainError as error:
        if error.code == "permission":
            raise PermissionDenied from error
        messages.error(request, str(error))
    else:
        messages.success(request, _("Attendance saved for %(count)d people.") % {"count": count})
    return redirect("activities:registrations", pk=activity.pk)


CLOSE_ORGANISATIONS_SHOWN = 20


@login_required
def close(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    if not request.user.has_perm("activities.change_activity", activity):
        raise PermissionDenied
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_activity(activity=activity, by=request.user, minutes={
                language: form.cleaned_data[f"minutes_{language}"] for language in ("lv", "lt", "en")
                if form.cleaned_data[f"minutes_{language}"]
            }, minutes_public=form.cleaned_data["minutes_public"])
        except DomainError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, _("The activity is closed."))
            return redirect(activity)
    # The first organisations beside the form; all of them, page by page, at ?organisations=all (a big activity
    # had registrations from 9,000 organisations).
    every = request.GET.get("organisations") == "all"
    summary = queries.registration_summary(activity, page=(request.GET.get("page") or 1) if every else 1,
                                           per_page=50 if every else CLOSE_ORGANISATIONS_SHOWN)
    return render(request, "activities/close.html", {
        "activity": activity, "form": form, "summary": summary, "every": every,
        "page": summary["organisations_page"] if every else None})


@login_required
@require_POST
def vote(request, pk, poll_pk):
    poll = get_object_or_404(Poll, pk=poll_pk, activity_id=pk)
    entry = get_object_or_404(PollEntry, pk=request.POST.get("entry") or 0, poll=poll)
    try:
        services.cast_vote(poll=poll, entry=entry, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you: your vote is counted."))
    return redirect(poll.activity)


@login_required
def my_activities(request):
    person = getattr(request.user, "person", None)
    rows = queries.my_registrations(person) if person else Registration.objects.none()
    return render(request, "activities/my_activities.html", {"person": person, "page": paginate(request, rows)})


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response


@login_required
def sign_in_sheet(request, pk):
    activity = get_object_or_404(Activity.objects.select_related("project__programme"), pk=pk)
    if not request.user.has_perm("activities.manage_registrations", activity):
        raise PermissionDenied
    return _pdf(documents.sign_in_sheet(activity), f"sign-in-{activity.pk}")


@login_required
def certificate(request, pk, registration_pk):
    registration = get_object_or_404(
        Registration.objects.select_related("activity__project__programme", "person", "organisation"),
        pk=registration_pk, activity_id=pk,
    )
    own = getattr(request.user, "person", None) is not None and request.user.person.pk == registration.person_id
    colleague = registration.organisation_id in coordinated_organisation_ids(request.user)
    if not (own or colleague or request.user.has_perm("activities.manage_registrations", registration.activity)):
        raise PermissionDenied
    try:
        content = documents.certificate(registration)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect(registration.activity)
    return _pdf(content, f"certificate-{registration.activity_id}-{registration.pk}")


def _ics(request, activities, name: str, filename: str) -> HttpResponse:
    content = calendar.calendar(activities, name, request.build_absolute_uri("/")[:-1])
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


def activity_ics(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    return _ics(request, [activity], activity.title, f"activity-{activity.pk}")


def project_ics(request, project_pk):
    project = get_object_or_404(Project, pk=project_pk)
    return _ics(request, Activity.objects.filter(project=project).order_by("start_date"), str(project),
                f"project-{slugify(project.code)}")


def organisation_ics(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    activities = Activity.objects.filter(Q(organisers=organisation) | Q(hosts=organisation)).distinct()
    return _ics(request, activities.order_by("start_date"), str(organisation), f"organisation-{slug}")


@login_required
def check_in_by_code(request, pk, token):
    """The page a scanned QR code opens: the organiser confirms the person came."""
    activity = get_object_or_404(Activity, pk=pk)
    if not request.user.has_perm("activities.manage_registrations", activity):
        raise PermissionDenied
    registration = get_object_or_404(Registration.objects.select_related("person", "organisation"),
                                     activity=activity, token=token)
    if request.method == "POST":
        try:
            services.check_in(registration=registration, by=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(person)s is checked in.") % {"person": registration.person})
        return redirect("activities:registrations", pk=activity.pk)
    return render(request, "activities/check_in.html", {"activity": activity, "registration": registration})


@login_required
def qr_code(request, pk, registration_pk):
    """The participant's own check-in code (SVG), shown on their page and printable."""
    registration = get_object_or_404(Registration, pk=registration_pk, activity_id=pk)
    own = getattr(request.user, "person", None) is not None and request.user.person.pk == registration.person_id
    if not (own or request.user.has_perm("activities.manage_registrations", registration.activity)):
        raise PermissionDenied
    url = request.build_absolute_uri(reverse("activities:check_in_code", args=[pk, registration.token]))
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, title=str(registration.person))
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


@login_required
def record(request, pk):
    """The organiser's page for what an activity produced: outcomes, photos, votes, and who had a role in it."""
    activity = get_object_or_404(Activity, pk=pk)
    if not request.user.has_perm("activities.change_activity", activity):
        raise PermissionDenied
    people = Person.objects.filter(registrations__activity=activity).distinct().order_by("last_name", "first_name")
    outcome_form = OutcomeForm(request.POST if request.POST.get("form") == "outcome" else None, prefix="outcome")
    photo_form = PhotoForm(request.POST if request.POST.get("form") == "photo" else None,
                           request.FILES or None, people=people, prefix="photo")
    contributor_form = ContributorForm(request.POST if request.POST.get("form") == "contributor" else None,
                                       activity=activity, prefix="contributor")
    try:
        if request.method == "POST" and request.POST.get("form") == "outcome" and outcome_form.is_valid():
            services.add_outcome(activity=activity, by=request.user, **outcome_form.cleaned_data)
            messages.success(request, _("The outcome has been saved."))
            return redirect("activities:record", pk=activity.pk)
        if request.method == "POST" and request.POST.get("form") == "photo" and photo_form.is_valid():
            data = photo_form.cleaned_data
            services.add_photo(activity=activity, by=request.user, image=data["image"],
                               caption_lv=data["caption_lv"], alt_text_lv=data["alt_text_lv"], people=data["people"])
            messages.success(request, _("The photo has been saved. It is not public yet."))
            return redirect("activities:record", pk=activity.pk)
        if request.method == "POST" and request.POST.get("form") == "contributor" and contributor_form.is_valid():
            services.add_contributor(activity=activity, by=request.user, **contributor_form.service_arguments())
            messages.success(request, _("The contributor has been saved."))
            return redirect(reverse("activities:record", args=[activity.pk]) + "#people-heading")
    except DomainError as error:
        by_name = {"outcome": outcome_form, "photo": photo_form, "contributor": contributor_form}
        attach_to_form(by_name.get(request.POST.get("form"), photo_form), error)
    return render(request, "activities/record.html", {
        "activity": activity, "outcome_form": outcome_form, "photo_form": photo_form,
        "photos": activity.photos.prefetch_related("people"), "polls": activity.polls.all(),
        "outcomes": activity.outcomes.all(), "contributor_form": contributor_form,
        "contributors": queries.contributors_of(activity),
    })


def _contributor(request, pk, contributor_pk) -> Contributor:
    return get_object_or_404(Contributor.objects.select_related("activity"), pk=contributor_pk, activity_id=pk)


@login_required
@require_POST
def contributor_remove(request, pk, contributor_pk):
    contributor = _contributor(request, pk, contributor_pk)
    act(request, lambda: services.remove_contributor(contributor=contributor, by=request.user))
    return redirect(reverse("activities:record", args=[pk]) + "#people-heading")


@login_required
@require_POST
def contributor_publicity(request, pk, contributor_pk):
    """A coordinator marks a name public: its holder acted in office, or the source had published it."""
    contributor = _contributor(request, pk, contributor_pk)
    form = PublicityForm(request.POST)
    form.is_valid()  # two check boxes: anything unticked is False
    act(request, lambda: services.mark_public(
        contributor=contributor, by=request.user, in_office=form.cleaned_data.get("in_office", False),
        published_by_source=form.cleaned_data.get("published_by_source", False)))
    return redirect(reverse("activities:record", args=[pk]) + "#people-heading")


@login_required
@require_POST
def publish_photo(request, pk, photo_pk):
    photo = get_object_or_404(Photo.objects.select_related("activity"), pk=photo_pk, activity_id=pk)
    act(request, lambda: services.publish_photo(photo=photo, by=request.user))
    return redirect("activities:record", pk=pk)


@login_required
@require_POST
def poll_status(request, pk, poll_pk):
    poll = get_object_or_404(Poll.objects.select_related("activity"), pk=poll_pk, activity_id=pk)
    act(request, lambda: services.set_poll_status(poll=poll, status=request.POST.get("status", ""), by=request.user))
    return redirect("activities:record", pk=pk)


def working_group_list(request):
    form = WorkingGroupFilterForm(request.GET or None)
    form.is_valid()
    topic = getattr(form, "cleaned_data", {}).get("topic")
    groups = working_groups.groups_with_meeting_counts(WorkingGroup.objects.select_related("project"))
    if topic is not None:
        groups = groups.filter(pk__in=WorkingGroup.objects.filter(topics__in=descendant_ids(topic)).values("pk"))
    return render(request, "activities/working_group_list.html", {
        "form": form, "page": paginate(request, groups.order_by(in_language_order("name"), "pk")),
        "can_add": request.user.is_authenticated and (
            is_administrator(request.user) or bool(coordinated_project_ids(request.user)))})


def working_group_detail(request, slug):
    if request.GET.get("list") in working_groups.LISTS:
        return _working_group_list_page(request, slug, request.GET["list"])
    group = get_object_or_404(
        WorkingGroup.objects.select_related("project").prefetch_related(
            "outputs__activity", Prefetch("topics", queryset=Topic.objects.order_by(in_language_order("name")))),
        slug=slug,
    )
    if request.method == "POST":
        form = WorkingGroupTopicsForm(request.POST)
        if form.is_valid():
            act(request, lambda: services.set_working_group_topics(group=group, topics=form.cleaned_data["topics"],
                                                                   by=request.user))
        return redirect(group)
    members, members_count = working_groups.first_of(working_groups.members(group, request.user))
    meetings, meetings_count = working_groups.first_of(working_groups.meetings(group))
    can_edit = request.user.has_perm("activities.change_workinggroup", group)
    return render(request, "activities/working_group_detail.html", {
        "group": group, "members": members, "members_count": members_count, "meetings": meetings,
        "meetings_count": meetings_count, "can_edit_topics": can_edit,
        "all_topics": list(topics_for_choice(Topic.objects.all())) if can_edit else []})


def _working_group_list_page(request, slug, which):
    group = get_object_or_404(WorkingGroup, slug=slug)
    rows = working_groups.LISTS[which](group, request.user)
    return render(request, "activities/working_group_list_part.html",
                  {"group": group, "which": which, "page": paginate(request, rows, 50)})


@login_required
@require_POST
def activity_status(request, pk):
    """planned → open for registration → held (closing has its own page)."""
    activity = get_object_or_404(Activity, pk=pk)
    act(request, lambda: services.set_status(activity=activity, status=request.POST.get("status", ""),
                                              by=request.user))
    return redirect(activity)


def photo_image(request, photo_pk):
    """Photos are served through here, never straight from the media folder: an unpublished photo, or
    one whose people withdrew consent, is for the organisers only."""
    photo = get_object_or_404(Photo.objects.select_related("activity"), pk=photo_pk)
    if not (queries.photo_is_public(photo) or request.user.has_perm("activities.change_activity", photo.activity)):
        raise Http404
    if not photo.image:
        raise Http404
    return FileResponse(photo.image.open("rb"))


def material_file(request, material_pk):
    material = get_object_or_404(Material, pk=material_pk)
    if not material.file:
        raise Http404
    return FileResponse(material.file.open("rb"), as_attachment=True)
