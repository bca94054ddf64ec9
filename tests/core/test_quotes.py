"""Quote finding and attribution on hand-written articles, one pattern per test."""

from __future__ import annotations

import pytest

from viewer.core.model import Article, Entity, Mention, Quote
from viewer.core.quotes import find_quotes


def article(*paragraphs: str, title: str = "A test article", standfirst: str | None = None) -> Article:
    return Article(
        path="test.txt", format="text", title=title, paragraphs=tuple(paragraphs), standfirst=standfirst
    )


def only(quotes: tuple[Quote, ...]) -> Quote:
    assert len(quotes) == 1, quotes
    return quotes[0]


def span_texts(art: Article, quote: Quote) -> list[str]:
    return [art.paragraphs[s.paragraph][s.start : s.end] for s in quote.spans]


# --- marks ---------------------------------------------------------------------------------


def test_straight_double_marks_with_speaker_after() -> None:
    art = article('Rosa Delgado runs the bakery. "We open at six," Delgado said.')
    quote = only(find_quotes(art))
    assert quote.text == "We open at six,"
    assert quote.speaker == "Rosa Delgado"
    assert quote.cue == "said"
    assert span_texts(art, quote) == ["We open at six,"]


def test_curly_marks_and_inverted_attribution() -> None:
    art = article("“The river rose overnight,” said Tomas Varga, who lives on the bank.")
    quote = only(find_quotes(art))
    assert quote.text == "The river rose overnight,"
    assert quote.speaker == "Tomas Varga"


def test_guillemets() -> None:
    art = article("«Nous restons ouverts tout l'été», a déclaré Claire Dubois.", "Dubois said more later.")
    quote = only(find_quotes(art))
    assert quote.text == "Nous restons ouverts tout l'été"


def test_uk_single_marks_are_quotes_but_apostrophes_are_not() -> None:
    art = article(
        "Aled Pryce, the harbour master, spoke at the quay.",
        "'We won't close the harbour, not for Kyiv's ships or anyone's,' Pryce said.",
        "Fans of rock 'n' roll from the '90s filled the town's pubs.",
    )
    quote = only(find_quotes(art))
    assert quote.text == "We won't close the harbour, not for Kyiv's ships or anyone's,"
    assert quote.speaker == "Aled Pryce"


def test_apostrophes_alone_make_no_quotes() -> None:
    art = article("It's the town's oldest shop and it won't close, say the '90s regulars.")
    assert find_quotes(art) == ()


def test_nested_quotes_stay_inside_the_outer_quote() -> None:
    art = article("\"My son told me, 'Dad, the water is coming,' and we ran,\" said Piet Claes.")
    quote = only(find_quotes(art))
    assert quote.text == "My son told me, 'Dad, the water is coming,' and we ran,"
    assert quote.speaker == "Piet Claes"


def test_doubled_single_marks_act_as_double_marks() -> None:
    art = article("''The plan is sound,'' said Amara Osei, an engineer.")
    quote = only(find_quotes(art))
    assert quote.text == "The plan is sound,"
    assert quote.speaker == "Amara Osei"


def test_quote_split_by_its_attribution_is_one_quote() -> None:
    art = article('"We tried everything," Lena Fisch said on Monday. "Nothing worked."')
    quote = only(find_quotes(art))
    assert quote.text == "We tried everything, Nothing worked."
    assert len(quote.spans) == 2
    assert span_texts(art, quote) == ["We tried everything,", "Nothing worked."]
    assert quote.speaker == "Lena Fisch"


def test_two_separate_quotes_with_a_new_sentence_between_stay_apart() -> None:
    art = article(
        'Mira Holm spoke first. She praised "the volunteers." She promised to meet them again. '
        '"I owe them a great deal," she said.'
    )
    texts = [q.text for q in find_quotes(art)]
    assert "I owe them a great deal," in texts
    assert all("volunteers" not in t or "owe" not in t for t in texts)


