"""Word lists the extraction rules use: demonyms, country names, event triggers, count words."""

from __future__ import annotations

import re

# demonym -> country (the canonical English short name)
_DEMONYMS = """
Afghan:Afghanistan Albanian:Albania Algerian:Algeria American:United States Angolan:Angola
Argentine:Argentina Argentinian:Argentina Armenian:Armenia Australian:Australia Austrian:Austria
Azerbaijani:Azerbaijan Bahraini:Bahrain Bangladeshi:Bangladesh Belarusian:Belarus Belgian:Belgium
Beninese:Benin Bolivian:Bolivia Bosnian:Bosnia and Herzegovina Brazilian:Brazil British:United Kingdom
Bulgarian:Bulgaria Burkinabe:Burkina Faso Burmese:Myanmar Burundian:Burundi Cambodian:Cambodia
Cameroonian:Cameroon Canadian:Canada Chadian:Chad Chilean:Chile Chinese:China Colombian:Colombia
Congolese:Democratic Republic of the Congo Croatian:Croatia Cuban:Cuba Cypriot:Cyprus Czech:Czech Republic
Danish:Denmark Dutch:Netherlands Ecuadorian:Ecuador Egyptian:Egypt Emirati:United Arab Emirates
Eritrean:Eritrea Estonian:Estonia Ethiopian:Ethiopia Filipino:Philippines Finnish:Finland French:France
Gabonese:Gabon Gambian:Gambia Georgian:Georgia German:Germany Ghanaian:Ghana Greek:Greece
Guatemalan:Guatemala Guinean:Guinea Haitian:Haiti Honduran:Honduras Hungarian:Hungary Icelandic:Iceland
Indian:India Indonesian:Indonesia Iranian:Iran Iraqi:Iraq Irish:Ireland Israeli:Israel Italian:Italy
Ivorian:Ivory Coast Jamaican:Jamaica Japanese:Japan Jordanian:Jordan Kazakh:Kazakhstan Kenyan:Kenya
Kosovar:Kosovo Kuwaiti:Kuwait Kyrgyz:Kyrgyzstan Lao:Laos Latvian:Latvia Lebanese:Lebanon Liberian:Liberia
Libyan:Libya Lithuanian:Lithuania Malagasy:Madagascar Malawian:Malawi Malaysian:Malaysia Malian:Mali
Mauritanian:Mauritania Mexican:Mexico Moldovan:Moldova Mongolian:Mongolia Moroccan:Morocco
Mozambican:Mozambique Namibian:Namibia Nepali:Nepal Nepalese:Nepal Nicaraguan:Nicaragua Nigerien:Niger
Nigerian:Nigeria North_Korean:North Korea Norwegian:Norway Omani:Oman Pakistani:Pakistan
Palestinian:Palestine Panamanian:Panama Paraguayan:Paraguay Peruvian:Peru Polish:Poland
Portuguese:Portugal Qatari:Qatar Romanian:Romania Russian:Russia Rwandan:Rwanda Saudi:Saudi Arabia
Senegalese:Senegal Serbian:Serbia Sierra_Leonean:Sierra Leone Singaporean:Singapore Slovak:Slovakia
Slovenian:Slovenia Somali:Somalia South_African:South Africa South_Korean:South Korea
South_Sudanese:South Sudan Spanish:Spain Sri_Lankan:Sri Lanka Sudanese:Sudan Swedish:Sweden Swiss:Switzerland
Syrian:Syria Taiwanese:Taiwan Tajik:Tajikistan Tanzanian:Tanzania Thai:Thailand Togolese:Togo
Tunisian:Tunisia Turkish:Turkey Turkmen:Turkmenistan Ugandan:Uganda Ukrainian:Ukraine Uruguayan:Uruguay
Uzbek:Uzbekistan Venezuelan:Venezuela Vietnamese:Vietnam Yemeni:Yemen Zambian:Zambia Zimbabwean:Zimbabwe
"""
DEMONYMS: dict[str, str] = {}
for _d, _c in re.findall(r"(\S+):((?:(?!\s+\S+:)[\s\S])+)", _DEMONYMS):
    DEMONYMS[_d.replace("_", " ").lower()] = " ".join(_c.split())
DEMONYMS.update({"u.s.": "United States", "us": "United States", "emirati": "United Arab Emirates",
                 "kurdish": "", "arab": "", "shia": "", "sunni": "", "european": "", "western": "",
                 "islamic": "", "muslim": "", "christian": "", "jewish": "", "hazara": "", "islamist": ""})

COUNTRY_ALIASES: dict[str, str] = {
    "us": "United States", "u.s.": "United States", "u.s": "United States", "usa": "United States",
    "u.s.a.": "United States", "united states": "United States", "america": "United States",
    "united states of america": "United States", "uk": "United Kingdom", "u.k.": "United Kingdom",
    "britain": "United Kingdom", "great britain": "United Kingdom", "united kingdom": "United Kingdom",
    "russian federation": "Russia", "drc": "Democratic Republic of the Congo",
    "dr congo": "Democratic Republic of the Congo",
    "uae": "United Arab Emirates", "the netherlands": "Netherlands", "holland": "Netherlands",
    "burma": "Myanmar", "cote d'ivoire": "Ivory Coast", "côte d'ivoire": "Ivory Coast",
    "republic of korea": "South Korea", "türkiye": "Turkey", "turkiye": "Turkey",
    "czechia": "Czech Republic", "the philippines": "Philippines", "the gambia": "Gambia",
    "palestinian territories": "Palestine",
}
# countries with no demonym entry above ("New Zealand", "Eswatini", "Tonga")
for _c in ("Andorra", "Bahamas", "Barbados", "Belize", "Bhutan", "Botswana", "Brunei", "Comoros", "Djibouti",
           "Dominica", "Eswatini", "Fiji", "Grenada", "Guyana", "Kiribati", "Lesotho", "Liechtenstein", "Luxembourg",
           "Maldives", "Malta", "Mauritius", "Micronesia", "Monaco", "Montenegro", "Nauru", "Palau", "Samoa",
           "Seychelles", "Suriname", "Tonga", "Tuvalu", "Vanuatu", "New Zealand", "Costa Rica", "El Salvador",
           "Cape Verde", "Central African Republic", "Dominican Republic", "East Timor", "Equatorial Guinea",
           "Marshall Islands", "North Macedonia", "Solomon Islands", "Vatican City", "San Marino", "Guinea-Bissau",
           "Timor-Leste", "Saint Lucia", "Republic of the Congo"):
    COUNTRY_ALIASES[_c.lower()] = _c
