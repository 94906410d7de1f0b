# ruff: noqa: SIM905 - word lists read and diff better as one string each than as quoted literals
"""Closed word lists the actor detector reasons with: titles, honorifics, organisation heads, cue words.

These are grammar, not a gazetteer: they name no actor. Actors live in the dbt seeds and pycountry.
"""

from __future__ import annotations

# Titles written before a name, with the CAMEO role they imply ("" = an honorific that implies none).
TITLE_ROLES: dict[str, str] = {
    "president": "GOV",
    "vice president": "GOV",
    "president-elect": "GOV",
    "prime minister": "GOV",
    "deputy prime minister": "GOV",
    "premier": "GOV",
    "chancellor": "GOV",
    "minister": "GOV",
    "foreign minister": "GOV",
    "defence minister": "GOV",
    "defense minister": "GOV",
    "interior minister": "GOV",
    "finance minister": "GOV",
    "economy minister": "GOV",
    "energy minister": "GOV",
    "health minister": "GOV",
    "justice minister": "GOV",
    "minister of foreign affairs": "GOV",
    "minister of defence": "GOV",
    "minister of defense": "GOV",
    "minister of internal affairs": "GOV",
    "minister of the interior": "GOV",
    "minister of finance": "GOV",
    "minister of economy": "GOV",
    "minister of energy": "GOV",
    "minister of health": "GOV",
    "minister of justice": "GOV",
    "secretary of state": "GOV",
    "secretary of defense": "GOV",
    "defense secretary": "GOV",
    "foreign secretary": "GOV",
    "home secretary": "GOV",
    "secretary": "GOV",
    "treasury secretary": "GOV",
    "chancellor of the exchequer": "GOV",
    "attorney general": "GOV",
    "secretary-general": "IGO",
    "secretary general": "IGO",
    "director-general": "",
    "director general": "",
    "high representative": "IGO",
    "commissioner": "GOV",
    "king": "GOV",
    "queen": "GOV",
    "crown prince": "GOV",
    "prince": "GOV",
    "princess": "GOV",
    "emir": "GOV",
    "sultan": "GOV",
    "sheikh": "GOV",
    "supreme leader": "GOV",
    "ayatollah": "REL",
    "governor": "GOV",
    "gov.": "GOV",
    "mayor": "GOV",
    "senator": "LEG",
    "sen.": "LEG",
    "rep.": "LEG",
    "congressman": "LEG",
    "congresswoman": "LEG",
    "speaker": "LEG",
    "house speaker": "LEG",
    "majority leader": "LEG",
    "minority leader": "LEG",
    "majority whip": "LEG",
    "minority whip": "LEG",
    "mp": "LEG",
    "mps": "LEG",
    "mep": "LEG",
    "meps": "LEG",
    "ambassador": "GOV",
    "envoy": "GOV",
    "special envoy": "GOV",
    "special representative": "GOV",
    "head of state": "GOV",
    "head of government": "GOV",
    "spokesman": "GOV",
    "spokeswoman": "GOV",
    "spokesperson": "GOV",
    "press secretary": "GOV",
    "opposition leader": "OPP",
    "leader": "",
    "general": "MIL",
    "gen.": "MIL",
    "lt.": "MIL",
    "lieutenant general": "MIL",
    "major general": "MIL",
    "colonel": "MIL",
    "col.": "MIL",
    "admiral": "MIL",
    "adm.": "MIL",
    "commander": "MIL",
    "field marshal": "MIL",
    "marshal": "MIL",
    "captain": "MIL",
    "capt.": "MIL",
    "sgt.": "MIL",
    "sergeant": "MIL",
    "maj.": "MIL",
    "justice": "JUD",
    "judge": "JUD",
    "chief justice": "JUD",
    "ceo": "BUS",
    "chief executive": "BUS",
    "chairman": "BUS",
    "chairwoman": "BUS",
    "pope": "REL",
    "cardinal": "REL",
    "archbishop": "REL",
    "bishop": "REL",
    "rabbi": "REL",
    "imam": "REL",
    "dj": "",
    "rapper": "",
    "singer": "",
    "actor": "",
    "actress": "",
    "comedian": "",
    "rev.": "REL",
    "reverend": "REL",
    "mr": "",
    "mr.": "",
    "mrs": "",
    "mrs.": "",
    "ms": "",
    "ms.": "",
    "dr": "",
    "dr.": "",
    "sir": "",
    "dame": "",
    "lord": "",
    "lady": "",
    "prof.": "",
    "professor": "",
}

# Lower-case role nouns that, after "X Y, the ...", mark X Y as a person holding that role, within
# APPOSITIVE_MAX_GAP characters. Group 1 is the gap: its length is checked apart, because a bounded
# repetition of a Unicode class ({0,60}) makes the regex 60 times slower in polars.
APPOSITIVE_MAX_GAP = 60
APPOSITIVE_ROLE_RE = (
    r"^,\s+(?:the\s+|a\s+|an\s+)?([\w'’\- ]*?)\b(?:president|minister|secretary|spokesman|spokeswoman|"
    r"spokesperson|ambassador|envoy|representative|chairman|chairwoman|ceo|chief executive|director|"
    r"leader|governor|mayor|commander|chief|senator|lawmaker|official|adviser|advisor|professor|"
    r"founder|analyst|researcher|economist|lawyer|attorney|judge|head)\b"
)

