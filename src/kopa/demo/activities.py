"""The activities of the five source articles, loaded through the activities services.

Facts (dates, places, people, themes, titles of videos) are the articles'; the sentences are ours.
Participants of the past activities are not named in the sources: they are generated, named
"Parauga dalībnieks …" and flagged as sample data, so that attendance, indicators and exports have
numbers to show.
"""

from collections import Counter
from datetime import date, datetime, time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation

from kopa.activities import services
from kopa.activities.models import Activity, Participation, Registration, WorkingGroup
from kopa.directory import services as directory
from kopa.directory.models import Municipality, Organisation, Person, Position
from kopa.projects.models import Project, WorkPlanItem
from kopa.topics.models import Topic


def _t(lv, lt, en, field="title"):
    return {f"{field}_lv": lv, f"{field}_lt": lt, f"{field}_en": en}


UTENA_VISIT = {
    "key": ("Pieredzes apmaiņas brauciens uz Utenu un Anīkščiem", date(2018, 5, 29)),
    "project": "LLI-59", "kind": "study_visit", "work_plan": "Pieredzes apmaiņas braucieni uz Lietuvu",
    "fields": {
        **_t("Pieredzes apmaiņas brauciens uz Utenu un Anīkščiem",
             "Patirties mainų vizitas į Uteną ir Anykščius",
             "Study visit to Utena and Anykščiai"),
        **_t("Latgales pašvaldību kultūras jomas speciālisti iepazīst Utenas apriņķa pašvaldību kultūras iestādes un "
             "radošo industriju inkubatorus, lai sekmētu sadarbību kultūras jomā.",
             "Latgalos savivaldybių kultūros specialistai susipažįsta su Utenos apskrities savivaldybių kultūros "
             "įstaigomis ir kūrybinių industrijų inkubatoriais, siekdami stiprinti bendradarbiavimą kultūros srityje.",
             "Culture specialists of Latgale municipalities get to know the cultural institutions and creative-"
             "industry incubators of Utena county municipalities, to build cooperation in culture.",
             "description"),
        "start_date": date(2018, 5, 29), "end_date": date(2018, 5, 30), "format": "in_person",
        **_t("Utena un Anīkšči", "Utena ir Anykščiai", "Utena and Anykščiai", "venue"),
    },
    "organisers": ["latgale-planning-region"],
    "topics": ["culture", "creative-industries", "tourism", "cross-border-cooperation"],
    # The article names the Latgale municipalities whose specialists went, not the people: recorded as such.
    "took_part": ["balvi-municipality", "kraslava-municipality", "livani-municipality", "riebini-municipality",
                  "vilani-municipality", "zilupe-municipality", "rezekne-city-council"],
    "hosts": ["utena-district-municipality", "anyksciai-district-municipality"],
    "host_municipalities": ["LT-54", "LT-04"],
    # The report tells Utena first and then "the programme continued in Anykščiai": one town per day.
    "programme": [
        (date(2018, 5, 29), "presentation", "utena-district-municipality",
         _t("Utenas rajonā plānotie projekti un kultūras pasākumi", "Utenos rajone planuojami projektai ir kultūros "
            "renginiai", "Projects and cultural events planned in Utena district"),
         [("Ringelevičienė", "utena-district-municipality"), ("Brasiūnienė", "utena-district-municipality"),
          ("Misiūnienė", "utena-district-municipality")]),
        (date(2018, 5, 29), "visit", "utena-art-museum",
         _t("Jaunākās ekspozīcijas un izstādes", "Naujausios ekspozicijos ir parodos", "Latest exhibitions"), []),
        (date(2018, 5, 29), "visit", "utena-museum-of-freedom-fights",
         _t("Muzeja apmeklējums", "Muziejaus lankymas", "Museum visit"), []),
        (date(2018, 5, 29), "visit", "utena-library", _t("Bibliotēkas apmeklējums", "Bibliotekos lankymas",
                                                          "Library visit"), []),
        (date(2018, 5, 29), "visit", "taurapilis-creative-industries-centre",
         _t("Radošo industriju centrs: rezidenti, telpas un tehnoloģijas", "Kūrybinių industrijų centras: "
            "rezidentai, erdvės ir technologijos", "Creative industries centre: residents, spaces and technology"),
         []),
        (date(2018, 5, 29), "visit", "valiusis-art-centre-leliunai",
         _t("Keramikas muzejs un darbs pie podnieka virpas", "Keramikos muziejus ir darbas prie žiedimo rato",
            "Ceramics museum and a turn at the potter's wheel"), [("Valiušis", "valiusis-art-centre-leliunai")]),
        (date(2018, 5, 30), "presentation", "anyksciai-district-municipality",
         _t("Anīkšču tūrisma attīstības veiksmes stāsts", "Anykščių turizmo plėtros sėkmės istorija",
            "The success story of tourism in Anykščiai"), [("Pajarskienė", "anyksciai-district-municipality")]),
        (date(2018, 5, 30), "visit", "anyksciai-church-of-st-matthew",
         _t("Baznīcas apmeklējums", "Bažnyčios lankymas", "Church visit"), []),
        (date(2018, 5, 30), "visit", "anyksciai-angel-museum", _t("Eņģeļu muzejs", "Angelų muziejus",
                                                                   "Angel Museum"), []),
        (date(2018, 5, 30), "visit", "baranauskas-granary",
         _t("Dzejnieka un bīskapa klētiņa", "Poeto ir vyskupo klėtelė", "The poet and bishop's granary"), []),
        (date(2018, 5, 30), "visit", "anyksciai-library", _t("Bibliotēkas apmeklējums", "Bibliotekos lankymas",
                                                              "Library visit"), []),
        (date(2018, 5, 30), "visit", "anyksciai-culture-centre",
         _t("Kultūras centra apmeklējums", "Kultūros centro lankymas", "Culture centre visit"), []),
        (date(2018, 5, 30), "visit", "anyksciai-art-incubator",
         _t("Vietējie apģērbu, rotaslietu un kosmētikas ražotāji", "Vietiniai drabužių, papuošalų ir kosmetikos "
            "gamintojai", "Local makers of clothes, jewellery and cosmetics"), []),
    ],
    # Seven Latgale municipalities and the planning region took part.
    "participants": [("balvi-municipality", 2), ("kraslava-municipality", 2), ("livani-municipality", 2),
                     ("riebini-municipality", 2), ("vilani-municipality", 2), ("zilupe-municipality", 2),
                     ("rezekne-city-council", 2), ("latgale-planning-region", 2)],
    "outcomes": [
        _t("Idejas ikdienas darbam", "Idėjos kasdieniam darbui", "Ideas for everyday work")
        | _t("Dalībnieki atzina, ka kaimiņvalsts kultūras un radošo industriju labās prakses piemēri rāda katru "
             "pilsētu kā vienotu komandu un iedrošina rīkoties.",
             "Dalyviai pripažino, kad kaimyninės šalies gerosios kultūros ir kūrybinių industrijų praktikos "
             "pavyzdžiai rodo kiekvieną miestą kaip vieningą komandą ir drąsina veikti.",
             "Participants found that the neighbours' good practice in culture and creative industries shows each "
             "town working as one team, and encourages them to act.", "text"),
    ],
    "status": "closed",
}