def test_quote_running_over_paragraphs_is_one_quote() -> None:
    art = article(
        "Dr. Ines Kaur described the night.",
        '"The first call came at two in the morning.',
        '"By four we had run out of beds.',
        '"By six the army had arrived," she said.',
    )
    quote = only(find_quotes(art))
    assert [s.paragraph for s in quote.spans] == [1, 2, 3]
    assert quote.text == (
        "The first call came at two in the morning. By four we had run out of beds. "
        "By six the army had arrived,"
    )
    assert quote.speaker == "Ines Kaur"


def test_unclosed_mark_stops_at_the_paragraph_end() -> None:
    art = article(
        'Jonas Berg said the plan was "dead on arrival and nobody will vote for it.',
        'Later he added: "We will try again next year."',
    )
    quotes = find_quotes(art)
    assert quotes[-1].text == "We will try again next year."
    assert all(s.paragraph == 0 for s in quotes[0].spans)


def test_stray_mark_does_not_swallow_the_article() -> None:
    art = article('The sign read 12" by 8 and hung by the door.', "Nothing else happened.", "The end.")
    for quote in find_quotes(art):
        assert all(s.paragraph == 0 for s in quote.spans)


def test_scare_quotes_and_titles_are_terms() -> None:
    art = article(
        'Critics called the plan a "cash grab" on Monday.',
        'The film "The Long Road Home" opens this week.',
    )
    assert find_quotes(art) == ()
    terms = find_quotes(art, with_terms=True)
    assert [q.text for q in terms] == ["cash grab", "The Long Road Home"]
    assert all(q.kind == "term" and q.speaker is None for q in terms)


def test_short_quote_with_a_speaker_is_not_a_term() -> None:
    art = article('"Never," said Ruth Adler.')
    quote = only(find_quotes(art))
    assert quote.kind == "direct"
    assert quote.speaker == "Ruth Adler"


# --- attribution patterns ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "cue"),
    [
        ('"The budget is final," Marta Sousa said.', "said"),
        ('"The budget is final," said Marta Sousa.', "said"),
        ('"The budget is final," Marta Sousa told reporters.', "told"),
        ('"The budget is final," Marta Sousa wrote on Twitter.', "wrote"),
        ('"The budget is final," Marta Sousa tweeted.', "tweeted"),
        ('"The budget is final," Marta Sousa added.', "added"),
        ('"The budget is final," Marta Sousa warned.', "warned"),
        ('Marta Sousa said: "The budget is final."', "said"),
        ('According to Marta Sousa, "the budget is final."', "according to"),
        ('"The budget is final," Marta Sousa, the finance minister, said.', "said"),
    ],
)
def test_attribution_patterns(paragraph: str, cue: str) -> None:
    quote = only(find_quotes(article(paragraph)))
    assert quote.speaker == "Marta Sousa"
    assert quote.cue == cue


def test_surname_resolves_to_the_full_name_given_earlier() -> None:
    art = article(
        "Health Minister Oskar Lindahl visited the ward.",
        '"We need more nurses," Lindahl said.',
    )
    quote = only(find_quotes(art))
    assert quote.speaker == "Oskar Lindahl"
    assert quote.role == "Health Minister"


def test_surname_resolves_through_title_and_standfirst() -> None:
    art = article(
        '"The border stays open," Varga said.',
        title="Minister says border stays open",
        standfirst="Interior Minister Bence Varga spoke after the summit.",
    )
    assert only(find_quotes(art)).speaker == "Bence Varga"


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ('"We will reopen in May," said Ex-minister Oskar Lindahl.', "Oskar Lindahl", "Ex-minister"),
        ('"We will reopen in May," said Co-founder Daniel Rees.', "Daniel Rees", "Co-founder"),
        ('"We will reopen in May," said Vice-president Daniel Rees.', "Daniel Rees", "Vice-president"),
        # a word that opens a clause before the role is the sentence's, not the role's
        (
            'Rees was out in what host Ana Lind called a close vote. "It was close," Lind said.',
            "Ana Lind",
            "host",
        ),
        (
            'Rees quoted a book that author Ana Lind wrote. "It was close," Lind said.',
            "Ana Lind",
            "author",
        ),
        # a verb of saying before the role is the sentence's, not the role's
        ('"We will reopen in May," says ferry executive Daniel Rees.', "Daniel Rees", "ferry executive"),
        ('"We will reopen in May," says executive Daniel Rees.', "Daniel Rees", "executive"),
        # ... but a bare form is a noun or an adjective of the role
        ('"We will reopen in May," said state prosecutor Daniel Rees.', "Daniel Rees", "state prosecutor"),
        # a role starts at its sentence
        (
            'Sales rose in January. Ferry analyst Daniel Rees of Harlow Bank was upbeat. "It is a good start," Rees said.',
            "Daniel Rees",
            "Ferry analyst",
        ),
        # ... or at its clause
        (
            'In a note on Tuesday, Harlow Bank analyst Daniel Rees was upbeat. "It is a good start," Rees said.',
            "Daniel Rees",
            "Harlow Bank analyst",
        ),
    ],
)
def test_a_role_before_the_name_is_the_role_as_written(text: str, speaker: str, role: str) -> None:
    quote = only(find_quotes(article(text)))
    assert (quote.speaker, quote.role) == (speaker, role)


