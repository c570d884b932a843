#!/usr/bin/env python3
"""The workspace's speed (issue 28's targets), on SQLite and on a PostgreSQL cluster of its
own: 10,000 generated reports created over the API, then over HTTP on one keep-alive
connection: the list and search (API and start page) p95, a report's history with 500
versions, the changes between two versions, a save (stored and its PDF's digest) and the
mounted editor's save and preview; then RSS over a soak of mixed use (list, open, save,
download) for SOAK_MINUTES (default 30).

usage: bench/workspace.py [BINARY]   (default target/release/uppfoljning)
env:   REPORTS=10000 SOAK_MINUTES=30 ENGINES=sqlite,postgres
"""
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (ROOT / "samples" / "coachning-2015.yaml").read_text(encoding="utf-8")
BINARY = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target" / "release" / "uppfoljning")
REPORTS = int(os.environ.get("REPORTS", "10000"))
SOAK_MINUTES = float(os.environ.get("SOAK_MINUTES", "30"))
ENGINES = os.environ.get("ENGINES", "sqlite,postgres").split(",")
SUPPLIERS = [f"{name} {kind}" for name in ("IGO-R", "Rent", "Omsorg", "Norden", "Solros", "Bygg",
             "Städ", "Vård", "Data", "Konsult") for kind in ("AB", "Coaching AB", "Service AB",
             "Norden AB", "HB")]
WORDS = ["igo", "rent", "omsorg", "norden", "städ", "coaching", "2024", "-1", "service", "zzz"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def report(k, rng):
    """The sample as report k: its own dnr, supplier, officer, date and next follow-up."""
    supplier = rng.choice(SUPPLIERS)
    text = SAMPLE.replace("dnr: 125-1210/2014", f"dnr: {100 + k % 900}-{k + 1}/2024", 1)
    text = text.replace("supplier: IGO-R AB", f"supplier: {supplier}", 1)
    year = 2016 + k % 10
    text = text.replace("date: 2016-03-01", f"date: {year}-0{1 + k % 9}-1{k % 10}", 1)
    return text


class Postgres:
    """A cluster of the benchmark's own, as the tests make one."""

    def __init__(self):
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        self.bin = bins[-1] if bins else None
        self.folder = tempfile.mkdtemp(prefix="uppfoljning-bench-pg-", dir="/tmp")
        self.port = free_port()
        self.root = os.geteuid() == 0
        if self.root:
            os.chmod(self.folder, 0o755)
            shutil.chown(self.folder, "postgres")

    def run(self, name, *args):
        command = [str(self.bin / name), *args]
        if self.root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def __enter__(self):
        data = f"{self.folder}/data"
        self.run("initdb", "-D", data, "-A", "trust", "-U", "postgres")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self.run("pg_ctl", "-D", data, "-o", options, "-l", f"{self.folder}/log", "start", "-w")
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "bench")
        return f"postgres://postgres@127.0.0.1:{self.port}/bench"

    def __exit__(self, *_):
        self.run("pg_ctl", "-D", f"{self.folder}/data", "stop", "-m", "fast")
        shutil.rmtree(self.folder, ignore_errors=True)


