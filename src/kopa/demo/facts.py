"""The demo data set as plain data: the facts of the five source articles in /shared/seeds (Latvian).

Names, dates, amounts and codes are those the articles give; the descriptive texts are our own. Where
the articles are silent we leave the field empty instead of guessing, and the few exceptions (a project
code, two indicator targets) are marked below as demo assumptions.

Municipalities are referred to by their official codes (ATVK for Latvia before 2021, ISO 3166-2 for
Lithuania), copied from data/reference/lv_municipalities_2009_2021.csv and lt_municipalities.csv. All
sources date from before the Latvian reform of 1 July 2021, so the pre-2021 Latvian units are used.
"""

from datetime import date
from decimal import Decimal

# --- Countries and regions (also created by the reference loader; the demo only fills gaps) -----------

COUNTRIES = {
    "LV": {"lv": "Latvija", "lt": "Latvija", "en": "Latvia"},
    "LT": {"lv": "Lietuva", "lt": "Lietuva", "en": "Lithuania"},
}

# code: (country, kind, names)
REGIONS = {
    "LV-LATGALE": ("LV", "planning_region", {
        "lv": "Latgales plānošanas reģions", "lt": "Latgalos planavimo regionas", "en": "Latgale Planning Region",
    }),
    "LV-KURZEME": ("LV", "planning_region", {
        "lv": "Kurzemes plānošanas reģions", "lt": "Kuržemės planavimo regionas", "en": "Kurzeme Planning Region",
    }),
    "LV-ZEMGALE": ("LV", "planning_region", {
        "lv": "Zemgales plānošanas reģions", "lt": "Žiemgalos planavimo regionas", "en": "Zemgale Planning Region",
    }),
    "LT-UT": ("LT", "county", {"lv": "Utenas apriņķis", "lt": "Utenos apskritis", "en": "Utena County"}),
}

# --- Official municipality codes --------------------------------------------------------------------

# Latvia, 1 July 2009 – 30 June 2021 (ATVK).
LV_DAUGAVPILS_CITY = "0050000"
LV_REZEKNE_CITY = "0210000"
LV_AGLONA = "0604300"
LV_BALVI = "0380200"
LV_BROCENI = "0840601"
LV_DAUGAVPILS_NOVADS = "0440200"
LV_KRASLAVA = "0600202"
LV_KULDIGA = "0620200"
LV_LIVANI = "0761201"
LV_LUDZA = "0680200"
LV_PREILI = "0760202"
LV_REZEKNE_NOVADS = "0780200"
LV_RIEBINI = "0766300"
LV_SKRUNDA = "0621200"
LV_VALKA = "0940200"  # Vidzeme planning region: the region is taken from the municipality
LV_VILANI = "0781800"
LV_ZILUPE = "0681801"

# Lithuania (ISO 3166-2).
LT_ANYKSCIAI = "LT-04"
LT_IGNALINA = "LT-09"
LT_KUPISKIS = "LT-23"  # Panevėžys county: the region is taken from the municipality
LT_MOLETAI = "LT-27"
LT_UTENA = "LT-54"
LT_VISAGINAS = "LT-59"
LT_ZARASAI = "LT-60"

# --- Organisations ----------------------------------------------------------------------------------
# slug, kind, country, names; optional: short_name, municipality (code), region (code; when absent, the
# municipality's own region is used), website, descriptions. Departments are listed with the people.


def _org(slug, kind, country, lv, lt, en, *, short_name="", municipality=None, region=None, website="",
         descriptions=None):
    return {
        "slug": slug, "kind": kind, "country": country, "names": {"lv": lv, "lt": lt, "en": en},
        "short_name": short_name, "municipality": municipality, "region": region, "website": website,
        "descriptions": descriptions or {},
    }


MA = "municipal_administration"

