"""The LEAN team role: a municipality's team edits the services of its own institutions and nothing else."""

import pytest

from kopa.accounts.models import RoleAssignment
from kopa.accounts.services import assign_role
from kopa.core.errors import DomainError
from kopa.lean import services
from kopa.lean.models import ProcessMap
from tests import factories
from tests.lean.test_maps_and_services import STEPS, _service

pytestmark = pytest.mark.django_db


def _balvi():
    municipality = factories.municipality(code="0384000", name="Balvu novads")
    administration = factories.organisation(name="Balvu novada pašvaldība", municipality=municipality)
    library = factories.organisation(name="Balvu Centrālā bibliotēka", municipality=municipality, kind="library")
    return municipality, administration, library


def test_the_municipality_team_edits_the_maps_of_its_institutions():
    _municipality, administration, library = _balvi()
    team = factories.lean_team(administration)
    service = _service(library)
    process_map = services.save_map(service=service, steps=STEPS, by=team)
    assert process_map.version == 1 and team.has_perm("lean.add_eventlog", service)


def test_an_institution_team_does_not_reach_the_rest_of_the_municipality():
    _municipality, administration, library = _balvi()
    library_team = factories.lean_team(library)
    service = _service(administration)
    with pytest.raises(DomainError):
        services.save_map(service=service, steps=STEPS, by=library_team)
    assert not ProcessMap.objects.exists()


def test_another_municipality_team_is_refused():
    _municipality, _administration, library = _balvi()
    other = factories.organisation(name="Krāslavas novada pašvaldība",
                                   municipality=factories.municipality(code="0601000", name="Krāslavas novads"))
    service = _service(library)
    assert not factories.lean_team(other).has_perm("lean.change_processmap", service)


def test_the_lean_role_gives_no_other_rights():
    _municipality, administration, _library = _balvi()
    team = factories.lean_team(administration)
    assert not team.has_perm("directory.change_organisation", administration)
    assert not team.has_perm("directory.view_person_contact")  # nor anyone's e-mail address
    assert factories.partner_coordinator(administration).has_perm("directory.change_organisation", administration)


def test_a_lean_role_needs_an_organisation():
    with pytest.raises(DomainError):
        assign_role(user=factories.user(), role=RoleAssignment.Role.LEAN_TEAM)
    assert not RoleAssignment.objects.exists()


def test_the_rights_are_read_once_per_request(django_assert_num_queries):
    _municipality, administration, library = _balvi()
    team = factories.lean_team(administration)
    service = _service(library)
    team = type(team).objects.get(pk=team.pk)  # a fresh user object, as each request has
    with django_assert_num_queries(2):  # the roles, then the municipalities they cover
        assert team.has_perm("lean.change_processmap", service)
        assert team.has_perm("lean.add_eventlog", service)
        assert team.has_perm("lean.change_publicservice", service)
