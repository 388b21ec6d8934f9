from datetime import date, datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kopa.core.choice_fields import TranslatedNameChoiceField
from kopa.core.dates import STATED_DATE_FIELDS, DatePrecision, MonthPart, YearSource, stated_dates_text
from kopa.core.files import image_validators
from kopa.core.pickers import use_pickers
from kopa.core.translated import in_language_order
from kopa.directory.models import Country, Municipality, Organisation, Person, Position
from kopa.projects.forms import DateInput
from kopa.projects.models import Programme, Project
from kopa.topics.forms import TopicFilterField
from kopa.topics.models import Topic
from kopa.topics.queries import topics_for_choice

from .models import (
    Activity,
    Breakout,
    Contributor,
    Headcount,
    Participation,
    ProgrammeItem,
    Registration,
    Series,
    kinds,
)


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Text"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=lambda: [("", _("all kinds")), *kinds.choices()])
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.all(), required=False,
                                     empty_label=_("all projects"))
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), required=False, empty_label=_("all municipalities"), to_field_name="code",
        queryset=Municipality.objects.filter(hosted_activities__isnull=False).distinct(),
    )
    country = TranslatedNameChoiceField(label=_("Country"), required=False, empty_label=_("all countries"),
                                        to_field_name="code", queryset=Country.objects.order_by("code"))
    topic = TopicFilterField()
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100,
                              help_text=_("Only activities known to lie in that year."))
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=[
        ("-date", _("newest first")), ("date", _("oldest first"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Typed, not listed: a <select> of every project and municipality made the page megabytes at EU size.
        use_pickers(self, "project", "municipality")


class WorkingGroupFilterForm(forms.Form):
    topic = TopicFilterField()


class WorkingGroupTopicsForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(label=_("Topics"), queryset=Topic.objects.all(), required=False)


class RegistrationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or organisation"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("all")), *Registration.Status.choices])


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        place = obj.host_municipality or obj.venue
        return " — ".join(str(part) for part in (obj.number, stated_dates_text(obj), place) if part)


def _offer_sessions(form, activity) -> None:
    """Where an activity's sessions are separate events, a registration may be for one of them."""
    sessions = activity.sessions.select_related("host_municipality") if activity is not None else None
    if sessions is not None and sessions.exists():
        form.fields["session"] = SessionChoiceField(label=_("Session"), queryset=sessions, required=False,
                                                    empty_label=_("the whole activity"))


class RegisterPersonForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Colleague"), queryset=Person.objects.none())
    breakout = forms.ModelChoiceField(label=_("Parallel group"), queryset=Breakout.objects.none(), required=False,
                                      empty_label=_("none"))
    waitlist = forms.BooleanField(
        label=_("Put on the waiting list if no seat is free"), required=False, initial=True,
    )

    def __init__(self, *args, people=None, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else Person.objects.none()
        breakouts = activity.breakouts.all() if activity is not None else Breakout.objects.none()
        if breakouts.exists():
            self.fields["breakout"].queryset = breakouts
        else:
            del self.fields["breakout"]
        _offer_sessions(self, activity)


class SignUpForm(forms.Form):
    breakout = forms.ModelChoiceField(label=_("Parallel group"), queryset=Breakout.objects.none(), required=False,
                                      empty_label=_("none"))

    def __init__(self, *args, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["breakout"].queryset = activity.breakouts.all() if activity else Breakout.objects.none()
        _offer_sessions(self, activity)


class CloseForm(forms.Form):
    minutes_lv = forms.CharField(label=_("Minutes (Latvian)"), required=False, widget=forms.Textarea)
    minutes_lt = forms.CharField(label=_("Minutes (Lithuanian)"), required=False, widget=forms.Textarea)
    minutes_en = forms.CharField(label=_("Minutes (English)"), required=False, widget=forms.Textarea)
    minutes_public = forms.BooleanField(label=_("Publish the minutes on the public page"), required=False,
                                        help_text=_("Unticked, the minutes stay private: only the activity's "
                                                    "organisers see them."))


class OutcomeForm(forms.Form):
    title_lv = forms.CharField(label=_("Title (Latvian)"), max_length=300, required=False)
    title_lt = forms.CharField(label=_("Title (Lithuanian)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    text_lv = forms.CharField(label=_("Text (Latvian)"), required=False, widget=forms.Textarea)
    text_lt = forms.CharField(label=_("Text (Lithuanian)"), required=False, widget=forms.Textarea)
    text_en = forms.CharField(label=_("Text (English)"), required=False, widget=forms.Textarea)


class PhotoForm(forms.Form):
    image = forms.ImageField(label=_("Image"), validators=image_validators)
    caption_lv = forms.CharField(label=_("Caption (Latvian)"), max_length=500)
    alt_text_lv = forms.CharField(label=_("What the photo shows, for those who cannot see it"), max_length=500)
    people = forms.ModelMultipleChoiceField(label=_("People shown"), queryset=Person.objects.none(), required=False)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people if people is not None else Person.objects.none()
        use_pickers(self, "people")  # the people of an activity of hundreds


# Recording an activity as its source describes it ---------------------------------------------------------

LANGUAGE_NAMES = {"lv": _("Latvian"), "lt": _("Lithuanian"), "en": _("English")}


def _translated(form_fields: dict, name: str, label, *, max_length=None, textarea=False):
    """The three language columns of one field; any one language is enough."""
    for code, language in LANGUAGE_NAMES.items():
        widget = forms.Textarea(attrs={"rows": 3, "lang": code}) if textarea else forms.TextInput(attrs={"lang": code})
        form_fields[f"{name}_{code}"] = forms.CharField(
            label=format_lazy("{} ({})", label, language), required=False, max_length=max_length, widget=widget)


def _months():
    """Month names in the reader's language, read when the form is shown (a callable: not when the module loads)."""
    return [("", "—"), *[(n, date_format(date(2000, n, 1), "F")) for n in range(1, 13)]]


def LazyMonths(**kwargs):  # noqa: N802  (reads as the field class it builds)
    return forms.TypedChoiceField(choices=_months, coerce=int, empty_value=None, required=False, **kwargs)


class DaysField(forms.CharField):
    """Separate days, written as YYYY-MM-DD and separated by commas or spaces."""

    def to_python(self, value):
        value = super().to_python(value) or ""
        days = []
        for part in value.replace(",", " ").split():
            try:
                days.append(date.fromisoformat(part))
            except ValueError as error:
                raise forms.ValidationError(_("A day is written as YYYY-MM-DD.")) from error
        return days

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return value


def stated_date_fields() -> dict:
    """The fields of a date as precisely as its source states it — one set for an activity and a session."""
    return {
        "date_precision": forms.ChoiceField(
            label=_("How precisely is the date known?"), choices=DatePrecision.choices, initial=DatePrecision.DAY,
            help_text=_("Record what the source says; never invent a day or a year.")),
        "start_date": forms.DateField(label=_("Start (or a day in the month)"), required=False, widget=DateInput()),
        "end_date": forms.DateField(label=_("End"), required=False, widget=DateInput()),
        "stated_day": forms.IntegerField(label=_("Day (year not stated)"), required=False, min_value=1,
                                         max_value=31),
        "stated_month": LazyMonths(label=_("Month (year not stated)")),
        "stated_end_day": forms.IntegerField(label=_("Last day (year not stated)"), required=False, min_value=1,
                                             max_value=31),
        "stated_end_month": LazyMonths(label=_("Month of the last day")),
        "month_part": forms.ChoiceField(label=_("Part of the month"), required=False,
                                        choices=[("", "—"), *MonthPart.choices]),
        "days": DaysField(label=_("Separate days"), required=False, help_text=_("e.g. 2020-03-03, 2020-03-05")),
        "year_from": forms.IntegerField(
            label=_("Earliest year"), required=False, min_value=1900, max_value=2100,
            help_text=_("For a year only, or the years a date without a year may lie in.")),
        "year_to": forms.IntegerField(label=_("Latest year"), required=False, min_value=1900, max_value=2100),
        "inferred_year": forms.IntegerField(label=_("Inferred year"), required=False, min_value=1900,
                                            max_value=2100),
        "year_source": forms.ChoiceField(label=_("The year was inferred"), required=False,
                                         choices=[("", "—"), *YearSource.choices]),
        "provisional": forms.BooleanField(label=_("Provisional (announced, not confirmed)"), required=False),
    }


def stated_date_arguments(cleaned: dict) -> dict:
    """What the date fields hold, as the services take it (empty text, not None; ISO days)."""
    data = {name: cleaned.get(name) for name in STATED_DATE_FIELDS}
    data["month_part"], data["year_source"] = data["month_part"] or "", data["year_source"] or ""
    data["days"] = [d.isoformat() for d in data["days"] or []]
    return data


REGISTRATION_CLOSES_DAYS_BEFORE = 1  # organisers need the list of participants the day before


def default_registration_deadline(cleaned: dict):
    """A new activity still to come, on a day the source states: registration closes at the end of the day before
    it starts. Otherwise none — a deadline is never invented for a past activity or a date only roughly known."""
    precision = cleaned.get("date_precision")
    if precision == DatePrecision.DAY:
        first = cleaned.get("start_date")
    elif precision == DatePrecision.DAYS:
        first = min(cleaned.get("days") or [], default=None)
    else:
        first = None
    if first is None or first <= timezone.localdate():
        return None
    last_day = first - timedelta(days=REGISTRATION_CLOSES_DAYS_BEFORE)
    return timezone.make_aware(datetime.combine(last_day, time(23, 59)))


def default_capacity(cleaned: dict):
    """A new activity with no capacity given takes the seats of its host's venue, where a host states them (the
    smallest, when several do: the activity must fit in each). None when no host states any."""
    stated = [host.venue_capacity for host in cleaned.get("hosts") or () if host.venue_capacity is not None]
    return min(stated, default=None)


class ActivityForm(forms.Form):
    """What a coordinator types about an activity; the rules (a title, dates that fit, a deadline before the
    activity, a project they coordinate) are the services', shown on the fields they concern."""

    kind = forms.ChoiceField(label=_("Kind"), choices=kinds.choices)
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none(), required=False,
                                     empty_label=_("none"))
    format = forms.ChoiceField(label=_("Format"), choices=Activity.Format.choices)
    online_link = forms.URLField(label=_("Online link"), required=False)
    organisers = forms.ModelMultipleChoiceField(label=_("Organisers"), queryset=Organisation.objects.none(),
                                                required=False, help_text=_("Leave empty if the source names none."))
    hosts = forms.ModelMultipleChoiceField(label=_("Host institutions"), queryset=Organisation.objects.none(),
                                           required=False)
    host_municipalities = forms.ModelMultipleChoiceField(label=_("Host municipalities"), required=False,
                                                         queryset=Municipality.objects.none())
    topics = forms.ModelMultipleChoiceField(label=_("Topics"), queryset=Topic.objects.none(), required=False)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.none(), required=False,
                                     empty_label=_("from the hosts"),
                                     help_text=_("When the source names no host place; else the hosts' countries."))
    of_programme = forms.ModelChoiceField(label=_("Event of the programme"), queryset=Programme.objects.none(),
                                          required=False, empty_label=_("none"),
                                       help_text=_("A launch or an info day of a programme, in no project."))
    capacity = forms.IntegerField(label=_("Seats"), required=False, min_value=0)
    quota_per_organisation = forms.IntegerField(label=_("Seats per organisation"), required=False, min_value=0)
    registration_deadline = forms.DateTimeField(label=_("Registration deadline"), required=False,
                                                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    TRANSLATED = [("title", _("Title"), 300, False), ("purpose", _("Purpose"), 500, False),
                  ("description", _("Description"), None, True), ("target_audience", _("Target audience"), 500, False),
                  ("practical_arrangements", _("Practical arrangements"), None, True),
                  ("venue", _("Venue"), 300, False), ("date_note", _("Note on the date"), 300, False)]

    def __init__(self, *args, projects=None, new=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.new = new
        if new:
            self.fields["registration_deadline"].help_text = _(
                "Left empty, registration closes at the end of the day before the start (for an activity still to "
                "come, on a known day).")
            self.fields["capacity"].help_text = _(
                "Left empty, the seats of the host institution's venue, where its directory entry states them.")
        extra = stated_date_fields()
        for name, label, max_length, textarea in self.TRANSLATED:
            _translated(extra, name, label, max_length=max_length, textarea=textarea)
        self.fields.update(extra)
        self.fields["project"].queryset = projects if projects is not None else Project.objects.none()
        organisations = Organisation.objects.order_by(in_language_order("name"), "pk")
        self.fields["organisers"].queryset = organisations
        self.fields["hosts"].queryset = organisations
        self.fields["host_municipalities"].queryset = Municipality.objects.order_by(in_language_order("name"), "pk")
        self.fields["topics"].queryset = topics_for_choice(Topic.objects.all())
        self.fields["country"].queryset = Country.objects.order_by(in_language_order("name"), "pk")
        self.fields["of_programme"].queryset = Programme.objects.order_by(in_language_order("name"), "pk")
        use_pickers(self, "project", "organisers", "hosts", "host_municipalities")

    def _bound(self, *names):
        return [self[name] for name in names]

    def _languages(self, name):
        return [self[f"{name}_{code}"] for code in LANGUAGE_NAMES]

    # Groups of fields for the page (what, when, where and who, texts, registration).
    @property
    def title_fields(self):
        return self._languages("title")

    @property
    def date_fields(self):
        return self._bound(*STATED_DATE_FIELDS) + self._languages("date_note")

    @property
    def place_fields(self):
        return self._bound("format", "host_municipalities", "hosts", "country", "organisers", "of_programme") + \
            self._languages("venue") + self._bound("online_link")

    @property
    def text_groups(self):
        return [self._languages(name) for name in ("purpose", "description", "target_audience",
                                                   "practical_arrangements")]

    @property
    def registration_fields(self):
        return self._bound("capacity", "quota_per_organisation", "registration_deadline")

    def service_arguments(self) -> dict:
        data = self.cleaned_data | {"online_link": self.cleaned_data.get("online_link") or ""} | \
            stated_date_arguments(self.cleaned_data)
        if self.new and data.get("registration_deadline") is None:
            data["registration_deadline"] = default_registration_deadline(self.cleaned_data)
        if self.new and data.get("capacity") is None:
            data["capacity"] = default_capacity(self.cleaned_data)
        return data

    @classmethod
    def initial_for(cls, activity) -> dict:
        initial = {name: getattr(activity, name) for name in (
            *STATED_DATE_FIELDS, "kind", "project", "format", "online_link", "capacity", "quota_per_organisation",
            "registration_deadline", "country", "of_programme")}
        for name, *_rest in cls.TRANSLATED:
            for code in LANGUAGE_NAMES:
                initial[f"{name}_{code}"] = getattr(activity, f"{name}_{code}")
        for name in ("organisers", "hosts", "host_municipalities", "topics"):
            initial[name] = list(getattr(activity, name).all())
        return initial


class ParticipationForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(),
                                          required=False, empty_label=_("none named"))
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.none(),
                                          required=False, empty_label=_("none named"),
                                          help_text=_("If the source names a municipality, not an organisation."))
    role = forms.ChoiceField(label=_("Role"), choices=Participation.Role.choices)
    delegation_size = forms.IntegerField(label=_("People in the delegation"), required=False, min_value=0)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.none(), required=False,
                                     empty_label=_("as in the directory"))
    source = forms.CharField(label=_("Source"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by(in_language_order("name"), "pk")
        self.fields["municipality"].queryset = Municipality.objects.order_by(in_language_order("name"), "pk")
        self.fields["country"].queryset = Country.objects.order_by(in_language_order("name"), "pk")
        use_pickers(self, "organisation", "municipality")


class HeadcountForm(forms.Form):
    counts = forms.ChoiceField(label=_("Who is counted"), choices=Headcount.Counts.choices)
    qualifier = forms.ChoiceField(label=_("Qualifier"), choices=Headcount.Qualifier.choices)
    # Not min_value here: the service's message ("a number of people is zero or more") is the one shown.
    value = forms.IntegerField(label=_("Number"))
    organisation = forms.ModelChoiceField(label=_("Only the people of"), queryset=Organisation.objects.none(),
                                          required=False, empty_label=_("the whole activity"))
    source = forms.CharField(label=_("Where the number comes from"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by(in_language_order("name"), "pk")
        use_pickers(self, "organisation")


class ContributorForm(forms.Form):
    """Someone with a role at the activity, as the source names them; the service says what is missing."""

    role = forms.ChoiceField(label=_("Role"), choices=Contributor.Role.choices)
    part = forms.ChoiceField(label=_("Where"), required=False,
                             help_text=_("A programme item or a parallel group; empty: the whole activity."))
    position = forms.ModelChoiceField(label=_("Person with a position"), queryset=Position.objects.none(),
                                      required=False, empty_label=_("none"))
    person = forms.ModelChoiceField(label=_("Person (no position recorded, or the holder of the office)"),
                                    queryset=Person.objects.none(), required=False, empty_label=_("none"))
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(),
                                          required=False, empty_label=_("none"),
                                          help_text=_("Presenting with no named speaker, or the one a described "
                                                      "role belongs to."))
    name_as_written = forms.CharField(label=_("Name as written in the source"), max_length=200, required=False,
                                      help_text=_("e.g. initials: J. Bērziņš"))

    def __init__(self, *args, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        extra = {}
        _translated(extra, "office", _("Office (e.g. the Ambassador of Norway to Latvia)"), max_length=300)
        _translated(extra, "description", _("Description of the role (e.g. a freelance lecturer)"), max_length=300)
        self.fields.update(extra)
        self.fields["position"].queryset = Position.objects.select_related("person", "organisation").order_by(
            "person__last_name", "person__first_name", "pk")
        self.fields["person"].queryset = Person.objects.order_by("last_name", "first_name", "pk")
        self.fields["organisation"].queryset = Organisation.objects.order_by(in_language_order("name"), "pk")
        use_pickers(self, "position", "person", "organisation")  # the whole directory's people and positions
        parts = [("", _("the whole activity"))]
        if activity is not None:
            parts += [(f"item-{item.pk}", item.title) for item in activity.programme.all()]
            parts += [(f"breakout-{b.pk}", b.theme or _("Group %(number)d") % {"number": n})
                      for n, b in enumerate(activity.breakouts.all(), start=1)]
        self.fields["part"].choices = parts
        if activity is None:
            del self.fields["part"]  # a role in a whole project
        self.activity = activity

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        part = data.pop("part", "") or ""
        kind, _sep, pk = part.partition("-")
        data["programme_item"] = self.activity.programme.get(pk=pk) if kind == "item" else None
        data["breakout"] = self.activity.breakouts.get(pk=pk) if kind == "breakout" else None
        return data


class PublicityForm(forms.Form):
    in_office = forms.BooleanField(label=_("Acting in a public office"), required=False)
    published_by_source = forms.BooleanField(label=_("Name already published by the source"), required=False)


class PositionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        period = ""
        if obj.start_date or obj.end_date:
            period = f" ({obj.start_date.year if obj.start_date else '…'}–{obj.end_date.year if obj.end_date else ''})"
        return f"{obj.person}, {obj.title}, {obj.organisation}{period}"


class PastAttendanceForm(forms.Form):
    """A named person at an activity that has taken place, with the position they held then."""

    position = PositionChoiceField(label=_("Person and the position they held then"), queryset=Position.objects.none())
    attended = forms.TypedChoiceField(label=_("Attendance"), coerce=lambda v: v == "yes", choices=[
        ("yes", _("took part")), ("no", _("was expected and did not come"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = Position.objects.select_related("person", "organisation").order_by(
            "person__last_name", "person__first_name", "-start_date", "pk")
        use_pickers(self, "position")  # every position in the directory: typed (the person's name), not listed


class SessionForm(forms.Form):
    """One date and place of an activity held several times."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(stated_date_fields())
        self.fields["host_municipality"] = forms.ModelChoiceField(
            label=_("Host municipality"), required=False, empty_label=_("none named"),
            queryset=Municipality.objects.order_by(in_language_order("name"), "pk"))
        self.fields["hosts"] = forms.ModelMultipleChoiceField(
            label=_("Host institutions"), required=False,
            queryset=Organisation.objects.order_by(in_language_order("name"), "pk"))
        use_pickers(self, "host_municipality", "hosts")
        _translated(self.fields, "venue", _("Venue"), max_length=300)
        _translated(self.fields, "title", _("Title"), max_length=300)
        self.fields["capacity"] = forms.IntegerField(label=_("Seats of this session"), required=False, min_value=0)

    def service_arguments(self) -> dict:
        texts = {f"{field}_{code}": self.cleaned_data[f"{field}_{code}"] or ""
                 for field in ("venue", "title") for code in LANGUAGE_NAMES}
        return stated_date_arguments(self.cleaned_data) | texts | {
            "host_municipality": self.cleaned_data["host_municipality"], "capacity": self.cleaned_data["capacity"],
            "hosts": list(self.cleaned_data["hosts"])}


class ProgrammeItemForm(forms.Form):
    day = forms.DateField(label=_("Day"), required=False, widget=DateInput(),
                          help_text=_("Leave empty if the source does not say on which day."))
    stated_day = forms.IntegerField(label=_("Day of the month, if the year is not stated"), required=False,
                                    min_value=1, max_value=31)
    stated_month = LazyMonths(label=_("Month, if the year is not stated"))
    provisional = forms.BooleanField(label=_("Provisional (announced, not confirmed)"), required=False)
    start_time = forms.TimeField(label=_("From"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Until"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeItem.Kind.choices)
    place = forms.ModelChoiceField(label=_("Institution visited or where it took place"), required=False,
                                   queryset=Organisation.objects.none(), empty_label=_("none named"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _translated(self.fields, "title", _("Title"), max_length=300)
        self.fields["place"].queryset = Organisation.objects.order_by(in_language_order("name"), "pk")
        use_pickers(self, "place")
        self.fields["topics"] = forms.ModelMultipleChoiceField(label=_("Topics"), required=False,
                                                               queryset=topics_for_choice(Topic.objects.all()))

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["topics"] = list(data["topics"])
        return data


class AwardForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), required=False, queryset=Person.objects.none(),
                                    empty_label=_("none named"))
    organisation = forms.ModelChoiceField(label=_("Organisation"), required=False,
                                          queryset=Organisation.objects.none(), empty_label=_("none named"))

    def __init__(self, *args, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        _translated(self.fields, "title", _("Award"), max_length=300)
        _translated(self.fields, "recipient", _("Recipient, as the source names it"), max_length=300)
        # People of this activity only: an award goes to someone who was there.
        self.fields["person"].queryset = Person.objects.filter(registrations__activity=activity).distinct().order_by(
            "last_name", "first_name") if activity else Person.objects.none()
        self.fields["organisation"].queryset = Organisation.objects.order_by(in_language_order("name"), "pk")
        use_pickers(self, "person", "organisation")  # a conference's people by name, not a list of thousands

    def service_arguments(self) -> dict:
        return {k: (v if v is not None else None) if k in ("person", "organisation") else (v or "")
                for k, v in self.cleaned_data.items()}


class SeriesPlacementForm(forms.Form):
    series = forms.ModelChoiceField(label=_("Series"), required=False, queryset=Series.objects.none(),
                                    empty_label=_("none"))
    series_number = forms.IntegerField(label=_("Number in the series"), required=False, min_value=1)
    series_marker = forms.ChoiceField(label=_("Marker"), required=False,
                                      choices=[("", "—"), *Activity.SeriesMarker.choices])
    other_kinds = forms.MultipleChoiceField(label=_("Also of kinds"), required=False, choices=kinds.choices,
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = Series.objects.order_by(in_language_order("name"), "pk")


class SeriesForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Series.Kind.choices)
    planned_count = forms.IntegerField(label=_("Planned number"), required=False, min_value=1,
                                       help_text=_("As announced (“a course of six sessions”)."))
    project = forms.ModelChoiceField(label=_("Project"), required=False, queryset=Project.objects.none(),
                                     empty_label=_("none"))

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        _translated(self.fields, "name", _("Name"), max_length=300)
        _translated(self.fields, "description", _("Description"), textarea=True)
        self.fields["project"].queryset = projects if projects is not None else Project.objects.none()
        use_pickers(self, "project")

    def service_arguments(self) -> dict:
        return {k: (v or "") if k.startswith(("name_", "description_")) else v for k, v in self.cleaned_data.items()}

    @staticmethod
    def initial_for(series) -> dict:
        if series is None:
            return {}
        fields = ["kind", "planned_count", "project", *(f"{f}_{c}" for f in ("name", "description")
                                                         for c in LANGUAGE_NAMES)]
        return {name: getattr(series, name) for name in fields}


class KindForm(forms.Form):
    """A kind of activity the list lacks, named in any one language (or more)."""

    name_lv = forms.CharField(label=_("Name in Latvian"), required=False, max_length=100)
    name_lt = forms.CharField(label=_("Name in Lithuanian"), required=False, max_length=100)
    name_en = forms.CharField(label=_("Name in English"), required=False, max_length=100)

    def service_arguments(self) -> dict:
        return dict(self.cleaned_data)


class SeriesFilterForm(forms.Form):
    q = forms.CharField(label=_("Text"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("all kinds")), *Series.Kind.choices])
    topic = TopicFilterField()


class CopyForm(forms.Form):
    """The new date of a copy: its programme and sessions move with it."""

    start_date = forms.DateField(label=_("First day of the copy"), widget=DateInput())
    end_date = forms.DateField(label=_("Last day"), required=False, widget=DateInput(),
                               help_text=_("Empty: as many days as the original."))

    def service_arguments(self) -> dict:
        return dict(self.cleaned_data)
