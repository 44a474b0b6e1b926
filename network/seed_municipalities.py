"""The demo texts of the six municipalities' pages (network.seed loads them), in both languages.

Each entry: the municipality's own website per language, then per section (introduction,
kindergartens, schools, health_services, leisure, public_transport) the Norwegian and English text.
"""

_GP = (
    "Alle som bor her har rett på fastlege: velg eller bytt på helsenorge.no. Legevakt: 116 117. "
    "Ved fare for liv: 113. Sykehuset Østfold Kalnes ligger i Sarpsborg.",
    "Everyone living here has the right to a GP (fastlege): choose or change yours on helsenorge.no. "
    "Out-of-hours emergency clinic (legevakt): 116 117. In a life-threatening emergency: 113. The "
    "region's hospital, Sykehuset Østfold Kalnes, is in Sarpsborg.",
)
_KINDERGARTEN = (
    "Alle barn fra ett år har rett på barnehageplass. Hovedopptaket har søknadsfrist 1. mars, men du "
    "kan søke hele året. Prisen har et nasjonalt makstak, og familier med lav inntekt betaler mindre.",
    "Every child from the age of one has the right to a kindergarten place. The main intake closes on "
    "1 March, but you can apply all year. The price has a national maximum, and families on a low "
    "income pay less.",
)
_INTRO_CLASS = (
    "Elever som er nye i norsk, får først undervisning i innføringsklasse eller med ekstra "
    "norskopplæring på nærskolen. Skolen er gratis, og skolefritidsordningen (SFO) er gratis 12 timer "
    "i uka for de yngste elevene.",
    "Pupils who are new to Norwegian start in an introductory class (innføringsklasse) or with extra "
    "Norwegian lessons at their local school. School is free, and after-school care (SFO) is free for "
    "12 hours a week for the youngest pupils.",
)
_TRANSPORT = (
    "Østfold kollektivtrafikk (ostfold-kollektiv.no) kjører bussene; billetter kjøper du i appen deres."
)
_TRANSPORT_EN = "Østfold kollektivtrafikk (ostfold-kollektiv.no) runs the buses; buy tickets in its app."