COUNTRY_ALIASES.update({"the bahamas": "Bahamas", "swaziland": "Eswatini", "macedonia": "North Macedonia",
                        "soviet union": "Soviet Union", "ussr": "Soviet Union"})
# countries whose names have more words than NER keeps together ("Antigua" + "Barbuda")
for _c in ("Antigua and Barbuda", "Trinidad and Tobago", "Saint Kitts and Nevis", "Sao Tome and Principe",
           "Saint Vincent and the Grenadines", "Papua New Guinea", "Bosnia and Herzegovina"):
    COUNTRY_ALIASES[_c.lower()] = _c
for _c in list(COUNTRY_ALIASES):  # "St. Vincent and the Grenadines", "St Lucia"
    if _c.startswith("saint "):
        COUNTRY_ALIASES["st. " + _c[6:]] = COUNTRY_ALIASES["st " + _c[6:]] = COUNTRY_ALIASES[_c]
COUNTRIES: set[str] = {c for c in DEMONYMS.values() if c} | set(COUNTRY_ALIASES.values()) | {"Congo"}
COUNTRY_BY_LOWER: dict[str, str] = {c.lower(): c for c in COUNTRIES}
COUNTRY_BY_LOWER.update(COUNTRY_ALIASES)

# capitals used as metonyms for their governments ("Damascus denied ...")
CAPITALS: dict[str, str] = {
    "washington": "United States", "moscow": "Russia", "damascus": "Syria", "ankara": "Turkey",
    "beijing": "China", "tehran": "Iran", "kyiv": "Ukraine", "kiev": "Ukraine", "london": "United Kingdom",
    "paris": "France", "berlin": "Germany", "riyadh": "Saudi Arabia", "cairo": "Egypt", "baghdad": "Iraq",
    "kabul": "Afghanistan", "islamabad": "Pakistan", "new delhi": "India", "tokyo": "Japan",
    "pyongyang": "North Korea", "seoul": "South Korea", "jerusalem": "Israel", "beirut": "Lebanon",
    "khartoum": "Sudan", "tripoli": "Libya", "minsk": "Belarus", "caracas": "Venezuela", "havana": "Cuba",
    "addis ababa": "Ethiopia", "nairobi": "Kenya", "abuja": "Nigeria", "bamako": "Mali", "rome": "Italy",
    "madrid": "Spain", "warsaw": "Poland", "brussels": "", "doha": "Qatar", "sanaa": "Yemen",
    "baku": "Azerbaijan", "yerevan": "Armenia", "tbilisi": "Georgia", "dhaka": "Bangladesh",
    "kathmandu": "Nepal", "colombo": "Sri Lanka", "bangkok": "Thailand", "hanoi": "Vietnam",
    "manila": "Philippines", "jakarta": "Indonesia", "canberra": "Australia", "ottawa": "Canada",
    "mexico city": "Mexico", "bogota": "Colombia", "brasilia": "Brazil", "buenos aires": "Argentina",
    "pretoria": "South Africa", "kinshasa": "Democratic Republic of the Congo", "kampala": "Uganda",
    "kigali": "Rwanda", "mogadishu": "Somalia", "amman": "Jordan", "abu dhabi": "United Arab Emirates",
    "athens": "Greece", "budapest": "Hungary", "vienna": "Austria", "belgrade": "Serbia",
    "stockholm": "Sweden", "oslo": "Norway", "helsinki": "Finland", "dublin": "Ireland", "lisbon": "Portugal",
    "tashkent": "Uzbekistan", "astana": "Kazakhstan", "taipei": "Taiwan", "niamey": "Niger",
    "ouagadougou": "Burkina Faso", "dakar": "Senegal", "accra": "Ghana", "algiers": "Algeria",
    "tunis": "Tunisia", "rabat": "Morocco", "naypyidaw": "Myanmar", "juba": "South Sudan",
    "n'djamena": "Chad", "muscat": "Oman",
}

# what a capital's possessive names when it is the city, not its government ("Kyiv's metro")
CITY_PARTS = frozenset("""
mayor mayors streets street metro subway airport airports outskirts suburbs suburb residents centre center
district districts neighbourhood neighbourhoods neighborhood neighborhoods hospitals hospital skyline population
squares square main city river port mosque mosques cathedral university schools old council governor
""".split())


def _verb_forms(words: str, irregular: str = "") -> frozenset[str]:
    """Base forms and their regular inflections (the parse runs without a lemmatizer)."""
    forms = set(irregular.split())
    for w in words.split():
        stem = w[:-1] if w.endswith("e") else w
        if w.endswith("y") and w[-2] not in "aeiou":
            forms.update({w, w[:-1] + "ies", w[:-1] + "ied", w + "ing"})
        else:
            forms.update({w, w + "es" if w.endswith(("s", "sh", "ch", "x")) else w + "s",
                          stem + "ed", stem + "ing"})
    return frozenset(forms)


# verbs whose object, when a capital, is its government ("accused Ankara", "backs Damascus", "urged Kyiv")
POLITICAL_VERBS = _verb_forms("""
accuse blame urge warn criticise criticize condemn back support pressure press push ask help join supply
sanction reassure court prompt lobby invite persuade force threaten punish recognise recognize oppose defy
challenge reject trust convince
""", "give gives gave given giving tell tells told telling allow allows allowed allowing arm arms armed arming "
     "rebuke rebukes rebuked rebuking")

# what a capital after "with", "between", "against", "by", "for" or "on" is the partner of
RELATION_WORDS = frozenset("""
relation relations tie ties talk talks tension tensions war wars conflict agreement agreements deal deals
negotiation negotiations dialogue rapprochement mediation rift dispute go-between exchange swap contact contacts
relationship relationships pressure sanction sanctions demand demands victory defeat blow setback win loss ally
allies alliance partnership cooperation co-operation treaty accord truce ceasefire rivalry standoff stand-off row
feud confrontation
""".split())

# party names that are an adjective alone: the party keeps its noun ("the Conservative party")
PARTY_ADJECTIVES = frozenset("""conservative communist democratic republican labour labor socialist liberal green
nationalist""".split())
# particles inside Romance place and body names ("Viña del Mar", "Castanheira de Pera")
PLACE_PARTICLES = frozenset({"de", "del", "da", "do", "dos", "das", "di", "du", "des", "della", "dello"})
# seats of power that stand for their state, except as the place of a meeting ("talks at the Kremlin")
SEATS_OF_POWER = {"kremlin": "Russia", "the kremlin": "Russia"}

# prepositions that put a capital on the map ("talks in Moscow", "the edge of Kyiv")
CITY_PREPS = frozenset("in at near outside inside into of from around across through".split())

