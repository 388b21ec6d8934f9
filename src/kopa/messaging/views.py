"""Pages of the outbox: an activity's messages and mailings for its organisers; leaving non-essential mail (the
link in List-Unsubscribe, one click)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from kopa.core.pages import act, paginate
from kopa.directory.models import Person

from . import mailings, services
from .delivery import UNSUBSCRIBE_SALT
from .models import Message


@csrf_exempt  # the signed link is the authority; mail programs post to it without a form (RFC 8058)
def unsubscribe(request, token):
    try:
        person = Person.objects.get(pk=signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, Person.DoesNotExist):
        raise Http404 from None
    done = False
    if request.method == "POST":
        services.opt_out(person=person, opted_out=request.POST.get("again") != "1")
        done = True
    return render(request, "messaging/unsubscribe.html", {"person": person, "done": done})


class MailingForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("You may use {name}, {activity}, {dates}, {place}, {online_link} and "
                                       "{activity_link}."))
    statuses = forms.MultipleChoiceField(label=_("To those who are"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    copy_to_sender = forms.BooleanField(label=_("Send me a copy"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from kopa.activities.models import Registration

        self.fields["statuses"].choices = [(s, Registration.Status(s).label) for s in mailings.STATUSES]


@login_required
def activity_messages(request, pk):
    """The organiser's outbox of one activity: write a mailing, see how mailings go and every message's state."""
    from kopa.activities.models import Activity

    activity = get_object_or_404(Activity, pk=pk)
    if not request.user.has_perm("activities.manage_registrations", activity):
        raise PermissionDenied
    form = MailingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        started = act(request, lambda: mailings.start_mailing(
            activity=activity, by=request.user, subject=data["subject"], body=data["body"],
            statuses=data["statuses"], copy_to_sender=data["copy_to_sender"]),
            done=_("The mailing is being sent; its progress is shown below."))
        if started:
            return redirect("messaging:activity", pk=activity.pk)
    state = request.GET.get("state", "")
    rows = Message.objects.filter(activity=activity).order_by("-created_at", "-pk")
    if state in Message.State.values:
        rows = rows.filter(state=state)
    recent = list(activity.mailings.order_by("-created_at")[:10])
    counts = mailings.progress(recent)
    return render(request, "messaging/activity_messages.html", {
        "activity": activity, "form": form, "page": paginate(request, rows), "state": state,
        "states": Message.State.choices,
        "mailings": [(m, [counts[m.pk].get(code, 0) for code, _label in Message.State.choices]) for m in recent]})