def test_a_word_after_a_role_and_its_article_is_no_person_with_that_role() -> None:
    # "a veteran Republican strategist": "Republican" is no one the next "he" can be
    art = article(
        '"We lost the vote," said Daniel Rees, a veteran Republican strategist. Now, he added, "We will win the next."'
    )
    assert [q.speaker for q in find_quotes(art)] == ["Daniel Rees", "Daniel Rees"]


def test_role_before_the_name_is_exposed() -> None:
    art = article(
        'Port authority spokesman Daniel Rees said the cranes were safe. "We check them daily," Rees said.'
    )
    quote = only(find_quotes(art))
    assert quote.speaker == "Daniel Rees"
    assert quote.role == "Port authority spokesman"


def test_appositive_role() -> None:
    art = article('"Prices will rise," Nadia Petrova, chief economist at Harlow Bank, said.')
    quote = only(find_quotes(art))
    assert quote.speaker == "Nadia Petrova"
    assert quote.role == "chief economist at Harlow Bank"


def test_pronoun_resolves_to_the_last_person_spoken_of() -> None:
    art = article(
        "Greta Lund has coached the team for ten years.",
        '"This is my last season," she said.',
    )
    assert only(find_quotes(art)).speaker == "Greta Lund"


def test_pronoun_skips_a_name_in_its_own_sentence() -> None:
    art = article(
        "Victor Hale runs a shelter downtown.",
        'Asked what he would tell Mayor Ann Cole, he said: "Come and see us."',
    )
    assert only(find_quotes(art)).speaker == "Victor Hale"


def test_pronoun_follows_gender() -> None:
    art = article(
        "Maria Stone met Peter Quill after the match. She said he had played well.",
        "Peter Quill thanked her.",
        '"She is the best coach I have had," he said.',
        '"He earned it," she said.',
    )
    quotes = find_quotes(art)
    assert [q.speaker for q in quotes] == ["Peter Quill", "Maria Stone"]


def test_speaker_in_the_previous_sentence() -> None:
    art = article(
        "Eliza Mwangi said in an interview that the project was late.",
        '"We lost two months to the rain."',
    )
    assert only(find_quotes(art)).speaker == "Eliza Mwangi"


def test_chain_of_quotes_by_one_speaker() -> None:
    art = article(
        '"We start at dawn," said Ravi Shah, the site manager.',
        '"Nobody leaves before the concrete is set."',
        '"And nobody complains."',
    )
    assert [q.speaker for q in find_quotes(art)] == ["Ravi Shah"] * 3


def test_description_resolves_to_the_person_with_that_role() -> None:
    art = article(
        "Navy spokesman Arturo Bell confirmed the exercise.",
        '"The ships will return on Friday," the spokesman said.',
    )
    quote = only(find_quotes(art))
    assert quote.speaker == "Arturo Bell"


def test_statement_resolves_to_whoever_published_it() -> None:
    art = article(
        "A notice was published by the Northern Water Board on Tuesday.",
        '"Boil all tap water until further notice," said the statement.',
    )
    assert only(find_quotes(art)).speaker == "Northern Water Board"


