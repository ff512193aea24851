"""The shop in a real browser (Debian's headless Chromium), through nginx.

Log in, choose quantities and a cut, see the live count, see ASCII
switched off once an array is ticked, submit, watch the progress on the
history page without reloading, download and open the package with
h5py, resubmit, delete.
Screenshots: ``test-artifacts/shop_form.png``,
``test-artifacts/shop_history.png``.  The workers are those of
``tests/test_live_shop.py`` (two, started by the test).
"""

import time

import pytest
import requests

from tests.test_live_browser import ARTIFACTS, browser
from tests.test_live_shop import (USER, open_package, small_count,
                                  shop_server, shop_user, smtp, workers)

__all__ = ["browser", "shop_server", "shop_user", "smtp", "workers"]

pytestmark = pytest.mark.live

PASSWORD = "Shop-test 2026!"   # set by tests/test_live_shop.py's fixture


def _wait(check, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"not within {timeout} s: {what}")


def _login(driver, base):
    from selenium.webdriver.common.by import By
    driver.get(base + "/accounts/login/?next=/shop/")
    driver.find_element(By.NAME, "username").send_keys(USER)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    _wait(lambda: "/shop/" in driver.current_url, "the shop after login")


def _choose(driver):
    from selenium.webdriver.common.by import By
    for name in ("R", "EV", "E", "ZE"):
        driver.find_element(By.ID, f"q-{name}").click()
    cut = driver.find_element(By.NAME, "min_E")
    cut.clear()
    cut.send_keys("15.5")
    estimate = driver.find_element(By.ID, "estimate")
    _wait(lambda: f"{small_count():,} events" in estimate.text,
          "the live count")
    array = driver.find_element(By.ID, "q-energy_deposit")
    array.click()
    _wait(lambda: not driver.find_element(By.ID, "fmt-ascii").is_enabled(),
          "ASCII switched off")
    assert "500 times" in driver.find_element(By.ID, "ascii-reason").text
    array.click()
    _wait(lambda: driver.find_element(By.ID, "fmt-ascii").is_enabled(),
          "ASCII back")


def test_shop_in_the_browser(browser, workers, shop_user, tmp_path):
    from selenium.webdriver.common.by import By
    session, base = shop_user
    _login(browser, base)
    browser.get(base + "/shop/?dataset=kascade_sim&component=events")
    _choose(browser)
    ARTIFACTS.mkdir(exist_ok=True)
    browser.execute_script("document.getElementById('estimate')"
                           ".scrollIntoView({block: 'center'})")
    browser.save_screenshot(str(ARTIFACTS / "shop_form.png"))
    browser.find_element(By.ID, "submit").click()
    _wait(lambda: "/shop/history/" in browser.current_url, "the history")
    row = browser.find_element(By.CSS_SELECTOR, "#history tr[data-id]")
    request_id = row.get_attribute("data-id")
    # no reload: the page's script updates the row
    _wait(lambda: row.get_attribute("data-state") == "COMPLETED",
          "COMPLETED on the history page", timeout=180)
    assert row.find_element(By.CLASS_NAME, "expires").text[:2] == "20"
    browser.save_screenshot(str(ARTIFACTS / "shop_history.png"))
    cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
    package = requests.get(f"{base}/shop/requests/{request_id}/download",
                           cookies=cookies, timeout=120)
    assert package.status_code == 200
    data, _ = open_package(package.content, tmp_path)
    data.close()
    row.find_element(By.XPATH, ".//button[text()='resubmit']").click()
    _wait(lambda: len(browser.find_elements(
        By.CSS_SELECTOR, "#history tr[data-id]")) == 2, "the resubmission")
    assert f"resubmitted from {request_id}" in browser.page_source
    # the resubmission runs too (no message is left behind in the queue)
    _wait(lambda: all(r.get_attribute("data-state") == "COMPLETED"
                      for r in browser.find_elements(
                          By.CSS_SELECTOR, "#history tr[data-id]")),
          "the resubmission COMPLETED", timeout=180)
    delete = browser.find_element(
        By.XPATH, f"//tr[@id='req-{request_id}']//button[text()='delete']")
    delete.click()
    _wait(lambda: f"req-{request_id}" not in browser.page_source,
          "the deleted row gone")
    gone = session.get(f"{base}/shop/api/requests/{request_id}", timeout=30)
    assert gone.status_code == 404
