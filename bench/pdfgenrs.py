#!/usr/bin/env python3
"""`uppfoljning serve` side by side with NAV's pdfgenrs (Rust + Typst 0.15 in-process, PDF/A-2a +
PDF/UA-1), both typesetting the sample's layout with the project's style.typ and fonts: pdfgenrs
runs bench/pdfgenrs/rapport.typ, which builds the document from the request's JSON in Typst; we
take the same JSON at /v1/render and also validate and template it. Every request a different
report (a counter in the supplier's name). wrk, 8 connections, medians of RUNS runs, the two
sides alternating.

Environment: PDFGENRS (its release binary: build it from its public source, see the README),
UPPFOLJNING (ours), RUNS (default 5), SECONDS_EACH (default 10). Needs wrk and PyYAML.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import LUA, ROOT, Service, free_port  # noqa: E402

PDFGENRS = os.environ.get("PDFGENRS")
RUNS = int(os.environ.get("RUNS", "5"))
SECONDS = int(os.environ.get("SECONDS_EACH", "10"))
SAMPLE = ROOT / "samples" / "coachning-2015.yaml"
ROUTE = "/api/v1/genpdf/uppfoljning/rapport"


def wrk(port, path, report):
    args = ["wrk", "-t", "2", "-c", "8", "-d", f"{SECONDS}s", "--timeout", "30s", "-s", LUA,
            f"http://127.0.0.1:{port}", "--", report, path, "application/json"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    run = json.loads(out.strip().splitlines()[-1])
    assert run["errors"] == 0 and set(run["statuses"]) == {"200"}, run
    return run


class Pdfgenrs:
    """pdfgenrs on a free port, its templates, fonts and our style.typ in a folder of its own."""

    def __init__(self, work):
        root = work / "pdfgenrs"
        (root / "templates" / "uppfoljning").mkdir(parents=True)
        (root / "resources").mkdir()
        (root / "data").mkdir()
        shutil.copy(ROOT / "bench" / "pdfgenrs" / "rapport.typ", root / "templates" / "uppfoljning")
        shutil.copy(ROOT / "templates" / "style.typ", root / "style.typ")
        shutil.copytree(ROOT / "fonts", root / "fonts")
        self.port = free_port()
        env = {**os.environ, "SERVER_PORT": str(self.port), "ROOT_DIR": str(root)}
        self.proc = subprocess.Popen([PDFGENRS], cwd=root, env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/internal/is_ready", timeout=1)
                return
            except OSError:
                time.sleep(0.05)
        sys.exit("pdfgenrs did not start")

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.proc.terminate()
        self.proc.wait()


def main():
    if not PDFGENRS:
        sys.exit("set PDFGENRS to pdfgenrs's release binary")
    work = Path(tempfile.mkdtemp(prefix="uppfoljning-pdfgenrs-"))
    report = work / "rapport.json"
    report.write_text(json.dumps(yaml.safe_load(SAMPLE.read_text(encoding="utf-8")),
                                 ensure_ascii=False, default=str), encoding="utf-8")
    ours, theirs = [], []
    with Service() as service, Pdfgenrs(work) as peer:
        # Both answer, and with a PDF.
        for port, path in ((service.port, "/v1/render"), (peer.port, ROUTE)):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=report.read_bytes(),
                                             headers={"Content-Type": "application/json"})
            pdf = urllib.request.urlopen(request, timeout=30).read()
            assert pdf.startswith(b"%PDF"), pdf[:200]
            (work / f"{port}.pdf").write_bytes(pdf)
        wrk(service.port, "/v1/render", report)
        wrk(peer.port, ROUTE, report)
        for _ in range(RUNS):
            ours.append(wrk(service.port, "/v1/render", report))
            theirs.append(wrk(peer.port, ROUTE, report))
    rate = lambda runs: statistics.median(r["requests"] / r["seconds"] for r in runs)  # noqa: E731
    p99 = lambda runs: statistics.median(r["p99_ms"] for r in runs)  # noqa: E731
    print(f"uppfoljning serve vs pdfgenrs, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, wrk 8 connections, "
          f"medians of {RUNS} runs of {SECONDS} s, every request a different report")
    print(f"{'measure':28} {'uppfoljning':>12} {'pdfgenrs':>10} {'ratio':>7}  target")
    print(f"{'reports/s':28} {rate(ours):12.1f} {rate(theirs):10.1f} {rate(ours) / rate(theirs):7.2f}  ≥ 0.9")
    print(f"{'p99 (ms)':28} {p99(ours):12.1f} {p99(theirs):10.1f} {p99(ours) / p99(theirs):7.2f}  ≤ 1")
    print(f"the first PDFs of each: {work}")


if __name__ == "__main__":
    main()