ORGANISATIONS = [
    # Project LLI-59 "Open Leadership": lead partner, partner and the 2018 follow-up exchanges (articles 000, 004).
    _org(
        "euroregion-country-of-lakes-lt", "euroregion", "LT",
        "Eiroreģiona “Ezeru zeme” Lietuvas birojs",
        "Euroregiono „Ežerų kraštas“ Lietuvos biuras",
        "Lithuanian office of Euroregion “Country of Lakes”",
        region="LT-UT",
        descriptions={
            "lv": "Pārrobežu sadarbības apvienības Lietuvas puse; projekta LLI-59 “Open Leadership” vadošais "
                  "partneris, kas projektā iesaistīja septiņas Lietuvas pašvaldības.",
            "lt": "Tarpvalstybinio bendradarbiavimo susivienijimo Lietuvos dalis; projekto LLI-59 „Open "
                  "Leadership“ pagrindinis partneris, į projektą įtraukęs septynias Lietuvos savivaldybes.",
            "en": "The Lithuanian side of a cross-border cooperation association; lead partner of project LLI-59 "
                  "“Open Leadership”, which it opened to seven Lithuanian municipalities.",
        },
    ),
    _org(
        "latgale-planning-region", "planning_region", "LV",
        "Latgales plānošanas reģions", "Latgalos planavimo regionas", "Latgale Planning Region",
        region="LV-LATGALE",
        descriptions={
            "lv": "Latvijas austrumu plānošanas reģions; projekta LLI-59 “Open Leadership” partneris Latvijā, "
                  "kas projektā iesaistīja desmit Latgales pašvaldības.",
            "lt": "Rytų Latvijos planavimo regionas; projekto LLI-59 „Open Leadership“ partneris Latvijoje, "
                  "į projektą įtraukęs dešimt Latgalos savivaldybių.",
            "en": "The planning region of eastern Latvia; partner of project LLI-59 “Open Leadership” in Latvia, "
                  "which it opened to ten Latgale municipalities.",
        },
    ),
    _org("kurzeme-planning-region", "planning_region", "LV",
         "Kurzemes plānošanas reģions", "Kuržemės planavimo regionas", "Kurzeme Planning Region",
         region="LV-KURZEME"),
    _org("zemgale-planning-region", "planning_region", "LV",
         "Zemgales plānošanas reģions", "Žiemgalos planavimo regionas", "Zemgale Planning Region",
         region="LV-ZEMGALE"),
    # Associated organisations brought in by the lead partner (article 004).
    _org("zarasai-district-municipality", MA, "LT",
         "Zarasu rajona pašvaldības administrācija", "Zarasų rajono savivaldybės administracija",
         "Zarasai District Municipality Administration", municipality=LT_ZARASAI, region="LT-UT"),
    _org("visaginas-municipality", MA, "LT",
         "Visaginas pašvaldības administrācija", "Visagino savivaldybės administracija",
         "Visaginas Municipality Administration", municipality=LT_VISAGINAS, region="LT-UT"),
    _org("ignalina-district-municipality", MA, "LT",
         "Ignalinas rajona pašvaldības administrācija", "Ignalinos rajono savivaldybės administracija",
         "Ignalina District Municipality Administration", municipality=LT_IGNALINA, region="LT-UT"),
    _org("kupiskis-district-municipality", MA, "LT",
         "Kupišku rajona pašvaldības administrācija", "Kupiškio rajono savivaldybės administracija",
         "Kupiškis District Municipality Administration", municipality=LT_KUPISKIS),
    _org("moletai-district-municipality", MA, "LT",
         "Moletu rajona pašvaldības administrācija", "Molėtų rajono savivaldybės administracija",
         "Molėtai District Municipality Administration", municipality=LT_MOLETAI, region="LT-UT"),
    _org("utena-district-municipality", MA, "LT",
         "Utenas rajona pašvaldības administrācija", "Utenos rajono savivaldybės administracija",
         "Utena District Municipality Administration", municipality=LT_UTENA, region="LT-UT"),
    _org("anyksciai-district-municipality", MA, "LT",
         "Anīkšču rajona pašvaldības administrācija", "Anykščių rajono savivaldybės administracija",
         "Anykščiai District Municipality Administration", municipality=LT_ANYKSCIAI, region="LT-UT"),
    # Associated organisations brought in by the Latgale Planning Region (article 004), and the other
    # Latgale municipalities whose staff went on the 2018 study visit (article 000).
    _org("daugavpils-city-council", MA, "LV",
         "Daugavpils pilsētas dome", "Daugpilio miesto taryba", "Daugavpils City Council",
         municipality=LV_DAUGAVPILS_CITY, region="LV-LATGALE"),
    _org("daugavpils-municipality", MA, "LV",
         "Daugavpils novada pašvaldība", "Daugpilio novado savivaldybė", "Daugavpils Municipality",
         municipality=LV_DAUGAVPILS_NOVADS, region="LV-LATGALE"),
    _org("rezekne-municipality", MA, "LV",
         "Rēzeknes novada pašvaldība", "Rėzeknės novado savivaldybė", "Rēzekne Municipality",
         municipality=LV_REZEKNE_NOVADS, region="LV-LATGALE"),
    _org("ludza-municipality", MA, "LV",
         "Ludzas novada pašvaldība", "Ludzos novado savivaldybė", "Ludza Municipality",
         municipality=LV_LUDZA, region="LV-LATGALE"),
    # Article 003 names it "Preiļu novada dome" (Elita Jermolajeva's position).
    _org("preili-municipality", MA, "LV",
         "Preiļu novada dome", "Preilių novado taryba", "Preiļi Municipal Council",
         municipality=LV_PREILI, region="LV-LATGALE"),
    _org("livani-municipality", MA, "LV",
         "Līvānu novada pašvaldība", "Lyvanų novado savivaldybė", "Līvāni Municipality",
         municipality=LV_LIVANI, region="LV-LATGALE"),
    _org("aglona-municipality", MA, "LV",
         "Aglonas novada pašvaldība", "Aglonos novado savivaldybė", "Aglona Municipality",
         municipality=LV_AGLONA, region="LV-LATGALE"),
    _org("balvi-municipality", MA, "LV",
         "Balvu novada pašvaldība", "Balvų novado savivaldybė", "Balvi Municipality",
         municipality=LV_BALVI, region="LV-LATGALE"),
    _org("kraslava-municipality", MA, "LV",
         "Krāslavas novada pašvaldība", "Kraslavos novado savivaldybė", "Krāslava Municipality",
         municipality=LV_KRASLAVA, region="LV-LATGALE"),
    _org("riebini-municipality", MA, "LV",
         "Riebiņu novada pašvaldība", "Riebinių novado savivaldybė", "Riebiņi Municipality",
         municipality=LV_RIEBINI, region="LV-LATGALE"),
    _org("vilani-municipality", MA, "LV",
         "Viļānu novada pašvaldība", "Vilianų novado savivaldybė", "Viļāni Municipality",
         municipality=LV_VILANI, region="LV-LATGALE"),
    _org("zilupe-municipality", MA, "LV",
         "Zilupes novada pašvaldība", "Zilupės novado savivaldybė", "Zilupe Municipality",
         municipality=LV_ZILUPE, region="LV-LATGALE"),
    # Institutions visited in Utena district on 29–30 May 2018 (article 000).
    _org("utena-art-museum", "museum", "LT",
         "Utenas mākslas muzejs", "Utenos dailės muziejus", "Utena Art Museum",
         municipality=LT_UTENA, region="LT-UT"),
    _org("utena-museum-of-freedom-fights", "museum", "LT",
         "Brīvības cīņu muzejs", "Laisvės kovų muziejus", "Museum of Freedom Fights",
         municipality=LT_UTENA, region="LT-UT"),
    _org("utena-library", "library", "LT",
         "Utenas bibliotēka", "Utenos biblioteka", "Utena Library",
         municipality=LT_UTENA, region="LT-UT"),
    _org(
        "taurapilis-creative-industries-centre", "incubator", "LT",
        "Radošo industriju centrs “Taurapilis”", "Kūrybinių industrijų centras „Taurapilis“",
        "Creative industries centre “Taurapilis”",
        municipality=LT_UTENA, region="LT-UT",
        descriptions={
            "lv": "Radošo industriju centrs Utenā ar rezidentiem, daudzfunkcionālām telpām un tehnoloģijām "
                  "radošajam darbam.",
            "lt": "Kūrybinių industrijų centras Utenoje su rezidentais, daugiafunkcėmis erdvėmis ir kūrybai "
                  "skirtomis technologijomis.",
            "en": "A creative-industries centre in Utena with resident businesses, versatile spaces and "
                  "technology for creative work.",
        },
    ),
    _org("valiusis-art-centre-leliunai", "museum", "LT",
         "Vitauta Valiušis mākslas centrs un keramikas muzejs (Leliūnai)",
         "Vytauto Valiušio meno centras ir keramikos muziejus (Leliūnai)",
         "Vytautas Valiušis Art Centre and Ceramics Museum (Leliūnai)",
         municipality=LT_UTENA, region="LT-UT"),
    # … and in Anykščiai.
    _org("anyksciai-church-of-st-matthew", "other", "LT",
         "Sv. Apustuļa evaņģēlista Mateja baznīca", "Šv. apaštalo evangelisto Mato bažnyčia",
         "Church of St Matthew the Apostle and Evangelist",
         municipality=LT_ANYKSCIAI, region="LT-UT"),
    _org("anyksciai-angel-museum", "museum", "LT",
         "Eņģeļu muzejs", "Angelų muziejus", "Angel Museum",
         municipality=LT_ANYKSCIAI, region="LT-UT"),
    _org("baranauskas-granary", "museum", "LT",
         "Dzejnieka un bīskapa Antana Baranauska klētiņa", "Poeto ir vyskupo Antano Baranausko klėtelė",
         "Granary of the poet and bishop Antanas Baranauskas",
         municipality=LT_ANYKSCIAI, region="LT-UT"),
    _org("anyksciai-library", "library", "LT",
         "Anīkšču bibliotēka", "Anykščių biblioteka", "Anykščiai Library",
         municipality=LT_ANYKSCIAI, region="LT-UT"),
    _org("anyksciai-culture-centre", "culture_centre", "LT",
         "Anīkšču kultūras centrs", "Anykščių kultūros centras", "Anykščiai Culture Centre",
         municipality=LT_ANYKSCIAI, region="LT-UT"),
    _org(
        "anyksciai-art-incubator", "incubator", "LT",
        "Anīkšču mākslas inkubators", "Anykščių menų inkubatorius", "Anykščiai Art Incubator",
        municipality=LT_ANYKSCIAI, region="LT-UT",
        descriptions={
            "lv": "Radošais inkubators Anīkšos, kurā strādā vietējie apģērbu, rotaslietu un kosmētikas ražotāji.",
            "lt": "Kūrybinis inkubatorius Anykščiuose, kuriame dirba vietos drabužių, papuošalų ir kosmetikos "
                  "gamintojai.",
            "en": "A creative incubator in Anykščiai where local makers of clothing, jewellery and cosmetics "
                  "have their workshops.",
        },
    ),
    # The Daugavpils ESF project and its study visit to Rēzekne on 31 August 2012 (article 001).
    _org("state-chancellery", "other", "LV",
         "Valsts kanceleja", "Valstybės kanceliarija", "State Chancellery",
         descriptions={
             "lv": "Administrēja ESF apakšaktivitāti 1.5.2.2.3 sadarbībā ar Sabiedrības integrācijas fondu.",
             "lt": "Administravo ESF papildomą veiklą 1.5.2.2.3 kartu su Visuomenės integracijos fondu.",
             "en": "Administered ESF sub-activity 1.5.2.2.3 together with the Society Integration Foundation.",
         }),
    _org("society-integration-foundation", "other", "LV",
         "Sabiedrības integrācijas fonds", "Visuomenės integracijos fondas", "Society Integration Foundation",
         short_name="SIF"),
    _org("rezekne-city-council", MA, "LV",
         "Rēzeknes pilsētas dome", "Rėzeknės miesto taryba", "Rēzekne City Council",
         municipality=LV_REZEKNE_CITY, region="LV-LATGALE"),
    # The article's own wording ("Lielo pilsētu savienība") for the association of Latvia's large cities.
    _org("association-of-large-cities", "association", "LV",
         "Lielo pilsētu savienība", "Latvijos didžiųjų miestų asociacija", "Association of Large Cities of Latvia"),
    _org("rezekne-creative-services-centre", "other", "LV",
         "Radošo pakalpojumu centrs", "Kūrybinių paslaugų centras", "Creative Services Centre",
         municipality=LV_REZEKNE_CITY, region="LV-LATGALE",
         descriptions={
             "lv": "Rēzeknes centrs, ko Daugavpils projektu speciālisti apskatīja 2012. gada augustā tieši "
                   "pirms tā atklāšanas.",
             "lt": "Rėzeknės centras, kurį Daugpilio projektų specialistai apžiūrėjo 2012 m. rugpjūtį, prieš pat "
                   "jo atidarymą.",
             "en": "A centre in Rēzekne that Daugavpils project specialists saw in August 2012, just before it "
                   "opened.",
         }),
    _org("latgale-culture-and-history-museum", "museum", "LV",
         "Latgales kultūrvēstures muzejs", "Latgalos kultūros istorijos muziejus",
         "Latgale Culture and History Museum",
         municipality=LV_REZEKNE_CITY, region="LV-LATGALE"),
    _org("rezekne-concert-hall", "culture_centre", "LV",
         "Multifunkcionālā koncertzāle", "Daugiafunkcė koncertų salė", "Multifunctional concert hall",
         municipality=LV_REZEKNE_CITY, region="LV-LATGALE",
         descriptions={
             "lv": "Rēzeknes koncertzāle, kuras būvprojekts 2012. gada augustā bija pilnā gaitā.",
             "lt": "Rėzeknės koncertų salė, kurios statybos projektas 2012 m. rugpjūtį vyko visu pajėgumu.",
             "en": "A concert hall in Rēzekne whose construction project was in full swing in August 2012.",
         }),
    # The Norway Grants project and its seminar IMC-0 (article 002).
    _org("varam", "ministry", "LV",
         "Vides aizsardzības un reģionālās attīstības ministrija",
         "Aplinkos apsaugos ir regioninės plėtros ministerija",
         "Ministry of Environmental Protection and Regional Development",
         short_name="VARAM"),
    # The article does not say in which country Urban Institute is registered; it worked in Latvia.
    _org("urban-institute", "ngo", "LV", "Urban Institute", "Urban Institute", "Urban Institute",
         descriptions={
             "lv": "Organizēja semināru IMC-0 kopā ar VARAM; īstenoja Latvijas vietējo kopienu aktivizēšanas un "
                   "apmācību programmu.",
             "lt": "Kartu su VARAM surengė seminarą IMC-0; įgyvendino Latvijos vietos bendruomenių aktyvinimo ir "
                   "mokymo programą.",
             "en": "Organised the IMC-0 seminar with VARAM; ran a programme to activate and train local "
                   "communities in Latvia.",
         }),
    _org("broceni-municipality", MA, "LV",
         "Brocēnu novada pašvaldība", "Brocėnų novado savivaldybė", "Brocēni Municipality",
         municipality=LV_BROCENI, region="LV-KURZEME"),
    # The EC co-financed project of the Latvian Association of Local Governments (article 003).
    _org("lps", "association", "LV",
         "Latvijas Pašvaldību savienība", "Latvijos savivaldybių sąjunga",
         "Latvian Association of Local Governments", short_name="LPS",
         descriptions={
             "lv": "Latvijas pašvaldību apvienība; 2020. gadā kopā ar Ārlietu ministriju rīkoja vebināru par "
                   "pašvaldību attīstības sadarbību ar Austrumu partnerības valstīm.",
             "lt": "Latvijos savivaldybių susivienijimas; 2020 m. kartu su Užsienio reikalų ministerija surengė "
                   "vebinarą apie savivaldybių vystomąjį bendradarbiavimą su Rytų partnerystės šalimis.",
             "en": "The association of Latvia's local governments; in 2020 it held a webinar with the Ministry of "
                   "Foreign Affairs on municipal development cooperation with Eastern Partnership countries.",
         }),
    _org("ministry-of-foreign-affairs-lv", "ministry", "LV",
         "Latvijas Republikas Ārlietu ministrija", "Latvijos Respublikos užsienio reikalų ministerija",
         "Ministry of Foreign Affairs of the Republic of Latvia", short_name="ĀM"),
    _org("kuldiga-municipality", MA, "LV",
         "Kuldīgas novada pašvaldība", "Kuldygos novado savivaldybė", "Kuldīga Municipality",
         municipality=LV_KULDIGA, region="LV-KURZEME"),
    _org("skrunda-municipality", MA, "LV",
         "Skrundas novada pašvaldība", "Skrundos novado savivaldybė", "Skrunda Municipality",
         municipality=LV_SKRUNDA, region="LV-KURZEME"),
    _org("valka-municipality", MA, "LV",
         "Valkas novada pašvaldība", "Valkos novado savivaldybė", "Valka Municipality",
         municipality=LV_VALKA),
]