FOLLOW_UPS = [
    {
        "key": ("Pieredzes apmaiņa ar Kurzemes plānošanas reģionu", date(2018, 6, 12)),
        "project": "LLI-59", "kind": "study_visit",
        "fields": {
            **_t("Pieredzes apmaiņa ar Kurzemes plānošanas reģionu", "Patirties mainai su Kuržemės planavimo regionu",
                 "Exchange with Kurzeme Planning Region"),
            "start_date": date(2018, 6, 12), "end_date": date(2018, 6, 13),
            **_t("Izsludināts Utenas brauciena laikā; ziņu par norisi avotā nav.",
                 "Paskelbta per vizitą Utenoje; šaltinyje nėra žinių apie įvykį.",
                 "Announced during the Utena visit; the source does not report how it went.", "date_note"),
            "provisional": True,  # announced; whether it took place is not known
        },
        "organisers": ["latgale-planning-region", "kurzeme-planning-region"], "announced_by": UTENA_VISIT["key"],
    },
    {
        "key": ("Pieredzes apmaiņa ar Zemgales plānošanas reģionu", date(2018, 6, 19)),
        "project": "LLI-59", "kind": "study_visit",
        "fields": {
            **_t("Pieredzes apmaiņa ar Zemgales plānošanas reģionu", "Patirties mainai su Žiemgalos planavimo regionu",
                 "Exchange with Zemgale Planning Region"),
            "start_date": date(2018, 6, 19), "end_date": date(2018, 6, 20),
            **_t("Izsludināts Utenas brauciena laikā; ziņu par norisi avotā nav.",
                 "Paskelbta per vizitą Utenoje; šaltinyje nėra žinių apie įvykį.",
                 "Announced during the Utena visit; the source does not report how it went.", "date_note"),
            "provisional": True,  # announced; whether it took place is not known
        },
        "organisers": ["latgale-planning-region", "zemgale-planning-region"], "announced_by": UTENA_VISIT["key"],
    },
]