def test_organisation_description_resolves_to_the_named_body() -> None:
    art = article(
        "Lakeside Transit Authority said the line would reopen.",
        '"We apologise for the delay," the authority said in a statement.',
    )
    assert only(find_quotes(art)).speaker == "Lakeside Transit Authority"


def test_namesakes_resolve_to_the_person_introduced_first() -> None:
    art = article(
        "Chef Dora Keller opened her first cafe in 1990.",
        "She married Samuel Keller, an engineer, in 1985.",
        '"I burned my first cake," Keller says.',
    )
    assert only(find_quotes(art)).speaker == "Dora Keller"


def test_entities_give_full_names_the_text_alone_does_not() -> None:
    art = article('"The bridge will be ready in May," Novak said.')
    entity = Entity("Irena Novak", "PERSON", ("Irena Novak", "Novak"), (Mention("paragraph", 0, 36, 41),))
    assert only(find_quotes(art)).speaker == "Novak"
    assert only(find_quotes(art, [entity])).speaker == "Irena Novak"


def test_no_speaker_when_nobody_is_named() -> None:
    art = article('The banner said "Welcome home, everyone, we missed you so much."')
    quote = only(find_quotes(art))
    assert quote.speaker is None


def test_empty_article_and_empty_marks() -> None:
    assert find_quotes(article()) == ()
    assert find_quotes(article('""', "“ ”")) == ()


def test_lone_mark_after_a_space_closes_the_quote() -> None:
    art = article("\"I was told to call it 'outreach,' \" said Nora Quist, a campaign aide.")
    quote = only(find_quotes(art))
    assert quote.text == "I was told to call it 'outreach,'"
    assert quote.speaker == "Nora Quist"


def test_honorific_keeps_a_name_that_is_also_a_month() -> None:
    art = article(
        "Prime Minister Theresa May lost the vote. Ms. May spoke to MPs afterwards.",
        '"I will not resign," she told MPs.',
    )
    assert only(find_quotes(art)).speaker == "Theresa May"


def test_show_title_in_the_attribution_is_a_term_and_keeps_the_quote_whole() -> None:
    art = article(
        '"We will win," Carl Ibsen said on Channel Nine\'s "Morning Desk." "Mark my words."',
    )
    quotes = find_quotes(art, with_terms=True)
    assert [(q.text, q.kind) for q in quotes] == [
        ("We will win, Mark my words.", "direct"),
        ("Morning Desk.", "term"),
    ]
    assert quotes[0].speaker == "Carl Ibsen"


def test_quotation_paragraph_after_a_sentence_about_someone() -> None:
    art = article(
        "Omar Haddad found a flat in October. On Oct. 1, he moved in with his cat.",
        '"It is warm and it is mine."',
    )
    assert only(find_quotes(art)).speaker == "Omar Haddad"


def test_noisy_entities_do_not_override_the_text() -> None:
    art = article(
        "Chef Lea Marchetti opened Marchetti's Bakery in 2001.",
        "Harbour City's Ivo Brandt scored twice.",
        '"I still burn the first loaf," Marchetti says.',
        '"We were lucky," Brandt said.',
    )
    noisy = [
        Entity("Marchetti's Bakery", "ORG", ("Marchetti's Bakery",), (Mention("paragraph", 0, 26, 44),)),
        Entity(
            "Harbour City's Ivo Brandt",
            "PERSON",
            ("Harbour City's Ivo Brandt",),
            (Mention("paragraph", 1, 0, 25),),
        ),
        Entity("Lea", "PERSON", ("Lea",), (Mention("paragraph", 0, 5, 8),)),
    ]
    assert [q.speaker for q in find_quotes(art, noisy)] == ["Lea Marchetti", "Ivo Brandt"]


def test_single_marks_in_a_double_mark_article_need_an_attribution() -> None:
    art = article(
        "'Tide tables' approved by council",
        "'We thought the rain would keep people away,' said the trust's director, Aoife Kerr.",
        'Kerr said the site was kept. "Bigger next year," she added.',
    )
    quotes = find_quotes(art)
    assert [q.text for q in quotes] == ["We thought the rain would keep people away,", "Bigger next year,"]
    assert [q.speaker for q in quotes] == ["Aoife Kerr", "Aoife Kerr"]


