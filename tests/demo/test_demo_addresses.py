from django.core.management import call_command

from kopa.demo.addresses import give_addresses
from kopa.directory.models import Person


def test_every_demo_person_has_a_unique_address_at_example_org(demo):
    emails = list(Person.objects.values_list("email", flat=True))
    assert emails and all(email.endswith("@example.org") for email in emails)
    assert len(set(emails)) == len(emails)
    assert any(email.startswith("tikls.") for email in emails)  # the participants' own addresses are kept


def test_addresses_are_ascii_unique_and_existing_ones_kept(db):
    kept = Person.objects.create(first_name="Jānis", last_name="Bērziņš", email="janis@lvm.lv")
    one = Person.objects.create(first_name="Rūta", last_name="Žemaitė-O'Brien")
    two = Person.objects.create(first_name="Rūta", last_name="Žemaitė-O'Brien")
    assert give_addresses() == 2
    for person in (kept, one, two):
        person.refresh_from_db()
    assert kept.email == "janis@lvm.lv"
    assert one.email == "ruta.zemaite-o-brien@example.org"
    assert two.email == "ruta.zemaite-o-brien2@example.org"
    assert give_addresses() == 0


def test_a_rerun_of_the_demo_keeps_the_addresses(demo):
    before = dict(Person.objects.values_list("pk", "email"))
    call_command("demo", stdout=open("/dev/null", "w"))
    assert dict(Person.objects.filter(pk__in=before).values_list("pk", "email")) == before