REZEKNE_VISIT = {
    "key": ("Daugavpils pašvaldības darbinieku pieredzes apmaiņa Rēzeknē", date(2012, 8, 31)),
    "project": "1DP/1.5.2.2.3/11/APIA/SIF/110/71", "kind": "study_visit",
    "fields": {
        **_t("Daugavpils pašvaldības darbinieku pieredzes apmaiņa Rēzeknē",
             "Daugpilio savivaldybės darbuotojų patirties mainai Rėzeknėje",
             "Daugavpils municipality staff study visit to Rēzekne"),
        **_t("Projekta 3. aktivitāte. Rēzekne izvēlēta, jo abām pilsētām jau ir kopīga sadarbības pieredze, abas ir "
             "Lielo pilsētu savienības dalībpilsētas un atrodas Latgalē, tāpēc projektu vadībā tām ir līdzīgas "
             "problēmas.",
             "Projekto 3 veikla. Rėzeknė pasirinkta, nes abu miestai jau bendradarbiavo, abu yra Didžiųjų miestų "
             "sąjungos nariai ir yra Latgaloje, todėl projektų valdyme jų problemos panašios.",
             "Activity No 3 of the project. Rēzekne was chosen because the two cities already cooperate, both belong "
             "to the association of large cities and lie in Latgale, so their project-management problems are alike.",
             "description"),
        "start_date": date(2012, 8, 31), "end_date": date(2012, 8, 31), "format": "in_person",
        **_t("Rēzekne", "Rėzeknė", "Rēzekne", "venue"),
    },
    "organisers": ["daugavpils-city-council"],
    "hosts": ["rezekne-city-council"],
    "host_municipalities": ["0210000"],
    "programme": [
        (date(2012, 8, 31), "discussion", "rezekne-city-council",
         _t("Tikšanās ar Rēzeknes pašvaldības projektu vadības speciālistiem", "Susitikimas su Rėzeknės savivaldybės "
            "projektų valdymo specialistais", "Meeting with Rēzekne's project-management specialists"),
         [("Stecs", "rezekne-city-council")]),
        (date(2012, 8, 31), "presentation", "rezekne-city-council",
         _t("Rēzeknes pašvaldības projektu pieredze", "Rėzeknės savivaldybės projektų patirtis",
            "Rēzekne's project experience"), []),
        (date(2012, 8, 31), "presentation", "daugavpils-city-council",
         _t("Daugavpils pašvaldības projektu pieredze", "Daugpilio savivaldybės projektų patirtis",
            "Daugavpils's project experience"), []),
        (date(2012, 8, 31), "presentation", "latgale-planning-region",
         _t("Latgales plānošanas reģiona projekti", "Latgalos planavimo regiono projektai",
            "Projects of Latgale Planning Region"), []),
        (date(2012, 8, 31), "visit", "rezekne-creative-services-centre",
         _t("Radošo pakalpojumu centrs (tieši pirms atklāšanas)", "Kūrybinių paslaugų centras (prieš pat atidarymą)",
            "Creative Services Centre (just before its opening)"), []),
        (date(2012, 8, 31), "visit", "latgale-culture-and-history-museum",
         _t("Latgales kultūrvēstures muzejs", "Latgalos kultūros istorijos muziejus",
            "Latgale Culture and History Museum"), []),
        (date(2012, 8, 31), "visit", "rezekne-concert-hall",
         _t("Multifunkcionālā koncertzāle (būvniecības laikā)", "Daugiafunkcė koncertų salė (statybų metu)",
            "Multifunctional concert hall (under construction)"), []),
        (date(2012, 8, 31), "visit", None,
         _t("Festivālu parks, Stacijas iela, gājēju iela un Atbrīvošanas aleja", "Festivalių parkas, Stoties gatvė, "
            "pėsčiųjų gatvė ir Išlaisvinimo alėja", "Festival park, Stacijas street, the pedestrian street and "
            "Atbrīvošanas avenue"), []),
    ],
    "participants": [("daugavpils-city-council", 8)],
    "outcomes": [
        _t("Projekta īstenošanas panākumu formula", "Projekto įgyvendinimo sėkmės formulė",
           "Project implementation success formula")
        | _t("Kopīgi izstrādāta diskusijā pēc abu pašvaldību un plānošanas reģiona prezentācijām.",
             "Bendrai parengta diskusijoje po abiejų savivaldybių ir planavimo regiono pranešimų.",
             "Drafted together in the discussion after the presentations of both municipalities and the region.",
             "text"),
    ],
    "photos": [
        _t("Daugavpils pašvaldības darbinieki pie Multifunkcionālās koncertzāles Rēzeknē",
           "Daugpilio savivaldybės darbuotojai prie Daugiafunkcės koncertų salės Rėzeknėje",
           "Daugavpils municipality staff at the Multifunctional Concert Hall in Rēzekne", "caption"),
        _t("Daugavpils pašvaldības darbinieki Radošo pakalpojumu centra fonā Rēzeknē",
           "Daugpilio savivaldybės darbuotojai Kūrybinių paslaugų centro fone Rėzeknėje",
           "Daugavpils municipality staff in front of the Creative Services Centre in Rēzekne", "caption"),
    ],
    "status": "closed",
}