class Service:
    def __init__(self, database):
        self.port = free_port()
        self.process = subprocess.Popen(
            [BINARY, "serve", "--listen", f"127.0.0.1:{self.port}", "--database", database],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.process.stderr.readline()
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def request(self, method, path, body=None, headers=None, connection=None):
        connection = connection or self.connection
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        data = answer.read()
        return answer.status, data, answer.getheader("etag"), (time.perf_counter() - started) * 1000

    def rss_mib(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def close(self):
        self.process.terminate()
        self.process.wait()


def median_p95(times):
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def fill(service, n):
    """n reports created over the API, four at a time."""
    rng = random.Random(2026)
    texts = [report(k, rng) for k in range(n)]

    def create(chunk):
        connection = http.client.HTTPConnection("127.0.0.1", service.port, timeout=60)
        for text in chunk:
            status, body, _, _ = service.request("POST", "/v1/reports", text.encode(),
                                                 {"Content-Type": "application/yaml"}, connection)
            assert status == 201, body
    chunks = [texts[i::4] for i in range(4)]
    started = time.perf_counter()
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(create, chunks))
    return time.perf_counter() - started


def lists(service, rounds=300):
    rng = random.Random(7)
    kinds = {
        "api list, newest first": lambda: "/v1/reports",
        "api search": lambda: f"/v1/reports?q={rng.choice(WORDS)}",
        "api sorted, a later page": lambda: f"/v1/reports?sort={rng.choice(['dnr', '-date', 'supplier'])}&page={rng.randint(1, 150)}",
        "start page, a search": lambda: f"/?q={rng.choice(WORDS)}&state=&sort=",
    }
    figures = {}
    for name, path in kinds.items():
        times = []
        for _ in range(rounds):
            status, body, _, ms = service.request("GET", urllib.parse.quote(path(), safe="/?=&-"))
            assert status == 200, body[:300]
            times.append(ms)
        figures[name] = median_p95(times)
    return figures


def history(service, versions=500):
    """One report saved `versions` times over the API (each save timed), then its history."""
    status, body, etag, _ = service.request("POST", "/v1/reports", SAMPLE.encode(),
                                            {"Content-Type": "application/yaml"})
    report_id = json.loads(body)["id"]
    saves = []
    for n in range(2, versions + 1):
        text = SAMPLE.replace("supplier: IGO-R AB", f"supplier: IGO-R AB {n}", 1)
        status, body, etag, ms = service.request(
            "PUT", f"/v1/reports/{report_id}/yaml", text.encode(),
            {"Content-Type": "application/yaml", "If-Match": etag})
        assert status == 200, body
        saves.append(ms)
    figures = {"api save (stored, PDF digest)": median_p95(saves)}
    for name, path in {
        "history, 500 versions (api)": f"/v1/reports/{report_id}/versions",
        "history, 500 versions (page)": f"/rapporter/{report_id}",
    }.items():
        times = [service.request("GET", path)[3] for _ in range(50)]
        figures[name] = median_p95(times)
    rng = random.Random(3)
    times = []
    for _ in range(100):
        n = rng.randint(1, versions - 1)
        status, body, _, ms = service.request("GET", f"/v1/reports/{report_id}/changes?from={n}&to={n + 1}")
        assert status == 200 and json.loads(body)["changes"], body
        times.append(ms)
    figures["changes between two versions"] = median_p95(times)
    return report_id, figures


def editor(service, report_id, rounds=40):
    """The mounted editor: a save then the pages shown for it, as the page does."""
    base = f"/rapporter/{report_id}/redigera"
    status, body, _, _ = service.request("GET", f"{base}/api/state")
    opened = json.loads(body)["opened"]
    document, fingerprint = opened["document"], opened["base"]
    json_headers = {"Content-Type": "application/json", "Origin": f"http://127.0.0.1:{service.port}"}
    times = []
    for n in range(rounds):
        document["supplier"] = f"Redigerad {n} AB"
        started = time.perf_counter()
        status, body, _, _ = service.request("POST", f"{base}/api/save", json.dumps(
            {"document": document, "base": fingerprint}).encode(), json_headers)
        assert status == 200, body
        fingerprint = json.loads(body)["base"]
        status, body, _, _ = service.request("POST", f"{base}/api/preview", json.dumps(
            {"document": document, "have": []}).encode(), json_headers)
        assert status == 200, body
        times.append((time.perf_counter() - started) * 1000)
    return {"editor save + pages shown": median_p95(times)}


def soak(service, report_id, minutes):
    """Mixed use for `minutes`: list, open, save, download; RSS sampled each minute."""
    rng = random.Random(11)
    samples = [round(service.rss_mib(), 1)]
    end = time.monotonic() + minutes * 60
    next_sample = time.monotonic() + 60
    status, body, etag, _ = service.request("GET", f"/v1/reports/{report_id}")
    requests = 0
    while time.monotonic() < end:
        pick = rng.random()
        if pick < 0.4:
            service.request("GET", "/v1/reports?q=" + urllib.parse.quote(rng.choice(WORDS)))
        elif pick < 0.7:
            service.request("GET", f"/rapporter/{rng.randint(1, REPORTS)}")
        elif pick < 0.85:
            text = SAMPLE.replace("supplier: IGO-R AB", f"supplier: Soak {requests} AB", 1)
            status, body, etag, _ = service.request(
                "PUT", f"/v1/reports/{report_id}/yaml", text.encode(),
                {"Content-Type": "application/yaml", "If-Match": etag})
            assert status == 200, body
        else:
            n = rng.randint(1, 500)
            service.request("GET", f"/v1/reports/{report_id}/versions/{n}/yaml")
        requests += 1
        if time.monotonic() >= next_sample:
            samples.append(round(service.rss_mib(), 1))
            next_sample += 60
    samples.append(round(service.rss_mib(), 1))
    return requests, samples


def engine(name):
    folder = tempfile.mkdtemp(prefix="uppfoljning-bench-ws-")
    cluster = None
    if name == "postgres":
        cluster = Postgres()
        if cluster.bin is None:
            print("postgres: not installed, skipped")
            return
        database = cluster.__enter__()
    else:
        database = f"sqlite:{folder}/workspace.db"
    service = Service(database)
    try:
        seconds = fill(service, REPORTS)
        print(f"\n{name}: {REPORTS} reports created over the API in {seconds:.0f} s")
        figures = lists(service)
        report_id, more = history(service)
        figures.update(more)
        figures.update(editor(service, report_id))
        print(f"{'':44} {'median':>9} {'p95':>9}")
        for what, (median, p95) in figures.items():
            print(f"{what:44} {median:7.1f} ms {p95:7.1f} ms")
        if SOAK_MINUTES > 0:
            requests, samples = soak(service, report_id, SOAK_MINUTES)
            growth = samples[-1] / samples[1] if len(samples) > 1 and samples[1] else 0
            print(f"soak {SOAK_MINUTES:g} min, {requests} requests: RSS MiB {samples} "
                  f"(end / after the first minute: {growth:.2f}x)")
    finally:
        service.close()
        if cluster:
            cluster.__exit__()
        shutil.rmtree(folder, ignore_errors=True)


def main():
    for name in ENGINES:
        engine(name)


if __name__ == "__main__":
    main()
