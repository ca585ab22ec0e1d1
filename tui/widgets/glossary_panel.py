"""The glossary sidebar: a filter, the terms (this step's first) and the selected term's card."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from textual import events, on
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.content.linking import TermFilter, TermIndex
from tui.content.model import Term
from tui.i18n import t
from tui.richtext import to_content
from tui.widgets.labels import pick, term_label

# The whole glossary is listed while it is short; a longer list of matches is cut to its first
# MAX_SHOWN (with a "… +N" line): an option list lays out every option it holds, so each
# keystroke in the filter would cost a frame and more at a hundred times today's glossary.
MAX_LISTED = 150
MAX_SHOWN = 100


def term_card(
    term: Term,
    language: str,
    index: TermIndex,
    related: list[Term],
    publishers: Mapping[str, str | None] | None = None,
) -> Content:
    parts = [
        Content.styled(term.ja, "bold $text-accent"),
        Content(f"  ({t('reading', language)}: {term.reading})\n"),
        Content.styled(term.en, "bold"),
        Content("\n\n"),
        to_content(pick(term.definition, language), index),
        Content("\n"),
    ]
    for ref in term.sources:
        # Named as the other panels name articles: its number and clinic, not a file hash.
        clinic = (publishers or {}).get(ref.seed) or t("no_publisher", language)
        parts.append(
            Content.assemble(
                "\n",
                (f"{t('cited', language)}: ", "bold"),
                (ref.seed[:3], "bold $text-accent"),
                f" {clinic}\n「",
                ref.quote,
                "」",
            )
        )
        if ref.gloss and language != "ja":
            parts.append(Content.styled(f"\n“{ref.gloss}”", "$text-muted"))
    if related:
        parts.append(Content.styled(f"\n\n{t('related', language)}: ", "bold"))
        for n, other in enumerate(related, 1):
            label = term_label(other, language)
            parts.append(Content(f"{n}) "))
            parts.append(
                Content(label, [])
                .stylize("underline $text-accent")
                .stylize(Style.from_meta({"term": other.id}))
            )
            parts.append(Content("  "))
    return Content("").join(parts)


class TermCard(Static):
    """The card; clicking a related term selects it."""

    @dataclass
    class Picked(Message):
        term: str

    def on_click(self, event: events.Click) -> None:
        term = event.style.meta.get("term")
        if term:
            event.stop()
            self.post_message(self.Picked(term))


class _Parts(NamedTuple):
    filter: Input
    step_list: OptionList
    all_list: OptionList
    card: TermCard
    card_scroll: VerticalScroll


class GlossaryPanel(Vertical):
    """Filterable term list and card. The screen hands it the step's terms and the language."""

    BINDINGS = [Binding(f"{n}", f"related({n})", f"Related term {n}", show=False) for n in range(1, 6)]

    def __init__(
        self,
        terms: tuple[Term, ...],
        index: TermIndex,
        publishers: Mapping[str, str | None] | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.publishers = publishers or {}
        self.terms = list(terms)
        self.by_id = {term.id: term for term in terms}
        self.search = TermFilter(terms)
        self.index = index
        self.language = "en"
        self.step_terms: list[str] = []
        self.current: Term | None = None
        self._listed = False
        self._parts: _Parts | None = None

    @property
    def parts(self) -> _Parts:
        """The filter, lists and card, made and mounted on first use. The panel itself is
        composed with the screen (so nothing moves), its parts after the first frame:
        composing them costs ~25 ms of start-up. Held here, not queried: a part asked for at
        once (a term shown as a step opens) may not be in the DOM yet."""
        if self._parts is None:
            filter_input = Input(placeholder=t("filter", self.language), id="glossary-filter")
            # Reduced motion (TEXTUAL_ANIMATIONS=none, as in tests) also stops the cursor blinking.
            filter_input.cursor_blink = self.app.animation_level != "none"
            card = TermCard(Content(""), id="glossary-card")
            self._parts = _Parts(
                filter_input,
                OptionList(id="glossary-step"),
                OptionList(id="glossary-list"),
                card,
                VerticalScroll(card, id="glossary-card-scroll"),
            )
            parts = self._parts
            self.mount_all([parts.filter, parts.step_list, parts.all_list, parts.card_scroll])
        return self._parts

    @property
    def listed(self) -> bool:
        """Whether the lists have been filled (they are, the first time the panel shows)."""
        return self._listed

    def set_context(self, step_terms: list[str], language: str) -> None:
        """This step's terms and the language; the full list is rebuilt only when needed."""
        step_terms = [t for t in step_terms if t in self.by_id]
        language_changed = language != self.language
        self.language = language
        if language_changed or not self._listed:
            self.border_title = t("glossary", language)
            self.parts.filter.placeholder = t("filter", language)
            self.refresh_list()
        if step_terms != self.step_terms or language_changed or not self._listed:
            self.step_terms = step_terms
            self._refresh_step_list()
        self._listed = True
        if language_changed and self.current is not None:
            self.show_term(self.current.id)

    def _refresh_step_list(self) -> None:
        step_list = self.parts.step_list
        step_list.display = bool(self.step_terms)
        step_list.border_title = t("in_step", self.language)
        step_list.set_options([self._option(self.by_id[t], "step:") for t in self.step_terms])

    def refresh_list(self) -> None:
        query = self.parts.filter.value
        matches = self.search.filter(query)
        shown = len(matches) if len(matches) <= MAX_LISTED else MAX_SHOWN
        options: list[Option] = [self._option(term, "") for term in matches[:shown]]
        if len(matches) > shown:
            more = f"… +{len(matches) - shown}"
            options.append(Option(Content.styled(more, "italic"), disabled=True))
        if not matches:
            # Say so, and offer the way out, rather than show an empty box.
            empty = t("filter.none", self.language, query=query)
            options.append(Option(Content.styled(empty, "italic $text-warning"), id="clear-filter"))
        option_list = self.parts.all_list
        option_list.border_title = t("all_terms", self.language)
        option_list.set_options(options)

    def _option(self, term: Term, prefix: str) -> Option:
        label = term_label(term, self.language, " · ")
        return Option(Content(label), id=f"{prefix}{term.id}")

    def clear_filter(self) -> None:
        filter_input = self.parts.filter
        filter_input.value = ""
        filter_input.focus()

    @on(Input.Changed, "#glossary-filter")
    def _filter_changed(self) -> None:
        self.refresh_list()

    @on(Input.Submitted, "#glossary-filter")
    def _filter_submitted(self) -> None:
        option_list = self.parts.all_list
        option_list.focus()
        option_list.action_first()

    @on(OptionList.OptionHighlighted)
    @on(OptionList.OptionSelected)
    def _option_chosen(self, event: OptionList.OptionHighlighted | OptionList.OptionSelected) -> None:
        if event.option.id == "clear-filter":
            if isinstance(event, OptionList.OptionSelected):
                self.clear_filter()
        elif event.option.id:
            self.show_term(event.option.id.removeprefix("step:"))

    @on(TermCard.Picked)
    def _related_picked(self, event: TermCard.Picked) -> None:
        self.show_term(event.term)

    def action_related(self, n: int) -> None:
        if self.current and 0 < n <= len(self.current.related):
            self.show_term(self.current.related[n - 1])

    def show_term(self, term_id: str) -> None:
        term = self.by_id.get(term_id)
        if term is None:
            return
        self.current = term
        related = [self.by_id[r] for r in term.related if r in self.by_id]
        self.parts.card.update(term_card(term, self.language, self.index, related, self.publishers))
        self.parts.card_scroll.scroll_home(animate=False)

    def focus_filter(self) -> None:
        self.parts.filter.focus()