# verbs of movement: "flew with", "travelled with", "arrived by" name the city
MOVE_VERBS = _verb_forms("travel arrive depart leave return head march walk move flee reach visit evacuate",
                         "fly flies flew flown flying go goes went gone going come comes came coming drive drives "
                         "drove driven driving travelled travelling left leaving")

CAPITALS.update({"bogotá": "Colombia", "brasília": "Brazil", "kyiv": "Ukraine", "nur-sultan": "Kazakhstan",
                 "yaoundé": "Cameroon", "lomé": "Togo", "asunción": "Paraguay", "san josé": "Costa Rica",
                 "reykjavík": "Iceland", "bogota": "Colombia", "sana'a": "Yemen", "sanaa": "Yemen"})

# regions and cities that news of wars and disasters names often and the small model calls people or
# organisations ("Crimea", "Nova Kakhovka", "West Bank"): general knowledge, a few hundred names
KNOWN_PLACES = frozenset(w.strip().lower() for w in """
West Bank|Gaza|Gaza Strip|Gaza City|Rafah|Khan Younis|Jabalia|Nuseirat|Deir al-Balah|Jenin|Nablus|Hebron|Ramallah|
Tulkarm|Sderot|Ashkelon|Beersheba|Haifa|Tel Aviv|Negev|Galilee|Golan Heights|Sinai|Tyre|Sidon|Nabatieh|Baalbek|
Bekaa|Crimea|Donbas|Donbass|Donetsk|Luhansk|Kharkiv|Kherson|Zaporizhzhia|Mariupol|Odesa|Odessa|Bakhmut|
Avdiivka|Nova Kakhovka|Kramatorsk|Sloviansk|Dnipro|Lviv|Mykolaiv|Sumy|Chernihiv|Bucha|Irpin|Kursk|Belgorod|
Kashmir|Jammu|Darfur|Tigray|Amhara|Oromia|Kurdistan|Balochistan|Khyber Pakhtunkhwa|Punjab|Sindh|Xinjiang|Tibet|
Idlib|Aleppo|Homs|Hama|Raqqa|Deir ez-Zor|Daraa|Ghouta|Eastern Ghouta|Douma|Afrin|Kobani|Manbij|Mosul|Fallujah|
Ramadi|Kirkuk|Basra|Erbil|Aden|Hodeidah|Marib|Taiz|Benghazi|Derna|Misrata|Goma|Bukavu|North Kivu|South Kivu|
Ituri|Omdurman|El Fasher|El Geneina|Nyala|Kordofan|Rakhine|Shan|Kachin|Sagaing|Mandalay|Yangon|
Nagorno-Karabakh|Karabakh|Stepanakert|Abkhazia|South Ossetia|Transnistria|Chechnya|Dagestan|Mindanao|Marawi|
Cox's Bazar|Kunduz|Kandahar|Helmand|Herat|Mazar-i-Sharif|Jalalabad|Nangarhar|Peshawar|Quetta|Karachi|Lahore|
Sahel|Maiduguri|Borno|Cabo Delgado|Tripoli|Port-au-Prince|Mogadishu|Kismayo|Sanaa|Hong Kong|Macau|
Bosphorus|Dardanelles|Ganges|Yamuna|Thames|River Thames|Danube|Nile|Euphrates|Tigris|Dnieper|Indus|Mekong|Yangtze|
Rhine|Seine|Volga|Aegean|Mediterranean|Red Sea|Black Sea|Caspian Sea|Persian Gulf|Gulf of Aden|Strait of Hormuz
""".replace("\n", "").split("|") if w.strip())

# NORP words that name an armed or political group rather than a nationality
GROUP_NORPS: dict[str, str] = {"houthi": "Houthis", "houthis": "Houthis", "taliban": "Taliban",
                               "hezbollah": "Hezbollah", "hamas": "Hamas"}

# nouns a nationality adjective modifies when it names an actor ("Russian air strikes")
ACTOR_NOUNS = frozenset("""
forces force troops army military government officials official authorities police soldiers fighters
jets warplanes aircraft planes strikes airstrikes strike raids navy ministry minister ministers president
premier leader leaders diplomats diplomat embassy delegation security intelligence militia militias coalition
regime administration envoy ambassador spokesman spokeswoman spokesperson chief commander commanders
guards guard drones drone artillery shelling bombardment offensive operation counterparts counterpart
state media agency parliament court prosecutors officers troop units battalion brigade negotiators
mediators mediator capital missiles missile rockets rocket warships lawmakers broadcaster television
""".split())

MILITARY_NOUNS = frozenset("""
forces force troops army military soldiers fighters jets warplanes aircraft strikes airstrikes strike raids
navy militia militias coalition artillery shelling bombardment drones drone rebels insurgents jihadists
guards units battalion brigade gunmen offensive
""".split())

TITLE_WORDS = frozenset("""
president minister foreign defence defense interior secretary prime spokesman spokeswoman spokesperson
general colonel commander chief leader ambassador envoy senator governor mayor king queen prince
chairman chairwoman director head executive
""".split())

# nouns for a person's office: "the president said" names the last person given that title
ROLE_NOUNS = TITLE_WORDS - {"foreign", "defence", "defense", "interior", "prime", "head", "executive"} | {
    "prosecutor", "chancellor", "premier", "pope", "emir", "judge", "commissioner", "coordinator"}

# more words for a post or role that stand before a name ("Speaker Paul Ryan", "Rear Admiral John Kirby")
OFFICE_WORDS = frozenset("""
speaker administrator admiral rear witness prosecutor attorney judge justice federal vice private corporal
archbishop bishop patriarch father sister brother professor prof survivor reporter officer secretary-general
state national regional provincial district chief
""".split())

# words of a title that NER may take for a name on their own ("Rear Admiral")
RANK_WORDS = frozenset({"rear", "admiral", "vice", "speaker", "administrator", "prosecutor", "attorney", "judge",
                        "justice", "deputy", "acting", "supreme", "special", "high", "first", "lady"})

ORG_STOP = frozenset({"state", "defense", "defence", "interior", "foreign", "security", "government",
                      "comments", "share", "supreme", "deputy", "acting"})

