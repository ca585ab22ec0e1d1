"""Run the benchmark: start-up, peak memory and interaction latencies, as ratios to a bare app."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bench.scaling import percentile

RUNS = 9
LATENCY_SAMPLES = 40
HERE = Path(__file__).parent


# One data folder for every start: the first (not counted) makes the database, the rest open
# it, as a returning learner's start does.
DATA = tempfile.mkdtemp(prefix="bench-data-")


def launch(kind: str) -> tuple[float, int]:
    """Wall time to first screen and peak RSS (KiB) of one fresh process."""
    env = {**os.environ, "TEXTUAL_ANIMATIONS": "none"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.apps", kind, DATA],
        cwd=HERE.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"bench: the {kind} app failed to start (status {status})")
    return elapsed, usage.ru_maxrss


def record_first_screens() -> None:
    """The explainer's first screen at 80×24 and 120×36, as JSON, for the start-up floor."""
    from bench.floor import first_screen_json, record

    for width, height in ((80, 24), (120, 36)):
        route = asyncio.run(record((width, height), "en", []))
        data = json.dumps(first_screen_json(route), ensure_ascii=False)
        Path(DATA, f"floor-{width}x{height}.json").write_text(data, "utf-8")


def startup(wide: bool = False) -> dict[str, dict[str, float]]:
    """Headless, at 80×24 (the side panes hidden) or, `wide`, at 120×36 (the first screen fills
    the outline and the glossary too). Beside the bare app and the explainer, Textual's floor
    for the explainer's first screen: the same screen in a plain Textual app, as Textual draws
    it (floor) and as the explainer has it drawn (floor-tuned): see `bench.apps.floor`."""
    names = ("bare", "explainer", "floor", "floor-tuned")
    kinds = tuple(f"{name}-wide" for name in names) if wide else names
    times: dict[str, list[float]] = {name: [] for name in names}
    memory: dict[str, list[int]] = {name: [] for name in names}
    for kind in kinds:
        launch(kind)  # warm the file cache
    for _ in range(RUNS):
        for name, kind in zip(times, kinds, strict=True):
            elapsed, rss = launch(kind)
            times[name].append(elapsed)
            memory[name].append(rss)
    return {
        kind: {
            "median_s": statistics.median(times[kind]),
            "peak_rss_kib": statistics.median(memory[kind]),
            "ratio": paired_ratio(times[kind], times["bare"]),
        }
        for kind in times
    }


def paired_ratio(ours: list[float], bare: list[float]) -> float:
    """The median, over the rounds, of each start's time over the bare app's in the same round.
    The machine is shared and its speed drifts over seconds; a round's starts are next to each
    other, so each ratio compares like with like. (Over five repeats of 11 rounds the ratio of
    the medians ranged 1.26–1.33, this 1.26–1.29.)"""
    return statistics.median(a / b for a, b in zip(ours, bare, strict=True))


class FrameClock:
    """Records when the app writes each frame, to time input → first frame that shows it. With
    `shows`, only frames drawn once `shows()` holds count (the quiz's feedback is drawn a frame
    or two after the key, once the answer is graded and saved)."""

    def __init__(self, app, shows: Callable[[], bool] | None = None) -> None:  # type: ignore[no-untyped-def]
        self.frames: list[float] = []
        self.showing: list[float] = []
        original = app._display

        def display(screen, renderable):  # type: ignore[no-untyped-def]
            now = time.perf_counter()
            self.frames.append(now)
            if shows is None or shows():
                self.showing.append(now)
            return original(screen, renderable)

        app._display = display

    def clear(self) -> None:
        self.frames.clear()
        self.showing.clear()

    def after(self, start: float) -> float | None:
        return next((t for t in self.showing if t >= start), None)


class Samples(list[float]):
    """First-frame times, with `settled` (the time to the last frame of each response) and
    `silent` (actions after which no frame was drawn at all: counted, never dropped quietly)."""

    def __init__(self) -> None:
        super().__init__()
        self.settled: list[float] = []
        self.silent = 0

    def extend_from(self, other: Samples) -> None:
        self.extend(other)
        self.settled.extend(other.settled)
        self.silent += other.silent


