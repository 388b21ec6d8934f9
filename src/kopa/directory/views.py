from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopa.core.errors import DomainError, attach_to_form
from kopa.core.pages import paginate

from . import people, queries, services
from .forms import (
    DepartmentAddForm,
    MergeForm,
    MunicipalityFilterForm,
    OrganisationAddForm,
    OrganisationFilterForm,
    OrganisationForm,
    PersonAddForm,
    PersonEditForm,
    PlaceAddForm,
    PlaceEditForm,
    PositionAddForm,
    RelationshipForm,
    VariantForm,
)
from .models import Municipality, Organisation, Person, Relationship
from .naming import may_name


def _merged_or_not_found(request, model, reference):
    """A merged duplicate's old address leads to the entry kept: links in texts and feeds keep working."""
    kept = queries.merged_into(model, reference)
    if kept is None:
        return render(request, "core/not_found.html", status=404)
    return redirect(kept, permanent=True)


def municipality_list(request):
    form = MunicipalityFilterForm(request.GET or None)
    form.is_valid()  # a bad filter is reported on the form; the valid ones still apply
    filters = getattr(form, "cleaned_data", {})
    municipalities = queries.municipality_list(
        country=filters.get("country"),
        region=filters.get("region"),
        kind=filters.get("kind") or "",
        status=filters.get("status") or "",
        text=filters.get("q") or "",
    )
    return render(
        request, "directory/municipality_list.html", {"form": form, "page": paginate(request, municipalities)}
    )


# The page shows the first of each list; the rest are pages of their own (?list=…&page=…).
MUNICIPALITY_LISTS = {"organisations": queries.municipality_organisations, "projects": queries.municipality_projects}


def municipality_detail(request, code):
    if request.GET.get("list") in MUNICIPALITY_LISTS:
        municipality = get_object_or_404(Municipality, code=code)
        which = request.GET["list"]
        return _list_page(request, municipality, which, MUNICIPALITY_LISTS[which](municipality))
    try:
        context = queries.municipality_page(code, shown=queries.DIRECTORY_PAGE_SHOWN)
    except Municipality.DoesNotExist:
        return _merged_or_not_found(request, Municipality, code)
    return render(request, "directory/municipality_detail.html", context)


def _list_page(request, record, which, rows):
    return render(request, "directory/page_list.html", {
        "record": record, "which": which, "page": paginate(request, rows, 50)})


def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    form.is_valid()  # a bad filter is reported on the form; the valid ones still apply
    filters = getattr(form, "cleaned_data", {})
    organisations = queries.organisation_list(
        country=filters.get("country"), kind=filters.get("kind") or "", text=filters.get("q") or ""
    )
    return render(request, "directory/organisation_list.html", {"form": form, "page": paginate(request, organisations)})


def organisation_detail(request, slug):
    if request.GET.get("list") == "projects":
        organisation = get_object_or_404(Organisation, slug=slug)
        return _list_page(request, organisation, "partnerships", queries.organisation_projects(organisation))
    if request.GET.get("list") == "relationships":
        organisation = get_object_or_404(Organisation, slug=slug)
        page = paginate(request, queries.organisation_relationships(organisation), 50)
        return render(request, "directory/page_list.html", {
            "record": organisation, "which": "relationships", "page": page,
            "relationships": queries.relationship_rows(organisation, page.object_list)})
    if request.GET.get("list") == "departments":
        organisation = get_object_or_404(Organisation, slug=slug)
        return _list_page(request, organisation, "departments", queries.organisation_departments(organisation))
    if request.GET.get("list") == "people":
        organisation = get_object_or_404(Organisation, slug=slug)
        page = paginate(request, people.named_positions(organisation, request.user), 50)
        return render(request, "directory/page_list.html", {
            "record": organisation, "which": "people", "page": page, "perms_contacts": _sees_contacts(request),
            "positions": people.with_contacts(page, request.user)})
    try:
        context = queries.organisation_page(slug, shown=queries.DIRECTORY_PAGE_SHOWN)
    except Organisation.DoesNotExist:
        return _merged_or_not_found(request, Organisation, slug)
    # People are listed only where the naming rule lets the viewer see their names (the first of them here);
    # e-mail addresses are personal data: the column exists only for those who may see some of them.
    context.update(people.first_people(context["organisation"], request.user))
    context["perms_contacts"] = _sees_contacts(request)
    return render(request, "directory/organisation_detail.html", context)


def _sees_contacts(request) -> bool:
    return request.user.has_perm("directory.view_person_contact")


@login_required
def organisation_edit(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("directory.change_organisation", organisation):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(organisation=organisation, by=request.user, **form.cleaned_data)
        except DomainError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, _("The organisation has been saved."))
            return redirect(organisation)
    return render(request, "directory/organisation_edit.html", {"organisation": organisation, "form": form})


# Additions by coordinators, name variants, relationships, reviews and merges. Every write goes through a service;
# a refused write is shown on the form and saves nothing.