# --- People, with their positions -------------------------------------------------------------------
# Everyone here is named in a published article, so both consent flags are set; the articles give no
# e-mail addresses. Start dates are unknown: the positions are those held on the day of the article.
# The Lithuanian hosts are written in their own spelling (the article uses Latvianised forms such as
# "Zita Ringelevičiene" and "Vitauta Valiušis").


def _person(first_name, last_name, *positions):
    return {"first_name": first_name, "last_name": last_name, "photo_consent": True,
            "publication_consent": True, "positions": list(positions)}


def _position(organisation, titles, department=None, start_date=None):
    return {"organisation": organisation, "titles": titles, "department": department, "start_date": start_date}


UTENA_STRATEGIC_PLANNING = {
    "lv": "Stratēģiskās plānošanas un investīciju nodaļa",
    "lt": "Strateginio planavimo ir investicijų skyrius",
    "en": "Strategic Planning and Investment Department",
}
UTENA_CULTURE = {"lv": "Kultūras nodaļa", "lt": "Kultūros skyrius", "en": "Culture Department"}
REZEKNE_DEVELOPMENT = {"lv": "Attīstības pārvalde", "lt": "Plėtros valdyba", "en": "Development Department"}
MFA_ECONOMIC_RELATIONS = {
    "lv": "Ekonomisko attiecību un attīstības sadarbības politikas departaments",
    "lt": "Ekonominių santykių ir vystomojo bendradarbiavimo politikos departamentas",
    "en": "Department of Economic Relations and Development Cooperation Policy",
}
LPS_BRUSSELS = {"lv": "Pārstāvniecība Briselē", "lt": "Atstovybė Briuselyje", "en": "Representation in Brussels"}
PREILI_DEVELOPMENT = {"lv": "Attīstības daļa", "lt": "Plėtros skyrius", "en": "Development Department"}

