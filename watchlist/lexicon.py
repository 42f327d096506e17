"""Small, generic word lists the generator leans on. Nothing here names a country or a project.

Kept in one place so that tuning the generator for a new kind of statement means editing data,
not code.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _words(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just me more most my no nor not
    now of off on once only or other our ours out over own same she should so some such than that the their
    theirs them then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your upon within among amongst via per including
    well such as its"""
)

# Words every pledge in a joint statement uses; they say nothing about which pledge it is.
GENERIC_WORDS = _words(
    """agree agreed agrees agreement side sides two both parties party country countries nation nations
    bilateral cooperation cooperate collaborate collaboration further actively continue continued fully
    jointly relevant related areas area field fields sector sectors including include regard support
    supported welcome welcomed welcomes decision decided resolved resolve commitment committed reaffirmed
    reiterated expressed willingness willing ready undertook undertake promote promoting enhance enhancing
    strengthen strengthening deepen deepening advance advancing develop development developing build
    building ensure earliest early progress efforts effort leaders leadership government governments
    respective mutual common shared new key important importance various several extensive number
    conduct carry make made take also noted note stated said year years time times work working aspects
    level levels high-level practical concrete concerted closer close deeper step steps need needs
    opportunities opportunity framework mechanism mechanisms interests interest especially given
    significance noting underscoring acknowledging appreciating appreciates moreover recognized
    recognised underlined aligned aligns particular result contribute achieving current stronger factor
    region massive size potential bolster strong determination completed speed across forward purposes
    principles reviewed ongoing extended provisions taking vigorous vigorously expanding quality hold next
    first second third half outcomes sessions main monday tuesday wednesday thursday friday saturday
    sunday joint including partners partner future general overall whole towards toward therefore thereby
    """
)

# The register of diplomacy: how a statement promises, not what it promises ("convene", "impetus").
# A news story about a pledge rarely repeats them, so they make poor keywords.
PROCESS_WORDS = _words(
    """coordinate coordination convene maintain increase inject impetus leverage encourage encourages
    establishment signing celebrate implementation implement realization better serve greater improving
    safeguarding satisfaction course gradual endeavor endeavour participation benefit designs measures
    momentum consensus difficult stand condolences sympathies existential upgrading together raise least
    directed bring bringing address affect explore focus establish expand opening start restart ending
    accelerate operationalise operationalize regularly success ambitious outcome share linking one three
    four five"""
)

# Nouns for built or organised things: "Gwadar port", "Khunjerab border port".
FACILITY_NOUNS = (
    "special economic zone",
    "economic zone",
    "free zone",
    "free trade zone",
    "industrial zone",
    "industrial park",
    "border port",
    "dry port",
    "seaport",
    "airport",
    "port",
    "railway line",
    "railway",
    "metro",
    "dam",
    "power plant",
    "power station",
    "pipeline",
    "highway",
    "motorway",
    "expressway",
    "bridge",
    "tunnel",
    "pass",
    "terminal",
    "refinery",
    "canal",
    "corridor",
)

# Last words of names that denote a distinct project, event or instrument worth its own pledge.
PROJECT_HEADS = _words(
    """railway railways line port airport corridor highway motorway expressway road bridge dam zone park
    plant station pipeline project exhibition festival year fund bank agreement treaty programme program
    centre center hub terminal refinery canal tunnel metro event conference expo games"""
)

# Heads of names for bodies and processes a pledge can be about ("Strategic Dialogue", "SCO").
INSTITUTION_HEADS = _words(
    """dialogue initiative organization organisation committee forum council commission group mechanism
    summit programme program partnership strategy plan alliance platform institute university campus
    college academy"""
)

# Heads of names that people shorten to initials ("KCR", "CPFTA"); events and venues they do not.
INITIALISM_HEADS = _words(
    """railway railways line port airport corridor highway motorway expressway zone park plant pipeline
    agreement treaty project fund bank"""
)

CALENDAR_WORDS = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# First words of a person's name with title ("Prime Minister …"): people are not pledges.
PERSON_TITLES = _words(
    """president prime minister premier king queen prince mr mrs ms dr his her excellency chancellor
    secretary general chairman sheikh emir sultan"""
)

# Capitalised only because they open a sentence or a heading.
OPENING_WORDS = _words(
    """the a an both this that these those it its they their he she in on at with by for from further
    moreover however also and but as under over during after before following noting acknowledging
    appreciating underscoring recognizing recognising welcoming recalling reaffirming stressing
    emphasizing emphasising highlighting building given while we our all each other two since when
    where whereas although though because if once until upon regarding concerning despite through
    today yesterday earlier later recently meanwhile besides additionally furthermore indeed
    accordingly thus hence then there here"""
)

