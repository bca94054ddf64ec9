"""What the reader lights up for the side panel and the list search: the selected quote (and
every quote's tooltip), the selected entity's mentions with one of them current, and the words
searched for with one of them current (F3)."""

from __future__ import annotations

from viewer.core.model import Article, Entity, Quote
from viewer.ui.panes.insights import InsightsPanel, quote_tooltip
from viewer.ui.panes.reader import ReaderView, TextRange
from viewer.ui.shell.status import StatusBar
from viewer.ui.text import number, one_line


class ReaderHighlights:
    """The reader's highlight layers for the current article, kept as document ranges."""

    def __init__(self, reader: ReaderView, panel: InsightsPanel, status: StatusBar) -> None:
        self._reader = reader
        self._panel = panel
        self._status = status
        self._mentions: list[tuple[int, int]] = []
        self._mention_index = -1
        self._search_hits: list[tuple[int, int]] = []
        self._search_index = -1
        #: The note on the lit quote last put in the status bar.
        self._quote_note = ""

    def article_changed(self) -> None:
        """Another article is shown: the mentions lit were the last one's."""
        self._mentions, self._mention_index = [], -1

    def refresh(self) -> None:
        """Light everything again as it stands (after the colours changed)."""
        self.show_quote(self._panel.current_quote())
        if self._mentions:
            keep = self._mention_index
            self.show_entity(self._panel.current_entity())
            if 0 <= keep < len(self._mentions):
                self._show_mention(keep)

    # quotes ----------------------------------------------------------------------------------
    def show_quote(self, quote: Quote | None) -> None:
        """Light the quote's parts, the cue that attributes it and the words that decided its
        speaker (three styles), and scroll to the first of them (nothing lit for None)."""
        view = self._reader

        def located(spans: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
            return [
                r
                for paragraph, start, end in spans
                if (r := view.document_range(TextRange("paragraph", paragraph, start, end)))
            ]

        if quote is None:
            for name in ("quote", "quote-cue", "quote-speaker"):
                view.set_layer(name, [])
            if self._quote_note and self._status.text() == self._quote_note:
                self._status.show("")  # it spoke of a quote no longer lit
            return
        ranges = located([(s.paragraph, s.start, s.end) for s in quote.spans])
        cue, mention = quote.cue_span, quote.speaker_mention
        cues = located([(cue.paragraph, cue.start, cue.end)] if cue is not None else [])
        speakers = located(
            [(mention.paragraph, mention.start, mention.end)]
            if mention and (quote.speaker or quote.document)
            else []
        )
        view.set_layer("quote", ranges)
        view.set_layer("quote-cue", cues)
        view.set_layer("quote-speaker", speakers)
        self._quote_note = self._evidence_note(quote, bool(cues), bool(speakers))
        self._status.show_about_article(self._quote_note)
        if ranges:
            # The cue, and the speaker's words when they stand at most a paragraph before the
            # quote, come into view with it; a name far above is lit where it stands.
            first = min(s.paragraph for s in quote.spans)
            near = speakers if mention is not None and mention.paragraph >= first - 1 else []
            view.scroll_to(min(r[0] for r in ranges + cues + near))

    def _evidence_note(self, quote: Quote, cue_lit: bool, speaker_lit: bool) -> str:
        """What the reader now lights, in words (the styles' key): "Reported statement 2 of
        7: the cue ‘said’ dash-underlined, the speaker's words ‘she’ underlined"."""
        what = {"indirect": "Reported statement", "mixed": "Partly quoted statement"}.get(quote.kind, "Quote")
        row, count = self._panel.current_quote_row(), self._panel.quote_count()
        head = f"{what} {number(row + 1)} of {number(count)}" if row >= 0 else what
        lit = []
        if cue_lit and quote.cue:
            lit.append(f"the cue ‘{one_line(quote.cue, 40)}’ dash-underlined")
        if speaker_lit and quote.speaker_mention is not None:
            whose = "the source's" if quote.document else "the speaker's"
            lit.append(f"{whose} words ‘{one_line(quote.speaker_mention.text, 60)}’ underlined")
        return f"{head}: {', '.join(lit)}" if lit else head

    def set_quote_tooltips(self, article: Article | None) -> None:
        """Hovering over a quote in the reader shows it whole (the parts of a split one
        joined with " … ") and who said it."""
        view = self._reader
        tips = []
        for quote in self._panel.quotes():
            tip = quote_tooltip(quote, article)
            for span in quote.spans:
                located = view.document_range(TextRange("paragraph", span.paragraph, span.start, span.end))
                if located is not None:
                    tips.append((located[0], located[1], tip))
        view.set_tooltips(tips)

    # mentions ---------------------------------------------------------------------------------
    def show_entity(self, entity: Entity | None) -> None:
        """Light every mention of the entity, the first one current."""
        view = self._reader
        self._mentions, self._mention_index = [], -1
        if entity is not None:
            ranges = [
                view.document_range(TextRange(m.where, m.index, m.start, m.end, m.field))
                for m in entity.mentions
            ]
            self._mentions = sorted({r for r in ranges if r is not None})
        view.set_layer("mention", self._mentions)
        view.set_layer("mention-current", [])
        if self._mentions:
            self._show_mention(0)

    def has_mentions(self) -> bool:
        return bool(self._mentions)

    def step_mention(self, direction: int) -> None:
        """The next (or previous) mention of the selected entity; the first entity when none
        is selected."""
        if self._panel.current_entity() is None:
            if self._panel.select_first_entity() is None:
                self._status.show_about_article("No entities in this article")
            return
        if self._mentions:
            self._show_mention((self._mention_index + direction) % len(self._mentions))

    def _show_mention(self, index: int) -> None:
        self._mention_index = index
        start, end = self._mentions[index]
        view = self._reader
        view.set_layer("mention-current", [(start, end)])
        view.scroll_to(start)
        entity = self._panel.current_entity()
        name = one_line(entity.name, 80) if entity else ""
        self._status.show_about_article(f"{name}: mention {index + 1} of {len(self._mentions)}")

    def mention_position(self) -> tuple[int, int]:
        """(current mention, number of mentions shown) for the selected entity."""
        return self._mention_index, len(self._mentions)

    # the words searched for ----------------------------------------------------------------------
    def show_search(self, words: list[str], shown: bool) -> None:
        """Light where the words of the list search stand in the article (``shown``: an
        article is shown, not a message)."""
        if self._search_index >= 0 and self._status.is_about_article():
            self._status.show("")  # "Searched word 2 of 7" was about the search before
        view = self._reader
        self._search_hits = view.find_words(words) if shown else []
        self._search_index = -1
        view.set_layer("search", self._search_hits)
        view.set_layer("search-current", [])

    def step_search_hit(self, direction: int) -> bool:
        """F3 / Shift+F3 with the find bar closed: the next word of the list search; False
        when there is none."""
        if not self._search_hits:
            return False
        count = len(self._search_hits)
        start = 0 if direction > 0 else count - 1
        self._search_index = start if self._search_index < 0 else (self._search_index + direction) % count
        hit = self._search_hits[self._search_index]
        view = self._reader
        view.set_layer("search-current", [hit])
        view.scroll_to(hit[0])
        self._status.show_about_article(f"Searched word {number(self._search_index + 1)} of {number(count)}")
        return True

    def search_hits(self) -> list[tuple[int, int]]:
        return list(self._search_hits)
