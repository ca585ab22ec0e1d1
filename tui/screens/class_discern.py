"""Class DISCERN: the room appraises one article together, one question at a time.

The presenter picks the article, shows a question and its hint, counts the hands raised for
each rating (1-5 add a hand, backspace takes the last one back) and reveals the reference
(enter). Every change goes out through `on_change` (the classroom publishes it to followers)
and every count through `on_hands` (saved on the presenter's machine). A follower shows the
same question, count and reveal, and cannot drive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.content.discern import QUESTIONS, Discern
from tui.content.language import Language
from tui.content.model import Course
from tui.i18n import t
from tui.quiz.appraisals import Hands
from tui.screens.base import LocalisedScreen
from tui.widgets.discern_view import article_name, article_title, question_content
from tui.widgets.hands import class_summary_lines, hands_content, reference_content_for_class
from tui.widgets.key_footer import KeyFooter
from tui.widgets.labels import pick


@dataclass(frozen=True)
class DiscernShown:
    """What the room sees: the article (None while choosing), question, reveal and hands."""

    seed: str | None
    number: int
    revealed: bool
    hands: tuple[int, int, int, int, int]


OnChange = Callable[[DiscernShown], None]
OnHands = Callable[[str, int, tuple[int, int, int, int, int]], None]  # article, question, hands


class ClassDiscernScreen(LocalisedScreen[None]):
    AUTO_FOCUS = "#class-discern-articles"

    BINDINGS = [
        *[Binding(str(n), f"hand({n})", "key.hand", show=False) for n in range(1, 6)],
        Binding("backspace", "undo", "key.undo_hand"),
        Binding("enter", "reveal", "key.reveal_reference"),
        Binding("n,right,pagedown,space", "move(1)", "key.next_question"),
        Binding("p,left,pageup", "move(-1)", "key.previous_question", show=False),
        Binding("l", "app.cycle_language", "key.language"),
        Binding("escape", "app.pop_screen", "key.back_to_slides"),
    ]

    def __init__(
        self,
        course: Course,
        discern: Discern,
        language: Language,
        *,
        follower: bool = False,
        on_change: OnChange | None = None,
        on_hands: OnHands | None = None,
    ) -> None:
        super().__init__(language)
        self.course = course
        self.discern = discern
        self.follower = follower
        self.on_change = on_change
        self.on_hands = on_hands
        self.seed: str | None = None
        self.number = 1
        self.hands: dict[int, Hands] = {}
        self.revealed: set[int] = set()
        self.finished = False  # the presenter's table of the whole article, after question 16

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="class-discern"):
            yield Static(id="class-discern-body")
            yield OptionList(id="class-discern-articles")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.set_class(self.follower, "-follower")  # the projector shows no keys
        self.show()

    def language_changed(self) -> None:
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cycle_language":
            return not self.follower
        if action in ("hand", "undo", "reveal", "move"):
            if self.follower or self.seed is None:
                return False
            return action == "move" or not self.finished  # the final table only pages back
        return True

    @property
    def current(self) -> Hands:
        return self.hands.setdefault(self.number, Hands())

    def shown(self) -> DiscernShown:
        if self.seed is None:
            return DiscernShown(None, 0, False, (0, 0, 0, 0, 0))
        return DiscernShown(self.seed, self.number, self.number in self.revealed, self.current.as_tuple())

    # -- drawing ----------------------------------------------------------------------

    def show(self) -> None:
        lang = self.language
        body = self.query_one("#class-discern-body", Static)
        articles = self.query_one("#class-discern-articles", OptionList)
        choosing = self.seed is None
        articles.display = choosing and not self.follower
        if choosing:
            key = "class_discern.waiting" if self.follower else "class_discern.choose"
            body.update(Content.styled(t(key, lang), "bold $text-accent"))
            if not self.follower:
                highlighted = articles.highlighted
                articles.set_options(
                    Option(
                        Content("\n").join(
                            [
                                Content.styled(article_name(self.course, a.seed, lang), "bold"),
                                Content.styled(
                                    f"  {article_title(self.course, a.seed, lang)}", "italic $text-muted"
                                ),
                            ]
                        ),
                        id=a.seed,
                    )
                    for a in self.discern.appraisals
                )
                articles.highlighted = highlighted if highlighted is not None else 0
                articles.focus()
        elif self.finished:
            appraisal = self.discern.appraisal(self.seed or "")
            assert appraisal is not None
            lines = [Content.styled(article_name(self.course, appraisal.seed, lang), "bold $text-accent")]
            lines += class_summary_lines(self.discern, appraisal, self.hands, lang)
            body.update(Content("\n").join(lines))
        else:
            body.update(self.question_body())
        self.refresh_bindings()
        if self.on_change is not None and not self.follower:
            self.on_change(self.shown())

    def question_body(self) -> Content:
        lang, number = self.language, self.number
        appraisal = self.discern.appraisal(self.seed or "")
        assert appraisal is not None
        section = self.discern.instrument.section(self.discern.instrument.question(number).section)
        hands = self.current
        revealed = number in self.revealed
        reference = appraisal.rating(number).score if revealed else None
        median = hands.median
        votes = t("class_discern.votes", lang, n=hands.votes)
        if median is not None:
            votes += " · " + t("class_discern.median", lang, m=f"{median:g}")
        lines = [
            Content.assemble(
                (article_name(self.course, appraisal.seed, lang), "bold"),
                " · ",
                (t("appraise.question", lang, n=number), "bold"),
                " · ",
                (pick(section.title, lang).replace("\n", " / "), "italic $text-muted"),
            ),
            Content(""),
            question_content(self.discern, number, lang),
            Content(""),
            hands_content(number, hands.counts, lang, reference),
            Content.styled(f"  {votes}", "$text-muted"),
            Content(""),
        ]
        if revealed:
            lines.append(reference_content_for_class(self.course, appraisal, number, median, lang))
        else:
            key = "class_discern.hidden_audience" if self.follower else "class_discern.hidden"
            lines.append(Content.styled(t(key, lang), "italic $text-muted"))
        if not self.follower:
            lines += [Content(""), Content.styled(t("class_discern.keys", lang), "italic $text-muted")]
        return Content("\n").join(lines)

    # -- the presenter ----------------------------------------------------------------

    @on(OptionList.OptionSelected, "#class-discern-articles")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None and not self.follower:
            self.seed, self.number = event.option_id, 1
            self.query_one("#class-discern").focus()
            self.show()

    def action_hand(self, rating: int) -> None:
        if self.current.add(rating):
            self._counted()

    def action_undo(self) -> None:
        if self.current.undo() is not None:
            self._counted()

    def _counted(self) -> None:
        if self.on_hands is not None and self.seed is not None:
            self.on_hands(self.seed, self.number, self.current.as_tuple())
        self.show()

    def action_reveal(self) -> None:
        if self.seed is not None and self.number not in self.revealed:
            self.revealed.add(self.number)
            self.show()

    def action_move(self, delta: int) -> None:
        if self.finished:
            self.finished = delta > 0
        elif 1 <= self.number + delta <= len(QUESTIONS):
            self.number += delta
        elif delta > 0:
            self.finished = True
        else:
            return
        self.query_one("#class-discern").scroll_home(animate=False)
        self.show()

    # -- a follower -------------------------------------------------------------------

    def apply(self, shown: DiscernShown) -> None:
        """Follower: show what the presenter shows."""
        if shown.seed is not None and self.discern.appraisal(shown.seed) is None:
            return
        if shown.seed != self.seed:
            self.hands, self.revealed = {}, set()
        self.seed = shown.seed
        if shown.seed is not None:
            self.number = shown.number
            self.hands[shown.number] = Hands.of(shown.hands)
            if shown.revealed:
                self.revealed.add(shown.number)
            else:
                self.revealed.discard(shown.number)
        self.show()
