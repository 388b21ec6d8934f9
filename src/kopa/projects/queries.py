"""Named reads for project pages, API and reports; each costs a fixed number of queries."""

from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, OuterRef, Prefetch, Q, QuerySet, Value, When

from kopa.core import money
from kopa.core.dates import overlaps
from kopa.core.names import is_similar, name_key, search_stem
from kopa.core.subqueries import count_of
from kopa.core.translated import in_language_order
from kopa.directory.models import Organisation
from kopa.topics.models import Topic
from kopa.topics.queries import descendant_ids

from .indicators import achieved_values
from .models import (
    Fund,
    FundingShare,
    Output,
    OutputAttachment,
    Partnership,
    Programme,
    ProgrammeAlias,
    Project,
)


def _partnerships():
    return Partnership.objects.select_related(
        "organisation__country", "organisation__municipality", "brought_in_by__organisation", "budget_rate"
    ).order_by("role", "organisation__country__code", in_language_order("name", "organisation__"), "pk")


def project_list(*, programme=None, country=None, date_from=None, date_to=None, text: str = "",
                 topic=None) -> QuerySet:
    """Projects for the public list: filtered, with programme and partners loaded in two more queries. A row's
    partner count is its prefetched partners' (`all_partnerships`): a COUNT grouped over every project before the
    page's LIMIT read all 60,000 partnerships at EU size for the 20 rows shown (and the total's COUNT too)."""
    projects = Project.objects.select_related("programme", "total_rate")
    if topic is not None:
        projects = projects.filter(pk__in=Project.objects.filter(topics__in=descendant_ids(topic)).values("pk"))
    if programme:
        projects = projects.filter(programme=programme)
    if country:
        projects = projects.filter(pk__in=Partnership.objects.filter(organisation__country=country).values("project"))
    if date_from or date_to:
        projects = projects.filter(overlaps("start_date", "end_date", date_from, date_to))
    for word in text.split():
        projects = projects.filter(
            Q(code__icontains=word) | Q(acronym__icontains=word) | Q(title_lv__icontains=word)
            | Q(title_lt__icontains=word) | Q(title_en__icontains=word)
        )
    # One read of the partners gives both the lead partner and the partner countries of each row.
    partners = Prefetch(
        "partnerships",
        queryset=Partnership.objects.select_related("organisation__country").order_by("organisation__country__code"),
        to_attr="all_partnerships",
    )
    return projects.prefetch_related(partners).order_by("-start_date", "code")


@dataclass
class PartnerGroup:
    """A partner (or lead partner) with the organisations it brought in."""

    partnership: Partnership
    associates: list = field(default_factory=list)


@dataclass
class FundingRow:
    share: FundingShare
    amount_eur: Decimal | None
    fraction: Decimal | None  # of the project total, 0..1


@dataclass
class ProjectPage:
    project: Project
    # role label → country → partner groups
    partners: "OrderedDict[str, OrderedDict]"
    unattached: list  # associated organisations without a recorded partner
    funding: list
    funded_eur: Decimal
    other_eur: Decimal | None  # the part of the total no recorded fund pays (co-financing)
    work_plan: list
    indicators: list
    # (currency, units per euro) of the currencies with a fixed rate that the page's amounts use.
    fixed_rates: list = field(default_factory=list)
    outputs: list = field(default_factory=list)
    # Results as the project reports them, shown apart from the indicators Kopā computes.
    achievements: list = field(default_factory=list)
    # Its activities (Activity.project), through the reverse relation so projects does not import activities.
    activities: list = field(default_factory=list)
    # The lists above are the first `shown` of each (PROJECT_PAGE_SHOWN); the totals link to pages of all of them.
    partner_count: int = 0
    activity_count: int = 0
    output_count: int = 0
    article_count: int = 0


# How many of each list the project page shows; the rest are pages of their own (?list=…&page=…).
PROJECT_PAGE_SHOWN = 20


