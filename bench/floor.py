"""Textual's floor for the walkthrough: the same screen, changed by the same keys, in a plain
Textual app with none of ours.

The explainer is driven through the bench's key route once, and what each step shows is
recorded: every block's text and classes, the progress line, the source panel, the glossary's
"in this step" list, the outline's open lesson, cursor and labels. `Floor` then lays out the
same widgets with the same stylesheet and, on each key, only hands Textual the recorded
content: the same objects, so their heights and table layouts are already worked out at these
widths, as the explainer works out the next steps' while the reader is idle. What it takes
from key to frame is what Textual needs to draw that change; what the explainer takes beyond
it is ours.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static, Tree
from textual.widgets.option_list import Option

CSS = Path(__file__).parent.parent / "tui" / "app.tcss"


@dataclass
class Frame:
    """What one step shows."""

    blocks: list[tuple[bool, frozenset[str], Any]]
    progress: Any
    sources: Any
    step_terms: list[Any] | None  # None: unchanged
    open_lesson: int
    cursor: tuple[int, int]  # (lesson, step) of the outline's cursor
    labels: dict[tuple[int, int], Any] = field(default_factory=dict)  # changed outline labels


@dataclass
class Route:
    size: tuple[int, int]
    screen_classes: frozenset[str]
    source_classes: frozenset[str]
    keys: list[tuple[str, str]]  # the footer: (key, description)
    outline: list[tuple[Any, list[Any]]]  # lesson label, step labels
    all_terms: list[Any]
    card: Any
    frames: list[Frame]  # [0]: the start; [n]: after the n-th key
    widths: list[int] = field(default_factory=list)  # of the first screen's blocks
    panes_shown: bool = True  # the outline and the glossary are on view (100 columns or more)


def fresh(visual: Any) -> Any:
    """A copy with nothing worked out yet (heights, table layouts)."""
    if isinstance(visual, Content):
        return Content(visual.plain, list(visual.spans))
    comparison = sys.modules.get("tui.widgets.comparison")  # not imported by the start-up floor
    if comparison is not None and isinstance(visual, comparison.ComparisonTable):
        return comparison.ComparisonTable(visual.headers, visual.rows, visual.strength_header)
    return visual


# -- the first screen as JSON, for the start-up floor ----------------------------------------
#
# The start-up floor starts a process that shows the explainer's first screen with none of
# ours: no course, no model, no modules of the app. What the screen shows is written out as
# JSON: texts with their spans, and a comparison table as the lines it drew (its layout is the
# explainer's work, not Textual's).


def _visual_json(visual: Any, width: int, console: Any) -> Any:
    from rich.text import Text
    from textual.style import Style

    if isinstance(visual, Content):
        spans = []
        for span in visual.spans:
            style = span.style
            if not isinstance(style, str):
                assert isinstance(style, Style) and style == Style.from_meta(style.meta), style
                style = {"meta": dict(style.meta)}
            spans.append([span.start, span.end, style])
        return {"content": visual.plain, "spans": spans}
    if isinstance(visual, Text):
        return {"text": visual.markup}
    if isinstance(visual, str):
        return {"content": visual, "spans": []}
    # A Rich renderable (the comparison table): the lines it draws at the block's width.
    lines = console.render_lines(visual, console.options.update_width(width), pad=False)
    text = Text("\n").join(Text.assemble(*((seg.text, seg.style) for seg in line)) for line in lines)
    return {"text": text.markup}


def _visual(data: dict[str, Any]) -> Any:
    from rich.text import Text
    from textual.content import Span
    from textual.style import Style

    if "text" in data:
        return Text.from_markup(data["text"])
    spans = [
        Span(start, end, style if isinstance(style, str) else Style.from_meta(style["meta"]))
        for start, end, style in data["spans"]
    ]
    return Content(data["content"], spans)


def first_screen_json(route: Route) -> dict[str, Any]:
    from rich.console import Console

    console = Console(width=route.size[0], force_terminal=True, color_system="truecolor")
    first = route.frames[0]
    # What the explainer has made for its first frame: the first step's blocks (the spare ones
    # are mounted after it), and the side panes' contents only if they are on view.
    shown = route.panes_shown
    return {
        "size": list(route.size),
        "screen_classes": sorted(route.screen_classes),
        "source_classes": sorted(route.source_classes),
        "keys": [list(key) for key in route.keys],
        "outline": [
            [_visual_json(lesson, 0, console), [_visual_json(step, 0, console) for step in steps]]
            for lesson, steps in (route.outline if shown else [])
        ],
        "all_terms": [_visual_json(term, 0, console) for term in (route.all_terms if shown else [])],
        "card": _visual_json(route.card if shown else "", 0, console),
        "blocks": [
            [display, sorted(classes), _visual_json(visual, width, console)]
            for (display, classes, visual), width in zip(first.blocks, route.widths, strict=True)
            if display
        ],
        "progress": _visual_json(first.progress, 0, console),
        "sources": _visual_json(first.sources, 0, console),
        "step_terms": [_visual_json(term, 0, console) for term in (first.step_terms or [] if shown else [])],
        "open_lesson": first.open_lesson,
        "cursor": list(first.cursor),
    }


def first_screen(data: dict[str, Any]) -> Route:
    """The route holding only the first screen, from `first_screen_json`."""
    frame = Frame(
        [(display, frozenset(classes), _visual(visual)) for display, classes, visual in data["blocks"]],
        _visual(data["progress"]),
        _visual(data["sources"]),
        [_visual(term) for term in data["step_terms"]],
        data["open_lesson"],
        (data["cursor"][0], data["cursor"][1]),
    )
    return Route(
        (data["size"][0], data["size"][1]),
        frozenset(data["screen_classes"]),
        frozenset(data["source_classes"]),
        [(key, description) for key, description in data["keys"]],
        [(_visual(lesson), [_visual(step) for step in steps]) for lesson, steps in data["outline"]],
        [_visual(term) for term in data["all_terms"]],
        _visual(data["card"]),
        [frame],
    )


async def record(size: tuple[int, int], language: str, keys: list[str]) -> Route:
    """Drive the explainer through `keys`, recording what each step shows."""
    from tui.app import make_app
    from tui.content.loader import load_course
    from tui.screens.walkthrough import WalkthroughScreen
    from tui.widgets.glossary_panel import GlossaryPanel
    from tui.widgets.outline import Outline
    from tui.widgets.source_panel import SourcePanel
    from tui.widgets.step_view import StepView

    app = make_app(load_course(), Path(tempfile.mkdtemp()), save=False)
    async with app.run_test(size=size) as pilot:
        app.language = language  # type: ignore[assignment]
        for _ in range(3):
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WalkthroughScreen)
        view, sources = screen.query_one(StepView), screen.query_one(SourcePanel)
        glossary, outline = screen.query_one(GlossaryPanel), screen.query_one(Outline)
        # The panes as the explainer keeps them: filled while on view (a hidden pane is left as
        # it is, by the explainer and so by the floor). Filled here once so there is something
        # to record at any size.
        outline.set_language(screen.language, screen.step.id, screen.cursor.read)
        glossary.set_context(screen.step_terms(screen.step), screen.language)
        screen._prepare_neighbours()
        lessons = list(outline.root.children)

        def place(node: Any) -> tuple[int, int]:
            lesson = node.parent
            return lessons.index(lesson), list(lesson.children).index(node)

        def labels() -> dict[tuple[int, int], Any]:
            found = {(n, -1): lesson.label for n, lesson in enumerate(lessons)}
            for n, lesson in enumerate(lessons):
                for m, step in enumerate(lesson.children):
                    found[(n, m)] = step.label
            return found

        def frame(before: dict[tuple[int, int], Any] | None, terms_before: list[Any] | None) -> Frame:
            screen._sync_panes()
            now = labels()
            terms = [option.prompt for option in glossary.parts.step_list.options]
            open_lesson = next(n for n, lesson in enumerate(lessons) if lesson.is_expanded)
            return Frame(
                [(block.display, frozenset(block.classes), block.content) for block in view.blocks],
                screen.query_one("#progress", Static).content,
                sources.body.content,
                None if terms == terms_before else terms,
                open_lesson,
                place(outline.cursor_node),
                {k: v for k, v in now.items() if before is None or str(before[k]) != str(v)},
            )

        from textual.widgets._footer import FooterKey

        keys_shown = [(key.key, key.description) for key in screen.query(FooterKey)]
        outline_rows = [(lesson.label, [step.label for step in lesson.children]) for lesson in lessons]
        first_labels = labels()
        frames = [frame(None, None)]
        widths = [block.content_region.width for block in view.blocks]
        panes_shown = outline.display
        for key in keys:
            before = labels()
            terms_before = [option.prompt for option in glossary.parts.step_list.options]
            # The key's action, called directly: the step is updated in it, in full.
            {
                "right": screen.action_next,
                "left": screen.action_previous,
                "right_square_bracket": lambda: screen.action_lesson(1),
                "left_square_bracket": lambda: screen.action_lesson(-1),
            }[key]()
            frames.append(frame(before, terms_before))
            # What the explainer does while idle: the next keys' steps built and measured at
            # the blocks' widths (so the floor, too, gets each step's content prepared).
            screen._prepare_neighbours()
        frames[0].labels = first_labels
        return Route(
            size,
            frozenset(screen.classes),
            frozenset(sources.classes),
            keys_shown,
            outline_rows,
            [option.prompt for option in glossary.parts.all_list.options],
            glossary.parts.card.content,
            frames,
            widths,
            panes_shown,
        )


class Block(Static):
    """Named as the explainer's blocks are, so the same stylesheet applies."""


