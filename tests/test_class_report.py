"""`report class`: three learners' exports (written by the real export code from fabricated
answers) merged into exact figures, the documents made from them, and every kind of bad file."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, MINI
from tests.test_handout import parse
from tui.classreport_doc import to_html, to_markdown
from tui.cli import main
from tui.content.loader import load_course
from tui.content.model import Course
from tui.quiz.cards import question_hash
from tui.quiz.classreport import ClassReport, ResultsError, build_report, merge, read_results
from tui.quiz.export import export_results
from tui.quiz.store import Record

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

# learner: (minute, question, correct, authored option indices chosen)
ANSWERS: dict[str, list[tuple[int, str, bool, list[int]]]] = {
    "Ann": [
        (1, "q-basics-1", False, [1]),
        (2, "q-basics-2", True, [0, 1]),
        (3, "q-basics-3", False, []),
        (4, "q-claims-1", False, [2]),
        (5, "q-basics-1", True, [0]),
    ],
    "Ben": [
        (1, "q-basics-1", False, [2]),
        (2, "q-basics-2", False, [0, 2]),
        (3, "q-basics-3", True, []),
        (4, "q-basics-6", True, []),
        (5, "q-claims-1", False, [2]),
        (6, "q-claims-2", True, []),
    ],
    "佐藤 花子": [
        (1, "q-basics-1", True, [0]),
        (2, "q-basics-2", False, [2]),
        (3, "q-claims-1", False, [0]),
        (4, "q-claims-1", True, [1]),
        (5, "q-basics-4", True, []),
        (6, "q-basics-3", True, []),
    ],
}


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    """The mini course with a second lesson's questions (one with HTML-like text in it)."""
    root = tmp_path_factory.mktemp("course") / "course"
    shutil.copytree(MINI, root)
    shutil.copy(FIXTURES / "classreport" / "02-claims.yaml", root / "content" / "quiz" / "02-claims.yaml")
    return load_course(root)


def records(course: Course, learner: str) -> list[Record]:
    questions = {q.id: q for q in course.questions}
    out: list[Record] = []
    for minute, qid, correct, choices in ANSWERS[learner]:
        q = questions[qid]
        out.append(
            {
                "id": f"{learner}-{minute}",
                "question": qid,
                "hash": question_hash(q),
                "lesson": "?",  # the report takes the lesson from the course, not the row
                "time": (T0 + timedelta(minutes=minute)).isoformat(),
                "correct": correct,
                "score": 1.0 if correct else 0.0,
                "rating": 3 if correct else 1,
                "answer": ["x"],
                "choices": choices,
                "options_shown": list(range(len(q.options))),
            }
        )
    return out