# Last or inner words that make a capitalised name an organisation ("Ministry of ...", "... Agency").
ORG_HEADS: frozenset[str] = frozenset(
    """ministry department agency party inc inc. corp corp. corporation ltd ltd. limited llc plc co.
    company companies university college institute council commission committee association federation
    union bank court tribunal foundation group systems airlines airways motors holdings police army navy
    force forces guard guards church hospital network parliament assembly senate congress office service
    services authority board club society organization organisation center centre fund front movement
    brigade brigades school trust times news press research herald tribune journal gazette broadcasting
    television radio fm studios productions brothers bros bros. pictures records entertainment industries technologies laboratories labs
    pharmaceuticals energy petroleum telecom media partners capital securities insurance academy
    alliance coalition league bureau directorate administration cabinet buses trains railway railways
    embassy consulate exchange clinic clinics museum gallery library orchestra
    united rovers wanderers athletic albion hotspur fc
    democrats republicans socialists conservatives liberals greens communists nationalists unionists""".split()
)

# Words that are capitalised only because they open a sentence or a headline; never a name alone.
COMMON_CAPITALISED: frozenset[str] = frozenset(
    """a an the this that these those there here he she it we they i you his her its our their my your
    but and or so if when while after before as at in on of for to from by with without into about
    over under between since until during against among through meanwhile however also still yet then
    now today tomorrow yesterday tonight earlier later last next new what which who whom whose why how
    where some many most more much few all both each every other others another any no not one two
    three four five six seven eight nine ten first second third police officials experts analysts
    critics authorities residents witnesses prosecutors investigators sources researchers scientists
    traders diplomats investors observers lawmakers negotiators economists
    doctors protesters voters reports report according despite although though because even just only
    please share read watch click photo video image getty reuters ap afp copyright updated published
    posted follow subscribe sign advertisement related more live breaking opinion analysis comment
    mr mrs ms dr sir ii iii iv covid covid-19 government president minister secretary court company people men women
    children families group members officers soldiers troops forces parliament congress senate
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december yes oh well um let lets let's thanks thank
    dear hello hi good great big small old young still never always often sometimes perhaps maybe
    instead indeed nevertheless furthermore moreover overall finally ultimately separately similarly
    unfortunately fortunately surely""".split()
)

WEEKDAYS_AND_MONTHS: frozenset[str] = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)

# Lower-case words allowed inside a capitalised name ("Ministry of Defence", "Bashar al-Assad").
NAME_CONNECTORS: frozenset[str] = frozenset(
    "of the and for de du da del della di dos das van von der den ten ter la le al el bin ibn y on upon".split()
)

# Abbreviations whose final period belongs to the word, so it ends neither the token nor the sentence.
DOTTED_ABBREVIATIONS: frozenset[str] = frozenset(
    """mr mrs ms dr st gen sen rep gov lt col capt sgt adm maj prof rev jr sr inc corp ltd co no vs
    calif colo fla ga la mass mich minn ariz conn del ill ind kan ky md miss mo mont neb nev okla ore
    pa tenn tex va vt wash wis wyo ala ark""".split()
)

# Lower-case words that, hyphenated after a name, make a modifier of it ("London-based", "Iran-backed",
# "Soviet-era"): the name ends before the hyphen, and what follows is no part of the next name
# ("Colorado-based Frontier Airlines" is Colorado and Frontier Airlines).
HYPHEN_MODIFIERS: frozenset[str] = frozenset(
    """based backed born led owned made funded run held controlled allied linked affiliated sponsored
    brokered headquartered listed bound style era friendly leaning aligned oriented""".split()
)
# Of those, the ones that make a capital the city itself, not its government ("Paris-based", "Kyiv-born").
PLACE_HYPHEN_MODIFIERS: frozenset[str] = frozenset("based born headquartered made listed".split())

SPEECH_VERBS: frozenset[str] = frozenset(
    """said says told added wrote explained stressed noted argued warned insisted claimed announced
    replied asked tweeted declared urged confirmed denied""".split()
)

# A word before a capital that makes it a place rather than its government ("in Baku").
LOCATIVE_CUES: frozenset[str] = frozenset(
    """in at near outside inside around across into to of via toward towards through visit visited
    visiting visits arrived landed flew based downtown central northern southern eastern western""".split()
)

# Nouns after a demonym that make it the government ("Azerbaijani authorities").
GOVERNMENT_NOUNS: frozenset[str] = frozenset(
    "government authorities officials administration leadership diplomats regime cabinet".split()
)

# Words after a party's adjective that make it name the party ("Republican senator", "Tory MPs"); elsewhere
# the adjective is left alone ("Republican Guard", "Democratic reforms", "a Conservative estimate").
PARTY_MEMBER_NOUNS: frozenset[str] = frozenset(
    """government party lawmakers lawmaker legislators legislator senator senators congressman congresswoman
    congressmen congresswomen representative representatives governor governors mayor candidate candidates
    nominee nominees hopeful hopefuls leader leaders leadership majority minority caucus members member
    voters primary primaries presidential politicians politician rival rivals colleagues counterparts mp mps
    councillor councillors peers donors strategists activists administration ministers minister whip
    chairman chairwoman establishment base""".split()
)
# ... or a capitalised title of a member ("Republican Sen. Ted Cruz", "Conservative MP Jane Smith").
PARTY_MEMBER_CONTEXT_RE = (
    r"^[ \u00a0]+(?:(?:"
    + "|".join(sorted(PARTY_MEMBER_NOUNS))
    + r")\b|(?:Sen|Gov|Rep)\.|(?:Senator|Governor|Congressman|Congresswoman|MPs?|MEPs?)\b)"
)

# Words around two team names that make place names sports teams ("England beat Samoa").
SPORTS_CUES: frozenset[str] = frozenset("beat beats defeated versus vs vs. v v. thrashed edged".split())

