#!/usr/bin/env python3
"""Benchmarks `uppfoljning serve` with wrk (Debian's), every request a different report, and prints
one table of medians over RUNS runs. Run by bench/run.

- POST /v1/render at 8 connections against the same binary's in-process batch (`render DIR`) and
  against spawning `uppfoljning render` per report (8 at once): reports/s, and the p99.
- Overload at 4x: 4 times the reports per second the service was measured to answer, offered
  by 40 connections that each pause before every request (wrk is a closed loop: without the
  pause a client turned away at once asks again at once, an unbounded rate), against the
  defaults (renders = the cores, a queue of 4 per render): the rejected requests' time and the
  accepted ones' p99, from the service's own histogram of answers by status.
- Memory: the service's RSS after 1,000 and after 20,000 requests.

Environment: UPPFOLJNING (the release binary), RUNS (default 5), SECONDS_EACH (default 10).
"""
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
TOOL = os.environ.get("UPPFOLJNING", str(TARGET / "release" / "uppfoljning"))
RUNS = int(os.environ.get("RUNS", "5"))
SECONDS = int(os.environ.get("SECONDS_EACH", "10"))
SAMPLE = ROOT / "samples" / "coachning-2015.yaml"
LUA = ROOT / "bench" / "serve.lua"
CORES = os.cpu_count() or 2


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    """A `serve` on a free port, with `args`; stopped on exit."""

    def __init__(self, *args):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [TOOL, "serve", "--listen", f"127.0.0.1:{self.port}", *args],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(200):
            try:
                urllib.request.urlopen(self.base + "/readyz", timeout=1).read()
                return
            except OSError:
                time.sleep(0.05)
        sys.exit("the service did not start")

    def rss_mib(self):
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024

    def metrics(self):
        return urllib.request.urlopen(self.base + "/metrics", timeout=5).read().decode()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.proc.terminate()
        self.proc.wait()


def wrk(port, connections, seconds=SECONDS, pause_ms=0):
    """wrk against /v1/render; its JSON line (serve.lua's done()). With `pause_ms`, each
    connection waits that long before each request: an offered rate, not a closed loop."""
    args = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s",
            "-s", LUA, f"http://127.0.0.1:{port}", "--", SAMPLE, "/v1/render", "application/yaml",
            str(pause_ms)]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def variants(folder, n):
    """`n` copies of the sample, each with another supplier, as files in `folder`."""
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(n):
        changed = re.sub(r"\nsupplier: ([^\n]*)", lambda m: f"\nsupplier: {m.group(1)} {i}", text, count=1)
        (folder / f"r{i:05}.yaml").write_text(changed, encoding="utf-8")
    return sorted(folder.glob("*.yaml"))


