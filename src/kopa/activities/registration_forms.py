"""Forms of the organiser's registration list: its filters, the ticked-rows actions, finding or adding a colleague."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kopa.accounts.permissions import coordinated_organisation_ids
from kopa.core.pickers import use_pickers
from kopa.core.translated import in_language_order
from kopa.directory.models import Organisation

from .forms import RegisterPersonForm
from .models import Activity, Registration
from .registration_list import SORT_KEYS, find_people, organisations_registered

NONE = "none"


def _session_label(session) -> str:
    return _("Session %(number)s") % {"number": session.number} + (f" — {session.title}" if session.title else "")


def _breakout_label(breakout) -> str:
    return breakout.theme or _("Group %(number)s") % {"number": breakout.pk}


class RegistrationListForm(forms.Form):
    """Filters of the list, read from the address (GET): the list works without JavaScript and can be bookmarked."""

    q = forms.CharField(label=_("Name, organisation or e-mail"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("all")), *Registration.Status.choices])
    organisation = forms.ModelChoiceField(label=_("Organisation"), required=False, queryset=Organisation.objects.none(),
                                          empty_label=_("all"))
    session = forms.ChoiceField(label=_("Session"), required=False)
    breakout = forms.ChoiceField(label=_("Parallel group"), required=False)
    attended = forms.ChoiceField(label=_("Attended"), required=False,
                                 choices=[("", _("all")), ("yes", _("attended")), ("no", _("not (yet) attended"))])
    sort = forms.ChoiceField(required=False, widget=forms.HiddenInput,
                             choices=[("", "")] + [(k, k) for key in SORT_KEYS for k in (key, f"-{key}")])

    def __init__(self, *args, activity: Activity, sessions, breakouts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_registered(activity)
        use_pickers(self, "organisation")  # a conference has registrations from thousands of organisations
        self._sessions = {str(s.pk): s for s in sessions}
        self._breakouts = {str(b.pk): b for b in breakouts}
        if self._sessions:
            self.fields["session"].choices = [("", _("all")), (NONE, _("the whole activity")),
                                              *((pk, _session_label(s)) for pk, s in self._sessions.items())]
        else:
            del self.fields["session"]
        if self._breakouts:
            self.fields["breakout"].choices = [("", _("all")), (NONE, _("no group")),
                                               *((pk, _breakout_label(b)) for pk, b in self._breakouts.items())]
        else:
            del self.fields["breakout"]

    def filters(self) -> dict:
        """The valid filters as registration_rows takes them (a bad one is reported on the form, the rest apply)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        session, breakout = data.get("session") or "", data.get("breakout") or ""
        return {
            "text": data.get("q") or "", "status": data.get("status") or "", "organisation": data.get("organisation"),
            "session": NONE if session == NONE else self._sessions.get(session),
            "breakout": NONE if breakout == NONE else self._breakouts.get(breakout),
            "attended": data.get("attended") or "", "sort": data.get("sort") or "queue",
        }


class BulkActionForm(forms.Form):
    """The ticked rows and what to do with them."""

    ACTIONS = [("confirm", _("Confirm")), ("cancel", _("Cancel")), ("move", _("Move")), ("attend", _("Mark attended"))]

    selected = forms.ModelMultipleChoiceField(queryset=Registration.objects.none(),
                                              error_messages={"required": _("Tick at least one registration.")})
    action = forms.ChoiceField(choices=ACTIONS)
    target = forms.ChoiceField(label=_("Move to"), required=False)

    def __init__(self, *args, activity: Activity, sessions, breakouts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selected"].queryset = Registration.objects.filter(activity=activity).select_related("person")
        self._targets = {}
        choices = [("", _("choose"))]
        if sessions:
            self._targets[f"session-{NONE}"] = ("session", None)
            choices.append((f"session-{NONE}", _("the whole activity (no session)")))
            for session in sessions:
                self._targets[f"session-{session.pk}"] = ("session", session)
                choices.append((f"session-{session.pk}", _session_label(session)))
        if breakouts:
            self._targets[f"breakout-{NONE}"] = ("breakout", None)
            choices.append((f"breakout-{NONE}", _("no parallel group")))
            for breakout in breakouts:
                self._targets[f"breakout-{breakout.pk}"] = ("breakout", breakout)
                choices.append((f"breakout-{breakout.pk}", _breakout_label(breakout)))
        self.fields["target"].choices = choices
        self.fields["target"].widget.attrs["form"] = "bulk-form"  # the select sits below the table, outside the form

    def clean(self):
        data = super().clean()
        if data.get("action") == "move" and not data.get("target"):
            self.add_error("target", _("Choose where to move them."))
        return data

    def move_to(self) -> dict:
        """The keyword argument of services.move for the chosen target (session= or breakout=)."""
        kind, obj = self._targets[self.cleaned_data["target"]]
        return {kind: obj}


class FindColleagueForm(forms.Form):
    find = forms.CharField(label=_("Find a colleague by name"), required=False, max_length=200)


class RegisterFoundForm(RegisterPersonForm):
    """Register someone found by name: the drop-down offers the matches only (or, where the user may register few
    people, all of them); any person the user may register is accepted."""

    SHOWN_AT_ONCE = 20

    def __init__(self, *args, people, activity, find: str = "", **kwargs):
        super().__init__(*args, people=people, activity=activity, **kwargs)
        field = self.fields["person"]
        if find:
            shown = find_people(people, find)
        else:
            few = list(people[: self.SHOWN_AT_ONCE + 1])
            shown = few if len(few) <= self.SHOWN_AT_ONCE else []
        chosen = self.data.get("person") if self.is_bound else None
        if chosen and str(chosen).isdigit() and all(str(p.pk) != chosen for p in shown):
            shown = [*shown, *people.filter(pk=chosen)]  # keep the posted choice on the redisplayed form
        self.offers_choice = bool(shown)
        field.choices = [("", "---------"), *((p.pk, str(p)) for p in shown)]


def organisations_for_new_colleague(activity: Activity, user, organiser: bool):
    """Where a new colleague may work: for a partner coordinator the organisations they coordinate; for the
    organiser also the activity's organisers, its project's partners and those already registered."""
    mine = Q(pk__in=coordinated_organisation_ids(user))
    if organiser:
        mine |= Q(organised_activities=activity) | Q(registrations__activity=activity)
        if activity.project_id:
            mine |= Q(partnerships__project_id=activity.project_id)
    return Organisation.objects.filter(mine).distinct().order_by(in_language_order("name"), "pk")


class NewColleagueForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"), required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    position_title = forms.CharField(label=_("Position"), max_length=300)
    waitlist = forms.BooleanField(label=_("Put on the waiting list if no seat is free"), required=False, initial=True)
    confirm_new = forms.BooleanField(
        label=_("This is a different person: add them to the directory anyway"), required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        use_pickers(self, "organisation")  # an administrator's organisations are every organisation
