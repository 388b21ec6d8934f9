"""Pages of the outbox: an activity's messages and mailings for its organisers; leaving non-essential mail (the
link in List-Unsubscribe, one click)."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from kopa.core.pages import act, paginate
from kopa.core.pickers import use_pickers
from kopa.directory.models import Person

from . import mailings, services
from .delivery import UNSUBSCRIBE_SALT
from .kinds import kind
from .models import Message


@csrf_exempt  # the signed link is the authority; mail programs post to it without a form (RFC 8058)
def unsubscribe(request, token):
    try:
        person = Person.objects.get(pk=signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, Person.DoesNotExist):
        raise Http404 from None
    if person.erased_at is not None:  # an old link of someone whose data is gone
        raise Http404
    done = False
    if request.method == "POST":
        services.opt_out(person=person, opted_out=request.POST.get("again") != "1")
        done = True
    return render(request, "messaging/unsubscribe.html", {"person": person, "done": done})


class MailingForm(forms.Form):
    """A mailing: its text in one or more languages (each person gets theirs, else the sender's), and whom it
    is for — by status (attended, did not come… ), organisation, parallel group or session — with the activity's
    materials attached."""

    statuses = forms.MultipleChoiceField(label=_("To those who are"), required=False,
                                         widget=forms.CheckboxSelectMultiple,
                                         help_text=_("None ticked: everyone registered except those cancelled."))
    organisation = forms.ModelChoiceField(label=_("Only the staff of"), required=False, queryset=None,
                                          empty_label=_("every organisation"))
    breakout = forms.ModelChoiceField(label=_("Only the parallel group"), required=False, queryset=None,
                                      empty_label=_("every group"))
    session = forms.ModelChoiceField(label=_("Only the session"), required=False, queryset=None,
                                     empty_label=_("every session"))
    materials = forms.ModelMultipleChoiceField(label=_("Attach materials"), required=False, queryset=None,
                                               widget=forms.CheckboxSelectMultiple)
    copy_to_sender = forms.BooleanField(label=_("Send me a copy"), required=False, initial=True)

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        from kopa.activities.models import Registration
        from kopa.directory.models import Organisation

        # The placeholders the service accepts (one list, in kinds), so the help never promises another.
        placeholders = _("You may use these placeholders: %(names)s.") % {
            "names": ", ".join("{" + name + "}" for name in kind("mailing").placeholders)}
        texts = {}
        for code, name in settings.LANGUAGES:
            texts[f"subject_{code}"] = forms.CharField(label=_("Subject (%(language)s)") % {"language": name},
                                                       max_length=300, required=False)
            texts[f"body_{code}"] = forms.CharField(
                label=_("Text (%(language)s)") % {"language": name}, required=False, help_text=placeholders,
                widget=forms.Textarea(attrs={"rows": 8}))
        self.fields = {**texts, **self.fields}
        self.fields["statuses"].choices = [(s, Registration.Status(s).label) for s in mailings.STATUSES]
        registered = Registration.objects.filter(activity=activity).exclude(organisation=None)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=registered.values("organisation")).order_by("name")
        use_pickers(self, "organisation")  # a conference's registrations come from thousands of organisations
        self.fields["breakout"].queryset = activity.breakouts.all()
        self.fields["session"].queryset = activity.sessions.order_by("number")
        self.fields["materials"].queryset = activity.materials.all()
        # Choices the activity does not have are not offered at all.
        for name in ("breakout", "session", "materials"):
            if not self.fields[name].queryset.exists():
                del self.fields[name]

    def clean(self):
        data = super().clean()
        written = {code: (data.get(f"subject_{code}", "").strip(), data.get(f"body_{code}", "").strip())
                   for code in services.LANGUAGES}
        if any(bool(s) != bool(b) for s, b in written.values()):
            raise forms.ValidationError(_("Write both a subject and a text in each language you use."))
        data["texts"] = {code: pair for code, pair in written.items() if pair[0]}
        if not data["texts"]:
            raise forms.ValidationError(_("Write a subject and a text in at least one language."))
        return data

    def default_text(self, language: str) -> tuple[str, str]:
        """What those get whose language has no text: the sender's language, else the first one written."""
        texts = self.cleaned_data["texts"]
        return texts.get(language) or next(iter(texts.values()))


@login_required
def activity_messages(request, pk):
    """The organiser's outbox of one activity: write a mailing, see how mailings go and every message's state."""
    from kopa.activities.models import Activity

    activity = get_object_or_404(Activity, pk=pk)
    if not request.user.has_perm("activities.manage_registrations", activity):
        raise PermissionDenied
    form = MailingForm(request.POST or None, activity=activity)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        subject, body = form.default_text(request.LANGUAGE_CODE)
        started = act(request, lambda: mailings.start_mailing(
            activity=activity, by=request.user, subject=subject, body=body, texts=data["texts"],
            statuses=data["statuses"], organisation=data["organisation"], breakout=data.get("breakout"),
            session=data.get("session"), materials=data.get("materials") or (),
            copy_to_sender=data["copy_to_sender"]),
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
