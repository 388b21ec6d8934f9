"""Demo logins, one per role. They exist only when `kopa demo` creates them; never in production data.

Safe to repeat: an existing user of that name is kept as it is (its password is not reset); only missing
users, roles and the participant's directory entry are added.
"""

from collections import Counter

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from kopa.accounts.models import RoleAssignment
from kopa.accounts.services import assign_role
from kopa.core.errors import DomainError
from kopa.directory.models import Organisation
from kopa.projects.models import Project

from . import facts
from .loader import save_person, save_position


def _user(username: str, created: Counter, *, superuser: bool = False, staff: bool = False):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    created["users"] += 1
    if superuser:
        return User.objects.create_superuser(username=username, email="", password=facts.DEMO_PASSWORD)
    return User.objects.create_user(username=username, password=facts.DEMO_PASSWORD, is_staff=staff)


def _role(user, created: Counter, **kwargs) -> None:
    created["roles"] += not RoleAssignment.objects.filter(user=user, **kwargs).exists()
    assign_role(user=user, **kwargs)


def create_demo_accounts(*, created: Counter | None = None) -> list[tuple[str, str, str]]:
    """Create the demo users (after load_demo); returns (role, username, password) for each.

    Pass a Counter as `created` to learn how many users, roles, people and positions were new.
    """
    created = Counter() if created is None else created
    project = Project.objects.filter(code=facts.DEMO_COORDINATED_PROJECT).first()
    organisation = Organisation.objects.filter(slug=facts.DEMO_PARTNER_ORGANISATION).first()
    employer = Organisation.objects.filter(slug=facts.DEMO_PARTICIPANT["organisation"]).first()
    lean_municipality = Organisation.objects.filter(slug=facts.DEMO_LEAN_TEAM_ORGANISATION).first()
    if project is None or organisation is None or employer is None or lean_municipality is None:
        raise DomainError(_("Load the demo data before creating the demo accounts."), code="demo_missing")

    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE), transaction.atomic():
        admin = _user("admin", created, superuser=True)

        coordinator = _user("coordinator", created, staff=True)
        _role(coordinator, created, role=RoleAssignment.Role.PROGRAMME_COORDINATOR, project=project)

        partner = _user("partner", created, staff=True)
        _role(partner, created, role=RoleAssignment.Role.PARTNER_COORDINATOR, organisation=organisation)

        lean = _user("lean", created)
        _role(lean, created, role=RoleAssignment.Role.LEAN_TEAM, organisation=lean_municipality)

        participant = _user("participant", created)
        spec = facts.DEMO_PARTICIPANT
        # A made-up person: not to be shown in photos or named in publications.
        person = save_person(first_name=spec["first_name"], last_name=spec["last_name"], photo_consent=False,
                             publication_consent=False, created=created, user=participant)
        save_position(person=person, organisation=employer, titles=spec["titles"], created=created)

    return [
        (_("administrator"), admin.username, facts.DEMO_PASSWORD),
        (_("programme coordinator of %(project)s") % {"project": project.code}, coordinator.username,
         facts.DEMO_PASSWORD),
        (_("partner coordinator of %(organisation)s") % {"organisation": organisation.name}, partner.username,
         facts.DEMO_PASSWORD),
        (_("LEAN team of %(organisation)s") % {"organisation": lean_municipality.name}, lean.username,
         facts.DEMO_PASSWORD),
        (_("participant (%(person)s)") % {"person": person}, participant.username, facts.DEMO_PASSWORD),
    ]