# event triggers: lower-case word -> kind
EVENT_TRIGGERS: dict[str, str] = {}
for _kind, _words in {
    "offensive": "offensive offensives counteroffensive counter-offensive assault push",
    "airstrike": "airstrike airstrikes air-strike air-strikes bombardment bombardments",
    "attack": "attack attacks attacked attacking bombing bombings blast blasts explosion explosions shelling "
              "ambush ambushed massacre clashes clash shooting shootings raid raids fighting",
    "talks": "talks negotiations",
    "meeting": "meeting meetings met meet meets summit summits",
    "conference": "conference conferences forum",
    "disaster": "earthquake earthquakes quake quakes flood floods flooding cyclone hurricane typhoon storm "
                "landslide landslides mudslide mudslides wildfire wildfires tsunami drought eruption tornado",
    "protest": "protest protests protested protesting demonstration demonstrations rally rallies march "
               "marches marched marching riots riot uprising sit-in",
    "election": "election elections referendum runoff poll polls",
    "visit": "visit visits visited visiting trip travel travels travelled traveled tour",
    "war": "war invasion",
    "projectile": "shells missiles missile rockets rocket mortars",
    "protesters": "protesters demonstrators marchers",
}.items():
    for _w in _words.split():
        EVENT_TRIGGERS[_w] = _kind
# words that make a toll with no event word a disaster's, not violence ("the worst rail disaster")
ACCIDENT_WORDS = frozenset({"disaster", "disasters", "crash", "crashes", "accident", "accidents", "collision",
                            "derailment", "collapse", "fire", "fires", "sinking", "capsized", "stampede",
                            "crashed", "sank", "derailed", "collapsed", "shipwreck"})
# people sent somewhere, counted as `other` ("1,700 national guard soldiers were deployed")
PERSONNEL_NOUNS = frozenset("""
troops soldiers officers police policemen staff personnel firefighters rescuers guardsmen peacekeepers
marines sailors medics doctors workers volunteers agents members investigators observers responders monitors
""".split())
# people sent to a scene: a figure of them is an `other` count when the sentence names no casualties
RESPONDER_NOUNS = frozenset("""
troops soldiers reservists rescuers volunteers firefighters gendarmes personnel peacekeepers guardsmen
marines policemen responders investigators observers agents
""".split())
# people a vessel carries, and the verbs that carry them: `other` counts ("carrying 217 passengers")
ABOARD_NOUNS = frozenset({"passengers", "crew", "crewmembers", "sailors"})
VEHICLE_NOUNS = frozenset("""plane planes jet airliner aircraft helicopter boat boats ship vessel ferry dinghy
bus train coach truck lorry""".split())
CARRY_VERBS = frozenset({"carrying", "carried", "carry", "carries", "had", "has", "with", "including"})
# verbs that make a figure of people saved: an `other` count ("2,437 people were rescued alive")
RESCUE_VERBS = frozenset({"rescued", "freed", "saved", "airlifted", "pulled", "plucked"})
DEPLOY_VERBS = frozenset("""
deployed deploy deploying sent send sending dispatched dispatch mobilised mobilized mobilising mobilizing
stationed activated offered pledged drafted flown airlifted assigned
""".split())
# verbs that set prisoners or hostages free: those freed are an `other` count, not arrests
RELEASE_VERBS = frozenset("""
released releasing release releases freed free freeing frees
""".split())
# what happens to homes in a count of homes (`other`): "more than 150 houses were buried"
DESTROY_VERBS = frozenset("""
destroyed damaged buried burned burnt washed flattened razed swept levelled leveled gutted collapsed
""".split())
# verbs a toll rises or stands with ("the toll has risen to 12", "stood at 93")
RISE_VERBS = frozenset("""risen rose rises rising climbed climbs reached reaches stands stood jumped increased
grew hit passed""".split())
# all-capital words that are not organisations' acronyms
ACRONYM_STOP = frozenset("""covid sars mers gmt utc bst edt est cet cest hkt ceo cfo mp mps tv am pm ok ii iii iv
news live update updated breaking watch video photos photo read more exclusive opinion analysis pdf gdp rpg
ied ak dna hiv aids""".split())
# wars of the past that articles name in passing
HISTORICAL_WARS = frozenset({"cold war", "korean war", "vietnam war", "gulf war", "first gulf war",
                             "world war i", "world war ii", "world war one", "world war two", "first world war",
                             "second world war", "six-day war", "yom kippur war", "iran-iraq war"})
# two-word triggers (first word, second word) -> kind
EVENT_BIGRAMS: dict[tuple[str, str], str] = {
    ("air", "strike"): "airstrike", ("air", "strikes"): "airstrike", ("air", "raid"): "airstrike",
    ("air", "raids"): "airstrike", ("drone", "strike"): "airstrike", ("drone", "strikes"): "airstrike",
    ("missile", "strike"): "attack", ("missile", "strikes"): "attack", ("rocket", "strike"): "attack",
    ("rocket", "strikes"): "attack",
    ("civil", "war"): "war", ("peace", "talks"): "talks",
}
# words that, before a trigger, make it something else ("news conference", "press conference")
TRIGGER_BLOCKERS = {"conference": {"news", "press"}, "march": set(), "poll": {"opinion"},
                    "storm": {"political", "diplomatic"}, "push": set(), "war": {"trade"}, "polls": {"opinion"},
                    "forum": set(), "meeting": set()}
# trigger words that only count as events in these forms (avoid "March" the month, "push" the verb)
NOUN_ONLY = frozenset({"march", "push", "assault", "trip", "tour", "poll", "polls", "raid", "raids", "storm", "rally",
                       "forum", "meeting", "visit", "travel"} - {"visit", "travel", "meeting"})
VERB_TRIGGERS_NEED_SUBJECT = frozenset({"met", "meet", "meets", "visited", "visiting", "visit", "visits",
                                        "travel", "travels", "travelled", "traveled"})
MILITARY_KINDS = frozenset({"offensive", "airstrike", "attack", "war"})
DIPLOMATIC_KINDS = frozenset({"talks", "meeting", "conference", "visit"})

# count types: word forms -> type
_COUNT_WORDS = {
    "killed": "killed kill kills killing killings murders executions dead death deaths died die dies dying "
              "fatalities fatality bodies "
              "lives perished drowned toll murdered executed slain neutralised neutralized buried",
    "injured": "injured injuring injure injures injuries injury wounded wounding wound wounds hurt "
               "hospitalised hospitalized casualties treated patients beaten",
    "displaced": "displaced displacing displace fled flee fleeing homeless refugees evacuated evacuees "
                 "uprooted shelter bussed evacuation",
    "arrested": "arrested arrest arrests arresting detained detain detaining detention detentions held "
                "jailed imprisoned rounded caught detainees remanded captured",
    "missing": "missing unaccounted disappeared",
    "participants": "marched protesters demonstrators marchers crowd crowds participants rallied gathered "
                    "attended protested demonstrated",
    "affected": "affected cases infected infections",
}
COUNT_TYPE_WORDS: dict[str, str] = {w: t for t, ws in _COUNT_WORDS.items() for w in ws.split()}
# verbs that with "to hospital" make an injured count ("59 people were taken to hospital")
TO_HOSPITAL_VERBS = frozenset({"taken", "take", "took", "rushed", "admitted", "brought", "airlifted", "sent"})
# verbs that with "treatment" make an injured count ("214 people had sought treatment")
TREATMENT_VERBS = frozenset({"sought", "seek", "seeking", "received", "receive", "receiving", "needed", "need",
                             "needing", "required", "require", "requiring", "given", "getting", "got"})
