from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError, attach_to_form
from kopa.core.pages import paginate

from . import queries, services
from .forms import MunicipalityFilterForm, OrganisationFilterForm, OrganisationForm
from .models import Municipality, Organisation
from .naming import may_name


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


def municipality_detail(request, code):
    try:
        context = queries.municipality_page(code)
    except Municipality.DoesNotExist:
        return render(request, "core/not_found.html", status=404)
    return render(request, "directory/municipality_detail.html", context)


def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    form.is_valid()  # a bad filter is reported on the form; the valid ones still apply
    filters = getattr(form, "cleaned_data", {})
    organisations = queries.organisation_list(
        country=filters.get("country"), kind=filters.get("kind") or "", text=filters.get("q") or ""
    )
    return render(request, "directory/organisation_list.html", {"form": form, "page": paginate(request, organisations)})


def organisation_detail(request, slug):
    try:
        context = queries.organisation_page(slug)
    except Organisation.DoesNotExist:
        return render(request, "core/not_found.html", status=404)
    organisation = context["organisation"]
    # E-mail addresses are personal data: the column exists only for those who may see some of them.
    # People are listed only where the naming rule lets the viewer see their names.
    context["perms_contacts"] = request.user.has_perm("directory.view_person_contact")
    context["positions"] = []
    for position in organisation.positions.all():
        if may_name(position.person, request.user):
            sees_contact = context["perms_contacts"] and request.user.has_perm(
                "directory.view_person_contact", position.person
            )
            context["positions"].append((position, sees_contact))
    return render(request, "directory/organisation_detail.html", context)


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
