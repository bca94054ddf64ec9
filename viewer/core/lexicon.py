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
