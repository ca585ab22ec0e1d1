"""Rating one article with DISCERN, question by question, then the results beside the reference.

`AppraiseScreen` owns the position and the ratings of one article; each rating goes up through
`on_rate` as soon as it is given (the home saves it). The reference rating of a question stays
hidden until the learner has rated it; before that, `s` shows the passages the reference cites.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from tui.content.discern import QUESTIONS, Discern
from tui.content.model import Course
from tui.i18n import t
from tui.screens.base import LocalisedScreen
from tui.widgets.discern_view import (
    article_name,
    passages_content,
    progress_dots,
    question_content,
    rating_row,
    reference_content,
    scale_content,
    summary_content,
)
from tui.widgets.key_footer import KeyFooter
from tui.widgets.labels import pick

OnRate = Callable[[str, int, int], None]  # article, question, rating


class AppraiseScreen(LocalisedScreen[bool]):
    """Dismissed with True when all 16 are rated and the learner moves on, else False."""

    AUTO_FOCUS = "#appraise-more"

    BINDINGS = [
        *[Binding(str(n), f"rate({n})", "key.rate", show=False) for n in range(1, 6)],
        Binding("s", "passages", "key.passages"),
        Binding("enter,n,right", "next", "key.next_question", key_display="enter", priority=True),
        Binding("p,left", "previous", "key.previous_question", key_display="p", priority=True),
        Binding("escape", "leave", "key.articles"),
        Binding("l", "app.cycle_language", "key.language"),
        Binding("q", "app.quit", "key.quit"),
    ]

    def __init__(
        self,
        course: Course,
        discern: Discern,
        seed: str,
        *,
        ratings: Mapping[int, int] | None = None,
        language: str = "en",
        on_rate: OnRate = lambda seed, question, rating: None,
    ) -> None:
        super().__init__(language)
        self.course = course
        self.discern = discern
        self.seed = seed
        appraisal = discern.appraisal(seed)
        if appraisal is None:
            raise ValueError(f"no reference appraisal of {seed}")
        self.appraisal = appraisal
        self.ratings: dict[int, int] = dict(ratings or {})
        self.on_rate = on_rate
        self.number = next((q for q in QUESTIONS if q not in self.ratings), 1)
        self.passages = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="appraise-top"):
            yield Static(id="appraise-progress")
            yield Static(id="appraise-question")
            yield Static(id="appraise-row")
            yield Static(id="appraise-keys")
        with VerticalScroll(id="appraise-more"):
            yield Static(id="appraise-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show()

    def language_changed(self) -> None:
        self.show()

    @property
    def rated(self) -> bool:
        return self.number in self.ratings

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":
            return self.rated
        if action == "previous":
            return self.number > 1
        if action == "passages":
            return not self.rated
        return True

    def show(self) -> None:
        lang, number = self.language, self.number
        self.sub_title = article_name(self.course, self.seed, lang)
        section = self.discern.instrument.section(self.discern.instrument.question(number).section)
        self.query_one("#appraise-progress", Static).update(
            Content.assemble(
                (t("appraise.question", lang, n=number), "bold"),
                " · ",
                (pick(section.title, lang).replace("\n", " / "), "italic"),
                "  ",
                (progress_dots(self.ratings, number), "$text-accent"),
            )
        )
        self.query_one("#appraise-question", Static).update(question_content(self.discern, number, lang))
        chosen = self.ratings.get(number)
        reference = self.appraisal.rating(number).score if chosen is not None else None
        self.query_one("#appraise-row", Static).update(rating_row(number, lang, chosen, reference))
        keys = "appraise.keys_rated" if self.rated else "appraise.keys_rate"
        self.query_one("#appraise-keys", Static).update(Content.styled(t(keys, lang), "italic $text-muted"))
        detail = self.query_one("#appraise-detail", Static)
        if chosen is not None:
            detail.update(reference_content(self.course, self.appraisal, number, chosen, lang))
        elif self.passages:
            detail.update(passages_content(self.course, self.appraisal, number, lang))
        else:
            detail.update(scale_content(self.discern, number, lang))
        self.query_one("#appraise-more", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    # -- actions ----------------------------------------------------------------------

    def action_rate(self, rating: int) -> None:
        if self.ratings.get(self.number) == rating:
            return
        self.ratings[self.number] = rating
        self.on_rate(self.seed, self.number, rating)
        self.show()

    def action_passages(self) -> None:
        if not self.rated:
            self.passages = not self.passages
            self.show()

    def action_next(self) -> None:
        if not self.rated:
            return
        if self.number < len(QUESTIONS):
            self.number += 1
        else:
            unrated = [q for q in QUESTIONS if q not in self.ratings]
            if not unrated:
                self.dismiss(True)
                return
            self.number = unrated[0]
        self.passages = False
        self.show()

    def action_previous(self) -> None:
        if self.number > 1:
            self.number -= 1
            self.passages = False
            self.show()

    def action_leave(self) -> None:
        self.dismiss(False)


class AppraisalSummary(LocalisedScreen[None]):
    """The learner's ratings of one article beside the reference: sections, questions, ranking."""

    AUTO_FOCUS = "#appraise-summary"

    BINDINGS = [
        Binding("escape,enter,b", "app.pop_screen", "key.articles"),
        Binding("l", "app.cycle_language", "key.language"),
        Binding("q", "app.quit", "key.quit"),
    ]

    def __init__(
        self,
        course: Course,
        discern: Discern,
        seed: str,
        learner: Mapping[str, Mapping[int, int]],
        *,
        language: str = "en",
    ) -> None:
        super().__init__(language)
        self.course = course
        self.discern = discern
        self.seed = seed
        self.learner = learner

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="appraise-summary"):
            yield Static(id="appraise-summary-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show()

    def language_changed(self) -> None:
        self.show()

    def show(self) -> None:
        self.sub_title = t("appraise.summary", self.language)
        self.query_one("#appraise-summary-body", Static).update(
            summary_content(self.course, self.discern, self.seed, self.learner, self.language)
        )
