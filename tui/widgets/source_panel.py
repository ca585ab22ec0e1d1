"""The source panel: which article says it, the verbatim quote, its gloss and strength."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.content.language import single
from tui.content.model import Course, Disagreement, SourceRef, Strength
from tui.content.units import DisputeIndex, Unit
from tui.i18n import t
from tui.widgets.labels import badge, pick
from tui.widgets.measure import measure


def quote_lines(
    n: int, ref: SourceRef, strength: Strength | None, course: Course, language: str
) -> list[Content]:
    """One cited quote: `[n] file · clinic · date  BADGE`, the article's title, 「quote」, gloss."""
    source = course.source(ref.seed)
    publisher = source.publisher if source and source.publisher else t("no_publisher", language)
    # An article with no title of its own: its English description, or "(untitled)" in Japanese.
    title = source.title if source and source.title else (source.title_en if source else "")
    if source and not source.title and single(language) == "ja":
        title = t("untitled", language)
    date = f" · {source.date}" if source and source.date else ""
    head = Content.assemble((f"[{n}] ", "bold"), (ref.seed, "bold $text-accent"), f" · {publisher}{date}")
    if strength is not None:
        head = head + Content("  ") + badge(strength, language)
    lines = [head, Content.styled(f"    {title}", "italic $text-muted")]
    lines.append(Content.assemble("    「", (ref.quote, "bold"), "」"))
    if ref.gloss and language != "ja":
        lines.append(Content.styled(f"    “{ref.gloss}”", "$text-muted"))
    return lines


def sources_content(unit: Unit | None, course: Course, disputes: DisputeIndex, language: str) -> Content:
    if unit is None:
        return Content.styled(t("select_hint", language), "italic $text-muted")
    lines: list[Content] = []
    for n, ref in enumerate(unit.sources, 1):
        lines += quote_lines(n, ref, ref.strength or unit.strength, course, language)
    for site in disputes.for_unit(unit):
        if isinstance(unit.item, Disagreement) and unit.item.id == site.disagreement.id:
            continue  # this unit is itself a side of that disagreement (the index may hold a copy)
        topic = pick(site.disagreement.topic, language).replace("\n", " / ")
        lines.append(Content.styled(f"⚖ {t('disputed', language)}: {topic}", "bold $text-warning"))
    return Content("\n").join(lines)


def strip_content(unit: Unit | None, course: Course, language: str, width: int = 10_000) -> Content:
    """One line: "[1] 002 SAKAE · STATED  [2] 000 CZEN CLINIC · STATED — enter: quotes",
    shortened to fit `width` (clinic names go first, then the later sources, which are counted)
    so the hint at its end shows at any width a terminal gives it (22 cells or more)."""
    if unit is None:
        return Content.styled(t("select_hint", language), "italic $text-muted")
    hint = Content.styled(f" — {t('strip_hint', language)}", "italic $text-muted")

    def cite(n: int, ref: SourceRef, with_clinic: bool) -> Content:
        source = course.source(ref.seed)
        publisher = (source.publisher if source and source.publisher else "")[:14]
        head = Content.assemble((f"[{n}] ", "bold"), (ref.seed[:3], "bold $text-accent"))
        if with_clinic and publisher:
            head += Content(f" {publisher}")
        strength = ref.strength or unit.strength
        return head + (Content(" ") + badge(strength, language) if strength is not None else Content(""))

    refs = list(enumerate(unit.sources, 1))
    if not refs:
        return hint.truncate(width)
    line = Content("  ").join(cite(n, ref, True) for n, ref in refs) + hint
    if line.cell_length <= width:
        return line
    parts = [cite(n, ref, False) for n, ref in refs]
    for shown in range(len(parts), 0, -1):
        more = Content(f"  +{len(parts) - shown}") if shown < len(parts) else Content("")
        line = Content("  ").join(parts[:shown]) + more + hint
        if line.cell_length <= width:
            return line
    # No room even for one: how many there are, and as much of the hint as fits.
    return (Content.styled(f"[1–{len(parts)}]", "bold") + hint).truncate(width)


class SourcePanel(VerticalScroll, can_focus=False):
    """Shows the sources of the selected unit; the screen hands it everything it shows."""

    def __init__(self, course: Course, *, id: str | None = None, strip: bool = False) -> None:
        super().__init__(id=id, classes="-strip" if strip else "")
        self.course = course
        self._disputes: DisputeIndex | None = None
        self.body = Static(Content(""), id="source-body")
        # What the panel shows per unit, language and form, kept: a step's quotes are built
        # and measured while idle (`prepare`), so a key only swaps them in.
        self._made: dict[tuple[int, str, int], tuple[Unit | None, Content]] = {}

    def compose(self):  # type: ignore[no-untyped-def]
        yield self.body

    @property
    def disputes(self) -> DisputeIndex:
        # Made when the full panel first shows: it reads every disagreement of the course (from
        # the course cache, a part of their own), which the one-line strip (80×24) never needs.
        if self._disputes is None:
            self._disputes = DisputeIndex(self.course)
        return self._disputes

    unit: Unit | None = None
    language: str = "en"
    _titled: str | None = None  # the language of the border title

    def show(self, unit: Unit | None, language: str) -> None:
        if language != self._titled:  # setting a border title repaints the whole panel
            self.border_title = t("sources", language)
            self._titled = language
        self.unit, self.language = unit, language
        self.redraw()

    def redraw(self) -> None:
        self.body.update(self._content(self.unit, self.language))
        self.scroll_home(animate=False)

    def prepare(self, unit: Unit | None, language: str) -> None:
        """Build and measure what the panel would show for `unit` (called while idle)."""
        content = self._content(unit, language)
        if width := self.body.content_region.width:
            measure(content, self.body, width)

    def _content(self, unit: Unit | None, language: str) -> Content:
        strip = self.has_class("-strip") and not self.has_class("-open")
        # Before the first layout the panel has no width yet: it spans the screen then.
        width = (self.content_region.width or self.app.size.width - 2) if strip else 0
        key = (id(unit), language, width)
        made = self._made.get(key)
        if made is not None and made[0] is unit:
            return made[1]
        if strip:
            content = strip_content(unit, self.course, language, width)
        else:
            content = sources_content(unit, self.course, self.disputes, language)
        if len(self._made) >= 256:
            self._made.clear()
        self._made[key] = (unit, content)  # the unit is held so its id is not reused
        return content

    def on_resize(self) -> None:
        if self.has_class("-strip") and not self.has_class("-open"):
            self.redraw()  # the strip is shortened to the width it has

    def set_strip(self, strip: bool) -> None:
        """Fold to one line of citations (short terminals), or show every quote."""
        if strip != self.has_class("-strip"):
            self.set_class(strip, "-strip")
            self.remove_class("-open")
            self.redraw()

    def toggle_open(self) -> None:
        """In strip form, open or close the full quotes."""
        if self.has_class("-strip"):
            self.toggle_class("-open")
            self.redraw()
