"""Two-factor login for staff (newsroom/accounts/two_factor.py): enrolment from
one's own page, a code after the password, wrong and reused codes refused and
counted by the login throttle, a requirement per role that sends members
without a device to enrolment, and resets by site administrators and superusers.

Codes are computed from the device's secret (tests.factories.totp_code) at the
real time, or at a step ahead of it: nothing sleeps. django-otp's own throttle
reads timezone.now, which `clock` moves on by hand."""

import datetime
import io
import re
from base64 import b32encode

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.accounts.models import TwoFactorRequirement
from newsroom.accounts.roles import EDITOR, REPORTER, ROLE_NAMES, SITE_ADMINISTRATOR
from newsroom.publishing.models import Status
from tests.factories import make_news, make_user, staff, totp_code, two_factor_device

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN = "/admin/login/"
ENROL = "/admin/two-factor/"
VERIFY = "/admin/two-factor/code/"


@pytest.fixture
def clock(monkeypatch):
    """timezone.now under the test's hand: `clock.advance(seconds)`."""

    class Clock:
        now = timezone.now()

        def advance(self, seconds):
            self.now += datetime.timedelta(seconds=seconds)

    instance = Clock()
    monkeypatch.setattr(timezone, "now", lambda: instance.now)
    return instance


def password_login(client, user, next_url="/admin/"):
    return client.post(
        LOGIN, {"username": user.username, "password": PASSWORD, "next": next_url}
    )


def send_code(client, code, url=VERIFY, next_url="/admin/"):
    return client.post(url, {"code": code, "next": next_url})


def require(*roles):
    TwoFactorRequirement.objects.filter(role__in=roles).update(required=True)


def failures(username):
    return sum(
        a.failures_since_start for a in AccessAttempt.objects.filter(username=username)
    )


def secret_of(device):
    return b32encode(device.bin_key).decode()


def grouped(secret):
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@pytest.fixture
def editor():
    return staff(EDITOR, "eddie", password=PASSWORD)


# --- Without a device: the password alone, as before ----------------------------


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_without_a_device_or_a_requirement_the_password_is_enough(client, role):
    user = staff(role, password=PASSWORD)
    response = password_login(client, user)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_every_role_has_its_requirement_row_and_it_starts_off():
    rows = dict(TwoFactorRequirement.objects.values_list("role", "required"))
    assert rows == dict.fromkeys(ROLE_NAMES, False)


# --- Enrolment -----------------------------------------------------------------