MUNICIPALITY_PAGES = {
    "fredrikstad": {
        "website": ("https://www.fredrikstad.kommune.no/", "https://www.fredrikstad.kommune.no/"),
        "introduction": (
            "Fredrikstad er regionens største by, med rundt 85 000 innbyggere. Byen ligger ved utløpet "
            "av Glomma, med Gamlebyen, et levende sentrum og skjærgården rett utenfor.",
            "Fredrikstad is the region's largest town, with some 85,000 inhabitants. It lies where the "
            "Glomma meets the sea, with the old fortress town Gamlebyen, a lively centre and the "
            "archipelago just outside.",
        ),
        "kindergartens": _KINDERGARTEN,
        "schools": (
            _INTRO_CLASS[0] + " Videregående skoler i byen tilbyr også kombinasjonsklasser for "
            "ungdom som trenger mer norsk før videregående.",
            _INTRO_CLASS[1] + " Upper secondary schools in the town also run combined classes for young "
            "people who need more Norwegian before upper secondary school.",
        ),
        "health_services": _GP,
        "leisure": (
            "Over 300 lag og foreninger: Fredrikstad FK, roklubber på Glomma, kor, korps og turlag. "
            "Biblioteket og kulturscenene har arrangementer hele året.",
            "Over 300 clubs and societies: Fredrikstad FK, rowing clubs on the Glomma, choirs, bands and "
            "hiking groups. The library and the cultural venues have events all year round.",
        ),
        "public_transport": (
            _TRANSPORT + " Tog til Oslo på om lag en time. Byfergene over Glomma er gratis.",
            _TRANSPORT_EN + " Trains to Oslo take about an hour. The small city ferries across the "
            "Glomma are free.",
        ),
    },
    "sarpsborg": {
        "website": ("https://www.sarpsborg.com/", "https://www.sarpsborg.com/"),
        "introduction": (
            "Sarpsborg er en av Norges eldste byer, grunnlagt av Olav den hellige i 1016. Industrien "
            "rundt Sarpefossen gir mange internasjonale arbeidsplasser.",
            "Sarpsborg is one of Norway's oldest towns, founded by Olav the Holy in 1016. The industry "
            "around the Sarpsfossen waterfall gives many international jobs.",
        ),
        "kindergartens": _KINDERGARTEN,
        "schools": _INTRO_CLASS,
        "health_services": _GP,
        "leisure": (
            "Sarpsborg 08 i Eliteserien, svømmehall, klatresenter og et stort idrettsliv for barn. "
            "Byens kulturscener har konserter og teater.",
            "Sarpsborg 08 in the top football league, a swimming pool, a climbing centre and plenty of "
            "sport for children. The town's cultural centre has concerts and theatre.",
        ),
        "public_transport": (
            _TRANSPORT + " Sarpsborg stasjon har tog til Oslo og Halden.",
            _TRANSPORT_EN + " Sarpsborg station has trains to Oslo and Halden.",
        ),
    },
    "halden": {
        "website": ("https://www.halden.kommune.no/", "https://www.halden.kommune.no/"),
        "introduction": (
            "Halden er grensebyen ved Iddefjorden, med Fredriksten festning over sentrum og forsknings"
            "miljøer innen energi og IKT.",
            "Halden is the border town on the Iddefjord, with Fredriksten fortress above the centre and "
            "research communities in energy and ICT.",
        ),
        "kindergartens": _KINDERGARTEN,
        "schools": _INTRO_CLASS,
        "health_services": (
            _GP[0] + " Sykehuset Østfold har også poliklinikk i Halden.",
            _GP[1] + " Sykehuset Østfold also has an outpatient clinic in Halden.",
        ),
        "leisure": (
            "Haldenkanalen, festningen, sykkelstier og en aktiv friluftsklubb. Høgskolen i Østfold gir "
            "byen et studentliv med åpne arrangementer.",
            "The Halden canal, the fortress, cycle paths and an active outdoor club. Østfold University "
            "College gives the town a student life with open events.",
        ),
        "public_transport": (
            _TRANSPORT + " Tog til Oslo og Göteborg fra Halden stasjon.",
            _TRANSPORT_EN + " Trains to Oslo and Gothenburg from Halden station.",
        ),
    },
    "hvaler": {
        "website": ("https://www.hvaler.kommune.no/", "https://www.hvaler.kommune.no/"),
        "introduction": (
            "Hvaler er en øykommune med over 800 øyer, holmer og skjær, og Ytre Hvaler nasjonalpark.",
            "Hvaler is an island municipality of over 800 islands, islets and skerries, with Ytre Hvaler "
            "national park.",
        ),
        "kindergartens": _KINDERGARTEN,
        "schools": (
            "Kommunen har barneskoler på flere av øyene og én ungdomsskole. "
            + _INTRO_CLASS[0].split(". ", 1)[1],
            "The municipality has primary schools on several islands and one lower secondary school. "
            + _INTRO_CLASS[1].split(". ", 1)[1],
        ),
        "health_services": _GP,
        "leisure": (
            "Båtliv, kajakk, bading og turstier langs kysten; idrettslag og musikkorps på øyene.",
            "Boating, kayaking, swimming and coastal paths; sports clubs and bands on the islands.",
        ),
        "public_transport": (
            _TRANSPORT + " Bussen går via Hvalertunnelen til Fredrikstad; ferger går til øyene uten vei.",
            _TRANSPORT_EN + " Buses run through the Hvaler tunnel to Fredrikstad; ferries serve the "
            "islands without a road.",
        ),
    },
    "rakkestad": {
        "website": ("https://www.rakkestad.kommune.no/", "https://www.rakkestad.kommune.no/"),
        "introduction": (
            "Rakkestad er en landbrukskommune med et tett sentrum, rimelige boliger og kort vei til "
            "både Sarpsborg og Oslo.",
            "Rakkestad is a farming municipality with a compact centre, affordable homes and an easy "
            "journey to both Sarpsborg and Oslo.",
        ),
        "kindergartens": _KINDERGARTEN,
        "schools": _INTRO_CLASS,
        "health_services": _GP,
        "leisure": (
            "Idrettslag for alle aldre, ridesenter, skiløyper i skogen om vinteren og et aktivt "
            "frivillig miljø.",
            "Sports clubs for all ages, riding centres, ski tracks in the forest in winter and an active "
            "volunteer community.",
        ),
        "public_transport": (
            _TRANSPORT + " Rakkestad stasjon ligger på Østfoldbanens østre linje, med tog mot Oslo.",
            _TRANSPORT_EN + " Rakkestad station is on the eastern line of the Østfold railway, with trains "
            "towards Oslo.",
        ),
    },
    "aremark": {
        "website": ("https://www.aremark.kommune.no/", "https://www.aremark.kommune.no/"),
        "introduction": (
            "Aremark er en liten kommune med om lag 1 300 innbyggere, store skoger og innsjøene i "
            "Haldenvassdraget, inntil svenskegrensen.",
            "Aremark is a small municipality of about 1,300 inhabitants, with large forests and the "
            "lakes of the Halden watercourse, right by the Swedish border.",
        ),
        "kindergartens": _KINDERGARTEN,
        "schools": (
            "Aremark skole tar imot elever fra 1. til 10. trinn. " + _INTRO_CLASS[0].split(". ", 1)[1],
            "Aremark school takes pupils from year 1 to year 10. " + _INTRO_CLASS[1].split(". ", 1)[1],
        ),
        "health_services": _GP,
        "leisure": (
            "Kano og fiske i vassdraget, turstier og et lite, aktivt idrettslag.",
            "Canoeing and fishing on the lakes, hiking trails and a small, active sports club.",
        ),
        "public_transport": (
            _TRANSPORT + " Bussene går sjelden; de fleste har bil.",
            _TRANSPORT_EN + " Buses are infrequent; most people have a car.",
        ),
    },
}


def page_fields(slug: str) -> dict[str, str]:
    """The translated field values for one municipality's page (empty for a slug without a text)."""
    fields = {}
    for name, (nb, en) in MUNICIPALITY_PAGES.get(slug, {}).items():
        fields[f"{name}_nb"], fields[f"{name}_en"] = nb, en
    return fields