# What makes a sentence one about sport: a score or a word of the game ("2-1", "in the Clasico").
SPORTS_CONTEXT_RE = (
    r"\b\d{1,3}[-–]\d{1,3}\b|\b(?:match|game|final|semi-final|quarter-final|derby|league|cup|season|title|"
    r"clasico|clásico|tie|fixture|goals?|points|wickets|runs|overtime|penalties|stadium|championship|"
    r"playoffs?|innings|set|sets)\b"
)

# First words of clubs named after their town ("Real Madrid", "Dynamo Kiev", "Red Star Belgrade").
CLUB_PREFIXES: frozenset[str] = frozenset(
    {
        *"""real atletico atlético dynamo dinamo spartak lokomotiv cska inter ac sporting olympique ajax
        borussia bayern hertha legia partizan hapoel maccabi zenit rapid slavia sparta steaua shakhtar racing
        deportivo celta fc cf sc ssc afc""".split(),
        "red star",
        "union berlin",
        "young boys",
    }
)
# Verbs that agree with a team in the plural ("Dynamo Kiev were knocked out").
TEAM_VERBS: frozenset[str] = frozenset("were are".split())
# A city's name before these names the place of a treaty ("the Paris Accords", "Minsk Agreements").
TREATY_WORDS: frozenset[str] = frozenset(
    "accord accords agreement agreements convention conventions protocol treaty declaration principles".split()
)
# Plurals after a town that name no team ("the Paris Accords", "Geneva Conventions", "Tehran hardliners").
NON_TEAM_PLURALS: frozenset[str] = frozenset(
    {word for word in TREATY_WORDS if word.endswith("s")}
    | set(
        """treaties protocols declarations talks negotiations hardliners moderates reformists loyalists
        residents officials authorities protesters protests elections games olympics paralympics serbs
        croats kurds tatars arabs jews muslims christians sunnis shias shiites uyghurs pashtuns tamils sikhs
        hindus""".split()
    )
)

# Words after a place name that make it a sports team ("Liverpool manager", "England striker").
TEAM_MEMBER_NOUNS: frozenset[str] = frozenset(
    """manager boss coach striker midfielder defender goalkeeper keeper winger captain skipper fullback
    full-back centre-back fans supporters squad""".split()
)

# Words between a place and a player's name that, in a sports article, make the place the team
# ("Scotland great Gavin Hastings", "Wales legend ..."); outside sport "Hollywood great" is no team.
SPORTS_PRAISE_NOUNS: frozenset[str] = frozenset("great greats legend legends international".split())

# Nouns for what a platform carries, not a second organisation ("Facebook Post", "Twitter Account").
CONTENT_NOUNS: frozenset[str] = frozenset(
    """post posts page pages account accounts video videos live story stories feed feeds status update
    updates ad ads profile profiles user users app apps""".split()
)

# pycountry subdivisions used as places: first-level states, provinces and the UK's nations.
SUBDIVISION_COUNTRIES: tuple[str, ...] = (
    "US",
    "CA",
    "AU",
    "IN",
    "GB",
    "BR",
    "MX",
    "NG",
    "PK",
    "ZA",
    "CN",
    "JP",
)
SUBDIVISION_TYPES: frozenset[str] = frozenset(
    {
        "State",
        "Province",
        "Country",
        "Territory",
        "District",
        "Prefecture",
        "Autonomous region",
        "Municipality",
        "Federal district",
        "Capital territory",
        "Union territory",
    }
)

# AP-style abbreviations of US states ("Manhattan Beach, Calif.").
STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Del.": "Delaware",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Ind.": "Indiana",
    "Kan.": "Kansas",
    "Ky.": "Kentucky",
    "La.": "Louisiana",
    "Md.": "Maryland",
    "Mass.": "Massachusetts",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Miss.": "Mississippi",
    "Mo.": "Missouri",
    "Mont.": "Montana",
    "Neb.": "Nebraska",
    "Nev.": "Nevada",
    "N.H.": "New Hampshire",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.C.": "North Carolina",
    "N.D.": "North Dakota",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island",
    "S.C.": "South Carolina",
    "S.D.": "South Dakota",
    "Tenn.": "Tennessee",
    "Tex.": "Texas",
    "Vt.": "Vermont",
    "Va.": "Virginia",
    "Wash.": "Washington",
    "W.Va.": "West Virginia",
    "Wis.": "Wisconsin",
    "Wyo.": "Wyoming",
}