IMC0_SEMINAR = {
    # The article gives 11 February without a year; the project ran in the Norway Grants 2009–2014 period.
    "key": ("IMC-0: pirmais starppašvaldību sadarbības seminārs", None),
    "project": "4.3-24/NFI/INP-002", "kind": "seminar",
    "fields": {
        **_t("IMC-0: pirmais starppašvaldību sadarbības seminārs", "IMC-0: pirmasis tarpsavivaldybinio "
             "bendradarbiavimo seminaras", "IMC-0: first inter-municipal cooperation seminar"),
        **_t("Seminārs pašvaldību pārstāvjiem attīstības plānošanas kapacitātes stiprināšanai.",
             "Seminaras savivaldybių atstovams, skirtas plėtros planavimo gebėjimams stiprinti.",
             "A seminar for municipal staff on strengthening development-planning capacity.", "description"),
        # Stated: 11 February. The projects of the 2009–2014 mechanism ran 2013–2016 (eligibility to April
        # 2016), so the seminar lies in one of those years; 2015 is an inference, shown as one.
        "date_precision": "day_month", "stated_day": 11, "stated_month": 2, "year_from": 2013, "year_to": 2016,
        "inferred_year": 2015, "year_source": "programme_period", "format": "in_person",
        **_t("Norvēģijas finanšu instrumenta 2009.–2014. gada perioda projekti norisinājās 2013.–2016. gadā.",
             "2009–2014 m. Norvegijos finansinio mechanizmo laikotarpio projektai vyko 2013–2016 m.",
             "The projects of the Norwegian Financial Mechanism 2009–2014 ran in 2013–2016.", "date_note"),
    },
    "organisers": ["urban-institute", "varam"],
    "topics": ["spatial-development-planning", "international-cooperation"],
    # The seminar had one day, whose year is not stated: its programme items carry no day of their own.
    "programme": [
        (None, "presentation", "varam",
         _t("1. daļa: atskats uz VARAM un OECD LEED plānošanas speciālistu apmācībām", "1 dalis: VARAM ir EBPO LEED "
            "planavimo specialistų mokymų apžvalga", "Part 1: looking back at the VARAM and OECD LEED trainings of "
            "planning specialists"), []),
        (None, "presentation", "urban-institute",
         _t("Latvijas vietējo kopienu aktivizēšanas un apmācību programma", "Latvijos vietos bendruomenių "
            "aktyvinimo ir mokymo programa", "Latvian local community activation and training programme"), []),
        (None, "presentation", None,
         _t("Programmu “Zināšanu eņģeļi” un “Nākotnes spēles” panākumi", "Programų „Žinių angelai“ ir „Ateities "
            "žaidimai“ laimėjimai", "Results of the “Knowledge Angels” and “Future Games” programmes"), []),
        (None, "presentation", "broceni-municipality",
         _t("Brocēnu pieredze šajās programmās", "Brocėnų patirtis šiose programose",
            "Brocēni's experience of these programmes"), []),
        (None, "discussion", None,
         _t("2. daļa: trīs paralēlās darba grupas un to rezultātu prezentācijas", "2 dalis: trys lygiagrečios darbo "
            "grupės ir jų rezultatų pristatymai", "Part 2: three parallel working groups presenting their results"),
         []),
    ],
    "breakouts": [
        {"theme_lv": "Teritoriju ekonomikas attīstība – resursi, specializācija un stratēģiskā plānošana rezultātu "
                     "sasniegšanai",
         "theme_lt": "Teritorijų ekonominė plėtra – ištekliai, specializacija ir strateginis planavimas rezultatams "
                     "pasiekti",
         "theme_en": "Economic development of territories – resources, specialisation and strategic planning for "
                     "results"},
        {"theme_lv": "Pašvaldību savstarpējā sadarbība un kopīgu projektu īstenošana, sadarbība ar vietējiem "
                     "partneriem reģionālajā un nacionālajā pārvaldes līmenī",
         "theme_lt": "Savivaldybių tarpusavio bendradarbiavimas ir bendrų projektų įgyvendinimas, bendradarbiavimas "
                     "su vietos partneriais regioniniu ir nacionaliniu lygmeniu",
         "theme_en": "Inter-municipal cooperation and joint projects; cooperation with local partners at regional "
                     "and national level"},
        {"theme_lv": "Politiskā līderība: vietējo iniciatīvu veicināšana un sadarbības iesaiste lēmumu pieņemšanā",
         "theme_lt": "Politinė lyderystė: vietos iniciatyvų skatinimas ir bendradarbiavimas priimant sprendimus",
         "theme_en": "Political leadership: encouraging local initiatives and involving cooperation in "
                     "decision-making"},
    ],
    "breakout_result": _t("Grupa prezentēja savu darbu un ierosināja pasākumus attīstības plānošanas kapacitātes "
                          "stiprināšanai.", "Grupė pristatė savo darbą ir pasiūlė priemones plėtros planavimo "
                          "gebėjimams stiprinti.", "The group presented its work and proposed measures to strengthen "
                          "development-planning capacity.", "result"),
    "participants": [("broceni-municipality", 3), ("preili-municipality", 2), ("ludza-municipality", 2),
                     ("kuldiga-municipality", 2), ("latgale-planning-region", 2)],
    "outcomes": [
        _t("Turpmāko apmācību plāns", "Tolesnių mokymų planas", "Plan of further trainings")
        | _t("No semināra atziņām par pašvaldību vajadzībām projektā plānoti tālāki pasākumi pašvaldību un "
             "plānošanas reģionu speciālistiem.", "Remiantis seminaro įžvalgomis apie savivaldybių poreikius, "
             "projekte planuojami tolesni renginiai savivaldybių ir planavimo regionų specialistams.",
             "From what the seminar showed about municipalities' needs, the project plans further events for "
             "municipal and regional specialists.", "text"),
    ],
    "status": "closed",
}

