from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from kopa.directory.models import Municipality, PopulationFigure, Succession
from kopa.directory.reference import ReferenceFileError, load_reference_file
from tests.conftest import REFERENCE_FILES

pytestmark = pytest.mark.django_db


def _load_all():
    for path in REFERENCE_FILES:
        load_reference_file(path)


def test_reference_files_load_every_municipality_with_sourced_population():
    _load_all()
    assert Municipality.objects.filter(country__code="LV", valid_to=date(2021, 6, 30)).count() == 119
    assert Municipality.objects.filter(country__code="LV", valid_from=date(2021, 7, 1)).count() == 43
    assert Municipality.objects.filter(country__code="LT").count() == 60
    balvi = Municipality.objects.get(name_lv="Balvu novads", valid_to=date(2021, 6, 30))
    figure = balvi.population_figures.get(on_date=date(2020, 1, 1))
    assert figure.value == 11715 and "CSB" in figure.source
    assert not PopulationFigure.objects.filter(source="").exists()
    utena = Municipality.objects.get(name_lt="Utenos rajono savivaldybė")
    assert utena.population_figures.get().value == 37179
    assert utena.region.code == "LT-UT"


def test_the_2021_reform_keeps_old_municipalities_and_marks_their_successor():
    _load_all()
    balvi_old = Municipality.objects.get(name_lv="Balvu novads", valid_to=date(2021, 6, 30))
    balvi_new = Municipality.objects.get(code="LV-015")
    assert balvi_new in balvi_old.successors.all()
    assert {m.name_lv for m in balvi_new.predecessors.all()} >= {"Balvu novads", "Viļakas novads"}
    aglona = Municipality.objects.get(name_lv="Aglonas novads")
    # Aglona was split between two successors.
    assert aglona.successors.count() == 2
    assert Succession.objects.filter(predecessor=aglona).exclude(part="whole").exists()


def test_loading_twice_adds_nothing():
    _load_all()
    counts = (Municipality.objects.count(), PopulationFigure.objects.count(), Succession.objects.count())
    results = [load_reference_file(path) for path in REFERENCE_FILES]
    assert all(result.created == 0 for result in results)
    assert counts == (Municipality.objects.count(), PopulationFigure.objects.count(), Succession.objects.count())


def test_a_malformed_row_names_its_line_and_nothing_is_saved(tmp_path):
    bad = tmp_path / "lt.csv"
    lines = (REFERENCE_FILES[0].read_text(encoding="utf-8")).splitlines()
    assert "code_iso_3166_2" in lines[0]
    lines[3] = lines[3].replace(",37179,", ",37x79,").replace(",25887,", ",25 88x,")  # line 4: not a number
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with translation.override("en"), pytest.raises(ReferenceFileError) as error:
        load_reference_file(bad)
    assert error.value.line == 4
    assert "line 4" in str(error.value) and "is not a whole number" in str(error.value)
    assert Municipality.objects.count() == 0


def test_a_row_with_too_few_fields_is_refused_in_latvian(tmp_path):
    bad = tmp_path / "population.csv"
    bad.write_text(
        "code,population,population_date,source\nLV-015,19015,2021-01-01,CSB\nLV-015,19000\n", encoding="utf-8"
    )
    _load_all()
    before = PopulationFigure.objects.count()
    with translation.override("lv"), pytest.raises(ReferenceFileError) as error:
        load_reference_file(bad)
    assert "3. rinda" in str(error.value) or "rinda 3" in str(error.value)
    assert PopulationFigure.objects.count() == before  # the good line 2 was not saved either


def test_administrators_update_populations_with_a_small_file(tmp_path):
    _load_all()
    update = tmp_path / "population.csv"
    update.write_text(
        "code,population,population_date,source\nLV-015,18500,2023-01-01,CSB ISG020 (2023)\n", encoding="utf-8"
    )
    call_command("load_reference", str(update), stdout=open("/dev/null", "w"))
    assert Municipality.objects.get(code="LV-015").population_figures.get(on_date=date(2023, 1, 1)).value == 18500


def test_the_command_reports_the_bad_line(tmp_path):
    bad = tmp_path / "population.csv"
    bad.write_text("code,population,population_date,source\nNOPE,1,2023-01-01,x\n", encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError, match="line 2"):
        call_command("load_reference", str(bad))


def test_an_unknown_file_is_refused(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with translation.override("en"), pytest.raises(ReferenceFileError, match="not those of a known reference file"):
        load_reference_file(bad)


@pytest.mark.parametrize("text", ["2020/07/01", "2023-07", "2021-02-30", "sometime"])
def test_a_date_that_is_not_a_date_is_refused_not_guessed(tmp_path, text):
    _load_all()
    update = tmp_path / "population.csv"
    update.write_text(f"code,population,population_date,source\nLV-015,18500,{text},CSB\n", encoding="utf-8")
    with translation.override("en"), pytest.raises(ReferenceFileError, match="line 2.*is not a date"):
        load_reference_file(update)