# Common given names across the languages of world news; a capitalised pair starting with one is a person.
GIVEN_NAMES: frozenset[str] = frozenset(
    """claude luc georg ludwig dustin simone yulia cristiano
    aaron abdel abdul abdullah abu adam adrian ahmad ahmed aisha alan albert alberto alejandro alex
    alexander alexandra alexei alexey ali alice alicia alison amanda amber amy ana andre andrea andreas
    andrei andres andrew andrzej andy angela angelina anil ann anna anne annie anthony antonio antony
    anwar arnold arthur ashley ashraf bashar ben benjamin bernard bernie beth betty bill billy bob
    boris brad brandon brenda brian bruce bruno carl carla carlos carmen caroline catherine cathy
    charles charlie charlotte chris christian christina christine christopher claire claudia colin
    connor craig cynthia dan daniel daniela danielle dave david dean deborah denis dennis diana diane
    dmitry dmitri dominic donald donna doug douglas dylan ed eddie edward elena elizabeth ella ellen
    emily emma emmanuel eric erik ethan eva evan fatima felipe fernando florian frances francesco
    francis francisco frank franz fred frederick gabriel gary george georgia gerald gerhard gilbert
    giorgia giovanni giuseppe glenn gordon grace graham greg gregory guy hamid hannah hans harold harry
    hassan heather heinz helen helena henry hillary howard hugh hugo hussein ian igor ilham imran irene
    isaac isabel isabella ivan jack jackie jacob jacques jake james jamie jan jane janet jason javier
    jean jeff jeffrey jennifer jenny jeremy jerome jessica jill jim jimmy joan joanna joe joel johan
    johann john johnny jon jonathan jordan jorge jose joseph josh joshua juan judith julia julian julie
    justin karen karim karl kate katherine kathleen kathryn katie keith kelly ken kenneth kevin khalid
    kim kimberly klaus kyle larry laura lauren leo leon leonardo lesley leslie linda lisa liz louis
    louise lucas lucy luis luke lynn marc marco marcus margaret maria marie marina mario mark martha
    martin mary matt matthew maurice max melanie melissa michael michel michelle miguel mike mikhail
    mohamed mohammad mohammed monica muhammad nadia nancy naomi narendra natalie nathan neil nicholas
    nick nicola nicolas nicole nikol nikolai nina noah norman oliver olivia omar oscar pablo pam
    pamela patricia patrick paul paula pedro peter philip philippe pierre rachel rafael ralph ramon
    randy raymond rebecca recep richard rick rishi rob robert roberto robin roger ron ronald rose ruth
    ryan sadiq salman sam samantha samuel sandra sara sarah scott sean sebastian sergei sergey
    shannon sharon sheila shirley simon sofia sophie stephanie stephen steve steven stuart susan
    suzanne sylvia tamara tanya ted teresa terry theresa thomas tim timothy tina todd tom tommy tony
    tracy ursula valentina valerie vanessa victor victoria vincent vladimir volodymyr walter wang
    wayne wendy william willie xavier yasmin yevgeny yuri yusuf zachary zoe
    abigail adele aidan alfie alistair allison alvin amelia angus anita archie arjun ashton audrey austin
    barbara barry beatrice becky bella bernhard blake bobby bonnie bradley brendan brett brittany brooke
    bryan caitlin calvin cameron candace carol carolyn carrie casey chelsea cheryl chloe chuck cindy
    clara clint cody cole corey cory courtney crystal curtis dale dana darren dawn debbie declan derek
    desmond devon dominique don doris drew duncan dwayne edgar eileen elaine eleanor eli elijah elise
    eliza ellie elliot elton emilia enrique erin ernest eugene evelyn faith felicity fiona florence
    floyd freddie freya gail gareth gavin gemma gene gillian gina gloria grant gwen gwyneth hailey
    harriet harvey hayley hazel heidi holly hunter imogen ingrid iris isla ivy jacqueline jade jamal
    janice jared jasmine jay jayden jenna jennie jeremiah jerry jesse jodie joey jonny josephine joy
    joyce julianne june justine kai kanye kat katy kay kayla keira kendall kerry kieran kimberley
    kirsty kristen kurt kylie lana lance lara leah lee leigh lena lenny lewis liam lily lindsay
    lindsey lionel lola lorraine luca lydia lynne mackenzie madeleine madison maggie malcolm mandy
    marcia margot mariah marilyn marion marlon marsha mason matilda maureen maxine megan meghan mel
    melinda meredith mia mick mila miles millie milo miranda molly morgan nadine nat neal ned nell
    nelson nigel niall nikki noel nora olga oprah owen paige pat patsy peggy penelope penny percy
    perry phil phoebe phyllis piers pippa polly priya quentin raj rebekah reese reggie rhys ricky
    riley rita robbie rodney ronnie rory rosa rosie ross rowan ruby rupert russell sabrina sadie
    sally sammy sasha selena serena seth shane shaun shawn sheldon shelley sienna sinead sonia
    spencer stacey stan stella sue susie sydney tara tatiana taylor terence tess tessa theo tiffany
    tobias toby tonya travis trevor troy tyler tyson vera vernon veronica vicky vivian wade warren
    wes whitney will wyatt yvonne zac zack zara zayn finn""".split()
)