WEBINAR = {
    "key": ("Pašvaldību attīstības sadarbība ar Austrumu partnerības valstīm", date(2020, 12, 15)),
    "project": "LPS-EC-2020", "kind": "webinar",
    "fields": {
        **_t("Pašvaldību attīstības sadarbība ar Austrumu partnerības valstīm",
             "Savivaldybių vystomasis bendradarbiavimas su Rytų partnerystės šalimis",
             "Municipal development cooperation with the Eastern Partnership countries"),
        **_t("Pašvaldības stāsta par sadarbību ar Gruziju, Moldovu un Ukrainu Eiropas Vietējās solidaritātes dienu "
             "ietvaros pandēmijas laikā; skatītāji balso par labāko video.",
             "Savivaldybės pasakoja apie bendradarbiavimą su Gruzija, Moldova ir Ukraina per Europos vietos "
             "solidarumo dienas pandemijos metu; žiūrovai balsuoja už geriausią vaizdo įrašą.",
             "Municipalities tell of their cooperation with Georgia, Moldova and Ukraine during the European Local "
             "Solidarity Days in the pandemic; viewers vote for the best video.", "description"),
        "start_date": date(2020, 12, 15), "end_date": date(2020, 12, 15), "format": "online",
    },
    "organisers": ["lps", "ministry-of-foreign-affairs-lv"],
    "topics": ["international-development-cooperation", "international-cooperation"],
    "programme": [
        (date(2020, 12, 15), "presentation", "ministry-of-foreign-affairs-lv",
         _t("Nacionāli noteiktās sadarbības tēmas ar Austrumu partnerības valstīm", "Nacionaliniu lygmeniu "
            "nustatytos bendradarbiavimo su Rytų partnerystės šalimis temos", "Cooperation themes with the Eastern "
            "Partnership set at national level"), [("Trokša", "ministry-of-foreign-affairs-lv")]),
        (date(2020, 12, 15), "presentation", "kuldiga-municipality",
         _t("Kuldīgas novada attīstības sadarbība pandēmijas laikā", "Kuldygos savivaldybės vystomasis "
            "bendradarbiavimas pandemijos metu", "Kuldīga's development cooperation in the pandemic"), []),
        (date(2020, 12, 15), "presentation", "preili-municipality",
         _t("Preiļu novada attīstības sadarbība pandēmijas laikā", "Preilių savivaldybės vystomasis "
            "bendradarbiavimas pandemijos metu", "Preiļi's development cooperation in the pandemic"), []),
        (date(2020, 12, 15), "presentation", "skrunda-municipality",
         _t("Skrundas novada attīstības sadarbība pandēmijas laikā", "Skrundos savivaldybės vystomasis "
            "bendradarbiavimas pandemijos metu", "Skrunda's development cooperation in the pandemic"), []),
        (date(2020, 12, 15), "presentation", "valka-municipality",
         _t("Valkas novada attīstības sadarbība pandēmijas laikā", "Valkos savivaldybės vystomasis "
            "bendradarbiavimas pandemijos metu", "Valka's development cooperation in the pandemic"), []),
    ],
    "participants": [("kuldiga-municipality", 3), ("preili-municipality", 3), ("skrunda-municipality", 3),
                     ("valka-municipality", 3), ("lps", 2), ("balvi-municipality", 2), ("ludza-municipality", 2)],
    "poll": {
        **_t("Labākais pašvaldību video par attīstības sadarbību", "Geriausias savivaldybių vaizdo įrašas apie "
             "vystomąjį bendradarbiavimą", "Best municipal video on development cooperation", "question"),
        # Six videos were shown; the article names the two from Preiļi. Votes are sample data.
        "entries": [
            ("«Eiropas Vietējās solidaritātes dienas Preiļos»", "preili-municipality", 9,
             _t("Skatītāju balsojuma uzvarētājs", "Žiūrovų balsavimo nugalėtojas", "Winner of the audience vote",
                "award")),
            ("«Ilgtspējīgas attīstības mērķi. Preiļu novads»", "preili-municipality", 2, {}),
            ("Video 3 (nosaukums avotā nav minēts)", None, 3, {}),
            ("Video 4 (nosaukums avotā nav minēts)", None, 2, {}),
            ("Video 5 (nosaukums avotā nav minēts)", None, 1, {}),
            ("Video 6 (nosaukums avotā nav minēts)", None, 1, {}),
        ],
    },
    "outcomes": [
        _t("Video par attīstības sadarbību", "Vaizdo įrašai apie vystomąjį bendradarbiavimą",
           "Videos on development cooperation")
        | _t("Visi video, arī vebinārā neparādītie, pieejami LPS YouTube sadaļā “Attīstības sadarbība”; balvas "
             "labākajiem paziņotas LPS 29. jubilejas dienā.", "Visi vaizdo įrašai, taip pat ir nerodyti vebinare, "
             "skelbiami LPS YouTube skiltyje „Attīstības sadarbība“; apdovanojimai paskelbti LPS 29-ųjų metinių "
             "dieną.", "All videos, including those not shown in the webinar, are in the LPS YouTube section "
             "“Attīstības sadarbība”; awards for the best were announced on the Association's 29th anniversary.",
             "text"),
    ],
    "status": "closed",
}

