"""Named reads for directory pages and the API; each costs a fixed number of queries."""


from django.db.models import F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from kopa.core.errors import DomainError
from kopa.core.names import name_key
from kopa.core.subqueries import count_of
from kopa.core.translated import in_language_order
from kopa.projects.models import Partnership, Project

from .models import (
    Department,
    MergeLog,
    Municipality,
    MunicipalityVariant,
    Organisation,
    OrganisationVariant,
    Person,
    PersonVariant,
    PopulationFigure,
    Position,
    Relationship,
    Succession,
)


def _text_filter(word: str, variant_model, field: str, *columns: str) -> Q:
    """A word of a search: in a name column, in the name key (no case, no diacritics) or in a name variant."""
    key = name_key(word)
    q = Q()
    for column in columns:
        # A code is searched from its start: "11" should not find T00114.
        q |= Q(**{f"{column}__istartswith" if column == "code" else f"{column}__icontains": word})
    if key:
        q |= Q(key__contains=key) | Q(pk__in=variant_model.objects.filter(key__contains=key).values(field))
    return q


def municipality_list(*, country=None, region=None, kind: str = "", status: str = "", text: str = "") -> QuerySet:
    municipalities = Municipality.objects.select_related("country", "region")
    if country:
        municipalities = municipalities.filter(country=country)
    if region:
        municipalities = municipalities.filter(region=region)
    if kind:
        municipalities = municipalities.filter(kind=kind)
    if status == "current":
        municipalities = municipalities.filter(valid_to__isnull=True)
    elif status == "former":
        municipalities = municipalities.filter(valid_to__isnull=False)
    for word in text.split():
        municipalities = municipalities.filter(
            _text_filter(word, MunicipalityVariant, "municipality_id", "code", "name_lv", "name_lt", "name_en"))
    latest = Prefetch(
        "population_figures",
        queryset=PopulationFigure.objects.order_by(F("on_date").desc(nulls_last=True)),
        to_attr="figures",
    )
    return municipalities.prefetch_related(latest).order_by("country__code", in_language_order("name"), "pk")


# How many of each list a municipality's or organisation's page shows; the rest are pages of their own
# (?list=…&page=…): a capital city had thousands of organisations and projects.
DIRECTORY_PAGE_SHOWN = 20


def _organisations_by_name() -> QuerySet:
    return Organisation.objects.order_by(in_language_order("name"), "pk")


def municipality_organisations(municipality) -> QuerySet:
    return _organisations_by_name().filter(municipality=municipality)


def municipality_projects(municipality) -> QuerySet:
    """The projects of its organisations; a municipality formed in a reform inherits the cooperation of those it
    was formed from."""
    territory = [municipality.pk, *Succession.objects.filter(successor=municipality).values_list("predecessor",
                                                                                                 flat=True)]
    return (Project.objects.filter(partnerships__organisation__municipality__in=territory).select_related("programme")
            .distinct().order_by("-start_date", "code"))


def municipality_page(code: str, shown: int | None = None) -> dict:
    """Everything a municipality's page shows; with `shown`, the first that many organisations and projects with
    their totals (`organisation_count`, `project_count`)."""
    municipality = (
        Municipality.objects.select_related("country", "region", "added_by")
        .annotate(organisation_total=count_of(Organisation, municipality=OuterRef("pk")))
        .prefetch_related(
            Prefetch("variants", queryset=MunicipalityVariant.objects.order_by("name")),
            Prefetch("population_figures", queryset=PopulationFigure.objects.order_by("on_date")),
            Prefetch("successions_out", queryset=Succession.objects.select_related("successor")),
            Prefetch("successions_in", queryset=Succession.objects.select_related("predecessor")),
            # A sliced prefetch must go to an attribute: the related manager cannot filter a slice.
            Prefetch("organisations", queryset=_organisations_by_name()[:shown], to_attr="first_organisations"),
        )
        .get(code=code)
    )
    # A municipality formed in a reform inherits the cooperation of those it was formed from.
    territory = [municipality.pk, *(s.predecessor_id for s in municipality.successions_in.all())]
    projects = (
        Project.objects.filter(partnerships__organisation__municipality__in=territory)
        .select_related("programme")
        .distinct()
        .order_by("-start_date", "code")
    )
    return {"municipality": municipality, "projects": list(projects[:shown]),
            "organisations": municipality.first_organisations, "organisation_count": municipality.organisation_total,
            "project_count": projects.count() if shown else None}


def organisation_list(*, country=None, kind: str = "", text: str = "") -> QuerySet:
    organisations = Organisation.objects.select_related("country", "municipality")
    if country:
        organisations = organisations.filter(country=country)
    if kind:
        organisations = organisations.filter(kind=kind)
    for word in text.split():
        organisations = organisations.filter(
            _text_filter(word, OrganisationVariant, "organisation_id", "short_name", "name_lv", "name_lt", "name_en"))
    return organisations.order_by(in_language_order("name"), "pk")


