"""The starting vocabulary: the fields Latvian and Lithuanian municipalities work in, in lv, lt and en.

Slugs are English and stable (other apps' filter links use them: ?topic=tourism); names and synonyms can be
improved later through the services. A topic that already exists with a seeded slug is left as it is.

Waste and water sit under environment, not on their own nor under housing and utilities: in the cooperation
programmes Kopā records (Interreg Latvia–Lithuania, the EU's "greener Europe" objective) they are environment
projects, and a search or filter on "environment" should find them. The utility side (operators, tariffs) is
reachable through the synonyms of "housing and utilities".
"""

from django.db import migrations

# slug, broader topic's slug, Latvian, Lithuanian, English, synonyms (any language; one item each)
TOPICS = [
    ("tourism", None, "Tūrisms", "Turizmas", "Tourism",
     ["tūrisma galamērķis", "tūrisma maršruti", "turizmo maršrutai", "lankytinos vietos", "tourist routes",
      "visitor economy"]),
    ("culture", None, "Kultūra", "Kultūra", "Culture",
     ["kultūras pasākumi", "kultūros renginiai", "cultural events", "amatiermāksla", "mėgėjų meno kolektyvai"]),
    ("cultural-heritage", "culture", "Kultūras mantojums", "Kultūros paveldas", "Cultural heritage",
     ["kultūrvēsturiskais mantojums", "nemateriālais kultūras mantojums", "nematerialusis kultūros paveldas",
      "heritage"]),
    ("libraries-museums", "culture", "Bibliotēkas un muzeji", "Bibliotekos ir muziejai", "Libraries and museums",
     ["bibliotēka", "muzejs", "biblioteka", "muziejus", "library", "museum"]),
    ("creative-industries", "culture", "Radošās industrijas", "Kūrybinės industrijos", "Creative industries",
     ["kultūras un radošās industrijas", "kultūrinės ir kūrybinės industrijos", "amatniecība", "amatai",
      "design", "dizains", "dizainas"]),
    ("education", None, "Izglītība", "Švietimas", "Education",
     ["skola", "mokykla", "school", "pirmsskolas izglītība", "ikimokyklinis ugdymas", "pre-school education"]),
    ("vocational-education", "education", "Profesionālā izglītība", "Profesinis mokymas", "Vocational education",
     ["profesionālās izglītības iestāde", "profesinė mokykla", "VET"]),
    ("adult-education", "education", "Pieaugušo izglītība", "Suaugusiųjų švietimas", "Adult education",
     ["mūžizglītība", "mokymasis visą gyvenimą", "lifelong learning"]),
    ("social-services", None, "Sociālie pakalpojumi", "Socialinės paslaugos", "Social services",
     ["sociālā palīdzība", "sociālais darbs", "socialinė parama", "socialinis darbas", "social assistance",
      "social care"]),
    ("children-families", "social-services", "Bērni un ģimenes", "Vaikai ir šeimos", "Children and families",
     ["bāriņtiesa", "vaiko teisių apsauga", "child protection", "audžuģimenes", "globėjai"]),
    ("older-people", "social-services", "Seniori", "Senjorai", "Older people",
     ["vecāka gadagājuma cilvēki", "vyresnio amžiaus žmonės", "senior citizens", "ilgalaikė priežiūra",
      "ilgstošā aprūpe", "long-term care"]),
    ("disability", "social-services", "Cilvēki ar invaliditāti", "Žmonės su negalia", "People with disabilities",
     ["invaliditāte", "negalia", "disability", "piekļūstamība", "prieinamumas", "accessibility"]),
    ("health", None, "Veselība", "Sveikata", "Health",
     ["veselības aprūpe", "sabiedrības veselība", "veselības veicināšana", "sveikatos priežiūra",
      "visuomenės sveikata", "healthcare", "public health"]),
    ("youth", None, "Jaunatne", "Jaunimas", "Youth",
     ["jaunieši", "jaunatnes darbs", "darbas su jaunimu", "jaunimo centras", "youth work"]),
    ("sport", None, "Sports", "Sportas", "Sport",
     ["fiziskās aktivitātes", "fizinis aktyvumas", "physical activity", "sporta infrastruktūra"]),
    ("public-administration", None, "Publiskā pārvalde", "Viešasis administravimas", "Public administration",
     ["pašvaldības pārvalde", "savivaldybės administracija", "local government", "labā pārvaldība",
      "gera valdysena", "good governance"]),
    ("quality-lean", "public-administration", "Kvalitātes vadība un LEAN", "Kokybės vadyba ir LEAN",
     "Quality management and LEAN",
     ["lean", "procesu pilnveide", "procesų tobulinimas", "process improvement", "CAF", "ISO 9001",
      "klientu apkalpošana", "klientų aptarnavimas"]),
    ("municipal-finance", "public-administration", "Pašvaldību finanses", "Savivaldybių finansai",
     "Municipal finance",
     ["budžets", "biudžetas", "budget", "nodokļi", "mokesčiai", "taxes", "publiskais iepirkums",
      "viešieji pirkimai", "public procurement"]),
    ("human-resources", "public-administration", "Personāla vadība", "Personalo valdymas",
     "Human resources management",
     ["personāls", "darbinieku apmācība", "darbuotojų mokymai", "staff training", "HR"]),
    ("civic-participation", "public-administration", "Sabiedrības līdzdalība", "Visuomenės dalyvavimas",
     "Civic participation",
     ["iedzīvotāju līdzdalība", "gyventojų dalyvavimas", "līdzdalības budžets", "dalyvaujamasis biudžetas",
      "participatory budgeting", "nevalstiskās organizācijas", "nevyriausybinės organizacijos", "NGO"]),
    ("e-government-it", None, "E-pārvalde un IT", "E. valdžia ir IT", "E-government and IT",
     ["digitalizācija", "e-pakalpojumi", "informācijas tehnoloģijas", "skaitmeninimas", "e. paslaugos",
      "informacinės technologijos", "digitalisation", "e-services", "open data", "atvērtie dati",
      "atvirieji duomenys"]),
    ("spatial-development-planning", None, "Teritorijas attīstības plānošana", "Teritorijų ir plėtros planavimas",
     "Spatial and development planning",
     ["teritorijas plānojums", "attīstības programma", "ilgtspējīgas attīstības stratēģija",
      "teritorijų planavimas", "strateginis planavimas", "plėtros planas", "spatial planning",
      "development strategy", "urban development", "pilsētvide"]),
    ("entrepreneurship", None, "Uzņēmējdarbība", "Verslumas", "Entrepreneurship",
     ["uzņēmējdarbības atbalsts", "mazie un vidējie uzņēmumi", "investīciju piesaiste", "verslo parama",
      "mažos ir vidutinės įmonės", "investicijų pritraukimas", "business support", "SME", "MVU"]),
    ("employment", None, "Nodarbinātība", "Užimtumas", "Employment",
     ["bezdarbs", "nedarbas", "unemployment", "darba tirgus", "darbo rinka", "labour market"]),
    ("civil-protection", None, "Civilā aizsardzība", "Civilinė sauga", "Civil protection",
     ["katastrofu pārvaldīšana", "ārkārtas situācijas", "ugunsdrošība", "ekstremaliosios situacijos",
      "priešgaisrinė sauga", "emergency management", "disaster risk", "fire safety"]),
    ("environment", None, "Vide", "Aplinka", "Environment",
     ["vides aizsardzība", "aplinkosauga", "environmental protection", "klimats", "klimatas", "climate",
      "bioloģiskā daudzveidība", "biologinė įvairovė", "biodiversity", "daba", "gamta", "nature"]),
    ("waste-water", "environment", "Atkritumi un ūdenssaimniecība", "Atliekos ir vandentvarka", "Waste and water",
     ["atkritumu apsaimniekošana", "ūdensapgāde", "kanalizācija", "notekūdeņi", "aprites ekonomika",
      "atliekų tvarkymas", "vandens tiekimas", "nuotekos", "žiedinė ekonomika", "waste management",
      "water supply", "wastewater", "circular economy"]),
    ("energy", None, "Enerģētika", "Energetika", "Energy",
     ["energoefektivitāte", "atjaunojamā enerģija", "siltumapgāde", "energijos efektyvumas",
      "atsinaujinanti energija", "šilumos tiekimas", "energy efficiency", "renewable energy", "district heating"]),
    ("transport", None, "Transports", "Transportas", "Transport",
     ["satiksme", "mobilitāte", "ceļi", "sabiedriskais transports", "eismas", "judumas", "keliai",
      "viešasis transportas", "mobility", "roads", "public transport"]),
    ("housing-utilities", None, "Mājokļi un komunālie pakalpojumi", "Būstas ir komunalinės paslaugos",
     "Housing and utilities",
     ["komunālā saimniecība", "sociālie dzīvokļi", "daudzdzīvokļu māju renovācija", "komunalinis ūkis",
      "socialinis būstas", "daugiabučių renovacija", "social housing", "utilities"]),
    ("agriculture-rural-development", None, "Lauksaimniecība un lauku attīstība", "Žemės ūkis ir kaimo plėtra",
     "Agriculture and rural development",
     ["LEADER", "vietējā rīcības grupa", "vietos veiklos grupė", "local action group", "lauku apvidi",
      "kaimo vietovės", "rural areas", "mežsaimniecība", "miškininkystė", "forestry"]),
    ("international-cooperation", None, "Starptautiskā sadarbība", "Tarptautinis bendradarbiavimas",
     "International cooperation",
     ["sadraudzības pilsētas", "miestai partneriai", "twin towns", "ES projekti", "ES projektai", "EU projects"]),
    ("cross-border-cooperation", "international-cooperation", "Pārrobežu sadarbība", "Bendradarbiavimas per sieną",
     "Cross-border cooperation",
     ["Interreg", "pārrobežu projekti", "tarpvalstybinis bendradarbiavimas", "pasienio regionai",
      "border regions", "cross-border"]),
    ("international-development-cooperation", "international-cooperation", "Starptautiskā attīstības sadarbība",
     "Tarptautinis vystomasis bendradarbiavimas", "International development cooperation",
     ["attīstības sadarbība", "vystomasis bendradarbiavimas", "development aid", "Eastern Partnership",
      "Austrumu partnerība", "Rytų partnerystė"]),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("topics", "Topic")
    by_slug = {topic.slug: topic for topic in Topic.objects.filter(slug__in=[row[0] for row in TOPICS])}
    for slug, parent, lv, lt, en, synonyms in TOPICS:  # broader topics come first in the list
        if slug in by_slug:
            continue
        # The historical model knows nothing of modeltranslation: `name` is a plain column, kept as the
        # default language's name the way modeltranslation leaves it.
        by_slug[slug] = Topic.objects.create(
            slug=slug, name=lv, name_lv=lv, name_lt=lt, name_en=en, parent=by_slug[parent] if parent else None,
            synonyms="\n".join(synonyms),
        )


def unseed(apps, schema_editor):
    """Remove the seeded topics; topics people added under them move to the top level."""
    Topic = apps.get_model("topics", "Topic")
    slugs = [row[0] for row in TOPICS]
    Topic.objects.filter(parent__slug__in=slugs).exclude(slug__in=slugs).update(parent=None)
    Topic.objects.filter(slug__in=slugs).update(parent=None)  # the foreign key protects: detach, then delete
    Topic.objects.filter(slug__in=slugs, added_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("topics", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