def test_link_lines_left_by_a_scraper_are_not_quotes() -> None:
    art = article(
        "READ MORE: 'It is a nightmare': mayor says of the floods",
        '"The water came in an hour," said Sven Oduya.',
    )
    assert [q.text for q in find_quotes(art)] == ["The water came in an hour,"]


def test_nickname_inside_a_name_is_a_term() -> None:
    art = article('Singer Riad "Rudi" Halloum told fans the tour would go on. "We play for them," he said.')
    quotes = find_quotes(art, with_terms=True)
    assert [(q.text, q.kind) for q in quotes] == [("Rudi", "term"), ("We play for them,", "direct")]


def test_appositive_ending_in_an_abbreviation() -> None:
    art = article('"Rates must fall," Ada Brun, chief economist at Keel & Sons Inc., said on Monday.')
    quote = only(find_quotes(art))
    assert quote.speaker == "Ada Brun"
    assert quote.role == "chief economist at Keel & Sons Inc."


@pytest.mark.parametrize(
    "paragraph",
    [
        "„Wir bleiben hier“, sagte Anna Roth.",
        "»Wir bleiben hier«, sagte Anna Roth.",
        "‹Wir bleiben hier›, sagte sie.",
    ],
)
def test_low_and_reversed_marks(paragraph: str) -> None:
    assert [q.text for q in find_quotes(article(paragraph), with_terms=True)] == ["Wir bleiben hier"]


def test_short_chant_or_question_is_speech_not_a_term() -> None:
    art = article('The crowd outside the hall chanted "Open the gates!" until midnight.')
    quote = only(find_quotes(art))
    assert quote.text == "Open the gates!"
    assert quote.kind == "direct"


def test_party_and_state_in_parentheses_before_the_cue() -> None:
    art = article('"It was fair," Sen. Ruth Kaplan (D-Ore.) said. "We should accept it."')
    quote = only(find_quotes(art))
    assert quote.text == "It was fair, We should accept it."
    assert quote.speaker == "Ruth Kaplan"


def test_possessive_description_resolves_through_the_role() -> None:
    art = article(
        "The campaign's strategist, Ivan Dobrev, spoke to the press.",
        '"We were outspent," the campaign\'s strategist said.',
    )
    assert only(find_quotes(art)).speaker == "Ivan Dobrev"


def test_a_paragraph_of_thousands_of_quotes_is_read_in_one_pass() -> None:
    text = '"yes" ' * 5000 + "“no ” " * 5000
    quotes = find_quotes(article(text), with_terms=True)
    assert len(quotes) >= 5000
    assert {q.text for q in quotes} <= {"yes", "no"}


def test_paragraphs_that_open_marks_but_never_close_stay_apart() -> None:
    art = article(
        'Ula Brandt read out the letters. "First letter, dear council,',
        '"Second letter, dear mayor,',
        '"Third letter, dear all,',
        "The hall was silent.",
    )
    quotes = find_quotes(art)
    assert [[s.paragraph for s in q.spans] for q in quotes] == [[0], [1], [2]]


def test_role_keeps_the_country_it_belongs_to() -> None:
    art = article('"We are ready," Norway’s Health Minister Per Lund wrote on Friday.')
    quote = only(find_quotes(art))
    assert quote.speaker == "Per Lund"
    assert quote.role == "Norway’s Health Minister"


def test_arabic_article_names_and_qualified_descriptions() -> None:
    art = article(
        'In a statement, al-Nour said: "We will not stop."',
        'As one resident of the old quarter put it, "nobody asked us." '
        'Another member of the public, whose name was withheld, wrote: "Shame on the council."',
        '"He is gone," the father repeated.',
    )
    assert [q.speaker for q in find_quotes(art)] == [
        "al-Nour",
        "one resident of the old quarter",
        "Another member of the public",
        "the father",
    ]