def test_enrolment_shows_the_secret_until_a_code_confirms_it_then_never(
    client, editor, clock
):
    client.force_login(editor)
    page = client.get(ENROL)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    body = page.content.decode()
    assert grouped(secret_of(device)) in body
    assert 'class="two-factor-qr"><svg' in body
    # The same secret on a reload: the phone scanned it already.
    assert grouped(secret_of(device)) in client.get(ENROL).content.decode()
    assert TOTPDevice.objects.filter(user=editor).count() == 1

    wrong_code = "000000" if totp_code(device) != "000000" else "111111"
    wrong = send_code(client, wrong_code, url=ENROL)
    assert wrong.status_code == 200
    assert "That code is wrong" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    clock.advance(1)  # django-otp's throttle: a second after a wrong code
    right = send_code(client, totp_code(device), url=ENROL)
    assert right.status_code == 302 and right["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed

    after = client.get(ENROL).content.decode()
    assert 'id="two-factor-state"' in after
    secret = secret_of(device)
    assert grouped(secret) not in after and secret not in after
    assert 'class="two-factor-qr"' not in after and "otpauth" not in after


def test_a_malformed_code_is_a_form_error(client, editor):
    client.force_login(editor)
    client.get(ENROL)
    for code in ("", "12ab56", "１２３４５６", "1" * 17, "\x00"):
        response = send_code(client, code, url=ENROL)
        assert response.status_code == 200
        assert 'class="errorlist' in response.content.decode()
    assert not TOTPDevice.objects.get(user=editor).confirmed


def test_enrolment_page_asks_to_log_in_first(client):
    response = client.get(ENROL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert client.get(VERIFY).status_code == 302


# --- Login with a device --------------------------------------------------------


def test_with_a_device_the_admin_waits_for_the_code(client, editor):
    device = two_factor_device(editor)
    response = password_login(client, editor, next_url="/admin/news/newsitem/")
    assert response.status_code == 302
    for path in ("/admin/", "/admin/news/newsitem/", "/admin/auth/user/"):
        waiting = client.get(path)
        assert waiting.status_code == 302
        assert waiting["Location"].startswith(VERIFY + "?next=")
    page = client.get(VERIFY)
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in page.content.decode()
    # The secret is not on the code page either.
    assert secret_of(device) not in page.content.decode()

    session_before = client.session.session_key
    done = send_code(client, totp_code(device), next_url="/admin/news/newsitem/")
    assert done.status_code == 302 and done["Location"] == "/admin/news/newsitem/"
    assert client.session.session_key != session_before  # renewed after the code
    assert client.get("/admin/news/newsitem/").status_code == 200


def test_before_the_code_public_pages_treat_the_user_as_a_visitor(client, editor):
    two_factor_device(editor)
    draft = make_news(status=Status.DRAFT, title="Embargoed communique")
    password_login(client, editor)
    # No preview of a draft with a password alone.
    assert client.get(draft.get_absolute_url()).status_code == 404
    send_code(client, totp_code(TOTPDevice.objects.get(user=editor)))
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_a_code_once_used_is_refused(client, editor, clock):
    device = two_factor_device(editor)
    code = totp_code(device)
    password_login(client, editor)
    assert send_code(client, code).status_code == 302
    client.post("/admin/logout/")

    password_login(client, editor)
    clock.advance(2)
    again = send_code(client, code)
    assert again.status_code == 200
    assert "That code is wrong, or was used already" in again.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_wrong_code_is_refused_and_counted_as_a_failed_login(client, editor, clock):
    device = two_factor_device(editor)
    password_login(client, editor)
    wrong = str((int(totp_code(device)) + 1) % 1_000_000).zfill(6)
    response = send_code(client, wrong)
    assert response.status_code == 200
    assert "That code is wrong" in response.content.decode()
    assert failures(editor.username) == 1
    assert client.get("/admin/").status_code == 302


def test_codes_right_after_a_wrong_one_wait_for_the_throttle(client, editor, clock):
    device = two_factor_device(editor)
    password_login(client, editor)
    send_code(client, "999999" if totp_code(device) != "999999" else "888888")
    hurried = send_code(client, totp_code(device))
    assert hurried.status_code == 200
    assert "Too many wrong codes: wait 1 second," in hurried.content.decode()
    clock.advance(1)
    assert send_code(client, totp_code(device)).status_code == 302


def test_guessing_codes_locks_the_account_like_guessing_passwords(
    client, editor, clock
):
    device = two_factor_device(editor)
    password_login(client, editor)
    right = totp_code(device)
    wrong = [c * 6 for c in "123456" if c * 6 != right]
    response = None
    for n in range(settings.AXES_FAILURE_LIMIT):
        clock.advance(2**n)  # past django-otp's doubling wait
        response = send_code(client, wrong[n])
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert SESSION_KEY not in client.session  # the half-done login ended
    # The right password and code are refused until the lock ends.
    assert password_login(client, editor).status_code == 429


def test_next_leaving_the_site_goes_to_the_admin_index(client, editor):
    device = two_factor_device(editor)
    password_login(client, editor)
    response = send_code(client, totp_code(device), next_url="https://evil.example/")
    assert response["Location"] == "/admin/"


# --- Required per role ----------------------------------------------------------


@pytest.mark.parametrize("required_role", ROLE_NAMES)
@pytest.mark.parametrize("role", ROLE_NAMES)
def test_a_role_that_requires_it_sends_members_without_a_device_to_enrol(
    client, role, required_role
):
    require(required_role)
    user = staff(role, password=PASSWORD)
    password_login(client, user)
    response = client.get("/admin/news/newsitem/")
    if role == required_role:
        assert response.status_code == 302
        assert response["Location"].startswith(ENROL + "?next=")
        page = client.get(ENROL)
        assert "Your role requires two-factor login" in page.content.decode()
        # Nothing else until enrolled, not even the code page's shortcut.
        assert client.get("/admin/").status_code == 302
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        done = send_code(client, totp_code(device), url=ENROL)
        assert done.status_code == 302
        assert client.get("/admin/news/newsitem/").status_code == 200
    else:
        assert response.status_code == 200


def test_a_superuser_in_no_role_is_not_held_by_any_requirement(client):
    require(*ROLE_NAMES)
    admin_user = make_user("root", password=PASSWORD, is_staff=True, is_superuser=True)
    password_login(client, admin_user)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("role", "status"), [(REPORTER, 403), (EDITOR, 403), (SITE_ADMINISTRATOR, 200)]
)
def test_only_site_administrators_edit_the_requirements(client, role, status):
    client.force_login(staff(role))
    changelist = "/admin/accounts/twofactorrequirement/"
    assert client.get(changelist).status_code == status
    row = TwoFactorRequirement.objects.get(role=EDITOR)
    change = f"{changelist}{row.pk}/change/"
    response = client.post(change, {"required": "on"})
    assert response.status_code == (302 if status == 200 else 403)
    row.refresh_from_db()
    assert row.required is (status == 200)
    # Rows come with the roles: none to add or delete.
    assert client.get(f"{changelist}add/").status_code == 403


# --- Recovery -------------------------------------------------------------------


def test_a_site_administrator_resets_a_lost_device(client, editor):
    two_factor_device(editor)
    client.force_login(staff(SITE_ADMINISTRATOR))
    response = client.post(
        "/admin/auth/user/",
        {"action": "reset_two_factor_login", "_selected_action": [editor.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()

    other = client.__class__()
    password_login(other, editor)
    assert other.get("/admin/").status_code == 200  # no code asked


def test_after_a_reset_a_required_role_enrols_again(client, editor):
    require(EDITOR)
    two_factor_device(editor)
    call_command("reset_two_factor", editor.username, stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=editor).exists()
    password_login(client, editor)
    assert client.get("/admin/")["Location"].startswith(ENROL)


@pytest.mark.parametrize("role", [REPORTER, EDITOR])
def test_other_roles_cannot_reset(client, editor, role):
    two_factor_device(editor)
    client.force_login(staff(role))
    response = client.post(
        "/admin/auth/user/",
        {"action": "reset_two_factor_login", "_selected_action": [editor.pk]},
    )
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=editor).exists()


def test_the_reset_command_names_an_unknown_account():
    with pytest.raises(Exception, match="No account named 'nobody'"):
        call_command("reset_two_factor", "nobody", stdout=io.StringIO())


def test_no_admin_page_shows_a_secret(client, editor):
    device = two_factor_device(editor)
    secret, hex_key = secret_of(device), device.key
    root = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(root)
    pages = [
        f"/admin/auth/user/{editor.pk}/change/",
        "/admin/auth/user/",
        "/admin/",
    ]
    for path in pages:
        body = client.get(path).content.decode()
        assert secret not in body and hex_key not in body
    # django-otp's own device pages are not installed.
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
    # The account's page says two-factor login is on, without the secret.
    change = client.get(f"/admin/auth/user/{editor.pk}/change/").content.decode()
    assert re.search(r"Two-factor login", change)
