"""Self-quiz: one question at a time, explained feedback with sources, saved after every answer."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from tui.content.model import Course, Question, Text
from tui.i18n import t
from tui.quiz.grading import grade
from tui.quiz.records import Result
from tui.quiz.session import lesson_of
from tui.screens.base import LocalisedScreen
from tui.screens.walkthrough import StepPeek
from tui.widgets.labels import pick
from tui.widgets.quiz_feedback import feedback_content
from tui.widgets.quiz_inputs import AnswerInput, RecallInput, make_input


class QuizScreen(LocalisedScreen[list[Result]]):
    """Owns the session: its questions, position and results. Dismissed with the results."""

    BINDINGS = [
        Binding("enter,n", "next", "key.next"),
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
        seed: int = 0,
        title: Text | None = None,
        on_answer: Callable[[Result], None] = lambda result: None,
    ) -> None:
        super().__init__(language)
        self.course = course
        self.questions = questions
        self.seed = seed
        self.quiz_title = title
        self.on_answer = on_answer
        self.index = 0
        self.results: list[Result] = []
        self.terms = {term.id: term for term in course.terms}
        self.steps = lesson_of(course)
        self.answered = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Next and teaching-step keys only apply once the question is answered."""
        if action in ("next", "teach"):
            return self.answered
        return True

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="quiz"):
            yield Static(id="quiz-progress")
            yield Static(id="quiz-prompt")
            yield Vertical(id="quiz-input")
            yield Static(id="quiz-feedback")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.quiz_title.get(self.language) if self.quiz_title else ""
        self.show_question()

    @property
    def question(self) -> Question:
        return self.questions[self.index]

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
        self.query_one("#quiz-prompt", Static).update(Content.styled(pick(q.prompt, lang), "bold"))
        feedback = self.query_one("#quiz-feedback", Static)
        feedback.update("")
        feedback.display = False
        box = self.query_one("#quiz-input", Vertical)
        box.remove_children()
        widget = make_input(q, lang, self.seed + self.index)
        box.mount(widget)
        if not isinstance(widget, RecallInput):
            widget.focus()
        self.answered = False

    @on(AnswerInput.Submitted)
    def _submitted(self, event: AnswerInput.Submitted) -> None:
        event.stop()
        if self.answered:
            return
        self.answered = True
        q = self.question
        result = Result(q, event.answer, grade(q, event.answer, self.terms))
        self.results.append(result)
        self.on_answer(result)
        self.show_feedback(result)

    def show_feedback(self, result: Result) -> None:
        feedback = self.query_one("#quiz-feedback", Static)
        feedback.update(
            feedback_content(
                self.course, result.question, result.answer, result.grade, self.language, self.terms
            )
        )
        feedback.display = True
        feedback.set_class(result.grade.correct, "-correct")
        feedback.set_class(not result.grade.correct, "-wrong")
        self.query_one("#quiz").focus()
        self.call_after_refresh(feedback.scroll_visible, animate=False, top=True)

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
            self.app.push_screen(StepPeek(self.course, self.question.step, language=self.language))

    def language_changed(self) -> None:
        self.sub_title = self.quiz_title.get(self.language) if self.quiz_title else ""
        if self.answered and self.results:
            self.query_one("#quiz-prompt", Static).update(
                Content.styled(pick(self.question.prompt, self.language), "bold")
            )
            self.show_feedback(self.results[-1])
        else:
            self.show_question()