SECTORS: dict[str, frozenset[str]] = {
    "transport": _words(
        "railway railways rail train trains port ports airport road roads highway motorway flights flight "
        "aviation shipping maritime connectivity logistics corridor track metro transit"
    ),
    "trade": _words(
        "trade trading export exports import imports tariff tariffs customs goods market markets "
        "liberalization liberalisation commerce e-commerce wto"
    ),
    "investment": _words(
        "investment investments investors investor industrial industry industries zone zones enterprises "
        "companies finance financing financial bank banks fund"
    ),
    "energy": _words(
        "energy power electricity solar wind hydropower hydro nuclear oil gas renewable renewables "
        "hydrogen grid coal lng"
    ),
    "climate": _words(
        "climate emissions carbon paris unfccc cbdr adaptation mitigation ecosystem biodiversity "
        "forests forest deforestation methane net-zero green warming plastic pollution ocean wetlands"
    ),
    "disaster-relief": _words(
        "flood floods flooding disaster disasters relief rehabilitation reconstruction humanitarian "
        "earthquake survivors affected"
    ),
    "security": _words(
        "security safety terrorism terrorist counter-terrorism threats police enforcement extremism personnel crime"
    ),
    "defence": _words("military defence defense armed forces army navy exercises weapons arms training"),
    "digital": _words(
        "digital online internet payment payments e-commerce telecom cyber data technology startups start-ups"
    ),
    "tourism": _words("tourism tourist tourists visa visas travel"),
    "culture": _words("cultural culture art exhibition museum heritage people-to-people film media sports"),
    "education": _words("education students scholarships universities university academic"),
    "health": _words("health medical hospital vaccines vaccine epidemic pandemic disease"),
    "agriculture": _words("agriculture agricultural food farmers crops livestock fisheries"),
    "development": _words("poverty livelihood socioeconomic sdgs sustainable"),
    "diplomacy": _words(
        "dialogue consultations summit visit visits diplomatic ministers minister sco un multilateral coordination"
    ),
}

SECTOR_WORDS = frozenset(word for words in SECTORS.values() for word in words)


def _news_words(text: str) -> dict[str, tuple[str, ...]]:
    """Parse "statement words: news words" lines into a lookup from each statement word."""
    table: dict[str, tuple[str, ...]] = {}
    for line in text.strip().splitlines():
        formal, _, plain = line.partition(":")
        for word in formal.split():
            news = [w.replace("_", " ") for w in plain.split()]
            table[word] = tuple(dict.fromkeys([*table.get(word, ()), *news]))
    return table


# How news reports what a statement says in its own register: "personnel" are "workers" and
# "engineers" in a headline, "military" exchanges are "army", "navy" and "drills", floods leave
# areas "flood-hit". Left: words a pledge uses (each form listed); right: words news writes for
# the same thing ("_" joins a phrase). Generic language, no country or project.
NEWS_WORDS = _news_words(
    """
    personnel: workers engineers staff employees nationals citizens
    nationals: citizens workers engineers
    citizens: nationals workers engineers
    safety: attack protection guards
    flood floods flooding: flood-hit deluge inundation displaced
    rehabilitating rehabilitate rehabilitation: reconstruction rebuild rebuilt relief
    survivors: victims displaced relief
    disaster disasters: relief aid
    earthquake: quake relief
    military military-to-military: army navy troops air_force
    exercises exercise: drill manoeuvres maneuvers
    defence defense: army navy troops air_force
    terrorism terrorist counter-terrorism: militant terrorist extremist
    tourism: tourists travellers tour
    tourist tourists: travellers tour
    flights flight: airline route
    export exports: shipments consignment imports
    agricultural agriculture: farm crops fruit
    industrial: factories manufacturers economic_zone special_economic_zone sez
    e-commerce: online marketplace platform live-streaming
    pavilions pavilion: storefronts online
    solar: panels photovoltaic
    renewable renewables: solar wind
    hydropower: dam
    students: universities scholarships
    scholarships: students universities
    vaccines vaccine: vaccination jabs
    epidemic pandemic: outbreak
    emissions: carbon pollution
    deforestation forests forest: logging trees
    payment payments: remittances wallets
    visa visas: travel
    """
)