class WalkthroughScreen(Screen[None]):
    """Named as the explainer's screen is, so the same stylesheet applies."""

    BINDINGS = [Binding("right,left,right_square_bracket,left_square_bracket", "step", "step", show=False)]

    def __init__(self, route: Route) -> None:
        super().__init__(classes=" ".join(route.screen_classes))
        self.route = route
        self.at = 0
        first = route.frames[0]
        # Made as the first step shows them (as a Textual app would write it).
        self.blocks = [Block(fresh(visual), classes=" ".join(classes)) for _, classes, visual in first.blocks]
        for block, (display, _, _) in zip(self.blocks, first.blocks, strict=True):
            block.display = display
        self.outline: Tree[None] = Tree("Course", id="outline")
        self.outline.show_root = False
        self.outline.guide_depth = 2
        for lesson, steps in route.outline:
            node = self.outline.root.add(fresh(lesson))
            for step in steps:
                node.add_leaf(fresh(step))

    def compose(self) -> ComposeResult:
        route, first = self.route, self.route.frames[0]
        yield Header()
        with Horizontal(id="main"):
            yield self.outline
            with Vertical(id="center"):
                yield Static(fresh(first.progress), id="progress")
                with VerticalScroll(id="step"):
                    yield from self.blocks
                with VerticalScroll(id="sources", classes=" ".join(route.source_classes)):
                    yield Static(fresh(first.sources), id="source-body")
            with Vertical(id="glossary"):
                yield Input(id="glossary-filter")
                yield OptionList(*(Option(fresh(p)) for p in first.step_terms or []), id="glossary-step")
                yield OptionList(*(Option(fresh(p)) for p in route.all_terms), id="glossary-list")
                with VerticalScroll(id="glossary-card-scroll"):
                    yield Static(fresh(route.card), id="glossary-card")
        yield self.footer()

    def footer(self) -> Footer:
        return Footer()

    def on_mount(self) -> None:
        first = self.route.frames[0]
        self.query_one("#glossary-step", OptionList).display = bool(first.step_terms)
        self.show_outline(first)
        self.query_one("#step").focus()

    def action_step(self) -> None:
        self.at = min(self.at + 1, len(self.route.frames) - 1)
        self.show(self.route.frames[self.at])

    def show(self, frame: Frame) -> None:
        for block, (display, classes, visual) in zip(self.blocks, frame.blocks, strict=True):
            if display:
                block.set_classes(classes)
                block.update(visual)
            block.display = display
        self.query_one("#progress", Static).update(frame.progress)
        self.query_one("#source-body", Static).update(frame.sources)
        self.query_one("#sources").scroll_home(animate=False)
        self.query_one("#step").scroll_home(animate=False)
        if frame.step_terms is not None:
            step_list = self.query_one("#glossary-step", OptionList)
            step_list.display = bool(frame.step_terms)
            step_list.set_options([Option(p) for p in frame.step_terms])
        self.show_outline(frame)

    def show_outline(self, frame: Frame) -> None:
        lessons = list(self.outline.root.children)
        if not lessons:  # the start-up floor of a screen whose outline is not on view
            return
        for (n, m), label in frame.labels.items():
            (lessons[n] if m < 0 else list(lessons[n].children)[m]).set_label(label)
        for n, lesson in enumerate(lessons):
            if n == frame.open_lesson and not lesson.is_expanded:
                lesson.expand()
            elif n != frame.open_lesson and lesson.is_expanded:
                lesson.collapse()
        self.outline.get_node_at_line(0)
        n, m = frame.cursor
        self.outline.move_cursor(list(lessons[n].children)[m])


