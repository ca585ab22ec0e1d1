"""One cell of the "who says what" matrix: the article's verbatim quotes for the row, and the
disagreement cards it is on, each of which can be opened in the walkthrough (the card id is the
modal's result)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.content.language import Language, parse_language
from tui.content.matrix import Matrix
from tui.content.model import Course, Disagreement
from tui.i18n import t
from tui.screens.base import localise_bindings
from tui.widgets.labels import badge, pick
from tui.widgets.source_panel import quote_lines

MAX_CARDS = 9


def card_steps(course: Course) -> dict[str, tuple[Disagreement, str]]:
    """Each disagreement card and where it is read: `11.2 step title`."""
    found: dict[str, tuple[Disagreement, str]] = {}
    for n, lesson in enumerate(course.lessons, 1):
        for m, step in enumerate(lesson.steps, 1):
            for item in step.items:
                if isinstance(item, Disagreement):
                    found[item.id] = (item, f"{n}.{m}")
    return found


def quotes_content(course: Course, matrix: Matrix, row_id: str, seed: str, language: Language) -> Content:
    cell, row = matrix.cell(row_id, seed), matrix.row(row_id)
    source = course.source(seed)
    publisher = source.publisher if source and source.publisher else t("no_publisher", language)
    head = Content.assemble((seed[:3], "bold $text-accent"), f" · {publisher}")
    if cell.strength is not None:
        head = head + Content("  ") + badge(cell.strength, language)
    lines = [Content.styled(pick(row.label, language), "bold $text-accent"), head, Content("")]
    if cell.state == "contradicts":
        lines += [Content.styled(t("matrix.against", language), "italic"), Content("")]
    for n, ref in enumerate(matrix.quotes(row_id, seed), 1):
        lines += quote_lines(n, ref, ref.strength, course, language)
    cards = card_steps(course)
    shown = [card for card in cell.disagreements if card in cards][:MAX_CARDS]
    if shown:
        lines += [Content(""), Content.styled(t("matrix.cards", language), "bold")]
        for n, card in enumerate(shown, 1):
            item, number = cards[card]
            topic = pick(item.topic, language).replace("\n", " / ")
            lines.append(
                Content.assemble((f"  {n}. ", "bold"), ("⚖ ", "$text-warning"), f"{topic} ({number}, {card})")
            )
        lines += [Content(""), Content.styled(t("matrix.open_hint", language), "italic $text-muted")]
    else:
        lines += [Content(""), Content.styled(t("matrix.close_hint", language), "italic $text-muted")]
    return Content("\n").join(lines)


class CellQuotes(ModalScreen[str | None]):
    """The quotes behind one cell; dismissed with a card id to open it, else None."""

    BINDINGS = [
        Binding("o", "open(1)", "key.open_card"),
        *[Binding(str(n), f"open({n})", show=False) for n in range(1, MAX_CARDS + 1)],
        Binding("escape,q,enter", "dismiss(None)", "key.close"),
    ]

    def __init__(self, course: Course, matrix: Matrix, row_id: str, seed: str, language: str) -> None:
        super().__init__()
        self.course = course
        self.matrix = matrix
        self.row_id = row_id
        self.seed = seed
        self.language: Language = parse_language(language)
        self.cards = [c for c in matrix.cell(row_id, seed).disagreements if c in card_steps(course)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="cell-quotes"):
            yield Static(quotes_content(self.course, self.matrix, self.row_id, self.seed, self.language))

    def on_mount(self) -> None:
        localise_bindings(self, self.language)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return bool(self.cards)
        return True

    def action_open(self, n: int) -> None:
        if 1 <= n <= len(self.cards):
            self.dismiss(self.cards[n - 1])