PEOPLE = [
    # Hosts of the study visit to Utena and Anykščiai, 29–30 May 2018 (article 000).
    _person("Zita", "Ringelevičienė", _position("utena-district-municipality", {
        "lv": "Administrācijas direktora vietniece",
        "lt": "Administracijos direktoriaus pavaduotoja",
        "en": "Deputy Director of the Administration",
    })),
    _person("Jūratė", "Brasiūnienė", _position("utena-district-municipality", {
        "lv": "Stratēģiskās plānošanas un investīciju nodaļas speciāliste",
        "lt": "Strateginio planavimo ir investicijų skyriaus specialistė",
        "en": "Specialist, Strategic Planning and Investment Department",
    }, department=UTENA_STRATEGIC_PLANNING)),
    _person("Jūratė", "Misiūnienė", _position("utena-district-municipality", {
        "lv": "Kultūras nodaļas vadītāja",
        "lt": "Kultūros skyriaus vedėja",
        "en": "Head of the Culture Department",
    }, department=UTENA_CULTURE)),
    _person("Audronė", "Pajarskienė", _position("anyksciai-district-municipality", {
        "lv": "Tūrisma un kultūras projektu vadītāja",
        "lt": "Turizmo ir kultūros projektų vadovė",
        "en": "Tourism and culture project manager",
    })),
    _person("Vytautas", "Valiušis", _position("valiusis-art-centre-leliunai", {
        "lv": "Keramiķis", "lt": "Keramikas", "en": "Ceramicist",
    })),
    # Led the meeting with Daugavpils municipality staff in Rēzekne, 31 August 2012 (article 001).
    _person("Aleksejs", "Stecs", _position("rezekne-city-council", {
        "lv": "Attīstības pārvaldes vadītājs",
        "lt": "Plėtros valdybos vadovas",
        "en": "Head of the Development Department",
    }, department=REZEKNE_DEVELOPMENT)),
    # The LPS webinar of 15 December 2020 (article 003).
    _person("Reinis", "Trokša", _position("ministry-of-foreign-affairs-lv", {
        "lv": "Ekonomisko attiecību un attīstības sadarbības politikas departamenta direktors",
        "lt": "Ekonominių santykių ir vystomojo bendradarbiavimo politikos departamento direktorius",
        "en": "Director of the Department of Economic Relations and Development Cooperation Policy",
    }, department=MFA_ECONOMIC_RELATIONS)),
    _person("Agita", "Kaupuža", _position("lps", {
        "lv": "LPS pārstāvniecības Briselē vadītāja",
        "lt": "LPS atstovybės Briuselyje vadovė",
        "en": "Head of the LPS Representation in Brussels",
    }, department=LPS_BRUSSELS)),
    _person("Elita", "Jermolajeva", _position("preili-municipality", {
        "lv": "Attīstības daļas vadītāja",
        "lt": "Plėtros skyriaus vedėja",
        "en": "Head of the Development Department",
    }, department=PREILI_DEVELOPMENT)),
]