ADD_PERMISSION = "directory.add_entry"


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _names(data, prefix="name"):
    return {lang: data.get(f"{prefix}_{lang}", "") for lang in ("lv", "lt", "en")}


def _render_add(request, form, title, candidates=None, cancel=None):
    return render(request, "directory/add_entry.html",
                  {"form": form, "title": title, "candidates": candidates or [], "cancel": cancel})


def _save_or_show(request, form, title, save, cancel=None):
    """Calls `save` (a service call); shows likely duplicates or the refusal on the form."""
    try:
        with transaction.atomic():  # a person and their position: both or neither
            record = save()
    except services.LikelyDuplicates as found:
        attach_to_form(form, found)
        return _render_add(request, form, title, found.candidates, cancel)
    except DomainError as error:
        attach_to_form(form, error)
        return _render_add(request, form, title, cancel=cancel)
    messages.success(request, _("Saved. An administrator will review the addition."))
    return redirect(record)


@login_required
def organisation_add(request):
    _require(request, ADD_PERMISSION)
    form = OrganisationAddForm(request.POST or None)
    title = _("Add an organisation")
    if request.method != "POST" or not form.is_valid():
        return _render_add(request, form, title, cancel=reverse("directory:organisations"))
    data = form.cleaned_data

    def save():
        place = queries.place_by_reference(data["place"]) if data["place"] else None
        return services.add_organisation(
            by=request.user, names=_names(data), kind=data["kind"], country=data["country"] or None,
            short_name=data["short_name"], municipality=place, website=data["website"],
            descriptions={"lv": data["description_lv"]}, confirm_new=data["confirm_new"])

    return _save_or_show(request, form, title, save)


@login_required
def place_add(request):
    _require(request, ADD_PERMISSION)
    form = PlaceAddForm(request.POST or None)
    title = _("Add a place")
    if request.method != "POST" or not form.is_valid():
        return _render_add(request, form, title, cancel=reverse("directory:municipalities"))
    data = form.cleaned_data
    return _save_or_show(request, form, title, lambda: services.add_place(
        by=request.user, names=_names(data), country=data["country"], kind=data["kind"], code=data["code"],
        lau_code=data["lau_code"], valid_from=data["valid_from"], valid_to=data["valid_to"],
        confirm_new=data["confirm_new"]))


@login_required
def person_add(request):
    _require(request, ADD_PERMISSION)
    form = PersonAddForm(request.POST or None)
    title = _("Add a person")
    if request.method != "POST" or not form.is_valid():
        return _render_add(request, form, title)
    data = form.cleaned_data

    def save():
        organisation = queries.organisation_by_reference(data["organisation"]) if data["organisation"] else None
        if organisation is not None and not data["title"].strip():
            raise DomainError(_("Enter the person's position at the organisation."), field="title",
                              code="required")
        person = services.add_person(by=request.user, first_name=data["first_name"], last_name=data["last_name"],
                                     email=data["email"], publication_consent=data["publication_consent"],
                                     confirm_new=data["confirm_new"])
        if organisation is not None:
            services.add_position(by=request.user, person=person, organisation=organisation,
                                  titles={"lv": data["title"]})
        return person

    return _save_or_show(request, form, title, save)


def person_detail(request, pk):
    try:
        person = queries.person_page(pk)
    except Person.DoesNotExist:
        return _merged_or_not_found(request, Person, pk)
    # The one naming rule: someone who may not be named has no public page.
    if not may_name(person, request.user):
        return render(request, "core/not_found.html", status=404)
    return render(request, "directory/person_detail.html", {"person": person})


@login_required
def department_add(request, slug):
    _require(request, ADD_PERMISSION)
    organisation = get_object_or_404(Organisation, slug=slug)
    form = DepartmentAddForm(request.POST or None)
    title = _("Add a department to %(name)s") % {"name": organisation}
    if request.method != "POST" or not form.is_valid():
        return _render_add(request, form, title, cancel=organisation.get_absolute_url())

    def save():
        services.add_department(by=request.user, organisation=organisation, names=_names(form.cleaned_data))
        return organisation

    return _save_or_show(request, form, title, save, cancel=organisation.get_absolute_url())


@login_required
def position_add(request, pk):
    _require(request, ADD_PERMISSION)
    person = get_object_or_404(Person, pk=pk)
    form = PositionAddForm(request.POST or None)
    title = _("Add a position of %(name)s") % {"name": person}
    if request.method != "POST" or not form.is_valid():
        return _render_add(request, form, title, cancel=person.get_absolute_url())
    data = form.cleaned_data

    def save():
        organisation = queries.organisation_by_reference(data["organisation"])
        services.add_position(by=request.user, person=person, organisation=organisation,
                              titles={"lv": data["title_lv"], "en": data["title_en"]},
                              start_date=data["start_date"], end_date=data["end_date"])
        return person

    return _save_or_show(request, form, title, save, cancel=person.get_absolute_url())


RECORDS = {
    "organisation": (Organisation, "slug"),
    "person": (Person, "pk"),
    "place": (Municipality, "code"),
}