def organisation_page(slug: str, on_date=None, shown: int | None = None) -> dict:
    """What an organisation's page shows. With `shown`, the first that many departments, projects and relationships
    with their totals (each "all N →" a page of its own); without, all of them (the API)."""
    prefetches = [
        Prefetch("departments", queryset=organisation_departments_all()[:shown], to_attr="first_departments"),
        Prefetch("variants", queryset=OrganisationVariant.objects.order_by("name")),
        Prefetch("partnerships", queryset=_partnerships_newest_first()[:shown], to_attr="first_partnerships"),
    ]
    organisation = (
        Organisation.objects.select_related("country", "municipality", "region", "added_by")
        .prefetch_related(*prefetches)
        .annotate(partnership_total=count_of(Partnership, organisation=OuterRef("pk")),
                  department_total=count_of(Department, organisation=OuterRef("pk")))
        .get(slug=slug)
    )
    found = organisation_relationships(organisation)
    relationships = relationship_rows(organisation, found[:shown])
    relationship_count = len(relationships) if shown is None else found.count()
    return {"organisation": organisation, "relationships": relationships, "relationship_count": relationship_count,
            "partnerships": organisation.first_partnerships, "partnership_count": organisation.partnership_total,
            "departments": organisation.first_departments, "department_count": organisation.department_total}


def organisation_relationships(organisation) -> QuerySet:
    """Its relationships from both sides, by kind, then date (the start, else the signing; undated first), for the
    page, a page of them and the API alike: a national association has hundreds of members."""
    return (Relationship.objects.filter(Q(first=organisation) | Q(second=organisation))
            .select_related("first__country", "second__country")
            .order_by("kind", Coalesce("start_date", "signed_on").asc(nulls_first=True), "pk"))


def relationship_rows(organisation, relationships) -> list[tuple[Relationship, Organisation, str]]:
    """Each relationship as read from this organisation's side: (relationship, the other one, how it reads)."""
    rows = []
    for relationship in relationships:
        if relationship.first_id == organisation.pk:
            rows.append((relationship, relationship.second, relationship.get_kind_display()))
        else:
            rows.append((relationship, relationship.first, _reads_from_second(relationship)))
    return rows


def _reads_from_second(relationship) -> str:
    return _("has as member") if relationship.kind == Relationship.Kind.MEMBERSHIP else (
        relationship.get_kind_display())


def organisation_departments_all() -> QuerySet:
    return Department.objects.order_by("name", "pk")


def organisation_departments(organisation) -> QuerySet:
    """Its departments by name, for the paginated page of them (a ministry has a hundred)."""
    return organisation_departments_all().filter(organisation=organisation)


def _partnerships_newest_first() -> QuerySet:
    return Partnership.objects.select_related("project__programme").order_by("-project__start_date", "pk")


def organisation_projects(organisation) -> QuerySet:
    """Its partnerships in projects, newest first, for the paginated page of them."""
    return _partnerships_newest_first().filter(organisation=organisation)


def person_page(pk: int) -> Person:
    return (
        Person.objects.select_related("added_by")
        .prefetch_related(
            Prefetch("variants", queryset=PersonVariant.objects.order_by("name")),
            Prefetch("positions", queryset=Position.objects.select_related("organisation", "department")
                     .order_by(F("start_date").desc(nulls_last=True), "pk")),
        )
        .get(pk=pk)
    )


def _by_name(queryset, text: str):
    """Rows one of whose names has exactly this key (the `key` column joins the names' keys with " | ")."""
    key = name_key(text)
    if not key:
        return queryset.none()
    return queryset.filter(Q(key=key) | Q(key__startswith=f"{key} | ") | Q(key__endswith=f" | {key}")
                           | Q(key__contains=f" | {key} | "))


def organisation_by_reference(text: str, field: str = "organisation") -> Organisation:
    """The organisation a text input names: its short address (slug) or its exact name in any language."""
    text = (text or "").strip()
    found = list(Organisation.objects.filter(slug=text)[:1]) or list(_by_name(Organisation.objects, text)[:2])
    return _one(found, text, field)


def place_by_reference(text: str, field: str = "place") -> Municipality:
    """The place a text input names: its code (as in its address) or its exact name in any language."""
    text = (text or "").strip()
    found = list(Municipality.objects.filter(code__iexact=text)[:1]) or list(
        _by_name(Municipality.objects, text)[:2])
    return _one(found, text, field)


def _one(found: list, text: str, field: str):
    if not found:
        raise DomainError(_("Nothing in the directory is called “%(text)s”.") % {"text": text}, field=field,
                          code="not_found")
    if len(found) > 1:
        raise DomainError(_("Several entries are called “%(text)s”: enter the code or short address from its "
                            "page.") % {"text": text}, field=field, code="ambiguous")
    return found[0]


def awaiting_review() -> dict[str, list]:
    """What coordinators added and no administrator has reviewed yet, oldest first (at most 200 of each kind)."""
    def unreviewed(model, *related):
        return list(model.objects.filter(added_by__isnull=False, reviewed_at__isnull=True)
                    .select_related("added_by", *related).order_by("added_at", "pk")[:200])

    return {
        "organisations": unreviewed(Organisation, "country"),
        "places": unreviewed(Municipality, "country"),
        "people": unreviewed(Person),
    }


def merged_into(model, reference: str):
    """The entry a merged duplicate's address leads to now, following later merges of the entry kept; or None."""
    label = model._meta.label_lower
    log = MergeLog.objects.filter(record_type=label, duplicate_reference=str(reference)).order_by(
        "-merged_at").first()
    for _step in range(5):
        if log is None:
            return None
        kept = model.objects.filter(pk=log.kept_id).first()
        if kept is not None:
            return kept
        log = MergeLog.objects.filter(record_type=label, duplicate_id=log.kept_id).order_by("-merged_at").first()
    return None