def _partners_first():
    """Lead partner and partners before the organisations they brought in, so the first few are the partners."""
    return _partnerships().order_by(
        Case(When(role=Partnership.Role.ASSOCIATED, then=Value(1)), default=Value(0)),
        *_partnerships().query.order_by)


def _project_activities(project) -> QuerySet:
    return project.activities.order_by("start_date", "pk")


def project_partners(project) -> QuerySet:
    """All its partnerships, for the paginated page of partners."""
    return _partners_first().filter(project=project)


def project_activities(project) -> QuerySet:
    return _project_activities(project)


def _outputs() -> QuerySet:
    return Output.objects.order_by("start_date", "pk").prefetch_related(
        Prefetch("attachments", queryset=OutputAttachment.objects.order_by("position", "pk")),
        Prefetch("topics", queryset=Topic.objects.order_by(in_language_order("name"))))


def project_outputs(project) -> QuerySet:
    return _outputs().filter(project=project)


def project_page(pk, shown: int | None = None) -> ProjectPage:
    """Everything the project page shows, in a fixed number of queries whatever the partner count. With `shown`
    (PROJECT_PAGE_SHOWN on the page) the first that many partners, activities and outputs, with their totals (a
    project had thousands of activities); without, all of them in the project's own prefetch (the API)."""
    activity_model = Project._meta.get_field("activities").related_model
    article_model = Project._meta.get_field("articles").related_model
    project = (
        Project.objects.select_related("programme", "total_rate", "added_by")
        .annotate(partner_total=count_of(Partnership, project=OuterRef("pk")),
                  activity_total=count_of(activity_model, project=OuterRef("pk")),
                  output_total=count_of(Output, project=OuterRef("pk")),
                  article_total=count_of(article_model, project=OuterRef("pk"), status="published"))
        .prefetch_related(
            # A sliced prefetch must go to an attribute: the related manager cannot filter a slice.
            Prefetch("partnerships", queryset=_partners_first()[:shown], to_attr="first_partnerships")
            if shown else Prefetch("partnerships", queryset=_partnerships()),
            Prefetch("funding_shares",
                     queryset=FundingShare.objects.select_related("fund", "rate").order_by("fund__code")),
            "work_plan",
            "indicators",
            "achievements",
            "aliases",
            "reporting_periods",
            Prefetch("outputs", queryset=_outputs()[:shown], to_attr="first_outputs")
            if shown else Prefetch("outputs", queryset=_outputs()),
            Prefetch("topics", queryset=Topic.objects.order_by(in_language_order("name"))),
            # Roles in the project (kept by the activities app, read here by name only).
            # The naming rule reads the positions of everyone named (who may see their contacts).
            "contributors__position__person__positions", "contributors__position__organisation",
            "contributors__person__positions", "contributors__organisation",
        )
        .get(pk=pk)
    )
    if not shown:
        project.first_partnerships = list(project.partnerships.all())
        project.first_outputs = list(project.outputs.all())
    partnerships = project.first_partnerships
    groups = {p.pk: PartnerGroup(p) for p in partnerships if p.role != Partnership.Role.ASSOCIATED}
    unattached = []
    for p in partnerships:
        if p.role == Partnership.Role.ASSOCIATED:
            group = groups.get(p.brought_in_by_id)
            if group:
                group.associates.append(p)
            elif p.brought_in_by_id is None:
                unattached.append(p)
            # else brought in by a partner beyond the first few: it is on the page of all partners.
    partners: OrderedDict = OrderedDict()
    for role in (Partnership.Role.LEAD_PARTNER, Partnership.Role.PARTNER):
        by_country: OrderedDict = OrderedDict()
        for group in groups.values():
            if group.partnership.role == role:
                by_country.setdefault(group.partnership.organisation.country, []).append(group)
        if by_country:
            partners[role.label] = by_country
    total = project.total if project.total is not None and project.total.convertible else None
    funding = []
    amounts = []
    for share in project.funding_shares.all():
        amount = share.money if share.money is not None and share.money.convertible else None
        amounts.append(amount)
        fraction = money.fraction_of(amount.exact_eur if amount else None, total.exact_eur if total else None)
        if fraction is None and share.percentage is not None:
            fraction = share.percentage / 100
        funding.append(FundingRow(share, amount.eur if amount else None, fraction))
    funded = money.sum_eur(amounts)
    total_eur = total.eur if total else None
    return ProjectPage(
        project=project,
        partners=partners,
        unattached=unattached,
        funding=funding,
        funded_eur=funded,
        other_eur=(total_eur - funded) if total_eur is not None and funded and total_eur > funded else None,
        work_plan=list(project.work_plan.all()),
        indicators=_with_achieved(project),
        outputs=project.first_outputs,
        achievements=list(project.achievements.all()),
        activities=list(_project_activities(project)[:shown]),  # [:None] is all of them
        partner_count=project.partner_total,
        activity_count=project.activity_total,
        output_count=project.output_total,
        article_count=project.article_total,
        fixed_rates=_fixed_rates([project.total, *(share.money for share in project.funding_shares.all()),
                                  *(p.budget for p in partnerships)]),
    )