def test_his_office_is_the_office_of_the_person_just_named_not_of_an_earlier_subject() -> None:
    art = article(
        '"We hear you," House Speaker Otto Brennan said.',
        'Teachers did not see Gov. Tomas Berg at the pier on Tuesday. His office said: "The governor is in Florida."',
    )
    people = tuple(
        Entity(name, "PERSON", (name,), (Mention("paragraph", p, 0, len(name)),))
        for p, name in ((0, "Otto Brennan"), (1, "Tomas Berg"))
    )
    assert [q.speaker for q in find_quotes(art, people)] == ["Otto Brennan", "Tomas Berg"]
    # a name the recogniser did not find to be a person is no nearer antecedent
    assert [q.speaker for q in find_quotes(art, people[:1])] == ["Otto Brennan", "Otto Brennan"]
    # nor is a name inside a relative clause of the sentence's subject
    art = article(
        '"We hear you," House Speaker Otto Brennan said.',
        'A mayor who once sued Gov. Tomas Berg over the pier spoke next. "We are ready," he said.',
    )
    assert "Tomas Berg" not in [q.speaker for q in find_quotes(art, people)]
    # nor a name in a sentence about "he" (who goes on)
    art = article(
        '"We hear you," House Speaker Otto Brennan said.',
        'He counts himself a Tomas Berg supporter. "We are ready," he said.',
    )
    assert [q.speaker for q in find_quotes(art, people)] == ["Otto Brennan", "Otto Brennan"]


def test_a_statement_is_its_authors_only_when_a_name_is_the_subject() -> None:
    # "the Alder navy said in a statement": the navy's statement, not one by "Alder" (which a
    # later paragraph's "Alder Ferry" would have grown into)
    art = article(
        "Two sailors were hurt when a boat sank off the coast, the Alder navy said in a statement on Monday.",
        '"The cause is under investigation," the statement said.',
        '"Alder Ferry sank after hitting rocks," Otto Brennan said.',
    )
    assert [q.speaker for q in find_quotes(art)] == [None, "Otto Brennan"]


def test_a_persons_spokesman_is_not_the_person() -> None:
    art = article('Senator Abe Lin was away. "He is resting," his spokesman said.')
    assert only(find_quotes(art)).speaker == "his spokesman"


def test_quoted_words_inside_a_noun_phrase_are_a_term_even_with_a_speaker() -> None:
    art = article(
        "Amira Haddad is the finance director.",
        "Haddad said the 'worst case' figures assumed rates that \"nobody in the market expects.\"",
    )
    quotes = find_quotes(art, with_terms=True)
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [
        ("worst case", "term", None),
        ("nobody in the market expects.", "direct", "Amira Haddad"),
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Ines Marlow sold the firm the right to use the word \u201cHarbour\u201d, though she later asked for it back.",
        "Otto Brennan said he would stop using the phrase 'night boat' in his speeches.",
        'Ines Marlow said the term "late boat" had never meant much to her.',
    ],
)
def test_quoted_words_named_as_words_are_a_term(paragraph: str) -> None:
    (quote,) = find_quotes(article(paragraph), with_terms=True)
    assert (quote.kind, quote.speaker) == ("term", None)


def test_song_title_after_closed_with_is_a_term() -> None:
    art = article(
        "Rosa Quint sang for an hour. Her set closed with 'Harbour Lights', the song she wrote in 2012."
    )
    (quote,) = find_quotes(art, with_terms=True)
    assert (quote.text, quote.kind) == ("Harbour Lights", "term")
    assert find_quotes(art) == ()


def test_title_case_headline_lends_no_names() -> None:
    art = article(
        "Oregon Sen. Nora Warren grilled Wells Fargo CEO Tom Reyes on Tuesday for his role in a scheme.",
        "“You should step down,” Warren told Reyes, after he admitted under Warren’s grilling"
        " that nobody was held to account.",
        title="Nora Warren Hammers Wells Fargo CEO: ‘You Should Step Down.’",
    )
    quote = only(find_quotes(art))
    assert quote.speaker == "Nora Warren"


def test_a_form_of_address_is_not_a_role() -> None:
    art = article('The project is led by Dr Aisha Rahman. "The cliffs are moving," Rahman said.')
    quote = only(find_quotes(art))
    assert (quote.speaker, quote.role) == ("Aisha Rahman", None)
