from datetime import date, timedelta
from decimal import Decimal

from kopa.directory.models import Organisation
from kopa.projects import services
from kopa.projects.models import Output, Partnership, ProgrammeBody
from kopa.projects.services import funding, outputs, partners, plan, programmes, projects

P = "kopa.projects.services"


def _lead(w):
    return w.project.partnerships.get(role=Partnership.Role.LEAD_PARTNER)


def _newcomer(w):
    """An organisation not (yet) in the demo's coordinated project."""
    return Organisation.objects.exclude(partnerships__project=w.project).order_by("pk").first()


# Money ---------------------------------------------------------------------------------------------------------


def _add_exchange_rate(w):
    funding.add_exchange_rate(currency="NOK", date=date(2024, 3, 1), rate=Decimal("11.56"), source="Norges Bank",
                              by=w.admin)


def _set_funding_share(w):
    share = w.project.funding_shares.order_by("pk").first()  # ERDF pays 325 267,50 €
    funding.set_funding_share(project=w.project, fund=share.fund, amount=Decimal("325000.00"), by=w.admin)


def _remove_funding_share(w):
    funding.remove_funding_share(share=w.project.funding_shares.order_by("pk").first(), by=w.admin)


# Outputs and reported results ----------------------------------------------------------------------------------


def _add_output(w):
    outputs.add_output(project=w.project, by=w.admin, kind=Output.Kind.values[0], title_lv="Audita vadlīnijas")


def _remove_output(w):
    output = services.add_output(project=w.project, by=w.admin, kind=Output.Kind.values[0], title_lv="Pētījums")
    outputs.remove_output(output=output, by=w.admin)


def _add_achievement(w):
    outputs.add_achievement(project=w.project, by=w.admin, what_lv="speciālisti apmācīti", value=120)


def _remove_achievement(w):
    achievement = services.add_achievement(project=w.project, by=w.admin, what_lv="speciālisti", value=12)
    outputs.remove_achievement(achievement=achievement, by=w.admin)


# Partners ------------------------------------------------------------------------------------------------------


def _set_partner_role(w):
    # The Latgale partner becomes an associated organisation: those it brought in are brought in by no one.
    latgale = w.project.partnerships.filter(role=Partnership.Role.PARTNER).order_by("pk").first()
    partners.set_partner_role(partnership=latgale, role=Partnership.Role.ASSOCIATED, brought_in_by=_lead(w),
                              by=w.admin)


def _remove_partner(w):
    associated = w.project.partnerships.filter(role=Partnership.Role.ASSOCIATED).order_by("pk").first()
    partners.remove_partner(partnership=associated, by=w.admin)


# The work plan and the indicators ------------------------------------------------------------------------------


def _update_work_plan_item(w):
    item = w.project.work_plan.order_by("pk").first()
    plan.update_work_plan_item(item=item, by=w.admin, title_en="International conferences (two)")


def _remove_work_plan_item(w):
    plan.remove_work_plan_item(item=w.project.work_plan.order_by("pk").last(), by=w.admin)


def _update_indicator(w):
    plan.update_indicator(indicator=w.project.indicators.order_by("pk").first(), by=w.admin, target=Decimal("4"))


def _remove_indicator(w):
    plan.remove_indicator(indicator=w.project.indicators.order_by("pk").last(), by=w.admin)


# Programmes and funds ------------------------------------------------------------------------------------------


def _save_fund(w):
    programmes.save_fund(code="AUDIT", names={"lv": "Audita fonds", "en": "Audit fund"})


def _save_programme(w):
    programmes.save_programme(code="audit-programme", names={"lv": "Audita programma"}, start_year=2021,
                              end_year=2027)


def _save_funding_statement(w):
    programmes.save_funding_statement(programme=w.project.programme, key="audit",
                                      texts={"lv": "Projektu līdzfinansē Eiropas Savienība."})


def _add_programme(w):
    programmes.add_programme(by=w.coordinator, names={"lv": "Audita pārrobežu programma"}, confirm_new=True)


def _add_fund(w):
    programmes.add_fund(by=w.coordinator, code="AUDITF", names={"lv": "Audita fonds"}, confirm_new=True)


def _review_entry(w):
    programmes.review_entry(entry=w.project, by=w.admin)