def _fixed_rates(amounts) -> list[tuple[str, str]]:
    used = sorted({a.currency for a in amounts if a is not None and a.currency in money.FIXED_PER_EUR})
    return [(code, money.format_rate_value(money.FIXED_PER_EUR[code])) for code in used]


@dataclass
class IndicatorRow:
    indicator: object
    achieved: Decimal | None  # None: nothing measures this rule yet

    @property
    def fraction(self) -> Decimal | None:
        if self.achieved is None or not self.indicator.target:
            return None
        return self.achieved / self.indicator.target


def _with_achieved(project) -> list[IndicatorRow]:
    indicators = list(project.indicators.all())
    values = achieved_values(project, indicators)
    return [IndicatorRow(indicator, values.get(indicator.pk)) for indicator in indicators]




# Likely duplicates: one rule (kopa.core.names) for titles, acronyms, codes and aliases -----------------------

def _candidates(texts) -> list[str]:
    return [t for t in dict.fromkeys((t or "").strip() for t in texts) if t]


def _stems(texts) -> set[str]:
    """Prefilter stems: the compared form's (aliases are stored as keys) and the text's own, with its diacritics,
    since titles are stored as written ("Atvērtā" is found by "atvē", not by "atve")."""
    stems = set()
    for text in texts:
        stems.add(search_stem(text))
        longest = max(text.split(), key=len, default="").strip(".,;:()\"“”„'").casefold()
        stems.add(longest[:4] if len(longest) >= 4 else longest)
    return stems - {""}


def likely_duplicate_projects(*, titles=(), code: str = "", acronym: str = "", limit: int = 10) -> list[Project]:
    """Projects that may be the one being added: the same code, or a title, acronym or alias the same as or
    similar to one given. Two queries (a prefilter by word stem, then the aliases), ranked in Python."""
    texts = _candidates([*titles, acronym])
    stems = _stems(texts)
    keys = {name_key(t) for t in texts}
    condition = Q(pk__in=[])
    # A code as texts write it: "LLI-59", "LLI 59", "lli-59" are one code (the same name_key).
    code_key = name_key(code)
    if code_key:
        condition |= Q(code__iexact=code.strip()) | Q(code__istartswith=code_key.split()[0])
    for stem in stems:
        condition |= (Q(title_lv__icontains=stem) | Q(title_lt__icontains=stem) | Q(title_en__icontains=stem)
                      | Q(acronym__icontains=stem) | Q(aliases__key__contains=stem))
    if acronym.strip():
        condition |= Q(acronym__iexact=acronym.strip())
    found = Project.objects.filter(condition).distinct().select_related("programme").prefetch_related("aliases")
    ranked = []
    for project in found[:200]:
        names = _candidates([project.title_lv, project.title_lt, project.title_en, project.acronym,
                             *(a.name for a in project.aliases.all())])
        same_code = bool(code_key) and name_key(project.code) == code_key
        same_name = any(name_key(n) in keys or any(is_similar(n, t) for t in texts) for n in names)
        if same_code or same_name:
            ranked.append((0 if same_code else 1, project.pk, project))
    return [p for _r, _pk, p in sorted(ranked, key=lambda r: (r[0], r[1]))][:limit]


