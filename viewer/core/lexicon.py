"""Words of English news defined once: forms of address, calendar words, speech verbs.

Quotes (attribution, names) and entities (cleaning) read the same lists, so that what one
treats as a title, a month or a verb of saying the other does too.
"""

from __future__ import annotations


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

# Lower-case nouns that name a role or an occupation: "Defense Ministry spokesman Igor
# Konashenkov". Quotes read them as roles; entities strip one that opens a name ("Headliner
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
    fisherman skipper harbourmaster ranger warden"""
)
MONTHS = word_set("January February March April May June July August September October November December")
WEEKDAYS = word_set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
# Lower-case month and day names: never a person, never a speaker.
CALENDAR_WORDS = frozenset(w.lower() for w in MONTHS | WEEKDAYS)

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


def reporting_lemma(word: str) -> str | None:
    """The base form of ``word`` when it is a form of a verb of saying or writing
    ("warned" -> "warn", "replies" -> "reply", "admitting" -> "admit"), else ``None``."""
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