# --- Funds and programmes ---------------------------------------------------------------------------

FUNDS = [
    {"code": "ERDF", "names": {"lv": "Eiropas Reģionālās attīstības fonds",
                               "lt": "Europos regioninės plėtros fondas",
                               "en": "European Regional Development Fund"}},
    {"code": "ESF", "names": {"lv": "Eiropas Sociālais fonds", "lt": "Europos socialinis fondas",
                              "en": "European Social Fund"}},
    {"code": "NFM", "names": {"lv": "Norvēģijas finanšu instruments", "lt": "Norvegijos finansinis mechanizmas",
                              "en": "Norwegian Financial Mechanism"}},
    {"code": "EC", "names": {"lv": "Eiropas Komisija", "lt": "Europos Komisija", "en": "European Commission"}},
]

PROGRAMMES = [
    {
        "code": "interreg-v-a-latvia-lithuania-2014-2020",
        "names": {
            "lv": "Interreg V-A Latvijas–Lietuvas pārrobežu sadarbības programma 2014.–2020. gadam",
            "lt": "2014–2020 m. Interreg V-A Latvijos–Lietuvos bendradarbiavimo per sieną programa",
            "en": "Interreg V-A Latvia–Lithuania Cross Border Cooperation Programme 2014–2020",
        },
        "funds": ["ERDF"], "start_year": 2014, "end_year": 2020, "website": "https://latlit.eu",
        # Our own wording of what the programme requires; the full statements and logos come with publications.
        "funding_statements": {
            "lv": "Projektu līdzfinansē Eiropas Savienība no Eiropas Reģionālās attīstības fonda Interreg V-A "
                  "Latvijas–Lietuvas pārrobežu sadarbības programmas 2014.–2020. gadam ietvaros.",
            "lt": "Projektą bendrai finansuoja Europos Sąjunga iš Europos regioninės plėtros fondo pagal "
                  "2014–2020 m. Interreg V-A Latvijos–Lietuvos bendradarbiavimo per sieną programą.",
            "en": "The project is co-financed by the European Union from the European Regional Development Fund "
                  "under the Interreg V-A Latvia–Lithuania Cross Border Cooperation Programme 2014–2020.",
        },
    },
    {
        # Agreements numbered 1DP/… belong to the first operational programme of 2007–2013.
        "code": "esf-human-resources-and-employment-2007-2013",
        "names": {
            "lv": "Darbības programma “Cilvēkresursi un nodarbinātība” 2007.–2013. gadam",
            "lt": "2007–2013 m. veiksmų programa „Žmogiškieji ištekliai ir užimtumas“",
            "en": "Operational Programme “Human Resources and Employment” 2007–2013",
        },
        "funds": ["ESF"], "start_year": 2007, "end_year": 2013, "website": "",
        "funding_statements": {
            "lv": "Projektu finansē Eiropas Savienība ar Eiropas Sociālā fonda atbalstu.",
            "lt": "Projektą finansuoja Europos Sąjunga, remiant Europos socialiniam fondui.",
            "en": "The project is financed by the European Union through the European Social Fund.",
        },
    },
    {
        "code": "norwegian-financial-mechanism-2009-2014",
        "names": {
            "lv": "Norvēģijas finanšu instruments 2009.–2014. gadam",
            "lt": "2009–2014 m. Norvegijos finansinis mechanizmas",
            "en": "Norwegian Financial Mechanism 2009–2014",
        },
        # The address the article gives for the Norway Grants in Latvia.
        "funds": ["NFM"], "start_year": 2009, "end_year": 2014, "website": "https://www.norwaygrants.lv",
        "funding_statements": {
            "lv": "Projektu līdzfinansē Norvēģijas finanšu instruments.",
            "lt": "Projektą bendrai finansuoja Norvegijos finansinis mechanizmas.",
            "en": "The project is co-financed by the Norwegian Financial Mechanism.",
        },
    },
    {
        "code": "european-commission-grants",
        "names": {
            "lv": "Eiropas Komisijas grantu programma",
            "lt": "Europos Komisijos dotacijų programa",
            "en": "European Commission grant programme",
        },
        "funds": ["EC"], "start_year": None, "end_year": None, "website": "",
        "funding_statements": {
            "lv": "Projektu līdzfinansē Eiropas Komisija.",
            "lt": "Projektą bendrai finansuoja Europos Komisija.",
            "en": "The project is co-financed by the European Commission.",
        },
    },
]

