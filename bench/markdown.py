"""The README's performance tables from `bench/results.json` (python -m bench.markdown), so the
figures in the README are the ones the last `make bench` measured, not copied by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results.json"

LATENCY_TARGETS = {
    "bare_keypress": "(floor)",
    "quiz_answer_to_feedback": "≤ 16 ms",
    "next_step": "≤ 16 ms, p95 ≤ 33",
    "lesson_switch": "≤ 16 ms, p95 ≤ 33",
    "glossary_filter_100x": "≤ 16 ms",
}
SCALING = {
    "check_s": ("`check`", "s"),
    "load_s": ("load from YAML", "s"),
    "glossary_filter_ms": ("glossary filter", "ms"),
    "search_ms": ("title search (palette)", "ms"),
    "text_index_s": ("full-text index build (first palette use; full collections held, as in the app)", "s"),
    "text_search_ms": ("full-text search, median (≤ 50 ms at 100×)", "ms"),
    "text_search_p95_ms": ("full-text search, p95", "ms"),
}


def verdict(ratio: float, target: float) -> str:
    return f"≤ {target}× ({'met' if ratio <= target else 'missed'})"


def ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def latency_rows(latency: dict[str, dict[str, float]]) -> list[str]:
    """One row per measure; a step's row carries Textual's floor for the same change (the
    `floor_` measures: bench/floor.py) beside the explainer's own figure."""
    rows = []
    for name, value in latency.items():
        if name.startswith("floor_"):
            continue
        target = LATENCY_TARGETS[name.split(" ")[0]]
        median_target = float(target.split("≤ ")[1].split(" ")[0]) if "≤" in target else None
        met = ""
        if median_target is not None:
            met = " (met)" if value["median_ms"] <= median_target else " (missed)"
            if "p95 ≤ 33" in target and value["p95_ms"] > 33 and met == " (met)":
                met = " (median met, p95 missed)"
        first = f"{ms(value['median_ms'])} ms ({ms(value['p95_ms'])})"
        settled = (
            f"{ms(value['settled_median_ms'])} ms ({ms(value['settled_p95_ms'])})"
            if "settled_median_ms" in value
            else ""
        )
        floor = latency.get(f"floor_{name}")
        floor_cell = f"{ms(floor['median_ms'])} ms ({ms(floor['p95_ms'])})" if floor else ""
        label = name.replace("_", " ")
        if name.startswith("glossary_filter"):
            label += " (lists the first 100 of its matches)"
        if value.get("silent"):
            label += f" ({value['silent']:.0f} keys drew no frame)"
        rows.append(f"| {label} | {first} | {settled} | {floor_cell} | {target}{met} |")
    return rows


def floor_rows(start: dict[str, float], size: str) -> list[str]:
    """Textual's floor for the explainer's first screen at `size` (bench.apps.floor)."""
    if "floor_median_s" not in start:
        return []
    bare = f"{start['bare_median_s'] * 1000:.0f} ms"
    return [
        f"| Textual's floor, {size}: the same first screen in a plain Textual app, none of the "
        f"explainer's code, course or data | {start['floor_median_s'] * 1000:.0f} ms | {bare} | "
        f"{start['floor_ratio']:.2f}× | (floor) |",
        f"| the floor drawn as the explainer has Textual draw it (footer keys in the first "
        f"frame; styled, laid out and painted once) | {start['floor_tuned_median_s'] * 1000:.0f} ms | "
        f"{bare} | {start['floor_tuned_ratio']:.2f}× | (floor) |",
    ]


def render(report: dict[str, Any]) -> str:
    start, tmux, memory = report["startup"], report["startup_tmux"], report["memory"]
    lines = [
        "| measure | explainer | bare app | ratio | target |",
        "|---|---|---|---|---|",
        "| start-up until a frame shows the complete first screen, headless 80×24 (the step, "
        "the footer; the side panes are hidden below 100 columns) | "
        f"{start['explainer_median_s'] * 1000:.0f} ms | {start['bare_median_s'] * 1000:.0f} ms | "
        f"{start['ratio']:.2f}× | {verdict(start['ratio'], 1.3)} |",
        *floor_rows(start, "80×24"),
    ]
    if wide := report.get("startup_wide"):
        lines.append(
            "| the same, headless 120×36 (the outline and the glossary filled too) | "
            f"{wide['explainer_median_s'] * 1000:.0f} ms | {wide['bare_median_s'] * 1000:.0f} ms | "
            f"{wide['ratio']:.2f}× | {verdict(wide['ratio'], 1.3)} |"
        )
        lines += floor_rows(wide, "120×36")
    if tmux:
        lines.append(
            "| start-up in tmux, until the footer, the outline and the glossary list show | "
            f"{tmux['explainer_median_s'] * 1000:.0f} ms | {tmux['bare_median_s'] * 1000:.0f} ms | "
            f"{tmux['ratio']:.2f}× | {verdict(tmux['ratio'], 1.3)} |"
        )
    lines += [
        f"| peak memory (RSS) | {memory['explainer_peak_kib'] / 1024:.0f} MiB | "
        f"{memory['bare_peak_kib'] / 1024:.0f} MiB | {memory['ratio']:.2f}× | "
        f"{verdict(memory['ratio'], 1.5)} |",
        "",
        "| latency, median (p95) | first frame | settled | Textual's floor: the same change in a "
        "plain Textual app (bench/floor.py) | target (first frame) |",
        "|---|---|---|---|---|",
        *latency_rows(report["latency_ms"]),
        "",
        "| scaling | 1× | 10× | 100× | growth exponent (≤ 1.1) |",
        "|---|---|---|---|---|",
    ]
    scaling = report["scaling"]
    for key, (label, unit) in SCALING.items():
        cells = " | ".join(f"{scaling[key][n]:.3g} {unit}" for n in ("1", "10", "100"))
        lines.append(f"| {label} | {cells} | {scaling['exponent'][key]:.2f} |")
    reviews = report["reviews"]
    lines += [
        "",
        "| answer database | 1× (1,000 reviews) | 10× (10,000) | 100× (100,000) | target |",
        "|---|---|---|---|---|",
    ]
    for key, label, target in (
        ("save_ms", "save one answer (one transaction, `synchronous=FULL`)", "median ≤ 10 ms"),
        ("home_load_ms", "quiz home: load answers + card cache + summary", "no multi-second freeze"),
    ):
        cells = " | ".join(
            f"{ms(reviews[key][n]['median_ms'])} ms ({ms(reviews[key][n]['p95_ms'])})"
            for n in ("1000", "10000", "100000")
        )
        lines.append(f"| {label} | {cells} | {target} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(json.loads(RESULTS.read_text("utf-8"))))
