"""A new user in a real browser, through the proxy, with real e-mail.

Debian's headless Chromium (``chromium``, driven by Debian's
``chromedriver`` through Selenium; nothing downloads a browser)
registers, follows the verification link that the live portal sent to a
real SMTP server on loopback, logs in, sees the restricted resource
once an administrator has put the account into a group with a grant,
and logs out.  Screenshots of the root page and the account page are
written to ``test-artifacts/`` (not committed).
"""

import re
import secrets
import shutil
import time
from pathlib import Path

import pytest

from apdc import config, web
from tests.test_live_access import portal_shell

pytestmark = pytest.mark.live

ARTIFACTS = config.PROJECT_DIR / "test-artifacts"
USER = "apdc_test_browser"
PASSWORD = secrets.token_urlsafe(12) + "Aa1!"


def wait_for_mail(inbox, to, timeout=30):
    """The plain-text body of the newest message to ``to`` in ``inbox``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with inbox.lock:
            found = [m for m in inbox.messages if to in m["To"]]
        if found:
            return found[-1].get_body(("plain",)).get_content()
        time.sleep(0.2)
    raise AssertionError(f"no mail to {to} within {timeout} s")


@pytest.fixture(scope="module")
def mail(server, monkeypatch_module):
    """A real SMTP server on loopback; the live portal sends to it."""
    from aiosmtpd.controller import Controller
    from tests.portal.conftest import Inbox, free_port
    port, inbox = free_port(), Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch_module.setenv("APDC_PORTAL_SMTP_HOST", "127.0.0.1")
    monkeypatch_module.setenv("APDC_PORTAL_SMTP_PORT", str(port))
    web.stop_portal()
    web.start_portal()
    yield inbox
    controller.stop()
    monkeypatch_module.undo()
    web.stop_portal()
    web.start_portal()


@pytest.fixture(scope="module")
def monkeypatch_module():
    patch = pytest.MonkeyPatch()
    yield patch
    patch.undo()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-quic", "--no-first-run",
                 "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--window-size=1280,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(
        shutil.which("chromedriver") or "/usr/bin/chromedriver"),
        options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def account():
    portal_shell(f"""
from django.contrib.auth import get_user_model
get_user_model().objects.filter(username="{USER}").delete()
""")
    yield USER
    portal_shell(f"""
from django.contrib.auth import get_user_model
get_user_model().objects.filter(username="{USER}").delete()
""")


def _fill(driver, **fields):
    from selenium.webdriver.common.by import By
    for name, value in fields.items():
        element = driver.find_element(By.NAME, name)
        if element.get_attribute("type") == "checkbox":
            if not element.is_selected():
                element.click()
        else:
            element.clear()
            element.send_keys(value)
    button = driver.find_element(By.CSS_SELECTOR,
                                 "#main-form button[type=submit], "
                                 "form button[type=submit]")
    button.click()
    _wait_for_new_page(driver, button)


def _wait_for_new_page(driver, old_element, timeout=30):
    """Until the page that held ``old_element`` has been replaced."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, timeout).until(
        expected_conditions.staleness_of(old_element))


def _shot(driver, name):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
    return path


def test_register_verify_login_see_restricted_logout(server, mail, browser,
                                                     account):
    from selenium.webdriver.common.by import By
    address = f"{USER}@example.org"
    browser.get(server + "/accounts/register/")
    _fill(browser, username=USER, email=address, password1=PASSWORD,
          password2=PASSWORD, accept_licence=True)
    assert "sent" in browser.page_source.lower()
    body = wait_for_mail(mail, address)
    link = re.search(r"https?://\S+/accounts/verify/\S+", body).group(0)
    assert link.startswith(server)
    browser.get(link)
    assert "verified" in browser.page_source.lower() or \
        "confirmed" in browser.page_source.lower()

    browser.get(server + "/accounts/login/")
    _fill(browser, username=USER, password=PASSWORD)
    browser.get(server + "/")
    assert USER in browser.find_element(By.TAG_NAME, "body").text
    assert browser.find_elements(By.ID, "restricted-resources-none")

    # an administrator puts the account into the deepest group
    portal_shell(f"""
from django.contrib.auth import get_user_model
from portal.groups.models import Group, Membership
Membership.objects.create(
    user=get_user_model().objects.get(username="{USER}"),
    group=Group.objects.get(name="kascade-grande-analysis"))
""")
    browser.get(server + "/")
    listed = browser.find_element(By.ID, "restricted-resources").text
    assert "kascade_embargo" in listed
    skymap = browser.find_element(By.CSS_SELECTOR, "figure img")
    assert browser.execute_script(
        "return arguments[0].naturalWidth", skymap) > 500
    _shot(browser, "root_page.png")

    browser.get(server + "/accounts/")
    assert "kascade-grande-analysis" in browser.page_source
    _shot(browser, "account_page.png")

    browser.get(server + "/")
    logout = browser.find_element(
        By.CSS_SELECTOR, "form[action$='/accounts/logout/'] button")
    logout.click()
    _wait_for_new_page(browser, logout)
    browser.get(server + "/")
    assert USER not in browser.find_element(By.TAG_NAME, "body").text
