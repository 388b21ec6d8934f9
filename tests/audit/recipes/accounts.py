from django.contrib.auth import get_user_model

from kopa.accounts import services
from kopa.accounts.models import RoleAssignment


def _assign(w):
    user = get_user_model().objects.create_user("audit-coordinator")
    services.assign_role(user=user, role=RoleAssignment.Role.PROGRAMME_COORDINATOR, project=w.project)


def _revoke(w):
    token, _secret = services.create_api_token(user=w.coordinator, name="Atskaites skripts", scope="read")
    services.revoke_api_token(token=token, by=w.coordinator)


RECIPES = {
    "kopa.accounts.services.assign_role": _assign,
    "kopa.accounts.services.create_api_token": lambda w: services.create_api_token(
        user=w.coordinator, name="Reģistrāciju imports", scope="write"),
    "kopa.accounts.services.revoke_api_token": _revoke,
}
