"""The back office's language: the staff member's choice, else the browser's.

Public pages take their language from their address (/ru/…; none: the default
language), and Django's LocaleMiddleware gives every unprefixed address the
default language when i18n_patterns has no prefix for it. The admin's
addresses have no prefix either, so under the admin this middleware reads the
language cookie (set by Django's set_language view, the form in the admin's
header) and then the browser's Accept-Language instead.
"""

from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers


def is_back_office(request) -> bool:
    return request.path_info.startswith(reverse("admin:index"))


class BackOfficeLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if not is_back_office(request):
            return super().process_request(request)
        translation.activate(
            translation.get_language_from_request(request, check_path=False)
        )
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if is_back_office(request):
            # The language comes from the cookie as well as Accept-Language.
            patch_vary_headers(response, ("Cookie",))
        return response
