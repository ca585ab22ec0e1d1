"""DISCERN ratings kept in the answer database: the learner's ratings and a class's show of
hands, round trips, an older schema-1 file gaining the tables, salvage, hostile rows, the
count of hands, and the CSV/JSON export beside the reference."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tui.content.discern import load_discern
from tui.content.loader import default_course_root, load_course
from tui.quiz.appraisals import (
    COLUMNS,
    ArticleRating,
    ClassTally,
    Hands,
    by_article,
    export_appraisals,
    median,
)
from tui.quiz.db import CREATE, FILE, SCHEMA, TABLES, ReviewDB

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
A, B = "001_6a4e017ff932e135.txt", "004_71b6ab47d2e6b370.txt"
COURSE = load_course(default_course_root())
DISCERN = load_discern(default_course_root(), [s.seed for s in COURSE.sources], None)


def test_learner_ratings_round_trip_latest_wins(tmp_path: Path) -> None:
    db = ReviewDB(tmp_path)
    assert db.rate_article(A, 5, 4, T0)
    assert db.rate_article(A, 5, 2, T0 + timedelta(minutes=1))  # changed their mind
    assert db.rate_article(B, 16, 3, T0)
    db.close()
    again = ReviewDB(tmp_path).article_ratings()
    assert again == [
        ArticleRating(A, 5, 2, (T0 + timedelta(minutes=1)).isoformat()),
        ArticleRating(B, 16, 3, T0.isoformat()),
    ]
    assert by_article(again) == {A: {5: 2}, B: {16: 3}}


@pytest.mark.parametrize(("question", "rating"), [(0, 3), (17, 3), (5, 0), (5, 6), (True, 3), (5, "3")])
def test_a_rating_outside_the_instrument_is_refused(tmp_path: Path, question: object, rating: object) -> None:
    with pytest.raises(ValueError):
        ReviewDB(tmp_path).rate_article(A, question, rating, T0)  # type: ignore[arg-type]


def test_class_tallies_round_trip_and_drop(tmp_path: Path) -> None:
    db = ReviewDB(tmp_path)
    session = T0.isoformat()
    assert db.save_hands(session, A, 1, (1, 2, 3, 0, 0), T0)
    assert db.save_hands(session, A, 1, (1, 2, 4, 0, 0), T0 + timedelta(seconds=5))  # one more hand
    assert db.save_hands(session, A, 2, (0, 0, 0, 0, 1), T0)
    assert db.drop_hands(session, A, 2)  # every hand taken back
    with pytest.raises(ValueError):
        db.save_hands(session, A, 1, (1, 2, 3), T0)
    with pytest.raises(ValueError):
        db.save_hands(session, A, 1, (1, 2, 3, 4, -1), T0)
    db.close()
    assert ReviewDB(tmp_path).class_tallies() == [
        ClassTally(session, A, 1, (1, 2, 4, 0, 0), (T0 + timedelta(seconds=5)).isoformat())
    ]


def test_a_schema_1_file_from_before_gains_the_tables_and_keeps_its_rows(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / FILE)
    conn.executescript(CREATE)
    conn.execute("INSERT INTO progress VALUES ('basics.size', ?)", (T0.isoformat(),))
    conn.execute(f"PRAGMA user_version = {SCHEMA}")
    conn.commit()
    conn.close()
    db = ReviewDB(tmp_path)
    assert db.rate_article(A, 1, 3, T0) and db.notices == []
    assert db.read_steps() == {"basics.size": T0.isoformat()}
    db.close()
    conn = sqlite3.connect(tmp_path / FILE)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA  # no bump: older apps still open it
    tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert set(TABLES) <= tables


def test_an_unusable_file_is_set_aside_keeping_ratings_and_tallies(tmp_path: Path) -> None:
    db = ReviewDB(tmp_path)
    db.rate_article(A, 3, 2, T0)
    db.save_hands("s1", A, 3, (0, 4, 1, 0, 0), T0)
    db.close()
    conn = sqlite3.connect(tmp_path / FILE)
    conn.execute("ALTER TABLE cards ADD COLUMN extra TEXT")  # a schema this version does not know
    conn.commit()
    conn.close()
    fresh = ReviewDB(tmp_path)
    assert fresh.article_ratings() == [ArticleRating(A, 3, 2, T0.isoformat())]
    assert [n.key for n in fresh.notices] == ["store.set_aside"]
    assert fresh.class_tallies() == [ClassTally("s1", A, 3, (0, 4, 1, 0, 0), T0.isoformat())]


def test_hostile_rows_are_skipped_when_read(tmp_path: Path) -> None:
    db = ReviewDB(tmp_path)
    db.rate_article(A, 3, 2, T0)
    db.close()
    conn = sqlite3.connect(tmp_path / FILE)
    conn.execute("INSERT INTO appraisals VALUES (?, 17, 3, ?)", (A, T0.isoformat()))
    conn.execute("INSERT INTO appraisals VALUES (?, 4, 'x', ?)", (A, T0.isoformat()))
    conn.execute("INSERT INTO appraisals VALUES (?, 6, 9, ?)", (A, T0.isoformat()))
    conn.execute("INSERT INTO class_tallies VALUES ('s', ?, 1, 1, 1, 1, 1, 5000, ?)", (A, T0.isoformat()))
    conn.execute("INSERT INTO class_tallies VALUES ('s', ?, 2, 1, 1, 1, 1, -1, ?)", (A, T0.isoformat()))
    conn.commit()
    conn.close()
    again = ReviewDB(tmp_path)
    assert again.article_ratings() == [ArticleRating(A, 3, 2, T0.isoformat())]
    assert again.class_tallies() == []


def test_hands_add_undo_and_median() -> None:
    hands = Hands()
    assert hands.median is None and hands.undo() is None
    for rating in (3, 1, 3, 5):
        assert hands.add(rating)
    assert hands.as_tuple() == (1, 0, 2, 0, 1) and hands.votes == 4
    assert hands.median == 3.0  # 1 3 3 5
    assert hands.undo() == 5 and hands.median == 3.0  # 1 3 3
    assert hands.undo() == 3 and hands.median == 2.0  # 1 3: halfway
    assert not hands.add(0) and not hands.add(6)
    assert Hands.of((0, 2, 0, 0, 1)).undo() in (2, 5)
    assert median((0, 0, 0, 0, 0)) is None and median((0, 1, 0, 1, 0)) == 3.0


def test_export_csv_and_json_beside_the_reference() -> None:
    ratings = [ArticleRating(A, 5, 4, T0.isoformat()), ArticleRating(A, 1, 3, T0.isoformat())]
    tallies = [ClassTally("s1", A, 6, (0, 3, 1, 0, 0), T0.isoformat())]
    reference = DISCERN.appraisal(A)
    assert reference is not None
    rows = list(csv.DictReader(io.StringIO(export_appraisals(COURSE, DISCERN, ratings, tallies, "csv"))))
    assert list(rows[0]) == COLUMNS
    assert [(r["who"], r["question"]) for r in rows] == [("learner", "1"), ("learner", "5"), ("class", "6")]
    first, fifth, klass = rows
    assert first["rating"] == "3" and first["reference"] == str(reference.rating(1).score)
    assert fifth["difference"] == str(4 - reference.rating(5).score)
    assert fifth["publisher"] == "五良会クリニック白金高輪" and fifth["section"] == "reliability"
    assert fifth["short"] == "Dated" and fifth["hands_1"] == "" and fifth["session"] == ""
    assert klass["session"] == "s1" and klass["votes"] == "4" and klass["rating"] == ""
    assert [klass[f"hands_{n}"] for n in range(1, 6)] == ["0", "3", "1", "0", "0"]
    assert klass["median"] == "2.0" and klass["difference"] == str(2.0 - reference.rating(6).score)
    data = json.loads(export_appraisals(COURSE, DISCERN, ratings, tallies, "json"))
    assert [set(row) for row in data] == [set(COLUMNS) - {f"hands_{n}" for n in range(1, 6)} | {"hands"}] * 3
    assert data[2]["hands"] == [0, 3, 1, 0, 0] and data[0]["hands"] is None
    assert data[1]["rating"] == 4 and data[1]["time"] == T0.isoformat()