# Surname endings of the languages of world news that no place or organisation name ends on
# ("Shahramanyan", "Bayramov", "Saakashvili"; not "-sky": "Whisky", "Husky"); a capitalised pair
# or triple ending on one is a person. Words are compared without accents ("-ović" is "-ovic").
SURNAME_ENDING_RE = (
    r"(?:[a-z]{2}(?:yan|yants|ov|ova|ev|eva|shvili|adze|idze|enko|chuk|czuk|wicz|ski|ska|skyy|skaya|skiy|"
    r"oglu|ovic|evic|escu|poulos|akis)$)"
)
# First words of place names, which a surname ending does not make a person ("Greater Rostov").
PLACE_NAME_OPENERS: frozenset[str] = frozenset(
    """greater upper lower north south east west northern southern eastern western central new old great
    little saint st st. mount fort port lake cape sea gulf river bay strait republika""".split()
)
# Capitalised nouns for a person's followers or campaign, not a first name ("Team Trump", "Camp Biden").
FOLLOWER_NOUNS: frozenset[str] = frozenset(
    "team camp operation project brand generation citizen candidate candidates citizens nation".split()
)
# Capitalised words before a surname that are no first name: honorifics, epithets, plural titles,
# party labels ("Frau Merkel", "Comrade Xi", "Strongman Lukashenko", "Presidents Biden and Macron").
EPITHETS: frozenset[str] = frozenset(
    """frau herr signor signora senhor senhora monsieur madame mme tsar czar comrade comrades mullah maulana
    strongman veteran defiant furious upbeat embattled beleaguered ailing former late ousted jailed exiled
    presidents senators ministers governors leaders premiers chancellors generals democrat republican
    tory labour socialist communist bibi nominee hardliner""".split()
)
# Words that make another party of "Democrats" or "Republicans" ("Social Democrats", "New Democrats").
PARTY_NAME_WORDS: frozenset[str] = frozenset("social christian free new liberal sweden swedish".split())
# Titles held towards an organisation, not in it: "Israel's UN Ambassador" is Israel's, not the UN's.
DIPLOMATIC_TITLES: frozenset[str] = frozenset(
    {
        "ambassador",
        "envoy",
        "special envoy",
        "representative",
        "special representative",
        "permanent representative",
    }
)
# Prepositions that open sentences, capitalised, right before a name ("Like Trump, she ...").
SENTENCE_OPENING_PREPOSITIONS: frozenset[str] = frozenset(
    """like unlike amid beyond behind besides except toward towards per via beside upon within whereas
    unless once whether asked told urged""".split()
)
# Words naming a part of a place rather than something of it ("Downtown Chicago", "Southeast Asia").
PLACE_PART_WORDS: frozenset[str] = frozenset(
    """northeast northwest southeast southwest north-east north-west south-east south-west downtown
    uptown midtown suburban rural urban metro metropolitan coastal inner outer far mid sub-saharan
    mainland upstate downstate central-eastern occupied annexed liberated besieged war-torn""".split()
)

# Lower-case role nouns right before a capitalised pair that make it a person ("singer Taylor Swift").
ROLE_NOUNS: frozenset[str] = frozenset(
    """dj singer actor actress rapper comedian star coach striker midfielder defender goalkeeper
    manager chef author artist writer player presenter host director producer designer model
    journalist reporter columnist lawyer attorney judge spokesman spokeswoman spokesperson official
    leader minister senator governor mayor president chairman ceo founder boss captain dr
    professor analyst economist activist campaigner counterpart""".split()
)

# Last words that make a capitalised name an event, which is no actor ("Charles Schwab Cup").
EVENT_HEADS: frozenset[str] = frozenset(
    """cup cups championship championships open games olympics awards award prize festival marathon
    series trophy tournament war wars summit conference election elections day week show finals""".split()
)
# Last words of a text's name, not an actor's ("the UN Charter", "the Rome Statute", "the Patriot Act").
DOCUMENT_HEADS: frozenset[str] = TREATY_WORDS | frozenset("charter charters statute act".split())
# Names ending so are events or documents: no actor, whatever their first words are.
NON_ACTOR_HEADS: frozenset[str] = EVENT_HEADS | DOCUMENT_HEADS
# Compass words right before a city (no comma between) name a part of it ("in east London").
COMPASS_BEFORE_RE = r"(?:^|\s)(?:east|west|north|south|northeast|northwest|southeast|southwest)[ \u00a0]$"
# A capital said to be a city is the city ("Yerevan is a city of a million", "Baku is the capital of ...").
CITY_PREDICATE_RE = (
    r"^[ \u00a0]+(?:is|was|remains|became|has become)[ \u00a0]+(?:a|an|the)[ \u00a0]+(?:[a-z\-]+[ \u00a0]+){0,2}"
    r"(?:city|capital|town|port|metropolis)\b"
)
# "from" is a place's cue only after travel or distance ("flights from Yerevan", "fled from Baku",
# "300 km from Baku"): "a message from Baku", "pressure from Washington" are the government's.
TRAVEL_FROM_BEFORE_RE = (
    r"(?i)(?:^|\s)(?:flights?|trains?|buses|convoys?|ships?|trucks?|travell?ers|passengers|tourists|"
    r"refugees|evacuees|migrants|fled|flee|fleeing|flew|fly|flying|arrived|arriving|arrives|returned|"
    r"returning|returns|travell?ed|travell?ing|departed|departing|departs|evacuated|drove|driving|"
    r"km|kilometres|kilometers|miles|away|route|road|highway|railway|pipeline|exports?|imports?)"
    r"[ \u00a0]from[ \u00a0]$"
)
# What follows a city's name when the city is meant, not its country's government ("London's mayor",
# "the Moscow metro", "Washington state", "the Paris Olympics", "a Kyiv museum", "a Baku hotel",
# "Tokyo's market").
CITY_ATTRIBUTE_RE = (
    r"^(?:['’]s)?[ \u00a0]+(?:(?:state|mayor|mayors|metro|subway|underground|airport|airports|zoo|suburb|"
    r"suburbs|outskirts|resident|residents|street|streets|skyline|region|area|district|neighbourhood|"
    r"neighborhood|city hall|city council|museum|museums|gallery|theatre|theater|opera|cinema|library|"
    r"hospital|hospitals|maternity hospital|clinic|school|schools|kindergarten|university|cafe|café|"
    r"restaurant|restaurants|hotel|hotels|nightclub|bar|park|church|cathedral|mosque|synagogue|"
    r"shopping|mall|railway station|train station|apartment|apartments|market|markets|stock market|"
    r"stock exchange|bourse|port|harbour|harbor|marathon|governor|population|inhabitants|traffic)\b|(?:"
    + "|".join(sorted(word.capitalize() for word in EVENT_HEADS | TREATY_WORDS))
    + r")\b)"
)

