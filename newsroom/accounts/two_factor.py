"""Two-factor login for staff: a code from an authenticator app after the password.

How a login goes (Django's admin login page is unchanged):

1. The password is checked by the admin's login form, as before (throttled by
   django-axes, newsroom/accounts/throttling.py). When it is right, Django logs
   the user in and `user_logged_in` fires; `note_second_step` then writes in the
   session what is still owed: ``"verify"`` when the user has a confirmed
   device, ``"enrol"`` when their role requires two-factor login
   (TwoFactorRequirement) and they have none.
2. While something is owed, SecondStepMiddleware lets the session open only
   the two-factor pages and logout: any other admin page redirects there, and
   on public pages the user is anonymous (no previews of drafts).
3. The code page (`verify`) or the enrolment page (`enrol`) checks a code with
   django-otp, which refuses a code used before and makes each wrong code wait
   longer; a wrong code also counts as a failed login for django-axes, so
   guessing codes locks the account like guessing passwords. A right code
   marks the session verified (django_otp.login), clears what was owed and
   renews the session key.

Staff without a device, in a role that does not require one, log in with the
password alone. Anyone may enrol from "Two-factor login" in the admin's top bar.
A site administrator resets a lost device from the staff list (an action); a
superuser can also run `manage.py reset_two_factor USERNAME`.
"""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin import site as admin_site
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import DEVICE_ID_SESSION_KEY, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.accounts.models import TwoFactorRequirement
from newsroom.accounts.roles import ROLE_NAMES
from newsroom.accounts.throttling import locked_out

# The session key of what is still owed after the password: VERIFY or ENROL.
SECOND_STEP_SESSION_KEY = "newsroom_second_step"
VERIFY = "verify"
ENROL = "enrol"


def role_requires_two_factor(user) -> bool:
    return TwoFactorRequirement.objects.filter(
        required=True,
        role__in=user.groups.filter(name__in=ROLE_NAMES).values("name"),
    ).exists()


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def second_step_for(user) -> str | None:
    """What a user owes after a right password: a code, an enrolment, or nothing."""
    if confirmed_device(user) is not None:
        return VERIFY
    if role_requires_two_factor(user):
        return ENROL
    return None


@receiver(user_logged_in, dispatch_uid="newsroom.accounts.note_second_step")
def note_second_step(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    step = second_step_for(user)
    if step:
        request.session[SECOND_STEP_SESSION_KEY] = step
    else:
        request.session.pop(SECOND_STEP_SESSION_KEY, None)


def reset_two_factor(user) -> int:
    """Remove the user's devices (a lost phone): at the next login they enrol
    again if their role requires it. Returns how many devices went."""
    deleted, _kinds = TOTPDevice.objects.filter(user=user).delete()
    return deleted


def _second_step_paths() -> set[str]:
    return {
        reverse("two_factor:verify"),
        reverse("two_factor:enrol"),
        reverse("admin:logout"),
        reverse("admin:login"),
    }


class SecondStepMiddleware:
    """Between the password and the second step, only the two-factor pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # No session: nothing owed, and the session is left unread (reading
            # it would add "Vary: Cookie" to every visitor's page).
            return self.get_response(request)
        step = request.session.get(SECOND_STEP_SESSION_KEY)
        if step and request.user.is_authenticated:
            path = request.path_info
            if path in _second_step_paths():
                pass
            elif path.startswith("/admin/"):
                target = reverse(f"two_factor:{step}")
                return HttpResponseRedirect(
                    f"{target}?{urlencode({'next': request.get_full_path()})}"
                )
            else:
                # Not staff on public pages until the second step is done.
                request.user = AnonymousUser()
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "size": 8,
            }
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isascii() or not code.isdigit():
            raise forms.ValidationError(_("The code is the 6 digits the app shows."))
        return code


WRONG_CODE = _(
    "That code is wrong, or was used already: type the code the app shows now."
)
WAIT = ngettext_lazy(
    "Too many wrong codes: wait %(seconds)d second, then type the code the app shows.",
    "Too many wrong codes: wait %(seconds)d seconds, then type the code the app shows.",
    "seconds",
)


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index")


def _credentials(user) -> dict:
    return {"username": user.get_username()}


def _check_code(request, form, device) -> bool:
    """Check the form's code against `device`: True when it is right. A wrong
    code is a form error and a failed login for django-axes."""
    allowed, details = device.verify_is_allowed()
    if not allowed:
        seconds = 1
        if details and details.get("locked_until"):
            remaining = details["locked_until"] - timezone.now()
            seconds = max(1, int(remaining.total_seconds() + 0.999))
        form.add_error("code", WAIT % {"seconds": seconds})
    elif verify_token(request.user, device.persistent_id, form.cleaned_data["code"]):
        return True
    else:
        form.add_error("code", WRONG_CODE)
    user_login_failed.send(
        sender=__name__, credentials=_credentials(request.user), request=request
    )
    return False


def _complete(request, device):
    """The second step is done: the session is verified with `device`."""
    request.session.pop(SECOND_STEP_SESSION_KEY, None)
    request.session.cycle_key()
    otp_login(request, device)


def _locked(request):
    """The throttle's 429 page; the half-done login ends."""
    logout(request)
    return locked_out(request)


def _page(request, template, context):
    return TemplateResponse(
        request,
        template,
        {**admin_site.each_context(request), "next": _next_url(request), **context},
    )


def _staff_only(view):
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_active):
            login = reverse("admin:login")
            return HttpResponseRedirect(f"{login}?{urlencode({'next': request.path})}")
        if not request.user.is_staff:
            return redirect("admin:login")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@sensitive_post_parameters("code")
