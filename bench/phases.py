#!/usr/bin/env python3
"""Prints the medians criterion measured for `cargo bench --bench phases`, each phase's share of
one render, and our own overhead (everything but typst's parse, compile and export). Run by
bench/run.
"""
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
GROUP = TARGET / "criterion" / "phase"


def medians():
    """Median nanoseconds by benchmark name, from criterion's latest run."""
    found = {}
    for bench in sorted(GROUP.glob("*/new/benchmark.json")):
        name = json.loads(bench.read_text())["function_id"]
        estimates = json.loads((bench.parent / "estimates.json").read_text())
        found[name] = estimates["median"]["point_estimate"]
    return found


def main():
    found = medians()
    needed = ["1 parse+validate", "2 template", "2+3 template + typst parse", "4 compile",
              "5 export", "6 write", "all: render"]
    missing = [name for name in needed if name not in found]
    if missing:
        sys.exit(f"no criterion results for {missing} in {GROUP}; run `cargo bench --bench phases`")
    phases = {
        "1 parse YAML + validate (ours)": found["1 parse+validate"],
        "2 template (ours)": found["2 template"],
        "3 Typst parse (typst)": found["2+3 template + typst parse"] - found["2 template"],
        "4 compile (typst)": found["4 compile"],
        "5 PDF export (typst)": found["5 export"],
        "6 write, fsync, rename (ours)": found["6 write"],
    }
    whole = sum(phases.values())
    ours = sum(ns for name, ns in phases.items() if name.endswith("(ours)"))
    print("phases of one render of the sample (criterion medians, in process)")
    for name, ns in phases.items():
        print(f"  {name:32} {ns / 1e6:7.2f} ms  {ns / whole * 100:5.1f} %")
    print(f"  {'sum':32} {whole / 1e6:7.2f} ms   (Renderer::render + parse + write, measured whole: "
          f"{(found['all: render'] + found['1 parse+validate'] + found['6 write']) / 1e6:.2f} ms)")
    print(f"  {'our overhead':32} {ours / 1e6:7.2f} ms  {ours / whole * 100:5.1f} %  target ≤ 10 %")


if __name__ == "__main__":
    main()