# Noble titles of a place name a person ("the Duchess of Cambridge").
NOBLE_TITLES: frozenset[str] = frozenset(
    "duke duchess earl countess marquess baroness baron prince princess".split()
)
NOBLE_TITLE_RE = r"^(?:The )?(?:Duke|Duchess|Earl|Countess|Marquess|Baroness|Baron|Prince|Princess) of [A-Z]"

# Given names that are also ordinary words or places; alone they are not taken for a person.
AMBIGUOUS_GIVEN_NAMES: frozenset[str] = frozenset(
    """christian will grace faith joy hope summer june may rose ruby crystal dawn sue pat bill mark guy
    don art chase georgia jordan austin florence sydney chelsea victoria lincoln max jack frank
    king prince major earl young""".split()
)

# Given names that are no ordinary words ("Tim", "Hunter"; not "Will", "Mark").
UNAMBIGUOUS_GIVEN_NAMES: frozenset[str] = GIVEN_NAMES - AMBIGUOUS_GIVEN_NAMES

# Last words of a multi-word place name ("Imperial Valley", "Manhattan Beach").
PLACE_HEADS: frozenset[str] = frozenset(
    """city valley county counties river island islands mountains province region bay beach lake coast
    peninsula heights hills strait gulf desert township borough parish road street avenue boulevard
    highway bridge square""".split()
)

# Place words that make a place of a name opening with a given name ("Howard County", "Frederick Road");
# not "Bay" or "Lake", which end persons' names too ("Michael Bay").
NAMED_PLACE_HEADS: frozenset[str] = frozenset(
    "county parish township borough road street avenue boulevard highway bridge square".split()
)

# Nouns that, followed by "of", introduce a place ("the heart of Beverly Hills", "the city of X").
PLACE_NOUNS: frozenset[str] = frozenset(
    """heart city cities town towns outskirts suburb suburbs region province county counties village
    villages capital streets centre center state area areas district port island""".split()
)

# Lower-case kinds of facility after a name that is not a person's here ("Walter Reed hospital").
FACILITY_NOUNS: frozenset[str] = frozenset(
    """hospital airport stadium arena university college school academy institute museum library prison
    jail station""".split()
)

# Capitalised words that say what kind a facility is, not whose ("the Catholic school", "the Federal prison").
FACILITY_KIND_WORDS: frozenset[str] = frozenset(
    """christian catholic muslim islamic jewish protestant evangelical anglican methodist baptist public private
    state federal local national international regional general central high primary secondary elementary
    middle junior senior community city county royal military naval""".split()
)

# Plural place kinds after "X and other ..." that make X a place of that kind ("Stalingrad and other
# areas of Paris", "Aleppo and other cities").
KINDRED_PLACES_RE = (
    r"^,?[ \u00a0]+and[ \u00a0]+(?:many[ \u00a0]+|several[ \u00a0]+|some[ \u00a0]+)?other[ \u00a0]+"
    r"(?:areas|parts|cities|towns|villages|regions|provinces|districts|suburbs|neighbourhoods|"
    r"neighborhoods|countries|nations|states|islands|counties|places|capitals)\b"
)

# A bracket right after a name that coordinates place names ("Rape Crisis (England and Wales)"): the
# scope of an organisation's branch. One place alone is as likely a player's country ("Bale (Wales)").
PLACE_SCOPE_BRACKET_RE = (
    r"^[ \u00a0]\((?:[A-Z][\w'’.-]*[ \u00a0])*[A-Z][\w'’.-]*"
    r"(?:,[ \u00a0](?:[A-Z][\w'’.-]*[ \u00a0])*[A-Z][\w'’.-]*)*"
    r"[ \u00a0](?:and|&)[ \u00a0](?:[A-Z][\w'’.-]*[ \u00a0])*[A-Z][\w'’.-]*\)"
)

# Words of a name that never stand alone for the person ("the Duchess" is a description, not a name).
NON_NAME_PARTS: frozenset[str] = frozenset(
    """the duke duchess earl countess prince princess king queen lord lady sir dame mr mrs ms dr
    president minister general""".split()
)

# Verbs after an unknown acronym that make it an organisation acting ("JDRF is", "NHS said", "VRA has").
ACRONYM_SUBJECT_RE = (
    r"^[ \u00a0]+(?:also[ \u00a0]+|now[ \u00a0]+|has[ \u00a0]+)?(?:is|was|has|had|have|are|were|will|would|"
    r"says|said|calls|called|announced|reported|warned|urged|confirmed|denied|launched|added|claimed|"
    r"stated|released|published|estimates|estimated|found|funds|funded|supports|supported|wants|plans|"
    r"planned|argues|argued|recommends|recommended|told|issued)\b"
)

# Upper-case abbreviations of things, units and roles, never an actor alone ("TV", "GDP", "CEO").
NON_ACTOR_ACRONYMS: frozenset[str] = frozenset(
    """ai tv dna rna gdp gnp ceo cfo coo cto pm am hiv aids covid ok usb pc it pr hr vat ipo id gp vip phd
    mba suv ufo lgbt lgbtq lgbtqia ivf ptsd adhd mri ct icu er ev evs ar vr app apps faq diy asap rsvp
    atm pin sms gps led lcd hd uk us usa eu un mp mps qc kc md dds rn bbq ram rom cpu gpu ssd hdd cpm ctr roi
    kpi seo api url html pdf bmi iq ocd copd gmt utc est pst bst cet mph gb mb tb hdmi nft etf eps ebitda hq
    agm uv co bc ad ce vp svp evp""".split()
)

