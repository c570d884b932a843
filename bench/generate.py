#!/usr/bin/env python3
"""Makes N varied reports from the sample: another dnr each, blocks shuffled within their
sections, 3-12 respondents per criterion. Deterministic (seeded), so runs compare.

usage: bench/generate.py N OUT_DIR
"""
import random
import re
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "coachning-2015.yaml"


def split_sections(lines):
    """Yields (head, items, tail) for each `body:` list in the sections, items as line lists."""
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        if not (line.rstrip().endswith("body:") and line.startswith("  ")):
            continue
        items = []
        while i < len(lines) and (lines[i].startswith("      ") or lines[i].strip() == ""):
            if lines[i].startswith("      - ") or lines[i].startswith("      # "):
                items.append([])
            if not items:
                items.append([])
            items[-1].append(lines[i])
            i += 1
        yield out, items
        out = []
    yield out, None


def generate(n, out_dir, seed=2016):
    rng = random.Random(seed)
    text = SAMPLE.read_text(encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        parts = []
        for head, items in split_sections(text.splitlines(keepends=True)):
            parts.extend(head)
            if items:
                rng.shuffle(items)
                for item in items:
                    parts.extend(item)
        report = "".join(parts)
        report = report.replace("dnr: 125-1210/2014", f"dnr: {100 + k % 900}-{k + 1}/2024", 1)

        def scores(_match):
            count = rng.randint(3, 12)
            return "scores: [" + ", ".join(str(rng.randint(1, 5)) for _ in range(count)) + "]"

        report = re.sub(r"scores: \[[^\]]*\]", scores, report)
        (out_dir / f"report-{k:04}.yaml").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
