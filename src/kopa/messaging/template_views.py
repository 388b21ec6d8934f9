"""The organiser's template editor: for a project or one activity, the kinds of message participants receive,
each with its own wording in lv/lt/en (placeholders checked when saved), a preview with real data (saved or
just typed) and the way back to Kopā's default."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kopa.core.errors import DomainError, attach_to_form

from . import placeholders, previews, services, template_services
from .kinds import ACTIVITY, KINDS
from .models import MessageTemplate

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# What participants receive; an organiser's mailing is written anew each time, so it has no template.
EDITABLE = [kind for kind in KINDS.values() if not kind.for_organisers and kind.automatic]


class TemplateForm(forms.Form):
    preview_language = forms.ChoiceField(label=gettext_lazy("Preview in"), choices=settings.LANGUAGES,
                                         required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in LANGUAGES:
            self.fields[f"subject_{code}"] = forms.CharField(
                label=capfirst(MessageTemplate._meta.get_field(f"subject_{code}").verbose_name), max_length=300,
                required=False)
            self.fields[f"body_{code}"] = forms.CharField(
                label=capfirst(MessageTemplate._meta.get_field(f"body_{code}").verbose_name), required=False,
                widget=forms.Textarea(attrs={"rows": 8}))

    def texts(self) -> tuple[dict, dict]:
        data = self.cleaned_data
        return ({code: data[f"subject_{code}"] for code in LANGUAGES},
                {code: data[f"body_{code}"] for code in LANGUAGES})


def _scope(request, scope: str, pk: int) -> dict:
    """{"activity": …} or {"project": …}, once the user may change it (else 403)."""
    if scope == "activity":
        from kopa.activities.models import Activity

        target = get_object_or_404(Activity.objects.select_related("project"), pk=pk)
        permission = "activities.change_activity"
    else:
        from kopa.projects.models import Project

        target = get_object_or_404(Project, pk=pk)
        permission = "projects.change_project"
    if not request.user.has_perm(permission, target):
        raise PermissionDenied
    return {scope: target}


def _own(scope: dict):
    return MessageTemplate.objects.filter(**scope)


@login_required
def template_list(request, pk, scope):
    where = _scope(request, scope, pk)
    activity = where.get("activity")
    own = set(_own(where).values_list("kind", flat=True))
    inherited = set()
    if activity is not None and activity.project_id:
        inherited = set(MessageTemplate.objects.filter(project_id=activity.project_id).values_list("kind", flat=True))
    rows = [(kind, "own" if kind.code in own else "project" if kind.code in inherited else "default")
            for kind in EDITABLE]
    return render(request, "messaging/templates_list.html", {
        "scope": scope, "target": where[scope], "activity": activity, "project": where.get("project"),
        "rows": rows})


def _defaults(kind) -> list[dict]:
    """Per language: its fields and Kopā's default wording, shown as the hint of a field left empty."""
    rows = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            rows.append({"code": code, "name": name, "subject": str(kind.subject), "body": str(kind.body)})
    return rows


def _check(form, kind) -> bool:
    """The placeholders of what was typed, field by field; each refusal shown on its field."""
    subjects, bodies = form.texts()
    fine = True
    for code in LANGUAGES:
        for field, text in ((f"subject_{code}", subjects[code]), (f"body_{code}", bodies[code])):
            try:
                placeholders.check(text, kind.placeholders, field=field)
            except DomainError as error:
                attach_to_form(form, error)
                fine = False
    return fine


@login_required
def template_edit(request, pk, code, scope):
    where = _scope(request, scope, pk)
    if code not in KINDS or KINDS[code] not in EDITABLE:
        raise Http404
    kind = KINDS[code]
    here = request.path
    own = _own(where).filter(kind=code).first()
    if request.method == "POST" and "reset" in request.POST:
        try:
            template_services.reset_template(code=code, by=request.user, **where)
        except DomainError as error:
            if error.code == "permission":
                raise PermissionDenied from error
            messages.error(request, str(error))
        else:
            messages.success(request, _("The default wording is used again."))
        return redirect(here)
    initial = {f"{part}_{lang}": getattr(own, f"{part}_{lang}") for part in ("subject", "body")
               for lang in LANGUAGES} if own is not None else {}
    language = request.GET.get("language") if request.GET.get("language") in LANGUAGES else None
    form = TemplateForm(request.POST or None, initial=initial)
    preview, typed = None, False
    if request.method == "POST" and form.is_valid():
        subjects, bodies = form.texts()
        language = form.cleaned_data["preview_language"] or None
        if "preview" in request.POST:
            if _check(form, kind):
                lang = language or translation.get_language()
                preview = previews.preview(code, language=lang, subject=subjects[lang], body=bodies[lang], **where)
                typed = True
        else:
            try:
                services.save_template(code=code, by=request.user, subjects=subjects, bodies=bodies, **where)
            except DomainError as error:
                if error.code == "permission":
                    raise PermissionDenied from error
                attach_to_form(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(here)
    if preview is None and request.method == "GET":
        preview = previews.preview(code, language=language, **where)
        form.initial["preview_language"] = preview.language
    activity = where.get("activity")
    inherited = (own is None and activity is not None and activity.project_id is not None
                 and MessageTemplate.objects.filter(kind=code, project_id=activity.project_id).exists())
    languages = [row | {"subject_field": form[f"subject_{row['code']}"], "body_field": form[f"body_{row['code']}"]}
                 for row in _defaults(kind)]
    return render(request, "messaging/templates_edit.html", {
        "scope": scope, "target": where[scope], "activity": activity, "project": where.get("project"),
        "kind": kind, "form": form, "languages": languages, "own": own, "inherited": inherited,
        "placeholders": ["{" + name + "}" for name in kind.placeholders],
        "sampled": ["{" + name + "}" for name in kind.placeholders if name not in ACTIVITY],
        "preview": preview, "typed": typed})
