"""Class quiz for a projector: options A–D, the answer hidden until the teacher reveals it.

Options are shown in `option_order(question, seed)`: the presenter publishes the seed, so a
follower shows the same letters, and `export answer-key --seed S` prints the same order.
Myth/fact stays A Myth, B Fact. Nothing is saved to anyone's review history.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.content.language import Language
from tui.content.model import Course, Question
from tui.i18n import t
from tui.quiz.order import letter, option_order, pair_order, sequence_order
from tui.richtext import to_content
from tui.screens.base import LocalisedScreen
from tui.widgets.key_footer import KeyFooter
from tui.widgets.labels import pick

QuizChanged = Callable[[str, bool, int], None]  # question id, revealed, option-order seed


def question_content(
    course: Course,
    q: Question,
    lang: Language,
    revealed: bool,
    number: str,
    *,
    audience: bool = False,
    order: tuple[int, ...] | None = None,
    seed: int | None = None,
) -> Content:
    lines = [
        Content.styled(number, "$text-muted"),
        Content(""),
        to_content(pick(q.prompt, lang), style="bold"),
        Content(""),
    ]
    if q.type in ("order", "match", "recall"):
        lines += _arranged(course, q, lang, revealed, seed)
        options = []
    elif q.type == "myth_fact":
        options = [
            ("A", t("class.myth", lang), q.answer == "myth"),
            ("B", t("class.fact", lang), q.answer == "fact"),
        ]
    else:
        shown = order if order is not None else tuple(range(len(q.options)))
        options = [
            (letter(n), pick(q.options[i].text, lang), q.options[i].correct) for n, i in enumerate(shown)
        ]
    for label, text, correct in options:
        style = "bold $text-success" if revealed and correct else "$text-muted" if revealed else ""
        mark = " ✔" if revealed and correct else ""
        lines.append(
            Content.assemble(
                (f"  {label}. ", "bold"), to_content(text, style=style), (mark, "bold $text-success")
            )
        )
    if revealed:
        lines += [
            Content(""),
            Content.styled(t("class.why", lang), "bold"),
            to_content(pick(q.explanation, lang)),
        ]
        for ref in q.sources:
            source = course.source(ref.seed)
            publisher = source.publisher if source and source.publisher else "—"
            lines.append(
                Content.assemble(
                    "\n",
                    (ref.seed, "bold $text-accent"),
                    f" · {publisher}\n「",
                    (ref.quote, "bold"),
                    "」",
                )
            )
    else:
        # The audience never sees the teacher's key hints.
        hidden = t("class.hidden_audience" if audience else "class.hidden", lang)
        lines += [Content(""), Content.styled(hidden, "italic $text-muted")]
    return Content("\n").join(lines)


def _arranged(course: Course, q: Question, lang: Language, revealed: bool, seed: int | None) -> list[Content]:
    """Order, match and recall on a projector: the room answers with letters or a word."""
    lines: list[Content] = []
    if q.type == "order":
        shown = sequence_order(q, seed)
        lines += [to_content(f"  {letter(n)}. {pick(q.sequence[i], lang)}") for n, i in enumerate(shown)]
        if revealed:
            answer = " → ".join(letter(shown.index(i)) for i in range(len(q.sequence)))
            lines += [Content(""), Content.styled(f"✔ {answer}", "bold $text-success")]
    elif q.type == "match":
        rights = pair_order(q, seed)
        for n, pair in enumerate(q.pairs):
            lines.append(to_content(f"  {n + 1}. {pick(pair.left, lang)}"))
        lines.append(Content(""))
        for n, i in enumerate(rights):
            lines.append(to_content(f"  {letter(n)}. {pick(q.pairs[i].right, lang)}"))
        if revealed:
            answer = "  ".join(f"{n + 1}→{letter(rights.index(n))}" for n in range(len(q.pairs)))
            lines += [Content(""), Content.styled(f"✔ {answer}", "bold $text-success")]
    elif revealed:  # recall: the room calls out the term
        term = course.term(q.term or "")
        answer = f"{term.ja} ({term.reading}) / {term.en}" if term else ", ".join(q.accept)
        lines.append(Content.styled(f"✔ {answer}", "bold $text-success"))
    return lines


class ClassQuizScreen(LocalisedScreen[None]):
    BINDINGS = [
        Binding("space,a,enter", "reveal", "key.reveal"),
        Binding("right,n,pagedown", "move(1)", "key.next_question"),
        Binding("left,p,pageup", "move(-1)", "key.previous_question", show=False),
        Binding("l", "app.cycle_language", "key.language"),
        Binding("escape,c", "app.pop_screen", "key.back_to_slides"),
    ]

    def __init__(
        self,
        course: Course,
        questions: list[Question],
        language: Language,
        *,
        seed: int = 0,
        follower: bool = False,
        on_change: QuizChanged | None = None,
    ) -> None:
        super().__init__(language)
        self.course = course
        self.questions = questions
        self.seed = seed
        self.follower = follower
        self.on_change = on_change
        self.index = 0
        self.revealed = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="class-quiz"):
            yield Static(id="class-quiz-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.set_class(self.follower, "-follower")
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.follower and action in ("reveal", "move", "cycle_language"))

    def language_changed(self) -> None:
        self.show()

    def show(self) -> None:
        q = self.questions[self.index]
        number = t("class.quiz_number", self.language, n=self.index + 1, total=len(self.questions))
        if not self.follower:  # the teacher can print the matching answer key
            number += "  ·  " + t("class.seed", self.language, seed=self.seed)
        self.query_one("#class-quiz-body", Static).update(
            question_content(
                self.course,
                q,
                self.language,
                self.revealed,
                number,
                audience=self.follower,
                order=option_order(q, self.seed),
                seed=self.seed,
            )
        )
        if self.on_change is not None:
            self.on_change(q.id, self.revealed, self.seed)

    def action_reveal(self) -> None:
        self.revealed = True
        self.show()

    def action_move(self, delta: int) -> None:
        index = self.index + delta
        if 0 <= index < len(self.questions):
            self.index, self.revealed = index, False
            self.show()
        else:  # say so, rather than a key that seems to do nothing
            self.notify(
                t("class.last_question" if delta > 0 else "class.first_question", self.language), timeout=3
            )

    def apply(self, question_id: str, revealed: bool) -> None:
        """Follower: show what the presenter shows."""
        for n, q in enumerate(self.questions):
            if q.id == question_id:
                self.index, self.revealed = n, revealed
                self.show()
                return