def _similar_named(model, alias_model, *, names, code: str, limit: int):
    texts = _candidates(names)
    stems = _stems(texts)
    condition = Q(pk__in=[])
    if code.strip():
        condition |= Q(code__iexact=code.strip())
    for stem in stems:
        condition |= Q(name_lv__icontains=stem) | Q(name_lt__icontains=stem) | Q(name_en__icontains=stem)
        if alias_model is not None:
            condition |= Q(aliases__key__contains=stem)
    found = model.objects.filter(condition).distinct()
    if alias_model is not None:
        found = found.prefetch_related("aliases")
    keys = {name_key(t) for t in texts}
    result = []
    for obj in found[:200]:
        own = _candidates([obj.name_lv, obj.name_lt, obj.name_en, obj.code,
                           *((a.name for a in obj.aliases.all()) if alias_model is not None else ())])
        if (code.strip() and obj.code.casefold() == code.strip().casefold()) or any(
                name_key(n) in keys or any(is_similar(n, t) for t in texts) for n in own):
            result.append(obj)
    return result[:limit]


def likely_duplicate_programmes(*, names=(), code: str = "", limit: int = 10) -> list[Programme]:
    return _similar_named(Programme, ProgrammeAlias, names=names, code=code, limit=limit)


def likely_duplicate_funds(*, names=(), code: str = "", limit: int = 10) -> list[Fund]:
    return _similar_named(Fund, None, names=names, code=code, limit=limit)


# Programmes ------------------------------------------------------------------------------------------------------

def programme_list():
    """Programmes with their number of projects; one query. Each counted in a subquery on the projects' index by
    programme alone (COUNT of that column: an index-only scan): joined and grouped, all 20,000 projects were read
    for a list of four programmes (16 -> 4 ms at EU size)."""
    return (Programme.objects.select_related("added_by")
            .annotate(project_count=count_of(Project, Count("programme"), programme=OuterRef("pk")))
            .order_by(in_language_order("name"), "pk"))


@dataclass
class ProgrammePage:
    programme: Programme
    projects: list
    events: list  # activities of the programme itself (a launch, an info day) that belong to no project


def _programme_events(programme) -> list:
    """Activities of the programme itself (Activity.of_programme), through the reverse relation, so projects does
    not import activities; the newest 100."""
    return list(programme.events.order_by("-start_date", "pk")[:100])


def programme_page(code) -> ProgrammePage:
    """Everything the programme page shows, in a fixed number of queries whatever the number of its facts."""
    from .models import CallForProposals, ProgrammeAllocation, ProgrammeBody

    programme = (
        Programme.objects.select_related("added_by")
        .prefetch_related(
            "aliases", "priorities", "funds",
            Prefetch("donors", queryset=Organisation.objects.select_related("country")
                     .order_by(in_language_order("name"), "pk")),
            Prefetch("allocations", queryset=ProgrammeAllocation.objects.select_related("fund", "priority", "rate")),
            Prefetch("calls", queryset=CallForProposals.objects.select_related("rate")),
            Prefetch("bodies", queryset=ProgrammeBody.objects.select_related("organisation__country")),
        )
        .get(code=code)
    )
    projects = list(Project.objects.filter(programme=programme).order_by("-start_date", "code", "pk")[:500])
    return ProgrammePage(programme=programme, projects=projects, events=_programme_events(programme))
