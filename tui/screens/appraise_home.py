"""The appraise mode's home: the five articles, how far the learner has rated each, and the
rankings. It owns the learner's DISCERN ratings and saves each one as it is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from tui.content.discern import QUESTIONS, Discern, complete
from tui.content.model import Course
from tui.i18n import t
from tui.quiz.appraisals import by_article
from tui.quiz.db import ReviewDB
from tui.screens.appraise import AppraisalSummary, AppraiseScreen
from tui.screens.base import LocalisedScreen
from tui.widgets.discern_view import article_name, article_title, ranking_lines
from tui.widgets.key_footer import KeyFooter


@dataclass(frozen=True)
class AppraiseRequest:
    """The appraise mode as asked for on the command line: an article to rate at once, or none."""

    article: str | None = None


def article_option(course: Course, seed: str, ratings: dict[int, int], reference: int, lang: str) -> Content:
    """Two lines: the article and how far it is rated; its title."""
    if complete(ratings):
        state = Content.styled(
            "✓ " + t("appraise.done", lang, you=ratings[16], ref=reference), "bold $text-success"
        )
    elif ratings:
        state = Content.styled(t("appraise.progress", lang, n=len(ratings)), "$text-accent")
    else:
        state = Content.styled(t("appraise.not_started", lang), "$text-muted")
    return Content("\n").join(
        [
            Content.assemble((article_name(course, seed, lang), "bold"), "  ", state),
            Content.styled(f"  {article_title(course, seed, lang)}", "italic $text-muted"),
        ]
    )


class AppraiseHome(LocalisedScreen[None]):
    """Pick an article to rate (enter), see the results (r). Pushes the rating sessions."""

    AUTO_FOCUS = "#appraise-articles"

    BINDINGS = [
        Binding("r", "results", "key.results"),
        Binding("w", "app.switch_mode('walkthrough')", "key.walkthrough"),
        Binding("l", "app.cycle_language", "key.language"),
        Binding("q", "app.quit", "key.quit"),
    ]

    def __init__(
        self,
        course: Course,
        discern: Discern,
        store: ReviewDB | None,
        *,
        language: str = "en",
        now: Callable[[], datetime],
        start: AppraiseRequest | None = None,
    ) -> None:
        super().__init__(language)
        self.course = course
        self.discern = discern
        self.store = store
        self.now = now
        self.first = start
        self.seeds = [a.seed for a in discern.appraisals]
        self.learner: dict[str, dict[int, int]] = {}
        self._save_warned = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="appraise-home"):
            yield Static(id="appraise-intro")
            yield OptionList(id="appraise-articles")
            yield Static(id="appraise-home-keys")
            # Not focusable: the arrows belong to the list; the wheel and scrollbar still work.
            with VerticalScroll(id="appraise-ranking-box", can_focus=False):
                yield Static(id="appraise-ranking")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()
        self.show()
        if self.first is not None and self.first.article is not None:
            self.call_after_refresh(self.appraise, self.first.article)
        self.first = None

    def on_screen_resume(self) -> None:
        self.show()

    def language_changed(self) -> None:
        self.show()

    def load(self) -> None:
        """The saved ratings, for the articles this course appraises."""
        if self.store is None:
            return
        saved = by_article(self.store.article_ratings())
        self.learner = {seed: saved[seed] for seed in self.seeds if seed in saved}
        self.tell_notices()

    def tell_notices(self) -> None:
        """What the database had to say on opening (set aside, newer, not a regular file ...)."""
        if self.store is None:
            return
        for notice in self.store.notices:
            self.notify(
                notice.text(self.language),
                title=t("store.title", self.language),
                severity="warning",
                timeout=12,
                markup=False,
            )
        self.store.notices.clear()

    def show(self) -> None:
        lang = self.language
        self.sub_title = t("appraise.title", lang)
        self.query_one("#appraise-intro", Static).update(Content(t("appraise.intro", lang)))
        articles = self.query_one("#appraise-articles", OptionList)
        highlighted = articles.highlighted
        articles.set_options(
            Option(
                article_option(
                    self.course,
                    seed,
                    self.learner.get(seed, {}),
                    self.discern.appraisal(seed).rating(16).score,  # type: ignore[union-attr]
                    lang,
                ),
                id=seed,
            )
            for seed in self.seeds
        )
        articles.highlighted = highlighted if highlighted is not None else 0
        self.query_one("#appraise-ranking", Static).update(
            Content("\n").join(ranking_lines(self.course, self.discern, self.learner, lang))
        )
        self.query_one("#appraise-home-keys", Static).update(
            Content.styled(t("appraise.home_keys", lang), "italic $text-muted")
        )

    @property
    def chosen(self) -> str | None:
        index = self.query_one("#appraise-articles", OptionList).highlighted
        return self.seeds[index] if index is not None else None

    @on(OptionList.OptionSelected, "#appraise-articles")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is not None:
            self.appraise(event.option_id)

    def appraise(self, seed: str) -> None:
        """Rate `seed`, from its first unrated question (or from 1, showing earlier ratings)."""
        if seed not in self.seeds:
            return
        self.query_one("#appraise-articles", OptionList).highlighted = self.seeds.index(seed)

        def finished(done: bool | None) -> None:
            if done:
                self.results(seed)

        self.app.push_screen(
            AppraiseScreen(
                self.course,
                self.discern,
                seed,
                ratings=self.learner.get(seed, {}),
                language=self.language,
                on_rate=self.save,
            ),
            finished,
        )

    def action_results(self) -> None:
        seed = self.chosen
        if seed is not None:
            self.results(seed)

    def results(self, seed: str) -> None:
        if not complete(self.learner.get(seed, {})):
            self.notify(t("appraise.not_complete", self.language, n=len(QUESTIONS)), timeout=4)
            return
        self.app.push_screen(
            AppraisalSummary(self.course, self.discern, seed, self.learner, language=self.language)
        )

    def save(self, seed: str, question: int, rating: int) -> None:
        """Keep the rating, and save it at once; say so once if it cannot be saved."""
        self.learner.setdefault(seed, {})[question] = rating
        if self.store is None or self.store.rate_article(seed, question, rating, self.now()):
            return
        self.tell_notices()
        if not self._save_warned:
            self._save_warned = True
            reason = self.store.last_error or "?"
            self.notify(
                t("appraise.not_saved", self.language, reason=reason),
                title=t("store.title", self.language),
                severity="warning",
                timeout=12,
                markup=False,
            )
