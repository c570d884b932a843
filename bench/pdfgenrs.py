#!/usr/bin/env python3
"""`uppfoljning serve` side by side with NAV's pdfgenrs (Rust + Typst 0.15 in-process, PDF/A-2a +
PDF/UA-1), both typesetting the sample's layout with the project's style.typ and fonts, on two
templates of pdfgenrs's:

- `rapport`: bench/pdfgenrs/rapport.typ, which builds the document from the request's JSON in
  Typst (the title, the facts, the months in words, the means: what we do in Rust and minijinja);
- `kalla`: the very Typst source `uppfoljning typst` prints for the sample, with only the
  supplier read from the request's JSON: the same document typst lays out for us, so the
  comparison is of everything around typst (our validation and templating, the memo cache).

We take the same JSON at /v1/render and also validate and template it. Every request a different
report (a counter in the supplier's name). wrk, 8 connections, medians of RUNS runs, the two
sides alternating; then our RSS after the runs and after MEMORY_REQUESTS more.

Environment: PDFGENRS (its release binary: build it from its public source, see the README),
UPPFOLJNING (ours), RUNS (default 5), SECONDS_EACH (default 10), MEMORY_REQUESTS (default 20000).
Needs wrk and PyYAML.
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
from serve import LUA, ROOT, TOOL, Service, free_port  # noqa: E402

PDFGENRS = os.environ.get("PDFGENRS")
RUNS = int(os.environ.get("RUNS", "5"))
SECONDS = int(os.environ.get("SECONDS_EACH", "10"))
MEMORY_REQUESTS = int(os.environ.get("MEMORY_REQUESTS", "20000"))
SAMPLE = ROOT / "samples" / "coachning-2015.yaml"
TEMPLATES = ("rapport", "kalla")


def route(template):
    return f"/api/v1/genpdf/uppfoljning/{template}"


def typst_source():
    """The Typst source `uppfoljning typst` prints for the sample, the supplier read from the
    request's JSON (pdfgenrs puts the body at /data/APP/TEMPLATE.json). Every place the supplier
    is written is inside a string literal, which is cut there and joined to the JSON's value."""
    source = subprocess.run([TOOL, "typst", str(SAMPLE)], capture_output=True, text=True,
                            check=True).stdout
    supplier = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["supplier"]
    written = json.dumps(supplier, ensure_ascii=False)[1:-1]
    assert source.count(written) >= 3, "the supplier is where the sample's source writes it"
    source = source.replace(written, '" + data.supplier + "')
    return '#let data = json("/data/uppfoljning/kalla.json")\n' + source


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
        (root / "templates" / "uppfoljning" / "kalla.typ").write_text(typst_source(), encoding="utf-8")
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

    def rss_mib(self):
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(status.split("VmRSS:")[1].split()[0]) / 1024

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.proc.terminate()
        self.proc.wait()


def load(port, path, report, requests):
    """`requests` reports sent as fast as 8 connections take them (urllib, 8 threads)."""
    from concurrent.futures import ThreadPoolExecutor
    body = json.loads(report.read_text(encoding="utf-8"))

    def one(n):
        sent = json.dumps({**body, "supplier": f"{body['supplier']} {n}"}, ensure_ascii=False)
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=sent.encode(),
                                         headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=60).read()

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(one, range(requests)))


def main():
    if not PDFGENRS:
        sys.exit("set PDFGENRS to pdfgenrs's release binary")
    work = Path(tempfile.mkdtemp(prefix="uppfoljning-pdfgenrs-"))
    report = work / "rapport.json"
    report.write_text(json.dumps(yaml.safe_load(SAMPLE.read_text(encoding="utf-8")),
                                 ensure_ascii=False, default=str), encoding="utf-8")
    ours = {template: [] for template in TEMPLATES}
    theirs = {template: [] for template in TEMPLATES}
    with Service() as service, Pdfgenrs(work) as peer:
        # Both answer, and with a PDF.
        for port, path in ((service.port, "/v1/render"), *((peer.port, route(t)) for t in TEMPLATES)):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=report.read_bytes(),
                                             headers={"Content-Type": "application/json"})
            pdf = urllib.request.urlopen(request, timeout=30).read()
            assert pdf.startswith(b"%PDF"), pdf[:200]
            (work / f"{path.rsplit('/', 1)[-1]}.pdf").write_bytes(pdf)
        wrk(service.port, "/v1/render", report)
        for template in TEMPLATES:
            wrk(peer.port, route(template), report)
        for _ in range(RUNS):
            for template in TEMPLATES:
                ours[template].append(wrk(service.port, "/v1/render", report))
                theirs[template].append(wrk(peer.port, route(template), report))
        served = sum(r["requests"] for runs in ours.values() for r in runs)
        rss_before = service.rss_mib()
        load(service.port, "/v1/render", report, MEMORY_REQUESTS)
        rss_after = service.rss_mib()
        peer_rss = peer.rss_mib()
    rate = lambda runs: statistics.median(r["requests"] / r["seconds"] for r in runs)  # noqa: E731
    p99 = lambda runs: statistics.median(r["p99_ms"] for r in runs)  # noqa: E731
    print(f"uppfoljning serve vs pdfgenrs, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, wrk 8 connections, "
          f"medians of {RUNS} runs of {SECONDS} s, every request a different report")
    print(f"{'measure':34} {'uppfoljning':>12} {'pdfgenrs':>10} {'ratio':>7}  target")
    targets = {"rapport": "≥ 1.2", "kalla": "≥ 1.0"}
    for template in TEMPLATES:
        a, b = ours[template], theirs[template]
        print(f"{'reports/s, pdfgenrs on ' + template:34} {rate(a):12.1f} {rate(b):10.1f} "
              f"{rate(a) / rate(b):7.2f}  {targets[template]}")
        print(f"{'p99 (ms), pdfgenrs on ' + template:34} {p99(a):12.1f} {p99(b):10.1f} {p99(a) / p99(b):7.2f}  ≤ 1")
    print(f"{'RSS (MiB) after ' + str(served + MEMORY_REQUESTS) + ' vs ' + str(served):34} {rss_after:12.1f} "
          f"{rss_before:10.1f} {rss_after / rss_before:7.2f}  ≤ 1.2   (pdfgenrs: {peer_rss:.1f} MiB)")
    print(f"the first PDFs of each: {work}")

if __name__ == "__main__":
    main()