# counted nouns that name people: a count type may be read from a nearby word only for these
PEOPLE_NOUNS = frozenset("""
people persons civilians children women men soldiers troops fighters militants police policemen officers
protesters demonstrators students workers residents villagers migrants refugees patients passengers
journalists reporters members supporters activists rebels insurgents gunmen attackers victims adults
infants babies minors girls boys servicemen personnel staff crew sailors pilots guards prisoners detainees
hostages pilgrims worshippers fans spectators tourists citizens nationals inhabitants survivors others
doctors nurses medics rescuers volunteers teachers farmers fishermen miners labourers laborers employees
families households relatives bodies lives casualties Palestinians Israelis Ukrainians Russians Syrians Afghans
Iraqis Sudanese Yemenis Rohingya suspects looters rioters dissidents smugglers foreigners gunmen youths
""".lower().split())
# adjectives that make "sources" a state body ("security sources said")
STATE_SOURCE_WORDS = frozenset({"security", "military", "police", "government", "intelligence", "army",
                                "official", "medical", "hospital"})
# units of land a number can count ("39 of the 75 districts"): never a casualty figure
AREA_NOUNS = frozenset({"districts", "provinces", "regions", "states", "counties", "villages", "towns", "cities",
                        "countries", "municipalities", "governorates", "oblasts", "prefectures", "townships",
                        "neighbourhoods", "neighborhoods", "islands"})
AREA_NOUNS_ONE = frozenset({"district", "province", "region", "county", "village", "town", "city", "country",
                            "municipality", "governorate", "oblast", "prefecture", "neighbourhood", "neighborhood"})
"""Right after a number, an area, not people counted ("in one city, …")."""
# counted things that are never casualties ("searched two addresses", "destroyed 40 vehicles")
THING_NOUNS = frozenset("""
addresses address homes houses buildings structures vehicles cars trucks tanks aircraft planes jets drones
missiles rockets shells bombs weapons guns rifles sites locations targets positions hectares acres tonnes
tons dollars euros pounds rupees shillings yuan naira francs rand pesos dinars riyals lira hryvnias rubles roubles yen
kilometres kilometers miles metres meters hours days weeks months years
villages towns cities schools hospitals shops businesses roads bridges boats ships flights documents streets
blocks floors doors storeys stories
""".split())
OTHER_COUNT_NOUNS = frozenset({"voters", "seats", "votes", "ballots", "delegates"})
GENERIC_COUNTED = frozenset({"people", "persons", "others", "individuals", "those", "residents", "person",
                             "more", "including", "dead", "wounded", "injured", "missing", "displaced"})

HEDGES: list[tuple[str, ...]] = sorted(
    [tuple(h.split()) for h in (
        "at least", "more than", "over", "about", "around", "some", "nearly", "almost", "up to",
        "as many as", "fewer than", "less than", "approximately", "roughly", "an estimated", "no fewer than",
        "in excess of", "upwards of", "at most", "under", "above", "close to", "estimated", "just over",
        "just under", "well over", "a further", "another")],
    key=len, reverse=True)
NON_HEDGES = frozenset({"a further", "another"})

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
MULTIPLIERS: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
                               "m": 1_000_000, "bn": 1_000_000_000, "k": 1000}
VAGUE_NUMBERS = frozenset({"dozens", "hundreds", "thousands", "millions", "scores", "tens", "several",
                           "many", "few", "numerous"})

SPEECH_VERBS = frozenset("""
quoted said says say told tells added adds asked stated states wrote writes warned warns insisted insists explained
explains declared declares tweeted noted notes replied replies recalled recalls continued continues
remarked argued argues claimed claims called calls urged urges according announced announces
""".split())
REPORT_VERBS = frozenset("""
said says say told reported reports reporting claims claimed claim estimated estimates estimate put puts
announced announces confirmed confirms gave gives according recorded records counted
raised raises revised revises updated updates registered registers documented documents verified verifies
tallied warned warns stated states added adds
""".split())
ACCUSE_VERBS = frozenset({"accused", "accuses", "accuse", "accusing", "blamed", "blames", "blame", "blaming"})
DENY_VERBS = frozenset({"denied", "denies", "deny", "denying", "rejected", "rejects", "dismissed", "dismisses"})
DEMAND_VERBS = frozenset({"urged", "urges", "urge", "demanded", "demands", "demand", "called", "calls", "call"})
CLAIM_VERBS = frozenset({"claims", "claimed", "claim", "alleged", "alleges", "insisted", "insists",
                         "maintains", "maintained"})
COREF_NOUNS = frozenset("""
group organisation organization monitor agency ministry observatory charity movement coalition alliance
party commission organisers organizers service office mission council centre center institute force
watchdog network committee union
""".split())
PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})

# ---------------------------------------------------------------- entity clean-up (second round)

# head words of organisation names: a capitalised name chunk ending in or holding one is an organisation
ORG_HEADS = frozenset("""
group union federation society societies commission council party front movement forces force organisation
organization committee agency fund programme program bank court ministry office institute association
alliance army coalition service network centre center observatory assembly authority congress league
brigade brigades corps department bureau foundation trust board navy guard guards police directorate
mission tribunal parliament senate cabinet unit command
""".split())
# organisation heads that also name a building or a place ("World Trade Center", "Supreme Court")
BUILDING_HEADS = frozenset({"centre", "center", "court", "parliament", "senate", "bank", "office", "assembly",
                            "mission", "guard", "guards", "unit", "command", "board", "trust", "service"})
# bodies that speak for their possessive owner ("Iran's mission to the UN", "Russia's embassy in London")
OWNED_BODIES = frozenset({"mission", "embassy", "delegation", "consulate", "representation", "envoys"})
# words before "of" that a span NER ran over does not keep ("Several of Trump's officials")
PARTITIVE_WORDS = frozenset({"several", "many", "some", "most", "all", "both", "none", "each", "few", "any"})
# words that, capitalised alone, are no name ("Hospital officials said", "Hotel staff")
GENERIC_BODY_WORDS = frozenset({"hotel", "ministry", "agency", "department", "office", "committee", "commission",
                                "council", "police", "army", "government", "airport", "station", "prison"})
