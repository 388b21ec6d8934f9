"""Which records can cite sources, and how a record is named in addresses and the API ("activities.activity" + id).

Sources reaches the records of higher apps only through content types, so it imports none of them. Only Kopā's
own domain records are citable (not user accounts, sessions or the sources themselves).
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError

OWN_APP_LABEL = "sources"
LARGEST_ID = 2**63 - 1


def is_citable_model(model) -> bool:
    config = apps.get_app_config(model._meta.app_label)
    return config.name.startswith("kopa.") and model._meta.app_label != OWN_APP_LABEL


def label_of(content_type: ContentType) -> str:
    return f"{content_type.app_label}.{content_type.model}"


def record_label(record) -> str:
    return label_of(ContentType.objects.get_for_model(record))


def citable_content_type(label: str, *, field: str = "record") -> ContentType:
    """The content type named "app_label.model", or a DomainError (unknown, or not a kind of record that cites)."""
    app_label, _dot, model_name = (label or "").strip().lower().partition(".")
    model = None
    if app_label and model_name:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            model = None
    if model is None or not is_citable_model(model):
        raise DomainError(_("There is no kind of record called %(label)s that can cite sources.")
                          % {"label": (label or "")[:100]}, field=field, code="unknown")
    return ContentType.objects.get_for_model(model)


def record_of(content_type: ContentType, object_id, *, field: str = "object_id"):
    """The record itself, or a DomainError naming what was not found."""
    model = content_type.model_class()
    try:
        number = int(object_id)
    except (TypeError, ValueError):
        number = 0
    # A number beyond the database's ids is simply not found (PostgreSQL would refuse it with an error).
    record = model._default_manager.filter(pk=number).first() if 0 < number <= LARGEST_ID else None
    if record is None:
        raise DomainError(_("There is no %(kind)s with the number %(id)s.")
                          % {"kind": model._meta.verbose_name, "id": str(object_id)[:30]}, field=field,
                          code="not_found")
    return record


def check_field(model, name: str) -> str:
    """A field of the record's kind that a source may be cited for or state a value of ("" = the whole record)."""
    name = (name or "").strip()
    if not name:
        return ""
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        model_field = None
    if model_field is None or not model_field.concrete or model_field.primary_key:
        raise DomainError(_("A %(kind)s has no field called %(field)s.")
                          % {"kind": model._meta.verbose_name, "field": name[:100]}, field="field", code="unknown")
    return name


def field_label(model, name: str) -> str:
    """The field's name as a reader sees it ("budget"), or the stored name if the model no longer has it."""
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name
