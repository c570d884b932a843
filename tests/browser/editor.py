"""Drives `uppfoljning edit` in real Chromium over WebDriver, as an officer would.

Run by tests/it/browser.rs (and bench/run with --edits), which starts the editor, then checks
the files this leaves behind: the saved YAML, the downloaded PDF, the kept original. This
script asserts what only the browser can show and writes what it measured as JSON.

    editor.py SCENARIO --address URL --dir DIR --out RESULT.json [--axe axe.min.js]
              [--schema SCHEMA.json] [--pid PID] [--edits N] [--screenshot PNG]

Scenarios: `officer` (the sample, start to end), `form` (every property has a control, the
accessibility scan), `speed` (N edits timed, server memory before and after).
"""

import argparse
import http.client
import http.server
import json
import os
import re
import signal
import statistics
import threading
import time
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.select import Select

HOSTILE_HEADING = "Rubrik #set text(red) $x$ {{ dnr }} </script><b>fet</b> \\ // <!-- -->"
HOSTILE_QUOTE = (
    'Citat #emph[x] $1+1$ {{ supplier }} {% if x %} </script><script>window.__pwned=1</script> '
    '<img src=x onerror="window.__pwned=2"> <b>b</b> & &amp; *fet* _kursiv_ @ref'
)
NEW_SUPPLIER = "Coachkompaniet i Norden AB"


def browser(downloads):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1400,900", "--disable-gpu", "--lang=sv-SE"]:
        options.add_argument(argument)
    options.binary_location = os.environ.get("UPPFOLJNING_CHROMIUM", "/usr/bin/chromium")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.set_capability("unhandledPromptBehavior", "ignore")
    options.add_experimental_option("prefs", {
        "download.default_directory": downloads,
        "download.prompt_for_download": False,
    })
    driver = webdriver.Chrome(
        service=Service(os.environ.get("UPPFOLJNING_CHROMEDRIVER", "/usr/bin/chromedriver")),
        options=options,
    )
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": downloads})
    return driver


def wait(what, condition, timeout=20.0):
    end = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def state(driver, expression):
    return driver.execute_script(f"return window.uppfoljning.{expression}")


def settled(driver):
    return driver.execute_script(
        "const u = window.uppfoljning; return !u.inFlight && u.changedAt === null && u.previews")


def after_change(driver, change):
    """Makes a change and waits until its pages are shown."""
    before = state(driver, "previews")
    change()
    wait("the pages after a change", lambda: settled(driver) and state(driver, "previews") > before)


def control(driver, path):
    return driver.find_element(By.CSS_SELECTOR, f'[data-path="{path}"]:is(input, textarea, select)')


def retype(driver, path, text):
    element = control(driver, path)
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(Keys.DELETE)
    element.send_keys(text)
    return element


def page_text(driver):
    return " ".join(" ".join(page["text"].split()) for page in state(driver, "pages"))


def step(result, name):
    """Notes how long the scenario has run at each step, to see where its time goes."""
    result.setdefault("steps", []).append([name, round(time.monotonic() - STARTED, 2)])


STARTED = time.monotonic()


def open_editor(driver, address):
    # The page shows its state to scripts (these tests) only when the address asks for it.
    # The address's fragment holds the launch token: the hooks join it.
    driver.get(address + ("&test-hooks" if "#" in address else "#test-hooks"))
    wait("the first pages", lambda: settled(driver) and state(driver, "pages.length"))


def no_script_ran(driver):
    assert driver.execute_script("return window.__pwned === undefined"), "text ran as script"
    assert not driver.find_elements(By.CSS_SELECTOR, "#form b, #form script, #form img"), \
        "text became markup"


