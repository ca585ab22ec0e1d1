"""Self-quiz: one question at a time, explained feedback with sources, saved after every answer."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace

from fsrs import Rating
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from tui.content.model import Course, Question, Text
from tui.i18n import t
from tui.quiz.cards import allowed_ratings
from tui.quiz.grading import grade
from tui.quiz.order import option_order
from tui.quiz.records import Result, Schedule
from tui.quiz.session import lesson_of
from tui.richtext import to_content
from tui.screens.base import LocalisedScreen
from tui.screens.walkthrough import StepPeek
from tui.widgets.key_footer import KeyFooter
from tui.widgets.labels import pick
from tui.widgets.quiz_feedback import feedback_content
from tui.widgets.quiz_inputs import AnswerInput, RecallInput, make_input

Saver = Callable[[Result], "Schedule | None"]


class QuizScreen(LocalisedScreen[list[Result]]):
    """Owns the session: its questions, position and results. Dismissed with the results.

    Every presentation shuffles the options (from the session seed: a fixed `seed` reproduces
    the order, none gives a random one). After the feedback, 1–4 rate recall (FSRS's Again,
    Hard, Good, Easy) and enter/n moves on keeping the shown rating. `on_answer` saves the
    answer as soon as it is given and again when it is re-rated (same `Result.id`).
    """

    BINDINGS = [
        Binding("enter,n", "next", "key.next"),
        *[Binding(str(n), f"rate({n})", f"key.rate.{n}", show=False) for n in range(1, 5)],
        Binding("w", "teach", "key.teach"),
        Binding("l", "app.cycle_language", "key.language"),
        Binding("escape", "finish", "key.end_quiz"),
        Binding("q", "app.quit", "key.quit"),
    ]

    def __init__(
        self,
        course: Course,
        questions: list[Question],
        *,
        language: str = "en",
        seed: int | None = None,
        title: Text | None = None,
        on_answer: Saver = lambda result: None,
        unsaved: Callable[[], int] = lambda: 0,
        read: Callable[[], frozenset[str]] = frozenset,
    ) -> None:
        super().__init__(language)
        self.read = read  # the steps the learner has read, for the teaching step's progress
        self.course = course
        self.questions = questions
        # No seed: a random one per session, so orders stay put when the screen redraws.
        self.seed = seed if seed is not None else random.SystemRandom().randrange(2**32)
        self.unsaved = unsaved
        self.schedule: Schedule | None = None
        self.quiz_title = title
        self.on_answer = on_answer
        self.index = 0
        self.results: list[Result] = []
        self.terms = {term.id: term for term in course.terms}
        self.steps = lesson_of(course)
        self.answered = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Next and teaching-step keys only apply once the question is answered."""
        if action in ("next", "teach", "rate"):
            return self.answered
        return True

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="quiz"):
            yield Static(id="quiz-progress")
            yield Static(id="quiz-prompt")
            yield Vertical(id="quiz-input")
            yield Static(id="quiz-feedback")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.quiz_title.get(self.language) if self.quiz_title else ""
        self.show_question()

    @property
    def question(self) -> Question:
        return self.questions[self.index]

    @property
    def order(self) -> tuple[int, ...]:
        """The current question's options in display order (authored indices)."""
        return option_order(self.question, self.seed + self.index)

    def show_question(self) -> None:
        q = self.question
        lang = self.language
        lesson = next(lesson for lesson in self.course.lessons if lesson.id == self.steps[q.step])
        self.query_one("#quiz-progress", Static).update(
            Content.assemble(
                (f"{t('quiz.question', lang)} {self.index + 1}/{len(self.questions)}", "bold"),
                f" · {t(f'qtype.{q.type}', lang)} · ",
                (lesson.title.get(lang), "italic $text-muted"),
            )
        )
        self.query_one("#quiz-prompt", Static).update(to_content(pick(q.prompt, lang), style="bold"))
        feedback = self.query_one("#quiz-feedback", Static)
        feedback.update("")
        feedback.display = False
        box = self.query_one("#quiz-input", Vertical)
        box.remove_children()
        widget = make_input(q, lang, self.seed + self.index, self.order)
        box.mount(widget)
        if not isinstance(widget, RecallInput):
            widget.focus()
        # A new question starts at its top: the last one's feedback may have scrolled the view,
        # and a recall input (not focused until typed into) would not bring it back.
        self.query_one("#quiz", VerticalScroll).scroll_home(animate=False)
        self.answered = False

    @on(AnswerInput.Submitted)
    def _submitted(self, event: AnswerInput.Submitted) -> None:
        event.stop()
        if self.answered:
            return
        self.answered = True
        q = self.question
        shown = self.order if q.type in ("single", "multiple") else ()
        result = Result(q, event.answer, grade(q, event.answer, self.terms), shown)
        self.results.append(result)
        self.schedule = self.on_answer(result)
        for answered in self.query(AnswerInput):  # the choice marked, in the feedback's frame
            answered.redraw()
        self.show_feedback(result)

    def action_rate(self, n: int) -> None:
        """Re-rate the answer just given; a wrong answer stays Again."""
        if not (self.answered and self.results):
            return
        result = self.results[-1]
        rating = Rating(n)
        if rating not in allowed_ratings(result.grade.correct) or rating == result.final_rating:
            return
        result = replace(result, rating=rating)
        self.results[-1] = result
        self.schedule = self.on_answer(result) or self.schedule
        self.show_feedback(result, scroll=False)

    def show_feedback(self, result: Result, *, scroll: bool = True) -> None:
        feedback = self.query_one("#quiz-feedback", Static)
        feedback.update(
            feedback_content(self.course, result, self.language, self.terms, self.schedule, self.unsaved())
        )
        feedback.display = True
        feedback.set_class(result.grade.correct, "-correct")
        feedback.set_class(not result.grade.correct, "-wrong")
        self.query_one("#quiz").focus()
        if scroll:
            # The box was hidden until now and focus moves to the scroll view, which settles its
            # own scroll over the next refreshes (call_after_refresh came too early, even nested);
            # a short timer runs after that and brings the verdict to the top of the screen.
            def bring_into_view() -> None:
                self.query_one("#quiz", VerticalScroll).scroll_to_widget(feedback, animate=False, top=True)

            self.set_timer(0.02, bring_into_view)

    def action_next(self) -> None:
        if not self.answered:
            return
        if self.index + 1 < len(self.questions):
            self.index += 1
            self.show_question()
        else:
            self.dismiss(self.results)

    def action_finish(self) -> None:
        self.dismiss(self.results)

    def action_teach(self) -> None:
        if self.answered:
            peek = StepPeek(self.course, self.question.step, language=self.language, read=self.read())
            self.app.push_screen(peek)

    def language_changed(self) -> None:
        self.sub_title = self.quiz_title.get(self.language) if self.quiz_title else ""
        if self.answered and self.results:
            self.query_one("#quiz-prompt", Static).update(
                to_content(pick(self.question.prompt, self.language), style="bold")
            )
            self.show_feedback(self.results[-1], scroll=False)
        else:
            self.show_question()
