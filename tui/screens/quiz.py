"""Self-quiz: one question at a time, explained feedback with sources, saved after every answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.content.model import Course, Question
from tui.quiz.cards import question_hash
from tui.quiz.grading import Answer, Grade, describe_answer, grade
from tui.quiz.session import lesson_of
from tui.widgets.labels import pick
from tui.widgets.quiz_feedback import feedback_content
from tui.widgets.quiz_inputs import AnswerInput, RecallInput, make_input

TYPE_NAMES = {
    "single": ("Single choice", "単一選択"),
    "multiple": ("Multiple answer", "複数選択"),
    "myth_fact": ("Myth or fact", "正誤"),
    "order": ("Put in order", "並べ替え"),
    "match": ("Match pairs", "組み合わせ"),
    "recall": ("Term recall", "用語の想起"),
}


@dataclass
class Result:
    question: Question
    answer: Answer
    grade: Grade


class QuizScreen(Screen[None]):
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Next and teaching-step keys only apply once the question is answered."""
        if action in ("next", "teach"):
            return self.answered
        return True

    """Owns the session: its questions, position and results. Answers go up as messages."""

    BINDINGS = [
        Binding("enter,n", "next", "Next"),
        Binding("w", "teach", "Teaching step"),
        Binding("l", "cycle_language", "Language"),
        Binding("escape", "finish", "End quiz"),
        Binding("q", "app.quit", "Quit"),
    ]

    @dataclass
    class Answered(Message):
        """An answer to save. The app writes it to the review log at once."""

        record: dict[str, object]

    @dataclass
    class ShowStep(Message):
        """Open the walkthrough at the step that teaches a question."""

        step_id: str

    @dataclass
    class Finished(Message):
        results: list[Result]

    def __init__(
        self,
        course: Course,
        questions: list[Question],
        *,
        language: str = "en",
        seed: int = 0,
        now: Callable[[], datetime],
        title: str = "",
    ) -> None:
        super().__init__()
        self.course = course
        self.questions = questions
        self.language = language if language in ("en", "ja", "both") else "en"
        self.seed = seed
        self.now = now
        self.quiz_title = title
        self.index = 0
        self.results: list[Result] = []
        self.terms = {t.id: t for t in course.terms}
        self.steps = lesson_of(course)
        self.answered = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="quiz"):
            yield Static(id="quiz-progress")
            yield Static(id="quiz-prompt")
            yield Vertical(id="quiz-input")
            yield Static(id="quiz-feedback")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.quiz_title
        self.show_question()

    @property
    def question(self) -> Question:
        return self.questions[self.index]

    def show_question(self) -> None:
        q = self.question
        one = "ja" if self.language == "ja" else "en"
        lesson = next(lesson for lesson in self.course.lessons if lesson.id == self.steps[q.step])
        kind = TYPE_NAMES[q.type][1 if one == "ja" else 0]
        counter = "問題" if one == "ja" else "Question"
        self.query_one("#quiz-progress", Static).update(
            Content.assemble(
                (f"{counter} {self.index + 1}/{len(self.questions)}", "bold"),
                f" · {kind} · ",
                (pick(lesson.title, one), "italic $text-muted"),
            )
        )
        self.query_one("#quiz-prompt", Static).update(Content.styled(pick(q.prompt, self.language), "bold"))
        feedback = self.query_one("#quiz-feedback", Static)
        feedback.update("")
        feedback.display = False
        box = self.query_one("#quiz-input", Vertical)
        box.remove_children()
        widget = make_input(q, one, self.seed + self.index)
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
        self.post_message(
            self.Answered(
                {
                    "question": q.id,
                    "hash": question_hash(q),
                    "lesson": self.steps[q.step],
                    "time": self.now().isoformat(),
                    "correct": result.grade.correct,
                    "score": round(result.grade.score, 3),
                    "answer": describe_answer(q, event.answer, "en"),
                }
            )
        )
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
            self.post_message(self.Finished(self.results))

    def action_finish(self) -> None:
        self.post_message(self.Finished(self.results))

    def action_teach(self) -> None:
        if self.answered:
            self.post_message(self.ShowStep(self.question.step))

    def action_cycle_language(self) -> None:
        order = ("en", "ja", "both")
        self.language = order[(order.index(self.language) + 1) % 3]
        if self.answered and self.results:
            self.query_one("#quiz-prompt", Static).update(
                Content.styled(pick(self.question.prompt, self.language), "bold")
            )
            self.show_feedback(self.results[-1])
        else:
            self.show_question()