# --- Projects ---------------------------------------------------------------------------------------
# "fields" go to create_project / update_project as they are. Partners: (organisation slug, role, slug of
# the partner that brought it in). Funding: fund, amount, currency, percentage as stated (None when the
# article states none; the page computes the share from the amounts).

LEAD, PARTNER, ASSOCIATED = "lead_partner", "partner", "associated"
EURO_LT = "euroregion-country-of-lakes-lt"
LATGALE = "latgale-planning-region"


def _titles(lv, lt, en):
    return {"title_lv": lv, "title_lt": lt, "title_en": en}


LLI_59 = {
    "code": "LLI-59",
    "programme": "interreg-v-a-latvia-lithuania-2014-2020",
    "fields": {
        "acronym": "Open Leadership",
        "title_lv": "Praktisko apmācību un pasākumu cikls sadarbības veicināšanai starp iestādēm un darbinieku "
                    "kapacitātes celšanai",
        "title_lt": "Praktinių mokymų ir renginių ciklas institucijų bendradarbiavimui skatinti ir darbuotojų "
                    "gebėjimams stiprinti",
        "title_en": "A cycle of practical trainings and events to foster cooperation between institutions and "
                    "build staff capacity",
        "objective_lv": "Celt publisko pakalpojumu kvalitāti partneru iestādēs un Latvijas–Lietuvas pierobežas "
                        "pašvaldībās, attīstot iestāžu savstarpējo sadarbību un darbinieku prasmes.",
        "objective_lt": "Gerinti viešųjų paslaugų kokybę partnerių institucijose ir Latvijos–Lietuvos pasienio "
                        "savivaldybėse, plėtojant institucijų tarpusavio bendradarbiavimą ir darbuotojų gebėjimus.",
        "objective_en": "Raise the quality of public services in the partner institutions and in the "
                        "municipalities of the Latvian–Lithuanian border area by developing cooperation between "
                        "institutions and the skills of their staff.",
        "agreement_number": "",
        "start_date": date(2017, 5, 1),
        "end_date": date(2019, 4, 30),
        "status": "completed",
        "total_amount": Decimal("382667.64"),
        "total_currency": "EUR",
    },
    "partners": [
        (EURO_LT, LEAD, None),
        (LATGALE, PARTNER, None),
        ("zarasai-district-municipality", ASSOCIATED, EURO_LT),
        ("visaginas-municipality", ASSOCIATED, EURO_LT),
        ("ignalina-district-municipality", ASSOCIATED, EURO_LT),
        ("kupiskis-district-municipality", ASSOCIATED, EURO_LT),
        ("moletai-district-municipality", ASSOCIATED, EURO_LT),
        ("utena-district-municipality", ASSOCIATED, EURO_LT),
        ("anyksciai-district-municipality", ASSOCIATED, EURO_LT),
        ("daugavpils-city-council", ASSOCIATED, LATGALE),
        ("daugavpils-municipality", ASSOCIATED, LATGALE),
        ("rezekne-municipality", ASSOCIATED, LATGALE),  # Rēzeknes novads, not the city
        ("ludza-municipality", ASSOCIATED, LATGALE),
        ("preili-municipality", ASSOCIATED, LATGALE),
        ("livani-municipality", ASSOCIATED, LATGALE),
        ("aglona-municipality", ASSOCIATED, LATGALE),
        ("balvi-municipality", ASSOCIATED, LATGALE),
        ("kraslava-municipality", ASSOCIATED, LATGALE),
        ("riebini-municipality", ASSOCIATED, LATGALE),
    ],
    # 325 267,50 of 382 667,64 EUR: the page shows the computed 85,0 %; the article states no percentage.
    "funding": [{"fund": "ERDF", "amount": Decimal("325267.50"), "currency": "EUR", "percentage": None}],
    # The activity types the project announced; the article gives no planned numbers, so none are set.
    "work_plan": [
        {"activity_kind": "international_conference",
         **_titles("Starptautiskas konferences", "Tarptautinės konferencijos", "International conferences")},
        {"activity_kind": "regional_conference",
         **_titles("Reģionāla līmeņa konferences", "Regioninės konferencijos", "Regional conferences")},
        {"activity_kind": "workshop", **_titles("Darbnīcas", "Dirbtuvės", "Workshops")},
        {"activity_kind": "training", **_titles("Apmācības", "Mokymai", "Trainings")},
        {"activity_kind": "individual_coaching",
         **_titles("Individuālās koučinga sesijas", "Individualaus koučingo sesijos", "Individual coaching sessions")},
        {"activity_kind": "group_coaching",
         **_titles("Grupu koučinga sesijas", "Grupinio koučingo sesijos", "Group coaching sessions")},
        {"activity_kind": "study_visit",
         **_titles("Pieredzes apmaiņas braucieni Latvijā", "Patirties mainų vizitai Latvijoje",
                   "Study visits in Latvia")},
        {"activity_kind": "study_visit",
         **_titles("Pieredzes apmaiņas braucieni uz Lietuvu", "Patirties mainų vizitai į Lietuvą",
                   "Study visits to Lithuania")},
        {"activity_kind": "working_group_meeting",
         **_titles("Starptautiskās tūrisma darba grupas tikšanās", "Tarptautinės turizmo darbo grupės susitikimai",
                   "Meetings of the international working group on tourism")},
        {"activity_kind": "working_group_meeting",
         **_titles("Starptautiskās kultūras darba grupas tikšanās", "Tarptautinės kultūros darbo grupės susitikimai",
                   "Meetings of the international working group on culture")},
        {"activity_kind": "working_group_meeting",
         **_titles("Starptautiskās IT darba grupas tikšanās", "Tarptautinės IT darbo grupės susitikimai",
                   "Meetings of the international working group on IT")},
    ],
    # DEMO ASSUMPTION: the article names no output indicators and no targets. These two exist only so that
    # the demo shows indicator progress; both targets (3 and 100) are invented and say so in their names.
    "indicators": [
        {
            "rule": "activities_held", "activity_kind": "study_visit", "target": Decimal("3"),
            "name_lv": "Notikušie pieredzes apmaiņas braucieni (demonstrācijas mērķis)",
            "name_lt": "Įvykę patirties mainų vizitai (demonstracinis tikslas)",
            "name_en": "Study visits held (demo target)",
            "unit_lv": "braucieni", "unit_lt": "vizitai", "unit_en": "visits",
        },
        {
            "rule": "distinct_participants", "activity_kind": "training", "target": Decimal("100"),
            "name_lv": "Darbinieki, kas pabeiguši apmācības (demonstrācijas mērķis)",
            "name_lt": "Mokymus baigę darbuotojai (demonstracinis tikslas)",
            "name_en": "Employees who completed a training (demo target)",
            "unit_lv": "personas", "unit_lt": "asmenys", "unit_en": "people",
        },
    ],
}