def officer(driver, args, result):
    """The sample, from a change to a save, a download, a reload, and what others may not do."""
    result.update(heading=HOSTILE_HEADING, quote=HOSTILE_QUOTE, supplier=NEW_SUPPLIER)
    yaml_path = os.path.join(args.dir, "coachning-2015.yaml")
    open_editor(driver, args.address)
    assert state(driver, "pages.length") == 3, state(driver, "pages.length")
    # Opening changes nothing: the form adds no empty lists the file does not have.
    assert driver.find_element(By.ID, "status").text == "Sparad", driver.find_element(By.ID, "status").text
    assert driver.find_element(By.ID, "page-count").text == "3 sidor"
    assert driver.execute_script("return document.documentElement.lang") == "sv"
    assert driver.find_element(By.ID, "save").text == "Spara"

    step(result, 'The supplier changes: the pages say so')
    # The supplier changes: the pages say so.
    started = time.monotonic()
    after_change(driver, lambda: retype(driver, "supplier", NEW_SUPPLIER))
    result["supplier_seen_ms"] = (time.monotonic() - started) * 1000
    assert NEW_SUPPLIER in page_text(driver), page_text(driver)[:400]

    step(result, 'A new section with a quote of hostile ')
    # A new section with a quote of hostile text: verbatim on the pages, nothing runs.
    sections = len(driver.find_elements(By.CSS_SELECTOR, 'fieldset[data-path^="sections["]:not([data-path*="."])'))
    driver.find_element(By.CSS_SELECTOR, 'button[data-key="sections[]"]').click()
    new = f"sections[{sections}]"
    after_change(driver, lambda: retype(driver, f"{new}.heading", HOSTILE_HEADING))
    section = driver.find_element(By.CSS_SELECTOR, f'fieldset[data-path="{new}"]')
    kind = section.find_element(By.CSS_SELECTOR, 'select[data-key="sections[].body[]"]')
    kind.send_keys("Citat")
    assert kind.get_attribute("value") == "quote"
    section.find_element(By.XPATH, ".//button[normalize-space()='Lägg till']").click()
    after_change(driver, lambda: control(driver, f"{new}.body[0].quote").send_keys(HOSTILE_QUOTE))
    assert state(driver, "problems.length") == 0, state(driver, "problems")
    step(result, 'A long run without spaces may be broke')
    # A long run without spaces may be broken over lines: compare without white space.
    text = "".join(page_text(driver).split())
    assert "".join(HOSTILE_HEADING.split()) in text, text[-600:]
    assert "".join(HOSTILE_QUOTE.split()) in text, text[text.find("Citat#"):][:300]
    no_script_ran(driver)

    step(result, 'An impossible date: the error at the f')
    # An impossible date: the error at the field, in the report's language (Swedish); the pages stay.
    shown = [page["hash"] for page in state(driver, "pages")]
    after_change(driver, lambda: retype(driver, "date", "2016-02-30"))
    date = control(driver, "date")
    assert date.get_attribute("aria-invalid") == "true"
    message = driver.find_element(By.ID, date.get_attribute("aria-describedby").split()[-1]).text
    assert message.startswith('"2016-02-30" är inget datum som finns'), message
    assert '"2016-02-30" är inget datum som finns' in driver.find_element(By.ID, "problems").text
    assert driver.find_element(By.ID, "stale").is_displayed()
    assert [page["hash"] for page in state(driver, "pages")] == shown
    result["date_error"] = message
    after_change(driver, lambda: retype(driver, "date", "2016-03-01"))
    assert not driver.find_element(By.ID, "stale").is_displayed()

    step(result, 'Save with Ctrl+S: the comments of the ')
    # Save with Ctrl+S: the comments of the hand-written file are kept beside it.
    original = open(yaml_path, "rb").read()
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL).perform()
    wait("the save", lambda: driver.find_element(By.ID, "status").text.startswith("Sparad "))
    notice = driver.find_element(By.ID, "notice").text
    assert "coachning-2015.orig.yaml" in notice, notice
    assert open(os.path.join(args.dir, "coachning-2015.orig.yaml"), "rb").read() == original
    result["saved_notice"] = notice

    step(result, "A score of 3.5: the CLI's words, the form's labels, a save that says")
    # A fraction typed as a score gets the command line's problem, not one about quotes; the
    # list of problems names the field as the form labels it; a save with a problem says so.
    scores = "assessment.criteria[0].scores"
    before_scores = control(driver, scores).get_attribute("value")
    after_change(driver, lambda: retype(driver, scores, "5, 3.5, 4"))
    problems = driver.find_element(By.ID, "problems").text
    assert "3.5 är inget heltal" in problems, problems
    assert "Bedömning › Bedömningsgrund 1 › Poäng 2: 3.5 är inget heltal" in problems, problems
    assert "assessment.criteria" not in problems, problems
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL).perform()
    wait("the save with a problem", lambda: "problem kvar" in driver.find_element(By.ID, "status").text)
    result["saved_with_problem"] = driver.find_element(By.ID, "status").text
    after_change(driver, lambda: retype(driver, scores, before_scores))
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL).perform()
    wait("the save without", lambda: re.fullmatch(r"Sparad \d\d:\d\d", driver.find_element(By.ID, "status").text))

    step(result, 'Download: the PDF of what the form hol')
    # Download: the PDF of what the form holds.
    driver.find_element(By.ID, "download").click()
    pdf = os.path.join(args.downloads, "coachning-2015.pdf")
    wait("the download", lambda: os.path.exists(pdf) and not os.path.exists(pdf + ".crdownload"))
    result["downloaded"] = pdf

    step(result, 'Reload: the saved content comes back.')
    # Reload: the saved content comes back.
    driver.refresh()
    wait("the reloaded pages", lambda: settled(driver) and state(driver, "pages.length"))
    assert control(driver, "supplier").get_attribute("value") == NEW_SUPPLIER
    assert control(driver, f"{new}.heading").get_attribute("value") == HOSTILE_HEADING
    assert control(driver, f"{new}.body[0].quote").get_attribute("value") == HOSTILE_QUOTE
    no_script_ran(driver)

    step(result, 'An unsaved change is not lost to a rel')
    # An unsaved change is not lost to a reload without a warning.
    after_change(driver, lambda: control(driver, "supplier").send_keys(" X"))
    assert driver.find_element(By.ID, "status").text == "Ändringar som inte är sparade"
    step(result, "WebDriver accepts a leaving page's pro")
    # WebDriver accepts a leaving page's prompt by itself (W3C WebDriver, "user prompts"), so
    # the page's request for the browser's warning is what is checked.
    assert warns_on_leaving(driver), "no warning about unsaved changes"
    assert control(driver, "supplier").get_attribute("value") == NEW_SUPPLIER + " X"
    after_change(driver, lambda: control(driver, "supplier").send_keys(Keys.BACKSPACE, Keys.BACKSPACE))
    assert driver.find_element(By.ID, "status").text == "Sparad"
    assert not warns_on_leaving(driver), "a warning with nothing unsaved"

    step(result, 'Someone else changes the file: the pag')
    # Someone else changes the file: the page says so and loads it on request.
    saved = open(yaml_path, encoding="utf-8").read()
    with open(yaml_path, "w", encoding="utf-8") as file:
        file.write(saved.replace(NEW_SUPPLIER, "Ändrad på disken AB"))
    wait("the disk-change notice", lambda: "ändrats på disken" in driver.find_element(By.ID, "notice").text, timeout=8)
    after_change(driver, lambda: driver.find_element(By.XPATH, "//div[@id='notice']//button[normalize-space()='Läs in filen från disk']").click())
    assert control(driver, "supplier").get_attribute("value") == "Ändrad på disken AB"
    with open(yaml_path, "w", encoding="utf-8") as file:
        file.write(saved)

    step(result, "refusals")
    refusals(driver, args, result)

    step(result, "no test hooks unless asked for")
    port = urllib.parse.urlparse(args.address).port
    driver.get(f"http://127.0.0.1:{port}/")
    wait("the page without hooks", lambda: driver.find_element(By.ID, "file").text)
    result["hooks_unasked"] = driver.execute_script("return typeof window.uppfoljning")
    console = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    result["console_errors"] = [entry["message"] for entry in console]

    step(result, "the server is stopped: the page says so")
    os.kill(args.pid, signal.SIGTERM)
    wait("the server to stop", lambda: not os.path.exists(f"/proc/{args.pid}") or
         open(f"/proc/{args.pid}/stat").read().split()[2] == "Z", timeout=10)
    control(driver, "supplier").send_keys(" Y")
    wait("the server-gone notice", lambda: driver.find_element(By.ID, "notice").text, timeout=10)
    result["server_gone"] = driver.find_element(By.ID, "notice").text
    result["server_gone_status"] = driver.find_element(By.ID, "status").text
    step(result, "end")