# heads of institutions annotated as organisations though they are also buildings ("Medina Hospital")
# a church named by its denomination is the body, not a building ("the Catholic Church")
DENOMINATIONS = frozenset("""catholic orthodox anglican protestant lutheran evangelical methodist presbyterian
baptist coptic chaldean syriac armenian maronite episcopal""".split())
# first words of a place's name before "of"/"de" ("Temple of Baalshamin", "Arc de Triomphe")
PLACE_FIRST_WORDS = frozenset({"temple", "arc", "palace", "tower", "mount", "lake", "gulf", "cape", "port", "church",
                               "cathedral", "mosque", "tomb", "shrine", "gate", "square", "place", "plaza", "bay"})
INSTITUTION_HEADS = frozenset({"hospital", "university", "school", "college", "clinic", "academy"})
# well-known organisations the small model often calls people or places (media, platforms, alliances)
KNOWN_ORGS: dict[str, str] = {w.lower(): w for w in """
Twitter Facebook Telegram Instagram YouTube TikTok WhatsApp Reuters AFP BBC CNN TASS Xinhua IRNA SANA
Interfax NATO Kremlin Pentagon Hamas Hezbollah Taliban Amnesty UNICEF UNHCR UNRWA WHO OCHA ICRC IFRC
""".split()}
KNOWN_ORGS.update({"al jazeera": "Al Jazeera", "associated press": "Associated Press", "x": "X"})
# well-known armed groups, movements and agencies (general knowledge, a few dozen names) the small
# model misses or calls people or places; keys are lower-case with hyphens as spaces
KNOWN_ORGS.update({" ".join(w.replace("-", " ").lower().split()): w for w in """
Islamic State|ISIS|ISIL|Daesh|al-Qaeda|Al Qaeda|Boko Haram|al-Shabab|al-Shabaab|Houthis|
Muslim Brotherhood|Islamic Jihad|Hayat Tahrir al-Sham|PKK|YPG|SDF|IRGC|Interpol|Europol|FEMA|
Red Cross|Red Crescent|Kremlin|Frontex|OPEC|ECOWAS|ASEAN|IAEA|UNESCO|UNFPA|Human Rights Watch|
Medecins Sans Frontieres|Doctors Without Borders|Bloomberg|Kyodo|Yonhap|Anadolu|Sky News|
Organization for Security and Co-operation in Europe|Organisation for Security and Co-operation in Europe|OSCE|
Islamic State of Iraq and the Levant|Islamic State of Iraq and Syria|Islamic State in Iraq and Syria|
United Nations Assistance Mission in Afghanistan|UN Assistance Mission in Afghanistan|African Union Mission in Somalia|
United Nations Interim Force in Lebanon|UN Interim Force in Lebanon|Central Council of Jews in Germany|
United Nations Framework Convention on Climate Change|UN Framework Convention on Climate Change|
Guardia di Finanza|Guardia Civil|Guardia Urbana|Mossos d'Esquadra|Carabinieri|Euronews|White Helmets|
Bureau of Alcohol, Tobacco, Firearms and Explosives|Extinction Rebellion|Law and Justice|Civic Platform|
Civic Coalition|
""".replace("\n", "").split("|") if w})
# the nouns of COREF_NOUNS that may stand for an organisation whose name does not hold them
# ("the group" for Hamas, "the monitor" for the Syrian Observatory for Human Rights)
LOOSE_COREF_NOUNS = frozenset({"group", "organisation", "organization", "monitor", "watchdog", "charity",
                               "movement", "coalition", "alliance", "network", "organisers", "organizers", "agency"})
# common nouns that, right before a name, make it an organisation ("retailer Primark", "the rescue
# service Zaka", "property developer Vanke")
ORG_DESCRIPTORS = frozenset("""
retailer developer company firm airline carrier operator charity broadcaster newspaper insurer manufacturer
supermarket chain maker giant conglomerate service agency group organisation organization outlet daily
""".split())
# first words of Arabic names of armed groups ("Jaish al-Islam", "Faylaq al-Rahman", "Liwa al-Quds")
ARABIC_ORG_HEADS = frozenset({"jaish", "faylaq", "liwa", "harakat", "hayat", "hay'at", "jabhat", "ahrar", "ansar",
                              "hizb", "kataib", "kata'ib", "saraya", "asaib", "jund", "tanzim", "majlis"})
# nouns for a region with a government of its own ("Ishikawa prefecture", "Idlib province")
ADMIN_AREA_NOUNS = frozenset({"prefecture", "province", "state", "region", "county", "governorate", "oblast",
                              "district", "municipality"})
# lower-case Arabic articles joining the parts of a place name ("Deir ez-Zor", "Ras al-Ain")
ARABIC_ARTICLES = frozenset({"al", "el", "ez", "ed", "es", "et", "ad", "as", "ash", "az", "ar", "an", "at", "ul",
                             "ud", "un", "adh", "dh"})
# lower-case nouns after a capitalised name that make it an organisation ("the Islamic State group")
ORG_AFTER_NOUNS = frozenset({"group", "militia", "movement", "faction", "party", "network", "outfit",
                             "organisation", "organization", "rebels", "gang", "cartel", "bloc", "coalition",
                             "alliance", "company", "firm", "supermarket", "chain", "broadcaster", "newspaper",
                             "agency", "charity"})
