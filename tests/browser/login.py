"""Logs people in at a real OpenID provider (npm's oidc-provider, its own login and consent
pages) through `uppfoljning serve`, in real Chromium over WebDriver, and lets each do what
their role may and try what it may not: a läsare reads, a handläggare edits, a registrator
approves (never a version they saved: four eyes) and reads the audit log; each logs out, at
the provider too. axe-core scans the pages a person sees around logging in.

Run by tests/it/serve/login.rs, which starts the provider and the service and checks the
database's audit log afterwards.

    login.py --address URL --out RESULT.json --axe axe.min.js [--screenshots DIR]
"""

import argparse
import json
import os
import tempfile

from selenium.webdriver.common.by import By

from editor import axe, browser, retype, settled, state, wait


def text(driver, selector):
    return driver.find_element(By.CSS_SELECTOR, selector).text


def log_in(driver, address, person, path="/"):
    """Opens `path` of the service, is sent to the provider, logs in as `person`, consents."""
    driver.get(address + path)
    wait("the provider's login page", lambda: driver.find_elements(By.NAME, "login"))
    driver.find_element(By.NAME, "login").send_keys(person)
    driver.find_element(By.NAME, "password").send_keys("vad-som-helst")
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait("the consent page or the service", lambda: address in driver.current_url
         or driver.find_elements(By.XPATH, "//button[normalize-space()='Continue']"))
    if address not in driver.current_url:
        driver.find_element(By.XPATH, "//button[normalize-space()='Continue']").click()
    wait("the service again", lambda: driver.current_url.startswith(address + path.split("?")[0])
         and driver.find_elements(By.CSS_SELECTOR, ".top"))
    assert f"Inloggad som {person}" in text(driver, ".top"), text(driver, ".top")


def log_out(driver, address):
    """Logs out here and at the provider (its confirmation page), back at /utloggad."""
    driver.find_element(By.XPATH, "//button[normalize-space()='Logga ut']").click()
    wait("the provider's logout page or the service",
         lambda: "/utloggad" in driver.current_url
         or driver.find_elements(By.XPATH, "//button[normalize-space()='Yes, sign me out']"))
    if "/utloggad" not in driver.current_url:
        driver.find_element(By.XPATH, "//button[normalize-space()='Yes, sign me out']").click()
    wait("the logged-out page", lambda: "/utloggad" in driver.current_url)
    assert "Du är utloggad." in driver.page_source


def post(driver, path, version):
    """An approval of `version` sent by a form of the page's own (as a page left open from
    before would send it), with the page's CSRF token: the page it answers with."""
    driver.execute_script(
        "const [path, version] = arguments;"
        "const own = document.querySelector('form[action*=\"csrf=\"]');"
        "const token = new URL(own.action).searchParams.get('csrf');"
        "const form = document.createElement('form');"
        "form.method = 'post'; form.action = path + '?csrf=' + token;"
        "const field = document.createElement('input');"
        "field.type = 'hidden'; field.name = 'version'; field.value = version;"
        "form.append(field); document.body.append(form); form.submit();", path, version)
    wait("the answer", lambda: driver.find_elements(By.CSS_SELECTOR, "h1")
         and "faststall" in driver.current_url)
    return text(driver, "main")


def edit_supplier(driver, address, report, supplier):
    driver.get(f"{address}/rapporter/{report}/redigera/#test-hooks")
    wait("the editor's pages", lambda: settled(driver) and state(driver, "pages.length"))
    retype(driver, "supplier", supplier)
    wait("the change shown", lambda: settled(driver) and supplier in " ".join(
        p["text"] for p in state(driver, "pages")))
    driver.find_element(By.ID, "save").click()
    wait("the save", lambda: text(driver, "#status").startswith("Sparad "))


def look(driver, args, result, name):
    result.setdefault("axe", {})[name] = axe(driver, args)
    if args.screenshots:
        driver.save_screenshot(os.path.join(args.screenshots, f"login-{name}.png"))


def scenario(driver, args, result):
    address = args.address

    # A läsare reads; the audit log and every change are refused, in Swedish.
    log_in(driver, address, "lasse", "/rapporter/1")
    look(driver, args, result, "report-as-reader")
    assert not driver.find_elements(By.XPATH, "//button[starts-with(normalize-space(), 'Fastställ')]")
    driver.get(address + "/logg")
    result["reader_audit"] = text(driver, "main")
    assert "anroparen får inte göra detta" in result["reader_audit"], result["reader_audit"]
    driver.get(address + "/")
    log_out(driver, address)
    look(driver, args, result, "logged-out")

    # A handläggare edits; approving is refused.
    log_in(driver, address, "anna")
    edit_supplier(driver, address, 1, "Anna AB")
    driver.get(address + "/rapporter/1")
    assert not driver.find_elements(By.XPATH, "//button[starts-with(normalize-space(), 'Fastställ')]")
    page = post(driver, "/rapporter/1/faststall", 2)
    result["handlaggare_approve"] = page
    assert "anroparen får inte göra detta" in page, page
    look(driver, args, result, "refused")
    driver.get(address + "/rapporter/1")
    look(driver, args, result, "report-as-handlaggare")
    log_out(driver, address)

    # A registrator approves anna's version; their own is refused (four eyes); the log.
    log_in(driver, address, "rita", "/rapporter/1")
    driver.find_element(By.XPATH, "//button[normalize-space()='Fastställ version 2']").click()
    wait("the approval", lambda: "Versionen är fastställd" in driver.page_source)
    edit_supplier(driver, address, 1, "Rita AB")
    driver.get(address + "/rapporter/1")
    assert "Du sparade den här versionen själv" in driver.page_source
    assert not driver.find_elements(By.XPATH, "//button[normalize-space()='Fastställ version 3']")
    page = post(driver, "/rapporter/1/faststall", 3)
    result["four_eyes"] = page
    assert "fyra ögon" in page, page
    driver.get(address + "/logg")
    look(driver, args, result, "audit")
    result["audit_page"] = text(driver, "main")
    result["rita_cookie"] = next(c["value"] for c in driver.get_cookies() if c["name"] == "uppfoljning")
    log_out(driver, address)

    # A live session of each role, for the route table over HTTP: logged in, the session's
    # cookie and CSRF token noted, and the browser's cookies dropped (the provider's too: the
    # two share 127.0.0.1) so the next person logs in afresh while this session lives on.
    sessions = {}
    for person in ["lasse", "anna", "rita"]:
        log_in(driver, address, person)
        form = driver.find_element(By.CSS_SELECTOR, "form[action*='csrf=']")
        csrf = form.get_attribute("action").split("csrf=")[1]
        cookie = next(c["value"] for c in driver.get_cookies() if c["name"] == "uppfoljning")
        sessions[person] = {"cookie": cookie, "csrf": csrf}
        driver.delete_all_cookies()
    result["sessions"] = sessions


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--address", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--axe", required=True)
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    result = {}
    driver = browser(tempfile.mkdtemp())
    try:
        scenario(driver, args, result)
    except Exception:
        result["failed_at"] = driver.current_url
        result["failed_page"] = driver.find_element(By.TAG_NAME, "body").text[:2000]
        result["console"] = [entry["message"] for entry in driver.get_log("browser")][-10:]
        raise
    finally:
        driver.quit()
        with open(args.out, "w") as out:
            json.dump(result, out, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