def warns_on_leaving(driver):
    return driver.execute_script(
        "const leaving = new Event('beforeunload', {cancelable: true});"
        "window.dispatchEvent(leaving); return leaving.defaultPrevented")


def refusals(driver, args, result):
    """The secret never leaves the editor's origin; without it, or from elsewhere: 403."""
    yaml_path = os.path.join(args.dir, "coachning-2015.yaml")
    before = open(yaml_path, "rb").read()
    url = urllib.parse.urlparse(args.address)
    port = url.port
    launch = urllib.parse.parse_qs(url.fragment)["launch"][0]
    # No cookie at all: browsers send a cookie of 127.0.0.1 to every port of it.
    assert driver.get_cookies() == [], driver.get_cookies()
    session = driver.execute_script("return sessionStorage.getItem('uppfoljning-session')")
    assert session and len(session) == 32, session
    assert launch not in driver.current_url, "the launch token stays in the address bar"
    body = json.dumps({"document": {"dnr": "x"}, "base": None})

    def request(method, path, headers, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body.encode() if body is not None else None)
        response = connection.getresponse()
        response.read()
        return response.status

    own = f"127.0.0.1:{port}"
    with_session = {"Host": own, "X-Uppfoljning-Session": session}
    json_post = {**with_session, "Content-Type": "application/json"}
    statuses = {
        "launch token used again": request("POST", "/api/session", {
            "Host": own, "Origin": f"http://{own}", "X-Uppfoljning-Launch": launch}, ""),
        "no session": request("GET", "/api/state", {"Host": own}),
        "wrong session": request("GET", "/api/state", {"Host": own, "X-Uppfoljning-Session": "0" * 32}),
        "foreign host": request("GET", "/api/state", {**with_session, "Host": f"evil.example:{port}"}),
        "foreign origin": request("POST", "/api/save", {**json_post, "Origin": "http://evil.example"}, body),
        "no origin": request("POST", "/api/save", json_post, body),
        "no session on a change": request("POST", "/api/save", {
            "Host": own, "Content-Type": "application/json", "Origin": f"http://{own}"}, body),
    }
    assert all(status == 403 for status in statuses.values()), statuses
    assert request("GET", "/api/state", with_session) == 200
    result["refusals"] = statuses

    # Another local server, on another port: what the browser sends it, from the editor's page
    # (a fetch, an image) and from its own page (which also tries the editor), is recorded.
    attack = ("<!doctype html><title>x</title><form method=post enctype=text/plain "
              f"action='http://{own}/api/save'><input name='{{\"document\":{{}},\"x\":\"' value='\"}}'></form>"
              f"<script>fetch('http://{own}/api/save', {{method: 'POST', credentials: 'include', "
              "mode: 'no-cors', headers: {'Content-Type': 'application/json'}, "
              "body: JSON.stringify({document: {dnr: 'x'}, base: null})}).finally(() => "
              "document.forms[0].submit())</script>")
    seen = []

    class Attack(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(str(self.headers))
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(attack.encode())

        def log_message(self, *args):
            pass

    # Threads: Chromium opens spare connections that send nothing, which would hold a
    # single-threaded server (and its shutdown) for a minute.
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Attack)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    other = f"http://127.0.0.1:{server.server_port}"
    # From the editor's page (its Content-Security-Policy keeps these from leaving at all).
    driver.execute_script(
        f"fetch('{other}/favicon.ico', {{mode: 'no-cors', credentials: 'include'}}).catch(() => {{}});"
        f"const i = new Image(); i.src = '{other}/pixel.png';")
    time.sleep(0.5)
    result["other_server_requests_from_the_editor"] = len(seen)
    # The officer's browser goes to the other server's page (which fetches its icon).
    driver.get(f"{other}/")
    wait("the attack page's form post", lambda: driver.current_url.startswith(f"http://{own}/api/save"), timeout=10)
    result["cross_origin_page"] = driver.find_element(By.TAG_NAME, "body").text
    server.shutdown()
    result["other_server_requests"] = len(seen)
    for headers in seen:
        assert session not in headers and launch not in headers, headers
        assert "cookie:" not in headers.lower(), headers
    assert open(yaml_path, "rb").read() == before, "a refused request changed the file"


