#!/usr/bin/env python3
"""The browser editor's speed and memory: `uppfoljning edit` (release) on the sample, driven in
Chromium by tests/browser/editor.py through EDITS single-key edits of the supplier, each timed
from the key press to its pages shown. Run by bench/run with a Python that has selenium.

Environment: UPPFOLJNING (the release binary), EDITS (default 1000).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
TOOL = os.environ.get("UPPFOLJNING", str(TARGET / "release" / "uppfoljning"))
EDITS = int(os.environ.get("EDITS", "1000"))


def main():
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        print("editor: skipped, no Chromium (apt-get install chromium chromium-driver)")
        return
    work = Path(tempfile.mkdtemp(prefix="uppfoljning-edit-bench-"))
    shutil.copy(ROOT / "samples" / "coachning-2015.yaml", work)
    editor = subprocess.Popen([TOOL, "edit", "coachning-2015.yaml", "--no-open"], cwd=work,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        address = editor.stdout.readline().strip()
        out = work / "result.json"
        subprocess.check_call([sys.executable, ROOT / "tests" / "browser" / "editor.py", "speed",
                               "--address", address, "--dir", work, "--out", out,
                               "--pid", str(editor.pid), "--edits", str(EDITS)])
        result = json.loads(out.read_text())
    finally:
        editor.kill()
    growth = result["rss_kib_at_end"] / result["rss_kib_after_warm_up"]
    print(f"editor, {EDITS} edits of the sample in Chromium (release build)")
    print(f"{'change to pages shown, median':52} {result['median_ms']:12.1f} ms   target <= 100")
    print(f"{'change to pages shown, 95th percentile':52} {result['p95_ms']:12.1f} ms   target <= 250")
    print(f"{'server memory after the edits / after warm-up':52} {growth:12.2f} x    target <= 1.2"
          f"  ({result['rss_kib_after_warm_up']} -> {result['rss_kib_at_end']} KiB)")


if __name__ == "__main__":
    main()
