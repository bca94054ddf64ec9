"""Quote finding on hostile text: bounded time whatever the size of a paragraph."""

from __future__ import annotations

import time

from viewer.core.model import Article
from viewer.core.quotes import find_quotes


def test_a_paragraph_of_thousands_of_names_is_read_in_linear_time() -> None:
    # Found by the fuzzing harness: each name searched the whole paragraph before it for a
    # speech verb, so one long line (a dump with no line breaks) took minutes. Processor time,
    # so that other work on the machine does not count: 0.5 s here, about 30 s before.
    paragraph = "“We will not stop,” said Dana Holt. " + "Tomas Berg met Ines Varga in Brennick. " * 3000
    article = Article(path="one-line.txt", format="text", title="One line", paragraphs=(paragraph,))
    started = time.process_time()
    [quote] = find_quotes(article)
    assert time.process_time() - started < 5
    assert (quote.text, quote.speaker) == ("We will not stop,", "Dana Holt")


def test_a_paragraph_of_thousands_of_colons_before_quotation_marks_is_read_in_linear_time() -> None:
    # Found by the fuzzing harness: before each quotation mark that follows a colon, the name
    # label ("Clinton: "...") was looked for in the whole paragraph before it, so a long line of
    # unclosed quotations took minutes. Processor time: 0.2 s here, about 50 s before.
    paragraph = 'Asked about the harvest, she smiled: "Plenty' * 3000
    labelled = 'Mara Quist: "We open the gates at dawn."'
    article = Article(path="one-line.txt", format="text", title="One line", paragraphs=(paragraph, labelled))
    started = time.process_time()
    quotes = find_quotes(article)
    assert time.process_time() - started < 5
    assert ("We open the gates at dawn.", "Mara Quist") in [(q.text, q.speaker) for q in quotes]


def test_a_run_on_sentence_of_thousands_of_speakers_is_read_in_linear_time() -> None:
    # Found in review: for a pronoun, each name was checked against every name before it in
    # its sentence (is it in what they said?), and each name's apposition was looked for back
    # to the sentence's start: one sentence of 3,200 speakers took 3.7 s, 6,000 would take
    # about 13 s. Processor time; about 1 s here.
    speakers = ", ".join(
        f"Ana{chr(65 + k % 26)}{chr(65 + k // 26 % 26)} Lind said the pier was safe" for k in range(6000)
    )
    paragraph = speakers + '. "We agree," he said.'
    article = Article(path="one-line.txt", format="text", title="One line", paragraphs=(paragraph,))
    started = time.process_time()
    quotes = find_quotes(article)
    assert time.process_time() - started < 5
    assert [q.text for q in quotes] == ["We agree,"]


def test_a_paragraph_of_thousands_of_quotations_is_read_in_bounded_time() -> None:
    # Found in review: each quote looked for its cue in the whole paragraph, and each "he"
    # went through every voice before it: 1,000 quotations in one paragraph took 3.2 s, 3,000
    # about 30 s. Processor time; about 1.5 s here.
    paragraph = 'For Ana Lind and Otto Brennan the day began early. "Yes," he said. ' * 3000
    article = Article(path="one-line.txt", format="text", title="One line", paragraphs=(paragraph,))
    started = time.process_time()
    quotes = find_quotes(article)
    assert time.process_time() - started < 5
    assert len(quotes) == 3000