def form(driver, args, result):
    """Every property of the schema has a control; no WCAG 2.1 A/AA violation."""
    open_editor(driver, args.address)
    assert driver.execute_script("return document.documentElement.lang") == args.lang
    assert driver.find_element(By.ID, "save").text == {"sv": "Spara", "en": "Save"}[args.lang]
    if args.screenshot:
        driver.save_screenshot(args.screenshot)
    # Every kind of block, added where the sample has only paragraphs: the assessment's text.
    tools = 'select[data-key="assessment.body[]"]'
    kinds = [o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, f"{tools} option")]
    assert kinds == ["paragraph", "quote", "subheading", "list", "table", "figure"], kinds
    for kind in kinds:
        select = driver.find_element(By.CSS_SELECTOR, tools)
        Select(select).select_by_value(kind)
        button = select.find_element(By.XPATH, "following-sibling::button")
        after_change(driver, button.click)
    # The figure just added gets its image from a file chosen on the computer.
    chart = os.path.join(args.downloads, "Stapeldiagram 2015.png")
    with open(chart, "wb") as out:
        out.write(tiny_png())
    chooser = driver.find_elements(By.CSS_SELECTOR, 'input[type="file"]')[-1]
    after_change(driver, lambda: chooser.send_keys(chart))
    images = [c.get_attribute("value") for c in driver.find_elements(By.CSS_SELECTOR, '[data-path$="figure.image"]')]
    assert "bilder/stapeldiagram-2015.png" in images, images
    assert open(os.path.join(args.dir, "bilder", "stapeldiagram-2015.png"), "rb").read() == tiny_png()
    result["image_placed"] = images[-1]
    schema = json.load(open(args.schema))
    keys = set()

    def walk(node, path):
        while "$ref" in node:
            node = schema["$defs"][node["$ref"].split("/")[-1]]
        for alternative in node.get("anyOf", []) + node.get("oneOf", []):
            walk(alternative, path)
        for name, sub in node.get("properties", {}).items():
            key = f"{path}.{name}" if path else name
            keys.add(key)
            walk(sub, key)
        if isinstance(node.get("items"), dict):
            walk(node["items"], path + "[]")

    walk(schema, "")
    controls = set(driver.execute_script(
        "return [...document.querySelectorAll(':is(input, textarea, select, button)[data-key]')]"
        ".map(c => c.dataset.key)"))
    missing = sorted(k for k in keys if not any(
        c == k or c.startswith(k + ".") or c.startswith(k + "[") for c in controls))
    assert not missing, f"properties without a control: {missing}"
    result["properties"] = len(keys)
    unlabelled = driver.execute_script(
        "return [...document.querySelectorAll('input, textarea, select')]"
        ".filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label')).map(c => c.dataset.path)")
    assert not unlabelled, f"controls without a label: {unlabelled}"
    result["axe"] = axe(driver, args)
    # And with a problem on show.
    after_change(driver, lambda: retype(driver, "date", "2026-13-01"))
    result["axe_with_problem"] = axe(driver, args)


