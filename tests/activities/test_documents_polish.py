"""Sign-in sheets and certificates a ministry would accept: numbered pages, headings on every page, nothing cut
off, the programme's logos, and a code anyone can check on a public page."""

import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from kopa.activities import documents, services
from kopa.activities.models import Registration
from kopa.core.dates import stated_dates_text
from kopa.projects import services as project_services
from kopa.projects.models import FundingStatement
from tests import factories

pytestmark = pytest.mark.django_db

# As long as the names of some Lithuanian institutions get (120 characters with the number the factory adds).
LONG_ORGANISATION = ("Utenos rajono savivaldybės administracijos Strateginio planavimo ir investicijų skyriaus "
                     "tarptautinių ryšių poskyris")


def _pages(pdf: bytes) -> list[str]:
    # Words wrapped inside a cell come out on separate lines: compare with all white space made single spaces.
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _logo() -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", (300, 100), (0, 51, 153)).save(data, format="PNG")
    return SimpleUploadedFile("interreg.png", data.getvalue(), content_type="image/png")


def _funded_activity(with_logo: bool = False):
    programme = project_services.save_programme(
        code="interreg-lv-lt", names={"lv": "Interreg", "lt": "Interreg", "en": "Interreg"},
        funding_statements={"lv": "Projektu līdzfinansē Eiropas Savienība.", "lt": "Projektą bendrai finansuoja ES.",
                            "en": "Co-financed by the European Union."},
    )
    if with_logo:
        project_services.save_funding_statement(
            programme=programme, key="logo", texts={"lv": "Interreg", "lt": "Interreg", "en": "Interreg"},
            logo=_logo(), logo_alt={"lv": "Interreg logotips", "lt": "Interreg logotipas", "en": "Interreg logo"},
            logo_required=True,
        )
    project = project_services.create_project(code="LLI-59", title_lv="Open Leadership", programme=programme)
    return factories.activity(project=project, kind="study_visit", title_lv="Pieredzes apmaiņa Utenā")


def test_a_sign_in_sheet_of_sixty_numbers_every_page_repeats_its_heading_and_keeps_long_names_whole():
    activity = _funded_activity()
    long_one = factories.organisation(name=LONG_ORGANISATION, country_code="LT")
    others = [factories.organisation(name=f"Pašvaldība {n}") for n in range(5)]
    people = [factories.employee(long_one, first_name="Jūratė Aldona", last_name="Misiūnienė-Brasiūnienė")]
    people += [factories.employee(others[n % 5], first_name="Ilze", last_name=f"Ķēniņa {n:02d}") for n in range(59)]
    for person in people:
        services.register(activity=activity, person=person)
    assert Registration.objects.filter(activity=activity, status="confirmed").count() == 60

    with translation.override("en"):
        pages = _pages(documents.sign_in_sheet(activity))
        long_name = str(long_one)
    assert len(long_name) >= 120

    total = len(pages)
    assert total >= 3  # 60 rows tall enough to sign in do not fit on two landscape pages
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} / {total}" in text
        assert "Signature" in text and "Organisation" in text  # the table's heading, repeated on every page
    assert "Pieredzes apmaiņa Utenā" in pages[-1]  # the running head says which activity a loose page is of
    everything = " ".join(pages)
    assert long_name in everything  # wrapped inside its cell, not cut off at its edge
    assert "Jūratė Aldona Misiūnienė-Brasiūnienė" in everything
    assert all(f"Ķēniņa {n:02d}" in everything for n in range(59))
    assert "Participants listed: 60" in pages[-1]
    assert "Organiser (name, signature):" in pages[-1] and "Date:" in pages[-1]


def test_the_certificate_carries_the_programme_logo_and_a_code_the_public_page_confirms(client):
    activity = _funded_activity(with_logo=True)
    person = factories.employee(factories.organisation(), first_name="Jūratė", last_name="Misiūnienė",
                                language="en")
    registration = services.check_in(registration=services.register(activity=activity, person=person))

    pdf = documents.certificate(registration)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(page.images) == 2  # the programme's logo and the QR code of the verification page
    text = " ".join(page.extract_text().split())
    code = re.search(r"Verification code: (\d+-[A-Z2-7]{4}-[A-Z2-7]{4})", text)[1]
    assert f"/en/certificates/?code={code}" in text

    # A logo whose file has gone from storage gives way to its text alternative; the certificate is still issued.
    statement = FundingStatement.objects.get(key="logo")
    statement.logo.storage.delete(statement.logo.name)
    page = PdfReader(io.BytesIO(documents.certificate(registration))).pages[0]
    assert len(page.images) == 1 and "Interreg logo" in page.extract_text()

    ContentType.objects.get_for_model(Registration)  # warm the cache the page's templates may use
    with translation.override("en"):
        response = client.get("/en/certificates/", {"code": code.lower().replace("-", " ")})  # as typed
    answer = response.content.decode()
    # She did not agree to be named in publications: the public page names her by her initials only.
    with translation.override("en"):
        dates = stated_dates_text(activity)
    assert f"Certificate for J. M., Pieredzes apmaiņa Utenā, {dates}: attendance recorded." in answer
    assert "Misiūnienė" not in answer
    assert response["X-Robots-Tag"] == "noindex"

    tampered = code[:-1] + ("A" if code[-1] != "A" else "B")
    for wrong in (tampered, f"{registration.pk + 1}{code[len(str(registration.pk)):]}", "not a code"):
        answer = client.get("/en/certificates/", {"code": wrong}).content.decode()
        assert "No such certificate." in answer and "attendance recorded" not in answer


def test_the_verification_page_names_those_who_agreed_and_stops_confirming_withdrawn_attendance(
        client, django_assert_num_queries):
    activity = _funded_activity()
    person = factories.employee(factories.organisation(), first_name="Ilze", last_name="Ķēniņa",
                                publication_consent=True)
    registration = services.check_in(registration=services.register(activity=activity, person=person))
    code = re.search(r"\d+-[A-Z2-7]{4}-[A-Z2-7]{4}", " ".join(_pages(documents.certificate(registration))))[0]
    ContentType.objects.get_for_model(Registration)
    with django_assert_num_queries(1):  # the registration with its activity, person and session
        answer = client.get("/en/certificates/", {"code": code}).content.decode()
    assert "Certificate for Ilze Ķēniņa," in answer

    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.NO_SHOW)
    assert "No such certificate." in client.get("/en/certificates/", {"code": code}).content.decode()


@pytest.mark.parametrize(("language", "title", "confirmed", "unknown"), [
    ("lv", "Apliecības par dalību pārbaude", "dalība reģistrēta", "Šādas apliecības nav."),
    ("lt", "Dalyvavimo pažymėjimo patikra", "dalyvavimas užregistruotas", "Tokio pažymėjimo nėra."),
    ("en", "Check a certificate of attendance", "attendance recorded", "No such certificate."),
])
def test_the_verification_page_speaks_the_visitors_language(client, language, title, confirmed, unknown):
    activity = _funded_activity()
    person = factories.employee(factories.organisation(), first_name="Ilze", last_name="Ķēniņa")
    registration = services.check_in(registration=services.register(activity=activity, person=person))
    from kopa.activities.verification import verification_code

    ContentType.objects.get_for_model(Registration)
    with translation.override(language):
        page = client.get(f"/{language}/certificates/", {"code": verification_code(registration)}).content.decode()
        assert title in page and confirmed in page
        assert unknown in client.get(f"/{language}/certificates/", {"code": "1-AAAA-AAAA"}).content.decode()