DAUGAVPILS_ESF = {
    "code": "1DP/1.5.2.2.3/11/APIA/SIF/110/71",
    "programme": "esf-human-resources-and-employment-2007-2013",
    "fields": {
        "acronym": "",
        "title_lv": "Daugavpils pašvaldības kapacitātes stiprināšana Eiropas Savienības politiku instrumentu un "
                    "pārējās ārvalstu finanšu palīdzības līdzfinansēto projektu un pasākumu īstenošanai",
        "title_lt": "Daugpilio savivaldybės gebėjimų stiprinimas įgyvendinti Europos Sąjungos politikos priemonių ir "
                    "kitos užsienio finansinės paramos bendrai finansuojamus projektus ir priemones",
        "title_en": "Strengthening the capacity of Daugavpils municipality to carry out projects and measures "
                    "co-financed by European Union policy instruments and other foreign financial assistance",
        "objective_lv": "", "objective_lt": "", "objective_en": "",
        "agreement_number": "1DP/1.5.2.2.3/11/APIA/SIF/110/71",  # ESF sub-activity 1.5.2.2.3
        "start_date": date(2012, 4, 1),
        "end_date": date(2013, 1, 31),
        "status": "completed",
        "total_amount": Decimal("24415.44"),
        "total_currency": "LVL",
    },
    "partners": [("daugavpils-city-council", LEAD, None)],
    "funding": [{"fund": "ESF", "amount": Decimal("24415.44"), "currency": "LVL", "percentage": Decimal("100")}],
    "work_plan": [],
    "indicators": [],
}