def tiny_png():
    """A 2 × 2 grey PNG, written by hand (zlib and CRC from the standard library)."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x80\x80\x80" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def axe(driver, args):
    driver.execute_script(open(args.axe, encoding="utf-8").read())
    report = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})), passes: r.passes.length}))"
        ".catch(e => done({error: String(e)}))")
    assert "error" not in report, report
    assert not report["violations"], json.dumps(report["violations"], indent=1)
    return report["passes"]


def rss(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def speed(driver, args, result):
    """N single-key edits of the supplier, each timed from the key to its pages shown."""
    open_editor(driver, args.address)
    supplier = control(driver, "supplier")
    warm_up = min(50, args.edits // 10)
    for index in range(args.edits):
        if index == warm_up:
            driver.execute_script("window.uppfoljning.timings = []")
            result["rss_kib_after_warm_up"] = rss(args.pid) if args.pid else None
        key = Keys.BACKSPACE if index % 2 else "x"
        after_change(driver, lambda: supplier.send_keys(key))
    timings = state(driver, "timings")
    timings.sort()
    result["edits"] = args.edits
    result["median_ms"] = statistics.median(timings)
    result["p95_ms"] = timings[int(len(timings) * 0.95) - 1]
    result["rss_kib_at_end"] = rss(args.pid) if args.pid else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=["officer", "form", "speed"])
    parser.add_argument("--address", required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--axe")
    parser.add_argument("--schema")
    parser.add_argument("--pid", type=int)
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--screenshot")
    parser.add_argument("--lang", default="sv")
    args = parser.parse_args()
    args.downloads = os.path.join(args.dir, "downloads")
    os.makedirs(args.downloads, exist_ok=True)
    result = {}
    driver = browser(args.downloads)
    try:
        {"officer": officer, "form": form, "speed": speed}[args.scenario](driver, args, result)
    finally:
        driver.quit()
        with open(args.out, "w") as out:
            json.dump(result, out, indent=1)


if __name__ == "__main__":
    main()
