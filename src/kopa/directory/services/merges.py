"""Administrators merge duplicates of an organisation, a person or a place: every reference moves to the entry
kept (`kopa.core.merge`), the duplicate's names stay as name variants of it, and the merge is logged."""

from django.utils.translation import gettext as _

from kopa.audit import audited, log_action
from kopa.core.errors import PermissionDenied
from kopa.core.merge import check_mergeable, merge_records
from kopa.core.names import VariantKind, name_key

from ..models import MergeLog, Municipality, Organisation, Person
from .additions import VARIANT_MODELS, _main_names

# Facts of the duplicate the entry kept takes over where it has none of its own.
FILL_EMPTY = {
    Organisation: ["name_lv", "name_lt", "name_en", "short_name", "website", "description_lv", "description_lt",
                   "description_en", "country", "municipality", "region"],
    Person: ["email", "user"],
    Municipality: ["name_lv", "name_lt", "name_en", "lau_code", "region", "valid_from", "valid_to"],
}


@audited
def merge_entries(*, kept, duplicate, by) -> MergeLog:
    """Merge `duplicate` into `kept` (two organisations, two people or two places)."""
    if by is None or not by.has_perm("directory.merge_entries"):
        raise PermissionDenied(_("Only administrators merge entries of the directory."), code="permission")
    check_mergeable(kept, duplicate)
    model = kept._meta.concrete_model
    if model not in VARIANT_MODELS:
        raise PermissionDenied(_("Only organisations, people and places are merged here."), code="permission")
    duplicate_name, duplicate_id = str(duplicate), duplicate.pk
    duplicate_reference = str(getattr(duplicate, {Organisation: "slug", Municipality: "code"}.get(model, "pk")))
    duplicate_names = _main_names(duplicate)
    report = merge_records(kept, duplicate, fill_empty=FILL_EMPTY[model])
    # The references moved by bulk updates and the duplicate's deletion are not rows the trail sees saved.
    moved, dropped = sum(report["moved"].values()), sum(report["dropped"].values())
    log_action(kept, "directory.merge_entries", note=f"#{duplicate_id} merged into it: {moved} references moved, "
               f"{dropped} dropped")
    log_action(duplicate, "directory.merge_entries", note=f"deleted: merged into #{kept.pk}")
    kept.refresh_from_db()
    # The duplicate's names are how some texts write the entry kept: they stay, as its variants.
    variant_model, field = VARIANT_MODELS[model]
    own = {" ".join(n.split()) for n in _main_names(kept)}
    existing = set(variant_model.objects.filter(**{field: kept}).values_list("key", flat=True))
    for name in duplicate_names:
        key = name_key(name)
        if key and " ".join(name.split()) not in own and key not in existing:
            variant_model(**{field: kept}, name=name[:300], kind=VariantKind.SPELLING,
                          note=_("name of a merged duplicate")[:300]).save()
            existing.add(key)
    return MergeLog.objects.create(
        record_type=model._meta.label_lower, kept_id=kept.pk, kept_name=str(kept)[:300], duplicate_id=duplicate_id,
        duplicate_name=duplicate_name[:300], duplicate_reference=duplicate_reference[:300], merged_by=by,
        moved=report)

