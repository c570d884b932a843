"""Drives the workspace's pages (`uppfoljning serve --database …`) in real Chromium over
WebDriver, as a department would: a folder imported, a report edited in the mounted editor,
its history read, approved, edited after approval, its case archived, next year's follow-up
started; two people editing one report; every page scanned by axe-core at 1280 and 375 px.

Run by tests/it/serve/pages.rs, which starts the service and checks the database and the
intake folder afterwards. This script asserts what only the browser can show.

    workspace.py --address URL --dir DIR --out RESULT.json --axe axe.min.js [--screenshots DIR]
"""

import argparse
import json
import os
import time
import urllib.request

from selenium.webdriver.common.by import By

from editor import axe, browser, retype, settled, state, wait

NEW_SUPPLIER = "Coachkompaniet i Norden AB"
LATER_SUPPLIER = "Coachkompaniet Norden AB"


def visit(driver, address, path):
    driver.get(address + path)
    wait("the page", lambda: driver.execute_script("return document.readyState") == "complete")


def text(driver, selector):
    return driver.find_element(By.CSS_SELECTOR, selector).text


def fits(driver):
    """Whether the page fits the window's width without scrolling sideways."""
    return driver.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth")


def look(driver, args, result, name):
    """The page scanned by axe-core at both widths, fitting each; a screenshot of each."""
    for width in (1280, 375):
        driver.set_window_size(width, 1000)
        passes = axe(driver, args)
        assert fits(driver), f"{name} at {width} px scrolls sideways"
        result.setdefault("axe", {})[f"{name}@{width}"] = passes
        if args.screenshots:
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(width, min(max(height, 600), 2400))
            driver.save_screenshot(os.path.join(args.screenshots, f"{name}-{width}.png"))
    driver.set_window_size(1280, 1000)


def edit_supplier(driver, address, report, supplier):
    """Opens the report in the mounted editor, changes its supplier and saves it."""
    visit(driver, address, f"/rapporter/{report}/redigera/#test-hooks")
    wait("the editor's pages", lambda: settled(driver) and state(driver, "pages.length"))
    retype(driver, "supplier", supplier)
    wait("the change shown", lambda: settled(driver) and supplier in " ".join(
        p["text"] for p in state(driver, "pages")))
    driver.find_element(By.ID, "save").click()
    wait("the save", lambda: text(driver, "#status").startswith("Sparad "))


def api(address, path):
    with urllib.request.urlopen(address + path, timeout=10) as answer:
        return json.load(answer)


def scenario(driver, second, args, result):
    address = args.address
    visit(driver, address, "/")
    assert text(driver, "h1") == "Uppföljningar"
    look(driver, args, result, "start")

    # A folder of reports with an image, chosen as a folder.
    driver.find_element(By.ID, "filer").send_keys(os.path.join(args.dir, "mapp"))
    driver.find_element(By.CSS_SELECTOR, "form[action='/importera'] button").click()
    wait("the import", lambda: "Mappens rapporter är importerade" in driver.page_source)
    assert "3 rapporter" in text(driver, ".count"), text(driver, ".count")

    # Two people open the same report; the first saves; the second's save is refused.
    visit(second, address, "/rapporter/1/redigera/#test-hooks")
    wait("the second editor", lambda: settled(second) and state(second, "pages.length"))
    edit_supplier(driver, address, 1, NEW_SUPPLIER)
    retype(second, "contract", "Coachning av alla")
    wait("the second's change shown", lambda: settled(second))
    second.find_element(By.ID, "save").click()
    # The page may first say, unasked, that someone else saved (it asks the service every few
    # seconds); the save's own refusal then replaces that notice.
    wait("the refusal", lambda: second.find_element(By.ID, "notice").is_displayed()
         and "inte sparad" in text(second, "#notice"))
    result["refused"] = text(second, "#notice")
    assert len(api(address, "/v1/reports/1/versions")) == 2, "no update lost, none made twice"

    # The history says what changed, in words.
    driver.find_element(By.CSS_SELECTOR, "a.back").click()
    wait("the report's page", lambda: "Historik" in driver.page_source)
    changes = text(driver, "ul.changes")
    assert f"IGO-R AB → {NEW_SUPPLIER}" in changes, changes
    result["changes"] = changes
    look(driver, args, result, "report")

    # Approved from its page.
    driver.find_element(By.XPATH, "//button[normalize-space()='Fastställ version 2']").click()
    wait("the approval", lambda: "Versionen är fastställd" in driver.page_source)
    look(driver, args, result, "approved")

    # An edit after approval is a draft on top; the page says it differs.
    edit_supplier(driver, address, 1, LATER_SUPPLIER)
    visit(driver, address, "/rapporter/1")
    assert "Utkastet (version 3) skiljer sig från den fastställda versionen 2" in driver.page_source

    # The case archived into the intake folder.
    driver.find_element(By.XPATH, "//button[normalize-space()='Arkivera ärendet']").click()
    wait("the archiving", lambda: "leveransmapp" in driver.page_source)
    result["archived"] = text(driver, ".notice")

    # The changes between two versions, on their own page.
    visit(driver, address, "/rapporter/1/andringar?fran=2&till=3")
    assert LATER_SUPPLIER in text(driver, "ul.changes")
    look(driver, args, result, "changes")

    # Next year's follow-up from this one opens in the editor with the case carried over.
    visit(driver, address, "/rapporter/1")
    driver.find_element(By.XPATH, "//button[normalize-space()='Starta nästa uppföljning från denna']").click()
    wait("the next follow-up's editor", lambda: "/redigera/" in driver.current_url)
    driver.get(driver.current_url + "#test-hooks")
    driver.refresh()
    wait("its form", lambda: state(driver, "doc") is not None)
    result["next_dnr"] = driver.execute_script("return window.uppfoljning.doc.dnr")
    result["next_url"] = driver.current_url

    visit(driver, address, "/")
    look(driver, args, result, "start-after")
    result["upcoming"] = text(driver, "section[aria-labelledby='kommande']")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--address", required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--axe", required=True)
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    downloads = os.path.join(args.dir, "downloads")
    os.makedirs(downloads, exist_ok=True)
    result = {}
    started = time.monotonic()
    driver = browser(downloads)
    second = browser(downloads)
    try:
        scenario(driver, second, args, result)
    finally:
        result["seconds"] = round(time.monotonic() - started, 1)
        driver.quit()
        second.quit()
        with open(args.out, "w") as out:
            json.dump(result, out, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
