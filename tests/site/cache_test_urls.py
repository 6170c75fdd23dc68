"""The site's URLs plus pages that carry something of the visitor's own (a CSRF
token, a message, a cookie) or a CSP nonce, for the page cache's rules
(tests/site/test_page_cache.py, test_compression.py). Each counts its renders."""

from collections import Counter

from django.contrib import messages
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

renders = Counter()
PADDING = "<p>" + "Enough text to be worth compressing. " * 20 + "</p>"


def _page(name, body):
    renders[name] += 1
    return HttpResponse(f"<!doctype html><title>{name}</title>{body}{PADDING}")


def csrf_form(request):
    form = engines["django"].from_string(
        '<form method="post">{% csrf_token %}<button>Send</button></form>'
    )
    return _page("csrf", form.render({}, request))


def with_message(request):
    messages.info(request, "Subscribed.")
    return _page("message", "<p>Thank you.</p>")


def sets_cookie(request):
    response = _page("cookie", "<p>Remembered.</p>")
    response.set_cookie("choice", "1")
    return response


def inline_script(request):
    return _page("nonce", f'<script nonce="{request.csp_nonce}">let a = 1;</script>')


urlpatterns = [
    path("test-pages/csrf/", csrf_form),
    path("test-pages/message/", with_message),
    path("test-pages/cookie/", sets_cookie),
    path("test-pages/nonce/", inline_script),
    *site_urlpatterns,
]
