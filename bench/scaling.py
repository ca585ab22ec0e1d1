"""Synthetic courses at k× the real content, for the scaling part of the benchmark."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ID_LINE = re.compile(r'^(\s*(?:- )?(?:id|step): )"?([a-z0-9.-]+)"?\s*$', re.MULTILINE)
REF_LIST = re.compile(r"^(\s*(?:related|disagreements): )\[([^\]]*)\]", re.MULTILINE)


def _suffix(name: str, k: int) -> str:
    return name if k == 0 else f"{name}-x{k}"


def suffix_ids(text: str, k: int, term_k: int | None = None) -> str:
    """Make every id unique for copy `k`; references to glossary terms point at copy `term_k`."""
    term_k = k if term_k is None else term_k
    text = ID_LINE.sub(lambda m: f'{m.group(1)}"{_suffix(m.group(2), k)}"', text)
    text = re.sub(
        r'^(\s*term: )"?([a-z0-9.-]+)"?\s*$',
        lambda m: f'{m.group(1)}"{_suffix(m.group(2), term_k)}"',
        text,
        flags=re.MULTILINE,
    )

    def refs(m: re.Match[str]) -> str:
        copy = term_k if "related" in m.group(1) else k
        names = [x.strip().strip(chr(34)) for x in m.group(2).split(",") if x.strip()]
        return m.group(1) + "[" + ", ".join(_suffix(x, copy) for x in names) + "]"

    return REF_LIST.sub(refs, text)


GLOSSARY_CAP = 20  # glossary.yaml is one file, and files over 4 MB are refused


def build(real: Path, target: Path, factor: int) -> Path:
    """A course root holding `factor` copies of every lesson and quiz file, and
    min(factor, GLOSSARY_CAP) copies of the glossary."""
    if target.exists():
        shutil.rmtree(target)
    (target / "content" / "lessons").mkdir(parents=True)
    (target / "content" / "quiz").mkdir(parents=True)
    shutil.copy(real / "content" / "sources.yaml", target / "content" / "sources.yaml")
    # The claim registry is per article, not per lesson: every copy of a lesson cites the same claims.
    shutil.copy(real / "content" / "topics.yaml", target / "content" / "topics.yaml")
    shutil.copytree(real / "content" / "claims", target / "content" / "claims")
    course = (real / "content" / "course.yaml").read_text("utf-8")
    head, _, lessons = course.partition("lessons:\n")
    ids = [line.strip()[2:] for line in lessons.splitlines() if line.strip().startswith("- ")]
    order = [f"  - {i}" if k == 0 else f"  - {i}-x{k}" for k in range(factor) for i in ids]
    (target / "content" / "course.yaml").write_text(head + "lessons:\n" + "\n".join(order) + "\n", "utf-8")
    for folder in ("lessons", "quiz"):
        for path in sorted((real / "content" / folder).glob("*.yaml")):
            text = path.read_text("utf-8")
            for k in range(factor):
                copy = suffix_ids(text, k, k % GLOSSARY_CAP)
                (target / "content" / folder / f"{path.stem}-{k}.yaml").write_text(copy, "utf-8")
    glossary = (real / "glossary.yaml").read_text("utf-8")
    _, _, body = glossary.partition("terms:\n")
    copies = [suffix_ids(body, k) for k in range(min(factor, GLOSSARY_CAP))]
    (target / "glossary.yaml").write_text("terms:\n" + "".join(copies), "utf-8")
    return target


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def exponent(factors: list[int], times: list[float]) -> float:
    """Least-squares slope of log(time) against log(factor): 1.0 is linear."""
    import math

    xs = [math.log(f) for f in factors]
    ys = [math.log(max(t, 1e-9)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def measure(real: Path, seeds: Path | None, factors: tuple[int, ...] = (1, 10, 100)) -> dict[str, object]:
    import gc
    import statistics
    import tempfile
    import time
    from dataclasses import replace

    from textual.fuzzy import Matcher

    from tui.collector import hold_full_collections
    from tui.commands import search_entries
    from tui.content.linking import TermFilter
    from tui.content.loader import load_course, read_course
    from tui.content.report import build_report
    from tui.content.search import SearchIndex

    base = load_course(real)
    build_report(real, seeds)  # warm imports and caches so 1x is not charged for them
    SearchIndex.of(base)
    queries = ["幹", "かん", "exo", "stem", "サイト", "growth", "えく", "mi", "腎臓", "sleep"]
    out: dict[str, dict[str, float]] = {
        "check_s": {},
        "load_s": {},
        "glossary_filter_ms": {},
        "search_ms": {},
        "text_index_s": {},
        "text_search_ms": {},
        "text_search_p95_ms": {},
    }
    # Full-text search (the palette's text hits): common words, rare ones and a miss, which
    # has to read every text. Built from the scaled course on disk, whose ids are all distinct.
    text_queries = [*queries, "chemokine", "ケモカイン", "細胞の増殖", "ＳＴＥＭ", "no such phrase"]
    work = Path(tempfile.mkdtemp(prefix="stemcell-scale-"))
    for factor in factors:
        root = build(real, work / f"x{factor}", factor)
        start = time.perf_counter()
        report = build_report(root, seeds)
        out["check_s"][str(factor)] = time.perf_counter() - start
        if report.problems:
            raise SystemExit(f"bench: the {factor}x course has problems: {report.problems[0]}")
        start = time.perf_counter()
        scaled, _ = read_course(root)
        out["load_s"][str(factor)] = time.perf_counter() - start
        assert scaled is not None
        # Built as the app builds it, with automatic full collections held (tui.collector).
        # Otherwise each full collection scans this process's other scaled courses and reports
        # too, and the build grows faster than the course (15.6× from 10× to 100×, against 8×
        # alone). (Not frozen: `gc.unfreeze` would also thaw what the latency runs froze, and
        # the answer-database measure after this one would pay for scanning it.)
        gc.collect()
        thresholds = gc.get_threshold()
        hold_full_collections()
        try:
            start = time.perf_counter()
            index = SearchIndex.of(scaled)
            out["text_index_s"][str(factor)] = time.perf_counter() - start
        finally:
            gc.set_threshold(*thresholds)
        samples = []
        for _ in range(3):
            for query in text_queries:
                start = time.perf_counter()
                index.search(query)
                samples.append((time.perf_counter() - start) * 1000)
        out["text_search_ms"][str(factor)] = statistics.median(samples)
        out["text_search_p95_ms"][str(factor)] = percentile(samples, 0.95)
        del scaled, index
        terms = [replace(t, id=f"{t.id}-{k}") for k in range(factor) for t in base.terms]
        search = TermFilter(terms)
        samples = []
        for query in queries:
            start = time.perf_counter()
            search.filter(query)
            samples.append((time.perf_counter() - start) * 1000)
        out["glossary_filter_ms"][str(factor)] = statistics.median(samples)
        course = replace(base, lessons=base.lessons * factor, terms=tuple(terms))
        entries = search_entries(course, "en")
        samples = []
        for query in queries[:4]:
            matcher = Matcher(query)
            start = time.perf_counter()
            [matcher.match(entry.match) for entry in entries]
            samples.append((time.perf_counter() - start) * 1000)
        out["search_ms"][str(factor)] = statistics.median(samples)
        shutil.rmtree(root)
    shutil.rmtree(work, ignore_errors=True)
    result: dict[str, object] = dict(out)
    result["exponent"] = {
        name: exponent(list(factors), [values[str(f)] for f in factors]) for name, values in out.items()
    }
    return result
