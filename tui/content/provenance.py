"""Verify quotes against the source articles and measure how much of each article is cited."""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tui.content.files import Unreadable, read_regular
from tui.content.model import Course, Location, Source, SourceRef
from tui.content.problems import Problems, excerpt, printable

SEEDS_ENV = "STEMCELL_SEEDS"
MAX_ARTICLE_BYTES = 16 * 1024 * 1024


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def find_seeds_dir(explicit: Path | None, course_root: Path) -> Path | None:
    """--seeds, else $STEMCELL_SEEDS, else ../shared/seeds beside the course or the cwd."""
    if explicit is not None:
        return explicit
    env = os.environ.get(SEEDS_ENV)
    if env:
        return Path(env)
    for base in (course_root.resolve(), Path.cwd().resolve()):
        candidate = base.parent / "shared" / "seeds"
        if candidate.is_dir():
            return candidate
    return None


@dataclass
class Article:
    """One source article as text, split into paragraphs (non-empty lines)."""

    name: str
    text: str
    sha256: str
    paragraphs: dict[int, str] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> Article:
        """Raises `Unreadable` (not a regular file, too large, ...) or UnicodeDecodeError."""
        data = read_regular(path, MAX_ARTICLE_BYTES)
        text = nfc(data.decode("utf-8"))
        paragraphs = {n: line for n, line in enumerate(text.splitlines(), 1) if line.strip()}
        return cls(path.name, text, hashlib.sha256(data).hexdigest(), paragraphs)


@dataclass
class Coverage:
    seed: str
    substantive: int
    covered: int
    uncovered: list[tuple[int, str]]

    @property
    def share(self) -> float:
        return self.covered / self.substantive if self.substantive else 1.0


@dataclass
class Verification:
    seeds_dir: Path | None
    quotes: int = 0
    verified: int = 0
    per_article: Counter[str] = field(default_factory=Counter)
    coverage: dict[str, Coverage] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    unverified: str | None = None  # why no quote could be checked at all


def verify(course: Course, seeds_dir: Path | None, problems: Problems, content: Path) -> Verification:
    """Check every quote occurs verbatim (NFC) in its article and every sha256 matches."""
    refs = course.all_refs()
    # Each claim's own quotes are checked (and reported) where the claim is recorded; a
    # citation of a claim repeats them, so a missing quote is not reported again there.
    own = [SourceRef(c.seed, q.quote, q.gloss, c.strength, q.where) for c in course.claims for q in c.quotes]
    result = Verification(seeds_dir, quotes=len(refs) + len(own))
    result.per_article.update(ref.seed for ref in refs)
    if seeds_dir is None or not seeds_dir.is_dir():
        where = f" ({printable(str(seeds_dir))} is not a directory)" if seeds_dir else ""
        result.unverified = (
            f"quotes could not be verified: no seeds directory found{where}; "
            f"pass --seeds DIR, set ${SEEDS_ENV}, or skip verification with --no-seeds"
        )
        return result
    sources_file = content / "sources.yaml"
    articles: dict[str, Article] = {}
    for source in course.sources:
        article = _read_article(seeds_dir, source, problems, sources_file)
        if article is not None:
            articles[source.seed] = article
    by_seed: dict[str, list[SourceRef]] = {}
    for ref in refs:
        by_seed.setdefault(ref.seed, []).append(ref)
    for ref in [*own, *refs]:
        article = articles.get(ref.seed)
        if article is None:
            continue
        if nfc(ref.quote) in article.text:
            result.verified += 1
        elif ref.claim is None:
            loc = ref.where or Location("?", 1)
            problems.add(
                Path(loc.path),
                loc.line,
                loc.col,
                f'quote not found in {ref.seed}: "{excerpt(ref.quote, 80)}"',
            )
    for source in course.sources:
        article = articles.get(source.seed)
        if article is not None:
            quotes = [nfc(ref.quote) for ref in by_seed.get(source.seed, [])]
            result.coverage[source.seed] = _coverage(article, source, quotes)
    return result


def _read_article(seeds_dir: Path, source: Source, problems: Problems, sources_file: Path) -> Article | None:
    line = source.where.line if source.where else 1
    path = seeds_dir / source.seed
    try:
        article = Article.read(path)
    except Unreadable as error:
        if error.missing and not path.is_symlink():
            where = printable(str(seeds_dir))
            problems.add(sources_file, line, 1, f"article {source.seed} not found in {where}")
        else:
            problems.add(sources_file, line, 1, f"article {source.seed} cannot be read: {error.reason}")
        return None
    except UnicodeDecodeError as error:
        problems.add(
            sources_file, line, 1, f"article {source.seed} cannot be read: not UTF-8 (byte {error.start})"
        )
        return None
    if article.sha256 != source.sha256:
        problems.add(
            sources_file,
            line,
            1,
            f"sha256 of {source.seed} does not match: the article has {article.sha256}",
        )
    return article


def _coverage(article: Article, source: Source, quotes: list[str]) -> Coverage:
    # Test each paragraph against the ranges: expanding "1-9999999" into a set would not scale.
    ranges = [(ex.first, ex.last) for ex in source.exclude]
    substantive = {n: p for n, p in article.paragraphs.items() if not any(a <= n <= b for a, b in ranges)}
    uncovered = [(n, p) for n, p in substantive.items() if not any(q in p for q in quotes)]
    return Coverage(source.seed, len(substantive), len(substantive) - len(uncovered), uncovered)