NORWAY_GRANTS = {
    "code": "4.3-24/NFI/INP-002",
    "programme": "norwegian-financial-mechanism-2009-2014",
    "fields": {
        "acronym": "",
        "title_lv": "Latvijas plānošanas reģionu un vietējo pašvaldību teritoriālās attīstības plānošanas "
                    "kapacitātes palielināšana un attīstības plānošanas dokumentu izstrādāšana",
        "title_lt": "Latvijos planavimo regionų ir vietos savivaldybių teritorinės plėtros planavimo gebėjimų "
                    "didinimas ir plėtros planavimo dokumentų rengimas",
        "title_en": "Increasing the territorial development planning capacity of Latvia's planning regions and "
                    "local governments and drafting development planning documents",
        "objective_lv": "", "objective_lt": "", "objective_en": "",
        "agreement_number": "",
        "start_date": None,  # the article gives no dates
        "end_date": None,
        "status": "completed",
        "total_amount": None,  # nor amounts
        "total_currency": "EUR",
    },
    # The article does not say who leads the project: VARAM co-organised its seminar with Urban Institute,
    # and the project is for planning regions and municipalities. VARAM is recorded as lead partner; Urban
    # Institute and Brocēni municipality stay directory entries, not partners.
    "partners": [("varam", LEAD, None)],
    "funding": [{"fund": "NFM", "amount": None, "currency": "EUR", "percentage": None}],
    "work_plan": [],
    "indicators": [],
}

LPS_EC = {
    # The article gives no project code; this one is assigned by the demo.
    "code": "LPS-EC-2020",
    "programme": "european-commission-grants",
    "fields": {
        "acronym": "",
        "title_lv": "Strādājot kopā iespēju sniegšanai vietējām un reģionālajām pašvaldībām attīstības veicināšanai "
                    "ES partnervalstīs",
        "title_lt": "Dirbant kartu: galimybės vietos ir regionų savivaldos institucijoms skatinti vystymąsi ES "
                    "šalyse partnerėse",
        "title_en": "Working together to empower local and regional authorities to foster development in EU "
                    "partner countries",
        "objective_lv": "", "objective_lt": "", "objective_en": "",
        "agreement_number": "",
        "start_date": None,  # the article gives no period
        "end_date": None,
        "status": "completed",  # not stated; the webinar it reports took place in December 2020
        "total_amount": None,
        "total_currency": "EUR",
    },
    "partners": [("lps", LEAD, None)],
    # "Co-financed by the European Commission": no amount and no rate are given.
    "funding": [{"fund": "EC", "amount": None, "currency": "EUR", "percentage": None}],
    "work_plan": [],
    "indicators": [],
}

PROJECTS = [LLI_59, DAUGAVPILS_ESF, NORWAY_GRANTS, LPS_EC]

# --- Demo accounts (created only by `kopa demo`) ----------------------------------------------------

DEMO_PASSWORD = "kopa-demo-2026"
DEMO_URL = "http://127.0.0.1:8000/"
DEMO_COORDINATED_PROJECT = "LLI-59"
DEMO_PARTNER_ORGANISATION = LATGALE
DEMO_LEAN_TEAM_ORGANISATION = "balvi-municipality"  # the municipality whose improvement the demo carries through
# A made-up person, not from any article: no consent to be shown or named.
DEMO_PARTICIPANT = {
    "first_name": "Demo",
    "last_name": "Dalībnieks",
    "organisation": "balvi-municipality",
    "titles": {
        "lv": "Speciālists (demonstrācijas dati)",
        "lt": "Specialistas (demonstraciniai duomenys)",
        "en": "Specialist (demo data)",
    },
}