@pytest.fixture(scope="module")
def exports(course: Course, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Ann as JSON, Ben as CSV *and* JSON (the same rows twice), 佐藤 花子 as CSV."""
    folder = tmp_path_factory.mktemp("exports")
    files = []
    for name, learner, fmt in [
        ("ann.json", "Ann", "json"),
        ("ben.csv", "Ben", "csv"),
        ("ben-again.json", "Ben", "json"),
        ("hanako.csv", "佐藤 花子", "csv"),
    ]:
        path = folder / name
        path.write_text(export_results(course, records(course, learner), fmt, learner), "utf-8")
        files.append(path)
    return files


@pytest.fixture(scope="module")
def report(course: Course, exports: list[Path]) -> ClassReport:
    return build_report(course, merge(exports))


def figures(report: ClassReport, qid: str):  # type: ignore[no-untyped-def]
    return next(f for f in report.questions if f.question.id == qid)


def test_merged_counts(report: ClassReport) -> None:
    assert report.learners == ("Ann", "Ben", "佐藤 花子")
    assert report.answers == 17 and report.duplicates == 6
    assert report.unknown == 0 and report.older == 0 and report.failures == ()
    assert [n for _, n in report.files] == [5, 6, 6, 6]


@pytest.mark.parametrize(
    ("qid", "learners", "answers", "right"),
    [
        ("q-basics-1", 3, 4, 2),
        ("q-basics-2", 3, 3, 1),
        ("q-basics-3", 3, 3, 2),
        ("q-basics-4", 1, 1, 1),
        ("q-basics-5", 0, 0, 0),
        ("q-basics-6", 1, 1, 1),
        ("q-claims-1", 3, 4, 1),
        ("q-claims-2", 1, 1, 1),
    ],
)
def test_answered_and_right(report: ClassReport, qid: str, learners: int, answers: int, right: int) -> None:
    f = figures(report, qid)
    assert (f.learners, f.answers, f.right) == (learners, answers, right)


def test_percent_right(report: ClassReport) -> None:
    assert figures(report, "q-basics-1").share_right == 0.5
    assert figures(report, "q-basics-2").share_right == pytest.approx(1 / 3)
    assert figures(report, "q-claims-1").share_right == 0.25
    assert figures(report, "q-basics-5").share_right is None


def test_most_chosen_wrong_option(report: ClassReport) -> None:
    assert (figures(report, "q-basics-2").wrong_option, figures(report, "q-basics-2").wrong_count) == (2, 2)
    assert (figures(report, "q-claims-1").wrong_option, figures(report, "q-claims-1").wrong_count) == (2, 2)
    # a tie (options 1 and 2 once each) goes to the option authored first
    assert (figures(report, "q-basics-1").wrong_option, figures(report, "q-basics-1").wrong_count) == (1, 1)
    assert figures(report, "q-basics-3").wrong_option is None  # myth or fact: no options


def test_hardest_five(report: ClassReport) -> None:
    # 25 %, 33 %, 50 %, 67 %, then the 100 % questions with one answer each, in course order
    assert [f.question.id for f in report.hardest] == [
        "q-claims-1",
        "q-basics-2",
        "q-basics-1",
        "q-basics-3",
        "q-basics-4",
    ]


def test_lesson_mastery(report: ClassReport) -> None:
    basics, claims = report.lessons
    # latest answers right, of 6: Ann 2 (q1 on retry, q2), Ben 2 (q3, q6), 佐藤 3 (q1, q3, q4)
    assert basics.questions == 6 and basics.learners == 3
    assert basics.mastery == pytest.approx((2 + 2 + 3) / 18)
    # of 2: Ann 0, Ben 1 (q-claims-2), 佐藤 1 (q-claims-1 on retry)
    assert claims.questions == 2 and claims.learners == 3
    assert claims.mastery == pytest.approx(1 / 3)


def test_html_report(course: Course, report: ClassReport) -> None:
    page = to_html(course, report, "en")
    doc = parse(page)
    assert doc.errors == [] and doc.stack == []
    assert {"script", "img", "link", "iframe"}.isdisjoint(doc.tags) and doc.hrefs == [] and doc.srcs == []
    assert "svg" in doc.tags and "@media print" in page
    assert "Merged 17 answer(s) from 3 learner(s) in 4 file(s)." in page
    assert "6 repeated row(s)" in page
    # course text is escaped, never markup (it is Markdown: "&amp;" in it means "&")
    assert "&lt;script&gt;" in page and "<script>" not in page and "&lt;b&gt;&amp;&lt;/b&gt;" in page
    assert "Viruses (chosen 2×)" in page and "Not mentioned." in page
    assert ">25%<" in page and ">33%<" in page


def test_japanese_and_markdown_reports(course: Course, report: ClassReport) -> None:
    ja = to_html(course, report, "ja")
    assert '<html lang="ja">' in ja and "ウイルス(2 回選択)" in ja and "記載なし。" in ja
    assert "4 個のファイルから 3 人の回答 17 件をまとめました。" in ja
    md = to_markdown(course, report, "both")
    assert "| 1. Basics / 基本 | 6 | 3 | 39% |" in md
    assert "Viruses / ウイルス (chosen 2×)" in md
    assert "\\<script\\>" in md and "<script>" not in md


# -- the command --------------------------------------------------------------------------


def content_of(course_root: Path) -> list[str]:
    return ["--content", str(course_root)]


@pytest.fixture
def course_root(course: Course, tmp_path: Path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(MINI, root)
    shutil.copy(FIXTURES / "classreport" / "02-claims.yaml", root / "content" / "quiz" / "02-claims.yaml")
    return root


def test_cli_writes_the_report(
    course_root: Path, exports: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    args = ["report", "class", *map(str, exports), "-o", str(out), "--lang", "ja", *content_of(course_root)]
    assert main(args) == 0
    assert "wrote the class report" in capsys.readouterr().err
    assert "クラスの結果" in out.read_text("utf-8")
    assert main(args) == 1  # an existing file is not replaced without --force
    assert main([*args, "--force"]) == 0
    md = tmp_path / "report.md"
    assert main(["report", "class", str(exports[0]), "-o", str(md), *content_of(course_root)]) == 0
    assert md.read_text("utf-8").startswith("# Class report")


BAD = {
    "empty.json": b"",
    "blank.csv": b"  \n\n",
    "header-only.csv": b"learner,time,question,correct\n",
    "nothing.json": b"[]",
    "object.json": b'{"question": "q-basics-1"}',
    "broken.json": b'[{"question": ',
    "latin1.csv": "learner,time,question,correct\nJosé,x,y,z\n".encode("latin-1"),
    "notes.csv": b"just some notes\nnothing like results\n",
    "bad-correct.json": json.dumps(
        [{"time": T0.isoformat(), "question": "q-basics-1", "correct": "maybe"}]
    ).encode(),
    "naive-time.json": json.dumps(
        [{"time": "2026-03-02T09:00:00", "question": "q-basics-1", "correct": True}]
    ).encode(),
    "bad-choices.csv": f"time,question,correct,choices\n{T0.isoformat()},q-basics-1,False,one\n".encode(),
    "control.json": json.dumps(
        [{"learner": "a\x1b[2J", "time": T0.isoformat(), "question": "q-basics-1", "correct": True}]
    ).encode(),
}
MESSAGES = {
    "empty.json": "is empty",
    "blank.csv": "is empty",
    "header-only.csv": "holds no answers",
    "nothing.json": "holds no answers",
    "object.json": "is not a results export",
    "broken.json": "not valid JSON (line 1)",
    "latin1.csv": "is not UTF-8 text",
    "notes.csv": "is not a results export",
    "bad-correct.json": "row 1: 'correct' is missing or not valid",
    "naive-time.json": "row 1: 'time' is missing or not valid",
    "bad-choices.csv": "row 1: 'choices' is missing or not valid",
    "control.json": "row 1: 'learner' is missing or not valid",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_is_named(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(BAD[name])
    with pytest.raises(ResultsError) as error:
        read_results(path)
    from tui.i18n import t

    message = t(error.value.key, "en", **error.value.values)
    assert str(path) in message and MESSAGES[name] in message


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ResultsError) as missing:
        read_results(tmp_path / "nope.json")
    assert missing.value.key == "report.missing"
    with pytest.raises(ResultsError) as folder:
        read_results(tmp_path)
    assert folder.value.key == "report.unreadable" and "not a regular file" in str(folder.value.values)


def test_cli_names_each_bad_file_and_exits_1(
    course_root: Path, exports: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    out = tmp_path / "report.html"
    missing = tmp_path / "typo.json"
    args = ["report", "class", str(exports[0]), str(missing), str(empty), "-o", str(out)]
    assert main([*args, *content_of(course_root)]) == 1
    err = capsys.readouterr().err
    assert f"{missing}: no such file" in err and f"{empty} is empty" in err
    page = out.read_text("utf-8")  # the readable file is still reported, with the failures on top
    assert "2 file(s) could not be read" in page and "typo.json: no such file" in page
    assert "Merged 5 answer(s) from 1 learner(s) in 1 file(s)." in page


def test_cli_with_nothing_readable_writes_nothing(
    course_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    assert main(["report", "class", str(tmp_path / "a.json"), "-o", str(out), *content_of(course_root)]) == 1
    assert "no report was written" in capsys.readouterr().err and not out.exists()


def test_export_without_a_name_is_credited_to_the_file(course: Course, tmp_path: Path) -> None:
    path = tmp_path / "kenji.csv"
    text = export_results(course, records(course, "Ann"), "csv")  # no name saved
    path.write_text(text, "utf-8")
    assert {row.learner for row in read_results(path)} == {"kenji"}
    old = tmp_path / "old.csv"  # an export from before the learner column
    rows = list(csv.DictReader(io.StringIO(text)))
    writer_out = io.StringIO()
    writer = csv.DictWriter(writer_out, fieldnames=[c for c in rows[0] if c != "learner"])
    writer.writeheader()
    writer.writerows({k: v for k, v in row.items() if k != "learner"} for row in rows)
    old.write_text(writer_out.getvalue(), "utf-8")
    assert {row.learner for row in read_results(old)} == {"old"}


def test_older_versions_and_unknown_questions(course: Course, tmp_path: Path) -> None:
    rows = export_results(course, records(course, "Ben"), "json", "Ben")
    data = json.loads(rows)
    data[1]["version"] = "an-earlier-hash"  # q-basics-2 answered before an edit
    data.append({**data[0], "question": "q-gone", "time": (T0 + timedelta(hours=1)).isoformat()})
    path = tmp_path / "ben.json"
    path.write_text(json.dumps(data), "utf-8")
    report = build_report(course, merge([path]))
    assert report.unknown == 1 and report.older == 1 and report.answers == 7
    q2 = figures(report, "q-basics-2")
    assert q2.answers == 1 and q2.right == 0 and q2.wrong_option is None
