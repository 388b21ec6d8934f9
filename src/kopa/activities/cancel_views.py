"""The organiser calls an activity off: a page that says who will be told, then services.cancel_activity."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kopa.core.errors import DomainError, attach_to_form

from . import notices, services
from .models import Activity
from .refusals import why_not_cancellable


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why it will not take place (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Written into the message as you type it; it is not translated."))


@login_required
def cancel_activity(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    if not request.user.has_perm("activities.change_activity", activity):
        raise PermissionDenied
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_activity(activity=activity, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            if error.code == "permission":
                raise PermissionDenied from error
            attach_to_form(form, error)
        else:
            messages.success(request, _("The activity is cancelled; those registered are being told."))
            return redirect(activity)
    told = activity.registrations.filter(status__in=notices.CANCELLED_TOLD).count()
    refusal = why_not_cancellable(activity)
    return render(request, "activities/activity_cancel.html", {
        "activity": activity, "form": form, "told": told, "refusal": refusal and str(refusal),
        "told_text": ngettext("%(count)d person who holds a seat or waits for one will be told.",
                              "%(count)d people who hold a seat or wait for one will be told.", told)
        % {"count": told}})