def _record(kind, reference):
    if kind not in RECORDS:
        raise Http404
    model, field = RECORDS[kind]
    if field == "pk" and not str(reference).isdigit():
        raise Http404
    return get_object_or_404(model, **{field: reference})


@login_required
def variant_add(request, kind, reference):
    _require(request, ADD_PERMISSION)
    record = _record(kind, reference)
    form = VariantForm(request.POST or None)
    title = _("Add a name variant of %(name)s") % {"name": record}
    if request.method != "POST" or not form.is_valid():
        return _render_add(request, form, title, cancel=record.get_absolute_url())

    def save():
        services.add_variant(by=request.user, record=record, **form.cleaned_data)
        return record

    return _save_or_show(request, form, title, save, cancel=record.get_absolute_url())


@login_required
def relationship_add(request, slug):
    _require(request, ADD_PERMISSION)
    organisation = get_object_or_404(Organisation, slug=slug)
    form = RelationshipForm(request.POST or None, request.FILES or None)
    title = _("Add a relationship of %(name)s") % {"name": organisation}
    if request.method != "POST" or not form.is_valid():
        return _render_add(request, form, title, cancel=organisation.get_absolute_url())
    data = form.cleaned_data

    def save():
        other = queries.organisation_by_reference(data["other"], field="other")
        first, second, kind = organisation, other, data["kind"]
        if kind == "has_member":
            first, second, kind = other, organisation, Relationship.Kind.MEMBERSHIP
        try:
            services.add_relationship(by=request.user, first=first, second=second, kind=kind,
                                      signed_on=data["signed_on"], start_date=data["start_date"],
                                      end_date=data["end_date"], document=data["document"], link=data["link"],
                                      note=data["note"])
        except DomainError as error:
            if error.field == "second":
                error.field = "other"
            raise
        return organisation

    return _save_or_show(request, form, title, save, cancel=organisation.get_absolute_url())


@login_required
@require_POST
def review(request, kind, reference):
    _require(request, "directory.review_entry")
    record = _record(kind, reference)
    services.review_entry(by=request.user, record=record)
    messages.success(request, _("Marked as reviewed."))
    return redirect(request.POST.get("next") if url_has_allowed_host_and_scheme(
        request.POST.get("next"), allowed_hosts={request.get_host()}) else record.get_absolute_url())


@login_required
def awaiting_review(request):
    _require(request, "directory.review_entry")
    return render(request, "directory/awaiting_review.html", {"entries": queries.awaiting_review()})


@login_required
def merge(request, kind):
    _require(request, "directory.merge_entries")
    if kind not in RECORDS:
        raise Http404
    form = MergeForm(request.POST or None, initial={"kept": request.GET.get("kept", ""),
                                                    "duplicate": request.GET.get("duplicate", "")})
    title = {"organisation": _("Merge two organisations"), "person": _("Merge two people"),
             "place": _("Merge two places")}[kind]
    if request.method != "POST" or not form.is_valid():
        return render(request, "directory/merge.html", {"form": form, "title": title, "kind": kind})
    try:
        kept = _merge_reference(kind, form.cleaned_data["kept"], "kept")
        duplicate = _merge_reference(kind, form.cleaned_data["duplicate"], "duplicate")
        log = services.merge_entries(kept=kept, duplicate=duplicate, by=request.user)
    except DomainError as error:
        attach_to_form(form, error)
        return render(request, "directory/merge.html", {"form": form, "title": title, "kind": kind})
    messages.success(request, _("“%(duplicate)s” has been merged into “%(kept)s”.") % {
        "duplicate": log.duplicate_name, "kept": log.kept_name})
    return redirect(kept)


def _merge_reference(kind, text, field):
    if kind == "organisation":
        return queries.organisation_by_reference(text, field=field)
    if kind == "place":
        return queries.place_by_reference(text, field=field)
    text = text.strip()
    person = Person.objects.filter(pk=int(text)).first() if text.isdigit() else None
    if person is None:
        raise DomainError(_("Enter the number of the person's page."), field=field, code="not_found")
    return person


def _edit(request, record, permission, form_class, update, title, **form_kwargs):
    if not request.user.has_perm(permission, record):
        raise PermissionDenied
    form = form_class(request.POST or None, instance=record, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            update(form.cleaned_data)
        except DomainError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(record)
    return render(request, "directory/edit_entry.html", {"form": form, "title": title, "record": record})


@login_required
def person_edit(request, pk):
    person = get_object_or_404(Person.objects.prefetch_related("positions"), pk=pk)
    original = Person.objects.get(pk=pk)  # the form writes into `person`; the service gets a clean copy
    return _edit(request, person, "directory.edit_person", PersonEditForm,
                 lambda data: services.update_person(by=request.user, person=original, **data),
                 _("Edit %(name)s") % {"name": person}, user=request.user)


@login_required
def place_edit(request, code):
    place = get_object_or_404(Municipality, code=code)
    return _edit(request, place, "directory.edit_place", PlaceEditForm,
                 lambda data: services.update_place(by=request.user, place=place, **data),
                 _("Edit %(name)s") % {"name": place})