QUIET_S = 0.05  # a response has settled when no frame has been drawn for this long


async def sample(app, pilot, action, count: int, shows: Callable[[], bool] | None = None) -> Samples:  # type: ignore[no-untyped-def]
    """Milliseconds from each action to the first frame drawn after it (what the reader sees
    change), and to the last frame of its response: Textual's follow-up frames (scroll bars,
    sizes) come on its 60 Hz update grid; the response has settled once no frame has come for
    50 ms (or after a second)."""
    clock = FrameClock(app, shows)
    samples = Samples()
    await pilot.pause()
    for n in range(count):
        clock.clear()
        start = time.perf_counter()
        await action(app, pilot, n)
        await pilot.pause()
        while time.perf_counter() - start < 1.0:
            last = clock.frames[-1] if clock.frames else start
            if time.perf_counter() - last >= QUIET_S:
                break
            await asyncio.sleep(0.005)
        shown = clock.after(start)
        if shown is None:
            samples.silent += 1
            continue
        samples.append((shown - start) * 1000)
        samples.settled.append((clock.frames[-1] - start) * 1000)
    return samples


def startup_tmux(runs: int = 5) -> dict[str, float]:
    """Wall time until the first screen shows in a real terminal: tmux at 120×36, polling the
    pane until the app's text appears: the bare app's "Hello" and its footer's key; our footer's quit key, the
    outline's first step and the glossary's list (the side panes fill in after the first
    frame: the screen counts as shown once they have)."""
    import shutil

    if shutil.which("tmux") is None:
        return {}
    marks = {"bare": ["Hello", "^p palette"], "explainer": ["Quit", "1.1 ", "All terms"]}
    # A private server and no config: nobody else's tmux sessions or settings take part.
    tmux = ["tmux", "-L", f"bench-{os.getpid()}", "-f", "/dev/null"]
    times: dict[str, list[float]] = {"bare": [], "explainer": []}
    env = f"TEXTUAL_ANIMATIONS=none XDG_DATA_HOME={tempfile.mkdtemp()}"
    commands = {
        "bare": f"{env} {sys.executable} -m bench.apps bare-wait",
        "explainer": f"{env} {sys.executable} -m tui",
    }
    # A session that lives for the whole measurement: with none left, tmux stops its server,
    # and the next new-session can race the server's exit ("server exited unexpectedly").
    subprocess.run([*tmux, "new-session", "-d", "-s", "keep", "sleep 600"], check=True)
    for _ in range(runs + 1):  # the first round warms the file cache and is not counted
        for kind in times:
            session = f"bench-{kind}"
            start = time.perf_counter()
            subprocess.run(
                [*tmux, "new-session", "-d", "-s", session, "-x", "120", "-y", "36", commands[kind]],
                cwd=HERE.parent,
                check=True,
            )
            try:
                while time.perf_counter() - start < 20:
                    pane = subprocess.run(
                        [*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True
                    ).stdout
                    if all(mark in pane for mark in marks[kind]):
                        times[kind].append(time.perf_counter() - start)
                        break
                    time.sleep(0.005)
            finally:
                subprocess.run([*tmux, "kill-session", "-t", session], capture_output=True)
    subprocess.run([*tmux, "kill-server"], capture_output=True)
    for kind in times:
        times[kind] = times[kind][1:]
    bare, ours = statistics.median(times["bare"]), statistics.median(times["explainer"])
    return {
        "bare_median_s": bare,
        "explainer_median_s": ours,
        "ratio": paired_ratio(times["explainer"], times["bare"]),
    }


def summary(samples: list[float]) -> dict[str, float]:
    result = {
        "median_ms": statistics.median(samples),
        "p95_ms": percentile(samples, 0.95),
        "samples": len(samples),
    }
    if isinstance(samples, Samples):
        result["silent"] = samples.silent
        if samples.settled:
            result["settled_median_ms"] = statistics.median(samples.settled)
            result["settled_p95_ms"] = percentile(samples.settled, 0.95)
    return result


async def bare_latency() -> dict[str, float]:
    """The floor: a bare app (Header + Static + Footer) updating its Static on a key."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        BINDINGS = [("n", "bump", "Next")]
        count = 0

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("0", id="s")
            yield Footer()

        def action_bump(self) -> None:
            self.count += 1
            self.query_one("#s", Static).update(str(self.count))

    app = Bare()
    async with app.run_test(size=(120, 36)) as pilot:
        return summary(await sample(app, pilot, lambda a, p, n: p.press("n"), LATENCY_SAMPLES))


async def latencies() -> dict[str, dict[str, float]]:
    from tui.app import make_app
    from tui.content.loader import load_course
    from tui.widgets.glossary_panel import GlossaryPanel

    course = load_course()
    results: dict[str, dict[str, float]] = {"bare_keypress": await bare_latency()}

    async def measure(name: str, app_course, action, size=(120, 36), language="en", shows=None) -> None:  # type: ignore[no-untyped-def]
        app = make_app(app_course, Path(tempfile.mkdtemp()), save=False)
        gc.collect()
        gc.freeze()  # as the command line does once the course is loaded
        async with app.run_test(size=size) as pilot:
            app.language = language
            await pilot.pause()
            results[name] = summary(await sample(app, pilot, action, LATENCY_SAMPLES, shows and shows(app)))

    def step_shown(app):  # type: ignore[no-untyped-def]
        """A frame counts once the step view shows the step the cursor is on."""
        from tui.widgets.step_view import StepView

        screen = app.screen
        view = screen.query_one(StepView)
        return lambda: view.shown == (screen.cursor.step.id, screen.language)

    async def next_step(app, pilot, n):  # type: ignore[no-untyped-def]
        await pilot.press("right" if (n // 20) % 2 == 0 else "left")

    async def lesson_switch(app, pilot, n):  # type: ignore[no-untyped-def]
        await pilot.press("right_square_bracket" if (n // 10) % 2 == 0 else "left_square_bracket")

    big = replace(
        course,
        terms=tuple(
            replace(term, id=f"{term.id}-{k}", en=f"{term.en} {k}")
            for k in range(100)
            for term in course.terms
        ),
    )
    queries = ["幹", "かん", "exo", "stem", "サイト", "growth", "えく", "mi"]

    async def glossary_filter(app, pilot, n):  # type: ignore[no-untyped-def]
        panel = app.screen.query_one(GlossaryPanel)
        panel.query_one("#glossary-filter").value = queries[n % len(queries)]

    async def quiz_answer(app, pilot, n):  # type: ignore[no-untyped-def]
        await pilot.press("1")  # answer; the feedback frame is what is timed

    async def measure_quiz() -> None:
        from tui.quiz.session import QuizRequest

        singles = replace(course, questions=tuple(q for q in course.questions if q.type == "single"))
        # Saving on: the answer is committed to SQLite before the feedback frame is drawn.
        app = make_app(singles, Path(tempfile.mkdtemp()), save=True, quiz=QuizRequest(count=None, seed=1))
        gc.collect()
        gc.freeze()  # as the command line does once the course is loaded
        samples = Samples()
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()

            def feedback_shown() -> bool:  # hidden while a question waits for its answer
                return any(box.display for box in app.screen.query("#quiz-feedback"))

            for _ in range(LATENCY_SAMPLES):
                samples.extend_from(await sample(app, pilot, quiz_answer, 1, feedback_shown))
                await pilot.press("enter")
                await pilot.pause()
        results["quiz_answer_to_feedback"] = summary(samples)

    async def measure_floor(name: str, size: tuple[int, int], language: str, keys: list[str]) -> None:
        """Textual's floor (bench/floor.py): the same steps' content, changed by the same keys,
        in a plain Textual app with the same widgets and stylesheet."""
        from bench.floor import Floor, record

        app = Floor(await record(size, language, keys))
        gc.collect()
        gc.freeze()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()

            async def press(app, pilot, n):  # type: ignore[no-untyped-def]
                await pilot.press(keys[n])

            results[name] = summary(await sample(app, pilot, press, len(keys)))

    # The floor's keys: the first half of each route (half the samples keep make bench under
    # five minutes on a busy machine; the floor is a reference beside each row, not a target).
    steps = ["right" if (n // 20) % 2 == 0 else "left" for n in range(LATENCY_SAMPLES // 2)]
    lessons = [
        "right_square_bracket" if (n // 10) % 2 == 0 else "left_square_bracket"
        for n in range(LATENCY_SAMPLES // 2)
    ]
    await measure_quiz()
    for size in ((80, 24), (120, 36)):
        for language in ("en", "ja"):
            where = f"{size[0]}x{size[1]} {language}"
            await measure(f"next_step {where}", course, next_step, size, language, step_shown)
            await measure_floor(f"floor_next_step {where}", size, language, steps)
            await measure(f"lesson_switch {where}", course, lesson_switch, size, language, step_shown)
            await measure_floor(f"floor_lesson_switch {where}", size, language, lessons)
    await measure("glossary_filter_100x", big, glossary_filter)
    return results


async def latencies_as_run() -> dict[str, dict[str, float]]:
    """The latencies with the collector set as `stemcell-explainer` sets it: full collections
    held back while keys come (the app runs them when the reader pauses; tui/collector.py)."""
    from tui.collector import hold_full_collections

    before = gc.get_threshold()
    hold_full_collections()
    try:
        return await latencies()
    finally:
        gc.set_threshold(*before)
        gc.collect()


def startup_report(found: dict[str, dict[str, float]]) -> dict[str, float]:
    return {
        "bare_median_s": found["bare"]["median_s"],
        "explainer_median_s": found["explainer"]["median_s"],
        "ratio": found["explainer"]["ratio"],
        "floor_median_s": found["floor"]["median_s"],
        "floor_ratio": found["floor"]["ratio"],
        "floor_tuned_median_s": found["floor-tuned"]["median_s"],
        "floor_tuned_ratio": found["floor-tuned"]["ratio"],
        "target_ratio": 1.3,
    }


def floor_row(size: str, found: dict[str, float]) -> tuple[str, str, str, str, str]:
    return (
        f"  Textual's floor, {size}",
        f"{found['floor_median_s'] * 1000:.0f} ms (tuned {found['floor_tuned_median_s'] * 1000:.0f})",
        f"{found['bare_median_s'] * 1000:.0f} ms",
        f"{found['floor_ratio']:.2f}× ({found['floor_tuned_ratio']:.2f}×)",
        "",
    )


def main() -> None:
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    print("measuring start-up and memory …", flush=True)
    record_first_screens()
    start = startup()
    wide = startup(wide=True)
    print("measuring start-up in a real terminal (tmux) …", flush=True)
    tmux = startup_tmux()
    print("measuring latencies …", flush=True)
    lat = asyncio.run(latencies_as_run())
    bare, ours = start["bare"], start["explainer"]
    print("measuring scaling (1×, 10×, 100× synthetic courses) …", flush=True)
    from bench.scaling import measure
    from tui.content.paths import default_course_root

    seeds = HERE.parent.parent / "shared" / "seeds"
    scaling = measure(default_course_root(), seeds if seeds.is_dir() else None)
    print("measuring the answer database (1,000, 10,000, 100,000 earlier reviews) …", flush=True)
    from bench.reviews import measure as measure_reviews

    reviews = measure_reviews()
    report = {
        "startup": startup_report(start),
        "startup_wide": startup_report(wide),
        "startup_tmux": tmux,
        "memory": {
            "bare_peak_kib": bare["peak_rss_kib"],
            "explainer_peak_kib": ours["peak_rss_kib"],
            "ratio": ours["peak_rss_kib"] / bare["peak_rss_kib"],
            "target_ratio": 1.5,
        },
        "latency_ms": lat,
        "scaling": scaling,
        "reviews": reviews,
    }
    rows = [
        (
            "start-up 80×24, complete",
            f"{ours['median_s'] * 1000:.0f} ms",
            f"{bare['median_s'] * 1000:.0f} ms",
            f"{report['startup']['ratio']:.2f}×",
            "≤ 1.3×",
        ),
        floor_row("80×24", report["startup"]),
        (
            "start-up 120×36, complete",
            f"{wide['explainer']['median_s'] * 1000:.0f} ms",
            f"{wide['bare']['median_s'] * 1000:.0f} ms",
            f"{report['startup_wide']['ratio']:.2f}×",
            "≤ 1.3×",
        ),
        floor_row("120×36", report["startup_wide"]),
        (
            "peak memory (RSS)",
            f"{ours['peak_rss_kib'] / 1024:.0f} MiB",
            f"{bare['peak_rss_kib'] / 1024:.0f} MiB",
            f"{report['memory']['ratio']:.2f}×",
            "≤ 1.5×",
        ),
    ]
    targets = {
        "bare_keypress": "(floor)",
        "floor_next_step": "(Textual's floor for this screen)",
        "floor_lesson_switch": "(Textual's floor for this screen)",
        "next_step": "median ≤ 16 ms",
        "lesson_switch": "median ≤ 16 ms",
        "glossary_filter_100x": "≤ 16 ms",
        "quiz_answer_to_feedback": "median ≤ 16 ms",
    }
    if tmux:
        rows.insert(
            1,
            (
                "start-up in tmux, complete",
                f"{tmux['explainer_median_s'] * 1000:.0f} ms",
                f"{tmux['bare_median_s'] * 1000:.0f} ms",
                f"{tmux['ratio']:.2f}×",
                "≤ 1.3×",
            ),
        )
    print(f"\n{'measure':<26} {'explainer':<22} {'bare app':<10} {'ratio':<7} target")
    for row in rows:
        print(f"{row[0]:<26} {row[1]:<22} {row[2]:<10} {row[3]:<7} {row[4]}")
    print(f"\n{'latency':<26} {'first frame':<22} {'settled (last frame)':<24} target (first frame)")
    for name, value in lat.items():
        target = targets[name.split(" ")[0]]
        if name.startswith(("next", "lesson")):
            target += ", p95 ≤ 33 ms"
        settled = (
            f"{value['settled_median_ms']:.1f} ms (p95 {value['settled_p95_ms']:.1f})"
            if "settled_median_ms" in value
            else ""
        )
        first = f"{value['median_ms']:.1f} ms (p95 {value['p95_ms']:.1f})"
        print(f"{name.replace('_', ' '):<26} {first:<22} {settled:<24} {target}")
    print(f"\n{'scaling':<20} {'1×':>10} {'10×':>10} {'100×':>10}  exponent (target ≤ 1.1)")
    units = {
        "check_s": "s",
        "load_s": "s",
        "glossary_filter_ms": "ms",
        "search_ms": "ms",
        "text_index_s": "s",
        "text_search_ms": "ms",
        "text_search_p95_ms": "ms",
    }
    for name, unit in units.items():
        values = scaling[name]  # type: ignore[index]
        cells = " ".join(f"{values[f]:>8.3f}{unit:<2}" for f in ("1", "10", "100"))
        print(f"{name:<20} {cells}  {scaling['exponent'][name]:.2f}")  # type: ignore[index]
    print(f"\n{'answer database':<22} {'1× (1k)':>18} {'10× (10k)':>18} {'100× (100k)':>18}  target")
    review_targets = {"save_ms": "median ≤ 10 ms", "home_load_ms": "no multi-second freeze"}
    for name, target in review_targets.items():
        cells = " ".join(
            f"{v['median_ms']:>7.1f} (p95 {v['p95_ms']:>6.1f})"  # type: ignore[index]
            for v in (reviews[name][str(n)] for n in (1_000, 10_000, 100_000))  # type: ignore[index]
        )
        print(f"{name:<22} {cells}  {target}")
    (HERE / "results.json").write_text(json.dumps(report, indent=2), "utf-8")
    print(f"\nwrote {HERE / 'results.json'}")


if __name__ == "__main__":
    main()