# adjectives that begin a title, not an organisation ("Supreme Leader", "Deputy Minister")
TITLE_ADJECTIVES = frozenset({"supreme", "deputy", "acting", "vice", "grand", "former", "special", "high"})
# words before "of" that make the name after it a place ("southwest of Marrakesh")
DIRECTION_WORDS = frozenset("""north south east west northeast northwest southeast southwest north-east
north-west south-east south-west outskirts suburbs centre center heart edge parts part outside tip
""".split())
# nouns after a name that make it a place ("Sindh province", "Pazigyi village")
PLACE_NOUNS = frozenset("""
province district region county governorate state city town village valley area municipality prefecture
neighbourhood neighborhood camp island islands mountains river provinces districts regions counties states
cities towns villages areas oblast enclave territory border corridor crossing checkpoint capital borough forest
prefectures neighbourhoods neighborhoods townships township mountain peninsula suburb
""".split())
# nouns in apposition that make a name a person (", a senior researcher at the group,")
APPOS_PERSON_NOUNS = frozenset("""
researcher analyst expert professor official adviser advisor activist lawyer doctor surgeon nurse journalist
correspondent resident witness survivor farmer student teacher founder member candidate lawmaker politician
economist scientist aide negotiator diplomat representative officer mother father son daughter wife husband
driver shopkeeper vendor trader fisherman mechanic engineer worker labourer laborer pensioner grandmother
cleric editor cartoonist cartoonists blogger singer actor rapper billionaire businessman businesswoman novelist
poet artist photographer preacher imam priest pastor rabbi scholar
""".split())
# nouns in apposition that make a name an organisation (", a rescue group", ", an aid charity")
ORG_APPOS_NOUNS = frozenset("""
charity ngo organisation organization company firm broadcaster newspaper outlet monitor watchdog
militia faction outfit rebels operator utility provider carrier regulator manufacturer gang cartel outlets
groups agencies companies parties militias charities broadcasters newspapers
""".split())
# lower-case nouns after a name that make it a media organisation ("its Amaq news agency")
MEDIA_NOUNS = frozenset({"agency", "newspaper", "daily", "broadcaster", "channel", "television", "tv", "radio",
                         "outlet", "website", "weekly", "magazine"})
# last words of place-labelled names that make them organisations ("Asia-Pacific Economic Cooperation")
ORG_LAST_WORDS = frozenset({"cooperation", "council", "organisation", "organization", "commission", "agency",
                            "committee", "party", "alliance", "federation", "ministry", "forces"})
# common nouns right before a name that make it an organisation ("rights group Foro Penal")
ORG_BEFORE_NOUNS = frozenset({"group", "operator", "company", "firm", "charity", "agency", "party", "movement",
                              "militia", "organisation", "organization", "broadcaster", "utility", "watchdog",
                              "monitor", "ngo", "network", "alliance", "coalition", "union", "newspaper"})
# adjectives of regions that stand for the region ("the Catalan government said")
REGION_DEMONYMS = {"catalan": "Catalonia", "basque": "Basque Country", "scottish": "Scotland", "welsh": "Wales",
                   "english": "England", "bavarian": "Bavaria", "crimean": "Crimea", "tibetan": "Tibet",
                   "chechen": "Chechnya", "sicilian": "Sicily", "flemish": "Flanders", "corsican": "Corsica",
                   "californian": "California", "texan": "Texas", "kashmiri": "Kashmir", "punjabi": "Punjab",
                   "sindhi": "Sindh", "quebecois": "Quebec", "tigrayan": "Tigray", "darfuri": "Darfur"}
# NORP words that are religions or peoples, never a place
RELIGIONS_ETHNICITIES = frozenset("""
sunni shia shiite muslim christian hindu sikh jewish buddhist catholic orthodox protestant kurd kurdish alawite
druze yazidi rohingya tamil hazara pashtun uighur uyghur tutsi hutu fulani maasai coptic evangelical
""".split())
# first words of organisation names too generic to stand for the organisation alone
GENERIC_FIRST_WORDS = frozenset({"national", "united", "international", "world", "european", "african", "asian",
                                 "human", "federal", "central", "democratic", "islamic", "arab", "american", "royal",
                                 "general", "supreme", "state", "new", "free", "popular", "people's", "the"})
# verbs besides the speech verbs whose subject speaks a quote inside their clause ("accused Kim of
# 'begging for war'", "criticised Seoul, saying its 'talk of appeasement' ...")
SPEAKER_VERBS = frozenset("""
accused accuses accusing criticised criticized criticises criticizes saying condemned condemns described
describes branded brands dismissed dismisses denounced denounces vowed vows pledged pledges promised promises
admitted admits conceded concedes acknowledged acknowledges predicted predicts demanded demands complained spoke speaks
complains labelled labeled calling telling adding warning urging insisting arguing describing
ordered orders ordering urged urges
""".split())
# news outlets, and the nouns that mark one ("its Al-Manar television channel"): never "the group"
OUTLETS = frozenset("""reuters afp ap bbc cnn xinhua tass irna sana interfax euronews bloomberg kyodo yonhap anadolu
al jazeera associated press sky news""".split("\n")[0].split()) | {"al jazeera", "associated press", "sky news"}
OUTLET_NOUNS = frozenset("""television tv channel newspaper radio broadcaster agency daily website station
outlet""".split())
# titles that stay part of a single-word name ("Pope Francis", "Queen Suthida", "King Salman")
REGNAL_TITLES = frozenset({"pope", "queen", "king", "prince", "princess", "emperor", "empress", "sultan", "patriarch"})
# words after a person's given name that belong to the family name ("Ursula von der Leyen")
SURNAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "del", "dos"})
# lower-case heads that belong to a building's or facility's name ("the Capella hotel", "Adiala jail");
# geographic ones (valley, island, camp, river) are left out: "the Swat valley" names Swat
FACILITY_HEADS = frozenset("""
airport hotel palace jail prison hospital stadium bridge crossing corridor checkpoint square mosque church
cathedral temple shrine market station refinery mall arena harbor harbour junction
""".split())
# prepositions whose object is usually a place
LOCATIVE_PREPS = frozenset({"in", "at", "near", "across", "outside", "inside", "throughout", "around", "through",
                            "into", "towards", "toward"})
PLACE_PREPS = LOCATIVE_PREPS | {"of", "from", "to", "between"}
"""Prepositions before a word the gazetteer knows that make it the town ("the governor of Kisumu")."""
# bare words NER tags as places or people that are not entities in a news fact sheet
NOT_ENTITIES = frozenset({"west", "east", "north", "south", "the west", "southeastern", "northeastern",
                          "southwestern", "northwestern", "southern", "northern", "eastern", "western", "mps",
                          "bst", "gmt", "utc", "edt", "est", "cet", "cest",
                          "riot", "turnout", "fighting",
                          "rescuers", "residents", "witnesses", "cyclone", "hurricane", "parliament",
                          "easter", "christmas", "ramadan", "eid", "hajj", "new year", "passover", "diwali",
                          # faiths, scriptures, rites and feasts; diseases and weather; weapons; a cry
                          "islam", "christianity", "judaism", "hinduism", "buddhism", "sikhism", "sabbath", "mass",
                          "lent", "koran", "quran", "bible", "torah", "easter weekend", "christmas eve",
                          "new year's eve", "good friday", "holy week", "yom kippur", "rosh hashanah",
                          "covid", "covid-19", "ebola", "el niño", "el nino", "la niña", "la nina",
                          "kalashnikov", "himars", "atacms", "storm shadow", "shahed", "iskander", "kinzhal",
                          "tomahawk", "allahu akbar", "brexit", "patriot", "grad", "suv"})
