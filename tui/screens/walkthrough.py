"""The guided walkthrough: outline, current step, glossary sidebar and source panel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Header

from tui.content.cursor import Cursor
from tui.content.linking import TermIndex, step_texts
from tui.content.model import Course, Lesson, Step
from tui.content.units import most_blocks
from tui.i18n import t
from tui.screens.base import LocalisedScreen
from tui.textual_private import holding_repaints
from tui.widgets.glossary_panel import GlossaryPanel
from tui.widgets.key_footer import KeyFooter
from tui.widgets.outline import Outline
from tui.widgets.progress_line import ProgressLine
from tui.widgets.source_panel import SourcePanel
from tui.widgets.step_view import StepView

if TYPE_CHECKING:  # the screens this one opens are imported when opened, not at start-up
    from tui.quiz.records import SessionKind

NARROW = 100  # below this the side panes fold away
WIDE = 140  # below this the outline folds away unless asked for, so the step keeps 66+ columns
TALL = 30  # below this the sources fold to a one-line strip
DWELL_SECONDS = 20.0


class WalkthroughScreen(LocalisedScreen[None]):
    """Owns the reading position (a `Cursor`); tells the app when it changes."""

    BINDINGS = [
        # Not in the footer (as the step view, focused while reading, already has it): it is
        # in help, and the footer at 80 columns keeps room for the way back (escape).
        Binding("right,space,n,pagedown", "next", "key.next", show=False),
        # Back is listed in help, not the footer: at 80 columns in Japanese every cell counts.
        Binding("left,p,pageup", "previous", "key.back", show=False),
        Binding("left_square_bracket", "lesson(-1)", "key.previous_lesson", show=False),
        Binding("right_square_bracket", "lesson(1)", "key.next_lesson", show=False),
        Binding("g", "glossary", "key.glossary"),
        Binding("s", "toggle_sources", "key.sources"),
        Binding("enter", "toggle_quotes", "key.quotes", show=False),
        Binding("l", "app.cycle_language", "key.language"),
        Binding("t", "next_term", "key.next_term", show=False),
        Binding("o", "toggle_outline", "key.outline", show=False),
        # Shown only away from the step (glossary, outline): the way back from the filter.
        Binding("escape", "back_to_step", "key.back_to_step"),
        Binding("x", "quiz", "key.quiz"),
        Binding("a", "appraise", "key.appraise", show=False),  # in ? and the palette: no room at 80
        Binding("w", "who_says_what", "key.who_says_what", show=False),
        Binding("question_mark", "help", "key.help"),
        Binding("q", "app.quit", "key.quit"),
    ]

    AUTO_FOCUS = "#step"

    @dataclass
    class Moved(Message):
        """The reader moved; the app saves where they are and what they have read."""

        lesson_id: str
        step_id: str
        read: frozenset[str]

    @dataclass
    class QuizRequested(Message):
        """The reader asked to be quizzed (on a lesson, or with a kind such as 'mistakes')."""

        lesson_id: str | None
        kind: SessionKind = "new"

    class AppraiseRequested(Message):
        """The reader asked for the DISCERN workshop (appraise the articles)."""

    def __init__(
        self,
        course: Course,
        cursor: Cursor,
        *,
        language: str = "en",
        peek: bool = False,
        workshop: bool = False,
    ) -> None:
        super().__init__(language)
        self.peek = peek
        self.workshop = workshop  # the course has a DISCERN workshop: `a` and the palette open it
        self.course = course
        self.cursor = cursor
        self.term_index = TermIndex(course.terms)
        self._step_terms: dict[str, list[str]] = {}
        self._term_cursor = -1
        self._panes_ready = False  # mounted: the side panes on view are kept filled
        self._outline_language: str | None = None  # the outline's labels are in this language
        self._dwell: Timer | None = None

    def compose(self) -> ComposeResult:
        # The width classes are set before the children are styled: set later, each one
        # restyles every widget on the screen (~15 ms before the first frame).
        self._apply_width(self.app.size.width)
        yield Header()
        with Horizontal(id="main"):
            yield Outline(self.course, id="outline")
            with Vertical(id="center"):
                # Outside the step's scroll, so where the reader is stays in view.
                yield ProgressLine(id="progress")
                yield StepView(self.term_index, id="step")
                yield SourcePanel(self.course, id="sources", strip=self.app.size.height < TALL)
            publishers = {source.seed: source.publisher for source in self.course.sources}
            yield GlossaryPanel(self.course.terms, self.term_index, publishers, id="glossary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.render_step()
        self._fill_side_panes()

    def _fill_side_panes(self) -> None:
        # The panes on view are filled for the first frame: Textual holds every repaint back
        # until the app has started, so filling them after a refresh only added a frame
        # (~30 ms at 120×36). The work for later keys waits until the screen is shown.
        self._panes_ready = True
        self._sync_panes()
        self._when_shown(self._prepare_neighbours)
        self._when_shown(self._reserve_blocks)

    def _when_shown(self, work: Callable[[], None]) -> None:
        """Run `work` once the screen is on the terminal. While the app starts, Textual holds
        every repaint back until its own start-up is done, and work queued after a refresh
        then runs first, keeping the first frame off the screen longer (~11 ms, and the spare
        blocks' layout)."""
        if holding_repaints(self.app):
            self.set_timer(0.005, lambda: self._when_shown(work))
        else:
            self.call_after_refresh(work)

    def _sync_panes(self) -> None:
        """Bring the side panes on view up to the current step and language. A hidden pane
        (both are, below 100 columns, until asked for) waits until it is shown: filling the
        glossary's lists and the outline costs tens of milliseconds nobody would see."""
        if not self._panes_ready:
            return
        outline = self.query_one(Outline)
        if outline.display:
            if self._outline_language != self.language:
                self._outline_language = self.language
                outline.set_language(self.language, self.step.id, self.cursor.read)
            else:
                outline.set_read(self.cursor.read)
                outline.mark(self.step.id)
        glossary = self.query_one(GlossaryPanel)
        if glossary.display:
            glossary.set_context(self.step_terms(self.step), self.language)

    def _panes_shown(self) -> None:
        """A pane was shown or hidden: fill what is now on view, and offer escape (hide) in the
        footer only when it would hide something."""
        self._sync_panes()
        self.refresh_bindings()

    def _reserve_blocks(self) -> None:
        """Every block any step needs, mounted once the panes show, not on a key that needs it."""
        self.query_one(StepView).reserve(most_blocks(self.course))

    def action_toggle_quotes(self) -> None:
        self.remove_class("-hide-sources")
        self.query_one(SourcePanel).toggle_open()

    def _apply_width(self, width: int) -> None:
        self.update_classes({"-narrow": width < NARROW, "-medium": width < WIDE})  # one restyle, not two

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)
        # Short terminals give the step the rows: sources fold to a one-line strip.
        self.query_one(SourcePanel).set_strip(event.size.height < TALL)
        self._panes_shown()

    # -- rendering ----------------------------------------------------------

    @property
    def lesson(self) -> Lesson:
        return self.cursor.lesson

    @property
    def step(self) -> Step:
        return self.cursor.step

    def step_terms(self, step: Step) -> list[str]:
        if step.id not in self._step_terms:
            self._step_terms[step.id] = self.term_index.terms_in(step_texts(step))
        return self._step_terms[step.id]

    def progress(self, width: int = 200) -> Content:
        """Where the reader is, and how much of the course they have read (not jumped past),
        in at most `width` cells: the bar shrinks, then goes, then the words "lesson" and
        "step", so the read count always shows (a 100-column screen gives it 42 cells)."""
        cursor, lang = self.cursor, self.language
        done, total = cursor.course_read()
        count = t("read_count", lang, done=done, total=total, percent=done * 100 // total)
        lesson = f"{cursor.lesson_number}/{len(self.course.lessons)}"
        step = f"{cursor.step_number}/{len(cursor.lesson.steps)}"
        tick = ("✓ " if cursor.is_read(cursor.step.id) else "", "bold $text-success")
        line = Content("")
        for words, bar in ((True, 12), (True, 6), (True, 0), (False, 0)):
            filled = bar * done // total  # rounded down: a full bar means every step is read
            place = f"{t('lesson', lang)} {lesson}" if words else lesson
            line = Content.assemble(
                (place, "bold"),
                f" · {t('step', lang)} {step} · " if words else f" · {step} · ",
                tick,
                ("█" * filled, "$success"),
                ("░" * (bar - filled), "$text-muted"),
                " " if bar else "",
                count,
            )
            if line.cell_length <= width:
                break
        return line

    def _show_progress(self) -> None:
        self.query_one(ProgressLine).show(self.progress)

    def render_step(self) -> None:
        lesson, step = self.lesson, self.step
        view = self.query_one(StepView)
        view.show(lesson, step, self.language)
        # Everything a step changes is updated here, in one pass, so one frame shows it all.
        self.query_one(SourcePanel).show(view.selected_unit, self.language)
        self._term_cursor = -1
        if self.focused is None:
            view.focus()
        # Staying on a step for a while counts as reading it, like moving on with next.
        if self._dwell is not None:
            self._dwell.stop()
        self._dwell = self.set_timer(DWELL_SECONDS, self._dwelt)
        self._announce()
        # Where the next key can lead (next, back, next and previous lesson): built while
        # idle, so that key only swaps text into blocks that already exist. (The first step's
        # waits until the screen is shown: `_fill_side_panes`.)
        if self._panes_ready:
            self.call_after_refresh(self._prepare_neighbours)

    @property
    def complete(self) -> bool:
        """Whether the screen shows everything it should: the step, and the side panes on view
        filled (they fill in after the first frame)."""
        view = self.query_one(StepView)
        outline, glossary = self.query_one(Outline), self.query_one(GlossaryPanel)
        return (
            view.shown == (self.step.id, self.language)
            and (not outline.display or self._outline_language == self.language)
            and (not glossary.display or (glossary.language == self.language and glossary.listed))
        )

    def _prepare_neighbours(self) -> None:
        view, cursor, lessons = self.query_one(StepView), self.cursor, self.course.lessons
        places = [cursor.peek_with_lesson(1), cursor.peek_with_lesson(-1)]
        for n in (cursor.lesson_number, cursor.lesson_number - 2):
            if 0 <= n < len(lessons):
                places.append((lessons[n], lessons[n].steps[0]))
        sources = self.query_one(SourcePanel)
        for place in places:
            if place is not None:
                sources.prepare(view.prepare(*place, self.language), self.language)
                self.step_terms(place[1])  # the glossary's list for that step (~2 ms to find)

    def _announce(self) -> None:
        """Show the read count (progress line and outline), and tell the app (which saves it)."""
        # A fixed line, not the header's sub-title: the header redraws a moment later (its
        # watcher is asynchronous), which cost every step a second layout and frame.
        self._show_progress()
        self._sync_panes()  # the outline's ✓ marks and counts, with the panes on view
        if not self.peek:
            self.post_message(self.Moved(self.lesson.id, self.step.id, frozenset(self.cursor.read)))

    def _dwelt(self) -> None:
        if not self.cursor.is_read(self.step.id):
            self.cursor.mark_read()
            self._announce()

    def language_changed(self) -> None:
        self.render_step()  # the side panes on view follow (`_sync_panes`)

    # -- navigation ---------------------------------------------------------

    def action_next(self) -> None:
        if self.cursor.next():
            self.render_step()
        else:  # the last step: now read, so the figures say 100% before the summary opens
            from tui.screens.course_done import CourseDone

            self._announce()
            self.app.push_screen(CourseDone(self.course, self.cursor, self.language), self._after_done)

    def _after_done(self, choice: SessionKind | None) -> None:
        if choice is not None:
            self.request_quiz(choice)

    def action_previous(self) -> None:
        if self.cursor.previous():
            self.render_step()

    def action_lesson(self, delta: int) -> None:
        # From a lesson's last step, `]` goes where next goes: it counts as moving on, like next.
        if delta == 1 and self.step is self.lesson.steps[-1]:
            self.cursor.mark_read()
        if self.cursor.jump_lesson(delta):
            self.render_step()

    def jump_to_step(self, step_id: str, unit: int | None = None) -> None:
        """Show a step; with `unit`, select that unit (so the source panel shows its quotes)."""
        if self.cursor.go(step_id):
            self.render_step()
            if unit is not None:
                self.query_one(StepView).select(unit)

    def open_term(self, term_id: str) -> None:
        self.remove_class("-hide-glossary")
        self.add_class("-show-glossary")
        self._panes_shown()
        self.query_one(GlossaryPanel).show_term(term_id)

    @on(Outline.Jump)
    def _outline_jump(self, event: Outline.Jump) -> None:
        self.jump_to_step(event.step_id)
        if self.has_class("-narrow"):
            self.remove_class("-show-outline")
            self.query_one(StepView).focus()

    @on(StepView.Selected)
    def _unit_selected(self, event: StepView.Selected) -> None:
        # A selection made before the last step change arrives late: the new step's first
        # unit is already shown, and an old unit's sources must not replace it.
        if event.unit is self.query_one(StepView).selected_unit:
            self.query_one(SourcePanel).show(event.unit, self.language)

    @on(StepView.LinkClicked)
    def _link_clicked(self, event: StepView.LinkClicked) -> None:
        href = event.href
        if not href.startswith("https://"):
            self.notify(t("notice.link_refused", self.language, href=href), severity="warning", markup=False)
            return

        from tui.screens.confirm import ConfirmScreen

        def opened(answer: bool | None) -> None:
            if answer:
                self.app.open_url(href)

        self.app.push_screen(
            ConfirmScreen(t("confirm.open_link", self.language, href=href), self.language), opened
        )

    @on(StepView.TermClicked)
    def _term_clicked(self, event: StepView.TermClicked) -> None:
        self.open_term(event.term)

    # -- panels ---------------------------------------------------------------

    def action_glossary(self) -> None:
        self.remove_class("-hide-glossary")
        self.add_class("-show-glossary")
        self._panes_shown()
        self.query_one(GlossaryPanel).focus_filter()

    def action_back_to_step(self) -> None:
        self.remove_class("-show-glossary", "-show-outline")
        self.query_one(StepView).focus()
        self.refresh_bindings()

    def action_toggle_sources(self) -> None:
        self.toggle_class("-hide-sources")

    def action_toggle_outline(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("-show-outline")
        else:
            self.toggle_class("-hide-outline")
        self._panes_shown()
        if self.has_class("-show-outline"):
            self.query_one(Outline).focus()

    def action_next_term(self) -> None:
        terms = self.step_terms(self.step)
        if not terms:
            self.notify(t("notice.no_terms", self.language), timeout=2)
            return
        self._term_cursor = (self._term_cursor + 1) % len(terms)
        self.open_term(terms[self._term_cursor])

    def action_quiz(self) -> None:
        self.request_quiz()

    def action_who_says_what(self) -> None:
        self.open_matrix()

    def open_matrix(self) -> None:
        """The "who says what" matrix; it comes back with a disagreement card's place to open."""
        from tui.screens.who_says_what import WhoSaysWhat

        self.app.push_screen(WhoSaysWhat(self.course, self.language), self._matrix_closed)

    def _matrix_closed(self, place: tuple[str, int] | None) -> None:
        if place is not None:
            self.jump_to_step(*place)

    def request_quiz(self, kind: SessionKind = "new") -> None:
        self.post_message(self.QuizRequested(self.lesson.id if kind == "new" else None, kind))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back_to_step":
            # Escape hides a pane that covers the step (below 100 columns) or takes the focus
            # back from a side pane; with the step focused and the panes beside it, it does
            # nothing, so it is not offered.
            away = self.focused is not None and not isinstance(self.focused, StepView)
            covering = self.has_class("-narrow") and (
                self.has_class("-show-glossary") or self.has_class("-show-outline")
            )
            return away or covering
        return self.workshop if action == "appraise" else True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # escape shows in the footer only away from the step

    def action_appraise(self) -> None:
        self.request_appraise()

    def request_appraise(self) -> None:
        self.post_message(self.AppraiseRequested())

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        # Every key a reader can use here: the screen's, the step view's item keys, the palette.
        own = [b for b in self.BINDINGS if isinstance(b, Binding)]
        items = [b for b in StepView.BINDINGS if isinstance(b, Binding) and b.action.startswith("move")]
        palette = [b for b in type(self.app).BINDINGS if isinstance(b, Binding)]
        self.app.push_screen(HelpScreen([*own, *items, *palette], self.language))


class StepPeek(WalkthroughScreen):
    """The walkthrough opened from quiz feedback at the teaching step; escape goes back."""

    BINDINGS = [
        Binding("escape,b", "app.pop_screen", "key.back_to_quiz"),
        Binding("x", "app.pop_screen", "key.back_to_quiz", show=False),
    ]

    def __init__(
        self, course: Course, step_id: str, *, language: str, read: frozenset[str] = frozenset()
    ) -> None:
        # The learner's read marks, so its progress line tells the truth (a peek saves none).
        super().__init__(course, Cursor.at(course, step_id, read=read), language=language, peek=True)
