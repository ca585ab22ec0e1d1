"""The "who says what" screen: claims by topic down the side, the five articles across the top.

A `DataTable` keeps the header row fixed and the claim column fixed while the cursor moves cell
by cell. `enter` on a cell shows that article's quotes for the row (`CellQuotes`); from there a
disagreement card can be opened in the walkthrough, which this screen returns as its result.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Header, Static

from tui.content.matrix import Cell, Matrix, MatrixRow, build_matrix, clinic_short
from tui.content.model import Course, Strength
from tui.content.units import card_places
from tui.i18n import t
from tui.screens.base import LocalisedScreen
from tui.screens.help import HelpScreen
from tui.widgets.key_footer import KeyFooter
from tui.widgets.labels import badge, pick

TOPIC = "topic:"  # row keys of the topic headings; a claim row's key is its row id
LABEL = "label"  # the column key of the claim column; an article's is its file name
MIN_LABEL = 16


def article_header(seed: str, publisher: str | None, language: str) -> Text:
    """Two lines: the article's number (`000`) and its clinic, shortened (`CZEN`). A Rich `Text`,
    as `DataTable` headers are (a `str` would be parsed as markup)."""
    clinic = clinic_short(publisher) or t("matrix.no_clinic", language)
    return Text.assemble((seed[:3], "bold"), "\n", clinic)


def cell_content(cell: Cell, language: str) -> Content:
    """A badge, ⚡ (with the number of cards when there are several), or — for silent."""
    if cell.state == "claim":
        mixed = Content.styled("+", "bold") if len(cell.strengths) > 1 else Content("")
        return badge(cell.strengths[0], language, short=True) + mixed
    if cell.state == "contradicts":
        count = str(len(cell.disagreements)) if len(cell.disagreements) > 1 else ""
        return Content.styled(f"⚡{count}", "bold $text-warning")
    return Content.styled("—", "$text-muted")


def legend(language: str) -> Content:
    parts = [badge(strength, language, short=True) for strength in Strength]
    parts.append(Content.assemble(("—", "$text-muted"), f" {t('claims.silent', language)}"))
    parts.append(Content.assemble(("⚡", "bold $text-warning"), f" {t('claims.contradicts', language)}"))
    hint = Content.styled(f"· {t('matrix.legend', language)}", "italic $text-muted")
    return Content(" ").join(parts) + Content("  ") + hint


class WhoSaysWhat(LocalisedScreen[tuple[str, int] | None]):
    """The matrix; dismissed with (step id, unit) when the reader opens a disagreement card."""

    BINDINGS = [
        Binding("enter", "quotes", "key.cell_quotes"),
        Binding("t", "cycle_topic", "key.topic_filter"),
        Binding("a", "cycle_article", "key.article_filter"),
        Binding("l", "app.cycle_language", "key.language"),
        Binding("escape,w", "dismiss_screen", "key.walkthrough"),
        Binding("question_mark", "help", "key.help"),
        Binding("q", "app.quit", "key.quit", show=False),
    ]

    AUTO_FOCUS = "#matrix"

    def __init__(self, course: Course, language: str = "en", matrix: Matrix | None = None) -> None:
        super().__init__(language)
        self.course = course
        self.matrix = matrix or build_matrix(course)
        self.places = card_places(course)
        self.publishers = {source.seed: source.publisher for source in course.sources}
        self.topic_index = 0  # 0: every topic; n: the n-th topic
        self.article_index = 0  # 0: every article; n: only rows where the n-th article speaks
        self.label_width = MIN_LABEL

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="matrix-filter", markup=False)
        yield DataTable(id="matrix", cursor_type="cell", header_height=2, fixed_columns=1)
        yield Static(id="matrix-detail", markup=False)
        yield Static(id="matrix-legend", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = t("matrix.title", self.language)
        self.fill()

    def on_resize(self) -> None:
        if self._label_width() != self.label_width:
            self.fill()

    def language_changed(self) -> None:
        self.sub_title = t("matrix.title", self.language)
        self.fill()

    # -- the table ----------------------------------------------------------------------

    def _column_width(self) -> int:
        badges = [badge(s, self.language, short=True).cell_length for s in Strength]
        headers = [
            max(
                cell_len(line)
                for line in article_header(seed, self.publishers.get(seed), self.language).plain.split("\n")
            )
            for seed in self.matrix.seeds
        ]
        mixed = any(len(cell.strengths) > 1 for cell in self.matrix.cells.values())
        return max(4, *badges, *headers) + mixed  # room for the "+" of a mixed cell

    def _label_width(self) -> int:
        # Each column has one cell of padding either side; the vertical scrollbar takes one.
        used = len(self.matrix.seeds) * (self._column_width() + 2) + 2 + 1
        return max(MIN_LABEL, self.size.width - used)

    def shown_rows(self) -> list[tuple[str, list[MatrixRow]]]:
        """The topics the filters leave, each with its rows (topics without rows are left out)."""
        m = self.matrix
        topics = m.topics if self.topic_index == 0 else (m.topics[self.topic_index - 1],)
        seed = m.seeds[self.article_index - 1] if self.article_index else None
        out = []
        for topic in topics:
            rows = [r for r in m.rows_for(topic.id) if seed is None or m.cell(r.id, seed).state != "silent"]
            if rows:
                out.append((topic.id, rows))
        return out

    def fill(self) -> None:
        """(Re)build the table for the filters, language and width; keep the cursor's place."""
        table = self.query_one(DataTable)
        m, lang = self.matrix, self.language
        keep = self._cursor_keys()
        self.label_width = width = self._label_width()
        table.clear(columns=True)
        table.add_column(Text(t("claims.claim", lang), "bold"), width=width, key=LABEL)
        column = self._column_width()
        for seed in m.seeds:
            table.add_column(article_header(seed, self.publishers.get(seed), lang), width=column, key=seed)
        topics = {topic.id: topic for topic in m.topics}
        blank = [Content("")] * len(m.seeds)
        count = 0
        for topic_id, rows in self.shown_rows():
            heading = f"{pick(topics[topic_id].name, lang)} ({len(rows)})"
            table.add_row(self._label(heading, "bold $text-accent"), *blank, key=TOPIC + topic_id)
            for row in rows:
                cells = [cell_content(m.cell(row.id, seed), lang) for seed in m.seeds]
                table.add_row(self._label(pick(row.label, lang), ""), *cells, key=row.id)
            count += len(rows)
        self._show_filter(count)
        self._restore_cursor(keep)
        self.show_detail()

    def _label(self, text: str, style: str) -> Content:
        flat = " ".join(text.split())
        return Content.styled(flat, style).truncate(self.label_width, ellipsis=True)

    def _show_filter(self, count: int) -> None:
        m, lang = self.matrix, self.language
        topic = pick(m.topics[self.topic_index - 1].name, lang) if self.topic_index else t("matrix.all", lang)
        if self.article_index:
            seed = m.seeds[self.article_index - 1]
            name = f"{seed[:3]} {clinic_short(self.publishers.get(seed)) or ''}".strip()
            article = t("matrix.speaks", lang, article=name)
        else:
            article = t("matrix.all", lang)
        text = t("matrix.filter", lang, topic=topic, article=article, n=count)
        self.query_one("#matrix-filter", Static).update(Content.styled(text, "bold"))
        self.query_one("#matrix-legend", Static).update(legend(lang))

    def _cursor_keys(self) -> tuple[str, str] | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        keys = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(keys.row_key.value), str(keys.column_key.value)

    def _restore_cursor(self, keep: tuple[str, str] | None) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        row, column = 1 if table.row_count > 1 else 0, 1
        if keep is not None:
            row_key, column_key = keep
            if row_key in table.rows:
                row = table.get_row_index(row_key)
            if column_key in table.columns:
                column = table.get_column_index(column_key)
        table.move_cursor(row=row, column=column, animate=False)

    # -- the cell under the cursor --------------------------------------------------------

    def cursor_cell(self) -> tuple[str, str] | None:
        """(row key, column key) under the cursor, or None in an empty table."""
        return self._cursor_keys()

    def article_name(self, seed: str) -> str:
        publisher = self.publishers.get(seed) or t("handout.publisher_none", self.language)
        return f"{seed[:3]} · {publisher}"

    def show_detail(self) -> None:
        """Below the table: the whole label of the row under the cursor, and what the cell says."""
        detail = self.query_one("#matrix-detail", Static)
        where, lang = self.cursor_cell(), self.language
        if where is None:
            detail.update(Content.styled(t("matrix.no_rows", lang), "italic"))
            return
        row_key, column = where
        if row_key.startswith(TOPIC):
            detail.update(Content.styled(t("matrix.topic_row", lang), "italic $text-muted"))
            return
        row = self.matrix.row(row_key)
        lines = []  # what the cell says first: a long label may not fit the lines below it
        if column == LABEL:
            lines.append(Content.styled(t("matrix.label_cell", lang), "italic $text-muted"))
        else:
            cell, name = self.matrix.cell(row_key, column), self.article_name(column)
            if cell.state == "claim":
                n = len(self.matrix.quotes(row_key, column))
                lines.append(Content(t("matrix.claim_cell", lang, article=name, n=n)))
            elif cell.state == "contradicts":
                cards = ", ".join(cell.disagreements)
                lines.append(Content(t("matrix.contradicts_cell", lang, article=name, cards=cards)))
            else:
                lines.append(Content.styled(t("matrix.silent_cell", lang, article=name), "$text-muted"))
        lines.append(Content.styled(pick(row.label, lang), "bold"))
        detail.update(Content("\n").join(lines))

    @on(DataTable.CellHighlighted)
    def _highlighted(self) -> None:
        self.show_detail()

    @on(DataTable.CellSelected)
    def _selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_quotes()

    def action_quotes(self) -> None:
        where = self.cursor_cell()
        if where is None or where[0].startswith(TOPIC) or where[1] == LABEL:
            return
        row_key, seed = where
        if self.matrix.cell(row_key, seed).state == "silent":
            self.notify(t("matrix.silent_cell", self.language, article=self.article_name(seed)), timeout=3)
            return
        from tui.screens.cell_quotes import CellQuotes

        quotes = CellQuotes(self.course, self.matrix, row_key, seed, self.language)
        self.app.push_screen(quotes, self._card_chosen)

    def _card_chosen(self, card: str | None) -> None:
        if card is not None and card in self.places:
            self.dismiss(self.places[card])

    # -- filters and keys ------------------------------------------------------------------

    def action_cycle_topic(self) -> None:
        self.topic_index = (self.topic_index + 1) % (len(self.matrix.topics) + 1)
        self.fill()

    def action_cycle_article(self) -> None:
        self.article_index = (self.article_index + 1) % (len(self.matrix.seeds) + 1)
        self.fill()
        table = self.query_one(DataTable)
        if self.article_index and table.row_count:  # the cursor goes to the article filtered on
            table.move_cursor(column=self.article_index, animate=False)

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        own = [b for b in self.BINDINGS if isinstance(b, Binding)]
        self.app.push_screen(HelpScreen(own, self.language))

    def go_to(self, row_key: str, seed: str) -> None:
        """Put the cursor on a cell (tests and callers that know the row and article)."""
        table = self.query_one(DataTable)
        table.cursor_coordinate = Coordinate(table.get_row_index(row_key), table.get_column_index(seed))
