"""Command line: `stemcell-explainer [check ...]`. Textual is imported only to run the app."""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.content.language import LANGUAGES
from tui.content.paths import default_course_root

if TYPE_CHECKING:
    from tui.content.discern import Discern
    from tui.content.model import Course
    from tui.quiz.records import SessionKind
    from tui.quiz.session import QuizRequest
    from tui.screens.classroom import ClassroomRequest
    from tui.storage import OutputTarget


def port_number(text: str) -> int:
    """argparse type: a TCP port, 1-65535 (a clear usage error, exit 2, otherwise). Only ASCII
    digits: int() would also take " 80", "8_0" and other scripts' digits."""
    if not (text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError(f"'{printable(text)}' is not a port number")
    value = int(text, 10)
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port number (1-65535)")
    return value


def session_count(text: str) -> int:
    """argparse type: how many browser sessions `serve` runs at once (1-1000)."""
    from tui.i18n import t

    try:
        value = int(text, 10)
    except ValueError:
        value = 0
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError(t("cli.bad_sessions", "en", value=printable(text)))
    return value


def learner_name(text: str) -> str:
    """argparse type: a learner's name (plain text, 1-80 characters)."""
    from tui.i18n import t
    from tui.quiz.learner import MAX_NAME, clean_name

    name = clean_name(text)
    if name is None:
        raise argparse.ArgumentTypeError(t("cli.name_invalid", "en", n=MAX_NAME))
    return name


def seed_number(text: str) -> int:
    """argparse type: a seed, 0 to 2**32 (what the classroom link carries)."""
    if not (text.isascii() and text.isdigit()) or int(text) > 2**32:
        raise argparse.ArgumentTypeError(
            f"'{printable(text)}' is not a seed (a whole number from 0 to 4294967296)"
        )
    return int(text)


def printable(text: str) -> str:
    from tui.content.problems import printable as escape

    return escape(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stemcell-explainer",
        description="A cited terminal explainer for stem-cell conditioned media and exosomes.",
    )
    parser.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        help="course root holding content/ and glossary.yaml (default: the shipped course)",
    )
    sub = parser.add_subparsers(dest="command")
    check = sub.add_parser("check", help="validate the course and verify every quote against the articles")
    check.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        dest="sub_content",
        help="course root holding content/ and glossary.yaml",
    )
    check.add_argument(
        "--seeds",
        type=Path,
        metavar="DIR",
        help="folder of source articles (default: $STEMCELL_SEEDS or ../shared/seeds)",
    )
    check.add_argument(
        "--no-seeds",
        action="store_true",
        help="skip quote verification (without it, check fails when the articles are not found)",
    )
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument("--uncovered", action="store_true", help="list article paragraphs no quote comes from")
    check.add_argument(
        "--min-coverage",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="fail when an article's paragraph coverage is below SHARE (0-1)",
    )
    run = sub.add_parser("run", help="open the walkthrough (the default)")
    run.add_argument("--content", type=Path, metavar="DIR", dest="sub_content")
    run.add_argument("--data-dir", type=Path, metavar="DIR", help="where progress is kept")
    quiz = sub.add_parser("quiz", help="test yourself, with spaced repetition")
    quiz.add_argument("--content", type=Path, metavar="DIR", dest="sub_content")
    quiz.add_argument("--data-dir", type=Path, metavar="DIR", help="where answers are kept")
    quiz.add_argument("--lesson", metavar="ID", help="only this lesson's questions")
    quiz.add_argument("--count", type=int, metavar="N", help="at most N questions (default 10)")
    quiz.add_argument("--due", action="store_true", help="only questions due for review now")
    quiz.add_argument("--mistakes", action="store_true", help="only what you last got wrong")
    quiz.add_argument("--seed", type=seed_number, metavar="S", help="fixed question order")
    quiz.add_argument(
        "--name",
        type=learner_name,
        metavar="NAME",
        help="your name, saved and exported with your results (asked the first time if not given)",
    )
    appraise = sub.add_parser("appraise", help="rate the five articles yourself with DISCERN")
    appraise.add_argument("--content", type=Path, metavar="DIR", dest="sub_content")
    appraise.add_argument("--data-dir", type=Path, metavar="DIR", help="where ratings are kept")
    appraise.add_argument("--article", metavar="N", help="start rating this article (its number, e.g. 001)")
    classroom = sub.add_parser("classroom", help="present the course to a class (projector view)")
    classroom.add_argument("--content", type=Path, metavar="DIR", dest="sub_content")
    classroom.add_argument("--data-dir", type=Path, metavar="DIR")
    classroom.add_argument("--lesson", metavar="ID", help="start at this lesson (default: where you stopped)")
    role = classroom.add_mutually_exclusive_group()
    role.add_argument(
        "--presenter",
        action="store_true",
        help="show teacher notes, the next step and a timer; followers mirror this view",
    )
    role.add_argument(
        "--follow",
        action="store_true",
        help="audience view that follows a presenter on this machine",
    )
    classroom.add_argument(
        "--port", type=port_number, default=8765, help="local port for presenter/follower sync (1-65535)"
    )
    classroom.add_argument(
        "--seed",
        type=seed_number,
        metavar="S",
        help="class quiz option order (print the same with 'export answer-key --seed S')",
    )
    classroom.add_argument(
        "--join",
        metavar="CODE",
        help="with --follow: the join code the presenter shows (every message is checked with it)",
    )
    served = sub.add_parser(
        "serve",
        help="run the app in a web browser (textual-serve)",
        description="Run the app in web browsers, one private session per browser. Each session "
        "keeps its progress in its own temporary folder, removed when the session ends; the "
        "server's temporary folder is removed when it stops (Ctrl-C, or when the port is busy). "
        "Past --max-sessions sessions at once, the page says the class is full.",
    )
    served.add_argument("--content", type=Path, metavar="DIR", dest="sub_content")
    served.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    served.add_argument("--port", type=port_number, default=8000, help="port to listen on (1-65535)")
    served.add_argument(
        "--max-sessions",
        type=session_count,
        default=40,
        metavar="N",
        help="browser sessions at once (default 40); past that, a 'class full' page. Each session "
        "has its own data folder, removed when it ends",
    )
    export = sub.add_parser("export", help="export results for a teacher or a spreadsheet")
    export.add_argument(
        "what",
        choices=[
            "results",
            "handout",
            "answer-key",
            "anki",
            "claims",
            "appraisals",
            "discern-worksheet",
            "discern-key",
        ],
    )
    export.add_argument(
        "--format",
        choices=["csv", "json", "md", "html"],
        help="results, appraisals: csv (default) or json; handout, answer-key, discern-worksheet, "
        "discern-key: md (default) or html; claims (the 'who says what' matrix): csv (default), md "
        "or html",
    )
    export.add_argument(
        "--article",
        metavar="N",
        help="discern-worksheet, discern-key: only this article (its number, e.g. 001; default all)",
    )
    export.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default="en",
        help="language of a handout, answer key, claims matrix or Anki deck",
    )
    export.add_argument(
        "--seed",
        type=seed_number,
        metavar="S",
        help="answer-key: options in the order the class quiz shows with --seed S (default: as authored)",
    )
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="default or '-': standard output. A device or FIFO is written in place; an existing "
        "file is replaced only with --force (or after a y/N question on a terminal)",
    )
    export.add_argument("-f", "--force", action="store_true", help="overwrite an existing FILE")
    export.add_argument("--content", type=Path, metavar="DIR", dest="sub_content")
    export.add_argument("--data-dir", type=Path, metavar="DIR")
    report = sub.add_parser(
        "report",
        help="merge learners' exported results into a class report",
        description="Merge learners' 'export results' files (JSON or CSV) into one report: per "
        "question how many answered, % right and the most chosen wrong option with why; per lesson "
        "the class's mastery; the five hardest questions. A file that is missing, empty, unreadable "
        "or malformed is named and makes the exit code 1.",
    )
    report.add_argument("what", choices=["class"])
    report.add_argument("files", nargs="+", type=Path, metavar="FILE", help="exported results (JSON or CSV)")
    report.add_argument(
        "--format", choices=["html", "md"], help="html (default; md when -o ends in .md) or md"
    )
    report.add_argument("--lang", choices=list(LANGUAGES), default="en", help="language of the report")
    report.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="default or '-': standard output. An existing file is replaced only with --force",
    )
    report.add_argument("-f", "--force", action="store_true", help="overwrite an existing FILE")
    report.add_argument("--content", type=Path, metavar="DIR", dest="sub_content")
    export.add_argument(
        "--name",
        type=learner_name,
        metavar="NAME",
        help="results, appraisals: the learner's name on every row (default: the name saved by the quiz; "
        "it is saved)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; every failure gives a non-zero exit code and no traceback for I/O errors
    on standard output (a closed pipe, a full disk)."""
    try:
        code = _main(argv)
        _flush_stdout()
        return code
    except _StdoutError as error:
        _abandon_stdout()
        if error.errno == errno.EPIPE:
            _say("standard output was closed before all output was written")
        else:
            _say(f"cannot write to standard output: {error.strerror or error}")
        return 1
    except OSError as error:  # the environment failed us (a port in use, ...): say so, exit 1
        where = f" ({printable(str(error.filename))})" if error.filename else ""
        _say(f"error: {printable(error.strerror or str(error))}{where}")
        return 1
    except KeyboardInterrupt:
        _say("interrupted")
        return 130


class _StdoutError(OSError):
    """An OSError raised while writing standard output (not while writing some file)."""


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except OSError as error:
        raise _StdoutError(error.errno, error.strerror) from error


def _write_stdout(text: str | bytes) -> None:
    """Write UTF-8 (or a binary package) to standard output; errors become _StdoutError."""
    try:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(text if isinstance(text, str) else text.decode("latin-1"))
        else:
            sys.stdout.flush()
            buffer.write(text.encode("utf-8") if isinstance(text, str) else text)
            buffer.flush()
        sys.stdout.flush()
    except OSError as error:
        raise _StdoutError(error.errno, error.strerror) from error


def _abandon_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _say(message: str) -> None:
    """A message on stderr, if stderr can take it."""
    with contextlib.suppress(OSError, ValueError):
        print(f"stemcell-explainer: {message}", file=sys.stderr)


def _main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    root: Path = getattr(args, "sub_content", None) or args.content or default_course_root()
    if args.command == "check":
        return _check(root, args)
    if args.command == "serve":
        from tui.serve import serve

        content = getattr(args, "sub_content", None) or args.content
        return serve(args.host, args.port, content, args.max_sessions)
    if args.command == "report":
        return _report(root, args)
    if args.command == "export" and args.what == "anki":
        if args.format is not None:
            parser.error("export anki writes an Anki package: it takes no --format")
        if args.output is None:
            parser.error("export anki needs -o FILE.apkg")
        return _export(root, args)
    if args.command == "export" and args.article is not None and not args.what.startswith("discern-"):
        parser.error("--article goes with export discern-worksheet or discern-key")
    if args.command == "export":
        formats = {
            "results": ("csv", "json"),
            "appraisals": ("csv", "json"),
            "claims": ("csv", "md", "html"),
        }.get(args.what, ("md", "html"))
        args.format = args.format or formats[0]
        if args.format not in formats:
            choices = " or ".join([", ".join(formats[:-1]), formats[-1]] if len(formats) > 2 else formats)
            parser.error(f"export {args.what} takes --format {choices}")
        if args.name is not None and args.what != "results":
            parser.error(f"export {args.what} takes no --name")
        return _export(root, args)
    if args.command == "quiz":
        if args.count is not None and args.count < 1:
            parser.error("--count must be at least 1")
        if args.due and args.mistakes:
            parser.error("choose --due or --mistakes, not both")
    if args.command == "classroom" and args.follow and not args.join:
        parser.error("--follow needs --join CODE: the code the presenter's screen shows")
    if args.command == "classroom" and args.follow:
        from tui.sync import CODE_LENGTH, valid_code

        if not valid_code(args.join):
            parser.error(f"--join takes the {CODE_LENGTH}-character code the presenter's screen shows")
    if args.command == "classroom" and args.join and not args.follow:
        parser.error("--join goes with --follow")
    return _run(root, args)


def _check(root: Path, args: argparse.Namespace) -> int:
    from tui.content.report import build_report, format_text

    if not (0.0 <= args.min_coverage <= 1.0):
        print("stemcell-explainer: --min-coverage must be between 0 and 1", file=sys.stderr)
        return 2
    if args.no_seeds and args.seeds is not None:
        print("stemcell-explainer: choose --seeds DIR or --no-seeds, not both", file=sys.stderr)
        return 2
    report = build_report(root, args.seeds, args.min_coverage, no_seeds=args.no_seeds)
    if args.json:
        _write_stdout(json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        _write_stdout(format_text(report, uncovered=args.uncovered) + "\n")
    return 0 if report.ok else 1


def _load(root: Path) -> Course | None:
    from tui.content.problems import ContentError  # not the loader: YAML loads only on a miss
    from tui.course_cache import load_course_cached

    try:
        return load_course_cached(root)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(
            f"stemcell-explainer: {len(error.problems)} problem(s) in the course; "
            "run 'stemcell-explainer check' for details",
            file=sys.stderr,
        )
        return None


DUMB_TERMINAL = (
    "stemcell-explainer: this terminal (TERM=dumb) cannot show the interactive app.\n"
    "  Run it in a full terminal (for example with TERM=xterm-256color),\n"
    "  or use it in a web browser: stemcell-explainer serve,\n"
    "  or make a document to read: stemcell-explainer export handout --format html -o handout.html"
)


def _run(root: Path, args: argparse.Namespace) -> int:
    if os.environ.get("TERM") == "dumb" and "TEXTUAL_DRIVER" not in os.environ:
        print(DUMB_TERMINAL, file=sys.stderr)
        return 2
    # Loading makes ~100,000 long-lived objects: the collector would scan them again and
    # again while they are made (and a full collection costs ~13 ms); they are frozen below.
    gc.disable()
    try:
        return _run_app(root, args)
    finally:
        gc.enable()


def _run_app(root: Path, args: argparse.Namespace) -> int:
    course = _load(root)
    if course is None:
        return 1
    from tui.app import make_app
    from tui.collector import hold_full_collections

    quiz: QuizRequest | None = None
    classroom: ClassroomRequest | None = None
    lessons = {lesson.id for lesson in course.lessons}
    if getattr(args, "lesson", None) is not None and args.lesson not in lessons:
        known = ", ".join(sorted(lessons))
        _say(f"no lesson '{printable(args.lesson)}' (lessons: {known})")
        return 2
    if args.command == "classroom":
        # Imported only here: the classroom screen costs ~30 ms to import.
        from tui.screens.classroom import ClassroomRequest, Link
        from tui.sync import new_join_code, normalise_code

        if args.presenter:
            link = Link(new_join_code(), args.port)
            classroom = ClassroomRequest(args.lesson, "presenter", link, args.seed)
        elif args.follow:
            classroom = ClassroomRequest(args.lesson, "follower", Link(normalise_code(args.join), args.port))
        else:
            classroom = ClassroomRequest(args.lesson, seed=args.seed)
    if args.command == "quiz":
        from tui.quiz.session import QuizRequest

        kind: SessionKind = "due" if args.due else "mistakes" if args.mistakes else "new"
        count = args.count or (None if kind != "new" else 10)
        quiz = QuizRequest(args.lesson, count, kind, args.seed)
    from tui.content.workshop import DiscernSource

    appraise = None
    discern = DiscernSource.for_course(root, [s.seed for s in course.sources])
    if args.command == "appraise":
        from tui.screens.appraise_home import AppraiseRequest

        loaded = _load_discern(root, course)
        if loaded is None:
            return 1
        seed = None
        if args.article is not None:
            seed = _article(loaded, args.article)
            if seed is None:
                return 2
        appraise, discern = AppraiseRequest(seed), DiscernSource.of(loaded)
    app = make_app(
        course,
        getattr(args, "data_dir", None),
        quiz=quiz,
        classroom=classroom,
        appraise=appraise,
        discern=discern,
        learner=getattr(args, "name", None),
        ask_name=args.command in ("quiz", "run", None),
        collect_when_idle=True,
    )
    # The course lives for the whole run: freeze it out of the collector's generations so a
    # collection on a key press does not rescan tens of thousands of frozen dataclasses; and
    # full collections wait for a pause in the reader's keys (tui/collector.py).
    gc.freeze()
    hold_full_collections()
    gc.enable()
    app.run()
    return app.return_code or 0  # 1 when the app stopped on an unhandled error


UNREADABLE_STORE = ("store.unavailable", "store.not_regular")


def _export(root: Path, args: argparse.Namespace) -> int:
    target = None
    if args.output is not None:  # check the destination before doing the work
        target = _output_target(args.output)
        if target is None:
            return 1
    course = _load(root)
    if course is None:
        return 1
    if args.what == "anki":
        from tui.quiz.anki import anki_package

        package = anki_package(course, args.lang)
        what = f"{len(course.questions)} Anki note(s)"
        if target is None or target.kind == "stdout":
            _write_stdout(package)
            return 0
        return _write_export(target, package, what, force=args.force)
    if args.what in ("appraisals", "discern-worksheet", "discern-key"):
        return _export_discern(root, course, args, target)
    if args.what == "claims":
        from tui.claims_export import export_claims

        text = export_claims(course, args.format, args.lang)
        what = f"the claims matrix ({len(course.claims)} claims)"
        if target is None or target.kind == "stdout":
            _write_stdout(text)
            return 0
        return _write_export(target, text, what, force=args.force)
    if args.what == "results":
        from tui.quiz.db import ReviewDB
        from tui.quiz.export import export_results

        folder = _answer_folder(args.data_dir)
        if folder is None:
            return 1
        learner = _learner(folder, args.name)
        store = ReviewDB(folder)
        records = store.load()
        store.close()
        for notice in store.notices:
            _say(printable(notice.text("en")))
        if any(notice.key in UNREADABLE_STORE for notice in store.notices):
            # Locked, a link, or not ours: an empty export would look like "no answers".
            _say("cannot read the answers: nothing was exported")
            return 1
        text = export_results(course, records, args.format, learner)
        what = f"{len(records)} answer(s)"
    else:
        from tui.handout import answer_key_markdown, handout_markdown, to_html

        if args.what == "handout":
            text = handout_markdown(course, args.lang)
        else:
            text = answer_key_markdown(course, args.lang, args.seed)
        if args.format == "html":
            text = to_html(text, course.title.get(args.lang), args.lang)
        what = f"the {args.what.replace('-', ' ')}"
    if target is None or target.kind == "stdout":
        _write_stdout(text)
        return 0
    return _write_export(target, text, what, force=args.force)


def _load_discern(root: Path, course: Course) -> Discern | None:
    """The DISCERN workshop, or None after saying why there is none."""
    from tui.content.discern import discern_present, load_discern
    from tui.content.loader import ContentError

    if not discern_present(root):
        _say(f"this course has no DISCERN workshop ({printable(str(root))}/content/discern.yaml)")
        return None
    try:
        return load_discern(root, [s.seed for s in course.sources], None)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        _say(f"{len(error.problems)} problem(s) in the DISCERN workshop; run 'stemcell-explainer check'")
        return None


def _article(discern: Discern, wanted: str) -> str | None:
    """The article `--article` names, or None after listing the ones there are."""
    from tui.content.discern import find_article

    seeds = [a.seed for a in discern.appraisals]
    seed = find_article(seeds, wanted)
    if seed is None:
        known = ", ".join(seed.split("_", 1)[0] for seed in seeds)
        _say(f"no article '{printable(wanted)}' (articles: {known})")
    return seed


def _export_discern(root: Path, course: Course, args: argparse.Namespace, target: OutputTarget | None) -> int:
    discern = _load_discern(root, course)
    if discern is None:
        return 1
    if args.what == "appraisals":
        from tui.quiz.appraisals import export_appraisals
        from tui.quiz.db import ReviewDB

        folder = _answer_folder(args.data_dir)
        if folder is None:
            return 1
        learner = _learner(folder, args.name)
        store = ReviewDB(folder)
        ratings, tallies = store.article_ratings(), store.class_tallies()
        store.close()
        for notice in store.notices:
            _say(printable(notice.text("en")))
        text = export_appraisals(course, discern, ratings, tallies, args.format, learner)
        what = f"{len(ratings)} rating(s) and {len(tallies)} class count(s)"
    else:
        from tui.handout import to_html
        from tui.i18n import both_ways
        from tui.worksheet import CSS, key_markdown, worksheet_markdown

        seeds = [a.seed for a in discern.appraisals]
        if args.article is not None:
            seed = _article(discern, args.article)
            if seed is None:
                return 2
            seeds = [seed]
        worksheet = args.what == "discern-worksheet"
        make = worksheet_markdown if worksheet else key_markdown
        text = make(course, discern, seeds, args.lang)
        if args.format == "html":
            title = both_ways("worksheet.title" if worksheet else "discern_key.title", args.lang)
            text = to_html(text, title, args.lang, CSS)
        what = f"the {args.what.replace('-', ' ')}"
    if target is None or target.kind == "stdout":
        _write_stdout(text)
        return 0
    return _write_export(target, text, what, force=args.force)


def _report(root: Path, args: argparse.Namespace) -> int:
    """`report class FILE...`: every file that cannot be read is named and makes the exit code 1;
    the others are still merged, and the report says at the top which files are missing. Files
    from `export appraisals` add the class's DISCERN ratings beside the reference."""
    from dataclasses import replace

    from tui.classreport_doc import render
    from tui.i18n import t
    from tui.quiz.classreport import build_report, merge
    from tui.quiz.discernreport import (
        DiscernArticle,
        discern_figures,
        looks_like_appraisals,
        merge_appraisals,
    )

    target = None
    if args.output is not None:
        target = _output_target(args.output)
        if target is None:
            return 1
    fmt = args.format or ("md" if args.output is not None and args.output.suffix == ".md" else "html")
    course = _load(root)
    if course is None:
        return 1
    appraisal_files = [path for path in args.files if looks_like_appraisals(path)]
    merged = merge([path for path in args.files if path not in appraisal_files])
    appraisals = merge_appraisals(appraisal_files)
    failures = [*merged.failures, *appraisals.failures]
    for _, error in failures:
        _say(printable(t(error.key, "en", **error.values)))
    if not merged.files and not appraisals.files:
        _say(t("report.nothing_read", "en"))
        return 1
    report = build_report(course, merged)
    report = replace(report, files=(*report.files, *appraisals.files), failures=tuple(failures))
    discern, articles = None, tuple[DiscernArticle, ...]()
    if appraisals.rows:
        discern = _load_discern(root, course)
        if discern is None:
            return 1
        articles = discern_figures(discern, appraisals.rows)
    text = render(course, report, fmt, args.lang, discern, articles)
    if target is None or target.kind == "stdout":
        _write_stdout(text)
        code = 0
    else:
        code = _write_export(target, text, t("report.what", "en"), force=args.force)
    if failures:
        _say(t("report.partial", "en", n=len(failures)))
        return 1
    return code


def _answer_folder(given: Path | None) -> Path | None:
    """The data folder to export answers from; a folder that is missing or holds no answer
    database is an error (a mistyped --data-dir must never export nothing, silently)."""
    from tui.i18n import t
    from tui.quiz.db import FILE, LEGACY
    from tui.storage import data_dir

    folder = data_dir(given)
    shown = printable(str(folder))
    if not folder.is_dir():
        _say(t("cli.no_data_dir", "en", path=shown))
        return None
    if not any(os.path.lexists(folder / name) for name in (FILE, LEGACY)):
        _say(t("cli.no_answers", "en", path=shown, file=FILE))
        return None
    return folder


def _learner(folder: Path, name: str | None) -> str:
    """The learner's name for exported rows: `name` (then saved), else the saved one."""
    from tui.i18n import t
    from tui.state import StateStore

    store = StateStore(folder)
    state = store.load()
    for notice in store.notices:
        _say(printable(notice))
    if name is not None and name != state.learner:
        state.learner = name
        warning = store.save(state)
        if warning:
            _say(printable(warning))
    if state.learner is None:
        _say(t("cli.no_name", "en"))
    return state.learner or ""


def _output_target(path: Path) -> OutputTarget | None:
    from tui.storage import output_target

    try:
        return output_target(path)
    except OSError as error:
        _say(f"cannot write {printable(str(path))}: {printable(error.strerror or str(error))}")
        return None


def _confirm_overwrite(shown: str) -> bool:
    """y/N on the terminal; anything but y or yes (or end of input) is no."""
    try:
        sys.stderr.write(f"stemcell-explainer: {shown} exists. Overwrite it? [y/N] ")
        sys.stderr.flush()
        answer = sys.stdin.readline()
    except (OSError, ValueError, KeyboardInterrupt):
        return False
    return answer.strip().lower() in ("y", "yes")


def _write_export(target: OutputTarget, text: str | bytes, what: str, *, force: bool) -> int:
    from tui.storage import atomic_write_bytes, write_stream

    shown = printable(str(target.path))
    if target.given is not None:
        shown = f"{printable(str(target.given))} (a link to {shown})"
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        if target.kind == "stream":
            write_stream(target.path, data)
        elif target.kind == "file":
            if not force and not (sys.stdin.isatty() and _confirm_overwrite(shown)):
                _say(f"{shown} already exists; not overwritten (pass --force to overwrite it)")
                return 1
            atomic_write_bytes(target.path, data, make_parents=False)
        else:
            atomic_write_bytes(target.path, data, make_parents=False, overwrite=False)
    except FileExistsError:
        _say(f"{shown} appeared while writing; not overwritten (pass --force to overwrite it)")
        return 1
    except OSError as error:
        _say(f"cannot write {shown}: {printable(error.strerror or str(error))}")
        return 1
    _say(f"wrote {what} to {shown}")
    return 0