def batch_rate(work, n):
    """Reports/s of one `render DIR --out-dir` over `n` different reports."""
    folder = work / f"batch-{time.monotonic_ns()}"
    variants(folder, n)
    started = time.perf_counter()
    subprocess.run([TOOL, "render", folder, "--out-dir", folder / "out"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return n / (time.perf_counter() - started)


def spawn_rate(work, n, at_once=8):
    """Reports/s of spawning `render` once per report, `at_once` at a time."""
    files = variants(work / f"spawn-{time.monotonic_ns()}", n)

    def one(path):
        subprocess.run([TOOL, "render", path, "-o", path.with_suffix(".pdf")], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.perf_counter()
    with ThreadPoolExecutor(at_once) as pool:
        list(pool.map(one, files))
    return n / (time.perf_counter() - started)


def histogram(metrics, status):
    """The service's answers to /v1/render with `status`: {le: count}, and the total."""
    buckets = {}
    for line in metrics.splitlines():
        m = re.match(r'uppfoljning_http_request_duration_seconds_bucket\{(.*)\} (\d+)', line)
        if m and 'route="/v1/render"' in m.group(1) and f'status="{status}"' in m.group(1):
            le = re.search(r'le="([^"]+)"', m.group(1)).group(1)
            buckets[le] = int(m.group(2))
    return buckets, buckets.get("+Inf", 0)


def throughput(work, rows):
    """Reports/s at 8 connections against the batch and spawning; the service's rate."""
    served, p99s, batch, spawn = [], [], [], []
    with Service() as service:
        wrk(service.port, 8, seconds=2)  # warm up
        for _ in range(RUNS):
            run = wrk(service.port, 8)
            assert run["errors"] == 0 and set(run["statuses"]) == {"200"}, run
            served.append(run["requests"] / run["seconds"])
            p99s.append(run["p99_ms"])
            batch.append(batch_rate(work, int(served[-1] * 3)))
            spawn.append(spawn_rate(work, int(served[-1] * 2)))
    s, b, p = statistics.median(served), statistics.median(batch), statistics.median(spawn)
    rows.append(("serve, 8 connections: reports/s vs in-process batch", s, b, s / b, "≥ 0.9"))
    rows.append(("serve, 8 connections: reports/s vs spawning render", s, p, s / p, "≥ 1.5"))
    rows.append(("serve, 8 connections: p99 (ms)", statistics.median(p99s), None, None, "≤ 100"))

    return s


def overload(s, rows):
    """4x the rate `s` the service answers."""
    fast_share, accepted_p99, rejected, offered, accepted = [], [], [], [], []
    connections = 40
    target = 4 * s
    pause_ms = round(1000 * connections / target)
    # A connection offers one request per pause plus its answer's time: one trial run tells
    # the answers' share of the cycle, and the pause is shortened by it.
    with Service() as service:
        trial = wrk(service.port, connections, seconds=5, pause_ms=pause_ms)
    answering_ms = 1000 * connections / (trial["requests"] / trial["seconds"]) - pause_ms
    pause_ms = max(1, round(1000 * connections / target - answering_ms))
    for _ in range(RUNS):
        with Service() as service:
            run = wrk(service.port, connections, pause_ms=pause_ms)
            assert run["errors"] == 0, run
            offered.append(run["requests"] / run["seconds"])
            buckets, total = histogram(service.metrics(), 429)
            within = max((v for k, v in buckets.items() if k != "+Inf" and float(k) <= 0.010), default=0)
            fast_share.append(within / total if total else 1.0)
            rejected.append(total)
            ok_buckets, ok_total = histogram(service.metrics(), 200)
            # The accepted requests' p99 from the service's histogram: the first bucket that
            # holds 99 % of them (250 ms is a bucket's bound).
            for le, count in sorted(((float(k), v) for k, v in ok_buckets.items()), key=lambda x: x[0]):
                if count >= 0.99 * ok_total:
                    accepted_p99.append(le * 1000)
                    break
            accepted.append(ok_total)
    rows.append(("overload 4x: share of rejections answered ≤ 10 ms", statistics.median(fast_share), None, None, "≥ 0.99"))
    rows.append(("overload 4x: requests/s offered (vs answered at 8)", statistics.median(offered), s, statistics.median(offered) / s, "4"))
    rows.append(("overload 4x: rejected / accepted per run", statistics.median(rejected), statistics.median(accepted), None, ""))
    rows.append(("overload 4x: accepted p99 ≤ (ms, histogram bucket)", statistics.median(accepted_p99), None, None, "≤ 250"))


def memory(s, rows):
    """RSS after 1,000 and after 20,000 requests at rate `s`."""
    def answered(service):
        return sum(int(v) for k, v in re.findall(r'uppfoljning_http_requests_total\{([^}]*)\} (\d+)',
                                                  service.metrics()) if '/v1/render' in k)
    with Service() as service:
        wrk(service.port, 8, seconds=max(1, round(1000 / s)))
        after_1k = service.rss_mib()
        first = answered(service)
        while answered(service) < 20_000:
            wrk(service.port, 8, seconds=max(1, min(30, round((20_000 - answered(service)) / s) + 1)))
        after_20k = service.rss_mib()
        last = answered(service)
    rows.append((f"RSS (MiB) after {last:,} requests vs after {first:,}", after_20k, after_1k, after_20k / after_1k, "≤ 1.2"))


def main():
    if not shutil.which("wrk"):
        sys.exit("bench/serve.py needs wrk (apt-get install wrk)")
    work = Path(tempfile.mkdtemp(prefix="uppfoljning-serve-bench-"))
    rows = []
    # SERVED_RATE skips the throughput runs and takes their rate as given.
    given = os.environ.get("SERVED_RATE")
    s = float(given) if given else throughput(work, rows)
    overload(s, rows)
    if not given:
        memory(s, rows)
    print(f"uppfoljning serve benchmarks, {time.strftime('%Y-%m-%d')}, {CORES} cores, wrk, medians of {RUNS} runs of {SECONDS} s")
    print(f"{'measure':56} {'value':>10} {'versus':>10} {'ratio':>7}  target")
    for name, a, b, ratio, target in rows:
        b = f"{b:10.1f}" if b is not None else f"{'':>10}"
        ratio = f"{ratio:7.2f}" if ratio is not None else f"{'':>7}"
        print(f"{name:56} {a:10.2f} {b} {ratio}  {target}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