# generic state bodies that, when unnamed, speak for their country ("the army said", "police said")
STATE_BODIES = frozenset("""
government army military police officials official authorities ministry media forces troops
regime administration cabinet presidency junta investigators service services
""".split())
# offices of a town or region ("the governor of Hatay province", "the regional governor")
LOCAL_OFFICES = frozenset({"governor", "governors", "mayor", "mayors", "prefect", "prefecture"})
LOCAL_WORDS = frozenset({"local", "regional", "provincial", "municipal", "city", "district", "county", "state"})
# adjectives that are no nationality of an actor in general ("Palestinian protesters") but name the
# state before a state body ("the Palestinian health ministry")
STATE_DEMONYMS = {"palestinian": "Palestine"}
# nouns that title a person (not adjectives such as "foreign" or "interior")
# words before a name NER takes into a person's name: "Justice David Maraga", "Crown Prince Mohammed bin
# Salman", "Billionaire François-Henri Pinault" (only taken off a name of two words or more)
LEADING_TITLES = frozenset("""
justice judge chair manager imam emir billionaire tycoon businessman crown patriarch archbishop bishop rabbi
cleric presidency activist lawyer
""".split())
PERSON_TITLES = frozenset("""
president minister secretary spokesman spokeswoman spokesperson general colonel commander chief leader
ambassador envoy senator governor mayor king queen prince chairman chairwoman director head premier
chancellor lieutenant major captain sheikh ayatollah pope cardinal coordinator constable superintendent
inspector sergeant detective commissioner sheriff gen cmdr adm lt col sgt capt maj representative rapporteur
brig
""".split())

# projectiles: an attack when they strike ("shells struck a market", "missiles hit"), not when merely named
PROJECTILE_VERBS = frozenset("""struck strike strikes hit hits slammed landed killed exploded rained fired launched
pounded""".split())
# "clashes"/"fighting" around a protest or an election are part of it, not an attack of their own
SOFT_ATTACK_WORDS = frozenset({"clashes", "clash", "fighting", "riots", "riot"})
# a disaster that brings others with it (floods and landslides after a cyclone or an earthquake)
PARENT_DISASTERS = frozenset({"cyclone", "hurricane", "typhoon", "storm", "earthquake", "quake", "tsunami"})
# last words of facility and landform names: such a name is a place even when NER calls it an organisation
PLACE_HEADS = frozenset("""
square palace hospital airport stadium street avenue road bridge mosque church cathedral hotel market port
prison plaza park harbour harbor station dam strip valley mountains desert peninsula coast sea ocean gulf
river lake island islands heights highway camp hall theatre theater crossing refinery base mall arena
temple shrine cemetery beach bay canal tower towers monument memorial jail corridor checkpoint
""".split())

# common nouns for reporting bodies that stay organisations of their own when unnamed and no
# country fits ("the regional health office said", "the local emergency committee said")
BODY_NOUNS = frozenset("""
office agency committee council service authority department directorate commission bureau centre
center ministry administration prosecutor prosecutors hospital observatory monitor
""".split())
# "the <noun> of X": X is a country ("the defence ministry of Ostmark", "the government of Chad")
STATE_OF_NOUNS = frozenset("""
ministry government army president parliament prime military republic kingdom presidency
""".split())

# disasters of different sorts are different events ("floods in Libya ... an earthquake in Morocco")
DISASTER_SORT = {w: sort for sort, ws in {
    "quake": "earthquake earthquakes quake quakes tremor tremors tsunami",
    "flood": "flood floods flooding",
    "storm": "cyclone hurricane typhoon storm tornado",
    "slide": "landslide landslides mudslide mudslides",
    "fire": "wildfire wildfires fire fires blaze",
    "drought": "drought",
    "eruption": "eruption",
}.items() for w in ws.split()}

# lower-case particles inside hyphenated names ("Tehreek-e-Insaf", "Nusrat al-Islam wal-Muslimin")
NAME_PARTICLES = frozenset({"e", "i", "al", "el", "ul", "wal", "ud", "ad", "ash", "as", "bin", "ibn", "de", "du",
                            "la", "le", "des", "sur", "en"})

# verbs whose direct object is usually a place ("fled Khan Younis", "shelled Kramatorsk")
PLACE_OBJECT_VERBS = frozenset("""fled flee fleeing flees entered enter entering reached reach reaching
captured capture capturing seized seize seizing recaptured shelled shell shelling bombed bombing
evacuated evacuate evacuating besieged encircled stormed overran left leave leaving crossed visited visit
visiting visits toured tour touring""".split())
# verbs whose passive subject is usually a place ("Kramatorsk was hit", "Derna was flooded")
PLACE_PASSIVE_VERBS = frozenset("""hit struck shelled bombed flooded devastated destroyed flattened
razed evacuated besieged captured seized recaptured encircled targeted pounded""".split())
# honorifics before a surname: the name is a person's ("Mr Kiper"); dropped from the name
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "miss", "mx", "gov.", "sen.", "rep.",
                        "gen.", "lt.", "col.", "sgt.", "capt.", "maj.", "prof.", "rev.", "sir", "dame", "lord",
                        "baroness"})

# the first word of a named event NER calls an organisation, person or place ("Storm Daniel",
# "Cyclone Freddy", "Operation Protective Edge"): an event's name, not an entity
EVENT_NAME_HEADS = frozenset({"storm", "cyclone", "hurricane", "typhoon", "operation", "tropical"})
# words before "to <place>" that make it a destination ("a trip to Thessaloniki", "travelled to Jeddah")
TRAVEL_WORDS = frozenset("""trip trips visit visits visiting travel travels travelled traveled travelling traveling
flew fly flies flying flight journey return returned returning headed heading moved deported evacuated
""".split())
# last words of a region's name whose first word alone names the same region ("Gaza Strip" / "Gaza")
REGION_HEADS = frozenset({"strip", "peninsula", "valley", "islands", "desert", "delta", "basin", "archipelago"})
# "the Catholic Church" is an organisation, not a building
DENOMINATIONS = frozenset("""catholic orthodox anglican protestant methodist evangelical coptic lutheran
presbyterian baptist episcopal""".split())
# capitalised common nouns NER takes for a one-word name ("plunging the Kingdom into …", "the Courts",
# "the Palace did not comment"): institutions named generically are not entities of their own
GENERIC_INSTITUTIONS = frozenset("""kingdom court courts palace government cabinet army police presidency
ministry republic crown military navy opposition junta council commission committee agency department
office authority authorities administration regime judiciary monarchy capital state""".split())