# Not in the articles: a training of the LLI-59 work plan, so that the training indicator has attendance.
SAMPLE_TRAINING = {
    "key": ("LEAN vadības sistēmas pamati (parauga dati)", date(2018, 10, 16)),
    "project": "LLI-59", "kind": "training", "work_plan": "Apmācības",
    "fields": {
        **_t("LEAN vadības sistēmas pamati (parauga dati)", "LEAN vadybos sistemos pagrindai (pavyzdiniai duomenys)",
             "Basics of the LEAN management system (sample data)"),
        **_t("Parauga pasākums demonstrācijai: avotos tā nav.", "Pavyzdinis renginys demonstracijai: šaltiniuose jo "
             "nėra.", "A sample event for the demonstration: it is not in the sources.", "description"),
        "start_date": date(2018, 10, 16), "end_date": date(2018, 10, 16), "format": "in_person", "capacity": 30,
        "quota_per_organisation": 4,
    },
    "organisers": ["latgale-planning-region"],
    "participants": [("balvi-municipality", 3), ("kraslava-municipality", 3), ("ludza-municipality", 3),
                     ("daugavpils-municipality", 3), ("preili-municipality", 3), ("aglona-municipality", 2)],
    "status": "closed",
}

WORKING_GROUPS = [
    ("lli-59-tourism", _t("Tūrisma darba grupa", "Turizmo darbo grupė", "Tourism working group", "name")
     | _t("tūrisms", "turizmas", "tourism", "theme")),
    ("lli-59-culture", _t("Kultūras darba grupa", "Kultūros darbo grupė", "Culture working group", "name")
     | _t("kultūra", "kultūra", "culture", "theme")),
    ("lli-59-it", _t("IT darba grupa", "IT darbo grupė", "IT working group", "name")
     | _t("informācijas tehnoloģijas", "informacinės technologijos", "information technology", "theme")),
]

