"""Every demo person gets an e-mail address at example.org (issue 13): mailings in the demo reach someone.

Applied once, after all of the demo's people exist. Addresses already set are kept.
"""

import re
import unicodedata

from kopa.directory.models import Person

DOMAIN = "example.org"


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[\s'’]+", "-", text.strip())
    return re.sub(r"[^a-z0-9.-]", "", text).strip("-.") or "person"


def give_addresses() -> int:
    """Give each person without an e-mail `<first>.<last>@example.org`, unique; returns how many got one."""
    taken = {email.lower() for email in Person.objects.exclude(email="").values_list("email", flat=True)}
    missing = list(Person.objects.filter(email="").order_by("pk"))
    for person in missing:
        local = f"{_ascii(person.first_name)}.{_ascii(person.last_name)}"
        address, n = f"{local}@{DOMAIN}", 1
        while address in taken:
            n += 1
            address = f"{local}{n}@{DOMAIN}"
        taken.add(address)
        person.email = address
    Person.objects.bulk_update(missing, ["email"], batch_size=500)
    return len(missing)
