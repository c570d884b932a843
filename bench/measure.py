#!/usr/bin/env python3
"""Measures uppfoljning against the typst CLI and prints one table (medians). Run by bench/run.

Environment: UPPFOLJNING (the release binary), TYPST (the typst CLI), RUNS (repeats, default 31),
BATCH (reports in the large batch, default 1000).
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
TOOL = os.environ.get("UPPFOLJNING", str(TARGET / "release" / "uppfoljning"))
TYPST = os.environ.get("TYPST", shutil.which("typst") or "typst")
RUNS = int(os.environ.get("RUNS", "31"))
BATCH = int(os.environ.get("BATCH", "1000"))
SAMPLE = ROOT / "samples" / "coachning-2015.yaml"
STANDARDS = ["--pdf-standard", "a-2a", "--pdf-standard", "ua-1"]


def run(args, cwd=None):
    """Runs a command; returns (wall seconds, peak RSS in MiB) of that child alone."""
    # Standard error goes to a file: a pipe would fill up on a long batch and block the child.
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            sys.exit(f"failed: {' '.join(map(str, args))}\n{errors.read().decode(errors='replace')}")
    return wall, usage.ru_maxrss / 1024


def medians(samples):
    walls, rss = zip(*samples)
    return statistics.median(walls), statistics.median(rss)


def main():
    work = Path(tempfile.mkdtemp(prefix="uppfoljning-bench-"))
    rows = []

    # One report, whole process, against the typst CLI on the same Typst source. The runs
    # alternate, so a noisy neighbour slows both sides alike.
    typ = work / "typ"
    typ.mkdir()
    (typ / "main.typ").write_bytes(subprocess.check_output([TOOL, "typst", SAMPLE]))
    subprocess.check_call([TOOL, "templates", "export", typ / "tpl"], stderr=subprocess.DEVNULL)
    shutil.copy(typ / "tpl" / "style.typ", typ / "style.typ")
    cli_args = [TYPST, "compile", "--font-path", ROOT / "fonts", "--ignore-system-fonts", *STANDARDS]
    pairs = [
        (run([TOOL, "render", SAMPLE, "-o", work / "ours.pdf"]),
         run([*cli_args, typ / "main.typ", typ / "cli.pdf"]))
        for _ in range(RUNS)
    ]
    ours = medians([a for a, _ in pairs])
    theirs = medians([b for _, b in pairs])
    rows.append(("one report: wall (ms)", ours[0] * 1000, theirs[0] * 1000, ours[0] / theirs[0], "≤ 0.8"))
    rows.append(("one report: peak RSS (MiB)", ours[1], theirs[1], ours[1] / theirs[1], "≤ 40 MiB"))

    # A batch of generated reports: ours in one process, the CLI once per file, two at a time.
    gen = work / "gen"
    subprocess.check_call([sys.executable, ROOT / "bench" / "generate.py", str(BATCH), gen])
    wall, rss_big = run([TOOL, "render", gen, "--out-dir", work / "out"])
    ours_rate = BATCH / wall
    cli_n = min(BATCH, 200)
    cli_dir = work / "cli"
    cli_dir.mkdir()
    shutil.copy(typ / "style.typ", cli_dir / "style.typ")
    for path in sorted(gen.glob("*.yaml"))[:cli_n]:
        (cli_dir / (path.stem + ".typ")).write_bytes(subprocess.check_output([TOOL, "typst", path]))
    started = time.perf_counter()
    jobs = [[*cli_args, p, p.with_suffix(".pdf")] for p in sorted(cli_dir.glob("report-*.typ"))]
    running = []
    for job in jobs:
        running.append(subprocess.Popen(job, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        if len(running) == 2:
            running.pop(0).wait()
    for proc in running:
        proc.wait()
    cli_rate = cli_n / (time.perf_counter() - started)
    rows.append((f"batch of {BATCH}: reports/s (CLI: {cli_n} files, -P2)", ours_rate, cli_rate, ours_rate / cli_rate, "≥ 5"))

    # Memory with batch length.
    small = work / "gen100"
    small.mkdir()
    for path in sorted(gen.glob("*.yaml"))[:100]:
        shutil.copy(path, small / path.name)
    _, rss_small = run([TOOL, "render", small, "--out-dir", work / "out100"])
    rows.append((f"batch peak RSS (MiB): {BATCH} vs 100", rss_big, rss_small, rss_big / rss_small, "≤ 1.3"))

    # Archive packages of the same batch (one case per report: each has its own dnr), as
    # folders and as zips, against rendering it.
    wall, rss_archive = run([TOOL, "archive", gen, "--out-dir", work / "archive"])
    rows.append((f"archive {BATCH} reports: reports/s (vs render)", BATCH / wall, ours_rate, (BATCH / wall) / ours_rate, "~1"))
    wall, _ = run([TOOL, "archive", gen, "--out-dir", work / "archive-zip", "--zip"])
    rows.append((f"archive {BATCH} reports --zip: reports/s", BATCH / wall, None, None, ""))
    rows.append((f"archive {BATCH} reports: peak RSS (MiB)", rss_archive, rss_big, rss_archive / rss_big, ""))

    # A table of 2,000 rows over many pages, against the sample, per page.
    lines = "".join(f"            - [Rad {i}, {i * 37}, {i}.5]\n" for i in range(1, 2001))
    table_yaml = work / "table.yaml"
    table_yaml.write_text(
        "dnr: 1-1/2026\ncontract: A\nsupplier: B\norganisation: C\ndate: 2026-03-01\n"
        "follow_up: {performed: 2026-02}\nsections:\n  - heading: Tabell\n    body:\n"
        "      - table:\n          caption: Lång tabell\n          columns: [Post, Antal, Belopp]\n"
        f"          rows:\n{lines}", encoding="utf-8")
    (typ / "table.typ").write_bytes(subprocess.check_output([TOOL, "typst", table_yaml]))
    table_pairs = [
        (run([TOOL, "render", table_yaml, "-o", work / "table.pdf"]),
         run([*cli_args, typ / "table.typ", typ / "table-cli.pdf"]))
        for _ in range(5)
    ]
    table_ours = medians([a for a, _ in table_pairs])
    table_cli = medians([b for _, b in table_pairs])

    def pages(yaml):
        said = subprocess.run([TOOL, "render", yaml, "-o", work / "pages.pdf"],
                              capture_output=True, text=True, check=True).stderr
        return int(re.search(r"\((\d+) pages?\)", said).group(1))
    table_pages = pages(table_yaml)
    rows.append((f"2,000-row table ({table_pages} pages): wall (ms)", table_ours[0] * 1000,
                 table_cli[0] * 1000, table_ours[0] / table_cli[0], ""))
    rows.append(("2,000-row table: peak RSS (MiB)", table_ours[1], table_cli[1],
                 table_ours[1] / table_cli[1], ""))

    # Watch: from a saved edit to the new PDF written.
    rows.append(watch_latency(work))

    print(f"uppfoljning benchmarks, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, medians of {RUNS} runs")
    print(f"{'measure':52} {'uppfoljning':>12} {'typst CLI':>12} {'ratio':>8}  target")
    for name, a, b, ratio, target in rows:
        b = f"{b:12.1f}" if b is not None else f"{'':>12}"
        ratio = f"{ratio:8.2f}" if ratio is not None else f"{'':>8}"
        print(f"{name:52} {a:12.1f} {b} {ratio}  {target}")
    shutil.rmtree(work, ignore_errors=True)


def watch_latency(work):
    """Median ms from writing the YAML to the PDF's replacement, over RUNS edits."""
    folder = work / "watch"
    folder.mkdir()
    yaml, pdf = folder / "in.yaml", folder / "in.pdf"
    text = SAMPLE.read_text(encoding="utf-8")
    yaml.write_text(text, encoding="utf-8")
    proc = subprocess.Popen([TOOL, "watch", yaml], stderr=subprocess.PIPE, text=True)
    lines = iter(proc.stderr.readline, "")
    build_ms = []
    latencies = []
    try:
        for line in lines:
            if line.startswith("built"):
                break
        for i in range(RUNS):
            before = pdf.stat().st_mtime_ns
            time.sleep(0.15)
            started = time.perf_counter()
            yaml.write_text(text.replace("Han är väldigt duktig.", f"Han är väldigt duktig {i}."), encoding="utf-8")
            while pdf.stat().st_mtime_ns == before:
                time.sleep(0.0005)
            latencies.append((time.perf_counter() - started) * 1000)
            for line in lines:
                if line.startswith("built"):
                    build_ms.append(float(re.search(r"in (\d+) ms", line).group(1)))
                    break
    finally:
        proc.kill()
        proc.wait()
    saved_to_written = statistics.median(latencies) - 20  # the 20 ms debounce
    return ("watch: save → PDF written, debounce excluded (ms)", saved_to_written, None, None, "≤ 50")


if __name__ == "__main__":
    main()