WORKING_GROUP_TOPICS = {"lli-59-tourism": ["tourism"], "lli-59-culture": ["culture"],
                        "lli-59-it": ["e-government-it"]}

ACTIVITIES = [UTENA_VISIT, *FOLLOW_UPS, REZEKNE_VISIT, IMC0_SEMINAR, WEBINAR, SAMPLE_TRAINING]
SAMPLE_TITLE = {"lv": "Parauga dalībnieks (demonstrācijas dati)", "lt": "Pavyzdinis dalyvis (demonstraciniai "
                "duomenys)", "en": "Sample participant (demonstration data)"}


def load_demo_activities() -> Counter:
    """Idempotent: an activity is found again by its Latvian title and start date."""
    created: Counter = Counter()
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE), transaction.atomic():
        for slug, fields in WORKING_GROUPS:
            if not WorkingGroup.objects.filter(slug=slug).exists():
                group = WorkingGroup.objects.create(slug=slug, project=Project.objects.filter(code="LLI-59").first(),
                                                    **fields)
                group.topics.set(Topic.objects.filter(slug__in=WORKING_GROUP_TOPICS[slug]))
                created["working_groups"] += 1
        for spec in ACTIVITIES:
            _activity(spec, created)
    return created


def _find(key) -> Activity | None:
    """By Latvian title and stated start (None where the source gives no full date)."""
    title, start = key
    found = Activity.objects.filter(title_lv=title)
    return (found.filter(start_date=start) if start else found).first()


def _orgs(slugs) -> list[Organisation]:
    found = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def _presenter(last_name: str, organisation_slug: str) -> Position | None:
    return Position.objects.filter(person__last_name=last_name, organisation__slug=organisation_slug).first()


