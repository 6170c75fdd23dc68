"""Two-factor login in a real browser: an editor enrols an authenticator app
from the admin's top bar (the QR code and the key to type), confirms it with a
code, logs out, and logs in again with the password and then a code.

The codes are what an app would show, computed from the key the page shows
(django_otp.oath.TOTP), at the real time or one step ahead: nothing sleeps."""

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.accounts.roles import EDITOR

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips these tests (fails them in CI)
    expect = None

pytestmark = pytest.mark.e2e


def app_code(secret: str, at: float) -> str:
    """What an authenticator app holding `secret` shows at Unix time `at`."""
    totp = TOTP(b32decode(secret.replace(" ", "")), step=30, digits=6)
    totp.time = at
    return f"{totp.token():06d}"


def test_an_editor_enrols_and_logs_in_with_a_code(
    page, staff_member, log_in, screenshot_dir
):
    editor = staff_member("erin.editor", EDITOR)
    tab = page(1280)
    log_in(tab, editor)  # no device yet: the password alone

    tab.get_by_role("link", name="Two-factor login").click()
    expect(tab).to_have_url(re.compile(r"/admin/two-factor/$"))
    qr = tab.locator(".two-factor-qr svg")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box["width"] >= 100 and box["height"] >= 100
    secret = tab.locator("#two-factor-secret").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", secret)
    tab.screenshot(path=str(screenshot_dir / "two-factor-enrol.png"), full_page=True)

    now = time.time()
    tab.get_by_label("Code from your authenticator app").fill(app_code(secret, now))
    tab.get_by_role("button", name="Confirm and turn on").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    expect(tab.locator(".messagelist")).to_contain_text("Two-factor login is on")
    assert TOTPDevice.objects.get(user=editor).confirmed

    # The key is not shown again.
    tab.get_by_role("link", name="Two-factor login").click()
    expect(tab.locator("#two-factor-state")).to_contain_text("on")
    expect(tab.locator("#two-factor-secret")).to_have_count(0)

    tab.get_by_role("button", name="Log out").click()
    log_in(tab, editor, lands_on=r"/admin/two-factor/code/\?next=")
    expect(tab.get_by_text("Password accepted for erin.editor")).to_be_visible()
    tab.screenshot(path=str(screenshot_dir / "two-factor-code.png"), full_page=True)

    # The code of the next step, as the app shows it 30 s later (the one used
    # to enrol is spent).
    next_code = app_code(secret, now + 30)
    tab.get_by_label("Code from your authenticator app").fill(next_code)
    tab.get_by_role("button", name="Verify").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    expect(tab.locator("#site-name")).to_be_visible()