class Floor(App[None]):
    CSS_PATH = str(CSS)

    def __init__(self, route: Route) -> None:
        super().__init__()
        self.route = route
        self.title = "stemcell-explainer"

    def on_mount(self) -> None:
        # One action per key: Textual's footer shows one key per action.
        for key, description in self.route.keys:
            self.bind(key, f"app.floor_key('{key}')", description=description)
        self.push_screen(self.screen_class()(self.route))

    def screen_class(self) -> type[WalkthroughScreen]:
        return WalkthroughScreen

    def action_floor_key(self, key: str) -> None:
        self.bell()


def tuned_floor(route: Route) -> Floor:
    """The floor drawn the way the explainer has Textual draw its screens: the footer with its
    keys in the first frame, each widget styled, laid out and painted once
    (`tui.widgets.key_footer`, `tui.textual_private`: Textual and these two modules only)."""
    from tui.textual_private import DrawnOnce, EndOfHold
    from tui.widgets.key_footer import KeyFooter

    class TunedScreen(DrawnOnce, WalkthroughScreen):
        def footer(self) -> Footer:
            return KeyFooter()

    class TunedFloor(EndOfHold, Floor):
        def screen_class(self) -> type[WalkthroughScreen]:
            return TunedScreen

    return TunedFloor(route)