def _activity(spec: dict, created: Counter) -> None:
    if _find(spec["key"]):
        return
    project = Project.objects.filter(code=spec["project"]).first()
    fields = dict(spec["fields"])
    if spec.get("work_plan") and project:
        fields["work_plan_item"] = WorkPlanItem.objects.filter(project=project, title_lv=spec["work_plan"]).first()
    if spec.get("announced_by"):
        fields["announced_by"] = _find(spec["announced_by"])
    activity = services.create_activity(
        organisers=_orgs(spec["organisers"]), hosts=_orgs(spec.get("hosts", [])),
        host_municipalities=list(Municipality.objects.filter(code__in=spec.get("host_municipalities", []))),
        project=project, kind=spec["kind"], topics=list(Topic.objects.filter(slug__in=spec.get("topics", []))),
        **fields,
    )
    created["activities"] += 1
    for organisation in _orgs(spec.get("took_part", [])):
        services.record_participation(activity=activity, organisation=organisation,
                                      role=Participation.Role.DELEGATION, source=spec.get("source", ""))
        created["participations"] += 1
    for day, kind, place, titles, presenters in spec.get("programme", []):
        services.add_programme_item(
            activity=activity, day=day, kind=kind, place=_orgs([place])[0] if place else None,
            presenters=[p for p in (_presenter(*presenter) for presenter in presenters) if p], **titles,
        )
        created["programme_items"] += 1
    for themes in spec.get("breakouts", []):
        services.add_breakout(activity=activity, **themes, **spec.get("breakout_result", {}))
    for outcome in spec.get("outcomes", []):
        services.add_outcome(activity=activity, **outcome)
    for caption in spec.get("photos", []):
        photo = services.add_photo(activity=activity, **caption)
        services.publish_photo(photo=photo)  # no identifiable person is named in these photos
    if spec.get("participants"):
        services.set_status(activity=activity, status="open")
        for organisation_slug, count in spec["participants"]:
            organisation = _orgs([organisation_slug])[0]
            for n in range(count):
                person = _sample_person(organisation, n + 1)
                registration = services.register(activity=activity, person=person, organisation=organisation,
                                                  sample=True, now=_before(activity))
                services.check_in(registration=registration)
                created["registrations"] += 1
        if spec.get("poll"):
            _poll(activity, spec["poll"], created)
    if spec.get("status") == "closed":
        services.close_activity(activity=activity)


def _before(activity: Activity) -> datetime:
    """Sign-ups are dated before the event, as they happened."""
    return timezone.make_aware(datetime.combine(activity.start_date, time(8, 0)))  # the earliest possible day


def _sample_person(organisation: Organisation, n: int) -> Person:
    """Generated participants are plainly named as such and never appear in public photos or lists."""
    first_name = "Parauga"
    last_name = f"Dalībnieks {organisation.slug} {n}"
    person = Person.objects.filter(first_name=first_name, last_name=last_name).first()
    if person is None:
        person = directory.save_person(first_name=first_name, last_name=last_name)
        directory.save_position(person=person, organisation=organisation, titles=SAMPLE_TITLE)
    return person


def _poll(activity: Activity, spec: dict, created: Counter) -> None:
    poll = services.create_poll(
        activity=activity, question_lv=spec["question_lv"], question_lt=spec["question_lt"],
        question_en=spec["question_en"],
        entries=[{"title": title, "organisation": _orgs([org])[0] if org else None, **award}
                 for title, org, _votes, award in spec["entries"]],
    )
    services.set_poll_status(poll=poll, status="open")
    voters = list(Registration.objects.filter(activity=activity, sample=True).select_related("person"))
    User = get_user_model()
    entries = list(poll.entries.order_by("pk"))
    index = 0
    for entry, (_title, _org, votes, _award) in zip(entries, spec["entries"], strict=True):
        for _ in range(votes):
            person = voters[index].person
            index += 1
            user = User.objects.filter(username=f"sample-{person.pk}").first()
            if user is None:
                user = User.objects.create_user(username=f"sample-{person.pk}", password=None)  # cannot log in
                directory.save_person(first_name=person.first_name, last_name=person.last_name, person=person,
                                      user=user)
            services.cast_vote(poll=poll, entry=entry, by=user)
            created["votes"] += 1
    services.set_poll_status(poll=poll, status="closed")

