"""LEAN demo: one service (declaration of residence) mapped in two Latgale municipalities and one
Lithuanian partner, with generated event logs — labelled as sample data — that show a rework loop,
a waiting bottleneck and a step worth removing."""

import random
from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import translation

from kopa.directory.models import Organisation
from kopa.lean import services
from kopa.lean.models import PublicService

SERVICE_TYPE = ("declaration-of-residence", {"lv": "Dzīvesvietas deklarēšana", "lt": "Gyvenamosios vietos "
                "deklaravimas", "en": "Declaration of residence"})
PLACES = [  # organisation slug, names, cases in the sample log, seed
    ("balvi-municipality", {"lv": "Dzīvesvietas deklarēšana Balvu novadā", "lt": "Gyvenamosios vietos "
     "deklaravimas Balvų savivaldybėje", "en": "Declaration of residence in Balvi"}, 240, 11),
    ("kraslava-municipality", {"lv": "Dzīvesvietas deklarēšana Krāslavas novadā", "lt": "Gyvenamosios vietos "
     "deklaravimas Kraslavos savivaldybėje", "en": "Declaration of residence in Krāslava"}, 180, 12),
    ("utena-district-municipality", {"lv": "Dzīvesvietas deklarēšana Utenas rajonā", "lt": "Gyvenamosios vietos "
     "deklaravimas Utenos rajone", "en": "Declaration of residence in Utena district"}, 300, 13),
]


def _step(lv, lt, en, processing, waiting, value_class, performer, **extra):
    return {"name_lv": lv, "name_lt": lt, "name_en": en, "processing_minutes": processing,
            "waiting_minutes": waiting, "value_class": value_class, "performer": performer, **extra}


STEPS = [
    _step("Iesnieguma saņemšana", "Prašymo priėmimas", "Receiving the application", 10, 0, "value_adding",
          "Klientu apkalpošanas centrs", log_activity="receive"),
    _step("Dokumentu pārbaude", "Dokumentų patikra", "Checking the documents", 15, 60, "necessary",
          "Klientu apkalpošanas centrs", log_activity="check", rework_to=1),
    _step("Reģistrācija lietvedībā", "Registravimas raštvedyboje", "Registering in the document system", 5, 120,
          "waste", "Kanceleja", log_activity="register", waste_kind="over_processing", handoff=True),
    _step("Saskaņošana ar nodaļas vadītāju", "Derinimas su skyriaus vedėju", "Approval by the head of department",
          10, 2880, "necessary", "Dzimtsarakstu nodaļa", log_activity="approve", handoff=True),
    _step("Ieraksts iedzīvotāju reģistrā", "Įrašas gyventojų registre", "Entry in the population register", 10,
          60, "value_adding", "Dzimtsarakstu nodaļa", log_activity="record"),
    _step("Paziņojums klientam", "Pranešimas klientui", "Notifying the client", 5, 30, "value_adding",
          "Dzimtsarakstu nodaļa", log_activity="notify", handoff=True),
]


def sample_log(cases: int, seed: int, start: datetime, register_share: float = 0.35) -> bytes:
    """A generated log: a fifth of the cases loop back for missing documents, approval waits days,
    and the registration step is skipped in most cases without changing the result."""
    rng = random.Random(seed)
    lines = ["case_id,activity,timestamp,resource"]
    for n in range(cases):
        t = start + timedelta(days=rng.randint(0, 330), hours=rng.randint(8, 15), minutes=rng.randint(0, 59))
        trace = [("receive", 0), ("check", rng.randint(20, 120))]
        if rng.random() < 0.2:  # rework: documents missing, back to the client
            trace += [("receive", rng.randint(1440, 4320)), ("check", rng.randint(20, 120))]
        if rng.random() < register_share:
            trace.append(("register", rng.randint(60, 240)))
        trace += [("approve", rng.randint(1440, 5760)), ("record", rng.randint(30, 120)),
                  ("notify", rng.randint(10, 60))]
        for activity, minutes_after in trace:
            t += timedelta(minutes=minutes_after)
            lines.append(f"S{seed}-{n:04d},{activity},{t:%Y-%m-%d %H:%M},{rng.choice(['A', 'B', 'C'])}")
    return ("\n".join(lines) + "\n").encode()


IMPROVED = "balvi-municipality"


def _carry_out_improvement(service, cases: int, seed: int) -> None:
    """Balvi drops the registration in the document system, then measures a year of cases without it."""
    step = service.maps.get(version=1).steps.get(log_activity="register")
    improvement = services.propose_improvement(
        step=step, kind="remove", title="Atteikties no iesnieguma reģistrācijas lietvedībā",
        expected_effect_lv="Mazāk nodošanu un gaidīšanas; klienta rezultāts nemainās.",
        expected_effect_lt="Mažiau perdavimų ir laukimo; rezultatas klientui nesikeičia.",
        expected_effect_en="Fewer hand-offs and less waiting; the outcome for the client stays the same.",
    )
    improvement.title_lt = "Atsisakyti prašymo registravimo raštvedyboje"
    improvement.title_en = "Stop registering the application in the document system"
    improvement.save()
    services.set_improvement_status(improvement=improvement, status="approved")
    services.carry_out_improvement(improvement=improvement)
    services.upload_event_log(
        service=service, data=sample_log(cases, seed + 100, datetime(2024, 1, 8, 8), register_share=0.0),
        name="2024 (parauga dati, pēc uzlabojuma)", sample=True, published=True,
    )


def load_demo_lean() -> Counter:
    created: Counter = Counter()
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE), transaction.atomic():
        service_type = services.save_service_type(code=SERVICE_TYPE[0], names=SERVICE_TYPE[1])
        for slug, names, cases, seed in PLACES:
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is None:
                continue
            existed = PublicService.objects.filter(organisation=organisation, service_type=service_type).exists()
            service = services.save_service(organisation=organisation, service_type=service_type, names=names,
                                            channel="mixed", yearly_volume=cases * 4)
            if existed:
                continue
            created["services"] += 1
            services.save_map(service=service, steps=STEPS)
            services.upload_event_log(service=service, data=sample_log(cases, seed, datetime(2023, 1, 9, 8)),
                                      name="2023 (parauga dati)", sample=True, published=True)
            created["event_logs"] += 1
            if slug == IMPROVED:
                _carry_out_improvement(service, cases, seed)
                created["event_logs"] += 1
    return created

