#!/usr/bin/env python3
"""Prints the medians criterion measured for `cargo bench --bench phases`, each phase's share of
one render, and our own overhead (everything but typst's compile and export). Run by bench/run.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROUP = ROOT / "target" / "criterion" / "phase"


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
    needed = ["1 parse+validate", "2 template", "3 compile (cold cache)", "4 export", "5 write", "all: render"]
    missing = [name for name in needed if name not in found]
    if missing:
        sys.exit(f"no criterion results for {missing} in {GROUP}; run `cargo bench --bench phases`")
    ours = found["1 parse+validate"] + found["5 write"]
    # render() = template + Typst parse of the main file + compile + export.
    whole = ours + found["all: render"]
    typst = found["3 compile (cold cache)"] + found["4 export"]
    print("phases of one render of the sample (criterion medians, in process)")
    for name in sorted(found):
        share = f"{found[name] / whole * 100:5.1f} %" if not name.startswith("all") else ""
        print(f"  {name:28} {found[name] / 1e6:8.2f} ms  {share}")
    overhead = (whole - typst) / whole
    print(f"  {'ours (all but compile+export)':28} {(whole - typst) / 1e6:8.2f} ms  {overhead * 100:5.1f} %  target ≤ 10 %")


if __name__ == "__main__":
    main()
