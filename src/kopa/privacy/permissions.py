"""Who may see and change a person's personal data: one rule, for the pages, the admin and the services."""


def may_manage_data(user, person) -> bool:
    """The person themselves (signed in) or an administrator; user=None is the system (imports, the demo)."""
    if user is None:
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or (person.user_id is not None and person.user_id == user.pk)


def may_erase(user) -> bool:
    """Erasing cannot be undone: administrators only (and the retention command, user=None)."""
    return user is None or (user.is_authenticated and user.is_active and user.is_superuser)
