"""Words of English news defined once: forms of address, calendar words, speech verbs.

Quotes (attribution, names) and entities (cleaning) read the same lists, so that what one
treats as a title, a month or a verb of saying the other does too.
"""

from __future__ import annotations

import functools
import re


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (long lists read better so)."""
    return frozenset(words.split())


# Forms of address before a name, with the gender they imply ("" for none).
HONORIFICS = {
    "Mr": "m",
    "Mr.": "m",
    "Mrs": "f",
    "Mrs.": "f",
    "Ms": "f",
    "Ms.": "f",
    "Miss": "f",
    "Mx": "",
    "Mx.": "",
    "Sir": "m",
    "Dame": "f",
    "Lord": "m",
    "Lady": "f",
    "Madam": "f",
    "Mme": "f",
    "M.": "m",
}

# Nouns of a role that say who the person is, man or woman ("the daughter of ...", "actress
# Ana Lind"): as the role a person is given, they tell "he" from "she" as an honorific does.
GENDERED_ROLES = {
    **dict.fromkeys(
        word_set(
            """daughter mother wife sister widow grandmother granddaughter aunt niece girlfriend
            fiancee actress chairwoman spokeswoman businesswoman congresswoman councilwoman
            policewoman sportswoman assemblywoman alderwoman selectwoman waitress princess queen
            duchess countess baroness woman girl mum mom stepmother stepdaughter"""
        ),
        "f",
    ),
    **dict.fromkeys(
        word_set(
            """son father husband brother widower grandfather grandson uncle nephew boyfriend
            fiance businessman congressman councilman policeman sportsman assemblyman alderman
            selectman prince king duke count baron man boy dad stepfather stepson"""
        ),
        "m",
    ),
}

# Lower-case nouns that name a role or an occupation: "Harbour Board spokeswoman Petra
# Lindqvist". Quotes read them as roles; entities strip one that opens a name ("Headliner
# Rosa Quint" is Rosa Quint).
ROLE_NOUNS = word_set(
    """spokesman spokeswoman spokesperson minister president director chief secretary leader
    chairman chairwoman chair ceo founder co-founder professor lawyer attorney analyst economist
    researcher official officer head manager coordinator executive owner mayor premier senator
    councillor councilor commissioner superintendent sergeant constable adviser advisor strategist
    candidate mp mpp mla general governor ambassador editor reporter correspondent author scientist
    doctor physician nurse teacher principal coach player captain student expert pollster activist
    organizer organiser vice-president director-general secretary-general prosecutor judge
    lieutenant colonel detective inspector agent representative deputy treasurer member partner
    consultant specialist historian engineer writer artist musician singer actor actress producer
    chef farmer worker mother father wife husband son daughter sister brother friend neighbour
    neighbor victim survivor witness elder president-elect strategist lobbyist pastor priest
    rabbi imam bishop chancellor dean administrator inspector-general investigator psychologist
    psychiatrist surgeon epidemiologist ceo co-chair vice-chair cofounder partner trustee
    councilwoman councilman congressman congresswoman senator-elect auditor ombudsman regulator
    diplomat envoy negotiator organizer campaigner advocate teacher farmer driver banker voter
    supporter fan customer shopper trader rider runner officer dealer buyer seller resident
    volunteer owner landlord tenant parent grandmother grandfather uncle aunt cousin citizen
    businessman businesswoman entrepreneur economist lecturer manager employee staffer aide
    veteran soldier pilot firefighter paramedic guard host co-host presenter anchor commentator critic
    spokesperson official fellow headliner performer guitarist drummer bassist pianist violinist
    composer conductor dancer comedian librarian curator archivist clerk cashier chemist
    pharmacist dentist vet veterinarian midwife carer caretaker janitor
    fisherman skipper harbourmaster ranger warden dj rapper frontman frontwoman vocalist songwriter
    broadcaster keyboardist assemblyman assemblywoman assemblymember alderman alderwoman lawmaker
    legislator selectman selectwoman"""
)
MONTHS = word_set("January February March April May June July August September October November December")
WEEKDAYS = word_set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
# Lower-case month and day names: never a person, never a speaker.
CALENDAR_WORDS = frozenset(w.lower() for w in MONTHS | WEEKDAYS)
# Time zones news gives a time in ("10:00 GMT"): a time, never an organisation.
TIME_ZONES = word_set(
    "GMT UTC BST CET CEST EET EEST WET IST JST KST HKT SGT AEST AEDT EST EDT CST CDT MST MDT PST PDT"
)

# Verbs (and their forms) that attribute words to a speaker.
SPEECH_VERBS = word_set(
    """said says say saying told tells telling added adds adding wrote writes writing