# Products named like organisations ("iOS", "Apple TV"): a name run equal to one of these is no actor.
PRODUCT_NAMES: frozenset[str] = frozenset(
    {
        *"""ios ipados watchos tvos macos android iphone iphones ipad ipads ipod ipods imac macbook macbooks airpods
        airplay airtag homepod carplay facetime imessage icloud magsafe windows xbox playstation kindle chromebook
        chromecast stadia chatgpt gmail photoshop""".split(),
        *(
            "apple tv",
            "apple watch",
            "apple music",
            "apple pay",
            "apple carplay",
            "google maps",
            "google play",
        ),
        *("google stadia", "mac os", "nintendo switch", "fire tv", "intel core"),
    }
)

# The words of a share or follow widget before a site's name ("Post to Facebook", "Share on X", "Follow us
# on Twitter"): the site is the widget's target, a product, and names no actor in the article.
# Widgets capitalise their labels; prose does not ("pledged to send to Ukraine", "share with Israel").
SHARE_WIDGET_TAIL_RE = (
    r"(?:^|\W)(?:(?:Post|Share|Pin|Bookmark|Save)(?:\s+(?:it|this|story|article))?\s+(?:to|on|via)"
    r"|(?:Follow|Like|Find|Join)\s+us\s+on)\s+$"
)

# After a name: a possessive and title-case words ("'s Top Dentists"); before a closing quote and
# after an opening one, the shape of a work's, list's or award's title ("'Houston's Top Dentists'").
QUOTED_TITLE_TAIL_RE = r"^(['’]s(?:[ \u00a0][A-Z0-9][\w'’&-]*)+)"

# Legal forms written after a company's name ("Acme Medical Group, Inc.", "Nvidia Corp", "Siemens AG"),
# as regular-expression alternatives and as lower-case words.
_LEGAL_FORM = (
    r"(?:Inc\.|Inc\b|Corp\.|Corp\b|Co\.|Ltd\.|Ltd\b|LLC\b|L\.L\.C\.|plc\b|PLC\b|GmbH\b|LLP\b|S\.A\.|N\.V\.|"
    r"Corporation\b|Limited\b)"
)
LEGAL_FORMS: frozenset[str] = frozenset(
    "inc inc. corp corp. co. ltd ltd. llc l.l.c. plc gmbh llp s.a. n.v. corporation limited ag".split()
)
# After a comma, a legal form ends an unknown name ("Acme Medical Group, Inc.").
LEGAL_SUFFIX_RE = r"^,[ \u00a0]" + _LEGAL_FORM
# One or two after a name ("Samsung Electronics Co. Ltd"); "AG" only without a comma, where it is rather
# an attorney general ("against Google, AG Ken Paxton said").
LEGAL_TAIL_RE = r"^(?:,?[ \u00a0]" + _LEGAL_FORM + r"|[ \u00a0]AG\b){1,2}"
LEGAL_TAIL_END_RE = LEGAL_TAIL_RE.removeprefix("^") + "$"