@never_cache
@_staff_only
def verify(request):
    """After the password: the code from the user's authenticator app."""
    if request.session.get(SECOND_STEP_SESSION_KEY) != VERIFY:
        return redirect(_next_url(request))
    user = request.user
    if not AxesProxyHandler.is_allowed(request, _credentials(user)):
        return _locked(request)
    device = confirmed_device(user)
    if device is None:  # reset meanwhile: what is owed now?
        note_second_step(None, request, user)
        return redirect(_next_url(request))
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        if _check_code(request, form, device):
            _complete(request, device)
            return redirect(_next_url(request))
        if not AxesProxyHandler.is_allowed(request, _credentials(user)):
            return _locked(request)
    return _page(
        request,
        "admin/two_factor/verify.html",
        {"title": _("Two-factor login"), "form": form},
    )


def _qr_svg(device) -> str:
    """The otpauth:// address as an inline SVG QR code (no external image)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=2, title=str(_("QR code of your two-factor secret"))
    )


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@sensitive_post_parameters("code")
@never_cache
@_staff_only
def enrol(request):
    """The user's own two-factor page: the state, or enrolment of an app.

    The secret (QR code and text) shows only while the device is unconfirmed;
    once a code has confirmed it, nothing shows it again.
    """
    step = request.session.get(SECOND_STEP_SESSION_KEY)
    if step == VERIFY:
        return redirect("two_factor:verify")
    user = request.user
    device = confirmed_device(user)
    if device is not None:
        return _page(
            request,
            "admin/two_factor/enrol.html",
            {
                "title": _("Two-factor login"),
                "device": device,
                "required": role_requires_two_factor(user),
            },
        )
    if not AxesProxyHandler.is_allowed(request, _credentials(user)):
        return _locked(request)
    with transaction.atomic():
        pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if pending is None:
            pending = TOTPDevice.objects.create(
                user=user, name="Authenticator app", confirmed=False
            )
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        if _check_code(request, form, pending):
            with transaction.atomic():
                TOTPDevice.objects.filter(pk=pending.pk).update(confirmed=True)
                TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            pending.refresh_from_db()
            _complete(request, pending)
            messages.success(
                request,
                _(
                    "Two-factor login is on: from now on you log in with your password "
                    "and a code from the app."
                ),
            )
            return redirect(_next_url(request))
        if not AxesProxyHandler.is_allowed(request, _credentials(user)):
            return _locked(request)
    return _page(
        request,
        "admin/two_factor/enrol.html",
        {
            "title": _("Two-factor login"),
            "form": form,
            "qr_svg": _qr_svg(pending),
            "secret": _grouped(b32encode(pending.bin_key).decode()),
            "issuer": settings.OTP_TOTP_ISSUER,
            "must_enrol": step == ENROL,
        },
    )