tweeted tweets posted posts warned warns warning explained explains explaining noted notes noting
stated states asked asks asking continued continues argued argues arguing insisted insists
claimed claims claiming replied replies responded responds recalled recalls recalling
acknowledged acknowledges admitted admits announced announces commented comments declared
declares emphasized emphasised emphasizes emphasises stressed stresses suggested suggests urged
urges conceded concedes countered counters cautioned cautions remarked remarks observed observes
agreed agrees confirmed confirms predicted predicts joked jokes laughed shouted yelled whispered
exclaimed reported reports testified testifies concluded concludes boasted boasts complained
complains lamented laments mused muses quipped quips retorted vowed vows promised promises
pledged pledges wondered wonders recounted recounts alleged alleges charged charges contended
contends maintained maintains reiterated reiterates elaborated explained answered answers
mentioned mentions described describes wrote chimed thundered scoffed sighed pleaded begged
demanded demands announced insisted texted emailed messaged told read reads repeated chanted
cried screamed muttered murmured recited opined opines interjected interjects barked snapped fumed
griped groused gushed marveled marvelled"""
)


#: The kind of thing each spaCy entity label names, as people say it: labels of one kind may be
#: one speaker or one entity (a label not listed is its own kind).
#: The kind of thing a recogniser's label names: a person, a body (an organisation or a
#: brand), a place, an event, a work. Two labels of one kind do not disagree about a name
#: ("ORG" and "PRODUCT" for a brand); a label of no kind here is its own kind ("NORP", "LAW").
LABEL_KINDS = {
    "PERSON": "person",
    "ORG": "body",
    "PRODUCT": "body",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
    "WORK_OF_ART": "work",
}

ENTITY_KINDS = {
    "PERSON": "person",
    "PER": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}

# Nouns and verbs that introduce the title of a work: 'the song "Harbour Lights"', 'sang
# "Harbour Lights"', '"Harbour Lights", her best-known song'.
WORK_WORDS = word_set(
    """song songs single album track hit ballad anthem tune record show shows series sitcom drama
    programme program episode film films movie documentary book books novel memoir play musical
    opera poem column podcast painting sculpture exhibition titled entitled called sang sing sings
    singing performed performs recorded records released releases starred stars starring watched
    watch aired airs hosted hosts"""
)


# Verbs of saying and writing by their base form: what may report a statement in the reporter's
# own words ("She warned that ...", "..., he added"). Left out: verbs of thinking and wanting
# (believe, hope, want, plan: a belief or a plan, not a statement); verbs that mostly take a
# topic, a plan or an action (speak about, propose a plan, threaten to, demand, continue to);
# and "deny", whose clause is the opposite of what was said.
REPORTING_LEMMAS = word_set(
    """say tell add write tweet post warn explain note state ask argue insist claim reply
    respond recall acknowledge admit announce comment declare emphasize emphasise stress suggest
    urge concede counter caution remark observe agree confirm predict joke report testify conclude
    boast brag complain lament quip retort vow promise pledge recount allege charge contend
    maintain reiterate repeat answer mention describe call accuse reveal indicate assert estimate
    point disclose affirm proclaim assure inform advise remind text email blog brief concur
    forecast grumble hint insinuate pronounce relate reassure specify swear underline underscore"""
)
# Words that open a question or a relative clause: what follows is no clause said ("explained
# how"), and no role starts with one ("in what host Ana Lind called ...").
QUESTION_WORDS = word_set("how why what whether if when where who which whom whose")
# Words that open a subordinate clause ("When the nurse returned, ...", "Although Brennan has
# said ..."): what stands in it is background to the main clause.
SUBORDINATORS = word_set("when while whereas although though because since if unless until once before")
# Pronouns that open a relative clause as its subject or object ("the pier, which she said ...").
RELATIVE_PRONOUNS = word_set("who whom which that")
# Words before a noun that say whose or which it is, not what it is ("the", "his", "one", "two").
DETERMINERS = word_set(
    "the a an his her their its our one another this that these those some several two three"
)
# Words that open a description of someone new ("a source", "another official", "two aides").
NEW_REFERENT = word_set("a an another other one some several many two three four")
# Verbs that name a thing in the speaker's own words: "called the plan "a disaster"",
# "described the vote as "a farce"".
NAMING_VERBS = frozenset({"call", "describe"})
# Verbs of saying whose object is who was spoken to ("told the BBC", "assured the committee");
# in the passive their subject heard it ("staff were told that ...").
LISTENER_VERBS = word_set("tell ask inform advise remind urge brief assure reassure warn")
# Forms of "be": a passive's auxiliary ("was said to be"), or the verb an infinitive of saying
# completes ("is to announce").
BE_FORMS = word_set("be is was are were been being am 's ’s 're ’re")
# Irregular forms of the verbs above (the regular ones are found by their endings).
_IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "swore": "swear",
    "sworn": "swear",
    "forecast": "forecast",
}


@functools.lru_cache(maxsize=32768)
def reporting_lemma(word: str) -> str | None:
    """The base form of ``word`` when it is a form of a verb of saying or writing
    ("warned" -> "warn", "replies" -> "reply", "admitting" -> "admit"), else ``None``.
    Remembered per word: every word of every sentence that may report is asked about."""
    w = word.lower()
    if w in REPORTING_LEMMAS:
        return w
    if _IRREGULAR.get(w) in REPORTING_LEMMAS:
        return _IRREGULAR[w]
    for ending, replacements in _ENDINGS:
        if w.endswith(ending) and len(w) > len(ending) + 1:
            stem = w[: -len(ending)]
            for extra in replacements:
                candidate = stem + extra
                if candidate in REPORTING_LEMMAS:
                    return candidate
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in REPORTING_LEMMAS:
                return stem[:-1]  # "admitted", "committing"
    return None


def inflected_reporting(word: str) -> bool:
    """``word`` is an inflected form of a verb of saying ("said", "warns", "Adds"): a verb, where
    the bare form may be a noun or a name ("a comment that Scheer found", "Say Yes Studios")."""
    lower = word.lower()
    lemma = reporting_lemma(lower)
    return lemma is not None and lemma != lower


_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")


def glued_words(word: str) -> bool:
    """``word`` is several words run together without spaces, as a page's buttons are when a
    scraper drops the gaps ("CarterFlagShareLikeReplySara"): four or more places where a small
    letter meets a capital. A name has fewer ("McDonald", "GlaxoSmithKline", "OptInRealBig")."""
    return len(_INNER_CAPITAL.findall(word)) >= 4


def headline_cue(word: str) -> bool:
    """A verb of saying as a headline writes it, capitalised in the present ("Says", "Tells",
    "Warns"), which ends the name before it ("Obama Says African-American Museum ..."); not
    "Said", which is also a name (Edward Said), nor "States"."""
    if not (word[:1].isupper() and word[1:].islower() and word.endswith("s")) or word == "States":
        return False
    return inflected_reporting(word)


# Endings of regular forms, and what may have stood before them in the base form.
_ENDINGS = (
    ("ies", ("y",)),
    ("ied", ("y",)),
    ("ing", ("", "e")),
    ("es", ("", "e")),
    ("ed", ("", "e")),
    ("s", ("",)),
    ("d", ("",)),
)


# --- Entities (viewer.core.entities): the words around and inside names ------------------------
# Kept together, apart from the quotes' tables above, so that each side's additions merge
# easily. All lower case.

# Forms of address and titles that stand before a person's name but are not part of it.
NAME_TITLES = word_set(
    """mr mr. mrs mrs. ms ms. mx mx. miss dr dr. prof prof. sir dame lord lady president prime
    minister general gen gen. sen sen. senator rep rep. judge justice king queen prince princess
    pope chancellor governor gov gov. mayor coach captain capt capt."""
)
# Forms of address and titles that only stand before a person's name ("Councillor Ines Varga"
# is a person whatever the recogniser said).
ADDRESS_FORMS = word_set(
    """mr mr. mrs mrs. ms ms. miss dr dr. mx mx. councillor councilman councilwoman councilor
    senator congressman congresswoman assemblyman assemblywoman assemblymember alderman
    alderwoman professor detective inspector sergeant sgt sgt. constable
    ambassador archbishop bishop rabbi imam reverend rev rev."""
)
# Short words written with a full stop that does not end a sentence.
STOP_ABBREVIATIONS = word_set(
    """mr mrs ms mx dr st jr sr inc co corp ltd gen lt col sgt capt mt ft no prof rev gov sen rep
    bros vs ave"""
)
# Words that label a picture or a page element; alone they are never a name.
PAGE_WORDS = word_set(
    """image images photo photos picture pictures video videos file credit credits caption source
    handout graphic illustration watch listen read advertisement related more update updated pool"""
)
# Words that mark a photo credit as coming from an organisation rather than a person.
CREDIT_ORG_WORDS = word_set(
    """images image photo photos press news agency service services forces ministry office
    department media pictures archive archives library museum university getty reuters afp ap epa
    upi ani pa shutterstock alamy facebook twitter instagram youtube telegram wikimedia commons
    pool handout army police government tass xinhua gazette times post network studio studios
    foundation inc ltd wire newswire syndication collective company group magazine newspaper
    daily herald tribune journal chronicle telegraph courier bureau trust council institute
    society club association centre center college school hospital agencies co llc corp stock
    collection"""
)
# Lower-case words that may stand inside a name ("Bank of England", "Ludwig van Beethoven").
NAME_PARTICLES = word_set(
    """of the and for on upon in & de del della der den van von da di du des la le les al el bin
    ibn y e dos das do ten ter zu ul st st."""
)
# Short words an acronym skips ("BoE" is the Bank of England).
ACRONYM_MINOR_WORDS = word_set("of the and for & in on at to de du la des")


def is_acronym(word: str) -> bool:
    """``word`` is written as an acronym: two to six capital letters ("WSJ", "PBO", "UN"), or
    capitals with a small letter for a short word between them ("BoE")."""
    if not (2 <= len(word) <= 6 and word.isalpha() and word[0].isupper() and word[-1].isupper()):
        return False
    return sum(c.isupper() for c in word) >= max(2, len(word) - 1)


def spells(acronym: str, name: str) -> bool:
    """``acronym`` is the initials of ``name``: "WSJ" of "Wall Street Journal"; one with small
    letters for its short words, "BoE" of "Bank of England"."""
    if acronym.isupper():
        return initials(name) == acronym
    words = name.split()
    return len(words) == len(acronym) and all(
        w[0] == c if c.isupper() else (w[0] == c and w.lower() in ACRONYM_MINOR_WORDS)
        for w, c in zip(words, acronym, strict=True)
    )


def initials(name: str) -> str:
    """The acronym a name of several words is shortened to: the initials of its capitalised
    words, short words left out ("Wall Street Journal" -> "WSJ", "Bank of England" -> "BE")."""
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() not in ACRONYM_MINOR_WORDS)


# Prepositions after which a name is a place ("owners in Montclair").
PLACE_PREPOSITIONS = word_set("in near outside inside across throughout")
# Words that end the name of a law, a treaty or an agreement: never a person or a body.
LAW_HEADS = word_set(
    """law laws act treaty convention charter accord accords protocol code constitution bill
    amendment directive regulation regulations"""
)


# --- Entities: the evidence of what a name names (viewer.core.entities.evidence) -----------------
# Habits of English news around a name: the words that stand before, after or inside a
# company's, a place's or a person's name. Each table is a kind of word, never a name.

# Words that end a company's legal name ("Acme Holdings plc", "Harbour Tools GmbH").
COMPANY_SUFFIXES = word_set(
    """inc inc. incorporated ltd ltd. limited plc gmbh llc llp corp corp. corporation co co. ag
    sa s.a. nv n.v. bv b.v. spa s.p.a. ab asa oyj pty"""
)
# Last words of an organisation's name ("Harbour Trust", "Northgate Brewery").
ORGANISATION_HEADS = word_set(
    """international association society institute university college school academy foundation
    trust council committee commission agency authority brewery distillery airlines airways
    motors industries partners capital ventures technologies systems laboratories labs
    pharmaceuticals entertainment studios publishing holdings group company corporation ministry
    department police army navy services solutions network party league news
    hospital clinic charity coalition alliance consortium"""
)
# Last words of the name of a place or a building ("King Edward Station", "Mill Square").
PLACE_HEADS = word_set(
    """station square street avenue road boulevard highway freeway bridge airport stadium arena
    centre center mall plaza cemetery tower cathedral palace harbour harbor pier tunnel canal
    township county province village district"""
)
# Last words of the name of an event ("Harbour Invitational", "Northgate Open").
EVENT_HEADS = word_set(
    """invitational open championship championships tournament cup games classic marathon
    festival awards summit conference olympics"""
)
# Nouns for a work, before its title in an apposition ("her new cookbook, Harbour Suppers").
WORK_NOUNS = word_set(
    """book novel memoir cookbook biography autobiography album song single film movie
    documentary play musical series show podcast painting exhibition"""
)
# Nouns that describe an organisation, before its name ("drinks firm Allied Harbour") or in an
# apposition after it ("Harbour Trust, a charity that ..."). Not the nouns a person may be too
# ("broadcaster", "publisher", "brewer", "carrier", "maker"), nor adjectives ("giant"), nor
# nouns used of anything ("the society Europe has built", "the business she built").
ORGANISATION_NOUNS = word_set(
    """firm firms company companies group groups retailer retailers bank banks lender insurer
    carmaker automaker manufacturer manufacturers brand brands chain chains airline airlines
    agency agencies charity charities organisation organization organisations organizations
    startup start-up conglomerate supermarket supermarkets brewery breweries distillery
    distilleries subsidiary outfit label studio studios newspaper magazine website platform
    exchange partnership union federation association institute university college school
    hospital council committee ministry department regulator watchdog nonprofit non-profit ngo
    coalition alliance consortium cooperative co-op utility insurer insurers telecom
    conglomerates"""
)
# Two-word descriptions of a firm whose second word alone could be a person's role.
# An industry's "giant" is a company ("oil giant Harbour Petroleum"); a giant alone may be a
# person ("jazz giant").
_INDUSTRIES = word_set(
    """oil energy gas tech technology software internet media retail banking drinks food
    pharmaceutical pharmaceuticals pharma drugs mining steel chemicals chemical telecoms telecom
    car auto insurance airline chip chipmaker search e-commerce entertainment engineering
    electronics fashion tobacco beverage shipping logistics"""
)
ORGANISATION_PHRASES = frozenset(
    {("market", "leader"), ("industry", "leader"), ("sector", "leader"), ("oil", "major")}
    | {(industry, "giant") for industry in _INDUSTRIES}
)
# Nouns that describe a place ("the town of", "Harbourtown, a fishing village").
PLACE_NOUNS = word_set(
    """city cities town towns village villages province provinces state country countries nation
    island islands region regions area district county municipality neighbourhood neighborhood
    suburb suburbs capital port coast volcano river lake valley riding constituency hamlet resort
    peninsula archipelago borough"""
)
# Role nouns that an organisation can hold too ("the owner of", "a member of", "a leader in"):
# not evidence of a person.
SHARED_ROLE_NOUNS = word_set(
    """owner owners partner member host leader head buyer seller dealer trader regulator producer
    supporter investor advocate critic fan customer operator agent rider runner voter chair
    representative player"""
)
# Goods a brand's name stands before ("Harbour Gold rum", "Zephyr phones").
GOODS_NOUNS = word_set(
    """vodka whisky whiskey scotch rum gin brandy cognac wine wines beer beers lager ale cider
    champagne liqueur cola soda juice coffee tea cereal chocolate chocolates biscuits cookies
    crisps snacks sweets candy doughnuts donuts burgers pizza cigarettes perfume cosmetics shampoo
    phone phones handset handsets smartphone smartphones laptop laptops tablet tablets computer
    computers console consoles software app apps browser car cars vehicle vehicles truck trucks
    suv jet jets aircraft airliner airliners engine engines tyres tires trainers sneakers jeans
    drug drugs vaccine vaccines pills"""
)
# Lower-case words after a company's name that are its own ("Harbour shares", "Zephyr stores").
COMPANY_NOUNS_AFTER = word_set(
    """shares stock stores store shops outlets restaurants chain brand brands products pipeline
    shareholders executives employees boss bosses chairman subsidiary headquarters factory
    factories plant plants profits profit sales revenue revenues earnings"""
)
# Lower-case words after a team's or a club's name that are its own ("Harbour captain Lee
# Marsh", "the Northgate side").
TEAM_NOUNS_AFTER = word_set(
    """captain skipper striker goalkeeper midfielder defender batsman bowler players squad side"""
)
# Pronouns for a group or a team ("Northgate ... their first title").
GROUP_PRONOUNS = word_set("their they them")
# What only a company has, after its name and "'s" ("Zephyr's shares", "Acme's chief executive").
# Not "shares", "stock" or "earnings": a person holds and earns them too ("Neumann's shares").
COMPANY_POSSESSIONS = word_set(
    """board shareholders investors customers subscribers employees workforce headquarters
    subsidiary subsidiaries factory factories plant plants stores brands products profits profit
    sales revenue revenues output founder co-founder chairman ceo"""
)
# Two-word possessions of a company ("Acme's chief executive").
COMPANY_POSSESSION_PHRASES = frozenset(
    {("chief", "executive"), ("chief", "financial"), ("chief", "operating"), ("market", "share")}
)
# A person's family: "Lind's wife", "Spindler's father, Joseph,".
RELATIVES = word_set(
    """wife husband son sons daughter daughters mother father brother sister parents children
    widow widower girlfriend boyfriend fiancee fiance grandson granddaughter"""
)
# What only a person has, after the name and "'s" ("Lind's wife").
PERSON_POSSESSIONS = RELATIVES | word_set("career funeral birthday")
_RELATIVE_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]*)['’]s?\s+([a-z]+)\s*,\s*$")


def relative_of(left: str) -> str | None:
    """Whose relative a first name right after ``left`` is, when news gives it so ("Spindler's
    father, " -> "Spindler"): one who, as a rule, shares that surname."""
    m = _RELATIVE_BEFORE.search(left)
    return m.group(1) if m is not None and m.group(2) in RELATIVES else None


# What only a place has ("Harbourtown's coast", "its mayor").
PLACE_POSSESSIONS = word_set(
    """coast coastline capital population residents citizens shores provinces regions islands
    mayor"""
)
# Lower-case words after a place's name that belong to it ("the Harbourtown area").
PLACE_NOUNS_AFTER = word_set(
    """area areas region regions riding district county volcano coast coastline border residents mayor
    neighbourhood neighborhood suburb suburbs cemetery mall"""
)
# Lower-case nouns after a name that make it a natural feature's: "the Vell river", "the
# Carrow valley" (a place written with its kind, not an organisation).
NATURE_NOUNS_AFTER = word_set(
    """river lake valley creek bay island islands peninsula mountain mountains hills glacier estuary
    delta strait canal gorge"""
)
# Words before a name that make it a company's: "shares in", "a takeover of", "to buy".
COMPANY_BEFORE = word_set("""buy bought buying acquire acquired acquiring""")
COMPANY_BEFORE_IN = word_set("shares stake stakes")
COMPANY_BEFORE_OF = word_set("takeover acquisition shareholders employees")
# Words that introduce the members of a list after its kind ("brands including ...").
LIST_OPENERS = (("such", "as"), ("including",), ("include",), ("includes",), ("like",), ("among", "them"))
# Pronouns that refer back to a name: a thing's, a person's.
THING_PRONOUNS = word_set("its itself")
# "it" ends the search: as often about nothing ("make it clear") as about the name.
WEAK_THING_PRONOUNS = word_set("it")
PERSON_PRONOUNS = word_set("he she his him himself herself")
# Two-word goods ("Harbour ice cream").
GOODS_PHRASES = frozenset({("ice", "cream"), ("soft", "drinks"), ("energy", "drinks"), ("single", "malt")})
# Two-word places a name stands before ("the Northgate shopping centre").
PLACE_PHRASES_AFTER = frozenset({("shopping", "centre"), ("shopping", "center"), ("shopping", "mall")})
# Words of direction or size between a place's "'s" and what it has ("Java's west coast").
COMPASS_WORDS = word_set("north south east west northern southern eastern western central main")


def without_possessive(token: str) -> str:
    """A token without a possessive ending ("Nair's" is "Nair", "Jones'" is "Jones")."""
    for suffix in ("’s", "'s", "’", "'"):
        if token.endswith(suffix) and len(token) > len(suffix):
            return token[: -len(suffix)]
    return token


def headline_case(text: str) -> bool:
    """Most longer words capitalised: a headline written in Title Case (or in capitals)."""
    long_words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) >= 4]
    if len(long_words) < 3:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised >= 0.8 * len(long_words)