def _add_programme_alias(w):
    programmes.add_programme_alias(programme=w.project.programme, name="LatLit audits", by=w.admin)


def _update_programme(w):
    programmes.update_programme(programme=w.project.programme, by=w.admin, website="https://example.org/audit")


def _add_priority(w):
    programmes.add_priority(programme=w.project.programme, by=w.admin, titles={"lv": "Audita prioritāte"})


def _add_allocation(w):
    programmes.add_allocation(programme=w.project.programme, by=w.admin, amount=Decimal("1000000"))


def _add_call(w):
    programmes.add_call(programme=w.project.programme, by=w.admin, titles={"lv": "Audita konkurss"},
                        start_date=date(2024, 1, 1), end_date=date(2024, 3, 31))


def _add_programme_body(w):
    programmes.add_programme_body(programme=w.project.programme, organisation=_newcomer(w),
                                  role=ProgrammeBody.Role.values[0], by=w.admin)


# Projects ------------------------------------------------------------------------------------------------------


def _create_project(w):
    projects.create_project(by=w.coordinator, title_lv="Audita projekts", confirm_new=True)


def _update_project(w):
    projects.update_project(project=w.project, by=w.admin, acronym="AUDIT")


def _add_partner(w):
    projects.add_partner(project=w.project, organisation=_newcomer(w), role=Partnership.Role.PARTNER, by=w.admin)


def _update_partner(w):
    projects.update_partner(partnership=_lead(w), by=w.admin, agreement_number="LLI-59/1")


def _add_work_plan_item(w):
    projects.add_work_plan_item(project=w.project, by=w.admin, activity_kind="workshop", title_lv="Audita darbnīca")


def _add_indicator(w):
    projects.add_indicator(project=w.project, by=w.admin, rule="activities_held", activity_kind="workshop",
                           target=Decimal("2"), name_lv="Notikušās darbnīcas")


def _add_project_alias(w):
    projects.add_project_alias(project=w.project, name="Kvalitātes projekts", by=w.admin)


def _add_reporting_period(w):
    start = w.project.start_date
    projects.add_reporting_period(project=w.project, by=w.admin, start_date=start,
                                  end_date=start + timedelta(days=180))


RECIPES = {
    f"{P}.funding.add_exchange_rate": _add_exchange_rate,
    f"{P}.funding.set_funding_share": _set_funding_share,
    f"{P}.funding.remove_funding_share": _remove_funding_share,
    f"{P}.outputs.add_output": _add_output,
    f"{P}.outputs.remove_output": _remove_output,
    f"{P}.outputs.add_achievement": _add_achievement,
    f"{P}.outputs.remove_achievement": _remove_achievement,
    f"{P}.partners.set_partner_role": _set_partner_role,
    f"{P}.partners.remove_partner": _remove_partner,
    f"{P}.plan.update_work_plan_item": _update_work_plan_item,
    f"{P}.plan.remove_work_plan_item": _remove_work_plan_item,
    f"{P}.plan.update_indicator": _update_indicator,
    f"{P}.plan.remove_indicator": _remove_indicator,
    f"{P}.programmes.save_fund": _save_fund,
    f"{P}.programmes.save_programme": _save_programme,
    f"{P}.programmes.save_funding_statement": _save_funding_statement,
    f"{P}.programmes.add_programme": _add_programme,
    f"{P}.programmes.add_fund": _add_fund,
    f"{P}.programmes.review_entry": _review_entry,
    f"{P}.programmes.add_programme_alias": _add_programme_alias,
    f"{P}.programmes.update_programme": _update_programme,
    f"{P}.programmes.add_priority": _add_priority,
    f"{P}.programmes.add_allocation": _add_allocation,
    f"{P}.programmes.add_call": _add_call,
    f"{P}.programmes.add_programme_body": _add_programme_body,
    f"{P}.projects.create_project": _create_project,
    f"{P}.projects.update_project": _update_project,
    f"{P}.projects.add_partner": _add_partner,
    f"{P}.projects.update_partner": _update_partner,
    f"{P}.projects.add_work_plan_item": _add_work_plan_item,
    f"{P}.projects.add_indicator": _add_indicator,
    f"{P}.projects.add_project_alias": _add_project_alias,
    f"{P}.projects.add_reporting_period": _add_reporting_period,
}