# Government bodies that a country names ("Russian Defence Ministry", "Iran's Foreign Ministry", "Ministry
# of Foreign Affairs of Armenia") are that country's own: a ministry by its topic, or one of these.
GOVERNMENT_BODY_KINDS: dict[str, str] = {
    "foreign office": "foreign-ministry",
    "home office": "interior-ministry",
    "armed forces": "armed-forces",
    "military": "armed-forces",
    "defence forces": "armed-forces",
    "defense forces": "armed-forces",
    "army": "army",
    "navy": "navy",
    "air force": "air-force",
    "national guard": "national-guard",
    "coast guard": "coast-guard",
    "border guard": "border-guard",
    "border service": "border-guard",
    "police": "police",
    "embassy": "embassy",
    "consulate": "consulate",
    "parliament": "parliament",
    "national assembly": "parliament",
    "congress": "congress",
    "senate": "senate",
    "supreme court": "supreme-court",
    "constitutional court": "constitutional-court",
    "electoral commission": "electoral-commission",
    "federal police": "police",
    "national police": "police",
    "central bank": "central-bank",
    "security service": "security-service",
    "intelligence service": "intelligence-service",
}
# A ministry's topic words, as many news styles write them, to one topic ("Defense" = "Defence").
MINISTRY_TOPIC_SYNONYMS: dict[str, str] = {
    "defense": "defence",
    "national defence": "defence",
    "national defense": "defence",
    "foreign affairs": "foreign",
    "external affairs": "foreign",
    "internal affairs": "interior",
    "home affairs": "interior",
    "the interior": "interior",
    "home": "interior",
}
# Names of the kinds whose English name is not the title-cased kind or "Ministry of <Topic>".
GOVERNMENT_BODY_NAMES: dict[str, str] = {
    "defence-ministry": "Ministry of Defence",
    "foreign-ministry": "Ministry of Foreign Affairs",
    "interior-ministry": "Ministry of the Interior",
}
# CAMEO roles of the kinds that are not GOV.
GOVERNMENT_BODY_ROLES: dict[str, str] = {
    "defence-ministry": "MIL",
    "armed-forces": "MIL",
    "army": "MIL",
    "navy": "MIL",
    "air-force": "MIL",
    "national-guard": "MIL",
    "coast-guard": "MIL",
    "border-guard": "COP",
    "police": "COP",
    "parliament": "LEG",
    "congress": "LEG",
    "senate": "LEG",
    "supreme-court": "JUD",
    "constitutional-court": "JUD",
    "security-service": "SPY",
    "intelligence-service": "SPY",
}
# Curated actors that a generated body id names ("British Ministry of Defence" is the curated MoD).
CURATED_GOVERNMENT_BODIES: dict[str, str] = {
    "gov:gbr-defence-ministry": "gov:gbr-mod",
    "gov:gbr-foreign-ministry": "gov:gbr-foreign-office",
    "gov:gbr-interior-ministry": "gov:gbr-home-office",
    "gov:usa-defence-ministry": "gov:usa-defense-department",
    "gov:usa-foreign-ministry": "gov:usa-state-department",
    "gov:usa-justice-ministry": "gov:usa-justice-department",
    "gov:isr-armed-forces": "gov:isr-idf",
    "gov:isr-army": "gov:isr-idf",
    "gov:chn-armed-forces": "gov:chn-pla",
    "gov:chn-army": "gov:chn-pla",
    "gov:usa-treasury-ministry": "gov:usa-treasury",
    "gov:usa-finance-ministry": "gov:usa-treasury",
    "gov:usa-parliament": "gov:usa-congress",
    "gov:usa-central-bank": "gov:usa-federal-reserve",
    "gov:gbr-central-bank": "gov:gbr-bank-of-england",
    "gov:gbr-security-service": "gov:gbr-mi5",
    "gov:gbr-intelligence-service": "gov:gbr-mi6",
    "gov:jpn-central-bank": "gov:jpn-boj",
    "gov:chn-central-bank": "gov:chn-pboc",
    "gov:ind-central-bank": "gov:ind-rbi",
    "gov:aus-central-bank": "gov:aus-rba",
    "gov:can-central-bank": "gov:can-boc",
    "gov:deu-central-bank": "gov:deu-bundesbank",
    "gov:deu-parliament": "gov:deu-bundestag",
    "gov:isr-parliament": "gov:isr-knesset",
    "gov:isr-security-service": "gov:isr-shin-bet",
    "gov:isr-intelligence-service": "gov:isr-mossad",
    "gov:ukr-parliament": "gov:ukr-rada",
    "gov:rus-security-service": "gov:rus-fsb",
}
# A lower-case government body after a demonym or a country's possessive ("the Russian defence ministry",
# "China's foreign ministry"): the possessive, if any, and the body's words.
LOWER_BODY_RE = (
    r"^(?P<possessive>['’]s)?[ \u00a0](?P<body_words>(?:(?:foreign|defen[cs]e|interior|home|health|finance|"
    r"economy|justice|emergencies|emergency situations|agriculture|energy|education|trade|culture|transport) "
    r"ministry|ministry of (?:foreign affairs|defen[cs]e|the interior|interior|health|finance|justice)|"
    r"foreign office|armed forces|central bank|parliament|embassy|security service|intelligence service|"
    r"coast guard|border guard|national guard|air force|army|military|navy))\b(?:[ \u00a0](?P<next_word>[\w'’-]+))?"
)
# Body words that are adjectives too ("military operation") or open idioms ("army knife").
NOUN_OR_ADJECTIVE_BODIES: frozenset[str] = frozenset({"military", "army", "navy"})
# Words after "military", "army" or "navy" that leave it a noun ("Iran's military said"); before others it is
# an adjective or part of an idiom ("Azerbaijan's military operation", "Swiss army knife") and names nothing.
MILITARY_NOUN_FOLLOWERS: frozenset[str] = frozenset(
    """said says has had have is was were will would could can did does and or but on in at to for with
    which that who also""".split()
)
# Lower-case words after a demonym that make it the country's armed forces ("Turkish troops").
# ("Turkish army" is LOWER_BODY_RE's, which tells the noun from the adjective: "Swiss army knife").
MILITARY_NOUNS: dict[str, str] = {
    "troops": "armed-forces",
    "forces": "armed-forces",
    "soldiers": "armed-forces",
    "warplanes": "air-force",
}

# Countries named like a US state, and the state's place id ("Georgia").
US_STATE_HOMONYMS: dict[str, str] = {"cty:GEO": "loc:georgia"}
# US states named like their country's capital: the state's id says "state" (`loc:washington` is the city).
CAPITAL_NAMED_US_STATES: frozenset[str] = frozenset({"Washington"})
# What follows a US state's name and no country's: its offices and voters ("Georgia Gov. Brian Kemp").
US_STATE_OFFICE_RE = (
    r"^(?:['’]s)?[ \u00a0]+(?:Gov\.|Lt\. Gov\.|Sen\.|Rep\.|(?:Governor|(?:Republican |Democratic )?governor|"
    r"state (?:senator|legislature|house|senate)|"
    r"Secretary of State|Attorney General|National Guard|General Assembly|voters|Democrats|Republicans|"
    r"Bulldogs|Tech|Power|Public Broadcasting)\b)"
)
# What follows a country's name and no US state's: its national offices ("Georgia's prime minister").
NATIONAL_OFFICE_RE = (
    r"^(?:['’]s)?[ \u00a0]+(?:(?i:prime minister|president|parliament|foreign minister|foreign ministry|"
    r"government|ruling party|opposition|ambassador|embassy|army|armed forces|capital))\b"
)

# A capital that news uses for an international organisation seated there, where the article names it:
# "Brussels now faces a choice" in news about the EU is the EU, not Belgium's government. The first id is
# what the capital becomes; any of them named in the article counts as naming the organisation. Not before
# the city's own institutions ("Brussels police", "a Brussels court"): those are the country's.
LOCAL_INSTITUTIONS_AFTER_RE = r"^[ \u00a0]+(?:police|prosecutors?|courts?|judges?|magistrates?)\b"
SEATED_ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "gov:BEL": ("igo:eu", "igo:european-commission", "igo:european-council", "igo:european-parliament"),
}
